"""Claims of a text and of a corpus: each figure read by ``numbers``, ``grammar``, ``party`` and ``period``,
with its qualifier, hedge and source.

Qualifier (``qualifiers.csv``) and **hedges**: the verification statements of ``hedges.csv``, the hedge
lexicon shared with ``helpers.framing`` ("could not independently verify", "couldn’t be confirmed"), in the
figure's sentence or the next; or a modal of possibility in the figure's own verb ("may have died").
Source: the subject of a reporting verb ("Ukraine's military estimates"), an inverted one ("…, said Serhiy
Cherevaty, a spokesman") or "according to …".

A text is split into sentences only where a number stands near a casualty word (``_extract_rows``); a figure
that continues the sentence before ("Another 21 people were injured") takes its side and window from it.
"""

from __future__ import annotations

import math
import re

import pandas as pd

from helpers.casualties.grammar import _PRONOUN_SUBJECTS, _Reading, _backward, _forward
from helpers.casualties.lexicon import WEEKDAYS, _lexicon
from helpers.casualties.numbers import _find_numbers, _lower, _Mention, _Tok, _tokenize
from helpers.casualties.party import _LINKING_MODIFIERS, _party, _speaker_side
from helpers.casualties.period import _choose_period, _period_cues
from helpers.plausibility import about_history, flag_claim
from helpers.text import sentence_spans

__all__ = ["COLUMNS", "CATEGORIES", "parties", "QUALIFIERS", "extract_claims", "claims_for_corpus"]

COLUMNS = [
    "value", "value_high", "category", "party", "period_days", "qualifier", "hedged", "source", "start", "end",
    "sentence", "flag",
]
CATEGORIES = ("killed", "wounded", "casualties", "captured", "missing", "population", "displaced")
def parties() -> tuple[str, ...]:
    """The values of ``party``: the active conflict profile's two sides, civilian, unknown."""
    from helpers import conflicts

    return (*conflicts.active().sides, "civilian", "unknown")
QUALIFIERS = ("exact", "at_least", "approximate", "up_to")


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


_SPEECH_TRIM = {"on", "late", "early", "earlier", "also", "has", "have", "had", "in", "a", "statement", "it",
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
        source = _source(sentence, toks, mentions, m.start)
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


def _number_near_casualty_word(low: str, start: int, end: int) -> bool:
    lex = _lexicon()
    numbers = [m.start() for m in lex.number_re.finditer(low, start, end)]
    if not numbers:
        return False
    for m in lex.candidate_re.finditer(low, start, end):
        if any(abs(pos - m.start()) <= _NEAR for pos in numbers):
            return True
    return False


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
    ``articles[text_col]`` (the cleaned text). Articles that are not English (``helpers.language``) are not read,
    with an ``EnglishOnlyWarning`` that counts them."""
    from helpers.progress import progress

    from helpers.language import english_mask, english_only

    rows: list[dict] = []
    dates = articles["date"] if "date" in articles else pd.Series([pd.NaT] * len(articles), index=articles.index)
    english_only(articles, "casualty claims", text_col=text_col, stacklevel=3)
    readable = english_mask(articles, text_col).tolist()
    items = zip(articles["article_id"], dates, articles[text_col], readable)
    for article_id, date, text, english in progress(items, desc="casualty claims", total=len(articles)):
        if not english:
            continue  # the casualty grammar reads English only: a non-English article has no claims, said above
        for row in _extract_rows(text):
            row["article_id"] = article_id
            row["date"] = date
            rows.append(row)
    frame = _frame(rows, ["article_id", "date", *COLUMNS])
    frame["date"] = pd.to_datetime(frame["date"])
    return frame
