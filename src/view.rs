//! One normalised view of a legacy document (text or HTML), with offsets into the source.
//!
//! Both plain text and HTML reduce to the same shape, [`View::text`]:
//! - lines are separated by `'\n'`; at most one empty line in a row is kept (a paragraph
//!   break of plain text; HTML keeps no empty lines);
//! - **cells** of a line are separated by `'\t'`: HTML `<td>`/`<th>` boundaries, `|` of ASCII
//!   art, and in plain text a tab or a run of 3+ spaces (a visual column gap);
//! - other whitespace (incl. `&nbsp;`) is one `' '`; lines and cells are trimmed;
//! - HTML tags are gone: block elements (`p`, `div`, `br`, `tr`, `li`, `h1`-`h6`, `table`, ...)
//!   end a line, `<sup>` content is set off by a space (`1,234<sup>1</sup>` -> `1,234 1`),
//!   `script`/`style`/comments are dropped; named and numeric entities are decoded;
//! - legacy layout tags (`<PAGE>`, `<TABLE>`, `<S>`, `<C>`, `<CAPTION>`, `<FN>`) are removed;
//! - ASCII-art borders (runs of 3+ `-`, `=`, `_`, `+`, `*`, `~`) are removed;
//! - Wingdings check boxes become `☒` (`þ`, `ý`) and `☐` (`¨`); `o`/`q` stay letters (they are
//!   read as "unchecked" where a box is expected);
//! - running headers (`CUSIP No. 538146101  13D  Page 2 of 11 Pages`, `Page 3 of 9`) are
//!   dropped; the CUSIPs they name are kept in [`View::header_cusips`].
//!
//! [`View::source`] maps any byte offset of `text` back to `base + offset in the document`.
//! One linear pass per stage, no regex per character, never panics on any input.

/// The normalised text plus the map back to source offsets.
#[derive(Debug, Clone, Default)]
pub struct View {
    pub text: String,
    /// (offset in `text`, offset in the source) at each discontinuity, ascending.
    map: Vec<(u32, u32)>,
    /// CUSIP-like strings found in dropped running headers, with the view offset where the
    /// header was.
    pub header_cusips: Vec<(usize, String)>,
}

/// A string being built with a piecewise-linear map to source offsets.
struct Builder {
    text: String,
    map: Vec<(u32, u32)>,
    next_src: usize,
}

impl Builder {
    fn with_capacity(n: usize) -> Self {
        Builder {
            text: String::with_capacity(n),
            map: Vec::new(),
            next_src: usize::MAX,
        }
    }

    fn mark(&mut self, src: usize) {
        if src != self.next_src {
            self.map.push((self.text.len() as u32, src as u32));
        }
    }

    /// Append `s`, copied from the source at `src..src + s.len()`.
    fn push_copied(&mut self, s: &str, src: usize) {
        if s.is_empty() {
            return;
        }
        self.mark(src);
        self.text.push_str(s);
        self.next_src = src + s.len();
    }

    /// Append a char that stands for the source at `src` (an entity, a tag, a collapse).
    fn push_synth(&mut self, c: char, src: usize, src_len: usize) {
        self.map.push((self.text.len() as u32, src as u32));
        self.text.push(c);
        self.next_src = if c.len_utf8() == src_len {
            src + src_len
        } else {
            usize::MAX
        };
    }
}

fn lookup(map: &[(u32, u32)], off: usize) -> usize {
    let idx = map.partition_point(|&(t, _)| (t as usize) <= off);
    if idx == 0 {
        return off;
    }
    let (t, s) = map[idx - 1];
    s as usize + (off - t as usize)
}

impl View {
    /// Build the view of `doc` (HTML when `html`), whose first byte is at `base` in the text
    /// that spans point into.
    pub fn new(doc: &str, base: usize, html: bool) -> View {
        let doc = &doc[..doc.len().min(u32::MAX as usize - 1)];
        let stage1 = if html {
            html_to_text(doc)
        } else {
            strip_layout_tags(doc)
        };
        let mut v = normalise(&stage1.text, html);
        // Compose the two maps into one: view offset -> doc offset.
        let mut composed = Vec::with_capacity(v.map.len() + 1);
        let s1 = &stage1.map;
        let mut push = |t: usize, s: usize| {
            composed.push((t as u32, (s + base).min(u32::MAX as usize) as u32))
        };
        let mut j = 0;
        let seg_ends: Vec<usize> = v
            .map
            .iter()
            .skip(1)
            .map(|&(t, _)| t as usize)
            .chain(std::iter::once(v.text.len()))
            .collect();
        for (i, &(t, s)) in v.map.iter().enumerate() {
            let (t, s) = (t as usize, s as usize);
            let len = seg_ends[i].saturating_sub(t);
            push(t, lookup(s1, s));
            // Breakpoints of stage 1 inside this stage-2 segment.
            while j < s1.len() && (s1[j].0 as usize) <= s {
                j += 1;
            }
            let mut k = j;
            while k < s1.len() && (s1[k].0 as usize) < s + len {
                let off = s1[k].0 as usize - s;
                push(t + off, s1[k].1 as usize);
                k += 1;
            }
        }
        if composed.is_empty() || composed[0].0 != 0 {
            composed.insert(0, (0, base as u32));
        }
        v.map = composed;
        v
    }

    /// The source offset (`base` + byte in the document) of view offset `off`.
    pub fn source(&self, off: usize) -> usize {
        lookup(&self.map, off.min(self.text.len()))
    }

    /// The source range of the view range `start..end` (end exclusive).
    pub fn source_range(&self, start: usize, end: usize) -> (usize, usize) {
        let s = self.source(start);
        let e = if end > start {
            self.source(end - 1) + 1
        } else {
            s
        };
        (s, e.max(s))
    }
}

/// Text bodies: remove `<PAGE>`, `<TABLE>`, `<S>`, `<C>`, `<CAPTION>`, `<FN>` and their end
/// tags; everything else is copied.
fn strip_layout_tags(doc: &str) -> Builder {
    let bytes = doc.as_bytes();
    let mut b = Builder::with_capacity(doc.len());
    let mut copied = 0;
    for lt in memchr::memchr_iter(b'<', bytes) {
        if lt < copied {
            continue;
        }
        let rest = &bytes[lt + 1..bytes.len().min(lt + 12)];
        let Some(gt) = rest.iter().position(|&c| c == b'>') else {
            continue;
        };
        let name = &rest[..gt];
        let name = name.strip_prefix(b"/").unwrap_or(name);
        let known = [
            &b"PAGE"[..],
            b"TABLE",
            b"S",
            b"C",
            b"CAPTION",
            b"FN",
            b"F1",
            b"F2",
            b"F3",
            b"F4",
        ]
        .iter()
        .any(|k| k.eq_ignore_ascii_case(name));
        if known {
            b.push_copied(&doc[copied..lt], copied);
            let end = lt + 1 + gt + 1;
            // `<PAGE>` breaks a line; the others are column markers.
            let c = if name.eq_ignore_ascii_case(b"PAGE") {
                '\n'
            } else {
                ' '
            };
            b.push_synth(c, lt, end - lt);
            copied = end;
        }
    }
    b.push_copied(&doc[copied..], copied);
    b
}

const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "br",
    "tr",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "center",
    "hr",
    "blockquote",
    "pre",
    "dl",
    "dt",
    "dd",
    "title",
    "body",
    "thead",
    "tbody",
    "tfoot",
    "caption",
    "page",
    "form",
    "section",
    "header",
    "footer",
    "address",
];

/// HTML bodies: tags out, entities decoded, block ends -> '\n', cells -> '\t'.
fn html_to_text(doc: &str) -> Builder {
    let bytes = doc.as_bytes();
    let mut b = Builder::with_capacity(doc.len() / 2);
    let mut i = 0;
    let n = bytes.len();
    let mut in_pre = false;
    while i < n {
        // Copy a run of plain text up to the next '<' or '&'.
        let next = memchr::memchr2(b'<', b'&', &bytes[i..]).map_or(n, |p| i + p);
        if next > i {
            // Source line breaks are spaces in HTML (except inside <pre>); same byte length,
            // so the offset map stays linear.
            let run = &doc[i..next];
            if !in_pre && memchr::memchr2(b'\n', b'\r', run.as_bytes()).is_some() {
                b.mark(i);
                let mut pieces = run.split(['\n', '\r']);
                if let Some(first) = pieces.next() {
                    b.text.push_str(first);
                }
                for piece in pieces {
                    b.text.push(' ');
                    b.text.push_str(piece);
                }
                b.next_src = next;
            } else {
                b.push_copied(run, i);
            }
            i = next;
            continue;
        }
        if bytes[i] == b'&' {
            let (decoded, len) = decode_entity(&bytes[i..]);
            match decoded {
                Some(c) => {
                    let c = wingdings(c);
                    b.push_synth(c, i, len);
                }
                None => b.push_copied("&", i),
            }
            i += len.max(1);
            continue;
        }
        // A tag, comment or declaration.
        if bytes[i..].starts_with(b"<!--") {
            let end = memchr::memmem::find(&bytes[i + 4..], b"-->").map_or(n, |p| i + 4 + p + 3);
            i = end;
            continue;
        }
        let Some(gt) = memchr::memchr(b'>', &bytes[i..]) else {
            b.push_copied("<", i);
            i += 1;
            continue;
        };
        let tag_end = i + gt + 1;
        let inner = &bytes[i + 1..i + gt];
        let closing = inner.first() == Some(&b'/');
        let name_start = usize::from(closing);
        let name_len = inner[name_start..]
            .iter()
            .position(|c| !(c.is_ascii_alphanumeric() || *c == b':'))
            .unwrap_or(inner.len() - name_start);
        let name = &inner[name_start..name_start + name_len];
        if name.is_empty() {
            // Not a tag ("a < b").
            b.push_copied("<", i);
            i += 1;
            continue;
        }
        // Lower-cased local name on the stack (no allocation per tag); long names are no
        // tag this code cares about.
        let local = name.rsplit(|&c| c == b':').next().unwrap_or(name);
        let mut buf = [0u8; 12];
        let lname = if local.len() <= buf.len() {
            for (d, s) in buf.iter_mut().zip(local) {
                *d = s.to_ascii_lowercase();
            }
            std::str::from_utf8(&buf[..local.len()]).unwrap_or("")
        } else {
            ""
        };
        if !closing && (lname == "script" || lname == "style" || lname == "head" || lname == "xml")
        {
            let close = format!("</{lname}");
            let end = find_ci(&bytes[tag_end..], close.as_bytes()).map_or(n, |p| tag_end + p);
            let end = memchr::memchr(b'>', &bytes[end..]).map_or(n, |p| end + p + 1);
            b.push_synth('\n', i, 0);
            i = end;
            continue;
        }
        if lname == "pre" {
            in_pre = !closing;
        }
        match lname {
            "td" | "th" => b.push_synth('\t', i, 0),
            "sup" => b.push_synth(' ', i, 0),
            _ if BLOCK_TAGS.contains(&lname) => b.push_synth('\n', i, 0),
            _ => {}
        }
        i = tag_end;
    }
    b
}

fn find_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || hay.len() < needle.len() {
        return None;
    }
    let first = needle[0];
    let (lo, up) = (first.to_ascii_lowercase(), first.to_ascii_uppercase());
    for p in memchr::memchr2_iter(lo, up, hay) {
        if p + needle.len() <= hay.len() && hay[p..p + needle.len()].eq_ignore_ascii_case(needle) {
            return Some(p);
        }
    }
    None
}

/// Wingdings check boxes as Unicode boxes.
fn wingdings(c: char) -> char {
    match c {
        'þ' | 'ý' | '\u{2612}' | '\u{2611}' | '\u{25a0}' => '☒',
        '¨' | '\u{2610}' | '\u{25a1}' => '☐',
        '\u{a0}' | '\u{2002}' | '\u{2003}' | '\u{2009}' | '\u{200b}' => ' ',
        _ => c,
    }
}

/// Decode the entity at the start of `s` (which starts with '&'): (char, bytes consumed).
fn decode_entity(s: &[u8]) -> (Option<char>, usize) {
    let end = s.iter().take(12).position(|&c| c == b';');
    let Some(end) = end else {
        // `&nbsp` without ';' is common enough.
        if s.len() >= 5 && s[1..5].eq_ignore_ascii_case(b"nbsp") {
            return (Some(' '), 5);
        }
        return (None, 1);
    };
    let body = &s[1..end];
    let len = end + 1;
    if let Some(num) = body.strip_prefix(b"#") {
        let v = if let Some(hex) = num.strip_prefix(b"x").or_else(|| num.strip_prefix(b"X")) {
            std::str::from_utf8(hex)
                .ok()
                .and_then(|h| u32::from_str_radix(h, 16).ok())
        } else {
            std::str::from_utf8(num)
                .ok()
                .and_then(|d| d.parse::<u32>().ok())
        };
        let c = v.map(|v| match v {
            // Windows-1252 range written as numeric references.
            0x80..=0x9f => {
                let byte = [v as u8];
                encoding_rs::WINDOWS_1252
                    .decode(&byte)
                    .0
                    .chars()
                    .next()
                    .unwrap_or(' ')
            }
            _ => char::from_u32(v).unwrap_or(' '),
        });
        return (c, len);
    }
    let c = match body {
        b"nbsp" | b"NBSP" | b"ensp" | b"emsp" | b"thinsp" => ' ',
        b"amp" | b"AMP" => '&',
        b"lt" | b"LT" => '<',
        b"gt" | b"GT" => '>',
        b"quot" | b"QUOT" => '"',
        b"apos" => '\'',
        b"rsquo" | b"lsquo" => '\'',
        b"rdquo" | b"ldquo" => '"',
        b"ndash" | b"mdash" => '-',
        b"sect" => '§',
        b"para" => '¶',
        b"copy" => '©',
        b"reg" => '®',
        b"trade" => '™',
        b"bull" | b"middot" => '•',
        b"hellip" => '…',
        b"deg" => '°',
        b"euro" => '€',
        b"pound" => '£',
        b"yen" => '¥',
        b"cent" => '¢',
        b"thorn" => 'þ',
        b"yacute" => 'ý',
        b"uml" => '¨',
        b"eacute" => 'é',
        b"egrave" => 'è',
        b"aacute" => 'á',
        b"oacute" => 'ó',
        b"uuml" => 'ü',
        b"ouml" => 'ö',
        b"auml" => 'ä',
        b"ccedil" => 'ç',
        b"ntilde" => 'ñ',
        b"shy" | b"zwsp" => '\u{200b}',
        _ => return (None, 1),
    };
    (Some(c), len)
}

fn is_art(c: char) -> bool {
    matches!(c, '-' | '=' | '_' | '+' | '*' | '~')
}

/// Stage 2: per line, collapse whitespace, mark cells, drop borders and running headers.
fn normalise(src: &str, html: bool) -> View {
    let mut out = Builder::with_capacity(src.len());
    let mut header_cusips = Vec::new();
    let mut blank_pending = false;
    let mut line_start = 0;
    let bytes = src.as_bytes();
    let mut line = String::new();
    let mut line_map: Vec<(u32, u32)> = Vec::new();
    loop {
        let nl = memchr::memchr2(b'\n', b'\r', &bytes[line_start..])
            .map_or(src.len(), |p| line_start + p);
        // `src[line_start..nl]` is one line; both ends are ASCII boundaries.
        let raw = &src[line_start..nl];
        line.clear();
        line_map.clear();
        clean_line(raw, line_start, html, &mut line, &mut line_map);
        if line.is_empty() {
            blank_pending = !html && !out.text.is_empty();
        } else if let Some(cusip) = running_header(&line) {
            if let Some(c) = cusip {
                header_cusips.push((out.text.len(), c));
            }
        } else {
            if !out.text.is_empty() {
                let at = line_map.first().map_or(line_start, |m| m.1 as usize);
                if blank_pending {
                    out.push_synth('\n', at, 0);
                }
                out.push_synth('\n', at, 0);
            }
            blank_pending = false;
            let base = out.text.len() as u32;
            for &(t, s) in &line_map {
                out.map.push((base + t, s));
            }
            out.text.push_str(&line);
            out.next_src = usize::MAX;
        }
        if nl >= src.len() {
            break;
        }
        line_start = nl + 1;
    }
    View {
        text: out.text,
        map: out.map,
        header_cusips,
    }
}

/// Clean one line into `out` with its own map (offsets relative to `out`).
fn clean_line(raw: &str, base: usize, html: bool, out: &mut String, map: &mut Vec<(u32, u32)>) {
    // A border line ("- ------", "+----+----+", "|====|") holds no text at all.
    let t = raw.trim();
    if t.len() >= 3
        && t.chars()
            .all(|c| is_art(c) || c == '|' || c.is_whitespace())
        && t.chars().filter(|&c| is_art(c)).count() >= 3
    {
        return;
    }
    let mut pending_space = false;
    let mut pending_cell = false;
    let mut next_src = usize::MAX;
    let bytes = raw.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // Fast path: a run of plain ASCII (no blanks, cell marks, borders or controls) is
        // copied as one piece.
        let (piece_end, c) = if is_plain(bytes[i]) {
            let mut j = i + 1;
            while j < bytes.len() {
                let b = bytes[j];
                if is_plain(b) {
                    j += 1;
                } else if b == b' ' && bytes.get(j + 1).is_some_and(|&n| is_plain(n)) {
                    // One space between words stays one space.
                    j += 2;
                } else if is_art(b as char) {
                    let run = bytes[j..]
                        .iter()
                        .take_while(|&&c| is_art(c as char))
                        .count();
                    if run >= 3 {
                        break;
                    }
                    j += run;
                } else {
                    break;
                }
            }
            (j, None)
        } else {
            let c = raw[i..].chars().next().unwrap_or(' ');
            (i + c.len_utf8(), Some(wingdings_text(c)))
        };
        if let Some(c) = c {
            // Whitespace runs: a cell break when a tab or 3+ spaces (plain text) is in the run.
            if is_blank(c) {
                let mut spaces = usize::from(c != '\t');
                let mut tab = c == '\t';
                let mut j = piece_end;
                while let Some(d) = raw[j..].chars().next() {
                    if d == ' ' || d == '\u{a0}' {
                        spaces += 1;
                    } else if d == '\t' {
                        tab = true;
                    } else if d == '\u{200b}' || d == '\u{feff}' {
                    } else {
                        break;
                    }
                    j += d.len_utf8();
                }
                if tab || (!html && spaces >= 3) {
                    pending_cell = true;
                } else {
                    pending_space = true;
                }
                i = j;
                continue;
            }
            if c == '|' {
                pending_cell = true;
                i = piece_end;
                continue;
            }
            if is_art(c) {
                // A run of 3+ of border characters is a border.
                let run = bytes[i..]
                    .iter()
                    .take_while(|&&b| is_art(b as char))
                    .count();
                if run >= 3 {
                    pending_space = true;
                    i += run;
                    continue;
                }
            }
            if c.is_control() {
                pending_space = true;
                i = piece_end;
                continue;
            }
        }
        if !out.is_empty() {
            if pending_cell {
                if !out.ends_with('\t') {
                    map.push((out.len() as u32, (base + i) as u32));
                    out.push('\t');
                    next_src = usize::MAX;
                }
            } else if pending_space && !out.ends_with('\t') {
                map.push((out.len() as u32, (base + i) as u32));
                out.push(' ');
                next_src = usize::MAX;
            }
        }
        pending_space = false;
        pending_cell = false;
        if base + i != next_src {
            map.push((out.len() as u32, (base + i) as u32));
        }
        match c {
            None => out.push_str(&raw[i..piece_end]),
            Some(c) => out.push(c),
        }
        next_src = base + piece_end;
        i = piece_end;
    }
    while out.ends_with('\t') || out.ends_with(' ') {
        out.pop();
    }
    // Leading cell marks are noise.
    if out.starts_with('\t') {
        let trimmed = out.trim_start_matches('\t').len();
        let cut = out.len() - trimmed;
        out.drain(..cut);
        for m in map.iter_mut() {
            m.0 = m.0.saturating_sub(cut as u32);
        }
    }
}

/// A byte copied as is by the fast path of `clean_line`.
fn is_plain(b: u8) -> bool {
    b.is_ascii_graphic() && b != b'|' && !is_art(b as char)
}

fn is_blank(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{a0}' | '\u{200b}' | '\u{feff}' | '\u{c}')
}

fn wingdings_text(c: char) -> char {
    match c {
        'þ' | 'ý' => '☒',
        '¨' => '☐',
        _ => c,
    }
}

/// Is `line` a running header? `Some(Some(cusip))` when it names a CUSIP.
fn running_header(line: &str) -> Option<Option<String>> {
    if line.len() > 160 || find_ci(line.as_bytes(), b"page ").is_none() {
        return None;
    }
    let lower = line.to_ascii_lowercase();
    let page = lower.find("page ")?;
    // "Page N of M" or "Page N" at the end.
    let rest = lower[page + 5..].trim_start();
    if !rest.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let after_num = rest
        .trim_start_matches(|c: char| c.is_ascii_digit())
        .trim_start();
    let ok_tail = after_num.is_empty()
        || after_num.starts_with("of ")
        || after_num.starts_with("of\t")
        || after_num.starts_with("pages");
    if !ok_tail {
        return None;
    }
    let before = lower[..page].trim();
    let words = before.split_whitespace().count();
    if !(before.is_empty()
        || lower.contains("cusip")
        || lower.contains("13d")
        || lower.contains("13g")
        || words <= 2)
    {
        return None;
    }
    let cusip = lower.find("cusip").and_then(|p| {
        let tail = &line[p + 5..page];
        let tail = tail.trim_start_matches(|c: char| {
            !c.is_ascii_alphanumeric() || c == 'N' || c == 'n' || c == 'o'
        });
        let tail = tail
            .trim_start_matches(|c: char| c == '.' || c == ':' || c == '#' || c.is_whitespace());
        // The CUSIP ends at a cell break; printed in up to three groups ("87229N 10 1").
        let tail = tail.split('\t').next().unwrap_or("");
        let mut cand = String::new();
        for w in tail.split_whitespace().take(3) {
            let w = w.replace('-', "");
            if w.eq_ignore_ascii_case("13d")
                || w.eq_ignore_ascii_case("13g")
                || w.contains("13D")
                || cand.len() + w.len() > 10
            {
                break;
            }
            cand.push_str(&w);
            if cand.len() >= 9 {
                break;
            }
        }
        (cand.len() >= 6 && cand.len() <= 10 && cand.chars().all(|c| c.is_ascii_alphanumeric()))
            .then_some(cand)
    });
    Some(cusip)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_cells_lines_entities() {
        let doc = "<table><tr><td>7.</td><td>Sole&nbsp;Voting Power</td><td><b>1,234</b><sup>1</sup></td></tr></table><p>a &amp; b&#160;c</p>";
        let v = View::new(doc, 100, true);
        assert_eq!(v.text, "7.\tSole Voting Power\t1,234 1\na & b c");
        let p = v.text.find("1,234").unwrap();
        assert_eq!(v.source(p), 100 + doc.find("1,234").unwrap());
        let p = v.text.find("b c").unwrap();
        assert_eq!(v.source(p), 100 + doc.find("b&#160;").unwrap());
    }

    #[test]
    fn text_art_headers_tags() {
        let doc = "<PAGE>\nCUSIP No. 538146101   13D   Page 2 of 11 Pages\n+-----+------+\n| (5) | Sole Voting Power  |  -0-  |\n<S>  <C>\n";
        let v = View::new(doc, 0, false);
        assert_eq!(v.text, "(5)\tSole Voting Power\t-0-");
        assert_eq!(v.header_cusips.len(), 1);
        assert_eq!(v.header_cusips[0].1, "538146101");
        let p = v.text.find("-0-").unwrap();
        assert_eq!(v.source(p), doc.find("-0-").unwrap());
    }

    #[test]
    fn running_header_cusip_in_cells() {
        let doc = "<table><tr><td>CUSIP No.: 900435108</td><td>SCHEDULE 13D</td><td>Page 2 of 11 pages</td></tr></table><p>Text</p>";
        let v = View::new(doc, 0, true);
        assert_eq!(v.text, "Text");
        assert_eq!(v.header_cusips[0].1, "900435108");
        let v = View::new("CUSIP No. 87229N 10 1     13G     Page 3 of 9\nx", 0, false);
        assert_eq!(v.header_cusips[0].1, "87229N101");
    }

    #[test]
    fn wingdings_boxes() {
        let v = View::new(
            "<p>(a) <font face=Wingdings>&#254;</font> (b) &#168;</p>",
            0,
            true,
        );
        assert_eq!(v.text, "(a) ☒ (b) ☐");
    }

    #[test]
    fn never_panics_on_junk() {
        let junk = "<<<&#xZZZZ;&#99999999999;<td\u{e9}>é&é<!--<script>\u{2603}|||---\r\n\t";
        for i in 0..junk.len() {
            if junk.is_char_boundary(i) {
                let _ = View::new(&junk[i..], 0, true);
                let _ = View::new(&junk[i..], 0, false);
            }
        }
    }
}
