//! Validation rules: findings on a parsed filing, never errors (SPEC §5, EDGAR business rules
//! of §4).
//!
//! Every rule has a stable kebab-case code and one severity, listed once in [`RULES`]; every
//! tolerance lives in [`Tolerances`]. A finding says what disagrees with what, names the field
//! paths involved and copies their source spans from `filing.spans`. Rules never drop or
//! change data, and never panic on any input.

use std::borrow::Cow;
use std::collections::BTreeSet;
use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate, Weekday};
use memchr::memmem::Finder;
use regex::Regex;

use crate::hash::FxMap;
use crate::model::{
    field_path, Issue, ReportingPerson, Schedule, Schedule13D, Severity, SourceFormat,
};

/// One rule of the catalogue: code, severity, what it checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    pub code: &'static str,
    pub severity: Severity,
    pub description: &'static str,
}

const fn rule(code: &'static str, severity: Severity, description: &'static str) -> Rule {
    Rule {
        code,
        severity,
        description,
    }
}

use Severity::{Error as E, Info as I, Warning as W};

/// The rule catalogue (docs/rules.md explains each with a corpus example).
pub const RULES: &[Rule] = &[
    rule("cusip-format", E, "A CUSIP is not 9 characters of 0-9, A-Z, *, @, # (nor a recognisable ISIN/SEDOL/partial CUSIP)."),
    rule("cusip-check-digit", E, "The 9th character of a CUSIP is not the mod-10 check digit of the first 8 (SPEC §5)."),
    rule("cusip-placeholder", W, "The filing gives a placeholder CUSIP (000000000, N/A, None) instead of the class's CUSIP."),
    rule("security-id-not-cusip", I, "The CUSIP field holds a partial CUSIP (6 or 8 characters), an ISIN or a SEDOL: no check digit to verify."),
    rule("cik-format", E, "A CIK (issuer, filer, reporting person, SEC header entity) is not 1-10 digits."),
    rule("accession-format", E, "An accession number (this filing or the previous one of the chain) is not NNNNNNNNNN-YY-NNNNNN."),
    rule("irs-number-format", W, "An IRS employer identification number is not 9 digits (NN-NNNNNNN)."),
    rule("irs-number-mismatch", W, "A cover page's IRS number differs from the IRS number the SEC header gives the same filer."),
    rule("shares-negative", E, "A share row (rows 7-11 / 5-9) is negative."),
    rule("aggregate-vs-dispositive", W, "Aggregate amount (row 11/9) differs from sole + shared dispositive power."),
    rule("aggregate-below-power", W, "Aggregate amount is below sole + shared voting or sole + shared dispositive power while row 12/10 (excludes certain shares) is not checked."),
    rule("aggregate-exceeds-powers", W, "Aggregate amount exceeds the sum of all four powers: beneficial ownership is voting or investment power."),
    rule("percent-out-of-range", E, "Percent of class (row 13/11) is below 0 or above 100."),
    rule("percent-vs-shares", W, "Percent of class does not match the aggregate amount over the shares outstanding the filing states (beyond rounding and the relative tolerance), or shares and percent disagree on zero."),
    rule("implied-outstanding-mismatch", W, "The shares outstanding implied by aggregate / percent differ between reporting persons by more than the tolerance (2%)."),
    rule("cover-vs-item", W, "Item 5 (13D) / Item 4 (13G) states shares and percent that disagree with the cover pages."),
    rule("issuer-cik-mismatch", E, "The issuer CIK on the cover differs from the SEC header subject company CIK."),
    rule("issuer-name-mismatch", W, "The cover issuer name is not the SEC header subject company name (fuzzy; former names count)."),
    rule("issuer-item1-mismatch", W, "The issuer named in Item 1 is not the cover issuer (EDGAR: cover issuer data = Item 1 issuer data)."),
    rule("filer-is-issuer", W, "A filer's CIK is the issuer's CIK (EDGAR: filer CIK must differ from issuer CIK)."),
    rule("filer-not-on-cover", W, "A filer (SEC header FILED BY / XML filer) or header group member matches no reporting person by CIK or name."),
    rule("filer-name-spelling", I, "A filer or header group member matches a reporting person only approximately (spelled differently)."),
    rule("signature-name-mismatch", W, "A signature names a reporting person with a close but different spelling from its cover page."),
    rule("person-not-signed", W, "A reporting person has no signature block (EDGAR: each person has at least one signature)."),
    rule("duplicate-person", W, "Two cover pages carry the same reporting-person name (for the same class)."),
    rule("event-after-filing", E, "The date of event is after the filing date."),
    rule("event-after-signature", W, "The date of event is after the signature date."),
    rule("signature-after-filing", W, "The signature date is more than the grace period (1 day) after the filing date."),
    rule("signature-day-after-filing", I, "The signature date is the day after the filing date (time zones)."),
    rule("signature-long-before-filing", I, "The signature date is long (30+ days) before the filing date."),
    rule("late-filing", I, "An initial 13D was filed after its deadline (10 days after the event; 5 business days from 2024-02-05)."),
    rule("amendment-on-original", W, "An original (non-/A) form type carries an amendment number."),
    rule("amendment-number-missing", W, "An amendment (/A) does not state its amendment number (XML 13D/A requires amendmentNo)."),
    rule("previous-accession-missing", W, "An XML amendment does not give previousAccessionNumber."),
    rule("missing-required-field", W, "A field the form requires is missing: form type, issuer name, CUSIP, class, event date, reporting persons and their names, aggregate and percent on originals, signatures."),
    rule("passive-13g-over-20", W, "A 13G filed under Rule 13d-1(c) (passive investor) reports 20% or more."),
    rule("initial-13d-not-over-5", W, "An initial 13D reports 5% or less for every person without a group."),
];

/// The catalogue entry of `code`.
pub fn rule_info(code: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.code == code)
}

/// Every number a rule compares with slack, in one place.
#[derive(Debug, Clone, PartialEq)]
pub struct Tolerances {
    /// Relative gap between implied shares outstanding (across persons, or against the number
    /// the filing states) above which a finding is made.
    pub outstanding_rel_gap: f64,
    /// Name similarity (0-1, edit distance ratio on normalised names) from which two different
    /// names count as "the same name spelled differently".
    pub name_close_ratio: f64,
    /// Days a signature may follow the filing date without a warning (info instead).
    pub signature_grace_days: i64,
    /// Days before filing from which a signature date is reported as stale (info).
    pub stale_signature_days: i64,
    /// Passive (13d-1(c)) 13G filers must stay below this percent.
    pub passive_max_percent: f64,
    /// An initial 13D is expected above this percent (unless a group files).
    pub initial_13d_min_percent: f64,
    /// Share counts equal within this many shares (fractional shares in XML).
    pub share_abs: f64,
}

impl Default for Tolerances {
    fn default() -> Self {
        Tolerances {
            outstanding_rel_gap: 0.02,
            name_close_ratio: 0.8,
            signature_grace_days: 1,
            stale_signature_days: 30,
            passive_max_percent: 20.0,
            initial_13d_min_percent: 5.0,
            share_abs: 0.5,
        }
    }
}

/// Which rules run and their tolerances.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// Rule codes switched off.
    pub disabled: Vec<String>,
    pub tolerances: Tolerances,
}

impl Config {
    /// Whether the rule `code` runs.
    pub fn enabled(&self, code: &str) -> bool {
        !self
            .disabled
            .iter()
            .any(|d| d.trim().eq_ignore_ascii_case(code))
    }
}

/// Run every enabled rule on `filing`.
pub fn validate(filing: &Schedule13D, config: &Config) -> Vec<Issue> {
    let mut cx = Cx {
        f: filing,
        cfg: config,
        tol: &config.tolerances,
        names: Names::new(config.tolerances.name_close_ratio),
        units: vec![None; filing.reporting_persons.len()],
        printed: None,
        amendment: is_amendment(filing),
        joint: (filing.reporting_persons.iter())
            .map(|p| joint_parts(&p.name))
            .collect(),
        out: Vec::new(),
    };
    cusips(&mut cx);
    identifiers(&mut cx);
    shares(&mut cx);
    percents(&mut cx);
    cover_vs_item(&mut cx);
    issuer(&mut cx);
    filers(&mut cx);
    irs_numbers(&mut cx);
    signatures(&mut cx);
    duplicates(&mut cx);
    dates(&mut cx);
    amendment(&mut cx);
    required(&mut cx);
    category(&mut cx);
    cx.out
}

/// The names one validation compares: each distinct name is tokenised once, each pair
/// compared once (the rules compare the same cover, filer and signature names many times).
struct Names<'a> {
    /// Index into `infos` by the name as written.
    ids: FxMap<&'a str, usize>,
    infos: Vec<NameInfo>,
    /// By the ids of the two names, for the pairs [`quick_match`] does not settle.
    pairs: FxMap<(usize, usize), NameMatch>,
    close: f64,
    /// Scratch of [`NameInfo::with`], kept from name to name.
    buf: TokenBuf,
    core_text: String,
}

impl<'a> Names<'a> {
    fn new(close: f64) -> Self {
        // Room for the names and pairs of a common filing, without regrowing.
        Names {
            ids: FxMap::with_capacity_and_hasher(8, Default::default()),
            infos: Vec::with_capacity(8),
            pairs: FxMap::with_capacity_and_hasher(16, Default::default()),
            close,
            buf: TokenBuf::with_capacity(256),
            core_text: String::with_capacity(256),
        }
    }

    fn id(&mut self, s: &'a str) -> usize {
        if let Some(&id) = self.ids.get(s) {
            return id;
        }
        let id = self.infos.len();
        let info = NameInfo::with(s, &mut self.buf, &mut self.core_text);
        self.infos.push(info);
        self.ids.insert(s, id);
        id
    }

    fn info(&mut self, s: &'a str) -> &NameInfo {
        let id = self.id(s);
        &self.infos[id]
    }

    /// [`compare_names`] with the filing's close ratio.
    fn compare(&mut self, a: &'a str, b: &'a str) -> NameMatch {
        let key = (self.id(a), self.id(b));
        self.compare_ids(key)
    }

    /// [`Names::compare`] of the names with these ids.
    fn compare_ids(&mut self, key: (usize, usize)) -> NameMatch {
        let (a, b) = (&self.infos[key.0], &self.infos[key.1]);
        if let Some(m) = quick_match(a, b) {
            return m;
        }
        if let Some(&m) = self.pairs.get(&key) {
            return m;
        }
        let m = compare_words(a, b, self.close);
        self.pairs.insert(key, m);
        m
    }

    /// The best match of `name` among `names`, with its index (the first of the best).
    fn best_match(&mut self, name: &'a str, names: &[&'a str]) -> (NameMatch, Option<usize>) {
        let x = self.id(name);
        self.best_among(x, names.len(), |s, k| s.id(names[k]))
    }

    /// [`Names::best_match`] of the name with id `x` among a list compared many times, whose
    /// ids are kept in `ids` as they are looked up.
    fn best_in(&mut self, x: usize, list: &mut NameList<'a>) -> (NameMatch, Option<usize>) {
        self.best_among(x, list.names.len(), |s, k| list.id(s, k))
    }

    /// The best match of the name with id `x` among `n` names, the id of the `k`-th from
    /// `id_of`, asked in order up to the first exact match (nothing beats it: the later names
    /// need not be tokenised).
    fn best_among(
        &mut self,
        x: usize,
        n: usize,
        mut id_of: impl FnMut(&mut Self, usize) -> usize,
    ) -> (NameMatch, Option<usize>) {
        let mut best = (NameMatch::Different, None);
        for k in 0..n {
            let y = id_of(self, k);
            let m = self.compare_ids((x, y));
            if m > best.0 {
                best = (m, Some(k));
                if m == NameMatch::Exact {
                    break;
                }
            }
        }
        best
    }
}

/// Names that one rule compares with many others: the id of each is looked up once.
struct NameList<'a> {
    names: Vec<&'a str>,
    ids: Vec<Option<usize>>,
}

impl<'a> NameList<'a> {
    fn new(names: Vec<&'a str>) -> Self {
        let ids = vec![None; names.len()];
        NameList { names, ids }
    }

    /// The id of the `k`-th name.
    fn id(&mut self, names: &mut Names<'a>, k: usize) -> usize {
        *self.ids[k].get_or_insert_with(|| names.id(self.names[k]))
    }
}

/// What [`compare_names`] needs of one name, computed once.
struct NameInfo {
    /// The tokens of [`name_tokens`] joined by spaces (none holds one, none is empty), then
    /// the core: the tokens that are not legal forms, in order, joined by spaces.
    text: String,
    /// Where the core starts in `text`.
    split: usize,
    /// How many tokens.
    len: usize,
    /// Where each core token lies in `text`, in order, then the same sorted by word.
    core: Vec<(usize, usize)>,
    /// The legal forms (but `the`), as bits by their index in [`LEGAL_FORMS`].
    forms: u32,
    /// [`byte_counts`] of the core if it is ASCII.
    counts: Option<[u8; 128]>,
}

impl NameInfo {
    fn of(name: &str) -> NameInfo {
        NameInfo::with(name, &mut TokenBuf::default(), &mut String::new())
    }

    /// [`NameInfo::of`], tokenising in `buf` and joining the core in `core_text` first.
    fn with(name: &str, buf: &mut TokenBuf, core_text: &mut String) -> NameInfo {
        let mut text = String::with_capacity(2 * name.len() + 2);
        let (mut len, mut forms) = (0, 0u32);
        let mut core = Vec::with_capacity(8);
        core_text.clear();
        buf.tokens(name, |t| {
            if len > 0 {
                text.push(' ');
            }
            text.push_str(t);
            len += 1;
            match legal_form(t) {
                Some(k) => {
                    if t != "the" {
                        forms |= 1 << k;
                    }
                }
                None => {
                    if !core.is_empty() {
                        core_text.push(' ');
                    }
                    core.push((core_text.len(), core_text.len() + t.len()));
                    core_text.push_str(t);
                }
            }
        });
        let split = text.len();
        text.push_str(core_text);
        let n = core.len();
        for k in 0..n {
            let (a, b) = core[k];
            core[k] = (split + a, split + b);
            core.push(core[k]);
        }
        let word = |&(a, b): &(usize, usize)| &text.as_bytes()[a..b];
        // First bytes mostly differ: compared inline, they spare most `memcmp` calls.
        core[n..].sort_unstable_by(|x, y| {
            let (x, y) = (word(x), word(y));
            x.first().cmp(&y.first()).then_with(|| x.cmp(y))
        });
        let counts = core_text
            .is_ascii()
            .then(|| byte_counts(core_text.as_bytes()));
        NameInfo {
            text,
            split,
            len,
            core,
            forms,
            counts,
        }
    }

    /// The tokens joined by spaces.
    fn joined(&self) -> &str {
        &self.text[..self.split]
    }

    /// The core tokens joined by spaces.
    fn joined_core(&self) -> &str {
        &self.text[self.split..]
    }

    /// How many core tokens.
    fn core_len(&self) -> usize {
        self.core.len() / 2
    }

    /// The core tokens as bytes, in order: in `buf` when they fit, else in `more` (most names
    /// have a few, which a comparison reads without allocating).
    fn core_words<'b>(
        &'b self,
        buf: &'b mut [&'b [u8]; 8],
        more: &'b mut Vec<&'b [u8]>,
    ) -> &'b [&'b [u8]] {
        let text = self.text.as_bytes();
        let n = self.core_len();
        let words = self.core[..n].iter().map(|&(a, b)| &text[a..b]);
        if n > buf.len() {
            *more = words.collect();
            return more;
        }
        for (slot, w) in buf.iter_mut().zip(words) {
            *slot = w;
        }
        &buf[..n]
    }
}

/// Whether the UTF-8 of a word is one character: as long as its first byte says.
fn one_char(w: &[u8]) -> bool {
    let len = match w.first() {
        None => return false,
        Some(&b) if b < 0x80 => 1,
        Some(&b) if b < 0xe0 => 2,
        Some(&b) if b < 0xf0 => 3,
        Some(_) => 4,
    };
    w.len() == len
}

struct Cx<'a> {
    f: &'a Schedule13D,
    cfg: &'a Config,
    tol: &'a Tolerances,
    names: Names<'a>,
    /// [`percent_unit`] by person, once computed (two rules need it).
    units: Vec<Option<f64>>,
    /// [`is_amendment`] of the filing (several rules need it).
    amendment: bool,
    /// [`joint_parts`] of each person's name (two rules need them).
    joint: Vec<Vec<&'a str>>,
    /// [`printed_percents`], once a unit is needed.
    printed: Option<Vec<Option<&'a str>>>,
    out: Vec<Issue>,
}

impl Cx<'_> {
    /// [`percent_unit`] of person `i`, whose percent of class is `p`.
    fn percent_unit(&mut self, i: usize, p: f64) -> f64 {
        let f = self.f;
        let printed = self.printed.get_or_insert_with(|| printed_percents(f));
        let text = printed.get(i).copied().flatten();
        *self.units[i].get_or_insert_with(|| percent_unit(text, p))
    }

    fn on(&self, code: &str) -> bool {
        self.cfg.enabled(code)
    }

    fn emit(&mut self, code: &str, message: String, paths: Vec<String>) {
        if !self.on(code) {
            return;
        }
        let severity = rule_info(code).map_or(Severity::Warning, |r| r.severity);
        let spans = paths
            .iter()
            .filter_map(|p| self.f.spans.get(p).cloned())
            .collect();
        self.out.push(Issue {
            code: code.to_string(),
            severity,
            message,
            paths,
            spans,
        });
    }
}

fn re(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pattern).expect("static regex"))
}

/// Whether `hay` holds `needle`, with a searcher built once (a one-shot `memmem::find`
/// builds one per call, which costs more than searching a name).
fn holds(cell: &'static OnceLock<Finder<'static>>, needle: &'static str, hay: &str) -> bool {
    let finder = cell.get_or_init(|| Finder::new(needle));
    finder.find(hay.as_bytes()).is_some()
}

/// Whether `s` is empty or white space only (`s.trim().is_empty()` without trimming both
/// ends).
fn blank(s: &str) -> bool {
    s.chars().all(char::is_whitespace)
}

fn person_label(p: &ReportingPerson, i: usize) -> String {
    if blank(&p.name) {
        format!("reporting person #{}", i + 1)
    } else {
        format!("{} (cover {})", p.name.trim(), i + 1)
    }
}

fn pp(i: usize, field: &str) -> String {
    field_path("reporting_persons", i, Some(field))
}

/// Format a share count the way filings print it: `1,234,567` (decimals kept when present).
fn fmt_shares(v: f64) -> String {
    let neg = v < 0.0;
    let a = v.abs();
    let int = a.trunc() as u64;
    let frac = a - a.trunc();
    let digits = int.to_string();
    let mut out = String::new();
    for (k, ch) in digits.chars().enumerate() {
        if k > 0 && (digits.len() - k) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    if frac > 1e-9 {
        let f = format!("{frac:.4}");
        out.push_str(f.trim_start_matches('0').trim_end_matches('0'));
    }
    if neg {
        format!("-{out}")
    } else {
        out
    }
}

fn fmt_pct(v: f64) -> String {
    let s = format!("{v:.4}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    format!("{s}%")
}

// ---------------------------------------------------------------------------------------
// CUSIP

/// What a CUSIP-field value is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CusipCheck {
    Valid,
    /// 9 well-formed characters whose check digit should be `expected`.
    BadCheckDigit {
        expected: char,
    },
    /// 6- or 8-character issuer/issue prefix, ISIN or SEDOL: nothing to verify.
    NotCusip(&'static str),
    Malformed,
    Placeholder,
}

/// Normalise a CUSIP as printed: strip spaces and dashes, uppercase.
pub fn normalize_cusip(s: &str) -> String {
    // Sized once: collecting a filter would start small and regrow.
    let mut out = String::with_capacity(s.len());
    out.extend(
        s.chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .map(|c| c.to_ascii_uppercase()),
    );
    out
}

fn cusip_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => c.to_digit(10),
        'A'..='Z' => Some(c as u32 - 'A' as u32 + 10),
        '*' => Some(36),
        '@' => Some(37),
        '#' => Some(38),
        _ => None,
    }
}

/// The check digit of the first 8 characters of a CUSIP (SPEC §5), if they are valid.
pub fn cusip_check_digit(first8: &str) -> Option<char> {
    if first8.chars().count() != 8 {
        return None;
    }
    let mut sum = 0u32;
    for (i, c) in first8.chars().enumerate() {
        let mut v = cusip_value(c)?;
        if i % 2 == 1 {
            v *= 2;
        }
        while v > 0 {
            sum += v % 10;
            v /= 10;
        }
    }
    char::from_digit((10 - sum % 10) % 10, 10)
}

/// Classify a CUSIP-field value.
pub fn check_cusip(raw: &str) -> CusipCheck {
    classify_cusip(&normalize_cusip(raw))
}

/// [`check_cusip`] of a value already normalised.
fn classify_cusip(c: &str) -> CusipCheck {
    if c.is_empty()
        || c.chars().all(|ch| ch == '0')
        || matches!(c, "N/A" | "NA" | "NONE" | "NOTAPPLICABLE" | "TBD")
    {
        return CusipCheck::Placeholder;
    }
    let valid_chars = c.chars().all(|ch| cusip_value(ch).is_some());
    match c.len() {
        9 if valid_chars => match cusip_check_digit(&c[..8]) {
            Some(expected) if c.ends_with(expected) => CusipCheck::Valid,
            Some(expected) => CusipCheck::BadCheckDigit { expected },
            None => CusipCheck::Malformed,
        },
        6 | 8 if valid_chars => {
            CusipCheck::NotCusip("a partial CUSIP (issuer/issue prefix without check digit)")
        }
        12 if c[..2].chars().all(|ch| ch.is_ascii_uppercase())
            && c.chars().all(|ch| ch.is_ascii_alphanumeric()) =>
        {
            CusipCheck::NotCusip("an ISIN")
        }
        7 if c.chars().all(|ch| ch.is_ascii_alphanumeric())
            && c.chars().any(|ch| ch.is_ascii_digit()) =>
        {
            CusipCheck::NotCusip("a SEDOL")
        }
        _ => CusipCheck::Malformed,
    }
}

fn cusips(cx: &mut Cx) {
    let f = cx.f;
    let mut seen: Vec<String> = Vec::new();
    // Each value with its path (list, index, field), built for a finding only.
    let issuer =
        (f.issuer.cusips.iter().enumerate()).map(|(k, c)| (c.as_str(), ("issuer.cusips", k, None)));
    let covers = f.reporting_persons.iter().enumerate().filter_map(|(i, p)| {
        let c = p.cover_cusip.as_deref()?;
        Some((c, ("reporting_persons", i, Some("cover_cusip"))))
    });
    for (value, (list, k, field)) in issuer.chain(covers) {
        let norm = normalize_cusip(value);
        if seen.contains(&norm) {
            continue;
        }
        let path = || vec![field_path(list, k, field)];
        match classify_cusip(&norm) {
            CusipCheck::Valid => {}
            CusipCheck::BadCheckDigit { expected } => cx.emit(
                "cusip-check-digit",
                format!("CUSIP {value}: check digit is {}, but the first 8 characters give {expected}", norm.chars().last().unwrap_or('?')),
                path(),
            ),
            CusipCheck::NotCusip(what) => cx.emit(
                "security-id-not-cusip",
                format!("CUSIP field {value} is {what}; its check digit cannot be verified"),
                path(),
            ),
            CusipCheck::Malformed => cx.emit(
                "cusip-format",
                format!("CUSIP {value} is not 9 characters of 0-9, A-Z, *, @, # ({} characters after removing spaces and dashes)", norm.chars().count()),
                path(),
            ),
            CusipCheck::Placeholder => cx.emit(
                "cusip-placeholder",
                format!("CUSIP {value} is a placeholder, not the class's CUSIP"),
                path(),
            ),
        }
        seen.push(norm);
    }
    if let Some(span) = f.spans.get("issuer.cusip_placeholder") {
        let text = span.text.clone();
        cx.emit(
            "cusip-placeholder",
            format!("the cover gives the placeholder CUSIP {text} instead of the class's CUSIP"),
            vec!["issuer.cusip_placeholder".into()],
        );
    }
}

// ---------------------------------------------------------------------------------------
// CIK, accession, IRS number

fn cik_ok(s: &str) -> bool {
    cik_digits(s).is_some()
}

/// The digits of a well-formed CIK (1-10 digits after trimming).
fn cik_digits(s: &str) -> Option<&str> {
    let t = s.trim();
    (!t.is_empty() && t.len() <= 10 && t.bytes().all(|b| b.is_ascii_digit())).then_some(t)
}

/// CIK as a number (leading zeros stripped), when well-formed.
fn cik_num(s: &str) -> Option<u64> {
    cik_digits(s)?.parse().ok()
}

fn accession_ok(s: &str) -> bool {
    static R: OnceLock<Regex> = OnceLock::new();
    re(&R, r"^\d{10}-\d{2}-\d{6}$").is_match(s.trim())
}

fn identifiers(cx: &mut Cx) {
    let f = cx.f;
    // (CIK, path list, index in it, whose: kind and name): the path and the label are built
    // for a finding only.
    let mut ciks: Vec<(&str, &str, Option<usize>, &str, &str)> = Vec::new();
    if let Some(c) = &f.issuer.cik {
        ciks.push((c, "issuer.cik", None, "issuer", ""));
    }
    for (i, fl) in f.filers.iter().enumerate() {
        if let Some(c) = &fl.cik {
            let name = fl.name.as_deref().unwrap_or("");
            ciks.push((c, "filers", Some(i), "filer", name));
        }
    }
    for (i, p) in f.reporting_persons.iter().enumerate() {
        if let Some(c) = &p.cik {
            ciks.push((c, "reporting_persons", Some(i), "reporting person", &p.name));
        }
    }
    if let Some(h) = &f.header {
        for (list, kind, entities) in [
            (
                "header.subject_companies",
                "header subject company",
                &h.subject_companies,
            ),
            ("header.filed_by", "header filer", &h.filed_by),
        ] {
            for (k, e) in entities.iter().enumerate() {
                if let Some(c) = &e.cik {
                    ciks.push((c, list, Some(k), kind, ""));
                }
            }
        }
    }
    for (cik, list, k, kind, name) in ciks {
        if !cik_ok(cik) {
            let path = k.map_or_else(|| list.to_string(), |k| field_path(list, k, Some("cik")));
            let who = format!("{kind} {name}");
            cx.emit(
                "cik-format",
                format!("CIK {cik:?} of the {} is not 1-10 digits", who.trim()),
                vec![path],
            );
        }
    }
    for (value, path, what) in [
        (&f.accession_number, "accession_number", "accession number"),
        (
            &f.previous_accession_number,
            "previous_accession_number",
            "previous accession number",
        ),
    ] {
        if let Some(v) = value {
            if !accession_ok(v) {
                cx.emit(
                    "accession-format",
                    format!("{what} {v:?} is not NNNNNNNNNN-YY-NNNNNN"),
                    vec![path.into()],
                );
            }
        }
    }
    for (i, p) in f.reporting_persons.iter().enumerate() {
        if let Some(irs) = &p.irs_number {
            let t = irs.trim();
            // Masked numbers (`##-#######`, `XX-XXXXXXX`) and "N/A" are not checked.
            if t.is_empty()
                || t.contains(['#', 'X', 'x', '*'])
                || !t.bytes().any(|b| b.is_ascii_digit())
            {
                continue;
            }
            let digits = t.bytes().filter(u8::is_ascii_digit).count();
            let shape_ok = t
                .bytes()
                .all(|b| b.is_ascii_digit() || b == b'-' || b == b' ');
            if digits != 9 || !shape_ok {
                cx.emit(
                    "irs-number-format",
                    format!(
                        "IRS number {t:?} of {} is not 9 digits (NN-NNNNNNN)",
                        person_label(p, i)
                    ),
                    vec![pp(i, "irs_number")],
                );
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// Share arithmetic

fn shares(cx: &mut Cx) {
    let f = cx.f;
    let eps = cx.tol.share_abs;
    for (i, p) in f.reporting_persons.iter().enumerate() {
        let who = || person_label(p, i);
        let rows = [
            ("sole_voting_power", p.sole_voting_power),
            ("shared_voting_power", p.shared_voting_power),
            ("sole_dispositive_power", p.sole_dispositive_power),
            ("shared_dispositive_power", p.shared_dispositive_power),
            ("aggregate_amount", p.aggregate_amount),
        ];
        for (field, v) in rows {
            if let Some(v) = v.filter(|v| *v < 0.0) {
                cx.emit(
                    "shares-negative",
                    format!(
                        "{}: {} is negative ({})",
                        who(),
                        field.replace('_', " "),
                        fmt_shares(v)
                    ),
                    vec![pp(i, field)],
                );
            }
        }
        let Some(agg) = p.aggregate_amount else {
            continue;
        };
        let (sv, hv, sd, hd) = (
            p.sole_voting_power,
            p.shared_voting_power,
            p.sole_dispositive_power,
            p.shared_dispositive_power,
        );
        // A missing row next to a reported one reads as 0 (XML omits zero elements).
        let pair = |a: Option<f64>, b: Option<f64>| match (a, b) {
            (None, None) => None,
            (a, b) => Some(a.unwrap_or(0.0) + b.unwrap_or(0.0)),
        };
        let disp = pair(sd, hd);
        let vote = pair(sv, hv);
        if let Some(d) = disp {
            if (agg - d).abs() > eps {
                cx.emit(
                    "aggregate-vs-dispositive",
                    format!(
                        "{}: aggregate amount {} differs from sole dispositive {} + shared dispositive {} = {}",
                        who(),
                        fmt_shares(agg),
                        fmt_shares(sd.unwrap_or(0.0)),
                        fmt_shares(hd.unwrap_or(0.0)),
                        fmt_shares(d)
                    ),
                    vec![pp(i, "aggregate_amount"), pp(i, "sole_dispositive_power"), pp(i, "shared_dispositive_power")],
                );
            }
        }
        if p.excludes_certain_shares != Some(true) {
            let mut worst: Option<(&str, f64, [&str; 2])> = None;
            if let Some(v) = vote.filter(|v| agg + eps < *v) {
                worst = Some(("voting", v, ["sole_voting_power", "shared_voting_power"]));
            }
            if let Some(d) = disp.filter(|d| agg + eps < *d) {
                if worst.is_none_or(|(_, v, _)| d > v) {
                    worst = Some((
                        "dispositive",
                        d,
                        ["sole_dispositive_power", "shared_dispositive_power"],
                    ));
                }
            }
            if let Some((kind, v, fields)) = worst {
                cx.emit(
                    "aggregate-below-power",
                    format!(
                        "{}: aggregate amount {} is below sole + shared {kind} power {} and row 12 (excludes certain shares) is not checked",
                        who(),
                        fmt_shares(agg),
                        fmt_shares(v)
                    ),
                    vec![pp(i, "aggregate_amount"), pp(i, fields[0]), pp(i, fields[1])],
                );
            }
        }
        if let (Some(a), Some(b), Some(c), Some(d)) = (sv, hv, sd, hd) {
            let sum = a + b + c + d;
            if agg > sum + eps {
                cx.emit(
                    "aggregate-exceeds-powers",
                    format!(
                        "{}: aggregate amount {} exceeds the sum of all four powers {} (beneficial ownership is voting or investment power)",
                        who(),
                        fmt_shares(agg),
                        fmt_shares(sum)
                    ),
                    vec![
                        pp(i, "aggregate_amount"),
                        pp(i, "sole_voting_power"),
                        pp(i, "shared_voting_power"),
                        pp(i, "sole_dispositive_power"),
                        pp(i, "shared_dispositive_power"),
                    ],
                );
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// Percent, implied shares outstanding

/// The source text of each person's percent of class (`spans[pp(i, "percent_of_class")]`),
/// by person: one pass over the spans instead of a search for each person.
fn printed_percents(f: &Schedule13D) -> Vec<Option<&str>> {
    let mut out = vec![None; f.reporting_persons.len()];
    for (path, span) in f.spans.iter() {
        // The suffix first: most paths are other fields of a person.
        let index = (path.strip_suffix("].percent_of_class"))
            .and_then(|p| p.strip_prefix("reporting_persons["));
        let Some(k) = index else { continue };
        // Only the path `pp` writes: the index as `itoa` prints it.
        let Ok(i) = k.parse::<usize>() else { continue };
        if itoa::Buffer::new().format(i) != k {
            continue;
        }
        // A later entry replaces an earlier one, as in `Spans::get`.
        if let Some(slot) = out.get_mut(i) {
            *slot = Some(span.text.as_str());
        }
    }
    out
}

/// One unit of the last printed decimal of a percent (`9.9` -> 0.1, `12.20` -> 0.01, `5` -> 1),
/// read from its source text `printed` when there is one.
fn percent_unit(printed: Option<&str>, p: f64) -> f64 {
    let decimals = printed
        .and_then(|t| {
            if t.is_ascii() {
                return printed_decimals(t);
            }
            static R: OnceLock<Regex> = OnceLock::new();
            re(&R, r"(\d*)\.(\d+)|\d+")
                .captures(t)
                .map(|c| c.get(2).map_or(0, |m| m.as_str().len()))
        })
        .unwrap_or_else(|| decimals_of(p));
    10f64.powi(-(decimals.min(6) as i32))
}

/// What `(\d*)\.(\d+)|\d+` says of ASCII `t`: the digits after the point of the first number
/// (0 for a whole number), `None` without one.
fn printed_decimals(t: &str) -> Option<usize> {
    let b = t.as_bytes();
    let digits = |from: usize| b[from..].iter().take_while(|c| c.is_ascii_digit()).count();
    let p = (0..b.len()).find(|&i| {
        b[i].is_ascii_digit() || (b[i] == b'.' && b.get(i + 1).is_some_and(u8::is_ascii_digit))
    })?;
    let point = p + digits(p);
    if b.get(point) == Some(&b'.') {
        let d = digits(point + 1);
        if d > 0 {
            return Some(d);
        }
    }
    Some(0)
}

fn decimals_of(v: f64) -> usize {
    let s = format!("{v}");
    s.split_once('.').map_or(0, |(_, d)| d.len())
}

/// Whether `c` (computed) is an acceptable reading of printed percent `p` with unit `u`:
/// rounding or truncation (SPEC §5).
fn percent_matches(p: f64, u: f64, c: f64) -> bool {
    let slack = 1e-9;
    p - u / 2.0 - slack <= c && c < p + u + slack
}

/// Numbers that the filing's text gives as shares outstanding ("based on 37,011,357 shares
/// of Common Stock outstanding").
pub fn stated_outstanding(text: &str) -> Vec<f64> {
    stated_outstanding_parts(text)
        .into_iter()
        .filter(|(_, partial)| !partial)
        .map(|(v, _)| v)
        .collect()
}

/// Like [`stated_outstanding`], each with whether it is only part of the denominator ("the
/// sum of (i) N shares outstanding ... and (ii) ...", "N shares outstanding plus ...").
pub fn stated_outstanding_parts(text: &str) -> Vec<(f64, bool)> {
    stated_outstanding_lower(&text.to_ascii_lowercase())
}

/// [`stated_outstanding_parts`] of a text in ASCII lower case (the pattern ignores case; the
/// rest reads digits, white space, parentheses and lower-case words).
fn stated_outstanding_lower(lower: &str) -> Vec<(f64, bool)> {
    static R: OnceLock<Regex> = OnceLock::new();
    static OF_THE: OnceLock<Finder> = OnceLock::new();
    static REPRESENTING: OnceLock<Finder> = OnceLock::new();
    static SUM_OF: OnceLock<Finder> = OnceLock::new();
    static PLUS: OnceLock<Finder> = OnceLock::new();
    static II: OnceLock<Finder> = OnceLock::new();
    static IN_ADDITION: OnceLock<Finder> = OnceLock::new();
    let r = re(
        &R,
        r"(?i)(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{5,}(?:\.\d+)?)(?:\s+(?:[A-Za-z][A-Za-z'’\-.]*|\([^)]{0,40}\)|\$?[\d.]+)){0,10}?\s+(?:(?:issued\s+and\s+)?outstanding|then\s+outstanding|in\s+issue)",
    );
    let mut out: Vec<(f64, bool)> = Vec::new();
    // The count (group 1) runs from the start of a match to its first white space (the
    // pattern puts `\s+` right after it and none inside), so no capture search is needed.
    for w in outstanding_matches(r, lower) {
        let whole = w.as_str();
        let len = whole.find(char::is_whitespace).unwrap_or(whole.len());
        let m = &lower[w.start()..w.start() + len];
        let m_start = w.start();
        let m_end = w.start() + len;
        let between = &lower[m_end..w.end()];
        // "1,234,567 shares of the outstanding ..." holds, it is not the denominator.
        if holds(&OF_THE, " of the outstanding", between)
            || holds(&REPRESENTING, "representing", between)
            || between.contains('%')
        {
            continue;
        }
        // The 300 characters after the match and the 60 before the count.
        let after = first_chars(&lower[w.end()..], 300);
        let before = last_chars(&lower[..m_start], 60);
        let partial = holds(&SUM_OF, "sum of", before)
            || holds(&PLUS, "plus ", after)
            || holds(&II, "(ii)", after)
            || holds(&IN_ADDITION, "in addition to", after);
        if let Ok(v) = m.replace(',', "").parse::<f64>() {
            if v >= 1000.0 && !out.iter().any(|(o, _)| *o == v) {
                out.push((v, partial));
            }
        }
    }
    out
}

/// What `r.find_iter(lower)` finds for the pattern of [`stated_outstanding_parts`], searched
/// only before the words a match can end with: `outstanding` after white space, `issue`
/// after `in` and white space (any case). Before its word a match holds at most 13 units
/// apart by white space (the count, ten tokens, `issued and`), a parenthesised token counting
/// as one. A word that may sit inside a parenthesised token, which a longer match can run
/// past, is searched together with the next one. Text with `ſ` (which folds to `s`) is
/// searched whole.
fn outstanding_matches<'t>(r: &Regex, lower: &'t str) -> Vec<regex::Match<'t>> {
    static OUTSTANDING: OnceLock<memchr::memmem::Finder> = OnceLock::new();
    static ISSUE: OnceLock<memchr::memmem::Finder> = OnceLock::new();
    static LONG_S: OnceLock<Finder> = OnceLock::new();
    if holds(&LONG_S, "ſ", lower) {
        return r.find_iter(lower).collect();
    }
    let after_space = |q: usize| lower[..q].ends_with(char::is_whitespace);
    let outstanding = OUTSTANDING.get_or_init(|| memchr::memmem::Finder::new("outstanding"));
    let issue = ISSUE.get_or_init(|| memchr::memmem::Finder::new("issue"));
    let mut words: Vec<(usize, usize)> = (outstanding.find_iter(lower.as_bytes()))
        .filter(|&q| after_space(q))
        .map(|q| (q, q + "outstanding".len()))
        .chain(issue.find_iter(lower.as_bytes()).filter_map(|q| {
            let before = lower[..q].trim_end_matches(char::is_whitespace);
            let in_ = before.len() < q && before.ends_with("in") && after_space(before.len() - 2);
            in_.then_some((q, q + "issue".len()))
        }))
        .collect();
    words.sort_unstable();
    let mut out = Vec::new();
    // Where the whole-text search stands, and where the open window starts.
    let (mut pos, mut from) = (0, usize::MAX);
    for (k, &(q, end)) in words.iter().enumerate() {
        if q < pos {
            continue;
        }
        from = from.min(units_back(lower, q, 13)).max(pos);
        if k + 1 < words.len() && maybe_in_parens(lower, q) {
            continue;
        }
        let mut at = from;
        // A match starts with its count, which holds three digits in a row before the word.
        while (lower.as_bytes().get(at..q)).is_some_and(may_hold_digit_run) {
            let Some(m) = r.find_at(&lower[..end], at) else {
                break;
            };
            (at, pos) = (m.end(), m.end());
            out.push(m);
        }
        from = usize::MAX;
    }
    out
}

/// Where the `units`-th unit before `q` starts: units are runs of non-white-space, a run
/// ending with `)` reaching back to the farthest `(` of the 41 characters before it with no
/// `)` between (a parenthesised token, white space included, of up to 40 characters).
fn units_back(text: &str, q: usize, units: usize) -> usize {
    let (mut start, mut left, mut in_unit) = (q, units, false);
    let mut chars = text[..q].char_indices().rev();
    while let Some((i, c)) = chars.next() {
        if c.is_whitespace() {
            if in_unit {
                in_unit = false;
                left -= 1;
                if left == 0 {
                    break;
                }
            }
            continue;
        }
        (in_unit, start) = (true, i);
        if c == ')' {
            let opens = text[..i].char_indices().rev().take(41);
            let opens = opens
                .take_while(|&(_, c)| c != ')')
                .filter(|&(_, c)| c == '(');
            if let Some((o, _)) = opens.last() {
                start = o;
                chars = text[..o].char_indices().rev();
            }
        }
    }
    start
}

/// Whether the text at `q` may be inside a parenthesised token (`(` at most 40 characters
/// back, no `)` between).
fn maybe_in_parens(text: &str, q: usize) -> bool {
    (text[..q].chars().rev().take(40))
        .take_while(|&c| c != ')')
        .any(|c| c == '(')
}

/// The first `n` characters of `s`.
fn first_chars(s: &str, n: usize) -> &str {
    if s.len() <= n {
        return s;
    }
    // `n` ASCII bytes are `n` characters.
    if s.as_bytes()[..n].is_ascii() {
        return &s[..n];
    }
    &s[..s.char_indices().nth(n).map_or(s.len(), |(i, _)| i)]
}

/// The last `n` (at least 1) characters of `s`.
fn last_chars(s: &str, n: usize) -> &str {
    let start = s.len().saturating_sub(n);
    if start == 0 || s.as_bytes()[start..].is_ascii() {
        return &s[start..];
    }
    &s[s.char_indices().rev().nth(n - 1).map_or(0, |(i, _)| i)..]
}

/// Whether the filing mentions rights to acquire shares (warrants, options, convertibles).
fn derivative_mention(f: &Schedule13D) -> Option<&'static str> {
    static R: OnceLock<Regex> = OnceLock::new();
    let r = re(
        &R,
        r"(?i)\b(pre-funded warrants?|warrants?|convertible|conversion|options?|rights? to acquire)\b",
    );
    let texts = f.items.values().map(String::as_str).chain(
        f.reporting_persons
            .iter()
            .filter_map(|p| p.comment.as_deref()),
    );
    for t in texts {
        if let Some(m) = r.find(t) {
            let w = m.as_str().to_ascii_lowercase();
            return Some(if w.contains("warrant") {
                "warrants"
            } else if w.contains("option") {
                "options"
            } else if w.contains("conver") {
                "convertible securities"
            } else {
                "rights to acquire shares"
            });
        }
    }
    None
}

fn all_text(f: &Schedule13D) -> String {
    let texts = || {
        f.items.values().map(String::as_str).chain(
            f.reporting_persons
                .iter()
                .filter_map(|p| p.comment.as_deref()),
        )
    };
    let mut s = String::with_capacity(texts().map(|t| t.len() + 1).sum());
    for t in texts() {
        s.push_str(t);
        s.push('\n');
    }
    s
}

fn percents(cx: &mut Cx) {
    let f = cx.f;
    let tol = cx.tol.outstanding_rel_gap;
    for (i, p) in f.reporting_persons.iter().enumerate() {
        if let Some(pc) = p.percent_of_class {
            if !(0.0..=100.0).contains(&pc) {
                cx.emit(
                    "percent-out-of-range",
                    format!(
                        "{}: percent of class {} is outside 0-100",
                        person_label(p, i),
                        fmt_pct(pc)
                    ),
                    vec![pp(i, "percent_of_class")],
                );
            }
        }
    }
    // Only for persons with both an amount and a percent: the text is read when one needs it.
    let stated_cell = std::cell::OnceCell::new();
    let stated = || {
        stated_cell.get_or_init(|| {
            let mut text = all_text(f);
            text.make_ascii_lowercase();
            stated_outstanding_lower(&text)
        })
    };
    // Only for messages: the regex runs when a finding needs it.
    let deriv_cell = std::cell::OnceCell::new();
    let deriv_note = || -> &str {
        deriv_cell.get_or_init(|| {
            derivative_mention(f).map_or(String::new(), |d| {
                format!("; the filing mentions {d}, which Rule 13d-3(d)(1) adds to that person's own denominator")
            })
        })
    };
    // Implied shares outstanding per person.
    struct Implied<'s> {
        i: usize,
        lo: f64,
        hi: f64,
        cusip: Option<&'s str>,
    }
    let mut implied = Vec::new();
    for (i, p) in f.reporting_persons.iter().enumerate() {
        let (Some(agg), Some(pc)) = (p.aggregate_amount, p.percent_of_class) else {
            continue;
        };
        if !(0.0..=100.0).contains(&pc) || agg < 0.0 {
            continue;
        }
        let u = cx.percent_unit(i, pc);
        let who = || person_label(p, i);
        if agg <= cx.tol.share_abs && pc >= u {
            cx.emit(
                "percent-vs-shares",
                format!(
                    "{}: percent of class is {} but the aggregate amount is 0",
                    who(),
                    fmt_pct(pc)
                ),
                vec![pp(i, "percent_of_class"), pp(i, "aggregate_amount")],
            );
            continue;
        }
        if agg <= cx.tol.share_abs || pc <= 0.0 {
            continue;
        }
        let lo = agg / ((pc + u) / 100.0);
        let hi = if pc - u / 2.0 > 0.0 {
            agg / ((pc - u / 2.0) / 100.0)
        } else {
            f64::INFINITY
        };
        implied.push(Implied {
            i,
            lo,
            hi,
            cusip: p.cover_cusip.as_deref(),
        });
        // Against the shares outstanding the text states.
        let candidates = stated().iter().filter(|(o, _)| *o > agg);
        let Some(&(first, _)) = candidates.clone().next() else {
            continue;
        };
        let fits = candidates.clone().any(|&(o, partial)| {
            let c = 100.0 * agg / o;
            // Only part of the denominator: the true percent is at most `c`.
            percent_matches(pc, u, c)
                || ((c - pc) / pc).abs() <= tol
                || (partial && pc <= c * (1.0 + tol))
        });
        if !fits {
            let o = candidates.fold(first, |best, &(o, _)| {
                if ((100.0 * agg / o) - pc).abs() < ((100.0 * agg / best) - pc).abs() {
                    o
                } else {
                    best
                }
            });
            cx.emit(
                "percent-vs-shares",
                format!(
                    "{}: percent of class {} does not match aggregate {} / {} shares outstanding stated in the filing = {}{}",
                    who(),
                    fmt_pct(pc),
                    fmt_shares(agg),
                    fmt_shares(o),
                    fmt_pct((100.0 * agg / o * 1000.0).round() / 1000.0),
                    deriv_note()
                ),
                vec![pp(i, "percent_of_class"), pp(i, "aggregate_amount")],
            );
        }
    }
    // Intersect per class (cover CUSIP), report the widest disagreement once: a class needs two
    // persons.
    if implied.len() < 2 {
        return;
    }
    let classes: BTreeSet<Option<&str>> = implied.iter().map(|x| x.cusip).collect();
    for class in classes {
        let group: Vec<&Implied<'_>> = implied.iter().filter(|x| x.cusip == class).collect();
        if group.len() < 2 {
            continue;
        }
        let (Some(a), Some(b)) = (
            group.iter().max_by(|x, y| x.lo.total_cmp(&y.lo)),
            group.iter().min_by(|x, y| x.hi.total_cmp(&y.hi)),
        ) else {
            continue;
        };
        if a.lo <= b.hi || !b.hi.is_finite() {
            continue;
        }
        let gap = (a.lo - b.hi) / b.hi;
        if gap <= tol {
            continue;
        }
        // A stated denominator that fits one side names the outlier, but both are reported.
        let (pa, pb) = (&f.reporting_persons[a.i], &f.reporting_persons[b.i]);
        let desc = |p: &ReportingPerson, x: &Implied<'_>| {
            format!(
                "{} ({} shares at {}) implies {}-{} shares outstanding",
                p.name.trim(),
                fmt_shares(p.aggregate_amount.unwrap_or(0.0)),
                fmt_pct(p.percent_of_class.unwrap_or(0.0)),
                fmt_shares(x.lo.round()),
                fmt_shares(x.hi.round())
            )
        };
        cx.emit(
            "implied-outstanding-mismatch",
            format!(
                "{}, but {}: a {:.1}% gap{}",
                desc(pa, a),
                desc(pb, b),
                gap * 100.0,
                deriv_note()
            ),
            vec![
                pp(a.i, "aggregate_amount"),
                pp(a.i, "percent_of_class"),
                pp(b.i, "aggregate_amount"),
                pp(b.i, "percent_of_class"),
            ],
        );
    }
}

// ---------------------------------------------------------------------------------------
// Cover vs Item 5 (13D) / Item 4 (13G)

/// (shares, percent, percent unit) pairs written in text: a share count followed, within a
/// short distance and with no other count between, by a percent.
pub fn share_percent_pairs(text: &str) -> Vec<(f64, f64, f64)> {
    static NUM: OnceLock<Regex> = OnceLock::new();
    static PCT: OnceLock<Regex> = OnceLock::new();
    let num = re(
        &NUM,
        r"(\$\s*)?\b(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{3,}(?:\.\d+)?)\b(\s*%|\s*percent)?",
    );
    let pct = re(
        &PCT,
        r"(?i)(?:^|[^\d.,])(\d{1,3}(?:\.\d+)?|\.\d+)\s*(?:%|percent\b)",
    );
    let ascii = text.is_ascii();
    // A percent match ends at a `%` or `percent` mark; before the mark it holds one character,
    // then digits, points and white space only. So `pct` runs on each mark's stretch of text
    // (from where the last match ended), and finds what a search of the whole text finds.
    let mut percents: Vec<(usize, &str)> = Vec::new();
    let mut pos = 0;
    for (mark, mark_end) in percent_marks(text) {
        if mark < pos {
            continue;
        }
        // The number's last digit is the first character back past white space: without one
        // (at or after `pos`), `pct` cannot match here.
        let mut back = text[..mark]
            .char_indices()
            .rev()
            .skip_while(|&(_, c)| c.is_whitespace());
        match back.next() {
            Some((last, c)) if c.is_numeric() && last >= pos => {}
            _ => continue,
        }
        let from = back
            .find(|&(_, c)| !(c.is_whitespace() || c.is_numeric() || c == '.'))
            .map_or(0, |(i, _)| i)
            .max(pos);
        // One character past the mark, for `\b`.
        let hay = &text[..mark_end + text[mark_end..].chars().next().map_or(0, char::len_utf8)];
        if ascii {
            // The number (group 1) follows the one character `[^\d.,]` matched, or starts the
            // text, and runs over digits and points.
            let Some(w) = pct.find_at(hay, from) else {
                continue;
            };
            let b = w.as_str().as_bytes();
            let num = |c: &u8| c.is_ascii_digit() || *c == b'.';
            let skip = usize::from(!(w.start() == 0 && b.first().is_some_and(num)));
            let len = b[skip..].iter().take_while(|c| num(c)).count();
            let start = w.start() + skip;
            percents.push((start, &text[start..start + len]));
            pos = w.end();
        } else {
            let Some(c) = pct.captures_at(hay, from) else {
                continue;
            };
            if let (Some(w), Some(m)) = (c.get(0), c.get(1)) {
                percents.push((m.start(), m.as_str()));
                pos = w.end();
            }
        }
    }
    let mut out = Vec::new();
    let mut counts = CountsBefore::default();
    for (m_start, m_str) in percents {
        let Ok(p) = m_str.parse::<f64>() else {
            continue;
        };
        let u = 10f64.powi(-(m_str.split_once('.').map_or(0, |(_, d)| d.len()).min(6) as i32));
        if let Some((end, v)) = counts.last_before(num, text, m_start) {
            let gap = &text[end..m_start];
            if gap.len() <= 160 && !gap.contains("\n\n") {
                out.push((v, p, u));
            }
        }
    }
    out
}

/// Where `text` has a `%` or the word `percent` in any case (no character beyond ASCII
/// folds to its letters): (start, end), in order.
fn percent_marks(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let b = text.as_bytes();
    memchr::memchr3_iter(b'%', b'p', b'P', b).filter_map(move |i| {
        let len = if b[i] == b'%' { 1 } else { 7 };
        let word = b.get(i..i + len)?;
        (len == 1 || word.eq_ignore_ascii_case(b"percent")).then_some((i, i + len))
    })
}

/// The share counts of [`share_percent_pairs`], searched for stretch by stretch: where the
/// search of the whole text for `num` would be, and the last count it found.
#[derive(Default)]
struct CountsBefore {
    at: usize,
    last: Option<(usize, f64)>,
}

impl CountsBefore {
    /// The last count (its end, its value) that ends by `at`, or `None` when the last one ends
    /// more than 160 bytes before `at` (too far for a pair). Calls come in increasing `at`.
    fn last_before(&mut self, num: &Regex, text: &str, at: usize) -> Option<(usize, f64)> {
        // A character that no `num` match can hold, 161+ bytes back: a match that ends after
        // it starts after it, so the whole-text search passes there between two matches.
        let far = crate::container::floor_char_boundary(text, at.saturating_sub(160));
        let in_count = |c: char| c.is_whitespace() || c.is_numeric() || "$,.%percnt".contains(c);
        if self.at < far {
            let skip = text[self.at..far]
                .char_indices()
                .rev()
                .find(|&(_, c)| !in_count(c));
            if let Some((i, _)) = skip {
                *self = CountsBefore {
                    at: self.at + i,
                    last: None,
                };
            }
        }
        // One character past `at`, for `\b`: the matches that end by `at` are the whole
        // text's (`at` starts a percent's number, after a character no count ends with).
        let hay = &text[..at + text[at..].chars().next().map_or(0, char::len_utf8)];
        // A count that ends by `at` holds three digits in a row before `at`.
        while (text.as_bytes().get(self.at..at)).is_some_and(may_hold_digit_run) {
            let Some(m) = num.find_at(hay, self.at) else {
                break;
            };
            if m.end() > at {
                break;
            }
            self.at = m.end();
            if let Some(v) = share_count(m.as_str()) {
                self.last = Some((m.end(), v));
            }
        }
        self.last
    }
}

/// Whether `s` may hold three digits (`\d{3}`) in a row: ASCII digits, or bytes of other
/// characters (which may be digits), three in a row.
fn may_hold_digit_run(s: &[u8]) -> bool {
    let d = |i: usize| s.get(i).is_some_and(|b| b.is_ascii_digit() || *b >= 0x80);
    // Any three bytes in a row hold one of every third byte.
    (2..s.len())
        .step_by(3)
        .any(|i| d(i) && (d(i - 1) && (d(i - 2) || d(i + 1)) || d(i + 1) && d(i + 2)))
}

/// The share count a `num` match of [`share_percent_pairs`] gives, if it is one. Group 2 alone
/// is the whole match when the match neither starts with `$` (group 1) nor holds white space,
/// `%` or `p` (group 3; the count holds none of them).
fn share_count(raw: &str) -> Option<f64> {
    if raw.starts_with('$') || raw.contains(|c: char| c.is_whitespace() || c == '%' || c == 'p') {
        return None;
    }
    let v = raw.replace(',', "").parse::<f64>().ok()?;
    // Years and small numbers are not share counts.
    if !raw.contains(',') && (1900.0..=2100.0).contains(&v) || v < 100.0 {
        return None;
    }
    Some(v)
}

/// `text.split("\n\n")`, found with `memmem`.
fn paragraphs(text: &str) -> impl Iterator<Item = &str> {
    // Built once: building costs more than searching an item.
    static BREAK: OnceLock<Finder> = OnceLock::new();
    let finder = BREAK.get_or_init(|| Finder::new("\n\n"));
    let mut breaks = finder.find_iter(text.as_bytes());
    let mut start = Some(0);
    std::iter::from_fn(move || {
        let s = start?;
        match breaks.next() {
            // Both sides of an ASCII `\n\n` are character boundaries.
            Some(i) => {
                start = Some(i + 2);
                text.get(s..i)
            }
            None => {
                start = None;
                text.get(s..)
            }
        }
    })
}

fn cover_vs_item(cx: &mut Cx) {
    let f = cx.f;
    let (key, item) = if f.schedule == Schedule::G13 {
        ("4", "Item 4")
    } else {
        ("5", "Item 5")
    };
    let Some(text) = f.items.get(key) else { return };
    let mut pairs = share_percent_pairs(text);
    // 13G Item 4 answered part by part: "(a) 156,300" / "(b) 8.7": the first paragraph that
    // gives each, both found in one pass.
    let part = |para: &str, letter: &str| {
        let first = para.strip_prefix(letter)?.lines().next()?.trim();
        let num = first.trim_end_matches('%').trim();
        let v = crate::text::parse_number(num)?;
        let u = 10f64.powi(-(num.split_once('.').map_or(0, |(_, d)| d.len()).min(6) as i32));
        Some((v, u))
    };
    let mut parts = [None, None];
    if f.schedule == Schedule::G13 {
        for para in paragraphs(text).map(str::trim) {
            for (found, letter) in parts.iter_mut().zip(["(a)", "(b)"]) {
                if found.is_none() {
                    *found = part(para, letter);
                }
            }
            if parts.iter().all(Option::is_some) {
                break;
            }
        }
    }
    let [amount, percent] = parts;
    if let (Some((n, _)), Some((pc, u))) = (amount, percent) {
        pairs.insert(0, (n, pc, u));
    }
    if pairs.is_empty() && percent.is_none() {
        return;
    }
    let persons: Vec<(usize, f64, f64, f64)> = f
        .reporting_persons
        .iter()
        .enumerate()
        .filter_map(|(i, p)| {
            Some((
                i,
                p.aggregate_amount?,
                p.percent_of_class?,
                cx.percent_unit(i, p.percent_of_class?),
            ))
        })
        .collect();
    if persons.is_empty() {
        return;
    }
    let eps = cx.tol.share_abs;
    let pct_close = |a: f64, ua: f64, b: f64, ub: f64| (a - b).abs() <= ua.max(ub) + 1e-9;
    let mut any_match = false;
    let mut reported = BTreeSet::new();
    for &(n, pc, u) in &pairs {
        let mut same_n = persons.iter().filter(|x| (x.1 - n).abs() <= eps);
        let first = same_n.clone().next();
        let same_p = persons.iter().any(|x| pct_close(x.2, x.3, pc, u));
        if first.is_some() || same_p {
            any_match = true;
        }
        if same_n.any(|x| pct_close(x.2, x.3, pc, u)) {
            continue;
        }
        let Some(&(i, agg, cover_p, _)) = first else {
            continue;
        };
        if !reported.insert(i) {
            continue;
        }
        let p = &f.reporting_persons[i];
        cx.emit(
            "cover-vs-item",
            format!(
                "{}: {item} gives {} shares as {}, the cover page (row {}) says {}",
                person_label(p, i),
                fmt_shares(agg),
                fmt_pct(pc),
                if f.schedule == Schedule::G13 { 11 } else { 13 },
                fmt_pct(cover_p)
            ),
            vec![pp(i, "percent_of_class"), format!("items.{key}")],
        );
    }
    // A bare "(b) 12.2" that matches a cover percent settles it.
    if let (None, Some((pc, u))) = (amount, percent) {
        if persons.iter().any(|x| pct_close(x.2, x.3, pc, u)) {
            any_match = true;
        } else if pairs.is_empty() {
            let covers: Vec<String> = persons
                .iter()
                .take(3)
                .map(|&(_, _, p, _)| fmt_pct(p))
                .collect();
            cx.emit(
                "cover-vs-item",
                format!(
                    "{item}(b) gives {}, which matches no cover page percent ({})",
                    fmt_pct(pc),
                    covers.join(", ")
                ),
                vec![format!("items.{key}"), pp(persons[0].0, "percent_of_class")],
            );
            return;
        }
    }
    if !any_match {
        let Some(&(n, pc, _)) = pairs.first() else {
            return;
        };
        let covers: Vec<String> = persons
            .iter()
            .take(3)
            .map(|&(_, a, p, _)| format!("{} ({})", fmt_shares(a), fmt_pct(p)))
            .collect();
        cx.emit(
            "cover-vs-item",
            format!(
                "{item} gives {} shares ({}), which matches no cover page: covers say {}{}",
                fmt_shares(n),
                fmt_pct(pc),
                covers.join(", "),
                if persons.len() > 3 { ", ..." } else { "" }
            ),
            vec![format!("items.{key}"), pp(persons[0].0, "aggregate_amount")],
        );
    }
}

// ---------------------------------------------------------------------------------------
// Names

/// How close two names are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum NameMatch {
    Different,
    /// Same name spelled differently: a word more or less, a typo, another legal form.
    Close,
    /// Same name in another form: word order (`LAST FIRST M`), initials for given names, a
    /// legal-form suffix on one side only.
    Equivalent,
    /// Equal after normalising case, punctuation and legal-form abbreviations.
    Exact,
}

/// At most 32 (bits of [`NameInfo::forms`]).
const LEGAL_FORMS: &[&str] = &[
    "ltd", "inc", "corp", "co", "llc", "lp", "llp", "lllp", "plc", "sa", "ag", "nv", "bv", "gmbh",
    "na", "se", "sarl", "pte", "pty", "kg", "lc", "the",
];
const _: () = assert!(LEGAL_FORMS.len() <= 32);
/// [`LEGAL_FORMS`] as [`packed`] numbers.
const LEGAL_PACKED: [u64; LEGAL_FORMS.len()] = {
    let mut out = [0; LEGAL_FORMS.len()];
    let mut k = 0;
    while k < LEGAL_FORMS.len() {
        // [`legal_form`] looks up only words of up to 5 bytes.
        assert!(LEGAL_FORMS[k].len() <= 5);
        out[k] = packed(LEGAL_FORMS[k].as_bytes());
        k += 1;
    }
    out
};

/// The bytes of a word of up to 8 as one number, one for each word without a zero byte
/// (tokens hold letters and digits only).
const fn packed(w: &[u8]) -> u64 {
    let (mut v, mut k) = (0u64, 0);
    while k < w.len() && k < 8 {
        v = v << 8 | w[k] as u64;
        k += 1;
    }
    v
}

/// The index in [`LEGAL_FORMS`] of token `t`, if it is one.
fn legal_form(t: &str) -> Option<usize> {
    if t.len() > 5 {
        return None;
    }
    let v = packed(t.as_bytes());
    LEGAL_PACKED.iter().position(|&f| f == v)
}

/// Normalised words of a name: lowercase, `&` = and, periods and quotes dropped, legal forms
/// abbreviated (`Limited` = `Ltd`, `L.L.C.` = `LLC`, `Limited Partnership` = `LP`).
pub fn name_tokens(s: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    name_tokens_with(s, |w| out.push(w.to_string()));
    out
}

/// [`name_tokens`], each token handed to `emit` in order instead of collected.
fn name_tokens_with(s: &str, emit: impl FnMut(&str)) {
    TokenBuf::default().tokens(s, emit);
}

/// The buffers of [`name_tokens_with`], which a caller tokenising many names keeps.
#[derive(Default)]
struct TokenBuf {
    /// The name in lower case.
    lower: String,
    /// The letters and digits of the words back to back (the separators are white space,
    /// punctuation, `&` which is the word `and`; quotes join).
    letters: String,
    /// Each word as a range of `letters`.
    words: Vec<(usize, usize)>,
}

impl TokenBuf {
    /// Buffers for names of up to `n` bytes (Item 1 paragraphs are names too) without regrowing.
    fn with_capacity(n: usize) -> Self {
        TokenBuf {
            lower: String::with_capacity(n),
            letters: String::with_capacity(n + 8),
            words: Vec::with_capacity(n / 4),
        }
    }

    /// [`name_tokens_with`] in these buffers.
    fn tokens(&mut self, s: &str, mut emit: impl FnMut(&str)) {
        lowercase_into(s, &mut self.lower);
        let cleaned = clean_lower(&self.lower);
        let (letters, words) = (&mut self.letters, &mut self.words);
        letters.clear();
        letters.reserve(cleaned.len() + 8);
        words.clear();
        // Runs of single letters are one word: `L.P.` = `LP`, `D.E. Shaw` = `D E Shaw` =
        // `DE Shaw`. A run is the last range, which the next single letter (written right
        // after) extends.
        let mut run = false;
        let mut start = 0;
        let mut end_word = |letters: &String, start: &mut usize| {
            if *start == letters.len() {
                return;
            }
            let single = one_char(&letters.as_bytes()[*start..]);
            match words.last_mut() {
                Some(last) if single && run => last.1 = letters.len(),
                _ => words.push((*start, letters.len())),
            }
            run = single;
            *start = letters.len();
        };
        let mut rest = &*cleaned;
        loop {
            // ASCII letters and digits are copied a run at a time.
            let run = rest.bytes().take_while(u8::is_ascii_alphanumeric).count();
            letters.push_str(&rest[..run]);
            let mut chars = rest[run..].chars();
            let Some(ch) = chars.next() else { break };
            rest = chars.as_str();
            match ch {
                '\'' | '’' | '‘' | '`' => {}
                '&' => {
                    end_word(letters, &mut start);
                    letters.push_str("and");
                    end_word(letters, &mut start);
                }
                c if c.is_ascii() => end_word(letters, &mut start),
                c if c.is_alphanumeric() => letters.push(c),
                _ => end_word(letters, &mut start),
            }
        }
        end_word(letters, &mut start);
        let word = |k: usize| words.get(k).map(|&(a, b)| &letters[a..b]);
        let mut first = true;
        let mut k = 0;
        while let Some(w) = word(k) {
            let mapped = match (w, word(k + 1)) {
                ("limited", Some("partnership")) => {
                    k += 1;
                    "lp"
                }
                ("limited", Some("liability")) if word(k + 2) == Some("company") => {
                    k += 2;
                    "llc"
                }
                ("limited", _) => "ltd",
                ("incorporated", _) => "inc",
                ("corporation", _) => "corp",
                ("company", _) => "co",
                ("hldgs" | "hldg" | "hlds", _) => "holdings",
                ("grp", _) => "group",
                ("intl" | "internat", _) => "international",
                ("mgmt" | "mgt", _) => "management",
                ("assoc" | "assocs", _) => "associates",
                ("svcs" | "svc", _) => "services",
                ("bancorporation", _) => "bancorp",
                ("et", Some("al")) => {
                    k += 2;
                    continue;
                }
                (w, _) => w,
            };
            // A leading `the` is dropped.
            if !(first && mapped == "the") {
                emit(mapped);
            }
            first = false;
            k += 1;
        }
    }
}

/// `s.to_lowercase()` in `out`, without allocating for ASCII.
fn lowercase_into(s: &str, out: &mut String) {
    out.clear();
    if s.is_ascii() {
        out.push_str(s);
        out.make_ascii_lowercase();
    } else {
        out.push_str(&s.to_lowercase());
    }
}

/// A name (in lower case) without what layouts glue to it: `/s/`, `By:`, defined terms in
/// parentheses, `[See Item 2]`, IRS/TIN/SSN numbers and their labels, leaked row captions,
/// EDGAR conformed-name tags (`/MD/`, `ET AL`, `CIK: …`). Most names need no regex (one pass
/// over the name tells), and come back borrowed.
fn clean_lower(lower: &str) -> Cow<'_, str> {
    static PREFIX: OnceLock<Regex> = OnceLock::new();
    static CUT: OnceLock<Regex> = OnceLock::new();
    static DROP: OnceLock<Regex> = OnceLock::new();
    let mut t = lower.trim();
    t = t.strip_prefix("by:").unwrap_or(t).trim_start();
    t = t.strip_prefix("/s/").unwrap_or(t).trim_start();
    t = t.trim_start_matches(['_', '/', '-', ' ']);
    let mut may = may_match(t);
    let mut t = Cow::Borrowed(t);
    // Each alternative of `prefix` starts with `name`, `(`, or holds `above`.
    if t.starts_with("name") || t.starts_with('(') || may.above {
        let prefix = re(
            &PREFIX,
            r"^(?:(?:.*?identification\s+nos?\.?\s+)?of\s+(?:the\s+)?above\s+persons?[:.]?\s*(?:\(entities\s+only\)\s*)?|names?\s+of\s+reporting\s+persons?[:.]?\s*|\([a-z]\)\s+)",
        );
        if let Cow::Owned(o) = prefix.replace(&t, "") {
            may = may_match(&o);
            t = Cow::Owned(o);
        }
    }
    if may.cut {
        let cut = re(
            &CUT,
            r"(?:,\s*(?:by\b|its\b|as\s|individually|president|vice\b|chief|ceo\b|cfo\b|managing|manager\b|general\s+partner|director|secretary|treasurer|attorney|trustee|authorized|sole\s+member)|\s+[-–—]+\s*(?:\d|irs|i\.r\.s|tax|tin\b|ein|ssn|2\s*[.)])|\s*\b(?:i\.\s*r\.\s*s\.?|irs|tin|tax\s+id|ein|ssn|social\s+security|s\.s\.|i\.d\.\s*no|id\s*#|cik)\b|\s*\(?2\s*[.)]\s*check\b|\s*check\s+the\s+appropriate\b|\s+\d{2}-\d{7}\b|\s+\d{9}\b).*$",
        );
        if let Cow::Owned(o) = cut.replace(&t, "") {
            may = may_match(&o);
            t = Cow::Owned(o);
        }
    }
    if may.drop {
        let drop = re(&DROP, r"\([^)]*\)|\[[^\]]*\]|/[a-z]{2,3}/|[“”\x22«»]");
        if let Cow::Owned(o) = drop.replace_all(&t, " ") {
            t = Cow::Owned(o);
        }
    }
    fn trim(t: &str) -> &str {
        t.trim().trim_end_matches(['-', '–', ',', ':']).trim()
    }
    match t {
        Cow::Borrowed(b) => Cow::Borrowed(trim(b)),
        Cow::Owned(o) => Cow::Owned(trim(&o).to_string()),
    }
}

/// Which regexes of [`clean_lower`] could match lowercase `t` (false: surely not).
struct MayMatch {
    /// `t` holds `above`, which one alternative of the prefix pattern needs.
    above: bool,
    /// Every alternative of the cut pattern needs a comma followed by one of its words, a dash
    /// after white space, a digit, or one of its words where a word starts.
    cut: bool,
    /// Every match of the drop pattern starts with `(`, `[`, `/`, `"` or a character beyond
    /// ASCII.
    drop: bool,
}

/// [`MayMatch`] of `t` in one pass over its bytes; text beyond ASCII (other spaces, dashes,
/// digits and quotes) may match anything.
fn may_match(t: &str) -> MayMatch {
    const AFTER_COMMA: &[&str] = &[
        "by",
        "its",
        "as",
        "individually",
        "president",
        "vice",
        "chief",
        "ceo",
        "cfo",
        "manag",
        "general",
        "director",
        "secretary",
        "treasurer",
        "attorney",
        "trustee",
        "authorized",
        "sole",
    ];
    const AT_WORD_START: &[&[u8]] = &[
        b"i.", b"irs", b"tin", b"tax", b"ein", b"ssn", b"social", b"s.s.", b"id", b"cik", b"check",
    ];
    const DROP_START: &[u8] = b"([/\"";
    /// The bytes at which one of the tests below may say yes.
    const SEEN: [bool; 256] = {
        let mut seen = [false; 256];
        let mut k = 0;
        while k < AT_WORD_START.len() {
            seen[AT_WORD_START[k][0] as usize] = true;
            k += 1;
        }
        let mut k = 0;
        while k < DROP_START.len() {
            seen[DROP_START[k] as usize] = true;
            k += 1;
        }
        let mut d = b'0';
        while d <= b'9' {
            seen[d as usize] = true;
            d += 1;
        }
        seen[b',' as usize] = true;
        seen[b'-' as usize] = true;
        seen[b'a' as usize] = true;
        seen
    };
    let mut may = MayMatch {
        above: false,
        cut: false,
        drop: false,
    };
    if !t.is_ascii() {
        return MayMatch {
            above: true,
            cut: true,
            drop: true,
        };
    }
    let b = t.as_bytes();
    let after_comma = |i: usize| {
        let rest = t[i + 1..].trim_start_matches(char::is_whitespace);
        AFTER_COMMA.iter().any(|w| rest.starts_with(w))
    };
    let word = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    // Byte by byte: the words are too short for a `memcmp` call to pay.
    let at =
        |i: usize, w: &[u8]| b.len() - i >= w.len() && b[i..].iter().zip(w).all(|(x, y)| x == y);
    for i in (0..b.len()).filter(|&i| SEEN[usize::from(b[i])]) {
        match b[i] {
            b'0'..=b'9' => may.cut = true,
            b',' => may.cut |= after_comma(i),
            b'-' => may.cut |= i > 0 && char::from(b[i - 1]).is_whitespace(),
            c if DROP_START.contains(&c) => may.drop = true,
            b'a' => may.above |= at(i, b"above"),
            // A word of `AT_WORD_START` where a word starts (`\b`).
            c => {
                may.cut |= (i == 0 || !word(b[i - 1]))
                    && (AT_WORD_START.iter()).any(|n| n[0] == c && at(i, n));
            }
        }
        if may.above && may.cut && may.drop {
            break;
        }
    }
    may
}

fn levenshtein<T: PartialEq>(a: &[T], b: &[T]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// Similarity 0-1 of two strings by edit distance (inputs cut to 200 characters).
pub fn similarity(a: &str, b: &str) -> f64 {
    let a: Vec<char> = a.chars().take(200).collect();
    let b: Vec<char> = b.chars().take(200).collect();
    let n = a.len().max(b.len());
    if n == 0 {
        return 1.0;
    }
    1.0 - levenshtein(&a, &b) as f64 / n as f64
}

/// `similarity(a, b) >= close`, without the edit distance when a lower bound of it (the
/// difference in length, the characters one string has and the other lacks) already says no.
fn similar_at_least(a: &str, b: &str, close: f64) -> bool {
    if a.is_ascii() && b.is_ascii() {
        let (a, b) = (a.as_bytes(), b.as_bytes());
        return similar_ascii(a, b, &byte_counts(a), &byte_counts(b), close);
    }
    let a: Vec<char> = a.chars().take(200).collect();
    let b: Vec<char> = b.chars().take(200).collect();
    let surplus = || {
        let mut hist = [0i32; 128];
        let code = |c: &char| (*c as usize).min(127);
        for c in &a {
            hist[code(c)] += 1;
        }
        for c in &b {
            hist[code(c)] -= 1;
        }
        // The surplus of each character, read (and cleared) at its occurrences rather than
        // over the whole table.
        let mut surplus = |s: &[char], sign: i32| {
            s.iter().fold(0usize, |sum, c| {
                let h = &mut hist[code(c)];
                let more = (*h * sign).max(0) as usize;
                if more > 0 {
                    *h = 0;
                }
                sum + more
            })
        };
        (surplus(&a, 1), surplus(&b, -1))
    };
    similar_at_least_of(&a, &b, close, surplus, levenshtein)
}

/// How often each byte is among the first 200 of ASCII `s` (the characters
/// [`similar_at_least`] reads).
fn byte_counts(s: &[u8]) -> [u8; 128] {
    let mut counts = [0u8; 128];
    for &c in &s[..s.len().min(200)] {
        counts[usize::from(c & 0x7f)] += 1;
    }
    counts
}

/// [`similar_at_least`] of ASCII `a` and `b`, whose [`byte_counts`] are `ca` and `cb`.
fn similar_ascii(a: &[u8], b: &[u8], ca: &[u8; 128], cb: &[u8; 128], close: f64) -> bool {
    // One char per byte: the same computation on bytes.
    let a = &a[..a.len().min(200)];
    let b = &b[..b.len().min(200)];
    // Names fit in one word of Myers' bit vectors.
    let distance = if a.len() <= 64 {
        myers_distance
    } else {
        levenshtein
    };
    // At most 200 (the bytes of one side): a sum in 16 bits, which vectorises.
    let more = |x: &[u8; 128], y: &[u8; 128]| -> usize {
        let sum: u16 = (x.iter().zip(y))
            .map(|(&p, &q)| u16::from(p.saturating_sub(q)))
            .sum();
        usize::from(sum)
    };
    let surplus = || (more(ca, cb), more(cb, ca));
    similar_at_least_of(a, b, close, surplus, distance)
}

/// [`similar_at_least`] on the (cut) characters of the two strings; `surplus` = how many
/// characters one has more than the other, both ways; `distance` = their edit distance.
fn similar_at_least_of<T: PartialEq>(
    a: &[T],
    b: &[T],
    close: f64,
    surplus: impl FnOnce() -> (usize, usize),
    distance: fn(&[T], &[T]) -> usize,
) -> bool {
    let n = a.len().max(b.len());
    if n == 0 {
        return 1.0 >= close;
    }
    // Every bound is at most the edit distance, so `1 - bound / n < close` rules it out.
    let out = |bound: usize| 1.0 - bound as f64 / (n as f64) < close;
    if out(a.len().abs_diff(b.len())) {
        return false;
    }
    let (more, fewer) = surplus();
    if out(more.max(fewer)) {
        return false;
    }
    1.0 - distance(a, b) as f64 / n as f64 >= close
}

/// The edit distance of `a` (at most 64 bytes) and `b` by Myers' bit-parallel algorithm
/// (Hyyrö's formulation): one column of the table in two bit vectors, a step per byte of
/// `b` instead of `a.len()` cells.
fn myers_distance(a: &[u8], b: &[u8]) -> usize {
    debug_assert!(a.len() <= 64);
    let Some(last) = a.len().checked_sub(1).map(|k| 1u64 << k) else {
        return b.len();
    };
    let mut peq = [0u64; 256];
    for (k, &c) in a.iter().enumerate() {
        peq[usize::from(c)] |= 1 << k;
    }
    let (mut pv, mut mv, mut score) = (!0u64, 0u64, a.len());
    for &c in b {
        let eq = peq[usize::from(c)];
        let xv = eq | mv;
        let xh = ((eq & pv).wrapping_add(pv) ^ pv) | eq;
        let ph = mv | !(xh | pv);
        let mh = pv & xh;
        if ph & last != 0 {
            score += 1;
        } else if mh & last != 0 {
            score -= 1;
        }
        // Row 0 of the table grows by one per byte of `b`.
        let ph = ph << 1 | 1;
        let mh = mh << 1;
        pv = mh | !(xv | ph);
        mv = ph & xv;
    }
    score
}

/// Every word of `small` found in `big` (a one-letter word matches a word with that initial),
/// each word of `big` used once; words as UTF-8. Names are compared so only when they share
/// a word of 2+ characters.
fn assigned(small: &[&[u8]], big: &[&[u8]]) -> bool {
    // The words of `big` used: bits up to 64 words, a list past that.
    let mut bits = 0u64;
    let mut many = vec![false; if big.len() > 64 { big.len() } else { 0 }];
    for w in small {
        let used = |k: usize| {
            if many.is_empty() {
                bits & (1 << k) != 0
            } else {
                many[k]
            }
        };
        let hit = big.iter().enumerate().position(|(k, b)| {
            !used(k)
                && (b == w
                    || (w.len() == 1 && b.starts_with(w))
                    || (b.len() == 1 && w.starts_with(b)))
        });
        match hit {
            Some(k) if many.is_empty() => bits |= 1 << k,
            Some(k) => many[k] = true,
            None => return false,
        }
    }
    true
}

/// Compare two names (`close` = similarity from which different spellings count as close).
pub fn compare_names(a: &str, b: &str, close: f64) -> NameMatch {
    compare_info(&NameInfo::of(a), &NameInfo::of(b), close)
}

fn compare_info(na: &NameInfo, nb: &NameInfo, close: f64) -> NameMatch {
    quick_match(na, nb).unwrap_or_else(|| compare_words(na, nb, close))
}

/// What [`compare_info`] says when the joined tokens settle it.
fn quick_match(na: &NameInfo, nb: &NameInfo) -> Option<NameMatch> {
    if na.len == 0 || nb.len == 0 {
        return Some(NameMatch::Different);
    }
    if na.joined() == nb.joined() {
        return Some(NameMatch::Exact);
    }
    if na.core.is_empty() || nb.core.is_empty() {
        return Some(NameMatch::Different);
    }
    // Tokens are not empty and hold no space: equal joined, equal tokens.
    if na.joined_core() == nb.joined_core() {
        return Some(if forms_agree(na, nb) {
            NameMatch::Equivalent
        } else {
            NameMatch::Close
        });
    }
    None
}

/// One set of legal forms within the other.
fn forms_agree(na: &NameInfo, nb: &NameInfo) -> bool {
    let (fa, fb) = (na.forms, nb.forms);
    (fa & !fb) == 0 || (fb & !fa) == 0
}

/// [`compare_info`] of two names [`quick_match`] does not settle: their core words differ.
fn compare_words(na: &NameInfo, nb: &NameInfo, close: f64) -> NameMatch {
    let forms_agree = forms_agree(na, nb);
    let same = if forms_agree {
        NameMatch::Equivalent
    } else {
        NameMatch::Close
    };
    let (ta, tb) = (na.text.as_bytes(), nb.text.as_bytes());
    let (na_len, nb_len) = (na.core_len(), nb.core_len());
    let same_words = na_len == nb_len
        && (na.core[na_len..].iter())
            .zip(&nb.core[nb_len..])
            .all(|(&(a, b), &(c, d))| ta[a..b] == tb[c..d]);
    if same_words {
        return same;
    }
    // Each `assigned` test needs a word of 2+ characters in both names. Words of a length
    // mostly differ in their first byte: compared inline first, it spares most `memcmp` calls.
    let common = na.core[..na_len].iter().any(|&(a, b)| {
        let w = &ta[a..b];
        !w.is_empty()
            && !one_char(w)
            && (nb.core[..nb_len].iter()).any(|&(c, d)| {
                let v = &tb[c..d];
                v.len() == w.len() && v[0] == w[0] && v == w
            })
    });
    if common {
        let (mut wa, mut wb) = ([&[][..]; 8], [&[][..]; 8]);
        let (mut va, mut vb) = (Vec::new(), Vec::new());
        let ca = na.core_words(&mut wa, &mut va);
        let cb = nb.core_words(&mut wb, &mut vb);
        let same_len = ca.len() == cb.len();
        if same_len && assigned(ca, cb) {
            return same;
        }
        // One name has words the other lacks: a middle initial only is the same name
        // (`Paula Gaston` = `Paula B. Gaston`), a word is a different spelling.
        for (k, (small, big)) in [(ca, cb), (cb, ca)].into_iter().enumerate() {
            // The first pair of names as long as each other was just tried.
            if !(k == 0 && same_len) && assigned(small, big) {
                let initials = |v: &[&[u8]]| v.iter().filter(|w| one_char(w)).count() as isize;
                let extra_initials_only =
                    big.len() as isize - small.len() as isize == initials(big) - initials(small);
                return if extra_initials_only && forms_agree {
                    NameMatch::Equivalent
                } else {
                    NameMatch::Close
                };
            }
        }
    }
    let (a, b) = (na.joined_core(), nb.joined_core());
    let similar = match (&na.counts, &nb.counts) {
        (Some(x), Some(y)) => similar_ascii(a.as_bytes(), b.as_bytes(), x, y, close),
        _ => similar_at_least(a, b, close),
    };
    if similar {
        return NameMatch::Close;
    }
    NameMatch::Different
}

fn issuer(cx: &mut Cx) {
    let f = cx.f;
    let subjects: Vec<&crate::container::Entity> = f
        .header
        .iter()
        .flat_map(|h| h.subject_companies.iter())
        .collect();
    if let Some(cik) = f.issuer.cik.as_deref().and_then(cik_num) {
        let header_ciks: Vec<u64> = subjects
            .iter()
            .filter_map(|e| e.cik.as_deref().and_then(cik_num))
            .collect();
        if !header_ciks.is_empty() && !header_ciks.contains(&cik) {
            let shown: Vec<String> = subjects.iter().filter_map(|e| e.cik.clone()).collect();
            cx.emit(
                "issuer-cik-mismatch",
                format!(
                    "issuer CIK {} on the cover differs from the SEC header subject company CIK {}",
                    f.issuer.cik.as_deref().unwrap_or(""),
                    shown.join(", ")
                ),
                vec![
                    "issuer.cik".into(),
                    "header.subject_companies[0].cik".into(),
                ],
            );
        }
        for (k, fl) in f.filers.iter().enumerate() {
            if fl.cik.as_deref().and_then(cik_num) == Some(cik) {
                cx.emit(
                    "filer-is-issuer",
                    format!(
                        "filer {} has the issuer's CIK {}",
                        fl.name.as_deref().unwrap_or(""),
                        fl.cik.as_deref().unwrap_or("")
                    ),
                    vec![field_path("filers", k, Some("cik")), "issuer.cik".into()],
                );
            }
        }
    }
    let Some(name) = f.issuer.name.as_deref().filter(|n| !blank(n)) else {
        return;
    };
    // The document's own issuer name (the header fills it only when the document has none).
    let from_document = f.source_format == SourceFormat::Xml || f.spans.contains_key("issuer.name");
    if from_document && !subjects.is_empty() {
        let header_names: Vec<&str> = subjects
            .iter()
            .flat_map(|e| {
                e.name
                    .iter()
                    .map(String::as_str)
                    .chain(e.former_names.iter().map(|fnm| fnm.name.as_str()))
            })
            .collect();
        let (m, _) = cx.names.best_match(name, &header_names);
        if m == NameMatch::Different && !header_names.is_empty() {
            cx.emit(
                "issuer-name-mismatch",
                format!(
                    "cover issuer {:?} is not the SEC header subject company {:?}",
                    name.trim(),
                    subjects
                        .first()
                        .and_then(|e| e.name.as_deref())
                        .unwrap_or("")
                ),
                vec![
                    "issuer.name".into(),
                    "header.subject_companies[0].name".into(),
                ],
            );
        }
    }
    let Some(item1) = f.items.get("1") else {
        return;
    };
    if f.source_format == SourceFormat::Xml {
        // Item 1 parts are paragraphs: (13D) class title, issuer name, address; (13G) name,
        // address. The issuer name is one of the first short ones.
        let paras: Vec<&str> = paragraphs(item1)
            .map(str::trim)
            .filter(|p| !p.is_empty() && p.len() <= 200)
            .take(3)
            .collect();
        if paras.is_empty() {
            return;
        }
        let (m, k) = cx.names.best_match(name, &paras);
        if m < NameMatch::Equivalent && !normalized_contains(item1, cx.names.info(name)) {
            let shown = k
                .and_then(|k| paras.get(k))
                .or(paras.get(1))
                .or(paras.first())
                .copied()
                .unwrap_or("");
            cx.emit(
                "issuer-item1-mismatch",
                format!(
                    "cover issuer {:?} differs from the issuer in Item 1 ({shown:?})",
                    name.trim()
                ),
                vec!["issuer.name".into(), "items.1".into()],
            );
        }
    } else if !normalized_contains(item1, cx.names.info(name)) {
        // Legacy Item 1 usually says "the Issuer"/"the Company"; compare only a name it
        // spells out ("Name of Issuer: X", "X (the "Issuer")").
        let Some(named) = item1_issuer_name(item1) else {
            return;
        };
        let named_info = NameInfo::of(&named);
        let close = cx.tol.name_close_ratio;
        if compare_info(cx.names.info(name), &named_info, close) < NameMatch::Close {
            cx.emit(
                "issuer-item1-mismatch",
                format!(
                    "Item 1 names the issuer {:?}, the cover {:?}",
                    named,
                    name.trim()
                ),
                vec!["issuer.name".into(), "items.1".into()],
            );
        }
    }
}

/// The issuer name a legacy Item 1 spells out, if any.
fn item1_issuer_name(item1: &str) -> Option<String> {
    static LABEL: OnceLock<Regex> = OnceLock::new();
    static DEFINED: OnceLock<Regex> = OnceLock::new();
    let label = re(
        &LABEL,
        r"(?i)name\s+of\s+(?:the\s+)?issuer\s*[:.]?[ \t]*\n?[ \t]*([^\n]{3,150})",
    );
    let defined = re(
        &DEFINED,
        r"(?:of|by|in)\s+([A-Z][A-Za-z0-9.,&'’\- ]{2,120}?),?\s*\(\s*(?:the|hereinafter)?\s*[“\x22']{0,2}(?:Issuer|Company|Corporation)[”\x22']{0,2}\s*\)",
    );
    let candidate = label
        .captures(item1)
        .and_then(|c| c.get(1))
        .map(|m| m.as_str().trim().to_string())
        .filter(|t| !t.to_ascii_lowercase().starts_with("item"))
        .or_else(|| {
            defined
                .captures(item1)
                .and_then(|c| c.get(1))
                .map(|m| m.as_str().trim().to_string())
        })?;
    let t = candidate
        .trim_end_matches(['.', ',', ';'])
        .trim()
        .to_string();
    (t.split_whitespace().count() >= 1 && t.len() >= 3).then_some(t)
}

/// The persons of a joint cover name ("Austin W. Marxe and David M. Greenhouse").
fn joint_parts(name: &str) -> Vec<&str> {
    // One part (no ` and `) is no joint name.
    static AND: OnceLock<Finder> = OnceLock::new();
    if !holds(&AND, " and ", name) {
        return Vec::new();
    }
    let parts: Vec<&str> = name.split(" and ").map(str::trim).collect();
    if parts.len() > 1 && parts.iter().all(|x| x.split_whitespace().count() >= 2) {
        parts
    } else {
        Vec::new()
    }
}

/// Whether the normalised text contains the normalised core of `name`.
fn normalized_contains(text: &str, name: &NameInfo) -> bool {
    let c = name.joined_core();
    if c.is_empty() {
        return false;
    }
    // ` {tokens of text joined by spaces} ` holds ` {c} `.
    let mut t = String::with_capacity(text.len() + 2);
    t.push(' ');
    name_tokens_with(text, |w| {
        t.push_str(w);
        t.push(' ');
    });
    if t.len() == 1 {
        t.push(' ');
    }
    let mut needle = String::with_capacity(c.len() + 2);
    needle.push(' ');
    needle.push_str(c);
    needle.push(' ');
    memchr::memmem::find(t.as_bytes(), needle.as_bytes()).is_some()
}

/// Cover IRS numbers against the header's FILED BY entity of the same name.
fn irs_numbers(cx: &mut Cx) {
    let f = cx.f;
    let Some(h) = &f.header else { return };
    let digits = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<String>();
    for (i, p) in f.reporting_persons.iter().enumerate() {
        let Some(cover) = p.irs_number.as_deref().map(digits).filter(|d| d.len() == 9) else {
            continue;
        };
        for (k, e) in h.filed_by.iter().enumerate() {
            let (Some(name), Some(irs)) = (e.name.as_deref(), e.irs_number.as_deref()) else {
                continue;
            };
            let header = digits(irs);
            if header.len() != 9 || header.chars().all(|c| c == '0') || header == cover {
                continue;
            }
            if cx.names.compare(name, &p.name) >= NameMatch::Equivalent {
                cx.emit(
                    "irs-number-mismatch",
                    format!(
                        "{}: cover IRS number {} but the SEC header gives {} for {}",
                        person_label(p, i),
                        p.irs_number.as_deref().unwrap_or(""),
                        irs,
                        name
                    ),
                    vec![
                        pp(i, "irs_number"),
                        format!("header.filed_by[{k}].irs_number"),
                    ],
                );
            }
        }
    }
}

fn filers(cx: &mut Cx) {
    let f = cx.f;
    if f.reporting_persons.is_empty() || f.filers.is_empty() && f.group_members.is_empty() {
        return;
    }
    // A joint cover ("Austin W. Marxe and David M. Greenhouse") names each of its persons.
    let mut names: Vec<&str> = Vec::new();
    let mut owner: Vec<usize> = Vec::new();
    for (i, p) in f.reporting_persons.iter().enumerate() {
        names.push(p.name.as_str());
        owner.push(i);
        for &part in &cx.joint[i] {
            names.push(part);
            owner.push(i);
        }
    }
    let mut names = NameList::new(names);
    let person_ciks: Vec<u64> = f
        .reporting_persons
        .iter()
        .filter_map(|p| p.cik.as_deref().and_then(cik_num))
        .collect();
    // (name, CIK, list and index of the path, what); the path is built for a finding only.
    let filers = f.filers.iter().enumerate().map(|(k, fl)| {
        (
            fl.name.as_deref().unwrap_or(""),
            fl.cik.as_deref().and_then(cik_num),
            ("filers", k),
            "filer",
        )
    });
    let members = (f.group_members.iter().enumerate()).map(|(k, g)| {
        (
            g.as_str(),
            None,
            ("group_members", k),
            "header group member",
        )
    });
    for (name, cik, (list, k), what) in filers.chain(members) {
        if cik.is_some_and(|c| person_ciks.contains(&c)) {
            continue;
        }
        let path = || field_path(list, k, None);
        // A blank name has no tokens: not `none` either.
        if blank(name) {
            // An XML filer without a name, whose CIK is on no cover.
            if let Some(c) = cik {
                if !person_ciks.is_empty() {
                    cx.emit(
                        "filer-not-on-cover",
                        format!("filer CIK {c} is the CIK of no reporting person"),
                        vec![field_path(list, k, Some("cik"))],
                    );
                }
            }
            continue;
        }
        let x = cx.names.id(name);
        if matches!(cx.names.infos[x].joined(), "none" | "na" | "not applicable") {
            continue;
        }
        let (m, k) = cx.names.best_in(x, &mut names);
        match m {
            NameMatch::Exact | NameMatch::Equivalent => {}
            NameMatch::Close => {
                let cover = k.and_then(|k| names.names.get(k)).copied().unwrap_or("");
                cx.emit(
                    "filer-name-spelling",
                    format!(
                        "{what} {:?} is spelled {:?} on its cover page",
                        name.trim(),
                        cover.trim()
                    ),
                    vec![
                        path(),
                        pp(k.and_then(|k| owner.get(k)).copied().unwrap_or(0), "name"),
                    ],
                );
            }
            NameMatch::Different => cx.emit(
                "filer-not-on-cover",
                format!(
                    "{what} {:?} is none of the reporting persons on the cover pages",
                    name.trim()
                ),
                vec![path()],
            ),
        }
    }
}

fn signatures(cx: &mut Cx) {
    let f = cx.f;
    let mut names: Vec<&str> = Vec::new();
    for (p, joint) in (f.reporting_persons.iter())
        .zip(&cx.joint)
        .filter(|(p, _)| !blank(&p.name))
    {
        names.push(p.name.as_str());
        names.extend(joint);
    }
    if names.is_empty() || f.signatures.is_empty() {
        return;
    }
    let mut names = NameList::new(names);
    let attributed = f.signatures.iter().any(|s| s.reporting_person.is_some());
    let mut flagged = BTreeSet::new();
    // The id of each signature's attributed person, for the second pass.
    let mut signers = vec![None; f.signatures.len()];
    for (k, s) in f.signatures.iter().enumerate() {
        let (who, field) = match (&s.reporting_person, &s.name) {
            (Some(r), _) => (r.as_str(), "reporting_person"),
            (None, Some(n)) => (n.as_str(), "name"),
            _ => continue,
        };
        let x = cx.names.id(who);
        if s.reporting_person.is_some() {
            signers[k] = Some(x);
        }
        let (m, idx) = cx.names.best_in(x, &mut names);
        let cover = idx.and_then(|i| names.names.get(i)).copied().unwrap_or("");
        let cover_id = idx.map(|i| names.id(&mut cx.names, i));
        let infos = &cx.names.infos;
        // An attributed signature names a person: anything but equal is a misspelling. A bare
        // signer name is only compared when it is nearly a cover name.
        let flag = match m {
            NameMatch::Exact => false,
            NameMatch::Equivalent => {
                !attributed || cover_id.is_none_or(|c| infos[x].len != infos[c].len)
            }
            NameMatch::Close => true,
            NameMatch::Different => false,
        };
        if flag && flagged.insert(cx.names.infos[x].joined().to_string()) {
            let i = f
                .reporting_persons
                .iter()
                .position(|p| p.name == cover)
                .unwrap_or(0);
            cx.emit(
                "signature-name-mismatch",
                format!(
                    "signature names {:?}, the cover page spells it {:?}",
                    who.trim(),
                    cover.trim()
                ),
                vec![field_path("signatures", k, Some(field)), pp(i, "name")],
            );
        }
    }
    if attributed {
        for (i, p) in f.reporting_persons.iter().enumerate() {
            if blank(&p.name) {
                continue;
            }
            // Signed: a signature names this person, or names it close and no cover closer.
            let person = cx.names.id(&p.name);
            let signed = signers.iter().flatten().any(|&signer| {
                let here = cx.names.compare_ids((signer, person));
                here >= NameMatch::Equivalent
                    || (here == NameMatch::Close
                        && cx.names.best_in(signer, &mut names).0 == NameMatch::Close)
            });
            if !signed {
                cx.emit(
                    "person-not-signed",
                    format!("{} has no signature block", person_label(p, i)),
                    vec![pp(i, "name")],
                );
            }
        }
    }
}

fn duplicates(cx: &mut Cx) {
    let f = cx.f;
    // A duplicate needs two persons.
    if f.reporting_persons.len() < 2 {
        return;
    }
    // Every letter and digit counts here: "Fund VI" and "(DT) Fund VI" are two funds.
    let key = |n: &str| -> Vec<u8> {
        if n.is_ascii() {
            // The same, byte by byte.
            let mut k = n.as_bytes().to_vec();
            k.retain(u8::is_ascii_alphanumeric);
            k.make_ascii_lowercase();
            k
        } else {
            (n.chars().filter(|c| c.is_alphanumeric()))
                .flat_map(char::to_lowercase)
                .collect::<String>()
                .into_bytes()
        }
    };
    let keys: Vec<Vec<u8>> = f.reporting_persons.iter().map(|p| key(&p.name)).collect();
    for (i, p) in f.reporting_persons.iter().enumerate() {
        let t = &keys[i];
        if t.is_empty() {
            continue;
        }
        if let Some(j) = f.reporting_persons[..i]
            .iter()
            .zip(&keys)
            .position(|(q, k)| {
                k == t
                    && normalize_cusip(q.cover_cusip.as_deref().unwrap_or(""))
                        == normalize_cusip(p.cover_cusip.as_deref().unwrap_or(""))
            })
        {
            cx.emit(
                "duplicate-person",
                format!(
                    "cover pages {} and {} both name {:?}",
                    j + 1,
                    i + 1,
                    p.name.trim()
                ),
                vec![pp(j, "name"), pp(i, "name")],
            );
        }
    }
}

// ---------------------------------------------------------------------------------------
// Dates

/// `n` business days (Mon-Fri; holidays ignored) after `d`.
fn add_business_days(d: NaiveDate, n: u32) -> NaiveDate {
    let mut cur = d;
    let mut left = n;
    while left > 0 {
        match cur.succ_opt() {
            Some(next) => cur = next,
            None => return cur,
        }
        if !matches!(cur.weekday(), Weekday::Sat | Weekday::Sun) {
            left -= 1;
        }
    }
    cur
}

fn dates(cx: &mut Cx) {
    let f = cx.f;
    let filed = f.filed_date;
    let event = f.event_date;
    if let (Some(e), Some(fd)) = (event, filed) {
        if e > fd {
            cx.emit(
                "event-after-filing",
                format!("date of event {e} is after the filing date {fd}"),
                vec!["event_date".into(), "filed_date".into()],
            );
        }
    }
    let mut sig_dates: Vec<(usize, NaiveDate)> = f
        .signatures
        .iter()
        .enumerate()
        .filter_map(|(k, s)| Some((k, s.date?)))
        .collect();
    sig_dates.sort_by_key(|&(_, d)| d);
    sig_dates.dedup_by_key(|&mut (_, d)| d);
    if let Some(e) = event {
        if let Some(&(k, s)) = sig_dates.iter().find(|&&(_, s)| s < e) {
            cx.emit(
                "event-after-signature",
                format!("date of event {e} is after the signature date {s}"),
                vec![
                    "event_date".into(),
                    field_path("signatures", k, Some("date")),
                ],
            );
        }
    }
    if let Some(fd) = filed {
        let grace = cx.tol.signature_grace_days;
        if let Some(&(k, s)) = sig_dates.last() {
            let days = (s - fd).num_days();
            if days > grace {
                cx.emit(
                    "signature-after-filing",
                    format!("signature date {s} is {days} days after the filing date {fd}"),
                    vec![
                        field_path("signatures", k, Some("date")),
                        "filed_date".into(),
                    ],
                );
            } else if days >= 1 {
                cx.emit(
                    "signature-day-after-filing",
                    format!(
                        "signature date {s} is the day after the filing date {fd} (time zones)"
                    ),
                    vec![
                        field_path("signatures", k, Some("date")),
                        "filed_date".into(),
                    ],
                );
            }
        }
        if let Some(&(k, s)) = sig_dates.first() {
            let days = (fd - s).num_days();
            if days >= cx.tol.stale_signature_days {
                cx.emit(
                    "signature-long-before-filing",
                    format!("signature date {s} is {days} days before the filing date {fd}"),
                    vec![
                        field_path("signatures", k, Some("date")),
                        "filed_date".into(),
                    ],
                );
            }
        }
        // Initial 13D deadline: 10 days, or 5 business days from 2024-02-05.
        if let (Some(e), Schedule::D13, false) = (event, f.schedule, cx.amendment) {
            let new_rules = NaiveDate::from_ymd_opt(2024, 2, 5).is_some_and(|c| e >= c);
            let deadline = if new_rules {
                add_business_days(e, 5)
            } else {
                e + chrono::Duration::days(10)
            };
            if fd > deadline && e <= fd {
                cx.emit(
                    "late-filing",
                    format!(
                        "initial 13D filed {fd}, {} days after the event {e} (deadline {deadline})",
                        (fd - e).num_days()
                    ),
                    vec!["filed_date".into(), "event_date".into()],
                );
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// Amendment, required fields, category checks

fn is_amendment(f: &Schedule13D) -> bool {
    // Ends with `/A` in any case.
    f.form_type.as_deref().is_some_and(|t| {
        let b = t.trim().as_bytes();
        b.len() >= 2 && b[b.len() - 2] == b'/' && b[b.len() - 1].eq_ignore_ascii_case(&b'a')
    })
}

fn amendment(cx: &mut Cx) {
    let f = cx.f;
    let Some(form) = f.form_type.as_deref() else {
        return;
    };
    let form_upper = form.trim().to_ascii_uppercase();
    if !crate::container::is_schedule_type(&form_upper) {
        return;
    }
    if cx.amendment {
        if f.amendment_number.is_none() {
            // XML 13G may omit it (optional in the 13G schema).
            let xml_13g = f.source_format == SourceFormat::Xml && f.schedule == Schedule::G13;
            if !xml_13g {
                cx.emit(
                    "amendment-number-missing",
                    format!("form type {form} is an amendment but no amendment number is stated"),
                    vec!["form_type".into(), "amendment_number".into()],
                );
            }
        }
        if f.source_format == SourceFormat::Xml && f.previous_accession_number.is_none() {
            cx.emit(
                "previous-accession-missing",
                format!("XML amendment ({form}) gives no previousAccessionNumber"),
                vec!["previous_accession_number".into()],
            );
        }
    } else if let Some(n) = f.amendment_number.filter(|n| *n > 0) {
        cx.emit(
            "amendment-on-original",
            format!(
                "form type {form} is an original filing but the schedule says Amendment No. {n}"
            ),
            vec!["form_type".into(), "amendment_number".into()],
        );
    }
}

fn required(cx: &mut Cx) {
    let f = cx.f;
    let mut missing: Vec<(String, &str)> = Vec::new();
    if f.form_type.as_deref().is_none_or(blank) {
        missing.push(("form_type".into(), "form type"));
    }
    if f.issuer.name.as_deref().is_none_or(blank) {
        missing.push(("issuer.name".into(), "issuer name"));
    }
    if f.issuer.cusips.is_empty() && !f.spans.contains_key("issuer.cusip_placeholder") {
        missing.push(("issuer.cusips".into(), "CUSIP number"));
    }
    if f.issuer.security_class.as_deref().is_none_or(blank) {
        missing.push((
            "issuer.security_class".into(),
            "title of class of securities",
        ));
    }
    // Old 13G forms had no event-date line; the XML era requires it on both schedules.
    if f.event_date.is_none()
        && (f.schedule == Schedule::D13 || f.source_format == SourceFormat::Xml)
    {
        missing.push(("event_date".into(), "date of event which requires filing"));
    }
    if f.reporting_persons.is_empty() && !cx.amendment {
        missing.push((
            "reporting_persons".into(),
            "reporting persons (cover pages)",
        ));
    }
    if f.signatures.is_empty() {
        missing.push(("signatures".into(), "signature"));
    }
    for (path, what) in missing {
        cx.emit(
            "missing-required-field",
            format!("the {what} is missing"),
            vec![path],
        );
    }
    let original = !cx.amendment;
    for (i, p) in f.reporting_persons.iter().enumerate() {
        if blank(&p.name) {
            cx.emit(
                "missing-required-field",
                format!("cover page {} has no reporting-person name", i + 1),
                vec![pp(i, "name")],
            );
        }
        if original {
            for (field, v, what) in [
                (
                    "aggregate_amount",
                    p.aggregate_amount,
                    "aggregate amount (row 11/9)",
                ),
                (
                    "percent_of_class",
                    p.percent_of_class,
                    "percent of class (row 13/11)",
                ),
            ] {
                if v.is_none() {
                    cx.emit(
                        "missing-required-field",
                        format!(
                            "{}: the {what} is missing on an original filing",
                            person_label(p, i)
                        ),
                        vec![pp(i, field)],
                    );
                }
            }
        }
    }
}

fn category(cx: &mut Cx) {
    let f = cx.f;
    let max = f
        .reporting_persons
        .iter()
        .enumerate()
        .filter_map(|(i, p)| Some((i, p.percent_of_class?)))
        .filter(|(_, p)| (0.0..=100.0).contains(p))
        .max_by(|a, b| a.1.total_cmp(&b.1));
    let date = f.event_date.or(f.filed_date);
    if f.schedule == Schedule::G13 {
        let passive = f.rules.iter().any(|r| {
            let compact: Vec<u8> = (r.bytes().filter(|&b| b != b' '))
                .map(|b| b.to_ascii_lowercase())
                .collect();
            memchr::memmem::find(&compact, b"13d-1(c)").is_some()
        });
        // Rule 13d-1(c) as the passive-investor rule dates from 1998-02-17.
        let modern =
            date.is_none_or(|d| NaiveDate::from_ymd_opt(1998, 2, 17).is_some_and(|c| d >= c));
        if let (true, true, Some((i, p))) = (passive, modern, max) {
            if p >= cx.tol.passive_max_percent {
                cx.emit(
                    "passive-13g-over-20",
                    format!(
                        "13G filed under Rule 13d-1(c) (passive investor) but {} reports {} (passive filers must stay below {}%)",
                        person_label(&f.reporting_persons[i], i),
                        fmt_pct(p),
                        cx.tol.passive_max_percent
                    ),
                    vec!["rules".into(), pp(i, "percent_of_class")],
                );
            }
        }
    } else if !cx.amendment && f.form_type.is_some() && f.amendment_number.is_none_or(|n| n == 0) {
        let all_have = !f.reporting_persons.is_empty()
            && f.reporting_persons
                .iter()
                .all(|p| p.percent_of_class.is_some());
        let group = f.reporting_persons.len() > 1
            || f.reporting_persons
                .iter()
                .any(|p| p.member_of_group.as_deref() == Some("a"))
            || !f.group_members.is_empty();
        if let (true, false, Some((i, p))) = (all_have, group, max) {
            if p <= cx.tol.initial_13d_min_percent {
                cx.emit(
                    "initial-13d-not-over-5",
                    format!(
                        "initial 13D but {} reports {} (a 13D is required above {}%) and files without a group",
                        person_label(&f.reporting_persons[i], i),
                        fmt_pct(p),
                        cx.tol.initial_13d_min_percent
                    ),
                    vec![pp(i, "percent_of_class"), "form_type".into()],
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cusip_check_digits() {
        assert_eq!(check_cusip("538146101"), CusipCheck::Valid);
        assert_eq!(check_cusip("81221K108"), CusipCheck::Valid);
        assert_eq!(check_cusip("G8473T100"), CusipCheck::Valid);
        assert_eq!(check_cusip("552620 20 5"), CusipCheck::Valid);
        assert_eq!(check_cusip("87229N 10 1"), CusipCheck::Valid);
        assert_eq!(
            check_cusip("538146102"),
            CusipCheck::BadCheckDigit { expected: '1' }
        );
        assert_eq!(check_cusip("000000000"), CusipCheck::Placeholder);
        assert_eq!(check_cusip("N/A"), CusipCheck::Placeholder);
        assert!(matches!(check_cusip("538146"), CusipCheck::NotCusip(_)));
        assert!(matches!(
            check_cusip("US9029251066"),
            CusipCheck::NotCusip(_)
        ));
        assert_eq!(check_cusip("0009032931"), CusipCheck::Malformed);
        assert_eq!(check_cusip("4111391105"), CusipCheck::Malformed);
    }

    #[test]
    fn names() {
        let c = 0.8;
        assert_eq!(
            compare_names(
                "Energy Growth Momentum GP II Ltd.",
                "Energy Growth Momentum GP II Limited",
                c
            ),
            NameMatch::Exact
        );
        assert_eq!(
            compare_names("BENUN JACK M", "Jack M. Benun", c),
            NameMatch::Equivalent
        );
        assert_eq!(
            compare_names("Jack Mark Benun", "Jack M. Benun", c),
            NameMatch::Equivalent
        );
        assert_eq!(
            compare_names("Isaac Maurice Levy", "Isaac Levy", c),
            NameMatch::Close
        );
        assert_eq!(
            compare_names(
                "Relative Value Partners Group, LLC",
                "Relative Value Partners, LLC",
                c
            ),
            NameMatch::Close
        );
        assert_eq!(
            compare_names("MGP ADVISERS LLC", "MGP Advisers Limited Partnership", c),
            NameMatch::Close
        );
        assert_eq!(
            compare_names("VC INVESTMENTS L.L.C.", "VC Investments LLC", c),
            NameMatch::Exact
        );
        assert_eq!(
            compare_names(
                "Western Copper & Gold Corp",
                "Western Copper and Gold Corporation",
                c
            ),
            NameMatch::Exact
        );
        assert_eq!(
            compare_names("Apple Inc.", "Microsoft Corp", c),
            NameMatch::Different
        );
        assert_eq!(compare_names("", "x", c), NameMatch::Different);
    }

    #[test]
    fn paths() {
        assert_eq!(pp(0, "name"), "reporting_persons[0].name");
        assert_eq!(field_path("filers", 1207, Some("cik")), "filers[1207].cik");
        assert_eq!(field_path("filers", 10, None), "filers[10]");
        assert_eq!(pp(3, ""), "reporting_persons[3].");
        assert_eq!(
            field_path("x", usize::MAX, Some("y")),
            format!("x[{}].y", usize::MAX)
        );
    }

    #[test]
    fn outstanding_and_pairs() {
        let t = "based on 546,359,667 Ordinary Shares outstanding immediately after";
        assert_eq!(stated_outstanding(t), vec![546_359_667.0]);
        let t = "based upon 37,011,357 shares of Common Stock outstanding as of May 1, 2024";
        assert_eq!(stated_outstanding(t), vec![37_011_357.0]);
        let t = "owns 1,234,567 shares of the outstanding Common Stock";
        assert!(stated_outstanding(t).is_empty());
        let p = share_percent_pairs(
            "the 1,477,570 shares represent 15.3% of the class; on December 5, 2024 ...",
        );
        assert_eq!(p, vec![(1_477_570.0, 15.3, 0.1)]);
        assert!(share_percent_pairs("$254,256.47 and 5%").is_empty());
    }

    #[test]
    fn disabled_rules_do_not_run() {
        let mut f = Schedule13D::default();
        f.issuer.cusips.push("538146102".into());
        assert!(validate(&f, &Config::default())
            .iter()
            .any(|i| i.code == "cusip-check-digit"));
        let cfg = Config {
            disabled: vec!["cusip-check-digit".into()],
            ..Default::default()
        };
        assert!(!validate(&f, &cfg)
            .iter()
            .any(|i| i.code == "cusip-check-digit"));
    }

    #[test]
    fn every_code_is_catalogued_once() {
        let codes: BTreeSet<&str> = RULES.iter().map(|r| r.code).collect();
        assert_eq!(codes.len(), RULES.len());
        let src = include_str!("validate.rs");
        static R: OnceLock<Regex> = OnceLock::new();
        for c in re(&R, r#"emit\(\s*"([a-z0-9-]+)""#).captures_iter(src) {
            assert!(rule_info(&c[1]).is_some(), "{} not in RULES", &c[1]);
        }
    }
}

/// The scanners that replaced regexes and allocations, against the code they replaced.
#[cfg(test)]
mod equivalence {
    use super::*;
    use proptest::prelude::*;

    fn clean_name(s: &str) -> String {
        let mut lower = String::new();
        lowercase_into(s, &mut lower);
        clean_lower(&lower).into_owned()
    }

    fn old_name_tokens(s: &str) -> Vec<String> {
        let lower = clean_name(s);
        let mut cleaned = String::with_capacity(lower.len());
        for ch in lower.chars() {
            match ch {
                '\'' | '’' | '‘' | '`' => {}
                '&' => cleaned.push_str(" and "),
                c if c.is_alphanumeric() => cleaned.push(c),
                _ => cleaned.push(' '),
            }
        }
        let mut words: Vec<String> = Vec::new();
        let mut run = String::new();
        // `cleaned` holds letters, digits and spaces only.
        for w in cleaned.split(' ').filter(|w| !w.is_empty()) {
            if w.chars().count() == 1 {
                run.push_str(w);
                continue;
            }
            if !run.is_empty() {
                words.push(std::mem::take(&mut run));
            }
            words.push(w.to_string());
        }
        if !run.is_empty() {
            words.push(run);
        }
        let mut out: Vec<String> = Vec::with_capacity(words.len());
        let mut k = 0;
        while k < words.len() {
            let w = words[k].as_str();
            let next = words.get(k + 1).map(String::as_str);
            let mapped = match (w, next) {
                ("limited", Some("partnership")) => {
                    k += 1;
                    "lp"
                }
                ("limited", Some("liability"))
                    if words.get(k + 2).map(String::as_str) == Some("company") =>
                {
                    k += 2;
                    "llc"
                }
                ("limited", _) => "ltd",
                ("incorporated", _) => "inc",
                ("corporation", _) => "corp",
                ("company", _) => "co",
                ("hldgs" | "hldg" | "hlds", _) => "holdings",
                ("grp", _) => "group",
                ("intl" | "internat", _) => "international",
                ("mgmt" | "mgt", _) => "management",
                ("assoc" | "assocs", _) => "associates",
                ("svcs" | "svc", _) => "services",
                ("bancorporation", _) => "bancorp",
                ("et", Some("al")) => {
                    k += 2;
                    continue;
                }
                (w, _) => w,
            };
            out.push(mapped.to_string());
            k += 1;
        }
        if out.first().is_some_and(|w| w == "the") {
            out.remove(0);
        }
        out
    }

    /// [`clean_name`] with every regex run (no prefilter).
    fn old_clean_name(s: &str) -> String {
        static CUT: OnceLock<Regex> = OnceLock::new();
        static PREFIX: OnceLock<Regex> = OnceLock::new();
        static DROP: OnceLock<Regex> = OnceLock::new();
        let lower = s.to_lowercase();
        let mut t = lower.trim();
        t = t.strip_prefix("by:").unwrap_or(t).trim_start();
        t = t.strip_prefix("/s/").unwrap_or(t).trim_start();
        t = t.trim_start_matches(['_', '/', '-', ' ']);
        let prefix = re(
            &PREFIX,
            r"^(?:(?:.*?identification\s+nos?\.?\s+)?of\s+(?:the\s+)?above\s+persons?[:.]?\s*(?:\(entities\s+only\)\s*)?|names?\s+of\s+reporting\s+persons?[:.]?\s*|\([a-z]\)\s+)",
        );
        let t = prefix.replace(t, "");
        let cut = re(
            &CUT,
            r"(?:,\s*(?:by\b|its\b|as\s|individually|president|vice\b|chief|ceo\b|cfo\b|managing|manager\b|general\s+partner|director|secretary|treasurer|attorney|trustee|authorized|sole\s+member)|\s+[-–—]+\s*(?:\d|irs|i\.r\.s|tax|tin\b|ein|ssn|2\s*[.)])|\s*\b(?:i\.\s*r\.\s*s\.?|irs|tin|tax\s+id|ein|ssn|social\s+security|s\.s\.|i\.d\.\s*no|id\s*#|cik)\b|\s*\(?2\s*[.)]\s*check\b|\s*check\s+the\s+appropriate\b|\s+\d{2}-\d{7}\b|\s+\d{9}\b).*$",
        );
        let t = cut.replace(&t, "");
        let drop = re(&DROP, r"\([^)]*\)|\[[^\]]*\]|/[a-z]{2,3}/|[“”\x22«»]");
        let t = drop.replace_all(&t, " ");
        t.trim()
            .trim_end_matches(['-', '–', ',', ':'])
            .trim()
            .to_string()
    }

    fn old_normalized_contains(text: &str, name: &str) -> bool {
        let t = old_name_tokens(text).join(" ");
        let core: Vec<String> = old_name_tokens(name)
            .into_iter()
            .filter(|w| !LEGAL_FORMS.contains(&w.as_str()))
            .collect();
        let c = core.join(" ");
        !c.is_empty() && format!(" {t} ").contains(&format!(" {c} "))
    }

    fn old_similar_at_least(a: &str, b: &str, close: f64) -> bool {
        let a: Vec<char> = a.chars().take(200).collect();
        let b: Vec<char> = b.chars().take(200).collect();
        let n = a.len().max(b.len());
        if n == 0 {
            return 1.0 >= close;
        }
        let out = |bound: usize| 1.0 - bound as f64 / (n as f64) < close;
        if out(a.len().abs_diff(b.len())) {
            return false;
        }
        let mut hist = [0i32; 128];
        for &c in &a {
            hist[(c as usize).min(127)] += 1;
        }
        for &c in &b {
            hist[(c as usize).min(127)] -= 1;
        }
        let (more, fewer) = hist.iter().fold((0usize, 0usize), |(m, f), &h| {
            (m + h.max(0) as usize, f + (-h).max(0) as usize)
        });
        if out(more.max(fewer)) {
            return false;
        }
        1.0 - levenshtein(&a, &b) as f64 / n as f64 >= close
    }

    fn old_stated_outstanding_parts(text: &str) -> Vec<(f64, bool)> {
        static R: OnceLock<Regex> = OnceLock::new();
        let r = re(
            &R,
            r"(?i)(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{5,}(?:\.\d+)?)(?:\s+(?:[A-Za-z][A-Za-z'’\-.]*|\([^)]{0,40}\)|\$?[\d.]+)){0,10}?\s+(?:(?:issued\s+and\s+)?outstanding|then\s+outstanding|in\s+issue)",
        );
        let mut out: Vec<(f64, bool)> = Vec::new();
        // The count (group 1) runs from the start of a match to its first white space (the
        // pattern puts `\s+` right after it and none inside), so no capture search is needed.
        for w in r.find_iter(text) {
            let whole = w.as_str();
            let len = whole.find(char::is_whitespace).unwrap_or(whole.len());
            let m = &text[w.start()..w.start() + len];
            let m_start = w.start();
            let m_end = w.start() + len;
            let between = &text[m_end..w.end()];
            let lower = between.to_ascii_lowercase();
            // "1,234,567 shares of the outstanding ..." holds, it is not the denominator.
            if lower.contains(" of the outstanding")
                || lower.contains("representing")
                || lower.contains('%')
            {
                continue;
            }
            let end = w.end();
            let after: String = text[end..]
                .chars()
                .take(300)
                .collect::<String>()
                .to_ascii_lowercase();
            let before: String = text[..m_start]
                .chars()
                .rev()
                .take(60)
                .collect::<String>()
                .chars()
                .rev()
                .collect::<String>()
                .to_ascii_lowercase();
            let partial = before.contains("sum of")
                || after.contains("plus ")
                || after.contains("(ii)")
                || after.contains("in addition to");
            if let Ok(v) = m.replace(',', "").parse::<f64>() {
                if v >= 1000.0 && !out.iter().any(|(o, _)| *o == v) {
                    out.push((v, partial));
                }
            }
        }
        out
    }

    fn old_compare(a: &str, b: &str, close: f64) -> NameMatch {
        let (ta, tb) = (old_name_tokens(a), old_name_tokens(b));
        if ta.is_empty() || tb.is_empty() {
            return NameMatch::Different;
        }
        if ta == tb {
            return NameMatch::Exact;
        }
        let core = |t: &[String]| -> Vec<String> {
            t.iter()
                .filter(|w| !LEGAL_FORMS.contains(&w.as_str()))
                .cloned()
                .collect()
        };
        let forms = |t: &[String]| -> BTreeSet<String> {
            t.iter()
                .filter(|w| LEGAL_FORMS.contains(&w.as_str()) && *w != "the")
                .cloned()
                .collect()
        };
        let (ca, cb) = (core(&ta), core(&tb));
        if ca.is_empty() || cb.is_empty() {
            return NameMatch::Different;
        }
        let (fa, fb) = (forms(&ta), forms(&tb));
        let forms_agree = fa.is_subset(&fb) || fb.is_subset(&fa);
        let (mut sa, mut sb) = (ca.clone(), cb.clone());
        sa.sort_unstable();
        sb.sort_unstable();
        if ca == cb || sa == sb || (ca.len() == cb.len() && old_covered(&ca, &cb)) {
            return if forms_agree {
                NameMatch::Equivalent
            } else {
                NameMatch::Close
            };
        }
        for (small, big) in [(&ca, &cb), (&cb, &ca)] {
            if old_covered(small, big) {
                let initials =
                    |v: &[String]| v.iter().filter(|w| w.chars().count() == 1).count() as isize;
                let extra_initials_only =
                    big.len() as isize - small.len() as isize == initials(big) - initials(small);
                return if extra_initials_only && forms_agree {
                    NameMatch::Equivalent
                } else {
                    NameMatch::Close
                };
            }
        }
        if old_similar_at_least(&ca.join(" "), &cb.join(" "), close) {
            return NameMatch::Close;
        }
        NameMatch::Different
    }

    /// [`assigned`] behind the test [`compare_words`] makes first.
    fn covered(small: &[&[u8]], big: &[&[u8]]) -> bool {
        let exact = small
            .iter()
            .any(|w| !w.is_empty() && !one_char(w) && big.contains(w));
        exact && assigned(small, big)
    }

    fn old_covered<S: AsRef<str>>(small: &[S], big: &[S]) -> bool {
        let mut used = vec![false; big.len()];
        let exact = small
            .iter()
            .map(AsRef::as_ref)
            .any(|w: &str| w.chars().count() > 1 && big.iter().any(|b| b.as_ref() == w));
        exact
            && small.iter().map(AsRef::as_ref).all(|w: &str| {
                let hit = big
                    .iter()
                    .map(AsRef::as_ref)
                    .enumerate()
                    .position(|(k, b)| {
                        !used[k]
                            && (b == w
                                || (w.len() == 1 && b.starts_with(w))
                                || (b.len() == 1 && w.starts_with(b)))
                    });
                match hit {
                    Some(k) => {
                        used[k] = true;
                        true
                    }
                    None => false,
                }
            })
    }

    fn old_share_percent_pairs(text: &str) -> Vec<(f64, f64, f64)> {
        static NUM: OnceLock<Regex> = OnceLock::new();
        static PCT: OnceLock<Regex> = OnceLock::new();
        let num = re(
            &NUM,
            r"(\$\s*)?\b(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{3,}(?:\.\d+)?)\b(\s*%|\s*percent)?",
        );
        let pct = re(
            &PCT,
            r"(?i)(?:^|[^\d.,])(\d{1,3}(?:\.\d+)?|\.\d+)\s*(?:%|percent\b)",
        );
        let mut counts: Vec<(usize, usize, f64)> = Vec::new();
        // Group 2 alone is the whole match when the match neither starts with `$` (group 1) nor
        // holds white space, `%` or `p` (group 3; the count holds none of them).
        for m in num.find_iter(text) {
            let raw = m.as_str();
            if raw.starts_with('$')
                || raw.contains(|c: char| c.is_whitespace() || c == '%' || c == 'p')
            {
                continue;
            }
            let Ok(v) = raw.replace(',', "").parse::<f64>() else {
                continue;
            };
            // Years and small numbers are not share counts.
            if !raw.contains(',') && (1900.0..=2100.0).contains(&v) || v < 100.0 {
                continue;
            }
            counts.push((m.start(), m.end(), v));
        }
        let mut out = Vec::new();
        let ascii = text.is_ascii();
        let percents: Vec<(usize, &str)> = if ascii {
            // The number (group 1) follows the one character `[^\d.,]` matched, or starts the
            // text, and runs over digits and points.
            pct.find_iter(text)
                .map(|w| {
                    let b = w.as_str().as_bytes();
                    let num = |c: &u8| c.is_ascii_digit() || *c == b'.';
                    let skip = usize::from(!(w.start() == 0 && b.first().is_some_and(num)));
                    let len = b[skip..].iter().take_while(|c| num(c)).count();
                    (
                        w.start() + skip,
                        &text[w.start() + skip..w.start() + skip + len],
                    )
                })
                .collect()
        } else {
            pct.captures_iter(text)
                .filter_map(|c| c.get(1).map(|m| (m.start(), m.as_str())))
                .collect()
        };
        for (m_start, m_str) in percents {
            let Ok(p) = m_str.parse::<f64>() else {
                continue;
            };
            let u = 10f64.powi(-(m_str.split_once('.').map_or(0, |(_, d)| d.len()).min(6) as i32));
            let before = counts.iter().rev().find(|(_, end, _)| *end <= m_start);
            if let Some(&(_, end, v)) = before {
                let gap = &text[end..m_start];
                if gap.len() <= 160 && !gap.contains("\n\n") {
                    out.push((v, p, u));
                }
            }
        }
        out
    }

    const OUTSTANDING_PARTS: &[&str] = &[
        "1,234,567",
        "12345678",
        "1,000",
        " ",
        "  ",
        "\n",
        " shares",
        " of",
        " Common Stock",
        " outstanding",
        " issued and outstanding",
        " then outstanding",
        " in issue",
        " sum of",
        " plus ",
        " (ii)",
        " in addition to",
        "é",
        "’",
        "ſ",
        "%",
        " representing",
        " (the x)",
        " $1.5",
        "abcdefghij",
        "ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghijklmnopqrstuvwxyz 0123456789",
    ];

    const PAIRS_PARTS: &[&str] = &[
        "1,234,567",
        "123456",
        "2024",
        "12.5",
        ".5",
        "7",
        "٣٤٥",
        "$",
        "$ ",
        " ",
        "\n",
        "\n\n",
        "\u{a0}",
        "%",
        " %",
        "percent",
        "PerCent",
        " percentage",
        "p",
        ",",
        ".",
        "shares",
        " representing ",
        "é",
        "(a) ",
        "ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghijklmnopqrstuvwxyz 0123456789 ",
    ];

    /// The longest reach before the word: the count, ten tokens (one in parentheses) and
    /// `issued and`.
    #[test]
    fn stated_outstanding_longest_match() {
        let t = "x; 1,234,567 a b (c d) e f g h i j k issued and outstanding";
        assert_eq!(stated_outstanding_parts(t), vec![(1_234_567.0, false)]);
        assert_eq!(stated_outstanding_parts(t), old_stated_outstanding_parts(t));
    }

    const MORE_OUTSTANDING_PARTS: &[&str] = &[
        " issued",
        " issue",
        " and",
        " then",
        " in",
        "(",
        ")",
        " (a b c",
        "٣٤٥٦٧",
        "12٣",
        " 4",
        "d e) ",
        " (x 67890 outstanding)",
        " (1,000 in issue",
        " issues",
        " reissue",
        " nonoutstanding",
        " in  issued",
        " issued and outstanding)",
        ";",
        "\u{a0}",
        " Outstanding",
        " ISSUE",
        "x",
        ".5",
    ];

    const NAME_PARTS: &[&str] = &[
        "the",
        "The ",
        "THE",
        "limited",
        "Limited ",
        "partnership",
        "liability",
        "company",
        "Company",
        "et",
        "al",
        "et al",
        "Inc.",
        "incorporated",
        "corporation",
        "hldgs",
        "grp",
        "intl",
        "mgmt",
        "assoc",
        "svcs",
        "bancorporation",
        "L.P.",
        "L.L.C.",
        "D.E. Shaw",
        "a",
        "b",
        "x",
        "é",
        "É",
        "ß",
        "ſ",
        "K",
        "’",
        "‘",
        "'",
        "`",
        "&",
        " and ",
        ",",
        ".",
        "-",
        "–",
        "(",
        ")",
        "[",
        "]",
        "/",
        "/md/",
        "\"",
        "“",
        "”",
        "«",
        "»",
        " ",
        "  ",
        "\n",
        "\t",
        "\u{a0}",
        "\u{2003}",
        "by:",
        "/s/",
        "name of reporting person",
        "above",
        "irs",
        "i.r.s.",
        "tin",
        "12-3456789",
        "123456789",
        "2.",
        "check",
        "Acme",
        "ACME",
        "Capital",
        "Fund",
        "LP",
        "llc",
        "Co",
        "1",
        "9",
        "٣",
        "Ⅻ",
        "_",
        ":",
        "#",
        "id",
        "cik",
        ", by",
        ",its",
        " as ",
        "Individually",
        "president",
        "vice",
        "chief",
        "ceo",
        "managing",
        "manager",
        "general partner",
        "sole member",
        ", sole member",
        ", Authorized Signatory",
        ",\tVice",
        ", managing member",
        " - ",
        "—",
        "\u{b}",
        "2)",
    ];

    /// [`percent_marks`] looks for `percent` in ASCII only: no other character folds to it.
    #[test]
    fn percent_letters_fold_from_ascii_only() {
        let others: String = (0x80..=0x10ffff).filter_map(char::from_u32).collect();
        let r = Regex::new("(?i)[percnt]").expect("regex");
        assert!(!r.is_match(&others));
    }

    const PERCENT_PATHS: &[&str] = &[
        "reporting_persons[0].percent_of_class",
        "reporting_persons[1].percent_of_class",
        "reporting_persons[2].percent_of_class",
        "reporting_persons[10].percent_of_class",
        "reporting_persons[01].percent_of_class",
        "reporting_persons[+1].percent_of_class",
        "reporting_persons[].percent_of_class",
        "reporting_persons[0].percent_of_class.x",
        "reporting_persons[0].aggregate_amount",
        "items.5",
    ];

    fn name_text() -> impl Strategy<Value = String> {
        prop::collection::vec(prop::sample::select(NAME_PARTS), 0..14).prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]

        #[test]
        fn clean_name_as_before(s in name_text()) {
            prop_assert_eq!(clean_name(&s), old_clean_name(&s));
        }

        #[test]
        fn name_tokens_as_before(s in name_text()) {
            prop_assert_eq!(name_tokens(&s), old_name_tokens(&s));
        }

        #[test]
        fn normalized_contains_as_before(t in name_text(), n in name_text()) {
            let name = NameInfo::of(&n);
            prop_assert_eq!(normalized_contains(&t, &name), old_normalized_contains(&t, &n));
            let both = format!("{t} {n}");
            prop_assert_eq!(
                normalized_contains(&both, &name),
                old_normalized_contains(&both, &n)
            );
        }

        #[test]
        fn similar_at_least_as_before(
            a in "[abcé ]{0,12}|[a-c]{190,210}",
            b in "[abcé ]{0,12}|[a-c]{190,210}",
            close in prop::sample::select(vec![0.0, 0.5, 0.8, 0.85, 0.9, 1.0]),
        ) {
            prop_assert_eq!(similar_at_least(&a, &b, close), old_similar_at_least(&a, &b, close));
        }

        #[test]
        fn myers_distance_is_levenshtein(
            a in "[a-d ]{0,64}|[a-z]{60,64}",
            b in "[a-d ]{0,70}|[a-z]{0,70}",
        ) {
            let (a, b) = (a.as_bytes(), b.as_bytes());
            prop_assert_eq!(myers_distance(a, b), levenshtein(a, b));
        }

        #[test]
        fn stated_outstanding_as_before(
            v in prop::collection::vec(prop::sample::select(OUTSTANDING_PARTS), 0..40)
        ) {
            let t = v.concat();
            prop_assert_eq!(stated_outstanding_parts(&t), old_stated_outstanding_parts(&t));
        }

        #[test]
        fn stated_outstanding_near_words_as_before(
            v in prop::collection::vec(
                prop::sample::select([OUTSTANDING_PARTS, MORE_OUTSTANDING_PARTS].concat()),
                0..60,
            )
        ) {
            let t = v.concat();
            prop_assert_eq!(stated_outstanding_parts(&t), old_stated_outstanding_parts(&t));
        }

        #[test]
        fn share_percent_pairs_as_before(
            v in prop::collection::vec(prop::sample::select(PAIRS_PARTS), 0..60)
        ) {
            let t = v.concat();
            prop_assert_eq!(share_percent_pairs(&t), old_share_percent_pairs(&t));
        }

        #[test]
        fn printed_percents_as_spans_get(
            paths in prop::collection::vec(prop::sample::select(PERCENT_PATHS), 0..12),
            persons in 0usize..4,
        ) {
            let mut f = Schedule13D {
                reporting_persons: vec![ReportingPerson::default(); persons],
                ..Default::default()
            };
            f.spans = (paths.iter().enumerate())
                .map(|(k, p)| (p.to_string(), crate::model::Span { start: k, end: k + 1, text: k.to_string() }))
                .collect();
            let old: Vec<Option<&str>> = (0..persons)
                .map(|i| f.spans.get(&pp(i, "percent_of_class")).map(|s| s.text.as_str()))
                .collect();
            prop_assert_eq!(printed_percents(&f), old);
        }

        #[test]
        fn digit_runs_found(s in "[0-9a٣é ]{0,12}") {
            let run = Regex::new(r"\d{3}").expect("regex").is_match(&s);
            let may = may_hold_digit_run(s.as_bytes());
            prop_assert!(!run || may);
            // ASCII text holds no other byte: the answer is exact.
            prop_assert!(!s.is_ascii() || run == may);
        }

        #[test]
        fn paragraphs_as_split(v in prop::collection::vec(prop::sample::select(&["\n", "a", "é", " ", "\n\n"][..]), 0..30)) {
            let t = v.concat();
            prop_assert_eq!(paragraphs(&t).collect::<Vec<_>>(), t.split("\n\n").collect::<Vec<_>>());
        }

        #[test]
        fn compare_names_as_before(
            a in name_text(),
            b in name_text(),
            close in prop::sample::select(vec![0.5, 0.85, 1.0]),
        ) {
            prop_assert_eq!(compare_names(&a, &b, close), old_compare(&a, &b, close));
            let c = format!("{a} Inc");
            prop_assert_eq!(compare_names(&a, &c, close), old_compare(&a, &c, close));
            let d = format!("{b} LLC {a}");
            prop_assert_eq!(compare_names(&d, &a, close), old_compare(&d, &a, close));
        }

        #[test]
        fn covered_as_before(
            small in prop::collection::vec(prop::sample::select(&["a", "b", "ab", "abc", "b", "ba", "é", "éa"][..]), 0..6),
            big in prop::collection::vec(prop::sample::select(&["a", "b", "ab", "abc", "ba", "é", "éa", "x"][..]), 0..90),
        ) {
            let bytes = |v: &[&'static str]| v.iter().map(|w| w.as_bytes()).collect::<Vec<_>>();
            prop_assert_eq!(covered(&bytes(&small), &bytes(&big)), old_covered(&small, &big));
            let few = &big[..big.len().min(5)];
            prop_assert_eq!(covered(&bytes(&small), &bytes(few)), old_covered(&small, few));
        }

        #[test]
        fn name_tokens_any_text(s in "\\PC{0,40}") {
            prop_assert_eq!(name_tokens(&s), old_name_tokens(&s));
        }
    }
}
