"""The truce monitor on a real series: UCDP GED Syria 2016 through the 2016 cessation of hostilities.

The GED rows of 2016-01-01..2016-06-30 are imported with ``trucewatch.importers.read_ucdp`` into an in-memory
store, judged against ``syria-coh-2016`` (started 27 Feb 2016) and run through the monitor. Printed: per week
(weeks ending on Saturdays) the events with the Syrian government as side A (UCDP's count), the events judged
violations / contested / not violations, and the status at the week's end with its rate ratio and 95% interval;
then every day the status changed. Checked: no event with Islamic State or Nusra (or its later names) on
either side is counted as a violation. Nothing is fitted to this series: the rule's thresholds are the defaults.

Data: UCDP Georeferenced Event Dataset, Sundberg & Melander 2013 (CC BY 4.0), from ../shared/eval/ucdp-ged.
Run: .venv/bin/python benchmarks/ucdp_truce.py  -> benchmarks/results/ucdp_truce.json
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]
sys.path.append(str(_HERE))

from common import EVAL, save  # noqa: E402

FILE = EVAL / "ucdp-ged" / "syria-2016-2019.csv"
AGREEMENT = "syria-coh-2016"
FIRST, LAST = dt.date(2016, 1, 1), dt.date(2016, 6, 30)
SERIES_FROM, SERIES_TO = dt.date(2016, 1, 30), dt.date(2016, 5, 28)  # weeks shown (Saturdays)
EXCLUDED_NAMES = ("IS", "Jabhat Fateh al-Sham", "HTS")  # UCDP's names for Islamic State and Nusra


def _rows_in_range(path: Path, out: Path) -> int:
    import csv

    with path.open(encoding="utf-8", newline="") as src, out.open("w", encoding="utf-8", newline="") as dst:
        reader = csv.DictReader(src)
        writer = csv.DictWriter(dst, fieldnames=reader.fieldnames or [])
        writer.writeheader()
        n = 0
        for row in reader:
            if FIRST.isoformat() <= row["date_start"][:10] <= LAST.isoformat():
                writer.writerow(row)
                n += 1
    return n


def _sides(ev: Any) -> list[str]:
    refs = [ev.actor1, ev.actor2, *ev.assoc_actor1, *ev.assoc_actor2]
    return [r.text for r in refs if r is not None]


def run(path: Path = FILE) -> dict[str, Any]:
    import tempfile

    from trucewatch import actors, ceasefire, importers, pipeline
    from trucewatch.ceasefire.rollup import daily_counts, violation_frame
    from trucewatch.ceasefire.trend import LEVELS, TrendParams, assess
    from trucewatch.store import open_store

    started = time.perf_counter()
    dictionary = actors.load_dictionary()
    with tempfile.TemporaryDirectory() as tmp:
        part = Path(tmp) / "ged-2016h1.csv"
        rows = _rows_in_range(path, part)
        events, skips = importers.read_ucdp(part, dictionary)
    imported = time.perf_counter()
    with open_store(":memory:") as st:
        importers.write(st, events, skips)
        again = importers.write(st, events, [])  # a second import adds nothing
        pipeline.judge_all(st)
        agreement = next(a for a in pipeline.all_agreements(st) if a.id == AGREEMENT)
        verdicts = st.violations(AGREEMENT)
        stored = st.events()
        table = {a.id: a for a in dictionary.actors()}
        checkpoint = ceasefire.status(agreement, stored, verdicts, dt.date(2016, 4, 16), actors=table)
    status_of = {v.event_id: v.status.value for v in verdicts}
    params = TrendParams.from_mapping(agreement.status_rule)
    start = agreement.start.date()
    base = ceasefire.baseline(agreement, events, table, params.baseline_days)
    counted = violation_frame(verdicts, events)
    trend = assess(daily_counts(counted, start, SERIES_TO).to_numpy(), base.rate, params, base.days)

    # IS / Nusra: never a violation
    excluded_events = [e for e in events if any(n in EXCLUDED_NAMES for n in _sides(e))]
    excluded_judged = Counter(status_of[e.id] for e in excluded_events if start <= e.date.first <= SERIES_TO)

    weeks = []
    end = SERIES_FROM
    while end <= SERIES_TO:
        first = end - dt.timedelta(days=6)
        inside = [e for e in events if first <= e.date.first <= end]
        judged = Counter(status_of[e.id] for e in inside)
        row: dict[str, Any] = {
            "week_to": end.isoformat(),
            "government_side_a": sum(1 for e in inside if e.actor1 and e.actor1.text == "Government of Syria"),
            "events": len(inside),
            "violations": judged.get("violation", 0),
            "contested": judged.get("contested", 0),
            "not_violations": judged.get("not_violation", 0),
        }
        if end >= start:
            d = (end - start).days
            row.update(
                status=LEVELS[int(trend.levels[d])],
                ratio=round(float(trend.ratio[d]), 2),
                ci=[round(float(trend.lower[d]), 2), round(float(trend.upper[d]), 2)],
            )
        weeks.append(row)
        end += dt.timedelta(days=7)

    changes = []
    prev = None
    for d in range(len(trend.levels)):
        level = LEVELS[int(trend.levels[d])]
        if level != prev:
            changes.append({"date": (start + dt.timedelta(days=d)).isoformat(), "status": level,
                            "why": trend.why(d)})
        prev = level

    def first_day(levels: set[int], after: dt.date = start) -> str | None:
        for d in range((after - start).days, len(trend.levels)):
            if int(trend.levels[d]) in levels:
                return (start + dt.timedelta(days=d)).isoformat()
        return None

    march = [w for w in weeks if w["week_to"].startswith("2016-03")]
    return {
        "file": str(path.name),
        "credit": importers.UCDP_CREDIT,
        "agreement": AGREEMENT,
        "rows_2016_h1": rows,
        "imported": len(events),
        "skipped": len(skips),
        "reimport_added": again,
        "baseline": {"first": base.first.isoformat(), "last": base.last.isoformat(), "violations": base.count},
        "params": {k: getattr(params, k) for k in params.__dataclass_fields__},
        "weeks": weeks,
        "march_statuses": sorted({w.get("status") for w in march}),
        "first_strained_or_worse": first_day({1, 2}),
        "first_collapsing": first_day({2}),
        "first_strained_in_april": first_day({1, 2}, dt.date(2016, 4, 1)),
        "status_changes": changes,
        "status_on_2016_04_16": checkpoint.status,
        "why_on_2016_04_16": checkpoint.areas[ceasefire.ALL].reason,
        "excluded_group_events": len(excluded_events),
        "excluded_group_judgements": dict(excluded_judged),
        "excluded_counted_as_violations": excluded_judged.get("violation", 0),
        "seconds_import": round(imported - started, 2),
        "seconds_total": round(time.perf_counter() - started, 2),
    }


def main() -> int:
    if not FILE.exists():
        print(f"skipped: {FILE} is absent")
        return 0
    r = run()
    save("ucdp_truce", r)
    print(f"{r['imported']} GED events imported ({r['skipped']} skipped); baseline {r['baseline']}")
    print("week to     gov.A  events  viol  contested  status          ratio  95% CI")
    for w in r["weeks"]:
        ci = w.get("ci")
        print(f"{w['week_to']}  {w['government_side_a']:5}  {w['events']:6}  {w['violations']:4}  {w['contested']:9}  "
              f"{w.get('status', 'not in force'):15} {w.get('ratio', ''):>5}  {ci if ci else ''}")
    print("status changes:")
    for c in r["status_changes"]:
        print(f"  {c['date']}: {c['status']}  ({c['why']})")
    print(f"first strained or worse: {r['first_strained_or_worse']}; first collapsing: {r['first_collapsing']}; "
          f"first alarm in April: {r['first_strained_in_april']}")
    print(f"IS/Nusra events: {r['excluded_group_events']}, judged {r['excluded_group_judgements']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
