"""One event's fields from several reports of it: the most specific date, place and actor win, the lowest
stated toll wins, and every piece of evidence is kept."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

from trucewatch.dedup.geo import precision_of
from trucewatch.model import (
    ActorRef,
    Count,
    EventDate,
    EventFields,
    Evidence,
    Location,
    Modality,
    SegmentKind,
)

#: Lower is more certain that it happened; the merged event takes the most certain report's modality.
MODALITY_RANK = {
    Modality.OCCURRED: 0,
    Modality.CLAIMED: 1,
    Modality.DENIED: 2,
    Modality.ANNOUNCED: 3,
    Modality.THREATENED: 4,
    Modality.HYPOTHETICAL: 5,
    Modality.NEGATED: 6,
}


def representative(items: Sequence[EventFields], secondary: Collection[int] = ()) -> EventFields:
    """The report that names the event: the most confident one, the earliest on ties. Reports at the
    indices ``secondary`` (a headline, "the attack") only name it when no other report does."""
    return max(enumerate(items), key=lambda p: (p[0] not in secondary, p[1].confidence, -p[0]))[1]


def best_date(items: Sequence[EventFields]) -> EventDate | None:
    dated = [x.date for x in items if x.date is not None and x.date.first is not None]
    if not dated:
        return next((x.date for x in items if x.date is not None), None)

    def key(d: EventDate) -> tuple[int, int]:
        span = ((d.last or d.first) - d.first).days if d.first else 99999
        return (d.time_precision or (1 if span == 0 else 2), span)

    return min(dated, key=key)


def best_location(items: Sequence[EventFields]) -> Location | None:
    placed = [x.location for x in items if x.location is not None and x.location.place is not None]
    if not placed:
        return next((x.location for x in items if x.location is not None), None)
    return min(placed, key=lambda loc: (precision_of(loc) or 9, -loc.score))


def best_actor(refs: Sequence[ActorRef | None]) -> ActorRef | None:
    found = [r for r in refs if r is not None]
    if not found:
        return None
    return max(found, key=lambda r: (r.actor_id is not None, not r.implied, r.confidence))


def _union_actors(groups: Sequence[list[ActorRef]], exclude: set[str]) -> list[ActorRef]:
    seen = set(exclude)
    out: list[ActorRef] = []
    for group in groups:
        for ref in group:
            key = ref.actor_id or (ref.name or ref.text).lower()
            if key not in seen:
                seen.add(key)
                out.append(ref)
    return out


_SUMMARY = frozenset({SegmentKind.HEADLINE, SegmentKind.STANDFIRST})


def lowest_counts(items: Sequence[EventFields]) -> list[Count]:
    """Per kind of toll (killed, injured, ...), the counts of the report stating the lowest total.

    A number beats a vague word read as a number ("dozens" -> 12): the most conservative *stated* figure wins,
    vague ones only when no report gives a number; a headline's figure only when the body gives none (headlines
    name the notable victim: "Bomb kills commander" over "killing him and two bodyguards"). War-wide totals (``cumulative``) are context, not this
    event's toll; those of the representative are kept.
    """
    kinds: list[str] = []
    for x in items:
        for c in x.counts:
            if not c.cumulative and c.what not in kinds:
                kinds.append(c.what)
    out: list[Count] = []
    for what in kinds:
        stated = []
        for i, x in enumerate(items):
            cs = [c for c in x.counts if c.what == what and not c.cumulative and c.best is not None]
            if cs:
                vague = all(c.qualifier == "vague" for c in cs)
                # "Bomb kills commander": not the whole toll
                summary = getattr(x, "segment", None) in _SUMMARY
                stated.append((vague, summary, sum(c.best for c in cs if c.best is not None), i, cs))
        if stated:
            out.extend(min(stated, key=lambda t: t[:4])[4])
        else:  # only vague counts ("dozens") without a number: keep the first report's
            first = next(x for x in items if any(c.what == what and not c.cumulative for c in x.counts))
            out.extend(c for c in first.counts if c.what == what and not c.cumulative)
    rep = representative(items)
    out.extend(c for c in rep.counts if c.cumulative)
    return out


def all_evidence(items: Sequence[EventFields]) -> list[Evidence]:
    seen: set[tuple[Any, ...]] = set()
    out: list[Evidence] = []
    for x in items:
        for e in x.evidence:
            key = (e.field, e.start, e.end, e.text, e.sentence_start)
            if key not in seen:
                seen.add(key)
                out.append(e)
    return out


def combine(items: Sequence[EventFields], secondary: Collection[int] = ()) -> dict[str, Any]:
    """Keyword arguments of ``EventFields`` for the event all ``items`` report.

    ``secondary``: indices of reports that refer to the event rather than tell it (headline, "the attack");
    their type, trigger and actors are used only when no other report gives them.
    """
    if not items:
        raise ValueError("combine() needs at least one report")
    rep = representative(items, secondary)
    ordered = [rep, *(x for x in items if x is not rep)]
    primary = [x for i, x in enumerate(items) if i not in secondary]
    actor1 = best_actor([x.actor1 for x in primary]) or best_actor([x.actor1 for x in ordered])
    actor2 = best_actor([x.actor2 for x in primary]) or best_actor([x.actor2 for x in ordered])
    main = {r.actor_id or (r.name or r.text).lower() for r in (actor1, actor2) if r is not None}
    return {
        "event_type": rep.event_type,
        "sub_event_type": rep.sub_event_type,
        "trigger": rep.trigger,
        "actor1": actor1,
        "actor2": actor2,
        "assoc_actor1": _union_actors([x.assoc_actor1 for x in ordered], main),
        "assoc_actor2": _union_actors([x.assoc_actor2 for x in ordered], main),
        "location": best_location(ordered),
        "date": best_date(ordered),
        "counts": lowest_counts(ordered),
        "modality": min((x.modality for x in ordered), key=lambda m: MODALITY_RANK.get(m, 9)),
        "attributed_to": next((x.attributed_to for x in ordered if x.attributed_to), None),
        "cameo": next((x.cameo for x in ordered if x.cameo), None),
        "plover": next((x.plover for x in ordered if x.plover), None),
        "plover_mode": next((x.plover_mode for x in ordered if x.plover_mode), None),
        "weapon": next((x.weapon for x in ordered if x.weapon), None),
        "confidence": max(x.confidence for x in ordered),
        "evidence": all_evidence(ordered),
    }
