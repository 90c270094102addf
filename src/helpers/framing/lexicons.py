"""The framing lexicons (``src/helpers/data``), compiled once per process, and the one-pass scanner over them."""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

import pandas as pd

from helpers import conflicts, sides
from helpers.package_data import read_table
from helpers.patterns import Lexicon, Scanner


def attribution_sides(conflict: conflicts.Profile | None = None) -> tuple[str, ...]:
    """The sides an attributed source can be on, in the profile's order (belligerents second-first, as the
    tables have always listed Ukrainian sources first), then third parties, independent and other (lay
    sources: residents and witnesses are civilians in sides.csv and speak for no side)."""
    conflict = conflict or conflicts.active()
    return conflict.sides[::-1] + conflict.third_parties + ("independent", "other")



def load_lexicon(name: str) -> pd.DataFrame:
    """Read one lexicon as strings, in file order: a conflict profile's own table (``naming.csv``, ``sides.csv``
    …: ``helpers.conflicts.PROFILE_TABLES``) from the active profile, any other from ``src/helpers/data`` (CSV,
    or tab-separated ``.txt``)."""
    if name in conflicts.PROFILE_TABLES:
        return conflicts.read_profile_table(name)
    return read_table(name)


def _naming():
    return _naming_for(conflicts.active())


@lru_cache(maxsize=None)
def _naming_for(conflict: conflicts.Profile):
    table = conflicts.read_profile_table("naming.csv", conflict)  # naming choices are the conflict's
    return table, Lexicon(table["pattern"].tolist(), ignore_case=True)


@lru_cache(maxsize=None)
def _frames():
    table = load_lexicon("frames.csv")
    return table, Lexicon(table["pattern"].tolist(), ignore_case=False)


@lru_cache(maxsize=None)
def _hedges():
    table = load_lexicon("hedges.csv")  # the one hedge lexicon; casualties reads its verification rows
    return table, Lexicon(table["pattern"].tolist(), ignore_case=False, possessive=False)


@lru_cache(maxsize=None)
def _loaded():
    table = load_lexicon("loaded_terms.csv")
    return table, Lexicon(table["pattern"].tolist(), ignore_case=False)


def _actors():
    """``(rows, lexicon, ranks)`` of the sources attribution knows: every row of the profile's sides.csv; a
    more specific source outranks a country or demonym, which outranks a generic one ("officials")."""
    return _actors_for(conflicts.active())


@lru_cache(maxsize=None)
def _actors_for(conflict: conflicts.Profile):
    table, lexicon = sides.lexicon("attribution", conflict)
    priority = {"state": 1, "capital": 1, "demonym": 1, "analyst": 1, "generic": 0}
    ranks = [priority.get(k, 2) for k in table["kind"]]
    return table, lexicon, ranks


@lru_cache(maxsize=None)
def _verbs():
    """Reporting verbs: ``(table, lexicon, form_rows)``; lexicon rows are forms, ``form_rows[i]`` the verb row."""
    table = load_lexicon("attribution_verbs.txt")
    forms, form_rows = [], []
    for i, row in table.iterrows():
        for form in row["forms"].split("|"):
            pattern = re.escape(form).replace(r"\ ", r"\s+")
            if form == "according to":
                pattern = "[Aa]" + pattern[1:]  # may open a sentence
            forms.append(pattern)
            form_rows.append(i)
    # reporting verbs are matched in lower case only ("States" is not "states")
    return table, Lexicon(forms, ignore_case=False, possessive=False, left=r"\w-"), form_rows


def _agency():
    """``(agents table, actions table, agent lexicon, action lexicon, active regex, passive regex)``; agents are
    the profile's sides (``helpers.sides.lexicon("agency")``), actions ``agency_patterns.csv``."""
    return _agency_for(conflicts.active())


@lru_cache(maxsize=None)
def _agency_for(conflict: conflicts.Profile):
    agents, agent_lexicon = sides.lexicon("agency", conflict)
    actions = load_lexicon("agency_patterns.csv")
    action_lexicon = Lexicon(actions["pattern"].tolist(), ignore_case=False)
    gap = (
        r"(?:\s+(?:has|have|had|is|are|was|were|been|being|be|will|would|could|can|may|might|must|did|do|does|not|"
        r"also|still|again|now|then|already|just|reportedly|apparently|continued\s+to|continue\s+to|continues\s+to|"
        r"tried\s+to|try\s+to|trying\s+to|tries\s+to|attempt\s+to|attempted\s+to|attempting\s+to|sought\s+to|"
        r"seeking\s+to|managed\s+to|failed\s+to|began\s+to|begun\s+to|began|started\s+to|desperate\s+to|"
        r"want\s+to|wants\s+to|to|[a-z]+ly)){0,4}"
    )
    active = re.compile(
        rf"[^\w-](?P<agent>{agent_lexicon.alternation})(?:['’]s)?{gap}\s+(?P<action>{action_lexicon.alternation})(?![\w-])"
    )
    passive = re.compile(
        rf"[^\w-](?P<aux>{'|'.join(_PASSIVE_AUX)})(?:\s+[a-z]+ly)?\s+(?P<action>{action_lexicon.alternation})\s+by\s+"
        rf"(?:the\s+)?(?P<agent>{agent_lexicon.alternation})(?![\w-])"
    )
    return agents, actions, agent_lexicon, action_lexicon, active, passive


_PASSIVE_AUX = ("was", "were", "is", "are", "been", "being")


_SCAN_PARTS = ("naming", "frames", "hedges", "loaded", "verbs", "active", "passive")


def _scanner() -> Scanner:
    return _scanner_for(conflicts.active())


@lru_cache(maxsize=None)
def _scanner_for(conflict: conflicts.Profile) -> Scanner:
    """One pass for the lexicons ``framing_tables`` runs over whole articles, in the order of ``_SCAN_PARTS``."""
    lexicons = [_naming_for(conflict)[1], _frames()[1], _hedges()[1], _loaded()[1], _verbs()[1]]
    parts = [(lexicon.regex, [a + lexicon.tail for a in lexicon.branches]) for lexicon in lexicons]
    agency = _agency_for(conflict)
    agent_lexicon, active, passive = agency[2], agency[4], agency[5]
    parts.append((active, [a + r"(?:['’]s)?\s" for a in agent_lexicon.branches]))  # the agent, then a space
    parts.append((passive, [a + r"\s" for a in _PASSIVE_AUX]))  # the auxiliary, then a space
    return Scanner(parts)


# the finders' common step; ``matches``: the lexicon's matches from ``_scanner().scan(text)``; None to scan the text here


def _lexicon_spans(lexicon: Lexicon, text: str, matches) -> list[tuple[int, int, int]]:
    return list(lexicon.finditer(text) if matches is None else lexicon.spans(text, matches))


# is ``position`` inside one of ``spans`` (sorted, disjoint; ``starts`` their starts)?
def _in_spans(starts: list[int], spans: list[tuple[int, int]], position: int) -> bool:
    i = bisect.bisect_right(starts, position) - 1
    return i >= 0 and spans[i][0] <= position < spans[i][1]
