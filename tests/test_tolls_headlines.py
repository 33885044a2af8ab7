"""Headline-style tolls (issue 20): "N killed and wounded" gives no death count, a fighters' toll in a reduced
passive is a clash, a family of N is N victims, a group's initials after a number are the victims. Sentences
written here."""

from __future__ import annotations

import pytest

from trucewatch import casualties
from trucewatch.config import Settings, use
from trucewatch.model import Count, toll, toll_rule


@pytest.fixture(scope="module")
def nlp():
    from trucewatch import nlp as nlp_stage

    return nlp_stage.load()


def killed(nlp, sentence: str) -> list[Count]:
    return [c for c in casualties.doc_counts(nlp(sentence)) if c.what == "killed"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Eleven guards were killed and wounded in the night raid on the depot.",
        "Shelling killed and wounded 14 people in the old market.",
        "About 20 villagers killed or injured by the blast near the bridge.",
        "Rocket fire on the camp leaves 9 people dead and wounded.",
        "Some 30 martyrs and wounded in the bombing of the eastern quarter.",
        "Four members of the patrol were killed and captured in the ambush.",
    ],
)
def test_one_number_for_killed_and_wounded_is_no_death_count(nlp, sentence: str) -> None:
    cs = killed(nlp, sentence)
    assert cs, sentence
    assert all(c.best is None and c.rule == "killed and wounded" for c in cs), cs
    assert toll(cs) is None
    assert toll_rule(cs) == "unknown (one number for the killed and wounded)"
    assert cs[0].text and cs[0].end > cs[0].start  # the evidence span is kept


@pytest.mark.parametrize(
    ("sentence", "dead"),
    [
        ("Shelling killed 3 villagers and wounded 12 others near the well.", 3),
        ("A drone strike killed at least 10 people and injured dozens of others.", 10),
        ("At least 30 dead and 12 wounded in the shelling of the town.", 30),
        ("Five soldiers were killed and two others wounded at the checkpoint.", 5),
    ],
)
def test_separate_numbers_of_dead_and_wounded_stay_stated(nlp, sentence: str, dead: int) -> None:
    assert toll(killed(nlp, sentence)) == dead


def test_killed_and_wounded_rule_can_be_switched_off(nlp) -> None:
    sentence = "Eleven guards were killed and wounded in the night raid on the depot."
    with use(Settings(rules_off=("casualties.killed-and-wounded",))):
        cs = killed(nlp, sentence)
    assert [c.best for c in cs] == [11]


@pytest.mark.parametrize(
    ("sentence", "dead"),
    [
        ("Warplanes kill a family of six people in a farming village", 6),  # the family is the six
        ("Coalition jets kill 9 IS in the desert south of the river", 9),  # initials after a number
        ("About 7 members of the border militia killed in clashes near the dam", 7),  # participle on a later noun
    ],
)
def test_headline_tolls(nlp, sentence: str, dead: int) -> None:
    assert toll(killed(nlp, sentence)) == dead


def test_a_participle_on_a_later_noun_of_a_clause_subject_is_not_the_count(nlp) -> None:
    # the relatives are not the dead: the participle belongs to "soldiers" and the sentence has its own verb
    assert toll(killed(nlp, "Ten relatives of the soldiers killed in the ambush attended the funeral.")) is None


def test_a_headline_toll_of_fighters_is_an_event() -> None:
    from trucewatch import ingest, pipeline

    arts = [ingest.from_text("Twelve rebel fighters killed near the river crossing", published="2025-03-10")]
    ((_, mentions),) = list(pipeline.extract(arts))
    assert [(m.sub_event_type, m.fatalities) for m in mentions] == [("Armed clash", 12)]


def test_deaths_named_as_what_came_before_are_not_the_events_toll(nlp) -> None:
    cs = killed(nlp, "After the deaths of 40 fighters, the two factions agreed to a truce on Monday.")
    assert cs and all(c.cumulative and c.rule == "earlier event" for c in cs)
    assert toll(cs) is None
    with use(Settings(rules_off=("casualties.after-a-death",))):
        assert toll(killed(nlp, "After the deaths of 40 fighters, the two factions agreed to a truce on Monday.")) == 40
