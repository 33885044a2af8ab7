"""Detection delay and false alarms of the ceasefire trend test on simulated streams with known truth.

Each seed draws a pre-agreement rate b (14 days), a holding truce rate h = b * U(0.1, 0.3), and, for the
"rising" stream, a day R in [30, 60) after which the rate jumps to b * U(lo, hi). Streams run 90 days from
the agreement's start. A "holding" stream keeps rate h throughout. Scenarios:

* ``collapse``: b ~ U(4, 12) events/day, rise to 50-100% of b (the truce falls back towards the old level);
* ``sparse``: b ~ U(0.5, 2) events/day (few reports per day, as in news-derived data), rise to 50-100% of b;
* ``partial``: b ~ U(4, 12), rise to only 30-45% of b (a truce strained, not collapsing).

Measured: detection delay (first day with status strained or worse, at or after R, minus R; also for
collapsing), share of rising streams detected by day 90, false-alarm rate = share of holding streams with any
alert, share of rising streams alerted before R, and on holding streams (from day 7) the share of days said to
be holding and said to be "insufficient data" (few events: sparse streams).

Run: .venv/bin/python benchmarks/ceasefire_sim.py [--seeds 500]  -> benchmarks/results/ceasefire_sim.json
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

# Run as a script, this folder comes first on sys.path; a sibling module named like a standard-library
# one (e.g. numbers.py) would then shadow it inside numpy. Drop the folder from the path.
_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]

import numpy as np  # noqa: E402

from trucewatch.ceasefire.trend import DEFAULT_PARAMS, TrendParams, assess  # noqa: E402

HORIZON = 90
PRE_DAYS = 14
OUT = Path(__file__).resolve().parent / "results" / "ceasefire_sim.json"


def _stats(values: list[int]) -> dict[str, float | None]:
    if not values:
        return {"median": None, "p90": None, "mean": None}
    arr = np.asarray(values, dtype=float)
    return {
        "median": float(np.median(arr)),
        "p90": float(np.percentile(arr, 90)),
        "mean": round(float(arr.mean()), 2),
    }


SCENARIOS: dict[str, tuple[tuple[float, float], tuple[float, float]]] = {
    "collapse": ((4.0, 12.0), (0.5, 1.0)),
    "sparse": ((0.5, 2.0), (0.5, 1.0)),
    "partial": ((4.0, 12.0), (0.3, 0.45)),
}


def run(seeds: int = 500, params: TrendParams = DEFAULT_PARAMS, scenario: str = "collapse") -> dict[str, Any]:
    """Simulate ``seeds`` pairs of streams (rising, holding) and score the trend test."""
    (b_lo, b_hi), (r_lo, r_hi) = SCENARIOS[scenario]
    started = time.perf_counter()
    delays: list[int] = []
    collapse_delays: list[int] = []
    missed = early = holding_alarms = 0
    said_holding: list[float] = []
    said_unsure: list[float] = []
    for seed in range(seeds):
        rng = np.random.default_rng(seed)
        b = rng.uniform(b_lo, b_hi)
        h = b * rng.uniform(0.1, 0.3)
        rise = int(rng.integers(30, 60))
        high = b * rng.uniform(r_lo, r_hi)
        pre = rng.poisson(b, PRE_DAYS)
        base_rate = pre.sum() / PRE_DAYS
        rates = np.where(np.arange(HORIZON) < rise, h, high)
        rising = assess(rng.poisson(rates), base_rate, params, PRE_DAYS)
        holding = assess(rng.poisson(h, HORIZON), base_rate, params, PRE_DAYS)
        if rising.first_alarm() is not None and rising.first_alarm() < rise:  # type: ignore[operator]
            early += 1
        hit = rising.first_alarm(after=rise)
        if hit is None:
            missed += 1
        else:
            delays.append(hit - rise)
        collapse = np.flatnonzero(rising.levels[rise:] == 2)
        if collapse.size:
            collapse_delays.append(int(collapse[0]))
        if holding.first_alarm() is not None:
            holding_alarms += 1
        # from day 7 (a full window) on: share of holding days that say so, or say "insufficient data"
        said_holding.append(float(np.mean(holding.levels[params.window:] == 0)))
        said_unsure.append(float(np.mean(holding.levels[params.window:] == -1)))
    return {
        "scenario": scenario,
        "seeds": seeds,
        "horizon_days": HORIZON,
        "params": asdict(params),
        "delay_days": _stats(delays),
        "collapsing_delay_days": _stats(collapse_delays),
        "detected_share": round(1 - missed / seeds, 4),
        "false_alarm_rate": round(holding_alarms / seeds, 4),
        "alarm_before_rise_rate": round(early / seeds, 4),
        "holding_days_said_holding": round(float(np.mean(said_holding)), 4),
        "holding_days_said_insufficient": round(float(np.mean(said_unsure)), 4),
        "seconds": round(time.perf_counter() - started, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=500)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    started = time.perf_counter()
    result = {name: run(args.seeds, scenario=name) for name in SCENARIOS}
    result["total_seconds"] = round(time.perf_counter() - started, 2)  # type: ignore[assignment]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
