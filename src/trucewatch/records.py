"""Flat records of places and events: the one flattener behind ``trucewatch.extract`` (``library``),
``places.geoparse`` (``places.api``), the ACLED-style export (``export.acled``) and the store's place columns.

``place_fields`` flattens a gazetteer entry; ``where`` flattens an event's location once (place, country
codes and names, coordinates, precision), and each record picks and names its columns from it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from trucewatch.model import EventFields, Place


def place_fields(p: Place | None) -> dict[str, Any]:
    """A gazetteer entry's fields (all ``None`` without one), as ``places.geoparse`` reports them."""
    return {
        "geonameid": p.geonameid if p else None,
        "name": p.name if p else None,
        "country": p.country if p else None,
        "lat": p.lat if p else None,
        "lon": p.lon if p else None,
        "feature_class": p.feature_class if p else None,
        "feature_code": p.feature_code if p else None,
        "admin1": p.admin1 if p else None,
        "admin1_code": p.admin1_code if p else None,
    }


@dataclass(frozen=True, slots=True)
class Where:
    """An event's location, flattened: ``None`` for what is unknown."""

    place: dict[str, Any]  # ``place_fields`` of the resolved place
    iso2: str | None  # ISO 3166-1 alpha-2 ("SY")
    iso: int | None  # ISO numeric (ACLED's ``iso``)
    iso3: str | None
    country: str | None  # English name, else the ISO2 code
    region: str  # ACLED region ("" when unknown)
    admin2: str | None
    location: str | None  # the place's name, else the text naming it
    geo_precision: int | None


def where(ev: EventFields) -> Where:
    """The flattened location of an event or mention."""
    from trucewatch.countries import country

    loc = ev.location
    p = loc.place if loc else None
    iso2 = p.country if p else None
    info = country(iso2)
    return Where(
        place=place_fields(p),
        iso2=iso2,
        iso=info.get("numeric"),
        iso3=info.get("iso3"),
        country=info.get("name") or iso2,
        region=info.get("region", ""),
        admin2=p.admin2 if p else None,
        location=p.name if p else (loc.text if loc else None),
        geo_precision=loc.geo_precision if loc else None,
    )
