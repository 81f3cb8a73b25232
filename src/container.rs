//! EDGAR full-submission container (`.txt`, `.nc`): header and documents (SPEC §1).
//!
//! All four variants (PEM-wrapped, `<IMS-HEADER>`, `<SEC-HEADER>`, tag-per-line
//! `<SUBMISSION>`) reduce to the same [`Header`]; both header syntaxes (`KEY:\tvalue` with tab
//! indentation, `<TAG>value` with `</TAG>` closers) feed one event handler. Offsets are byte
//! offsets into the decoded text given to [`Submission::parse`].

use std::ops::Range;

use chrono::NaiveDate;
use memchr::memmem;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Position, Result};
use crate::text::parse_date;

/// Which container variant the file is (SPEC §1.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Variant {
    /// `-----BEGIN PRIVACY-ENHANCED MESSAGE-----` around an IMS or SEC document.
    Pem,
    /// `<IMS-DOCUMENT>` / `<IMS-HEADER>` (1993-95).
    Ims,
    /// `<SEC-DOCUMENT>` / `<SEC-HEADER>`.
    Sec,
    /// Feed `.nc` file: `<SUBMISSION>` with tag-per-line header.
    Submission,
    /// `<DOCUMENT>` wrappers without any header.
    BareDocuments,
    /// No container at all: the input is one document (XML, HTML or text).
    Plain,
}

/// What a document's `<TEXT>` holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Content {
    Text,
    Html,
    Xml,
    /// `<PDF>` blocks and uuencoded binaries: recognised, never decoded into text.
    Binary,
}

/// A postal address of a header entity.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct HeaderAddress {
    pub street1: Option<String>,
    pub street2: Option<String>,
    pub city: Option<String>,
    pub state: Option<String>,
    pub zip: Option<String>,
    pub phone: Option<String>,
}

/// A former name of an entity.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct FormerName {
    pub name: String,
    pub date_changed: Option<NaiveDate>,
}

/// A `SUBJECT COMPANY` or `FILED BY` block of the SEC header.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Entity {
    pub name: Option<String>,
    pub cik: Option<String>,
    pub sic: Option<String>,
    pub organization_name: Option<String>,
    pub irs_number: Option<String>,
    pub state_of_incorporation: Option<String>,
    pub fiscal_year_end: Option<String>,
    pub form_type: Option<String>,
    pub sec_act: Option<String>,
    pub sec_file_number: Option<String>,
    pub film_number: Option<String>,
    pub business_address: Option<HeaderAddress>,
    pub mail_address: Option<HeaderAddress>,
    pub former_names: Vec<FormerName>,
    /// Keys this parser does not know, kept as (section path, value).
    pub extra: Vec<(String, String)>,
}

/// The SEC header of a submission.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Header {
    pub accession_number: Option<String>,
    pub submission_type: Option<String>,
    pub public_document_count: Option<u32>,
    pub filed_date: Option<NaiveDate>,
    pub date_of_change: Option<NaiveDate>,
    pub acceptance_datetime: Option<String>,
    pub group_members: Vec<String>,
    pub subject_companies: Vec<Entity>,
    pub filed_by: Vec<Entity>,
    pub extra: Vec<(String, String)>,
}

/// One `<DOCUMENT>` of the submission.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    pub doc_type: Option<String>,
    pub sequence: Option<String>,
    pub filename: Option<String>,
    pub description: Option<String>,
    pub content: Content,
    /// Byte range of the body (wrapper tags such as `<XML>` stripped).
    pub body: Range<usize>,
}

/// A parsed container.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Submission {
    pub variant: Variant,
    pub header: Option<Header>,
    pub documents: Vec<Document>,
}

/// Form types of Schedule 13D/13G, legacy and XML (SPEC: match exactly).
pub fn is_schedule_type(t: &str) -> bool {
    matches!(
        t.trim().to_ascii_uppercase().as_str(),
        "SC 13D"
            | "SC 13D/A"
            | "SC 13G"
            | "SC 13G/A"
            | "SCHEDULE 13D"
            | "SCHEDULE 13D/A"
            | "SCHEDULE 13G"
            | "SCHEDULE 13G/A"
    )
}

impl Submission {
    /// Split `text` into header and documents. Fails only on a structurally broken container
    /// (an unterminated `<DOCUMENT>`).
    pub fn parse(text: &str) -> Result<Submission> {
        let start = text.len() - text.trim_start().len();
        let first_line = text[start..].lines().next().unwrap_or("");
        let first_line = &first_line[..floor_char_boundary(first_line, 200)];
        let upper = first_line.to_ascii_uppercase();
        let (variant, header) = if upper.starts_with("-----BEGIN PRIVACY-ENHANCED MESSAGE") {
            (
                Variant::Pem,
                header_between(text, &["<SEC-HEADER>", "<IMS-HEADER>"]),
            )
        } else if upper.starts_with("<IMS-DOCUMENT>") || upper.starts_with("<IMS-HEADER>") {
            (Variant::Ims, header_between(text, &["<IMS-HEADER>"]))
        } else if upper.starts_with("<SEC-DOCUMENT>") || upper.starts_with("<SEC-HEADER>") {
            (Variant::Sec, header_between(text, &["<SEC-HEADER>"]))
        } else if upper.starts_with("<SUBMISSION>") {
            let end = memmem::find(text.as_bytes(), b"<DOCUMENT>").unwrap_or(text.len());
            (
                Variant::Submission,
                Some(parse_header(&text[start + "<SUBMISSION>".len()..end])),
            )
        } else if upper.starts_with("<DOCUMENT>") {
            (Variant::BareDocuments, None)
        } else {
            (Variant::Plain, None)
        };
        let documents = if variant == Variant::Plain {
            vec![Document {
                doc_type: None,
                sequence: None,
                filename: None,
                description: None,
                content: sniff(&text[start..]),
                body: start..text.len(),
            }]
        } else {
            split_documents(text)?
        };
        Ok(Submission {
            variant,
            header,
            documents,
        })
    }

    /// The document holding the schedule: the first whose `<TYPE>` is a 13D/13G form type,
    /// else the first text document (covers sometimes sit under mismatched types).
    pub fn schedule_document(&self) -> Option<&Document> {
        let readable = |d: &&Document| d.content != Content::Binary;
        self.documents
            .iter()
            .filter(readable)
            .find(|d| d.doc_type.as_deref().is_some_and(is_schedule_type))
            .or_else(|| self.documents.iter().find(readable))
    }
}

/// The header text after the first of `openers` up to its closing tag (or the first
/// `<DOCUMENT>`), parsed.
fn header_between(text: &str, openers: &[&str]) -> Option<Header> {
    let bytes = text.as_bytes();
    let (open, at) = openers
        .iter()
        .find_map(|o| memmem::find(bytes, o.as_bytes()).map(|i| (*o, i)))?;
    let from = at + open.len();
    // The opener line goes on with "acc.hdr.sgml : date"; skip it.
    let from = memchr::memchr(b'\n', &bytes[from..]).map_or(text.len(), |i| from + i + 1);
    let closer = format!("</{}", &open[1..]);
    let end = [
        memmem::find(&bytes[from..], closer.as_bytes()),
        memmem::find(&bytes[from..], b"<DOCUMENT>"),
    ]
    .into_iter()
    .flatten()
    .min()
    .map_or(text.len(), |i| from + i);
    Some(parse_header(&text[from..end]))
}

/// Entity blocks: a new entity starts at each of these labels.
const ENTITY_LABELS: [&str; 7] = [
    "SUBJECT COMPANY",
    "FILED BY",
    "FILER",
    "REPORTING OWNER",
    "ISSUER",
    "DEPOSITOR",
    "SERIAL COMPANY",
];

/// Tag names of the `<SUBMISSION>` form that differ from the colon labels.
const TAG_ALIASES: [(&str, &str); 11] = [
    ("TYPE", "CONFORMED SUBMISSION TYPE"),
    ("FILING DATE", "FILED AS OF DATE"),
    ("DATE OF FILING DATE CHANGE", "DATE AS OF CHANGE"),
    ("CONFORMED NAME", "COMPANY CONFORMED NAME"),
    ("CIK", "CENTRAL INDEX KEY"),
    ("ASSIGNED SIC", "STANDARD INDUSTRIAL CLASSIFICATION"),
    ("ACT", "SEC ACT"),
    ("FILE NUMBER", "SEC FILE NUMBER"),
    ("STREET1", "STREET 1"),
    ("STREET2", "STREET 2"),
    ("DATE CHANGED", "DATE OF NAME CHANGE"),
];

#[derive(Default)]
struct HeaderBuilder {
    header: Header,
    /// Index into subject_companies (true) or filed_by (false) of the open entity.
    entity: Option<(bool, usize)>,
    section: Option<String>,
}

impl HeaderBuilder {
    fn entity_mut(&mut self) -> Option<&mut Entity> {
        let (subject, i) = self.entity?;
        let list = if subject {
            &mut self.header.subject_companies
        } else {
            &mut self.header.filed_by
        };
        list.get_mut(i)
    }

    /// A label without a value: an entity or a section inside one.
    fn open(&mut self, label: &str) {
        if ENTITY_LABELS.contains(&label) {
            let subject = label == "SUBJECT COMPANY" || label == "ISSUER";
            let list = if subject {
                &mut self.header.subject_companies
            } else {
                &mut self.header.filed_by
            };
            list.push(Entity::default());
            self.entity = Some((subject, list.len() - 1));
            self.section = None;
            return;
        }
        if label == "FORMER COMPANY" {
            if let Some(e) = self.entity_mut() {
                e.former_names.push(FormerName::default());
            }
        }
        self.section = Some(label.to_string());
    }

    fn close(&mut self, label: &str) {
        if ENTITY_LABELS.contains(&label) {
            self.entity = None;
        }
        self.section = None;
    }

    fn value(&mut self, key: &str, value: &str, top_level: bool) {
        let value = value.trim();
        if top_level {
            self.entity = None;
            self.section = None;
        }
        let s = || (!value.is_empty()).then(|| value.to_string());
        if self.entity.is_none() {
            let h = &mut self.header;
            match key {
                "ACCESSION NUMBER" => h.accession_number = s(),
                "CONFORMED SUBMISSION TYPE" => h.submission_type = s(),
                "PUBLIC DOCUMENT COUNT" => h.public_document_count = value.parse().ok(),
                "FILED AS OF DATE" => h.filed_date = parse_date(value),
                "DATE AS OF CHANGE" => h.date_of_change = parse_date(value),
                "ACCEPTANCE DATETIME" => h.acceptance_datetime = s(),
                "GROUP MEMBERS" => h.group_members.extend(s()),
                _ => h.extra.push((key.to_string(), value.to_string())),
            }
            return;
        }
        let section = self.section.clone().unwrap_or_default();
        let Some(e) = self.entity_mut() else { return };
        let address = |slot: &mut Option<HeaderAddress>| -> bool {
            let a = slot.get_or_insert_with(HeaderAddress::default);
            let field = match key {
                "STREET 1" => &mut a.street1,
                "STREET 2" => &mut a.street2,
                "CITY" => &mut a.city,
                "STATE" => &mut a.state,
                "ZIP" => &mut a.zip,
                "BUSINESS PHONE" | "PHONE" => &mut a.phone,
                _ => return false,
            };
            *field = s();
            true
        };
        let known = match (section.as_str(), key) {
            ("BUSINESS ADDRESS", _) => address(&mut e.business_address),
            ("MAIL ADDRESS", _) => address(&mut e.mail_address),
            ("FORMER COMPANY", "FORMER CONFORMED NAME") => {
                if let Some(f) = e.former_names.last_mut() {
                    f.name = value.to_string();
                }
                true
            }
            ("FORMER COMPANY", "DATE OF NAME CHANGE") => {
                if let Some(f) = e.former_names.last_mut() {
                    f.date_changed = parse_date(value);
                }
                true
            }
            (_, "COMPANY CONFORMED NAME") => set(&mut e.name, s()),
            (_, "CENTRAL INDEX KEY") => set(&mut e.cik, s()),
            (_, "STANDARD INDUSTRIAL CLASSIFICATION") => set(&mut e.sic, s()),
            (_, "ORGANIZATION NAME") => set(&mut e.organization_name, s()),
            (_, "IRS NUMBER") => set(&mut e.irs_number, s()),
            (_, "STATE OF INCORPORATION") => set(&mut e.state_of_incorporation, s()),
            (_, "FISCAL YEAR END") => set(&mut e.fiscal_year_end, s()),
            (_, "FORM TYPE") => set(&mut e.form_type, s()),
            (_, "SEC ACT") => set(&mut e.sec_act, s()),
            (_, "SEC FILE NUMBER") => set(&mut e.sec_file_number, s()),
            (_, "FILM NUMBER") => set(&mut e.film_number, s()),
            _ => false,
        };
        if !known {
            let path = if section.is_empty() {
                key.to_string()
            } else {
                format!("{section}/{key}")
            };
            e.extra.push((path, value.to_string()));
        }
    }
}

fn set(slot: &mut Option<String>, v: Option<String>) -> bool {
    *slot = v;
    true
}

/// Parse a header in either syntax into the same [`Header`].
pub fn parse_header(text: &str) -> Header {
    let mut b = HeaderBuilder::default();
    for raw in text.lines() {
        let line = raw.trim_end_matches('\r');
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        if let Some(rest) = trimmed.strip_prefix('<') {
            // Tag form: `<TAG>value`, `</TAG>`, `<TAG>` (container open).
            let Some((tag, value)) = rest.split_once('>') else {
                continue;
            };
            if let Some(name) = tag.strip_prefix('/') {
                b.close(&tag_label(name));
            } else if tag == "ACCEPTANCE-DATETIME" {
                b.value("ACCEPTANCE DATETIME", value, true);
            } else if value.trim().is_empty() && !is_tag_value_key(tag) {
                b.open(&tag_label(tag));
            } else {
                let label = tag_label(tag);
                let top = b.entity.is_none();
                b.value(&label, value, top);
            }
            continue;
        }
        let Some((key, value)) = trimmed.split_once(':') else {
            continue;
        };
        let key = key.trim().to_ascii_uppercase();
        let top_level = !line.starts_with([' ', '\t']);
        if value.trim().is_empty() && (ENTITY_LABELS.contains(&key.as_str()) || !top_level) {
            b.open(&key);
        } else if value.trim().is_empty() && key == "CONFIRMING COPY" {
            b.value(&key, value, true);
        } else {
            b.value(&key, value, top_level);
        }
    }
    b.header
}

/// Tags that carry a value even when it is blank (so a blank one is not a container).
fn is_tag_value_key(tag: &str) -> bool {
    matches!(
        tag,
        "ORGANIZATION-NAME" | "IRS-NUMBER" | "ASSIGNED-SIC" | "STREET2" | "PHONE" | "GROUP-MEMBERS"
    )
}

fn tag_label(tag: &str) -> String {
    let plain = tag.replace('-', " ");
    TAG_ALIASES
        .iter()
        .find(|(t, _)| *t == plain)
        .map_or(plain, |(_, label)| label.to_string())
}

/// Split `<DOCUMENT>` blocks. Tags are matched in upper case as EDGAR writes them.
fn split_documents(text: &str) -> Result<Vec<Document>> {
    let bytes = text.as_bytes();
    let mut docs = Vec::new();
    let mut pos = 0;
    while let Some(i) = memmem::find(&bytes[pos..], b"<DOCUMENT>") {
        let open = pos + i;
        let inner = open + "<DOCUMENT>".len();
        let close = memmem::find(&bytes[inner..], b"</DOCUMENT>").map(|j| inner + j);
        let text_open =
            memmem::find(&bytes[inner..close.unwrap_or(bytes.len())], b"<TEXT>").map(|j| inner + j);
        let Some(body_start) = text_open.map(|t| t + "<TEXT>".len()) else {
            return Err(Error::malformed(
                "a <DOCUMENT> without <TEXT>: expected <TYPE>, <SEQUENCE>, then <TEXT>...</TEXT>",
                Position::at(bytes, open),
            ));
        };
        let text_close = memmem::find(&bytes[body_start..close.unwrap_or(bytes.len())], b"</TEXT>")
            .map(|j| body_start + j);
        let body_end = match (text_close, close) {
            (Some(e), _) | (None, Some(e)) => e,
            (None, None) => return Err(Error::malformed(
                "unterminated <DOCUMENT>: expected </TEXT> and </DOCUMENT> before the end of input",
                Position::at(bytes, open),
            )),
        };
        let meta = &text[inner..text_open.unwrap_or(inner)];
        let field = |tag: &str| {
            meta.lines().find_map(|l| {
                let l = l.trim();
                l.strip_prefix(tag)
                    .map(|v| v.trim().to_string())
                    .filter(|v| !v.is_empty())
            })
        };
        let (content, body) = strip_wrapper(text, body_start..body_end);
        docs.push(Document {
            doc_type: field("<TYPE>"),
            sequence: field("<SEQUENCE>"),
            filename: field("<FILENAME>"),
            description: field("<DESCRIPTION>"),
            content,
            body,
        });
        pos = close.map_or(body_end, |c| c + "</DOCUMENT>".len());
    }
    if docs.is_empty() {
        return Err(Error::malformed(
            "no <DOCUMENT> in the submission: expected <DOCUMENT><TYPE>...<TEXT>...</TEXT></DOCUMENT>",
            Position::at(bytes, bytes.len()),
        ));
    }
    Ok(docs)
}

/// Strip `<XML>`, `<PDF>`, `<XBRL>` wrappers and leading whitespace; classify the body.
fn strip_wrapper(text: &str, body: Range<usize>) -> (Content, Range<usize>) {
    let s = &text[body.clone()];
    let lead = s.len() - s.trim_start().len();
    let t = &s[lead..];
    for (open, close, content) in [
        ("<XML>", "</XML>", Content::Xml),
        ("<XBRL>", "</XBRL>", Content::Xml),
        ("<PDF>", "</PDF>", Content::Binary),
    ] {
        if t.as_bytes()
            .get(..open.len())
            .is_some_and(|h| h.eq_ignore_ascii_case(open.as_bytes()))
        {
            let inner_start = body.start + lead + open.len();
            let inner = &text[inner_start..body.end];
            let end = memmem::rfind(inner.as_bytes(), close.as_bytes())
                .map_or(body.end, |i| inner_start + i);
            let inner = &text[inner_start..end];
            let lead2 = inner.len() - inner.trim_start().len();
            return (content, inner_start + lead2..end);
        }
    }
    (sniff(t), body.start + lead..body.end)
}

/// The largest index <= `i` that is a char boundary of `s`.
pub fn floor_char_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Classify a document body by its first bytes.
fn sniff(s: &str) -> Content {
    let head = &s.as_bytes()[..s.len().min(4096)];
    if head.starts_with(b"begin ") && head.get(6).is_some_and(u8::is_ascii_digit) {
        return Content::Binary;
    }
    if head.starts_with(b"<?xml") || head.starts_with(b"<edgarSubmission") {
        return Content::Xml;
    }
    let lower = head.to_ascii_lowercase();
    let html = [
        "<html",
        "<body",
        "<div",
        "<p>",
        "<p ",
        "<font",
        "<br",
        "<td",
        "<tr",
        "<!doctype html",
    ];
    if html
        .iter()
        .any(|m| memmem::find(&lower, m.as_bytes()).is_some())
    {
        return Content::Html;
    }
    Content::Text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tag_header_and_documents() {
        let t = "<SUBMISSION>\n<ACCESSION-NUMBER>0001076809-24-000144\n<TYPE>SC 13G\n<FILING-DATE>20241213\n<SUBJECT-COMPANY>\n<COMPANY-DATA>\n<CONFORMED-NAME>Avid\n<CIK>0000704562\n</COMPANY-DATA>\n</SUBJECT-COMPANY>\n<FILED-BY>\n<COMPANY-DATA>\n<CONFORMED-NAME>GLAZER\n</COMPANY-DATA>\n</FILED-BY>\n<DOCUMENT>\n<TYPE>SC 13G\n<SEQUENCE>1\n<TEXT>\nhello\n</TEXT>\n</DOCUMENT>\n</SUBMISSION>\n";
        let s = Submission::parse(t).unwrap();
        assert_eq!(s.variant, Variant::Submission);
        let h = s.header.unwrap();
        assert_eq!(h.accession_number.as_deref(), Some("0001076809-24-000144"));
        assert_eq!(h.submission_type.as_deref(), Some("SC 13G"));
        assert_eq!(h.filed_date, NaiveDate::from_ymd_opt(2024, 12, 13));
        assert_eq!(h.subject_companies[0].name.as_deref(), Some("Avid"));
        assert_eq!(h.filed_by[0].name.as_deref(), Some("GLAZER"));
        assert_eq!(s.documents[0].doc_type.as_deref(), Some("SC 13G"));
        assert_eq!(&t[s.documents[0].body.clone()], "hello\n");
    }

    #[test]
    fn unterminated_document_is_an_error() {
        let e = Submission::parse("<DOCUMENT>\n<TYPE>SC 13D\n<TEXT>\nabc").unwrap_err();
        assert!(e.to_string().contains("unterminated <DOCUMENT>"), "{e}");
        assert_eq!(e.position().line, 1);
    }

    #[test]
    fn wrapper_check_on_non_ascii_body_never_panics() {
        let t = "<DOCUMENT><TEXT>5.2%\u{fe}</TEXT></DOCUMENT>";
        let s = Submission::parse(t).unwrap();
        assert_eq!(s.documents[0].content, Content::Text);
    }

    #[test]
    fn non_ascii_first_line_never_panics() {
        let s = "\u{ff}".repeat(300);
        assert_eq!(Submission::parse(&s).unwrap().variant, Variant::Plain);
    }

    #[test]
    fn uuencoded_and_pdf_are_binary() {
        let t = "<DOCUMENT>\n<TYPE>GRAPHIC\n<TEXT>\nbegin 644 a.jpg\nM____\n`\nend\n</TEXT>\n</DOCUMENT>\n<DOCUMENT>\n<TYPE>EX-99\n<TEXT>\n<PDF>\nJVBER\n</PDF>\n</TEXT>\n</DOCUMENT>\n";
        let s = Submission::parse(t).unwrap();
        assert!(s.documents.iter().all(|d| d.content == Content::Binary));
        assert!(s.schedule_document().is_none());
    }
}
