"""Explicit dates stated in a caption or dateline ("November 21, 2015", "Dec. 1, 2013", "file photo from 2015")."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

from trucewatch.lexicon import lexicon

_LEX = lexicon()

MONTHS: Mapping[str, int] = _LEX.mapping("month_numbers")

MONTH_RE = _LEX.regex("caption_month").pattern
_MDY = _LEX.regex("caption_date_mdy")
_DMY = _LEX.regex("caption_date_dmy")
_ISO = re.compile(r"\b(?P<y>(?:19|20)\d{2})-(?P<m>\d{2})-(?P<d>\d{2})\b")
_MY = _LEX.regex("caption_date_my")
_YEAR = _LEX.regex("caption_year")
_MD = _LEX.regex("caption_date_md")

#: A full date closing a paragraph, the way wire photo captions end ("..., Syria, November 21, 2015.").
ENDING_DATE = _LEX.regex("caption_ending_date")


def _month(token: str) -> int | None:
    key = token.lower().rstrip(".")
    return MONTHS.get(key) or MONTHS.get(key[:3])


def _safe(y: int, m: int | None, d: int) -> dt.date | None:
    if m is None:
        return None
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def explicit_date(text: str) -> dt.date | None:
    """The most specific explicit date in ``text``: day, else month (1st), else a year after in/from (1 Jan)."""
    for pattern in (_MDY, _DMY):
        for m in pattern.finditer(text):
            found = _safe(int(m["y"]), _month(m["m"]), int(m["d"]))
            if found:
                return found
    for m in _ISO.finditer(text):
        found = _safe(int(m["y"]), int(m["m"]), int(m["d"]))
        if found:
            return found
    m = _MY.search(text)
    if m:
        return _safe(int(m["y"]), _month(m["m"]), 1)
    m = _YEAR.search(text)
    if m:
        return dt.date(int(m["y"]), 1, 1)
    return None


def month_day(text: str, published: dt.date | None) -> dt.date | None:
    """A dateline's "April 10" in the year that puts it on or shortly before publication."""
    full = explicit_date(text)
    if full:
        return full
    m = _MD.search(text)
    if not m or published is None:
        return None
    month = _month(m["m"])
    for year in (published.year, published.year - 1):
        found = _safe(year, month, int(m["d"]))
        if found and found <= published + dt.timedelta(days=1):
            return found
    return None
