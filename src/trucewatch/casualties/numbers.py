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
from collections.abc import Mapping
from dataclasses import dataclass

from trucewatch.lexicon import lexicon

_LEX = lexicon()
UNITS: Mapping[str, int] = _LEX.mapping("number_units")
TENS: Mapping[str, int] = _LEX.mapping("number_tens")
SCALES: Mapping[str, int] = _LEX.mapping("number_scales")

#: Vague quantity words: value used as best (None = unknown) and low.
VAGUE: Mapping[str, int | None] = _LEX.mapping("vague_quantities")
#: Exact-sounding quantity words.
EXACTISH: Mapping[str, int] = _LEX.mapping("exactish_quantities")

QUALIFIERS: Mapping[str, str] = _LEX.mapping("quantity_qualifiers")

_WORD = "|".join(sorted([*UNITS, *TENS, *SCALES], key=len, reverse=True))
_WORDNUM = rf"(?:{_WORD})(?:(?:[\s-]+|\s+and\s+)(?:{_WORD}))*"
_DIGITS = r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?"
_SCALE_AFTER = r"(?:\s+(?:hundred|thousand|million))?"
#: "a 40-year-old", "a 5-km stretch": a number joined to a unit of measure is no count.
_MEASURE = _LEX.regex("measure_unit").pattern
#: "35", "1.5 million": digits and an optional scale word, read whole by ``words_to_int``.
_DIGITS_SCALE = re.compile(r"(\d+(?:\.\d+)?)\s*(" + _LEX.alternation("number_scales") + ")?")
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
    (?![\w/]|[.,:]\d|-{_MEASURE}\b)  # "20:30" is a time; "kill 20: army" a count
    """,
    re.IGNORECASE | re.VERBOSE,
)


def words_to_int(text: str) -> int | None:
    """'thirty-five' -> 35, 'two hundred and fifty thousand' -> 250000, '1.5 million' -> 1500000."""
    t = text.lower().replace(",", "").strip()
    m = _DIGITS_SCALE.fullmatch(t)
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
