"""Role rules and conventions of session 21 (issue 14, who did what to whom), through the real pipeline: a cause
phrase names the doer, a compound trigger leaves its roles to the noun it modifies, named parties after a generic
"armed groups", a back-reference that names the parties of an earlier mention, an agreement announced by a party.
Each rule is also switched off to show its effect. All sentences are written for these tests."""

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


def test_the_new_rules_are_registered() -> None:
    names = {r.name for r in rules.registry()}
    assert {
        "role.compound-head",
        "role.verb.cause",
        "role.noun.between-copula",
        "role.settled.named-parties",
        "convention.agreement-announcer",
        "extract.parties-named-later",
    } <= names
    assert [r.name for r in rules.registry("article")] == ["extract.parties-named-later", "extract.another-same-kind", "extract.another-same-doer", "extract.attackers-named-before", "extract.clash-sides-from-fire"]


CAUSE = "Three villagers have been killed because of the Ethiopian intervention, the district chief said on Monday."


def test_a_cause_phrase_names_the_doer(res: Any) -> None:
    m = one(mentions(res, CAUSE), "killed")
    assert name(m.actor1) == "Military Forces of Ethiopia"
    assert name(m.actor2) == "Civilians (Ethiopia)"
    assert "role.verb.cause" in fired(m)
    assert next(e.method for e in m.evidence if e.field == "actor1") == "cause"
    off = one(mentions(res, CAUSE, ("role.verb.cause",)), "killed")
    assert off.actor1 is None


COMPOUND = "In the north, six civilians were killed in barrel bomb attacks by Malian troops on a village on Monday."


def test_a_compound_trigger_takes_the_roles_of_its_noun(res: Any) -> None:
    m = one(mentions(res, COMPOUND), "barrel bomb")
    assert name(m.actor1) == "Military Forces of Mali"
    assert "role.compound-head" in fired(m)
    off = one(mentions(res, COMPOUND, ("role.compound-head",)), "barrel bomb")
    assert name(off.actor1) != "Military Forces of Mali"


NAMED = (
    "Heavy clashes broke out near Kiwanja on Tuesday between two rival armed groups: the M23 rebels and the "
    "CODECO militia."
)


def test_groups_named_after_a_generic_word_are_the_parties(res: Any) -> None:
    m = one(mentions(res, NAMED), "clashes")
    assert (name(m.actor1), name(m.actor2)) == ("M23: March 23 Movement", "CODECO: Cooperative for the Development of Congo")
    assert "role.settled.named-parties" in fired(m)
    off = one(mentions(res, NAMED, ("role.settled.named-parties",)), "clashes")
    assert off.actor1 is not None and off.actor1.unidentified


LATER = (
    "Eleven people were killed on Tuesday in fighting between armed groups near Kiwanja in North Kivu. "
    "The clashes were between two rival armed groups: the M23 rebels and the CODECO militia."
)


def test_a_back_reference_names_the_parties_of_the_earlier_mention(res: Any) -> None:
    ms = mentions(res, LATER)
    assert [m.trigger for m in ms] == ["fighting"], "the back-reference tells no event of its own"
    m = ms[0]
    assert (name(m.actor1), name(m.actor2)) == ("M23: March 23 Movement", "CODECO: Cooperative for the Development of Congo")
    assert "extract.parties-named-later" in fired(m)
    ev1 = next(e for e in m.evidence if e.field == "actor1")
    assert ev1.method == "named-later" and LATER[ev1.start : ev1.end] == ev1.text and ev1.start > LATER.index("The clashes")
    off = mentions(res, LATER, ("extract.parties-named-later",))
    assert off[0].actor1 is not None and off[0].actor1.unidentified


def test_a_back_reference_naming_only_generic_actors_changes_nothing(res: Any) -> None:
    text = "Eleven people were killed on Tuesday in fighting near Kiwanja in North Kivu. The clashes were between gunmen."
    ms = mentions(res, text)
    assert all("extract.parties-named-later" not in fired(m) for m in ms)


ANNOUNCED = "Ethiopia said on Sunday that the ceasefire in the north had been extended for a month."


def test_an_agreement_announced_by_a_party_has_it_as_actor1(res: Any) -> None:
    m = one(mentions(res, ANNOUNCED), "ceasefire")
    assert m.sub_event_type == "Agreement"
    assert name(m.actor1) == "Military Forces of Ethiopia"
    assert "convention.agreement-announcer" in fired(m)
    off = one(mentions(res, ANNOUNCED, ("convention.agreement-announcer",)), "ceasefire")
    assert off.actor1 is None


def test_a_monitor_announcing_an_agreement_is_no_party(res: Any) -> None:
    text = "The Syrian Observatory for Human Rights said on Sunday that the ceasefire in the north had been extended."
    m = one(mentions(res, text), "ceasefire")
    assert m.actor1 is None or m.actor1.kind != "source"
    assert "convention.agreement-announcer" not in fired(m)


def span_of(m: Mention, field: str) -> tuple[str, str]:
    e = next(e for e in m.evidence if e.field == field)
    return e.text, e.method


CROWD = "Thousands of ethnic Kurds demonstrated in the northern city on Sunday, witnesses said."


def test_a_crowd_naming_no_actor_gives_the_protesters_words(res: Any) -> None:
    m = one(mentions(res, CROWD), "demonstrated")
    assert m.actor1 is not None and m.actor1.kind == "protesters"
    assert m.actor1.text == "Thousands of ethnic Kurds"
    assert CROWD[m.actor1.start : m.actor1.end] == m.actor1.text
    assert span_of(m, "actor1")[0] == "Thousands of ethnic Kurds"
    off = one(mentions(res, CROWD, ("convention.crowd-words",)), "demonstrated")
    assert off.actor1 is not None and off.actor1.name == m.actor1.name and off.actor1.text == "demonstrated"


def test_a_place_as_subject_is_no_crowd(res: Any) -> None:
    m = one(mentions(res, "The capital saw protests on Tuesday. Baghdad saw protests on Wednesday."[38:]), "protests")
    assert m.actor1 is not None and m.actor1.text != "Baghdad"


VICTIMS = "Soldiers beat up local detainees in the camp on Tuesday, a rights group said."


def test_victims_naming_no_actor_give_the_civilians_words(res: Any) -> None:
    m = one(mentions(res, VICTIMS), "beat up")
    assert m.actor2 is not None and m.actor2.kind == "civilians"
    assert span_of(m, "actor2") == ("local detainees", "civilian-victims")
    off = one(mentions(res, VICTIMS, ("convention.victim-words",)), "beat up")
    assert off.actor2 is not None and off.actor2.name == m.actor2.name and off.actor2.text == "beat up"


def _report(start: int, actor1: ActorRef | None, actor2: ActorRef | None, confidence: float) -> Mention:
    from trucewatch.model import Evidence

    text = "clashes"
    return Mention(
        event_type="Battles",
        sub_event_type="Armed clash",
        trigger=text,
        actor1=actor1,
        actor2=actor2,
        confidence=confidence,
        evidence=[Evidence("trigger", start, start + len(text), text, start, start + 40, confidence, "test")],
        id=Mention.make_id("a", start, start + len(text)),
        article_id="a",
        sentence=text,
        sentence_start=start,
        sentence_end=start + 40,
        trigger_start=start,
        trigger_end=start + len(text),
    )


def test_an_event_target_is_never_its_doer() -> None:
    from trucewatch.dedup.combine import combine

    group = ActorRef("the Front", 0, 9, "front", "Hill Front", 2, "opposition", "XX", confidence=0.9)
    army = ActorRef("troops", 50, 56, "army", "Military Forces of Xland", 1, "government", "XX", confidence=0.6)
    # "the Front seized the town" / "soldiers killed in clashes with the Front" / "troops were killed in the battle"
    reports = [_report(10, group, None, 0.8), _report(60, None, group, 0.7), _report(120, None, army, 0.6)]
    fields = combine(reports)
    assert fields["actor1"].name == "Hill Front"
    assert fields["actor2"].name == "Military Forces of Xland"
    alone = combine(reports[:2])
    assert alone["actor2"] is None, "no other target: none rather than the doer twice"


def test_what_came_with_an_event_is_not_its_doer(res: Any) -> None:
    text = "Clashes near the town on Monday were accompanied by the use of tanks by the Malian army."
    m = one(mentions(res, text), "Clashes")
    assert name(m.actor1) != "Military Forces of Mali"
    done = "Air strikes on the town on Monday were carried out by the Malian army."
    assert name(one(mentions(res, done), "Air strikes").actor1) == "Military Forces of Mali"


ANOTHER = (
    "A Malian air strike killed nine people in a village near the river on Monday. Another air strike on a market "
    "in the same area killed four people. It wounded several others, medics said, while another killed two people "
    "near the bridge."
)


def test_one_more_of_a_kind_has_the_doer_told_before(res: Any) -> None:
    ms = mentions(res, ANOTHER)
    second = next(m for m in ms if m.trigger == "air strike" and m.trigger_start > ANOTHER.index("Another"))
    third = one(ms, "killed")
    for m in (second, third):
        assert name(m.actor1) == "Military Forces of Mali"
        assert "extract.another-same-doer" in fired(m)
        ev = next(e for e in m.evidence if e.field == "actor1")
        assert ev.method == "another-same-doer" and ANOTHER[ev.start : ev.end] == "Malian"
    off = mentions(res, ANOTHER, ("extract.another-same-doer",))
    assert name(one(off, "killed").actor1) != "Military Forces of Mali"


def test_another_with_its_own_doer_keeps_it(res: Any) -> None:
    text = "A Malian air strike killed nine people near the river on Monday. Another attack by gunmen killed four people."
    m = next(m for m in mentions(res, text) if m.trigger_start > text.index("Another"))
    assert name(m.actor1) != "Military Forces of Mali"


TAKEOVER = "On Monday the rebels took control over a village near the river from the army. There were no clashes."


def test_the_side_losing_ground_hangs_on_the_place(res: Any) -> None:
    m = next(m for m in mentions(res, TAKEOVER) if m.trigger == "took control")
    assert m.actor2 is not None and m.actor2.text == "army"
    assert "role.verb.place-from" in fired(m)
    off = next(m for m in mentions(res, TAKEOVER, ("role.verb.place-from",)) if m.trigger == "took control")
    assert off.actor2 is None or off.actor2.text != "army"


DEFUSED = "On Monday soldiers defused and destroyed two bombs planted by the rebels near the market."


def test_the_planter_of_a_defused_weapon_is_actor2(res: Any) -> None:
    m = one(mentions(res, DEFUSED), "defused")
    assert m.sub_event_type == "Disrupted weapons use"
    assert m.actor2 is not None and m.actor2.text == "rebels"
    assert "role.verb.object-agent" in fired(m)
    off = one(mentions(res, DEFUSED, ("role.verb.object-agent", "role.settled.weapon-owner")), "defused")
    assert off.actor2 is None or off.actor2.text != "rebels"


def test_people_arrested_are_civilians_unless_named_suspects(res: Any) -> None:
    m = one(mentions(res, "On Monday Malian troops arrested several individuals in the town."), "arrested")
    assert name(m.actor2) == "Civilians (Mali)"
    assert span_of(m, "actor2") == ("several individuals", "civilian-victims")
    held = one(mentions(res, "On Monday Malian troops arrested two men suspected of smuggling fuel."), "arrested")
    assert held.actor2 is None
