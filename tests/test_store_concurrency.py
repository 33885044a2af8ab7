"""Concurrent reads (issue 18): threads read at once through reader connections while one thread writes.

Every test runs on a DuckDB file and on a real PostgreSQL database (tests/pg.py).
"""

from __future__ import annotations

import datetime as dt
import threading
import time

import pytest

from factories import fill, make_article
from pg import fresh_database, pg_server_url  # noqa: F401  (fixture)
from trucewatch.store import EventFilter, open_store
from trucewatch.store.readers import MAX_READERS


@pytest.fixture(params=["duckdb", "postgresql"])
def url(request, tmp_path) -> str:
    if request.param == "duckdb":
        return str(tmp_path / "c.duckdb")
    return fresh_database(request.getfixturevalue("pg_server_url"))


def _write(st, first: int, n: int) -> None:
    for i in range(first, first + n):
        art, mentions, event = make_article(i, published=dt.date(2016, 3, 1) + dt.timedelta(days=i % 40),
                                            source="Levant Wire")
        st.write_article(art, mentions, [event])


class _Thread(threading.Thread):
    """A thread whose exception is raised again by ``join`` (so a failing writer fails the test)."""

    error: BaseException | None = None

    def run(self) -> None:
        try:
            super().run()
        except BaseException as exc:
            self.error = exc

    def join(self, timeout: float | None = None) -> None:
        super().join(timeout)
        if self.error is not None:
            raise self.error


def test_a_reading_block_sees_one_committed_state(url):
    """A count and the list it counts agree inside ``reading()``, though another thread commits meanwhile."""
    with open_store(url) as st:
        fill(st, 5)
        with st.reading():
            assert st.count_events() == 5
            writer = _Thread(target=_write, args=(st, 100, 3))
            writer.start()
            writer.join(timeout=60)
            assert not writer.is_alive(), "a write waited for a reader's snapshot"
            assert st.count_events() == 5  # the snapshot: not the 3 committed meanwhile
            assert len(st.events()) == 5
        assert st.count_events() == 8
        assert len(st.events()) == 8


def test_reads_go_on_during_a_write_transaction_and_see_only_committed_rows(url):
    with open_store(url) as st:
        fill(st, 4)
        inside, release = threading.Event(), threading.Event()

        def slow_writer() -> None:
            with st._transaction():  # a write transaction held open, as a long write would
                _write(st, 200, 2)
                assert st.count_events() == 6  # the writer's own reads see its transaction
                inside.set()
                release.wait(30)

        writer = _Thread(target=slow_writer)
        writer.start()
        try:
            assert inside.wait(60)
            started = time.monotonic()
            assert st.count_events() == 4  # not blocked, and nothing uncommitted
            assert st.article("art00200") is None
            with st.reading():
                assert len(st.events()) == 4
            assert time.monotonic() - started < 10
        finally:
            release.set()
            writer.join(60)
        assert st.count_events() == 6
        assert st.article("art00200") is not None


def test_readers_during_writes_see_whole_articles(url):
    """Many reader threads while one thread writes article after article: every snapshot is consistent
    (count = listed events, every listed event's mentions and articles are there) and counts only grow."""
    n = 30
    with open_store(url) as st:
        problems: list[str] = []
        seen: list[int] = []
        done = threading.Event()

        def reader() -> None:
            last = 0
            while not done.is_set() or last < n:
                try:
                    with st.reading():
                        count = st.count_events()
                        evs = st.events(EventFilter(), order="-date")
                        mentions = {m.id for ev in evs[:5] for m in st.mentions(event_id=ev.id)}
                        arts = st.article_refs(a for ev in evs for a in ev.article_ids)
                except Exception as exc:  # any error is a failure of the test
                    problems.append(f"{type(exc).__name__}: {exc}")
                    return
                if count != len(evs):
                    problems.append(f"count {count} but {len(evs)} events listed")
                if any(mid not in mentions for ev in evs[:5] for mid in ev.mention_ids):
                    problems.append("an event listed without its mentions")
                if any(a not in arts for ev in evs for a in ev.article_ids):
                    problems.append("an event listed without its article")
                if count < last:
                    problems.append(f"count went back from {last} to {count}")
                last = count
                seen.append(count)
                if problems:
                    return

        readers = [_Thread(target=reader) for _ in range(6)]
        for t in readers:
            t.start()
        try:
            _write(st, 0, n)
        finally:
            done.set()
            for t in readers:
                t.join(120)
        assert not problems, problems[:3]
        assert st.count_events() == n
        assert len(set(seen)) > 2, "the readers never ran while the writer wrote"
        assert st.check() == dict.fromkeys(st.check(), 0)


def test_reader_connections_are_bounded_and_reused(url):
    with open_store(url) as st:
        fill(st, 3)
        barrier = threading.Barrier(16)
        counts: list[int] = []

        def read() -> None:
            barrier.wait(30)
            for _ in range(5):
                with st.reading():
                    counts.append(st.count_events())

        threads = [_Thread(target=read) for _ in range(16)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(120)
        assert counts == [3] * 80
        assert 1 <= len(st._readers) <= MAX_READERS


def test_a_reading_block_inside_a_write_transaction_sees_the_transaction(url):
    with open_store(url) as st:
        fill(st, 2)
        with st._transaction():
            _write(st, 300, 1)
            with st.reading():
                assert st.count_events() == 3
        assert st.count_events() == 3


def test_a_closed_store_refuses_reads_clearly(url):
    st = open_store(url)
    fill(st, 1)
    st.close()
    with pytest.raises(Exception, match="closed"):
        st.count_events()


def test_pages_equal_slices_of_the_whole_list_in_every_order_and_filter(url):
    with open_store(url) as st:
        fill(st, 40)
        for flt in (EventFilter(), EventFilter(date_from=dt.date(2016, 2, 10), date_to=dt.date(2016, 3, 5)),
                    EventFilter(country="SY")):
            for order in ("date", "-date", "fatalities"):
                whole = [ev.id for ev in st.events(flt, order=order)]
                assert whole, (flt, order)
                for limit, offset in ((7, 0), (7, 5), (100, 3), (5, len(whole) - 2)):
                    page = [ev.id for ev in st.events(flt, limit=limit, offset=offset, order=order)]
                    assert page == whole[offset:offset + limit], (flt, order, limit, offset)


def test_shared_reads_reuse_parsed_events_and_see_a_changed_event(url):
    from trucewatch.model import to_record

    with open_store(url) as st:
        fill(st, 6)
        with st.reading(shared=True):
            first = st.events(order="date")
        with st.reading(shared=True):
            again = st.events(order="date")
        plain = st.events(order="date")
        assert [to_record(e) for e in first] == [to_record(e) for e in plain]
        if st.backend == "duckdb":  # DuckDB hands records over as text: parsed once, then shared
            assert all(a is b for a, b in zip(first, again, strict=True))
        assert not any(a is b for a, b in zip(first, plain, strict=True))  # plain reads get their own objects
        changed = plain[0]
        changed.trigger = "changed trigger"
        changed.confidence = 0.123
        st.replace_events([], [changed])
        with st.reading(shared=True):
            now = st.event(changed.id)
        assert now is not None and now.trigger == "changed trigger"
        assert now.confidence == 0.123
