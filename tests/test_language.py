"""helpers.language: one detector, the language counts, the English-only notice and mask, on real text.

Ukrainian and Russian articles are the real paragraphs of ``data/labelled/sentences_uk_ru.jsonl`` joined page by
page; English articles are the seeds (``data/raw``).
"""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from helpers import paths
from helpers.language import (
    ENGLISH_ONLY_MEASURES,
    EnglishOnlyWarning,
    MIN_CONFIDENCE,
    article_languages,
    detect,
    detect_languages,
    english_mask,
    english_only,
    guess,
    language_counts,
    resolve,
)

GOLD = paths.DATA_LABELLED / "sentences_uk_ru.jsonl"


def _records():
    with GOLD.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def _pages():
    """One article per harvested page: its paragraphs joined by blank lines, language as annotated."""
    pages: dict[str, dict] = {}
    for record in _records():
        page = pages.setdefault(record["url"].split("?")[0].rstrip("/"), {"lang": record["lang"], "parts": []})
        page["parts"].append(record["text"])
    return [(page["lang"], "\n\n".join(page["parts"])) for page in pages.values()]


def _seed_texts():
    return [p.read_text(encoding="utf-8") for p in sorted(Path(paths.DATA_RAW).glob("*.txt"))]


@pytest.fixture(scope="module")
def mixed():
    """The 5 English seeds, then 2 Ukrainian and 1 Russian page (real text)."""
    pages = _pages()
    uk = [t for lang, t in pages if lang == "uk"][:2]
    ru = [t for lang, t in pages if lang == "ru"][:1]
    texts = _seed_texts() + uk + ru
    return pd.DataFrame({"article_id": [f"a{i:02d}" for i in range(len(texts))], "text": texts})


def test_every_real_paragraph_is_detected_as_its_language():
    records = _records()
    assert [detect(r["text"]) for r in records] == [r["lang"] for r in records]
    # read as one corpus (sure of uk and ru), the two short paragraphs guessed at 0.51 and 0.64 stay right
    assert detect_languages([r["text"] for r in records]) == [r["lang"] for r in records]


def test_an_unsure_guess_is_reread_among_the_languages_the_corpus_is_sure_of():
    """py3langid's guess for a short text can be a neighbour of the corpus's language; read as a corpus, a guess under
    MIN_CONFIDENCE in a language no text is sure of is re-read among the sure languages. Here the corpus is the
    English seeds plus one fragment of a real Spanish GDELT headline (tests/fixtures/loader, guessed es at 0.21)."""
    gdelt = pd.read_csv(paths.ROOT / "tests" / "fixtures" / "loader" / "gdelt" / "gdeltdoc-artlist-femicide.csv")
    spanish = gdelt["title"].astype(str).tolist()
    code, probability = guess(spanish[2])
    assert code == "es" and probability < MIN_CONFIDENCE
    # alone, or among texts sure of no language, the guesses stand
    assert detect_languages(spanish) == ["es"] * len(spanish)
    # among sure English texts the unsure Spanish fragment is re-read as the only sure language
    texts = _seed_texts() + [spanish[2]]
    assert detect_languages(texts) == ["en"] * len(texts)
    # a sure text is never re-read, and undetermined stays undetermined
    uk = [t for lang, t in _pages() if lang == "uk"][0]
    assert detect_languages(_seed_texts() + [uk, "Бахмут."]) == ["en"] * 5 + ["uk", "und"]
    with pytest.raises(ValueError, match="one guess per text"):
        resolve(["a"], [])


@pytest.mark.shared
def test_english_headlines_are_never_read_as_another_language(headlines_corpus):
    """The 12,018 CNN live-blog headlines are English; one by one, 74 came out as Nigerian Pidgin (56), Latin, Danish,
    French and 8 other languages (all under 0.73), and English-only measures dropped them. Loaded as a corpus, none."""
    from helpers.corpus import load_corpus

    articles, _ = load_corpus(headlines_corpus)
    counts = articles["language"].value_counts().to_dict()
    assert len(articles) > 12_000
    assert set(counts) <= {"en", "und"}, counts
    assert counts.get("und", 0) < 20, counts


def test_the_english_seeds_are_english():
    texts = _seed_texts()
    assert texts and [detect(t) for t in texts] == ["en"] * len(texts)


def test_short_or_missing_text_is_undetermined_and_detection_is_repeatable():
    assert detect("Бахмут.") == detect("") == detect(None) == detect(float("nan")) == "und"
    assert detect("12 345 — 67") == "und"  # digits and punctuation are not letters
    text = _pages()[0][1]
    assert len({detect(text) for _ in range(3)}) == 1


def test_language_counts_most_frequent_first(mixed):
    counts = language_counts(mixed)
    assert counts.to_dict() == {"en": 5, "uk": 2, "ru": 1}
    assert list(counts.index) == ["en", "uk", "ru"] and counts.name == "articles"


def test_the_loader_column_is_used_and_empty_cells_are_detected(mixed):
    given = mixed.assign(language=["en", "en", "", None, "en", "uk", np.nan, "ru"])
    languages = article_languages(given)
    assert list(languages) == ["en"] * 5 + ["uk", "uk", "ru"]  # a03 and a06 detected from text
    # the column wins over the text: a loader that says "de" is believed
    assert article_languages(given.assign(language="de"))[0] == "de"


def test_english_mask_marks_the_articles_a_measure_may_read(mixed):
    short = pd.DataFrame({"article_id": ["x"], "text": ["Ok."]}, index=[7])
    mask = english_mask(pd.concat([mixed, short]))
    assert mask.dtype == bool and list(mask.index) == list(range(8)) + [7]
    assert list(mask) == [True] * 5 + [False] * 3 + [True]  # "und" (too short to tell) is read as before


def test_english_only_notice_names_the_measure_the_counts_and_what_happens(mixed):
    with pytest.warns(EnglishOnlyWarning) as caught:
        notice = english_only(mixed, "sentiment")
    assert notice == ("sentiment reads English only: 3 of 8 articles are not English (uk 2, ru 1); "
                      "their scores are left empty (NaN) rather than 0")
    assert len(caught) == 1 and str(caught[0].message) == notice
    assert issubclass(EnglishOnlyWarning, UserWarning)


def test_english_only_wording_per_measure_and_per_call(mixed):
    one = mixed.iloc[[0, 1, 7]]
    with pytest.warns(EnglishOnlyWarning):
        claims = english_only(one, "casualty claims")
    assert claims == ("casualty claims reads English only: 1 of 3 articles is not English (ru 1); "
                      + ENGLISH_ONLY_MEASURES["casualty claims"])
    with pytest.warns(EnglishOnlyWarning):
        custom = english_only(one, "hedges", "hedge rates count English hedges only")
    assert custom.endswith("(ru 1); hedge rates count English hedges only")


def test_english_only_is_silent_for_an_english_corpus(mixed):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert english_only(mixed.iloc[:5], "framing") is None
        assert english_only(pd.DataFrame({"article_id": ["x"], "text": ["Ok."]}), "framing") is None


def test_a_frame_without_text_or_language_says_what_to_pass():
    with pytest.raises(KeyError, match="text_col="):
        language_counts(pd.DataFrame({"article_id": ["a"], "body": ["Some text here."]}))
    assert language_counts(pd.DataFrame({"body": [_pages()[0][1]]}), text_col="body").index[0] in {"uk", "ru"}


def test_topic_vectorizers_warn_that_their_stop_words_are_english(mixed):
    from helpers.topics.vectorize import hashed_tfidf, tfidf_matrix

    with pytest.warns(EnglishOnlyWarning) as caught:
        matrix, vocab = tfidf_matrix(mixed["text"])
    assert len(caught) == 1 and matrix.shape[0] == len(mixed)
    assert str(caught[0].message).startswith("topic stop words reads English only: 3 of 8 articles are not English")
    with pytest.warns(EnglishOnlyWarning, match=r"1 of 8 articles is not English \(ru 1\)"):
        tfidf_matrix(mixed["text"], languages=["en"] * 7 + ["ru"])  # the loader's column, when known
    with pytest.warns(EnglishOnlyWarning):
        hashed_tfidf(iter(mixed["text"]), n_features=2**10)
    with warnings.catch_warnings():
        warnings.simplefilter("error", EnglishOnlyWarning)
        tfidf_matrix(mixed["text"].iloc[:5])  # English only
        tfidf_matrix(mixed["text"], stop_words=None)  # the caller chose the stop words
