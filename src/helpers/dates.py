"""Dates for undated articles, from what the text itself says — with the evidence quoted.

``infer_date(text)`` returns ``{"estimate", "earliest", "latest", "evidence"}``. Each cue narrows the window of
possible publication dates; the window is the intersection of all cues:

- the war's age, counted from the conflict profile's start (``helpers.conflicts``; Russia–Ukraine: 24 Feb 2022)
  ("nearly 11-month war", "year-long war", "invaded … a year ago", "day 100 of the war") — patterns in
  ``data/date_cues.csv``, with ``{WAR}`` standing for the profile's ``war_nouns``. A war-age cue whose sentence
  names another war (another shipped profile's ``names``, or ``data/other_wars.csv``) and none of the
  profile's own names gives no date: "the year-long war in Gaza" says nothing about the invasion of Ukraine;
- "first … of the year" (early January);
- holidays ahead, on or past ("ahead of the Orthodox Christmas celebrations") — the profile's ``holidays.csv``;
- dated events of a curated timeline matched by phrases ("Zelenskyy last month visited", "signs law to
  suspend") — the profile's ``timeline.csv``, each row with its source. The same timeline annotates the trend
  figures.

Weekday mentions ("on Tuesday", "late on Tuesday") then pick the estimate inside the window: news speaks of the
days just past, so the estimate is the mentioned weekday that leaves the others closest behind it ("on Tuesday …
on Wednesday" → a Wednesday). A text with no cue gets no date (all ``None``), not a guess; a window that spans
several years (only recurring cues such as a holiday) keeps its bounds but no estimate.

Run it on an article's ``raw_text``: cleaning removes "READ MORE" headline blocks and captions, which often carry
the best cue. ``apply_inferred_dates(articles)`` fills the undated rows of a ``load_corpus`` table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from helpers import conflicts
from helpers.package_data import read_table

__all__ = ["war_start", "infer_date", "apply_inferred_dates", "timeline"]

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_WORD_NUMBERS = {
    "a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
}

Interval = tuple[pd.Timestamp, pd.Timestamp]


def war_start() -> pd.Timestamp:
    """The active conflict profile's start date (Russia–Ukraine: 2022-02-24)."""
    return conflicts.active().start


def timeline() -> pd.DataFrame:
    """The active profile's timeline: ``date, event, short_label, phrases, relation, source`` (one row per dated
    event and relation)."""
    return _timeline(conflicts.active()).copy()


@lru_cache(maxsize=None)
def _timeline(conflict: conflicts.Profile) -> pd.DataFrame:
    frame = conflicts.read_profile_table("timeline.csv", conflict)
    frame["date"] = pd.to_datetime(frame["date"])
    return frame


def required_literal(regex: re.Pattern, min_length: int = 3) -> str | None:
    """The longest piece of plain text that every match of ``regex`` contains, or ``None``.

    Read from the parsed pattern: a run of literal characters in the pattern's main sequence (groups without
    alternatives are part of the sequence; zero-width tests such as ``\\b`` or a look-behind do not break a run;
    alternatives, character classes, wildcards and optional parts do):
    ``"(?:ahead of|before) (?:the )?orthodox christmas"`` gives ``"orthodox christmas"``. Used as a prefilter:
    ``literal in text`` is a plain substring search, many times faster than the regular expression, and a text
    without the literal cannot match. Patterns with case-insensitive flags get ``None`` (no prefilter).
    """
    from re import _constants as c, _parser

    if regex.flags & re.IGNORECASE:
        return None
    found: list[str] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            found.append("".join(run))
            run.clear()

    def walk(items) -> None:
        for op, av in items:
            if op is c.LITERAL:
                run.append(chr(av))
            elif op is c.AT or op in (c.ASSERT, c.ASSERT_NOT):
                continue  # zero width: the characters on both sides are adjacent in the text
            elif op is c.SUBPATTERN and not av[1] and not av[2]:
                walk(av[3].data)  # a group without flag changes: its content is part of the sequence
            elif op is c.ATOMIC_GROUP:
                walk(av.data)
            elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT) and av[0] >= 1:
                flush()  # repeated at least once: its own literals are required, but not adjacent to ours
                walk(av[2].data)
                flush()
            else:
                flush()
        # the end of a group's content does not end the run: the caller's sequence continues it

    walk(_parser.parse(regex.pattern).data)
    flush()
    best = max(found, key=len, default="")
    return best if len(best) >= min_length else None


@dataclass(frozen=True)
class _Cue:
    """A compiled cue pattern and the literal every match contains (``None``: always run the pattern)."""

    regex: re.Pattern
    literal: str | None

    @classmethod
    def compile(cls, pattern: str) -> "_Cue":
        regex = re.compile(pattern)
        return cls(regex, required_literal(regex))

    def finditer(self, low: str):
        if self.literal is not None and self.literal not in low:
            return ()
        return self.regex.finditer(low)


def _cues() -> dict:
    return _cues_for(conflicts.active())


@lru_cache(maxsize=None)
def _cues_for(conflict: conflicts.Profile) -> dict:
    cues: dict[str, list[_Cue]] = {}
    holiday_templates = {}
    war = f"(?:{conflict.war_nouns.lower()})"
    for row in read_table("date_cues.csv").to_dict("records"):
        if "{HOLIDAY}" in row["pattern"]:
            holiday_templates[row["cue"]] = row["pattern"]
        else:
            cues.setdefault(row["cue"], []).append(_Cue.compile(row["pattern"].replace("{WAR}", war)))
    holidays = []
    for row in conflicts.read_profile_table("holidays.csv", conflict).to_dict("records"):
        compiled = {kind: _Cue.compile(template.replace("{HOLIDAY}", f"(?:{row['pattern']})"))
                    for kind, template in holiday_templates.items()}
        holidays.append((row["holiday"], int(row["month"]), int(row["day"]), compiled))
    events = []
    for row in conflicts.read_profile_table("timeline.csv", conflict).to_dict("records"):
        if not row["phrases"].strip() or not row["relation"].strip():
            continue
        patterns = [_Cue.compile(p.strip()) for p in row["phrases"].split(";") if p.strip()]
        events.append((pd.Timestamp(row["date"]), row["event"], row["relation"], patterns))
    own = re.compile(conflict.names)
    others = [conflicts.profile(name).names for name in conflicts.available() if name != conflict.name]
    others += read_table("other_wars.csv")["pattern"].tolist()
    other = re.compile("|".join(f"(?:{p})" for p in others)) if others else None
    return {"cues": cues, "holidays": holidays, "events": events, "own": own, "other": other,
            "start": conflict.start}


def _number(token: str) -> int | None:
    token = token.lower()
    if token.isdigit():
        return int(token)
    return _WORD_NUMBERS.get(token)


def _quote(text: str, match: re.Match) -> str:
    return text[match.start():match.end()].strip()


def _months(n: float) -> pd.DateOffset:
    return pd.DateOffset(months=int(n))


def _war_age(kind: str, n: int, qualifier: str | None, start: pd.Timestamp) -> Interval:
    WAR_START = start  # noqa: N806 (the war's start in the formulas below)
    q = (qualifier or "").strip()
    if kind == "war_years":
        n = n * 12
    if kind in ("war_months", "war_years"):
        if q in ("nearly", "almost"):
            return WAR_START + _months(n - 1), WAR_START + _months(n)
        if q in ("more than", "over"):
            return WAR_START + _months(n), WAR_START + _months(n + 1)
        if kind == "war_years" and not q:  # "year-long war": about a year, either side
            return WAR_START + _months(n - 1), WAR_START + _months(n + 2)
        return WAR_START + _months(n) - pd.Timedelta(days=15), WAR_START + _months(n + 1)
    if kind == "war_year_ago":
        anniversary = WAR_START + _months(12 * n)
        return anniversary - pd.Timedelta(days=10), anniversary + pd.Timedelta(days=21)
    # war_day: "day 100 of the war" (day 1 = the start)
    day = WAR_START + pd.Timedelta(days=n - 1)
    return day - pd.Timedelta(days=1), day + pd.Timedelta(days=1)


def _yearly(month: int, day: int, before: int, after: int, window: Interval) -> list[Interval]:
    """The interval [holiday - before, holiday + after] in every year of the window."""
    out = []
    for year in range(window[0].year - 1, window[1].year + 2):
        center = pd.Timestamp(year=year, month=month, day=day)
        out.append((center - pd.Timedelta(days=before), center + pd.Timedelta(days=after)))
    return out


def _relation(date: pd.Timestamp, relation: str) -> Interval:
    kind, *args = relation.split(":")
    if kind == "next_month":
        start = (date + pd.offsets.MonthBegin(1)).normalize()
        return start, start + pd.offsets.MonthEnd(0)
    lo, hi = int(args[0]), int(args[1])
    return date + pd.Timedelta(days=lo), date + pd.Timedelta(days=hi)


def _intersect(a: list[Interval], b: list[Interval]) -> list[Interval]:
    out = []
    for lo1, hi1 in a:
        for lo2, hi2 in b:
            lo, hi = max(lo1, lo2), min(hi1, hi2)
            if lo <= hi:
                out.append((lo, hi))
    return sorted(out)


# a war-age cue cannot match a text without this word
_REQUIRED_WORD = {"war_months": "month", "war_years": "year", "war_year_ago": "year ago", "war_day": "day "}


def _finditer_near(regex: re.Pattern, low: str, word: str, reach: int = 80):
    """``regex.finditer(low)`` restricted to windows of ``reach`` characters around each ``word``.

    A war-age cue is a short phrase around its required word; scanning only those windows gives the same matches
    as scanning the whole text, much faster on long articles.
    """
    windows: list[list[int]] = []
    pos = low.find(word)
    while pos != -1:
        start, end = max(0, pos - reach), min(len(low), pos + len(word) + reach)
        if windows and start <= windows[-1][1]:
            windows[-1][1] = end
        else:
            windows.append([start, end])
        pos = low.find(word, pos + 1)
    seen = set()
    for start, end in windows:
        for match in regex.finditer(low, start, end):
            if match.span() not in seen:
                seen.add(match.span())
                yield match


def _names_another_war(text: str, start: int, end: int, data: dict) -> bool:
    """Whether the sentence around ``text[start:end]`` names another war and none of the profile's names."""
    if data["other"] is None:
        return False
    lo = max(text.rfind(".", 0, start), text.rfind("\n", 0, start)) + 1
    hi = min((i for i in (text.find(".", end), text.find("\n", end)) if i >= 0), default=len(text))
    sentence = text[lo:hi]
    return bool(data["other"].search(sentence)) and not data["own"].search(sentence)


def infer_date(text: str, window: Interval | None = None) -> dict:
    """Infer when a news text was written from its own words.

    Returns ``{"estimate", "earliest", "latest", "evidence"}``: Timestamps (or None) and the list of quoted spans
    that were used. ``window`` bounds the answer (default: the active conflict profile's window; Russia–Ukraine
    2022–2023).
    """
    if window is None:
        window = conflicts.active().window
    empty = {"estimate": None, "earliest": None, "latest": None, "evidence": []}
    if not isinstance(text, str) or not text.strip():
        return empty
    low = text.lower()
    data = _cues()
    constraints: list[tuple[str, list[Interval]]] = []  # (evidence, intervals)

    for kind in ("war_months", "war_years", "war_year_ago", "war_day"):
        word = _REQUIRED_WORD.get(kind, "")
        if word not in low:  # cheap test before the regular expressions
            continue
        for cue in data["cues"].get(kind, []):
            for match in _finditer_near(cue.regex, low, word):
                n = _number(match.group("n") or "one")
                if n is None or n <= 0 or n > 60:
                    continue
                if _names_another_war(text, match.start(), match.end(), data):
                    continue  # "the year-long war in Gaza" does not date an article about this war
                qualifier = match.groupdict().get("q")
                constraints.append((_quote(text, match), [_war_age(kind, n, qualifier, data["start"])]))
    for cue in data["cues"].get("first_of_year", []):
        for match in cue.finditer(low):
            constraints.append((_quote(text, match), _yearly(1, 1, 0, 20, window)))
    for _name, month, day, compiled in data["holidays"]:
        for kind, (before, after) in {"holiday_ahead": (18, -1), "holiday_on": (1, 1),
                                      "holiday_after": (-1, 30)}.items():
            cue = compiled.get(kind)
            if cue is None:
                continue
            for match in cue.finditer(low):
                constraints.append((_quote(text, match), _yearly(month, day, before, after, window)))
    for date, _event, relation, patterns in data["events"]:
        for cue in patterns:
            for match in cue.finditer(low):
                constraints.append((_quote(text, match), [_relation(date, relation)]))
    if not constraints:
        return empty

    weekdays = []  # only read when some cue dates the text
    for cue in data["cues"].get("weekday", []):
        for match in cue.finditer(low):
            weekdays.append((WEEKDAYS.index(match.group("w")), _quote(text, match)))
    feasible = [window]
    evidence = []
    for quote, intervals in constraints:
        narrowed = _intersect(feasible, intervals)
        if narrowed:  # a cue that contradicts the others is left out of the evidence
            feasible = narrowed
            evidence.append(quote)
    if not evidence:
        return empty
    earliest, latest = feasible[0][0], feasible[-1][1]
    estimate = None
    if len(feasible) == 1 or latest - earliest <= pd.Timedelta(days=62):
        estimate = _pick(feasible, weekdays)
        if weekdays and estimate is not None and estimate.dayofweek in {w for w, _ in weekdays}:
            evidence.extend(dict.fromkeys(q for w, q in weekdays))
    return {"estimate": estimate, "earliest": earliest, "latest": latest, "evidence": list(dict.fromkeys(evidence))}


def _pick(feasible: list[Interval], weekdays: list[tuple[int, str]]) -> pd.Timestamp:
    """The middle of the window, moved to the mentioned weekday that leaves the other mentions closest behind."""
    lo, hi = feasible[0][0], feasible[-1][1]
    middle = lo + (hi - lo) / 2
    middle = middle.normalize()
    mentioned = sorted({w for w, _ in weekdays})
    if not mentioned:
        return middle
    best = None
    for lo_i, hi_i in feasible:
        day = lo_i.normalize()
        while day <= hi_i:
            if day.dayofweek in mentioned:
                lookback = max((day.dayofweek - w) % 7 for w in mentioned)
                key = (lookback, abs((day - middle).days), day)
                if best is None or key < best:
                    best = key
            day += pd.Timedelta(days=1)
    return best[2] if best else middle


def apply_inferred_dates(articles: pd.DataFrame, text_col: str = "raw_text") -> pd.DataFrame:
    """A copy of ``articles`` where rows without a date get the inferred one (``date_source = "inferred"``).

    Adds ``date_earliest``, ``date_latest`` and ``date_evidence`` (a list of quoted spans) for every row; rows that
    already had a date are left as they were (empty evidence, NaT bounds)."""
    out = articles.copy()
    earliest, latest, evidence = [], [], []
    dates = list(out["date"])
    sources = list(out["date_source"]) if "date_source" in out else ["unknown"] * len(out)
    previous = {col: list(out[col]) if col in out else [None] * len(out)
                for col in ("date_earliest", "date_latest", "date_evidence")}
    from helpers.language import english_mask, english_only

    if out["date"].isna().any():
        english_only(out[out["date"].isna()], "date cues", text_col=text_col, stacklevel=3)
    readable = english_mask(out, text_col).tolist() if out["date"].isna().any() else [True] * len(out)
    for i, (date, text) in enumerate(zip(out["date"], out[text_col])):
        if not readable[i] and pd.isna(date):  # the cues are English: an undated non-English text stays undated
            text = ""
        if not pd.isna(date):  # a known date is left alone (and a second call keeps the first call's evidence)
            keep = sources[i] == "inferred"
            earliest.append(previous["date_earliest"][i] if keep else pd.NaT)
            latest.append(previous["date_latest"][i] if keep else pd.NaT)
            evidence.append(list(previous["date_evidence"][i] or []) if keep else [])
            continue
        result = infer_date(text)
        earliest.append(result["earliest"] or pd.NaT)
        latest.append(result["latest"] or pd.NaT)
        evidence.append(result["evidence"])
        if result["estimate"] is not None:
            dates[i] = result["estimate"]
            sources[i] = "inferred"
    out["date"] = pd.to_datetime(pd.Series(dates, index=out.index))
    out["date_source"] = sources
    out["date_earliest"] = pd.to_datetime(pd.Series(earliest, index=out.index))
    out["date_latest"] = pd.to_datetime(pd.Series(latest, index=out.index))
    out["date_evidence"] = evidence
    return out
