"""Mentions of one event in one article (headline, lead, body, quotes) become one Event."""

from __future__ import annotations

import hashlib

from trucewatch.dedup.combine import combine
from trucewatch.dedup.scoring import Comparison, compare, signature
from trucewatch.model import Event, Mention

#: Weights of the criteria inside one article (they sum to 1) and the score needed to merge.
WEIGHTS = {"type": 0.30, "date": 0.15, "place": 0.25, "actors": 0.15, "text": 0.15}
THRESHOLD = 0.60


def event_id(first_mention_id: str, salt: str = "") -> str:
    """Stable event id from the id of its first mention."""
    return "ev-" + hashlib.sha1((salt + first_mention_id).encode("utf-8")).hexdigest()[:12]


def within_article(mentions: list[Mention], source: str | None = None) -> list[Event]:
    """Merge the mentions of one article that report the same event.

    Two mentions merge when nothing vetoes it (event family, modality, dates, places, actor sides; see
    ``scoring``) and their weighted score reaches ``THRESHOLD`` against every mention already in the group.
    ``source`` is the outlet's name (the article id stands in for it when unknown).
    """
    ordered = sorted(mentions, key=lambda m: (m.trigger_start, m.id))
    sigs = {m.id: signature(m) for m in ordered}
    groups: list[list[Mention]] = []
    reasons: list[list[dict[str, object]]] = []
    for m in ordered:
        best: tuple[float, int, list[Comparison]] | None = None
        for gi, group in enumerate(groups):
            comps = [compare(m, other, WEIGHTS, sigs[m.id], sigs[other.id], True) for other in group]
            if any(c.veto for c in comps):
                continue
            worst = min(c.total for c in comps)
            if worst >= THRESHOLD and (best is None or worst > best[0]):
                best = (worst, gi, comps)
        if best is None:
            groups.append([m])
            reasons.append([])
            continue
        _score, gi, comps = best
        groups[gi].append(m)
        top = max(comps, key=lambda c: c.total)
        reasons[gi].append({"kind": "within_article", "mention": m.id, "merged": True, **top.as_dict()})
    return [_event(group, why, source) for group, why in zip(groups, reasons, strict=True)]


def _event(group: list[Mention], why: list[dict[str, object]], source: str | None) -> Event:
    article = group[0].article_id
    return Event(
        **combine(group),
        id=event_id(group[0].id),
        mention_ids=[m.id for m in group],
        article_ids=[article],
        sources=[source or article],
        merges=why,
    )
