//! Tables to Polars DataFrames, column by column (no Python object per value).

use polars::prelude::{Column as PlColumn, DataFrame, DataType, IntoColumn, NamedFrom, Series};
use pyo3::prelude::*;
use pyo3_polars::PyDataFrame;

use crate::columns::{Column, Table};

const EPOCH_DAYS_CE: i32 = 719_163;

fn series(name: &str, col: &Column) -> PolarsResultSeries {
    use chrono::Datelike;
    let name = name.into();
    Ok(match col {
        Column::Str(v) => Series::new(name, v),
        Column::F64(v) => Series::new(name, v),
        Column::Int(v) => Series::new(name, v),
        Column::Bool(v) => Series::new(name, v),
        Column::Date(v) => {
            let days: Vec<Option<i32>> = v
                .iter()
                .map(|d| d.map(|d| d.num_days_from_ce() - EPOCH_DAYS_CE))
                .collect();
            Series::new(name, days).cast(&DataType::Date)?
        }
        Column::StrList(v) => {
            let rows: Vec<Series> = v
                .iter()
                .map(|items| Series::new("".into(), items))
                .collect();
            let s = if rows.is_empty() {
                Series::new_empty(name, &DataType::Null)
            } else {
                Series::new(name, rows)
            };
            s.cast(&DataType::List(Box::new(DataType::String)))?
        }
    })
}

type PolarsResultSeries = polars::prelude::PolarsResult<Series>;

/// Build a Polars DataFrame from a core table (fixed dtypes even when empty).
pub fn to_polars(py: Python<'_>, table: Table) -> PyResult<Py<PyAny>> {
    let height = table.height();
    let columns: Vec<PlColumn> = table
        .columns
        .iter()
        .map(|(name, col)| series(name, col).map(IntoColumn::into_column))
        .collect::<Result<_, _>>()
        .map_err(|e| pyo3::exceptions::PyRuntimeError::new_err(e.to_string()))?;
    let df = DataFrame::new(height, columns)
        .map_err(|e| pyo3::exceptions::PyRuntimeError::new_err(e.to_string()))?;
    Ok(PyDataFrame(df).into_pyobject(py)?.into_any().unbind())
}
