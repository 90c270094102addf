"""Who suffered a figure: one of the conflict profile's two sides, civilian or unknown, and which side speaks.

The words that name a side are the profile's ``sides.csv`` (``helpers.sides``); the grammar words are
``party_grammar.csv``. A side or civilian word in the figure's own noun phrase wins; "enemy" is the other side of
whoever speaks (the profile's first side when unknown); "soldiers and mercenaries" in a Russian statement are
Ukrainian; "both sides", "Russia and Ukraine" → unknown; people hit by shelling, strikes or missiles → civilian;
population and displaced figures → civilian; otherwise the nearest side word before the figure (the side that
"lost" or "suffered"; flipped when that side "killed"). A country or capital named as a place ("in eastern
Ukraine", "the invasion of Ukraine") is neither a side nor the speaker (``_names_a_place``).
"""

from __future__ import annotations

from helpers import conflicts, sides
from helpers.casualties.grammar import _Reading
from helpers.casualties.lexicon import _lexicon
from helpers.casualties.numbers import _Mention, _Tok

__all__: list[str] = []

_ACTIVE_HARM = {  # verbs whose subject is the side that did the killing: the victims are the other side
    "killed", "killing", "kills", "kill", "eliminated", "eliminating", "liquidated", "destroyed", "destroying",
    "wounding", "injuring", "captured", "capturing", "took", "taken",
}
_EUPHEMISMS = {"eliminated", "liquidated", "destroyed", "neutralised", "neutralized", "eliminating", "destroying"}
_RUSSIAN_EPITHETS = {"mercenaries", "nationalists", "militants"}  # "240 soldiers and mercenaries" (Konashenkov)
_LINKING_MODIFIERS = {"additional", "more", "other", "others", "further", "another"}
# a country named as a place, not as a side: "the invasion of Ukraine", "in eastern Ukraine", "across Russia"
_PLACE_WORDS = {"in", "into", "across", "throughout", "against", "on", "inside", "within"}
_PLACE_OF = {"invasion", "war", "east", "south", "north", "west", "part", "parts", "territory", "regions", "region",
             "cities", "city", "towns", "villages", "people", "citizens", "residents"}
_PLACE_KINDS = {"state", "capital"}  # the kinds of side word that can name a place


def _opposite(side: str | None) -> str:
    return conflicts.opposite(side)


def _speaker_side(source: str | None, sentence: str) -> str | None:
    """The side of the first belligerent name in the source, else in the sentence (``helpers.sides`` reader
    ``"speaker"``); a name after a place preposition is not the speaker ("… in Ukraine")."""
    table, lexicon = sides.lexicon("speaker")
    for text in (source, sentence):
        if not text:
            continue
        for start, _end, row in lexicon.finditer(text):
            if not set(text[:start].lower().split()[-1:]) & _PLACE_WORDS:
                return table.at[row, "side"]
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
        if speaker == "russian" and key in _RUSSIAN_EPITHETS:
            continue  # Russian statements' words for Ukraine's fighters, whatever sides.csv says of "mercenaries"
        cue = (lex.party["np"].get(key) or sides.token_side(key, "np")
               or (person[1] if person and person[0] != "generic" else ""))
        if cue:
            found.add(cue)
    mercenary_talk = any(k in _RUSSIAN_EPITHETS for k in np_keys)
    if speaker == "russian" and mercenary_talk and "russian" not in found:
        return "ukrainian"
    nations = found & set(conflicts.active().sides)
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
    joined = " ".join(keys)
    if lex.sides_re.search(joined) or sides.both_sides_regex().search(joined):
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
        found_side = sides.token_match(key, "context")
        cue = found_side[0] if found_side else None
        if cue and found_side[1] in _PLACE_KINDS and _names_a_place(keys, x):
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
