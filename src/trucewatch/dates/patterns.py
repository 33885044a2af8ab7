"""Precompiled patterns for temporal expressions in English news text.

One alternation is scanned once per segment; named groups say which kind of
expression matched. Month and weekday names must be capitalised ("May" the
month, not "may" the verb); everything else is case-insensitive.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from trucewatch.lexicon import lexicon

_LEX = lexicon()

#: Month names and abbreviations -> number (one definition for every stage).
MONTHS: Mapping[str, int] = _LEX.mapping("month_numbers")

WEEKDAYS: Mapping[str, int] = _LEX.mapping("weekday_numbers")

SMALL_NUMBERS: Mapping[str, int] = _LEX.mapping("date_count_words")


def month_number(name: str) -> int:
    return MONTHS[name[:3].lower()]


def small_number(word: str) -> int | None:
    """'10' -> 10, 'ten' -> 10, 'a' -> 1; None when not a number."""
    word = word.strip().lower()
    if word.isdigit():
        return int(word)
    return SMALL_NUMBERS.get(word)


#: One alternation over every kind of temporal expression (its fragments: month_name, weekday_name, date_count,
#: day_part and date_unit in time.yaml).
DATE_RE = _LEX.regex("date_expression")

#: A bare year, only accepted inside a spaCy DATE entity.
YEAR_RE = re.compile(r"\b(?:19|20)\d{2}\b")

#: Words before a match that make it a range running up to the anchor.
SINCE_RE = _LEX.regex("since_before")

#: "at midnight on Friday": the midnight that ends the day named next, i.e. the start of the following day.
MIDNIGHT_RE = _LEX.regex("midnight_before")

#: Cue words for future reference when no parse is available.
FUTURE_RE = _LEX.regex("future_cue")
