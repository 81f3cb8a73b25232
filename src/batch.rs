//! Batches at EDGAR scale: many sources in, one [`Batch`] of filings and error records out.
//!
//! A [`Source`] is a path (a file, a directory walked recursively, a glob pattern, or a
//! `.tar` / `.tar.gz` / `.tgz` / `.zip` archive whose members are read as a stream, never
//! extracted to disk) or a buffer of bytes in memory. [`parse_many`] parses them all on a
//! local rayon pool; [`iter_parse`] does the same a chunk at a time, so memory is bounded by
//! the chunk, not the corpus. A source that cannot be read or parsed becomes a
//! [`SourceError`] record and never costs the others; a source path that does not exist is
//! the only error of the whole call ([`BatchError`]).
//!
//! ```no_run
//! use sec13d::batch::{parse_many, Options, Source};
//! let batch = parse_many(vec![Source::from("filings/")], &Options::default(), None)?;
//! println!("{} filings, {} errors", batch.filings.len(), batch.errors.len());
//! # Ok::<(), sec13d::batch::BatchError>(())
//! ```

use std::collections::HashMap;
use std::fmt;
use std::fs::File;
use std::io::{self, BufReader, Read};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::columns::{self, Column, Table};
use crate::error::ErrorKind;
use crate::model::Schedule13D;

/// Extensions (lowercase, no dot) of the files read from directories and archives.
pub const EXTENSIONS: [&str; 5] = ["txt", "nc", "xml", "htm", "html"];

/// Columns of the filings table: one row per parsed filing.
pub const FILINGS_COLUMNS: [&str; 14] = [
    "accession_number",
    "form_type",
    "schedule",
    "amendment_number",
    "filed_date",
    "event_date",
    "issuer_name",
    "issuer_cik",
    "cusip",
    "source_format",
    "persons_count",
    "trades_count",
    "issues_count",
    "source",
];

/// Columns of the errors table: one row per source that gave no filing.
pub const ERRORS_COLUMNS: [&str; 3] = ["source", "kind", "message"];

/// Largest buffer reserved up front for an archive member (the member may still be larger).
const MAX_PREALLOC: u64 = 64 << 20;

/// One input of a batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A file, a directory (walked recursively), or an archive. A path that does not exist
    /// but holds `*`, `?` or `[` is taken as a glob pattern.
    Path(PathBuf),
    /// A glob pattern (`corpus/**/*.txt`); the files it matches are read whatever their
    /// extension, directories it matches are skipped.
    Glob(String),
    /// A document in memory, reported under `name`.
    Bytes { name: String, data: Vec<u8> },
}

impl Source {
    /// A document in memory, reported under `name`.
    pub fn bytes(name: impl Into<String>, data: impl Into<Vec<u8>>) -> Self {
        Source::Bytes {
            name: name.into(),
            data: data.into(),
        }
    }
}

impl From<PathBuf> for Source {
    fn from(p: PathBuf) -> Self {
        Source::Path(p)
    }
}

impl From<&Path> for Source {
    fn from(p: &Path) -> Self {
        Source::Path(p.to_path_buf())
    }
}

impl From<&str> for Source {
    fn from(p: &str) -> Self {
        Source::Path(PathBuf::from(p))
    }
}

impl From<String> for Source {
    fn from(p: String) -> Self {
        Source::Path(PathBuf::from(p))
    }
}

/// An error of the whole call: nothing was parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum BatchError {
    /// A source path does not exist.
    NotFound(PathBuf),
    /// A source path exists but cannot be inspected (permissions, ...).
    Io { path: PathBuf, message: String },
    /// A glob pattern is invalid.
    Pattern { pattern: String, message: String },
    /// The thread pool (or the archive reader thread) could not be started.
    Threads(String),
}

impl fmt::Display for BatchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BatchError::NotFound(p) => write!(f, "no such file or directory: {}", p.display()),
            BatchError::Io { path, message } => {
                write!(f, "cannot read {}: {message}", path.display())
            }
            BatchError::Pattern { pattern, message } => {
                write!(f, "invalid glob pattern {pattern:?}: {message}")
            }
            BatchError::Threads(m) => write!(f, "cannot start worker threads: {m}"),
        }
    }
}

impl std::error::Error for BatchError {}

/// Why a source gave no filing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum FailureKind {
    /// The source could not be read (file, archive member, directory entry).
    Io,
    /// The source is a filing but could not be parsed (malformed, empty).
    Parse,
    /// The source is readable but is not a Schedule 13D/13G (another form type).
    NotSchedule,
    /// The parser panicked on this source (a bug: please report the file).
    Panic,
}

impl FailureKind {
    /// The kind as written in the errors table: `io`, `parse`, `not_schedule`, `panic`.
    pub fn as_str(self) -> &'static str {
        match self {
            FailureKind::Io => "io",
            FailureKind::Parse => "parse",
            FailureKind::NotSchedule => "not_schedule",
            FailureKind::Panic => "panic",
        }
    }
}

impl std::str::FromStr for FailureKind {
    type Err = String;

    /// The kind from its [`FailureKind::as_str`] name.
    fn from_str(s: &str) -> Result<Self, String> {
        [
            FailureKind::Io,
            FailureKind::Parse,
            FailureKind::NotSchedule,
            FailureKind::Panic,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
        .ok_or_else(|| {
            format!("unknown failure kind {s:?}: expected io, parse, not_schedule or panic")
        })
    }
}

impl fmt::Display for FailureKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The record of one source that gave no filing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceError {
    /// The source's name: a path, `archive.tar.gz#member`, or the name given to bytes.
    pub source: String,
    pub kind: FailureKind,
    pub message: String,
}

impl SourceError {
    fn new(source: impl Into<String>, kind: FailureKind, message: impl Into<String>) -> Self {
        SourceError {
            source: source.into(),
            kind,
            message: message.into(),
        }
    }

    fn io(source: impl Into<String>, e: &dyn fmt::Display) -> Self {
        Self::new(source, FailureKind::Io, e.to_string())
    }
}

impl fmt::Display for SourceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({}): {}", self.source, self.kind, self.message)
    }
}

impl std::error::Error for SourceError {}

/// How a batch runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// Worker threads; `None` or `Some(0)` uses every core.
    pub threads: Option<usize>,
    /// Sources read and parsed together by [`iter_parse`] (at least 1), and by [`parse_many`]
    /// when archives are among the sources.
    pub chunk_size: usize,
    /// Least time between two progress calls made while a chunk runs (zero: every source).
    pub progress_interval: Duration,
    /// Drop sources that are not a Schedule 13D/13G (the other forms of an EDGAR daily feed)
    /// instead of recording them as `not_schedule` errors; they are counted in
    /// [`Batch::skipped`]. Full submissions whose SEC header names no 13D/13G form are
    /// rejected from the header alone, without parsing their documents.
    pub skip_other_forms: bool,
    /// Keep each filing's source spans ([`Schedule13D::spans`] and its findings' spans);
    /// without them a filing takes about half the memory.
    pub keep_spans: bool,
    /// Keep each filing's item texts ([`Schedule13D::items`]) and raw SEC header
    /// ([`Schedule13D::header`]). Trades and findings are read first, so the tables do not
    /// change; only the kept filings are smaller.
    pub keep_text: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            threads: None,
            chunk_size: 1000,
            progress_interval: Duration::from_millis(100),
            skip_other_forms: false,
            keep_spans: true,
            keep_text: true,
        }
    }
}

/// A progress callback: `(sources done, total sources if known)`. Called from worker
/// threads as sources complete (at most once per [`Options::progress_interval`]), once with
/// `done = 0` at the start, and once at the end of every chunk. The total is `None` when
/// archives are among the sources (their members are counted as they are read).
pub type Progress<'a> = &'a (dyn Fn(usize, Option<usize>) + Sync);

/// An owned progress callback, for [`iter_parse`].
pub type SharedProgress = Arc<dyn Fn(usize, Option<usize>) + Send + Sync>;

/// The filings of a batch (in source order) and its error records (in source order).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Batch {
    pub filings: Vec<Schedule13D>,
    /// The source of each filing: `sources[i]` gave `filings[i]`.
    pub sources: Vec<String>,
    pub errors: Vec<SourceError>,
    /// Sources dropped as other forms ([`Options::skip_other_forms`]).
    pub skipped: usize,
}

impl Batch {
    /// Sources in this batch: filings plus errors (skipped sources are not counted).
    pub fn len(&self) -> usize {
        self.filings.len() + self.errors.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Append another batch (e.g. the next chunk of [`iter_parse`]).
    pub fn extend(&mut self, other: Batch) {
        if self.is_empty() && self.skipped == 0 {
            // The first chunk (the only one without archives): taken, not copied.
            *self = other;
            return;
        }
        self.filings.extend(other.filings);
        self.sources.extend(other.sources);
        self.errors.extend(other.errors);
        self.skipped += other.skipped;
    }

    /// Each filing with its source.
    pub fn iter(&self) -> impl Iterator<Item = (&Schedule13D, &str)> {
        self.filings
            .iter()
            .zip(self.sources.iter().map(String::as_str))
    }

    /// One row per reporting person ([`columns::holdings`]).
    pub fn holdings(&self) -> Table {
        columns::holdings(&self.filings)
    }

    /// One row per Item 5(c) trade ([`columns::trades`]).
    pub fn trades(&self) -> Table {
        columns::trades(&self.filings)
    }

    /// One row per filing ([`FILINGS_COLUMNS`]).
    pub fn filings_table(&self) -> Table {
        filings_table(self.iter())
    }

    /// One row per source that gave no filing ([`ERRORS_COLUMNS`]).
    pub fn errors_table(&self) -> Table {
        errors_table(&self.errors)
    }
}

/// One row per filing, with its source: the columns of [`FILINGS_COLUMNS`].
pub fn filings_table<'a>(rows: impl IntoIterator<Item = (&'a Schedule13D, &'a str)>) -> Table {
    let (mut acc, mut form, mut sched, mut amend) = (vec![], vec![], vec![], vec![]);
    let (mut filed, mut event, mut iname, mut icik, mut cusip) =
        (vec![], vec![], vec![], vec![], vec![]);
    let (mut fmt, mut persons, mut trades, mut issues, mut source) =
        (vec![], vec![], vec![], vec![], vec![]);
    for (f, src) in rows {
        acc.push(f.accession_number.clone());
        form.push(f.form_type.clone());
        sched.push(Some(f.schedule.as_str().to_string()));
        amend.push(f.amendment_number.map(i64::from));
        filed.push(f.filed_date);
        event.push(f.event_date);
        iname.push(f.issuer.name.clone());
        icik.push(f.issuer.cik.clone());
        cusip.push(f.cusip().map(str::to_string));
        fmt.push(Some(f.source_format.as_str().to_string()));
        persons.push(Some(count(f.reporting_persons.len())));
        trades.push(Some(count(f.trades.len())));
        issues.push(Some(count(f.issues.len())));
        source.push(Some(src.to_string()));
    }
    let cols = [
        Column::Str(acc),
        Column::Str(form),
        Column::Str(sched),
        Column::Int(amend),
        Column::Date(filed),
        Column::Date(event),
        Column::Str(iname),
        Column::Str(icik),
        Column::Str(cusip),
        Column::Str(fmt),
        Column::Int(persons),
        Column::Int(trades),
        Column::Int(issues),
        Column::Str(source),
    ];
    Table {
        columns: FILINGS_COLUMNS.iter().copied().zip(cols).collect(),
    }
}

fn count(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// One row per error record: the columns of [`ERRORS_COLUMNS`].
pub fn errors_table<'a>(errors: impl IntoIterator<Item = &'a SourceError>) -> Table {
    let (mut source, mut kind, mut message) = (vec![], vec![], vec![]);
    for e in errors {
        source.push(Some(e.source.clone()));
        kind.push(Some(e.kind.as_str().to_string()));
        message.push(Some(e.message.clone()));
    }
    let cols = [Column::Str(source), Column::Str(kind), Column::Str(message)];
    Table {
        columns: ERRORS_COLUMNS.iter().copied().zip(cols).collect(),
    }
}

/// Parse one document, turning a parser error or a panic into an error record.
pub fn parse_source(name: &str, data: &[u8]) -> Result<Schedule13D, SourceError> {
    match catch_unwind(AssertUnwindSafe(|| crate::parse_filing(data))) {
        Ok(Ok(filing)) => Ok(filing),
        Ok(Err(e)) => {
            let kind = match e.kind() {
                ErrorKind::NotSchedule13D(_) => FailureKind::NotSchedule,
                _ => FailureKind::Parse,
            };
            Err(SourceError::new(name, kind, e.to_string()))
        }
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic payload".to_string());
            Err(SourceError::new(
                name,
                FailureKind::Panic,
                format!("the parser panicked: {what}"),
            ))
        }
    }
}

/// The kind of archive a file name denotes, if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArchiveKind {
    Tar,
    TarGz,
    Zip,
}

impl ArchiveKind {
    /// `.tar`, `.tar.gz`/`.tgz`, `.zip` (any case).
    pub fn of(path: &Path) -> Option<Self> {
        let name = path.file_name()?.to_string_lossy().to_ascii_lowercase();
        if name.ends_with(".tar.gz") || name.ends_with(".tgz") {
            Some(ArchiveKind::TarGz)
        } else if name.ends_with(".tar") {
            Some(ArchiveKind::Tar)
        } else if name.ends_with(".zip") {
            Some(ArchiveKind::Zip)
        } else {
            None
        }
    }
}

/// What the sources expand to before anything is read.
enum Entry {
    File(PathBuf),
    Archive(PathBuf, ArchiveKind),
    Bytes(String, Vec<u8>),
    Failed(SourceError),
}

/// One unit of work for a worker.
enum Task {
    File(PathBuf),
    Bytes(String, Vec<u8>),
    Failed(SourceError),
}

fn is_hidden(name: &str) -> bool {
    name.starts_with('.') || name == "__MACOSX"
}

/// A file found in a directory or an archive is read when its extension is one of
/// [`EXTENSIONS`] and no component of its path is hidden.
fn wanted(relative: &str) -> bool {
    let mut parts = relative
        .split(['/', '\\'])
        .filter(|p| !p.is_empty())
        .peekable();
    let mut last = None;
    while let Some(p) = parts.next() {
        if is_hidden(p) {
            return false;
        }
        if parts.peek().is_none() {
            last = Some(p);
        }
    }
    last.and_then(|name| name.rsplit_once('.'))
        .is_some_and(|(_, ext)| EXTENSIONS.iter().any(|e| e.eq_ignore_ascii_case(ext)))
}

fn has_glob_meta(s: &str) -> bool {
    s.contains(['*', '?', '['])
}

fn display(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

fn expand(sources: impl IntoIterator<Item = Source>) -> Result<Vec<Entry>, BatchError> {
    let mut out = Vec::new();
    for source in sources {
        match source {
            Source::Bytes { name, data } => out.push(Entry::Bytes(name, data)),
            Source::Glob(pattern) => expand_glob(&pattern, &mut out)?,
            Source::Path(path) => match std::fs::metadata(&path) {
                Ok(md) if md.is_dir() => walk(&path, &mut out),
                Ok(_) => out.push(match ArchiveKind::of(&path) {
                    Some(kind) => Entry::Archive(path, kind),
                    None => Entry::File(path),
                }),
                Err(e) if e.kind() == io::ErrorKind::NotFound => {
                    let s = display(&path);
                    if has_glob_meta(&s) {
                        expand_glob(&s, &mut out)?;
                    } else {
                        return Err(BatchError::NotFound(path));
                    }
                }
                Err(e) => {
                    return Err(BatchError::Io {
                        path,
                        message: e.to_string(),
                    })
                }
            },
        }
    }
    Ok(out)
}

fn expand_glob(pattern: &str, out: &mut Vec<Entry>) -> Result<(), BatchError> {
    let paths = glob::glob(pattern).map_err(|e| BatchError::Pattern {
        pattern: pattern.to_string(),
        message: e.to_string(),
    })?;
    for p in paths {
        match p {
            Ok(path) if path.is_dir() => {}
            Ok(path) => out.push(match ArchiveKind::of(&path) {
                Some(kind) => Entry::Archive(path, kind),
                None => Entry::File(path),
            }),
            Err(e) => out.push(Entry::Failed(SourceError::io(display(e.path()), e.error()))),
        }
    }
    Ok(())
}

fn walk(dir: &Path, out: &mut Vec<Entry>) {
    let walker = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_hidden(&e.file_name().to_string_lossy()));
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_file() => {
                let path = e.into_path();
                if let Some(kind) = ArchiveKind::of(&path) {
                    out.push(Entry::Archive(path, kind));
                } else if path
                    .file_name()
                    .is_some_and(|n| wanted(&n.to_string_lossy()))
                {
                    out.push(Entry::File(path));
                }
            }
            Ok(_) => {}
            Err(e) => {
                let name = e.path().map_or_else(|| display(dir), display);
                out.push(Entry::Failed(SourceError::io(name, &e)));
            }
        }
    }
}

/// Sends the tasks of archive members, one at a time, to the chunk reader.
struct Sink<'a>(&'a SyncSender<Task>);

impl Sink<'_> {
    /// `false` once the receiving side is gone: stop reading.
    fn send(&self, t: Task) -> bool {
        self.0.send(t).is_ok()
    }
}

fn read_archive(path: &Path, kind: ArchiveKind, sink: &Sink) -> bool {
    let name = display(path);
    let file = match File::open(path) {
        Ok(f) => BufReader::with_capacity(1 << 16, f),
        Err(e) => return sink.send(Task::Failed(SourceError::io(name, &e))),
    };
    match kind {
        ArchiveKind::Tar => read_tar(&name, file, sink),
        ArchiveKind::TarGz => read_tar(&name, flate2::bufread::MultiGzDecoder::new(file), sink),
        ArchiveKind::Zip => read_zip(&name, file, sink),
    }
}

fn read_tar<R: Read>(archive: &str, reader: R, sink: &Sink) -> bool {
    let mut tar = tar::Archive::new(reader);
    let entries = match tar.entries() {
        Ok(entries) => entries,
        Err(e) => return sink.send(Task::Failed(SourceError::io(archive, &e))),
    };
    for entry in entries {
        let mut entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                // The stream is broken from here on: report it once, keep what was read.
                let msg = format!("cannot read the archive: {e}");
                return sink.send(Task::Failed(SourceError::new(
                    archive,
                    FailureKind::Io,
                    msg,
                )));
            }
        };
        if !entry.header().entry_type().is_file() {
            continue;
        }
        let member = String::from_utf8_lossy(&entry.path_bytes()).into_owned();
        if !wanted(&member) {
            continue;
        }
        let name = format!("{archive}#{member}");
        let mut data =
            Vec::with_capacity(usize::try_from(entry.size().min(MAX_PREALLOC)).unwrap_or(0));
        let task = match entry.read_to_end(&mut data) {
            Ok(_) => Task::Bytes(name, data),
            Err(e) => Task::Failed(SourceError::io(name, &e)),
        };
        if !sink.send(task) {
            return false;
        }
    }
    true
}

fn read_zip<R: Read + io::Seek>(archive: &str, reader: R, sink: &Sink) -> bool {
    let mut zip = match zip::ZipArchive::new(reader) {
        Ok(z) => z,
        Err(e) => return sink.send(Task::Failed(SourceError::io(archive, &e))),
    };
    for i in 0..zip.len() {
        let member = zip
            .name_for_index(i)
            .map_or_else(|| format!("[{i}]"), str::to_string);
        if member.ends_with('/') || !wanted(&member) {
            continue;
        }
        let name = format!("{archive}#{member}");
        let task = match zip.by_index(i) {
            Ok(mut file) => {
                let mut data =
                    Vec::with_capacity(usize::try_from(file.size().min(MAX_PREALLOC)).unwrap_or(0));
                match file.read_to_end(&mut data) {
                    Ok(_) => Task::Bytes(name, data),
                    Err(e) => Task::Failed(SourceError::io(name, &e)),
                }
            }
            Err(e) => Task::Failed(SourceError::io(name, &e)),
        };
        if !sink.send(task) {
            return false;
        }
    }
    true
}

/// The reading side of a batch: tasks in source order.
enum Feed {
    /// No archives: every task is known up front (files are read by the workers).
    Inline(std::vec::IntoIter<Task>),
    /// Archives among the sources: a reader thread streams them member by member into a
    /// channel bounded by the chunk size.
    Thread(Receiver<Task>),
}

impl Feed {
    fn start(entries: Vec<Entry>, bound: usize) -> Result<(Feed, Option<usize>), BatchError> {
        if !entries.iter().any(|e| matches!(e, Entry::Archive(..))) {
            let tasks: Vec<Task> = entries.into_iter().filter_map(Entry::into_task).collect();
            let total = tasks.len();
            return Ok((Feed::Inline(tasks.into_iter()), Some(total)));
        }
        let (tx, rx) = sync_channel(bound.max(1));
        std::thread::Builder::new()
            .name("sec13d-reader".to_string())
            .spawn(move || read_all(entries, &tx))
            .map_err(|e| BatchError::Threads(e.to_string()))?;
        Ok((Feed::Thread(rx), None))
    }

    fn next_chunk(&mut self, n: usize) -> Vec<Task> {
        match self {
            Feed::Inline(it) => it.take(n).collect(),
            Feed::Thread(rx) => {
                let mut chunk = Vec::with_capacity(n.min(4096));
                while chunk.len() < n {
                    match rx.recv() {
                        Ok(t) => chunk.push(t),
                        Err(_) => break,
                    }
                }
                chunk
            }
        }
    }
}

impl Entry {
    fn into_task(self) -> Option<Task> {
        match self {
            Entry::File(p) => Some(Task::File(p)),
            Entry::Bytes(n, d) => Some(Task::Bytes(n, d)),
            Entry::Failed(e) => Some(Task::Failed(e)),
            Entry::Archive(..) => None,
        }
    }
}

fn read_all(entries: Vec<Entry>, tx: &SyncSender<Task>) {
    let sink = Sink(tx);
    for entry in entries {
        let go_on = match entry {
            Entry::Archive(path, kind) => {
                match catch_unwind(AssertUnwindSafe(|| read_archive(&path, kind, &sink))) {
                    Ok(go_on) => go_on,
                    Err(_) => {
                        let msg = "the archive reader panicked";
                        sink.send(Task::Failed(SourceError::new(
                            display(&path),
                            FailureKind::Panic,
                            msg,
                        )))
                    }
                }
            }
            other => match other.into_task() {
                Some(t) => sink.send(t),
                None => true,
            },
        };
        if !go_on {
            return;
        }
    }
}

fn run_task(task: Task, options: &Options) -> (String, Result<Schedule13D, SourceError>) {
    let parse = |name: &str, data: &[u8]| {
        if options.skip_other_forms {
            if let Some(form) = other_form(data) {
                let msg = format!("not a Schedule 13D/13G filing: the SEC header names {form}");
                return Err(SourceError::new(name, FailureKind::NotSchedule, msg));
            }
        }
        let mut result = parse_source(name, data);
        if let Ok(f) = &mut result {
            if !options.keep_spans {
                f.spans.clear();
                f.issues.iter_mut().for_each(|i| i.spans.clear());
            }
            if !options.keep_text {
                f.items.clear();
                f.header = None;
            }
            // A kept filing's values sit between the freed scratch of its parse, pinning part-
            // used allocator pages: a copy packs them (100,000 kept filings: see BENCHMARKS.md).
            *f = f.clone();
        }
        result
    };
    match task {
        Task::File(path) => {
            let name = display(&path);
            let result = match std::fs::read(&path) {
                Ok(data) => parse(&name, &data),
                Err(e) => Err(SourceError::io(name.clone(), &e)),
            };
            (name, result)
        }
        Task::Bytes(name, data) => {
            let result = parse(&name, &data);
            (name, result)
        }
        Task::Failed(e) => (e.source.clone(), Err(e)),
    }
}

/// The form type of a full submission whose SEC header (everything before the first
/// `<DOCUMENT>`) mentions no 13D/13G at all, neither as submission type nor as a subject
/// company's or filer's form type. `None` when the header is absent, too large to be one,
/// or mentions a 13D/13G: the parser decides then.
fn other_form(data: &[u8]) -> Option<String> {
    const MAX_HEADER: usize = 256 << 10;
    let start = data.iter().position(|b| !b.is_ascii_whitespace())?;
    let head = &data[start..data.len().min(start + MAX_HEADER)];
    let opens = |tag: &[u8]| head.len() >= tag.len() && head[..tag.len()].eq_ignore_ascii_case(tag);
    if ![
        &b"<SEC-DOCUMENT>"[..],
        b"<SEC-HEADER>",
        b"<IMS-DOCUMENT>",
        b"<IMS-HEADER>",
        b"<SUBMISSION>",
    ]
    .iter()
    .any(|t| opens(t))
    {
        return None;
    }
    let end = memchr::memmem::find(head, b"<DOCUMENT>")?;
    let header = head[..end].to_ascii_uppercase();
    if memchr::memmem::find(&header, b"13D").is_some()
        || memchr::memmem::find(&header, b"13G").is_some()
    {
        return None;
    }
    let form = [&b"CONFORMED SUBMISSION TYPE:"[..], b"<TYPE>"]
        .iter()
        .find_map(|key| {
            let at = memchr::memmem::find(&header, key)? + key.len();
            let line = header[at..].split(|&b| b == b'\n').next()?;
            let form = String::from_utf8_lossy(line).trim().to_string();
            (!form.is_empty()).then_some(form)
        });
    Some(form.unwrap_or_else(|| "another form".to_string()))
}

/// Counts completed sources and calls the progress callback, at most once per interval.
struct Ticker<'a> {
    callback: Option<Progress<'a>>,
    total: Option<usize>,
    done: AtomicUsize,
    start: Instant,
    last_us: AtomicU64,
    interval_us: u64,
}

impl<'a> Ticker<'a> {
    fn new(callback: Option<Progress<'a>>, total: Option<usize>, interval: Duration) -> Self {
        Ticker {
            callback,
            total,
            done: AtomicUsize::new(0),
            start: Instant::now(),
            last_us: AtomicU64::new(0),
            interval_us: u64::try_from(interval.as_micros()).unwrap_or(u64::MAX),
        }
    }

    fn tick(&self) {
        let done = self.done.fetch_add(1, Ordering::Relaxed) + 1;
        if self.callback.is_none() {
            return;
        }
        let now = u64::try_from(self.start.elapsed().as_micros()).unwrap_or(u64::MAX);
        let last = self.last_us.load(Ordering::Relaxed);
        if now.saturating_sub(last) >= self.interval_us
            && self
                .last_us
                .compare_exchange(last, now, Ordering::Relaxed, Ordering::Relaxed)
                .is_ok()
        {
            self.call(done);
        }
    }

    /// Call the callback now, whatever the interval.
    fn report(&self) {
        self.call(self.done.load(Ordering::Relaxed));
    }

    fn call(&self, done: usize) {
        if let Some(cb) = self.callback {
            // A panicking callback must not abort the batch.
            let _ = catch_unwind(AssertUnwindSafe(|| cb(done, self.total)));
        }
    }
}

/// The worker pool for `threads` workers (`None`/0: one per core), made once per size and
/// kept: fresh threads per call would start with cold allocator arenas and regex caches,
/// which made a small batch twice as slow as a plain loop.
fn build_pool(threads: Option<usize>) -> Result<Arc<rayon::ThreadPool>, BatchError> {
    static POOLS: OnceLock<Mutex<HashMap<usize, Arc<rayon::ThreadPool>>>> = OnceLock::new();
    let n = match threads {
        Some(n) if n > 0 => n,
        _ => std::thread::available_parallelism().map_or(1, |n| n.get()),
    };
    let mut pools = POOLS
        .get_or_init(Mutex::default)
        .lock()
        .map_err(|_| BatchError::Threads("the worker pool registry is poisoned".into()))?;
    if let Some(pool) = pools.get(&n) {
        return Ok(Arc::clone(pool));
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(n)
        .thread_name(|i| format!("sec13d-worker-{i}"))
        .build()
        .map_err(|e| BatchError::Threads(e.to_string()))?;
    let pool = Arc::new(pool);
    pools.insert(n, Arc::clone(&pool));
    Ok(pool)
}

fn run_chunk(
    pool: &rayon::ThreadPool,
    tasks: Vec<Task>,
    options: &Options,
    ticker: &Ticker,
) -> Batch {
    let outcomes: Vec<(String, Result<Schedule13D, SourceError>)> = pool.install(|| {
        tasks
            .into_par_iter()
            .map(|t| {
                let r = run_task(t, options);
                ticker.tick();
                r
            })
            .collect()
    });
    let mut batch = Batch::default();
    // At their size: growing by doubling would hold up to twice the filings while copying.
    let parsed = outcomes.iter().filter(|(_, r)| r.is_ok()).count();
    batch.filings.reserve_exact(parsed);
    batch.sources.reserve_exact(parsed);
    for (source, result) in outcomes {
        match result {
            Ok(f) => {
                batch.filings.push(f);
                batch.sources.push(source);
            }
            Err(e) if options.skip_other_forms && e.kind == FailureKind::NotSchedule => {
                batch.skipped += 1
            }
            Err(e) => batch.errors.push(e),
        }
    }
    batch
}

/// Parse every source on a local pool of `options.threads` workers.
///
/// Fails only when a source path does not exist (or a glob is invalid, or threads cannot
/// start); every source that cannot be read or parsed becomes a [`SourceError`] in the
/// result. Sources from directories are sorted by name; results keep the source order.
pub fn parse_many(
    sources: impl IntoIterator<Item = Source>,
    options: &Options,
    progress: Option<Progress<'_>>,
) -> Result<Batch, BatchError> {
    let entries = expand(sources)?;
    let pool = build_pool(options.threads)?;
    let chunk = options.chunk_size.max(1);
    let (mut feed, total) = Feed::start(entries, chunk)?;
    let ticker = Ticker::new(progress, total, options.progress_interval);
    ticker.report();
    // Without archives every task is already in memory as a path or a buffer: one parallel
    // pass, no chunk boundaries. With archives, chunks bound what is read ahead.
    let n = if matches!(feed, Feed::Inline(_)) {
        usize::MAX
    } else {
        chunk
    };
    let mut batch = Batch::default();
    loop {
        let tasks = feed.next_chunk(n);
        if tasks.is_empty() {
            break;
        }
        batch.extend(run_chunk(&pool, tasks, options, &ticker));
    }
    Ticker {
        total: Some(ticker.done.load(Ordering::Relaxed)),
        ..ticker
    }
    .report();
    Ok(batch)
}

/// Parse the sources a chunk at a time: see [`iter_parse`].
pub struct Chunks {
    feed: Feed,
    pool: Arc<rayon::ThreadPool>,
    chunk_size: usize,
    total: Option<usize>,
    done: usize,
    progress: Option<SharedProgress>,
    options: Options,
    finished: bool,
}

impl Chunks {
    /// Sources in all, when known before reading (no archives among the sources).
    pub fn total(&self) -> Option<usize> {
        self.total
    }

    /// Sources parsed so far.
    pub fn done(&self) -> usize {
        self.done
    }
}

impl fmt::Debug for Chunks {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Chunks")
            .field("chunk_size", &self.chunk_size)
            .field("total", &self.total)
            .field("done", &self.done)
            .finish_non_exhaustive()
    }
}

impl Iterator for Chunks {
    type Item = Batch;

    fn next(&mut self) -> Option<Batch> {
        if self.finished {
            return None;
        }
        let tasks = self.feed.next_chunk(self.chunk_size);
        let callback = self.progress.as_deref().map(|cb| cb as Progress);
        if tasks.is_empty() {
            self.finished = true;
            let total = Some(self.done);
            let ticker = Ticker {
                total,
                done: AtomicUsize::new(self.done),
                ..Ticker::new(callback, total, self.options.progress_interval)
            };
            ticker.report();
            return None;
        }
        let ticker = Ticker {
            done: AtomicUsize::new(self.done),
            ..Ticker::new(callback, self.total, self.options.progress_interval)
        };
        let batch = run_chunk(&self.pool, tasks, &self.options, &ticker);
        self.done = ticker.done.load(Ordering::Relaxed);
        ticker.report();
        Some(batch)
    }
}

/// Parse the sources `options.chunk_size` at a time: each item is the [`Batch`] of one
/// chunk, in source order. At most about two chunks of sources are in memory at once
/// (the one being parsed and the one being read ahead from archives), whatever the corpus
/// size. Fails up front, like [`parse_many`], when a source path does not exist.
pub fn iter_parse(
    sources: impl IntoIterator<Item = Source>,
    options: &Options,
    progress: Option<SharedProgress>,
) -> Result<Chunks, BatchError> {
    let entries = expand(sources)?;
    let pool = build_pool(options.threads)?;
    let chunk_size = options.chunk_size.max(1);
    let (feed, total) = Feed::start(entries, chunk_size)?;
    if let Some(cb) = &progress {
        let _ = catch_unwind(AssertUnwindSafe(|| cb(0, total)));
    }
    Ok(Chunks {
        feed,
        pool,
        chunk_size,
        total,
        done: 0,
        progress,
        options: options.clone(),
        finished: false,
    })
}

/// The names of the sources a batch would read, in order, without parsing anything
/// (archives are listed member by member, which reads them).
pub fn list_sources(sources: impl IntoIterator<Item = Source>) -> Result<Vec<String>, BatchError> {
    let entries = expand(sources)?;
    let (mut feed, _) = Feed::start(entries, 1024)?;
    let mut names = Vec::new();
    loop {
        let tasks = feed.next_chunk(1024);
        if tasks.is_empty() {
            return Ok(names);
        }
        names.extend(tasks.into_iter().map(|t| match t {
            Task::File(p) => display(&p),
            Task::Bytes(n, _) => n,
            Task::Failed(e) => e.source,
        }));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wanted_files() {
        assert!(wanted("a/b/0001.txt"));
        assert!(wanted("x.NC"));
        assert!(wanted("primary_doc.xml"));
        assert!(!wanted("a/.hidden/x.txt"));
        assert!(!wanted("__MACOSX/x.txt"));
        assert!(!wanted(".x.txt"));
        assert!(!wanted("x.json"));
        assert!(!wanted("noext"));
    }

    #[test]
    fn archive_kinds() {
        assert_eq!(
            ArchiveKind::of(Path::new("a/b.TAR.GZ")),
            Some(ArchiveKind::TarGz)
        );
        assert_eq!(
            ArchiveKind::of(Path::new("b.tgz")),
            Some(ArchiveKind::TarGz)
        );
        assert_eq!(ArchiveKind::of(Path::new("b.tar")), Some(ArchiveKind::Tar));
        assert_eq!(ArchiveKind::of(Path::new("b.zip")), Some(ArchiveKind::Zip));
        assert_eq!(ArchiveKind::of(Path::new("b.txt")), None);
    }

    #[test]
    fn bytes_and_errors() {
        let sources = vec![
            Source::bytes("empty", Vec::new()),
            Source::bytes("junk", b"hello".to_vec()),
        ];
        let batch = parse_many(
            sources,
            &Options {
                threads: Some(1),
                ..Options::default()
            },
            None,
        );
        let batch = batch.expect("in-memory sources never fail the call");
        assert_eq!(batch.len(), 2);
        assert_eq!(batch.errors[0].source, "empty");
        assert_eq!(batch.errors[0].kind, FailureKind::Parse);
        assert_eq!(batch.errors_table().height(), 2);
    }

    const TEN_K: &[u8] = b"<SEC-DOCUMENT>0000000000-24-000001.txt : 20240101
<SEC-HEADER>0000000000-24-000001.hdr.sgml : 20240101
ACCESSION NUMBER:\t\t0000000000-24-000001
CONFORMED SUBMISSION TYPE:\t10-K
PUBLIC DOCUMENT COUNT:\t\t1
</SEC-HEADER>
<DOCUMENT>
<TYPE>10-K
<TEXT>
annual report
</TEXT>
</DOCUMENT>
</SEC-DOCUMENT>
";

    #[test]
    fn other_forms_are_known_from_the_header() {
        assert_eq!(other_form(TEN_K).as_deref(), Some("10-K"));
        assert_eq!(other_form(b"<edgarSubmission/>"), None);
        let sc13 = String::from_utf8_lossy(TEN_K).replace("10-K", "SC 13G");
        assert_eq!(other_form(sc13.as_bytes()), None);
    }

    #[test]
    fn corpus_submissions_are_never_taken_for_other_forms() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
        let dir = std::env::var_os("SEC13D_CORPUS").map_or(dir, PathBuf::from);
        for folder in ["sgml_txt", "xml", "html", "text"] {
            let Ok(entries) = std::fs::read_dir(dir.join(folder)) else {
                println!("skipped: no corpus at {}", dir.display());
                return;
            };
            for e in entries.flatten() {
                let data = std::fs::read(e.path()).unwrap_or_default();
                assert_eq!(other_form(&data), None, "{}", e.path().display());
            }
        }
    }

    #[test]
    fn skip_other_forms_and_drop_spans() {
        let xml = br#"<edgarSubmission xmlns="http://www.sec.gov/edgar/schedule13D"><headerData>
          <submissionType>SCHEDULE 13D</submissionType></headerData><formData><coverPageHeader>
          <issuerInfo><issuerName>Acme Corp</issuerName></issuerInfo></coverPageHeader>
          </formData></edgarSubmission>"#;
        let sources = || {
            vec![
                Source::bytes("10k", TEN_K),
                Source::bytes("13d", xml.to_vec()),
            ]
        };
        let all = parse_many(sources(), &Options::default(), None).expect("batch");
        assert_eq!(
            (all.filings.len(), all.errors.len(), all.skipped),
            (1, 1, 0)
        );
        assert_eq!(all.errors[0].kind, FailureKind::NotSchedule);
        assert!(!all.filings[0].spans.is_empty());
        let opts = Options {
            skip_other_forms: true,
            keep_spans: false,
            ..Options::default()
        };
        let some = parse_many(sources(), &opts, None).expect("batch");
        assert_eq!(
            (some.filings.len(), some.errors.len(), some.skipped),
            (1, 0, 1)
        );
        assert!(some.filings[0].spans.is_empty());
    }

    #[test]
    fn not_found() {
        let err = parse_many(
            vec![Source::from("/no/such/dir/x")],
            &Options::default(),
            None,
        );
        assert_eq!(
            err,
            Err(BatchError::NotFound(PathBuf::from("/no/such/dir/x")))
        );
    }
}
