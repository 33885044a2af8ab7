"""Who did what to whom: actor1/actor2 from the dependency parse around a trigger."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from trucewatch.events.phrases import QUANTITY, NounPhrases, is_person, suspect
from trucewatch.model import ActorRef

SUBJ = frozenset({"nsubj", "csubj"})
TARGET_PREPS = frozenset({"on", "against", "at", "targeting", "upon", "into", "under"})
AGENT_PREPS = frozenset({"by"})
#: Target prepositions the parser may hang on the agent ("by jets on the town") rather than on the act.
ON_TARGET = TARGET_PREPS - {"at", "under"}  # "troops at the checkpoint" locate the troops
#: Verbs whose subject reports, blames or witnesses an event rather than carrying it out.
NON_AGENT = frozenset(
    {
        "blame",
        "report",
        "accuse",
        "condemn",
        "say",
        "deny",
        "reject",
        "claim",
        "witness",
        "see",
        "document",
        "record",
        "monitor",
        "observe",
        "denounce",
        "describe",
        "confirm",
        "reveal",
        "suffer",
        "face",
        "survive",
        "flee",
        "escape",
        "fear",
        "hear",
        "investigate",
        "criticize",
        "criticise",
        "welcome",
        "end",
        "halt",
        "stop",
        "call",
        "demand",
        "urge",
        "expect",
    }
)
#: Verbs whose subject helps another actor's operation: the subject is an associated actor.
SUPPORT = frozenset({"support", "back", "help", "assist", "join", "aid", "reinforce", "cover", "escort"})
#: Phrases that make the subject a helper of another side's operation: preposition -> its noun.
SUPPORT_FRAMES = {"in": "support", "on": "behalf"}
#: Verbs whose object (or passive subject) names the victims ("..., killing five people").
HARM = frozenset({"kill", "wound", "injure", "maim", "hurt"})
#: Verbs of launching: "rockets fired from rebel-held districts" name the side that fired them.
LAUNCH = frozenset({"fire", "launch", "shoot", "lob"})
#: Verbs whose object is the outcome of the governing clause's act ("attacked Y, sparking clashes").
CAUSE = frozenset({"spark", "trigger", "provoke", "ignite", "cause", "prompt", "unleash"})
#: Verbs of leaving ground to another side.
RETREAT = frozenset({"withdraw", "pull", "retreat", "flee", "evacuate", "abandon", "leave"})
#: Nouns of using a weapon ("the use of barrel bombs by X"): their agent is the weapon's user.
USE_NOUNS = frozenset({"use", "firing", "deployment", "dropping", "launching"})
#: Words that state victims were civilians ("people" alone does not).
STATED_CIVILIANS = frozenset(
    {"civilian", "civilians", "children", "child", "women", "residents", "villagers"}
)
#: Relative pronouns ("which", "who", "that"): a relative clause's subject is the noun it modifies.
RELATIVE_TAGS = frozenset({"WDT", "WP"})
#: Verbs of handing ground over ("handed it to the army"): the "to" object receives it.
HANDOVER = frozenset({"hand", "cede", "surrender", "give", "turn", "handover"})
#: Verbs of moving in ("as troops advanced on the city"): their subject takes the ground another side left.
ADVANCE = frozenset(
    {"advance", "enter", "move", "push", "arrive", "deploy", "take", "capture", "seize", "storm"}
)
#: Subordinators tying an advance to a withdrawal in time.
TIME_MARKS = frozenset({"as", "after", "while", "when", "once", "before"})
#: Verbs of impact: "... fired and hit a school".
IMPACT = frozenset({"hit", "strike", "slam", "land", "pound", "target", "destroy", "damage"})


@dataclass(slots=True)
class Role:
    ref: ActorRef
    method: str
    confidence: float


@dataclass
class Roles:
    actor1: Role | None = None
    actor2: Role | None = None
    assoc1: list[Role] = field(default_factory=list)
    assoc2: list[Role] = field(default_factory=list)
    #: Token index of a pronoun subject ("they had captured"), for resolution against the speaker.
    pronoun_subject: int | None = None
    #: The target is the speaker's own ("shelling their villages"): the speaker is a party, not a source.
    pronoun_target: bool = False
    #: Sources (monitors, media) found in an actor position.
    sources: list[ActorRef] = field(default_factory=list)
    #: The target is a civilian place ("bombs fell on a market"), whoever controls it.
    civilian_target: bool = False
    #: Other actors in doer positions that were not chosen (for conventions that reorder roles).
    extra: list[Role] = field(default_factory=list)
    #: The doer is named only as means ("a suicide bomber", "warplanes"): actor1 is unattributed, not missed.
    unowned_agent: bool = False
    #: The side a withdrawal hands ground to ("... and handed it to Y", "as Y advanced"), for a transfer.
    receiver: Role | None = None


def is_source(ref: ActorRef) -> bool:
    return (ref.kind or "") == "source"


class RoleFinder(NounPhrases):
    """Roles for hits in one Doc; ``refs`` maps token index -> the ActorRef covering it."""

    def find(self, head: Any, *, symmetric: bool, prep1: frozenset[str], prep2: frozenset[str]) -> Roles:
        """actor1/actor2 of the trigger headed by ``head`` (``prep1``/``prep2``: the trigger's own role
        prepositions; ``symmetric``: clashes, where coordinated opponents are both parties)."""
        roles = Roles()
        helpers: list[ActorRef] = []
        cands1: list[tuple[list[ActorRef], str, float]] = []
        cands2: list[tuple[list[ActorRef], str, float]] = []
        victims: list[tuple[list[ActorRef], str, float]] = []
        targets = TARGET_PREPS | prep2

        def target(tok: Any, method: str, conf: float) -> None:
            if tok.lower_ in QUANTITY:  # "dozens of men"
                tok = next((p for c in tok.children if c.lower_ == "of" for p in self.pobjs(c)), tok)
            acts = self.np_actors(tok)
            cands2.append((acts, method, conf))
            roles.pronoun_target = roles.pronoun_target or self.pronominal(tok)
            if self.site_is_civilian(tok) or (not acts and is_person(tok) and not suspect(tok)):
                roles.civilian_target = True

        def harmed(verb: Any) -> None:
            """ "..., killing five people": the victims of a harm verb attached to ``verb``."""
            for c in verb.children:
                if c.dep_ in ("advcl", "conj", "xcomp") and c.lemma_.lower() in HARM:
                    for o in c.children:
                        if o.dep_ == "dobj":
                            victims.append((self.np_actors(o), "victims", 0.6))

        def from_preps(tok: Any, base: float) -> None:
            for c in tok.children:
                if c.dep_ == "agent" or (c.dep_ == "prep" and (c.lower_ in AGENT_PREPS or c.lower_ in prep1)):
                    for p in self.pobjs(c):
                        if self.pronominal(p):
                            roles.pronoun_subject = p.i
                        cands1.append((self.np_actors(p), f"prep-{c.lower_}", base))
                        if c.dep_ == "agent" or c.lower_ == "by":
                            for q in p.children:  # "dropped by helicopters on the town": the act's target
                                if q.dep_ == "prep" and q.lower_ in ON_TARGET:
                                    for t in self.pobjs(q):
                                        target(t, f"agent-prep-{q.lower_}", base - 0.1)
                elif c.dep_ == "prep" and c.lower_ == "between":
                    for p in self.pobjs(c):
                        acts = self.np_actors(p)
                        if len(acts) < 2:
                            acts = self.subtree_actors(p)
                        cands1.append((acts[:1], "between", base))
                        cands2.append((acts[1:], "between", base))
                elif c.dep_ == "prep" and c.lower_ in targets | ({"with"} if symmetric else set()):
                    for p in self.pobjs(c):
                        target(p, f"prep-{c.lower_}", base - 0.05)
                elif c.dep_ in ("acl", "advcl", "relcl") and c.lemma_ in ("target", "hit", "against"):
                    for p in c.children:
                        if p.dep_ == "dobj":
                            target(p, "targeting", base - 0.05)

        def subject_of(verb: Any) -> Any | None:
            cur = verb
            for _ in range(4):
                for c in cur.children:
                    if c.dep_ in SUBJ:
                        if cur.dep_ == "relcl" and c.tag_ in RELATIVE_TAGS:  # "the Front, which overran"
                            return cur.head
                        return c
                if cur.dep_ in ("xcomp", "conj", "advcl", "acomp") and cur.head.i != cur.i:
                    cur = cur.head
                    continue
                if cur.dep_ == "pcomp" and cur.head.dep_ == "prep":  # "X answered by shelling Y"
                    cur = cur.head.head
                    continue
                if cur.dep_ == "relcl":
                    return cur.head
                if cur.dep_ == "acl" and _active(cur):  # "militants abducting ...", misparsed "X attacked Y"
                    return cur.head
                break
            return None

        def verb_roles(verb: Any, base: float, object_is_target: bool) -> None:
            subj = subject_of(verb)
            principal = _supported(verb)
            if principal is not None and subj is not None:  # "X fought in support of the army"
                cands1.append((self.np_actors(principal), "supported", base))
                helpers.extend(self.np_actors(subj))
            elif subj is not None:
                if self.pronominal(subj):
                    roles.pronoun_subject = subj.i
                cands1.append((self.np_actors(subj), "subject", base))
            if verb.dep_ == "acl" and not _active(verb) and object_is_target:  # "men detained by police"
                cands2.append((self.np_actors(verb.head), "passive-head", base))
            for c in verb.children:
                if c.dep_ == "nsubjpass":
                    cands2.append((self.np_actors(c), "passive-subject", base))
                elif c.dep_ == "dobj" and object_is_target:
                    target(c, "object", base)
                if c.dep_ in ("dobj", "advmod", "npadvmod", "oprd") and prep2:  # "retook the town from X"
                    for p in c.children:
                        if p.dep_ == "prep" and p.lower_ in prep2:
                            for q in self.pobjs(p):
                                cands2.append((self.np_actors(q), f"object-prep-{p.lower_}", base - 0.1))
            from_preps(verb, base)
            harmed(verb)
            if "from" in prep2:  # "X took the town after Y withdrew": whoever left lost it
                for c in verb.children:
                    if c.dep_ == "advcl" and c.lemma_.lower() in RETREAT:
                        for x in c.children:
                            if x.dep_ == "nsubj":
                                cands2.append((self.np_actors(x), "retreating", base - 0.15))
            for c in verb.children:  # "rockets fired from X hit a school": the second verb names the target
                if (
                    c.dep_ == "conj"
                    and c.lemma_.lower() in IMPACT
                    and not any(x.dep_ in SUBJ for x in c.children)
                ):
                    for o in c.children:
                        if o.dep_ == "dobj":
                            target(o, "conj-object", base - 0.1)
                    harmed(c)
            harm = verb.head
            if verb.dep_ == "advcl" and harm.lemma_.lower() in HARM:  # "five were killed when X shelled Y"
                while harm.dep_ == "conj" and harm.head.lemma_.lower() in HARM:
                    harm = harm.head
                for c in harm.children:
                    if c.dep_ == "nsubjpass":
                        victims.append((self.np_actors(c), "victims", 0.6))

        def noun_roles(noun: Any) -> None:
            mod = self.modifier_actor(noun)
            if mod is not None:
                cands1.append(([mod], "modifier", 0.8))
            from_preps(noun, 0.85)
            for c in noun.children:  # "strikes carried out by X", "bombs dropped by X on Y"
                if c.dep_ in ("acl", "relcl") and c.pos_ == "VERB":
                    launched(c)
                    from_preps(c, 0.8)
                    for p in c.children:
                        if p.dep_ in ("agent",):
                            for q in self.pobjs(p):
                                cands1.append((self.np_actors(q), "acl-agent", 0.8))
            anchor = noun
            if (
                noun.dep_ == "pobj"
                and noun.head.lower_ == "of"
                and noun.head.head.lemma_.lower() in USE_NOUNS
            ):
                from_preps(noun.head.head, 0.8)  # "the use of gas by militants": the user is the doer
            if (  # "dozens of raids", "a wave of strikes": the quantity noun takes the trigger's place
                noun.dep_ == "pobj"
                and noun.head.lower_ == "of"
                and noun.head.head.lower_ in QUANTITY
                and noun.head.head.i != noun.head.i
            ):
                anchor = noun.head.head
            gov = anchor.head
            dep = anchor.dep_
            if gov.i != anchor.i and gov.pos_ in ("VERB", "AUX"):
                if dep == "dobj" and gov.lemma_.lower() in SUPPORT:  # "Russia will support the offensive"
                    subj = subject_of(gov)
                    if subj is not None:
                        helpers.extend(self.np_actors(subj))
                elif dep == "dobj" and gov.lemma_.lower() in CAUSE and gov.dep_ in ("advcl", "conj", "xcomp"):
                    # "X attacked Y, sparking clashes": the clashes are X against Y
                    verb_roles(gov.head, 0.75, True)
                elif dep == "dobj" and gov.lemma_.lower() not in NON_AGENT:  # "X launched an offensive on Y"
                    verb_roles(gov, 0.75, False)
                elif dep in ("nsubj",):  # "strikes hit Y"
                    for c in gov.children:
                        if c.dep_ == "dobj":
                            target(c, "verb-object", 0.7)
                    from_preps(gov, 0.7)
                    harmed(gov)
                elif dep == "nsubjpass":  # "strikes were carried out by X"
                    from_preps(gov, 0.75)
            elif dep == "pobj" and gov.head.pos_ == "VERB":
                verb = gov.head
                if gov.dep_ == "agent" or gov.lower_ == "in":  # "killed by/in strikes": victims are actor2
                    for c in verb.children:
                        if c.dep_ in ("nsubjpass",):
                            cands2.append((self.np_actors(c), "victims", 0.7))
                elif gov.lower_ in ("for", "of"):  # "preparing for an offensive", "accused of an attack"
                    subj = subject_of(verb)
                    if subj is not None:
                        cands1.append((self.np_actors(subj), "governing-subject", 0.6))
                elif (subj := subject_of(verb)) is not None:  # "forces fired at demonstrators"
                    roles.extra.extend(Role(a, "verb-subject", 0.5) for a in self.np_actors(subj))

        def launched(verb: Any) -> None:
            """ "rockets fired from rebel-held districts": the side holding the launch site fired them."""
            if verb.lemma_.lower() not in LAUNCH:
                return
            for c in verb.children:
                if c.dep_ == "prep" and c.lower_ == "from":
                    for p in self.pobjs(c):
                        ref = self.refs.get(p.i) or self.modifier_actor(p)
                        ref = ref or next((self.refs[x.i] for x in p.children if x.i in self.refs), None)
                        if ref is not None:
                            cands1.append(([dataclasses.replace(ref, implied=False)], "fired-from", 0.7))

        own = self.refs.get(head.i)
        if own is not None and not own.implied:  # the trigger names its doers ("protesters", "a mob")
            cands1.append(([own], "trigger", 0.6))
        if head.pos_ in ("VERB", "AUX"):
            verb_roles(head, 0.85, True)
            launched(head)
            for c in head.children:  # "marched ... before police fired tear gas": another doer in the event
                if c.dep_ in ("advcl", "conj") and c.pos_ == "VERB" and (subj := subject_of(c)) is not None:
                    if subj.head.i == c.i:
                        roles.extra.extend(Role(a, "clause-subject", 0.5) for a in self.np_actors(subj))
            if head.dep_ == "acl" and not _active(head) and head.head.pos_ in ("NOUN", "PROPN"):
                noun_roles(head.head)  # "rockets fired from X hit Y": the noun carries the event
        else:
            noun_roles(head)
        host = _host_verb(head)  # "fired on people protesting": the verb's subject acts on the event
        if host is not None:
            subj = subject_of(host)
            if subj is not None:
                roles.extra.extend(Role(a, "host-subject", 0.5) for a in self.np_actors(subj))
        self._settle(roles, cands1, cands2 + victims, symmetric)
        roles.receiver = self.receiver(head)
        for h in helpers:
            if not is_source(h) and (roles.actor1 is None or h is not roles.actor1.ref):
                roles.assoc1.append(Role(h, "supporting-subject", 0.6))
        return roles

    def receiver(self, head: Any) -> Role | None:
        """Who takes the ground a withdrawal or handover gives up: the "to" object of a handing verb ("X
        withdrew and handed the hill to Y", "X handed over the town to Y") or the subject of an advance
        tied to it in time ("X pulled out as Y advanced")."""
        if head.pos_ not in ("VERB", "AUX"):
            return None
        verbs = [head, *(c for c in head.children if c.dep_ in ("conj", "xcomp") and c.pos_ == "VERB")]
        for v in verbs:
            if v.lemma_.lower() not in HANDOVER and not (v is head and head.lemma_.lower() in RETREAT):
                continue
            for c in v.children:
                if c.dep_ in ("prep", "dative") and c.lower_ == "to":
                    for p in self.pobjs(c):
                        acts = [a for a in self.np_actors(p) if not is_source(a) and not a.implied]
                        if acts:
                            return Role(acts[0], "received", 0.8)
        if head.lemma_.lower() not in RETREAT:
            return None
        for c in head.children:
            if c.dep_ != "advcl" or c.lemma_.lower() not in ADVANCE:
                continue
            if not any(m.dep_ == "mark" and m.lower_ in TIME_MARKS for m in c.children):
                continue
            subj = next((x for x in c.children if x.dep_ == "nsubj"), None)
            acts = [a for a in self.np_actors(subj) if not is_source(a)] if subj is not None else []
            if acts:
                return Role(acts[0], "advancing", 0.8)
        return None

    def _settle(self, roles: Roles, cands1: list, cands2: list, symmetric: bool) -> None:
        for acts, method, conf in cands1:
            acts = [a for a in acts if a is not None]
            for a in acts:
                if is_source(a):
                    roles.sources.append(a)
            acts = [a for a in acts if not is_source(a) and not a.implied]
            unowned = [a for a in acts if self.is_unowned(a)]
            acts = [a for a in acts if a not in unowned]
            if unowned and not acts and roles.actor1 is None:
                roles.unowned_agent = True
            if not acts:
                continue
            if roles.actor1 is not None:  # later doer candidates are kept for the conventions
                roles.extra.extend(Role(a, method, conf - 0.1) for a in acts if a is not roles.actor1.ref)
                continue
            roles.actor1 = Role(acts[0], method, conf)
            rest = acts[1:]
            opposed = rest and id(rest[0]) not in self.allies and _opposed(acts[0], rest[0])
            if symmetric and opposed and roles.actor2 is None:
                roles.actor2 = Role(rest[0], "coordinated-" + method, conf - 0.1)
                rest = rest[1:]
            roles.assoc1.extend(Role(a, "coordinated-" + method, conf - 0.1) for a in rest)
        cands2 = _civilians_first(cands2)
        for acts, method, conf in cands2:
            acts = [a for a in acts if a is not None and not is_source(a)]
            acts = [a for a in acts if roles.actor1 is None or a is not roles.actor1.ref]
            if not acts:
                continue
            if roles.actor2 is None:
                first = acts[0]
                roles.actor2 = Role(
                    first,
                    method + ("-implied" if first.implied else ""),
                    conf - (0.1 if first.implied else 0),
                )
                roles.assoc2.extend(Role(a, "coordinated-" + method, conf - 0.1) for a in acts[1:])


def _civilians_first(cands2: list) -> list:
    """ "Nine civilians were killed when rebels shelled government-held districts": victims stated to be
    civilians are actor2 before a target named only by who controls it (ACLED codes the civilians)."""
    first = next((c for c in cands2 if any(a is not None and not is_source(a) for a in c[0])), None)
    if first is None or not all(a is None or a.implied or is_source(a) for a in first[0]):
        return cands2
    stated = [
        c
        for c in cands2
        if c[1] == "victims"
        and any(a is not None and a.kind == "civilians" and _says_civilian(a) for a in c[0])
    ]
    return [*stated, *(c for c in cands2 if c not in stated)]


def _says_civilian(ref: ActorRef) -> bool:
    return any(w in STATED_CIVILIANS for w in ref.text.lower().split())


def _supported(verb: Any) -> Any | None:
    """ "fighting in support of the army", "on behalf of the government": the side whose operation the
    subject joins. The subject is an associated actor; the supported side is the principal one."""
    for c in verb.children:
        if c.dep_ != "prep" or c.lower_ not in SUPPORT_FRAMES:
            continue
        for noun in c.children:
            if noun.dep_ == "pobj" and noun.lemma_.lower() == SUPPORT_FRAMES[c.lower_]:
                for of in noun.children:
                    if of.dep_ == "prep" and of.lower_ == "of":
                        return next((p for p in of.children if p.dep_ == "pobj"), None)
    return None


def _opposed(a: ActorRef, b: ActorRef) -> bool:
    """Two coordinated actors are on different sides ("regime and rebel forces fought")."""
    if a.side and b.side:
        return a.side != b.side
    if a.actor_id and b.actor_id:
        return a.actor_id != b.actor_id
    return (a.name or a.text) != (b.name or b.text)


def _host_verb(head: Any) -> Any | None:
    """The verb whose object or target the trigger's noun is ("opened fire on people protesting")."""
    if head.dep_ != "acl":
        return None
    t = head.head
    for _ in range(6):
        if t.pos_ in ("VERB", "AUX"):
            return t
        if t.dep_ not in ("pobj", "dobj", "prep") or t.head.i == t.i:
            return None
        t = t.head
    return None


def _active(verb: Any) -> bool:
    """A participle modifying a noun is active when it has an object or is not a past participle."""
    return verb.tag_ != "VBN" or any(c.dep_ == "dobj" for c in verb.children)
