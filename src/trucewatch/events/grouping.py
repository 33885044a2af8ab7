"""Which trigger hits of one sentence tell the same event.

"bombed ... in air strikes" (one governs the other, same sub-type); "pulled out under heavy
bombardment" (a trigger in a circumstance phrase of another); "withdrew, leaving behind mines"
(the object of a result participle); "captured the town after rebels withdrew" (the loser's
withdrawal is the same change of control). The first hit of a group decides its sub-type.
"""

from __future__ import annotations

from typing import Any

from trucewatch.events import link
from trucewatch.events.context import Typed, clause_root
from trucewatch.events.triggers import Hit
from trucewatch.lexicon import lexicon

Item = tuple[Hit, Typed]

# Prepositions that give the circumstances of an act: "under heavy bombardment", "amid clashes".
CIRCUMSTANCE_PREPS = lexicon().words("circumstance_preps")
TERRITORY_TYPES = frozenset(
    {
        "Government regains territory",
        "Non-state actor overtakes territory",
        "Non-violent transfer of territory",
    }
)
#: Trigger ids that state a side's withdrawal (data/events/triggers.yaml).
WITHDRAWAL_IDS = frozenset({"transfer"})
TIME_ENTS = frozenset({"DATE", "TIME"})


def drop_weak(doc: Any, typed: list[Item]) -> list[Item]:
    """Weak triggers ("killed", "attack") give way to a stronger trigger in their clause."""
    strong = [doc[h.head] for h, _ in typed if not h.trigger.weak]
    out = []
    for h, t in typed:
        if h.trigger.weak:
            tok = doc[h.head]
            clause = link.event_clause(tok)
            if any(
                clause_root(s).i == clause.i
                or s.is_ancestor(tok)
                or tok.is_ancestor(s)
                or _subject_below(s, clause)
                for s in strong
            ):
                continue
        out.append((h, t))
    return out


def _subject_below(s: Any, clause: Any) -> bool:
    """ "mortar rounds fired from X crashed into Y, killing two": the strong trigger is the subject of a
    participle the parser hung under the weak trigger's clause; the result belongs to it."""
    root = clause_root(s)
    if s.dep_ not in ("nsubj", "nsubjpass"):
        return False
    if root.dep_ == "advcl" and root.head.i == clause.i:
        return True
    # "rounds fired from X and crashed into Y, killing two": a conjunct verb shares the subject
    return (
        clause.dep_ == "conj"
        and clause.head.i == root.i
        and not any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children)
    )


def group(doc: Any, typed: list[Item]) -> list[list[Item]]:
    """Hits grouped into events: same sub-type where one governs the other, then modifiers absorbed."""
    groups: list[list[Item]] = []
    for item in sorted(typed, key=lambda x: -x[0].trigger.priority):
        hit, t = item
        for grp in groups:
            h0, t0 = grp[0]
            if t0.sub_event_type != t.sub_event_type:
                continue
            a, b = doc[h0.head], doc[hit.head]
            if (a.is_ancestor(b) or b.is_ancestor(a)) and not link.separate_events(a, b):
                grp.append(item)
                break
        else:
            groups.append([item])
    groups.sort(key=lambda grp: grp[0][0].start)
    return _absorb(doc, groups)


def _absorb(doc: Any, groups: list[list[Item]]) -> list[list[Item]]:
    """Merge each group that only adds a circumstance to another group into that group."""
    heads = [doc[grp[0][0].head] for grp in groups]
    parent: dict[int, int] = {}
    for k, grp in enumerate(groups):
        for j, other in enumerate(groups):
            if j != k and part_of(heads[k], grp[0], heads[j], other[0]):
                parent[k] = j
                break
    if not parent:
        return groups

    def root(k: int) -> int:
        path = [k]
        while k in parent and parent[k] not in path:
            k = parent[k]
            path.append(k)
        if k in parent:  # two groups each part of the other: the first of the cycle absorbs the rest
            return min(path[path.index(parent[k]) :])
        return k

    merged: dict[int, list[Item]] = {k: list(grp) for k, grp in enumerate(groups) if root(k) == k}
    for k, grp in enumerate(groups):
        if root(k) != k:
            merged[root(k)].extend(grp)  # the absorbing group's own first hit stays first
    return [merged[k] for k in sorted(merged, key=lambda k: groups[k][0][0].start)]


def part_of(b: Any, b_item: Item, a: Any, a_item: Item) -> bool:
    """Does trigger ``b`` only describe a circumstance of the event of trigger ``a``?"""
    if b.i == a.i:
        return False
    noun = b.pos_ in ("NOUN", "PROPN")
    linked = (
        (noun and _in_circumstance(b, a))
        or (
            noun and b.dep_ == "dobj" and _result_participle(b.head, a)
        )  # "withdrew ..., leaving behind mines"
        or _purpose_of(b, a)  # "launched an offensive to retake the town"
        or (
            b_item[0].trigger.id in WITHDRAWAL_IDS
            and a_item[1].sub_event_type in TERRITORY_TYPES
            and b_item[1].sub_event_type in TERRITORY_TYPES | {"Change to group/activity"}
            and clause_root(b).dep_ == "advcl"
            and clause_root(clause_root(b).head).i == clause_root(a).i
        )  # "captured the town after rebels withdrew": one change of control
    )
    return linked and not link.separate_events(a, b)  # the costlier test last


def _in_circumstance(b: Any, a: Any) -> bool:
    """ "pulled out under heavy bombardment", "killed in the final day of fighting"; not an absolute
    phrase with its own result ("..., with rocket fire on the town killing three more": a second event)."""
    if any(c.dep_ == "acl" and c.tag_ == "VBG" for c in b.subtree):
        return False
    cur = b
    for _ in range(3):
        if cur.dep_ != "pobj":
            return False
        prep = cur.head
        gov = prep.head
        if (
            prep.lower_ in CIRCUMSTANCE_PREPS
            and gov.i in (a.i, clause_root(a).i)
            and gov.pos_ in ("VERB", "AUX")
        ):
            return True
        # "in the final day of fighting": climb through a time noun
        if prep.lower_ == "of" and gov.ent_type_ in TIME_ENTS and gov.pos_ == "NOUN":
            cur = gov
            continue
        return False
    return False


def _result_participle(verb: Any, a: Any) -> bool:
    """A subjectless participle adding a result to ``a``'s clause (", leaving behind ...")."""
    return (
        verb.tag_ == "VBG"
        and verb.dep_ in ("advcl", "xcomp")
        and not any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in verb.children)
        and verb.head.i != verb.i
        and clause_root(verb.head).i == clause_root(a).i
    )


def _purpose_of(b: Any, a: Any) -> bool:
    """``b`` is a to-infinitive of purpose on ``a`` or on the verb whose object ``a`` is."""
    if b.pos_ != "VERB" or b.dep_ not in ("acl", "advcl", "xcomp") or b.i < a.i:
        return False
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in b.children):
        return False
    return b.head.i == a.i or (a.dep_ == "dobj" and b.head.i == a.head.i)
