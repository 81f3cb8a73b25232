//! The one data model every input format feeds: plain structs, no I/O, no Python.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Which schedule a filing is: 13D (active) or 13G (passive/institutional).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum Schedule {
    #[default]
    #[serde(rename = "13D")]
    D13,
    #[serde(rename = "13G")]
    G13,
}

impl Schedule {
    pub fn as_str(self) -> &'static str {
        match self {
            Schedule::D13 => "13D",
            Schedule::G13 => "13G",
        }
    }
}

/// The input format the schedule was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum SourceFormat {
    #[default]
    Xml,
    /// A full EDGAR submission (`.txt`/`.nc`) whose primary document is text or HTML.
    Sgml,
    Html,
    Text,
}

impl SourceFormat {
    pub fn as_str(self) -> &'static str {
        match self {
            SourceFormat::Xml => "xml",
            SourceFormat::Sgml => "sgml",
            SourceFormat::Html => "html",
            SourceFormat::Text => "text",
        }
    }
}

/// A postal address as EDGAR gives it; `state_or_country` keeps the EDGAR code when there is
/// one, `state_or_country_name` its name.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Address {
    pub street1: Option<String>,
    pub street2: Option<String>,
    pub city: Option<String>,
    pub state_or_country: Option<String>,
    pub state_or_country_name: Option<String>,
    pub zip_code: Option<String>,
}

/// The subject company of the schedule.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Issuer {
    pub name: Option<String>,
    pub cik: Option<String>,
    pub cusips: Vec<String>,
    pub security_class: Option<String>,
    pub address: Option<Address>,
}

/// A filer of the submission (EDGAR `FILED BY` block or XML filer credentials).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Filer {
    pub name: Option<String>,
    pub cik: Option<String>,
}

/// One cover page: rows 1-14 of a 13D, rows 1-12 of a 13G. `None` means "not reported".
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ReportingPerson {
    pub name: String,
    pub cik: Option<String>,
    pub irs_number: Option<String>,
    /// Row 2: "a" (member of a group) or "b" (disclaims), if a box is checked.
    pub member_of_group: Option<String>,
    pub source_of_funds: Vec<String>,
    pub legal_proceedings: Option<bool>,
    /// Row 6 as a name ("Delaware"); XML codes are mapped to names.
    pub citizenship: Option<String>,
    /// Row 6 as an EDGAR state/country code, where the filing gives one (XML).
    pub citizenship_code: Option<String>,
    pub sole_voting_power: Option<f64>,
    pub shared_voting_power: Option<f64>,
    pub sole_dispositive_power: Option<f64>,
    pub shared_dispositive_power: Option<f64>,
    pub aggregate_amount: Option<f64>,
    pub excludes_certain_shares: Option<bool>,
    pub percent_of_class: Option<f64>,
    pub type_of_reporting_person: Vec<String>,
    /// The footnote or comment printed with this cover page.
    pub comment: Option<String>,
    /// The CUSIP this cover is for, when the filing has one cover per class.
    pub cover_cusip: Option<String>,
}

/// Trade direction in Item 5(c).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    Buy,
    Sell,
    #[default]
    Other,
}

impl Side {
    pub fn as_str(self) -> &'static str {
        match self {
            Side::Buy => "buy",
            Side::Sell => "sell",
            Side::Other => "other",
        }
    }
}

/// One transaction reported under Item 5(c).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Trade {
    pub reporting_person: Option<String>,
    pub trade_date: Option<NaiveDate>,
    pub period_start: Option<NaiveDate>,
    pub period_end: Option<NaiveDate>,
    pub side: Side,
    pub shares: Option<f64>,
    pub price: Option<f64>,
    pub price_low: Option<f64>,
    pub price_high: Option<f64>,
    pub currency: Option<String>,
    pub security: Option<String>,
    pub raw: String,
}

/// A signature block: who signed, in what capacity, when, and for which reporting person.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Signature {
    pub name: Option<String>,
    pub title: Option<String>,
    pub date: Option<NaiveDate>,
    pub reporting_person: Option<String>,
}

/// Severity of a validation finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A validation finding: a stable rule code, what disagrees with what, and where.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Issue {
    pub code: String,
    pub severity: Severity,
    pub message: String,
    /// Field paths involved, e.g. `reporting_persons[0].percent_of_class`.
    pub paths: Vec<String>,
    /// Where those fields were read (from `Schedule13D::spans`), for the paths that have one.
    #[serde(default)]
    pub spans: Vec<Span>,
}

/// Where a value came from: a byte range of the source as given to the parser, and the
/// source text of that range.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// An exhibit or other document of the submission besides the schedule itself.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Exhibit {
    pub doc_type: Option<String>,
    pub sequence: Option<String>,
    pub filename: Option<String>,
    pub description: Option<String>,
}

/// A parsed Schedule 13D or 13G (originals and amendments).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Schedule13D {
    pub schedule: Schedule,
    pub form_type: Option<String>,
    pub amendment_number: Option<u32>,
    pub accession_number: Option<String>,
    pub previous_accession_number: Option<String>,
    pub filed_date: Option<NaiveDate>,
    pub event_date: Option<NaiveDate>,
    pub issuer: Issuer,
    pub filers: Vec<Filer>,
    /// SEC header `GROUP MEMBERS` lines.
    pub group_members: Vec<String>,
    /// 13G: the rules checked on the title page, e.g. `Rule 13d-1(c)`.
    pub rules: Vec<String>,
    pub reporting_persons: Vec<ReportingPerson>,
    /// Item number ("1".."10") -> text of the item.
    pub items: BTreeMap<String, String>,
    pub trades: Vec<Trade>,
    pub signatures: Vec<Signature>,
    pub exhibits: Vec<Exhibit>,
    pub joint_filing_agreement: bool,
    pub source_format: SourceFormat,
    /// The SEC header of the full submission, when the input had one.
    pub header: Option<crate::container::Header>,
    pub issues: Vec<Issue>,
    /// Field path -> where in the source the value was read.
    pub spans: Spans,
}

/// Field path -> [`Span`], in the order the values were read. A filing has tens to a few
/// hundred: a list costs less than a map kept ordered (see BENCHMARKS.md run 6). A parser
/// pushes the paths it reads once and inserts those a filing may give again (XML), or pushes
/// all and de-duplicates at the end (legacy); `get` finds the latest entry either
/// way. Serialised as a JSON object.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Spans(Vec<(String, Span)>);

impl Spans {
    /// Where the value at `path` was read.
    pub fn get(&self, path: &str) -> Option<&Span> {
        self.0
            .iter()
            .rev()
            .find(|(p, _)| same_path(p, path))
            .map(|(_, s)| s)
    }

    pub fn contains_key(&self, path: &str) -> bool {
        self.get(path).is_some()
    }

    /// Record `span` under `path`, replacing an earlier one.
    pub fn insert(&mut self, path: String, span: Span) {
        match self.0.iter_mut().find(|(p, _)| same_path(p, &path)) {
            Some(entry) => entry.1 = span,
            None => self.0.push((path, span)),
        }
    }

    /// Record `span` under `path`; an earlier entry stays until [`Spans::dedup`].
    pub(crate) fn push(&mut self, path: String, span: Span) {
        self.0.push((path, span));
    }

    pub(crate) fn with_capacity(n: usize) -> Self {
        Spans(Vec::with_capacity(n))
    }

    /// Add the entries of `other`, whose paths are not in `self`.
    pub(crate) fn append(&mut self, mut other: Spans) {
        self.0.append(&mut other.0);
    }

    /// Keep only the latest entry of each path, where it was recorded.
    pub(crate) fn dedup(&mut self) {
        let mut seen = crate::hash::FxSet::default();
        seen.reserve(self.0.len());
        let latest: Vec<bool> = self
            .0
            .iter()
            .rev()
            .map(|(p, _)| seen.insert(p.as_str()))
            .collect();
        if latest.iter().all(|&l| l) {
            return;
        }
        let mut k = self.0.len();
        self.0.retain(|_| {
            k -= 1;
            latest[k]
        });
    }

    /// Whether no path is recorded twice (what [`Spans::dedup`] ensures).
    pub(crate) fn paths_unique(&self) -> bool {
        let paths = self.0.iter().map(|(p, _)| p);
        paths
            .clone()
            .enumerate()
            .all(|(i, p)| !paths.clone().skip(i + 1).any(|q| q == p))
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &Span)> {
        self.0.iter().map(|(p, s)| (p.as_str(), s))
    }

    pub fn values_mut(&mut self) -> impl Iterator<Item = &mut Span> {
        self.0.iter_mut().map(|(_, s)| s)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn clear(&mut self) {
        self.0.clear();
    }
}

/// Paths of one length mostly differ near their end (`[3].cik`, `.city`): compared from there,
/// in line, most comparisons stop at the first byte.
fn same_path(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().rev().eq(b.bytes().rev())
}

impl FromIterator<(String, Span)> for Spans {
    /// Later entries replace earlier ones with the same path.
    fn from_iter<I: IntoIterator<Item = (String, Span)>>(iter: I) -> Self {
        let mut spans = Spans(iter.into_iter().collect());
        spans.dedup();
        spans
    }
}

impl Serialize for Spans {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.iter())
    }
}

impl<'de> Deserialize<'de> for Spans {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Entries;
        impl<'de> serde::de::Visitor<'de> for Entries {
            type Value = Spans;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a map of field paths to spans")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Spans, A::Error> {
                let mut spans = Spans::default();
                while let Some((path, span)) = map.next_entry::<String, Span>()? {
                    spans.push(path, span);
                }
                spans.dedup();
                Ok(spans)
            }
        }
        deserializer.deserialize_map(Entries)
    }
}

/// `prefix[i]`, or `prefix[i].key` with a key: the field paths of `spans` and findings.
pub fn field_path(prefix: &str, i: usize, key: Option<&str>) -> String {
    let mut digits = itoa::Buffer::new();
    let digits = digits.format(i);
    let mut out = String::with_capacity(prefix.len() + digits.len() + 3 + key.map_or(0, str::len));
    out.push_str(prefix);
    out.push('[');
    out.push_str(digits);
    out.push(']');
    if let Some(key) = key {
        out.push('.');
        out.push_str(key);
    }
    out
}

impl Schedule13D {
    /// The first CUSIP of the issuer, if any.
    pub fn cusip(&self) -> Option<&str> {
        self.issuer.cusips.first().map(String::as_str)
    }

    /// Where the value at `path` was read, e.g. `reporting_persons[0].aggregate_amount`.
    pub fn source_of(&self, path: &str) -> Option<&Span> {
        self.spans.get(path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(start: usize, text: &str) -> Span {
        Span {
            start,
            end: start + text.len(),
            text: text.into(),
        }
    }

    #[test]
    fn spans_keep_the_latest_entry_of_a_path() {
        let mut s = Spans::default();
        s.push("issuer.cusips[0]".into(), span(1, "a"));
        s.push("issuer.cik".into(), span(5, "b"));
        s.push("issuer.cusips[0]".into(), span(9, "c"));
        assert_eq!(s.get("issuer.cusips[0]").map(|x| x.start), Some(9));
        assert!(!s.paths_unique());
        s.dedup();
        assert!(s.paths_unique());
        let paths: Vec<&str> = s.iter().map(|(p, _)| p).collect();
        assert_eq!(paths, ["issuer.cik", "issuer.cusips[0]"]);
        s.insert("issuer.cik".into(), span(20, "d"));
        assert_eq!(s.len(), 2);
        assert_eq!(s.get("issuer.cik").map(|x| x.text.as_str()), Some("d"));
        assert!(!s.contains_key("issuer.cusips[1]"));

        let json = serde_json::to_string(&s).unwrap();
        assert!(json.starts_with(r#"{"issuer.cik":{"start":20"#), "{json}");
        let back: Spans = serde_json::from_str(&json).unwrap();
        assert_eq!(back, s);
    }
}
