//! What the cargo tests, benches and examples share: where the corpus is, and its files.
//! (Included with `mod common;` in tests and `#[path]` in benches/examples; each binary uses
//! part of it.)
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// `$SEC13D_CORPUS`, else `../shared/corpus` beside the crate (it may not exist).
pub fn corpus_path() -> PathBuf {
    std::env::var_os("SEC13D_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"))
}

/// The corpus folder when it holds `sub` (e.g. `labels`, `xml`), else `None` after printing
/// why the caller skips.
pub fn corpus_with(sub: &str) -> Option<PathBuf> {
    let dir = corpus_path();
    if dir.join(sub).is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "skipped: no corpus with {sub}/ at {} (set SEC13D_CORPUS or place shared/ beside the repo)",
            dir.display()
        );
        None
    }
}

/// The corpus folder, or `None` after printing why the caller skips.
pub fn corpus() -> Option<PathBuf> {
    corpus_with("")
}

/// The SEC sample filings beside the corpus (`../spec/samples`).
pub fn samples_path() -> PathBuf {
    corpus_path().join("../spec/samples")
}

/// The files of one corpus folder, sorted by name, with their bytes.
pub fn files(corpus: &Path, folder: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let Ok(dir) = std::fs::read_dir(corpus.join(folder)) else {
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = dir
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    paths.sort();
    paths
        .into_iter()
        .filter_map(|p| std::fs::read(&p).ok().map(|d| (p, d)))
        .collect()
}
