"""``trucewatch spark`` on a real standalone Spark cluster (a master and a worker started on loopback here):
the same events, with the same ids and fields, as ``trucewatch ingest`` of the same inputs."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest

from conftest import DEMO, require

pytestmark = pytest.mark.slow

# Written for this test: two outlets on one air strike, a protest, the same text twice, a line that is not JSON.
ITEMS = [
    {"id": "a1", "source": "Levant Wire", "published": "2016-03-08", "title": "Strikes on Maarat",
     "text": "Government warplanes bombed a market in Maarat al-Numan in Idlib province on Monday, "
             "killing 14 civilians, a monitoring group said."},
    {"id": "a2", "source": "Orontes Daily", "published": "2016-03-08", "title": "Market hit",
     "text": "At least 14 civilians were killed on Monday when Syrian army jets struck a market in "
             "Maarat al-Numan, in Idlib province, residents said."},
    {"id": "a3", "source": "North Desk News", "published": "2016-03-20", "title": "Protest in Daraa",
     "text": "Hundreds of residents protested peacefully in Daraa on Saturday against the siege."},
]


def _java_home() -> str | None:
    for cand in (os.environ.get("JAVA_HOME"), "/usr/lib/jvm/java-17-openjdk-amd64"):
        if cand and (Path(cand) / "bin" / "java").exists():
            return cand
    java = shutil.which("java")
    return str(Path(java).resolve().parents[1]) if java else None


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(log: Path, text: str, proc: subprocess.Popen, seconds: float = 120) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if log.exists() and text in log.read_text(errors="replace"):
            return
        if proc.poll() is not None:
            break
        time.sleep(0.5)
    pytest.fail(f"Spark did not start ({text!r} not in {log}):\n{log.read_text(errors='replace')[-3000:]}")


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """spark://127.0.0.1:PORT with one worker of 2 cores; stopped at the end."""
    java_home = _java_home()
    require("java", java_home is not None)
    pyspark = pytest.importorskip("pyspark", reason="pyspark not installed (trucewatch[spark])")
    home = Path(pyspark.__file__).parent
    tmp = tmp_path_factory.mktemp("cluster")
    env = {**os.environ, "JAVA_HOME": java_home, "SPARK_HOME": str(home), "SPARK_LOCAL_IP": "127.0.0.1",
           "SPARK_LOG_DIR": str(tmp), "SPARK_WORKER_DIR": str(tmp / "work")}
    port = _port()
    url = f"spark://127.0.0.1:{port}"
    cls = str(home / "bin" / "spark-class")
    procs: list[subprocess.Popen] = []
    try:
        with (tmp / "master.log").open("w") as log:
            procs.append(subprocess.Popen(
                [cls, "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port", str(port),
                 "--webui-port", str(_port())], env=env, stdout=log, stderr=subprocess.STDOUT))
        _wait(tmp / "master.log", "I have been elected leader", procs[0])
        with (tmp / "worker.log").open("w") as log:
            procs.append(subprocess.Popen(
                [cls, "org.apache.spark.deploy.worker.Worker", url, "--host", "127.0.0.1", "--cores", "2",
                 "--memory", "3g", "--webui-port", str(_port()), "--work-dir", str(tmp / "work")],
                env=env, stdout=log, stderr=subprocess.STDOUT))
        _wait(tmp / "worker.log", "Successfully registered with master", procs[1])
        yield url, tmp / "work"
    finally:
        for p in reversed(procs):
            p.terminate()
        for p in reversed(procs):
            try:
                p.wait(timeout=30)
            except subprocess.TimeoutExpired:
                p.kill()


def test_spark_cluster_gives_the_events_of_ingest(cluster, tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from trucewatch import ingest, pipeline
    from trucewatch.cli import app
    from trucewatch.model import Article, to_record
    from trucewatch.store import open_store

    url, work = cluster
    monkeypatch.setenv("SPARK_LOCAL_IP", "127.0.0.1")
    items = tmp_path / "items.jsonl"
    items.write_text("\n".join(json.dumps(i) for i in [*ITEMS, ITEMS[0]]) + "\n{not json\n")
    inputs = [DEMO, items]

    with open_store(tmp_path / "ingest.duckdb") as st:
        stats = pipeline.run(ingest.read_paths(inputs), st)
        expected = {ev.id: to_record(ev) for ev in st.events()}

    out = tmp_path / "run"
    store = tmp_path / "spark.duckdb"
    res = CliRunner().invoke(app, ["spark", *map(str, inputs), "--out", str(out), "--master", url,
                                   "--partitions", "3", "--store", str(store)])
    assert res.exit_code == 0, res.output
    assert f"{stats.duplicates} duplicate(s)" in res.output and f"{len(expected)} event(s)" in res.output
    assert list(work.glob("app-*/*/stderr")), "no executor ran on the cluster's worker"

    import pyarrow.parquet as pq

    rows = pq.read_table(out / "events").to_pylist()
    got = {r["event_id"]: json.loads(r["record"]) for r in rows}
    assert set(got) == set(expected)
    assert got == expected
    pair = [it.id for it in ingest.read_paths([items]) if isinstance(it, Article)][:2]
    strikes = [r for r in rows if all(a in r["article_ids"] for a in pair)]  # merged across the two outlets
    assert len(strikes) == 1 and strikes[0]["sub_event_type"] == "Air/drone strike"

    with open_store(store, read_only=True) as st:
        assert {ev.id: to_record(ev) for ev in st.events()} == expected
        assert st.stats()["articles"] == stats.articles
        assert len(st.skips()) == stats.skipped >= 1
        assert st.violations()  # judged, so the monitor and API serve them as after ingest
