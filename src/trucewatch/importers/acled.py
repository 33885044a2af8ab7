"""ACLED CSV export rows -> events.

Mapping: ``event_id_cnty`` (else ``data_id``, else a hash of date, actors, place and type) -> event id
``acled:<id>``; ``event_type``/``sub_event_type`` as they are; ``actor1``/``actor2`` matched to the actor
dictionary, ``assoc_actor_1``/``assoc_actor_2`` (separated by ";") as associated actors, ``inter1``/``inter2``
kept; ``event_date`` (ISO or "13 April 2016"), ``time_precision``; ``location``, ``admin1``, ``admin2``,
``latitude``/``longitude``, ``geo_precision``; ``fatalities``; ``source`` -> the event's sources.
ACLED's terms apply to the data: it stays in the user's store.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from trucewatch.model import (
    ACLED_SUBTYPE_PARENT,
    ACLED_TYPES,
    Event,
    EventDate,
    Location,
    Modality,
    Skip,
    hash_text,
)

from .common import actor_refs, killed, number, place, provenance, read_rows, skip

ACLED_CREDIT = "Armed Conflict Location & Event Data Project (ACLED), acleddata.com"
SOURCE = "ACLED"
REQUIRED = {"event_date", "event_type", "sub_event_type", "actor1", "country", "latitude", "longitude"}
_DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%d %b %Y", "%d-%b-%Y", "%m/%d/%Y")


def _date(text: str) -> dt.date:
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    raise ValueError(f"event_date {text!r} is not a date (YYYY-MM-DD or '13 April 2016')")


def _names(value: str) -> list[str]:
    return [s.strip() for s in value.split(";") if s.strip()]


def _id(row: dict[str, str]) -> str:
    for key in ("event_id_cnty", "data_id"):
        if row.get(key):
            return row[key]
    key = "|".join(row.get(k, "") for k in ("event_date", "actor1", "actor2", "location", "latitude", "longitude",
                                             "sub_event_type", "notes"))
    return f"h{hash_text(key) & 0xFFFFFFFFFFFF:012x}"


def row_event(row: dict[str, str], dictionary: Any) -> Event:
    """One ACLED row as an event; raises ValueError naming the bad field."""
    etype, sub = row["event_type"], row["sub_event_type"]
    if etype not in ACLED_TYPES:
        raise ValueError(f"event_type {etype!r} is not an ACLED event type")
    if sub and ACLED_SUBTYPE_PARENT.get(sub) != etype:
        raise ValueError(f"sub_event_type {sub!r} is not a kind of {etype!r}")
    day = _date(row["event_date"])
    iso = dictionary.countries.lookup(row["country"]) or ""
    if not iso:
        raise ValueError(f"unknown country {row['country']!r}")
    lat, lon = number(row["latitude"], "latitude"), number(row["longitude"], "longitude")
    if lat is None or lon is None:
        raise ValueError("no coordinates")
    a1 = actor_refs([row["actor1"]], dictionary, day, iso)
    a2 = actor_refs([row.get("actor2", "")], dictionary, day, iso)
    for refs, col in ((a1, "inter1"), (a2, "inter2")):
        inter = number(row.get(col, ""), col, kind=int)
        if refs and inter:
            refs[0].inter = inter
    prec = number(row.get("time_precision", ""), "time_precision", kind=int)
    geo = number(row.get("geo_precision", ""), "geo_precision", kind=int)
    eid = _id(row)
    sources = [SOURCE] + [s.strip() for s in row.get("source", "").split(";") if s.strip()]
    return Event(
        event_type=etype,
        sub_event_type=sub,
        actor1=a1[0] if a1 else None,
        actor2=a2[0] if a2 else None,
        assoc_actor1=actor_refs(_names(row.get("assoc_actor_1", "")), dictionary, day, iso),
        assoc_actor2=actor_refs(_names(row.get("assoc_actor_2", "")), dictionary, day, iso),
        location=Location(
            text=row.get("location", ""),
            start=0,
            end=0,
            place=place(row.get("location", ""), iso, lat, lon, row.get("admin1", ""), row.get("admin2", "")),
            geo_precision=geo,
            score=1.0,
        ),
        date=EventDate(
            text=row["event_date"], start=0, end=0, first=day, last=day, time_precision=prec, resolved=True,
            note="from ACLED",
        ),
        counts=killed(number(row.get("fatalities", ""), "fatalities", kind=int)),
        modality=Modality.OCCURRED,
        confidence=1.0,
        evidence=[provenance(f"{SOURCE} event {eid}", "import:acled")],
        id=f"acled:{eid}",
        sources=sources,
    )


def read_acled(path: str | Path, dictionary: Any) -> tuple[list[Event], list[Skip]]:
    """Events of an ACLED CSV export and the rows skipped, with why."""
    events: list[Event] = []
    skips: list[Skip] = []
    for line, row in read_rows(path, REQUIRED, "ACLED"):
        try:
            events.append(row_event(row, dictionary))
        except ValueError as exc:
            skips.append(skip(path, line, f"ACLED row: {exc}"))
    return events, skips
