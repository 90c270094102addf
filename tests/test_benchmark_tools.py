"""The benchmark's arithmetic (not its timings): exponent fits, the scaled corpora's splice, the CPU counter."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from benchmarks import run


def _results(rows):
    return pd.DataFrame(rows, columns=run.RESULT_COLUMNS)


def test_exponents_fit_scaled_corpora_only():
    rows = []
    for n in (1000, 10000, 100000):
        rows.append([f"scaled-{n}", n, "linear", 2e-4 * n, 100.0])
        rows.append([f"scaled-{n}", n, "quadratic", 1e-8 * n**2, 100.0])
        rows.append([f"scaled-{n}", n, "constant", 1.0, 100.0])
    rows.append(["real", 12293, "linear", 500.0, 100.0])  # a different corpus: must not bend the fit
    k = run.exponents(_results(rows))
    assert k["linear"] == pytest.approx(1.0)
    assert k["quadratic"] == pytest.approx(2.0)
    assert abs(k["constant"]) < 1e-9


def test_exponents_fall_back_to_all_corpora_with_one_scaled_size():
    rows = [["real", 10000, "load", 2.0, 1.0], ["scaled-1000", 1000, "load", 0.2, 1.0]]
    assert run.exponents(_results(rows))["load"] == pytest.approx(1.0)


def test_halves_cut_at_a_sentence_end_and_keep_every_character():
    text = "First sentence here. Second one follows. Third sentence ends it. Fourth closes."
    first, second = run._halves(text)
    assert first + second == text
    assert first.rstrip().endswith(".") and first and second


def test_process_cpu_seconds_grows_with_work():
    before = run._process_cpu_seconds()
    np.linalg.svd(np.random.default_rng(0).random((300, 300)))
    sum(i * i for i in range(300_000))
    assert run._process_cpu_seconds() > before
