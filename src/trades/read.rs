//! Reading trades off lines: table rows (HTML, ASCII, lists, monthly aggregates) and prose.

use std::borrow::Cow;
use std::ops::Range;

use chrono::{Datelike, NaiveDate};
use regex::Regex;
use std::sync::OnceLock;

use super::lines::Line;
use super::{re, static_re, Context};
use crate::model::{Side, Trade};
use crate::text::month_number;

/// A trade read, with the byte range of its source (relative to the lines' text).
#[derive(Debug, Clone)]
pub struct Found {
    pub trade: Trade,
    pub span: Option<(usize, usize)>,
    /// Read from a sentence (not a table row).
    pub prose: bool,
}

/// A row that looks like a trade but could not be read.
#[derive(Debug, Clone)]
pub struct Unparsed {
    pub text: String,
    pub span: Option<(usize, usize)>,
}

/// What the words around a table say about its rows' direction.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct SideHint {
    /// Side of a row with a plain number.
    pub plain: Option<Side>,
    /// Side of a row whose number is in parentheses or negative.
    pub paren: Option<Side>,
}

impl SideHint {
    fn or(self, other: SideHint) -> SideHint {
        SideHint {
            plain: self.plain.or(other.plain),
            paren: self.paren.or(other.paren),
        }
    }
    fn is_empty(&self) -> bool {
        self.plain.is_none() && self.paren.is_none()
    }
}

const MONTH_ALT: &str = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{0,6}";

fn date_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        // ASCII word boundaries: with Unicode ones the fast (lazy DFA) search gives up on any
        // text beyond ASCII (curly quotes, U+00A0) and a slow one scans it all. Dates glued to
        // letters beyond ASCII are not dates either way.
        let m = MONTH_ALT;
        re(&format!(
            r"(?i)(?P<num>(?-u:\b)\d{{1,2}}[/\-.]\d{{1,2}}[/\-.](?:\d{{4}}|\d{{2}})(?-u:\b))|(?P<iso>(?-u:\b)\d{{4}}-\d{{1,2}}-\d{{1,2}}(?-u:\b))|(?P<dmy>(?-u:\b)(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?[\s\-]+(?:day\s+of\s+)?(?P<m1>{m})\.?[\s\-,]+(?P<y1>\d{{4}}|\d{{2}})(?-u:\b))|(?P<mdy>(?-u:\b)(?P<m2>{m})\.?\s*(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?(?P<more>(?:\s*(?:,|and|&|-|through|to)\s*\d{{1,2}}(?:st|nd|rd|th)?)*)(?:\s*,\s*|\s+)(?P<y2>\d{{4}})(?-u:\b))|(?P<md>(?-u:\b)(?P<m3>{m})\.?\s+(?P<d3>\d{{1,2}})(?:st|nd|rd|th)?(?-u:\b))|(?P<my>(?-u:\b)(?P<m4>{m})\.?,?\s+(?P<y4>\d{{4}})(?-u:\b))|(?P<nmd>(?-u:\b)\d{{1,2}}/\d{{1,2}}(?-u:\b))"
        ))
    })
}

/// A date or period read from text.
#[derive(Debug, Clone, Copy, PartialEq)]
enum When {
    Day(NaiveDate),
    Period(NaiveDate, NaiveDate),
}

#[derive(Debug, Clone)]
struct DateTok {
    range: Range<usize>,
    when: When,
    /// Numeric month/day without a year (`3/15`): only trusted at the start of a row.
    bare: bool,
}

/// A year as printed with `digits` digits (two-digit years as [`crate::text::full_year`]).
fn full_year(y: i32, digits: usize) -> i32 {
    if digits > 2 {
        y
    } else {
        crate::text::full_year(y)
    }
}

fn month_end(y: i32, m: u32) -> Option<NaiveDate> {
    let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    NaiveDate::from_ymd_opt(ny, nm, 1)?.pred_opt()
}

/// The latest date with this month and day not after `anchor`.
fn resolve_year(m: u32, d: u32, anchor: Option<NaiveDate>) -> Option<NaiveDate> {
    // Trades between the event and the filing are listed too: allow a month past the anchor.
    let a = anchor? + chrono::Duration::days(30);
    for y in [a.year(), a.year() - 1, a.year() - 2] {
        if let Some(date) = NaiveDate::from_ymd_opt(y, m, d) {
            if date <= a {
                return Some(date);
            }
        }
    }
    None
}

/// Any ASCII digit: every date, number and trade needs one (the readers parse ASCII digits
/// only), so text without a digit can skip them.
pub(super) fn has_digit(s: &str) -> bool {
    s.bytes().any(|b| b.is_ascii_digit())
}

/// Which alternative of [`date_re`] a match is, with its month, day and year: told by bytes
/// rather than by a capture search (which cost more than reading the rest of a row). Without
/// letters the alternatives differ in their digit runs; with letters, in whether a digit
/// leads and in how many digit runs there are.
#[derive(Debug, PartialEq)]
enum DateParts<'a> {
    /// "3/15/2026", "15.03.26"
    Num,
    /// "2026-03-15"
    Iso,
    /// "15 March 2026", "15th day of March, 26"
    Dmy { d: &'a str, m: &'a str, y: &'a str },
    /// "March 15, 2026"; "August 2 and 3, 1995" (`last`: the last day of such a list)
    Mdy {
        m: &'a str,
        d: &'a str,
        last: Option<&'a str>,
        y: &'a str,
    },
    /// "March 15"
    Md { m: &'a str, d: &'a str },
    /// "March 2026"
    My { m: &'a str, y: &'a str },
    /// "3/15"
    Nmd,
}

impl<'a> DateParts<'a> {
    /// The parts of `m`, a match of [`date_re`] in `s`.
    fn of(s: &'a str, m: regex::Match<'a>) -> Option<Self> {
        // Beyond ASCII, `\d`, `\s` and `(?i)[a-z]` take more than the byte split knows.
        if !m.as_str().is_ascii() {
            return Self::groups(&date_re().captures_at(s, m.start())?);
        }
        let t = m.as_str();
        let digits = || {
            t.split(|c: char| !c.is_ascii_digit())
                .filter(|r| !r.is_empty())
        };
        let letters = || {
            t.split(|c: char| !c.is_ascii_alphabetic())
                .filter(|r| !r.is_empty())
        };
        let (first, last) = (digits().next()?, digits().next_back()?);
        if t.starts_with(|c: char| c.is_ascii_digit()) {
            return Some(match letters().next_back() {
                Some(m) => DateParts::Dmy {
                    d: first,
                    m,
                    y: last,
                },
                None if t.bytes().filter(|b| !b.is_ascii_digit()).count() == 1 => DateParts::Nmd,
                None if first.len() == 4 => DateParts::Iso,
                None => DateParts::Num,
            });
        }
        let m = letters().next()?;
        let n = digits().count();
        Some(match n {
            1 if first.len() <= 2 => DateParts::Md { m, d: first },
            1 => DateParts::My { m, y: first },
            _ => DateParts::Mdy {
                m,
                d: first,
                last: (n > 2).then(|| digits().nth(n - 2)).flatten(),
                y: last,
            },
        })
    }

    /// The parts as the pattern's groups hold them.
    fn groups(c: &regex::Captures<'a>) -> Option<Self> {
        let g = |name: &str| c.name(name).map_or("", |m| m.as_str());
        let has = |name: &str| c.name(name).is_some();
        Some(if has("num") {
            DateParts::Num
        } else if has("iso") {
            DateParts::Iso
        } else if has("dmy") {
            DateParts::Dmy {
                d: g("d1"),
                m: g("m1"),
                y: g("y1"),
            }
        } else if has("mdy") {
            DateParts::Mdy {
                m: g("m2"),
                d: g("d2"),
                last: g("more")
                    .split(|ch: char| !ch.is_ascii_digit())
                    .rfind(|p| !p.is_empty()),
                y: g("y2"),
            }
        } else if has("md") {
            DateParts::Md {
                m: g("m3"),
                d: g("d3"),
            }
        } else if has("my") {
            DateParts::My {
                m: g("m4"),
                y: g("y4"),
            }
        } else if has("nmd") {
            DateParts::Nmd
        } else {
            return None;
        })
    }
}

fn scan_dates(s: &str, ctx: &Context) -> Vec<DateTok> {
    let mut out = Vec::new();
    if !has_digit(s) {
        return out;
    }
    for m0 in date_re().find_iter(s) {
        let Some(parts) = DateParts::of(s, m0) else {
            continue;
        };
        let num = |digits: &str| digits.parse::<i32>().ok();
        let when = match parts {
            DateParts::Num => {
                let text = m0.as_str();
                let mut seps = text.chars().filter(|c| !c.is_ascii_digit());
                // "3-13/16" is a fraction ("$3-13/16"), not a date: one separator throughout.
                let (Some(sep), Some(sep2), None) = (seps.next(), seps.next(), seps.next()) else {
                    continue;
                };
                if sep != sep2 || s[..m0.start()].ends_with('$') {
                    continue;
                }
                let mut parts = text.split(sep);
                let (Some(a), Some(b), Some(year)) = (parts.next(), parts.next(), parts.next())
                else {
                    continue;
                };
                let (Ok(a), Ok(b), Ok(y)) = (a.parse::<u32>(), b.parse::<u32>(), year.parse())
                else {
                    continue;
                };
                let y = full_year(y, year.len());
                // Month first, except dotted dates (day first, "08.01.2026"); the other reading
                // when the first is impossible or lies far past the filing's date.
                let (first, second) = if sep == '.' {
                    (
                        NaiveDate::from_ymd_opt(y, b, a),
                        NaiveDate::from_ymd_opt(y, a, b),
                    )
                } else {
                    (
                        NaiveDate::from_ymd_opt(y, a, b),
                        NaiveDate::from_ymd_opt(y, b, a),
                    )
                };
                let late = |d: &NaiveDate| ctx.event_date.is_some_and(|e| (*d - e).num_days() > 45);
                let pick = match (first, second) {
                    (Some(f), Some(g)) if late(&f) && !late(&g) => Some(g),
                    (Some(f), _) => Some(f),
                    (None, g) => g,
                };
                match pick {
                    Some(date) => When::Day(date),
                    None => continue,
                }
            }
            DateParts::Iso => {
                let mut parts = m0.as_str().split('-');
                let date = (|| {
                    NaiveDate::from_ymd_opt(
                        parts.next()?.parse().ok()?,
                        parts.next()?.parse().ok()?,
                        parts.next()?.parse().ok()?,
                    )
                })();
                match date {
                    Some(d) => When::Day(d),
                    None => continue,
                }
            }
            DateParts::Dmy { d, m, y: year } => {
                let (Some(mo), Some(d), Some(y)) = (month_number(m), num(d), num(year)) else {
                    continue;
                };
                match NaiveDate::from_ymd_opt(full_year(y, year.len()), mo, d as u32) {
                    Some(date) => When::Day(date),
                    None => continue,
                }
            }
            DateParts::Mdy { m, d, last, y } => {
                let (Some(mo), Some(d), Some(y)) = (month_number(m), num(d), num(y)) else {
                    continue;
                };
                // "August 2 and 3, 1995": the days named, as a period.
                let last_day = last.and_then(|p| p.parse::<u32>().ok());
                let first = NaiveDate::from_ymd_opt(y, mo, d as u32);
                match (
                    first,
                    last_day.and_then(|e| NaiveDate::from_ymd_opt(y, mo, e)),
                ) {
                    (Some(a), Some(b)) if b > a => When::Period(a, b),
                    (Some(a), _) => When::Day(a),
                    _ => continue,
                }
            }
            DateParts::Md { m, d } => {
                let (Some(mo), Some(d)) = (month_number(m), num(d)) else {
                    continue;
                };
                match resolve_year(mo, d as u32, ctx.event_date) {
                    Some(date) => When::Day(date),
                    None => continue,
                }
            }
            DateParts::My { m, y } => {
                let (Some(mo), Some(y)) = (month_number(m), num(y)) else {
                    continue;
                };
                let (Some(s), Some(e)) = (NaiveDate::from_ymd_opt(y, mo, 1), month_end(y, mo))
                else {
                    continue;
                };
                When::Period(s, e)
            }
            DateParts::Nmd => {
                let mut it = m0.as_str().split('/');
                let (Some(Ok(mo)), Some(Ok(d))) = (
                    it.next().map(str::parse::<u32>),
                    it.next().map(str::parse::<u32>),
                ) else {
                    continue;
                };
                match resolve_year(mo, d, ctx.event_date) {
                    Some(date) => {
                        out.push(DateTok {
                            range: m0.range(),
                            when: When::Day(date),
                            bare: true,
                        });
                        continue;
                    }
                    None => continue,
                }
            }
        };
        out.push(DateTok {
            range: m0.range(),
            when,
            bare: false,
        });
    }
    // Merge "date - date" / "date through date" into a period.
    let mut merged: Vec<DateTok> = Vec::new();
    for t in out {
        if let Some(prev) = merged.last_mut() {
            let gap = s
                .get(prev.range.end..t.range.start)
                .unwrap_or("x")
                .trim()
                .to_ascii_lowercase();
            if matches!(
                gap.as_str(),
                "-" | "–" | "—" | "to" | "through" | "thru" | "and" | "until"
            ) {
                let a = match prev.when {
                    When::Day(d) | When::Period(d, _) => d,
                };
                let b = match t.when {
                    When::Day(d) | When::Period(_, d) => d,
                };
                if a <= b {
                    prev.when = When::Period(a, b);
                    prev.range = prev.range.start..t.range.end;
                    continue;
                }
            }
        }
        merged.push(t);
    }
    merged
}

static_re!(
    num_re,
    r"(?P<open>\()?[ \t]?(?P<minus>[-–])?[ \t]?(?P<cur>US\s?\$|U\.S\.\s?\$|C\$|CDN\$|A\$|HK\$|NZ\$|S\$|R\$|\$|€|£|¥|(?:EUR|GBP|CHF|CAD|USD|JPY|RUB|SEK|NOK|DKK|ILS|AUD|HKD)\s?)?[ \t]?(?P<n>\d{1,3}(?:[,'’]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)(?P<frac>[\s-]\d{1,2}/(?:2|4|8|16|32|64)(?-u:\b))?(?P<pct>\s?%)?(?P<close>\))?"
);

/// Whether the char at `i` is one beyond ASCII that `\d` may take: the byte scans below know
/// ASCII digits only, and leave such text to the regex.
fn wide_digit(s: &str, i: usize) -> bool {
    s.as_bytes().get(i).is_some_and(|&b| b >= 0x80)
        && s.get(i..)
            .and_then(|t| t.chars().next())
            .is_some_and(char::is_numeric)
}

/// The end of the run of ASCII digits at `i`; `None` if a wide digit continues it.
#[inline]
fn digit_run(s: &str, i: usize) -> Option<usize> {
    let b = s.as_bytes();
    let end = i + b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
    (!wide_digit(s, end)).then_some(end)
}

/// Whether an ASCII byte is `\s` (which is `char::is_whitespace`).
fn ascii_space(c: u8) -> bool {
    matches!(c, b'\t'..=b'\r' | b' ')
}

/// The length of the whitespace char (`\s`) at `i`, 0 if none.
fn space_at(s: &str, i: usize) -> usize {
    match s.as_bytes().get(i) {
        None => 0,
        Some(&c) if c.is_ascii() => usize::from(ascii_space(c)),
        Some(_) => s
            .get(i..)
            .and_then(|t| t.chars().next())
            .filter(|c| c.is_whitespace())
            .map_or(0, char::len_utf8),
    }
}

/// As [`space_at`], for the char ending `b` (whole UTF-8 text).
fn space_ending(b: &[u8]) -> usize {
    match b.last() {
        None => 0,
        Some(&c) if c.is_ascii() => usize::from(ascii_space(c)),
        Some(_) => {
            // The char's lead byte is the last byte that is not a continuation byte.
            let lead = (b.len().saturating_sub(4)..b.len()).rfind(|&i| b[i] & 0xC0 != 0x80);
            lead.and_then(|i| std::str::from_utf8(&b[i..]).ok())
                .and_then(|t| t.chars().next())
                .filter(|c| c.is_whitespace())
                .map_or(0, char::len_utf8)
        }
    }
}

/// Whether `b` ends with a currency code [`num_re`] knows.
fn ends_with_code(b: &[u8]) -> bool {
    b.len() >= 3
        && matches!(
            &b[b.len() - 3..],
            b"EUR"
                | b"GBP"
                | b"CHF"
                | b"CAD"
                | b"USD"
                | b"JPY"
                | b"RUB"
                | b"SEK"
                | b"NOK"
                | b"DKK"
                | b"ILS"
                | b"AUD"
                | b"HKD"
        )
}

/// The lengths (bit `l` for length `l`) of the matches of [`num_re`]'s currency group that
/// end `b`.
fn currency_lens(b: &[u8]) -> u32 {
    let mut lens = 0;
    match b.last() {
        None => return 0,
        Some(b'$') => {
            let h = &b[..b.len() - 1];
            lens |= 1 << 1;
            for c in ["C", "CDN", "A", "HK", "NZ", "S", "R", "US", "U.S."] {
                if h.ends_with(c.as_bytes()) {
                    lens |= 1 << (c.len() + 1);
                }
            }
            let ws = space_ending(h);
            for c in ["US", "U.S."] {
                if ws > 0 && h[..h.len() - ws].ends_with(c.as_bytes()) {
                    lens |= 1 << (c.len() + ws + 1);
                }
            }
            return lens;
        }
        Some(c) if !c.is_ascii() => {
            for sym in ["€", "£", "¥"] {
                if b.ends_with(sym.as_bytes()) {
                    lens |= 1 << sym.len();
                }
            }
        }
        Some(_) => {}
    }
    // Every code has three letters, and may be followed by a blank.
    if ends_with_code(b) {
        lens |= 1 << 3;
    }
    let ws = space_ending(b);
    if ws > 0 && ends_with_code(&b[..b.len() - ws]) {
        lens |= 1 << (3 + ws);
    }
    lens
}

/// Adds to `ends` (bit `k`: `b[r - k..r]` is a parse so far) the parses one more optional
/// part makes, its lengths told by `part` for the text before each parse.
fn prefix_part(b: &[u8], r: usize, ends: u32, part: impl Fn(&[u8]) -> u32) -> u32 {
    let (mut more, mut left) = (0, ends);
    while left != 0 {
        let k = left.trailing_zeros();
        left &= left - 1;
        more |= part(&b[..r - k as usize]) << k;
    }
    ends | more
}

/// The earliest start, not before `at`, of a match of [`num_re`]'s prefix (open parenthesis,
/// blank, minus, blank, currency, blank: each optional) ending at `r`, read backwards
/// keeping every length a parse so far may have.
fn prefix_start(s: &str, at: usize, r: usize) -> usize {
    let b = &s.as_bytes()[at..];
    let r = r - at;
    // Each part ends with one of these bytes (a code with one of its last letters).
    let may_end = |c: u8| {
        !c.is_ascii()
            || matches!(
                c,
                b'\t'
                    ..=b'\r'
                        | b' '
                        | b'('
                        | b'-'
                        | b'$'
                        | b'B'
                        | b'D'
                        | b'F'
                        | b'K'
                        | b'P'
                        | b'R'
                        | b'S'
                        | b'Y'
            )
    };
    if r == 0 || !may_end(b[r - 1]) {
        return at + r;
    }
    let blank = |t: &[u8]| u32::from(matches!(t.last(), Some(b' ' | b'\t'))) << 1;
    let mut ends = prefix_part(b, r, 1, blank);
    ends = prefix_part(b, r, ends, currency_lens);
    ends = prefix_part(b, r, ends, blank);
    ends = prefix_part(b, r, ends, |t| {
        (u32::from(t.ends_with(b"-")) << 1) | (u32::from(t.ends_with("–".as_bytes())) << 3)
    });
    ends = prefix_part(b, r, ends, blank);
    ends = prefix_part(b, r, ends, |t| u32::from(t.ends_with(b"(")) << 1);
    at + r - (u32::BITS - 1 - ends.leading_zeros()) as usize
}

/// The end of what [`num_re`] takes after the number starting at `r` (its groups, decimals,
/// fraction, percent sign and closing parenthesis), as its leftmost-first order picks: each
/// part after the first digits is optional, so the first way each part can match is the one.
/// `None` if a wide digit is met.
fn number_end(s: &str, r: usize) -> Option<usize> {
    let b = s.as_bytes();
    let at = |i: usize| b.get(i).copied();
    let digit = |i: usize| at(i).is_some_and(|c| c.is_ascii_digit());
    let mut end = if at(r) == Some(b'.') {
        digit_run(s, r + 1)?
    } else {
        let run = digit_run(s, r)?;
        // "55'798", "1,000,000": one to three digits, then groups of exactly three.
        let mut end = run;
        if run - r <= 3 {
            loop {
                let sep = match at(end) {
                    Some(b',' | b'\'') => 1,
                    _ if s[end..].starts_with('’') => '’'.len_utf8(),
                    _ => break,
                };
                let g = end + sep;
                let lead = (g..g + 3).take_while(|&i| digit(i)).count();
                if lead < 3 {
                    if wide_digit(s, g + lead) {
                        return None;
                    }
                    break;
                }
                end = g + 3;
            }
        }
        if at(end) == Some(b'.') {
            if wide_digit(s, end + 1) {
                return None;
            }
            if digit(end + 1) {
                end = digit_run(s, end + 1)?;
            }
        }
        end
    };
    // " 1/2", "-3/16": one or two digits, a denominator and a word boundary.
    let sep = if at(end) == Some(b'-') {
        1
    } else {
        space_at(s, end)
    };
    if sep > 0 {
        let num = end + sep;
        let slash = digit_run(s, num)?;
        if (1..=2).contains(&(slash - num)) && at(slash) == Some(b'/') {
            let den = [&b"2"[..], b"4", b"8", b"16", b"32", b"64"]
                .into_iter()
                .find(|d| b[slash + 1..].starts_with(d))
                .map(|d| slash + 1 + d.len());
            if let Some(e) =
                den.filter(|&e| !at(e).is_some_and(|c| c.is_ascii_alphanumeric() || c == b'_'))
            {
                end = e;
            }
        }
    }
    let ws = space_at(s, end);
    if at(end + ws) == Some(b'%') {
        end += ws + 1;
    }
    if at(end) == Some(b')') {
        end += 1;
    }
    Some(end)
}

/// The next match of [`num_re`] at or after `at`, found by bytes (the regex search cost more
/// than the rest of reading a table row); `None` if a char beyond ASCII that `\d` may take
/// is met. A match needs a digit, and one starts at the first digit (`\d+`), so the match
/// starts there or at its prefix (which holds no digit), and its number at that digit, or
/// at a dot right before it (no currency ends with a dot).
fn number_at(s: &str, at: usize) -> Option<Option<Range<usize>>> {
    let b = s.as_bytes();
    let mut d = at;
    loop {
        let Some(i) = b[d..]
            .iter()
            .position(|c| c.is_ascii_digit() || !c.is_ascii())
        else {
            return Some(None);
        };
        d += i;
        if b[d].is_ascii_digit() {
            break;
        }
        if wide_digit(s, d) {
            return None;
        }
        d += 1;
    }
    let r = if d > at && b[d - 1] == b'.' { d - 1 } else { d };
    let end = number_end(s, r)?;
    Some(Some(prefix_start(s, at, r)..end))
}

/// The matches of [`num_re`] in `s`: by bytes, or by the regex from the first wide digit on.
fn numbers(s: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut at = 0;
    let mut by_regex = false;
    std::iter::from_fn(move || {
        if !by_regex {
            match number_at(s, at) {
                Some(found) => {
                    let m = found?;
                    at = m.end;
                    return Some(m);
                }
                None => by_regex = true,
            }
        }
        let m = num_re().find_at(s, at)?;
        at = m.end();
        Some(m.range())
    })
}

/// The parts of a number [`num_re`] found, told apart by bytes rather than by a capture
/// search (which cost more than the rest of reading a table row): the prefix (an open
/// parenthesis, a minus, a currency) holds no digit, and the number is followed only by a
/// fraction (the match's one '/'), a percent sign or a closing parenthesis.
#[derive(Debug, PartialEq)]
struct NumParts<'a> {
    open: bool,
    /// Where the minus sign starts, in the match.
    minus: Option<usize>,
    cur: Option<&'a str>,
    n: &'a str,
    frac: Option<&'a str>,
    pct: bool,
    close: bool,
}

impl<'a> NumParts<'a> {
    /// The parts of `m`, a match of [`num_re`] in `s`.
    fn of(s: &'a str, m: Range<usize>) -> Self {
        let t = &s[m.clone()];
        // `\d` takes digits beyond ASCII too, which the byte split does not know.
        if t.chars().any(|c| !c.is_ascii() && c.is_numeric()) {
            if let Some(c) = num_re().captures_at(s, m.start) {
                return Self::groups(&c);
            }
        }
        Self::split(t)
    }

    /// The parts as the pattern's groups hold them.
    fn groups(c: &regex::Captures<'a>) -> Self {
        let at = c.get(0).map_or(0, |m| m.start());
        NumParts {
            open: c.name("open").is_some(),
            minus: c.name("minus").map(|m| m.start() - at),
            cur: c.name("cur").map(|m| m.as_str().trim_end()),
            n: c.name("n").map_or("", |m| m.as_str()),
            frac: c.name("frac").map(|m| m.as_str()),
            pct: c.name("pct").is_some(),
            close: c.name("close").is_some(),
        }
    }

    fn split(t: &'a str) -> Self {
        let b = t.as_bytes();
        let digit = b.iter().position(u8::is_ascii_digit).unwrap_or(b.len());
        // ".5": the dot is the number's (no currency ends with one).
        let n_start = if digit > 0 && b[digit - 1] == b'.' {
            digit - 1
        } else {
            digit
        };
        let prefix = &t[..n_start];
        let close = t.ends_with(')');
        let pct = t.contains('%');
        let mut rest = t[n_start..].trim_end_matches(')');
        if pct {
            rest = rest.trim_end_matches('%').trim_end();
        }
        // The fraction: a blank or dash, one or two digits, '/' and a denominator.
        let (n, frac) = match rest.find('/') {
            Some(slash) => {
                let digits = rest[..slash]
                    .bytes()
                    .rev()
                    .take_while(u8::is_ascii_digit)
                    .count();
                let sep = rest[..slash - digits]
                    .chars()
                    .next_back()
                    .map_or(0, char::len_utf8);
                let at = slash - digits - sep;
                (&rest[..at], Some(&rest[at..]))
            }
            None => (rest, None),
        };
        let cur = prefix
            .trim_start_matches(['(', '-', '–', ' ', '\t'])
            .trim_end();
        NumParts {
            open: t.starts_with('('),
            minus: prefix.find(['-', '–']),
            cur: (!cur.is_empty()).then_some(cur),
            n,
            frac,
            pct,
            close,
        }
    }
}

#[derive(Debug, Clone)]
struct NumTok {
    range: Range<usize>,
    value: f64,
    currency: Option<&'static str>,
    paren: bool,
    negative: bool,
    decimal: bool,
    grouped: bool,
    footnote: bool,
    /// Joined to the previous number by a dash ("3.28-3.87").
    range_with_prev: bool,
}

fn currency_code(sym: &str) -> Option<&'static str> {
    let s = sym.trim().to_ascii_uppercase().replace(' ', "");
    Some(match s.as_str() {
        "$" | "US$" | "U.S.$" | "USD" => "USD",
        "C$" | "CDN$" | "CAD" => "CAD",
        "A$" | "AUD" => "AUD",
        "HK$" | "HKD" => "HKD",
        "NZ$" => "NZD",
        "S$" => "SGD",
        "R$" => "BRL",
        "€" | "EUR" => "EUR",
        "£" | "GBP" => "GBP",
        "¥" | "JPY" => "JPY",
        "CHF" => "CHF",
        "RUB" => "RUB",
        "SEK" => "SEK",
        "NOK" => "NOK",
        "DKK" => "DKK",
        "ILS" => "ILS",
        _ => return None,
    })
}

static_re!(
    currency_word_re,
    r"(?i)^\s*(?:roubles?|rubles?|euros?|pounds?(?:\s+sterling)?|pence|yen|swiss\s+francs?|francs?|canadian\s+dollars?|australian\s+dollars?|nis|shekels?|rmb|yuan|renminbi|won|rupees?|kronor|kroner|krona)(?-u:\b)"
);

fn currency_of_word(w: &str) -> Option<&'static str> {
    let w = w.to_ascii_lowercase();
    Some(if w.starts_with("roub") || w.starts_with("rub") {
        "RUB"
    } else if w.starts_with("euro") {
        "EUR"
    } else if w.starts_with("pound") || w == "pence" {
        "GBP"
    } else if w == "yen" {
        "JPY"
    } else if w.contains("franc") {
        "CHF"
    } else if w.starts_with("canadian") {
        "CAD"
    } else if w.starts_with("australian") {
        "AUD"
    } else if w == "nis" || w.starts_with("shekel") {
        "ILS"
    } else if w == "rmb" || w == "yuan" || w == "renminbi" {
        "CNY"
    } else if w == "won" {
        "KRW"
    } else if w.starts_with("rupee") {
        "INR"
    } else if w.starts_with("kron") {
        "SEK"
    } else {
        return None;
    })
}

/// The currency a word leading `text` names ("150,000 euros").
fn currency_word_at(text: &str) -> Option<&'static str> {
    // Only text opening with a word can match; the word is the match less its blanks, so no
    // capture groups are needed.
    let t = text.trim_start();
    if !t.starts_with(char::is_alphabetic) {
        return None;
    }
    // Each word starts with one of these pairs of letters (in any case; a char beyond ASCII
    // may fold to one, 'ſ' to an 's', so such text takes the regex).
    if let [a, b, ..] = *t.as_bytes() {
        let pair = [a, b].map(|c| c.to_ascii_lowercase());
        if pair.is_ascii()
            && !matches!(
                &pair,
                b"ro"
                    | b"ru"
                    | b"eu"
                    | b"po"
                    | b"pe"
                    | b"ye"
                    | b"sw"
                    | b"fr"
                    | b"ca"
                    | b"au"
                    | b"ni"
                    | b"sh"
                    | b"rm"
                    | b"yu"
                    | b"re"
                    | b"wo"
                    | b"kr"
            )
        {
            return None;
        }
    }
    let m = currency_word_re().find(text)?;
    currency_of_word(m.as_str().trim_start())
}

fn scan_numbers(s: &str) -> Vec<NumTok> {
    let mut out: Vec<NumTok> = Vec::new();
    if !has_digit(s) {
        return out;
    }
    for m0 in numbers(s) {
        let p = NumParts::of(s, m0.clone());
        if p.pct {
            continue;
        }
        let (cur, frac, digits) = (p.cur, p.frac, p.n);
        // A number glued to letters (a name like "Fund II 3B", "Trust 1") is not a value; one
        // in a cell of its own (after a tab) is.
        let before = s[..m0.start].chars().next_back();
        if before.is_some_and(|ch| ch.is_alphabetic())
            && cur.is_none()
            && !s[m0.clone()].starts_with('\t')
        {
            continue;
        }
        let after = s[m0.end..].chars().next();
        if after.is_some_and(|ch| ch.is_alphabetic()) && !s[m0.end..].starts_with("st ") {
            // "3rd", "10x", "2B": not a quantity... unless followed by a space first.
            continue;
        }
        let grouped = digits.contains([',', '\'', '’']);
        // Only a grouped number ("1,000") needs a copy without its separators.
        let plain = if grouped {
            Cow::Owned(digits.replace([',', '\'', '’'], ""))
        } else {
            Cow::Borrowed(digits)
        };
        let mut value: f64 = match plain.parse() {
            Ok(v) => v,
            Err(_) => continue,
        };
        if let Some(fr) = frac {
            let mut it = fr.trim().split('/');
            if let (Some(Ok(a)), Some(Ok(b))) = (
                it.next().map(str::parse::<f64>),
                it.next().map(str::parse::<f64>),
            ) {
                if b > 0.0 && a < b {
                    value += a / b;
                }
            }
        }
        // A dash right after a number is a range, not a sign.
        let mut negative = false;
        let mut range_with_prev = false;
        if let Some(mi) = p.minus.map(|at| m0.start + at) {
            let prev_char = s[..mi].chars().next_back();
            let joined = prev_char.is_some_and(|ch| ch.is_ascii_digit());
            let after_prev = out.last().is_some_and(|prev| {
                s.get(prev.range.end..mi)
                    .is_some_and(|g| g.trim().is_empty())
            });
            if joined || after_prev {
                range_with_prev = true;
            } else {
                negative = true;
            }
        }
        let decimal = digits.contains('.') || frac.is_some();
        let paren = p.open && p.close;
        let footnote = paren && !decimal && !grouped && digits.len() <= 2 && cur.is_none();
        let currency = cur
            .and_then(currency_code)
            .or_else(|| currency_word_at(&s[m0.end..]));
        out.push(NumTok {
            range: m0,
            value,
            currency,
            paren,
            negative,
            decimal,
            grouped,
            footnote,
            range_with_prev,
        });
    }
    out
}

static_re!(
    buy_word_re,
    r"(?i)(?-u:\b)(?:purchases?|purchased|bought|buys?|acquisitions?|acquired)(?-u:\b)"
);
static_re!(
    sell_word_re,
    r"(?i)(?-u:\b)(?:sales?|sold|sells?|disposed|dispositions?)(?-u:\b)"
);
static_re!(
    paren_buy_re,
    r"(?i)\(\s*(?:purchases?|purchased|bought|buys?|acquisitions?|acquired)\s*\)"
);
static_re!(
    paren_sell_re,
    r"(?i)\(\s*(?:sales?|sold|sells?|dispositions?|disposed)\s*\)|\(\s*-\s*\)|parenthe|negative|minus|(?-u:\b)sales?\s+(?:are\s+)?(?:shown|indicated|denoted|reflected)"
);

/// The direction words of a text (a table's caption and column headings).
pub fn side_hint(text: &str) -> SideHint {
    let buy = buy_word_re().is_match(text);
    let sell = sell_word_re().is_match(text);
    if paren_buy_re().is_match(text) && !paren_sell_re().is_match(text) {
        return SideHint {
            paren: Some(Side::Buy),
            plain: sell.then_some(Side::Sell),
        };
    }
    if paren_sell_re().is_match(text) {
        // Sales marked (parentheses, minus): the unmarked rows are purchases.
        return SideHint {
            paren: Some(Side::Sell),
            plain: Some(Side::Buy),
        };
    }
    match (buy, sell) {
        (true, false) => SideHint {
            plain: Some(Side::Buy),
            paren: Some(Side::Sell),
        },
        (false, true) => SideHint {
            plain: Some(Side::Sell),
            paren: Some(Side::Sell),
        },
        (true, true) => SideHint {
            plain: None,
            paren: Some(Side::Sell),
        },
        (false, false) => SideHint::default(),
    }
}

static_re!(
    none_re,
    r"(?i)(?-u:\b)(?:no\s+(?:other\s+)?transactions?|not\s+(?:effected|engaged|entered|made|executed|had)(?-u:\b)[^.]{0,40}(?-u:\b)transactions?|none(?-u:\b)|not\s+applicable|n/a|has\s+not\s+(?:purchased|sold|acquired)|no\s+(?:purchases|sales|acquisitions|dispositions))"
);
static_re!(
    except_re,
    r"(?i)(?-u:\b)(?:except|other\s+than|besides|apart\s+from|save\s+for)(?-u:\b)"
);

/// The section only says there were no transactions.
pub fn says_none_only(text: &str) -> bool {
    none_re().is_match(text) && !except_re().is_match(text)
}

/// The words a cell flags a row's direction with: a fixed list, matched whole, case aside.
const BUY_FLAGS: [&str; 9] = [
    "p",
    "b",
    "buy",
    "bought",
    "purchase",
    "purchased",
    "acquired",
    "acquisition",
    "open market purchase",
];
const SELL_FLAGS: [&str; 8] = [
    "s",
    "sell",
    "sold",
    "sale",
    "disposed",
    "disposition",
    "disposal",
    "open market sale",
];

fn flag_side(word: &str) -> Option<Side> {
    // Most cells are empty or numbers: a digit leading the cell leads its word too.
    if word.as_bytes().first().is_none_or(u8::is_ascii_digit) {
        return None;
    }
    let w = word.trim().trim_matches(|c: char| !c.is_alphanumeric());
    // Every flag starts with a letter: numbers, the most common cells, need no look-up.
    if !w.starts_with(char::is_alphabetic) {
        return None;
    }
    // Lower-cased on the stack (no flag is longer), then one look-up in each list.
    let mut buf = [0u8; 20];
    let lower = buf.get_mut(..w.len())?;
    lower.copy_from_slice(w.as_bytes());
    lower.make_ascii_lowercase();
    let among = |flags: &[&str]| flags.iter().any(|f| f.as_bytes() == &*lower);
    if among(&BUY_FLAGS) {
        Some(Side::Buy)
    } else if among(&SELL_FLAGS) {
        Some(Side::Sell)
    } else {
        None
    }
}

/// The cells and words of a row: `s.split(['\t', ' '])`, split by bytes (a piece between
/// ASCII bytes is whole chars).
fn cells(s: &str) -> impl Iterator<Item = &str> {
    s.as_bytes()
        .split(|&b| b == b'\t' || b == b' ')
        .map(|cell| std::str::from_utf8(cell).unwrap_or(""))
}

static_re!(
    security_re,
    r"(?i)(?-u:\b)(call\s+options?|put\s+options?|options?|warrants?|convertible\s+(?:senior\s+)?notes?|(?:senior\s+)?notes?|debentures?|preferred\s+(?:stock|shares)|rights|american\s+depositary\s+shares|adss?|units?|swaps?|forward\s+contracts?)(?-u:\b)"
);

fn security_of(text: &str) -> Option<String> {
    if !may_name_security(text) {
        return None;
    }
    let m = security_re().find(text)?;
    let w = m.as_str();
    let norm = w.split_whitespace().collect::<Vec<_>>().join(" ");
    Some(norm)
}

/// Reading state while walking the lines of a block.
struct State<'c> {
    ctx: &'c Context,
    /// The reporting persons' names, normalised once, when a heading is first compared with
    /// them.
    persons: Option<Vec<String>>,
    person: Option<String>,
    heading_side: Option<Side>,
    buffer: String,
    last_was_row: bool,
    block_hint: SideHint,
    table_hint: SideHint,
    dollar_seen: bool,
}

static_re!(
    enumerator_re,
    r"^\s*(?:\(?[A-Za-z0-9]{1,3}[.)]\s+|[•\-*]\s*)"
);
static_re!(
    entity_re,
    r"(?i)(?-u:\b)(?:l\.?\s?p\.?|l\.?\s?l\.?\s?c\.?|ltd\.?|limited|inc\.?|incorporated|corp\.?|corporation|fund|funds|partners|trust|master|holdings?|capital|management|company|co\.|gmbh|s\.a\.|n\.v\.|b\.v\.|plc|ag|llp|advisors|advisers|associates)(?:\W|$)"
);
static_re!(
    side_heading_re,
    r"(?i)^\(?\s*(?:(?:open[\s-]market\s+)?(purchases?|buys?|acquisitions?|sales?|sells?|dispositions?)(?:\s+(?:of|in)\s+(?:the\s+)?(?:common\s+stock|shares|ordinary\s+shares|securities))?)\s*\)?\s*:?$"
);

fn norm_name(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

impl State<'_> {
    /// A line naming whose rows follow (a fund heading), or a "Purchases"/"Sales" heading.
    fn heading(&mut self, text: &str) -> bool {
        let t = enumerator_re().replace(text, "");
        let t = t.trim().trim_end_matches(':').trim();
        if t.is_empty() || t.len() > 110 {
            return false;
        }
        if let Some(c) = side_heading_re().captures(t) {
            let w = c.get(1).map_or("", |m| m.as_str()).to_ascii_lowercase();
            self.heading_side = Some(
                if w.starts_with('p') || w.starts_with('b') || w.starts_with("acq") {
                    Side::Buy
                } else {
                    Side::Sell
                },
            );
            return true;
        }
        if t.chars().filter(char::is_ascii_digit).count() > 2 || t.split_whitespace().count() > 14 {
            return false;
        }
        if t.ends_with('.') && !entity_re().is_match(t.rsplit(' ').next().unwrap_or("")) {
            return false;
        }
        let n = norm_name(t);
        let ctx = self.ctx;
        let persons = self
            .persons
            .get_or_insert_with(|| ctx.persons.iter().map(|p| norm_name(p)).collect());
        let person = persons
            .iter()
            .any(|pn| pn.len() >= 4 && (n.starts_with(pn) || (n.len() >= 6 && pn.starts_with(&n))));
        let looks_entity =
            entity_re().is_match(t) && t.chars().next().is_some_and(|c| c.is_uppercase());
        if person || looks_entity {
            let lower = t.to_ascii_lowercase();
            if lower.starts_with("date") || lower.contains("price") || lower.contains("number of") {
                return false;
            }
            // Headings like "Purchases by X Fund" carry a side too.
            if buy_word_re().is_match(t) && !sell_word_re().is_match(t) {
                self.heading_side = Some(Side::Buy);
            } else if sell_word_re().is_match(t) && !buy_word_re().is_match(t) {
                self.heading_side = Some(Side::Sell);
            } else {
                self.heading_side = None;
            }
            let name = t.trim_start_matches(|c: char| !c.is_alphanumeric());
            self.person = Some(name.split('\t').next().unwrap_or(name).trim().to_string());
            return true;
        }
        false
    }
}

/// A parsed table row.
#[derive(Debug, Clone, Default)]
struct Row {
    when: Option<When>,
    person: Option<String>,
    flag: Option<Side>,
    shares: Option<f64>,
    negative: bool,
    price: Option<f64>,
    low: Option<f64>,
    high: Option<f64>,
    currency: Option<&'static str>,
    security: Option<String>,
}

/// Does `f` hold for a run of ASCII word bytes (`[0-9A-Za-z_]`, what `(?-u:\b)` bounds) of
/// `s` led by a letter, given lower-cased? Runs longer than 12 bytes (no word looked up is)
/// are skipped. A match of a `(?i)` word list between `(?-u:\b)`s is a whole run: inside a
/// run there is no boundary. Letters beyond ASCII fold to an ASCII one only as 'ſ' (an 's')
/// and 'K' (Kelvin, a 'k'); text holding them needs the regex.
fn any_run(s: &str, mut f: impl FnMut(&[u8]) -> bool) -> bool {
    // Each byte lower-cased if it is a word byte, 0 if not: one look-up a byte.
    const LOWER: [u8; 256] = {
        let mut t = [0u8; 256];
        let mut c = 0;
        while c < 256 {
            let b = c as u8;
            if b.is_ascii_alphanumeric() || b == b'_' {
                t[c] = b.to_ascii_lowercase();
            }
            c += 1;
        }
        t
    };
    let mut buf = [0u8; 12];
    let mut len = 0;
    // A blank after the text ends its last run.
    for &c in s.as_bytes().iter().chain(b" ") {
        let l = LOWER[usize::from(c)];
        if l != 0 {
            if let Some(slot) = buf.get_mut(len) {
                *slot = l;
            }
            len += 1;
        } else if len > 0 {
            if let Some(run) = buf.get(..len) {
                if run[0].is_ascii_alphabetic() && f(run) {
                    return true;
                }
            }
            len = 0;
        }
    }
    false
}

/// Does `s` hold a char beyond ASCII that `(?i)` reads as an ASCII letter ('ſ', 'K')?
fn folds_to_ascii(s: &str) -> bool {
    !s.is_ascii() && s.contains(['ſ', '\u{212a}'])
}

/// Can [`verb_re`] match `s`? Each of its verbs starts with one of these words.
fn may_have_verb(s: &str) -> bool {
    folds_to_ascii(s)
        || any_run(s, |w| {
            matches!(
                w,
                b"agreed"
                    | b"purchased"
                    | b"bought"
                    | b"acquired"
                    | b"sold"
                    | b"disposed"
                    | b"received"
                    | b"repurchased"
                    | b"sale"
                    | b"purchase"
                    | b"sells"
                    | b"buys"
                    | b"purchases"
                    | b"acquires"
                    | b"transferred"
                    | b"distributed"
                    | b"contributed"
                    | b"gifted"
                    | b"exercised"
                    | b"converted"
                    | b"issued"
                    | b"granted"
                    | b"delivered"
                    | b"tendered"
                    | b"exchanged"
                    | b"divested"
            )
        })
}

/// Can [`security_re`] match `s`? Each of its names starts with one of these words.
fn may_name_security(s: &str) -> bool {
    folds_to_ascii(s)
        || any_run(s, |w| {
            matches!(
                w,
                b"call"
                    | b"put"
                    | b"option"
                    | b"options"
                    | b"warrant"
                    | b"warrants"
                    | b"convertible"
                    | b"senior"
                    | b"note"
                    | b"notes"
                    | b"debenture"
                    | b"debentures"
                    | b"preferred"
                    | b"rights"
                    | b"american"
                    | b"ads"
                    | b"adss"
                    | b"unit"
                    | b"units"
                    | b"swap"
                    | b"swaps"
                    | b"forward"
            )
        })
}

/// Does `s` hold three or more words of [`stopword_re`] (a line of running prose)?
fn has_three_stopwords(s: &str) -> bool {
    if folds_to_ascii(s) {
        return stopword_re().find_iter(s).nth(2).is_some();
    }
    let mut n = 0;
    any_run(s, |w| {
        n += usize::from(matches!(
            w,
            b"the"
                | b"of"
                | b"on"
                | b"is"
                | b"was"
                | b"were"
                | b"by"
                | b"to"
                | b"in"
                | b"for"
                | b"an"
                | b"its"
                | b"his"
                | b"her"
                | b"their"
                | b"which"
                | b"that"
                | b"with"
                | b"as"
        ));
        n == 3
    })
}

static_re!(
    stopword_re,
    r"(?i)(?-u:\b)(?:the|of|on|is|was|were|by|to|in|for|an|its|his|her|their|which|that|with|as)(?-u:\b)"
);
/// The words of `s`, month names aside (they belong to dates): a word is an ASCII letter and
/// one or more letters or apostrophes (`'`, `’`). A byte scan: rows are counted word by word,
/// and a regex search per word cost more than the rest of reading the row.
fn words(s: &str) -> impl Iterator<Item = &str> {
    const CURLY: &[u8] = "’".as_bytes();
    let b = s.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < b.len() {
            if !b[i].is_ascii_alphabetic() {
                i += 1;
                continue;
            }
            let start = i;
            i += 1;
            loop {
                if b.get(i)
                    .is_some_and(|c| c.is_ascii_alphabetic() || *c == b'\'')
                {
                    i += 1;
                } else if b[i..].starts_with(CURLY) {
                    i += CURLY.len();
                } else {
                    break;
                }
            }
            if i - start >= 2 {
                return Some(&s[start..i]);
            }
        }
        None
    })
    // A month name (or a prefix of one) has three to nine letters and starts with a month's
    // first three; the look-up lower-cases a copy of the word, so only such words need it.
    .filter(|w| {
        let b = w.as_bytes();
        !(3..=9).contains(&b.len())
            || !matches!(
                [b[0], b[1], b[2]].map(|c| c.to_ascii_lowercase()),
                [b'j', b'a', b'n']
                    | [b'f', b'e', b'b']
                    | [b'm', b'a', b'r']
                    | [b'a', b'p', b'r']
                    | [b'm', b'a', b'y']
                    | [b'j', b'u', b'n']
                    | [b'j', b'u', b'l']
                    | [b'a', b'u', b'g']
                    | [b's', b'e', b'p']
                    | [b'o', b'c', b't']
                    | [b'n', b'o', b'v']
                    | [b'd', b'e', b'c']
            )
            || month_number(w).is_none()
    })
}

/// `s` has more than `n` words (read no further than the word after the n-th).
fn more_words_than(s: &str, n: usize) -> bool {
    words(s).nth(n).is_some()
}

/// Does this line look like a table/list row (short, with a date and a number)?
fn parse_row(text: &str, dates: &[DateTok]) -> Option<Result<Row, ()>> {
    let first = dates.first()?;
    let word_count = words(text).take(13).count();
    if word_count > 12
        || has_three_stopwords(text)
        || (word_count > 3
            && may_have_verb(text)
            && verb_re().is_match(text)
            && qty_re().is_match(text))
    {
        // A line of running prose ("Stock on August 10 and 15, 1995, Mrs. B is the owner of").
        return None;
    }
    // Bare "3/15" only as the first thing on the line (after an optional name).
    let before = &text[..first.range.start];
    if first.bare && before.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    // The row with its dates blanked (the dates are in order, apart, on char boundaries).
    let mut blank = String::with_capacity(text.len());
    let mut at = 0;
    for d in dates {
        if let (Some(keep), Some(r)) = (text.get(at..d.range.start), text.get(d.range.clone())) {
            blank.push_str(keep);
            blank.extend(std::iter::repeat_n(' ', r.len()));
            at = d.range.end;
        }
    }
    blank.push_str(text.get(at..).unwrap_or(""));
    let mut values = scan_numbers(&blank);
    values.retain(|n| !n.footnote);
    if values.is_empty() {
        return None;
    }
    let mut row = Row {
        when: Some(first.when),
        ..Default::default()
    };
    // Person written in the row before the date.
    let lead = before.trim().trim_end_matches(['\t', ',', ':']).trim();
    if more_words_than(lead, 1) && !lead.to_ascii_lowercase().starts_with("during") {
        row.person = Some(lead.split('\t').next().unwrap_or(lead).trim().to_string());
    }
    // Direction flags anywhere in the row's cells.
    for cell in cells(&blank) {
        if let Some(s) = flag_side(cell) {
            row.flag = Some(s);
        }
    }
    if row.flag.is_none() {
        for cell in text.split('\t') {
            if let Some(s) = flag_side(cell) {
                row.flag = Some(s);
            }
        }
    }
    row.security = security_of(&blank);
    // Shares: the first whole number without a currency; price: the first number after it
    // with a currency or decimals. A price-first layout ($ then a count) is read too.
    let share_idx = values
        .iter()
        .position(|n| n.currency.is_none() && (!n.decimal || n.grouped) && !n.range_with_prev);
    let Some(si) = share_idx else {
        return Some(Err(()));
    };
    let sh = &values[si];
    row.shares = Some(sh.value);
    row.negative = sh.paren || sh.negative;
    let rest = &values[si + 1..];
    let price_tok = rest
        .iter()
        .position(|n| n.currency.is_some() || n.decimal)
        .or_else(|| (!rest.is_empty() && rest.len() <= 2).then_some(0))
        .map(|p| (p, &rest[p]))
        .or_else(|| {
            values[..si]
                .iter()
                .rposition(|n| n.currency.is_some() || n.decimal)
                .map(|p| (usize::MAX, &values[p]))
        });
    if let Some((p, mut pt)) = price_tok {
        // "July 29  $11.64  6,000  $69,860.00": the price before the count, the amount after.
        if p != usize::MAX {
            if let Some(q) = values[..si].iter().rev().find(|n| {
                (n.currency.is_some() || n.decimal)
                    && (n.value * sh.value - pt.value).abs() <= 0.01 * pt.value.abs().max(1.0)
            }) {
                pt = q;
            }
        }
        row.price = Some(pt.value);
        row.currency = pt.currency;
        if p != usize::MAX {
            if let Some(next) = rest.get(p + 1) {
                if next.range_with_prev {
                    row.low = Some(pt.value.min(next.value));
                    row.high = Some(pt.value.max(next.value));
                    row.price = None;
                    // A weighted average printed after the range.
                    if let Some(avg) = rest.get(p + 2) {
                        if avg.decimal || avg.currency.is_some() {
                            row.price = Some(avg.value);
                        }
                    }
                }
            }
        }
    }
    Some(Ok(row))
}

static_re!(
    verb_re,
    r"(?i)(?-u:\b)(agreed\s+to\s+sell|purchased|bought|acquired|sold|disposed\s+of|received|repurchased|sale\s+of|purchase\s+of|sells|buys|purchases|acquires|transferred|distributed|contributed|gifted|exercised|converted|issued|granted|delivered|tendered|exchanged|divested)(?-u:\b)"
);
static_re!(
    qty_re,
    r"(?P<list>(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?:(?:,\s*|,?\s+and\s+)(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?))*)\s+(?:(?:[A-Z][\w\-’'&]*|of|the|its|our|newly|issued|outstanding|additional|restricted|such|common|ordinary)\s+){0,4}?(?P<unit>(?i:shares|share|ads|adss|american\s+depositary\s+shares|units|common\s+units|ordinary\s+shares|warrants|options|notes|stock\s+options))(?-u:\b)"
);
static_re!(
    price_re,
    r"(?i)(?:(?P<range>ranging\s+from|between|from)\s+(?P<lo>(?:US|C|CDN|A|HK|NZ|S)?\$?\s?[\d,]*\.?\d+(?:[ -]\d{1,2}/(?:2|4|8|16|32|64)(?-u:\b))?)\s+(?:to|and|-)\s+(?P<hi>(?:US|C|CDN|A|HK|NZ|S)?\$?\s?[\d,]*\.?\d+(?:[ -]\d{1,2}/(?:2|4|8|16|32|64)(?-u:\b))?)|(?P<ex>exercise|conversion|strike)\s+price\s+of\s+(?:US|C|CDN|A|HK|NZ|S)?\$?\s?[\d,]*\.?\d+(?:[ -]\d{1,2}/(?:2|4|8|16|32|64)(?-u:\b))?|(?:price|cost)\s+(?:per\s+\w+\s+)?of\s+(?:approximately\s+|about\s+)?(?P<p1>(?:US\s?|C|CDN|A|HK|NZ|S)?\$?\s?[\d,]*\.?\d+(?:[ -]\d{1,2}/(?:2|4|8|16|32|64)(?-u:\b))?)|(?-u:\b)at\s+(?:approximately\s+|about\s+)?(?P<p2>(?:US\s?|C|CDN|A|HK|NZ|S)?\$\s?[\d,]*\.?\d+(?:[ -]\d{1,2}/(?:2|4|8|16|32|64)(?-u:\b))?)|(?P<p3>(?:US\s?|C|CDN|A|HK|NZ|S)?\$?\s?[\d,]*\.?\d+(?:[ -]\d{1,2}/(?:2|4|8|16|32|64)(?-u:\b))?)\s*(?P<cw>roubles?|rubles?|euros?|pounds?|yen|dollars?)?\s+per\s+(?:\w+\s+){0,2}?(?:share|ads|unit|security|note|warrant))"
);

fn price_value(s: &str) -> Option<(f64, Option<&'static str>)> {
    let t = s.trim();
    let cur = match t.find('$') {
        Some(p) => currency_code(&t[..=p]).or(Some("USD")),
        None => None,
    };
    // "3-13/16", "5 7/8": a whole number and a fraction.
    let (whole, frac) = match t.rfind([' ', '-']) {
        Some(p) if t[p + 1..].contains('/') => (&t[..p], Some(&t[p + 1..])),
        _ => (t, None),
    };
    let digits: String = whole
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    let mut v: f64 = digits.parse().ok()?;
    if let Some(f) = frac {
        let mut it = f.split('/');
        if let (Some(Ok(a)), Some(Ok(b))) = (
            it.next().map(str::parse::<f64>),
            it.next().map(str::parse::<f64>),
        ) {
            if b > 0.0 && a < b {
                v += a / b;
            }
        }
    }
    Some((v, cur))
}

static_re!(
    clause_stop_re,
    r"(?i)(?-u:\b)(?:resulting\s+in|bringing|after\s+which|following\s+which|beneficially\s+own(?:s|ed|ing)?|beneficial\s+owner|owner\s+of|owning|holding|held)(?-u:\b)"
);
static_re!(
    avg_re,
    r"(?i)average\s+(?:sale\s+|purchase\s+)?price\s+of\s+(?:US|C|CDN|A|HK|NZ|S)?\$\s?([\d,]*\.?\d+)"
);
static_re!(
    number_in_list_re,
    r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
);

fn side_of_verb(verb: &str) -> Side {
    let v = verb.split_whitespace().collect::<Vec<_>>().join(" ");
    match v.as_str() {
        "purchased" | "bought" | "purchase of" | "buys" | "purchases" | "acquired" | "acquires"
        | "agreed to purchase" => Side::Buy,
        "sold" | "disposed of" | "sale of" | "sells" | "agreed to sell" => Side::Sell,
        _ => Side::Other,
    }
}

/// Does `text` (what follows "from") name one of the reporting persons?
fn names_person(text: &str, ctx: &Context) -> bool {
    let n = norm_name(&text.chars().take(60).collect::<String>());
    ctx.persons.iter().any(|p| {
        let pn = norm_name(p);
        let k = pn.len().min(8);
        k >= 5 && pn.get(..k).is_some_and(|pre| n.starts_with(pre))
    })
}

static_re!(
    not_a_trade_re,
    r"(?:proceeds\s+(?:from|of)\s+(?:the\s+|any\s+|such\s+)?|right\s+to\s+)$"
);
// "the units issued at closing": a participle after a noun without a number, not a verb.
static_re!(
    participle_re,
    r"(?:^|[^\d\s]\s*)(?-u:\b)(?:the|such|these|those|of|all)\s+(?:common\s+)?(?:shares|units|stock|securities|ads|adss|notes|warrants)\s+$"
);
static_re!(dated_re, r"\bdated\s+(?:as\s+of\s+)?$");
static_re!(
    passive_aux_re,
    r"(?i)(?-u:\b)(?:was|were|been|being|is|are)\s+(?:(?:then|subsequently|also|each|collectively|together|thereby|directly|previously|initially)\s+)?$"
);
const RELATIVE: &str = r"(?i)(?:,\s*)?(?-u:\b)(?:which|that|whom)\s+(?:(?:it|he|she|they|we|the\s+\w+(?:\s+\w+)?|[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,3})\s+)?(?:(?:had|has|have|was|were|then|subsequently|also|previously|initially)\s+)*$";
static_re!(relative_re, RELATIVE);
// The same on ASCII text, where Unicode `\w`, `\s` and case folding take what ASCII ones do:
// the Unicode classes make the lazy DFA's states costly to build (~100 µs a search).
static_re!(relative_ascii_re, &format!("(?-u){RELATIVE}"));
static_re!(
    enumerator_in_text_re,
    r"(?:[,;]\s*(?:and\s+)?|\s+and\s+)\((?:i{1,3}|iv|vi{0,3}|ix|x|[a-h]|\d{1,2})\)\s"
);
static_re!(
    by_issuer_re,
    r"(?i)^(?:\s+of\s+(?:the\s+)?(?:[A-Z][\w.’'&-]*\s+){0,4}?(?:common\s+)?(?:stock|shares))?\s+by\s+the\s+(?:company|issuer|registrant)(?-u:\b)"
);
static_re!(
    year_period_re,
    r"(?i)(?-u:\b)(?:(?P<m1>(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{0,6})(?:\s+(?:and|through|to|-)\s+(?P<m2>(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{0,6}))?,?\s+of\s+|(?:in|during)\s+(?:(?:early|late|mid|fiscal(?:\s+year)?)[\s-]+)?)(?P<y>(?:19|20)\d{2})(?-u:\b)"
);

/// The quantity a passive or relative verb refers back to, as an offset into `prefix` (the
/// text between the previous verb and this one); and whether the verb is relative ("which it
/// acquired").
fn back_reference(prefix: &str) -> (Option<usize>, bool) {
    let relative = if prefix.is_ascii() {
        relative_ascii_re()
    } else {
        relative_re()
    };
    let (cut, rel) = if let Some(m) = relative.find(prefix) {
        (m.start(), true)
    } else if let Some(m) = passive_aux_re().find(prefix) {
        (m.start(), false)
    } else {
        return (None, false);
    };
    let Some(head) = prefix.get(..cut) else {
        return (None, rel);
    };
    // Only where the last quantity lies matters: a find, not a capture search, per quantity.
    let Some(m0) = qty_re().find_iter(head).last() else {
        return (None, rel);
    };
    let gap = &head[m0.end()..];
    let ok = if rel {
        gap.len() <= 100 && !gap.contains(';')
    } else {
        gap.len() <= 60 && !gap.contains([',', ';', '(', ')'])
    };
    (ok.then_some(m0.start()), rel)
}

/// Years and months named without a day ("in 2021", "January and February of 2021"), as
/// periods.
fn year_periods(s: &str) -> Vec<(Range<usize>, When)> {
    let mut out = Vec::new();
    for c in year_period_re().captures_iter(s) {
        let (Some(m0), Some(y)) = (c.get(0), c.name("y").and_then(|y| y.as_str().parse().ok()))
        else {
            continue;
        };
        let m1 = c.name("m1").and_then(|m| month_number(m.as_str()));
        let m2 = c.name("m2").and_then(|m| month_number(m.as_str())).or(m1);
        let (a, b) = match (m1, m2) {
            (Some(a), Some(b)) if a <= b => (NaiveDate::from_ymd_opt(y, a, 1), month_end(y, b)),
            _ => (
                NaiveDate::from_ymd_opt(y, 1, 1),
                NaiveDate::from_ymd_opt(y, 12, 31),
            ),
        };
        if let (Some(a), Some(b)) = (a, b) {
            out.push((m0.range(), When::Period(a, b)));
        }
    }
    out
}

/// Every quantity [`qty_re`] reads ends with a unit, and every unit word holds one of these
/// (in any case; `(?i)` also takes the long s, 'ſ', for an 's'): a sentence (lower-cased)
/// without any states no trade.
fn names_a_unit(lowered: &str) -> bool {
    ["share", "ads", "unit", "warrant", "option", "note"]
        .iter()
        .any(|w| lowered.contains(w))
        || lowered.contains('ſ')
}

/// Trades told in one sentence (whose dates are `dates`): every verb starts a clause with its
/// quantities and price.
fn prose_trades(
    sentence: &str,
    dates: &[DateTok],
    ctx: &Context,
    default_when: Option<When>,
) -> Vec<Trade> {
    let mut out = Vec::new();
    // Lower-cased once: ASCII case changes keep every offset, so its slices match the
    // sentence's.
    let lowered = sentence.to_ascii_lowercase();
    if !names_a_unit(&lowered) {
        return out;
    }
    let verbs: Vec<(Range<usize>, String)> = verb_re()
        .find_iter(sentence)
        .filter(|m| {
            let before = &lowered[..m.start()];
            // "newly issued", "as-converted basis", "the proceeds from the sale of": words,
            // not a transaction.
            !before.ends_with("newly ")
                && !before.ends_with('-')
                && !participle_re().is_match(before)
                && !not_a_trade_re().is_match(before)
        })
        .map(|m| (m.range(), m.as_str().to_ascii_lowercase()))
        .collect();
    if verbs.is_empty() {
        return out;
    }
    // Where each clause starts: at its verb, or, for a passive or relative verb ("1,875,000
    // of the shares were purchased by", "32,334,554 shares ..., which it acquired"), at the
    // quantity the verb refers back to.
    let mut starts: Vec<usize> = Vec::with_capacity(verbs.len());
    let mut relative: Vec<bool> = Vec::with_capacity(verbs.len());
    for (k, (r, _)) in verbs.iter().enumerate() {
        let lo = if k == 0 { 0 } else { verbs[k - 1].0.end };
        let prefix = sentence.get(lo..r.start).unwrap_or("");
        let (back, rel) = back_reference(prefix);
        starts.push(back.map_or(r.start, |b| lo + b));
        relative.push(rel && back.is_some());
    }
    // Where a clause ends: the next clause's start, or words that state a holding rather than
    // a trade.
    let mut stops: Vec<usize> = starts.clone();
    stops.extend(clause_stop_re().find_iter(sentence).map(|m| m.start()));
    stops.sort_unstable();
    let dates: Vec<&DateTok> = dates
        .iter()
        .filter(|d| {
            // "the Agreement, dated as of October 26, 2001": not when the trade was made.
            !dated_re().is_match(&lowered[..d.range.start])
        })
        .collect();
    let years = year_periods(sentence);
    // The date leading the sentence ("On March 3, 2003, ...") serves every clause; a clause
    // may carry its own.
    let first_verb = starts.first().copied().unwrap_or(0);
    let lead_when = dates
        .iter()
        .find(|d| !d.bare && d.range.end <= first_verb)
        .map(|d| d.when);
    for (k, (r, verb)) in verbs.iter().enumerate() {
        let cstart = starts[k];
        let mut end = stops
            .iter()
            .copied()
            .find(|&p| p > r.start)
            .unwrap_or(sentence.len());
        if relative[k] {
            // A relative clause ends with its list item: "..., (ii) 4,423,401 shares".
            if let Some(m) = enumerator_in_text_re().find(sentence.get(r.end..end).unwrap_or("")) {
                end = r.end + m.start();
            }
        }
        let clause_when = dates
            .iter()
            .find(|d| !d.bare && d.range.start >= cstart && d.range.end <= end)
            .map(|d| d.when)
            .or_else(|| {
                years
                    .iter()
                    .find(|y| y.0.start >= cstart && y.0.end <= end)
                    .map(|y| y.1)
            });
        let sentence_when = clause_when
            .or(lead_when)
            .or(default_when)
            .or_else(|| years.iter().find(|y| y.0.end <= first_verb).map(|y| y.1));
        let Some(clause) = sentence.get(cstart..end) else {
            continue;
        };
        let clause_dates: Vec<Range<usize>> = dates
            .iter()
            .filter(|d| d.range.end > cstart && d.range.start < end)
            .map(|d| d.range.start.saturating_sub(cstart)..d.range.end - cstart)
            .collect();
        let lower = &lowered[cstart..end];
        let subject = lowered.get(..r.start).unwrap_or("");
        let mut base_side = side_of_verb(verb);
        if lower.contains("in exchange for")
            || lower.contains("as consideration")
            || lower.contains("merger consideration")
            || lower.contains("dividend")
        {
            base_side = Side::Other;
        }
        // "X purchased/repurchased ... from <reporting person>": the person sold.
        if let Some(p) = lower.find(" from ") {
            let target = clause.get(p + 6..).unwrap_or("");
            let issuer_buys = verb.starts_with("repurchased")
                || subject.trim_end().ends_with("the issuer")
                || subject.trim_end().ends_with("the company");
            if (matches!(base_side, Side::Buy) || verb.starts_with("repurchased"))
                && (names_person(target, ctx)
                    || (issuer_buys && !target.trim_start().starts_with("the issuer")))
                && !lower.contains("in exchange for")
            {
                base_side = Side::Sell;
            }
        }
        let mut price: Option<f64> = None;
        let mut low_high: Option<(f64, f64)> = None;
        let mut currency: Option<String> = None;
        let mut exercise = false;
        let mut clause_trades: Vec<Trade> = Vec::new();
        for q in qty_re().captures_iter(clause) {
            let (Some(list), Some(m0)) = (q.name("list"), q.get(0)) else {
                continue;
            };
            if clause[..list.start()].trim_end().ends_with(['$', '€', '£']) {
                continue;
            }
            let unit = q
                .name("unit")
                .map_or("", |m| m.as_str())
                .to_ascii_lowercase();
            let before_q = clause.get(..m0.start()).unwrap_or("");
            let mut security: Option<String> = None;
            if unit.contains("option") || unit.contains("warrant") || unit.contains("note") {
                security = Some(unit.clone());
            } else if let Some(sec) = security_of({
                // The last 60 chars before the quantity.
                let from = before_q.char_indices().rev().nth(59).map_or(0, |(i, _)| i);
                &before_q[from..]
            }) {
                let sl = sec.to_ascii_lowercase();
                if sl.contains("option") || sl.contains("warrant") || sl.contains("note") {
                    security = Some(sec);
                }
            }
            // "sale of 900,000 shares by the Company and 975,000 shares by X": the issuer's
            // own shares are not a reporting person's trade.
            if by_issuer_re().is_match(clause.get(m0.end()..).unwrap_or("")) {
                continue;
            }
            for n in number_in_list_re().find_iter(list.as_str()) {
                let at = list.start() + n.start();
                if clause_dates.iter().any(|d| d.start <= at && at < d.end) {
                    continue;
                }
                let Ok(shares) = n.as_str().replace(',', "").parse::<f64>() else {
                    continue;
                };
                if shares < 1.0 || (n.as_str().contains('.') && shares < 100.0) {
                    continue;
                }
                let mut t = Trade {
                    side: base_side,
                    shares: Some(shares),
                    security: security.clone(),
                    raw: sentence.trim().to_string(),
                    ..Default::default()
                };
                if security.is_some() {
                    t.side = Side::Other;
                }
                clause_trades.push(t);
            }
        }
        if clause_trades.is_empty() {
            continue;
        }
        if let Some(pc) = price_re().captures(clause) {
            if pc.name("ex").is_some() {
                exercise = true;
            } else if pc.name("range").is_some() {
                if let (Some((lo, c1)), Some((hi, _))) = (
                    pc.name("lo").and_then(|m| price_value(m.as_str())),
                    pc.name("hi").and_then(|m| price_value(m.as_str())),
                ) {
                    if pc
                        .name("range")
                        .is_some_and(|m| m.as_str().to_ascii_lowercase().starts_with("rang"))
                        || c1.is_some()
                    {
                        low_high = Some((lo.min(hi), lo.max(hi)));
                        currency = c1.map(String::from);
                    }
                }
                price = avg_re()
                    .captures(clause)
                    .and_then(|c| c.get(1)?.as_str().replace(',', "").parse().ok());
            } else if let Some(m) = pc.name("p1").or(pc.name("p2")).or(pc.name("p3")) {
                if let Some((v, cur)) = price_value(m.as_str()) {
                    price = Some(v);
                    currency = cur
                        .or_else(|| pc.name("cw").and_then(|w| currency_of_word(w.as_str())))
                        .map(String::from);
                    if currency.is_none() {
                        let tail = clause.get(m.end()..).unwrap_or("");
                        currency = currency_word_at(tail).map(String::from);
                    }
                }
            }
        }
        for mut t in clause_trades {
            if t.security.is_none() && !exercise {
                t.price = price;
                t.price_low = low_high.map(|x| x.0);
                t.price_high = low_high.map(|x| x.1);
                t.currency = currency.clone();
            }
            match sentence_when {
                Some(When::Day(d)) => t.trade_date = Some(d),
                Some(When::Period(a, b)) => {
                    t.period_start = Some(a);
                    t.period_end = Some(b);
                }
                None => {}
            }
            out.push(t);
        }
    }
    out
}

static_re!(sentence_end_re, r"(?:[.;]\s+)(?:and\s+)?");

/// Split a paragraph into sentences at ". X" / "; " (abbreviations kept together).
fn sentences(p: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for m in sentence_end_re().find_iter(p) {
        let before = &p[start..m.start()];
        let last_word = before.rsplit([' ', '\t']).next().unwrap_or("");
        let dot = p[m.start()..].starts_with('.');
        if dot {
            let lw = last_word.trim_matches(|c: char| !c.is_alphanumeric() && c != '.');
            let abbrev = lw.len() <= 3
                || matches!(
                    lw.to_ascii_lowercase().as_str(),
                    "inc"
                        | "corp"
                        | "ltd"
                        | "no"
                        | "mr"
                        | "mrs"
                        | "ms"
                        | "dr"
                        | "jr"
                        | "sr"
                        | "co"
                        | "l.p"
                        | "l.l.c"
                        | "u.s"
                        | "st"
                )
                || lw.contains('.');
            let next_upper = p[m.end()..]
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
            if abbrev || !next_upper {
                continue;
            }
        }
        out.push((start, m.start() + 1));
        start = m.end();
    }
    if start < p.len() {
        out.push((start, p.len()));
    }
    out
}

/// Read the trades in `lines`. `hint` is what the pointing text (Item 5(c)) says of the
/// direction of the rows.
pub fn read_lines(
    lines: &[Line],
    ctx: &Context,
    hint: Option<SideHint>,
) -> (Vec<Found>, Vec<Unparsed>) {
    // Rows and sentences need a digit to yield anything; lines without one only set the
    // state (headings, captions) of the lines after them.
    if !lines.iter().any(|l| has_digit(&l.text)) {
        return (Vec::new(), Vec::new());
    }
    let rows = assemble_rows(lines, ctx);
    let lines = &rows[..];
    let mut found = Vec::new();
    let mut unparsed = Vec::new();
    let mut st = State {
        ctx,
        persons: None,
        person: None,
        heading_side: None,
        buffer: String::new(),
        last_was_row: false,
        block_hint: hint.unwrap_or_default(),
        table_hint: SideHint::default(),
        dollar_seen: false,
    };
    let mut para: Vec<&Line> = Vec::new();
    let mut block_hint_set = hint.is_some_and(|h| !h.is_empty());
    let mut i = 0;
    while i < lines.len() {
        let l: &Line = &lines[i].line;
        let parsed = parse_row(&l.text, &lines[i].dates);
        match parsed {
            Some(Ok(mut row)) => {
                // A row broken over two lines: its price (and flag) on the next line.
                let mut end = l.end;
                if row.price.is_none() || row.flag.is_none() {
                    if let Some(Scanned { line: next, dates }) = lines.get(i + 1) {
                        if dates.is_empty() && !more_words_than(&next.text, 1) {
                            let nums = scan_numbers(&next.text);
                            let flag = cells(&next.text).find_map(flag_side);
                            if (row.price.is_none() && !nums.is_empty())
                                || (flag.is_some() && nums.len() <= 2)
                            {
                                if row.price.is_none() {
                                    if let Some(n) =
                                        nums.iter().find(|n| n.decimal || n.currency.is_some())
                                    {
                                        row.price = Some(n.value);
                                        row.currency = n.currency;
                                    }
                                }
                                row.flag = row.flag.or(flag);
                                end = next.end;
                                i += 1;
                            }
                        }
                    }
                }
                flush_prose(&mut para, ctx, &mut found);
                if !st.last_was_row {
                    if !block_hint_set {
                        st.block_hint = side_hint(&st.buffer);
                        block_hint_set = true;
                    }
                    st.dollar_seen = st.buffer.contains('$');
                }
                if !st.last_was_row {
                    st.table_hint = side_hint(&st.buffer);
                }
                let h = st.table_hint.or(st.block_hint);
                let side = row.flag.unwrap_or(if row.negative {
                    h.paren.unwrap_or(Side::Sell)
                } else {
                    st.heading_side.or(h.plain).unwrap_or(Side::Other)
                });
                let raw = lines_text(lines, l.start, end, i);
                let mut t = Trade {
                    reporting_person: row.person.clone().or_else(|| st.person.clone()),
                    side,
                    shares: row.shares.map(f64::abs),
                    price: row.price,
                    price_low: row.low,
                    price_high: row.high,
                    currency: row.currency.map(String::from).or_else(|| {
                        (row.price.is_some() && (st.dollar_seen || l.text.contains('$')))
                            .then(|| "USD".into())
                    }),
                    security: row.security.clone(),
                    raw,
                    ..Default::default()
                };
                match row.when {
                    Some(When::Day(d)) => t.trade_date = Some(d),
                    Some(When::Period(a, b)) => {
                        t.period_start = Some(a);
                        t.period_end = Some(b);
                    }
                    None => {}
                }
                found.push(Found {
                    trade: t,
                    span: Some((l.start, end)),
                    prose: false,
                });
                st.last_was_row = true;
            }
            Some(Err(())) => {
                flush_prose(&mut para, ctx, &mut found);
                unparsed.push(Unparsed {
                    text: l.text.replace('\t', " "),
                    span: Some((l.start, l.end)),
                });
            }
            None => {
                if st.last_was_row {
                    st.buffer.clear();
                    st.last_was_row = false;
                }
                let is_heading = st.heading(&l.text);
                if !is_heading {
                    st.buffer.push_str(&l.text);
                    st.buffer.push('\n');
                    if l.para {
                        flush_prose(&mut para, ctx, &mut found);
                    }
                    para.push(l);
                } else {
                    flush_prose(&mut para, ctx, &mut found);
                }
            }
        }
        i += 1;
    }
    flush_prose(&mut para, ctx, &mut found);
    drop_undated_summaries(&mut found);
    (found, unparsed)
}

/// `t` (without a price) totals two or more of `found`'s trades of its side.
pub fn is_sum_of(t: &Trade, found: &[Found]) -> bool {
    // A total is told without a price.
    let Some(q) = t
        .shares
        .filter(|_| t.price.is_none() && t.price_low.is_none())
    else {
        return false;
    };
    let same: Vec<f64> = found
        .iter()
        .filter(|f| f.trade.side == t.side)
        .filter_map(|f| f.trade.shares)
        .take(200)
        .collect();
    if same.len() < 2 {
        return false;
    }
    let eq = |a: f64| (a - q).abs() < 0.5;
    // Any pair, or any run of consecutive trades.
    (0..same.len()).any(|i| {
        let mut run = same[i];
        same[i + 1..].iter().any(|b| {
            run += b;
            eq(same[i] + b) || eq(run)
        })
    })
}

/// A sentence without any date next to dated trades is a summary of them ("over the 60
/// days the Reporting Person bought 15,222 shares"), not a trade of its own.
fn drop_undated_summaries(found: &mut Vec<Found>) {
    let dated = |f: &Found| f.trade.trade_date.is_some() || f.trade.period_start.is_some();
    if found.iter().any(dated) {
        found.retain(|f| !f.prose || dated(f));
    }
    // "As a result of the sale of 148,077 shares": a sentence totalling trades told before.
    let mut k = 0;
    while k < found.len() {
        if found[k].prose && k >= 2 && is_sum_of(&found[k].trade, &found[..k]) {
            found.remove(k);
        } else {
            k += 1;
        }
    }
}

/// A line to read and the dates on it (scanned once: the rows are told by their dates).
struct Scanned<'a> {
    line: Cow<'a, Line>,
    dates: Vec<DateTok>,
}

/// A table whose cells each sit on a line of their own (a date line, then a line per value)
/// becomes one line per row again.
fn assemble_rows<'a>(lines: &'a [Line], ctx: &Context) -> Vec<Scanned<'a>> {
    let mut dates: Vec<Vec<DateTok>> = lines.iter().map(|l| scan_dates(&l.text, ctx)).collect();
    // The cheap word checks first: most lines with a date are whole rows or prose.
    let date_only = |l: &Line, dates: &[DateTok]| -> bool {
        let (Some(first), Some(last)) = (dates.first(), dates.last()) else {
            return false;
        };
        let rest = l.text.get(last.range.end..).unwrap_or("");
        let head = l.text.get(..first.range.start).unwrap_or("");
        !more_words_than(rest, 0)
            && !more_words_than(head, 1)
            && scan_numbers(rest).is_empty()
            && scan_numbers(head).is_empty()
    };
    let value_only = |l: &Line, dates: &[DateTok]| -> bool {
        if !dates.is_empty() || more_words_than(&l.text, 1) {
            return false;
        }
        let nums = scan_numbers(&l.text);
        (!nums.is_empty() && nums.len() <= 2) || cells(&l.text).any(|w| flag_side(w).is_some())
    };
    let mut out: Vec<Scanned> = Vec::with_capacity(lines.len());
    let mut i = 0;
    while i < lines.len() {
        let l = &lines[i];
        if date_only(l, &dates[i]) {
            let mut j = i + 1;
            while j < lines.len() && j - i <= 8 && value_only(&lines[j], &dates[j]) {
                j += 1;
            }
            if j > i + 1 {
                let text = lines[i..j]
                    .iter()
                    .map(|x| x.text.as_str())
                    .collect::<Vec<_>>()
                    .join("\t");
                out.push(Scanned {
                    dates: scan_dates(&text, ctx),
                    line: Cow::Owned(Line {
                        text,
                        start: l.start,
                        end: lines[j - 1].end,
                        para: l.para,
                    }),
                });
                i = j;
                continue;
            }
        }
        out.push(Scanned {
            line: Cow::Borrowed(l),
            dates: std::mem::take(&mut dates[i]),
        });
        i += 1;
    }
    out
}

/// The text of a row: the lines back from `upto` to `start` that end by `end`, each with its
/// blanks collapsed, joined by a space.
fn lines_text(lines: &[Scanned], start: usize, end: usize, upto: usize) -> String {
    let upto = upto.min(lines.len().saturating_sub(1));
    let from = lines[..=upto]
        .iter()
        .rposition(|s| s.line.start < start)
        .map_or(0, |p| p + 1);
    let row = || lines[from..=upto].iter().filter(|s| s.line.end <= end);
    let mut out = String::with_capacity(row().map(|s| s.line.text.len() + 1).sum());
    for (k, s) in row().enumerate() {
        if k > 0 {
            out.push(' ');
        }
        push_words(&mut out, &s.line.text);
    }
    out
}

/// Push the words of `text` (as `split_whitespace` splits it) joined by a space. ASCII text
/// is read a run of bytes at a time rather than a char at a time.
fn push_words(out: &mut String, text: &str) {
    let mut first = true;
    let mut push = |word: &str| {
        if !first {
            out.push(' ');
        }
        first = false;
        out.push_str(word);
    };
    if !text.is_ascii() {
        text.split_whitespace().for_each(push);
        return;
    }
    // The ASCII chars `char::is_whitespace` takes ('\x0b' too, unlike `is_ascii_whitespace`).
    let blank = |c: &u8| matches!(c, b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r' | b' ');
    let b = text.as_bytes();
    let mut i = 0;
    while let Some(skip) = b.get(i..).and_then(|r| r.iter().position(|c| !blank(c))) {
        let start = i + skip;
        i = start + b[start..].iter().position(blank).unwrap_or(b.len() - start);
        push(text.get(start..i).unwrap_or(""));
    }
}

/// Prose trades of a paragraph; the paragraph is emptied.
fn flush_prose(para: &mut Vec<&Line>, ctx: &Context, found: &mut Vec<Found>) {
    if !para.iter().any(|l| has_digit(&l.text)) {
        para.clear();
        return;
    }
    let mut text = String::new();
    let mut offsets: Vec<(usize, usize, usize)> = Vec::new(); // (text pos, src start, src end)
    for l in para.iter() {
        if !text.is_empty() {
            text.push(' ');
        }
        offsets.push((text.len(), l.start, l.end));
        text.push_str(&l.text.replace('\t', " "));
    }
    para.clear();
    let src_at = |pos: usize| -> usize {
        let k = offsets
            .partition_point(|&(p, _, _)| p <= pos)
            .saturating_sub(1);
        offsets.get(k).map_or(0, |&(_, s, _)| s)
    };
    let src_end_at = |pos: usize| -> usize {
        let k = offsets
            .partition_point(|&(p, _, _)| p < pos)
            .saturating_sub(1);
        offsets.get(k).map_or(0, |&(_, _, e)| e)
    };
    let mut last_when: Option<When> = None;
    // The trades of the previous sentence when none of them had a price: a price told in the
    // next sentence ("X received $28 million, or $28.531 per share") is theirs.
    let mut priceless: Option<usize> = None;
    for (s, e) in sentences(&text) {
        let Some(sent) = text.get(s..e) else { continue };
        if !has_digit(sent) {
            // No trade, date or price here; it ends a run of priceless trades all the same.
            priceless = None;
            continue;
        }
        let dates = scan_dates(sent, ctx);
        let trades = prose_trades(sent, &dates, ctx, last_when);
        if let Some(d) = dates.iter().find(|d| !d.bare) {
            last_when = Some(d.when);
        }
        if let Some(from) = priceless.take() {
            if trades.is_empty() {
                if let Some((v, cur)) = sentence_price(sent) {
                    for f in found[from..].iter_mut() {
                        if f.trade.security.is_none() {
                            f.trade.price = Some(v);
                            f.trade.currency = cur.map(String::from);
                            f.trade.raw = format!("{} {}", f.trade.raw, sent.trim());
                            if let Some(sp) = f.span.as_mut() {
                                sp.1 = sp.1.max(src_end_at(e));
                            }
                        }
                    }
                }
            }
        }
        if !trades.is_empty()
            && trades
                .iter()
                .all(|t| t.price.is_none() && t.price_low.is_none() && t.security.is_none())
        {
            priceless = Some(found.len());
        }
        for t in trades {
            found.push(Found {
                trade: t,
                span: Some((src_at(s), src_end_at(e))),
                prose: true,
            });
        }
    }
}

/// The one per-share price a sentence states (not an exercise or conversion price).
fn sentence_price(sent: &str) -> Option<(f64, Option<&'static str>)> {
    let mut it = price_re().captures_iter(sent);
    let pc = it.next()?;
    if it.next().is_some() || pc.name("ex").is_some() || pc.name("range").is_some() {
        return None;
    }
    let m = pc.name("p1").or(pc.name("p2")).or(pc.name("p3"))?;
    let (v, cur) = price_value(m.as_str())?;
    (v > 0.0).then_some((v, cur))
}

/// Only the prose trades of `lines` (items 3/4 that Item 5(c) refers to).
pub fn read_prose_only(lines: &[Line], ctx: &Context) -> (Vec<Found>, Vec<Unparsed>) {
    let mut found = Vec::new();
    let mut para: Vec<&Line> = Vec::new();
    for l in lines {
        if l.para {
            flush_prose(&mut para, ctx, &mut found);
        }
        para.push(l);
    }
    flush_prose(&mut para, ctx, &mut found);
    (found, Vec::new())
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(5000))]
        /// The byte scan finds what its pattern `[A-Za-z][A-Za-z'’]+` finds.
        #[test]
        fn words_match_their_pattern(s in "[a-zA-Z'’ .,0-9é\t]{0,40}") {
            let re = Regex::new(r"[A-Za-z][A-Za-z'’]+").expect("regex");
            let want: Vec<&str> = re
                .find_iter(&s)
                .map(|m| m.as_str())
                .filter(|w| month_number(w).is_none())
                .collect();
            proptest::prop_assert_eq!(words(&s).collect::<Vec<_>>(), want);
        }

        /// The word-run checks agree with the regexes they stand in front of.
        #[test]
        fn word_runs_agree_with_their_regexes(
            s in "(the|Of|IS|was|their|sold|Sold|sale|agreed|bought|call|put|options|notes|ADSs|units|Exchange|New|ſ|\u{212a}|İ|k|s|[a-z]{1,3}|[0-9]{1,2}|_|[ \t\n.,'’é\u{a0}\u{b}-]){0,14}"
        ) {
            proptest::prop_assert_eq!(
                has_three_stopwords(&s),
                stopword_re().find_iter(&s).nth(2).is_some()
            );
            proptest::prop_assert!(may_have_verb(&s) || !verb_re().is_match(&s));
            proptest::prop_assert!(may_name_security(&s) || !security_re().is_match(&s));
        }

        /// The currency-word look-up is the regex's, its first letters checked before it.
        #[test]
        fn currency_word_at_is_its_regex(
            s in "[ \t\u{a0}]{0,2}(euros|EUR|Pounds|pence|yen|Swiss francs|nis|won|kronor|New|Stock|ſhekels|\u{212a}ronor|[a-zé]{1,4}|[0-9]){0,3}"
        ) {
            let want = if s.trim_start().starts_with(char::is_alphabetic) {
                currency_word_re()
                    .find(&s)
                    .and_then(|m| currency_of_word(m.as_str().trim_start()))
            } else {
                None
            };
            proptest::prop_assert_eq!(currency_word_at(&s), want);
        }

        /// Rows are cut and joined as the `str` splitters do.
        #[test]
        fn row_splits_match_str_splits(s in "[a-zé0-9 \t\n\r\u{b}\u{c}\u{a0}\u{2003}]{0,30}") {
            proptest::prop_assert_eq!(
                cells(&s).collect::<Vec<_>>(),
                s.split(['\t', ' ']).collect::<Vec<_>>()
            );
            let mut out = String::new();
            push_words(&mut out, &s);
            proptest::prop_assert_eq!(out, s.split_whitespace().collect::<Vec<_>>().join(" "));
        }

        /// A flag is one of the lists' words, ASCII case aside.
        #[test]
        fn flags_are_the_listed_words(
            s in "[ (\"*]{0,2}(p|B|buy|Bought|SOLD|sale|open market purchase|Open Market Sale|disposal|x|é|[0-9])[ .)\"]{0,2}"
        ) {
            let w = s.trim().trim_matches(|c: char| !c.is_alphanumeric());
            let among = |flags: &[&str]| flags.iter().any(|f| f.eq_ignore_ascii_case(w));
            let want = if s.starts_with(|c: char| c.is_ascii_digit()) || !w.starts_with(char::is_alphabetic) {
                None
            } else if among(&BUY_FLAGS) {
                Some(Side::Buy)
            } else if among(&SELL_FLAGS) {
                Some(Side::Sell)
            } else {
                None
            };
            proptest::prop_assert_eq!(flag_side(&s), want);
        }

        /// On ASCII text the ASCII relative-clause pattern finds what the Unicode one does.
        #[test]
        fn relative_clause_patterns_agree(
            s in "(which|that|it|Fund|[a-z]{1,4}|[0-9]{1,3}|[ ,.\t\n_]){0,4}(, ?)?(which|That|whom)[ \t]{1,2}((it|the [a-z]{1,3}( [a-z_]{1,3})?|[A-Za-z][a-z.]{0,3}( [A-Z][a-z.]{0,3}){0,4}) )?((had|was|then)[ \n]){0,2}([a-z]{1,3}|[ ,.]){0,2}"
        ) {
            proptest::prop_assert_eq!(
                relative_ascii_re().find(&s).map(|m| m.range()),
                relative_re().find(&s).map(|m| m.range())
            );
        }

        /// The parts of a date told by bytes are the groups of its pattern.
        #[test]
        fn date_parts_are_its_groups(
            s in "(March|sept\\.|Dec|May|jan|day|of|th|st|and|through|to|[0-9]{1,4}|[ ,/.&-]){0,10}"
        ) {
            for c in date_re().captures_iter(&s) {
                let Some(m0) = c.get(0) else { continue };
                proptest::prop_assert_eq!(DateParts::of(&s, m0), DateParts::groups(&c));
            }
        }

        /// The byte scan finds the numbers its pattern finds.
        #[test]
        fn numbers_match_their_pattern(
            s in proptest::prop_oneof![
                3 => "(EUR|USD|US|U\\.S\\.|CDN|HK|NZ|[CASR]|16|32|64|[0-9]{1,4}|[ .,'’/%()$€£¥\t\n\u{a0}\u{3000}–_xa-]){0,14}",
                1 => "(US|[0-9]{1,4}|[ .,'’/%()$€٣½\t\u{a0}–-]){0,14}",
            ]
        ) {
            let want: Vec<Range<usize>> = num_re().find_iter(&s).map(|m| m.range()).collect();
            proptest::prop_assert_eq!(numbers(&s).collect::<Vec<_>>(), want);
        }

        /// The parts of a number told by bytes are the groups of its pattern.
        #[test]
        fn number_parts_are_its_groups(
            s in "(EUR|US\\$|U\\.S\\. \\$|HK\\$|[0-9]{1,4}|[ .,'’/%()$€£٣\t\u{a0}–-]){0,12}"
        ) {
            for c in num_re().captures_iter(&s) {
                let Some(m0) = c.get(0) else { continue };
                proptest::prop_assert_eq!(NumParts::of(&s, m0.range()), NumParts::groups(&c));
            }
        }
    }
}
