"""A corpus: every measure in one pass over each article (``framing_tables``, long span tables) and one framing
profile per article (``article_profiles``), with ``framing_profile`` for one text and ``profile_similarity``."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from helpers.framing.attribution import _find_attributions
from helpers import conflicts
from helpers.language import english_mask, english_only
from helpers.framing.lexicons import attribution_sides, _frames, _hedges, _loaded, _naming, _scanner, _verbs
from helpers.framing.measures import (
    _find_agency,
    _find_frames,
    _find_hedges,
    _find_loaded,
    _find_naming,
    _frame_order,
    _sentence_start,
    _voice_words,
)
from helpers.quotes import quote_spans


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
    english_only(articles, "framing", text_col=text_col, stacklevel=3)
    readable = english_mask(articles, text_col).tolist()
    for article_id, text, english in progress(zip(ids, texts, readable), desc=desc, total=len(ids)):
        text = text if isinstance(text, str) and english else ""  # the lexicons read English; counts set NaN below
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
    if not all(readable):  # not read: missing (NaN), never a quiet 0
        summary_df.loc[[not r for r in readable], summary_df.columns[1:]] = np.nan
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
    sides = attribution_sides()
    sw = _wide(tables.attributions, ids, "side", list(sides))
    total = sw.sum(axis=1).replace(0, np.nan)
    for side in sides:
        out[f"source:{side}"] = sw[side] / total
    first, second = conflicts.active().sides  # russia-ukraine: naming_ukrainian_share, agent_russian_share
    aligned = _wide(tables.naming, ids, "alignment", [second, first, "neutral"])
    out[f"naming_{second}_share"] = aligned[second] / (aligned[second] + aligned[first]).replace(0, np.nan)
    words = summary["words"].replace(0, np.nan)
    out["hedges_per_1000"] = 1000 * summary["hedges"] / words
    out["loaded_narration_per_1000"] = 1000 * summary["loaded_narration"] / summary["narration_words"].replace(0, np.nan)
    out["loaded_quotation_per_1000"] = 1000 * summary["loaded_quotation"] / summary["quotation_words"].replace(0, np.nan)
    agents = _wide(tables.agency, ids, "side", [first, second])
    out[f"agent_{first}_share"] = agents[first] / agents.sum(axis=1).replace(0, np.nan)
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
