"""Readings of the dependency parse shared by the non-event, aside and modality rules, and the candidate
trigger those rules look at.

Rules of the phases "before-typing", "reference" and "aside" take one ``Candidate``. A rule that fires
returns its reason (a short string); a ``Keep`` reason says the trigger stays (a negated mention the modality
stage marks) and stops the phase like any other finding.
"""

from __future__ import annotations

import datetime
from typing import Any

from trucewatch.lexicon import lexicon
from trucewatch.nlp.spans import entities_touching

_LEX = lexicon()
VERBISH = frozenset({"VERB", "AUX"})
TIME_ENTS = frozenset({"DATE", "TIME"})
DEFINITE = _LEX.words("definite_determiners")
PRESENT_TAGS = frozenset({"VBZ", "VBP"})
TERMINAL = frozenset({".", "!", "?", '"', "'", "\u201d", "\u2019", ")"})
_UNSET: Any = object()


class Keep(str):
    """A rule's reason that keeps the trigger (it equals the plain reason: ``Keep("absence") == "absence"``)."""


class Candidate:
    """A trigger's head token in its sentence, with what the rules need to know about it."""

    __slots__ = ("tok", "sent", "published", "sub", "person", "cumulative", "_verb")

    def __init__(
        self,
        tok: Any,
        sent: Any,
        published: datetime.date | None = None,
        sub: str = "",
        person: bool = False,
        cumulative: tuple[tuple[int, int], ...] = (),
    ) -> None:
        self.tok = tok
        self.sent = sent
        self.published = published  # the article's date (None disables the rules that need it)
        self.sub = sub  # the sub-event type, once typed
        self.person = person  # the trigger names the people taking part ("protesters")
        self.cumulative = cumulative  # token spans of running tolls in the sentence
        self._verb = _UNSET

    @property
    def verb(self) -> Any | None:
        """The nearest verb at or above the trigger inside its sentence (computed once)."""
        if self._verb is _UNSET:
            self._verb = governing_verb(self.tok, self.sent)
        return self._verb


def governing_verb(tok: Any, sent: Any) -> Any | None:
    """Nearest verb at or above ``tok`` inside the sentence (None when there is none)."""
    cur = tok
    for _ in range(12):
        if cur.pos_ in VERBISH and cur.dep_ != "amod":
            return cur
        if cur.head.i == cur.i or not (sent.start <= cur.head.i < sent.end):
            return None
        cur = cur.head
    return None


def linked(i: int, j: int, doc: Any) -> bool:
    """False when a line break separates tokens i and j (a headline glued to the next line)."""
    lo, hi = min(i, j), max(i, j)
    return not any(t.is_space and "\n" in t.text for t in doc[lo:hi])


def first_conjunct(tok: Any) -> Any:
    """ "kidnappings" for "bombings" in "an end to kidnappings and bombings"."""
    cur = tok
    while cur.dep_ == "conj" and cur.head.i != cur.i:
        cur = cur.head
    return cur


def headline_like(sent: Any) -> bool:
    """Headlines carry no final punctuation ("Artillery pounds Rastan as truce unravels")."""
    last = sent[-1]
    return last.text not in TERMINAL and last.text[-1:] not in TERMINAL


def tense(verb: Any) -> str:
    """ "present", "present-perfect", "present-progressive", "present-passive" or "other"."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if not auxes:
        return "present" if verb.tag_ in PRESENT_TAGS else "other"
    first = auxes[0]
    if first.tag_ not in PRESENT_TAGS:
        return "other"
    if first.lemma_.lower() == "have":
        return "present-perfect"
    if first.lemma_.lower() == "be" and verb.tag_ == "VBG":
        return "present-progressive"
    if first.lemma_.lower() == "be" and len(auxes) == 1 and verb.tag_ == "VBN":
        return "present-passive"
    return "other"


def bare_plural(tok: Any) -> bool:
    """A plural noun with no determiner, number or possessor: "bombings", "air raids"."""
    return tok.tag_ in ("NNS", "NNPS") and not any(
        c.dep_ in ("det", "nummod", "poss", "quantmod") for c in tok.children
    )


def date_texts(tokens: Any, doc: Any) -> list[str]:
    """Texts of the DATE entities touching ``tokens`` (whole entities, even when split by the parse)."""
    idx = {t.i for t in tokens if t.ent_type_ == "DATE"}
    if not idx:
        return []
    return [e.text for e in entities_touching(doc, idx) if e.label_ == "DATE"]


def time_texts(tokens: Any, doc: Any) -> list[str]:
    """Texts of the DATE and TIME entities touching ``tokens``."""
    idx = {t.i for t in tokens if t.ent_type_ in TIME_ENTS}
    return [e.text for e in entities_touching(doc, idx) if e.label_ in TIME_ENTS]


def definite_or_possessed(noun: Any) -> bool:
    """ "the ceasefire", "their deal": a noun named as one the reader already knows."""
    return any((d.dep_ == "det" and d.lower_ in DEFINITE) or d.dep_ == "poss" for d in noun.children)


def module_reason(phase: str, module: str, c: Candidate) -> str | None:
    """The reason of the first switched-on rule of ``module`` in ``phase`` that fires on ``c`` (the old
    per-module entry points, ``non_event_reason`` and the like, for tests and tools)."""
    from trucewatch import rules

    for r in rules.active(phase):
        if r.module == module:
            found = r.fn(c)
            if found:
                return found  # type: ignore[no-any-return]
    return None
