#!/usr/bin/env python3
"""Synthetic scale run: the corpus replicated to N files (default 100,000) in a temporary
folder, parsed by `sec13d.parse_many` (all in one Filings; `parse_many_lean` with
`keep_text=False`) and by `sec13d.iter_parse` (chunks, nothing kept), each in its own
subprocess so its peak RSS is its own.

    python benchmarks/scale.py                       # 100,000 files, all cores
    python benchmarks/scale.py --n 20000 --threads 1 --json scale.json

Reports files/s, MB/s and peak RSS (resource.getrusage, ru_maxrss) per mode. Files are hard
links to the corpus (copies where linking fails), spread over folders of 1,000, so the run
measures parsing and the directory walk, not the disk. Every corpus format is replicated
(`--formats`); files that do not parse are counted as errors, not dropped.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EXTS = {".txt", ".nc", ".xml", ".htm", ".html"}


def corpus_dir(arg: str | None) -> Path:
    d = Path(arg or os.environ.get("SEC13D_CORPUS") or REPO.parent / "shared" / "corpus")
    if not d.is_dir():
        sys.exit(f"no corpus at {d} (pass --corpus or set SEC13D_CORPUS)")
    return d


def replicate(corpus: Path, formats: list[str], n: int, dest: Path) -> tuple[int, int]:
    """Fill dest with n files cycling over the corpus files; returns (files, bytes)."""
    src = sorted(p for f in formats for p in (corpus / f).glob("*") if p.suffix.lower() in EXTS and p.is_file())
    if not src:
        sys.exit(f"no corpus files in {corpus} for formats {formats}")
    total = 0
    for i in range(n):
        p = src[i % len(src)]
        sub = dest / f"{i // 1000:04d}"
        if i % 1000 == 0:
            sub.mkdir(parents=True, exist_ok=True)
        q = sub / f"{i:07d}_{p.name}"
        try:
            os.link(p, q)
        except OSError:
            shutil.copyfile(p, q)
        total += p.stat().st_size
    return n, total


def peak_rss_mb() -> float:
    # Linux reports kilobytes, macOS bytes.
    r = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return r / (1 << 20) if sys.platform == "darwin" else r / 1024


def child(mode: str, folder: str, threads: int | None, chunk_size: int) -> None:
    """One measured run: `parse_many`, `parse_many_lean` (keep_text=False) or `iter_parse`."""
    import sec13d

    base_rss = peak_rss_mb()
    t0 = time.perf_counter()
    filings = errors = holdings = 0
    if mode in ("parse_many", "parse_many_lean"):
        lean = {"keep_text": False} if mode == "parse_many_lean" else {}
        res = sec13d.parse_many(folder, threads=threads, on_error="collect", progress=False, **lean)
        filings = len(res.filings)
        holdings = res.holdings_df().height
        errors = res.errors_df().height
    else:
        try:
            chunks = sec13d.iter_parse(folder, chunk_size=chunk_size, threads=threads, progress=False)
        except TypeError:  # an API without threads/progress on the streaming form
            chunks = sec13d.iter_parse(folder, chunk_size=chunk_size)
        for chunk in chunks:
            filings += len(chunk.filings)
            holdings += chunk.holdings_df().height
            errors += chunk.errors_df().height
    dt = time.perf_counter() - t0
    print(
        json.dumps(
            {
                "mode": mode,
                "seconds": dt,
                "filings": filings,
                "errors": errors,
                "holdings": holdings,
                "rss_after_import_mb": base_rss,
                "peak_rss_mb": peak_rss_mb(),
            }
        )
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus")
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--threads", type=int, default=None)
    ap.add_argument("--chunk-size", type=int, default=1000)
    ap.add_argument("--formats", default="xml,sgml_txt,html,text")
    ap.add_argument("--modes", default="parse_many,parse_many_lean,iter_parse")
    ap.add_argument("--workdir", type=Path, help="where to build the replicated folder (default: a temp dir)")
    ap.add_argument("--keep", action="store_true", help="keep the replicated folder")
    ap.add_argument("--json", type=Path)
    ap.add_argument("--child", nargs=2, metavar=("MODE", "FOLDER"), help=argparse.SUPPRESS)
    args = ap.parse_args()

    if args.child:
        child(args.child[0], args.child[1], args.threads, args.chunk_size)
        return

    corpus = corpus_dir(args.corpus)
    tmp = Path(tempfile.mkdtemp(prefix="sec13d-scale-", dir=args.workdir))
    try:
        t0 = time.perf_counter()
        files, size = replicate(corpus, [f.strip() for f in args.formats.split(",")], args.n, tmp)
        print(f"{files} files, {size / 1e6:.0f} MB in {tmp} ({time.perf_counter() - t0:.1f} s to build)")
        results = []
        for mode in [m.strip() for m in args.modes.split(",") if m.strip()]:
            cmd = [sys.executable, __file__, "--child", mode, str(tmp), "--chunk-size", str(args.chunk_size)]
            if args.threads:
                cmd += ["--threads", str(args.threads)]
            r = subprocess.run(cmd, capture_output=True, text=True)
            if r.returncode != 0:
                print(f"{mode}: failed\n{r.stderr[-2000:]}")
                continue
            res = json.loads(r.stdout.strip().splitlines()[-1])
            res.update(
                files=files,
                bytes=size,
                threads=args.threads or os.cpu_count(),
                files_per_s=files / res["seconds"],
                mb_per_s=size / res["seconds"] / 1e6,
            )
            results.append(res)
            print(
                f"{mode:<11} {res['seconds']:7.1f} s  {res['files_per_s']:8.0f} files/s  {res['mb_per_s']:6.1f} MB/s"
                f"  peak RSS {res['peak_rss_mb']:.0f} MB  ({res['filings']} filings, {res['errors']} errors,"
                f" {res['holdings']} holdings rows)"
            )
        if args.json:
            args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
