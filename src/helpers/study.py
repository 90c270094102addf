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
  ``out``: the output folders (:func:`helpers.paths.outputs`);
- ``conflict``: the conflict profile the study reads (:mod:`helpers.conflicts`): its sides, dates and
  timeline;
- ``languages``: the ``articles`` per language (:func:`helpers.language.language_counts`: the loader's
  ``language`` column when it has one, else detected). When some articles are not English, ``open_corpus`` warns
  once (:class:`helpers.language.EnglishOnlyWarning`) naming the measures that read English only, and the
  notice is kept in ``language_notice`` (``None`` for an English corpus).
"""

from __future__ import annotations

import os
import warnings
from dataclasses import dataclass, field

import pandas as pd

from helpers import conflicts, paths
from helpers.corpus import filter_by_query, load_corpus
from helpers.language import ENGLISH_ONLY_MEASURES, READABLE, EnglishOnlyWarning, describe_counts, language_counts

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
    languages: pd.Series = field(default_factory=lambda: pd.Series(dtype="int64", name="articles"))
    language_notice: str | None = None
    conflict: conflicts.Profile | None = None


def open_corpus(corpus, query: str | None = None, *, conflict: str | os.PathLike | None = None, sort: bool = True,
                drop_duplicates: bool = False, output_dir: str | os.PathLike | None = None, **load_options) -> Study:
    """Make ``conflict`` the active conflict profile (:func:`helpers.conflicts.use`: a shipped profile's name or a
    profile folder; ``None`` keeps the active one, by default russia-ukraine), load ``corpus`` (see
    :func:`helpers.corpus.load_corpus`; ``load_options`` are passed on), optionally leave out duplicates, keep the
    articles whose title or text matches ``query`` (a case-insensitive regular expression; ``None`` keeps all)
    and, with ``sort``, order them by ``article_id``."""
    profile = conflicts.use(conflict) if conflict is not None else conflicts.active()
    loaded, report = load_corpus(corpus, **load_options)
    duplicates = 0
    if drop_duplicates:
        repeated = loaded["duplicate_of"].notna()
        duplicates = int(repeated.sum())
        loaded = loaded.loc[~repeated].reset_index(drop=True)
    articles, query_counts = filter_by_query(loaded, query)
    if sort:
        articles = articles.sort_values("article_id").reset_index(drop=True)
    languages = language_counts(articles)
    return Study(articles=articles, loaded=loaded, report=report, query_counts=query_counts,
                 duplicates=duplicates, name=paths.display_path(paths.resolve(corpus)),
                 out=paths.outputs(output_dir), languages=languages, language_notice=_language_notice(languages),
                 conflict=profile)


def _language_notice(languages: pd.Series) -> str | None:
    """One warning for the whole study when some articles are not English (``None`` when all are en/und)."""
    n_other = int(languages[[code not in READABLE for code in languages.index]].sum())
    if n_other == 0:
        return None
    verb = "is" if n_other == 1 else "are"
    notice = (f"this corpus is not all English: {n_other} of {int(languages.sum())} articles {verb} not English "
              f"({describe_counts(languages)}); these measures read English only and leave those articles out or "
              f"empty: {', '.join(ENGLISH_ONLY_MEASURES)}")
    warnings.warn(notice, EnglishOnlyWarning, stacklevel=3)
    return notice
