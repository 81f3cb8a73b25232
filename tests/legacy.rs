//! Legacy text/HTML schedules read off real corpus files (skipped without the corpus), every
//! Schedule file of the text formats parsing, and an invariant report over all of them.

mod common;

use std::path::{Path, PathBuf};

use sec13d::model::Schedule13D;

fn parse(rel: &str) -> Option<Schedule13D> {
    let Some(dir) = common::corpus_with("sgml_txt") else {
        eprintln!("SKIP: corpus not found (set SEC13D_CORPUS)");
        return None;
    };
    let bytes = std::fs::read(dir.join(rel)).ok()?;
    Some(sec13d::parse_filing(&bytes).unwrap_or_else(|e| panic!("{rel}: {e}")))
}

fn date(y: i32, m: u32, d: u32) -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::from_ymd_opt(y, m, d)
}

#[test]
fn liveperson_seed_text() {
    let Some(f) = parse("text/liveperson_sc-13d-a_seed.txt") else {
        return;
    };
    assert_eq!(f.form_type.as_deref(), Some("SC 13D/A"));
    assert_eq!(f.amendment_number, Some(1));
    assert_eq!(f.issuer.name.as_deref(), Some("LivePerson, Inc."));
    assert_eq!(f.issuer.cusips, vec!["538146101".to_string()]);
    assert_eq!(f.event_date, date(2002, 12, 31));
    assert_eq!(f.reporting_persons.len(), 1);
    let p = &f.reporting_persons[0];
    assert_eq!(p.name, "Austin W. Marx and David M. Greenhouse");
    assert_eq!(p.source_of_funds, vec!["OO".to_string()]);
    assert_eq!(p.sole_voting_power, Some(0.0));
    assert_eq!(p.shared_voting_power, Some(7_900_354.0));
    assert_eq!(p.aggregate_amount, Some(7_900_354.0));
    assert_eq!(p.percent_of_class, Some(23.2));
    assert_eq!(
        p.type_of_reporting_person,
        vec!["IA".to_string(), "IN".to_string()]
    );
    assert_eq!(f.signatures.first().and_then(|s| s.date), date(2003, 2, 21));
    assert!(f.items.contains_key("5"));
    // Provenance points at the printed number.
    let span = f
        .source_of("reporting_persons[0].aggregate_amount")
        .expect("span");
    assert!(span.text.contains("7,900,354"), "{span:?}");
}

#[test]
fn ascii_art_13g_with_dash_zeros() {
    let Some(f) = parse("sgml_txt/0000913414-09-003236.txt") else {
        return;
    };
    assert_eq!(f.schedule.as_str(), "13G");
    assert_eq!(f.rules, vec!["Rule 13d-1(b)".to_string()]);
    let p = &f.reporting_persons[0];
    assert!(p.name.starts_with("BARCLAYS GLOBAL INVESTORS, NA"));
    assert_eq!(p.member_of_group.as_deref(), Some("b"));
    assert_eq!(p.sole_voting_power, Some(223_945.0));
    assert_eq!(p.shared_voting_power, Some(0.0));
    assert_eq!(p.sole_dispositive_power, Some(230_691.0));
    assert_eq!(p.percent_of_class, Some(3.38));
    assert_eq!(p.type_of_reporting_person, vec!["BK".to_string()]);
}

#[test]
fn html_cover_with_number_label_value_cells() {
    let Some(f) = parse("html/the-aes-corporation_sc-13d-a_bf4befeb.htm") else {
        return;
    };
    assert_eq!(f.amendment_number, Some(2));
    assert_eq!(f.issuer.cusips, vec!["00130H105".to_string()]);
    let p = &f.reporting_persons[0];
    assert_eq!(p.citizenship.as_deref(), Some("People's Republic of China"));
    assert_eq!(p.sole_voting_power, Some(0.0));
    assert_eq!(p.shared_voting_power, Some(420_830.0));
    assert_eq!(p.aggregate_amount, Some(420_830.0));
}

#[test]
fn number_of_shares_block_interleaved_with_rows() {
    let Some(f) = parse("sgml_txt/0000950142-96-000297.txt") else {
        return;
    };
    assert_eq!(f.reporting_persons.len(), 5);
    let p = &f.reporting_persons[0];
    assert_eq!(p.name, "J.J. Cramer & Co.");
    assert_eq!(p.sole_voting_power, Some(387_100.0));
    assert_eq!(p.shared_voting_power, Some(0.0));
    assert_eq!(p.percent_of_class, Some(8.5));
}

fn schedule_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for fmt in ["sgml_txt", "html", "text"] {
        if let Ok(rd) = std::fs::read_dir(dir.join(fmt)) {
            out.extend(rd.filter_map(|e| e.ok().map(|e| e.path())));
        }
    }
    out.sort();
    out
}

#[test]
fn every_schedule_file_parses_and_invariants_report() {
    let Some(dir) = common::corpus_with("sgml_txt") else {
        eprintln!("SKIP: corpus not found (set SEC13D_CORPUS)");
        return;
    };
    let mut failures = Vec::new();
    let (mut files, mut persons, mut no_persons) = (0, 0, 0);
    let (mut agg_checked, mut agg_broken, mut pct_broken, mut files_broken) = (0, 0, 0, 0);
    // Aggregate outside SPEC §5 bounds: >= max(voting sum, dispositive sum), <= all four.
    let (mut bounds_checked, mut bounds_broken) = (0, 0);
    for path in schedule_files(&dir) {
        let bytes = std::fs::read(&path).unwrap_or_default();
        let name = path
            .strip_prefix(&dir)
            .unwrap_or(&path)
            .display()
            .to_string();
        let f = match sec13d::parse_filing(&bytes) {
            Ok(f) => f,
            Err(e) => {
                failures.push(format!("{name}: {e}"));
                continue;
            }
        };
        files += 1;
        persons += f.reporting_persons.len();
        if f.reporting_persons.is_empty() {
            no_persons += 1;
            eprintln!("INVARIANT {name}: no cover page read");
        }
        let mut broken = false;
        for (i, p) in f.reporting_persons.iter().enumerate() {
            if let (Some(a), Some(s), Some(h)) = (
                p.aggregate_amount,
                p.sole_dispositive_power,
                p.shared_dispositive_power,
            ) {
                agg_checked += 1;
                if (a - (s + h)).abs() > 0.5 {
                    agg_broken += 1;
                    broken = true;
                    eprintln!("INVARIANT {name}: person {i} aggregate {a} != sole {s} + shared {h} dispositive");
                }
            }
            if let (Some(a), Some(v1), Some(v2), Some(d1), Some(d2)) = (
                p.aggregate_amount,
                p.sole_voting_power,
                p.shared_voting_power,
                p.sole_dispositive_power,
                p.shared_dispositive_power,
            ) {
                bounds_checked += 1;
                let low = (v1 + v2).max(d1 + d2);
                if a + 0.5 < low && p.excludes_certain_shares != Some(true)
                    || a > v1 + v2 + d1 + d2 + 0.5
                {
                    bounds_broken += 1;
                    eprintln!(
                        "BOUNDS {name}: person {i} aggregate {a} outside [{low}, {}]",
                        v1 + v2 + d1 + d2
                    );
                }
            }
            if let Some(pc) = p.percent_of_class {
                if !(0.0..=100.0).contains(&pc) {
                    pct_broken += 1;
                    broken = true;
                    eprintln!("INVARIANT {name}: person {i} percent {pc} outside [0, 100]");
                }
            }
        }
        files_broken += usize::from(broken || f.reporting_persons.is_empty());
    }
    eprintln!(
        "invariants: {files} files, {persons} persons, {no_persons} files without a cover, \
         aggregate=sole+shared dispositive broken for {agg_broken}/{agg_checked} persons, \
         percent outside [0,100]: {pct_broken}; files breaking an invariant: {files_broken}; \
         aggregate outside [max(voting, dispositive), sum of four powers] for \
         {bounds_broken}/{bounds_checked} persons"
    );
    // Files that are not schedules would be reported as such; every corpus file is one.
    assert!(
        failures.is_empty(),
        "files that failed to parse:\n{}",
        failures.join("\n")
    );
}

#[test]
fn not_a_schedule_is_a_clear_error() {
    let e = sec13d::parse_filing(
        b"<DOCUMENT>\n<TYPE>10-K\n<TEXT>\nANNUAL REPORT\n</TEXT>\n</DOCUMENT>\n",
    )
    .unwrap_err();
    assert!(e.to_string().contains("not a Schedule 13D/13G"), "{e}");
    let e = sec13d::parse_filing(b"just some words about nothing at all\n").unwrap_err();
    assert!(e.to_string().contains("not a Schedule 13D/13G"), "{e}");
}

#[test]
fn large_junk_is_fast_and_safe() {
    let mut junk = Vec::with_capacity(8 << 20);
    let mut x: u32 = 12345;
    while junk.len() < 8 << 20 {
        x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
        junk.push((x >> 16) as u8);
    }
    let t = std::time::Instant::now();
    let _ = sec13d::parse_filing(&junk);
    let mut html = b"<html><p>SCHEDULE 13D</p>".to_vec();
    while html.len() < 8 << 20 {
        html.extend_from_slice(b"<td>Sole Voting Power</td><td>&#254; 1,234</td><tr>| --- |\n");
    }
    let _ = sec13d::parse_filing(&html);
    assert!(t.elapsed().as_secs() < 60, "too slow: {:?}", t.elapsed());
}
