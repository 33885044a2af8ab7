"""What both importers share: reading CSV rows, actor names to dictionary actors, places and counts."""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from trucewatch.model import ActorRef, Count, Evidence, Place, Skip


class ImportFormatError(ValueError):
    """A file that is not the format asked for (missing columns, not CSV)."""


def read_rows(path: str | Path, required: set[str], what: str) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row) for each CSV row; the header must hold ``required``."""
    p = Path(path)
    try:
        handle = p.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise ImportFormatError(f"{p}: cannot read: {exc}") from exc
    with handle:
        reader = csv.DictReader(handle)
        header = set(reader.fieldnames or ())
        missing = sorted(required - header)
        if missing:
            raise ImportFormatError(
                f"{p}: not a {what} CSV file: missing column(s) {', '.join(missing)}"
                + (f" (found {', '.join(sorted(header)[:12])})" if header else " (empty file)")
            )
        for row in reader:
            yield reader.line_num, {k: (v or "").strip() for k, v in row.items() if k}


_PAREN = re.compile(r"^(?P<core>.*?)\s*\((?P<paren>[^()]*)\)\s*$")
_STATE = re.compile(r"^(?:the\s+)?(?:government|military forces|armed forces) of (?:the\s+)?(?P<country>.+)$", re.I)


def actor_ref(name: str, dictionary: Any, on: dt.date | None, country: str | None) -> ActorRef | None:
    """A dataset's actor name as a dictionary actor when it can be matched, else kept as text.

    Tried in order: the name; the name without a trailing "(...)" (ACLED's "(2000-)", "(Syria)": a country
    there also sets the country); both halves of "ABBR: Name"; the part before a "(" inside the name (the
    force a unit belongs to); "Government of X" / "Military Forces of X" as X's military. Each is resolved
    with the dictionary (aliases, renamed organisations by date, country + role).
    """
    text = name.strip()
    if not text:
        return None
    countries = dictionary.countries
    core, where = text, country
    m = _PAREN.match(text)
    if m:
        core = m.group("core").strip() or text
        iso = countries.lookup(m.group("paren").strip())
        where = iso or country
    tries = [text, core]
    if ": " in core:  # ACLED's "QSD: Syrian Democratic Forces"
        tries += [core.split(": ", 1)[1], core.split(": ", 1)[0]]
    if "(" in core:  # "Military Forces of Syria (2000-) Tiger Paramilitary Forces": the force the unit is part of
        tries.append(core.split("(", 1)[0].strip())
    actor = next((a for t in tries if t and (a := dictionary.resolve(t, on=on, country=where))), None)
    if actor is None:
        s = _STATE.match(core)
        iso = countries.lookup(s.group("country").strip()) if s else None
        if iso:
            actor = dictionary.generic("military", iso)
    if actor is None:
        return ActorRef(text=text, start=0, end=0, name=text, country=where, confidence=0.0)
    return actor.mention(text, 0, 0, 1.0)


def actor_refs(names: list[str], dictionary: Any, on: dt.date | None, country: str | None) -> list[ActorRef]:
    refs = [actor_ref(n, dictionary, on, country) for n in names]
    return [r for r in refs if r is not None]


def number(value: str, what: str, *, kind: type = float) -> Any:
    if value == "":
        return None
    try:
        return kind(float(value)) if kind is int else kind(value)
    except ValueError as exc:
        raise ValueError(f"{what} {value!r} is not a number") from exc


def place(name: str, country: str, lat: float, lon: float, admin1: str, admin2: str) -> Place:
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise ValueError(f"coordinates {lat}, {lon} out of range")
    return Place(
        geonameid=0,  # not a GeoNames place: the dataset's own point
        name=name or admin2 or admin1 or country,
        country=country,
        lat=lat,
        lon=lon,
        feature_class="",
        feature_code="",
        admin1=admin1 or None,
        admin2=admin2 or None,
    )


def killed(best: int | None, low: int | None = None, high: int | None = None) -> list[Count]:
    if best is None:
        return []
    return [Count("killed", "unknown", best, low=low, high=high, qualifier="exact", text="")]


def provenance(text: str, method: str) -> Evidence:
    """An evidence record naming the dataset row an imported event came from."""
    return Evidence("source", 0, 0, text, 0, 0, 1.0, method=method)


def skip(path: str | Path, line: int, reason: str) -> Skip:
    return Skip(origin=f"{path}:{line}", reason=reason, stage="import")
