//! The Python binding layer (`sec13d._core`): the only place that names pyo3 or polars.

mod batch;
mod classes;
mod errors;
mod frames;

use std::borrow::Cow;

use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};

use crate::model::Severity;
use classes::{PyIssue, PySchedule13D, ToPy};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Documents from this size up are parsed with the GIL released.
const GIL_RELEASE_FROM: usize = 64 << 10;

/// The bytes of `source`: `str` is document text, `bytes` raw content, anything else a path.
/// `str` and `bytes` are read in place: both are immutable, and `source` keeps them alive.
fn source_bytes<'a>(source: &'a Bound<'_, PyAny>) -> PyResult<Cow<'a, [u8]>> {
    if let Ok(s) = source.cast::<PyString>() {
        return Ok(Cow::Borrowed(s.to_str()?.as_bytes()));
    }
    if let Ok(b) = source.cast::<PyBytes>() {
        return Ok(Cow::Borrowed(b.as_bytes()));
    }
    let path: std::path::PathBuf = source
        .py()
        .import("os")?
        .call_method1("fspath", (source,))?
        .extract()?;
    Ok(Cow::Owned(std::fs::read(path)?))
}

/// Parse one Schedule 13D/13G filing (original or amendment, any era and format).
///
/// `source` is the document text (`str`), the raw file content (`bytes`, any encoding), or a
/// path (`os.PathLike`) to read: a full EDGAR submission (`.txt`, `.nc`), a
/// `primary_doc.xml`, or an HTML/text schedule. With `strict=True`, validation errors raise
/// `ValidationError`. Raises `ParseError` when the input is not a readable 13D/13G.
/// Documents of 64 KB or more are parsed with the GIL released.
#[pyfunction]
#[pyo3(signature = (source, *, strict = false))]
fn parse_13d(py: Python<'_>, source: &Bound<'_, PyAny>, strict: bool) -> PyResult<PySchedule13D> {
    let bytes = source_bytes(source)?;
    // Other threads get the GIL for a large document; a small one (an XML filing takes ~20
    // µs) is parsed faster than the GIL could be handed over and back.
    let parsed = if bytes.len() < GIL_RELEASE_FROM {
        crate::parse_filing(&bytes)
    } else {
        py.detach(|| crate::parse_filing(&bytes))
    };
    let filing = match parsed {
        Ok(f) => f,
        Err(e) => {
            let err = errors::parse_error(py, &e);
            if let Ok(s) = source.cast::<PyString>() {
                let text = s.to_str()?;
                if text.len() < 4096 && !text.contains('\n') && std::path::Path::new(text).exists()
                {
                    let hint = format!("{e}; a str is read as document text: to read the file {text:?}, pass a pathlib.Path");
                    return Err(errors::ParseError::new_err(hint));
                }
            }
            return Err(err);
        }
    };
    if strict {
        raise_on_errors(py, &filing.issues)?;
    }
    Ok(PySchedule13D(filing))
}

fn raise_on_errors(py: Python<'_>, issues: &[crate::model::Issue]) -> PyResult<()> {
    let errors: Vec<_> = issues
        .iter()
        .filter(|i| i.severity == Severity::Error)
        .cloned()
        .collect();
    if errors.is_empty() {
        return Ok(());
    }
    let summary: Vec<String> = errors
        .iter()
        .map(|i| format!("[{}] {}", i.code, i.message))
        .collect();
    let err = errors::ValidationError::new_err(format!(
        "{} validation error(s): {}; parse with strict=False to keep the data and read filing.issues",
        errors.len(),
        summary.join("; ")
    ));
    err.value(py).setattr("issues", errors.to_py(py)?)?;
    Err(err)
}

/// Re-run validation on a parsed filing; `disable` lists rule codes to switch off.
#[pyfunction]
#[pyo3(signature = (filing, *, disable = None))]
fn validate(
    py: Python<'_>,
    filing: &PySchedule13D,
    disable: Option<Vec<String>>,
) -> PyResult<Vec<PyIssue>> {
    let config = crate::validate::Config {
        disabled: disable.unwrap_or_default(),
        ..Default::default()
    };
    let issues = py.detach(|| crate::validate::validate(&filing.0, &config));
    Ok(issues.into_iter().map(PyIssue).collect())
}

/// Rebuild a pickled object (used by `__reduce__`).
#[pyfunction]
fn _restore(py: Python<'_>, name: &str, json: &str) -> PyResult<Py<PyAny>> {
    classes::restore(py, name, json)
}

/// Parse and validate SEC Schedule 13D/13G filings (the compiled core).
#[pymodule(gil_used = false)]
fn _core(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", crate::version())?;
    errors::register(m)?;
    classes::register(m)?;
    m.add_function(wrap_pyfunction!(parse_13d, m)?)?;
    m.add_function(wrap_pyfunction!(validate, m)?)?;
    m.add_function(wrap_pyfunction!(_restore, m)?)?;
    batch::register(m)?;
    Ok(())
}
