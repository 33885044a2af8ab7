"""Which actor a name stands for (issue 14, ACLED's actor names): rules of phase ``actor-name`` (a unit or
organisation in brackets, a clan militia by its lineage, a heading label), per-country units (gendarmerie,
national guard), parties telling the country of a report that names no place, and the moving force of a
change to group activity. Each rule is also switched off to show its effect. All sentences are written for
these tests (invented clan names; no place names)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from trucewatch import config
from trucewatch.model import ActorRef, Article, Mention


@pytest.fixture(scope="module")
def res() -> Any:
    from trucewatch import nlp as nlp_stage
    from trucewatch import pipeline

    try:
        return pipeline.resources()
    except nlp_stage.ModelMissing as exc:
        pytest.skip(str(exc))


def _article(text: str) -> Article:
    return Article(id="t", text=text, published=dt.date(2024, 3, 5), language="en")


def mentions(res: Any, text: str, off: tuple[str, ...] = ()) -> list[Mention]:
    from trucewatch import pipeline

    with config.use(config.Settings(rules_off=off)):
        out = list(pipeline.extract([_article(text)], res=res))
    assert len(out) == 1
    return out[0][1]


def refs(res: Any, text: str, off: tuple[str, ...] = ()) -> list[ActorRef]:
    from trucewatch import actors, clean, nlp

    art = _article(text)
    clean.segment(art)
    with config.use(config.Settings(rules_off=off)):
        (a, parsed), = list(nlp.parse([art]))
        return actors.annotate(a, parsed, res.dictionary)


def names(found: list[ActorRef]) -> list[str]:
    return [r.name or "" for r in found]


def one(ms: list[Mention], trigger: str) -> Mention:
    found = [m for m in ms if m.trigger == trigger]
    assert len(found) == 1, [(m.trigger, m.sub_event_type) for m in ms]
    return found[0]


def name(ref: ActorRef | None) -> str | None:
    return ref.name if ref else None


def test_a_unit_in_brackets_after_generic_forces_is_that_unit(res: Any) -> None:
    text = "Somali government security forces (NISA) arrested two suspects on Monday."
    nisa = "Military Forces of Somalia National Intelligence and Security Agency"
    assert name(one(mentions(res, text), "arrested").actor1) == nisa
    off = one(mentions(res, text, ("actors.bracketed-name",)), "arrested")
    assert name(off.actor1) == "Military Forces of Somalia"


def test_the_organisation_in_brackets_after_its_unit_is_named(res: Any) -> None:
    text = "Suspected Katiba Macina (JNIM) militants abducted a teacher on Monday."
    found = refs(res, text)
    assert names(found)[0] == "JNIM: Group for Support of Islam and Muslims"
    assert names(refs(res, text, ("actors.bracketed-name",)))[0] == "Katiba Macina"


def test_a_unit_of_another_state_in_brackets_is_left_alone(res: Any) -> None:
    found = refs(res, "Kenyan soldiers (NISA) were seen on Monday.")
    assert names(found)[0] == "Military Forces of Kenya"


def test_a_clan_militia_takes_its_lineage_as_acled_names_it(res: Any) -> None:
    text = "Somali elders said the Qorfoo-Dhaban sub-clan militia attacked a farm on Monday."
    assert "Qorfoo-Dhaban Sub-Clan Militia (Somalia)" in names(refs(res, text))
    assert "Unidentified Clan Militia (Somalia)" in names(refs(res, text, ("actors.clan-lineage",)))


def test_two_clans_named_together_are_both_clan_militias(res: Any) -> None:
    text = "Somali elders said Qorfoo and Dhabanle clan militias fought over a well on Monday."
    found = names(refs(res, text))
    assert "Qorfoo Clan Militia (Somalia)" in found
    assert "Dhabanle Clan Militia (Somalia)" in found


def test_a_clan_the_dictionary_knows_takes_its_full_lineage(res: Any) -> None:
    found = names(refs(res, "Somali elders said the Habar Jeclo clan militia withdrew on Monday."))
    assert "Isaaq-Habar Jeclo Sub-Clan Militia (Somalia)" in found


def test_a_clan_militia_named_without_a_country_takes_the_event_country_later(res: Any) -> None:
    ref = ActorRef(text="Qorfoo clan militia", start=0, end=19, name="Qorfoo Clan Militia", kind="militia")
    moved = res.dictionary.relocate(ref, "SO")
    assert (moved.name, moved.country) == ("Qorfoo Clan Militia (Somalia)", "SO")
    named = ActorRef(text="Qorfoo", start=0, end=6, name="Qorfoo Group", kind="organisation")
    assert res.dictionary.relocate(named, "SO").name == "Qorfoo Group"


def test_a_role_word_in_a_heading_label_is_no_actor(res: Any) -> None:
    text = "Movement of forces: On Monday, Al Shabaab fighters were seen near a village."
    assert not [n for n in names(refs(res, text)) if n.startswith("Military Forces")]
    assert "Military Forces of Somalia" in names(refs(res, text, ("actors.heading-label",)))


def test_the_force_that_moves_is_actor1_of_a_change_of_activity(res: Any) -> None:
    text = "Somaliland troops were deployed to the outskirts of a town on Monday."
    m = one(mentions(res, text), "deployed")
    assert m.sub_event_type == "Change to group/activity"
    assert (name(m.actor1), m.actor2) == ("Military Forces of Somaliland", None)
    off = one(mentions(res, text, ("convention.moving-force",)), "deployed")
    assert off.actor1 is None and name(off.actor2) == "Military Forces of Somaliland"


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Burkinabe gendarmes arrested three men on Monday.", "Police Forces of Burkina Faso Gendarmerie"),
        ("Turkish gendarmerie forces detained 20 migrants on Monday.", "Military Forces of Turkey Gendarmerie"),
        ("Mexican National Guard troops detained 30 migrants on Monday.", "Police Forces of Mexico National Guard"),
    ],
)
def test_a_country_unit_takes_acleds_name_for_that_country(res: Any, text: str, want: str) -> None:
    assert want in names(refs(res, text))


def test_a_party_tells_the_country_of_a_report_naming_no_place(res: Any) -> None:
    m = one(mentions(res, "ODM supporters rioted and burned tyres after the results were announced."), "rioted")
    assert name(m.actor1) == "Rioters (Kenya)"
    assert "ODM: Orange Democratic Movement" in [a.name for a in m.assoc_actor1]


def test_a_protest_broken_up_in_a_later_sentence_has_that_force_as_actor2(res: Any) -> None:
    text = "Hundreds of Russian students protested on Monday. Riot police intervened and detained twelve of them."
    m = next(x for x in mentions(res, text) if x.event_type == "Protests")
    assert m.sub_event_type == "Protest with intervention"
    assert name(m.actor2) == "Police Forces of Russia"
    ev = m.evidence_for("actor2")
    assert ev and ev[0].text == "Riot police" and ev[0].method == "intervening-force"


def test_a_unit_of_a_known_force_is_that_force(res: Any) -> None:
    text = "The Mine Clearance Unit of the Police Special Task Force defused a mine in a Sri Lankan village."
    stf = "Police Forces of Sri Lanka Special Task Force"
    assert [r.name for r in refs(res, text) if r.text == "Mine Clearance Unit"] == [stf]
    assert [r.name for r in refs(res, text, ("actors.unit-of",)) if r.text == "Mine Clearance Unit"] != [stf]
    fighters = refs(res, "Fighters of the Hamza Division attacked a village in Syria.")
    assert names(fighters)[0] == "Hamza Division"
    off = refs(res, "Fighters of the Hamza Division attacked a village in Syria.", ("actors.unit-of",))
    assert names(off)[0] == "Unidentified Armed Group (Syria)"


def test_force_word_after_an_armed_group_is_that_groups_men(res: Any) -> None:
    text = "Somali elders said unidentified clan militia forces set up a checkpoint on Monday."
    assert names(refs(res, text)) == ["Unidentified Clan Militia (Somalia)"]
    off = names(refs(res, text, ("actors.group-forces",)))
    assert "Military Forces of Somalia" in off


def test_a_trigger_in_a_heading_takes_the_doer_of_the_report_after_it(res: Any) -> None:
    text = "Looting: On Monday, Al Shabaab invaded a Somali town and looted shops."
    m = one(mentions(res, text), "Looting")
    assert name(m.actor1) == "Al Shabaab"
    assert [e.method for e in m.evidence_for("actor1")] == ["heading-subject"]


def test_civilians_are_the_victims_of_violence_against_civilians(res: Any) -> None:
    text = "Many women and children reported to have been gang-raped during post election violence in a Kenyan slum."
    m = one(mentions(res, text), "raped")
    assert (name(m.actor1), name(m.actor2)) == ("Unidentified Armed Group (Kenya)", "Civilians (Kenya)")
    off = one(mentions(res, text, ("convention.civilian-victim-as-doer",)), "raped")
    assert name(off.actor1) == "Civilians (Kenya)"


def test_a_group_and_a_force_word_across_a_line_break_stay_two_mentions(res: Any) -> None:
    found = refs(res, "Syrian army retakes a town from Islamic State\n\nGovernment troops entered the town on Monday.")
    assert "Military Forces of Syria" in [r.name for r in found if r.text == "Government troops"]
