"""The store's tables (one DDL for DuckDB and PostgreSQL) and the mapping between rows and model objects.

Events and mentions keep typed columns for filtering plus a JSON ``record`` column holding
``model.to_record(obj)``; ``model.from_record`` rebuilds the object exactly from it.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from trucewatch.model import (
    Article,
    Event,
    EventFields,
    Mention,
    Segment,
    SegmentKind,
    Skip,
    Violation,
    to_record,
)
from trucewatch.records import place_fields

SCHEMA_VERSION = 2
#: Statements that bring a store of an older schema version up to the next one.
MIGRATIONS: dict[int, list[str]] = {1: ["ALTER TABLE skips ADD COLUMN detail TEXT"]}

#: Tables in dependency order; ``Store.stats()`` reports one row count per table.
TABLES = (
    "articles", "segments", "skips", "mentions", "evidence", "events", "event_mentions",
    "splits", "agreements", "judgements",
)

# {json}, {double} and {ts} are filled per backend (see ``ddl``). Identifiers that are SQL keywords are quoted.
_DDL = """
CREATE TABLE IF NOT EXISTS trucewatch_meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY, hash TEXT NOT NULL UNIQUE, title TEXT, source TEXT, url TEXT, published DATE,
    language TEXT, origin TEXT, meta {json}, text TEXT NOT NULL, stored_at {ts});
CREATE TABLE IF NOT EXISTS segments (
    article_id TEXT NOT NULL, idx INTEGER NOT NULL, kind TEXT NOT NULL, "start" INTEGER NOT NULL,
    "end" INTEGER NOT NULL, text TEXT NOT NULL, own_date DATE, PRIMARY KEY (article_id, idx));
CREATE TABLE IF NOT EXISTS skips (
    origin TEXT NOT NULL, reason TEXT NOT NULL, stage TEXT NOT NULL, article_id TEXT, "at" {ts}, detail TEXT);
CREATE TABLE IF NOT EXISTS mentions (
    id TEXT PRIMARY KEY, article_id TEXT NOT NULL, segment TEXT, event_type TEXT, sub_event_type TEXT,
    "trigger" TEXT, trigger_start INTEGER, trigger_end INTEGER, sentence TEXT, sentence_start INTEGER,
    sentence_end INTEGER, actor1_id TEXT, actor1_name TEXT, actor2_id TEXT, actor2_name TEXT, country TEXT,
    admin1 TEXT, location_name TEXT, geonameid BIGINT, lat {double}, lon {double}, event_date DATE, date_last DATE,
    fatalities INTEGER, modality TEXT, confidence {double}, record {json} NOT NULL);
CREATE TABLE IF NOT EXISTS evidence (
    mention_id TEXT NOT NULL, field TEXT NOT NULL, "start" INTEGER, "end" INTEGER, text TEXT,
    sentence_start INTEGER, sentence_end INTEGER, confidence {double}, method TEXT);
CREATE TABLE IF NOT EXISTS events (
    id TEXT PRIMARY KEY, event_date DATE, date_last DATE, time_precision INTEGER, event_type TEXT,
    sub_event_type TEXT, "trigger" TEXT, actor1_id TEXT, actor1_name TEXT, actor2_id TEXT, actor2_name TEXT,
    inter1 INTEGER, inter2 INTEGER, country TEXT, admin1 TEXT, admin1_code TEXT, location_name TEXT,
    geonameid BIGINT, lat {double}, lon {double}, geo_precision INTEGER, fatalities INTEGER, modality TEXT,
    attributed_to TEXT, num_mentions INTEGER, num_sources INTEGER, num_articles INTEGER, sources TEXT,
    confidence {double}, record {json} NOT NULL);
CREATE TABLE IF NOT EXISTS event_mentions (event_id TEXT NOT NULL, mention_id TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS splits (mention_a TEXT NOT NULL, mention_b TEXT NOT NULL, PRIMARY KEY (mention_a, mention_b));
CREATE TABLE IF NOT EXISTS agreements (id TEXT PRIMARY KEY, record {json} NOT NULL);
CREATE TABLE IF NOT EXISTS judgements (
    event_id TEXT NOT NULL, agreement_id TEXT NOT NULL, status TEXT NOT NULL, violator TEXT, against TEXT,
    "date" DATE, country TEXT, admin1 TEXT, fatalities INTEGER, reason TEXT, record {json} NOT NULL);
CREATE INDEX IF NOT EXISTS events_date_idx ON events (event_date);
CREATE INDEX IF NOT EXISTS events_country_idx ON events (country);
CREATE INDEX IF NOT EXISTS events_admin1_idx ON events (admin1);
CREATE INDEX IF NOT EXISTS mentions_article_idx ON mentions (article_id);
CREATE INDEX IF NOT EXISTS evidence_mention_idx ON evidence (mention_id);
CREATE INDEX IF NOT EXISTS event_mentions_event_idx ON event_mentions (event_id);
CREATE INDEX IF NOT EXISTS event_mentions_mention_idx ON event_mentions (mention_id);
CREATE INDEX IF NOT EXISTS segments_article_idx ON segments (article_id);
CREATE INDEX IF NOT EXISTS judgements_event_idx ON judgements (event_id);
CREATE INDEX IF NOT EXISTS judgements_agreement_idx ON judgements (agreement_id, status);
"""


#: Columns of ``events`` that ``Store.distinct_values`` lists (suggestions for unknown filter values).
SUGGEST_COLUMNS = frozenset({"actor1_name", "actor2_name", "actor1_id", "actor2_id", "event_type",
                             "sub_event_type", "country", "modality"})

#: Country facts (filled from GeoNames when the store is created) and a view with ACLED's column names over the
#: events ACLED would code (occurred and claimed); see docs/store.md. Same SQL in DuckDB and PostgreSQL.
VIEWS = (
    "CREATE TABLE IF NOT EXISTS countries (iso2 TEXT PRIMARY KEY, iso3 TEXT, iso INTEGER, name TEXT, region TEXT)",
    """CREATE OR REPLACE VIEW acled_events AS
SELECT e.id AS event_uid, e.event_date, CAST(EXTRACT(YEAR FROM e.event_date) AS INTEGER) AS "year",
    e.time_precision,
    CASE WHEN e.sub_event_type = 'Excessive force against protesters' THEN 'Political violence; Demonstrations'
         WHEN e.event_type IN ('Battles', 'Explosions/Remote violence', 'Violence against civilians')
              OR e.sub_event_type = 'Mob violence' THEN 'Political violence'
         WHEN e.event_type IN ('Protests', 'Riots') THEN 'Demonstrations'
         WHEN e.event_type = 'Strategic developments' THEN 'Strategic developments' ELSE '' END AS disorder_type,
    e.event_type, e.sub_event_type, e.actor1_name AS actor1, e.inter1, e.actor2_name AS actor2, e.inter2,
    CASE WHEN COALESCE(e.inter1, 0) = 0 THEN NULL
         WHEN COALESCE(e.inter2, 0) = 0 THEN e.inter1 * 10
         WHEN e.inter1 <= e.inter2 THEN e.inter1 * 10 + e.inter2 ELSE e.inter2 * 10 + e.inter1 END AS interaction,
    c.iso, c.region, c.name AS country, e.country AS iso2, e.admin1, e.location_name AS location,
    e.lat AS latitude, e.lon AS longitude, e.geo_precision, replace(e.sources, chr(10), '; ') AS source,
    COALESCE(e.fatalities, 0) AS fatalities, e.modality, e.attributed_to, e.num_sources, e.num_articles,
    (SELECT string_agg(DISTINCT m.article_id, '; ') FROM event_mentions em JOIN mentions m ON m.id = em.mention_id
     WHERE em.event_id = e.id) AS article_ids,
    (SELECT string_agg(DISTINCT a.url, '; ') FROM event_mentions em JOIN mentions m ON m.id = em.mention_id
     JOIN articles a ON a.id = m.article_id WHERE em.event_id = e.id) AS source_urls
FROM events e LEFT JOIN countries c ON c.iso2 = e.country
WHERE e.modality IN ('occurred', 'claimed')""",
)


def ddl(json_type: str, double_type: str, ts_type: str) -> list[str]:
    """The schema as single statements for one backend's type names."""
    text = _DDL.format(json=json_type, double=double_type, ts=ts_type)
    return [s.strip() for s in text.split(";") if s.strip()]


# --- columns ----------------------------------------------------------------------------

ARTICLE_COLS = ("id", "hash", "title", "source", "url", "published", "language", "origin", "meta", "text", "stored_at")
SEGMENT_COLS = ("article_id", "idx", "kind", '"start"', '"end"', "text", "own_date")
SKIP_COLS = ("origin", "reason", "stage", "article_id", '"at"', "detail")
MENTION_COLS = (
    "id", "article_id", "segment", "event_type", "sub_event_type", '"trigger"', "trigger_start", "trigger_end",
    "sentence", "sentence_start", "sentence_end", "actor1_id", "actor1_name", "actor2_id", "actor2_name", "country",
    "admin1", "location_name", "geonameid", "lat", "lon", "event_date", "date_last", "fatalities", "modality",
    "confidence", "record",
)
EVIDENCE_COLS = (
    "mention_id", "field", '"start"', '"end"', "text", "sentence_start", "sentence_end", "confidence", "method",
)
EVENT_COLS = (
    "id", "event_date", "date_last", "time_precision", "event_type", "sub_event_type", '"trigger"', "actor1_id",
    "actor1_name", "actor2_id", "actor2_name", "inter1", "inter2", "country", "admin1", "admin1_code",
    "location_name", "geonameid", "lat", "lon", "geo_precision", "fatalities", "modality", "attributed_to",
    "num_mentions", "num_sources", "num_articles", "sources", "confidence", "record",
)
JUDGEMENT_COLS = (
    "event_id", "agreement_id", "status", "violator", "against", '"date"', "country", "admin1", "fatalities",
    "reason", "record",
)


def insert_sql(table: str, cols: tuple[str, ...], conflict: str = "", nrows: int = 1) -> str:
    """``INSERT`` of ``nrows`` rows with ``?`` placeholders (backends translate the parameter style)."""
    one = "(" + ", ".join("?" for _ in cols) + ")"
    values = ", ".join(one for _ in range(nrows))
    return f"INSERT INTO {table} ({', '.join(cols)}) VALUES {values}{(' ' + conflict) if conflict else ''}"


#: Insert-or-replace of events by id (both backends support ``ON CONFLICT .. DO UPDATE``).
EVENT_CONFLICT = "ON CONFLICT (id) DO UPDATE SET " + ", ".join(
    f"{c} = EXCLUDED.{c}" for c in EVENT_COLS if c != "id"
)


def dumps(value: Any) -> str:
    """JSON text for a record column (dates and other odd values as strings)."""
    return json.dumps(value, ensure_ascii=False, default=str, separators=(",", ":"))


def loads(value: Any) -> Any:
    """A JSON column's value as Python data (DuckDB returns text, psycopg parsed JSONB)."""
    if value is None:
        return None
    if isinstance(value, (str, bytes, bytearray)):
        return json.loads(value)
    return value


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


# --- objects -> rows ----------------------------------------------------------------------


def article_row(a: Article) -> tuple[Any, ...]:
    return (a.id, a.hash, a.title, a.source, a.url, a.published, a.language, a.origin,
            dumps(to_record(a.meta or {})), a.text, now())


def segment_rows(a: Article) -> list[tuple[Any, ...]]:
    return [(a.id, i, s.kind.value, s.start, s.end, s.text, s.own_date) for i, s in enumerate(a.segments)]


def skip_row(s: Skip) -> tuple[Any, ...]:
    return (s.origin, s.reason, s.stage, s.article_id, now(), s.detail or None)


def _common(f: EventFields) -> dict[str, Any]:
    loc = f.location
    place = place_fields(loc.place if loc else None)
    date = f.date
    first = date.first if date else None
    return {
        "actor1_id": f.actor1.actor_id if f.actor1 else None,
        "actor1_name": (f.actor1.name or f.actor1.text) if f.actor1 else None,
        "actor2_id": f.actor2.actor_id if f.actor2 else None,
        "actor2_name": (f.actor2.name or f.actor2.text) if f.actor2 else None,
        "inter1": f.actor1.inter if f.actor1 else None,
        "inter2": f.actor2.inter if f.actor2 else None,
        "country": place["country"],
        "admin1": place["admin1"],
        "admin1_code": place["admin1_code"],
        "location_name": place["name"] if loc and loc.place else (loc.text if loc else None),
        "geonameid": place["geonameid"],
        "lat": place["lat"],
        "lon": place["lon"],
        "geo_precision": loc.geo_precision if loc else None,
        "event_date": first,
        "date_last": (date.last or first) if date else None,
        "time_precision": date.time_precision if date else None,
    }


def event_columns(f: EventFields) -> dict[str, Any]:
    """The typed columns an event or mention is filtered by (dates, place, actors)."""
    return _common(f)


def mention_row(m: Mention) -> tuple[Any, ...]:
    c = _common(m)
    return (
        m.id, m.article_id, m.segment.value, m.event_type, m.sub_event_type, m.trigger, m.trigger_start,
        m.trigger_end, m.sentence, m.sentence_start, m.sentence_end, c["actor1_id"], c["actor1_name"],
        c["actor2_id"], c["actor2_name"], c["country"], c["admin1"], c["location_name"], c["geonameid"], c["lat"],
        c["lon"], c["event_date"], c["date_last"], m.fatalities, m.modality.value, m.confidence,
        dumps(to_record(m)),
    )


def evidence_rows(m: Mention) -> list[tuple[Any, ...]]:
    return [
        (m.id, e.field, e.start, e.end, e.text, e.sentence_start, e.sentence_end, e.confidence, e.method)
        for e in m.evidence
    ]


def event_row(ev: Event) -> tuple[Any, ...]:
    c = _common(ev)
    return (
        ev.id, c["event_date"], c["date_last"], c["time_precision"], ev.event_type, ev.sub_event_type, ev.trigger,
        c["actor1_id"], c["actor1_name"], c["actor2_id"], c["actor2_name"], c["inter1"], c["inter2"], c["country"],
        c["admin1"], c["admin1_code"], c["location_name"], c["geonameid"], c["lat"], c["lon"], c["geo_precision"],
        ev.fatalities, ev.modality.value, ev.attributed_to, ev.num_mentions, ev.num_sources, ev.num_articles,
        "\n".join(sorted(set(ev.sources))), ev.confidence, dumps(to_record(ev)),
    )


def judgement_row(v: Violation) -> tuple[Any, ...]:
    return (
        v.event_id, v.agreement_id, v.status.value, v.violator, v.against, v.date, v.country, v.admin1,
        v.fatalities, v.reason, dumps(to_record(v)),
    )


# --- rows -> objects ----------------------------------------------------------------------


def article_from_row(row: tuple[Any, ...], segments: list[tuple[Any, ...]]) -> Article:
    aid, hash_, title, source, url, published, language, origin, meta, text = row[:10]
    segs = [
        Segment(kind=SegmentKind(kind), start=start, end=end, text=stext, own_date=_date(own))
        for kind, start, end, stext, own in segments
    ]
    return Article(
        id=aid, text=text, title=title, source=source, url=url, published=_date(published), language=language,
        origin=origin, meta=loads(meta) or {}, segments=segs, hash=hash_,
    )


def _date(value: Any) -> dt.date | None:
    if value is None or (isinstance(value, dt.date) and not isinstance(value, dt.datetime)):
        return value
    if isinstance(value, dt.datetime):
        return value.date()
    return dt.date.fromisoformat(str(value))
