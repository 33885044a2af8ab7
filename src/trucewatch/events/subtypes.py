"""Sub-type rules that read who acted: once the roles are known, the doer can change the sub-type a trigger's
words gave (ACLED types an event by its actors too: an unarmed crowd's assault is mob violence, not an attack by
an armed group; the same violence by demonstrators during their demonstration is a violent demonstration).

The rules run in phase ``typing`` (``rules.PHASES``); the first that fires gives the new sub-type.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from trucewatch.events import conventions
from trucewatch.events.context import clause_root
from trucewatch.events.roles import Roles
from trucewatch.lexicon import lexicon
from trucewatch.model import ActorRef
from trucewatch.rules import rule

_LEX = lexicon()
#: Nouns whose plural names an unorganised crowd as the doer ("locals", "a group of persons", "rival men").
CROWD_NOUNS = _LEX.words("crowd_doer_nouns")
#: Nouns that collect people ("members of X", "a group of Y"): the crowd test reads what they collect.
COLLECTIVE_NOUNS = _LEX.words("crowd_collective_nouns")
#: Communities whose members, not an armed wing, act ("members of two clans clashed").
COMMUNITY_NOUNS = _LEX.words("crowd_community_nouns")
#: Words of arms: with them in the sentence the doers are armed, not a crowd.
ARMS_WORDS = _LEX.words("crowd_arms_words")
#: Words that make the doers' phrase armed or organised ("armed men", "bandits").
ARMED_DOERS = _LEX.words("crowd_armed_doers")
#: Generic nouns of people: no crowd when they only destroy property ("unknown men set fire to houses").
GENERIC_PEOPLE = _LEX.words("crowd_generic_nouns")
#: Words of a demonstration the doers take part in ("during their demonstration").
DEMONSTRATION_WORDS = _LEX.words("demonstration_nouns")
#: Sub-types whose doers, when a crowd, make the event a riot.
CROWD_RECODED = frozenset({"Attack", "Armed clash", "Looting/property destruction"})
#: Actor kinds that are a crowd or a party's members, not an armed organisation.
CROWD_KINDS = conventions.CROWD_KINDS | {"political"}
#: ACLED interaction codes of organised armed actors (state forces, rebels, political and identity militias).
ARMED_INTERS = frozenset({1, 2, 3, 4, 8})
ARMED_KINDS = frozenset({"rebel", "militia", "armed_group", "state_forces", "police", "external"})
SUBJECTS = frozenset({"nsubj", "nsubjpass"})
#: Prepositions that set an act in a demonstration ("during their demonstration", "amid protests").
SETTING_PREPS = _LEX.words("demonstration_setting_preps")


@dataclass(slots=True)
class TypingCase:
    """One mention's trigger head, its sub-type so far, its roles and the sentence's actor spans."""

    head: Any
    sub: str
    roles: Roles
    refs: dict[int, ActorRef]


def doer_tokens(head: Any) -> list[Any]:
    """The head words of the trigger's doers: the subject of its verb (of the first verb of a conjunct chain:
    "locals assaulted and killed"), the agent of a passive ("assaulted by a group of persons"), the parties of
    a noun ("clashes between X and Y", "an attack by X"), or the subject of the verb a noun is the object of."""
    verb = head
    if head.pos_ not in ("VERB", "AUX"):
        found = [p for c in head.children if c.dep_ == "prep" and c.lower_ in ("between", "by", "among")
                 for p in c.children if p.dep_ == "pobj"]
        if found:
            return _with_conjuncts(found)
        if head.dep_ not in ("dobj", "pobj"):
            return []
        verb = clause_root(head)
    if (
        verb.tag_ == "VBN"
        and verb.dep_ != "conj"  # a conjunct takes the subject of the verb it is joined to
        and not any(c.dep_ in ("aux", "auxpass", "nsubj", "agent") for c in verb.children)
    ):
        # a bare participle ("Five people beheaded", "were missing, killed and injured"): its subject suffered it
        return []
    for _ in range(4):
        agent = [p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
        if agent:
            return _with_conjuncts(agent)
        subj = [c for c in verb.children if c.dep_ in SUBJECTS]
        if subj:
            # a headline's bare participle ("Five people beheaded"): its subject suffered the act
            bare = verb.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)
            return [] if subj[0].dep_ == "nsubjpass" or bare else _with_conjuncts(subj)
        if verb.dep_ not in ("conj", "xcomp") or verb.head.i == verb.i:
            return []
        past = verb.tag_ in ("VBD", "VBN")
        verb = verb.head
        if past and any(c.dep_ in ("aux", "auxpass") and c.lemma_ == "be" for c in verb.children):
            return []  # "were missing, killed and injured", "were arrested and beaten": they suffered it
    return []


def _with_conjuncts(toks: list[Any]) -> list[Any]:
    out = list(toks)
    for t in toks:
        out += [c for c in t.children if c.dep_ == "conj"]
    return out


def crowd(tok: Any, refs: dict[int, ActorRef], depth: int = 0) -> bool:
    """Does the phrase headed by ``tok`` name an unorganised crowd ("locals", "rival men", "a group of
    persons", "members of BNP", "members of two clans"), with no word making it armed ("armed men")?"""
    words = {t.lemma_.lower() for t in tok.subtree}
    if words & (ARMS_WORDS | ARMED_DOERS):
        return False
    ref = refs.get(tok.i)
    if ref is not None and not ref.implied:
        return ref.kind in CROWD_KINDS and ref.inter not in ARMED_INTERS
    lemma = tok.lemma_.lower()
    if lemma in CROWD_NOUNS and tok.tag_ in ("NNS", "NNPS"):
        # "his men", "the commander's men": the followers of a leader are his fighters, not a crowd
        return not (lemma in GENERIC_PEOPLE and any(c.dep_ == "poss" for c in tok.children))
    if lemma not in COLLECTIVE_NOUNS or depth > 2:
        return False
    # "members of X", "AL members", "a group of youths": what the collective noun gathers
    parts = [c for c in tok.children if c.dep_ in ("compound", "nmod", "poss")]
    parts += [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children if p.dep_ == "pobj"]
    parts = _with_conjuncts(parts)
    return any(
        crowd(p, refs, depth + 1) or (p.lemma_.lower() in COMMUNITY_NOUNS and not _refs_in(p, refs)) for p in parts
    )


def _refs_in(tok: Any, refs: dict[int, ActorRef]) -> bool:
    """An armed actor inside the phrase ("members of the Jarur clan militia")."""
    return any(
        t.i in refs and (refs[t.i].inter in ARMED_INTERS or refs[t.i].kind in ARMED_KINDS) for t in tok.subtree
    )


def _armed_party(roles: Roles) -> bool:
    """An armed organisation among the parties (a crowd fighting militants is a battle ACLED codes apart)."""
    return any(
        r is not None and (r.ref.inter in (2, 3, 4, 8) or r.ref.kind in ("rebel", "militia", "armed_group"))
        for r in (roles.actor1, roles.actor2)
    )


def _during_demonstration(head: Any) -> bool:
    """A demonstration the doers take part in is the setting of the act: "clashed with police during their
    demonstration", "threw stones ... during a demonstration", "staged a demonstration and vandalised a house" (not
    one named as a cause: "following the demonstrations", "after the protest")."""
    # "staged a violent demonstration and vandalised a house": the object of a verb the trigger's verb is joined to
    verb = clause_root(head)
    chain = [verb]
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
        chain.append(verb)
    if any(c.dep_ == "dobj" and c.lemma_.lower() in DEMONSTRATION_WORDS for v in chain for c in v.children):
        return True
    # the setting phrase hangs on the act itself (or on a clause describing it: "clashes which erupted during ...")
    acts = {head.i, clause_root(head).i}
    for t in clause_root(head).subtree:
        gov = t.head.head  # the word the setting phrase hangs on
        on_act = gov.i in acts or (gov.dep_ == "relcl" and gov.head.i in acts)
        # or a participle of the act's own clause ("clashed with police using bricks ... during their demonstration")
        on_act = on_act or (gov.dep_ in ("advcl", "pcomp", "xcomp") and any(a.i in acts for a in gov.ancestors))
        if not on_act:
            continue
        if (
            t.lemma_.lower() in DEMONSTRATION_WORDS
            and t.pos_ == "NOUN"  # not the month "in March"
            and t.dep_ == "pobj"
            and t.head.lower_ in SETTING_PREPS
            and t.lemma_.lower() != "rally"  # at a party's rally, rival supporters fighting is mob violence
        ):
            return True
    return False


@rule(
    "typing.crowd-violence",
    phase="typing",
    order=10,
    reason="An assault, clash or vandalism by an unarmed crowd (locals, a group of persons, a party's members, "
    "no arms named): mob violence, or a violent demonstration when done during the crowd's demonstration.",
)
def crowd_violence(c: TypingCase) -> str | None:
    if c.sub not in CROWD_RECODED or _armed_party(c.roles):
        return None
    doers = doer_tokens(c.head)
    if not doers or not all(crowd(t, c.refs) for t in doers):
        return None
    if c.sub == "Looting/property destruction" and all(t.lemma_.lower() in GENERIC_PEOPLE for t in doers):
        return None  # "unknown men set fire to six houses": unknown perpetrators, not a riot
    if {t.lemma_.lower() for t in c.head.sent} & ARMS_WORDS:
        return None
    return "Violent demonstration" if _during_demonstration(c.head) else "Mob violence"



@rule(
    "typing.demonstration-clash",
    phase="typing",
    order=20,
    reason="A clash or a crowd's fight set during a demonstration ('clashed with police during their demonstration') "
    "with no armed organisation among the parties: a violent demonstration.",
)
def demonstration_clash(c: TypingCase) -> str | None:
    if c.sub not in ("Armed clash", "Mob violence") or _armed_party(c.roles) or not _during_demonstration(c.head):
        return None
    return "Violent demonstration"
