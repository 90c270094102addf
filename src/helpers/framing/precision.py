"""Precision of the dictionaries on the hand-labelled sample ``data/labelled/framing_precision_sample.csv``:
``sample_matches`` (what is judged), ``precision_table`` (the scores) and ``refresh_precision_sample`` (rewrites
the sample file after a lexicon change, keeping earlier judgements)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from helpers.framing.attribution import _find_attributions
from helpers.framing.lexicons import _frames, _hedges, _loaded, _naming
from helpers.framing.measures import _find_agency, _find_frames, _find_hedges, _find_loaded, _find_naming
from helpers.quotes import quote_spans
from helpers.stats import wilson_interval


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


