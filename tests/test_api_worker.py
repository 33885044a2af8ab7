"""Extraction of POSTed articles in a worker process (issue 18): the same result as in the server, and a worker
that dies or hangs becomes a recorded skip with the cause, not a hung request or a dead server."""

from __future__ import annotations

import copy
import datetime as dt
import os
import signal
import threading
import time
from dataclasses import replace

import pytest
from fastapi.testclient import TestClient

from factories import fill
from synthetic import one_paragraph
from trucewatch import ingest
from trucewatch.api import create_app
from trucewatch.api.worker import Extractor, extract_one
from trucewatch.config import settings, use
from trucewatch.model import Skip, to_record
from trucewatch.store import open_store

TOKEN = "worker-test-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
# Made up for this test.
TEXT = ("Army troops shelled the northern outskirts of Idlib on Tuesday, killing four civilians, a local monitor "
        "said. Rebel fighters later ambushed a supply convoy near Hama, and two soldiers were wounded.")


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    st = open_store(str(tmp_path_factory.mktemp("worker") / "w.duckdb"))
    fill(st, 5)  # stored events no POST touches: they must not be judged again
    app = create_app(st, token=TOKEN)
    with TestClient(app) as client:
        yield client, app.state.extractor, st
    st.close()


def _post(client, text: str, published: str = "2016-04-12") -> dict:
    r = client.post("/api/articles", json={"text": text, "published": published}, headers=AUTH)
    assert r.status_code == 201, r.text
    return r.json()


def test_the_api_extracts_in_a_worker_process_with_the_same_result_as_in_process(served):
    client, extractor, st = served
    assert extractor.process
    out = _post(client, TEXT)
    assert out["skipped"] is None and out["mentions"] >= 2 and out["events_new"] >= 1
    assert extractor.pid is not None and extractor.pid != os.getpid()
    article = ingest.from_text(TEXT + " Police detained three men in Homs on Wednesday.",
                               published=dt.date(2016, 4, 12), origin="api")
    in_worker = extractor.extract(copy.deepcopy(article))
    in_process = extract_one(copy.deepcopy(article))
    assert not isinstance(in_worker, Skip) and not isinstance(in_process, Skip)
    assert [to_record(m) for m in in_worker[1]] == [to_record(m) for m in in_process[1]]
    assert [to_record(e) for e in in_worker[2]] == [to_record(e) for e in in_process[2]]
    assert to_record(in_worker[0]) == to_record(in_process[0])  # segments and notes too
    stored = st.mentions(article_id=out["article_id"])
    assert len(stored) == out["mentions"]
    touched = {ev.id for ev in st.events() if out["article_id"] in ev.article_ids}
    judged = {v.event_id for v in st.violations()}
    assert touched and judged == touched  # the POST judged its own events only


def _wait_for(check, seconds: float = 60) -> None:
    end = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < end, "timed out"
        time.sleep(0.05)


def test_a_killed_worker_is_a_recorded_skip_and_the_next_article_gets_a_new_worker(served):
    client, extractor, st = served
    _post(client, "Police detained two men in Homs on Monday after a protest, a spokesman said.")
    pid = extractor.pid
    assert pid is not None
    result: dict = {}
    long_text = one_paragraph(40_000, seed=21)
    poster = threading.Thread(target=lambda: result.update(_post(client, long_text)))
    poster.start()
    time.sleep(1.0)  # the article is in the worker now (40k characters take it several seconds)
    os.kill(pid, signal.SIGKILL)
    poster.join(120)
    assert not poster.is_alive(), "the request hung after the worker died"
    assert result["skipped"] and "died" in result["skipped"] and "SIGKILL" in result["skipped"]
    assert any(s.article_id == result["article_id"] and "died" in s.reason for s in st.skips())
    assert client.get("/api/health").status_code == 200
    again = _post(client, "Unidentified gunmen attacked a checkpoint in Daraa on Friday, killing a guard.")
    assert again["skipped"] is None and again["mentions"] >= 1
    assert extractor.pid not in (None, pid)


def test_a_stuck_worker_is_stopped_after_the_budget_and_the_grace(served):
    client, extractor, st = served
    _post(client, "Kurdish fighters clashed with militants near Raqqa on Sunday, a monitor said.")
    pid = extractor.pid
    os.kill(pid, signal.SIGSTOP)  # the worker stops answering, as one stuck in native code would
    try:
        with use(replace(settings(), article_seconds=1.0, api_worker_grace=1.0)):
            started = time.monotonic()
            out = _post(client, "Army troops raided a village near Latakia on Saturday, detaining five men.")
            took = time.monotonic() - started
    finally:
        if extractor.pid == pid:
            os.kill(pid, signal.SIGCONT)
    assert out["skipped"] and "no result after 2 s" in out["skipped"]
    assert took < 30
    _wait_for(lambda: not os.path.exists(f"/proc/{pid}") or open(f"/proc/{pid}/stat").read().split()[2] == "Z")
    assert extractor.pid is None  # forgotten: the next article starts a fresh one


def test_the_worker_takes_the_settings_of_the_server():
    """A worker runs under the server's settings (here a tiny time budget): an article over it is a skip."""
    article = ingest.from_text(one_paragraph(20_000, seed=3), published=dt.date(2016, 4, 12), origin="api")
    extractor = Extractor(process=True)
    try:
        with use(replace(settings(), article_seconds=0.05)):
            out = extractor.extract(article)
    finally:
        extractor.close()
    assert isinstance(out, Skip)
    assert "time budget" in out.reason and out.stage == "extract"
    assert extractor.pid is None


def test_the_worker_can_be_switched_off(tmp_path):
    with use(replace(settings(), api_worker=False)):
        app = create_app(str(tmp_path / "t.duckdb"), token=TOKEN)
        with TestClient(app) as client:
            out = _post(client, TEXT)
            assert out["skipped"] is None and out["mentions"] >= 2
            assert app.state.extractor.pid is None  # extracted in the server's own thread
