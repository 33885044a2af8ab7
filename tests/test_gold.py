"""The hand-written gold sets (benchmarks/gold) agree with the demo corpus and with the codebook."""

from __future__ import annotations

import functools
import importlib.util
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from trucewatch.model import ACLED_TYPES

REPO = Path(__file__).resolve().parents[1]
GOLD = REPO / "benchmarks" / "gold"
DEMO = REPO / "src" / "trucewatch" / "data" / "demo"


def _load_checker() -> ModuleType:
    spec = importlib.util.spec_from_file_location("check_gold", GOLD / "check_gold.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules["check_gold"] = mod
    spec.loader.exec_module(mod)
    return mod


cg = _load_checker()
# check_all() and the cities fixture read the same GeoNames cities table: load it once per module
cg._cities = functools.cache(cg._cities)


@pytest.fixture(scope="module")
def texts() -> dict[str, str]:
    return {a.id: a.text for a in cg.demo_articles()}


@pytest.fixture(scope="module")
def events() -> list[dict[str, Any]]:
    return cg.read_jsonl(GOLD / "demo_events.jsonl")


@pytest.fixture(scope="module")
def cities() -> dict[str, dict[str, Any]]:
    return cg._cities()


def test_gold_is_valid() -> None:
    assert cg.check_all() == []


def test_corpus_size_and_metadata() -> None:
    txts = sorted((DEMO / "corpus").glob("*.txt"))
    assert len(txts) >= 24
    for t in txts:
        words = len(t.read_text(encoding="utf-8").split())
        assert 150 <= words <= 400, (t.name, words)
        meta = json.loads(t.with_suffix(".json").read_text(encoding="utf-8"))
        assert meta["synthetic"] is True and meta["language"] == "en"
        assert meta["url"].startswith("https://example.org/")
        assert meta["title"] == t.read_text(encoding="utf-8").splitlines()[0].strip()
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", meta["published"])
    others = [a for a in cg.demo_articles() if not a.origin.endswith(".txt")]
    kinds = Counter(Path(a.origin).name for a in others)
    assert kinds == {"items.jsonl": 3, "feed.xml": 2, "page.html": 1}
    assert all(a.synthetic for a in others)


def test_every_event_type_and_most_subtypes_covered(events: list[dict[str, Any]]) -> None:
    assert {e["event_type"] for e in events} == set(ACLED_TYPES)
    subs = {e["sub_event_type"] for e in events}
    all_subs = {s for v in ACLED_TYPES.values() for s in v}
    assert len(subs) >= 0.7 * len(all_subs)


def test_modalities_covered(events: list[dict[str, Any]]) -> None:
    assert {"occurred", "announced", "claimed", "denied"} <= {e["modality"] for e in events}


def test_multi_source_clusters(events: list[dict[str, Any]], texts: dict[str, str]) -> None:
    sources = {a.id: a.source for a in cg.demo_articles()}
    outlets: dict[str, set[str]] = defaultdict(set)
    for e in events:
        outlets[e["cluster"]].add(sources[e["article"]])
    multi = [c for c, o in outlets.items() if len(o) >= 2]
    assert len(multi) >= 6
    # several sources disagree on the toll: the benchmark must exercise conservative merging
    tolls = defaultdict(set)
    for e in events:
        if e["fatalities"] is not None:
            tolls[e["cluster"]].add(e["fatalities"])
    assert sum(len(t) > 1 for t in tolls.values()) >= 3


def test_lookalike_pairs_stay_apart(events: list[dict[str, Any]]) -> None:
    """Same place on different days, or nearby places on the same day, with different cluster ids."""
    same_town_other_day = nearby_same_day = 0
    for i, a in enumerate(events):
        for b in events[i + 1:]:
            if a["cluster"] == b["cluster"] or a["event_type"] != b["event_type"]:
                continue
            if a["geonameid"] == b["geonameid"] and a["date"] != b["date"]:
                same_town_other_day += 1
            d = cg.km(a["lat"], a["lon"], b["lat"], b["lon"])
            if a["date"] == b["date"] and 0 < d < 30:
                nearby_same_day += 1
    assert same_town_other_day >= 2 and nearby_same_day >= 2


def test_caption_negatives_are_older(texts: dict[str, str]) -> None:
    negs = cg.read_jsonl(GOLD / "demo_negatives.jsonl")
    caps = [n for n in negs if n["kind"] == "caption"]
    assert len(caps) >= 2
    published = {a.id: a.published for a in cg.demo_articles()}
    for n in caps:
        assert n["caption_date"] < published[n["article"]]
    assert sum(n["kind"] == "cumulative" for n in negs) >= 5


def test_checker_rejects_bad_rows(events: list[dict[str, Any]], texts: dict[str, str],
                                  cities: dict[str, dict[str, Any]]) -> None:
    row = dict(events[0])
    bad_evidence = dict(row, evidence="this sentence was never written")
    far = dict(row, lat=row["lat"] + 0.5)
    bad_type = dict(row, sub_event_type="Air/drone strike")  # parent is not Strategic developments
    errs = cg.check_events([bad_evidence, far, bad_type], texts, cities, "t")
    assert any("evidence" in e for e in errs)
    assert any("km from geonameid" in e for e in errs)
    assert any("not under" in e for e in errs)


def test_sentences_balance() -> None:
    rows = cg.read_jsonl(GOLD / "sentences.jsonl")
    assert len(rows) >= 120
    with_event = [r for r in rows if r["event_type"] != "none"]
    assert 0.4 * len(rows) <= len(with_event) <= 0.8 * len(rows)
    assert {r["event_type"] for r in with_event} == set(ACLED_TYPES)


def test_seed_gold(seed_article_path: Path, cities: dict[str, dict[str, Any]]) -> None:
    text = seed_article_path.read_text(encoding="utf-8")
    st = {cg.SEED_ID: text}
    ev = cg.read_jsonl(GOLD / "seed_events.jsonl")
    assert cg.check_events(ev, st, cities, "seed_events.jsonl") == []
    assert cg.check_negatives(cg.read_jsonl(GOLD / "seed_negatives.jsonl"), st, "seed_negatives.jsonl") == []
    assert all(e["date"].startswith("2016-04") for e in ev)


def test_demo_prose_is_not_copied_from_seed(seed_article_path: Path, texts: dict[str, str]) -> None:
    """No run of eight words from the seed article reappears in the demo corpus."""
    def shingles(t: str) -> set[tuple[str, ...]]:
        w = re.findall(r"[a-z0-9']+", t.lower())
        return {tuple(w[i:i + 8]) for i in range(len(w) - 7)}

    seed = shingles(seed_article_path.read_text(encoding="utf-8"))
    for aid, t in texts.items():
        assert not (shingles(t) & seed), aid
