"""Issue 14, session 23: "another airstrike", "a second attack" tell a further act of a kind already told in
the article; within the article it is not merged into the earlier act. Articles written here."""

from __future__ import annotations

import datetime as dt

from trucewatch import dedup, ingest, pipeline
from trucewatch.dedup import reference
from trucewatch.dedup.within import _Article

TEXT = """Strikes kill 17 in the enclave

An airstrike killed at least 10 people in Beit Lahia in the north of the enclave on Tuesday, medics said.

Another airstrike on a house in a camp in the centre of the enclave killed at least seven people, they said.
"""

VICTIM = """Security forces kill three protesters in the capital

Security forces shot dead two protesters in Omdurman on Saturday, medics said.

They later said security forces had shot dead a third protester, also in Omdurman.
"""


def mentions(text: str):
    art = ingest.from_text(text, published=dt.date(2024, 12, 10))
    ((_, found),) = list(pipeline.extract([art]))
    return found


def test_another_airstrike_stays_apart() -> None:
    found = mentions(TEXT)
    further = [m for m in found if m.sentence.startswith("Another airstrike")]
    assert further and reference.read(further[0]).new_act
    events = dedup.within_article(found)
    apart = [e for e in events if further[0].id in e.mention_ids]
    assert len(apart) == 1
    assert not any(m.sentence.startswith("An airstrike") for m in found if m.id in apart[0].mention_ids)
    assert sorted(e.fatalities for e in events if e.fatalities) == [7, 10]


def test_one_more_victim_is_not_another_act() -> None:
    found = mentions(VICTIM)
    assert not any(reference.read(m).new_act for m in found)
    body = [m for m in found if m.segment.value == "body"] if hasattr(found[0].segment, "value") else found
    art = _Article(body)
    assert all(not art.further_act(a, b) for a in body for b in body if a is not b)
