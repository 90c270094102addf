"""Term counting for ``tfidf_matrix``: scikit-learn's ``CountVectorizer.fit_transform``, with terms held as integers.

Why this module exists (issue 16's rule: a re-implementation stays only where the benchmark shows the library
would miss a target). With scikit-learn's own ``TfidfVectorizer.fit_transform`` the TF-IDF stage of ``make bench``
took 18.1 s of the real corpus's 72.2 s total (target 60 s) on the 2-core machine; scikit-learn's counting
builds a Python dict of every unigram and bigram string. Here every token gets an integer id, a bigram is the pair
of its tokens' ids packed in one int64, and counting is numpy work; bigram strings are built only for the terms
that survive min_df/max_df. The text is read by the vectorizer's own public pieces (``build_preprocessor``,
``build_tokenizer``, ``get_stop_words``), so the analysis is scikit-learn's.

The result is the same count matrix bit for bit (tests compare it with ``TfidfVectorizer`` on the seeds, on
synthetic corpora with many ties, with every option ``count_supported`` accepts, and on 2,000 real articles):

- scikit-learn numbers features in order of first appearance (each document's unigrams, then its bigrams), sorts
  them alphabetically, applies the min_df/max_df mask, and keeps the ``max_features`` largest total counts with
  ``(-tfs).argsort()`` over the surviving terms in alphabetical order; the same argsort on the same float64 array
  breaks ties the same way;
- its count matrix keeps, within each row, the order of first appearance (the column renumbering does not re-sort),
  and the L2 norm is summed in that order, so the rows are laid out in that order too.
"""

from __future__ import annotations

from itertools import filterfalse
from numbers import Integral

import numpy as np
import pandas as pd
from scipy import sparse

__all__ = ["COUNT_BATCH", "count_supported", "count_terms"]

#: documents per batch (bounds the memory of the per-token arrays)
COUNT_BATCH = 2000
#: a bigram (a, b) of unigram ids is coded as ((a + 1) << _ID_BITS) | b, above every unigram id
_ID_BITS = 31


def count_supported(vectorizer) -> bool:
    """Settings ``count_terms`` replicates: word unigrams and/or bigrams, learnt vocabulary, float64 counts."""
    min_n, max_n = vectorizer.ngram_range
    return (vectorizer.analyzer == "word" and vectorizer.input == "content" and vectorizer.vocabulary is None
            and 1 <= min_n <= max_n <= 2 and np.dtype(vectorizer.dtype) == np.float64)


def _words(doc: str, preprocess, tokenize, stop_words) -> list[str]:
    tokens = tokenize(preprocess(doc))
    # filterfalse keeps the same tokens in the same order as scikit-learn's [w for w in tokens if w not in stop]
    return tokens if stop_words is None else list(filterfalse(stop_words.__contains__, tokens))


def _count_batch(texts: list[str], start: int, analysis, unigram_ids: dict, ngram_range):
    """One batch's feature keys in order of first appearance, its first document, entries per document, and per
    entry (documents in order, features in order of first appearance) the position of its key and its count."""
    min_n, max_n = ngram_range
    tokens, lengths = [], []
    for doc in texts:
        words = _words(doc, *analysis)
        tokens += words
        lengths.append(len(words))
    if not tokens:
        return None
    codes, uniques = pd.factorize(np.array(tokens, dtype=object))
    del tokens
    new_id = unigram_ids.setdefault
    ids = np.array([new_id(u, len(unigram_ids)) for u in uniques], dtype=np.int64)[codes]
    lengths = np.array(lengths, dtype=np.int64)
    doc_of_token = np.repeat(np.arange(len(lengths)), lengths)
    token_start = np.cumsum(lengths) - lengths
    # the analyzer's feature stream: each document's unigrams, then its bigrams
    n_uni = lengths if min_n == 1 else np.zeros_like(lengths)
    n_bi = np.maximum(lengths - 1, 0) if max_n == 2 else np.zeros_like(lengths)
    feature_start = np.cumsum(n_uni + n_bi) - (n_uni + n_bi)
    keys = np.empty(int((n_uni + n_bi).sum()), dtype=np.int64)
    rows = np.repeat(np.arange(len(lengths)), n_uni + n_bi)
    offset = np.arange(len(ids)) - token_start[doc_of_token]  # position of each token in its document
    if min_n == 1:
        keys[feature_start[doc_of_token] + offset] = ids
    if max_n == 2:
        pair = np.flatnonzero(doc_of_token[1:] == doc_of_token[:-1])  # token i and i + 1 in one document
        doc = doc_of_token[pair]
        keys[feature_start[doc] + n_uni[doc] + offset[pair]] = ((ids[pair] + 1) << _ID_BITS) | ids[pair + 1]
    position, batch_keys = pd.factorize(keys)  # keys in order of first appearance
    cells, counts = np.unique(rows * len(batch_keys) + position, return_counts=True)
    row_lengths = np.bincount(cells // len(batch_keys), minlength=len(lengths))
    return batch_keys, start, row_lengths, (cells % len(batch_keys)).astype(np.int32), counts.astype(np.int32)


def count_terms(vectorizer, texts: list[str]):
    """``(counts, terms)`` equal to ``CountVectorizer(**vectorizer's settings).fit_transform(texts)`` and its
    feature names, for the settings of ``count_supported``. Raises ``ValueError`` where scikit-learn does (empty
    vocabulary, min_df above max_df, nothing left after pruning)."""
    vectorizer.build_analyzer()  # scikit-learn's own checks and its stop-word consistency warning, if any
    analysis = (vectorizer.build_preprocessor(), vectorizer.build_tokenizer(), vectorizer.get_stop_words())
    n_docs = len(texts)
    unigram_ids: dict[str, int] = {}
    batches = []
    for start in range(0, n_docs, COUNT_BATCH):
        batch = _count_batch(texts[start:start + COUNT_BATCH], start, analysis, unigram_ids, vectorizer.ngram_range)
        if batch is not None:
            batches.append(batch)
    if not batches:
        raise ValueError("empty vocabulary; perhaps the documents only contain stop words")
    # global feature numbers; first_seen ranks them in order of first appearance in the corpus
    all_keys, first_seen, feature = np.unique(np.concatenate([b[0] for b in batches]), return_index=True,
                                              return_inverse=True)
    n_features = len(all_keys)
    feature = feature.ravel().astype(np.int32 if n_features < 2**31 else np.int64)
    df = np.zeros(n_features, dtype=np.int64)
    tf = np.zeros(n_features, dtype=np.float64)
    offset = 0
    for i, (batch_keys, start, row_lengths, position, counts) in enumerate(batches):
        columns = feature[offset:offset + len(batch_keys)][position]
        offset += len(batch_keys)
        if vectorizer.binary:
            counts[:] = 1
        df += np.bincount(columns, minlength=n_features)
        tf += np.bincount(columns, weights=counts, minlength=n_features)
        batches[i] = (start, row_lengths, columns, counts)
    del feature

    max_df, min_df, max_features = vectorizer.max_df, vectorizer.min_df, vectorizer.max_features
    high = max_df if isinstance(max_df, Integral) else max_df * n_docs
    low = min_df if isinstance(min_df, Integral) else min_df * n_docs
    if high < low:
        raise ValueError("max_df corresponds to < documents than min_df")
    kept = np.flatnonzero((df <= high) & (df >= low))
    words = list(unigram_ids)
    unigram = all_keys[kept] < (1 << _ID_BITS)
    terms = [words[k] if is_unigram else words[(k >> _ID_BITS) - 1] + " " + words[k & ((1 << _ID_BITS) - 1)]
             for k, is_unigram in zip(all_keys[kept].tolist(), unigram.tolist())]
    alphabetical = np.array(sorted(range(len(terms)), key=terms.__getitem__), dtype=np.int64)
    if max_features is not None and len(kept) > max_features:
        most_frequent = (-tf[kept][alphabetical]).argsort()[:max_features]  # scikit-learn's very call
        alphabetical = alphabetical[np.sort(most_frequent)]
    if len(alphabetical) == 0:
        raise ValueError("After pruning, no terms remain. Try a lower min_df or a higher max_df.")
    column_of = np.full(n_features, -1, dtype=np.int64)
    column_of[kept[alphabetical]] = np.arange(len(alphabetical))
    seen_rank = first_seen[kept[alphabetical]]  # of each final column
    terms = [terms[i] for i in alphabetical.tolist()]
    del all_keys, first_seen, df, tf, kept

    indices, data, row_counts = [], [], np.zeros(n_docs, dtype=np.int64)
    while batches:
        start, row_lengths, columns, counts = batches.pop(0)
        rows = np.repeat(np.arange(start, start + len(row_lengths)), row_lengths)
        columns = column_of[columns]
        keep = columns >= 0
        rows, columns, counts = rows[keep], columns[keep], counts[keep]
        order = np.lexsort((seen_rank[columns], rows))
        indices.append(columns[order].astype(np.int32))
        data.append(counts[order].astype(np.float64))
        row_counts += np.bincount(rows, minlength=n_docs)
    indptr = np.concatenate([[0], np.cumsum(row_counts)])
    index_dtype = np.int32 if indptr[-1] <= np.iinfo(np.int32).max else np.int64
    counts = sparse.csr_matrix((np.concatenate(data), np.concatenate(indices).astype(index_dtype),
                                indptr.astype(index_dtype)), shape=(n_docs, len(terms)))
    return counts, terms
