"""Run the events stage on one hand-annotated segment: the helpers shared by the extraction tests.

Annotations (actors, places, dates, counts) are found by substring, so a test states only the sentence
and what the resolvers would have found in it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from trucewatch.events import extract
from trucewatch.model import (
    ActorRef,
    Annotations,
    Article,
    Count,
    EventDate,
    Location,
    Mention,
    ParsedSegment,
    Place,
    Segment,
    SegmentKind,
)

PUBLISHED = dt.date(2019, 6, 12)


def _state(
    actor_id: str | None, name: str, country: str, side: str | None = None, **extra: Any
) -> dict[str, Any]:
    return dict(
        actor_id=actor_id, name=name, inter=1, country=country, side=side, kind="state_forces", **extra
    )


def _rebels(**extra: Any) -> dict[str, Any]:
    return dict(
        actor_id="xland-opposition", name="Xland Opposition Forces", inter=2, country="SY", side="opposition",
        kind="rebel", **extra,
    )  # fmt: skip


#: Actors a test may name, by the text that names them.
ACTORS: dict[str, dict[str, Any]] = {
    "army": _state("xland-military", "Military Forces of Xland", "SY", "government"),
    "Russian": _state("russia-military", "Military Forces of Russia", "RU", "government"),
    "Russia": _state("russia-military", "Military Forces of Russia", "RU", "government"),
    "rebels": _rebels(),
    "insurgents": _rebels(),
    "rebel-held": _rebels(implied=True),
    "militia": dict(actor_id=None, name="Green Hill Militia", inter=3, country="SY", kind="militia"),
    "volunteers": dict(
        actor_id=None, name="Foreign Volunteer Militia", inter=3, country="SY", kind="militia"
    ),
    "police": _state(None, "Police Forces of Xland", "SY"),
    "protesters": dict(actor_id=None, name="Protesters (Xland)", inter=6, country="SY", kind="protesters"),
    "monitoring group": dict(actor_id="monitor", name="Xland Monitoring Group", kind="source"),
}


def find(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    """Offsets of the ``nth`` occurrence of ``needle``."""
    start = -1
    for _ in range(nth + 1):
        start = text.find(needle, start + 1)
        assert start >= 0, f"{needle!r} not in {text!r}"
    return start, start + len(needle)


def run(
    nlp: Any,
    triggers: Any,
    text: str,
    *,
    actors: tuple[str, ...] = (),
    places: tuple[str, ...] = (),
    dates: dict[str, dt.date | tuple[dt.date, dt.date]] | None = None,
    counts: list[tuple[Any, ...]] | None = None,
    kind: SegmentKind = SegmentKind.BODY,
    own_date: dt.date | None = None,
    published: dt.date = PUBLISHED,
) -> list[Mention]:
    """Extract from one segment of text with hand-made annotations found by substring.

    ``dates``: phrase -> day, or (first, last) day; ``counts``: (phrase, what, who, n[, cumulative]).
    """
    art = Article(id="t1", text=text, published=published)
    seg = Segment(kind, 0, len(text), text, own_date=own_date)
    art.segments = [seg]
    ann = Annotations()
    for name in actors:
        s, e = find(text, name)
        ann.actors.append(ActorRef(text=name, start=s, end=e, confidence=0.9, **ACTORS[name]))
    for i, name in enumerate(places):
        s, e = find(text, name)
        ann.locations.append(Location(name, s, e, Place(1000 + i, name, "SY", 35.0, 36.0), geo_precision=1))
    for phrase, when in (dates or {}).items():
        s, e = find(text, phrase)
        first, last = when if isinstance(when, tuple) else (when, when)
        prec = 1 if first == last else 2 if (last - first).days < 7 else 3
        ann.dates.append(EventDate(phrase, s, e, first, last, prec, prec, True))
    for phrase, what, who, n, *rest in counts or []:
        s, e = find(text, phrase)
        ann.counts.append(Count(what, who, n, text=phrase, start=s, end=e, cumulative=bool(rest and rest[0])))
    return extract(art, [ParsedSegment(seg, nlp(text))], ann, triggers, None)


def token(nlp: Any, text: str, word: str) -> Any:
    """The first token of ``text`` that is ``word``, parsed by ``nlp``."""
    for tok in nlp(text):
        if tok.text == word:
            return tok
    raise AssertionError(f"{word!r} not found in {text!r}")


def one(mentions: list[Mention], sub: str | None = None) -> Mention:
    """The only mention (of sub-type ``sub``)."""
    found = [m for m in mentions if sub is None or m.sub_event_type == sub]
    assert len(found) == 1, [(m.trigger, m.sub_event_type) for m in mentions]
    return found[0]
