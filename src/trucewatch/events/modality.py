"""Modality and polarity of a trigger: did it happen, and on whose word."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from trucewatch import rules
from trucewatch.lexicon import lexicon
from trucewatch.model import Modality
from trucewatch.rules import rule

_LEX = lexicon()
PLAN = _LEX.words("plan_cues")
THREAT = _LEX.words("threat_cues")
DENY = _LEX.words("deny_cues")
CLAIM = _LEX.words("claim_cues")
ACCUSE = _LEX.words("accuse_cues")
SPEECH = _LEX.words("report_cues")
FUTURE_AUX = _LEX.words("future_auxiliaries")
MODAL_AUX = _LEX.words("modal_auxiliaries")
CONDITIONAL = _LEX.words("conditional_marks")
#: The only dependencies a "modality-marker" rule reads (the others are not run through the rules).
MARKER_DEPS = frozenset({"neg", "det", "aux", "auxpass", "mark"})
#: "announced an offensive" is a plan; "announced that strikes killed 5" is a report.
PLAN_WHEN_OBJECT = _LEX.words("plan_when_object")


@dataclass(slots=True)
class ModalityCue:
    modality: Modality
    cue_start: int | None = None  # token indices of the cue
    cue_end: int | None = None
    speaker: int | None = None  # token index of the speaker / claimant / denier
    kind: str = ""  # "speech", "claim", "accuse", "deny", "plan", "threat", "negation", "modal", "condition"
    accused: int | None = None  # "X accused Y of ..." -> Y
    fired: list[str] = field(default_factory=list)  # the modality rules that decided it, in order


def _child(tok: Any, deps: tuple[str, ...]) -> Any | None:
    for c in tok.children:
        if c.dep_ in deps:
            return c
    return None


def _speaker(verb: Any) -> int | None:
    subj = _child(verb, ("nsubj", "nsubjpass"))
    if subj is None and verb.dep_ == "acl" and _child(verb, ("ccomp",)) is not None:
        return verb.head.i  # "The army, fresh from ..., announced that ...": misparsed as a participle
    cur = verb
    while subj is None and cur.dep_ == "conj" and cur.head.i != cur.i:  # "X reported A, and reported B"
        cur = cur.head
        subj = _child(cur, ("nsubj", "nsubjpass"))
    if subj is not None and subj.dep_ == "nsubjpass":
        agent = _child(verb, ("agent",))
        obj = _child(agent, ("pobj",)) if agent is not None else None
        return obj.i if obj is not None else None
    return subj.i if subj is not None else None


def _according_to(sent: Any) -> int | None:
    for t in sent:
        if t.lower_ == "according":
            for c in t.children:
                if c.lower_ == "to":
                    obj = _child(c, ("pobj",))
                    if obj is not None:
                        return obj.i
    return None


def _conditional(sent: Any) -> bool:
    """ "If talks fail, ...", "Should the deal collapse, ...": the sentence states a condition."""
    for t in sent:
        if t.dep_ == "mark" and t.lower_ in CONDITIONAL:
            return True
        if t.dep_ == "aux" and t.lower_ in ("should", "had") and t.head.dep_ == "advcl" and t.i < t.head.i:
            if not any(c.dep_ in ("nsubj", "nsubjpass") and c.i < t.i for c in t.head.children):
                return True
    return False


def _reported_modal(aux: Any, verb: Any, sent: Any) -> ModalityCue:
    """ "will/would" and modals, with the speaker of a governing report ("X announced it would attack")."""
    future = aux.lower_ in FUTURE_AUX or aux.lower_ in ("would", "'d")
    gov = verb
    for _ in range(4):
        if gov.dep_ == "ROOT" or gov.head.i == gov.i:
            gov = None
            break
        gov = gov.head
        lemma = gov.lemma_.lower()
        if lemma in SPEECH or lemma in THREAT or lemma in PLAN or lemma in CLAIM:
            break
    else:
        gov = None
    if gov is None:  # "..., commanders warned, their fighters would ...": a parenthetical report
        root = verb
        while root.head.i != root.i and root.dep_ in ("xcomp", "conj", "ccomp"):
            root = root.head
        gov = next(
            (c for c in root.children if c.dep_ == "parataxis" and (c.lemma_.lower() in SPEECH | THREAT)),
            None,
        )
    if gov is None:
        if aux.lower_ in FUTURE_AUX:
            return ModalityCue(Modality.ANNOUNCED, aux.i, aux.i + 1, kind="future")
        return ModalityCue(Modality.HYPOTHETICAL, aux.i, aux.i + 1, kind="modal")
    speaker = _speaker(gov)
    if not future or _conditional(sent):
        return ModalityCue(Modality.HYPOTHETICAL, aux.i, aux.i + 1, speaker, "modal")
    if gov.lemma_.lower() in THREAT:
        return ModalityCue(Modality.THREATENED, gov.i, gov.i + 1, speaker, "threat")
    return ModalityCue(Modality.ANNOUNCED, gov.i, gov.i + 1, speaker, "plan")


def _purpose(head: Any) -> bool:
    """ "an operation to take the town", "troops moved in to retake it": an infinitive of purpose (an
    adverbial or noun-modifying "to" clause) names an aim, which the sentence does not assert."""
    return (
        head.pos_ == "VERB"
        and head.tag_ == "VB"
        and head.dep_ in ("advcl", "acl")
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in head.children)
    )


def detect(head: Any, sent: Any) -> ModalityCue:
    """Walk from the trigger up its clause chain; the nearest cue decides (rules of the phases
    "modality-marker" and "modality"); with none, the sentence's rules ("modality-sentence") decide."""
    cue = _chain(head, sent)
    for r in rules.active("modality-sentence"):
        found = r.fn(head, sent, cue)
        if found is not None:
            found.fired = [*(cue.fired if cue is not None else ()), r.name]
            cue = found
    return cue if cue is not None else ModalityCue(Modality.OCCURRED)


def _chain(head: Any, sent: Any) -> ModalityCue | None:
    markers = rules.active("modality-marker")
    links = rules.active("modality")
    cur = head
    child_dep = ""
    for _ in range(10):
        for c in cur.children:  # negation, modals and conditions on this link of the chain
            if c.dep_ not in MARKER_DEPS:
                continue
            for r in markers:
                cue = r.fn(c, cur, head, sent)
                if cue is not None:
                    cue.fired = [r.name]
                    return cue
        for r in links:
            cue = r.fn(cur, head, child_dep, sent)
            if cue is not None:
                cue.fired = [r.name]
                return cue
        if cur.dep_ == "ROOT" or cur.head.i == cur.i:
            break
        child_dep = cur.dep_
        cur = cur.head
    return None


# --- words hanging on a link of the chain (by a MARKER_DEPS dependency): (child, link, trigger, sentence) ---


@rule(
    "modality.negation",
    phase="modality-marker",
    order=10,
    reason='"not", "never" on the chain, or "no" on the trigger: negated',
)
def negation(c: Any, cur: Any, head: Any, sent: Any) -> ModalityCue | None:
    if c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no" and cur.i == head.i):
        return ModalityCue(Modality.NEGATED, c.i, c.i + 1, kind="negation")
    return None


@rule(
    "modality.auxiliary",
    phase="modality-marker",
    order=20,
    reason="a future or modal auxiliary: announced, threatened or hypothetical, on a reporter's word",
)
def auxiliary(c: Any, cur: Any, head: Any, sent: Any) -> ModalityCue | None:
    if c.dep_ in ("aux", "auxpass") and (c.lower_ in FUTURE_AUX or c.lower_ in MODAL_AUX):
        return _reported_modal(c, cur, sent)
    return None


@rule(
    "modality.condition",
    phase="modality-marker",
    order=30,
    reason='"if", "unless", "whether" opens the clause: hypothetical',
)
def condition(c: Any, cur: Any, head: Any, sent: Any) -> ModalityCue | None:
    if c.dep_ == "mark" and c.lower_ in CONDITIONAL:
        return ModalityCue(Modality.HYPOTHETICAL, c.i, c.i + 1, kind="condition")
    return None


# --- verbs above the trigger: (link, trigger, dependency the chain came up by, sentence) -------------


@rule(
    "modality.threat",
    phase="modality",
    order=10,
    reason='a verb of threatening above the trigger: "threatened to strike"',
)
def threat(cur: Any, head: Any, child_dep: str, sent: Any) -> ModalityCue | None:
    if cur.i != head.i and cur.lemma_.lower() in THREAT:
        return ModalityCue(Modality.THREATENED, cur.i, cur.i + 1, _speaker(cur), "threat")
    return None


@rule(
    "modality.deny",
    phase="modality",
    order=20,
    reason='a verb of denying above the trigger: "denied shelling"',
)
def deny(cur: Any, head: Any, child_dep: str, sent: Any) -> ModalityCue | None:
    if cur.i != head.i and cur.lemma_.lower() in DENY:
        return ModalityCue(Modality.DENIED, cur.i, cur.i + 1, _speaker(cur), "deny")
    return None


@rule(
    "modality.accuse",
    phase="modality",
    order=30,
    reason="a verb of accusing above the trigger: claimed, and the accused noted",
)
def accuse(cur: Any, head: Any, child_dep: str, sent: Any) -> ModalityCue | None:
    lemma = cur.lemma_.lower()
    if cur.i == head.i or lemma not in ACCUSE:
        return None
    obj = _child(cur, ("dobj",))
    if lemma == "blame" or (obj is not None and obj.i == head.i):  # "blame the fighting on X"
        kids = [*cur.children, *(obj.children if obj is not None else ())]
        on = next((c for c in kids if c.dep_ == "prep" and c.lower_ in ("on", "upon")), None)
        obj = _child(on, ("pobj",)) if on is not None else None
    return ModalityCue(
        Modality.CLAIMED, cur.i, cur.i + 1, _speaker(cur), "accuse", obj.i if obj is not None else None
    )


@rule(
    "modality.claim",
    phase="modality",
    order=40,
    reason='a verb of claiming above the trigger: "claimed the attack"',
)
def claim(cur: Any, head: Any, child_dep: str, sent: Any) -> ModalityCue | None:
    if cur.i != head.i and cur.lemma_.lower() in CLAIM:
        return ModalityCue(Modality.CLAIMED, cur.i, cur.i + 1, _speaker(cur), "claim")
    return None


@rule(
    "modality.plan-object",
    phase="modality",
    order=50,
    reason='the object of announcing: "announced an offensive" (a plan)',
)
def plan_object(cur: Any, head: Any, child_dep: str, sent: Any) -> ModalityCue | None:
    if cur.i != head.i and cur.lemma_.lower() in PLAN_WHEN_OBJECT and child_dep in ("dobj", "xcomp"):
        return ModalityCue(Modality.ANNOUNCED, cur.i, cur.i + 1, _speaker(cur), "plan")
    return None


@rule(
    "modality.plan",
    phase="modality",
    order=60,
    reason='a word of planning above the trigger: "vowed to retake", "poised to attack"',
)
def plan(cur: Any, head: Any, child_dep: str, sent: Any) -> ModalityCue | None:
    if cur.i != head.i and cur.lemma_.lower() in PLAN and child_dep in _PLAN_DEPS:
        return ModalityCue(Modality.ANNOUNCED, cur.i, cur.i + 1, _speaker(cur), "plan")
    return None


@rule(
    "modality.speech",
    phase="modality",
    order=70,
    reason="a verb of reporting above the trigger: occurred, on the speaker's word",
)
def speech(cur: Any, head: Any, child_dep: str, sent: Any) -> ModalityCue | None:
    if cur.i != head.i and cur.lemma_.lower() in SPEECH and child_dep in _SPEECH_DEPS:
        return ModalityCue(Modality.OCCURRED, cur.i, cur.i + 1, _speaker(cur), "speech")
    return None


@rule(
    "modality.headline-infinitive",
    phase="modality",
    order=80,
    reason='a headline\'s infinitive root: "Russia to back ..." (announced)',
)
def headline_infinitive(cur: Any, head: Any, child_dep: str, sent: Any) -> ModalityCue | None:
    root = cur.dep_ == "ROOT" or cur.head.i == cur.i
    if root and cur.pos_ == "VERB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in cur.children):
        return ModalityCue(Modality.ANNOUNCED, cur.i, cur.i + 1, kind="headline-infinitive")
    return None


_PLAN_DEPS = frozenset({"xcomp", "dobj", "pobj", "prep", "acomp", "ccomp", "acl"})
_SPEECH_DEPS = frozenset({"ccomp", "parataxis", "dobj", "advcl", "xcomp", "conj"})


# --- the sentence, after the chain: (trigger, sentence, the chain's cue or None) ---------------------


@rule(
    "modality.according-to",
    phase="modality-sentence",
    order=10,
    reason='no cue on the chain, "according to X" in the sentence: occurred, on X\'s word',
)
def according_to(head: Any, sent: Any, cue: ModalityCue | None) -> ModalityCue | None:
    acc = _according_to(sent) if cue is None else None
    return ModalityCue(Modality.OCCURRED, acc, acc + 1, acc, "according") if acc is not None else None


@rule(
    "modality.question",
    phase="modality-sentence",
    order=20,
    reason="no cue on the chain, the sentence is a question: hypothetical",
)
def question(head: Any, sent: Any, cue: ModalityCue | None) -> ModalityCue | None:
    if cue is None and sent.text.rstrip().endswith("?"):
        last = sent[-1]
        return ModalityCue(Modality.HYPOTHETICAL, last.i, last.i + 1, kind="question")
    return None


@rule(
    "modality.purpose",
    phase="modality-sentence",
    order=30,
    reason='an aim told as fact: "an operation to take the town" (announced)',
)
def purpose(head: Any, sent: Any, cue: ModalityCue | None) -> ModalityCue | None:
    if (cue is None or cue.modality == Modality.OCCURRED) and _purpose(head):
        return ModalityCue(Modality.ANNOUNCED, head.i, head.i + 1, cue.speaker if cue else None, "plan")
    return None
