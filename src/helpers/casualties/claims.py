"""Casualty claims: every figure about people in a news text, with who suffered it, who claimed it, and whether the
reporter said it could not be verified.

``extract_claims(text)`` returns one row per stated figure (a total and its parts are separate rows):

==============  =====================================================================================
``value``       the figure (int); ``value_high`` the upper end of a range, else equal to ``value``
``category``    killed | wounded | casualties | captured | missing | population | displaced
``party``       who suffered it: russian | ukrainian | civilian | unknown
``period_days`` the window the figure covers (1 = a day); NaN for cumulative or unstated windows
``qualifier``   exact | at_least | approximate | up_to — only the qualifier right before this figure
``hedged``      the passage (this sentence and the next) says the figure could not be verified
``source``      who is said to make the claim ("Ukraine's military"), or None
``start/end``   character offsets of the figure in ``text``; ``sentence`` the sentence it is in
``flag``        "" or why the claim is implausible (``helpers.plausibility``: a daily rate above the ceiling,
                a total read as one day's, a historical event); flagged claims are kept, never deleted
==============  =====================================================================================

``claims_for_corpus(articles)`` does the same for every article and adds ``article_id`` and ``date``.

How a figure is read — every word list lives in a CSV under ``helpers/data`` so a researcher can see why:

1. **Numbers** (``number_words.csv``): digits with comma or space groups ("1,600", "70 000"), number words
   ("Twenty-one", "a dozen", "99 thousand", "1 million 670 thousand"), ranges ("70,000 to 80,000",
   "between 100 and 200", "50-70 thousand") and vague plurals, read as ACLED does as lower bounds
   (dozens → 12, hundreds → 100, thousands → 1,000, tens of thousands → 10,000). Dates, times, years, ages,
   ordinals, percentages, money, unit numbers and model names (Su-25) are set aside before anything else.
2. **What the figure counts** (``casualty_terms.csv``, ``casualty_people.csv``, ``casualty_grammar.csv``): the
   words after the figure are read first — optional modifiers ("more", "Russian", "of his"), a people noun
   ("troops", "civilians"), then auxiliaries ("were", "have been", "reportedly") up to a casualty term
   ("killed", "wounded", "killed and wounded" = casualties, "remain" = population, "fled" = displaced). A
   casualty noun may also stand right after the figure ("21,793 casualties", "dozens of bodies"). When the
   figure is followed by a noun that is not about people ("85 attacks", "14 tanks", "500 metres") it is not a
   claim. Otherwise the words before it are read: a trigger ("killing", "death toll rose to", "population of",
   "lost N soldiers" → casualties) or a previous figure it continues ("70,000 to 80,000 and has shrunk to around
   10,000"; rival estimates "60,000, 70,000, 100,000"; "including six children"). Figures of troops merely
   present, recruited or deployed have no casualty term and yield nothing; so do rates ("one soldier for every
   48 cm") and negated statements.
3. **Party** (``party_cues.csv``): a nationality or civilian word in the figure's own noun phrase wins; "enemy",
   "occupiers", "invaders" are the other side of whoever speaks (Russian when unknown); "soldiers and
   mercenaries" in a Russian statement are Ukrainian; "both sides" → unknown; people hit by shelling, strikes or
   missiles → civilian; population and displaced figures → civilian; otherwise the nearest country word before
   the figure (the side that "lost" or "suffered"; flipped when that side "killed").
4. **Period** (``period_cues.csv``): the nearest cue in the figure's clause; cumulative cues ("since", "so far",
   "as of") give NaN; "said on Tuesday" counts as a day only when the figure is not a perfect-tense total.
5. **Qualifier** (``qualifiers.csv``) and **hedges**: the verification statements of ``hedges.csv``, the hedge
   lexicon shared with ``helpers.framing`` ("could not independently verify", "couldn’t be confirmed"), in the
   figure's sentence or the next; or a modal of possibility in the figure's own verb ("may have died").
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable

import pandas as pd

from helpers.package_data import read_table
from helpers.plausibility import about_history, flag_claim
from helpers.text import sentence_spans

__all__ = [
    "COLUMNS",
    "CATEGORIES",
    "PARTIES",
    "QUALIFIERS",
    "extract_claims",
    "claims_for_corpus",
    "parse_number",
    "load_gold",
    "evaluate",
    "evaluation_details",
    "wrong_fields",
]

COLUMNS = [
    "value", "value_high", "category", "party", "period_days", "qualifier", "hedged", "source", "start", "end",
    "sentence", "flag",
]
CATEGORIES = ("killed", "wounded", "casualties", "captured", "missing", "population", "displaced")
PARTIES = ("russian", "ukrainian", "civilian", "unknown")
QUALIFIERS = ("exact", "at_least", "approximate", "up_to")

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
MONTH_DAYS = {1: 31, 2: 28, 3: 31, 4: 30, 5: 31, 6: 30, 7: 31, 8: 31, 9: 30, 10: 31, 11: 30, 12: 31}
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

# one token: a number (with comma / space / point groups), a word (with inner apostrophes and hyphens) or a sign
_TOKEN_RE = re.compile(
    r"\d{1,3}(?:(?:,\d{3})+|(?:[\u00a0\u202f ]\d{3})+)(?:\.\d+)?(?!\d|,\d)"
    r"|\d+(?:\.\d+)*"
    r"|[A-Za-z]+(?:['’][A-Za-z]+)*(?:-[A-Za-z]+)*"
    r"|\S"
)
_UNIT_WORDS = {  # a figure directly followed by one of these is a measure, a time or an age, not people
    "km", "kilometres", "kilometers", "kilometre", "kilometer", "miles", "mile", "metres", "meters", "metre", "meter",
    "m", "cm", "mm", "centimetres", "centimeters", "percent", "per", "pc", "hours", "hour", "minutes", "days", "day",
    "weeks", "week", "months", "month", "years", "year", "am", "pm", "gmt", "utc", "hectares", "square", "sq",
    "tonnes", "tons", "dollars", "euros", "pounds", "rubles", "roubles", "hryvnias", "times",
}
_PRONOUN_SUBJECTS = {"he", "she", "they", "we", "it", "i"}
_PERFECT = {"have", "has", "had"}
_ACTIVE_HARM = {  # verbs whose subject is the side that did the killing: the victims are the other side
    "killed", "killing", "kills", "kill", "eliminated", "eliminating", "liquidated", "destroyed", "destroying",
    "wounding", "injuring", "captured", "capturing", "took", "taken",
}
_EUPHEMISMS = {"eliminated", "liquidated", "destroyed", "neutralised", "neutralized", "eliminating", "destroying"}
_LINKING_MODIFIERS = {"additional", "more", "other", "others", "further", "another"}
# a country named as a place, not as a side: "the invasion of Ukraine", "in eastern Ukraine", "across Russia"
_PLACE_WORDS = {"in", "into", "across", "throughout", "against", "on", "inside", "within"}
_PLACE_OF = {"invasion", "war", "east", "south", "north", "west", "part", "parts", "territory", "regions", "region",
             "cities", "city", "towns", "villages", "people", "citizens", "residents"}
_COUNTRY_NOUNS = {"ukraine", "russia", "kyiv", "kiev", "moscow"}
_CLAUSE_STOP = {";", ".", "!", "?"}


# --------------------------------------------------------------------------------------------------------------
# lexicons
# --------------------------------------------------------------------------------------------------------------


def _read_csv(name: str) -> list[dict[str, str]]:
    return read_table(name).to_dict("records")


def _key(word: str) -> str:
    return word.lower().replace("’", "'")


@dataclass
class _Lexicon:
    terms: dict[str, dict[tuple[str, ...], tuple[str, bool]]]  # position -> words -> (category, needs_person)
    max_term: int
    people: dict[str, tuple[str, str, str]]  # word -> (group, party, default_category)
    party: dict[str, dict[str, str]]  # scope -> cue -> party
    sides: list[tuple[str, ...]]
    speaker_re: dict[str, re.Pattern]
    grammar: dict[str, set[str]]
    units: dict[str, tuple[float, str]]  # number word -> (value, kind)
    vague: dict[tuple[str, ...], int]
    qual_before: re.Pattern
    qual_before_map: dict[str, str]
    qual_after: dict[tuple[str, ...], str]
    hedge_re: re.Pattern
    period_re: re.Pattern
    period_specs: list[str]
    candidate_re: re.Pattern
    number_re: re.Pattern
    qual_words: set[str] = field(default_factory=set)
    vague_first: dict[str, list] = field(default_factory=dict)
    number_parts: set[str] = field(default_factory=set)
    sides_re: re.Pattern | None = None


def _trie_regex(words: Iterable[str]) -> str:
    """An alternation of ``words`` factored by common prefixes ("kill(?:ed|ing|s)?"): the same matches as
    ``a|b|c`` but several times faster in Python's regex engine on long texts."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        end = "" in node
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if end else body

    return build(trie)


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
    speaker_words: dict[str, list[str]] = {"russian": [], "ukrainian": []}
    for row in _read_csv("party_cues.csv"):
        cue, scope = row["cue"].lower(), row["scope"]
        if scope == "sides":
            sides.append(tuple(cue.split()))
        elif scope == "speaker":
            speaker_words[row["party"]].append(cue)
        else:
            party.setdefault(scope, {})[cue] = row["party"]
    speaker_re = {
        side: re.compile(r"\b(?:" + "|".join(_phrase_regex(c) for c in sorted(cues, key=len, reverse=True)) + r")\b",
                         re.IGNORECASE)
        for side, cues in speaker_words.items()
    }

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
    candidate_re = re.compile(r"\b" + _trie_regex(anchors) + r"\b")
    number_words = set(units) | {w for words in vague for w in words} - {"of"}
    number_re = re.compile(r"\d|\b" + _trie_regex(number_words) + r"\b")
    lexicon = _Lexicon(terms, max_term, people, party, sides, speaker_re, grammar, units, vague, qual_before,
                       qual_before_map, qual_after, hedge_re, period_re, specs, candidate_re, number_re, qual_words)
    lexicon.sides_re = re.compile(r"\b(?:" + "|".join(re.escape(" ".join(w)) for w in sides) + r")\b")
    for words, val in vague.items():
        lexicon.vague_first.setdefault(words[0], []).append((words, val))
    lexicon.number_parts = set(units)
    return lexicon


# --------------------------------------------------------------------------------------------------------------
# tokens and numbers
# --------------------------------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Tok:
    key: str
    start: int
    end: int
    kind: str  # "n" digits, "w" word, "p" sign


@dataclass
class _Mention:
    i0: int  # first token
    i1: int  # one past the last token
    start: int
    end: int
    value: float
    value_high: float
    scale: float = 1.0
    vague: bool = False
    skip: str | None = None  # why this number is not a figure about people
    is_date: bool = False
    claim: dict | None = None


def _tokenize(sentence: str) -> list[_Tok]:
    low = _lower(sentence).replace("’", "'")
    out = []
    for m in _TOKEN_RE.finditer(sentence):
        start, end = m.span()
        c = sentence[start]
        kind = "n" if c.isdigit() else ("w" if c.isalpha() else "p")
        out.append(_Tok(low[start:end], start, end, kind))
    return out


def parse_number(text: str) -> int | None:
    """Value of a number written in digits and/or words ("1,600", "70 000", "Twenty-one", "a dozen",
    "99 thousand", "1 million 670 thousand", "dozens" → 12); None when ``text`` is not one number."""
    toks = _tokenize(text)
    mentions = _find_numbers(toks, text)
    if len(mentions) != 1 or mentions[0].i0 != 0 or mentions[0].i1 != len(toks):
        return None
    value = mentions[0].value
    return int(round(value)) if value == value else None


def _digits_value(key: str) -> float | None:
    clean = key.replace(",", "").replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
    if clean.count(".") > 1:
        return None
    try:
        return float(clean)
    except ValueError:
        return None


def _find_numbers(toks: list[_Tok], sentence: str) -> list[_Mention]:
    lex = _lexicon()
    units, vague = lex.units, lex.vague
    mentions: list[_Mention] = []
    n = len(toks)
    i = 0
    while i < n:
        t = toks[i]
        # vague plurals: "tens of thousands", "hundreds", "dozens" (optionally "several hundred")
        hit = None
        for words, val in lex.vague_first.get(t.key, ()):
            if tuple(x.key for x in toks[i:i + len(words)]) == words:
                if hit is None or len(words) > len(hit[0]):
                    hit = (words, val)
        if hit:
            words, val = hit
            j = i + len(words)
            m = _Mention(i, j, t.start, toks[j - 1].end, float(val), float(val), vague=True)
            prev = toks[i - 1].key if i else ""
            if prev in units and units[prev][1] in ("unit", "ten"):  # "two hundreds": army slang for the dead
                m.skip = "slang"
            mentions.append(m)
            i = j
            continue
        if t.key == "half" and i + 2 < n and toks[i + 1].key == "a" and toks[i + 2].key in ("million", "billion"):
            val = units[toks[i + 2].key][0] / 2
            mentions.append(_Mention(i, i + 3, t.start, toks[i + 2].end, val, val, scale=val * 2))
            i += 3
            continue
        if t.key in ("several", "few") and i + 1 < n and toks[i + 1].key in ("hundred", "thousand"):
            val = units[toks[i + 1].key][0]
            mentions.append(_Mention(i, i + 2, t.start, toks[i + 1].end, val, val, scale=val, vague=True))
            i += 2
            continue
        if t.kind != "n" and not _is_number_word(t.key, toks, i):
            i += 1
            continue
        # a decimal comma before a scale word: "about 6,8 thousand mercenaries" (6,800)
        if t.kind == "n" and i + 3 < n and toks[i + 1].key == "," and toks[i + 2].kind == "n" and \
                toks[i + 1].start == t.end and toks[i + 2].start == toks[i + 1].end and len(toks[i + 2].key) <= 2 \
                and toks[i + 3].key in ("thousand", "million", "billion") and t.key.isdigit():
            scale_value = units[toks[i + 3].key][0]
            value = float(f"{t.key}.{toks[i + 2].key}") * scale_value
            mentions.append(_Mention(i, i + 4, t.start, toks[i + 3].end, value, value, scale=scale_value))
            i += 4
            continue
        # a run of digits and number words
        total, cur, scale, j = 0.0, 0.0, 1.0, i
        last_kind = None
        bad = False
        while j < n:
            k = toks[j]
            if k.kind == "n":
                if last_kind in ("digit", "unit"):
                    break
                val = _digits_value(k.key)
                if val is None:
                    bad = True
                    j += 1
                    break
                cur += val
                last_kind = "digit"
            elif k.key == "a" and j == i and j + 1 < n and toks[j + 1].key in ("dozen", "hundred", "thousand", "million"):
                cur = 1.0
                last_kind = "a"
            elif k.key == "and" and last_kind == "hundred" and j + 1 < n and (
                    toks[j + 1].kind == "n" or _is_number_word(toks[j + 1].key, toks, j + 1)):
                pass
            else:
                parts = k.key.split("-") if k.kind == "w" else [k.key]
                vals = [_word_value(p) for p in parts]
                if any(v is None for v in vals):
                    break
                stop = False
                for p, (v, kind) in zip(parts, vals):
                    if kind in ("unit", "ten"):
                        if last_kind in ("digit",) or (last_kind == "unit"):
                            stop = True
                            break
                        cur += v
                        last_kind = "unit" if kind == "unit" else "ten"
                    elif kind == "dozen":
                        cur = (cur or 1.0) * 12
                        last_kind = "unit"
                    elif kind == "hundred":
                        cur = (cur or 1.0) * 100
                        scale = max(scale, 100.0) if scale == 1.0 else scale
                        last_kind = "hundred"
                    elif kind == "scale":
                        total += (cur or 1.0) * v
                        cur = 0.0
                        scale = v
                        last_kind = "scale"
                if stop:
                    break
            j += 1
        if j == i:
            i += 1
            continue
        while j > i and toks[j - 1].key == "and":
            j -= 1
        value = total + cur
        m = _Mention(i, j, toks[i].start, toks[j - 1].end, value, value, scale=scale)
        if bad:
            m.skip = "not a count"
        mentions.append(m)
        i = j
    for m in mentions:
        if m.skip is None:
            m.skip = _exclusion(toks, m, sentence)
    _merge_ranges(toks, mentions)
    return [m for m in mentions if m.value_high >= 0]


def _word_value(word: str) -> tuple[float, str] | None:
    return _lexicon().units.get(word)


def _is_number_word(key: str, toks: list[_Tok], i: int) -> bool:
    if key == "a":
        return i + 1 < len(toks) and toks[i + 1].key in ("dozen", "hundred", "thousand", "million")
    if key in _lexicon().number_parts:
        return key not in ("hundred", "thousand", "million", "billion")
    if "-" not in key:
        return False
    parts = key.split("-")
    return all(_word_value(p) is not None for p in parts) and key not in ("hundred", "thousand", "million", "billion")


def _exclusion(toks: list[_Tok], m: _Mention, sentence: str) -> str | None:
    """Why a number is not a count of people (date, time, year, age, ordinal, percentage, money, model name)."""
    n = len(toks)
    first, last = toks[m.i0], toks[m.i1 - 1]
    prev = toks[m.i0 - 1] if m.i0 else None
    prev2 = toks[m.i0 - 2] if m.i0 > 1 else None
    nxt = toks[m.i1] if m.i1 < n else None
    nxt2 = toks[m.i1 + 1] if m.i1 + 1 < n else None
    if first.kind == "n" and first.key.count(".") > 1:
        return "date"
    if first.kind == "n" and "." in first.key and m.scale == 1.0:
        return "decimal"
    if prev is not None and prev.end == first.start and (
            prev.kind == "w" or prev.key in ("#", "№") or
            (prev.key in ("-", "/") and prev2 is not None and prev2.end == prev.start and prev2.kind == "w")):
        return "model name or code"  # Su-25, AMX-10, M777
    if prev is not None and prev.key in ("$", "£", "€", "+") and prev.key != "+":
        return "money"
    if nxt is not None and nxt.start == last.end and nxt.kind == "w":
        return "ordinal or unit"  # 28th, 1km, 1990s
    if nxt is not None and nxt.start == last.end and nxt.key in ("-", "–") and nxt2 is not None and \
            nxt2.start == nxt.end and nxt2.kind == "w" and _word_value(nxt2.key.split("-")[0]) is None:
        return "compound"  # 10-year-old, 155-mm, 11-month
    if nxt is not None and (nxt.key == "%" or nxt.key == ":" and nxt.start == last.end and nxt2 is not None and
                            nxt2.kind == "n" and nxt2.start == nxt.end) or (nxt is not None and nxt.key == "per" and nxt2 is not None
                                                     and nxt2.key == "cent"):
        return "percentage or time"
    if prev is not None and prev.key == ":" and prev.start == first.start - 1 and prev2 is not None and \
            prev2.kind == "n" and prev2.end == prev.start:
        return "time"
    if nxt is not None and (nxt.key in ("percent", "a.m", "p.m", "am", "pm", "gmt") or
                            (nxt.key in ("a", "p") and nxt2 is not None and nxt2.key == ".")):
        return "percentage or time"
    if prev is not None and prev.key in ("aged", "age", "ages", "no", "number", "cargo", "gruz", "number"):
        return "age or label"
    prev_tok = prev2 if prev is not None and prev.key == "." and prev2 is not None else prev
    if _is_month(prev_tok, sentence) or (_is_month(nxt, sentence) and m.value <= 31):
        m.is_date = True
        return "date"
    if first.kind == "n" and re.fullmatch(r"(19|20)\d\d", first.key) and m.i1 == m.i0 + 1:
        following = nxt.key if nxt is not None else ""
        if following not in _lexicon().people and not _term_at(toks, m.i1, "after"):
            return "year"
    if prev is not None and nxt is not None and prev.key in ('"', "“", "'", "‘") and nxt.key in ('"', "”", "'", "’"):
        return "quoted (slang)"
    return None


def _is_month(tok: _Tok | None, sentence: str) -> bool:
    """A month name, written with a capital as English writes months: "may" and "march" are also verbs
    ("20 may have been killed")."""
    return tok is not None and tok.key in MONTHS and sentence[tok.start].isupper()


def _merge_ranges(toks: list[_Tok], mentions: list[_Mention]) -> None:
    """Join "70,000 to 80,000", "between 100 and 200", "50-70 thousand" into one figure with a high end."""
    idx = 0
    while idx + 1 < len(mentions):
        a, b = mentions[idx], mentions[idx + 1]
        gap = [t.key for t in toks[a.i1:b.i0]]
        before = toks[a.i0 - 1].key if a.i0 else ""
        before2 = toks[a.i0 - 2].key if a.i0 > 1 else ""
        joined = gap in (["to"], ["-"], ["–"], ["—"], ["and"] if before == "between" else ["\0"], ["through"])
        if a.is_date or b.is_date:
            if joined or gap in (["and"],):
                a.is_date = b.is_date = True
                a.skip = b.skip = "date"
            idx += 1
            continue
        if joined and (a.skip or b.skip) and not (a.vague or b.vague):
            a.skip = b.skip = a.skip or b.skip  # "30-40%": the whole range is a percentage
            idx += 1
            continue
        if not joined or a.skip or b.skip or a.vague or b.vague:
            if gap == ["to"] and b.value == 1 and a.skip is None:  # "seven to one": a ratio
                a.skip = b.skip = "ratio"
            idx += 1
            continue
        if before == "from" and before2 in _lexicon().grammar.get("connector", set()) | {"rose", "increased",
                                                                                            "climbed", "jumped"}:
            idx += 1
            continue
        low = a.value
        if a.scale == 1.0 and b.scale > 1.0 and low * b.scale <= b.value:
            low *= b.scale
        if b.value == 1 and gap == ["to"]:
            a.skip = b.skip = "ratio"
            idx += 1
            continue
        if low >= b.value:
            idx += 1
            continue
        a.value, a.value_high, a.end, a.i1, a.scale = low, b.value, b.end, b.i1, b.scale
        del mentions[idx + 1]


# --------------------------------------------------------------------------------------------------------------
# reading one figure
# --------------------------------------------------------------------------------------------------------------


def _term_at(toks: list[_Tok], i: int, *positions: str) -> tuple[str, bool, int] | None:
    """Longest casualty term starting at token ``i`` -> (category, needs_person, length)."""
    lex = _lexicon()
    best = None
    for length in range(min(lex.max_term, len(toks) - i), 0, -1):
        words = tuple(t.key for t in toks[i:i + length])
        for pos in positions:
            hit = lex.terms[pos].get(words)
            if hit:
                return hit[0], hit[1], length
    return best


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


@dataclass
class _Reading:
    category: str | None = None
    needs_person: bool = False
    head: int | None = None  # index of the people noun
    np: list[int] = field(default_factory=list)  # tokens of the figure's noun phrase
    trigger: int | None = None  # index of the casualty word before the figure
    trigger_key: str = ""
    trigger_direct: bool = False  # the trigger takes the figure as its object ("killed 410")
    linked: _Mention | None = None  # previous figure this one continues or is part of
    increment: _Mention | None = None  # "(+620)"
    post_qualifier: str | None = None
    perfect: bool = False
    modal: bool = False  # "may have died": stated as possible, so hedged
    blocked: str | None = None
    scan_end: int = 0


def _forward(toks: list[_Tok], m: _Mention, mentions_at: dict[int, _Mention]) -> _Reading:
    lex = _lexicon()
    g = lex.grammar
    r = _Reading()
    n = len(toks)
    k = m.i1
    # "(+620)" after a cumulative figure: the day's increment
    if k + 3 < n and toks[k].key == "(" and toks[k + 1].key == "+" and toks[k + 2].kind == "n" and toks[k + 3].key == ")":
        k += 4
    for words, qual in lex.qual_after.items():
        if tuple(t.key for t in toks[k:k + len(words)]) == words:
            r.post_qualifier = qual
            k += len(words)
            break
    if m.vague and k < n and toks[k].key == "of":
        k += 1
    # modifiers between the figure and its noun: "more", "Russian", "of his", "additional"
    steps = 0
    while k < n and steps < 6 and (toks[k].key in g["modifier"] or toks[k].key in ("of", "whom", "them")):
        if _term_at(toks, k, "noun", "after") and toks[k].key not in g["modifier"] - {"injured", "wounded", "dead"}:
            break
        if toks[k].key in ("injured", "wounded", "dead") and not (k + 1 < n and toks[k + 1].key in lex.people):
            break
        r.np.append(k)
        k += 1
        steps += 1
    # a casualty noun or verb right after: "21,793 casualties", "2 killed", "dozens of bodies of Wagner fighters"
    hit = _term_at(toks, k, "after", "noun")
    if hit:
        r.category, r.needs_person, length = hit
        k += length
        if k < n and toks[k].key in lex.people and toks[k].key not in lex.grammar["modifier"]:
            r.np.append(k)  # "1,860 wounded civilians"
            r.head = k
            k += 1
        if k < n and toks[k].key == "of":  # "bodies of Wagner fighters"
            j = k + 1
            while j < n and j < k + 5 and (toks[j].key in g["modifier"] or toks[j].key in lex.people):
                r.np.append(j)
                if toks[j].key in lex.people:
                    r.head = j
                j += 1
        r.scan_end = k
        if r.needs_person and r.head is None:
            r.blocked = "needs people"
        return r
    # a people noun, possibly after one or two unknown words ("aid workers", "police officers")
    head = None
    for extra in range(0, 3):
        j = k + extra
        if j < n and toks[j].key in lex.people and all(toks[x].kind == "w" for x in range(k, j)):
            if extra and any(toks[x].key in g["aux"] or _term_at(toks, x, "after") for x in range(k, j)):
                break
            head = j
            break
        if j >= n or toks[j].kind != "w" or toks[j].key in g.get("boundary", set()):
            break
    if head is not None:
        r.np.extend(range(k, head + 1))
        r.head = head
        k = head + 1
        # "soldiers and mercenaries", "women and children", "police officers"
        while k < n and (toks[k].key in lex.people or (toks[k].key in ("and", "or") and k + 1 < n and
                                                       toks[k + 1].key in lex.people)):
            r.np.append(k)
            k += 1
        if k < n and toks[k].key == "of":  # "17 residents of the community have died"
            x = k + 1
            while x < n and x <= k + 4 and toks[x].kind == "w" and toks[x].key not in g["aux"] and \
                    not _term_at(toks, x, "after"):
                x += 1
            if x < n and x > k + 1 and (toks[x].key in g["aux"] or _term_at(toks, x, "after")):
                k = x
    else:
        t = toks[k] if k < n else None
        bare = t is None or t.kind == "p" or t.key in g["aux"] or t.key in g["modal"] or t.key in _BOUNDARY or \
            t.key in lex.qual_words
        if not bare:
            r.blocked = "not about people"
            return r
    # rates: "one soldier for every 48 cm", "per metre"
    if k < n and (toks[k].key == "per" and k + 1 < n and toks[k + 1].key not in ("day", "week", "month", "hour")
                  or toks[k].key == "for" and k + 1 < n and toks[k + 1].key in ("every", "each")):
        r.blocked = "rate"
        return r
    # auxiliaries up to the casualty verb: "were killed", "had been killed", "were believed to remain"
    j, skipped = k, 0
    after_among = False
    while j < n and skipped < 12:
        t = toks[j]
        hit = _term_at(toks, j, "after")
        if hit and not (t.key == "left" and j + 1 < n and _term_at(toks, j + 1, "after")):
            r.category, r.needs_person, length = hit
            r.scan_end = j + length
            x = j + length
            if x + 1 < n and toks[x].key in ("or", "and"):  # "have died or suffered injuries"
                y = x + 1
                while y < n and y <= x + 3 and (toks[y].key in g["aux"] or toks[y].key in ("suffered", "sustained")):
                    y += 1
                other = _term_at(toks, y, "after", "noun")
                if other and {r.category, other[0]} == {"killed", "wounded"}:
                    r.category, r.scan_end = "casualties", y + other[2]
            z = r.scan_end
            if z + 1 < n and toks[z].key == "for" and toks[z + 1].key in ("every", "each"):
                r.blocked = "rate"  # "one soldier was killed for every 48cm of land"
                return r
            break
        if t.key in g["negation"]:
            r.blocked = "negated"
            return r
        if t.key in _PERFECT:
            r.perfect = True
        if t.key == "in" and j + 1 < n and toks[j + 1].key in ("total", "all"):  # "583 civilians in total have been"
            j += 2
            skipped += 2
            continue
        if t.key in g["modal"]:
            r.modal = True
            j += 1
            skipped += 1
            continue
        if t.key in g["aux"] or t.key in ("among", "those", "in", "action") and t.key != "in":
            after_among = after_among or t.key == "among"
            j += 1
            skipped += 1
            continue
        if j in mentions_at and (after_among or (j > 0 and toks[j - 1].key in ("the",))):
            nxt = mentions_at[j].i1
            j = nxt
            while j < n and (toks[j].key in lex.people or toks[j].key in g["modifier"]):
                j += 1
            continue
        if t.key == "," and j + 1 < n and toks[j + 1].key in ("including", "among", "many", "most", "mostly", "all"):
            close = next((x for x in range(j + 1, min(n, j + 16)) if toks[x].key == ","), None)
            if close is None:
                break
            j = close + 1
            continue
        if t.key == "," and j + 1 < n and (j + 1) in mentions_at:  # "240 servicemen, one tank and two trucks were"
            x = j + 1
            while x < n and x < j + 12 and toks[x].key not in g["aux"] and toks[x].key not in _CLAUSE_STOP:
                x += 1
            if x < n and toks[x].key in g["aux"]:
                j = x
                continue
            break
        if t.key in _PRONOUN_SUBJECTS and j + 2 < n and toks[j + 2].key in g["aux"]:  # "the convicts he recruited had"
            j += 2
            continue
        break
    if r.category and r.needs_person and r.head is None:
        r.category = None
        r.blocked = "needs people"
    return r


_ESTIMATE_NOUNS = {"estimates", "estimate", "statements", "statement", "claims", "claim", "figures", "figure",
                   "counts", "count", "tallies", "tally", "assessments", "others", "range"}

_BOUNDARY = {
    "in", "on", "at", "near", "after", "during", "since", "from", "across", "and", "or", "including", "when", "as",
    "while", "over", "within", "by", "according", "with", "this", "last", "yesterday", "today", "overnight",
    "following", "amid", "but", "so", "in", "inside", "around", "across", "throughout", "before", "between",
    "the", "a", "said", "says", "say", "to", "more", "others", "out", "among", "last",
}


def _backward(toks: list[_Tok], m: _Mention, r: _Reading, mentions: list[_Mention], idx: int, sentence: str) -> None:
    """Read the words before a figure: a trigger ("killing", "death toll rose to"), a list it continues, a total
    it is part of ("including")."""
    lex = _lexicon()
    g = lex.grammar
    j = m.i0 - 1
    qual = lex.qual_before.search(sentence[max(0, m.start - 30):m.start])
    if qual:
        qual_start = max(0, m.start - 30) + qual.start(1)
        while j >= 0 and toks[j].start >= qual_start:
            j -= 1
    while j >= 0 and toks[j].key in ("a", "an", "the", "record", "another", "further", "additional", "-", "–", "also",
                                     "probably", "likely", "now", "still", "already", "reportedly"):
        j -= 1
    if j < 0:
        return
    if toks[j].key in ("reached", "topped", "exceeded", "passed") or (j and toks[j].key == "to" and toks[j - 1].key in (
            "rose", "risen", "climbed", "increased", "jumped", "grown", "grew")):
        r.perfect = True  # "the death toll rose to 10 on Sunday": a running total, not a count for that day
    prev_claim = next((p for p in reversed(mentions[:idx]) if p.claim is not None), None)
    # part of the total before it: "including six children", "three of them"
    if toks[j].key in ("including", "among", "included") or \
            (toks[j].key in ("them", "whom") and j and toks[j - 1].key == "of"):
        if prev_claim is not None:
            r.linked = prev_claim
            if r.category is None:
                r.category = prev_claim.claim["category"]
        return
    if r.np and any(toks[x].key in ("them", "whom") for x in r.np) and prev_claim is not None:
        r.linked = prev_claim
        if r.category is None:
            r.category = prev_claim.claim["category"]
        return
    # a trigger right before: "killing 3", "lost 31 soldiers", "population of"
    x = m.i0 - 1
    for _ in range(9):
        if x < 0 or toks[x].key in _CLAUSE_STOP:
            break
        hit = _term_ending_at(toks, x, "before")
        if hit:
            cat, needs, length = hit
            r.trigger, r.trigger_key = x, toks[x].key
            r.trigger_direct = all(toks[y].key in lex.qual_words or toks[y].key in ("a", "an", "the", "record")
                                   for y in range(x + 1, m.i0))
            if any(toks[y].key in _PERFECT for y in range(max(0, x - length - 2), x - length + 1)):
                r.perfect = True
            if any(toks[y].key in g["modal"] for y in range(max(0, x - length - 3), x - length + 1)):
                r.modal = True  # "may have killed 40"
            if r.category is None and not (needs and r.head is None):
                r.category, r.needs_person = cat, needs
            return
        # a figure it continues: "70,000 to 80,000 and has shrunk to around 10,000", "60,000, 70,000, 100,000"
        owner = next((p for p in mentions[:idx] if p.i0 <= x < p.i1), None)
        if owner is not None:
            if owner.claim is not None and all(toks[y].key in g["connector"] or toks[y].key in lex.qual_words or
                                               (toks[y].key in lex.people and m.i0 - owner.i1 <= 3)
                                               for y in range(owner.i1, m.i0) if y not in range(j + 1, m.i0)):
                r.linked = owner
                in_list = any(toks[y].key in lex.people for y in range(owner.i1, m.i0))
                if r.category is None and (r.head is None or in_list):
                    r.category = owner.claim["category"]
            return
        if toks[x].key in g["link"] or toks[x].key in g["connector"] or toks[x].key in lex.qual_words or \
                toks[x].key in ("-", "–"):
            x -= 1
            continue
        if toks[x].key in lex.people and m.i0 - x <= 3 and x > 0 and any(p.i1 == x for p in mentions[:idx]):
            x -= 1  # the noun of the figure before, in a list: "16 children, 46 women and 36 men"
            continue
        break
    # "death toll from the strike on the market rose to 45", "estimates of Russian soldiers killed vary: 47,000"
    if toks[j].key in ("to", "at", ":", "from", "of", "was", "is", "be", "are", "were", "reached", "hit", "topped",
                       "exceeded", "passed", "stood", "numbered"):
        for x in range(j - 1, max(-1, j - 22), -1):
            if toks[x].key in _CLAUSE_STOP:
                break
            owner = next((p for p in mentions[:idx] if p.i0 <= x < p.i1 and not p.skip), None)
            if owner is not None:
                # rival estimates: "deaths of 300,000 …, and Russian statements of 100,000"
                if owner.claim is not None and any(toks[y].key in _ESTIMATE_NOUNS for y in range(owner.i1, j)):
                    r.linked = owner
                    if r.category is None:
                        r.category = owner.claim["category"]
                break
            hit = _term_ending_at(toks, x, "before", "noun", "after")
            if hit and not hit[1]:
                r.trigger, r.trigger_key = x, toks[x].key
                if r.category is None:
                    r.category = hit[0]
                # "the number of Russian soldiers killed … has risen to 89": the people named before the term
                for y in range(x - hit[2], max(-1, x - hit[2] - 3), -1):
                    if toks[y].key in lex.people and r.head is None:
                        r.head = y
                        r.np.extend(z for z in range(max(0, y - 2), y + 1) if toks[z].kind == "w")
                        break
                return


# --------------------------------------------------------------------------------------------------------------
# party, period, qualifier, hedge, source
# --------------------------------------------------------------------------------------------------------------


def _opposite(side: str | None) -> str:
    return {"russian": "ukrainian", "ukrainian": "russian"}.get(side or "", "russian")


def _speaker_side(source: str | None, sentence: str) -> str | None:
    lex = _lexicon()
    for text in (source, sentence):
        if not text:
            continue
        found = {}
        for side, rx in lex.speaker_re.items():  # a country named as a place is not the speaker ("… in Ukraine")
            hit = next((f for f in rx.finditer(text) if not set(text[:f.start()].lower().split()[-1:]) & _PLACE_WORDS),
                       None)
            if hit:
                found[side] = hit
        if len(found) == 1:
            return next(iter(found))
        if len(found) == 2:
            return min(found, key=lambda s: found[s].start())
    return None


def _party(toks: list[_Tok], m: _Mention, r: _Reading, category: str, speaker: str | None,
           mentions: list[_Mention], idx: int) -> str:
    lex = _lexicon()
    if category in ("population", "displaced"):
        return "civilian"
    np_keys = [toks[x].key for x in r.np]
    head_group = lex.people[toks[r.head].key][0] if r.head is not None else None
    found = set()
    for key in np_keys:
        person = lex.people.get(key)
        if person and person[0] == "civilian":
            return "civilian"
        cue = lex.party["np"].get(key) or (person[1] if person and person[0] != "generic" else "")
        if cue:
            found.add(cue)
    mercenary_talk = "mercenaries" in np_keys or "nationalists" in np_keys or "militants" in np_keys
    if speaker == "russian" and mercenary_talk and "russian" not in found:
        return "ukrainian"
    nations = found & {"russian", "ukrainian"}
    if len(nations) == 2:
        return "unknown"
    if nations:
        return nations.pop()
    if "opposite" in found:
        return _opposite(speaker)
    if "own" in found and speaker:
        return speaker
    if "civilian" in found:
        return "civilian"
    keys = [t.key for t in toks]
    if lex.sides_re.search(" ".join(keys)):
        return "unknown"
    prev_claim = next((p for p in reversed(mentions[:idx]) if p.claim is not None), None)
    if r.linked is not None and r.linked.claim is not None:
        return r.linked.claim["party"]
    if prev_claim is not None and (r.head is None or any(k in _LINKING_MODIFIERS for k in np_keys)):
        return prev_claim.claim["party"]
    losing = r.trigger_key in ("lost", "loses", "losing", "lose", "losses")
    harm = any(k in lex.party["harm"] for k in keys)
    if harm and head_group in (None, "generic") and not losing:  # "losses" are a side's, whatever the attack
        return "civilian"
    generic_people = head_group == "generic" and toks[r.head].key in ("people", "persons", "person", "individuals")
    euphemism = r.trigger_key in _EUPHEMISMS or any(keys[y] in _EUPHEMISMS for y in range(m.i1, min(len(keys), r.scan_end)))
    military_report = "direction" in keys or "sector" in keys  # "220 people were killed in the Lyman direction"
    if generic_people and not losing and not euphemism and not military_report:  # "killing one person"
        return "civilian"
    # the nearest country word before the figure, flipped when that side did the killing
    stop = prev_claim.i1 if prev_claim is not None else 0
    for x in range(m.i0 - 1, stop - 1, -1):
        key = keys[x]
        if key in (";",):
            break
        cue = lex.party["context"].get(key)
        if cue and key in _COUNTRY_NOUNS and _names_a_place(keys, x):
            continue
        if cue:
            # skip a country word that is the speaker ("Ukraine's military said ...") unless it is the one losing
            side = _opposite(speaker) if cue == "opposite" else cue
            killers = r.trigger_direct and r.trigger is not None and x < r.trigger and keys[r.trigger] in _ACTIVE_HARM
            if killers and cue != "opposite":
                return _opposite(side)
            return side
    if head_group in ("military", "enemy") and speaker:
        if (r.trigger_key in _EUPHEMISMS) or any(keys[y] in _EUPHEMISMS for y in range(m.i1, min(len(keys), r.scan_end))):
            return _opposite(speaker)
        return speaker
    if generic_people:
        return "civilian"
    if head_group == "enemy":
        return _opposite(speaker)
    return "unknown"


def _names_a_place(keys: list[str], x: int) -> bool:
    """Whether the country word at ``x`` names where something happens ("in eastern Ukraine", "the invasion of
    Ukraine") rather than a side: a place preposition one or two words before it."""
    if x >= 2 and keys[x - 1] == "of":  # "the invasion of Ukraine", but "the Armed Forces of Ukraine" is a side
        return keys[x - 2] in _PLACE_OF
    return any(keys[y] in _PLACE_WORDS for y in range(max(0, x - 2), x))


def _period_cues(sentence: str) -> list[tuple[int, int, float, bool]]:
    """All period cues in a sentence: (start, end, days, weak). Weak cues are reporting dates ("said on Tuesday")
    and bare totals ("in total")."""
    lex = _lexicon()
    out = []
    for match in lex.period_re.finditer(sentence.lower()):
        name = match.lastgroup
        spec = lex.period_specs[int(name[1:])]
        text = match.group().lower()
        if any(not sentence[match.start() + w.start()].isupper() for w in _MONTH_WORD.finditer(text)):
            continue  # "may", "march" in lower case are verbs, not months
        groups = [g for g in match.groups() if g is not None]
        inner = groups[1:]  # first group is the whole named group
        weak = False
        if spec == "nan":
            days = math.nan
            weak = text.strip() in ("total", "in total", "a total of", "overall")
        elif spec == "range":
            nums = [int(g) for g in inner if g.isdigit()]
            days = float(nums[-1] - nums[0] + 1) if len(nums) >= 2 and nums[-1] >= nums[0] else math.nan
        elif spec == "weekday_range":
            wd = [WEEKDAYS.index(g.lower()) for g in inner if g.lower() in WEEKDAYS]
            days = float((wd[-1] - wd[0]) % 7 + 1) if len(wd) >= 2 else math.nan
        elif spec in ("N", "7N"):
            raw = inner[-1].lower()
            val = float(raw) if raw.isdigit() else lex.units.get(raw, (math.nan, ""))[0]
            days = val * (7 if spec == "7N" else 1)
        elif spec == "month":
            month = next((MONTHS[g.lower().rstrip(".")] for g in inner if g.lower().rstrip(".") in MONTHS), None)
            days = float(MONTH_DAYS[month]) if month else math.nan
        else:
            days = float(spec)
        if spec in ("1", "month") and not weak:
            before = sentence[max(0, match.start() - 25):match.start()].lower().split()
            after = sentence[match.end():match.end() + 20].lower().split()
            speech = lex.grammar["speech"]
            # "said on Friday" (but not "As Ukrinform reported, on January 26, troops killed …")
            if (before and before[-1] in speech) or (after and after[0].strip(",.") in speech) or \
                    (len(before) > 1 and before[-1] in ("late", "early", "earlier") and before[-2] in speech):
                continue  # "said on Friday" dates the statement, not the figure: no window
        datelike = spec in ("1", "month") and bool(_DATELIKE.search(text))
        out.append((match.start(), match.end(), days, weak or datelike and "perfect"))
    # a date that starts a "since" window is part of it: "since the day of Moscow's attack on 24 February"
    since_ends = [end for start, end, days, weak in out if days != days and sentence[start:end].lower() == "since"]
    return [cue for cue in out if not (cue[2] == cue[2] and any(
        0 <= cue[0] - end <= 60 and not re.search(r"[.;]|\d", sentence[end:cue[0]]) for end in since_ends))]


# a cue that names a day rather than a window: with a perfect-tense total ("have been killed") it dates the report
_DATELIKE = re.compile(r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tonight|"
                       + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\b")


_MONTH_WORD = re.compile(r"\b(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\b")
_RELATIVE = re.compile(r"\b(?:that|which|who|whom)\b")
_SUBORDINATE = re.compile(r"\b(?:after|before|when|because|while|which|who|as|since)\b")


def _choose_period(cues, fig_start, fig_end, lo, hi, perfect, sentence="") -> float:
    best = None
    explicit_window = any(days == days and weak is False and end > lo and start < hi for start, end, days, weak in cues)
    if perfect and not explicit_window and any(days != days and not weak and start >= fig_end
                                               for start, end, days, weak in cues):
        return math.nan  # "9,861 soldiers had been killed … since the invasion": a total, whatever day it was told
    cues = [(start, end, days, (bool(weak) if weak != "perfect" else perfect)) for start, end, days, weak in cues]
    for weak_pass in (False, True):
        for start, end, days, weak in cues:
            if weak != weak_pass or end <= lo or start >= hi:
                continue
            if days == days and days >= 28 and start >= fig_end and _SUBORDINATE.search(sentence.lower(), fig_end, start):
                continue  # "fled Ukraine after Russia invaded in February": the cue dates another event
            if weak and perfect and days == days:
                continue
            if end <= fig_start and _RELATIVE.search(sentence.lower(), end, fig_start):
                continue  # "searched on Saturday the site of a strike that days earlier killed 52": another clause
            dist = fig_start - end if end <= fig_start else (start - fig_end if start >= fig_end else 0)
            if best is None or dist < best[0]:
                best = (dist, days)
        if best is not None:
            return best[1]
    if lo > 0 or hi < 10**9:  # nothing in the figure's own clause: a cue shared by a coordination ("X and Y in the past day")
        return _choose_period(cues, fig_start, fig_end, 0, 10**9, perfect, sentence)
    return math.nan


def _qualifier(sentence: str, m: _Mention, r: _Reading) -> str:
    lex = _lexicon()
    window = sentence[max(0, m.start - 30):m.start]
    match = lex.qual_before.search(window)
    if match:
        phrase = " ".join(match.group(1).lower().split())
        return lex.qual_before_map.get(phrase, "exact")
    if r.post_qualifier:
        return r.post_qualifier
    if m.vague:
        return "at_least"
    return "exact"


_SPEECH_TRIM = {"on", "late", "early", "earlier", "also", "has", "have", "had", "in", "a", "statement", "it", "on",
                "later", "this", "week", "morning", "night", "evening", "afternoon", "previously", "separately",
                "however", "but", "and", "now", "then", "last", "who", "which", "that", "the"} | set(WEEKDAYS)


def _source(sentence: str, toks: list[_Tok], mentions: list[_Mention], fig_start: int) -> str | None:
    lex = _lexicon()
    speech = lex.grammar["speech"]
    n = len(toks)
    in_mention = {x for p in mentions for x in range(p.i0, p.i1)}
    candidates = []
    for i, t in enumerate(toks):
        if t.key == "according" and i + 1 < n and toks[i + 1].key == "to":
            j = i + 2
            while j < n and toks[j].key not in (",", ".", ";", ")", "–", "—", "that") and j < i + 14:
                j += 1
            if j > i + 2:
                phrase = sentence[toks[i + 2].start:toks[j - 1].end]
                if any(c.isupper() for c in phrase) or any(toks[x].key in _SOURCE_NOUNS for x in range(i + 2, j)):
                    candidates.append((-1, phrase))  # "according to" wins over a reporting verb
        if t.key not in speech:
            continue
        # the subject before the verb: "Ukraine's military estimates that ..."
        j = i - 1
        if j >= 0 and toks[j].key in lex.grammar["aux"] - {"has", "have", "had", "also", "reportedly"}:
            continue  # passive: "deaths were reported"
        while j >= 0 and toks[j].key not in (",", ";", ":", '"', "“", "”", "that", "(", "–", "—", "and", "but",
                                               "while", "as", "because") and j not in in_mention and i - j <= 8:
            j -= 1
        span = list(range(j + 1, i))
        while span and toks[span[-1]].key in _SPEECH_TRIM:
            span.pop()
        while span and toks[span[0]].key in ("the", "and", "but", "while", "meanwhile", "as"):
            span.pop(0)
        if span and not (len(span) == 1 and toks[span[0]].key in _PRONOUN_SUBJECTS):
            candidates.append((abs(toks[span[0]].start - fig_start), sentence[toks[span[0]].start:toks[span[-1]].end]))
            continue
        # inverted: "..., said Serhiy Cherevaty, a spokesman"
        if i > 0 and toks[i - 1].key in (",", '"', "”"):
            j = i + 1
            while j < n and toks[j].key not in (",", ".", ";") and j < i + 8:
                j += 1
            phrase_keys = {toks[x].key for x in range(i + 1, j)}
            if j > i + 1 and (j >= n or toks[j].key in (",", ".", ";")) and not phrase_keys & lex.grammar["aux"]:
                candidates.append((abs(toks[i].start - fig_start), sentence[toks[i + 1].start:toks[j - 1].end]))
    if not candidates:
        return None
    return _clean_source(min(candidates)[1])


_SOURCE_NOUNS = {"officials", "official", "authorities", "governor", "ministry", "military", "spokesman",
                 "spokesperson", "police", "army", "mayor", "administration", "office", "estimates", "data",
                 "figures", "report", "reports", "media", "sources", "agency", "prosecutors", "intelligence"}


def _clean_source(text: str) -> str | None:
    text = text.replace("’", "'").strip(" ,.\"“”")
    text = re.sub(r"^(?:the|The)\s+", "", text)
    if not text or any(c.isdigit() for c in text) or text.lower() in _PRONOUN_SUBJECTS:
        return None
    return text


# --------------------------------------------------------------------------------------------------------------
# sentences and articles
# --------------------------------------------------------------------------------------------------------------


def _sentence_claims(sentence: str, offset: int, next_sentence: str, carry: dict | None = None) -> list[dict]:
    """Claims of one sentence. ``carry`` is the last claim of the sentence before, which a figure that continues
    it ("Another 21 people were injured", "Four more civilians were wounded") takes its side and window from."""
    lex = _lexicon()
    toks = _tokenize(sentence)
    mentions = _find_numbers(toks, sentence)
    if not mentions:
        return []
    mentions_at = {p.i0: p for p in mentions}
    cues = None
    hedged = None
    source_cache: dict[int, str | None] = {}
    rows = []
    increments: dict[int, _Mention] = {}
    for idx, m in enumerate(mentions):
        if m.skip:
            continue
        if idx in increments:  # "(+620)": the day's share of the figure before it
            parent = increments[idx]
            if parent.claim is None:
                continue
            claim = dict(parent.claim)
            claim.update(value=int(m.value), value_high=int(m.value_high), period_days=1.0, qualifier="exact",
                         start=offset + m.start, end=offset + m.end)
            claim["flag"] = flag_claim(claim["value"], claim["category"], 1.0, sentence)
            m.claim = claim
            rows.append(claim)
            continue
        k = m.i1
        if k + 3 < len(toks) and toks[k].key == "(" and toks[k + 1].key == "+" and (k + 2) in mentions_at:
            increments[mentions.index(mentions_at[k + 2])] = m
        r = _forward(toks, m, mentions_at)
        if r.blocked:
            continue
        _backward(toks, m, r, mentions, idx, sentence)
        if r.category is None and r.head is not None:
            default = lex.people[toks[r.head].key][2]
            if default:
                r.category = default
        if r.category is None or m.value <= 0 or about_history(sentence, m.start, m.end):
            continue
        if cues is None:
            cues = _period_cues(sentence)
            hedged = bool(lex.hedge_re.search(sentence.lower()) or
                          (next_sentence and lex.hedge_re.search(next_sentence.lower())))
        if idx not in source_cache:
            source_cache[idx] = _source(sentence, toks, mentions, m.start)
        source = source_cache[idx]
        speaker = _speaker_side(source, sentence)
        party = _party(toks, m, r, r.category, speaker, mentions, idx)
        claim_hedged = hedged or r.modal
        prev_end = max((p.end for p in mentions[:idx] if p.claim is not None), default=0)
        next_start = next((p.start for p in mentions[idx + 1:] if not p.skip), len(sentence))
        period = _choose_period(cues, m.start, m.end, prev_end, next_start, r.perfect, sentence)
        continues = carry is not None and not any(p.claim is not None for p in mentions[:idx]) and \
            (any(toks[x].key in _LINKING_MODIFIERS or toks[x].key == "them" for x in r.np) or
             (m.i0 > 0 and toks[m.i0 - 1].key in ("another", "further", "additional")))
        if continues:
            if party == "unknown":
                party = carry["party"]
            if period != period and not r.perfect:
                period = carry["period_days"]
        if r.category == "population":
            period = math.nan  # a population is a stock, not a count over a window
        claim = {
            "value": int(round(m.value)),
            "value_high": int(round(m.value_high)),
            "category": r.category,
            "party": party,
            "period_days": period,
            "qualifier": _qualifier(sentence, m, r),
            "hedged": claim_hedged,
            "source": source,
            "start": offset + m.start,
            "end": offset + m.end,
            "sentence": sentence,
        }
        claim["flag"] = flag_claim(claim["value"], claim["category"], claim["period_days"], sentence)
        m.claim = claim
        rows.append(claim)
    # coordinated figures share the people noun at the end: "1,179 killed and 1,860 wounded civilians"
    for first, second in zip(rows, rows[1:]):
        between = sentence[first["end"] - offset:second["start"] - offset]
        if first["party"] == "unknown" and second["party"] != "unknown" and _COORDINATION.fullmatch(between):
            first["party"] = second["party"]
    return rows


_COORDINATION = re.compile(r"\s*(?:[a-z]+\s+){1,2}(?:and|or)\s+", re.IGNORECASE)


_NEAR = 120  # a figure and its casualty word are at most this many characters apart


def _has_number(low: str, start: int, end: int) -> bool:
    return bool(_lexicon().number_re.search(low, start, end))


def _number_near_casualty_word(low: str, start: int, end: int) -> bool:
    lex = _lexicon()
    numbers = [m.start() for m in lex.number_re.finditer(low, start, end)]
    if not numbers:
        return False
    for m in lex.candidate_re.finditer(low, start, end):
        if any(abs(pos - m.start()) <= _NEAR for pos in numbers):
            return True
    return False


def _lower(text: str) -> str:
    low = text.lower()
    return low if len(low) == len(text) else "".join(c.lower()[:1] or c for c in text)


def _extract_rows(text: str) -> list[dict]:
    """Claims of one text. Sentences come from ``helpers.text.sentence_spans`` so offsets are into ``text``. Only
    sentences where a number stands near a casualty word are read: the casualty words are found first (one regex
    pass), and a text without any such pair is not even split into sentences."""
    if not isinstance(text, str) or not text:
        return []
    lex = _lexicon()
    low = _lower(text)
    hot = []
    for match in lex.candidate_re.finditer(low):
        pos = match.start()
        if lex.number_re.search(low, max(0, pos - _NEAR), pos + _NEAR):
            hot.append(pos)
    if not hot:
        return []
    rows: list[dict] = []
    spans = [(start, end) for _, start, end in sentence_spans(text)]
    h = 0
    last_claim, last_sentence = None, -2
    for s, (start, end) in enumerate(spans):
        while h < len(hot) and hot[h] < start:
            h += 1
        if h >= len(hot):
            break
        if hot[h] >= end or not _number_near_casualty_word(low, start, end):
            continue
        nxt = text[spans[s + 1][0]:spans[s + 1][1]] if s + 1 < len(spans) else ""
        found = _sentence_claims(text[start:end], start, nxt, last_claim if last_sentence == s - 1 else None)
        if found:
            last_claim, last_sentence = found[-1], s
        rows.extend(found)
    return rows


def extract_claims(text: str) -> pd.DataFrame:
    """One row per stated figure about people in ``text`` (see the module docstring for the columns)."""
    return _frame(_extract_rows(text), COLUMNS)


def _frame(rows: list[dict], columns: list[str]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=columns)
    return frame.astype({"value": "int64", "value_high": "int64", "period_days": "float64", "hedged": "bool",
                         "start": "int64", "end": "int64"})


def claims_for_corpus(articles: pd.DataFrame, text_col: str = "text") -> pd.DataFrame:
    """Claims of every article, with ``article_id`` and the article's ``date`` first; offsets are into
    ``articles[text_col]`` (the cleaned text)."""
    from helpers.progress import progress

    rows: list[dict] = []
    dates = articles["date"] if "date" in articles else pd.Series([pd.NaT] * len(articles), index=articles.index)
    items = zip(articles["article_id"], dates, articles[text_col])
    for article_id, date, text in progress(items, desc="casualty claims", total=len(articles)):
        for row in _extract_rows(text):
            row["article_id"] = article_id
            row["date"] = date
            rows.append(row)
    frame = _frame(rows, ["article_id", "date", *COLUMNS])
    frame["date"] = pd.to_datetime(frame["date"])
    return frame


# --------------------------------------------------------------------------------------------------------------
# evaluation against a hand-labelled set
# --------------------------------------------------------------------------------------------------------------

_GOLD_DEFAULTS = {"period_days": None, "qualifier": "exact", "hedged": False}


def load_gold(gold: str | Path | Iterable[dict] | None = None) -> list[dict]:
    """The labelled passages: a JSONL path (default ``data/labelled/casualty_claims_gold.jsonl``) or records
    ``{"id", "split", "genre", "text", "claims": [{value, value_high, category, party, period_days, qualifier,
    hedged}, ...]}``."""
    if gold is None:
        from helpers.paths import DATA_LABELLED

        gold = DATA_LABELLED / "casualty_claims_gold.jsonl"
    if isinstance(gold, (str, Path)):
        with open(gold, encoding="utf-8") as handle:
            records = [json.loads(line) for line in handle if line.strip()]
    else:
        records = list(gold)
    for rec in records:
        for claim in rec.get("claims", []):
            for key, default in _GOLD_DEFAULTS.items():
                claim.setdefault(key, default)
            claim.setdefault("value_high", claim["value"])
    return records


def _same_period(a, b) -> bool:
    a = math.nan if a is None else float(a)
    b = math.nan if b is None else float(b)
    return (a != a and b != b) or a == b


def wrong_fields(row) -> list[str]:
    """The fields a matched claim (a row of :func:`evaluation_details`) got wrong: ``period``, ``qualifier``,
    ``hedged``, ``value_high``."""
    wrong = []
    if not _same_period(row.gold_period_days, row.pred_period_days):
        wrong.append("period")
    if row.gold_qualifier != row.pred_qualifier:
        wrong.append("qualifier")
    if bool(row.gold_hedged) != bool(row.pred_hedged):
        wrong.append("hedged")
    if row.gold_value_high != row.pred_value_high:
        wrong.append("value_high")
    return wrong


def evaluation_details(gold=None, split: str | None = None) -> pd.DataFrame:
    """One row per gold or predicted claim: ``status`` matched | missed | spurious, gold and predicted fields."""
    rows = []
    for rec in load_gold(gold):
        if split is not None and rec.get("split") != split:
            continue
        pred = _extract_rows(rec["text"])
        unmatched = list(range(len(pred)))
        for g in rec["claims"]:
            key = (g["value"], g["category"], g["party"])
            hit = next((i for i in unmatched if (pred[i]["value"], pred[i]["category"], pred[i]["party"]) == key), None)
            base = {"id": rec["id"], "url": rec.get("url"), "split": rec.get("split"), "genre": rec.get("genre"),
                    "text": rec["text"],
                    "value": g["value"], "category": g["category"], "party": g["party"],
                    "gold_period_days": g["period_days"], "gold_qualifier": g["qualifier"], "gold_hedged": g["hedged"],
                    "gold_value_high": g["value_high"]}
            if hit is None:
                rows.append({**base, "status": "missed"})
                continue
            unmatched.remove(hit)
            p = pred[hit]
            rows.append({**base, "status": "matched", "pred_period_days": p["period_days"],
                         "pred_qualifier": p["qualifier"], "pred_hedged": p["hedged"],
                         "pred_value_high": p["value_high"]})
        for i in unmatched:
            p = pred[i]
            rows.append({"id": rec["id"], "url": rec.get("url"), "split": rec.get("split"), "genre": rec.get("genre"),
                         "text": rec["text"], "value": p["value"], "category": p["category"], "party": p["party"], "status": "spurious",
                         "pred_period_days": p["period_days"], "pred_qualifier": p["qualifier"],
                         "pred_hedged": p["hedged"]})
    return pd.DataFrame(rows)


def evaluate(gold=None, split: str | None = None) -> dict:
    """Precision, recall and F1 on (value, category, party), and on the matched claims the accuracy of
    ``period_days``, ``qualifier``, ``hedged`` and ``value_high``. ``split`` restricts to "dev" or "dev-blind"."""
    details = evaluation_details(gold, split)
    status = details["status"].value_counts() if len(details) else Counter()
    tp, fn, fp = int(status.get("matched", 0)), int(status.get("missed", 0)), int(status.get("spurious", 0))
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    matched = details[details["status"] == "matched"] if len(details) else details

    wrong = [wrong_fields(row) for row in matched.itertuples()]

    def accuracy(field: str) -> float:
        if not len(matched):
            return math.nan
        return float(sum(field not in w for w in wrong) / len(matched))

    n_passages = len({r["id"] for r in load_gold(gold) if split is None or r.get("split") == split})
    return {
        "passages": n_passages,
        "gold_claims": tp + fn,
        "predicted_claims": tp + fp,
        "matched": tp,
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "accuracy_period_days": accuracy("period"),
        "accuracy_qualifier": accuracy("qualifier"),
        "accuracy_hedged": accuracy("hedged"),
        "accuracy_value_high": accuracy("value_high"),
    }
