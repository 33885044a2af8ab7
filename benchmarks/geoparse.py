"""Geoparsing benchmark on the gold sets in ../shared/eval/geoparsing (TR-News, GeoVirus).

Country-level toponyms are also reported apart: a country's reference point is a convention
(GeoNames, Wikipedia and countryinfo place large countries hundreds of km apart), so accuracy
within 161 km on them measures the convention more than the geoparser.

Resolution is measured on the gold toponym spans (the standard way to compare resolvers), and
detection end to end (``trucewatch.places.geoparse``). Gold files are used to measure only:
nothing in the geoparser is fitted to them. Usage::

    .venv/bin/python benchmarks/geoparse.py [--limit N] [--out benchmarks/results/geoparse.json] [--no-import]

Both configurations are measured side by side: the default install, and with ../shared/geonames
imported (``trucewatch gazetteer import``) into a separate cache folder (``--import-cache``, default
``<cache>/bench-imported``; the import is done once and reused), reported under ``imported``.
"""

from __future__ import annotations

import sys
from pathlib import Path

# benchmarks/ holds a numbers.py that would shadow the standard library's: drop the script's folder
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

import argparse  # noqa: E402
import json  # noqa: E402
import math  # noqa: E402
import os  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
import xml.etree.ElementTree as ET  # noqa: E402
from collections import Counter  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402
from typing import Any  # noqa: E402

from trucewatch import places  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
GOLD_DIR = REPO.parent / "shared" / "eval" / "geoparsing"
GEONAMES_DIR = REPO.parent / "shared" / "geonames"
#: Published accuracy within 161 km of Mordecai3 (Halterman 2023), for comparison.
MORDECAI3_161 = {"TR-News": 0.873, "LGL": 0.827, "GeoWebNews": 0.941}
MAX_ERROR_KM = 20039.0


@dataclass
class Gold:
    start: int
    end: int
    text: str
    lat: float | None
    lon: float | None
    geonameid: int | None = None
    country_geonameid: int | None = None


@dataclass
class Doc:
    text: str
    gold: list[Gold] = field(default_factory=list)


def _align(text: str, phrase: str, start: int) -> int | None:
    """The gold start, corrected when the file's offsets are shifted by a few characters."""
    if text[start : start + len(phrase)] == phrase:
        return start
    for d in range(1, 25):
        for s in (start - d, start + d):
            if 0 <= s and text[s : s + len(phrase)] == phrase:
                return s
    return None


def _num(el: ET.Element | None) -> float | None:
    return float(el.text) if el is not None and el.text else None


def read_trnews(path: Path) -> list[Doc]:
    docs = []
    for art in ET.parse(path).getroot():
        doc = Doc(art.findtext("text") or "")
        for t in art.find("toponyms") or []:
            phrase = t.findtext("phrase") or ""
            s = _align(doc.text, phrase, int(t.findtext("start") or 0))
            if s is None:
                continue
            g = t.find("gaztag")
            if g is None:
                doc.gold.append(Gold(s, s + len(phrase), phrase, None, None))
                continue
            c = g.find("country")
            doc.gold.append(
                Gold(
                    s,
                    s + len(phrase),
                    phrase,
                    _num(g.find("lat")),
                    _num(g.find("lon")),
                    int(g.get("geonameid") or 0) or None,
                    int(c.get("geonameid") or 0) if c is not None and c.get("geonameid") else None,
                )
            )
        docs.append(doc)
    return docs


def read_geovirus(path: Path) -> list[Doc]:
    docs = []
    for art in ET.parse(path).getroot():
        doc = Doc(art.findtext("text") or "")
        for t in art.find("locations") or []:
            name = t.findtext("name") or ""
            s = _align(doc.text, name, int(t.findtext("start") or 0))
            if s is not None:
                doc.gold.append(Gold(s, s + len(name), name, _num(t.find("lat")), _num(t.find("lon"))))
        docs.append(doc)
    return docs


def _country_of(lat: float, lon: float) -> str | None:
    import reverse_geocode

    return reverse_geocode.get((lat, lon)).get("country_code")


def _miss_kind(r: dict[str, Any] | None, gold_is_country: bool, gold_cc: str | None) -> str:
    """Why a toponym is more than 161 km off: a reference-point convention, or a wrong reading."""
    if r is None:
        return "unresolved"
    code = r.get("feature_code") or ""
    if gold_cc and r["country"] != gold_cc:
        return "wrong_country"
    if gold_is_country and code.startswith("PCL"):
        return "country_point"  # the right country; the gold uses another point for it
    if code == "ADM1":
        return "division_point"  # a first-level division of the right country, placed elsewhere
    return "wrong_place_same_country"


def evaluate(name: str, docs: list[Doc], gaz: places.Gazetteer, nlp: Any) -> dict[str, Any]:
    country_iso = {int(gaz.ids[r]): iso for iso, r in gaz.country_row.items()}
    errors: list[float] = []
    non_country: list[
        float
    ] = []  # gold toponyms that are not countries (country points differ by convention)
    country_level: list[float] = []
    exact = exact_n = country_ok = country_n = 0
    misses: Counter[str] = Counter()
    n_spans = sum(len(d.gold) for d in docs)
    t0 = time.perf_counter()
    resolved_all = [places.resolve_spans(d.text, [(g.start, g.end) for g in d.gold], gaz) for d in docs]
    resolve_s = time.perf_counter() - t0
    for d, resolved in zip(docs, resolved_all, strict=False):
        for g, r in zip(d.gold, resolved, strict=False):
            if g.lat is None or g.lon is None:
                continue
            err = MAX_ERROR_KM if r is None else places.distance_km(g.lat, g.lon, r["lat"], r["lon"])
            errors.append(err)
            gold_is_country = (
                (g.geonameid in country_iso)
                if g.geonameid
                else bool(
                    gaz.demonym(g.text) is not None
                    or any(gaz.fcode(r).startswith("PCL") for r in gaz.lookup_exact(g.text))
                )
            )
            (country_level if gold_is_country else non_country).append(err)
            if g.geonameid:
                exact_n += 1
                exact += bool(r and r["geonameid"] == g.geonameid)
            gold_cc = (
                country_iso.get(g.country_geonameid or -1)
                if g.country_geonameid
                else _country_of(g.lat, g.lon)
            )
            if gold_cc:
                country_n += 1
                country_ok += bool(r and r["country"] == gold_cc)
            if err > 161:
                misses[_miss_kind(r, gold_is_country, gold_cc)] += 1
    # detection, end to end: spaCy first (batched), then the geoparser on the parsed docs
    t0 = time.perf_counter()
    parsed = list(nlp.pipe([d.text for d in docs], batch_size=16))
    spacy_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    words = 0
    tp = fp = fn = tp_overlap = 0
    e2e_hits = e2e_161 = 0
    n_found = 0
    for d, doc in zip(docs, parsed, strict=False):
        words += len(d.text.split())
        found = places.geoparse_doc(doc, demonyms=True, gazetteer=gaz)
        n_found += len(found)
        gold_spans = {(g.start, g.end): g for g in d.gold}
        pred_spans = {(f["start"], f["end"]): f for f in found}
        tp += len(gold_spans.keys() & pred_spans.keys())
        fp += len(pred_spans.keys() - gold_spans.keys())
        fn += len(gold_spans.keys() - pred_spans.keys())
        for g in d.gold:
            hit = next((f for f in found if f["start"] < g.end and g.start < f["end"]), None)
            if hit is not None:
                tp_overlap += 1
                if g.lat is not None and g.lon is not None:
                    e2e_hits += 1
                    e2e_161 += places.distance_km(g.lat, g.lon, hit["lat"], hit["lon"]) <= 161
    e2e_s = time.perf_counter() - t0
    p = tp / (tp + fp) if tp + fp else 0.0
    r_ = tp / (tp + fn) if tp + fn else 0.0
    n = len(errors)
    return {
        "corpus": name,
        "articles": len(docs),
        "gold_toponyms": n_spans,
        "gold_with_coordinates": n,
        "resolution_on_gold_spans": {
            "acc_161km": round(sum(e <= 161 for e in errors) / n, 4) if n else None,
            "acc_25km": round(sum(e <= 25 for e in errors) / n, 4) if n else None,
            "acc_161km_non_country": round(sum(e <= 161 for e in non_country) / len(non_country), 4)
            if non_country
            else None,
            "non_country_n": len(non_country),
            "acc_161km_country_level": round(sum(e <= 161 for e in country_level) / len(country_level), 4)
            if country_level
            else None,
            "mean_error_km": round(statistics.fmean(errors), 1) if n else None,
            "median_error_km": round(statistics.median(errors), 1) if n else None,
            "auc_log_error": round(
                statistics.fmean(math.log(1 + e) / math.log(1 + MAX_ERROR_KM) for e in errors), 4
            )
            if n
            else None,
            "exact_geonameid": round(exact / exact_n, 4) if exact_n else None,
            "exact_geonameid_n": exact_n,
            "country_accuracy": round(country_ok / country_n, 4) if country_n else None,
            "unresolved": sum(e >= MAX_ERROR_KM for e in errors),
            "toponyms_per_s": round(n_spans / resolve_s, 1) if resolve_s else None,
            "mordecai3_acc_161km": MORDECAI3_161.get(name),
            "misses_161km": dict(misses.most_common()),
        },
        "end_to_end": {
            "precision_exact_span": round(p, 4),
            "recall_exact_span": round(r_, 4),
            "f1_exact_span": round(2 * p * r_ / (p + r_), 4) if p + r_ else 0.0,
            "recall_overlap": round(tp_overlap / n_spans, 4) if n_spans else None,
            "acc_161km_of_detected": round(e2e_161 / e2e_hits, 4) if e2e_hits else None,
            "toponyms_found": n_found,
            "geoparser_toponyms_per_s": round(n_found / e2e_s, 1) if e2e_s else None,
            "geoparser_words_per_s": round(words / e2e_s, 1) if e2e_s else None,
            "spacy_words_per_s": round(words / spacy_s, 1) if spacy_s else None,
            "total_words_per_s": round(words / (spacy_s + e2e_s), 1) if spacy_s + e2e_s else None,
        },
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, default=GOLD_DIR)
    ap.add_argument("--limit", type=int, default=0, help="articles per corpus (0 = all)")
    ap.add_argument("--out", type=Path, default=REPO / "benchmarks" / "results" / "geoparse.json")
    ap.add_argument("--no-import", action="store_true", help="measure the default install only")
    ap.add_argument("--import-cache", type=Path, default=None, help="cache folder of the imported configuration")
    args = ap.parse_args(argv)
    readers = {"TR-News": ("TR-News.xml", read_trnews), "GeoVirus": ("GeoVirus.xml", read_geovirus)}
    t0 = time.perf_counter()
    gaz = places.load_gazetteer()
    load_s = time.perf_counter() - t0
    from trucewatch.nlp import load

    nlp = load()
    results = []
    for name, (fname, reader) in readers.items():
        path = args.gold / fname
        if not path.exists():
            print(f"skip {name}: {path} absent", file=sys.stderr)
            continue
        docs = reader(path)
        if args.limit:
            docs = docs[: args.limit]
        res = evaluate(name, docs, gaz, nlp)
        results.append(res)
        g, e = res["resolution_on_gold_spans"], res["end_to_end"]
        ref = g["mordecai3_acc_161km"]
        print(
            f"{name}: {res['gold_with_coordinates']} gold toponyms | acc@161km {g['acc_161km']:.3f} "
            f"(Mordecai3 {ref if ref is not None else 'n/a'}) | acc@25km {g['acc_25km']:.3f} | "
            f"exact id {g['exact_geonameid']} | country {g['country_accuracy']} | "
            f"{g['toponyms_per_s']} toponyms/s"
        )
        print(
            f"  end to end: P {e['precision_exact_span']:.3f} R {e['recall_exact_span']:.3f} "
            f"F1 {e['f1_exact_span']:.3f} (overlap recall {e['recall_overlap']}) | "
            f"acc@161km of detected {e['acc_161km_of_detected']} | geoparser {e['geoparser_words_per_s']} words/s, "
            f"spaCy {e['spacy_words_per_s']} words/s, together {e['total_words_per_s']} words/s"
        )
        print(f"  misses beyond 161 km: {g['misses_161km']}")
        print(
            f"  acc@161km without country-level toponyms {g['acc_161km_non_country']} (n={g['non_country_n']}); "
            f"country-level only {g['acc_161km_country_level']} | mean error {g['mean_error_km']} km, "
            f"median {g['median_error_km']} km"
        )
    if not results:
        print("no gold files found; nothing measured", file=sys.stderr)
        return 0
    out: dict[str, Any] = {"gazetteer_entries": len(gaz), "gazetteer_load_s": round(load_s, 3), "corpora": results}
    imported = None if args.no_import else _imported(args)
    if imported is not None:
        out["imported"] = imported
        print("side by side (acc@161km on gold spans / span recall / span F1): default | with ../shared/geonames")
        for d, i in zip(results, imported["corpora"], strict=False):
            gd, gi = d["resolution_on_gold_spans"], i["resolution_on_gold_spans"]
            ed, ei = d["end_to_end"], i["end_to_end"]
            print(
                f"  {d['corpus']}: {gd['acc_161km']:.3f} / {ed['recall_exact_span']:.3f} / {ed['f1_exact_span']:.3f}"
                f" | {gi['acc_161km']:.3f} / {ei['recall_exact_span']:.3f} / {ei['f1_exact_span']:.3f}"
            )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


def _imported(args: argparse.Namespace) -> dict[str, Any] | None:
    """The same measurement in a child process whose gazetteer has ../shared/geonames imported."""
    if not GEONAMES_DIR.exists():
        print(f"skip the imported configuration: {GEONAMES_DIR} absent", file=sys.stderr)
        return None
    cache = args.import_cache or places.cache_dir() / "bench-imported"
    cache.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "TRUCEWATCH_CACHE": str(cache)}
    if not (cache / places.gazetteer.EXTRA_FILE).exists():
        t = time.perf_counter()
        cmd = [sys.executable, "-m", "trucewatch.cli", "gazetteer", "import", str(GEONAMES_DIR)]
        subprocess.run(cmd, env=env, check=True)
        print(f"imported {GEONAMES_DIR} in {time.perf_counter() - t:.0f} s")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "imported.json"
        cmd = [sys.executable, __file__, "--no-import", "--gold", str(args.gold), "--limit", str(args.limit),
               "--out", str(out)]  # fmt: skip
        subprocess.run(cmd, env=env, check=True)
        return json.loads(out.read_text(encoding="utf-8"))


if __name__ == "__main__":
    raise SystemExit(main())
