"""The real-set scorer (benchmarks/real_sets.py) runs on one real article from ../shared and gives sane numbers."""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def _scorer():
    sys.path.append(str(REPO / "benchmarks"))
    return importlib.import_module("real_sets")


def test_actor_names_compare_without_period_suffix() -> None:
    rs = _scorer()
    assert rs.actor_key("Military Forces of Syria (2000-2024)") == "military forces of syria"
    assert rs.actor_key("Police Forces of Kenya (2013-)") == rs.actor_key("police forces of kenya")
    assert rs.actor_key("Protesters (Sudan)") == "protesters (sudan)"  # a country in brackets stays
    assert rs.actor_key(None) == ""


def test_battle_actors_match_in_either_order() -> None:
    rs = _scorer()
    v = {"actor1": "Rebels of Somewhere", "actor2": "Military Forces of Elsewhere (2001-)"}
    g1, g2 = {"military forces of elsewhere"}, {"rebels of somewhere"}
    assert rs.actors_ok(v, g1, g2, battle=True) == (True, True)
    assert rs.actors_ok(v, g1, g2, battle=False) == (False, False)


def test_scorer_on_one_real_article(shared_dir: Path) -> None:
    rs = _scorer()
    gold_path = shared_dir / "eval" / "real-articles" / "gold.json"
    if not gold_path.exists():
        pytest.skip("real-articles gold absent")
    articles = json.loads(gold_path.read_text(encoding="utf-8"))["articles"]
    with_events = sorted((a for a in articles if a["events"]), key=lambda a: len(a["events"]))
    name = with_events[0]["article"]
    r = rs.real_articles(only=[name])
    assert r is not None and r["articles"] == 1
    assert r["gold_events"] == len(with_events[0]["events"])
    assert 0.0 <= r["event_precision"] <= 1.0 and 0.0 <= r["event_recall"] <= 1.0
    tp = round(r["event_recall"] * r["gold_events"])
    assert r["predicted_events"] == tp + r["false_positives"]
    for field, v in r["fields"].items():
        assert v["n"] <= tp, field
        assert v["accuracy"] is None or 0.0 <= v["accuracy"] <= 1.0
    if tp:
        assert {"actor1", "actor2", "sub_event_type", "date_exact", "fatalities_exact"} <= set(r["fields"])
    wrong = sum(len(v) for k, v in r["errors"].items() if k != "event")
    right = sum(round(v["accuracy"] * v["n"]) for v in r["fields"].values() if v["n"])
    assert wrong + right == sum(v["n"] for v in r["fields"].values())
