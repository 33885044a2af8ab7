"""The Spark driver in local mode: the same extraction, merged across outlets by blocking key."""

from __future__ import annotations

import json
import shutil

import pytest

from conftest import require

pytestmark = pytest.mark.slow

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


def test_spark_local_run(tmp_path):
    require("java", shutil.which("java") is not None)
    pytest.importorskip("pyspark", reason="pyspark not installed (trucewatch[spark])")
    import pandas as pd

    from trucewatch.scale import spark

    src = tmp_path / "items.jsonl"
    src.write_text("\n".join(json.dumps(i) for i in ITEMS) + "\n{broken line\n")
    out = tmp_path / "events.parquet"
    n = spark.run([src], out, master="local[2]", partitions=2)
    df = pd.read_parquet(out)
    assert n == len(df) >= 2
    strikes = df[df["sub_event_type"] == "Air/drone strike"]
    assert len(strikes) == 1, df[["event_type", "sub_event_type", "location", "sources"]]
    assert set(strikes.iloc[0]["sources"].split("; ")) == {"Levant Wire", "Orontes Daily"}
    assert (df["event_type"] == "Protests").sum() == 1
