"""Intervals: one place for the resampling the notebooks report.

``cluster_bootstrap(counts, statistic)`` resamples whole clusters (articles, pages, outlets) with replacement,
because the items of one cluster are not independent: the claims of one page share its phrasing, the sentences of
one article its tone. ``counts`` has one row per cluster and one column per count (true positives, matches, …);
``statistic`` maps a dict of column totals (arrays, one value per resample) to the statistic.
"""

from __future__ import annotations

from typing import Callable

import numpy as np
import pandas as pd

__all__ = ["cluster_bootstrap", "f1_from_counts", "ratio"]


def cluster_bootstrap(counts: pd.DataFrame, statistic: Callable[[dict], np.ndarray], n_boot: int = 1000,
                      seed: int = 0, level: float = 0.95) -> tuple[float, float]:
    """Percentile interval (``level``) of ``statistic`` over ``n_boot`` resamples of the rows of ``counts``.

    Returns ``(nan, nan)`` when there are no clusters. Deterministic for a given ``seed``.
    """
    matrix = counts.to_numpy(dtype=float)
    n = len(matrix)
    if n == 0:
        return float("nan"), float("nan")
    rng = np.random.default_rng(seed)
    picks = rng.integers(0, n, size=(n_boot, n))
    weights = np.zeros((n_boot, n))
    np.add.at(weights, (np.repeat(np.arange(n_boot), n), picks.ravel()), 1.0)
    totals = weights @ matrix
    values = np.asarray(statistic({c: totals[:, j] for j, c in enumerate(counts.columns)}), dtype=float)
    tail = (1 - level) / 2 * 100
    with np.errstate(invalid="ignore"):
        low, high = np.nanpercentile(values, [tail, 100 - tail])
    return float(low), float(high)


def ratio(numerator, denominator) -> np.ndarray:
    """``numerator / denominator`` element-wise, NaN where the denominator is 0."""
    numerator, denominator = np.asarray(numerator, float), np.asarray(denominator, float)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(denominator > 0, numerator / np.where(denominator > 0, denominator, 1), np.nan)


def f1_from_counts(tp, fp, fn) -> np.ndarray:
    """F1 from true positive, false positive and false negative counts (1 when there is nothing to find or
    predict, as for a passage set of negatives only)."""
    tp, fp, fn = (np.asarray(x, float) for x in (tp, fp, fn))
    denominator = 2 * tp + fp + fn
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(denominator > 0, 2 * tp / np.where(denominator > 0, denominator, 1), 1.0)
