"""Tests for helpers.topics.vectorize: scaled vectorizer defaults, stop words, TF-IDF, hashed TF-IDF, top terms."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import sparse
import scipy.sparse.linalg  # noqa: F401  (sparse.linalg.norm)
from sklearn.feature_extraction.text import HashingVectorizer, TfidfVectorizer

from helpers import topics
from helpers.topics import vectorize
from topic_corpora import CORPUS, larger_corpus


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


def test_hashed_tfidf_matches_shape_and_is_normalised():
    matrix = topics.hashed_tfidf(iter(CORPUS), n_features=2**12, batch_size=4)
    assert matrix.shape == (9, 2**12)
    np.testing.assert_allclose(sparse.linalg.norm(matrix, axis=1), 1.0)
    hasher = topics.hashed_vectorizer(2**12)
    said_column = hasher.transform(["said"]).nnz
    assert said_column == 0  # stop words are dropped before hashing
    sim = topics.similarity(matrix)
    assert sim[0, 1] > sim[0, 3]


def test_restrict_vocabulary_keeps_most_used_terms_normalised():
    matrix, vocab = topics.tfidf_matrix(CORPUS)
    small, small_vocab = topics.restrict_vocabulary(matrix, vocab, 10)
    assert small.shape == (9, 10) and len(small_vocab) == 10
    df = dict(zip(vocab, matrix.getnnz(axis=0)))
    assert min(df[t] for t in small_vocab) >= sorted(df.values(), reverse=True)[9]
    norms = sparse.linalg.norm(small, axis=1)
    np.testing.assert_allclose(norms[norms > 0], 1.0)


TRICKY = [
    "Zelensky’s “peace formula” — rejected by Moscow’s envoy on Tuesday — was said to be ‘dead’.",
    "Café owners in Kraków and Łódź raised €2.5bn; naïve coöperation, façade, São Paulo, Ærø, Øresund.",
    "Кремль заявил, что «спецоперация» продолжается; Київ і Харків під обстрілом. ЁЛКА Ёлка йод",
    "Self-propelled howitzers (M109A6) fired 1,200 rounds; T-72s, HIMARS, F-16s, 24/7, 3rd brigade.",
    "snake_case words_and digits2 x1 ab1c _under_ score__ e-mail re-take co-op",
    "Decomposed accents: cafe\u0301 nai\u0308ve e\u0300 and a lone mark \u0301 here.",
    "", "the and of", "a", "Bakhmut",
]


def test_build_vectorizer_is_a_tfidf_vectorizer_with_its_settings():
    vectorizer = topics.build_vectorizer(12_293)
    assert type(vectorizer) is TfidfVectorizer  # scikit-learn's own class, public options only
    params = vectorizer.get_params()
    assert params["strip_accents"] == "unicode" and params["token_pattern"] == topics.TOKEN_PATTERN
    assert params["ngram_range"] == (1, 2) and params["min_df"] == 6 and params["max_features"] == 50_000
    assert params["lowercase"] and params["sublinear_tf"] and params["norm"] == "l2"


def test_tokens_are_lower_case_letters_without_accents():
    analyzer = topics.build_vectorizer(100).build_analyzer()
    tokens = {t for text in TRICKY for term in analyzer(text) for t in term.split()}
    assert {"cafe", "krakow", "naive", "cooperation", "facade", "кремль", "howitzers", "mail"} <= tokens
    assert not any(ch.isdigit() or ch == "_" or ch.isupper() for t in tokens for ch in t)
    assert "snake" not in tokens and "ab" not in tokens  # "snake_case", "ab1c": no word boundary inside
    assert not tokens & {"said", "the", "tuesday"}  # stop words, removed before bigrams are formed
    assert "rejected moscow" in analyzer(TRICKY[0])  # "by" is a stop word: the bigram skips it


def test_tfidf_matrix_is_fit_transform_of_build_vectorizer():
    docs = larger_corpus(300) + TRICKY
    matrix, vocab = topics.tfidf_matrix(docs, max_features=40)
    vectorizer = topics.build_vectorizer(len(docs), max_features=40)
    reference = vectorizer.fit_transform(docs)
    assert list(vocab) == list(vectorizer.get_feature_names_out()) and len(vocab) == 40
    assert (matrix != reference).nnz == 0
    matrix, _ = topics.tfidf_matrix(larger_corpus(50), min_df=40, max_df=2)  # min_df above max_df: no columns
    assert matrix.shape == (50, 0)


def test_hashed_vectorizer_is_sklearns_with_the_stop_words():
    ours = topics.hashed_vectorizer(2**12)
    assert type(ours) is HashingVectorizer
    params = ours.get_params()
    assert params["alternate_sign"] is False and params["norm"] is None
    assert set(params["stop_words"]) == topics.news_stop_words()


def per_row_top_terms(matrix, vocab, k, doc_ids=None):
    """The original row-by-row implementation of ``top_terms``."""
    matrix = sparse.csr_matrix(matrix)
    vocab = np.asarray(vocab, dtype=object)
    ids = list(range(matrix.shape[0])) if doc_ids is None else list(doc_ids)
    rows = []
    for row in range(matrix.shape[0]):
        lo, hi = matrix.indptr[row], matrix.indptr[row + 1]
        if hi == lo:
            continue
        weights = matrix.data[lo:hi]
        terms = vocab[matrix.indices[lo:hi]]
        order = np.lexsort((terms.astype(str), -weights))[:k]
        rows.extend((ids[row], rank + 1, terms[i], float(weights[i])) for rank, i in enumerate(order))
    return pd.DataFrame(rows, columns=["doc", "rank", "term", "weight"])


@pytest.mark.parametrize("block", [vectorize.TOP_TERMS_BLOCK, 7])
def test_top_terms_equals_row_by_row_version(block, monkeypatch):
    monkeypatch.setattr(vectorize, "TOP_TERMS_BLOCK", block)  # 7: many blocks, one of them shorter
    docs = larger_corpus(200) + ["", "said"]
    matrix, vocab = topics.tfidf_matrix(docs)
    for k in [1, 3, 10]:
        pd.testing.assert_frame_equal(topics.top_terms(matrix, vocab, k), per_row_top_terms(matrix, vocab, k),
                                      check_exact=True)
    ids = [f"doc{i}" for i in range(len(docs))]
    pd.testing.assert_frame_equal(topics.top_terms(matrix, vocab, 5, doc_ids=ids),
                                  per_row_top_terms(matrix, vocab, 5, doc_ids=ids), check_exact=True)
    # ties in weight, broken alphabetically; unsorted column indices; an empty matrix
    tied = sparse.csr_matrix((np.array([1.0, 1.0, 2.0, 1.0, 1.0]), np.array([3, 0, 2, 1, 2]), np.array([0, 3, 5])),
                             shape=(2, 4))
    terms = np.array(["delta", "alpha", "charlie", "bravo"], dtype=object)
    pd.testing.assert_frame_equal(topics.top_terms(tied, terms, 2), per_row_top_terms(tied, terms, 2), check_exact=True)
    empty = sparse.csr_matrix((3, 0))
    pd.testing.assert_frame_equal(topics.top_terms(empty, np.array([], dtype=object), 5),
                                  per_row_top_terms(empty, np.array([], dtype=object), 5))
