//! Batches: `parse_many`, `iter_parse` and the `Filings` collection.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use pyo3::exceptions::{
    PyFileNotFoundError, PyOSError, PyRuntimeError, PyStopIteration, PyValueError,
};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};

use crate::batch::{self, Batch, BatchError, Chunks, Options, Source};
use crate::py::classes::PySchedule13D;
use crate::py::errors::ParseError;
use crate::py::frames::to_polars;

/// Turn what Python passed into sources: one path/glob/bytes, or an iterable of them.
fn sources(obj: &Bound<'_, PyAny>) -> PyResult<Vec<Source>> {
    let one = |item: &Bound<'_, PyAny>, i: usize| -> PyResult<Source> {
        if let Ok(b) = item.cast::<PyBytes>() {
            return Ok(Source::bytes(
                format!("<bytes #{i}>"),
                b.as_bytes().to_vec(),
            ));
        }
        if let Ok(s) = item.cast::<PyString>() {
            return Ok(Source::from(s.to_str()?));
        }
        let path: PathBuf = item
            .py()
            .import("os")?
            .call_method1("fspath", (item,))?
            .extract()?;
        Ok(Source::Path(path))
    };
    if obj.is_instance_of::<PyString>()
        || obj.is_instance_of::<PyBytes>()
        || obj.hasattr("__fspath__")?
    {
        return Ok(vec![one(obj, 0)?]);
    }
    let mut out = Vec::new();
    for (i, item) in obj.try_iter()?.enumerate() {
        out.push(one(&item?, i)?);
    }
    Ok(out)
}

fn batch_error(e: BatchError) -> PyErr {
    match &e {
        BatchError::NotFound(_) => PyFileNotFoundError::new_err(e.to_string()),
        BatchError::Io { .. } => PyOSError::new_err(e.to_string()),
        BatchError::Pattern { .. } => PyValueError::new_err(e.to_string()),
        _ => PyRuntimeError::new_err(e.to_string()),
    }
}

/// A progress callback from Python, called from worker threads with the GIL taken.
fn progress_hook(progress: Option<Py<PyAny>>) -> Option<batch::SharedProgress> {
    let cb = progress?;
    Some(Arc::new(move |done: usize, total: Option<usize>| {
        Python::attach(|py| {
            if let Err(e) = cb.call1(py, (done, total)) {
                e.write_unraisable(py, None);
            }
        });
    }))
}

fn options(threads: Option<usize>, chunk_size: usize, keep_text: bool) -> Options {
    Options {
        threads,
        chunk_size,
        keep_spans: keep_text,
        keep_text,
        ..Options::default()
    }
}

/// The filings of a batch, the sources that failed, and their tables.
///
/// Each filing is moved (not copied) into its Python object once; the tables read them in place.
#[pyclass(frozen, module = "sec13d", name = "Filings")]
pub struct PyFilings {
    filings: Vec<Py<PySchedule13D>>,
    sources: Vec<String>,
    errors: Vec<batch::SourceError>,
}

impl PyFilings {
    fn new(py: Python<'_>, batch: Batch) -> PyResult<Self> {
        let filings = batch
            .filings
            .into_iter()
            .map(|f| Py::new(py, PySchedule13D(f)))
            .collect::<PyResult<_>>()?;
        Ok(PyFilings {
            filings,
            sources: batch.sources,
            errors: batch.errors,
        })
    }

    fn models(&self) -> impl Iterator<Item = &crate::model::Schedule13D> {
        self.filings.iter().map(|f| &f.get().0)
    }
}

#[pymethods]
impl PyFilings {
    /// The parsed filings, in source order.
    #[getter]
    fn filings(&self, py: Python<'_>) -> Vec<Py<PySchedule13D>> {
        self.filings.iter().map(|f| f.clone_ref(py)).collect()
    }

    /// The source (path, `archive#member`, or `<bytes #i>`) of each filing.
    #[getter]
    fn sources(&self) -> Vec<String> {
        self.sources.clone()
    }

    /// `(source, kind, message)` of every source that gave no filing.
    #[getter]
    fn errors(&self) -> Vec<(String, String, String)> {
        self.errors
            .iter()
            .map(|e| {
                (
                    e.source.clone(),
                    e.kind.as_str().to_string(),
                    e.message.clone(),
                )
            })
            .collect()
    }

    /// One row per reporting person of every filing (a `polars.DataFrame`).
    fn holdings_df(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        to_polars(py, crate::columns::holdings(self.models()))
    }

    /// One row per Item 5(c) trade of every filing.
    fn trades_df(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        to_polars(py, crate::columns::trades(self.models()))
    }

    /// One row per filing: keys, counts of persons, trades and issues, and its source.
    fn filings_df(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        to_polars(
            py,
            batch::filings_table(self.models().zip(self.sources.iter().map(String::as_str))),
        )
    }

    /// One row per validation finding of every filing.
    fn issues_df(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        to_polars(py, crate::columns::issues(self.models()))
    }

    /// One row per source that gave no filing: source, kind, message.
    fn errors_df(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        to_polars(py, batch::errors_table(&self.errors))
    }

    /// Pickled as its filings, sources and errors (each filing pickles on its own).
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, FilingsParts)> {
        let restore = py.import("sec13d._core")?.getattr("_restore_filings")?;
        Ok((restore, (self.filings(py), self.sources(), self.errors())))
    }

    fn __len__(&self) -> usize {
        self.filings.len()
    }

    fn __getitem__(&self, py: Python<'_>, i: isize) -> PyResult<Py<PySchedule13D>> {
        let n = self.filings.len() as isize;
        let idx = if i < 0 { i + n } else { i };
        if idx < 0 || idx >= n {
            return Err(pyo3::exceptions::PyIndexError::new_err(
                "Filings index out of range",
            ));
        }
        Ok(self.filings[idx as usize].clone_ref(py))
    }

    fn __repr__(&self) -> String {
        let persons: usize = self.models().map(|f| f.reporting_persons.len()).sum();
        let trades: usize = self.models().map(|f| f.trades.len()).sum();
        format!(
            "Filings(filings={}, errors={}, reporting_persons={persons}, trades={trades})",
            self.filings.len(),
            self.errors.len()
        )
    }
}

fn check_errors(batch: &Batch, on_error: &str) -> PyResult<()> {
    match on_error {
        "collect" | "skip" => Ok(()),
        "raise" => match batch.errors.first() {
            Some(e) => Err(ParseError::new_err(format!("{}: {}", e.source, e.message))),
            None => Ok(()),
        },
        other => Err(PyValueError::new_err(format!(
            "on_error must be \"collect\", \"skip\" or \"raise\", not {other:?}"
        ))),
    }
}

/// Parse many filings on all cores (the GIL is released). See `sec13d.parse_many`.
#[pyfunction]
#[pyo3(signature = (sources, *, threads = None, on_error = "collect", progress = None, chunk_size = 1000, keep_text = true))]
pub fn _parse_many(
    py: Python<'_>,
    sources: &Bound<'_, PyAny>,
    threads: Option<usize>,
    on_error: &str,
    progress: Option<Py<PyAny>>,
    chunk_size: usize,
    keep_text: bool,
) -> PyResult<PyFilings> {
    check_errors(&Batch::default(), on_error)?;
    let sources = self::sources(sources)?;
    let opts = options(threads, chunk_size, keep_text);
    let hook = progress_hook(progress);
    let mut result = py
        .detach(|| {
            batch::parse_many(
                sources,
                &opts,
                hook.as_deref().map(|h| h as batch::Progress),
            )
        })
        .map_err(batch_error)?;
    check_errors(&result, on_error)?;
    if on_error == "skip" {
        result.errors.clear();
    }
    PyFilings::new(py, result)
}

/// Chunks of a streaming batch: each `next()` parses up to `chunk_size` sources.
#[pyclass(module = "sec13d", name = "FilingsIterator")]
pub struct PyChunks(Mutex<Option<Chunks>>);

#[pymethods]
impl PyChunks {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&self, py: Python<'_>) -> PyResult<PyFilings> {
        let mut guard = self
            .0
            .lock()
            .map_err(|_| PyRuntimeError::new_err("iterator poisoned"))?;
        let Some(chunks) = guard.as_mut() else {
            return Err(PyStopIteration::new_err(()));
        };
        match py.detach(|| chunks.next()) {
            Some(batch) => PyFilings::new(py, batch),
            None => {
                *guard = None;
                Err(PyStopIteration::new_err(()))
            }
        }
    }
}

/// Stream a batch in chunks with bounded memory. See `sec13d.iter_parse`.
#[pyfunction]
#[pyo3(signature = (sources, *, chunk_size = 1000, threads = None, progress = None, keep_text = true))]
pub fn _iter_parse(
    sources: &Bound<'_, PyAny>,
    chunk_size: usize,
    threads: Option<usize>,
    progress: Option<Py<PyAny>>,
    keep_text: bool,
) -> PyResult<PyChunks> {
    let sources = self::sources(sources)?;
    let chunks = batch::iter_parse(
        sources,
        &options(threads, chunk_size, keep_text),
        progress_hook(progress),
    )
    .map_err(batch_error)?;
    Ok(PyChunks(Mutex::new(Some(chunks))))
}

/// Holdings of many parsed filings as one DataFrame.
#[pyfunction]
pub fn _holdings_df(py: Python<'_>, filings: Vec<PyRef<'_, PySchedule13D>>) -> PyResult<Py<PyAny>> {
    to_polars(py, crate::columns::holdings(filings.iter().map(|f| &f.0)))
}

/// Trades of many parsed filings as one DataFrame.
#[pyfunction]
pub fn _trades_df(py: Python<'_>, filings: Vec<PyRef<'_, PySchedule13D>>) -> PyResult<Py<PyAny>> {
    to_polars(py, crate::columns::trades(filings.iter().map(|f| &f.0)))
}

/// What a pickled `Filings` holds: filings, sources, and `(source, kind, message)` errors.
type FilingsParts = (
    Vec<Py<PySchedule13D>>,
    Vec<String>,
    Vec<(String, String, String)>,
);

/// Rebuild a pickled `Filings` (used by `__reduce__`).
#[pyfunction]
fn _restore_filings(
    filings: Vec<Py<PySchedule13D>>,
    sources: Vec<String>,
    errors: Vec<(String, String, String)>,
) -> PyResult<PyFilings> {
    let errors = errors
        .into_iter()
        .map(|(source, kind, message)| {
            Ok(batch::SourceError {
                source,
                kind: kind
                    .parse()
                    .map_err(pyo3::exceptions::PyValueError::new_err)?,
                message,
            })
        })
        .collect::<PyResult<_>>()?;
    Ok(PyFilings {
        filings,
        sources,
        errors,
    })
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(_restore_filings, m)?)?;
    m.add_class::<PyFilings>()?;
    m.add_class::<PyChunks>()?;
    m.add_function(wrap_pyfunction!(_parse_many, m)?)?;
    m.add_function(wrap_pyfunction!(_iter_parse, m)?)?;
    m.add_function(wrap_pyfunction!(_holdings_df, m)?)?;
    m.add_function(wrap_pyfunction!(_trades_df, m)?)?;
    Ok(())
}
