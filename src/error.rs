//! The error type of the core: a boxed kind plus the position where parsing stopped.

use std::fmt;

/// A position in the source: byte offset (0-based) and line (1-based).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    pub byte: usize,
    pub line: usize,
}

impl Default for Position {
    /// The start of the input.
    fn default() -> Self {
        Position { byte: 0, line: 1 }
    }
}

impl Position {
    /// The position of byte offset `byte` in `src`.
    pub fn at(src: &[u8], byte: usize) -> Self {
        let byte = byte.min(src.len());
        Position {
            byte,
            line: memchr::memchr_iter(b'\n', &src[..byte]).count() + 1,
        }
    }
}

/// What went wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The input is not a Schedule 13D/13G filing (says what it is instead).
    NotSchedule13D(String),
    /// The input is a filing but its structure is broken.
    Malformed(String),
    /// The input is empty or holds no text.
    Empty,
}

/// A parse error: what was expected and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error(Box<(ErrorKind, Position)>);

impl Error {
    pub fn new(kind: ErrorKind, position: Position) -> Self {
        Error(Box::new((kind, position)))
    }

    pub fn not_schedule(what: impl Into<String>, position: Position) -> Self {
        Self::new(ErrorKind::NotSchedule13D(what.into()), position)
    }

    pub fn malformed(what: impl Into<String>, position: Position) -> Self {
        Self::new(ErrorKind::Malformed(what.into()), position)
    }

    pub fn kind(&self) -> &ErrorKind {
        &self.0 .0
    }

    pub fn position(&self) -> Position {
        self.0 .1
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let p = self.position();
        match self.kind() {
            ErrorKind::NotSchedule13D(what) => write!(f, "not a Schedule 13D/13G filing: {what}")?,
            ErrorKind::Malformed(what) => write!(f, "malformed filing: {what}")?,
            ErrorKind::Empty => write!(f, "empty input: expected an EDGAR filing")?,
        }
        write!(f, " (at byte {}, line {})", p.byte, p.line)
    }
}

impl std::error::Error for Error {}

pub type Result<T> = std::result::Result<T, Error>;
