"""Actors not in the dictionary: organisation-like entities and "... Brigade"-style noun phrases."""

from __future__ import annotations

from typing import Any

from trucewatch.actors.dictionary import ActorDictionary
from trucewatch.lexicon import lexicon
from trucewatch.model import ActorRef, ParsedSegment

_LEX = lexicon()

#: Guessed kind -> ACLED inter code.
KIND_INTER = {"rebel": 2, "militia": 3, "armed_group": 3, "state_forces": 1, "police": 1, "identity": 4}
ENT_LABELS = frozenset({"ORG", "NORP"})
_DETS = _LEX.words("determiners")


def _guess_kind(span, dictionary: ActorDictionary, label: str) -> tuple[str, float]:
    heads = dictionary.group_heads
    root = span.root.lower_
    if root in heads:
        return heads[root], 0.5
    for tok in span:
        if tok.lower_ in heads:
            return heads[tok.lower_], 0.45
    return ("identity", 0.35) if label == "NORP" else ("organisation", 0.35)


#: A name right after one of these is more often a place ("in Kafr Nabl") than an organisation.
PLACE_PREPS = _LEX.words("place_prepositions")


def _looks_like_place(span, event_nouns: frozenset[str] = frozenset()) -> bool:
    """An ORG entity without a group word in a locative slot, before an event noun ("the X raid"),
    or a dateline word ("BEIRUT, ...")."""
    doc = span.doc
    if span.end < len(doc) and doc[span.end].lower_ in event_nouns:
        return True
    if span.start == 0 and span.end < len(doc) and doc[span.end].text in (",", "(", "-", "\u2013", "\u2014"):
        return True
    prev = doc[span.start - 1] if span.start > 0 else None
    return prev is not None and prev.lower_ in PLACE_PREPS


def _trim(span):
    doc = span.doc
    if "(" in span.text and ")" not in span.text:  # "Idleb Voice (Archive" -> "Idleb Voice"
        # the bracket may open inside a token ("Brigades(SDB"): the span ends before that token
        span = doc[span.start : next(t.i for t in span if "(" in t.text)]
    start = span.start
    while start < span.end and span.doc[start].lower_ in _DETS:
        start += 1
    end = span.end
    while end > start and (span.doc[end - 1].is_punct or span.doc[end - 1].lower_ in ("'s", "\u2019s")):
        end -= 1
    return span.doc[start:end]


def unknown_actors(
    ps: ParsedSegment,
    cands: list[Any],
    countries: list[tuple[str, int, int]],
    dictionary: ActorDictionary,
    context: str | None,
) -> list[ActorRef]:
    """Organisation-like mentions left over after dictionary matching, kept with a guessed kind."""
    doc = ps.doc
    taken = set()
    for c in cands:
        taken.update(range(c.start, c.end))
    for _, s, e in countries:
        taken.update(range(s, e))
    spans = [ent for ent in doc.ents if ent.label_ in ENT_LABELS]
    heads = dictionary.group_heads
    try:
        chunks = list(doc.noun_chunks)
    except ValueError:  # no parser in this pipeline
        chunks = []
    for chunk in chunks:
        if chunk.root.lower_ in heads and any(t.pos_ == "PROPN" and t.i != chunk.root.i for t in chunk):
            spans.append(chunk)
    refs: list[ActorRef] = []
    event_nouns = frozenset(n.lower() for n in dictionary.attack_nouns if " " not in n)
    for span in sorted(spans, key=lambda sp: -(sp.end - sp.start)):
        span = _trim(span)
        if len(span) == 0 or any(i in taken for i in range(span.start, span.end)):
            continue
        if not any(t.is_alpha and t.text[0].isupper() for t in span):
            continue
        has_head = any(t.lower_ in heads for t in span)
        if len(span) == 1 and not (span[0].is_upper and 1 < len(span[0]) <= 5) and not has_head:
            continue  # a lone capitalised word tagged ORG is more often a place or a sentence-initial word
        if not has_head and _looks_like_place(span, event_nouns):
            continue
        taken.update(range(span.start, span.end))
        label = span.label_ if span.label_ in ENT_LABELS else "ORG"
        start = ps.abs(span.start_char)
        known = dictionary.resolve(span.text)
        if known is not None:
            refs.append(
                ActorRef(
                    text=span.text,
                    start=start,
                    end=start + len(span.text),
                    actor_id=known.id,
                    name=known.name,
                    inter=(known.inter or None) if known.kind != "source" else None,
                    side=known.side,
                    country=known.country,
                    kind=known.kind,
                    confidence=0.7,
                )
            )
            continue
        kind, conf = _guess_kind(span, dictionary, label)
        refs.append(
            ActorRef(
                text=span.text,
                start=start,
                end=start + len(span.text),
                actor_id=None,
                name=span.text,
                inter=KIND_INTER.get(kind),
                country=context if kind != "identity" else None,
                kind=kind,
                confidence=conf,
            )
        )
    return refs
