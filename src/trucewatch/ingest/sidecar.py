"""Sidecar metadata: ``name.json`` next to ``name.txt`` / ``name.html``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

#: Sidecar keys that become Article fields; the others go into Article.meta.
FIELDS = ("title", "source", "url", "published", "language")  # not vocabulary: sidecar keys
ARTICLE_SUFFIXES = (".txt", ".html", ".htm")


def sidecar_path(path: Path) -> Path | None:
    """The sidecar of an article file, when it exists."""
    cand = path.with_suffix(".json")
    return cand if cand != path and cand.is_file() else None


def is_sidecar(path: Path) -> bool:
    """True for a .json file that belongs to an article file of the same stem."""
    if path.suffix.lower() != ".json":
        return False
    return any(path.with_suffix(s).is_file() for s in ARTICLE_SUFFIXES)


def read_sidecar(path: Path) -> tuple[dict[str, Any], str]:
    """(metadata, note); on a broken sidecar the metadata is empty and the note says why."""
    from trucewatch.ingest.decode import DecodeError, decode

    try:
        data = json.loads(decode(path.read_bytes()).text)
    except (OSError, DecodeError, json.JSONDecodeError) as exc:
        return {}, f"sidecar {path.name} unreadable: {exc}"
    if not isinstance(data, dict):
        return {}, f"sidecar {path.name} is not a JSON object"
    return data, ""
