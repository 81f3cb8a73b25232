"""Validation from Python: findings on every parse, strict mode, re-running with rules off."""

from __future__ import annotations

from pathlib import Path

import pytest
import sec13d

TEN_CHAR_CUSIP = "sgml_txt/0000895345-94-000020.txt"  # prints CUSIP 0009032931 (ten characters)


def test_findings_carry_code_severity_paths_spans(corpus: Path) -> None:
    f = sec13d.parse_13d(corpus / TEN_CHAR_CUSIP)
    errors = [i for i in f.issues if i.severity == "error"]
    assert [i.code for i in errors] == ["cusip-format"]
    assert "0009032931" in errors[0].message
    assert errors[0].paths == ["issuer.cusips[0]"]
    span = errors[0].spans[0]
    assert (corpus / TEN_CHAR_CUSIP).read_bytes()[span.start : span.end] == b"0009032931" == span.text.encode()
    df = f.issues_df()
    assert df.filter(df["code"] == "cusip-format").height == 1


def test_strict_raises_with_issues(corpus: Path) -> None:
    with pytest.raises(sec13d.ValidationError, match="cusip-format") as info:
        sec13d.parse_13d(corpus / TEN_CHAR_CUSIP, strict=True)
    assert [i.code for i in info.value.issues] == ["cusip-format"]
    assert isinstance(info.value, sec13d.Schedule13DError)


def test_clean_xml_passes_strict(samples: Path) -> None:
    f = sec13d.parse_13d(samples / "13d_x01_bml_aadi_2024-12-31.xml", strict=True)
    assert all(i.severity != "error" for i in f.issues)


def test_validate_reruns_and_disables(corpus: Path) -> None:
    f = sec13d.parse_13d(corpus / TEN_CHAR_CUSIP)
    codes = {i.code for i in sec13d.validate(f)}
    assert "cusip-format" in codes
    assert "cusip-format" not in {i.code for i in sec13d.validate(f, disable=["cusip-format"])}


def test_label_anomaly_sum_check_is_caught(corpus: Path) -> None:
    # JPMorgan 13G/A: sole 4,022,435 + shared 743 dispositive != aggregate 4,024,573 (label notes).
    f = sec13d.parse_13d(corpus / "sgml_txt/0000019617-24-000012.txt")
    person = f.reporting_persons[0]
    assert (person.sole_dispositive_power, person.shared_dispositive_power, person.aggregate_amount) == (
        4022435.0,
        743.0,
        4024573.0,
    )
    assert "aggregate-vs-dispositive" in {i.code for i in f.issues}
