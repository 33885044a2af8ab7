"""Terminal rendering for the CLI: event tables and events with their evidence highlighted."""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from trucewatch.model import Article, Event, EventFields, Mention, Violation

#: One colour per evidence field; the legend prints in these colours.
FIELD_STYLES: dict[str, str] = {
    "trigger": "bold reverse red",
    "actor1": "bold blue",
    "actor2": "bold magenta",
    "location": "bold green",
    "date": "bold cyan",
    "fatalities": "bold yellow",
    "injuries": "yellow",
    "modality": "underline",
    "attributed_to": "italic",
}


def _console() -> Console:
    """The terminal's width; piped or logged output (CI, files) gets a table wide enough to read."""
    console = Console(highlight=False, soft_wrap=False)
    if not console.is_terminal and "COLUMNS" not in os.environ:
        console = Console(highlight=False, soft_wrap=False, width=170)
    return console


def event_row(ev: EventFields) -> dict[str, str]:
    """The few columns a monitor scans first."""
    loc = ev.location
    place = ""
    if loc is not None:
        if loc.place is not None:
            place = loc.place.name + (f", {loc.place.admin1}" if loc.place.admin1 else "") + f" ({loc.place.country})"
        else:
            place = loc.text
        if loc.relation:
            place = f"{loc.relation} {place}"
    date = ""
    if ev.date is not None and ev.date.first is not None:
        date = ev.date.first.isoformat()
        if ev.date.last and ev.date.last != ev.date.first:
            date += f"..{ev.date.last.isoformat()}"
    elif ev.date is not None:
        date = "unresolved"
    return {
        "date": date,
        "type": ev.sub_event_type,
        "actor1": _actor(ev.actor1),
        "actor2": _actor(ev.actor2),
        "location": place,
        "fatalities": "" if ev.fatalities is None else str(ev.fatalities),
        "modality": ev.modality.value,
    }


def _actor(ref: Any) -> str:
    if ref is None:
        return ""
    name = ref.name or ref.text
    return f"{name} (implied)" if ref.implied else name


def print_events_table(events: Sequence[Event]) -> None:
    table = Table(show_lines=False, header_style="bold")
    for col in ("id", "date", "type", "actor1", "actor2", "location", "fatalities", "modality", "sources"):
        table.add_column(col, overflow="fold")
    for ev in events:
        row = event_row(ev)
        table.add_row(
            ev.id, row["date"], row["type"], row["actor1"], row["actor2"], row["location"],
            row["fatalities"], row["modality"], str(ev.num_sources),
        )
    console = _console()
    console.print(table)
    console.print(f"{len(events)} event(s)")


def highlight(article_text: str, mention: Mention) -> Text:
    """The mention's sentence with each field's evidence span styled."""
    start, end = mention.sentence_start, mention.sentence_end
    text = Text(article_text[start:end])
    for ev in sorted(mention.evidence, key=lambda e: (e.end - e.start), reverse=True):
        style = FIELD_STYLES.get(ev.field)
        if style and start <= ev.start < ev.end <= end:
            text.stylize(style, ev.start - start, ev.end - start)
    return text


def print_event(
    event: Event,
    mentions: Sequence[Mention],
    articles: dict[str, Article | None],
    judgements: Sequence[Violation] = (),
) -> None:
    console = _console()
    row = event_row(event)
    console.print(f"[bold]{event.id}[/bold]  {event.event_type} / {event.sub_event_type}")
    fields = Table(show_header=True, header_style="bold", box=None)
    fields.add_column("field")
    fields.add_column("value", overflow="fold")
    fields.add_column("evidence", overflow="fold")
    fields.add_column("conf.")
    evidence = {e.field: e for e in event.evidence}
    extra = {
        "trigger": event.trigger,
        "attributed_to": event.attributed_to or "",
        "cameo": event.cameo or "",
        "plover": f"{event.plover or ''} {event.plover_mode or ''}".strip(),
        "sources": f"{event.num_sources} source(s), {event.num_articles} article(s), {event.num_mentions} mention(s)",
    }
    for name, value in [*row.items(), *extra.items()]:
        key = {"type": "trigger"}.get(name, name)
        ev = evidence.get(key)
        said, conf = (ev.text if ev else ""), (f"{ev.confidence:.2f}" if ev else "")
        if key == "fatalities" and event.fatality_rule:
            # the phrases the toll was read from, and the rule that turned them into one number
            value = f"{value or '-'} ({event.fatality_rule})"
            said = " | ".join(c.text for c in event.counts if c.what == "killed" and not c.cumulative) or said
        fields.add_row(Text(name, style=FIELD_STYLES.get(key, "")), value, said, conf)
    console.print(fields)
    for j in judgements:
        console.print(f"[bold]{j.agreement_id}[/bold]: {j.status.value} - {j.reason}")
    legend = Text("evidence: ")
    for name, style in FIELD_STYLES.items():
        legend.append(name, style=style)
        legend.append("  ")
    console.print(legend)
    for m in mentions:
        art = articles.get(m.article_id)
        head = f"[{m.segment.value}] {art.source or '?'} {art.published or ''} ({m.article_id})" if art else m.article_id
        console.print(f"\n[dim]{head}[/dim]")
        if art is not None:
            console.print(highlight(art.text, m))
        else:
            console.print(m.sentence)


def print_sources(event: Event, mentions: Sequence[Mention], articles: dict[str, Article | None]) -> None:
    console = _console()
    console.print(
        f"[bold]{event.id}[/bold]: {event.num_sources} source(s), {event.num_articles} article(s), "
        f"{event.num_mentions} mention(s)"
    )
    table = Table(header_style="bold")
    for col in ("mention", "source", "published", "url", "sentence"):  # not vocabulary: column names
        table.add_column(col, overflow="fold")
    for m in mentions:
        art = articles.get(m.article_id)
        table.add_row(
            m.id,
            (art.source if art else "") or "",
            str(art.published or "") if art else "",
            (art.url if art else "") or "",
            m.sentence,
        )
    console.print(table)
    for merge in event.merges:
        console.print(f"merged: {merge}")
