"""The article's country: the most mentioned country name or demonym, weighted by segment."""

from __future__ import annotations

from collections import Counter
from typing import Any

from trucewatch.actors.dictionary import ActorDictionary
from trucewatch.lexicon import lexicon
from trucewatch.model import ParsedSegment, SegmentKind

_LEX = lexicon()

SEGMENT_WEIGHT = {SegmentKind.DATELINE: 3.0, SegmentKind.HEADLINE: 2.0, SegmentKind.CAPTION: 0.5}
#: "backed by Turkey", "Iranian-backed": a patron is named, not the place of the fighting.
PATRON_WORDS = _LEX.words("patron_participles")
#: "the Turkish border", "Russian President ...", "Iran's foreign minister": not where events happen.
AFTER_WORDS = _LEX.words("country_office_nouns")
PERIPHERAL_WEIGHT = 0.25
STATE_KINDS = frozenset({"state_forces", "police", "external"})


def is_peripheral(doc, s: int, e: int) -> bool:
    """A country named as patron, border, or home of a politician rather than as the scene."""
    if s >= 2 and doc[s - 1].text in ("-", "\u2013") and doc[s - 2].lower_ in ("pro", "anti"):
        return True  # "pro-Russian separatists" are not Russians
    j = e + 1 if e < len(doc) and doc[e].lower_ in ("'s", "\u2019s") else e
    if j < len(doc) and doc[j].lower_ in AFTER_WORDS:
        return True
    if e + 1 < len(doc) and doc[e].text in ("-", "\u2013") and doc[e + 1].lower_ in PATRON_WORDS:
        return True
    tok = doc[e - 1]
    while tok.dep_ == "conj" and tok.head.i < tok.i:
        tok = tok.head
    return tok.dep_ == "pobj" and tok.head.lower_ == "by" and tok.head.head.lower_ in PATRON_WORDS


def article_country(
    weights: Counter[str],
    first_seen: dict[str, int],
    ps: ParsedSegment,
    countries: list[tuple[str, int, int]],
    cands: list[Any],
    dictionary: ActorDictionary,
) -> None:
    """Add one segment's votes for the article's country to ``weights``.

    A bare country name or demonym counts 1 ("in eastern Ukraine"); one naming state forces counts half
    (foreign forces are often named more than the country where the fighting is); one inside a dictionary
    name ("Lebanon's Hezbollah", "Syrian Observatory") counts nothing. A dictionary actor that cannot act
    abroad as state forces votes half for its own country ("Nusra" -> Syria).
    """
    base = SEGMENT_WEIGHT.get(ps.segment.kind, 1.0)
    spans: list[tuple[int, int, float]] = []
    for c in cands:
        if c.actor_id:
            actor = dictionary.entries.get(c.actor_id)
            spans.append((c.start, c.end, 0.5 if actor and actor.kind in STATE_KINDS else 0.0))
            where = dictionary.theatre.get(c.actor_id) or (actor.country if actor else None)
            if actor and where and actor.kind != "source" and actor.id not in dictionary.inter_abroad:
                weights[where] += base * 0.5
                first_seen.setdefault(where, ps.segment.start + c.start)
        elif c.role in ("military", "police"):
            spans.append((c.start, c.end, 0.5))
    for iso, s, e in countries:
        w = next((f for fs, fe, f in spans if fs <= s and e <= fe), 1.0)
        if w and is_peripheral(ps.doc, s, e):
            w = min(w, PERIPHERAL_WEIGHT)
        if w:
            weights[iso] += base * w
            first_seen.setdefault(iso, ps.segment.start + s)
