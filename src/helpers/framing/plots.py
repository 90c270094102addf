"""Plots of the framing aggregates."""

from __future__ import annotations

import numpy as np
import pandas as pd


def plot_group_intervals(ax, table: pd.DataFrame, order: list, value: str = "share", n_col: str = "n_articles",
                         title: str | None = None, colour: str | None = None, percent: bool = True,
                         min_articles: int = 1) -> None:
    """Dot-and-whisker panel: one row per group in ``order`` (top to bottom) with its ``value`` and ``low``–``high``
    interval; the number of articles behind each dot is written at the right edge (``n=…``). Groups with fewer
    than ``min_articles`` articles are drawn hollow (too few to compare)."""
    import matplotlib.transforms as transforms

    sub = table.set_index("group").reindex(order)
    y = np.arange(len(order))[::-1]
    scale = 100.0 if percent else 1.0
    values = sub[value].to_numpy(dtype=float) * scale
    low = sub["low"].to_numpy(dtype=float) * scale
    high = sub["high"].to_numpy(dtype=float) * scale
    n = sub[n_col].fillna(0).to_numpy(dtype=int)
    enough = n >= min_articles
    ax.hlines(y, low, high, color=colour or "#0072B2", linewidth=1.6)
    ax.plot(values[enough], y[enough], "o", color=colour or "#0072B2", markersize=5)
    ax.plot(values[~enough], y[~enough], "o", markerfacecolor="white", color=colour or "#0072B2", markersize=5)
    ax.set_yticks(y)
    ax.set_yticklabels([str(g) for g in order])
    ax.set_ylim(-0.7, len(order) - 0.3)
    ax.grid(axis="y", visible=False)
    blend = transforms.blended_transform_factory(ax.transAxes, ax.transData)
    for yi, ni in zip(y, n):
        ax.text(1.01, yi, f"n={ni:,}", transform=blend, va="center", ha="left", fontsize=7, color="#555555")
    if percent:
        ax.set_xlim(0, 100)
        ax.set_xlabel("% (95 % interval)")
    if title:
        ax.set_title(title, fontsize=10)
