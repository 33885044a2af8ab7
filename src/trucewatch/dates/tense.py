"""Does a date phrase refer forward? Read from the spaCy parse of its sentence."""

from __future__ import annotations

from typing import Any

from trucewatch.lexicon import lexicon

#: The future auxiliaries plus "would" (reported future: "said it would withdraw on Monday"); not "'d",
#: which is as often "had" (tests/test_lexicon_decisions.py).
FUTURE_AUX = lexicon().words("future_auxiliaries") | {"would"}
FUTURE_LEMMAS = lexicon().words("future_plan_lemmas")
PAST_TAGS = frozenset({"VBD", "VBN"})


def refers_forward(tokens: Any) -> bool:
    """True when the clause governing ``tokens`` (a spaCy Span) is future-oriented.

    Walks from the phrase's root up the dependency tree: a future auxiliary ("will"),
    or a verb/adjective of planning ("due to", "expected to", "plans to") makes it
    future; a past-tense verb without such a marker makes it past.
    """
    tok = tokens.root
    for _ in range(6):
        if tok.head.i == tok.i:
            break
        tok = tok.head
        if tok.pos_ not in ("VERB", "AUX", "ADJ"):
            continue
        kids = [c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")]
        if any(k in FUTURE_AUX for k in kids):
            return True
        if tok.lemma_.lower() in FUTURE_LEMMAS and any(c.dep_ == "xcomp" for c in tok.children):
            return True
        if tok.dep_ == "xcomp" and tok.head.lemma_.lower() in FUTURE_LEMMAS:
            return True
        if tok.tag_ in PAST_TAGS and "to" not in kids:
            return False
        if tok.tag_ in ("VBZ", "VBP") and tok.pos_ == "VERB":
            return False
    return False
