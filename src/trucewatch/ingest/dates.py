"""Publication dates from metadata strings, with a note when missing or impossible."""

from __future__ import annotations

import datetime as dt
import re
import time
from email.utils import parsedate

from trucewatch.lexicon import lexicon
from trucewatch.model import date_window_note, in_date_window

_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?\s*$")
_SLASH_YMD = re.compile(r"^\s*(\d{4})/(\d{1,2})/(\d{1,2})\s*$")
_COMPACT = re.compile(r"^\s*(\d{4})(\d{2})(\d{2})\s*$")
#: Full names and abbreviations; a longer unambiguous prefix ("Octo") is read too (see ``_month``).
_MONTHS = lexicon().mapping("month_numbers")
_MONTH = r"([A-Za-z]{3,9})\.?"
#: "10 April 2016", "10-Apr-2016", "Sunday, 10 April 2016"
_DAY_MONTH_YEAR = re.compile(rf"^\s*(?:[A-Za-z]+,?\s+)?(\d{{1,2}})(?:st|nd|rd|th)?[\s-]+(?:of\s+)?{_MONTH}[\s,-]+(\d{{4}})\s*$")
#: "April 10, 2016", "Apr 10 2016", "Sunday, April 10, 2016"
_MONTH_DAY_YEAR = re.compile(rf"^\s*(?:[A-Za-z]+,?\s+)?{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\s*$")
#: "10.04.2016" (day first, as everywhere dots are used), "10/04/2016" or "04/10/2016" when unambiguous
_DOTTED = re.compile(r"^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\s*$")
_SLASHED = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*$")


def _month(name: str) -> int | None:
    name = name.lower()
    if name in _MONTHS:
        return _MONTHS[name]
    found = [n for m, n in _MONTHS.items() if m.startswith(name) and len(name) >= 3]
    return found[0] if len(found) == 1 else None


def parse_published(value: object) -> tuple[dt.date | None, str]:
    """(date, note). The note says why the date is None ("missing", "impossible: 2016-02-30", ...)."""
    if value is None or value == "":
        return None, "no publication date"
    if isinstance(value, dt.date):
        day = value.date() if isinstance(value, dt.datetime) else value
        return (day, "") if in_date_window(day) else (None, f"publication date {day} {date_window_note()}")
    if isinstance(value, time.struct_time):
        return _make(value.tm_year, value.tm_mon, value.tm_mday, str(value))
    if not isinstance(value, str):
        return None, f"unreadable publication date {value!r}"
    for pattern in (_ISO, _SLASH_YMD, _COMPACT):
        m = pattern.match(value)
        if m:
            return _make(int(m[1]), int(m[2]), int(m[3]), value)
    written = _written(value)
    if written is not None:
        return written
    parts = parsedate(value)  # RFC 822 ("Sun, 10 Apr 2016 08:00:00 GMT"), as in RSS
    if parts:
        return _make(parts[0], parts[1], parts[2], value)
    return None, f"unreadable publication date {value!r}"


def _make(year: int, month: int, day: int, raw: str) -> tuple[dt.date | None, str]:
    try:
        found = dt.date(year, month, day)
    except ValueError:
        return None, f"impossible publication date {raw!r}"
    if not in_date_window(found):
        return None, f"publication date {raw!r} {date_window_note()}"
    return found, ""


def _written(value: str) -> tuple[dt.date | None, str] | None:
    """Dates as people type them: month names either side of the day, dotted or unambiguous slashed numbers."""
    m = _DAY_MONTH_YEAR.match(value)
    if m and _month(m[2]):
        return _make(int(m[3]), _month(m[2]) or 0, int(m[1]), value)
    m = _MONTH_DAY_YEAR.match(value)
    if m and _month(m[1]):
        return _make(int(m[3]), _month(m[1]) or 0, int(m[2]), value)
    m = _DOTTED.match(value)
    if m:
        return _make(int(m[3]), int(m[2]), int(m[1]), value)
    m = _SLASHED.match(value)
    if m:
        a, b, year = int(m[1]), int(m[2]), int(m[3])
        if a > 12 >= b:
            return _make(year, b, a, value)
        if b > 12 >= a:
            return _make(year, a, b, value)
        if a == b:
            return _make(year, a, b, value)
        return None, f"ambiguous date {value!r}: day/month or month/day? write it as YYYY-MM-DD"
    return None
