"""REST API over a real DuckDB store filled with hand-built events (tests/factories.py)."""

from __future__ import annotations

import datetime as dt

import pytest
from fastapi.testclient import TestClient

from factories import fill, make_article
from trucewatch.api import create_app
from trucewatch.store import open_store

TOKEN = "s3cret-token"


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    path = tmp_path_factory.mktemp("api") / "api.duckdb"
    st = open_store(str(path))
    fill(st, 40)
    app = create_app(st, token=TOKEN)
    with TestClient(app) as c:
        yield c
    st.close()


def test_health_counts_events(client):
    r = client.get("/api/health")
    assert r.status_code == 200
    assert r.json()["events"] == 40


def test_event_list_pages_and_filters(client):
    page = client.get("/api/events", params={"limit": 10, "offset": 5}).json()
    assert page["total"] == 40 and len(page["items"]) == 10 and page["offset"] == 5
    ids = {e["event_id"] for e in page["items"]}
    other = client.get("/api/events", params={"limit": 10, "offset": 15}).json()
    assert ids.isdisjoint({e["event_id"] for e in other["items"]})

    day = dt.date(2016, 2, 10)
    one = client.get("/api/events", params={"date_from": day.isoformat(), "date_to": day.isoformat()}).json()
    assert one["total"] >= 1
    assert all(e["event_date"] == day.isoformat() for e in one["items"])

    strikes = client.get("/api/events", params={"event_type": "Battles", "limit": 1000}).json()
    assert strikes["total"] > 0 and all(e["event_type"] == "Battles" for e in strikes["items"])

    # bbox around Aleppo only
    box = client.get("/api/events", params={"bbox": "36.9,36.0,37.4,36.4", "limit": 1000}).json()
    assert box["total"] > 0 and all(e["location"] == "Aleppo" for e in box["items"])

    nothing = client.get("/api/events", params={"country": "YE"}).json()
    assert nothing["total"] == 0 and nothing["items"] == []


def test_bad_parameters_are_422(client):
    assert client.get("/api/events", params={"limit": 0}).status_code == 422
    assert client.get("/api/events", params={"date_from": "2016-02-30"}).status_code == 422
    assert client.get("/api/events", params={"bbox": "1,2,3"}).status_code == 422
    assert client.get("/api/events", params={"bbox": "a,b,c,d"}).status_code == 422
    # beyond the world's edges: clamped, so the whole world
    assert client.get("/api/events", params={"bbox": "-999,-99,999,99"}).json()["total"] == 40


def test_event_detail_has_evidence_inside_its_sentence(client):
    first = client.get("/api/events", params={"limit": 1}).json()["items"][0]
    d = client.get(f"/api/events/{first['event_id']}").json()
    assert d["event"]["event_id"] == first["event_id"]
    (m,) = d["mentions"]
    fields = {e["field"] for e in m["evidence"]}
    assert {"trigger", "actor1", "location", "date", "fatalities"} <= fields
    for e in m["evidence"]:
        s = e["start"] - m["sentence_start"]
        assert m["sentence"][s : s + len(e["text"])] == e["text"]
    assert client.get("/api/events/nope").status_code == 404


def test_writes_need_the_token(client):
    body = {"text": "Nothing to see.", "published": "2016-03-01"}
    assert client.post("/api/articles", json=body).status_code == 401
    assert client.post("/api/articles", json=body, headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert client.post("/api/articles", json={"text": ""}, headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 422


def test_writes_disabled_without_a_token(tmp_path):
    st = open_store(str(tmp_path / "ro.duckdb"))
    with TestClient(create_app(st)) as c:
        r = c.post("/api/articles", json={"text": "x"})
        assert r.status_code == 403
        assert c.get("/api/config").json()["writes"] is False
    st.close()


def test_exports(client):
    csv = client.get("/api/export/events.csv", params={"event_type": "Battles"})
    assert csv.status_code == 200 and csv.headers["content-type"].startswith("text/csv")
    header = csv.text.splitlines()[0].split(",")
    assert "event_date" in header and "fatalities" in header
    gj = client.get("/api/export/events.geojson").json()
    assert gj["type"] == "FeatureCollection" and len(gj["features"]) == 40
    lon, lat = gj["features"][0]["geometry"]["coordinates"]
    assert 35 < lon < 38 and 32 < lat < 37  # RFC 7946 order: lon, lat


def test_article_text_comes_back_verbatim(tmp_path):
    st = open_store(str(tmp_path / "x.duckdb"))
    art, mentions, event = make_article(1, published=dt.date(2016, 3, 3), source="Test",
                                        extra=' <script>alert("x")</script>')
    st.write_article(art, mentions, [event])
    with TestClient(create_app(st)) as c:
        got = c.get(f"/api/articles/{art.id}").json()
        assert got["text"] == art.text  # JSON-encoded, escaping is the page's job (tested in the browser)
    st.close()
