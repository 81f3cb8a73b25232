use pyo3::prelude::*;
#[pymodule(gil_used = false)]
fn _core(m: &Bound<'_, PyModule>) -> PyResult<()> { m.add("__version__", crate::version())?; let _ = pyo3_polars::PyDataFrame(polars::prelude::DataFrame::empty()); Ok(()) }
