"""Quotation vs narration: the one definition of where a quotation is, used by framing and sentiment.

- ``quote_spans(text)`` -> ``[(start, end), …]``: each quotation with its marks, in text order, never overlapping.
- ``split_quotes(text)`` -> a table ``start, end, voice ("quote"|"narration"), text`` that covers every
  non-white-space character of ``text``.

What counts as a quotation (one compiled regex, one pass; every branch starts with its opening mark, so the engine
jumps in C from mark to mark: ~1 s on the 37M-character media corpus):

- “…” and "…" (English), «…» (French, Ukrainian, Russian), „…“ and „…” (German, Ukrainian, Polish): a double
  quotation ends at its closing mark or, when it has none, at the end of its paragraph (news style leaves a
  quotation open when it continues in the next paragraph, which opens again). A quotation never runs past a
  paragraph (a line break).
- ‘…’ and ‚…‘: a single-quoted passage whose closing mark is not an apostrophe (a closing mark followed by a
  letter, as in "Russia’s", is skipped), at most 600 characters, within one paragraph.
- a straight double quote right after a digit is a unit (6'2"), not a quotation mark.
- '…,' with straight single quotes: only a passage that opens before a capital letter and closes right after
  punctuation ('Building blocks of peace,' he said), because a straight single quote is mostly an apostrophe.

Quotation marks inside a quotation belong to it ("he called it ‘a meat grinder’" is one quotation).
"""

from __future__ import annotations

import re

import pandas as pd

__all__ = ["quote_spans", "split_quotes"]

_QUOTE_RE = re.compile(
    r"“[^”\n]*(?:”|$)"
    r"|\"(?<!\d\")[^\"\n]*(?:\"|$)"  # a straight double quote after a digit is inches (6'2")
    r"|«[^»\n]*(?:»|$)"
    r"|„[^“”\n]*(?:[“”]|$)"
    r"|‘(?:[^’\n]|’(?=[^\W_])){0,600}?’(?![^\W_])"  # ’ before a letter is an apostrophe (People’s)
    r"|‚(?:[^‘’\n]|’(?=[^\W_])){0,600}?[‘’](?![^\W_])"
    r"|'(?<![\w']')(?=[A-Z])[^'\n]{0,600}?[,.!?]'(?![\w])",
    re.MULTILINE,
)


def quote_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each quotation in ``text`` (quote marks included); everything else is narration."""
    if not isinstance(text, str):
        return []
    return [m.span() for m in _QUOTE_RE.finditer(text)]


def split_quotes(text: str) -> pd.DataFrame:
    """Split ``text`` into quoted and narrated spans: ``start, end, voice ("quote"|"narration"), text``.

    Spans are in text order, do not overlap, and together cover every non-white-space character of ``text``;
    ``text[start:end]`` is the span (quotation marks belong to the quote); narration is trimmed of white space.
    """
    text = text if isinstance(text, str) else ""
    rows = []
    cursor = 0
    for start, end in quote_spans(text):
        _add_narration(text, cursor, start, rows)
        rows.append((start, end, "quote", text[start:end]))
        cursor = end
    _add_narration(text, cursor, len(text), rows)
    return pd.DataFrame(rows, columns=["start", "end", "voice", "text"]).astype({"start": "int64", "end": "int64"})


def _add_narration(text: str, start: int, end: int, rows: list) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        rows.append((start, end, "narration", text[start:end]))
