"""Tests for helpers.patterns: a lexicon of regex alternatives compiled into one fast regex means what it says."""

from __future__ import annotations

import re

import pytest

from helpers.patterns import Lexicon, Scanner, fold_case, has_upper, split_alternatives, trie, word_starts


@pytest.mark.parametrize("pattern, text", [
    ("[a-z]+ist", "ZIONIST"), ("[A-Z]{2}", "ab"), ("kyiv", "KyIv"), ("[^a-c]x", "dX"),
])
def test_fold_case_matches_like_ignorecase(pattern, text):
    """Hand-folded patterns (used for speed) accept exactly what re.IGNORECASE accepts, ranges included."""


    assert bool(re.fullmatch(fold_case(pattern), text)) == bool(re.fullmatch(pattern, text, re.IGNORECASE))
    assert not re.fullmatch(fold_case("[^a-c]x"), "Bx")


def test_split_alternatives_only_at_the_top_level():
    assert split_alternatives(r"a|(?:b|c)|[|]|d\|e") == ["a", "(?:b|c)", "[|]", r"d\|e"]


def test_has_upper_ignores_escapes_and_lookarounds():
    assert has_upper("the West") and not has_upper(r"(?<!A)war\S")


@pytest.mark.parametrize("ordered", [True, False])
def test_trie_accepts_what_the_plain_alternation_accepts(ordered):
    words = ["war", "warfare", "warlord", "invasion", "invader", "[Ss]pecial military operation", "west"]
    regex = re.compile(trie(words, ordered=ordered))
    plain = re.compile("(?:" + "|".join(words) + ")")
    for text in ["warlord", "invader", "Special military operation", "west", "wa", "special military operation"]:
        assert bool(regex.fullmatch(text)) == bool(plain.fullmatch(text)), text
    if ordered:  # the first alternative that matches wins, as in the plain alternation
        assert regex.match("warfare").group() == plain.match("warfare").group()


def test_lexicon_matches_whole_words_and_reports_the_row():
    lexicon = Lexicon(["Kyiv|Kiev", "Kyivan Rus", "invasion"], ignore_case=True)
    text = "KYIV - The invasion of Kyiv's suburbs; Kyivstar and Kyivan Rus are not the city."
    found = [(text[s:e], row) for s, e, row in lexicon.finditer(text)]
    assert found == [("KYIV", 0), ("invasion", 2), ("Kyiv's", 0), ("Kyivan Rus", 1)]


def test_scanner_gives_each_regex_its_own_matches_in_one_pass():
    a = Lexicon(["shelling", "attack"], ignore_case=False)
    b = Lexicon(["reportedly"], ignore_case=False, possessive=False)
    scanner = Scanner([(lex.regex, [x + lex.tail for x in lex.branches]) for lex in (a, b)])
    text = "Russian shelling reportedly hit the city; an attack followed, reportedly."
    for regex, matches in zip(scanner.regexes, scanner.scan(text)):
        assert [m.span() for m in matches] == [m.span() for m in regex.finditer(" " + text)]
        assert matches


def test_word_starts_is_a_word_boundary_test():
    regex = re.compile(f"(?:{word_starts(['he', 'they'])})(?!\\w)")
    assert [m.group() for m in regex.finditer("he said they left; the theory")] == ["he", "they"]
