"""TF-IDF with settings scaled to the corpus size, and each document's distinctive terms.

- ``build_vectorizer(n_docs)`` -> scikit-learn's ``TfidfVectorizer`` with min_df/max_df scaled to the corpus size
  (table in ``helpers.topics``)
- ``tfidf_matrix(texts)`` -> ``(matrix, vocab)``: ``build_vectorizer(len(texts)).fit_transform(texts)``
- ``hashed_tfidf(texts)`` -> the same without a vocabulary in memory; ``hashed_vectorizer`` its hasher
- ``restrict_vocabulary(matrix, vocab)`` -> the topic-model matrix cut from the distinctive-terms matrix
- ``top_terms(matrix, vocab, k)`` -> the ``k`` highest-weighted terms of every document (long table)

The stop words are English (scikit-learn's list plus ``data/stopwords_news.txt``): when the texts are not all
English, ``tfidf_matrix`` and ``hashed_tfidf`` warn (:class:`helpers.language.EnglishOnlyWarning`), reading the
language of up to ``LANGUAGE_SAMPLE`` evenly spaced texts (or the ``languages`` passed in, e.g. the articles'
``language`` column), unless the caller chose its own ``stop_words``.

The vectorizers are scikit-learn's own, with public options only (``strip_accents="unicode"``, ``token_pattern``,
``stop_words``). Measured cost against the hand-written analyzer and counter this module held before (the same
vocabulary and matrix bit for bit, through private scikit-learn API), CPU seconds / peak memory of the call:
12,293 real articles 7.8 s -> 28.4 s (+111 MB -> +337 MB); 100,000 scaled articles 65.7 s -> 114.9 s (peak
2.78 GB -> 2.67 GB). The ``make bench`` targets (real corpus 60 s, 100,000 articles 8 min and 4 GB) are met.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterable, Sequence

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, HashingVectorizer, TfidfTransformer, TfidfVectorizer
from sklearn.preprocessing import normalize

from helpers.language import ENGLISH_ONLY_MEASURES, english_only
from helpers.topics.counts import count_supported, count_terms
from helpers.package_data import read_table

__all__ = [
    "TOKEN_PATTERN",
    "MAX_FEATURES_TERMS",
    "MAX_FEATURES_TOPICS",
    "LANGUAGE_SAMPLE",
    "news_stop_words",
    "build_vectorizer",
    "stop_words_notice",
    "tfidf_matrix",
    "hashed_tfidf",
    "hashed_vectorizer",
    "restrict_vocabulary",
    "top_terms",
]

#: two or more letters; digits and underscores never part of a token
TOKEN_PATTERN = r"(?u)\b[^\W\d_]{2,}\b"
#: vocabulary bounds: distinctive terms, topic models
MAX_FEATURES_TERMS = 50_000
MAX_FEATURES_TOPICS = 10_000
#: texts whose language is read before English stop words are applied (evenly spaced: the same on every run)
LANGUAGE_SAMPLE = 300


@lru_cache(maxsize=1)
def news_stop_words() -> frozenset[str]:
    """scikit-learn's English stop words plus the news furniture listed in ``data/stopwords_news.txt``."""
    table = read_table("stopwords_news.txt")
    return frozenset(ENGLISH_STOP_WORDS) | frozenset(table["word"].str.strip().str.lower())


def _df_bounds(n_docs: int) -> tuple[int, float]:
    if n_docs < 10:
        return 1, 1.0
    if n_docs < 100:
        return 1, 0.95
    if n_docs < 1000:
        return 2, 0.8
    return max(2, n_docs // 2000), 0.5


def _token_options(ngram_range) -> dict:
    """How both vectorizers read a text: lower case, accents stripped, ``TOKEN_PATTERN`` tokens, news stop words."""
    return dict(lowercase=True, strip_accents="unicode", token_pattern=TOKEN_PATTERN,
                stop_words=sorted(news_stop_words()), ngram_range=ngram_range)


def build_vectorizer(n_docs: int, max_features: int | None = MAX_FEATURES_TERMS, ngram_range=(1, 2), **overrides):
    """A ``TfidfVectorizer`` with min_df/max_df scaled to ``n_docs`` (see ``helpers.topics`` for the table).

    Any keyword in ``overrides`` replaces the default of the same name.
    """
    min_df, max_df = _df_bounds(int(n_docs))
    options = dict(
        **_token_options(ngram_range),
        min_df=min_df,
        max_df=max_df,
        max_features=max_features,
        sublinear_tf=True,
        norm="l2",
        dtype=np.float64,
    )
    options.update(overrides)
    return TfidfVectorizer(**options)


def _as_texts(texts: Iterable[str]) -> list[str]:
    return [t if isinstance(t, str) else "" for t in texts]


def stop_words_notice(texts: Sequence[str], languages: Sequence[str] | None = None) -> str | None:
    """Warn and return the notice when ``texts`` are not all English (the stop words are English); else ``None``.

    ``languages`` (one code per text, e.g. the articles' ``language`` column) is used when given; otherwise the
    language of up to ``LANGUAGE_SAMPLE`` evenly spaced texts is detected and the notice says so.
    """
    texts = list(texts)
    consequence = ENGLISH_ONLY_MEASURES["topic stop words"]
    if languages is not None:
        frame = pd.DataFrame({"text": texts, "language": list(languages)})
    else:
        positions = np.unique(np.linspace(0, len(texts) - 1, min(len(texts), LANGUAGE_SAMPLE)).astype(np.int64))
        sample = [texts[i] for i in positions]
        frame = pd.DataFrame({"text": sample})
        if len(sample) < len(texts):
            consequence += f" (language read on {len(sample):,} of {len(texts):,} texts, evenly spaced)"
    if frame.empty:
        return None
    return english_only(frame, "topic stop words", consequence, stacklevel=4)


def tfidf_matrix(texts: Iterable[str], max_features: int | None = MAX_FEATURES_TERMS,
                 languages: Sequence[str] | None = None, **overrides):
    """TF-IDF of ``texts`` with the scaled defaults: returns ``(matrix, vocab)`` (CSR, numpy array of terms).

    ``build_vectorizer(len(texts), max_features, **overrides).fit_transform(texts)``, bit for bit, with the counting
    done by :mod:`helpers.topics.counts`. When every document is empty
    or made of stop words (or min_df/max_df prune everything) the matrix has zero columns. Warns when the texts
    are not all English (:func:`stop_words_notice`; ``languages``: one code per text, if known) unless
    ``stop_words`` is overridden.
    """
    texts = _as_texts(texts)
    if "stop_words" not in overrides:
        stop_words_notice(texts, languages)
    vectorizer = build_vectorizer(len(texts), max_features=max_features, **overrides)
    try:
        if not count_supported(vectorizer):
            matrix = vectorizer.fit_transform(texts)
            return matrix.tocsr(), np.asarray(vectorizer.get_feature_names_out(), dtype=object)
        counts, terms = count_terms(vectorizer, texts)  # CountVectorizer's counts, bit for bit, in half the CPU
    except ValueError:  # empty vocabulary (all stop words), or min_df/max_df prune everything
        return sparse.csr_matrix((len(texts), 0)), np.array([], dtype=object)
    # the same transformer, on the same count matrix, as TfidfVectorizer.fit_transform
    tfidf = TfidfTransformer(norm=vectorizer.norm, use_idf=vectorizer.use_idf, smooth_idf=vectorizer.smooth_idf,
                             sublinear_tf=vectorizer.sublinear_tf)
    matrix = tfidf.fit(counts).transform(counts, copy=False)
    return matrix.tocsr(), np.asarray(terms, dtype=object)


def hashed_tfidf(texts: Iterable[str], n_features: int = 2**20, batch_size: int = 10_000, ngram_range=(1, 2)):
    """TF-IDF without a vocabulary pass, for corpora that do not fit in memory as text.

    ``texts`` may be any iterable (a generator reading a file in chunks): it is hashed ``batch_size`` documents at a
    time with the same tokenizer and stop words as ``build_vectorizer``, so only the sparse counts are held (the
    first batch's language is checked: a warning when it is not all English). Returns
    a CSR matrix (documents x ``n_features`` hashed columns; sublinear tf, smoothed IDF, L2 rows). Columns carry no
    term; recover a column's term by hashing candidate words with ``hashed_vectorizer(n_features)``. No min_df /
    max_df pruning: a term's hash may be shared with another term (rare with 2**20 columns).
    """
    hasher = hashed_vectorizer(n_features, ngram_range)
    blocks, batch = [], []
    for text in texts:
        batch.append(text if isinstance(text, str) else "")
        if len(batch) >= batch_size:
            if not blocks:  # the language of the first batch stands for the stream (English stop words)
                stop_words_notice(batch)
            blocks.append(hasher.transform(batch))
            batch = []
    if batch and not blocks:
        stop_words_notice(batch)
    if batch or not blocks:
        blocks.append(hasher.transform(batch))
    counts = sparse.vstack(blocks).tocsr()
    return TfidfTransformer(sublinear_tf=True, smooth_idf=True, norm="l2").fit_transform(counts).tocsr()


def hashed_vectorizer(n_features: int = 2**20, ngram_range=(1, 2)) -> HashingVectorizer:
    """The ``HashingVectorizer`` used by ``hashed_tfidf`` (raw counts, no sign flipping)."""
    return HashingVectorizer(
        n_features=n_features,
        **_token_options(ngram_range),
        alternate_sign=False,
        norm=None,
    )


def restrict_vocabulary(matrix, vocab: Sequence[str], max_features: int = MAX_FEATURES_TOPICS):
    """Keep the ``max_features`` columns used by the most documents (ties: vocabulary order) and re-normalise rows.

    Gives a topic-model matrix from an existing distinctive-terms matrix without a second pass over the texts
    (a second ``tfidf_matrix`` call costs as much as the first on a large corpus). Returns ``(matrix, vocab)``.
    """
    matrix = sparse.csr_matrix(matrix)
    vocab = np.asarray(vocab, dtype=object)
    if matrix.shape[1] <= max_features:
        return matrix, vocab
    df = matrix.getnnz(axis=0)
    keep = np.sort(np.argsort(-df, kind="stable")[:max_features])
    return normalize(matrix[:, keep], norm="l2"), vocab[keep]


#: rows per block in ``top_terms`` (its sort keys take ~60 bytes per stored entry; blocks keep that small)
TOP_TERMS_BLOCK = 5000


def top_terms(matrix, vocab: Sequence[str], k: int = 10, doc_ids: Sequence | None = None) -> pd.DataFrame:
    """The ``k`` highest-weighted terms of each document: ``doc, rank, term, weight`` (rank 1 = highest).

    Ties are broken alphabetically so the table is the same on every run. Documents without terms have no rows.
    ``doc`` is the row position, or the matching entry of ``doc_ids`` when given. Rows are ranked
    ``TOP_TERMS_BLOCK`` at a time (each row's ranking depends only on the row), so memory stays bounded.
    """
    matrix = sparse.csr_matrix(matrix)
    vocab = np.asarray(vocab, dtype=object)
    ids = list(range(matrix.shape[0])) if doc_ids is None else list(doc_ids)
    _, term_rank = np.unique(vocab.astype(str), return_inverse=True)  # alphabetical rank of each column's term
    term_rank = term_rank.ravel()
    parts = [_top_terms_block(matrix[lo:lo + TOP_TERMS_BLOCK], term_rank, vocab, k, ids[lo:lo + TOP_TERMS_BLOCK])
             for lo in range(0, matrix.shape[0], TOP_TERMS_BLOCK)]
    rows = [row for part in parts for row in part]
    return pd.DataFrame(rows, columns=["doc", "rank", "term", "weight"])


def _top_terms_block(matrix, term_rank: np.ndarray, vocab: np.ndarray, k: int, ids: list) -> list[tuple]:
    # one stable sort of all entries by (row, -weight, term) does each row's np.lexsort((terms, -weights)) at once;
    # equal terms share a rank, so remaining ties keep the entries' order within the row, as lexsort does
    term_rank = term_rank[matrix.indices]
    row_of = np.repeat(np.arange(matrix.shape[0], dtype=np.int64), np.diff(matrix.indptr))
    _, weight_rank = np.unique(-matrix.data, return_inverse=True)
    n_weights, n_terms = int(weight_rank.max(initial=0)) + 1, max(len(vocab), 1)
    if matrix.shape[0] * n_weights * n_terms < 2**62:  # the three keys packed in one int64: a single argsort
        key = (row_of * n_weights + weight_rank.ravel()) * n_terms + term_rank
        order = np.argsort(key)
        if (key[order[1:]] == key[order[:-1]]).any():  # equal keys: only a stable sort keeps the row order
            order = np.argsort(key, kind="stable")
    else:
        order = np.lexsort((term_rank, -matrix.data, row_of))
    rank = np.arange(len(order)) - matrix.indptr[row_of[order]]  # 0-based rank within the row
    order, rank = order[rank < k], rank[rank < k]
    docs = [ids[row] for row in row_of[order].tolist()]
    return list(zip(docs, (rank + 1).tolist(), vocab[matrix.indices[order]].tolist(), matrix.data[order].tolist()))
