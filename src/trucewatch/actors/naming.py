"""Which actor a name stands for, once every actor mention of the article is found (rules of phase
``actor-name``): a unit or organisation named in brackets after a generic force or a group, and a clan militia
named by its lineage ("Habar Gedir-Ayr sub-clan militia"), under ACLED's names."""

from __future__ import annotations

import dataclasses
import re

from trucewatch import rules
from trucewatch.actors.dictionary import ActorDictionary
from trucewatch.lexicon import lexicon
from trucewatch.model import Actor, ActorRef

_LEX = lexicon()

#: Kinds of a state's own forces, and of non-state armed organisations.
FORCE_KINDS = frozenset({"state_forces", "police"})
ARMED_KINDS = frozenset({"rebel", "militia", "armed_group"})
#: A capitalised name ending right before a phrase: "Habar Gedir-Ayr Habaraji ", "Dir-Gadsan ".
_NAME_BEFORE = re.compile(r"((?:[A-Z][\w']*(?:-[A-Z][\w']*)*)(?:[ \t]+(?:-[ \t]+)?[A-Z][\w']*(?:-[A-Z][\w']*)*)*)[ \t]*$")
#: Words that open a sentence or a phrase and are not part of a clan's name.
_NOT_NAME = _LEX.words("clan_name_stopwords")


def apply(text: str, refs: list[ActorRef], dictionary: ActorDictionary) -> list[ActorRef]:
    """The article's actor mentions after the switched-on ``actor-name`` rules."""
    for r in rules.active("actor-name"):
        refs = r.fn(text, refs, dictionary)
    return refs


def _ancestors(actor_id: str | None, dictionary: ActorDictionary) -> set[str]:
    out: set[str] = set()
    actor = dictionary.entries.get(actor_id) if actor_id else None
    while actor is not None and actor.parent and actor.parent not in out:
        out.add(actor.parent)
        actor = dictionary.entries.get(actor.parent)
    return out


def _names_in_brackets(outer: ActorRef, inner: ActorRef, dictionary: ActorDictionary) -> bool:
    """``inner``, written in brackets right after ``outer``, says which actor ``outer`` is."""
    if inner.actor_id not in dictionary.entries or inner.actor_id == outer.actor_id:
        return False
    if inner.actor_id in _ancestors(outer.actor_id, dictionary):
        return True  # "Katiba Macina (JNIM)": the organisation the unit belongs to
    generic = outer.actor_id is not None and dictionary.role_of_actor(outer.actor_id) is not None
    if outer.kind in FORCE_KINDS and inner.kind in FORCE_KINDS:
        # "government security forces (NISA)": a state's forces, then the unit
        return generic and (outer.country is None or outer.country == inner.country)
    if inner.kind == "political" and outer.actor_id is None:
        return True  # "the chairman of X council (UPFA)": an office or body the dictionary does not know, of a party
    if inner.kind in ARMED_KINDS and outer.kind not in FORCE_KINDS:
        # "gunmen (JNIM)", "presumed A (B) militants": the armed organisation the writer names
        return generic or outer.actor_id is None or outer.kind in ARMED_KINDS
    return False


@rules.rule(
    "actors.bracketed-name",
    phase="actor-name",
    order=10,
    reason="An actor named in brackets right after a generic force or a group ('government security forces "
    "(NISA)', 'Katiba Macina (JNIM)') is the unit or organisation the writer means: the first mention takes it.",
)
def bracketed_name(text: str, refs: list[ActorRef], dictionary: ActorDictionary) -> list[ActorRef]:
    out: list[ActorRef] = []
    for i, r in enumerate(refs):
        nxt = refs[i + 1] if i + 1 < len(refs) else None
        if (
            nxt is not None
            and text[r.end : nxt.start].strip(" \t") == "("
            and text[nxt.end : nxt.end + 3].lstrip().startswith(")")
            and _names_in_brackets(r, nxt, dictionary)
        ):
            r = dataclasses.replace(
                nxt, text=r.text, start=r.start, end=r.end, confidence=max(r.confidence, nxt.confidence)
            )
        out.append(r)
    return out


@rules.rule(
    "actors.bracket-member-noun",
    phase="actor-name",
    order=12,
    reason="A generic member noun right after a bracketed named force or group ('... Police Forces (SWSPF) troops', "
    "'Al Shabaab (AS) fighters') is that force's people: it takes the bracketed actor, not the state's army.",
)
def bracket_member_noun(text: str, refs: list[ActorRef], dictionary: ActorDictionary) -> list[ActorRef]:
    out: list[ActorRef] = []
    for i, r in enumerate(refs):
        prev = out[-1] if out else None
        if (
            prev is not None
            and i > 0
            and prev.actor_id in dictionary.entries
            and dictionary.role_of_actor(prev.actor_id) is None
            and r.actor_id is not None
            and dictionary.role_of_actor(r.actor_id) is not None
            and text[refs[i - 1].end : r.start].strip(" \t") == ")"
            and text[: refs[i - 1].start].rstrip(" \t").endswith("(")
            and _part_of(r, prev, dictionary)
        ):
            r = dataclasses.replace(prev, text=r.text, start=r.start, end=r.end, confidence=min(0.8, prev.confidence))
        out.append(r)
    return out


#: " and Foulse ", ", Y ": a coordinated name between a named group and the member noun the two share.
_SHARED_NOUN = re.compile(r"^[ \t]+(?:and|&|,)[ \t]+(?:[A-Z][\w'-]*[ \t]+){1,3}$")


@rules.rule(
    "actors.shared-member-noun",
    phase="actor-name",
    order=13,
    reason="'X and Y militiamen', with X a named armed group and Y a name the dictionary does not know: the "
    "member noun the two share is X's people (the group the writer names first), not an unidentified armed group.",
)
def shared_member_noun(text: str, refs: list[ActorRef], dictionary: ActorDictionary) -> list[ActorRef]:
    out: list[ActorRef] = []
    for r in refs:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.actor_id in dictionary.entries
            and dictionary.role_of_actor(prev.actor_id) is None
            and prev.kind in ARMED_KINDS
            and r.actor_id is not None
            and r.kind in ARMED_KINDS
            and dictionary.role_of_actor(r.actor_id) is not None
            and r.text.lower() in dictionary.member_nouns
            and _SHARED_NOUN.match(text[prev.end : r.start])
        ):
            r = dataclasses.replace(prev, text=r.text, start=r.start, end=r.end, confidence=min(0.8, prev.confidence))
        out.append(r)
    return out


#: "the Bomb Disposal Unit of the ", "a brigade of ": the words between a unit and the organisation it belongs to.
_UNIT_OF = re.compile(r"^[ \t]+of[ \t]+(?:the[ \t]+)?$")


def _part_of(part: ActorRef, whole: ActorRef, dictionary: ActorDictionary) -> bool:
    """``part`` ("the Bomb Disposal Unit", "fighters") may be a part of ``whole`` (a named force or group)."""
    if part.actor_id is None:
        return whole.kind in FORCE_KINDS | ARMED_KINDS
    if dictionary.role_of_actor(part.actor_id) is None:
        return False  # two named actors: "the Hamza Division of the Syrian National Army" stays as written
    return (part.kind in FORCE_KINDS and whole.kind in FORCE_KINDS) or (
        part.kind in ARMED_KINDS and whole.kind in ARMED_KINDS
    )


@rules.rule(
    "actors.unit-of",
    phase="actor-name",
    order=15,
    reason="An unnamed unit or a generic word 'of' a known force or group ('the Bomb Disposal Unit of the "
    "Special Task Force', 'fighters of the Hamza Division') is that force: ACLED names the organisation.",
)
def unit_of(text: str, refs: list[ActorRef], dictionary: ActorDictionary) -> list[ActorRef]:
    out: list[ActorRef] = []
    skip: set[int] = set()
    for i, r in enumerate(refs):
        if i in skip:
            continue
        nxt = refs[i + 1] if i + 1 < len(refs) else None
        if (
            nxt is not None
            and nxt.actor_id in dictionary.entries
            and _UNIT_OF.match(text[r.end : nxt.start])
            and _part_of(r, nxt, dictionary)
        ):
            # one actor: the part takes the whole's identity; the whole's own mention goes, so "the fighters of
            # X" cannot be read as two parties
            r = dataclasses.replace(nxt, text=r.text, start=r.start, end=r.end, confidence=min(0.8, nxt.confidence))
            skip.add(i + 1)
        out.append(r)
    return out


def _clan_name(text: str, start: int) -> tuple[str, int] | None:
    """The capitalised name written right before ``start`` and where it starts, without opening words."""
    m = _NAME_BEFORE.search(text, max(0, start - 80), start)
    if m is None:
        return None
    words = m.group(1).split()
    begin = m.start(1)
    while words and words[0].lower() in _NOT_NAME:
        begin = text.index(words[1], begin + len(words[0])) if len(words) > 1 else start
        words = words[1:]
    return (" ".join(words), begin) if words else None


#: "X and " / "X, " before a clan militia's name: a second clan named with it ("X and Y clan militias").
_AND_BEFORE = re.compile(r"(?:and|&|,)[ \t]+$")
_BRACKET = re.compile(r"\s*\([^)]*\)$")


def _known_clan(name: str, sub: bool, dictionary: ActorDictionary) -> Actor | None:
    """The dictionary's clan militia of this name: exactly, or the one lineage that ends with it ("Habar
    Jeclo" -> "Isaaq-Habar Jeclo Sub-Clan Militia")."""
    want = f"{name} {'Sub-Clan' if sub else 'Clan'} Militia".lower()
    tails = []
    for a in dictionary.entries.values():
        bare = _BRACKET.sub("", a.name).lower()
        if bare == want:
            return a
        if bare.endswith("-" + f"{name} Sub-Clan Militia".lower()):
            tails.append(a)
    return tails[0] if len(tails) == 1 else None


def _clan_ref(name: str, begin: int, end: int, r: ActorRef, text: str, dictionary: ActorDictionary) -> ActorRef:
    """The clan militia ``name`` as a mention at ``begin:end`` (a dictionary entry, else ACLED's name)."""
    sub = "-" in name or "sub-clan" in r.text.lower()
    known = _known_clan(name, sub, dictionary)
    if known is not None:
        return known.mention(text[begin:end], begin, end, max(r.confidence, 0.6))
    full = f"{name} {'Sub-Clan' if sub else 'Clan'} Militia"  # the country follows (dictionary.relocate)
    country = dictionary.countries.get(r.country) if r.country else None
    full = f"{full} ({country.name})" if country else full
    return dataclasses.replace(r, text=text[begin:end], start=begin, end=end, actor_id=None, name=full)


@rules.rule(
    "actors.clan-lineage",
    phase="actor-name",
    order=20,
    reason="A clan militia named by its clan ('Habar Gedir-Ayr sub-clan militia') is ACLED's '<lineage> "
    "Sub-Clan Militia (Country)' (a hyphenated lineage or 'sub-clan'), else '<clan> Clan Militia (Country)'.",
)
def clan_lineage(text: str, refs: list[ActorRef], dictionary: ActorDictionary) -> list[ActorRef]:
    out: list[ActorRef] = []
    for r in refs:
        if r.actor_id is None or dictionary.role_of_actor(r.actor_id) != "clan-militia":
            out.append(r)
            continue
        found = _clan_name(text, r.start)
        if found is None:
            out.append(r)
            continue
        name, begin = found
        while out and out[-1].start >= begin and out[-1].actor_id is None:
            out.pop()  # the name itself, kept as an unknown organisation
        joint = _AND_BEFORE.search(text, max(0, begin - 8), begin)
        other = _clan_name(text, joint.start()) if joint else None
        if other is not None and not any(
            x.actor_id is not None and x.start < other[1] + len(other[0]) and other[1] < x.end for x in out
        ):  # "X and Y clan militias": X is a clan militia too (unless X is a named actor: "Al Shabaab and")
            o_name, o_begin = other
            o_end = o_begin + len(o_name)
            while out and out[-1].start >= o_begin and out[-1].actor_id is None:
                out.pop()
            out.append(_clan_ref(o_name, o_begin, o_end, r, text, dictionary))
        out.append(_clan_ref(name, begin, r.end, r, text, dictionary))
    return out


#: Generic militia roles a name before them makes ACLED's "<Name> Ethnic Militia" / "<Name> Communal Militia".
_NAMED_MILITIA = {"ethnic-militia": "Ethnic", "communal-militia": "Communal"}  # not vocabulary: role ids


@rules.rule(
    "actors.named-militia",
    phase="actor-name",
    order=22,
    reason="A people or a community named right before 'ethnic militia' / 'communal militia' ('Borana ethnic "
    "militia') is ACLED's '<Name> Ethnic Militia (Country)' / '<Name> Communal Militia (Country)', not an "
    "unidentified one.",
)
def named_militia(text: str, refs: list[ActorRef], dictionary: ActorDictionary) -> list[ActorRef]:
    out: list[ActorRef] = []
    for r in refs:
        kind = _NAMED_MILITIA.get(dictionary.role_of_actor(r.actor_id) or "") if r.actor_id else None
        found = _clan_name(text, r.start) if kind and r.text.lower().startswith(kind.lower()) else None
        if found is None or any(x.actor_id is not None and x.end > found[1] for x in out):
            out.append(r)  # no name, a role word other than "ethnic/communal militia", or a named actor before it
            continue
        name, begin = found
        while out and out[-1].start >= begin and out[-1].actor_id is None:
            out.pop()  # the name itself, kept as an unknown organisation
        want = f"{name} {kind} Militia"
        known = next((a for a in dictionary.entries.values() if _BRACKET.sub("", a.name).lower() == want.lower()), None)
        if known is not None:
            out.append(known.mention(text[begin : r.end], begin, r.end, max(r.confidence, 0.6)))
            continue
        country = dictionary.countries.get(r.country) if r.country else None
        out.append(dataclasses.replace(r, text=text[begin : r.end], start=begin, actor_id=None,
                                       name=f"{want} ({country.name})" if country else want))
    return out


#: A heading that opens a text or a line ("Movement of forces: ...", "Weapons seizure: ...").
_LABEL = _LEX.regex("report_heading")


@rules.rule(
    "actors.heading-label",
    phase="actor-name",
    order=5,
    reason="A generic role word inside a heading that opens the text or a line ('Movement of forces: ...') "
    "names the kind of report, not an actor of it.",
)
def heading_label(text: str, refs: list[ActorRef], dictionary: ActorDictionary) -> list[ActorRef]:
    labels = [m.span(1) for m in _LABEL.finditer(text)]
    if not labels:
        return refs
    return [
        r
        for r in refs
        if not (
            r.actor_id is not None
            and dictionary.role_of_actor(r.actor_id) is not None
            and any(s <= r.start and r.end <= e for s, e in labels)
        )
    ]


@rules.rule(
    "actors.group-forces",
    phase="actor-name",
    order=25,
    reason="A generic force word right after an armed group ('clan militia forces', 'SSC forces') names that "
    "group's men, not the state's forces: the two make one mention of the group.",
)
def group_forces(text: str, refs: list[ActorRef], dictionary: ActorDictionary) -> list[ActorRef]:
    out: list[ActorRef] = []
    for r in refs:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.kind in ARMED_KINDS
            and r.actor_id is not None
            and dictionary.role_of_actor(r.actor_id) == "military"
            and text[prev.end : r.start] == " "  # one phrase: "Al Shabaab forces", not across a line break
        ):
            out[-1] = dataclasses.replace(prev, text=text[prev.start : r.end], end=r.end)
            continue
        out.append(r)
    return out


#: Determiners that make a generic force point back to one already named ("the forces").
_DEFINITE = ("the ", "these ", "those ")
#: Generic roles of state forces a definite noun phrase may take back to a named unit.
_FORCE_ROLES = frozenset({"military", "police"})  # not vocabulary: role ids
_DEFINITE_CONFIDENCE = 0.55


@rules.rule(
    "actors.definite-unit",
    phase="actor-name",
    order=30,
    reason='"Puntland Dervish forces took the base ... Later the forces withdrew": a definite generic force ("the '
    'forces", "the troops") after a named unit of state forces, with no other force named between, is that unit.',
)
def definite_unit(text: str, refs: list[ActorRef], dictionary: ActorDictionary) -> list[ActorRef]:
    out: list[ActorRef] = []
    unit: ActorRef | None = None  # the latest force named, when it is a named unit
    for r in refs:
        if r.kind in FORCE_KINDS and not r.implied and r.actor_id is not None:
            role = dictionary.role_of_actor(r.actor_id)
            if (
                role in _FORCE_ROLES
                and unit is not None
                and r.text.lower() in dictionary.member_nouns  # "the forces", not "the regime forces"
                and text[max(0, r.start - 8) : r.start].lower().endswith(_DEFINITE)
            ):
                r = dataclasses.replace(unit, text=r.text, start=r.start, end=r.end,
                                        confidence=min(_DEFINITE_CONFIDENCE, r.confidence))
            elif r.actor_id in dictionary.entries and role is None:
                unit = r
            elif r.actor_id != (unit.actor_id if unit else None):
                unit = None  # another force: "the forces" may be either
        out.append(r)
    return out
