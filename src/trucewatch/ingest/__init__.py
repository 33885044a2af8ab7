"""Ingest: files, folders, JSON Lines and feeds to Articles, or Skips saying why not.

``read_paths(paths, defaults)`` never raises for one bad input: it yields a ``Skip`` and goes on.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from pathlib import Path

from trucewatch.ingest.article import IngestDefaults, check, from_text, make_id
from trucewatch.ingest.readers import read_feed, read_html, read_json, read_jsonl, read_txt
from trucewatch.ingest.sidecar import is_sidecar
from trucewatch.model import Article, Skip

__all__ = ["IngestDefaults", "check", "from_text", "make_id", "read_paths", "SUFFIXES"]

log = logging.getLogger(__name__)

READERS = {
    ".txt": read_txt,
    ".html": read_html,
    ".htm": read_html,
    ".jsonl": read_jsonl,
    ".json": read_json,
    ".xml": read_feed,
    ".rss": read_feed,
    ".atom": read_feed,
}
SUFFIXES = tuple(READERS)


def read_paths(
    paths: Iterable[str | Path], defaults: IngestDefaults | None = None
) -> Iterator[Article | Skip]:
    """Articles (or Skips) from files and folders (recursive, sorted), in order."""
    defaults = defaults or IngestDefaults()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if child.name.startswith(".") or child.suffix.lower() not in READERS:
                    continue
                if is_sidecar(child):
                    continue
                yield from _read_file(child, defaults)
        elif path.is_file():
            if is_sidecar(path):
                log.info("%s is a sidecar; read with its article", path)
                continue
            yield from _read_file(path, defaults)
        else:
            yield Skip(origin=str(path), reason="no such file or folder")


def _read_file(path: Path, defaults: IngestDefaults) -> Iterator[Article | Skip]:
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        yield Skip(origin=str(path), reason=f"unsupported file type {path.suffix or '(none)'!r}")
        return
    try:
        yield from reader(path, defaults)
    except Exception as exc:  # a bug on one odd file must not end the batch
        log.exception("reading %s failed", path)
        yield Skip(origin=str(path), reason=f"{type(exc).__name__}: {exc}")
