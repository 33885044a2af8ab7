"""Concurrent reads: a bounded pool of reader connections next to the one writer connection.

Writes (and reads inside a write transaction) go through the store's writer connection under its lock, one
thread at a time. Any other ``SELECT`` runs on a reader connection taken from the pool, so threads (the API's
request threads) read at the same time and are not held up by a write in progress: they see what was committed
before it. ``Store.reading()`` holds one reader in a read-only snapshot transaction for a block of several
reads, so they all see the same committed state (a count and the page it counts stay consistent).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

from trucewatch.store.base import StoreError

#: Reader connections a store opens at most (further readers wait for a free one).
MAX_READERS = 8
#: Parsed event records a store keeps for ``reading(shared=True)`` (least recently used ones go first).
MAX_PARSED = 2048


def is_read(sql: str) -> bool:
    """Whether a statement only reads (a ``SELECT``; the store's SQL has no side-effecting ``SELECT`` outside
    its write transactions)."""
    return sql.lstrip()[:6].upper() == "SELECT"


class ReaderPool:
    """Up to ``size`` connections made by ``make`` on demand and handed out one thread at a time."""

    def __init__(self, make: Callable[[], Any], close: Callable[[Any], None], size: int = MAX_READERS) -> None:
        self._make, self._close, self._size = make, close, max(1, size)
        self._idle: list[Any] = []
        self._open: list[Any] = []
        self._cond = threading.Condition()
        self._closed = False

    def take(self) -> Any:
        """A free reader, opened if fewer than ``size`` exist, else the next one given back."""
        with self._cond:
            while not self._idle and len(self._open) >= self._size and not self._closed:
                self._cond.wait()
            if self._closed:
                raise StoreError("the store is closed")
            if self._idle:
                return self._idle.pop()
            placeholder = object()  # counts against the bound while the connection is being opened
            self._open.append(placeholder)
        try:
            con = self._make()
        except BaseException:
            with self._cond:
                self._open.remove(placeholder)
                self._cond.notify()
            raise
        with self._cond:
            self._open[self._open.index(placeholder)] = con
        return con

    def give(self, con: Any, *, broken: bool = False) -> None:
        """Return a reader; a broken one (or any after ``close``) is closed instead."""
        with self._cond:
            keep = not broken and not self._closed
            if keep:
                self._idle.append(con)
            elif con in self._open:
                self._open.remove(con)
            self._cond.notify()
        if not keep:
            self._close_quietly(con)

    def close(self) -> None:
        """Close every idle reader now; readers in use are closed when given back."""
        with self._cond:
            self._closed = True
            idle, self._idle = self._idle, []
            for con in idle:
                self._open.remove(con)
            self._cond.notify_all()
        for con in idle:
            self._close_quietly(con)

    def _close_quietly(self, con: Any) -> None:
        try:
            self._close(con)
        except Exception:  # closing a broken connection may fail; nothing to keep
            pass

    def __len__(self) -> int:
        """Readers open now."""
        return len(self._open)


class Parsed:
    """Objects parsed from stored records, by the record's text, the ``size`` most recently used kept.

    The same text always parses to an equal object, so a hit is exact; a changed event has a new text. Only
    text keys are kept (PostgreSQL hands JSONB over already decoded: nothing to save there).
    """

    def __init__(self, size: int = MAX_PARSED) -> None:
        self._size = size
        self._items: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Any, parse: Callable[[Any], Any]) -> Any:
        if not isinstance(key, str):
            return parse(key)
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
                return found
        value = parse(key)
        with self._lock:
            self._items[key] = value
            while len(self._items) > self._size:
                self._items.popitem(last=False)
        return value

    def __len__(self) -> int:
        return len(self._items)
