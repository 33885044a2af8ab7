"""Issue 14/20, session 23: real headlines whose event was lost - deaths told "in the first hours of the battle"
(a stretch of fighting that deaths are told in is news, not background). Sentences written here."""

from __future__ import annotations

import pytest

import trucewatch


def events(text: str) -> list[dict]:
    return trucewatch.extract(text, published="2018-03-01")


@pytest.mark.parametrize(
    ("text", "sub", "dead"),
    [
        ("More than 30 fighters were killed in the first hours of the battle for the hill", "Armed clash", 30),
        ("Five soldiers died on the last day of fighting in the valley", "Armed clash", 5),
    ],
)
def test_deaths_in_a_stretch_of_fighting_are_news(text: str, sub: str, dead: int) -> None:
    found = events(text)
    assert [(e["sub_event_type"], e["fatalities"]) for e in found] == [(sub, dead)]


def test_a_stretch_of_an_activity_alone_stays_background() -> None:
    assert events("Weeks of sit-ins in the capital ended on Monday.") == []


@pytest.mark.parametrize(
    ("text", "dead"),
    [
        ("Three men were crucified by the militants in the main square on Friday.", 3),
        ("A woman was stoned to death by militants in the town.", 1),
        ("A shepherd was burned to death by gunmen in the village.", 1),
    ],
)
def test_killings_by_crucifixion_stoning_burning(text: str, dead: int) -> None:
    found = events(text)
    assert [(e["sub_event_type"], e["fatalities"]) for e in found] == [("Attack", dead)]


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        # tanks moving in another clause do not make the strikes shelling
        ("Strikes across the enclave killed at least 19 people overnight, medics said, as tanks pushed into the "
         "centre of the enclave.", "Air/drone strike"),
        # rockets told in another clause do
        ("Four rockets slammed into the border town on Monday, killing seven people in the latest deadly "
         "cross-border strike.", "Shelling/artillery/missile attack"),
    ],
)
def test_strike_weapon_read_from_the_sentence(text: str, sub: str) -> None:
    assert {e["sub_event_type"] for e in events(text)} == {sub}


def test_a_country_adjective_before_aggression_names_the_doer() -> None:
    text = ("Three people have been killed and five injured as a result of Russian aggression today, the governor "
            "of the southern region said.")
    (e,) = events(text)
    assert e["actor1"] == "Military Forces of Russia" and e["fatalities"] == 3
