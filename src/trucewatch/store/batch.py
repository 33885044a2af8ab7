"""Many articles written in one transaction: rows are buffered, then flushed with one insert per table.

``store.batch()`` hands out a :class:`Batch` that behaves like the store for what ingest needs
(``has_article``, ``candidate_events``, ``splits``, ``write_article``): reads see the store plus what the
batch holds, so deduplicating article B against article A of the same batch gives the same result as
writing A first. ``flush()`` writes everything in one transaction: a killed run leaves whole batches,
hence whole articles, or nothing. When the flush fails (or another writer stored one of the same
texts meanwhile), nothing of the batch is kept and :class:`BatchFailed` tells the caller to redo
those articles one by one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from trucewatch.model import Article, Event, Mention
from trucewatch.store import filters, schema
from trucewatch.store.base import StoreError

if TYPE_CHECKING:
    from trucewatch.store.sql import SqlStore


class BatchFailed(StoreError):
    """The batch was rolled back as a whole; its articles should be written one at a time."""


class Batch:
    """Buffered writes of one batch of articles (see the module docstring)."""

    def __init__(self, store: SqlStore) -> None:
        self.store = store
        self.articles: list[tuple[Article, list[Mention]]] = []
        self._hashes: set[str] = set()
        self._ids: set[str] = set()
        self.events: dict[str, Event] = {}  # id -> latest version, written at flush
        self.removed: set[str] = set()  # stored event ids absorbed into others
        self._splits: set[frozenset[str]] | None = None
        self._known: dict[str, bool] | None = None  # hash or id -> stored, for the articles of ``preload``
        self._pool: dict[str, Event] | None = None  # stored events of the blocks of ``preload``
        self._cols: dict[str, tuple[Any, ...]] = {}  # pool event id -> the columns a block tests
        self._blocks: list[tuple[Any, ...]] = []

    def preload(self, articles: list[Article], blocks: list[tuple[Any, ...]]) -> None:
        """Ask the store once for the whole batch: which of these texts and ids it has, and its events in
        any of ``blocks`` ((first, last, countries, bbox) as ``candidate_events`` takes them)."""
        self._known = self.store.known_articles([a.hash for a in articles], [a.id for a in articles])
        self._blocks = list(blocks)
        self._pool = {ev.id: ev for ev in self.store.candidate_events_any(self._blocks)}
        self._cols = {k: _block_cols(ev) for k, ev in self._pool.items()}  # stored events do not change

    def _stored(self, key: str, ask: Any) -> bool:
        if self._known is not None and key in self._known:
            return self._known[key]
        return bool(ask(key))

    # --- reads: the store plus what this batch holds ---------------------------------------

    def has_article(self, hash: str) -> bool:
        return hash in self._hashes or self._stored(hash, self.store.has_article)

    def splits(self) -> set[frozenset[str]]:
        if self._splits is None:  # user splits do not change during ingest: read once per batch
            self._splits = self.store.splits()
        return self._splits

    def candidate_events(
        self, first: dt.date, last: dt.date, countries: set[str], bbox: tuple[float, float, float, float] | None
    ) -> list[Event]:
        key = (first, last, countries, bbox)
        if self._pool is not None and key in self._blocks:
            stored = [ev for k, ev in self._pool.items()
                      if filters.in_block(self._cols[k], first, last, countries, bbox)]
        else:
            stored = self.store.candidate_events(first, last, countries, bbox)
        found = {ev.id: ev for ev in stored if ev.id not in self.removed and ev.id not in self.events}
        for ev in self.events.values():
            if _in_block(ev, first, last, countries, bbox):
                found[ev.id] = ev
        return [found[k] for k in sorted(found)]

    # --- writes -----------------------------------------------------------------------------

    def write_article(
        self, article: Article, mentions: list[Mention], events: list[Event], removed_event_ids: Iterable[str] = ()
    ) -> None:
        """Hold one article's rows until ``flush``; a text already stored or held adds nothing."""
        if self.has_article(article.hash):
            return
        if article.id in self._ids or self._stored(article.id, self.store.has_article_id):
            raise StoreError(f"article id {article.id!r} is already stored with different text")
        self.articles.append((article, mentions))
        self._hashes.add(article.hash)
        self._ids.add(article.id)
        for rid in removed_event_ids:
            self.events.pop(rid, None)
            self.removed.add(rid)
        for ev in events:
            self.events[ev.id] = ev
            self.removed.discard(ev.id)

    def changed_event_ids(self) -> set[str]:
        return set(self.events)

    def flush(self) -> None:
        if not self.articles:
            return
        try:
            self.store._write_batch(self)
        except BatchFailed:
            raise
        except Exception as exc:
            raise BatchFailed(f"batch of {len(self.articles)} article(s) rolled back: {type(exc).__name__}: {exc}") \
                from exc


def _block_cols(ev: Event) -> tuple[Any, ...]:
    c = schema.event_columns(ev)
    return c["event_date"], c["date_last"], c["country"], c["lat"], c["lon"]


def _in_block(ev: Event, first: dt.date, last: dt.date, countries: set[str],
              bbox: tuple[float, float, float, float] | None) -> bool:
    """The same test as ``SqlStore.candidate_events``, on an event in memory."""
    return filters.in_block(_block_cols(ev), first, last, countries, bbox)
