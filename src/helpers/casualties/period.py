"""The window a figure covers, in days (``period_days``): 1 for a day, NaN for a cumulative or unstated window.

Period (``period_cues.csv``): the nearest cue in the figure's clause; cumulative cues ("since", "so far",
"as of") give NaN; "said on Tuesday" counts as a day only when the figure is not a perfect-tense total.
``_period_cues`` finds every cue of a sentence once; ``_choose_period`` picks the one for each figure.
"""

from __future__ import annotations

import math
import re

from helpers.casualties.lexicon import MONTH_DAYS, MONTHS, WEEKDAYS, _lexicon

__all__: list[str] = []


def _period_cues(sentence: str) -> list[tuple[int, int, float, bool]]:
    """All period cues in a sentence: (start, end, days, weak). Weak cues are reporting dates ("said on Tuesday")
    and bare totals ("in total")."""
    lex = _lexicon()
    out = []
    for match in lex.period_re.finditer(sentence.lower()):
        name = match.lastgroup
        spec = lex.period_specs[int(name[1:])]
        text = match.group().lower()
        if any(not sentence[match.start() + w.start()].isupper() for w in _MONTH_WORD.finditer(text)):
            continue  # "may", "march" in lower case are verbs, not months
        groups = [g for g in match.groups() if g is not None]
        inner = groups[1:]  # first group is the whole named group
        weak = False
        if spec == "nan":
            days = math.nan
            weak = text.strip() in ("total", "in total", "a total of", "overall")
        elif spec == "range":
            nums = [int(g) for g in inner if g.isdigit()]
            days = float(nums[-1] - nums[0] + 1) if len(nums) >= 2 and nums[-1] >= nums[0] else math.nan
        elif spec == "weekday_range":
            wd = [WEEKDAYS.index(g.lower()) for g in inner if g.lower() in WEEKDAYS]
            days = float((wd[-1] - wd[0]) % 7 + 1) if len(wd) >= 2 else math.nan
        elif spec in ("N", "7N"):
            raw = inner[-1].lower()
            val = float(raw) if raw.isdigit() else lex.units.get(raw, (math.nan, ""))[0]
            days = val * (7 if spec == "7N" else 1)
        elif spec == "month":
            month = next((MONTHS[g.lower().rstrip(".")] for g in inner if g.lower().rstrip(".") in MONTHS), None)
            days = float(MONTH_DAYS[month]) if month else math.nan
        else:
            days = float(spec)
        if spec in ("1", "month") and not weak:
            before = sentence[max(0, match.start() - 25):match.start()].lower().split()
            after = sentence[match.end():match.end() + 20].lower().split()
            speech = lex.grammar["speech"]
            # "said on Friday" (but not "As Ukrinform reported, on January 26, troops killed …")
            if (before and before[-1] in speech) or (after and after[0].strip(",.") in speech) or \
                    (len(before) > 1 and before[-1] in ("late", "early", "earlier") and before[-2] in speech):
                continue  # "said on Friday" dates the statement, not the figure: no window
        datelike = spec in ("1", "month") and bool(_DATELIKE.search(text))
        out.append((match.start(), match.end(), days, weak or datelike and "perfect"))
    # a date that starts a "since" window is part of it: "since the day of Moscow's attack on 24 February"
    since_ends = [end for start, end, days, weak in out if days != days and sentence[start:end].lower() == "since"]
    return [cue for cue in out if not (cue[2] == cue[2] and any(
        0 <= cue[0] - end <= 60 and not re.search(r"[.;]|\d", sentence[end:cue[0]]) for end in since_ends))]


# a cue that names a day rather than a window: with a perfect-tense total ("have been killed") it dates the report
_DATELIKE = re.compile(r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tonight|"
                       + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\b")


_MONTH_WORD = re.compile(r"\b(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\b")
_RELATIVE = re.compile(r"\b(?:that|which|who|whom)\b")
_SUBORDINATE = re.compile(r"\b(?:after|before|when|because|while|which|who|as|since)\b")


def _choose_period(cues, fig_start, fig_end, lo, hi, perfect, sentence="") -> float:
    best = None
    explicit_window = any(days == days and weak is False and end > lo and start < hi for start, end, days, weak in cues)
    if perfect and not explicit_window and any(days != days and not weak and start >= fig_end
                                               for start, end, days, weak in cues):
        return math.nan  # "9,861 soldiers had been killed … since the invasion": a total, whatever day it was told
    cues = [(start, end, days, (bool(weak) if weak != "perfect" else perfect)) for start, end, days, weak in cues]
    for weak_pass in (False, True):
        for start, end, days, weak in cues:
            if weak != weak_pass or end <= lo or start >= hi:
                continue
            if days == days and days >= 28 and start >= fig_end and _SUBORDINATE.search(sentence.lower(), fig_end, start):
                continue  # "fled Ukraine after Russia invaded in February": the cue dates another event
            if weak and perfect and days == days:
                continue
            if end <= fig_start and _RELATIVE.search(sentence.lower(), end, fig_start):
                continue  # "searched on Saturday the site of a strike that days earlier killed 52": another clause
            dist = fig_start - end if end <= fig_start else (start - fig_end if start >= fig_end else 0)
            if best is None or dist < best[0]:
                best = (dist, days)
        if best is not None:
            return best[1]
    if lo > 0 or hi < 10**9:  # nothing in the figure's own clause: a cue shared by a coordination ("X and Y in the past day")
        return _choose_period(cues, fig_start, fig_end, 0, 10**9, perfect, sentence)
    return math.nan
