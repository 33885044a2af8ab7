"""Batched writes (``store.batch()``) and incremental judging, on DuckDB and a real PostgreSQL server."""

from __future__ import annotations

import dataclasses
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from pg import fresh_database, pg_server_url  # noqa: F401  (fixture)
from test_store import make_article, make_event, make_mention, one
from trucewatch import pipeline
from trucewatch.store import StoreError, open_store
from trucewatch.store.batch import BatchFailed

SRC = Path(__file__).resolve().parents[1] / "src"


@pytest.fixture(params=["duckdb", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "duckdb":
        return str(tmp_path / "store.duckdb")
    return fresh_database(request.getfixturevalue("pg_server_url"))


def _reports(n: int, day: int = 9) -> list:
    """n articles, each with two mentions of one clash (same place and day): one event per article."""
    out = []
    for i in range(1, n + 1):
        art = make_article(i, [f"Troops clashed with fighters near the town, outlet {i} said."], source=f"Wire {i}")
        out.append((art, [make_mention(art, 0, day=day), make_mention(art, 1, day=day)]))
    return out


def _snapshot(st) -> tuple:
    evs = sorted((e.id, tuple(e.mention_ids), tuple(e.article_ids)) for e in st.events())
    return st.stats(), evs


def test_a_batch_gives_the_same_store_as_writing_one_by_one(store_url: str, tmp_path: Path) -> None:
    reports = _reports(5)
    with open_store(store_url) as st:
        batch = st.batch()
        for art, ms in reports:
            pipeline._merge(batch, art, ms)
        assert st.stats()["articles"] == 0  # nothing written before the flush
        batch.flush()
        batched = _snapshot(st)
        assert st.check() == dict.fromkeys(st.check(), 0)
    with open_store(tmp_path / "one_by_one.duckdb") as other:
        for art, ms in _reports(5):
            pipeline._merge(other, art, ms)
        assert _snapshot(other) == batched
    stats, events = batched
    assert stats["articles"] == 5 and stats["mentions"] == 10
    # The five reports of one clash became one event inside the batch (dedup saw the held articles).
    assert len(events) == 1 and len(events[0][2]) == 5


def test_a_batch_sees_stored_events_and_replaces_them(store_url: str) -> None:
    with open_store(store_url) as st:
        first = _reports(1)[0]
        pipeline._merge(st, *first)
        stored = [e.id for e in st.events()]
        batch = st.batch()
        for art, ms in _reports(3)[1:]:
            pipeline._merge(batch, art, ms)
        batch.flush()
        evs = st.events()
        assert [e.id for e in evs] == stored and len(evs[0].article_ids) == 3
        assert batch.changed_event_ids() == set(stored)
        assert st.stats()["event_mentions"] == 6 and st.check() == dict.fromkeys(st.check(), 0)


def test_same_text_twice_and_id_clash_inside_a_batch(store_url: str) -> None:
    with open_store(store_url) as st:
        art, ms, evs = one(1)
        batch = st.batch()
        batch.write_article(art, ms, evs)
        batch.write_article(art, ms, evs)  # the same text again: nothing added
        clash = dataclasses.replace(art, text=art.text + " More.", hash="other-hash")
        with pytest.raises(StoreError, match="already stored"):
            batch.write_article(clash, ms, evs)
        batch.flush()
        assert st.stats()["articles"] == 1 and st.stats()["mentions"] == 1


def test_a_failing_batch_leaves_nothing_and_ingest_redoes_it_one_by_one(store_url: str) -> None:
    reports = []
    for i, (art, _ms) in enumerate(_reports(3)):  # three different days: three events
        reports.append((art, [make_mention(art, k, day=2 + 9 * i) for k in range(2)]))
    bad_art = reports[1][0]
    # A broken input: the second article carries a mention id of the first (the key must stay unique).
    reports[1] = (bad_art, [dataclasses.replace(reports[1][1][0], id=reports[0][1][0].id)])
    with open_store(store_url) as st:
        batch = st.batch()
        for art, ms in reports:
            pipeline._merge(batch, art, ms)
        with pytest.raises(BatchFailed):
            batch.flush()
        assert st.stats()["articles"] == 0 and st.stats()["events"] == 0
        stats = pipeline.RunStats()
        pipeline.store_batch(st, list(reports), stats)
        assert stats.articles == 2 and stats.skipped == 1 and stats.skips[0].article_id == bad_art.id
        assert st.article(bad_art.id) is None and st.stats()["articles"] == 2
        assert len(stats.changed_event_ids) == 2 == st.stats()["events"]
        assert st.check() == dict.fromkeys(st.check(), 0)


_BATCH_WRITER = textwrap.dedent("""
    import os, signal, sys
    sys.path[:0] = [{tests!r}, {src!r}]
    from test_store import make_article, make_mention, make_event
    from trucewatch.store import open_store
    from trucewatch.store.sql import SqlStore

    url, die_in = sys.argv[1], int(sys.argv[2])
    st = open_store(url)
    real = SqlStore._upsert_events

    def upsert(self, events):
        if any(e.id == f"ev{{die_in}}" for e in events):  # mid-transaction: mentions written, events not yet
            os.kill(os.getpid(), signal.SIGKILL)
        real(self, events)

    type(st)._upsert_events = upsert
    for first in range(1, 40, 4):
        batch = st.batch()
        for n in range(first, first + 4):
            art = make_article(n, [f"Troops clashed near the town in report {{n}}."] * 5)
            ms = [make_mention(art, k) for k in range(10)]
            batch.write_article(art, ms, [make_event(f"ev{{n}}", ms, ["Wire A"])])
        batch.flush()
        print(first + 3, flush=True)
""")


def test_killed_during_a_batch_leaves_whole_batches(store_url: str, tmp_path: Path) -> None:
    script = tmp_path / "writer.py"
    script.write_text(_BATCH_WRITER.format(tests=str(Path(__file__).parent), src=str(SRC)))
    proc = subprocess.run([sys.executable, str(script), store_url, "6"], capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    assert proc.stdout.split() == ["4"]
    with open_store(store_url) as st:
        assert st.check() == dict.fromkeys(st.check(), 0)
        stats = st.stats()
        assert stats["articles"] == 4 and stats["mentions"] == 40 and stats["events"] == 4
        assert st.article("art5") is None
        # Re-running the whole input afterwards completes the store without duplicating anything.
        for n in range(1, 9):
            art = make_article(n, [f"Troops clashed near the town in report {n}."] * 5)
            ms = [make_mention(art, k) for k in range(10)]
            batch = st.batch()
            batch.write_article(art, ms, [make_event(f"ev{n}", ms, ["Wire A"])])
            batch.flush()
        assert st.stats()["articles"] == 8 and st.stats()["mentions"] == 80 and st.stats()["events"] == 8


def test_judge_events_judges_only_what_it_is_given(tmp_path: Path) -> None:
    with open_store(tmp_path / "j.duckdb") as st:
        for n in (1, 2, 3):
            art, ms, evs = one(n, day=n)
            st.write_article(art, ms, evs)
        n_agreements = len(pipeline.all_agreements(st))
        assert n_agreements >= 1
        assert pipeline.judge_events(st, []) == 0 and st.violations() == []
        assert pipeline.judge_events(st, ["ev2", "ev2", "nope"]) == n_agreements
        assert {v.event_id for v in st.violations()} == {"ev2"}


def test_an_ingest_with_nothing_new_judges_nothing_and_skips_the_ceasefire_import(tmp_path: Path) -> None:
    code = textwrap.dedent(f"""
        import sys
        sys.path[:0] = [{str(Path(__file__).parent)!r}, {str(SRC)!r}]
        from test_store import one
        from trucewatch import pipeline
        from trucewatch.store import open_store
        st = open_store({str(tmp_path / 'n.duckdb')!r})
        art, ms, evs = one(1)
        st.write_article(art, ms, evs)
        stats = pipeline.run([art], st)
        print(stats.duplicates, pipeline.judge_events(st, stats.changed_event_ids),
              "trucewatch.ceasefire" in sys.modules)
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["1", "0", "False"]


def test_candidates_of_many_blocks_at_once_equal_those_of_each_block(store_url: str) -> None:
    import datetime as dt

    from test_store import _corpus

    d = dt.date
    blocks = [
        (d(2016, 4, 1), d(2016, 4, 3), {"SY"}, None),  # ev1 by country
        (d(2016, 4, 4), d(2016, 4, 10), set(), (38.5, 35.5, 39.5, 36.5)),  # ev2 by box only
        (d(2016, 4, 4), d(2016, 4, 10), {"TR"}, (179.0, 35.0, 44.0, 37.0)),  # box across the antimeridian
        (d(2016, 4, 19), d(2016, 4, 20), set(), None),  # dates only
        (d(2016, 4, 21), d(2016, 5, 30), {"SY", "IQ"}, None),  # nothing
        (d(2017, 1, 1), d(2017, 1, 9), {"IQ"}, None),  # far later: its own query
    ]
    with open_store(store_url) as st:
        _corpus(st)
        each = {ev.id for b in blocks for ev in st.candidate_events(*b)}
        assert each == {"ev1", "ev2", "ev3", "ev4"}
        assert [e.id for e in st.candidate_events_any(blocks)] == sorted(each)
        assert [e.id for e in st.candidate_events_any(blocks[4:])] == []
        # The Python test of a batch agrees with SQL, block by block.
        batch = st.batch()
        for b in blocks:
            batch.preload([], [b])
            assert [e.id for e in batch.candidate_events(*b)] == [e.id for e in st.candidate_events(*b)]
