//! Tables to Polars DataFrames, column by column (no Python object per value).

use polars::prelude::{
    Column as PlColumn, DataFrame, DataType, IntoColumn, IntoSeries, ListBuilderTrait,
    ListStringChunkedBuilder, NamedFrom, Series,
};
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
            // One list column filled in place (a Series per row cost ~1 KB each).
            let values = v.iter().map(Vec::len).sum();
            let mut list = ListStringChunkedBuilder::new(name, v.len(), values);
            for items in v {
                list.append_values_iter(items.iter().map(String::as_str));
            }
            list.finish().into_series()
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
