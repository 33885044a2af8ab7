"""Accuracy on real text nobody in the project wrote: the development gold sets under ../shared/eval.

    .venv/bin/python benchmarks/real_sets.py                  # every set present
    .venv/bin/python benchmarks/real_sets.py articles acled   # some of them (articles acled case plover ucdp speed)
    .venv/bin/python benchmarks/real_sets.py acled --sample 0    # all ACLED notes (default: 40 per sub-type)
    .venv/bin/python benchmarks/real_sets.py --errors actor1 --set acled   # print one field's errors (no run)
    .venv/bin/python benchmarks/real_sets.py --errors place_25km --set acled-imported   # ... with the import

Place figures of the real articles and ACLED notes are measured in both configurations: the default install, and
with ../shared/geonames imported (a child process on ``<cache>/bench-imported``, as benchmarks/geoparse.py),
reported under each set's ``imported`` key; ``--no-import`` measures the default install only.

Writes benchmarks/results/real_sets.json (gitignored: it quotes third-party sentences in its error lists). Each
set is skipped with a message when absent. Nothing here feeds back into the extractor; no threshold is fitted.

1. real-articles (gold.json + NAME.txt/NAME.json). Each article runs through the pipeline (published, source and
   url from NAME.json); its events are the mentions merged within the article (``dedup.within_article``, as in
   accuracy.py). Matching is one-to-one and by TEXT, not by field values, so that no field is 100% by
   construction: a system event is a candidate for a gold event when one of its mentions' sentences overlaps the
   gold ``sentence`` or one of its ``evidence`` spans. Candidate pairs are ranked (sentence overlap before
   evidence overlap, then same sub-type, then same event type, then confidence) and taken greedily, each event
   used once. Every system event left unmatched is a false positive; those whose mention overlaps a gold negative
   are also counted by the negative's kind, and those on "precision" articles apart. On matched pairs: event type,
   sub-type, actor1, actor2 (ACLED period suffixes such as "(2011-)" ignored, case-insensitive; for Battles the
   pair may come in either order), modality, place within 25 km (gold with coordinates), location name (the
   resolved place's name or the location text equals the gold name or one of its " - " parts), date exact,
   fatalities exact (no figure = 0, as ACLED codes it). The gold's ``acceptable`` alternatives count as right.
   A second, value-based event F1 (the README's country + sub-type + place + date rule) is reported alongside.
2. ACLED notes (acled-notes/dev.csv, one event per note; published = event_date). "Event found": the note yields
   at least one event. The note's event is the system event of the same sub-type if there is one (the most
   confident), else the most confident event, violent ones first. Scored on it: sub-type, event type, actor1 and
   actor2 (against ACLED's name, period suffix ignored, case-insensitive; no actor2 in ACLED = none expected),
   place within 25 km, date exact, fatalities exact - also on the notes without a partisan-figure remark
   ("coded as 0", "fatalities coded" ...). Per sub-type breakdown. By default a fixed
   stratified sample: the first 40 notes of each sub-type after a seeded shuffle (about 900 notes; all 3,981
   take ~10 min on a loaded 2-core machine); ``--sample N`` changes N, ``--sample 0`` scores every note.
3. CASE 2021 task 2 dev: benchmarks/events.py's ``case2021`` (weighted and macro F1 on the 25 ACLED classes).
4. PLOVER GSR: on each sentence the system's most confident mention gives the source actors (actor1 and its
   associates) and target actors (actor2 and associates). A system actor matches a gold actor (text|code|sector)
   leniently: after lower-casing and dropping "the", one text contains the other, or they share a word of 4+
   letters (either the system's span text or its canonical name). Source/target F1 over all sentences (each
   gold and system actor used once), and PLOVER event agreement (system ``plover`` = gold ``event``) over all
   sentences and over those where the system fires.
5. UCDP GED Syria: single source headlines (no ";") that state exactly one number (digits or a number word)
   and belong to one UCDP event (not also one of the sources of another event) (a seeded sample of 1,500; ``--ucdp-limit N``): the extracted toll (largest
   fatalities of the headline's events) is within [low, high], below, above, or none extracted ("no event": the
   headline made no event at all). The headline figure is the one on headlines whose number counts deaths
   ("12 killed", "kills 12", "12 dead", "the toll rises to 12": a death word within a few words of it, read by a
   regex here, not by the extractor); the others are reported apart: a number of killed and wounded together
   ("12 killed and wounded", "12 casualties": the deaths are unknown, so no toll is right), of killed and
   captured together ("killed and captured 5", "captures and kills 10": the same) and numbers of something else
   (shells, raids, a day of the month; since session 22 also a number of time or acts next to a death word:
   "after 5 years", "10 barrel bombs kill"). The figure by the definition before session 22 is reported beside
   it (``..._before_22``). Also reported on all of them and on those naming a death.
Speed: words/s of the whole pipeline on the real articles vs bare spaCy ``nlp.pipe`` on the same texts
(speed.py's method; best of 3 interleaved runs).
"""

from __future__ import annotations

import csv
import json
import random
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]
sys.path.append(str(HERE))  # appended: a benchmark script must not shadow a stdlib module
from common import EVAL, RESULTS, save, words  # noqa: E402

ARTICLES = EVAL / "real-articles"
ACLED = EVAL / "acled-notes" / "dev.csv"
PLOVER = EVAL / "plover-gsr" / "PLOVER_GSR_CAMEO.tsv"
UCDP = EVAL / "ucdp-ged" / "syria-2016-2019.csv"
DEFAULT_SAMPLE = 40  # ACLED notes per sub-type; --sample 0 scores all 3,981 (slow on a shared machine)
SETS = ["articles", "acled", "case", "plover", "ucdp", "speed"]
VIOLENT = ("Battles", "Explosions/Remote violence", "Violence against civilians")
PARTISAN = re.compile(r"coded as (?:0|zero)|fatalit(?:y|ies) (?:were |was |are )?coded|partisan", re.I)
SUFFIX = re.compile(r"\s*\((?:\d{4})?\s*-\s*(?:\d{4})?\)")


# --- helpers ------------------------------------------------------------------


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    import math

    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, h)))


def actor_key(name: Any) -> str:
    """ACLED actor name compared case-insensitively, without its period suffix ("(2011-)")."""
    if not name:
        return ""
    return " ".join(SUFFIX.sub("", str(name)).lower().split())


def place_key(name: Any) -> str:
    return " ".join(re.sub(r"[^\w\s-]", "", str(name or "")).lower().replace("al-", "al ").split())


def ratio(xs: list[bool]) -> dict[str, Any]:
    return {"accuracy": round(sum(xs) / len(xs), 4) if xs else None, "n": len(xs)}


def prf(tp: int, fp: int, fn: int) -> dict[str, Any]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "tp": tp, "fp": fp, "fn": fn}


def run_pipeline(arts: list[Any]) -> tuple[dict[str, tuple[Any, list[Any], dict[str, Any]]], list[str]]:
    """article id -> (article, events merged within the article, mention by id); and the skips."""
    from trucewatch import dedup, pipeline
    from trucewatch.model import Skip

    out: dict[str, tuple[Any, list[Any], dict[str, Any]]] = {}
    skips: list[str] = []
    for item in pipeline.extract(arts):
        if isinstance(item, Skip):
            skips.append(f"{item.origin}: {item.reason}")
            continue
        article, mentions = item
        out[article.id] = (article, dedup.within_article(mentions, article.source), {m.id: m for m in mentions})
    return out, skips


def view(ev: Any) -> dict[str, Any]:
    loc = ev.location
    place = loc.place if loc and loc.place else None
    return {
        "event_type": ev.event_type,
        "sub_event_type": ev.sub_event_type,
        "actor1": ev.actor1.name if ev.actor1 else None,
        "actor2": ev.actor2.name if ev.actor2 else None,
        "modality": getattr(ev.modality, "value", ev.modality),
        "latlon": (place.lat, place.lon) if place else None,
        "location": place.name if place else (loc.text if loc else None),
        "location_text": loc.text if loc else None,
        "date": ev.date.first.isoformat() if ev.date and ev.date.first else None,
        "fatalities": ev.fatalities or 0,
        "confidence": round(ev.confidence, 3),
    }


def actors_ok(v: dict[str, Any], g1: set[str], g2: set[str], battle: bool) -> tuple[bool, bool]:
    """(actor1 right, actor2 right); for Battles the system's pair may be in either order."""
    p1, p2 = actor_key(v["actor1"]), actor_key(v["actor2"])
    direct = (p1 in g1, p2 in g2)
    if battle:
        swapped = (p2 in g1, p1 in g2)
        if sum(swapped) > sum(direct):
            return swapped
    return direct


# --- 1. real articles ---------------------------------------------------------


def real_articles(only: list[str] | None = None) -> dict[str, Any] | None:
    """Score the real articles (all, or only the named ones)."""

    gold_path = ARTICLES / "gold.json"
    if not gold_path.exists():
        print(f"real_sets: skipping real-articles: {gold_path} absent")
        return None
    gold = json.loads(gold_path.read_text(encoding="utf-8"))["articles"]
    gold = [g for g in gold if only is None or g["article"] in only]
    arts = article_items(gold)
    pred, skips = run_pipeline(arts)
    return score_articles(gold, arts, pred, skips)


def article_items(gold: list[dict]) -> list[Any]:
    """The real articles of the gold entries, with their outlet, URL and publication date."""
    from trucewatch import ingest

    arts = []
    for g in gold:
        name = g["article"]
        meta_path = ARTICLES / f"{name}.json"
        meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
        text = (ARTICLES / f"{name}.txt").read_text(encoding="utf-8")
        arts.append(ingest.from_text(text, source=meta.get("source") or g.get("source"), url=meta.get("url"),
                                     published=meta.get("published") or g.get("published"), origin=name))
    return arts


def _span(text: str, s: str) -> tuple[int, int] | None:
    i = text.find(s)
    if i < 0:
        i = text.find(" ".join(s.split()))
    return (i, i + len(s)) if i >= 0 else None


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score_articles(gold: list[dict], arts: list[Any], pred: dict, skips: list[str]) -> dict[str, Any]:
    hits: dict[str, list[bool]] = defaultdict(list)
    errors: dict[str, list[dict[str, Any]]] = defaultdict(list)
    fp_kinds: Counter[str] = Counter()
    n_pred = tp = n_gold = 0
    fp_precision = 0
    value_tp = 0
    confusion: Counter[str] = Counter()
    for g, art in zip(gold, arts, strict=True):
        n_gold += len(g["events"])
        if art.id not in pred:
            for ge in g["events"]:
                errors["event"].append({"article": g["article"], "error": "missed (article skipped)",
                                        "sentence": ge["sentence"]})
            continue
        article, events, mentions = pred[art.id]
        text = article.text
        n_pred += len(events)

        def sents(ev: Any, mentions: dict = mentions) -> list[tuple[int, int]]:
            return [(m.sentence_start, m.sentence_end) for mid in ev.mention_ids if (m := mentions.get(mid))]

        def first_sentence(ev: Any, mentions: dict = mentions, text: str = text) -> str:
            m = mentions.get(ev.mention_ids[0]) if ev.mention_ids else None
            return text[m.sentence_start:m.sentence_end] if m else ""

        pairs = []
        for gi, ge in enumerate(g["events"]):
            sent = _span(text, ge["sentence"])
            evid = [sp for e in ge.get("evidence", []) if (sp := _span(text, e))]
            acc = ge.get("acceptable", {})
            subs = {ge["sub_event_type"], *acc.get("sub_event_type", [])}
            for ei, ev in enumerate(events):
                ss = sents(ev)
                on_sent = bool(sent) and any(_overlaps(s, sent) for s in ss)
                on_evid = any(_overlaps(s, e) for s in ss for e in evid)
                if not (on_sent or on_evid):
                    continue
                rank = (on_sent, ev.sub_event_type in subs, ev.event_type == ge["event_type"], ev.confidence)
                pairs.append((rank, gi, ei))
        pairs.sort(key=lambda p: p[0], reverse=True)
        match = {}
        taken: set[int] = set()
        for _, gi, ei in pairs:
            if gi in match or ei in taken:
                continue
            match[gi] = ei
            taken.add(ei)
        for gi, ge in enumerate(g["events"]):
            acc = ge.get("acceptable", {})
            if gi not in match:
                errors["event"].append({"article": g["article"], "error": "missed", "gold_type": ge["sub_event_type"],
                                        "sentence": ge["sentence"]})
                confusion[f"{ge['sub_event_type']} -> (missed)"] += 1
                continue
            tp += 1
            ev = events[match[gi]]
            v = view(ev)
            confusion[f"{ge['sub_event_type']} -> {v['sub_event_type']}"] += 1
            sentence = first_sentence(ev)[:300]

            def check(field: str, ok: bool, got: Any, want: Any, ge: dict = ge, sentence: str = sentence,
                      g: dict = g, ev: Any = ev) -> None:
                hits[field].append(ok)
                if not ok:
                    errors[field].append({"article": g["article"], "gold_id": ge["id"], "got": got, "gold": want,
                                          "trigger": ev.trigger, "sentence": sentence})

            for f in ("event_type", "sub_event_type", "modality"):
                check(f, v[f] in {ge.get(f), *acc.get(f, [])}, v[f], ge.get(f))
            g1 = {actor_key(x) for x in [ge.get("actor1"), *acc.get("actor1", [])]}
            g2 = {actor_key(x) for x in [ge.get("actor2"), *acc.get("actor2", [])]}
            ok1, ok2 = actors_ok(v, g1, g2, ge["event_type"] == "Battles")
            check("actor1", ok1, v["actor1"], ge.get("actor1"))
            check("actor2", ok2, v["actor2"], ge.get("actor2"))
            if ge.get("latitude") is not None:
                d = km(v["latlon"], (ge["latitude"], ge["longitude"])) if v["latlon"] else None
                check("place_25km", d is not None and d <= 25, f"{v['location']} ({d and round(d)} km)",
                      ge["location"])
            names = {place_key(x) for n in [ge["location"], *acc.get("location", [])] for x in [n, *n.split(" - ")]}
            got_names = {place_key(v["location"]), place_key(v["location_text"])} - {""}
            check("location_name", bool(got_names & names), v["location"], ge["location"])
            check("date_exact", v["date"] in {ge.get("date"), *acc.get("date", [])}, v["date"], ge.get("date"))
            fat = {ge.get("fatalities", 0), *acc.get("fatalities", [])}
            check("fatalities_exact", v["fatalities"] in fat, v["fatalities"], ge.get("fatalities"))
        # value-based matching (README rule): country + sub-type (or acceptable) + place + date within a day
        value_tp += _value_matches(g, events)
        negs = [(sp, n) for n in g.get("negatives", []) if (sp := _span(text, n["text"]))]
        for ei, ev in enumerate(events):
            if ei in taken:
                continue
            kind = "unmatched"
            trig = [(m.trigger_start, m.trigger_end) for mid in ev.mention_ids if (m := mentions.get(mid))]
            for sp, n in negs:
                if any(_overlaps(t, sp) for t in trig):
                    kind = f"negative:{n['kind']}"
                    break
            if g.get("category") == "precision":
                fp_precision += 1
            fp_kinds[kind] += 1
            v = view(ev)
            errors["event"].append({"article": g["article"], "error": f"false positive ({kind})",
                                    "got": v["sub_event_type"], "modality": v["modality"], "trigger": ev.trigger,
                                    "sentence": first_sentence(ev)[:300]})
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    vp = value_tp / n_pred if n_pred else 0.0
    vr = value_tp / n_gold if n_gold else 0.0
    return {
        "articles": len(gold),
        "gold_events": n_gold,
        "predicted_events": n_pred,
        "event_precision": round(p, 3),
        "event_recall": round(r, 3),
        "event_f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
        "value_rule_f1": round(2 * vp * vr / (vp + vr), 3) if vp + vr else 0.0,
        "false_positives": sum(fp_kinds.values()),
        "false_positives_by_kind": dict(fp_kinds.most_common()),
        "false_positives_on_precision_articles": fp_precision,
        "fields": {k: ratio(v) for k, v in hits.items()},
        "subtype_confusion": dict(sorted(confusion.items())),
        "skips": skips,
        "errors": errors,
    }


def _value_matches(g: dict, events: list[Any]) -> int:
    import datetime as dt

    used: set[int] = set()
    n = 0
    for ge in g["events"]:
        acc = ge.get("acceptable", {})
        subs = {ge["sub_event_type"], *acc.get("sub_event_type", [])}
        names = {place_key(x) for x in [ge["location"], *acc.get("location", [])]}
        gdate = dt.date.fromisoformat(ge["date"])
        for ei, ev in enumerate(events):
            if ei in used or ev.sub_event_type not in subs:
                continue
            v = view(ev)
            place = ev.location.place if ev.location and ev.location.place else None
            if place is None or place.country != ge.get("country"):
                continue
            near = ge.get("latitude") is not None and km(v["latlon"], (ge["latitude"], ge["longitude"])) <= 25
            admin = ge.get("geo_precision") == 3 and place_key(place.admin1) == place_key(ge.get("admin1"))
            if not (near or admin or place_key(v["location"]) in names):
                continue
            if v["date"] is None or abs((dt.date.fromisoformat(v["date"]) - gdate).days) > 1:
                continue
            used.add(ei)
            n += 1
            break
    return n


# --- 2. ACLED notes -----------------------------------------------------------


def acled_rows(sample: int | None) -> list[dict[str, str]]:
    rows = list(csv.DictReader(ACLED.open(encoding="utf-8")))
    for i, r in enumerate(rows):
        r["_row"] = str(i)
    if not sample:
        return rows
    by: dict[str, list[dict[str, str]]] = defaultdict(list)
    for r in rows:
        by[r["sub_event_type"]].append(r)
    rng = random.Random(14)
    out = []
    for sub in sorted(by):
        group = by[sub][:]
        rng.shuffle(group)
        out += group[:sample]
    return out


def acled_articles(rows: list[dict[str, str]]) -> list[Any]:
    from trucewatch import ingest

    return [ingest.from_text(r["notes"], published=r["event_date"], origin=f"acled-dev:{r['_row']}") for r in rows]


def plover_rows() -> list[dict[str, str]]:
    return list(csv.DictReader(PLOVER.open(encoding="utf-8"), delimiter="\t"))


def plover_articles(rows: list[dict[str, str]]) -> list[Any]:
    from trucewatch import ingest

    return [ingest.from_text(r["text"], origin=f"plover:{r['id']}") for r in rows]


def _choose(events: list[Any], sub: str) -> Any | None:
    same = [e for e in events if e.sub_event_type == sub]
    if same:
        return max(same, key=lambda e: e.confidence)
    if not events:
        return None
    return max(events, key=lambda e: (e.event_type in VIOLENT, e.confidence))


def acled_notes(sample: int | None) -> dict[str, Any] | None:

    if not ACLED.exists():
        print(f"real_sets: skipping ACLED notes: {ACLED} absent")
        return None
    rows = acled_rows(sample)
    arts = acled_articles(rows)
    t = time.perf_counter()
    pred, skips = run_pipeline(arts)
    seconds = time.perf_counter() - t
    hits: dict[str, list[bool]] = defaultdict(list)
    per_sub: dict[str, dict[str, list[bool]]] = defaultdict(lambda: defaultdict(list))
    errors: dict[str, list[dict[str, Any]]] = defaultdict(list)
    confusion: Counter[str] = Counter()
    for r, art in zip(rows, arts, strict=True):
        events = pred.get(art.id, (None, [], {}))[1]
        sub = r["sub_event_type"]
        ev = _choose(events, sub)

        def check(field: str, ok: bool, got: Any, want: Any, r: dict = r, sub: str = sub) -> None:
            hits[field].append(ok)
            per_sub[sub][field].append(ok)
            if not ok:
                errors[field].append({"row": int(r["_row"]), "sub_event_type": sub, "got": got, "gold": want,
                                      "note": r["notes"]})

        check("event_found", ev is not None, None, sub)
        if ev is None:
            confusion[f"{sub} -> (none)"] += 1
            continue
        v = view(ev)
        confusion[f"{sub} -> {v['sub_event_type']}"] += 1
        check("sub_event_type", v["sub_event_type"] == sub, v["sub_event_type"], sub)
        check("event_type", v["event_type"] == r["event_type"], v["event_type"], r["event_type"])
        ok1, ok2 = actors_ok(v, {actor_key(r["actor1"])}, {actor_key(r["actor2"])}, r["event_type"] == "Battles")
        check("actor1", ok1, v["actor1"], r["actor1"])
        check("actor2", ok2, v["actor2"], r["actor2"])
        if r["latitude"] and r["longitude"]:
            d = km(v["latlon"], (float(r["latitude"]), float(r["longitude"]))) if v["latlon"] else None
            check("place_25km", d is not None and d <= 25, f"{v['location']} ({d and round(d)} km)", r["location"])
        check("date_exact", v["date"] == r["event_date"], v["date"], r["event_date"])
        want = int(float(r["fatalities"] or 0))
        check("fatalities_exact", v["fatalities"] == want, v["fatalities"], want)
        if not PARTISAN.search(r["notes"]):
            hits["fatalities_exact_no_partisan_remark"].append(v["fatalities"] == want)
    n_words = sum(words(r["notes"]) for r in rows)
    return {
        "notes": len(rows),
        "sample": f"up to {sample} per sub-type (seeded shuffle, seed 14)" if sample else "all",
        "fields": {k: ratio(v) for k, v in hits.items()},
        "per_sub_event_type": {s: {k: ratio(v) for k, v in f.items()} for s, f in sorted(per_sub.items())},
        "top_confusions": dict(Counter(
            {k: n for k, n in confusion.items() if k.split(" -> ")[0] != k.split(" -> ")[1]}).most_common(30)),
        "words": n_words,
        "seconds": round(seconds, 1),
        "words_per_s": round(n_words / seconds) if seconds else None,
        "skips": skips,
        "errors": errors,
    }


# --- 3. CASE 2021 -------------------------------------------------------------


def case2021() -> dict[str, Any] | None:
    import events as events_bench  # benchmarks/events.py

    return events_bench.case2021(events_bench.Runner())


# --- 4. PLOVER ----------------------------------------------------------------


def _plover_actors(cell: str) -> list[str]:
    return [part.split("|")[0].strip() for part in (cell or "").split("||") if part.split("|")[0].strip()]


def _akey(s: str) -> str:
    return " ".join(w for w in re.sub(r"[^\w\s]", " ", s.lower()).split() if w != "the")


def _actor_match(system: list[str], gold: str) -> bool:
    g = _akey(gold)
    for s in system:
        s = _akey(s)
        if not s or not g:
            continue
        if s in g or g in s:
            return True
        if {w for w in s.split() if len(w) >= 4} & {w for w in g.split() if len(w) >= 4}:
            return True
    return False


def _match_sets(system: list[list[str]], gold: list[str]) -> tuple[int, int, int]:
    used: set[int] = set()
    tp = 0
    for names in system:
        for gi, g in enumerate(gold):
            if gi not in used and _actor_match(names, g):
                used.add(gi)
                tp += 1
                break
    return tp, len(system) - tp, len(gold) - tp


def plover() -> dict[str, Any] | None:

    if not PLOVER.exists():
        print(f"real_sets: skipping PLOVER: {PLOVER} absent")
        return None
    rows = plover_rows()
    arts = plover_articles(rows)
    pred, skips = run_pipeline(arts)
    agg = {"source": Counter(), "target": Counter()}
    agree = fired = 0
    errors: dict[str, list[dict[str, Any]]] = defaultdict(list)
    confusion: Counter[str] = Counter()
    for r, art in zip(rows, arts, strict=True):
        events = pred.get(art.id, (None, [], {}))[1]
        ev = max(events, key=lambda e: e.confidence) if events else None
        gold_ev = r["event"].strip()
        got = ev.plover if ev else None
        fired += ev is not None
        agree += got == gold_ev
        confusion[f"{gold_ev} -> {got}"] += 1
        if got != gold_ev:
            errors["event"].append({"id": r["id"], "got": got, "gold": gold_ev, "sentence": r["text"]})
        for role, col, main, assoc in (("source", "source_actors(text|code|sector)", "actor1", "assoc_actor1"),
                                       ("target", "target_actors(text|code|sector)", "actor2", "assoc_actor2")):
            gold = _plover_actors(r[col])
            sys_refs = ([getattr(ev, main)] if ev and getattr(ev, main) else []) + (list(getattr(ev, assoc)) if ev else [])
            system = [[x for x in (a.text, a.name) if x] for a in sys_refs]
            tp, fp, fn = _match_sets(system, gold)
            c = agg[role]
            c["tp"] += tp
            c["fp"] += fp
            c["fn"] += fn
            if fp or fn:
                errors[role].append({"id": r["id"], "got": [s[0] for s in system], "gold": gold,
                                     "sentence": r["text"]})
    return {
        "sentences": len(rows),
        "source_actor": prf(**agg["source"]),
        "target_actor": prf(**agg["target"]),
        "plover_event_agreement": round(agree / len(rows), 4) if rows else None,
        "plover_event_agreement_when_fired": round(agree / fired, 4) if fired else None,
        "fired": fired,
        "top_confusions": dict(Counter({k: n for k, n in confusion.items()
                                        if k.split(" -> ")[0] != k.split(" -> ")[1]}).most_common(20)),
        "skips": skips,
        "errors": errors,
    }


# --- 5. UCDP GED --------------------------------------------------------------

NUMBER_WORDS = ("one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
                "seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred "
                "dozen dozens scores").split()
DEATH = re.compile(r"\b(?:kill\w*|dead|died|dies|death\w*|martyr\w*|lives|bodies|massacre\w*)\b", re.I)
NUMBER = re.compile(r"\b(?:\d[\d,.]*|" + "|".join(NUMBER_WORDS) + r")\b", re.I)
#: What the one number of a headline counts, read from the words next to it (not by the extractor):
#: "deaths" (12 killed, kills 12, 12 dead, the toll rises to 12), "killed and wounded" (12 killed and wounded,
#: 12 casualties: no death count of its own) or "other" (shells, raids, a date, fighters deployed ...).
_JOINT = re.compile(r"\b(?:kill\w*|dead|death\w*|martyr\w*)(?:\s+(?:and|or|&)\s+|\s*,\s*)(?:\w+\s+)?(?:wound\w*|injur\w*)"
                    r"|\b(?:wound\w*|injur\w*)\s+(?:and|or|&)\s+(?:kill\w*|dead|death\w*)|\bcasualt\w*", re.I)
_DEATH_WORD = (r"(?:kill\w*|dead|died|die|dies|death\w*|martyr\w*|lives|bodies|executed|execute[sd]?|beheaded"
               r"|assassinated|perished|massacred)")
_NEAR_DEATH = re.compile(rf"#N#(?:\W+[\w’'-]+){{0,7}}?\W+{_DEATH_WORD}\b|\b{_DEATH_WORD}(?:\W+[\w’'-]+){{0,5}}?\W+#N#",
                         re.I)


#: Session 22 correction: a number that counts time ("after 5 years", "48 hours", "3 consecutive months") or
#: acts and weapons ("10 barrel bombs", "the 2 blasts", "3 assassination attempts") counts no deaths, even near
#: a death word; one number for the killed and captured ("killed and captured 5", "captures and kills 10", "900
#: arrests and killings") gives no death count, as one for the killed and wounded.
_LINK_WORDS = r"(?:and|or|by|in|of|at|on|to|from|for|with|within|during|since|after|before|under|near|against)"
_NOT_PEOPLE = re.compile(r"#N#(?:\s+and\s+(?:a\s+)?half)?(?:\s+(?!" + _LINK_WORDS + r"\b)[\w-]+){0,2}?\s+"
                         r"(?:consecutive\s+)?(?:years?|months?|weeks?|days?|hours?|minutes?|attacks?|attempts?|blasts?|bombings?|bombs?"
                         r"|explosions?|shells?|rockets?|missiles?|raids?|strikes?|airstrikes?|warplanes?|mines?)\b",
                         re.I)
_JOINT_CAPTURED = re.compile(r"\b(?:kill\w*|dead|death\w*)(?:\s+(?:and|or|&)\s+|\s*,\s*)(?:\w+\s+)?"
                             r"(?:captur\w*|arrest\w*|prisoners?|abduct\w*)"
                             r"|\b(?:captur\w*|arrest\w*)\s+(?:and|or|&)\s+(?:kill\w*|execut\w*)", re.I)


def ucdp_number_kind(headline: str, before_22: bool = False) -> str:
    """ "deaths", "killed and wounded", "killed and captured" or "other": what the headline's one number counts
    (``before_22``: the definition before session 22's correction, for comparison)."""
    marked = NUMBER.sub("#N#", headline, count=1)
    if not _NEAR_DEATH.search(marked) or (not before_22 and _NOT_PEOPLE.search(marked)):
        return "other"
    if _JOINT.search(headline):
        return "killed and wounded"
    return "killed and captured" if not before_22 and _JOINT_CAPTURED.search(headline) else "deaths"


def ucdp_rows(limit: int | None) -> list[dict[str, str]]:
    """The headlines scored: one UCDP event each (the headline is no source of another event), one number, three
    words or more; a seeded sample of ``limit``."""
    rows = list(csv.DictReader(UCDP.open(encoding="utf-8")))
    # a headline that is also one of the sources of another event (its "a;b" list) is split over several events
    per_headline = Counter(h.strip() for r in rows for h in set(r["source_headline"].split(";")))
    keep = [r for r in rows if per_headline[r["source_headline"].strip()] == 1 and ";" not in r["source_headline"]
            and len(NUMBER.findall(r["source_headline"])) == 1 and len(r["source_headline"].split()) >= 3]
    if limit and len(keep) > limit:
        keep = sorted(random.Random(14).sample(keep, limit), key=lambda r: int(r["id"]))
    return keep


def ucdp_articles(limit: int | None, rows: list[dict[str, str]] | None = None) -> list[Any]:
    from trucewatch import ingest

    return [ingest.from_text(r["source_headline"].strip(), published=r["date_start"][:10], origin=f"ucdp:{r['id']}")
            for r in (rows if rows is not None else ucdp_rows(limit))]


def ucdp(limit: int | None) -> dict[str, Any] | None:
    if not UCDP.exists():
        print(f"real_sets: skipping UCDP GED: {UCDP} absent")
        return None
    keep = ucdp_rows(limit)
    arts = ucdp_articles(limit, keep)
    pred, skips = run_pipeline(arts)
    outcome: Counter[str] = Counter()
    deadly: Counter[str] = Counter()  # the same on headlines that name a death ("killed", "dead", ...)
    by_kind: dict[str, Counter[str]] = defaultdict(Counter)  # what the one number counts -> outcomes
    by_old_kind: dict[str, Counter[str]] = defaultdict(Counter)  # the same, by the definition before session 22
    errors: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r, art in zip(keep, arts, strict=True):
        events = pred.get(art.id, (None, [], {}))[1]
        tolls = [e.fatalities for e in events if e.fatalities]
        toll = max(tolls) if tolls else None
        low, high = int(r["low"]), int(r["high"])
        kind = ucdp_number_kind(r["source_headline"])
        old_kind = ucdp_number_kind(r["source_headline"], before_22=True)
        if toll is None:
            k = "none" if events else "no event"
        elif toll < low:
            k = "below"
        elif toll > high:
            k = "above"
        else:
            k = "within"
        k_all = "none" if k == "no event" else k
        outcome[k_all] += 1
        by_kind[kind][k] += 1
        by_old_kind[old_kind][k] += 1
        if DEATH.search(r["source_headline"]):
            deadly[k_all] += 1
        if k != "within":
            errors["toll"].append({"id": r["id"], "outcome": k, "number": kind, "number_before_22": old_kind,
                                   "got": toll, "gold": f"{low}-{high}", "sentence": r["source_headline"]})
    n = len(keep)
    deaths = by_kind["deaths"]
    n_deaths = sum(deaths.values())
    old_deaths = by_old_kind["deaths"]
    n_old = sum(old_deaths.values())
    kinds = ("within", "no event", "none", "below", "above")
    return {
        "headlines": n,
        "sample": f"{limit} of the eligible headlines (seed 14)" if limit and n == limit else "all eligible",
        "headlines_stating_one_death_number": n_deaths,
        "within_low_high_one_death_number": round(deaths["within"] / n_deaths, 4) if n_deaths else None,
        "outcomes_by_number": {kind: {k: by_kind[kind][k] for k in kinds}
                               for kind in ("deaths", "killed and wounded", "killed and captured", "other")},
        "headlines_stating_one_death_number_before_22": n_old,
        "within_low_high_one_death_number_before_22": round(old_deaths["within"] / n_old, 4) if n_old else None,
        "within_low_high": round(outcome["within"] / n, 4) if n else None,
        "outcomes": {k: outcome[k] for k in ("within", "none", "below", "above")},
        "headlines_naming_deaths": sum(deadly.values()),
        "within_low_high_naming_deaths": round(deadly["within"] / sum(deadly.values()), 4) if deadly else None,
        "outcomes_naming_deaths": {k: deadly[k] for k in ("within", "none", "below", "above")},
        "skips": skips,
        "errors": errors,
    }


# --- speed --------------------------------------------------------------------


def speed() -> dict[str, Any] | None:
    """Words per CPU-second on the real articles: the pipeline's extract vs bare spaCy (speed.py's timers)."""
    from speed import cpu_extract, cpu_spacy
    from trucewatch import ingest, nlp, pipeline

    if not (ARTICLES / "gold.json").exists():
        return None
    texts = [p.read_text(encoding="utf-8") for p in sorted(ARTICLES.glob("*.txt"))]
    n_words = sum(words(t) for t in texts)
    nlp.load()
    pipeline.resources()
    best_p = best_s = float("inf")
    for _ in range(3):  # interleaved: the machine may be shared
        best_p = min(best_p, cpu_extract([ingest.from_text(t) for t in texts]))
        best_s = min(best_s, cpu_spacy([ingest.from_text(t) for t in texts]))
    return {"articles": len(texts), "words": n_words, "measure": "words per CPU-second, one process",
            "pipeline_words_per_s": round(n_words / best_p), "spacy_words_per_s": round(n_words / best_s),
            "pipeline_vs_spacy": round(best_s / best_p, 3)}


# --- command line -------------------------------------------------------------


def show_errors(field: str, which: str) -> int:
    path = RESULTS / "real_sets.json"
    if not path.exists():
        print(f"no {path}: run the benchmark first")
        return 1
    res = json.loads(path.read_text())
    imported = which.endswith("-imported")
    which = which.removesuffix("-imported")
    key = {"articles": "real_articles", "acled": "acled_notes", "plover": "plover", "ucdp": "ucdp_ged"}.get(which, which)
    part = (res.get(key) or {}).get("imported", {}) if imported else res.get(key) or {}
    errs = part.get("errors", {}).get(field)
    if errs is None:
        print(f"no errors for field {field!r} in set {key!r}; fields: {sorted(part.get('errors', {}))}")
        return 1
    for e in errs:
        head = {k: v for k, v in e.items() if k not in ("sentence", "note")}
        print(json.dumps(head, ensure_ascii=False))
        print("   ", e.get("sentence") or e.get("note"))
    print(f"{len(errs)} errors")
    return 0


GEONAMES = EVAL.parent / "geonames"
#: The sets whose place figures are measured again with ../shared/geonames imported.
PLACE_SETS = {"articles": "real_articles", "acled": "acled_notes"}


def imported_places(names: list[str], sample: int | None) -> dict[str, Any]:
    """Place figures of the same sets with ../shared/geonames imported (``trucewatch gazetteer import``), in a
    child process whose cache folder is ``<cache>/bench-imported`` (as benchmarks/geoparse.py; imported once)."""
    import os
    import subprocess
    import tempfile

    from trucewatch import places

    sets = [n for n in names if n in PLACE_SETS]
    if not sets or not GEONAMES.exists():
        if sets:
            print(f"real_sets: skipping the imported configuration: {GEONAMES} absent")
        return {}
    cache = places.cache_dir() / "bench-imported"
    cache.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "TRUCEWATCH_CACHE": str(cache)}
    if not (cache / places.gazetteer.EXTRA_FILE).exists():
        cmd = [sys.executable, "-m", "trucewatch.cli", "gazetteer", "import", str(GEONAMES)]
        subprocess.run(cmd, env=env, check=True)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "places.json"
        cmd = [sys.executable, __file__, *sets, "--sample", str(sample or 0), "--places-only", str(out)]
        subprocess.run(cmd, env=env, check=True)
        return json.loads(out.read_text(encoding="utf-8"))


def _place_figures(result: dict[str, Any]) -> dict[str, Any]:
    return {"place_25km": result["fields"].get("place_25km"), "errors": {"place_25km": result["errors"].get("place_25km", [])}}


def _opt(argv: list[str], name: str) -> str | None:
    return argv[argv.index(name) + 1] if name in argv and argv.index(name) + 1 < len(argv) else None


def main(argv: list[str]) -> int:
    if "--errors" in argv:
        return show_errors(_opt(argv, "--errors") or "", _opt(argv, "--set") or "articles")
    sample = int(_opt(argv, "--sample") or DEFAULT_SAMPLE) or None
    values = {_opt(argv, o) for o in ("--sample", "--ucdp-limit", "--places-only")}
    names = [a for a in argv if not a.startswith("-") and a not in values] or SETS
    if "--places-only" in argv:  # the child of imported_places(): place figures only, no results file
        figures = {}
        for name in (n for n in names if n in PLACE_SETS):
            r = real_articles() if name == "articles" else acled_notes(sample)
            if r is not None:
                figures[PLACE_SETS[name]] = _place_figures(r)
        Path(_opt(argv, "--places-only") or "").write_text(json.dumps(figures, ensure_ascii=False), encoding="utf-8")
        return 0
    ucdp_limit = int(_opt(argv, "--ucdp-limit") or 1500)
    path = RESULTS / "real_sets.json"
    result: dict[str, Any] = {}
    if path.exists() and set(names) != set(SETS):  # a partial run keeps the other sets' last results
        old = json.loads(path.read_text())
        result = {k: v for k, v in old.items() if k not in ("benchmark", "date", "machine")}
    jobs = {"articles": ("real_articles", real_articles), "acled": ("acled_notes", lambda: acled_notes(sample)),
            "case": ("case2021_task2", case2021), "plover": ("plover", plover),
            "ucdp": ("ucdp_ged", lambda: ucdp(ucdp_limit)), "speed": ("speed_real_articles", speed)}
    for name in names:
        key, fn = jobs[name]
        t = time.perf_counter()
        r = fn()
        if r is None:
            result.pop(key, None)
            continue
        r["seconds_total"] = round(time.perf_counter() - t, 1)
        result[key] = r
        brief = {k: v for k, v in r.items() if k not in ("errors", "per_sub_event_type", "subtype_confusion",
                                                          "per_class_f1", "skips")}
        print(f"== {key}: {json.dumps(brief, ensure_ascii=False)[:1500]}", flush=True)
    if "--no-import" not in argv:
        for key, figures in imported_places(names, sample).items():
            if key in result:
                result[key]["imported"] = figures
                print(f"== {key}, ../shared/geonames imported: place_25km {figures['place_25km']}", flush=True)
    out = save("real_sets", result)
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
