//! Legacy plain-text and HTML schedules (1993-2024).

use crate::error::{Error, Position, Result};
use crate::model::Schedule13D;

/// Parse a legacy text (`html == false`) or HTML schedule. `base` is the offset of `doc` in
/// the text that spans point into.
pub fn parse(doc: &str, base: usize, html: bool) -> Result<Schedule13D> {
    let _ = (doc, base, html);
    Err(Error::not_schedule("legacy text/HTML schedules are not read yet", Position::default()))
}
