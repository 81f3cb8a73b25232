"""Batches: parse_many, iter_parse and write_parquet, with a progress bar."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Literal, TypeAlias

from sec13d import _core

Source: TypeAlias = "str | bytes | os.PathLike[str]"
Sources: TypeAlias = "Source | Iterable[Source]"
ProgressArg: TypeAlias = "bool | None | Callable[[int, int | None], object]"


class ProgressBar:
    """A one-line progress bar on stderr (terminal and notebook alike), throttled."""

    def __init__(self, label: str = "sec13d") -> None:
        self.label = label
        self.start = time.monotonic()
        self.last = 0.0
        self.shown = False

    def __call__(self, done: int, total: int | None) -> None:
        now = time.monotonic()
        if done and now - self.last < 0.2 and done != total:
            return
        self.last = now
        rate = done / max(now - self.start, 1e-9)
        if total:
            filled = int(30 * done / total)
            bar = f"[{'#' * filled}{'.' * (30 - filled)}] {done}/{total}"
        else:
            bar = f"{done} files"
        sys.stderr.write(f"\r{self.label}: {bar} ({rate:,.0f} files/s)")
        sys.stderr.flush()
        self.shown = True
        if total is not None and done >= total:
            sys.stderr.write("\n")


def _progress(progress: ProgressArg) -> Callable[[int, int | None], object] | None:
    """None = automatic: a bar when stderr is a terminal or a notebook."""
    if progress is None:
        interactive = sys.stderr.isatty() or "ipykernel" in sys.modules
        return ProgressBar() if interactive else None
    if progress is True:
        return ProgressBar()
    if progress is False:
        return None
    return progress


def parse_many(
    sources: Sources,
    *,
    threads: int | None = None,
    on_error: Literal["collect", "skip", "raise"] = "collect",
    progress: ProgressArg = None,
    keep_text: bool = True,
) -> _core.Filings:
    """Parse many filings on all cores; one broken file never costs the others.

    ``sources`` is a path, directory (walked recursively), glob pattern, ``.tar``/``.tar.gz``/
    ``.zip`` archive (members streamed, never extracted), ``bytes``, or an iterable of these.
    ``on_error="collect"`` keeps failures in ``Filings.errors`` / ``errors_df()``; ``"skip"``
    drops them; ``"raise"`` raises ``ParseError`` for the first. ``progress`` is ``None``
    (a bar in terminals and notebooks), ``True``/``False``, or a callable ``(done, total)``.
    A path that does not exist raises ``FileNotFoundError`` before any work.
    ``keep_text=False`` drops each filing's item texts, source spans and raw SEC header once it
    is parsed: the tables are the same, and a kept filing takes a fraction of the memory (for
    batches of 100,000+ filings held in memory; ``iter_parse`` bounds memory whatever the size).

    >>> import sec13d
    >>> batch = sec13d.parse_many([sec13d.example_path()], progress=False)
    >>> len(batch), batch.holdings_df().height
    (1, 2)
    """
    return _core._parse_many(
        sources, threads=threads, on_error=on_error, progress=_progress(progress), keep_text=keep_text
    )


def iter_parse(
    sources: Sources,
    *,
    chunk_size: int = 1000,
    threads: int | None = None,
    progress: ProgressArg = None,
    keep_text: bool = True,
) -> Iterator[_core.Filings]:
    """Parse ``sources`` ``chunk_size`` at a time, yielding one ``Filings`` per chunk.

    Memory is bounded by the chunk, not the corpus: use it for corpora larger than memory.
    ``keep_text=False`` drops item texts and source spans as in ``parse_many``.
    """
    return _core._iter_parse(
        sources, chunk_size=chunk_size, threads=threads, progress=_progress(progress), keep_text=keep_text
    )


TABLES = ("holdings", "trades", "filings", "issues", "errors")


def write_parquet(
    sources: Sources,
    out_dir: str | os.PathLike[str],
    *,
    chunk_size: int = 1000,
    threads: int | None = None,
    progress: ProgressArg = None,
) -> dict[str, int]:
    """Parse ``sources`` in chunks and write ``holdings``/``trades``/``filings``/``issues``/
    ``errors`` tables as Parquet parts (``out_dir/holdings/part-00000.parquet``, ...) as it goes.

    Returns the number of rows written per table. Read a table back with
    ``polars.read_parquet(out_dir / "holdings")``.
    """
    out = Path(out_dir)
    for name in TABLES:
        (out / name).mkdir(parents=True, exist_ok=True)
    rows = dict.fromkeys(TABLES, 0)
    # The tables need no item texts or spans: drop them as each filing is parsed.
    chunks = iter_parse(sources, chunk_size=chunk_size, threads=threads, progress=progress, keep_text=False)
    for i, chunk in enumerate(chunks):
        frames = {
            "holdings": chunk.holdings_df(),
            "trades": chunk.trades_df(),
            "filings": chunk.filings_df(),
            "issues": chunk.issues_df(),
            "errors": chunk.errors_df(),
        }
        for name, df in frames.items():
            df.write_parquet(out / name / f"part-{i:05d}.parquet")
            rows[name] += df.height
    return rows
