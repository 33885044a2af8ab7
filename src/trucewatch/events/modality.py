"""Modality and polarity of a trigger: did it happen, and on whose word."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from trucewatch.model import Modality

PLAN = frozenset(
    {
        "plan",
        "prepare",
        "intend",
        "aim",
        "vow",
        "pledge",
        "schedule",
        "consider",
        "mull",
        "seek",
        "expect",
        "gear",
        "ready",
        "promise",
        "decide",
        "mass",
        "poise",
        "set",
        "due",
        "about",
        "going",
        "preparation",
        "intention",
        "bid",
        "readiness",
    }
)
THREAT = frozenset({"threaten", "warn", "ultimatum"})
DENY = frozenset({"deny", "reject", "dismiss", "refute", "rebuff", "disavow"})
CLAIM = frozenset({"claim", "boast", "allege"})
ACCUSE = frozenset({"accuse", "blame", "charge"})
SPEECH = frozenset(
    {
        "say",
        "report",
        "tell",
        "state",
        "add",
        "confirm",
        "announce",
        "declare",
        "insist",
        "note",
        "write",
        "quote",
        "cite",
        "document",
        "record",
        "describe",
    }
)
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
MODAL_AUX = frozenset({"would", "could", "might", "may", "should", "can", "must", "'d"})
CONDITIONAL = frozenset({"if", "unless", "whether"})
NEGATORS = frozenset({"not", "n't", "never", "no"})
#: "announced an offensive" is a plan; "announced that strikes killed 5" is a report.
PLAN_WHEN_OBJECT = frozenset({"announce", "declare", "order", "launch"}) - {"launch"}


@dataclass(slots=True)
class ModalityCue:
    modality: Modality
    cue_start: int | None = None  # token indices of the cue
    cue_end: int | None = None
    speaker: int | None = None  # token index of the speaker / claimant / denier
    kind: str = ""  # "speech", "claim", "accuse", "deny", "plan", "threat", "negation", "modal", "condition"
    accused: int | None = None  # "X accused Y of ..." -> Y


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
    """Walk from the trigger up its clause chain; the nearest cue decides. An aim ("to take the
    town") that the rest of the chain reports as fact is announced: the aim is what is told."""
    cue = _detect(head, sent)
    if cue.modality == Modality.OCCURRED and _purpose(head):
        return ModalityCue(Modality.ANNOUNCED, head.i, head.i + 1, cue.speaker, "plan")
    return cue


def _detect(head: Any, sent: Any) -> ModalityCue:
    cur = head
    child_dep = ""
    for _ in range(10):
        # negation and modals on this link of the chain
        for c in cur.children:
            if c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no" and cur.i == head.i):
                return ModalityCue(Modality.NEGATED, c.i, c.i + 1, kind="negation")
            if c.dep_ in ("aux", "auxpass"):
                if c.lower_ in FUTURE_AUX or c.lower_ in MODAL_AUX:
                    return _reported_modal(c, cur, sent)
            if c.dep_ == "mark" and c.lower_ in CONDITIONAL:
                return ModalityCue(Modality.HYPOTHETICAL, c.i, c.i + 1, kind="condition")
        if cur.i != head.i:
            lemma = cur.lemma_.lower()
            if lemma in THREAT:
                return ModalityCue(Modality.THREATENED, cur.i, cur.i + 1, _speaker(cur), "threat")
            if lemma in DENY:
                return ModalityCue(Modality.DENIED, cur.i, cur.i + 1, _speaker(cur), "deny")
            if lemma in ACCUSE:
                obj = _child(cur, ("dobj",))
                if lemma == "blame" or (obj is not None and obj.i == head.i):  # "blame the fighting on X"
                    kids = [*cur.children, *(obj.children if obj is not None else ())]
                    on = next((c for c in kids if c.dep_ == "prep" and c.lower_ in ("on", "upon")), None)
                    obj = _child(on, ("pobj",)) if on is not None else None
                return ModalityCue(
                    Modality.CLAIMED,
                    cur.i,
                    cur.i + 1,
                    _speaker(cur),
                    "accuse",
                    obj.i if obj is not None else None,
                )
            if lemma in CLAIM:
                return ModalityCue(Modality.CLAIMED, cur.i, cur.i + 1, _speaker(cur), "claim")
            if lemma in PLAN_WHEN_OBJECT and child_dep in ("dobj", "xcomp"):
                return ModalityCue(Modality.ANNOUNCED, cur.i, cur.i + 1, _speaker(cur), "plan")
            if lemma in PLAN and child_dep in ("xcomp", "dobj", "pobj", "prep", "acomp", "ccomp", "acl"):
                return ModalityCue(Modality.ANNOUNCED, cur.i, cur.i + 1, _speaker(cur), "plan")
            if lemma in SPEECH and child_dep in ("ccomp", "parataxis", "dobj", "advcl", "xcomp", "conj"):
                return ModalityCue(Modality.OCCURRED, cur.i, cur.i + 1, _speaker(cur), "speech")
        if cur.dep_ == "ROOT" or cur.head.i == cur.i:
            # headline style "Russia to back ..."
            if cur.pos_ == "VERB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in cur.children):
                return ModalityCue(Modality.ANNOUNCED, cur.i, cur.i + 1, kind="headline-infinitive")
            break
        child_dep = cur.dep_
        cur = cur.head
    acc = _according_to(sent)
    if acc is not None:
        return ModalityCue(Modality.OCCURRED, acc, acc + 1, acc, "according")
    if sent.text.rstrip().endswith("?"):
        last = sent[-1]
        return ModalityCue(Modality.HYPOTHETICAL, last.i, last.i + 1, kind="question")
    return ModalityCue(Modality.OCCURRED)
