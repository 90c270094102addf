"""Intervals: one place for the resampling the notebooks report.

``cluster_bootstrap(counts, statistic)`` resamples whole clusters (articles, pages, outlets) with replacement,
because the items of one cluster are not independent: the claims of one page share its phrasing, the sentences of
one article its tone. ``counts`` has one row per cluster and one column per count (true positives, matches, …);
``statistic`` maps a dict of column totals (arrays, one value per resample) to the statistic.

``bootstrap_mean(values, clusters)`` is the mean of one value per item with a percentile interval, resampling
items or whole clusters; ``resampled_means`` the bootstrap means of many rows at once (per-article tone).
``wilson_interval(k, n)`` is the Wilson score interval of a proportion (precision on a labelled sample).
"""

from __future__ import annotations

from typing import Callable

import numpy as np
import pandas as pd

__all__ = ["bootstrap_mean", "cluster_bootstrap", "f1_from_counts", "ratio", "resampled_means", "wilson_interval"]


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


def bootstrap_mean(values, clusters=None, n_boot: int = 1000, seed: int = 0, level: float = 0.95):
    """Mean of ``values`` and its percentile bootstrap interval: ``(mean, low, high)``.

    With ``clusters`` (e.g. article ids) whole clusters are resampled, which keeps the interval honest when
    sentences of one article resemble each other. NaN interval for fewer than 2 values (or clusters).
    """
    values = np.asarray(values, dtype=float)
    if values.size == 0:
        return np.nan, np.nan, np.nan
    mean = float(values.mean())
    rng = np.random.default_rng(seed)
    alpha = (1 - level) / 2
    if clusters is None:
        if values.size < 2:
            return mean, np.nan, np.nan
        draws = resampled_means(values[None, :], n_boot, rng)[0]
    else:
        codes, uniques = pd.factorize(pd.Series(list(clusters)), sort=True)
        if len(uniques) < 2:
            return mean, np.nan, np.nan
        sums = np.bincount(codes, weights=values, minlength=len(uniques))
        counts = np.bincount(codes, minlength=len(uniques)).astype(float)
        draws = np.empty(n_boot)
        step = max(1, 2_000_000 // len(uniques))
        for lo in range(0, n_boot, step):
            hi = min(n_boot, lo + step)
            idx = rng.integers(0, len(uniques), size=(hi - lo, len(uniques)))
            draws[lo:hi] = sums[idx].sum(axis=1) / counts[idx].sum(axis=1)
    low, high = np.quantile(draws, [alpha, 1 - alpha])
    return mean, float(low), float(high)


def resampled_means(matrix: np.ndarray, n_boot: int, rng) -> np.ndarray:
    """Bootstrap means of every row of ``matrix`` (rows of equal length): shape (rows, n_boot)."""
    rows, n = matrix.shape
    out = np.empty((rows, n_boot))
    step = max(1, 4_000_000 // max(1, rows * n))
    for lo in range(0, n_boot, step):
        hi = min(n_boot, lo + step)
        idx = rng.integers(0, n, size=(hi - lo, n))
        out[:, lo:hi] = matrix[:, idx].mean(axis=2)
    return out


def wilson_interval(k, n, level: float = 0.95):
    """Wilson score interval for ``k`` successes out of ``n`` (arrays allowed); NaN where ``n`` is 0."""
    from scipy.stats import norm

    k = np.asarray(k, dtype=float)
    n = np.asarray(n, dtype=float)
    z = norm.ppf(0.5 + level / 2)
    with np.errstate(invalid="ignore", divide="ignore"):
        p = k / n
        centre = (p + z * z / (2 * n)) / (1 + z * z / n)
        half = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return centre - half, centre + half
