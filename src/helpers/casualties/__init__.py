"""Casualty claims: every figure about people in a news text, with who suffered it, who claimed it, and whether the
reporter said it could not be verified.

``extract_claims(text)`` returns one row per stated figure (a total and its parts are separate rows):

==============  =====================================================================================
``value``       the figure (int); ``value_high`` the upper end of a range, else equal to ``value``
``category``    killed | wounded | casualties | captured | missing | population | displaced
``party``       who suffered it: one of the conflict profile's two sides (russian | ukrainian), civilian, unknown
``period_days`` the window the figure covers (1 = a day); NaN for cumulative or unstated windows
``qualifier``   exact | at_least | approximate | up_to — only the qualifier right before this figure
``hedged``      the passage (this sentence and the next) says the figure could not be verified
``source``      who is said to make the claim ("Ukraine's military"), or None
``start/end``   character offsets of the figure in ``text``; ``sentence`` the sentence it is in
``flag``        "" or why the claim is implausible (``helpers.plausibility``: a daily rate above the ceiling,
                a total read as one day's, a historical event); flagged claims are kept, never deleted
==============  =====================================================================================

``claims_for_corpus(articles)`` does the same for every article and adds ``article_id`` and ``date``.

How a figure is read — every word list lives in a CSV under ``helpers/data`` so a researcher can see why; each
step is one module of this package, whose docstring gives its rules:

==============  =====================================================================================
``lexicon``     the word lists, read once from the CSV files (which file holds what)
``numbers``     1. the numbers: digits, number words, ranges, vague plurals; dates, ages, money … set aside
``grammar``     2. what the figure counts: the words after it, then the words before it
``party``       3. who suffered it, and which side the speaker is on
``period``      4. the window it covers
``claims``      5. qualifier, hedge and source; one sentence, one text, a corpus
``evaluation``  the scores against the hand-labelled set (``load_gold``, ``evaluate``)
==============  =====================================================================================
"""

from helpers.casualties.claims import CATEGORIES, COLUMNS, QUALIFIERS, parties, claims_for_corpus, extract_claims
from helpers.casualties.evaluation import evaluate, evaluation_details, load_gold, wrong_fields
from helpers.casualties.numbers import parse_number

__all__ = [
    "COLUMNS",
    "CATEGORIES",
    "parties",
    "QUALIFIERS",
    "extract_claims",
    "claims_for_corpus",
    "parse_number",
    "load_gold",
    "evaluate",
    "evaluation_details",
    "wrong_fields",
]
