"""Plausibility guards: implausible claims are flagged with a reason, never dropped (real sentences, URL given)."""

from __future__ import annotations

import math

import pandas as pd

from helpers.casualties import claims_for_corpus, extract_claims
from helpers.plausibility import ceilings, flag_claim, flag_claims

# https://threadser.net/post/DGtnf88T7Kz
HOLODOMOR = ("Estimates vary, but about 4 million men, women and children are believed to have starved to death "
             "during the Holodomor (a combination of the Ukrainian words for “starvation” and “to inflict death”).")
# https://news.online.ua/en/general-staff-latest-afu-eliminated-over-1000-russian-soldiers-six-tanks-and-64-artillery-systems-879818/
GENERAL_STAFF = ("The total number of losses of the Russian army since the beginning of the invasion is 516,080 "
                 "soldiers.")


def test_every_category_has_ceilings_with_a_reason():
    table = ceilings()
    assert set(table.index) == {"killed", "wounded", "casualties", "captured", "missing", "displaced", "population"}
    assert table["note"].str.len().gt(20).all()
    assert math.isnan(table.loc["population", "max_per_day"]), "a population is a stock: no daily ceiling"


def test_historical_event_is_flagged_with_what_the_sentence_names():
    flag = flag_claim(4_000_000, "killed", math.nan, HOLODOMOR)
    assert "total: 4,000,000 killed is above the ceiling" in flag and "history" in flag and "Holodomor" in flag
    # the Holodomor's millions read as war dead over seven days: a daily rate no war has
    assert flag_claim(5_000_000, "killed", 7, HOLODOMOR).startswith("rate: 714,286 killed per day")


def test_a_real_cumulative_total_is_not_flagged():
    claims = extract_claims(GENERAL_STAFF)
    assert claims[["value", "category", "party"]].values.tolist() == [[516080, "casualties", "russian"]]
    assert claims["flag"].tolist() == [""]


def test_a_total_read_as_one_days_losses_is_flagged_as_such():
    flag = flag_claim(516_080, "casualties", 1.0, GENERAL_STAFF)
    assert flag.startswith("total as one day's: 516,080")


def test_plausible_daily_claims_are_not_flagged():
    assert flag_claim(1_060, "killed", 1.0, "The Ukrainian armed forces yesterday killed 1,060 Russian soldiers.") == ""
    assert flag_claim(200_000, "displaced", 1.0, "About 200,000 people fled Ukraine on Sunday.") == ""


def test_flags_are_a_column_of_the_claims_table_and_rows_are_kept():
    articles = pd.DataFrame({"article_id": ["a", "b"], "date": [pd.Timestamp("2023-03-07"), pd.NaT],
                             "text": [GENERAL_STAFF, "In the 1930s five million people starved to death in the "
                                                     "Holodomor, and 5 million died."]})
    claims = claims_for_corpus(articles)
    assert "flag" in claims and claims["flag"].map(type).eq(str).all()
    assert (claims["article_id"] == "a").sum() == 1
    flagged = claims[claims["flag"] != ""]
    assert len(flagged) and flagged["flag"].str.contains("history").all()
    assert flag_claims(claims).tolist() == claims["flag"].tolist()
