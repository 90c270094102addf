"""Tests for helpers.topics.similarity: cosine similarity, near-duplicate pairs, group similarity."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from helpers import topics
from topic_corpora import CORPUS


def test_similarity_and_near_duplicates_dense_and_sparse_agree():
    docs = CORPUS + [CORPUS[0] + " Photo: Getty Images."]
    matrix, vocab = topics.tfidf_matrix(docs)
    dense = topics.similarity(matrix)
    assert dense.shape == (10, 10)
    np.testing.assert_allclose(np.diag(dense), 1.0)
    np.testing.assert_allclose(dense, dense.T)
    pairs = topics.near_duplicates(dense, 0.8)
    assert list(pairs[["doc_a", "doc_b"]].itertuples(index=False, name=None)) == [(0, 9)]
    sparse_sim = topics.similarity(matrix, threshold=0.8, chunk_size=3)
    pairs_sparse = topics.near_duplicates(sparse_sim, 0.8)
    pd.testing.assert_frame_equal(pairs, pairs_sparse, check_dtype=False)
    named = topics.near_duplicates(dense, 0.8, ids=[f"a{i}" for i in range(10)])
    assert named.iloc[0]["doc_a"] == "a0" and named.iloc[0]["doc_b"] == "a9"


def test_group_similarity_equals_mean_of_pairwise_similarities():
    matrix, _ = topics.tfidf_matrix(CORPUS)
    groups = ["war"] * 3 + ["energy"] * 3 + ["aid"] * 3
    table = topics.group_similarity(matrix, groups)
    dense = topics.similarity(matrix)
    assert list(table.index) == ["aid", "energy", "war"]
    assert table.loc["war", "energy"] == pytest.approx(dense[0:3, 3:6].mean())
    within = dense[0:3, 0:3][~np.eye(3, dtype=bool)].mean()
    assert table.loc["war", "war"] == pytest.approx(within)
    assert table.loc["war", "war"] > table.loc["war", "energy"]
