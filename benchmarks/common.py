"""Shared helpers of the benchmark scripts: paths, the texts to measure on, result files."""

from __future__ import annotations

import json
import os
import platform
import re
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("TRUCEWATCH_SHARED", REPO.parent / "shared"))
EVAL = SHARED / "eval"
GOLD = REPO / "benchmarks" / "gold"
RESULTS = REPO / "benchmarks" / "results"
DEMO = REPO / "src" / "trucewatch" / "data" / "demo"
SEED = SHARED / "corpus" / "trt-2016-04-10-aleppo-offensive.txt"


def machine() -> dict[str, Any]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"cpu": cpu, "cores": os.cpu_count(), "python": sys.version.split()[0], "platform": platform.platform()}


def save(name: str, result: dict[str, Any]) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    result = {"benchmark": name, "date": time.strftime("%Y-%m-%d"), "machine": machine(), **result}
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps(result, indent=1, ensure_ascii=False, default=str) + "\n")
    return path


def tr_news_texts(limit: int | None = None) -> list[str]:
    """Article texts of TR-News (news prose of real length) when ../shared is present."""
    path = EVAL / "geoparsing" / "TR-News.xml"
    if not path.exists():
        return []
    import xml.etree.ElementTree as ET

    root = ET.parse(path).getroot()
    texts = [el.text or "" for el in root.iter("text")]
    texts = [t for t in texts if len(t.split()) > 50]
    return texts[:limit] if limit else texts


def words(text: str) -> int:
    return len(re.findall(r"\S+", text))


def real_texts() -> list[tuple[str, str]]:
    """(origin, text) of every real news text in ../shared: TR-News and GeoVirus articles, CASE 2021 snippets."""
    import csv
    import xml.etree.ElementTree as ET

    out: list[tuple[str, str]] = []
    for name in ("TR-News", "GeoVirus"):
        path = EVAL / "geoparsing" / f"{name}.xml"
        if path.exists():
            texts = [el.text or "" for el in ET.parse(path).getroot().iter("text")]
            out += [(f"{name}-{i}", t) for i, t in enumerate(texts) if t.strip()]
    case = EVAL / "case2021-task2" / "dev.tsv"
    if case.exists():
        with case.open(newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f, delimiter="\t"):
                if (row.get("EventSnippet") or "").strip():
                    out.append((f"case-{row['id']}", row["EventSnippet"]))
    return out
