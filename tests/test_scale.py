"""Scale-out without Spark: dedup groups, merging group by group, and loading a run's output folder."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from conftest import DEMO
from pg import fresh_database, pg_server_url  # noqa: F401  (fixture)
from trucewatch import dedup, ingest, pipeline
from trucewatch.model import Skip, to_record
from trucewatch.scale import groups, local
from trucewatch.store import open_store

D = dt.date

# Written for these tests: two outlets on one air strike, a protest, a clash in another country on the same
# days, a report of no place, the same text twice, and a line that is not JSON.
ITEMS = [
    {"id": "s1", "source": "Levant Wire", "published": "2016-03-08", "title": "Strikes on Maarat",
     "text": "Government warplanes bombed a market in Maarat al-Numan in Idlib province on Monday, "
             "killing 14 civilians, a monitoring group said."},
    {"id": "s2", "source": "Orontes Daily", "published": "2016-03-08", "title": "Market hit",
     "text": "At least 14 civilians were killed on Monday when Syrian army jets struck a market in "
             "Maarat al-Numan, in Idlib province, residents said."},
    {"id": "s3", "source": "North Desk News", "published": "2016-03-20", "title": "Protest in Daraa",
     "text": "Hundreds of residents protested peacefully in Daraa on Saturday against the siege."},
    {"id": "y1", "source": "Gulf Courier", "published": "2016-03-09", "title": "Clashes near Taiz",
     "text": "Houthi fighters and government forces clashed on Tuesday near Taiz in Yemen, leaving six "
             "fighters dead, local officials said."},
    {"id": "y2", "source": "Aden Morning", "published": "2016-03-09", "title": "Taiz fighting",
     "text": "Six fighters were killed on Tuesday in clashes between Houthi rebels and government forces "
             "near the city of Taiz, officials said."},
    {"id": "u1", "source": "Wire Digest", "published": "2016-03-10", "title": "Gunmen attack",
     "text": "Gunmen opened fire on a checkpoint on Wednesday, killing two soldiers, the army said."},
    {"id": "s1-copy", "source": "Levant Wire", "published": "2016-03-08", "title": "Strikes on Maarat",
     "text": "Government warplanes bombed a market in Maarat al-Numan in Idlib province on Monday, "
             "killing 14 civilians, a monitoring group said."},
]


@pytest.fixture(scope="module")
def items_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("scale") / "items.jsonl"
    path.write_text("\n".join(json.dumps(i) for i in ITEMS) + "\n{not json\n")
    return path


def test_components_link_overlapping_windows_of_one_country():
    prints = {
        1: [("SY", D(2016, 3, 1), D(2016, 3, 15))],
        2: [("SY", D(2016, 3, 10), D(2016, 3, 20))],
        3: [("SY", D(2016, 3, 18), D(2016, 3, 30))],  # reaches 1 only through 2
        4: [("YE", D(2016, 3, 1), D(2016, 3, 30))],  # same days, other country
        5: [("SY", D(2016, 5, 1), D(2016, 5, 9))],  # same country, later
        6: [],  # no dated event
    }
    got = groups.components(prints)
    assert got[1] == got[2] == got[3] == 1
    assert len({got[1], got[4], got[5], got[6]}) == 4


def test_components_event_without_country_links_every_country_of_its_days():
    prints = {
        1: [("SY", D(2016, 3, 1), D(2016, 3, 15))],
        2: [("YE", D(2016, 3, 1), D(2016, 3, 15))],
        3: [(None, D(2016, 3, 14), D(2016, 3, 16))],
        4: [("IQ", D(2016, 3, 20), D(2016, 3, 25))],
        5: [(None, D(2016, 4, 1), D(2016, 4, 2))],
    }
    got = groups.components(prints)
    assert got[1] == got[2] == got[3]
    assert got[4] != got[1] and got[5] not in (got[1], got[4])


def test_bins_keep_groups_whole_and_balance_them():
    found = {1: 1, 2: 1, 3: 1, 4: 4, 5: 5, 6: 5}
    where = groups.bins(found, 2)
    assert where[1] == where[2] == where[3] and where[5] == where[6]
    assert where[4] == where[5] != where[1]  # 3 articles in one bin, 3 in the other


def _ingest_events(paths):
    with open_store(":memory:") as st:
        stats = pipeline.run(ingest.read_paths(paths), st)
        return stats, {ev.id: to_record(ev) for ev in st.events()}


def _grouped_events(paths, bins=3):
    """The Spark plan in one process: extract, group by footprint, merge each bin on its own."""
    items = [it for it in ingest.read_paths(paths)]
    seen: set[str] = set()
    fresh = []
    for seq, it in enumerate(items):
        if isinstance(it, Skip) or it.hash not in seen:
            fresh.append((seq, it))
            seen |= {it.hash} if not isinstance(it, Skip) else set()
    by_id = {it.id: seq for seq, it in fresh if not isinstance(it, Skip)}
    outputs: dict[int, object] = {seq: it for seq, it in fresh if isinstance(it, Skip)}
    prints: dict[int, list] = {seq: [] for seq in outputs}
    for out in pipeline.extract([it for _s, it in fresh if not isinstance(it, Skip)]):
        if isinstance(out, Skip):
            outputs[by_id[out.article_id]] = out
            prints[by_id[out.article_id]] = []
            continue
        seq = by_id[out[0].id]
        outputs[seq] = out
        prints[seq] = groups.footprint(dedup.within_article(out[1], source=out[0].source))
    where = groups.bins(groups.components(prints), bins)
    events: dict[str, dict] = {}
    rows: list[tuple[str, int, object]] = []
    for b in set(where.values()):
        for kind, seq, obj in local.merge_group((s, o) for s, o in outputs.items() if where[s] == b):
            rows.append((kind, seq, obj))
            if kind == "event":
                assert obj.id not in events, "an event came out of two bins"
                events[obj.id] = to_record(obj)
    return events, rows, prints


def test_groups_merged_apart_give_the_events_of_one_ingest(items_file):
    stats, expected = _ingest_events([items_file])
    got, rows, prints = _grouped_events([items_file])
    assert stats.duplicates == 1 and stats.skipped == 1
    assert got == expected
    strikes = [e for e in got.values() if e["sub_event_type"] == "Air/drone strike"]
    assert len(strikes) == 1 and set(strikes[0]["sources"]) == {"Levant Wire", "Orontes Daily"}
    assert sum(1 for k, _s, _o in rows if k == "skip") == 1
    assert len({c for fps in prints.values() for c, _f, _l in fps}) >= 2  # more than one country


def test_groups_merged_apart_on_the_demo_corpus():
    _stats, expected = _ingest_events([DEMO])
    got, _rows, prints = _grouped_events([DEMO], bins=4)
    assert len(set(groups.components(prints).values())) > 1
    assert got == expected


@pytest.fixture(params=["duckdb", "postgresql"])
def store_url(request, tmp_path):
    if request.param == "duckdb":
        return str(tmp_path / "store.duckdb")
    return fresh_database(request.getfixturevalue("pg_server_url"))


def test_load_writes_the_output_folder_into_a_store(items_file, tmp_path, store_url):
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    _stats, expected = _ingest_events([items_file])
    _got, rows, _prints = _grouped_events([items_file])
    tables = {"articles": [local.article_row(s, *o) for k, s, o in rows if k == "article"],
              "skips": [local.skip_row(s, o) for k, s, o in rows if k == "skip"],
              "events": [{"record": json.dumps(to_record(o))} for k, _s, o in rows if k == "event"]}
    for name, table in tables.items():
        (tmp_path / name).mkdir()
        pq.write_table(pa.Table.from_pylist(table), tmp_path / name / "part-0.parquet")
    with open_store(store_url) as st:
        stats = local.load(tmp_path, st)
        assert {ev.id: to_record(ev) for ev in st.events()} == expected
        assert st.stats()["articles"] == 6 and len(st.skips()) == 1
        assert len(st.violations()) == stats.events_new * len(pipeline.all_agreements(st))
        # Loading again into the now filled store goes through ingest's store path: nothing new.
        again = local.load(tmp_path, st)
        assert again.duplicates == 6 and again.articles == 0
        assert {ev.id: to_record(ev) for ev in st.events()} == expected


def test_ingest_with_two_workers_gives_the_events_of_one(items_file):
    """Extraction and within-article grouping in 2 worker processes, several small batches in flight, this
    process the only writer: the same events and counts as one process."""
    runs = []
    for workers in (1, 2):
        with open_store(":memory:") as st:
            stats = pipeline.run(ingest.read_paths([DEMO, items_file]), st, workers=workers, batch_size=4)
            runs.append(((stats.articles, stats.duplicates, stats.skipped, stats.events_new, stats.events_merged),
                         {ev.id: to_record(ev) for ev in st.events()}, sorted(stats.changed_event_ids)))
    assert runs[0] == runs[1]
    assert runs[0][0][1] == 1 and runs[0][0][2] == 1 and runs[0][0][4] >= 1
