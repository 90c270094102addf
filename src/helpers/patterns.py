"""Compile a lexicon of regular-expression alternatives into one fast regex.

A lexicon is a list of patterns (each may itself be ``a|b|c``); matching them one by one costs one pass over the
text per pattern, and one big ``(?:p1|p2|…)`` is slow in Python's engine when alternatives start with a group, a
class or a case-insensitive flag, because the engine cannot skip them cheaply. This module rewrites the
alternation so that every alternative starts with one plain character and shares its leading characters with its
neighbours (a prefix tree), which keeps the meaning and makes one pass over tens of millions of characters fast:

- ``Lexicon(patterns, ignore_case)``: all patterns as one whole-word regex; ``finditer(text)`` yields
  ``(start, end, row)`` with the row whose pattern matched (longest pattern first);
- ``Scanner(parts)``: several such regexes run over one text in a single pass, with exactly the matches of each;
- the building blocks: ``split_alternatives`` (top-level ``|``), ``fold_case`` (case-insensitive by classes),
  ``has_upper``, ``trie`` (the prefix tree of an alternation), ``word_starts`` (a word list with the word-boundary
  test moved after the first letter).

Nothing here knows about framing: ``helpers.framing`` builds its lexicons with it.
"""

from __future__ import annotations

import re

__all__ = ["Lexicon", "Scanner", "split_alternatives", "fold_case", "has_upper", "trie", "word_starts"]


def split_alternatives(pattern: str) -> list[str]:
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


def has_upper(alternative: str) -> bool:
    visible = re.sub(r"\\.|\(\?<?[!=][^)]*\)", "", alternative)  # ignore escapes and look-arounds
    return bool(re.search(r"[A-Z]", visible))


def fold_case(pattern: str) -> str:
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
        for part in split_alternatives(inner):
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


def trie(alternatives: list[str], ordered: bool = True) -> str:
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


class Lexicon:
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
            for alternative in split_alternatives(patterns[i]):
                fold = ignore_case or not has_upper(alternative)
                folded.append(fold_case(alternative) if fold else alternative)
                for expanded in _expand_leading(folded[-1]) or [None]:
                    if expanded is None:
                        loose.append(folded[-1])
                        continue
                    head, rest = _split_head(expanded)
                    buckets.setdefault(head, []).append(rest)
            self._rows.append((i, re.compile("(?:" + "|".join(folded) + ")" + tail)))
        # the alternatives in the order they are tried: by first character, then loose ones
        self.branches = [head + rest for head, rests in buckets.items() for rest in rests] + loose
        self.alternation = trie(self.branches)
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
        """``(start, end, row)`` for matches of ``self.regex`` in ``" " + text`` (from ``finditer`` or a ``Scanner``)."""
        row_of, group = self.row_of, self.regex.groupindex["m"]
        for m in matches:
            start, end = m.start(group) - 1, m.end() - 1
            yield start, end, row_of(text[start:end])


class Scanner:
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
        self.leads = [None if "" in h else re.compile(trie(sorted(h), ordered=False)) for h in heads]
        self.possible: dict[str, tuple[int, ...]] = {}
        union = sorted({a for alternatives in parts for a in alternatives})
        self.candidates = re.compile(r"\W(?=" + trie(union, ordered=False) + ")")

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


def word_starts(words: list[str]) -> str:
    r"""``(?<!\w)(?:w1|w2|…)`` with the look-behind moved after each word's first letter (see above)."""
    return "|".join(f"{re.escape(w[0])}(?<!\\w{re.escape(w[0])}){re.escape(w[1:])}" for w in words)
