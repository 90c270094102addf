"""The analysis stages of the suite as one registry, so that every engine runs the same functions.

Each :class:`Stage` wraps a public helpers function in the shape an engine needs:

- a *per-article* stage has ``run(chunk) -> result`` that works on any contiguous chunk of articles (or of
  sentences, for ``sentiment``) and ``combine(results) -> result`` that joins chunk results in input order, so
  ``combine([run(a) for a in chunks]) == run(whole)``. ``helpers.parallel.map_articles`` (both cores) and
  ``helpers.distributed`` (Dask) call exactly these.
- a *corpus* stage (TF-IDF, topics) needs every document at once and runs in one process (scikit-learn and
  BLAS use the cores they have); ``helpers.distributed`` offers a hashed TF-IDF for corpora beyond memory.

``topics`` takes the output of ``tfidf``, as notebook 02 does: the topic model's matrix is the distinctive-terms
matrix cut to its 10,000 most widespread terms, not a second pass over the texts (which would cost as much as the
first). ``run_stage("topics", …)`` computes the TF-IDF itself when it is not passed in.

=============  ===========  ======================================================================
stage          input        function
=============  ===========  ======================================================================
sentences      articles     ``helpers.text.sentence_table``
claims         articles     ``helpers.casualties.claims_for_corpus``
dates          articles     ``helpers.dates.infer_date`` on every article's text
sentiment      sentences    ``helpers.sentiment.score_sentences``
framing        articles     ``helpers.framing.framing_tables`` (+ ``article_profiles``)
tfidf          texts        ``helpers.topics.tfidf_matrix`` + ``top_terms`` (distinctive terms)
topics         tfidf        ``helpers.topics.restrict_vocabulary`` + ``fit_topics`` (NMF, 10 topics)
=============  ===========  ======================================================================
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Callable

import pandas as pd

from helpers.parallel import combine_results, map_articles

__all__ = ["Stage", "STAGES", "stage", "run_stage", "N_TOPICS"]

N_TOPICS = 10


@dataclass(frozen=True)
class Stage:
    name: str
    input: str  # "articles", "sentences", "texts" or "tfidf" (the tfidf stage's output)
    per_article: bool
    run: Callable[[Any], Any]
    combine: Callable[[list], Any] = combine_results


# ---------------------------------------------------------------------------------------------------------------
# per-article stages (module-level functions: picklable for worker processes and Dask)


def sentences(articles: pd.DataFrame) -> pd.DataFrame:
    from helpers.text import sentence_table

    return sentence_table(articles)


def claims(articles: pd.DataFrame):
    from helpers.casualties import claims_for_corpus

    return claims_for_corpus(articles)


def dates(articles: pd.DataFrame) -> pd.DataFrame:
    """``infer_date`` on every article's cleaned text, dated or not (the cost of dating a wholly undated corpus):
    ``article_id, estimate, earliest, latest, n_evidence``."""
    from helpers.dates import infer_date

    rows = []
    for article_id, text in zip(articles["article_id"], articles["text"]):
        found = infer_date(text if isinstance(text, str) else "")
        rows.append((article_id, found["estimate"], found["earliest"], found["latest"], len(found["evidence"])))
    out = pd.DataFrame(rows, columns=["article_id", "estimate", "earliest", "latest", "n_evidence"])
    for column in ("estimate", "earliest", "latest"):  # same dtype whether or not a chunk found any date
        out[column] = pd.to_datetime(out[column])
    return out.astype({"n_evidence": "int64"})


def sentiment(sentence_frame: pd.DataFrame):
    from helpers.sentiment import score_sentences

    return score_sentences(sentence_frame["text"].tolist())


def sentiment_every(sentence_frame: pd.DataFrame):
    """``sentiment`` without scoring repeated sentences once: what a corpus in which no sentence repeats costs.
    Not a pipeline stage (same numbers as ``sentiment``); the benchmark reports it beside ``sentiment``."""
    from helpers.sentiment import score_sentences

    return score_sentences(sentence_frame["text"].tolist(), dedupe=False)


def framing(articles: pd.DataFrame):
    from helpers.framing import framing_tables

    return framing_tables(articles, desc="framing")


def combine_framing(results: list):
    """Join ``FramingTables`` of consecutive chunks field by field (each a long table with ``article_id``)."""
    first = results[0]
    fields = {f.name: pd.concat([getattr(r, f.name) for r in results], ignore_index=True)
              for f in dataclasses.fields(first)}
    return type(first)(**fields)


# ---------------------------------------------------------------------------------------------------------------
# corpus stages


def tfidf(texts):
    from helpers.topics import tfidf_matrix, top_terms

    matrix, vocab = tfidf_matrix(list(texts))
    return matrix, vocab, top_terms(matrix, vocab, k=10)


def topics(tfidf_result):
    """NMF topics on the TF-IDF stage's matrix, cut to the topic-model vocabulary (``restrict_vocabulary``)."""
    from helpers.topics import MAX_FEATURES_TOPICS, fit_topics, restrict_vocabulary

    matrix, vocab = restrict_vocabulary(tfidf_result[0], tfidf_result[1], MAX_FEATURES_TOPICS)
    return fit_topics(None, N_TOPICS, random_state=0, matrix=matrix, vocab=vocab)


STAGES: dict[str, Stage] = {
    s.name: s
    for s in (
        Stage("sentences", "articles", True, sentences),
        Stage("claims", "articles", True, claims),
        Stage("dates", "articles", True, dates),
        Stage("sentiment", "sentences", True, sentiment),
        Stage("framing", "articles", True, framing, combine_framing),
        Stage("tfidf", "texts", False, tfidf),
        Stage("topics", "tfidf", False, topics),
    )
}


def stage(name: str) -> Stage:
    try:
        return STAGES[name]
    except KeyError:
        raise KeyError(f"unknown stage {name!r}; stages: {', '.join(STAGES)}") from None


def stage_input(s: Stage, articles: pd.DataFrame, sentence_frame: pd.DataFrame | None, tfidf_result=None):
    if s.input == "tfidf":
        return tfidf_result if tfidf_result is not None else run_stage("tfidf", articles)
    if s.input == "sentences":
        if sentence_frame is None:
            raise ValueError(f"stage {s.name!r} needs the sentence table: run 'sentences' first")
        return sentence_frame
    if s.input == "texts":
        return articles["text"].fillna("").tolist()
    # every column but the raw text: stages may use dates and outlets, none needs the uncleaned text
    return articles.drop(columns=[c for c in ("raw_text",) if c in articles])


def run_stage(name: str, articles: pd.DataFrame, sentence_frame: pd.DataFrame | None = None,
              n_jobs: int | None = None, tfidf_result=None):
    """Run one stage on this machine: per-article stages on all cores via ``map_articles``.

    ``sentence_frame`` (the ``sentences`` stage's output) is needed by ``sentiment``; ``tfidf_result`` (the
    ``tfidf`` stage's output) is used by ``topics``, which computes it when it is not given."""
    s = stage(name)
    data = stage_input(s, articles, sentence_frame, tfidf_result)
    if s.per_article:
        return map_articles(s.run, data, n_jobs=n_jobs, combine=s.combine)
    return s.run(data)
