"""Command line: ``sec13d parse FILE... [--format table|json|csv|parquet] [--out PATH]``."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

import polars as pl

import sec13d


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="sec13d", description="Parse and validate SEC Schedule 13D/13G filings.")
    parser.add_argument("--version", action="version", version=f"sec13d {sec13d.__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("parse", help="parse filings and print or write their holdings")
    p.add_argument(
        "files",
        nargs="*",
        type=Path,
        help="filings (.txt/.nc, .xml, .htm, .txt), directories, globs, .tar/.tar.gz/.zip archives",
    )
    p.add_argument("--threads", type=int, default=None, help="worker threads (default: all cores)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.add_argument("--example", action="store_true", help="parse the sample filing bundled with sec13d")
    p.add_argument(
        "--format",
        choices=["table", "json", "csv", "parquet"],
        default=None,
        help="output format (default: table, or from the --out suffix)",
    )
    p.add_argument("--out", type=Path, help="write the holdings (or JSON) here instead of stdout")
    p.add_argument("--trades", type=Path, help="also write the Item 5(c) trades table here")
    p.add_argument("--strict", action="store_true", help="treat validation errors as failures")
    return parser


def _format_for(args: argparse.Namespace) -> str:
    if args.format:
        return str(args.format)
    if args.out is not None and args.out.suffix.lower() in {".csv", ".parquet", ".json"}:
        return args.out.suffix.lower()[1:]
    return "table"


def _write(df: pl.DataFrame, path: Path | None, fmt: str) -> None:
    if fmt == "parquet":
        if path is None:
            raise SystemExit("sec13d: --format parquet needs --out PATH")
        df.write_parquet(path)
    elif path is None:
        sys.stdout.write(_flat(df).write_csv())
    else:
        _flat(df).write_csv(path)


def _flat(df: pl.DataFrame) -> pl.DataFrame:
    """CSV cannot hold lists: join code lists with ';'."""
    lists = [name for name, dtype in df.schema.items() if isinstance(dtype, pl.List)]
    return df.with_columns(pl.col(name).list.join(";") for name in lists)


def _print_table(filing: sec13d.Schedule13D) -> None:
    issuer = filing.issuer
    cusips = ", ".join(issuer.cusips) or "-"
    print(
        f"{filing.form_type or filing.schedule}  {issuer.name or '?'}  CUSIP {cusips}"
        f"  event {filing.event_date or '-'}  filed {filing.filed_date or '-'}"
    )
    cols = [
        "name",
        "sole_voting_power",
        "shared_voting_power",
        "sole_dispositive_power",
        "shared_dispositive_power",
        "aggregate_amount",
        "percent_of_class",
    ]
    with pl.Config(
        tbl_rows=100,
        tbl_cols=len(cols),
        tbl_width_chars=160,
        fmt_str_lengths=40,
        fmt_float="full",
        thousands_separator=",",
    ):
        print(filing.holdings_df().select(cols))
        if filing.trades:
            print(filing.trades_df().select("reporting_person", "trade_date", "side", "shares", "price"))
    for issue in filing.issues:
        print(f"  {issue.severity}: [{issue.code}] {issue.message}")


def main(argv: Sequence[str] | None = None) -> int:
    args = _build_parser().parse_args(argv)
    files: list[Path] = list(args.files)
    if args.example:
        files.append(sec13d.example_path())
    if not files:
        print("sec13d parse: give FILE... or --example", file=sys.stderr)
        return 2
    fmt = _format_for(args)
    try:
        batch = sec13d.parse_many(
            [str(f) for f in files], threads=args.threads, progress=False if args.no_progress else None
        )
    except (OSError, ValueError) as exc:
        print(f"sec13d: {exc}", file=sys.stderr)
        return 2
    filings = batch.filings
    failed = len(batch.errors)
    for source, kind, message in batch.errors:
        print(f"{source}: {kind}: {message}", file=sys.stderr)
    if args.strict:
        for source, filing in zip(batch.sources, filings, strict=True):
            for issue in filing.issues:
                if issue.severity == "error":
                    failed += 1
                    print(f"{source}: [{issue.code}] {issue.message}", file=sys.stderr)
    if fmt == "table":
        for filing in filings:
            _print_table(filing)
    elif fmt == "json":
        text = json.dumps([json.loads(f.to_json()) for f in filings], indent=2)
        if args.out is None:
            print(text)
        else:
            args.out.write_text(text)
    else:
        _write(batch.holdings_df(), args.out, fmt)
    if args.trades is not None:
        _write(batch.trades_df(), args.trades, "parquet" if args.trades.suffix == ".parquet" else "csv")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
