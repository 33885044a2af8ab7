"""The shared data model: records round-trip through JSON exactly; ACLED codes."""

from __future__ import annotations

import datetime as dt
import json

from factories import make_article
from trucewatch.model import (
    ACLED_SUBTYPE_PARENT,
    ACLED_TYPES,
    Event,
    Mention,
    Modality,
    content_hash,
    from_record,
    interaction_code,
    to_record,
)


def test_event_and_mention_round_trip_through_json():
    art, (mention,), event = make_article(4, published=dt.date(2016, 4, 10), source="Levant Wire")
    event.merges.append({"date": 1.0, "distance_km": 3.2, "merged": True})
    event.modality = Modality.CLAIMED
    for obj, cls in ((event, Event), (mention, Mention)):
        rec = json.loads(json.dumps(to_record(obj)))
        back = from_record(cls, rec)
        assert back == obj
        assert rec["fatalities"] == obj.fatalities
    assert isinstance(from_record(Event, to_record(event)).date.first, dt.date)


def test_interaction_codes():
    assert interaction_code(1, 2) == 12
    assert interaction_code(2, 1) == 12
    assert interaction_code(8, 7) == 78
    assert interaction_code(6, None) == 60
    assert interaction_code(None, 3) is None


def test_subtype_parents_cover_every_type():
    for etype, subs in ACLED_TYPES.items():
        for sub in subs:
            assert ACLED_SUBTYPE_PARENT[sub] == etype
    assert len(ACLED_TYPES) == 6


def test_content_hash_ignores_whitespace_only():
    assert content_hash("a  b\nc") == content_hash("a b c")
    assert content_hash("a b c") != content_hash("a b d")
