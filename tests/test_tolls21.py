"""Issue 20, session 21: headline tolls the parser hides (a reduced passive read as a past tense, "kill 20:
army"), a running total beside the deaths an event adds, a kill by aircraft, and the days that are not the
event's (a "since" phrase, the day the news was told). Sentences written here."""

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


def events(text: str, published: str = "2019-03-14"):
    art = ingest.from_text(text, published=dt.date.fromisoformat(published))
    ((_, mentions),) = list(pipeline.extract([art]))
    return mentions, dedup.within_article(mentions)


@pytest.mark.parametrize(
    ("sentence", "dead"),
    [
        ("Four guards of the oil company assassinated near the northern checkpoint", 4),
        ("Seven shepherds Beheaded in the hills east of the river", 7),
        ("Jets pound militant positions along the border, kill at least 14: ministry", 14),
        ("Guided missile fired by the army leaves 5 fighters of a rebel group dead in the mountains", 5),
        ("6 fighters from the tribal militias Killed during the attack of the army near the river", 6),
    ],
)
def test_headline_tolls_the_parser_hides(nlp, sentence: str, dead: int) -> None:
    cs = killed(nlp, sentence)
    assert toll(cs) == dead, cs
    assert all(c.text and c.end > c.start for c in cs)  # evidence spans kept


@pytest.mark.parametrize(
    "sentence",
    [
        "Gunmen killed 3 guards at the gate.",  # an active verb with its object: the guards are the victims
        "The fighters who attacked the convoy fled into the hills.",  # no casualty word
        "The two militants killed the driver and fled.",  # the subject is the perpetrator
    ],
)
def test_active_verbs_keep_their_subject_as_perpetrator(nlp, sentence: str) -> None:
    assert all(c.best in (None, 1, 3) for c in killed(nlp, sentence))
    assert toll(killed(nlp, "The two militants killed the driver and fled.")) == 1


def test_a_time_is_still_no_count(nlp) -> None:
    assert not killed(nlp, "The curfew starts at 20:30 and the market closes.")


@pytest.mark.parametrize(
    ("sentence", "dead"),
    [
        ("Mortar fire kills a farmer and raises the death toll to 212 in the district", 1),
        ("A teacher was killed in the shelling on Monday, bringing the death toll to 27", 1),
        ("Car bomb kills 8 people at a bus stop, raising the toll to 40", 8),
    ],
)
def test_headline_running_total_beside_the_added_deaths_is_context(nlp, sentence: str, dead: int) -> None:
    cs = killed(nlp, sentence)
    assert toll(cs) == dead, cs
    running = [c for c in cs if c.rule == "running total"]
    assert running and all(c.cumulative for c in running)


@pytest.mark.parametrize(
    "sentence",
    [
        "Two more wounded men died on Sunday, bringing the toll to 19",  # more victims of the event
        "The bodies of five fishermen were found on Monday, bringing the toll to seven",  # most of the total
        "A teacher died of her wounds on Monday, bringing the toll of Saturday's bombing to 27.",  # names its event
    ],
)
def test_updated_tolls_of_the_same_event_keep_the_running_total(nlp, sentence: str) -> None:
    cs = killed(nlp, sentence)
    assert any(c.rule == "running" and not c.cumulative for c in cs), cs


def test_running_beside_toll_can_be_switched_off(nlp) -> None:
    sentence = "Mortar fire kills a farmer and raises the death toll to 212 in the district"
    with use(Settings(rules_off=("casualties.running-beside-toll",))):
        cs = killed(nlp, sentence)
    assert not any(c.cumulative for c in cs)
    assert toll(cs) > 1


def test_a_kill_by_aircraft_is_an_air_strike() -> None:
    ms, evs = events("Warplanes kill 4 in a village east of Homs")
    assert [e.sub_event_type for e in evs] == ["Air/drone strike"]
    assert evs[0].fatalities == 4


def test_claimed_lives_make_an_event_and_a_war_total_does_not() -> None:
    _, evs = events("Unknown assailants claim the lives of 3 citizens near the bridge")
    assert [e.fatalities for e in evs] == [3]
    _, evs = events("The conflict has claimed the lives of more than 300,000 people.")
    assert not evs


def test_a_since_day_is_no_event_day() -> None:
    text = (
        "Police kill protester in capital\n\n"
        "Police shot dead a student in the capital, bringing the overall toll since the start of the protests "
        "Sunday to nine, a doctors' group said."
    )
    ms, _ = events(text, "2019-03-15")
    shot = [m for m in ms if m.segment.value == "body"]
    assert shot and all(m.date is not None and m.date.first != dt.date(2019, 3, 10) for m in shot)


def test_the_day_the_news_was_told_yields_to_the_day_of_the_event() -> None:
    text = (
        "Shelling kills seven in a border town\n\n"
        "Seven people were killed when the militia shelled the market of the border town, a local official said on "
        "Friday.\n\n"
        "Four people died when shells hit the market on Wednesday evening. When neighbours came to help, the militia "
        "shelled the market again, killing three of them, the official said."
    )
    ms, evs = events(text, "2019-03-15")
    lede = next(m for m in ms if m.sentence.startswith("Seven people"))
    assert lede.date is not None and lede.date.note.startswith("reporting day")
    body = [e for e in evs if e.fatalities]
    assert len(body) == 1, [(e.fatalities, e.date) for e in evs]
    assert body[0].fatalities == 7 and body[0].date.first == dt.date(2019, 3, 13)


def test_an_added_toll_of_another_act_in_one_sentence_is_another_event() -> None:
    text = (
        "Strikes kill 12 in the north\n\n"
        "Air strikes killed 9 civilians in a market town on Tuesday, with militia mortar fire on a nearby "
        "army post killing three more, a monitor said."
    )
    _, evs = events(text, "2019-03-13")
    tolls = sorted(e.fatalities for e in evs if e.fatalities)
    assert tolls == [3, 9], [(e.sub_event_type, e.fatalities) for e in evs]


def test_a_number_of_an_armed_group_counts_fighters() -> None:
    _, evs = events("More than 40 of ISIS were killed in raids near the river crossing")
    assert [(e.sub_event_type, e.fatalities) for e in evs] == [("Armed clash", 40)]
