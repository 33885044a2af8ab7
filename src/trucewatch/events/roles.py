"""Who did what to whom: actor1/actor2 from the dependency parse around a trigger.

``RoleFinder.find`` runs the role rules (phase ``role`` of ``trucewatch.rules``) in their declared order. Each
rule reads one pattern of the parse and adds what it finds to a ``RoleState``: doer candidates (actor1),
done-to candidates (actor2), victims, helpers, extra doers. The candidates are then settled into ``Roles``
(the first usable doer is actor1, the first usable target actor2). Rules come in four groups, by name:

- ``role.<what>``: the trigger itself (its own words, its clause, the verb it hangs from);
- ``role.verb.<what>``: a verb's clause (its subject, objects, prepositions), for a verb trigger or the verb
  that governs a noun trigger;
- ``role.noun.<what>``: a noun trigger's modifiers, prepositions and governing verb;
- ``role.settled.<what>``: after settling (the receiver of ground, helpers as associated actors).

A rule switched off (setting ``rules_off``) is skipped wherever its group runs. A rule fired when it added an
actor or a target flag (a rule handing a phrase to another group, like ``role.verb-trigger``, fired when that
group found something); ``Roles.fired`` lists them in rule order. A rule of phase ``role`` registered elsewhere
without a group in its name runs with the trigger group.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from trucewatch import rules
from trucewatch.config import settings
from trucewatch.events.phrases import (
    ALLEGIANCE,
    ALLY_WORDS,
    POSS_PRONOUNS,
    QUANTITY,
    NounPhrases,
    is_person,
    suspect,
)
from trucewatch.lexicon import lexicon
from trucewatch.model import ActorRef

_LEX = lexicon()
SUBJ = frozenset({"nsubj", "csubj"})
TARGET_PREPS = _LEX.words("role_target_preps")
AGENT_PREPS = frozenset({"by"})
LOSER_PREPS = frozenset({"from"})  # "took the village from X"
HYPHENS = frozenset({"-", "\u2010", "\u2011"})  # inside a word ("Israeli-occupied"), not between phrases
#: Target prepositions the parser may hang on the agent ("by jets on the town") rather than on the act.
ON_TARGET = TARGET_PREPS - _LEX.words("role_locating_preps")  # "troops at the checkpoint" locate the troops
#: Lemmas of a clause on the trigger whose object is the target ("targeting X").
TARGETING = _LEX.words("targeting_lemmas")
#: Verbs whose subject reports, blames or witnesses an event rather than carrying it out.
NON_AGENT = _LEX.words("non_agent_verbs")
#: Verbs whose subject helps another actor's operation: the subject is an associated actor.
SUPPORT = _LEX.words("helper_verbs")
#: Phrases that make the subject a helper of another side's operation: preposition -> its noun.
SUPPORT_FRAMES = dict(_LEX.mapping("support_frames"))
#: Verbs whose object (or passive subject) names the victims ("..., killing five people").
HARM = _LEX.words("role_harm_verbs")
#: Verbs of launching: "rockets fired from rebel-held districts" name the side that fired them.
LAUNCH = _LEX.words("launch_verbs")
#: Verbs whose object is the outcome of the governing clause's act ("attacked Y, sparking clashes").
CAUSE = _LEX.words("cause_verbs")
#: Verbs of leaving ground to another side.
RETREAT = _LEX.words("retreat_verbs")
#: Nouns of using a weapon ("the use of barrel bombs by X"): their agent is the weapon's user.
USE_NOUNS = _LEX.words("weapon_use_nouns")
#: Words that state victims were civilians ("people" alone does not).
STATED_CIVILIANS = _LEX.words("stated_civilian_words")
#: Relative pronouns ("which", "who", "that"): a relative clause's subject is the noun it modifies.
RELATIVE_TAGS = frozenset({"WDT", "WP"})
#: Verbs of handing ground over ("handed it to the army"): the "to" object receives it.
HANDOVER = _LEX.words("handover_verbs")
#: Verbs of moving in ("as troops advanced on the city"): their subject takes the ground another side left.
ADVANCE = _LEX.words("advance_verbs")
#: Subordinators tying an advance to a withdrawal in time.
TIME_MARKS = _LEX.words("advance_time_marks")
#: Verbs of impact: "... fired and hit a school".
IMPACT = _LEX.words("impact_verbs")
#: Words naming a suspected doer: "gunmen, presumably X militants", "(likely X)", "blamed on X".
SUSPICION = _LEX.words("suspicion_words")
#: "X claimed responsibility": a claim verb and its object.
CLAIM_LEMMAS = _LEX.words("claim_lemmas")
RESPONSIBILITY = _LEX.words("responsibility_nouns")
#: "X surrendered to Y": Y is actor1, X actor2.
SURRENDER = _LEX.words("surrender_lemmas")
#: Nouns of an act a weapon trigger may modify ("barrel bomb attacks by X").
ACT_NOUNS = _LEX.words("compound_act_nouns")
#: Passive verbs whose "by" phrase came with the event, not its doer ("clashes were accompanied by ...").
COMPANY_PASSIVES = _LEX.words("company_passives")
#: Phrases of cause ("as a result of", "because of"): their object is what brought the harm about.
CAUSE_FRAMES = tuple(tuple(f.split()) for f in _LEX.terms("cause_frames"))
#: Participles that make their "by" object a helper ("forces backed by X", "the army supported by militias").
BACKING = _LEX.words("backing_lemmas")
#: Verbs whose agent owns the weapon they put in place ("planted by X"), and whose "to" object owns it.
PLANTING = _LEX.words("planting_lemmas")
OWNING = _LEX.words("owning_lemmas")
#: Verbs whose object is blamed for the event ("the government blames X").
BLAME = _LEX.words("blame_lemmas")
#: Verbs whose police or troops subject intervenes in a riot ("police fired tear gas").
INTERVENE = _LEX.words("intervention_lemmas")
#: Actor kinds that intervene in riots.
FORCE_KINDS = frozenset({"police", "state_forces"})  # not vocabulary: actor kinds
#: "Captured the town following clashes with X": prepositions of the fighting before the act, and its nouns.
AFTER_PREPS = _LEX.words("after_clash_preps")
#: Nouns of a dealing between sides whose "with" phrase names the other side ("an agreement with X").
PARTY_WITH = _LEX.words("party_with_nouns")
CLASH_NOUNS = _LEX.words("clash_nouns")
#: Kinds of actor that never carry out an armed attack for the suspicion rules.
NOT_DOERS = frozenset({"civilians", "protesters", "rioters", "source"})  # not vocabulary: actor kinds


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
    #: Names of the role rules that found something, in rule order (for the event's evidence).
    fired: list[str] = field(default_factory=list)
    #: The party that speaks of the event ("X said the truce was extended"), set by the extractor.
    speaker: ActorRef | None = None
    #: Token span of the doer's words when they name no known actor ("thousands of ethnic Kurds marched"):
    #: the words a generic crowd ("Protesters (Country)") is read from.
    crowd_words: tuple[int, int] | None = None
    #: Token span of the first target's words when they name no known actor ("kidnapped 16 foreign
    #: advisers"): the words generic victims ("Civilians (Country)") are read from.
    target_words: tuple[int, int] | None = None
    #: The target phrase names suspects ("men suspected of smuggling"): held suspects are not civilians here.
    suspect_target: bool = False
    #: The group the suspects are said to belong to ("men suspected of links to X"), for arrests.
    suspect_group: ActorRef | None = None
    #: The trigger noun's possessor names a doer no actor stands for ("one group's detention of a fighter"):
    #: someone named did it, so no default doer applies.
    unnamed_possessor: bool = False
    #: Police or troops the paragraph says stepped in ("... Police fired tear gas"), for riots.
    intervener: Role | None = None
    #: Whoever planted or owns the weapon, named by a planting verb in the trigger's sentence or the next one
    #: ("the device was likely planted by X"): for the weapon conventions (defused: actor2; exploded: actor1).
    owner: Role | None = None


def is_source(ref: ActorRef) -> bool:
    return (ref.kind or "") == "source"


Cand = tuple[list[ActorRef], str, float]  # actors of one phrase, method, confidence
VERBISH = ("VERB", "AUX")
NOUNISH = ("NOUN", "PROPN")


@dataclass(slots=True)
class RoleState:
    """What the role rules gather for one trigger; ``found`` counts findings (to tell which rules fired)."""

    finder: RoleFinder
    head: Any
    symmetric: bool
    prep1: frozenset[str]
    prep2: frozenset[str]
    #: Prepositions whose object is the target: the general ones, the trigger's own, "with" for clashes.
    target_preps: frozenset[str]
    roles: Roles = field(default_factory=Roles)
    doers: list[Cand] = field(default_factory=list)  # actor1 candidates, in the order found
    done_to: list[Cand] = field(default_factory=list)  # actor2 candidates
    victims: list[Cand] = field(default_factory=list)  # actor2 candidates after the targets
    helpers: list[ActorRef] = field(default_factory=list)  # associated actors of the doer
    found: int = 0
    fired: set[str] = field(default_factory=set)

    def doer(self, acts: list[ActorRef], method: str, conf: float) -> None:
        self.doers.append((acts, method, conf))
        self.found += bool(acts)

    def done(self, acts: list[ActorRef], method: str, conf: float) -> None:
        self.done_to.append((acts, method, conf))
        self.found += bool(acts)

    def victim(self, acts: list[ActorRef], method: str, conf: float) -> None:
        self.victims.append((acts, method, conf))
        self.found += bool(acts)

    def helper(self, acts: list[ActorRef]) -> None:
        self.helpers.extend(acts)
        self.found += bool(acts)

    def extra(self, acts: list[ActorRef], method: str, conf: float) -> None:
        self.roles.extra.extend(Role(a, method, conf) for a in acts)
        self.found += bool(acts)

    def run(self, group: str, at: Any) -> None:
        """Run one group's switched-on rules on ``at`` (the trigger, a VerbSite or a NounSite)."""
        for r in self.finder.plan[group]:
            before = self.found
            r.fn(self, at)
            if self.found != before:
                self.fired.add(r.name)


@dataclass(slots=True)
class VerbSite:
    """A verb whose clause the verb rules read, with the confidence of what they find there."""

    verb: Any
    base: float
    object_is_target: bool  # False when the object is the trigger itself ("X launched an offensive")
    subject: Any | None  # subject_of(verb)
    principal: Any | None  # _supported(verb): "in support of X"


@dataclass(slots=True)
class NounSite:
    """A noun trigger and the verb governing it (through a quantity noun: "dozens of raids")."""

    noun: Any
    anchor: Any
    gov: Any
    dep: str
    lemma: str  # the governor's lemma, lower case
    verb_gov: bool  # the governor is a verb other than the anchor
    pobj_verb: bool  # otherwise: the noun is the object of a preposition on a verb ("killed in strikes")


class RoleFinder(NounPhrases):
    """Roles for hits in one Doc; ``refs`` maps token index -> the ActorRef covering it."""

    def __init__(self, doc: Any, refs: dict[int, ActorRef]) -> None:
        super().__init__(doc, refs)
        #: the switched-on role rules by group, in run order, and each rule's rank (for ``Roles.fired``)
        self.plan, self.order = plan(settings().rules_off)
        self.named_modifiers = NAMED_MODIFIER in self.order

    def find(self, head: Any, *, symmetric: bool, prep1: frozenset[str], prep2: frozenset[str]) -> Roles:
        """actor1/actor2 of the trigger headed by ``head`` (``prep1``/``prep2``: the trigger's own role
        prepositions; ``symmetric``: clashes, where coordinated opponents are both parties)."""
        preps = TARGET_PREPS | prep2 | (WITH if symmetric else frozenset())
        st = RoleState(self, head, symmetric, prep1, prep2, preps)
        st.run("trigger", head)
        self._settle(st.roles, st.doers, st.done_to + st.victims, symmetric)
        st.run("settled", head)
        st.roles.fired = sorted(st.fired, key=self.order.__getitem__)
        return st.roles

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


def plan(disabled: Any) -> tuple[dict[str, tuple[rules.Rule, ...]], dict[str, int]]:
    """The switched-on role rules by group ("trigger", "verb", "noun", "settled") in run order, and each
    rule's rank; built once per set of switched-on rules (``rules.active`` keeps that tuple)."""
    on = rules.active("role", disabled)
    known = _PLANS.get(id(on))
    if known is not None and known[0] is on:
        return known[1], known[2]
    groups: dict[str, list[rules.Rule]] = {g: [] for g in GROUPS}
    for r in on:
        groups[_GROUP.get(r.name, "trigger")].append(r)
    out = {g: tuple(rs) for g, rs in groups.items()}, {r.name: k for k, r in enumerate(on)}
    _PLANS[id(on)] = (on, *out)
    return out


_PLANS: dict[int, tuple[Any, dict[str, tuple[rules.Rule, ...]], dict[str, int]]] = {}
GROUPS = ("trigger", "verb", "noun", "settled")  # not vocabulary
_GROUP: dict[str, str] = {}
WITH = frozenset({"with"})


def role_rule(name: str, order: int, reason: str) -> Any:
    """Register a role rule; its group is the middle part of its name (``role.verb.subject``: "verb")."""
    parts = name.split(".")
    _GROUP[name] = parts[1] if len(parts) == 3 else "trigger"
    return rules.rule(name, phase="role", reason=reason, order=order)


# --- shared steps (called by several rules) ---------------------------------------------------------


def target(st: RoleState, tok: Any, method: str, conf: float) -> None:
    """A target phrase: its actors are actor2 candidates; it may be pronominal or a civilian place."""
    f = st.finder
    if tok.lower_ in QUANTITY:  # "dozens of men"
        tok = next((p for c in tok.children if c.lower_ == "of" for p in f.pobjs(c)), tok)
    acts = f.np_actors(tok)
    st.done(acts, method, conf)
    _note_target_words(st, tok, acts)
    if not acts and suspect(tok):
        st.roles.suspect_target = True
        if st.roles.suspect_group is None:  # "men suspected of links to X": X is who was held
            st.roles.suspect_group = next(
                (a for a in f.subtree_actors(tok) if (a.kind or "") not in NOT_DOERS and a.inter != 1), None
            )
    if f.pronominal(tok):
        st.roles.pronoun_target = True
        st.found += 1
    if f.site_is_civilian(tok) or (not acts and is_person(tok) and not suspect(tok)):
        st.roles.civilian_target = True
        st.found += 1


def harmed(st: RoleState, verb: Any) -> None:
    """ "..., killing five people": the victims of a harm verb attached to ``verb``."""
    for c in verb.children:
        if c.dep_ in ("advcl", "conj", "xcomp") and c.lemma_.lower() in HARM:
            for o in c.children:
                if o.dep_ == "dobj":
                    st.victim(st.finder.np_actors(o), "victims", 0.6)


def from_preps(st: RoleState, tok: Any, base: float) -> None:
    """Doers and targets in the prepositions of ``tok``: "by X", "between X and Y", "on Y", "targeting Y"."""
    f = st.finder
    for c in tok.children:
        if c.dep_ == "agent" or (c.dep_ == "prep" and (c.lower_ in AGENT_PREPS or c.lower_ in st.prep1)):
            for p in f.pobjs(c):
                if f.pronominal(p):
                    st.roles.pronoun_subject = p.i
                st.doer(f.np_actors(p), f"prep-{c.lower_}", base)
                if c.dep_ == "agent" or c.lower_ == "by":
                    for q in p.children:  # "dropped by helicopters on the town": the act's target
                        if q.dep_ == "prep" and q.lower_ in ON_TARGET:
                            for t in f.pobjs(q):
                                target(st, t, f"agent-prep-{q.lower_}", base - 0.1)
        elif c.dep_ == "prep" and c.lower_ == "between":
            for p in f.pobjs(c):
                acts = f.np_actors(p)
                if len(acts) < 2:
                    acts = f.subtree_actors(p)
                st.doer(acts[:1], "between", base)
                st.done(acts[1:], "between", base)
        elif c.dep_ == "prep" and c.lower_ in st.target_preps:
            for p in f.pobjs(c):
                target(st, p, f"prep-{c.lower_}", base - 0.05)
        elif c.dep_ in ("acl", "advcl", "relcl") and c.lemma_ in TARGETING:
            for p in c.children:
                if p.dep_ == "dobj":
                    target(st, p, "targeting", base - 0.05)


def launched(st: RoleState, verb: Any) -> None:
    """ "rockets fired from rebel-held districts": the side holding the launch site fired them."""
    if verb.lemma_.lower() not in LAUNCH:
        return
    f = st.finder
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ == "from":
            for p in f.pobjs(c):
                ref = f.refs.get(p.i) or f.modifier_actor(p)
                ref = ref or next((f.refs[x.i] for x in p.children if x.i in f.refs), None)
                if ref is not None:
                    st.doer([dataclasses.replace(ref, implied=False)], "fired-from", 0.7)


def subject_of(verb: Any) -> Any | None:
    """The subject of ``verb``'s clause, climbing through conjuncts, complements and relative clauses."""
    cur = verb
    for _ in range(4):
        subjects = [c for c in cur.children if c.dep_ in SUBJ]
        if len(subjects) > 1:  # a label misparsed as a second subject ("Movement of forces: X arrived")
            subjects = [c for c in subjects if not _label(c)] or subjects
        for c in subjects:
            if cur.dep_ == "relcl" and c.tag_ in RELATIVE_TAGS:  # "the Front, which overran"
                return cur.head
            return c
        if cur.dep_ in ("xcomp", "conj") and cur.head.i != cur.i and _active(verb):
            passive = _passive_subject(cur.head)  # "X were observed and set up a base", "X were seen patrolling"
            if passive is not None:
                return passive
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


def _passive_subject(verb: Any) -> Any | None:
    """The passive subject of ``verb`` when it has no active one."""
    if any(c.dep_ in SUBJ for c in verb.children):
        return None
    passive = [c for c in verb.children if c.dep_ == "nsubjpass"]
    return next((c for c in passive if not _label(c)), passive[0] if passive else None)


def _label(tok: Any) -> bool:
    """``tok``'s phrase is followed by a colon: a heading or label, not the clause's subject."""
    nxt = tok.right_edge.i + 1
    if tok.doc[nxt - 1].text == ":" and nxt - 1 > tok.i:  # the colon parsed inside the label ("Defusal:")
        return True
    return nxt < len(tok.doc) and tok.doc[nxt].text == ":"


def verb_roles(st: RoleState, verb: Any, base: float, object_is_target: bool) -> None:
    """Run the verb rules on ``verb``'s clause."""
    st.run("verb", VerbSite(verb, base, object_is_target, subject_of(verb), _supported(verb)))


def noun_roles(st: RoleState, noun: Any) -> None:
    """Run the noun rules on ``noun`` and the verb governing it."""
    anchor = noun
    if (  # "dozens of raids", "a wave of strikes": the quantity noun takes the trigger's place
        noun.dep_ == "pobj"
        and noun.head.lower_ == "of"
        and noun.head.head.lower_ in QUANTITY
        and noun.head.head.i != noun.head.i
    ):
        anchor = noun.head.head
    gov = anchor.head
    dep = anchor.dep_
    verb_gov = gov.i != anchor.i and gov.pos_ in VERBISH
    pobj_verb = not verb_gov and dep == "pobj" and gov.head.pos_ == "VERB"
    st.run("noun", NounSite(noun, anchor, gov, dep, gov.lemma_.lower(), verb_gov, pobj_verb))


# --- the trigger ---------------------------------------------------------------------------------------


NAMED_MODIFIER = "role.named-modifier"


@role_rule(
    NAMED_MODIFIER,
    5,
    'A generic head with a named organisation among its modifiers ("Katiba Macina (JNIM) militants", "Operation '
    'X forces") stands for that organisation wherever a phrase is read (events/phrases.py named_modifier).',
)
def named_modifier(st: RoleState, head: Any) -> None:
    return None  # read by NounPhrases.np_actor when this rule is switched on


@role_rule("role.trigger-doers", 10, 'The trigger word names its doers ("protesters", "a mob").')
def trigger_doers(st: RoleState, head: Any) -> None:
    own = st.finder.refs.get(head.i)
    if own is not None and not own.implied:
        st.doer([own], "trigger", 0.6)


@role_rule("role.verb-trigger", 20, "A verb trigger: its clause is read by the verb rules.")
def verb_trigger(st: RoleState, head: Any) -> None:
    if head.pos_ in VERBISH:
        verb_roles(st, head, 0.85, True)


@role_rule("role.fired-from", 30, '"Rockets fired from X-held districts": the side holding the launch site.')
def fired_from(st: RoleState, head: Any) -> None:
    if head.pos_ in VERBISH:
        launched(st, head)


@role_rule(
    "role.clause-subject",
    40,
    '"Marched ... before police fired tear gas": the subject of a joined clause is another doer.',
)
def clause_subject(st: RoleState, head: Any) -> None:
    if head.pos_ not in VERBISH:
        return
    for c in head.children:
        if c.dep_ in ("advcl", "conj") and c.pos_ == "VERB" and (subj := subject_of(c)) is not None:
            if subj.head.i == c.i:
                st.extra(st.finder.np_actors(subj), "clause-subject", 0.5)


@role_rule(
    "role.participle-noun",
    50,
    '"Rockets fired from X hit Y": a passive participle trigger leaves the event to the noun it modifies.',
)
def participle_noun(st: RoleState, head: Any) -> None:
    if (
        head.pos_ in VERBISH
        and head.dep_ == "acl"
        and not _active(head)
        and head.head.pos_ in ("NOUN", "PROPN")
    ):
        noun_roles(st, head.head)


@role_rule(
    "role.noun-trigger", 60, "A noun trigger: its phrase and governing verb are read by the noun rules."
)
def noun_trigger(st: RoleState, head: Any) -> None:
    if head.pos_ not in VERBISH:
        noun_roles(st, head)


@role_rule(
    "role.compound-head",
    65,
    '"Barrel bomb attacks by X on Y": a trigger that modifies a noun of an act leaves the roles to that noun.',
)
def compound_head(st: RoleState, head: Any) -> None:
    noun = head.head
    if head.pos_ not in VERBISH and head.dep_ == "compound" and noun.i != head.i and noun.lemma_.lower() in ACT_NOUNS:
        noun_roles(st, noun)


@role_rule(
    "role.host-subject",
    70,
    '"Fired on people protesting": the subject of the verb the trigger hangs from acts on the event.',
)
def host_subject(st: RoleState, head: Any) -> None:
    host = _host_verb(head)
    if host is not None:
        subj = subject_of(host)
        if subj is not None:
            st.extra(st.finder.np_actors(subj), "host-subject", 0.5)


# --- a verb's clause -----------------------------------------------------------------------------------


@role_rule(
    "role.verb.supported",
    110,
    '"X fought in support of the army": the supported side is the doer, the subject its helper.',
)
def verb_supported(st: RoleState, v: VerbSite) -> None:
    if v.principal is not None and v.subject is not None:
        st.doer(st.finder.np_actors(v.principal), "supported", v.base)
        st.helper(st.finder.np_actors(v.subject))


@role_rule(
    "role.verb.surrender-to",
    112,
    '"X surrendered to the army", "X defected to the government": the state side receiving them is actor1 '
    "(ACLED lists the state first), those giving up actor2; a group receiving them is actor2.",
)
def verb_surrender_to(st: RoleState, v: VerbSite) -> None:
    if v.verb.lemma_.lower() not in SURRENDER or v.subject is None:
        return
    f = st.finder
    for c in v.verb.children:
        if c.dep_ == "prep" and c.lower_ == "to":
            for p in f.pobjs(c):
                acts = [a for a in f.np_actors(p) if not is_source(a)]
                if acts and (acts[0].inter == 1 or acts[0].side == "government"):
                    st.doer(acts, "surrendered-to", v.base)
                    st.done(f.np_actors(v.subject), "surrendering", v.base)
                    return
                if acts:  # "soldiers surrendered to X": a group receiving them is the other party
                    st.done(acts, "surrendered-to", v.base)
                    return


@role_rule("role.verb.subject", 115, "The subject of the verb is the doer.")
def verb_subject(st: RoleState, v: VerbSite) -> None:
    if v.subject is not None and v.principal is None:
        if st.finder.pronominal(v.subject):
            st.roles.pronoun_subject = v.subject.i
        acts = st.finder.np_actors(v.subject)
        st.doer(acts, "subject", v.base)
        if not acts and st.roles.crowd_words is None:
            st.roles.crowd_words = _phrase_words(v.subject, st.finder)


@role_rule(
    "role.verb.backed-subject",
    116,
    '"X supported by Y clashed with Z", parsed with "supported" as the main verb and the act as its complement: '
    "X is the doer and Y its helper.",
)
def verb_backed_subject(st: RoleState, v: VerbSite) -> None:
    verb = v.verb
    if v.subject is not None or verb.dep_ != "ccomp" or verb.head.i == verb.i:
        return
    host = verb.head
    agents = [c for c in host.children if c.dep_ == "agent"]
    subj = next((c for c in host.children if c.dep_ in SUBJ), None)
    if host.lemma_.lower() not in BACKING or not agents or subj is None:
        return
    f = st.finder
    st.doer(f.np_actors(subj), "backed-subject", v.base)
    for a in agents:
        for p in f.pobjs(a):
            st.helper(f.np_actors(p))


#: Named-entity labels of places and times: "Baghdad saw protests", "on Monday" name no people.
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC", "DATE", "TIME"})


def _phrase_words(tok: Any, f: NounPhrases) -> tuple[int, int] | None:
    """The words of ``tok``'s phrase, when it may name people: its modifiers up to the noun and an "of" phrase
    after it ("thousands of ethnic Kurds", "an employee of the ministry"), at most 10 words, no punctuation."""
    if tok.pos_ not in NOUNISH or f.pronominal(tok) or tok.ent_type_ in PLACE_LABELS:
        return None
    start, end = tok.left_edge.i, tok.i + 1
    of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" and c.i == end), None)
    if of is not None and of.right_edge.i + 1 - start <= 10:
        end = of.right_edge.i + 1
    if any(t.is_punct and t.text not in HYPHENS for t in tok.doc[start:end]) or end - start > 10:
        return None
    return start, end


def _note_target_words(st: RoleState, tok: Any, acts: list[ActorRef]) -> None:
    """Keep the first target's words when they name no known actor (for generic victims)."""
    if not acts and st.roles.target_words is None and not st.finder.site_is_civilian(tok):
        st.roles.target_words = _phrase_words(tok, st.finder)


@role_rule("role.verb.passive-head", 120, '"Men detained by police": the noun a passive participle modifies.')
def verb_passive_head(st: RoleState, v: VerbSite) -> None:
    verb = v.verb
    if verb.dep_ == "acl" and not _active(verb) and v.object_is_target:
        st.done(st.finder.np_actors(verb.head), "passive-head", v.base)


@role_rule(
    "role.verb.object-with",
    125,
    '"Reached an agreement with X", "signed a deal with X": the "with" party of an object that is a dealing '
    "between sides (lexicon party_with_nouns; not \"an attack with allies\") is the other party, found before the "
    "object's own words.",
)
def verb_object_with(st: RoleState, v: VerbSite) -> None:
    f = st.finder
    for o in v.verb.children:
        if o.dep_ != "dobj" or o.i in f.refs or (o.lemma_.lower() not in PARTY_WITH and o.lower_ not in PARTY_WITH):
            continue
        for c in o.children:
            if c.dep_ == "prep" and c.lower_ == "with":
                for p in f.pobjs(c):
                    acts = [a for a in f.np_actors(p) if not is_source(a)]
                    if acts:
                        target(st, p, "object-with", v.base - 0.05)


@role_rule(
    "role.verb.objects",
    130,
    'Passive subject and direct object are the target; "retook the town from X" names the loser.',
)
def verb_objects(st: RoleState, v: VerbSite) -> None:
    f, base = st.finder, v.base
    for c in v.verb.children:  # one pass in word order: the first target found is actor2
        if c.dep_ == "nsubjpass":
            acts = f.np_actors(c)
            st.done(acts, "passive-subject", base)
            _note_target_words(st, c, acts)
        elif c.dep_ == "dobj" and v.object_is_target:
            target(st, c, "object", base)
        if c.dep_ in ("dobj", "advmod", "npadvmod", "oprd") and st.prep2:  # "retook the town from X"
            for p in c.children:
                if p.dep_ == "prep" and p.lower_ in st.prep2:
                    for q in f.pobjs(p):
                        st.done(f.np_actors(q), f"object-prep-{p.lower_}", base - 0.1)


@role_rule(
    "role.verb.place-from",
    135,
    '"Took control over the village from X", "took control of the town from X": the side losing the ground '
    "hangs on the place a preposition of the verb (or of its object) names.",
)
def verb_place_from(st: RoleState, v: VerbSite) -> None:
    lost = st.prep2 & LOSER_PREPS  # "from" only: "clashed during a march against X" names no loser
    if not lost:
        return
    f = st.finder
    holders = [v.verb, *(c for c in v.verb.children if c.dep_ == "dobj")]
    for h in holders:
        for c in h.children:
            if c.dep_ != "prep" or c.lower_ in lost:
                continue
            places = [p for p in f.pobjs(c) if p.pos_ in NOUNISH]  # a place, not "after getting X from Y"
            for _ in range(3):  # "over a village near the river from X": through a few nested places
                nxt = []
                for place in places:
                    for q in place.children:
                        if q.dep_ == "prep" and q.lower_ in lost:
                            for p in f.pobjs(q):
                                st.done(f.np_actors(p), f"place-prep-{q.lower_}", v.base - 0.1)
                        elif q.dep_ == "prep":
                            nxt.extend(p for p in f.pobjs(q) if p.pos_ in NOUNISH)
                places = nxt


@role_rule(
    "role.verb.object-agent",
    137,
    '"Defused an IED planted by X": the agent of a participle on the object is another doer (the weapon\'s owner '
    "for the conventions), not the act's.",
)
def verb_object_agent(st: RoleState, v: VerbSite) -> None:
    if not v.object_is_target:
        return
    f = st.finder
    verbs = [v.verb, *(c for c in v.verb.children if c.dep_ == "conj" and c.pos_ == "VERB")]  # "defused and destroyed"
    for o in (o for x in verbs for o in x.children if o.dep_ == "dobj"):
        for c in o.children:
            if c.dep_ == "acl" and c.pos_ == "VERB":
                for a in c.children:
                    if a.dep_ == "agent":
                        for p in f.pobjs(a):
                            st.extra(f.np_actors(p), "acl-agent", v.base - 0.2)


@role_rule(
    "role.verb.after-clashes",
    138,
    '"Captured the town following clashes with X", "after clashes between Y and X": the side the subject fought '
    "in the clashes the clause names is the target.",
)
def verb_after_clashes(st: RoleState, v: VerbSite) -> None:
    f = st.finder
    mine = {a.name for a in f.np_actors(v.subject)} if v.subject is not None else set()
    for c in v.verb.children:
        if c.lower_ not in AFTER_PREPS or c.dep_ not in ("prep", "advcl", "acl"):
            continue
        objs = [x for x in c.children if x.dep_ in ("pobj", "dobj")]
        objs += [j for x in objs for j in x.conjuncts]  # "following a counter-attack and clashes with X"
        if not any(p.lemma_.lower() in CLASH_NOUNS or p.lower_ in CLASH_NOUNS for p in objs):
            continue
        for p in objs:
            for q in p.children:
                if q.dep_ == "prep" and q.lower_ in ("with", "against"):
                    for t in f.pobjs(q):
                        target(st, t, "after-clashes", v.base - 0.1)
                elif q.dep_ == "prep" and q.lower_ == "between" and mine:
                    for t in f.pobjs(q):
                        other = [a for a in f.subtree_actors(t) if a.name not in mine and not is_source(a)]
                        st.done(other[:1], "after-clashes", v.base - 0.1)


@role_rule("role.verb.preps", 140, 'Prepositions of the verb: "by X", "between X and Y", "on Y".')
def verb_preps(st: RoleState, v: VerbSite) -> None:
    from_preps(st, v.verb, v.base)


def _cause_noun(prep: Any) -> Any | None:
    """The object of a cause phrase opened by ``prep`` ("as a result of X", "because of X"), else None."""
    doc = prep.doc
    for frame in CAUSE_FRAMES:
        end = prep.i + len(frame)
        if end <= len(doc) and tuple(t.lower_ for t in doc[prep.i : end]) == frame:
            # "as a result of X": X hangs on "of"; "because of X" may hang X on "because"
            return next((p for t in doc[prep.i : end] for p in t.children if p.dep_ == "pobj" and p.i >= end), None)
    return None


@role_rule(
    "role.verb.cause",
    145,
    '"Three were killed as a result of X aggression", "died because of X shelling": the cause phrase on the '
    "verb (or a verb joined to it) names the doer.",
)
def verb_cause(st: RoleState, v: VerbSite) -> None:
    verb, f = v.verb, st.finder
    verbs = [verb, *(c for c in verb.children if c.dep_ == "conj" and c.pos_ in VERBISH)]
    if verb.dep_ == "conj":
        verbs.append(verb.head)
    for x in verbs:
        for c in x.children:
            noun = _cause_noun(c) if c.dep_ == "prep" else None
            if noun is not None:
                mod = f.modifier_actor(noun)
                st.doer([mod] if mod is not None else f.np_actors(noun), "cause", v.base - 0.1)


@role_rule("role.verb.victims", 150, '"..., killing five people": the object of a harm verb are victims.')
def verb_victims(st: RoleState, v: VerbSite) -> None:
    harmed(st, v.verb)


@role_rule(
    "role.verb.retreating",
    160,
    '"X took the town after Y withdrew": whoever withdrew lost the ground.',
)
def verb_retreating(st: RoleState, v: VerbSite) -> None:
    if "from" not in st.prep2:
        return
    for c in v.verb.children:
        if c.dep_ == "advcl" and c.lemma_.lower() in RETREAT:
            for x in c.children:
                if x.dep_ == "nsubj":
                    st.done(st.finder.np_actors(x), "retreating", v.base - 0.15)


@role_rule(
    "role.verb.impact",
    170,
    '"Rockets fired from X hit a school": a subjectless impact verb joined to the verb names the target.',
)
def verb_impact(st: RoleState, v: VerbSite) -> None:
    for c in v.verb.children:
        if c.dep_ == "conj" and c.lemma_.lower() in IMPACT and not any(x.dep_ in SUBJ for x in c.children):
            for o in c.children:
                if o.dep_ == "dobj":
                    target(st, o, "conj-object", v.base - 0.1)
            harmed(st, c)


@role_rule(
    "role.verb.harm-clause",
    180,
    '"Five were killed when X shelled Y": the subject of the harm verb the clause explains are victims.',
)
def verb_harm_clause(st: RoleState, v: VerbSite) -> None:
    verb, harm = v.verb, v.verb.head
    if verb.dep_ == "advcl" and harm.lemma_.lower() in HARM:
        while harm.dep_ == "conj" and harm.head.lemma_.lower() in HARM:
            harm = harm.head
        for c in harm.children:
            if c.dep_ == "nsubjpass":
                st.victim(st.finder.np_actors(c), "victims", 0.6)


# --- a noun trigger ------------------------------------------------------------------------------------


@role_rule(
    "role.noun.modifier", 210, '"Russian air strikes", "the army\'s offensive": a modifier is the doer.'
)
def noun_modifier(st: RoleState, n: NounSite) -> None:
    nxt = n.noun.i + 1  # "Arrests: Former X leader Y was arrested": the report after a heading is no modifier
    if _label(n.noun) or (nxt < len(n.noun.doc) and n.noun.doc[nxt].text == ":"):
        return
    mod = st.finder.modifier_actor(n.noun)
    if mod is not None:
        st.doer([mod], "modifier", 0.8)


@role_rule(
    "role.noun.unnamed-possessor",
    215,
    '"One group\'s detention of a fighter": a possessor of the trigger noun that names no known actor (nor a '
    "pronoun) is a doer all the same, so no convention supplies a default one.",
)
def noun_unnamed_possessor(st: RoleState, n: NounSite) -> None:
    f = st.finder
    for c in n.noun.children:
        if c.dep_ == "poss" and not f.np_actors(c) and not f.pronominal(c) and c.lower_ not in POSS_PRONOUNS:
            st.roles.unnamed_possessor = True
            st.found += 1


@role_rule("role.noun.preps", 220, 'Prepositions of the noun: "strikes by X on Y".')
def noun_preps(st: RoleState, n: NounSite) -> None:
    from_preps(st, n.noun, 0.85)


@role_rule(
    "role.noun.participle",
    230,
    '"Strikes carried out by X", "bombs dropped by X on Y": a participle on the noun names the roles.',
)
def noun_participle(st: RoleState, n: NounSite) -> None:
    f = st.finder
    for c in n.noun.children:
        if c.dep_ in ("acl", "relcl") and c.pos_ == "VERB":
            launched(st, c)
            from_preps(st, c, 0.8)
            for p in c.children:
                if p.dep_ in ("agent",):
                    for q in f.pobjs(p):
                        st.doer(f.np_actors(q), "acl-agent", 0.8)


@role_rule("role.noun.use-of", 240, '"The use of gas by militants": the user of the weapon is the doer.')
def noun_use_of(st: RoleState, n: NounSite) -> None:
    noun = n.noun
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lemma_.lower() in USE_NOUNS:
        from_preps(st, noun.head.head, 0.8)


def _supports(n: NounSite) -> bool:
    return n.verb_gov and n.dep == "dobj" and n.lemma in SUPPORT


def _causes(n: NounSite) -> bool:
    return (
        n.verb_gov
        and n.dep == "dobj"
        and n.lemma not in SUPPORT
        and n.lemma in CAUSE
        and n.gov.dep_ in ("advcl", "conj", "xcomp")
    )


@role_rule(
    "role.noun.supported",
    250,
    '"Russia will support the offensive": the subject of a support verb is a helper of the doer.',
)
def noun_supported(st: RoleState, n: NounSite) -> None:
    if _supports(n):
        subj = subject_of(n.gov)
        if subj is not None:
            st.helper(st.finder.np_actors(subj))


@role_rule(
    "role.noun.caused",
    255,
    '"X attacked Y, sparking clashes": the clashes are X against Y (the causing clause\'s roles).',
)
def noun_caused(st: RoleState, n: NounSite) -> None:
    if _causes(n):
        verb_roles(st, n.gov.head, 0.75, True)


@role_rule(
    "role.noun.object",
    260,
    '"X launched an offensive on Y": the noun is the object of a verb whose clause gives the roles.',
)
def noun_object(st: RoleState, n: NounSite) -> None:
    if n.verb_gov and n.dep == "dobj" and not _supports(n) and not _causes(n) and n.lemma not in NON_AGENT:
        verb_roles(st, n.gov, 0.75, False)


@role_rule(
    "role.noun.instrument",
    262,
    '"Targeted a tank with shells", "dispersed the crowd with tear gas": a weapon trigger that is the "with" '
    "instrument of a verb takes that verb's subject as the doer and its object as the target.",
)
def noun_instrument(st: RoleState, n: NounSite) -> None:
    if n.pobj_verb and n.gov.lower_ == "with" and n.gov.head.lemma_.lower() not in NON_AGENT:
        verb_roles(st, n.gov.head, 0.75, True)


@role_rule(
    "role.noun.subject", 265, '"Strikes hit Y": the noun is the subject; the verb\'s object is the target.'
)
def noun_subject(st: RoleState, n: NounSite) -> None:
    if not (n.verb_gov and n.dep == "nsubj"):
        return
    for c in n.gov.children:
        if c.dep_ == "dobj":
            target(st, c, "verb-object", 0.7)
    from_preps(st, n.gov, 0.7)
    harmed(st, n.gov)


@role_rule(
    "role.noun.between-copula",
    267,
    '"The clashes were between X and Y": the parties follow the copula ("between" may be parsed inside the '
    "phrase, as in a number range).",
)
def noun_between_copula(st: RoleState, n: NounSite) -> None:
    if not (n.verb_gov and n.dep == "nsubj" and n.lemma == "be"):
        return
    f = st.finder
    for attr in n.gov.children:
        if attr.dep_ == "attr" and any(t.lower_ == "between" and t.dep_ == "quantmod" for t in attr.subtree):
            acts = f.subtree_actors(attr)
            st.doer(acts[:1], "between", 0.7)
            st.done(acts[1:], "between", 0.7)


@role_rule(
    "role.noun.passive",
    270,
    '"Strikes were carried out by X": the passive verb\'s agent is the doer (not after "accompanied by", '
    '"followed by": lexicon company_passives).',
)
def noun_passive(st: RoleState, n: NounSite) -> None:
    if n.verb_gov and n.dep == "nsubjpass" and n.lemma not in COMPANY_PASSIVES:
        from_preps(st, n.gov, 0.75)


def _by_or_in(n: NounSite) -> bool:
    return n.gov.dep_ == "agent" or n.gov.lower_ == "in"


@role_rule(
    "role.noun.killed-by", 275, '"Killed by/in strikes": the passive subject are the victims (actor2).'
)
def noun_killed_by(st: RoleState, n: NounSite) -> None:
    if n.pobj_verb and _by_or_in(n):
        for c in n.gov.head.children:
            if c.dep_ in ("nsubjpass",):
                st.done(st.finder.np_actors(c), "victims", 0.7)


@role_rule(
    "role.noun.governing-subject",
    280,
    '"Preparing for an offensive", "accused of an attack": the governing verb\'s subject is the doer.',
)
def noun_governing_subject(st: RoleState, n: NounSite) -> None:
    if n.pobj_verb and not _by_or_in(n) and n.gov.lower_ in ("for", "of"):
        subj = subject_of(n.gov.head)
        if subj is not None:
            st.doer(st.finder.np_actors(subj), "governing-subject", 0.6)


@role_rule(
    "role.noun.after-clashes-subject",
    283,
    '"X announced the takeover of Y following clashes with Z": the clashes the verb\'s clause follows from are '
    "fought by the verb's subject (a party, not only another doer).",
)
def noun_after_clashes_subject(st: RoleState, n: NounSite) -> None:
    clash = n.noun.lemma_.lower() in CLASH_NOUNS or n.noun.lower_ in CLASH_NOUNS
    host = n.gov.head  # "following" may be tagged a verb: the host is the verb it hangs on either way
    if not (clash and n.dep == "pobj" and n.gov.lower_ in AFTER_PREPS and host.pos_ in VERBISH and host.i != n.gov.i):
        return
    subj = subject_of(host)
    if subj is not None:
        st.doer(st.finder.np_actors(subj), "after-clashes-subject", 0.6)


@role_rule(
    "role.noun.verb-subject",
    285,
    '"Forces fired at demonstrators": the subject of the verb is kept as another doer.',
)
def noun_verb_subject(st: RoleState, n: NounSite) -> None:
    if n.pobj_verb and not _by_or_in(n) and n.gov.lower_ not in ("for", "of"):
        subj = subject_of(n.gov.head)
        if subj is not None:
            st.extra(st.finder.np_actors(subj), "verb-subject", 0.5)


# --- after settling ------------------------------------------------------------------------------------


@role_rule(
    "role.settled.receiver",
    910,
    '"X withdrew and handed the hill to Y", "X pulled out as Y advanced": Y receives the ground.',
)
def settled_receiver(st: RoleState, head: Any) -> None:
    st.roles.receiver = st.finder.receiver(head)
    st.found += st.roles.receiver is not None


@role_rule(
    "role.settled.helpers",
    920,
    "Helpers of the doer (supporting subjects) are associated actors of actor1.",
)
def settled_helpers(st: RoleState, head: Any) -> None:
    roles = st.roles
    for h in st.helpers:
        if not is_source(h) and (roles.actor1 is None or h is not roles.actor1.ref):
            roles.assoc1.append(Role(h, "supporting-subject", 0.6))
            st.found += 1


@role_rule(
    "role.settled.named-parties",
    925,
    '"Fighting between two armed groups, X and Y": the groups named after a generic word ("armed groups") '
    "are the parties, not the generic word.",
)
def settled_named_parties(st: RoleState, head: Any) -> None:
    roles = st.roles
    a1 = roles.actor1
    if a1 is None or a1.method != "between" or not a1.ref.unidentified:
        return
    named = [
        a
        for acts, method, _ in [*st.doers, *st.done_to]
        if method == "between"
        for a in acts
        if a is not None and not a.unidentified and not a.implied and not is_source(a)
    ]
    if len(named) >= 2:
        roles.actor1 = Role(named[0], "between-named", a1.confidence)
        roles.actor2 = Role(named[1], "between-named", a1.confidence)
        st.found += 1


def _span_head(f: NounPhrases, ref: ActorRef) -> Any | None:
    """The token heading ``ref``'s span (its head lies outside the span)."""
    span = f.spans.get(id(ref))
    if span is None:
        return None
    s, e = span
    return next((t for t in f.doc[s:e] if not s <= t.head.i < e or t.head.i == t.i), f.doc[e - 1])


def _backed(tok: Any) -> tuple[Any, bool] | None:
    """``tok`` is the "by" object of a backing participle ("forces backed by X"): (the backed noun, whether
    ``tok`` is only a conjunct of that object); else None."""
    t, conj = tok, False
    while t.dep_ == "conj" and t.head.i != t.i:
        t, conj = t.head, True
    if t.dep_ == "pobj" and t.head.dep_ == "agent":
        part = t.head.head
        if part.lemma_.lower() in BACKING and part.dep_ in ("acl", "relcl") and part.head.i != part.i:
            return part.head, conj
    return None


@role_rule(
    "role.settled.backed-parties",
    926,
    '"Clashes between X, supported by Y, and Z": the backer Y is a helper of X, not the other party (a party '
    "parsed as a conjunct of the backer is the other party when no other one is named).",
)
def settled_backed_parties(st: RoleState, head: Any) -> None:
    roles, f = st.roles, st.finder
    if not any(r is not None and r.method == "between" for r in (roles.actor1, roles.actor2)):
        return
    parties: list[ActorRef] = []
    for acts, method, _ in [*st.doers, *st.done_to]:
        for a in acts if method == "between" else ():
            if a is not None and not a.implied and not is_source(a) and all(a is not p for p in parties):
                parties.append(a)
    main, backers, conjs = [], [], []
    for a in parties:
        tok = _span_head(f, a)
        b = _backed(tok) if tok is not None else None
        if b is None:
            main.append(a)
        else:
            (conjs if b[1] and not any(c.lower_ in ALLY_WORDS for c in tok.children) else backers).append((a, b[0]))
    if not backers and not conjs:
        return
    if len(main) < 2:
        main += [a for a, _ in conjs]
    else:
        backers += conjs
    if not main:
        return
    roles.actor1 = Role(main[0], "between", roles.actor1.confidence if roles.actor1 else 0.7)
    roles.actor2 = Role(main[1], "between", roles.actor1.confidence) if len(main) > 1 else None
    a2_head = _span_head(f, roles.actor2.ref) if roles.actor2 is not None else None
    for a, backed in backers:
        on_a2 = a2_head is not None and backed.i == a2_head.i
        (roles.assoc2 if on_a2 else roles.assoc1).append(Role(a, "backing", 0.6))
    st.found += 1


def _open_doer(roles: Roles) -> bool:
    """No doer, or only an unidentified one ("gunmen", "an unknown armed group")."""
    return roles.actor1 is None or roles.actor1.ref.unidentified


def _named_doer(ref: ActorRef | None, roles: Roles) -> bool:
    return (
        ref is not None
        and not ref.implied
        and not ref.unidentified
        and (ref.kind or "") not in NOT_DOERS
        and ref.inter != 7
        and (roles.actor2 is None or ref is not roles.actor2.ref)
    )


def _suspected(tok: Any) -> bool:
    """A suspicion word on ``tok``'s phrase or on the few words above it ("presumably X fighters",
    "(likely X)", "believed to belong to X", "blamed on X")."""
    t = tok
    for _ in range(5):
        if t.lower_ in SUSPICION or t.lemma_.lower() in SUSPICION:
            return True
        if any(c.dep_ in ("advmod", "amod") and c.lower_ in SUSPICION for c in t.children):
            return True
        if t.head.i == t.i or t.dep_ in SUBJ or t.dep_ == "ROOT":
            return False
        t = t.head
    return False


def _blamed_on(tok: Any) -> bool:
    """``tok`` is the object of a preposition on a verb of suspicion ("blamed on X", "attributed to X")."""
    a = tok
    for _ in range(3):
        if a.dep_ == "pobj" and a.head.dep_ == "prep":
            verb = a.head.head
            return verb.pos_ == "VERB" and (verb.lower_ in SUSPICION or verb.lemma_.lower() in SUSPICION)
        if a.head.i == a.i:
            return False
        a = a.head
    return False


def _ally_of(tok: Any) -> bool:
    """``tok`` names the patron in a modifier ("the X-linked group Y"): Y, not X, is the suspect."""
    a = tok.head
    for _ in range(2):
        if a.dep_ == "amod" and (a.lower_ in ALLEGIANCE or a.lemma_.lower() in ALLEGIANCE):
            return True
        if a.head.i == a.i:
            return False
        a = a.head
    return False


def _in_object(tok: Any) -> bool:
    """``tok`` lies in an object's phrase ("arrested men suspected of links to X"): a target, not a doer."""
    return any(a.dep_ in ("dobj", "nsubjpass", "iobj", "dative") for a in tok.ancestors)


@role_rule(
    "role.settled.suspected",
    930,
    'No doer or an unidentified one, and the sentence names a suspect ("gunmen, presumably X militants", '
    '"an unknown group (likely X)", "blamed on X", "believed to belong to X"): ACLED codes the suspect.',
)
def settled_suspected(st: RoleState, head: Any) -> None:
    roles, f = st.roles, st.finder
    if not _open_doer(roles):
        return
    for t in head.sent:
        ref = f.refs.get(t.i)
        blamed = ref is not None and roles.actor2 is not None and ref is roles.actor2.ref and _blamed_on(t)
        if blamed:  # "a bombing blamed on X": read as the target of "on", X is the suspect
            roles.actor2 = None
        if _named_doer(ref, roles) and t.i != head.i and _suspected(t) and not _in_object(t) and not _ally_of(t):
            assert ref is not None
            if roles.actor1 is not None:
                roles.extra.append(roles.actor1)
            roles.actor1 = Role(ref, "suspected", 0.6)
            st.found += 1
            return


@role_rule(
    "role.settled.claimed",
    940,
    'No doer or an unidentified one, and the text goes on to say "X claimed responsibility": X is the doer.',
)
def settled_claimed(st: RoleState, head: Any) -> None:
    roles, f = st.roles, st.finder
    if not _open_doer(roles):
        return
    claimants = []
    for t in head.doc[head.sent.start :]:
        if t.dep_ == "dobj" and t.lemma_.lower() in RESPONSIBILITY and t.head.lemma_.lower() in CLAIM_LEMMAS:
            subj = next((c for c in t.head.children if c.dep_ in SUBJ), None)
            ref = f.np_actor(subj) if subj is not None else None
            if _named_doer(ref, roles) and ref not in claimants:
                claimants.append(ref)
    if len(claimants) == 1:
        if roles.actor1 is not None:
            roles.extra.append(roles.actor1)
        roles.actor1 = Role(claimants[0], "claimed-responsibility", 0.6)
        st.found += 1


@role_rule(
    "role.settled.blamed-over-claim",
    945,
    '"X claimed responsibility, while the government blames Y": the group the authorities blame is the doer '
    "(ACLED codes it), the claimant is kept as another doer.",
)
def settled_blamed_over_claim(st: RoleState, head: Any) -> None:
    roles, f = st.roles, st.finder
    a1 = roles.actor1
    if a1 is None or a1.method != "claimed-responsibility":
        return
    for t in head.doc[head.sent.start :]:
        if t.pos_ != "VERB" or t.lemma_.lower() not in BLAME:
            continue
        for o in (c for c in t.children if c.dep_ == "dobj"):
            blamed = next((a for a in f.np_actors(o) if _named_doer(a, roles) and a is not a1.ref), None)
            if blamed is None:
                blamed = next((a for a in f.subtree_actors(o) if _named_doer(a, roles) and a is not a1.ref), None)
            if blamed is not None and blamed.name != a1.ref.name:
                roles.extra.append(a1)
                roles.actor1 = Role(blamed, "blamed", 0.6)
                st.found += 1
                return


@role_rule(
    "role.settled.blamed-next",
    947,
    'No doer or an unidentified one, and the next sentence blames a named group ("A grenade wounded six. '
    'Residents suspect X."): X is the doer.',
)
def settled_blamed_next(st: RoleState, head: Any) -> None:
    roles, f, sent = st.roles, st.finder, head.sent
    if not _open_doer(roles) or sent.end >= len(f.doc):
        return
    for t in f.doc[sent.end].sent:
        if t.pos_ != "VERB" or t.lemma_.lower() not in BLAME or any(c.dep_ == "neg" for c in t.children):
            continue
        for o in (c for c in t.children if c.dep_ == "dobj"):
            blamed = next((a for a in f.np_actors(o) if _named_doer(a, roles)), None)
            if blamed is not None:
                if roles.actor1 is not None:
                    roles.extra.append(roles.actor1)
                roles.actor1 = Role(blamed, "blamed-next", 0.55)
                st.found += 1
                return


@role_rule(
    "role.settled.weapon-owner",
    950,
    '"An IED planted by X", "the device was likely planted by X", "explosives belonging to X" in the trigger\'s '
    "sentence or the next one: X owns the weapon (the conventions make it actor2 of a disrupted weapons use, "
    "actor1 of an explosion with no doer).",
)
def settled_weapon_owner(st: RoleState, head: Any) -> None:
    f, sent = st.finder, head.sent
    nxt = f.doc[sent.end].sent if sent.end < len(f.doc) else None
    for s in (sent, nxt) if nxt is not None else (sent,):
        for t in s:
            lemma = t.lemma_.lower()
            if t.pos_ != "VERB" or (lemma not in PLANTING and lemma not in OWNING):
                continue
            for c in t.children:
                by = c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by")
                if not (by and lemma in PLANTING) and not (c.dep_ == "prep" and c.lower_ == "to" and lemma in OWNING):
                    continue
                for p in f.pobjs(c):
                    acts = [a for a in f.np_actors(p) if not a.implied and not is_source(a)]
                    acts = [a for a in acts if (a.kind or "") not in NOT_DOERS]
                    if acts:
                        st.roles.owner = Role(acts[0], "planted-by", 0.6)
                        st.found += 1
                        return


@role_rule(
    "role.settled.intervener",
    960,
    '"Students rioted ... Police fired tear gas": police or troops that are the subject of an intervention verb '
    "in the trigger's sentence or after it in the paragraph are recorded as the intervening force (for riots).",
)
def settled_intervener(st: RoleState, head: Any) -> None:
    f, roles = st.finder, st.roles
    mine = roles.actor1.ref if roles.actor1 is not None else None
    for t in f.doc[head.sent.start :]:
        ref = f.refs.get(t.i)
        if ref is None or ref.implied or (ref.kind or "") not in FORCE_KINDS or ref is mine:
            continue
        if t.dep_ in SUBJ and t.head.pos_ == "VERB" and t.head.lemma_.lower() in INTERVENE:
            roles.intervener = Role(ref, "intervener", 0.5)
            st.found += 1
            return


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
