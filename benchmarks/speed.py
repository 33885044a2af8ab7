"""Speed on the real news texts of ../shared/eval (TR-News, GeoVirus, CASE 2021 snippets).

Every figure is words of the article texts per CPU-second of this process (``time.process_time``, which
also counts DuckDB's threads), so other load on the machine hardly moves them:

- spaCy: bare ``nlp.pipe`` of the same model over the segments the pipeline parses (batch 64);
- extract: ``pipeline.extract`` (cleaning, spaCy, actors, places, dates, counts, events), no store;
- ingest: ``pipeline.run`` into a new DuckDB file (extraction, dedup against the store, batched writes);
- workers: ``pipeline.run(workers=2)`` vs ``workers=1`` into DuckDB, wall clock, the writer included
  (only meaningful when two cores are free).

spaCy, extract and ingest run interleaved (``--rounds`` times; the best round counts). Also: start-up
time and peak memory. Without ../shared the demo corpus is used.

    python benchmarks/speed.py [--limit N] [--rounds 2] [--no-workers]
    python benchmarks/speed.py --workers-only [--limit N] [--rounds 3]   # workers 2 vs 1, interleaved, with the load
"""

from __future__ import annotations

import argparse
import copy
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import DEMO, real_texts, save, words  # noqa: E402


def load_articles(limit: int | None) -> tuple[list, str]:
    from trucewatch import ingest

    texts = real_texts()
    if limit:  # an even spread over the three sources
        texts = texts[:: max(1, len(texts) // limit)][:limit]
    if texts:
        return [ingest.from_text(t, origin=o) for o, t in texts], "real (TR-News, GeoVirus, CASE 2021)"
    arts = [a for a in ingest.read_paths([DEMO], ingest.IngestDefaults()) if not hasattr(a, "reason")]
    return arts, "demo corpus (../shared absent)"


def cpu_spacy(arts: list) -> float:
    from trucewatch import clean, nlp

    arts = copy.deepcopy(arts)
    for a in arts:
        clean.segment(a)
    texts = [s.text for a in arts for s in a.segments if s.kind in nlp.PARSED_KINDS]
    model = nlp.load()
    t = time.process_time()
    for _ in model.pipe(texts, batch_size=64):
        pass
    return time.process_time() - t


def cpu_extract(arts: list) -> float:
    from trucewatch import pipeline

    arts = copy.deepcopy(arts)
    t = time.process_time()
    for _ in pipeline.extract(arts):
        pass
    return time.process_time() - t


def _ingest(arts: list, workers: int, clock: Any) -> float:
    from trucewatch import pipeline
    from trucewatch.store import open_store

    arts = copy.deepcopy(arts)
    with tempfile.TemporaryDirectory() as d, open_store(str(Path(d) / "s.duckdb")) as st:
        t = clock()
        stats = pipeline.run(arts, st, workers=workers)
        pipeline.judge_events(st, stats.changed_event_ids)
        return clock() - t


def workers_ratio(limit: int | None, rounds: int) -> dict[str, Any]:
    """``ingest --workers 2`` vs 1 (wall clock, writer and judging included), interleaved ``rounds`` times;
    the best round of each counts. The load average before and after says how free the two cores were."""
    from trucewatch import pipeline

    pipeline.resources()
    arts, kind = load_articles(limit)
    _ingest(arts[:3], 1, time.perf_counter)  # warm caches
    load_before = _load()
    one, two = [], []
    for _ in range(max(1, rounds)):
        one.append(_ingest(arts, 1, time.perf_counter))
        two.append(_ingest(arts, 2, time.perf_counter))
    return {
        "texts": kind, "articles": len(arts), "words": sum(words(a.text) for a in arts),
        "ingest_workers_1_wall_s": [round(x, 1) for x in one], "ingest_workers_2_wall_s": [round(x, 1) for x in two],
        "workers_2_speedup": round(min(one) / min(two), 2),
        "load_average_before_after": [load_before, _load()],
    }


def _load() -> float:
    import os

    return round(os.getloadavg()[0], 2)


def startup() -> dict[str, float]:
    """Seconds from a fresh interpreter to ready: import and spaCy model, then dictionaries and gazetteer."""
    code = (
        "import time; t=time.perf_counter(); import trucewatch.pipeline as p; from trucewatch import nlp; "
        "nlp.load(); a=time.perf_counter(); p.resources(); b=time.perf_counter(); print(a-t, b-a)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    return {"model_s": round(float(out[0]), 2), "resources_s": round(float(out[1]), 2)}


def main() -> dict:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, help="only N of the texts (spread over the sources)")
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--no-workers", action="store_true")
    ap.add_argument("--workers-only", action="store_true", help="only the workers ratio (--rounds interleaved)")
    args = ap.parse_args()
    if args.workers_only:
        return workers_ratio(args.limit, args.rounds)
    start = startup()
    from trucewatch import pipeline

    pipeline.resources()
    arts, kind = load_articles(args.limit)
    n_words = sum(words(a.text) for a in arts)
    cpu_extract(arts[:3])  # warm caches
    best: dict[str, float] = {}
    for _ in range(max(1, args.rounds)):  # interleaved, so a busy moment hits all three alike
        for name, fn in (("spacy", cpu_spacy), ("extract", cpu_extract),
                         ("ingest", lambda a: _ingest(a, 1, time.process_time))):
            best[name] = min(best.get(name, float("inf")), fn(arts))
    res: dict[str, Any] = {
        "texts": kind, "articles": len(arts), "words": n_words,
        "spacy_words_per_cpu_s": round(n_words / best["spacy"]),
        "extract_words_per_cpu_s": round(n_words / best["extract"]),
        "extract_vs_spacy": round(best["spacy"] / best["extract"], 3),
        "extract_articles_per_cpu_s": round(len(arts) / best["extract"], 2),
        "ingest_duckdb_words_per_cpu_s": round(n_words / best["ingest"]),
        "ingest_vs_spacy": round(best["spacy"] / best["ingest"], 3),
    }
    if not args.no_workers:
        one = _ingest(arts, 1, time.perf_counter)
        two = _ingest(arts, 2, time.perf_counter)
        res["ingest_workers_1_wall_s"] = round(one, 1)
        res["ingest_workers_2_wall_s"] = round(two, 1)
        res["workers_2_speedup"] = round(one / two, 2)
    res["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    res["startup"] = start
    return res


if __name__ == "__main__":
    result = main()
    path = save("speed", result)
    for k, v in result.items():
        print(f"{k:>30}: {v}")
    print(f"wrote {path}")
