"""Why the ACLED notes' event place misses: each miss of ``real_sets.py acled`` classified by cause.

    .venv/bin/python benchmarks/place_misses.py [--set acled|acled-imported] [--show CAUSE] [--sample N]

Reads the place_25km errors of the last ``real_sets.py acled`` run (benchmarks/results/real_sets.json), runs the
pipeline again on those notes only (in the configuration of the current TRUCEWATCH_CACHE: for ``acled-imported``
point it at the imported cache, as real_sets.py's child does) and sorts each miss into one cause:

- ``no place``: the note names nothing the gazetteer knows (no toponym found, no word run of the note matches).
- ``absent``: no word run of the note names a gazetteer place within 25 km of ACLED's point (the village, or
  anything near it, is missing from the data; or ACLED coded a place the note does not write).
- ``not found``: a run of the note names a place within 25 km, but no toponym span covers it (NER / span finder).
- ``wrong candidate``: a toponym span covers that name but resolved it elsewhere (a namesake won).
- ``wrong mention``: a toponym of the note resolved within 25 km, but the event took another place.
- ``no event place``: the note has such a toponym, but the event got no place at all.
Prints counts per cause and per sub-type; ``--show CAUSE`` lists the notes of one cause. Evaluation only (quotes
third-party notes on screen; writes nothing).
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from common import RESULTS  # noqa: E402
from real_sets import _choose, acled_articles, acled_rows, run_pipeline  # noqa: E402

_WORD = re.compile(r"[^\W\d_][\w'\u2019-]*")


def _runs(text: str, longest: int = 4) -> list[tuple[int, int, str]]:
    """Every run of 1..longest words of the text, with offsets."""
    words = [(m.start(), m.end()) for m in _WORD.finditer(text)]
    out = []
    for i in range(len(words)):
        for j in range(i, min(i + longest, len(words))):
            s, e = words[i][0], words[j][1]
            out.append((s, e, text[s:e]))
    return out


def _key(s: str) -> str:
    from trucewatch.places.normalize import plain_key

    return plain_key(s)


def _absent(row: dict, text: str, gaz, lat: float, lon: float) -> tuple[str, str]:
    """``absent`` split: a near gazetteer place spelled like a run of the note ("spelling"); ACLED's location
    not written in the note ("not written"); else the place is missing from the data ("missing")."""
    import difflib

    import numpy as np

    dlat = np.radians(gaz.lat - lat)
    dlon = np.radians(gaz.lon - lon) * np.cos(np.radians(lat))
    near = np.flatnonzero(6371 * np.sqrt(dlat**2 + dlon**2) <= 25)
    runs = {_key(t) for _, _, t in _runs(text, 3) if t[0].isupper() and len(t) >= 4}
    for r in near:
        name = _key(gaz.names[int(r)])
        close = difflib.get_close_matches(name, runs, n=1, cutoff=0.8)
        if close:
            return "absent: spelling", f"{gaz.names[int(r)]} ~ {close[0]}"
    gold = _key(row["location"])
    written = gold in _key(text) or any(w in runs for w in gold.split() if len(w) >= 5)
    return ("absent: missing" if written else "absent: not written"), f"{len(near)} gazetteer places within 25 km"


def _right_admin(place, row: dict) -> bool:
    """The event's place lies in ACLED's first-level division (or is it, or its district)."""
    import difflib

    if place is None:
        return False

    def alike(a: str | None, b: str | None) -> bool:
        a, b = _key(a or ""), _key(b or "")
        return bool(a and b) and (a in b or b in a or difflib.SequenceMatcher(None, a, b).ratio() >= 0.75)

    return alike(place.admin1, row["admin1"]) or alike(place.name, row["admin1"]) or alike(place.name, row["admin2"])


def classify(row: dict, art, events, locs, gaz) -> tuple[str, str]:
    from trucewatch.places import distance_km

    lat, lon = float(row["latitude"]), float(row["longitude"])

    def near(r: int) -> bool:
        return distance_km(float(gaz.lat[r]), float(gaz.lon[r]), lat, lon) <= 25

    text = art.text
    near_runs = []
    any_known = False
    for s, e, t in _runs(text):
        if not t[0].isupper():
            continue
        rows = gaz.lookup_exact(t) or gaz.lookup(t)
        if rows:
            any_known = True
        if any(near(r) for r in rows):
            near_runs.append((s, e, t))
    ok_locs = [lc for lc in locs if lc.place and distance_km(lc.place.lat, lc.place.lon, lat, lon) <= 25]
    if not locs and not any_known:
        return "no place", ""
    if ok_locs:
        chosen = None
        for ev in events:
            if ev.location is not None:
                chosen = ev.location
        return ("wrong mention" if chosen else "no event place"), ", ".join(sorted({lc.text for lc in ok_locs}))
    if not near_runs:
        return _absent(row, text, gaz, lat, lon)
    covered = [(s, e, t) for s, e, t in near_runs if any(lc.start <= s and e <= lc.end for lc in locs)]
    if covered:
        return "wrong candidate", ", ".join(sorted({t for _, _, t in covered}))
    return "not found", ", ".join(sorted({t for _, _, t in near_runs}))


def main(argv: list[str]) -> int:
    from trucewatch import places

    which = argv[argv.index("--set") + 1] if "--set" in argv else "acled"
    show = argv[argv.index("--show") + 1] if "--show" in argv else None
    res = json.loads((RESULTS / "real_sets.json").read_text())["acled_notes"]
    part = res.get("imported", {}) if which.endswith("-imported") else res
    errs = {e["row"]: e for e in part["errors"]["place_25km"]}
    sample = int(argv[argv.index("--sample") + 1]) if "--sample" in argv else 40
    rows = [r for r in acled_rows(sample) if int(r["_row"]) in errs]
    arts = acled_articles(rows)
    seen: dict[str, list] = {}
    real_annotate = places.annotate

    def spy(article, parsed, gazetteer=None):
        out = real_annotate(article, parsed, gazetteer)
        seen[article.id] = out
        return out

    places.annotate = spy
    pred, _ = run_pipeline(arts)
    gaz = places.load_gazetteer()
    by_cause: Counter[str] = Counter()
    dist: dict[str, Counter] = defaultdict(Counter)
    right_admin: Counter[str] = Counter()
    by_sub: dict[str, Counter[str]] = defaultdict(Counter)
    listed = []
    for r, art in zip(rows, arts, strict=True):
        e = errs[int(r["_row"])]
        events = pred.get(art.id, (None, [], {}))[1]
        ev = _choose(events, r["sub_event_type"])
        cause, what = classify(r, art, [ev] if ev else [], seen.get(art.id, []), gaz)
        by_cause[cause] += 1
        place = ev.location.place if ev is not None and ev.location is not None else None
        right_admin[cause] += _right_admin(place, r)
        m = re.search(r"\((\d+) km\)", str(e["got"]))
        dist[cause][None if not m else 50 if int(m[1]) <= 50 else 100 if int(m[1]) <= 100 else 999] += 1
        by_sub[r["sub_event_type"]][cause] += 1
        if show in (cause, "all"):
            listed.append((cause, e, what, r))
    if show is not None:
        for cause, e, what, r in listed:
            print(f"[{cause}] row {e['row']} {e['sub_event_type']}: got {e['got']} | gold {e['gold']} "
                  f"({r['admin2']}, {r['admin1']}, {r['country']}) | near: {what}")
            print("   ", r["notes"][:400])
    total = sum(by_cause.values())
    print(f"{total} misses ({which}); how far the event's place is: <=50 km, <=100 km, farther, no place; "
          "in ACLED's district or region")
    for c, n in by_cause.most_common():
        b = dist[c]
        print(f"  {c:20} {n:4}  {n / total:5.1%}   {b[50]:3} {b[100]:3} {b[999]:3} {b[None]:3}   {right_admin[c]:3}")
    for s, cs in sorted(by_sub.items(), key=lambda x: -sum(x[1].values())):
        print(f"  {s[:40]:40} {sum(cs.values()):3}  " + ", ".join(f"{c} {n}" for c, n in cs.most_common()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
