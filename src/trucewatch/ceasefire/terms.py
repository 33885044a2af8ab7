"""Agreements as data: load and validate YAML files against ``data/agreements/schema.json``.

An agreement file fills a :class:`trucewatch.model.Agreement`; :func:`terms_for` derives the lookup tables
the judge needs (normalised province names, display names) from it, cached per agreement.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from trucewatch.lexicon import lexicon
from trucewatch.model import ACLED_SUBTYPE_PARENT, ACLED_TYPES, Agreement, ContestedArea, Party

DATA_DIR = Path(__file__).resolve().parents[1] / "data" / "agreements"
SCHEMA_PATH = DATA_DIR / "schema.json"


class AgreementError(ValueError):
    """An agreement file that cannot be read or does not follow the schema."""


@dataclass(slots=True)
class Terms:
    """Terms of an agreement beyond the fields of ``model.Agreement``."""

    excluded_sides: tuple[str, ...] = ()
    contested: tuple[ContestedArea, ...] = ()
    generic_actors: tuple[str, ...] = ()
    #: ISO 3166-2 code -> normalised names (own spellings plus pycountry's name).
    admin1_names: dict[str, frozenset[str]] = field(default_factory=dict)
    #: ISO 3166-2 code -> the name shown in tables (first spelling in the file, else pycountry's)
    admin1_display: dict[str, str] = field(default_factory=dict)
    bbox: tuple[float, float, float, float] | None = None


_CACHE: dict[int, tuple[Agreement, Terms]] = {}

_STRIP_WORDS = lexicon().regex("province_word_regex")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_APOSTROPHES = re.compile("['\u2018\u2019\u02bb\u02bc\u02be\u02bf`]")


def norm_name(name: str) -> str:
    """Lower-case ASCII province name without "Province"/"Governorate", hyphens, apostrophes or "al-"."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    text = _STRIP_WORDS.sub(" ", _APOSTROPHES.sub("", text))
    text = _NON_ALNUM.sub(" ", text)
    words = [w for w in text.split() if w not in _ARTICLES]
    return " ".join(words)


#: The same forms places drop (this list had 12 of them; the 20 group every GeoNames and ISO 3166-2 province
#: name the same way, see tests/test_lexicon_decisions.py).
_ARTICLES = lexicon().words("arabic_articles")


@cache
def _schema() -> dict[str, Any]:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def _validate(data: Any, origin: str) -> None:
    import jsonschema

    validator = jsonschema.Draft202012Validator(_schema())
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        lines = []
        for err in errors[:10]:
            where = "/".join(str(p) for p in err.absolute_path) or "(top level)"
            lines.append(f"  {where}: {err.message}")
        raise AgreementError(f"{origin}: does not follow the agreement schema:\n" + "\n".join(lines))


def _parse_datetime(value: str | None, what: str, origin: str) -> dt.datetime | None:
    if value is None:
        return None
    try:
        parsed = dt.datetime.fromisoformat(str(value))
    except ValueError as exc:
        raise AgreementError(f"{origin}: {what} {value!r} is not an ISO 8601 date-time") from exc
    if parsed.tzinfo is None:
        raise AgreementError(
            f"{origin}: {what} {value!r} has no time zone; write the offset, e.g. 2016-02-27T00:00:00+02:00"
        )
    return parsed


def _check_types(types: list[str], origin: str) -> None:
    for t in types:
        if t not in ACLED_TYPES and t not in ACLED_SUBTYPE_PARENT:
            raise AgreementError(
                f"{origin}: violating type {t!r} is not an ACLED event_type or sub_event_type"
            )


def _subdivision_name(code: str) -> str | None:
    try:
        import pycountry
    except ImportError:  # names from the file still work
        return None
    sub = pycountry.subdivisions.get(code=code)
    return sub.name if sub is not None else None


def _terms(a: Agreement) -> Terms:
    codes = set(a.admin1) | set(a.admin1_names) | {c.admin1 for c in a.contested}
    names: dict[str, frozenset[str]] = {}
    display: dict[str, str] = {}
    for code in sorted(codes):
        spellings = list(a.admin1_names.get(code, ()))
        official = _subdivision_name(code)
        if official:
            spellings.append(official)
        names[code] = frozenset(n for n in (norm_name(s) for s in spellings) if n)
        if spellings:
            display[code] = spellings[0]
    return Terms(
        excluded_sides=tuple(a.excluded_sides),
        contested=tuple(a.contested),
        generic_actors=tuple(a.generic_actors),
        admin1_names=names,
        admin1_display=display,
        bbox=a.bbox,
    )


def agreement_from_dict(data: Any, origin: str = "<agreement>") -> Agreement:
    """Validate a parsed agreement document and build the Agreement (its Terms are registered)."""
    _validate(data, origin)
    start = _parse_datetime(data["start"], "start", origin)
    end = _parse_datetime(data.get("end"), "end", origin)
    assert start is not None
    if end is not None and end <= start:
        raise AgreementError(f"{origin}: end {end.isoformat()} is not after start {start.isoformat()}")
    _check_types(data["violating_types"], origin)
    area = data["area"]
    parties = tuple(
        Party(name=p["name"], actors=tuple(p.get("actors", ())), sides=tuple(p.get("sides", ())))
        for p in data["parties"]
    )
    agreement = Agreement(
        id=data["id"],
        name=data["name"],
        start=start,
        end=end,
        brokers=tuple(data.get("brokers", ())),
        parties=parties,
        excluded=tuple(data.get("excluded", {}).get("actors", ())),
        countries=tuple(area["countries"]),
        admin1=tuple(area.get("admin1", ())),
        polygon=area.get("polygon"),
        violating_types=tuple(data["violating_types"]),
        notes=data.get("notes", ""),
        excluded_sides=tuple(data.get("excluded", {}).get("sides", ())),
        generic_actors=tuple(data.get("generic_actors", ())),
        admin1_names={k: tuple(v) for k, v in data.get("admin1_names", {}).items()},
        contested=tuple(
            ContestedArea(
                admin1=c["admin1"],
                excluded_present=tuple(c.get("excluded_present", ())),
                first=_day(c.get("from")),
                last=_day(c.get("to")),
                note=c.get("note", ""),
            )
            for c in data.get("contested", [])
        ),
        bbox=tuple(float(v) for v in area["bbox"]) if area.get("bbox") else None,  # type: ignore[arg-type]
        status_rule=_status_rule(data.get("status"), origin),
    )
    return agreement


def _status_rule(values: Any, origin: str) -> dict[str, float]:
    """The agreement's ``status:`` settings, checked by building the rule's parameters from them."""
    from .trend import TrendParams

    values = dict(values or {})
    try:
        TrendParams.from_mapping(values)
    except (TypeError, ValueError) as exc:
        raise AgreementError(f"{origin}: {exc}") from exc
    return values


def _day(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def load_agreement_file(path: str | Path) -> Agreement:
    """Read one agreement YAML file; raises AgreementError naming the file and the problem."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise AgreementError(f"{p}: cannot read agreement file: {exc}") from exc
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise AgreementError(f"{p}: not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise AgreementError(f"{p}: an agreement file must be a YAML mapping, got {type(data).__name__}")
    return agreement_from_dict(data, str(p))


def package_files() -> list[Path]:
    return sorted(DATA_DIR.glob("*.yaml")) + sorted(DATA_DIR.glob("*.yml"))


def load_agreements(extra_paths: Iterable[str | Path] = ()) -> list[Agreement]:
    """The agreements shipped in ``data/agreements`` plus extra files or folders (later ids override)."""
    found: dict[str, Agreement] = {}
    paths: list[Path] = package_files()
    for extra in extra_paths:
        p = Path(extra)
        paths.extend(sorted(p.glob("*.y*ml")) if p.is_dir() else [p])
    for p in paths:
        a = load_agreement_file(p)
        found[a.id] = a
    return sorted(found.values(), key=lambda a: a.start)


def terms_for(agreement: Agreement) -> Terms:
    """Lookup tables for an agreement's terms, built once per agreement object."""
    key = id(agreement)
    hit = _CACHE.get(key)
    if hit is None or hit[0] is not agreement:
        hit = (agreement, _terms(agreement))
        _CACHE[key] = hit
    return hit[1]


def admin1_matches(code: str, place_code: str | None, place_name: str | None, terms: Terms) -> bool:
    """Whether an event's admin1 (ISO code and/or name) is the province ``code``."""
    if place_code and place_code.upper() == code.upper():
        return True
    if not place_name:
        return False
    names = terms.admin1_names.get(code)
    if names is None:
        official = _subdivision_name(code)
        names = frozenset({norm_name(official)}) if official else frozenset()
        terms.admin1_names[code] = names
    return norm_name(place_name) in names


def admin1_label(place_code: str | None, place_name: str | None, terms: Terms) -> str | None:
    """One name per province for tables: the agreement's display name when the province is known to it."""
    if place_code and place_code in terms.admin1_display:
        return terms.admin1_display[place_code]
    if place_name:
        key = norm_name(place_name)
        for code, names in terms.admin1_names.items():
            if key in names:
                return terms.admin1_display.get(code, place_name)
    return place_name or place_code
