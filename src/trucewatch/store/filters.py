"""``EventFilter`` -> SQL ``WHERE`` clause with ``?`` placeholders (shared by both backends)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from trucewatch.store.base import ORDERS, EventFilter

_ORDER_SQL = {
    "date": "e.event_date ASC NULLS LAST, e.id",
    "-date": "e.event_date DESC NULLS LAST, e.id",
    "fatalities": "e.fatalities DESC NULLS LAST, e.event_date ASC NULLS LAST, e.id",
}


def like(text: str) -> str:
    """A substring pattern for ``ILIKE ? ESCAPE '\\'`` with the user's ``%``/``_`` taken literally."""
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


_ILIKE = "ILIKE ? ESCAPE '\\'"


def date_overlap(first: dt.date | None, last: dt.date | None) -> tuple[list[str], list[Any]]:
    """Events whose ``event_date..date_last`` overlaps ``first..last``."""
    where: list[str] = []
    params: list[Any] = []
    if last is not None:
        where.append("e.event_date <= ?")
        params.append(last)
    if first is not None:
        where.append("e.date_last >= ?")
        params.append(first)
    return where, params


def bbox_clause(bbox: tuple[float, float, float, float]) -> tuple[str, list[Any]]:
    """Inside ``(west, south, east, north)``; west > east crosses the antimeridian."""
    west, south, east, north = (float(v) for v in bbox)
    if not (-90 <= south <= north <= 90):
        raise ValueError(f"bbox must be (west, south, east, north) with south <= north, got {bbox}")
    if west <= east:
        return "(e.lat BETWEEN ? AND ? AND e.lon BETWEEN ? AND ?)", [south, north, west, east]
    return "(e.lat BETWEEN ? AND ? AND (e.lon >= ? OR e.lon <= ?))", [south, north, west, east]


def in_block(
    cols: tuple[Any, ...], first: dt.date, last: dt.date, countries: set[str],
    bbox: tuple[float, float, float, float] | None,
) -> bool:
    """The test of a dedup block (``date_overlap`` and ``bbox_clause`` of ``SqlStore.candidate_events``) in
    Python, on an event's (event_date, date_last, country, lat, lon)."""
    start, end, country, lat, lon = cols
    if start is None or end is None or start > last or end < first:
        return False
    if not countries and bbox is None:
        return True
    if country is not None and country in countries:
        return True
    if bbox is None or lat is None or lon is None:
        return False
    west, south, east, north = (float(v) for v in bbox)
    if not south <= float(lat) <= north:
        return False
    lon = float(lon)
    return west <= lon <= east if west <= east else (lon >= west or lon <= east)


def where(flt: EventFilter | None) -> tuple[str, list[Any]]:
    """``WHERE ...`` (or ``""``) over the events table aliased ``e``."""
    if flt is None:
        return "", []
    parts, params = date_overlap(flt.date_from, flt.date_to)
    if flt.country:
        parts.append("e.country = ?")
        params.append(flt.country.upper())
    if flt.admin1:
        parts.append("(lower(e.admin1) = lower(?) OR lower(e.admin1_code) = lower(?))")
        params += [flt.admin1, flt.admin1]
    for col, value in (("event_type", flt.event_type), ("sub_event_type", flt.sub_event_type),
                       ("modality", flt.modality)):
        if value:
            parts.append(f"e.{col} = ?")
            params.append(value)
    if flt.actor:
        pat = like(flt.actor)
        parts.append(f"(e.actor1_id = ? OR e.actor2_id = ? OR e.actor1_name {_ILIKE} OR e.actor2_name {_ILIKE})")
        params += [flt.actor, flt.actor, pat, pat]
    if flt.bbox is not None:
        clause, bparams = bbox_clause(flt.bbox)
        parts.append(clause)
        params += bparams
    if flt.source:
        # The event's source list, or the outlet of any article behind it.
        pat = like(flt.source)
        parts.append(
            f"(e.sources {_ILIKE} OR EXISTS (SELECT 1 FROM event_mentions em JOIN mentions m ON m.id = em.mention_id "
            f"JOIN articles a ON a.id = m.article_id WHERE em.event_id = e.id AND a.source {_ILIKE}))"
        )
        params += [pat, pat]
    if flt.agreement or flt.status:
        cond = ["j.event_id = e.id"]
        if flt.agreement:
            cond.append("j.agreement_id = ?")
            params.append(flt.agreement)
        if flt.status:
            cond.append("j.status = ?")
            params.append(flt.status)
        parts.append(f"EXISTS (SELECT 1 FROM judgements j WHERE {' AND '.join(cond)})")
    if flt.q:
        pat = like(flt.q)
        parts.append(
            f'(e."trigger" {_ILIKE} OR EXISTS (SELECT 1 FROM event_mentions em JOIN mentions m '
            f"ON m.id = em.mention_id WHERE em.event_id = e.id AND m.sentence {_ILIKE}))"
        )
        params += [pat, pat]
    return (" WHERE " + " AND ".join(parts)) if parts else "", params


def order_by(order: str) -> str:
    if order not in _ORDER_SQL:
        raise ValueError(f"order must be one of {', '.join(ORDERS)}, got {order!r}")
    return " ORDER BY " + _ORDER_SQL[order]
