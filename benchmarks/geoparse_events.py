"""Event-location check: are the places of hand-coded events found and resolved within 25 km?

For each gold event (benchmarks/gold/demo_events.jsonl over the synthetic demo corpus, and
seed_events.jsonl over ../shared's seed article when present), the article is geoparsed and the
toponyms naming the event's place (same transliteration key as ``location_name``) are compared with
the gold point. Reports the share within 25 km and 161 km. Usage::

    .venv/bin/python benchmarks/geoparse_events.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

import json  # noqa: E402

from trucewatch import places  # noqa: E402
from trucewatch.places.normalize import loose_key  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
DEMO = REPO / "src" / "trucewatch" / "data" / "demo" / "corpus"
SEED = REPO.parent / "shared" / "corpus"


def _events(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def measure(events: list[dict], folder: Path) -> dict:
    n = hit25 = hit161 = found = 0
    misses = []
    cache: dict[str, list[dict]] = {}
    for ev in events:
        if not ev.get("location_name") or ev.get("lat") is None:
            continue
        txt = folder / f"{ev['article']}.txt"
        if not txt.exists():
            continue
        n += 1
        if ev["article"] not in cache:
            cache[ev["article"]] = places.geoparse(txt.read_text(encoding="utf-8"))
        key = loose_key(ev["location_name"])
        same = [
            r
            for r in cache[ev["article"]]
            if loose_key(r["text"]) == key or loose_key(r["name"] or "") == key
        ]
        if not same:
            misses.append(f"{ev['article']}: {ev['location_name']} not found")
            continue
        found += 1
        best = min(places.distance_km(ev["lat"], ev["lon"], r["lat"], r["lon"]) for r in same)
        hit25 += best <= 25
        hit161 += best <= 161
        if best > 25:
            misses.append(f"{ev['article']}: {ev['location_name']} resolved {best:.0f} km away")
    return {
        "events": n,
        "found": found,
        "acc_25km": round(hit25 / n, 4) if n else None,
        "acc_161km": round(hit161 / n, 4) if n else None,
        "misses": misses,
    }


def main() -> int:
    out = {}
    for name, gold, folder in (
        ("demo", REPO / "benchmarks" / "gold" / "demo_events.jsonl", DEMO),
        ("seed", REPO / "benchmarks" / "gold" / "seed_events.jsonl", SEED),
    ):
        res = measure(_events(gold), folder)
        if not res["events"]:
            print(f"skip {name}: no gold events or articles")
            continue
        out[name] = res
        print(
            f"{name}: {res['events']} event locations | found {res['found']} | "
            f"within 25 km {res['acc_25km']} | within 161 km {res['acc_161km']}"
        )
        for m in res["misses"]:
            print("   ", m)
    path = REPO / "benchmarks" / "results" / "geoparse_events.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(out, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
