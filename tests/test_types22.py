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


# --- trigger data: changes of control, sexual violence, arrests over a protest, shots at protesters ---------


@pytest.mark.parametrize(
    "text",
    [
        "On 3 March 2024, the rebels controlled the hill village of Kafr Nabl after clashes with the army.",
        "On 3 March 2024, the rebels retook the village of Kafr Nabl from the army.",
        "On 3 March 2024, the rebels clashed with the army and managed to control the village of Kafr Nabl.",
    ],
)
def test_control_and_retook_tell_a_change_of_control(res: Any, text: str) -> None:
    assert "Non-state actor overtakes territory" in subs(mentions(res, text))


@pytest.mark.parametrize(
    "text",
    [
        "The rebels still controlled the village of Kafr Nabl on 3 March 2024.",
        "Mines were left by the rebels, who until recently controlled the village of Kafr Nabl.",
    ],
)
def test_a_standing_or_former_control_is_no_change(res: Any, text: str) -> None:
    assert not subs(mentions(res, text)) & {"Non-state actor overtakes territory", "Government regains territory"}


def test_control_after_a_withdrawal_is_a_non_violent_transfer(res: Any) -> None:
    text = "On 3 March 2024, the army controlled the town of Kafr Nabl after the rebels withdrew from it."
    found = subs(mentions(res, text))
    assert "Non-violent transfer of territory" in found and "Government regains territory" not in found


@pytest.mark.parametrize(
    "text",
    [
        "On 3 March 2024, soldiers assaulted a farmer and stripped him naked in a village near Kandi.",
        "On 3 March 2024, gunmen abducted and raped two women in a village near Kandi.",
    ],
)
def test_rape_or_forced_nudity_makes_the_event_sexual_violence(res: Any, text: str) -> None:
    from trucewatch import dedup

    events = dedup.within_article(mentions(res, text), "t")
    assert [e.sub_event_type for e in events if e.sub_event_type == "Sexual violence"]
    assert "Sexual violence" not in subs(mentions(res, "On 3 March 2024, the officer was stripped of his rank in Kandi."))


def test_an_arrest_over_a_protest_is_an_arrest(res: Any) -> None:
    text = "On 3 March 2024, police arrested an activist in Kandy over his role in a demonstration last month."
    arrests = [m for m in mentions(res, text) if m.trigger == "arrested"]
    assert [m.sub_event_type for m in arrests] == ["Arrests"]
    # the month "March" is no protest march
    assert subs(mentions(res, "On 12 March 2024, soldiers arrested a militant leader near the border town of Pama.")) == {"Arrests"}


def test_police_firing_at_the_protesters_is_excessive_force(res: Any) -> None:
    text = ("On 3 March 2024, hundreds of students staged a rally in Khulna demanding lower fees. "
            "Police fired at the demonstrators and detained several students.")
    assert "Excessive force against protesters" in subs(mentions(res, text))



def test_a_crowd_that_staged_a_demonstration_and_vandalised_is_a_violent_demonstration(res: Any) -> None:
    text = "On 3 March 2024, people staged a demonstration in Galle and vandalised the house of a local politician."
    found = subs(mentions(res, text))
    assert "Violent demonstration" in found and "Mob violence" not in found


def test_rival_supporters_fighting_at_a_party_rally_is_mob_violence(res: Any) -> None:
    text = "On 3 March 2024, supporters of two candidates clashed at a party rally in Kisumu, injuring two people."
    clash = [m.sub_event_type for m in mentions(res, text) if m.trigger == "clashed"]
    assert clash == ["Mob violence"]


def test_a_passive_parsed_as_a_modifier_is_not_attributive() -> None:
    # the parser may read "observed" in "were observed gathering" as a modifier of the noun "gathering" (seen on
    # real notes): the auxiliary before it makes it a passive verb, not "the observed gathering"
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from trucewatch.events.background import _attributive

    words = ["Fighters", "were", "observed", "gathering", "near", "the", "village"]
    def doc(aux_pos: str) -> Doc:
        return Doc(Vocab(), words=words, heads=[3, 2, 3, 3, 3, 6, 4],
                   deps=["nsubjpass", "auxpass", "amod", "ROOT", "prep", "det", "pobj"],
                   pos=["NOUN", aux_pos, "VERB", "NOUN", "ADP", "DET", "NOUN"],
                   tags=["NNS", "VBD", "VBN", "NN", "IN", "DT", "NN"])
    assert not _attributive(doc("AUX")[2])
    assert _attributive(doc("NOUN")[2])  # "... the observed gathering": still a modifier


def test_a_takeover_marked_by_preaching_is_a_non_violent_transfer(res: Any) -> None:
    text = "On 3 March 2024, militants took control of the village of Kofounou and preached to the residents."
    found = subs(mentions(res, text))
    assert "Non-violent transfer of territory" in found and "Non-state actor overtakes territory" not in found


def test_a_thrown_bomb_is_a_grenade(res: Any) -> None:
    text = "On 3 March 2024, a man on a motorcycle threw an explosive device at a police post in Batticaloa."
    found = subs(mentions(res, text))
    assert "Grenade" in found and "Remote explosive/landmine/IED" not in found
    planted = "On 3 March 2024, an explosive device planted on the road hit a police vehicle in Batticaloa."
    assert "Grenade" not in subs(mentions(res, planted))


def test_injuries_where_police_broke_up_a_protest_are_excessive_force(res: Any) -> None:
    text = ("On 3 March 2024, hundreds of people protested in Tver against a new landfill. "
            "Police detained twenty protesters and injured two, who were taken to hospital.")
    found = subs(mentions(res, text))
    assert "Excessive force against protesters" in found
    calm = ("On 3 March 2024, hundreds of people protested in Tver against a new landfill. "
            "Police detained twenty protesters.")
    assert "Excessive force against protesters" not in subs(mentions(res, calm))


def test_a_commander_s_men_are_no_crowd(res: Any) -> None:
    text = "On 3 March 2024, a rebel commander said his men had joined the battle near Kafr Nabl."
    assert "Mob violence" not in subs(mentions(res, text))


@pytest.mark.parametrize(
    "text",
    [
        "At least seven people killed and injured by a car bomb in Qamishli",  # the victims of a headline
        "Five people beheaded in a village near Kismayo",
        "On 3 March 2024, unidentified people assassinated two intelligence officers in Daraa.",  # a planned killing
    ],
)
def test_victims_and_planned_killings_are_no_mob(res: Any, text: str) -> None:
    assert "Mob violence" not in subs(mentions(res, text))


def test_a_demonstration_named_inside_a_party_s_description_sets_no_clash(res: Any) -> None:
    text = "On 3 March 2024, clashes raged between the two largest factions operating in Idlib and local protests."
    assert "Violent demonstration" not in {m.sub_event_type for m in mentions(res, text) if m.trigger == "clashes"}


def test_victims_of_a_coordinated_participle_are_no_mob(res: Any) -> None:
    text = "On 3 March 2024, at least ten persons were missing, killed and injured after the market in Idlib was hit."
    assert "Mob violence" not in subs(mentions(res, text))


def test_a_brick_fight_during_a_demonstration_is_a_violent_demonstration(res: Any) -> None:
    text = ("On 3 March 2024, garment workers clashed with police using bricks and stones in Savar during their "
            "demonstration demanding higher wages.")
    clash = [m.sub_event_type for m in mentions(res, text) if m.trigger == "clashed"]
    assert clash == ["Violent demonstration"]
    off = [m.sub_event_type for m in mentions(res, text, off=("typing.demonstration-clash",)) if m.trigger == "clashed"]
    assert off == ["Mob violence"]
