"""Read quantity phrases: digits, number words, vague quantities, qualifiers and ranges.

The conservative rule (documented for analysts):
- "at least N", "more than N", "over N": low = N, best = N (the stated floor; N+1 is not invented).
- "up to N", "as many as N", "at most N", "fewer than N": high = N, best = N, low unknown
  (the only figure the text gives; qualifier "up_to" lets a monitor discount it).
- "about/around/some/nearly/almost/roughly N": best = N, qualifier "about".
- "between N and M", "N to M", "N-M": low = N, high = M, best = N (the lower figure, as ACLED codes).
- vague words: "tens" 10, "dozens" 12, "scores" 20, "hundreds" 100, "thousands" 1000 (ACLED
  conventions, low = best), "several" 3, "a few" 2, "several/a few dozen" 24, "several hundred" 200,
  "tens of thousands" 10000, "a number of"/"many" best None; qualifier "vague".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

UNITS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
SCALES: dict[str, int] = {"hundred": 100, "thousand": 1000, "million": 1_000_000}

#: Vague quantity words: value used as best (None = unknown) and low.
VAGUE: dict[str, int | None] = {
    "tens": 10, "dozens": 12, "scores": 20, "hundreds": 100, "thousands": 1000, "several": 3,
    "a few": 2, "a handful": 2, "a number": None, "many": None, "numerous": None,
    "an unknown number": None, "an unspecified number": None, "an undetermined number": None,
    "an undisclosed number": None, "unknown number": None, "unspecified number": None,
    "several dozen": 24, "a few dozen": 24, "several hundred": 200, "a few hundred": 200,
    "several thousand": 2000, "a few thousand": 2000, "tens of thousands": 10000,
    "hundreds of thousands": 100000, "dozens of thousands": 12000,
}  # fmt: skip
#: Exact-sounding quantity words.
EXACTISH: dict[str, int] = {
    "a dozen": 12, "a couple": 2, "a hundred": 100, "a thousand": 1000, "a score": 20, "two dozen": 24,
    "three dozen": 36, "half a dozen": 6,
}  # fmt: skip

QUALIFIERS: dict[str, str] = {
    "at least": "at_least", "no fewer than": "at_least", "no less than": "at_least", "a minimum of": "at_least",
    "more than": "more_than", "over": "more_than", "upwards of": "more_than", "in excess of": "more_than",
    "up to": "up_to", "as many as": "up_to", "at most": "up_to", "fewer than": "up_to", "less than": "up_to",
    "nearly": "about", "almost": "about", "about": "about", "around": "about", "some": "about",
    "roughly": "about", "approximately": "about", "an estimated": "about", "close to": "about",
}  # fmt: skip

_WORD = "|".join(sorted([*UNITS, *TENS, *SCALES], key=len, reverse=True))
_WORDNUM = rf"(?:{_WORD})(?:(?:[\s-]+|\s+and\s+)(?:{_WORD}))*"
_DIGITS = r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?"
_SCALE_AFTER = r"(?:\s+(?:hundred|thousand|million))?"
_ONE = rf"(?:(?:{_DIGITS}){_SCALE_AFTER}|{_WORDNUM})"
_VAGUE = "|".join(sorted(map(re.escape, [*VAGUE, *EXACTISH]), key=len, reverse=True)).replace(r"\ ", r"\s+")
_QUAL = "|".join(sorted(map(re.escape, QUALIFIERS), key=len, reverse=True)).replace(r"\ ", r"\s+")

QUANTITY_RE = re.compile(
    rf"""
    (?<![\w.,/:-])
    (?:
      (?P<between>between\s+(?P<b_lo>{_ONE})\s+and\s+(?P<b_hi>{_ONE}))
    | (?:(?P<qual>{_QUAL})\s+)?
      (?:
        (?P<range>(?P<r_lo>{_ONE})(?:(?<=\d)\s*[-–]\s*(?=\d)|\s+(?:to|or)\s+)(?P<r_hi>{_ONE}))
      | (?P<vague>{_VAGUE})
      | (?P<one>{_ONE})
      )
    )
    (?![\w/:]|[.,]\d|-(?:year|month|week|day|hour|minute|km|mile|metre|meter|storey|story)\b)
    """,
    re.IGNORECASE | re.VERBOSE,
)


def words_to_int(text: str) -> int | None:
    """'thirty-five' -> 35, 'two hundred and fifty thousand' -> 250000, '1.5 million' -> 1500000."""
    t = text.lower().replace(",", "").strip()
    m = re.fullmatch(r"(\d+(?:\.\d+)?)\s*(hundred|thousand|million)?", t)
    if m:
        value = float(m.group(1)) * (SCALES[m.group(2)] if m.group(2) else 1)
        return int(round(value))
    total, current, seen = 0, 0, False
    for w in re.split(r"[\s-]+", t):
        if w == "and" or not w:
            continue
        if w in UNITS:
            current += UNITS[w]
        elif w in TENS:
            current += TENS[w]
        elif w == "hundred":
            current = max(current, 1) * 100
        elif w in ("thousand", "million"):
            total += max(current, 1) * SCALES[w]
            current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


@dataclass(slots=True)
class Quantity:
    """A quantity phrase with UCDP-style estimates; offsets relative to the scanned text."""

    text: str
    start: int
    end: int
    best: int | None
    low: int | None
    high: int | None
    qualifier: str


def read_quantity(m: re.Match[str]) -> Quantity | None:
    """Estimates for one ``QUANTITY_RE`` match (None when the words are not a number)."""
    qual = QUALIFIERS.get(" ".join((m.group("qual") or "").lower().split()), "exact")
    if m.group("between") or m.group("range"):
        lo_s = m.group("b_lo") or m.group("r_lo")
        hi_s = m.group("b_hi") or m.group("r_hi")
        lo, hi = words_to_int(lo_s), words_to_int(hi_s)
        if lo is None or hi is None or hi < lo:
            return None
        return Quantity(m.group(0), m.start(), m.end(), lo, lo, hi, "range")
    if m.group("vague"):
        word = " ".join(m.group("vague").lower().split())
        if word in EXACTISH:
            value: int | None = EXACTISH[word]
            return _qualified(m, value, qual)
        value = VAGUE[word]
        return Quantity(m.group(0), m.start(), m.end(), value, value, None, "vague")
    value = words_to_int(m.group("one"))
    if value is None:
        return None
    return _qualified(m, value, qual)


def _qualified(m: re.Match[str], value: int | None, qual: str) -> Quantity:
    if qual in ("at_least", "more_than"):
        return Quantity(m.group(0), m.start(), m.end(), value, value, None, qual)
    if qual == "up_to":
        return Quantity(m.group(0), m.start(), m.end(), value, None, value, qual)
    return Quantity(
        m.group(0),
        m.start(),
        m.end(),
        value,
        value if qual == "exact" else None,
        value if qual == "exact" else None,
        qual,
    )


def find_quantities(text: str) -> list[Quantity]:
    """Every quantity phrase in ``text``, left to right, not overlapping."""
    out = []
    for m in QUANTITY_RE.finditer(text):
        q = read_quantity(m)
        if q is not None:
            out.append(q)
    return out
