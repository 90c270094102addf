"""``helpers.casualties.numbers``: number values, vague plurals, ranges, and numbers that are not counts of people."""

from __future__ import annotations

import pytest
from _casualty_helpers import claims, one
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.casualties import extract_claims, parse_number


@pytest.mark.parametrize("text, value", [
    ("1,600", 1600), ("70 000", 70000), ("three", 3), ("Twenty-one", 21), ("a dozen", 12), ("99 thousand", 99000),
    ("1 million 670 thousand", 1670000), ("three hundred and fifty", 350), ("1.5 million", 1500000),
    ("dozens", 12), ("hundreds", 100), ("thousands", 1000), ("tens of thousands", 10000), ("millions", 1000000),
])
def test_parse_number(text, value):
    assert parse_number(text) == value


def test_vague_plurals_are_lower_bounds():
    row = one("Dozens of people were injured in the attack.")
    assert (row.value, row.qualifier) == (12, "at_least")
    row = one("Tens of thousands of residents have fled the city.")
    assert (row.value, row.category, row.qualifier) == (10000, "displaced", "at_least")


def test_ranges():
    row = one("US intelligence estimates that between 2,000 and 4,000 Russian troops have been killed.")
    assert (row.value, row.value_high) == (2000, 4000)
    row = one("From 50-70 thousand Ukrainian troops have been killed, Russian estimates say.")
    assert (row.value, row.value_high, row.party) == (50000, 70000, "ukrainian")



def test_number_words_in_claims():
    assert claims("Twenty-one people were killed and a dozen injured.") == [(21, "killed", "civilian"),
                                                                          (12, "wounded", "civilian")]
    assert one("Ukraine has registered 1 million 670 thousand internally displaced people.").value == 1670000



@pytest.mark.parametrize("text", [
    "Prigozhin said Wagner would leave Bakhmut on May 10.",  # dates
    "At 3:45 a.m., Prigozhin announced that the city had fallen.",  # times
    "A 45-year-old man and his 12-year-old daughter were killed.",  # ages
    "A child aged 6 was among those killed.",
    "The 93rd Mechanised Brigade lost several positions.",  # unit numbers
    "Soldiers of the 28th Brigade were killed in the attack.",
    "Russian Su-25 jets and AMX-10 vehicles were destroyed.",  # model names
    "About 90% of the town's residents have already left.",  # percentages
    "Equipment losses amounted to 30-40%.",
    "Soldiers call the dead \"two hundreds\" and the wounded \"three hundreds\".",  # slang
    "Ukrainian forces are inflicting losses of seven to one on the Russians.",  # ratio
])
def test_numbers_that_are_not_counts(text):
    assert extract_claims(text).empty, extract_claims(text)


# --- property tests for number parsing --------------------------------------------------------------------------

UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
         "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def words_below_thousand(n: int) -> str:
    parts = []
    if n >= 100:
        parts.append(f"{UNITS[n // 100]} hundred")
        n %= 100
        if n:
            parts.append("and")
    if n >= 20:
        parts.append(TENS[n // 10] + (f"-{UNITS[n % 10]}" if n % 10 else ""))
    elif n:
        parts.append(UNITS[n])
    return " ".join(parts)


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=999_999_999))
def test_digits_with_commas_round_trip(n):
    assert parse_number(f"{n:,}") == n


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1000, max_value=999_999_999))
def test_digits_with_space_groups_round_trip(n):
    assert parse_number(f"{n:,}".replace(",", " ")) == n


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=999))
def test_number_words_round_trip(n):
    assert parse_number(words_below_thousand(n)) == n


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=999), st.integers(min_value=1, max_value=999))
def test_mixed_digits_and_scale_words(millions, thousands):
    assert parse_number(f"{millions} million {thousands} thousand") == millions * 1_000_000 + thousands * 1000


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=2, max_value=99_999))
def test_figure_in_a_sentence_keeps_its_value(n):
    row = one(f"Officials said {n:,} civilians were killed.")
    assert (row.value, row.category, row.party) == (n, "killed", "civilian")

