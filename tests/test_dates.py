"""Dates inferred from the text of undated articles (issue 3)."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.corpus import load_corpus
from helpers.dates import WAR_START, apply_inferred_dates, infer_date, timeline
from helpers.paths import DATA_RAW


def ts(value: str) -> pd.Timestamp:
    return pd.Timestamp(value)


def test_no_cue_gives_no_date():
    for text in ["", "Fighting continued around the city.", "The brigade held its positions on Tuesday."]:
        result = infer_date(text)
        assert result == {"estimate": None, "earliest": None, "latest": None, "evidence": []}


def test_war_age_in_months_counts_from_the_invasion():
    result = infer_date("A senior official predicted a long road ahead in the nearly 11-month war.")
    assert result["earliest"] == WAR_START + pd.DateOffset(months=10)
    assert result["latest"] == WAR_START + pd.DateOffset(months=11)
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
