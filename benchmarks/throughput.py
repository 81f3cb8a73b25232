#!/usr/bin/env python3
"""End-to-end Python throughput of sec13d over the corpus, per format.

For each corpus folder (xml, sgml_txt, html, text): files read into memory, then best of N
rounds of ``sec13d.parse_13d(bytes)`` on one thread (file in memory -> Python Schedule13D),
and ``sec13d.parse_many`` on the same bytes with 1 thread and with all cores.

    python benchmarks/throughput.py [--corpus DIR] [--rounds 3]
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

import sec13d

REPO = Path(__file__).resolve().parent.parent


def best(rounds: int, fn) -> float:
    times = []
    for _ in range(rounds):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def parse_each(docs: list[bytes]) -> None:
    for d in docs:
        try:
            sec13d.parse_13d(d)
        except sec13d.ParseError:
            pass


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default=os.environ.get("SEC13D_CORPUS", str(REPO.parent / "shared" / "corpus")))
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    corpus = Path(args.corpus)
    cores = os.cpu_count() or 1
    print(f"{'format':<9} {'files':>5} {'MB':>6}  {'parse_13d 1 thread':>24}  {'parse_many 1':>12}  {'all cores':>14}")
    for fmt in ("xml", "sgml_txt", "html", "text"):
        docs = [p.read_bytes() for p in sorted((corpus / fmt).iterdir()) if p.is_file()]
        mb = sum(map(len, docs)) / 1e6
        parse_each(docs)  # warm up
        single = best(args.rounds, lambda docs=docs: parse_each(docs))
        many1 = best(args.rounds, lambda docs=docs: sec13d.parse_many(docs, threads=1, progress=False))
        many = best(args.rounds, lambda docs=docs: sec13d.parse_many(docs, threads=cores, progress=False))
        print(
            f"{fmt:<9} {len(docs):>5} {mb:>6.2f}  {mb / single:>8.1f} MB/s {len(docs) / single:>7.0f} files/s"
            f"  {mb / many1:>7.1f} MB/s  {mb / many:>9.1f} MB/s ({many1 / many:.2f}x on {cores} cores)"
        )


if __name__ == "__main__":
    main()
