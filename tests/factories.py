"""Hand-built articles, mentions and events (real model classes) for tests of the store, API and web.

They do not come from the extractor, so these tests do not depend on extraction quality.
"""

from __future__ import annotations

import datetime as dt
import random

from trucewatch.model import (
    ActorRef,
    Article,
    Count,
    Event,
    EventDate,
    Evidence,
    Location,
    Mention,
    Modality,
    Place,
    content_hash,
)

TOWNS = [
    # (geonameid, name, lat, lon, admin1)
    (170063, "Aleppo", 36.20124, 37.16117, "Aleppo"),
    (169577, "Homs", 34.72682, 36.72339, "Homs"),
    (170654, "Damascus", 33.5102, 36.29128, "Damascus"),
    (169389, "Idlib", 35.93062, 36.63393, "Idlib"),
    (170905, "Daraa", 32.61889, 36.10213, "Daraa"),
]
ACTORS = [
    ActorRef(text="regime forces", start=0, end=0, actor_id="syria-military", name="Military Forces of Syria",
             inter=1, side="government", country="SY"),
    ActorRef(text="Russian jets", start=0, end=0, actor_id="russia-military", name="Military Forces of Russia",
             inter=8, side="government", country="RU"),
    ActorRef(text="rebels", start=0, end=0, actor_id="syria-opposition", name="Opposition Rebels (Syria)",
             inter=2, side="opposition", country="SY"),
]
TYPES = [
    ("Explosions/Remote violence", "Air/drone strike", "struck"),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack", "shelled"),
    ("Battles", "Armed clash", "fought"),
]


def make_article(i: int, *, published: dt.date, source: str, extra: str = "") -> tuple[Article, list[Mention], Event]:
    """One article with one sentence and the mention and event it states."""
    rnd = random.Random(i)
    geonameid, town, lat, lon, admin1 = TOWNS[i % len(TOWNS)]
    a1 = ACTORS[i % len(ACTORS)]
    a2 = ACTORS[(i + 2) % len(ACTORS)]
    etype, sub, verb = TYPES[i % len(TYPES)]
    killed = rnd.randint(0, 20)
    day = published - dt.timedelta(days=1)
    sentence = f"{a1.text.capitalize()} {verb} {a2.text} in {town} on {day:%A}, killing {killed} people.{extra}"
    text = f"Report {i}\n\n{sentence}\n"
    start = text.index(sentence)
    art = Article(id=f"art{i:05d}", text=text, title=f"Report {i}", source=source, url=f"https://example.org/{i}",
                  published=published, language="en", origin=f"test-{i}", hash=content_hash(text))

    def span(s: str) -> tuple[int, int]:
        b = text.index(s, start)
        return b, b + len(s)

    def ev(field: str, s: str) -> Evidence:
        b, e = span(s)
        return Evidence(field=field, start=b, end=e, text=s, sentence_start=start,
                        sentence_end=start + len(sentence), confidence=0.9, method="test")

    t0, t1 = span(verb)
    r1 = ActorRef(**{**_ref(a1), "text": a1.text.capitalize(), "start": span(a1.text.capitalize())[0],
                     "end": span(a1.text.capitalize())[1]})
    r2 = ActorRef(**{**_ref(a2), "start": span(a2.text)[0], "end": span(a2.text)[1]})
    place = Place(geonameid=geonameid, name=town, country="SY", lat=lat, lon=lon, admin1=admin1)
    loc = Location(text=town, start=span(town)[0], end=span(town)[1], place=place, geo_precision=1, where_prec=1)
    date = EventDate(text=f"{day:%A}", start=span(f"{day:%A}")[0], end=span(f"{day:%A}")[1], first=day, last=day,
                     time_precision=1, date_prec=1, resolved=True)
    count = Count(what="killed", who="unknown", best=killed, text=f"killing {killed} people",
                  start=span(f"killing {killed}")[0], end=span(f"killing {killed}")[1] + len(" people"))
    evidence = [ev("trigger", verb), ev("actor1", r1.text), ev("actor2", a2.text), ev("location", town),
                ev("date", f"{day:%A}"), ev("fatalities", f"killing {killed} people")]
    mention = Mention(
        event_type=etype, sub_event_type=sub, trigger=verb, actor1=r1, actor2=r2, location=loc, date=date,
        counts=[count], modality=Modality.OCCURRED, confidence=0.8, evidence=evidence,
        id=Mention.make_id(art.id, t0, t1), article_id=art.id, sentence=sentence, sentence_start=start,
        sentence_end=start + len(sentence), trigger_start=t0, trigger_end=t1,
    )
    event = Event(
        event_type=etype, sub_event_type=sub, trigger=verb, actor1=r1, actor2=r2, location=loc, date=date,
        counts=[count], modality=Modality.OCCURRED, confidence=0.8, evidence=list(evidence),
        id=f"ev-test-{i:05d}", mention_ids=[mention.id], article_ids=[art.id], sources=[source],
    )
    return art, [mention], event


def _ref(r: ActorRef) -> dict:
    return {k: getattr(r, k) for k in ActorRef.__slots__} if hasattr(ActorRef, "__slots__") else dict(vars(r))


def fill(store, n: int, *, first_day: dt.date = dt.date(2016, 2, 1)) -> list[Event]:
    """Write n one-event articles spread over consecutive days."""
    events = []
    for i in range(n):
        art, mentions, event = make_article(i, published=first_day + dt.timedelta(days=i % 120),
                                            source=("Levant Wire", "Orontes Daily")[i % 2])
        store.write_article(art, mentions, [event])
        events.append(event)
    return events
