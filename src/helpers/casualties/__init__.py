"""Casualty claims (see ``helpers.casualties.claims``)."""

from helpers.casualties.claims import (  # noqa: F401
    CATEGORIES,
    COLUMNS,
    PARTIES,
    QUALIFIERS,
    claims_for_corpus,
    evaluate,
    evaluation_details,
    extract_claims,
    load_gold,
    parse_number,
    wrong_fields,
)
from helpers.casualties.claims import __all__  # noqa: F401
