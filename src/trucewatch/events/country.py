"""Which country an event's generic actors take ("Protesters (X)", "Civilians (X)", "Police Forces of X").

By default the country of the event's place. Rules of phase ``actor-country`` may overrule it when the place
looks like a namesake abroad: a place whose country nothing else in the text names, while the text's other
places and its political parties agree on another country. The event keeps its place; only the country
its generic actors are coded with changes (the place itself is the places stage's choice).
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

from trucewatch import rules
from trucewatch.config import settings
from trucewatch.model import ActorRef, Location

#: Actor kinds that stay in their own country (parties): they may vote against a doubtful place. Armed groups and
#: forces cross borders (a group's raid across the border, an air force abroad): they only support a place.
HOME_KINDS = frozenset({"political"})  # not vocabulary: actor kinds


@dataclass(slots=True)
class PlaceCase:
    """What an ``actor-country`` rule reads: the event's place and everything the article names."""

    place: Location
    locations: list[Location]
    refs: list[ActorRef]
    dictionary: Any


def _key(text: str) -> str:
    """A place name compared without accents, case, spaces or punctuation ("Al-Bukamal" = "Ālbū Kamāl")."""
    plain = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in plain.lower() if ch.isalnum())


def _words(text: str) -> list[str]:
    return [k for k in (_key(w) for w in text.replace("-", " ").split()) if k]


def same_name(loc: Location) -> bool:
    """The text names the resolved place itself ("Mandera" for "Mandera County", "Talbiseh" for "Tallbisah"),
    not a place of another name the gazetteer matched ("Ein" read as "Eindhoven")."""
    if loc.place is None:
        return False
    said_key = _key(loc.text)
    if said_key == _key(loc.place.name):
        return True
    if any(_key(c[1]) == said_key and c[2] == loc.place.country for c in loc.candidates):
        return True  # the gazetteer matched the name exactly, then reported the division it lies in
    said, name = _words(loc.text), _words(loc.place.name)
    if said and name[: len(said)] == said:
        return True  # "Mandera" for "Mandera County"
    return SequenceMatcher(None, said_key, _key(loc.place.name)).ratio() >= settings().actors_place_name_similarity


def explicit(ref: ActorRef, dictionary: Any) -> bool:
    """A dictionary actor whose country the mention states (a named actor, "Lebanese troops"), rather than a
    generic role or an unknown name that took the article's country."""
    if not ref.country or ref.implied or ref.actor_id is None or not hasattr(dictionary, "role_of_actor"):
        return False
    if dictionary.role_of_actor(ref.actor_id) is None:
        return True  # a dictionary actor that is not a generic role
    return dictionary.role_of(ref.text) is None  # "Lebanese troops": the country is a word of the mention


def _other_places(case: PlaceCase) -> list[Location]:
    """The article's other places, named as the gazetteer spells them, one per name."""
    own = _key(case.place.text)
    seen: set[str] = set()
    out: list[Location] = []
    for loc in case.locations:
        k = _key(loc.text)
        if k == own or k in seen or not same_name(loc):
            continue
        seen.add(k)
        out.append(loc)
    return out


def _countries(loc: Location) -> set[str]:
    """The countries where the gazetteer knows a place of the very name the text writes ("Colombo": Brazil and
    Sri Lanka; a candidate of another name, "Burke" for "Baku", does not count)."""
    said = _key(loc.text)
    found = {c[2] for c in loc.candidates if _key(c[1]) == said}
    return found | ({loc.place.country} if loc.place and said == _key(loc.place.name) else set())


def _is_country(loc: Location) -> bool:
    return loc.place is not None and loc.place.feature_class == "A" and loc.place.feature_code.startswith("PCL")


@rules.rule(
    "actors.namesake-abroad",
    phase="actor-country",
    reason='A place read as a namesake abroad ("Colombo" as the Brazilian town in a note about Sri Lankan parties, a '
    "village matched to a town of another name) does not decide the country of the generic actors when nothing else "
    "in the text names its country and the text's other places and non-state actors agree on another one.",
)
def namesake_abroad(case: PlaceCase) -> str | None:
    home = case.place.place.country if case.place.place else None
    if not home:
        return None
    own = _key(case.place.text)
    if any(loc.place and loc.place.country == home and _key(loc.text) != own for loc in case.locations):
        return None  # another place of the text lies in the place's country (however it is spelled)
    party_votes: Counter[str] = Counter()
    for r in case.refs:
        if not explicit(r, case.dictionary):
            continue
        if r.country == home:
            return None  # the text names an actor of the place's country
        if r.kind in HOME_KINDS:  # forces and armed groups cross borders: they never vote against the place
            party_votes[str(r.country)] += 1
    votes = Counter(party_votes)
    towns: set[str] = set()
    for loc in _other_places(case):
        if _is_country(loc):
            continue  # a country named in passing ("a protest against the United States") says nothing of where
        where = loc.place.country if loc.place else None
        # a name the gazetteer also knows in the parties' country ("Colombo") is read there
        where = next((c for c, _ in party_votes.most_common() if c in _countries(loc)), where)
        if where:
            votes[where] += 1
            towns.add(where)
    if not votes:
        return None
    best = votes.most_common()
    if len(best) > 1 and best[0][1] == best[1][1]:
        return None  # the text does not agree on one country
    other = best[0][0]
    doubtful = (
        not same_name(case.place)  # matched to a place of another name ("Ein" -> "Eindhoven")
        or other in _countries(case.place)  # the gazetteer also knows the name in the other country
        or (_is_country(case.place) and other in towns)  # a country named in passing, the towns elsewhere
    )
    return other if doubtful and other != home else None


def event_country(
    place: Location | None, locations: list[Location], refs: list[ActorRef], dictionary: Any, fallback: str | None
) -> str | None:
    """The country of the event's generic actors: its place's, unless a rule of ``actor-country`` overrules it;
    ``fallback`` (the article's actors' country) when no place resolves."""
    if place is None or place.place is None:
        return fallback
    case = PlaceCase(place, locations, refs, dictionary)
    for r in rules.active("actor-country"):
        found = r.fn(case)
        if found:
            return str(found)
    return place.place.country
