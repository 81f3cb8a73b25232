//! The EDGAR container on real full submissions: header fields read off the files, and every
//! corpus submission split into its documents without error (1994 PEM/IMS files included).

mod common;

use chrono::NaiveDate;
use sec13d::container::{Content, Submission, Variant};
use sec13d::text::Decoded;

fn submission(name: &str) -> Option<Submission> {
    let bytes = std::fs::read(common::corpus()?.join("sgml_txt").join(name)).ok()?;
    let decoded = Decoded::new(&bytes);
    Some(Submission::parse(&decoded.text).expect(name))
}

/// (file, variant, accession, type, filed (y, m, d), subject name, subject CIK, first filer
/// name, first filer CIK, documents, group members)
type Row = (
    &'static str,
    Variant,
    &'static str,
    &'static str,
    (i32, u32, u32),
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    usize,
    &'static [&'static str],
);

const HEADERS: [Row; 10] = [
    (
        "0000025445-94-000012.txt",
        Variant::Pem,
        "0000025445-94-000012",
        "SC 13D/A",
        (1994, 3, 29),
        "MARK CONTROLS CORP /DE/",
        "0000820392",
        "CRANE CO /DE/",
        "0000025445",
        1,
        &[],
    ),
    (
        "0000315066-94-001425.txt",
        Variant::Pem,
        "0000315066-94-001425",
        "SC 13D/A",
        (1994, 8, 3),
        "BROOKSTONE INC",
        "0000830134",
        "FMR CORP",
        "0000315066",
        1,
        &[],
    ),
    (
        "0000736157-94-000002.txt",
        Variant::Pem,
        "0000736157-94-000002",
        "SC 13D/A",
        (1994, 3, 29),
        "ATARI CORP",
        "0000802019",
        "TIME WARNER INC",
        "0000736157",
        4,
        &["TIME WARNER INC", "WARNER COMMUNICATIONS INC."],
    ),
    (
        "0000891554-97-000224.txt",
        Variant::Pem,
        "0000891554-97-000224",
        "SC 13D",
        (1997, 2, 18),
        "MOORE BENJAMIN & CO",
        "0000276999",
        "DUPUY YVAN",
        "0001019830",
        1,
        &[],
    ),
    (
        "0001076809-24-000144.nc",
        Variant::Submission,
        "0001076809-24-000144",
        "SC 13G",
        (2024, 12, 13),
        "Avid Bioservices, Inc.",
        "0000704562",
        "GLAZER CAPITAL, LLC",
        "0001076809",
        1,
        &[],
    ),
    (
        "0000019617-24-000012.txt",
        Variant::Sec,
        "0000019617-24-000012",
        "SC 13G/A",
        (2024, 1, 4),
        "FEDERAL REALTY INVESTMENT TRUST",
        "0000034903",
        "JPMORGAN CHASE & CO",
        "0000019617",
        1,
        &[],
    ),
    (
        "0000905718-05-000027.txt",
        Variant::Sec,
        "0000905718-05-000027",
        "SC 13G",
        (2005, 2, 4),
        "PALMSOURCE INC",
        "0001178056",
        "ROCKER DAVID A /NY/",
        "0000919275",
        1,
        &[],
    ),
    (
        "0001104659-25-002604.txt",
        Variant::Sec,
        "0001104659-25-002604",
        "SC TO-T/A",
        (2025, 1, 10),
        "CVR ENERGY INC",
        "0001376139",
        "ICAHN ENTERPRISES HOLDINGS L.P.",
        "0001034563",
        2,
        &["AMERICAN ENTERTAINMENT PROPERTIES CORP.", "BECKTON CORP."],
    ),
    (
        "0000932471-15-003870.txt",
        Variant::Sec,
        "0000932471-15-003870",
        "SC 13G",
        (2015, 2, 10),
        "THOR INDUSTRIES INC",
        "0000730263",
        "VANGUARD GROUP INC",
        "0000102909",
        1,
        &[],
    ),
    (
        "0000080255-22-001880.txt",
        Variant::Sec,
        "0000080255-22-001880",
        "SC 13G",
        (2022, 2, 14),
        "PROASSURANCE CORP",
        "0001127703",
        "PRICE T ROWE ASSOCIATES INC /MD/",
        "0000080255",
        1,
        &[],
    ),
];

#[test]
fn header_fields_of_ten_submissions() {
    for (
        file,
        variant,
        acc,
        form,
        (y, m, d),
        subject,
        subject_cik,
        filer,
        filer_cik,
        docs,
        members,
    ) in HEADERS
    {
        let Some(sub) = submission(file) else { return };
        assert_eq!(sub.variant, variant, "{file}");
        let h = sub.header.as_ref().expect(file);
        assert_eq!(h.accession_number.as_deref(), Some(acc), "{file}");
        assert_eq!(h.submission_type.as_deref(), Some(form), "{file}");
        assert_eq!(h.filed_date, NaiveDate::from_ymd_opt(y, m, d), "{file}");
        assert_eq!(
            h.subject_companies[0].name.as_deref(),
            Some(subject),
            "{file}"
        );
        assert_eq!(
            h.subject_companies[0].cik.as_deref(),
            Some(subject_cik),
            "{file}"
        );
        assert_eq!(h.filed_by[0].name.as_deref(), Some(filer), "{file}");
        assert_eq!(h.filed_by[0].cik.as_deref(), Some(filer_cik), "{file}");
        assert_eq!(sub.documents.len(), docs, "{file}");
        assert!(
            members
                .iter()
                .all(|m| h.group_members.iter().any(|g| g == m)),
            "{file}: {:?}",
            h.group_members
        );
    }
}

#[test]
fn entity_blocks_addresses_and_former_names() {
    let Some(sub) = submission("0000025445-94-000012.txt") else {
        return;
    };
    let h = sub.header.expect("header");
    let subject = &h.subject_companies[0];
    assert_eq!(subject.irs_number.as_deref(), Some("363530490"));
    assert_eq!(subject.state_of_incorporation.as_deref(), Some("DE"));
    assert_eq!(subject.sec_file_number.as_deref(), Some("005-39336"));
    let addr = subject.business_address.as_ref().expect("business address");
    assert_eq!(
        (addr.city.as_deref(), addr.state.as_deref()),
        (Some("SKOKIE"), Some("IL"))
    );
    assert_eq!(subject.former_names[0].name, "NEWMARK ILLINOIS CORP");
    assert_eq!(
        subject.former_names[0].date_changed,
        NaiveDate::from_ymd_opt(1988, 2, 7)
    );
    let Some(nc) = submission("0001076809-24-000144.nc") else {
        return;
    };
    let subject = &nc.header.expect("header").subject_companies[0];
    assert_eq!(subject.former_names.len(), 3);
    assert_eq!(
        subject.former_names[2].name,
        "TECHNICLONE INTERNATIONAL CORP"
    );
    assert_eq!(
        subject
            .business_address
            .as_ref()
            .and_then(|a| a.phone.as_deref()),
        Some("714.508.6100")
    );
}

#[test]
fn every_submission_lists_its_documents() {
    let Some(dir) = common::corpus() else { return };
    let mut checked = 0;
    let mut binary = 0;
    for sub in ["sgml_txt", "xml"] {
        for entry in std::fs::read_dir(dir.join(sub))
            .expect("corpus folder")
            .flatten()
        {
            let path = entry.path();
            let bytes = std::fs::read(&path).expect("readable");
            if !bytes.starts_with(b"-----BEGIN")
                && !bytes.starts_with(b"<SEC-DOCUMENT>")
                && !bytes.starts_with(b"<SUBMISSION>")
            {
                continue;
            }
            let decoded = Decoded::new(&bytes);
            let s = Submission::parse(&decoded.text)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let h = s
                .header
                .as_ref()
                .unwrap_or_else(|| panic!("{}: no header", path.display()));
            assert!(!s.documents.is_empty(), "{}", path.display());
            if let Some(n) = h.public_document_count {
                assert_eq!(
                    n as usize,
                    s.documents.len(),
                    "{}: PUBLIC DOCUMENT COUNT",
                    path.display()
                );
            }
            assert!(s.schedule_document().is_some(), "{}", path.display());
            binary += s
                .documents
                .iter()
                .filter(|d| d.content == Content::Binary)
                .count();
            checked += 1;
        }
    }
    eprintln!("{checked} submissions split; {binary} binary (uuencoded/PDF) documents recognised and skipped");
    assert!(checked >= 130);
}
