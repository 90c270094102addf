"""Reading the rule files shipped in ``src/helpers/data`` (lexicons, patterns, ceilings, timelines).

One reader for every module, so every rule file is parsed the same way: CSV (or tab-separated ``.txt``/``.tsv``)
with a header, every cell a string, empty cells as ``""`` (never NaN), rows in file order.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import pandas as pd

__all__ = ["read_table", "read_text", "read_rule_file"]


def read_text(name: str) -> str:
    """The text of ``src/helpers/data/<name>`` (UTF-8)."""
    return resources.files("helpers").joinpath("data", name).read_text(encoding="utf-8")


def _parse(handle, name: str) -> pd.DataFrame:
    """How every rule file is parsed: tab-separated for ``.txt``/``.tsv``, else comma; strings, ``""`` for empty."""
    sep = "\t" if str(name).endswith((".txt", ".tsv")) else ","
    return pd.read_csv(handle, sep=sep, dtype=str, keep_default_na=False)


def read_rule_file(path) -> pd.DataFrame:
    """A rule file outside the package (a researcher's conflict profile folder), parsed as :func:`read_table`."""
    with open(path, encoding="utf-8") as handle:
        return _parse(handle, path)


@lru_cache(maxsize=None)
def _table(name: str) -> pd.DataFrame:
    with resources.files("helpers").joinpath("data", name).open(encoding="utf-8") as handle:
        return _parse(handle, name)


def read_table(name: str) -> pd.DataFrame:
    """``src/helpers/data/<name>`` as a table of strings (a copy: callers may change it)."""
    return _table(name).copy()
