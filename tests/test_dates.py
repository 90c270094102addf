"""Dates inferred from the text of undated articles (issue 3)."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.corpus import load_corpus
from helpers.dates import apply_inferred_dates, infer_date, timeline, war_start
from helpers.paths import DATA_RAW


def ts(value: str) -> pd.Timestamp:
    return pd.Timestamp(value)


def test_no_cue_gives_no_date():
    for text in ["", "Fighting continued around the city.", "The brigade held its positions on Tuesday."]:
        result = infer_date(text)
        assert result == {"estimate": None, "earliest": None, "latest": None, "evidence": []}


def test_war_age_in_months_counts_from_the_invasion():
    result = infer_date("A senior official predicted a long road ahead in the nearly 11-month war.")
    assert result["earliest"] == war_start() + pd.DateOffset(months=10)
    assert result["latest"] == war_start() + pd.DateOffset(months=11)
    assert result["evidence"] == ["nearly 11-month war"]


def test_year_long_war_and_a_year_ago():
    result = infer_date("Russian forces attacked again in the year-long war.")
    assert ts("2023-01-24") <= result["estimate"] <= ts("2023-04-24")
    result = infer_date("Russia launched a full-scale invasion of Ukraine a year ago.")
    assert ts("2023-02-14") <= result["estimate"] <= ts("2023-03-17")


def test_weekday_agreement():
    text = "Russian forces attacked in the year-long war on Wednesday. Putin signs law to suspend the treaty."
    estimate = infer_date(text)["estimate"]
    assert estimate.day_name() == "Wednesday"
    text = text.replace("on Wednesday", "on Friday")
    assert infer_date(text)["estimate"].day_name() == "Friday"


def test_latest_weekday_wins():
    text = "Zelenskyy last month visited Bakhmut. He wrote on Tuesday. The ministry said on Wednesday."
    estimate = infer_date(text)["estimate"]
    assert estimate.day_name() == "Wednesday" and (estimate.year, estimate.month) == (2023, 1)


def test_first_of_the_year_and_orthodox_christmas_ahead():
    text = ("He spoke in their first phone call of the year. Traders sold goods ahead of the Orthodox Christmas "
            "celebrations as the nearly 11-month war went on.")
    result = infer_date(text)
    assert ts("2023-01-01") <= result["estimate"] <= ts("2023-01-06")
    past = infer_date("The nearly 11-month war went on after Orthodox Christmas.")
    assert past["estimate"] >= ts("2023-01-07")


def test_recurring_cue_alone_has_bounds_but_no_estimate():
    result = infer_date("Markets were busy ahead of the Orthodox Christmas.")
    assert result["estimate"] is None and result["earliest"] is not None


def test_timeline_phrases():
    assert infer_date("Putin signs law to suspend Russia's participation in arms treaty")["earliest"] == ts("2023-02-28")
    result = infer_date("Wagner claimed control of Bakhmut on Saturday.")
    assert ts("2023-05-20") <= result["estimate"] <= ts("2023-05-30")


def test_timeline_file_is_sourced():
    frame = timeline()
    assert {"date", "event", "phrases", "source"} <= set(frame.columns)
    assert 15 <= frame["event"].nunique() <= 30
    assert frame["source"].str.len().gt(10).all()
    assert ts("2022-12-20") in set(frame["date"]) and ts("2023-05-20") in set(frame["date"])


def test_seeds_001_and_003():
    articles, _ = load_corpus(DATA_RAW, infer_dates=False)
    by_id = {a[:3]: text for a, text in zip(articles["article_id"], articles["raw_text"])}
    seed1 = infer_date(by_id["001"])
    assert ts("2023-01-01") <= seed1["estimate"] <= ts("2023-01-07")
    assert seed1["estimate"].day_name() in ("Tuesday", "Wednesday")
    assert "first phone call of the year" in seed1["evidence"]
    assert "Zelenskyy last month visited" in seed1["evidence"]
    seed3 = infer_date(by_id["003"])
    assert seed3["estimate"] == ts("2023-03-01")
    assert "signs law to suspend" in seed3["evidence"]


def test_the_cue_of_seed_003_is_in_raw_text_only():
    articles, _ = load_corpus(DATA_RAW, infer_dates=False)
    row = articles[articles["article_id"].str.startswith("003")].iloc[0]
    assert "signs law to suspend" in row["raw_text"]
    assert "signs law to suspend" in " ".join(infer_date(row["raw_text"])["evidence"])


def test_apply_inferred_dates_fills_only_undated_rows():
    articles, _ = load_corpus(DATA_RAW, infer_dates=False)
    out = apply_inferred_dates(articles)
    known = articles["date"].notna()
    assert (out.loc[known, "date"] == articles.loc[known, "date"]).all()
    assert (out.loc[known, "date_source"] == articles.loc[known, "date_source"]).all()
    inferred = out[~known]
    assert (inferred["date_source"] == "inferred").all() and inferred["date"].notna().all()
    assert (inferred["date_earliest"] <= inferred["date"]).all() and (inferred["date"] <= inferred["date_latest"]).all()
    assert all(len(ev) > 0 for ev in inferred["date_evidence"])
    again = apply_inferred_dates(out)
    assert again["date_earliest"].equals(out["date_earliest"])


def test_text_without_cues_stays_undated():
    frame = pd.DataFrame({"article_id": ["x"], "date": [pd.NaT], "date_source": ["unknown"],
                          "raw_text": ["Shelling continued."]})
    out = apply_inferred_dates(frame)
    assert pd.isna(out.loc[0, "date"]) and out.loc[0, "date_source"] == "unknown"


# --- the literal prefilter: a pattern runs only on texts that contain a piece of text every match contains -------

import re  # noqa: E402

from helpers.dates import _cues, required_literal  # noqa: E402


@pytest.mark.parametrize("pattern, literal", [
    (r"\bfirst [a-z]+ of the year", " of the year"),           # \b is zero width: "first " and the tail both
    (r"(?:ahead of|before) (?:the )?orthodox christmas", "orthodox christmas"),  # optional part breaks the run
    (r"(?:signs|signed) (?:a )?law", "sign"),                   # the common prefix of alternatives is required
    (r"(?<!orthodox )christmas", "christmas"),                  # a look-behind is zero width
    (r"zelensk\w* went", "zelensk"),                            # \w* may be empty: breaks the run
    (r"(?:war|invasion)", None),                                # only alternatives: nothing is required
    (r"(?i)christmas", None),                                   # case-insensitive: no prefilter
    (r"a(?:b)+c", None),                                        # too short to be worth a test
])
def test_required_literal(pattern, literal):
    assert required_literal(re.compile(pattern)) == literal


def _all_cues():
    data = _cues()
    yield from (cue for cues in data["cues"].values() for cue in cues)
    yield from (cue for *_, compiled in data["holidays"] for cue in compiled.values())
    yield from (cue for *_, patterns in data["events"] for cue in patterns)


def test_every_match_contains_its_literal():
    """Each data-file pattern, run without the prefilter on realistic sentences (its own phrasing included), never
    matches text that lacks its literal: the prefilter cannot change a result."""
    texts = [
        "the nearly 11-month war ground on as zelensky last month visited bakhmut ahead of the orthodox christmas.",
        "biden made a surprise visit to kyiv; russia claimed the capture of soledar and the fall of lysychansk.",
        "on the first anniversary of the full-scale invasion, putin signed a law suspending participation in new start.",
        "germany agreed to send leopard tanks after the new year's eve attacks; victory day parades were cut.",
        "prigozhin threatened to withdraw his fighters from bakhmut by may 10, after wagner's armed mutiny.",
        "the destruction of the kakhovka dam followed an arrest warrant for vladimir putin issued in march.",
    ]
    checked = 0
    for cue in _all_cues():
        for text in texts:
            for match in cue.regex.finditer(text):
                checked += 1
                if cue.literal is not None:
                    assert cue.literal in match.group(0), (cue.regex.pattern, match.group(0))
    assert checked >= 15  # the sentences exercise most patterns


def test_prefilter_gives_the_same_dates_on_the_seeds():
    articles, _ = load_corpus(DATA_RAW, infer_dates=False, dedupe=False)
    for text in list(articles["raw_text"]) + list(articles["text"]):
        low = text.lower()
        for cue in _all_cues():
            assert [m.span() for m in cue.finditer(low)] == [m.span() for m in cue.regex.finditer(low)]
