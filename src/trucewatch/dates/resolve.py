"""Turn one matched temporal expression into an EventDate, given an anchor day.

The anchor is the day the text speaks from: the publication date, a dateline's
date, or a caption's own date. Relative expressions need it; explicit dates do not.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from trucewatch.dates.patterns import WEEKDAYS, month_number, small_number
from trucewatch.lexicon import lexicon
from trucewatch.model import EventDate, date_window_note, in_date_window

Day = dt.date
_ONE = dt.timedelta(days=1)
_LEX = lexicon()
#: Days in a unit ("three weeks ago": 21 days back) and the slack either side of such a centre.
_UNIT_DAYS = _LEX.mapping("unit_days")
_UNIT_SLACK = _LEX.mapping("unit_slack_days")
#: "last week" -1, "next week" +1 (anything else: this one).
_STEPS = _LEX.mapping("relative_steps")
#: A bare span ("a week") is a time only after one of these words, or after one of the prepositions.
_SPAN_DETS = _LEX.words("span_determiners")
_SPAN_PREFIXES = frozenset(f"{w} "[:3] for w in _LEX.terms("span_prepositions"))
#: Prepositions of a duration: "extended for 72 hours" says how long, not when (unless "for the past 24 hours").
_DURATION_PREPS = _LEX.words("duration_prepositions")


def precision(first: Day, last: Day) -> tuple[int, int]:
    """(ACLED time_precision, UCDP date_prec) for a range of days.

    ACLED: 1 a day, 2 up to a week, 3 longer (month). UCDP GED: 1 a day, 2 two to six days,
    3 a week, 4 up to a month, 5 longer.
    """
    days = (last - first).days + 1
    if days <= 1:
        return 1, 1
    if days <= 6:
        return 2, 2
    if days <= 8:
        return 2, 3
    if days <= 31:
        return 3, 4
    return 3, 5


def make(text: str, start: int, first: Day, last: Day | None = None, note: str = "") -> EventDate:
    """A resolved date, or an unresolved one when it falls outside the date window (``model``)."""
    last = last or first
    if last < first:
        first, last = last, first
    if not (in_date_window(first) and in_date_window(last)):
        return unresolved(text, start, f"date {first}..{last} {date_window_note()}: not placed")
    acled, ucdp = precision(first, last)
    return EventDate(text, start, start + len(text), first, last, acled, ucdp, True, note)


def unresolved(text: str, start: int, note: str) -> EventDate:
    return EventDate(text, start, start + len(text), resolved=False, note=note)


def month_range(year: int, month: int) -> tuple[Day, Day]:
    return Day(year, month, 1), Day(year, month, calendar.monthrange(year, month)[1])


def _safe_date(y: int, m: int, d: int) -> Day | None:
    try:
        return Day(y, m, d)
    except ValueError:
        return None


def _year_for(month: int, day: int, anchor: Day, future: bool) -> int:
    """Year of a month(+day) without a year: the anchor's, moved so past events are not after it."""
    year = anchor.year
    cand = _safe_date(year, month, min(day, 28))
    if cand is None:
        return year
    if future and (month, day) < (anchor.month, anchor.day) and (anchor - cand).days > 31:
        return year + 1
    if not future and (month, day) > (anchor.month, anchor.day):
        return year - 1
    return year


NO_ANCHOR = "relative date not resolved: no publication date"
#: Note prefix of a date that refers back to a day named earlier in the text; the shift in days follows.
SAME_MARK = "refers to an earlier date in the text, shift "
SAME_UNRESOLVED = "refers to an earlier date in the text: none found"


def discourse_shift(m: re.Match[str]) -> int:
    """Days from the day named earlier: "the same day" 0, "the next day" +1, "two days earlier" -2."""
    ref = " ".join((m.group("sm_ref") or "").lower().split())
    if ref in ("the following", "the next"):
        return 1
    if ref == "the previous":
        return -1
    if m.group("sm_one"):
        return 1 if m.group("sm_one_dir").lower() == "later" else -1
    if m.group("sm_n"):
        # "two days later/earlier" moves from the day named before; "two days after a raid" dates the
        # raid two days before the clause's own day, "two days before the vote" two days after it.
        n = small_number(m.group("sm_n")) or 0
        return n if m.group("sm_dir").lower() in ("later", "before") else -n
    return 0


def resolve_match(
    m: re.Match[str],
    anchor: Day | None,
    *,
    future: bool = False,
    offset: int = 0,
    no_anchor_note: str = NO_ANCHOR,
) -> EventDate | None:
    """Resolve one ``DATE_RE`` match; ``offset`` is added to the match's positions.

    Returns None when the match is not a date after all (a bare duration such as "five-year").
    """
    kind = m.lastgroup
    text, start = m.group(0), m.start() + offset
    g = m.group

    if kind == "iso":
        d = _safe_date(int(g("iso_y")), int(g("iso_m")), int(g("iso_d")))
        return make(text, start, d, note="ISO date") if d else None
    if kind == "num":
        return _numeric(text, start, int(g("n1")), int(g("n2")), int(g("n3")), anchor)
    if kind in ("dmy", "mdy"):
        day, month = int(g(f"{kind}_d")), month_number(g(f"{kind}_m"))
        year_s = g(f"{kind}_y")
        if year_s:
            d = _safe_date(int(year_s), month, day)
            return make(text, start, d, note="explicit date") if d else None
        if anchor is None:
            return unresolved(text, start, no_anchor_note.replace("relative date", "day without a year"))
        year = _year_for(month, day, anchor, future)
        d = _safe_date(year, month, day)
        return (
            make(text, start, d, note=f"day without a year: year {year} from anchor {anchor}") if d else None
        )
    if kind == "my":
        return _month(m, text, start, anchor, future, no_anchor_note)
    if kind == "yr":
        y = int(g("yr_y"))
        first, last = Day(y, 1, 1), Day(y, 12, 31)
        part = (g("yr_prep") or "").lower()
        if part == "early":
            last = Day(y, 4, 30)
        elif part == "mid":
            first, last = Day(y, 5, 1), Day(y, 8, 31)
        elif part == "late":
            first = Day(y, 9, 1)
        elif part == "since":
            if anchor is None or anchor < first:
                return unresolved(text, start, "open range: no anchor to end it")
            return make(text, start, first, anchor, note=f"since {y} up to anchor {anchor}")
        return make(text, start, first, last, note="year")
    if kind == "same":
        return unresolved(text, start, f"{SAME_MARK}{discourse_shift(m)}")
    if anchor is None:
        return unresolved(text, start, no_anchor_note)
    if kind == "rel":
        return _relative_word(text, start, anchor)
    if kind == "wdx":
        return _weekday(m, text, start, anchor, future)
    if kind == "earlier":
        return _earlier(m, text, start, anchor)
    if kind == "relu":
        return _relative_unit(m, text, start, anchor, future)
    if kind == "ago":
        n = small_number(g("ago_n"))
        if n is None:
            return None
        unit = g("ago_u").lower()
        if unit == "hour":
            return make(text, start, anchor - dt.timedelta(days=-(-n // 24)), anchor, "hours ago")
        days = _UNIT_DAYS[unit] * n
        centre = anchor - dt.timedelta(days=days)
        slack = _UNIT_SLACK[unit]
        return make(
            text, start, centre - dt.timedelta(days=slack), centre + dt.timedelta(days=slack), f"{unit}s ago"
        )
    if kind == "span":
        return _span(m, text, start, anchor)
    return None


def _numeric(text: str, start: int, a: int, b: int, year: int, anchor: Day | None) -> EventDate | None:
    dm, md = _safe_date(year, b, a), _safe_date(year, a, b)
    if dm and md and dm != md:
        # Both readings are valid: prefer one not after the anchor, else day-first (non-US usage).
        pick, other = dm, md
        if anchor and dm > anchor >= md:
            pick, other = md, dm
        return make(text, start, pick, note=f"ambiguous numeric date: read as {pick}, could be {other}")
    d = dm or md
    return make(text, start, d, note="numeric date") if d else None


_PARTS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}


def _month(
    m: re.Match[str], text: str, start: int, anchor: Day | None, future: bool, no_anchor: str
) -> EventDate:
    month = month_number(m.group("my_m"))
    year_s = m.group("my_y")
    if year_s:
        year = int(year_s)
    elif anchor is None:
        return unresolved(text, start, no_anchor.replace("relative date", "month without a year"))
    else:
        year = anchor.year
        if future and month < anchor.month:
            year += 1
        elif not future and month > anchor.month:
            year -= 1
    first, last = month_range(year, month)
    part = " ".join((m.group("my_part") or "").lower().split()).removeprefix("the ")
    if part in _PARTS:
        lo, hi = _PARTS[part]
        first, last = first.replace(day=lo), last.replace(day=min(hi, last.day))
    elif part == "end of":
        first = last - dt.timedelta(days=9)
    elif part == "beginning of":
        last = first + dt.timedelta(days=9)
    note = "month" if year_s else f"month without a year: year {year} from anchor {anchor}"
    return make(text, start, first, last, note=note)


def _relative_word(text: str, start: int, anchor: Day) -> EventDate:
    t = " ".join(text.lower().split())
    if "day before yesterday" in t:
        return make(text, start, anchor - 2 * _ONE, note="two days before anchor")
    if "yesterday" in t:
        return make(text, start, anchor - _ONE, note="day before anchor")
    if t == "last night":
        return make(text, start, anchor - _ONE, note="night before anchor")
    if t == "overnight":
        return make(text, start, anchor - _ONE, anchor, note="night before anchor")
    return make(text, start, anchor, note="anchor day")


def _weekday(m: re.Match[str], text: str, start: int, anchor: Day, future: bool) -> EventDate:
    wd = WEEKDAYS[m.group("wd").lower()]
    mod = " ".join((m.group("wd_mod") or "").lower().split())
    back = (anchor.weekday() - wd) % 7
    ahead = (wd - anchor.weekday()) % 7
    if mod in ("last", "past", "previous"):
        d, note = anchor - dt.timedelta(days=back or 7), "weekday before anchor"
    elif mod in ("next",):
        d, note = anchor + dt.timedelta(days=ahead or 7), "next weekday after anchor"
    elif mod in ("coming", "this coming") or future:
        d, note = anchor + dt.timedelta(days=ahead), "weekday on or after anchor (future reference)"
    else:
        d, note = anchor - dt.timedelta(days=back), "weekday on or before anchor"
    if (m.group("wd_part") or "").lower() == "midnight":
        d, note = d + _ONE, note + "; midnight ending it, so the next day"
    return make(text, start, d, note=note)


def _earlier(m: re.Match[str], text: str, start: int, anchor: Day) -> EventDate:
    unit, mod = m.group("er_unit").lower(), m.group("er_mod").lower()
    if unit == "week":
        first, last = (
            anchor - dt.timedelta(days=anchor.weekday()),
            anchor + dt.timedelta(days=6 - anchor.weekday()),
        )
    elif unit == "month":
        first, last = month_range(anchor.year, anchor.month)
    else:
        first, last = Day(anchor.year, 1, 1), Day(anchor.year, 12, 31)
    if mod in ("earlier", "early"):
        last = max(first, anchor - _ONE) if mod == "earlier" else min(last, anchor)
    else:
        first = anchor
    return make(text, start, first, last, note=f"{mod} this {unit}")


def _relative_unit(m: re.Match[str], text: str, start: int, anchor: Day, future: bool) -> EventDate:
    unit = m.group("ru_unit").lower()
    mod = " ".join(m.group("ru_mod").lower().split())
    step = _STEPS.get(mod, 0)
    if unit == "weekend":
        if step == 1 or (step == 0 and future):
            sat = anchor + dt.timedelta(days=(5 - anchor.weekday()) % 7)
        else:
            sat = anchor - dt.timedelta(days=(anchor.weekday() - 5) % 7)
            if step == -1 and anchor.weekday() in (5, 6):
                sat -= dt.timedelta(days=7)
        return make(text, start, sat, sat + _ONE, note="weekend")
    if unit == "week":
        monday = anchor - dt.timedelta(days=anchor.weekday()) + dt.timedelta(days=7 * step)
        last = monday + dt.timedelta(days=6)
        return make(
            text, start, monday, min(last, anchor) if step == 0 and not future else last, note=f"{mod} week"
        )
    if unit == "month":
        y, mo = anchor.year, anchor.month + step
        if mo < 1:
            y, mo = y - 1, 12
        elif mo > 12:
            y, mo = y + 1, 1
        first, last = month_range(y, mo)
        return make(text, start, first, last, note=f"{mod} month")
    y = anchor.year + step
    return make(text, start, Day(y, 1, 1), Day(y, 12, 31), note=f"{mod} year")




def _span(m: re.Match[str], text: str, start: int, anchor: Day) -> EventDate | None:
    n_s, mod = m.group("sp_n"), (m.group("sp_mod") or "").lower()
    det = (m.group("sp_det") or "").lower()
    if not n_s and not mod:
        return None  # "the day", "a year": not a span we can place
    if not mod and not det and text.split(None, 1)[0].lower() in _DURATION_PREPS:
        return None  # "extended for 72 hours", "held for two days": how long, not when
    if (
        not mod
        and det not in _SPAN_DETS
        and text[:3].lower() not in _SPAN_PREFIXES
    ):
        return None  # "five-year-long war": a duration, not a time
    n = small_number(n_s) if n_s else None
    unit = m.group("sp_u").lower()
    if n is None:
        n = 7 if (mod == "recent" and unit == "day") else 1
    if unit == "hour":
        days = max(1, -(-n // 24))
    else:
        days = _UNIT_DAYS[unit] * n
    return make(
        text, start, anchor - dt.timedelta(days=days), anchor, note=f"span of {n} {unit}(s) up to anchor"
    )
