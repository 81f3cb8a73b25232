//! Item 5(c) trades: every transaction a filer reports, as a row.

use crate::model::Schedule13D;

/// Fill `filing.trades` from Item 5(c) and from the schedules/annexes/exhibits it points to.
/// `documents` are the submission's other text/HTML documents as (offset of the body in the
/// decoded submission, body, is_html).
pub fn extract(filing: &mut Schedule13D, documents: &[(usize, &str, bool)]) {
    let _ = (filing, documents);
}
