//! Parse corpus files N times in one thread and print files/s and MB/s:
//! `cargo run --release --example parse_loop -- [N] [FOLDER...]`.
//!
//! FOLDERs default to `xml`, relative to `SEC13D_CORPUS` or `../shared/corpus`; `legacy` stands
//! for `sgml_txt html text`. `--dump FILE` writes the full output of every file (spans and
//! findings included) as JSON lines instead, to check that a change keeps outputs identical.
#[path = "../tests/common/mod.rs"]
mod common;

use std::path::PathBuf;
use std::time::Instant;

/// The allocator of the Python extension, so the numbers are what users get.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let corpus = common::corpus_path();
    let mut n = 20usize;
    let mut folders: Vec<String> = Vec::new();
    let mut dump: Option<String> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--dump" {
            dump = args.next();
        } else if let Ok(k) = a.parse() {
            n = k;
        } else if a == "legacy" {
            folders.extend(["sgml_txt", "html", "text"].map(String::from));
        } else {
            folders.push(a);
        }
    }
    if folders.is_empty() {
        folders.push("xml".into());
    }
    let all: Vec<(PathBuf, Vec<u8>)> = folders
        .iter()
        .flat_map(|f| common::files(&corpus, f))
        .collect();
    if let Some(out) = dump {
        let mut s = String::new();
        for (p, d) in &all {
            let name = p.file_name().unwrap_or_default().to_string_lossy();
            let line = match sec13d::parse_filing(d) {
                Ok(f) => serde_json::to_string(&f).unwrap_or_default(),
                Err(e) => format!("ERROR {e}"),
            };
            s.push_str(&format!("{name}\t{line}\n"));
        }
        std::fs::write(&out, s).expect("write dump");
        eprintln!("wrote {} files to {out}", all.len());
        return;
    }
    let bytes: usize = all.iter().map(|(_, d)| d.len()).sum();
    let start = Instant::now();
    let mut ok = 0usize;
    for _ in 0..n {
        for (_, d) in &all {
            ok += usize::from(
                std::hint::black_box(sec13d::parse_filing(std::hint::black_box(d))).is_ok(),
            );
        }
    }
    let secs = start.elapsed().as_secs_f64();
    let nf = (all.len() * n) as f64;
    println!(
        "{} files ({} parse), {:.1} KB, x{n}: {:.1} ms, {:.0} files/s, {:.2} µs/file, {:.1} MB/s",
        all.len(),
        ok / n.max(1),
        bytes as f64 / 1e3,
        secs * 1e3,
        nf / secs,
        secs * 1e6 / nf,
        (bytes * n) as f64 / secs / 1e6
    );
}
