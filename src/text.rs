//! Decoding bytes to text, and the value tokens every format shares: dates, numbers, codes.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::OnceLock;

use chrono::NaiveDate;
use regex::Regex;

/// Source text decoded to UTF-8, with a map back to byte offsets of the original input.
#[derive(Debug, Clone)]
pub struct Decoded<'a> {
    pub text: Cow<'a, str>,
    /// (offset in `text`, offset in the source) at each char whose width changed; empty when
    /// the source was UTF-8 (offsets are then identical).
    remap: Vec<(usize, usize)>,
    /// Bytes skipped at the start (a byte-order mark).
    shift: usize,
}

impl<'a> Decoded<'a> {
    /// Decode UTF-8 when valid, otherwise Windows-1252 (a superset of Latin-1 for printable
    /// text), which is what legacy EDGAR filings use. Never fails.
    pub fn new(src: &'a [u8]) -> Self {
        let (body, shift) = match src.strip_prefix(b"\xEF\xBB\xBF") {
            Some(rest) => (rest, 3),
            None => (src, 0),
        };
        if let Ok(s) = simdutf8::basic::from_utf8(body) {
            return Decoded {
                text: Cow::Borrowed(s),
                remap: Vec::new(),
                shift,
            };
        }
        let mut text = String::with_capacity(body.len() + body.len() / 8);
        let mut remap = Vec::new();
        for (i, &b) in body.iter().enumerate() {
            if b.is_ascii() {
                text.push(b as char);
            } else {
                let (ch, _, _) = encoding_rs::WINDOWS_1252.decode(std::slice::from_ref(&b));
                text.push_str(&ch);
                remap.push((text.len(), i + 1));
            }
        }
        Decoded {
            text: Cow::Owned(text),
            remap,
            shift,
        }
    }

    /// Whether every offset of the decoded text is the same offset in the source.
    pub fn is_identity(&self) -> bool {
        self.remap.is_empty() && self.shift == 0
    }

    /// The byte offset in the source of byte offset `off` of the decoded text.
    pub fn source_offset(&self, off: usize) -> usize {
        if self.remap.is_empty() {
            return off + self.shift;
        }
        // Last remap point at or before `off`: offsets after it move by the same delta.
        let idx = self.remap.partition_point(|&(t, _)| t <= off);
        let base = if idx == 0 {
            off
        } else {
            off - self.remap[idx - 1].0 + self.remap[idx - 1].1
        };
        base + self.shift
    }
}

fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("static regex")
}

macro_rules! static_re {
    ($name:ident, $pat:expr) => {
        fn $name() -> &'static Regex {
            static R: OnceLock<Regex> = OnceLock::new();
            R.get_or_init(|| re($pat))
        }
    };
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// Month number (1-12) of an English month name or abbreviation (`Sept.` too).
pub fn month_number(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    if w.len() < 3 {
        return None;
    }
    let pos = MONTHS.iter().position(|m| w.starts_with(m))?;
    // The whole word must be a prefix of the full month name ("marching" is not March).
    const FULL: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    (FULL[pos].starts_with(&w) || (pos == 8 && w == "sept")).then_some(pos as u32 + 1)
}

/// A two-digit year as EDGAR filings mean it (1993 onwards): 00-69 -> 20xx, 70-99 -> 19xx.
pub(crate) fn full_year(y: i32) -> i32 {
    match y {
        0..=69 => 2000 + y,
        70..=99 => 1900 + y,
        _ => y,
    }
}

/// The all-digit forms of [`parse_date`] (`3/3/2003`, `03-03-03`, `2003-03-03`, `20030303`)
/// without a regex: XML filings and most tables write dates this way. `None` when `s` is not
/// of these shapes (the regexes then decide); `Some(None)` for such a shape that is no date.
fn numeric_date(s: &[u8]) -> Option<Option<NaiveDate>> {
    // Runs of digits and the separators between them.
    let mut parts = [(0i32, 0usize); 3];
    let mut seps = [0u8; 2];
    let mut n = 0;
    let mut i = 0;
    while i < s.len() {
        let start = i;
        while i < s.len() && s[i].is_ascii_digit() {
            i += 1;
        }
        let len = i - start;
        if len == 0 || len > 8 || n == 3 {
            return None;
        }
        let value = s[start..i]
            .iter()
            .fold(0i32, |v, &d| v * 10 + i32::from(d - b'0'));
        parts[n] = (value, len);
        n += 1;
        if i < s.len() {
            if n == 3 || !matches!(s[i], b'/' | b'-' | b'.') {
                return None;
            }
            seps[n - 1] = s[i];
            i += 1;
            if i == s.len() {
                return None;
            }
        }
    }
    let date = |y: i32, m: i32, d: i32| NaiveDate::from_ymd_opt(y, m as u32, d as u32);
    match (n, parts) {
        (1, [(v, 8), ..]) => Some(date(v / 10000, v / 100 % 100, v % 100)),
        (3, [(y, 4), (m, 2), (d, 2)]) if seps == [b'-', b'-'] => Some(date(y, m, d)),
        (3, [(m, 1..=2), (d, 1..=2), (y, yl @ (2 | 4))]) => {
            Some(date(if yl == 2 { full_year(y) } else { y }, m, d))
        }
        _ => None,
    }
}

static_re!(
    date_numeric,
    r"^(\d{1,2})[/\-.](\d{1,2})[/\-.](\d{2}|\d{4})$"
);
static_re!(date_iso, r"^(\d{4})-(\d{2})-(\d{2})$");
static_re!(date_compact, r"^(\d{4})(\d{2})(\d{2})$");
static_re!(
    date_words,
    r"(?i)^(?:the\s+)?(?:(\d{1,2})(?:st|nd|rd|th)?\s+(?:day\s+of\s+)?)?([a-z]{3,9}\.?)\s*(\d{1,2})?(?:st|nd|rd|th)?\s*,?\s*(\d{4})$"
);

/// Parse a date in any of the forms filings use: `03/03/2003`, `3/3/03`, `03-03-2003`,
/// `2003-03-03`, `20030303`, `March 3, 2003`, `Mar. 3, 2003`, `3rd day of March, 2003`,
/// `3 March 2003`, `December 31st, 2024`.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim().trim_end_matches(['.', ';', ',']).trim();
    if s.len() > 40 {
        return None;
    }
    numeric_date(s.as_bytes()).unwrap_or_else(|| date_by_patterns(s))
}

/// [`parse_date`] by its regexes, on a trimmed string.
fn date_by_patterns(s: &str) -> Option<NaiveDate> {
    let num = |c: &regex::Captures, i: usize| c.get(i).and_then(|m| m.as_str().parse::<i32>().ok());
    if let Some(c) = date_numeric().captures(s) {
        let (m, d, y) = (num(&c, 1)?, num(&c, 2)?, num(&c, 3)?);
        let y = if c[3].len() == 2 { full_year(y) } else { y };
        return NaiveDate::from_ymd_opt(y, m as u32, d as u32);
    }
    if let Some(c) = date_iso()
        .captures(s)
        .or_else(|| date_compact().captures(s))
    {
        return NaiveDate::from_ymd_opt(num(&c, 1)?, num(&c, 2)? as u32, num(&c, 3)? as u32);
    }
    let s = s.replace('\u{a0}', " ");
    let c = date_words().captures(&s)?;
    let month = month_number(&c[2])?;
    let day = num(&c, 3).or_else(|| num(&c, 1))?;
    NaiveDate::from_ymd_opt(num(&c, 4)?, month, day as u32)
}

static_re!(
    date_in_text,
    r"(?i)\b(?:\d{1,2}(?:st|nd|rd|th)?\s+(?:day\s+of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+\d{4}|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s*\d{1,2}(?:st|nd|rd|th)?\s*,\s*\d{4}|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?\s+\d{4}|\d{1,2}/\d{1,2}/\d{2,4}|\d{1,2}-\d{1,2}-\d{4}|\d{4}-\d{2}-\d{2})\b"
);

/// The first date written anywhere in `s`, with its byte range.
pub fn find_date(s: &str) -> Option<(NaiveDate, std::ops::Range<usize>)> {
    date_in_text()
        .find_iter(s)
        .find_map(|m| parse_date(&m.as_str().replace(',', ", ")).map(|d| (d, m.range())))
}

static_re!(
    number_token,
    r"^\(?\$?\s*(\d{1,3}(?:[, ]\d{3})+|\d+)?(\.\d+)?\)?$"
);

/// Parse a share count or amount: `1,234,567`, `1 234 567`, `11615772.8`, `.61`, `$5.10`.
/// Footnote marks and trailing words must already be removed.
pub fn parse_number(s: &str) -> Option<f64> {
    let s = s.trim();
    plain_number(s).unwrap_or_else(|| number_by_pattern(s))
}

/// [`parse_number`] of trimmed `s` made of ASCII digits, commas and points only (the common
/// case), without the regex; `None` for other text. On these bytes `number_token` can only
/// match `(\d+|\d{1,3}(?:,\d{3})+)?(\.\d+)?` over the whole text.
fn plain_number(s: &str) -> Option<Option<f64>> {
    let b = s.as_bytes();
    if !b
        .iter()
        .all(|&c| c.is_ascii_digit() || c == b',' || c == b'.')
    {
        return None;
    }
    let (int, frac) = match b.iter().position(|&c| c == b'.') {
        Some(p) => (&b[..p], Some(&b[p + 1..])),
        None => (b, None),
    };
    let frac_ok = frac.is_none_or(|f| !f.is_empty() && f.iter().all(u8::is_ascii_digit));
    let commas = int.contains(&b',');
    let mut groups = int.split(|&c| c == b',');
    let first = groups.next().map_or(0, <[u8]>::len);
    let int_ok = !commas || (1..=3).contains(&first) && groups.all(|g| g.len() == 3);
    if b.is_empty() || !frac_ok || !int_ok {
        return Some(None);
    }
    // Without its commas the text is a decimal number (`.61` parses as `0.61`).
    Some(if commas {
        s.replace(',', "").parse().ok()
    } else {
        s.parse().ok()
    })
}

/// [`parse_number`] by the `number_token` pattern.
fn number_by_pattern(s: &str) -> Option<f64> {
    // The pattern holds no letter: text with one (a caption, a word after the number) fails.
    if s.bytes().any(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let c = number_token().captures(s)?;
    if c.get(1).is_none() && c.get(2).is_none() {
        return None;
    }
    let int: String = c
        .get(1)
        .map_or("0", |m| m.as_str())
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    let frac = c.get(2).map_or("", |m| m.as_str());
    format!("{int}{frac}").parse().ok()
}

fn state_codes() -> &'static HashMap<&'static str, String> {
    static CODES: OnceLock<HashMap<&'static str, String>> = OnceLock::new();
    CODES.get_or_init(|| {
        include_str!("data/edgar_state_codes.tsv")
            .lines()
            .filter_map(|l| l.split_once('\t'))
            .map(|(code, name)| (code, title_case(name)))
            .collect()
    })
}

/// The name of an EDGAR state/country code (`X1` -> `United States`, `DE` -> `Delaware`).
pub fn state_or_country_name(code: &str) -> Option<&'static str> {
    state_codes().get(code.trim()).map(String::as_str)
}

/// `CAYMAN ISLANDS` -> `Cayman Islands`, keeping short joining words lower case.
fn title_case(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, word) in s.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let lower = word.to_lowercase();
        if i > 0 && matches!(lower.as_str(), "of" | "and" | "the" | "da" | "del") {
            out.push_str(&lower);
            continue;
        }
        let mut chars = lower.chars();
        if let Some(first) = chars.next() {
            out.extend(first.to_uppercase());
            out.push_str(chars.as_str());
        }
    }
    out
}

/// `s.trim()`, skipping the Unicode white-space tables when both ends are visible ASCII (most
/// values are).
pub fn trim(s: &str) -> &str {
    match s.as_bytes() {
        [a, .., z] if a.is_ascii_graphic() && z.is_ascii_graphic() => s,
        [a] if a.is_ascii_graphic() => s,
        _ => s.trim(),
    }
}

/// Collapse runs of whitespace to one space and trim.
pub fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(20000))]
        /// The digit-only fast path agrees with the regexes wherever it answers.
        #[test]
        fn numeric_dates_agree_with_patterns(s in "[0-9/.\\-]{0,12}") {
            if let Some(fast) = numeric_date(s.as_bytes()) {
                proptest::prop_assert_eq!(fast, date_by_patterns(&s), "{}", s);
            }
        }

        /// The ASCII shortcut trims what `str::trim` trims.
        #[test]
        fn trim_is_str_trim(s in "[ \t\r\na-z\u{a0}\u{2003}\u{1}.]{0,8}") {
            proptest::prop_assert_eq!(trim(&s), s.trim());
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(20000))]
        /// The plain-number fast path agrees with the pattern wherever it answers.
        #[test]
        fn plain_numbers_agree_with_pattern(
            s in "[0-9,.]{0,14}|[0-9]{0,4}(,[0-9]{2,4}){0,3}(\\.[0-9]{0,3})?|[0-9,. $()]{0,10}"
        ) {
            let s = s.trim();
            if let Some(fast) = plain_number(s) {
                proptest::prop_assert_eq!(fast, number_by_pattern(s), "{}", s);
            }
        }
    }

    #[test]
    fn numeric_date_shapes() {
        assert_eq!(parse_date("3/3/03"), d(2003, 3, 3));
        assert_eq!(parse_date("12-31-1997"), d(1997, 12, 31));
        assert_eq!(parse_date("2024-02-30"), None);
        assert_eq!(numeric_date(b"2024/02/03"), None);
        assert_eq!(parse_date("20030303"), d(2003, 3, 3));
        assert_eq!(parse_date("3/3/"), None);
    }

    #[test]
    fn dates_in_every_form() {
        assert_eq!(parse_date("03/03/2003"), d(2003, 3, 3));
        assert_eq!(parse_date("3/3/03"), d(2003, 3, 3));
        assert_eq!(parse_date("03-03-2003"), d(2003, 3, 3));
        assert_eq!(parse_date("20030303"), d(2003, 3, 3));
        assert_eq!(parse_date("March 3, 2003"), d(2003, 3, 3));
        assert_eq!(parse_date("Mar. 3, 2003"), d(2003, 3, 3));
        assert_eq!(parse_date("Sept. 30, 1998"), d(1998, 9, 30));
        assert_eq!(parse_date("3rd day of March, 2003"), d(2003, 3, 3));
        assert_eq!(parse_date("December 31st, 2024"), d(2024, 12, 31));
        assert_eq!(parse_date("January 04, 2024"), d(2024, 1, 4));
        assert_eq!(parse_date("31 December 2024"), d(2024, 12, 31));
        assert_eq!(parse_date("February 30, 2003"), None);
        assert_eq!(parse_date("Marching 3, 2003"), None);
    }

    #[test]
    fn dates_found_in_text() {
        let (date, _) = find_date("Date: February 21,2003 /s/ Austin").unwrap();
        assert_eq!(Some(date), d(2003, 2, 21));
    }

    #[test]
    fn numbers() {
        assert_eq!(parse_number("1,234,567"), Some(1_234_567.0));
        assert_eq!(parse_number("11615772.8"), Some(11_615_772.8));
        assert_eq!(parse_number(".61"), Some(0.61));
        assert_eq!(parse_number("$5.10"), Some(5.10));
        assert_eq!(parse_number("1,2"), None);
        assert_eq!(parse_number("abc"), None);
    }

    #[test]
    fn cp1252_offsets_map_back() {
        let src = b"ab\x93cd\x94 x";
        let dec = Decoded::new(src);
        assert_eq!(dec.text, "ab\u{201c}cd\u{201d} x");
        let x = dec.text.find('x').unwrap();
        assert_eq!(dec.source_offset(x), 7);
        assert_eq!(dec.source_offset(0), 0);
    }

    #[test]
    fn state_codes_named() {
        assert_eq!(state_or_country_name("X1"), Some("United States"));
        assert_eq!(state_or_country_name("E9"), Some("Cayman Islands"));
        assert_eq!(state_or_country_name("DE"), Some("Delaware"));
    }
}
