"""Side remarks: trigger words in clauses that describe a person, a group or a time before the news.

"said a shopkeeper whose store was destroyed" (a relative clause that introduces the source of a
quote); "factions which had signed up to the deal" (a past-perfect relative clause that identifies a
group by what it had done, with no date of its own); "had been massing troops for weeks in preparation
for an offensive" (a past-perfect progressive over a stretch of time: the backdrop of the story, not a
single event); "Under the deal, the army agreed to ..." (a term of an agreement told elsewhere).
``aside_reason`` reads only the dependency parse, morphology and DATE/TIME entities.
"""

from __future__ import annotations

from typing import Any

from trucewatch.events.grammar import (
    TIME_ENTS,
    VERBISH,
    Candidate,
    definite_or_possessed,
    module_reason,
)
from trucewatch.events.modality import SPEECH
from trucewatch.lexicon import lexicon
from trucewatch.rules import rule

_LEX = lexicon()
DURATION_UNITS = _LEX.words("time_units")
QUANTITY_NOUNS = _LEX.words("quantity_nouns")
TERMS_PREPS = _LEX.words("terms_prepositions")


def aside_reason(tok: Any, sub_event_type: str, person: bool = False) -> str | None:
    """Why the trigger headed by ``tok`` is a side remark rather than an event, or None (the first "aside"
    rule that fires). Reasons: "source-description", "anterior-relative", "backdrop", "kind-reference",
    "agreement-terms". ``person``: the trigger names the people taking part ("protesters"), not the act."""
    return module_reason("aside", __name__, Candidate(tok, tok.sent, sub=sub_event_type, person=person))


@rule(
    "aside.source-description",
    phase="aside",
    order=10,
    reason='a relative clause on the one who speaks: "said a man whose house was shelled"',
)
def source_description(c: Candidate) -> str | None:
    clause = _clause_verb(c.tok)
    if clause is not None and clause.dep_ == "relcl" and _describes_source(clause):
        return "source-description"
    return None


@rule(
    "aside.anterior-relative",
    phase="aside",
    order=20,
    reason='an undated past-perfect relative clause: "factions which had signed the deal"',
)
def anterior_relative(c: Candidate) -> str | None:
    clause = _clause_verb(c.tok)
    if clause is not None and clause.dep_ == "relcl" and _past_perfect(clause) and not _dated(clause):
        return "anterior-relative"
    return None


@rule(
    "aside.backdrop",
    phase="aside",
    order=30,
    reason='what a past-perfect progressive was leading up to: "massing troops for weeks in preparation for an offensive"',
)
def backdrop(c: Candidate) -> str | None:
    return "backdrop" if _backdrop(c.tok) else None


@rule(
    "aside.kind-reference",
    phase="aside",
    order=40,
    reason='a bare plural of people in a modifier names a kind: "pressure from protesters"',
)
def kind_reference(c: Candidate) -> str | None:
    return "kind-reference" if c.person and _kind_in_modifier(c.tok) else None


@rule(
    "aside.under-terms",
    phase="aside",
    order=50,
    reason='a term of an agreement named before: "Under the deal, the army agreed to ..."',
)
def under_terms(c: Candidate) -> str | None:
    return "agreement-terms" if c.sub == "Agreement" and _under_terms(c.tok) else None


def _clause_verb(tok: Any) -> Any | None:
    """The verb of the clause the trigger sits in (the trigger itself when it is a verb)."""
    cur = tok
    for _ in range(12):
        if cur.pos_ in VERBISH and cur.dep_ != "amod":
            return cur
        if cur.head.i == cur.i:
            return None
        cur = cur.head
    return None


def _describes_source(relcl: Any) -> bool:
    """The relative clause hangs on the one who speaks: "said a man whose house was shelled"."""
    noun = relcl.head
    if noun.dep_ == "nsubj" and noun.head.lemma_.lower() in SPEECH:
        return True
    # "according to a resident whose brother was killed"
    return noun.dep_ == "pobj" and noun.head.lower_ == "to" and noun.head.head.lower_ == "according"


def _past_perfect(verb: Any) -> bool:
    """ "had signed", "had been shelled": a past-tense "have" among the auxiliaries."""
    return any(
        c.dep_ in ("aux", "auxpass") and c.lemma_.lower() == "have" and c.tag_ == "VBD" for c in verb.children
    )


def _dated(verb: Any) -> bool:
    return any(t.ent_type_ in TIME_ENTS for t in verb.subtree)


def _backdrop(tok: Any) -> bool:
    """ "had been massing troops for weeks in preparation for an offensive": a past-perfect progressive
    lasting a stretch of time sets the scene before the story; what it was leading up to (an event noun
    in one of its prepositional phrases) is the story itself or never happened. The activity itself
    ("had been shelling the villages for days") is left to the other rules."""
    cur = tok
    via_prep = False
    for _ in range(12):
        if cur.pos_ in VERBISH:
            return via_prep and cur.tag_ == "VBG" and _past_perfect(cur) and _for_duration(cur)
        if cur.head.i == cur.i:
            return False
        via_prep = via_prep or cur.dep_ == "pobj"
        cur = cur.head
    return False


def _for_duration(verb: Any) -> bool:
    """ "for weeks", "for several days": a "for" phrase whose object is a unit of time."""
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ == "for":
            for obj in c.children:
                if obj.dep_ == "pobj" and obj.lemma_.lower() in DURATION_UNITS:
                    return True
    return False


def _kind_in_modifier(tok: Any) -> bool:
    """ "under pressure from protesters demanding reform": a bare plural (no determiner, number or
    possessor) in a phrase that modifies another noun names a kind of people, not a gathering."""
    if tok.pos_ != "NOUN" or tok.tag_ != "NNS" or tok.dep_ != "pobj":
        return False
    if any(c.dep_ in ("det", "nummod", "poss", "quantmod", "amod", "compound") for c in tok.children):
        return False
    held = tok.head.head
    if tok.head.lower_ == "of" and (held.lemma_.lower() in QUANTITY_NOUNS or held.pos_ == "NUM"):
        return False  # "hundreds of protesters", "a crowd of protesters": a count of the people there
    return held.pos_ == "NOUN"


def _under_terms(tok: Any) -> bool:
    """ "Under the deal, the army agreed to allow ...": the verb is framed by an arrangement already
    named (a definite or possessive noun after "under"), so it states one of its terms."""
    if tok.pos_ not in VERBISH:
        return False
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in TERMS_PREPS:
            for obj in c.children:
                if obj.dep_ == "pobj" and definite_or_possessed(obj):
                    return True
    return False
