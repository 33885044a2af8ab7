"""The one configuration object: defaults <- TOML file <- TRUCEWATCH_* environment, clear errors, the CLI's
--config and `trucewatch settings`, and every setting that used to be read elsewhere still taking effect."""

from __future__ import annotations

import dataclasses
import json
import os
import pickle
import tomllib

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from trucewatch import budget, config, dedup
from trucewatch.actors import loader
from trucewatch.api import create_app
from trucewatch.ceasefire import report
from trucewatch.cli import app
from trucewatch.config import ConfigError, Settings, load, settings, use
from trucewatch.places import gazetteer

runner = CliRunner()


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch):
    """No setting comes from the environment unless a test sets it; no trucewatch.toml is picked up."""
    for name in [k for k in os.environ if k.startswith(config.ENV_PREFIX)]:
        monkeypatch.delenv(name)


def write(tmp_path, text: str):
    path = tmp_path / "trucewatch.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_are_the_former_constants():
    s = load(env={})
    assert s.article_seconds == 300.0
    assert dict(s.dedup_within_weights) == {"type": 0.30, "date": 0.15, "place": 0.25, "actors": 0.15, "text": 0.15}
    assert s.dedup_cross_threshold == 0.70 and s.dedup_within_threshold == 0.60
    assert dict(s.dedup_block_days) == {1: 1, 2: 3, 3: 7}
    assert s.places_rounds == 3 and s.api_page_max == 1000
    assert all(s.source(d["name"]) == "default" for d in config.describe())


def test_the_file_overrides_defaults_and_the_environment_overrides_the_file(tmp_path):
    path = write(tmp_path, "dedup_cross_threshold = 0.8\nplaces_rounds = 2\nrules_off = ['x.y']\n"
                           "dedup_block_km = {1 = 30.0, 2 = 60.0, 3 = 200.0}\n")
    s = load(path, env={"TRUCEWATCH_PLACES_ROUNDS": "4"})
    assert s.dedup_cross_threshold == 0.8 and s.source("dedup_cross_threshold") == f"file {path}"
    assert s.places_rounds == 4 and s.source("places_rounds") == "environment TRUCEWATCH_PLACES_ROUNDS"
    assert s.rules_off == ("x.y",)
    assert dict(s.dedup_block_km) == {1: 30.0, 2: 60.0, 3: 200.0}  # TOML's string keys read as precisions
    assert s.dedup_within_threshold == 0.60 and s.source("dedup_within_threshold") == "default"


def test_the_file_comes_from_the_environment_variable(tmp_path):
    path = write(tmp_path, "article_seconds = 12.5\n")
    assert load(env={"TRUCEWATCH_CONFIG": str(path)}).article_seconds == 12.5


def test_tables_and_lists_from_the_environment():
    s = load(env={"TRUCEWATCH_DEDUP_WITHIN_WEIGHTS": "type=0.5, date=0.5", "TRUCEWATCH_RULES_OFF": "a.b, c.d"})
    assert dict(s.dedup_within_weights) == {"type": 0.5, "date": 0.5}
    assert s.rules_off == ("a.b", "c.d")
    with pytest.raises(TypeError):
        s.dedup_within_weights["type"] = 1.0  # type: ignore[index]
    hash(s)  # frozen, tables included
    again = pickle.loads(pickle.dumps(s))  # what a spawned extraction worker receives
    assert again == s and again.source("rules_off") == "environment TRUCEWATCH_RULES_OFF"


def test_an_unknown_setting_in_the_file_is_an_error_naming_it(tmp_path):
    path = write(tmp_path, "dedup_cross_treshold = 0.8\n")
    with pytest.raises(ConfigError, match=r"unknown setting\(s\) dedup_cross_treshold") as err:
        load(path, env={})
    assert str(path) in str(err.value)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ('places_rounds = "many"\n', "places_rounds must be int"),
        ("places_rounds = 2.5\n", "places_rounds must be int"),
        ("dedup_cross_threshold = true\n", "dedup_cross_threshold must be float"),
        ("tile_url = 3\n", "tile_url must be str"),
        ("dedup_block_days = {1 = 'wide'}\n", "dedup_block_days must be int"),
        ("rules_off = 3\n", "rules_off must be tuple"),
    ],
)
def test_a_value_of_the_wrong_type_in_the_file_is_an_error(tmp_path, text, name):
    path = write(tmp_path, text)
    with pytest.raises(ConfigError, match=name) as err:
        load(path, env={})
    assert str(path) in str(err.value)


def test_a_value_of_the_wrong_type_in_the_environment_is_an_error():
    with pytest.raises(ConfigError, match="TRUCEWATCH_DEDUP_CROSS_THRESHOLD: dedup_cross_threshold must be float"):
        load(env={"TRUCEWATCH_DEDUP_CROSS_THRESHOLD": "high"})


def test_a_file_that_is_not_toml_is_an_error(tmp_path):
    with pytest.raises(ConfigError, match="not valid TOML"):
        load(write(tmp_path, "article_seconds = = 3\n"), env={})
    with pytest.raises(ConfigError, match="cannot read"):
        load(tmp_path / "missing.toml", env={})


def test_settings_follow_the_environment_and_use_wins(monkeypatch):
    assert settings().places_rounds == 3
    monkeypatch.setenv("TRUCEWATCH_PLACES_ROUNDS", "5")
    assert settings().places_rounds == 5
    with use(Settings(places_rounds=7)):
        assert settings().places_rounds == 7
    assert settings().places_rounds == 5
    monkeypatch.delenv("TRUCEWATCH_PLACES_ROUNDS")
    assert settings().places_rounds == 3


# --- the command line --------------------------------------------------------------------------------------


def test_settings_command_prints_a_valid_configuration_of_the_defaults(tmp_path):
    r = runner.invoke(app, ["settings"])
    assert r.exit_code == 0, r.output
    assert "dedup_cross_threshold = 0.7" in r.output
    path = write(tmp_path, r.output)
    assert load(path, env={}) == Settings()
    assert set(tomllib.loads(r.output)) == {d["name"] for d in config.describe()}


def test_config_option_applies_and_settings_json_says_where_values_came_from(tmp_path, monkeypatch):
    path = write(tmp_path, "dedup_cross_threshold = 0.75\nplaces_rounds = 2\n")
    monkeypatch.setenv("TRUCEWATCH_PLACES_ROUNDS", "6")
    r = runner.invoke(app, ["--config", str(path), "settings", "--json"])
    assert r.exit_code == 0, r.output
    rows = {row["name"]: row for row in json.loads(r.output)}
    assert rows["dedup_cross_threshold"]["value"] == 0.75
    assert rows["dedup_cross_threshold"]["source"] == f"file {path}"
    assert rows["dedup_cross_threshold"]["default"] == 0.7
    assert rows["places_rounds"]["value"] == 6 and rows["places_rounds"]["env"] == "TRUCEWATCH_PLACES_ROUNDS"
    assert rows["article_seconds"]["source"] == "default" and rows["article_seconds"]["help"]
    assert settings().dedup_cross_threshold == 0.7  # the command's settings ended with it


def test_config_option_with_a_bad_file_stops_with_a_message(tmp_path):
    path = write(tmp_path, "no_such_setting = 1\n")
    r = runner.invoke(app, ["--config", str(path), "settings"])
    assert r.exit_code == 2
    assert "unknown setting(s) no_such_setting" in r.output


# --- each setting that moved here still takes effect ----------------------------------------------------------


def test_article_seconds(monkeypatch):
    assert budget.seconds() == 300.0
    monkeypatch.setenv("TRUCEWATCH_ARTICLE_SECONDS", "2.5")
    assert budget.seconds() == 2.5
    monkeypatch.setenv("TRUCEWATCH_ARTICLE_SECONDS", "0")  # not positive: the default, as before
    assert budget.seconds() == 300.0


def test_actors(monkeypatch, tmp_path):
    (tmp_path / "mine.yaml").write_text("actors: []\n", encoding="utf-8")
    assert loader.env_paths() == []
    monkeypatch.setenv("TRUCEWATCH_ACTORS", str(tmp_path))
    assert loader.env_paths() == [tmp_path / "mine.yaml"]


def test_cache(monkeypatch, tmp_path):
    monkeypatch.setenv("TRUCEWATCH_CACHE", str(tmp_path / "c"))
    assert gazetteer.cache_dir() == tmp_path / "c" and (tmp_path / "c").is_dir()


def test_chromium(monkeypatch, tmp_path):
    monkeypatch.setenv("TRUCEWATCH_CHROMIUM", str(tmp_path / "my-chrome"))
    assert report.chromium() == str(tmp_path / "my-chrome")


def test_tile_url_and_attribution(monkeypatch):
    monkeypatch.setenv("TRUCEWATCH_TILE_URL", "https://{s}.tiles.example.org/{z}/{x}/{y}.png")
    monkeypatch.setenv("TRUCEWATCH_TILE_ATTRIBUTION", "Tiles by nobody")
    with TestClient(create_app(":memory:")) as client:
        r = client.get("/api/config")
        assert r.json()["tile_url"] == "https://{s}.tiles.example.org/{z}/{x}/{y}.png"
        assert r.json()["tile_attribution"] == "Tiles by nobody"
        assert "https://*.tiles.example.org" in r.headers["content-security-policy"]


def test_api_page_limits():
    with use(Settings(api_page_max=5, api_page_default=2)), TestClient(create_app(":memory:")) as client:
        assert client.get("/api/events", params={"limit": 6}).status_code == 422
        page = client.get("/api/events").json()
        assert page["limit"] == 2
        assert client.get("/api/events", params={"limit": 5}).status_code == 200


def test_api_body_limit():
    with use(Settings(api_max_body_bytes=1000)), TestClient(create_app(":memory:", token="t0ken")) as client:
        r = client.post("/api/articles", json={"text": "x" * 2000}, headers={"Authorization": "Bearer t0ken"})
        assert r.status_code == 413


def test_dedup_threshold_and_weights_across_articles():
    from test_dedup import stored

    def pair():
        old = stored("k1", "One", "Government jets bombed the market of Kafr Alpha, killing nine.")
        new = stored("k2", "Two", "Government jets bombed the market of Kafr Alpha, killing nine.")
        return [new], [old]

    assert dedup.merge(*pair(), set()).decisions[0]["merged"] is True
    strict = dataclasses.replace(Settings(), dedup_cross_threshold=1.01)
    with use(strict):
        assert dedup.cross.THRESHOLD == 1.01
        res = dedup.merge(*pair(), set())
    assert res.decisions[0]["merged"] is False and res.decisions[0]["threshold"] == 1.01
    no_toll = config.FrozenDict({"type": 0.2, "date": 0.2, "place": 0.2, "actors": 0.2, "text": 0.2})
    with use(Settings(dedup_cross_weights=no_toll)):
        res = dedup.merge(*pair(), set())
    assert "toll" not in res.decisions[0]["scores"]


def test_dedup_window_inside_an_article():
    from trucewatch.dedup import within

    assert within.WINDOW == 16
    with use(Settings(dedup_within_window=3, dedup_within_keyed=1, dedup_within_members=2)):
        assert (within.WINDOW, within.KEYED, within.MEMBERS) == (3, 1, 2)
        assert len(within._members([object()] * 5)) == 2  # type: ignore[list-item]
    assert len(within._members([object()] * 5)) == 5  # type: ignore[list-item]
