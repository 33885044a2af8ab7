"""The main job on the embedded default: the bundled demo corpus -> events, store, exports, report."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

DEMO_DATA = Path(__file__).parent / "data" / "demo"
DEMO_AGREEMENT = "syria-coh-2016"
EXPORTS = {"acled-csv": "events.csv", "geojson": "events.geojson", "parquet": "events.parquet", "jsonl": "events.jsonl"}  # not vocabulary: export format names


def demo_inputs() -> list[Path]:
    """Every input of the bundled demo: the corpus folder plus the JSONL, feed and HTML samples."""
    if not DEMO_DATA.is_dir():
        raise FileNotFoundError(f"demo data missing at {DEMO_DATA}; reinstall trucewatch")
    return sorted(p for p in DEMO_DATA.iterdir() if not p.name.startswith((".", "_")) and p.suffix != ".md")


def run(out: Path, *, fresh: bool = True, quiet: bool = False) -> dict[str, Path]:
    """Process the demo corpus into ``out/demo.duckdb``; print events and the truce status; write exports."""
    from tqdm import tqdm

    from trucewatch import export, ingest, pipeline, views
    from trucewatch.store import open_store

    out.mkdir(parents=True, exist_ok=True)
    db = out / "demo.duckdb"
    if fresh:
        for p in (db, db.with_suffix(".duckdb.wal")):
            p.unlink(missing_ok=True)
    written: dict[str, Path] = {"store": db}
    bar = tqdm(unit=" inputs", disable=quiet or not sys.stderr.isatty(), file=sys.stderr)
    with open_store(str(db)) as st:
        try:
            stats = pipeline.run(ingest.read_paths(demo_inputs(), ingest.IngestDefaults()), st, progress=bar.update)
        finally:
            bar.close()
        pipeline.judge_all(st)
        evs = st.events()
        if not quiet:
            views.print_events_table(evs)
            typer.echo(
                f"{stats.articles} article(s), {stats.skipped} skipped, {stats.mentions} mention(s) -> "
                f"{len(evs)} event(s) in {db}; {stats.words_per_second:,.0f} words/s"
            )
        refs = st.article_refs(a for ev in evs for a in ev.article_ids)
        for fmt, name in EXPORTS.items():
            export.write(evs, fmt, out / name, articles=refs)
            written[fmt] = out / name
        result = pipeline.monitor(st, DEMO_AGREEMENT)
        if not quiet:
            typer.echo(result.text)
        from trucewatch.ceasefire.report import chromium

        report = out / f"monitor-{DEMO_AGREEMENT}.html"
        # The PDF is the HTML printed by Chromium, a system package: without it the demo writes the HTML only.
        for p in pipeline.write_monitor_report(st, result, report, pdf=chromium() is not None):
            written[p.suffix.lstrip(".")] = p
        if chromium() is None and not quiet:
            typer.echo("no PDF report: install Debian's 'chromium' package to print one", err=True)
    if not quiet:
        for name, p in written.items():
            typer.echo(f"wrote {name}: {p}", err=True)
    return written
