"""Offline reports of a MonitorResult: one self-contained HTML file (inline SVG charts) and a PDF."""

from __future__ import annotations

import datetime as dt
import html
import io
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.backends.backend_pdf import PdfPages  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from .monitor import MonitorResult  # noqa: E402

STATUS_COLOURS = {
    "violation": "#c0392b",
    "contested": "#e67e22",
    "alleged": "#8e44ad",
    "threat": "#7f8c8d",
    "unattributable": "#2c3e50",
    "not_violation": "#bdc3c7",
}
LEVEL_COLOURS = {
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
            ax.bar(list(pivot.index), values, bottom=bottom, width=0.9, label=_clean(party))
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


def map_figure(result: MonitorResult) -> Figure:
    """Judged events as points on lon/lat, coloured by status, with the agreement's area outlined."""
    frame = result.tables["events"].dropna(subset=["lat", "lon"])
    fig, ax = plt.subplots(figsize=(6, 5))
    w, s, e, n = _extent(result, frame["lon"].tolist(), frame["lat"].tolist())
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


def _html(result: MonitorResult, charts: list[str]) -> str:
    a = result.agreement
    level = result.status
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{html.escape(a.name)}: {html.escape(level)}</title>",
        "<style>body{font-family:sans-serif;max-width:1100px;margin:1em auto;padding:0 1em}"
        "table{border-collapse:collapse;font-size:12px;margin-bottom:1em}td,th{border:1px solid #ccc;padding:2px 6px}"
        "pre{background:#f5f5f5;padding:.6em;white-space:pre-wrap}.badge{color:#fff;padding:2px 8px;border-radius:4px}"
        "</style></head><body>",
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
        if df is None:
            continue
        parts.append(f"<h2>{html.escape(name.replace('_', ' '))}</h2>")
        parts.append(df.to_html(index=False, escape=True, na_rep="", float_format=lambda v: f"{v:.3g}"))
    parts.append(f"<p><small>method: {html.escape(_method(result))}</small></p>")
    parts.append(f"<p><small>agreement notes: {html.escape(a.notes)}</small></p>")
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


def _text_page(pdf: PdfPages, title: str, body: str) -> None:
    fig = plt.figure(figsize=(8.27, 11.69))
    fig.text(0.05, 0.97, title, fontsize=13, va="top")
    fig.text(0.05, 0.94, body, fontsize=7, family="monospace", va="top")
    pdf.savefig(fig)
    plt.close(fig)


def write_report(result: MonitorResult, path_html: str | Path, pdf: str | Path | None = None) -> list[Path]:
    """Write the HTML report (and a PDF when ``pdf`` is given); returns the paths written."""
    out = Path(path_html)
    out.parent.mkdir(parents=True, exist_ok=True)
    charts = [_svg(daily_figure(result)), _svg(map_figure(result))]
    out.write_text(_html(result, charts), encoding="utf-8")
    written = [out]
    if pdf is not None:
        pdf_path = Path(pdf)
        pdf_path.parent.mkdir(parents=True, exist_ok=True)
        with PdfPages(pdf_path) as doc:
            _text_page(doc, _clean(result.agreement.name), result.text + "\n\n" + _method(result))
            for fig in (daily_figure(result), map_figure(result)):
                doc.savefig(fig)
                plt.close(fig)
            for name in ("status", "vs_baseline", "by_party", "by_admin1", "judgements"):
                df = result.tables.get(name)
                if df is not None:
                    _text_page(
                        doc, name.replace("_", " "), df.to_string(index=False, max_rows=80, max_colwidth=40)
                    )
        written.append(pdf_path)
    return written
