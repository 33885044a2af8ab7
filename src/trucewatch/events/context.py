"""Context rules: which ACLED sub-type a trigger hit codes to, given the words around it."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from trucewatch.config import settings
from trucewatch.events.grammar import DEFINITE
from trucewatch.events.triggers import Hit, Rule

#: Prefix of a rule term that matches a part of speech rather than a word ("pos:PROPN").
POS_TERM = "pos:"
VERBISH = frozenset({"VERB", "AUX"})


@dataclass(slots=True)
class Typed:
    """A hit's sub-type and how it was decided."""

    sub_event_type: str
    rule: Rule | None
    cue: int | None  # token index of the word that fired the rule
    confidence: float


def clause_root(tok: Any) -> Any:
    """Nearest verb at or above ``tok`` (the sentence root when there is none)."""
    cur = tok
    while cur.pos_ not in VERBISH and cur.head.i != cur.i:
        cur = cur.head
    return cur


def scope_tokens(doc: Any, hit: Hit, scope: str, sent: Any) -> list[Any]:
    """Tokens a rule looks at, in document order."""
    if scope == "sentence":
        return list(sent)
    if scope == "following":  # the sentence and the next one: "took the village. There were no clashes."
        nxt = doc[sent.end].sent if sent.end < len(doc) else None
        return list(sent) + (list(nxt) if nxt is not None else [])
    head = doc[hit.head]
    if scope == "clause":
        root = clause_root(head)
        toks = list(root.subtree)
        noun = root.head
        # "civilians shot dead by gunmen": the noun it describes (not a definite one told before: "the truce,
        # brokered by ...", nor the frame of another act: "under a deal brokered by ...")
        definite = any(c.dep_ == "det" and c.lower_ in DEFINITE for c in noun.children)
        frame = noun.dep_ == "pobj" and noun.head.lower_ == "under"  # "under a deal brokered by X": a frame
        if root.dep_ == "acl" and noun.i < root.i and not definite and not frame:
            toks.insert(0, noun)
        return toks
    if scope == "object":  # the direct object's head words ("took the town", "took Aleppo and Homs")
        objs = [c for c in head.children if c.dep_ == "dobj"]
        objs += [c for o in objs for c in o.children if c.dep_ == "conj"]
        return sorted(objs, key=lambda t: t.i)
    near = settings().near_window
    idx = set(range(max(sent.start, hit.start - near), min(sent.end, hit.end + near)))
    idx.update(c.i for c in head.children)
    idx.add(head.head.i)
    idx.update(c.i for c in head.head.children)
    return [doc[i] for i in sorted(idx) if sent.start <= i < sent.end]


def _find(terms: tuple[str, ...], toks: list[Any], skip: range) -> int | None:
    """Index of the first token matching a term (multi-word terms match on text or lemmas)."""
    if not terms:
        return None
    lemmas = [t.lemma_.lower() for t in toks]
    lowers = [t.lower_ for t in toks]
    single = {w for w in terms if " " not in w}
    tags = {w[len(POS_TERM) :].upper() for w in single if w.startswith(POS_TERM)}  # "pos:propn": a name
    for k, t in enumerate(toks):
        if t.i in skip:
            continue
        if lemmas[k] in single or lowers[k] in single or t.pos_ in tags:
            return t.i
    multi = [w.split() for w in terms if " " in w]
    for words in multi:
        n = len(words)
        for k in range(len(toks) - n + 1):
            if toks[k].i in skip:
                continue
            if all(words[j] in (lemmas[k + j], lowers[k + j]) for j in range(n)):
                return toks[k].i
    return None


def classify(doc: Any, hit: Hit, sent: Any, count_who: Collection[str]) -> Typed | None:
    """Apply the trigger's rules in order; None when the hit is not an event."""
    trig = hit.trigger
    own = range(hit.start, hit.end)
    for rule in trig.rules:
        cue: int | None = None
        if rule.count_who:
            if not set(rule.count_who) & set(count_who):
                continue
        if rule.any:
            toks = scope_tokens(doc, hit, rule.scope, sent)
            # vetoes ignore the trigger's own words; positive rules may name them
            cue = _find(rule.any, toks, own if rule.sub_event_type is None else range(0))
            if cue is None:
                continue
            if rule.and_any and _find(rule.and_any, toks, range(0)) is None:
                continue
        if rule.sub_event_type is None:
            return None
        # a type read from the trigger word itself ("a bombing") is weaker than one read from its context
        own_word = cue is not None and hit.start <= cue < hit.end
        return Typed(rule.sub_event_type, rule, cue, 0.7 if own_word else 0.8)
    if trig.default is None:
        return None
    return Typed(trig.default, None, None, 0.5 if trig.weak else 0.7)
