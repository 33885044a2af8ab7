"""Where and when an agreement applies: its period in its own time zone, its countries, provinces, polygon."""

from __future__ import annotations

import datetime as dt

from trucewatch.model import Agreement, Event

from .terms import Terms, admin1_matches


def local_date(moment: dt.datetime) -> dt.date:
    """The calendar day of an agreement's start/end in the agreement's own time zone.

    Events carry dates, not times: every event on the start day counts as inside the period, so an
    agreement starting at midday counts that whole day.
    """
    return moment.date()


def place_info(event: Event) -> tuple[str | None, str | None, str | None, float | None, float | None]:
    loc = event.location
    place = loc.place if loc else None
    if place is None:
        return None, None, None, None, None
    return place.country, place.admin1_code, place.admin1, place.lat, place.lon


def in_polygon(lon: float, lat: float, geometry: dict) -> bool:
    """Ray casting over a GeoJSON Polygon or MultiPolygon (holes honoured)."""

    def ring_has(ring: list) -> bool:
        inside = False
        n = len(ring)
        for i in range(n):
            x1, y1 = ring[i][0], ring[i][1]
            x2, y2 = ring[(i + 1) % n][0], ring[(i + 1) % n][1]
            if (y1 > lat) != (y2 > lat) and lon < (x2 - x1) * (lat - y1) / (y2 - y1) + x1:
                inside = not inside
        return inside

    polys = geometry["coordinates"] if geometry.get("type") == "MultiPolygon" else [geometry["coordinates"]]
    for rings in polys:
        if rings and ring_has(rings[0]) and not any(ring_has(h) for h in rings[1:]):
            return True
    return False


def outside(event: Event, agreement: Agreement, terms: Terms, ignore_dates: bool) -> str | None:
    """Why the event is outside the agreement's period or area, or None."""
    day = event.date.first if event.date else None
    if not ignore_dates:
        if day is None:
            return "no date: the event cannot be placed in the agreement's period"
        start = local_date(agreement.start)
        last = event.date.last if event.date and event.date.last else day
        if last < start:
            return f"outside dates: {day.isoformat()} is before the agreement started on {start.isoformat()}"
        if agreement.end is not None and day > local_date(agreement.end):
            return f"outside dates: {day.isoformat()} is after the agreement ended on {local_date(agreement.end)}"
    country, code, name, lat, lon = place_info(event)
    if country is None:
        return "outside area: the event has no resolved location"
    if agreement.countries and country.upper() not in agreement.countries:
        return f"outside area: {country} is not in {', '.join(agreement.countries)}"
    if agreement.admin1 and not any(admin1_matches(c, code, name, terms) for c in agreement.admin1):
        return f"outside area: {name or code or 'unknown province'} is not in {', '.join(agreement.admin1)}"
    if (
        agreement.polygon
        and lat is not None
        and lon is not None
        and not in_polygon(lon, lat, agreement.polygon)
    ):
        return f"outside area: ({lat:.3f}, {lon:.3f}) is outside the agreement's polygon"
    return None
