"""Block-level tests: is this line a credit, a caption, a sign-off, boilerplate, a heading?"""

from __future__ import annotations

import re

from trucewatch.clean import patterns as P
from trucewatch.clean.datefind import ENDING_DATE, explicit_date
from trucewatch.lexicon import lexicon

_LEX = lexicon()

_TERMINAL = tuple('.!?"\u201d\u2019')
_PREPOSITIONS = _LEX.words("caption_date_prepositions")

#: A credit is short; a longer "Photo: ..." line describes the picture (a caption).
MAX_CREDIT_WORDS = 7
MAX_CAPTION_CHARS = 450
MAX_HEADING_CHARS = 80
MAX_SIGNOFF_CHARS = 100


def words(text: str) -> int:
    return len(text.split())


def ends_sentence(text: str) -> bool:
    return text.rstrip().endswith(_TERMINAL)


def is_credit(text: str) -> bool:
    """A line that only names who took a picture: "Photo by: AP (Archive )", "(Reuters/Name)"."""
    if len(text) > 120:
        return False
    if P.BARE_CREDIT.match(text):
        return True
    m = P.PHOTO_LABEL.match(text) or P.CREDIT_LABEL.match(text)
    return bool(m and words(m["rest"]) <= MAX_CREDIT_WORDS)


def is_caption(text: str) -> bool:
    """A line describing a photograph, judged from the line alone."""
    if len(text) > MAX_CAPTION_CHARS:
        return False
    if P.CAPTION_START.match(text):
        return True
    m = P.PHOTO_LABEL.match(text)
    if m and words(m["rest"]) > MAX_CREDIT_WORDS:
        return True
    if P.ENDS_WITH_CREDIT.search(text):
        return True
    if P.DASH_AGENCY_END.search(text) and not P.REPORTING.search(text):
        return True  # "A boy sits in the rubble of his home. - AFP"
    if words(text) <= 60 and P.CREDIT_WORDS.search(text):
        return True
    return ends_with_photo_date(text)


def ends_with_photo_date(text: str) -> bool:
    """Wire captions close on the picture's date after the place: "..., Syria, November 21, 2015."

    News sentences that end on a date introduce it with a preposition ("on April 10, 2016"), so those are not
    taken; a caption is also a single sentence.
    """
    m = ENDING_DATE.search(text)
    if not m:
        return False
    before = m["before"].rstrip(",").lower()
    if before in _PREPOSITIONS:
        return False
    head = text[: m.start("before")]
    return head.count(". ") == 0


def has_explicit_date(text: str) -> bool:
    return explicit_date(text) is not None


def is_signoff(text: str, source: str | None) -> bool:
    """An agency sign-off line: "- AFP", "Source: ... and agencies", "(Reporting by ...)", the outlet's name."""
    if len(text) > MAX_SIGNOFF_CHARS:
        return False
    if P.SIGNOFF_LINE.match(text) or P.SIGNOFF_TAIL.fullmatch(text):
        return True
    return bool(source) and _squash(text) == _squash(source or "")


def is_boilerplate(text: str) -> bool:
    """Share buttons, subscribe prompts, related links, copyright lines."""
    if len(text) > 160:
        return False
    if P.BOILERPLATE.match(text):
        return True
    tokens = re.findall(r"[\w\-]+", text.lower())
    return bool(tokens) and all(t in P.SOCIAL_WORDS for t in tokens)


def is_heading(text: str) -> bool:
    """A subheading inside the body: short, no closing punctuation."""
    return (
        len(text) <= MAX_HEADING_CHARS
        and words(text) <= 10
        and not text.rstrip().endswith((".", "!", "?", ":", ",", ";"))
    )


def dateline_end(text: str) -> int:
    """Length of a leading dateline ("BEIRUT (Reuters) - "), 0 when there is none."""
    m = P.DATELINE_CAPS.match(text) or P.DATELINE_MIXED.match(text)
    if not m or m.end() > P.MAX_DATELINE or m.end() >= len(text):
        return 0
    return m.end()


def signoff_tail(text: str) -> int:
    """Start of a trailing "(Reporting by ...; Editing by ...)" in a paragraph, or -1."""
    m = P.SIGNOFF_TAIL.search(text)
    return m.start() if m and m.start() > 0 else -1


def _squash(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.lower())
