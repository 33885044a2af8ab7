"""Publication dates from metadata strings, with a note when missing or impossible."""

from __future__ import annotations

import datetime as dt
import re
import time
from email.utils import parsedate

from trucewatch.model import date_window_note, in_date_window

_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?\s*$")
_SLASH_YMD = re.compile(r"^\s*(\d{4})/(\d{1,2})/(\d{1,2})\s*$")
_COMPACT = re.compile(r"^\s*(\d{4})(\d{2})(\d{2})\s*$")


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
