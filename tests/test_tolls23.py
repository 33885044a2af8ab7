"""Issue 20, session 23: a later item of a list of victims that names another state of its own ("killed 14
civilians and thousands of displaced people fled") is not added to the dead. Sentences written here."""

from __future__ import annotations

import pytest

from trucewatch import casualties
from trucewatch.model import Count, toll


@pytest.fixture(scope="module")
def nlp():
    from trucewatch import nlp as nlp_stage

    return nlp_stage.load()


def killed(nlp, sentence: str) -> list[Count]:
    return [c for c in casualties.doc_counts(nlp(sentence)) if c.what == "killed"]


@pytest.mark.parametrize(
    ("sentence", "dead"),
    [
        ("Air strikes killed 14 civilians and thousands of displaced people fled to the border.", 14),
        ("The massacre in the town claims the lives of 14 civilians and thousands of displaced people suffer.", 14),
        ("Shelling killed 12 civilians and 300 displaced people were left without shelter.", 12),
        # the first (or only) item: the clause decides, as before
        ("The remains of old shelling claim the lives of 6 displaced people near the camp.", 6),
        ("The attack killed 10 soldiers and 12 civilians.", 22),
    ],
)
def test_a_listed_item_keeps_its_own_state(nlp, sentence: str, dead: int) -> None:
    assert toll(killed(nlp, sentence)) == dead


@pytest.mark.parametrize(
    ("sentence", "dead"),
    [
        ("4 civilians shot dead by suspected gang members", 4),
        ("Two people shot dead in the market.", 2),
        ("Three traders were shot dead by gunmen on the road.", 3),
        ("Locals assaulted and killed a youth in the village.", 1),
        ("Farmers shot and killed a pastoralist near the river.", 1),
        ("Residents lynched a herdsman after the incident.", 1),
        # no deaths: animals, and aims that are not acts
        ("A farmer shot and killed four cows belonging to a herder.", None),
        ("Gunmen tried to kill two soldiers at the checkpoint.", None),
        ("A mob attempted to lynch a suspected thief but police rescued him.", None),
    ],
)
def test_deaths_read_off_more_phrasings(nlp, sentence: str, dead: int | None) -> None:
    assert toll(killed(nlp, sentence)) == dead


def _events(text: str):
    import datetime as dt

    from trucewatch import dedup, ingest, pipeline

    art = ingest.from_text("Report\n\n" + text, published=dt.date(2025, 5, 21))
    ((_, mentions),) = list(pipeline.extract([art]))
    return dedup.within_article(mentions)


@pytest.mark.parametrize(
    ("text", "sub", "dead"),
    [
        # the doer of the toll sentence comes from the claim after it: still a follow-up toll of the attack
        ("On 21 May 2025, Al Shabaab threw a hand grenade at soldiers at a checkpoint in the town. "
         "2 soldiers were killed and 4 others were injured. Al Shabaab claimed responsibility.", "Grenade", 2),
        # a bare killing after police fire on a demonstration is that demonstration's toll
        ("On 21 May 2025, youths demonstrated at the gate of the town hall against a court ruling. "
         "Police opened fire on the crowd. A civilian was killed and several were injured.",
         "Excessive force against protesters", 1),
    ],
)
def test_a_follow_up_toll_joins_the_event_told_before(text: str, sub: str, dead: int) -> None:
    evs = [e for e in _events(text) if e.sub_event_type == sub]
    assert len(evs) == 1 and evs[0].fatalities == dead


@pytest.mark.parametrize(
    ("sentence", "dead"),
    [
        ("On 1 June 2020, police fatally shot a man working at the market.", 1),
        ("A soldier was fatally wounded in the clash.", 1),
        ("A man was shot dead as police battled residents protesting the killing of two traders.", 1),
    ],
)
def test_fatally_and_protested_killings(nlp, sentence: str, dead: int) -> None:
    assert toll(killed(nlp, sentence)) == dead


def test_protested_killing_switches_off(nlp) -> None:
    from trucewatch.config import Settings, use

    sentence = "A man was shot dead as police battled residents protesting the killing of two traders."
    with use(Settings(rules_off=["casualties.protested-killing"])):
        assert toll(killed(nlp, sentence)) == 3


@pytest.mark.parametrize(
    ("sentence", "dead"),
    [
        ("Funeral held for 14 fighters who were killed near the dam", None),
        ("Thousands attended the funeral of 3 soldiers killed on Monday.", None),
        ("Gunmen killed 3 mourners at a funeral in the village.", 3),
        ("An air strike on a funeral killed 12 people.", 12),
    ],
)
def test_the_dead_a_funeral_is_for(nlp, sentence: str, dead: int | None) -> None:
    assert toll(killed(nlp, sentence)) == dead
