"""Shared fixtures. Tests that read ../shared skip cleanly when it is absent (a user's fresh clone)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HELPERS_PROGRESS", "0")

from helpers import paths  # noqa: E402


@pytest.fixture(scope="session")
def shared() -> Path:
    """The ../shared folder, or skip."""
    if not paths.SHARED.is_dir():
        pytest.skip("../shared is absent (development data); this test needs it")
    return paths.SHARED


@pytest.fixture(scope="session")
def media_corpus(shared) -> Path:
    path = shared / "corpora" / "ukraine_media_2022.csv.gz"
    if not path.exists():
        pytest.skip(f"{path.name} is absent from ../shared")
    return path


@pytest.fixture(scope="session")
def headlines_corpus(shared) -> Path:
    path = shared / "corpora" / "cnn_live_headlines.csv.gz"
    if not path.exists():
        pytest.skip(f"{path.name} is absent from ../shared")
    return path


@pytest.fixture(scope="session")
def seeds():
    """The default corpus, loaded once per test session."""
    from helpers.corpus import load_corpus

    return load_corpus(paths.DATA_RAW)
