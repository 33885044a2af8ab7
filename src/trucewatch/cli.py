"""The ``trucewatch`` command line."""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

if TYPE_CHECKING:
    from trucewatch.store import Store

app = typer.Typer(
    help="Conflict news to geolocated, deduplicated, evidenced events; ceasefire monitoring.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
gazetteer_app = typer.Typer(help="The offline gazetteer (GeoNames).", no_args_is_help=True)
agreement_app = typer.Typer(help="Ceasefire agreements.", no_args_is_help=True)
app.add_typer(gazetteer_app, name="gazetteer")
app.add_typer(agreement_app, name="agreement")
import_app = typer.Typer(help="Bring UCDP GED or ACLED CSV files into the store as events.", no_args_is_help=True)
app.add_typer(import_app, name="import")

DEFAULT_STORE = "trucewatch.duckdb"
StoreOpt = Annotated[
    str,
    typer.Option("--store", "-s", envvar="TRUCEWATCH_STORE", help="DuckDB file or postgresql:// URL."),
]


@app.callback()
def _main(
    ctx: typer.Context,
    config: Annotated[
        Path | None,
        typer.Option("--config", help="TOML file of settings (else $TRUCEWATCH_CONFIG, else ./trucewatch.toml)."),
    ] = None,
) -> None:
    """Conflict news to geolocated, deduplicated, evidenced events; ceasefire monitoring."""
    from trucewatch import config as cfg

    try:
        loaded = cfg.load(config)
    except cfg.ConfigError as exc:
        _die(str(exc), 2)
    ctx.with_resource(cfg.use(loaded))  # the command's settings; restored when it ends


def _die(msg: str, code: int = 1) -> NoReturn:
    typer.secho(f"error: {msg}", fg="red", err=True)
    raise typer.Exit(code)


def _open(url: str, *, read_only: bool = False) -> Store:
    """The store; read commands open it read-only (a missing file is an error, and other processes such as
    ``trucewatch serve`` or a notebook can read it at the same time)."""
    from trucewatch.store import open_store

    try:
        return open_store(url, read_only=read_only)
    except Exception as exc:  # store errors are already worded for users
        _die(str(exc))


def _date(value: str | None, name: str) -> dt.date | None:
    """A date as users type it: 2016-04-10, 2016/04/10, 10 April 2016, April 10, 2016, 10.04.2016, ..."""
    if not value:
        return None
    from trucewatch.ingest.dates import parse_published

    day, note = parse_published(value)
    if day is None:
        _die(f"{name}: {note.replace('publication date', 'date')} (e.g. 2016-04-10 or '10 April 2016')")
    return day


def _unknown(what: str, value: str, choices: list[str]) -> None:
    import difflib

    by_lower = {c.lower(): c for c in choices}
    close = difflib.get_close_matches(value.lower(), list(by_lower), n=3, cutoff=0.5)
    close += [c for c in by_lower if value.lower() in c and c not in close][: max(0, 3 - len(close))]
    hint = f"; did you mean {' or '.join(repr(by_lower[c]) for c in close)}?" if close else ""
    _die(f"unknown {what} {value!r}{hint}")


def _choice(what: str, value: str | None, choices: list[str]) -> str | None:
    """``value`` as spelled in ``choices`` (case-insensitive), or an error with the nearest choices."""
    if not value:
        return None
    for c in choices:
        if c.lower() == value.strip().lower():
            return c
    _unknown(what, value, choices)
    return None


def _country(value: str | None) -> str | None:
    """ISO2 of a country given as ISO2, ISO3 or English name; an unknown one is an error with suggestions."""
    if not value:
        return None
    from trucewatch import countries

    iso2 = countries.resolve(value)
    if iso2 is None:
        _unknown("country", value, countries.names())
    return iso2


def _filter(**kw: Any):
    from trucewatch.model import ACLED_SUBTYPE_PARENT, ACLED_TYPES, Modality
    from trucewatch.store import EventFilter

    kw["date_from"] = _date(kw.get("date_from"), "--from")
    kw["date_to"] = _date(kw.get("date_to"), "--to")
    kw["country"] = _country(kw.get("country"))
    kw["event_type"] = _choice("event type", kw.get("event_type"), list(ACLED_TYPES))
    kw["sub_event_type"] = _choice("sub-event type", kw.get("sub_event_type"), list(ACLED_SUBTYPE_PARENT))
    kw["modality"] = _choice("modality", kw.get("modality"), [m.value for m in Modality])
    return EventFilter(**{k: v for k, v in kw.items() if v is not None})


def _check_actor(st: Store, actor: str | None) -> None:
    """An actor that no stored event names is an error with the nearest stored names."""
    if not actor:
        return
    ids = set(st.distinct_values("actor1_id")) | set(st.distinct_values("actor2_id"))
    names = set(st.distinct_values("actor1_name")) | set(st.distinct_values("actor2_name"))
    if actor in ids or any(actor.lower() in n.lower() for n in names):
        return
    _unknown("actor", actor, sorted(names | ids))


# --- ingest -------------------------------------------------------------------------


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders: .txt .html .jsonl .json .xml/.rss/.atom")],
    store: StoreOpt = DEFAULT_STORE,
    published: Annotated[str | None, typer.Option(help="Publication date for inputs without one.")] = None,
    source: Annotated[str | None, typer.Option(help="Outlet name for inputs without one.")] = None,
    url: Annotated[str | None, typer.Option(help="URL for a single input.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    workers: Annotated[int, typer.Option(help="Processes for extraction (one writer).", min=1)] = 1,
) -> None:
    """Read articles, extract events, deduplicate and store them."""
    from trucewatch import ingest as ingest_stage
    from trucewatch import pipeline

    defaults = ingest_stage.IngestDefaults(published=_date(published, "--published"), source=source, url=url)
    for p in paths:
        if not p.exists():
            _die(f"no such file or folder: {p}")
    with _open(store) as st:
        stats = _run_with_progress(pipeline, ingest_stage.read_paths(paths, defaults), st, quiet, workers)
        pipeline.judge_events(st, stats.changed_event_ids)  # only what this run wrote
    _print_run(stats)


def _run_with_progress(pipeline: Any, items: Any, store: Store, quiet: bool, workers: int = 1):
    from tqdm import tqdm

    bar = tqdm(unit=" inputs", disable=quiet or not sys.stderr.isatty(), file=sys.stderr)
    try:
        return pipeline.run(items, store, progress=bar.update, workers=workers)
    finally:
        bar.close()


def _judge(store: Store) -> None:
    from trucewatch import pipeline

    pipeline.judge_all(store)


def _print_run(stats: Any) -> None:
    typer.echo(
        f"{stats.articles} new article(s), {stats.duplicates} already stored, {stats.skipped} skipped; "
        f"{stats.mentions} event mention(s) -> {stats.events_new} new event(s), "
        f"{stats.events_merged} merged into existing; {stats.words_per_second:,.0f} words/s"
    )
    for skip in stats.skips:
        typer.secho(f"  skipped {skip.origin} [{skip.stage}]: {skip.reason}", fg="yellow", err=True)


# --- events -------------------------------------------------------------------------


@app.command("events")
def list_events(
    store: StoreOpt = DEFAULT_STORE,
    date_from: Annotated[str | None, typer.Option("--from", help="First date (YYYY-MM-DD).")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Last date (YYYY-MM-DD).")] = None,
    country: Annotated[str | None, typer.Option(help="ISO 3166-1 alpha-2 code.")] = None,
    event_type: Annotated[str | None, typer.Option("--type", help="ACLED event type.")] = None,
    sub_event_type: Annotated[str | None, typer.Option("--sub-type", help="ACLED sub-event type.")] = None,
    actor: Annotated[str | None, typer.Option(help="Actor id or name (substring).")] = None,
    modality: Annotated[str | None, typer.Option(help="occurred, announced, claimed, denied, ...")] = None,
    limit: Annotated[int, typer.Option(help="At most this many rows.")] = 200,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, json or csv.")] = "table",
) -> None:
    """List events."""
    from trucewatch import views

    flt = _filter(
        date_from=date_from, date_to=date_to, country=country,
        event_type=event_type, sub_event_type=sub_event_type, actor=actor, modality=modality,
    )
    with _open(store, read_only=True) as st:
        _check_actor(st, actor)
        evs = st.events(flt, limit=limit)
        refs = st.article_refs(a for ev in evs for a in ev.article_ids) if fmt == "csv" else None
    if fmt == "table":
        views.print_events_table(evs)
    elif fmt == "json":
        from trucewatch.model import to_record

        typer.echo(json.dumps([to_record(e) for e in evs], ensure_ascii=False, indent=1))
    elif fmt == "csv":
        from trucewatch import export

        export.write(evs, "acled-csv", sys.stdout, all_modalities=True, articles=refs)
    else:
        _die(f"unknown format {fmt!r}: use table, json or csv")


@app.command()
def show(event_id: str, store: StoreOpt = DEFAULT_STORE) -> None:
    """One event with every field's evidence highlighted in its sentence."""
    from trucewatch import views

    with _open(store, read_only=True) as st:
        ev = st.event(event_id)
        if ev is None:
            _die(f"no event {event_id!r}")
        mentions = st.mentions(event_id=event_id)
        articles = {m.article_id: st.article(m.article_id) for m in mentions}
        judgements = st.violations_for_event(event_id)
    views.print_event(ev, mentions, articles, judgements)


@app.command()
def sources(event_id: str, store: StoreOpt = DEFAULT_STORE) -> None:
    """The articles and outlets behind one event, and why its mentions were merged."""
    from trucewatch import views

    with _open(store, read_only=True) as st:
        ev = st.event(event_id)
        if ev is None:
            _die(f"no event {event_id!r}")
        mentions = st.mentions(event_id=event_id)
        articles = {m.article_id: st.article(m.article_id) for m in mentions}
    views.print_sources(ev, mentions, articles)


@app.command()
def split(
    event_id: str,
    mention_ids: Annotated[list[str], typer.Argument(help="Mentions to move into a new event.")],
    store: StoreOpt = DEFAULT_STORE,
) -> None:
    """Undo a wrong merge: move mentions out of an event. Remembered on re-runs."""
    from trucewatch import pipeline

    with _open(store) as st:
        try:
            kept, moved = pipeline.split_event(st, event_id, mention_ids)
        except (KeyError, ValueError) as exc:
            _die(str(exc))
        _judge(st)
    typer.echo(f"kept {kept.id} ({kept.num_mentions} mention(s)); new {moved.id} ({moved.num_mentions})")


@app.command("export")
def export_cmd(
    fmt: Annotated[str, typer.Option("--format", "-f", help="acled-csv, geojson, parquet, jsonl or json.")],
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Output file (stdout if omitted).")] = None,
    store: StoreOpt = DEFAULT_STORE,
    date_from: Annotated[str | None, typer.Option("--from")] = None,
    date_to: Annotated[str | None, typer.Option("--to")] = None,
    country: Annotated[str | None, typer.Option(help="ISO code or English name.")] = None,
    modality: Annotated[str | None, typer.Option(help="occurred, claimed, announced, ...")] = None,
    excel: Annotated[bool, typer.Option(help="CSV with a byte-order mark for Excel.")] = False,
    all_modalities: Annotated[
        bool, typer.Option(help="ACLED CSV: keep announced, threatened, denied, negated and hypothetical events.")
    ] = False,
) -> None:
    """Write events in a format analysts already load (the ACLED CSV holds occurred and claimed events)."""
    from trucewatch import export

    if fmt not in export.FORMATS:
        _die(f"unknown format {fmt!r}: use one of {', '.join(export.FORMATS)}")
    if fmt == "parquet" and out is None:
        _die("parquet needs --out FILE")
    if excel and fmt != "acled-csv":
        _die("--excel applies to --format acled-csv only")
    flt = _filter(date_from=date_from, date_to=date_to, country=country, modality=modality)
    opts: dict[str, Any] = {"excel": excel, "all_modalities": all_modalities} if fmt == "acled-csv" else {}
    with _open(store, read_only=True) as st:
        evs = st.events(flt)
        opts["articles"] = st.article_refs(a for ev in evs for a in ev.article_ids)
        n = export.write(evs, fmt, sys.stdout if out is None else out, **opts)
    if out is not None:
        typer.echo(f"wrote {n} event(s) to {out}", err=True)


@app.command()
def stats(store: StoreOpt = DEFAULT_STORE) -> None:
    """Row counts of the store."""
    with _open(store, read_only=True) as st:
        for table, n in st.stats().items():
            typer.echo(f"{table:>16}  {n}")


@app.command()
def skips(store: StoreOpt = DEFAULT_STORE) -> None:
    """Inputs that could not be processed, and why."""
    with _open(store, read_only=True) as st:
        for s in st.skips():
            typer.echo(f"{s.origin}\t{s.stage}\t{s.reason}")


@app.command("rules")
def rules_cmd(
    phase: Annotated[str | None, typer.Option("--phase", help="Only this phase's rules.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="JSON instead of a table.")] = False,
) -> None:
    """The extraction rules in run order: name, phase, reason, module, and whether the settings switch it off."""
    from trucewatch import rules
    from trucewatch.config import settings

    off = set(settings().rules_off)
    try:
        rules.check_names(off)
        listed = rules.registry(phase)
    except rules.RuleError as exc:
        _die(str(exc))
    rows = [
        {"name": r.name, "phase": r.phase, "reason": r.reason, "module": r.module, "off": r.name in off}  # not vocabulary
        for r in listed
    ]
    if as_json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    for row in rows:
        state = "off" if row["off"] else "on"
        typer.echo(f"{row['phase']:<18} {row['name']:<36} {state:<3}  {row['module']}  {row['reason']}")


# --- places -------------------------------------------------------------------------


@app.command()
def geoparse(file: Path) -> None:
    """Print every toponym of a text file as JSON Lines (offsets, GeoNames id, coordinates, score)."""
    from trucewatch import places

    if not file.exists():
        _die(f"no such file: {file}")
    text = file.read_text(encoding="utf-8", errors="replace")
    for rec in places.geoparse(text):
        typer.echo(json.dumps(rec, ensure_ascii=False))


@gazetteer_app.command("import")
def gazetteer_import(
    file: Path,
    country: Annotated[
        list[str] | None, typer.Option("--country", "-c", help="Keep only this country (ISO alpha-2); repeatable.")
    ] = None,
    reference_points: Annotated[
        bool,
        typer.Option(help="Keep only countries and first-level divisions: GeoNames' own points for them."),
    ] = False,
) -> None:
    """Load a GeoNames dump (allCountries.txt, SY.txt), a GeoNames-style TSV with a header, or a folder of them."""
    from trucewatch import places

    if not file.exists():
        _die(f"no such file: {file}")
    try:
        n = places.import_geonames(file, countries=country or None, reference_points=reference_points)
    except places.GeoNamesFormatError as exc:
        _die(str(exc))
    typer.echo(f"imported {n} place(s) from {file}")


@gazetteer_app.command("build")
def gazetteer_build() -> None:
    """Build (or rebuild) the gazetteer index from the installed GeoNames packages."""
    from trucewatch import places

    places.load_gazetteer(rebuild=True)
    typer.echo("gazetteer index ready")


# --- ceasefires ------------------------------------------------------------------------


@agreement_app.command("add")
def agreement_add(file: Path, store: StoreOpt = DEFAULT_STORE) -> None:
    """Validate an agreement file and add it to the store; events are judged against it."""
    from trucewatch import ceasefire

    try:
        agreement = ceasefire.load_agreement_file(file)
    except Exception as exc:
        _die(str(exc))
    with _open(store) as st:
        st.save_agreement(agreement)
        _judge(st)
    typer.echo(f"added agreement {agreement.id}: {agreement.name}")


@agreement_app.command("list")
def agreement_list(store: StoreOpt = DEFAULT_STORE) -> None:
    """Agreements known to the store and the package."""
    from trucewatch import pipeline

    with _open(store, read_only=True) as st:
        for a in pipeline.all_agreements(st):
            end = a.end.isoformat() if a.end else "open-ended"
            typer.echo(f"{a.id}\t{a.name}\t{a.start.isoformat()} .. {end}")


@app.command()
def monitor(
    agreement_id: Annotated[str, typer.Argument(help="Agreement id, e.g. syria-coh-2016.")],
    store: StoreOpt = DEFAULT_STORE,
    report: Annotated[Path | None, typer.Option(help="Write an HTML report (and PDF with --pdf).")] = None,
    pdf: Annotated[bool, typer.Option(help="Also write a PDF next to the HTML report.")] = False,
    as_of: Annotated[str | None, typer.Option(help="Judge the status as of this date.")] = None,
) -> None:
    """A truce's status (holding, strained, collapsing, insufficient data) with the reason, per party and area."""
    from trucewatch import pipeline

    with _open(store, read_only=True) as st:
        try:
            result = pipeline.monitor(st, agreement_id, as_of=_date(as_of, "--as-of"))
        except KeyError as exc:
            _die(str(exc))
        typer.echo(result.text)
        if report:
            from trucewatch.ceasefire.report import PdfError

            try:
                paths = pipeline.write_monitor_report(st, result, report, pdf=pdf)
            except PdfError as exc:
                _die(str(exc))
            for p in paths:
                typer.echo(f"wrote {p}", err=True)


def _import(kind: str, file: Path, store: str) -> None:
    from trucewatch import actors, importers

    if not file.is_file():
        _die(f"no such file: {file}")
    try:
        events, skips = importers.FORMATS[kind](file, actors.load_dictionary())
    except importers.ImportFormatError as exc:
        _die(str(exc))
    with _open(store) as st:
        added = importers.write(st, events, skips)
        _judge(st)
    typer.echo(f"{len(events)} event(s) read from {file}: {added} new, {len(events) - added} replaced; "
               f"{len(skips)} row(s) skipped")
    for s in skips[:20]:
        typer.secho(f"  skipped {s.origin}: {s.reason}", fg="yellow", err=True)


@import_app.command("ucdp")
def import_ucdp(file: Path, store: StoreOpt = DEFAULT_STORE) -> None:
    """UCDP GED CSV (CC BY 4.0: credit "UCDP Georeferenced Event Dataset, Sundberg & Melander 2013")."""
    _import("ucdp", file, store)


@import_app.command("acled")
def import_acled(file: Path, store: StoreOpt = DEFAULT_STORE) -> None:
    """ACLED CSV export (event_date, event_type, sub_event_type, actor1, ... columns)."""
    _import("acled", file, store)


# --- serving and the demo ------------------------------------------------------------------


@app.command()
def serve(
    store: StoreOpt = DEFAULT_STORE,
    host: Annotated[str, typer.Option(help="Interface to bind.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port.")] = 8321,
    token_file: Annotated[
        Path | None,
        typer.Option("--token-file", help="File holding the bearer token required for writes (first line)."),
    ] = None,
    token: Annotated[
        str | None,
        typer.Option(envvar="TRUCEWATCH_TOKEN", hidden=True,
                     help="The token itself (visible to other users in `ps`: prefer --token-file)."),
    ] = None,
) -> None:
    """REST API and dashboard on localhost. Writes need a token: --token-file or TRUCEWATCH_TOKEN. Without a token
    the store is opened read-only, so `trucewatch events`, `show`, `export` and notebooks can read it meanwhile."""
    if token_file is not None:
        try:
            lines = token_file.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise typer.BadParameter(f"cannot read {token_file}: {exc}", param_hint="--token-file") from None
        token = lines[0].strip() if lines else ""
    if token is None and token_file is None and os.environ.get("TRUCEWATCH_TOKEN") is not None:
        token = os.environ["TRUCEWATCH_TOKEN"]  # set but empty: refused below, not taken for "no token"
    if token is not None and not token.strip():
        typer.secho("error: the token is empty; writes would need no secret. Refusing to start.", fg="red", err=True)
        raise typer.Exit(2)
    import uvicorn

    from trucewatch.api import create_app
    from trucewatch.store import StoreError

    if token is None and "://" not in store and store != ":memory:" and not Path(store).expanduser().is_file():
        _die(f"no store at {store} (create one with `trucewatch ingest FILES --store {store}`, or pass --token "
             "to accept articles over the API)")
    try:
        application = create_app(store, token=token)
    except StoreError as exc:
        _die(str(exc))
    uvicorn.run(application, host=host, port=port, log_level="info")


@app.command("spark")
def spark_cmd(
    inputs: Annotated[list[Path], typer.Argument(help="Files or folders, as for ingest (readable by every worker).")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder (events, articles, skips as Parquet).")],
    master: Annotated[str, typer.Option(help="Spark master URL, e.g. local[4] or spark://host:7077.")] = "local[*]",
    partitions: Annotated[int | None, typer.Option(help="Tasks for extraction and merging (default: Spark's).")] = None,
    store: Annotated[str | None, typer.Option("--store", "-s", help="Also load the output into this store.")] = None,
    published: Annotated[str | None, typer.Option(help="Publication date for inputs without one.")] = None,
    source: Annotated[str | None, typer.Option(help="Outlet name for inputs without one.")] = None,
) -> None:
    """Ingest on Apache Spark: the same events and ids as `ingest` into a new store (needs pyspark, Java 17+)."""
    from trucewatch import ingest as ingest_stage
    from trucewatch.scale import spark

    defaults = ingest_stage.IngestDefaults(published=_date(published, "--published"), source=source)
    for p in inputs:
        if not p.exists():
            _die(f"no such file or folder: {p}")
    try:
        run = spark.run(list(inputs), out, master=master, partitions=partitions, defaults=defaults)
    except spark.SparkMissing as exc:
        _die(str(exc))
    typer.echo(f"{run.articles} article(s), {run.duplicates} duplicate(s), {run.skipped} skipped; "
               f"{run.events} event(s) in {run.groups} dedup group(s) (largest {run.largest_group}) -> {out}")
    if store is not None:
        _load(out, store)


@app.command("load")
def load_cmd(
    folder: Annotated[Path, typer.Argument(help="Output folder of `trucewatch spark`.")],
    store: StoreOpt = DEFAULT_STORE,
) -> None:
    """Write the output of `trucewatch spark` into a store (DuckDB or PostgreSQL) and judge its events."""
    if not (folder / "articles").is_dir():
        _die(f"{folder} is not an output folder of `trucewatch spark` (no articles/ in it)")
    _load(folder, store)


def _load(folder: Path, store: str) -> None:
    from trucewatch.scale import local

    with _open(store) as st:
        stats = local.load(folder, st)
    _print_run(stats)


@app.command()
def demo(
    out: Annotated[Path, typer.Option(help="Folder for the store, exports and report.")] = Path("out"),
    keep: Annotated[bool, typer.Option(help="Keep an existing demo store instead of starting fresh.")] = False,
) -> None:
    """Process the bundled demo corpus: events into out/demo.duckdb, a summary, exports and a report."""
    from trucewatch import demo as demo_mod

    demo_mod.run(out, fresh=not keep)


# --- settings -------------------------------------------------------------------------------


@app.command("settings")
def settings_cmd(
    as_json: Annotated[bool, typer.Option("--json", help="JSON: each setting's name, type, default, variable, help, value, source.")] = False,
) -> None:
    """Every setting with its value and where it came from (default, file, environment); the output is a
    valid configuration file."""
    from trucewatch import config as cfg

    current = cfg.settings()
    rows = [{**d, "value": getattr(current, d["name"]), "source": current.source(d["name"])} for d in cfg.describe()]
    if as_json:
        typer.echo(json.dumps(rows, indent=1, ensure_ascii=False))
        return
    for r in rows:
        typer.echo(f"# {r['help']} ({r['source']}; {r['env'] or 'no environment variable'})")
        typer.echo(f"{r['name']} = {cfg.toml_value(r['value'])}")


def main() -> None:
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    app()


if __name__ == "__main__":
    main()
