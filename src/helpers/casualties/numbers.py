"""Numbers in a sentence: the tokenizer, number values, ranges, and the numbers that are not counts of people.

Numbers (``number_words.csv``): digits with comma or space groups ("1,600", "70 000"), number words
("Twenty-one", "a dozen", "99 thousand", "1 million 670 thousand"), ranges ("70,000 to 80,000",
"between 100 and 200", "50-70 thousand") and vague plurals, read as ACLED does as lower bounds
(dozens → 12, hundreds → 100, thousands → 1,000, tens of thousands → 10,000). Dates, times, years, ages,
ordinals, percentages, money, unit numbers and model names (Su-25) are set aside before anything else
(``_exclusion``); the numbers left are the candidate figures (``_Mention``) that ``grammar`` reads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from helpers.casualties.lexicon import MONTHS, _lexicon, _term_at

__all__ = ["parse_number"]

# one token: a number (with comma / space / point groups), a word (with inner apostrophes and hyphens) or a sign
_TOKEN_RE = re.compile(
    r"\d{1,3}(?:(?:,\d{3})+|(?:[\u00a0\u202f ]\d{3})+)(?:\.\d+)?(?!\d|,\d)"
    r"|\d+(?:\.\d+)*"
    r"|[A-Za-z]+(?:['’][A-Za-z]+)*(?:-[A-Za-z]+)*"
    r"|\S"
)


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



def _lower(text: str) -> str:
    low = text.lower()
    return low if len(low) == len(text) else "".join(c.lower()[:1] or c for c in text)


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
    units = lex.units
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
    if key in _lexicon().units:
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
    if prev is not None and prev.key in ("$", "£", "€"):
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
    if prev is not None and prev.key in ("aged", "age", "ages", "no", "number", "cargo", "gruz"):
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
