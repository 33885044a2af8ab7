"""One event's fields from several reports of it: the most specific date, place and actor win, the lowest
stated toll wins, and every piece of evidence is kept."""

from __future__ import annotations

import itertools
from collections.abc import Collection, Sequence
from typing import Any

from trucewatch.dedup.geo import precision_of
from trucewatch.model import (
    REPORTING_DAY_NOTE,
    ActorRef,
    Count,
    EventDate,
    EventFields,
    Evidence,
    Location,
    Modality,
    SegmentKind,
    toll,
    toll_rule,
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


#: ACLED codes a battle in which ground changes hands as the change of control, not as the clash.
TERRITORY_OUTCOMES = frozenset({"Government regains territory", "Non-state actor overtakes territory"})


#: ACLED codes violence that includes rape or forced nudity as sexual violence ("abducted and raped two women").
SEXUAL_OVER = frozenset({"Attack", "Abduction/forced disappearance", "Armed clash", "Mob violence"})


def _territory_outcome(rep: EventFields, primary: Sequence[EventFields]) -> EventFields:
    """The report that gives the event its type: a clash whose reports also tell that a side took the ground
    ("clashes ... where IS gained control of the village") is typed as that change of control; an attack or
    abduction whose reports also tell sexual violence is typed as the sexual violence."""
    if rep.sub_event_type == "Armed clash":
        won = [x for x in primary if x.sub_event_type in TERRITORY_OUTCOMES and x.modality == Modality.OCCURRED]
        if won:
            return max(won, key=lambda x: x.confidence)
    if rep.sub_event_type in SEXUAL_OVER:
        sexual = [x for x in primary if x.sub_event_type == "Sexual violence" and x.modality == Modality.OCCURRED]
        if sexual:
            return max(sexual, key=lambda x: x.confidence)
    return rep


def best_date(items: Sequence[EventFields]) -> EventDate | None:
    dated = [x.date for x in items if x.date is not None and x.date.first is not None]
    if not dated:
        return next((x.date for x in items if x.date is not None), None)

    def key(d: EventDate) -> tuple[int, int, bool, bool]:
        span = ((d.last or d.first) - d.first).days if d.first else 99999
        # between equally precise dates, one read from the text beats a stand-in (a day carried from elsewhere),
        # and a day stated for the event beats the day the news was told ("a rescuer said on Thursday")
        stand_in = not d.text and not d.resolved
        return (d.time_precision or (1 if span == 0 else 2), span, stand_in, d.note.startswith(REPORTING_DAY_NOTE))

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
    return max(found, key=lambda r: (r.actor_id is not None, not r.implied, not r.unidentified, r.confidence))


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


_PART_RULES = frozenset({"subset", "increment"})


def lowest_counts(items: Sequence[EventFields]) -> list[Count]:
    """Per kind of toll (killed, injured, ...), the counts of the report stating the lowest total.

    ACLED's most conservative rule holds between competing estimates of the same count, not between a part
    and the whole: a report that only counts a part ("13 children died", "another four died") competes only
    when no report gives the whole, and reports whose totals add up to another report's total are its parts
    ("3 killed ... killing seven more" beside "10 killed"). A running toll ("the toll rose to 41", "a third
    protester") replaces lower earlier figures. A number beats a vague word read as a number ("dozens" ->
    12); a headline's figure counts only when the body gives none (headlines name the notable victim); the
    reports at the event's own place come before reports of a wider area. War-wide totals (``cumulative``)
    are context, not this event's toll; those of the representative are kept.
    """
    out, _ = choose_counts(items)
    return out


def choose_counts(items: Sequence[EventFields]) -> tuple[list[Count], str]:
    """(the counts :func:`lowest_counts` keeps, the rule that chose the fatalities among reports)."""
    kinds: list[str] = []
    for x in items:
        for c in x.counts:
            if not c.cumulative and c.what not in kinds:
                kinds.append(c.what)
    here = best_location(items)
    here_name = here.place.name.lower() if here is not None and here.place is not None else None
    out: list[Count] = []
    rule = ""
    for what in kinds:
        stated = []
        for i, x in enumerate(items):
            cs = [c for c in x.counts if c.what == what and not c.cumulative]
            total = toll(cs, what)
            if total is None:
                continue
            vague = all(c.qualifier == "vague" for c in cs if c.best is not None)
            summary = getattr(x, "segment", None) in _SUMMARY  # "Bomb kills commander": not the whole toll
            place = x.location.place if x.location is not None else None
            name = place.name.lower() if place is not None else None
            # another place's figure (a wider area, a neighbouring strike): not a rival estimate of this one's
            elsewhere = bool(here_name and name and name not in here_name and here_name not in name)
            part = all(c.rule in _PART_RULES for c in cs if c.best is not None)
            running = any(c.rule == "running" for c in cs)
            stated.append((vague, summary, elsewhere, total, i, cs, part, running))
        if stated:
            chosen, why = _conservative(stated)
            out.extend(chosen)
            if what == "killed":
                rule = why
        else:  # only unknown or vague counts ("dozens") without a number: keep the first report's
            first = next(x for x in items if any(c.what == what and not c.cumulative for c in x.counts))
            out.extend(c for c in first.counts if c.what == what and not c.cumulative)
    rep = representative(items)
    out.extend(c for c in rep.counts if c.cumulative)
    return out, rule


def _conservative(stated: list[tuple[Any, ...]]) -> tuple[list[Count], str]:
    """The counts of the most conservative whole-toll estimate, and how it was chosen."""
    whole = [s for s in stated if not s[6]] or stated
    parts_of: set[int] = set()
    for s in whole:  # reports whose totals add up to another report's total are its parts
        smaller = [t for t in whole if t[3] < s[3] and t[4] not in parts_of][:8]  # bounded search
        for n in range(2, min(len(smaller), 6) + 1):
            combo = next((c for c in itertools.combinations(smaller, n) if sum(t[3] for t in c) == s[3]), None)
            if combo is not None:
                parts_of.update(t[4] for t in combo)
                break
    whole = [s for s in whole if s[4] not in parts_of]
    running = [s[3] for s in whole if s[7]]
    if running:  # "the toll rose to 41": earlier, lower figures are out of date
        whole = [s for s in whole if s[3] >= min(running)]
    best = min(whole, key=lambda t: t[:5])
    rivals = {s[3] for s in whole if s[:3] == best[:3]}
    if parts_of and best[3] == max(s[3] for s in stated):
        why = "total confirmed by the sum of its parts"
    elif len(rivals) > 1:
        why = f"most conservative of {len(rivals)} estimates"
    elif best[7]:
        why = "running toll"
    else:
        why = toll_rule(best[5])
    return best[5], why


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


def _actor_key(ref: ActorRef) -> str:
    return ref.actor_id or (ref.name or ref.text).lower()


def _not_doer(refs: Sequence[ActorRef | None], doer: ActorRef | None) -> list[ActorRef | None]:
    """The reports' targets other than the event's doer (a place held by a side, "X-held areas", stays)."""
    if doer is None:
        return list(refs)
    return [r for r in refs if r is None or r.implied or _actor_key(r) != _actor_key(doer)]


def _named_first(told: ActorRef | None, any_report: ActorRef | None) -> ActorRef | None:
    """The actor the telling reports give, unless they leave it unidentified ("gunmen") and another report
    (the headline, "X claimed the attack") names it."""
    if told is None or (told.unidentified and any_report is not None and not any_report.unidentified):
        return any_report
    return told


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
    actor1 = _named_first(best_actor([x.actor1 for x in primary]), best_actor([x.actor1 for x in ordered]))
    # the target is never the doer itself ("clashes with X" told of an attack by X)
    a2_primary, a2_any = _not_doer([x.actor2 for x in primary], actor1), _not_doer([x.actor2 for x in ordered], actor1)
    actor2 = _named_first(best_actor(a2_primary), best_actor(a2_any))
    main = {_actor_key(r) for r in (actor1, actor2) if r is not None}
    counts, rule = choose_counts(ordered)
    typed = _territory_outcome(rep, primary)
    return {
        "event_type": typed.event_type,
        "sub_event_type": typed.sub_event_type,
        "trigger": rep.trigger,
        "actor1": actor1,
        "actor2": actor2,
        "assoc_actor1": _union_actors([x.assoc_actor1 for x in ordered], main),
        "assoc_actor2": _union_actors([x.assoc_actor2 for x in ordered], main),
        "location": best_location(ordered),
        "date": best_date(ordered),
        "counts": counts,
        "toll_rule": rule,
        "modality": min((x.modality for x in ordered), key=lambda m: MODALITY_RANK.get(m, 9)),
        "attributed_to": next((x.attributed_to for x in ordered if x.attributed_to), None),
        "cameo": next((x.cameo for x in ordered if x.cameo), None),
        "plover": next((x.plover for x in ordered if x.plover), None),
        "plover_mode": next((x.plover_mode for x in ordered if x.plover_mode), None),
        "weapon": next((x.weapon for x in ordered if x.weapon), None),
        "confidence": max(x.confidence for x in ordered),
        "evidence": all_evidence(ordered),
    }
