"""trucewatch import ucdp|acled: dataset rows become judged events; the UCDP 2016 series through the monitor."""

from __future__ import annotations

import csv
import importlib.util
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from trucewatch.cli import app
from trucewatch.model import Modality, ViolationStatus
from trucewatch.store import open_store

REPO = Path(__file__).resolve().parents[1]

UCDP_COLS = [
    "id", "year", "type_of_violence", "side_a", "side_b", "country", "adm_1", "adm_2", "where_coordinates",
    "latitude", "longitude", "date_start", "date_end", "date_prec", "where_prec", "best", "low", "high",
    "source_office",
]
# Invented rows in GED's layout (not taken from the dataset).
UCDP_ROWS = [
    ["9001", "2016", "1", "Government of Syria", "Syrian insurgents", "Syria", "Daraa Governorate", "", "Town A",
     "32.62", "36.10", "2016-03-10", "2016-03-10", "1", "1", "4", "3", "6", "Agency X"],
    ["9002", "2016", "1", "Government of Syria", "IS", "Syria", "Homs Governorate", "", "Town B",
     "34.55", "38.28", "2016-03-11", "2016-03-12", "2", "2", "9", "9", "12", ""],
    ["9003", "2016", "3", "IS", "Civilians", "Syria", "Deir Ez-Zor Governorate", "", "Town C",
     "35.33", "40.14", "2016-03-12", "2016-03-12", "1", "1", "2", "2", "2", ""],
    ["9004", "2016", "2", "Ahrar al-Sham, Jabhat Fateh al-Sham", "Government of Syria", "Syria",
     "Hama Governorate", "", "Town D", "35.13", "36.75", "2016-03-13", "2016-03-13", "1", "1", "1", "1", "1", ""],
    ["9005", "2016", "3", "Government of Syria", "Civilians", "Syria", "Rif Dimashq Governorate", "", "Town E",
     "33.57", "36.40", "2016-03-14", "2016-03-14", "1", "1", "5", "5", "5", ""],
    ["9006", "2016", "1", "Government of Syria", "Syrian insurgents", "Syria", "", "", "Town F",
     "33.5", "36.3", "14/03/2016", "2016-03-14", "1", "1", "0", "0", "0", ""],  # bad date: skipped
]

ACLED_COLS = [
    "event_id_cnty", "event_date", "event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2",
    "assoc_actor_2", "inter2", "country", "admin1", "admin2", "location", "latitude", "longitude", "geo_precision",
    "source", "fatalities", "time_precision",
]
ACLED_ROWS = [
    ["SYR100", "15 March 2016", "Explosions/Remote violence", "Air/drone strike", "Military Forces of Syria (2000-)",
     "", "1", "Civilians (Syria)", "", "7", "Syria", "Rif Dimashq", "", "Town E", "33.57", "36.40", "1",
     "Outlet Y", "3", "1"],
    ["SYR101", "2016-03-16", "Battles", "Armed clash", "Islamic State (Syria)", "", "2",
     "Military Forces of Syria (2000-)", "", "1", "Syria", "Homs", "", "Town B", "34.55", "38.28", "2", "Outlet Z",
     "7", "1"],
    ["SYR102", "2016-03-16", "Battles", "Air/drone strike", "Military Forces of Syria (2000-)", "", "1", "", "", "",
     "Syria", "Homs", "", "Town B", "34.55", "38.28", "2", "", "0", "1"],  # sub-type of another type: skipped
]


def _csv(path: Path, cols: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(cols)
        w.writerows(rows)
    return path


def test_import_ucdp_judged_and_idempotent(tmp_path):
    src = _csv(tmp_path / "ged.csv", UCDP_COLS, UCDP_ROWS)
    db = str(tmp_path / "t.duckdb")
    runner = CliRunner()
    r = runner.invoke(app, ["import", "ucdp", str(src), "--store", db])
    assert r.exit_code == 0, r.output
    assert "5 event(s) read" in r.stdout and "5 new" in r.stdout and "1 row(s) skipped" in r.stdout
    again = runner.invoke(app, ["import", "ucdp", str(src), "--store", db])
    assert again.exit_code == 0 and "0 new, 5 replaced" in again.stdout, again.output
    with open_store(db) as st:
        assert st.count_events() == 5
        ev = st.event("ucdp-ged:9001")
        assert ev is not None and ev.modality == Modality.OCCURRED and ev.sources == ["UCDP GED"]
        assert ev.actor1.actor_id == "syria-military" and ev.actor2.actor_id == "syria-opposition"
        assert ev.fatalities == 4 and ev.counts[0].low == 3 and ev.counts[0].high == 6
        assert ev.location.place.country == "SY" and ev.location.geo_precision == 1
        assert any(e.method == "import:ucdp-ged" and "9001" in e.text for e in ev.evidence)
        span = st.event("ucdp-ged:9002")
        assert span.date.first.isoformat() == "2016-03-11" and span.date.last.isoformat() == "2016-03-12"
        mixed = st.event("ucdp-ged:9004")
        assert mixed.actor1.actor_id == "ahrar-al-sham" and mixed.assoc_actor1[0].actor_id == "nusra"
        verdicts = {v.event_id: v for v in st.violations("syria-coh-2016")}
        assert any("9006" in s.origin or "14/03/2016" in s.reason for s in st.skips())
    assert verdicts["ucdp-ged:9001"].status == ViolationStatus.VIOLATION
    assert verdicts["ucdp-ged:9005"].status == ViolationStatus.VIOLATION
    assert verdicts["ucdp-ged:9005"].against == "civilians"
    # Islamic State and Nusra are outside the agreement: their fights are not violations
    assert verdicts["ucdp-ged:9002"].status == ViolationStatus.NOT_VIOLATION
    assert verdicts["ucdp-ged:9003"].status == ViolationStatus.NOT_VIOLATION
    assert verdicts["ucdp-ged:9004"].status == ViolationStatus.CONTESTED


def test_import_acled_and_errors(tmp_path):
    src = _csv(tmp_path / "acled.csv", ACLED_COLS, ACLED_ROWS)
    db = str(tmp_path / "a.duckdb")
    runner = CliRunner()
    r = runner.invoke(app, ["import", "acled", str(src), "--store", db])
    assert r.exit_code == 0 and "2 event(s) read" in r.stdout and "1 row(s) skipped" in r.stdout, r.output
    with open_store(db) as st:
        ev = st.event("acled:SYR100")
        assert ev.date.first.isoformat() == "2016-03-15" and ev.sub_event_type == "Air/drone strike"
        assert ev.actor1.actor_id == "syria-military" and ev.actor2.side == "civilian"
        assert "ACLED" in ev.sources and "Outlet Y" in ev.sources and ev.fatalities == 3
        assert st.event("acled:SYR101").actor1.actor_id == "isis-sy"  # the Syrian branch of Islamic State
        verdicts = {v.event_id: v.status for v in st.violations("syria-coh-2016")}
    assert verdicts == {"acled:SYR100": ViolationStatus.VIOLATION, "acled:SYR101": ViolationStatus.NOT_VIOLATION}
    # a UCDP file given as ACLED, and a missing file: clear errors, nothing written
    wrong = runner.invoke(app, ["import", "acled", str(_csv(tmp_path / "g.csv", UCDP_COLS, UCDP_ROWS[:1])),
                                "--store", db])
    assert wrong.exit_code == 1 and "not a ACLED CSV file: missing column(s)" in wrong.output
    missing = runner.invoke(app, ["import", "ucdp", str(tmp_path / "nope.csv"), "--store", db])
    assert missing.exit_code == 1 and "no such file" in missing.output


@pytest.fixture(scope="module")
def ucdp_run(shared_dir):
    path = shared_dir / "eval" / "ucdp-ged" / "syria-2016-2019.csv"
    if not path.exists():
        pytest.skip("UCDP GED file absent")
    spec = importlib.util.spec_from_file_location("ucdp_truce", REPO / "benchmarks" / "ucdp_truce.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules["ucdp_truce"] = mod
    spec.loader.exec_module(mod)
    return mod.run(path)


def test_ucdp_2016_truce_strains_in_april(ucdp_run):
    r = ucdp_run
    assert r["skipped"] == 0 and r["imported"] == r["rows_2016_h1"] > 2000 and r["reimport_added"] == 0
    assert r["baseline"]["violations"] >= 30  # enough before the start for an informative rate
    assert "holding" in r["march_statuses"] and not {"strained", "collapsing"} & set(r["march_statuses"])
    april = r["first_strained_in_april"]
    assert april is not None and "2016-04-01" <= april <= "2016-04-30", r["status_changes"]
    assert r["first_collapsing"] is not None and r["first_collapsing"].startswith("2016-04")
    assert r["status_on_2016_04_16"] in ("strained", "collapsing"), r["why_on_2016_04_16"]
    assert "95% CI" in r["why_on_2016_04_16"]


def test_ucdp_is_and_nusra_are_not_violations(ucdp_run):
    assert ucdp_run["excluded_group_events"] > 100
    assert ucdp_run["excluded_counted_as_violations"] == 0, ucdp_run["excluded_group_judgements"]


def test_api_monitor_says_why(tmp_path):
    from fastapi.testclient import TestClient

    from trucewatch import actors, importers
    from trucewatch.api import create_app

    events, skips = importers.read_ucdp(_csv(tmp_path / "ged.csv", UCDP_COLS, UCDP_ROWS), actors.load_dictionary())
    st = open_store(str(tmp_path / "api.duckdb"))
    importers.write(st, events, skips)
    with TestClient(create_app(st)) as c:
        doc = c.get("/api/agreements/syria-coh-2016", params={"as_of": "2016-03-14"}).json()
    st.close()
    assert doc["status"] == "insufficient data"  # two violations in the week, none before the start
    overall = next(a for a in doc["areas"] if a["area"] == "all areas")
    assert overall["status"] == "insufficient data" and "95% CI" in overall["detail"], overall
    assert "why: 7-day count 2" in doc["text"]
