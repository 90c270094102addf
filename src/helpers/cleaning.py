"""Remove news furniture from article text and record every removal.

``clean_text(raw, start=0)`` returns ``(text, removals)``: the cleaned text (one paragraph per input paragraph,
separated by a blank line, white space normalised) and a list of removals, each a dict with ``start`` and ``end``
(offsets into ``raw``), ``removed`` (the removed text) and ``rule``.

The rules are general and kept in data files a researcher can read and extend:

- ``data/credits.txt`` — photo and wire credits (AP, Reuters, Getty Images, EPA-EFE, Shutterstock …).
- ``data/furniture.csv`` — whole-line furniture: READ MORE blocks, sign-offs, advertisements, credit lines.

Rules applied line by line, in this order:

1. ``furniture.csv`` patterns (``drop_line`` removes the line; ``drop_block`` removes the marker line and the
   headline-shaped lines after it; ``drop_phrase`` removes a site's boilerplate sentence wherever it stands, for
   scraped text without line breaks).
2. ``credit_line`` — a line that is nothing but a credit ("Reuters", "Getty Images"); at the end of an article it
   is recorded as ``sign_off``.
3. ``caption`` — a line that *ends* in a credit: after a sentence end (``… on Monday. AP``) or as a slash chain of
   names and agencies (``… troops GEORGE IVANCHENKO/EPA-EFE/Shutterstock``). A sentence that merely mentions AP or
   Reuters ends with its own full stop and is never touched.
4. ``glued_credit`` — a capitalised word glued to the full stop that ends a line (``… in Bakhmut.Portal``): the
   word is removed, the sentence kept.
5. ``repeated_lede`` — a first paragraph that the second repeats (word-set Jaccard ≥ 0.8, as when a lede is
   printed twice, once as a summary, with the same figures): the first copy is removed. ``repeated_paragraph`` — any paragraph repeated
   verbatim by the next one: the earlier copy is removed. Paragraphs that differ in a figure are both kept.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from helpers.package_data import read_table, read_text

__all__ = ["clean_text", "normalise_whitespace", "REMOVAL_COLUMNS", "credits", "furniture_rules"]

REMOVAL_COLUMNS = ["start", "end", "removed", "rule"]
_HEADLINE_MAX_WORDS = 20
_BLOCK_MAX_LINES = 8
_REPEAT_JACCARD = 0.8
_CAPTION_MAX_WORDS = 80

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_HAS_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
#: the characters of ``_SPACES`` other than the plain space (a line without them and without a double space is
#: already normalised)
_ODD_SPACE = re.compile(r"[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]")
_LINE = re.compile(r"[^\n]*(?:\n|$)")
_WORDS = re.compile(r"\w+")
_NUMBER = re.compile(r"\d[\d,.]*")


@dataclass(frozen=True)
class _Rule:
    name: str
    pattern: re.Pattern
    action: str


@lru_cache(maxsize=1)
def credits() -> tuple[str, ...]:
    """The credit list from ``data/credits.txt`` (longest first, so alternations prefer the longest)."""
    raw = read_text("credits.txt")
    items = {line.strip() for line in raw.splitlines() if line.strip() and not line.lstrip().startswith("#")}
    return tuple(sorted(items, key=lambda s: (-len(s), s)))


@lru_cache(maxsize=1)
def furniture_rules() -> tuple[_Rule, ...]:
    """Whole-line furniture rules from ``data/furniture.csv``."""
    table = read_table("furniture.csv")
    if (table[["rule", "pattern", "action"]] == "").any(axis=None):
        raise ValueError("furniture.csv: every rule needs a rule name, a pattern and an action")
    return tuple(_Rule(r.rule, re.compile(r.pattern), r.action) for r in table.itertuples(index=False))


@lru_cache(maxsize=1)
def _credit_patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    agency = "|".join(re.escape(c) for c in credits())
    # one credit unit: a known agency, optionally "via <agency>"
    unit = rf"(?:{agency})(?:\s+via\s+(?:{agency}))?"
    # a slash chain: NAME/NAME/AGENCY where the names are capitalised words (photographer, pool)
    name = r"[A-Z][A-Za-z'’.\-]*(?:\s+[A-Z][A-Za-z'’.\-]*){0,4}"
    chain = rf"{name}(?:\s*/\s*{name})*\s*/\s*{unit}(?:\s*/\s*{name})*"
    only = re.compile(rf"^\(?(?:{chain}|{unit})\)?$")
    # a caption: text, a sentence end (or nothing, for a slash chain), then the credit at the very end
    after_sentence = re.compile(rf"[.!?…][\"'”’)]?\s+\(?(?:{chain}|{unit})\)?$")
    slash_end = re.compile(rf"\s\(?{chain}\)?$")
    return only, after_sentence, slash_end


_GLUED = re.compile(r"(?<=[a-z\d][.!?])([A-Z][A-Za-z]{2,})$")
_ASCII_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def _glued_at_end(line: str):
    """``_GLUED.search(line)``, looking only where a match can start: the final run of ASCII letters (a match is
    letters up to the end, right after a non-letter ``.!?``), so a long line is not scanned position by position."""
    return _GLUED.search(line, len(line.rstrip(_ASCII_LETTERS)))


def normalise_whitespace(line: str) -> str:
    """NFC, no zero-width characters, single spaces, stripped."""
    if not line.isascii():
        line = unicodedata.normalize("NFC", line)
        if _HAS_ZERO_WIDTH.search(line):
            line = line.translate(_ZERO_WIDTH)
        if _ODD_SPACE.search(line) is None and "  " not in line:
            return line.strip()
    elif "\t" not in line and "  " not in line:
        # every run _SPACES would replace is already a single space: the substitution changes nothing
        return line.strip()
    return _SPACES.sub(" ", line).strip()


def _is_headline_shaped(line: str) -> bool:
    words = line.split()
    return 0 < len(words) <= _HEADLINE_MAX_WORDS and not re.search(r"[.!?:;\"”’]$", line)


def _jaccard(a: str, b: str) -> float:
    wa, wb = set(_WORDS.findall(a.lower())), set(_WORDS.findall(b.lower()))
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / len(wa | wb)


def _lines(raw: str, start: int) -> list[tuple[int, int, str]]:
    """``(start, end, stripped_line)`` for each line of ``raw[start:]``; offsets exclude the newline."""
    out = []
    for match in _LINE.finditer(raw, start):
        if match.start() == match.end():
            break
        s, e = match.start(), match.end()
        if raw[e - 1 : e] == "\n":
            e -= 1
        if raw[s:e].endswith("\r"):
            e -= 1
        out.append((s, e, raw[s:e]))
    return out


def clean_text(raw: str, start: int = 0) -> tuple[str, list[dict]]:
    """Clean ``raw[start:]``; return the text and the removals (offsets into ``raw``)."""
    only, after_sentence, slash_end = _credit_patterns()
    rules = furniture_rules()
    lines = _lines(raw, start)
    removals: list[dict] = []
    kept: list[tuple[int, int, str]] = []  # (raw_start, raw_end, normalised text)
    hard_wrapped = _looks_hard_wrapped([l for _, _, l in lines])

    def remove(s: int, e: int, rule: str) -> None:
        removals.append({"start": s, "end": e, "removed": raw[s:e], "rule": rule})

    phrase_rules = [r for r in rules if r.action == "drop_phrase"]
    last_content = max((i for i, (_, _, l) in enumerate(lines) if l.strip()), default=-1)
    i = 0
    while i < len(lines):
        s, e, line = lines[i]
        text = normalise_whitespace(line)
        if not text:
            kept.append((s, e, ""))
            i += 1
            continue
        # leading/trailing white space of the raw line is not part of the removal
        s2 = s + (len(line) - len(line.lstrip()))
        e2 = e - (len(line) - len(line.rstrip()))
        rule = next((r for r in rules if r.action != "drop_phrase" and r.pattern.match(text)), None)
        if rule is not None:
            remove(s2, e2, rule.name)
            i += 1
            if rule.action == "drop_block":
                taken = 0
                while i < len(lines) and taken < _BLOCK_MAX_LINES:
                    ns, ne, nline = lines[i]
                    ntext = normalise_whitespace(nline)
                    if not ntext:
                        i += 1
                        continue
                    if not _is_headline_shaped(ntext):
                        break
                    remove(ns + (len(nline) - len(nline.lstrip())), ne - (len(nline) - len(nline.rstrip())),
                           rule.name)
                    taken += 1
                    i += 1
            continue
        if only.match(text):
            remove(s2, e2, "sign_off" if i == last_content else "credit_line")
            i += 1
            continue
        # at most _CAPTION_MAX_WORDS words (split no further than needed to know)
        short = len(text.split(None, _CAPTION_MAX_WORDS)) <= _CAPTION_MAX_WORDS
        if short and (after_sentence.search(text) or slash_end.search(text)):
            remove(s2, e2, "caption")
            i += 1
            continue
        glued = _glued_at_end(line.rstrip())
        if glued and glued.group(1) not in _COMMON_SENTENCE_WORDS:
            g_start = s + glued.start(1)
            g_end = s + glued.end(1)
            remove(g_start, g_end, "glued_credit")
            text = normalise_whitespace(raw[s:g_start])
        for phrase in phrase_rules:  # site boilerplate inside a paragraph (no line of its own)
            found = [m for m in phrase.pattern.finditer(raw, s, e)]
            if found:
                for m in found:
                    remove(m.start(), m.end(), phrase.name)
                text = normalise_whitespace(phrase.pattern.sub(" ", text))
        if not text:
            i += 1
            continue
        kept.append((s, e, text))
        i += 1

    paragraphs = _paragraphs(kept, hard_wrapped)
    # a lede printed twice (the second copy often a word longer): drop the first copy; any paragraph repeated
    # verbatim by the next one: drop the earlier copy
    final: list[str] = []
    for index, (p_start, p_end, para) in enumerate(paragraphs):
        nxt = paragraphs[index + 1][2] if index + 1 < len(paragraphs) else None
        if nxt is not None and len(para.split()) >= 5:
            if index == 0 and _jaccard(para, nxt) >= _REPEAT_JACCARD and _NUMBER.findall(para) == _NUMBER.findall(nxt):
                remove(p_start, p_end, "repeated_lede")
                continue
            if " ".join(para.lower().split()) == " ".join(nxt.lower().split()):
                remove(p_start, p_end, "repeated_paragraph")
                continue
        final.append(para)
    removals.sort(key=lambda r: (r["start"], r["end"]))
    return "\n\n".join(final), removals


# words that may legitimately follow a full stop without a space at a line end (URLs, "U.S.Army" …) are rare;
# these are not treated as glued credits
_COMMON_SENTENCE_WORDS = frozenset({"The", "This", "That", "It", "He", "She", "They", "We", "In", "But", "And"})


def _looks_hard_wrapped(lines: list[str]) -> bool:
    """True for text wrapped at a fixed width, where paragraphs are separated by blank lines."""
    content = [l.strip() for l in lines if l.strip()]
    if len(content) < 4 or len(content) == len(lines):
        return False
    open_ended = sum(1 for l in content if not re.search(r"[.!?\"”’:)]$", l))
    lengths = sorted(len(l) for l in content)
    return open_ended / len(content) > 0.5 and lengths[len(lengths) // 2] < 100


def _paragraphs(kept: list[tuple[int, int, str]], hard_wrapped: bool) -> list[tuple[int, int, str]]:
    """Group kept lines into paragraphs: one per line, or blank-line blocks for hard-wrapped text."""
    if not hard_wrapped:
        return [(s, e, t) for s, e, t in kept if t]
    out: list[tuple[int, int, str]] = []
    block: list[tuple[int, int, str]] = []
    for item in kept + [(0, 0, "")]:
        if item[2]:
            block.append(item)
            continue
        if block:
            out.append((block[0][0], block[-1][1], " ".join(t for _, _, t in block)))
            block = []
    return out
