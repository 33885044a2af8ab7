"""The Python API: plain records that load straight into pandas.

>>> import trucewatch, pandas as pd
>>> df = pd.DataFrame(trucewatch.extract(text, published="2016-04-10", source="Levant Wire"))
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from trucewatch.model import Event, Evidence

if TYPE_CHECKING:
    from trucewatch.store import Store


def _as_date(value: dt.date | str | None) -> dt.date | None:
    if value is None:
        return None
    if not isinstance(value, (str, dt.date)):
        raise ValueError(f"published must be a date or a date string, got {type(value).__name__}")
    from trucewatch.ingest.dates import parse_published

    day, note = parse_published(value)
    if day is None:
        raise ValueError(f"published: {note} (e.g. 2016-04-10 or '10 April 2016')")
    return day


def extract_events(
    text: str,
    *,
    published: dt.date | str | None = None,
    source: str | None = None,
    title: str | None = None,
    url: str | None = None,
) -> list[Event]:
    """Events of one text, merged within the text, as data classes (no store involved)."""
    from trucewatch import dedup, ingest, pipeline
    from trucewatch.model import Skip

    article = ingest.from_text(text, title=title, source=source, url=url, published=_as_date(published))
    for out in pipeline.extract([article]):
        if isinstance(out, Skip):
            raise ValueError(f"could not process the text ({out.stage}): {out.reason}")
        art, mentions = out
        return dedup.within_article(mentions, source=art.source)
    return []


def _evidence(ev: Evidence) -> dict[str, Any]:
    return {  # not vocabulary: record keys
        "field": ev.field,
        "start": ev.start,
        "end": ev.end,
        "text": ev.text,
        "confidence": round(ev.confidence, 3),
    }


def event_record(ev: Event, articles: Mapping[str, Mapping[str, Any]] | None = None) -> dict[str, Any]:
    """One event as a flat dict of scalars (plus an ``evidence`` list), ACLED-like column names and types.

    Dates are ``datetime.date``, ``fatalities`` an int (0 when no toll is stated, as in ACLED), the country
    is ``iso2`` ("SY"), ``iso`` (ISO numeric, ACLED's ``iso``) and ``country`` ("Syria"), as in the exports.
    ``articles`` (article id -> ``{"source", "url"}``) fills ``source_urls``.
    """
    from trucewatch.export import provenance
    from trucewatch.records import where

    w = where(ev)
    date = ev.date
    a1, a2 = ev.actor1, ev.actor2
    prov = provenance(ev, articles)
    return {
        "event_id": ev.id,
        "event_date": date.first if date and date.first else None,
        "date_last": (date.last or date.first) if date and date.first else None,
        "time_precision": date.time_precision if date else None,
        "event_type": ev.event_type,
        "sub_event_type": ev.sub_event_type,
        "actor1": a1.name if a1 else None,
        "actor1_id": a1.actor_id if a1 else None,
        "inter1": a1.inter if a1 else None,
        "actor2": a2.name if a2 else None,
        "actor2_id": a2.actor_id if a2 else None,
        "inter2": a2.inter if a2 else None,
        "iso2": w.iso2,
        "iso": w.iso,
        "country": w.country,
        "admin1": w.place["admin1"],
        "location": w.location,
        "geonameid": w.place["geonameid"],
        "latitude": w.place["lat"],
        "longitude": w.place["lon"],
        "geo_precision": w.geo_precision,
        "fatalities": int(ev.fatalities or 0),
        "injuries": int(ev.injuries or 0),
        "modality": ev.modality.value,
        "attributed_to": ev.attributed_to,
        "cameo": ev.cameo,
        "plover": ev.plover,
        "plover_mode": ev.plover_mode,
        "weapon": ev.weapon,
        "trigger": ev.trigger,
        "confidence": round(ev.confidence, 3),
        "num_mentions": ev.num_mentions,
        "sources": prov["source"],
        "article_ids": prov["article_ids"],
        "source_urls": prov["source_urls"],
        "evidence": [_evidence(e) for e in ev.evidence],
    }


def extract(
    text: str,
    *,
    published: dt.date | str | None = None,
    source: str | None = None,
    title: str | None = None,
    url: str | None = None,
) -> list[dict[str, Any]]:
    """Events of one text as pandas-friendly records (``pandas.DataFrame(extract(...))``): dates as dates,
    fatalities as ints, the text's ``source`` and ``url`` on every record."""
    evs = extract_events(text, published=published, source=source, title=title, url=url)
    refs = {a: {"source": source, "url": url} for ev in evs for a in ev.article_ids}
    return [event_record(ev, refs) for ev in evs]


def geoparse(text: str) -> list[dict[str, Any]]:
    """Every toponym in a text with offsets, GeoNames id, country, coordinates and score."""
    from trucewatch import places

    return places.geoparse(text)


def open_store(url: str = "trucewatch.duckdb") -> Store:
    """The event store: a DuckDB file (default) or a ``postgresql://`` URL."""
    from trucewatch import store

    return store.open_store(url)
