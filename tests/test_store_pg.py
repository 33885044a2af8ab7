"""What only the PostgreSQL store does: several writer processes, JSONB records, connection errors.

The shared behaviour of both backends is tested in test_store.py (parametrised over DuckDB and PostgreSQL).
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from pg import fresh_database, pg_server_url  # noqa: F401  (fixture)
from test_store import one
from trucewatch.store import StoreError, open_store

TESTS = Path(__file__).resolve().parent
SRC = TESTS.parent / "src"

_WRITER = textwrap.dedent("""
    import sys
    sys.path[:0] = [{tests!r}, {src!r}]
    from test_store import make_article, make_mention, make_event
    from trucewatch.store import open_store

    url, first = sys.argv[1], int(sys.argv[2])
    with open_store(url) as st:
        for n in range(first, first + 15):
            art = make_article(n, [f"Troops clashed near the town in report {{n}}."])
            ms = [make_mention(art, k) for k in range(5)]
            st.write_article(art, ms, [make_event(f"ev{{n}}", ms, ["Wire A"])])
""")


@pytest.fixture
def url(pg_server_url: str) -> str:  # noqa: F811
    return fresh_database(pg_server_url)


def test_two_writer_processes_at_once(url: str, tmp_path: Path) -> None:
    script = tmp_path / "writer.py"
    script.write_text(_WRITER.format(tests=str(TESTS), src=str(SRC)))
    procs = [subprocess.Popen([sys.executable, str(script), url, str(first)], stderr=subprocess.PIPE, text=True)
             for first in (1, 101, 201)]
    for p in procs:
        _, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
    with open_store(url) as st:
        stats = st.stats()
        assert stats["articles"] == 45 and stats["mentions"] == 225 and stats["events"] == 45
        assert st.check() == dict.fromkeys(st.check(), 0)


def test_two_stores_open_in_one_process_see_each_other(url: str) -> None:
    with open_store(url) as a, open_store(url) as b:
        art, mentions, events = one(1)
        a.write_article(art, mentions, events)
        assert b.has_article(art.hash) and b.event("ev1") == events[0]
        b.write_article(art, mentions, events)  # same article through the other connection: nothing added
        assert a.stats()["mentions"] == 1


def test_records_are_queryable_jsonb(url: str) -> None:
    import psycopg

    with open_store(url) as st:
        art, mentions, events = one(1)
        st.write_article(art, mentions, events)
    with psycopg.connect(url) as con:
        typ = con.execute("SELECT pg_typeof(record)::text FROM events").fetchone()[0]
        sub = con.execute("SELECT record->>'sub_event_type', record->'location'->'place'->>'name' FROM events")
        assert typ == "jsonb"
        assert sub.fetchone() == ("Armed clash", "Tell Kalb")


def test_unreachable_server_is_a_clear_error_without_the_password() -> None:
    with pytest.raises(StoreError, match="cannot connect") as info:
        open_store("postgresql://someone:s3cret@127.0.0.1:1/nowhere?connect_timeout=2")
    assert "s3cret" not in str(info.value) and "someone:***@" in str(info.value)
