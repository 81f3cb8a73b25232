#!/usr/bin/env bash
# Every check: formatting, lints, Rust tests (core, no Python), type stubs, Python tests.
# Run after `pip install -e '.[test]'` (see README). Fails on the first failing step.
set -euo pipefail
cd "$(dirname "$0")/.."
export SEC13D_CORPUS="${SEC13D_CORPUS:-$(cd .. && pwd)/shared/corpus}"

echo "== cargo fmt / clippy"
cargo fmt --check
cargo clippy --all-targets -- -D warnings
cargo clippy --lib --features python -- -D warnings

echo "== cargo test (core)"
cargo test

echo "== ruff"
ruff check python tests benchmarks
ruff format --check python tests benchmarks

echo "== stubtest (python/sec13d/_core.pyi matches the compiled module)"
python -m mypy.stubtest sec13d._core --allowlist scripts/stubtest-allowlist.txt

echo "== pytest"
python -m pytest -q
