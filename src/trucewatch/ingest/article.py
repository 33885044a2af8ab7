"""Building an Article from text and metadata: ids, titles, dates, language."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from trucewatch.ingest.dates import parse_published
from trucewatch.ingest.decode import MAX_BYTES, normalize
from trucewatch.ingest.language import guess_language
from trucewatch.model import Article, Skip, content_hash

#: A first line longer than this is not taken for a headline.
MAX_TITLE_CHARS = 250


@dataclass(slots=True)
class IngestDefaults:
    """Metadata for inputs that carry none (from CLI flags)."""

    published: dt.date | None = None
    source: str | None = None
    url: str | None = None


def make_id(text: str, origin: str | None = None) -> str:
    """Stable short id from the content (whitespace-insensitive) and, when given, the origin's name."""
    name = Path(origin).name if origin else ""  # the name, not the folder: moving a corpus keeps ids
    key = content_hash(text) + "|" + name
    return "art-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def first_line(text: str) -> str | None:
    """The first non-empty line when it is short enough to be a headline and more text follows."""
    stripped = text.strip()
    head, sep, _rest = stripped.partition("\n")
    head = head.strip()
    if sep and head and len(head) <= MAX_TITLE_CHARS:
        return head
    return None


#: Article fields that must be text when given (``field_problem`` says which one is not).
TEXT_FIELDS = ("title", "source", "url", "language")  # not vocabulary: Article field names


def field_problem(record: dict[str, Any], fields: tuple[str, ...] = TEXT_FIELDS) -> str | None:
    """Why a record's field cannot be used ("field 'title' must be a string, got list"), or None."""
    for name in fields:
        value = record.get(name)
        if value is not None and not isinstance(value, str):
            return f"field {name!r} must be a string, got {type(value).__name__}"
    return None


def from_text(
    text: str,
    *,
    title: str | None = None,
    source: str | None = None,
    url: str | None = None,
    published: dt.date | str | None = None,
    origin: str | None = None,
    meta: dict[str, Any] | None = None,
) -> Article:
    """An Article from plain text. A title not already at the top of the text is put there as its first line.

    ``published`` may be a date or a string (ISO 8601, RFC 822); an unreadable or impossible date
    leaves ``published`` None with a note in ``meta["notes"]``.
    """
    if not isinstance(text, str):
        raise TypeError(f"field 'text' must be a string, got {type(text).__name__}")
    problem = field_problem({"title": title, "source": source, "url": url})
    if problem:
        raise TypeError(problem)
    meta = dict(meta or {})
    notes: list[str] = list(meta.pop("notes", []))
    body = normalize(text).strip()
    title = " ".join(title.split()) if title else None
    if title and not body.startswith(title):
        body = f"{title}\n\n{body}" if body else title
    if title is None:
        title = first_line(body)
    date, note = parse_published(published)
    if note:
        notes.append(note)
    lang, _score = guess_language(body)
    if notes:
        meta["notes"] = notes
    return Article(
        id=make_id(body, origin),
        text=body,
        title=title,
        source=source,
        url=url,
        published=date,
        language=lang,
        origin=origin,
        meta=meta,
    )


def check(article: Article) -> Article | Skip:
    """The article, or a Skip when it is empty, too large or not English."""
    where = article.origin or article.id
    if not article.text.strip():
        return Skip(origin=where, reason="empty: no text")
    if len(article.text.encode("utf-8")) > MAX_BYTES:
        return Skip(
            origin=where, reason=f"too large: {len(article.text):,} characters (limit {MAX_BYTES:,} bytes)"
        )
    lang, score = guess_language(article.text)
    if lang != "en":
        return Skip(origin=where, reason=f"not English: language guessed {lang!r} (score {score:.2f})")
    return article
