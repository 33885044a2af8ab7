"""One reader per input format. Each yields Articles or Skips and never raises for bad input."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from trucewatch.ingest.article import TEXT_FIELDS, IngestDefaults, check, field_problem, from_text
from trucewatch.ingest.decode import MAX_BYTES, DecodeError, decode
from trucewatch.ingest.sidecar import FIELDS, read_sidecar, sidecar_path
from trucewatch.model import Article, Skip

#: JSON Lines files and feeds hold many articles; each article still obeys MAX_BYTES.
MAX_BATCH_BYTES = 200 * 1024 * 1024

Item = Article | Skip


def read_bytes(path: Path, limit: int = MAX_BYTES) -> bytes | Skip:
    """The file's bytes, or a Skip when unreadable, empty or too large."""
    try:
        size = path.stat().st_size
        if size > limit:
            return Skip(origin=str(path), reason=f"too large: {size:,} bytes (limit {limit:,})")
        data = path.read_bytes()
    except OSError as exc:
        return Skip(origin=str(path), reason=f"unreadable: {exc}")
    if not data.strip():
        return Skip(origin=str(path), reason="empty file")
    return data


def read_text(path: Path, limit: int = MAX_BYTES) -> tuple[str, str] | Skip:
    """(text, encoding note) or a Skip (binary, undecodable, empty, too large)."""
    data = read_bytes(path, limit)
    if isinstance(data, Skip):
        return data
    try:
        dec = decode(data)
    except DecodeError as exc:
        return Skip(origin=str(path), reason=str(exc))
    return dec.text, dec.note


def _merge_meta(
    path: Path, found: dict[str, Any], defaults: IngestDefaults
) -> tuple[dict[str, Any], dict[str, Any]]:
    """(article fields, extra meta): sidecar beats what the file says, which beats the defaults."""
    fields: dict[str, Any] = {k: v for k, v in found.items() if v not in (None, "")}
    meta: dict[str, Any] = {}
    notes: list[str] = []
    side = sidecar_path(path)
    if side is not None:
        data, note = read_sidecar(side)
        if note:
            notes.append(note)
        for key, value in data.items():
            if key in TEXT_FIELDS and value is not None and not isinstance(value, str):
                notes.append(f"sidecar {side.name}: {field_problem({key: value})}; ignored")
            elif key in FIELDS and value not in (None, ""):
                fields[key] = value
            elif key == "id":
                meta["source_id"] = value
            elif key != "file":
                meta[key] = value
        meta["sidecar"] = side.name
    fields.setdefault("source", defaults.source)
    fields.setdefault("url", defaults.url)
    if "published" not in fields and defaults.published is not None:
        fields["published"] = defaults.published
    if notes:
        meta["notes"] = notes
    return fields, meta


def _article(text: str, path: Path, fields: dict[str, Any], meta: dict[str, Any], note: str) -> Item:
    if note:
        meta.setdefault("notes", []).append(note)
    lang = fields.pop("language", None)
    art = from_text(
        text,
        title=fields.get("title"),
        source=fields.get("source"),
        url=fields.get("url"),
        published=fields.get("published"),
        origin=str(path),
        meta=meta,
    )
    if lang and lang != art.language:
        art.meta["language_declared"] = lang
    return check(art)


def read_txt(path: Path, defaults: IngestDefaults) -> Iterator[Item]:
    """Plain text; the first line is the headline."""
    got = read_text(path)
    if isinstance(got, Skip):
        yield got
        return
    text, note = got
    fields, meta = _merge_meta(path, {}, defaults)
    yield _article(text, path, fields, meta, note)


def read_html(path: Path, defaults: IngestDefaults) -> Iterator[Item]:
    """An HTML page: main text, title and date (from meta tags) via trafilatura."""
    from trucewatch.ingest.html import extract_html

    got = read_text(path)
    if isinstance(got, Skip):
        yield got
        return
    html, note = got
    page = extract_html(html)
    if page is None:
        yield Skip(origin=str(path), reason="broken HTML: no main text could be extracted")
        return
    fields, meta = _merge_meta(path, {"title": page.title, "published": page.date, "url": page.url}, defaults)
    yield _article(page.text, path, fields, meta, note)


def read_jsonl(path: Path, defaults: IngestDefaults) -> Iterator[Item]:
    """JSON Lines: one article per line (id, url, source, published, title, text). Bad lines are skipped."""
    got = read_text(path, MAX_BATCH_BYTES)
    if isinstance(got, Skip):
        yield got
        return
    text, note = got
    if not text.strip():  # e.g. a byte-order mark and nothing else
        yield Skip(origin=str(path), reason="no JSON Lines record in the file (blank after decoding)")
        return
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path}:{lineno}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Skip(origin=where, reason=f"invalid JSON on line {lineno}: {exc.msg} (column {exc.colno})")
            continue
        yield guarded_record(record, where, defaults, note)


def read_json(path: Path, defaults: IngestDefaults) -> Iterator[Item]:
    """A JSON file holding one article object or a list of them."""
    got = read_text(path, MAX_BATCH_BYTES)
    if isinstance(got, Skip):
        yield got
        return
    text, note = got
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        yield Skip(
            origin=str(path), reason=f"invalid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
        )
        return
    records = data if isinstance(data, list) else [data]
    if not records:
        yield Skip(origin=str(path), reason="empty JSON list: no article in the file")
        return
    for i, record in enumerate(records):
        where = f"{path}#{i}" if isinstance(data, list) else str(path)
        yield guarded_record(record, where, defaults, note)


def guarded_record(record: Any, where: str, defaults: IngestDefaults, note: str = "") -> Item:
    """``record_article``, with any failure on this one record a Skip (with the traceback): the rest of the
    file goes on."""
    try:
        return record_article(record, where, defaults, note)
    except Exception as exc:
        import traceback

        return Skip(origin=where, reason=f"{type(exc).__name__}: {exc}", detail=traceback.format_exc())


def record_article(record: Any, where: str, defaults: IngestDefaults, note: str = "") -> Item:
    """One JSON record (id, url, source, published, title, text) to an Article or a Skip naming the bad field."""
    if not isinstance(record, dict):
        return Skip(origin=where, reason=f"not a JSON object: {type(record).__name__}")
    body = record.get("text")
    if body is not None and not isinstance(body, str):
        return Skip(origin=where, reason=f"field 'text' must be a string, got {type(body).__name__}")
    if not isinstance(body, str) or not body.strip():
        return Skip(origin=where, reason="empty: record has no 'text'")
    problem = field_problem(record, ("title", "url", "source"))
    if problem:
        return Skip(origin=where, reason=problem)
    meta: dict[str, Any] = {
        k: v for k, v in record.items() if k not in ("text", "title", "url", "source", "published")  # not vocabulary: record field names
    }
    if "id" in meta:
        meta["source_id"] = meta.pop("id")
    if note:
        meta["notes"] = [note]
    published = record.get("published") or defaults.published
    art = from_text(
        body,
        title=record.get("title") or None,
        source=record.get("source") or defaults.source,
        url=record.get("url") or defaults.url,
        published=published,
        origin=where,
        meta=meta,
    )
    return check(art)


def read_feed(path: Path, defaults: IngestDefaults) -> Iterator[Item]:
    """RSS/Atom: each entry's content (or summary) is an article. Links are never fetched."""
    from trucewatch.ingest.feeds import read_feed_entries

    data = read_bytes(path, MAX_BATCH_BYTES)
    if isinstance(data, Skip):
        yield data
        return
    yield from read_feed_entries(data, str(path), defaults)
