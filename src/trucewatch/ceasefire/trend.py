"""Is a truce holding? A stated test over daily violation counts.

Method (day 0 = the agreement's first day, in its own time zone):

* Reference: the truce's own first ``ref_days`` days (default 14): Y violations over T days.
* Rate test, each day d >= ref_days: X = violations in the last ``window`` days (default 7, never reaching
  back into the reference). Under "no change", X given X + Y is Binomial(X + Y, w / (w + T)) (the exact
  conditional test of two Poisson rates; it carries the reference's own uncertainty). One-sided p-value
  P(Bin >= X). Signal when p < ``alpha`` (0.001) and X >= ``min_count`` (3).
* CUSUM on daily counts (Poisson log-likelihood ratio): in-control rate l0 = (Y + 1) / T, out-of-control
  l1 = max(k * l0, l0 + ``cusum_min_shift``) with k = ``cusum_ratio`` (2); S_d = max(0, S_{d-1} + x_d ln(l1/l0)
  - (l1 - l0)); signal when S_d > ``cusum_h`` (8). S restarts after the reference.
* Status on day d: **holding** without a signal; **strained** with a signal; **collapsing** with a signal and a
  rolling rate back to at least ``collapse_ratio`` (50%) of the pre-agreement baseline rate (or, without a
  baseline, at least ``collapse_ref_ratio`` (3) times the reference rate). Before the reference is complete
  the status is strained when the rolling count is significantly (same conditional binomial test, level
  ``alpha``) above ``collapse_ratio`` times the baseline rate: the truce has not taken hold.
* An alert is raised on each day the status worsens.

Defaults were set on simulated streams (benchmarks/ceasefire_sim.py), never on gold data.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy import stats

HOLDING, STRAINED, COLLAPSING = "holding", "strained", "collapsing"
LEVELS = (HOLDING, STRAINED, COLLAPSING)


@dataclass(frozen=True, slots=True)
class TrendParams:
    ref_days: int = 14
    window: int = 7
    alpha: float = 0.001
    min_count: int = 3
    cusum_ratio: float = 2.0
    cusum_min_shift: float = 1.0
    cusum_h: float = 8.0
    collapse_ratio: float = 0.5
    collapse_ref_ratio: float = 3.0


DEFAULT_PARAMS = TrendParams()


@dataclass(slots=True)
class Trend:
    """Per-day results for one daily count series (index 0 = the agreement's first day)."""

    counts: np.ndarray
    window_counts: np.ndarray
    p_values: np.ndarray  # NaN before the reference is complete
    cusum: np.ndarray
    levels: np.ndarray  # 0 holding, 1 strained, 2 collapsing
    ref_rate: float | None
    base_rate: float | None

    def status(self, day: int | None = None) -> str:
        if len(self.levels) == 0:
            return HOLDING
        i = len(self.levels) - 1 if day is None else day
        return LEVELS[int(self.levels[i])]

    def first_alarm(self, after: int = 0) -> int | None:
        hits = np.flatnonzero(self.levels[after:] > 0)
        return int(hits[0]) + after if hits.size else None

    def alert_days(self) -> list[int]:
        """Days on which the level rose above the previous day's."""
        prev = np.concatenate([[0], self.levels[:-1]])
        return [int(d) for d in np.flatnonzero(self.levels > prev)]


def _rolling(counts: np.ndarray, window: int, floor: int) -> tuple[np.ndarray, np.ndarray]:
    """Sum and length of the trailing window for each day; windows never start before ``floor``
    once ``floor`` is reached (so they do not overlap the reference)."""
    n = len(counts)
    cum = np.concatenate([[0], np.cumsum(counts)])
    days = np.arange(n)
    start = np.maximum(days - window + 1, 0)
    start = np.where(days >= floor, np.maximum(start, floor), start)
    return cum[days + 1] - cum[start], days + 1 - start


def assess(
    counts: np.ndarray | list[int],
    base_rate: float | None,
    params: TrendParams = DEFAULT_PARAMS,
    base_days: int = 14,
) -> Trend:
    """Run the rate test and the CUSUM over a daily count series starting on the agreement's first day."""
    x = np.asarray(counts, dtype=np.int64)
    n = len(x)
    T = params.ref_days
    sums, lengths = _rolling(x, params.window, T)
    rates = sums / np.maximum(lengths, 1)
    p = np.full(n, np.nan)
    cusum = np.zeros(n)
    levels = np.zeros(n, dtype=np.int64)
    base_known = base_rate is not None and base_rate > 0
    ref_rate: float | None = None
    if n > T:
        y = int(x[:T].sum())
        ref_rate = y / T
        d = np.arange(T, n)
        q = lengths[d] / (lengths[d] + T)
        p[d] = stats.binom.sf(sums[d] - 1, sums[d] + y, q)
        l0 = (y + 1) / T
        l1 = max(params.cusum_ratio * l0, l0 + params.cusum_min_shift)
        inc = x[T:] * math.log(l1 / l0) - (l1 - l0)
        s = 0.0
        for i, v in enumerate(inc):
            s = max(0.0, s + v)
            cusum[T + i] = s
        signal = ((p[d] < params.alpha) & (sums[d] >= params.min_count)) | (cusum[d] > params.cusum_h)
        if base_known:
            high = rates[d] >= params.collapse_ratio * float(base_rate)  # type: ignore[arg-type]
        else:
            high = rates[d] >= params.collapse_ref_ratio * max(ref_rate, 1.0 / T)
        levels[d] = np.where(signal, np.where(high, 2, 1), 0)
    if base_known and n:
        # reference period: is the rate significantly above collapse_ratio x the baseline?
        early = np.arange(min(n, T))
        b = float(base_rate) * base_days  # type: ignore[arg-type]
        cw = params.collapse_ratio * lengths[early]
        p_early = stats.binom.sf(sums[early] - 1, sums[early] + round(b), cw / (cw + base_days))
        hot = (p_early < params.alpha) & (sums[early] >= params.min_count)
        levels[early] = np.where(hot, 1, 0)
    return Trend(
        counts=x,
        window_counts=sums,
        p_values=p,
        cusum=cusum,
        levels=levels,
        ref_rate=ref_rate,
        base_rate=base_rate if base_known else None,
    )
