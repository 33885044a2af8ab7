"""Extraction and deduplication on Apache Spark (``pip install trucewatch[spark]``, Java 17+).

Each Spark task loads the spaCy model, dictionaries and gazetteer once per Python worker and runs the
same code as a single machine: ``pipeline.extract`` then ``dedup.within_article`` per article. Events are
then grouped by a blocking key (country and ISO week of the event date) and merged across articles and
outlets inside each group with ``dedup.merge``, so no step compares every pair of events. Output: a
Parquet folder with one row per event (flat columns + the full record as JSON).

    trucewatch spark articles/*.jsonl --out events.parquet --master local[2]
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from trucewatch.model import Event, from_record, to_record


class SparkMissing(RuntimeError):
    pass


def _session(master: str, app_name: str = "trucewatch") -> Any:
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:
        raise SparkMissing("Spark support needs pyspark: pip install 'trucewatch[spark]' (and Java 17+)") from exc
    # Workers run this interpreter (the one with trucewatch and its model installed), not PATH's python3.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    return (
        SparkSession.builder.master(master)
        .appName(app_name)
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "8")
        .getOrCreate()
    )


def _extract_partition(lines: Iterable[str]) -> Iterator[tuple[str, str]]:
    """JSON Lines articles in, (blocking key, event record JSON) out. Runs inside a Spark worker."""
    from trucewatch import dedup, ingest, pipeline
    from trucewatch.model import Skip

    articles = []
    for line in lines:
        try:
            item = json.loads(line)
            text = item.get("text") if isinstance(item, dict) else None
            if not isinstance(text, str) or not text.strip():
                continue
            articles.append(
                ingest.from_text(
                    text, title=item.get("title"), source=item.get("source"), url=item.get("url"),
                    published=_date(item.get("published")), origin=str(item.get("id") or item.get("url") or ""),
                )
            )
        except (ValueError, TypeError):
            continue  # malformed line: the single-machine reader records these as skips
    for out in pipeline.extract(articles):
        if isinstance(out, Skip):
            continue
        article, mentions = out
        for ev in dedup.within_article(mentions, source=article.source):
            yield _block(ev), json.dumps(to_record(ev))


def _date(value: Any) -> Any:
    import datetime as dt

    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _block(ev: Event) -> str:
    country = ev.location.place.country if ev.location and ev.location.place else "??"
    if ev.date is None or ev.date.first is None:
        return f"{country}|undated|{ev.id}"  # undated events are never merged across articles
    year, week, _ = ev.date.first.isocalendar()
    return f"{country}|{year}-W{week:02d}"


def _merge_block(records: Iterable[str]) -> list[str]:
    """Incremental merge of one block's events, in the order they arrive (as the store does)."""
    from trucewatch import dedup

    merged: dict[str, Event] = {}
    for rec in records:
        ev = from_record(Event, json.loads(rec))
        result = dedup.merge([ev], list(merged.values()), set())
        for gone in result.removed:
            merged.pop(gone, None)
        for out in result.events:
            merged[out.id] = out
    return [json.dumps(to_record(e)) for e in merged.values()]


def _row(rec_json: str) -> dict[str, Any]:
    from trucewatch.library import event_record

    ev = from_record(Event, json.loads(rec_json))
    row = event_record(ev)
    row["evidence"] = json.dumps(row["evidence"], ensure_ascii=False)
    row["record"] = rec_json
    return row


def run(inputs: list[str | Path], out: str | Path, *, master: str = "local[*]", partitions: int | None = None) -> int:
    """Process JSON Lines article files on Spark into a Parquet folder of events; returns the event count."""
    spark = _session(master)
    try:
        sc = spark.sparkContext
        lines = sc.textFile(",".join(str(Path(p).resolve()) for p in inputs))
        if partitions:
            lines = lines.repartition(partitions)
        keyed = lines.mapPartitions(_extract_partition)
        events = keyed.groupByKey().flatMap(lambda kv: _merge_block(kv[1]))
        rows = events.map(_row)
        df = spark.createDataFrame(rows.map(_as_tuple), schema=_schema())
        df.write.mode("overwrite").parquet(str(out))
        return spark.read.parquet(str(out)).count()
    finally:
        spark.stop()


COLUMNS: list[tuple[str, str]] = [
    ("event_id", "string"), ("event_date", "date"), ("date_last", "date"), ("time_precision", "int"),
    ("event_type", "string"), ("sub_event_type", "string"), ("actor1", "string"), ("actor1_id", "string"),
    ("inter1", "int"), ("actor2", "string"), ("actor2_id", "string"), ("inter2", "int"), ("iso2", "string"), ("iso", "int"), ("country", "string"),
    ("admin1", "string"), ("location", "string"), ("geonameid", "long"), ("latitude", "double"),
    ("longitude", "double"), ("geo_precision", "int"), ("fatalities", "int"), ("injuries", "int"),
    ("modality", "string"), ("attributed_to", "string"), ("cameo", "string"), ("plover", "string"),
    ("plover_mode", "string"), ("weapon", "string"), ("trigger", "string"), ("confidence", "double"),
    ("num_mentions", "int"), ("sources", "string"), ("article_ids", "string"), ("evidence", "string"),
    ("record", "string"),
]


def _schema() -> Any:
    from pyspark.sql import types as T

    kinds = {"string": T.StringType(), "int": T.IntegerType(), "long": T.LongType(), "double": T.DoubleType(),  # not vocabulary: column type names
             "date": T.DateType()}
    return T.StructType([T.StructField(name, kinds[kind], True) for name, kind in COLUMNS])


def _as_tuple(row: dict[str, Any]) -> tuple[Any, ...]:
    out = []
    for name, kind in COLUMNS:
        v = row.get(name)
        if v is not None and kind in ("int", "long"):
            v = int(v)
        elif v is not None and kind == "double":
            v = float(v)
        out.append(v)
    return tuple(out)
