"""Deduplication quality and cost.

Quality: pairwise and B-cubed precision/recall/F1 of the dedup stage on gold event records with gold cluster
ids (benchmarks/gold/demo_events.jsonl: the demo corpus's events, several fictional outlets reporting the same
events; cluster ids as in benchmarks/gold/dedup_clusters.json). The records go through the real
``within_article`` and incremental ``merge`` (articles in publication order, candidates blocked as the store
does), so this measures deduplication with the extraction taken as correct. A GDELT-like baseline (merge only
on identical type, day, place and actor1) is reported next to it.

Cost: time per new event against in-memory stores of growing size (40 events a day in one country),
with blocking by day and country: it stays flat as the store grows.

With ``--pipeline`` it also runs the real pipeline on the demo corpus and scores the dedup of the extracted
mentions (gold items matched to mentions by their evidence string): extraction errors then count too.

Run: .venv/bin/python benchmarks/dedup.py [--pipeline]   (writes benchmarks/results/dedup.json)
"""

from __future__ import annotations

import datetime as dt
import json
import random
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
# This folder goes last: a benchmark script must never shadow a standard library module.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE] + [str(HERE)]
from common import DEMO, GOLD, save  # noqa: E402
from trucewatch import dedup  # noqa: E402
from trucewatch.dedup.metrics import evaluate  # noqa: E402
from trucewatch.model import ActorRef, Count, Event, EventDate, Location, Mention, Modality, Place  # noqa: E402

Item = tuple[Mention, str, str, dt.date | None]  # mention, source, gold cluster, published


# --- a store in memory, blocked like the real one ------------------------------------------------


class MemoryStore:
    """Events indexed by (country, day): candidate lookup costs the block, not the store."""

    def __init__(self) -> None:
        self.events: dict[str, Event] = {}
        self.index: dict[tuple[str, dt.date], set[str]] = defaultdict(set)
        self.undated: set[str] = set()

    def _keys(self, ev: Event) -> list[tuple[str, dt.date]]:
        if ev.date is None or ev.date.first is None:
            return []
        country = ev.location.place.country if ev.location and ev.location.place else ""
        last = ev.date.last or ev.date.first
        return [
            (country, ev.date.first + dt.timedelta(days=i)) for i in range((last - ev.date.first).days + 1)
        ]

    def candidates(self, block: dedup.Block) -> list[Event]:
        found: set[str] = set()
        countries = block.countries or {""}
        for country in countries | {""}:
            d = block.first
            while d <= block.last:
                found |= self.index.get((country, d), set())
                d += dt.timedelta(days=1)
        return [self.events[i] for i in sorted(found) if i in self.events]

    def remove(self, ev_id: str) -> None:
        ev = self.events.pop(ev_id, None)
        if ev is not None:
            for k in self._keys(ev):
                self.index[k].discard(ev_id)

    def upsert(self, ev: Event) -> None:
        self.remove(ev.id)
        self.events[ev.id] = ev
        for k in self._keys(ev):
            self.index[k].add(ev.id)


def ingest_article(store: MemoryStore, mentions: list[Mention], source: str) -> list[Event]:
    """Dedup one article into the store; returns its single-article events (before cross-article merges)."""
    local = dedup.within_article(mentions, source=source)
    cands: dict[str, Event] = {}
    for ev in local:
        block = dedup.blocking_key(ev)
        if block is not None:
            for c in store.candidates(block):
                cands[c.id] = c
    res = dedup.merge(local, list(cands.values()), set())
    for rid in res.removed:
        store.remove(rid)
    for ev in res.events:
        store.upsert(ev)
    return local


# --- gold records to mentions ------------------------------------------------------------------


def _resolver() -> Callable[[str | None, dt.date | None], ActorRef | None]:
    try:
        from trucewatch import actors

        dictionary = actors.load_dictionary()
    except Exception as exc:  # the actor stage is optional here: fall back to names
        print(f"actor dictionary unavailable ({exc}); comparing actors by name")
        dictionary = None

    def resolve(name: str | None, on: dt.date | None) -> ActorRef | None:
        if not name:
            return None
        actor = dictionary.resolve(name, on) if dictionary is not None else None
        if actor is None:
            return ActorRef(name, 0, 0, None, name, None, None, None, confidence=0.5)
        return ActorRef(
            name, 0, 0, actor.id, actor.name, actor.inter, actor.side, actor.country, actor.kind, 1.0
        )

    return resolve


def _sidecar(article: str) -> dict[str, Any]:
    path = DEMO / "corpus" / f"{article}.json"
    return json.loads(path.read_text()) if path.exists() else {}


def gold_items(rows: Iterable[dict[str, Any]]) -> list[Item]:
    resolve = _resolver()
    items: list[Item] = []
    for i, r in enumerate(rows):
        side = _sidecar(r["article"])
        day = dt.date.fromisoformat(r["date"]) if r.get("date") else None
        published = dt.date.fromisoformat(side["published"]) if side.get("published") else day
        place = None
        if r.get("lat") is not None and r.get("lon") is not None:
            place = Place(int(r.get("geonameid") or 0), r.get("location_name") or "", r.get("country") or "",
                          float(r["lat"]), float(r["lon"]), admin1=r.get("admin1"), admin1_code=r.get("admin1_code"))  # fmt: skip
        prec = r.get("time_precision") or 1
        first, last = day, day
        if day is not None and prec == 2:
            first, last = day - dt.timedelta(days=3), day + dt.timedelta(days=3)
        elif day is not None and prec == 3:
            first, last = (
                day.replace(day=1),
                (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1),
            )
        counts = [Count("killed", "unknown", int(r["fatalities"]))] if r.get("fatalities") else []
        evidence = r.get("evidence") or ""
        m = Mention(
            event_type=r["event_type"],
            sub_event_type=r["sub_event_type"],
            actor1=resolve(r.get("actor1"), day),
            actor2=resolve(r.get("actor2"), day),
            location=Location(r.get("location_name") or "", 0, 0, place=place, geo_precision=r.get("geo_precision")) if place else None,
            date=EventDate(r.get("date") or "", 0, 0, first, last, prec, resolved=day is not None) if day else None,
            counts=counts,
            modality=Modality(r.get("modality") or "occurred"),
            attributed_to=r.get("attributed_to"),
            confidence=0.8,
            id=f"{r['article']}:{i}-{i + 1}",
            article_id=r["article"],
            sentence=evidence,
            trigger_start=i,
            trigger_end=i + 1,
        )  # fmt: skip
        items.append((m, side.get("source") or r["article"].split("-")[0], r["cluster"], published))
    return items


def run_dedup(items: list[Item]) -> dict[str, str]:
    """mention id -> predicted event id, feeding articles in publication order."""
    by_article: dict[str, list[Item]] = defaultdict(list)
    for it in items:
        by_article[it[0].article_id].append(it)
    order = sorted(by_article, key=lambda a: (by_article[a][0][3] or dt.date.min, a))
    store = MemoryStore()
    for art in order:
        group = by_article[art]
        ingest_article(store, [m for m, *_ in group], group[0][1])
    pred = {mid: ev.id for ev in store.events.values() for mid in ev.mention_ids}
    # a mention that makes no event of its own (only announced, negated, a caption) stands alone
    return {m.id: pred.get(m.id, f"no-event:{m.id}") for m, *_ in items}


def exact_match_baseline(items: list[Item]) -> dict[str, str]:
    """GDELT-like: same event type, day, place and actor1, nothing else."""
    pred: dict[str, str] = {}
    for m, *_ in items:
        place = m.location.place.geonameid if m.location and m.location.place else None
        key = (
            m.sub_event_type,
            m.date.first if m.date else None,
            place,
            m.actor1.actor_id if m.actor1 else None,
        )
        pred[m.id] = repr(key)
    return pred


def quality() -> dict[str, Any] | None:
    path = GOLD / "demo_events.jsonl"
    if not path.exists():
        print(f"no gold set at {path}; quality skipped")
        return None
    rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    rows = [r for r in rows if r.get("cluster")]
    if not rows:
        print("gold rows carry no cluster ids; quality skipped")
        return None
    items = gold_items(rows)
    gold = {m.id: c for m, _s, c, _p in items}
    t = time.perf_counter()
    pred = run_dedup(items)
    seconds = time.perf_counter() - t
    result = evaluate(pred, gold)
    result["seconds"] = round(seconds, 3)
    result["baseline_exact_match"] = evaluate(exact_match_baseline(items), gold)
    result["errors"] = _errors(pred, gold)
    return result


def _errors(pred: dict[str, str], gold: dict[str, str]) -> dict[str, list[list[str]]]:
    """Wrongly merged and wrongly separated item pairs, for reading."""
    ids = sorted(gold)
    merged, split = [], []
    for i, a in enumerate(ids):
        for b in ids[i + 1 :]:
            if pred[a] == pred[b] and gold[a] != gold[b]:
                merged.append([a, b])
            elif pred[a] != pred[b] and gold[a] == gold[b]:
                split.append([a, b])
    return {"wrongly_merged": merged, "wrongly_separate": split}


# --- end to end: extracted mentions aligned to gold items ------------------------------------------


def _norm(text: str) -> str:
    return " ".join(text.lower().replace("\u2019", "'").split())


def end_to_end(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Dedup of what the pipeline extracts from the demo corpus; gold items are aligned one-to-one to the
    mentions reporting them (``_align``). Unmatched gold items count as separate predictions."""
    from trucewatch import ingest, pipeline
    from trucewatch.model import Skip

    store = MemoryStore()
    mentions: dict[str, list[Mention]] = {}
    arts: list[tuple[dt.date, str, list[Mention], str]] = []
    for item in pipeline.extract(ingest.read_paths([DEMO / "corpus"], ingest.IngestDefaults())):
        if isinstance(item, Skip):
            continue
        article, ms = item
        key = str(article.meta.get("source_id") or Path(str(article.origin)).stem)
        mentions[key] = ms
        arts.append((article.published or dt.date.min, key, ms, article.source or key))
    local_of: dict[str, Event] = {}
    for _day, _key, ms, source in sorted(arts, key=lambda t: (t[0], t[1])):
        for ev in ingest_article(store, ms, source):
            local_of.update((mid, ev) for mid in ev.mention_ids)
    event_of = {mid: ev.id for ev in store.events.values() for mid in ev.mention_ids}
    gold = {f"{r['article']}#{i}": r["cluster"] for i, r in enumerate(rows)}
    matched_to = _align(rows, mentions)
    pred = {
        gid: event_of[m.id] if m is not None and m.id in event_of else "unmatched:" + gid
        for gid, m in matched_to.items()
    }
    matched = sum(1 for gid in pred if not pred[gid].startswith("unmatched:"))
    # The alignment used before 2026-11-25 (several gold items may share one mention), for comparison.
    first = _align(rows, mentions, one_to_one=False)
    legacy = {
        gid: event_of[m.id] if m is not None and m.id in event_of else "unmatched:" + gid
        for gid, m in first.items()
    }
    out = evaluate(pred, gold)
    out["gold_items_matched"] = matched
    out["gold_items"] = len(rows)
    out["errors"] = _errors(pred, gold)
    out["error_details"] = _explain(out["errors"], {g: m.id if m else None for g, m in matched_to.items()},
                                    local_of)  # fmt: skip
    out["first_match_alignment"] = evaluate(legacy, gold)
    return out


def _align(
    rows: list[dict[str, Any]], mentions: dict[str, list[Mention]], one_to_one: bool = True
) -> dict[str, Mention | None]:
    """Gold item id -> the extracted mention that reports it.

    Candidates are the article's mentions whose sentence contains the item's evidence (else the best fuzzy
    match). They rank by: trigger inside the evidence, same date, same event type, same sub-event type.
    ``one_to_one``: a mention reports one event, so it goes to at most one gold item (best ranked pairs
    first); a gold item whose mentions all went to others is unmatched (the extraction missed it).
    """
    from rapidfuzz import fuzz

    ranked: list[tuple[tuple[bool, ...], int, str, Mention]] = []
    ids: list[str] = []
    for i, r in enumerate(rows):
        gid = f"{r['article']}#{i}"
        ids.append(gid)
        ev_text = _norm(r.get("evidence") or "")
        arts = mentions.get(r["article"], [])
        cands = [m for m in arts if ev_text and ev_text in _norm(m.sentence)]
        if not cands:
            scored = [(fuzz.partial_ratio(ev_text, _norm(m.sentence)), m) for m in arts]
            cands = [m for sc, m in sorted(scored, key=lambda t: -t[0]) if sc >= 90][:1]
        for m in cands:
            key = (  # the first-match alignment ranks by type only
                not (one_to_one and _norm(m.trigger) in ev_text),
                not (one_to_one and m.date is not None and str(m.date.first) == r.get("date")),
                m.event_type != r["event_type"],
                m.sub_event_type != r["sub_event_type"],
            )
            ranked.append((key, i, gid, m))
    out: dict[str, Mention | None] = dict.fromkeys(ids)
    taken: set[str] = set()
    for _key, _i, gid, m in sorted(ranked, key=lambda t: (t[0], t[1], t[3].trigger_start)):
        if out[gid] is None and not (one_to_one and m.id in taken):
            out[gid] = m
            taken.add(m.id)
    return out


# --- why a pair went wrong -----------------------------------------------------------------------


def _brief(ev: Event) -> dict[str, Any]:
    """The fields dedup compares, short enough to read."""
    place = ev.location.place if ev.location and ev.location.place else None
    return {
        "id": ev.id,
        "type": ev.sub_event_type or ev.event_type,
        "date": None if ev.date is None else [str(ev.date.first), str(ev.date.last), ev.date.time_precision,
                                              ev.date.text or "(stand-in)"],  # fmt: skip
        "place": None if place is None else [place.name, place.feature_code, place.admin1,
                                             dedup.geo.precision_of(ev.location)],  # fmt: skip
        "actor1": None if ev.actor1 is None else ev.actor1.actor_id or ev.actor1.name or ev.actor1.text,
        "actor2": None if ev.actor2 is None else ev.actor2.actor_id or ev.actor2.name or ev.actor2.text,
        "modality": ev.modality.value,
    }


def _in_block(a: Event, b: Event) -> bool:
    """``b`` is among the candidates a ``MemoryStore`` holding it hands over for ``a``."""
    block = dedup.blocking_key(a)
    if block is None:
        return False
    probe = MemoryStore()
    probe.upsert(b)
    return bool(probe.candidates(block))


def _explain(
    errors: dict[str, list[list[str]]],
    matched_to: dict[str, str | None],
    local_of: dict[str, Event],
) -> list[dict[str, Any]]:
    """For each wrongly separated gold pair: the two single-article events (before any cross-article
    merge), whether blocking lets them meet, and the scores and veto of ``compare`` between them."""
    from trucewatch.dedup.cross import WEIGHTS

    out: list[dict[str, Any]] = []
    for a, b in errors["wrongly_separate"]:
        ma, mb = matched_to.get(a), matched_to.get(b)
        row: dict[str, Any] = {"pair": [a, b], "mentions": [ma, mb]}
        if ma is None or mb is None:
            row["why"] = "gold item not extracted"
        elif ma == mb or local_of[ma].id == local_of[mb].id:
            row["why"] = "one extracted event"
        else:
            ea, eb = local_of[ma], local_of[mb]
            if ea.article_ids == eb.article_ids:
                row["why"] = "kept apart within one article"
            comp = dedup.compare(ea, eb, WEIGHTS)
            row.update(events=[_brief(ea), _brief(eb)], blocked_together=_in_block(ea, eb) or _in_block(eb, ea),
                       **comp.as_dict())  # fmt: skip
        out.append(row)
    for a, b in errors["wrongly_merged"]:
        ma, mb = matched_to.get(a), matched_to.get(b)
        why = "same mention" if ma == mb else "merged"
        if ma and mb and ma != mb and local_of[ma].id == local_of[mb].id:
            why = "merged within one article"
        out.append({"pair": [a, b], "mentions": [ma, mb], "wrongly_merged": why})
    return out


# --- cost -----------------------------------------------------------------------------------------


#: Events per day in the synthetic stores: a busy day of news in one country.
PER_DAY = 40


def synthetic_event(rng: random.Random, n: int, start: dt.date, days: int) -> Event:
    lat, lon = 33 + rng.random() * 4, 36 + rng.random() * 4
    place = Place(100000 + n, f"Town {n}", "SY", lat, lon, admin1=f"Region {n % 14}")
    day = start + dt.timedelta(days=rng.randrange(days))
    m = Mention(
        event_type="Explosions/Remote violence",
        sub_event_type=rng.choice(["Air/drone strike", "Shelling/artillery/missile attack"]),
        trigger=rng.choice(["struck", "shelled", "bombed", "hit"]),
        location=Location(place.name, 0, 0, place=place, geo_precision=1),
        date=EventDate(day.isoformat(), 0, 0, day, day, 1, resolved=True),
        id=f"syn{n}:0-1",
        article_id=f"syn{n}",
        sentence=f"Forces {rng.choice(['struck', 'shelled'])} Town {n} on the day, killing {rng.randrange(1, 9)}.",
    )
    (ev,) = dedup.within_article([m], source=f"Outlet {n % 7}")
    return ev


def cost(sizes: Iterable[int] = (1000, 10000, 50000), probes: int = 300) -> list[dict[str, Any]]:
    rng = random.Random(7)
    start = dt.date(2016, 1, 1)
    out = []
    for size in sizes:
        store = MemoryStore()
        days = max(1, size // PER_DAY)  # the store grows by covering more days, as it does in use
        for n in range(size):
            store.upsert(synthetic_event(rng, n, start, days))
        new = [synthetic_event(rng, size + n, start, days) for n in range(probes)]
        t = time.perf_counter()
        seen = 0
        for ev in new:
            block = dedup.blocking_key(ev)
            cands = store.candidates(block) if block else []
            seen += len(cands)
            dedup.merge([ev], cands, set())
        ms = 1000 * (time.perf_counter() - t) / probes
        out.append(
            {
                "store_events": size,
                "ms_per_new_event": round(ms, 3),
                "candidates_per_event": round(seen / probes, 1),
            }
        )
        print(f"store {size:>6} events: {ms:.2f} ms per new event, {seen / probes:.1f} candidates each")
    return out


def main() -> None:
    result: dict[str, Any] = {}
    q = quality()
    if q is not None:
        result["demo"] = q
        b3, pw = q["bcubed"], q["pairwise"]
        print(
            f"demo gold: {q['clusters']['items']} items in {q['clusters']['gold']} clusters -> {q['clusters']['pred']} predicted"
        )
        print(f"  B-cubed P/R/F1 {b3['precision']:.3f} / {b3['recall']:.3f} / {b3['f1']:.3f}")
        print(f"  pairwise P/R/F1 {pw['precision']:.3f} / {pw['recall']:.3f} / {pw['f1']:.3f}")
        base = q["baseline_exact_match"]["bcubed"]
        print(f"  exact-match baseline B-cubed F1 {base['f1']:.3f}")
        for kind, pairs in q["errors"].items():
            for a, b in pairs:
                print(f"  {kind}: {a} | {b}")
    if "--pipeline" in sys.argv:
        rows = [json.loads(x) for x in (GOLD / "demo_events.jsonl").read_text().splitlines() if x.strip()]
        e2e = end_to_end([r for r in rows if r.get("cluster")])
        result["demo_end_to_end"] = e2e
        b3 = e2e["bcubed"]
        print(f"end to end: {e2e['gold_items_matched']}/{e2e['gold_items']} gold items matched to mentions;"
              f" B-cubed P/R/F1 {b3['precision']:.3f} / {b3['recall']:.3f} / {b3['f1']:.3f}")  # fmt: skip
        pw = e2e["pairwise"]
        print(f"  pairwise P/R/F1 {pw['precision']:.3f} / {pw['recall']:.3f} / {pw['f1']:.3f}")
        old = e2e["first_match_alignment"]
        print(f"  (first-match alignment: pairwise P/R/F1 {old['pairwise']['precision']:.3f} /"
              f" {old['pairwise']['recall']:.3f} / {old['pairwise']['f1']:.3f}; B-cubed F1 {old['bcubed']['f1']:.3f})")  # fmt: skip
        for row in e2e["error_details"]:
            print("  " + json.dumps(row, ensure_ascii=False, default=str))
    result["cost"] = cost()
    print("results:", save("dedup", result))


if __name__ == "__main__":
    main()
