"""Who suffered a figure: russian | ukrainian | civilian | unknown, and which side the speaker is on.

Party (``party_cues.csv``): a nationality or civilian word in the figure's own noun phrase wins; "enemy",
"occupiers", "invaders" are the other side of whoever speaks (Russian when unknown); "soldiers and
mercenaries" in a Russian statement are Ukrainian; "both sides" → unknown; people hit by shelling, strikes or
missiles → civilian; population and displaced figures → civilian; otherwise the nearest country word before
the figure (the side that "lost" or "suffered"; flipped when that side "killed"). A country named as a place
("in eastern Ukraine", "the invasion of Ukraine") is neither a side nor the speaker (``_names_a_place``).
"""

from __future__ import annotations

from helpers.casualties.grammar import _Reading
from helpers.casualties.lexicon import _lexicon
from helpers.casualties.numbers import _Mention, _Tok

__all__: list[str] = []

_ACTIVE_HARM = {  # verbs whose subject is the side that did the killing: the victims are the other side
    "killed", "killing", "kills", "kill", "eliminated", "eliminating", "liquidated", "destroyed", "destroying",
    "wounding", "injuring", "captured", "capturing", "took", "taken",
}
_EUPHEMISMS = {"eliminated", "liquidated", "destroyed", "neutralised", "neutralized", "eliminating", "destroying"}
_LINKING_MODIFIERS = {"additional", "more", "other", "others", "further", "another"}
# a country named as a place, not as a side: "the invasion of Ukraine", "in eastern Ukraine", "across Russia"
_PLACE_WORDS = {"in", "into", "across", "throughout", "against", "on", "inside", "within"}
_PLACE_OF = {"invasion", "war", "east", "south", "north", "west", "part", "parts", "territory", "regions", "region",
             "cities", "city", "towns", "villages", "people", "citizens", "residents"}
_COUNTRY_NOUNS = {"ukraine", "russia", "kyiv", "kiev", "moscow"}


def _opposite(side: str | None) -> str:
    return {"russian": "ukrainian", "ukrainian": "russian"}.get(side or "", "russian")


def _speaker_side(source: str | None, sentence: str) -> str | None:
    lex = _lexicon()
    for text in (source, sentence):
        if not text:
            continue
        found = {}
        for side, rx in lex.speaker_re.items():  # a country named as a place is not the speaker ("… in Ukraine")
            hit = next((f for f in rx.finditer(text) if not set(text[:f.start()].lower().split()[-1:]) & _PLACE_WORDS),
                       None)
            if hit:
                found[side] = hit
        if len(found) == 1:
            return next(iter(found))
        if len(found) == 2:
            return min(found, key=lambda s: found[s].start())
    return None


def _party(toks: list[_Tok], m: _Mention, r: _Reading, category: str, speaker: str | None,
           mentions: list[_Mention], idx: int) -> str:
    lex = _lexicon()
    if category in ("population", "displaced"):
        return "civilian"
    np_keys = [toks[x].key for x in r.np]
    head_group = lex.people[toks[r.head].key][0] if r.head is not None else None
    found = set()
    for key in np_keys:
        person = lex.people.get(key)
        if person and person[0] == "civilian":
            return "civilian"
        cue = lex.party["np"].get(key) or (person[1] if person and person[0] != "generic" else "")
        if cue:
            found.add(cue)
    mercenary_talk = "mercenaries" in np_keys or "nationalists" in np_keys or "militants" in np_keys
    if speaker == "russian" and mercenary_talk and "russian" not in found:
        return "ukrainian"
    nations = found & {"russian", "ukrainian"}
    if len(nations) == 2:
        return "unknown"
    if nations:
        return nations.pop()
    if "opposite" in found:
        return _opposite(speaker)
    if "own" in found and speaker:
        return speaker
    if "civilian" in found:
        return "civilian"
    keys = [t.key for t in toks]
    if lex.sides_re.search(" ".join(keys)):
        return "unknown"
    prev_claim = next((p for p in reversed(mentions[:idx]) if p.claim is not None), None)
    if r.linked is not None and r.linked.claim is not None:
        return r.linked.claim["party"]
    if prev_claim is not None and (r.head is None or any(k in _LINKING_MODIFIERS for k in np_keys)):
        return prev_claim.claim["party"]
    losing = r.trigger_key in ("lost", "loses", "losing", "lose", "losses")
    harm = any(k in lex.party["harm"] for k in keys)
    if harm and head_group in (None, "generic") and not losing:  # "losses" are a side's, whatever the attack
        return "civilian"
    generic_people = head_group == "generic" and toks[r.head].key in ("people", "persons", "person", "individuals")
    euphemism = r.trigger_key in _EUPHEMISMS or any(keys[y] in _EUPHEMISMS for y in range(m.i1, min(len(keys), r.scan_end)))
    military_report = "direction" in keys or "sector" in keys  # "220 people were killed in the Lyman direction"
    if generic_people and not losing and not euphemism and not military_report:  # "killing one person"
        return "civilian"
    # the nearest country word before the figure, flipped when that side did the killing
    stop = prev_claim.i1 if prev_claim is not None else 0
    for x in range(m.i0 - 1, stop - 1, -1):
        key = keys[x]
        if key in (";",):
            break
        cue = lex.party["context"].get(key)
        if cue and key in _COUNTRY_NOUNS and _names_a_place(keys, x):
            continue
        if cue:
            # skip a country word that is the speaker ("Ukraine's military said ...") unless it is the one losing
            side = _opposite(speaker) if cue == "opposite" else cue
            killers = r.trigger_direct and r.trigger is not None and x < r.trigger and keys[r.trigger] in _ACTIVE_HARM
            if killers and cue != "opposite":
                return _opposite(side)
            return side
    if head_group in ("military", "enemy") and speaker:
        if (r.trigger_key in _EUPHEMISMS) or any(keys[y] in _EUPHEMISMS for y in range(m.i1, min(len(keys), r.scan_end))):
            return _opposite(speaker)
        return speaker
    if generic_people:
        return "civilian"
    if head_group == "enemy":
        return _opposite(speaker)
    return "unknown"


def _names_a_place(keys: list[str], x: int) -> bool:
    """Whether the country word at ``x`` names where something happens ("in eastern Ukraine", "the invasion of
    Ukraine") rather than a side: a place preposition one or two words before it."""
    if x >= 2 and keys[x - 1] == "of":  # "the invasion of Ukraine", but "the Armed Forces of Ukraine" is a side
        return keys[x - 2] in _PLACE_OF
    return any(keys[y] in _PLACE_WORDS for y in range(max(0, x - 2), x))
