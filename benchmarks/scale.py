"""Scale: cost per article as the store grows (1k, 10k, 50k articles), on DuckDB and PostgreSQL.

The articles are the real news texts of ../shared/eval (TR-News, GeoVirus, CASE 2021 snippets), each
extracted once by the real pipeline. Copy k of text t becomes a distinct article: its own id and content
hash, and its publication date and event dates moved forward so that about ``--per-day`` articles fall
on each day (a steady news stream; copies of one text land weeks apart, so they are not one event).
The store part (``pipeline.store_batch``: dedup against the store, batched write) runs on these
copies; extraction does not depend on the store, so it is measured once, on the real texts, and
its time per article is added to give the end-to-end figure.

Measured at each size: store milliseconds per article over the last batches before that size,
articles/s end to end, peak memory, store bytes per 1k events; then an incremental ingest of 10 new
real articles (extraction, store and judging) into the full store.

    python benchmarks/scale.py --sizes 1000 10000 50000 [--pg postgresql://...] [--base 857]
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import hashlib
import os
import re
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import real_texts, save, words  # noqa: E402

START = dt.date(2015, 1, 1)


def extract_base(limit: int | None) -> tuple[list[tuple[Any, list[Any]]], float, int]:
    """(article, mentions) of the real texts, the extraction seconds and words."""
    from trucewatch import ingest, pipeline

    texts = real_texts()
    if limit:  # an even spread over the three sources
        texts = texts[:: max(1, len(texts) // limit)][:limit]
    arts = [ingest.from_text(t, origin=o, published=START) for o, t in texts]
    pipeline.resources()
    list(pipeline.extract(arts[:2]))  # warm caches
    t = time.perf_counter()
    outs = [o for o in pipeline.extract(arts) if not hasattr(o, "reason")]
    return outs, time.perf_counter() - t, sum(words(a.text) for a, _ in outs)


#: A year in a text (1950-2049), moved forward in copy k of it.
YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")


def text_copies(n: int, per_day: int, limit: int | None = None) -> list[dict[str, Any]]:
    """``n`` input records (id, published, text) built from the real texts, for runs from raw text.

    Text t is published on day ``t // per_day`` from START; copy k of it (k = 0, 1, ...) gets the id
    ``ORIGIN-k``, is published k years later and has every year written in it moved k years forward, and
    (k > 0) a title line "Wire copy k", so copies are distinct articles (own id, own content hash) whose
    events fall in their own year.
    """
    texts = real_texts()
    if limit:  # an even spread over the three sources
        texts = texts[:: max(1, len(texts) // limit)][:limit]
    out: list[dict[str, Any]] = []
    for i in range(n if texts else 0):
        origin, text = texts[i % len(texts)]
        k, day = i // len(texts), START + dt.timedelta(days=(i % len(texts)) // per_day)
        if k:
            text = YEAR.sub(lambda m, k=k: str(int(m.group(1)) + k), text)
            day = day.replace(year=day.year + k, day=min(day.day, 28) if day.month == 2 else day.day)
        record = {"id": f"{origin}-{k}", "published": day.isoformat(), "text": text}
        if k:
            record["title"] = f"Wire copy {k}"
        out.append(record)
    return out


def copy_of(article: Any, mentions: list[Any], k: int, days: int) -> tuple[Any, list[Any]]:
    """Copy ``k`` of an extracted article: new id and hash, dates moved ``days`` forward."""
    shift = dt.timedelta(days=days)

    def moved(d: dt.date | None) -> dt.date | None:
        return d + shift if d is not None else None

    aid = f"{article.id}-{k}"
    art = dataclasses.replace(
        article, id=aid, hash=hashlib.sha1(f"{article.hash}/{k}".encode()).hexdigest(),
        published=moved(article.published),
        segments=[dataclasses.replace(s, own_date=moved(s.own_date)) for s in article.segments],
    )
    out = []
    for m in mentions:
        date = dataclasses.replace(m.date, first=moved(m.date.first), last=moved(m.date.last)) if m.date else None
        out.append(dataclasses.replace(m, id=f"{aid}:{m.id.split(':', 1)[1]}", article_id=aid, date=date))
    return art, out


def anchor(article: Any, mentions: list[Any]) -> dt.date:
    """The middle day of an article's dated mentions (its publication date when none is dated)."""
    days = sorted(m.date.first for m in mentions if m.date is not None and m.date.first is not None)
    return days[len(days) // 2] if days else (article.published or START)


def stream(base: list[tuple[Any, list[Any]]], n: int, per_day: int, offset: int = 0):
    """Articles ``offset`` .. ``offset + n`` of a steady stream of ``per_day`` articles a day: article i is
    a copy of base text i mod len(base), moved so that the middle of its events falls on day i // per_day
    (texts written years apart would otherwise pile their events on the same days as copies accumulate,
    which no real stream does)."""
    for i in range(offset, offset + n):
        art, ms = base[i % len(base)]
        yield copy_of(art, ms, i // len(base), i // per_day - (anchor(art, ms) - START).days)


def server_cpu(st: Any) -> float:
    """CPU seconds of the PostgreSQL server a store talks to, when it runs on this machine (its postmaster,
    the children it reaped and the live ones: backends, writers); 0.0 for DuckDB or a remote server."""
    if not str(getattr(st, "url", "")).startswith("postgresql"):
        return 0.0
    try:
        data = st._run("SELECT current_setting('data_directory')")[0][0]
        top = int(Path(data, "postmaster.pid").read_text().split()[0])
    except Exception:  # another user's server, or not local
        return 0.0
    tick, total = os.sysconf("SC_CLK_TCK"), 0.0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid, ppid = int(entry.name), int(fields[1])
        if pid == top:
            total += sum(int(x) for x in fields[11:15]) / tick  # its own and its reaped children's
        elif ppid == top:
            total += (int(fields[11]) + int(fields[12])) / tick
    return total


def _size(url: str, st: Any) -> int:
    if url.startswith("postgresql"):
        return int(st._run("SELECT pg_database_size(current_database())")[0][0])
    st._run("CHECKPOINT")
    return os.path.getsize(url)


def grow(url: str, base: list, sizes: list[int], per_day: int, batch: int = 32) -> dict[str, Any]:
    """Fill the store up to each size; store ms per article over the last 10% before each size."""
    from trucewatch import pipeline
    from trucewatch.store import open_store

    out: dict[str, Any] = {}
    done = 0
    with open_store(url) as st:
        for size in sizes:
            window = max(batch, size // 10)
            spent = cpu = 0.0
            timed = 0
            items = list(stream(base, size - done, per_day, done))
            for i in range(0, len(items), batch):
                chunk = items[i:i + batch]
                last = done + i + len(chunk) > size - window
                if last:
                    c0 = server_cpu(st) + time.process_time()  # the /proc scans outside the window
                t = time.perf_counter()
                pipeline.store_batch(st, chunk, pipeline.RunStats())
                dt_ = time.perf_counter() - t
                if last:
                    cpu += time.process_time() + server_cpu(st) - c0
                    spent += dt_
                    timed += len(chunk)
            done = size
            stats = st.stats()
            out[str(size)] = {
                "store_ms_per_article": round(1000 * spent / timed, 2),
                "store_cpu_ms_per_article": round(1000 * cpu / timed, 2),
                "load_average": round(os.getloadavg()[0], 2),
                "events": stats["events"],
                "bytes_per_1k_events": round(_size(url, st) * 1000 / max(1, stats["events"])),
            }
            print(size, out[str(size)], flush=True)
    return out


def incremental(url: str, per_day: int, done: int) -> dict[str, Any]:
    """10 new real articles through ``pipeline.run`` and ``judge_events`` into the full store."""
    from trucewatch import ingest, pipeline
    from trucewatch.store import open_store

    texts = real_texts()[-10:]
    day = START + dt.timedelta(days=done // per_day + 1)
    arts = [ingest.from_text(t + "\n\nUpdate.", origin=f"new-{o}", published=day) for o, t in texts]
    with open_store(url) as st:
        t = time.perf_counter()
        stats = pipeline.run(arts, st)
        judged = pipeline.judge_events(st, stats.changed_event_ids)
        return {"articles": stats.articles, "judgements": judged, "seconds": round(time.perf_counter() - t, 2)}


def main() -> dict[str, Any]:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 50000])
    ap.add_argument("--pg", default=os.environ.get("TRUCEWATCH_BENCH_PG"),
                    help="also measure this (empty) PostgreSQL database (or $TRUCEWATCH_BENCH_PG)")
    ap.add_argument("--pg-sizes", type=int, nargs="+")
    ap.add_argument("--pg-only", action="store_true", help="skip the DuckDB run")
    ap.add_argument("--base", type=int, help="use only N of the real texts (spread over the sources)")
    ap.add_argument("--per-day", type=int, default=25)
    args = ap.parse_args()
    base, t_extract, n_words = extract_base(args.base)
    if not base:
        print("no real texts in ../shared/eval: skipped")
        return {"skipped": "no real texts"}
    extract_ms = 1000 * t_extract / len(base)
    res: dict[str, Any] = {
        "texts": len(base), "words": n_words, "per_day": args.per_day,
        "extract_ms_per_article": round(extract_ms, 1),
        "extract_words_per_s": round(n_words / t_extract),
    }
    with tempfile.TemporaryDirectory() as d:
        url = str(Path(d) / "scale.duckdb")
        if args.pg_only:
            args.sizes = []
        if args.sizes:
            res["duckdb"] = grow(url, base, args.sizes, args.per_day)
            res["duckdb_incremental_10"] = incremental(url, args.per_day, args.sizes[-1])
    if args.pg:
        sizes = args.pg_sizes or args.sizes
        res["postgresql"] = grow(args.pg, base, sizes, args.per_day)
        res["postgresql_incremental_10"] = incremental(args.pg, args.per_day, sizes[-1])
    for backend in ("duckdb", "postgresql"):
        for row in res.get(backend, {}).values():
            row["end_to_end_articles_per_s"] = round(1000 / (extract_ms + row["store_ms_per_article"]), 2)
    res["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    return res


if __name__ == "__main__":
    result = main()
    path = save("scale", result)
    print(result)
    print(f"wrote {path}")
