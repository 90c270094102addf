"""Run a per-article function on all cores, with results in input order.

``map_articles(func, articles, n_jobs=None)`` splits ``articles`` (a DataFrame, Series, list or tuple) into
contiguous chunks, calls ``func(chunk)`` on each chunk in a pool of worker processes, and concatenates the results
in the order of the input, so the output is the same as ``func(articles)`` for any function that works article by
article (``sentence_table``, ``claims_for_corpus``, a ``clean_text`` loop …).

- ``n_jobs``: number of worker processes; default from the environment variable ``HELPERS_JOBS``, else
  ``os.cpu_count()``. ``n_jobs=1`` (or ``HELPERS_JOBS=1``) runs serially in the calling process.
- Small inputs (fewer than ``min_items`` articles, default 500) run serially: starting workers costs more than it
  saves.
- ``func`` must be picklable (a module-level function, or a ``functools.partial`` of one) and must not depend on
  which other articles share its chunk.
- Results are combined by type: DataFrames and Series with ``pandas.concat`` (a DataFrame of articles keeps its
  index, as ``func(articles)`` would; other DataFrames get a fresh ``RangeIndex`` when each chunk's result has
  one), lists and tuples are concatenated, numpy arrays joined with ``numpy.concatenate``. Pass ``combine`` to
  combine the list of chunk results yourself.

The pool is joblib's: on Linux its ``multiprocessing`` backend, whose forked workers inherit the input (only
chunk bounds and results cross between processes); elsewhere, or when ``HELPERS_MP_START`` names another start
method (``spawn``, ``forkserver``), its ``loky`` backend, which pickles each chunk.
"""

from __future__ import annotations

import gc
import multiprocessing as mp
import os
import sys
from typing import Any, Callable

import numpy as np
import pandas as pd
from joblib import Parallel, delayed

__all__ = ["map_articles", "default_jobs", "chunk_bounds", "combine_results", "MIN_ITEMS"]

#: below this many articles, ``map_articles`` runs serially
MIN_ITEMS = 500
#: chunks per worker: more than one evens out articles of very different lengths
CHUNKS_PER_JOB = 4


def default_jobs() -> int:
    """Worker count: ``HELPERS_JOBS`` when set to a positive integer, else ``os.cpu_count()``."""
    value = os.environ.get("HELPERS_JOBS", "").strip()
    if value:
        try:
            jobs = int(value)
        except ValueError as exc:
            raise ValueError(f"HELPERS_JOBS must be a whole number of processes, got {value!r}") from exc
        if jobs >= 1:
            return jobs
    return max(1, os.cpu_count() or 1)


def chunk_bounds(n_items: int, n_chunks: int) -> list[tuple[int, int]]:
    """``n_chunks`` contiguous ``(start, stop)`` ranges covering ``range(n_items)``, as equal as possible."""
    n_chunks = max(1, min(n_chunks, n_items))
    size, extra = divmod(n_items, n_chunks)
    bounds, start = [], 0
    for i in range(n_chunks):
        stop = start + size + (1 if i < extra else 0)
        bounds.append((start, stop))
        start = stop
    return bounds


def _take(items, start: int, stop: int):
    if isinstance(items, (pd.DataFrame, pd.Series)):
        return items.iloc[start:stop]
    return items[start:stop]


def combine_results(results: list):
    """Concatenate chunk results in order (see the module doc for the rules by type)."""
    if not results:
        return results
    first = results[0]
    if isinstance(first, (pd.DataFrame, pd.Series)):
        # each chunk's result restarting at 0 (a fresh RangeIndex) means "rows are not aligned with articles":
        # renumber; otherwise keep the index (func returned rows aligned with its chunk of articles)
        ranges = all(isinstance(r.index, pd.RangeIndex) for r in results)
        restart = ranges and sum(1 for r in results if len(r) and r.index.start == 0) > 1
        out = pd.concat(results, ignore_index=restart)
        out.attrs = dict(first.attrs)
        return out
    if isinstance(first, np.ndarray):
        return np.concatenate(results)
    if isinstance(first, tuple):
        return tuple(x for r in results for x in r)
    if isinstance(first, list):
        return [x for r in results for x in r]
    raise TypeError(
        f"map_articles: cannot combine chunk results of type {type(first).__name__}; pass combine=… "
        "(a function taking the list of chunk results)"
    )


def _context():
    method = os.environ.get("HELPERS_MP_START", "").strip()
    if method:
        return mp.get_context(method)
    if sys.platform.startswith("linux"):
        return mp.get_context("fork")
    return mp.get_context()


#: the input of the running ``map_articles`` call, inherited by forked workers (never pickled)
_INHERITED: dict[str, Any] = {}


def _run_inherited(func, start: int, stop: int):
    return func(_take(_INHERITED["items"], start, stop))


def map_articles(
    func: Callable[[Any], Any],
    articles,
    n_jobs: int | None = None,
    min_items: int = MIN_ITEMS,
    n_chunks: int | None = None,
    combine: Callable[[list], Any] | None = None,
):
    """``func(articles)`` computed chunk by chunk on ``n_jobs`` processes; results in input order.

    See the module docstring. Serial (one call, no pool) when ``n_jobs`` is 1 or the input has fewer than
    ``min_items`` articles. With ``fork`` workers the input is inherited rather than pickled: only the chunk
    bounds go to the workers and only the results come back.
    """
    n_items = len(articles)
    jobs = default_jobs() if n_jobs is None else max(1, int(n_jobs))
    if jobs == 1 or n_items < max(min_items, 2):
        return func(articles)
    n_chunks = n_chunks or min(n_items, jobs * CHUNKS_PER_JOB)
    bounds = chunk_bounds(n_items, n_chunks)
    context = _context()
    workers = min(jobs, len(bounds))
    if context.get_start_method() == "fork":
        _INHERITED["items"] = articles
        gc.freeze()  # keep the inherited objects out of the workers' garbage collector (no copy-on-write storm)
        try:  # joblib's multiprocessing backend forks its pool here, after the input is in _INHERITED
            results = Parallel(n_jobs=workers, backend="multiprocessing")(
                delayed(_run_inherited)(func, start, stop) for start, stop in bounds)
        finally:
            _INHERITED.clear()
            gc.unfreeze()
    else:
        chunks = [_take(articles, start, stop) for start, stop in bounds]
        results = Parallel(n_jobs=workers, backend="loky")(delayed(func)(chunk) for chunk in chunks)
    if combine is not None:
        return combine(results)
    return combine_results(results)
