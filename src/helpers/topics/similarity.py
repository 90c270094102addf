"""Cosine similarity between TF-IDF rows: the full matrix or pairs above a threshold, near-duplicate pairs, and
mean similarity between and within groups (outlets) without an n x n matrix."""

from __future__ import annotations

from typing import Sequence

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.preprocessing import normalize

__all__ = ["similarity", "group_similarity", "near_duplicates"]


def similarity(matrix, threshold: float | None = None, chunk_size: int = 500):
    """Cosine similarity between the rows of a TF-IDF matrix.

    Without ``threshold``: a dense ``n x n`` array (use for up to a few thousand documents). With ``threshold``: a
    sparse upper-triangular matrix holding only pairs ``i < j`` with similarity >= threshold, computed
    ``chunk_size`` rows at a time so 100,000 documents fit in memory.
    """
    matrix = normalize(sparse.csr_matrix(matrix), norm="l2")
    if threshold is None:
        sim = (matrix @ matrix.T).toarray()
        np.fill_diagonal(sim, np.where(matrix.getnnz(axis=1) > 0, 1.0, 0.0))
        return np.clip(sim, 0.0, 1.0)
    n = matrix.shape[0]
    rows, cols, vals = [], [], []
    transposed = matrix.T.tocsc()
    for lo in range(0, n, chunk_size):
        hi = min(n, lo + chunk_size)
        block = (matrix[lo:hi] @ transposed).tocoo()
        keep = (block.data >= threshold) & (block.col > block.row + lo)
        rows.append(block.row[keep] + lo)
        cols.append(block.col[keep])
        vals.append(np.minimum(block.data[keep], 1.0))
    if rows:
        rows, cols, vals = np.concatenate(rows), np.concatenate(cols), np.concatenate(vals)
    return sparse.csr_matrix((vals, (rows, cols)), shape=(n, n))


def group_similarity(matrix, groups: Sequence) -> pd.DataFrame:
    """Mean cosine similarity between the documents of each pair of groups (e.g. outlets), without an n x n matrix.

    For L2-normalised rows, the mean over pairs (a in A, b in B) of a·b equals (sum A)·(sum B) / (|A| |B|); within a
    group the document's similarity with itself is left out: (|sum A|^2 - |A|) / (|A| (|A| - 1)). Documents without
    terms are left out. Returns a square DataFrame (groups sorted) with NaN on the diagonal of one-document groups.
    """
    matrix = normalize(sparse.csr_matrix(matrix), norm="l2")
    groups = pd.Series(list(groups))
    has_terms = matrix.getnnz(axis=1) > 0
    codes, names = pd.factorize(groups[has_terms], sort=True)
    indicator = sparse.csr_matrix((np.ones(len(codes)), (codes, np.arange(len(codes)))), shape=(len(names), len(codes)))
    sums = indicator @ matrix[has_terms]
    counts = np.bincount(codes, minlength=len(names)).astype(float)
    dots = (sums @ sums.T).toarray()
    table = dots / np.outer(counts, counts)
    within = np.divide(np.diag(dots) - counts, counts * (counts - 1), out=np.full(len(names), np.nan),
                       where=counts > 1)
    np.fill_diagonal(table, within)
    return pd.DataFrame(table, index=pd.Index(names, name="group"), columns=pd.Index(names, name="group"))


def near_duplicates(sim, threshold: float = 0.8, ids: Sequence | None = None) -> pd.DataFrame:
    """Pairs of documents with cosine similarity >= ``threshold``: ``doc_a, doc_b, similarity`` (a before b).

    ``sim`` is the output of ``similarity`` (dense or sparse). Sorted by similarity (highest first), then by ids.
    The default 0.8 on TF-IDF cosine flags syndicated copies and lightly edited rewrites of one wire story;
    follow-up stories on the same event typically score 0.3-0.6.
    """
    if sparse.issparse(sim):
        coo = sparse.triu(sim, k=1).tocoo()
        keep = coo.data >= threshold
        a, b, v = coo.row[keep], coo.col[keep], coo.data[keep]
    else:
        sim = np.asarray(sim)
        a, b = np.triu_indices(sim.shape[0], k=1)
        v = sim[a, b]
        keep = v >= threshold
        a, b, v = a[keep], b[keep], v[keep]
    names = np.arange(sim.shape[0]) if ids is None else np.asarray(list(ids), dtype=object)
    table = pd.DataFrame({"doc_a": names[a], "doc_b": names[b], "similarity": v.astype(float)})
    table = table.sort_values(["similarity", "doc_a", "doc_b"], ascending=[False, True, True], kind="mergesort")
    return table.reset_index(drop=True)
