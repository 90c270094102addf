"""What a figure counts: the words after it (``_forward``) and before it (``_backward``).

What the figure counts (``casualty_terms.csv``, ``casualty_people.csv``, ``casualty_grammar.csv``): the
words after the figure are read first — optional modifiers ("more", "Russian", "of his"), a people noun
("troops", "civilians"), then auxiliaries ("were", "have been", "reportedly") up to a casualty term
("killed", "wounded", "killed and wounded" = casualties, "remain" = population, "fled" = displaced). A
casualty noun may also stand right after the figure ("21,793 casualties", "dozens of bodies"). When the
figure is followed by a noun that is not about people ("85 attacks", "14 tanks", "500 metres") it is not a
claim. Otherwise the words before it are read: a trigger ("killing", "death toll rose to", "population of",
"lost N soldiers" → casualties) or a previous figure it continues ("70,000 to 80,000 and has shrunk to around
10,000"; rival estimates "60,000, 70,000, 100,000"; "including six children"). Figures of troops merely
present, recruited or deployed have no casualty term and yield nothing; so do rates ("one soldier for every
48 cm") and negated statements.

Both passes fill one ``_Reading`` of the figure: its category, its noun phrase and people noun, the trigger,
the figure it continues, and whether the verb is perfect-tense or modal.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from helpers.casualties.lexicon import _lexicon, _term_at, _term_ending_at
from helpers.casualties.numbers import _Mention, _Tok

__all__: list[str] = []

_PRONOUN_SUBJECTS = {"he", "she", "they", "we", "it", "i"}
_PERFECT = {"have", "has", "had"}
_CLAUSE_STOP = {";", ".", "!", "?"}


@dataclass
class _Reading:
    category: str | None = None
    needs_person: bool = False
    head: int | None = None  # index of the people noun
    np: list[int] = field(default_factory=list)  # tokens of the figure's noun phrase
    trigger: int | None = None  # index of the casualty word before the figure
    trigger_key: str = ""
    trigger_direct: bool = False  # the trigger takes the figure as its object ("killed 410")
    linked: _Mention | None = None  # previous figure this one continues or is part of
    post_qualifier: str | None = None
    perfect: bool = False
    modal: bool = False  # "may have died": stated as possible, so hedged
    blocked: str | None = None
    scan_end: int = 0


def _forward(toks: list[_Tok], m: _Mention, mentions_at: dict[int, _Mention]) -> _Reading:
    lex = _lexicon()
    g = lex.grammar
    r = _Reading()
    n = len(toks)
    k = m.i1
    # "(+620)" after a cumulative figure: the day's increment
    if k + 3 < n and toks[k].key == "(" and toks[k + 1].key == "+" and toks[k + 2].kind == "n" and toks[k + 3].key == ")":
        k += 4
    for words, qual in lex.qual_after.items():
        if tuple(t.key for t in toks[k:k + len(words)]) == words:
            r.post_qualifier = qual
            k += len(words)
            break
    if m.vague and k < n and toks[k].key == "of":
        k += 1
    # modifiers between the figure and its noun: "more", "Russian", "of his", "additional"
    steps = 0
    while k < n and steps < 6 and (toks[k].key in g["modifier"] or toks[k].key in ("of", "whom", "them")):
        if _term_at(toks, k, "noun", "after") and toks[k].key not in g["modifier"] - {"injured", "wounded", "dead"}:
            break
        if toks[k].key in ("injured", "wounded", "dead") and not (k + 1 < n and toks[k + 1].key in lex.people):
            break
        r.np.append(k)
        k += 1
        steps += 1
    # a casualty noun or verb right after: "21,793 casualties", "2 killed", "dozens of bodies of Wagner fighters"
    hit = _term_at(toks, k, "after", "noun")
    if hit:
        r.category, r.needs_person, length = hit
        k += length
        if k < n and toks[k].key in lex.people and toks[k].key not in lex.grammar["modifier"]:
            r.np.append(k)  # "1,860 wounded civilians"
            r.head = k
            k += 1
        if k < n and toks[k].key == "of":  # "bodies of Wagner fighters"
            j = k + 1
            while j < n and j < k + 5 and (toks[j].key in g["modifier"] or toks[j].key in lex.people):
                r.np.append(j)
                if toks[j].key in lex.people:
                    r.head = j
                j += 1
        r.scan_end = k
        if r.needs_person and r.head is None:
            r.blocked = "needs people"
        return r
    # a people noun, possibly after one or two unknown words ("aid workers", "police officers")
    head = None
    for extra in range(0, 3):
        j = k + extra
        if j < n and toks[j].key in lex.people and all(toks[x].kind == "w" for x in range(k, j)):
            if extra and any(toks[x].key in g["aux"] or _term_at(toks, x, "after") for x in range(k, j)):
                break
            head = j
            break
        if j >= n or toks[j].kind != "w":
            break
    if head is not None:
        r.np.extend(range(k, head + 1))
        r.head = head
        k = head + 1
        # "soldiers and mercenaries", "women and children", "police officers"
        while k < n and (toks[k].key in lex.people or (toks[k].key in ("and", "or") and k + 1 < n and
                                                       toks[k + 1].key in lex.people)):
            r.np.append(k)
            k += 1
        if k < n and toks[k].key == "of":  # "17 residents of the community have died"
            x = k + 1
            while x < n and x <= k + 4 and toks[x].kind == "w" and toks[x].key not in g["aux"] and \
                    not _term_at(toks, x, "after"):
                x += 1
            if x < n and x > k + 1 and (toks[x].key in g["aux"] or _term_at(toks, x, "after")):
                k = x
    else:
        t = toks[k] if k < n else None
        bare = t is None or t.kind == "p" or t.key in g["aux"] or t.key in g["modal"] or t.key in _BOUNDARY or \
            t.key in lex.qual_words
        if not bare:
            r.blocked = "not about people"
            return r
    # rates: "one soldier for every 48 cm", "per metre"
    if k < n and (toks[k].key == "per" and k + 1 < n and toks[k + 1].key not in ("day", "week", "month", "hour")
                  or toks[k].key == "for" and k + 1 < n and toks[k + 1].key in ("every", "each")):
        r.blocked = "rate"
        return r
    # auxiliaries up to the casualty verb: "were killed", "had been killed", "were believed to remain"
    j, skipped = k, 0
    after_among = False
    while j < n and skipped < 12:
        t = toks[j]
        hit = _term_at(toks, j, "after")
        if hit and not (t.key == "left" and j + 1 < n and _term_at(toks, j + 1, "after")):
            r.category, r.needs_person, length = hit
            r.scan_end = j + length
            x = j + length
            if x + 1 < n and toks[x].key in ("or", "and"):  # "have died or suffered injuries"
                y = x + 1
                while y < n and y <= x + 3 and (toks[y].key in g["aux"] or toks[y].key in ("suffered", "sustained")):
                    y += 1
                other = _term_at(toks, y, "after", "noun")
                if other and {r.category, other[0]} == {"killed", "wounded"}:
                    r.category, r.scan_end = "casualties", y + other[2]
            z = r.scan_end
            if z + 1 < n and toks[z].key == "for" and toks[z + 1].key in ("every", "each"):
                r.blocked = "rate"  # "one soldier was killed for every 48cm of land"
                return r
            break
        if t.key in g["negation"]:
            r.blocked = "negated"
            return r
        if t.key in _PERFECT:
            r.perfect = True
        if t.key == "in" and j + 1 < n and toks[j + 1].key in ("total", "all"):  # "583 civilians in total have been"
            j += 2
            skipped += 2
            continue
        if t.key in g["modal"]:
            r.modal = True
            j += 1
            skipped += 1
            continue
        if t.key in g["aux"] or t.key in ("among", "those", "action"):
            after_among = after_among or t.key == "among"
            j += 1
            skipped += 1
            continue
        if j in mentions_at and (after_among or (j > 0 and toks[j - 1].key in ("the",))):
            nxt = mentions_at[j].i1
            j = nxt
            while j < n and (toks[j].key in lex.people or toks[j].key in g["modifier"]):
                j += 1
            continue
        if t.key == "," and j + 1 < n and toks[j + 1].key in ("including", "among", "many", "most", "mostly", "all"):
            close = next((x for x in range(j + 1, min(n, j + 16)) if toks[x].key == ","), None)
            if close is None:
                break
            j = close + 1
            continue
        if t.key == "," and j + 1 < n and (j + 1) in mentions_at:  # "240 servicemen, one tank and two trucks were"
            x = j + 1
            while x < n and x < j + 12 and toks[x].key not in g["aux"] and toks[x].key not in _CLAUSE_STOP:
                x += 1
            if x < n and toks[x].key in g["aux"]:
                j = x
                continue
            break
        if t.key in _PRONOUN_SUBJECTS and j + 2 < n and toks[j + 2].key in g["aux"]:  # "the convicts he recruited had"
            j += 2
            continue
        break
    if r.category and r.needs_person and r.head is None:
        r.category = None
        r.blocked = "needs people"
    return r


_ESTIMATE_NOUNS = {"estimates", "estimate", "statements", "statement", "claims", "claim", "figures", "figure",
                   "counts", "count", "tallies", "tally", "assessments", "others", "range"}

_BOUNDARY = {
    "in", "on", "at", "near", "after", "during", "since", "from", "across", "and", "or", "including", "when", "as",
    "while", "over", "within", "by", "according", "with", "this", "last", "yesterday", "today", "overnight",
    "following", "amid", "but", "so", "inside", "around", "throughout", "before", "between",
    "the", "a", "said", "says", "say", "to", "more", "others", "out", "among",
}


def _backward(toks: list[_Tok], m: _Mention, r: _Reading, mentions: list[_Mention], idx: int, sentence: str) -> None:
    """Read the words before a figure: a trigger ("killing", "death toll rose to"), a list it continues, a total
    it is part of ("including")."""
    lex = _lexicon()
    g = lex.grammar
    j = m.i0 - 1
    qual = lex.qual_before.search(sentence[max(0, m.start - 30):m.start])
    if qual:
        qual_start = max(0, m.start - 30) + qual.start(1)
        while j >= 0 and toks[j].start >= qual_start:
            j -= 1
    while j >= 0 and toks[j].key in ("a", "an", "the", "record", "another", "further", "additional", "-", "–", "also",
                                     "probably", "likely", "now", "still", "already", "reportedly"):
        j -= 1
    if j < 0:
        return
    if toks[j].key in ("reached", "topped", "exceeded", "passed") or (j and toks[j].key == "to" and toks[j - 1].key in (
            "rose", "risen", "climbed", "increased", "jumped", "grown", "grew")):
        r.perfect = True  # "the death toll rose to 10 on Sunday": a running total, not a count for that day
    prev_claim = next((p for p in reversed(mentions[:idx]) if p.claim is not None), None)
    # part of the total before it: "including six children", "three of them"
    if toks[j].key in ("including", "among", "included") or \
            (toks[j].key in ("them", "whom") and j and toks[j - 1].key == "of"):
        if prev_claim is not None:
            r.linked = prev_claim
            if r.category is None:
                r.category = prev_claim.claim["category"]
        return
    if r.np and any(toks[x].key in ("them", "whom") for x in r.np) and prev_claim is not None:
        r.linked = prev_claim
        if r.category is None:
            r.category = prev_claim.claim["category"]
        return
    # a trigger right before: "killing 3", "lost 31 soldiers", "population of"
    x = m.i0 - 1
    for _ in range(9):
        if x < 0 or toks[x].key in _CLAUSE_STOP:
            break
        hit = _term_ending_at(toks, x, "before")
        if hit:
            cat, needs, length = hit
            r.trigger, r.trigger_key = x, toks[x].key
            r.trigger_direct = all(toks[y].key in lex.qual_words or toks[y].key in ("a", "an", "the", "record")
                                   for y in range(x + 1, m.i0))
            if any(toks[y].key in _PERFECT for y in range(max(0, x - length - 2), x - length + 1)):
                r.perfect = True
            if any(toks[y].key in g["modal"] for y in range(max(0, x - length - 3), x - length + 1)):
                r.modal = True  # "may have killed 40"
            if r.category is None and not (needs and r.head is None):
                r.category, r.needs_person = cat, needs
            return
        # a figure it continues: "70,000 to 80,000 and has shrunk to around 10,000", "60,000, 70,000, 100,000"
        owner = next((p for p in mentions[:idx] if p.i0 <= x < p.i1), None)
        if owner is not None:
            if owner.claim is not None and all(toks[y].key in g["connector"] or toks[y].key in lex.qual_words or
                                               (toks[y].key in lex.people and m.i0 - owner.i1 <= 3)
                                               for y in range(owner.i1, m.i0) if y not in range(j + 1, m.i0)):
                r.linked = owner
                in_list = any(toks[y].key in lex.people for y in range(owner.i1, m.i0))
                if r.category is None and (r.head is None or in_list):
                    r.category = owner.claim["category"]
            return
        if toks[x].key in g["link"] or toks[x].key in g["connector"] or toks[x].key in lex.qual_words or \
                toks[x].key in ("-", "–"):
            x -= 1
            continue
        if toks[x].key in lex.people and m.i0 - x <= 3 and x > 0 and any(p.i1 == x for p in mentions[:idx]):
            x -= 1  # the noun of the figure before, in a list: "16 children, 46 women and 36 men"
            continue
        break
    # "death toll from the strike on the market rose to 45", "estimates of Russian soldiers killed vary: 47,000"
    if toks[j].key in ("to", "at", ":", "from", "of", "was", "is", "be", "are", "were", "reached", "hit", "topped",
                       "exceeded", "passed", "stood", "numbered"):
        for x in range(j - 1, max(-1, j - 22), -1):
            if toks[x].key in _CLAUSE_STOP:
                break
            owner = next((p for p in mentions[:idx] if p.i0 <= x < p.i1 and not p.skip), None)
            if owner is not None:
                # rival estimates: "deaths of 300,000 …, and Russian statements of 100,000"
                if owner.claim is not None and any(toks[y].key in _ESTIMATE_NOUNS for y in range(owner.i1, j)):
                    r.linked = owner
                    if r.category is None:
                        r.category = owner.claim["category"]
                break
            hit = _term_ending_at(toks, x, "before", "noun", "after")
            if hit and not hit[1]:
                r.trigger, r.trigger_key = x, toks[x].key
                if r.category is None:
                    r.category = hit[0]
                # "the number of Russian soldiers killed … has risen to 89": the people named before the term
                for y in range(x - hit[2], max(-1, x - hit[2] - 3), -1):
                    if toks[y].key in lex.people and r.head is None:
                        r.head = y
                        r.np.extend(z for z in range(max(0, y - 2), y + 1) if toks[z].kind == "w")
                        break
                return
