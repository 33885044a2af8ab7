"""The event list's items, made once per event while the store hands out the same event object.

Inside ``Store.reading(shared=True)`` the DuckDB store returns one shared object per stored record text, so an
unchanged event is the same object on every page that shows it. Its ``EventOut`` (the API's flattened,
validated form) is kept with the judgements and article references it was made from, and made again when the
object, its judgements or those references differ: a changed event is a new object.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Any

from trucewatch.api.schemas import EventOut
from trucewatch.export import ArticleRefs
from trucewatch.model import Event, Violation

#: Items kept (least recently used go first); the store keeps as many parsed events.
MAX_ITEMS = 2048

Make = Callable[[Event, Sequence[Violation], ArticleRefs], EventOut]


class Rendered:
    def __init__(self, make: Make, size: int = MAX_ITEMS) -> None:
        self._make, self._size = make, size
        self._items: OrderedDict[int, tuple[Event, Any, EventOut]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, ev: Event, judgements: Sequence[Violation], refs: ArticleRefs) -> EventOut:
        key = (tuple((j.agreement_id, j.status, j.reason, j.violator, j.against) for j in judgements),
               tuple((a, tuple(sorted((refs.get(a) or {}).items()))) for a in ev.article_ids))
        with self._lock:
            hit = self._items.get(id(ev))
            # The entry holds the event itself, so its id cannot belong to another object meanwhile.
            if hit is not None and hit[0] is ev and hit[1] == key:
                self._items.move_to_end(id(ev))
                return hit[2]
        out = self._make(ev, judgements, refs)
        with self._lock:
            self._items[id(ev)] = (ev, key, out)
            self._items.move_to_end(id(ev))
            while len(self._items) > self._size:
                self._items.popitem(last=False)
        return out

    def __len__(self) -> int:
        return len(self._items)
