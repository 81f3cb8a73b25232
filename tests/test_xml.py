"""XML era: every corpus/sample XML parses and equals an independent reading; cover pages asserted."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import sec13d
from xml_reference import read

# (file, form type, event date, issuer, cusips, persons, first person, its aggregate, its percent,
#  last person, its sole voting, its shared dispositive, its type codes) — read off the files.
COVERS = [
    (
        "0001161697-26-000025.xml",
        "SCHEDULE 13G",
        "2025-12-10",
        "Crypto Co",
        ["22906C102"],
        2,
        "AJB Capital Investments LLC",
        1327069799.0,
        9.99,
        "AJB Capital Managers LLC",
        1327069799.0,
        0.0,
        ["OO"],
    ),
    (
        "0002107389-26-000001.xml",
        "SCHEDULE 13G",
        "2025-12-03",
        "New ERA Energy & Digital, Inc.",
        ["64428N109"],
        1,
        "Yang Hanju",
        5176177.0,
        9.7,
        "Yang Hanju",
        4575777.0,
        0.0,
        ["IN"],
    ),
    (
        "0002044671-26-000003.xml",
        "SCHEDULE 13G",
        "2025-12-31",
        "CHAIN BRIDGE BANCORP INC",
        ["15746L100"],
        1,
        "Hingham Institution for Savings",
        293565.0,
        8.9,
        "Hingham Institution for Savings",
        293565.0,
        0.0,
        ["BK"],
    ),
    (
        "0000945621-26-000088.xml",
        "SCHEDULE 13G",
        "2025-12-09",
        "PennantPark Private Income Fund",
        [],
        1,
        "City of Boca Raton General Employees Pension Plan",
        400000.0,
        22.22,
        "City of Boca Raton General Employees Pension Plan",
        400000.0,
        0.0,
        ["EP"],
    ),
    (
        "0001542153-26-000004.xml",
        "SCHEDULE 13G",
        "2026-01-01",
        "SPECIAL OPPORTUNITIES FUND, INC.",
        ["84741T104"],
        1,
        "Focus Partners Wealth",
        1377246.0,
        12.96,
        "Focus Partners Wealth",
        1377246.0,
        0.0,
        ["IA"],
    ),
    (
        "aadi-bioscience-inc_sc-13d_ccd6be60.xml",
        "SCHEDULE 13D",
        "2024-12-31",
        "Aadi Bioscience, Inc.",
        ["00032Q104"],
        2,
        "BML Investment Partners, L.P.",
        2100000.0,
        8.5,
        "Leonard Braden Michael",
        335000.0,
        2100000.0,
        ["IN"],
    ),
    (
        "0001821268-26-000003.xml",
        "SCHEDULE 13G",
        "2025-12-31",
        "The Joint Corp.",
        ["47973J102"],
        1,
        "Skylands Capital, LLC",
        890045.0,
        6.0,
        "Skylands Capital, LLC",
        890045.0,
        0.0,
        ["IA"],
    ),
    (
        "0002106951-26-000005.xml",
        "SCHEDULE 13G",
        "2026-01-28",
        "AVAX One Technology Inc.",
        ["05353F108"],
        4,
        "Bastion Trading Limited",
        4635492.0,
        5.0,
        "Wei Zhu",
        0.0,
        5295170.0,
        ["IN"],
    ),
    (
        "0000886982-26-000013.xml",
        "SCHEDULE 13G",
        "2025-12-31",
        "NUSCALE POWER CORP",
        ["67079K100"],
        2,
        "THE GOLDMAN SACHS GROUP, INC.",
        25511936.04,
        9.0,
        "GOLDMAN SACHS & CO. LLC",
        0.0,
        25511899.04,
        ["BD", "OO", "IA"],
    ),
]


@pytest.mark.parametrize("row", COVERS, ids=[r[0] for r in COVERS])
def test_cover_page(corpus: Path, row: tuple) -> None:
    (name, form, event, issuer, cusips, count, first, agg, pct, last, sole_v, shared_d, types) = row
    f = sec13d.parse_13d(corpus / "xml" / name)
    assert f.form_type == form
    assert f.schedule == form[-3:]
    assert f.event_date == dt.date.fromisoformat(event)
    assert f.issuer.name == issuer
    assert f.issuer.cusips == cusips
    assert f.source_format == "xml"
    persons = f.reporting_persons
    assert len(persons) == count
    assert persons[0].name == first
    assert persons[0].aggregate_amount == agg
    assert persons[0].percent_of_class == pct
    assert persons[-1].name == last
    assert persons[-1].sole_voting_power == sole_v
    assert persons[-1].shared_dispositive_power == shared_d
    assert persons[-1].type_of_reporting_person == types


def test_qxo_group_of_six(samples: Path) -> None:
    f = sec13d.parse_13d(samples / "13d_x01_qxo.xml")
    names = [p.name for p in f.reporting_persons]
    assert len(names) == 6 and names[0] == "Affinity Partners Fund I LP" and names[-1] == "Jared Kushner"
    members = [p.aggregate_amount for p in f.reporting_persons]
    assert 164310.0 in members and 32671542.0 in members
    assert f.issuer.cusips == ["82846H405"]
    assert f.event_date == dt.date(2025, 4, 29)


def test_fractional_shares_and_placeholder_cusip(samples: Path) -> None:
    f = sec13d.parse_13d(samples / "13da_x01_adia_overland_cusip000000000.xml")
    assert f.form_type == "SCHEDULE 13D/A"
    assert f.amendment_number == 3
    assert f.previous_accession_number is not None
    assert f.issuer.cusips == []
    shares = [v for p in f.reporting_persons for v in (p.aggregate_amount, p.sole_voting_power) if v]
    assert any(v != int(v) for v in shares), "fractional share counts must not be truncated"


def test_broken_end_tag_recovers(samples: Path) -> None:
    f = sec13d.parse_13d(samples / "13da_x01_strome_zivo_BROKEN_endtag.xml")
    assert f.amendment_number == 8
    assert [p.percent_of_class for p in f.reporting_persons][:2] == [12.2, 6.13]
    assert f.reporting_persons[0].aggregate_amount == 442854.0
    assert "75,000 shares" in f.items["3"]
    assert f.items["4"], "the item after the broken end tag is read"


def test_nested_cusips_and_13g_rules(samples: Path) -> None:
    f = sec13d.parse_13d(samples / "13g_x0202_commodore_an2_prefunded_warrants.xml")
    assert f.schedule == "13G"
    assert len(f.issuer.cusips) >= 1
    g = sec13d.parse_13d(samples / "13g_x01_marex_jushi_2025.xml")
    assert g.rules == ["Rule 13d-1(c)"]
    assert g.reporting_persons[0].percent_of_class == 5.1


def test_codes_mapped_to_names(corpus: Path) -> None:
    f = sec13d.parse_13d(corpus / "xml" / "0000921895-26-000129.xml")
    first = f.reporting_persons[0]
    assert (first.citizenship, first.citizenship_code) == ("Cayman Islands", "E9")
    assert f.issuer.address is not None and f.issuer.address.state_or_country_name == "United Kingdom"
    assert f.filers[0].cik == "0001730145"
    assert f.filers[0].name == "Voss Capital, LP"


def _all_xml(corpus: Path, samples: Path) -> list[Path]:
    return sorted((corpus / "xml").glob("*.xml")) + sorted(samples.glob("*.xml"))


def test_every_xml_equals_an_independent_reading(corpus: Path, samples: Path) -> None:
    checked = 0
    for path in _all_xml(corpus, samples):
        data = path.read_bytes()
        f = sec13d.parse_13d(path)
        if b"</fundsSource\n" in data:
            continue  # not well-formed: the standard library cannot read it (asserted above)
        ref = read(data)
        got = f.to_dict()
        assert got["form_type"] == ref["form_type"], path.name
        assert got["amendment_number"] == ref["amendment_number"], path.name
        assert got["event_date"] == ref["event_date"], path.name
        assert got["issuer"]["name"] == ref["issuer_name"], path.name
        assert got["issuer"]["cik"] == ref["issuer_cik"], path.name
        assert got["issuer"]["cusips"] == [re.sub(r"[\s-]", "", c).upper() for c in ref["cusips"]], path.name
        assert got["issuer"]["security_class"] == ref["security_class"], path.name
        assert len(got["reporting_persons"]) == len(ref["reporting_persons"]), path.name
        for mine, theirs in zip(got["reporting_persons"], ref["reporting_persons"], strict=True):
            for key, value in theirs.items():
                assert mine[key] == value, (path.name, key)
        checked += 1
    assert checked >= 90


def test_txt_wrapper_equals_its_primary_doc(corpus: Path) -> None:
    for path in sorted((corpus / "xml").glob("*.txt")):
        data = path.read_bytes()
        m = re.search(rb"<XML>\s*(.*?)</XML>", data, re.S)
        assert m, path.name
        wrapped = sec13d.parse_13d(data)
        bare = sec13d.parse_13d(m.group(1))
        assert wrapped.accession_number == path.stem
        assert wrapped.filed_date is not None
        assert wrapped.header is not None and wrapped.header.subject_companies
        for key in ("reporting_persons", "issuer", "event_date", "items", "signatures", "amendment_number"):
            assert wrapped.to_dict()[key] == bare.to_dict()[key], (path.name, key)
