"""Sub-type typing on the patterns of real ACLED notes (issue 14, session 22): who acted decides the sub-type
(an unarmed crowd's assault is mob violence; done during its demonstration, a violent demonstration), through the
real pipeline. All sentences are written for these tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from trucewatch import config
from trucewatch.model import Article, Mention


@pytest.fixture(scope="module")
def res() -> Any:
    from trucewatch import nlp as nlp_stage
    from trucewatch import pipeline

    try:
        return pipeline.resources()
    except nlp_stage.ModelMissing as exc:
        pytest.skip(str(exc))


def mentions(res: Any, text: str, off: tuple[str, ...] = ()) -> list[Mention]:
    from trucewatch import pipeline

    art = Article(id="t", text=text, published=dt.date(2024, 3, 5), language="en")
    with config.use(config.Settings(rules_off=off)):
        out = list(pipeline.extract([art], res=res))
    assert len(out) == 1
    return out[0][1]


def subs(ms: list[Mention]) -> set[str]:
    return {m.sub_event_type for m in ms}


# --- typing.crowd-violence ---------------------------------------------------------------------------------

CROWD = [
    "On 3 March 2024, locals assaulted and killed a young man in Kushtia town on suspicion of theft.",
    "A shopkeeper was admitted to hospital after being assaulted by a group of persons in Kandy on Sunday.",
    "On 3 March 2024, members of the two clans clashed in a village near Kushtia over a land dispute.",
]


@pytest.mark.parametrize("text", CROWD)
def test_an_unarmed_crowd_s_violence_is_mob_violence(res: Any, text: str) -> None:
    ms = mentions(res, text)
    assert "Mob violence" in subs(ms)
    mob = next(m for m in ms if m.sub_event_type == "Mob violence")
    assert mob.actor1 is not None and mob.actor1.name.startswith("Rioters")
    assert "typing.crowd-violence" in {e.method for e in mob.evidence if e.field == "rule"}
    assert "Mob violence" not in subs(mentions(res, text, off=("typing.crowd-violence",)))


@pytest.mark.parametrize(
    "text",
    [
        "On 3 March 2024, unknown men shot and killed a young man in Kushtia town.",  # arms named
        "On 3 March 2024, armed men assaulted and killed a young man in Kushtia town.",  # the doers are armed
        "On 3 March 2024, soldiers assaulted and killed a young man in Kushtia town.",
    ],
)
def test_armed_doers_are_no_crowd(res: Any, text: str) -> None:
    assert "Mob violence" not in subs(mentions(res, text))


def test_a_crowd_clashing_during_its_demonstration_is_a_violent_demonstration(res: Any) -> None:
    text = ("On 3 March 2024, members of the party clashed with police during their demonstration in Khulna, "
            "demanding fresh elections.")
    found = subs(mentions(res, text))
    assert "Violent demonstration" in found and "Armed clash" not in found
