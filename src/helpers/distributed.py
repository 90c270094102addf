"""The per-article stages on Dask: the same helpers functions, on a local cluster or on a real one.

One machine is enough for the real corpus and for 100,000 articles (``helpers.parallel`` uses its cores). Beyond
that, the per-article stages — sentences, claims, dates, sentiment, framing — run unchanged on Dask: the articles
are cut into partitions, each partition goes to a worker, the worker calls exactly the function that
``helpers.stages`` names (``sentence_table``, ``claims_for_corpus``, ``framing_tables`` …) and the results come back
in partition order and are joined as on one machine. The results are equal to the single-process ones
(``tests/test_distributed.py`` checks it on a two-worker ``LocalCluster``).

- ``get_client(address=None)`` -> a ``dask.distributed.Client``: connected to ``address``, else to the scheduler
  named by the environment variable ``HELPERS_DASK_SCHEDULER`` (e.g. ``tcp://10.0.0.5:8786``), else to a new
  ``LocalCluster`` with one single-threaded worker process per core. ``close_client(client)`` closes it (and the
  local cluster it started).
- ``map_stage(name, data, client)`` -> the stage's result. ``data`` is an articles DataFrame (or, for
  ``sentiment``, the sentence table), cut into ``npartitions`` contiguous partitions, or a ``dask.dataframe``
  whose partitions are used as they are (read with ``dask.dataframe.read_csv`` / ``read_parquet`` on the workers,
  so the corpus never has to fit in one process). Uses ``dask.bag`` over the partitions.
- ``run_stage(name, articles, sentence_frame, client)``: the same dispatch as ``helpers.stages.run_stage`` —
  per-article stages on the cluster, TF-IDF and topics as below.
- ``hashed_tfidf(texts, client)``: TF-IDF without a vocabulary, for corpora that do not fit in memory: each
  partition is hashed on a worker (``helpers.topics.hashed_vectorizer``, the tokenizer and stop words of the
  topics module), a reduction sums document frequencies, and each partition is weighted (sublinear tf, smoothed
  IDF, L2 rows) on its worker: equal to ``helpers.topics.hashed_tfidf`` of the same texts. Returns the partitions
  as futures (``gather=False``) or one CSR matrix.
- ``hashed_topics(texts, client, n_topics)``: NMF topics on the hashed TF-IDF (``helpers.topics.fit_topics`` with
  ``matrix=``, restricted to the columns some document uses), columns named by hashing the vocabulary of a sample
  of documents, cut as the in-memory topic matrix is (``topic_columns``: the min_df/max_df bounds of
  ``helpers.topics``, then the 10,000 most widespread columns). Close to, not the same as, ``fit_topics(texts)``:
  hashed columns may merge terms, and IDF comes from the uncut matrix.

Pointing it at a real cluster: start a scheduler (``dask scheduler``) and workers (``dask worker
tcp://host:8786``) on machines where this project is installed (``pip install -e .`` so ``helpers`` imports), then
``export HELPERS_DASK_SCHEDULER=tcp://host:8786`` and run ``make bench DASK=1`` or call ``get_client()``.
"""

from __future__ import annotations

import os
from numbers import Integral

import numpy as np
import pandas as pd

from helpers.parallel import chunk_bounds, default_jobs
from helpers.stages import N_TOPICS, stage, stage_input
from helpers.stats import subsample
from helpers.topics import MAX_FEATURES_TOPICS

__all__ = [
    "SCHEDULER_ENV", "get_client", "close_client", "partitions", "map_stage", "run_stage", "hashed_tfidf",
    "hashed_topics", "topic_columns",
]

#: environment variable naming a running Dask scheduler, e.g. ``tcp://10.0.0.5:8786``
SCHEDULER_ENV = "HELPERS_DASK_SCHEDULER"
#: partitions per worker when the input is an in-memory DataFrame
PARTITIONS_PER_WORKER = 4


def get_client(address: str | None = None, n_workers: int | None = None, **cluster_options):
    """A Dask client: to ``address``, else to ``$HELPERS_DASK_SCHEDULER``, else to a new local cluster.

    The local cluster has ``n_workers`` (default: ``HELPERS_JOBS`` or the number of cores) single-threaded worker
    processes (the stages are pure Python: threads would share one interpreter lock) and no dashboard unless
    ``dashboard_address`` is given.
    """
    from dask.distributed import Client, LocalCluster

    address = address or os.environ.get(SCHEDULER_ENV, "").strip() or None
    if address:
        return Client(address)
    options = dict(n_workers=n_workers or default_jobs(), threads_per_worker=1, processes=True,
                   dashboard_address=None)
    options.update(cluster_options)
    cluster = LocalCluster(**options)
    client = Client(cluster)
    client._helpers_own_cluster = cluster  # closed by close_client
    return client


def close_client(client) -> None:
    """Close ``client`` and, when ``get_client`` started it, its local cluster."""
    cluster = getattr(client, "_helpers_own_cluster", None)
    client.close()
    if cluster is not None:
        cluster.close()


def _n_workers(client) -> int:
    try:
        return max(1, len(client.scheduler_info()["workers"]))
    except Exception:
        return 1


def partitions(data, n: int) -> list:
    """``data`` (DataFrame, Series, list) cut into ``n`` contiguous pieces, in order."""
    take = (lambda a, b: data.iloc[a:b]) if isinstance(data, (pd.DataFrame, pd.Series)) else (lambda a, b: data[a:b])
    return [take(a, b) for a, b in chunk_bounds(len(data), n)]


def _bag_of_partitions(data, client, npartitions: int | None):
    """A ``dask.bag`` with one element per partition of ``data`` (each element a DataFrame / list chunk)."""
    import dask
    import dask.bag as db
    import dask.dataframe as dd

    if isinstance(data, dd.DataFrame):
        pieces = data.to_delayed()
    else:
        n = npartitions or min(len(data), _n_workers(client) * PARTITIONS_PER_WORKER) or 1
        pieces = client.scatter(partitions(data, n))  # one future per partition, held by the workers
    return db.from_delayed([dask.delayed(_single)(p) for p in pieces])


def _single(part) -> list:
    return [part]


def map_stage(name: str, data, client, npartitions: int | None = None):
    """Run the per-article stage ``name`` of ``helpers.stages`` on the cluster; combine as on one machine."""
    s = stage(name)
    if not s.per_article:
        raise ValueError(f"stage {name!r} needs the whole corpus at once; use run_stage (hashed TF-IDF/topics)")
    bag = _bag_of_partitions(data, client, npartitions)
    results = bag.map(s.run).compute(scheduler=client)
    return s.combine(list(results))


def run_stage(name: str, articles: pd.DataFrame, sentence_frame: pd.DataFrame | None = None, client=None,
              npartitions: int | None = None, tfidf_result=None):
    """``helpers.stages.run_stage`` on Dask: per-article stages via ``map_stage``; ``tfidf`` is the hashed
    TF-IDF (partitions hashed on the workers, one IDF pass) and ``topics`` NMF on it (on ``tfidf_result``, the
    ``tfidf`` stage's matrix, when given)."""
    own = client is None
    client = client or get_client()
    try:
        s = stage(name)
        if s.per_article:
            return map_stage(name, stage_input(s, articles, sentence_frame), client, npartitions)
        texts = articles["text"].fillna("").tolist()
        if name == "tfidf":
            return hashed_tfidf(texts, client, npartitions=npartitions)
        if name == "topics":
            return hashed_topics(texts, client, N_TOPICS, npartitions=npartitions, matrix=tfidf_result)
        return s.run(texts)
    finally:
        if own:
            close_client(client)


# ---------------------------------------------------------------------------------------------------------------
# hashed TF-IDF and topics


def _hash_counts(texts: list, n_features: int, ngram_range: tuple[int, int]):
    from helpers.topics import hashed_vectorizer

    texts = [t if isinstance(t, str) else "" for t in texts]
    return hashed_vectorizer(n_features, ngram_range).transform(texts).tocsr()


def _n_rows(matrix) -> int:
    return int(matrix.shape[0])


def _document_frequency(counts) -> np.ndarray:
    return np.bincount(counts.indices, minlength=counts.shape[1]).astype(np.float64)


def _weight(counts, idf: np.ndarray):
    from sklearn.preprocessing import normalize

    weighted = counts.astype(np.float64).tocsr(copy=True)
    np.log(weighted.data, out=weighted.data)
    weighted.data += 1.0  # sublinear tf: 1 + log(tf)
    weighted = weighted.multiply(idf[None, :]).tocsr()
    return normalize(weighted, norm="l2", copy=False)


def hashed_tfidf(texts, client, n_features: int = 2**20, ngram_range: tuple[int, int] = (1, 2),
                 npartitions: int | None = None, gather: bool = True):
    """TF-IDF of ``texts`` (a list, or a ``dask.bag`` of texts) with hashed columns, computed on the cluster.

    Equal to ``helpers.topics.hashed_tfidf(texts, n_features, ngram_range=ngram_range)``: smoothed IDF
    ``ln((1 + n) / (1 + df)) + 1``, sublinear tf, L2-normalised rows. With ``gather=False`` the weighted
    partitions stay on the workers and a list of futures (in document order) is returned.
    """
    import dask.bag as db
    import dask.dataframe as dd
    from scipy import sparse

    if isinstance(texts, (db.Bag, dd.Series)):  # partitions read on the workers: never in this process
        part_futures = client.compute(texts.to_delayed())
    else:
        texts = list(texts)
        n = npartitions or max(1, min(len(texts), _n_workers(client) * PARTITIONS_PER_WORKER))
        part_futures = client.scatter(partitions(texts, n))
    counts = client.map(_hash_counts, part_futures, n_features=n_features, ngram_range=tuple(ngram_range))
    sizes = client.gather(client.map(_n_rows, counts))
    frequencies = client.map(_document_frequency, counts)
    df = client.submit(sum, frequencies).result()  # one reduction: document frequency of every column
    n_docs = int(sum(sizes))
    idf = np.log((1.0 + n_docs) / (1.0 + df)) + 1.0
    idf_future = client.scatter(idf, broadcast=True)
    weighted = client.map(_weight, counts, idf=idf_future)
    if not gather:
        return weighted
    blocks = client.gather(weighted)
    if not blocks:
        return sparse.csr_matrix((0, n_features))
    return sparse.vstack(blocks, format="csr")


def hashed_vocabulary(texts, n_features: int = 2**20, ngram_range: tuple[int, int] = (1, 2),
                      sample_size: int = 5000, seed: int = 0) -> np.ndarray:
    """A name for every hashed column: of the terms of a seeded sample's vocabulary that hash to it, the one used by
    the most sampled documents (ties: alphabetical order); ``"#<column>"`` for columns no sampled term hits.

    Several terms share a column when their hashes collide (with 2**20 columns, a few per cent of a large
    vocabulary); the most widespread one is the term that carries the column's weight in almost every document.
    """
    from helpers.topics import build_vectorizer, hashed_vectorizer

    texts = [t if isinstance(t, str) else "" for t in texts]
    if len(texts) > sample_size:
        texts = [texts[i] for i in subsample(len(texts), sample_size, seed)]
    vocab = np.array([f"#{i}" for i in range(n_features)], dtype=object)
    try:
        fitted = build_vectorizer(len(texts), max_features=None, ngram_range=ngram_range).fit(texts)
    except ValueError:  # nothing but stop words
        return vocab
    names = fitted.get_feature_names_out()  # alphabetical
    columns = np.full(len(names), -1, dtype=np.int64)
    n_words = np.char.count(names.astype(str), " ") + 1
    for n in range(ngram_range[0], ngram_range[1] + 1):
        group = np.flatnonzero(n_words == n)
        if not len(group):
            continue
        # an n-gram alone in a document hashes to exactly one column of an (n, n) hasher: the term's own
        hashed = hashed_vectorizer(n_features, (n, n)).transform(names[group].tolist()).tocsr()
        hit = np.diff(hashed.indptr) > 0
        columns[group[hit]] = hashed.indices[hashed.indptr[:-1][hit]]
    # idf falls as document frequency rises: most widespread first, alphabetical among equals (stable sort)
    order = np.argsort(fitted.idf_, kind="stable")
    order = order[columns[order] >= 0]
    first = np.unique(columns[order], return_index=True)[1]  # each column's first term in that order
    winners = order[first]
    vocab[columns[winners]] = names[winners]
    return vocab


def hashed_topics(texts, client, n_topics: int = N_TOPICS, n_features: int = 2**20, npartitions: int | None = None,
                  random_state: int = 0, matrix=None, max_features: int = MAX_FEATURES_TOPICS):
    """NMF topics (``helpers.topics.fit_topics``) on the cluster-computed hashed TF-IDF (``matrix``, the output of
    ``hashed_tfidf(texts, client, n_features)``, is computed when not given)."""
    from helpers.topics import fit_topics

    texts = list(texts)
    if matrix is None:
        matrix = hashed_tfidf(texts, client, n_features=n_features, npartitions=npartitions)
    vocab = hashed_vocabulary(texts, matrix.shape[1])
    matrix, kept = topic_columns(matrix, max_features=max_features)
    return fit_topics(None, n_topics, random_state=random_state, matrix=matrix, vocab=vocab[kept])


def topic_columns(matrix, max_features: int = MAX_FEATURES_TOPICS):
    """The hashed TF-IDF cut as the in-memory topic matrix is: ``(matrix, columns kept)``.

    The columns whose document frequency lies within ``helpers.topics``' min_df/max_df bounds for this many
    documents, then the ``max_features`` most widespread of them (``restrict_vocabulary``: ties by column number,
    rows re-normalised). Without this cut NMF would run on every hashed column some document uses (about a
    million on 10,000 articles, most of them hapax bigrams), which makes it slower than everything else together.
    """
    from scipy import sparse

    from helpers.topics.vectorize import _df_bounds, restrict_vocabulary

    matrix = sparse.csr_matrix(matrix)
    n_docs = matrix.shape[0]
    df = np.bincount(matrix.indices, minlength=matrix.shape[1])
    min_df, max_df = _df_bounds(n_docs)
    high = max_df if isinstance(max_df, Integral) else max_df * n_docs
    within = np.flatnonzero((df >= max(min_df, 1)) & (df <= high))
    columns = np.arange(len(within))
    cut, kept = restrict_vocabulary(matrix[:, within], columns, max_features)
    if cut.shape[1] == len(within):  # restrict_vocabulary keeps rows as they are when nothing is cut
        from sklearn.preprocessing import normalize

        cut = normalize(cut, norm="l2")
    return cut, within[np.asarray(kept, dtype=np.int64)]
