"""Bad input gets a ParseError (a ValueError), never a crash or a hang."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import sec13d


@pytest.mark.parametrize(
    "data",
    [b"", b"   \n", os.urandom(4096), b"\x00\xff" * 1000, b"<edgarSubmission><formData>", b"<foo/>"],
    ids=["empty", "blank", "random", "binary", "truncated-xml", "other-xml"],
)
def test_bad_bytes(data: bytes) -> None:
    with pytest.raises(sec13d.ParseError) as info:
        sec13d.parse_13d(data)
    assert isinstance(info.value, ValueError)
    assert isinstance(info.value, sec13d.Schedule13DError)


def test_ten_k_is_named() -> None:
    doc = (
        b"<SEC-DOCUMENT>x.txt : 20200101\n<SEC-HEADER>x.hdr.sgml : 20200101\n"
        b"CONFORMED SUBMISSION TYPE:\t10-K\n</SEC-HEADER>\n<DOCUMENT>\n<TYPE>10-K\n<SEQUENCE>1\n"
        b"<TEXT>\nANNUAL REPORT\n</TEXT>\n</DOCUMENT>\n</SEC-DOCUMENT>\n"
    )
    with pytest.raises(sec13d.ParseError, match="not a Schedule 13D/13G filing: the document type is 10-K"):
        sec13d.parse_13d(doc)


def test_unterminated_document_has_position() -> None:
    with pytest.raises(sec13d.ParseError, match="unterminated <DOCUMENT>") as info:
        sec13d.parse_13d(b"\n\n<DOCUMENT>\n<TYPE>SC 13D\n<TEXT>\nSCHEDULE 13D\n")
    assert info.value.line == 3
    assert info.value.kind == "malformed"


def test_fifty_megabytes_of_junk() -> None:
    junk = (b"lorem ipsum 12,345 shares <td>x</td> | --- |\n" * 1_200_000)[: 50 * 1024 * 1024]
    with pytest.raises(sec13d.ParseError):
        sec13d.parse_13d(junk)


def test_missing_file_is_oserror(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        sec13d.parse_13d(tmp_path / "nope.txt")


def test_str_path_hint(tmp_path: Path) -> None:
    p = tmp_path / "f.txt"
    p.write_text("hello")
    with pytest.raises(sec13d.ParseError, match="pass a pathlib.Path"):
        sec13d.parse_13d(str(p))
