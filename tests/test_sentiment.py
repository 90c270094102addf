"""Tests for helpers.sentiment: scoring, quotes, actors, intervals, validity on the NYT gold set, misreads."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import sentiment
from helpers.stats import bootstrap_mean

# measured on ../shared/reference/vader_nyt_editorial_snippets.tsv (5,190 snippets) with vaderSentiment 3.3.2
MEASURED_VADER_R = 0.503
MEASURED_VADER_F1 = 0.557
TOLERANCE = 0.01


# ------------------------------------------------------------------------------------------------ scoring
def test_analyzer_built_once():
    assert sentiment.analyzer() is sentiment.analyzer()


def test_score_sentences_one_row_per_sentence_in_order():
    sentences = ["The rescue was a wonderful success.", "Shelling killed five civilians.", "", None, "It rained."]
    scores = sentiment.score_sentences(sentences)
    assert list(scores.columns[:4]) == ["compound", "pos", "neu", "neg"]
    assert len(scores) == 5 and list(scores.index) == [0, 1, 2, 3, 4]
    assert scores.loc[0, "compound"] > 0.05 and scores.loc[1, "compound"] < -0.05
    assert (scores.loc[2:3] == 0).all().all()
    assert scores.loc[4, "neu"] == pytest.approx(1.0)
    pd.testing.assert_frame_equal(scores, sentiment.score_sentences(sentences))


@pytest.fixture
def vader_calls(monkeypatch):
    """The sentences VADER is asked to score from here on (the analyzer wrapped to record them)."""
    calls = []
    real = sentiment.analyzer().polarity_scores

    class Counting:
        def polarity_scores(self, text):
            calls.append(text)
            return real(text)

    monkeypatch.setattr(sentiment, "analyzer", lambda: Counting())
    return calls


def test_duplicates_scored_once_and_remembered_across_calls(vader_calls):
    sentiment._score_one.cache_clear()
    scores = sentiment.score_sentences(["Same sentence here."] * 50 + ["Another one."])
    sentiment.score_sentences(["Another one."])  # remembered across calls
    assert len(vader_calls) == 2 and len(scores) == 51


def test_without_dedupe_every_sentence_is_scored_and_the_numbers_are_the_same(vader_calls):
    sentences = ["Same sentence here."] * 20 + ["", None, "Shelling killed five civilians."]
    expected = sentiment.score_sentences(sentences)
    vader_calls.clear()
    got = sentiment.score_sentences(sentences, dedupe=False)
    assert len(vader_calls) == 21  # every non-empty sentence, nothing taken from the cross-call cache
    pd.testing.assert_frame_equal(got, expected)


def test_tone_class_uses_vader_thresholds():
    assert list(sentiment.tone_class([-0.05, -0.049, 0.0, 0.049, 0.05])) == [-1, 0, 0, 0, 1]


# ------------------------------------------------------------------------------------------------ voice
def test_voice_sentences_split_quotes_from_narration():
    articles = pd.DataFrame(
        {"article_id": ["a1"], "text": ["The commander said: “We will never surrender this city to them.” Troops dug trenches near the road."]}
    )
    table = sentiment.voice_sentences(articles)
    assert list(table["voice"]) == ["narration", "quote", "narration"]
    assert table.iloc[2]["text"] == "Troops dug trenches near the road."


# ------------------------------------------------------------------------------------------------ actors
def test_actor_lexicon_file_and_tags():
    lexicon = sentiment.actor_lexicon()
    assert {"actor_group", "pattern", "note"} <= set(lexicon.columns)
    assert sentiment.actor_groups() == ["ukrainian side", "russian side", "western governments", "civilians"]
    tags = sentiment.tag_actors(
        [
            "Wagner fighters stormed the village.",
            "Zelenskyy visited troops.",
            "The Pentagon announced a package.",
            "Civilians sheltered in basements.",
            "He travelled to Kyiv by train.",
            "US officials said the attack failed.",
            "Ask us about it.",
        ]
    )
    assert tags.loc[0, "russian side"] and tags.loc[1, "ukrainian side"] and tags.loc[2, "western governments"]
    assert tags.loc[3, "civilians"]
    assert not tags.loc[4].any()  # a place, not the government
    assert tags.loc[5, "western governments"] and not tags.loc[6].any()


def test_tone_by_actor_has_every_group_with_intervals():
    scores = pd.DataFrame(
        {
            "article_id": ["a", "a", "b", "b", "c", "c"],
            "text": [
                "Wagner fighters were killed.",
                "Wagner mercenaries died in the assault.",
                "Civilians were rescued and safe.",
                "Residents were grateful for the help.",
                "Ukrainian forces held the line.",
                "The weather was grey.",
            ],
        }
    )
    scores = pd.concat([scores, sentiment.score_sentences(scores["text"])], axis=1)
    table = sentiment.tone_by_actor(scores, n_boot=200)
    assert list(table["actor_group"]) == sentiment.actor_groups() + ["no actor named"]
    russian = table.set_index("actor_group").loc["russian side"]
    civilians = table.set_index("actor_group").loc["civilians"]
    assert russian["mean_compound"] < 0 < civilians["mean_compound"]
    assert russian["n_sentences"] == 2 and russian["n_articles"] == 1


# ------------------------------------------------------------------------------------------------ intervals
def test_article_tone_intervals_and_shares():
    rng = np.random.default_rng(1)
    scores = pd.DataFrame(
        {"article_id": np.repeat(["a", "b", "c", "d"], [30, 30, 5, 1]), "compound": rng.uniform(-1, 1, 66)}
    )
    table = sentiment.article_tone(scores, n_boot=500, seed=0)
    assert list(table["article_id"]) == ["a", "b", "c", "d"]
    assert ((table["ci_low"] <= table["mean_compound"]) & (table["mean_compound"] <= table["ci_high"])).iloc[:3].all()
    np.testing.assert_allclose(table[["share_negative", "share_neutral", "share_positive"]].sum(axis=1), 1.0)
    assert np.isnan(table.loc[3, "ci_low"])
    pd.testing.assert_frame_equal(table, sentiment.article_tone(scores.sample(frac=1, random_state=3), n_boot=500))


def test_clustered_bootstrap_is_wider_than_naive_for_clustered_data():
    values = np.repeat([-0.8, 0.8, -0.7, 0.9, -0.6, 0.7], 20)
    clusters = np.repeat(list("abcdef"), 20)
    _, lo_naive, hi_naive = bootstrap_mean(values, n_boot=500)
    mean, lo, hi = bootstrap_mean(values, clusters, n_boot=500)
    assert lo <= mean <= hi and (hi - lo) > (hi_naive - lo_naive)


# ------------------------------------------------------------------------------------------------ validity
def test_evaluate_perfect_and_class_bands():
    ratings = np.array([-2.0, -0.6, 0.0, 0.3, 0.6, 2.0])
    result = sentiment.evaluate(ratings / 4, ratings)
    assert result["pearson_r"] == pytest.approx(1.0)
    # compound 0.075 (=0.3/4) is positive for VADER but the rating 0.3 is neutral: F1 < 1
    assert result["macro_f1"] < 1
    assert sentiment.evaluate(ratings, ratings, score_band=0.5)["macro_f1"] == pytest.approx(1.0)


def test_load_gold_reads_tsv_without_header(tmp_path):
    path = tmp_path / "gold.tsv"
    path.write_text('1_1\t0.4\tIt\'s a "fine" day.\n1_2\t-1.5\tBad news.\n', encoding="utf-8")
    gold = sentiment.load_gold(path)
    assert list(gold.columns) == ["id", "rating", "text", "editorial"]
    assert gold.loc[0, "text"] == 'It\'s a "fine" day.' and gold.loc[1, "rating"] == -1.5
    assert list(gold["editorial"]) == ["1", "1"]


@pytest.fixture(scope="module")
def gold(shared):
    path = shared / "reference" / "vader_nyt_editorial_snippets.tsv"
    if not path.exists():
        pytest.skip(f"{path.name} is absent from ../shared")
    return sentiment.load_gold(path)


@pytest.mark.shared
def test_vader_validity_on_nyt_gold_set(gold):
    assert len(gold) == 5190
    result = sentiment.evaluate(sentiment.score_sentences(gold["text"])["compound"], gold["rating"])
    assert result["pearson_r"] == pytest.approx(MEASURED_VADER_R, abs=TOLERANCE)
    assert result["macro_f1"] == pytest.approx(MEASURED_VADER_F1, abs=TOLERANCE)
    # and within reach of the published anchors (r = 0.49, F1 = 0.55)
    assert abs(result["pearson_r"] - 0.49) < 0.03 and abs(result["macro_f1"] - 0.55) < 0.03


@pytest.mark.shared
@pytest.mark.slow
def test_blend_beats_plain_vader_on_held_out_half(gold):
    held_out = sentiment.gold_split(gold, seed=0)
    assert not set(gold.loc[held_out, "editorial"]) & set(gold.loc[~held_out, "editorial"])
    table, model = sentiment.held_out_comparison(gold, seed=0)
    plain = table[(table["model"] == "plain VADER") & (table["sentences"] == "held-out half")].iloc[0]
    blend = table[table["model"] == "VADER + TF-IDF blend"].iloc[0]
    assert plain["n"] == blend["n"] == held_out.sum()
    assert blend["pearson_r"] > plain["pearson_r"] + 0.02
    assert blend["macro_f1"] > plain["macro_f1"] + 0.01
    assert blend["pearson_r"] == pytest.approx(0.545, abs=TOLERANCE)
    assert blend["macro_f1"] == pytest.approx(0.585, abs=TOLERANCE)


# ------------------------------------------------------------------------------------------------ misreads
def test_war_vocabulary_drives_the_score():
    sentences = pd.DataFrame(
        {
            "text": [
                "Ukrainian forces repelled the assault and killed dozens of Wagner fighters.",
                "Russian troops retreat from the town.",
                "The bridge reopened on Monday.",
            ]
        }
    )
    effect = sentiment.war_vocabulary_effect(sentences["text"])
    assert effect.loc[0, "compound"] < -0.5 and effect.loc[0, "war_terms"] == "assault, killed"
    assert effect.loc[2, "war_terms"] == "" and effect.loc[2, "shift"] == 0
    flagged = sentiment.violence_driven(sentences)
    assert set(flagged["text"]) == set(sentences["text"].iloc[:2])
    assert set(flagged["pushed"]) == {"negative", "positive"}


def test_war_terms_file_lists_vader_lexicon_entries():
    terms = sentiment.war_terms()
    lexicon = sentiment.analyzer().lexicon
    assert {"term", "vader_valence", "reads_as", "note"} <= set(terms.columns)
    assert all(t in lexicon for t in terms["term"])
    assert set(terms["reads_as"]) == {"negative", "positive"}
