"""Property tests: any input gives a Schedule13D or a ParseError, nothing else."""

from __future__ import annotations

import sec13d
from hypothesis import given, settings
from hypothesis import strategies as st

TOKENS = [
    "<DOCUMENT>",
    "</DOCUMENT>",
    "<TEXT>",
    "</TEXT>",
    "<TYPE>SC 13G\n",
    "<XML>",
    "<edgarSubmission>",
    "<formData>",
    "</formData>",
    "</edgarSubmission>",
    "SCHEDULE 13D",
    "(Name of Issuer)",
    "CUSIP No. 538146101",
    "(11) AGGREGATE AMOUNT BENEFICIALLY OWNED ",
    "1,234,567",
    "-0-",
    "5.2%",
    "<td>",
    "</tr>",
    "\u00fe",
    "&nbsp;",
    "\n",
]


def _check(data: bytes | str) -> None:
    try:
        filing = sec13d.parse_13d(data)
    except sec13d.ParseError as exc:
        assert str(exc)
        return
    assert filing.schedule in ("13D", "13G")
    filing.to_dict()
    filing.holdings_df()


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2048))
def test_any_bytes(data: bytes) -> None:
    _check(data)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(TOKENS), max_size=80))
def test_markup_soup(parts: list[str]) -> None:
    _check("".join(parts))
