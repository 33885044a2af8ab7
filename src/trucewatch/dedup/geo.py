"""Distances and place precision, for comparing where two reports put an event."""

from __future__ import annotations

import math
import re

from unidecode import unidecode

from trucewatch.config import settings
from trucewatch.lexicon import lexicon
from trucewatch.model import EventFields, Location, Place

_LEX = lexicon()

EARTH_KM = 6371.0088

#: How far a place of each ACLED geo_precision may stand from the true spot (km) is the setting
#: ``dedup_tolerance_km``. ``dedup_urban_density``: people per square km assumed in a city's built-up area, a
#: dense urban core, so the extent estimated from the population errs on the small side (a city of 2 million
#: reaches about 8 km, a town of 40,000 about 1 km).

_ADMIN_WORDS = _LEX.regex("dedup_admin_words")


#: Transliterated Arabic articles ("al", "ez", "as"...), dropped before comparing names.
_ARTICLES = _LEX.words("two_letter_articles")


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(h)))


def place_of(x: EventFields) -> Place | None:
    return x.location.place if x.location is not None else None


def precision_of(loc: Location | None) -> int | None:
    """ACLED geo_precision, inferred from the feature class when the resolver left it empty."""
    if loc is None or loc.place is None:
        return None
    if loc.place.feature_class == "A":  # a division is a region, whatever precision the resolver gave it
        return max(loc.geo_precision or 3, 3)
    if loc.geo_precision:
        return loc.geo_precision
    return 1


def extent_km(place: Place) -> float:
    """Radius (km) of the area a populated place's name covers (its districts and suburbs), estimated from
    its population; 0 for other features or an unknown population."""
    if place.feature_class != "P" or place.population <= 0:
        return 0.0
    return math.sqrt(place.population / (math.pi * settings().dedup_urban_density))


def within_extent(a: Place, b: Place, dist_km: float) -> bool:
    """One place lies inside the area the other's name covers (a neighbourhood and its city)."""
    return dist_km <= max(extent_km(a), extent_km(b))


def admin_key(name: str | None) -> str:
    """'Idlib Governorate', 'Idleb province' and 'idlib' compare alike enough."""
    if not name:
        return ""
    text = unidecode(name).lower().replace("-", " ")
    text = _ADMIN_WORDS.sub(" ", text)
    text = re.sub(r"[^a-z ]", "", text)
    text = re.sub(r"(?<=[aeiou])h\b", "", text)  # Raqqah / Raqqa
    return " ".join(_skeleton(w) for w in text.split() if w not in _ARTICLES)


def _skeleton(word: str) -> str:
    """First letter and consonants, doubles collapsed: transliterations (Idleb / Idlib, Deraa / Daraa) meet."""
    out = word[:1]
    for ch in word[1:]:
        if ch in "aeiouwy" or ch == out[-1]:
            continue
        out += ch
    return out


def region_of(place: Place) -> str:
    """The first-level division a place lies in (itself for a division)."""
    if place.feature_class == "A" and place.feature_code in ("ADM1", "ADM1H"):
        return admin_key(place.name)
    return admin_key(place.admin1 or (place.name if place.feature_class == "A" else None))


def bbox_around(lat: float, lon: float, km: float) -> tuple[float, float, float, float]:
    """(west, south, east, north) of a square of half-side ``km`` around a point."""
    dlat = km / 111.32
    dlon = km / max(1e-6, 111.32 * math.cos(math.radians(lat)))
    return (lon - dlon, lat - dlat, lon + dlon, lat + dlat)
