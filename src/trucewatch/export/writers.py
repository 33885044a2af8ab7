"""One writer per export format; each takes events and a path or an open stream and returns a count."""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import json
import logging
import struct
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, Any

from trucewatch.export.acled import COLUMNS, DATE_COLUMNS, FLOAT_COLUMNS, INT_COLUMNS, ArticleRefs, acled_rows
from trucewatch.model import Event, to_record

log = logging.getLogger(__name__)

Target = str | Path | IO[Any]

#: Cells starting with these are formulas to spreadsheet programs (OWASP "CSV injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _is_binary(stream: IO[Any]) -> bool:
    if isinstance(stream, (io.RawIOBase, io.BufferedIOBase)):
        return True
    return "b" in getattr(stream, "mode", "")


@contextlib.contextmanager
def text_target(target: Target, *, bom: bool = False) -> Iterator[IO[str]]:
    """A text stream over a path (created) or an open text/binary stream (left open)."""
    if isinstance(target, (str, Path)):
        path = Path(target)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as fh:
            yield fh
        return
    if _is_binary(target):
        wrapper = io.TextIOWrapper(target, encoding="utf-8", newline="", write_through=True)  # type: ignore[arg-type]
        try:
            if bom:
                wrapper.write("\ufeff")
            yield wrapper
            wrapper.flush()
        finally:
            wrapper.detach()
        return
    if bom:
        target.write("\ufeff")
    yield target


def guard_cell(value: Any) -> Any:
    """Text that a spreadsheet would run as a formula, made inert with a leading apostrophe."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _csv_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def write_csv(
    events: Sequence[Event], target: Target, *, excel: bool = False, articles: ArticleRefs | None = None
) -> int:
    """ACLED-style CSV; ``excel`` adds a UTF-8 byte-order mark and neutralises formula-like cells."""
    rows = acled_rows(events, articles=articles)
    with text_target(target, bom=excel) as fh:
        writer = csv.DictWriter(fh, fieldnames=list(COLUMNS), lineterminator="\r\n" if excel else "\n")
        writer.writeheader()
        for row in rows:
            cells = {k: _csv_value(v) for k, v in row.items()}
            if excel:
                cells = {k: guard_cell(v) for k, v in cells.items()}
            writer.writerow(cells)
    return len(rows)


def _json_value(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def geojson(events: Sequence[Event], articles: ArticleRefs | None = None) -> dict[str, Any]:
    """A RFC 7946 FeatureCollection of point features ([lon, lat]); events without coordinates are left out."""
    features = []
    missing = 0
    for row in acled_rows(events, articles=articles):
        lat, lon = row["latitude"], row["longitude"]
        if lat is None or lon is None:
            missing += 1
            continue
        features.append({  # not vocabulary: GeoJSON keys
            "type": "Feature",
            "id": row["event_uid"],
            "geometry": {"type": "Point", "coordinates": [lon, lat]},
            "properties": {k: _json_value(v) for k, v in row.items()},
        })
    if missing:
        log.info("geojson: %d event(s) without coordinates left out", missing)
    return {
        "type": "FeatureCollection",
        "features": features,
        # A foreign member (RFC 7946 section 6.1): what was left out.
        "trucewatch": {"events": len(events), "features": len(features), "without_coordinates": missing},
    }


def write_geojson(events: Sequence[Event], target: Target, *, articles: ArticleRefs | None = None) -> int:
    doc = geojson(events, articles)
    with text_target(target) as fh:
        json.dump(doc, fh, ensure_ascii=False)
        fh.write("\n")
    return len(doc["features"])


def write_jsonl(events: Sequence[Event], target: Target) -> int:
    """Full event records (``model.to_record``), one JSON object a line; ``model.from_record`` reads them back."""
    with text_target(target) as fh:
        for ev in events:
            fh.write(json.dumps(to_record(ev), ensure_ascii=False))
            fh.write("\n")
    return len(events)


def write_json(events: Sequence[Event], target: Target) -> int:
    """Full event records as one JSON array."""
    with text_target(target) as fh:
        json.dump([to_record(ev) for ev in events], fh, ensure_ascii=False, indent=1)
        fh.write("\n")
    return len(events)


def _arrow_type(pa: Any, name: str) -> Any:
    if name in DATE_COLUMNS:
        return pa.date32()
    if name in FLOAT_COLUMNS:
        return pa.float64()
    if name in ("timestamp", "geonameid"):
        return pa.int64()
    if name in INT_COLUMNS:
        return pa.int32()
    return pa.string()


def point_wkb(lon: float | None, lat: float | None) -> bytes | None:
    """A point as ISO WKB (little-endian), or None without coordinates."""
    if lon is None or lat is None:
        return None
    return struct.pack("<BIdd", 1, 1, float(lon), float(lat))


def geo_metadata(rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """GeoParquet 1.0 file metadata for a WKB point column ``geometry`` in WGS 84 longitude/latitude."""
    lons = [r["longitude"] for r in rows if r["longitude"] is not None and r["latitude"] is not None]
    lats = [r["latitude"] for r in rows if r["longitude"] is not None and r["latitude"] is not None]
    column: dict[str, Any] = {"encoding": "WKB", "geometry_types": ["Point"]}  # no "crs": OGC:CRS84 by the spec
    if lons:
        column["bbox"] = [min(lons), min(lats), max(lons), max(lats)]
    return {"version": "1.0.0", "primary_column": "geometry", "columns": {"geometry": column}}


def write_parquet(events: Sequence[Event], target: Target, *, articles: ArticleRefs | None = None) -> int:
    """GeoParquet: ACLED-style columns with real types (date32, int32/int64, float64, string) and a WKB
    ``geometry`` point column, so ``geopandas.read_parquet`` gives a GeoDataFrame and pandas a DataFrame."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise RuntimeError("Parquet export needs the 'pyarrow' package: pip install pyarrow") from exc
    if not isinstance(target, (str, Path)) and not _is_binary(target):
        raise ValueError("Parquet is binary: give a file path or a binary stream")
    rows = acled_rows(events, articles=articles)
    fields = [pa.field(c, _arrow_type(pa, c)) for c in COLUMNS] + [pa.field("geometry", pa.binary())]
    schema = pa.schema(fields, metadata={b"geo": json.dumps(geo_metadata(rows)).encode("utf-8")})
    data = {c: [r[c] for r in rows] for c in COLUMNS}
    data["geometry"] = [point_wkb(r["longitude"], r["latitude"]) for r in rows]
    table = pa.Table.from_pydict(data, schema=schema)
    if isinstance(target, (str, Path)):
        Path(target).parent.mkdir(parents=True, exist_ok=True)
        pq.write_table(table, str(target))
    else:
        pq.write_table(table, target)
    return len(rows)
