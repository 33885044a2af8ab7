"""Offline reports of a MonitorResult: one self-contained HTML file (inline SVG charts, the event list with its
sources, a map over the dashboard's boundary files) and a PDF, which is that HTML printed by headless Chromium."""

from __future__ import annotations

import datetime as dt
import functools
import html
import io
import json
import shutil
import subprocess
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from .colours import party_colour  # noqa: E402
from .monitor import MonitorResult  # noqa: E402

#: Boundary files installed with the dashboard (scripts/web-assets.sh): countries and first-level divisions.
GEODATA = Path(__file__).resolve().parent.parent / "web" / "static" / "vendor" / "geodata"
#: Article id -> its outlet, title, URL; event id -> its articles' ids (see ``write_report``).
Sources = Mapping[str, Sequence[Mapping[str, Any]]]

STATUS_COLOURS = {
    "violation": "#c0392b",
    "contested": "#e67e22",
    "alleged": "#8e44ad",
    "threat": "#7f8c8d",
    "unattributable": "#2c3e50",
    "not_violation": "#bdc3c7",
}
LEVEL_COLOURS = {  # not vocabulary: status levels
    "holding": "#2e7d32",
    "strained": "#ef6c00",
    "collapsing": "#c62828",
    "insufficient data": "#607d8b",
}
TABLES = ("status", "vs_baseline", "by_party", "by_admin1", "judgements", "weekly", "events")


def _clean(text: object) -> str:
    """Plain text for chart labels: no markup characters from articles."""
    return str(text).replace("<", "‹").replace(">", "›").replace("&", "+")[:60]


def daily_figure(result: MonitorResult) -> Figure:
    """Daily confirmed violations per party, the pre-agreement window in grey, the start marked."""
    fig, ax = plt.subplots(figsize=(9, 3.6))
    start = result.agreement.start.date()
    daily = result.tables["daily"]
    pre = result.daily[[d < start for d in result.daily.index]]
    if len(pre):
        ax.bar(
            list(pre.index), pre.to_numpy(), color="#cfd8dc", width=0.9, label="before (would-be violations)"
        )
    if not daily.empty:
        pivot = daily.pivot_table(
            index="day", columns="party", values="violations", aggfunc="sum", fill_value=0
        )
        bottom = None
        for party in pivot.columns:
            values = pivot[party].to_numpy()
            ax.bar(list(pivot.index), values, bottom=bottom, width=0.9, label=_clean(party),
                   color=party_colour(str(party), result.agreement))
            bottom = values if bottom is None else bottom + values
    ax.axvline(start, color="black", linestyle="--", linewidth=1)  # type: ignore[arg-type]
    ax.annotate(
        "agreement starts",
        (start, 1),
        xycoords=("data", "axes fraction"),
        xytext=(4, -12),
        textcoords="offset points",
        fontsize=8,
    )  # type: ignore[arg-type]
    ax.set_ylabel("violations per day")
    ax.set_title(_clean(result.agreement.name), fontsize=10)
    if ax.get_legend_handles_labels()[0]:
        ax.legend(fontsize=7, loc="upper center", bbox_to_anchor=(0.5, -0.22), ncol=3, frameon=False)
    fig.autofmt_xdate()
    fig.tight_layout()
    return fig


def _extent(result: MonitorResult, lons: list[float], lats: list[float]) -> tuple[float, float, float, float]:
    geom = result.agreement.polygon
    if result.bbox:
        return result.bbox
    if geom:
        rings = geom["coordinates"] if geom.get("type") == "MultiPolygon" else [geom["coordinates"]]
        xs = [p[0] for poly in rings for p in poly[0]]
        ys = [p[1] for poly in rings for p in poly[0]]
        return min(xs), min(ys), max(xs), max(ys)
    if lons:
        return min(lons) - 0.5, min(lats) - 0.5, max(lons) + 0.5, max(lats) + 0.5
    return -180.0, -90.0, 180.0, 90.0


@functools.cache
def _boundaries(name: str) -> list[list[tuple[float, float]]]:
    """Outer rings of every polygon in a shipped GeoJSON boundary file (empty when not installed)."""
    path = GEODATA / name
    if not path.is_file():
        return []
    rings = []
    for feat in json.loads(path.read_text(encoding="utf-8")).get("features", []):
        geom = feat.get("geometry") or {}
        polys = geom.get("coordinates", [])
        if geom.get("type") == "Polygon":
            polys = [polys]
        elif geom.get("type") != "MultiPolygon":
            continue
        rings += [[(float(x), float(y)) for x, y, *_ in poly[0]] for poly in polys if poly]
    return rings


def _draw_boundaries(ax: Any, result: MonitorResult, box: tuple[float, float, float, float]) -> bool:
    """Countries (filled) and the agreement countries' provinces (dashed) inside ``box``; False without files."""
    w, s, e, n = box

    def visible(ring: list[tuple[float, float]]) -> bool:
        xs, ys = [p[0] for p in ring], [p[1] for p in ring]
        return min(xs) <= e and max(xs) >= w and min(ys) <= n and max(ys) >= s

    countries = [r for r in _boundaries("countries.json") if visible(r)]
    for ring in countries:
        ax.fill([p[0] for p in ring], [p[1] for p in ring], facecolor="#f2efe6", edgecolor="#8a8a8a",
                linewidth=0.6, zorder=0)
    for iso in result.agreement.countries:
        for ring in _boundaries(f"admin1/{iso.upper()}.json"):
            if visible(ring):
                ax.plot([p[0] for p in ring], [p[1] for p in ring], color="#b0b0b0", linewidth=0.4,
                        linestyle="--", zorder=1)
    return bool(countries)


def map_figure(result: MonitorResult) -> Figure:
    """Judged events as points coloured by status over the shipped country and province boundaries, with the
    agreement's area outlined."""
    frame = result.tables["events"].dropna(subset=["lat", "lon"])
    fig, ax = plt.subplots(figsize=(6, 5))
    w, s, e, n = _extent(result, frame["lon"].tolist(), frame["lat"].tolist())
    pad0 = 0.05 * max(e - w, n - s)
    if _draw_boundaries(ax, result, (w - pad0, s - pad0, e + pad0, n + pad0)):
        ax.set_facecolor("#d6e6ef")
    ax.add_patch(plt.Rectangle((w, s), e - w, n - s, fill=False, linestyle=":", color="#607d8b"))
    geom = result.agreement.polygon
    if geom:
        polys = geom["coordinates"] if geom.get("type") == "MultiPolygon" else [geom["coordinates"]]
        for poly in polys:
            ring = poly[0]
            ax.plot([p[0] for p in ring], [p[1] for p in ring], color="#37474f", linewidth=1)
    start = result.agreement.start.date()
    frame = frame[frame["day"].isna() | (frame["day"] >= start)]
    order = ["not_violation", "threat", "unattributable", "alleged", "contested", "violation"]
    for status_name in order:  # confirmed violations drawn last, on top
        sel = frame[frame["status"] == status_name]
        if sel.empty:
            continue
        spots = sel.groupby(["lon", "lat"]).agg(n=("event_id", "count")).reset_index()
        ax.scatter(
            spots["lon"],
            spots["lat"],
            s=10 + 8 * spots["n"].clip(upper=60),
            color=STATUS_COLOURS[status_name],
            alpha=0.35 if status_name == "not_violation" else 0.7,
            edgecolors="white",
            linewidths=0.5,
            label=status_name.replace("_", " "),
        )
    pad = 0.05 * max(e - w, n - s)
    ax.set_xlim(w - pad, e + pad)
    ax.set_ylim(s - pad, n + pad)
    ax.set_aspect("equal", adjustable="box")
    ax.set_xlabel("longitude")
    ax.set_ylabel("latitude")
    ax.set_title("judged events since the start (size: number of events)", fontsize=10)
    if ax.get_legend_handles_labels()[0]:
        legend = ax.legend(fontsize=7, loc="lower right")
        for handle in legend.legend_handles:
            handle.set_sizes([30])  # type: ignore[union-attr]
    fig.tight_layout()
    return fig


def _svg(fig: Figure) -> str:
    buf = io.StringIO()
    fig.savefig(buf, format="svg")
    plt.close(fig)
    text = buf.getvalue()
    return text[text.find("<svg") :]


_CSS = (
    "body{font-family:sans-serif;max-width:1100px;margin:1em auto;padding:0 1em}"
    "table{border-collapse:collapse;font-size:12px;margin-bottom:1em}td,th{border:1px solid #ccc;padding:2px 6px}"
    "pre,.method{background:#f5f5f5;padding:.6em;white-space:pre-wrap;overflow-wrap:anywhere}"
    ".badge{color:#fff;padding:2px 8px;border-radius:4px}svg{max-width:100%;height:auto}"
    "td a{overflow-wrap:anywhere}"
    "@page{size:A4;margin:12mm}@media print{body{max-width:none;margin:0;padding:0}"
    "h2{break-after:avoid}tr,svg,li{break-inside:avoid}table{font-size:9px;width:100%}}"
)


def _link(url: Any, text: str) -> str:
    """An escaped link to an article (http/https only); plain text otherwise."""
    label = html.escape(text)
    if isinstance(url, str) and url.lower().startswith(("http://", "https://")):
        return f'<a href="{html.escape(url, quote=True)}">{label}</a>'
    return label


def _event_list(result: MonitorResult, sources: Sources | None) -> str:
    """Every judged event, newest last, with its outlets linked to the articles."""
    df = result.tables.get("events")
    if df is None or df.empty:
        return "<p>no judged events</p>"
    cols = ["day", "status", "party", "against", "sub_event_type", "admin1", "fatalities", "reason"]
    head = "".join(f"<th>{html.escape(c.replace('_', ' '))}</th>" for c in [*cols, "sources", "event"])
    rows = []
    for rec in df.to_dict("records"):
        cells = "".join(f"<td>{html.escape('' if _missing(rec.get(c)) else str(rec.get(c)))}</td>" for c in cols)
        refs = (sources or {}).get(str(rec["event_id"]), [])
        links = "<br>".join(_link(r.get("url"), str(r.get("source") or r.get("url") or "article")) for r in refs)
        rows.append(f"<tr>{cells}<td>{links}</td><td>{html.escape(str(rec['event_id']))}</td></tr>")
    return f'<table class="events"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and value != value)


def _source_list(sources: Sources | None) -> str:
    """The articles behind the judged events: outlet, date, title, link."""
    seen: dict[str, Mapping[str, Any]] = {}
    for refs in (sources or {}).values():
        for r in refs:
            seen.setdefault(str(r.get("article_id") or r.get("url") or r.get("title")), r)
    if not seen:
        return "<p>none recorded</p>"
    items = []
    for r in sorted(seen.values(), key=lambda r: (str(r.get("published") or ""), str(r.get("source") or ""))):
        label = " · ".join(str(x) for x in (r.get("source"), r.get("published"), r.get("title")) if x)
        items.append(f"<li>{_link(r.get('url'), label or 'article')}</li>")
    return "<ol class=\"sources\">" + "".join(items) + "</ol>"


def _html(result: MonitorResult, charts: list[str], sources: Sources | None = None) -> str:
    a = result.agreement
    level = result.status
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{html.escape(a.name)}: {html.escape(level)}</title>",
        f"<style>{_CSS}</style></head><body>",
        f"<h1>{html.escape(a.name)}</h1>",
        f'<p>Status as of {result.as_of.isoformat()}: <span class="badge" style="background:'
        f'{LEVEL_COLOURS.get(level, "#555")}">{html.escape(level)}</span></p>',
        f"<pre>{html.escape(result.text)}</pre>",
        "<h2>Daily violations</h2>",
        charts[0],
        "<h2>Map</h2>",
        charts[1],
        "<h2>Alerts</h2>",
    ]
    if result.alerts:
        parts.append("<ul>")
        for al in result.alerts:
            ev = ", ".join(al.evidence[:15])
            parts.append(f"<li>{html.escape(al.message)}<br><small>evidence: {html.escape(ev)}</small></li>")
        parts.append("</ul>")
    else:
        parts.append("<p>none</p>")
    for name in TABLES:
        df = result.tables.get(name)
        if df is None or name == "events":
            continue
        parts.append(f"<h2>{html.escape(name.replace('_', ' '))}</h2>")
        parts.append(df.to_html(index=False, escape=True, na_rep="", float_format=lambda v: f"{v:.3g}"))
    parts.append("<h2>Events</h2>")
    parts.append(_event_list(result, sources))
    parts.append("<h2>Sources</h2>")
    parts.append(_source_list(sources))
    parts.append(f'<p class="method"><small>method: {html.escape(_method(result))}</small></p>')
    parts.append(f"<p><small>agreement notes: {html.escape(a.notes)}</small></p>")
    if not GEODATA.is_dir():
        parts.append("<p><small>map without boundaries: install the dashboard's files (scripts/web-assets.sh)"
                     "</small></p>")
    parts.append(f"<p><small>generated {dt.datetime.now(dt.UTC).isoformat(timespec='seconds')}</small></p>")
    parts.append("</body></html>")
    return "\n".join(parts)


def _method(result: MonitorResult) -> str:
    p = result.params
    return (
        f"status rule: the last {p.window} days' confirmed violations against the {p.baseline_days} days before "
        f"the agreement, as a rate ratio with an exact {p.confidence:.0%} interval (ratio of two Poisson rates); "
        f"collapsing when its lower bound >= {p.collapsing_ratio:g}, strained when >= {p.strained_ratio:g}, "
        f"holding when its upper bound < {p.holding_ratio:g}, otherwise insufficient data."
    )


class PdfError(RuntimeError):
    """The PDF could not be printed; the message says what to install or what went wrong."""


def chromium() -> str | None:
    """The Chromium (or Chrome) executable: the setting ``chromium`` (``TRUCEWATCH_CHROMIUM``), else the first
    one on PATH."""
    from trucewatch.config import settings

    given = settings().chromium
    if given:
        return given
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):  # not vocabulary: browser executables
        found = shutil.which(name)
        if found:
            return found
    return None


def print_pdf(page: Path, pdf: Path, *, timeout: float = 180) -> Path:
    """Print an HTML file to PDF with headless Chromium (A4, no header or footer); nothing is fetched."""
    exe = chromium()
    if exe is None:
        raise PdfError(
            "PDF reports are printed by headless Chromium, which is not installed: install Debian's 'chromium' "
            "package (apt-get install chromium) or set TRUCEWATCH_CHROMIUM to a Chrome/Chromium executable; "
            "the HTML report was written"
        )
    pdf.parent.mkdir(parents=True, exist_ok=True)
    pdf.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(prefix="trucewatch-chromium-") as profile:
        cmd = [
            exe, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-extensions", f"--user-data-dir={profile}", "--no-pdf-header-footer",
            f"--print-to-pdf={pdf.resolve()}", page.resolve().as_uri(),
        ]
        try:
            done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired as exc:
            raise PdfError(f"Chromium did not print {page} within {timeout:.0f} s") from exc
    if not pdf.is_file() or pdf.stat().st_size == 0:
        tail = (done.stderr or "").strip().splitlines()[-3:]
        raise PdfError(f"Chromium could not print {page} (exit {done.returncode}): {' | '.join(tail)}")
    return pdf


def write_report(
    result: MonitorResult, path_html: str | Path, pdf: str | Path | None = None, sources: Sources | None = None
) -> list[Path]:
    """Write the HTML report (and, when ``pdf`` is given, the same page printed by headless Chromium).

    ``sources`` maps an event id to its articles (``source``, ``url``, ``title``, ``published``, ``article_id``);
    the event list links each event to them. Returns the paths written.
    """
    out = Path(path_html)
    out.parent.mkdir(parents=True, exist_ok=True)
    charts = [_svg(daily_figure(result)), _svg(map_figure(result))]
    out.write_text(_html(result, charts, sources), encoding="utf-8")
    written = [out]
    if pdf is not None:
        written.append(print_pdf(out, Path(pdf)))
    return written
