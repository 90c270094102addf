"""``helpers.casualties.grammar``: what a figure counts (category), totals and parts, figures that count no one."""

from __future__ import annotations

import pytest
from _casualty_helpers import claims, one

from helpers.casualties import extract_claims


def test_total_and_parts_are_separate_claims():
    assert claims("221 enemies were killed and 314 wounded.") == [(221, "killed", "russian"), (314, "wounded", "russian")]
    got = claims("OHCHR recorded 21,793 civilian casualties – 8,173 killed and 13,620 injured.")
    assert got == [(21793, "casualties", "civilian"), (8173, "killed", "civilian"), (13620, "wounded", "civilian")]
    got = claims("A missile strike killed 50 people, including five children.")
    assert got == [(50, "killed", "civilian"), (5, "killed", "civilian")]


@pytest.mark.parametrize("text, category", [
    ("Ukraine said 40 Russian soldiers were killed in action.", "killed"),
    ("The death toll rose to 15, officials said.", "killed"),
    ("Soldiers found the bodies of 12 Russian troops.", "killed"),
    ("Up to 240 soldiers and mercenaries were eliminated, the Russian defence ministry said.", "killed"),
    ("Our defenders liquidated 500 occupiers, the General Staff said.", "killed"),
    ("Three civilians sustained injuries in the shelling.", "wounded"),
    ("The enemy lost 520 occupiers killed and wounded.", "casualties"),
    ("Russia has suffered more than 100,000 casualties, US officials say.", "casualties"),
    ("Ukraine says it lost 31 soldiers near Soledar.", "casualties"),
    ("Ukraine said it had captured 20 Russian soldiers.", "captured"),
    ("Russia and Ukraine swap more than 200 prisoners of war.", "captured"),
    ("Officials said 140 Ukrainian soldiers were missing after the battle.", "missing"),
    ("Fewer than 4,000 civilians remain in Bakhmut.", "population"),
    ("The city had a pre-war population of 70,000.", "population"),
    ("More than 1,000 people were evacuated from the city.", "displaced"),
    ("An estimated 7 million people have fled Ukraine.", "displaced"),
])
def test_categories(text, category):
    assert one(text).category == category


def test_lost_soldiers_called_deaths_are_killed():
    assert one("Russia lost 500 soldiers killed in the assault, Kyiv said.").category == "killed"


def test_rival_estimates_are_one_claim_each():
    got = claims("Estimates of Russian soldiers killed vary: 60,000, 70,000 and 100,000 have been cited.")
    assert got == [(60000, "killed", "russian"), (70000, "killed", "russian"), (100000, "killed", "russian")]


@pytest.mark.parametrize("text", [
    "Ukrainian forces destroyed 14 Russian tanks and 3 artillery systems.",  # equipment
    "Ukrainian forces repelled 85 Russian attacks over the past day.",  # attack counts
    "The enemy launched 31 air strikes and 47 MLRS attacks, the General Staff said.",
    "Bakhmut lies about 90 kilometres (55 miles) north of Donetsk.",  # distances
    "About 40 apartment blocks were destroyed.",  # buildings
    "The town had been shelled for 200 days.",  # durations
    "Russia is losing one soldier for every 48 centimetres it advances.",  # rates
    "Wagner has recruited 50,000 prisoners, Western officials say.",  # recruits
    "Russia has massed 50,000 fighters around the city.",  # force sizes
    "About 700 troops were housed in the school.",  # troops merely present
    "There were no civilian casualties, the governor said.",  # zero / negated
    "Ukraine needs 1 million rounds of ammunition.",
])
def test_figures_that_count_no_casualties(text):
    assert extract_claims(text).empty, extract_claims(text)
