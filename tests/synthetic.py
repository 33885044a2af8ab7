"""Long conflict-like texts written here from templates, for cost and robustness checks.

Every sentence is made up by this module (actors, verbs and places from short lists); none is copied from
any source. ``one_paragraph(n)`` gives about ``n`` characters with no paragraph break, the worst case for
the per-paragraph work.
"""

from __future__ import annotations

import random

ACTORS = [
    "Government forces", "Rebel fighters", "Unidentified gunmen", "Police", "Islamic State militants",
    "Russian warplanes", "Kurdish fighters", "Protesters", "A suicide bomber", "Army troops",
]
VERBS = [
    "shelled", "attacked", "raided", "bombed", "clashed with residents of", "fired mortars at",
    "stormed", "ambushed a convoy near", "detained several men in", "marched through",
]
PLACES = ["Aleppo", "Homs", "Idlib", "Daraa", "Hama", "Raqqa", "Mosul", "Kirkuk", "Latakia", "Deir ez-Zor"]
DAYS = ["on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "on Saturday", "on Sunday", ""]
TOLLS = [
    "killing {n} civilians", "wounding {n} people", "leaving {n} fighters dead", "",
    "according to a local monitor", "a spokesman said",
]


def sentence(rnd: random.Random) -> str:
    toll = rnd.choice(TOLLS).format(n=rnd.randint(1, 40))
    parts = [rnd.choice(ACTORS), rnd.choice(VERBS), rnd.choice(PLACES), rnd.choice(DAYS)]
    text = " ".join(p for p in parts if p)
    return (text + (", " + toll if toll else "") + ".").replace("  ", " ")


def one_paragraph(chars: int, seed: int = 0) -> str:
    """About ``chars`` characters of made-up conflict sentences in a single paragraph, after a headline."""
    rnd = random.Random(seed)
    out: list[str] = []
    size = 0
    while size < chars:
        s = sentence(rnd)
        out.append(s)
        size += len(s) + 1
    return "Fighting reported across the north\n\n" + " ".join(out)
