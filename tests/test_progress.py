"""Progress bars: drawn for corpus-scale loops, silent under tests and automation (HELPERS_PROGRESS=0)."""

from __future__ import annotations

import os
import subprocess
import sys

from helpers import progress as progress_module
from helpers.progress import progress


def _run(monkeypatch, capsys, flag):
    monkeypatch.delenv("TQDM_DISABLE", raising=False)  # papermill runs in this process set it
    if flag is None:
        monkeypatch.delenv("HELPERS_PROGRESS", raising=False)
    else:
        monkeypatch.setenv("HELPERS_PROGRESS", flag)
    capsys.readouterr()
    assert sum(progress(range(50), desc="articles")) == sum(range(50))
    return capsys.readouterr()


def test_silent_under_tests(monkeypatch, capsys):
    captured = _run(monkeypatch, capsys, None)
    assert captured.err == "" and captured.out == ""
    assert not progress_module.enabled()


def test_silent_when_switched_off(monkeypatch, capsys):
    captured = _run(monkeypatch, capsys, "0")
    assert captured.err == "" and captured.out == ""
    items = [1, 2, 3]
    assert progress(items) is items  # no wrapper at all


def test_bar_when_switched_on(monkeypatch, capsys):
    captured = _run(monkeypatch, capsys, "1")
    assert "articles" in captured.err and "50/50" in captured.err, captured.err
    assert captured.out == ""


def test_bar_in_a_terminal_run_by_default():
    env = {k: v for k, v in os.environ.items()
           if k not in {"HELPERS_PROGRESS", "TQDM_DISABLE", "PYTEST_CURRENT_TEST"}}
    code = "from helpers.progress import progress\nfor _ in progress(range(20), desc='sentences'): pass\n"
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "sentences" in result.stderr and "20/20" in result.stderr
