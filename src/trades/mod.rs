//! Item 5(c) trades: every transaction a filer reports, as a row.
//!
//! One extractor serves every era: it reads the "(c)" part of Item 5 (XML filings build the
//! same lettered text from `transactionDesc`), follows its pointers ("See Schedule A",
//! "Exhibit 99.2") into the trailing schedules of the document or the submission's other
//! documents, and reads tables (HTML or ASCII), lists, monthly aggregates and prose.

mod lines;
mod read;

use std::collections::BTreeSet;

use aho_corasick::AhoCorasick;
use chrono::NaiveDate;
use regex::Regex;
use std::sync::OnceLock;

use crate::model::{Issue, Schedule13D, Severity, Span, Trade};

pub use lines::{html_lines, text_lines, Line};
pub use read::{read_lines, Found, Unparsed};

/// What the readers need to know about the filing.
#[derive(Debug, Clone, Default)]
pub struct Context {
    /// Dates printed without a year resolve to the latest such date not after this one.
    pub event_date: Option<NaiveDate>,
    /// Reporting person names, to recognise per-person headings.
    pub persons: Vec<String>,
}

impl Context {
    pub fn of(filing: &Schedule13D) -> Self {
        Context {
            event_date: filing.event_date.or(filing.filed_date),
            persons: filing
                .reporting_persons
                .iter()
                .map(|p| p.name.clone())
                .collect(),
        }
    }
}

fn re(p: &str) -> Regex {
    Regex::new(p).expect("static regex")
}

macro_rules! static_re {
    ($name:ident, $pat:expr) => {
        fn $name() -> &'static Regex {
            static R: OnceLock<Regex> = OnceLock::new();
            R.get_or_init(|| re($pat))
        }
    };
}
pub(crate) use static_re;

static_re!(
    part_marker,
    r#"^\s*[“"']?\s*(?i:items?\s*5\s*)?(?:\(\s*([a-gA-G])\s*\.?\s*\)|([a-gA-G])\)|([a-g])\.(?:\s|$))"#
);
// Markers joined to the one leading a line: "(a) – (c)", "(a), (b) and (c)", "(a) through (e)".
static_re!(
    marker_run_re,
    r"^\s*(?:,|and|&|or|-|–|—|through|thru|to)\s*(?i:items?\s*5\s*)?\(\s*([a-gA-G])\s*\.?\s*\)"
);
// Lettered parts named inside a line: "Item 5(c)", or a run of two or more "(a) – (b)".
static_re!(
    inline_ref_re,
    r#"(?i)(?:(?-u:\b)items?\s*5\s*\(\s*([a-g])\s*\.?\s*\)|(?:^|[\s“"'(])\(\s*([a-g])\s*\.?\s*\)(?:\s*(?:,|and|&|or|-|–|—|through|thru|to)\s*\(\s*[a-g]\s*\.?\s*\))+|(?:^|[\s“"':;,.])\(\s*(c)\s*\.?\s*\)\s)"#
);
static_re!(
    pointer_re,
    r"(?i)(?-u:\b)(schedule|annex|appendix|exhibit|attachment|table)(?:s|es)?\s+(?:no\.?\s*)?([A-Z]{1,3}(?:-\d+)?|\d+(?:\.\d+)*(?:\([a-z]\))?|[IVX]+)(?-u:\b)"
);
static_re!(
    pointer_list_re,
    r"(?i)(?-u:\b)(schedule|annex|appendix|exhibit|attachment)(?:s|es)\s+([A-Z])\s*(?:-|–|through|to)\s*([A-Z])(?-u:\b)"
);
static_re!(
    item_pointer_re,
    r"(?i)(?-u:\b)items?\s+(\d)(?:\s*\(\s*([a-g])\s*\))?((?:\s*(?:,|and|or)\s*\d)*)"
);
static_re!(
    herein_re,
    r"(?i)(?-u:\b)(?:except|other than|besides|apart from)(?-u:\b)[^.]{0,120}(?-u:\b)(?:herein|above|below|this (?:statement|amendment|schedule)|item|schedule 13d)"
);

/// A line of Item 5 nothing can be read from ("Not applicable."): ASCII without a digit
/// (every row and sentence read needs one, and so does [`item_pointer_re`]), without a word a
/// pointer needs ([`may_point`]), and without the first word of any [`herein_re`] clause.
/// An Item 5 of such lines yields no trade and no finding: each step of [`extract`] then
/// reads nothing.
fn inert(line: &str) -> bool {
    static CLAUSE_STARTS: OnceLock<AhoCorasick> = OnceLock::new();
    line.is_ascii()
        && !read::has_digit(line)
        && !may_point(line)
        && !any_word(&CLAUSE_STARTS, &["except", "other", "besides", "apart"]).is_match(line)
}

/// Does `text` hold a word [`pointer_re`] (and so [`pointer_list_re`]) needs? Their words
/// in any ASCII case, without the 's' of "schedule" (which `(?i)` also reads as a long s,
/// 'ſ'): no other char folds to these letters.
fn may_point(text: &str) -> bool {
    static WORDS: OnceLock<AhoCorasick> = OnceLock::new();
    let words = [
        "chedule",
        "annex",
        "appendix",
        "exhibit",
        "attachment",
        "table",
    ];
    any_word(&WORDS, &words).is_match(text)
}

/// A search for any of `words` in any ASCII case, built once in `cell`.
fn any_word(cell: &'static OnceLock<AhoCorasick>, words: &[&str]) -> &'static AhoCorasick {
    cell.get_or_init(|| {
        AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(words)
            .expect("static words")
    })
}

/// Fill `filing.trades` from Item 5(c) and from the schedules/annexes/exhibits it points to.
/// `documents` are the submission's text/HTML documents (the schedule document itself first,
/// when it is text or HTML) as (offset of the body in the decoded submission, body, is_html).
pub fn extract(filing: &mut Schedule13D, documents: &[(usize, &str, bool)]) {
    if !filing.items.contains_key("5") {
        return;
    }
    let (item_lines, item_base) = item_lines_of(filing, "5", documents);
    if item_lines.iter().all(|l| inert(&l.text)) {
        return;
    }
    let ctx = Context::of(filing);
    let mut found: Vec<Found> = Vec::new();
    let mut unparsed: Vec<Unparsed> = Vec::new();

    let sections = part_c(&item_lines);
    let mut pointer_text = String::new();
    for sec in &sections {
        let res = read_lines(sec, &ctx, None);
        push_results(&mut found, &mut unparsed, res, item_base, 0);
        for l in sec.iter() {
            pointer_text.push_str(&l.text);
            pointer_text.push(' ');
        }
    }
    // Pointers to schedules / annexes / exhibits.
    let mut targets: BTreeSet<(String, String)> = BTreeSet::new();
    let pointer_words = if may_point(&pointer_text) {
        pointer_text.as_str()
    } else {
        ""
    };
    for c in pointer_list_re().captures_iter(pointer_words) {
        let kind = c[1].to_ascii_lowercase();
        let (a, b) = (c[2].to_ascii_uppercase(), c[3].to_ascii_uppercase());
        if let (Some(a), Some(b)) = (a.chars().next(), b.chars().next()) {
            if a <= b && (b as u32 - a as u32) < 26 {
                for ch in a..=b {
                    targets.insert((kind.clone(), ch.to_string()));
                }
            }
        }
    }
    for c in pointer_re().captures_iter(pointer_words) {
        let kind = c[1].to_ascii_lowercase();
        let id = c[2].to_ascii_uppercase();
        if kind == "schedule" && (id.starts_with("13") || id == "TO") {
            continue;
        }
        targets.insert((kind, id));
    }
    if !targets.is_empty() {
        let hint = read::side_hint(&pointer_text);
        // Each document and item is split into lines (and its headings found) once, however
        // many targets are looked up in it.
        let mut doc_lines: Vec<Option<Headed>> = vec![None; documents.len()];
        let mut item_texts: Vec<Option<Headed>> = vec![None; filing.items.len()];
        let mut seen_ranges: Vec<(usize, usize, usize)> = Vec::new();
        for (kind, id) in &targets {
            // The documents first (the schedule document itself leads), then the item texts
            // (XML filings, or a parser that kept a schedule inside an item).
            let mut hit = false;
            for (di, &(base, body, html)) in documents.iter().enumerate() {
                let doc = doc_lines[di].get_or_insert_with(|| {
                    Headed::new(if html {
                        html_lines(body)
                    } else {
                        text_lines(body)
                    })
                });
                if let Some(range) = doc.find(kind, id) {
                    hit = true;
                    let tag = (di, range.start, range.end);
                    if seen_ranges.contains(&tag) {
                        break;
                    }
                    seen_ranges.push(tag);
                    let res = read_lines(&doc.lines[range], &ctx, Some(hint));
                    push_results(&mut found, &mut unparsed, res, Some(base), 0);
                    break;
                }
            }
            if hit {
                continue;
            }
            for (ki, (key, text)) in filing.items.iter().enumerate() {
                let item = item_texts[ki].get_or_insert_with(|| Headed::new(text_lines(text)));
                if let Some(range) = item.find(kind, id) {
                    let tag = (usize::MAX - item_number(key), range.start, range.end);
                    if seen_ranges.contains(&tag) {
                        continue;
                    }
                    seen_ranges.push(tag);
                    let res = read_lines(&item.lines[range], &ctx, Some(hint));
                    push_results(&mut found, &mut unparsed, res, item_offset(filing, key), 0);
                }
            }
        }
    }

    // "Except as described in Item 3/4 / herein": the transactions told elsewhere.
    if found.is_empty() && !read::says_none_only(&pointer_text) {
        let mut keys: Vec<String> = Vec::new();
        for c in item_pointer_re().captures_iter(&pointer_text) {
            keys.push(c[1].to_string());
            for d in c[3].chars().filter(char::is_ascii_digit) {
                keys.push(d.to_string());
            }
        }
        if herein_re().is_match(&pointer_text) {
            keys.extend(["3", "4"].map(String::from));
        }
        keys.sort();
        keys.dedup();
        for key in keys {
            if key == "5" {
                // The rest of Item 5 (e.g. "See response to Item 5(e)").
                let rest: Vec<Line> = item_lines
                    .iter()
                    .filter(|l| {
                        !sections
                            .iter()
                            .any(|s| s.iter().any(|x| x.start == l.start))
                    })
                    .cloned()
                    .collect();
                let res = read::read_prose_only(&rest, &ctx);
                push_results(&mut found, &mut Vec::new(), res, item_base, 0);
                continue;
            }
            if filing.items.contains_key(&key) {
                let (lines, base) = item_lines_of(filing, &key, documents);
                let (mut res, _) = read::read_prose_only(&lines, &ctx);
                // Background told in Items 3/4 (purchases long before the event) is not a
                // transaction of the past 60 days.
                if let Some(ev) = ctx.event_date {
                    res.retain(|f| {
                        !matches!(f.trade.trade_date.or(f.trade.period_end), Some(d) if (ev - d).num_days() > 90)
                    });
                }
                // The same transaction told in two items counts once; an undated total of
                // transactions already read ("32,859 shares were distributed") is a summary.
                let fresh: Vec<Found> = res
                    .into_iter()
                    .filter(|f| {
                        let repeated = found.iter().any(|g| {
                            g.trade.side == f.trade.side
                                && g.trade.shares == f.trade.shares
                                && g.trade.price == f.trade.price
                        });
                        let undated = f.trade.trade_date.is_none() && f.trade.period_end.is_none();
                        let summary = undated && read::is_sum_of(&f.trade, &found);
                        !(repeated || summary)
                    })
                    .collect();
                push_results(&mut found, &mut Vec::new(), (fresh, Vec::new()), base, 0);
            }
        }
    }

    // Dates far outside the filing's window: a sentence of history is dropped, a row whose date
    // cannot be right (years before the event, or long after it) is reported, not kept.
    if let Some(ev) = ctx.event_date {
        let mut kept = Vec::with_capacity(found.len());
        for f in found {
            let (a, b) = match (f.trade.trade_date, f.trade.period_start, f.trade.period_end) {
                (Some(d), _, _) => (d, d),
                (None, Some(a), Some(b)) => (a, b),
                _ => {
                    kept.push(f);
                    continue;
                }
            };
            let before = (ev - b).num_days();
            let after = (a - ev).num_days();
            if f.prose && before > 366 {
                continue;
            }
            if !f.prose && (before > 3 * 366 || after > 366) {
                unparsed.push(Unparsed {
                    text: format!("{} (date outside the filing's window)", f.trade.raw),
                    span: f.span,
                });
                continue;
            }
            kept.push(f);
        }
        found = kept;
    }
    place_in_parts(filing, &mut found);
    let start = filing.trades.len();
    for (k, f) in found.into_iter().enumerate() {
        let i = start + k;
        if let Some((s, e)) = f.span {
            // A new index: no earlier entry has this path.
            filing.spans.push(
                format!("trades[{i}].raw"),
                Span {
                    start: s,
                    end: e,
                    text: f.trade.raw.clone(),
                },
            );
        }
        filing.trades.push(f.trade);
    }
    for u in unparsed {
        let at = u.span.map_or_else(
            || "in Item 5(c)".to_string(),
            |(s, _)| format!("at offset {s}"),
        );
        filing.issues.push(Issue {
            code: "trade-unparsed".into(),
            severity: Severity::Warning,
            message: format!(
                "a row that looks like a trade could not be read ({at}): {}",
                u.text
            ),
            paths: vec!["trades".into()],
            spans: u
                .span
                .map(|(s, e)| Span {
                    start: s,
                    end: e,
                    text: u.text.clone(),
                })
                .into_iter()
                .collect(),
        });
    }
}

/// XML item texts are rebuilt from their parts, so rows read from them have no offset: place
/// each such row where its words are found, in order and apart only by white space, in the
/// source of an item part (`items.5.transactionDesc`). A row whose text the source writes
/// otherwise (entities) stays without a span.
fn place_in_parts(filing: &Schedule13D, found: &mut [Found]) {
    if found.iter().all(|f| f.span.is_some()) {
        return;
    }
    let parts: Vec<&Span> = filing
        .spans
        .iter()
        .filter(|(k, _)| k.starts_with("items."))
        .map(|(_, s)| s)
        .collect();
    // Rows are in document order: look past the previous row first, so that two identical
    // rows get their own places.
    let mut after = 0;
    for f in found.iter_mut().filter(|f| f.span.is_none()) {
        let words: Vec<&str> = f.trade.raw.split_whitespace().collect();
        let Some((first, rest)) = words.split_first() else {
            continue;
        };
        // The words and a blank between each: a shorter text (most parts) cannot hold them,
        // and needs no search.
        let need = words.iter().map(|w| w.len() + 1).sum::<usize>() - 1;
        // Built once per row: each part is searched with it, up to twice.
        let first = memchr::memmem::Finder::new(first);
        let place = |from: usize| {
            parts.iter().find_map(|p| {
                let skip = from.saturating_sub(p.start);
                let hay = p.text.get(skip..).filter(|h| h.len() >= need)?;
                let (s, e) = find_words(hay, &first, rest)?;
                Some((p.start + skip + s, p.start + skip + e))
            })
        };
        f.span = place(after).or_else(|| place(0));
        if let Some((_, e)) = f.span {
            after = e;
        }
    }
}

/// Where the word `first` finds and then the words `rest` occur in `hay` in order with only
/// white space between them.
fn find_words(hay: &str, first: &memchr::memmem::Finder, rest: &[&str]) -> Option<(usize, usize)> {
    // Non-overlapping matches, as `str::match_indices` gives; a match of a whole word is on
    // char boundaries.
    first.find_iter(hay.as_bytes()).find_map(|start| {
        let mut end = start + first.needle().len();
        for w in rest {
            let rest = hay.get(end..)?;
            let gap = rest.len() - rest.trim_start().len();
            if gap == 0 || !rest[gap..].starts_with(w) {
                return None;
            }
            end += gap + w.len();
        }
        Some((start, end))
    })
}

/// The lines of item `key`: read from the schedule document itself when the parser recorded
/// where the item is (table rows keep their cells), else from the item text.
fn item_lines_of(
    filing: &Schedule13D,
    key: &str,
    documents: &[(usize, &str, bool)],
) -> (Vec<Line>, Option<usize>) {
    let spans = item_spans(filing, key);
    if let Some(span) = spans[0] {
        for &(base, body, html) in documents {
            if span.start >= base && span.end <= base + body.len() && span.start < span.end {
                if let Some(slice) = body.get(span.start - base..span.end - base) {
                    let lines = if html {
                        html_lines(slice)
                    } else {
                        text_lines(slice)
                    };
                    if !lines.is_empty() {
                        return (lines, Some(span.start));
                    }
                }
            }
        }
    }
    let text = filing.items.get(key).map_or("", String::as_str);
    // The offset only places what is read, and text without a digit yields nothing: skip the
    // span lookups then.
    let offset = if read::has_digit(text) {
        offset_in(text, &spans)
    } else {
        None
    };
    (text_lines(text), offset)
}

fn item_number(key: &str) -> usize {
    key.parse().unwrap_or(0)
}

/// The spans a parser may record for item `key`, in the order they are tried: `items.5`,
/// `items[5]`, `items["5"]`, `item5`; of a path recorded twice, the later (as `Spans::get`).
/// One pass over the spans, without building the paths.
fn item_spans<'a>(filing: &'a Schedule13D, key: &str) -> [Option<&'a Span>; 4] {
    let mut out = [None; 4];
    for (path, span) in filing.spans.iter() {
        let Some(rest) = path.strip_prefix("item") else {
            continue;
        };
        let inside = |open: &str, close: &str| {
            rest.strip_prefix(open).and_then(|r| r.strip_suffix(close)) == Some(key)
        };
        let form = if inside("s.", "") {
            0
        } else if inside("s[", "]") {
            1
        } else if inside("s[\"", "\"]") {
            2
        } else if rest == key {
            3
        } else {
            continue;
        };
        out[form] = Some(span);
    }
    out
}

/// The offset of item `key`'s text in the submission, when the parser recorded a span whose
/// text holds the item text verbatim.
fn item_offset(filing: &Schedule13D, key: &str) -> Option<usize> {
    offset_in(filing.items.get(key)?, &item_spans(filing, key))
}

/// Where `text` lies in the submission: in the first of `spans` that holds it verbatim.
fn offset_in(text: &str, spans: &[Option<&Span>; 4]) -> Option<usize> {
    spans
        .iter()
        .flatten()
        .find_map(|span| Some(span.start + span.text.find(text)?))
}

fn push_results(
    found: &mut Vec<Found>,
    unparsed: &mut Vec<Unparsed>,
    res: (Vec<Found>, Vec<Unparsed>),
    base: Option<usize>,
    _doc: usize,
) {
    let shift = |span: Option<(usize, usize)>| match (base, span) {
        (Some(b), Some((s, e))) => Some((b + s, b + e)),
        _ => None,
    };
    for mut f in res.0 {
        f.span = shift(f.span);
        found.push(f);
    }
    for mut u in res.1 {
        u.span = shift(u.span);
        unparsed.push(u);
    }
}

/// The letters a marker line covers: its leading marker and any joined to it ("(a) – (c)").
fn marker_letters(text: &str) -> Option<(char, char, bool)> {
    // Most lines are not markers: a match test costs less than a failed capture search.
    if !part_marker().is_match(text) {
        return None;
    }
    let c = part_marker().captures(text)?;
    let m = c.get(1).or(c.get(2)).or(c.get(3))?;
    let paren = c.get(3).is_none();
    let first = m.as_str().chars().next()?.to_ascii_lowercase();
    let mut last = first;
    let mut rest = text.get(c.get(0)?.end()..).unwrap_or("");
    while let Some(r) = marker_run_re().captures(rest) {
        if let Some(l) = r.get(1).and_then(|x| x.as_str().chars().next()) {
            last = l.to_ascii_lowercase();
        }
        rest = rest
            .get(r.get(0).map_or(rest.len(), |x| x.end())..)
            .unwrap_or("");
    }
    Some((first, last, paren))
}

/// A line that runs on into the next (a sentence wrapped mid-way): a "(b)" starting the next
/// line is an enumeration inside the sentence, not a lettered part.
fn wrapped_after(prev: &str) -> bool {
    let t = prev.trim_end();
    t.len() > 40
        && !t.ends_with(['.', ':', ';', ')', '"', '”', '\''])
        && t.chars()
            .last()
            .is_some_and(|c| c.is_alphanumeric() || c == ',')
}

/// Does an inline mention of lettered parts name part (c)? `None`: no mention at all.
fn inline_mentions_c(lines: &[Line]) -> Option<bool> {
    let mut any = false;
    for l in lines {
        for m in inline_ref_re().find_iter(&l.text) {
            any = true;
            let letters: Vec<char> = m
                .as_str()
                .match_indices('(')
                .filter_map(|(i, _)| {
                    m.as_str()[i + 1..]
                        .trim_start()
                        .chars()
                        .next()
                        .map(|c| c.to_ascii_lowercase())
                })
                .filter(|c| ('a'..='g').contains(c))
                .collect();
            let (Some(&lo), Some(&hi)) = (letters.iter().min(), letters.iter().max()) else {
                continue;
            };
            let ranged = m.as_str().contains(['-', '–', '—'])
                || m.as_str().to_ascii_lowercase().contains("through")
                || m.as_str().to_ascii_lowercase().contains(" to ");
            if letters.contains(&'c') || (ranged && lo <= 'c' && 'c' <= hi) {
                return Some(true);
            }
        }
    }
    any.then_some(false)
}

/// The "(c)" parts of Item 5: from each "(c)" marker (or a joined run covering it, "(a) –
/// (c)") to the next lettered part. When the item is lettered (or restates "(a) – (b)") but
/// has no part (c), nothing: the other parts hold holdings, not trades. Without any lettered
/// parts the whole item.
pub fn part_c(lines: &[Line]) -> Vec<&[Line]> {
    let markers: Vec<(usize, char, char, bool)> = lines
        .iter()
        .enumerate()
        .filter(|&(i, l)| i == 0 || l.para || !wrapped_after(&lines[i - 1].text))
        .filter_map(|(i, l)| marker_letters(&l.text).map(|(a, b, p)| (i, a, b, p)))
        .collect();
    let covers_c = |a: char, b: char| a <= 'c' && 'c' <= b;
    // A "(c)" in parentheses wins over bare "c." lines (a sub-list of powers under (b)).
    let paren_c = markers.iter().any(|m| m.3 && covers_c(m.1, m.2));
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    let mut any_marker = false;
    for &(i, a, b, paren) in &markers {
        if paren_c && !paren {
            continue;
        }
        if a <= 'e' {
            any_marker = true;
        }
        if let Some(s) = open.take() {
            out.push(&lines[s..i]);
        }
        if covers_c(a, b) {
            open = Some(i);
        }
    }
    if let Some(s) = open {
        out.push(&lines[s..]);
    }
    if !out.is_empty() {
        return out;
    }
    match inline_mentions_c(lines) {
        // "(a) – (c)" or "Item 5(c)" inside a line: the parts run together; read it all.
        Some(true) => vec![lines],
        // "(a) – (b) is amended": no part (c) here.
        Some(false) => Vec::new(),
        None if any_marker => Vec::new(),
        None => vec![lines],
    }
}

/// Lines with the schedule/annex/exhibit heading each one is, if any.
#[derive(Clone)]
struct Headed {
    lines: Vec<Line>,
    headings: Vec<Option<(String, String)>>,
}

impl Headed {
    fn new(lines: Vec<Line>) -> Self {
        let headings = lines.iter().map(|l| heading_of(&l.text)).collect();
        Headed { lines, headings }
    }

    /// Where the schedule/annex/exhibit `kind id` starts (a heading line) and ends (the next
    /// such heading, or the end).
    fn find(&self, kind: &str, id: &str) -> Option<std::ops::Range<usize>> {
        let start = self
            .headings
            .iter()
            .position(|h| h.as_ref().is_some_and(|(k, i)| i == id && k == kind))?;
        let end = self.headings[start + 1..]
            .iter()
            .position(|h| {
                h.as_ref()
                    .is_some_and(|(k, i)| !(k == kind && i == id) && k != "table")
            })
            .map_or(self.lines.len(), |p| start + 1 + p);
        Some(start..end)
    }
}

/// The (kind, id) a short line heads, e.g. ("schedule", "A") for "SCHEDULE A".
fn heading_of(text: &str) -> Option<(String, String)> {
    let t = text.trim();
    if t.len() > 80 {
        return None;
    }
    let c = pointer_re().captures(t)?;
    if c.get(0)?.start() > 12 {
        return None;
    }
    Some((c[1].to_ascii_lowercase(), c[2].to_ascii_uppercase()))
}

/// Unit-test entry: the trades of an Item 5 text (plain text), with no other documents.
pub fn extract_item5(item5: &str, ctx: &Context) -> Vec<Trade> {
    let mut f = Schedule13D {
        event_date: ctx.event_date,
        ..Default::default()
    };
    f.reporting_persons = ctx
        .persons
        .iter()
        .map(|n| crate::model::ReportingPerson {
            name: n.clone(),
            ..Default::default()
        })
        .collect();
    f.items.insert("5".into(), item5.to_string());
    extract(&mut f, &[]);
    f.trades
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inert_lines_are_the_ones_nothing_is_read_from() {
        assert!(inert("Not applicable."));
        assert!(inert(
            "No transactions were effected by the Reporting Persons."
        ));
        for live in [
            "See Schedule A hereto.",
            "Other than as set forth herein, none.",
            "EXCEPT AS DESCRIBED ABOVE, none.",
            "Bought 1,000 shares",
            "Apart from the purchases described below",
            "Besides the foregoing, none.",
            "Not applicable\u{a0}.",
        ] {
            assert!(!inert(live), "{live}");
        }
        // Item 5 saying nothing adds no trade; one pointing elsewhere is read.
        let ctx = Context::default();
        assert!(extract_item5("Not applicable.", &ctx).is_empty());
        let read = extract_item5(
            "(c) On 3/4/2024 the Fund bought 1,000 shares at $5.00.",
            &ctx,
        );
        assert_eq!(read.len(), 1);
    }
}
