"""Tests for helpers.stats: the one home of intervals (cluster bootstrap, bootstrap mean, Wilson)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from helpers.stats import bootstrap_mean, cluster_bootstrap, resampled_means, wilson_interval


def test_wilson_interval_bounds_and_empty_cells():
    low, high = wilson_interval(np.array([0, 5, 10, 0]), np.array([10, 10, 10, 0]))
    assert low[0] == 0 and 0 < low[1] < 0.5 < high[1] < 1 and high[2] == pytest.approx(1)
    assert np.isnan(low[3]) and np.isnan(high[3])


def test_bootstrap_mean_small_samples_and_seeded():
    assert all(np.isnan(x) for x in bootstrap_mean([]))
    mean, low, high = bootstrap_mean([0.3])
    assert mean == 0.3 and np.isnan(low) and np.isnan(high)
    values = np.linspace(-1, 1, 50)
    assert bootstrap_mean(values, n_boot=300, seed=1) == bootstrap_mean(values, n_boot=300, seed=1)


def test_clustered_bootstrap_mean_is_the_ratio_of_resampled_cluster_sums():
    """The clustered bootstrap mean resamples the same clusters as cluster_bootstrap (same draws for a seed) and
    gives the same interval as cluster_bootstrap of sum / count."""
    rng = np.random.default_rng(5)
    clusters = np.repeat(np.arange(30), rng.integers(1, 6, size=30))
    values = rng.normal(size=len(clusters))
    _, low, high = bootstrap_mean(values, clusters, n_boot=400, seed=2)
    frame = pd.DataFrame({"c": clusters, "v": values}).groupby("c")["v"].agg(["sum", "count"])
    low2, high2 = cluster_bootstrap(frame, lambda t: t["sum"] / t["count"], n_boot=400, seed=2)
    assert low == pytest.approx(low2, abs=1e-9) and high == pytest.approx(high2, abs=1e-9)


def test_resampled_means_shape_and_centre():
    matrix = np.vstack([np.zeros(10), np.ones(10)])
    out = resampled_means(matrix, 50, np.random.default_rng(0))
    assert out.shape == (2, 50) and (out[0] == 0).all() and (out[1] == 1).all()
