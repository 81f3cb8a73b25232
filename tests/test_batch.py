"""Batches: directories, archives, broken files, errors, streaming and Parquet output."""

from __future__ import annotations

import pickle
import shutil
import tarfile
import zipfile
from pathlib import Path

import polars as pl
import pytest
import sec13d


@pytest.fixture()
def mixed(tmp_path: Path, corpus: Path) -> Path:
    """A folder with XML, a legacy submission, a broken file, a tar.gz and a zip."""
    xml = sorted((corpus / "xml").glob("*.xml"))[:4]
    root = tmp_path / "mixed"
    (root / "sub").mkdir(parents=True)
    shutil.copy(xml[0], root / xml[0].name)
    shutil.copy(corpus / "text" / "liveperson_sc-13d-a_seed.txt", root / "sub" / "liveperson.txt")
    (root / "sub" / "broken.txt").write_bytes(b"<DOCUMENT>\n<TYPE>SC 13D\n<TEXT>\nnever closed")
    with tarfile.open(root / "feed.tar.gz", "w:gz") as tar:
        tar.add(xml[1], arcname=f"a/{xml[1].name}")
        tar.add(xml[2], arcname=xml[2].name)
    with zipfile.ZipFile(root / "more.zip", "w") as z:
        z.write(xml[3], arcname=xml[3].name)
    return root


def test_mixed_directory_and_archives(mixed: Path) -> None:
    batch = sec13d.parse_many(mixed, progress=False)
    assert len(batch) == 5
    assert any("#" in s for s in batch.sources), "archive members are named archive#member"
    errors = batch.errors_df()
    assert errors.height == 1
    assert errors["source"][0].endswith("broken.txt")
    assert "unterminated <DOCUMENT>" in errors["message"][0]
    holdings = batch.holdings_df()
    assert "Austin W. Marx and David M. Greenhouse" in holdings["name"].to_list() or holdings.height >= 5
    filings = batch.filings_df()
    assert filings.height == 5 and "source" in filings.columns
    assert filings.schema["persons_count"] == pl.Int64
    assert filings.schema["amendment_number"] == pl.Int64
    # A batch pickles with its filings and its error records.
    again = pickle.loads(pickle.dumps(batch))
    assert again.filings == batch.filings
    assert again.sources == batch.sources and again.errors == batch.errors
    assert again.holdings_df().equals(holdings)


def test_keep_text_false_keeps_the_tables(mixed: Path) -> None:
    full = sec13d.parse_many(mixed, progress=False)
    lean = sec13d.parse_many(mixed, progress=False, keep_text=False)
    for table in ("holdings_df", "trades_df", "filings_df", "errors_df"):
        assert getattr(lean, table)().equals(getattr(full, table)()), table
    assert lean.issues_df()["code"].to_list() == full.issues_df()["code"].to_list()
    assert any(f.items for f in full.filings) and any(f.spans for f in full.filings)
    assert all(not f.items and not f.spans and f.header is None for f in lean.filings)


def test_one_and_two_threads_agree(mixed: Path) -> None:
    one = sec13d.parse_many(mixed, threads=1, progress=False)
    two = sec13d.parse_many(mixed, threads=2, progress=False)
    assert one.sources == two.sources
    assert one.filings == two.filings


def test_on_error_modes(mixed: Path) -> None:
    assert sec13d.parse_many(mixed, on_error="skip", progress=False).errors == []
    with pytest.raises(sec13d.ParseError, match="broken.txt"):
        sec13d.parse_many(mixed, on_error="raise", progress=False)
    with pytest.raises(ValueError, match="on_error"):
        sec13d.parse_many(mixed, on_error="ignore", progress=False)  # type: ignore[arg-type]


def test_empty_directory_and_missing_path(tmp_path: Path) -> None:
    empty = sec13d.parse_many(tmp_path, progress=False)
    assert len(empty) == 0 and empty.errors == []
    assert empty.holdings_df().height == 0 and "aggregate_amount" in empty.holdings_df().columns
    with pytest.raises(FileNotFoundError, match="nope"):
        sec13d.parse_many(tmp_path / "nope", progress=False)


def test_bytes_and_glob_sources(corpus: Path) -> None:
    data = [p.read_bytes() for p in sorted((corpus / "xml").glob("*.xml"))[:3]] + [b"junk"]
    batch = sec13d.parse_many(data, progress=False)
    assert len(batch) == 3 and len(batch.errors) == 1
    globbed = sec13d.parse_many(str(corpus / "xml" / "0000*.xml"), progress=False)
    assert len(globbed) == len(list((corpus / "xml").glob("0000*.xml")))


def test_progress_callback(mixed: Path) -> None:
    calls: list[tuple[int, int | None]] = []
    sec13d.parse_many(mixed, progress=lambda done, total: calls.append((done, total)))
    assert calls[0] == (0, None) and calls[-1] == (6, 6)  # 5 filings + 1 broken file


def test_iter_parse_and_write_parquet(corpus: Path, tmp_path: Path) -> None:
    chunks = list(sec13d.iter_parse(corpus / "xml", chunk_size=25, progress=False))
    assert [len(c) for c in chunks][:3] == [25, 25, 25]
    assert sum(len(c) for c in chunks) == len(list((corpus / "xml").iterdir()))
    rows = sec13d.write_parquet(corpus / "xml", tmp_path / "out", chunk_size=40, progress=False)
    holdings = pl.read_parquet(tmp_path / "out" / "holdings")
    assert holdings.height == rows["holdings"] > 90
    assert pl.read_parquet(tmp_path / "out" / "filings").height == rows["filings"]


def test_module_level_progress_bar_writes_stderr(corpus: Path, capsys) -> None:
    sec13d.parse_many(corpus / "xml", progress=True)
    assert "files/s" in capsys.readouterr().err


def test_cli_directory_to_parquet(mixed: Path, tmp_path: Path) -> None:
    from sec13d.cli import main

    out, trades = tmp_path / "h.parquet", tmp_path / "t.parquet"
    assert main(["parse", str(mixed), "--out", str(out), "--trades", str(trades), "--no-progress"]) == 1
    assert pl.read_parquet(out).height >= 5
    assert "shares" in pl.read_parquet(trades).columns
