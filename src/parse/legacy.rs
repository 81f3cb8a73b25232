//! Legacy plain-text and HTML schedules (1993-2024).
//!
//! Both formats are first reduced to one [`View`] (lines, cells, no markup). The parser is
//! driven by **label keywords**, not by row numbers or positions:
//! 1. every cover-row label ("Sole Voting Power", "Type of Reporting Person", ...) is found in
//!    one pass of one case-insensitive regex; the value of a label is the text between its end
//!    (after tails such as "(See Instructions)" or "in Row (11)") and the next label, so the
//!    same code reads numbered rows (`7.`, `(7)`, `Item 7`), unnumbered labels, ASCII art and
//!    HTML tables whose number, label and value sit in separate cells or in one;
//! 2. a cover page starts at each "Name of Reporting Person" label and must hold share rows;
//! 3. values are normalised by the token table of SPEC §5: a share row takes the first number
//!    that is not a row/item reference, a footnote mark or a row number of the next label;
//!    `-0-`, `None`, `-` are 0; "N/A"/blank/"See Item 5" stay `None`; "Less than 1%" leaves
//!    the percent `None` and says so in the person's `comment`;
//! 4. the title page (before the first cover) gives the schedule, amendment number, issuer,
//!    class, CUSIPs, event date and 13G rule boxes, read next to their parenthesised captions;
//! 5. items, signatures and the joint filing agreement come from the text after the covers.
//!
//! Provenance: every value read is recorded in `Schedule13D::spans` under its field path
//! (`issuer.name`, `reporting_persons[0].aggregate_amount`, `items.4`, `signatures[0].date`),
//! as the byte range of the source and the source text of that range.

use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;

use crate::container::floor_char_boundary;
use crate::error::{Error, Position, Result};
use crate::model::{ReportingPerson, Schedule, Schedule13D, Signature, SourceFormat, Span, Spans};
use crate::text::{find_date, parse_date, parse_number, squash};
use crate::view::View;

macro_rules! static_re {
    ($name:ident, $pat:expr) => {
        fn $name() -> &'static Regex {
            static R: OnceLock<Regex> = OnceLock::new();
            R.get_or_init(|| Regex::new(&ascii_boundaries($pat)).expect("static regex"))
        }
    };
}

/// `\b` as an ASCII word boundary: the lazy DFA gives up on Unicode `\b` at the first
/// non-ASCII byte and the regex falls back to the (much slower) PikeVM over the whole text.
fn ascii_boundaries(pat: &str) -> String {
    pat.replace(r"\b", r"(?-u:\b)")
}

/// How far into a document its title must appear.
const TITLE_WINDOW: usize = 300_000;

/// Parse a legacy text (`html == false`) or HTML schedule. `base` is the offset of `doc` in
/// the text that spans point into.
pub fn parse(doc: &str, base: usize, html: bool) -> Result<Schedule13D> {
    let head = prefix(doc, TITLE_WINDOW);
    let Some(title) = title_re().captures(head) else {
        return Err(Error::not_schedule(
            "no \"Schedule 13D\"/\"Schedule 13G\" title in the first part of the document",
            Position::default(),
        ));
    };
    let mut schedule = match title.get(1).map(|m| m.as_str().to_ascii_lowercase()) {
        Some(g) if g == "g" => Schedule::G13,
        _ => Schedule::D13,
    };
    let view = View::new(doc, base, html);
    let mut p = Reader {
        view: &view,
        doc,
        base,
        spans: Spans::default(),
    };
    let t = view.text.as_str();

    let mut labels = find_labels(t);
    let mut covers = group_covers(&labels);
    if covers.is_empty() {
        // Covers written as "Item 7:<tab>161,387" lines (FMR's filing agent, 1994-2015).
        let items = item_colon_labels(t, schedule);
        if !items.is_empty() {
            covers = group_covers(&items);
            labels = items;
        }
    }
    let title_end = covers
        .first()
        .map_or_else(|| first_item(t).unwrap_or(t.len().min(20_000)), |c| c.start);
    let title_region = 0..title_end;

    // The schedule named on the title page wins over the raw prefix guess.
    if let Some(c) = title_re().captures(&t[title_region.clone()]) {
        schedule = if c
            .get(1)
            .is_some_and(|m| m.as_str().eq_ignore_ascii_case("g"))
        {
            Schedule::G13
        } else {
            Schedule::D13
        };
    }
    let markers = title_markers(t, &title_region);
    // A document that names the schedule but shows neither title captions nor covers is
    // still returned (partially), since the container may declare it a schedule; callers see
    // the empty fields. Only a document without any title is rejected above.
    let _ = markers;

    let mut f = Schedule13D {
        schedule,
        source_format: if html {
            SourceFormat::Html
        } else {
            SourceFormat::Text
        },
        ..Default::default()
    };
    f.amendment_number = p
        .amendment(&title_region)
        .or_else(|| p.amendment_in_body(title_end));
    // The form type as the title page gives it; a SEC header or <TYPE> overrides it.
    let amended =
        f.amendment_number.is_some() || amended_title_re().is_match(&t[title_region.clone()]);
    f.form_type = Some(format!(
        "SC {}{}",
        schedule.as_str(),
        if amended { "/A" } else { "" }
    ));
    f.issuer.name = p.caption_value(&title_region, caption_issuer(), "issuer.name", false);
    f.issuer.security_class = p.caption_value(
        &title_region,
        caption_class(),
        "issuer.security_class",
        true,
    );
    f.event_date = p.event_date(&title_region);
    if schedule == Schedule::G13 {
        f.rules = p.rules(&title_region);
    }

    // Cover pages.
    let mut cover_cusips = Vec::new();
    let mut prev_end = title_end;
    for (i, cover) in covers.iter().enumerate() {
        let person = p.person(cover, &labels, schedule, i);
        let search = prev_end.min(cover.start)..cover.start;
        cover_cusips.push(p.cusip_near(&search, cover.start));
        prev_end = cover.end;
        f.reporting_persons.push(person);
    }
    let covers_end = covers.last().map_or(title_end, |c| c.end);

    // CUSIPs: the title caption, inline "CUSIP No." mentions, running headers.
    let mut cusips: Vec<String> = Vec::new();
    p.cusips(&(0..covers_end.max(title_end)), &mut cusips);
    for (pos, c) in &view.header_cusips {
        if *pos <= covers_end.max(title_end) {
            if let Some(c) = normalise_cusip(c) {
                if !cusips.contains(&c) {
                    cusips.push(c);
                }
            }
        }
    }
    for (k, c) in cusips.iter().enumerate() {
        let _ = k;
        let _ = c;
    }
    let distinct: Vec<&String> = {
        let mut d: Vec<&String> = cover_cusips.iter().flatten().collect();
        d.sort();
        d.dedup();
        d
    };
    if distinct.len() >= 2 {
        for (person, c) in f.reporting_persons.iter_mut().zip(&cover_cusips) {
            person.cover_cusip.clone_from(c);
        }
    }
    f.issuer.cusips = cusips;

    // Items, signatures, joint filing.
    let items_region = covers_end..t.len();
    let max_item = if schedule == Schedule::G13 { 10 } else { 7 };
    let items = item_headings(t, &items_region, max_item);
    for (k, (n, range)) in items.iter().enumerate() {
        let _ = k;
        let text = t[range.clone()].trim();
        if text.is_empty() {
            continue;
        }
        let key = n.to_string();
        p.record(&format!("items.{key}"), range.clone());
        f.items.insert(key, text.to_string());
    }
    if f.issuer.security_class.is_none() {
        // Inline caption on the title page: "Title of Class of Securities: Common Stock".
        f.issuer.security_class = p.inline_value(
            &title_region,
            title_of_class_inline(),
            "issuer.security_class",
        );
    }
    if f.issuer.security_class.is_none() {
        // 13G Item 2(d) "Title of Class of Securities: ...".
        f.issuer.security_class = p.inline_value(
            &items_region,
            title_of_class_inline(),
            "issuer.security_class",
        );
    }
    if f.issuer.name.is_none() {
        // 13G Item 1(a) "Name of Issuer: ...".
        f.issuer.name = p.inline_value(&items_region, name_of_issuer_inline(), "issuer.name");
    }
    let sig_from = items.last().map_or(covers_end, |(_, r)| r.start);
    f.signatures = p.signatures(sig_from);
    f.joint_filing_agreement = joint_re().is_match(t);
    f.spans = p.spans;
    f.spans.dedup();
    Ok(f)
}

// ---------------------------------------------------------------------------------------
// Regexes

static_re!(
    title_re,
    r"(?i)schedule(?:\s|&nbsp;|&#160;|&#xa0;|<[^>]{0,300}>)*13\s*-?\s*([dg])\b|\bSC\s+13([DG])\b|\(\s*name\s+of\s+(?:the\s+)?issuer\s*\)|\(\s*cusip\s+number\s*\)|names?\s+of\s+reporting\s+persons?|rule\s+13d-1\s*\(\s*[bcd]\s*\)"
);
static_re!(
    joint_re,
    r"(?i)joint\s+filing\s+agreement|agreement\s+(?:of|as\s+to|regarding|relating\s+to|with\s+respect\s+to)\s+(?:the\s+)?joint\s+filing|13d-1\s*\(\s*k\s*\)\s*\(\s*1\s*\)"
);
static_re!(
    caption_issuer_re,
    r"(?i)\(\s*name\s+of\s+(?:the\s+)?issuer\s*\)"
);
static_re!(
    caption_class_re,
    r"(?i)\(\s*title\s+(?:of|and)\s+(?:the\s+)?class(?:es)?\s+(?:of|and)\s+securit(?:y|ies)\s*\)"
);
static_re!(
    caption_cusip_re,
    r"(?i)\(\s*cusip\s+(?:number|no\.?|#)\s*(?:of\s+class\s+of\s+securities)?\s*\)"
);
static_re!(
    caption_event_re,
    r"(?i)\(?\s*dates?\s+of\s+(?:the\s+)?event\s+(?:which|that)\s+(?:requires?|required)\s+(?:the\s+)?filing"
);
static_re!(
    period_ended_re,
    r"(?i)\bfor\s+the\s+(?:period|calendar\s+year|year)\s+end(?:ed|ing)\s+"
);
static_re!(name_of_issuer_inline, r"(?i)name\s+of\s+issuer\s*[:.]?\s*");
static_re!(
    title_of_class_inline,
    r"(?i)title\s+(?:of|and)\s+(?:the\s+)?class(?:es)?\s+(?:of|and)\s+securit(?:y|ies)\s*:\s*"
);
static_re!(
    cusip_inline_re,
    r"(?i)cusip\s*(?:numbers?|nos?\.?|#)?\s*[:.#]?\s*([0-9A-Z*@#][0-9A-Z*@#\- ]{4,16})"
);
static_re!(
    amendment_re,
    r"(?i)amendment\s*(?:no\.?|number|#)\s*[:.]?[\s_]*(\d{1,3}|[a-z]+)_*\b|\(\s*amendment\s+(\d{1,3})\s*\)"
);
static_re!(amended_title_re, r"(?i)schedule\s*13\s*-?\s*[dg]\s*/\s*a\b");
static_re!(
    this_amendment_re,
    r"(?i)\bthis\s+amendment\s+no\.?\s*(\d{1,3})\b"
);
static_re!(rule_re, r"(?i)rule\s*13d\s*-\s*1\s*\(\s*([bcd])\s*\)");
static_re!(
    item_re,
    r"(?im)^[ \t]*item\s*(\d{1,2})\s*(?:\(\s*[a-z]\s*\)\s*)?(?:[.:\-\u{2013}\u{2014})\t ]|$)"
);
static_re!(
    signature_heading_re,
    r"(?im)^[ \t]*signatures?\s*\.?\s*$|^[ \t]*SIGNATURES?\b"
);
static_re!(date_label_re, r"(?i)\bdated?\s*[:\-]?\s*");

fn caption_issuer() -> &'static Regex {
    caption_issuer_re()
}
fn caption_class() -> &'static Regex {
    caption_class_re()
}

/// The cover-row labels, one alternative per kind (group index = kind index + 1).
const LABEL_PATTERNS: &[&str] = &[
    // Name
    r"names?\s+of\s+(?:the\s+)?reporting\s+persons?(?:\s*\(\s*s\s*\))?",
    // Irs
    r"(?:s\.?\s*s\.?\s*(?:no\.?\s*)?or\s+)?i\.?\s*r\.?\s*s\.?\s+identification\s+nos?\.?(?:\s+of\s+(?:the\s+)?above\s+persons?)?(?:\s*\(\s*(?:entities\s+only|optional)\s*\))?",
    // Group
    r"(?:check\s+(?:the\s+)?appropriate\s+(?:box|\[\s*line\s*\]|line|space|row)\s+if\s+)?(?:(?:a|the)\s+)?member\s+of\s+(?:a\s+|the\s+)?group",
    // Sec
    r"sec\s+use\s+only",
    // Funds
    r"source\s+of\s+funds?(?:\s+or\s+other\s+consideration)?",
    // Legal
    r"(?:check\s+(?:box\s+)?if\s+)?disclosure\s+of\s+legal\s+proceedings(?:\s+(?:is|are|may\s+be)\s+required\s+pursuant\s+to\s+items?\s*2\s*\(\s*d\s*\)\s*(?:or|and|/)\s*2\s*\(\s*e\s*\))?",
    // Citizen
    r"citizenship\s+(?:or|of)\s+place\s+of\s+organi[sz]ation",
    // NumShares
    r"number\s+of\s+shares(?:\s+beneficially\s+owned(?:\s+by\s+each\s+reporting\s+person(?:\s+with)?)?)?",
    // SoleVote
    r"sole\s+voting\s+power",
    // SharedVote
    r"share[sd]?\s+voting\s+power",
    // SoleDisp
    r"sole\s+dispo(?:s{1,2}[ai]?)?tive\s+power",
    // SharedDisp
    r"share[sd]?\s+dispo(?:s{1,2}[ai]?)?tive\s+power",
    // Aggregate
    r"aggregate\s+amount\s+(?:of\s+(?:securities\s+)?)?beneficially\s+owned(?:\s+by\s+(?:each|the)\s+reporting\s+persons?)?",
    // Excludes
    r"(?:check\s+(?:box\s+)?if\s+)?(?:the\s+)?aggregate\s+amount\s+(?:represented\s+by\s+amount\s+)?in\s+row[ \n]*\(?[ \n]*\d{1,2}[ \n]*\)?\s*excludes\s+certain\s+shares|excludes\s+certain\s+shares",
    // Percent
    r"percent(?:age)?\s+of\s+(?:the\s+)?class\s+represented\s+by\s+(?:the\s+)?amount\s+in\s+row[ \n]*\(?[ \n]*\d{1,2}[ \n]*\)?|percent(?:age)?\s+of\s+(?:the\s+)?class\s+represented\s+by\s+amount\s+in\s+row|percent(?:age)?\s+of\s+(?:the\s+)?class",
    // Type
    r"type\s+of\s+reporting\s+persons?",
    // Short forms (truncated or wrapped captions, bare captions after a row number): only
    // taken after a row number and when the caption ends its line or cell (see
    // `short_label_ok`). They come last, so a full caption at the same place wins.
    r"reporting\s+persons?|names?\s+of\s+(?:the\s+)?reporting",
    r"citizenship\s+(?:or|of)\s+place\s+of|citizenship|place\s+of\s+organi[sz]ation",
    r"sole\s+voting",
    r"shared\s+voting",
    r"sole\s+dispo(?:s{1,2}[ai]?)?(?:tive|-)",
    r"shared\s+dispo(?:s{1,2}[ai]?)?(?:tive|-)",
    r"aggregate(?:\s+amount(?:\s+beneficially)?)?",
    r"type\s+of\s+reporting",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Name,
    Irs,
    Group,
    Sec,
    Funds,
    Legal,
    Citizen,
    NumShares,
    SoleVote,
    SharedVote,
    SoleDisp,
    SharedDisp,
    Aggregate,
    Excludes,
    Percent,
    Type,
}

const KINDS: [Kind; 24] = [
    Kind::Name,
    Kind::Irs,
    Kind::Group,
    Kind::Sec,
    Kind::Funds,
    Kind::Legal,
    Kind::Citizen,
    Kind::NumShares,
    Kind::SoleVote,
    Kind::SharedVote,
    Kind::SoleDisp,
    Kind::SharedDisp,
    Kind::Aggregate,
    Kind::Excludes,
    Kind::Percent,
    Kind::Type,
    // Short forms.
    Kind::Name,
    Kind::Citizen,
    Kind::SoleVote,
    Kind::SharedVote,
    Kind::SoleDisp,
    Kind::SharedDisp,
    Kind::Aggregate,
    Kind::Type,
];

/// Index (into `KINDS`) of the first short-form caption.
const FIRST_SHORT: usize = 16;

impl Kind {
    /// The printed row number of this label on a 13D / 13G cover.
    fn row(self, s: Schedule) -> Option<u32> {
        let d = match self {
            Kind::Name => 1,
            Kind::Group => 2,
            Kind::Sec => 3,
            Kind::Funds => 4,
            Kind::Legal => 5,
            Kind::Citizen => 6,
            Kind::SoleVote => 7,
            Kind::SharedVote => 8,
            Kind::SoleDisp => 9,
            Kind::SharedDisp => 10,
            Kind::Aggregate => 11,
            Kind::Excludes => 12,
            Kind::Percent => 13,
            Kind::Type => 14,
            Kind::Irs | Kind::NumShares => return None,
        };
        match s {
            Schedule::D13 => Some(d),
            Schedule::G13 => match self {
                Kind::Funds | Kind::Legal => None,
                Kind::Name | Kind::Group | Kind::Sec => Some(d),
                _ => Some(d - 2),
            },
        }
    }

    fn is_share_row(self) -> bool {
        matches!(
            self,
            Kind::SoleVote
                | Kind::SharedVote
                | Kind::SoleDisp
                | Kind::SharedDisp
                | Kind::Aggregate
                | Kind::Percent
        )
    }
}

fn label_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        let alts: Vec<String> = LABEL_PATTERNS.iter().map(|p| format!("({p})")).collect();
        Regex::new(&ascii_boundaries(&format!(r"(?i)\b(?:{})", alts.join("|"))))
            .expect("label regex")
    })
}

static_re!(
    label_tail_re,
    r"(?i)^(?:[\s:.*]|\(\s*see\s+instructions?\s*\)|\(\s*see\s+item\s+\d+\s*(?:below|of\s+(?:the\s+)?(?:schedule|statement))?\s*\)|see\s+instructions?\b|\(\s*entities\s+only\s*\)|\(\s*optional\s*\)|\(\s*voluntary\s*\)|\(\s*\d\s*\)(?:\s|$))+"
);

#[derive(Debug, Clone)]
struct Label {
    kind: Kind,
    /// Where the label text starts (including a row number just before it).
    start: usize,
    /// Where its value may start.
    end: usize,
}

fn find_labels(t: &str) -> Vec<Label> {
    let mut out: Vec<Label> = Vec::new();
    for caps in label_re().captures_iter(t) {
        let Some(whole) = caps.get(0) else { continue };
        let Some(idx) = (1..=KINDS.len()).find(|&i| caps.get(i).is_some()) else {
            continue;
        };
        let kind = KINDS[idx - 1];
        if kind != Kind::Irs && !at_label_position(t, whole.start()) {
            continue;
        }
        if idx > FIRST_SHORT && !short_label_ok(t, whole.start(), whole.end(), kind) {
            continue;
        }
        let mut end = whole.end();
        // A row number printed in the caption ("in Row 11") is a value when a decimal point,
        // percent sign or thousands group follows it ("in Row | 9.2%").
        let label = whole.as_str();
        let digits = label.len() - label.trim_end_matches(|c: char| c.is_ascii_digit()).len();
        if digits > 0 {
            let after = &t.as_bytes()[end..];
            let value_like = match after {
                [b'.', d, ..] | [b',', d, ..] => d.is_ascii_digit(),
                [b'%', ..] => true,
                _ => false,
            };
            if value_like {
                end -= digits;
            }
        }
        if let Some(m) = label_tail_re().find(&t[end..]) {
            end += m.end();
        }
        // The tail may end in a '.' that is the decimal point of the value (".7%").
        if end > whole.end()
            && t[..end].ends_with('.')
            && t[end..].starts_with(|c: char| c.is_ascii_digit())
        {
            end -= 1;
        }
        out.push(Label {
            kind,
            start: whole.start(),
            end,
        });
    }
    out
}

/// The row number printed just before a caption at `start` ("7.", "(7)", "Item 7:", "Row 7").
fn row_number_before(t: &str, start: usize) -> Option<u32> {
    let from = floor_char_boundary(t, start.saturating_sub(16));
    let before = t[from..start].trim_end();
    let before = before.trim_end_matches(['.', ')', ':', '-']).trim_end();
    let digits = before.len() - before.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    if !(1..=2).contains(&digits) {
        return None;
    }
    let head = &before[..before.len() - digits];
    // Not part of a larger number or word ("13d-1", "A1").
    if head.ends_with(|c: char| c.is_alphanumeric() || c == ',' || c == '.') {
        return None;
    }
    before[before.len() - digits..].parse().ok()
}

/// A short caption ("(9) Aggregate", "Item 1: REPORTING PERSONS", "(5) Sole Voting | 100")
/// is a row label only after a row number, and when it ends its line or cell (optionally
/// after ':' or '--') or a number follows it on the same line.
fn short_label_ok(t: &str, start: usize, end: usize, kind: Kind) -> bool {
    let Some(n) = row_number_before(t, start) else {
        return false;
    };
    if kind == Kind::Name && n != 1 {
        return false;
    }
    let rest = t[end..].trim_start_matches([' ', ':', '-', '*']);
    rest.is_empty()
        || rest.starts_with(['\n', '\t'])
        || (kind.is_share_row() && rest.starts_with(|c: char| c.is_ascii_digit()))
}

/// Words of the "Number of shares beneficially owned by each reporting person with" block,
/// which layouts interleave with rows 7-10.
const NOISE_WORDS: &[&str] = &[
    "number",
    "of",
    "shares",
    "beneficially",
    "owned",
    "by",
    "each",
    "reporting",
    "person",
    "with",
    "persons",
];

/// A label is a row label (not prose that happens to say "sole voting power") when it starts
/// a line or a cell, possibly after a row number and words of the "Number of shares..." block.
fn at_label_position(t: &str, start: usize) -> bool {
    let from = floor_char_boundary(t, start.saturating_sub(120));
    let before = &t[from..start];
    let cut = before
        .rfind(['\n', '\t'])
        .map_or(if from == 0 { 0 } else { usize::MAX }, |p| p + 1);
    if cut == usize::MAX {
        return false;
    }
    let mut rest = before[cut..].trim_end();
    // A row number: "7.", "(7)", "7)", "Item 7", "Row 7", "7".
    let stripped = rest.trim_end_matches(['.', ')', ':', '-']);
    let digits = stripped.len()
        - stripped
            .trim_end_matches(|c: char| c.is_ascii_digit())
            .len();
    if (1..=2).contains(&digits) {
        rest = stripped[..stripped.len() - digits]
            .trim_end_matches('(')
            .trim_end();
        let lower = rest.to_ascii_lowercase();
        for w in ["item", "row"] {
            if lower.ends_with(w) {
                rest = rest[..rest.len() - w.len()].trim_end();
                break;
            }
        }
    }
    rest.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .all(|w| {
            let l = w.to_ascii_lowercase();
            NOISE_WORDS.contains(&l.as_str())
                || (w.len() <= 2 && w.chars().all(|c| c.is_ascii_digit()))
        })
}

#[derive(Debug, Clone)]
struct Cover {
    start: usize,
    end: usize,
    /// Indices into the label list, in order.
    labels: Vec<usize>,
}

/// Group labels into cover pages: one per "Name of Reporting Person", holding share rows.
fn group_covers(labels: &[Label]) -> Vec<Cover> {
    let mut covers: Vec<Cover> = Vec::new();
    let mut cur: Option<Cover> = None;
    let mut closed = false;
    let finish = |c: Cover, covers: &mut Vec<Cover>| {
        let rows = c
            .labels
            .iter()
            .filter(|&&i| labels[i].kind.is_share_row())
            .count();
        if rows >= 2 {
            covers.push(c);
        }
    };
    for (i, l) in labels.iter().enumerate() {
        if l.kind == Kind::Name {
            if let Some(c) = cur.take() {
                finish(c, &mut covers);
            }
            cur = Some(Cover {
                start: l.start,
                end: l.end,
                labels: vec![i],
            });
            closed = false;
            continue;
        }
        let Some(c) = cur.as_mut() else { continue };
        if closed || l.start > c.end + 4000 {
            continue;
        }
        // A label kind seen before in this cover (prose after the cover) closes it; an IRS
        // caption repeated inside the name ("Calix, Inc. (I.R.S. Identification No. 68-...)")
        // is just skipped.
        if c.labels
            .iter()
            .any(|&j| labels[j].kind == l.kind && l.kind != Kind::NumShares)
        {
            if l.kind != Kind::Irs {
                closed = true;
            }
            continue;
        }
        c.labels.push(i);
        c.end = l.end;
        if l.kind == Kind::Type {
            closed = true;
        }
    }
    if let Some(c) = cur.take() {
        finish(c, &mut covers);
    }
    covers
}

static_re!(
    item_colon_re,
    r"(?im)^item[ \t]+(\d{1,2})[ \t]*:[ \t]+(reporting[ \t]+persons?[ \t]*-*[ \t]*)?\S"
);

/// Cover rows written as a block of "Item N:<tab>value" lines, the block opened by
/// "Item 1:<tab>Reporting Person - NAME" and closed by a line that is not such a row. The
/// row numbers are the cover's (13D rows 1-14, 13G rows 1-12). Empty when there is none.
fn item_colon_labels(t: &str, s: Schedule) -> Vec<Label> {
    let kinds = [
        Kind::Name,
        Kind::Group,
        Kind::Sec,
        Kind::Funds,
        Kind::Legal,
        Kind::Citizen,
        Kind::SoleVote,
        Kind::SharedVote,
        Kind::SoleDisp,
        Kind::SharedDisp,
        Kind::Aggregate,
        Kind::Excludes,
        Kind::Percent,
        Kind::Type,
    ];
    let mut out = Vec::new();
    let mut in_block = false;
    let mut expect = 0usize;
    for m in item_colon_re().captures_iter(t) {
        let (Some(whole), Some(n)) = (m.get(0), m.get(1)) else {
            continue;
        };
        let Ok(n) = n.as_str().parse::<u32>() else {
            continue;
        };
        let opens = n == 1 && m.get(2).is_some();
        // The block continues only on the next line.
        let contiguous = in_block && whole.start() == expect;
        if !opens && !contiguous {
            in_block = false;
            continue;
        }
        in_block = true;
        let line_end = t[whole.end()..]
            .find('\n')
            .map_or(t.len(), |p| whole.end() + p);
        expect = (line_end + 1).min(t.len());
        let Some(kind) = kinds.iter().copied().find(|k| k.row(s) == Some(n)) else {
            continue;
        };
        out.push(Label {
            kind,
            start: whole.start(),
            // Before the value's first character (`\S`, which may be several bytes long).
            end: floor_char_boundary(t, whole.end() - 1),
        });
    }
    if out.iter().any(|l| l.kind == Kind::Name) {
        out
    } else {
        Vec::new()
    }
}

fn first_item(t: &str) -> Option<usize> {
    item_re().find(t).map(|m| m.start())
}

fn title_markers(t: &str, r: &Range<usize>) -> usize {
    let s = &t[r.clone()];
    [
        caption_issuer_re(),
        caption_class_re(),
        caption_cusip_re(),
        caption_event_re(),
    ]
    .iter()
    .filter(|re| re.is_match(s))
    .count()
}

// ---------------------------------------------------------------------------------------
// Reading values

struct Reader<'a> {
    view: &'a View,
    doc: &'a str,
    base: usize,
    spans: Spans,
}

impl<'a> Reader<'a> {
    fn text(&self) -> &'a str {
        &self.view.text
    }

    /// Record the span of view range `r` under `path`.
    fn record(&mut self, path: &str, r: Range<usize>) {
        let (s, e) = self.view.source_range(r.start, r.end);
        let ds = floor_char_boundary(self.doc, s.saturating_sub(self.base));
        let de = ceil_boundary(self.doc, e.saturating_sub(self.base)).max(ds);
        let text = self.doc.get(ds..de).unwrap_or("").to_string();
        self.spans.push(
            path.to_string(),
            Span {
                start: self.base + ds,
                end: self.base + de,
                text,
            },
        );
    }

    /// The value printed next to a parenthesised caption: the same line before the caption,
    /// else the nearest non-empty line above it.
    fn caption_value(
        &mut self,
        region: &Range<usize>,
        re: &Regex,
        path: &str,
        extend_up: bool,
    ) -> Option<String> {
        let t = self.text();
        let m = re.find(&t[region.clone()])?;
        let at = region.start + m.start();
        let mut r = value_before(t, at)?;
        if extend_up {
            r = continued_above(t, r);
        }
        let v = clean_text(&t[r.clone()]);
        if v.is_empty() {
            return None;
        }
        self.record(path, r);
        Some(v)
    }

    /// `Name of Issuer: value` written inline.
    fn inline_value(&mut self, region: &Range<usize>, re: &Regex, path: &str) -> Option<String> {
        let t = self.text();
        let m = re.find(&t[region.clone()])?;
        let start = region.start + m.end();
        let mut end = t[start..].find('\n').map_or(t.len(), |p| start + p);
        let mut start = start;
        for _ in 0..3 {
            if !t[start..end].trim().is_empty() || end >= t.len() {
                break;
            }
            // Value on the next line (a blank line between is allowed).
            start = (end + 1).min(t.len());
            end = t[start..].find('\n').map_or(t.len(), |p| start + p);
        }
        let raw = &t[start..end];
        let v = clean_text(raw);
        if v.is_empty() || v.len() > 200 {
            return None;
        }
        self.record(path, start..end);
        Some(v)
    }

    fn amendment(&mut self, region: &Range<usize>) -> Option<u32> {
        let t = self.text();
        for c in amendment_re().captures_iter(&t[region.clone()]) {
            let Some(m) = c.get(1).or_else(|| c.get(2)) else {
                continue;
            };
            let n = m
                .as_str()
                .parse::<u32>()
                .ok()
                .or_else(|| word_number(m.as_str()));
            if let Some(n) = n {
                let r = region.start + m.start()..region.start + m.end();
                self.record("amendment_number", r);
                return Some(n);
            }
        }
        None
    }

    /// "This Amendment No. 3 to the Schedule 13D" in the body, when the title page has none.
    fn amendment_in_body(&mut self, from: usize) -> Option<u32> {
        let t = self.text();
        let c = this_amendment_re().captures(&t[from..])?;
        let m = c.get(1)?;
        let n = m.as_str().parse::<u32>().ok()?;
        self.record("amendment_number", from + m.start()..from + m.end());
        Some(n)
    }

    fn event_date(&mut self, region: &Range<usize>) -> Option<chrono::NaiveDate> {
        let t = self.text();
        let Some(m) = caption_event_re().find(&t[region.clone()]) else {
            return self.event_date_uncaptioned(region);
        };
        let at = region.start + m.start();
        // Before the caption: same line, then up to three lines above.
        let line_start = t[..at].rfind('\n').map_or(0, |p| p + 1);
        let mut candidates: Vec<Range<usize>> = Vec::with_capacity(5);
        candidates.push(line_start..at);
        let mut end = line_start.saturating_sub(1);
        for _ in 0..3 {
            if end == 0 {
                break;
            }
            let s = t[..end].rfind('\n').map_or(0, |p| p + 1);
            candidates.push(s..end);
            end = s.saturating_sub(1);
        }
        // After: the rest of the caption line and the next line.
        let after_start = region.start + m.end();
        let l1 = t[after_start..]
            .find('\n')
            .map_or(t.len(), |p| after_start + p);
        let l2 = t[(l1 + 1).min(t.len())..]
            .find('\n')
            .map_or(t.len(), |p| l1 + 1 + p);
        candidates.push(after_start..l2.min(t.len()));
        // A paragraph of several lines above the caption ("April 18, 1996 - Appointment as
        // trustee of an ESOP ... since / December 31, 1990"): its first date is the event.
        if find_date(&t[candidates[0].clone()]).is_none() {
            let mut block: Vec<Range<usize>> = Vec::with_capacity(4);
            let mut end = line_start.saturating_sub(1);
            while end > 0 && block.len() < 4 {
                let s = t[..end].rfind('\n').map_or(0, |p| p + 1);
                let l = t[s..end].trim();
                if l.is_empty() && block.is_empty() {
                    // One blank line between the paragraph and the caption.
                } else if l.starts_with('(') || !l.chars().any(char::is_alphanumeric) {
                    break;
                } else {
                    block.push(s..end);
                }
                if s == 0 {
                    break;
                }
                end = s - 1;
            }
            if block.len() >= 2 {
                for r in block.iter().rev() {
                    if let Some((d, rr)) = find_date(&t[r.clone()]) {
                        self.record("event_date", r.start + rr.start..r.start + rr.end);
                        return Some(d);
                    }
                }
            }
        }
        for r in candidates {
            if let Some((d, rr)) = find_date(&t[r.clone()]) {
                self.record("event_date", r.start + rr.start..r.start + rr.end);
                return Some(d);
            }
        }
        None
    }

    /// Without the event caption: a date alone in parentheses on a line of the title page
    /// ("SCHEDULE 13G / (12/31/97)"), else the period a 13G is filed for ("Date: July 9, 1998
    /// (For the period ended December 31, 1997)").
    fn event_date_uncaptioned(&mut self, region: &Range<usize>) -> Option<chrono::NaiveDate> {
        let t = self.text();
        let mut start = region.start;
        for line in t[region.clone()].split_inclusive('\n') {
            let v = line.trim();
            if let Some(inner) = v.strip_prefix('(').and_then(|v| v.strip_suffix(')')) {
                if let Some(d) = parse_date(inner) {
                    let lead = line.len() - line.trim_start().len();
                    self.record("event_date", start + lead + 1..start + lead + v.len() - 1);
                    return Some(d);
                }
            }
            start += line.len();
        }
        let m = period_ended_re().find(t)?;
        let rest = &t[m.end()..floor_char_boundary(t, (m.end() + 40).min(t.len()))];
        let (d, r) = find_date(rest)?;
        self.record("event_date", m.end() + r.start..m.end() + r.end);
        Some(d)
    }

    fn rules(&mut self, region: &Range<usize>) -> Vec<String> {
        let t = self.text();
        let s = &t[region.clone()];
        let matches: Vec<(Range<usize>, String)> = rule_re()
            .captures_iter(s)
            .filter_map(|c| Some((c.get(0)?.range(), c.get(1)?.as_str().to_ascii_lowercase())))
            .collect();
        let mut out = Vec::new();
        for (k, (r, letter)) in matches.iter().enumerate() {
            let prev_end = if k == 0 { 0 } else { matches[k - 1].0.end };
            let line_start = s[..r.start].rfind('\n').map_or(0, |p| p + 1).max(prev_end);
            let before = &s[line_start..r.start];
            let next_start = matches.get(k + 1).map_or(s.len(), |m| m.0.start);
            let line_end = s[r.end..]
                .find('\n')
                .map_or(s.len(), |p| r.end + p)
                .min(next_start);
            let after = &s[r.end..line_end];
            if is_checked(before) || (before.trim().is_empty() && is_checked(after)) {
                let rule = format!("Rule 13d-1({letter})");
                if !out.contains(&rule) {
                    let path = format!("rules[{}]", out.len());
                    self.record(&path, region.start + r.start..region.start + r.end);
                    out.push(rule);
                }
            }
        }
        out
    }

    fn cusips(&mut self, region: &Range<usize>, out: &mut Vec<String>) {
        let t = self.text();
        let mut found: Vec<(String, Range<usize>)> = Vec::new();
        if let Some(m) = caption_cusip_re().find(&t[region.clone()]) {
            let at = region.start + m.start();
            if let Some(r) = value_before(t, at) {
                for (c, rr) in cusip_candidates(&t[r.clone()]) {
                    found.push((c, r.start + rr.start..r.start + rr.end));
                }
            }
        }
        for c in cusip_inline_re().captures_iter(&t[region.clone()]) {
            let Some(m) = c.get(1) else { continue };
            if let Some((cusip, rr)) = cusip_candidates(m.as_str()).into_iter().next() {
                let s = region.start + m.start();
                found.push((cusip, s + rr.start..s + rr.end));
            }
        }
        for (c, r) in found {
            if !out.contains(&c) {
                let path = format!("issuer.cusips[{}]", out.len());
                self.record(&path, r);
                out.push(c);
            }
        }
    }

    /// The CUSIP named just before a cover (inline or in a dropped running header).
    fn cusip_near(&self, r: &Range<usize>, cover_start: usize) -> Option<String> {
        let t = self.text();
        let from = r.start.max(cover_start.saturating_sub(1500)).min(r.end);
        let from = floor_char_boundary(t, from);
        let inline = cusip_inline_re()
            .captures_iter(&t[from..r.end])
            .filter_map(|c| {
                c.get(1)
                    .and_then(|m| cusip_candidates(m.as_str()).into_iter().next())
            })
            .map(|(c, _)| c)
            .last();
        inline.or_else(|| {
            self.view
                .header_cusips
                .iter()
                .rev()
                .find(|(p, _)| *p <= cover_start && *p + 3000 >= cover_start)
                .and_then(|(_, c)| normalise_cusip(c))
        })
    }

    fn person(
        &mut self,
        cover: &Cover,
        labels: &[Label],
        s: Schedule,
        idx: usize,
    ) -> ReportingPerson {
        let mut p = ReportingPerson::default();
        let t = self.text();
        let numbered = cover
            .labels
            .iter()
            .filter(|&&i| preceded_by_number(t, labels[i].start))
            .count()
            * 2
            >= cover.labels.len();
        let mut name_raw: Option<Range<usize>> = None;
        let mut irs_raw: Option<Range<usize>> = None;
        let mut seen = Vec::new();
        for (k, &li) in cover.labels.iter().enumerate() {
            let l = &labels[li];
            if seen.contains(&l.kind) {
                continue;
            }
            seen.push(l.kind);
            // The "Number of shares..." block interleaves with rows 7-10: it does not end
            // their values.
            let skip_block = matches!(
                l.kind,
                Kind::SoleVote | Kind::SharedVote | Kind::SoleDisp | Kind::SharedDisp
            );
            let next = cover.labels[k + 1..]
                .iter()
                .map(|&j| &labels[j])
                .find(|n| !(skip_block && n.kind == Kind::NumShares));
            let mut end = next.map_or_else(|| last_value_end(t, l.end), |n| n.start.max(l.end));
            if end < l.end {
                end = l.end;
            }
            let mut r = l.end..end;
            if let Some(n) = next {
                r = strip_row_number(t, r, n.kind.row(s), numbered);
            }
            r = trim_range(t, r);
            let raw = &t[r.clone()];
            let path = |f: &str| format!("reporting_persons[{idx}].{f}");
            match l.kind {
                Kind::Name => name_raw = Some(r),
                Kind::Irs => irs_raw = Some(r),
                Kind::Group => {
                    if let Some(g) = group_box(raw) {
                        self.record(&path("member_of_group"), r);
                        p.member_of_group = Some(g);
                    }
                }
                Kind::Funds => {
                    p.source_of_funds = codes(raw, FUND_CODES);
                    if !p.source_of_funds.is_empty() {
                        self.record(&path("source_of_funds"), r);
                    }
                }
                Kind::Legal => {
                    p.legal_proceedings = Some(is_checked(raw));
                    self.record(&path("legal_proceedings"), r);
                }
                Kind::Excludes => {
                    p.excludes_certain_shares = Some(is_checked(raw));
                    self.record(&path("excludes_certain_shares"), r);
                }
                Kind::Citizen => {
                    let v = citizenship(raw);
                    if let Some(v) = v {
                        self.record(&path("citizenship"), r);
                        p.citizenship = Some(v);
                    }
                }
                Kind::SoleVote
                | Kind::SharedVote
                | Kind::SoleDisp
                | Kind::SharedDisp
                | Kind::Aggregate => {
                    if let Some((v, rr)) = share_value_row(raw, l.kind.row(s)) {
                        let field = match l.kind {
                            Kind::SoleVote => "sole_voting_power",
                            Kind::SharedVote => "shared_voting_power",
                            Kind::SoleDisp => "sole_dispositive_power",
                            Kind::SharedDisp => "shared_dispositive_power",
                            _ => "aggregate_amount",
                        };
                        self.record(&path(field), r.start + rr.start..r.start + rr.end);
                        let slot = match l.kind {
                            Kind::SoleVote => &mut p.sole_voting_power,
                            Kind::SharedVote => &mut p.shared_voting_power,
                            Kind::SoleDisp => &mut p.sole_dispositive_power,
                            Kind::SharedDisp => &mut p.shared_dispositive_power,
                            _ => &mut p.aggregate_amount,
                        };
                        *slot = Some(v);
                    }
                }
                Kind::Percent => match percent_value(raw) {
                    Percent::Value(v, rr) => {
                        self.record(
                            &path("percent_of_class"),
                            r.start + rr.start..r.start + rr.end,
                        );
                        p.percent_of_class = Some(v);
                    }
                    Percent::LessThan(raw) => {
                        self.record(&path("percent_of_class"), r.clone());
                        p.comment = Some(format!(
                            "percent_of_class printed as \"{raw}\": an upper bound only"
                        ));
                    }
                    Percent::None => {}
                },
                Kind::Type => {
                    p.type_of_reporting_person = codes(raw, TYPE_CODES);
                    if !p.type_of_reporting_person.is_empty() {
                        self.record(&path("type_of_reporting_person"), r);
                    }
                }
                Kind::Sec | Kind::NumShares => {}
            }
        }
        // Row 1: the name, with an IRS number printed beside it.
        let name_from = |r: &Range<usize>| clean_name(&t[r.clone()]);
        let mut name = name_raw
            .as_ref()
            .and_then(|r| name_from(r).map(|n| (n, r.clone())));
        if name.is_none() {
            name = irs_raw
                .as_ref()
                .and_then(|r| name_from(r).map(|n| (n, r.clone())));
        }
        // Some filers typed the name (and IRS number) above the row-1 caption, leaving the row
        // itself blank.
        let above = if name.is_none() {
            cover
                .labels
                .iter()
                .map(|&i| &labels[i])
                .find(|l| l.kind == Kind::Name)
                .and_then(|l| value_above_caption(t, l.start))
        } else {
            None
        };
        if let Some(r) = &above {
            name = t[r.clone()]
                .split('\n')
                .find(|line| line.chars().any(char::is_alphabetic))
                .and_then(clean_name)
                .map(|n| (n, r.clone()));
        }
        for r in [&name_raw, &irs_raw, &above].into_iter().flatten() {
            if let Some(m) = irs_number_re().find(&t[r.clone()]) {
                p.irs_number = Some(m.as_str().to_string());
                self.record(
                    &format!("reporting_persons[{idx}].irs_number"),
                    r.start + m.start()..r.start + m.end(),
                );
                break;
            }
        }
        if let Some(((n, _), r)) = name.map(|(n, r)| ((n, ()), r)) {
            self.record(&format!("reporting_persons[{idx}].name"), r);
            p.name = n;
        }
        p
    }

    fn signatures(&mut self, from: usize) -> Vec<Signature> {
        let t = self.text();
        let from = floor_char_boundary(t, from.min(t.len()));
        let heading = signature_heading_re()
            .find(&t[from..])
            .map(|m| from + m.start());
        let slash = sig_mark(&t[from..]).map(|(p, _)| from + p);
        let Some(start) = heading.or(slash) else {
            return Vec::new();
        };
        let end = floor_char_boundary(t, (start + 6000).min(t.len()));
        let region = &t[start..end];
        // The date: after "Date:"/"Dated", else the first date in the block.
        let mut date = None;
        for m in date_label_re().find_iter(region) {
            let tail_end = floor_char_boundary(region, (m.end() + 60).min(region.len()));
            if let Some((d, rr)) = find_date(&region[m.end()..tail_end]) {
                date = Some((d, start + m.end() + rr.start..start + m.end() + rr.end));
                break;
            }
        }
        if date.is_none() {
            date = find_date(region).map(|(d, rr)| (d, start + rr.start..start + rr.end));
        }
        if date.is_none() {
            // "Date: ..." printed above the "/s/" line and its "Signature" caption (with the
            // signer's entity lines between), or a line holding only a date ("January 28,
            // 2002" over a "Date" caption).
            let mut above = start;
            for _ in 0..8 {
                above = t[..crate::container::floor_char_boundary(t, above.saturating_sub(1))]
                    .rfind('\n')
                    .map_or(0, |p| p + 1);
            }
            let above = above.max(from);
            let block = &t[above..start];
            if let Some(m) = date_label_re().find_iter(block).last() {
                date = find_date(&block[m.end()..])
                    .map(|(d, rr)| (d, above + m.end() + rr.start..above + m.end() + rr.end));
            }
            if date.is_none() {
                let mut ls = above;
                for line in block.split('\n') {
                    let tl = line.trim();
                    if let Some((d, rr)) = find_date(tl) {
                        if rr.len() + 2 >= tl.len() {
                            let off = ls + (line.len() - line.trim_start().len());
                            date = Some((d, off + rr.start..off + rr.end));
                        }
                    }
                    ls += line.len() + 1;
                }
            }
        }
        let mut sigs = Vec::new();
        let mut pos = 0;
        while let Some((p, len)) = sig_mark(&region[pos..]) {
            let at = pos + p + len;
            let line_end = region[at..]
                .find(['\n', '\t'])
                .map_or(region.len(), |q| at + q);
            let mut name = clean_text(&region[at..line_end]);
            let mut name_r = trim_range(t, start + at..start + line_end);
            let mut title = None;
            // Following lines: "Name: X", "Title: Y", or a bare title line.
            let mut cursor = line_end;
            for _ in 0..3 {
                let ls = (cursor + 1).min(region.len());
                if ls >= region.len() {
                    break;
                }
                let le = region[ls..].find('\n').map_or(region.len(), |q| ls + q);
                let line = region[ls..le].trim();
                let lower = line.to_ascii_lowercase();
                if let Some(v) = lower.strip_prefix("name:").map(|_| &line[5..]) {
                    if name.is_empty() || name.len() < 3 {
                        name = clean_text(v);
                        name_r = start + ls..start + le;
                    }
                } else if lower.starts_with("title:")
                    || lower.starts_with("its:")
                    || lower.starts_with("its ")
                {
                    let v = line.split_once([':', ' ']).map_or(line, |x| x.1);
                    title = Some(clean_text(v)).filter(|s| !s.is_empty());
                } else if lower.starts_with("by:")
                    || sig_mark(line).is_some()
                    || find_date(line).is_some()
                    || line.is_empty()
                {
                    break;
                } else if title.is_none() && line.len() < 80 && !lower.starts_with("date") {
                    title = Some(clean_text(line));
                }
                cursor = le;
            }
            if !name.is_empty() {
                let k = sigs.len();
                self.record(&format!("signatures[{k}].name"), name_r);
                if let Some((_, r)) = &date {
                    self.record(&format!("signatures[{k}].date"), r.clone());
                }
                sigs.push(Signature {
                    name: Some(name),
                    title,
                    date: date.as_ref().map(|d| d.0),
                    reporting_person: None,
                });
            }
            pos = line_end.max(at);
            if sigs.len() >= 100 {
                break;
            }
        }
        if sigs.is_empty() {
            if let Some((d, r)) = date {
                self.record("signatures[0].date", r);
                sigs.push(Signature {
                    date: Some(d),
                    ..Default::default()
                });
            }
        }
        sigs
    }
}

// ---------------------------------------------------------------------------------------
// Helpers on text

/// The first signature mark: "/s/", "/S/", or "S\\" before a name ("S\\DEBORAH R. GATZEK",
/// Franklin's agent in the 1990s). Its position and length.
fn sig_mark(s: &str) -> Option<(usize, usize)> {
    let b = s.as_bytes();
    let mut from = 0;
    while let Some(p) = memchr::memchr2(b'/', b'\\', &b[from..]).map(|p| from + p) {
        if b[p] == b'/' {
            if p + 2 < b.len() && (b[p + 1] | 0x20) == b's' && b[p + 2] == b'/' {
                return Some((p, 3));
            }
        } else if p > 0
            && (b[p - 1] == b'S' || b[p - 1] == b's')
            && (p == 1 || b[p - 2].is_ascii_whitespace())
            && b.get(p + 1).is_some_and(u8::is_ascii_alphabetic)
        {
            return Some((p - 1, 2));
        }
        from = p + 1;
    }
    None
}

fn prefix(s: &str, n: usize) -> &str {
    &s[..floor_char_boundary(s, n.min(s.len()))]
}

fn ceil_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while i < s.len() && !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// The range of the value printed before a caption at `at`: the text on the caption's line
/// before it, else the nearest non-empty line above (at most 3 lines up).
fn value_before(t: &str, at: usize) -> Option<Range<usize>> {
    let line_start = t[..at].rfind('\n').map_or(0, |p| p + 1);
    let r = value_line_before(t, at, line_start)?;
    // Two captions side by side ("(Title of class) | (CUSIP number)") sit under a value line
    // with as many cells: keep the cell over this caption.
    let caption_end = t[at..].find('\n').map_or(t.len(), |p| at + p);
    let cells = t[line_start..caption_end].matches('\t').count();
    if r.end <= line_start && cells > 0 && t[r.clone()].matches('\t').count() == cells {
        let k = t[line_start..at].matches('\t').count();
        let mut start = r.start;
        for (i, cell) in t[r.clone()].split('\t').enumerate() {
            if i == k {
                return Some(trim_range(t, start..start + cell.len()));
            }
            start += cell.len() + 1;
        }
    }
    Some(r)
}

fn value_line_before(t: &str, at: usize, line_start: usize) -> Option<Range<usize>> {
    let same = trim_range(t, line_start..at);
    if t[same.clone()].chars().any(|c| c.is_alphanumeric()) {
        // In a table the value may be the previous cell; take the last cell.
        let s = &t[same.clone()];
        let cell = s.rfind('\t').map_or(0, |p| p + 1);
        let c = s[cell..].trim();
        // The cell before is another caption ("(Title of class) | (CUSIP number)"): the
        // value is on the line above.
        if !(c.starts_with('(') && c.ends_with(')')) {
            return Some(trim_range(t, same.start + cell..same.end));
        }
    }
    let mut end = line_start.saturating_sub(1);
    for _ in 0..3 {
        if line_start == 0 {
            return None;
        }
        let s = t[..end].rfind('\n').map_or(0, |p| p + 1);
        let r = trim_range(t, s..end);
        if t[r.clone()].chars().any(|c| c.is_alphanumeric()) {
            return Some(r);
        }
        if s == 0 {
            return None;
        }
        end = s - 1;
    }
    None
}

/// The lines printed just above a caption at `at` (at most 3, rules and blank lines between
/// skipped), up to a blank line, a page header (`CUSIP No.`, `Page`) or a rule above them.
fn value_above_caption(t: &str, at: usize) -> Option<Range<usize>> {
    let mut end = t[..at].rfind('\n')?;
    let mut found: Option<Range<usize>> = None;
    for _ in 0..6 {
        let start = t[..end].rfind('\n').map_or(0, |p| p + 1);
        let line = t[start..end].trim();
        let rule = !line.is_empty() && line.chars().all(|c| "_-=*".contains(c));
        let lower = line.to_ascii_lowercase();
        if line.is_empty() || rule {
            if found.is_some() {
                break;
            }
        } else if lower.contains("cusip") || lower.contains("page") || line.ends_with(')') {
            break;
        } else {
            found = Some(trim_range(t, start..found.map_or(end, |f| f.end)));
            if found
                .as_ref()
                .is_some_and(|f| t[f.clone()].lines().count() >= 3)
            {
                break;
            }
        }
        if start == 0 {
            break;
        }
        end = start - 1;
    }
    found
}

/// A caption value whose line starts in lower case or with "Par Value" ("par value $.10 per
/// share", "(including the associated rights)"), or whose line above ends in a comma,
/// continues a line above it: take up to two lines
/// above (a blank line between is allowed; a parenthesised caption line stops it).
fn continued_above(t: &str, r: Range<usize>) -> Range<usize> {
    let mut r = r;
    for _ in 0..2 {
        let v = t[r.clone()].trim_start_matches(['(', '[', ' ']);
        let lower = v.starts_with(|c: char| c.is_ascii_lowercase())
            || v.get(..9)
                .is_some_and(|h| h.eq_ignore_ascii_case("par value"));
        let ls = t[..r.start].rfind('\n').map_or(0, |p| p + 1);
        if ls == 0 {
            break;
        }
        let mut end = ls - 1;
        let mut prev = None;
        for _ in 0..2 {
            let s = t[..end].rfind('\n').map_or(0, |p| p + 1);
            let pr = trim_range(t, s..end);
            if pr.start < pr.end {
                prev = Some(pr);
                break;
            }
            if s == 0 {
                break;
            }
            end = s - 1;
        }
        let Some(pr) = prev else { break };
        let p = &t[pr.clone()];
        if !(lower || p.ends_with(','))
            || p.starts_with('(')
            || p.ends_with(')') && !p.contains('$')
            || !p.chars().any(|c| c.is_alphanumeric())
            || p.len() > 120
        {
            break;
        }
        r = pr.start..r.end;
    }
    r
}

fn trim_range(t: &str, r: Range<usize>) -> Range<usize> {
    let s = &t[r.clone()];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead + trail >= s.len() {
        return r.start..r.start;
    }
    r.start + lead..r.end - trail
}

fn clean_text(s: &str) -> String {
    let s = squash(s);
    s.trim_matches(|c: char| c.is_whitespace() || c == ',' || c == ';' || c == ':')
        .to_string()
}

/// Where the value of the last label of a cover ends: two non-empty lines or 300 bytes.
fn last_value_end(t: &str, from: usize) -> usize {
    let limit = floor_char_boundary(t, (from + 300).min(t.len()));
    let mut lines = 0;
    let mut pos = from;
    while pos < limit {
        let le = t[pos..limit].find('\n').map_or(limit, |p| pos + p);
        if !t[pos..le].trim().is_empty() {
            lines += 1;
            if lines == 2 {
                return le;
            }
        } else if lines == 1 {
            return le;
        }
        pos = le + 1;
    }
    limit
}

/// Is the label at `start` preceded by a row number ("7.", "(7)", "Item 7")?
fn preceded_by_number(t: &str, start: usize) -> bool {
    let from = floor_char_boundary(t, start.saturating_sub(12));
    let before = t[from..start].trim_end();
    let before = before.trim_end_matches(['.', ')', ':']);
    before.ends_with(|c: char| c.is_ascii_digit())
}

static_re!(
    trailing_row_re,
    r"(?i)(?:^|[\s\t])((?:item|row)\s*)?(\()?\s*(\d{1,2})\s*(\))?\s*([.:])?\s*$"
);

/// Strip the row number of the next label from the end of a value ("0 8." -> "0").
fn strip_row_number(
    t: &str,
    r: Range<usize>,
    next_row: Option<u32>,
    numbered: bool,
) -> Range<usize> {
    let s = &t[r.clone()];
    let Some(c) = trailing_row_re().captures(s) else {
        return r;
    };
    let Some(num) = c.get(3) else { return r };
    let Ok(n) = num.as_str().parse::<u32>() else {
        return r;
    };
    let decorated =
        c.get(1).is_some() || c.get(2).is_some() || c.get(4).is_some() || c.get(5).is_some();
    let whole = c.get(0).map_or(0..0, |m| m.range());
    let rest = s[..whole.start].trim();
    let matches_next = next_row == Some(n);
    let strip = if rest.is_empty() {
        matches_next && (decorated || numbered)
    } else {
        matches_next || (decorated && n <= 14)
    };
    if strip {
        r.start..r.start + whole.start
    } else {
        r
    }
}

static_re!(
    number_re,
    r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
);
static_re!(zero_re, r"(?i)-\s*0\s*-|\bnone\b|\bnil\b|\bzero\b");
static_re!(dash_re, r"(?:^|\s)[-\u{2013}\u{2014}]+(?:\s|$)");

/// Words after which a number is a reference, not a value.
fn is_reference(before: &str) -> bool {
    let b =
        before.trim_end_matches(|c: char| c.is_whitespace() || c == '(' || c == '#' || c == '.');
    let lower = b.to_ascii_lowercase();
    [
        "row", "rows", "item", "items", "note", "footnote", "page", "rule", "section", "line",
        "lines", "no", "box", "and", "or",
    ]
    .iter()
    .any(|w| {
        lower.ends_with(w)
            && !lower[..lower.len() - w.len()].ends_with(|c: char| c.is_ascii_alphabetic())
    })
}

/// A share count from a row value: the first number that is not a reference or footnote.
fn share_value(s: &str) -> Option<(f64, Range<usize>)> {
    share_value_row(s, None)
}

/// As [`share_value`], skipping the row's own number printed after its label
/// ("SOLE VOTING POWER 5 NONE").
fn share_value_row(s: &str, own_row: Option<u32>) -> Option<(f64, Range<usize>)> {
    let mut first_num = None;
    for m in number_re().find_iter(s) {
        let (a, b) = (m.start(), m.end());
        let prev = s[..a].chars().next_back();
        let next = s[b..].chars().next();
        // Glued to letters or dashes ("13d-1", "2(d)", "A1").
        if prev.is_some_and(|c| {
            c.is_ascii_alphabetic()
                || c == '-' && a >= 2 && s[..a - 1].ends_with(|c: char| c.is_ascii_alphanumeric())
        }) {
            continue;
        }
        if next.is_some_and(|c| {
            c.is_ascii_alphabetic() && !s[b..].to_ascii_lowercase().starts_with("shares")
        }) {
            continue;
        }
        // Footnote marks: "(1)".
        if prev == Some('(') && next == Some(')') && m.as_str().len() <= 2 {
            continue;
        }
        // A row number ending its line ("N/A\n10.\nShares Dispositive Power"): the caption
        // after it was not recognised, so the number is no value of this row.
        if m.as_str().len() <= 2
            && matches!(next, Some('.' | ')'))
            && s[b + 1..].starts_with(['\n', '\t'])
            && s[..a].trim_end_matches('(').ends_with(['\n', '\t'])
        {
            continue;
        }
        if is_reference(&s[..a]) {
            continue;
        }
        // A percent is not a share count.
        if s[b..].trim_start().starts_with('%') {
            continue;
        }
        if own_row.is_some_and(|r| m.as_str() == r.to_string()) && first_num.is_none() {
            // Only a row number if something else follows.
            let rest = &s[b..];
            if number_re().is_match(rest) || zero_re().is_match(rest) || dash_re().is_match(rest) {
                continue;
            }
        }
        first_num = Some((m.as_str(), a..b));
        break;
    }
    // A lone dash is 0 only when no number is written ("- 4,444,899" is a separator).
    let zero = zero_re().find(s).map(|m| m.range()).or_else(|| {
        if first_num.is_none() {
            dash_re().find(s).map(|m| m.range())
        } else {
            None
        }
    });
    match (first_num, zero) {
        (Some((n, r)), Some(z)) if z.start < r.start => {
            let _ = n;
            Some((0.0, z))
        }
        (Some((n, r)), _) => parse_number(n).map(|v| (v, r)),
        (None, Some(z)) => Some((0.0, z)),
        (None, None) => None,
    }
}

enum Percent {
    Value(f64, Range<usize>),
    LessThan(String),
    None,
}

static_re!(
    percent_re,
    r"(?i)(less\s+than|<)?\s*(\d+(?:\.\d+)?|\.\d+)\s*(%|percent|per\s+cent)"
);

fn percent_value(s: &str) -> Percent {
    for c in percent_re().captures_iter(s) {
        let (Some(m), Some(num)) = (c.get(0), c.get(2)) else {
            continue;
        };
        if is_reference(&s[..m.start()]) {
            continue;
        }
        if c.get(1).is_some() {
            return Percent::LessThan(squash(m.as_str()));
        }
        if let Some(v) = parse_number(num.as_str()) {
            return Percent::Value(v, num.range());
        }
    }
    let lower = s.to_ascii_lowercase();
    if lower.contains("less than") || lower.contains('<') {
        return Percent::LessThan(squash(s.lines().next().unwrap_or("")));
    }
    match share_value(s) {
        Some((v, r)) if v <= 100.0 => Percent::Value(v, r),
        _ => Percent::None,
    }
}

const FUND_CODES: &[&str] = &["SC", "BK", "AF", "WC", "PF", "OO"];
const TYPE_CODES: &[&str] = &[
    "BD", "BK", "IC", "IV", "IA", "EP", "HC", "SA", "CP", "CO", "PN", "IN", "OO", "FI",
];

/// The codes of a code row (`IA, PN`; `IN; HC`; `00` -> `OO`).
fn codes(s: &str, allowed: &[&str]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let cut = s.find("(See").or_else(|| s.find("(see")).unwrap_or(s.len());
    let mut s = &s[..cut];
    // A footnote in prose after the code line ("HC, CO" / "1 Telecom Italia S.p.A. ...
    // through Telecom Argentina S.A.") is not part of the row.
    let mut line_start = 0;
    let mut seen_code = false;
    for line in s.split('\n') {
        let prose = line.len() > 40 && line.bytes().filter(u8::is_ascii_lowercase).count() > 20;
        if seen_code && prose {
            s = &s[..line_start];
            break;
        }
        seen_code |= !prose
            && line
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| allowed.contains(&w));
        line_start += line.len() + 1;
    }
    let tokens: Vec<&str> = s
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let mut k = 0;
    while k < tokens.len() {
        let mut tok = tokens[k].to_string();
        // "I N" -> "IN".
        if tok.len() == 1 && k + 1 < tokens.len() && tokens[k + 1].len() == 1 {
            let joined = format!("{}{}", tok, tokens[k + 1]);
            if allowed.contains(&joined.to_uppercase().as_str())
                && joined.chars().all(|c| c.is_ascii_uppercase())
            {
                tok = joined;
                k += 1;
            }
        }
        k += 1;
        let fixed = match tok.as_str() {
            "00" | "0O" | "O0" => "OO".to_string(),
            "C0" => "CO".to_string(),
            "1N" => "IN".to_string(),
            _ => tok.clone(),
        };
        if fixed != fixed.to_uppercase() {
            continue;
        }
        if allowed.contains(&fixed.as_str()) && !out.contains(&fixed) {
            out.push(fixed);
        }
    }
    out
}

fn citizenship(s: &str) -> Option<String> {
    // A row number printed under the caption ("CITIZENSHIP ... | 4 | DELAWARE") is not it.
    let is_row = |c: &str| {
        let d = c.trim_matches(['(', ')', '.', ':', ' ']);
        (1..=2).contains(&d.len()) && d.bytes().all(|b| b.is_ascii_digit())
    };
    let first = s
        .lines()
        .flat_map(|l| l.split('\t'))
        .map(str::trim)
        .find(|c| !c.is_empty() && !is_row(c))?;
    let v = clean_text(first);
    let v = v
        .trim_matches(|c: char| c == '.' && !v.ends_with("A.") || c == '*')
        .to_string();
    (!v.is_empty() && v.chars().any(|c| c.is_alphabetic()) && v.len() <= 120).then_some(v)
}

static_re!(row_start_re, r"^\d{1,2}\.\s");
static_re!(irs_number_re, r"\b\d{2}-\d{7}\b|\b\d{9}\b");
static_re!(
    name_noise_re,
    r"(?i)\(?\s*(?:i\.?\s*r\.?\s*s\.?\s*(?:identification\s+|i\.\s*d\.\s*|id\s*)?(?:nos?\.?|number|#)|social\s+security\s+(?:nos?\.?|number)\s*[:.]?\s*[#\d]{3}-?[#\d]{2}-?[#\d]{4}|i\.\s*d\.\s*(?:nos?\.?|number|#)|s\.?\s*s\.?\s+or\s+i\.?r\.?s\.?|\bein\b|tax\s+id(?:entification)?\s*(?:no\.?|number)?|\bfein\b)\s*[:.]?\s*(?:\d{2}-\d{7}|\d{9})?\s*\)?"
);

/// Does the cell hold only words of the row-1 caption ("Person", "IRS Identification",
/// "No. of Above")?
fn caption_words_only(cell: &str) -> bool {
    const WORDS: &[&str] = &[
        "name",
        "names",
        "of",
        "reporting",
        "person",
        "persons",
        "irs",
        "i",
        "r",
        "s",
        "no",
        "nos",
        "identification",
        "above",
        "entities",
        "only",
        "the",
    ];
    let mut any = false;
    for w in cell
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !WORDS.contains(&w.to_ascii_lowercase().as_str()) {
            return false;
        }
        any = true;
    }
    any
}

fn clean_name(s: &str) -> Option<String> {
    // Lines of the name cell; drop IRS numbers and their labels.
    let mut parts = Vec::new();
    for line in s.split('\n') {
        // Cells that hold only caption words are the label column of a wrapped caption
        // ("Name of Reporting | Pioneer" / "Person | Global Asset").
        let line = line
            .split('\t')
            .filter(|cell| !caption_words_only(cell))
            .collect::<Vec<_>>()
            .join(" ");
        let l = name_noise_re().replace_all(&line, " ");
        let l = irs_number_re().replace_all(&l, " ");
        let l = clean_text(&l);
        let mut lower = l.to_ascii_lowercase();
        // A caption of a following row the labels missed ends the name ("... 2. CHECK THE
        // APPROPRIATE BOX IF A MEMBER OF A GROUP").
        let mut l = l;
        if let Some(p) = lower
            .find("check the appropriate")
            .or_else(|| lower.find("check appropriate"))
        {
            let head = lower[..p].trim_end();
            let head = head.trim_end_matches(|c: char| c.is_ascii_digit() || "().-:".contains(c));
            l = clean_text(&l[..head.len()]);
            lower = l.to_ascii_lowercase();
            if !l.is_empty() && !lower.starts_with("identification no") {
                parts.push(l);
            }
            break;
        }
        // A row number opening a later line starts the next row ("Philip H. Knight" /
        // "2. N/A" with the row-2 caption left out).
        if !parts.is_empty() && row_start_re().is_match(&l) {
            break;
        }
        if l.is_empty()
            || lower.starts_with("of above person")
            || lower.starts_with("identification no")
            || lower == "(entities only)"
        {
            continue;
        }
        parts.push(l);
        if parts.len() >= 4 {
            break;
        }
    }
    let name = clean_text(&parts.join(" "))
        .replace("( )", " ")
        .replace("()", " ");
    let name = clean_text(&name);
    // "(a) Jeffrey Klausner": a list letter before the only name.
    let name = match name.as_bytes() {
        [b'(', b'a', b')', b' ', ..] if !name.contains("(b)") => &name[4..],
        _ => name.as_str(),
    };
    // Footnote marks and dangling separators ("Investors **", "Invesco Ltd. –").
    let name = name
        .trim_end_matches(['(', '-', '*', '\u{2013}', '\u{2014}', ',', ' '])
        .trim()
        .to_string();
    (!name.is_empty() && name.chars().any(|c| c.is_alphabetic())).then_some(name)
}

/// Does this text show a checked box?
fn is_checked(s: &str) -> bool {
    let s = s.trim();
    if s.contains('☒')
        || s.contains('■')
        || s.contains('✓')
        || s.contains('√')
        || s.contains('✔')
        || s.contains('⌧')
    {
        return true;
    }
    // "X" / "x" standing alone, possibly in brackets or slashes.
    let bytes = s.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'X' || b == b'x' {
            let prev = if i == 0 { b' ' } else { bytes[i - 1] };
            let next = bytes.get(i + 1).copied().unwrap_or(b' ');
            if !prev.is_ascii_alphanumeric() && !next.is_ascii_alphanumeric() {
                return true;
            }
        }
    }
    false
}

/// Where the box caption of `letter` sits in a row-2 value: `(a)`, `[a]`, or `a.`/`a)`/`A.`
/// starting a line or cell. (start, end) of the caption.
fn box_caption(s: &str, letter: u8) -> Option<(usize, usize)> {
    let b = s.as_bytes();
    for (i, &c) in b.iter().enumerate() {
        if c.to_ascii_lowercase() != letter {
            continue;
        }
        let prev = if i == 0 { b'\n' } else { b[i - 1] };
        let next = b.get(i + 1).copied().unwrap_or(b' ');
        if (prev == b'(' || prev == b'[') && matches!(next, b')' | b']') {
            return Some((i - 1, i + 2));
        }
        let line_start = s[..i].trim_end_matches(' ').ends_with(['\n', '\t']) || i == 0;
        let after = b.get(i + 2).copied().unwrap_or(b' ');
        if line_start && matches!(next, b'.' | b')') && !after.is_ascii_alphanumeric() {
            return Some((i, i + 2));
        }
    }
    None
}

/// Row 2: which of (a)/(b) is checked.
fn group_box(s: &str) -> Option<String> {
    let (Some((a0, a1)), Some((b0, b1))) = (box_caption(s, b'a'), box_caption(s, b'b')) else {
        return None;
    };
    if a0 >= b0 || a1 > b0 {
        return None;
    }
    let seg_a = &s[a1..b0];
    let seg_b_end = s[b1..].find('\n').map_or(s.len(), |p| b1 + p);
    let seg_b_end = if s[b1..seg_b_end].trim().is_empty() {
        s[(seg_b_end + 1).min(s.len())..]
            .find('\n')
            .map_or(s.len(), |p| seg_b_end + 1 + p)
    } else {
        seg_b_end
    };
    let seg_b = &s[b1..seg_b_end.min(s.len())];
    // A mark just before "(a)"/"(b)" ("[X] (a)") counts too.
    let pre_a = &s[floor_char_boundary(s, a0.saturating_sub(4))..a0];
    if is_checked(seg_a) || (pre_a.trim() == "[X]" || pre_a.trim() == "☒") {
        Some("a".into())
    } else if is_checked(seg_b) {
        Some("b".into())
    } else {
        None
    }
}

/// CUSIP-like values in `s`, normalised (spaces/dashes removed), placeholders dropped.
fn cusip_candidates(s: &str) -> Vec<(String, Range<usize>)> {
    let mut out = Vec::new();
    // Whitespace-separated tokens with their positions.
    let mut toks: Vec<(usize, &str)> = Vec::new();
    let mut pos = 0;
    for w in s.split(|c: char| c.is_whitespace() || c == ',' || c == ';' || c == '/') {
        if !w.is_empty() {
            toks.push((pos, w));
        }
        pos += w.len() + 1;
    }
    let mut k = 0;
    while k < toks.len() {
        let mut best: Option<(String, usize)> = None;
        let mut acc = String::new();
        for (j, (_, w)) in toks.iter().enumerate().skip(k).take(3) {
            let w = w.trim_matches(|c: char| c == '.' || c == '(' || c == ')' || c == ':');
            if w.is_empty()
                || !w
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || matches!(c, '*' | '@' | '#'))
            {
                break;
            }
            acc.push_str(&w.replace('-', "").to_ascii_uppercase());
            if let Some(c) = normalise_cusip(&acc) {
                let better = match &best {
                    None => true,
                    Some((b, _)) => {
                        (c.len() == 9 && crate_check(&c)) || b.len() < c.len() && c.len() <= 9
                    }
                };
                if better {
                    best = Some((c, j));
                }
            }
            if acc.len() >= 10 {
                break;
            }
        }
        if let Some((c, j)) = best {
            let start = toks[k].0;
            let end = toks[j].0 + toks[j].1.len();
            out.push((c, start..end.min(s.len())));
            k = j + 1;
        } else {
            k += 1;
        }
    }
    out
}

fn normalise_cusip(raw: &str) -> Option<String> {
    let c: String = raw
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect::<String>()
        .to_ascii_uppercase();
    if !matches!(c.len(), 6 | 8 | 9 | 10) {
        return None;
    }
    if !c
        .chars()
        .all(|ch| ch.is_ascii_alphanumeric() || matches!(ch, '*' | '@' | '#'))
    {
        return None;
    }
    let digits = c.chars().filter(char::is_ascii_digit).count();
    if digits < 4 || c.chars().all(|ch| ch == '0') {
        return None;
    }
    // Words such as "13D" / dates are not CUSIPs; a CUSIP has at most 3 letters.
    if c.chars().filter(char::is_ascii_alphabetic).count() > 3 {
        return None;
    }
    Some(c)
}

/// The CUSIP check digit holds.
fn crate_check(c: &str) -> bool {
    let b = c.as_bytes();
    if b.len() != 9 {
        return false;
    }
    let mut sum = 0u32;
    for (i, &ch) in b[..8].iter().enumerate() {
        let v = match ch {
            b'0'..=b'9' => u32::from(ch - b'0'),
            b'A'..=b'Z' => u32::from(ch - b'A') + 10,
            b'*' => 36,
            b'@' => 37,
            b'#' => 38,
            _ => return false,
        };
        let v = if i % 2 == 1 { v * 2 } else { v };
        sum += v / 10 + v % 10;
    }
    u32::from(b[8].wrapping_sub(b'0')) == (10 - sum % 10) % 10
}

fn word_number(w: &str) -> Option<u32> {
    const W: [&str; 20] = [
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
    ];
    let l = w.to_ascii_lowercase();
    W.iter().position(|x| *x == l).map(|p| p as u32 + 1)
}

/// Item headings after the covers: (number, range of the item text) with numbers that never
/// go down (a line "Item 5 of the Schedule is amended" inside Item 5 continues Item 5).
fn item_headings(t: &str, region: &Range<usize>, max: u32) -> Vec<(u32, Range<usize>)> {
    let s = &t[region.clone()];
    let mut heads: Vec<(u32, usize)> = Vec::new();
    let mut cur = 0;
    for c in item_re().captures_iter(s) {
        let (Some(m), Some(n)) = (c.get(0), c.get(1)) else {
            continue;
        };
        let Ok(n) = n.as_str().parse::<u32>() else {
            continue;
        };
        if n == 0 || n > max || n <= cur {
            continue;
        }
        cur = n;
        heads.push((
            n,
            region.start + m.start() + (m.as_str().len() - m.as_str().trim_start().len()),
        ));
    }
    let sig = signature_heading_re()
        .find_iter(s)
        .map(|m| region.start + m.start())
        .find(|&p| heads.last().is_some_and(|h| p > h.1));
    let mut out = Vec::new();
    for (k, &(n, start)) in heads.iter().enumerate() {
        let end = heads
            .get(k + 1)
            .map_or_else(|| sig.unwrap_or(region.end), |h| h.1);
        out.push((n, start..end.max(start)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_text(s: &str) -> Schedule13D {
        parse(s, 0, false).expect("parses")
    }

    const TITLE: &str = "SCHEDULE 13D\n(Amendment No. 3)\nAcme Corp.\n(Name of Issuer)\nCommon Stock\n(Title of Class of Securities)\n552620 20 5\n(CUSIP Number)\nMarch 3, 2003\n(Date of Event Which Requires Filing of this Statement)\n\n";

    #[test]
    fn class_caption_variants_side_by_side_and_continued() {
        // "(Title and Class of Securities)"; a value continued from the line above.
        let doc = "SCHEDULE 13D\n\n              Acme Corp.\n           (Name of Issuer)\n\n              Common Stock\n       par value $.10 per share\n    (Title and Class of Securities)\n\n 123456789\n (CUSIP Number)\n";
        let f = parse_text(doc);
        assert_eq!(
            f.issuer.security_class.as_deref(),
            Some("Common Stock par value $.10 per share")
        );
        // Class and CUSIP captions side by side under a two-column value line.
        let doc = "SCHEDULE 13D\n\n              Acme Corp.\n           (Name of Issuer)\n\n   Common Stock, par value $1.00                    01475210\n- -----------------------------------   -----------------------------------\n   (Title of class of securities)                (CUSIP number)\n";
        let f = parse_text(doc);
        assert_eq!(
            f.issuer.security_class.as_deref(),
            Some("Common Stock, par value $1.00")
        );
        assert_eq!(f.issuer.cusips, vec!["01475210".to_string()]);
        // A caption line above the value stops the continuation.
        let doc = "SCHEDULE 13D\nAcme Corp.\n(Name of Issuer)\nclass A shares\n(Title of Class of Securities)\n";
        let f = parse_text(doc);
        assert_eq!(f.issuer.security_class.as_deref(), Some("class A shares"));
        let doc = "SCHEDULE 13D\nAcme Corp.\n(Name of Issuer)\nCommon Stock,\nPar Value $.01 Per Share\n(Title of Class and Securities)\n";
        let f = parse_text(doc);
        assert_eq!(
            f.issuer.security_class.as_deref(),
            Some("Common Stock, Par Value $.01 Per Share")
        );
        let doc = "SCHEDULE 13D\nAcme Corp.\n(Name of Issuer)\nCommon Stock\n(Title of Class of Security)\n";
        let f = parse_text(doc);
        assert_eq!(f.issuer.security_class.as_deref(), Some("Common Stock"));
    }

    #[test]
    fn irs_caption_inside_the_name_keeps_the_cover() {
        let doc = format!("{TITLE}1.\nNames of Reporting Persons.\nI.R.S. Identification Nos. of above persons (entities only)\nCalix, Inc. (I.R.S. Identification No. 68-0438710)\n6.\nCitizenship or Place of Organization\nDelaware\n7.\nSole Voting Power\nNone\n8.\nShared Voting Power\n5,681,839\n11.\nAggregate Amount Beneficially Owned by Each Reporting Person\n5,681,839\n13.\nPercent of Class Represented by Amount in Row (11)\n26.9%\n14.\nType of Reporting Person\nCO\n");
        let f = parse_text(&doc);
        assert_eq!(f.reporting_persons.len(), 1);
        let p = &f.reporting_persons[0];
        assert_eq!(p.shared_voting_power, Some(5_681_839.0));
        assert_eq!(p.percent_of_class, Some(26.9));
    }

    /// FMR's filing agent: cover rows as "Item N:<tab>value" lines.
    fn doc_fmr() -> String {
        "SCHEDULE 13G\n\nAmendment No. 2\nAcme Corp\ncommon stock\nCusip # 123456789\n\nCusip # 123456789\nItem 1:\tReporting Person - FMR LLC - (Tax ID:  04-2507163)\nItem 4:\tDelaware\nItem 5:\t577,251\nItem 6:\tNone\nItem 7:\t4,260,629\nItem 8:\t0\nItem 9:\t4,260,629\nItem 11:\t10.424%\nItem 12:\tHC\n\nCusip # 123456789\nItem 1:\tReporting Person - Edward C. Johnson 3d\nItem 4:\tUnited States of America\nItem 5:\t0\nItem 6:\t0\nItem 7:\t4,260,629\nItem 8:\t0\nItem 9:\t4,260,629\nItem 11:\t10.424%\nItem 12:\tIN\n\nItem 1(a).\tName of Issuer:\n\nAcme Corp\n\nItem 2(d).\tTitle of Class of Securities:\n\nCommon Stock\n\nItem 4.\tOwnership\n".to_string()
    }

    #[test]
    fn item_colon_cover_blocks() {
        let doc = &doc_fmr();
        let f = parse_text(doc);
        assert_eq!(f.reporting_persons.len(), 2);
        let p = &f.reporting_persons[0];
        assert_eq!(p.name, "FMR LLC");
        assert_eq!(p.citizenship.as_deref(), Some("Delaware"));
        assert_eq!(p.sole_voting_power, Some(577_251.0));
        assert_eq!(p.shared_voting_power, Some(0.0));
        assert_eq!(p.sole_dispositive_power, Some(4_260_629.0));
        assert_eq!(p.aggregate_amount, Some(4_260_629.0));
        assert_eq!(p.percent_of_class, Some(10.424));
        assert_eq!(p.type_of_reporting_person, vec!["HC".to_string()]);
        assert_eq!(f.reporting_persons[1].name, "Edward C. Johnson 3d");
        assert_eq!(f.issuer.security_class.as_deref(), Some("Common Stock"));
        // Item lines that do not open with "Reporting Person" are not a cover.
        let doc = "SCHEDULE 13G\nItem 1:\tAcme\nItem 4:\tDelaware\nItem 5:\t5\nItem 6:\t6\n";
        assert!(parse_text(doc).reporting_persons.is_empty());
        // A value starting with a character of several bytes (a robustness case: it panicked).
        let doc = doc_fmr().replace("FMR LLC", "\u{c9}cole LLC");
        let f = parse_text(&doc);
        assert_eq!(f.reporting_persons[0].name, "\u{c9}cole LLC");
        assert_eq!(f.reporting_persons[0].sole_voting_power, Some(577_251.0));
    }

    #[test]
    fn name_noise_and_marks() {
        for (raw, want) in [
            (
                "Torchmark Corporation\nI.R.S. I.D. No. 63-0780404",
                "Torchmark Corporation",
            ),
            (
                "CRAMER ROSENTHAL MCGLYNN, LLC\nIRS ID# 13-3156718",
                "CRAMER ROSENTHAL MCGLYNN, LLC",
            ),
            (
                "Joseph Neubauer\nSocial Security Number: ###-##-####",
                "Joseph Neubauer",
            ),
            (
                "Franklin Mutual Advisers, LLC (22-3463202)",
                "Franklin Mutual Advisers, LLC",
            ),
            ("Philip H. Knight\n2. N/A", "Philip H. Knight"),
            ("(a) Jeffrey Klausner", "Jeffrey Klausner"),
            ("Invesco Ltd. \u{2013} IRS # 980557567", "Invesco Ltd."),
            (
                "Capital Research Global Investors **",
                "Capital Research Global Investors",
            ),
            ("1818 Fund II, L.P.", "1818 Fund II, L.P."),
            ("(a) Foo LLC (b) Bar LP", "(a) Foo LLC (b) Bar LP"),
        ] {
            assert_eq!(clean_name(raw).as_deref(), Some(want), "{raw}");
        }
    }

    #[test]
    fn name_typed_above_the_row_one_caption() {
        let doc = format!("{TITLE}CUSIP No. 833964109        13G        Page 2 of 6 Pages\n\nEurocredit Investments, Ltd. and Richard C.W. Mauran\n13-1234567\n______________________\n1.   NAME OF REPORTING PERSONS\n     I.R.S. IDENTIFICATION NO. OF ABOVE PERSONS (ENTITIES ONLY)\n\n______________________\n2.   CHECK THE APPROPRIATE BOX IF A MEMBER OF A GROUP\n5. SOLE VOTING POWER\n0\n9. AGGREGATE AMOUNT BENEFICIALLY OWNED BY EACH REPORTING PERSON\n1,200\n");
        let f = parse_text(&doc);
        let p = &f.reporting_persons[0];
        assert_eq!(
            p.name,
            "Eurocredit Investments, Ltd. and Richard C.W. Mauran"
        );
        assert_eq!(p.irs_number.as_deref(), Some("13-1234567"));
        assert_eq!(p.aggregate_amount, Some(1200.0));
    }

    #[test]
    fn misspelt_dispositive_captions() {
        let doc = format!("{TITLE}1. NAME OF REPORTING PERSON\nAcme Fund\n5. SOLE VOTING POWER\n0\n6. SHARED VOTING POWER\n1,096,400\n7. SOLE DISPOTIVE POWER\n0\n8. SHARED DISPOTIVE POWER\n1,457,700\n9. AGGREGATE AMOUNT BENEFICIALLY OWNED BY EACH REPORTING PERSON\n1,457,700\n");
        let f = parse_text(&doc);
        let p = &f.reporting_persons[0];
        assert_eq!(p.sole_dispositive_power, Some(0.0));
        assert_eq!(p.shared_dispositive_power, Some(1_457_700.0));
        assert_eq!(p.aggregate_amount, Some(1_457_700.0));
    }

    #[test]
    fn citizenship_caption_wrapped_beside_its_value() {
        let doc = format!("{TITLE}1   NAME OF REPORTING PERSON:        Citibank, N.A.\n\n6   CITIZENSHIP OR PLACE OF           United States of America\n    ORGANIZATION:\n\n7   SOLE VOTING POWER:       1,353,468\n8   SHARED VOTING POWER:      -0-\n11  AGGREGATE AMOUNT BENEFICIALLY OWNED BY EACH REPORTING PERSON:     1,353,468\n");
        let f = parse_text(&doc);
        let p = &f.reporting_persons[0];
        assert_eq!(p.citizenship.as_deref(), Some("United States of America"));
        assert_eq!(p.sole_voting_power, Some(1_353_468.0));
    }

    #[test]
    fn citizenship_after_a_row_number_line() {
        assert_eq!(citizenship("\n4\nDELAWARE\n").as_deref(), Some("DELAWARE"));
        assert_eq!(citizenship("(6)\tU.S.A.").as_deref(), Some("U.S.A."));
        assert_eq!(citizenship("4\n").as_deref(), None);
    }

    #[test]
    fn hyphenated_dispositive_caption() {
        let doc = format!("{TITLE}1) Name of Reporting Person      Pioneer Global Asset Management S.p.A.\n\nNumber of      (5) Sole Voting      2956810\nShares              Power\n(6) Shared Voting      0\nPower\n(7) Sole Dispositive 2956810\nPower\n(8) Shared Disposi-      0\ntive Power\n\n9) Aggregate Amount Beneficially      2956810\nOwned by Each\n");
        let f = parse_text(&doc);
        let p = &f.reporting_persons[0];
        assert_eq!(p.sole_dispositive_power, Some(2_956_810.0));
        assert_eq!(p.shared_dispositive_power, Some(0.0));
    }

    #[test]
    fn signature_date_further_above_or_alone_on_its_line() {
        let tail = "Item 10. Certification.\nBy signing below I certify that the securities were acquired in the ordinary course.\n\n";
        let doc = format!("{TITLE}{tail}DATED: July 14, 2005\n\nHBK INVESTMENTS L.P.\n\nBy: /s/ Jon L. Mosle\nJon L. Mosle\n");
        let f = parse_text(&doc);
        assert_eq!(
            f.signatures[0].date,
            chrono::NaiveDate::from_ymd_opt(2005, 7, 14)
        );
        let doc = format!(
            "{TITLE}{tail}January 28, 2002\nDate\n\n/s/Dario Frigerio\nChief Executive Officer\n"
        );
        let f = parse_text(&doc);
        assert_eq!(
            f.signatures[0].date,
            chrono::NaiveDate::from_ymd_opt(2002, 1, 28)
        );
        // A date inside a sentence above the signature is not its date.
        let doc = format!("{TITLE}Item 10. Certification.\nThe shares were bought on March 3, 2003 in the ordinary course.\n/s/ Jon L. Mosle\n");
        let f = parse_text(&doc);
        assert_eq!(f.signatures[0].date, None);
    }

    #[test]
    fn event_date_without_its_caption() {
        let doc = "SCHEDULE 13G\n (12/31/97)\n\nURS CORP NEW\nCusip # 903236107\n1. NAME OF REPORTING PERSON\nAcme Advisors\n9. AGGREGATE AMOUNT BENEFICIALLY OWNED BY EACH REPORTING PERSON\n1,200\n";
        let f = parse_text(doc);
        assert_eq!(f.event_date, chrono::NaiveDate::from_ymd_opt(1997, 12, 31));
        assert_eq!(f.spans.get("event_date").unwrap().text, "12/31/97");
        let doc = "SCHEDULE 13G\nAcme Corp.\n(Name of Issuer)\n1. NAME OF REPORTING PERSON\nAcme Advisors\n9. AGGREGATE AMOUNT BENEFICIALLY OWNED BY EACH REPORTING PERSON\n1,200\nSignature\nDate:   July 9, 1998 (For the period ended\n        December 31, 1997)\n";
        let f = parse_text(doc);
        assert_eq!(f.event_date, chrono::NaiveDate::from_ymd_opt(1997, 12, 31));
    }

    #[test]
    fn event_date_paragraph_takes_its_first_date() {
        let doc = "SCHEDULE 13D\nAcme Corp.\n(Name of Issuer)\n\nApril 18, 1996 - Appointment as successor trustee of\nIssuer's ESOP which has been a 5% reporting person since\nDecember 31, 1990\n\n(Date of Event which Requires Filing\nof this Statement)\n";
        let f = parse_text(doc);
        assert_eq!(f.event_date, chrono::NaiveDate::from_ymd_opt(1996, 4, 18));
        // One line: unchanged; a caption line above stops the paragraph.
        let doc = "SCHEDULE 13D\nAcme Corp.\n(Name of Issuer)\nJohn Doe, 1 Main St (dated June 1, 1999)\n(Name, Address and Telephone Number)\nMarch 3, 2003\n(Date of Event Which Requires Filing of this Statement)\n";
        let f = parse_text(doc);
        assert_eq!(f.event_date, chrono::NaiveDate::from_ymd_opt(2003, 3, 3));
    }

    #[test]
    fn codes_stop_at_a_prose_footnote() {
        assert_eq!(
            codes("HC, CO\n1 Telecom Italia S.p.A. exercises its rights over Telecom Argentina S.A. indirectly", TYPE_CODES),
            vec!["HC".to_string(), "CO".to_string()]
        );
        assert_eq!(
            codes("IA\nPN", TYPE_CODES),
            vec!["IA".to_string(), "PN".to_string()]
        );
    }

    #[test]
    fn backslash_and_upper_case_signature_marks() {
        assert_eq!(sig_mark("x S\\DEBORAH R. GATZEK"), Some((2, 2)));
        assert_eq!(sig_mark("By: /S/ Thomas"), Some((4, 3)));
        assert_eq!(sig_mark("C:\\DOCS\\S\\x a/b"), None);
        let doc = format!("{TITLE}Item 10. Certification\nBy signing below we certify.\n\nJanuary 27, 1998\n\nFranklin Resources, Inc.\nCharles B. Johnson\nRupert H. Johnson, Jr.\nTempleton Global Advisors Limited\n\nS\\DEBORAH R. GATZEK\n\nBy: Deborah R. Gatzek\n");
        let f = parse_text(&doc);
        assert_eq!(f.signatures[0].name.as_deref(), Some("DEBORAH R. GATZEK"));
        assert_eq!(
            f.signatures[0].date,
            chrono::NaiveDate::from_ymd_opt(1998, 1, 27)
        );
    }

    #[test]
    fn event_caption_past_tense() {
        let doc = "SCHEDULE 13G\nAcme Corp.\n(Name of Issuer)\nApril 30, 2001\n\n(Date of Event Which Required Filing of this Statement)\n";
        let f = parse_text(doc);
        assert_eq!(f.event_date, chrono::NaiveDate::from_ymd_opt(2001, 4, 30));
    }

    #[test]
    fn numbered_rows_and_title() {
        let doc = format!("{TITLE}1. Names of Reporting Persons. I.R.S. Identification Nos. of above persons (entities only): Foo Fund L.P. 13-1234567\n2. Check the Appropriate Box if a Member of a Group (a) [ ] (b) [X]\n3. SEC Use Only\n4. Source of Funds: 00\n6. Citizenship or Place of Organization: Delaware\nNumber of 7. Sole Voting Power: 0*\nShares Beneficially 8. Shared Voting Power: 1,234,567(1)\nOwned by Each 9. Sole Dispositive Power: -0-\nReporting Person With 10. Shared Dispositive Power: 1,234,567\n11. Aggregate Amount Beneficially Owned by Each Reporting Person: 1,234,567\n12. Check if the Aggregate Amount in Row (11) Excludes Certain Shares [ ]\n13. Percent of Class Represented by Amount in Row (11): 5.2%\n14. Type of Reporting Person: PN\n\nItem 1. Security and Issuer\nText one.\nItem 4 is hereby amended.\nMore.\n\nSIGNATURE\nDate: February 21, 2003\n/s/ John Doe\nName: John Doe\nTitle: Manager\n");
        let f = parse_text(&doc);
        assert_eq!(f.amendment_number, Some(3));
        assert_eq!(f.issuer.name.as_deref(), Some("Acme Corp."));
        assert_eq!(f.issuer.cusips, vec!["552620205".to_string()]);
        assert_eq!(f.event_date, chrono::NaiveDate::from_ymd_opt(2003, 3, 3));
        let p = &f.reporting_persons[0];
        assert_eq!(p.name, "Foo Fund L.P.");
        assert_eq!(p.irs_number.as_deref(), Some("13-1234567"));
        assert_eq!(p.member_of_group.as_deref(), Some("b"));
        assert_eq!(p.source_of_funds, vec!["OO".to_string()]);
        assert_eq!(p.citizenship.as_deref(), Some("Delaware"));
        assert_eq!(p.sole_voting_power, Some(0.0));
        assert_eq!(p.shared_voting_power, Some(1_234_567.0));
        assert_eq!(p.sole_dispositive_power, Some(0.0));
        assert_eq!(p.aggregate_amount, Some(1_234_567.0));
        assert_eq!(p.percent_of_class, Some(5.2));
        assert_eq!(p.type_of_reporting_person, vec!["PN".to_string()]);
        assert!(f.items["4"].contains("hereby amended"));
        assert_eq!(f.signatures[0].name.as_deref(), Some("John Doe"));
        assert_eq!(f.signatures[0].title.as_deref(), Some("Manager"));
        assert!(f
            .spans
            .contains_key("reporting_persons[0].aggregate_amount"));
    }

    #[test]
    fn html_table_cells_and_less_than() {
        let doc = "<p>SCHEDULE 13G</p><p>Acme</p><p>(Name of Issuer)</p><table>\
             <tr><td>1</td><td>NAME OF REPORTING PERSON</td></tr><tr><td></td><td>Bar Capital LLC</td></tr>\
             <tr><td>4</td><td>CITIZENSHIP OR PLACE OF ORGANIZATION</td><td>Cayman Islands</td></tr>\
             <tr><td rowspan=4>NUMBER OF SHARES BENEFICIALLY OWNED BY EACH REPORTING PERSON WITH</td><td>5</td><td>SOLE VOTING POWER</td><td>100</td></tr>\
             <tr><td>6</td><td>SHARED VOTING POWER</td><td>0</td></tr><tr><td>7</td><td>SOLE DISPOSITIVE POWER</td><td>100</td></tr>\
             <tr><td>8</td><td>SHARED DISPOSITIVE POWER</td><td>See Row 6</td></tr>\
             <tr><td>9</td><td>AGGREGATE AMOUNT BENEFICIALLY OWNED BY EACH REPORTING PERSON</td><td>100</td></tr>\
             <tr><td>11</td><td>PERCENT OF CLASS REPRESENTED BY AMOUNT IN ROW (9)</td><td>Less than 1%</td></tr>\
             <tr><td>12</td><td>TYPE OF REPORTING PERSON</td><td>IA, HC</td></tr></table>";
        let f = parse(doc, 0, true).expect("parses");
        assert_eq!(f.schedule, Schedule::G13);
        let p = &f.reporting_persons[0];
        assert_eq!(p.name, "Bar Capital LLC");
        assert_eq!(p.citizenship.as_deref(), Some("Cayman Islands"));
        assert_eq!(p.sole_voting_power, Some(100.0));
        assert_eq!(p.shared_voting_power, Some(0.0));
        assert_eq!(p.shared_dispositive_power, None);
        assert_eq!(p.percent_of_class, None);
        assert!(p.comment.as_deref().unwrap_or("").contains("upper bound"));
        assert_eq!(
            p.type_of_reporting_person,
            vec!["IA".to_string(), "HC".to_string()]
        );
    }

    #[test]
    fn row_number_is_not_a_value() {
        let doc = "SCHEDULE 13D\n(Name of Issuer)\n(1) NAME OF REPORTING PERSON\nX Y\n(7) SOLE VOTING POWER\n(8) SHARED VOTING POWER\n5,000\n(11) AGGREGATE AMOUNT BENEFICIALLY OWNED\n5,000\n(13) PERCENT OF CLASS REPRESENTED BY AMOUNT IN ROW (11)\n5.2%\n";
        let f = parse_text(doc);
        let p = &f.reporting_persons[0];
        assert_eq!(p.sole_voting_power, None);
        assert_eq!(p.shared_voting_power, Some(5000.0));
        assert_eq!(p.percent_of_class, Some(5.2));
    }

    #[test]
    fn not_a_schedule() {
        let e = parse("ANNUAL REPORT ON FORM 10-K\nItem 1. Business", 0, false).unwrap_err();
        assert!(e.to_string().contains("not a Schedule 13D/13G"));
        let junk: String = "\u{fffd}<&#;|".repeat(10_000);
        assert!(parse(&junk, 0, true).is_err());
    }

    #[test]
    fn short_and_bare_captions_after_row_numbers() {
        // 1990s numbered covers with bare captions and values on the next line.
        let doc = "SCHEDULE 13G\nItem 1:   REPORTING PERSONS\nDimensional Fund Advisors Inc. (Tax ID: 22-2370029)\n\nItem 4:   CITIZENSHIP\nDelaware Corporation\n\nItem 5:   SOLE VOTING POWER\n2,542,287   ** see Note 1 **\n\nItem 6:   SHARED VOTING POWER --\nNone\n\nItem 7:   SOLE DISPOSITIVE POWER --\n2,542,287\n\nItem 8:   SHARED DISPOSITIVE POWER --\n0\n\nItem 9:   AGGREGATE AMOUNT BENEFICIALLY OWNED --\n2,542,287\n\nItem 11:   PERCENT OF CLASS REPRESENTED BY LINE 9 --\n5.30\n\nItem 12:   TYPE OF REPORTING PERSON --\nIA\n";
        let f = parse_text(doc);
        let p = &f.reporting_persons[0];
        assert_eq!(p.name, "Dimensional Fund Advisors Inc.");
        assert_eq!(p.citizenship.as_deref(), Some("Delaware Corporation"));
        assert_eq!(p.shared_voting_power, Some(0.0));
        assert_eq!(p.aggregate_amount, Some(2_542_287.0));
        assert_eq!(p.percent_of_class, Some(5.3));
        // A truncated caption "(9) Aggregate" with a dash value.
        let doc = "SCHEDULE 13G\n(1) Names of Reporting Persons\nX Bank\n(5) Sole Voting Power\n-\n(8) Shared Dispositive Power\n-\n(9) Aggregate\n-\n(11) Percent of Class Represented by Amount in Row (9)\n0.00%\n";
        let p = &parse_text(doc).reporting_persons[0];
        assert_eq!(p.aggregate_amount, Some(0.0));
        // Prose starting with the short words is not a caption.
        let doc = "SCHEDULE 13D\n1. Name of Reporting Person\nA\n7. Sole Voting Power\n5\n11. Aggregate Amount Beneficially Owned\n5\nAggregate purchases were made in cash.\n";
        assert_eq!(
            parse_text(doc).reporting_persons[0].aggregate_amount,
            Some(5.0)
        );
    }

    #[test]
    fn wrapped_caption_column_beside_values() {
        let doc = "SCHEDULE 13G\n1)   Name of Reporting   Pioneer\nPerson   Global Asset\nManagement S.p.A.\n\nIRS Identification   98-0362802\nNo. of Above\n\n4)   Citizenship of Place of\nOrganization   Milan,Italy\nNumber of   (5) Sole Voting   2956810\nShares   Power\n(6) Shared Voting   0\n9)   Aggregate Amount Beneficially   2956810\nOwned by Each\n11)   Percent of Class Represented\nBy Amount in Row 9.   6.15%\n";
        let f = parse_text(doc);
        let p = &f.reporting_persons[0];
        assert_eq!(p.name, "Pioneer Global Asset Management S.p.A.");
        assert_eq!(p.citizenship.as_deref(), Some("Milan,Italy"));
        assert_eq!(p.sole_voting_power, Some(2_956_810.0));
        assert_eq!(p.aggregate_amount, Some(2_956_810.0));
        assert_eq!(p.percent_of_class, Some(6.15));
    }

    #[test]
    fn percent_decimal_point_and_row_number_in_caption() {
        let doc = "SCHEDULE 13D\n1. Name of Reporting Person\nA\n7. Sole Voting Power   0\n11. Aggregate Amount Beneficially Owned   1\n13. Percent of class represented by\namount in Row (11)   .7%\n14. Type of Reporting Person\nCO\n";
        assert_eq!(
            parse_text(doc).reporting_persons[0].percent_of_class,
            Some(0.7)
        );
        let doc = "<p>SCHEDULE 13D</p><table><tr><td>1</td><td>NAME OF REPORTING PERSON</td><td>A</td></tr><tr><td>7</td><td>SOLE VOTING POWER</td><td>0</td></tr><tr><td>11</td><td>AGGREGATE AMOUNT BENEFICIALLY OWNED</td><td>1</td></tr><tr><td>13</td><td>PERCENT OF CLASS REPRESENTED BY AMOUNT IN ROW</td><td>9.2%</td></tr></table>";
        let f = parse(doc, 0, true).expect("parses");
        assert_eq!(f.reporting_persons[0].percent_of_class, Some(9.2));
    }

    #[test]
    fn group_box_caption_variants() {
        assert_eq!(group_box("\nA.\nB. X").as_deref(), Some("b"));
        assert_eq!(group_box("(a)\n(b)\nX").as_deref(), Some("b"));
        assert_eq!(group_box("(a) [X] (b) [ ]").as_deref(), Some("a"));
        assert_eq!(group_box("(a) ☐ (b) ☐"), None);
        // Captions "[LINE]", "the member", "of Group" are row-2 labels: the name stops there.
        let doc = "SCHEDULE 13G\n1. NAME OF REPORTING PERSON\nThe Vanguard Group - 23-1945930\n2. CHECK THE APPROPRIATE [LINE] IF A MEMBER OF A GROUP\nA.\nB. X\n4. CITIZENSHIP OF PLACE OF ORGANIZATION\nPennsylvania\n5. SOLE VOTING POWER\n1\n9. AGGREGATE AMOUNT BENEFICIALLY OWNED BY EACH REPORTING PERSON\n1\n";
        let p = &parse_text(doc).reporting_persons[0];
        assert_eq!(p.name, "The Vanguard Group");
        assert_eq!(p.member_of_group.as_deref(), Some("b"));
        assert_eq!(p.citizenship.as_deref(), Some("Pennsylvania"));
        assert_eq!(
            clean_name("Rubin Investment Group, Inc. (2) CHECK APPROPRIATE BOX IF A MEMBER")
                .as_deref(),
            Some("Rubin Investment Group, Inc.")
        );
        assert_eq!(
            clean_name("GAMCO Investors, Inc. I.D. No. 13-4007862").as_deref(),
            Some("GAMCO Investors, Inc.")
        );
    }

    #[test]
    fn title_page_variants() {
        let doc = "SCHEDULE 13D\n(Amendment No. _2_)\nAcme\n(Name of Issuer)\n";
        assert_eq!(parse_text(doc).amendment_number, Some(2));
        let doc = "Schedule 13G\nName of issuer: Thor Industries Inc\nTitle of Class of Securities: Common Stock\nCUSIP Number: 885160101\n";
        let f = parse_text(doc);
        assert_eq!(f.issuer.security_class.as_deref(), Some("Common Stock"));
        assert_eq!(f.issuer.cusips, vec!["885160101".to_string()]);
    }

    #[test]
    fn signature_date_above_the_signature_caption() {
        let doc = "SCHEDULE 13G\nItem 10. Certification.\nI certify.\nDate:   October 31, 2023\nBy:   /s/ Zhendong Zhang\nSignature\nName:   Zhendong Zhang\n";
        let f = parse_text(doc);
        assert_eq!(
            f.signatures.first().and_then(|s| s.date),
            chrono::NaiveDate::from_ymd_opt(2023, 10, 31)
        );
    }

    #[test]
    fn unrecognised_caption_row_number_is_not_a_value() {
        let doc = "SCHEDULE 13D\n1.\nName of Reporting Person\nA\n9.\nSole Dispositive Power\nN/A\n10.\nShares Dispositive Power\nN/A\n11.\nAggregate Amount Beneficially Owned by Each Reporting Person\nNil\n";
        let p = &parse_text(doc).reporting_persons[0];
        assert_eq!(p.sole_dispositive_power, None);
        assert_eq!(p.shared_dispositive_power, None);
        assert_eq!(p.aggregate_amount, Some(0.0));
        assert_eq!(share_value_row("N/A\n10.\nOther caption\n", Some(9)), None);
    }

    #[test]
    fn cusip_forms() {
        assert_eq!(cusip_candidates("87229N 10 1")[0].0, "87229N101");
        assert_eq!(cusip_candidates("G8473T100")[0].0, "G8473T100");
        assert!(cusip_candidates("000000000").is_empty());
        assert!(cusip_candidates("N/A").is_empty());
        assert!(crate_check("538146101"));
        assert!(crate_check("81221K108"));
    }
}
