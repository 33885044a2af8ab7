"""Numbers and dates: how often the dates and casualties stages read the gold fatalities and event days.

Gold: benchmarks/gold/demo_events.jsonl (hand-written events over the demo corpus; fields used:
article, evidence, fatalities, date, time_precision) and demo_negatives.jsonl (kind "cumulative":
war-wide totals that must not become an event's fatalities).

Three measurements, from the resolvers alone to the whole pipeline:

1. resolvers only (no event linking) on the event's own sentence:
- the sentence (spaCy) that contains the gold evidence is located in the article;
- fatalities = sum of `best` over non-cumulative "killed" counts in that sentence (0 when none),
  compared with the gold number: exact, and within 10%; a sentence holding two events sums both, so
  "read" also reports whether the gold number is one of the sentence's killed counts (the events
  stage, not this one, decides which count belongs to which event);
- date = the narrowest resolved EventDate in that sentence (else: none), compared with the gold day:
  exact day (a one-day date equal to gold) and within precision (gold day inside [first, last]);
  "read" reports whether the gold day is one of the sentence's resolved days (which one is the event's
  day is the events stage's choice);
  a second figure falls back to the publication date when the sentence has no date.
../shared/eval holds no gold for counts or dates (CASE 2021 task 2 labels event types of snippets;
the geoparsing sets label toponyms), so only a descriptive coverage figure is reported for CASE.

2. linked: the same sentence, with the gold evidence of every gold event of that sentence standing in
   for the triggers, counts given out by events.link.assign_counts and the date chosen by
   events.link.best_date (publication day when none): the resolvers plus the linking, without trigger
   detection or merging. A count stated only in another sentence is a miss here.
3. events: the whole extraction (pipeline.extract + dedup.within_article), comparing
   the fatalities and date of the predicted event matched to each gold event (the event whose
   mention sentence holds the gold evidence, same event type first, as benchmarks/accuracy.py does): this
   is where a count must go to the right one of two events sharing a sentence.

Run: .venv/bin/python benchmarks/numbers_bench.py  (--no-events skips the event-level part)
"""

from __future__ import annotations

import sys
from pathlib import Path

# This file is named like the stdlib module "numbers": take its folder off sys.path before anything
# imports the real one (numpy does), and load the shared helpers by path instead.
_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]

import csv  # noqa: E402
import datetime as dt  # noqa: E402
import importlib.util  # noqa: E402
import json  # noqa: E402
import time  # noqa: E402
from typing import Any  # noqa: E402

_spec = importlib.util.spec_from_file_location("trucewatch_bench_common", _HERE / "common.py")
assert _spec is not None and _spec.loader is not None
_common = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_common)
DEMO, EVAL, GOLD, save, words = _common.DEMO, _common.EVAL, _common.GOLD, _common.save, _common.words


def _articles() -> dict[str, tuple[str, dt.date | None]]:
    """Demo article id -> (text, publication date)."""
    out: dict[str, tuple[str, dt.date | None]] = {}
    try:  # the gold checker knows every demo source format (txt, jsonl, feed, page)
        sys.path.insert(0, str(GOLD))
        from check_gold import demo_articles, seed_article  # type: ignore[import-not-found]

        arts = list(demo_articles())
        seed = seed_article()
        if seed is not None:
            arts.append(seed)
        for a in arts:
            text = a.text
            if text.lstrip().startswith("<") and Path(a.origin).exists():
                text = _html_text(Path(a.origin)) or text
            out[a.id] = (text, _day(a.published))
        return out
    except Exception as exc:  # noqa: BLE001 - fall back to the plain corpus files
        print(f"note: check_gold.demo_articles unavailable ({exc}); reading corpus/*.txt only")
    for txt in sorted((DEMO / "corpus").glob("*.txt")):
        side = txt.with_suffix(".json")
        meta = json.loads(side.read_text(encoding="utf-8")) if side.exists() else {}
        pub = meta.get("published")
        out[txt.stem] = (txt.read_text(encoding="utf-8"), _day(pub))
    return out


def _html_text(path: Path) -> str | None:
    """Article text of an HTML page through the ingest stage (None when it cannot read it)."""
    try:
        from trucewatch import ingest

        for item in ingest.read_paths([path], ingest.IngestDefaults()):
            if not hasattr(item, "reason"):
                return item.text
    except Exception as exc:  # noqa: BLE001 - the ingest stage may be in flux
        print(f"note: ingest could not read {path.name}: {exc}")
    return None


def _day(value: str | None) -> dt.date | None:
    """An ISO date or an RFC 2822 feed date ("Tue, 17 May 2016 09:30:00 +0000")."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        from email.utils import parsedate_to_datetime

        return parsedate_to_datetime(value).date()


def _analyse(text: str, published: dt.date | None) -> tuple[Any, list, list, list, list]:
    """Segment, parse and run both resolvers on one article."""
    from trucewatch import casualties, dates, nlp
    from trucewatch.model import Article, Segment, SegmentKind

    art = Article(id="x", text=text, published=published)
    try:
        from trucewatch import clean

        clean.segment(art)
    except Exception:  # noqa: BLE001 - the clean stage may be in flux; one body segment still measures us
        art.segments = [Segment(SegmentKind.BODY, 0, len(text), text)]
    ((_, parsed),) = list(nlp.parse([art]))
    sents = [
        (ps.segment.start + s.start_char, ps.segment.start + s.end_char)
        for ps in parsed
        for s in ps.doc.sents
    ]
    t0 = time.perf_counter()
    eds = dates.annotate(art, parsed)
    t1 = time.perf_counter()
    counts = casualties.annotate(art, parsed)
    t2 = time.perf_counter()
    _TIMING["dates"] += t1 - t0
    _TIMING["casualties"] += t2 - t1
    _TIMING["words"] += sum(len(ps.doc) for ps in parsed)
    return art, sents, eds, counts, parsed


_TIMING: dict[str, float] = {"dates": 0.0, "casualties": 0.0, "words": 0.0}


def _sentence_of(text: str, evidence: str, sents: list[tuple[int, int]]) -> tuple[int, int] | None:
    at = text.find(evidence)
    if at < 0:
        return None
    end = at + len(evidence)
    hits = [(s, e) for s, e in sents if s < end and at < e]
    return (hits[0][0], hits[-1][1]) if hits else None


def _anchor(parsed: list, start: int, end: int) -> tuple[Any, Any, Any] | None:
    """(parsed segment, sentence, root token) of the gold evidence at absolute chars start..end."""
    for ps in parsed:
        seg = ps.segment
        if seg.start <= start < seg.end:
            span = ps.doc.char_span(start - seg.start, min(end, seg.end) - seg.start, alignment_mode="expand")
            if span is None or not len(span):
                return None
            return ps, span.root.sent, span.root
    return None


def _linked(
    art: Any, parsed: list, eds: list, counts: list, gold_rows: list[dict[str, Any]], row: dict[str, Any]
):
    """The events stage's choice for one gold event: (killed total assigned to it, its date).

    The gold evidence of every gold event of the sentence stands in for the triggers, so this measures
    the resolvers plus the linking (assign_counts, best_date), not trigger detection.
    """
    from trucewatch.events import link

    at = art.text.find(row["evidence"])
    found = _anchor(parsed, at, at + len(row["evidence"]))
    if found is None:
        return None
    ps, sent, head = found
    seg = ps.segment
    heads: list[Any] = []
    for other in gold_rows:
        o_at = art.text.find(other["evidence"])
        o = _anchor(parsed, o_at, o_at + len(other["evidence"])) if o_at >= 0 else None
        if o is not None and o[0] is ps and o[1].start == sent.start and all(h.i != o[2].i for h in heads):
            heads.append(o[2])
    k = next(i for i, h in enumerate(heads) if h.i == head.i)

    def spanned(items: list) -> list:
        out = []
        for it in items:
            if seg.start <= it.start and it.end <= seg.end and it.end > it.start:
                ts = link.token_span(ps.doc, seg.start, it.start, it.end)
                if ts is not None:
                    out.append(link.Spanned(it, ts[0], ts[1]))
        return out

    in_sent = [s for s in spanned(counts) if sent.start <= s.start < sent.end]
    mine = link.assign_counts(ps.doc, heads, in_sent).get(k, [])
    killed = [
        s.item.best
        for s in mine
        if s.item.what == "killed" and not s.item.cumulative and s.item.best is not None
    ]
    date = link.best_date(ps.doc, head, sent, spanned(eds))
    return sum(killed), (date.item if date else None)


def _rate(n: int, d: int) -> float | None:
    return round(n / d, 3) if d else None


def demo_benchmark() -> dict[str, Any]:
    from trucewatch.casualties import find_quantities

    path = GOLD / "demo_events.jsonl"
    if not path.exists():
        print(f"skip: {path} is absent")
        return {"skipped": f"{path.name} absent"}
    gold = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    seed_gold = GOLD / "seed_events.jsonl"  # events of the shared seed article, when written
    if seed_gold.exists():
        gold += [json.loads(x) for x in seed_gold.read_text(encoding="utf-8").splitlines() if x.strip()]
    articles = _articles()
    cache: dict[str, Any] = {}
    t0 = time.perf_counter()
    fat = {
        "n": 0,
        "exact": 0,
        "within10": 0,
        "n_stated": 0,
        "exact_stated": 0,
        "within10_stated": 0,
        "n_in_sentence": 0,
        "exact_in_sentence": 0,
        "read_in_sentence": 0,
    }
    day = {
        "n": 0,
        "exact": 0,
        "within": 0,
        "exact_pubfallback": 0,
        "n_day": 0,
        "read_day": 0,
        "exact_day": 0,
        "within_day": 0,
    }
    misses: list[dict[str, Any]] = []
    lk: dict[str, int] = {
        k: 0
        for k in (
            "fat_n",
            "fat_exact",
            "fat_n_stated",
            "fat_exact_stated",
            "fat_within10_stated",
            "date_n",
            "date_within",
            "date_n_day",
            "date_exact_day",
        )
    }
    lk_misses: list[dict[str, Any]] = []
    n_words = 0
    for row in gold:
        aid = row["article"]
        if aid not in articles:
            continue
        if aid not in cache:
            text, pub = articles[aid]
            cache[aid] = _analyse(text, pub)
            n_words += words(text)
        art, sents, eds, counts, parsed = cache[aid]
        span = _sentence_of(art.text, row["evidence"], sents)
        linked = _linked(art, parsed, eds, counts, [r for r in gold if r["article"] == aid], row)
        if span is None:
            misses.append({"article": aid, "problem": "evidence not found"})
            continue
        s, e = span
        if row.get("fatalities") is not None:
            killed = [
                c.best
                for c in counts
                if s <= c.start < e and c.what == "killed" and not c.cumulative and c.best is not None
            ]
            pred = sum(killed)
            g = int(row["fatalities"])
            ok, near = pred == g, abs(pred - g) <= 0.1 * g
            fat["n"] += 1
            fat["exact"] += ok
            fat["within10"] += near
            if g > 0:
                fat["n_stated"] += 1
                fat["exact_stated"] += ok
                fat["within10_stated"] += near
                if any(q.best == g for q in find_quantities(art.text[s:e])):  # the sentence itself gives it
                    fat["n_in_sentence"] += 1
                    fat["exact_in_sentence"] += ok
                    fat["read_in_sentence"] += g in killed  # read right, whatever else the sentence holds
            if not ok:
                misses.append({"article": aid, "field": "fatalities", "gold": g, "pred": pred})
            l_pred = linked[0] if linked else 0
            l_ok = l_pred == g
            lk["fat_n"] += 1
            lk["fat_exact"] += l_ok
            if g > 0:
                lk["fat_n_stated"] += 1
                lk["fat_exact_stated"] += l_ok
                lk["fat_within10_stated"] += abs(l_pred - g) <= 0.1 * g
            if not l_ok:
                lk_misses.append(
                    {
                        "article": aid,
                        "evidence": row["evidence"][:60],
                        "field": "fatalities",
                        "gold": g,
                        "pred": l_pred,
                    }
                )
        if row.get("date"):
            g_day = dt.date.fromisoformat(row["date"])
            cands = [d for d in eds if s <= d.start < e and d.resolved and d.first and d.last]
            cands.sort(key=lambda d: ((d.last - d.first).days, d.start))
            best = cands[0] if cands else None
            exact = best is not None and best.first == best.last == g_day
            within = best is not None and best.first <= g_day <= best.last
            pub_ok = exact or (best is None and art.published == g_day)
            day["n"] += 1
            day["exact"] += exact
            day["within"] += within
            day["exact_pubfallback"] += pub_ok
            if row.get("time_precision") == 1:
                day["n_day"] += 1
                day["exact_day"] += exact
                day["within_day"] += within
                day["read_day"] += any(d.first == d.last == g_day for d in cands)  # among the sentence's days
            l_date = linked[1] if linked else None
            if l_date is None and art.published is not None:
                l_first = l_last = art.published  # the events stage falls back to the publication day
            else:
                l_first, l_last = (l_date.first, l_date.last) if l_date else (None, None)
            l_exact = l_first == l_last == g_day
            lk["date_n"] += 1
            lk["date_within"] += l_first is not None and l_last is not None and l_first <= g_day <= l_last
            if row.get("time_precision") == 1:
                lk["date_n_day"] += 1
                lk["date_exact_day"] += l_exact
            if (
                not l_exact
                and row.get("time_precision") == 1
                or not (l_first and l_last and l_first <= g_day <= l_last)
            ):
                lk_misses.append(
                    {
                        "article": aid,
                        "evidence": row["evidence"][:60],
                        "field": "date",
                        "gold": row["date"],
                        "gold_precision": row.get("time_precision"),
                        "pred": [l_first, l_last, l_date.text if l_date else "(publication date)"],
                    }
                )
            if not exact:
                misses.append(
                    {
                        "article": aid,
                        "field": "date",
                        "gold": row["date"],
                        "pred": [best.first, best.last, best.text] if best else None,
                    }
                )
    secs = time.perf_counter() - t0
    cumulative = _negatives(cache, articles)
    return {
        "gold": str(path.relative_to(GOLD.parents[1])),
        "events": len(gold),
        "fatalities": {
            **fat,
            "exact_rate": _rate(fat["exact"], fat["n"]),
            "within10_rate": _rate(fat["within10"], fat["n"]),
            "exact_rate_stated": _rate(fat["exact_stated"], fat["n_stated"]),
            "within10_rate_stated": _rate(fat["within10_stated"], fat["n_stated"]),
            "exact_rate_in_sentence": _rate(fat["exact_in_sentence"], fat["n_in_sentence"]),
            "read_rate_in_sentence": _rate(fat["read_in_sentence"], fat["n_in_sentence"]),
        },
        "dates": {
            **day,
            "exact_rate": _rate(day["exact"], day["n"]),
            "within_rate": _rate(day["within"], day["n"]),
            "exact_rate_pubfallback": _rate(day["exact_pubfallback"], day["n"]),
            "exact_rate_day_knowable": _rate(day["exact_day"], day["n_day"]),
            "within_rate_day_knowable": _rate(day["within_day"], day["n_day"]),
            "read_rate_day_knowable": _rate(day["read_day"], day["n_day"]),
        },
        "linked": {
            **lk,
            "fatalities_exact_rate_stated": _rate(lk["fat_exact_stated"], lk["fat_n_stated"]),
            "fatalities_within10_rate_stated": _rate(lk["fat_within10_stated"], lk["fat_n_stated"]),
            "fatalities_exact_rate": _rate(lk["fat_exact"], lk["fat_n"]),
            "date_exact_rate_day_knowable": _rate(lk["date_exact_day"], lk["date_n_day"]),
            "date_within_rate": _rate(lk["date_within"], lk["date_n"]),
            "misses": lk_misses,
        },
        "cumulative_negatives": cumulative,
        "seconds_incl_parse": round(secs, 2),
        "words": n_words,
        "tokens_per_s_excl_parse": {
            k: round(_TIMING["words"] / _TIMING[k]) for k in ("dates", "casualties") if _TIMING[k]
        },
        "misses": misses,
    }


def _negatives(cache: dict[str, Any], articles: dict[str, tuple[str, dt.date | None]]) -> dict[str, Any]:
    """War-wide totals in demo_negatives.jsonl: is every killed count inside them flagged cumulative?"""
    path = GOLD / "demo_negatives.jsonl"
    if not path.exists():
        return {"skipped": "demo_negatives.jsonl absent"}
    rows = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    rows = [r for r in rows if r.get("kind") == "cumulative" and r["article"] in articles]
    n = flagged = with_count = 0
    for r in rows:
        if r["article"] not in cache:
            cache[r["article"]] = _analyse(*articles[r["article"]])
        art, _sents, _eds, counts, _parsed = cache[r["article"]]
        at = art.text.find(r["evidence"])
        if at < 0:
            continue
        inside = [c for c in counts if at <= c.start < at + len(r["evidence"]) or c.start <= at < c.end]
        n += 1
        if inside:
            with_count += 1
            flagged += all(c.cumulative for c in inside)
    return {
        "n": n,
        "with_a_count": with_count,
        "all_flagged_cumulative": flagged,
        "leak_rate": _rate(with_count - flagged, n),
    }


def case_coverage(limit: int = 400) -> dict[str, Any]:
    """CASE 2021 task 2 has event-type labels only: report how many snippets yield a killed count, per label."""
    path = EVAL / "case2021-task2" / "dev.tsv"
    if not path.exists():
        return {"skipped": "case2021-task2/dev.tsv absent"}
    from trucewatch import casualties, dates, nlp

    with path.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))[:limit]
    model = nlp.load()
    t0 = time.perf_counter()
    per: dict[str, list[int]] = {}
    n_dates = n_words = 0
    t_resolvers = 0.0
    for row, doc in zip(rows, model.pipe(r["EventSnippet"] for r in rows), strict=True):
        t1 = time.perf_counter()
        counts = casualties.doc_counts(doc)
        n_dates += sum(1 for m in doc.ents if m.label_ == "DATE")
        _ = [dates.resolve_text(e.text, None) for e in doc.ents if e.label_ == "DATE"]
        t_resolvers += time.perf_counter() - t1
        n_words += words(row["EventSnippet"])
        killed = any(c.what == "killed" and not c.cumulative for c in counts)
        per.setdefault(row["SubType"], [0, 0])
        per[row["SubType"]][0] += 1
        per[row["SubType"]][1] += killed
    return {
        "note": "no gold fatalities or dates in CASE 2021 task 2: coverage only, not accuracy",
        "snippets": len(rows),
        "share_with_killed_count": {k: round(v[1] / v[0], 2) for k, v in sorted(per.items()) if v[0] >= 5},
        "casualties_words_per_s_excl_parse": round(n_words / t_resolvers) if t_resolvers else None,
        "seconds_incl_parse": round(time.perf_counter() - t0, 2),
    }


def event_benchmark() -> dict[str, Any]:
    """Fatalities and dates of the events the pipeline builds, matched to the gold events."""
    spec = importlib.util.spec_from_file_location("trucewatch_bench_accuracy", _HERE / "accuracy.py")
    assert spec is not None and spec.loader is not None
    acc = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(acc)
    gold = acc.read_jsonl(GOLD / "demo_events.jsonl")
    if not gold or not DEMO.exists():
        return {"skipped": "demo gold or corpus absent"}
    sets = [(gold, [DEMO])]
    seed_gold = acc.read_jsonl(GOLD / "seed_events.jsonl")
    if seed_gold and _common.SEED.exists():
        sets.append((seed_gold, [_common.SEED]))
    t0 = time.perf_counter()
    fat = {"n_stated": 0, "exact_stated": 0, "within10_stated": 0, "n_zero": 0, "exact_zero": 0}
    day = {"n_day": 0, "exact_day": 0, "n": 0, "within": 0}
    unmatched = 0
    unmatched_rows: list[dict[str, Any]] = []
    misses: list[dict[str, Any]] = []
    for rows, paths in sets:
        pred = acc.predict(paths)
        used: set[str] = set()
        for g in rows:
            if g["article"] not in pred:
                unmatched += 1
                continue
            article, events, mentions = pred[g["article"]]
            pos = article.text.find(g["evidence"])
            cands = [
                ev
                for ev in events
                if ev.id not in used
                and any(
                    (m := mentions.get(mid)) is not None
                    and pos >= 0
                    and m.sentence_start <= pos < m.sentence_end
                    for mid in ev.mention_ids
                )
            ]
            cands.sort(
                key=lambda e: (e.event_type != g["event_type"], e.sub_event_type != g["sub_event_type"])
            )
            if not cands:
                unmatched += 1
                unmatched_rows.append({"article": g["article"], "evidence": g["evidence"][:70]})
                continue
            ev = cands[0]
            used.add(ev.id)
            where = {"article": g["article"], "evidence": g["evidence"][:70]}
            if g.get("fatalities") is not None:
                got, want = ev.fatalities or 0, int(g["fatalities"])
                key = "stated" if want > 0 else "zero"
                fat[f"n_{key}"] += 1
                fat[f"exact_{key}"] += got == want
                if want > 0:
                    fat["within10_stated"] += abs(got - want) <= 0.1 * want
                if got != want:
                    misses.append({**where, "field": "fatalities", "gold": want, "pred": got})
            if g.get("date"):
                first = ev.date.first if ev.date else None
                last = ev.date.last if ev.date else None
                g_day = dt.date.fromisoformat(g["date"])
                exact = first == last == g_day
                day["n"] += 1
                day["within"] += first is not None and last is not None and first <= g_day <= last
                if g.get("time_precision") == 1:
                    day["n_day"] += 1
                    day["exact_day"] += exact
                inside = first is not None and last is not None and first <= g_day <= last
                if (g.get("time_precision") == 1 and not exact) or not inside:
                    misses.append(
                        {
                            **where,
                            "field": "date",
                            "gold": g["date"],
                            "gold_precision": g.get("time_precision"),
                            "pred": [first, last, ev.date.text if ev.date else None],
                        }
                    )
    return {
        **fat,
        **day,
        "unmatched_gold": unmatched,
        "unmatched_rows": unmatched_rows,
        "fatalities_exact_rate_stated": _rate(fat["exact_stated"], fat["n_stated"]),
        "fatalities_within10_rate_stated": _rate(fat["within10_stated"], fat["n_stated"]),
        "fatalities_exact_rate_zero": _rate(fat["exact_zero"], fat["n_zero"]),
        "date_exact_rate_day_knowable": _rate(day["exact_day"], day["n_day"]),
        "date_within_rate": _rate(day["within"], day["n"]),
        "seconds": round(time.perf_counter() - t0, 1),
        "misses": misses,
    }


def main() -> None:
    result: dict[str, Any] = {"demo": demo_benchmark()}
    if "--no-events" not in sys.argv:
        result["events"] = event_benchmark()
    result["case2021_task2"] = case_coverage()
    path = save("numbers", result)
    demo = result["demo"]
    if "fatalities" in demo:
        f, d, c = demo["fatalities"], demo["dates"], demo["cumulative_negatives"]
        print(
            f"resolvers only (sum of the sentence's killed counts, narrowest date) fatalities: exact {f['exact']}/{f['n']} ({f['exact_rate']}), within 10% {f['within10_rate']}; "
            f"where a number is stated: exact {f['exact_stated']}/{f['n_stated']} ({f['exact_rate_stated']}); "
            f"where the evidence sentence itself states it: {f['exact_in_sentence']}/{f['n_in_sentence']} "
            f"({f['exact_rate_in_sentence']}); the gold number read as one killed count there: "
            f"{f['read_in_sentence']}/{f['n_in_sentence']} ({f['read_rate_in_sentence']})"
        )
        print(
            f"resolvers only dates: exact day {d['exact']}/{d['n']} ({d['exact_rate']}), within precision {d['within_rate']}; "
            f"day-knowable (gold time_precision 1): exact {d['exact_day']}/{d['n_day']} "
            f"({d['exact_rate_day_knowable']}), gold day among the sentence's days {d['read_day']}/{d['n_day']} "
            f"({d['read_rate_day_knowable']}); with publication-date fallback {d['exact_rate_pubfallback']}"
        )
        lk = demo["linked"]
        print(
            f"linked (gold evidence as triggers, counts and dates attached by events.link): fatalities exact where "
            f"stated {lk['fat_exact_stated']}/{lk['fat_n_stated']} ({lk['fatalities_exact_rate_stated']}), within 10% "
            f"{lk['fatalities_within10_rate_stated']}, all {lk['fatalities_exact_rate']}; dates exact day "
            f"{lk['date_exact_day']}/{lk['date_n_day']} ({lk['date_exact_rate_day_knowable']}), within precision "
            f"{lk['date_within']}/{lk['date_n']} ({lk['date_within_rate']})"
        )
        print(f"cumulative negatives: {c}")
        print(f"speed (tokens/s, parse excluded): {demo['tokens_per_s_excl_parse']}")
    ev = result.get("events") or {}
    if "n_stated" in ev:
        print(
            f"events (pipeline): fatalities exact where stated {ev['exact_stated']}/{ev['n_stated']} "
            f"({ev['fatalities_exact_rate_stated']}), within 10% {ev['fatalities_within10_rate_stated']}, "
            f"zero/none right {ev['exact_zero']}/{ev['n_zero']}; dates exact day {ev['exact_day']}/{ev['n_day']} "
            f"({ev['date_exact_rate_day_knowable']}), within precision {ev['within']}/{ev['n']} "
            f"({ev['date_within_rate']}); unmatched gold {ev['unmatched_gold']}"
        )
    for m in (result["demo"].get("linked") or {}).get("misses") or []:
        print("  miss (linked):", json.dumps(m, default=str))
    for m in ev.get("misses") or []:
        print("  miss (event):", json.dumps(m, default=str))
    print("CASE 2021:", json.dumps(result["case2021_task2"])[:400])
    print(f"saved {path}")


if __name__ == "__main__":
    main()
