//! The Python exception hierarchy and the one conversion from core errors.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::{create_exception, PyErr};

use crate::error::{Error, ErrorKind};

create_exception!(
    sec13d,
    Schedule13DError,
    PyValueError,
    "Base class of every sec13d error (a ValueError)."
);
create_exception!(
    sec13d,
    ParseError,
    Schedule13DError,
    "The input is not a readable Schedule 13D/13G filing; `byte` and `line` say where."
);
create_exception!(
    sec13d,
    ValidationError,
    Schedule13DError,
    "Raised by `parse_13d(..., strict=True)` when validation finds errors; `issues` lists them."
);

/// A core error as a `ParseError` with `byte`, `line` and `kind` attributes set.
pub fn parse_error(py: Python<'_>, e: &Error) -> PyErr {
    let err = ParseError::new_err(e.to_string());
    let value = err.value(py);
    let kind = match e.kind() {
        ErrorKind::NotSchedule13D(_) => "not_schedule",
        ErrorKind::Malformed(_) => "malformed",
        ErrorKind::Empty => "empty",
    };
    let _ = value.setattr("byte", e.position().byte);
    let _ = value.setattr("line", e.position().line);
    let _ = value.setattr("kind", kind);
    err
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("Schedule13DError", py.get_type::<Schedule13DError>())?;
    m.add("ParseError", py.get_type::<ParseError>())?;
    m.add("ValidationError", py.get_type::<ValidationError>())?;
    Ok(())
}
