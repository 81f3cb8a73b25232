//! Batches: directories, globs, archives (tar, tar.gz, zip), bytes, broken files, progress.

mod common;

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use sec13d::batch::{
    iter_parse, list_sources, parse_many, BatchError, FailureKind, Options, Source, ERRORS_COLUMNS,
    FILINGS_COLUMNS,
};

/// A tiny 13D in the SEC's XML format.
fn tiny_xml(issuer: &str, accession: &str) -> Vec<u8> {
    format!(
        r#"<?xml version="1.0"?>
<edgarSubmission xmlns="http://www.sec.gov/edgar/schedule13D"><headerData>
<submissionType>SCHEDULE 13D</submissionType></headerData><formData><coverPageHeader>
<securitiesClassTitle>Common Stock</securitiesClassTitle>
<issuerInfo><issuerCIK>0000012345</issuerCIK><issuerCUSIP>123456789</issuerCUSIP><issuerName>{issuer}</issuerName></issuerInfo>
</coverPageHeader><reportingPersons><reportingPersonInfo><reportingPersonName>{accession} Holder</reportingPersonName>
<aggregateAmountOwned>100</aggregateAmountOwned><percentOfClass>5.1</percentOfClass></reportingPersonInfo></reportingPersons>
</formData></edgarSubmission>"#
    )
    .into_bytes()
}

/// A temporary folder removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(tag: &str) -> Self {
        static N: AtomicUsize = AtomicUsize::new(0);
        let n = N.fetch_add(1, Ordering::Relaxed);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let dir = std::env::temp_dir().join(format!(
            "sec13d-batch-{tag}-{}-{nanos}-{n}",
            std::process::id()
        ));
        fs::create_dir_all(&dir).expect("create temp dir");
        TempDir(dir)
    }

    fn path(&self) -> &Path {
        &self.0
    }

    fn write(&self, rel: &str, data: &[u8]) -> PathBuf {
        let p = self.0.join(rel);
        if let Some(parent) = p.parent() {
            fs::create_dir_all(parent).expect("create dir");
        }
        fs::write(&p, data).expect("write file");
        p
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

/// The corpus's `primary_doc.xml` files: known-good inputs.
fn corpus_xml(corpus: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(corpus.join("xml"))
        .expect("read corpus/xml")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "xml"))
        .collect();
    files.sort();
    files
}

fn tar_bytes(members: &[(&str, &[u8])]) -> Vec<u8> {
    let mut b = tar::Builder::new(Vec::new());
    for (name, data) in members {
        let mut h = tar::Header::new_gnu();
        h.set_size(data.len() as u64);
        h.set_mode(0o644);
        h.set_cksum();
        b.append_data(&mut h, name, *data).expect("tar append");
    }
    b.into_inner().expect("tar finish")
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(data).expect("gzip");
    e.finish().expect("gzip finish")
}

fn zip_bytes(members: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (i, (name, data)) in members.iter().enumerate() {
        let method = if i % 2 == 0 {
            zip::CompressionMethod::Deflated
        } else {
            zip::CompressionMethod::Stored
        };
        let opts = zip::write::SimpleFileOptions::default().compression_method(method);
        w.start_file(*name, opts).expect("zip start");
        w.write_all(data).expect("zip write");
    }
    w.finish().expect("zip finish").into_inner()
}

fn one_thread() -> Options {
    Options {
        threads: Some(1),
        ..Options::default()
    }
}

#[test]
fn directory_is_walked_recursively_and_filtered() {
    let t = TempDir::new("dir");
    t.write("a.xml", &tiny_xml("Alpha", "1"));
    t.write("sub/deeper/b.txt", &tiny_xml("Beta", "2"));
    t.write("sub/c.HTM", &tiny_xml("Gamma", "3"));
    t.write("notes.json", b"{}");
    t.write(".hidden/d.xml", &tiny_xml("Hidden", "4"));
    t.write("sub/.e.xml", &tiny_xml("Hidden", "5"));
    let batch = parse_many(vec![Source::from(t.path())], &one_thread(), None).expect("batch");
    assert!(batch.errors.is_empty(), "{:?}", batch.errors);
    let issuers: Vec<_> = batch
        .filings
        .iter()
        .map(|f| f.issuer.name.clone().unwrap_or_default())
        .collect();
    assert_eq!(issuers, ["Alpha", "Gamma", "Beta"]); // sorted by name: a.xml, sub/c.HTM < sub/deeper
    assert!(batch.sources[0].ends_with("a.xml"));
}

#[test]
fn broken_file_in_the_middle_is_reported_and_the_rest_parsed() {
    let t = TempDir::new("broken");
    t.write("1.xml", &tiny_xml("One", "1"));
    t.write("2.xml", b"<edgarSubmission><formData><coverPageHeader>");
    t.write("3.txt", b"");
    t.write("4.txt", b"\xff\xfe this is not a filing at all");
    t.write("5.xml", &tiny_xml("Five", "5"));
    for threads in [1, 2] {
        let opts = Options {
            threads: Some(threads),
            ..Options::default()
        };
        let batch = parse_many(vec![Source::from(t.path())], &opts, None).expect("batch");
        assert_eq!(batch.len(), 5);
        let issuers: Vec<_> = batch
            .filings
            .iter()
            .filter_map(|f| f.issuer.name.clone())
            .collect();
        assert!(
            issuers.contains(&"One".to_string()) && issuers.contains(&"Five".to_string()),
            "{issuers:?}"
        );
        assert!(batch.errors.len() >= 2, "{:?}", batch.errors);
        for e in &batch.errors {
            assert!(
                matches!(e.kind, FailureKind::Parse | FailureKind::NotSchedule),
                "{e}"
            );
            assert!(!e.message.is_empty());
        }
        assert!(batch
            .errors
            .iter()
            .any(|e| e.source.ends_with("3.txt") && e.kind == FailureKind::Parse));
        let table = batch.errors_table();
        assert_eq!(
            table.columns.iter().map(|(n, _)| *n).collect::<Vec<_>>(),
            ERRORS_COLUMNS
        );
        assert_eq!(table.height(), batch.errors.len());
    }
}

#[test]
fn empty_directory_gives_an_empty_batch() {
    let t = TempDir::new("empty");
    let batch =
        parse_many(vec![Source::from(t.path())], &Options::default(), None).expect("no error");
    assert!(batch.is_empty());
    assert_eq!(batch.filings_table().height(), 0);
    assert_eq!(
        iter_parse(vec![Source::from(t.path())], &Options::default(), None)
            .expect("iter")
            .count(),
        0
    );
}

#[test]
fn missing_path_is_a_clear_error() {
    let t = TempDir::new("missing");
    let missing = t.path().join("no-such-dir");
    let good = t.write("ok.xml", &tiny_xml("Ok", "1"));
    let err = parse_many(
        vec![Source::from(good), Source::from(missing.clone())],
        &Options::default(),
        None,
    )
    .expect_err("missing path");
    assert_eq!(err, BatchError::NotFound(missing.clone()));
    let msg = err.to_string();
    assert!(
        msg.contains("no such file or directory") && msg.contains("no-such-dir"),
        "{msg}"
    );
    assert!(iter_parse(vec![Source::from(missing)], &Options::default(), None).is_err());
}

#[test]
fn tar_targz_and_zip_members_are_sources() {
    let t = TempDir::new("archives");
    let a = tiny_xml("TarOne", "1");
    let b = tiny_xml("TarTwo", "2");
    let members: [(&str, &[u8]); 4] = [
        ("feed/0001.nc", &a),
        ("feed/readme.json", b"{}"),
        ("feed/bad.txt", b"garbage"),
        ("feed/0002.xml", &b),
    ];
    t.write("in/x.tar", &tar_bytes(&members));
    t.write("in/y.tar.gz", &gzip(&tar_bytes(&members)));
    t.write("in/z.tgz", &gzip(&tar_bytes(&members[..1])));
    t.write(
        "in/w.zip",
        &zip_bytes(&[
            ("d/0001.xml", &a),
            ("__MACOSX/d/._0001.xml", b"x"),
            ("d/0002.htm", &b),
        ]),
    );
    t.write("in/plain.xml", &tiny_xml("Plain", "3"));
    for chunk_size in [1, 2, 1000] {
        let opts = Options {
            chunk_size,
            ..Options::default()
        };
        let batch =
            parse_many(vec![Source::from(t.path().join("in"))], &opts, None).expect("batch");
        let names: Vec<String> = batch
            .sources
            .iter()
            .map(|s| {
                s.rsplit_once("in/")
                    .map_or(s.clone(), |(_, rel)| rel.to_string())
            })
            .collect();
        assert_eq!(
            names,
            [
                "plain.xml",
                "w.zip#d/0001.xml",
                "w.zip#d/0002.htm",
                "x.tar#feed/0001.nc",
                "x.tar#feed/0002.xml",
                "y.tar.gz#feed/0001.nc",
                "y.tar.gz#feed/0002.xml",
                "z.tgz#feed/0001.nc"
            ]
        );
        assert_eq!(batch.errors.len(), 2, "{:?}", batch.errors);
        assert!(batch
            .errors
            .iter()
            .all(|e| e.source.ends_with("#feed/bad.txt")));
    }
}

#[test]
fn mixed_sources_keep_their_order() {
    let t = TempDir::new("mixed");
    let dir = t.path().join("d");
    t.write("d/1.xml", &tiny_xml("D1", "1"));
    t.write("d/2.txt", &tiny_xml("D2", "2"));
    let single = t.write("single.xml", &tiny_xml("Single", "3"));
    let tgz = t.write(
        "feed.tar.gz",
        &gzip(&tar_bytes(&[("a.nc", &tiny_xml("Feed", "4"))])),
    );
    let sources = vec![
        Source::bytes("mem-1", tiny_xml("Mem", "5")),
        Source::from(tgz),
        Source::from(dir),
        Source::Glob(format!("{}/*.xml", t.path().display())),
        Source::from(single),
    ];
    let expected = ["Mem", "Feed", "D1", "D2", "Single", "Single"];
    let batch = parse_many(sources.clone(), &Options::default(), None).expect("batch");
    let issuers: Vec<_> = batch
        .filings
        .iter()
        .filter_map(|f| f.issuer.name.clone())
        .collect();
    assert_eq!(issuers, expected);
    assert_eq!(batch.sources[0], "mem-1");
    assert!(batch.sources[1].ends_with("feed.tar.gz#a.nc"));
    let listed = list_sources(sources.clone()).expect("list");
    assert_eq!(listed, batch.sources);
    // The same sources through the chunked form, 2 at a time.
    let opts = Options {
        chunk_size: 2,
        ..Options::default()
    };
    let chunks: Vec<_> = iter_parse(sources, &opts, None).expect("iter").collect();
    assert_eq!(
        chunks.iter().map(|c| c.len()).collect::<Vec<_>>(),
        [2, 2, 2]
    );
    let streamed: Vec<_> = chunks
        .iter()
        .flat_map(|c| c.filings.iter().filter_map(|f| f.issuer.name.clone()))
        .collect();
    assert_eq!(streamed, expected);
}

#[test]
fn glob_pattern_in_a_path_and_no_match() {
    let t = TempDir::new("glob");
    t.write("a/1.xml", &tiny_xml("A1", "1"));
    t.write("b/2.xml", &tiny_xml("B2", "2"));
    t.write("b/3.json", b"{}");
    let pattern = format!("{}/*/*.xml", t.path().display());
    let batch = parse_many(
        vec![Source::from(pattern.as_str())],
        &Options::default(),
        None,
    )
    .expect("glob");
    assert_eq!(batch.filings.len(), 2);
    let none = format!("{}/*/*.nothing", t.path().display());
    let batch =
        parse_many(vec![Source::from(none.as_str())], &Options::default(), None).expect("no match");
    assert!(batch.is_empty());
    let bad = parse_many(
        vec![Source::Glob("[".to_string())],
        &Options::default(),
        None,
    );
    assert!(matches!(bad, Err(BatchError::Pattern { .. })));
}

#[test]
fn corrupt_archives_are_error_records() {
    let t = TempDir::new("corrupt");
    t.write("bad.zip", b"PK\x03\x04 not really a zip");
    t.write("bad.tar.gz", b"\x1f\x8b\x08\x00 truncated gzip");
    let mut tgz = gzip(&tar_bytes(&[
        ("a.xml", &tiny_xml("A", "1")),
        ("b.xml", &tiny_xml("B", "2")),
    ]));
    tgz.truncate(tgz.len() - 20);
    t.write("cut.tgz", &tgz);
    t.write("good.xml", &tiny_xml("Good", "1"));
    let batch = parse_many(vec![Source::from(t.path())], &Options::default(), None).expect("batch");
    assert!(batch
        .filings
        .iter()
        .any(|f| f.issuer.name.as_deref() == Some("Good")));
    assert!(
        batch
            .errors
            .iter()
            .any(|e| e.source.ends_with("bad.zip") && e.kind == FailureKind::Io),
        "{:?}",
        batch.errors
    );
    assert!(
        batch
            .errors
            .iter()
            .any(|e| e.source.ends_with("bad.tar.gz")),
        "{:?}",
        batch.errors
    );
    assert!(
        batch.errors.iter().any(|e| e.source.contains("cut.tgz")),
        "{:?}",
        batch.errors
    );
}

#[test]
fn progress_is_reported_to_the_end() {
    let sources: Vec<Source> = (0..50)
        .map(|i| Source::bytes(format!("m{i}"), tiny_xml("P", "1")))
        .collect();
    let calls = Mutex::new(Vec::new());
    let cb = |done: usize, total: Option<usize>| {
        calls
            .lock()
            .map(|mut c| c.push((done, total)))
            .unwrap_or(())
    };
    let opts = Options {
        progress_interval: std::time::Duration::ZERO,
        threads: Some(2),
        ..Options::default()
    };
    let batch = parse_many(sources, &opts, Some(&cb)).expect("batch");
    assert_eq!(batch.filings.len(), 50);
    let calls = calls.into_inner().expect("lock");
    assert_eq!(calls.first(), Some(&(0, Some(50))));
    assert_eq!(calls.last(), Some(&(50, Some(50))));
    assert!(calls.len() > 2);

    // The chunked form, with an owned callback; archives make the total unknown.
    let t = TempDir::new("progress");
    let tar = t.write(
        "f.tar",
        &tar_bytes(&[
            ("a.xml", &tiny_xml("A", "1")),
            ("b.xml", &tiny_xml("B", "2")),
        ]),
    );
    let seen = Arc::new(Mutex::new(Vec::new()));
    let sink = Arc::clone(&seen);
    let cb: sec13d::batch::SharedProgress =
        Arc::new(move |d, t| sink.lock().map(|mut c| c.push((d, t))).unwrap_or(()));
    let opts = Options {
        chunk_size: 1,
        ..Options::default()
    };
    let chunks = iter_parse(vec![Source::from(tar)], &opts, Some(cb)).expect("iter");
    assert_eq!(chunks.total(), None);
    assert_eq!(chunks.count(), 2);
    let seen = seen.lock().expect("lock").clone();
    assert_eq!(seen.first(), Some(&(0, None)));
    assert_eq!(seen.last(), Some(&(2, Some(2))));
}

#[test]
fn tables_have_the_documented_columns() {
    let batch = parse_many(
        vec![Source::bytes("x", tiny_xml("Tab", "1"))],
        &Options::default(),
        None,
    )
    .expect("batch");
    let t = batch.filings_table();
    assert_eq!(
        t.columns.iter().map(|(n, _)| *n).collect::<Vec<_>>(),
        FILINGS_COLUMNS
    );
    assert_eq!(t.height(), 1);
    assert_eq!(batch.holdings().height(), 1);
    assert_eq!(
        t.column("source"),
        Some(&sec13d::columns::Column::Str(vec![Some("x".to_string())]))
    );
    assert_eq!(
        t.column("persons_count"),
        Some(&sec13d::columns::Column::Int(vec![Some(1)]))
    );
    assert_eq!(
        t.column("issuer_name"),
        Some(&sec13d::columns::Column::Str(vec![Some("Tab".to_string())]))
    );
}

#[test]
fn corpus_xml_in_directory_tar_gz_and_zip() {
    let Some(corpus) = common::corpus_with("xml") else {
        return;
    };
    let files = corpus_xml(&corpus);
    assert!(!files.is_empty());
    let t = TempDir::new("corpus");
    let data: Vec<(String, Vec<u8>)> = files
        .iter()
        .filter_map(|p| {
            Some((
                p.file_name()?.to_string_lossy().into_owned(),
                fs::read(p).ok()?,
            ))
        })
        .collect();
    let members: Vec<(&str, &[u8])> = data
        .iter()
        .map(|(n, d)| (n.as_str(), d.as_slice()))
        .collect();
    t.write("c.tar.gz", &gzip(&tar_bytes(&members)));
    t.write("c.zip", &zip_bytes(&members));
    let expected = parse_many(
        vec![Source::from(corpus.join("xml"))],
        &Options::default(),
        None,
    )
    .expect("dir");
    // corpus/xml also holds full submissions (*.txt) around XML: all are known-good.
    assert!(
        expected.filings.len() >= files.len(),
        "{:?}",
        expected.errors
    );
    assert!(expected.errors.is_empty(), "{:?}", expected.errors);
    for archive in ["c.tar.gz", "c.zip"] {
        let opts = Options {
            chunk_size: 7,
            threads: Some(2),
            ..Options::default()
        };
        let mut total = 0;
        for chunk in
            iter_parse(vec![Source::from(t.path().join(archive))], &opts, None).expect("iter")
        {
            assert!(chunk.len() <= 7);
            assert!(chunk.errors.is_empty(), "{:?}", chunk.errors);
            total += chunk.filings.len();
        }
        assert_eq!(total, files.len(), "{archive}");
    }
    let one = parse_many(vec![Source::from(corpus.join("xml"))], &one_thread(), None)
        .expect("one thread");
    assert_eq!(one.filings, expected.filings);
}

#[test]
fn daily_feed_with_other_forms_skipped() {
    let Some(corpus) = common::corpus_with("xml") else {
        return;
    };
    let mut data: Vec<(String, Vec<u8>)> = fs::read_dir(corpus.join("xml"))
        .expect("read corpus/xml")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .filter_map(|p| {
            Some((
                format!("{}.nc", p.file_stem()?.to_string_lossy()),
                fs::read(&p).ok()?,
            ))
        })
        .collect();
    let submissions = data.len();
    assert!(submissions > 0);
    let ten_k = "<SEC-DOCUMENT>0000000000-24-000001.txt : 20240101\n<SEC-HEADER>0000000000-24-000001.hdr.sgml : \
                 20240101\nCONFORMED SUBMISSION TYPE:\t10-K\n</SEC-HEADER>\n<DOCUMENT>\n<TYPE>10-K\n<TEXT>\nannual \
                 report\n</TEXT>\n</DOCUMENT>\n</SEC-DOCUMENT>\n";
    data.insert(
        1,
        (
            "0000000000-24-000001.nc".to_string(),
            ten_k.as_bytes().to_vec(),
        ),
    );
    let members: Vec<(&str, &[u8])> = data
        .iter()
        .map(|(n, d)| (n.as_str(), d.as_slice()))
        .collect();
    let t = TempDir::new("feed");
    let feed = t.write("20240101.nc.tar.gz", &gzip(&tar_bytes(&members)));
    let opts = Options {
        skip_other_forms: true,
        keep_spans: false,
        chunk_size: 3,
        ..Options::default()
    };
    let batch = parse_many(vec![Source::from(feed.clone())], &opts, None).expect("feed");
    assert_eq!(
        (batch.filings.len(), batch.errors.len(), batch.skipped),
        (submissions, 0, 1),
        "{:?}",
        batch.errors
    );
    assert!(batch
        .filings
        .iter()
        .all(|f| f.spans.is_empty() && f.accession_number.is_some()));
    let kept = parse_many(vec![Source::from(feed)], &Options::default(), None).expect("feed");
    assert_eq!(kept.errors.len(), 1);
    assert_eq!(kept.errors[0].kind, FailureKind::NotSchedule);
    assert!(kept.errors[0]
        .source
        .ends_with(".tar.gz#0000000000-24-000001.nc"));
}

#[test]
fn whole_corpus_every_source_accounted_for_and_no_panic() {
    let Some(corpus) = common::corpus_with("xml") else {
        return;
    };
    let listed = list_sources(vec![Source::from(corpus.clone())]).expect("list");
    assert!(listed
        .iter()
        .all(|s| !s.ends_with(".json") && !s.ends_with(".md") && !s.ends_with(".tsv")));
    let batch = parse_many(vec![Source::from(corpus)], &Options::default(), None).expect("corpus");
    assert_eq!(batch.len(), listed.len());
    let panics: Vec<_> = batch
        .errors
        .iter()
        .filter(|e| e.kind == FailureKind::Panic)
        .collect();
    assert!(panics.is_empty(), "{panics:?}");
    let mut seen: Vec<&str> = batch
        .sources
        .iter()
        .chain(batch.errors.iter().map(|e| &e.source))
        .map(String::as_str)
        .collect();
    seen.sort_unstable();
    let mut expected: Vec<&str> = listed.iter().map(String::as_str).collect();
    expected.sort_unstable();
    assert_eq!(seen, expected);
    println!(
        "corpus: {} filings, {} errors",
        batch.filings.len(),
        batch.errors.len()
    );
}
