//! Models to columns (no polars here): the holdings and trades tables, built column-wise.
//!
//! Column names equal the `to_dict()` keys; every table starts with the filing's keys.

use chrono::NaiveDate;

use crate::model::{ReportingPerson, Schedule13D, Trade};

/// One typed column; `None` is a null.
#[derive(Debug, Clone, PartialEq)]
pub enum Column {
    Str(Vec<Option<String>>),
    F64(Vec<Option<f64>>),
    Int(Vec<Option<i64>>),
    Date(Vec<Option<NaiveDate>>),
    Bool(Vec<Option<bool>>),
    StrList(Vec<Vec<String>>),
}

impl Column {
    pub fn len(&self) -> usize {
        match self {
            Column::Str(v) => v.len(),
            Column::F64(v) => v.len(),
            Column::Int(v) => v.len(),
            Column::Date(v) => v.len(),
            Column::Bool(v) => v.len(),
            Column::StrList(v) => v.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A table: named columns of equal length.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    pub columns: Vec<(&'static str, Column)>,
}

impl Table {
    pub fn height(&self) -> usize {
        self.columns.first().map_or(0, |(_, c)| c.len())
    }

    pub fn column(&self, name: &str) -> Option<&Column> {
        self.columns
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, c)| c)
    }
}

/// The keys of the filing that start every row.
pub const FILING_KEYS: [&str; 7] = [
    "accession_number",
    "form_type",
    "filed_date",
    "event_date",
    "issuer_name",
    "issuer_cik",
    "cusip",
];

/// Columns of the holdings table after the filing keys.
pub const PERSON_COLUMNS: [&str; 18] = [
    "name",
    "cik",
    "irs_number",
    "member_of_group",
    "source_of_funds",
    "legal_proceedings",
    "citizenship",
    "citizenship_code",
    "sole_voting_power",
    "shared_voting_power",
    "sole_dispositive_power",
    "shared_dispositive_power",
    "aggregate_amount",
    "excludes_certain_shares",
    "percent_of_class",
    "type_of_reporting_person",
    "comment",
    "cover_cusip",
];

/// Columns of the trades table after the filing keys.
pub const TRADE_COLUMNS: [&str; 12] = [
    "reporting_person",
    "trade_date",
    "period_start",
    "period_end",
    "side",
    "shares",
    "price",
    "price_low",
    "price_high",
    "currency",
    "security",
    "raw",
];

/// Appends one value per row to a column of known type.
trait Push<T> {
    fn push_value(&mut self, v: T);
}

impl Push<Option<String>> for Column {
    fn push_value(&mut self, v: Option<String>) {
        if let Column::Str(c) = self {
            c.push(v);
        }
    }
}
impl Push<Option<f64>> for Column {
    fn push_value(&mut self, v: Option<f64>) {
        if let Column::F64(c) = self {
            c.push(v);
        }
    }
}
impl Push<Option<NaiveDate>> for Column {
    fn push_value(&mut self, v: Option<NaiveDate>) {
        if let Column::Date(c) = self {
            c.push(v);
        }
    }
}
impl Push<Option<bool>> for Column {
    fn push_value(&mut self, v: Option<bool>) {
        if let Column::Bool(c) = self {
            c.push(v);
        }
    }
}
impl Push<Vec<String>> for Column {
    fn push_value(&mut self, v: Vec<String>) {
        if let Column::StrList(c) = self {
            c.push(v);
        }
    }
}

fn filing_key_columns() -> Vec<(&'static str, Column)> {
    use Column::*;
    vec![
        (FILING_KEYS[0], Str(vec![])),
        (FILING_KEYS[1], Str(vec![])),
        (FILING_KEYS[2], Date(vec![])),
        (FILING_KEYS[3], Date(vec![])),
        (FILING_KEYS[4], Str(vec![])),
        (FILING_KEYS[5], Str(vec![])),
        (FILING_KEYS[6], Str(vec![])),
    ]
}

fn push_filing_keys(cols: &mut [(&'static str, Column)], f: &Schedule13D) {
    cols[0].1.push_value(f.accession_number.clone());
    cols[1].1.push_value(f.form_type.clone());
    cols[2].1.push_value(f.filed_date);
    cols[3].1.push_value(f.event_date);
    cols[4].1.push_value(f.issuer.name.clone());
    cols[5].1.push_value(f.issuer.cik.clone());
    cols[6].1.push_value(f.cusip().map(str::to_string));
}

/// One row per reporting person of every filing.
pub fn holdings<'a>(filings: impl IntoIterator<Item = &'a Schedule13D>) -> Table {
    use Column::*;
    let mut cols = filing_key_columns();
    let types = [
        Str(vec![]),
        Str(vec![]),
        Str(vec![]),
        Str(vec![]),
        StrList(vec![]),
        Bool(vec![]),
        Str(vec![]),
        Str(vec![]),
        F64(vec![]),
        F64(vec![]),
        F64(vec![]),
        F64(vec![]),
        F64(vec![]),
        Bool(vec![]),
        F64(vec![]),
        StrList(vec![]),
        Str(vec![]),
        Str(vec![]),
    ];
    cols.extend(PERSON_COLUMNS.iter().copied().zip(types));
    for f in filings {
        for p in &f.reporting_persons {
            push_filing_keys(&mut cols, f);
            push_person(&mut cols[FILING_KEYS.len()..], p);
        }
    }
    Table { columns: cols }
}

fn push_person(c: &mut [(&'static str, Column)], p: &ReportingPerson) {
    c[0].1.push_value(Some(p.name.clone()));
    c[1].1.push_value(p.cik.clone());
    c[2].1.push_value(p.irs_number.clone());
    c[3].1.push_value(p.member_of_group.clone());
    c[4].1.push_value(p.source_of_funds.clone());
    c[5].1.push_value(p.legal_proceedings);
    c[6].1.push_value(p.citizenship.clone());
    c[7].1.push_value(p.citizenship_code.clone());
    c[8].1.push_value(p.sole_voting_power);
    c[9].1.push_value(p.shared_voting_power);
    c[10].1.push_value(p.sole_dispositive_power);
    c[11].1.push_value(p.shared_dispositive_power);
    c[12].1.push_value(p.aggregate_amount);
    c[13].1.push_value(p.excludes_certain_shares);
    c[14].1.push_value(p.percent_of_class);
    c[15].1.push_value(p.type_of_reporting_person.clone());
    c[16].1.push_value(p.comment.clone());
    c[17].1.push_value(p.cover_cusip.clone());
}

/// One row per Item 5(c) trade of every filing.
pub fn trades<'a>(filings: impl IntoIterator<Item = &'a Schedule13D>) -> Table {
    use Column::*;
    let mut cols = filing_key_columns();
    let types = [
        Str(vec![]),
        Date(vec![]),
        Date(vec![]),
        Date(vec![]),
        Str(vec![]),
        F64(vec![]),
        F64(vec![]),
        F64(vec![]),
        F64(vec![]),
        Str(vec![]),
        Str(vec![]),
        Str(vec![]),
    ];
    cols.extend(TRADE_COLUMNS.iter().copied().zip(types));
    for f in filings {
        for t in &f.trades {
            push_filing_keys(&mut cols, f);
            push_trade(&mut cols[FILING_KEYS.len()..], t);
        }
    }
    Table { columns: cols }
}

fn push_trade(c: &mut [(&'static str, Column)], t: &Trade) {
    c[0].1.push_value(t.reporting_person.clone());
    c[1].1.push_value(t.trade_date);
    c[2].1.push_value(t.period_start);
    c[3].1.push_value(t.period_end);
    c[4].1.push_value(Some(t.side.as_str().to_string()));
    c[5].1.push_value(t.shares);
    c[6].1.push_value(t.price);
    c[7].1.push_value(t.price_low);
    c[8].1.push_value(t.price_high);
    c[9].1.push_value(t.currency.clone());
    c[10].1.push_value(t.security.clone());
    c[11].1.push_value(Some(t.raw.clone()));
}

/// Columns of the issues table after the filing keys.
pub const ISSUE_COLUMNS: [&str; 4] = ["code", "severity", "message", "paths"];

/// One row per validation finding of every filing.
pub fn issues<'a>(filings: impl IntoIterator<Item = &'a Schedule13D>) -> Table {
    use Column::*;
    let mut cols = filing_key_columns();
    cols.extend(ISSUE_COLUMNS.iter().copied().zip([
        Str(vec![]),
        Str(vec![]),
        Str(vec![]),
        StrList(vec![]),
    ]));
    for f in filings {
        for i in &f.issues {
            push_filing_keys(&mut cols, f);
            let c = &mut cols[FILING_KEYS.len()..];
            c[0].1.push_value(Some(i.code.clone()));
            c[1].1.push_value(Some(i.severity.as_str().to_string()));
            c[2].1.push_value(Some(i.message.clone()));
            c[3].1.push_value(i.paths.clone());
        }
    }
    Table { columns: cols }
}
