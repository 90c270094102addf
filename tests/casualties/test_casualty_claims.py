"""``helpers.casualties.claims``: the columns, qualifiers, hedges, sources, and the seed examples of issue 3."""

from __future__ import annotations

import pytest
from _casualty_helpers import one

from helpers.casualties import COLUMNS, claims_for_corpus, extract_claims
from helpers.corpus import load_corpus
from helpers.paths import DATA_RAW


# --- the contract -----------------------------------------------------------------------------------------------


def test_columns_and_types():
    frame = extract_claims("At least 10 people were killed in the strike.")
    assert list(frame.columns) == COLUMNS
    assert frame["value"].dtype == "int64" and frame["hedged"].dtype == bool
    empty = extract_claims("No numbers here.")
    assert list(empty.columns) == COLUMNS and empty.empty


def test_offsets_point_at_the_figure():
    text = "Intro sentence.\n\nThe governor said 15 people were wounded in the strike."
    row = one(text)
    assert text[row.start:row.end] == "15"
    assert row.sentence in text


# --- qualifier -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("phrase, qualifier", [
    ("at least", "at_least"), ("more than", "at_least"), ("over", "at_least"), ("upwards of", "at_least"),
    ("about", "approximate"), ("around", "approximate"), ("some", "approximate"), ("roughly", "approximate"),
    ("nearly", "approximate"), ("almost", "approximate"), ("an estimated", "approximate"),
    ("up to", "up_to"), ("as many as", "up_to"), ("less than", "up_to"), ("fewer than", "up_to"), ("", "exact"),
])
def test_qualifiers(phrase, qualifier):
    assert one(f"Officials said {phrase} 300 civilians were killed.").qualifier == qualifier


def test_qualifier_governs_only_the_figure_it_precedes():
    frame = extract_claims("At least 2 people were killed and 7 wounded in shelling.")
    assert list(frame["qualifier"]) == ["at_least", "exact"]


# --- hedges ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("caveat, hedged", [
    ("The figure could not be independently verified.", True),
    ("Reuters was unable to confirm the report.", True),
    ("Casualty figures are difficult to verify.", True),
    ("There is no confirmation from Moscow.", True),
    ("The figure is not final.", False),
    ("More soldiers may have been killed.", False),
])
def test_hedge_in_the_next_sentence(caveat, hedged):
    assert one(f"Ukraine said 800 Russian troops were killed in the last day. {caveat}").hedged == hedged


def test_reportedly_is_not_a_hedge():
    assert not one("Reportedly 40 Russian soldiers were killed.").hedged


def test_one_caveat_covers_the_passage():
    frame = extract_claims("Ukraine said 220 Russians were killed and 370 wounded, a figure CNN could not verify.")
    assert frame["hedged"].all() and len(frame) == 2


def test_hedge_two_sentences_later_does_not_count():
    text = "Ukraine said 800 Russian troops were killed. Fighting continued. The figure could not be verified."
    assert not one(text).hedged


# --- source ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("text, source", [
    ("Ukraine's military estimates that 800 Russian troops were killed in the last day.", "Ukraine's military"),
    ("About 198 Russian soldiers were killed, said Serhiy Cherevaty, a spokesman.", "Serhiy Cherevaty"),
    ("Up to 60 Ukrainian servicemen were destroyed, Russia's defence ministry said.", "Russia's defence ministry"),
    ("At least 7 killed after shelling, according to the regional prosecutor's office.",
     "regional prosecutor's office"),
    ("Seven people were killed in the attack.", None),
])
def test_source(text, source):
    assert one(text).source == source


# --- the seed examples quoted in the issue --------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_claims():
    articles, _ = load_corpus(DATA_RAW)
    return articles, claims_for_corpus(articles)


def _seed(seed_claims, prefix):
    articles, frame = seed_claims
    article_id = next(a for a in articles["article_id"] if str(a).startswith(prefix))
    return frame[frame["article_id"] == article_id]


def test_seed_000(seed_claims):
    rows = _seed(seed_claims, "000")
    killed = rows[rows["category"] == "killed"].iloc[0]
    assert (killed.value, killed.party, killed.period_days, killed.hedged) == (800, "russian", 1, True)
    assert killed.source == "Ukraine's military"
    population = rows[rows["category"] == "population"]
    assert [(r.value, r.value_high, r.qualifier) for r in population.itertuples()] == [
        (70000, 80000, "exact"), (10000, 10000, "approximate")]


def test_seed_002(seed_claims):
    rows = _seed(seed_claims, "002")
    assert [(r.value, r.category, r.party, r.period_days) for r in rows.itertuples()] == [(1600, "killed", "russian", 1)]


def test_seed_003_attacks_are_not_claims(seed_claims):
    rows = _seed(seed_claims, "003")
    assert 85 not in set(rows["value"])
    assert list(rows["category"]) == ["population"]


def test_seed_004(seed_claims):
    rows = _seed(seed_claims, "004")
    first = rows.iloc[0]
    assert (first.value, first.category, first.party, first.period_days, first.qualifier) == (
        3, "killed", "civilian", 2, "at_least")
    assert ((rows["value"] == 73000) & (rows["category"] == "population") & (rows["qualifier"] == "approximate")).any()


def test_corpus_rows_are_traceable(seed_claims):
    articles, frame = seed_claims
    texts = dict(zip(articles["article_id"], articles["text"]))
    assert {"article_id", "date"} <= set(frame.columns)
    for row in frame.itertuples():
        text = texts[row.article_id]
        assert row.sentence in text and text[row.start:row.end].replace(",", "").strip()

