"""``helpers.casualties.period``: the window a figure covers."""

from __future__ import annotations

import math

import pytest
from _casualty_helpers import one

from helpers.casualties import extract_claims


@pytest.mark.parametrize("text, days", [
    ("Ukraine said 200 Russian soldiers were killed in the last day.", 1),
    ("Shelling killed two civilians overnight.", 1),
    ("Two civilians were killed yesterday.", 1),
    ("Ukraine says 500 Russians were killed in 24 hours.", 1),
    ("Russia lost 800 soldiers in one day.", 1),
    ("Russian shelling killed three civilians on Friday.", 1),
    ("Shelling killed three civilians on February 16.", 1),
    ("Russia is losing 500 soldiers a day.", 1),
    ("About 1,000 people were evacuated on Sunday and Monday.", 2),
    ("Russian strikes between Feb. 20 and 22 killed at least 11 civilians.", 3),
    ("Ukraine lost 2,200 soldiers in the past week, Russia said.", 7),
    ("Nine civilians were killed in Bakhmut in February.", 28),
    ("At least 9,000 civilians have been killed since the invasion began.", math.nan),
    ("The UN recorded 9,083 civilian deaths as of April.", math.nan),
    ("Ukraine claims 14,200 Russian soldiers killed.", math.nan),
])
def test_period_days(text, days):
    got = one(text).period_days
    assert (math.isnan(got) and math.isnan(days)) or got == days


def test_reporting_day_of_a_total_is_not_a_period():
    assert math.isnan(one("Prigozhin said on Wednesday that Wagner had lost about 20,000 men in Bakhmut.").period_days)


def test_day_named_for_a_perfect_tense_total_is_the_report_date():
    assert math.isnan(one("Russia confirmed casualties for the first time Wednesday, saying 498 Russian troops "
                          "have died.").period_days)
    frame = extract_claims("A tabloid published a toll yesterday saying that 9,861 Russian soldiers had been killed "
                           "and 16,153 injured since the invasion.")
    assert frame["period_days"].isna().all() and len(frame) == 2
    # an explicit window still wins: "had lost 1,090 troops in the past day, bringing total losses since … to"
    frame = extract_claims("The general staff said Russia had lost 1,090 troops in the past day, bringing total "
                           "Russian losses since the start of the invasion to about 153,160.")
    assert frame["period_days"].iloc[0] == 1 and math.isnan(frame["period_days"].iloc[1])
