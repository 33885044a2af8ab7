"""Side remarks read as no event (events/asides.py), the generic-plural rule it sits beside, and place names
that stand for a government (events/link.py). All sentences written for this test."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from extraction import token
from trucewatch.events.asides import aside_reason
from trucewatch.events.background import non_event_reason

PUBLISHED = datetime.date(2019, 6, 15)

# (sentence, trigger word, sub-event type, names people, expected reason)
POSITIVE: list[tuple[str, str, str, bool, str]] = [
    (
        '"We sleep in the basement now," said a farmer whose barn was burned on Friday.',
        "burned",
        "Looting/property destruction",
        False,
        "source-description",
    ),
    (
        "The grief is unbearable, according to a teacher whose pupils were abducted last week.",
        "abducted",
        "Abduction/forced disappearance",
        False,
        "source-description",
    ),
    (
        "Observers said that brigades which had signed up to the truce were now raiding villages.",
        "signed",
        "Agreement",
        False,
        "anterior-relative",
    ),
    (
        "Officials said the militia had been moving fighters to the border for months ahead of an assault "
        "on the valley.",
        "assault",
        "Armed clash",
        False,
        "backdrop",
    ),
    (
        "Under the accord, the rebels agreed to hand over their heavy weapons within a week.",
        "agreed",
        "Agreement",
        False,
        "agreement-terms",
    ),
    (
        "The governor, facing anger from demonstrators seeking jobs, reshuffled his cabinet.",
        "demonstrators",
        "Peaceful protest",
        True,
        "kind-reference",
    ),
]

# Real events (or left to other rules): no reason expected.
NEGATIVE: list[tuple[str, str, str, bool]] = [
    # the relative clause hangs on a victim, not on the one who speaks, and is dated
    ("Rebels who had attacked the checkpoint on Sunday were killed.", "attacked", "Armed clash", False),
    # the activity itself in the past-perfect progressive: a claim the modality stage handles
    ("A commander said the army had been shelling the villages for days.", "shelling", "Armed clash", False),
    # a past-perfect progressive without a stretch of time
    (
        "Witnesses said troops had been preparing for an assault on the valley.",
        "assault",
        "Armed clash",
        False,
    ),
    # "under" with no definite frame: the agreement itself is the news
    ("Under pressure from mediators, the two sides agreed a truce on Sunday.", "agreed", "Agreement", False),
    # the people named with a number, or as an argument of the verb, are a gathering
    ("Police fired tear gas at 300 protesters outside the ministry.", "protesters", "Peaceful protest", True),
    ("Demonstrators blocked the main road on Monday.", "Demonstrators", "Peaceful protest", True),
    # a bare plural in a modifier, but the trigger names an act: not this rule's business
    ("The threat of air strikes emptied the town.", "strikes", "Air/drone strike", False),
]


@pytest.mark.parametrize(("text", "word", "sub", "person", "reason"), POSITIVE)
def test_side_remarks(nlp: Any, text: str, word: str, sub: str, person: bool, reason: str) -> None:
    assert aside_reason(token(nlp, text, word), sub, person) == reason


@pytest.mark.parametrize(("text", "word", "sub", "person"), NEGATIVE)
def test_events_are_not_side_remarks(nlp: Any, text: str, word: str, sub: str, person: bool) -> None:
    assert aside_reason(token(nlp, text, word), sub, person) is None


def test_a_definite_noun_inside_a_generic_phrase_anchors_nothing(nlp: Any) -> None:
    """ "in the mountains" modifies the bare plural "setbacks": the clause stays a statement of habit."""
    tok = token(nlp, "The insurgents have met setbacks in the mountains with raids on towns.", "raids")
    assert non_event_reason(tok, tok.sent, PUBLISHED) == "habitual"
    tok = token(nlp, "The insurgents have met the army with raids on towns.", "raids")
    assert non_event_reason(tok, tok.sent, PUBLISHED) is None  # "the army" is a particular one


def test_a_capital_that_speaks_is_no_place_of_the_event(nlp: Any) -> None:
    """ "Ankara blamed ...": the capital stands for the government; the event happened elsewhere."""
    from trucewatch.events.link import Spanned, best_location
    from trucewatch.model import Location, Place

    text = "Ankara blamed Kurdish militants for the rocket fire on the border town of Kilis."
    doc = nlp(text)
    ankara = Location("Ankara", 0, 6, Place(1, "Ankara", "TR", 39.9, 32.8), geo_precision=1)
    kilis_at = text.index("Kilis")
    kilis = Location("Kilis", kilis_at, kilis_at + 5, Place(2, "Kilis", "TR", 36.7, 37.1), geo_precision=1)
    k = next(t.i for t in doc if t.text == "Kilis")
    spans = [Spanned(ankara, 0, 1), Spanned(kilis, k, k + 1)]
    head = next(t for t in doc if t.text == "fire")
    found = best_location(doc, head, doc[:], spans)
    assert found is not None and found.item.text == "Kilis"
    # with only the speaking capital in the sentence there is no place at all
    assert best_location(doc, head, doc[:], spans[:1]) is None
    # a capital that is not the speaker stays a place: "Rockets hit Ankara"
    doc2 = nlp("Rockets hit Ankara on Monday.")
    found = best_location(doc2, doc2[1], doc2[:], [Spanned(ankara, 2, 3)])
    assert found is not None and found.item.text == "Ankara"


@pytest.mark.parametrize(
    "text",
    [
        "Thousands of protesters marched through Homs on Friday.",
        "A crowd of protesters gathered outside the governor's office on Friday.",
    ],
)
def test_a_count_of_protesters_is_a_gathering(text: str) -> None:
    import datetime as dt

    from trucewatch import pipeline
    from trucewatch.model import Article

    art = Article(id="t", text=text, published=dt.date(2016, 6, 1), language="en")
    ((_, ms),) = list(pipeline.extract([art]))
    assert [m.sub_event_type for m in ms] == ["Peaceful protest"], [(m.trigger, m.sub_event_type) for m in ms]
