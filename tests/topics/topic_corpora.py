"""Small corpora shared by the tests of ``helpers.topics``."""

from __future__ import annotations

import numpy as np

WAR = [
    "Wagner fighters pressed the assault on Bakhmut as artillery shelled the eastern city.",
    "Artillery duels around Bakhmut continued; Wagner mercenaries claimed gains near Soledar salt mines.",
    "Soledar salt mine tunnels were the focus of Wagner claims, Reuters said on Tuesday.",
]
ENERGY = [
    "Gas prices rose in Europe as pipeline flows fell and energy bills climbed for households.",
    "European energy ministers discussed a gas price cap while pipeline deliveries stalled.",
    "Households face higher energy bills after gas prices jumped, the minister told reporters.",
]
AID = [
    "Western governments pledged tanks and air defence systems in a new military aid package.",
    "The aid package includes tanks, ammunition and air defence, officials in Washington said.",
    "Germany agreed to send tanks after allies pressed Berlin over military aid.",
]
CORPUS = WAR + ENERGY + AID


def larger_corpus(n_docs: int, seed: int = 0) -> list[str]:
    """Synthetic corpus of three vocabularies mixed at random, with shared filler words."""
    rng = np.random.default_rng(seed)
    pools = [" ".join(WAR).split(), " ".join(ENERGY).split(), " ".join(AID).split()]
    docs = []
    for i in range(n_docs):
        pool = pools[i % 3]
        docs.append(" ".join(rng.choice(pool, size=40)))
    return docs


def synthetic_news(n_docs: int, n_topics: int = 8, seed: int = 0) -> list[str]:
    """Documents mixing one or two of ``n_topics`` themes (Zipf-weighted theme words) with common filler words."""
    rng = np.random.default_rng(seed)
    letters = np.array(list("abcdefghijklmnopqrstuvwxyz"))
    words = sorted({"".join(rng.choice(letters, 7)) for _ in range(n_topics * 60 + 400)})
    words = list(rng.permutation(words))
    themes = [words[60 * t:60 * (t + 1)] for t in range(n_topics)]
    filler = words[60 * n_topics:]
    zipf = 1.0 / np.arange(1, 61)
    zipf /= zipf.sum()
    docs = []
    for _ in range(n_docs):
        chosen = rng.choice(n_topics, rng.integers(1, 3), replace=False)
        mix = rng.dirichlet(np.ones(len(chosen)))
        length = int(rng.integers(60, 140))
        tokens = list(rng.choice(filler, length // 2))
        for theme, share in zip(chosen, mix):
            tokens += list(rng.choice(themes[theme], int(share * length), p=zipf))
        docs.append(" ".join(rng.permutation(tokens)))
    return docs
