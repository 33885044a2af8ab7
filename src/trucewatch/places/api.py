"""Entry points: annotate an article, geoparse plain text, resolve given spans."""

from __future__ import annotations

import re
from typing import Any

from trucewatch.config import settings
from trucewatch.lexicon import lexicon
from trucewatch.model import NEWS_SEGMENTS, Article, Location, ParsedSegment, SegmentKind
from trucewatch.places.abbrev import abbreviation_rows
from trucewatch.places.context import at_dateline
from trucewatch.places.gazetteer import Gazetteer, load_gazetteer
from trucewatch.places.hierarchy import containment
from trucewatch.places.match import DATELINE_TAIL, Span, find_spans
from trucewatch.places.relations import find_relation
from trucewatch.places.resolve import Item, resolve_items
from trucewatch.records import place_fields

#: Generic words that end a toponym the gazetteer lacks: "Orange County" falls back to "Orange".
_GENERIC_TAIL = lexicon().regex("geoparse_generic_tail")
_POSSESSIVE = re.compile(r"(?:'s|\u2019s|')$")
#: A part of a named place: "North London", "Southern California", "Greater Toronto Area".
_PART_OF = lexicon().regex("geoparse_part_of")
_CO_ABBREV = re.compile(r"\s+co\.?$", re.IGNORECASE)  # "Plymouth Co." -> "Plymouth County"


def _head_rows(gaz: Gazetteer, surface: str) -> tuple[tuple[int, ...], bool]:
    """Rows (and whether matched exactly) for a name the gazetteer lacks, read without its generic
    tail, possessive or "the", or as the place it is a part of ("North London" -> London)."""
    head = _POSSESSIVE.sub("", surface.strip())
    head = _CO_ABBREV.sub(" County", head)
    if head != surface.strip():
        rows = gaz.lookup_exact(head)
        if rows:
            return rows, True
    head = _GENERIC_TAIL.sub("", head)
    if head.lower().startswith("the "):
        head = head[4:]
    if head and head != surface:
        rows = gaz.lookup_exact(head)
        if rows:
            return rows, True
        rows = gaz.lookup(head)
        if rows:
            return rows, False
    part = _PART_OF.match(head or surface)
    rows = gaz.lookup_exact(part.group(1)) if part else ()
    return rows, bool(rows)


def _items(text: str, spans: list[Span], offset: int, dateline: bool) -> list[Item]:
    items = []
    for sp in spans:
        rel = find_relation(text, sp.start, sp.end) if sp.label != "DEMONYM" else None
        line_start = sp.start <= 2 or text[sp.start - 1] == "\n"
        at_head = dateline or (line_start and bool(DATELINE_TAIL.match(text[sp.end : sp.end + 50])))
        items.append(
            Item(
                sp.text,
                sp.start + offset,
                sp.end + offset,
                sp.rows,
                sp.exact,
                sp.label,
                rel.relation if rel else None,
                at_head,
                person=sp.person,
            )
        )
    return items


def _location(gaz: Gazetteer, it: Item) -> Location:
    place = gaz.place(it.row) if it.row is not None else None
    if place is not None and it.row is not None and place.feature_code == "ADM1":
        seat = gaz.place(gaz.seat(it.row))  # ACLED: a division-level event sits at the division's seat
        place.lat, place.lon = seat.lat, seat.lon
    return Location(
        text=it.text,
        start=it.start,
        end=it.end,
        place=place,
        geo_precision=it.geo_precision,
        where_prec=it.where_prec,
        relation=it.relation,
        score=it.score,
        candidates=list(it.candidates),
    )


def annotate(
    article: Article, parsed: list[ParsedSegment], gazetteer: Gazetteer | None = None
) -> list[Location]:
    """Every toponym in the article's news segments, resolved, with relation and precision codes.

    Nationality adjectives ("Syrian") inform the country context but are not returned.
    """
    gaz = gazetteer or load_gazetteer()
    items: list[Item] = []
    for ps in parsed:
        if ps.segment.kind not in NEWS_SEGMENTS:
            continue
        spans = find_spans(ps.doc, gaz)
        items += _items(ps.segment.text, spans, ps.segment.start, ps.segment.kind == SegmentKind.DATELINE)
    resolve_items(gaz, items, article.text)
    out = []
    for it in items:
        if it.label != "DEMONYM" and it.row is not None:
            loc = _location(gaz, it)
            loc.inner_start = _finer_inside(gaz, items, it)
            out.append(loc)
    return out


def _finer_inside(gaz: Gazetteer, items: list[Item], it: Item) -> int | None:
    """Step "finer inside": the start of the resolved place the text writes inside this one ("X village (Y,
    Z)", "X district, Y"), if the gazetteer agrees Y holds it; an event placed at Y takes X."""
    if it.inner is None or it.row is None or "finer inside" in settings().places_steps_off:
        return None
    inner = items[it.inner]
    if inner.row is None or inner.row == it.row or gaz.fcode(inner.row).startswith("PCL"):
        return None
    held = containment(gaz, (inner.row,), (it.row,))[0, 0] >= settings().places_contained
    return inner.start if held else None


def record(gaz: Gazetteer, it: Item) -> dict[str, Any]:
    """A Mordecai-style dict for one resolved toponym."""
    p = gaz.place(it.row) if it.row is not None else None
    return {
        "text": it.text,
        "start": it.start,
        "end": it.end,
        **place_fields(p),
        "score": it.score,
        "relation": it.relation,
        "geo_precision": it.geo_precision,
        "where_prec": it.where_prec,
        "label": it.label,  # spaCy entity label, "" for a capitalised run, "DEMONYM"
        "candidates": [list(c) for c in it.candidates],
    }


def geoparse(
    text: str, *, demonyms: bool = False, nlp: Any = None, gazetteer: Gazetteer | None = None
) -> list[dict[str, Any]]:
    """Every toponym of a plain text with offsets, GeoNames id, name, country, lat/lon, feature, score.

    Runs spaCy itself (``trucewatch.nlp.load()``). With ``demonyms=True`` nationality adjectives
    ("Syrian") are returned too, resolved to their country.
    """
    if nlp is None:
        from trucewatch.nlp import load

        nlp = load()
    return geoparse_doc(nlp(text), demonyms=demonyms, gazetteer=gazetteer)


def geoparse_doc(
    doc: Any, *, demonyms: bool = False, gazetteer: Gazetteer | None = None
) -> list[dict[str, Any]]:
    """:func:`geoparse` on a spaCy Doc that is already parsed (offsets into ``doc.text``)."""
    gaz = gazetteer or load_gazetteer()
    text = doc.text
    items = _items(text, find_spans(doc, gaz), 0, False)
    resolve_items(gaz, items, text)
    return [record(gaz, it) for it in items if it.row is not None and (demonyms or it.label != "DEMONYM")]


def resolve_spans(
    text: str, spans: list[tuple[int, int]], gazetteer: Gazetteer | None = None
) -> list[dict[str, Any] | None]:
    """Resolve given toponym spans of a text (no detection); None for spans the gazetteer lacks.

    Country names and nationality adjectives among the spans give the country context, as in
    :func:`geoparse`. Used to evaluate resolution on gold spans.
    """
    gaz = gazetteer or load_gazetteer()
    items: list[Item | None] = []
    for start, end in spans:
        surface = text[start:end]
        d = gaz.demonym(surface)  # "Spanish" is Spain before it is a village called Spanish
        if d is not None:
            rows, exact, label = (d,), True, "DEMONYM"
        else:
            rows, label = (
                abbreviation_rows(gaz, surface, text[end : end + 1]) or gaz.lookup_exact(surface),
                "",
            )
            exact = bool(rows)
            rows = rows or gaz.lookup(surface)
            if not rows:
                rows, exact = _head_rows(gaz, surface)
        if not rows:
            items.append(None)
            continue
        rel = find_relation(text, start, end)
        items.append(
            Item(surface, start, end, rows, exact, label, rel.relation, at_dateline(text, start, end))
        )
    resolve_items(gaz, [i for i in items if i is not None], text)
    return [record(gaz, it) if it is not None and it.row is not None else None for it in items]
