"""NMF topic models on TF-IDF: fitting (whole corpus or sampled), labels, NPMI coherence, choosing k, prevalence.

See ``helpers.topics`` for the defaults and why. Always one BLAS thread, so the weights are the same bytes whatever
the machine's thread count.
"""

from __future__ import annotations

import math
import warnings
from typing import Iterable, Sequence

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.sparse.linalg import norm as sparse_norm
from sklearn.decomposition import NMF
from sklearn.exceptions import ConvergenceWarning

from helpers.stats import subsample
from helpers.topics.vectorize import MAX_FEATURES_TOPICS, tfidf_matrix

__all__ = [
    "NMF_SAMPLE_DOCS",
    "fit_topics",
    "topic_labels",
    "distinct_top_terms",
    "dominant_topic",
    "coherence_npmi",
    "choose_k",
    "prevalence_over_time",
]


def distinct_top_terms(weights: np.ndarray, vocab: Sequence[str], n: int) -> list[int]:
    """Indices of the ``n`` highest-weighted terms, skipping a term whose words contain or are contained in those of
    a term already chosen ("wagner" after "wagner group"), so that a bigram and its parts count once."""
    vocab = np.asarray(vocab, dtype=object)
    order = np.lexsort((vocab.astype(str), -np.asarray(weights)))
    chosen: list[int] = []
    word_sets: list[set[str]] = []
    for i in order:
        if weights[i] <= 0 or len(chosen) == n:
            break
        words = set(str(vocab[i]).split())
        if any(words <= other or other <= words for other in word_sets):
            continue
        chosen.append(int(i))
        word_sets.append(words)
    return chosen


def topic_labels(components: np.ndarray, vocab: Sequence[str], n_words: int = 3) -> list[str]:
    """``"T1 wagner group · soledar · salt"``: topic number and its top terms, skipping terms already covered."""
    vocab = np.asarray(vocab, dtype=object)
    labels = []
    for index, weights in enumerate(components):
        chosen = [str(vocab[i]) for i in distinct_top_terms(weights, vocab, n_words)]
        labels.append(f"T{index + 1} " + " · ".join(chosen) if chosen else f"T{index + 1} (empty)")
    return labels


def _fit_nmf(matrix, n_topics: int, random_state: int, max_iter: int = 400):
    """NMF with deterministic initialisation. Convergence warnings are silenced: the iteration count is kept in
    ``model.n_iter_`` and the caller reports it; topic terms are stable well before the tolerance is met."""
    from threadpoolctl import threadpool_limits

    model = NMF(n_components=n_topics, init="nndsvda", random_state=random_state, max_iter=max_iter, tol=1e-4)
    # one BLAS thread: multi-threaded sums change the last digits of the weights with the thread count, so a
    # JupyterLab kernel and `make report` would write different CSVs; one thread gives the same bytes everywhere
    with warnings.catch_warnings(), threadpool_limits(1):
        warnings.simplefilter("ignore", ConvergenceWarning)
        weights = model.fit_transform(matrix)
    return model, weights


#: above this many documents ``fit_topics`` fits the topics on a seeded sample of this many (see ``fit_topics``)
NMF_SAMPLE_DOCS = 20_000
#: coordinate-descent iterations on the sample, then on the whole corpus (large-corpus path)
NMF_SAMPLE_MAX_ITER = 100
NMF_REFINE_ITER = 10


def _fit_nmf_sampled(matrix, n_topics: int, random_state: int, sample_size: int):
    """The large-corpus NMF of ``fit_topics``: same objective and settings as ``_fit_nmf``, iterated mostly on a
    sample of documents. Returns ``(model, weights)`` like ``_fit_nmf``.

    1. nndsvda initialisation from the whole matrix (a truncated SVD, linear in its non-zeros) and one
       coordinate-descent iteration on it (``NMF(init="nndsvda", max_iter=1)``, scikit-learn's public way to get
       that start): the very start of the full fit, so topics come out in the same order;
    2. at most ``NMF_SAMPLE_MAX_ITER`` iterations on ``sample_size`` documents drawn with ``random_state``,
       starting from their rows of the initial weights (cost independent of the corpus size);
    3. every document's weights for those components (``NMF.transform``: fixed components, a convex problem);
    4. ``NMF_REFINE_ITER`` iterations on the whole matrix from there, which settle the components on all documents.
    """
    from threadpoolctl import threadpool_limits

    matrix = sparse.csr_matrix(matrix, dtype=np.float64)
    # NMF.fit sorts a CSR matrix's indices in place (check_array); sort them before the first product, so the
    # sums run in one order on every call, whether or not the caller's matrix has been through NMF before
    matrix.sort_indices()
    rows = subsample(matrix.shape[0], sample_size, random_state)
    settings = dict(n_components=n_topics, random_state=random_state, tol=1e-4)
    with warnings.catch_warnings(), threadpool_limits(1):  # one BLAS thread, as in _fit_nmf
        warnings.simplefilter("ignore", ConvergenceWarning)
        start_model = NMF(init="nndsvda", max_iter=1, **settings)
        w_start = start_model.fit_transform(matrix)
        sample_model = NMF(init="custom", max_iter=NMF_SAMPLE_MAX_ITER, **settings)
        sample_model.fit(matrix[rows], W=np.ascontiguousarray(w_start[rows]), H=start_model.components_)
        del w_start
        start = sample_model.transform(matrix)
        model = NMF(init="custom", max_iter=NMF_REFINE_ITER, **settings)
        weights = model.fit_transform(matrix, W=start, H=sample_model.components_.copy())
    return model, weights


def fit_topics(
    texts: Iterable[str],
    n_topics: int,
    random_state: int = 0,
    n_terms: int = 10,
    max_features: int | None = MAX_FEATURES_TOPICS,
    matrix=None,
    vocab: Sequence[str] | None = None,
    sample_size: int | None = NMF_SAMPLE_DOCS,
):
    """NMF topics on TF-IDF. Returns ``(topic_terms, doc_topics)``, identical on every call with the same input.

    - ``topic_terms``: one row per (topic, rank): ``topic`` (1-based), ``label``, ``rank``, ``term``, ``weight``
      (the NMF component weight), the ``n_terms`` top terms of each topic.
    - ``doc_topics``: one row per document (index = position in ``texts``), one column per topic label; values are
      the document's topic shares (each row sums to 1; a document with no vocabulary terms is all zeros).

    ``n_topics`` is capped at the number of documents and of terms. Pass ``matrix`` and ``vocab`` (from
    ``tfidf_matrix``) to reuse a matrix; then ``texts`` is ignored.

    Large corpora: up to ``sample_size`` documents (default ``NMF_SAMPLE_DOCS`` = 20,000, which covers the
    12,293-article corpus) the NMF runs on the whole matrix until converged (at most 400 iterations). Above it, the
    components are fitted mostly on a seeded sample of ``sample_size`` documents and then refined on all of them
    (``_fit_nmf_sampled``): the cost grows linearly with the corpus (100,000 articles: 10.6 s CPU instead of 43 s)
    and the topics are those of the full fit (99 % of the top-10 terms shared, same topic order, same NPMI
    coherence). ``sample_size=None`` always fits the whole matrix. Both paths give the same bytes on every call,
    whatever the number of BLAS threads.
    """
    if matrix is None:
        matrix, vocab = tfidf_matrix(texts, max_features=max_features)
    vocab = np.asarray(vocab, dtype=object)
    n_docs, n_vocab = matrix.shape
    n_topics = int(max(1, min(n_topics, n_docs, n_vocab)))
    if n_vocab == 0:
        empty_terms = pd.DataFrame(columns=["topic", "label", "rank", "term", "weight"])
        return empty_terms, pd.DataFrame(index=pd.RangeIndex(n_docs, name="doc"))
    if sample_size is not None and n_docs > max(int(sample_size), n_topics):
        model, weights = _fit_nmf_sampled(matrix, n_topics, random_state, int(sample_size))
    else:
        model, weights = _fit_nmf(matrix, n_topics, random_state)
    components = model.components_
    labels = topic_labels(components, vocab)
    rows = []
    for t, comp in enumerate(components):
        order = np.lexsort((vocab.astype(str), -comp))[:n_terms]
        rows.extend((t + 1, labels[t], r + 1, str(vocab[i]), float(comp[i])) for r, i in enumerate(order) if comp[i] > 0)
    topic_terms = pd.DataFrame(rows, columns=["topic", "label", "rank", "term", "weight"])
    totals = weights.sum(axis=1, keepdims=True)
    shares = np.divide(weights, totals, out=np.zeros_like(weights), where=totals > 0)
    doc_topics = pd.DataFrame(shares, columns=labels, index=pd.RangeIndex(n_docs, name="doc"))
    return topic_terms, doc_topics


def dominant_topic(doc_topics: pd.DataFrame) -> pd.Series:
    """The label of each document's largest topic share (``None`` for documents without terms)."""
    top = doc_topics.idxmax(axis=1)
    return top.where(doc_topics.sum(axis=1) > 0, None)


def coherence_npmi(top_term_indices: Sequence[Sequence[int]], binary) -> np.ndarray:
    """Mean NPMI over all pairs of each topic's top terms, from document co-occurrence in ``binary``.

    ``binary`` is a documents x terms matrix (non-zero = the term occurs). NPMI(a, b) = log(p(a,b) / (p(a) p(b)))
    / -log p(a,b), in [-1, 1]: 1 when two terms always occur together, 0 when independent, -1 when they never
    co-occur. Returns one value per topic.
    """
    binary = sparse.csc_matrix(binary, dtype=np.float64, copy=True)
    binary.data[:] = 1.0
    n_docs = binary.shape[0]
    scores = []
    for indices in top_term_indices:
        indices = list(indices)
        if len(indices) < 2 or n_docs == 0:
            scores.append(np.nan)
            continue
        sub = binary[:, indices]
        co = (sub.T @ sub).toarray() / n_docs
        p = np.diag(co)
        values = []
        for a in range(len(indices)):
            for b in range(a + 1, len(indices)):
                p_ab = co[a, b]
                if p_ab <= 0:
                    values.append(-1.0)
                elif p_ab >= 1:
                    values.append(1.0)
                else:
                    values.append(math.log(p_ab / (p[a] * p[b])) / -math.log(p_ab))
        scores.append(float(np.mean(values)))
    return np.array(scores)


def choose_k(
    texts: Iterable[str] | None = None,
    k_values: Sequence[int] = (3, 4, 5, 6, 8, 10, 12, 15, 20),
    random_state: int = 0,
    n_terms: int = 10,
    tolerance: float = 0.01,
    matrix=None,
    vocab: Sequence[str] | None = None,
    max_iter: int = 200,
    sample_size: int | None = 5000,
):
    """Fit NMF for each k and score it; returns ``(table, chosen_k)``.

    When the corpus has more than ``sample_size`` documents, a random sample of that many (seeded with
    ``random_state``) is scored instead, which keeps the scan to seconds on 100,000 documents; the sample size is in
    ``table.attrs["n_docs"]``.

    ``table`` has one row per k: ``k``, ``reconstruction_error`` (Frobenius norm of X - WH relative to that of X;
    it always falls as k grows, so it cannot choose k alone), ``coherence`` (mean NPMI of the ``n_terms`` distinct
    top terms of each topic over document co-occurrence, see ``coherence_npmi``; higher = topics whose words really
    appear in the same documents), ``n_iter`` (NMF iterations used) and ``chosen``.

    Selection rule: the smallest k whose coherence is within ``tolerance`` of the best coherence over the range
    (parsimony among equally coherent solutions). k values larger than the number of documents or terms are skipped.
    """
    if matrix is None:
        matrix, vocab = tfidf_matrix(texts, max_features=MAX_FEATURES_TOPICS)
    matrix = sparse.csr_matrix(matrix)
    if sample_size is not None and matrix.shape[0] > sample_size:
        matrix = matrix[subsample(matrix.shape[0], sample_size, random_state)]
    n_docs, n_vocab = matrix.shape
    norm_x = sparse_norm(matrix) if matrix.nnz else 0.0
    rows = []
    for k in sorted(set(int(k) for k in k_values)):
        if k < 1 or k > min(n_docs, n_vocab):
            continue
        model, _ = _fit_nmf(matrix, k, random_state, max_iter=max_iter)
        top = [distinct_top_terms(c, vocab, n_terms) for c in model.components_]
        coherence = float(np.nanmean(coherence_npmi(top, matrix))) if n_terms > 1 else np.nan
        error = float(model.reconstruction_err_ / norm_x) if norm_x else np.nan
        rows.append((k, error, coherence, int(model.n_iter_)))
    table = pd.DataFrame(rows, columns=["k", "reconstruction_error", "coherence", "n_iter"])
    if table.empty:
        table["chosen"] = pd.Series(dtype=bool)
        return table, None
    best = table["coherence"].max()
    if np.isnan(best):
        chosen = int(table["k"].min())
    else:
        chosen = int(table.loc[table["coherence"] >= best - tolerance, "k"].min())
    table["chosen"] = table["k"] == chosen
    table.attrs["n_docs"] = int(n_docs)
    return table, chosen


def prevalence_over_time(doc_topics: pd.DataFrame, dates, freq: str = "MS") -> pd.DataFrame:
    """Topic prevalence per period, normalised by the number of documents in the period.

    Returns a long table ``period, topic, n_docs, weight_sum, share``: ``share`` = sum of the documents' topic
    shares / number of dated documents in the period, so shares of all topics in a period sum to 1 (or less when
    some documents have no terms) whatever the volume of coverage. Documents without a date are left out
    (their count is in ``table.attrs["undated"]``). ``freq`` is a pandas period alias ("MS" month, "W" week,
    "D" day).
    """
    dates = pd.to_datetime(pd.Series(list(dates), index=doc_topics.index), errors="coerce")
    dated = dates.notna()
    frame = doc_topics.loc[dated].copy()
    period_freq = "M" if freq in ("MS", "ME") else freq
    periods = dates[dated].dt.to_period(period_freq).dt.start_time
    frame["period"] = periods.values
    grouped = frame.groupby("period", sort=True)
    sums = grouped.sum()
    counts = grouped.size()
    long = sums.stack().rename("weight_sum").reset_index().rename(columns={"level_1": "topic"})
    long.columns = ["period", "topic", "weight_sum"]
    long["n_docs"] = long["period"].map(counts).astype("int64")
    long["share"] = long["weight_sum"] / long["n_docs"]
    long = long[["period", "topic", "n_docs", "weight_sum", "share"]].sort_values(["period", "topic"], kind="mergesort")
    long = long.reset_index(drop=True)
    long.attrs["undated"] = int((~dated).sum())
    return long
