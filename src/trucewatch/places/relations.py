"""Relative locations ("south of Aleppo", "Idlib countryside", "Homs province") and precision codes.

ACLED geo_precision: 1 the town itself, 2 near a town / outskirts / part of a region, 3 a region
(placed at the division's seat). UCDP where_prec: 1 exact place, 2 within ~25 km of a place,
3 second-order division / countryside, 4 first-order division, 5 part of a country, 6 country.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from trucewatch.lexicon import lexicon

_LEX = lexicon()

#: Patterns matched against the text just before a toponym (anchored at its start), and the relation each gives.
BEFORE: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(_LEX.regex(name).pattern + r"\s*$", re.IGNORECASE), rel)
    for name, rel in (
        ("relation_direction_of", "{dir} of"),
        ("relation_countryside_of", "countryside of"),
        ("relation_rural", "countryside of"),
        ("relation_outskirts_of", "outskirts of"),
        ("relation_outside", "outside"),
        ("relation_near", "near"),
        ("relation_province_of", "province"),
        ("relation_district_of", "district"),
        ("relation_directional_part", "{dir}"),
    )
)

#: Patterns matched against the text just after a toponym.
AFTER: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(r"^\s*" + _LEX.regex(name).pattern, re.IGNORECASE), rel)
    for name, rel in (
        ("relation_countryside_after", "countryside of"),
        ("relation_outskirts_after", "outskirts of"),
        ("relation_province_after", "province"),
        ("relation_district_after", "district"),
    )
)

_DIRECTIONAL = _LEX.regex("compass_start")


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
    {"RGN", "AREA", "MTS", "MT", "PLAT", "PEN", "ISL", "DSRT", "VAL", "OCN", "SEA", "GULF", "LK"}  # not vocabulary: GeoNames feature codes
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
