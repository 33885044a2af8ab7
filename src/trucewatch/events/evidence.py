"""Evidence records: for every field set on a Mention, the span of article text that supports it."""

from __future__ import annotations

from typing import Any

from trucewatch.events.context import Typed
from trucewatch.events.link import Linked, Spanned
from trucewatch.events.modality import ModalityCue
from trucewatch.events.roles import Roles
from trucewatch.model import Count, EventDate, Evidence, Location, Mention

COUNT_FIELDS = {"killed": "fatalities", "injured": "injuries"}


def add_evidence(
    text: str,
    m: Mention,
    doc: Any,
    seg_start: int,
    s_abs: tuple[int, int],
    typed: Typed,
    roles: Roles,
    cue: ModalityCue,
    loc: Linked[Location] | None,
    date: Linked[EventDate] | None,
    counts: list[Spanned[Count]],
) -> None:
    """Append one Evidence per field of ``m`` (absolute offsets into the article ``text``)."""

    def ev(name: str, start: int, end: int, conf: float, method: str) -> Evidence:
        return Evidence(name, start, end, text[start:end], s_abs[0], s_abs[1], round(conf, 3), method)

    evs = m.evidence
    evs.append(
        ev("trigger", m.trigger_start, m.trigger_end, typed.confidence, "rule" if typed.rule else "default")
    )
    for name, role in (("actor1", roles.actor1), ("actor2", roles.actor2)):
        if role is not None:
            evs.append(ev(name, role.ref.start, role.ref.end, role.confidence, role.method))
    if loc is not None:
        evs.append(ev("location", loc.item.start, loc.item.end, loc.confidence, loc.method))
    if date is not None:
        d = date.item
        if d.end > d.start:
            evs.append(ev("date", d.start, d.end, date.confidence, date.method))
        else:  # caption or publication date: no span in the sentence
            evs.append(ev("date", s_abs[0], s_abs[0], date.confidence, date.method))
    for s in counts:
        evs.append(
            ev(COUNT_FIELDS.get(s.item.what, "counts"), s.item.start, s.item.end, 0.8, "count-in-sentence")
        )
    if cue.cue_start is not None and cue.cue_end is not None:
        a, b = doc[cue.cue_start], doc[cue.cue_end - 1]
        evs.append(ev("modality", seg_start + a.idx, seg_start + b.idx + len(b), 0.7, cue.kind))
    else:
        evs.append(ev("modality", m.trigger_start, m.trigger_end, 0.6, "no-cue"))
    if m.weapon:
        if typed.cue is not None:
            tok = doc[typed.cue]
            evs.append(ev("weapon", seg_start + tok.idx, seg_start + tok.idx + len(tok), 0.7, "rule-word"))
        else:
            evs.append(ev("weapon", m.trigger_start, m.trigger_end, 0.6, "trigger"))
