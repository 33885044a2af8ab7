"""Events as ACLED-style rows: ACLED's column names and conventions, plus trucewatch's own columns."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterable, Mapping
from typing import Any

from trucewatch.model import POLITICAL_VIOLENCE_TYPES, ActorRef, Event, Modality, interaction_code
from trucewatch.records import where

#: ACLED's public export columns, in ACLED's order.
ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)

#: trucewatch's additions, after ACLED's columns.
EXTRA_COLUMNS: tuple[str, ...] = (
    "modality", "attributed_to", "cameo", "plover", "plover_mode", "num_sources", "num_articles", "confidence",
    "geonameid", "iso2", "event_uid", "article_ids", "source_urls",
)

COLUMNS: tuple[str, ...] = ACLED_COLUMNS + EXTRA_COLUMNS

#: What ACLED itself would code: events that happened, or that one side claims happened (ACLED codes claims,
#: naming the claimant). Announced, threatened, denied, negated and hypothetical events are left out of the
#: ACLED CSV unless asked for (``all_modalities``).
ACLED_MODALITIES = frozenset({Modality.OCCURRED.value, Modality.CLAIMED.value})

#: Column types for typed formats (Parquet); every other column is text.
INT_COLUMNS = frozenset({"year", "time_precision", "inter1", "inter2", "interaction", "iso", "geo_precision",
                         "fatalities", "timestamp", "num_sources", "num_articles", "geonameid"})
FLOAT_COLUMNS = frozenset({"latitude", "longitude", "confidence"})
DATE_COLUMNS = frozenset({"event_date"})

_VIOLENT = POLITICAL_VIOLENCE_TYPES


def disorder_type(event_type: str, sub_event_type: str) -> str:
    """ACLED's disorder type of an event type / sub-event type."""
    if sub_event_type == "Excessive force against protesters":
        return "Political violence; Demonstrations"
    if event_type in _VIOLENT or sub_event_type == "Mob violence":
        return "Political violence"
    if event_type in ("Protests", "Riots"):
        return "Demonstrations"
    if event_type == "Strategic developments":
        return "Strategic developments"
    return ""


def _name(ref: ActorRef | None) -> str:
    return (ref.name or ref.text) if ref else ""


def _assoc(refs: list[ActorRef]) -> str:
    return "; ".join(dict.fromkeys(_name(r) for r in refs if _name(r)))


def event_id_cnty(ev: Event, iso3: str | None) -> str:
    """ACLED-style id: ISO alpha-3 and a number, stable for a given trucewatch event id."""
    number = int(hashlib.sha1(ev.id.encode("utf-8")).hexdigest()[:12], 16) % 10**12
    return f"{iso3 or 'XXX'}{number}"


def _notes(ev: Event, location: str) -> str:
    parts = []
    when = ev.date.first.isoformat() if ev.date and ev.date.first else "an unknown date"
    who = _name(ev.actor1) or "an unidentified actor"
    what = ev.sub_event_type or ev.event_type
    against = f" against {_name(ev.actor2)}" if ev.actor2 else ""
    where = f" in {location}" if location else ""
    parts.append(f"On {when}, {who}: {what.lower()}{against}{where}.")
    if ev.trigger:
        parts.append(f'Reported as "{ev.trigger}".')
    if ev.fatalities is not None:
        parts.append(f"{ev.fatalities} reported fatalities.")
    if ev.modality != Modality.OCCURRED:
        by = f" by {ev.attributed_to}" if ev.attributed_to else ""
        parts.append(f"Modality: {ev.modality.value}{by}.")
    return " ".join(parts)


#: Article id -> what the store knows of it (``source``, ``url``, ...); see ``Store.article_refs``.
ArticleRefs = Mapping[str, Mapping[str, Any]]


def provenance(ev: Event, articles: ArticleRefs | None = None) -> dict[str, str]:
    """``source``, ``article_ids`` and ``source_urls`` of an event, each '; '-separated, in article order."""
    ids = list(dict.fromkeys(ev.article_ids))
    refs = articles or {}
    names = [str((refs.get(a) or {}).get("source") or "") for a in ids]
    urls = [str((refs.get(a) or {}).get("url") or "") for a in ids]
    return {
        "source": "; ".join(dict.fromkeys(s for s in [*ev.sources, *names] if s)),
        "article_ids": "; ".join(ids),
        "source_urls": "; ".join(dict.fromkeys(u for u in urls if u)),
    }


def acled_row(ev: Event, timestamp: int | None = None, articles: ArticleRefs | None = None) -> dict[str, Any]:
    """One event as a dict with :data:`COLUMNS` keys (``None`` for unknown values; fatalities 0 as ACLED).

    ``articles`` (article id -> ``{"source", "url"}``) fills ``source_urls``; without it the column is empty.
    """
    w = where(ev)
    place = w.place
    first = ev.date.first if ev.date else None
    inter1 = ev.actor1.inter if ev.actor1 else None
    inter2 = ev.actor2.inter if ev.actor2 else None
    location = w.location or ""
    tags = [f"weapon: {ev.weapon}"] if ev.weapon else []
    civ = ev.event_type in _VIOLENT and inter2 == 7
    prov = provenance(ev, articles)
    return {
        "event_id_cnty": event_id_cnty(ev, w.iso3),
        "event_date": first,
        "year": first.year if first else None,
        "time_precision": ev.date.time_precision if ev.date else None,
        "disorder_type": disorder_type(ev.event_type, ev.sub_event_type),
        "event_type": ev.event_type,
        "sub_event_type": ev.sub_event_type,
        "actor1": _name(ev.actor1),
        "assoc_actor_1": _assoc(ev.assoc_actor1),
        "inter1": inter1,
        "actor2": _name(ev.actor2),
        "assoc_actor_2": _assoc(ev.assoc_actor2),
        "inter2": inter2,
        "interaction": interaction_code(inter1, inter2),
        "civilian_targeting": "Civilian targeting" if civ else "",
        "iso": w.iso,
        "region": w.region,
        "country": w.country or "",
        "admin1": place["admin1"] or "",
        "admin2": w.admin2 or "",
        "admin3": "",
        "location": location,
        "latitude": round(place["lat"], 4) if place["lat"] is not None else None,
        "longitude": round(place["lon"], 4) if place["lon"] is not None else None,
        "geo_precision": w.geo_precision,
        "source": prov["source"],
        "source_scale": "",
        "notes": _notes(ev, location),
        "fatalities": ev.fatalities or 0,
        "tags": "; ".join(tags),
        "timestamp": int(time.time()) if timestamp is None else timestamp,
        "modality": ev.modality.value,
        "attributed_to": ev.attributed_to or "",
        "cameo": ev.cameo or "",
        "plover": ev.plover or "",
        "plover_mode": ev.plover_mode or "",
        "num_sources": ev.num_sources,
        "num_articles": ev.num_articles,
        "confidence": round(ev.confidence, 4),
        "geonameid": place["geonameid"],
        "iso2": w.iso2 or "",
        "event_uid": ev.id,
        "article_ids": prov["article_ids"],
        "source_urls": prov["source_urls"],
    }


def acled_rows(
    events: Iterable[Event], timestamp: int | None = None, articles: ArticleRefs | None = None
) -> list[dict[str, Any]]:
    """Events as ACLED-style rows (see :func:`acled_row`); one timestamp for the whole export."""
    stamp = int(time.time()) if timestamp is None else timestamp
    return [acled_row(ev, stamp, articles) for ev in events]


def acled_codable(ev: Event) -> bool:
    """Whether ACLED would code the event (it happened, or one side claims it did)."""
    return ev.modality.value in ACLED_MODALITIES
