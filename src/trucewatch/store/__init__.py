"""The event store: a DuckDB file (default) or a PostgreSQL database.

    from trucewatch.store import EventFilter, open_store
    with open_store("trucewatch.duckdb") as st:
        evs = st.events(EventFilter(country="SY"), limit=50)

Each article's rows are written in one transaction (``write_article``), or a batch of articles in one
(``batch()``, what ingest uses), so a killed run leaves whole articles or none.
DuckDB allows one process to hold a file open; use ``postgresql://...`` for concurrent writers.
"""

from __future__ import annotations

from pathlib import Path

from trucewatch.store.base import ORDERS, EventFilter, Store, StoreError

__all__ = ["ORDERS", "EventFilter", "Store", "StoreError", "open_store"]

_PG_PREFIXES = ("postgresql://", "postgres://")


def open_store(url: str | Path = "trucewatch.duckdb") -> Store:
    """Open (creating tables if needed) the store at a DuckDB path or a ``postgresql://`` URL."""
    text = str(url)
    if text.startswith(_PG_PREFIXES):
        from trucewatch.store.postgres_store import PostgresStore

        return PostgresStore(text)
    if text.startswith("duckdb://"):
        text = text[len("duckdb://"):]
    if not text:
        raise StoreError("empty store path")
    from trucewatch.store.duckdb_store import DuckDBStore

    return DuckDBStore(text if text == ":memory:" else Path(text).expanduser())
