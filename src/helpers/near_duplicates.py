"""Exact and near-duplicate texts: ``find_duplicates(texts, ids)`` -> ``(duplicate_of, kind)``.

Exact duplicates share a 128-bit digest of the normalised text; near duplicates have a word-trigram Jaccard
similarity at or above the threshold. Candidate pairs come from datasketch's MinHash and MinHashLSH over each
text's hashed trigram set, and every candidate's Jaccard similarity is then computed exactly, so the LSH only
decides which pairs are looked at. ``helpers.corpus.load_corpus`` calls it to fill ``duplicate_of``.
"""

from __future__ import annotations

import re

import numpy as np
from datasketch import MinHash, MinHashLSH

__all__ = ["find_duplicates"]

#: word tokens of the trigrams: maximal runs of word characters of the lower-cased text
_TRIGRAM_TOKEN = re.compile(r"\w+")
#: trigram hashes are folded into this many columns (CSR column numbers fit in int32; two different trigrams of
#: one pair of ~500-trigram texts share a column with probability ~ 500**2 / 2**26, about 0.4 %)
_TRIGRAM_FEATURES = 2**26


def _token_hashes(tokens) -> np.ndarray:
    """A 64-bit hash of each token string (BLAKE2b, so the same on every machine and run, unlike ``hash``)."""
    from hashlib import blake2b

    return np.fromiter(
        (int.from_bytes(blake2b(t.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "little")
         for t in tokens),
        dtype=np.uint64, count=len(tokens))


def _fingerprints(texts: list[str]) -> tuple[list[bytes], np.ndarray, object]:
    """What duplicate detection needs from each text, computed in one pass (on worker processes):
    ``(digests, n_words, trigrams)``.

    - ``digests``: BLAKE2b digest (16 bytes) of the normalised text (lower-cased, white space collapsed to single
      spaces); equal digests = exact duplicates. ``b""`` for a text with no words.
    - ``n_words``: white-space separated words of the normalised text.
    - ``trigrams``: CSR matrix (int8), one row per text, a 1 in the column of each distinct word trigram. Each
      distinct token is hashed once; a trigram's hash mixes its three token hashes (splitmix64, order-sensitive) and is
      folded into ``_TRIGRAM_FEATURES`` columns. Trigrams never span two texts.
    """
    import itertools
    from collections import defaultdict
    from hashlib import blake2b

    from scipy import sparse

    codes: defaultdict[str, int] = defaultdict(itertools.count().__next__)  # token -> number, in order of first use
    code, tokenize = codes.__getitem__, _TRIGRAM_TOKEN.findall
    digests, n_words, lengths, token_codes = [], [], [], []
    for text in texts:
        normal = " ".join(text.lower().split())
        digests.append(blake2b(normal.encode("utf-8", "surrogatepass"), digest_size=16).digest() if normal else b"")
        n_words.append(normal.count(" ") + 1 if normal else 0)
        tokens = tokenize(normal)
        lengths.append(len(tokens))
        token_codes.extend(map(code, tokens))
    hashes = _token_hashes(list(codes))[np.asarray(token_codes, dtype=np.int64)]
    row = np.repeat(np.arange(len(texts)), lengths)
    with np.errstate(over="ignore"):
        trigram = _mix64(hashes[:-2] ^ _mix64(hashes[1:-1] ^ _mix64(hashes[2:])))
    inside = row[:-2] == row[2:]  # the three tokens belong to one text
    columns = (trigram[inside] & np.uint64(_TRIGRAM_FEATURES - 1)).astype(np.int32)
    matrix = sparse.csr_matrix((np.ones(len(columns), dtype=np.int8), (row[:-2][inside], columns)),
                               shape=(len(texts), _TRIGRAM_FEATURES))
    matrix.sum_duplicates()  # one entry per distinct trigram, sorted columns (the summed counts may wrap in int8:
    matrix.data[:] = 1       # only the pattern of non-zeros is used, and every stored entry is set to 1)
    return digests, np.asarray(n_words, dtype=np.int64), matrix


def _combine_fingerprints(parts: list) -> tuple[list[bytes], np.ndarray, object]:
    from scipy import sparse

    return ([d for part in parts for d in part[0]], np.concatenate([part[1] for part in parts]),
            sparse.vstack([part[2] for part in parts], format="csr"))


def find_duplicates(texts, ids, threshold: float = 0.8, min_words: int = 8, n_perm: int = 32, bands: int = 8,
                    seed: int = 1) -> tuple[list, list]:
    """Flag exact and near-duplicate texts; return ``(duplicate_of, kind)`` aligned with ``texts``.

    Exact: identical after lower-casing and collapsing white space (compared by a 128-bit digest). Near: Jaccard
    similarity ≥ ``threshold`` of the sets of (hashed) word trigrams, for texts of at least ``min_words`` words,
    found with datasketch's MinHash and MinHashLSH (``n_perm`` permutations in ``bands`` bands) and then computed exactly for every candidate pair. Each
    duplicate points to the earliest text (in input order) of its group.

    Normalising, digesting and trigram hashing run on all cores (``helpers.parallel.map_articles``;
    ``HELPERS_JOBS`` sets how many); only digests and the sparse trigram matrix come back.
    """
    from helpers.parallel import map_articles

    texts = [t if isinstance(t, str) else "" for t in texts]
    ids = list(ids)
    n = len(texts)
    dup_of: list = [None] * n
    kind: list = [None] * n
    digests, n_words, trigrams = map_articles(_fingerprints, texts, combine=_combine_fingerprints)
    first: dict[bytes, int] = {}
    for i, digest in enumerate(digests):
        if not digest:
            continue
        if digest in first:
            dup_of[i], kind[i] = ids[first[digest]], "exact"
        else:
            first[digest] = i
    candidates = [i for i in range(n) if dup_of[i] is None and digests[i] and n_words[i] >= min_words]
    if len(candidates) < 2:
        return dup_of, kind
    matrix = trigrams[candidates]
    del trigrams
    matrix.sort_indices()
    indptr, columns = matrix.indptr, matrix.indices.tolist()
    # MinHash signatures of each text's trigram set, and LSH in ``bands`` bands of n_perm // bands rows (8 x 4 finds
    # pairs of Jaccard 0.8 with probability 0.998; datasketch's own choice for 0.8 misses 6 of the real corpus's 19);
    # each text is queried against the earlier ones before it is inserted, so every candidate pair comes once
    lsh = MinHashLSH(num_perm=n_perm, params=(bands, n_perm // bands))
    template = MinHash(num_perm=n_perm, seed=seed, hashfunc=int)  # the permutations, drawn once (not per text)
    pairs = set()
    for local in range(len(candidates)):
        row = columns[indptr[local]:indptr[local + 1]]
        if not row:
            continue
        signature = MinHash(num_perm=n_perm, seed=seed, hashfunc=int, permutations=template.permutations,
                            scheme=template.scheme)
        signature.update_batch(row)
        pairs.update((earlier, local) for earlier in lsh.query(signature))
        lsh.insert(local, signature, check_duplication=False)
    position = {article_id: i for i, article_id in enumerate(ids)}
    ordered = np.array(sorted(pairs), dtype=np.int64).reshape(-1, 2)
    similar = _jaccard_at_least(matrix, ordered[:, 0], ordered[:, 1], threshold)
    for x, y in ordered[similar].tolist():
        later, earlier = candidates[y], candidates[x]
        root = earlier
        while dup_of[root] is not None and kind[root] == "near":
            root = position[dup_of[root]]
        if dup_of[later] is None:
            dup_of[later], kind[later] = ids[root], "near"
    return dup_of, kind


def _jaccard_at_least(matrix, xs: np.ndarray, ys: np.ndarray, threshold: float, chunk: int = 20_000) -> np.ndarray:
    """For each pair of rows ``(xs[i], ys[i])`` of ``matrix`` (hashed trigram counts, duplicates summed): is the
    Jaccard similarity of their column sets ``>= threshold``? Set sizes are the rows' non-zero counts and the
    intersection the non-zeros of the element-wise product, computed ``chunk`` pairs at a time in scipy (the same
    answer as Python sets of column numbers, without building a set per document)."""
    sizes = np.diff(matrix.indptr)
    keep = np.zeros(len(xs), dtype=bool)
    for lo in range(0, len(xs), chunk):
        x, y = xs[lo:lo + chunk], ys[lo:lo + chunk]
        common = matrix[x].multiply(matrix[y]).tocsr().getnnz(axis=1)
        union = sizes[x] + sizes[y] - common
        keep[lo:lo + chunk] = (union > 0) & (common >= threshold * union)
    return keep


def _mix64(x: np.ndarray) -> np.ndarray:
    """The splitmix64 finaliser: spreads nearby integers over all 64 bits (wrapping arithmetic, deterministic)."""
    x = x.astype(np.uint64, copy=True)
    with np.errstate(over="ignore"):
        x ^= x >> np.uint64(30)
        x *= np.uint64(0xBF58476D1CE4E5B9)
        x ^= x >> np.uint64(27)
        x *= np.uint64(0x94D049BB133111EB)
        x ^= x >> np.uint64(31)
    return x
