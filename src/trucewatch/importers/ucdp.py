"""UCDP Georeferenced Event Dataset (GED) CSV rows -> events.

Mapping: ``id`` -> event id ``ucdp-ged:<id>``; ``side_a`` -> actor1 and ``side_b`` -> actor2 (UCDP lists
several groups on one side separated by commas: the first is the actor, the others its associated actors);
``type_of_violence`` 1 (state-based) and 2 (non-state) -> Battles / Armed clash, 3 (one-sided) -> Violence
against civilians / Attack (GED does not say how an attack was carried out); ``date_start``..``date_end`` with
``date_prec``; ``latitude``/``longitude``, ``where_coordinates``, ``adm_1``, ``adm_2``, ``where_prec``;
``best`` (``low``..``high``) deaths. Licence: CC BY 4.0, credit :data:`UCDP_CREDIT`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from trucewatch.model import Event, EventDate, Location, Modality, Skip

from .common import actor_refs, killed, number, place, provenance, read_rows, skip

UCDP_CREDIT = "UCDP Georeferenced Event Dataset, Sundberg & Melander 2013 (CC BY 4.0)"
SOURCE = "UCDP GED"
REQUIRED = {"id", "type_of_violence", "side_a", "side_b", "country", "latitude", "longitude", "date_start", "date_end"}
TYPES = {
    "1": ("Battles", "Armed clash"),
    "2": ("Battles", "Armed clash"),
    "3": ("Violence against civilians", "Attack"),
}


def _split(side: str) -> list[str]:
    return [s.strip() for s in side.split(",") if s.strip()]


def _geo_precision(where_prec: int | None) -> int | None:
    """UCDP where_prec (1 exact place .. 7 international waters) -> ACLED geo_precision (1..3)."""
    if where_prec is None:
        return None
    return 1 if where_prec == 1 else 2 if where_prec <= 3 else 3


def _time_precision(first: dt.date, last: dt.date) -> int:
    days = (last - first).days
    return 1 if days == 0 else 2 if days <= 7 else 3


def row_event(row: dict[str, str], dictionary: Any, countries: Any) -> Event:
    """One GED row as an event; raises ValueError naming the bad field."""
    gid = row["id"]
    if not gid:
        raise ValueError("empty id")
    kind = TYPES.get(row["type_of_violence"])
    if kind is None:
        raise ValueError(f"type_of_violence {row['type_of_violence']!r} is not 1, 2 or 3")
    try:
        first = dt.date.fromisoformat(row["date_start"][:10])
        last = dt.date.fromisoformat(row["date_end"][:10] or row["date_start"][:10])
    except ValueError as exc:
        raise ValueError(f"date {row['date_start']!r}..{row['date_end']!r} is not an ISO date") from exc
    if last < first:
        raise ValueError(f"date_end {last} is before date_start {first}")
    iso = countries.lookup(row["country"]) or ""
    if not iso:
        raise ValueError(f"unknown country {row['country']!r}")
    lat, lon = number(row["latitude"], "latitude"), number(row["longitude"], "longitude")
    if lat is None or lon is None:
        raise ValueError("no coordinates")
    where_prec = number(row.get("where_prec", ""), "where_prec", kind=int)
    side_a = actor_refs(_split(row["side_a"]), dictionary, first, iso)
    side_b = actor_refs(_split(row["side_b"]), dictionary, first, iso)
    office = row.get("source_office", "")
    return Event(
        event_type=kind[0],
        sub_event_type=kind[1],
        actor1=side_a[0] if side_a else None,
        actor2=side_b[0] if side_b else None,
        assoc_actor1=side_a[1:],
        assoc_actor2=side_b[1:],
        location=Location(
            text=row.get("where_coordinates", ""),
            start=0,
            end=0,
            place=place(row.get("where_coordinates", ""), iso, lat, lon, row.get("adm_1", ""), row.get("adm_2", "")),
            geo_precision=_geo_precision(where_prec),
            where_prec=where_prec,
            score=1.0,
        ),
        date=EventDate(
            text=row["date_start"],
            start=0,
            end=0,
            first=first,
            last=last,
            time_precision=_time_precision(first, last),
            date_prec=number(row.get("date_prec", ""), "date_prec", kind=int),
            resolved=True,
            note="from UCDP GED",
        ),
        counts=killed(
            number(row.get("best", ""), "best", kind=int),
            number(row.get("low", ""), "low", kind=int),
            number(row.get("high", ""), "high", kind=int),
        ),
        modality=Modality.OCCURRED,
        confidence=1.0,
        evidence=[provenance(f"{SOURCE} event {gid}" + (f" (sources: {office})" if office else ""), "import:ucdp-ged")],
        id=f"ucdp-ged:{gid}",
        sources=[SOURCE],
    )


def read_ucdp(path: str | Path, dictionary: Any) -> tuple[list[Event], list[Skip]]:
    """Events of a GED CSV file (any GED version with the standard columns) and the rows skipped, with why."""
    events: list[Event] = []
    skips: list[Skip] = []
    for line, row in read_rows(path, REQUIRED, "UCDP GED"):
        try:
            events.append(row_event(row, dictionary, dictionary.countries))
        except ValueError as exc:
            skips.append(skip(path, line, f"UCDP GED row {row.get('id') or '?'}: {exc}"))
    return events, skips
