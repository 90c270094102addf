"""Which side a name belongs to: every reader's view of the active conflict profile's ``sides.csv``.

One table (``helpers.conflicts``, kinds explained there) and one rule per kind, so claims, attribution,
sentiment and agency can no longer disagree on who is on which side:

- ``lexicon(reader)``: ``(rows, Lexicon)`` for ``"attribution"`` (every row but forces and enemy words: "the
  mercenaries may have gained, Ramani said" is Ramani's), ``"speaker"`` (a claim's speaker:
  the belligerents' names, media, forces, capitals, states, demonyms), ``"agency"`` (who acts in the fighting:
  the belligerents' people, bodies, forces, capitals and states, demonyms before a side noun or alone in the
  plural, "Russians attacked") and
  ``"actors"`` (sentiment: belligerents, third parties and civilians — people, bodies, forces, capitals, and
  demonyms and states only before a side noun from ``data/side_nouns.txt``, "Ukrainian troops", "Russia's
  army", never "Ukrainian civilians");
- ``token_side(word, scope)``: the side a single lower-case word names inside a casualty figure's noun phrase
  (``"np"``: demonyms, forces, bodies, capitals, enemy words, civilians) or before it (``"context"``: also
  states). Acronyms (all capitals: "US", "AFU") are left out here, because a lower-cased "us" is a pronoun;
- ``both_sides_regex()``: "Russia and Ukraine", "Ukrainian and Russian" — a figure of no one side;
- ``names_a_place(text, start, end)``: a capital or state named as a place ("in Kyiv", "Kyiv region") is not
  the government.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pandas as pd

from helpers import conflicts
from helpers.package_data import read_table
from helpers.patterns import Lexicon, fold_case, has_upper, split_alternatives

__all__ = ["READERS", "rows", "lexicon", "token_match", "token_side", "both_sides_regex", "names_a_place", "actor_groups"]

READERS = ("attribution", "speaker", "agency", "actors")
_NAMES = ("person", "organisation", "force", "capital")  # who acts and speaks for a side
_PLACE_BEFORE = re.compile(  # where, not who: "in Kyiv", "west of Kyiv", "flights to Moscow"
    r"(?:\b(?:in|into|to|of|at|from|near|over|across|inside|within|outside|around|toward|towards)\s+)$"
)
_PLACE_AFTER = re.compile(r"\s+(?:region|oblast|province|residents|metro|city centre|suburbs)\b|-based\b")


@lru_cache(maxsize=None)
def _side_nouns() -> str:
    nouns = read_table("side_nouns.txt")["noun"].tolist()
    return "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in sorted(nouns, key=len, reverse=True))


def _with_noun(pattern: str, optional: bool = False) -> str:
    """Each alternative of ``pattern`` followed by a side noun in any case ("Ukrainian Armed Forces", "Western
    allies"; ``optional``: "Wagner" or "Wagner fighters"). An alternative written without capitals keeps
    matching in any case."""
    nouns = f"\\s+(?:{fold_case(_side_nouns())})"
    nouns = f"(?:{nouns})?" if optional else nouns
    return "|".join(f"{a if has_upper(a) else fold_case(a)}{nouns}" for a in split_alternatives(pattern))


def rows(reader: str, conflict: conflicts.Profile | None = None) -> pd.DataFrame:
    """The rows of ``sides.csv`` a reader uses, with the ``pattern`` it matches (in file order); for ``agency``
    and ``actors`` also ``bare_place``: the row is a capital or state by itself, which may name a place."""
    return _rows(reader, conflict or conflicts.active()).copy()


@lru_cache(maxsize=None)
def _rows(reader: str, conflict: conflicts.Profile) -> pd.DataFrame:
    table = conflicts.sides_table(conflict)
    belligerent = table["side"].isin(conflict.sides)
    kind = table["kind"]
    if reader == "attribution":  # fighters and "the enemy" are what sources speak of, not sources
        return table[~kind.isin(("force", "enemy"))].reset_index(drop=True)
    if reader == "speaker":
        keep = belligerent & kind.isin(_NAMES + ("media", "state", "demonym"))
        return table[keep].reset_index(drop=True)
    if reader in ("agency", "actors"):
        sides = conflict.sides if reader == "agency" else conflict.sides + conflict.third_parties
        on_side = table["side"].isin(sides)
        names = table[on_side & kind.isin(_NAMES + (("state",) if reader == "agency" else ()))].copy()
        names["bare_place"] = names["kind"].isin(("capital", "state"))  # may name a place: see names_a_place
        grouped = names["kind"].isin(("organisation", "force"))  # "Wagner fighters", "separatist forces"
        names.loc[grouped, "pattern"] = [_with_noun(p, optional=True) for p in names.loc[grouped, "pattern"]]
        demonyms = table[on_side & kind.isin(("demonym", "state"))].copy()  # "Ukrainian troops", "Russia's army"
        demonyms["pattern"] = [_with_noun(p) for p in demonyms["pattern"]]
        parts = [names, demonyms]
        if reader == "agency":  # "Russians attacked": a plural demonym alone is a subject ("Russian attack" is not)
            plural = table[on_side & (kind == "demonym")].copy()
            plural["pattern"] = ["|".join(a for a in split_alternatives(p) if a.endswith("s")) for p in plural["pattern"]]
            parts.append(plural[plural["pattern"] != ""])
        else:
            parts.append(table[(table["side"] == "civilian") & (kind == "generic")])
        joined = pd.concat(parts).sort_index(kind="stable").reset_index(drop=True)
        return joined.assign(bare_place=joined["bare_place"].eq(True))
    raise ValueError(f"unknown reader {reader!r}: one of {', '.join(READERS)}")


def lexicon(reader: str, conflict: conflicts.Profile | None = None) -> tuple[pd.DataFrame, Lexicon]:
    """``(rows, Lexicon)`` for a reader: ``Lexicon.finditer(text)`` yields ``(start, end, row)``."""
    return _lexicon(reader, conflict or conflicts.active())


@lru_cache(maxsize=None)
def _lexicon(reader: str, conflict: conflicts.Profile):
    table = _rows(reader, conflict)
    return table, Lexicon(table["pattern"].tolist(), ignore_case=False)


def actor_groups(conflict: conflicts.Profile | None = None) -> list[tuple[str, str]]:
    """``(side, label)`` of sentiment's actor groups in reading order: belligerents, third parties, civilians."""
    conflict = conflict or conflicts.active()
    sides = conflict.sides[::-1] + conflict.third_parties + ("civilian",)
    present = set(_rows("actors", conflict)["side"])
    return [(s, conflicts.side_label(s, conflict)) for s in sides if s in present]


def names_a_place(text: str, start: int, end: int) -> bool:
    """Whether the name at ``text[start:end]`` is used as a place: a preposition before it ("in Kyiv", "the
    invasion of Ukraine") or a place noun after it ("Kyiv region")."""
    return bool(_PLACE_BEFORE.search(text, max(0, start - 12), start) or _PLACE_AFTER.match(text, end))


_TOKEN_KINDS = {
    "np": ("demonym", "force", "organisation", "capital", "state", "enemy"),
    "context": ("demonym", "force", "organisation", "capital", "state", "enemy"),
}


def _is_acronym(alternative: str) -> bool:
    letters = re.sub(r"\\.|\(\?[^)]*\)|[^A-Za-z]", "", alternative)
    return len(letters) >= 2 and letters.isupper()


@lru_cache(maxsize=None)
def _token_regex(scope: str, conflict: conflicts.Profile) -> tuple[re.Pattern, list[str]]:
    table = conflicts.sides_table(conflict)
    keep = table["kind"].isin(_TOKEN_KINDS[scope]) | ((table["side"] == "civilian") & (scope == "np"))
    party = table["side"].isin(conflict.sides + ("opposite",)) | (table["side"] == "civilian")  # a claim's party
    table = table[keep & party]
    branches, found = [], []
    for side, kind, pattern in zip(table["side"], table["kind"], table["pattern"]):
        alternatives = [a for a in split_alternatives(pattern) if not _is_acronym(a)]
        if alternatives:
            branches.append(f"(?P<r{len(found)}>{'|'.join(alternatives)})")
            found.append((side, kind))
    return re.compile("(?:" + "|".join(branches) + ")", re.IGNORECASE), found


@lru_cache(maxsize=65536)
def _token_match(word: str, scope: str, conflict: conflicts.Profile) -> tuple[str, str] | None:
    regex, found = _token_regex(scope, conflict)
    match = regex.fullmatch(word)
    return found[int(match.lastgroup[1:])] if match else None


def token_match(word: str, scope: str, conflict: conflicts.Profile | None = None) -> tuple[str, str] | None:
    """``(side, kind)`` of the row one lower-case word matches (``scope`` ``"np"`` or ``"context"``; see the
    module doc), or None. The side is a profile side, ``"civilian"`` or ``"opposite"`` (the speaker's enemy)."""
    return _token_match(word, scope, conflict or conflicts.active())


def token_side(word: str, scope: str, conflict: conflicts.Profile | None = None) -> str | None:
    """The side of :func:`token_match`, or None."""
    found = token_match(word, scope, conflict)
    return found[0] if found else None


@lru_cache(maxsize=None)
def _both_sides(conflict: conflicts.Profile) -> re.Pattern:
    table = conflicts.sides_table(conflict)
    table = table[table["kind"].isin(("state", "demonym"))]
    names = []
    for side in conflict.sides:
        alternatives = [a for p in table.loc[table["side"] == side, "pattern"] for a in split_alternatives(p)
                        if not _is_acronym(a)]
        names.append("(?:" + "|".join(alternatives) + ")" if alternatives else "(?!)")
    a, b = names
    return re.compile(rf"\b(?:{a}\s+and\s+{b}|{b}\s+and\s+{a})\b", re.IGNORECASE)


def both_sides_regex(conflict: conflicts.Profile | None = None) -> re.Pattern:
    """Both belligerents named together ("Russia and Ukraine", "Ukrainian and Russian"), in either order."""
    return _both_sides(conflict or conflicts.active())
