"""Which articles' events can meet in cross-article dedup, so they can be merged apart from the others.

Ingest merges each article's events into the stored events of their blocks (``dedup.blocking_key``: a
date window and an area), in input order. Two events can only merge when their date windows overlap and
their countries agree (different countries are a veto in ``dedup.compare``); an event without a country
may merge with any. A merged event keeps the date of one of its events and the country of its placed
events, so the articles whose events are linked that way, directly or through others, form groups that
never affect each other. Merging each group in input order gives what one ingest of everything gives.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping

from trucewatch import dedup
from trucewatch.model import Event

#: (country or None, first day, last day) of one event's block.
Footprint = tuple[str | None, dt.date, dt.date]


def footprint(events: Iterable[Event]) -> list[Footprint]:
    """The blocks of an article's events (undated events are never merged across articles: none)."""
    out: list[Footprint] = []
    for ev in events:
        block = dedup.blocking_key(ev)
        if block is None:
            continue
        place = ev.location.place if ev.location is not None else None
        out.append(((place.country or None) if place is not None else None, block.first, block.last))
    return out


class _Union:
    def __init__(self) -> None:
        self.parent: dict[int, int] = {}

    def find(self, x: int) -> int:
        root = self.parent.setdefault(x, x)
        while root != self.parent[root]:
            root = self.parent[root]
        while x != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def join(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def components(prints: Mapping[int, list[Footprint]]) -> dict[int, int]:
    """Article number -> the smallest article number of its group."""
    uf = _Union()
    by_country: dict[str | None, list[tuple[dt.date, dt.date, int]]] = defaultdict(list)
    for seq, fps in prints.items():
        uf.find(seq)
        for country, first, last in fps:
            by_country[country].append((first, last, seq))
    anywhere = by_country.pop(None, [])
    for country_items in [*by_country.values(), []]:  # the last pass links events without a country
        _chain(uf, sorted([*country_items, *anywhere]))
    return {seq: uf.find(seq) for seq in prints}


def _chain(uf: _Union, items: list[tuple[dt.date, dt.date, int]]) -> None:
    """Join the articles of overlapping date windows (sorted by first day)."""
    end: dt.date | None = None
    head = -1
    for first, last, seq in items:
        if end is not None and first <= end:
            uf.join(head, seq)
            end = max(end, last)
        else:
            head, end = seq, last


def bins(groups: Mapping[int, int], n: int) -> dict[int, int]:
    """Article number -> one of ``n`` bins; whole groups go to one bin, largest first to the emptiest bin."""
    sizes: dict[int, int] = defaultdict(int)
    for root in groups.values():
        sizes[root] += 1
    load = [0] * max(1, n)
    where: dict[int, int] = {}
    for root, size in sorted(sizes.items(), key=lambda kv: (-kv[1], kv[0])):
        b = load.index(min(load))
        where[root] = b
        load[b] += size
    return {seq: where[root] for seq, root in groups.items()}
