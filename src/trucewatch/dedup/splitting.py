"""Undo a wrong merge: move some mentions out of an event into a new one."""

from __future__ import annotations

import dataclasses

from trucewatch.dedup.combine import combine
from trucewatch.dedup.within import event_id
from trucewatch.model import Event, Mention


def split(ev: Event, mention_ids: list[str], mentions: list[Mention]) -> tuple[Event, Event]:
    """(kept, moved): ``ev`` without ``mention_ids`` (same id) and a new event made of them.

    ``mentions`` are the event's stored mentions; each part's fields are rebuilt from its own mentions.
    The caller records the cannot-link pairs so that later merges never join them again.
    """
    move = set(mention_ids)
    unknown = move - set(ev.mention_ids)
    if unknown:
        raise ValueError(f"mention(s) not in {ev.id}: {', '.join(sorted(unknown))}")
    if not move or move >= set(ev.mention_ids):
        raise ValueError("split needs some, but not all, of the event's mentions")
    by_id = {m.id: m for m in mentions}
    kept_ids = [i for i in ev.mention_ids if i not in move]
    moved_ids = [i for i in ev.mention_ids if i in move]
    source_of = dict(zip(ev.article_ids, ev.sources, strict=False))
    note = {"kind": "split", "from": ev.id, "moved": moved_ids}
    kept = _part(ev, ev.id, kept_ids, by_id, source_of, [*ev.merges, note])
    new_id = event_id(moved_ids[0])
    if new_id == ev.id:
        new_id = event_id(moved_ids[0], salt="split:")
    moved = _part(ev, new_id, moved_ids, by_id, source_of, [note])
    return kept, moved


def _part(
    ev: Event,
    new_id: str,
    ids: list[str],
    by_id: dict[str, Mention],
    source_of: dict[str, str],
    merges: list[dict[str, object]],
) -> Event:
    found = [by_id[i] for i in ids if i in by_id]
    fields = combine(found) if found else {}
    articles: list[str] = []
    for i in ids:
        art = by_id[i].article_id if i in by_id else i.split(":", 1)[0]
        if art not in articles:
            articles.append(art)
    return dataclasses.replace(
        ev,
        **fields,
        id=new_id,
        mention_ids=ids,
        article_ids=articles,
        sources=[source_of.get(a, a) for a in articles],
        merges=merges,
    )
