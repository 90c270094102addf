"""Intervals: the one place for the resampling and the intervals the notebooks report.

There is one bootstrap. ``bootstrap(data, statistic, clusters=None, n_boot, seed, level)`` resamples whole
clusters (articles, pages) with replacement, because the items of one cluster are not independent: the claims of
one page share its phrasing, the sentences of one article its tone. ``data`` has one row per item and one column
per count (true positives, matches, words, …) or is one value per item; items are summed per cluster
(``clusters=None``: every item is its own cluster). Each resample is a vector of cluster weights (how often each
cluster was drawn), so the resampled column totals are one matrix product and any statistic of totals (a
precision, a rate, shares, a mean = sum / count) is a function of them. ``statistic`` maps those totals to the
statistic (scalar or one value per column); the estimate is the same function on the observed totals and the
interval the percentile interval of the resampled values (resamples where the statistic is undefined, e.g. a
precision with nothing predicted, are left out).

- ``resampled_totals(counts, n_boot, rng)``: the resampling itself (column totals of every resample); a seed
  gives the same draws whatever the chunking, so ``n_boot`` resamples of ``n`` clusters always use the same
  ``n_boot × n`` integers of the seed's stream.
- ``bootstrap_mean(values, clusters)``: the mean of one value per item (``bootstrap`` of sum / count; NaN
  interval below 2 items or clusters); ``resampled_means(matrix, n_boot, rng)`` the bootstrap means of many rows
  of equal length at once (per-article tone, rows sharing the draws).
- ``wilson_interval(k, n)``: the Wilson score interval of a proportion (scipy's ``binomtest(k, n).proportion_ci``).
- ``subsample(n, size, seed)``: sorted indices of a seeded sample without replacement (the fitting sample of
  large corpora).
- ``ratio`` and ``f1_from_counts``: element-wise statistics of totals that are 0 in some resamples.
"""

from __future__ import annotations

import warnings
from typing import Callable

import numpy as np
import pandas as pd

__all__ = ["bootstrap", "bootstrap_mean", "f1_from_counts", "percentile_interval", "ratio", "resampled_means",
           "resampled_totals", "subsample", "wilson_interval"]

# resampling weights are built in chunks of at most this many cells (n_boot × clusters), ~16 MB of float64
_CHUNK_CELLS = 2_000_000


def resampled_totals(counts, n_boot: int = 1000, rng=0) -> np.ndarray:
    """Column totals of ``counts`` (one row per cluster; 1-D for one column) in each of ``n_boot`` resamples of
    its rows with replacement: shape ``(n_boot, columns)`` (``(n_boot,)`` for 1-D input).

    ``rng`` is a seed or a ``numpy.random.Generator`` (which advances, for callers that draw several sets).
    Resample ``b`` draws ``n`` row numbers; the totals are ``weights @ counts`` with ``weights[b, i]`` the number
    of times row ``i`` was drawn.
    """
    counts = np.asarray(counts, dtype=float)
    flat = counts.ndim == 1
    matrix = counts[:, None] if flat else counts
    n = len(matrix)
    rng = np.random.default_rng(rng)
    out = np.empty((n_boot, matrix.shape[1]))
    step = max(1, _CHUNK_CELLS // max(1, n))
    for lo in range(0, n_boot, step):
        size = min(n_boot, lo + step) - lo
        picks = rng.integers(0, n, size=(size, n))
        weights = np.bincount((picks + n * np.arange(size)[:, None]).ravel(), minlength=size * n)
        out[lo:lo + size] = weights.reshape(size, n) @ matrix
    return out[:, 0] if flat else out


def percentile_interval(draws, level: float = 0.95):
    """``(low, high)``: the percentile interval of ``draws`` along its first axis, NaN draws left out (an
    undefined statistic in every resample gives a NaN interval)."""
    alpha = (1 - level) / 2
    with np.errstate(invalid="ignore"), warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="All-NaN slice")
        low, high = np.nanquantile(np.asarray(draws, dtype=float), [alpha, 1 - alpha], axis=0)
    return low, high


def bootstrap(data, statistic: Callable | None = None, clusters=None, n_boot: int = 1000, seed=0,
              level: float = 0.95, min_clusters: int = 1):
    """``(estimate, low, high)`` of ``statistic`` with a percentile interval (``level``) over ``n_boot``
    resamples of whole clusters.

    ``data``: a DataFrame or 2-D array with one row per item and one column per count, or 1-D values. With
    ``clusters`` (one label per row) the rows are summed per cluster first; without, every row is a cluster
    (a table of per-cluster counts is passed as it is). ``statistic`` receives the resampled totals, shape
    ``(n_boot, …)``: a dict of column name -> totals for a DataFrame, the totals array otherwise, and returns one
    value per resample (or a row of values, e.g. shares of several categories). Default: the mean of 1-D values
    (``sum / count``). ``seed``: an integer or a Generator. Fewer than ``min_clusters`` clusters give NaN bounds
    (the estimate is the statistic of zero totals when there are none). Deterministic for an integer seed.
    """
    columns = list(data.columns) if isinstance(data, pd.DataFrame) else None
    values = np.asarray(data, dtype=float)
    if statistic is None:
        if values.ndim != 1:
            raise ValueError("bootstrap: pass a statistic for a table of counts (the default is the mean of 1-D values)")
        values = np.column_stack([values, np.ones(len(values))])
        statistic = _mean_of_sum_and_count
        columns = None
    if clusters is not None:
        codes, uniques = pd.factorize(pd.Series(list(clusters)), sort=True)
        columns_of = values[:, None] if values.ndim == 1 else values
        summed = np.column_stack([np.bincount(codes, weights=col, minlength=len(uniques)) for col in columns_of.T])
        values = summed[:, 0] if values.ndim == 1 else summed

    def apply(totals):
        if columns is not None:
            totals = {c: totals[:, j] for j, c in enumerate(columns)}
        return np.asarray(statistic(totals), dtype=float)

    with np.errstate(invalid="ignore", divide="ignore"):
        estimate = apply(values.sum(axis=0, keepdims=True))[0]
    if len(values) < max(1, min_clusters):
        return _scalar(estimate), _scalar(np.full_like(estimate, np.nan)), _scalar(np.full_like(estimate, np.nan))
    with np.errstate(invalid="ignore", divide="ignore"):
        draws = apply(resampled_totals(values, n_boot, seed))
    low, high = percentile_interval(draws, level)
    return _scalar(estimate), _scalar(low), _scalar(high)


def _mean_of_sum_and_count(totals: np.ndarray) -> np.ndarray:
    return totals[:, 0] / totals[:, 1]


def _scalar(x):
    x = np.asarray(x, dtype=float)
    return float(x) if x.ndim == 0 else x


def bootstrap_mean(values, clusters=None, n_boot: int = 1000, seed=0, level: float = 0.95):
    """Mean of ``values`` and its percentile bootstrap interval: ``(mean, low, high)``.

    With ``clusters`` (e.g. article ids) whole clusters are resampled, which keeps the interval honest when
    sentences of one article resemble each other. NaN interval for fewer than 2 values (or clusters).
    """
    return bootstrap(np.asarray(values, dtype=float), clusters=clusters, n_boot=n_boot, seed=seed, level=level,
                     min_clusters=2)


def resampled_means(matrix: np.ndarray, n_boot: int, rng) -> np.ndarray:
    """Bootstrap means of every row of ``matrix`` (rows of equal length ``n``, resampled with the same draws):
    shape ``(rows, n_boot)``. The columns are the clusters of ``resampled_totals``."""
    matrix = np.asarray(matrix, dtype=float)
    return resampled_totals(matrix.T, n_boot, rng).T / matrix.shape[1]


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


def wilson_interval(k, n, level: float = 0.95):
    """Wilson score interval for ``k`` successes out of ``n`` (arrays allowed): ``(low, high)``, NaN where ``n``
    is 0. Computed by ``scipy.stats.binomtest(k, n).proportion_ci(method="wilson")``."""
    from scipy.stats import binomtest

    k, n = np.broadcast_arrays(np.asarray(k), np.asarray(n))
    low, high = np.full(k.shape, np.nan), np.full(k.shape, np.nan)
    for index in np.ndindex(k.shape):
        if n[index] > 0:
            ci = binomtest(int(k[index]), int(n[index])).proportion_ci(confidence_level=level, method="wilson")
            low[index], high[index] = ci.low, ci.high
    return (low, high) if k.ndim else (float(low), float(high))


def subsample(n: int, size: int, seed=0) -> np.ndarray:
    """Sorted indices of ``size`` of ``n`` rows drawn without replacement (all ``n`` rows when ``size >= n``)."""
    if size >= n:
        return np.arange(n)
    return np.sort(np.random.default_rng(seed).choice(n, size, replace=False))
