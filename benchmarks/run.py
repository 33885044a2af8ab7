"""Run every benchmark on what is present and write JSON results plus a Markdown summary.

    .venv/bin/python benchmarks/run.py            # all benchmarks
    .venv/bin/python benchmarks/run.py --readme   # ... and refresh the table in README.md
    .venv/bin/python benchmarks/run.py speed accuracy   # some of them

Each benchmark is a script in this folder that writes benchmarks/results/<name>.json; a missing gold set is
skipped with a message by the script itself. Nothing is fitted on any evaluation set.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from common import REPO, RESULTS, machine  # noqa: E402

BENCHMARKS = ["accuracy", "events", "geoparse", "numbers_bench", "geoparse_events", "dedup", "ceasefire_sim", "speed", "api_latency"]
ARGS = {"dedup": ["--pipeline"]}  # dedup also scored on the real pipeline's output, not only on gold records
START, END = "<!-- benchmarks:start -->", "<!-- benchmarks:end -->"


def run(names: list[str]) -> dict[str, dict[str, Any]]:
    status: dict[str, dict[str, Any]] = {}
    for name in names:
        script = HERE / f"{name}.py"
        if not script.exists():
            status[name] = {"ok": False, "note": "script absent"}
            continue
        print(f"--- {name}", flush=True)
        t = time.perf_counter()
        proc = subprocess.run([sys.executable, str(script), *ARGS.get(name, [])], cwd=REPO)
        status[name] = {"ok": proc.returncode == 0, "seconds": round(time.perf_counter() - t, 1)}
    return status


def _load(name: str) -> dict[str, Any] | None:
    p = RESULTS / f"{name}.json"
    return json.loads(p.read_text()) if p.exists() else None


def _pct(x: Any) -> str:
    return f"{100 * x:.1f}%" if isinstance(x, (int, float)) else "–"


def summary() -> str:
    lines = [f"Measured {time.strftime('%Y-%m-%d')} on {machine()['cpu']} ({machine()['cores']} cores), "
             f"Python {machine()['python']}, CPU only.", ""]
    acc = _load("accuracy")
    if acc:
        lines += ["| set | events P / R / F1 | type | sub-type | actor1 | actor2 | modality | place ≤25 km | "
                  "place ≤161 km | date exact | fatalities exact |", "|" + "---|" * 11]
        for name, r in acc.items():
            if not isinstance(r, dict) or "fields" not in r:
                continue
            f = r["fields"]
            cell = lambda k, f=f: _pct(f.get(k, {}).get("accuracy"))  # noqa: E731
            lines.append(
                f"| {name} ({r['gold_events']} gold events) | {r['event_precision']:.2f} / {r['event_recall']:.2f} / "
                f"{r['event_f1']:.2f} | {cell('event_type')} | {cell('sub_event_type')} | {cell('actor1')} | "
                f"{cell('actor2')} | {cell('modality')} | {cell('place_25km')} | {cell('place_161km')} | "
                f"{cell('date_exact')} | {cell('fatalities_exact')} |"
            )
        lines.append("")
    for name in ("events", "geoparse", "geoparse_events", "numbers", "dedup", "ceasefire_sim", "api_latency"):
        r = _load(name)
        if r:
            lines.append(f"**{name}**: " + _flat(r))
            lines.append("")
    sp = _load("speed")
    if sp:
        lines += [
            "| speed | value |", "|---|---|",
            f"| whole pipeline, 1 core | {sp['pipeline_words_per_s']:,} words/s ({sp['pipeline_articles_per_s']} articles/s) |",
            f"| spaCy alone, same texts | {sp['spacy_words_per_s']:,} words/s (pipeline at {_pct(sp['pipeline_vs_spacy'])} of spaCy) |",
            f"| pipeline + DuckDB store | {sp['with_store_words_per_s']:,} words/s |",
            f"| 2 processes | {sp['two_process_words_per_s']:,} words/s (x{sp['two_process_speedup']}) |",
            f"| peak memory | {sp['peak_rss_mb']} MB |",
            f"| start-up | model {sp['startup']['model_s']} s + dictionaries/gazetteer {sp['startup']['resources_s']} s |",
            f"| texts | {sp['articles']} articles, {sp['words']:,} words |",
            "",
        ]
    return "\n".join(lines)


def confusion_tables() -> str:
    """Event-type confusion matrices (gold rows, predicted columns) of the accuracy sets, for summary.md."""
    acc = _load("accuracy") or {}
    out = []
    for name, r in acc.items():
        pairs = r.get("type_confusion") if isinstance(r, dict) else None
        if not pairs:
            continue
        cells = {tuple(k.split(" -> ", 1)): n for k, n in pairs.items()}
        rows = sorted({g for g, _ in cells})
        cols = sorted({p for _, p in cells})
        out += [f"Event types on {name} (rows gold, columns predicted):", "",
                "| gold \\ predicted | " + " | ".join(cols) + " |", "|" + "---|" * (len(cols) + 1)]
        out += [f"| {g} | " + " | ".join(str(cells.get((g, c), "")) for c in cols) + " |" for g in rows]
        out.append("")
    return "\n".join(out)


def _flat(r: dict[str, Any], prefix: str = "", depth: int = 0) -> str:
    parts = []
    for k, v in r.items():
        if k in ("benchmark", "date", "machine", "errors") or k.startswith("_"):
            continue
        if isinstance(v, dict) and depth < 2:
            inner = _flat(v, f"{prefix}{k}.", depth + 1)
            if inner:
                parts.append(inner)
        elif isinstance(v, float):
            parts.append(f"{prefix}{k} {v:.3g}")
        elif isinstance(v, (int, str)) and len(str(v)) < 40:
            parts.append(f"{prefix}{k} {v}")
    return "; ".join(parts)


def update_readme(text: str) -> None:
    readme = REPO / "README.md"
    body = readme.read_text()
    if START not in body:
        return
    head, rest = body.split(START, 1)
    tail = rest.split(END, 1)[1] if END in rest else ""
    readme.write_text(f"{head}{START}\n{text}\n{END}{tail}")


def main(argv: list[str]) -> int:
    names = [a for a in argv if not a.startswith("-")] or BENCHMARKS
    status = run(names)
    text = summary()
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "summary.md").write_text(text + "\n\n" + confusion_tables() + "\n")
    print(text)
    for name, s in status.items():
        print(f"{name:>14}: {'ok' if s['ok'] else 'FAILED'} {s.get('seconds', '')} {s.get('note', '')}")
    if "--readme" in argv:
        update_readme(text)
    return 0 if all(s["ok"] or s.get("note") for s in status.values()) else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
