"""Narrative framing measures: frames, naming, attribution, hedging, loaded language and agency.

Every measure is a dictionary (lexicon) in a readable data file under ``src/helpers/data/`` and every score comes
with the spans that produced it (``start``, ``end`` character offsets into the text it was given), so that a reader
can open the evidence behind each number in ``helpers.reading.reading_view``.

The contract (one article's text in, one DataFrame out):

- ``naming_variants(text)`` -> ``concept, variant, alignment, count, spans``: Kyiv/Kiev, Zelensky spellings,
  Donbas/Donbass, Bakhmut/Artemovsk, war naming (invasion / war / "special military operation"), annexation and
  occupation vocabulary. Possessives count with their base ("Zelenskyy's" is Zelenskyy); a name inside another
  word never counts ("Kyivstar" is not Kyiv; "Kievan Rus" is its own concept ``kyivan_rus``, never the city).
- ``hedges(text)`` -> ``start, end, phrase, kind``: verification statements ("could not be independently
  confirmed"), evidential markers ("reportedly", "is said to") and epistemic modals ("most likely").
- ``attributions(text)`` -> ``start, end, source, side, verb, lemma, stance, actor, source_start, source_end``:
  who is cited with which reporting verb; ``side`` is one of ``ukrainian, russian, western, independent, other``.
- ``frame_profile(text)`` -> ``frame, policy_frame, share, matches, spans``: a codebook-style frame dictionary;
  ``policy_frame`` names the Policy Frames Codebook dimension (Boydstun et al. 2014) each frame belongs to.

Also: ``loaded_language(text)`` (spans with ``in_quote``) and ``loaded_rates(text)`` (per 1,000 words, narration
vs quotation), ``agency(text)`` (agent side and action type in attack / defence clauses), ``quote_spans(text)``,
``framing_profile(text)`` (one row combining all measures), ``profile_similarity(profiles)``; for a corpus
``framing_tables(articles)`` (one pass, a progress bar, long span tables), ``article_profiles(tables)``,
``group_shares`` / ``group_rates`` (outlet aggregation with cluster-bootstrap intervals and the number of articles
behind each cell), ``plot_group_intervals``; and ``precision_table()`` for the hand-labelled precision sample in
``data/labelled/framing_precision_sample.csv``. Quotations are found by ``helpers.quotes`` (the one definition,
shared with sentiment), word counts by ``helpers.text.count_words``, the Wilson interval is
``helpers.stats.wilson_interval``.

Matching rules shared by all lexicons:

- patterns are Python regular expressions, matched only as whole words: a match may not start or end inside a
  word (``(?<!\\w)`` and ``(?!\\w)`` are added around every pattern); a possessive ``'s`` after a match is allowed;
- in every lexicon except ``naming.csv`` an alternative written with no upper-case letter is matched in any case,
  one with an upper-case letter exactly as written ("the West" vs "the west of the city", "US" vs "us");
  ``naming.csv`` is matched in any case (datelines write ``KYIV``);
- all rows of one lexicon are combined into one compiled alternation (longer patterns tried first), so each
  measure is one pass over the text; the same piece of text counts once per lexicon (``helpers.patterns``
  compiles them).

Modules: ``lexicons`` (the data files, compiled), ``measures`` (per-article measures), ``attribution`` (sources
and sides), ``tables`` (a corpus: span tables and profiles), ``groups`` (outlet aggregates with intervals),
``precision`` (the labelled sample), ``plots``.
"""

from helpers.framing.groups import group_rates, group_shares
from helpers.framing.lexicons import attribution_sides, load_lexicon
from helpers.framing.measures import (
    agency,
    attributions,
    evidence_spans,
    frame_profile,
    frame_spans,
    hedges,
    loaded_language,
    loaded_rates,
    naming_spans,
    naming_variants,
)
from helpers.framing.plots import plot_group_intervals
from helpers.framing.precision import MEASURES, precision_table, refresh_precision_sample, sample_matches
from helpers.framing.tables import FramingTables, article_profiles, framing_profile, framing_tables, profile_similarity
from helpers.quotes import quote_spans
from helpers.stats import wilson_interval

__all__ = [
    "attribution_sides",
    "MEASURES",
    "load_lexicon",
    "quote_spans",
    "naming_variants",
    "naming_spans",
    "hedges",
    "attributions",
    "frame_profile",
    "frame_spans",
    "loaded_language",
    "loaded_rates",
    "agency",
    "framing_profile",
    "profile_similarity",
    "framing_tables",
    "FramingTables",
    "article_profiles",
    "group_shares",
    "group_rates",
    "wilson_interval",
    "sample_matches",
    "precision_table",
    "refresh_precision_sample",
    "evidence_spans",
    "plot_group_intervals",
]
