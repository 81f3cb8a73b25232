//! Python classes over the core model: frozen, comparable, picklable, with `to_dict()`.
//!
//! Each class wraps the model struct and converts a field only when it is read, so parsing
//! a filing creates one Python object, not one per value.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyTuple};

use crate::container::{Entity, FormerName, Header, HeaderAddress};
use crate::model::{
    Address, Exhibit, Filer, Issue, Issuer, ReportingPerson, Schedule, Schedule13D, Severity, Side,
    Signature, SourceFormat, Span, Spans, Trade,
};

/// Conversion of model values to Python.
pub trait ToPy {
    /// As an attribute value: model structs become our classes.
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>>;
    /// As a value inside `to_dict()`: model structs become dicts.
    fn to_plain<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.to_py(py)
    }
    /// Whether a repr leaves the value out (None, empty).
    fn is_blank(&self) -> bool {
        false
    }
}

macro_rules! native {
    ($($t:ty),*) => {$(
        impl ToPy for $t {
            fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                Ok(self.clone().into_pyobject(py)?.to_owned().into_any())
            }
        }
    )*};
}
native!(f64, bool, u32, usize, NaiveDate);

impl ToPy for String {
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(self.as_str().into_pyobject(py)?.into_any())
    }
    fn is_blank(&self) -> bool {
        self.is_empty()
    }
}

macro_rules! as_str {
    ($($t:ty),*) => {$(
        impl ToPy for $t {
            fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                Ok(self.as_str().into_pyobject(py)?.into_any())
            }
        }
    )*};
}
as_str!(Schedule, SourceFormat, Side, Severity);

impl<T: ToPy> ToPy for Option<T> {
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        match self {
            Some(v) => v.to_py(py),
            None => Ok(py.None().into_bound(py)),
        }
    }
    fn to_plain<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        match self {
            Some(v) => v.to_plain(py),
            None => Ok(py.None().into_bound(py)),
        }
    }
    fn is_blank(&self) -> bool {
        self.is_none()
    }
}

impl<T: ToPy> ToPy for Vec<T> {
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let items = self
            .iter()
            .map(|v| v.to_py(py))
            .collect::<PyResult<Vec<_>>>()?;
        Ok(PyList::new(py, items)?.into_any())
    }
    fn to_plain<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let items = self
            .iter()
            .map(|v| v.to_plain(py))
            .collect::<PyResult<Vec<_>>>()?;
        Ok(PyList::new(py, items)?.into_any())
    }
    fn is_blank(&self) -> bool {
        self.is_empty()
    }
}

impl<A: ToPy, B: ToPy> ToPy for (A, B) {
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(PyTuple::new(py, [self.0.to_py(py)?, self.1.to_py(py)?])?.into_any())
    }
}

impl ToPy for Spans {
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let d = PyDict::new(py);
        for (k, v) in self.iter() {
            d.set_item(k, v.to_py(py)?)?;
        }
        Ok(d.into_any())
    }
    fn to_plain<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let d = PyDict::new(py);
        for (k, v) in self.iter() {
            d.set_item(k, v.to_plain(py)?)?;
        }
        Ok(d.into_any())
    }
    fn is_blank(&self) -> bool {
        self.is_empty()
    }
}

impl<V: ToPy> ToPy for BTreeMap<String, V> {
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let d = PyDict::new(py);
        for (k, v) in self {
            d.set_item(k, v.to_py(py)?)?;
        }
        Ok(d.into_any())
    }
    fn to_plain<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let d = PyDict::new(py);
        for (k, v) in self {
            d.set_item(k, v.to_plain(py)?)?;
        }
        Ok(d.into_any())
    }
    fn is_blank(&self) -> bool {
        self.is_empty()
    }
}

/// A Python class over a model struct: getters, `to_dict`, repr, pickling, `__match_args__`.
/// `repr` lists the fields the repr shows (non-blank ones only).
macro_rules! record {
    ($py:ident, $name:literal, $model:ty, doc = $doc:literal, fields = [$($f:ident),* $(,)?], repr = [$($r:ident),* $(,)?]) => {
        record!($py, $name, $model, doc = $doc, fields = [$($f),*], repr = [$($r),*], methods = {});
    };
    ($py:ident, $name:literal, $model:ty, doc = $doc:literal, fields = [$($f:ident),* $(,)?], repr = [$($r:ident),* $(,)?], methods = { $($extra:tt)* }) => {
        #[doc = $doc]
        #[pyclass(frozen, eq, module = "sec13d", name = $name, skip_from_py_object)]
        #[derive(PartialEq)]
        pub struct $py(pub $model);

        #[pymethods]
        impl $py {
            $(
                #[getter]
                fn $f<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                    self.0.$f.to_py(py)
                }
            )*

            /// The fields as a dict of plain Python values (nested records as dicts).
            fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
                let d = PyDict::new(py);
                $( d.set_item(stringify!($f), self.0.$f.to_plain(py)?)?; )*
                Ok(d)
            }

            fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
                let mut parts: Vec<String> = Vec::new();
                $(
                    if !self.0.$r.is_blank() {
                        let v = self.0.$r.to_py(py)?;
                        parts.push(format!("{}={}", stringify!($r), v.repr()?));
                    }
                )*
                Ok(format!("{}({})", $name, parts.join(", ")))
            }

            fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, (&'static str, String))> {
                let json = serde_json::to_string(&self.0)
                    .map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))?;
                let restore = py.import("sec13d._core")?.getattr("_restore")?;
                Ok((restore, ($name, json)))
            }

            $($extra)*

            #[classattr]
            fn __match_args__(py: Python<'_>) -> PyResult<Py<PyTuple>> {
                Ok(PyTuple::new(py, [$(stringify!($f)),*])?.unbind())
            }
        }

        impl ToPy for $model {
            fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                Ok(Bound::new(py, $py(self.clone()))?.into_any())
            }
            fn to_plain<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                Ok($py(self.clone()).to_dict(py)?.into_any())
            }
        }
    };
}

record!(
    PyAddress,
    "Address",
    Address,
    doc = "A postal address; `state_or_country` is the EDGAR code.",
    fields = [
        street1,
        street2,
        city,
        state_or_country,
        state_or_country_name,
        zip_code
    ],
    repr = [
        street1,
        street2,
        city,
        state_or_country,
        state_or_country_name,
        zip_code
    ]
);
record!(
    PyIssuer,
    "Issuer",
    Issuer,
    doc = "The subject company: name, CIK, CUSIPs, class title, address.",
    fields = [name, cik, cusips, security_class, address],
    repr = [name, cik, cusips, security_class]
);
record!(
    PyFiler,
    "Filer",
    Filer,
    doc = "A filer of the submission (SEC header FILED BY or XML filer).",
    fields = [name, cik],
    repr = [name, cik]
);
record!(
    PyReportingPerson,
    "ReportingPerson",
    ReportingPerson,
    doc = "One cover page (rows 1-14 of a 13D, 1-12 of a 13G). `None` means not reported.",
    fields = [
        name,
        cik,
        irs_number,
        member_of_group,
        source_of_funds,
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
        type_of_reporting_person,
        comment,
        cover_cusip
    ],
    repr = [
        name,
        cik,
        citizenship,
        sole_voting_power,
        shared_voting_power,
        sole_dispositive_power,
        shared_dispositive_power,
        aggregate_amount,
        percent_of_class,
        type_of_reporting_person
    ]
);
record!(
    PyTrade,
    "Trade",
    Trade,
    doc = "One Item 5(c) transaction.",
    fields = [
        reporting_person,
        trade_date,
        period_start,
        period_end,
        side,
        shares,
        price,
        price_low,
        price_high,
        currency,
        security,
        raw
    ],
    repr = [
        reporting_person,
        trade_date,
        period_start,
        period_end,
        side,
        shares,
        price,
        price_low,
        price_high,
        currency,
        security
    ]
);
record!(
    PySignature,
    "Signature",
    Signature,
    doc = "A signature: name, title, date, for which reporting person.",
    fields = [name, title, date, reporting_person],
    repr = [name, title, date, reporting_person]
);
record!(
    PyIssue,
    "Issue",
    Issue,
    doc = "A validation finding: rule code, severity, message, field paths and their source spans.",
    fields = [code, severity, message, paths, spans],
    repr = [code, severity, message]
);
record!(PySpan, "Span", Span,
    doc = "Where a value came from: byte offsets `start`..`end` in the source bytes, and the source `text`.",
    fields = [start, end, text], repr = [start, end, text]);
record!(
    PyExhibit,
    "Exhibit",
    Exhibit,
    doc = "Another document of the submission (exhibit, graphic, ...).",
    fields = [doc_type, sequence, filename, description],
    repr = [doc_type, sequence, filename, description]
);
record!(
    PyHeaderAddress,
    "HeaderAddress",
    HeaderAddress,
    doc = "An address of an SEC header entity.",
    fields = [street1, street2, city, state, zip, phone],
    repr = [street1, city, state, zip]
);
record!(
    PyFormerName,
    "FormerName",
    FormerName,
    doc = "A former name of an SEC header entity.",
    fields = [name, date_changed],
    repr = [name, date_changed]
);
record!(
    PyEntity,
    "Entity",
    Entity,
    doc = "A SUBJECT COMPANY or FILED BY block of the SEC header.",
    fields = [
        name,
        cik,
        sic,
        organization_name,
        irs_number,
        state_of_incorporation,
        fiscal_year_end,
        form_type,
        sec_act,
        sec_file_number,
        film_number,
        business_address,
        mail_address,
        former_names,
        extra
    ],
    repr = [name, cik, irs_number, state_of_incorporation]
);
record!(
    PyHeader,
    "Header",
    Header,
    doc = "The SEC header of a full submission.",
    fields = [
        accession_number,
        submission_type,
        public_document_count,
        filed_date,
        date_of_change,
        acceptance_datetime,
        group_members,
        subject_companies,
        filed_by,
        extra
    ],
    repr = [accession_number, submission_type, filed_date]
);

/// The classes whose instances `_restore` rebuilds when unpickling.
pub fn restore(py: Python<'_>, name: &str, json: &str) -> PyResult<Py<PyAny>> {
    fn load<T: serde::de::DeserializeOwned + ToPy>(
        py: Python<'_>,
        json: &str,
    ) -> PyResult<Py<PyAny>> {
        let v: T = serde_json::from_str(json)
            .map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))?;
        Ok(v.to_py(py)?.unbind())
    }
    match name {
        "Address" => load::<Address>(py, json),
        "Issuer" => load::<Issuer>(py, json),
        "Filer" => load::<Filer>(py, json),
        "ReportingPerson" => load::<ReportingPerson>(py, json),
        "Trade" => load::<Trade>(py, json),
        "Signature" => load::<Signature>(py, json),
        "Issue" => load::<Issue>(py, json),
        "Span" => load::<Span>(py, json),
        "Exhibit" => load::<Exhibit>(py, json),
        "HeaderAddress" => load::<HeaderAddress>(py, json),
        "FormerName" => load::<FormerName>(py, json),
        "Entity" => load::<Entity>(py, json),
        "Header" => load::<Header>(py, json),
        "Schedule13D" => load::<Schedule13D>(py, json),
        other => Err(pyo3::exceptions::PyValueError::new_err(format!(
            "cannot restore a {other}"
        ))),
    }
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyAddress>()?;
    m.add_class::<PyIssuer>()?;
    m.add_class::<PyFiler>()?;
    m.add_class::<PyReportingPerson>()?;
    m.add_class::<PyTrade>()?;
    m.add_class::<PySignature>()?;
    m.add_class::<PyIssue>()?;
    m.add_class::<PySpan>()?;
    m.add_class::<PyExhibit>()?;
    m.add_class::<PyHeaderAddress>()?;
    m.add_class::<PyFormerName>()?;
    m.add_class::<PyEntity>()?;
    m.add_class::<PyHeader>()?;
    m.add_class::<PySchedule13D>()?;
    Ok(())
}

record!(
    PySchedule13D,
    "Schedule13D",
    Schedule13D,
    doc = "A parsed Schedule 13D or 13G (originals and amendments), from any era and format.\n\n\
Fields follow the form: `issuer`, `reporting_persons` (one per cover page), `items`\n\
(item number -> text), `trades` (Item 5(c)), `signatures`, and validation `issues`.\n\
`holdings_df()` / `trades_df()` give Polars DataFrames; `source_of(path)` says where a value\n\
was read.\n\n\
>>> import sec13d\n\
>>> filing = sec13d.parse_13d(sec13d.example_path())\n\
>>> filing.reporting_persons[0].aggregate_amount\n\
2100000.0",
    fields = [
        schedule,
        form_type,
        amendment_number,
        accession_number,
        previous_accession_number,
        filed_date,
        event_date,
        issuer,
        filers,
        group_members,
        rules,
        reporting_persons,
        items,
        trades,
        signatures,
        exhibits,
        joint_filing_agreement,
        source_format,
        header,
        issues
    ],
    repr = [
        schedule,
        form_type,
        amendment_number,
        accession_number,
        filed_date,
        event_date,
        issuer,
        source_format
    ],
    methods = {
        /// The first CUSIP of the issuer, or None.
        #[getter]
        fn cusip(&self) -> Option<&str> {
            self.0.cusip()
        }

        /// Field path -> Span for every value whose source position is known.
        #[getter]
        fn spans<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
            self.0.spans.to_py(py)
        }

        /// Where the value at `path` was read, e.g. `"reporting_persons[0].aggregate_amount"`:
        /// a `Span` with byte offsets into the source and the source text, or None.
        fn source_of<'py>(&self, py: Python<'py>, path: &str) -> PyResult<Bound<'py, PyAny>> {
            self.0.source_of(path).cloned().to_py(py)
        }

        /// The filing as JSON (dates ISO 8601, spans included).
        fn to_json(&self) -> PyResult<String> {
            serde_json::to_string(&self.0)
                .map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))
        }

        /// One row per reporting person, filing keys first (a `polars.DataFrame`).
        fn holdings_df(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
            crate::py::frames::to_polars(py, crate::columns::holdings([&self.0]))
        }

        /// One row per Item 5(c) trade, filing keys first (a `polars.DataFrame`).
        fn trades_df(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
            crate::py::frames::to_polars(py, crate::columns::trades([&self.0]))
        }

        /// One row per validation finding (a `polars.DataFrame`).
        fn issues_df(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
            crate::py::frames::to_polars(py, crate::columns::issues([&self.0]))
        }
    }
);
