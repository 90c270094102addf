"""helpers.distributed: the per-article stages on a two-worker Dask LocalCluster equal the single-process ones."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest

from helpers import stages
from helpers.stages import run_stage

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def client():
    distributed = pytest.importorskip("helpers.distributed")
    pytest.importorskip("dask.distributed")
    client = distributed.get_client(address=None, n_workers=2)  # a fresh LocalCluster, never $HELPERS_DASK_SCHEDULER
    yield client
    distributed.close_client(client)
    assert client.status == "closed"


@pytest.fixture(scope="module")
def articles(seeds):
    """~50 articles: the seeds and their paragraphs recombined (every stage sees several partitions)."""
    base, _ = seeds
    texts = base["text"].tolist()
    paragraphs = [p for t in texts for p in t.split("\n\n") if p.strip()]
    rng = np.random.default_rng(0)
    rows = [(row.article_id, row.date, row.outlet, row.text) for row in base.itertuples()]
    for i in range(45):
        picked = rng.choice(len(paragraphs), size=min(4, len(paragraphs)), replace=False)
        rows.append((f"mix-{i:03d}", base["date"].iloc[i % len(base)], None,
                     "\n\n".join(paragraphs[j] for j in sorted(picked))))
    return pd.DataFrame(rows, columns=["article_id", "date", "outlet", "text"])


def _assert_same(name, got, expected):
    if dataclasses.is_dataclass(expected):
        for field in dataclasses.fields(expected):
            pd.testing.assert_frame_equal(getattr(got, field.name), getattr(expected, field.name), obj=f"{name}.{field.name}")
    elif isinstance(expected, pd.DataFrame):
        pd.testing.assert_frame_equal(got, expected, obj=name)
    else:
        assert got == expected, name


def test_per_article_stages_equal_single_process(client, articles):
    from helpers import distributed

    names = [name for name, s in stages.STAGES.items() if s.per_article]  # in pipeline order
    assert "sentences" in names
    sentence_frame = run_stage("sentences", articles, n_jobs=1)
    for name in names:
        expected = run_stage(name, articles, sentence_frame, n_jobs=1)
        got = distributed.run_stage(name, articles, sentence_frame, client=client, npartitions=7)
        _assert_same(name, got, expected)


def test_dask_dataframe_partitions_are_used_as_they_are(client, articles):
    import dask.dataframe as dd

    from helpers import distributed

    ddf = dd.from_pandas(articles, npartitions=3)
    pd.testing.assert_frame_equal(distributed.map_stage("sentences", ddf, client),
                                  run_stage("sentences", articles, n_jobs=1))


def test_hashed_tfidf_equals_the_in_memory_one(client, articles):
    from helpers import distributed
    from helpers.topics import hashed_tfidf

    texts = articles["text"].tolist()
    expected = hashed_tfidf(texts, n_features=2**16)
    got = distributed.hashed_tfidf(texts, client, n_features=2**16, npartitions=5)
    assert got.shape == expected.shape
    assert abs(got - expected).max() < 1e-12


def test_hashed_topics_name_columns_by_terms(client, articles):
    from helpers import distributed

    topic_terms, doc_topics = distributed.hashed_topics(articles["text"].tolist(), client, n_topics=3,
                                                        n_features=2**16)
    assert len(doc_topics) == len(articles)
    assert topic_terms["term"].str.startswith("#").mean() < 0.5


def test_per_article_only():
    from helpers import distributed

    with pytest.raises(ValueError, match="whole corpus"):
        distributed.map_stage("topics", [], client=None)


def test_hashed_topics_reuse_a_given_matrix(client, articles):
    """The benchmark passes the tfidf stage's hashed matrix to topics: the same topics as computing it anew."""
    from helpers import distributed

    texts = articles["text"].tolist()
    matrix = distributed.hashed_tfidf(texts, client, n_features=2**16, npartitions=5)
    reused = distributed.hashed_topics(texts, client, n_topics=3, matrix=matrix)
    fresh = distributed.hashed_topics(texts, client, n_topics=3, n_features=2**16)
    pd.testing.assert_frame_equal(reused[0], fresh[0])
    pd.testing.assert_frame_equal(reused[1], fresh[1])


def test_topic_columns_cut_the_hashed_matrix_as_the_in_memory_topic_matrix_is():
    """Hashed topics run NMF on the min_df/max_df-bounded, most widespread columns, with unit rows."""
    from scipy import sparse

    from helpers.distributed import topic_columns
    from helpers.topics.vectorize import _df_bounds

    rng = np.random.default_rng(0)
    n_docs, n_columns = 3000, 5000
    density = np.linspace(0.9, 0.0002, n_columns)  # column 0 in 90 % of documents, the last ones in one or none
    present = rng.random((n_docs, n_columns)) < density
    matrix = sparse.csr_matrix(present * rng.random((n_docs, n_columns)))
    cut, kept = topic_columns(matrix, max_features=1000)
    df = present.sum(axis=0)
    min_df, max_df = _df_bounds(n_docs)
    assert cut.shape == (n_docs, 1000) and len(kept) == 1000
    assert (df[kept] >= min_df).all() and (df[kept] <= max_df * n_docs).all()
    within = np.flatnonzero((df >= min_df) & (df <= max_df * n_docs))
    assert df[kept].min() >= np.sort(df[within])[-1000]  # the most widespread of the admissible columns
    norms = np.sqrt(np.asarray(cut.multiply(cut).sum(axis=1)).ravel())
    assert np.allclose(norms[norms > 0], 1.0)
    from sklearn.preprocessing import normalize

    assert abs(cut - normalize(matrix[:, kept], norm="l2")).max() < 1e-12


def test_hashed_vocabulary_names_a_shared_column_by_its_most_widespread_term(articles):
    """With 64 columns nearly every column is shared: its name is the term most documents use, not the first
    in alphabetical order."""
    from helpers.distributed import hashed_vocabulary
    from helpers.topics import build_vectorizer, hashed_vectorizer

    texts = articles["text"].tolist()
    vocab = hashed_vocabulary(texts, n_features=64)
    fitted = build_vectorizer(len(texts), max_features=None).fit(texts)
    counts = fitted.transform(texts)
    df = dict(zip(fitted.get_feature_names_out(), np.diff((counts > 0).tocsc().indptr)))
    by_column: dict[int, list[str]] = {}
    for term in df:
        n = term.count(" ") + 1
        by_column.setdefault(int(hashed_vectorizer(64, (n, n)).transform([term]).indices[0]), []).append(term)
    assert len(by_column) == 64 and max(len(t) for t in by_column.values()) > 10  # collisions everywhere
    for column, terms in by_column.items():
        best = max(df[t] for t in terms)
        assert vocab[column] == min(t for t in terms if df[t] == best)
