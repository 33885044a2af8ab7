"""Events in the formats analysts already load: ACLED-style CSV, GeoJSON, Parquet, JSON Lines, JSON.

    from trucewatch import export
    export.write(events, "acled-csv", "events.csv", excel=True)

CSV, GeoJSON and Parquet carry ACLED's columns (plus trucewatch's: modality, attributed_to, article_ids,
source_urls, ...); JSON Lines and JSON carry full event records (``model.to_record``), evidence included.
The ACLED CSV holds only what ACLED would code (occurred and claimed events) unless ``all_modalities``.
Parquet is GeoParquet (``geopandas.read_parquet``). Read the CSV with the right types::

    pd.read_csv("events.csv", dtype=export.CSV_DTYPES, parse_dates=list(export.DATE_COLUMNS))
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from trucewatch.export.acled import (
    ACLED_COLUMNS,
    ACLED_MODALITIES,
    COLUMNS,
    DATE_COLUMNS,
    EXTRA_COLUMNS,
    FLOAT_COLUMNS,
    INT_COLUMNS,
    ArticleRefs,
    acled_codable,
    acled_row,
    acled_rows,
    disorder_type,
    provenance,
)
from trucewatch.export.writers import (
    geojson,
    write_csv,
    write_geojson,
    write_json,
    write_jsonl,
    write_parquet,
)
from trucewatch.model import Event

__all__ = [
    "ACLED_COLUMNS", "ACLED_MODALITIES", "COLUMNS", "CSV_DTYPES", "DATE_COLUMNS", "EXTRA_COLUMNS", "FORMATS",
    "ArticleRefs", "acled_codable", "acled_row", "acled_rows", "disorder_type", "geojson", "provenance", "write",
]

FORMATS = ("acled-csv", "geojson", "parquet", "jsonl", "json")  # not vocabulary: format names

#: ``pandas.read_csv(dtype=...)`` for the ACLED CSV: codes stay text ("042" keeps its zero), counts are
#: nullable integers. Dates: ``parse_dates=list(DATE_COLUMNS)``.
CSV_DTYPES: dict[str, str] = {
    c: ("Int64" if c in INT_COLUMNS else "float64" if c in FLOAT_COLUMNS else "string")
    for c in COLUMNS if c not in DATE_COLUMNS
}


def write(
    events: Iterable[Event],
    fmt: str,
    path_or_stream: str | Path | IO[Any],
    *,
    excel: bool = False,
    all_modalities: bool = False,
    articles: ArticleRefs | None = None,
) -> int:
    """Write events in ``fmt`` (one of :data:`FORMATS`) to a path or an open stream; returns events written.

    ``excel`` (CSV only) adds a UTF-8 byte-order mark and makes formula-like cells inert.
    The ACLED CSV keeps only occurred and claimed events (what ACLED codes) unless ``all_modalities``.
    ``articles`` (article id -> ``{"source", "url"}``, from ``Store.article_refs``) fills ``source_urls``.
    GeoJSON leaves out events without coordinates, so its count can be lower than ``len(events)``.
    """
    evs = list(events)
    if fmt == "acled-csv":
        if not all_modalities:
            evs = [ev for ev in evs if acled_codable(ev)]
        return write_csv(evs, path_or_stream, excel=excel, articles=articles)
    if excel:
        raise ValueError("excel=True only applies to the acled-csv format")
    if fmt == "geojson":
        return write_geojson(evs, path_or_stream, articles=articles)
    if fmt == "parquet":
        return write_parquet(evs, path_or_stream, articles=articles)
    if fmt == "jsonl":
        return write_jsonl(evs, path_or_stream)
    if fmt == "json":
        return write_json(evs, path_or_stream)
    raise ValueError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")
