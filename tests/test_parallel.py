"""helpers.parallel: chunked process-pool map with results in input order, serial fallback, HELPERS_JOBS."""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd
import pytest

from helpers.parallel import chunk_bounds, default_jobs, map_articles
from helpers.text import sentence_table


def _lengths(chunk: pd.DataFrame) -> pd.Series:
    return chunk["text"].str.len()


def _words(chunk) -> list:
    return [len(t.split()) for t in chunk]


def _table(chunk: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({"id": chunk["article_id"].to_numpy(), "n": chunk["text"].str.len().to_numpy()})


def _articles(n: int) -> pd.DataFrame:
    rng = np.random.default_rng(0)
    texts = [" ".join(f"Word{j}. Next {j}" for j in range(int(k))) for k in rng.integers(1, 40, size=n)]
    return pd.DataFrame({"article_id": [f"a{i:04d}" for i in range(n)], "text": texts})


def test_chunk_bounds_cover_everything_in_order():
    assert chunk_bounds(10, 3) == [(0, 4), (4, 7), (7, 10)]
    assert chunk_bounds(2, 8) == [(0, 1), (1, 2)]
    assert chunk_bounds(0, 4) == [(0, 0)]


def test_default_jobs_reads_the_environment(monkeypatch):
    monkeypatch.setenv("HELPERS_JOBS", "3")
    assert default_jobs() == 3
    monkeypatch.delenv("HELPERS_JOBS")
    assert default_jobs() >= 1
    monkeypatch.setenv("HELPERS_JOBS", "many")
    with pytest.raises(ValueError, match="HELPERS_JOBS"):
        default_jobs()


@pytest.mark.parametrize("n_jobs", [1, 2])
def test_results_equal_the_serial_call_in_input_order(n_jobs):
    articles = _articles(120)
    # min_items=0 forces the pool even for a small input
    assert map_articles(_lengths, articles, n_jobs=n_jobs, min_items=0).equals(_lengths(articles))
    assert map_articles(_words, articles["text"].tolist(), n_jobs=n_jobs, min_items=0) == _words(articles["text"])
    pd.testing.assert_frame_equal(map_articles(_table, articles, n_jobs=n_jobs, min_items=0), _table(articles))
    pd.testing.assert_frame_equal(map_articles(sentence_table, articles, n_jobs=n_jobs, min_items=0),
                                  sentence_table(articles))


def test_small_inputs_run_serially_and_partials_work():
    articles = _articles(5)
    func = functools.partial(sentence_table, text_col="text")
    pd.testing.assert_frame_equal(map_articles(func, articles, n_jobs=2), sentence_table(articles))


def test_uncombinable_results_need_combine():
    with pytest.raises(TypeError, match="combine"):
        map_articles(len, list("abcdefgh"), n_jobs=2, min_items=0, n_chunks=2)
    assert map_articles(len, list("abcdefgh"), n_jobs=2, min_items=0, n_chunks=2, combine=sum) == 8


def test_topics_stage_reuses_the_tfidf_stage(seeds):
    """``topics`` on the tfidf stage's output (as notebook 02 and the benchmark do) equals ``topics`` computing the
    TF-IDF itself, and both equal NMF on the restricted distinctive-terms matrix."""
    from helpers import stages
    from helpers.topics import MAX_FEATURES_TOPICS, fit_topics, restrict_vocabulary, tfidf_matrix

    articles, _ = seeds
    tfidf_result = stages.run_stage("tfidf", articles)
    reused = stages.run_stage("topics", articles, tfidf_result=tfidf_result)
    fresh = stages.run_stage("topics", articles)
    matrix, vocab = restrict_vocabulary(*tfidf_matrix(articles["text"]), MAX_FEATURES_TOPICS)
    direct = fit_topics(None, stages.N_TOPICS, random_state=0, matrix=matrix, vocab=vocab)
    for got in (reused, fresh):
        pd.testing.assert_frame_equal(got[0], direct[0])
        pd.testing.assert_frame_equal(got[1], direct[1])
    assert len(reused[1]) == len(articles) and reused[0]["topic"].nunique() == min(stages.N_TOPICS, len(articles))
