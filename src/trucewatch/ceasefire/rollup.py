"""Counts of violations and fatalities per day/week, party and province; the pre-agreement baseline."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from trucewatch.model import Actor, Agreement, Event, Violation, ViolationStatus

from .judge import judge, local_date

if TYPE_CHECKING:
    import pandas as pd  # imported by the functions that build frames: importing this module stays cheap

COUNTED: tuple[ViolationStatus, ...] = (ViolationStatus.VIOLATION,)
DIMENSIONS = ("day", "week", "party", "against", "admin1", "country", "sub_event_type", "status")


def week_start(day: dt.date) -> dt.date:
    """Monday of the ISO week holding ``day``."""
    return day - dt.timedelta(days=day.weekday())


def violation_frame(
    violations: Iterable[Violation],
    events: Iterable[Event] = (),
    statuses: Sequence[ViolationStatus] | None = COUNTED,
) -> pd.DataFrame:
    """One row per judged event (filtered to ``statuses``; None keeps all), with event coordinates when known."""
    import pandas as pd

    by_id = {e.id: e for e in events}
    rows = []
    wanted = {ViolationStatus(s) for s in statuses} if statuses is not None else None
    for v in violations:
        status = ViolationStatus(v.status)
        if wanted is not None and status not in wanted:
            continue
        ev = by_id.get(v.event_id)
        day = v.date or (ev.date.first if ev and ev.date else None)
        place = ev.location.place if ev and ev.location else None
        rows.append(
            {
                "event_id": v.event_id,
                "day": day,
                "week": week_start(day) if day else None,
                "party": v.violator or "unknown",
                "against": v.against or "unspecified",
                "admin1": v.admin1 or (place.admin1 if place else None) or "unknown",
                "country": v.country or (place.country if place else None) or "unknown",
                "sub_event_type": ev.sub_event_type if ev else "unknown",
                "status": status.value,
                "fatalities": int(v.fatalities or 0),
                "lat": place.lat if place else None,
                "lon": place.lon if place else None,
                "reason": v.reason,
            }
        )
    cols = [
        "event_id",
        "day",
        "week",
        "party",
        "against",
        "admin1",
        "country",
        "sub_event_type",
        "status",
        "fatalities",
        "lat",
        "lon",
        "reason",
    ]
    return pd.DataFrame(rows, columns=cols)


def rollup(
    violations: Iterable[Violation],
    events: Iterable[Event] = (),
    by: Sequence[str] = ("day", "party", "admin1"),
    *,
    statuses: Sequence[ViolationStatus] | None = COUNTED,
) -> pd.DataFrame:
    """Counts of judged events (``violations`` column) and their fatalities grouped by ``by``.

    ``by`` takes any of: day, week (Monday), party, against, admin1, country, sub_event_type, status.
    Only ``statuses`` are counted (default: confirmed violations; None counts every judgement).
    """
    import pandas as pd

    unknown = [b for b in by if b not in DIMENSIONS]
    if unknown:
        raise ValueError(f"unknown rollup dimension(s) {unknown}; use {', '.join(DIMENSIONS)}")
    frame = violation_frame(violations, events, statuses)
    keys = list(by)
    if frame.empty:
        return pd.DataFrame(columns=[*keys, "violations", "fatalities"])
    frame = frame.dropna(subset=[k for k in keys if k in ("day", "week")])
    out = (
        frame.groupby(keys, dropna=False)
        .agg(violations=("event_id", "count"), fatalities=("fatalities", "sum"))
        .reset_index()
        .sort_values(keys)
        .reset_index(drop=True)
    )
    return out


def daily_counts(frame: pd.DataFrame, first: dt.date, last: dt.date) -> pd.Series:
    """Violations per day from ``first`` to ``last`` inclusive, zeros filled (index: dates)."""
    import pandas as pd

    days = pd.date_range(first, last, freq="D").date
    if frame.empty or last < first:
        return pd.Series(0, index=days, dtype="int64")
    counts = frame.dropna(subset=["day"]).groupby("day")["event_id"].count()
    return counts.reindex(days, fill_value=0).astype("int64")


@dataclass(slots=True)
class Baseline:
    """The pre-agreement level of what would have been violations had the agreement been in force."""

    first: dt.date
    last: dt.date
    #: one row per would-be violation (columns of :func:`violation_frame`)
    frame: pd.DataFrame

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    @property
    def count(self) -> int:
        return len(self.frame)

    @property
    def fatalities(self) -> int:
        return int(self.frame["fatalities"].sum()) if len(self.frame) else 0

    @property
    def event_ids(self) -> list[str]:
        return self.frame["event_id"].tolist()

    @property
    def rate(self) -> float:
        """Would-be violations per day."""
        return self.count / self.days if self.days > 0 else 0.0

    def rate_of(self, dimension: str, value: str) -> float:
        """Would-be violations per day for one party, province, sub-event type, ..."""
        if not len(self.frame) or self.days <= 0:
            return 0.0
        return int((self.frame[dimension] == value).sum()) / self.days


def baseline(
    agreement: Agreement,
    events: Iterable[Event],
    actors: dict[str, Actor] | None = None,
    days: int = 14,
    statuses: Sequence[ViolationStatus] = COUNTED,
) -> Baseline:
    """Would-be violations in the ``days`` days before the agreement's start: events of those days judged
    as if the agreement were already in force (counting ``statuses``)."""
    start = local_date(agreement.start)
    first, last = start - dt.timedelta(days=days), start - dt.timedelta(days=1)
    inside = [e for e in events if e.date and e.date.first and first <= e.date.first <= last]
    verdicts = [judge(e, agreement, actors, ignore_dates=True) for e in inside]
    return Baseline(first=first, last=last, frame=violation_frame(verdicts, inside, statuses))


def compare(now: pd.DataFrame, base: Baseline, dimension: str, now_days: int) -> pd.DataFrame:
    """Rate in the recent window vs the pre-agreement baseline per value of ``dimension``
    (e.g. sub_event_type: "air strikes are back to what they were")."""
    import pandas as pd

    values = sorted(set(now[dimension]) | set(base.frame[dimension])) if len(base.frame) or len(now) else []
    rows = []
    for value in values:
        recent = int((now[dimension] == value).sum()) / now_days if now_days > 0 else 0.0
        before = base.rate_of(dimension, value)
        rows.append(
            {
                dimension: value,
                "baseline_per_day": before,
                "recent_per_day": recent,
                "ratio": ratio(recent, before),
            }
        )
    return pd.DataFrame(rows, columns=[dimension, "baseline_per_day", "recent_per_day", "ratio"])


def ratio(now_rate: float, base_rate: float) -> float | None:
    """now / baseline, None when the baseline is zero."""
    return now_rate / base_rate if base_rate > 0 else None
