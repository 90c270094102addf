"""Scores of the extractors on the real-text sets of ``data/labelled/`` (see its README).

The sets hold passages copied verbatim from public news pages, each with its URL. ``real_split(url)`` puts about
a third of the pages in ``test`` by a hash of the URL, before any tuning; rules are developed on ``tune`` and
the scores that the notebooks and the README quote are those of ``test``. Every score comes with a 95 %
interval from resampling whole pages (``helpers.stats.bootstrap``): passages of one page share its
phrasing, so they are not independent.

- ``casualty_scores(split)``: precision, recall and F1 of ``helpers.casualties`` on (value, category, party), and
  on the matched claims the accuracy of the period, the qualifier and the hedge;
- ``framing_scores(split)``: F1 of ``helpers.framing``'s naming variants and hedges (each occurrence is one item,
  compared as multisets per sentence) and the accuracy of the side of each attributed source it finds (matched to
  the labelled attribution by its reporting verb), with the recall of attributions;
- ``casualty_errors`` / ``framing_errors``: the items behind the scores, for reading what fails.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd

from helpers import paths
from helpers.casualties import evaluation_details, wrong_fields
from helpers.stats import bootstrap, f1_from_counts, ratio

__all__ = ["CASUALTY_REAL", "FRAMING_REAL", "real_split", "load_real", "casualty_scores", "casualty_errors",
           "framing_scores", "framing_errors", "SCORE_COLUMNS"]

CASUALTY_REAL = paths.DATA_LABELLED / "casualty_claims_real.jsonl"
FRAMING_REAL = paths.DATA_LABELLED / "framing_real.jsonl"
SCORE_COLUMNS = ["measure", "value", "ci_low", "ci_high", "n"]


def real_split(url: str) -> str:
    """``test`` for about a third of the pages, ``tune`` for the rest, fixed by the URL alone: the first 8 hex
    digits of its SHA-256, read as an integer, divisible by 3 -> ``test``."""
    return "test" if int(hashlib.sha256(url.encode("utf-8")).hexdigest()[:8], 16) % 3 == 0 else "tune"


def load_real(path: str | Path, split: str | None = None) -> list[dict]:
    """The records of a real-text JSONL set, optionally only one ``split``."""
    with open(path, encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle if line.strip()]
    return [r for r in records if split is None or r["split"] == split]


def _scores(counts: pd.DataFrame, measures: dict, n_boot: int, seed: int) -> pd.DataFrame:
    """One row per measure: the value on all clusters and its cluster-bootstrap interval."""
    totals = {c: np.array([counts[c].sum()]) for c in counts.columns}
    rows = []
    for name, (statistic, n_column) in measures.items():
        value, low, high = bootstrap(counts, statistic, n_boot=n_boot, seed=seed)
        rows.append((name, value, low, high, int(n_column(totals)[0])))
    return pd.DataFrame(rows, columns=SCORE_COLUMNS)


# ---------------------------------------------------------------------------------------------------- casualties


def casualty_errors(split: str | None = "test", path: str | Path = CASUALTY_REAL) -> pd.DataFrame:
    """Every gold and predicted claim of the set with ``status`` (matched / missed / spurious) and both readings
    (``helpers.casualties.evaluation_details``), plus ``field_errors`` on matched claims (``wrong_fields``)."""
    details = evaluation_details(load_real(path, split))
    if details.empty:
        return details
    matched = details["status"] == "matched"
    errors = [",".join(wrong_fields(row)) if ok else "" for row, ok in zip(details.itertuples(), matched)]
    return details.assign(field_errors=errors)


def casualty_scores(split: str | None = "test", path: str | Path = CASUALTY_REAL, n_boot: int = 1000,
                    seed: int = 0) -> pd.DataFrame:
    """``measure, value, ci_low, ci_high, n`` for precision, recall, F1 and the three field accuracies."""
    details = casualty_errors(split, path)
    if details.empty:
        return pd.DataFrame(columns=SCORE_COLUMNS)
    matched = details["status"] == "matched"
    wrong = details["field_errors"].str.split(",")
    counts = pd.DataFrame({
        "tp": matched, "fp": details["status"] == "spurious", "fn": details["status"] == "missed",
        "period": matched & ~wrong.map(lambda w: "period" in w),
        "qualifier": matched & ~wrong.map(lambda w: "qualifier" in w),
        "hedged": matched & ~wrong.map(lambda w: "hedged" in w),
    }).astype(float).groupby(details["url"].to_numpy()).sum()
    gold = lambda t: t["tp"] + t["fn"]  # noqa: E731
    measures = {
        "precision": (lambda t: ratio(t["tp"], t["tp"] + t["fp"]), lambda t: t["tp"] + t["fp"]),
        "recall": (lambda t: ratio(t["tp"], t["tp"] + t["fn"]), gold),
        "f1": (lambda t: f1_from_counts(t["tp"], t["fp"], t["fn"]), gold),
        "accuracy_period_days": (lambda t: ratio(t["period"], t["tp"]), lambda t: t["tp"]),
        "accuracy_qualifier": (lambda t: ratio(t["qualifier"], t["tp"]), lambda t: t["tp"]),
        "accuracy_hedged": (lambda t: ratio(t["hedged"], t["tp"]), lambda t: t["tp"]),
    }
    return _scores(counts, measures, n_boot, seed)


# ------------------------------------------------------------------------------------------------------ framing


def _multiset_counts(gold: list[str], predicted: list[str]) -> tuple[int, int, int]:
    g, p = Counter(gold), Counter(predicted)
    tp = sum((g & p).values())
    return tp, sum(p.values()) - tp, sum(g.values()) - tp


def framing_errors(split: str | None = "test", path: str | Path = FRAMING_REAL) -> pd.DataFrame:
    """One row per sentence: gold and predicted naming variants, hedge kinds and attributions, and the counts
    behind the scores (``naming_tp/fp/fn``, ``hedges_tp/fp/fn``, ``attr_gold``, ``attr_found``, ``attr_side_ok``)."""
    from helpers import framing

    rows = []
    for rec in load_real(path, split):
        text = rec["text"]
        naming = framing.naming_spans(text)
        predicted_naming = [f"{c}={v}" for c, v in zip(naming["concept"], naming["variant"])]
        predicted_hedges = framing.hedges(text)["kind"].tolist()
        found = framing.attributions(text)
        predicted_attr = [(verb.lower(), side) for verb, side in zip(found["verb"], found["side"])]
        gold_attr = [(a["verb"].lower(), a["side"]) for a in rec.get("attributions", [])]
        remaining = list(predicted_attr)
        found_n = side_ok = 0
        for verb, side in gold_attr:
            hit = next((i for i, (v, _) in enumerate(remaining) if v == verb), None)
            if hit is None:
                continue
            found_n += 1
            side_ok += remaining[hit][1] == side
            del remaining[hit]
        n_tp, n_fp, n_fn = _multiset_counts(rec.get("naming", []), predicted_naming)
        h_tp, h_fp, h_fn = _multiset_counts(rec.get("hedges", []), predicted_hedges)
        rows.append({
            "id": rec["id"], "url": rec["url"], "text": text,
            "gold_naming": rec.get("naming", []), "pred_naming": predicted_naming,
            "gold_hedges": rec.get("hedges", []), "pred_hedges": predicted_hedges,
            "gold_attributions": gold_attr, "pred_attributions": predicted_attr,
            "naming_tp": n_tp, "naming_fp": n_fp, "naming_fn": n_fn,
            "hedges_tp": h_tp, "hedges_fp": h_fp, "hedges_fn": h_fn,
            "attr_gold": len(gold_attr), "attr_found": found_n, "attr_side_ok": side_ok,
        })
    return pd.DataFrame(rows)


def framing_scores(split: str | None = "test", path: str | Path = FRAMING_REAL, n_boot: int = 1000,
                   seed: int = 0) -> pd.DataFrame:
    """``measure, value, ci_low, ci_high, n``: naming and hedges precision/recall/F1, attribution recall and
    side accuracy (on the attributions found)."""
    table = framing_errors(split, path)
    if table.empty:
        return pd.DataFrame(columns=SCORE_COLUMNS)
    columns = ["naming_tp", "naming_fp", "naming_fn", "hedges_tp", "hedges_fp", "hedges_fn", "attr_gold",
               "attr_found", "attr_side_ok"]
    counts = table[columns].astype(float).groupby(table["url"].to_numpy()).sum()
    measures = {}
    for name in ("naming", "hedges"):
        tp, fp, fn = f"{name}_tp", f"{name}_fp", f"{name}_fn"
        measures[f"{name}_precision"] = (lambda t, tp=tp, fp=fp: ratio(t[tp], t[tp] + t[fp]),
                                         lambda t, tp=tp, fp=fp: t[tp] + t[fp])
        measures[f"{name}_recall"] = (lambda t, tp=tp, fn=fn: ratio(t[tp], t[tp] + t[fn]),
                                      lambda t, tp=tp, fn=fn: t[tp] + t[fn])
        measures[f"{name}_f1"] = (lambda t, tp=tp, fp=fp, fn=fn: f1_from_counts(t[tp], t[fp], t[fn]),
                                  lambda t, tp=tp, fn=fn: t[tp] + t[fn])
    measures["attribution_recall"] = (lambda t: ratio(t["attr_found"], t["attr_gold"]), lambda t: t["attr_gold"])
    measures["attribution_side_accuracy"] = (lambda t: ratio(t["attr_side_ok"], t["attr_found"]),
                                             lambda t: t["attr_found"])
    return _scores(counts, measures, n_boot, seed)
