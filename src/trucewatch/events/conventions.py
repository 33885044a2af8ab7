"""ACLED actor conventions applied once a mention's sub-type and country are known.

Each convention is a registered rule (phase ``convention`` of ``trucewatch.rules``, switched off by name with
``rules_off``); ``apply`` runs them in order and adds the names of those that changed a role to ``Roles.fired``.

- Protests and riots whose doers name no known actor: the generic crowd is read from those words; generic
  victims likewise from the target's words.
- Protests: the protesters are actor1, an intervening force actor2 (none for a peaceful protest).
- Riots: a crowd that turns violent is "Rioters (Country)" (actor1, also when a party's supporters riot: the
  party is an associated actor); its civilian victims are actor2, a force it fights actor2.
- Violence at a civilian place ("a market", "homes") or against unarmed people has "Civilians (Country)" as actor2.
- A planted explosive (IED, landmine) with no one named: an unidentified armed group planted it.
- An attack on civilians, an abduction, a grenade or a bomb with no doer named: an unidentified armed group.
- An air strike with no state named: "Unidentified Military Forces" (an armed group named nearby does not fly).
- Non-violent transfer of territory: the side taking the ground is actor1, the side leaving it actor2.
- An agreement with no party named, announced by a party: the announcing party is actor1.
- Generic actors resolved with the article's country move to the country of the event's place.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from trucewatch import rules
from trucewatch.config import settings
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
#: Sub-types whose doer, when the text names none, ACLED codes as an unidentified armed group (a planted
#: explosive only when the trigger names the device: see ``convention.unclaimed-explosive``).
UNCLAIMED_TYPES = frozenset(  # not vocabulary
    {"Attack", "Abduction/forced disappearance", "Sexual violence", "Grenade", "Suicide bomb"}
)
AIR_STRIKE = "Air/drone strike"
AGREEMENT = "Agreement"
#: Protests someone broke up: with no force named, ACLED's usual intervener is the police.
INTERVENED = frozenset({"Protest with intervention", "Excessive force against protesters"})  # not vocabulary
#: Sub-types whose target, when the text names none, ACLED codes as civilians: violence against civilians by
#: definition, and the acts whose unnamed targets are mostly civilians in ACLED's coding.
CIVILIAN_DEFAULT_TYPES = frozenset(  # not vocabulary
    {"Attack", "Abduction/forced disappearance", "Sexual violence", "Air/drone strike", "Grenade",
     "Looting/property destruction", "Arrests"}  # people held, named by no group: civilians (not suspects)
)
ARRESTS = "Arrests"
RIOT = "Violent demonstration"
#: Harm verbs ("killed", "wounded"): a trigger of these words alone is often the toll of an event told
#: elsewhere, so it gets no default doer (a toll without a doer stays open to merging with its event).
HARM_WORDS = lexicon().words("role_harm_verbs")
AUX_LEMMAS = frozenset({"be", "get"})  # not vocabulary: "were killed", "got wounded"
#: "Two rockets were intercepted": the defending state's forces stopped them.
INTERCEPTION = lexicon().words("interception_lemmas")
DISRUPTED = "Disrupted weapons use"
#: Trigger lemmas of weapons found or seized (not stopped in flight, not an attack foiled).
WEAPON_FINDS = lexicon().words("weapon_find_lemmas")
#: Role methods of an agent phrase ("planted by X"): the weapon's owner in a disrupted weapons use.
PLANTER_METHODS = frozenset({"prep-by", "acl-agent"})  # not vocabulary: role method names
#: The dictionary's actor for an air strike by an unnamed state.
UNIDENTIFIED_MILITARY = "unidentified-military"
#: inter codes of forces that fly: state forces at home and abroad.
STATE_INTER = frozenset({1, 8})
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


def generic_military(
    country: str, dictionary: Any, text: str, start: int, end: int, conf: float
) -> ActorRef | None:
    """The state forces of ``country`` as a mention at ``start:end`` (None without a dictionary)."""
    actor = dictionary.generic("military", country) if hasattr(dictionary, "generic") else None
    return actor.mention(text, start, end, conf) if actor is not None else None


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


@dataclass(slots=True)
class Case:
    """What a convention rule reads and recodes: the mention's roles, sub-type, country and trigger span."""

    roles: Roles
    sub: str
    etype: str | None
    country: str | None
    dictionary: Any
    trigger: tuple[str, int, int]
    #: lower-case lemmas of the trigger's words
    lemmas: frozenset[str] = frozenset()
    #: the doer's words when they name no known actor (text, start, end), from ``Roles.crowd_words``
    crowd: tuple[str, int, int] | None = None
    #: the span a generic crowd is read from (set by ``convention.crowd-words``; else the trigger's)
    crowd_span: tuple[str, int, int] | None = None
    #: the first target's words when they name no known actor, from ``Roles.target_words``
    victims: tuple[str, int, int] | None = None
    #: the span generic victims are read from (set by ``convention.victim-words``; else the trigger's)
    victim_span: tuple[str, int, int] | None = None


def convention(name: str, order: int, reason: str) -> Any:
    return rules.rule(name, phase="convention", reason=reason, order=order)


def apply(
    roles: Roles,
    sub: str,
    country: str | None,
    dictionary: Any,
    trigger: tuple[str, int, int],
    lemmas: frozenset[str] = frozenset(),
    crowd: tuple[str, int, int] | None = None,
    victims: tuple[str, int, int] | None = None,
) -> None:
    """Recode ``roles`` in place by the ACLED conventions of ``sub``'s event type (``lemmas``: the
    trigger's lemmas, lower case; ``crowd``/``victims``: the doer's / the first target's words when they name no
    known actor)."""
    case = Case(roles, sub, ACLED_SUBTYPE_PARENT.get(sub), country, dictionary, trigger, lemmas, crowd, None, victims)
    for r in rules.active("convention", settings().rules_off):
        a1, a2 = roles.actor1, roles.actor2
        r.fn(case)
        if roles.actor1 is not a1 or roles.actor2 is not a2:
            roles.fired.append(r.name)


def _default_confidence(roles: Roles) -> float:
    """A doer supplied by convention: as sure as the mention's scoring took a known unknown ("a suicide
    bomber", "warplanes") or a missing doer to be."""
    return 0.8 if roles.unowned_agent else 0.3


def _generic_role(ref: ActorRef, dictionary: Any) -> bool:
    """``ref`` is a generic actor ("rebels", "gunmen"), not a named organisation."""
    if ref.actor_id is None or not hasattr(dictionary, "role_of_actor"):
        return False
    return dictionary.role_of_actor(ref.actor_id) is not None


def _only_harm(c: Case) -> bool:
    """The trigger is a harm verb alone ("killed", "were wounded")."""
    return bool(c.lemmas) and c.lemmas <= HARM_WORDS | AUX_LEMMAS


def _crowd(roles: Roles) -> tuple[Role | None, list[Role]]:
    found = [r for r in (roles.actor1, roles.actor2) if r is not None]
    crowd = next((r for r in found if r.ref.kind in CROWD_KINDS), None)
    others = [r for r in [*found, *roles.extra] if r.ref.kind not in CROWD_KINDS and not r.ref.implied]
    return crowd, others


@convention(
    "convention.crowd-words",
    5,
    'A protest or riot whose doers name no known actor ("thousands of ethnic Kurds marched"): the generic crowd '
    "(\"Protesters (Country)\") is read from those words, not from the trigger.",
)
def crowd_words(c: Case) -> None:
    if c.crowd is not None and c.etype in ("Protests", "Riots"):
        c.crowd_span = c.crowd


@convention(
    "convention.victim-words",
    6,
    'Violence whose victims name no known actor ("kidnapped 16 foreign advisers"): generic victims ("Civilians '
    '(Country)") are read from those words, not from the trigger.',
)
def victim_words(c: Case) -> None:
    if c.victims is not None:
        c.victim_span = c.victims


@convention(
    "convention.protesters",
    10,
    "Protests: the protesters are actor1, an intervening force actor2 (none for a peaceful protest; the "
    "police when a protest was broken up by a force the sentence does not name).",
)
def protesters(c: Case) -> None:
    if c.etype != "Protests":
        return
    roles = c.roles
    crowd, others = _crowd(roles)
    roles.actor1 = _as("protesters", crowd, c.country, c.dictionary, c.crowd_span or c.trigger)
    roles.actor2 = others[0] if others and c.sub != "Peaceful protest" else None
    if roles.actor2 is None and c.sub in INTERVENED and c.country and hasattr(c.dictionary, "generic"):
        police = c.dictionary.generic("police", c.country)  # the intervention told apart: police by default
        if police is not None:
            text, start, end = c.trigger
            roles.actor2 = Role(police.mention(text, start, end, 0.3), "intervening-police", 0.3)


@convention(
    "convention.rioters",
    20,
    'Riots: the crowd is "Rioters (Country)"; a party whose supporters riot is an associated actor, a force '
    "the crowd fights is actor2.",
)
def rioters(c: Case) -> None:
    if c.etype != "Riots":
        return
    roles = c.roles
    crowd, others = _crowd(roles)
    crowd_is_target = crowd is not None and crowd is roles.actor2
    if roles.actor1 is None or roles.actor1.ref.kind in CROWD_KINDS or crowd_is_target:
        first = crowd if crowd is not None and crowd is not roles.actor2 else roles.actor1
        if crowd_is_target and roles.actor2 is not None and roles.actor2.ref.kind != "civilians":
            first, roles.actor2 = (
                roles.actor2,
                (others[0] if others else None),
            )  # "police clashed with rioters"
        if first is None or first.ref.kind in CROWD_KINDS:
            roles.actor1 = _as("rioters", first, c.country, c.dictionary, c.crowd_span or c.trigger)
        if roles.actor2 is not None and roles.actor2.ref.kind in CROWD_KINDS - {"civilians"}:
            # the crowd twice ("police clashed with rioters", the trigger naming the crowd): the force it fought
            roles.actor2 = next((o for o in others if o.ref.inter in STATE_INTER), None)
        return
    doer = roles.actor1  # a named doer of a riot: "supporters of X clashed", "police fought the crowd"
    crowd = crowd or next((r for r in roles.extra if r.ref.kind in CROWD_KINDS), None)
    if doer.ref.inter in STATE_INTER and crowd is None:
        return  # a force and no crowd anywhere: nothing says who rioted
    if doer.ref.inter in STATE_INTER:
        if roles.actor2 is None or roles.actor2.ref.kind in CROWD_KINDS:
            roles.actor2 = doer
    elif doer.ref.kind != "source":
        roles.assoc1.append(Role(doer.ref, doer.method + "-rioting", doer.confidence))
    roles.actor1 = _as("rioters", crowd if crowd is not roles.actor2 else None, c.country, c.dictionary, c.trigger)


@convention(
    "convention.riot-intervener",
    22,
    'A violent demonstration with no force named against it, whose paragraph says police or troops stepped in '
    '("Police fired tear gas"): that force is actor2.',
)
def riot_intervener(c: Case) -> None:
    roles, force = c.roles, c.roles.intervener
    if c.sub != RIOT or roles.actor2 is not None or force is None:
        return
    if roles.actor1 is not None and roles.actor1.ref.name == force.ref.name:
        return
    roles.actor2 = Role(relocate(force.ref, c.country, c.dictionary) or force.ref, "riot-intervener", 0.5)


@convention(
    "convention.unclaimed-explosive",
    30,
    "A planted explosive (IED, landmine) with no one named: an unidentified armed group planted it.",
)
def unclaimed_explosive(c: Case) -> None:
    roles = c.roles
    if (
        c.sub in PLANTED_TYPES
        and roles.actor1 is None
        and DEVICE_WORDS.intersection(c.trigger[0].lower().split())
    ):
        text, start, end = c.trigger
        where = c.country or (roles.actor2.ref.country if roles.actor2 else None)
        ref = generic_ref("armed-group", where, c.dictionary, text, start, end, 0.4)
        roles.actor1 = Role(ref, "unclaimed-explosive", 0.4)


@convention(
    "convention.unidentified-attacker",
    35,
    "An attack on civilians, an abduction, a rape, a grenade or a bomb with no doer named: ACLED codes an "
    "unidentified armed group of the country.",
)
def unidentified_attacker(c: Case) -> None:
    roles = c.roles
    if c.sub in UNCLAIMED_TYPES and roles.actor1 is None and not _only_harm(c):
        text, start, end = c.trigger
        where = c.country or (roles.actor2.ref.country if roles.actor2 else None)
        conf = _default_confidence(roles)
        ref = generic_ref("armed-group", where, c.dictionary, text, start, end, conf)
        roles.actor1 = Role(ref, "unidentified-attacker", conf)


@convention(
    "convention.unidentified-air",
    40,
    'An air strike with no state named ("warplanes struck", or only an armed group named nearby): '
    '"Unidentified Military Forces".',
)
def unidentified_air(c: Case) -> None:
    roles = c.roles
    if c.sub != AIR_STRIKE or _only_harm(c):
        return
    a1 = roles.actor1
    guessed = (
        a1 is not None
        and a1.ref.inter not in STATE_INTER
        and (a1.method.startswith("nearest") or _generic_role(a1.ref, c.dictionary))
    )  # a word nearby or "rebel" read as the owner: generic rebels and gunmen fly no aircraft
    if a1 is not None and not guessed:
        return
    text, start, end = c.trigger
    if guessed and roles.actor2 is None and a1 is not None:
        roles.actor2 = Role(a1.ref, a1.method + "-target", a1.confidence)  # "strikes on rebel areas"
    conf = _default_confidence(roles) if a1 is None else a1.confidence
    actor = c.dictionary.get(UNIDENTIFIED_MILITARY) if hasattr(c.dictionary, "get") else None
    if actor is not None:
        ref = actor.mention(text, start, end, conf)
    else:
        ref = ActorRef(text, start, end, None, "Unidentified Military Forces", 8, None, None, "external", conf)
    roles.actor1 = Role(ref, "unidentified-air", conf)


@convention(
    "convention.interceptor",
    45,
    'A missile, rocket or drone intercepted with no interceptor named: the state forces of the place where it '
    "was stopped; whoever launched it is actor2.",
)
def interceptor(c: Case) -> None:
    roles = c.roles
    if c.sub != DISRUPTED or not c.country or not (c.lemmas & INTERCEPTION):
        return
    a1 = roles.actor1
    if a1 is not None and a1.ref.inter in STATE_INTER:
        return
    text, start, end = c.trigger
    conf = a1.confidence if a1 is not None else _default_confidence(roles)
    military = generic_military(c.country, c.dictionary, text, start, end, conf)
    if military is None:
        return
    a2 = roles.actor2
    if a2 is not None and a2.ref.kind == military.kind and (a2.ref.country or c.country) == military.country:
        a2 = None  # "a drone" read as the country's own military: the object stopped, not a party
    roles.actor2 = a1 if a1 is not None else a2
    roles.actor1 = Role(military, "interceptor", conf)


@convention(
    "convention.weapons-owner",
    47,
    'Disrupted weapons use: whoever finds, defuses or seizes the weapon is actor1, its owner or planter ("an X '
    'weapons cache", "an IED planted by X") actor2.',
)
def weapons_owner(c: Case) -> None:
    roles = c.roles
    a1 = roles.actor1
    if c.sub != DISRUPTED or a1 is None:
        return
    if a1.method == "modifier":  # "discovered an X weapons cache": X owned it
        finder = next((r for r in roles.extra if r.method == "subject" and r.ref.name != a1.ref.name), None)
        if finder is not None:
            roles.actor1 = finder
            if roles.actor2 is None or roles.actor2.ref.name in (a1.ref.name, finder.ref.name):
                roles.actor2 = a1
        return
    if roles.actor2 is None:  # "defused an IED planted by X"
        roles.actor2 = next(
            (r for r in roles.extra if r.method in PLANTER_METHODS and r.ref.name != a1.ref.name), None
        )


@convention(
    "convention.planted-owner",
    48,
    'Disrupted weapons use whose sentence (or the next) says who planted or owns the weapon ("the IED was '
    'likely planted by X"): X is actor2, not a place or object read as the target.',
)
def planted_owner(c: Case) -> None:
    roles, owner = c.roles, c.roles.owner
    if c.sub != DISRUPTED or owner is None or roles.actor1 is None or c.lemmas & INTERCEPTION:
        return
    if owner.ref.name == roles.actor1.ref.name:
        return
    if roles.actor2 is None or roles.actor2.ref.name != owner.ref.name:
        roles.actor2 = owner


@convention(
    "convention.unclaimed-weapons",
    49,
    "Disrupted weapons use (weapons found, seized or defused, not an interception) with no owner named: ACLED "
    'codes the owner as an unidentified armed group of the country ("Unidentified Armed Group (Country)").',
)
def unclaimed_weapons(c: Case) -> None:
    roles = c.roles
    if c.sub != DISRUPTED or roles.actor2 is not None or roles.actor1 is None or c.lemmas & INTERCEPTION:
        return
    if roles.actor1.ref.inter not in STATE_INTER:
        return  # a group's own weapon stopped: no owner to add
    text, start, end = c.trigger
    home = roles.actor1.ref.country if roles.actor1.ref.inter == 1 else None  # state forces find at home
    ref = generic_ref("armed-group", home or c.country, c.dictionary, text, start, end, 0.3)
    roles.actor2 = Role(ref, "unclaimed-weapons", 0.3)


@convention(
    "convention.planter-doer",
    29,
    'A planted explosive with no doer or an unidentified one, whose sentence (or the next) says who planted it '
    '("the device was likely planted by X"): X is actor1.',
)
def planter_doer(c: Case) -> None:
    roles, owner = c.roles, c.roles.owner
    if c.sub not in PLANTED_TYPES or owner is None:
        return
    a1 = roles.actor1
    if a1 is not None and not a1.ref.unidentified:
        return
    if roles.actor2 is not None and roles.actor2.ref.name == owner.ref.name:
        return
    if a1 is not None:
        roles.extra.append(a1)
    roles.actor1 = owner


@convention(
    "convention.arrested-suspects",
    34,
    'An arrest of people named as suspects of a group ("arrested men suspected of links to X"), or whose only '
    'doer is a group named as suspected: X is who was held (actor2), not who arrested them.',
)
def arrested_suspects(c: Case) -> None:
    roles = c.roles
    a1 = roles.actor1
    group = roles.suspect_group
    if c.sub == ARRESTS and group is not None and (roles.actor2 is None or roles.actor2.ref.kind == "civilians"):
        if a1 is None or a1.ref is not group:
            roles.actor2 = Role(group, "arrested-suspects", 0.5)  # "arrested men suspected of links to X"
            return
    if c.sub == ARRESTS and a1 is not None and a1.method == "suspected":
        if roles.actor2 is None or roles.actor2.ref.kind == "civilians" or roles.actor2.ref is a1.ref:
            roles.actor2 = Role(a1.ref, "arrested-suspects", a1.confidence)
        roles.actor1 = next((r for r in roles.extra if r.ref.inter in STATE_INTER), None)


@convention(
    "convention.default-police",
    36,
    'An arrest, or weapons found or seized (not intercepted), with no one named doing it ("X was arrested over '
    'his statements", "explosives were found in a forest"): ACLED codes the country\'s police ("Police Forces of '
    'Country") as actor1.',
)
def default_police(c: Case) -> None:
    roles = c.roles
    if c.sub not in (ARRESTS, DISRUPTED) or (c.sub == DISRUPTED and not c.lemmas & WEAPON_FINDS):
        return
    if roles.actor1 is not None or roles.unnamed_possessor or not c.country or not hasattr(c.dictionary, "generic"):
        return
    police = c.dictionary.generic("police", c.country)
    if police is not None:
        # an arrest's unknown subject ("the authorities") is the police's words; a find's subject is the weapon
        text, start, end = (c.crowd if c.sub == ARRESTS else None) or c.trigger
        roles.actor1 = Role(police.mention(text, start, end, 0.3), "default-police", 0.3)


#: ACLED's sub-type for ground the state takes back.
REGAINS = "Government regains territory"


@convention(
    "convention.unnamed-loser",
    52,
    'Government regains territory with no losing side named ("regime forces captured the village"): ACLED codes '
    'the loser as an unidentified armed group of the country.',
)
def unnamed_loser(c: Case) -> None:
    roles = c.roles
    a2 = roles.actor2
    if a2 is not None and a2.method == "object" and a2.ref.inter is None and a2.ref.actor_id is None:
        a2 = None  # "captured X town": an unknown name as the object of a capture is the ground taken
    if c.sub != REGAINS or a2 is not None or roles.actor1 is None or _only_harm(c):
        return
    text, start, end = c.trigger
    home = roles.actor1.ref.country if roles.actor1.ref.inter == 1 else None  # the state retakes its own ground
    where = home or c.country
    roles.actor2 = Role(generic_ref("armed-group", where, c.dictionary, text, start, end, 0.3), "unnamed-loser", 0.3)


@convention(
    "convention.transfer-receiver",
    50,
    "Non-violent transfer of territory: the side taking the ground is actor1, the side leaving it actor2.",
)
def transfer_receiver(c: Case) -> None:
    roles = c.roles
    if c.sub == TRANSFER and roles.receiver is not None:
        leaver = roles.actor1
        if leaver is None or leaver.ref is not roles.receiver.ref:
            roles.actor1, roles.actor2 = roles.receiver, leaver or roles.actor2


@convention(
    "convention.agreement-announcer",
    55,
    'An agreement with no party named that a party announces ("X said the truce had been extended"): the '
    "announcing party is actor1 (a party to it).",
)
def agreement_announcer(c: Case) -> None:
    roles = c.roles
    speaker = roles.speaker
    if c.sub != AGREEMENT or speaker is None:
        return
    if roles.actor2 is not None and roles.actor2.ref is speaker:
        return
    if roles.actor1 is None or roles.actor1.method == "nearest-in-sentence":
        roles.actor1 = Role(speaker, "announcer", 0.55)


@convention(
    "convention.civilian-target",
    60,
    'Violence at a civilian place ("a market", "homes") or against unarmed people: "Civilians (Country)" is '
    "actor2.",
)
def civilian_target(c: Case) -> None:
    roles = c.roles
    if c.etype in CIVILIAN_TARGET_TYPES and roles.actor2 is None and roles.civilian_target:
        text, start, end = c.victim_span or c.trigger
        where = c.country or (roles.actor1.ref.country if roles.actor1 else None)
        roles.actor2 = Role(
            generic_ref("civilians", where, c.dictionary, text, start, end), "civilian-target", 0.5
        )


@convention(
    "convention.civilian-victims",
    70,
    "Violence against civilians, an abduction or rape, an air strike, a grenade, looting or an arrest (of people "
    'not named as suspects) with no target named: "Civilians (Country)" is actor2 (ACLED\'s coding of unnamed '
    "victims).",
)
def civilian_victims(c: Case) -> None:
    roles = c.roles
    if c.sub == ARRESTS and roles.suspect_target:
        return  # "arrested two men suspected of smuggling": suspects held are not coded as civilians here
    if c.sub in CIVILIAN_DEFAULT_TYPES and roles.actor2 is None and roles.actor1 is not None:
        text, start, end = c.victim_span or c.trigger
        where = c.country or roles.actor1.ref.country
        roles.actor2 = Role(
            generic_ref("civilians", where, c.dictionary, text, start, end, 0.4), "civilian-victims", 0.4
        )


#: ACLED's sub-type for a group's movement, base or activity.
GROUP_ACTIVITY = "Change to group/activity"


@convention(
    "convention.moving-force",
    80,
    'Change to group/activity: the armed group that moves is actor1 even when the text makes it the object '
    '("X were observed near Y", "X troops were deployed") and names no one doing it.',
)
def moving_force(c: Case) -> None:
    roles = c.roles
    if c.sub == GROUP_ACTIVITY and roles.actor1 is None and roles.actor2 is not None:
        if roles.actor2.ref.inter in codes_mod.PARTY_INTERS:
            roles.actor1, roles.actor2 = roles.actor2, None


#: ACLED's event type whose victims are civilians, never its doers.
VAC = "Violence against civilians"


@convention(
    "convention.civilian-victim-as-doer",
    32,
    'Violence against civilians whose only party found is civilians ("women were raped", "villagers were '
    'abducted"): the civilians are the victims (actor2), and the doer is left to the unidentified-attacker rule.',
)
def civilian_victim_as_doer(c: Case) -> None:
    roles = c.roles
    a1, a2 = roles.actor1, roles.actor2
    if c.etype == VAC and a1 is not None and a1.ref.kind == "civilians" and (a2 is None or a2.ref.kind == "civilians"):
        roles.actor1, roles.actor2 = None, a2 or a1
