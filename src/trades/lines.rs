//! Turning a document (plain text or HTML) into lines of text with offsets into the source.
//!
//! Table rows become one line each, cells separated by a tab; plain-text columns (runs of two
//! or more spaces) become tabs too, so the row readers see one shape whatever the source.

use std::borrow::Cow;

/// One line of normalised text and the byte range of the source it was read from.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub text: String,
    pub start: usize,
    pub end: usize,
    /// The line starts a paragraph (a blank line or a block element before it).
    pub para: bool,
}

/// Lines of a plain-text document. SGML layout tags (`<PAGE>`, `<TABLE>`, `<S>`, `<C>` ...)
/// are removed; runs of two or more blanks become a tab.
pub fn text_lines(src: &str) -> Vec<Line> {
    let mut out = Vec::new();
    let mut pos = 0;
    let mut para = true;
    for raw in src.split_inclusive('\n') {
        let start = pos;
        pos += raw.len();
        let body = raw.trim_end_matches(['\n', '\r']);
        let cleaned = strip_layout_tags(body);
        let text = columns_to_tabs(&cleaned);
        if text.is_empty() {
            para = true;
            continue;
        }
        let lead = body.len() - body.trim_start().len();
        let s = start + lead;
        let e = start + body.trim_end().len();
        out.push(Line {
            text,
            start: s,
            end: e.max(s),
            para,
        });
        para = false;
    }
    out
}

/// `s` without its SGML layout tags (each becomes two blanks, a column break).
fn strip_layout_tags(s: &str) -> Cow<'_, str> {
    // A vector search: most texts have no tag at all.
    if memchr::memchr(b'<', s.as_bytes()).is_none() {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = memchr::memchr(b'<', rest.as_bytes()) {
        out.push_str(&rest[..i]);
        let after = &rest[i..];
        let close = after.find('>').filter(|&j| j <= 12);
        match close {
            Some(j) => {
                let name = after[1..j].trim_start_matches('/').to_ascii_uppercase();
                if matches!(
                    name.as_str(),
                    "PAGE" | "TABLE" | "CAPTION" | "S" | "C" | "FN" | "R" | "F1" | "F2" | "F3"
                ) {
                    out.push_str("  ");
                } else {
                    out.push_str(&after[..=j]);
                }
                rest = &after[j + 1..];
            }
            None => {
                out.push('<');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Collapse whitespace: a run with two or more blanks (or a tab) becomes one tab, single
/// blanks stay. Leading/trailing whitespace is dropped.
pub fn columns_to_tabs(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let b = s.as_bytes();
    let mut run = 0usize;
    let mut tab = false;
    let mut i = 0;
    while i < b.len() {
        // Plain ASCII (letters, digits, punctuation) and the single spaces between it are
        // copied a stretch at a time, and a run of ASCII blanks is counted at once; any other
        // char (U+00A0 among them) goes alone.
        let mut j = i;
        loop {
            j += b[j..]
                .iter()
                .position(|c| !c.is_ascii_graphic())
                .unwrap_or(b.len() - j);
            if j > i && b.get(j) == Some(&b' ') && b.get(j + 1).is_some_and(u8::is_ascii_graphic) {
                j += 1;
            } else {
                break;
            }
        }
        if j == i {
            let blanks = b[i..]
                .iter()
                .take_while(|&&c| c.is_ascii() && char::from(c).is_whitespace())
                .count();
            if blanks > 0 {
                run += blanks;
                tab |= b[i..i + blanks].contains(&b'\t');
                i += blanks;
                continue;
            }
            j += s[i..].chars().next().map_or(1, char::len_utf8);
        }
        let text = &s[i..j];
        i = j;
        if text.starts_with(char::is_whitespace) {
            run += 1;
        } else {
            if run > 0 && !out.is_empty() {
                out.push(if run >= 2 || tab { '\t' } else { ' ' });
            }
            run = 0;
            tab = false;
            out.push_str(text);
        }
    }
    out
}

/// Lines of an HTML document: block elements end a line, except inside a table row, where
/// only the end of the row does; cells are separated by a tab.
pub fn html_lines(src: &str) -> Vec<Line> {
    let mut b = Builder::default();
    let bytes = src.as_bytes();
    let mut i = 0;
    let mut row_depth = 0usize;
    while i < bytes.len() {
        let c = bytes[i];
        if c == b'<' {
            let Some(rel) = memchr::memchr(b'>', &bytes[i..]) else {
                break;
            };
            let tag = &src[i + 1..i + rel];
            let end_tag = i + rel + 1;
            let closing = tag.starts_with('/');
            let bare = tag.trim_start_matches('/');
            let name = &bare[..bare
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '!'))
                .unwrap_or(bare.len())];
            // Lower-cased on the stack: the names acted on have at most 10 letters, a longer
            // one is left as "" (acted on neither).
            let mut buf = [0u8; 10];
            let name = match buf.get_mut(..name.len()) {
                Some(lower) => {
                    lower.copy_from_slice(name.as_bytes());
                    lower.make_ascii_lowercase();
                    std::str::from_utf8(lower).unwrap_or("")
                }
                None => "",
            };
            if !closing && (name == "script" || name == "style") {
                let close = format!("</{name}");
                let lower_rest = src[end_tag..].to_ascii_lowercase();
                i = lower_rest.find(&close).map_or(bytes.len(), |p| end_tag + p);
                continue;
            }
            if tag.starts_with("!--") {
                i = src[i..].find("-->").map_or(bytes.len(), |p| i + p + 3);
                continue;
            }
            match name {
                "tr" => {
                    b.newline();
                    if closing {
                        row_depth = row_depth.saturating_sub(1);
                    } else {
                        row_depth += 1;
                    }
                }
                "td" | "th" => {
                    if closing {
                        b.cell();
                    } else {
                        b.space();
                    }
                }
                "sup" | "sub" => b.space(),
                "table" => {
                    b.newline();
                    row_depth = 0;
                }
                "p" | "div" | "br" | "li" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "pre"
                | "center" | "blockquote" | "hr" | "ul" | "ol" | "dd" | "dt" | "dl" | "title"
                | "document" | "text" | "page" | "body" | "html" => {
                    if row_depth > 0 {
                        b.space();
                    } else {
                        b.newline();
                    }
                }
                _ => {}
            }
            i = end_tag;
            continue;
        }
        if c == b'&' {
            let window = &src[i..crate::container::floor_char_boundary(src, i + 12)];
            if let Some(semi) = window.find(';') {
                if let Some(ch) = entity(&window[1..semi]) {
                    b.push(ch, i, i + semi + 1);
                    i += semi + 1;
                    continue;
                }
            }
        }
        // A run of plain ASCII text (no blank, tag or entity) at once.
        let run = bytes[i..]
            .iter()
            .position(|&b| !b.is_ascii_graphic() || b == b'<' || b == b'&')
            .unwrap_or(bytes.len() - i);
        if run > 0 {
            b.push_text(&src[i..i + run], i, i + run);
            i += run;
            continue;
        }
        // A run of ASCII blanks at once: one space. Inside <pre> newlines matter, but filings
        // rarely use it for trades; a newline in HTML is a space.
        let blanks = bytes[i..]
            .iter()
            .take_while(|&&c| c.is_ascii() && char::from(c).is_whitespace())
            .count();
        if blanks > 0 {
            b.space();
            i += blanks;
            continue;
        }
        // A whole char.
        let ch = src[i..].chars().next().unwrap_or(' ');
        let w = ch.len_utf8();
        b.push(ch, i, i + w);
        i += w;
    }
    b.newline();
    b.lines
}

fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return match code {
            160 => Some(' '),
            150 | 151 => Some('-'),
            146 | 145 => Some('\''),
            147 | 148 => Some('"'),
            _ => char::from_u32(code),
        };
    }
    Some(match name {
        "nbsp" | "ensp" | "emsp" | "thinsp" => ' ',
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" | "rsquo" | "lsquo" => '\'',
        "ldquo" | "rdquo" => '"',
        "ndash" | "mdash" | "minus" => '-',
        "euro" => '€',
        "pound" => '£',
        "yen" => '¥',
        "cent" => '¢',
        "sect" => '§',
        "bull" | "middot" => '•',
        "reg" => '®',
        _ => return None,
    })
}

#[derive(Default)]
struct Builder {
    lines: Vec<Line>,
    cur: String,
    start: Option<usize>,
    end: usize,
    pending: Option<char>,
}

impl Builder {
    fn push(&mut self, ch: char, s: usize, e: usize) {
        if ch.is_whitespace() || ch == '\u{a0}' {
            self.space();
            return;
        }
        self.push_text(ch.encode_utf8(&mut [0; 4]), s, e);
    }
    /// Text without blanks, read from `s..e` of the source.
    fn push_text(&mut self, text: &str, s: usize, e: usize) {
        if let Some(p) = self.pending.take() {
            if !self.cur.is_empty() {
                self.cur.push(p);
            }
        }
        if self.start.is_none() {
            self.start = Some(s);
        }
        self.cur.push_str(text);
        self.end = e;
    }
    fn space(&mut self) {
        if self.pending != Some('\t') {
            self.pending = Some(' ');
        }
    }
    fn cell(&mut self) {
        self.pending = Some('\t');
    }
    fn newline(&mut self) {
        self.pending = None;
        if let Some(s) = self.start.take() {
            // A copy of the exact size; `cur` keeps its buffer for the next line.
            self.lines.push(Line {
                text: self.cur.clone(),
                start: s,
                end: self.end.max(s),
                para: true,
            });
        }
        self.cur.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_rows_become_tabbed_lines() {
        let src = "<p>Intro&nbsp;text</p><table><tr><td><p>2/15/2011</p></td><td>210</td><td>5.2988</td></tr></table>";
        let lines = html_lines(src);
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].text, "Intro text");
        assert_eq!(lines[1].text, "2/15/2011\t210\t5.2988");
        assert_eq!(
            &src[lines[1].start..lines[1].end],
            "2/15/2011</p></td><td>210</td><td>5.2988"
        );
    }

    proptest::proptest! {
        /// Blanks become what the doc says: a run of two or more (or a tab) a tab, one a space.
        #[test]
        fn columns_to_tabs_collapses_blanks(s in "[a-z.,é\t \u{a0}\u{1}\u{b}\n]{0,30}") {
            let runs = regex::Regex::new(r"\s+").expect("regex");
            let want = runs.replace_all(s.trim(), |c: &regex::Captures| {
                let run = &c[0];
                if run.chars().count() >= 2 || run.contains('\t') { "\t" } else { " " }
            });
            proptest::prop_assert_eq!(columns_to_tabs(&s), want);
        }
    }

    #[test]
    fn text_columns_become_tabs() {
        let lines = text_lines("<S>  <C>\n   04/08/99     100,000    .3093\n");
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].text, "04/08/99\t100,000\t.3093");
    }
}
