"""The language of each article, and the notice every English-only measure gives when a corpus is not English.

The lexicons of this suite (casualty words, date cues, VADER and its war terms, framing lists, English stop words)
read English only. Run on Ukrainian or Russian text they find nothing, and "nothing" looks like a result: zero
claims, neutral tone, no frames. This module lets a measure say so instead.

- ``detect(text)`` -> ISO 639-1 code (``"en"``, ``"uk"``, ``"ru"`` …) or ``"und"`` when the text has fewer than
  ``MIN_LETTERS`` letters or no linguistic content (py3langid's ``zxx``: token lists, codes). The one detector of the package: py3langid (its model ships with the package, so the
  answer is the same on every machine and every run) on the first ``SAMPLE_CHARS`` characters.
- ``article_languages(articles)`` -> one code per article: the ``language`` column when the loader gave one (empty
  cells detected), else ``detect`` on ``text``.
- ``language_counts(articles)`` -> articles per language, most frequent first.
- ``english_mask(articles)`` -> True where a measure may read the article: English, or ``und`` (too short to tell;
  measured as before).
- ``english_only(articles, measure)`` -> ``None`` when every article is English or ``und``; else a one-line notice
  (``"sentiment reads English only: 3 of 12 articles are not English (uk 2, ru 1); their scores are left empty
  (NaN) rather than 0"``), also emitted as an :class:`EnglishOnlyWarning`.

Cost: py3langid reads about 1-3 ms per 2,000-character text on one core (12,293 articles: 14-30 s), so the loader
should detect once and store the ``language`` column; every function here uses the column when it is there.
"""

from __future__ import annotations

import warnings

import pandas as pd
import py3langid

__all__ = [
    "MIN_LETTERS",
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
SAMPLE_CHARS = 2000
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


class EnglishOnlyWarning(UserWarning):
    """A measure that reads English only was given articles in other languages."""


def detect(text) -> str:
    """ISO 639-1 code of ``text``'s language, or ``"und"`` (not a string, or fewer than ``MIN_LETTERS`` letters).

    Deterministic: py3langid's bundled model on ``text[:SAMPLE_CHARS]``.
    """
    if not isinstance(text, str):
        return UNDETERMINED
    sample = text[:SAMPLE_CHARS]
    letters = 0
    for char in sample:
        if char.isalpha():
            letters += 1
            if letters >= MIN_LETTERS:
                break
    if letters < MIN_LETTERS:
        return UNDETERMINED
    code = str(py3langid.classify(sample)[0])
    return UNDETERMINED if code == "zxx" else code  # py3langid's "no linguistic content" (tokens, codes)


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
        cache: dict = {}
        texts = articles.loc[missing, text_col] if text_col in articles.columns else [None] * int(missing.sum())
        codes = []
        for text in texts:
            if text not in cache:
                cache[text] = detect(text)
            codes.append(cache[text])
        out.loc[missing] = codes
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
