"""Hypothesis strategies for the fuzz tests and benchmarks/robustness.py: texts, JSON records, API bodies.

The fragments are written here (made-up names and sentences plus the characters that broke things:
brackets inside words, numbers that look like years, far dates, invisible and right-to-left characters).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from hypothesis import strategies as st

FRAGMENTS = [
    "Rebels shelled the town of Homs on Monday, killing three people",
    "Government forces said they had retaken the village",
    "The Southern Defence Brigades(SDB) attacked a checkpoint",
    "Fighters of the Popular Front(PF stormed the base",
    "according to report number 1907",
    "on 3 March 9999",
    "on 31/02/2016",
    "in 0001",
    "killing 1,000,000,000,000 people",
    "at least -5 were wounded",
    "Police arrested 12 protesters in Aleppo (Archive",
    "\u201cWe will respond,\u201d a spokesman said",
    "Photo by: Example Agency",
    "Read more",
    "BEIRUT (Example Wire) -",
    "an air strike hit a market in Idlib province",
    "the truce collapsed",
    "\u0642\u0635\u0641 \u0645\u062f\u0641\u0639\u064a",  # right-to-left letters
    "zero\u200bwidth\u200djoiners\ufeff",
    "emoji \U0001f4a5 and \U0001f1f8\U0001f1fe",
    "(((",
    ")))",
    "[]{}<>",
    "#1907 @user https://example.org/a?b=c",
    "A" * 300,
    "...",
    "\t",
    "-",
]
SEPARATORS = [" ", ", ", ". ", "; ", "\n", "\n\n", " (", ") ", "\r\n", ""]

fragment = st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=40))
texts = st.one_of(
    st.lists(st.tuples(fragment, st.sampled_from(SEPARATORS)), max_size=14).map(
        lambda parts: "".join(f + s for f, s in parts)
    ),
    st.text(max_size=300),
)
published = st.one_of(st.none(), st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2026, 12, 1)))

json_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=30),
    st.sampled_from(["9999-12-31", "0001-01-01", "2016-04-10", "2016-02-30", "Sun, 10 Apr 2016 08:00:00 GMT"]),
)
json_values = st.recursive(
    json_scalars, lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner,
                                                                                          max_size=3)),
    max_leaves=6,
)
KEYS = ["id", "url", "source", "published", "title", "text", "language", "extra"]
records = st.dictionaries(st.sampled_from(KEYS), json_values, max_size=7)

GOOD_TEXT = "Troops entered the border town on Friday, officials said, and the fighting stopped."


def good_record(i: int) -> dict[str, Any]:
    """A record that must become an article (written here)."""
    return {"id": f"good-{i}", "title": f"Report {i}", "source": "Example Wire", "published": "2016-04-10",
            "url": f"https://example.org/{i}", "text": f"{GOOD_TEXT} Item {i}."}


def jsonl_lines(items: list[Any]) -> str:
    return "\n".join(json.dumps(x) for x in items) + "\n"


bodies = st.one_of(
    json_values,
    st.fixed_dictionaries(
        {"text": st.one_of(texts, json_values)},
        optional={k: json_values for k in ("title", "source", "url", "published")},
    ),
)
