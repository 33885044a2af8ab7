"""End-to-end accuracy per field against hand-checked gold events: the demo corpus and the seed article.

Gold: benchmarks/gold/demo_events.jsonl, seed_events.jsonl (+ *_negatives.jsonl); format in benchmarks/gold/README.md.
A gold event is matched to a predicted event of the same article whose mention sentence contains the gold
evidence string (ties: same event type first). Unmatched gold events are misses, unmatched predictions are
counted against precision. Nothing here feeds back into the extractor.
Run: .venv/bin/python benchmarks/accuracy.py
"""

from __future__ import annotations

import json
import math
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import DEMO, GOLD, SEED, save  # noqa: E402

FIELDS = ["event_type", "sub_event_type", "actor1", "actor2", "modality"]


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, h)))


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def article_key(article: Any) -> str:
    """The name gold files use for an article: the id of a JSONL/feed item or the file stem."""
    meta = article.meta or {}
    for k in ("source_id", "gold_key", "item_id", "id"):
        if meta.get(k):
            return str(meta[k])
    origin = article.origin or article.id
    return Path(str(origin).split("#")[0].split("::")[0]).stem


def predict(paths: list[Path]) -> dict[str, tuple[Any, list[Any], dict[str, Any]]]:
    """article key -> (article, events merged within the article, mention by id)."""
    from trucewatch import dedup, ingest, pipeline
    from trucewatch.model import Skip

    out: dict[str, tuple[Any, list[Any], dict[str, Any]]] = {}
    for item in pipeline.extract(ingest.read_paths(paths, ingest.IngestDefaults())):
        if isinstance(item, Skip):
            continue
        article, mentions = item
        keys = {article_key(article), str(article.id)}
        val = (article, dedup.within_article(mentions), {m.id: m for m in mentions})
        for k in keys:
            out[k] = val
    return out


def _norm(v: Any) -> str:
    return "" if v is None else str(v).strip().lower()


def _event_view(ev: Any) -> dict[str, Any]:
    loc = ev.location.place if ev.location and ev.location.place else None
    return {
        "event_type": ev.event_type,
        "sub_event_type": ev.sub_event_type,
        "actor1": ev.actor1.name if ev.actor1 else None,
        "actor2": ev.actor2.name if ev.actor2 else None,
        "modality": ev.modality.value,
        "latlon": (loc.lat, loc.lon) if loc else None,
        "date": ev.date.first.isoformat() if ev.date and ev.date.first else None,
        "date_last": ev.date.last.isoformat() if ev.date and ev.date.last else None,
        "fatalities": ev.fatalities,
    }


def evaluate(gold: list[dict[str, Any]], negatives: list[dict[str, Any]], pred: dict) -> dict[str, Any]:
    hits: dict[str, list[bool]] = defaultdict(list)
    confusion: Counter[tuple[str, str]] = Counter()
    matched_pred: set[str] = set()
    missing_articles: set[str] = set()
    errors: list[dict[str, Any]] = []
    field_errors: list[dict[str, Any]] = []  # one row per wrong field of a matched event, with its sentence
    for g in gold:
        if g["article"] not in pred:
            missing_articles.add(g["article"])
            hits["recall"].append(False)
            continue
        article, events, mentions = pred[g["article"]]
        pos = article.text.find(g["evidence"])
        cands = []
        for ev in events:
            if ev.id in matched_pred:
                continue
            for mid in ev.mention_ids:
                m = mentions.get(mid)
                if m and pos >= 0 and m.sentence_start <= pos < m.sentence_end:
                    cands.append(ev)
                    break
        cands.sort(key=lambda e: (e.event_type != g["event_type"], e.sub_event_type != g["sub_event_type"]))
        if not cands:
            hits["recall"].append(False)
            confusion[(g["event_type"], "(missed)")] += 1
            errors.append({"article": g["article"], "evidence": g["evidence"], "error": "missed"})
            continue
        ev = cands[0]
        matched_pred.add(ev.id)
        hits["recall"].append(True)
        v = _event_view(ev)
        confusion[(g["event_type"], v["event_type"])] += 1
        alts = g.get("alternatives") or {}
        m0 = next(
            (
                m
                for mid in ev.mention_ids
                if (m := mentions.get(mid)) and m.sentence_start <= pos < m.sentence_end
            ),
            None,
        )
        sentence = article.text[m0.sentence_start : m0.sentence_end] if m0 else ""
        for f in FIELDS:
            ok = _norm(v[f]) in {_norm(g.get(f)), *(_norm(a) for a in alts.get(f, []))}
            hits[f].append(ok)
            if not ok:
                errors.append(
                    {
                        "article": g["article"],
                        "evidence": g["evidence"],
                        "field": f,
                        "gold": g.get(f),
                        "got": v[f],
                    }
                )
                field_errors.append(
                    {
                        "article": g["article"],
                        "trigger": ev.trigger,
                        "sentence": sentence[:240],
                        "field": f,
                        "predicted": v[f],
                        "gold": g.get(f),
                    }
                )
        if g.get("lat") is not None:
            d = km(v["latlon"], (g["lat"], g["lon"])) if v["latlon"] else float("inf")
            hits["place_25km"].append(d <= 25)
            hits["place_161km"].append(d <= 161)
        if g.get("date"):
            hits["date_exact"].append(v["date"] == g["date"])
            hits["date_within_precision"].append(
                v["date"] is not None and v["date"] <= g["date"] <= (v["date_last"] or v["date"])
            )
        if g.get("fatalities") is not None:
            got, want = v["fatalities"] or 0, g["fatalities"]  # ACLED codes "no deaths stated" as 0
            hits["fatalities_exact"].append(got == want)
            hits["fatalities_within_10pct"].append(abs(got - want) <= 0.1 * want)
    n_pred = sum(len(set(e.id for e in evs)) for _, evs, _ in {id(v): v for v in pred.values()}.values())
    false_neg = 0
    excused: set[str] = set()
    for neg in negatives:
        if neg["article"] not in pred:
            continue
        article, events, mentions = pred[neg["article"]]
        pos = article.text.find(neg["evidence"])
        end = pos + len(neg["evidence"])
        whole_sentence = (
            neg.get("scope") == "sentence"
        )  # the evidence is an anchor: its sentence must stay quiet
        allowed = set(neg.get("allowed_modalities", ()))  # e.g. a threat coded "threatened" is right
        caption_day = neg.get("caption_date") if neg.get("kind") == "caption" else None
        for ev in events:
            modality = getattr(ev.modality, "value", ev.modality)
            if modality in allowed:
                continue
            if caption_day and ev.date and ev.date.first and ev.date.first.isoformat() <= caption_day:
                excused.add(ev.id)  # a caption's event carrying the caption's own, older date is right,
                continue  # and is not news of the article: it counts neither way
            if any(
                (m := mentions.get(mid))
                and pos >= 0
                and (
                    m.sentence_start <= pos < m.sentence_end
                    if whole_sentence
                    else pos <= m.trigger_start < end
                )
                for mid in ev.mention_ids
            ):
                false_neg += 1
                errors.append(
                    {
                        "article": neg["article"],
                        "evidence": neg["evidence"],
                        "error": "negative fired",
                        "kind": neg.get("kind"),
                    }
                )
                break
    unmatched = []  # predictions no gold event claims: invented events or mentions not merged into theirs
    for article, events, mentions in {id(v): v for v in pred.values()}.values():
        for ev in events:
            if ev.id not in matched_pred and ev.id not in excused:
                m = mentions.get(ev.mention_ids[0])
                sentence = article.text[m.sentence_start : m.sentence_end] if m else ""
                unmatched.append(
                    {
                        "article": article_key(article),
                        "type": ev.sub_event_type,
                        "modality": getattr(ev.modality, "value", ev.modality),
                        "trigger": ev.trigger,
                        "sentence": sentence[:160],
                    }
                )
    tp = sum(hits["recall"])
    n_pred -= len(excused)
    precision = len(matched_pred) / n_pred if n_pred else 0.0
    recall = tp / len(hits["recall"]) if hits["recall"] else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    fields = {
        k: {"accuracy": round(sum(v) / len(v), 3), "n": len(v)} for k, v in hits.items() if k != "recall"
    }
    return {
        "gold_events": len(gold),
        "predicted_events": n_pred,
        "event_precision": round(precision, 3),
        "event_recall": round(recall, 3),
        "event_f1": round(f1, 3),
        "fields": fields,
        "negatives": len(negatives),
        "negatives_fired": false_neg,
        "missing_articles": sorted(missing_articles),
        "type_confusion": {f"{g} -> {p}": n for (g, p), n in sorted(confusion.items())},
        "errors": errors[:200],
        "field_errors": field_errors,
        "unmatched_predictions": unmatched[:300],
    }


def main() -> dict[str, Any]:
    results: dict[str, Any] = {}
    sets = [
        ("demo", [DEMO], "demo_events.jsonl", "demo_negatives.jsonl"),
        ("seed", [SEED], "seed_events.jsonl", "seed_negatives.jsonl"),
    ]
    for name, paths, gold_file, neg_file in sets:
        gold = read_jsonl(GOLD / gold_file)
        if not gold or not all(p.exists() for p in paths):
            print(f"accuracy: skipping {name}: gold or texts absent")
            continue
        results[name] = evaluate(gold, read_jsonl(GOLD / neg_file), predict(paths))
    return results


if __name__ == "__main__":
    res = main()
    path = save("accuracy", res)
    for name, r in res.items():
        print(
            f"== {name}: {r['gold_events']} gold, {r['predicted_events']} predicted, "
            f"P {r['event_precision']} R {r['event_recall']} F1 {r['event_f1']}, "
            f"negatives fired {r['negatives_fired']}/{r['negatives']}"
        )
        for f, v in r["fields"].items():
            print(f"   {f:>24}: {v['accuracy']:.3f} (n={v['n']})")
    print(f"wrote {path}")
