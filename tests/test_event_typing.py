"""Event finding and typing on the patterns of real reports (issue 14, events): a change of control said to be
without a fight in the next sentence, partisan brawls, demolitions, illegal checkpoints, goods seized, live fire
on protesters, absolute phrases that tell a second attack, and the references, counts and backdrops that tell no
new event. All sentences are written for these tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from extraction import run as _run
from extraction import token
from trucewatch.events.grammar import Candidate
from trucewatch.events.nonevent import reference_reason
from trucewatch.events.unreported import present_purpose
from trucewatch.model import Mention
from trucewatch.rules import Runner

PUBLISHED = dt.date(2019, 6, 15)


def run(nlp: Any, triggers: Any, text: str, **kw: Any) -> list[Mention]:
    return _run(nlp, triggers, text, published=PUBLISHED, **kw)


def subs(mentions: list[Mention]) -> list[str]:
    return [m.sub_event_type for m in mentions]


# --- territory: "took the village. There were no clashes." ------------------------------------------------


def test_no_fight_in_the_next_sentence_is_a_non_violent_transfer(nlp: Any, triggers: Any) -> None:
    text = "The rebels took control of the hill village on Monday. There were no clashes."
    assert "Non-violent transfer of territory" in subs(run(nlp, triggers, text, actors=("rebels",)))


def test_no_fight_in_the_same_sentence_is_a_non_violent_transfer(nlp: Any, triggers: Any) -> None:
    text = "The rebels took control of the hill village on Monday, and no clash was reported."
    assert "Non-violent transfer of territory" in subs(run(nlp, triggers, text, actors=("rebels",)))


def test_fighting_makes_the_same_capture_an_overtaking(nlp: Any, triggers: Any) -> None:
    text = "The rebels took control of the hill village on Monday after heavy fighting."
    found = subs(run(nlp, triggers, text, actors=("rebels",)))
    assert "Non-state actor overtakes territory" in found
    assert "Non-violent transfer of territory" not in found


# --- who did it decides the sub-type -------------------------------------------------------------------------


def test_participle_on_its_victims_reads_them(nlp: Any, triggers: Any) -> None:
    # "villagers" is the noun the participle describes: the victims are civilians
    assert "Attack" in subs(run(nlp, triggers, "Four villagers shot dead by gunmen near the well"))


@pytest.mark.parametrize(
    "text",
    [
        "Supporters of two rival candidates clashed outside the polling station on Sunday.",
        "Members of two student groups clashed with sticks and bricks at the college on Sunday.",
        "Supporters of the mayor assaulted two journalists outside the town hall on Sunday.",
    ],
)
def test_partisan_brawls_are_mob_violence(nlp: Any, triggers: Any, text: str) -> None:
    assert subs(run(nlp, triggers, text))[:1] == ["Mob violence"]


def test_armed_groups_clashing_stay_a_battle(nlp: Any, triggers: Any) -> None:
    text = "The rebels clashed with army troops near the bridge on Sunday."
    assert subs(run(nlp, triggers, text, actors=("rebels", "army"))) == ["Armed clash"]


def test_controlled_explosions_are_property_destruction(nlp: Any, triggers: Any) -> None:
    text = "Troops destroyed empty houses in controlled explosions east of the camp on Monday."
    found = subs(run(nlp, triggers, text))
    assert "Looting/property destruction" in found
    assert "Remote explosive/landmine/IED" not in found


def test_set_off_explosives_is_an_explosive_attack(nlp: Any, triggers: Any) -> None:
    text = "Militants set off explosives under the bridge on Monday."
    assert subs(run(nlp, triggers, text)) == ["Remote explosive/landmine/IED"]


def test_set_off_without_explosives_is_nothing(nlp: Any, triggers: Any) -> None:
    assert run(nlp, triggers, "The convoy set off for the capital on Monday.") == []


def test_illegal_checkpoint_is_other_and_a_base_is_a_base(nlp: Any, triggers: Any) -> None:
    checkpoint = "The militia set up an illegal checkpoint on the main road on Monday to extort drivers."
    base = "The militia set up a base near the river on Monday."
    assert subs(run(nlp, triggers, checkpoint, actors=("militia",))) == ["Other"]
    assert subs(run(nlp, triggers, base, actors=("militia",))) == ["Headquarters or base established"]


def test_goods_seized_are_looting_not_ground(nlp: Any, triggers: Any) -> None:
    text = "The insurgents seized livestock from herders near the wells on Monday."
    assert subs(run(nlp, triggers, text, actors=("insurgents",))) == ["Looting/property destruction"]


def test_recruiting_youths_is_a_change_to_the_group(nlp: Any, triggers: Any) -> None:
    text = "The militia recruited twenty youths in the market town on Monday."
    assert subs(run(nlp, triggers, text, actors=("militia",))) == ["Change to group/activity"]


# --- protests --------------------------------------------------------------------------------------------------


def test_live_rounds_fired_at_protesters_by_police(nlp: Any, triggers: Any) -> None:
    text = "The police fired live rounds at protesters in the square on Monday."
    assert "Excessive force against protesters" in subs(run(nlp, triggers, text, actors=("police",)))


def test_protesters_firing_live_rounds_are_not_its_victims(nlp: Any, triggers: Any) -> None:
    text = "A group of protesters fired live rounds at a shop in the square on Monday."
    assert "Excessive force against protesters" not in subs(run(nlp, triggers, text))


def test_protest_met_with_fire_that_injured_is_excessive_force(nlp: Any, triggers: Any) -> None:
    text = "Hundreds of traders protested in the market on Monday. The police opened fire on the crowd, injuring three."
    found = run(nlp, triggers, text, actors=("police",))
    protest = [m for m in found if m.trigger == "protested"]
    assert protest and protest[0].sub_event_type == "Excessive force against protesters"


def test_protest_dispersed_with_tear_gas_stays_an_intervention(nlp: Any, triggers: Any) -> None:
    text = "Hundreds of traders protested in the market on Monday. The police fired tear gas to disperse them."
    found = run(nlp, triggers, text, actors=("police",))
    protest = [m for m in found if m.trigger == "protested"]
    assert protest and protest[0].sub_event_type == "Protest with intervention"


# --- one sentence, two attacks ----------------------------------------------------------------------------------


def test_absolute_phrase_with_its_own_result_is_a_second_event(nlp: Any, triggers: Any) -> None:
    text = "Air strikes killed nine civilians in the north on Monday, with rebel rocket fire on the city killing two more."
    found = subs(run(nlp, triggers, text))
    assert "Air/drone strike" in found
    assert "Shelling/artillery/missile attack" in found


def test_attackers_taking_the_soldiers_weapons_is_part_of_the_attack() -> None:
    from trucewatch import ingest, pipeline

    text = "Gunmen attacked an army post on Monday. The gunmen seized the weapons of the soldiers before they left."
    art = ingest.from_text(text, published="2019-06-15", origin="test:spoils")
    found = [subs(item[1]) for item in pipeline.extract([art]) if isinstance(item, tuple)]
    assert found and found[0]
    assert "Disrupted weapons use" not in found[0]


def test_police_seizing_weapons_the_same_day_is_its_own_event(nlp: Any, triggers: Any) -> None:
    text = "The insurgents attacked an army post on Monday. The police seized a weapons cache in the next village."
    found = subs(run(nlp, triggers, text, actors=("insurgents", "army", "police")))
    assert "Disrupted weapons use" in found


# --- references, counts and backdrops ---------------------------------------------------------------------------


def test_counted_cases_are_an_aggregate(nlp: Any) -> None:
    tok = token(nlp, "The monitors documented 21 cases where people were killed by police.", "killed")
    assert reference_reason(tok, tok.sent) == "aggregate"


def test_a_single_case_told_is_kept(nlp: Any) -> None:
    tok = token(nlp, "Police killed a trader in the market where he worked.", "killed")
    assert reference_reason(tok, tok.sent) is None


def test_past_perfect_until_is_a_backdrop(nlp: Any) -> None:
    tok = token(nlp, "Fighting had raged across the province until the truce took effect.", "Fighting")
    assert reference_reason(tok, tok.sent) == "background-until"


def test_past_perfect_until_can_be_switched_off(nlp: Any) -> None:
    tok = token(nlp, "Fighting had raged across the province until the truce took effect.", "Fighting")
    off = Runner("reference", disabled=["reference.until"]).first(Candidate(tok, tok.sent))
    assert off is None or off[0].name != "reference.until"


def test_fighting_that_raged_on_monday_is_kept(nlp: Any) -> None:
    tok = token(nlp, "Fighting raged across the province on Monday.", "Fighting")
    assert reference_reason(tok, tok.sent) is None


def test_present_habit_aim_is_no_event(nlp: Any) -> None:
    tok = token(nlp, "The crowds grow angry after dark as police use tear gas to battle the youths.", "battle")
    assert present_purpose(Candidate(tok, tok.sent)) == "habitual"


def test_past_aim_is_not_a_habit(nlp: Any) -> None:
    tok = token(nlp, "On Monday police used tear gas to battle the youths.", "battle")
    assert present_purpose(Candidate(tok, tok.sent)) is None


def test_reaction_points_back_only_after_the_event_was_told(nlp: Any, triggers: Any) -> None:
    told = "Gunmen attacked the market on Monday. The governor condemned the attack on the traders."
    only = "The governor condemned the attack on the traders in the market on Monday."
    assert len(run(nlp, triggers, told)) == 1
    assert [m.trigger for m in run(nlp, triggers, only)] == ["attack"]


def test_one_of_the_attacks_points_back_after_they_were_told(nlp: Any, triggers: Any) -> None:
    text = (
        "Gunmen attacked two markets in the city on Monday. A reporter at the scene of one of the attacks said "
        "the stalls were burning."
    )
    assert [m.trigger for m in run(nlp, triggers, text)] == ["attacked"]


def test_some_of_the_rockets_intercepted_is_not_a_reference(nlp: Any) -> None:
    tok = token(nlp, "Some of the rockets were intercepted over the town.", "rockets")
    assert reference_reason(tok, tok.sent) != "back-reference"


# --- protests stopped by force, rallies ------------------------------------------------------------------------


def test_protest_stopped_by_police_is_an_intervention(nlp: Any, triggers: Any) -> None:
    text = "The police stopped a protest of opposition supporters in the town square on Monday."
    assert subs(run(nlp, triggers, text, actors=("police",))) == ["Protest with intervention"]


def test_an_offensive_stopped_by_its_own_side_is_no_event(nlp: Any, triggers: Any) -> None:
    assert run(nlp, triggers, "The army stopped its offensive on Monday.", actors=("army",)) == []


def test_people_gathering_to_show_support_is_a_rally(nlp: Any, triggers: Any) -> None:
    text = "Hundreds of people gathered in the main square on Monday to show support for the army."
    assert subs(run(nlp, triggers, text)) == ["Peaceful protest"]


def test_people_gathering_at_a_market_is_nothing(nlp: Any, triggers: Any) -> None:
    assert run(nlp, triggers, "Hundreds of people gathered in the main square on Monday.") == []


# --- agreements as time anchors, deployments as states ----------------------------------------------------------


def test_agreement_that_only_dates_another_event_is_no_event(nlp: Any, triggers: Any) -> None:
    text = "The rebels withdrew from the town days after both sides signed a truce agreement."
    assert "Agreement" not in subs(run(nlp, triggers, text, actors=("rebels",)))


def test_agreement_told_in_its_own_clause_is_kept(nlp: Any, triggers: Any) -> None:
    text = "After the two sides signed a truce agreement on Friday, calm returned to the town."
    assert subs(run(nlp, triggers, text)) == ["Agreement"]


def test_undated_perfect_deployment_is_a_state(nlp: Any) -> None:
    tok = token(nlp, "The army has deployed thousands of soldiers to the south.", "deployed")
    reason = Runner("reference").first(Candidate(tok, tok.sent, sub="Change to group/activity"))
    assert reason is not None and reason[1] == "background-state"


def test_dated_deployment_is_an_event(nlp: Any, triggers: Any) -> None:
    text = "The army deployed thousands of soldiers to the south on Monday."
    assert "Change to group/activity" in subs(run(nlp, triggers, text, actors=("army",)))


def test_lead_present_perfect_deployment_is_news(nlp: Any, triggers: Any) -> None:
    text = "The army has deployed thousands of soldiers to the south."
    assert "Change to group/activity" in subs(run(nlp, triggers, text, actors=("army",)))


def test_later_present_perfect_deployment_is_a_backdrop(nlp: Any, triggers: Any) -> None:
    text = (
        "The rebels attacked a border post on Monday. The army has deployed thousands of soldiers to the south."
    )
    assert "Change to group/activity" not in subs(run(nlp, triggers, text, actors=("rebels", "army")))


def test_recent_bombing_is_an_earlier_event(nlp: Any) -> None:
    tok = token(nlp, "Damaged cars are seen at the site of a recent bombing in the capital.", "bombing")
    assert reference_reason(tok, tok.sent) == "background-earlier"


def test_bombing_on_monday_is_kept(nlp: Any) -> None:
    tok = token(nlp, "Damaged cars are seen at the site of a bombing in the capital on Monday.", "bombing")
    assert reference_reason(tok, tok.sent) is None


# --- a battle in which ground changes hands is typed as the change of control ---------------------------------


def test_clash_with_a_capture_is_typed_as_the_capture(nlp: Any, triggers: Any) -> None:
    import dataclasses

    from trucewatch.dedup.combine import combine

    found = run(nlp, triggers, "The rebels clashed with army troops in the village on Monday.", actors=("rebels",))
    taken = run(nlp, triggers, "The rebels took control of the village on Monday.", actors=("rebels",))
    clash = dataclasses.replace(found[0], confidence=0.9)  # the clash is the report that names the event
    assert clash.sub_event_type == "Armed clash"
    assert combine([clash, taken[0]])["sub_event_type"] == "Non-state actor overtakes territory"
    assert combine([clash])["sub_event_type"] == "Armed clash"


# --- an arrest the protest is about is no intervention ------------------------------------------------------------


def test_protest_for_the_release_of_an_arrested_man_is_peaceful(nlp: Any, triggers: Any) -> None:
    text = "Hundreds of people protested in the square on Monday to demand the release of a teacher, who was arrested in May."
    assert subs(run(nlp, triggers, text))[:1] == ["Peaceful protest"]


def test_protesters_arrested_by_police_is_an_intervention(nlp: Any, triggers: Any) -> None:
    text = "Hundreds of people protested in the square on Monday. The police arrested twenty of them."
    found = run(nlp, triggers, text, actors=("police",))
    protest = [m for m in found if m.trigger == "protested"]
    assert protest and protest[0].sub_event_type == "Protest with intervention"


def test_protesters_detained_while_demanding_a_release_is_an_intervention(nlp: Any, triggers: Any) -> None:
    text = "The police detained dozens of protesters on Sunday as they demanded the release of a jailed teacher."
    found = run(nlp, triggers, text, actors=("police",))
    assert "Protest with intervention" in subs(found)
    assert "Peaceful protest" not in subs(found)


def test_opening_a_border_to_illegal_migrants_is_no_checkpoint(nlp: Any, triggers: Any) -> None:
    text = "The government opened its borders on Monday to migrants ordered out as illegal aliens."
    assert "Other" not in subs(run(nlp, triggers, text))


def test_under_a_deal_brokered_by_others_is_a_frame(nlp: Any, triggers: Any) -> None:
    text = "The army handed over its weapons in 2014 under a deal brokered by two foreign powers."
    assert "Agreement" not in subs(run(nlp, triggers, text, actors=("army",)))
