"""The store's logic, written once in SQL with ``?`` placeholders; backends supply connection and transactions."""

from __future__ import annotations

import contextlib
import datetime as dt
import threading
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from trucewatch.model import Agreement, Article, Event, Mention, Skip, Violation, from_record, to_record
from trucewatch.store import filters, readers, schema
from trucewatch.store.base import EventFilter, StoreError
from trucewatch.store.batch import Batch, BatchFailed

#: Parameters per statement, well under PostgreSQL's 65535.
_MAX_PARAMS = 20000


class SqlStore:
    """Shared implementation of :class:`trucewatch.store.base.Store`.

    Subclasses implement ``_execute`` (one statement on a connection, returns rows), the reader hooks,
    ``_transaction`` (BEGIN .. COMMIT, ROLLBACK on error, setting ``_owner``) and ``close``. Rows go in as
    multi-row ``INSERT``s: one round trip per table. Reads run on a pool of reader connections, writes on the
    one writer connection (``store.readers``).
    """

    backend = "sql"
    json_type = "JSON"
    double_type = "DOUBLE"
    ts_type = "TIMESTAMP"
    #: Replace events by DELETE + INSERT (faster in DuckDB, safe with one writer) or by ON CONFLICT DO UPDATE.
    upsert_by_delete = False

    # --- backend hooks ------------------------------------------------------------------

    _con: Any = None  # the writer connection (the only one of a read-only DuckDB store's own statements)
    _lock: Any = None  # held while the writer connection is used
    _readers: readers.ReaderPool | None = None
    _owner: int | None = None  # the thread inside a write transaction, if any

    def _execute(self, con: Any, sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
        """Run one statement on ``con``; returns its rows (none for a statement without a result)."""
        raise NotImplementedError

    def _new_reader(self) -> Any:
        """A new reader connection to the same data."""
        raise NotImplementedError

    def _close_reader(self, con: Any) -> None:
        con.close()

    def _begin_snapshot(self, con: Any) -> None:
        """Start a read-only transaction on a reader (``reading``)."""
        raise NotImplementedError

    def _end_snapshot(self, con: Any) -> None:
        raise NotImplementedError

    def _broken(self, con: Any) -> bool:
        """Whether a reader that raised must be dropped rather than reused."""
        return False

    def _transaction(self) -> contextlib.AbstractContextManager[None]:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> SqlStore:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    # --- connections: one writer, a pool of readers (see ``store.readers``) ----------------------

    def _init_readers(self, size: int = readers.MAX_READERS) -> None:
        self._readers = readers.ReaderPool(self._new_reader, self._close_reader, size)
        self._local = threading.local()
        self._parsed = readers.Parsed()

    def _run(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """One statement: a ``SELECT`` outside this thread's write transaction on a reader, the rest on the
        writer connection under the lock."""
        if self._readers is not None and self._owner != threading.get_ident() and readers.is_read(sql):
            return self._read(sql, params)
        with self._lock:
            if self._con is None:
                raise StoreError("the store is closed")
            return self._execute(self._con, sql, params)

    def _read(self, sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
        assert self._readers is not None
        con = getattr(self._local, "con", None)
        if con is not None:  # inside ``reading()``: its snapshot
            return self._execute(con, sql, params)
        con = self._readers.take()
        try:
            rows = self._execute(con, sql, params)
        except BaseException:
            self._readers.give(con, broken=self._broken(con))
            raise
        self._readers.give(con)
        return rows

    @contextlib.contextmanager
    def reading(self, *, shared: bool = False) -> Iterator[None]:
        """Run a block of reads against one committed state (a read-only snapshot on one reader).

        Writes committed meanwhile by other threads or processes are not seen inside the block, so a count
        and the page it counts agree. Inside this thread's own write transaction the reads see that
        transaction instead; nested blocks join the outer one.

        ``shared=True`` (for callers that only read the events they get, as the API does): events come from a
        cache of parsed records, the same objects for every such reader, so they must not be changed.
        """
        if (self._readers is None or self._owner == threading.get_ident()
                or getattr(self._local, "con", None) is not None):
            yield
            return
        con = self._readers.take()
        try:
            self._begin_snapshot(con)
        except BaseException:
            self._readers.give(con, broken=True)
            raise
        self._local.con, self._local.shared = con, shared
        broken = False
        try:
            yield
        finally:
            self._local.con, self._local.shared = None, False
            try:
                self._end_snapshot(con)
            except Exception:
                broken = True
            self._readers.give(con, broken=broken)

    def _close_readers(self) -> None:
        if self._readers is not None:
            self._readers.close()

    # --- schema -------------------------------------------------------------------------

    def _lock_schema(self) -> None:
        """Serialise schema creation between processes (PostgreSQL); DuckDB has one writer anyway."""

    def _schema_version(self) -> str | None:
        if not self._run(
            "SELECT 1 FROM information_schema.tables WHERE table_name = ?", ["trucewatch_meta"]
        ):
            return None
        rows = self._run("SELECT value FROM trucewatch_meta WHERE key = ?", ["schema_version"])
        return str(rows[0][0]) if rows else None

    def _ensure_views(self) -> None:
        """The ``countries`` table and the ``acled_events`` view, added to stores made before they existed."""
        if self._run("SELECT 1 FROM information_schema.tables WHERE table_name = ?", ["acled_events"]):
            return
        from trucewatch.countries import all_countries

        with self._transaction():
            self._lock_schema()
            for stmt in schema.VIEWS:
                self._run(stmt)
            if not self._run("SELECT 1 FROM countries LIMIT 1"):
                rows = [(c["iso2"], c["iso3"], c["iso"], c["name"], c["region"]) for c in all_countries()]
                self._many("countries", ("iso2", "iso3", "iso", "name", "region"), rows)

    def _create_schema(self) -> None:
        """Create the tables once; an existing store is left alone (DDL would lock tables other writers use)."""
        if self._schema_version() == str(schema.SCHEMA_VERSION):
            self._ensure_views()
            return
        with self._transaction():
            self._lock_schema()
            if self._schema_version() == str(schema.SCHEMA_VERSION):  # another process just made it
                return
            self._migrate()
            for stmt in schema.ddl(self.json_type, self.double_type, self.ts_type):
                self._run(stmt)
            rows = self._run("SELECT value FROM trucewatch_meta WHERE key = ?", ["schema_version"])
            if not rows:
                self._run("INSERT INTO trucewatch_meta (key, value) VALUES (?, ?)",
                          ["schema_version", str(schema.SCHEMA_VERSION)])
            elif rows[0][0] != str(schema.SCHEMA_VERSION):
                raise StoreError(
                    f"store has schema version {rows[0][0]}, this trucewatch expects {schema.SCHEMA_VERSION}; "
                    "re-ingest into a new store"
                )
        self._ensure_views()

    def _migrate(self) -> None:
        """Bring a store of an older schema version up to date (``schema.MIGRATIONS``), inside the caller's
        transaction."""
        found = self._schema_version()
        version = int(found) if found and found.isdigit() else None
        while version is not None and version in schema.MIGRATIONS:
            for stmt in schema.MIGRATIONS[version]:
                self._run(stmt)
            version += 1
            self._run("UPDATE trucewatch_meta SET value = ? WHERE key = ?", [str(version), "schema_version"])

    # --- articles -----------------------------------------------------------------------

    def has_article(self, hash: str) -> bool:
        return bool(self._run("SELECT 1 FROM articles WHERE hash = ?", [hash]))

    def has_article_id(self, id: str) -> bool:
        return bool(self._run("SELECT 1 FROM articles WHERE id = ?", [id]))

    def known_articles(self, hashes: Sequence[str], ids: Sequence[str]) -> dict[str, bool]:
        """Hash or id -> whether an article with it is stored, in one query per 500 of each."""
        out = dict.fromkeys([*hashes, *ids], False)
        for col, values in (("hash", list(dict.fromkeys(hashes))), ("id", list(dict.fromkeys(ids)))):
            for i in range(0, len(values), 500):
                chunk = values[i : i + 500]
                rows = self._run(f"SELECT {col} FROM articles WHERE {col} = ANY(?)", [chunk])
                out.update((r[0], True) for r in rows)
        return out

    def batch(self) -> Batch:
        """A buffer for many articles, written by ``Batch.flush()`` in one transaction (see ``store.batch``)."""
        return Batch(self)

    def _write_batch(self, batch: Batch) -> None:
        """Every row of a batch in one transaction, one insert per table (per parameter limit)."""
        articles = [a for a, _ in batch.articles]
        mentions = [m for _, ms in batch.articles for m in ms]
        with self._transaction():
            inserted = self._many("articles", schema.ARTICLE_COLS, [schema.article_row(a) for a in articles],
                                  "ON CONFLICT (hash) DO NOTHING RETURNING id")
            if len(inserted) != len(articles):  # another writer stored one of these texts meanwhile
                raise BatchFailed("another writer stored some of these articles meanwhile")
            self._many("segments", schema.SEGMENT_COLS, [r for a in articles for r in schema.segment_rows(a)])
            self._many("mentions", schema.MENTION_COLS, [schema.mention_row(m) for m in mentions])
            self._many("evidence", schema.EVIDENCE_COLS, [r for m in mentions for r in schema.evidence_rows(m)])
            self._delete_events(sorted(batch.removed - set(batch.events)))
            self._upsert_events(list(batch.events.values()))

    def write_article(
        self, article: Article, mentions: list[Mention], events: list[Event], removed_event_ids: Iterable[str] = ()
    ) -> None:
        """Everything about one article in one transaction; a stored article (same hash) adds nothing.

        On any error the transaction is rolled back and a :class:`StoreError` names the article.
        """
        try:
            self._write_article(article, mentions, events, removed_event_ids)
        except StoreError:
            raise
        except Exception as exc:
            raise StoreError(f"could not store article {article.id!r}: {type(exc).__name__}: {exc}") from exc

    def _write_article(
        self, article: Article, mentions: list[Mention], events: list[Event], removed_event_ids: Iterable[str]
    ) -> None:
        with self._transaction():
            if self._run("SELECT 1 FROM articles WHERE hash = ?", [article.hash]):
                return
            if self._run("SELECT 1 FROM articles WHERE id = ?", [article.id]):
                raise StoreError(f"article id {article.id!r} is already stored with different text")
            # Another writer may have stored the same text since the check (PostgreSQL): then add nothing.
            sql = schema.insert_sql("articles", schema.ARTICLE_COLS, "ON CONFLICT (hash) DO NOTHING RETURNING id")
            if not self._run(sql, schema.article_row(article)):
                return
            self._many("segments", schema.SEGMENT_COLS, schema.segment_rows(article))
            self._many("mentions", schema.MENTION_COLS, [schema.mention_row(m) for m in mentions])
            self._many("evidence", schema.EVIDENCE_COLS, [r for m in mentions for r in schema.evidence_rows(m)])
            self._delete_events(list(removed_event_ids))
            self._upsert_events(events)

    def _many(
        self, table: str, cols: tuple[str, ...], rows: Sequence[Sequence[Any]], conflict: str = ""
    ) -> list[tuple[Any, ...]]:
        """Insert rows with as few statements as the parameter limit allows; returns what ``RETURNING`` gave."""
        step = max(1, _MAX_PARAMS // len(cols))
        out: list[tuple[Any, ...]] = []
        for i in range(0, len(rows), step):
            chunk = rows[i:i + step]
            out += self._run(schema.insert_sql(table, cols, conflict, len(chunk)), [v for row in chunk for v in row])
        return out

    def _delete_in(self, table: str, col: str, values: Sequence[Any], extra: str = "",
                   extra_params: Sequence[Any] = ()) -> None:
        """``DELETE FROM table WHERE col IN (...)`` (plus an optional ``AND ...``)."""
        for i in range(0, len(values), _MAX_PARAMS):
            chunk = list(values[i:i + _MAX_PARAMS])
            marks = ", ".join("?" for _ in chunk)
            self._run(f"DELETE FROM {table} WHERE {col} IN ({marks}){extra}", [*chunk, *extra_params])

    def _delete_events(self, ids: list[str]) -> None:
        if not ids:
            return
        self._delete_in("event_mentions", "event_id", ids)
        self._delete_in("judgements", "event_id", ids)
        self._delete_in("events", "id", ids)

    def _upsert_events(self, events: list[Event]) -> None:
        if not events:
            return
        latest = {ev.id: ev for ev in events}  # one row per id, the last one wins
        self._delete_in("event_mentions", "event_id", list(latest))
        rows = [schema.event_row(ev) for ev in latest.values()]
        if self.upsert_by_delete:
            self._delete_in("events", "id", list(latest))
            self._many("events", schema.EVENT_COLS, rows)
        else:
            self._many("events", schema.EVENT_COLS, rows, schema.EVENT_CONFLICT)
        links = {(ev.id, mid) for ev in latest.values() for mid in ev.mention_ids}
        self._many("event_mentions", ("event_id", "mention_id"), sorted(links))

    def article(self, id: str) -> Article | None:
        rows = self._run(f"SELECT {', '.join(schema.ARTICLE_COLS)} FROM articles WHERE id = ?", [id])
        if not rows:
            return None
        segs = self._run(
            'SELECT kind, "start", "end", text, own_date FROM segments WHERE article_id = ? ORDER BY idx', [id]
        )
        return schema.article_from_row(rows[0], segs)

    def article_refs(self, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        """Article id -> ``{"source", "url", "title", "published"}`` (no text), for provenance in exports."""
        wanted = sorted(set(ids))
        out: dict[str, dict[str, Any]] = {}
        for i in range(0, len(wanted), 500):
            chunk = wanted[i : i + 500]
            rows = self._run(
                "SELECT id, source, url, title, published FROM articles WHERE id = ANY(?)", [chunk],
            )
            for aid, source, url, title, published in rows:
                out[aid] = {"source": source, "url": url, "title": title, "published": published}  # not vocabulary: column names
        return out

    def distinct_values(self, column: str) -> list[str]:
        """The distinct non-empty values of one events column (for suggestions on an unknown filter value)."""
        if column not in schema.SUGGEST_COLUMNS:
            raise ValueError(f"no suggestions for column {column!r}")
        rows = self._run(f"SELECT DISTINCT {column} FROM events WHERE {column} IS NOT NULL AND {column} <> ''")
        return sorted(str(r[0]) for r in rows)

    # --- skips --------------------------------------------------------------------------

    def add_skip(self, skip: Skip) -> None:
        """Record a skip; one row per input, stage and article (a re-run replaces the earlier row)."""
        with self._transaction():
            self._run(
                "DELETE FROM skips WHERE origin = ? AND stage = ? AND COALESCE(article_id, '') = ?",
                [skip.origin, skip.stage, skip.article_id or ""],
            )
            self._run(schema.insert_sql("skips", schema.SKIP_COLS), schema.skip_row(skip))

    def skips(self) -> list[Skip]:
        rows = self._run('SELECT origin, reason, stage, article_id, detail FROM skips ORDER BY "at"')
        return [Skip(origin=o, reason=r, stage=s, article_id=a, detail=d or "") for o, r, s, a, d in rows]

    # --- events -------------------------------------------------------------------------

    def _events_where(self, clause: str, params: Sequence[Any], tail: str = "") -> list[Event]:
        rows = self._run(f"SELECT e.record FROM events e{clause}{tail}", params)
        shared = self._parsed if getattr(self._local, "shared", False) else None
        if shared is None:
            return [from_record(Event, schema.loads(r[0])) for r in rows]
        return [shared.get(r[0], lambda text: from_record(Event, schema.loads(text))) for r in rows]

    def candidate_events(
        self, first: dt.date, last: dt.date, countries: set[str], bbox: tuple[float, float, float, float] | None
    ) -> list[Event]:
        """Stored events overlapping ``first..last`` in one of ``countries`` or inside ``bbox``."""
        clause, params = _block_clause(first, last, countries, bbox)
        return self._events_where(" WHERE " + clause, params, " ORDER BY e.id")

    def candidate_events_any(self, blocks: Sequence[tuple[Any, ...]]) -> list[Event]:
        """Stored events in any of ``blocks`` (``candidate_events`` arguments).

        Blocks close in time share one query that reads only the columns the blocks test (id, dates,
        country, coordinates); the full records are then read for the matching ids alone.
        """
        ids: set[str] = set()
        for group in _date_groups(blocks):
            first, last = min(b[0] for b in group), max(b[1] for b in group)
            rows = self._run("SELECT e.id, e.event_date, e.date_last, e.country, e.lat, e.lon FROM events e "
                             "WHERE e.event_date <= ? AND e.date_last >= ?", [last, first])
            ids.update(r[0] for r in rows if any(filters.in_block(r[1:], *b) for b in group))
        return self.events_by_ids(sorted(ids))

    def event(self, id: str) -> Event | None:
        found = self._events_where(" WHERE e.id = ?", [id])
        return found[0] if found else None

    def events_by_ids(self, ids: Sequence[str]) -> list[Event]:
        """The stored events among ``ids``, by id (500 ids per query)."""
        out: list[Event] = []
        ids = sorted(set(ids))
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            out += self._events_where(" WHERE e.id = ANY(?)", [chunk], " ORDER BY e.id")
        return out

    def events(
        self, flt: EventFilter | None = None, limit: int | None = None, offset: int = 0, order: str = "date"
    ) -> list[Event]:
        clause, params = filters.where(flt)
        tail = filters.order_by(order)
        if limit is None:
            return self._events_where(clause, params, tail + (f" OFFSET {max(0, int(offset))}" if offset else ""))
        page = f"{tail} LIMIT {max(0, int(limit))}" + (f" OFFSET {max(0, int(offset))}" if offset else "")
        return self._events_where(*self._page(clause, params, tail, page))

    def _page(self, clause: str, params: list[Any], order: str, page: str) -> tuple[str, list[Any], str]:
        """``_events_where`` arguments for one page of events (``page``: ORDER BY .. LIMIT ..)."""
        return clause, params, page

    def count_events(self, flt: EventFilter | None = None) -> int:
        clause, params = filters.where(flt)
        return int(self._run(f"SELECT count(*) FROM events e{clause}", params)[0][0])

    def replace_events(self, remove_ids: list[str], events: list[Event]) -> None:
        with self._transaction():
            self._delete_events([i for i in remove_ids if i not in {ev.id for ev in events}])
            self._upsert_events(events)

    def mentions(self, event_id: str | None = None, article_id: str | None = None) -> list[Mention]:
        sql = "SELECT m.record FROM mentions m"
        parts: list[str] = []
        params: list[Any] = []
        if event_id is not None:
            parts.append("m.id IN (SELECT mention_id FROM event_mentions WHERE event_id = ?)")
            params.append(event_id)
        if article_id is not None:
            parts.append("m.article_id = ?")
            params.append(article_id)
        if parts:
            sql += " WHERE " + " AND ".join(parts)
        rows = self._run(sql + " ORDER BY m.article_id, m.trigger_start, m.id", params)
        return [from_record(Mention, schema.loads(r[0])) for r in rows]

    # --- splits -------------------------------------------------------------------------

    def splits(self) -> set[frozenset[str]]:
        return {frozenset(r) for r in self._run("SELECT mention_a, mention_b FROM splits")}

    def add_splits(self, pairs: Iterable[tuple[str, str]]) -> None:
        rows = sorted({tuple(sorted(p)) for p in pairs if p[0] != p[1]})
        if not rows:
            return
        with self._transaction():
            have = {tuple(r) for r in self._run("SELECT mention_a, mention_b FROM splits")}
            self._many("splits", ("mention_a", "mention_b"), [r for r in rows if r not in have])

    # --- agreements and judgements ----------------------------------------------------------

    def save_agreement(self, a: Agreement) -> None:
        with self._transaction():
            self._run("DELETE FROM agreements WHERE id = ?", [a.id])
            self._run("INSERT INTO agreements (id, record) VALUES (?, ?)", [a.id, schema.dumps(to_record(a))])

    def agreements(self) -> list[Agreement]:
        rows = self._run("SELECT record FROM agreements ORDER BY id")
        return [from_record(Agreement, schema.loads(r[0])) for r in rows]

    def agreement(self, id: str) -> Agreement | None:
        rows = self._run("SELECT record FROM agreements WHERE id = ?", [id])
        return from_record(Agreement, schema.loads(rows[0][0])) if rows else None

    def save_violations(self, vs: list[Violation]) -> None:
        """Store judgements, replacing earlier ones for the same (event, agreement)."""
        if not vs:
            return
        latest = {(v.event_id, v.agreement_id): v for v in vs}
        with self._transaction():
            by_agreement: dict[str, list[str]] = {}
            for event_id, agreement_id in latest:
                by_agreement.setdefault(agreement_id, []).append(event_id)
            for agreement_id, event_ids in by_agreement.items():
                self._delete_in("judgements", "event_id", event_ids, " AND agreement_id = ?", [agreement_id])
            self._many("judgements", schema.JUDGEMENT_COLS, [schema.judgement_row(v) for v in latest.values()])

    def _violations(self, clause: str, params: Sequence[Any]) -> list[Violation]:
        rows = self._run(f'SELECT record FROM judgements{clause} ORDER BY "date" NULLS LAST, event_id, agreement_id',
                         params)
        return [from_record(Violation, schema.loads(r[0])) for r in rows]

    def violations(self, agreement_id: str | None = None) -> list[Violation]:
        if agreement_id is None:
            return self._violations("", [])
        return self._violations(" WHERE agreement_id = ?", [agreement_id])

    def violations_for_event(self, event_id: str) -> list[Violation]:
        return self._violations(" WHERE event_id = ?", [event_id])

    def violations_for_events(self, event_ids: Sequence[str]) -> dict[str, list[Violation]]:
        """Judgements of many events in one query per 500 ids: event id -> its judgements."""
        out: dict[str, list[Violation]] = {e: [] for e in event_ids}
        ids = list(out)
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            for v in self._violations(" WHERE event_id = ANY(?)", [chunk]):
                out[v.event_id].append(v)
        return out

    # --- housekeeping ---------------------------------------------------------------------

    def stats(self) -> dict[str, int]:
        return {t: int(self._run(f"SELECT count(*) FROM {t}")[0][0]) for t in schema.TABLES}

    def check(self) -> dict[str, int]:
        """Dangling rows (should all be 0): mentions without article, links without event or mention."""
        q = {
            "mentions_without_article": "SELECT count(*) FROM mentions m WHERE NOT EXISTS "
            "(SELECT 1 FROM articles a WHERE a.id = m.article_id)",
            "evidence_without_mention": "SELECT count(*) FROM evidence v WHERE NOT EXISTS "
            "(SELECT 1 FROM mentions m WHERE m.id = v.mention_id)",
            "links_without_event": "SELECT count(*) FROM event_mentions l WHERE NOT EXISTS "
            "(SELECT 1 FROM events e WHERE e.id = l.event_id)",
            "links_without_mention": "SELECT count(*) FROM event_mentions l WHERE NOT EXISTS "
            "(SELECT 1 FROM mentions m WHERE m.id = l.mention_id)",
            "segments_without_article": "SELECT count(*) FROM segments s WHERE NOT EXISTS "
            "(SELECT 1 FROM articles a WHERE a.id = s.article_id)",
        }
        return {k: int(self._run(sql)[0][0]) for k, sql in q.items()}


def _block_clause(
    first: dt.date, last: dt.date, countries: set[str], bbox: tuple[float, float, float, float] | None
) -> tuple[str, list[Any]]:
    """SQL of one dedup block (see ``candidate_events``); ``batch._in_block`` is the same test in Python."""
    parts, params = filters.date_overlap(first, last)
    place: list[str] = []
    if countries:
        place.append(f"e.country IN ({', '.join('?' for _ in countries)})")
        params += sorted(countries)
    if bbox is not None:
        clause, bparams = filters.bbox_clause(bbox)
        place.append(clause)
        params += bparams
    if place:
        parts.append("(" + " OR ".join(place) + ")")
    return "(" + " AND ".join(parts) + ")", params


def _date_groups(blocks: Sequence[tuple[Any, ...]], gap_days: int = 14) -> list[list[tuple[Any, ...]]]:
    """Blocks sorted by date, cut where the next starts more than ``gap_days`` after the current group ends."""
    groups: list[list[tuple[Any, ...]]] = []
    for b in sorted(blocks, key=lambda b: (b[0], b[1])):
        if groups and (b[0] - max(x[1] for x in groups[-1])).days <= gap_days:
            groups[-1].append(b)
        else:
            groups.append([b])
    return groups
