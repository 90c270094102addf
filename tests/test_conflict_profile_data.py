"""Every shipped conflict profile (``src/helpers/data/conflicts/<name>/``) is well formed, and so are the small real
fixture corpora (``tests/fixtures/corpora/<name>/``) that go with the profiles.

These tests read the files with the standard library only (``tomllib``, ``csv``, ``re``), independently of the
loader in ``helpers.conflicts``, so a malformed file is reported with its path and row whatever the loader does
with it. A profile folder without ``profile.toml`` is still being written and is skipped; a table a profile does
not have yet is skipped for that profile.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import tomllib
from pathlib import Path

import pytest

from helpers import paths
from helpers.conflicts import COMMON_SIDES, KINDS

ROOT = paths.PACKAGE_DATA / "conflicts"
CORPORA = Path(__file__).parent / "fixtures" / "corpora"

PROFILE_KEYS = {"name": str, "title": str, "start": dt.date, "window": list, "language": str, "sides": list,
                "third_parties": list, "war_nouns": str, "names": str, "sources": list}
OPTIONAL_KEYS = {"labels": dict, "focus": str, "official_series": dict}
HEADERS = {
    "sides.csv": ["name", "side", "kind", "pattern", "note"],
    "timeline.csv": ["date", "event", "short_label", "phrases", "relation", "source"],
    "naming.csv": ["concept", "variant", "alignment", "pattern", "note"],
    "holidays.csv": ["holiday", "month", "day", "pattern", "source"],
    "plausibility.csv": ["category", "max_per_day", "max_total", "note"],
    "historical_events.csv": ["pattern", "note"],
}
PLAUSIBILITY_CATEGORIES = ["killed", "wounded", "casualties", "captured", "missing", "displaced", "population"]
RELATION = re.compile(r"after:(\d+):(\d+)|around:(-?\d+):(-?\d+)|next_month")
DATE_HEADER = re.compile(r"\A[ \t\ufeff]*date\s*[:=]?\s+(\S+)")
# profiles this project built from scratch for issue 14: held to the brief's row counts
NEW_PROFILES = ("israel-gaza", "sudan")

PROFILES = sorted(p.name for p in ROOT.iterdir() if p.is_dir() and (p / "profile.toml").is_file())


def _profile(name: str) -> dict:
    with open(ROOT / name / "profile.toml", "rb") as f:
        return tomllib.load(f)


def _rows(name: str, filename: str) -> list[dict]:
    """The table's rows as dicts, after checking the header and that no row is ragged; skip if absent."""
    path = ROOT / name / filename
    if not path.is_file():
        pytest.skip(f"{name} has no {filename} yet")
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader)
        assert header == HEADERS[filename], f"{path}: header {header}, expected {HEADERS[filename]}"
        rows = []
        for number, row in enumerate(reader, start=2):
            assert len(row) == len(header), f"{path} line {number}: {len(row)} fields, expected {len(header)}: {row}"
            rows.append(dict(zip(header, row)))
    assert rows, f"{path} has a header and no rows"
    return rows


def _compiles(pattern: str, where: str, flags: int = 0) -> re.Pattern:
    assert pattern.strip(), f"{where}: empty pattern"
    try:
        compiled = re.compile(pattern, flags)
    except re.error as error:
        raise AssertionError(f"{where}: pattern {pattern!r} does not compile: {error}") from None
    assert compiled.groups == 0, f"{where}: pattern {pattern!r} has a capturing group; write (?:...)"
    return compiled


def _is_https(url: str) -> bool:
    return re.fullmatch(r"https://[^\s/]+\.[^\s/]+(?:/\S*)?", url) is not None


def _allowed_sides(name: str) -> set[str]:
    data = _profile(name)
    return set(data["sides"]) | set(data["third_parties"]) | set(COMMON_SIDES)


def test_there_are_profiles():
    assert {"israel-gaza", "sudan"} <= set(PROFILES), f"profiles found: {PROFILES}"


@pytest.mark.parametrize("name", PROFILES)
def test_profile_toml(name):
    data = _profile(name)
    where = f"{name}/profile.toml"
    assert set(data) >= set(PROFILE_KEYS), f"{where} lacks {sorted(set(PROFILE_KEYS) - set(data))}"
    assert set(data) <= set(PROFILE_KEYS) | set(OPTIONAL_KEYS), \
        f"{where} has unknown keys {sorted(set(data) - set(PROFILE_KEYS) - set(OPTIONAL_KEYS))}"
    for key, kind in {**PROFILE_KEYS, **OPTIONAL_KEYS}.items():
        if key in data:
            assert isinstance(data[key], kind), f"{where}: {key} is {type(data[key]).__name__}, expected {kind.__name__}"
    assert data["name"] == name, f"{where}: name {data['name']!r} differs from the folder name"
    assert data["title"].strip()
    # TOML dates, not date-times (datetime is a subclass of date)
    assert type(data["start"]) is dt.date, f"{where}: start must be a TOML date (YYYY-MM-DD)"
    window = data["window"]
    assert len(window) == 2 and all(type(d) is dt.date for d in window), f"{where}: window must be [date, date]"
    assert window[0] < data["start"] < window[1], f"{where}: start {data['start']} is not inside window {window}"
    assert re.fullmatch(r"[a-z]{2}", data["language"]), f"{where}: language {data['language']!r} is not ISO 639-1"
    sides, thirds = data["sides"], data["third_parties"]
    assert len(sides) == 2 and len(set(sides)) == 2, f"{where}: sides must be two distinct ids, found {sides}"
    for side in sides + thirds:
        assert isinstance(side, str) and re.fullmatch(r"[a-z][a-z0-9_-]*", side), f"{where}: bad side id {side!r}"
    assert not set(thirds) & (set(sides) | set(COMMON_SIDES)), f"{where}: third_parties repeat a side: {thirds}"
    war_nouns = re.compile(data["war_nouns"])
    assert war_nouns.fullmatch("war"), f"{where}: war_nouns should accept 'war'"
    re.compile(data["names"])
    assert data["sources"], f"{where}: no [[sources]]"
    for source in data["sources"]:
        assert set(source) == {"title", "url"}, f"{where}: a source has keys {sorted(source)}"
        assert source["title"].strip() and _is_https(source["url"]), f"{where}: bad source {source}"
    for side, label in data.get("labels", {}).items():
        assert side in _allowed_sides(name) and isinstance(label, str), f"{where}: bad label {side} = {label!r}"


def test_new_profiles_names_tie_sentences_to_their_war():
    # `names` is case-sensitive: it must find the war's own words and not the other war's
    gaza, sudan = _profile("israel-gaza"), _profile("sudan")
    assert re.search(gaza["names"], "Israeli strikes on Khan Younis killed 20, the Hamas-run ministry said")
    assert re.search(gaza["names"], "fighting in Khan Yunis")
    assert not re.search(gaza["names"], "The RSF shelled El Fasher")
    assert re.search(sudan["names"], "The RSF shelled El Fasher, the army said")
    assert re.search(sudan["names"], "Sudanese Armed Forces")
    assert not re.search(sudan["names"], "Israeli strikes on Rafah")


@pytest.mark.parametrize("name", PROFILES)
def test_sides_table(name):
    rows = _rows(name, "sides.csv")
    data = _profile(name)
    allowed = _allowed_sides(name)
    for number, row in enumerate(rows, start=2):
        where = f"{name}/sides.csv line {number} ({row['name']})"
        assert row["name"].strip(), f"{where}: empty name"
        assert row["side"] in allowed, f"{where}: side {row['side']!r} not in {sorted(allowed)}"
        assert row["kind"] in KINDS, f"{where}: kind {row['kind']!r} not in {KINDS}"
        assert (row["kind"] == "enemy") == (row["side"] == "opposite"), \
            f"{where}: kind enemy goes with side opposite, and only it"
        if row["kind"] == "generic":
            assert row["side"] in ("other", "civilian"), f"{where}: generic rows are side other or civilian"
        if row["side"] in data["sides"]:
            assert row["kind"] not in ("think tank", "international organisation", "NGO", "analyst"), \
                f"{where}: a belligerent's row cannot be of kind {row['kind']}"
        _compiles(row["pattern"], where, re.IGNORECASE)
    assert len(rows) >= 40, f"{name}/sides.csv has {len(rows)} rows; a profile needs at least 40"
    for side in data["sides"]:
        kinds = [row["kind"] for row in rows if row["side"] == side]
        assert kinds.count("person") >= 3, f"{name}: side {side} has {kinds.count('person')} person rows (need 3)"
        assert kinds.count("organisation") >= 1, f"{name}: side {side} has no organisation row"
    assert any(row["kind"] == "enemy" for row in rows), f"{name}/sides.csv has no enemy row"
    assert {"other", "civilian"} & {row["side"] for row in rows if row["kind"] == "generic"}


@pytest.mark.parametrize("name", NEW_PROFILES)
def test_new_profiles_sides_size_and_leaders(name):
    rows = _rows(name, "sides.csv")
    assert 40 <= len(rows) <= 90, f"{name}/sides.csv has {len(rows)} rows, the brief asks 40-90"
    leader = {"israel-gaza": {"israeli": "Netanyahu", "palestinian": "Yahya Sinwar"},
              "sudan": {"saf": "Abdel Fattah al-Burhan", "rsf": "Hemedti"}}[name]
    for side, text in leader.items():
        hits = [r["name"] for r in rows if r["kind"] == "person" and re.search(r["pattern"], text, re.IGNORECASE)]
        assert hits and all(r["side"] == side for r in rows if r["name"] in hits), f"{name}: {text!r} -> {hits}"


@pytest.mark.parametrize("name", PROFILES)
def test_timeline(name):
    rows = _rows(name, "timeline.csv")
    window = _profile(name)["window"]
    dates = []
    for number, row in enumerate(rows, start=2):
        where = f"{name}/timeline.csv line {number}"
        try:
            date = dt.date.fromisoformat(row["date"])
        except ValueError:
            raise AssertionError(f"{where}: date {row['date']!r} is not YYYY-MM-DD") from None
        assert date <= window[1], f"{where}: {date} is after the window {window}"
        dates.append(date)
        assert row["event"].strip(), f"{where}: empty event"
        assert 0 < len(row["short_label"]) <= 32, f"{where}: short_label {row['short_label']!r} must be 1-32 chars"
        assert _is_https(row["source"]), f"{where}: source {row['source']!r} is not an https URL"
        if row["phrases"]:
            match = RELATION.fullmatch(row["relation"])
            assert match, f"{where}: phrases need a relation after:MIN:MAX, around:MIN:MAX or next_month"
            low, high = (match.group(1), match.group(2)) if match.group(1) else (match.group(3), match.group(4))
            if low is not None:
                assert int(low) <= int(high), f"{where}: relation {row['relation']} has MIN > MAX"
            for phrase in row["phrases"].split(";"):
                _compiles(phrase, where)
                assert not re.search(r"(?<!\\)[A-Z]", phrase), f"{where}: phrase {phrase!r} must be lowercase"
        else:
            assert not row["relation"], f"{where}: a relation without phrases"
    assert dates == sorted(dates), f"{name}/timeline.csv is not in date order"
    assert min(dates) <= _profile(name)["start"], f"{name}: no timeline event on or before the war's start"


@pytest.mark.parametrize("name", NEW_PROFILES)
def test_new_profiles_timeline_size(name):
    rows = _rows(name, "timeline.csv")
    assert 15 <= len(rows) <= 25
    assert rows[0]["date"] == _profile(name)["start"].isoformat(), "the first event is the war's start"


@pytest.mark.parametrize("name", PROFILES)
def test_naming(name):
    rows = _rows(name, "naming.csv")
    alignments = set(_profile(name)["sides"]) | {"neutral"}
    for number, row in enumerate(rows, start=2):
        where = f"{name}/naming.csv line {number}"
        assert row["concept"].strip() and row["variant"].strip(), f"{where}: empty concept or variant"
        assert row["alignment"] in alignments, f"{where}: alignment {row['alignment']!r} not in {sorted(alignments)}"
        _compiles(row["pattern"], where)
    pairs = [(row["concept"], row["variant"]) for row in rows]
    assert len(pairs) == len(set(pairs)), f"{name}/naming.csv repeats a concept/variant pair"


@pytest.mark.parametrize("name", NEW_PROFILES)
def test_new_profiles_naming_contrasts(name):
    rows = _rows(name, "naming.csv")
    assert 10 <= len(rows) <= 30
    by_concept: dict[str, set] = {}
    for row in rows:
        by_concept.setdefault(row["concept"], set()).add(row["alignment"])
    assert all(len([r for r in rows if r["concept"] == c]) >= 2 for c in by_concept), "a concept with one variant"
    for side in _profile(name)["sides"]:
        assert any(side in aligned for aligned in by_concept.values()), f"{name}: no variant aligned with {side}"


@pytest.mark.parametrize("name", PROFILES)
def test_holidays(name):
    for number, row in enumerate(_rows(name, "holidays.csv"), start=2):
        where = f"{name}/holidays.csv line {number} ({row['holiday']})"
        try:
            dt.date(2024, int(row["month"]), int(row["day"]))  # a leap year: 29 February is a real date
        except ValueError:
            raise AssertionError(f"{where}: month {row['month']!r} / day {row['day']!r} is not a date") from None
        _compiles(row["pattern"], where, re.IGNORECASE)
        assert _is_https(row["source"]), f"{where}: source {row['source']!r} is not an https URL"


@pytest.mark.parametrize("name", PROFILES)
def test_plausibility(name):
    rows = _rows(name, "plausibility.csv")
    assert [row["category"] for row in rows] == PLAUSIBILITY_CATEGORIES, f"{name}/plausibility.csv categories"
    for row in rows:
        where = f"{name}/plausibility.csv {row['category']}"
        assert row["max_total"].isdigit() and int(row["max_total"]) > 0, f"{where}: max_total must be a count"
        if row["category"] == "population":
            assert row["max_per_day"] == "", f"{where}: a stock has no per-day ceiling"
        else:
            assert row["max_per_day"].isdigit(), f"{where}: max_per_day must be a count"
            assert 0 < int(row["max_per_day"]) <= int(row["max_total"]), f"{where}: per-day above total"
        assert row["note"].strip(), f"{where}: the note must say where the ceiling comes from"
    limits = {row["category"]: int(row["max_total"]) for row in rows}
    assert limits["killed"] <= limits["casualties"], f"{name}: killed ceiling above casualties ceiling"


@pytest.mark.parametrize("name", PROFILES)
def test_historical_events(name):
    for number, row in enumerate(_rows(name, "historical_events.csv"), start=2):
        where = f"{name}/historical_events.csv line {number}"
        _compiles(row["pattern"], where)
        assert row["note"].strip(), f"{where}: empty note"


def test_new_profiles_historical_events_catch_earlier_wars():
    def caught(name, text):
        return any(re.search(r["pattern"], text) for r in _rows(name, "historical_events.csv"))
    assert caught("israel-gaza", "the 2014 Gaza war killed about 2,250 Palestinians")
    assert caught("israel-gaza", "since the Nakba")
    assert not caught("israel-gaza", "Israeli strikes killed 20 people in Rafah on Tuesday")
    assert caught("sudan", "the Darfur genocide of the early 2000s")
    assert not caught("sudan", "RSF shelling killed 30 people in El Fasher on Sunday")


@pytest.mark.parametrize("name", NEW_PROFILES)
def test_new_profiles_license_sources(name):
    path = ROOT / name / "LICENSE-SOURCES.md"
    assert path.is_file(), f"{path} is missing"
    text = path.read_text(encoding="utf-8")
    for filename in ["profile.toml", *HEADERS]:
        assert filename in text, f"{path} does not say where {filename}'s facts came from"
    assert re.search(r"https://\S+", text)


CORPUS_FOLDERS = sorted(p for p in CORPORA.iterdir() if p.is_dir()) if CORPORA.is_dir() else []


def test_fixture_corpora_exist():
    assert {p.name for p in CORPUS_FOLDERS} >= set(NEW_PROFILES)


@pytest.mark.parametrize("folder", CORPUS_FOLDERS, ids=lambda p: p.name)
def test_fixture_corpus(folder):
    texts = sorted(folder.glob("*.txt"))
    assert texts, f"{folder} has no .txt files"
    sources = folder / "SOURCES.md"
    assert sources.is_file(), f"{folder} has no SOURCES.md"
    listing = sources.read_text(encoding="utf-8")
    dated = 0
    for path in texts:
        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            raise AssertionError(f"{path} is not UTF-8: {error}") from None
        assert path.name in listing, f"{sources} does not name {path.name}"
        header = DATE_HEADER.match(text)
        if header:
            dt.date.fromisoformat(header.group(1))  # raises on a malformed date
            dated += 1
        assert len(text.split()) >= 50, f"{path}: fewer than 50 words"
    assert 0 < dated < len(texts) or len(texts) == 1, f"{folder}: mix dated and undated texts ({dated}/{len(texts)})"
    assert re.search(r"https://\S+", listing), f"{sources} has no URL"
    assert re.search(r"licen[cs]e", listing, re.IGNORECASE), f"{sources} does not state the licence"


@pytest.mark.parametrize("name", NEW_PROFILES)
def test_fixture_corpus_is_read_by_the_suite(name):
    from helpers.corpus import load_corpus

    folder = CORPORA / name
    articles, _ = load_corpus(folder, infer_dates=False, dedupe=False, metadata=False)
    assert 4 <= len(articles) <= 6
    headers = [p for p in sorted(folder.glob("*.txt")) if DATE_HEADER.match(p.read_text(encoding="utf-8"))]
    assert (articles["date_source"] == "header").sum() == len(headers)
    assert not articles["text"].str.contains(r"\A\s*date\s", regex=True).any(), "the date header is part of the text"
    assert articles["text"].str.contains(r"\d[\d,]* (?:people|Palestinians|civilians|killed|dead)", regex=True).any()
    attributed = articles["text"].str.contains(r"\b(?:said|says|stated|reported|according to)\b", regex=True)
    assert attributed.sum() >= len(articles) / 2, f"{name}: most fixture texts should attribute a statement"
