"""Spark vs ingest on the same real news texts: the same events? and throughput per core.

Input: ``--n`` articles built from the real texts of ../shared/eval (TR-News, GeoVirus, CASE 2021
snippets; the demo corpus without it) by ``scale.text_copies`` (copy k of a text: own id, published k
years later with its written years moved k years, ``--per-day`` texts a day), in ``--files`` JSON Lines
files; all texts once by default. Then:

- ingest: ``pipeline.run`` (1 process) into a new DuckDB store; wall and CPU seconds;
- spark: ``scale.spark.run`` on ``--master`` (default ``local[2]``); wall seconds, and the CPU seconds of
  every process of the run (this driver, the JVM, Spark's Python daemon and its workers), read from
  /proc twice a second, so a busy machine hardly moves them; ``spark_cpu_s_by_process`` splits them.

Reported: share of event ids both gave, share of ingest's events whose full records Spark gave
identical, articles and words per CPU-second of each, and the load average before, between and after.
Neither side judges the events (``trucewatch ingest`` and ``trucewatch load`` do that afterwards).

    python benchmarks/spark_vs_ingest.py [--n 10000] [--limit N] [--files 10] [--master local[2]] [--cores 2]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import DEMO, real_texts, save, words  # noqa: E402
from scale import text_copies  # noqa: E402


def write_inputs(folder: Path, n: int | None, limit: int | None, per_day: int, files: int) -> tuple[list[Path], int]:
    """``n`` articles from the real texts (scale.text_copies; all texts once by default) in ``files`` JSON
    Lines files; returns the paths and the words of all texts."""
    n = n or len(real_texts()[:: max(1, len(real_texts()) // limit)][:limit] if limit else real_texts())
    records = text_copies(n, per_day, limit)
    if not records:
        return [DEMO], 0
    size = -(-len(records) // max(1, files))
    paths = []
    for j in range(0, len(records), size):
        path = folder / f"texts-{j // size:03d}.jsonl"
        with path.open("w", encoding="utf-8") as f:
            for r in records[j:j + size]:
                f.write(json.dumps(r) + "\n")
        paths.append(path)
    return paths, sum(words(r["text"]) for r in records)


class TreeCpu:
    """CPU seconds of this process and its descendants, sampled from /proc in a thread, by kind of process:
    driver (this one), jvm, daemon (Spark's Python daemon: model loading) and workers (its forks)."""

    def __init__(self) -> None:
        import threading

        self.seen: dict[int, float] = {}
        self.kind: dict[int, str] = {}
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._poll, daemon=True)
        self.base = {pid: cpu for pid, (cpu, _k) in self._tree().items()}

    def _tree(self) -> dict[int, tuple[float, str]]:
        tick = os.sysconf("SC_CLK_TCK")
        procs: dict[int, tuple[int, float, str]] = {}
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    name, rest = (entry / "stat").read_text().rsplit(")", 1)
                except OSError:
                    continue
                fields = rest.split()
                procs[int(entry.name)] = (int(fields[1]), (int(fields[11]) + int(fields[12])) / tick,
                                          name.split("(", 1)[-1])
        mine, me = {}, os.getpid()
        for pid, (_ppid, cpu, name) in procs.items():
            p, chain = pid, []
            while p in procs and p != me and p > 1:
                chain.append(procs[p][2])
                p = procs[p][0]
            if p == me:
                kind = ("driver" if pid == me else "jvm" if name == "java" else
                        "daemon" if chain[1:2] == ["java"] else "workers" if chain[2:3] == ["java"] else "other")
                mine[pid] = (cpu, kind)
        return mine

    def _sample(self) -> None:
        for pid, (cpu, kind) in self._tree().items():
            self.seen[pid] = max(cpu, self.seen.get(pid, 0.0))
            self.kind[pid] = kind  # the last sight: a launcher script becomes java when it execs

    def _poll(self) -> None:
        while not self.stop.is_set():
            self._sample()
            self.stop.wait(0.5)

    def __enter__(self) -> TreeCpu:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join()
        self._sample()

    @property
    def seconds(self) -> float:
        return sum(self.by_kind().values())

    def by_kind(self) -> dict[str, float]:
        out: dict[str, float] = {}
        for pid, cpu in self.seen.items():
            k = self.kind.get(pid, "other")
            out[k] = out.get(k, 0.0) + cpu - self.base.get(pid, 0.0)
        return {k: round(v, 1) for k, v in sorted(out.items())}


def main() -> dict:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, help="articles (copies of the real texts, see scale.text_copies); all texts once by default")
    ap.add_argument("--limit", type=int, help="use only N of the real texts (spread over the sources)")
    ap.add_argument("--per-day", type=int, default=25)
    ap.add_argument("--files", type=int, default=10, help="input files the articles are split into")
    ap.add_argument("--master", default="local[2]")
    ap.add_argument("--partitions", type=int, help="Spark tasks for extraction and merging")
    ap.add_argument("--cores", type=int, default=2, help="cores the Spark run used")
    ap.add_argument("--skip-ingest", action="store_true", help="Spark alone (no parity, no ratio)")
    args = ap.parse_args()
    import pyarrow.parquet as pq

    from trucewatch import ingest, pipeline
    from trucewatch.model import to_record
    from trucewatch.scale import spark
    from trucewatch.store import open_store

    res: dict = {}
    with tempfile.TemporaryDirectory() as d:
        folder = Path(d)
        inputs, n_words = write_inputs(folder, args.n, args.limit, args.per_day, args.files)
        load = [round(os.getloadavg()[0], 2)]
        expected: dict = {}
        if not args.skip_ingest:
            t, c = time.perf_counter(), time.process_time()  # both runs load the model and dictionaries
            with open_store(folder / "ingest.duckdb") as st:
                stats = pipeline.run(ingest.read_paths(inputs), st)
                expected = {ev.id: to_record(ev) for ev in st.events()}
            ingest_wall, ingest_cpu = time.perf_counter() - t, time.process_time() - c
            load.append(round(os.getloadavg()[0], 2))
            res.update({"articles": stats.articles, "events_ingest": len(expected),
                        "ingest_wall_s": round(ingest_wall, 1), "ingest_cpu_s": round(ingest_cpu, 1)})
            print(res, flush=True)
        t = time.perf_counter()
        with TreeCpu() as cpu:
            run = spark.run(inputs, folder / "spark", master=args.master, partitions=args.partitions)
        spark_wall, spark_cpu = time.perf_counter() - t, cpu.seconds
        load.append(round(os.getloadavg()[0], 2))
        got = {r["event_id"]: json.loads(r["record"]) for r in pq.read_table(folder / "spark" / "events").to_pylist()}
    res.update({
        "input_files": len(inputs), "words": n_words, "articles_spark": run.articles, "events_spark": len(got),
        "dedup_groups": run.groups, "largest_group": run.largest_group,
        "spark_wall_s": round(spark_wall, 1), "spark_master": args.master, "spark_cores": args.cores,
        "spark_cpu_s": round(spark_cpu, 1), "spark_cpu_s_by_process": cpu.by_kind(),
        "spark_articles_per_cpu_s": round(run.articles / spark_cpu, 2),
        "spark_words_per_cpu_s": round(n_words / spark_cpu),
        "spark_articles_per_wall_s_per_core": round(run.articles / spark_wall / args.cores, 2),
    })
    if not args.skip_ingest:
        same_ids = set(got) & set(expected)
        identical = sum(1 for k in same_ids if got[k] == expected[k])
        res.update({
            "ids_in_both_share": round(len(same_ids) / max(1, len(expected | got)), 4),
            "identical_records_share": round(identical / max(1, len(expected)), 4),
            "ingest_articles_per_cpu_s": round(stats.articles / ingest_cpu, 2),
            "ingest_words_per_cpu_s": round(n_words / ingest_cpu),
            "spark_vs_ingest_per_cpu_s": round(ingest_cpu / spark_cpu * run.articles / max(1, stats.articles), 3),
            "ingest_articles_per_wall_s": round(stats.articles / ingest_wall, 2),
        })
    res["load_average_before_between_after"] = load
    return res


if __name__ == "__main__":
    result = main()
    path = save("spark_vs_ingest", result)
    for k, v in result.items():
        print(f"{k:>36}: {v}")
    print(f"wrote {path}")
