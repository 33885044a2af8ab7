"""Text cues next to a toponym that name its division or country: "Springfield, Ill.", "Tripoli, Lebanon".

Abbreviations of first-level divisions (AP style and postal codes, see ``abbrev``) are read here
only right after "<place>,", where they are unambiguous.
"""

from __future__ import annotations

import re

from trucewatch.places.abbrev import abbreviations, division_index
from trucewatch.places.gazetteer import Gazetteer
from trucewatch.places.match import DATELINE_TAIL

#: ", Ill." / ", Oregon" / ", W.Va." / ", New South Wales" right after a toponym
_QUALIFIER = re.compile(r",[ \t]*((?:[A-Z][A-Za-z'\-]*\.?)(?:[ \t]*[A-Z][A-Za-z'\-]*\.?){0,3})")

#: (country, admin1 index) pairs; admin1 index -1 when the qualifier is a whole country
Qualifier = frozenset[tuple[str, int]]


def qualifier(gaz: Gazetteer, text: str, end: int) -> Qualifier:
    """Divisions or countries named right after a toponym ending at ``end`` ("Paris, Texas")."""
    m = _QUALIFIER.match(text, end)
    if m is None:
        return frozenset()
    words = m.group(1).split()
    for n in range(len(words), 0, -1):
        q = " ".join(words[:n])
        ab = abbreviations().get(q)
        if ab is not None:
            ix = division_index(gaz, *ab)
            return frozenset({(ab[0], ix)}) if ix >= 0 else frozenset()
        found = set()
        for r in gaz.lookup_exact(q):
            code = gaz.fcode(r)
            if code == "ADM1" and gaz.admin1[r] >= 0:
                found.add((gaz.country[r], int(gaz.admin1[r])))
            elif code.startswith("PCL"):
                found.add((gaz.country[r], -1))
        if found:
            return frozenset(found)
    return frozenset()


def qualified(gaz: Gazetteer, row: int, qual: Qualifier) -> bool:
    """True when the place lies in one of the qualifier's divisions or countries (and is not it)."""
    cc = gaz.country[row]
    code = gaz.fcode(row)
    for q_cc, ix in qual:
        if q_cc != cc or code.startswith("PCL"):
            continue
        if ix < 0 or (code != "ADM1" and int(gaz.admin1[row]) == ix):
            return True
    return False


def at_dateline(text: str, start: int, end: int) -> bool:
    """A toponym that opens a line and is followed by a dateline tail ("BEIRUT (Reuters) -")."""
    line_start = start <= 2 or text[start - 1] == "\n"
    return line_start and bool(DATELINE_TAIL.match(text[end : end + 50]))
