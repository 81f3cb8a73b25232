"""An independent reading of Schedule 13D/13G XML with the standard library, for cross-checks."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date, datetime


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _find(node: ET.Element, *names: str) -> ET.Element | None:
    for el in node.iter():
        if _local(el.tag) in names and el is not node:
            return el
    return None


def _all(node: ET.Element, name: str) -> list[ET.Element]:
    return [el for el in node.iter() if _local(el.tag) == name]


def _text(node: ET.Element | None) -> str | None:
    if node is None or node.text is None or not node.text.strip():
        return None
    return node.text.strip()


def _num(node: ET.Element | None) -> float | None:
    t = _text(node)
    return float(t.replace(",", "")) if t is not None else None


def _date(node: ET.Element | None) -> date | None:
    t = _text(node)
    return datetime.strptime(t, "%m/%d/%Y").date() if t else None


def read(xml: bytes) -> dict:
    """The cover page fields of a primary_doc.xml, keyed like `Schedule13D.to_dict()`."""
    root = ET.fromstring(re.sub(rb"^\s+", b"", xml))
    form = _find(root, "formData")
    assert form is not None
    cusips = [_text(c) for c in _all(form, "issuerCUSIP") + _all(form, "issuerCusip") + _all(form, "issuerCusipNumber")]
    persons = []
    for p in _all(form, "reportingPersonInfo") + _all(form, "coverPageHeaderReportingPersonDetails"):
        persons.append(
            {
                "name": _text(_find(p, "reportingPersonName")),
                "sole_voting_power": _num(_find(p, "soleVotingPower")),
                "shared_voting_power": _num(_find(p, "sharedVotingPower")),
                "sole_dispositive_power": _num(_find(p, "soleDispositivePower")),
                "shared_dispositive_power": _num(_find(p, "sharedDispositivePower")),
                "aggregate_amount": _num(
                    _find(p, "aggregateAmountOwned", "reportingPersonBeneficiallyOwnedAggregateNumberOfShares")
                ),
                "percent_of_class": _num(_find(p, "percentOfClass", "classPercent")),
                "type_of_reporting_person": [_text(t) for t in _all(p, "typeOfReportingPerson")],
                "source_of_funds": [_text(t) for t in _all(p, "fundType")],
                "citizenship_code": _text(_find(p, "citizenshipOrOrganization")),
            }
        )
    amendment = _text(_find(form, "amendmentNo"))
    return {
        "form_type": _text(_find(root, "submissionType")),
        "amendment_number": int(amendment) if amendment else None,
        "event_date": _date(_find(form, "dateOfEvent", "eventDateRequiresFilingThisStatement")),
        "issuer_name": _text(_find(form, "issuerName")),
        "issuer_cik": _text(_find(form, "issuerCIK", "issuerCik")),
        "cusips": [c for c in cusips if c and set(c) != {"0"}],
        "security_class": _text(_find(form, "securitiesClassTitle")),
        "reporting_persons": persons,
    }
