"""The parts of a scale-out run that need no Spark: merging one group of extracted articles with the store
path itself, and loading a run's output folder into a store.

A group is merged by ``pipeline.store_batch`` into an in-memory DuckDB store, in input order: the same
code, the same order, hence the same events and ids as ``trucewatch ingest`` (see ``groups``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from trucewatch import pipeline
from trucewatch.model import Article, Event, Mention, Skip, from_record, to_record

Output = tuple[Article, list[Mention]] | Skip


def merge_group(outputs: Iterable[tuple[int, Output]], batch_size: int = 32) -> Iterator[tuple[str, int, Any]]:
    """(article number, extraction output) in, in input order; out: ("event", 0, Event), ("article", n,
    (Article, mentions)) for each stored article and ("skip", n, Skip) for each article the store refused."""
    from trucewatch.store import open_store

    stats = pipeline.RunStats()
    order: dict[str, int] = {}  # article id -> number
    passed: dict[int, int] = {}  # id() of a skip handed in -> number
    stored: list[tuple[int, Article, list[Mention]]] = []
    with open_store(":memory:") as st:
        pending: list[Output] = []
        for seq, out in sorted(outputs, key=lambda p: p[0]):
            if isinstance(out, Skip):
                passed[id(out)] = seq
            else:
                order[out[0].id] = seq
                stored.append((seq, *out))
            pending.append(out)
            if len(pending) >= batch_size:
                pipeline.store_batch(st, pending, stats)
                pending = []
        pipeline.store_batch(st, pending, stats)
        refused = {s.article_id for s in stats.skips}
        for skip in stats.skips:
            yield "skip", passed.get(id(skip), order.get(skip.article_id or "", -1)), skip
        for seq, article, mentions in stored:
            if article.id not in refused and st.has_article(article.hash):
                yield "article", seq, (article, mentions)
        for ev in st.events():
            yield "event", 0, ev


def load(folder: str | Path, store: Any) -> pipeline.RunStats:
    """Load a ``trucewatch spark`` output folder into an open store and judge its events.

    Into a store without articles the run's own events are written as they are (its merging is final).
    Into a store that already holds articles, the run's articles go through the store path of ingest
    (``pipeline.store_batch``), so they are deduplicated against the stored events too.
    """
    import time

    import pyarrow.parquet as pq

    started = time.perf_counter()
    folder = Path(folder)
    stats = pipeline.RunStats()
    arts = pq.read_table(folder / "articles").to_pylist()
    arts.sort(key=lambda r: r["seq"])
    outputs: list[tuple[Article, list[Mention]]] = [
        (from_record(Article, json.loads(r["article"])), [from_record(Mention, m) for m in json.loads(r["mentions"])])
        for r in arts
    ]
    skips = [from_record(Skip, json.loads(r["record"])) for r in pq.read_table(folder / "skips").to_pylist()]
    if store.stats().get("articles", 0):
        for i in range(0, len(outputs), 32):
            pipeline.store_batch(store, list(outputs[i:i + 32]), stats)
    else:
        events = [from_record(Event, json.loads(r["record"])) for r in
                  pq.read_table(folder / "events", columns=["record"]).to_pylist()]
        _write_all(store, outputs, events)
        stats.changed_event_ids.update(ev.id for ev in events)
        stats.events_new = len(events)
        for article, mentions in outputs:
            pipeline.count_article(stats, article, mentions)
    for skip in skips:
        stats.skipped += 1
        stats.skips.append(skip)
        store.add_skip(skip)
    pipeline.judge_events(store, stats.changed_event_ids)
    stats.seconds = time.perf_counter() - started
    return stats


def _write_all(store: Any, outputs: list[tuple[Article, list[Mention]]], events: list[Event], chunk: int = 500) -> None:
    """Articles and mentions in batches of ``chunk`` articles (one transaction each), the events with the last."""
    if not outputs:
        return
    for i in range(0, len(outputs), chunk):
        part = outputs[i:i + chunk]
        batch = store.batch()
        batch.preload([a for a, _m in part], [])
        last = i + chunk >= len(outputs)
        for j, (article, mentions) in enumerate(part):
            batch.write_article(article, mentions, events if last and j == len(part) - 1 else [])
        batch.flush()


def article_row(seq: int, article: Article, mentions: list[Mention]) -> dict[str, Any]:
    return {  # not vocabulary: column names
        "seq": seq, "id": article.id, "article": json.dumps(to_record(article), ensure_ascii=False),
        "mentions": json.dumps([to_record(m) for m in mentions], ensure_ascii=False),
    }


def skip_row(seq: int, skip: Skip) -> dict[str, Any]:
    return {  # not vocabulary: column names
        "seq": seq, "origin": skip.origin, "stage": skip.stage, "reason": skip.reason,
        "record": json.dumps(to_record(skip), ensure_ascii=False),
    }
