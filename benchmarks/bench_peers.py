#!/usr/bin/env python3
"""sec13d against the tools users would otherwise use, on the same XML files, in one run.

Peers (edgartools, datamule) live in their own venv OUTSIDE the repository (created on first
use, default /root/.cache/sec13d/peers-venv) and every measurement runs in a subprocess, so
nothing of theirs is ever imported next to sec13d, and nothing of ours becomes a dependency.

Each worker reads all files into memory, parses each once to warm up, then times best-of-N
rounds over all files on a single thread: file in memory -> the library's Python object.

    python benchmarks/bench_peers.py                      # corpus: $SEC13D_CORPUS or ../shared/corpus
    python benchmarks/bench_peers.py --sec13d-python .venv/bin/python --json peers.json

The inputs are the XML documents of corpus/xml: each `*.xml` (a primary_doc.xml) as is, and
the text between <XML> and </XML> of each `*.txt` full submission. sec13d gets the same bytes.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PEERS = {"edgartools": "edgartools==5.62.1", "datamule": "datamule==5.0.2"}
DEFAULT_VENV = Path(os.environ.get("SEC13D_PEERS_VENV", "/root/.cache/sec13d/peers-venv"))

# Runs inside the measured interpreter: argv = [tool, rounds, listfile]; prints one JSON line.
WORKER = r"""
import json, sys, time, gc
tool, rounds, listfile = sys.argv[1], int(sys.argv[2]), sys.argv[3]
paths = [l for l in open(listfile, encoding="utf-8").read().splitlines() if l]
docs = [open(p, "rb").read() for p in paths]
is_g = [b"schedule13g" in d.lower() or b"SCHEDULE 13G" in d for d in docs]

if tool == "sec13d":
    import sec13d
    version = getattr(sec13d, "__version__", "?")
    def parse(d, g):
        return sec13d.parse_13d(d)
elif tool == "edgartools":
    import os
    os.environ.setdefault("EDGAR_IDENTITY", "sec13d benchmarks bench@example.com")
    from edgar.beneficial_ownership import Schedule13D, Schedule13G
    import importlib.metadata as md
    version = md.version("edgartools")
    def parse(d, g):
        return (Schedule13G if g else Schedule13D).parse_xml(d.decode("utf-8", "replace"))
elif tool == "datamule":
    from datamule import Document
    import importlib.metadata as md
    version = md.version("datamule")
    def parse(d, g):
        doc = Document(type="SCHEDULE 13G" if g else "SCHEDULE 13D", content=d,
                       filename="primary_doc.xml", accession="0000000000-00-000000", filing_date=None)
        return doc.tables
else:
    raise SystemExit(f"unknown tool {tool}")

ok, failed, first_error = 0, 0, None
for d, g in zip(docs, is_g):  # warm-up, and which files the tool accepts
    try:
        parse(d, g); ok += 1
    except Exception as e:
        failed += 1
        first_error = first_error or f"{type(e).__name__}: {e}"[:200]
best = float("inf")
for _ in range(rounds):
    gc.collect()
    t0 = time.perf_counter()
    for d, g in zip(docs, is_g):
        try:
            parse(d, g)
        except Exception:
            pass
    best = min(best, time.perf_counter() - t0)
print(json.dumps({"tool": tool, "version": version, "files": len(docs), "bytes": sum(map(len, docs)),
                  "best_s": best, "ok": ok, "failed": failed, "first_error": first_error}))
"""


def corpus_dir(arg: str | None) -> Path:
    d = Path(arg or os.environ.get("SEC13D_CORPUS") or REPO.parent / "shared" / "corpus")
    if not (d / "xml").is_dir():
        sys.exit(f"no corpus at {d} (pass --corpus or set SEC13D_CORPUS)")
    return d


def xml_inputs(corpus: Path, workdir: Path) -> list[Path]:
    """The XML documents: *.xml as is, and <XML>...</XML> cut out of each *.txt submission."""
    out = []
    for p in sorted((corpus / "xml").iterdir()):
        if p.suffix.lower() == ".xml":
            out.append(p)
        elif p.suffix.lower() in (".txt", ".nc"):
            m = re.search(rb"<XML>\s*(.*?)\s*</XML>", p.read_bytes(), re.S | re.I)
            if m:
                q = workdir / (p.stem + ".primary_doc.xml")
                q.write_bytes(m.group(1))
                out.append(q)
    return out


def ensure_venv(venv: Path) -> Path:
    py = venv / "bin" / "python"
    if not py.exists():
        print(f"creating peers venv {venv}", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    missing = [
        spec
        for name, spec in PEERS.items()
        if subprocess.run(
            [str(py), "-c", f"import importlib.metadata as m; m.version({name!r})"], capture_output=True
        ).returncode
        != 0
    ]
    if missing:
        print(f"installing {' '.join(missing)} into {venv}", file=sys.stderr)
        subprocess.run([str(py), "-m", "pip", "install", "-q", *missing], check=True)
    return py


def run(python: str, tool: str, rounds: int, listfile: Path) -> dict:
    env = dict(
        os.environ,
        EDGAR_IDENTITY=os.environ.get("EDGAR_IDENTITY", "sec13d benchmarks bench@example.com"),
        RAYON_NUM_THREADS="1",
        POLARS_MAX_THREADS="1",
    )
    r = subprocess.run(
        [python, "-c", WORKER, tool, str(rounds), str(listfile)],
        capture_output=True,
        text=True,
        env=env,
        cwd=tempfile.gettempdir(),
    )
    if r.returncode != 0:
        return {"tool": tool, "error": (r.stderr.strip().splitlines() or ["failed"])[-1]}
    return json.loads(r.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus")
    ap.add_argument("--venv", type=Path, default=DEFAULT_VENV, help="peers' venv, outside the repo")
    ap.add_argument("--sec13d-python", default=sys.executable, help="an interpreter where `import sec13d` works")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--tools", default="sec13d,edgartools,datamule")
    ap.add_argument("--json", type=Path, help="write the results here too")
    args = ap.parse_args()

    corpus = corpus_dir(args.corpus)
    tools = [t.strip() for t in args.tools.split(",") if t.strip()]
    peers_py = str(ensure_venv(args.venv)) if any(t in PEERS for t in tools) else None
    with tempfile.TemporaryDirectory(prefix="sec13d-peers-") as tmp:
        files = xml_inputs(corpus, Path(tmp))
        listfile = Path(tmp) / "files.txt"
        listfile.write_text("\n".join(map(str, files)), encoding="utf-8")
        results = [run(peers_py if t in PEERS else args.sec13d_python, t, args.rounds, listfile) for t in tools]

    base = next((r for r in results if r.get("tool") == "sec13d" and "best_s" in r), None)
    print(f"{len(files)} XML documents from {corpus / 'xml'}; single thread, in memory, best of {args.rounds}")
    print(f"{'tool':<12}{'version':<10}{'ok/files':>10}{'MB/s':>10}{'files/s':>10}{'sec13d x':>10}")
    for r in results:
        if "best_s" not in r:
            print(f"{r['tool']:<12}unavailable: {r.get('error')}")
            continue
        mbs = r["bytes"] / r["best_s"] / 1e6
        fps = r["files"] / r["best_s"]
        r.update(mb_per_s=mbs, files_per_s=fps)
        ratio = r["best_s"] / base["best_s"] if base else None
        r["sec13d_speedup"] = ratio
        print(
            f"{r['tool']:<12}{r['version']:<10}{str(r['ok']) + '/' + str(r['files']):>10}{mbs:>10.1f}{fps:>10.0f}"
            f"{(f'{ratio:.1f}x' if ratio else '-'):>10}"
        )
        if r.get("first_error"):
            print(f"{'':<12}first error: {r['first_error']}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
