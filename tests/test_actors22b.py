"""Actor rules of session 22 (helper actors22b, issue 14): a clash whose own words name no doer takes the two
armed sides of the fire told next to it. Through the real pipeline, each rule also switched off. All sentences
are written for these tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from trucewatch import config, rules
from trucewatch.model import Article, Mention

CLASH_SIDES = "extract.clash-sides-from-fire"


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


def clash(ms: list[Mention]) -> Mention:
    found = [m for m in ms if m.sub_event_type == "Armed clash"]
    assert len(found) == 1, [(m.trigger, m.sub_event_type) for m in ms]
    return found[0]


def test_the_rule_is_registered() -> None:
    assert CLASH_SIDES in {r.name for r in rules.registry()}


FIRE = (
    "On 3 March 2024, clashes took place near Tal Rifaat after the YPG targeted a Syrian National Army vehicle "
    "with a guided missile. There were no fatalities."
)


def test_a_clash_takes_the_sides_of_the_fire_beside_it(res: Any) -> None:
    m = clash(mentions(res, FIRE))
    assert m.actor1 is not None and m.actor1.name.startswith("YPG")
    assert m.actor2 is not None and "Syrian National Army" in m.actor2.name
    assert CLASH_SIDES in {e.method for e in m.evidence if e.field == "rule"}


def test_switched_off_the_clash_keeps_no_doer(res: Any) -> None:
    m = clash(mentions(res, FIRE, off=(CLASH_SIDES,)))
    assert m.actor1 is None


def test_civilian_victims_are_no_side_of_a_clash(res: Any) -> None:
    text = (
        "On 3 March 2024, clashes broke out in the north of the province. "
        "Government warplanes bombed a market in a nearby village, killing four civilians."
    )
    ms = mentions(res, text)
    assert not any(CLASH_SIDES in {e.method for e in m.evidence if e.field == "rule"} for m in ms)


@pytest.fixture(scope="module")
def dictionary() -> Any:
    from trucewatch.actors import load_dictionary

    return load_dictionary()


@pytest.mark.parametrize(
    ("phrase", "on", "want"),
    [
        ("AAMB", None, "Al Aqsa Martyrs Brigade"),
        ("Liwa al-Aqsa", dt.date(2017, 6, 1), "Liwa al Aqsa"),
        ("Jund al-Aqsa", dt.date(2016, 6, 1), "Jund al-Aqsa"),
        ("Jund al-Aqsa", dt.date(2017, 6, 1), "Liwa al Aqsa"),  # the successor record, valid that day
        ("Faylaq al-Sham", None, "Al Sham Corps"),
        ("National Defence Forces", None, "QDW: National Defence Forces"),
        ("Levant Front", None, "JaS: Levant Front"),
        ("AUSSOM UPDF", dt.date(2025, 6, 1), "AUSSOM: Africa Union Support and Stabilisation Mission in Somalia (Uganda)"),
        ("AUSSOM", dt.date(2025, 6, 1), "AUSSOM: Africa Union Support and Stabilisation Mission in Somalia"),
    ],
)
def test_acled_names_of_groups_and_contingents(dictionary: Any, phrase: str, on: Any, want: str) -> None:
    actor = dictionary.resolve(phrase, on=on)
    assert actor is not None and actor.name == want



@pytest.mark.parametrize(
    ("phrase", "country", "want"),
    [
        ("Terrorism Investigation Division", None, "Police Forces of Sri Lanka"),
        ("police", "LK", "Police Forces of Sri Lanka"),
        ("armed bandits", "KE", "Unidentified Armed Group (Kenya)"),
        ("gangsters", "BF", "Unidentified Armed Group (Burkina Faso)"),
    ],
)
def test_police_units_and_bandits(dictionary: Any, phrase: str, country: Any, want: str) -> None:
    actor = dictionary.resolve(phrase, country=country)
    assert actor is not None and actor.name == want


def test_a_toll_told_after_an_attack_borrows_no_sides(res: Any) -> None:
    text = (
        "On 3 March 2024, an IED planted by Al Shabaab exploded, targeting a Somali police convoy near Afgooye. "
        "Three police officers were killed."
    )
    m = clash(mentions(res, text))
    assert m.actor1 is None  # the toll's "killed" stays open, so grouping joins it to the explosion
    assert CLASH_SIDES not in {e.method for e in m.evidence if e.field == "rule"}


def test_a_clash_read_off_a_casualty_word_borrows_no_sides(res: Any) -> None:
    # the grenade has two sides in the same sentence; the "killing" it follows is no clash of theirs
    m = clash(mentions(res, "Grenade attack kills policeman in unrest following preachers killing"))
    assert m.trigger.lower() == "killing"
    assert m.actor1 is None
