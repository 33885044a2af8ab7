"""ACLED's convention for party members as targets: in violence against civilians, riots, explosions and
strategic developments (arrests), people attacked or held for their party are "Civilians (Country)" with the
party as an associated actor, not the party itself as actor2 (a rule of phase ``convention``, switched off by name
with ``rules_off``). Battles and protests keep the party."""

from __future__ import annotations

from trucewatch import rules
from trucewatch.events.conventions import Case, generic_ref
from trucewatch.events.roles import Role

#: Event types whose targets ACLED codes as civilians, whatever party they belong to.
VICTIM_TYPES = frozenset(  # not vocabulary: ACLED event types
    {"Violence against civilians", "Riots", "Explosions/Remote violence", "Strategic developments"}
)
PARTY_KIND = "political"  # not vocabulary: actor kind


@rules.rule(
    "convention.party-victims",
    phase="convention",
    order=65,
    reason='Violence against civilians, a riot, an explosion or an arrest whose target is a party ("attacked UNP '
    'supporters"): the targets are "Civilians (Country)" and the party is their associated actor.',
)
def party_victims(c: Case) -> None:
    roles = c.roles
    party = roles.actor2
    if c.etype not in VICTIM_TYPES or party is None or party.ref.kind != PARTY_KIND:
        return
    if roles.actor1 is not None and roles.actor1.ref.start == party.ref.start:
        return  # one mention on both sides: no victim was told apart
    where = c.country or party.ref.country
    ref = generic_ref("civilians", where, c.dictionary, party.ref.text, party.ref.start, party.ref.end)
    roles.assoc2.append(party)
    roles.actor2 = Role(ref, party.method + "-as-civilians", party.confidence)
