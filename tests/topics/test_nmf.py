"""Tests for helpers.topics.nmf: deterministic topics, labels, coherence, choosing k, prevalence, the sampled fit."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import sparse

from helpers import topics
from helpers.topics import nmf
from topic_corpora import CORPUS, larger_corpus, synthetic_news


def test_fit_topics_is_deterministic_with_expected_shapes():
    terms_a, docs_a = topics.fit_topics(CORPUS, 3, random_state=0)
    terms_b, docs_b = topics.fit_topics(list(CORPUS), 3, random_state=0)
    pd.testing.assert_frame_equal(terms_a, terms_b)
    pd.testing.assert_frame_equal(docs_a, docs_b)
    assert docs_a.shape == (9, 3)
    assert list(terms_a.columns) == ["topic", "label", "rank", "term", "weight"]
    assert terms_a["label"].nunique() == 3 and list(docs_a.columns) == list(terms_a["label"].unique())
    np.testing.assert_allclose(docs_a.sum(axis=1), 1.0)
    # the three themes land in three different topics
    dominant = topics.dominant_topic(docs_a)
    assert dominant.iloc[0:3].nunique() == 1 and dominant.iloc[3:6].nunique() == 1 and dominant.iloc[6:9].nunique() == 1
    assert dominant.iloc[[0, 3, 6]].nunique() == 3


def test_fit_topics_caps_k_and_handles_five_documents():
    terms, docs = topics.fit_topics(CORPUS[:5], 20)
    assert docs.shape == (5, 5)
    assert docs.columns.str.match(r"T\d+ ").all()


def test_topic_labels_skip_terms_contained_in_earlier_terms():
    vocab = np.array(["wagner group", "wagner", "group", "soledar", "salt"])
    labels = topics.topic_labels(np.array([[5.0, 4.0, 3.0, 2.0, 1.0]]), vocab)
    assert labels == ["T1 wagner group · soledar · salt"]


def test_larger_corpus_topics_and_choose_k():
    docs = larger_corpus(600)
    table, chosen = topics.choose_k(docs, k_values=[2, 3, 4, 6])
    assert list(table.columns) == ["k", "reconstruction_error", "coherence", "n_iter", "chosen"]
    assert table["reconstruction_error"].is_monotonic_decreasing
    assert table["coherence"].between(-1, 1).all()
    assert table["chosen"].sum() == 1 and chosen in {2, 3, 4, 6}
    best = table["coherence"].max()
    assert chosen == table.loc[table["coherence"] >= best - 0.01, "k"].min()
    terms, doc_topics = topics.fit_topics(docs, 3)
    assert doc_topics.shape == (600, 3)


def test_choose_k_samples_large_corpora():
    table, _ = topics.choose_k(larger_corpus(300), k_values=[2, 3], sample_size=100)
    assert table.attrs["n_docs"] == 100


def test_npmi_bounds():
    binary = sparse.csr_matrix(np.array([[1, 1, 0], [1, 1, 0], [0, 0, 1], [0, 0, 1]]))
    scores = topics.coherence_npmi([[0, 1], [0, 2]], binary)
    assert scores[0] == pytest.approx(1.0)
    assert scores[1] == pytest.approx(-1.0)


def test_prevalence_is_normalised_by_documents_per_period():
    doc_topics = pd.DataFrame({"T1 war": [1.0, 1.0, 1.0, 1.0, 0.0, 0.5], "T2 gas": [0.0, 0.0, 0.0, 0.0, 1.0, 0.5]})
    dates = ["2022-01-05", "2022-01-06", "2022-01-20", "2022-01-21", "2022-02-01", None]
    table = topics.prevalence_over_time(doc_topics, dates, freq="MS")
    wide = table.pivot(index="period", columns="topic", values="share")
    # January has 4 documents, all war; February has 1 document, all gas: shares, not counts
    assert wide.loc[pd.Timestamp("2022-01-01"), "T1 war"] == pytest.approx(1.0)
    assert wide.loc[pd.Timestamp("2022-02-01"), "T2 gas"] == pytest.approx(1.0)
    np.testing.assert_allclose(wide.sum(axis=1), 1.0)
    assert table.attrs["undated"] == 1
    assert set(table.loc[table["period"] == pd.Timestamp("2022-01-01"), "n_docs"]) == {4}


@pytest.fixture(scope="module")
def synthetic_matrix():
    return topics.tfidf_matrix(synthetic_news(3000), max_features=topics.MAX_FEATURES_TOPICS)


def _top_sets(terms: pd.DataFrame) -> list[set]:
    return [set(group["term"]) for _, group in terms.groupby("topic")]


def test_large_corpus_path_matches_full_fit(synthetic_matrix):
    matrix, vocab = synthetic_matrix
    full_terms, full_docs = topics.fit_topics(None, 8, matrix=matrix, vocab=vocab, sample_size=None)
    terms, docs = topics.fit_topics(None, 8, matrix=matrix, vocab=vocab, sample_size=1000)
    assert not docs.equals(full_docs)  # the sampled path did run
    # topics come out in the full fit's order (same nndsvda start): compare topic by topic
    overlaps = [len(a & b) / 10 for a, b in zip(_top_sets(terms), _top_sets(full_terms))]
    assert np.mean(overlaps) >= 0.9 and min(overlaps) >= 0.7, overlaps
    assert (docs.to_numpy().argmax(axis=1) == full_docs.to_numpy().argmax(axis=1)).mean() > 0.95
    totals = docs.sum(axis=1).to_numpy()
    assert np.allclose(totals[totals > 0], 1.0) and (totals > 0).all()
    assert list(docs.index) == list(range(matrix.shape[0]))


def test_large_corpus_path_is_deterministic_and_thread_independent(synthetic_matrix):
    from threadpoolctl import threadpool_limits

    matrix, vocab = synthetic_matrix
    unsorted = matrix.copy()
    unsorted.has_sorted_indices = False  # a caller's matrix may not be sorted yet
    terms_a, docs_a = topics.fit_topics(None, 8, matrix=unsorted, vocab=vocab, sample_size=1000)
    with threadpool_limits(2):
        terms_b, docs_b = topics.fit_topics(None, 8, matrix=matrix.copy(), vocab=vocab, sample_size=1000)
    pd.testing.assert_frame_equal(terms_a, terms_b, check_exact=True)
    assert docs_a.to_numpy().tobytes() == docs_b.to_numpy().tobytes()
    assert list(docs_a.columns) == list(docs_b.columns)


def test_small_corpora_keep_the_full_fit():
    """Up to NMF_SAMPLE_DOCS documents the default is exactly the whole-matrix fit (results unchanged)."""
    assert topics.NMF_SAMPLE_DOCS >= 12_293  # the real corpus stays on the full fit
    docs = synthetic_news(300, seed=1)
    default = topics.fit_topics(docs, 5)
    full = topics.fit_topics(docs, 5, sample_size=None)
    pd.testing.assert_frame_equal(default[0], full[0], check_exact=True)
    assert default[1].to_numpy().tobytes() == full[1].to_numpy().tobytes()
    matrix, vocab = topics.tfidf_matrix(docs, max_features=topics.MAX_FEATURES_TOPICS)
    _, weights = nmf._fit_nmf(matrix, 5, 0)
    shares = weights / weights.sum(axis=1, keepdims=True)
    assert default[1].to_numpy().tobytes() == shares.tobytes()


def test_no_private_scikit_learn_api_in_the_package():
    """Private modules (``sklearn.decomposition._nmf``) change without notice between releases; the package uses
    only scikit-learn's public names."""
    import re
    from pathlib import Path

    import helpers

    private = re.compile(r"(?:from|import)\s+sklearn(?:\.\w+)*\._\w+|sklearn(?:\.\w+)*\._\w+\s+import")
    offenders = [str(path.name) for path in Path(helpers.__file__).parent.rglob("*.py") if private.search(path.read_text())]
    assert offenders == []
