"""RSS and Atom feeds via feedparser; every entry becomes an article."""

from __future__ import annotations

from collections.abc import Iterator

from trucewatch.ingest.article import IngestDefaults, check, from_text
from trucewatch.ingest.html import html_to_text
from trucewatch.model import Article, Skip


def read_feed_entries(data: bytes, origin: str, defaults: IngestDefaults) -> Iterator[Article | Skip]:
    """Articles from a feed document's bytes (feedparser is given bytes, so it fetches nothing)."""
    try:
        import feedparser
    except ImportError as exc:
        raise ImportError("feed input needs the 'feedparser' package (pip install feedparser)") from exc
    parsed = feedparser.parse(data)
    if not parsed.entries:
        why = getattr(parsed, "bozo_exception", None)
        reason = "not an RSS/Atom feed or no entries" + (f": {why}" if why else "")
        yield Skip(origin=origin, reason=reason)
        return
    feed_title = parsed.feed.get("title") if hasattr(parsed, "feed") else None
    for i, entry in enumerate(parsed.entries):
        where = f"{origin}#{entry.get('id') or entry.get('link') or i}"
        html = ""
        if entry.get("content"):
            html = entry.content[0].get("value", "")
        if not html:
            html = entry.get("summary", "") or entry.get("description", "")
        text = html_to_text(html)
        if not text:
            yield Skip(origin=where, reason="empty: feed entry has no content or summary")
            continue
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        published = stamp if stamp else (entry.get("published") or entry.get("updated") or defaults.published)
        meta = {"feed": feed_title} if feed_title else {}
        if entry.get("id"):
            meta["source_id"] = entry.get("id")
        art = from_text(
            text,
            title=entry.get("title") or None,
            source=feed_title or defaults.source,
            url=entry.get("link") or defaults.url,
            published=published,
            origin=where,
            meta=meta,
        )
        yield check(art)
