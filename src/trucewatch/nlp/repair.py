"""Repairs of parses the small English model gets wrong in a way that loses who acted.

"Warplanes believed to be Syrian bombed the town" is parsed with "believed" as the main verb and
"bombed" as its complement, so "bombed" has no subject. The hedge is a reduced relative clause on
the subject ("warplanes [that are] believed to be Syrian"): the repair makes the act the clause's
head, its subject the hedged noun, and the hedge a modifier of that noun. The tree stays one tree
per sentence, so sentence boundaries do not move.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from trucewatch.lexicon import lexicon

_LEX = lexicon()

COMPONENT = "trucewatch_parse_repair"
#: Verbs of hedged identification: "X believed / thought / suspected / said to be Y".
HEDGE_VERBS = _LEX.words("hedge_verbs")
SUBJECTS = frozenset({"nsubj", "nsubjpass"})
#: Parts of speech allowed in the "to be ..." complement between the hedge and the act.
COMPLEMENT_POS = frozenset(
    {"ADJ", "PROPN", "NOUN", "PRON", "DET", "ADP", "PUNCT", "CCONJ", "ADV", "NUM", "PART"}
)
FINITE_OR_PARTICIPLE = frozenset({"VBD", "VBN", "VBZ", "VBP"})


def _act_after(be: Any, hedge: Any) -> Any | None:
    """The verb after "to be <complement>" that the parser hung under the hedge, or None."""
    sent_end = be.sent.end
    doc = be.doc
    for i in range(be.i + 1, min(sent_end, be.i + 12)):
        tok = doc[i]
        if tok.pos_ in ("VERB", "AUX") and tok.tag_ in FINITE_OR_PARTICIPLE:
            if tok.pos_ == "AUX":  # "were killed": the participle carries the act
                continue
            if i == be.i + 1 or any(c.dep_ in SUBJECTS for c in tok.children):
                return None
            under_hedge = any(a.i == hedge.i for a in tok.ancestors)
            if not (under_hedge or be.head.i == tok.i or hedge.head.i == tok.i):
                return None
            return tok
        if tok.pos_ not in COMPLEMENT_POS:
            return None
    return None


def repair_hedged_subject(doc: Doc) -> int:
    """Re-attach "N <hedge> to be X <act>" so that N is the act's subject; returns repairs made."""
    repaired = 0
    for hedge in doc:
        if hedge.lemma_.lower() not in HEDGE_VERBS or hedge.tag_ not in ("VBD", "VBN"):
            continue
        if hedge.i + 2 >= len(doc) or doc[hedge.i + 1].lower_ != "to" or doc[hedge.i + 2].lemma_ != "be":
            continue
        subj = next((c for c in hedge.children if c.dep_ in SUBJECTS and c.i < hedge.i), None)
        if subj is None or subj.pos_ not in ("NOUN", "PROPN") or subj.i != hedge.i - 1:
            continue
        be = doc[hedge.i + 2]
        act = _act_after(be, hedge)
        if act is None:
            continue
        passive = any(c.dep_ == "auxpass" and c.i > be.i for c in act.children)
        if not act.is_ancestor(hedge):  # else the hedge already hangs under the act: keep the act's head
            root = hedge.head.i == hedge.i
            act.head, act.dep_ = (act, "ROOT") if root else (hedge.head, hedge.dep_)
        subj.head, subj.dep_ = act, "nsubjpass" if passive else "nsubj"
        hedge.head, hedge.dep_ = subj, "acl"
        if be.head.i != hedge.i:
            be.head, be.dep_ = hedge, "xcomp"
        for tok in [*hedge.children, *be.children]:
            if tok.i > act.i or tok.i < subj.i:  # "when", a final full stop: they go with the act
                tok.head = act
        for tok in doc[be.i + 1 : act.i]:  # the complement belongs to "be", whatever the parser said
            if tok.head.i == act.i or tok.head.i == hedge.i:
                tok.head = be
                if tok.dep_ not in ("acomp", "attr", "prep", "punct"):
                    tok.dep_ = "acomp" if tok.pos_ == "ADJ" else "attr"
        repaired += 1
    return repaired


@Language.component(COMPONENT)
def parse_repair(doc: Doc) -> Doc:
    """spaCy component: apply the repairs above (runs last, when lemmas are set)."""
    repair_hedged_subject(doc)
    return doc
