"""Background rules: trigger words that report no new event (events/background.py)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from extraction import token
from trucewatch.events.background import latest_date, non_event_reason

PUBLISHED = datetime.date(2019, 6, 15)

# (sentence, trigger word, expected reason); all sentences written for this test.
POSITIVE: list[tuple[str, str, str]] = [
    # attributive
    ("Aid trucks finally reached the besieged suburb on Tuesday.", "besieged", "attributive"),
    ("Residents fled a bombed-out hospital near the river.", "bombed", "attributive"),
    ("Troops advanced into the rebel-held district overnight.", "held", "attributive"),
    ("Thousands returned to the war-torn province last month.", "war", "attributive"),
    ("Rescuers pulled survivors from a burning apartment block.", "burning", "attributive"),
    # absence / negation
    ("Residents welcomed the absence of air strikes over the weekend.", "strikes", "absence"),
    ("A lull in fighting allowed families to leave.", "fighting", "absence"),
    ("The garrison surrendered the village without a fight.", "fight", "absence"),
    ("Gunmen left the village without firing a shot.", "firing", "absence"),
    ("No attacks were reported in the city on Monday.", "attacks", "absence"),
    ("The clerics called for an end to kidnappings in the region.", "kidnappings", "absence"),
    # background: "since" frame
    (
        "More than 3,000 people have died since fighting broke out in March 2011.",
        "fighting",
        "background-since",
    ),
    ("The air force has carried out hundreds of raids since 2009.", "raids", "background-since"),
    ("The villages have been besieged since last year.", "besieged", "background-since"),
    ("The town has been quiet since jets began bombing the area last autumn.", "bombing", "background-since"),
    (
        "Government forces shelled rebel positions in the province, where fighting has raged since 2012.",
        "fighting",
        "background-since",
    ),
    # background: explicit old date
    ("The militia captured the port in June 2012.", "captured", "background-date"),
    ("The army handed over its chemical weapons in 2013.", "handed", "background-date"),
    ("Dozens of fishermen abducted in May 2012 are still missing.", "abducted", "background-date"),
    ("Fighters seized the airport in May last year.", "seized", "background-date"),
    ("The 2013 attack on the mall left deep scars.", "attack", "background-date"),
    ("The insurgents carried out an attack two years ago.", "attack", "background-date"),
    (
        "An air strike on Monday killed 10 people in a village that was bombed in 2014.",
        "bombed",
        "background-date",
    ),
    # generic / habitual
    ("The group still raids border villages for cattle.", "raids", "habitual"),
    ("Jets bomb the town daily.", "bomb", "habitual"),
    ("The rebels have answered defeats with bombings in towns.", "bombings", "habitual"),
    ("The group has launched attacks on the army for years.", "attacks", "habitual"),
    (
        "A militia that fights alongside the police entered the market.",
        "fights",
        "relative-clause-description",
    ),
    # agreement terms
    ("The deal commits both sides to stop attacks on civilians.", "attacks", "agreement-terms"),
    ("The parties are bound not to attack each other.", "attack", "agreement-terms"),
    ("The truce prohibits attacks on civilians.", "attacks", "agreement-terms"),
    ("The ceasefire bars fighters from attacking towns.", "attacking", "agreement-terms"),
    # comparison: predicate complement / apposition describing an event already told
    ("It was the heaviest fighting in the valley since the truce began.", "fighting", "comparison"),
    ("The bombing was the deadliest attack on the city since 2015.", "attack", "comparison"),
    ("The blast, the deadliest attack in the city since 2015, killed 40.", "attack", "comparison"),
    ("Officials described it as the worst fighting in months.", "fighting", "comparison"),
]

# Real news events: no reason expected.
NEGATIVE: list[tuple[str, str]] = [
    ("Jets struck the market on Sunday, killing 12.", "struck"),
    ("Government forces have shelled the suburb since Friday, killing 9.", "shelled"),
    ("Troops have besieged the town since January.", "besieged"),
    ("Fighters seized the airport in March.", "seized"),
    ("The militants seized the bridge, a monitor said.", "seized"),
    ("Artillery pounds the valley as truce unravels", "pounds"),
    ("Militants claim deadliest attack in the capital this year", "attack"),
    ("The blast, the deadliest attack in the city since 2015, killed 40.", "blast"),
    ("Rebels launched a counterattack, the fiercest since the truce began.", "counterattack"),
    ("Two soldiers were killed and three wounded when militants ambushed a patrol.", "ambushed"),
    ("Warplanes bombed the market twice on Saturday, activists said.", "bombed"),
    ("Rebels who attacked the checkpoint on Sunday were killed.", "attacked"),
    ("Jets struck the besieged town again on Sunday.", "struck"),
    ("An attack in March killed 14 people near the border.", "attack"),
    ("The ceasefire largely held on Sunday despite sporadic shelling.", "shelling"),
    ("The army has been shelling the district for three days.", "shelling"),
    ("The rebels have fought the army for two days.", "fought"),
    ("Rebels required medical help after attacks on the road.", "attacks"),
    ("Militants committed attacks on civilians.", "attacks"),
    ("The army required three days to capture the hill.", "capture"),
    ("Fighting still rages in the east.", "Fighting"),
    ("Gunmen abducted 20 students from a school in the north on Friday.", "abducted"),
    ("Rebels have shelled neighbourhoods in the provincial capital, killing 5.", "shelled"),
    ("Clashes erupted after militants attacked a checkpoint.", "attacked"),
    ("Suicide bomber kills 20 at wedding in northern town", "kills"),
    ("Police fired tear gas at protesters who gathered outside the ministry.", "fired"),
    ("The army denied striking civilians in the town.", "striking"),
    ("Protesting farmers blocked the highway on Monday.", "Protesting"),
    ("Shells fell near a village where fighters are clashing with troops.", "clashing"),
    (
        "The army retook the district, which rebels had seized during the uprising that began in 2012.",
        "retook",
    ),
    ("An air strike on Monday killed 10 people in a village that was bombed in 2014.", "killed"),
    (
        "Government forces shelled rebel positions in the province, where fighting has raged since 2012.",
        "shelled",
    ),
    ("Russia urged the government to stop attacks on hospitals.", "attacks"),
    ("Fighting rages on in the north.", "Fighting"),
    ("Militants stormed a police station at the end of the raid.", "raid"),
    ("Sunday's attack was the deadliest since 2015.", "attack"),
    ("Deadliest raid since the truce began hits a vegetable market in the old town", "hits"),
    ("Clashes have erupted again.", "Clashes"),
    ("Rebels have resumed attacks on army posts.", "attacks"),
    ("The army has shelled the town since the start of the year.", "shelled"),
    ("The army said it would launch an offensive in September.", "offensive"),
]


@pytest.mark.parametrize(("text", "word", "reason"), POSITIVE)
def test_non_event_reason(nlp: Any, text: str, word: str, reason: str) -> None:
    tok = token(nlp, text, word)
    assert non_event_reason(tok, tok.sent, PUBLISHED) == reason


@pytest.mark.parametrize(("text", "word"), NEGATIVE)
def test_news_events_pass(nlp: Any, text: str, word: str) -> None:
    tok = token(nlp, text, word)
    assert non_event_reason(tok, tok.sent, PUBLISHED) is None


def test_dates_need_a_publication_date(nlp: Any) -> None:
    """Without a publication date, explicit years cannot be judged: keep the event."""
    tok = token(nlp, "The militia captured the port in June 2012.", "captured")
    assert non_event_reason(tok, tok.sent, None) is None
    assert non_event_reason(tok, tok.sent, datetime.date(2012, 7, 1)) is None
    assert non_event_reason(tok, tok.sent, datetime.date(2013, 7, 1)) == "background-date"
    # a relative multi-year "since" frame needs no publication date
    tok = token(nlp, "The villages have been besieged since last year.", "besieged")
    assert non_event_reason(tok, tok.sent, None) == "background-since"


def test_recent_since_year_is_news(nlp: Any) -> None:
    tok = token(nlp, "The air force has carried out hundreds of raids since 2009.", "raids")
    assert non_event_reason(tok, tok.sent, datetime.date(2009, 3, 1)) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2014", datetime.date(2014, 12, 28)),
        ("April 2014", datetime.date(2014, 4, 28)),
        ("May last year", datetime.date(2018, 5, 28)),
        ("January", datetime.date(2019, 1, 28)),
        ("September", None),
        ("the 1990s", datetime.date(1999, 12, 28)),
        ("two years ago", PUBLISHED - datetime.timedelta(days=730)),
        ("Friday", None),
        ("last week", None),
    ],
)
def test_latest_date(text: str, expected: datetime.date | None) -> None:
    assert latest_date(text, PUBLISHED) == expected


def test_line_breaks_cut_links(nlp: Any) -> None:
    """A headline glued to the next line by the parser does not date the next line's event."""
    text = "Aid convoy reaches town besieged since 2014\n\nTrucks entered the town on Friday."
    doc = nlp(text)
    entered = next(t for t in doc if t.text == "entered")
    assert non_event_reason(entered, entered.sent, PUBLISHED) is None
    # the headline on its own keeps its background reading
    head = nlp("Aid convoy reaches town besieged since 2014")
    besieged = next(t for t in head if t.text == "besieged")
    assert non_event_reason(besieged, besieged.sent, PUBLISHED) == "background-since"


@pytest.mark.parametrize("text", ["Shelling", "No.", "Since 2014", "Attacks, attacks and more attacks!"])
def test_fragments_do_not_crash(nlp: Any, text: str) -> None:
    doc = nlp(text)
    for tok in doc:
        reason = non_event_reason(tok, tok.sent, PUBLISHED)
        assert reason is None or isinstance(reason, str)


# --- reference, tally and irrealis rules (events/nonevent.py); sentences written for this test ---

REFERENCE_POSITIVE: list[tuple[str, str, str]] = [
    ("The shelling was a clear violation of the truce, the envoy said.", "shelling", "back-reference"),
    ("Donors warned that the raids would cut off medical supplies.", "raids", "back-reference"),
    ("He spoke to reporters shortly before the bombing.", "bombing", "back-reference"),
    ("Officials described the shelling as a warning to the town.", "shelling", "back-reference"),
    ("Villagers said such raids terrify their children.", "raids", "back-reference"),
    ("Police said the detained man was a suicide bomber.", "bomber", "role-noun"),
    ("Both sides agreed to halt shelling of the port.", "shelling", "halted"),
    ("The truce has curbed air strikes in the north.", "strikes", "halted"),
    ("Farmers said the village had been spared from shelling this spring.", "shelling", "halted"),
    ("Engineers searched the fields for landmines.", "landmines", "purpose"),
    ("She described months of shelling in the valley.", "shelling", "period-of"),
    ("The monitor counted 120 air strikes in the past three days.", "strikes", "aggregate-period"),
    ("The gang has carried out a string of kidnappings in recent weeks.", "kidnappings", "aggregate-period"),
    ("The port has been hit by a wave of bombings and shootings this year.", "bombings", "aggregate-period"),
    ("The valley was the site of regular raids before the war.", "raids", "habitual"),
    ("Mortar shells are fired at the base almost daily.", "fired", "habitual"),
    ("Thousands of families live under siege in the old city.", "siege", "state"),
    ("Residents say the militia holds marches every Sunday in the square.", "marches", "habitual"),
    ("Nobody knows whether the militia will attack the port.", "attack", "irrealis"),
    ("The town will be evacuated if air strikes resume.", "strikes", "irrealis"),
    ("Commanders said the brigade would keep shelling the ridge.", "shelling", "irrealis"),
    ("Air raids are expected to continue over the weekend.", "raids", "irrealis"),
    ("The minister said police had the authority to arrest strikers.", "arrest", "irrealis"),
    ("Clashes in the hills have killed dozens of fighters since January.", "Clashes", "cumulative"),
    ("The battle for the port killed at least 300 fighters.", "battle", "cumulative"),
    ("The bridge has been bombed before.", "bombed", "background-earlier"),
    ("The interior ministry denies torturing detainees in its prisons.", "torturing", "generic"),
    ("It was the worst attack since March, when a truck bomb killed 40 people.", "bomb", "background-since"),
]

REFERENCE_NEGATIVE: list[tuple[str, str]] = [
    ("Government forces shelled the market on Monday, the envoy said.", "shelled"),
    ("The attack on the convoy killed 12 people on Tuesday.", "attack"),
    ("Rebels captured the village after heavy fighting on Sunday.", "fighting"),
    ("Air strikes hit the town on Monday, killing five.", "strikes"),
    ("The army says it will launch an offensive on the city next week.", "offensive"),
    ("Police arrested the suspects before the protest began.", "arrested"),
    ("Rebels shelled the airport, and the army said it would respond.", "shelled"),
    ("Gunmen killed four soldiers in an ambush near the border on Friday.", "ambush"),
    ("The army denies shelling the market.", "shelling"),
    ("The ministry denies that its jets bombed the clinic.", "bombed"),
    ("Organisers say they plan more rallies every Friday until the talks end.", "rallies"),
    ("Air strikes killed 12 people in the town in the past 24 hours, the monitor said.", "strikes"),
    ("Fighting for control of the road killed 12 people on Monday.", "Fighting"),
    ("Five people were killed during the shelling.", "shelling"),
    ("Rebels took the town on Sunday after three days of fighting.", "fighting"),
    ("The town had been shelled the day before, residents said.", "shelled"),
]


@pytest.mark.parametrize(("text", "word", "reason"), REFERENCE_POSITIVE)
def test_reference_reason(nlp: Any, text: str, word: str, reason: str) -> None:
    from trucewatch.events.nonevent import reference_reason

    tok = token(nlp, text, word)
    assert reference_reason(tok, tok.sent) == reason


@pytest.mark.parametrize(("text", "word"), REFERENCE_NEGATIVE)
def test_reference_rules_pass_news(nlp: Any, text: str, word: str) -> None:
    from trucewatch.events.nonevent import reference_reason

    tok = token(nlp, text, word)
    assert reference_reason(tok, tok.sent) is None


def test_last_season_is_background(nlp: Any) -> None:
    tok = token(nlp, "Protests spread through the southern towns last summer.", "Protests")
    assert non_event_reason(tok, tok.sent, PUBLISHED) == "background-date"
    assert latest_date("last summer", PUBLISHED) == datetime.date(2018, 8, 28)
    assert latest_date("last winter", PUBLISHED) == datetime.date(2019, 2, 28)
    # a recent season is news: the rule does not fire in the autumn after it
    assert non_event_reason(tok, tok.sent, datetime.date(2018, 10, 1)) is None


@pytest.mark.parametrize(
    "text", ["Shelling", "No.", "Since 2014", "Attacks, attacks and more attacks!", "Under siege"]
)
def test_reference_rules_on_fragments_do_not_crash(nlp: Any, text: str) -> None:
    from trucewatch.events.nonevent import reference_reason, territory_reason, withdrawal_subtype

    doc = nlp(text)
    for tok in doc:
        reason = reference_reason(tok, tok.sent)
        assert reason is None or isinstance(reason, str)
        assert territory_reason(tok, "Government regains territory") in (
            None,
            "attempt",
            "aggregate-territory",
        )
        assert withdrawal_subtype(tok, "Armed clash") in ("Armed clash", "Non-violent transfer of territory")
