"""Issues 14 and 20, session 23: "another airstrike", "a second attack" tell a further act of a kind already told
in the article: not merged into the earlier act, and a bare killing told as one more takes that act's kind. Articles written here."""

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

Security forces shot dead two protesters in the old town on Saturday, medics said.

They later said security forces had shot dead a third protester, also in the old town.
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


STRIKES = """Air strikes kill 19 in the enclave

An airstrike on a house in the north of the enclave killed at least ten people on Tuesday, medics said.

It wounded several others, medics said, while another killed two people in a camp in the south of the enclave.

Air strikes also hit a school in the east of the enclave, and another 12 people were killed there, medics said.
"""


def test_one_more_killing_takes_the_kind_told_before() -> None:
    found = mentions(STRIKES)
    two = [m for m in found if "another killed" in m.sentence and m.counts]
    more = [m for m in found if "another 12" in m.sentence and m.counts]
    assert two and more
    for m in two + more:
        assert m.sub_event_type == "Air/drone strike", (m.sentence, m.sub_event_type)
        assert any(e.method == "extract.another-same-kind" for e in m.evidence if e.field == "rule")


def test_another_same_kind_switches_off() -> None:
    from trucewatch.config import Settings, use

    with use(Settings(rules_off=["extract.another-same-kind"])):
        found = mentions(STRIKES)
    two = [m for m in found if "another killed" in m.sentence and m.counts]
    assert two and all(m.sub_event_type != "Air/drone strike" for m in two)
