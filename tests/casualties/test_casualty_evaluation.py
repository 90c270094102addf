"""``helpers.casualties.evaluation``: the scores on the hand-labelled set, and how gold records are read."""

from __future__ import annotations

import math
from types import SimpleNamespace

import pytest

from helpers.casualties import evaluate, evaluation_details, load_gold, wrong_fields


@pytest.mark.parametrize("split", [None, "dev", "dev-blind"])
def test_gold_set_quality(split):
    result = evaluate(split=split)
    assert result["passages"] >= (150 if split is None else 40)
    assert result["f1"] >= 0.95, result
    for key in ("accuracy_period_days", "accuracy_qualifier", "accuracy_hedged"):
        assert result[key] >= 0.9, (key, result)


def test_gold_records_get_defaults():
    records = load_gold([{"id": "x", "text": "Two civilians were killed.",
                          "claims": [{"value": 2, "category": "killed", "party": "civilian"}]}])
    claim = records[0]["claims"][0]
    assert claim == {"value": 2, "category": "killed", "party": "civilian", "period_days": None,
                     "qualifier": "exact", "hedged": False, "value_high": 2}


def test_details_match_missed_and_spurious():
    gold = [{"id": "a", "split": "dev", "text": "Two civilians were killed and 5 wounded.",
             "claims": [{"value": 2, "category": "killed", "party": "civilian"},
                        {"value": 9, "category": "killed", "party": "russian"}]}]
    details = evaluation_details(gold)
    assert sorted(details["status"]) == ["matched", "missed", "spurious"]
    result = evaluate(gold)
    assert (result["passages"], result["matched"], result["gold_claims"], result["predicted_claims"]) == (1, 1, 2, 2)
    assert result["precision"] == 0.5 and result["recall"] == 0.5


def test_wrong_fields_names_each_difference():
    row = SimpleNamespace(gold_period_days=None, pred_period_days=math.nan, gold_qualifier="exact",
                          pred_qualifier="at_least", gold_hedged=False, pred_hedged=True, gold_value_high=5,
                          pred_value_high=5)
    assert wrong_fields(row) == ["qualifier", "hedged"]
    row.gold_period_days, row.pred_period_days = 1, 7.0
    assert wrong_fields(row) == ["period", "qualifier", "hedged"]
