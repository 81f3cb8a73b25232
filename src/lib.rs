//! sec13d: parser and validator of SEC Schedule 13D/13G filings, every era.
//!
//! One model ([`model::Schedule13D`]), one container reader ([`container`]), one parser per
//! input format ([`parse`]). [`parse_filing`] takes raw bytes of anything EDGAR serves for a
//! 13D/13G: a full submission (`.txt`, `.nc`), a `primary_doc.xml`, an HTML or text document.
//!
//! ```
//! let xml = br#"<edgarSubmission xmlns="http://www.sec.gov/edgar/schedule13D"><headerData>
//!   <submissionType>SCHEDULE 13D</submissionType></headerData><formData><coverPageHeader>
//!   <issuerInfo><issuerName>Acme Corp</issuerName></issuerInfo></coverPageHeader>
//!   </formData></edgarSubmission>"#;
//! let filing = sec13d::parse_filing(xml).unwrap();
//! assert_eq!(filing.issuer.name.as_deref(), Some("Acme Corp"));
//! ```

pub mod batch;
pub mod columns;
pub mod container;
pub mod error;
mod hash;
pub mod model;
pub mod parse;
pub mod text;
pub mod trades;
pub mod validate;
pub mod view;

#[cfg(feature = "python")]
mod py;

use container::{is_schedule_type, Content, Submission, Variant};
use error::{Error, ErrorKind, Position, Result};
use model::{Exhibit, Filer, Schedule13D, SourceFormat};
use text::Decoded;

/// The crate version.
pub fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

/// Parse one filing from its raw bytes (any encoding). Spans point into these bytes.
pub fn parse_filing(src: &[u8]) -> Result<Schedule13D> {
    if src.iter().all(u8::is_ascii_whitespace) {
        return Err(Error::new(ErrorKind::Empty, Position::default()));
    }
    let decoded = Decoded::new(src);
    let text: &str = &decoded.text;
    let sub = Submission::parse(text)?;
    let header = sub.header.as_ref();
    let doc = sub.schedule_document().ok_or_else(|| {
        Error::not_schedule(
            "the submission holds no readable document (only binary attachments)",
            Position::default(),
        )
    })?;
    // A header or document type that names another form is a clear "no".
    let declared = header
        .and_then(|h| h.submission_type.clone())
        .or_else(|| doc.doc_type.clone());
    if let Some(t) = &declared {
        let form_types = header
            .iter()
            .flat_map(|h| h.subject_companies.iter().chain(&h.filed_by));
        let any_schedule = is_schedule_type(t)
            || form_types
                .filter_map(|e| e.form_type.as_deref())
                .any(is_schedule_type)
            || sub
                .documents
                .iter()
                .filter_map(|d| d.doc_type.as_deref())
                .any(is_schedule_type);
        if !any_schedule {
            return Err(Error::not_schedule(
                format!("the document type is {t}"),
                Position::default(),
            ));
        }
    }
    let body = &text[doc.body.clone()];
    let mut filing = match doc.content {
        Content::Xml => parse::xml::parse(body, doc.body.start)?,
        Content::Html | Content::Text => {
            let mut f = parse::legacy::parse(body, doc.body.start, doc.content == Content::Html)?;
            f.source_format = match (sub.variant, doc.content) {
                (Variant::Pem | Variant::Ims | Variant::Sec | Variant::Submission, _) => {
                    SourceFormat::Sgml
                }
                (_, Content::Html) => SourceFormat::Html,
                _ => SourceFormat::Text,
            };
            f
        }
        Content::Binary => {
            return Err(Error::not_schedule(
                "the schedule document is binary",
                Position::default(),
            ))
        }
    };
    if let Some(h) = header {
        apply_header(&mut filing, h);
    } else if filing.form_type.is_none() {
        filing.form_type = doc.doc_type.clone();
    }
    filing.exhibits = sub
        .documents
        .iter()
        .filter(|d| !std::ptr::eq(*d, doc))
        .map(|d| Exhibit {
            doc_type: d.doc_type.clone(),
            sequence: d.sequence.clone(),
            filename: d.filename.clone(),
            description: d.description.clone(),
        })
        .collect();
    filing.header = header.cloned();
    // The schedule document itself first (its trailing schedules, and its table rows, which
    // the item texts flatten), then the other text/HTML documents.
    let others: Vec<(usize, &str, bool)> = std::iter::once(doc)
        .chain(sub.documents.iter().filter(|d| !std::ptr::eq(*d, doc)))
        .filter(|d| matches!(d.content, Content::Text | Content::Html))
        .map(|d| {
            (
                d.body.start,
                &text[d.body.clone()],
                d.content == Content::Html,
            )
        })
        .collect();
    trades::extract(&mut filing, &others);
    // Offsets into the decoded text are the source's when the source was UTF-8 (no BOM).
    if !decoded.is_identity() {
        for span in filing.spans.values_mut() {
            span.start = decoded.source_offset(span.start);
            span.end = decoded.source_offset(span.end);
        }
    }
    // After the spans point into the source bytes: findings copy them.
    let findings = validate::validate(&filing, &validate::Config::default());
    filing.issues.extend(findings);
    Ok(filing)
}

/// Fill what the SEC header knows better than the document: accession, filing date, form
/// type as filed, filers, group members, the subject company's CIK.
fn apply_header(f: &mut Schedule13D, h: &container::Header) {
    f.accession_number = h.accession_number.clone().or(f.accession_number.take());
    f.filed_date = h.filed_date.or(f.filed_date);
    // The form type as filed; `SC TO-T/A` submissions carry the 13D/A as the subject
    // company's form type, which decides the schedule.
    let schedule_type = h
        .submission_type
        .iter()
        .chain(
            h.subject_companies
                .iter()
                .chain(&h.filed_by)
                .filter_map(|e| e.form_type.as_ref()),
        )
        .find(|t| is_schedule_type(t))
        .cloned();
    if let Some(t) = &h.submission_type {
        f.form_type = Some(t.clone());
    }
    if let Some(t) = schedule_type.as_ref().or(f.form_type.as_ref()) {
        if t.contains("13G") {
            f.schedule = model::Schedule::G13;
        } else if t.contains("13D") {
            f.schedule = model::Schedule::D13;
        }
    }
    if !h.filed_by.is_empty() {
        f.filers = h
            .filed_by
            .iter()
            .map(|e| Filer {
                name: e.name.clone(),
                cik: e.cik.clone(),
            })
            .collect();
    }
    f.group_members = h.group_members.clone();
    if let Some(subject) = h.subject_companies.first() {
        if f.issuer.cik.is_none() {
            f.issuer.cik = subject.cik.clone();
        }
        if f.issuer.name.is_none() {
            f.issuer.name = subject.name.clone();
        }
    }
}
