"""The server store: PostgreSQL through psycopg 3, for several writers and large collections.

Same schema and SQL as the DuckDB store; ``?`` placeholders become psycopg's ``%s`` here.
"""

from __future__ import annotations

import contextlib
import re
import threading
from collections.abc import Iterator, Sequence
from typing import Any

from trucewatch.store.base import StoreError
from trucewatch.store.sql import SqlStore

_MARK = re.compile(r"\?")
#: Advisory lock key held while creating tables, so concurrent first opens do not collide.
_SCHEMA_LOCK = 7_316_2016


def _psycopg() -> Any:
    try:
        import psycopg
    except ImportError as exc:
        raise StoreError("a postgresql:// store needs psycopg 3: pip install 'psycopg[binary]'") from exc
    return psycopg


def to_pyformat(sql: str) -> str:
    """``?`` placeholders to psycopg's ``%s`` (store SQL has no literal ``?`` or ``%``)."""
    return _MARK.sub("%s", sql)


class PostgresStore(SqlStore):
    """A store in a PostgreSQL database given by a ``postgresql://`` URL."""

    backend = "postgresql"
    json_type = "JSONB"
    double_type = "DOUBLE PRECISION"
    ts_type = "TIMESTAMP"

    def __init__(self, url: str) -> None:
        psycopg = _psycopg()
        self.url = url
        try:
            self._con = psycopg.connect(url, autocommit=True)
        except psycopg.Error as exc:
            raise StoreError(f"cannot connect to PostgreSQL store {_redact(url)}: {exc}") from exc
        self._lock = threading.RLock()
        self._tx: Any = None
        self._create_schema()

    def _lock_schema(self) -> None:
        self._run("SELECT pg_advisory_xact_lock(?)", [_SCHEMA_LOCK])

    def _run(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        with self._lock, self._con.cursor() as cur:
            cur.execute(to_pyformat(sql), list(params) if params else None)
            return cur.fetchall() if cur.description else []

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        with self._lock:
            if self._tx is not None:  # nested: join the open transaction
                yield
                return
            with self._con.transaction() as tx:
                self._tx = tx
                try:
                    yield
                finally:
                    self._tx = None

    def close(self) -> None:
        with self._lock:
            con, self._con = self._con, None
            if con is not None:
                con.close()

    def __repr__(self) -> str:
        return f"PostgresStore({_redact(self.url)!r})"


def _redact(url: str) -> str:
    """The URL without its password, for messages."""
    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", url)
