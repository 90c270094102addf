"""Every English-only measure says so for a non-English article and leaves it empty, never a quiet 0."""

import json

import pandas as pd
import pytest

from helpers import paths
from helpers.casualties import claims_for_corpus
from helpers.dates import apply_inferred_dates
from helpers.framing import framing_tables
from helpers.language import EnglishOnlyWarning
from helpers.sentiment import voice_sentences

ENGLISH = "Ukrainian forces said 40 Russian soldiers were killed near Bakhmut on Tuesday, the General Staff said."


@pytest.fixture(scope="module")
def articles():
    rows = [json.loads(line) for line in (paths.ROOT / "data/labelled/sentences_uk_ru.jsonl").read_text().splitlines()]
    ukrainian = next(r["text"] for r in rows if r["lang"] == "uk" and len(r["text"]) > 200)  # real VOA/Wiki text
    return pd.DataFrame({"article_id": ["en", "uk"], "text": [ENGLISH, ukrainian], "raw_text": [ENGLISH, ukrainian],
                         "date": pd.to_datetime([None, None]), "date_source": ["unknown", "unknown"]})


def test_claims_skip_and_say(articles):
    with pytest.warns(EnglishOnlyWarning, match="casualty claims reads English only: 1 of 2"):
        claims = claims_for_corpus(articles)
    assert set(claims["article_id"]) == {"en"}


def test_sentiment_gives_no_sentences_for_the_other_language(articles):
    with pytest.warns(EnglishOnlyWarning, match="sentiment"):
        sentences = voice_sentences(articles)
    assert set(sentences["article_id"]) == {"en"}


def test_framing_counts_are_missing_not_zero(articles):
    with pytest.warns(EnglishOnlyWarning, match="framing"):
        tables = framing_tables(articles)
    summary = tables.articles.set_index("article_id")
    assert summary.loc["en", "attributions"] >= 1
    assert summary.loc["uk", ["words", "attributions", "hedges"]].isna().all()


def test_date_cues_leave_the_other_language_undated(articles):
    with pytest.warns(EnglishOnlyWarning, match="date cues"):
        out = apply_inferred_dates(articles)
    assert out.loc[1, "date_evidence"] == [] and pd.isna(out.loc[1, "date"])
