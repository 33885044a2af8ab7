"""The text's own place hierarchy: "X, Y", "X (Y, Z)", "X in Y", "X district, Y", "X in the Y countryside".

A place written with its division or country is one of the candidates inside that division: the
candidates of the inner name are cut to those the outer name contains (by division code, or by
distance for a town or district named as the outer place), before population or country priors
are weighed. An inner name none of whose candidates lies inside, and none of them well known, is a
place the gazetteer lacks (a village): it is dropped rather than read as a namesake abroad when it
is matched only by transliteration or is a small place written inside a well-known division or city.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Protocol

import numpy as np

from trucewatch.config import settings
from trucewatch.lexicon import lexicon
from trucewatch.places.gazetteer import Gazetteer
from trucewatch.places.normalize import plain_key

_LEX = lexicon()
#: "X, Y" / "X district, Y" / "X village, in Y"
_COMMA = _LEX.regex("hierarchy_comma")
#: "X (Y" / "X village (Y" / "X (unknown district, Y"
_PAREN = _LEX.regex("hierarchy_paren")
#: "X in Y" / "X village in the northern Y" / "X in the countryside of Y" / "X, in southern Y"
_IN = _LEX.regex("hierarchy_in")
#: "X north of Y" / "X, located south-east of the town of Y" / "X near Y": X lies close to Y
_SIDE_OF = _LEX.regex("hierarchy_side_of")
#: A gap opening on a kind word ("X district, Y") writes a strict hierarchy.
_KIND_START = re.compile(r"^\s*" + _LEX.regex("place_kind").pattern, re.IGNORECASE)
#: "X neighbourhood, in Y" / "X, in western Y city": X is a part of the town Y, not a village near it.
_CITY_PART = _LEX.words("city_part_kinds")
_CITY = _LEX.words("city_kinds")
_NEXT_WORD = re.compile(r"[ \t]+([A-Za-z]+)")


class _Item(Protocol):
    text: str
    start: int
    end: int
    rows: tuple[int, ...]
    exact: bool
    label: str


@dataclass(slots=True)
class Link:
    inner: int  # item indices
    outer: int
    strict: bool  # parentheses, "in", "district, Y": a written hierarchy, not maybe a list
    beside: bool = False  # "X north of Y", "X near Y": X lies close to Y (Y is not cut)


def links(items: list[_Item], text: str) -> list[Link]:
    """Inner/outer pairs among consecutive toponyms (offsets into ``text``)."""
    out: list[Link] = []
    side_of = "side of" not in settings().places_steps_off
    for k in range(len(items) - 1):
        a, b = items[k], items[k + 1]
        if "DEMONYM" in (a.label, b.label) or b.start < a.end:
            continue
        gap = text[a.end : b.start]
        if len(gap) > 60 or "\n" in gap:
            continue
        if _PAREN.match(gap) or _IN.match(gap):
            out.append(Link(k, k + 1, True))
        elif side_of and _SIDE_OF.match(gap):  # step "side of": a loose hierarchy, never drops the inner name
            out.append(Link(k, k + 1, False, beside=True))
        elif _COMMA.match(gap):
            # "X (Y, Z)": Z holds X too; "X district, Y" is written as a hierarchy
            in_paren = "(" in text[max(0, a.start - 2) : a.start] or any(
                lk.outer == k and lk.strict for lk in out
            )
            strict = bool(_KIND_START.match(gap)) or in_paren
            out.append(Link(k, k + 1, strict))
            for lk in [lk for lk in out if lk.outer == k]:
                out.append(Link(lk.inner, k + 1, lk.strict))
    return out


def _km(lat1: np.ndarray, lon1: np.ndarray, lat2: np.ndarray, lon2: np.ndarray) -> np.ndarray:
    p1, p2 = np.radians(lat1)[:, None], np.radians(lat2)[None, :]
    dl = np.radians(lon2)[None, :] - np.radians(lon1)[:, None]
    a = np.sin((p2 - p1) / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return 6371.0 * 2 * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))


def containment(
    gaz: Gazetteer, inner: tuple[int, ...], outer: tuple[int, ...], near_km: float | None = None
) -> np.ndarray:
    """(len(inner), len(outer)) scores: 1 the outer division or country holds the inner place, 0.9 (the
    setting ``places_contained``) the outer town or district lies within ``near_km`` (``places_near_km``) of it,
    0 otherwise."""
    if not inner or not outer:
        return np.zeros((len(inner), len(outer)))
    s = settings()
    ii, oo = np.array(inner), np.array(outer)
    same_cc = np.array([[gaz.country[i] == gaz.country[o] for o in oo] for i in ii])
    itself = ii[:, None] == oo[None, :]  # "Colombo (Colombo, Western)": a town coded to its own district
    codes = [gaz.fcode(o) for o in oo]
    is_country = np.array([c.startswith("PCL") for c in codes])
    is_adm1 = np.array([c == "ADM1" for c in codes])
    same_a1 = (gaz.admin1[ii][:, None] == gaz.admin1[oo][None, :]) & (gaz.admin1[ii][:, None] >= 0)
    inner_is_adm1 = np.array([gaz.fcode(i) == "ADM1" for i in ii])[:, None]
    near = _km(
        gaz.lat[ii].astype(np.float64), gaz.lon[ii].astype(np.float64),
        gaz.lat[oo].astype(np.float64), gaz.lon[oo].astype(np.float64),
    ) <= (s.places_near_km if near_km is None else near_km)  # fmt: skip
    score = np.where(is_country[None, :], 1.0, 0.0)
    score = np.where(is_adm1[None, :], np.where(same_a1 & ~inner_is_adm1 & ~itself, 1.0, 0.0), score)
    score = np.where(is_country[None, :] & itself, 0.0, score)
    local = ~(is_country | is_adm1)[None, :]
    score = np.where(local & near & ~inner_is_adm1, s.places_contained, score)
    if near_km is None:  # "X in al-Hasakeh": a seat named like its division stands for the division
        seat = np.array([_seat_of_namesake(gaz, o) for o in oo])
        score = np.where(seat[None, :] & same_a1 & ~inner_is_adm1, 1.0, score)
    return np.where(same_cc, score, 0.0)


def _seat_of_namesake(gaz: Gazetteer, row: int) -> bool:
    """The town is the seat of a first-level division named like it (Aleppo, Idlib, Al Hasakah)."""
    a1 = int(gaz.admin1[row])
    if gaz.fclass(row) != "P" or a1 < 0 or gaz.admin1_capital[a1] != row or gaz.admin1_row[a1] < 0:
        return False
    div, town = plain_key(gaz.names[gaz.admin1_row[a1]]), plain_key(gaz.names[row])
    return town in div or SequenceMatcher(None, div, town).ratio() >= settings().places_alike


#: a place ``places_well_known_pop`` populous under its own name is known well enough to stand against its
#: written container


def _well_known(gaz: Gazetteer, row: int, item: _Item) -> bool:
    """A division, or a town of ``places_well_known_pop``, under this name or one spelled all but alike
    ("Middle Shabelle" for Middle Shabele)."""
    s = settings()
    named = gaz.is_exact(row, item.text) or (
        SequenceMatcher(None, plain_key(gaz.names[row]), plain_key(item.text)).ratio() >= s.places_alike
    )
    return named and (gaz.fclass(row) == "A" or int(gaz.population[row]) >= s.places_well_known_pop)


def _loose_only(gaz: Gazetteer, item: _Item) -> bool:
    """Matched only by transliteration (an alternate name, "Ashqelon" for Ashkelon, is an exact match)."""
    return not item.exact and not any(gaz.is_exact(r, item.text) for r in item.rows)


def _abroad(gaz: Gazetteer, inner: _Item, outer: _Item) -> bool:
    """No candidate of the inner name lies in a country of the outer name's candidates."""
    countries = {gaz.country[o] for o in outer.rows}
    return not any(gaz.country[i] in countries for i in inner.rows)


def _other_division(gaz: Gazetteer, inner: tuple[int, ...], outer: tuple[int, ...], text: str) -> bool:
    """The text writes the inner name inside a first-level division by its own name, and every candidate of
    the inner name lies in another first-level division of that country ("X camp in Y State" with only an X
    of another state known): the X meant is a place the gazetteer lacks, not the namesake."""
    divisions = [o for o in outer if gaz.fcode(o) == "ADM1" and gaz.is_exact(o, text)]
    return bool(divisions) and all(
        any(gaz.country[i] == gaz.country[o] and 0 <= gaz.admin1[i] != gaz.admin1[o] for o in divisions)
        for i in inner
    )


def _word_after(text: str, end: int) -> str:
    m = _NEXT_WORD.match(text, end)
    return m.group(1).lower() if m else ""


def city_part(text: str, inner: _Item, outer: _Item) -> bool:
    """The text writes the inner place as a part of the outer town: the inner is a neighbourhood, street or
    square ("X neighbourhood in Y"), or the outer is written as a city ("X, in western Y city")."""
    return _word_after(text, inner.end) in _CITY_PART or _word_after(text, outer.end) in _CITY


def _beside(gaz: Gazetteer, a: _Item, b: _Item) -> None:
    """Step "side of": "X north of Y" keeps X's readings near one of Y's well-known readings (a division or a
    big town under Y's name); X matched only by transliteration with none near is a place the gazetteer lacks."""
    anchors = tuple(r for r in b.rows if _well_known(gaz, r, b))
    if not anchors:
        return
    score = containment(gaz, a.rows, anchors)
    inside = score.max(axis=1) >= settings().places_contained
    if inside.any():
        a.rows = tuple(r for r, ok in zip(a.rows, inside, strict=True) if ok)
    elif _loose_only(gaz, a):
        a.rows = ()


def constrain(gaz: Gazetteer, items: list[_Item], text: str | None) -> list[Link]:
    """Cut each inner name's rows to those inside its written container (and the container's rows to
    those holding one of them); drop an inner name of a strict hierarchy that has no such row."""
    if text is None:
        return []
    found = links(items, text)
    for lk in sorted(found, key=lambda lk: (-lk.outer, -lk.inner)):
        a, b = items[lk.inner], items[lk.outer]
        if not a.rows or not b.rows:
            continue
        if lk.beside:
            _beside(gaz, a, b)
            continue
        if not lk.strict and any(gaz.fclass(r) == "A" and gaz.is_exact(r, a.text) for r in a.rows):
            continue  # "Russia, U.S. officials said": a list of countries or divisions, not "Paris, Texas"
        # step "city part": a neighbourhood of a town lies within ``places_city_km`` of it, not 60 km away
        near_km = settings().places_city_km if lk.strict and city_part(text, a, b) else None
        score = containment(gaz, a.rows, b.rows, near_km)
        if near_km is not None and _word_after(text, b.end) in _CITY:  # "Y city": the town, not its province
            score[:, [gaz.fclass(o) != "P" for o in b.rows]] = 0.0
        inside = score.max(axis=1) >= settings().places_contained
        if inside.any():
            a.rows = tuple(r for r, ok in zip(a.rows, inside, strict=True) if ok)
            holds = score[inside].max(axis=0) >= settings().places_contained
            b.rows = tuple(r for r, ok in zip(b.rows, holds, strict=True) if ok)
        elif lk.strict:
            # one of the two is misread: a transliteration-only match, or a small place written inside a
            # well-known division or city it is not in ("Eastleigh (Kamukunji, Nairobi)")
            if _loose_only(gaz, a) or _other_division(gaz, a.rows, b.rows, b.text) or (
                any(_well_known(gaz, r, b) for r in b.rows)
                and not any(_well_known(gaz, r, a) for r in a.rows)
                and (_abroad(gaz, a, b) or not _loose_only(gaz, b))
            ):
                a.rows = ()
            elif _loose_only(gaz, b):
                b.rows = ()
    return found
