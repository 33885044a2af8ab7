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
        ("A farmer shot and killed five oxen belonging to a herder.", None),
        ("Gunmen tried to kill two soldiers at the checkpoint.", None),
        ("A mob attempted to lynch a suspected thief but police rescued him.", None),
    ],
)
def test_deaths_read_off_more_phrasings(nlp, sentence: str, dead: int | None) -> None:
    assert toll(killed(nlp, sentence)) == dead
