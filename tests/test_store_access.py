"""Reading a store while the server holds it, and the store's ``acled_events`` view."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from factories import fill, make_article
from trucewatch.model import Modality
from trucewatch.store import StoreError, open_store

REPO = Path(__file__).resolve().parents[1]


def _python(code: str) -> subprocess.CompletedProcess[str]:
    env = {"PYTHONPATH": str(REPO / "src"), "PATH": "/usr/bin:/bin"}
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=300)


@pytest.fixture()
def store_path(tmp_path: Path) -> Path:
    path = tmp_path / "events.duckdb"
    with open_store(path) as st:
        fill(st, 6)
        art, mentions, ev = make_article(50, published=dt.date(2016, 2, 3), source="Levant Wire")
        ev.modality = Modality.ANNOUNCED
        ev.id = "ev-announced"
        st.write_article(art, mentions, [ev])
    return path


def test_read_only_open_of_a_missing_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no store at"):
        open_store(tmp_path / "missing.duckdb", read_only=True)
    assert not (tmp_path / "missing.duckdb").exists()


def test_cli_and_notebooks_read_while_the_server_runs(store_path: Path) -> None:
    from fastapi.testclient import TestClient

    from trucewatch.api import create_app

    app = create_app(str(store_path))  # no token: writes disabled, the file opened read-only
    with TestClient(app) as client:
        assert client.get("/api/health").json()["events"] == 7
        # A notebook in another process.
        nb = _python(f"import duckdb; con = duckdb.connect({str(store_path)!r}, read_only=True); "
                     "print(con.execute('SELECT count(*) FROM events').fetchone()[0])")
        assert nb.returncode == 0, nb.stderr
        assert nb.stdout.strip() == "7"
        # The CLI in another process.
        cli = _python(f"from trucewatch.cli import main; import sys; sys.argv = ['trucewatch', 'events', "
                      f"'--store', {str(store_path)!r}, '--format', 'json']; main()")
        assert cli.returncode == 0, cli.stderr
        assert len(json.loads(cli.stdout)) == 7
        # A writer is refused with advice, and the server keeps serving.
        writer = _python(f"from trucewatch.store import open_store; open_store({str(store_path)!r})")
        assert writer.returncode != 0 and "open in another process" in writer.stderr
        assert client.get("/api/events?limit=3").status_code == 200


def test_acled_events_view(store_path: Path) -> None:
    import duckdb

    con = duckdb.connect(str(store_path), read_only=True)
    try:
        df = con.execute("SELECT * FROM acled_events ORDER BY event_date, event_uid").df()
    finally:
        con.close()
    assert len(df) == 6 and "ev-announced" not in set(df.event_uid)  # ACLED codes occurred and claimed only
    assert set(df.country) == {"Syria"} and set(df.iso) == {760} and set(df.iso2) == {"SY"}
    assert set(df.region) == {"Middle East"}
    assert df.source_urls.str.startswith("https://example.org/").all()
    assert df.article_ids.str.startswith("art").all()
    assert set(df.source) <= {"Levant Wire", "Orontes Daily"}
    assert (df.year == 2016).all() and df.fatalities.notna().all()
    assert set(df.disorder_type) == {"Political violence"}
    assert df.interaction.notna().all() and (df.interaction >= 10).all()
    assert str(df.event_date.dtype).startswith("datetime64")
