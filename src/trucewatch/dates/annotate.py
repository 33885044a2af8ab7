"""Find and resolve every temporal expression of an article."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from typing import Any

from trucewatch.dates.patterns import DATE_RE, FUTURE_RE, MIDNIGHT_RE, SINCE_RE, YEAR_RE
from trucewatch.dates.resolve import NO_ANCHOR, SAME_MARK, SAME_UNRESOLVED, make, resolve_match, unresolved
from trucewatch.dates.tense import refers_forward
from trucewatch.lexicon import lexicon
from trucewatch.model import NEWS_SEGMENTS, Article, EventDate, ParsedSegment, SegmentKind, in_date_window
from trucewatch.rules import Runner, rule

#: Segment kinds read for dates: the news plus captions (which keep their own dates) and subheadings.
_LEX = lexicon()

DATED_KINDS = NEWS_SEGMENTS | {SegmentKind.CAPTION, SegmentKind.HEADING}

#: Kinds whose resolution may depend on tense.
_TENSE_KINDS = frozenset({"wdx", "my", "dmy", "mdy", "relu"})  # not vocabulary: DATE_RE group names
_ENT_LABELS = frozenset({"DATE", "TIME"})
CAPTION_NO_DATE = "relative date in a caption without its own date: not resolved to publication"


def resolve_text(text: str, published: dt.date | None, *, future: bool | None = None) -> EventDate | None:
    """Resolve the first temporal expression in ``text`` against ``published``.

    Offsets in the result are relative to ``text``. ``future`` overrides the tense cue
    (otherwise words such as "will", "next", "due to" make weekdays and months look ahead).
    """
    published = as_date(published)
    if future is None:
        future = bool(FUTURE_RE.search(text))
    for m in DATE_RE.finditer(text):
        ed = resolve_match(m, published, future=future)
        if ed is not None:
            if ed.note.startswith(SAME_MARK):
                ed.note = SAME_UNRESOLVED
            return _with_since(ed, text, 0, published)
    ym = YEAR_RE.search(text)
    if ym:
        y = int(ym.group(0))
        return make(ym.group(0), ym.start(), dt.date(y, 1, 1), dt.date(y, 12, 31), note="year")
    return None


def as_date(value: dt.date | None) -> dt.date | None:
    """A datetime's day; dates and None pass through; a day outside the date window is None (no anchor)."""
    day = value.date() if isinstance(value, dt.datetime) else value
    return day if day is None or in_date_window(day) else None


def doc_dates(doc: Any, published: dt.date | None, base: int = 0) -> list[EventDate]:
    """Temporal expressions of one spaCy Doc or Span, resolved against ``published``.

    Offsets are ``base`` plus offsets into the Doc (for a Span: into the Doc the Span belongs to).
    """
    from spacy.tokens import Span

    if isinstance(doc, Span):
        base += doc.start_char
        doc = doc.as_doc()
    found = _segment_dates(doc, doc.text, base, as_date(published), NO_ANCHOR)
    return _refer_back(found, [], _speech_starts(doc, found, base))


def dateline_anchor(article: Article) -> dt.date | None:
    """The date a dateline segment states ("BEIRUT, April 10 (Reuters) -"), if any."""
    for seg in article.segments:
        if seg.kind is not SegmentKind.DATELINE:
            continue
        if seg.own_date and in_date_window(seg.own_date):
            return seg.own_date
        ed = resolve_text(seg.text, article.published, future=False)
        if ed and ed.resolved and ed.first == ed.last:
            return ed.first
    return None


def annotate(article: Article, parsed: list[ParsedSegment]) -> list[EventDate]:
    """Every temporal expression in the article's news segments and captions, resolved.

    Body text resolves against the dateline's date when there is one, else the publication
    date. A caption resolves only against its own date; without one its relative dates stay
    unresolved. Offsets are absolute (into ``article.text``).
    """
    anchor = dateline_anchor(article) or as_date(article.published)
    out: list[EventDate] = []
    previous: list[
        tuple[dt.date, bool]
    ] = []  # (day, a source's speaking day) named so far, for "the same day"
    for ps in sorted(parsed, key=lambda p: p.segment.start):
        seg = ps.segment
        if seg.kind not in DATED_KINDS:
            continue
        if seg.kind is SegmentKind.CAPTION:
            own = as_date(seg.own_date)
            out.extend(_refer_back(_segment_dates(ps.doc, seg.text, seg.start, own, CAPTION_NO_DATE), []))
        else:
            found = _segment_dates(ps.doc, seg.text, seg.start, anchor, NO_ANCHOR)
            out.extend(_refer_back(found, previous, _speech_starts(ps.doc, found, seg.start)))
    return out


#: Verbs of saying: the day a source spoke is not the day "the same morning" refers back to.
SPEECH_LEMMAS = _LEX.words("speech_verbs") | _LEX.words("stance_verbs")


def _speech_day(doc: Any, start: int, end: int) -> bool:
    """Does the date phrase at doc chars start..end hang off a verb of saying ("officials said on Wednesday")?"""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    tok = span.root
    for _ in range(3):
        if tok.head.i == tok.i:
            return False
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX"):
            return tok.lemma_.lower() in SPEECH_LEMMAS
    return False


def _speech_starts(doc: Any, found: list[EventDate], base: int) -> frozenset[int]:
    """Start offsets of the dates that say when a source spoke."""
    return frozenset(d.start for d in found if _speech_day(doc, d.start - base, d.end - base))


def _refer_back(
    found: list[EventDate], previous: list[tuple[dt.date, bool]], speech: frozenset[int] = frozenset()
) -> list[EventDate]:
    """Resolve "the same day", "the next day", "hours later" against the last single day named before.

    ``previous`` holds (day, spoken) pairs and grows as days are named. A day on which a source spoke
    (``speech``: start offsets; "officials said on Thursday") is referred back to only when no event's
    day was named.
    """
    for i, ed in enumerate(found):
        if ed.note.startswith(SAME_MARK):
            shift = int(ed.note[len(SAME_MARK) :])
            events = [d for d, spoken in previous if not spoken]
            ref = events[-1] if events else (previous[-1][0] if previous else None)
            if ref is not None:
                day = ref + dt.timedelta(days=shift)
                found[i] = make(ed.text, ed.start, day, note=f"{shift:+d} day(s) from {ref} named earlier")
                previous.append((day, False))
            else:
                ed.note = SAME_UNRESOLVED
        elif ed.resolved and ed.first is not None and ed.first == ed.last:
            previous.append((ed.first, ed.start in speech))
    return found


def _segment_dates(doc: Any, text: str, base: int, anchor: dt.date | None, no_anchor: str) -> list[EventDate]:
    """Regex matches first (resolved with the parse's tense), then DATE/TIME entities they missed."""
    found: list[EventDate] = []
    covered: list[tuple[int, int]] = []
    for m in DATE_RE.finditer(text):
        future = False
        if m.lastgroup in _TENSE_KINDS:
            span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
            future = bool(span is not None and len(span) and refers_forward(span))
        ed = resolve_match(m, anchor, future=future, offset=base, no_anchor_note=no_anchor)
        if ed is None:
            continue
        if ed.resolved and anchor is not None:
            found_rule = Runner("date-text").first(TextDate(ed, m.lastgroup or "", text, m.start()))
            ed = found_rule[1] if found_rule is not None else ed
        found.append(_with_since(ed, text, base, anchor))
        covered.append((m.start(), m.end()))
    for ent in doc.ents:
        if ent.label_ not in _ENT_LABELS:
            continue
        s, e = ent.start_char, ent.end_char
        if any(s < ce and cs < e for cs, ce in covered):
            continue
        ym = YEAR_RE.fullmatch(ent.text.strip())
        if ym and _numbered(doc, ent):
            found.append(unresolved(ent.text, base + s, "a number naming something, not a year"))
        elif ym:
            y = int(ym.group(0))
            found.append(make(ent.text, base + s, dt.date(y, 1, 1), dt.date(y, 12, 31), note="year"))
        else:
            note = (
                "time of day without a date" if ent.label_ == "TIME" else "duration or vague time: not placed"
            )
            found.append(unresolved(ent.text, base + s, note))
    found.sort(key=lambda d: d.start)
    return _night_of_day(found, text, base)


@dataclasses.dataclass(slots=True)
class TextDate:
    """What the date-text rules see: a resolved date, its kind (a DATE_RE group name) and its segment's text."""

    date: EventDate
    kind: str
    text: str  # the segment's text
    at: int  # the match's offset in ``text``


def _in_quote(text: str, at: int) -> bool:
    """Is offset ``at`` inside a quotation (an odd number of straight quotes before it, or an open curly one)?"""
    before = text[:at]
    return before.count('"') % 2 == 1 or before.count("\u201c") > before.count("\u201d")


@rule(
    "dates.quoted-day",
    phase="date-text",
    reason='"today", "yesterday", "tonight" inside a quotation count from the day the speaker spoke, which '
    "need not be the publication day: not placed, so the event takes a day the text states.",
)
def quoted_day(c: TextDate) -> EventDate | None:
    if c.kind != "rel" or not _in_quote(c.text, c.at):
        return None
    return unresolved(c.date.text, c.date.start, "quoted relative day: counted from the speaker's day, not stated")


#: Words that number a thing: "report number 1907", "No. 1907", "#1907".
_NUMBERING = _LEX.words("numbering_words")
_SEASONS = _LEX.words("seasons")


def _numbered(doc: Any, ent: Any) -> bool:
    """A bare four-digit entity that numbers a thing ("Report number 1907", "Resolution 1907", "Flight
    1907") rather than naming a year: it follows a noun or a numbering word directly."""
    if ent.start == 0:
        return False
    prev = doc[ent.start - 1]
    if prev.lower_ in _SEASONS:  # "summer 2015" is a time
        return False
    return prev.lower_ in _NUMBERING or prev.pos_ in ("NOUN", "PROPN")


#: What may stand between "overnight" and the day it belongs to ("overnight on Monday", "Monday overnight").
_NIGHT_GAP = re.compile(r"\s*(?:,\s*)?(?:on\s+|of\s+)?", re.IGNORECASE)


def _night_of_day(found: list[EventDate], text: str, base: int) -> list[EventDate]:
    """Drop "overnight" when a single day is named with it: "overnight on Monday" is Monday's night."""
    out: list[EventDate] = []
    for i, ed in enumerate(found):
        if ed.text.lower() == "overnight" and ed.resolved:
            near = [found[j] for j in (i - 1, i + 1) if 0 <= j < len(found)]
            if any(_one_day(o) and _adjacent(text, base, ed, o) for o in near):
                continue
        out.append(ed)
    return out


def _one_day(ed: EventDate) -> bool:
    return ed.resolved and ed.first is not None and ed.first == ed.last


def _adjacent(text: str, base: int, a: EventDate, b: EventDate) -> bool:
    """Only spaces, a comma or "on"/"of" between two phrases."""
    first, second = (a, b) if a.start < b.start else (b, a)
    gap = text[first.end - base : second.start - base]
    return _NIGHT_GAP.fullmatch(gap) is not None


def _with_since(ed: EventDate, text: str, base: int, anchor: dt.date | None) -> EventDate:
    """Extend "since February 27" into a range running to the anchor day; "midnight on Friday" is Saturday."""
    local = ed.start - base
    if ed.resolved and ed.first is not None and ed.first == ed.last and MIDNIGHT_RE.search(text, 0, local):
        ms = MIDNIGHT_RE.search(text, 0, local)
        assert ms is not None
        day = ed.first + dt.timedelta(days=1)
        return make(
            text[ms.start() : ed.end - base],
            base + ms.start(),
            day,
            note=f"{ed.note}; midnight ending {ed.first}, so {day}",
        )
    sm = SINCE_RE.search(text, 0, local)
    if not sm or not ed.resolved or ed.first is None or sm.group(1).lower() != "since":
        return ed
    phrase = text[sm.start() : ed.end - base]
    if anchor is None or anchor < ed.first:
        return unresolved(phrase, base + sm.start(), "open range: no anchor to end it")
    out = make(phrase, base + sm.start(), ed.first, anchor, note=f"since {ed.first} up to anchor {anchor}")
    return out


__all__ = ["annotate", "resolve_text", "doc_dates", "dateline_anchor", "as_date", "DATED_KINDS"]
