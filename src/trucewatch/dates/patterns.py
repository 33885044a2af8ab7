"""Precompiled patterns for temporal expressions in English news text.

One alternation is scanned once per segment; named groups say which kind of
expression matched. Month and weekday names must be capitalised ("May" the
month, not "may" the verb); everything else is case-insensitive.
"""

from __future__ import annotations

import re

MONTHS: dict[str, int] = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip

WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
}  # fmt: skip

SMALL_NUMBERS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "couple of": 2, "few": 3, "several": 3,
}  # fmt: skip


def month_number(name: str) -> int:
    return MONTHS[name[:3].lower()]


def small_number(word: str) -> int | None:
    """'10' -> 10, 'ten' -> 10, 'a' -> 1; None when not a number."""
    word = word.strip().lower()
    if word.isdigit():
        return int(word)
    return SMALL_NUMBERS.get(word)


_MONTH = (
    r"\b(?-i:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|Aug(?:ust|\.)?"
    r"|Sep(?:t(?:ember)?)?\.?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)(?![A-Za-z])"
)
_WEEKDAY = r"\b(?-i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?![A-Za-z])"
_OPT_WEEKDAY = rf"(?:{_WEEKDAY},?\s+(?:the\s+)?)?"
_NUM = (
    r"(?:\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
    r"|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|couple\s+of|few|several)"
)
_PART = r"(?:morning|afternoon|evening|night)"
_UNIT = r"(?:hour|day|week|month|year)"

DATE_RE = re.compile(
    rf"""
    (?P<iso>\b(?P<iso_y>(?:19|20)\d{{2}})-(?P<iso_m>[01]\d)-(?P<iso_d>[0-3]\d)\b)
  | (?P<num>\b(?P<n1>[0-3]?\d)[/.](?P<n2>[0-3]?\d)[/.](?P<n3>(?:19|20)\d{{2}})\b)
  | (?P<dmy>{_OPT_WEEKDAY}\b(?P<dmy_d>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<dmy_m>{_MONTH})
        (?:,?\s+(?P<dmy_y>(?:19|20)\d{{2}})\b)?)
  | (?P<mdy>{_OPT_WEEKDAY}(?P<mdy_m>{_MONTH})\s+(?P<mdy_d>[0-3]?\d)(?:st|nd|rd|th)?\b(?!:)
        (?:,?\s+(?P<mdy_y>(?:19|20)\d{{2}})\b)?)
  | (?P<my>(?:\b(?P<my_part>early|mid|late|the\s+end\s+of|end\s+of|the\s+beginning\s+of|beginning\s+of)[\s-]+)?
        (?P<my_m>{_MONTH})(?:\s+(?:of\s+)?(?P<my_y>(?:19|20)\d{{2}})\b)?)
  | (?P<same>\b(?:(?:(?:on|in|during|by|at)\s+)?(?P<sm_ref>the\s+same|that|the\s+following|the\s+next|the\s+previous)
        \s+(?:day|morning|afternoon|evening|night)
        |later\s+(?:in|that)\s+(?:the\s+)?day|(?:hours|minutes)\s+(?:later|earlier)
        |(?P<sm_one>a|one|the)\s+day\s+(?P<sm_one_dir>later|earlier|before)(?!\s+yesterday)
        |(?P<sm_n>{_NUM})\s+days?\s+(?P<sm_dir>later|earlier|after|before))\b)
  | (?P<rel>\b(?:the\s+day\s+before\s+yesterday|yesterday|today|tonight|overnight|last\s+night
        |this\s+{_PART}|(?:late|early)\s+(?:on\s+)?(?:yesterday|today))\b)
  | (?P<wdx>\b(?:(?P<wd_mod>last|next|this\s+coming|this|coming|past|previous)\s+)?(?P<wd>{_WEEKDAY})(?:'s)?
        (?:\s+(?P<wd_part>{_PART}|midnight))?)
  | (?P<earlier>\b(?P<er_mod>earlier|later|early|late)\s+(?:in\s+)?this\s+(?P<er_unit>week|month|year)\b)
  | (?P<relu>\b(?:the\s+)?(?P<ru_mod>last|this|next|past|previous|coming|at\s+the|over\s+the|on\s+the)\s+
        (?P<ru_unit>week|month|year|weekend)\b(?!s))
  | (?P<ago>\b(?P<ago_n>{_NUM})\s+(?P<ago_u>{_UNIT})s?\s+ago\b)
  | (?P<span>\b(?:(?:in|over|during|within|for)\s+)?(?:(?P<sp_det>the|a|some|about|around|nearly|almost)\s+)?
        (?:(?P<sp_mod>past|last|previous|preceding|recent)\s+)?(?P<sp_n>{_NUM})?[\s-]*(?P<sp_u>{_UNIT})s?
        (?:[\s-]+(?:long\s+)?period)?\b(?![\s-]*(?:long|old)\b))
  | (?P<yr>\b(?:(?P<yr_prep>in|since|during|until|by|from|early|mid|late|throughout)[\s-]+)
        (?P<yr_y>(?:19|20)\d{{2}})\b(?![-/.]\d))
    """,
    re.IGNORECASE | re.VERBOSE,
)

#: A bare year, only accepted inside a spaCy DATE entity.
YEAR_RE = re.compile(r"\b(?:19|20)\d{2}\b")

#: Words before a match that make it a range running up to the anchor.
SINCE_RE = re.compile(r"\b(since|from)\s+(?:the\s+)?$", re.IGNORECASE)

#: "at midnight on Friday": the midnight that ends the day named next, i.e. the start of the following day.
MIDNIGHT_RE = re.compile(r"\bmidnight\s+(?:on\s+|of\s+)?$", re.IGNORECASE)

#: Cue words for future reference when no parse is available.
FUTURE_RE = re.compile(
    r"\b(?:will|shall|next|coming|due\s+to|expected\s+to|plans?\s+to|planned|scheduled|set\s+to|going\s+to)\b",
    re.IGNORECASE,
)
