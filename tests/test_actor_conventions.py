"""ACLED actor conventions and suspect rules, through the real pipeline: unattributed attacks and air strikes,
riots by a party's supporters, suspected and claiming groups, a label misparsed as a subject, surrenders. Each
rule is also switched off to show its effect. All sentences are written for these tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from trucewatch import config, rules
from trucewatch.model import ActorRef, Article, Mention


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


def one(ms: list[Mention], trigger: str) -> Mention:
    found = [m for m in ms if m.trigger == trigger]
    assert len(found) == 1, [(m.trigger, m.sub_event_type) for m in ms]
    return found[0]


def name(ref: ActorRef | None) -> str | None:
    return ref.name if ref is not None else None


def fired(m: Mention) -> set[str]:
    return {e.method for e in m.evidence if e.field == "rule"}


def test_conventions_are_registered_in_their_phase() -> None:
    found = rules.registry("convention")
    spans = {"convention.crowd-words", "convention.victim-words"}  # they only choose the words a generic actor is read from
    assert [r.name for r in found if r.name not in spans][:3] == ["convention.protesters", "convention.rioters", "convention.riot-intervener"]
    assert {"convention.unidentified-attacker", "convention.unidentified-air"} <= {r.name for r in found}
    assert all(len(r.reason) > 20 for r in found)


def test_unattributed_grenade_is_an_unidentified_armed_group(res: Any) -> None:
    text = "A grenade was thrown into a crowded bus station in Garissa on Monday, wounding six people."
    m = one(mentions(res, text), "grenade")
    assert m.sub_event_type == "Grenade"
    assert name(m.actor1) == "Unidentified Armed Group (Kenya)"
    assert "convention.unidentified-attacker" in fired(m)
    off = one(mentions(res, text, ("convention.unidentified-attacker",)), "grenade")
    assert off.actor1 is None


def test_a_bare_toll_gets_no_default_doer(res: Any) -> None:
    m = one(mentions(res, "Four people were killed in Garissa on Monday."), "killed")
    assert m.actor1 is None  # a toll without a doer stays open to joining the event it belongs to


def test_air_strike_with_no_state_named_is_unidentified_military_forces(res: Any) -> None:
    text = "Warplanes bombed a market in the town of Maarat al-Numan on Monday, killing nine civilians."
    m = next(m for m in mentions(res, text) if m.sub_event_type == "Air/drone strike")
    assert name(m.actor1) == "Unidentified Military Forces"
    assert m.actor1 is not None and m.actor1.inter == 8 and m.actor1.unidentified
    off = next(
        m for m in mentions(res, text, ("convention.unidentified-air",)) if m.sub_event_type == "Air/drone strike"
    )
    assert off.actor1 is None


def test_air_strike_is_not_flown_by_a_rebel_group_named_nearby(res: Any) -> None:
    text = "Air strikes on rebel positions near Atarib killed eleven people on Monday."
    m = next(m for m in mentions(res, text) if m.sub_event_type == "Air/drone strike")
    assert name(m.actor1) == "Unidentified Military Forces"


def test_presumed_group_in_an_apposition_is_the_doer(res: Any) -> None:
    text = (
        "On Tuesday, a group of armed men on motorcycles, presumably Boko Haram fighters, kidnapped a farmer "
        "near Kano."
    )
    m = one(mentions(res, text), "kidnapped")
    assert name(m.actor1) == "Boko Haram"


def test_suspected_rule_switched_off_leaves_the_unidentified_group(res: Any) -> None:
    text = "An unknown armed group (likely Al Shabaab) threw a grenade at a police post in Kismayo on Monday."
    m = one(mentions(res, text), "grenade")
    assert name(m.actor1) == "Al Shabaab" and "role.settled.suspected" in fired(m)
    off = one(mentions(res, text, ("role.settled.suspected",)), "grenade")
    assert name(off.actor1) == "Unidentified Armed Group (Somalia)"


@pytest.mark.parametrize(
    "text,trigger,want",
    [
        ("An unknown armed group (likely Al Shabaab) threw a grenade at a police post in Kismayo on Monday.",
         "grenade", "Al Shabaab"),
        ("A grenade attack blamed on Al Shabaab wounded four people in Garissa on Monday.", "grenade",
         "Al Shabaab"),
        ("Gunmen believed to belong to the Islamic State stormed a checkpoint in Tikrit on Monday.", "stormed",
         "Islamic State (Iraq)"),
    ],
)
def test_suspected_group_is_the_doer(res: Any, text: str, trigger: str, want: str) -> None:
    assert name(one(mentions(res, text), trigger).actor1) == want


def test_a_suspect_among_the_targets_is_not_the_doer(res: Any) -> None:
    text = "Unknown gunmen shot dead a suspected Al Shabaab member in Kismayo on Monday."
    m = next(m for m in mentions(res, text) if m.event_type != "Strategic developments")
    assert name(m.actor1) == "Unidentified Armed Group (Somalia)"
    arrest = one(mentions(res, "Police arrested seven men suspected of links to Al Shabaab in Garissa on Monday."),
                 "arrested")
    assert name(arrest.actor1) == "Police Forces of Kenya"


def test_group_claiming_responsibility_is_the_doer(res: Any) -> None:
    text = "A roadside bomb killed three soldiers near Kismayo on Monday. Al Shabaab claimed responsibility."
    m = one(mentions(res, text), "roadside bomb")
    assert name(m.actor1) == "Al Shabaab"
    off = one(mentions(res, text, ("role.settled.claimed",)), "roadside bomb")
    assert name(off.actor1) == "Unidentified Armed Group (Somalia)"


def test_a_label_before_a_colon_is_not_the_subject(res: Any) -> None:
    text = "Movement of forces: On 4 March 2024, Al Shabaab fighters arrived in a village near Jamaame."
    m = one(mentions(res, text), "arrived")
    assert name(m.actor1) == "Al Shabaab"


def test_side_receiving_a_surrender_is_actor1(res: Any) -> None:
    text = "On Monday, five Al Shabaab fighters surrendered to government forces in Baidoa."
    m = one(mentions(res, text), "surrendered")
    assert (name(m.actor1), name(m.actor2)) == ("Military Forces of Somalia", "Al Shabaab")
    off = one(mentions(res, text, ("role.verb.surrender-to",)), "surrendered")
    assert name(off.actor1) == "Al Shabaab"


def test_unidentified_actor_agrees_with_a_named_one_in_dedup() -> None:
    from trucewatch.dedup import scoring

    gunmen = ActorRef("gunmen", 0, 6, "armed-group-so", "Unidentified Armed Group (Somalia)", 3, None, "SO")
    named = ActorRef("Al Shabaab", 0, 10, "al-shabaab", "Al Shabaab", 2, "jihadist", "SO")
    army = ActorRef("the army", 0, 8, "military-so", "Military Forces of Somalia", 1, "government", "SO")
    assert scoring._actor_pair(gunmen, named) == (scoring.UNKNOWN, False)
    assert scoring._actor_pair(army, named) == (0.0, True)  # named actors of opposed sides still conflict


def test_party_supporters_who_riot_are_rioters_with_the_party_associated(res: Any) -> None:
    text = "On Monday, Awami League supporters rioted and set fire to a bus in Dhaka."
    m = one(mentions(res, text), "rioted")
    assert m.event_type == "Riots"
    assert name(m.actor1) == "Rioters (Bangladesh)"
    assert "AL: Bangladesh Awami League" in [a.name for a in m.assoc_actor1]  # ACLED's name (actors/parties.yaml)
    off = one(mentions(res, text, ("convention.rioters",)), "rioted")
    assert name(off.actor1) == "AL: Bangladesh Awami League"


def test_crowd_named_twice_leaves_the_force_it_fought_as_actor2(res: Any) -> None:
    m = one(mentions(res, "Police clashed with rioters in Dhaka on Monday."), "rioters")
    assert (name(m.actor1), name(m.actor2)) == ("Rioters (Bangladesh)", "Police Forces of Bangladesh")


def test_intercepted_rockets_were_stopped_by_the_state_forces_of_the_place(res: Any) -> None:
    text = "On Tuesday, militants fired rockets toward Sderot. Two of the rockets were intercepted over Sderot."
    m = one(mentions(res, text), "intercepted")
    assert m.sub_event_type == "Disrupted weapons use"
    assert name(m.actor1) == "Military Forces of Israel"
    off = one(mentions(res, text, ("convention.interceptor",)), "intercepted")
    assert off.actor1 is None


def test_patron_in_a_modifier_is_not_the_suspect(res: Any) -> None:
    text = "A bombing blamed on the al-Qaeda-linked group Boko Haram killed five people in Maiduguri on Monday."
    m = one(mentions(res, text), "bombing")
    assert name(m.actor1) == "Boko Haram"  # not the patron, and not a target of "on"
    assert name(m.actor2) != "Boko Haram"


def test_unidentified_doer_of_the_body_yields_to_a_named_headline() -> None:
    from trucewatch.dedup import combine

    gunmen = ActorRef("gunmen", 0, 6, "armed-group-so", "Unidentified Armed Group (Somalia)", 3, None, "SO")
    named = ActorRef("Al Shabaab", 0, 10, "al-shabaab", "Al Shabaab", 2, "jihadist", "SO")
    assert combine._named_first(gunmen, named) is named
    assert combine._named_first(named, gunmen) is named
    assert combine._named_first(None, gunmen) is gunmen


def test_abducted_people_are_civilians(res: Any) -> None:
    text = "Suspected Al Shabaab militants abducted a truck driver near Kismayo on Monday."
    m = one(mentions(res, text), "abducted")
    assert name(m.actor2) == "Civilians (Somalia)"


def test_air_strike_with_no_target_named_hits_civilians(res: Any) -> None:
    text = "Warplanes carried out an air strike on Monday in Maarat al-Numan."
    m = next(m for m in mentions(res, text) if m.sub_event_type == "Air/drone strike")
    assert name(m.actor2) == "Civilians (Syria)" and "convention.civilian-victims" in fired(m)
    off = next(
        m for m in mentions(res, text, ("convention.civilian-victims",)) if m.sub_event_type == "Air/drone strike"
    )
    assert off.actor2 is None


def test_a_protest_broken_up_by_an_unnamed_force_has_the_police_as_actor2(res: Any) -> None:
    m = next(
        m for m in mentions(res, "On Monday, protesters were dispersed with tear gas in Nairobi.")
        if m.event_type == "Protests"
    )
    assert m.sub_event_type in ("Protest with intervention", "Excessive force against protesters")
    assert (name(m.actor1), name(m.actor2)) == ("Protesters (Kenya)", "Police Forces of Kenya")


def test_finder_of_a_weapons_cache_is_actor1_and_its_owner_actor2(res: Any) -> None:
    text = "On Monday, the army discovered and destroyed an Islamic State weapons cache near Mosul."
    m = one(mentions(res, text), "weapons cache")
    assert (name(m.actor1), name(m.actor2)) == ("Military Forces of Iraq", "Islamic State (Iraq)")
    off = one(mentions(res, text, ("convention.weapons-owner",)), "weapons cache")
    assert name(off.actor1) == "Islamic State (Iraq)"
    planted = one(mentions(res, "Police defused an IED planted by Al Shabaab near Garissa on Monday."), "defused")
    assert (name(planted.actor1), name(planted.actor2)) == ("Police Forces of Kenya", "Al Shabaab")


def test_passive_subject_does_the_joined_active_verb(res: Any) -> None:
    text = "On Monday, Al Shabaab fighters were observed and established a base in a village near Jamaame."
    m = one(mentions(res, text), "established")
    assert name(m.actor1) == "Al Shabaab"
    hurt = mentions(res, "On Monday, five soldiers were wounded and taken to hospital in Kismayo.")
    assert all(name(x.actor1) != "Military Forces of Somalia" for x in hurt)  # passive both: no doer from it
