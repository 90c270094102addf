"""The opening every notebook shares: load a corpus, keep what a query matches, put the articles in id order.

``open_corpus(corpus, query, output_dir=output_dir)`` does in one call what each notebook's first cell did by
hand (``load_corpus``, ``filter_by_query``, ``sort_values("article_id")``, ``paths.outputs``, the corpus name
shown in outputs) and returns it as one :class:`Study`:

- ``articles``: the articles to analyse: as loaded, duplicates left out when ``drop_duplicates``, then those the
  ``query`` matches, then (``sort=True``) in ``article_id`` order with a fresh index;
- ``loaded``: every article as loaded (duplicates left out when asked), in load order, before the query — for
  notebooks that compare the query subset with the whole corpus;
- ``report``: the load report (one row per input); ``query_counts``: ``{"query", "before", "after"}``;
- ``duplicates``: how many articles were left out as duplicates; ``name``: the corpus path as outputs show it;
  ``out``: the output folders (:func:`helpers.paths.outputs`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import pandas as pd

from helpers import paths
from helpers.corpus import filter_by_query, load_corpus

__all__ = ["Study", "open_corpus"]


@dataclass(frozen=True)
class Study:
    articles: pd.DataFrame
    loaded: pd.DataFrame
    report: pd.DataFrame
    query_counts: dict
    duplicates: int
    name: str
    out: paths.Outputs


def open_corpus(corpus, query: str | None = None, *, sort: bool = True, drop_duplicates: bool = False,
                output_dir: str | os.PathLike | None = None, **load_options) -> Study:
    """Load ``corpus`` (see :func:`helpers.corpus.load_corpus`; ``load_options`` are passed on), optionally leave
    out duplicates, keep the articles whose title or text matches ``query`` (a case-insensitive regular
    expression; ``None`` keeps all) and, with ``sort``, order them by ``article_id``."""
    loaded, report = load_corpus(corpus, **load_options)
    duplicates = 0
    if drop_duplicates:
        repeated = loaded["duplicate_of"].notna()
        duplicates = int(repeated.sum())
        loaded = loaded.loc[~repeated].reset_index(drop=True)
    articles, query_counts = filter_by_query(loaded, query)
    if sort:
        articles = articles.sort_values("article_id").reset_index(drop=True)
    return Study(articles=articles, loaded=loaded, report=report, query_counts=query_counts,
                 duplicates=duplicates, name=paths.display_path(paths.resolve(corpus)),
                 out=paths.outputs(output_dir))
