"""Parse and validate SEC Schedule 13D/13G beneficial-ownership filings, every era.

>>> import sec13d
>>> filing = sec13d.parse_13d(sec13d.example_path())
>>> filing.issuer.name
'Aadi Bioscience, Inc.'
>>> filing.holdings_df().select("name", "aggregate_amount", "percent_of_class").row(0)
('BML Investment Partners, L.P.', 2100000.0, 8.5)
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from sec13d._batch import iter_parse, parse_many, write_parquet
from sec13d._core import (
    Address,
    Entity,
    Exhibit,
    Filer,
    Filings,
    FilingsIterator,
    FormerName,
    Header,
    HeaderAddress,
    Issue,
    Issuer,
    ParseError,
    ReportingPerson,
    Schedule13D,
    Schedule13DError,
    Signature,
    Span,
    Trade,
    ValidationError,
    __version__,
    parse_13d,
    validate,
)

__all__ = [
    "Address",
    "Entity",
    "Exhibit",
    "Filer",
    "Filings",
    "FilingsIterator",
    "FormerName",
    "Header",
    "HeaderAddress",
    "Issue",
    "Issuer",
    "ParseError",
    "ReportingPerson",
    "Schedule13D",
    "Schedule13DError",
    "Signature",
    "Span",
    "Trade",
    "ValidationError",
    "__version__",
    "example_path",
    "iter_parse",
    "parse_13d",
    "parse_many",
    "validate",
    "write_parquet",
]


def example_path() -> Path:
    """The path of the sample filing bundled with the package (a Schedule 13D, XML era)."""
    return Path(str(resources.files("sec13d") / "data" / "example_13d.xml"))
