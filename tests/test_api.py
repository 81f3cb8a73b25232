"""The Python API: sources, classes, dicts, JSON, pickling, frames, provenance."""

from __future__ import annotations

import datetime as dt
import json
import pickle

import polars as pl
import pytest
import sec13d


@pytest.fixture(scope="module")
def filing() -> sec13d.Schedule13D:
    return sec13d.parse_13d(sec13d.example_path())


def test_sources_str_bytes_path_agree(filing: sec13d.Schedule13D) -> None:
    path = sec13d.example_path()
    assert sec13d.parse_13d(path.read_bytes()) == filing
    assert sec13d.parse_13d(path.read_text()) == filing


def test_fields(filing: sec13d.Schedule13D) -> None:
    assert filing.schedule == "13D"
    assert filing.form_type == "SCHEDULE 13D"
    assert filing.event_date == dt.date(2024, 12, 31)
    assert filing.issuer.name == "Aadi Bioscience, Inc."
    assert filing.issuer.cik == "0001422142"
    assert filing.cusip == "00032Q104"
    first, second = filing.reporting_persons
    assert first.name == "BML Investment Partners, L.P."
    assert first.sole_voting_power == 0.0 and first.shared_voting_power == 2100000.0
    assert first.source_of_funds == ["WC"]
    assert first.citizenship == "Delaware" and first.citizenship_code == "DE"
    assert second.aggregate_amount == 2435000.0 and second.percent_of_class == 9.9
    assert second.type_of_reporting_person == ["IN"]
    assert filing.signatures[0].date == dt.date(2024, 12, 31)
    assert filing.signatures[0].reporting_person == "BML Investment Partners, L.P."
    assert "investment purposes" in filing.items["4"]


def test_to_dict_keys_and_json(filing: sec13d.Schedule13D) -> None:
    d = filing.to_dict()
    for key in (
        "schedule",
        "form_type",
        "amendment_number",
        "accession_number",
        "filed_date",
        "event_date",
        "issuer",
        "filers",
        "reporting_persons",
        "items",
        "trades",
        "signatures",
        "source_format",
        "issues",
    ):
        assert key in d
    assert isinstance(d["event_date"], dt.date)
    person = d["reporting_persons"][0]
    assert set(person) >= {
        "name",
        "cik",
        "irs_number",
        "member_of_group",
        "source_of_funds",
        "legal_proceedings",
        "citizenship",
        "sole_voting_power",
        "shared_voting_power",
        "sole_dispositive_power",
        "shared_dispositive_power",
        "aggregate_amount",
        "excludes_certain_shares",
        "percent_of_class",
        "type_of_reporting_person",
    }
    assert json.loads(filing.to_json())["event_date"] == "2024-12-31"


def test_frozen_eq_pickle_repr(filing: sec13d.Schedule13D) -> None:
    with pytest.raises(AttributeError):
        filing.form_type = "x"  # type: ignore[misc]
    clone = pickle.loads(pickle.dumps(filing))
    assert clone == filing
    person = filing.reporting_persons[0]
    assert pickle.loads(pickle.dumps(person)) == person
    assert repr(person).startswith("ReportingPerson(name='BML Investment Partners, L.P.'")
    assert "Aadi Bioscience" in repr(filing)
    match person:
        case sec13d.ReportingPerson(name, cik):
            assert (name, cik) == ("BML Investment Partners, L.P.", "0001373604")


def test_holdings_df(filing: sec13d.Schedule13D) -> None:
    df = filing.holdings_df()
    assert df.height == 2
    assert df.columns[:7] == [
        "accession_number",
        "form_type",
        "filed_date",
        "event_date",
        "issuer_name",
        "issuer_cik",
        "cusip",
    ]
    assert df.schema["event_date"] == pl.Date
    assert df.schema["aggregate_amount"] == pl.Float64
    assert df.schema["type_of_reporting_person"] == pl.List(pl.String)
    assert df["aggregate_amount"].to_list() == [2100000.0, 2435000.0]
    person_keys = list(filing.reporting_persons[0].to_dict())
    assert df.columns[7:] == person_keys
    assert df.to_pandas()["name"].tolist()[0] == "BML Investment Partners, L.P."


def test_trades_df_empty_has_schema(filing: sec13d.Schedule13D) -> None:
    df = filing.trades_df()
    assert df.schema["trade_date"] == pl.Date
    assert df.schema["shares"] == pl.Float64
    assert "raw" in df.columns


def test_provenance(filing: sec13d.Schedule13D) -> None:
    data = sec13d.example_path().read_bytes()
    span = filing.source_of("reporting_persons[1].aggregate_amount")
    assert span is not None
    assert span.text == "2435000"
    assert data[span.start : span.end] == b"2435000"
    assert filing.source_of("no.such.path") is None
