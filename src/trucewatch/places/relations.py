"""Relative locations ("south of Aleppo", "Idlib countryside", "Homs province") and precision codes.

ACLED geo_precision: 1 the town itself, 2 near a town / outskirts / part of a region, 3 a region
(placed at the division's seat). UCDP where_prec: 1 exact place, 2 within ~25 km of a place,
3 second-order division / countryside, 4 first-order division, 5 part of a country, 6 country.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_DIR = r"(?:north|south|east|west)(?:[- ]?(?:east|west))?"
_DIST = r"(?:(?:some|about|around|nearly|roughly|a few|several|\d+(?:\.\d+)?)\s+(?:km|kms|kilometres|kilometers|miles|mi)\s+)?"
_OF_TYPE = r"(?:(?:the\s+)?(?:city|town|village|province|governorate|region|district|area|suburb|neighbourhood|neighborhood)\s+of\s+)?"

#: Patterns matched against the text just before a toponym (anchored at its start).
BEFORE: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p + r"\s*$", re.IGNORECASE), rel)
    for p, rel in (
        (rf"\b{_DIST}(?P<dir>{_DIR})\s+of\s+(?:the\s+)?{_OF_TYPE}", "{dir} of"),
        (
            rf"\b(?:the\s+)?(?:countryside|rural\s+areas?|farmlands?)\s+(?:of|around)\s+(?:the\s+)?{_OF_TYPE}",
            "countryside of",
        ),
        (r"\brural\s+", "countryside of"),
        (
            rf"\b(?:the\s+)?(?:outskirts|suburbs|edges?|environs|periphery)\s+of\s+(?:the\s+)?{_OF_TYPE}",
            "outskirts of",
        ),
        (r"\b(?:just\s+)?outside\s+(?:of\s+)?(?:the\s+)?", "outside"),
        (
            rf"\b(?:near|nearby|close\s+to|around|in\s+the\s+vicinity\s+of|not\s+far\s+from|{_DIST[3:-2]}\s+from)\s+(?:the\s+)?{_OF_TYPE}",
            "near",
        ),
        (r"\b(?:the\s+)?(?:province|governorate|region)\s+of\s+", "province"),
        (r"\b(?:the\s+)?district\s+of\s+", "district"),
        (r"\b(?P<dir>(?:north|south|east|west)(?:[- ]?(?:east|west))?ern|central)\s+", "{dir}"),
    )
)

#: Patterns matched against the text just after a toponym.
AFTER: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(r"^\s*" + p, re.IGNORECASE), rel)
    for p, rel in (
        (r"(?:'s\s+|\u2019s\s+)?(?:countryside|rural\s+areas|farmlands)\b", "countryside of"),
        (r"(?:'s\s+|\u2019s\s+)?(?:outskirts|suburbs|environs)\b", "outskirts of"),
        (r"(?:province|governorate|region|state)\b", "province"),
        (r"district\b", "district"),
    )
)

_DIRECTIONAL = re.compile(r"^(?:north|south|east|west)")


@dataclass(slots=True)
class Relation:
    relation: str | None
    #: characters the relation words take before/after the toponym (for evidence spans)
    before: int = 0
    after: int = 0


def find_relation(text: str, start: int, end: int, window: int = 60) -> Relation:
    """The relation words around ``text[start:end]``, if any (the closest pattern wins)."""
    after = text[end : end + 30]
    for pat, rel in AFTER:
        m = pat.match(after)
        if m:
            return Relation(rel, 0, m.end())
    before = text[max(0, start - window) : start]
    for pat, rel in BEFORE:
        m = pat.search(before)
        if m:
            name = rel.format(dir=m.group("dir").lower()) if "{dir}" in rel else rel
            return Relation(name, len(before) - m.start(), 0)
    return Relation(None)


#: Named areas that are not divisions: regions, mountains, islands, peninsulas, deserts, waters.
AREA_CODES = frozenset(
    {"RGN", "AREA", "MTS", "MT", "PLAT", "PEN", "ISL", "DSRT", "VAL", "OCN", "SEA", "GULF", "LK"}
)


def precision(relation: str | None, feature_code: str, multi_country: bool = False) -> tuple[int, int]:
    """(ACLED geo_precision, UCDP where_prec) for a relation to a place of a given feature code.

    ``multi_country``: a named area across borders (the Sahel, the Black Sea), UCDP's where_prec 7.
    """
    country = feature_code.startswith("PCL")
    division = feature_code.startswith("ADM")
    if feature_code == "CONT" or (feature_code in AREA_CODES and multi_country):
        return (3, 7)  # a continent, sea or cross-border region: no point finer than the area
    if feature_code in AREA_CODES:  # "Eastern Ghouta", "the Qalamoun mountains": an area of one country
        return (2, 3) if relation is None or relation == "district" else (2, 4)
    if relation is None:
        if feature_code == "ADM2":
            return (2, 3)
        return (3, 6) if country else (3, 4) if division else (1, 1)
    if relation == "province":
        return (3, 4)
    if relation == "district":
        return (2, 3)
    if relation == "countryside of":
        return (3, 5) if country else (2, 3)
    if relation.endswith("ern") or relation == "central":  # "eastern Syria", "northern Aleppo"
        return (3, 5) if country else (2, 4) if division else (1, 1)
    # "south of", "near", "outside", "outskirts of"
    return (3, 5) if country else (2, 4) if division else (2, 2)
