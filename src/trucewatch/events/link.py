"""Attach a mention to its place, date and casualty counts."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from trucewatch.events.context import clause_root
from trucewatch.model import Count, EventDate, Location

T = TypeVar("T")


@dataclass(slots=True)
class Spanned(Generic[T]):
    """An annotation and the tokens it covers in one Doc."""

    item: T
    start: int  # token indices
    end: int

    @property
    def root_i(self) -> int:
        return self.start


@dataclass(slots=True)
class Linked(Generic[T]):
    item: T
    method: str
    confidence: float


def token_span(doc: Any, seg_start: int, start: int, end: int) -> tuple[int, int] | None:
    """Token indices covering absolute chars start..end in a Doc over a segment."""
    span = doc.char_span(start - seg_start, end - seg_start, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return span.start, span.end


def _depth_to(tok: Any, target: Any, limit: int = 8) -> int | None:
    """Number of head steps from tok up to target, or None."""
    cur = tok
    for d in range(limit):
        if cur.i == target.i:
            return d
        if cur.head.i == cur.i:
            return None
        cur = cur.head
    return None


def _span_root(doc: Any, s: Spanned[Any]) -> Any:
    return doc[s.start : s.end].root


def attachment(doc: Any, head: Any, s: Spanned[Any]) -> tuple[str, float, int] | None:
    """How an annotation hangs off a trigger: ("attached", conf, depth) or ("same-clause", ...)."""
    root = _span_root(doc, s)
    d = _depth_to(root, head)
    if d is not None:
        return "attached", 0.9, d
    clause = clause_root(head)
    d = _depth_to(root, clause)
    if d is not None and clause_root(root.head).i == clause.i:
        return "same-clause", 0.8, d + 5
    return None


#: Subtrees that describe something else ("the conflict that erupted in 2011", "a member of Russia's parliament").
ASIDE_DEPS = frozenset({"relcl", "acl", "appos", "parataxis"})


def aside(doc: Any, head: Any, s: Spanned[Any]) -> bool:
    """The annotation sits in a side clause or modifier that does not contain the trigger."""
    root = _span_root(doc, s)
    if root.dep_ in ("poss", "amod") and root.head.i != head.i:  # "Russia's upper house"
        return True
    cur = root
    for _ in range(12):
        if cur.head.i == cur.i:
            return False
        if cur.dep_ in ASIDE_DEPS and not cur.is_ancestor(head) and cur.i != head.i:
            return True
        cur = cur.head
    return False


def best_location(doc: Any, head: Any, sent: Any, locs: list[Spanned[Location]]) -> Linked[Location] | None:
    """The toponym syntactically attached to the trigger, else the nearest one in the sentence."""
    in_sent = [s for s in locs if sent.start <= s.start < sent.end]
    if not in_sent:
        return None
    scored: list[tuple[tuple[float, ...], Linked[Location]]] = []
    # attached toponyms: the first named, finest one ("Douma outside Damascus", "Nawa city, Deraa")
    for s in in_sent:
        prec = s.item.geo_precision or 2
        has_place = 0 if s.item.place is not None else 1
        att = attachment(doc, head, s)
        if att is not None:
            method, conf, _depth = att
            scored.append(((0, prec, has_place, s.start), Linked(s.item, method, conf)))
        elif aside(doc, head, s):
            continue
        else:
            dist = abs(s.start - head.i)
            scored.append(((1, prec, dist, has_place), Linked(s.item, "nearest-in-sentence", 0.55)))
    scored.sort(key=lambda x: x[0])
    return scored[0][1] if scored else None


def best_date(doc: Any, head: Any, sent: Any, dates: list[Spanned[EventDate]]) -> Linked[EventDate] | None:
    """A resolved date attached to the trigger's clause, else the nearest resolved one in the sentence."""
    in_sent = [s for s in dates if sent.start <= s.start < sent.end and s.item.first is not None]
    if not in_sent:
        return None
    scored: list[tuple[tuple[float, ...], Linked[EventDate]]] = []
    for s in in_sent:
        att = attachment(doc, head, s)
        if att is not None:
            scored.append(
                ((0, att[2], s.start), Linked(s.item, att[0], 0.85 if att[0] == "attached" else 0.8))
            )
        elif not aside(doc, head, s):
            scored.append(((1, abs(s.start - head.i), s.start), Linked(s.item, "nearest-in-sentence", 0.6)))
    scored.sort(key=lambda x: x[0])
    return scored[0][1] if scored else None


def publication_date(published: dt.date) -> EventDate:
    """The article's date standing in for an event date the text does not give.

    ACLED codes an undated report to the report's most recent day; we do the same but mark the date
    unresolved, with week-level precision (ACLED time_precision 2, UCDP date_prec 2).
    """
    return EventDate(
        text="",
        start=0,
        end=0,
        first=published,
        last=published,
        time_precision=2,
        date_prec=2,
        resolved=False,
        note="no date in the sentence: publication date used",
    )


def own_date(day: dt.date) -> EventDate:
    """A caption's own date."""
    return EventDate(
        text="",
        start=0,
        end=0,
        first=day,
        last=day,
        time_precision=1,
        date_prec=1,
        resolved=True,
        note="caption's own date",
    )


def article_default_location(locs: list[Location]) -> Location | None:
    """The most often named resolved place of the article's news text (a weak fallback)."""
    resolved = [loc for loc in locs if loc.place is not None]
    if not resolved:
        return None
    counts = Counter(loc.place.geonameid for loc in resolved if loc.place is not None)
    best_id = counts.most_common(1)[0][0]
    return next(loc for loc in resolved if loc.place is not None and loc.place.geonameid == best_id)


def assign_counts(
    doc: Any, heads: list[Any], counts: list[Spanned[Count]]
) -> dict[int, list[Spanned[Count]]]:
    """Give each count of a sentence to one trigger: the one it hangs off, else the nearest.

    Returns trigger position (index into ``heads``) -> counts. Cumulative counts are never given.
    """
    out: dict[int, list[Spanned[Count]]] = {}
    if not heads:
        return out
    for s in counts:
        if s.item.cumulative:
            continue
        root = _span_root(doc, s)
        best: tuple[tuple[int, int], int] | None = None
        for k, head in enumerate(heads):
            d = _depth_to(root, head)
            if d is None:
                d = _depth_to(head, root)  # "civilians were killed by strikes": trigger under the count
            c = _depth_to(root, clause_root(head))  # "a bomb exploded, killing six"
            if c is not None:
                d = c if d is None else min(d, c)
            key = (0, d) if d is not None else (1, abs(s.start - head.i))
            if best is None or key < best[0]:
                best = (key, k)
        assert best is not None
        out.setdefault(best[1], []).append(s)
    return out
