"""Plausibility guards for casualty claims: a claim that cannot be right is flagged, never deleted.

The Economist's casualty pipeline refuses to publish a number that jumps implausibly; here the claims stay in the
table, with a ``flag`` saying why a reader should look twice, and the trend figures draw them with a distinct
marker. Three checks, each kept as readable data in ``src/helpers/data``:

- ``rate``: the figure's daily rate (value ÷ ``period_days``) is above the ceiling of its category
  (``plausibility.csv``, ``max_per_day``), e.g. a civilian death toll of millions in a day;
- ``total as one day's``: the same, for a figure read as one day's whose sentence also speaks of a total
  ("has lost 166,000 since the start of the invasion, among them almost a thousand in the last day");
- ``total``: a figure with no window above the category's ceiling for the whole war (``max_total``), e.g. the
  Holodomor's five million read as war dead;
- ``history``: the figure's sentence names a historical event or an earlier century (``historical_events.csv``:
  the Holodomor, the Second World War, "in the 1930s"), so it may not be about this war.

``flag_claims(claims)`` returns one string per claim: empty when nothing is wrong, else the reasons joined
by "; ".
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

import pandas as pd

from helpers import conflicts

__all__ = ["ceilings", "historical_events", "about_history", "flag_claim", "flag_claims"]

_TOTAL_CUE = re.compile(r"\b(?:in total|a total of|total|so far|to date|overall|since the (?:start|beginning)|"
                        r"since (?:February|the invasion|24 February|Feb)|in all|altogether|cumulative)\b",
                        re.IGNORECASE)


def ceilings() -> pd.DataFrame:
    """The active conflict profile's ``plausibility.csv``: ``category, max_per_day, max_total, note`` (floats;
    NaN where a check does not apply)."""
    return _ceilings(conflicts.active()).copy()


@lru_cache(maxsize=None)
def _ceilings(conflict: conflicts.Profile) -> pd.DataFrame:
    table = conflicts.read_profile_table("plausibility.csv", conflict)
    for column in ("max_per_day", "max_total"):
        table[column] = pd.to_numeric(table[column].replace("", math.nan), errors="raise")
    return table.set_index("category")


def historical_events() -> re.Pattern:
    """One regex for the patterns of the active profile's ``historical_events.csv`` (case-sensitive: names are
    capitalised)."""
    return _historical_events(conflicts.active())


@lru_cache(maxsize=None)
def _historical_events(conflict: conflicts.Profile) -> re.Pattern:
    table = conflicts.read_profile_table("historical_events.csv", conflict)
    return re.compile("|".join(f"(?:{p})" for p in table["pattern"]))


_CLAUSE_BREAK = re.compile(r"[,;:()—–]|\s-\s")


def about_history(sentence: str, start: int, end: int) -> bool:
    """Whether the figure at ``sentence[start:end]`` is about another war or history: its own clause, or a short
    clause that completes it, names a historical event or an earlier century ("the Soviet losses in the Afghanistan war of
    15,000 troops between 1979-89"; "the Soviet Union said in 1988 that it lost more than 13,000 soldiers").
    Such a figure is not a claim about this war; a historical event elsewhere in the sentence only flags it."""
    breaks = [m.start() for m in _CLAUSE_BREAK.finditer(sentence)]
    left = max([b for b in breaks if b < start], default=-1) + 1
    after = [b for b in breaks if b >= end] + [len(sentence)]
    right = after[0]
    if len(after) > 1 and len(sentence[after[0] + 1:after[1]].split()) <= 4:
        right = after[1]  # a short clause that completes it: "…, and that more than 35,000 were injured, in Afghanistan"
    return bool(historical_events().search(sentence[left:right]))


def flag_claim(value: float, category: str, period_days: float, sentence: str) -> str:
    """The flag of one claim (see the module doc): "" when plausible."""
    reasons = []
    limits = ceilings()
    row = limits.loc[category] if category in limits.index else None
    has_window = period_days is not None and period_days == period_days and period_days > 0
    if row is not None and has_window and row["max_per_day"] == row["max_per_day"]:
        rate = value / period_days
        if rate > row["max_per_day"]:
            if period_days == 1 and _TOTAL_CUE.search(sentence or ""):
                reasons.append(f"total as one day's: {value:,.0f} read as one day's {category} in a sentence about a "
                               "total")
            else:
                reasons.append(f"rate: {rate:,.0f} {category} per day is above the ceiling of "
                               f"{row['max_per_day']:,.0f}")
    if row is not None and not has_window and row["max_total"] == row["max_total"] and value > row["max_total"]:
        reasons.append(f"total: {value:,.0f} {category} is above the ceiling of {row['max_total']:,.0f} for the war")
    found = historical_events().search(sentence or "")
    if found:
        reasons.append(f"history: the sentence names {found.group(0)!r}")
    return "; ".join(reasons)


def flag_claims(claims: pd.DataFrame) -> pd.Series:
    """One flag per row of a claims table (``value, category, period_days, sentence``), aligned to its index."""
    flags = [flag_claim(v, c, p, s) for v, c, p, s in
             zip(claims["value"], claims["category"], claims["period_days"], claims["sentence"])]
    return pd.Series(flags, index=claims.index, dtype=object, name="flag")
