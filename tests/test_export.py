"""Exports: ACLED-style CSV, GeoJSON, Parquet, JSON Lines and JSON, read back with pandas/pyarrow/json."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from trucewatch import export
from trucewatch.model import (
    ActorRef,
    Count,
    Event,
    EventDate,
    Evidence,
    Location,
    Modality,
    Place,
    from_record,
)


def _actor(name: str, inter: int, aid: str | None = None) -> ActorRef:
    return ActorRef(name, 0, len(name), actor_id=aid, name=name, inter=inter, confidence=0.8)


def _event(eid: str, *, etype: str, sub: str, a1: ActorRef, a2: ActorRef | None, place: Place | None,
           day: dt.date | None, killed: int | None = None, modality: Modality = Modality.OCCURRED,
           sources: tuple[str, ...] = ("Wire A",)) -> Event:
    loc = Location(place.name, 40, 45, place=place, geo_precision=2) if place else None
    date = EventDate("on Tuesday", 50, 60, day, day, time_precision=1, resolved=True) if day else None
    counts = [Count("killed", "civilians", killed, text=f"{killed} died")] if killed is not None else []
    return Event(
        event_type=etype, sub_event_type=sub, trigger="struck", actor1=a1, actor2=a2,
        assoc_actor1=[_actor("Allied Militia X", 3)], location=loc, date=date, counts=counts, modality=modality,
        attributed_to="a monitoring group" if modality != Modality.OCCURRED else None, cameo="195",
        plover="ASSAULT", plover_mode="aerial", confidence=0.66,
        evidence=[Evidence("trigger", 10, 16, "struck", 0, 80, 0.9, "rule")],
        id=eid, mention_ids=[f"{eid}-m1", f"{eid}-m2"], article_ids=["a1", "a2"], sources=list(sources),
    )


HOMS = Place(11, "Talbiseh", "SY", 34.8406, 36.7306, admin1="Homs Governorate", admin1_code="SY-HI",
             admin2="Ar-Rastan District")
LIMA = Place(12, "Ayacucho", "PE", -13.1588, -74.2239, admin1="Ayacucho")


@pytest.fixture
def events() -> list[Event]:
    return [
        _event("ev-a", etype="Explosions/Remote violence", sub="Air/drone strike",
               a1=_actor("Military Forces of Russia", 8, "russia-military"), a2=_actor("Civilians (Syria)", 7),
               place=HOMS, day=dt.date(2016, 4, 12), killed=7, sources=("Wire A", "Agency B", "Wire A")),
        _event("ev-b", etype="Protests", sub="Peaceful protest", a1=_actor("Protesters (Peru)", 6), a2=None,
               place=LIMA, day=dt.date(2020, 11, 14), modality=Modality.CLAIMED),
        _event("ev-c", etype="Battles", sub="Armed clash", a1=_actor("=HYPERLINK(\"http://x\")", 2),
               a2=_actor("@Group", 2), place=None, day=None),
    ]


def test_acled_csv_round_trips_through_pandas(events: list[Event], tmp_path: Path) -> None:
    path = tmp_path / "events.csv"
    assert export.write(events, "acled-csv", path) == 3
    assert not path.read_bytes().startswith(b"\xef\xbb\xbf")
    df = pd.read_csv(path, keep_default_na=False, na_values=[""])
    assert list(df.columns) == list(export.COLUMNS)
    a = df.iloc[0]
    assert a.event_id_cnty.startswith("SYR") and a.event_uid == "ev-a"
    assert a.event_date == "2016-04-12" and a.year == 2016 and a.time_precision == 1
    assert a.disorder_type == "Political violence" and a.civilian_targeting == "Civilian targeting"
    assert a.iso == 760 and a.country == "Syria" and a.region == "Middle East" and a.iso2 == "SY"
    assert a.admin1 == "Homs Governorate" and a.admin2 == "Ar-Rastan District" and a.location == "Talbiseh"
    assert a.latitude == pytest.approx(34.8406) and a.longitude == pytest.approx(36.7306)
    assert a.inter1 == 8 and a.inter2 == 7 and a.interaction == 78 and a.fatalities == 7
    assert a.assoc_actor_1 == "Allied Militia X" and a.source == "Wire A; Agency B"
    assert a.num_sources == 2 and a.num_articles == 2 and a.geo_precision == 2
    b = df.iloc[1]
    assert b.country == "Peru" and b.region == "South America" and b.iso == 604
    assert b.disorder_type == "Demonstrations" and b.interaction == 60 and b.fatalities == 0
    assert b.modality == "claimed" and b.attributed_to == "a monitoring group"
    assert b.longitude == pytest.approx(-74.2239)
    c = df.iloc[2]
    assert pd.isna(c.latitude) and pd.isna(c.event_date) and c.event_id_cnty.startswith("XXX")
    assert c.actor1.startswith("=HYPERLINK")  # no guard without excel=True


def test_excel_csv_has_bom_and_inert_formulas(events: list[Event], tmp_path: Path) -> None:
    path = tmp_path / "events.csv"
    export.write(events, "acled-csv", path, excel=True)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and raw.count(b"\xef\xbb\xbf") == 1
    df = pd.read_csv(path, encoding="utf-8-sig", keep_default_na=False, na_values=[""])
    assert df.columns[0] == "event_id_cnty"
    c = df.iloc[2]
    assert c.actor1 == "'=HYPERLINK(\"http://x\")" and c.actor2 == "'@Group"
    assert df.iloc[1].longitude == pytest.approx(-74.2239)  # numbers are never prefixed


def test_csv_to_text_and_binary_streams(events: list[Event]) -> None:
    text = io.StringIO()
    assert export.write(events, "acled-csv", text, excel=True) == 3
    assert text.getvalue().startswith("\ufeffevent_id_cnty,")
    raw = io.BytesIO()
    export.write(events, "acled-csv", raw)
    assert not raw.closed
    df = pd.read_csv(io.BytesIO(raw.getvalue()))
    assert len(df) == 3 and df.event_uid.tolist() == ["ev-a", "ev-b", "ev-c"]


def test_geojson_is_a_valid_feature_collection(events: list[Event], tmp_path: Path) -> None:
    path = tmp_path / "events.geojson"
    assert export.write(events, "geojson", path) == 2
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["type"] == "FeatureCollection"
    assert doc["trucewatch"] == {"events": 3, "features": 2, "without_coordinates": 1}
    for feat, place in zip(doc["features"], (HOMS, LIMA), strict=True):
        assert feat["type"] == "Feature"
        geom = feat["geometry"]
        assert geom["type"] == "Point"
        lon, lat = geom["coordinates"]  # RFC 7946: longitude first
        assert (lon, lat) == (pytest.approx(place.lon), pytest.approx(place.lat))
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        assert list(feat["properties"]) == list(export.COLUMNS)
    assert doc["features"][0]["properties"]["event_date"] == "2016-04-12"
    assert "ev-c" not in {f["id"] for f in doc["features"]}


def test_parquet_has_real_types(events: list[Event], tmp_path: Path) -> None:
    path = tmp_path / "events.parquet"
    assert export.write(events, "parquet", path) == 3
    schema = pq.read_schema(path)
    assert str(schema.field("event_date").type) == "date32[day]"
    assert str(schema.field("fatalities").type) == "int32"
    assert str(schema.field("latitude").type) == "double"
    assert str(schema.field("timestamp").type) == "int64"
    assert str(schema.field("actor1").type) == "string"
    df = pd.read_parquet(path)
    assert list(df.columns) == [*export.COLUMNS, "geometry"]
    assert df.event_date.iloc[0] == dt.date(2016, 4, 12)
    assert df.fatalities.tolist() == [7, 0, 0]
    assert pd.isna(df.latitude.iloc[2]) and pd.isna(df.iso.iloc[2])
    buf = io.BytesIO()
    assert export.write(events, "parquet", buf) == 3 and len(buf.getvalue()) > 100
    with pytest.raises(ValueError, match="binary"):
        export.write(events, "parquet", io.StringIO())


def test_jsonl_and_json_round_trip_events(events: list[Event], tmp_path: Path) -> None:
    path = tmp_path / "events.jsonl"
    assert export.write(events, "jsonl", path) == 3
    lines = path.read_text(encoding="utf-8").splitlines()
    assert [from_record(Event, json.loads(x)) for x in lines] == events
    out = io.StringIO()
    assert export.write(events, "json", out) == 3
    recs = json.loads(out.getvalue())
    assert isinstance(recs, list) and [from_record(Event, r) for r in recs] == events
    assert recs[0]["fatalities"] == 7


def test_bad_format_and_options(events: list[Event], tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown export format"):
        export.write(events, "xlsx", tmp_path / "x")
    with pytest.raises(ValueError, match="excel"):
        export.write(events, "geojson", tmp_path / "x", excel=True)
    assert export.write([], "acled-csv", tmp_path / "empty.csv") == 0
    assert (tmp_path / "empty.csv").read_text().strip() == ",".join(export.COLUMNS)


def test_disorder_types() -> None:
    assert export.disorder_type("Protests", "Excessive force against protesters") == "Political violence; Demonstrations"
    assert export.disorder_type("Riots", "Mob violence") == "Political violence"
    assert export.disorder_type("Riots", "Violent demonstration") == "Demonstrations"
    assert export.disorder_type("Strategic developments", "Agreement") == "Strategic developments"


def test_cli_exports_from_a_store(events: list[Event], tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from trucewatch.cli import app
    from trucewatch.model import Article
    from trucewatch.store import open_store

    db = tmp_path / "s.duckdb"
    with open_store(db) as st:
        art = Article(id="a1", text="Jets struck the town.", source="Wire A")
        st.write_article(art, [], events)
    out = tmp_path / "out.geojson"
    res = CliRunner().invoke(app, ["export", "--format", "geojson", "--out", str(out), "--store", str(db)])
    assert res.exit_code == 0, res.output
    assert len(json.loads(out.read_text(encoding="utf-8"))["features"]) == 2
    res = CliRunner().invoke(app, ["export", "--format", "acled-csv", "--store", str(db), "--country", "pe"])
    assert res.exit_code == 0, res.output
    df = pd.read_csv(io.StringIO(res.stdout))
    assert df.event_uid.tolist() == ["ev-b"]


# --- provenance, modality and types as analysts load them -------------------------------------------------

REFS = {"a1": {"source": "Wire A", "url": "https://wire-a.example/1"},
        "a2": {"source": "Agency B", "url": "https://agency-b.example/2"}}


def _mixed(events: list[Event]) -> list[Event]:
    """The fixture's events plus one of each modality ACLED does not code."""
    extra = []
    for i, mod in enumerate((Modality.ANNOUNCED, Modality.NEGATED, Modality.HYPOTHETICAL, Modality.DENIED)):
        extra.append(_event(f"ev-x{i}", etype="Battles", sub="Armed clash", a1=_actor("Rebel Group Z", 2),
                            a2=None, place=HOMS, day=dt.date(2016, 4, 13), modality=mod))
    return [*events, *extra]


def test_acled_csv_keeps_what_acled_codes_unless_all_modalities(events: list[Event], tmp_path: Path) -> None:
    mixed = _mixed(events)
    path = tmp_path / "acled.csv"
    assert export.write(mixed, "acled-csv", path) == 3
    df = pd.read_csv(path, dtype=export.CSV_DTYPES)
    assert set(df.modality) == {"occurred", "claimed"}
    assert export.write(mixed, "acled-csv", tmp_path / "all.csv", all_modalities=True) == len(mixed)
    every = pd.read_csv(tmp_path / "all.csv", dtype=export.CSV_DTYPES)
    assert {"announced", "negated", "hypothetical", "denied"} <= set(every.modality)
    # The other formats keep every event and say its modality.
    assert export.write(mixed, "parquet", tmp_path / "all.parquet") == len(mixed)


def test_every_row_carries_sources_urls_article_ids_and_modality(events: list[Event], tmp_path: Path) -> None:
    path = tmp_path / "events.csv"
    export.write(events, "acled-csv", path, articles=REFS)
    df = pd.read_csv(path, dtype=export.CSV_DTYPES)
    row = df.set_index("event_uid").loc["ev-a"]
    assert row.source == "Wire A; Agency B"
    assert row.source_urls == "https://wire-a.example/1; https://agency-b.example/2"
    assert row.article_ids == "a1; a2" and row.modality == "occurred"
    doc = export.geojson(events, REFS)
    for feat in doc["features"]:
        props = feat["properties"]
        assert props["source_urls"].startswith("https://") and props["article_ids"] and props["modality"]
    export.write(events, "parquet", tmp_path / "e.parquet", articles=REFS)
    pq_df = pd.read_parquet(tmp_path / "e.parquet")
    assert (pq_df.source_urls.str.count("https://") == 2).all()


def test_pandas_read_csv_gives_typed_columns(events: list[Event], tmp_path: Path) -> None:
    path = tmp_path / "events.csv"
    export.write(events, "acled-csv", path, articles=REFS)
    df = pd.read_csv(path, dtype=export.CSV_DTYPES, parse_dates=list(export.DATE_COLUMNS))
    assert pd.api.types.is_datetime64_any_dtype(df.event_date)
    assert df.event_date.iloc[0] == pd.Timestamp(2016, 4, 12)
    assert str(df.fatalities.dtype) == "Int64" and df.fatalities.tolist() == [7, 0, 0]
    assert str(df.iso.dtype) == "Int64" and df.iso.iloc[0] == 760
    assert pd.api.types.is_string_dtype(df.cameo) and df.cameo.iloc[0] == "195"
    assert pd.api.types.is_string_dtype(df.iso2) and df.iso2.iloc[0] == "SY"
    assert df.country.iloc[0] == "Syria"
    assert pd.api.types.is_float_dtype(df.latitude)


def test_a_cameo_code_keeps_its_leading_zero(events: list[Event], tmp_path: Path) -> None:
    events[0].cameo = "042"
    export.write(events, "acled-csv", tmp_path / "e.csv")
    assert pd.read_csv(tmp_path / "e.csv", dtype=export.CSV_DTYPES).cameo.iloc[0] == "042"
    export.write(events, "parquet", tmp_path / "e.parquet")
    assert pd.read_parquet(tmp_path / "e.parquet").cameo.iloc[0] == "042"
    export.write(events, "geojson", tmp_path / "e.geojson")
    assert json.loads((tmp_path / "e.geojson").read_text())["features"][0]["properties"]["cameo"] == "042"


def test_geopandas_reads_the_parquet_as_a_geodataframe(events: list[Event], tmp_path: Path) -> None:
    gpd = pytest.importorskip("geopandas")
    path = tmp_path / "events.parquet"
    export.write(events, "parquet", path, articles=REFS)
    gdf = gpd.read_parquet(path)
    assert isinstance(gdf, gpd.GeoDataFrame) and gdf.geometry.name == "geometry"
    assert gdf.crs is not None and gdf.crs.to_epsg() == 4326 or gdf.crs.to_string() == "OGC:CRS84"
    first = gdf.geometry.iloc[0]
    assert (first.x, first.y) == (pytest.approx(HOMS.lon), pytest.approx(HOMS.lat))
    assert gdf.geometry.iloc[2] is None or gdf.geometry.iloc[2].is_empty  # no coordinates, no point
    assert gdf.event_date.iloc[0] == dt.date(2016, 4, 12)
    assert str(gdf.fatalities.dtype) == "int32" and str(gdf.year.dtype) in ("int32", "Int32", "float64")
    assert gdf.cameo.iloc[0] == "195" and gdf.country.iloc[0] == "Syria" and gdf.iso2.iloc[0] == "SY"
    assert tuple(gdf.total_bounds) == pytest.approx((LIMA.lon, LIMA.lat, HOMS.lon, HOMS.lat))


def test_geopandas_reads_the_geojson_with_typed_columns(events: list[Event], tmp_path: Path) -> None:
    gpd = pytest.importorskip("geopandas")
    path = tmp_path / "events.geojson"
    export.write(events, "geojson", path, articles=REFS)
    gdf = gpd.read_file(path)
    assert len(gdf) == 2 and gdf.crs.to_epsg() == 4326
    assert gdf.geometry.iloc[0].x == pytest.approx(HOMS.lon)
    assert pd.api.types.is_datetime64_any_dtype(gdf.event_date)
    assert gdf.event_date.iloc[0] == pd.Timestamp(2016, 4, 12)
    assert pd.api.types.is_integer_dtype(gdf.fatalities) and gdf.fatalities.tolist() == [7, 0]
    assert pd.api.types.is_integer_dtype(gdf.iso) and gdf.iso.tolist() == [760, 604]
    assert gdf.cameo.iloc[0] == "195" and gdf.country.tolist() == ["Syria", "Peru"]
    assert gdf.source_urls.iloc[0].startswith("https://wire-a.example/")
