//! The structured XML format (2024+, SPEC §4), 13D and 13G, both schema generations.
//!
//! The XML is read into a small tree matched by local names (any prefix, any child order),
//! which recovers from the defects seen in real filings: mismatched or unterminated end
//! tags, comments, stray blank lines. Fields are then read through tables of element names.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::ops::Range;

use crate::error::{Error, Position, Result};
use crate::model::{
    field_path, Address, Filer, ReportingPerson, Schedule, Schedule13D, Signature, SourceFormat,
    Span, Spans,
};
use crate::text::{parse_date, state_or_country_name, trim};

/// One element: its local name, its own text, and where that text is. Elements are stored in
/// document order, so an element's descendants are the elements from the next index up to
/// `end`: children are reached by hopping from one `end` to the next, and a depth-first search
/// is a plain scan of that range.
#[derive(Debug, Default)]
struct Node<'a> {
    name: &'a str,
    /// The element's text as written (entities not yet decoded): most elements are never read,
    /// so decoding waits until one is.
    raw: &'a str,
    /// The decoded text, when it came in several pieces (split by comments or CDATA).
    joined: Option<String>,
    text_span: Range<usize>,
    /// One past the last descendant.
    end: usize,
    /// The text of the XML comment just before this element, if any (EDGAR puts the filer's
    /// name there: `<!-- Field: Pseudo-Tag; ID: Name; Data: ... -->`).
    comment: Option<&'a str>,
}

impl<'a> Node<'a> {
    /// The text decoded, untrimmed.
    fn decoded(&self) -> Cow<'_, str> {
        match &self.joined {
            Some(s) => Cow::Borrowed(s),
            None => unescape(self.raw),
        }
    }

    fn has_text(&self) -> bool {
        !self.raw.is_empty() || self.joined.is_some()
    }

    /// Add a piece of text; `decoded` is the piece already decoded (CDATA) or `None` for text
    /// as written.
    fn add_text(&mut self, raw: &'a str, decoded: Option<&str>, span: Range<usize>) {
        if !self.has_text() && decoded.is_none() {
            self.raw = raw;
            self.text_span = span;
            return;
        }
        let mut joined = match self.joined.take() {
            Some(s) => s,
            None => self.decoded().into_owned(),
        };
        joined.push_str(&decoded.map_or_else(|| unescape(raw), Cow::Borrowed));
        self.joined = Some(joined);
        self.text_span = if decoded.is_some() {
            span
        } else {
            self.text_span.start.min(span.start)..span.end
        };
    }
}

#[derive(Debug)]
struct Tree<'a> {
    nodes: Vec<Node<'a>>,
}

/// One piece of the XML, as far as the tree needs to know.
enum Token<'a> {
    /// `<name ...>` (`empty`: `<name .../>`), with the element's local name.
    Start {
        name: &'a str,
        empty: bool,
    },
    /// Everything between `</` and `>`: one name (`plain`), or several when a broken end tag
    /// (`</a` without `>`) swallowed the next one; `innermost` when it is the name of the
    /// innermost open element (written without a prefix).
    End {
        raw: &'a str,
        plain: bool,
        innermost: bool,
    },
    Text(&'a str),
    /// `<name>text</name>`: an element with its text and end tag (the offset given is the
    /// text's).
    Leaf {
        name: &'a str,
        text: &'a str,
    },
    CData(&'a str),
    Comment(&'a str),
}

/// A lenient XML tokenizer for EDGAR's primary documents. It checks nothing the tree does
/// not need (end tags need not match, entities are decoded later), which is what lets broken
/// filings be read; unterminated markup at the end of the input is an error. (It replaced
/// quick-xml's reader, configured to the same leniency, which cost ~40% of parsing an XML
/// filing; see BENCHMARKS.md run 5.)
struct Tokens<'a> {
    xml: &'a str,
    pos: usize,
}

impl<'a> Tokens<'a> {
    /// The next token and the offset where its content starts; `None` at the end. `open` is
    /// the name of the innermost open element: the end tag that usually comes next.
    fn next_token(&mut self, open: &str) -> Result<Option<(usize, Token<'a>)>> {
        let xml = self.xml;
        let b = xml.as_bytes();
        loop {
            let start = self.pos;
            let Some(rest) = b.get(start..).filter(|r| !r.is_empty()) else {
                return Ok(None);
            };
            if rest[0] != b'<' {
                // The indentation between tags is most of a document's text and no element's.
                let blank = skip_blank(rest);
                if blank == rest.len() || rest[blank] == b'<' {
                    self.pos = start + blank;
                    continue;
                }
                let end = memchr::memchr(b'<', rest).map_or(b.len(), |i| start + i);
                self.pos = end;
                return Ok(Some((start, Token::Text(&xml[start..end]))));
            }
            // (opening, closing, what): the delimited forms, all starting `<!` or `<?`.
            let delimited: Option<(&[u8], &[u8], &str)> = match rest.get(1) {
                Some(b'!') if rest.starts_with(b"<!--") => Some((b"<!--", b"-->", "comment")),
                Some(b'!') if rest.starts_with(b"<![CDATA[") => {
                    Some((b"<![CDATA[", b"]]>", "CDATA section"))
                }
                Some(b'?') => Some((b"<?", b"?>", "processing instruction")),
                _ => None,
            };
            if let Some((open, close, what)) = delimited {
                let from = start + open.len();
                let len = memchr::memmem::find(&b[from..], close)
                    .ok_or_else(|| unclosed(xml, start, what))?;
                self.pos = from + len + close.len();
                let content = &xml[from..from + len];
                match open {
                    b"<!--" => return Ok(Some((from, Token::Comment(content)))),
                    b"<?" => continue,
                    _ => return Ok(Some((from, Token::CData(content)))),
                }
            }
            if rest.get(1) == Some(&b'!') {
                // A document type declaration, with its internal subset if any.
                let gt = memchr::memchr(b'>', rest).ok_or_else(|| unclosed(xml, start, "<!"))?;
                self.pos = match memchr::memchr(b'[', &rest[..gt]) {
                    Some(_) => memchr::memmem::find(rest, b"]>")
                        .map(|i| start + i + 2)
                        .ok_or_else(|| unclosed(xml, start, "document type"))?,
                    None => start + gt + 1,
                };
                continue;
            }
            if rest.get(1) == Some(&b'/') {
                let after = start + 2 + open.len();
                if !open.is_empty()
                    && b.get(after) == Some(&b'>')
                    && &b[start + 2..after] == open.as_bytes()
                {
                    self.pos = after + 1;
                    let raw = &xml[start + 2..after];
                    let end = Token::End {
                        raw,
                        plain: true,
                        innermost: true,
                    };
                    return Ok(Some((start + 2, end)));
                }
                // Otherwise usually a plain name up to `>`: one table scan decides and finds
                // the end.
                let stop = start + 2 + scan(&rest[2..], &NOT_IN_PLAIN_NAME);
                let (gt, plain) = if b.get(stop) == Some(&b'>') {
                    (stop, true)
                } else {
                    let len = memchr::memchr(b'>', &b[stop..])
                        .ok_or_else(|| unclosed(xml, start, "end tag"))?;
                    (stop + len, false)
                };
                self.pos = gt + 1;
                let raw = &xml[start + 2..gt];
                let end = Token::End {
                    raw,
                    plain,
                    innermost: false,
                };
                return Ok(Some((start + 2, end)));
            }
            // The qualified name runs to the first blank or `>`; with attributes, the tag
            // ends at the first `>` outside a quoted value; `/>` makes the element empty.
            let mut i = start + 1 + scan(&rest[1..], &NAME_STOP);
            let mut colon = None;
            if b.get(i) == Some(&b':') {
                colon = Some(i);
                i += 1 + scan(&b[i + 1..], &NAME_END);
            }
            let mut name_end = i;
            let gt = loop {
                if b.get(i) == Some(&b'>') {
                    break i;
                }
                let Some(k) = b
                    .get(i..)
                    .and_then(|r| memchr::memchr3(b'>', b'"', b'\'', r))
                else {
                    return Err(unclosed(xml, start, "start tag"));
                };
                let at = i + k;
                if b[at] == b'>' {
                    break at;
                }
                let q = memchr::memchr(b[at], &b[at + 1..])
                    .ok_or_else(|| unclosed(xml, start, "attribute value"))?;
                i = at + 1 + q + 1;
            };
            self.pos = gt + 1;
            let empty = gt > start + 1 && b[gt - 1] == b'/';
            if empty && name_end == gt {
                name_end -= 1;
            }
            // Delimited by ASCII bytes, so whole characters of `xml`.
            let name = xml
                .get(colon.map_or(start + 1, |c| c + 1)..name_end)
                .unwrap_or("");
            if !empty {
                // Most elements are `<name>text</name>`: read at once, as one token.
                let at = gt + 1;
                let lt = memchr::memchr(b'<', &b[at..]).map_or(b.len(), |k| at + k);
                let qualified = &b[start + 1..name_end];
                let close = lt + 2 + qualified.len();
                if b.get(lt + 1) == Some(&b'/')
                    && b.get(lt + 2..close) == Some(qualified)
                    && b.get(close) == Some(&b'>')
                {
                    self.pos = close + 1;
                    let text = &xml[at..lt];
                    return Ok(Some((at, Token::Leaf { name, text })));
                }
            }
            return Ok(Some((start, Token::Start { name, empty })));
        }
    }
}

fn unclosed(xml: &str, at: usize, what: &str) -> Error {
    Error::malformed(
        format!("XML error: unclosed {what} at the end of the document"),
        Position::at(xml.as_bytes(), at),
    )
}

const MAX_DEPTH: usize = 64;

/// A set of bytes, as a table. Its bytes are all below 0x40, which lets [`scan`] skip the
/// letters of a name eight at a time.
const fn byte_set(bytes: &[u8]) -> [bool; 256] {
    let mut t = [false; 256];
    let mut k = 0;
    while k < bytes.len() {
        assert!(bytes[k] < 0x40, "scan looks up bytes below 0x40 only");
        t[bytes[k] as usize] = true;
        k += 1;
    }
    t
}

/// The top bit of each byte of a word.
const TOP_BITS: u64 = 0x8080_8080_8080_8080;

/// Eight bytes of `b` from `i` as a word (first byte lowest), if there are eight.
fn word_at(b: &[u8], i: usize) -> Option<u64> {
    let chunk: [u8; 8] = b.get(i..i + 8)?.try_into().ok()?;
    Some(u64::from_le_bytes(chunk))
}

/// The bytes that make an end tag's name other than one plain name: `<`, `>`, `:` and ASCII
/// white space.
const NOT_IN_PLAIN_NAME: [bool; 256] = byte_set(b"<>: \t\n\x0c\r");
/// Where a start tag's qualified name ends (`NAME_END`), or its prefix (`NAME_STOP`).
const NAME_END: [bool; 256] = byte_set(b" \t\r\n>");
const NAME_STOP: [bool; 256] = byte_set(b" \t\r\n>:");

/// The index of the first byte of `b` in `set` (a [`byte_set`]), else `b.len()`. Eight bytes
/// at a time, only those below 0x40 (top two bits clear) are looked up.
fn scan(b: &[u8], set: &[bool; 256]) -> usize {
    let mut i = 0;
    while let Some(w) = word_at(b, i) {
        let mut low = !(w | (w << 1)) & TOP_BITS;
        while low != 0 {
            let k = i + low.trailing_zeros() as usize / 8;
            if set[usize::from(b[k])] {
                return k;
            }
            low &= low - 1;
        }
        i += 8;
    }
    b[i..]
        .iter()
        .position(|&c| set[usize::from(c)])
        .map_or(b.len(), |k| i + k)
}

/// The index of the first byte of `b` that is not ASCII white space, else `b.len()`. Eight
/// bytes at a time, only those other than a space are looked at (indentation is spaces).
fn skip_blank(b: &[u8]) -> usize {
    const SPACES: u64 = 0x2020_2020_2020_2020;
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    let mut i = 0;
    while let Some(w) = word_at(b, i) {
        let x = w ^ SPACES;
        // The top bit of each byte of `x` that is not zero.
        let mut other = (((x & LOW7) + LOW7) | x) & TOP_BITS;
        while other != 0 {
            let k = i + other.trailing_zeros() as usize / 8;
            if !b[k].is_ascii_whitespace() {
                return k;
            }
            other &= other - 1;
        }
        i += 8;
    }
    b[i..]
        .iter()
        .position(|c| !c.is_ascii_whitespace())
        .map_or(b.len(), |k| i + k)
}

impl<'a> Tree<'a> {
    fn parse(xml: &'a str) -> Result<Tree<'a>> {
        let mut tokens = Tokens { xml, pos: 0 };
        // Room for an element per 48 bytes: EDGAR's documents have one per 80 or more (their
        // indentation and texts), so this rarely regrows and costs no pass to count.
        let mut nodes = Vec::with_capacity(xml.len() / 48 + 8);
        nodes.push(Node::default());
        let mut stack = Vec::with_capacity(MAX_DEPTH);
        stack.push(0usize);
        let mut comment = None;
        loop {
            let open = match stack.last() {
                Some(&i) if i > 0 => nodes[i].name,
                _ => "",
            };
            let Some((at, token)) = tokens.next_token(open)? else {
                break;
            };
            match token {
                Token::Start { .. } if stack.len() >= MAX_DEPTH => {
                    return Err(Error::malformed(
                        "XML nested too deeply",
                        Position::at(xml.as_bytes(), at),
                    ));
                }
                Token::Start { name, empty } => {
                    let idx = nodes.len();
                    nodes.push(Node {
                        name,
                        comment: comment.take(),
                        end: idx + 1,
                        ..Node::default()
                    });
                    if !empty {
                        stack.push(idx);
                    }
                }
                Token::Leaf { name, text } => {
                    let mut node = Node {
                        name,
                        comment: comment.take(),
                        end: nodes.len() + 1,
                        ..Node::default()
                    };
                    if !trim(text).is_empty() {
                        node.add_text(text, None, at..at + text.len());
                    }
                    nodes.push(node);
                }
                Token::End {
                    innermost: true, ..
                } => {
                    // What `close` would find first: the innermost element.
                    if let Some(i) = stack.pop() {
                        nodes[i].end = nodes.len();
                    }
                }
                Token::End { raw, plain, .. } => {
                    if plain {
                        close(&mut nodes, &mut stack, raw);
                        continue;
                    }
                    // A broken end tag (`</a` without `>`) swallows the next one: the raw name
                    // then holds several names. Close each, innermost first.
                    for part in raw.split("</") {
                        let name = part
                            .split(|c: char| c.is_whitespace() || c == '>')
                            .next()
                            .unwrap_or("");
                        let local = name.rsplit(':').next().unwrap_or(name);
                        close(&mut nodes, &mut stack, local);
                    }
                }
                Token::Text(raw) => {
                    if !trim(raw).is_empty() {
                        let top = *stack.last().unwrap_or(&0);
                        nodes[top].add_text(raw, None, at..at + raw.len());
                    }
                }
                Token::CData(raw) => {
                    let top = *stack.last().unwrap_or(&0);
                    nodes[top].add_text(raw, Some(raw), at..at + raw.len());
                }
                Token::Comment(c) => comment = Some(c),
            }
        }
        if let Some(&open) = stack.get(1) {
            return Err(Error::malformed(
                format!("truncated XML: <{}> is never closed", nodes[open].name),
                Position::at(xml.as_bytes(), xml.len()),
            ));
        }
        nodes[0].end = nodes.len();
        Ok(Tree { nodes })
    }

    fn root(&self) -> Option<usize> {
        (self.nodes.len() > 1).then_some(1)
    }

    fn name(&self, n: usize) -> &str {
        self.nodes[n].name
    }

    /// The children of `n`, in order.
    fn kids(&self, n: usize) -> Kids<'_, 'a> {
        Kids {
            nodes: &self.nodes,
            next: n + 1,
            end: self.nodes[n].end,
        }
    }

    fn has_children(&self, n: usize) -> bool {
        self.nodes[n].end > n + 1
    }

    fn children<'s>(&'s self, n: usize, name: &'s str) -> impl Iterator<Item = usize> + 's {
        self.kids(n)
            .filter(move |&c| self.nodes[c].name.eq_ignore_ascii_case(name))
    }

    /// The first element along `path` (child names) below `n`.
    fn at(&self, n: usize, path: &[&str]) -> Option<usize> {
        path.iter()
            .try_fold(n, |cur, name| self.children(cur, name).next())
    }

    /// The first descendant of `n` (depth first) with one of `names`.
    fn find(&self, n: usize, names: &[&str]) -> Option<usize> {
        let end = self.nodes[n].end;
        (n + 1..end).find(|&c| {
            let name = self.nodes[c].name;
            names.iter().any(|m| name.eq_ignore_ascii_case(m))
        })
    }

    /// Every descendant of `n` named `name`, in document order (not below a match).
    fn find_all(&self, n: usize, name: &str, out: &mut Vec<usize>) {
        let end = self.nodes[n].end;
        let mut c = n + 1;
        while c < end {
            if self.nodes[c].name.eq_ignore_ascii_case(name) {
                out.push(c);
                c = self.nodes[c].end;
            } else {
                c += 1;
            }
        }
    }

    /// Trimmed text of `n`, decoded; `None` when blank.
    fn text(&self, n: usize) -> Option<Cow<'_, str>> {
        match self.nodes[n].decoded() {
            Cow::Borrowed(t) => Some(trim(t)).filter(|t| !t.is_empty()).map(Cow::Borrowed),
            Cow::Owned(t) => {
                let trimmed = trim(&t);
                if trimmed.is_empty() {
                    None
                } else if trimmed.len() == t.len() {
                    Some(Cow::Owned(t))
                } else {
                    Some(Cow::Owned(trimmed.to_string()))
                }
            }
        }
    }
}

/// The children of an element (see [`Tree::kids`]).
struct Kids<'t, 'a> {
    nodes: &'t [Node<'a>],
    next: usize,
    end: usize,
}

impl Iterator for Kids<'_, '_> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        if self.next >= self.end {
            return None;
        }
        let c = self.next;
        self.next = self.nodes[c].end.max(c + 1);
        Some(c)
    }
}

/// Pop up to and including the innermost open element named `local`; an end tag that
/// matches nothing open is ignored.
fn close(nodes: &mut [Node], stack: &mut Vec<usize>, local: &str) {
    if local.is_empty() {
        return;
    }
    if let Some(pos) = stack
        .iter()
        .rposition(|&i| i != 0 && nodes[i].name == local)
    {
        let end = nodes.len();
        for &i in &stack[pos..] {
            nodes[i].end = end;
        }
        stack.truncate(pos);
    }
}

/// XML entity decoding that never fails: unknown entities stay as written, and the doubly
/// escaped numeric references EDGAR produces (`&amp;#167;`) are decoded too.
pub(crate) fn unescape(s: &str) -> Cow<'_, str> {
    if memchr::memchr(b'&', s.as_bytes()).is_none() {
        return Cow::Borrowed(s);
    }
    let once = unescape_once(s);
    Cow::Owned(if once.contains("&#") {
        unescape_once(&once)
    } else {
        once
    })
}

fn unescape_once(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = memchr::memchr(b'&', rest.as_bytes()) {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        // A byte search: the first 12 bytes may end inside a character.
        let end = rest.as_bytes()[..rest.len().min(12)]
            .iter()
            .position(|&b| b == b';');
        let decoded = end.and_then(|e| {
            let ent = &rest[1..e];
            let ch = match ent {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some('\u{a0}'),
                _ => ent
                    .strip_prefix("#x")
                    .or_else(|| ent.strip_prefix("#X"))
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| ent.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            }?;
            Some((ch, e + 1))
        });
        match decoded {
            Some(('\r', len)) => rest = &rest[len..],
            Some((ch, len)) => {
                out.push(ch);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Reads values off the tree and records where each came from.
struct Reading<'a> {
    tree: &'a Tree<'a>,
    xml: &'a str,
    base: usize,
    spans: Spans,
}

/// How often a filing may give a field path: most once (`reporting_persons[2].cik`); item
/// parts, CUSIPs and signature blocks again (the last one counts).
#[derive(Clone, Copy)]
enum Given {
    Once,
    Again,
}

impl<'a> Reading<'a> {
    /// The text of `n`, recording its span under `path`, a path given once. Borrowed where it
    /// can be: numbers and flags are parsed from it, not kept.
    fn take(&mut self, n: Option<usize>, path: impl FnOnce() -> String) -> Option<Cow<'a, str>> {
        self.take_given(n, Given::Once, path)
    }

    fn take_given(
        &mut self,
        n: Option<usize>,
        given: Given,
        path: impl FnOnce() -> String,
    ) -> Option<Cow<'a, str>> {
        let n = n?;
        let text = self.tree.text(n)?;
        self.record(n, given, path);
        Some(text)
    }

    /// Record where the text of `n` is, under `path`.
    fn record(&mut self, n: usize, given: Given, path: impl FnOnce() -> String) {
        if let Some(span) = self.span_of(n) {
            match given {
                Given::Once => self.spans.push(path(), span),
                Given::Again => self.spans.insert(path(), span),
            }
        }
    }

    /// Run `read` with spans of its own, appended after it: the paths it records
    /// [`Given::Again`] are recorded nowhere else, so only its own entries need a look.
    fn section<T>(&mut self, read: impl FnOnce(&mut Self) -> T) -> T {
        let outer = std::mem::replace(&mut self.spans, Spans::with_capacity(16));
        let out = read(self);
        let inner = std::mem::replace(&mut self.spans, outer);
        self.spans.append(inner);
        out
    }

    /// Where the text of `n` is, trimmed.
    fn span_of(&self, n: usize) -> Option<Span> {
        let r = &self.tree.nodes[n].text_span;
        let untrimmed = self.xml.get(r.clone())?;
        let raw = trim(untrimmed);
        // `raw` is a slice of `untrimmed`: the distance is the blank trimmed off the start.
        let lead = raw.as_ptr() as usize - untrimmed.as_ptr() as usize;
        let start = self.base + r.start + lead;
        Some(Span {
            start,
            end: start + raw.len(),
            text: raw.to_string(),
        })
    }
}

/// Parse a Schedule 13D/13G `primary_doc.xml`. `base` is the offset of `xml` in the text the
/// spans should point into.
pub fn parse(xml: &str, base: usize) -> Result<Schedule13D> {
    let tree = Tree::parse(xml)?;
    let root = tree
        .root()
        .ok_or_else(|| Error::malformed("no XML root element", Position::at(xml.as_bytes(), 0)))?;
    if !tree.name(root).eq_ignore_ascii_case("edgarSubmission") {
        return Err(Error::not_schedule(
            format!(
                "the XML root element is <{}>, expected <edgarSubmission>",
                tree.name(root)
            ),
            Position::default(),
        ));
    }
    let mut r = Reading {
        tree: &tree,
        xml,
        base,
        // Room for a common filing's fields, without regrowing.
        spans: Spans::with_capacity(64),
    };
    let mut f = Schedule13D {
        source_format: SourceFormat::Xml,
        ..Default::default()
    };

    let header = tree.at(root, &["headerData"]);
    f.form_type = r
        .take(header.and_then(|h| tree.at(h, &["submissionType"])), || {
            "form_type".into()
        })
        .map(Cow::into_owned);
    let form = f.form_type.clone().unwrap_or_default().to_ascii_uppercase();
    if !form.is_empty() && !crate::container::is_schedule_type(&form) {
        return Err(Error::not_schedule(
            format!("the submission type is {form}"),
            Position::default(),
        ));
    }
    let form_data = tree.at(root, &["formData"]).ok_or_else(|| {
        Error::malformed(
            "no <formData> in the XML: expected the cover page and items",
            Position::default(),
        )
    })?;
    let is_13g = form.contains("13G")
        || tree
            .find(form_data, &["coverPageHeaderReportingPersonDetails"])
            .is_some();
    f.schedule = if is_13g { Schedule::G13 } else { Schedule::D13 };
    f.previous_accession_number = r
        .take(
            header.and_then(|h| tree.find(h, &["previousAccessionNumber"])),
            || "previous_accession_number".into(),
        )
        .map(Cow::into_owned);
    if let Some(h) = header {
        let mut filers = Vec::new();
        tree.find_all(h, "filerCredentials", &mut filers);
        for (i, fc) in filers.into_iter().enumerate() {
            let cik = r
                .take(tree.at(fc, &["cik"]), || {
                    field_path("filers", i, Some("cik"))
                })
                .map(Cow::into_owned);
            let name = tree
                .kids(fc)
                .find_map(|c| tree.nodes[c].comment)
                .and_then(|c| c.split("Data:").nth(1))
                .map(|n| n.trim().to_string());
            f.filers.push(Filer { name, cik });
        }
    }

    let cover = tree.at(form_data, &["coverPageHeader"]);
    let find = |names: &[&str]| cover.and_then(|c| tree.find(c, names));
    f.amendment_number = r
        .take(find(&["amendmentNo"]), || "amendment_number".into())
        .and_then(|s| s.parse().ok());
    f.issuer.security_class = r
        .take(find(&["securitiesClassTitle"]), || {
            "issuer.security_class".into()
        })
        .map(Cow::into_owned);
    f.event_date = r
        .take(
            find(&["dateOfEvent", "eventDateRequiresFilingThisStatement"]),
            || "event_date".into(),
        )
        .and_then(|s| parse_date(&s));
    let issuer = find(&["issuerInfo"]);
    f.issuer.cik = r
        .take(
            issuer.and_then(|i| tree.find(i, &["issuerCIK", "issuerCik"])),
            || "issuer.cik".into(),
        )
        .map(Cow::into_owned);
    f.issuer.name = r
        .take(issuer.and_then(|i| tree.at(i, &["issuerName"])), || {
            "issuer.name".into()
        })
        .map(Cow::into_owned);
    if let Some(i) = issuer {
        let mut cusips = Vec::new();
        for name in ["issuerCUSIP", "issuerCusip", "issuerCusipNumber"] {
            tree.find_all(i, name, &mut cusips);
        }
        r.section(|r| {
            for c in cusips {
                let Some(v) = tree.text(c) else {
                    continue;
                };
                let v: String = v
                    .chars()
                    .filter(|c| !matches!(c, ' ' | '-'))
                    .collect::<String>()
                    .to_ascii_uppercase();
                if is_placeholder_cusip(&v) {
                    // Keep where the placeholder was, for validation; it is no CUSIP.
                    r.record(c, Given::Again, || "issuer.cusip_placeholder".into());
                } else {
                    let k = f.issuer.cusips.len();
                    // A CUSIP given twice leaves `k` as it was.
                    r.record(c, Given::Again, || field_path("issuer.cusips", k, None));
                    if !f.issuer.cusips.contains(&v) {
                        f.issuer.cusips.push(v);
                    }
                }
            }
        });
        let addr = tree.find(i, &["address", "issuerPrincipalExecutiveOfficeAddress"]);
        f.issuer.address = addr.map(|a| read_address(&mut r, a, "issuer.address"));
    }
    if let Some(c) = cover {
        let mut rules = Vec::new();
        tree.find_all(c, "designateRulePursuantThisScheduleFiled", &mut rules);
        f.rules = rules
            .into_iter()
            .filter_map(|n| tree.text(n).map(Cow::into_owned))
            .collect();
    }

    let mut persons = Vec::new();
    for name in [
        "reportingPersonInfo",
        "coverPageHeaderReportingPersonDetails",
    ] {
        tree.find_all(form_data, name, &mut persons);
    }
    f.reporting_persons = persons
        .into_iter()
        .enumerate()
        .map(|(i, p)| read_person(&mut r, p, i))
        .collect();

    let items = tree
        .at(form_data, &["items1To7"])
        .or_else(|| tree.at(form_data, &["items"]));
    if let Some(items) = items {
        r.section(|r| read_items(r, items, &mut f.items));
    }
    r.section(|r| read_signatures(r, form_data, &mut f.signatures));
    f.spans = r.spans;
    debug_assert!(
        f.spans.paths_unique(),
        "a path given again was recorded as given once"
    );
    Ok(f)
}

/// The items: their texts by number, and where each part of them is.
fn read_items(r: &mut Reading, items: usize, out: &mut BTreeMap<String, String>) {
    let tree = r.tree;
    for it in tree.kids(items) {
        let Some(num) = tree
            .name(it)
            .strip_prefix("item")
            .filter(|n| n.parse::<u32>().is_ok())
        else {
            continue;
        };
        // `item{num}` is the element's own name.
        let text = item_text(tree, it, tree.name(it));
        if !text.is_empty() {
            out.insert(num.to_string(), text);
        }
        // Where each part of the item is, e.g. `items.5.transactionDesc` (the item text is
        // rebuilt from its parts, so it has no one span).
        for c in tree.kids(it) {
            if !tree.has_children(c) && tree.nodes[c].has_text() {
                // An element may repeat (13G Item 3's `typeOfPersonFiling`).
                r.record(c, Given::Again, || {
                    ["items.", num, ".", tree.name(c)].concat()
                });
            }
        }
    }
}

/// `000000000`, `N/A`, `None` and friends stand for "no CUSIP".
pub(crate) fn is_placeholder_cusip(c: &str) -> bool {
    c.is_empty()
        || c.chars().all(|ch| ch == '0')
        || matches!(c, "N/A" | "NA" | "NONE" | "NOTAPPLICABLE")
}

fn read_address(r: &mut Reading, a: usize, path: &str) -> Address {
    let tree = r.tree;
    let mut part = |name: &str, key: &str| {
        r.take(tree.at(a, &[name]), || [path, ".", key].concat())
            .map(Cow::into_owned)
    };
    let street1 = part("street1", "street1");
    let street2 = part("street2", "street2");
    let city = part("city", "city");
    let state_or_country = part("stateOrCountry", "state_or_country");
    let zip_code = part("zipCode", "zip_code");
    let state_or_country_name = state_or_country
        .as_deref()
        .and_then(state_or_country_name)
        .map(str::to_string);
    Address {
        street1,
        street2,
        city,
        state_or_country,
        state_or_country_name,
        zip_code,
    }
}

fn flag(s: Option<Cow<str>>) -> Option<bool> {
    let s = s?;
    let is = |words: [&str; 4]| words.iter().any(|w| s.trim().eq_ignore_ascii_case(w));
    if is(["Y", "YES", "TRUE", "1"]) {
        Some(true)
    } else if is(["N", "NO", "FALSE", "0"]) {
        Some(false)
    } else {
        None
    }
}

fn number(s: Option<Cow<str>>) -> Option<f64> {
    let s = s?;
    if s.contains(',') {
        s.replace(',', "").trim().parse().ok()
    } else {
        s.trim().parse().ok()
    }
}

/// The cover-page rows of a reporting person, in reading order: the field path key and the
/// elements that hold the row (both schema generations).
const PERSON_ROWS: [(&str, &[&str]); 13] = [
    ("name", &["reportingPersonName"]),
    ("cik", &["reportingPersonCIK", "reportingCik"]),
    ("member_of_group", &["memberOfGroup", "memberGroup"]),
    ("legal_proceedings", &["legalProceedings"]),
    ("citizenship", &["citizenshipOrOrganization"]),
    ("sole_voting_power", &["soleVotingPower"]),
    ("shared_voting_power", &["sharedVotingPower"]),
    ("sole_dispositive_power", &["soleDispositivePower"]),
    ("shared_dispositive_power", &["sharedDispositivePower"]),
    (
        "aggregate_amount",
        &[
            "aggregateAmountOwned",
            "reportingPersonBeneficiallyOwnedAggregateNumberOfShares",
        ],
    ),
    (
        "excludes_certain_shares",
        &[
            "isAggregateExcludeShares",
            "aggregateAmountExcludesCertainSharesFlag",
        ],
    ),
    ("percent_of_class", &["percentOfClass", "classPercent"]),
    ("comment", &["commentContent", "comments"]),
];

fn read_person(r: &mut Reading, p: usize, i: usize) -> ReportingPerson {
    let tree = r.tree;
    // One pass over the person's elements finds the first element of every row, and the
    // source-of-funds and type codes (a search per row cost more than the rest of the person).
    let mut found = [None; PERSON_ROWS.len()];
    let (mut funds, mut types) = (Vec::new(), Vec::new());
    let mut c = p + 1;
    while c < tree.nodes[p].end {
        let name = tree.name(c);
        let row = PERSON_ROWS
            .iter()
            .position(|(_, names)| names.iter().any(|m| m.eq_ignore_ascii_case(name)));
        if let Some(k) = row {
            found[k].get_or_insert(c);
        } else if let Some(codes) = if name.eq_ignore_ascii_case("fundType") {
            Some(&mut funds)
        } else if name.eq_ignore_ascii_case("typeOfReportingPerson") {
            Some(&mut types)
        } else {
            None
        } {
            codes.push(c);
            // Codes are leaves: nothing below one is read.
            c = tree.nodes[c].end;
            continue;
        }
        c += 1;
    }
    // `reporting_persons[i].`, the start of every row's path.
    let prefix = field_path("reporting_persons", i, Some(""));
    let mut rows = found.into_iter().zip(PERSON_ROWS).map(|(n, (key, _))| {
        r.take(n, || {
            let mut path = String::with_capacity(prefix.len() + key.len());
            path.push_str(&prefix);
            path.push_str(key);
            path
        })
    });
    let mut row = || rows.next().flatten();
    let name = row().map(Cow::into_owned).unwrap_or_default();
    let cik = row().map(Cow::into_owned);
    let member_of_group = row().map(|s| s.to_ascii_lowercase());
    let legal_proceedings = flag(row());
    let citizenship_code = row().map(Cow::into_owned);
    let sole_voting_power = number(row());
    let shared_voting_power = number(row());
    let sole_dispositive_power = number(row());
    let shared_dispositive_power = number(row());
    let aggregate_amount = number(row());
    let excludes_certain_shares = flag(row());
    let percent_of_class = number(row());
    let comment = row().map(Cow::into_owned);
    let codes = |nodes: Vec<usize>| {
        nodes
            .into_iter()
            .filter_map(|n| tree.text(n).map(|t| t.to_ascii_uppercase()))
            .collect::<Vec<_>>()
    };
    let citizenship = citizenship_code
        .as_deref()
        .map(|c| state_or_country_name(c).map_or_else(|| c.to_string(), str::to_string));
    ReportingPerson {
        name,
        cik,
        irs_number: None,
        member_of_group,
        source_of_funds: codes(funds),
        legal_proceedings,
        citizenship,
        citizenship_code,
        sole_voting_power,
        shared_voting_power,
        sole_dispositive_power,
        shared_dispositive_power,
        aggregate_amount,
        excludes_certain_shares,
        percent_of_class,
        type_of_reporting_person: codes(types),
        comment,
        cover_cusip: None,
    }
}

/// Sub-element letters of the items whose parts the form letters (a)-(f), by item.
const ITEM_PARTS: [(&str, &[(&str, &str)]); 3] = [
    (
        "item2",
        &[
            ("filingPersonName", "(a)"),
            ("principalBusinessAddress", "(b)"),
            ("principalJob", "(c)"),
            ("hasBeenConvicted", "(d)"),
            ("convictionDescription", "(e)"),
            ("citizenship", "(f)"),
            ("principalBusinessOfficeOrResidenceAddress", "(b)"),
        ],
    ),
    (
        "item4",
        &[
            ("amountBeneficiallyOwned", "(a)"),
            ("classPercent", "(b)"),
            ("numberOfSharesPersonHas", "(c)"),
        ],
    ),
    (
        "item5",
        &[
            ("percentageOfClassSecurities", "(a)"),
            ("numberOfShares", "(b)"),
            ("transactionDesc", "(c)"),
            ("listOfShareholders", "(d)"),
            ("date5PercentOwnership", "(e)"),
        ],
    ),
];

/// The text of an item: its parts in document order, lettered where the form letters them;
/// addresses joined on one line; "not applicable" flags spelled out.
fn item_text(tree: &Tree, item: usize, item_name: &str) -> String {
    let lettered = ITEM_PARTS
        .iter()
        .find(|(i, _)| *i == item_name)
        .map_or(&[][..], |(_, parts)| parts);
    let mut out = String::new();
    let mut first = true;
    let mut leaves: Vec<Cow<str>> = Vec::new();
    for c in tree.kids(item) {
        let name = tree.name(c);
        if name == "notApplicableFlag" {
            if tree
                .text(c)
                .is_some_and(|t| matches!(&*t, "Y" | "true" | "1"))
            {
                if !std::mem::take(&mut first) {
                    out.push_str("\n\n");
                }
                out.push_str("Not applicable.");
            }
            continue;
        }
        leaves.clear();
        collect_leaves(tree, c, &mut leaves);
        if leaves.is_empty() {
            continue;
        }
        // The part, its letter and separators: one allocation for most items.
        out.reserve(leaves.iter().map(|l| l.len() + 2).sum::<usize>() + 6);
        if !std::mem::take(&mut first) {
            out.push_str("\n\n");
        }
        let letter = lettered.iter().find(|(n, _)| *n == name).map(|(_, l)| *l);
        if let Some(l) = letter {
            out.push_str(l);
            out.push(' ');
        }
        let sep = if tree.has_children(c) { ", " } else { "" };
        for (k, leaf) in leaves.iter().enumerate() {
            if k > 0 {
                out.push_str(sep);
            }
            out.push_str(leaf);
        }
    }
    out
}

fn collect_leaves<'t>(tree: &'t Tree, n: usize, out: &mut Vec<Cow<'t, str>>) {
    if let Some(t) = tree.text(n) {
        let t = if memchr::memchr(b'\r', t.as_bytes()).is_some() {
            Cow::Owned(t.replace("\r\n", "\n"))
        } else {
            t
        };
        let t = if tree.name(n) == "stateOrCountry" {
            state_or_country_name(&t).map_or(t, Cow::Borrowed)
        } else {
            t
        };
        out.push(t);
    }
    for c in tree.kids(n) {
        collect_leaves(tree, c, out);
    }
}

/// The signature blocks (in a [`Reading::section`]: their `reporting_person` may repeat).
fn read_signatures(r: &mut Reading, form_data: usize, out: &mut Vec<Signature>) {
    let tree = r.tree;
    let mut blocks = Vec::new();
    tree.find_all(form_data, "signaturePerson", &mut blocks);
    if blocks.is_empty() {
        if let Some(info) = tree.at(form_data, &["signatureInformation"]) {
            blocks = tree.children(form_data, "signatureInformation").collect();
            if blocks.is_empty() {
                blocks.push(info);
            }
        }
    }
    for b in blocks {
        let details: Vec<usize> = {
            let mut v = Vec::new();
            tree.find_all(b, "signatureDetails", &mut v);
            v
        };
        let person = tree.find(b, &["signatureReportingPerson", "reportingPersonName"]);
        let k0 = out.len();
        // A block without details leaves `k0` as it was.
        let reporting_person = r
            .take_given(person, Given::Again, || {
                field_path("signatures", k0, Some("reporting_person"))
            })
            .map(Cow::into_owned);
        for d in details {
            let k = out.len();
            let name = r
                .take(tree.at(d, &["signature"]), || {
                    field_path("signatures", k, Some("name"))
                })
                .map(Cow::into_owned);
            let title = r
                .take(tree.at(d, &["title"]), || {
                    field_path("signatures", k, Some("title"))
                })
                .map(Cow::into_owned);
            let date = r
                .take(tree.at(d, &["date"]), || {
                    field_path("signatures", k, Some("date"))
                })
                .and_then(|s| parse_date(&s));
            out.push(Signature {
                name,
                title,
                date,
                reporting_person: reporting_person.clone(),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unescape_recovers_double_escapes() {
        assert_eq!(unescape("a &amp;#167; b&#13;"), "a \u{a7} b");
        assert_eq!(unescape("AT&T &bogus; &lt;x&gt;"), "AT&T &bogus; <x>");
    }

    #[test]
    fn broken_end_tag_recovers() {
        let xml = "<edgarSubmission><formData><items1To7><item3><fundsSource>cash</fundsSource\n</item3><item4><transactionPurpose>invest</transactionPurpose></item4></items1To7></formData></edgarSubmission>";
        let f = parse(xml, 0).unwrap();
        assert_eq!(f.items.get("3").map(String::as_str), Some("cash"));
        assert_eq!(f.items.get("4").map(String::as_str), Some("invest"));
    }

    #[test]
    fn tokenizer_forms() {
        let xml = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"b\">]>\n<ns:edgarSubmission xmlns:ns=\"u>v\" a='1'>\n  <!-- Field: Pseudo-Tag; Data: Acme -->\n  <headerData><submissionType>SCHEDULE 13D</submissionType></headerData>\n  <formData><coverPageHeader><securitiesClassTitle>Common &amp; <![CDATA[<Preferred>]]></securitiesClassTitle><amendmentNo/></coverPageHeader></formData>\n</ns:edgarSubmission>";
        let tree = Tree::parse(xml).unwrap();
        let names: Vec<&str> = tree.nodes[1..].iter().map(|n| n.name).collect();
        assert_eq!(
            names,
            [
                "edgarSubmission",
                "headerData",
                "submissionType",
                "formData",
                "coverPageHeader",
                "securitiesClassTitle",
                "amendmentNo"
            ]
        );
        assert_eq!(
            tree.nodes[2].comment,
            Some(" Field: Pseudo-Tag; Data: Acme ")
        );
        assert_eq!(tree.text(6).as_deref(), Some("Common & <Preferred>"));
        assert_eq!(tree.nodes[7].end, 8, "an empty element has no children");
        // Leaves read at once, and those that are not quite leaves.
        let tree = Tree::parse(
            "<r><ns1:city> Easton </ns1:city><c>x<!-- y -->z</c><d>1</e></d><f></f></r>",
        )
        .unwrap();
        let leaves: Vec<(&str, Option<String>, usize)> = (2..tree.nodes.len())
            .map(|n| {
                (
                    tree.name(n),
                    tree.text(n).map(Cow::into_owned),
                    tree.nodes[n].end,
                )
            })
            .collect();
        assert_eq!(
            leaves,
            [
                ("city", Some("Easton".into()), 3),
                ("c", Some("xz".into()), 4),
                ("d", Some("1".into()), 5),
                ("f", None, 6)
            ]
        );
        for bad in ["<a><b", "<a><!-- x", "<a x='1>", "<a><![CDATA[x"] {
            let e = Tree::parse(bad).unwrap_err();
            assert!(e.to_string().contains("unclosed"), "{bad}: {e}");
        }
        assert!(Tree::parse("<a><b>x</b>")
            .unwrap_err()
            .to_string()
            .contains("never closed"));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(20000))]
        /// The word-at-a-time scans find what a byte loop finds.
        #[test]
        fn scans_agree_with_byte_loops(b in proptest::collection::vec(
            proptest::prop_oneof![
                proptest::sample::select(b" \t\r\n\x0c<>:/=\"'09aZ_-.".to_vec()),
                proptest::num::u8::ANY,
            ],
            0..40,
        )) {
            for set in [&NOT_IN_PLAIN_NAME, &NAME_END, &NAME_STOP] {
                let naive = b.iter().position(|&c| set[usize::from(c)]).unwrap_or(b.len());
                proptest::prop_assert_eq!(scan(&b, set), naive);
            }
            let naive = b.iter().position(|c| !c.is_ascii_whitespace()).unwrap_or(b.len());
            proptest::prop_assert_eq!(skip_blank(&b), naive);
        }
    }

    #[test]
    fn byte_sets() {
        for b in 0..=255u8 {
            let blank = matches!(b, b' ' | b'\t' | b'\r' | b'\n');
            assert_eq!(
                NOT_IN_PLAIN_NAME[usize::from(b)],
                matches!(b, b'<' | b'>' | b':') || b.is_ascii_whitespace()
            );
            assert_eq!(NAME_END[usize::from(b)], blank || b == b'>');
            assert_eq!(NAME_STOP[usize::from(b)], blank || b == b'>' || b == b':');
        }
    }

    #[test]
    fn paths_and_numbers() {
        assert_eq!(
            field_path("reporting_persons", 0, Some("name")),
            "reporting_persons[0].name"
        );
        assert_eq!(
            field_path("x", 1207, Some("cik")),
            format!("x[{}].cik", 1207)
        );
        assert_eq!(field_path("issuer.cusips", 12, None), "issuer.cusips[12]");
        assert_eq!(number(Some(" 1,234.5 ".into())), Some(1234.5));
        assert_eq!(number(Some(" 17 ".into())), Some(17.0));
        assert_eq!(number(Some("n/a".into())), None);
    }

    #[test]
    fn not_xml_schedule() {
        let e = parse("<foo/>", 0).unwrap_err();
        assert!(e.to_string().contains("expected <edgarSubmission>"));
    }
}
