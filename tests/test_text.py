"""Sentences and paragraphs: offsets always give the text back."""

from __future__ import annotations

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.text import count_words, paragraph_table, sentence_spans, sentence_table, split_paragraphs, split_sentences


def sentences(text):
    return [text[s:e] for s, e in split_sentences(text)]


def test_basic_split_and_abbreviations():
    text = ("Gen. Valerii Zaluzhnyi said on Feb. 20 that U.S. aid helped. Mr. Smith agreed. "
            "“It is hard,” he said. “We hold.” Then it ended... Next one? Yes! It lies 3.5 km away.")
    assert sentences(text) == [
        "Gen. Valerii Zaluzhnyi said on Feb. 20 that U.S. aid helped.", "Mr. Smith agreed.",
        "“It is hard,” he said.", "“We hold.”", "Then it ended...", "Next one?", "Yes!", "It lies 3.5 km away.",
    ]


def test_initials_do_not_end_sentences():
    assert sentences("George W. Bush spoke. Then he left.") == ["George W. Bush spoke.", "Then he left."]


def test_paragraph_breaks_end_sentences():
    text = "A line without a stop\nAnother line.\n\nThird"
    assert sentences(text) == ["A line without a stop", "Another line.", "Third"]
    assert [text[s:e] for s, e in split_paragraphs(text)] == ["A line without a stop", "Another line.", "Third"]


def test_quote_closing_after_stop_and_lowercase_continuation():
    text = "He said: “There is no reason.” Zelenskiy thanked Macron. The e.g. case stays whole."
    assert sentences(text)[0] == "He said: “There is no reason.”"


def test_tables_carry_offsets_and_indices():
    articles = pd.DataFrame({"article_id": ["a", "b"], "text": ["One. Two.\n\nThree.", ""]})
    table = sentence_table(articles)
    assert table[["article_id", "paragraph", "sentence", "text"]].values.tolist() == [
        ["a", 0, 0, "One."], ["a", 0, 1, "Two."], ["a", 1, 2, "Three."]]
    paras = paragraph_table(articles)
    assert paras["text"].tolist() == ["One. Two.", "Three."]


def test_count_words():
    # Zelenskyy’s | 1,600-strong | brigade | U.S | made | arms  (a dash is not a word)
    assert count_words("Zelenskyy’s 1,600-strong brigade — U.S.-made arms") == 6


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab .!?\n“”\"'AB1 Mr")), max_size=200))
def test_spans_are_ordered_non_overlapping_and_stripped(text):
    spans = split_sentences(text)
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        piece = text[start:end]
        assert piece == piece.strip() and piece
        previous_end = end
    # nothing but white space is lost between sentences
    covered = "".join(text[s:e] for s, e in spans)
    assert covered.replace(" ", "") == "".join(text.split()).replace(" ", "")


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_sentence_spans_agree_with_split_sentences(text):
    assert [(s, e) for _, s, e in sentence_spans(text)] == split_sentences(text)
