"""Issue 20, session 22: headline tolls read wrong - victims listed together, a killing named as a charge, deaths
in an after-clause beside the news's own, the kind of death a clause gives a noun ("executes 2 prisoners"), a
death named by a noun ("the death of a nurse"), and "manage to kill". Sentences written here."""

from __future__ import annotations

import datetime as dt

import pytest

from trucewatch import casualties, dedup, ingest, pipeline
from trucewatch.config import Settings, use
from trucewatch.model import Count, toll


@pytest.fixture(scope="module")
def nlp():
    from trucewatch import nlp as nlp_stage

    return nlp_stage.load()


def killed(nlp, sentence: str) -> list[Count]:
    return [c for c in casualties.doc_counts(nlp(sentence)) if c.what == "killed"]


def events(text: str, published: str = "2018-05-20"):
    art = ingest.from_text(text, published=dt.date.fromisoformat(published))
    ((_, mentions),) = list(pipeline.extract([art]))
    return dedup.within_article(mentions)


@pytest.mark.parametrize(
    ("sentence", "dead"),
    [
        ("Jets kill a farmer and three of his sons and another shepherd near the dam", 5),
        ("4 fishermen and a boy killed in a strike on the harbour of the town", 5),
        ("Shelling hits the camp and a commander among 9 fighters killed near the bridge", 9),
        ("Bombardment on the valley kills 3 cousin children and injures their mother", 3),
        ("The remains of old shelling claim the lives of 6 displaced people near the camp", 6),
        ("The militia executes 3 prisoners in the main square of the town", 3),
        ("Martyrdom of one of the best known nurses of the city in factional fighting", 1),
        ("Further martyrs raise the number to 11 in the shelling of the army on the village", 11),
    ],
)
def test_headline_tolls_read_whole(nlp, sentence: str, dead: int) -> None:
    cs = killed(nlp, sentence)
    assert toll(cs) == dead, cs
    assert all(c.text and c.end > c.start for c in cs if not c.cumulative)  # evidence spans kept


def test_a_list_of_victims_is_no_total_beside_its_parts(nlp) -> None:
    cs = [c for c in killed(nlp, "Jets kill a farmer and three of his sons and another shepherd near the dam")]
    assert len([c for c in cs if not c.cumulative]) == 1
    assert cs[0].text.startswith("kill a farmer") and cs[0].text.endswith("shepherd")


@pytest.mark.parametrize(
    ("sentence", "dead", "rule"),
    [
        ("The militia executes two men in the square on charges of killing a merchant and robbing him", 2, "accusation"),
        ("After the guards killed 60 people trying to cross the river, gunmen kill a girl on the road", 1, "earlier event"),
        ("After executing hundreds in the desert, the group executes 4 prisoners in the town", 4, "earlier event"),
    ],
)
def test_deaths_that_are_not_the_news(nlp, sentence: str, dead: int, rule: str) -> None:
    cs = killed(nlp, sentence)
    assert toll(cs) == dead, cs
    assert any(c.cumulative and c.rule == rule for c in cs), cs


@pytest.mark.parametrize(
    ("sentence", "dead"),
    [
        ("After killing five soldiers at the checkpoint, the militants withdrew to the hills", 5),  # the only deaths
        ("The ministry accused the rebels of killing 30 civilians in the village", 30),  # blame, not a charge
        ("Protesters gathered after the death of a man in police custody", None),  # an earlier death
    ],
)
def test_deaths_that_stay(nlp, sentence: str, dead: int | None) -> None:
    assert toll(killed(nlp, sentence)) == dead


def test_the_toll_rules_can_be_switched_off(nlp) -> None:
    sentence = "After executing hundreds in the desert, the group executes 4 prisoners in the town"
    with use(Settings(rules_off=("casualties.after-clause",))):
        cs = killed(nlp, sentence)
    assert not any(c.cumulative for c in cs)
    assert toll(cs) > 4


def test_a_charge_is_no_event_and_an_achieved_aim_is() -> None:
    evs = events("On charges of spying and bombings, the militia executes 3 men in the north of the province")
    assert [e.fatalities for e in evs] == [3]
    evs = events("The rebels manage to kill 7 soldiers in an ambush near the river")
    assert [e.fatalities for e in evs] == [7]
