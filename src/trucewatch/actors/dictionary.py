"""The actor dictionary: named actors, generic roles per country, date-aware resolution."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass, field

from trucewatch.actors.countries import CountryTable
from trucewatch.actors.normalize import is_case_sensitive, normalize, strip_article
from trucewatch.model import Actor, ActorRef


def _words(text: str) -> list[str]:
    """Single words and adjacent pairs of a phrase ("Saudi Arabian", "Iraqi")."""
    words = text.replace("\u2019", "'").replace("'s", "").split()
    return words + [" ".join(words[i : i + 2]) for i in range(len(words) - 1)]


_GENERIC_ID = re.compile(r"^(?P<role>[a-z]+(?:-[a-z]+)*?)(?:-(?P<iso>[a-z]{2}))?$")


@dataclass(slots=True)
class Role:
    """A generic actor type instantiated per country ("Military Forces of {of_name}")."""

    id: str
    template: str
    bare_name: str
    inter: int | None
    kind: str
    phrases: tuple[str, ...]
    hints: tuple[str, ...] = ()
    inter_abroad: int | None = None
    side: str | None = None
    cameo: str | None = None
    fallback: str | None = None
    default: str | None = None  # actor id when no actor claims the role in the country


#: The end of a militia's name that the text gave and ACLED completes with its country ("... Clan Militia").
MILITIA = " Militia"


@dataclass
class ActorDictionary:
    """Named actors plus generic roles; see ``trucewatch.actors`` for the lookup rules."""

    entries: dict[str, Actor]
    roles: dict[str, Role]
    countries: CountryTable
    attack_nouns: tuple[str, ...] = ()
    member_nouns: tuple[str, ...] = ()
    group_heads: dict[str, str] = field(default_factory=dict)
    #: actor id -> words that name it before "-held"/"-controlled" ("regime-held")
    hints: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: actor id -> inter code when acting outside its country (8)
    inter_abroad: dict[str, int] = field(default_factory=dict)
    #: (role id, iso2) -> actor id standing for it ("military", "SY") -> "syria-military"
    generic_of: dict[tuple[str, str], str] = field(default_factory=dict)
    #: actor id -> country where it mostly fights, when not its own (Hezbollah -> SY), for article context
    theatre: dict[str, str] = field(default_factory=dict)
    #: actor id -> id of the record that replaced it (nusra -> jfs -> hts)
    successors: dict[str, str] = field(default_factory=dict)
    #: (actor id, iso2) -> the entry naming that actor in that country ("isis", "SY") -> "isis-sy"
    branches: dict[tuple[str, str], str] = field(default_factory=dict)
    #: files the dictionary was read from
    paths: tuple[str, ...] = ()
    _index: dict[str, list[str]] = field(default_factory=dict, repr=False)  # normalized alias -> ids
    _exact: dict[str, list[str]] = field(default_factory=dict, repr=False)  # case-sensitive alias -> ids
    _role_index: dict[str, str] = field(default_factory=dict, repr=False)  # normalized phrase -> role id
    _generated: dict[str, Actor] = field(default_factory=dict, repr=False)
    _generated_role: dict[str, str] = field(default_factory=dict, repr=False)
    _predecessor: dict[str, str] = field(default_factory=dict, repr=False)
    #: per-vocab compiled matchers, filled by trucewatch.actors.matcher
    matchers: dict[int, object] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for actor in self.entries.values():
            for alias in (actor.name, *actor.aliases):
                alias = strip_article(alias)
                if is_case_sensitive(alias):
                    self._exact.setdefault(alias, []).append(actor.id)
                else:
                    ids = self._index.setdefault(normalize(alias), [])
                    if actor.id not in ids:
                        ids.append(actor.id)
        for role in self.roles.values():
            for phrase in role.phrases:
                self._role_index.setdefault(normalize(phrase), role.id)
        for actor_id in self.entries:
            succ = self.successor(actor_id)
            if succ:
                self._predecessor[succ] = actor_id

    # --- lookups ---------------------------------------------------------------------------

    def get(self, actor_id: str) -> Actor | None:
        """A dictionary actor, or a generic one by id ("military-iq", "civilians-ye", "civilians")."""
        if actor_id in self.entries:
            return self.entries[actor_id]
        if actor_id in self._generated:
            return self._generated[actor_id]
        m = _GENERIC_ID.match(actor_id)
        if not m:
            return None
        role, iso = m.group("role"), m.group("iso")
        if role not in self.roles:  # a role id itself may contain a dash ("armed-group")
            if iso and f"{role}-{iso}" in self.roles:
                role, iso = f"{role}-{iso}", None
            else:
                return None
        return self.generic(role, iso.upper() if iso else None)

    def actors(self) -> list[Actor]:
        """Every actor defined in the dictionary files (generic per-country actors are built on demand)."""
        return list(self.entries.values())

    def by_side(self, side: str) -> list[Actor]:
        return [a for a in self.entries.values() if a.side == side]

    def successor(self, actor_id: str) -> str | None:
        return self.successors.get(actor_id)

    def lineage(self, actor_id: str) -> list[Actor]:
        """The chain of names an organisation went through, oldest first (nusra, jfs, hts)."""
        first = actor_id
        seen = {first}
        while first in self._predecessor and self._predecessor[first] not in seen:
            first = self._predecessor[first]
            seen.add(first)
        chain = [self.entries[first]]
        while (
            (nxt := self.successor(chain[-1].id)) and nxt in self.entries and nxt not in {a.id for a in chain}
        ):
            chain.append(self.entries[nxt])
        return chain

    def at_date(self, actor: Actor, on: dt.date | None) -> Actor:
        """The record of ``actor``'s lineage valid on ``on`` (the actor itself when no date or no lineage)."""
        if on is None:
            return actor
        chain = self.lineage(actor.id)
        if len(chain) == 1:
            return actor
        for rec in chain:
            if (rec.valid_from is None or rec.valid_from <= on) and (
                rec.valid_to is None or on <= rec.valid_to
            ):
                return rec
        return chain[0] if chain[0].valid_from and on < chain[0].valid_from else chain[-1]

    def alias_ids(self, text: str) -> list[str]:
        """Actor ids whose name or alias is ``text`` (acronyms compared case-sensitively)."""
        exact = self._exact.get(strip_article(text).strip())
        if exact:
            return exact
        return self._index.get(normalize(text), [])

    def role_of(self, text: str) -> str | None:
        return self._role_index.get(normalize(text))

    def resolve(self, text: str, on: dt.date | None = None, country: str | None = None) -> Actor | None:
        """The actor a phrase names, or None.

        Order: a dictionary name/alias; "<name> fighters"; a country or demonym plus a role
        ("Iraqi troops", "Iraq's army"); a bare role with ``country`` ("troops" -> that country's military).
        With ``on``, an organisation that changed name resolves to the record valid that day.
        """
        ids = self.alias_ids(text)
        if ids:
            return self._pick(ids, on)
        words = normalize(text).replace("'s ", " ").split()
        for i in range(len(words) - 1, 0, -1):
            head, tail = " ".join(words[:i]), " ".join(words[i:])
            tail_role = self._role_index.get(tail)
            if (tail_role or tail in self.member_nouns) and (ids := self.alias_ids(head)):
                return self._pick(ids, on)
            iso = self.countries.lookup(head)
            if iso and tail_role:
                return self.generic(tail_role, iso)
        role = self._role_index.get(" ".join(words))
        if role:
            return self.generic(role, country)
        return None

    def _pick(self, ids: list[str], on: dt.date | None) -> Actor:
        actors = [self.entries[i] for i in ids]
        if on is not None:
            for a in actors:
                rec = self.at_date(a, on)
                if (rec.valid_from is None or rec.valid_from <= on) and (
                    rec.valid_to is None or on <= rec.valid_to
                ):
                    return rec
        return self.at_date(actors[0], on)

    def role_of_hint(self, text: str) -> str | None:
        """The role whose control hint opens ``text`` ("opposition-held town" -> "rebels")."""
        first = normalize(text.replace("\u2013", "-").split("-")[0])
        return next((r.id for r in self.roles.values() if first in {normalize(h) for h in r.hints}), None)

    def role_of_actor(self, actor_id: str) -> str | None:
        """The generic role an actor id stands for ("military-iq" -> "military"; "syria-military" -> "military")."""
        if actor_id not in self.entries:
            self.get(actor_id)  # builds generic actors on demand
            return self._generated_role.get(actor_id)
        for (role, _), claimed in self.generic_of.items():
            if claimed == actor_id:
                return role
        return None

    def relocate(self, ref: ActorRef, country: str) -> ActorRef:
        """The same mention as the generic actor of ``country``, when its country came from context.

        For the events stage: "troops" resolved with the article's country can be moved to the country of
        the event's location. Mentions naming their country ("Iraqi troops") or a named actor are returned as-is.
        """
        named = self._named_in(ref, country)
        if named is not None:
            return named
        if ref.actor_id is None and ref.kind == "militia" and not ref.country and (ref.name or "").endswith(MILITIA):
            # a militia named by the text with no country known yet ("Habar Gidir Sub-Clan Militia")
            place = self.countries.get(country)
            return ref if place is None else dataclasses.replace(ref, name=f"{ref.name} ({place.name})", country=place.iso2)
        if ref.actor_id in self.entries and not ref.implied and self.role_of_actor(ref.actor_id) is None:
            return ref  # a named actor, also when a bare role refers back to it ("the militants")
        role = self.role_of(ref.text)  # the phrase is a bare role ("troops", "separatists") ...
        if role is None and ref.implied:  # ... or a control hint ("rebel-held"), whose role a fallback hid
            role = self.role_of_hint(ref.text)
        if role is None and ref.actor_id and (ref.implied or ref.actor_id not in self.entries):
            role = self.role_of_actor(ref.actor_id)  # ... or a control hint / generated generic actor
        if role is None or any(self.countries.lookup(w) for w in _words(ref.text)):
            return ref
        actor = self.generic(role, country)
        if actor is None or actor.id == ref.actor_id:
            return ref
        inter = actor.inter or None
        if actor.kind == "source":
            inter = None
        elif actor.country and actor.country != country.upper() and actor.id in self.inter_abroad:
            inter = self.inter_abroad[actor.id]
        return dataclasses.replace(
            ref,
            actor_id=actor.id,
            name=actor.name,
            inter=inter,
            side=actor.side,
            country=actor.country,
            kind=actor.kind,
        )

    def _named_in(self, ref: ActorRef, country: str) -> ActorRef | None:
        """A named actor as it is known in ``country``: the organisation's branch there ("Islamic State" in
        Somalia), or, for an alias that several actors share ("SNA"), the one of that country."""
        if ref.actor_id not in self.entries:
            return None
        iso = country.upper()
        other = self.branches.get((ref.actor_id, iso))
        if other is None and self.entries[ref.actor_id].country != iso:
            ids = self.alias_ids(ref.text)
            if len(ids) < 2:  # "SNA fighters": the alias without its member noun
                words = ref.text.split()
                ids = self.alias_ids(" ".join(words[:-1])) if len(words) > 1 else ids
            other = next((i for i in ids if i != ref.actor_id and self.entries[i].country == iso), None)
        if other is None or other == ref.actor_id:
            return None
        actor = self.entries[other]
        return dataclasses.replace(
            ref, actor_id=actor.id, name=actor.name, inter=actor.inter or None, side=actor.side,
            country=actor.country, kind=actor.kind,
        )

    # --- generic actors --------------------------------------------------------------------

    def generic(self, role_id: str, iso2: str | None) -> Actor | None:
        """The actor for a role in a country: a dictionary entry that claims it, else a generated one."""
        role = self.roles.get(role_id)
        if role is None:
            return None
        iso2 = iso2.upper() if iso2 else None
        if iso2 and (role_id, iso2) in self.generic_of:
            return self.entries[self.generic_of[(role_id, iso2)]]
        if role.default and role.default in self.entries:
            return self.entries[role.default]
        if iso2 and role.fallback and role.fallback in self.roles:
            return self.generic(role.fallback, iso2)
        country = self.countries.get(iso2)
        actor_id = f"{role.id}-{iso2.lower()}" if country else role.id
        if actor_id in self._generated:
            return self._generated[actor_id]
        if country:
            name = role.template.format(name=country.name, of_name=country.of_name)
        else:
            name = role.bare_name
        cameo = f"{country.iso3}{role.cameo}" if country and country.iso3 and role.cameo else role.cameo
        actor = Actor(
            id=actor_id,
            name=name,
            inter=role.inter if role.inter is not None else 0,
            country=iso2 if country else None,
            side=role.side,
            kind=role.kind,
            cameo=cameo,
        )
        if role.inter_abroad:
            self.inter_abroad[actor_id] = role.inter_abroad
        self._generated[actor_id] = actor
        self._generated_role[actor_id] = role.id
        return actor
