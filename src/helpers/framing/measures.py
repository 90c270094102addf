"""The per-article measures: naming, frames, hedges, loaded language (narration vs quotation) and agency as raw
tuples (fast, for ``framing_tables``) and as the public one-DataFrame-per-text functions of the contract."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from helpers.framing.attribution import _find_attributions
from helpers.framing.lexicons import _agency, _frames, _hedges, _in_spans, _lexicon_spans, _loaded, _naming, _verbs
from helpers.quotes import quote_spans
from helpers.text import count_words

_AFTER_PREPOSITION = re.compile(
    r"(?:\b(?:in|of|on|to|against|from|into|for|with|at|by|near|across|inside|within|over|about)\s+)$"
)


# --------------------------------------------------------------------------------------------------------------
# one article: raw tuples (fast); the public functions wrap them in DataFrames
# --------------------------------------------------------------------------------------------------------------


def _find_naming(text: str, matches=None) -> list[tuple[int, int, int]]:
    return _lexicon_spans(_naming()[1], text, matches)


def _find_frames(text: str, matches=None) -> list[tuple[int, int, int]]:
    return _lexicon_spans(_frames()[1], text, matches)


def _find_hedges(text: str, matches=None) -> list[tuple[int, int, int]]:
    return _lexicon_spans(_hedges()[1], text, matches)


def _find_loaded(text: str, quotes: list[tuple[int, int]], matches=None) -> list[tuple[int, int, int, bool]]:
    starts = [s for s, _ in quotes]
    return [(s, e, r, _in_spans(starts, quotes, s)) for s, e, r in _lexicon_spans(_loaded()[1], text, matches)]


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
    quoted = sum(count_words(text[s:e]) for s, e in quotes)
    return count_words(text) - quoted, quoted


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
