"""Outlet (or any group) aggregation of the framing tables, with cluster-bootstrap intervals over articles."""

from __future__ import annotations

import numpy as np
import pandas as pd

from helpers.framing.tables import _wide


def group_shares(
    long: pd.DataFrame,
    groups: pd.Series,
    column: str,
    categories: list[str] | None = None,
    seed: int = 0,
    n_boot: int = 1000,
    level: float = 0.95,
) -> pd.DataFrame:
    """Share of each category among a group's items (e.g. the share of an outlet's attributions that cite a
    Ukrainian source), with a cluster-bootstrap interval that resamples articles within the group (items from
    one article are not independent).

    ``long`` has one row per item with ``article_id`` and ``column``; ``groups`` maps ``article_id`` (its index)
    to a group (e.g. outlet). Returns ``group, category, share, low, high, items, n_articles`` where
    ``n_articles`` counts the group's articles with at least one item and ``items`` the items behind the cell.
    """
    if categories is None:
        categories = sorted(long[column].dropna().unique().tolist())
    wide = _wide(long, pd.Index(groups.index), column, categories)
    rng = np.random.default_rng(seed)
    alpha = (1 - level) / 2
    rows = []
    for group, ids in groups.groupby(groups, sort=True).groups.items():
        counts = wide.loc[ids].to_numpy()
        counts = counts[counts.sum(axis=1) > 0]
        n = len(counts)
        totals = counts.sum(axis=0)
        if n == 0:
            for category in categories:
                rows.append((group, category, np.nan, np.nan, np.nan, 0, 0))
            continue
        weights = rng.multinomial(n, np.full(n, 1 / n), size=n_boot)
        boot = weights @ counts
        boot = boot / boot.sum(axis=1, keepdims=True)
        low = np.quantile(boot, alpha, axis=0)
        high = np.quantile(boot, 1 - alpha, axis=0)
        share = totals / totals.sum()
        for j, category in enumerate(categories):
            rows.append((group, category, share[j], low[j], high[j], int(totals.sum()), n))
    return pd.DataFrame(rows, columns=["group", "category", "share", "low", "high", "items", "n_articles"])


def group_rates(
    counts: pd.Series,
    words: pd.Series,
    groups: pd.Series,
    per: float = 1000.0,
    seed: int = 0,
    n_boot: int = 1000,
    level: float = 0.95,
) -> pd.DataFrame:
    """Rate per ``per`` words of a group (sum of counts / sum of words), with a cluster-bootstrap interval over
    the group's articles. All three Series share the article index. Returns ``group, rate, low, high, count,
    words, n_articles``."""
    rng = np.random.default_rng(seed)
    alpha = (1 - level) / 2
    frame = pd.DataFrame({"c": counts.astype(float), "w": words.astype(float), "g": groups})
    frame = frame[frame["w"] > 0]
    rows = []
    for group, part in frame.groupby("g", sort=True):
        c, w = part["c"].to_numpy(), part["w"].to_numpy()
        n = len(part)
        weights = rng.multinomial(n, np.full(n, 1 / n), size=n_boot)
        boot = per * (weights @ c) / (weights @ w)
        rows.append((group, per * c.sum() / w.sum(), np.quantile(boot, alpha), np.quantile(boot, 1 - alpha), int(c.sum()), int(w.sum()), n))
    return pd.DataFrame(rows, columns=["group", "rate", "low", "high", "count", "words", "n_articles"])


# precision on the hand-labelled sample
