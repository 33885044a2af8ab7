"""Judge one event against one agreement's terms, with a reason a monitor can read.

Order of the checks (the first that applies decides):

1. no date, or a date outside the agreement's period (in the agreement's own time zone) -> not a violation
2. no location, a country or province outside the area, or a point outside the polygon -> not a violation
3. an event type the agreement does not cover (protests, agreements, ...) -> not a violation
4. the text says it did not happen (negated) -> not a violation
5. actor2 (or an associated target) is an excluded group only -> not a violation ("targets an excluded group")
6. actor1 is an excluded group -> not a violation by a party
7. actor1 not named, or named but of no known side -> unattributable;
   actor1 of a known side that is in no party -> not a violation (not a party);
   actor2 in the same party as actor1 -> not a violation (not a breach between parties)
8. announced / threatened / hypothetical -> threat (an announced offensive is not yet an act)
9. contested (see below) -> contested (a claim or denial is noted in the reason)
10. claimed / denied -> alleged (one side's word)
11. otherwise -> violation by party P against Q (another party, civilians, or the named target)

Contested rule. Where excluded groups fight side by side with covered groups, an act cannot be charged
to the truce unless both sides are named. An event is contested when
(a) one side of the event (actor and associated actors) mixes an excluded group with a covered one, or
(b) the event is in a province listed under ``contested:`` in the agreement file (for the dates given
    there) and either the attacker is a generic actor (``generic_actors:``, e.g. "rebels") or implied, or
    the target is not a specific group: missing, generic, or implied by a control hint
    ("opposition-held areas"). Civilian targets are never contested: attacks on civilians are violations.
An event whose date range straddles the start is judged as inside the period, with a note in the reason.
"""

from __future__ import annotations

from trucewatch.model import (
    Actor,
    ActorRef,
    Agreement,
    Event,
    Modality,
    Party,
    Violation,
    ViolationStatus,
)

from .area import local_date, outside, place_info
from .terms import Terms, admin1_label, admin1_matches, terms_for

CIVILIAN_SIDE = "civilian"
_THREAT = {Modality.ANNOUNCED, Modality.THREATENED, Modality.HYPOTHETICAL}
_ALLEGED = {Modality.CLAIMED, Modality.DENIED}


def _chain(ref: ActorRef | None, actors: dict[str, Actor]) -> list[str]:
    """The actor's id and its parents' ids (nearest first)."""
    out: list[str] = []
    cur = ref.actor_id if ref else None
    while cur and cur not in out:
        out.append(cur)
        parent = actors.get(cur)
        cur = parent.parent if parent else None
    return out


def _side(ref: ActorRef | None, actors: dict[str, Actor]) -> str | None:
    if ref is None:
        return None
    if ref.side:
        return ref.side
    for aid in _chain(ref, actors):
        a = actors.get(aid)
        if a is not None and a.side:
            return a.side
    return None


def _is_civilian(ref: ActorRef, actors: dict[str, Actor]) -> bool:
    a = actors.get(ref.actor_id or "")
    inter = ref.inter if ref.inter is not None else (a.inter if a else None)
    named = (ref.name or ref.text or "").startswith("Civilians")  # ACLED's generic "Civilians (Country)"
    return inter == 7 or named or _side(ref, actors) == CIVILIAN_SIDE or (ref.kind or "") == "civilians"


def _excluded(ref: ActorRef | None, agreement: Agreement, terms: Terms, actors: dict[str, Actor]) -> bool:
    if ref is None:
        return False
    if any(aid in agreement.excluded for aid in _chain(ref, actors)):
        return True
    side = _side(ref, actors)
    return bool(side and side in terms.excluded_sides)


def party_of(ref: ActorRef | None, agreement: Agreement, actors: dict[str, Actor]) -> Party | None:
    """The party an actor belongs to: by id (or a parent's id) first, then by side."""
    if ref is None:
        return None
    for aid in _chain(ref, actors):
        for p in agreement.parties:
            if aid in p.actors:
                return p
    side = _side(ref, actors)
    if side:
        for p in agreement.parties:
            if side in p.sides:
                return p
    return None


def _label(ref: ActorRef) -> str:
    return ref.name or ref.text or ref.actor_id or "unknown actor"


def _known(ref: ActorRef | None) -> bool:
    return ref is not None and bool(ref.actor_id or ref.side or ref.name or ref.text)


def _generic(ref: ActorRef | None, terms: Terms) -> bool:
    return (
        ref is None or ref.implied or (ref.actor_id in terms.generic_actors if ref.actor_id else not ref.side)
    )


def _verdict(
    event: Event, agreement: Agreement, status: ViolationStatus, reason: str, **kw: object
) -> Violation:
    country, code, name, _, _ = place_info(event)
    return Violation(
        event_id=event.id,
        agreement_id=agreement.id,
        status=status,
        reason=reason,
        date=event.date.first if event.date else None,
        country=country,
        admin1=admin1_label(code, name, terms_for(agreement)),
        fatalities=event.fatalities or 0,
        **kw,  # type: ignore[arg-type]
    )


def _contested(
    event: Event, agreement: Agreement, terms: Terms, actors: dict[str, Actor], target: ActorRef | None
) -> str | None:
    """Why the event is contested (see the module docstring), or None."""
    for side_refs, role in (
        ([event.actor1, *event.assoc_actor1], "attackers"),
        ([event.actor2, *event.assoc_actor2], "targets"),
    ):
        refs = [r for r in side_refs if r is not None]
        excl = [r for r in refs if _excluded(r, agreement, terms, actors)]
        covered = [
            r for r in refs if not _excluded(r, agreement, terms, actors) and party_of(r, agreement, actors)
        ]
        if excl and covered:
            return (
                f"contested: the {role} mix an excluded group ({_label(excl[0])}) with a party "
                f"({_label(covered[0])}); the act cannot be charged to the truce alone"
            )
    _, code, name, _, _ = place_info(event)
    day = event.date.first if event.date else None
    areas = [c for c in terms.contested if c.active(day) and admin1_matches(c.admin1, code, name, terms)]
    if not areas:
        return None
    present = ", ".join(sorted({g for c in areas for g in c.excluded_present})) or "excluded groups"
    where = name or code
    attacker = event.actor1
    if attacker is not None and (attacker.implied or attacker.actor_id in terms.generic_actors):
        return (
            f"contested: the attackers are not named ({_label(attacker)}) in {where}, where {present} "
            "fight alongside covered groups; the act may be an excluded group's"
        )
    if target is not None and _is_civilian(target, actors):
        return None
    if not _generic(target, terms):
        return None
    if target is None:
        who = "no named target"
    elif target.implied:
        who = f"target implied by a control hint ({_label(target)!r})"
    else:
        who = f"generic target ({_label(target)})"
    return (
        f"contested: {who} in {where}, where {present} fight alongside covered groups; "
        "the attack may have hit an excluded group"
    )


def judge(
    event: Event,
    agreement: Agreement,
    actors: dict[str, Actor] | None = None,
    *,
    ignore_dates: bool = False,
) -> Violation:
    """Judge ``event`` against ``agreement``; ``ignore_dates`` judges as if the agreement were in force
    (used for the pre-agreement baseline)."""
    verdict = _judge(event, agreement, actors or {}, ignore_dates)
    d = event.date
    start = local_date(agreement.start)
    if not ignore_dates and d and d.first and d.last and d.first < start <= d.last:
        verdict.reason += (
            f" (date uncertain: {d.first.isoformat()}..{d.last.isoformat()} straddles the start)"
        )
    return verdict


def _judge(event: Event, agreement: Agreement, actors: dict[str, Actor], ignore_dates: bool) -> Violation:
    terms = terms_for(agreement)
    no = ViolationStatus.NOT_VIOLATION

    why = outside(event, agreement, terms, ignore_dates)
    if why:
        return _verdict(event, agreement, no, why)
    if agreement.violating_types and not (
        event.event_type in agreement.violating_types or event.sub_event_type in agreement.violating_types
    ):
        return _verdict(
            event,
            agreement,
            no,
            f"non-violent or uncovered type: {event.event_type} / {event.sub_event_type}",
        )
    if event.modality == Modality.NEGATED:
        return _verdict(event, agreement, no, "negated: the report says the act did not happen")

    a1, a2 = event.actor1, event.actor2
    targets = [r for r in [a2, *event.assoc_actor2] if r is not None]
    if targets and all(_excluded(r, agreement, terms, actors) for r in targets):
        return _verdict(
            event,
            agreement,
            no,
            f"targets an excluded group ({_label(targets[0])}): attacks on excluded groups are not violations",
            violator=_label(a1) if a1 else None,
            against=_label(targets[0]),
        )
    if _excluded(a1, agreement, terms, actors) and not any(
        party_of(r, agreement, actors) and not _excluded(r, agreement, terms, actors)
        for r in event.assoc_actor1
    ):
        assert a1 is not None
        return _verdict(
            event,
            agreement,
            no,
            f"actor1 {_label(a1)} is an excluded group: not a party's violation",
            violator=_label(a1),
            against=_label(a2) if a2 else None,
        )
    if not _known(a1):
        return _verdict(
            event,
            agreement,
            ViolationStatus.UNATTRIBUTABLE,
            "unattributable: the perpetrator is not named",
            against=_label(a2) if a2 else None,
        )
    assert a1 is not None
    party = party_of(a1, agreement, actors)
    side = _side(a1, actors)
    if party is None and not _excluded(a1, agreement, terms, actors) and not side:
        return _verdict(
            event,
            agreement,
            ViolationStatus.UNATTRIBUTABLE,
            f"unattributable: the perpetrator ({_label(a1)}) cannot be tied to any party",
            against=_label(a2) if a2 else None,
        )
    if party is None and not _excluded(a1, agreement, terms, actors):
        return _verdict(
            event,
            agreement,
            no,
            f"actor1 {_label(a1)} ({side or 'unknown side'}) is not a party to the agreement",
            violator=_label(a1),
            against=_label(a2) if a2 else None,
        )
    violator = party.name if party else _label(a1)
    if a2 is None:
        against = None
    elif _is_civilian(a2, actors):
        against = "civilians"
    else:
        p2 = party_of(a2, agreement, actors)
        against = p2.name if p2 else _label(a2)
        if party is not None and p2 is party:
            return _verdict(
                event,
                agreement,
                no,
                f"both sides belong to {party.name} ({_label(a1)}, {_label(a2)}): not a breach between parties",
                violator=violator,
                against=against,
            )

    by = f"{violator} ({_label(a1)})"
    on = f" against {against}" if against else ""
    if event.modality in _THREAT:
        return _verdict(
            event,
            agreement,
            ViolationStatus.THREAT,
            f"threat: {event.modality.value} act by {by}{on}; not (yet) carried out",
            violator=violator,
            against=against,
        )
    claim = ""
    if event.modality in _ALLEGED:
        verb = "denied" if event.modality == Modality.DENIED else "claimed"
        claim = verb + (f" by {event.attributed_to}" if event.attributed_to else "")
    why = _contested(event, agreement, terms, actors, a2)
    if why:
        why += f" (also {claim})" if claim else ""
        return _verdict(event, agreement, ViolationStatus.CONTESTED, why, violator=violator, against=against)
    if claim:
        return _verdict(
            event,
            agreement,
            ViolationStatus.ALLEGED,
            f"alleged: {claim}; one side's word that {by} acted{on}",
            violator=violator,
            against=against,
        )
    return _verdict(
        event,
        agreement,
        ViolationStatus.VIOLATION,
        f"violation by {by}{on}: {event.sub_event_type or event.event_type}",
        violator=violator,
        against=against,
    )
