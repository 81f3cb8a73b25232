//! The scorer: every hand label in `corpus/labels/<format>/<file>.json` against the parser.
//!
//! Corpus dir: env `SEC13D_CORPUS`, else `../shared/corpus` next to the crate. Without a
//! corpus the test prints why and passes. Rules (labels/README.md): names, issuer names,
//! classes and citizenship case-, punctuation- and whitespace-insensitive, equal or one
//! containing the other; share counts exactly; percent within 0.005; code lists as sets;
//! dates as ISO; `cusips` every labelled one among the parser's with at most one extra;
//! persons matched by name, else by position; `persons_count` equal; null label fields and
//! fields in a person's `ambiguous` are not scored. Trades are scored elsewhere.

mod common;

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde_json::Value;

use sec13d::model::{ReportingPerson, Schedule13D};

fn norm(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Equal, or one contains the other, ignoring case, punctuation and spaces.
fn names_match(a: &str, b: &str) -> bool {
    let (a, b) = (norm(a), norm(b));
    !a.is_empty() && !b.is_empty() && (a == b || a.contains(&b) || b.contains(&a))
}

#[derive(Default)]
struct Tally {
    scored: usize,
    correct: usize,
    misses: Vec<String>,
}

impl Tally {
    fn check(&mut self, file: &str, field: &str, ok: bool, expected: &Value, got: String) {
        self.scored += 1;
        if ok {
            self.correct += 1;
        } else {
            self.misses
                .push(format!("{file}: {field}: expected {expected}, got {got}"));
        }
    }
}

fn codes_of(v: &[String]) -> Vec<String> {
    let mut c: Vec<String> = v.iter().map(|s| s.to_uppercase()).collect();
    c.sort();
    c.dedup();
    c
}

fn label_codes(v: &Value) -> Option<Vec<String>> {
    let mut c: Vec<String> = v
        .as_array()?
        .iter()
        .filter_map(Value::as_str)
        .map(str::to_uppercase)
        .collect();
    c.sort();
    c.dedup();
    Some(c)
}

fn fmt_opt<T: std::fmt::Debug>(v: &Option<T>) -> String {
    match v {
        Some(x) => format!("{x:?}"),
        None => "null".into(),
    }
}

fn score_person(t: &mut Tally, file: &str, i: usize, lp: &Value, p: Option<&ReportingPerson>) {
    let ambiguous: Vec<&str> = lp
        .get("ambiguous")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let Some(obj) = lp.as_object() else { return };
    for (field, expected) in obj {
        if expected.is_null() || ambiguous.contains(&field.as_str()) || field == "ambiguous" {
            continue;
        }
        let path = format!("reporting_persons[{i}].{field}");
        let Some(p) = p else {
            t.check(file, &path, false, expected, "no person".into());
            continue;
        };
        let (ok, got) = match field.as_str() {
            "name" => (
                names_match(expected.as_str().unwrap_or(""), &p.name),
                format!("{:?}", p.name),
            ),
            "citizenship" => {
                let got = p.citizenship.clone().unwrap_or_default();
                (
                    names_match(expected.as_str().unwrap_or(""), &got),
                    fmt_opt(&p.citizenship),
                )
            }
            "member_of_group" => (
                expected.as_str() == p.member_of_group.as_deref(),
                fmt_opt(&p.member_of_group),
            ),
            "source_of_funds" => (
                label_codes(expected) == Some(codes_of(&p.source_of_funds)),
                format!("{:?}", p.source_of_funds),
            ),
            "type_of_reporting_person" => (
                label_codes(expected) == Some(codes_of(&p.type_of_reporting_person)),
                format!("{:?}", p.type_of_reporting_person),
            ),
            "sole_voting_power"
            | "shared_voting_power"
            | "sole_dispositive_power"
            | "shared_dispositive_power"
            | "aggregate_amount" => {
                let got = match field.as_str() {
                    "sole_voting_power" => p.sole_voting_power,
                    "shared_voting_power" => p.shared_voting_power,
                    "sole_dispositive_power" => p.sole_dispositive_power,
                    "shared_dispositive_power" => p.shared_dispositive_power,
                    _ => p.aggregate_amount,
                };
                (got.is_some() && got == expected.as_f64(), fmt_opt(&got))
            }
            "percent_of_class" => {
                let ok = matches!((p.percent_of_class, expected.as_f64()), (Some(g), Some(e)) if (g - e).abs() <= 0.005 + 1e-9);
                (ok, fmt_opt(&p.percent_of_class))
            }
            "cusip" => {
                let e = expected.as_str().unwrap_or("").to_uppercase();
                (
                    p.cover_cusip.as_deref() == Some(e.as_str()),
                    fmt_opt(&p.cover_cusip),
                )
            }
            _ => continue,
        };
        t.check(file, &path, ok, expected, got);
    }
}

fn score_file(t: &mut Tally, file: &str, label: &Value, f: &Schedule13D) {
    let get = |k: &str| label.get(k).filter(|v| !v.is_null());
    if let Some(e) = get("schedule") {
        t.check(
            file,
            "schedule",
            e.as_str() == Some(f.schedule.as_str()),
            e,
            f.schedule.as_str().into(),
        );
    }
    if let Some(e) = get("form_type") {
        let got = f.form_type.clone().unwrap_or_default();
        t.check(
            file,
            "form_type",
            e.as_str().map(str::trim) == Some(got.trim()),
            e,
            got,
        );
    }
    if let Some(e) = get("amendment_number") {
        t.check(
            file,
            "amendment_number",
            e.as_u64() == f.amendment_number.map(u64::from),
            e,
            fmt_opt(&f.amendment_number),
        );
    }
    if let Some(e) = get("issuer_name") {
        let got = f.issuer.name.clone().unwrap_or_default();
        t.check(
            file,
            "issuer_name",
            names_match(e.as_str().unwrap_or(""), &got),
            e,
            fmt_opt(&f.issuer.name),
        );
    }
    if let Some(e) = get("security_class") {
        let got = f.issuer.security_class.clone().unwrap_or_default();
        t.check(
            file,
            "security_class",
            names_match(e.as_str().unwrap_or(""), &got),
            e,
            fmt_opt(&f.issuer.security_class),
        );
    }
    if let Some(e) = get("cusips") {
        let want: Vec<String> = e
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_uppercase)
                    .collect()
            })
            .unwrap_or_default();
        let have = &f.issuer.cusips;
        let all = want.iter().all(|w| have.contains(w));
        let extra = have.iter().filter(|h| !want.contains(h)).count();
        t.check(file, "cusips", all && extra <= 1, e, format!("{have:?}"));
    }
    for (k, got) in [("event_date", f.event_date), ("filed_date", f.filed_date)] {
        if let Some(e) = get(k) {
            let g = got.map(|d| d.to_string());
            t.check(file, k, e.as_str() == g.as_deref(), e, fmt_opt(&g));
        }
    }
    if let Some(e) = get("signature_date") {
        let g = f
            .signatures
            .first()
            .and_then(|s| s.date)
            .map(|d| d.to_string());
        t.check(
            file,
            "signature_date",
            e.as_str() == g.as_deref(),
            e,
            fmt_opt(&g),
        );
    }
    let persons: &[Value] = label
        .get("reporting_persons")
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice);
    let count = Value::from(persons.len());
    t.check(
        file,
        "persons_count",
        persons.len() == f.reporting_persons.len(),
        &count,
        f.reporting_persons.len().to_string(),
    );
    let mut used = vec![false; f.reporting_persons.len()];
    for (i, lp) in persons.iter().enumerate() {
        let name = lp.get("name").and_then(Value::as_str).unwrap_or("");
        let by_name = f
            .reporting_persons
            .iter()
            .enumerate()
            .position(|(j, p)| !used[j] && names_match(name, &p.name));
        let j = by_name.or_else(|| (i < used.len() && !used[i]).then_some(i));
        if let Some(j) = j {
            used[j] = true;
        }
        score_person(t, file, i, lp, j.and_then(|j| f.reporting_persons.get(j)));
    }
}

#[test]
fn labelled_fields_meet_the_bar() {
    let Some(dir) = common::corpus_with("labels") else {
        eprintln!("SKIP: no corpus with labels/ (set SEC13D_CORPUS or put it at ../shared/corpus)");
        return;
    };
    let mut by_format: BTreeMap<String, Tally> = BTreeMap::new();
    let mut formats: Vec<PathBuf> = std::fs::read_dir(dir.join("labels"))
        .map(|rd| {
            rd.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_dir())
                .collect()
        })
        .unwrap_or_default();
    formats.sort();
    for fdir in formats {
        let format = fdir
            .file_name()
            .and_then(|s| s.to_str())
            .unwrap_or("")
            .to_string();
        let mut files: Vec<PathBuf> = std::fs::read_dir(&fdir)
            .map(|rd| {
                rd.filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| p.extension().is_some_and(|x| x == "json"))
                    .collect()
            })
            .unwrap_or_default();
        files.sort();
        let tally = by_format.entry(format.clone()).or_default();
        for lf in files {
            let Ok(label) = std::fs::read_to_string(&lf)
                .map_err(|e| e.to_string())
                .and_then(|s| serde_json::from_str::<Value>(&s).map_err(|e| e.to_string()))
            else {
                eprintln!("unreadable label {}", lf.display());
                continue;
            };
            let name = lf
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or("")
                .to_string();
            let file = format!("{format}/{name}");
            let bytes = std::fs::read(dir.join(&format).join(&name)).unwrap_or_default();
            match sec13d::parse_filing(&bytes) {
                Ok(f) => score_file(tally, &file, &label, &f),
                Err(e) => {
                    tally.scored += 1;
                    tally.misses.push(format!("{file}: PARSE ERROR {e}"));
                }
            }
        }
    }
    let (mut all_s, mut all_c) = (0, 0);
    let mut failed = Vec::new();
    for t in by_format.values() {
        for m in &t.misses {
            eprintln!("MISS {m}");
        }
    }
    for (format, t) in &by_format {
        let acc = if t.scored == 0 {
            1.0
        } else {
            t.correct as f64 / t.scored as f64
        };
        eprintln!("{format}: {}/{} = {:.2}%", t.correct, t.scored, acc * 100.0);
        all_s += t.scored;
        all_c += t.correct;
        if t.scored > 0 && acc < 0.95 {
            failed.push(format!("{format} {:.2}% < 95%", acc * 100.0));
        }
    }
    let overall = if all_s == 0 {
        1.0
    } else {
        all_c as f64 / all_s as f64
    };
    eprintln!("overall: {all_c}/{all_s} = {:.2}%", overall * 100.0);
    if overall < 0.97 {
        failed.push(format!("overall {:.2}% < 97%", overall * 100.0));
    }
    assert!(
        failed.is_empty(),
        "field accuracy below the bar: {}",
        failed.join("; ")
    );
}
