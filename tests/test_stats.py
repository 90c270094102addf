"""Tests for helpers.stats: the one bootstrap (any statistic of resampled cluster totals), Wilson, subsample."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from helpers.stats import (bootstrap, bootstrap_mean, f1_from_counts, percentile_interval, ratio, resampled_means,
                           resampled_totals, subsample, wilson_interval)


def test_wilson_interval_bounds_and_empty_cells():
    low, high = wilson_interval(np.array([0, 5, 10, 0]), np.array([10, 10, 10, 0]))
    assert low[0] == 0 and 0 < low[1] < 0.5 < high[1] < 1 and high[2] == pytest.approx(1)
    assert np.isnan(low[3]) and np.isnan(high[3])


def test_wilson_interval_matches_the_score_formula():
    """Wilson (1927): centre (p + z²/2n) / (1 + z²/n), half-width z √(p(1-p)/n + z²/4n²) / (1 + z²/n)."""
    k, n, z = 3, 7, 1.959963984540054
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    assert wilson_interval(k, n) == pytest.approx((centre - half, centre + half), abs=1e-12)


def test_resampled_totals_are_the_totals_of_the_drawn_rows_whatever_the_chunking(monkeypatch):
    counts = np.arange(12, dtype=float).reshape(6, 2)
    picks = np.random.default_rng(4).integers(0, 6, size=(50, 6))
    expected = counts[picks].sum(axis=1)
    assert np.array_equal(resampled_totals(counts, 50, 4), expected)
    monkeypatch.setattr("helpers.stats._CHUNK_CELLS", 7)  # one resample per chunk: the same stream of draws
    assert np.array_equal(resampled_totals(counts, 50, 4), expected)
    assert np.array_equal(resampled_totals(counts[:, 0], 50, 4), expected[:, 0])  # 1-D in, 1-D out


def test_bootstrap_of_a_counts_table_statistic_of_named_totals():
    """A precision over pages: the estimate is the pooled precision, the interval that of the resampled pooled
    precisions; resamples with nothing predicted (undefined precision) are left out."""
    pages = pd.DataFrame({"tp": [3, 0, 5, 1, 0], "fp": [1, 0, 0, 2, 0]})
    precision = lambda t: ratio(t["tp"], t["tp"] + t["fp"])  # noqa: E731
    value, low, high = bootstrap(pages, precision, n_boot=400, seed=3)
    assert value == pytest.approx(9 / 12)
    totals = resampled_totals(pages.to_numpy(), 400, 3)
    draws = ratio(totals[:, 0], totals.sum(axis=1))
    assert (low, high) == pytest.approx(tuple(np.nanquantile(draws, [0.025, 0.975])))
    assert low < value < high
    assert bootstrap(pages, precision, n_boot=400, seed=3) == (value, low, high)  # seeded
    assert np.isnan(bootstrap(pages.iloc[:0], precision)[1])
    # F1 of no pages at all is the statistic of zero totals (1: nothing to find, nothing predicted)
    assert bootstrap(pages.iloc[:0].assign(fn=[]), lambda t: f1_from_counts(t["tp"], t["fp"], t["fn"]))[0] == 1


def test_bootstrap_vector_statistic_gives_one_interval_per_column():
    counts = np.array([[2, 0], [1, 1], [0, 3], [4, 1]], dtype=float)
    share, low, high = bootstrap(counts, lambda t: t / t.sum(axis=1, keepdims=True), n_boot=300, seed=0)
    assert share == pytest.approx([7 / 12, 5 / 12])
    assert np.all(low <= share) and np.all(share <= high)
    assert low[0] + high[1] == pytest.approx(1) and low[1] + high[0] == pytest.approx(1)  # shares sum to 1


def test_bootstrap_mean_small_samples_and_seeded():
    assert all(np.isnan(x) for x in bootstrap_mean([]))
    mean, low, high = bootstrap_mean([0.3])
    assert mean == 0.3 and np.isnan(low) and np.isnan(high)
    values = np.linspace(-1, 1, 50)
    assert bootstrap_mean(values, n_boot=300, seed=1) == bootstrap_mean(values, n_boot=300, seed=1)
    mean, low, high = bootstrap_mean([1.0, 1.0, 2.0, 2.0], clusters=["a", "a", "b", "b"])
    assert mean == 1.5 and (low, high) == (1.0, 2.0)  # two clusters: a resample is all a, all b or both


def test_clustered_bootstrap_mean_is_the_ratio_of_resampled_cluster_sums():
    rng = np.random.default_rng(5)
    clusters = np.repeat(np.arange(30), rng.integers(1, 6, size=30))
    values = rng.normal(size=len(clusters))
    _, low, high = bootstrap_mean(values, clusters, n_boot=400, seed=2)
    frame = pd.DataFrame({"c": clusters, "v": values}).groupby("c")["v"].agg(["sum", "count"])
    picks = np.random.default_rng(2).integers(0, 30, size=(400, 30))
    draws = frame["sum"].to_numpy()[picks].sum(axis=1) / frame["count"].to_numpy()[picks].sum(axis=1)
    assert (low, high) == pytest.approx(tuple(np.quantile(draws, [0.025, 0.975])), abs=1e-12)


def test_item_bootstrap_mean_is_the_clustered_one_with_one_item_per_cluster():
    values = np.random.default_rng(8).normal(size=40)
    assert bootstrap_mean(values, seed=6) == pytest.approx(bootstrap_mean(values, np.arange(40), seed=6))


def test_resampled_means_shape_centre_and_shared_draws():
    matrix = np.vstack([np.zeros(10), np.ones(10), np.arange(10.0)])
    out = resampled_means(matrix, 50, np.random.default_rng(0))
    assert out.shape == (3, 50) and (out[0] == 0).all() and (out[1] == 1).all()
    picks = np.random.default_rng(0).integers(0, 10, size=(50, 10))
    assert out[2] == pytest.approx(picks.mean(axis=1))  # row values 0..9: the mean of the drawn positions


def test_percentile_interval_leaves_out_undefined_draws():
    low, high = percentile_interval(np.array([np.nan, 1.0, 2.0, 3.0, np.nan]), level=0.5)
    assert (low, high) == (1.5, 2.5)
    low, high = percentile_interval(np.full(4, np.nan))
    assert np.isnan(low) and np.isnan(high)


def test_subsample_sorted_without_replacement_and_seeded():
    rows = subsample(1000, 50, seed=3)
    assert len(set(rows)) == 50 and np.all(np.diff(rows) > 0) and rows.max() < 1000
    assert np.array_equal(rows, np.sort(np.random.default_rng(3).choice(1000, 50, replace=False)))
    assert np.array_equal(subsample(5, 10), np.arange(5))
