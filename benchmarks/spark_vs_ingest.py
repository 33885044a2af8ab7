"""Spark vs ingest on the same real news texts: the same events? and throughput per core.

The real texts of ../shared/eval (TR-News, GeoVirus, CASE 2021 snippets; the demo corpus without it) are
written to a temporary JSON Lines file, each with a publication date (``--per-day`` texts a day), then:

- ingest: ``pipeline.run`` (1 process) into a new DuckDB store; wall seconds and CPU seconds;
- spark: ``scale.spark.run`` on ``--master`` (default ``local[2]``), wall seconds;

and compares the two event sets: share of event ids both gave, and the share of ingest's events whose
records Spark gave identical. Throughput per core: articles per CPU-second, of ingest's process and of
every process of the Spark run (this driver, the JVM, Spark's Python workers: read from /proc once a
second, so a busy machine hardly moves it); wall seconds too, which need free cores to mean anything.

    python benchmarks/spark_vs_ingest.py [--limit N] [--master local[2]] [--cores 2]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import DEMO, real_texts, save  # noqa: E402


def write_inputs(folder: Path, limit: int | None, per_day: int) -> list[Path]:
    texts = real_texts()
    if limit:
        texts = texts[:: max(1, len(texts) // limit)][:limit]
    if not texts:
        return [DEMO]
    start = dt.date(2016, 1, 1)
    path = folder / "texts.jsonl"
    with path.open("w", encoding="utf-8") as f:
        for i, (origin, text) in enumerate(texts):
            day = start + dt.timedelta(days=i // per_day)
            f.write(json.dumps({"id": origin, "published": day.isoformat(), "text": text}) + "\n")
    return [path]


class TreeCpu:
    """CPU seconds of this process's descendants (and itself), sampled from /proc in a thread."""

    def __init__(self) -> None:
        import threading

        self.seen: dict[int, float] = {}
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._poll, daemon=True)
        self.base = self._tree()

    def _tree(self) -> dict[int, float]:
        tick = os.sysconf("SC_CLK_TCK")
        procs: dict[int, tuple[int, float]] = {}
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                except OSError:
                    continue
                procs[int(entry.name)] = (int(fields[1]), (int(fields[11]) + int(fields[12])) / tick)
        mine, me = {}, os.getpid()
        for pid, (_ppid, cpu) in procs.items():
            p = pid
            while p in procs and p != me and p > 1:
                p = procs[p][0]
            if p == me:
                mine[pid] = cpu
        return mine

    def _poll(self) -> None:
        while not self.stop.is_set():
            for pid, cpu in self._tree().items():
                self.seen[pid] = max(cpu, self.seen.get(pid, 0.0))
            self.stop.wait(1.0)

    def __enter__(self) -> TreeCpu:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join()
        for pid, cpu in self._tree().items():
            self.seen[pid] = max(cpu, self.seen.get(pid, 0.0))

    @property
    def seconds(self) -> float:
        return sum(cpu - self.base.get(pid, 0.0) for pid, cpu in self.seen.items())


def main() -> dict:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int)
    ap.add_argument("--per-day", type=int, default=25)
    ap.add_argument("--master", default="local[2]")
    ap.add_argument("--cores", type=int, default=2, help="cores the Spark run used")
    args = ap.parse_args()
    import pyarrow.parquet as pq

    from trucewatch import ingest, pipeline
    from trucewatch.model import to_record
    from trucewatch.scale import spark
    from trucewatch.store import open_store

    with tempfile.TemporaryDirectory() as d:
        folder = Path(d)
        inputs = write_inputs(folder, args.limit, args.per_day)
        load = [round(os.getloadavg()[0], 2)]
        t, c = time.perf_counter(), time.process_time()  # both runs load the model and dictionaries
        with open_store(folder / "ingest.duckdb") as st:
            stats = pipeline.run(ingest.read_paths(inputs), st)
            expected = {ev.id: to_record(ev) for ev in st.events()}
        ingest_wall, ingest_cpu = time.perf_counter() - t, time.process_time() - c
        load.append(round(os.getloadavg()[0], 2))
        t = time.perf_counter()
        with TreeCpu() as cpu:
            run = spark.run(inputs, folder / "spark", master=args.master)
        spark_wall, spark_cpu = time.perf_counter() - t, cpu.seconds
        load.append(round(os.getloadavg()[0], 2))
        got = {r["event_id"]: json.loads(r["record"]) for r in pq.read_table(folder / "spark" / "events").to_pylist()}
    same_ids = set(got) & set(expected)
    identical = sum(1 for k in same_ids if got[k] == expected[k])
    return {
        "articles": stats.articles, "events_ingest": len(expected), "events_spark": len(got),
        "ids_in_both_share": round(len(same_ids) / max(1, len(expected | got)), 4),
        "identical_records_share": round(identical / max(1, len(expected)), 4),
        "dedup_groups": run.groups, "largest_group": run.largest_group,
        "ingest_wall_s": round(ingest_wall, 1), "ingest_cpu_s": round(ingest_cpu, 1),
        "spark_wall_s": round(spark_wall, 1), "spark_master": args.master, "spark_cores": args.cores,
        "spark_cpu_s": round(spark_cpu, 1),
        "ingest_articles_per_cpu_s": round(stats.articles / ingest_cpu, 2),
        "spark_articles_per_cpu_s": round(run.articles / spark_cpu, 2),
        "spark_vs_ingest_per_cpu_s": round(ingest_cpu / spark_cpu * run.articles / max(1, stats.articles), 3),
        "ingest_articles_per_wall_s": round(stats.articles / ingest_wall, 2),
        "spark_articles_per_wall_s_per_core": round(run.articles / spark_wall / args.cores, 2),
        "load_average_before_between_after": load,
    }


if __name__ == "__main__":
    result = main()
    path = save("spark_vs_ingest", result)
    for k, v in result.items():
        print(f"{k:>36}: {v}")
    print(f"wrote {path}")
