"""Every rule file in src/helpers/data is a well-formed table that the one reader parses."""

from __future__ import annotations

import csv

import pytest

from helpers import paths
from helpers.package_data import read_table, read_text

TABLES = sorted(p.name for p in paths.PACKAGE_DATA.glob("*.csv"))


@pytest.mark.parametrize("name", TABLES)
def test_every_row_has_as_many_fields_as_the_header(name):
    rows = list(csv.reader(read_text(name).splitlines()))
    width = len(rows[0])
    bad = [i + 1 for i, row in enumerate(rows) if row and len(row) != width]
    assert not bad, f"{name}: lines {bad[:5]} do not have {width} fields (quote notes that contain commas)"
    table = read_table(name)
    assert list(table.columns) == rows[0] and len(table) == sum(1 for row in rows[1:] if row)
    assert not table.isna().any().any(), "cells are strings, never NaN"


def test_read_table_returns_a_copy():
    first = read_table("hedges.csv")
    first.loc[0, "kind"] = "changed"
    assert read_table("hedges.csv").loc[0, "kind"] != "changed"
