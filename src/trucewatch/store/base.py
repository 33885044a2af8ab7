"""What every store offers: the ``Store`` protocol, ``EventFilter`` and the errors it raises."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from trucewatch.model import Agreement, Article, Event, Mention, Skip, Violation

if TYPE_CHECKING:
    from trucewatch.store.batch import Batch

#: Accepted values of ``Store.events(order=...)``.
ORDERS = ("date", "-date", "fatalities")


class StoreError(RuntimeError):
    """A store could not be opened or written; the message is meant for users."""


@dataclass
class EventFilter:
    """Which events to list. Every field left ``None`` matches everything.

    Dates select events whose date range overlaps ``date_from..date_to`` (both inclusive).
    ``actor`` matches an actor id exactly or a canonical name as a case-insensitive substring.
    ``bbox`` is ``(west, south, east, north)`` in degrees; west > east crosses the antimeridian.
    ``agreement``/``status`` select events with a matching judgement (see ``Store.save_violations``).
    ``source`` and ``q`` are case-insensitive substrings (outlet name; trigger or sentence text).
    """

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    country: str | None = None
    admin1: str | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    actor: str | None = None
    modality: str | None = None
    bbox: tuple[float, float, float, float] | None = None
    agreement: str | None = None
    status: str | None = None
    source: str | None = None
    q: str | None = None


class Store(Protocol):
    """The event store (DuckDB file or PostgreSQL database); see ``docs/architecture.md``."""

    def has_article(self, hash: str) -> bool: ...

    def write_article(
        self, article: Article, mentions: list[Mention], events: list[Event], removed_event_ids: Iterable[str] = ()
    ) -> None: ...

    def has_article_id(self, id: str) -> bool: ...

    def batch(self) -> Batch: ...

    def add_skip(self, skip: Skip) -> None: ...

    def skips(self) -> list[Skip]: ...

    def candidate_events(
        self, first: dt.date, last: dt.date, countries: set[str], bbox: tuple[float, float, float, float] | None
    ) -> list[Event]: ...

    def splits(self) -> set[frozenset[str]]: ...

    def add_splits(self, pairs: Iterable[tuple[str, str]]) -> None: ...

    def replace_events(self, remove_ids: list[str], events: list[Event]) -> None: ...

    def article(self, id: str) -> Article | None: ...

    def article_refs(self, ids: Iterable[str]) -> dict[str, dict[str, Any]]: ...

    def distinct_values(self, column: str) -> list[str]: ...

    def event(self, id: str) -> Event | None: ...

    def mentions(self, event_id: str | None = None, article_id: str | None = None) -> list[Mention]: ...

    def events(
        self, flt: EventFilter | None = None, limit: int | None = None, offset: int = 0, order: str = "date"
    ) -> list[Event]: ...

    def events_by_ids(self, ids: Sequence[str]) -> list[Event]: ...

    def count_events(self, flt: EventFilter | None = None) -> int: ...

    def stats(self) -> dict[str, int]: ...

    def save_agreement(self, a: Agreement) -> None: ...

    def agreements(self) -> list[Agreement]: ...

    def agreement(self, id: str) -> Agreement | None: ...

    def save_violations(self, vs: list[Violation]) -> None: ...

    def violations(self, agreement_id: str | None = None) -> list[Violation]: ...

    def violations_for_event(self, event_id: str) -> list[Violation]: ...

    def violations_for_events(self, event_ids: Sequence[str]) -> dict[str, list[Violation]]: ...

    def reading(self, *, shared: bool = False) -> contextlib.AbstractContextManager[None]:
        """A block of reads that see one committed state, run alongside other threads' reads and writes
        (``shared``: events may be cached objects shared with other readers, not to be changed)."""
        ...

    def close(self) -> None: ...

    def __enter__(self) -> Store: ...

    def __exit__(self, *exc: Any) -> None: ...
