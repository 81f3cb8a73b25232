//! Parse every legacy corpus file (sgml_txt, html, text) N times and print the throughput:
//! `cargo run --release --example legacy_loop -- [N] [CORPUS]`. Meant for profilers
//! (`valgrind --tool=callgrind`) as well as a quick wall-clock number.
use std::path::{Path, PathBuf};

fn main() {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(1);
    let dir = args
        .next()
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"));
    let mut files = Vec::new();
    for fmt in ["sgml_txt", "html", "text"] {
        let Ok(rd) = std::fs::read_dir(dir.join(fmt)) else {
            continue;
        };
        let mut paths: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        files.extend(paths.into_iter().filter_map(|p| std::fs::read(p).ok()));
    }
    let bytes: usize = files.iter().map(Vec::len).sum();
    let t = std::time::Instant::now();
    let mut persons = 0;
    for _ in 0..n {
        for f in &files {
            if let Ok(s) = sec13d::parse_filing(f) {
                persons += s.reporting_persons.len();
            }
        }
    }
    let secs = t.elapsed().as_secs_f64();
    println!(
        "{} files, {} bytes x {n}: {:.3} s, {:.1} MiB/s ({persons} persons)",
        files.len(),
        bytes,
        secs,
        (bytes * n) as f64 / secs / (1 << 20) as f64
    );
}
