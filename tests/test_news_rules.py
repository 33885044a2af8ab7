"""General rules about English news reports: blamed events, patterns of many acts, year-only background,
the history of a known agreement, the date of a toll's clause, helpers "in support of" a side, aims
("to capture the town") and "take" + place. All sentences are written for these tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from extraction import run as _run
from extraction import token
from trucewatch.events.background import non_event_reason
from trucewatch.events.nonevent import reference_reason
from trucewatch.model import Mention, Modality

PUBLISHED = dt.date(2019, 6, 15)


def run(nlp: Any, triggers: Any, text: str, **kw: Any) -> list[Mention]:
    return _run(nlp, triggers, text, published=PUBLISHED, **kw)


# --- "blamed the fighting on X": the cause of an event already told ------------------------------


def test_blamed_definite_event_is_a_back_reference(nlp: Any) -> None:
    tok = token(nlp, "Local commanders blamed the shelling on army units.", "shelling")
    assert reference_reason(tok, tok.sent) == "back-reference"


def test_blamed_new_event_is_kept(nlp: Any) -> None:
    tok = token(nlp, "Local commanders blamed army units for a bombing near the bridge.", "bombing")
    assert reference_reason(tok, tok.sent) is None


# --- perfect tense + adverb of frequency or extent + bare plural: a pattern of many acts ----------


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Rights groups have repeatedly documented rocket attacks on schools.", "attacks"),
        ("Monitors have widely reported air raids on clinics.", "raids"),
        ("UN investigators have widely documented car bomb attacks on towns.", "bomb"),  # head of a compound
    ],
)
def test_perfect_with_extent_adverb_and_bare_plural_is_habitual(nlp: Any, text: str, word: str) -> None:
    tok = token(nlp, text, word)
    assert non_event_reason(tok, tok.sent, PUBLISHED) == "habitual"


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Rights groups have documented an attack on a school in the valley.", "attack"),
        ("Rights groups have repeatedly documented the attack on the school.", "attack"),
    ],
)
def test_one_documented_attack_is_kept(nlp: Any, text: str, word: str) -> None:
    tok = token(nlp, text, word)
    assert non_event_reason(tok, tok.sent, PUBLISHED) is None


# --- a date that names only an earlier year is background ---------------------------------------


def test_last_year_is_background_even_within_six_months(nlp: Any) -> None:
    # published mid-June: "last year" ends 169 days earlier, inside the 180-day window
    tok = token(
        nlp, "The navy deployment to the gulf last year changed the balance of the war.", "deployment"
    )
    assert non_event_reason(tok, tok.sent, PUBLISHED) == "background-date"


def test_last_month_is_news(nlp: Any) -> None:
    tok = token(nlp, "Fighters seized the airport last month.", "seized")
    assert non_event_reason(tok, tok.sent, PUBLISHED) is None


# --- the history of an agreement the reader knows ---------------------------------------------------


def test_known_truce_starting_months_ago_is_history(nlp: Any, triggers: Any) -> None:
    text = "The truce came into effect in March, and it has mostly held."
    ms = run(nlp, triggers, text, dates={"in March": (dt.date(2019, 3, 1), dt.date(2019, 3, 31))})
    assert [m for m in ms if m.sub_event_type == "Agreement"] == []


def test_truce_starting_this_week_is_no_new_agreement(nlp: Any, triggers: Any) -> None:
    """A truce taking effect was agreed earlier (ACLED codes the agreement, not its start); a truce agreed or
    extended this week is the event."""
    day = dt.date(2019, 6, 13)
    text = "The truce came into effect on Thursday, and it has mostly held."
    ms = run(nlp, triggers, text, dates={"on Thursday": (day, day)})
    assert [m for m in ms if m.sub_event_type == "Agreement"] == []
    text = "The two factions extended the truce by a month on Thursday."
    ms = run(nlp, triggers, text, dates={"on Thursday": (day, day)})
    agreement = [m for m in ms if m.sub_event_type == "Agreement"]
    assert len(agreement) == 1 and agreement[0].date and agreement[0].date.first == day


# --- the toll's own clause dates the event ---------------------------------------------------------


def test_toll_clause_date_beats_the_duration_of_the_fighting(nlp: Any, triggers: Any) -> None:
    text = (
        "Medics said 20 fighters had been killed over the past day in the valley, "
        "where fighting has gone on for two weeks."
    )
    day = (dt.date(2019, 6, 14), PUBLISHED)
    weeks = (dt.date(2019, 6, 1), PUBLISHED)
    ms = run(
        nlp,
        triggers,
        text,
        dates={"over the past day": day, "for two weeks": weeks},
        counts=[("20 fighters had been killed", "killed", "combatants", 20)],
    )
    m = next(m for m in ms if m.sub_event_type == "Armed clash")
    assert m.fatalities == 20
    assert m.date is not None and (m.date.first, m.date.last) == day


# --- "X fought in support of Y": Y is the main actor, X its associate -----------------------------


def test_fighting_in_support_of_a_side(nlp: Any, triggers: Any) -> None:
    text = "Foreign volunteers are fighting in support of the army near Dalia."
    ms = run(nlp, triggers, text, actors=("volunteers", "army"), places=("Dalia",))
    m = next(m for m in ms if m.sub_event_type == "Armed clash")
    assert m.actor1 is not None and m.actor1.name == "Military Forces of Xland"
    assert [a.name for a in m.assoc_actor1] == ["Foreign Volunteer Militia"]


# --- an infinitive of purpose names an aim ---------------------------------------------------------


def test_purpose_infinitive_is_announced(nlp: Any, triggers: Any) -> None:
    text = "The army sent reinforcements to capture Dalia, a commander said."
    ms = run(nlp, triggers, text, actors=("army",), places=("Dalia",))
    m = next(m for m in ms if m.sub_event_type == "Government regains territory")
    assert m.modality == Modality.ANNOUNCED


def test_implicative_infinitive_stays_occurred(nlp: Any, triggers: Any) -> None:
    text = "The army managed to capture Dalia, a commander said."
    ms = run(nlp, triggers, text, actors=("army",), places=("Dalia",))
    m = next(m for m in ms if m.sub_event_type == "Government regains territory")
    assert m.modality == Modality.OCCURRED


# --- "take" + a named place or settlement noun is a capture ---------------------------------------


def test_take_a_named_place_from_a_side(nlp: Any, triggers: Any) -> None:
    text = "Local rebels took Dalia from the army on Sunday."
    ms = run(nlp, triggers, text, actors=("rebels", "army"), places=("Dalia",))
    m = next(m for m in ms if m.trigger == "took")
    assert m.sub_event_type == "Non-state actor overtakes territory"
    assert m.actor1 is not None and m.actor1.name == "Xland Opposition Forces"
    assert m.actor2 is not None and m.actor2.name == "Military Forces of Xland"


def test_take_a_settlement_by_state_forces(nlp: Any, triggers: Any) -> None:
    text = "The army took the village after a week of fighting."
    ms = run(nlp, triggers, text, actors=("army",))
    m = next(m for m in ms if m.trigger == "took")
    assert m.sub_event_type == "Government regains territory"


@pytest.mark.parametrize(
    "text",
    [
        "Rebel leaders took part in the talks in Geneva.",
        "Gunmen took two engineers hostage near the dam.",
        "Officials took the wounded to a clinic.",
    ],
)
def test_take_without_a_place_object_is_no_capture(nlp: Any, triggers: Any, text: str) -> None:
    ms = run(nlp, triggers, text)
    assert not [m for m in ms if m.trigger == "took"]
