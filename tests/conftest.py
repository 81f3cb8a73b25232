"""Shared fixtures: the corpus beside the repo (../shared/corpus, or $SEC13D_CORPUS)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def corpus_dir() -> Path:
    return Path(os.environ.get("SEC13D_CORPUS", REPO.parent / "shared" / "corpus"))


def samples_dir() -> Path:
    return corpus_dir().parent / "spec" / "samples"


@pytest.fixture(scope="session")
def corpus() -> Path:
    path = corpus_dir()
    if not path.is_dir():
        pytest.skip(f"corpus not found at {path}: set SEC13D_CORPUS or place shared/ beside the repo")
    return path


@pytest.fixture(scope="session")
def samples() -> Path:
    path = samples_dir()
    if not path.is_dir():
        pytest.skip(f"SEC spec samples not found at {path}: place shared/ beside the repo")
    return path
