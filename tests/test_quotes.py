"""Tests for helpers.quotes: one quotation finder for framing and sentiment, every mark family, real-style text."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import paths
from helpers.quotes import quote_spans, split_quotes


def quoted(text):
    return [text[s:e] for s, e in quote_spans(text)]


def voices(text):
    table = split_quotes(text)
    return [(voice, piece) for voice, piece in zip(table["voice"], table["text"])]


def test_curly_and_straight_quotes():
    assert voices('He said “we will hold” and left. She said "no way" twice.') == [
        ("narration", "He said"),
        ("quote", "“we will hold”"),
        ("narration", "and left. She said"),
        ("quote", '"no way"'),
        ("narration", "twice."),
    ]


def test_quote_spanning_sentences_and_offsets():
    text = "Syrskyi said: “The situation is difficult. We hold the line.” Fighting continued."
    table = split_quotes(text)
    for start, end, _, piece in table.itertuples(index=False, name=None):
        assert text[start:end] == piece
    assert voices(text)[1] == ("quote", "“The situation is difficult. We hold the line.”")


def test_unbalanced_quote_stops_at_paragraph_end():
    text = "“This quote never closes. It goes on.\n\nA new paragraph of narration. Stray ” mark."
    assert voices(text) == [
        ("quote", "“This quote never closes. It goes on."),
        ("narration", "A new paragraph of narration. Stray ” mark."),
    ]
    # multi-paragraph quotation: each paragraph reopens
    text = "“First part.\n“Second part,” he said."
    assert voices(text) == [("quote", "“First part."), ("quote", "“Second part,”"), ("narration", "he said.")]


def test_apostrophes_units_and_single_quotes():
    assert voices("Russia’s troops don’t stop.") == [("narration", "Russia’s troops don’t stop.")]
    assert voices('A 6\'2" soldier.') == [("narration", 'A 6\'2" soldier.')]
    assert voices("Locals call it the ‘meat grinder’ now.")[1] == ("quote", "‘meat grinder’")


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab .\n\"“”‘’'")), max_size=60))
def test_split_quotes_spans_are_ordered_disjoint_and_cover_the_text(text):
    table = split_quotes(text)
    covered = np.zeros(len(text), dtype=bool)
    last_end = 0
    for start, end, voice, piece in table.itertuples(index=False, name=None):
        assert 0 <= start < end <= len(text) and start >= last_end
        assert text[start:end] == piece and voice in {"quote", "narration"}
        covered[start:end] = True
        last_end = end
    for i, ch in enumerate(text):
        assert covered[i] or ch.isspace()


@pytest.mark.parametrize(
    "text, expected",
    [
        # English curly and straight double quotes
        ("“We will not give up Bakhmut,” Zelensky said in his nightly address.", ["“We will not give up Bakhmut,”"]),
        ('Peskov told reporters: "The operation is going according to plan."', ['"The operation is going according to plan."']),
        # curly single quotes; an apostrophe inside does not close them
        ("Officials called it a ‘goodwill gesture’ after Russia’s retreat from Snake Island.", ["‘goodwill gesture’"]),
        ("The ‘Donetsk People’s Republic’ held a vote.", ["‘Donetsk People’s Republic’"]),
        # straight single quotes: only a passage opening before a capital and closing after punctuation
        ("'Building blocks of peace,' he said. The Ukrainians' positions held.", ["'Building blocks of peace,'"]),
        ("The soldiers' families waited; it's the 'new normal' now.", []),
        # guillemets (French, Ukrainian and Russian style)
        ("Le président a déclaré : « Nous ne céderons pas ». Puis il est parti.", ["« Nous ne céderons pas »"]),
        ("Зеленський заявив: «Ми не віддамо Бахмут». Бої тривають.", ["«Ми не віддамо Бахмут»"]),
        # German and Ukrainian low-high quotes, closed by “ (German) or ” (Polish)
        ("Scholz sagte: „Wir stehen an der Seite der Ukraine.“ Danach reiste er ab.", ["„Wir stehen an der Seite der Ukraine.“"]),
        ("Duda powiedział: „Nie ma zgody na agresję” – i wyszedł.", ["„Nie ma zgody na agresję”"]),
        # a quotation nested in guillemets belongs to the outer one
        ("Він сказав: «Це „спецоперація“, а не війна». Кінець.", ["«Це „спецоперація“, а не війна»"]),
        # German single low-high quotes
        ("Die sogenannte ‚Spezialoperation‘ dauert an.", ["‚Spezialoperation‘"]),
        # an unclosed quotation ends with its paragraph, whatever its mark
        ("«Перша частина.\nДалі оповідь.", ["«Перша частина."]),
        ("„Erster Teil.\nWeiter im Text.", ["„Erster Teil."]),
    ],
)
def test_every_mark_family_in_real_style_sentences(text, expected):
    assert quoted(text) == expected


def test_typed_text_mixes_curly_and_straight_double_marks():
    """Real copy closes “ with " and opens " with ”: the double marks are one family, and a straight quote opens
    or closes by its context, so one stray mark does not turn the rest of the paragraph into a quotation."""
    assert quoted('"My view is optimistic.” Blinken said the U.S. made a "substantial offer".') == [
        '"My view is optimistic.”', '"substantial offer"']
    assert quoted('“You look forward to it, I look forward to it too." With the ISS set to close') == [
        '“You look forward to it, I look forward to it too."']
    assert quoted('in 2014, when the West " The prime minister warned.') == []  # a stray closing mark


def test_inches_are_not_quotation_marks():
    assert quoted('The 12" shell hit; "It was loud," he said.') == ['"It was loud,"']
    assert quoted('He said "we lost 200" men.') == ['"we lost 200"']  # a closing mark after a digit closes


def test_split_quotes_labels_guillemet_and_low_quote_passages():
    text = "Зеленський заявив: «Ми не віддамо Бахмут». Scholz sagte: „Wir helfen.“ Ende."
    assert voices(text) == [
        ("narration", "Зеленський заявив:"),
        ("quote", "«Ми не віддамо Бахмут»"),
        ("narration", ". Scholz sagte:"),
        ("quote", "„Wir helfen.“"),
        ("narration", "Ende."),
    ]


def test_framing_and_sentiment_use_this_one_definition():
    from helpers import framing, sentiment
    from helpers.framing import measures, tables

    assert framing.quote_spans is quote_spans and measures.quote_spans is quote_spans and tables.quote_spans is quote_spans
    assert sentiment.split_quotes is split_quotes


def test_seed_quotations_are_what_a_reader_sees():
    """On every seed article: each quotation opens with a mark, stays within a paragraph, and spans are in order."""
    texts = [path.read_text(encoding="utf-8") for path in sorted(paths.DATA_RAW.glob("*.txt"))]
    assert texts
    found = 0
    for text in texts:
        last = 0
        for start, end in quote_spans(text):
            assert start >= last and text[start] in "“\"«„‘‚'" and "\n" not in text[start:end]
            last = end
            found += 1
    assert found > 0
