"""Near-duplicate articles (helpers.near_duplicates): exact copies and lightly edited syndicated copies."""

from __future__ import annotations

import numpy as np

from helpers.near_duplicates import find_duplicates


def test_find_duplicates_is_deterministic_and_points_to_the_first():
    texts = ["one two three four five six seven eight nine ten eleven"] * 3 + ["z " * 20]
    dup_of, kind = find_duplicates(texts, ["a", "b", "c", "d"])
    assert dup_of == [None, "a", "a", None] and kind == [None, "exact", "exact", None]
    assert find_duplicates(texts, ["a", "b", "c", "d"]) == (dup_of, kind)


def test_near_duplicates_are_found_with_high_recall_and_no_false_flags():
    import random

    rng = random.Random(7)
    vocab = [f"w{i}" for i in range(3000)]
    originals = [" ".join(rng.choice(vocab) for _ in range(60)) for _ in range(300)]
    copies = []
    for text in originals[:60]:
        words = text.split()
        words[rng.randrange(5, 55)] = "edited"  # one word changed: trigram Jaccard about 0.9
        copies.append(" ".join(words))
    texts = originals + copies
    ids = [f"o{i}" for i in range(300)] + [f"c{i}" for i in range(60)]
    dup_of, kind = find_duplicates(texts, ids)
    assert dup_of[:300] == [None] * 300
    assert dup_of[300:] == [f"o{i}" for i in range(60)]
    assert set(kind[300:]) == {"near"}


def test_near_duplicates_by_trigram_jaccard_across_partitions(monkeypatch):
    """600 texts (above the serial cut-off, so fingerprints come from worker processes): a lightly edited copy
    (Jaccard ~0.9) is found, a text sharing half its trigrams is not, short texts are only matched exactly."""
    monkeypatch.setenv("HELPERS_JOBS", "2")
    rng = np.random.default_rng(3)
    words = [f"w{i}" for i in range(4000)]
    texts = [" ".join(rng.choice(words, size=120)) for _ in range(600)]
    base = texts[10].split()
    texts[400] = " ".join(base[:-3] + ["edited", "tail", "words"])   # 3 of 118 trigrams changed: near
    texts[401] = " ".join(base[:60] + texts[20].split()[60:])       # half shared: not a duplicate
    texts[402] = texts[10].upper() + "  "                            # exact after normalising
    texts[403], texts[404] = "short text here", "Short  text here"   # below min_words: exact only
    ids = [f"t{i}" for i in range(len(texts))]
    dup_of, kind = find_duplicates(texts, ids)
    assert (dup_of[400], kind[400]) == ("t10", "near")
    assert dup_of[401] is None
    assert (dup_of[402], kind[402]) == ("t10", "exact")
    assert (dup_of[404], kind[404]) == ("t403", "exact")
    assert sum(d is not None for d in dup_of) == 3
