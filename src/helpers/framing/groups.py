"""Outlet (or any group) aggregation of the framing tables, with cluster-bootstrap intervals over articles
(``helpers.stats.bootstrap``, seeded by ``seed`` in every group, so a group's interval does not depend on which
other groups are in the table)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from helpers.framing.tables import _wide
from helpers.stats import bootstrap


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
    rows = []
    for group, ids in groups.groupby(groups, sort=True).groups.items():
        counts = wide.loc[ids].to_numpy()
        counts = counts[counts.sum(axis=1) > 0]
        n = len(counts)
        if n == 0:
            for category in categories:
                rows.append((group, category, np.nan, np.nan, np.nan, 0, 0))
            continue
        share, low, high = bootstrap(counts, _shares, n_boot=n_boot, seed=seed, level=level)
        for j, category in enumerate(categories):
            rows.append((group, category, share[j], low[j], high[j], int(counts.sum()), n))
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
    frame = pd.DataFrame({"c": counts.astype(float), "w": words.astype(float), "g": groups})
    frame = frame[frame["w"] > 0]
    rows = []
    for group, part in frame.groupby("g", sort=True):
        rate, low, high = bootstrap(part[["c", "w"]], lambda t: per * t["c"] / t["w"], n_boot=n_boot, seed=seed,
                                    level=level)
        rows.append((group, rate, low, high, int(part["c"].sum()), int(part["w"].sum()), len(part)))
    return pd.DataFrame(rows, columns=["group", "rate", "low", "high", "count", "words", "n_articles"])


# precision on the hand-labelled sample


def _shares(totals: np.ndarray) -> np.ndarray:
    """Each category's share of the resampled item totals (rows: resamples, columns: categories)."""
    return totals / totals.sum(axis=1, keepdims=True)
