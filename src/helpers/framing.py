"""Narrative framing measures: frames, naming, attribution, hedging, loaded language and agency.

Every measure is a dictionary (lexicon) in a readable data file under ``src/helpers/data/`` and every score comes
with the spans that produced it (``start``, ``end`` character offsets into the text it was given), so that a reader
can open the evidence behind each number in ``helpers.reading.reading_view``.

The contract (one article's text in, one DataFrame out):

- ``naming_variants(text)`` -> ``concept, variant, alignment, count, spans``: Kyiv/Kiev, Zelensky spellings,
  Donbas/Donbass, Bakhmut/Artemovsk, war naming (invasion / war / "special military operation"), annexation and
  occupation vocabulary. Possessives count with their base ("Zelenskyy's" is Zelenskyy); a name inside another
  word never counts ("Kyivstar" is not Kyiv; "Kievan Rus" is its own concept ``kyivan_rus``, never the city).
- ``hedges(text)`` -> ``start, end, phrase, kind``: verification statements ("could not be independently
  confirmed"), evidential markers ("reportedly", "is said to") and epistemic modals ("most likely").
- ``attributions(text)`` -> ``start, end, source, side, verb, lemma, stance, actor, source_start, source_end``:
  who is cited with which reporting verb; ``side`` is one of ``ukrainian, russian, western, independent, other``.
- ``frame_profile(text)`` -> ``frame, policy_frame, share, matches, spans``: a codebook-style frame dictionary;
  ``policy_frame`` names the Policy Frames Codebook dimension (Boydstun et al. 2014) each frame belongs to.

Also: ``loaded_language(text)`` (spans with ``in_quote``) and ``loaded_rates(text)`` (per 1,000 words, narration
vs quotation), ``agency(text)`` (agent side and action type in attack / defence clauses), ``quote_spans(text)``,
``framing_profile(text)`` (one row combining all measures), ``profile_similarity(profiles)``; for a corpus
``framing_tables(articles)`` (one pass, a progress bar, long span tables), ``article_profiles(tables)``,
``group_shares`` / ``group_rates`` (outlet aggregation with cluster-bootstrap intervals and the number of articles
behind each cell), ``wilson_interval``; and ``precision_table()`` for the hand-labelled precision sample in
``data/labelled/framing_precision_sample.csv``.

Matching rules shared by all lexicons:

- patterns are Python regular expressions, matched only as whole words: a match may not start or end inside a
  word (``(?<!\\w)`` and ``(?!\\w)`` are added around every pattern); a possessive ``'s`` after a match is allowed;
- in every lexicon except ``naming.csv`` an alternative written with no upper-case letter is matched in any case,
  one with an upper-case letter exactly as written ("the West" vs "the west of the city", "US" vs "us");
  ``naming.csv`` is matched in any case (datelines write ``KYIV``);
- all rows of one lexicon are combined into one compiled alternation (longer patterns tried first), so each
  measure is one pass over the text; the same piece of text counts once per lexicon.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from helpers.package_data import read_table
from helpers.text import WORD_RE

__all__ = [
    "SIDES",
    "load_lexicon",
    "quote_spans",
    "naming_variants",
    "naming_spans",
    "hedges",
    "attributions",
    "frame_profile",
    "frame_spans",
    "loaded_language",
    "loaded_rates",
    "agency",
    "framing_profile",
    "profile_similarity",
    "framing_tables",
    "FramingTables",
    "article_profiles",
    "group_shares",
    "group_rates",
    "wilson_interval",
    "sample_matches",
    "precision_table",
    "refresh_precision_sample",
    "evidence_spans",
    "plot_group_intervals",
]

SIDES = ("ukrainian", "russian", "western", "independent", "other")

# --------------------------------------------------------------------------------------------------------------
# lexicons
# --------------------------------------------------------------------------------------------------------------


def load_lexicon(name: str) -> pd.DataFrame:
    """Read one lexicon from ``src/helpers/data`` (CSV, or tab-separated ``.txt``) as strings, in file order."""
    return read_table(name)


def _split_alternatives(pattern: str) -> list[str]:
    """Split a regular expression at its top-level ``|`` (not inside groups or character classes)."""
    parts, current, depth, i = [], [], 0, 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            current.append(pattern[i : i + 2])
            i += 2
            continue
        if char == "[":
            j = i + 1
            while j < len(pattern) and pattern[j] != "]":
                j += 2 if pattern[j] == "\\" else 1
            current.append(pattern[i : j + 1])
            i = j + 1
            continue
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append("".join(current))
            current = []
            i += 1
            continue
        current.append(char)
        i += 1
    parts.append("".join(current))
    return parts


def _has_upper(alternative: str) -> bool:
    visible = re.sub(r"\\.|\(\?<?[!=][^)]*\)", "", alternative)  # ignore escapes and look-arounds
    return bool(re.search(r"[A-Z]", visible))


def _case_rule(pattern: str) -> str:
    """Alternatives with no upper-case letter match in any case; the others exactly as written."""
    return "|".join(a if _has_upper(a) else f"(?i:{a})" for a in _split_alternatives(pattern))


def _fold_case(pattern: str) -> str:
    """Write a pattern case-insensitively with character classes (``kyiv`` -> ``[kK][yY][iI][vV]``).

    Python's regex engine skips an alternative of a large alternation cheaply only when it starts with a plain
    character or class; ``re.IGNORECASE`` and ``(?i:…)`` defeat that, so folding by hand is ~5x faster."""
    out, i = [], 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            out.append(pattern[i : i + 2])
            i += 2
        elif char == "[":
            j = i + 1
            while pattern[j] != "]":
                j += 2 if pattern[j] == "\\" else 1
            body = pattern[i + 1 : j]
            extra = "".join(dict.fromkeys(c.swapcase() for c in body if c.isalpha() and c.swapcase() not in body))
            # a range of letters of one case gets the range of the other case too ("a-z" -> "a-zA-Z")
            ranges = re.findall(r"(?<!\\)([a-zA-Z])-([a-zA-Z])", body)
            extra += "".join(f"{lo.swapcase()}-{hi.swapcase()}" for lo, hi in ranges if lo.islower() == hi.islower())
            out.append(f"[{body}{extra}]")
            i = j + 1
        elif char == "(" and pattern.startswith("(?", i):
            token = re.match(r"\(\?(?::|<?[!=]|P<\w+>)", pattern[i:]).group()
            out.append(token)
            i += len(token)
        elif char == "{":
            j = pattern.index("}", i)
            out.append(pattern[i : j + 1])
            i = j + 1
        elif char.isalpha() and char.swapcase() != char:
            out.append(f"[{char}{char.swapcase()}]")
            i += 1
        else:
            out.append(char)
            i += 1
    return "".join(out)


def _matching_paren(pattern: str, start: int) -> int:
    depth, i = 0, start
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            i += 2
            continue
        if char == "[":
            i = pattern.index("]", i + 1) + 1
            continue
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    raise ValueError(f"unbalanced pattern: {pattern}")


def _expand_leading(alternative: str, depth: int = 0) -> list[str]:
    """Rewrite one alternative as alternatives that each start with a plain character (None when impossible):
    ``(?:counter-)?offensive`` -> ``counter-offensive``, ``offensive``; ``[Tt]he`` -> ``The``, ``the``;
    ``(?<!pre-)war`` -> ``w(?<!pre-w)ar``."""
    if depth > 6 or not alternative:
        return None
    if alternative.startswith("(?<"):  # look-behinds: consume the first character, then look behind it
        j = _matching_paren(alternative, 0)
        behind, rest = alternative[:j], alternative[j + 1 :]
        expanded = _expand_leading(rest, depth + 1)
        if expanded is None:
            return None
        out = []
        for e in expanded:
            head, tail = _split_head(e)
            if head is None:
                return None
            out.append(head + behind + head + ")" + tail)
        return out
    if alternative.startswith("(?:"):
        j = _matching_paren(alternative, 0)
        inner, rest = alternative[3:j], alternative[j + 1 :]
        optional = rest.startswith("?") and not rest.startswith("??")
        if optional:
            rest = rest[1:]
        elif rest[:1] in ("*", "+", "{"):
            return None
        out = []
        for part in _split_alternatives(inner):
            expanded = _expand_leading(part + rest, depth + 1)
            if expanded is None:
                return None
            out.extend(expanded)
        if optional:
            expanded = _expand_leading(rest, depth + 1)
            if expanded is None:
                return None
            out.extend(expanded)
        return out
    if alternative.startswith("["):
        j = alternative.index("]", 1)
        body, rest = alternative[1:j], alternative[j + 1 :]
        if body.startswith("^") or "-" in body[1:-1] or "\\" in body or rest[:1] in ("?", "*", "+", "{"):
            return None
        out = []
        for char in body:
            expanded = _expand_leading(re.escape(char) + rest, depth + 1)
            if expanded is None:
                return None
            out.extend(expanded)
        return out
    head, _ = _split_head(alternative)
    return None if head is None else [alternative]


def _split_head(alternative: str):
    """``(first character, rest)`` when the alternative starts with one plain character not under a quantifier."""
    if alternative.startswith("\\"):
        head, rest = alternative[:2], alternative[2:]
        if head[1].isalnum():  # \w, \s, \d …: a class, not a character
            return None, alternative
    elif alternative[:1] and alternative[0] not in "()[]{}?*+|^$.":
        head, rest = alternative[0], alternative[1:]
    else:
        return None, alternative
    if rest[:1] in ("?", "*", "+", "{"):
        return None, alternative
    return head, rest


# Order in which first letters are tried where the order of alternatives does not matter (most frequent
# word-initial letters of English news text first: fewer failed branch tests per position).
_LETTER_ORDER = {c: i for i, c in enumerate("tasiowcfphbdmrUeRnSlgBPuATNMCWvEDFIKyjkLGOHJVqzxYZQX")}


def _atom(pattern: str, i: int):
    """``(text, chars, next)`` for a one-character atom at ``pattern[i]`` not under a quantifier: a plain or
    escaped character, or a class; ``chars`` is its set of characters, None when not known (``\\w``, ranges,
    negation). None when ``pattern[i]`` starts no such atom."""
    if i >= len(pattern):
        return None
    char = pattern[i]
    if char == "\\":
        if i + 1 >= len(pattern):
            return None
        escaped = pattern[i + 1]
        text, chars, j = pattern[i : i + 2], (None if escaped.isalnum() else frozenset(escaped)), i + 2
    elif char == "[":
        j, body, known = i + 1, set(), pattern[i + 1 : i + 2] != "^"
        while j < len(pattern) and pattern[j] != "]":
            if pattern[j] == "\\":
                known = known and not pattern[j + 1].isalnum()
                body.add(pattern[j + 1])
                j += 2
            else:
                known = known and not (pattern[j] == "-" and j > i + 1 and pattern[j + 1] != "]")
                body.add(pattern[j])
                j += 1
        if j >= len(pattern):
            return None
        j += 1
        text, chars = pattern[i:j], (frozenset(body) if known else None)
    elif char in "()[]{}?*+|^$.":
        return None
    else:
        text, chars, j = char, frozenset(char), i + 1
    if pattern[j : j + 1] in ("?", "*", "+", "{"):
        return None
    return text, chars, j


def _atoms(alternative: str) -> tuple[list[tuple[str, frozenset | None]], str]:
    """Split an alternative into its leading one-character atoms and the rest."""
    atoms, i = [], 0
    while (atom := _atom(alternative, i)) is not None:
        atoms.append(atom[:2])
        i = atom[2]
    return atoms, alternative[i:]


def _disjoint(a, b) -> bool:
    return a is not None and b is not None and not (a & b)


def _trie(alternatives: list[str], ordered: bool = True) -> str:
    """One regex for ``(?:a1|a2|…)`` with common leading characters factored out (a prefix tree), so that the
    engine tests a shared prefix once instead of once per alternative.

    ``ordered=True`` keeps the meaning of the alternation exactly, including which alternative wins when several
    match: a factored branch ``x(?:b1|b2)`` tries ``x b1`` then ``x b2`` just as ``x b1|x b2`` does (``x`` is a
    single character, it matches one way or not at all), and an alternative is moved ahead of another only when
    their first characters are disjoint, so that at most one of them can match at any position.
    ``ordered=False`` (for an existence test in a look-ahead, where the order of alternatives cannot matter)
    merges freely and tries the most frequent first letters first."""
    items = [_atoms(a) for a in alternatives]
    if not ordered:
        items.sort(key=lambda item: [text for text, _ in item[0]])
    return _trie_build(items, ordered)


def _trie_build(items, ordered: bool) -> str:
    groups: list[list] = []  # [atom text, atom chars, [(remaining atoms, rest)]] in the order they are tried
    for atoms, rest in items:
        if not atoms:
            groups.append([None, None, [(atoms, rest)]])
            continue
        text, chars = atoms[0]
        for group in reversed(groups):
            if group[0] == text:
                group[2].append((atoms[1:], rest))
                break
            if ordered and not _disjoint(group[1], chars):
                groups.append([text, chars, [(atoms[1:], rest)]])
                break
        else:
            groups.append([text, chars, [(atoms[1:], rest)]])
    if not ordered:
        groups.sort(key=lambda g: min((_LETTER_ORDER.get(c, len(_LETTER_ORDER)) for c in g[1] or ()), default=99))
    branches = []
    for text, _, sub in groups:
        if text is None:
            branches.append(sub[0][1])
        elif len(sub) == 1:
            branches.append(text + "".join(t for t, _ in sub[0][0]) + sub[0][1])
        else:
            branches.append(text + _trie_build(sub, ordered))
    return "(?:" + "|".join(branches) + ")"


class _Lexicon:
    """All patterns of one lexicon as one compiled alternation, grouped by first character.

    ``finditer(text)`` yields ``(start, end, row)``; ``row`` is the lexicon row whose pattern produced the match
    (rows are tried longest pattern first). Matches are whole words: a match must not start right after a word
    character (checked after matching, which keeps the regex fast) nor end right before one.
    """

    def __init__(self, patterns: list[str], ignore_case: bool, possessive: bool = True, left: str = r"\w"):
        """``left``: the characters a match may not follow (a regex class body)."""
        order = sorted(range(len(patterns)), key=lambda i: (-len(patterns[i]), i))
        buckets: dict[str, list[str]] = {}
        loose: list[str] = []
        self._rows = []
        tail = r"(?:['’]s)?" if possessive else ""
        for i in order:
            folded = []
            for alternative in _split_alternatives(patterns[i]):
                fold = ignore_case or not _has_upper(alternative)
                folded.append(_fold_case(alternative) if fold else alternative)
                for expanded in _expand_leading(folded[-1]) or [None]:
                    if expanded is None:
                        loose.append(folded[-1])
                        continue
                    head, rest = _split_head(expanded)
                    buckets.setdefault(head, []).append(rest)
            self._rows.append((i, re.compile("(?:" + "|".join(folded) + ")" + tail)))
        # the alternatives in the order they are tried: by first character, then loose ones
        self.branches = [head + rest for head, rests in buckets.items() for rest in rests] + loose
        self.alternation = _trie(self.branches)
        # The match starts with one consumed non-word character (the text is scanned with a space in front): a
        # regex that starts with a character class lets the engine skip the letters inside words in C, which
        # makes a pass over 37M characters several times faster than a look-behind would.
        self.tail = f"{tail}(?!\\w)"
        self.regex = re.compile(f"[^{left}](?P<m>{self.alternation}){self.tail}")
        self._cache: dict[str, int] = {}

    def row_of(self, matched: str) -> int:
        row = self._cache.get(matched)
        if row is None:
            row = next((i for i, rx in self._rows if rx.fullmatch(matched)), self._rows[0][0])
            self._cache[matched] = row
        return row

    def finditer(self, text: str):
        return self.spans(text, self.regex.finditer(" " + text))

    def spans(self, text: str, matches):
        """``(start, end, row)`` for matches of ``self.regex`` in ``" " + text`` (from ``finditer`` or a ``_Scanner``)."""
        row_of, group = self.row_of, self.regex.groupindex["m"]
        for m in matches:
            start, end = m.start(group) - 1, m.end() - 1
            yield start, end, row_of(text[start:end])


@lru_cache(maxsize=None)
def _naming():
    table = load_lexicon("naming.csv")
    return table, _Lexicon(table["pattern"].tolist(), ignore_case=True)


@lru_cache(maxsize=None)
def _frames():
    table = load_lexicon("frames.csv")
    return table, _Lexicon(table["pattern"].tolist(), ignore_case=False)


@lru_cache(maxsize=None)
def _hedges():
    table = load_lexicon("hedges.csv")  # the one hedge lexicon; casualties reads its verification rows
    return table, _Lexicon(table["pattern"].tolist(), ignore_case=False, possessive=False)


@lru_cache(maxsize=None)
def _loaded():
    table = load_lexicon("loaded_terms.csv")
    return table, _Lexicon(table["pattern"].tolist(), ignore_case=False)


@lru_cache(maxsize=None)
def _actors():
    table = load_lexicon("attribution_actors.csv")
    priority = {"national": 1, "analyst": 1, "generic": 0}
    ranks = [priority.get(t, 2) for t in table["type"]]
    return table, _Lexicon(table["pattern"].tolist(), ignore_case=False), ranks


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
    return table, _Lexicon(forms, ignore_case=False, possessive=False, left=r"\w-"), form_rows


@lru_cache(maxsize=None)
def _agency():
    """``(agents table, actions table, agent lexicon, action lexicon, active regex, passive regex)``."""
    table = load_lexicon("agency_patterns.csv")
    agents = table[table["role"] == "agent"].reset_index(drop=True)
    actions = table[table["role"] == "action"].reset_index(drop=True)
    agent_lexicon = _Lexicon(agents["pattern"].tolist(), ignore_case=False)
    action_lexicon = _Lexicon(actions["pattern"].tolist(), ignore_case=False)
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


class _Scanner:
    """Several regexes run over one text in a single pass; ``scan(text)`` gives, for each regex, exactly the
    matches of ``regex.finditer(" " + text)``.

    Each part is ``(regex, alternatives)``: every match of ``regex`` starts with one consumed non-word character
    at some position ``p`` and one of ``alternatives`` matches at ``p + 1`` (a necessary condition, not
    necessarily sufficient). Running each regex over the whole text costs a call of the regex engine at every
    non-word character; here one look-ahead over the prefix tree of all alternatives finds the few positions
    where any part can match, and each regex is tried (anchored, ``regex.match``) only there. This is exact:
    ``finditer`` takes the leftmost position at or after the end of its previous match where the regex matches,
    and the candidates include every position where it matches, so taking candidates in order, skipping those
    before the previous match's end, yields the same matches.
    """

    def __init__(self, parts: list[tuple[re.Pattern, list[str]]]):
        self.regexes = [regex for regex, _ in parts]
        # Dropping a leading look-behind only loosens a necessary condition, and lets the alternative join the
        # prefix tree (an alternative that starts with a look-behind would be tried at every position).
        parts = [[_drop_lookbehinds(a) for a in alternatives] for _, alternatives in parts]
        # ``leads[i]``: what the three characters after the non-word one can be for part ``i`` (the leading
        # one-character atoms of its alternatives; None when an alternative has none): a cheap test, cached per
        # three characters, of which parts to try at a candidate
        heads = [{"".join(t for t, _ in _atoms(a)[0][:3]) for a in alternatives} for alternatives in parts]
        self.leads = [None if "" in h else re.compile(_trie(sorted(h), ordered=False)) for h in heads]
        self.possible: dict[str, tuple[int, ...]] = {}
        union = sorted({a for alternatives in parts for a in alternatives})
        self.candidates = re.compile(r"\W(?=" + _trie(union, ordered=False) + ")")

    def scan(self, text: str) -> list[list[re.Match]]:
        padded = " " + text
        regexes, possible, leads = self.regexes, self.possible, self.leads
        found = [[] for _ in regexes]
        ends = [0] * len(regexes)
        for candidate in self.candidates.finditer(padded):
            p = candidate.start()
            key = padded[p + 1 : p + 4]
            parts = possible.get(key)
            if parts is None:
                parts = tuple(i for i, lead in enumerate(leads) if lead is None or lead.match(key))
                possible[key] = parts
            for i in parts:
                if p >= ends[i]:
                    m = regexes[i].match(padded, p)
                    if m is not None:
                        found[i].append(m)
                        ends[i] = m.end()
        return found


def _drop_lookbehinds(alternative: str) -> str:
    while alternative.startswith("(?<"):
        alternative = alternative[_matching_paren(alternative, 0) + 1 :]
    return alternative


_SCAN_PARTS = ("naming", "frames", "hedges", "loaded", "verbs", "active", "passive")


@lru_cache(maxsize=None)
def _scanner() -> _Scanner:
    """One pass for the lexicons ``framing_tables`` runs over whole articles, in the order of ``_SCAN_PARTS``."""
    lexicons = [_naming()[1], _frames()[1], _hedges()[1], _loaded()[1], _verbs()[1]]
    parts = [(lexicon.regex, [a + lexicon.tail for a in lexicon.branches]) for lexicon in lexicons]
    agent_lexicon, active, passive = _agency()[2], _agency()[4], _agency()[5]
    parts.append((active, [a + r"(?:['’]s)?\s" for a in agent_lexicon.branches]))  # the agent, then a space
    parts.append((passive, [a + r"\s" for a in _PASSIVE_AUX]))  # the auxiliary, then a space
    return _Scanner(parts)


_AFTER_PREPOSITION = re.compile(
    r"(?:\b(?:in|of|on|to|against|from|into|for|with|at|by|near|across|inside|within|over|about)\s+)$"
)


# --------------------------------------------------------------------------------------------------------------
# quotation vs narration
# --------------------------------------------------------------------------------------------------------------

# a quotation: “…” or "…" (an unclosed quote runs to the end of its paragraph, the news convention for quotes
# that continue in the next paragraph), ‘…’ whose closing mark is not an apostrophe, or a straight-single-quoted
# passage that opens before a capital and closes after punctuation ('Building blocks…,' he said).
_QUOTE_RE = re.compile(
    r"“[^”\n]*(?:”|$)"
    r"|\"[^\"\n]*(?:\"|$)"
    r"|‘[^’\n]{0,600}?’(?![^\W_])"
    r"|'(?<![\w']')(?=[A-Z])[^'\n]{0,600}?[,.!?]'(?![\w])",  # every branch starts with a quote mark: fast scan
    re.MULTILINE,
)


def quote_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each quotation (quote marks included); everything else is narration.

    A one-pass regex twin of ``helpers.sentiment.split_quotes`` (same spans on the seeds, see the tests), kept
    here because that function walks the text character by character (~33 s on the 37M-character corpus, more
    than all framing measures together). Unlike it, this one also reads straight single quotes ('…,' he said).
    """
    return [(m.start() - 1, m.end() - 1) for m in _QUOTE_RE.finditer(" " + text)]


def _in_spans(starts: list[int], spans: list[tuple[int, int]], position: int) -> bool:
    i = bisect.bisect_right(starts, position) - 1
    return i >= 0 and spans[i][0] <= position < spans[i][1]


def _word_count(text: str) -> int:
    return len(text.split())


# --------------------------------------------------------------------------------------------------------------
# one article: raw tuples (fast); the public functions wrap them in DataFrames
# --------------------------------------------------------------------------------------------------------------


# ``matches``: the lexicon's matches from ``_scanner().scan(text)``; None to scan the text here


def _lexicon_spans(lexicon: _Lexicon, text: str, matches) -> list[tuple[int, int, int]]:
    return list(lexicon.finditer(text) if matches is None else lexicon.spans(text, matches))


def _find_naming(text: str, matches=None) -> list[tuple[int, int, int]]:
    return _lexicon_spans(_naming()[1], text, matches)


def _find_frames(text: str, matches=None) -> list[tuple[int, int, int]]:
    return _lexicon_spans(_frames()[1], text, matches)


def _find_hedges(text: str, matches=None) -> list[tuple[int, int, int]]:
    return _lexicon_spans(_hedges()[1], text, matches)


def _find_loaded(text: str, quotes: list[tuple[int, int]], matches=None) -> list[tuple[int, int, int, bool]]:
    starts = [s for s, _ in quotes]
    return [(s, e, r, _in_spans(starts, quotes, s)) for s, e, r in _lexicon_spans(_loaded()[1], text, matches)]


# The small regexes below run on short windows around each of ~100k reporting verbs. Each is written so that it
# starts with a literal character or a class: the engine then jumps in C to the positions where that character
# occurs, where a leading ``\b``, ``(?<!\w)``, ``\s`` or a mix of classes and literals makes it try every position.
# ``\bthat`` (or ``(?<!\w)that``) is written ``t(?<!\wt)hat``: the same test of the character before the word,
# made after its first letter. Each keeps the matches of the form in its comment.


def _word_starts(words: list[str]) -> str:
    r"""``(?<!\w)(?:w1|w2|…)`` with the look-behind moved after each word's first letter (see above)."""
    return "|".join(f"{re.escape(w[0])}(?<!\\w{re.escape(w[0])}){re.escape(w[1:])}" for w in words)


_WHITESPACE = re.findall(r"\s", "".join(map(chr, range(0x3001))))  # every character ``\s`` matches
# [,;:“”"()\[\]—–]|\.\s|\?\s|!\s|\n|\s-\s|\bthat\b|\bwhich\b|\bwho\b|\bbut\b|\band\b -- every alternative now starts
# with its own literal character (a class is the alternation of its characters, ``\s-\s`` the alternation over
# the whitespace characters); "\n" stays ahead of "\n-\s", the only two that share a first character
_SEGMENT_BREAK = re.compile(
    "|".join(re.escape(c) for c in ',;:“”"()[]—–')
    + r"|\.(?<!\b[A-Z]\.)\s|\?\s|!\s|\n|"
    + "|".join(re.escape(c) + r"-\s" for c in _WHITESPACE)
    + "|"
    + "|".join(f"(?:{w})\\b" for w in _word_starts(["that", "which", "who", "but", "and"]).split("|"))
)
_COORDINATED = re.compile(r"\b(?:and|but)\s*$")
# (?<!\w)(?:he|she|they|it|we|He|She|They|It|We)(?!\w)
_PRONOUN = re.compile(f"(?:{_word_starts('he she they it we He She They It We'.split())})(?!\\w)")
# (?<!\w)[A-Z][a-z’'\-]+(?:\s+[A-Z][a-z’'\-]+)+
_NAME = re.compile(r"[A-Z](?<!\w[A-Z])[a-z’'\-]+(?:\s+[A-Z][a-z’'\-]+)+")
# (?<!\w)[A-Z][a-z]{2,}(?!\w)
_CAPITALISED = re.compile(r"[A-Z](?<!\w[A-Z])[a-z]{2,}(?!\w)")
_NOT_NAMES = frozenset(
    "President General Governor Minister Defence Defense Deputy Mr Mrs Ms Dr Commander Chief Secretary Prime "
    "Foreign Spokesman Spokeswoman The A An In On At Ukrainian Russian Ukraine Russia Senior Lt Col Colonel "
    "Major Head Army Military Ministry Office Staff Armed Forces Chairman Mayor Speaker Sen Rep Adviser".split()
)
_DETERMINERS = frozenset(
    "the a an their its his her our these those such past recent new latest earlier previous unconfirmed "
    "conflicting official media some many other several".split()
)
_NOT_A_SOURCE = re.compile(r"\s+(?:the\s+|its\s+|their\s+)?(?:plan|plans|schedule)\b")
_BEFORE_ADJECTIVE = frozenset("into of for on in with about from by at an a the its their his her these those".split())
# an inverted source without a quotation: "…, said Oleksandr, a volunteer" / "…, said President Volodymyr Zelensky."
_SHORT_NAME_AFTER = re.compile(
    r"\s+(?:[^\s,.;:]+(?:\s+[^\s,.;:]+){0,3}\s*,|[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,3}\s*(?:\.|$))"
)
_NOUNISH = frozenset({"reports", "claims", "estimates", "warning", "saying", "claiming", "warns"})
_NOUN_AFTER = re.compile(
    r"\s*(?:[.,;:!?)\]”\"]|$)|\s+(?:of|from|by|in|on|at|were|was|are|is|and|or|have|had|suggest|suggested|indicate|"
    r"indicated|show|showed|remain|surfaced|emerged|circulated)\b"
)
# does the text end with an auxiliary (and an adverb): \b(?:is|are|was|were|been|being|be)\s+(?:[a-z]+ly\s+)?$ ?
# Matched at the start of the reversed text: one anchored attempt instead of one at every position (``$`` may
# also match before a final newline, but that newline is whitespace the ``\s+`` can take, so it ends the text)
_PASSIVE_BEFORE_REVERSED = re.compile(r"\s+(?:yl[a-z]+\s+)?(?:si|era|saw|erew|neeb|gnieb|eb)\b")
# (?:[.!?][\"'”’)]*\s+|\n)(?=[^.!?\n]*$), with the class split into literal-first alternatives
# a dot after a lone capital is an abbreviation, not a sentence end: "The U.S. estimates …"
_SENTENCE_START = re.compile(r"(?:\.(?<!\b[A-Z]\.)[\"'”’)]*\s+|![\"'”’)]*\s+|\?[\"'”’)]*\s+|\n)(?=[^.!?\n]*$)")


def _classify_window(window: str, offset: int, memory: dict, last: tuple | None):
    """Best actor in ``window``: (side, actor, source_start, source_end) or None."""
    table, lexicon, ranks = _actors()
    best = None
    for start, end, row in lexicon.finditer(window):
        key = (-ranks[row], start)
        if best is None or key < best[0]:
            best = (key, row, start, end)
    sides, actors = _actor_lists()
    if best is not None and ranks[best[1]] > 0:
        row = best[1]
        return sides[row], actors[row], offset + best[2], offset + best[3]
    for m in _NAME.finditer(window):  # a person named earlier in the article
        for word in m.group().split():
            if word in memory:
                side, actor = memory[word]
                return side, actor, offset + m.start(), offset + m.end()
    for m in _CAPITALISED.finditer(window):
        if m.group() in memory:
            side, actor = memory[m.group()]
            return side, actor, offset + m.start(), offset + m.end()
    if best is not None:  # only a generic actor ("officials", "residents")
        row = best[1]
        return sides[row], actors[row], offset + best[2], offset + best[3]
    pronoun = _PRONOUN.search(window)
    if pronoun and last is not None:
        return last[0], last[1], offset + pronoun.start(), offset + pronoun.end()
    return None


def _remember(window: str, side: str, actor: str, memory: dict) -> None:
    if side == "other":
        return
    for m in _NAME.finditer(window):
        for word in m.group().split():
            if word not in _NOT_NAMES and len(word) > 2:
                memory[word] = (side, actor)


@lru_cache(maxsize=None)
def _according_row() -> int:
    table = _verbs()[0]
    return int(table.index[table["lemma"] == "according to"][0])


@lru_cache(maxsize=None)
def _actor_lists() -> tuple[list[str], list[str]]:
    table = _actors()[0]
    return table["side"].tolist(), table["actor"].tolist()


def _find_attributions(text: str, quotes: list[tuple[int, int]], matches=None) -> list[tuple]:
    """``(start, end, source, side, verb, lemma_row, actor, source_start, source_end)`` per reporting verb."""
    table, lexicon, form_rows = _verbs()
    according = _according_row()
    starts = [s for s, _ in quotes]
    memory: dict[str, tuple[str, str]] = {}
    last = None
    out = []
    for vs, ve, form in _lexicon_spans(lexicon, text, matches):
        if _in_spans(starts, quotes, vs):
            continue
        verb = text[vs:ve]
        row = form_rows[form]
        acc = row == according
        # sentence start (bounded look-back)
        lo = max(0, vs - 300)
        before = text[lo:vs]
        cut = _SENTENCE_START.search(before)
        if cut:
            before = before[cut.end() :]
            lo = vs - len(before)
        if acc:
            if _NOT_A_SOURCE.match(text, ve):  # "according to plan"
                continue
        else:
            if _PASSIVE_BEFORE_REVERSED.match(before[::-1]):  # "are said to", "were reported"
                continue
            previous_word = before.split()[-1:] or [""]
            if previous_word[0].lower() in _BEFORE_ADJECTIVE:  # "into alleged war crimes", "the reported losses"
                continue
            if verb in _NOUNISH:  # "Ukrainian reports of…", "their claims", "a warning"
                previous = before.split()[-1:] or [""]
                prev = previous[0].strip("“”\"'’,")
                if prev.lower() in _DETERMINERS or (prev[:1].isupper() and prev.endswith("ian")):
                    continue
                if _NOUN_AFTER.match(text, ve):  # "battlefield reports.", "claims of", "reports were"
                    continue
        # candidate windows: the clause right before the verb, earlier clauses of the sentence, and the phrase
        # after the verb when the verb follows a quotation ("…,” said Zelensky) or is "according to"
        breaks = [b.end() for b in _SEGMENT_BREAK.finditer(before)]
        bounds = [0] + breaks + [len(before)]
        segments = [(bounds[i], bounds[i + 1]) for i in range(len(bounds) - 1)]
        limit = min(len(text), ve + 160)
        stop = _SEGMENT_BREAK.search(text, ve + 1, limit)
        after = (text[ve : stop.start() if stop else limit], ve)
        after_quote = before.rstrip(" ,").endswith(("”", '"', "’", "'"))
        windows = []
        if acc:
            windows.append(after)
        s0, e0 = segments[-1]
        if before[s0:e0].strip():
            windows.append((before[s0:e0], lo + s0))
        if not acc and (after_quote or (not before[s0:e0].strip() and _SHORT_NAME_AFTER.match(text, ve))):
            windows.append(after)  # “…,” said Zelensky / …, said Oleksandr, a volunteer
        for s, e in reversed(segments[-4:-1]):
            windows.append((before[s:e], lo + s))
        found = None
        coordinated = (
            not before[s0:e0].strip()
            and _COORDINATED.search(before)
            and out
            and out[-1][1] >= lo
        )
        if coordinated:  # "… said X, but warned …": the same source
            previous = out[-1]
            found = (previous[3], previous[6], previous[7], previous[8])
        else:
            for window, offset in windows[:1] if acc else windows:  # "according to X": X is the source
                found = _classify_window(window, offset, memory, last)
                if found is not None:
                    break
            if found is None and after_quote and last is not None and re.match(r"\s+the\s", after[0]):
                # “…,” wrote the four-star general: a definite description names the last source
                found = (last[0], last[1], after[1], after[1] + len(after[0].rstrip()))
        if found is None:
            side, actor = "other", "unresolved"
            window, offset = windows[0] if windows else after
            stripped = window.strip()
            ss = offset + (window.find(stripped) if stripped else 0)
            se = ss + len(stripped)
        else:
            side, actor, ss, se = found
            if actor != "unresolved":
                last = (side, actor)
            subject = before[segments[0][0] : segments[0][1]].strip(" ,;:“”\"—–")
            if len(segments) > 1 and _NAME.fullmatch(subject):  # "Samuel Ramani, a fellow at RUSI, said"
                _remember(subject, side, actor, memory)
            for window, offset in windows:
                if offset <= ss < offset + len(window):
                    _remember(window, side, actor, memory)
        source = text[ss:se].strip(" \n\t.,;:") if se > ss else ""
        start, end = min(ss, vs), max(se, ve)
        out.append((start, end, source, side, verb, row, actor, ss, se))
    return out


def _find_agency(text: str, matches=None) -> list[tuple]:
    """``(start, end, side, action_type, agent_text, action_text, voice)`` per agent–action clause;
    ``matches``: ``(active matches, passive matches)`` from ``_scanner().scan(text)``, None to scan here."""
    agents, actions, agent_lexicon, action_lexicon, active, passive = _agency()
    out = []
    padded = " " + text
    if matches is None:
        matches = (active.finditer(padded), passive.finditer(padded))
    for found, voice in zip(matches, ("active", "passive")):
        for m in found:
            start = m.start() - 1 + 1  # drop the consumed boundary character; -1 for the padding
            if voice == "active" and _AFTER_PREPOSITION.search(text, max(0, start - 12), start):
                continue  # "the war in Ukraine pushed…": Ukraine is not the subject
            a_row = agent_lexicon.row_of(m.group("agent"))
            v_row = action_lexicon.row_of(m.group("action"))
            out.append(
                (
                    start,
                    m.end() - 1,
                    agents.at[a_row, "side"],
                    actions.at[v_row, "action_type"],
                    m.group("agent"),
                    m.group("action"),
                    voice,
                )
            )
    out.sort()
    return out


def _sentence_start(text: str, position: int) -> int:
    best = max(text.rfind(". ", 0, position), text.rfind("? ", 0, position), text.rfind("! ", 0, position))
    best = max(best + 2 if best >= 0 else 0, text.rfind("\n", 0, position) + 1)
    return best


# --------------------------------------------------------------------------------------------------------------
# the contract and the other per-article measures
# --------------------------------------------------------------------------------------------------------------


def naming_spans(text: str) -> pd.DataFrame:
    """One row per naming match: ``start, end, concept, variant, alignment, matched``."""
    table, _ = _naming()
    rows = [
        (s, e, table.at[r, "concept"], table.at[r, "variant"], table.at[r, "alignment"], text[s:e])
        for s, e, r in _find_naming(text)
    ]
    return pd.DataFrame(rows, columns=["start", "end", "concept", "variant", "alignment", "matched"]).astype(
        {"start": "int64", "end": "int64"}
    )


def naming_variants(text: str) -> pd.DataFrame:
    """Counts per ``concept, variant`` (only variants that occur), with ``alignment`` and the ``spans`` behind each."""
    table, _ = _naming()
    spans = naming_spans(text)
    rows = []
    for (concept, variant), group in spans.groupby(["concept", "variant"], sort=False):
        rows.append(
            (concept, variant, group["alignment"].iloc[0], len(group), list(zip(group["start"], group["end"])))
        )
    order = {(c, v): i for i, (c, v) in enumerate(zip(table["concept"], table["variant"]))}
    rows.sort(key=lambda r: order[(r[0], r[1])])
    return pd.DataFrame(rows, columns=["concept", "variant", "alignment", "count", "spans"]).astype({"count": "int64"})


def hedges(text: str) -> pd.DataFrame:
    """Hedges and verification statements: ``start, end, phrase, kind`` (verification / evidential / epistemic)."""
    table, _ = _hedges()
    rows = [(s, e, text[s:e], table.at[r, "kind"]) for s, e, r in _find_hedges(text)]
    return pd.DataFrame(rows, columns=["start", "end", "phrase", "kind"]).astype({"start": "int64", "end": "int64"})


def attributions(text: str) -> pd.DataFrame:
    """Who is cited with which verb: ``start, end, source, side, verb, lemma, stance, actor, source_start,
    source_end``. Reporting verbs inside quotations and passives ("are said to") are skipped; a pronoun takes the
    previous source of the article; a surname takes the side it had earlier in the article."""
    table = _verbs()[0]
    rows = [
        (s, e, src, side, verb, table.at[r, "lemma"], table.at[r, "stance"], actor, ss, se)
        for s, e, src, side, verb, r, actor, ss, se in _find_attributions(text, quote_spans(text))
    ]
    columns = ["start", "end", "source", "side", "verb", "lemma", "stance", "actor", "source_start", "source_end"]
    return pd.DataFrame(rows, columns=columns).astype(
        {"start": "int64", "end": "int64", "source_start": "int64", "source_end": "int64"}
    )


def frame_spans(text: str) -> pd.DataFrame:
    """One row per frame indicator match: ``start, end, frame, policy_frame, matched``."""
    table, _ = _frames()
    rows = [(s, e, table.at[r, "frame"], table.at[r, "policy_frame"], text[s:e]) for s, e, r in _find_frames(text)]
    return pd.DataFrame(rows, columns=["start", "end", "frame", "policy_frame", "matched"]).astype(
        {"start": "int64", "end": "int64"}
    )


def _frame_order() -> list[tuple[str, str]]:
    table, _ = _frames()
    return list(dict.fromkeys(zip(table["frame"], table["policy_frame"])))


def frame_profile(text: str) -> pd.DataFrame:
    """Every frame of the dictionary with its ``share`` of all indicator matches in ``text``, the number of
    ``matches`` and their ``spans``; shares sum to 1 (all 0 when nothing matched)."""
    spans = frame_spans(text)
    total = len(spans)
    rows = []
    for frame, policy in _frame_order():
        hits = spans[spans["frame"] == frame]
        rows.append((frame, policy, len(hits) / total if total else 0.0, len(hits), list(zip(hits["start"], hits["end"]))))
    return pd.DataFrame(rows, columns=["frame", "policy_frame", "share", "matches", "spans"]).astype({"matches": "int64"})


def loaded_language(text: str) -> pd.DataFrame:
    """Loaded and evaluative terms: ``start, end, term, category, matched, in_quote``."""
    table, _ = _loaded()
    rows = [
        (s, e, table.at[r, "term"], table.at[r, "category"], text[s:e], q)
        for s, e, r, q in _find_loaded(text, quote_spans(text))
    ]
    return pd.DataFrame(rows, columns=["start", "end", "term", "category", "matched", "in_quote"]).astype(
        {"start": "int64", "end": "int64", "in_quote": "bool"}
    )


def _voice_words(text: str, quotes: list[tuple[int, int]]) -> tuple[int, int]:
    quoted = sum(_word_count(text[s:e]) for s, e in quotes)
    return _word_count(text) - quoted, quoted


def loaded_rates(text: str) -> pd.DataFrame:
    """Loaded terms per 1,000 words in narration and in quotation: ``voice, words, terms, per_1000``."""
    quotes = quote_spans(text)
    found = _find_loaded(text, quotes)
    narration_words, quotation_words = _voice_words(text, quotes)
    rows = []
    for voice, words, hits in (
        ("narration", narration_words, sum(1 for f in found if not f[3])),
        ("quotation", quotation_words, sum(1 for f in found if f[3])),
    ):
        rows.append((voice, words, hits, 1000 * hits / words if words else np.nan))
    return pd.DataFrame(rows, columns=["voice", "words", "terms", "per_1000"])


def agency(text: str) -> pd.DataFrame:
    """Agent–action clauses in attack and defence sentences: ``start, end, side, action_type, agent, action,
    voice, sentence_start``; ``side`` is the side of the agent (``russian`` / ``ukrainian``)."""
    rows = [(*row, _sentence_start(text, row[0])) for row in _find_agency(text)]
    columns = ["start", "end", "side", "action_type", "agent", "action", "voice", "sentence_start"]
    return pd.DataFrame(rows, columns=columns).astype({"start": "int64", "end": "int64", "sentence_start": "int64"})


def evidence_spans(text: str, measures: tuple[str, ...] = ("frames", "naming", "attribution", "hedges", "loaded", "agency")) -> pd.DataFrame:
    """All evidence of one article as ``start, end, label, tooltip`` for ``helpers.reading.reading_view``."""
    parts = []
    if "frames" in measures:
        f = frame_spans(text)
        parts.append(pd.DataFrame({"start": f["start"], "end": f["end"], "label": "frame: " + f["frame"], "tooltip": f["policy_frame"]}))
    if "naming" in measures:
        n = naming_spans(text)
        parts.append(pd.DataFrame({"start": n["start"], "end": n["end"], "label": "naming: " + n["variant"], "tooltip": n["concept"] + " (" + n["alignment"] + ")"}))
    if "attribution" in measures:
        a = attributions(text)
        parts.append(pd.DataFrame({"start": a["start"], "end": a["end"], "label": "source: " + a["side"], "tooltip": a["source"] + " — " + a["verb"] + " (" + a["stance"] + ")"}))
    if "hedges" in measures:
        h = hedges(text)
        parts.append(pd.DataFrame({"start": h["start"], "end": h["end"], "label": "hedge: " + h["kind"], "tooltip": h["phrase"]}))
    if "loaded" in measures:
        lo = loaded_language(text)
        parts.append(pd.DataFrame({"start": lo["start"], "end": lo["end"], "label": "loaded: " + lo["term"], "tooltip": lo["category"] + np.where(lo["in_quote"], " (in a quotation)", " (narration)")}))
    if "agency" in measures:
        g = agency(text)
        parts.append(pd.DataFrame({"start": g["start"], "end": g["end"], "label": "agent: " + g["side"] + " " + g["action_type"], "tooltip": g["voice"] + " voice"}))
    parts = [p for p in parts if len(p)]
    if not parts:
        return pd.DataFrame(columns=["start", "end", "label", "tooltip"])
    return pd.concat(parts, ignore_index=True).sort_values(["start", "end", "label"], kind="stable").reset_index(drop=True)


# --------------------------------------------------------------------------------------------------------------
# corpus: one pass, long span tables
# --------------------------------------------------------------------------------------------------------------


@dataclass
class FramingTables:
    """Long tables of evidence for many articles (offsets into each article's text) plus one summary row each."""

    articles: pd.DataFrame  # article_id, words, narration_words, quotation_words and counts per measure
    frames: pd.DataFrame  # article_id, start, end, frame, policy_frame
    naming: pd.DataFrame  # article_id, start, end, concept, variant, alignment
    attributions: pd.DataFrame  # article_id, start, end, source, side, verb, lemma, stance, actor
    hedges: pd.DataFrame  # article_id, start, end, kind
    loaded: pd.DataFrame  # article_id, start, end, term, category, in_quote
    agency: pd.DataFrame  # article_id, start, end, side, action_type, sentence_start


def framing_tables(articles: pd.DataFrame, text_col: str = "text", id_col: str = "article_id", desc: str = "framing") -> FramingTables:
    """Run every framing measure once over each article (with a progress bar) and return long span tables."""
    from helpers.progress import progress

    naming_table, _ = _naming()
    frames_table, _ = _frames()
    hedges_table, _ = _hedges()
    loaded_table, _ = _loaded()
    verbs_table = _verbs()[0]
    scanner = _scanner()
    summary, fr, nm, at, hd, ld, ag = [], [], [], [], [], [], []
    ids = articles[id_col].tolist()
    texts = articles[text_col].tolist()
    for article_id, text in progress(zip(ids, texts), desc=desc, total=len(ids)):
        text = text if isinstance(text, str) else ""
        quotes = quote_spans(text)
        naming_m, frames_m, hedges_m, loaded_m, verbs_m, active_m, passive_m = scanner.scan(text)  # _SCAN_PARTS
        f = _find_frames(text, frames_m)
        n = _find_naming(text, naming_m)
        h = _find_hedges(text, hedges_m)
        lo = _find_loaded(text, quotes, loaded_m)
        a = _find_attributions(text, quotes, verbs_m)
        g = _find_agency(text, (active_m, passive_m))
        narration_words, quotation_words = _voice_words(text, quotes)
        fr.extend((article_id, s, e, r) for s, e, r in f)
        nm.extend((article_id, s, e, r) for s, e, r in n)
        hd.extend((article_id, s, e, r) for s, e, r in h)
        ld.extend((article_id, s, e, r, q) for s, e, r, q in lo)
        at.extend((article_id, s, e, src, side, verb, r, actor) for s, e, src, side, verb, r, actor, _, _ in a)
        ag.extend((article_id, row[0], row[1], row[2], row[3], _sentence_start(text, row[0])) for row in g)
        summary.append(
            (
                article_id,
                narration_words + quotation_words,
                narration_words,
                quotation_words,
                len(f),
                len(n),
                len(a),
                len(h),
                sum(1 for x in lo if not x[3]),
                sum(1 for x in lo if x[3]),
                len(g),
            )
        )

    def frame_of(rows, columns):
        return pd.DataFrame(rows, columns=columns)

    frames = frame_of(fr, ["article_id", "start", "end", "row"])
    frames["frame"] = frames_table["frame"].to_numpy()[frames["row"].to_numpy(dtype=int)] if len(frames) else []
    frames["policy_frame"] = frames_table["policy_frame"].to_numpy()[frames["row"].to_numpy(dtype=int)] if len(frames) else []
    naming = frame_of(nm, ["article_id", "start", "end", "row"])
    for column in ("concept", "variant", "alignment"):
        naming[column] = naming_table[column].to_numpy()[naming["row"].to_numpy(dtype=int)] if len(naming) else []
    hedge_df = frame_of(hd, ["article_id", "start", "end", "row"])
    hedge_df["kind"] = hedges_table["kind"].to_numpy()[hedge_df["row"].to_numpy(dtype=int)] if len(hedge_df) else []
    loaded = frame_of(ld, ["article_id", "start", "end", "row", "in_quote"])
    for column in ("term", "category"):
        loaded[column] = loaded_table[column].to_numpy()[loaded["row"].to_numpy(dtype=int)] if len(loaded) else []
    attrib = frame_of(at, ["article_id", "start", "end", "source", "side", "verb", "row", "actor"])
    for column in ("lemma", "stance"):
        attrib[column] = verbs_table[column].to_numpy()[attrib["row"].to_numpy(dtype=int)] if len(attrib) else []
    agency_df = frame_of(ag, ["article_id", "start", "end", "side", "action_type", "sentence_start"])
    summary_df = pd.DataFrame(
        summary,
        columns=[
            "article_id",
            "words",
            "narration_words",
            "quotation_words",
            "frame_matches",
            "naming_matches",
            "attributions",
            "hedges",
            "loaded_narration",
            "loaded_quotation",
            "agency_clauses",
        ],
    )
    return FramingTables(
        summary_df,
        frames.drop(columns="row"),
        naming.drop(columns="row"),
        attrib.drop(columns="row"),
        hedge_df.drop(columns="row"),
        loaded.drop(columns="row"),
        agency_df,
    )


def _wide(long: pd.DataFrame, ids: pd.Series, column: str, categories: list[str]) -> pd.DataFrame:
    counts = long.groupby(["article_id", column]).size().unstack(fill_value=0) if len(long) else pd.DataFrame()
    return counts.reindex(index=ids, columns=categories, fill_value=0).fillna(0).astype("int64")


def article_profiles(tables: FramingTables) -> pd.DataFrame:
    """One row per article combining all measures (the framing profile), indexed by ``article_id``:
    ``frame:<frame>`` shares, ``source:<side>`` shares of attributions, ``naming_ukrainian_share`` (share of
    aligned naming choices that follow Ukrainian usage), ``hedges_per_1000``, ``loaded_narration_per_1000``,
    ``loaded_quotation_per_1000``, ``agent_russian_share`` (share of attack/defence clauses with a Russian agent),
    plus the counts behind them. Shares are NaN where an article has nothing to share out."""
    summary = tables.articles.set_index("article_id")
    ids = summary.index
    frames = [f for f, _ in _frame_order()]
    fw = _wide(tables.frames, ids, "frame", frames)
    out = pd.DataFrame(index=ids)
    total = fw.sum(axis=1).replace(0, np.nan)
    for frame in frames:
        out[f"frame:{frame}"] = fw[frame] / total
    sw = _wide(tables.attributions, ids, "side", list(SIDES))
    total = sw.sum(axis=1).replace(0, np.nan)
    for side in SIDES:
        out[f"source:{side}"] = sw[side] / total
    aligned = _wide(tables.naming, ids, "alignment", ["ukrainian", "russian", "neutral"])
    out["naming_ukrainian_share"] = aligned["ukrainian"] / (aligned["ukrainian"] + aligned["russian"]).replace(0, np.nan)
    words = summary["words"].replace(0, np.nan)
    out["hedges_per_1000"] = 1000 * summary["hedges"] / words
    out["loaded_narration_per_1000"] = 1000 * summary["loaded_narration"] / summary["narration_words"].replace(0, np.nan)
    out["loaded_quotation_per_1000"] = 1000 * summary["loaded_quotation"] / summary["quotation_words"].replace(0, np.nan)
    agents = _wide(tables.agency, ids, "side", ["russian", "ukrainian"])
    out["agent_russian_share"] = agents["russian"] / agents.sum(axis=1).replace(0, np.nan)
    out["words"] = summary["words"]
    out["frame_matches"] = summary["frame_matches"]
    out["attributions"] = summary["attributions"]
    out["agency_clauses"] = summary["agency_clauses"]
    return out


def framing_profile(text: str, article_id: str = "text") -> pd.Series:
    """The framing profile of one text (see ``article_profiles``)."""
    tables = framing_tables(pd.DataFrame({"article_id": [article_id], "text": [text]}))
    return article_profiles(tables).iloc[0]


def profile_similarity(profiles: pd.DataFrame, columns: list[str] | None = None) -> pd.DataFrame:
    """Cosine similarity between profiles (rows) after standardising each feature (NaN -> column mean, constant
    columns dropped). Values from -1 (opposite) to 1 (same mix)."""
    if columns is None:
        columns = [c for c in profiles.columns if ":" in c or c.endswith(("_share", "_per_1000"))]
    x = profiles[columns].astype(float)
    x = x.fillna(x.mean()).fillna(0.0)
    std = x.std(ddof=0)
    x = (x.loc[:, std > 0] - x.mean()[std > 0]) / std[std > 0]
    norms = np.linalg.norm(x.to_numpy(), axis=1)
    norms[norms == 0] = 1.0
    unit = x.to_numpy() / norms[:, None]
    return pd.DataFrame(unit @ unit.T, index=profiles.index, columns=profiles.index)


# --------------------------------------------------------------------------------------------------------------
# aggregation with intervals
# --------------------------------------------------------------------------------------------------------------


def wilson_interval(k, n, level: float = 0.95):
    """Wilson score interval for ``k`` successes out of ``n`` (arrays allowed); NaN where ``n`` is 0."""
    from scipy.stats import norm

    k = np.asarray(k, dtype=float)
    n = np.asarray(n, dtype=float)
    z = norm.ppf(0.5 + level / 2)
    with np.errstate(invalid="ignore", divide="ignore"):
        p = k / n
        centre = (p + z * z / (2 * n)) / (1 + z * z / n)
        half = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return centre - half, centre + half


def group_shares(
    long: pd.DataFrame,
    groups: pd.Series,
    column: str,
    categories: list[str] | None = None,
    seed: int = 0,
    n_boot: int = 1000,
    level: float = 0.95,
) -> pd.DataFrame:
    """Share of each category among a group's items (e.g. the share of an outlet's attributions that cite a
    Ukrainian source), with a cluster-bootstrap interval that resamples articles within the group (items from
    one article are not independent).

    ``long`` has one row per item with ``article_id`` and ``column``; ``groups`` maps ``article_id`` (its index)
    to a group (e.g. outlet). Returns ``group, category, share, low, high, items, n_articles`` where
    ``n_articles`` counts the group's articles with at least one item and ``items`` the items behind the cell.
    """
    if categories is None:
        categories = sorted(long[column].dropna().unique().tolist())
    wide = _wide(long, pd.Index(groups.index), column, categories)
    rng = np.random.default_rng(seed)
    alpha = (1 - level) / 2
    rows = []
    for group, ids in groups.groupby(groups, sort=True).groups.items():
        counts = wide.loc[ids].to_numpy()
        counts = counts[counts.sum(axis=1) > 0]
        n = len(counts)
        totals = counts.sum(axis=0)
        if n == 0:
            for category in categories:
                rows.append((group, category, np.nan, np.nan, np.nan, 0, 0))
            continue
        weights = rng.multinomial(n, np.full(n, 1 / n), size=n_boot)
        boot = weights @ counts
        boot = boot / boot.sum(axis=1, keepdims=True)
        low = np.quantile(boot, alpha, axis=0)
        high = np.quantile(boot, 1 - alpha, axis=0)
        share = totals / totals.sum()
        for j, category in enumerate(categories):
            rows.append((group, category, share[j], low[j], high[j], int(totals.sum()), n))
    return pd.DataFrame(rows, columns=["group", "category", "share", "low", "high", "items", "n_articles"])


def group_rates(
    counts: pd.Series,
    words: pd.Series,
    groups: pd.Series,
    per: float = 1000.0,
    seed: int = 0,
    n_boot: int = 1000,
    level: float = 0.95,
) -> pd.DataFrame:
    """Rate per ``per`` words of a group (sum of counts / sum of words), with a cluster-bootstrap interval over
    the group's articles. All three Series share the article index. Returns ``group, rate, low, high, count,
    words, n_articles``."""
    rng = np.random.default_rng(seed)
    alpha = (1 - level) / 2
    frame = pd.DataFrame({"c": counts.astype(float), "w": words.astype(float), "g": groups})
    frame = frame[frame["w"] > 0]
    rows = []
    for group, part in frame.groupby("g", sort=True):
        c, w = part["c"].to_numpy(), part["w"].to_numpy()
        n = len(part)
        weights = rng.multinomial(n, np.full(n, 1 / n), size=n_boot)
        boot = per * (weights @ c) / (weights @ w)
        rows.append((group, per * c.sum() / w.sum(), np.quantile(boot, alpha), np.quantile(boot, 1 - alpha), int(c.sum()), int(w.sum()), n))
    return pd.DataFrame(rows, columns=["group", "rate", "low", "high", "count", "words", "n_articles"])


# --------------------------------------------------------------------------------------------------------------
# precision on the hand-labelled sample
# --------------------------------------------------------------------------------------------------------------

MEASURES = ("frames", "naming", "attribution", "hedges", "loaded", "agency")


def sample_matches(text: str) -> list[tuple[str, str, str]]:
    """What the dictionaries find in one sentence: ``(measure, label, matched text)``, in a stable order. This is
    what the precision sample records and judges."""
    out = []
    for s, e, r in _find_frames(text):
        out.append(("frames", _frames()[0].at[r, "frame"], text[s:e], s))
    for s, e, r in _find_naming(text):
        t = _naming()[0]
        out.append(("naming", f"{t.at[r, 'concept']}={t.at[r, 'variant']}", text[s:e], s))
    quotes = quote_spans(text)
    for s, e, src, side, verb, r, actor, ss, se in _find_attributions(text, quotes):
        out.append(("attribution", side, f"{src} | {verb}", s))
    for s, e, r in _find_hedges(text):
        out.append(("hedges", _hedges()[0].at[r, "kind"], text[s:e], s))
    for s, e, r, q in _find_loaded(text, quotes):
        out.append(("loaded", _loaded()[0].at[r, "term"], text[s:e], s))
    for s, e, side, action_type, agent_text, action_text, voice in _find_agency(text):
        out.append(("agency", f"{side} {action_type}", text[s:e], s))
    order = {m: i for i, m in enumerate(MEASURES)}
    out.sort(key=lambda x: (order[x[0]], x[3], x[1]))
    return [(m, label, matched) for m, label, matched, _ in out]


def _sample_path() -> Path:
    from helpers import paths

    return Path(paths.DATA_LABELLED) / "framing_precision_sample.csv"


def precision_table(sample: pd.DataFrame | str | Path | None = None) -> pd.DataFrame:
    """Precision per measure on the hand-labelled sample: ``measure, matches, correct, incorrect, missed,
    precision, precision_low, precision_high`` (95 % Wilson interval), ``recall_proxy, sentences``. ``precision`` = correct / (correct + incorrect) over the dictionary's
    matches; ``recall_proxy`` = correct / (correct + missed), where ``missed`` counts what the labeller noted the
    dictionary should have found in the same sentences (a lower bound on what it misses)."""
    if sample is None:
        sample = _sample_path()
    if not isinstance(sample, pd.DataFrame):
        sample = pd.read_csv(sample, dtype=str, keep_default_na=False)
    rows = []
    for measure in MEASURES:
        part = sample[sample["measure"] == measure]
        correct = int((part["judgement"] == "correct").sum())
        incorrect = int((part["judgement"] == "incorrect").sum())
        missed = int((part["judgement"] == "missed").sum())
        matches = correct + incorrect
        rows.append(
            (
                measure,
                matches,
                correct,
                incorrect,
                missed,
                correct / matches if matches else np.nan,
                correct / (correct + missed) if correct + missed else np.nan,
                part["sentence_id"].nunique(),
            )
        )
    table = pd.DataFrame(
        rows, columns=["measure", "matches", "correct", "incorrect", "missed", "precision", "recall_proxy", "sentences"]
    )
    low, high = wilson_interval(table["correct"], table["matches"])
    table.insert(6, "precision_low", low)
    table.insert(7, "precision_high", high)
    return table


def refresh_precision_sample(path: str | Path | None = None) -> pd.DataFrame:
    """Re-run the dictionaries over the sample's sentences after a lexicon change and rewrite the file: earlier
    judgements are kept where the same ``(sentence_id, measure, label, matched)`` is still found, "missed" rows
    are kept unless the dictionary now finds them, and new matches get ``judgement = "unjudged"`` for a person to
    judge (the tests fail until none is left). Returns the rewritten table."""
    path = Path(path) if path is not None else _sample_path()
    old = pd.read_csv(path, dtype=str, keep_default_na=False)
    judged = {
        (r.sentence_id, r.measure, r.label, r.matched): (r.judgement, r.note)
        for r in old.itertuples(index=False)
        if r.judgement in ("correct", "incorrect")
    }
    rows = []
    sentences = old.drop_duplicates("sentence_id")[["sentence_id", "origin", "sentence"]]
    for sentence_id, origin, text in sentences.itertuples(index=False):
        found = sample_matches(text)
        for measure, label, matched in found:
            judgement, note = judged.get((sentence_id, measure, label, matched), ("unjudged", ""))
            rows.append((sentence_id, origin, text, measure, label, matched, judgement, note))
        found_text = {(m, x) for m, _, x in found}
        missed = old[(old["sentence_id"] == sentence_id) & (old["judgement"] == "missed")]
        for r in missed.itertuples(index=False):
            if (r.measure, r.matched) not in found_text:
                rows.append((sentence_id, origin, text, r.measure, r.label, r.matched, "missed", r.note))
        if not found and missed.empty:
            rows.append((sentence_id, origin, text, "", "", "", "none", "nothing to find; nothing found"))
    columns = ["sentence_id", "origin", "sentence", "measure", "label", "matched", "judgement", "note"]
    table = pd.DataFrame(rows, columns=columns)
    table.to_csv(path, index=False)
    return table


# --------------------------------------------------------------------------------------------------------------
# plotting
# --------------------------------------------------------------------------------------------------------------


def plot_group_intervals(ax, table: pd.DataFrame, order: list, value: str = "share", n_col: str = "n_articles",
                         title: str | None = None, colour: str | None = None, percent: bool = True,
                         min_articles: int = 1) -> None:
    """Dot-and-whisker panel: one row per group in ``order`` (top to bottom) with its ``value`` and ``low``–``high``
    interval; the number of articles behind each dot is written at the right edge (``n=…``). Groups with fewer
    than ``min_articles`` articles are drawn hollow (too few to compare)."""
    import matplotlib.transforms as transforms

    sub = table.set_index("group").reindex(order)
    y = np.arange(len(order))[::-1]
    scale = 100.0 if percent else 1.0
    values = sub[value].to_numpy(dtype=float) * scale
    low = sub["low"].to_numpy(dtype=float) * scale
    high = sub["high"].to_numpy(dtype=float) * scale
    n = sub[n_col].fillna(0).to_numpy(dtype=int)
    enough = n >= min_articles
    ax.hlines(y, low, high, color=colour or "#0072B2", linewidth=1.6)
    ax.plot(values[enough], y[enough], "o", color=colour or "#0072B2", markersize=5)
    ax.plot(values[~enough], y[~enough], "o", markerfacecolor="white", color=colour or "#0072B2", markersize=5)
    ax.set_yticks(y)
    ax.set_yticklabels([str(g) for g in order])
    ax.set_ylim(-0.7, len(order) - 0.3)
    ax.grid(axis="y", visible=False)
    blend = transforms.blended_transform_factory(ax.transAxes, ax.transData)
    for yi, ni in zip(y, n):
        ax.text(1.01, yi, f"n={ni:,}", transform=blend, va="center", ha="left", fontsize=7, color="#555555")
    if percent:
        ax.set_xlim(0, 100)
        ax.set_xlabel("% (95 % interval)")
    if title:
        ax.set_title(title, fontsize=10)
