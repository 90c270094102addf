"""Paragraphs and sentences with character offsets into the cleaned text.

Every later analysis (claims, sentiment, framing) works on these spans, so that each number it reports can be
traced back to ``text[start:end]`` of one article.

- ``split_paragraphs(text)`` -> list of ``(start, end)``
- ``split_sentences(text)`` -> list of ``(start, end)``
- ``sentence_table(articles)`` -> one row per sentence of every article, with ``article_id``, ``paragraph``,
  ``sentence``, ``start``, ``end`` and ``text``
- ``paragraph_table(articles)`` -> the same for paragraphs

The sentence splitter is rule based: a sentence ends at ``.``, ``!`` or ``?`` (plus any closing quotes or
brackets) followed by white space and a character that can start a sentence (a capital letter of any script —
Latin, Cyrillic, Greek — or a digit, possibly after opening quotes ``"“‘«„`` or a dash), unless the word before the
point is a known abbreviation (``Mr.``, ``Gen.``, ``Feb.``, ``U.S.``) or an initial (``W.``, ``В.``, ``Ф.А.``).

Abbreviations are data. ``data/abbreviations.txt`` (English) never end a sentence. ``data/abbreviations_by_language.csv``
lists other languages' abbreviations (``abbreviation, lang, kind, meaning``; today Ukrainian and Russian), all
applied to every text (the language of a text is not needed to split it), by ``kind``:

- ``prefix`` stands before a name or number and never ends a sentence: ``м. Київ``, ``ім. Шевченка``,
  ``ул. Ленина``, ``англ. Voice of America``;
- ``suffix`` follows a number or closes a list; its point doubles as the full stop when a capital letter follows:
  ``на 175$ млн. У Держдепартаменті`` is two sentences, ``70 тис. 300`` and ``70 тис. осіб`` are not split;
- ``date`` (``р.``, ``г.``, ``гг.``, ``в.``, ``ст.``) after a number or Roman numeral is a year or century: it ends
  the sentence before a capital letter unless the sentence began at most ``DATE_LEAD_WORDS`` words earlier
  (``У 2022 р. Росія …`` and ``В XIX в. Бахмут …`` stay whole; ``… заснована у 1571 р. Місто …`` is split);
  elsewhere it reads as ``prefix`` (``р. Бахмутка``, ``г. Москва``).

Measured on 54 real Ukrainian and Russian paragraphs (``data/labelled/sentences_uk_ru.jsonl``), see
``tests/test_text_multilingual.py``. English output is the same as before these rules (same spans on the seeds and
on the 12,293-article ``ukraine_media_2022`` corpus).
"""

from __future__ import annotations

import re
from functools import lru_cache

import pandas as pd

from helpers.package_data import read_table, read_text

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
#: closing quotes and brackets that may follow the terminal punctuation (English ”’, Ukrainian/Russian »). Not the
#: Ukrainian closing “ of „…“: in English text “ opens a quote, and "post.“ We …" must stay as it was
_CLOSERS = "\"'”’)]»›"
# a candidate sentence end: terminal punctuation, optional closing quotes/brackets, then white space
_END = re.compile(r"[.!?…]+[" + re.escape(_CLOSERS) + r"]*(?=\s+)")
# what may start the next sentence: opening quotes/brackets/dashes, then the first other character (tested by
# _can_start: a capital letter of any script or an ASCII digit)
_NEXT_START = re.compile(r"\s+[\"'“‘(\[—–\-«„‚‹]*(.)", re.DOTALL)
#: a ``date`` abbreviation after a number does not end a sentence this close to the sentence's start (in words)
DATE_LEAD_WORDS = 4
_NUMBER = re.compile(r"\d+(?:[-–—]\d+)?|[IVXLCDM]+(?:[-–—][IVXLCDM]+)?")


def _can_start(char: str) -> bool:
    return char.isupper() or char in "0123456789"


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    """English abbreviations (``abbreviations.txt``): never end a sentence."""
    raw = read_text("abbreviations.txt")
    words = {line.strip().lower().rstrip(".") for line in raw.splitlines() if line.strip() and not line.startswith("#")}
    return frozenset(words)


_KINDS = ("prefix", "suffix", "date")


@lru_cache(maxsize=1)
def _language_abbreviations() -> dict[str, str]:
    """``{abbreviation: kind}`` from ``abbreviations_by_language.csv`` (lower case, without the point)."""
    table = read_table("abbreviations_by_language.csv")
    bad = sorted(set(table["kind"]) - set(_KINDS))
    if bad:
        raise ValueError(f"abbreviations_by_language.csv: unknown kind {bad}; use one of {list(_KINDS)}")
    words = table["abbreviation"].str.strip().str.lower().str.rstrip(".")
    clash = sorted(set(words) & _abbreviations())
    if clash or words.duplicated().any():
        raise ValueError(f"abbreviations_by_language.csv: {clash or sorted(words[words.duplicated()])} listed twice "
                         "(in abbreviations.txt or in this file); keep one row per abbreviation")
    return dict(zip(words, table["kind"]))


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


_DOTTED = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")


def _is_abbreviation(text: str, dot_index: int, sentence_start: int = 0, next_char: str = "A") -> bool:
    """True when the ``.`` at ``dot_index`` closes an abbreviation or an initial rather than a sentence.

    ``sentence_start`` is where the current sentence began and ``next_char`` the first character of what follows
    (after opening quotes): both matter only for the ``suffix`` and ``date`` kinds of other languages.
    """
    if text[dot_index] != ".":
        return False
    # the word right before the point
    start = dot_index
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] == "."):
        start -= 1
    word = text[start:dot_index]
    if not word:
        return False
    lower = word.lower()
    if lower in _abbreviations():
        return True
    kind = _language_abbreviations().get(lower)
    if kind is not None:
        return _language_abbreviation_holds(text, start, kind, sentence_start, next_char)
    if len(word) == 1 and word.isupper():  # an initial: "George W. Bush", "В. Зеленський"
        return True
    if _DOTTED.fullmatch(word):  # U.S, U.N, a.m, Ф.А
        return True
    return False


def _language_abbreviation_holds(text: str, word_start: int, kind: str, sentence_start: int, next_char: str) -> bool:
    """Whether a ``prefix``/``suffix``/``date`` abbreviation starting at ``word_start`` keeps the sentence going."""
    if kind == "prefix":
        return True
    if kind == "suffix":
        return not next_char.isupper()
    before = text[sentence_start:word_start].split()
    if not before or not _NUMBER.fullmatch(before[-1].strip("(")):  # not after a number: р. Бахмутка, г. Москва
        return True
    if not next_char.isupper():
        return True
    return len(WORD_RE.findall(text[sentence_start:word_start])) + 1 <= DATE_LEAD_WORDS


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
        following = _NEXT_START.match(block, stop)
        if not following or not _can_start(following.group(1)):
            continue
        # the last terminal character inside the match decides (".", "!" or "?")
        punct = match.group().rstrip(_CLOSERS)
        if punct.endswith(".") and len(punct) == 1 and _is_abbreviation(
                block, match.start() + len(punct) - 1, pos, following.group(1)):
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
