"""A truce's status as of a day: tables, trend per agreement and province, alerts, a plain-text summary."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from trucewatch.model import (
    Actor,
    Agreement,
    Event,
    Violation,
    ViolationStatus,
    date_window_note,
    in_date_window,
    to_record,
)

from .judge import local_date
from .rollup import COUNTED, Baseline, baseline, compare, daily_counts, rollup, violation_frame
from .terms import terms_for
from .trend import INSUFFICIENT, LEVELS, Trend, TrendParams, assess

ALL = "all areas"
NOT_IN_FORCE = "not in force"


@dataclass(slots=True)
class Alert:
    day: dt.date
    scope: str  # ALL or a province
    status: str
    message: str
    evidence: list[str] = field(default_factory=list)  # event ids


@dataclass(slots=True)
class AreaStatus:
    scope: str
    status: str
    window_count: int
    window_days: int
    base_rate: float | None
    ratio: float | None  # rolling rate / pre-agreement baseline rate
    ratio_low: float | None  # confidence interval of the ratio (None: unbounded)
    ratio_high: float | None
    reason: str  # why the status, e.g. "7-day count 101 ... rate 1.45x baseline, 95% CI 1.11-1.89; collapsing"
    evidence: list[str]  # event ids of counted violations in the trailing window


@dataclass(slots=True)
class MonitorResult:
    agreement: Agreement
    as_of: dt.date
    status: str
    text: str
    tables: dict[str, pd.DataFrame]
    alerts: list[Alert]
    areas: dict[str, AreaStatus]
    baseline: Baseline
    params: TrendParams
    #: daily confirmed violations from the pre-agreement window to as_of (index: dates)
    daily: pd.Series = field(default_factory=lambda: pd.Series(dtype="int64"))
    bbox: tuple[float, float, float, float] | None = None

    @property
    def evidence(self) -> list[str]:
        return self.areas[ALL].evidence if ALL in self.areas else []

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready summary (for the API): status, areas, alerts, baseline and every table as records."""
        tables = {
            name: json.loads(df.to_json(orient="records", date_format="iso"))
            for name, df in self.tables.items()
        }
        return {
            "agreement": self.agreement.id,
            "as_of": self.as_of.isoformat(),
            "status": self.status,
            "text": self.text,
            "areas": {k: to_record(v) for k, v in self.areas.items()},
            "alerts": [to_record(a) for a in self.alerts],
            "baseline": {
                "first": self.baseline.first.isoformat(),
                "last": self.baseline.last.isoformat(),
                "count": self.baseline.count,
                "rate_per_day": self.baseline.rate,
            },
            "params": to_record(self.params),
            "tables": tables,
        }


def _window_ids(frame: pd.DataFrame, day: dt.date, days: int) -> list[str]:
    if frame.empty:
        return []
    first = day - dt.timedelta(days=days - 1)
    sel = frame[(frame["day"] >= first) & (frame["day"] <= day)]
    return sorted(sel["event_id"].tolist())


def _finite(v: float) -> float | None:
    return None if v != v or v in (float("inf"), float("-inf")) else float(v)


def _area(scope: str, trend: Trend, frame: pd.DataFrame, as_of: dt.date) -> AreaStatus:
    i = len(trend.levels) - 1
    if i < 0:
        return AreaStatus(
            scope, INSUFFICIENT, 0, 0, trend.base_rate, None, None, None, "no days in force yet", []
        )
    w = int(trend.window_days[i])
    return AreaStatus(
        scope=scope,
        status=trend.status(),
        window_count=int(trend.window_counts[i]),
        window_days=w,
        base_rate=trend.base_rate,
        ratio=_finite(float(trend.ratio[i])),
        ratio_low=_finite(float(trend.lower[i])),
        ratio_high=_finite(float(trend.upper[i])),
        reason=trend.why(),
        evidence=_window_ids(frame, as_of, w),
    )


def _alerts(
    scope: str, trend: Trend, frame: pd.DataFrame, start: dt.date, params: TrendParams
) -> list[Alert]:
    out = []
    for d in trend.alert_days():
        day = start + dt.timedelta(days=d)
        level = LEVELS[int(trend.levels[d])]
        msg = f"{scope}: {level} on {day.isoformat()} ({trend.why(d)})"
        out.append(Alert(day, scope, level, msg, _window_ids(frame, day, int(trend.window_days[d]))))
    return out


def _versus(counted: pd.DataFrame, base: Baseline, as_of: dt.date, days: int) -> pd.DataFrame:
    """Recent rate vs the pre-agreement baseline per party and per kind of attack."""
    first = as_of - dt.timedelta(days=max(days, 1) - 1)
    recent = counted[(counted["day"] >= first) & (counted["day"] <= as_of)]
    parts = []
    for dim in ("party", "sub_event_type"):
        table = compare(recent, base, dim, max(days, 1)).rename(columns={dim: "value"})
        table.insert(0, "by", dim)
        parts.append(table)
    return pd.concat(parts, ignore_index=True)


def _text(
    result_parts: dict,
    areas: dict[str, AreaStatus],
    alerts: list[Alert],
    statuses: pd.DataFrame,
    versus: pd.DataFrame,
) -> str:
    a: Agreement = result_parts["agreement"]
    b: Baseline = result_parts["baseline"]
    overall = areas[ALL]
    a_start, as_of = a.start.date(), result_parts["as_of"]
    state = overall.status.upper() if as_of >= a_start else f"{NOT_IN_FORCE.upper()} (starts {a_start})"
    if a.end and as_of > a.end.date():
        state += f" (agreement ended {a.end.date().isoformat()}; status on its last day)"
    lines = [
        f"{a.name} [{a.id}]",
        f"in force from {a.start.isoformat()}" + (f" to {a.end.isoformat()}" if a.end else " (open-ended)"),
        f"status as of {as_of.isoformat()}: {state}",
        f"why: {overall.reason}",
        f"pre-agreement baseline {b.first.isoformat()}..{b.last.isoformat()}: {b.count} would-be violations "
        f"({b.rate:.2f}/day)",
        f"last {overall.window_days} days: {overall.window_count} violations"
        + (f", {overall.ratio:.0%} of the baseline rate" if overall.ratio is not None else ""),
        "judgements: " + (", ".join(f"{r.status} {r.violations}" for r in statuses.itertuples()) or "none"),
    ]
    others = [s for k, s in sorted(areas.items()) if k != ALL]
    if others:
        lines.append("by area:")
        lines += [f"  {s.scope}: {s.status} ({s.reason})" for s in others]
    kinds = versus[(versus["by"] == "sub_event_type") & (versus["baseline_per_day"] > 0)]
    if len(kinds):
        lines.append(f"last {overall.window_days} days vs before the agreement (per day):")
        lines += [
            f"  {r.value}: {r.recent_per_day:.2f} vs {r.baseline_per_day:.2f} ({r.ratio:.0%})"
            for r in kinds.itertuples()
        ]
    if alerts:
        lines.append("alerts:")
        lines += [f"  {al.message}" for al in alerts[-10:]]
    if overall.evidence:
        lines.append("evidence (events in the window): " + ", ".join(overall.evidence[:20]))
    return "\n".join(lines)


def status(
    agreement: Agreement,
    events: Iterable[Event],
    violations: Iterable[Violation],
    as_of: dt.date | None = None,
    *,
    actors: dict[str, Actor] | None = None,
    baseline_days: int | None = None,
    params: TrendParams | None = None,
    counted_statuses: Sequence[ViolationStatus] = COUNTED,
) -> MonitorResult:
    """Status of ``agreement`` as of ``as_of`` (default: the last judged day) from judged events.

    Counts and the trend use ``counted_statuses`` (default: confirmed violations only; pass e.g.
    ``(VIOLATION, ALLEGED, CONTESTED)`` for an upper bound). Every judgement is listed in ``tables["events"]``.
    The status rule (see ``trend``) takes ``params``, by default the agreement's ``status:`` settings.
    """
    if params is None:
        params = TrendParams.from_mapping(agreement.status_rule)
    if baseline_days is None:
        baseline_days = params.baseline_days
    events = list(events)
    verdicts = [v for v in violations if v.agreement_id == agreement.id]
    start = local_date(agreement.start)
    everything = violation_frame(verdicts, events, statuses=None)
    if as_of is None:  # days outside the date window (a store written before it was checked) are ignored
        days = [d for d in everything["day"].dropna() if d >= start and in_date_window(d)]
        as_of = max(days) if days else start
    elif not in_date_window(as_of):
        raise ValueError(f"as_of {as_of} is {date_window_note()}")
    # the trend runs from the start to as_of, or to the agreement's end if it ended before as_of
    until = min(as_of, local_date(agreement.end)) if agreement.end else as_of
    everything = everything[everything["day"].isna() | (everything["day"] <= as_of)]
    wanted = {ViolationStatus(x).value for x in counted_statuses}
    counted = everything[everything["status"].isin(wanted)].dropna(subset=["day"])
    kept = set(everything["event_id"])
    kept_verdicts = [v for v in verdicts if v.event_id in kept]
    base = baseline(agreement, events, actors, baseline_days, counted_statuses)

    series = daily_counts(counted, start, until)
    areas: dict[str, AreaStatus] = {}
    alerts: list[Alert] = []
    trend = assess(series.to_numpy(), base.rate, params, base.days)
    areas[ALL] = _area(ALL, trend, counted, until)
    alerts += _alerts(ALL, trend, counted, start, params)
    for name in sorted(set(counted["admin1"])):
        sub = counted[counted["admin1"] == name]
        base_rate = base.rate_of("admin1", name)
        t = assess(daily_counts(sub, start, until).to_numpy(), base_rate, params, base.days)
        areas[name] = _area(name, t, sub, until)
        alerts += _alerts(name, t, sub, start, params)
    alerts.sort(key=lambda al: (al.day, al.scope))

    statuses = rollup(kept_verdicts, events, by=("status",), statuses=None)
    versus = _versus(counted, base, until, areas[ALL].window_days)
    area_rows = [
        {
            "area": s.scope,
            "status": s.status,
            "window_violations": s.window_count,
            "window_days": s.window_days,
            "baseline_rate": s.base_rate,
            "ratio_to_baseline": s.ratio,
            "ratio_low": s.ratio_low,
            "ratio_high": s.ratio_high,
            "reason": s.reason,
        }
        for s in areas.values()
    ]
    tables = {
        "status": pd.DataFrame(area_rows),
        "daily": rollup(kept_verdicts, events, by=("day", "party"), statuses=counted_statuses),
        "weekly": rollup(kept_verdicts, events, by=("week", "party", "admin1"), statuses=counted_statuses),
        "by_party": rollup(kept_verdicts, events, by=("party", "against"), statuses=counted_statuses),
        "by_admin1": rollup(kept_verdicts, events, by=("admin1",), statuses=counted_statuses),
        "judgements": statuses,
        "vs_baseline": versus,
        "events": everything.drop(columns=["week"]).sort_values(["day", "event_id"], na_position="last"),
    }
    full = pd.concat([daily_counts(base.frame, base.first, base.last), daily_counts(counted, start, until)])
    overall = areas[ALL].status
    if as_of < start:
        overall = NOT_IN_FORCE
    parts = {"agreement": agreement, "baseline": base, "as_of": as_of}
    return MonitorResult(
        agreement=agreement,
        as_of=as_of,
        status=overall,
        text=_text(parts, areas, alerts, statuses, versus),
        tables=tables,
        alerts=alerts,
        areas=areas,
        baseline=base,
        params=params,
        daily=full,
        bbox=terms_for(agreement).bbox,
    )
