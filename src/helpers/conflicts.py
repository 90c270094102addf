"""Conflict profiles: what the suite assumes about one war, in one folder of data files a researcher can read.

A profile is a folder ``src/helpers/data/conflicts/<name>/`` (or any folder with the same files, passed by path):

``profile.toml``            the war's name, start date, plausible publication window, language, the two
                            belligerent sides, third parties, the nouns and names that tie a sentence to it;
                            optionally ``focus`` (the articles a study centres on), ``official_series`` (a
                            daily series to check claims against) and ``labels`` (how figures name sides)
``sides.csv``               who belongs to which side: ``name, side, kind, pattern, note`` — the one table read
                            by casualty claims (whose figure, who speaks), attribution (which side a source is
                            on), sentiment (which actors a sentence mentions) and agency (who acts)
``timeline.csv``            dated events (``date, event, short_label, phrases, relation, source``): dates undated
                            articles and annotates the trend figures
``naming.csv``              contested naming choices and which side each variant aligns with
``holidays.csv``            fixed-date holidays articles date themselves by
``plausibility.csv``        ceilings above which a casualty figure is flagged
``historical_events.csv``   earlier wars and events whose figures are not this war's claims

``russia-ukraine`` is the default. ``use(name)`` chooses the profile for the process (and for worker
processes, through the ``HELPERS_CONFLICT`` environment variable); every reader asks ``active()``. Kinds in
``sides.csv`` and who reads them:

=============  ================================================================================================
person         an official who speaks for the side: attribution, sentiment, agency, claims' speaker
organisation   a government body, ministry, army, armed group: the same readers
media          state or partisan media: attribution and claims' speaker
force          words for the side's fighters ("mercenaries", "defenders"): claims, sentiment, agency (not
               attribution: fighters are spoken of, they are not sources)
capital        a capital or seat used for the government ("Kyiv", "the Kremlin"): every reader, except where
               the text names it as a place ("in Kyiv", "Kyiv region")
state          the country's name ("Ukraine"): attribution, agency (as a subject), claims; not sentiment
               (a country is mostly a place)
demonym        "Ukrainian", "Russians": attribution, claims; sentiment and agency only before a force or
               official noun ("Ukrainian troops", ``data/side_nouns.txt``), or as a plural subject in agency
enemy          side ``opposite``: the other side of whoever speaks ("the enemy"): claims only
generic        residents, witnesses, officials: attribution; side ``civilian`` rows are also sentiment's
               civilians
other kinds    think tanks, international organisations, NGOs, analysts: attribution
=============  ================================================================================================

A pattern is a regular expression; an alternative written without capitals matches in any case, one with
capitals matches as written ("US" is not "us"), as everywhere in ``helpers.patterns``.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd

from helpers import paths
from helpers.package_data import read_rule_file, read_table

__all__ = [
    "DEFAULT", "KINDS", "PROFILE_TABLES", "Profile", "ConflictError", "available", "use", "active", "profile", "read_profile_table",
    "sides_table", "side_label", "opposite",
]

DEFAULT = "russia-ukraine"
ENV = "HELPERS_CONFLICT"
FOLDER = "conflicts"
KINDS = ("person", "organisation", "media", "force", "capital", "state", "demonym", "enemy", "generic",
         "think tank", "international organisation", "NGO", "analyst")
COMMON_SIDES = ("independent", "civilian", "other", "opposite")
SIDES_COLUMNS = ["name", "side", "kind", "pattern", "note"]
PROFILE_TABLES = ("sides.csv", "timeline.csv", "naming.csv", "holidays.csv", "plausibility.csv",
                  "historical_events.csv")  # the tables every profile has


class ConflictError(ValueError):
    """A profile that does not exist or is malformed; the message says what to do."""


@dataclass(frozen=True)
class Profile:
    name: str
    title: str
    start: pd.Timestamp
    window: tuple[pd.Timestamp, pd.Timestamp]
    language: str
    sides: tuple[str, str]
    third_parties: tuple[str, ...]
    war_nouns: str
    names: str
    labels: dict = field(default_factory=dict, compare=False, hash=False)
    focus: str = ""  # a regex of the articles a study centres on (russia-ukraine: Bakhmut and its names)
    official_series: dict = field(default_factory=dict, compare=False, hash=False)  # file, party, publisher
    sources: tuple = field(default=(), compare=False, hash=False)
    folder: str = ""  # "" for a shipped profile (read as package data), else the folder's path

    @property
    def all_sides(self) -> tuple[str, ...]:
        """Every value ``sides.csv`` may use: the belligerents, the third parties, then the common ones."""
        return self.sides + self.third_parties + COMMON_SIDES


def available() -> list[str]:
    """The shipped profiles' names."""
    root = paths.PACKAGE_DATA / FOLDER
    return sorted(p.name for p in root.iterdir() if (p / "profile.toml").is_file())


def use(name: str | os.PathLike | None) -> Profile:
    """Make ``name`` (a shipped profile's name or a profile folder's path; None: the default) the active profile
    of this process and of the worker processes it starts. Returns it."""
    chosen = profile(name if name is not None else DEFAULT)
    os.environ[ENV] = chosen.folder or chosen.name
    return chosen


def active() -> Profile:
    """The active profile: the last ``use(…)``, else ``$HELPERS_CONFLICT``, else ``russia-ukraine``."""
    return profile(os.environ.get(ENV) or DEFAULT)


def profile(name: str | os.PathLike) -> Profile:
    """Read a profile: a shipped profile's name (``available()``) or the path of a folder with a profile.toml."""
    return _profile(str(name))


@lru_cache(maxsize=None)
def _profile(name: str) -> Profile:
    folder = ""
    if name in available():
        text = read_text_file(name, "profile.toml")
    else:
        path = Path(name)
        if not (path / "profile.toml").is_file():
            raise ConflictError(
                f"no conflict profile {name!r}: use one of {', '.join(available())}, or the path of a folder "
                f"with a profile.toml and sides.csv (see CONTRIBUTING.md, 'Add a conflict profile')"
            )
        folder = str(path.resolve())
        text = (path / "profile.toml").read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConflictError(f"{name}/profile.toml is not valid TOML: {error}") from None
    need = ["name", "title", "start", "window", "language", "sides", "war_nouns", "names"]
    missing = [k for k in need if k not in data]
    if missing:
        raise ConflictError(f"{name}/profile.toml lacks {', '.join(missing)} (see the russia-ukraine profile)")
    sides = tuple(data["sides"])
    if len(sides) != 2:
        raise ConflictError(f"{name}/profile.toml: `sides` must name exactly two belligerents, found {list(sides)}")
    window = tuple(pd.Timestamp(str(d)) for d in data["window"])
    if len(window) != 2 or window[0] >= window[1]:
        raise ConflictError(f"{name}/profile.toml: `window` must be [first, last] dates, found {data['window']}")
    for key in ("war_nouns", "names"):
        try:
            re.compile(data[key])
        except re.error as error:
            raise ConflictError(f"{name}/profile.toml: `{key}` is not a valid regular expression: {error}") from None
    return Profile(
        name=data["name"], title=data["title"], start=pd.Timestamp(str(data["start"])), window=window,
        language=data["language"], sides=sides, third_parties=tuple(data.get("third_parties", ())),
        war_nouns=data["war_nouns"], names=data["names"], labels=dict(data.get("labels", {})),
        focus=data.get("focus", ""), official_series=dict(data.get("official_series", {})),
        sources=tuple(data.get("sources", ())), folder=folder,
    )


def read_text_file(name: str, filename: str) -> str:
    from helpers.package_data import read_text

    return read_text(f"{FOLDER}/{name}/{filename}")


def read_profile_table(filename: str, conflict: Profile | None = None) -> pd.DataFrame:
    """One of a profile's tables (strings, ``""`` for empty cells, rows in file order); the active profile when
    ``conflict`` is None. A table the profile does not have is an error that names the file to add."""
    conflict = conflict or active()
    if not conflict.folder:
        return read_table(f"{FOLDER}/{conflict.name}/{filename}")
    path = Path(conflict.folder) / filename
    if not path.is_file():
        raise ConflictError(f"the conflict profile in {conflict.folder} has no {filename}: add it (same columns "
                            f"as src/helpers/data/{FOLDER}/{DEFAULT}/{filename})")
    return read_rule_file(path)


def sides_table(conflict: Profile | None = None) -> pd.DataFrame:
    """The profile's ``sides.csv``, checked: known sides and kinds, patterns that compile."""
    conflict = conflict or active()
    return _sides_table(conflict).copy()


@lru_cache(maxsize=None)
def _sides_table(conflict: Profile) -> pd.DataFrame:
    table = read_profile_table("sides.csv", conflict)
    if list(table.columns) != SIDES_COLUMNS:
        raise ConflictError(f"{conflict.name}/sides.csv must have the columns {', '.join(SIDES_COLUMNS)}; "
                            f"found {', '.join(table.columns)}")
    for i, row in table.iterrows():
        where = f"{conflict.name}/sides.csv row {i + 2} ({row['name']})"
        if row["side"] not in conflict.all_sides:
            raise ConflictError(f"{where}: side {row['side']!r} is not one of {', '.join(conflict.all_sides)} "
                                f"(add it to third_parties in profile.toml, or fix the row)")
        if row["kind"] not in KINDS:
            raise ConflictError(f"{where}: kind {row['kind']!r} is not one of {', '.join(KINDS)}")
        try:
            re.compile(row["pattern"])
        except re.error as error:
            raise ConflictError(f"{where}: the pattern is not a valid regular expression: {error}") from None
    return table


def side_label(side: str, conflict: Profile | None = None) -> str:
    """How figures and tables name a side: the profile's ``labels`` entry, else "<side> side"."""
    conflict = conflict or active()
    return conflict.labels.get(side, "civilians" if side == "civilian" else f"{side} side")


def opposite(side: str | None, conflict: Profile | None = None) -> str:
    """The other belligerent of ``side``; for an unknown side, the first belligerent of the profile (the
    side "the enemy" means in most of its coverage: list it first in ``sides``)."""
    conflict = conflict or active()
    a, b = conflict.sides
    return {a: b, b: a}.get(side or "", a)
