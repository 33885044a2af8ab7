"""The ingest pipeline on Apache Spark (``pip install trucewatch[spark]``, Java 17+): the same events, with
the same ids, as ``trucewatch ingest`` of the same inputs into a new store.

1. Read: each input path is read by ``ingest.read_paths`` (same readers, cleaning of fields, language
   check), so articles get the ids and origins ingest gives them. Paths must be readable by the workers
   as the driver names them (a shared file system); relative ones are taken from the driver's folder.
2. Duplicate articles: the driver keeps the first article of each text (content hash) in input order;
   later copies count as duplicates, a later different text under a stored id becomes a store skip.
3. Extract, spread over ``partitions`` tasks: ``pipeline.extract`` and the dedup blocks of each article.
4. Cross-article dedup: articles are grouped by the day windows and countries of their events' blocks
   (``groups``); groups are spread over the tasks, and each is merged in input order by the store path
   (``local.merge_group``).
5. Output folder: ``events`` (flat columns + the full record as JSON), ``articles`` (article and mentions
   records) and ``skips``, as Parquet; ``local.load`` (``trucewatch spark --store`` or ``trucewatch load``)
   writes it into DuckDB or PostgreSQL.

    trucewatch spark articles/*.jsonl --out run1 --master spark://host:7077 --store postgresql://...
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from trucewatch.model import Article, Event, Skip

#: The JVM only moves bytes here: its quick compiler only (the full one costs more CPU than it saves) and
#: one garbage collector thread (a start, write and stop took 12.6 -> 10.3 JVM CPU-s).
JVM_OPTIONS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"


class SparkMissing(RuntimeError):
    pass


@dataclass
class SparkRun:
    """What a run did (as ingest's summary line counts it)."""

    inputs: int = 0
    articles: int = 0
    duplicates: int = 0
    skipped: int = 0
    events: int = 0
    groups: int = 0
    largest_group: int = 0


def _session(master: str, app_name: str = "trucewatch") -> Any:
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:
        raise SparkMissing("Spark support needs pyspark: pip install 'trucewatch[spark]' (and Java 17+)") from exc
    import trucewatch

    # Workers run this interpreter (the one with trucewatch and its model installed), not PATH's python3,
    # with this trucewatch first on their path.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    src = str(Path(trucewatch.__file__).resolve().parents[1])
    path = os.pathsep.join(p for p in (src, os.environ.get("PYTHONPATH", "")) if p)
    return (
        SparkSession.builder.master(master)
        .appName(app_name)
        .config("spark.ui.enabled", "false")
        .config("spark.pyspark.python", sys.executable)
        .config("spark.executorEnv.PYTHONPATH", path)
        .config("spark.python.daemon.module", "trucewatch.scale.daemon")  # forks workers with the model loaded
        .config("spark.driver.extraJavaOptions", JVM_OPTIONS)
        .config("spark.executor.extraJavaOptions", JVM_OPTIONS)
        .config("spark.sql.shuffle.partitions", "8")
        .getOrCreate()
    )


# --- tasks (run inside Spark's Python workers) ---------------------------------------------------


#: The settings under which Spark's daemon loaded the resources its workers inherit (see ``daemon``).
_preloaded: Any = None


def preload() -> None:
    """Load the model and the resources (dictionaries, gazetteer) in Spark's daemon, before it forks."""
    global _preloaded
    from trucewatch import config, nlp, pipeline

    nlp.load()
    pipeline.resources()
    _preloaded = config.settings()


def _use(current: Any) -> None:
    """The driver's settings (``--config``, TRUCEWATCH_*) in this worker."""
    global _preloaded
    from trucewatch import config, pipeline

    config.set_current(current)
    if _preloaded is not None:
        if _preloaded != current:  # the daemon loaded them under other settings
            pipeline.forget_resources()
        _preloaded = None


@contextlib.contextmanager
def _in_folder(folder: str) -> Iterator[None]:
    here = os.getcwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(here)


def _read(task: tuple[int, str], folder: str, current: Any, defaults: Any) -> Iterator[tuple[int, Article | Skip]]:
    """One input path -> (article number, Article or Skip); the number keeps the input order."""
    from trucewatch import ingest

    _use(current)
    index, path = task
    with _in_folder(folder):  # origins (and so ids) name the path as given, as ingest's do
        for j, item in enumerate(ingest.read_paths([path], defaults)):
            yield (index << 32) | j, item


def _keys(pair: tuple[int, Article | Skip]) -> tuple[int, str | None, str | None]:
    seq, item = pair
    return (seq, item.hash, item.id) if isinstance(item, Article) else (seq, None, None)


def _extract(pairs: Iterable[tuple[int, Article | Skip]], current: Any, clash: Any) -> Iterator[tuple[int, Any, list]]:
    """(number, Article or Skip) -> (number, extraction output, footprint of its events' blocks)."""
    from trucewatch import dedup, pipeline
    from trucewatch.scale import groups

    _use(current)
    seqs: dict[str, int] = {}
    articles: list[Article] = []
    for seq, item in pairs:
        if isinstance(item, Skip):
            yield seq, item, []
        elif seq in clash.value:
            exc = f"StoreError: article id {item.id!r} is already stored with different text"
            yield seq, Skip(origin=item.origin or item.id, reason=exc, stage="store", article_id=item.id), []
        else:
            seqs[item.id] = seq
            articles.append(item)
    for out in pipeline.extract(articles):
        if isinstance(out, Skip):
            yield seqs[out.article_id or ""], out, []
            continue
        article, mentions = out
        try:
            prints = groups.footprint(dedup.within_article(mentions, source=article.source))
        except Exception:  # fails again in the store path, where it becomes this article's skip
            prints = []
        yield seqs[article.id], out, prints


def _merge(pairs: Iterable[tuple[int, tuple[int, Any]]], current: Any) -> Iterator[tuple[str, Any]]:
    """One bin of groups -> output rows ("event" | "article" | "skip", row dict)."""
    from trucewatch.scale import local

    _use(current)
    for kind, seq, obj in local.merge_group(value for _bin, value in pairs):
        if kind == "event":
            yield kind, _event_row(obj)
        elif kind == "article":
            yield kind, local.article_row(seq, *obj)
        else:
            yield kind, local.skip_row(seq, obj)


def _event_row(ev: Event) -> dict[str, Any]:
    from trucewatch.library import event_record
    from trucewatch.model import to_record

    row = event_record(ev)
    row["evidence"] = json.dumps(row["evidence"], ensure_ascii=False)
    row["record"] = json.dumps(to_record(ev), ensure_ascii=False)
    return row


# --- driver ----------------------------------------------------------------------------------------


def run(
    inputs: list[str | Path], out: str | Path, *, master: str = "local[*]", partitions: int | None = None,
    defaults: Any = None,
) -> SparkRun:
    """Process input files or folders on Spark into the output folder ``out``; see the module docstring."""
    from pyspark import StorageLevel

    from trucewatch import ingest
    from trucewatch.config import settings
    from trucewatch.scale import groups

    current = settings()
    defaults = defaults or ingest.IngestDefaults()
    spark = _session(master)
    report = SparkRun()
    try:
        sc = spark.sparkContext
        sc.setLogLevel("WARN")
        tasks = [(i, str(p)) for i, p in enumerate(inputs)]
        folder = os.getcwd()
        items = sc.parallelize(tasks, max(1, len(tasks))).flatMap(
            lambda t: _read(t, folder, current, defaults)).persist(StorageLevel.MEMORY_AND_DISK)
        keys = sorted(items.map(_keys).collect())
        report.inputs = len(keys)
        dup, clash = _duplicates(keys)
        report.duplicates = len(dup)
        n = partitions or sc.defaultParallelism
        bc_clash = sc.broadcast(clash)
        extracted = (
            items.filter(lambda p: p[0] not in dup)
            .repartition(n)
            .mapPartitions(lambda ps: _extract(ps, current, bc_clash))
            .persist(StorageLevel.MEMORY_AND_DISK)
        )
        found = groups.components(dict(extracted.map(lambda r: (r[0], r[2])).collect()))
        where = groups.bins(found, n)
        sizes: dict[int, int] = {}
        for root in found.values():
            sizes[root] = sizes.get(root, 0) + 1
        report.groups, report.largest_group = len(sizes), max(sizes.values(), default=0)
        bc_where = sc.broadcast(where)
        rows = (
            extracted.map(lambda r: (bc_where.value[r[0]], (r[0], r[1])))
            .partitionBy(n, lambda b: b)
            .mapPartitions(lambda ps: _merge(ps, current))
            .persist(StorageLevel.MEMORY_AND_DISK)
        )
        _write(spark, rows, "event", _event_schema(), Path(out) / "events")
        _write(spark, rows, "article", _plain_schema(ARTICLE_COLUMNS), Path(out) / "articles")
        _write(spark, rows, "skip", _plain_schema(SKIP_COLUMNS), Path(out) / "skips")
        counts = rows.countByKey()
        report.events, report.articles, report.skipped = (counts.get(k, 0) for k in ("event", "article", "skip"))
        for rdd in (rows, extracted, items):
            rdd.unpersist()
        return report
    finally:
        spark.stop()


def _duplicates(keys: list[tuple[int, str | None, str | None]]) -> tuple[set[int], set[int]]:
    """Article numbers of later copies of a text (duplicates) and of later texts under a taken id (clashes)."""
    hashes: set[str] = set()
    ids: set[str] = set()
    dup: set[int] = set()
    clash: set[int] = set()
    for seq, h, aid in keys:
        if h is None or aid is None:
            continue
        if h in hashes:
            dup.add(seq)
        elif aid in ids:
            clash.add(seq)
        else:
            hashes.add(h)
            ids.add(aid)
    return dup, clash


def _write(spark: Any, rows: Any, kind: str, schema: Any, path: Path) -> None:
    kinds = [(f.name, f.dataType.typeName()) for f in schema.fields]
    part = rows.filter(lambda r: r[0] == kind).map(lambda r: _as_tuple(r[1], kinds))
    spark.createDataFrame(part, schema=schema).write.mode("overwrite").parquet(str(path))


def _as_tuple(row: dict[str, Any], kinds: list[tuple[str, str]]) -> tuple[Any, ...]:
    out = []
    for name, kind in kinds:
        v = row.get(name)
        if v is not None and kind in ("integer", "long"):
            v = int(v)
        elif v is not None and kind == "double":
            v = float(v)
        out.append(v)
    return tuple(out)


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
ARTICLE_COLUMNS: list[tuple[str, str]] = [("seq", "long"), ("id", "string"), ("article", "string"),
                                          ("mentions", "string")]
SKIP_COLUMNS: list[tuple[str, str]] = [("seq", "long"), ("origin", "string"), ("stage", "string"),
                                       ("reason", "string"), ("record", "string")]


def _plain_schema(columns: list[tuple[str, str]]) -> Any:
    from pyspark.sql import types as T

    kinds = {"string": T.StringType(), "int": T.IntegerType(), "long": T.LongType(), "double": T.DoubleType(),  # not vocabulary: column type names
             "date": T.DateType()}
    return T.StructType([T.StructField(name, kinds[kind], True) for name, kind in columns])


def _event_schema() -> Any:
    return _plain_schema(COLUMNS)
