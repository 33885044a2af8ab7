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
