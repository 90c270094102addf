"""Shortcuts shared by the casualty tests (imported as ``from _casualty_helpers import claims, one``)."""

from __future__ import annotations

import pandas as pd

from helpers.casualties import extract_claims


def claims(text: str) -> list[tuple]:
    """(value, category, party) of every claim, in text order."""
    frame = extract_claims(text)
    return list(zip(frame["value"], frame["category"], frame["party"]))


def one(text: str) -> pd.Series:
    frame = extract_claims(text)
    assert len(frame) == 1, frame
    return frame.iloc[0]
