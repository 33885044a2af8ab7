"""How a mention stands to the events of its article: does it tell an event, or refer to one told elsewhere?

Inside one article several sentences point at one event without restating it: the headline and standfirst
summarise the lead ("Fighting kills 30"), a definite or possessive noun points back ("the attack",
"Tuesday's raid"), and a follow-up sentence adds only a toll ("Eight fighters were killed."). Such mentions
often carry fields that are not their own (the publication date, a place borrowed from another sentence,
a date from another clause): those must not keep them apart from the event they refer to.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from trucewatch.lexicon import lexicon
from trucewatch.model import Mention, Modality, SegmentKind

_LEX = lexicon()

#: Evidence methods of fields not read from the mention's own text.
FALLBACK_DATE = frozenset({"publication-date", "dates.carried-day", "reporting-day"})
FALLBACK_PLACE = frozenset({"previous-sentence", "article-most-frequent"})
#: Evidence found in the sentence but not linked to the trigger: not the referring noun's own.
UNATTACHED = frozenset({"nearest-in-sentence", "other-clause-in-sentence"})
SUMMARY_SEGMENTS = frozenset({SegmentKind.HEADLINE, SegmentKind.STANDFIRST})
#: Doers read from another sentence (a claim of responsibility, an accusation, an earlier act): not the toll's own.
BORROWED_DOER = frozenset({  # not vocabulary: evidence method names
    "claimed-responsibility", "blamed-next", "another-same-doer", "another-same-kind", "attackers-named-before",
})

#: A determiner or possessive just before the trigger, up to two modifiers between:
#: "the attack", "the deadliest single attack", "Tuesday's raid", "its offensive".
_DEFINITE = _LEX.regex("definite_before_trigger")
#: Words that end a noun phrase: with one between, the determiner belongs to another phrase
#: ("the raids by shelling").
_FUNCTION_WORDS = _LEX.words("phrase_ending_words")


@dataclass(slots=True, frozen=True)
class Reading:
    """What kind of report a mention is."""

    summary: bool = False  # headline or standfirst
    anaphor: bool = False  # a definite or possessive noun pointing back ("the attack")
    follow_up: bool = False  # adds a toll only: no actor, place or date of its own
    fallback_date: bool = False
    fallback_place: bool = False
    statement: bool = False  # a party's claim, accusation or denial about an event
    new_act: bool = False  # "another airstrike", "a second attack": a further act of a kind already told

    @property
    def refers(self) -> bool:
        """Refers back to an event rather than telling a new one."""
        return self.anaphor or self.follow_up


def method(m: Mention, name: str) -> str | None:
    """The evidence method of field ``name`` (None when the field has no evidence)."""
    return next((e.method for e in m.evidence if e.field == name), None)


def is_anaphor(m: Mention) -> bool:
    """The trigger is a noun phrase opened by a definite article, demonstrative or possessive."""
    if m.segment in SUMMARY_SEGMENTS or not m.sentence:
        return False
    offset = m.trigger_start - m.sentence_start
    if offset <= 0 or offset > len(m.sentence):
        return False
    found = _DEFINITE.search(m.sentence[:offset])
    if found is None or any(w.lower() in _FUNCTION_WORDS for w in found.group(1).split()):
        return False
    return not _verb_after_subject(m.trigger, found.group(1))


#: Words that set an event apart from one already told: "the second attack", "another strike".
_ANOTHER = _LEX.regex("another_before_trigger")


#: Words that tell a further act of a kind already told: "another airstrike", "a separate raid".
_NEW_ACT = _LEX.regex("new_act_before_trigger")


#: Nouns of people: "a third protester", "another civilian" count one more victim of the same act.
_PEOPLE = frozenset(_LEX.mapping("victim_groups"))


def _new_act(m: Mention) -> bool:
    offset = m.trigger_start - m.sentence_start
    if m.segment in SUMMARY_SEGMENTS or not 0 < offset <= len(m.sentence):
        return False
    last = m.trigger.lower().split()[-1] if m.trigger.strip() else ""
    if last in _PEOPLE or last.removesuffix("s") in _PEOPLE:
        return False
    return _NEW_ACT.search(m.sentence[:offset]) is not None


def _another(m: Mention) -> bool:
    """ "In the second attack", "another air strike": a new event of the same kind, not a reference."""
    offset = m.trigger_start - m.sentence_start
    return 0 < offset <= len(m.sentence) and _ANOTHER.search(m.sentence[:offset]) is not None


def _verb_after_subject(trigger: str, between: str) -> bool:
    """ "the rebels shelled", "Yemen's Houthi rebels attacked": the determiner opens the subject and the
    trigger is its verb (a past form, or a word right after a plural noun), not a noun pointing back."""
    words = between.split()
    last = words[-1].lower() if words else ""
    past = trigger.lower().endswith("ed")
    return past or (len(last) > 3 and last.endswith("s") and not last.endswith("ss"))


def read(m: Mention) -> Reading:
    date_method, place_method = method(m, "date"), method(m, "location")
    fallback_date = m.date is not None and date_method in FALLBACK_DATE
    fallback_place = m.location is not None and place_method in FALLBACK_PLACE
    own_place = m.location is not None and not fallback_place and place_method not in UNATTACHED
    own_date = m.date is not None and not fallback_date and date_method not in UNATTACHED
    tolls = any(not c.cumulative and c.what in ("killed", "injured") for c in m.counts)
    distinct = _another(m)
    follow_up = (
        m.segment not in SUMMARY_SEGMENTS
        and tolls
        and (m.actor1 is None or m.actor1.unidentified or method(m, "actor1") in BORROWED_DOER)
        and not own_place
        and not own_date
        and not distinct
    )
    return Reading(
        summary=m.segment in SUMMARY_SEGMENTS,
        anaphor=is_anaphor(m) and not distinct,
        follow_up=follow_up,
        fallback_date=fallback_date,
        fallback_place=fallback_place,
        statement=m.modality in (Modality.CLAIMED, Modality.DENIED),
        new_act=_new_act(m),
    )


def plain(r: Reading) -> Reading:
    """The reading of a referring mention that found nothing to refer to: it tells an event of its own."""
    return dataclasses.replace(r, anaphor=False, follow_up=False)


def view(m: Mention, r: Reading) -> Mention:
    """The mention as compared: a referring mention keeps only the date and place linked to its trigger."""
    if not r.refers:
        return m
    date_method, place_method = method(m, "date"), method(m, "location")
    weak_date = date_method in FALLBACK_DATE or date_method in UNATTACHED
    weak_place = place_method in FALLBACK_PLACE or place_method in UNATTACHED
    return dataclasses.replace(
        m, date=None if weak_date else m.date, location=None if weak_place else m.location
    )


def relax(a: Reading, b: Reading) -> frozenset[str]:
    """The criteria loosened when comparing two mentions of one article (see ``scoring.compare``)."""
    out: set[str] = set()
    if a.fallback_date or b.fallback_date:
        out.add("date")
    if a.fallback_place or b.fallback_place:  # "the army denied targeting any market": no place of its own
        out.add("borrowed-place")
    if a.summary or b.summary or a.refers or b.refers:
        out |= {"type", "place"}
    if a.summary or b.summary:
        out.add("summary-place")
    if a.statement or b.statement:
        out.add("statement")
    return frozenset(out)


def adjacent(prev: Mention, m: Mention) -> bool:
    """``m``'s sentence follows ``prev``'s directly in the same paragraph (one separator between)."""
    return prev.segment == m.segment and 0 <= m.sentence_start - prev.sentence_end <= 1
