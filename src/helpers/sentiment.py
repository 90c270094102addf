"""Sentence-level tone with VADER, split by voice and actor, and measured against human judgement.

Scoring
- ``score_sentences(sentences)`` -> ``compound, pos, neu, neg`` per sentence (VADER; the lexicon ships inside the
  ``vaderSentiment`` package, nothing is downloaded). One analyzer is built per process and identical sentences
  are scored once (and remembered across calls, up to
  about a million sentences), so ~500,000 sentences take well under a minute.
- ``tone_class(compound)`` -> -1/0/1 with VADER's documented thresholds (compound <= -0.05 negative, >= 0.05
  positive, neutral between).

Voice and actors
- ``split_quotes(text)`` -> quoted and narrated spans with offsets (``helpers.quotes``, the one quotation finder,
  shared with framing); ``voice_sentences(articles)`` -> the sentences of each span, labelled ``quote`` or
  ``narration``.
- ``tag_actors(texts)`` -> one boolean column per actor group of the conflict profile's ``sides.csv``
  (``helpers.sides``: for Russia–Ukraine the Ukrainian side, the Russian side incl. Wagner, Western governments, civilians). ``tone_by_actor`` -> mean compound per group with intervals.

Intervals
- ``helpers.stats.bootstrap_mean`` (optionally clustered: resampling whole articles, because sentences of one
  article are not independent), ``article_tone`` (per article, resampling its sentences), ``tone_by`` (any grouping, clustered by
  article).

Validity
- ``load_gold(path)`` reads the NYT editorial snippets (VADER authors' gold set: id, mean of 20 human ratings on
  -4..+4, text); ``evaluate(scores, ratings)`` -> Pearson r and 3-class macro-F1.
- 3-class convention: a VADER compound is negative <= -0.05, positive >= 0.05 (VADER's documented thresholds); a
  gold rating is negative <= -0.5, positive >= 0.5 (the mean of the human ratings rounds to a non-zero point of
  the -4..+4 scale). With these, plain VADER scores r = 0.50 and macro-F1 = 0.56 on the full set, next to the
  published r = 0.49 and F1 = 0.55; the paper does not print its gold class rule, so this band is our choice,
  the one that reproduces the published anchor.
- ``BlendedSentiment`` / ``held_out_comparison(gold)``: the documented improvement. The gold set is split in two
  halves by editorial (seeded), so no editorial has sentences on both sides. On the training half only, a ridge
  regression (intensity, for r) and a logistic regression (3 classes, for F1) are fitted on TF-IDF uni/bigrams plus
  the four VADER scores; their regularisation is chosen by 5-fold grouped cross-validation within the training half.
  Both are evaluated on the held-out half next to plain VADER on the same sentences. Plain VADER stays the
  default for the corpus: the blend is fitted to editorials, not war reporting.

What the lexicon misreads
- ``war_vocabulary_effect(sentences)`` rescores each sentence with the war vocabulary of
  ``data/vader_war_terms.csv`` removed; ``violence_driven(...)`` lists the sentences whose label flips, or whose
  compound moves by 0.5 or more, when those words go: "Ukrainian forces
  repelled an attack and killed 30 Wagner fighters" is scored as very negative whoever is speaking, and
  "Russian troops retreat" as positive.
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from typing import Iterable, Sequence

import numpy as np
import pandas as pd

from helpers import sides
from helpers.package_data import read_table
from helpers.quotes import split_quotes
from helpers.stats import bootstrap_mean, resampled_means
from helpers.text import split_sentences

__all__ = [
    "NEUTRAL_BAND",
    "GOLD_NEUTRAL_BAND",
    "PUBLISHED_ANCHORS",
    "analyzer",
    "score_sentences",
    "tone_class",
    "split_quotes",
    "voice_sentences",
    "actor_lexicon",
    "tag_actors",
    "article_tone",
    "tone_by",
    "tone_by_actor",
    "load_gold",
    "evaluate",
    "gold_split",
    "BlendedSentiment",
    "held_out_comparison",
    "war_terms",
    "war_vocabulary_effect",
    "violence_driven",
]

#: VADER's documented thresholds on the compound score
NEUTRAL_BAND = 0.05
#: gold ratings (-4..+4 means) with |rating| < 0.5 are neutral
GOLD_NEUTRAL_BAND = 0.5
#: Hutto & Gilbert (ICWSM 2014), NYT editorial snippets
PUBLISHED_ANCHORS = pd.DataFrame(
    [("VADER (published)", 0.49, 0.55), ("individual humans (published)", 0.75, 0.65)],
    columns=["model", "pearson_r", "macro_f1"],
)
SCORE_COLUMNS = ["compound", "pos", "neu", "neg"]


# --------------------------------------------------------------------------------------------------- scoring
@lru_cache(maxsize=1)
def analyzer():
    """The process-wide ``SentimentIntensityAnalyzer`` (loading its lexicon takes ~0.1 s; build it once)."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def score_sentences(sentences: Iterable[str], dedupe: bool = True) -> pd.DataFrame:
    """VADER scores of each sentence, in order: ``compound, pos, neu, neg`` (RangeIndex, one row per input).

    Missing values and empty strings score 0 everywhere. Identical sentences (syndicated copy) are scored once;
    ``dedupe=False`` scores every sentence anew and remembers nothing: the same numbers, at the cost of a corpus
    in which no sentence repeats (the benchmark measures it, because its resampled corpora repeat sentences).
    """
    sentences = [s if isinstance(s, str) else "" for s in sentences]
    out = np.zeros((len(sentences), 4), dtype=np.float64)
    if not dedupe:
        for i, sentence in enumerate(sentences):
            if sentence.strip():
                out[i] = _vader_scores(sentence)
        return pd.DataFrame(out, columns=SCORE_COLUMNS)
    cache: dict[str, tuple[float, float, float, float]] = {}
    for i, sentence in enumerate(sentences):
        row = cache.get(sentence)
        if row is None:
            row = _score_one(sentence) if sentence.strip() else (0.0, 0.0, 0.0, 0.0)
            cache[sentence] = row
        out[i] = row
    return pd.DataFrame(out, columns=SCORE_COLUMNS)


def _vader_scores(sentence: str) -> tuple[float, float, float, float]:
    scores = analyzer().polarity_scores(sentence)
    return scores["compound"], scores["pos"], scores["neu"], scores["neg"]


@lru_cache(maxsize=2**20)
def _score_one(sentence: str) -> tuple[float, float, float, float]:
    """VADER scores of one sentence, remembered across calls (the same sentence is met again when a notebook
    scores whole sentences, then the quoted and narrated parts, then the sentences naming an actor)."""
    return _vader_scores(sentence)


def tone_class(compound, band: float = NEUTRAL_BAND) -> np.ndarray:
    """-1 (negative, compound <= -band), 0 (neutral), 1 (positive, compound >= band)."""
    values = np.asarray(compound, dtype=float)
    return np.where(values >= band, 1, np.where(values <= -band, -1, 0))


# --------------------------------------------------------------------------------------------------- voice
def voice_sentences(articles: pd.DataFrame, text_col: str = "text", min_words: int = 3) -> pd.DataFrame:
    """Sentences of the quoted and narrated spans of each article: ``article_id, voice, start, end, text``.

    Each span is split into sentences separately, so a quote inside a sentence yields a quote sentence and the
    surrounding narration; fragments shorter than ``min_words`` words (a scare-quoted "meat grinder", "he said.")
    are dropped because VADER cannot read tone from them. Articles that are not English give no sentences (an
    ``EnglishOnlyWarning`` counts them), so their tone is missing, never a neutral 0.
    """
    from helpers.language import english_mask, english_only

    english_only(articles, "sentiment", text_col=text_col, stacklevel=3)
    rows = []
    for article_id, text, english in zip(articles["article_id"], articles[text_col], english_mask(articles, text_col)):
        text = text if isinstance(text, str) and english else ""  # VADER reads English only: no sentences
        for start, end, voice, _ in split_quotes(text).itertuples(index=False, name=None):
            for s, e in split_sentences(text, start, end):
                piece = text[s:e].strip("“”\"‘’ ")
                if len(piece.split()) >= min_words:
                    rows.append((article_id, voice, s, e, text[s:e]))
    return pd.DataFrame(rows, columns=["article_id", "voice", "start", "end", "text"]).astype(
        {"start": "int64", "end": "int64"}
    )


# --------------------------------------------------------------------------------------------------- actors
def actor_lexicon() -> pd.DataFrame:
    """The actors sentiment looks for: the rows of the conflict profile's ``sides.csv`` read by
    ``helpers.sides.lexicon("actors")`` (``name, side, kind, pattern, note``; a demonym row's pattern already
    carries the side nouns it needs, "Ukrainian troops"), with its group label in ``actor_group``."""
    table = sides.rows("actors")
    labels = dict(sides.actor_groups())
    return table.assign(actor_group=[labels[s] for s in table["side"]])


def actor_groups() -> list[str]:
    """Actor groups in a fixed reading order: the profile's sides, its third parties, civilians."""
    return [label for _side, label in sides.actor_groups()]


def tag_actors(texts: Iterable[str]) -> pd.DataFrame:
    """One boolean column per actor group: does the text mention that group? (a sentence may mention several).
    A capital or country named as a place ("in Kyiv", "Kyiv region") is not its government."""
    texts = [t if isinstance(t, str) else "" for t in texts]
    table, lexicon = sides.lexicon("actors")
    groups = dict(sides.actor_groups())
    row_group = [groups[s] for s in table["side"]]
    placeable = table["bare_place"].tolist()  # "in Kyiv" is a place, "Ukraine's army" never is
    found = {label: np.zeros(len(texts), dtype=bool) for label in groups.values()}
    for i, text in enumerate(texts):
        for start, end, row in lexicon.finditer(text):
            if placeable[row] and sides.names_a_place(text, start, end):
                continue
            found[row_group[row]][i] = True
    return pd.DataFrame({label: found[label] for label in actor_groups()})


# --------------------------------------------------------------------------------------------------- intervals
def _tone_summary(compound: np.ndarray) -> tuple[float, float, float]:
    classes = tone_class(compound)
    n = max(1, len(classes))
    return float((classes == -1).sum() / n), float((classes == 0).sum() / n), float((classes == 1).sum() / n)


def article_tone(
    scores: pd.DataFrame, by: str = "article_id", n_boot: int = 1000, seed: int = 0, level: float = 0.95
) -> pd.DataFrame:
    """Per-article tone from sentence scores (needs ``by`` and ``compound`` columns).

    Columns: ``by, n_sentences, mean_compound, ci_low, ci_high, share_negative, share_neutral, share_positive``;
    sorted by ``by``. The interval resamples the article's sentences (percentile bootstrap, seeded); NaN for an
    article with one sentence. Articles with the same sentence count share the resampling indices, which makes the
    computation vectorised and independent of article order.
    """
    frame = scores[[by, "compound"]].copy()
    # sorted within the article: the bootstrap depends only on the values, not on sentence order
    groups = {key: np.sort(g["compound"].to_numpy()) for key, g in frame.groupby(by, sort=True)}
    keys = list(groups)
    stats = {}
    by_size: dict[int, list] = {}
    for key in keys:
        by_size.setdefault(len(groups[key]), []).append(key)
    rng = np.random.default_rng(seed)
    alpha = (1 - level) / 2
    for size in sorted(by_size):
        members = by_size[size]
        matrix = np.vstack([groups[k] for k in members])
        if size >= 2:
            draws = resampled_means(matrix, n_boot, rng)
            lows, highs = np.quantile(draws, [alpha, 1 - alpha], axis=1)
        else:
            lows = highs = np.full(len(members), np.nan)
        for i, key in enumerate(members):
            stats[key] = (lows[i], highs[i])
    rows = []
    for key in keys:
        values = groups[key]
        neg, neu, pos = _tone_summary(values)
        rows.append((key, len(values), float(values.mean()), *stats[key], neg, neu, pos))
    return pd.DataFrame(
        rows,
        columns=[by, "n_sentences", "mean_compound", "ci_low", "ci_high", "share_negative", "share_neutral",
                 "share_positive"],
    )


def tone_by(
    scores: pd.DataFrame, group: str, cluster: str | None = "article_id", n_boot: int = 1000, seed: int = 0,
    level: float = 0.95,
) -> pd.DataFrame:
    """Mean compound per value of ``group`` with a bootstrap interval clustered by ``cluster`` (articles).

    Columns: ``group, n_sentences, n_articles, mean_compound, ci_low, ci_high, share_negative, share_neutral,
    share_positive``; sorted by ``group``.
    """
    rows = []
    for key, part in scores.groupby(group, sort=True, observed=True):
        clusters = part[cluster] if cluster else None
        mean, low, high = bootstrap_mean(part["compound"], clusters, n_boot=n_boot, seed=seed, level=level)
        n_articles = int(part[cluster].nunique()) if cluster else np.nan
        rows.append((key, len(part), n_articles, mean, low, high, *_tone_summary(part["compound"].to_numpy())))
    return pd.DataFrame(
        rows,
        columns=[group, "n_sentences", "n_articles", "mean_compound", "ci_low", "ci_high", "share_negative",
                 "share_neutral", "share_positive"],
    )


def tone_by_actor(
    scores: pd.DataFrame, text_col: str = "text", cluster: str | None = "article_id", n_boot: int = 1000,
    seed: int = 0, level: float = 0.95,
) -> pd.DataFrame:
    """Tone of the sentences mentioning each actor group (``tag_actors``), with clustered intervals.

    ``scores`` holds one row per sentence with ``compound``, the sentence text and the article id. A sentence that
    names two groups counts for both. Also returns a row ``no actor named`` as the baseline. Groups in the lexicon's
    reading order.
    """
    tags = tag_actors(scores[text_col])
    tags.index = scores.index
    parts = []
    for group in tags.columns:
        parts.append(scores.loc[tags[group]].assign(actor_group=group))
    parts.append(scores.loc[~tags.any(axis=1)].assign(actor_group="no actor named"))
    stacked = pd.concat(parts, ignore_index=True)
    order = list(tags.columns) + ["no actor named"]
    table = tone_by(stacked, "actor_group", cluster=cluster, n_boot=n_boot, seed=seed, level=level)
    table = table.set_index("actor_group").reindex(order)
    table[["n_sentences", "n_articles"]] = table[["n_sentences", "n_articles"]].fillna(0).astype("int64")
    return table.rename_axis("actor_group").reset_index()


# --------------------------------------------------------------------------------------------------- validity
def load_gold(path) -> pd.DataFrame:
    """The NYT editorial snippets: ``id, rating, text, editorial`` (no header in the file; tab-separated).

    ``editorial`` is the part of the id before the underscore (``12_3`` -> ``12``), used to split by editorial.
    """
    gold = pd.read_csv(
        path, sep="\t", header=None, names=["id", "rating", "text"], quoting=csv.QUOTE_NONE, dtype={"id": str},
        encoding="utf-8", keep_default_na=False,
    )
    gold["rating"] = pd.to_numeric(gold["rating"], errors="raise")
    gold["editorial"] = gold["id"].str.split("_").str[0]
    return gold


def evaluate(
    scores, ratings, score_band: float = NEUTRAL_BAND, gold_band: float = GOLD_NEUTRAL_BAND, classes=None
) -> dict:
    """Pearson r between ``scores`` and ``ratings``, and 3-class macro-F1.

    Gold classes: ``rating <= -gold_band`` negative, ``>= gold_band`` positive, else neutral. Predicted classes
    from ``scores`` with ``score_band`` (VADER's ±0.05), unless ``classes`` (-1/0/1 per item) are given.
    """
    from sklearn.metrics import f1_score

    scores = np.asarray(scores, dtype=float)
    ratings = np.asarray(ratings, dtype=float)
    predicted = tone_class(scores, score_band) if classes is None else np.asarray(classes)
    truth = tone_class(ratings, gold_band)
    r = float(np.corrcoef(scores, ratings)[0, 1]) if len(scores) > 1 else np.nan
    f1 = float(f1_score(truth, predicted, labels=[-1, 0, 1], average="macro", zero_division=0))
    return {"n": int(len(scores)), "pearson_r": r, "macro_f1": f1}


def gold_split(gold: pd.DataFrame, seed: int = 0, test_share: float = 0.5) -> np.ndarray:
    """Boolean mask of the held-out half: a seeded random half of the editorials (all their sentences)."""
    editorials = np.array(sorted(gold["editorial"].unique(), key=lambda e: (len(e), e)))
    rng = np.random.default_rng(seed)
    held_out = set(rng.choice(editorials, int(round(len(editorials) * test_share)), replace=False))
    return gold["editorial"].isin(held_out).to_numpy()


class BlendedSentiment:
    """TF-IDF uni/bigrams + the four VADER scores: ridge regression for intensity, logistic regression for classes.

    ``fit(texts, ratings, groups)`` picks the ridge ``alpha`` (by Pearson r) and the logistic ``C`` (by macro-F1)
    with 5-fold cross-validation grouped by editorial, then refits on all of the given texts. ``predict(texts)``
    returns a DataFrame with ``score`` (predicted rating on -4..+4) and ``tone_class`` (-1/0/1).
    """

    alphas = (1.0, 3.0, 10.0)
    cs = (0.3, 1.0, 3.0)
    vader_weight = 3.0

    def __init__(self, seed: int = 0):
        self.seed = seed

    def _vectorizer(self):
        from sklearn.feature_extraction.text import TfidfVectorizer

        return TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True, lowercase=True)

    def _features(self, vectorizer, texts, fit: bool):
        from scipy import sparse

        tfidf = vectorizer.fit_transform(texts) if fit else vectorizer.transform(texts)
        vader = score_sentences(texts)[SCORE_COLUMNS].to_numpy() * self.vader_weight
        return sparse.hstack([tfidf, sparse.csr_matrix(vader)]).tocsr()

    def _models(self, alpha, c):
        from sklearn.linear_model import LogisticRegression, Ridge

        return Ridge(alpha=alpha), LogisticRegression(C=c, max_iter=5000)

    def fit(self, texts: Sequence[str], ratings, groups):
        """Choose the regularisation by grouped cross-validation, then fit on all ``texts``. BLAS runs on one
        thread: on a busy machine, multi-threaded L-BFGS on this small sparse problem is 20 times slower."""
        import scipy.optimize  # noqa: F401  (load every BLAS before limiting threads, or the limit misses it)
        import sklearn.linear_model  # noqa: F401
        from threadpoolctl import threadpool_limits

        with threadpool_limits(1):
            return self._fit(texts, ratings, groups)

    def _fit(self, texts: Sequence[str], ratings, groups):
        from sklearn.metrics import f1_score
        from sklearn.model_selection import GroupKFold

        texts = np.asarray(list(texts), dtype=object)
        ratings = np.asarray(ratings, dtype=float)
        groups = np.asarray(list(groups))
        classes = tone_class(ratings, GOLD_NEUTRAL_BAND)
        folds = list(GroupKFold(n_splits=5).split(texts, ratings, groups))
        ridge_oof = {a: np.zeros(len(texts)) for a in self.alphas}
        logit_oof = {c: np.zeros(len(texts), dtype=int) for c in self.cs}
        for train, test in folds:
            vectorizer = self._vectorizer()
            x_train = self._features(vectorizer, texts[train], fit=True)
            x_test = self._features(vectorizer, texts[test], fit=False)
            for a in self.alphas:
                ridge, _ = self._models(a, 1.0)
                ridge_oof[a][test] = ridge.fit(x_train, ratings[train]).predict(x_test)
            for c in self.cs:
                _, logit = self._models(1.0, c)
                logit_oof[c][test] = logit.fit(x_train, classes[train]).predict(x_test)
        self.cv_ = pd.DataFrame(
            [("ridge", a, float(np.corrcoef(ridge_oof[a], ratings)[0, 1])) for a in self.alphas]
            + [("logistic", c, float(f1_score(classes, logit_oof[c], average="macro"))) for c in self.cs],
            columns=["model", "regularisation", "cv_score"],
        )
        self.alpha_ = max(self.alphas, key=lambda a: (np.corrcoef(ridge_oof[a], ratings)[0, 1], -a))
        self.c_ = max(self.cs, key=lambda c: (f1_score(classes, logit_oof[c], average="macro"), -c))
        self.vectorizer_ = self._vectorizer()
        x_all = self._features(self.vectorizer_, texts, fit=True)
        self.ridge_, self.logit_ = self._models(self.alpha_, self.c_)
        self.ridge_.fit(x_all, ratings)
        self.logit_.fit(x_all, classes)
        return self

    def predict(self, texts: Sequence[str]) -> pd.DataFrame:
        x = self._features(self.vectorizer_, np.asarray(list(texts), dtype=object), fit=False)
        return pd.DataFrame({"score": self.ridge_.predict(x), "tone_class": self.logit_.predict(x).astype(int)})


def held_out_comparison(gold: pd.DataFrame, seed: int = 0) -> tuple[pd.DataFrame, BlendedSentiment]:
    """Plain VADER vs ``BlendedSentiment`` on the held-out half of the gold set (fitted on the other half only).

    Returns ``(table, model)``; ``table`` rows: plain VADER on all sentences, plain VADER on the held-out half, the
    blend on the held-out half; columns ``model, sentences, n, pearson_r, macro_f1``.
    """
    held_out = gold_split(gold, seed=seed)
    train, test = gold.loc[~held_out], gold.loc[held_out]
    vader_all = score_sentences(gold["text"])["compound"].to_numpy()
    model = BlendedSentiment(seed=seed).fit(train["text"], train["rating"], train["editorial"])
    predicted = model.predict(test["text"])
    rows = [
        ("plain VADER", "all", evaluate(vader_all, gold["rating"])),
        ("plain VADER", "held-out half", evaluate(vader_all[held_out], test["rating"])),
        ("VADER + TF-IDF blend", "held-out half",
         evaluate(predicted["score"], test["rating"], classes=predicted["tone_class"])),
    ]
    table = pd.DataFrame(
        [(name, part, m["n"], m["pearson_r"], m["macro_f1"]) for name, part, m in rows],
        columns=["model", "sentences", "n", "pearson_r", "macro_f1"],
    )
    return table, model


# --------------------------------------------------------------------------------------------------- misreads
@lru_cache(maxsize=1)
def war_terms() -> pd.DataFrame:
    """``data/vader_war_terms.csv``: war vocabulary in VADER's lexicon (``term, vader_valence, reads_as, note``)."""
    table = read_table("vader_war_terms.csv")
    return table.assign(vader_valence=pd.to_numeric(table["vader_valence"]))


@lru_cache(maxsize=1)
def _war_regex() -> re.Pattern:
    terms = sorted(war_terms()["term"], key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(t) for t in terms) + r")\b", re.IGNORECASE)


def war_vocabulary_effect(sentences: Iterable[str]) -> pd.DataFrame:
    """Each sentence's compound with and without the war vocabulary: ``compound, compound_without, war_terms,
    shift`` (``shift = compound - compound_without``: how much the war words alone move the score)."""
    sentences = [s if isinstance(s, str) else "" for s in sentences]
    regex = _war_regex()
    found = [sorted({m.group(0).lower() for m in regex.finditer(s)}) for s in sentences]
    stripped = [re.sub(r"\s{2,}", " ", regex.sub("", s)) if terms else s for s, terms in zip(sentences, found)]
    with_terms = score_sentences(sentences)["compound"].to_numpy()
    without = score_sentences(stripped)["compound"].to_numpy()
    return pd.DataFrame(
        {"compound": with_terms, "compound_without": without, "war_terms": [", ".join(t) for t in found],
         "shift": with_terms - without}
    )


def violence_driven(
    sentences: pd.DataFrame, text_col: str = "text", top: int = 10, min_shift: float = 0.5,
    effect: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Sentences whose VADER score is driven by war vocabulary: removing the war words changes the label
    (negative/neutral/positive), or moves the compound by at least ``min_shift`` (a quarter of the -1..1
    scale). Sorted by the size of the shift (largest first, then by text for ties); at most ``top``
    rows per direction (pushed negative, pushed positive). Keeps the input's other columns. Pass ``effect`` (the
    output of ``war_vocabulary_effect`` for the same sentences, in order) to avoid computing it twice."""
    effect = war_vocabulary_effect(sentences[text_col]) if effect is None else effect.copy()
    effect.index = sentences.index
    frame = sentences.join(effect.drop(columns=[c for c in effect.columns if c in sentences.columns]), how="left")
    flipped = tone_class(frame["compound"]) != tone_class(frame["compound_without"])
    driven = flipped | (frame["shift"].abs() >= min_shift)
    frame = frame.loc[driven & (frame["war_terms"] != "")].copy()
    frame["pushed"] = np.where(frame["shift"] < 0, "negative", "positive")
    frame["abs_shift"] = frame["shift"].abs()
    frame = frame.sort_values(["abs_shift", text_col], ascending=[False, True], kind="mergesort")
    frame = frame.groupby("pushed", sort=True, group_keys=False).head(top)
    return frame.drop(columns="abs_shift").reset_index(drop=True)
