"""Events in the formats analysts already load: ACLED-style CSV, GeoJSON, Parquet, JSON Lines, JSON.

    from trucewatch import export
    export.write(events, "acled-csv", "events.csv", excel=True)

CSV, GeoJSON and Parquet carry ACLED's columns (plus trucewatch's: modality, attributed_to, ...);
JSON Lines and JSON carry full event records (``model.to_record``), evidence included.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from trucewatch.export.acled import (
    ACLED_COLUMNS,
    COLUMNS,
    EXTRA_COLUMNS,
    acled_row,
    acled_rows,
    disorder_type,
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
    "ACLED_COLUMNS", "COLUMNS", "EXTRA_COLUMNS", "FORMATS", "acled_row", "acled_rows", "disorder_type", "geojson",
    "write",
]

FORMATS = ("acled-csv", "geojson", "parquet", "jsonl", "json")


def write(events: Iterable[Event], fmt: str, path_or_stream: str | Path | IO[Any], *, excel: bool = False) -> int:
    """Write events in ``fmt`` (one of :data:`FORMATS`) to a path or an open stream; returns events written.

    ``excel`` (CSV only) adds a UTF-8 byte-order mark and makes formula-like cells inert.
    GeoJSON leaves out events without coordinates, so its count can be lower than ``len(events)``.
    """
    evs = list(events)
    if fmt == "acled-csv":
        return write_csv(evs, path_or_stream, excel=excel)
    if excel:
        raise ValueError("excel=True only applies to the acled-csv format")
    if fmt == "geojson":
        return write_geojson(evs, path_or_stream)
    if fmt == "parquet":
        return write_parquet(evs, path_or_stream)
    if fmt == "jsonl":
        return write_jsonl(evs, path_or_stream)
    if fmt == "json":
        return write_json(evs, path_or_stream)
    raise ValueError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")
