"""helpers.topics.counts: tfidf_matrix's counting equals scikit-learn's TfidfVectorizer bit for bit."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

from helpers import topics
from helpers.topics import counts
from test_vectorize import TRICKY
from topic_corpora import larger_corpus


def assert_identical(ours, theirs):
    """Same vocabulary and the same CSR arrays, bit for bit and in the same order."""
    (matrix, vocab), (ref_matrix, ref_vocab) = ours, theirs
    assert list(vocab) == list(ref_vocab)
    assert matrix.shape == ref_matrix.shape
    np.testing.assert_array_equal(matrix.indptr, ref_matrix.indptr)
    np.testing.assert_array_equal(matrix.indices, ref_matrix.indices)
    np.testing.assert_array_equal(matrix.data, ref_matrix.data)


def sklearn_tfidf(texts, max_features=topics.MAX_FEATURES_TERMS, **overrides):
    texts = [t if isinstance(t, str) else "" for t in texts]
    params = topics.build_vectorizer(len(texts), max_features=max_features, **overrides).get_params()
    vectorizer = TfidfVectorizer(**params)
    try:
        matrix = vectorizer.fit_transform(texts).tocsr()
    except ValueError:
        return sparse.csr_matrix((len(texts), 0)), np.array([], dtype=object)
    return matrix, vectorizer.get_feature_names_out()


def test_tfidf_matrix_equals_sklearn_on_seeds(seeds):
    articles, _ = seeds
    texts = list(articles["text"])
    assert_identical(topics.tfidf_matrix(texts), sklearn_tfidf(texts))
    assert_identical(topics.tfidf_matrix(texts, max_features=500), sklearn_tfidf(texts, max_features=500))


@pytest.mark.parametrize("n_docs", [9, 60, 300, 1200])
@pytest.mark.parametrize(
    "options",
    [{}, dict(max_features=40), dict(max_features=None), dict(ngram_range=(1, 1)), dict(ngram_range=(2, 2)),
     dict(binary=True, max_features=25), dict(min_df=0.05, max_df=3), dict(sublinear_tf=False, norm="l1")],
)
def test_tfidf_matrix_equals_sklearn(n_docs, options):
    # small vocabularies and max_features force many ties in the max_features cut; TRICKY adds odd scripts
    docs = (larger_corpus(n_docs) + TRICKY)[:n_docs]
    assert_identical(topics.tfidf_matrix(docs, **options), sklearn_tfidf(docs, **options))


def test_batches_do_not_change_the_result(monkeypatch):
    docs = larger_corpus(300) + TRICKY
    whole = topics.tfidf_matrix(docs, max_features=60)
    monkeypatch.setattr(counts, "COUNT_BATCH", 7)  # many batches, some ending mid-way through the tricky texts
    assert_identical(topics.tfidf_matrix(docs, max_features=60), whole)


def test_tfidf_matrix_empty_cases_equal_sklearn():
    for docs in [["said the", "told a"], ["", None], ["Bakhmut shelling", "", None, "said told the"]]:
        assert_identical(topics.tfidf_matrix(docs), sklearn_tfidf(docs))
    docs = larger_corpus(50)
    assert_identical(topics.tfidf_matrix(docs, min_df=40, max_df=2), sklearn_tfidf(docs, min_df=40, max_df=2))


def test_unsupported_settings_fall_back_to_sklearn():
    docs = larger_corpus(60)
    assert not counts.count_supported(topics.build_vectorizer(60, ngram_range=(1, 3)))
    assert_identical(topics.tfidf_matrix(docs, ngram_range=(1, 3)), sklearn_tfidf(docs, ngram_range=(1, 3)))


@pytest.mark.shared
def test_tfidf_matrix_equals_sklearn_on_real_articles(media_corpus):
    texts = pd.read_csv(media_corpus, nrows=2000, usecols=["text"])["text"].fillna("").tolist()
    assert_identical(topics.tfidf_matrix(texts), sklearn_tfidf(texts))
