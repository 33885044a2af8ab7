"""The server store: PostgreSQL through psycopg 3, for several writers and large collections.

Same schema and SQL as the DuckDB store; ``?`` placeholders become psycopg's ``%s`` here. Writes go through one
connection under a lock; reads through a pool of further connections (``store.readers``), so threads read at
the same time.
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
        _psycopg()  # a clear error when the driver is missing
        self.url = url
        self._con = self._connect()
        self._lock = threading.RLock()
        self._tx: Any = None
        self._init_readers()
        self._create_schema()

    def _connect(self) -> Any:
        try:
            return _psycopg().connect(self.url, autocommit=True)
        except Exception as exc:  # psycopg errors and bad URLs alike; never the password in the message
            raise StoreError(f"cannot connect to PostgreSQL store {_redact(self.url)}: "
                             f"{_scrub(str(exc), self.url)}") from None

    def _lock_schema(self) -> None:
        with self._lock:  # a SELECT with an effect: on the writer connection, inside its transaction
            self._execute(self._con, "SELECT pg_advisory_xact_lock(?)", [_SCHEMA_LOCK])

    def _execute(self, con: Any, sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
        with con.cursor() as cur:
            cur.execute(to_pyformat(sql), list(params) if params else None)
            return cur.fetchall() if cur.description else []

    def _new_reader(self) -> Any:
        return self._connect()

    def _begin_snapshot(self, con: Any) -> None:
        con.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")

    def _end_snapshot(self, con: Any) -> None:
        con.execute("ROLLBACK")

    def _broken(self, con: Any) -> bool:
        return bool(con.closed or con.broken)

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        with self._lock:
            if self._tx is not None:  # nested: join the open transaction
                yield
                return
            with self._con.transaction() as tx:
                self._tx, self._owner = tx, threading.get_ident()  # this thread's reads see its transaction
                try:
                    yield
                finally:
                    self._tx, self._owner = None, None

    def close(self) -> None:
        self._close_readers()
        with self._lock:
            con, self._con = self._con, None
            if con is not None:
                con.close()

    def __repr__(self) -> str:
        return f"PostgresStore({_redact(self.url)!r})"


def _params(url: str) -> dict[str, str] | None:
    """The connection parameters as libpq reads them (psycopg's parser), or None when unreadable."""
    from psycopg.conninfo import conninfo_to_dict

    try:
        return {k: str(v) for k, v in conninfo_to_dict(url).items() if v is not None}
    except Exception:
        return None


def _redact(url: str) -> str:
    """The store's address for messages, rebuilt from the parameters psycopg parsed, the password as ``***``.

    A URL that cannot be parsed is not shown at all. A host holding an ``@`` (a password with an unescaped
    ``@`` in it) is shown from its last ``@`` on.
    """
    from urllib.parse import quote, urlencode

    params = _params(url)
    if params is None:
        return "(unreadable postgresql URL, not shown)"
    user = quote(params.pop("user", ""), safe="")
    secret = ":***" if params.pop("password", None) is not None else ""
    host = params.pop("host", "").rsplit("@", 1)[-1]
    port = params.pop("port", "")
    dbname = quote(params.pop("dbname", ""), safe="")
    auth = f"{user}{secret}@" if user or secret else ""
    query = urlencode(params)
    return f"postgresql://{auth}{host}{':' + port if port else ''}/{dbname}{'?' + query if query else ''}"


def _scrub(message: str, url: str) -> str:
    """``message`` without anything of ``url`` that may be secret (password, raw and percent-encoded)."""
    from urllib.parse import quote

    params = _params(url)
    if params is None:  # the parser's complaint quotes the offending part of the URL
        return _QUOTED.sub('"..."', message.replace(url, "(URL)"))
    message = message.replace(url, _redact(url))
    secrets = [params.get("password", ""), params.get("host", "").rpartition("@")[0]]
    for secret in sorted({x for s in secrets if s for x in (s, quote(s, safe=""))}, key=len, reverse=True):
        message = message.replace(secret, "***")
    return message


_QUOTED = re.compile(r'"[^"]*"')
