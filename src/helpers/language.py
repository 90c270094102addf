"""The language of each article, and the notice every English-only measure gives when a corpus is not English.

The lexicons of this suite (casualty words, date cues, VADER and its war terms, framing lists, English stop words)
read English only. Run on Ukrainian or Russian text they find nothing, and "nothing" looks like a result: zero
claims, neutral tone, no frames. This module lets a measure say so instead.

- ``guess(text)`` -> ``(code, probability)``: py3langid's bundled model (it ships with the package, so the answer is
  the same on every machine and every run) on the first ``SAMPLE_CHARS`` characters; ``("und", 0.0)`` when the
  text has fewer than ``MIN_LETTERS`` letters or no linguistic content (py3langid's ``zxx``: token lists, codes).
  ``detect(text)`` is its code: the one detector of the package for a single text.
- ``detect_languages(texts)`` -> one code per text, read as a corpus: a guess under ``MIN_CONFIDENCE`` whose
  language no text of the corpus has with confidence is re-read among the languages the corpus is sure of
  (``resolve``). Why: on short English texts py3langid's best guess is often a neighbour of English. Of the
  12,018 English CNN live-blog headlines (a development corpus that does not ship), 74 came out as Nigerian
  Pidgin (56), Latin, Danish, French and 8 others, every one with probability <= 0.73 (English guesses: median 0.93), and English-only
  measures dropped them; read as a corpus, all 12,018 are English. A plain floor (``und`` under 0.8) would have
  thrown away right answers: 2,376 of those English headlines, and all 5 truncated Spanish GDELT headlines
  (0.21-0.63) of ``tests/fixtures/loader``, whose corpus is sure of no language, so their guesses stand.
- ``article_languages(articles)`` -> one code per article: the ``language`` column when the loader gave one (empty
  cells detected), else ``detect`` on ``text``.
- ``language_counts(articles)`` -> articles per language, most frequent first.
- ``english_mask(articles)`` -> True where a measure may read the article: English, or ``und`` (too short to tell;
  measured as before).
- ``english_only(articles, measure)`` -> ``None`` when every article is English or ``und``; else a one-line notice
  (``"sentiment reads English only: 3 of 12 articles are not English (uk 2, ru 1); their scores are left empty
  (NaN) rather than 0"``), also emitted as an :class:`EnglishOnlyWarning`.

Cost: py3langid reads about 0.4 ms per 1,000-character text on one core (12,293 articles: 5.4 s; 2,000 characters
took 9.2 s and gave the same 12,293 answers), so the loader detects once and stores the ``language`` column; every
function here uses the column when it is there.
"""

from __future__ import annotations

import copy
import warnings

import pandas as pd
from py3langid.langid import MODEL_FILE, LanguageIdentifier

__all__ = [
    "MIN_LETTERS",
    "MIN_CONFIDENCE",
    "guess",
    "resolve",
    "detect_languages",
    "SAMPLE_CHARS",
    "UNDETERMINED",
    "ENGLISH_ONLY_MEASURES",
    "EnglishOnlyWarning",
    "detect",
    "article_languages",
    "language_counts",
    "english_mask",
    "english_only",
    "describe_counts",
]

#: texts with fewer letters than this are ``und``: too short for a reliable guess
MIN_LETTERS = 20
#: characters of each text that the detector reads
SAMPLE_CHARS = 1000
#: a guess with a lower probability (py3langid's normalised score) is not sure: read as a corpus, it is re-read
#: among the languages that some text of the corpus has with at least this probability
MIN_CONFIDENCE = 0.8
#: ISO 639-2 code for "undetermined"
UNDETERMINED = "und"
#: languages a measure may read: English, and texts too short to tell (read as before)
READABLE = frozenset({"en", UNDETERMINED})

#: what happens to the non-English articles, per English-only measure (the end of each notice)
ENGLISH_ONLY_MEASURES = {
    "casualty claims": "no claims are extracted from them: an empty result there is not 'no casualties'",
    "date cues": "their dates come from metadata only, not from cues in the text",
    "sentiment": "their scores are left empty (NaN) rather than 0",
    "framing": "their measures are left empty (NaN) rather than 0",
    "topic stop words": "only English stop words are removed, so their function words can appear as topic terms",
}
_DEFAULT_CONSEQUENCE = "their results are left empty (NaN) rather than 0"


_IDENTIFIERS: dict = {}


def _identifier(languages: tuple[str, ...] | None = None) -> LanguageIdentifier:
    """py3langid's bundled model with normalised probabilities (restricted to ``languages``), one per process."""
    if languages not in _IDENTIFIERS:
        if languages is None:
            _IDENTIFIERS[None] = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
        else:
            restricted = copy.copy(_identifier())  # set_languages replaces the arrays, never edits them in place
            restricted.set_languages(languages)
            _IDENTIFIERS[languages] = restricted
    return _IDENTIFIERS[languages]


class EnglishOnlyWarning(UserWarning):
    """A measure that reads English only was given articles in other languages."""


def guess(text) -> tuple[str, float]:
    """``(code, probability)`` of ``text``'s language; ``("und", 0.0)`` when ``text`` is not a string, has fewer than
    ``MIN_LETTERS`` letters or no linguistic content. Deterministic: py3langid on ``text[:SAMPLE_CHARS]``."""
    if not isinstance(text, str):
        return UNDETERMINED, 0.0
    sample = text[:SAMPLE_CHARS]
    letters = 0
    for char in sample:
        if char.isalpha():
            letters += 1
            if letters >= MIN_LETTERS:
                break
    if letters < MIN_LETTERS:
        return UNDETERMINED, 0.0
    code, probability = _identifier().classify(sample)
    if code == "zxx":  # py3langid's "no linguistic content" (tokens, codes)
        return UNDETERMINED, 0.0
    return str(code), float(probability)


def detect(text) -> str:
    """ISO 639-1 code of one text's language (py3langid's best guess), or ``"und"`` (see :func:`guess`). For the
    texts of a corpus use :func:`detect_languages`, which settles short, unsure texts by the corpus."""
    return guess(text)[0]


def resolve(texts, guesses) -> list[str]:
    """One code per text from its :func:`guess`, read as a corpus.

    A guess under ``MIN_CONFIDENCE`` whose language no text of the corpus has with confidence is re-read with
    py3langid restricted to the languages the corpus is sure of; with no sure language, every guess stands.
    """
    texts, guesses = list(texts), list(guesses)
    if len(texts) != len(guesses):
        raise ValueError(f"{len(texts)} texts but {len(guesses)} guesses: pass one guess per text")
    sure = tuple(sorted({code for code, p in guesses if code != UNDETERMINED and p >= MIN_CONFIDENCE}))
    codes = []
    for text, (code, probability) in zip(texts, guesses):
        if sure and code != UNDETERMINED and probability < MIN_CONFIDENCE and code not in sure:
            code = str(_identifier(sure).classify(text[:SAMPLE_CHARS])[0])
        codes.append(code)
    return codes


def detect_languages(texts) -> list[str]:
    """One ISO 639-1 code (or ``und``) per text, read as a corpus (:func:`resolve` of each :func:`guess`)."""
    texts = list(texts)
    cache: dict = {}
    guesses = []
    for text in texts:
        key = text if isinstance(text, str) else None
        if key not in cache:
            cache[key] = guess(text)
        guesses.append(cache[key])
    return resolve(texts, guesses)


def article_languages(articles: pd.DataFrame, text_col: str = "text") -> pd.Series:
    """One language code per article (index of ``articles``), named ``language``.

    Uses the loader's ``language`` column when present (missing or empty cells are detected from ``text_col``);
    otherwise detects every article. Identical texts are detected once.
    """
    if text_col not in articles.columns and "language" not in articles.columns:
        raise KeyError(f"articles have neither a 'language' nor a {text_col!r} column; pass text_col= the column "
                       "that holds the article text")
    if "language" in articles.columns:
        given = articles["language"].astype("string").str.strip()
        missing = given.isna() | (given == "")
    else:
        given = pd.Series(pd.NA, index=articles.index, dtype="string")
        missing = pd.Series(True, index=articles.index)
    out = given.astype(object)
    if missing.any():
        texts = articles.loc[missing, text_col] if text_col in articles.columns else [None] * int(missing.sum())
        out.loc[missing] = detect_languages(texts)
    return pd.Series(out.to_numpy(dtype=object), index=articles.index, name="language")


def language_counts(articles: pd.DataFrame, text_col: str = "text") -> pd.Series:
    """Articles per language code, most frequent first (ties by code), named ``articles``."""
    languages = article_languages(articles, text_col)
    counts = languages.value_counts()
    order = sorted(counts.index, key=lambda code: (-counts[code], code))
    return counts.reindex(order).rename("articles").rename_axis("language").astype("int64")


def english_mask(articles: pd.DataFrame, text_col: str = "text") -> pd.Series:
    """True for the articles an English-only measure may read (``en`` or ``und``), aligned with ``articles``."""
    return article_languages(articles, text_col).isin(READABLE).rename("english")


def describe_counts(counts: pd.Series) -> str:
    """``"uk 2, ru 1"``: the non-English, determined languages of ``counts`` (from :func:`language_counts`)."""
    other = counts[[code not in READABLE for code in counts.index]]
    return ", ".join(f"{code} {int(n)}" for code, n in other.items())


def english_only(articles: pd.DataFrame, measure: str, consequence: str | None = None, *, text_col: str = "text",
                 stacklevel: int = 2) -> str | None:
    """Warn (:class:`EnglishOnlyWarning`) and return a one-line notice when some articles are not English.

    ``measure`` names the measure (``"sentiment"``); ``consequence`` ends the notice (what happens to those
    articles); by default the entry of ``ENGLISH_ONLY_MEASURES`` for ``measure``, else "their results are left
    empty (NaN) rather than 0". Returns ``None`` (and warns nothing) when every article is English or ``und``.
    """
    counts = language_counts(articles, text_col)
    n_other = int(counts[[code not in READABLE for code in counts.index]].sum())
    if n_other == 0:
        return None
    if consequence is None:
        consequence = ENGLISH_ONLY_MEASURES.get(measure, _DEFAULT_CONSEQUENCE)
    verb = "is" if n_other == 1 else "are"
    notice = (f"{measure} reads English only: {n_other} of {int(counts.sum())} articles {verb} not English "
              f"({describe_counts(counts)}); {consequence}")
    warnings.warn(notice, EnglishOnlyWarning, stacklevel=stacklevel)
    return notice
