//! Criterion benchmarks of the core on the shared corpus (`SEC13D_CORPUS`, or
//! `../shared/corpus` beside the crate); every group is skipped, with a note, without it.
//!
//! `cargo bench --bench parse -- --warm-up-time 1 --measurement-time 3`
//!
//! - `xml/all`: every file of `corpus/xml` (primary_doc.xml and full submissions around it),
//!   container + XML parsing, throughput in bytes.
//! - `legacy/{sgml_txt,html,text}`: the legacy files that parse (the others are left out, so
//!   the number is the speed of successful parses), throughput in bytes.
//! - `parse_many/threads/{1,2}`: every file above read from disk and parsed by
//!   [`sec13d::batch::parse_many`] on 1 and 2 worker threads.

#[path = "../tests/common/mod.rs"]
mod common;

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use sec13d::batch::{parse_many, Options, Source};

/// The files that parse: a benchmark of the success path.
/// The allocator of the Python extension, so the numbers are what users get.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn parsing(files: Vec<(PathBuf, Vec<u8>)>) -> Vec<(PathBuf, Vec<u8>)> {
    files
        .into_iter()
        .filter(|(_, d)| sec13d::parse_filing(d).is_ok())
        .collect()
}

fn bytes(files: &[(PathBuf, Vec<u8>)]) -> u64 {
    files.iter().map(|(_, d)| d.len() as u64).sum()
}

fn bench_group(c: &mut Criterion, group: &str, name: &str, files: &[(PathBuf, Vec<u8>)]) {
    if files.is_empty() {
        eprintln!("skipped {group}/{name}: no file of it parses yet");
        return;
    }
    let mut g = c.benchmark_group(group);
    g.throughput(Throughput::Bytes(bytes(files)));
    g.bench_function(name, |b| {
        b.iter(|| {
            for (_, d) in files {
                let _ = black_box(sec13d::parse_filing(black_box(d)));
            }
        })
    });
    g.finish();
}

fn xml(c: &mut Criterion) {
    let Some(corpus) = common::corpus() else {
        return;
    };
    let files = common::files(&corpus, "xml");
    eprintln!("xml: {} files, {} bytes", files.len(), bytes(&files));
    bench_group(c, "xml", "all", &files);
}

fn legacy(c: &mut Criterion) {
    let Some(corpus) = common::corpus() else {
        return;
    };
    for folder in ["sgml_txt", "html", "text"] {
        let all = common::files(&corpus, folder);
        let n = all.len();
        let ok = parsing(all);
        eprintln!(
            "legacy/{folder}: {} of {n} files parse, {} bytes",
            ok.len(),
            bytes(&ok)
        );
        bench_group(c, "legacy", folder, &ok);
    }
}

fn many(c: &mut Criterion) {
    let Some(corpus) = common::corpus() else {
        return;
    };
    let mut all = Vec::new();
    for folder in ["xml", "sgml_txt", "html", "text"] {
        all.extend(parsing(common::files(&corpus, folder)));
    }
    if all.is_empty() {
        return;
    }
    eprintln!("parse_many: {} files, {} bytes", all.len(), bytes(&all));
    let mut g = c.benchmark_group("parse_many");
    g.throughput(Throughput::Bytes(bytes(&all)));
    for threads in [1, 2] {
        let options = Options {
            threads: Some(threads),
            ..Options::default()
        };
        g.bench_function(format!("threads/{threads}"), |b| {
            b.iter(|| {
                let sources = all.iter().map(|(p, _)| Source::Path(p.clone()));
                let batch = parse_many(sources, &options, None);
                black_box(batch.map(|b| b.filings.len()).unwrap_or(0))
            })
        });
    }
    g.finish();
}

criterion_group!(benches, xml, legacy, many);
criterion_main!(benches);
