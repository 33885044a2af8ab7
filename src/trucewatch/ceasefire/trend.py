"""Is a truce holding? A stated rule over daily violation counts, with confidence intervals.

Rule (day 0 = the agreement's first day, in its own time zone; defaults in :class:`TrendParams`, overridable
per agreement under ``status:`` in its YAML file):

* X = confirmed violations in the trailing ``window`` days (7; shorter in the truce's first days, never
  reaching back before the start), B = would-be violations in the ``baseline_days`` (14) days before the start.
* rho = (X / w) / (B / T), the rate against the pre-agreement rate, with an exact ``confidence`` (95%)
  interval: given X + B = n, X is Binomial(n, w rho / (w rho + T)); the Clopper-Pearson interval of that
  proportion, mapped back to rho, is the exact interval of a ratio of two Poisson rates (with a large
  baseline it is the Garwood interval of X divided by the expected count). It carries both counts' noise.
* Status, first match:
  **collapsing** when the lower bound is at least ``collapsing_ratio`` (0.75): violence is credibly back to
  three quarters or more of its pre-agreement level;
  **strained** when the lower bound is at least ``strained_ratio`` (0.5): credibly above half of it;
  **holding** when the upper bound is below ``holding_ratio`` (1.0): the counts rule out a return to the
  pre-agreement level;
  **insufficient data** otherwise: too few events (in the window or the baseline) to tell. A week with no
  reports is holding only when the baseline is large enough for zero to exclude its rate (with B / T = 1 a
  day, 0 in 7 days gives rho < 0.60); with no baseline events the upper bound is infinite, so never holding.
* An alert is raised on each day the status rises to strained or collapsing from a lower level.

Defaults were set on simulated streams (benchmarks/ceasefire_sim.py), never on gold data.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields

import numpy as np
from scipy import stats

HOLDING, STRAINED, COLLAPSING = "holding", "strained", "collapsing"
INSUFFICIENT = "insufficient data"
#: level codes in Trend.levels -> status
LEVELS = {-1: INSUFFICIENT, 0: HOLDING, 1: STRAINED, 2: COLLAPSING}


@dataclass(frozen=True, slots=True)
class TrendParams:
    window: int = 7
    baseline_days: int = 14
    confidence: float = 0.95
    strained_ratio: float = 0.5
    collapsing_ratio: float = 0.75
    holding_ratio: float = 1.0

    @classmethod
    def from_mapping(cls, values: dict[str, float] | None) -> TrendParams:
        """Defaults overridden by an agreement's ``status:`` block (unknown keys are an error)."""
        values = dict(values or {})
        known = {f.name for f in fields(cls)}
        bad = sorted(set(values) - known)
        if bad:
            raise ValueError(f"unknown status setting(s) {bad}; use {', '.join(sorted(known))}")
        for key in ("window", "baseline_days"):
            if key in values:
                values[key] = int(values[key])
        p = cls(**values)  # type: ignore[arg-type]
        if not (0 < p.confidence < 1) or p.window < 1 or p.baseline_days < 1:
            raise ValueError("status: confidence must be in (0, 1); window and baseline_days at least 1")
        if not (0 <= p.strained_ratio <= p.collapsing_ratio):
            raise ValueError("status: need 0 <= strained_ratio <= collapsing_ratio")
        return p


DEFAULT_PARAMS = TrendParams()


def rate_ratio_ci(x: int, w: float, b: int, t: float, confidence: float = 0.95) -> tuple[float, float]:
    """Exact interval of (x / w) / (b / t) for Poisson counts x over w days and b over t days."""
    n = x + b
    if n == 0:
        return 0.0, math.inf
    a = (1 - confidence) / 2
    lo_p = float(stats.beta.ppf(a, x, n - x + 1)) if x > 0 else 0.0
    hi_p = float(stats.beta.ppf(1 - a, x + 1, n - x)) if x < n else 1.0
    scale = t / w
    lo = lo_p / (1 - lo_p) * scale if lo_p < 1 else math.inf
    hi = hi_p / (1 - hi_p) * scale if hi_p < 1 else math.inf
    return lo, hi


def _ratio_ci(x: np.ndarray, w: np.ndarray, b: int, t: float, confidence: float) -> tuple[np.ndarray, np.ndarray]:
    """:func:`rate_ratio_ci` for arrays of window counts ``x`` over ``w`` days (same baseline)."""
    x = np.asarray(x, dtype=float)
    n = x + b
    a = (1 - confidence) / 2
    with np.errstate(divide="ignore", invalid="ignore"):
        lo_p = np.where(x > 0, stats.beta.ppf(a, np.maximum(x, 1), n - x + 1), 0.0)
        hi_p = np.where(x < n, stats.beta.ppf(1 - a, x + 1, np.maximum(n - x, 1)), 1.0)
        scale = t / np.asarray(w, dtype=float)
        lo = np.where(lo_p < 1, lo_p / (1 - lo_p) * scale, math.inf)
        hi = np.where(hi_p < 1, hi_p / (1 - hi_p) * scale, math.inf)
    lo = np.where(n == 0, 0.0, lo)
    hi = np.where(n == 0, math.inf, hi)
    return lo, hi


@dataclass(slots=True)
class Trend:
    """Per-day results for one daily count series (index 0 = the agreement's first day)."""

    counts: np.ndarray
    window_counts: np.ndarray
    window_days: np.ndarray
    ratio: np.ndarray  # window rate / baseline rate (inf when the baseline is 0 and the window is not)
    lower: np.ndarray
    upper: np.ndarray
    levels: np.ndarray  # see LEVELS
    base_count: int
    base_days: int
    params: TrendParams

    @property
    def base_rate(self) -> float:
        return self.base_count / self.base_days if self.base_days else 0.0

    def status(self, day: int | None = None) -> str:
        if len(self.levels) == 0:
            return INSUFFICIENT
        i = len(self.levels) - 1 if day is None else day
        return LEVELS[int(self.levels[i])]

    def first_alarm(self, after: int = 0) -> int | None:
        hits = np.flatnonzero(self.levels[after:] > 0)
        return int(hits[0]) + after if hits.size else None

    def alert_days(self) -> list[int]:
        """Days on which the level rose to strained or collapsing from a lower level."""
        lv = np.maximum(self.levels, 0)
        prev = np.concatenate([[0], lv[:-1]])
        return [int(d) for d in np.flatnonzero(lv > prev)]

    def why(self, day: int | None = None) -> str:
        """The reason for the status, e.g. '7-day rate 1.45x baseline, 95% CI 1.12-1.87: collapsing (...)'."""
        if len(self.levels) == 0:
            return "no days in force yet"
        i = len(self.levels) - 1 if day is None else day
        p = self.params
        x, w = int(self.window_counts[i]), int(self.window_days[i])
        lo, hi = float(self.lower[i]), float(self.upper[i])
        head = (
            f"{w}-day count {x} ({x / w:.2f}/day) vs baseline {self.base_count} in {self.base_days} days "
            f"({self.base_rate:.2f}/day)"
        )
        if self.base_count == 0 and x == 0:
            return head + f": no events in either; {INSUFFICIENT}"
        ci = f"{p.confidence:.0%} CI {_num(lo)}-{_num(hi)}"
        level = int(self.levels[i])
        rule = {
            2: f"lower bound >= {p.collapsing_ratio:g}",
            1: f"lower bound >= {p.strained_ratio:g}",
            0: f"upper bound < {p.holding_ratio:g}",
            -1: f"lower bound < {p.strained_ratio:g}, upper bound >= {p.holding_ratio:g}: too few events to tell",
        }[level]
        return f"{head}: rate {_num(float(self.ratio[i]))}x baseline, {ci}; {LEVELS[level]} ({rule})"


def _num(v: float) -> str:
    return "inf" if math.isinf(v) else f"{v:.2f}"


def _rolling(counts: np.ndarray, window: int) -> tuple[np.ndarray, np.ndarray]:
    """Sum and length of the trailing window for each day (shorter at the start of the series)."""
    n = len(counts)
    cum = np.concatenate([[0], np.cumsum(counts)])
    days = np.arange(n)
    start = np.maximum(days - window + 1, 0)
    return cum[days + 1] - cum[start], days + 1 - start


def assess(
    counts: np.ndarray | list[int],
    base_rate: float | None,
    params: TrendParams = DEFAULT_PARAMS,
    base_days: int | None = None,
) -> Trend:
    """Apply the status rule to each day of a daily count series starting on the agreement's first day.

    ``base_rate`` is the pre-agreement rate per day over ``base_days`` (default ``params.baseline_days``);
    None means no baseline events.
    """
    x = np.asarray(counts, dtype=np.int64)
    n = len(x)
    t = int(base_days or params.baseline_days)
    b = int(round((base_rate or 0.0) * t))
    sums, lengths = _rolling(x, params.window)
    lower, upper = _ratio_ci(sums, lengths, b, t, params.confidence)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = (sums / np.maximum(lengths, 1)) / (b / t) if b else np.where(sums > 0, math.inf, math.nan)
    levels = np.full(n, -1, dtype=np.int64)
    levels[upper < params.holding_ratio] = 0
    levels[lower >= params.strained_ratio] = 1
    levels[lower >= params.collapsing_ratio] = 2
    return Trend(
        counts=x,
        window_counts=sums,
        window_days=lengths,
        ratio=ratio,
        lower=lower,
        upper=upper,
        levels=levels,
        base_count=b,
        base_days=t,
        params=params,
    )
