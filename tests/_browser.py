"""Shared by the browser tests: find the system Chromium (never downloaded) and launch it headless.

Locally the tests skip when ``/usr/bin/chromium`` is absent; in CI (``CI`` set) they fail instead, because
``.ci/run`` installs Debian's ``chromium`` first.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic",
                 "--no-first-run", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]


def chromium_path() -> str:
    """The system Chromium, or skip (locally) / fail (in CI)."""
    for candidate in (os.environ.get("HELPERS_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).exists():
            return candidate
    message = "Chromium is not installed (apt-get install chromium); the real-browser tests need it"
    if os.environ.get("CI"):
        pytest.fail(message + " — in CI .ci/run installs it")
    pytest.skip(message)


def launch(playwright):
    """A headless Chromium from the system package, no browser download, no background network."""
    return playwright.chromium.launch(executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS)
