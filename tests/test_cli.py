"""The command line end to end: ingest a mixed batch with bad inputs, list, show, export, re-ingest."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from trucewatch.cli import app

GOOD = """Air strikes hit market in Idlib

IDLIB, Syria, March 14 (Levant Wire) - Syrian government warplanes struck a crowded market in the city of
Idlib on Sunday, killing at least 12 civilians and wounding dozens more, a monitoring group said.
"""


@pytest.fixture()
def batch(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "good.txt").write_text(GOOD)
    (d / "good.json").write_text(json.dumps({"source": "Levant Wire", "published": "2016-03-14",
                                             "url": "https://example.org/good"}))
    (d / "empty.txt").write_text("")
    (d / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 200)
    (d / "broken.html").write_text("<html><body><div><p>unclosed <b>tags <script>x</script>")
    (d / "items.jsonl").write_text(
        json.dumps({"id": "j1", "source": "Orontes Daily", "published": "2016-03-15", "title": "Clashes",
                    "text": "Rebels and government forces clashed near Aleppo on Monday, leaving 5 fighters dead."})
        + "\n{not json\n"
    )
    (d / "nodate.txt").write_text("Protest in Homs\n\nHundreds of residents protested peacefully in Homs.\n")
    return d


def test_batch_with_bad_inputs_goes_on(batch, tmp_path):
    runner = CliRunner()
    db = str(tmp_path / "t.duckdb")
    r = runner.invoke(app, ["ingest", str(batch), "--store", db, "--quiet"])
    assert r.exit_code == 0, r.output
    out = r.output
    assert "skipped" in out
    for name in ("empty.txt", "binary.txt", "items.jsonl"):
        assert name in out, out  # each bad input named with its reason
    ev = runner.invoke(app, ["events", "--store", db, "--format", "json"])
    assert ev.exit_code == 0
    events = json.loads(ev.stdout)
    assert len(events) >= 2  # the good text and the good JSONL line were processed
    again = runner.invoke(app, ["ingest", str(batch), "--store", db, "--quiet"])
    assert "0 new article(s)" in again.output
    ev2 = json.loads(runner.invoke(app, ["events", "--store", db, "--format", "json"]).stdout)
    assert len(ev2) == len(events)


def test_show_export_and_skips(batch, tmp_path):
    runner = CliRunner()
    db = str(tmp_path / "t.duckdb")
    runner.invoke(app, ["ingest", str(batch / "good.txt"), "--store", db, "--quiet"])
    events = json.loads(runner.invoke(app, ["events", "--store", db, "--format", "json"]).stdout)
    eid = events[0]["id"]
    shown = runner.invoke(app, ["show", eid, "--store", db])
    assert shown.exit_code == 0 and "Idlib" in shown.output
    out = tmp_path / "e.geojson"
    r = runner.invoke(app, ["export", "--format", "geojson", "--out", str(out), "--store", db])
    assert r.exit_code == 0
    assert json.loads(out.read_text())["type"] == "FeatureCollection"
    assert runner.invoke(app, ["show", "no-such-event", "--store", db]).exit_code != 0
    assert runner.invoke(app, ["export", "--format", "xls", "--store", db]).exit_code != 0


def test_python_api_returns_pandas_friendly_records():
    import pandas as pd

    import trucewatch

    df = pd.DataFrame(trucewatch.extract(GOOD, published="2016-03-14", source="Levant Wire"))
    assert len(df) >= 1
    row = df[df["event_type"] == "Explosions/Remote violence"].iloc[0]
    assert row["sub_event_type"] == "Air/drone strike"
    assert row["country"] == "SY"
    assert row["event_date"] == "2016-03-13"  # "on Sunday" before Monday 14 March
    assert row["fatalities"] == 12
    with pytest.raises(ValueError):
        trucewatch.extract(GOOD, published="2016-02-30")


def test_a_doer_believed_to_be_of_a_country_is_actor1() -> None:
    import trucewatch

    text = (
        "Jets strike village near Afrin\n\n"
        "Warplanes believed to be Turkish bombed the village of Kfar Nun near Afrin on Sunday, killing four civilians."
    )
    (rec,) = trucewatch.extract(text, published="2018-02-05", source="Test Wire")
    assert rec["sub_event_type"] == "Air/drone strike"
    assert rec["actor1"] == "Military Forces of Turkey"
    assert rec["fatalities"] == 4


def test_a_target_hung_on_the_agent_is_still_the_target() -> None:
    import trucewatch

    # The parser attaches "on the rebel-held village" to "helicopters"; the village is what was bombed.
    text = "Barrel bombs were dropped by government helicopters on the opposition-held town of Tell Hamra on Monday."
    (rec,) = trucewatch.extract(text, published="2016-03-02", source="Test Wire")
    assert rec["actor1"] == "Military Forces of Syria"
    assert rec["actor2"] == "Opposition Rebels (Syria)"
