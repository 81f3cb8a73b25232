//! Print the normalised [`sec13d::view::View`] of each file's schedule document (lines, cells
//! shown as ` | `): `cargo run --release --example legacy_view FILE...`. A debugging aid for
//! legacy layouts.
use sec13d::container::{Content, Submission};
use sec13d::text::Decoded;

fn main() {
    for path in std::env::args().skip(1) {
        let bytes = std::fs::read(&path).unwrap_or_default();
        let decoded = Decoded::new(&bytes);
        let text: &str = &decoded.text;
        let Ok(sub) = Submission::parse(text) else {
            println!("{path}: not a submission");
            continue;
        };
        let Some(doc) = sub.schedule_document() else {
            println!("{path}: no schedule document");
            continue;
        };
        let view = sec13d::view::View::new(
            &text[doc.body.clone()],
            doc.body.start,
            doc.content == Content::Html,
        );
        println!("==> {path}\n{}", view.text.replace('\t', " | "));
    }
}
