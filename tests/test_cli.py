"""The command line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import polars as pl
import sec13d
from sec13d.cli import main


def test_example_table(capsys) -> None:
    assert main(["parse", "--example"]) == 0
    out = capsys.readouterr().out
    assert "Aadi Bioscience" in out and "2,435,000" in out


def test_json_and_parquet(tmp_path: Path, capsys) -> None:
    assert main(["parse", "--example", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data[0]["issuer"]["name"] == "Aadi Bioscience, Inc."
    out = tmp_path / "h.parquet"
    assert main(["parse", str(sec13d.example_path()), "--out", str(out)]) == 0
    assert pl.read_parquet(out)["aggregate_amount"].to_list() == [2100000.0, 2435000.0]


def test_csv_and_failure_exit(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"not a filing")
    out = tmp_path / "h.csv"
    assert main(["parse", str(sec13d.example_path()), str(bad), "--out", str(out)]) == 1
    assert "BML Investment Partners" in out.read_text()


def test_module_entry_point() -> None:
    r = subprocess.run(
        [sys.executable, "-m", "sec13d", "parse", "--example", "--format", "csv"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert r.stdout.startswith("accession_number,form_type")
