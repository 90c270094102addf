"""Attribution: who is cited with which reporting verb, and on which side (``side`` in ``attribution_sides()``: the conflict profile's sides.csv)."""

from __future__ import annotations

import re
from functools import lru_cache

from helpers import conflicts
from helpers.framing.lexicons import _actors, _actors_for, _verbs
from helpers.framing.lexicons import _in_spans, _lexicon_spans
from helpers.patterns import word_starts

# starts with a literal character or a class: the engine then jumps in C to the positions where that character
# occurs, where a leading ``\b``, ``(?<!\w)``, ``\s`` or a mix of classes and literals makes it try every position.
# ``\bthat`` (or ``(?<!\w)that``) is written ``t(?<!\wt)hat``: the same test of the character before the word,
# made after its first letter. Each keeps the matches of the form in its comment.


_WHITESPACE = re.findall(r"\s", "".join(map(chr, range(0x3001))))  # every character ``\s`` matches
# [,;:“”"()\[\]—–]|\.\s|\?\s|!\s|\n|\s-\s|\bthat\b|\bwhich\b|\bwho\b|\bbut\b|\band\b -- every alternative now starts
# with its own literal character (a class is the alternation of its characters, ``\s-\s`` the alternation over
# the whitespace characters); "\n" stays ahead of "\n-\s", the only two that share a first character
_SEGMENT_BREAK = re.compile(
    "|".join(re.escape(c) for c in ',;:“”"()[]—–')
    + r"|\.(?<!\b[A-Z]\.)\s|\?\s|!\s|\n|"
    + "|".join(re.escape(c) + r"-\s" for c in _WHITESPACE)
    + "|"
    + "|".join(f"(?:{w})\\b" for w in word_starts(["that", "which", "who", "but", "and"]).split("|"))
)
_COORDINATED = re.compile(r"\b(?:and|but)\s*$")
# (?<!\w)(?:he|she|they|it|we|He|She|They|It|We)(?!\w)
_PRONOUN = re.compile(f"(?:{word_starts('he she they it we He She They It We'.split())})(?!\\w)")
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
    if side == "other":  # a generic source ("officials", "residents") names no one to remember
        return
    for m in _NAME.finditer(window):
        for word in m.group().split():
            if word not in _NOT_NAMES and len(word) > 2:
                memory[word] = (side, actor)


@lru_cache(maxsize=None)
def _according_row() -> int:
    table = _verbs()[0]
    return int(table.index[table["lemma"] == "according to"][0])


def _actor_lists() -> tuple[list[str], list[str]]:
    return _actor_lists_for(conflicts.active())


@lru_cache(maxsize=None)
def _actor_lists_for(conflict: conflicts.Profile) -> tuple[list[str], list[str]]:
    table = _actors_for(conflict)[0]
    # residents and witnesses speak for no side: a civilian source is "other", as in the labelled sets
    return table["side"].replace({"civilian": "other"}).tolist(), table["name"].tolist()


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
