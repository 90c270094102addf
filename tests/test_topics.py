"""Tests for helpers.topics: scaled vectorizer defaults, stop words, determinism, shapes, similarity, prevalence."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import sparse
import scipy.sparse.linalg  # noqa: F401  (sparse.linalg.norm)

from helpers import topics

WAR = [
    "Wagner fighters pressed the assault on Bakhmut as artillery shelled the eastern city.",
    "Artillery duels around Bakhmut continued; Wagner mercenaries claimed gains near Soledar salt mines.",
    "Soledar salt mine tunnels were the focus of Wagner claims, Reuters said on Tuesday.",
]
ENERGY = [
    "Gas prices rose in Europe as pipeline flows fell and energy bills climbed for households.",
    "European energy ministers discussed a gas price cap while pipeline deliveries stalled.",
    "Households face higher energy bills after gas prices jumped, the minister told reporters.",
]
AID = [
    "Western governments pledged tanks and air defence systems in a new military aid package.",
    "The aid package includes tanks, ammunition and air defence, officials in Washington said.",
    "Germany agreed to send tanks after allies pressed Berlin over military aid.",
]
CORPUS = WAR + ENERGY + AID


def larger_corpus(n_docs: int, seed: int = 0) -> list[str]:
    """Synthetic corpus of three vocabularies mixed at random, with shared filler words."""
    rng = np.random.default_rng(seed)
    pools = [" ".join(WAR).split(), " ".join(ENERGY).split(), " ".join(AID).split()]
    docs = []
    for i in range(n_docs):
        pool = pools[i % 3]
        docs.append(" ".join(rng.choice(pool, size=40)))
    return docs


def test_stop_words_include_news_furniture_and_english():
    stop = topics.news_stop_words()
    for word in ["said", "told", "reuters", "ap", "getty", "photo", "image", "mr", "ms", "the", "and"]:
        assert word in stop
    assert "bakhmut" not in stop and "wagner" not in stop


def test_stop_words_never_become_terms_or_bigram_parts():
    matrix, vocab = topics.tfidf_matrix(CORPUS)
    words = {w for term in vocab for w in term.split()}
    assert not words & {"said", "told", "reuters", "tuesday", "the"}
    assert any(" " in term for term in vocab), "bigrams expected"
    assert not any(ch.isdigit() for term in vocab for ch in term)


@pytest.mark.parametrize(
    "n_docs, expected",
    [(5, (1, 1.0)), (50, (1, 0.95)), (500, (2, 0.8)), (12_293, (6, 0.5)), (100_000, (50, 0.5))],
)
def test_vectorizer_scales_with_corpus_size(n_docs, expected):
    vectorizer = topics.build_vectorizer(n_docs)
    assert (vectorizer.min_df, vectorizer.max_df) == expected
    assert vectorizer.sublinear_tf and vectorizer.ngram_range == (1, 2)
    assert vectorizer.max_features == topics.MAX_FEATURES_TERMS


def test_tiny_corpus_works_and_empty_documents_are_safe():
    matrix, vocab = topics.tfidf_matrix(["Bakhmut shelling", "", None, "said told the"])
    assert matrix.shape[0] == 4 and len(vocab) == matrix.shape[1] > 0
    assert matrix[1].nnz == 0 and matrix[2].nnz == 0
    matrix, vocab = topics.tfidf_matrix(["said the", "told a"])
    assert matrix.shape == (2, 0)


def test_top_terms_are_ranked_and_deterministic():
    matrix, vocab = topics.tfidf_matrix(CORPUS)
    table = topics.top_terms(matrix, vocab, k=4, doc_ids=[f"a{i}" for i in range(len(CORPUS))])
    assert list(table.columns) == ["doc", "rank", "term", "weight"]
    assert table.groupby("doc").size().max() == 4
    for _, group in table.groupby("doc"):
        assert list(group["rank"]) == list(range(1, len(group) + 1))
        assert group["weight"].is_monotonic_decreasing
    pd.testing.assert_frame_equal(table, topics.top_terms(matrix, vocab, k=4, doc_ids=[f"a{i}" for i in range(9)]))


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


def test_hashed_tfidf_matches_shape_and_is_normalised():
    matrix = topics.hashed_tfidf(iter(CORPUS), n_features=2**12, batch_size=4)
    assert matrix.shape == (9, 2**12)
    np.testing.assert_allclose(sparse.linalg.norm(matrix, axis=1), 1.0)
    hasher = topics.hashed_vectorizer(2**12)
    said_column = hasher.transform(["said"]).nnz
    assert said_column == 0  # stop words are dropped before hashing
    sim = topics.similarity(matrix)
    assert sim[0, 1] > sim[0, 3]


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


def test_restrict_vocabulary_keeps_most_used_terms_normalised():
    matrix, vocab = topics.tfidf_matrix(CORPUS)
    small, small_vocab = topics.restrict_vocabulary(matrix, vocab, 10)
    assert small.shape == (9, 10) and len(small_vocab) == 10
    df = dict(zip(vocab, matrix.getnnz(axis=0)))
    assert min(df[t] for t in small_vocab) >= sorted(df.values(), reverse=True)[9]
    norms = sparse.linalg.norm(small, axis=1)
    np.testing.assert_allclose(norms[norms > 0], 1.0)
