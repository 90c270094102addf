"""Scores of the claims against the hand-labelled set ``data/labelled/casualty_claims_gold.jsonl``.

A gold claim and a predicted one match on (value, category, party); on matched claims the window, qualifier,
hedge and upper end are compared (``wrong_fields``, also used by ``helpers.evaluation`` for the real-text sets).
"""

from __future__ import annotations

import json
import math
from collections import Counter
from pathlib import Path
from typing import Iterable

import pandas as pd

from helpers.casualties.claims import _extract_rows

__all__ = ["load_gold", "wrong_fields", "evaluation_details", "evaluate"]

_GOLD_DEFAULTS = {"period_days": None, "qualifier": "exact", "hedged": False}


def load_gold(gold: str | Path | Iterable[dict] | None = None) -> list[dict]:
    """The labelled passages: a JSONL path (default ``data/labelled/casualty_claims_gold.jsonl``) or records
    ``{"id", "split", "genre", "text", "claims": [{value, value_high, category, party, period_days, qualifier,
    hedged}, ...]}``."""
    if gold is None:
        from helpers.paths import DATA_LABELLED

        gold = DATA_LABELLED / "casualty_claims_gold.jsonl"
    if isinstance(gold, (str, Path)):
        with open(gold, encoding="utf-8") as handle:
            records = [json.loads(line) for line in handle if line.strip()]
    else:
        records = list(gold)
    for rec in records:
        for claim in rec.get("claims", []):
            for key, default in _GOLD_DEFAULTS.items():
                claim.setdefault(key, default)
            claim.setdefault("value_high", claim["value"])
    return records


def _same_period(a, b) -> bool:
    a = math.nan if a is None else float(a)
    b = math.nan if b is None else float(b)
    return (a != a and b != b) or a == b


def wrong_fields(row) -> list[str]:
    """The fields a matched claim (a row of :func:`evaluation_details`) got wrong: ``period``, ``qualifier``,
    ``hedged``, ``value_high``."""
    wrong = []
    if not _same_period(row.gold_period_days, row.pred_period_days):
        wrong.append("period")
    if row.gold_qualifier != row.pred_qualifier:
        wrong.append("qualifier")
    if bool(row.gold_hedged) != bool(row.pred_hedged):
        wrong.append("hedged")
    if row.gold_value_high != row.pred_value_high:
        wrong.append("value_high")
    return wrong


def evaluation_details(gold=None, split: str | None = None) -> pd.DataFrame:
    """One row per gold or predicted claim: ``status`` matched | missed | spurious, gold and predicted fields."""
    rows = []
    for rec in load_gold(gold):
        if split is not None and rec.get("split") != split:
            continue
        pred = _extract_rows(rec["text"])
        unmatched = list(range(len(pred)))
        for g in rec["claims"]:
            key = (g["value"], g["category"], g["party"])
            hit = next((i for i in unmatched if (pred[i]["value"], pred[i]["category"], pred[i]["party"]) == key), None)
            base = {"id": rec["id"], "url": rec.get("url"), "split": rec.get("split"), "genre": rec.get("genre"),
                    "text": rec["text"],
                    "value": g["value"], "category": g["category"], "party": g["party"],
                    "gold_period_days": g["period_days"], "gold_qualifier": g["qualifier"], "gold_hedged": g["hedged"],
                    "gold_value_high": g["value_high"]}
            if hit is None:
                rows.append({**base, "status": "missed"})
                continue
            unmatched.remove(hit)
            p = pred[hit]
            rows.append({**base, "status": "matched", "pred_period_days": p["period_days"],
                         "pred_qualifier": p["qualifier"], "pred_hedged": p["hedged"],
                         "pred_value_high": p["value_high"]})
        for i in unmatched:
            p = pred[i]
            rows.append({"id": rec["id"], "url": rec.get("url"), "split": rec.get("split"), "genre": rec.get("genre"),
                         "text": rec["text"], "value": p["value"], "category": p["category"], "party": p["party"], "status": "spurious",
                         "pred_period_days": p["period_days"], "pred_qualifier": p["qualifier"],
                         "pred_hedged": p["hedged"]})
    return pd.DataFrame(rows)


def evaluate(gold=None, split: str | None = None) -> dict:
    """Precision, recall and F1 on (value, category, party), and on the matched claims the accuracy of
    ``period_days``, ``qualifier``, ``hedged`` and ``value_high``. ``split`` restricts to "dev" or "dev-blind"."""
    details = evaluation_details(gold, split)
    status = details["status"].value_counts() if len(details) else Counter()
    tp, fn, fp = int(status.get("matched", 0)), int(status.get("missed", 0)), int(status.get("spurious", 0))
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    matched = details[details["status"] == "matched"] if len(details) else details

    wrong = [wrong_fields(row) for row in matched.itertuples()]

    def accuracy(field: str) -> float:
        if not len(matched):
            return math.nan
        return float(sum(field not in w for w in wrong) / len(matched))

    n_passages = len({r["id"] for r in load_gold(gold) if split is None or r.get("split") == split})
    return {
        "passages": n_passages,
        "gold_claims": tp + fn,
        "predicted_claims": tp + fp,
        "matched": tp,
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "accuracy_period_days": accuracy("period"),
        "accuracy_qualifier": accuracy("qualifier"),
        "accuracy_hedged": accuracy("hedged"),
        "accuracy_value_high": accuracy("value_high"),
    }
