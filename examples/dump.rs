//! Print the parsed model of each file as JSON, or the error: `cargo run --example dump FILE...`.
fn main() {
    for path in std::env::args().skip(1) {
        let bytes = std::fs::read(&path).unwrap_or_default();
        match sec13d::parse_filing(&bytes) {
            Ok(mut f) => {
                f.spans.clear();
                println!(
                    "{path}\n{}",
                    serde_json::to_string_pretty(&f).unwrap_or_default()
                );
            }
            Err(e) => println!("{path}\nERROR {e}"),
        }
    }
}
