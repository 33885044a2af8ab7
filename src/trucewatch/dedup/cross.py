"""Incremental merging of new events into stored ones (across articles and outlets).

The store hands over candidates already blocked by date window and area (``blocking_key``), so the cost
per new event is the size of its block, never the size of the store.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from trucewatch.config import settings
from trucewatch.dedup.combine import combine
from trucewatch.dedup.geo import bbox_around, precision_of
from trucewatch.dedup.scoring import Comparison, compare, is_stand_in, signature
from trucewatch.model import Event

#: Weights of the criteria across articles and the score needed to merge are settings
#: (``dedup_cross_weights``, ``dedup_cross_threshold``). Outlets word an event differently but mostly agree
#: on its toll, so the toll counts across articles (not inside one).
#: Loosened criteria across articles (see ``scoring.compare``): a report without a date of its own (the
#: publication date stands in) tells of an event of that day or the days before.
ACROSS_RELAX = frozenset({"stand-in"})

#: Days added on each side of an event's dates when looking for candidates (``dedup_block_days``, by ACLED
#: time_precision) and the half-size of the search box around a place (``dedup_block_km``, by geo_precision).

_SETTING = {
    "WEIGHTS": "dedup_cross_weights",
    "THRESHOLD": "dedup_cross_threshold",
    "BLOCK_DAYS": "dedup_block_days",
    "BLOCK_KM": "dedup_block_km",
}


def __getattr__(name: str) -> object:
    """The old module constants (``cross.WEIGHTS``, ...), read from the settings."""
    if name in _SETTING:
        return getattr(settings(), _SETTING[name])
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@dataclass(slots=True)
class Block:
    """Where to look for stored events that may be the same: a date range and an area."""

    first: dt.date
    last: dt.date
    countries: set[str] = field(default_factory=set)
    bbox: tuple[float, float, float, float] | None = None


@dataclass(slots=True)
class MergeResult:
    """Events to upsert (new ones and updated candidates), candidate ids absorbed into others, and why."""

    events: list[Event]
    removed: list[str]
    decisions: list[dict[str, Any]]


def blocking_key(ev: Event) -> Block | None:
    """The block of an event, or None when it has no date (such events are never merged across articles)."""
    if ev.date is None or ev.date.first is None:
        return None
    last = ev.date.last or ev.date.first
    prec = ev.date.time_precision or (1 if last == ev.date.first else 2)
    s = settings()
    pad = dt.timedelta(days=s.dedup_block_days.get(prec, 7))
    first = ev.date.first - pad
    if is_stand_in(ev.date):  # the event may lie a few days before the publication date (see ``judge``)
        first -= dt.timedelta(days=s.dedup_stand_in_days)
    countries: set[str] = set()
    bbox = None
    loc = ev.location
    if loc is not None and loc.place is not None:
        if loc.place.country:
            countries.add(loc.place.country)
        bbox = bbox_around(loc.place.lat, loc.place.lon, s.dedup_block_km.get(precision_of(loc) or 1, 25.0))
    return Block(first=first, last=last + pad, countries=countries, bbox=bbox)


def linked(a: Event, b: Event, cannot_link: set[frozenset[str]]) -> bool:
    """True when a user split apart a mention of ``a`` from one of ``b``."""
    if not cannot_link:
        return False
    return any(frozenset((x, y)) in cannot_link for x in a.mention_ids for y in b.mention_ids)


def _same_article_veto(a: Event, b: Event) -> str | None:
    # within_article already decided that two events of one article are different.
    if set(a.article_ids) & set(b.article_ids) and not set(a.mention_ids) & set(b.mention_ids):
        return "both reported in one article as separate events"
    return None


def judge(a: Event, b: Event, cannot_link: set[frozenset[str]], sigs: dict[str, str]) -> Comparison:
    comp = compare(a, b, settings().dedup_cross_weights, sigs.get(a.id), sigs.get(b.id), relax=ACROSS_RELAX)
    extra = [
        v
        for v in (_same_article_veto(a, b), "split apart by a user" if linked(a, b, cannot_link) else None)
        if v
    ]
    if extra:
        comp.veto = "; ".join([*([comp.veto] if comp.veto else []), *extra])
    return comp


def merge(new: list[Event], candidates: list[Event], cannot_link: set[frozenset[str]]) -> MergeResult:
    """Merge each new event into its best-scoring candidate (no veto, score >= ``dedup_cross_threshold``).

    A new event that matches several candidates which also match each other joins them into one (the others
    are ``removed``). Every comparison is recorded in ``decisions`` with its scores.
    """
    threshold = settings().dedup_cross_threshold
    live: dict[str, Event] = {c.id: c for c in candidates}
    touched: list[str] = []
    removed: list[str] = []
    decisions: list[dict[str, Any]] = []
    out_new: list[Event] = []
    sigs: dict[str, str] = {e.id: signature(e) for e in [*candidates, *new]}
    for ev in new:
        scored: list[tuple[float, str, Comparison]] = []
        for cid, cand in live.items():
            comp = judge(ev, cand, cannot_link, sigs)
            ok = comp.veto is None and comp.total >= threshold
            decisions.append(
                {"new": ev.id, "candidate": cid, "merged": False, "threshold": threshold, **comp.as_dict()}  # not vocabulary: log record keys
            )
            if ok:
                scored.append((comp.total, cid, comp))
        if not scored:
            out_new.append(ev)
            continue
        scored.sort(key=lambda t: (-t[0], t[1]))
        _total, target_id, comp = scored[0]
        for d in reversed(decisions):
            if d["new"] == ev.id and d["candidate"] == target_id:
                d["merged"] = True
                break
        target = absorb(live[target_id], ev, {"new": ev.id, **comp.as_dict()})
        for _t, other_id, _c in scored[1:]:
            other = live[other_id]
            bridge = judge(target, other, cannot_link, sigs)
            decisions.append(
                {  # not vocabulary: log record keys
                    "candidate": other_id,
                    "into": target_id,
                    "merged": False,
                    "absorbed": bridge.veto is None and bridge.total >= threshold,
                    "threshold": threshold,
                    **bridge.as_dict(),
                }
            )
            if decisions[-1]["absorbed"]:
                target = absorb(target, other, {"absorbed": other_id, **bridge.as_dict()})
                del live[other_id]
                removed.append(other_id)
        live[target_id] = target
        sigs[target_id] = signature(target)
        if target_id not in touched:
            touched.append(target_id)
    updated = [live[cid] for cid in touched if cid in live]
    return MergeResult(events=[*out_new, *updated], removed=removed, decisions=decisions)


def absorb(keep: Event, other: Event, why: dict[str, Any]) -> Event:
    """``keep`` (its id stays) with ``other``'s mentions, articles, sources and evidence merged in."""
    fields = combine([keep, other])
    arts = list(zip(keep.article_ids, _sources(keep), strict=True))
    for pair in zip(other.article_ids, _sources(other), strict=True):
        if pair[0] not in {a for a, _ in arts}:
            arts.append(pair)
    return dataclasses.replace(
        keep,
        **fields,
        mention_ids=_union(keep.mention_ids, other.mention_ids),
        article_ids=[a for a, _ in arts],
        sources=[s for _, s in arts],
        merges=[*keep.merges, *other.merges, {"kind": "across_articles", "into": keep.id, **why}],
    )


def _sources(ev: Event) -> list[str]:
    """Sources aligned with article_ids (one per article); padded with article ids when shorter."""
    src = list(ev.sources[: len(ev.article_ids)])
    return src + ev.article_ids[len(src) :]


def _union(a: list[str], b: list[str]) -> list[str]:
    seen = set(a)
    return [*a, *(x for x in b if not (x in seen or seen.add(x)))]
