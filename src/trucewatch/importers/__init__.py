"""Bring event datasets into the store: UCDP GED and ACLED CSV exports become trucewatch events.

    events, skips = read_ucdp("ged.csv", dictionary)     # or read_acled("acled.csv", dictionary)

Each row becomes one :class:`trucewatch.model.Event` with a stable id (``ucdp-ged:<id>``,
``acled:<event_id_cnty>``), so importing a file again replaces its events instead of adding copies;
modality ``occurred``; ``sources`` and an evidence record name the dataset and the row. Actor names are matched
to the actor dictionary (``dictionary`` is a :class:`trucewatch.actors.ActorDictionary`, passed in by the
caller), so an agreement's parties and excluded groups are recognised. Rows that cannot be read are returned as
:class:`trucewatch.model.Skip` records, never raised.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from trucewatch.model import Event, Skip

if TYPE_CHECKING:
    from trucewatch.store import Store

from .acled import ACLED_CREDIT, read_acled
from .common import ImportFormatError
from .ucdp import UCDP_CREDIT, read_ucdp

FORMATS = {"ucdp": read_ucdp, "acled": read_acled}

__all__ = ["ACLED_CREDIT", "FORMATS", "UCDP_CREDIT", "ImportFormatError", "read_acled", "read_ucdp", "write"]


def write(store: Store, events: list[Event], skips: list[Skip], chunk: int = 2000) -> int:
    """Upsert ``events`` by id (a re-import replaces, never duplicates) and record ``skips``; returns how many
    events the store gained."""
    before = store.count_events()
    for i in range(0, len(events), chunk):
        store.replace_events([], events[i:i + chunk])
    for s in skips:
        store.add_skip(s)
    return store.count_events() - before
