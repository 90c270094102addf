"""The word lists of the casualty reader, read once from the CSV files under ``helpers/data``.

Every rule word lives in a table so a researcher can see (and change) why a figure was read as it was:

======================  ===================================================================================
``casualty_terms.csv``  casualty words, by position: ``after`` the figure ("were killed"), a ``noun`` right
                        after it ("casualties"), or a trigger ``before`` it ("killing", "death toll rose to")
``casualty_people.csv`` people nouns with their group, party and default category ("civilians", "occupiers")
``casualty_grammar.csv`` function words by role: aux, modifier, connector, link, modal, negation, speech
``party_grammar.csv``   words that tie a figure to a side by grammar: the speaker's own ("his men"), harm
                        ("shelling": civilians), "both sides"; the names of the sides are the conflict
                        profile's ``sides.csv``, read through ``helpers.sides``
``number_words.csv``    number words (units, tens, dozen, hundred, scales) and vague plurals
``qualifiers.csv``      qualifier phrases before ("at least") or after ("or more") a figure
``hedges.csv``          the hedge lexicon shared with ``helpers.framing``: its ``verification`` rows
``period_cues.csv``     period cues with the window they give, in days
======================  ===================================================================================

Tables are read with ``helpers.package_data.read_table``. ``_lexicon()`` builds every regex and lookup once per
process; ``_term_at`` and ``_term_ending_at`` look casualty terms up at a token.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from helpers.patterns import trie
from helpers.package_data import read_table

if TYPE_CHECKING:
    from helpers.casualties.numbers import _Tok

__all__ = ["MONTHS", "MONTH_DAYS", "WEEKDAYS"]

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
MONTH_DAYS = {1: 31, 2: 28, 3: 31, 4: 30, 5: 31, 6: 30, 7: 31, 8: 31, 9: 30, 10: 31, 11: 30, 12: 31}
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


def _read_csv(name: str) -> list[dict[str, str]]:
    return read_table(name).to_dict("records")


@dataclass
class _Lexicon:
    terms: dict[str, dict[tuple[str, ...], tuple[str, bool]]]  # position -> words -> (category, needs_person)
    max_term: int
    people: dict[str, tuple[str, str, str]]  # word -> (group, party, default_category)
    party: dict[str, dict[str, str]]  # scope -> cue -> party
    sides_re: re.Pattern  # "both sides", "each side": the figure is of no one side (with helpers.sides.both_sides_regex)
    grammar: dict[str, set[str]]
    units: dict[str, tuple[float, str]]  # number word -> (value, kind)
    vague_first: dict[str, list[tuple[tuple[str, ...], int]]]  # first word -> [(vague plural, value)]
    qual_before: re.Pattern
    qual_before_map: dict[str, str]
    qual_after: dict[tuple[str, ...], str]
    hedge_re: re.Pattern
    period_re: re.Pattern
    period_specs: list[str]
    candidate_re: re.Pattern
    number_re: re.Pattern
    qual_words: set[str]


def _word_trie(words) -> str:
    """One alternation of ``words`` (plain words, longest first) factored by common prefixes by
    :func:`helpers.patterns.trie`: the same matches as ``a|b|c``, faster on long texts."""
    return trie([re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w))])


def _phrase_regex(phrase: str) -> str:
    return r"\s+".join(re.escape(w) for w in phrase.split())


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    terms: dict[str, dict[tuple[str, ...], tuple[str, bool]]] = {"after": {}, "noun": {}, "before": {}}
    for row in _read_csv("casualty_terms.csv"):
        words = tuple(row["term"].lower().split())
        terms[row["position"]].setdefault(words, (row["category"], row["needs_person"].strip() == "yes"))
    max_term = max(len(w) for table in terms.values() for w in table)

    people = {r["word"].lower(): (r["group"], r["party"], r["default_category"]) for r in _read_csv("casualty_people.csv")}

    party: dict[str, dict[str, str]] = {}
    sides = []
    for row in _read_csv("party_grammar.csv"):  # which words name a side is the conflict profile's (helpers.sides)
        cue, scope = row["cue"].lower(), row["scope"]
        if scope == "sides":
            sides.append(tuple(cue.split()))
        else:
            party.setdefault(scope, {})[cue] = row["party"]

    grammar: dict[str, set[str]] = {}
    for row in _read_csv("casualty_grammar.csv"):
        grammar.setdefault(row["role"], set()).add(row["word"].lower())

    units: dict[str, tuple[float, str]] = {}
    vague: dict[tuple[str, ...], int] = {}
    for row in _read_csv("number_words.csv"):
        if row["kind"] == "vague":
            vague[tuple(row["word"].split())] = int(row["value"])
        else:
            units[row["word"]] = (float(row["value"]), row["kind"])

    qual_rows = _read_csv("qualifiers.csv")
    before = sorted((r for r in qual_rows if r["position"] == "before"), key=lambda r: -len(r["phrase"]))
    qual_before = re.compile(
        r"(?:^|[^\w])(" + "|".join(_phrase_regex(r["phrase"]) for r in before) + r")[\s\-–]*$", re.IGNORECASE
    )
    qual_before_map = {r["phrase"]: r["qualifier"] for r in before}
    qual_after = {tuple(r["phrase"].split()): r["qualifier"] for r in qual_rows if r["position"] == "after"}
    qual_words = {w for r in before for w in r["phrase"].split()}

    # the hedge lexicon shared with helpers.framing: a figure is hedged by its verification statements
    hedge_re = re.compile(r"\b(?:" + "|".join(f"(?:{r['pattern'].lower()})" for r in _read_csv("hedges.csv")
                                               if r["kind"] == "verification") + r")(?!\w)")

    month_alt = "|".join(sorted(MONTHS, key=len, reverse=True))
    number_alt = r"\d+|" + "|".join(sorted((w for w, (v, k) in units.items() if k in ("unit", "ten")), key=len,
                                           reverse=True))
    placeholders = {
        "{WEEKDAY}": r"(" + "|".join(WEEKDAYS) + r")",
        "{MONTH}": r"(" + month_alt + r")\.?",
        "{DAY}": r"(\d{1,2})(?:st|nd|rd|th)?",
        "{N}": r"(" + number_alt + r")",
    }
    parts, specs = [], []
    for row in _read_csv("period_cues.csv"):
        pattern = row["pattern"]
        pattern = re.sub(r"(?<=[a-z)?]) (?=[a-z({(?])", r"\\s+", pattern)
        for name, sub in placeholders.items():
            pattern = pattern.replace(name, sub)
        parts.append(f"(?P<p{len(specs)}>{pattern.lower()}\\b)")
        specs.append(row["days"])
    period_re = re.compile(r"\b(?:" + "|".join(parts) + ")")  # run on lower-cased text

    # cheap gates, run on lower-cased text: a sentence is read only if it has a number and a casualty word
    function_words = {"to", "of", "in", "and", "or", "the", "their", "a", "still", "went", "forced", "claimed",
                      "sustained", "suffered", "taken", "refused", "internally"}
    anchors = {w for table in terms.values() for words in table for w in words} - function_words
    anchors.update(w for w, (g, p, d) in people.items() if d)
    candidate_re = re.compile(r"\b" + _word_trie(anchors) + r"\b")
    number_words = set(units) | {w for words in vague for w in words} - {"of"}
    number_re = re.compile(r"\d|\b" + _word_trie(number_words) + r"\b")
    sides_re = re.compile(r"\b(?:" + "|".join(re.escape(" ".join(w)) for w in sides) + r")\b")
    vague_first: dict[str, list[tuple[tuple[str, ...], int]]] = {}
    for words, val in vague.items():
        vague_first.setdefault(words[0], []).append((words, val))
    return _Lexicon(terms=terms, max_term=max_term, people=people, party=party, sides_re=sides_re,
                    grammar=grammar, units=units, vague_first=vague_first,
                    qual_before=qual_before, qual_before_map=qual_before_map, qual_after=qual_after,
                    hedge_re=hedge_re, period_re=period_re, period_specs=specs, candidate_re=candidate_re,
                    number_re=number_re, qual_words=qual_words)


def _term_at(toks: list[_Tok], i: int, *positions: str) -> tuple[str, bool, int] | None:
    """Longest casualty term starting at token ``i`` -> (category, needs_person, length)."""
    lex = _lexicon()
    for length in range(min(lex.max_term, len(toks) - i), 0, -1):
        words = tuple(t.key for t in toks[i:i + length])
        for pos in positions:
            hit = lex.terms[pos].get(words)
            if hit:
                return hit[0], hit[1], length
    return None


def _term_ending_at(toks: list[_Tok], j: int, *positions: str) -> tuple[str, bool, int] | None:
    """Longest casualty term ending at token ``j`` (inclusive) -> (category, needs_person, length)."""
    lex = _lexicon()
    for length in range(min(lex.max_term, j + 1), 0, -1):
        words = tuple(t.key for t in toks[j - length + 1:j + 1])
        for pos in positions:
            hit = lex.terms[pos].get(words)
            if hit:
                return hit[0], hit[1], length
    return None
