"""Victims named without a number: "a civilian was killed" (1), "killing him" (1), "civilians died" (unknown).

Read from the same parse as the numbered counts; a token already inside a numbered count is skipped,
so nothing is counted twice.
"""

from __future__ import annotations

from typing import Any

from trucewatch.casualties.lexicon import (
    CHILD_WORDS,
    ORDINALS,
    SUBSET_WORDS,
    TITLE_WORDS,
    VICTIM_OBJECT_VERBS,
    VICTIM_SUBJECT_WORDS,
    WHO,
    attempted,
)
from trucewatch.casualties.link import _passive, _shot_dead, cumulative, lemma, who_of
from trucewatch.lexicon import lexicon
from trucewatch.model import Count

Token = Any

_PERSON_PRONOUNS = lexicon().words("person_pronouns")
_SUBJECT_VICTIM_VERBS = lexicon().words("subject_victim_verbs")
_COPULAS = lexicon().words("copula_lemmas")
_DEATH_NOUNS = lexicon().words("death_event_nouns")
_DEATH_OBJECTS = frozenset({"death"})  # "beat a man to death"


def _victims(verb: Token) -> tuple[list[Token], str] | None:
    """Victim tokens of a casualty verb or adjective, and the kind of casualty."""
    lem = lemma(verb)
    passive = _passive(verb)
    what = VICTIM_OBJECT_VERBS.get(lem)
    if what is None and any(
        c.dep_ == "prep" and c.lower_ == "to" and any(lemma(x) in _DEATH_OBJECTS for x in c.children)
        for c in verb.children
    ):
        what = "killed"  # "beat/stone/burn ... to death"
    if what in (None, "injured") and _shot_dead(verb):
        what = "killed"  # "shot dead a soldier", "fatally shot a man"
    if what is not None and verb.pos_ == "VERB":
        deps = ("nsubjpass", "nsubj") if passive else ("dobj",)
        victims = [c for c in verb.children if c.dep_ in deps]
        if not victims and passive and verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.pos_ == "NOUN":
            return [verb.head], what  # "5 citizens and a child killed in a strike": the participle on its victim
        return victims, what
    if verb.pos_ == "VERB" and lem in _SUBJECT_VICTIM_VERBS:
        return [c for c in verb.children if c.dep_ == "nsubj"], VICTIM_SUBJECT_WORDS[lem]
    if verb.pos_ == "NOUN" and lem in _DEATH_NOUNS and _news_subject(verb):
        of = [x for c in verb.children if c.dep_ == "prep" and c.lower_ == "of" for x in c.children if x.dep_ == "pobj"]
        return of, "killed"  # "the death of a doctor raises the toll to 120"
    copula = lemma(verb.head) in _COPULAS
    if (
        verb.pos_ == "ADJ"
        and verb.dep_ == "acomp"
        and copula
        and (w := VICTIM_SUBJECT_WORDS.get(verb.lower_))
    ):
        return [c for c in verb.head.children if c.dep_ == "nsubj"], w  # "the driver is dead"
    return None


def _news_subject(noun: Token) -> bool:
    """A death noun that is the news itself: a headline's whole phrase ("Martyrdom of one of the doctors") or the
    subject of its clause ("the death of a nurse raises the toll to 12"); not a reason or a topic ("protested
    against the killing of an activist", "after the death of a man")."""
    while noun.dep_ == "conj" and noun.head.i != noun.i and noun.head.pos_ == "NOUN":
        noun = noun.head
    return noun.dep_ in ("ROOT", "nsubj", "nsubjpass")


def _conjuncts(tok: Token) -> list[Token]:
    out = [tok]
    for c in tok.children:
        if c.dep_ == "conj":
            out.extend(_conjuncts(c))
    return out


def singular_counts(sent: Any, covered: set[int], base: int, anchors: dict[int, Any] | None = None) -> list[Count]:
    """Counts for victims without a number in one sentence; ``covered`` holds token ids already counted.
    ``anchors`` (when given) gets id(count) -> the victim's token."""
    out: list[Count] = []
    for verb in sent:
        if verb.pos_ not in ("VERB", "ADJ", "NOUN"):
            continue
        found = _victims(verb)
        if not found:
            continue
        victims, what = found
        for first in victims:
            for v in _conjuncts(first):
                if v.i in covered or any(c.i in covered for c in v.children if c.dep_ in ("nummod", "prep")):
                    continue
                if _inside_counted(v, covered) or any(c.dep_ == "neg" for c in verb.children) or attempted(verb):
                    continue
                best = _number_of(v)
                if best is False or (best is None and (v.i == verb.head.i or verb.pos_ == "NOUN")):
                    continue  # not a victim; or a plural under a participle or a death noun: read elsewhere
                if any(c.lower_ == "no" for c in v.children if c.dep_ == "det"):
                    best = 0  # "no civilians were killed"
                rule = "subset" if lemma(v) in SUBSET_WORDS else "stated"
                nth = _ordinal(v) if best == 1 else None
                if nth is not None:
                    best, rule = nth, "running"  # "shot dead a third protester": three so far
                covered.add(v.i)
                np_lo = v.left_edge.i if v.left_edge.i >= v.i - 3 else v.i
                lo, hi = min(np_lo, verb.i), max(v.i, verb.i)
                if hi - lo > 12 or any(i in covered for i in range(lo, hi + 1) if i != v.i):
                    lo, hi = np_lo, v.i  # the victim's own words only, not a neighbour's count
                phrase = sent.doc[lo : hi + 1]
                out.append(
                    Count(
                        what=what,
                        who=who_of(v) if v.pos_ != "PRON" else "unknown",
                        best=best,
                        low=best,
                        high=best,
                        qualifier="exact" if best is not None else "vague",
                        children=best if best is not None and lemma(v) in CHILD_WORDS else None,
                        cumulative=cumulative(verb, v),
                        text=phrase.text,
                        start=base + phrase.start_char,
                        end=base + phrase.end_char,
                        rule=rule if best is not None else "unknown",
                    )
                )
                if anchors is not None:
                    anchors[id(out[-1])] = v
    return out


def _inside_counted(v: Token, covered: set[int]) -> bool:
    """Is ``v`` an apposition or part of a phrase already counted ("15 people, most of them children")?

    Plain conjuncts ("four soldiers and a civilian") are separate victims and do not count as inside.
    """
    tok, through_other = v, False
    for _ in range(4):
        if tok.head.i == tok.i:
            return False
        if tok.dep_ != "conj" or not any(c.dep_ == "cc" for c in tok.head.children):
            through_other = True  # an apposition, or a conjunct without "and" (a misparsed apposition)
        tok = tok.head
        if tok.i in covered:
            return through_other
        if tok.pos_ in ("VERB", "AUX"):
            return False
    return False


def _number_of(v: Token) -> int | None | bool:
    """1 for one person, None for an unnumbered plural of people, False when ``v`` is not a victim."""
    if v.pos_ == "PRON":
        return 1 if v.lower_ in _PERSON_PRONOUNS else False
    if v.pos_ == "PROPN":
        titled = lemma(v) in TITLE_WORDS or any(
            c.dep_ == "compound" and lemma(c) in TITLE_WORDS for c in v.children
        )  # "the Deputy Commissioner"
        return 1 if v.ent_type_ == "PERSON" or titled else False
    if v.pos_ != "NOUN" or lemma(v) not in WHO:
        return False
    if v.tag_ == "NNS" or lemma(v) == "people":
        return None
    return 1


def _ordinal(v: Token) -> int | None:
    """3 for "a third protester": the victim is the third, so at least three are dead."""
    if not any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in v.children):
        return None
    for c in v.children:
        if c.dep_ == "amod" and c.lower_ in ORDINALS:
            return ORDINALS[c.lower_]
    return None
