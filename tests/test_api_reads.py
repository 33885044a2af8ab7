"""API reads without a global lock (issue 18): answered while a write is open, and never stale after one."""

from __future__ import annotations

import threading
import time

from fastapi.testclient import TestClient

from factories import fill
from trucewatch.api import create_app
from trucewatch.model import Violation, ViolationStatus
from trucewatch.store import open_store


def test_reads_are_answered_while_a_write_transaction_is_open(tmp_path):
    with open_store(str(tmp_path / "r.duckdb")) as st:
        fill(st, 12)
        inside, release = threading.Event(), threading.Event()

        def writer() -> None:
            with st._transaction():  # a long write, as merging a big article is
                st.save_violations([])
                inside.set()
                release.wait(60)

        t = threading.Thread(target=writer)
        t.start()
        try:
            assert inside.wait(30)
            with TestClient(create_app(st)) as client:
                started = time.monotonic()
                assert client.get("/api/health").json()["events"] == 12
                page = client.get("/api/events", params={"limit": 5})
                assert page.status_code == 200 and page.json()["total"] == 12
                assert len(page.json()["items"]) == 5
                assert time.monotonic() - started < 20  # before: waited for the write's lock
        finally:
            release.set()
            t.join(60)


def test_the_event_list_shows_what_changed_since_it_was_last_served(tmp_path):
    with open_store(str(tmp_path / "c.duckdb")) as st:
        fill(st, 8)
        with TestClient(create_app(st)) as client:
            params = {"limit": 8, "order": "date"}
            before = client.get("/api/events", params=params).json()["items"]
            assert client.get("/api/events", params=params).json()["items"] == before
            first = before[0]["event_id"]
            assert before[0]["judgements"] == []
            st.save_violations([Violation(event_id=first, agreement_id="test-truce",
                                          status=ViolationStatus.VIOLATION, reason="made up for the test")])
            ev = st.event(before[1]["event_id"])
            ev.trigger = "changed in the test"
            st.replace_events([], [ev])
            after = client.get("/api/events", params=params).json()["items"]
            assert [j["reason"] for j in after[0]["judgements"]] == ["made up for the test"]
            assert after[1]["trigger"] == "changed in the test"
            assert after[2:] == before[2:]
        with TestClient(create_app(st)) as fresh:  # a new server (nothing kept) serves the same page
            assert fresh.get("/api/events", params=params).json()["items"] == after
