"""ACLED actor conventions applied once a mention's sub-type and country are known.

- Protests: the protesters are actor1, an intervening force actor2 (none for a peaceful protest).
- Riots: a crowd that turns violent is "Rioters (Country)"; its civilian victims are actor2.
- Violence at a civilian place ("a market", "homes") or against unarmed people has "Civilians (Country)" as actor2.
- A planted explosive (IED, landmine) with no one named: an unidentified armed group planted it.
- Non-violent transfer of territory: the side taking the ground is actor1, the side leaving it actor2.
- Generic actors resolved with the article's country move to the country of the event's place.
"""

from __future__ import annotations

from typing import Any

from trucewatch.events import codes as codes_mod
from trucewatch.events.roles import Role, Roles
from trucewatch.lexicon import lexicon
from trucewatch.model import ACLED_SUBTYPE_PARENT, ActorRef

TRANSFER = "Non-violent transfer of territory"
CROWD_KINDS = frozenset({"protesters", "civilians", "rioters"})
#: role id -> (name template, inter, kind, side) used when no actor dictionary is given
GENERIC: dict[str, tuple[str, int, str, str | None]] = {  # not vocabulary
    "civilians": ("Civilians ({})", 7, "civilians", "civilian"),
    "protesters": ("Protesters ({})", 6, "protesters", None),
    "rioters": ("Rioters ({})", 5, "rioters", None),
    "armed-group": ("Unidentified Armed Group ({})", 3, "armed_group", None),
}
#: Explosives someone planted: with no one named, ACLED codes the planter as an unidentified armed group.
PLANTED_TYPES = frozenset({"Remote explosive/landmine/IED"})
#: Trigger words naming the device itself; "a blast" or "an explosion" may be any weapon's effect.
DEVICE_WORDS = lexicon().words("explosive_device_words")
#: Event types whose victims at a civilian place are coded as civilians (never battles or protests).
CIVILIAN_TARGET_TYPES = frozenset(
    {"Explosions/Remote violence", "Violence against civilians", "Riots", "Strategic developments"}
)


def generic_ref(
    role: str, country: str | None, dictionary: Any, text: str, start: int, end: int, conf: float = 0.6
) -> ActorRef:
    """The generic actor of ``role`` in ``country`` ("Civilians (Syria)") as a mention at ``start:end``."""
    actor = None
    if dictionary is not None and hasattr(dictionary, "generic"):
        actor = dictionary.generic(role, country)
    if actor is not None:
        return actor.mention(text, start, end, conf)
    template, inter, kind, side = GENERIC[role]
    name = codes_mod.country_name(country)
    return ActorRef(
        text=text,
        start=start,
        end=end,
        actor_id=None,
        name=template.format(name) if name else template.split(" (")[0],
        inter=inter,
        side=side,
        country=country,
        kind=kind,
        confidence=conf,
    )


def relocate(ref: ActorRef | None, country: str | None, dictionary: Any) -> ActorRef | None:
    """A generic actor found with the article's country, moved to the event's country."""
    if ref is None or not country or dictionary is None or not hasattr(dictionary, "relocate"):
        return ref
    if ref.country and ref.country.upper() == country.upper():
        return ref
    return dictionary.relocate(ref, country)


def _as(
    role: str, r: Role | None, country: str | None, dictionary: Any, trigger: tuple[str, int, int]
) -> Role:
    """``r``'s mention recoded as the generic ``role`` (or the trigger's span when there is none)."""
    if r is not None and r.ref.kind == GENERIC[role][2]:
        return r
    text, start, end = (r.ref.text, r.ref.start, r.ref.end) if r is not None else trigger
    where = country or (r.ref.country if r is not None else None)
    ref = generic_ref(role, where, dictionary, text, start, end)
    return Role(
        ref, (r.method if r is not None else "convention") + f"-as-{role}", r.confidence if r else 0.5
    )


def apply(
    roles: Roles, sub: str, country: str | None, dictionary: Any, trigger: tuple[str, int, int]
) -> None:
    """Recode ``roles`` in place by the ACLED conventions of ``sub``'s event type."""
    etype = ACLED_SUBTYPE_PARENT.get(sub)
    found = [r for r in (roles.actor1, roles.actor2) if r is not None]
    crowd = next((r for r in found if r.ref.kind in CROWD_KINDS), None)
    others = [r for r in [*found, *roles.extra] if r.ref.kind not in CROWD_KINDS and not r.ref.implied]
    if etype == "Protests":
        roles.actor1 = _as("protesters", crowd, country, dictionary, trigger)
        roles.actor2 = others[0] if others and sub != "Peaceful protest" else None
        return
    if etype == "Riots":
        if roles.actor1 is None or roles.actor1.ref.kind in CROWD_KINDS or crowd is roles.actor2:
            first = crowd if crowd is not None and crowd is not roles.actor2 else roles.actor1
            if crowd is roles.actor2 and roles.actor2 is not None and roles.actor2.ref.kind != "civilians":
                first, roles.actor2 = (
                    roles.actor2,
                    (others[0] if others else None),
                )  # "police clashed with rioters"
            if first is None or first.ref.kind in CROWD_KINDS:
                roles.actor1 = _as("rioters", first, country, dictionary, trigger)
    if (
        sub in PLANTED_TYPES
        and roles.actor1 is None
        and DEVICE_WORDS.intersection(trigger[0].lower().split())
    ):
        text, start, end = trigger
        where = country or (roles.actor2.ref.country if roles.actor2 else None)
        ref = generic_ref("armed-group", where, dictionary, text, start, end, 0.4)
        roles.actor1 = Role(ref, "unclaimed-explosive", 0.4)
    if sub == TRANSFER and roles.receiver is not None:
        # ACLED: in a non-violent transfer the side that takes the ground is actor1, the side leaving actor2
        leaver = roles.actor1
        if leaver is None or leaver.ref is not roles.receiver.ref:
            roles.actor1, roles.actor2 = roles.receiver, leaver or roles.actor2
    if etype in CIVILIAN_TARGET_TYPES and roles.actor2 is None and roles.civilian_target:
        text, start, end = trigger
        where = country or (roles.actor1.ref.country if roles.actor1 else None)
        roles.actor2 = Role(
            generic_ref("civilians", where, dictionary, text, start, end), "civilian-target", 0.5
        )
