"""Deduplication: one real-world event, one record, many sources.

- ``within_article(mentions)``: mentions of one event in one article become one Event.
- ``blocking_key(event)``: the date window and area in which stored look-alikes are searched.
- ``merge(new, candidates, cannot_link)``: incremental merging across articles, every score recorded.
- ``split(event, mention_ids, mentions)``: undo a wrong merge (the caller stores the cannot-link pairs).
"""

from __future__ import annotations

from trucewatch.dedup.cross import Block, MergeResult, absorb, blocking_key, merge
from trucewatch.dedup.scoring import Comparison, compare
from trucewatch.dedup.splitting import split
from trucewatch.dedup.within import event_id, within_article

__all__ = [
    "Block",
    "Comparison",
    "MergeResult",
    "absorb",
    "blocking_key",
    "compare",
    "event_id",
    "merge",
    "split",
    "within_article",
]
