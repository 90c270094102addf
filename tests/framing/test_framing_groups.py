"""Tests for helpers.framing.groups: outlet shares and rates with intervals from helpers.stats.bootstrap."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import helpers.framing as F
from helpers.stats import bootstrap

LONG = pd.DataFrame({"article_id": [1, 1, 2, 3, 3, 3, 4, 5, 6, 6],
                     "side": ["a", "b", "a", "b", "b", "a", "a", "b", "a", "a"]})
GROUPS = pd.Series(["x", "x", "y", "y", "x", "x"], index=[1, 2, 3, 4, 5, 6])


def test_group_share_interval_is_the_bootstrap_of_its_articles_counts():
    table = F.group_shares(LONG, GROUPS, "side", ["a", "b"], seed=4, n_boot=300)
    x = table[table["group"] == "x"].set_index("category")
    counts = np.array([[1, 1], [1, 0], [0, 1], [2, 0]], dtype=float)  # articles 1, 2, 5, 6 of outlet x
    share, low, high = bootstrap(counts, lambda t: t / t.sum(axis=1, keepdims=True), n_boot=300, seed=4)
    assert x["share"].tolist() == pytest.approx(list(share)) and share[0] == pytest.approx(4 / 6)
    assert x["low"].tolist() == pytest.approx(list(low)) and x["high"].tolist() == pytest.approx(list(high))
    assert x["n_articles"].eq(4).all() and x["items"].eq(6).all()


def test_a_groups_interval_does_not_depend_on_the_other_groups():
    both = F.group_shares(LONG, GROUPS, "side", ["a", "b"], seed=0, n_boot=300)
    only_x = F.group_shares(LONG, GROUPS[GROUPS == "x"], "side", ["a", "b"], seed=0, n_boot=300)
    pd.testing.assert_frame_equal(both[both["group"] == "x"].reset_index(drop=True), only_x)


def test_group_rates_pool_counts_over_words_and_resample_articles():
    counts = pd.Series([1, 0, 4, 2, 3], index=list("abcde"))
    words = pd.Series([100, 200, 400, 0, 300], index=list("abcde"))
    groups = pd.Series(["p", "p", "q", "q", "q"], index=list("abcde"))
    table = F.group_rates(counts, words, groups, seed=2, n_boot=200).set_index("group")
    assert table.loc["p", "rate"] == pytest.approx(1000 * 1 / 300)
    assert table.loc["q", "n_articles"] == 2 and table.loc["q", "words"] == 700  # no words: left out
    rate, low, high = bootstrap(pd.DataFrame({"c": [4.0, 3.0], "w": [400.0, 300.0]}),
                                lambda t: 1000 * t["c"] / t["w"], n_boot=200, seed=2)
    assert table.loc["q", ["rate", "low", "high"]].tolist() == pytest.approx([rate, low, high])
    assert rate == low == high == 10.0  # both articles have 10 per 1,000 words: no spread to resample
