"""The embedded default: one DuckDB file.

Concurrency: DuckDB lets one process open a file for writing at a time (other processes get a lock
error, reported here with advice). Within that process, threads (e.g. the API server's) read at the same time
through cursors of the one connection (DuckDB's connections to the same database, see ``store.readers``), while
writes are serialised by a lock on the connection itself. For several writer processes use PostgreSQL.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from trucewatch.store.base import StoreError
from trucewatch.store.sql import SqlStore


def _duckdb() -> Any:
    try:
        import duckdb
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise StoreError("the DuckDB store needs the 'duckdb' package: pip install duckdb") from exc
    return duckdb


#: Below this many rows a plain multi-row INSERT is as fast as building an Arrow table.
_ARROW_MIN_ROWS = 8


class DuckDBStore(SqlStore):
    """A store in one DuckDB file (``:memory:`` for a throwaway one)."""

    backend = "duckdb"
    json_type = "JSON"
    double_type = "DOUBLE"
    ts_type = "TIMESTAMP"
    upsert_by_delete = True  # one writer process, and ON CONFLICT DO UPDATE is slow with indexed columns

    def __init__(self, path: str | Path, *, read_only: bool = False) -> None:
        duckdb = _duckdb()
        self.path = str(path)
        if self.path != ":memory:":
            Path(self.path).expanduser().parent.mkdir(parents=True, exist_ok=True)
        try:
            self._con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.IOException as exc:
            if "lock" in str(exc).lower():
                raise StoreError(
                    f"the store {self.path} is open in another process (DuckDB allows one writer at a time); "
                    "stop that process, or use a PostgreSQL store for concurrent access"
                ) from exc
            raise StoreError(f"cannot open DuckDB store {self.path}: {exc}") from exc
        except duckdb.Error as exc:
            raise StoreError(f"cannot open DuckDB store {self.path}: {exc}") from exc
        self._lock = threading.RLock()
        self._depth = 0
        self._init_readers()
        if not read_only:
            self._create_schema()

    def _execute(self, con: Any, sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
        cur = con.execute(sql, list(params))
        return cur.fetchall() if cur.description else []

    def _new_reader(self) -> Any:
        con = self._con
        if con is None:
            raise StoreError("the store is closed")
        return con.cursor()  # a new connection to the same database (DuckDB's way to read from threads)

    def _page(self, clause: str, params: list[Any], order: str, page: str) -> tuple[str, list[Any], str]:
        """The page's rows are chosen by row id first, and only their records read: sorting the whole table
        with its record texts reads every record (25 ms at 5,000 events; this way 10 ms)."""
        return f" WHERE e.rowid IN (SELECT e.rowid FROM events e{clause}{page})", params, order

    def _begin_snapshot(self, con: Any) -> None:
        con.begin()

    def _end_snapshot(self, con: Any) -> None:
        con.rollback()  # read-only: nothing to commit

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        with self._lock:
            if self._depth:  # already inside one: join it
                self._depth += 1
                try:
                    yield
                finally:
                    self._depth -= 1
                return
            self._con.begin()
            self._depth = 1
            self._owner = threading.get_ident()  # this thread's reads now see its transaction
            try:
                yield
            except BaseException:
                self._depth, self._owner = 0, None
                self._con.rollback()
                raise
            self._depth, self._owner = 0, None
            self._con.commit()

    def _many(
        self, table: str, cols: tuple[str, ...], rows: Sequence[Sequence[Any]], conflict: str = ""
    ) -> list[tuple[Any, ...]]:
        """Many rows go in as one Arrow table (DuckDB binds thousands of ``?`` parameters slowly)."""
        if len(rows) < _ARROW_MIN_ROWS:
            return super()._many(table, cols, rows, conflict)
        import pyarrow as pa

        try:
            data = pa.table({f"c{i}": pa.array([row[i] for row in rows]) for i in range(len(cols))})
        except (pa.ArrowInvalid, pa.ArrowTypeError):  # a column of mixed types: let DuckDB convert each value
            return super()._many(table, cols, rows, conflict)
        with self._lock:
            self._con.register("tw_rows", data)
            try:
                sql = f"INSERT INTO {table} ({', '.join(cols)}) SELECT * FROM tw_rows{(' ' + conflict) if conflict else ''}"
                return self._run(sql)
            finally:
                self._con.unregister("tw_rows")

    def close(self) -> None:
        self._close_readers()
        with self._lock:
            con, self._con = self._con, None
            if con is not None:
                con.close()

    def __repr__(self) -> str:
        return f"DuckDBStore({self.path!r})"
