"""The event store: a DuckDB file (default) or a PostgreSQL database.

    from trucewatch.store import EventFilter, open_store
    with open_store("trucewatch.duckdb") as st:
        evs = st.events(EventFilter(country="SY"), limit=50)

Each article's rows are written in one transaction (``write_article``), or a batch of articles in one
(``batch()``, what ingest uses), so a killed run leaves whole articles or none.
DuckDB lets one process write a file, or any number of processes read it (``read_only=True``, as the CLI's
read commands and ``trucewatch serve`` without writes do); use ``postgresql://...`` for concurrent writers.
"""

from __future__ import annotations

from pathlib import Path

from trucewatch.store.base import ORDERS, EventFilter, Store, StoreError

__all__ = ["ORDERS", "EventFilter", "Store", "StoreError", "open_store"]

_PG_PREFIXES = ("postgresql://", "postgres://")


def open_store(url: str | Path = "trucewatch.duckdb", *, read_only: bool = False) -> Store:
    """Open (creating tables if needed) the store at a DuckDB path or a ``postgresql://`` URL.

    ``read_only`` opens an existing DuckDB file for reading only (a missing file is a :class:`StoreError`), so
    other processes can read it at the same time; PostgreSQL stores ignore it (the server handles concurrency).
    """
    text = str(url)
    if text.startswith(_PG_PREFIXES):
        from trucewatch.store.postgres_store import PostgresStore

        return PostgresStore(text)
    if text.startswith("duckdb://"):
        text = text[len("duckdb://"):]
    if not text:
        raise StoreError("empty store path")
    from trucewatch.store.duckdb_store import DuckDBStore

    if text == ":memory:":
        return DuckDBStore(text)
    path = Path(text).expanduser()
    if read_only and not path.is_file():
        raise StoreError(f"no store at {path} (create one with `trucewatch ingest FILES --store {path}`)")
    return DuckDBStore(path, read_only=read_only)
