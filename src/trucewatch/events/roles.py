"""Who did what to whom: actor1/actor2 from the dependency parse around a trigger."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from trucewatch.model import ActorRef

#: Dependencies that stay inside a noun phrase's modifiers ("the army's", "Russian", "regime").
NP_DEPS = frozenset({"compound", "amod", "poss", "nmod", "nn", "appos", "npadvmod", "det"})
SUBJ = frozenset({"nsubj", "csubj"})
TARGET_PREPS = frozenset({"on", "against", "at", "targeting", "upon", "into"})
AGENT_PREPS = frozenset({"by"})
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
PRONOUNS = frozenset({"they", "it", "we", "he", "she", "them", "who", "which", "that"})


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
    #: Sources (monitors, media) found in an actor position.
    sources: list[ActorRef] = field(default_factory=list)


def is_source(ref: ActorRef) -> bool:
    return (ref.kind or "") == "source"


class RoleFinder:
    """Roles for hits in one Doc; ``refs`` maps token index -> the ActorRef covering it."""

    def __init__(self, doc: Any, refs: dict[int, ActorRef]) -> None:
        self.doc = doc
        self.refs = refs

    # --- noun phrases -------------------------------------------------------------------
    def np_actors(self, tok: Any, depth: int = 0) -> list[ActorRef]:
        """Actors of the noun phrase headed by ``tok`` and its conjuncts (first = main)."""
        out: list[ActorRef] = []
        for t in [tok, *tok.conjuncts] if depth == 0 else [tok]:
            ref = self.np_actor(t, depth)
            if ref is not None and ref not in out:
                out.append(ref)
        return out

    def np_actor(self, tok: Any, depth: int = 0) -> ActorRef | None:
        if tok.i in self.refs:
            return self.refs[tok.i]
        stack = [c for c in tok.children if c.dep_ in NP_DEPS]
        while stack:
            c = stack.pop(0)
            if c.i in self.refs:
                return self.refs[c.i]
            stack.extend(x for x in c.children if x.dep_ in NP_DEPS)
        if depth > 2:
            return None
        for c in tok.children:  # "fighters of X", "forces loyal to X"
            if c.dep_ == "prep" and c.lower_ in ("of", "from"):
                for p in c.children:
                    if p.dep_ == "pobj":
                        return self.np_actor(p, depth + 1)
            if c.dep_ in ("amod", "acl") and c.lower_ in (
                "loyal",
                "affiliated",
                "linked",
                "backed",
                "allied",
            ):
                for p in c.children:
                    if p.dep_ == "prep":
                        for q in p.children:
                            if q.dep_ == "pobj":
                                return self.np_actor(q, depth + 1)
        return None

    def subtree_actors(self, tok: Any) -> list[ActorRef]:
        """Distinct actors named anywhere under ``tok``, in text order ("between regime and opposition forces")."""
        out: list[ActorRef] = []
        for t in tok.subtree:
            ref = self.refs.get(t.i)
            if ref is not None and ref not in out and not ref.implied:
                out.append(ref)
        return out

    def modifier_actor(self, tok: Any) -> ActorRef | None:
        """An actor among the trigger noun's own modifiers ("Russian air strikes", "the army's offensive")."""
        stack = [c for c in tok.children if c.dep_ in NP_DEPS]
        while stack:
            c = stack.pop(0)
            if c.i in self.refs and not self.refs[c.i].implied:
                return self.refs[c.i]
            stack.extend(x for x in c.children if x.dep_ in NP_DEPS)
        return None

    def pobjs(self, prep: Any) -> list[Any]:
        return [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]

    # --- main entry ---------------------------------------------------------------------
    def find(self, head: Any, *, symmetric: bool, prep1: frozenset[str], prep2: frozenset[str]) -> Roles:
        roles = Roles()
        helpers: list[ActorRef] = []
        cands1: list[tuple[list[ActorRef], str, float]] = []
        cands2: list[tuple[list[ActorRef], str, float]] = []
        targets = TARGET_PREPS | prep2

        def from_preps(tok: Any, base: float) -> None:
            for c in tok.children:
                if c.dep_ == "agent" or (c.dep_ == "prep" and (c.lower_ in AGENT_PREPS or c.lower_ in prep1)):
                    for p in self.pobjs(c):
                        cands1.append((self.np_actors(p), f"prep-{c.lower_}", base))
                elif c.dep_ == "prep" and c.lower_ == "between":
                    for p in self.pobjs(c):
                        acts = self.subtree_actors(p)
                        cands1.append((acts[:1], "between", base))
                        cands2.append((acts[1:], "between", base))
                elif c.dep_ == "prep" and c.lower_ in targets | ({"with"} if symmetric else set()):
                    for p in self.pobjs(c):
                        cands2.append((self.np_actors(p), f"prep-{c.lower_}", base - 0.05))
                elif c.dep_ in ("acl", "advcl", "relcl") and c.lemma_ in ("target", "hit", "against"):
                    for p in c.children:
                        if p.dep_ == "dobj":
                            cands2.append((self.np_actors(p), "targeting", base - 0.05))

        def subject_of(verb: Any) -> Any | None:
            cur = verb
            for _ in range(4):
                for c in cur.children:
                    if c.dep_ in SUBJ:
                        return c
                if cur.dep_ in ("xcomp", "conj", "advcl", "acomp") and cur.head.i != cur.i:
                    cur = cur.head
                    continue
                if cur.dep_ == "relcl":
                    return cur.head
                break
            return None

        def verb_roles(verb: Any, base: float, object_is_target: bool) -> None:
            subj = subject_of(verb)
            if subj is not None:
                if subj.lower_ in PRONOUNS and subj.i not in self.refs:
                    roles.pronoun_subject = subj.i
                cands1.append((self.np_actors(subj), "subject", base))
            for c in verb.children:
                if c.dep_ == "nsubjpass":
                    cands2.append((self.np_actors(c), "passive-subject", base))
                elif c.dep_ == "dobj" and object_is_target:
                    cands2.append((self.np_actors(c), "object", base))
            from_preps(verb, base)

        if head.pos_ in ("VERB", "AUX"):
            verb_roles(head, 0.85, True)
        else:
            mod = self.modifier_actor(head)
            if mod is not None:
                cands1.append(([mod], "modifier", 0.8))
            from_preps(head, 0.85)
            for c in head.children:  # "strikes carried out by X", "bombs dropped by X on Y"
                if c.dep_ in ("acl", "relcl") and c.pos_ == "VERB":
                    from_preps(c, 0.8)
                    for p in c.children:
                        if p.dep_ in ("agent",):
                            for q in self.pobjs(p):
                                cands1.append((self.np_actors(q), "acl-agent", 0.8))
            gov = head.head
            dep = head.dep_
            if gov.i != head.i and gov.pos_ in ("VERB", "AUX"):
                if dep == "dobj" and gov.lemma_.lower() in SUPPORT:  # "Russia will support the offensive"
                    subj = subject_of(gov)
                    if subj is not None:
                        helpers.extend(self.np_actors(subj))
                elif dep == "dobj" and gov.lemma_.lower() not in NON_AGENT:  # "X launched an offensive on Y"
                    verb_roles(gov, 0.75, False)
                elif dep in ("nsubj",):  # "strikes hit Y"
                    for c in gov.children:
                        if c.dep_ == "dobj":
                            cands2.append((self.np_actors(c), "verb-object", 0.7))
                    from_preps(gov, 0.7)
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
        self._settle(roles, cands1, cands2, symmetric)
        for h in helpers:
            if not is_source(h) and (roles.actor1 is None or h is not roles.actor1.ref):
                roles.assoc1.append(Role(h, "supporting-subject", 0.6))
        return roles

    def _settle(self, roles: Roles, cands1: list, cands2: list, symmetric: bool) -> None:
        for acts, method, conf in cands1:
            acts = [a for a in acts if a is not None]
            for a in acts:
                if is_source(a):
                    roles.sources.append(a)
            acts = [a for a in acts if not is_source(a) and not a.implied]
            if not acts:
                continue
            if roles.actor1 is None:
                roles.actor1 = Role(acts[0], method, conf)
                rest = acts[1:]
                if symmetric and rest and roles.actor2 is None and _opposed(acts[0], rest[0]):
                    roles.actor2 = Role(rest[0], "coordinated-" + method, conf - 0.1)
                    rest = rest[1:]
                roles.assoc1.extend(Role(a, "coordinated-" + method, conf - 0.1) for a in rest)
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


def _opposed(a: ActorRef, b: ActorRef) -> bool:
    """Two coordinated actors are on different sides ("regime and rebel forces fought")."""
    if a.side and b.side:
        return a.side != b.side
    if a.actor_id and b.actor_id:
        return a.actor_id != b.actor_id
    return (a.name or a.text) != (b.name or b.text)
