"""Abbreviations of first-level divisions: AP style ("Ill.", "Ont.") and postal codes ("IL", "NSW").

They come from data/places/admin1_abbrev.csv (analyst-extendable) and map to the gazetteer's divisions.
"""

from __future__ import annotations

import functools

from trucewatch.places.gazetteer import Gazetteer
from trucewatch.places.normalize import loose_key
from trucewatch.places.sources import read_place_csv


@functools.cache
def abbreviations() -> dict[str, tuple[str, str]]:
    """Abbreviation as written -> (ISO country, division name)."""
    rows = read_place_csv("admin1_abbrev.csv", ("abbrev", "country", "admin1"))
    return {r["abbrev"]: (r["country"], r["admin1"]) for _, r in rows}


_DIVISIONS: dict[int, dict[tuple[str, str], int]] = {}


def division_index(gaz: Gazetteer, country: str, name: str) -> int:
    """The admin1 index of a named division of a country, -1 when unknown."""
    table = _DIVISIONS.get(id(gaz))
    if table is None:
        table = {}
        for ix, row in enumerate(gaz.admin1_row):
            if row >= 0:
                table.setdefault((gaz.country[row], loose_key(gaz.admin1_names[ix])), ix)
        _DIVISIONS.clear()
        _DIVISIONS[id(gaz)] = table
    return table.get((country, loose_key(name)), -1)


def abbreviation_rows(gaz: Gazetteer, surface: str, after: str = "") -> tuple[int, ...]:
    """ "Calif.", "Ont.", "NSW": a first-level division written the AP or postal way.

    A short form counts when it carries its dot ("Ky." or "Ky" followed by one) or is all
    capitals (callers decide when a short capitalised form may be a place at all).
    """
    form = surface.strip()
    forms = [form] if "." in form else []
    if "." not in form and after.startswith("."):
        forms.append(form + ".")
    if form.isupper() and 2 <= len(form) <= 4:
        forms.append(form)
    for f in forms:
        ab = abbreviations().get(f)
        ix = division_index(gaz, *ab) if ab is not None else -1
        if ix >= 0 and gaz.admin1_row[ix] >= 0:
            return (gaz.admin1_row[ix],)
    return ()
