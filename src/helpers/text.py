"""Paragraphs and sentences with character offsets into the cleaned text.

Every later analysis (claims, sentiment, framing) works on these spans, so that each number it reports can be
traced back to ``text[start:end]`` of one article.

- ``split_paragraphs(text)`` -> list of ``(start, end)``
- ``split_sentences(text)`` -> list of ``(start, end)``
- ``sentence_table(articles)`` -> one row per sentence of every article, with ``article_id``, ``paragraph``,
  ``sentence``, ``start``, ``end`` and ``text``
- ``paragraph_table(articles)`` -> the same for paragraphs

The sentence splitter is rule based: a sentence ends at ``.``, ``!`` or ``?`` (plus any closing quotes or
brackets) followed by white space and a character that can start a sentence, unless the word before the point is
a known abbreviation (``Mr.``, ``Gen.``, ``Feb.``, ``U.S.``) or an initial. Abbreviations live in
``data/abbreviations.txt``.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pandas as pd

from helpers.package_data import read_text

__all__ = [
    "split_paragraphs",
    "split_sentences",
    "sentence_spans",
    "sentence_table",
    "paragraph_table",
    "WORD_RE",
    "count_words",
]

WORD_RE = re.compile(r"[^\W_]+(?:[’'\-.,][^\W_]+)*", re.UNICODE)

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n|\n")
# a candidate sentence end: terminal punctuation, optional closing quotes/brackets, then white space
_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s+)")
# what may start the next sentence: an upper-case letter or digit, possibly after opening quotes/brackets/dashes
_NEXT_START = re.compile(r"\s+[\"'“‘(\[—–-]*[A-Z0-9À-ÖØ-Þ]")


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    raw = read_text("abbreviations.txt")
    words = {line.strip().lower().rstrip(".") for line in raw.splitlines() if line.strip() and not line.startswith("#")}
    return frozenset(words)


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` of each non-empty paragraph; a paragraph is a run of text between line breaks."""
    spans = []
    pos = 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        _append_stripped(text, pos, match.start(), spans)
        pos = match.end()
    _append_stripped(text, pos, len(text), spans)
    return spans


def _append_stripped(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


_DOTTED = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")


def _is_abbreviation(text: str, dot_index: int) -> bool:
    """True when the ``.`` at ``dot_index`` closes an abbreviation or an initial rather than a sentence."""
    if text[dot_index] != ".":
        return False
    # the word right before the point
    start = dot_index
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] == "."):
        start -= 1
    word = text[start:dot_index]
    if not word:
        return False
    if word.lower() in _abbreviations():
        return True
    if len(word) == 1 and word.isupper():  # an initial: "George W. Bush"
        return True
    if _DOTTED.fullmatch(word):  # U.S, U.N, a.m
        return True
    return False


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Return ``(start, end)`` offsets of the sentences in ``text[start:end]`` (offsets into ``text``).

    Paragraph breaks always end a sentence. Leading and trailing white space is excluded from each span.
    """
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    for p_start, p_end in split_paragraphs(text[start:end]):
        _split_block(text, start + p_start, start + p_end, spans)
    return spans


def _split_block(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    block = text[start:end]
    pos = 0
    for match in _END.finditer(block):
        stop = match.end()
        if not _NEXT_START.match(block, stop):
            continue
        # the last terminal character inside the match decides (".", "!" or "?")
        punct = match.group().rstrip("\"'”’)]")
        if punct.endswith(".") and len(punct) == 1 and _is_abbreviation(block, match.start() + len(punct) - 1):
            continue
        _append_stripped(text, start + pos, start + stop, spans)
        pos = stop
    _append_stripped(text, start + pos, end, spans)


def sentence_spans(text: str) -> list[tuple[int, int, int]]:
    """Return ``(paragraph_index, start, end)`` for every sentence of ``text``."""
    out = []
    for p_index, (p_start, p_end) in enumerate(split_paragraphs(text)):
        block_spans: list[tuple[int, int]] = []
        _split_block(text, p_start, p_end, block_spans)
        out.extend((p_index, s, e) for s, e in block_spans)
    return out


def count_words(text: str) -> int:
    """Number of word tokens (letters or digits, with inner apostrophes, hyphens and points)."""
    return len(WORD_RE.findall(text))


def sentence_table(articles: pd.DataFrame, text_col: str = "text") -> pd.DataFrame:
    """One row per sentence: ``article_id, paragraph, sentence, start, end, text`` (offsets into ``text_col``)."""
    rows = []
    for article_id, text in zip(articles["article_id"], articles[text_col]):
        text = text if isinstance(text, str) else ""
        for index, (paragraph, start, end) in enumerate(sentence_spans(text)):
            rows.append((article_id, paragraph, index, start, end, text[start:end]))
    return pd.DataFrame(rows, columns=["article_id", "paragraph", "sentence", "start", "end", "text"]).astype(
        {"paragraph": "int64", "sentence": "int64", "start": "int64", "end": "int64"}
    )


def paragraph_table(articles: pd.DataFrame, text_col: str = "text") -> pd.DataFrame:
    """One row per paragraph: ``article_id, paragraph, start, end, text`` (offsets into ``text_col``)."""
    rows = []
    for article_id, text in zip(articles["article_id"], articles[text_col]):
        text = text if isinstance(text, str) else ""
        for index, (start, end) in enumerate(split_paragraphs(text)):
            rows.append((article_id, index, start, end, text[start:end]))
    return pd.DataFrame(rows, columns=["article_id", "paragraph", "start", "end", "text"]).astype(
        {"paragraph": "int64", "start": "int64", "end": "int64"}
    )
