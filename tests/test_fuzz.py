"""Property-based fuzzing (hypothesis) of extract, every reader and the API bodies, with a small fixed budget.

Failing examples are kept in ``tests/.hypothesis`` (committed) and replayed first on every run; every crash
found so far is also an explicit ``@example``. ``benchmarks/robustness.py`` runs the same strategies for
tens of thousands of inputs.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from hypothesis.database import DirectoryBasedExampleDatabase

import fuzzing
from trucewatch import ingest, pipeline
from trucewatch.api import create_app
from trucewatch.model import Article, Skip
from trucewatch.store import open_store

DB = DirectoryBasedExampleDatabase(str(Path(__file__).parent / ".hypothesis"))


def fuzz(examples: int) -> settings:
    """The fixed CI budget of one fuzz test, with the stored example database."""
    return settings(database=DB, deadline=None, suppress_health_check=list(HealthCheck), max_examples=examples)


@fuzz(40)
@given(text=fuzzing.texts, published=fuzzing.published)
@example(text="The Southern Defence Brigades(SDB) shelled the town on Monday, killing two civilians.",
         published=None)
@example(text="Rebels shelled Homs on 3 March 9999, killing three people.", published=None)
def test_extract_never_raises(text: str, published) -> None:
    art = ingest.from_text(text, published=published)
    if not art.text.strip():
        return
    outs = list(pipeline.extract([art]))
    assert len(outs) == 1
    out = outs[0]
    assert not isinstance(out, Skip), f"{out.reason}\n{out.detail}"
    article, mentions = out
    for m in mentions:
        assert 0 <= m.trigger_start < m.trigger_end <= len(article.text)


@fuzz(150)
@given(items=st.lists(st.one_of(fuzzing.records, fuzzing.json_values), max_size=8), good_every=st.integers(1, 4))
def test_jsonl_reader_keeps_every_good_record(tmp_path_factory, items, good_every: int) -> None:
    mixed: list = []
    goods = 0
    for i, item in enumerate(items):
        mixed.append(item)
        if i % good_every == 0:
            mixed.append(fuzzing.good_record(i))
            goods += 1
    path = tmp_path_factory.mktemp("fuzz") / "records.jsonl"
    path.write_text(fuzzing.jsonl_lines(mixed), encoding="utf-8")
    out = list(ingest.read_paths([path]))
    assert len(out) == max(1, len(mixed)), "one article or one skip per line (an empty file is one skip)"
    kept = {str(a.meta.get("source_id")) for a in out if isinstance(a, Article)}
    assert {f"good-{i}" for i in range(len(items)) if i % good_every == 0} <= kept
    assert all(isinstance(x, (Article, Skip)) for x in out)


@fuzz(60)
@given(data=st.binary(max_size=600), suffix=st.sampled_from([".txt", ".jsonl", ".json", ".html", ".xml"]))
@example(data="Headline\n\nRebels shelled Homs.\n".encode("utf-16"), suffix=".txt")
@example(data=b"Headline\n\nRebels shelled Homs caf\xe9 \x81 today.\n", suffix=".txt")
@example(data=b"[]", suffix=".json")  # an empty list once gave neither an article nor a skip
@example(data=b"\xef\xbb\xbf", suffix=".jsonl")  # nor did a byte-order mark alone
def test_every_reader_survives_any_bytes(tmp_path_factory, data: bytes, suffix: str) -> None:
    path = tmp_path_factory.mktemp("bytes") / f"input{suffix}"
    path.write_bytes(data)
    out = list(ingest.read_paths([path]))
    assert out and all(isinstance(x, (Article, Skip)) for x in out)
    for x in out:
        if isinstance(x, Skip):
            assert x.reason


@fuzz(60)
@given(record=fuzzing.records)
def test_a_sidecar_never_loses_its_article(tmp_path_factory, record) -> None:
    folder = tmp_path_factory.mktemp("side")
    (folder / "a.txt").write_text("Headline of it\n\n" + fuzzing.GOOD_TEXT + "\n", encoding="utf-8")
    (folder / "a.json").write_text(json.dumps(record), encoding="utf-8")
    (art,) = list(ingest.read_paths([folder]))
    assert isinstance(art, Article)


@pytest.fixture(scope="module")
def api():
    st_ = open_store(":memory:")
    with TestClient(create_app(st_, token="fuzz-token"), raise_server_exceptions=False) as c:
        yield c


@fuzz(40)
@given(body=fuzzing.bodies)
@example(body={"text": "Rebels shelled Homs.", "published": 0})
@example(body={"text": "Rebels shelled Homs.", "published": "9999-12-31"})
@example(body={"text": ["a"], "title": {"x": 1}})
def test_api_bodies_never_give_a_server_error(api, body) -> None:
    r = api.post("/api/articles", json=body, headers={"Authorization": "Bearer fuzz-token"})
    assert r.status_code in (201, 400, 413, 422), r.text
    if r.status_code == 201:
        assert isinstance(body, dict) and isinstance(body.get("text"), str)
