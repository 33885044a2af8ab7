"""Dates stage: phrase classes, anchors, precision codes, captions, missing publication dates."""

from __future__ import annotations

import datetime as dt

import pytest

from trucewatch import dates
from trucewatch.model import Article, ParsedSegment, Segment, SegmentKind

D = dt.date
PUB = D(2016, 4, 10)  # a Sunday


def r(text: str, published: dt.date | None = PUB, **kw: object):
    ed = dates.resolve_text(text, published, **kw)
    assert ed is not None, text
    return ed


@pytest.mark.parametrize(
    ("text", "first", "last", "acled", "ucdp"),
    [
        ("10 April 2016", D(2016, 4, 10), D(2016, 4, 10), 1, 1),
        ("April 10, 2016", D(2016, 4, 10), D(2016, 4, 10), 1, 1),
        ("Apr. 3, 2016", D(2016, 4, 3), D(2016, 4, 3), 1, 1),
        ("the 3rd of March 2015", D(2015, 3, 3), D(2015, 3, 3), 1, 1),
        ("2016-04-10", D(2016, 4, 10), D(2016, 4, 10), 1, 1),
        ("Sunday, Dec. 1, 2013", D(2013, 12, 1), D(2013, 12, 1), 1, 1),
        ("in March 2016", D(2016, 3, 1), D(2016, 3, 31), 3, 4),
        ("in 2011", D(2011, 1, 1), D(2011, 12, 31), 3, 5),
        ("late 2015", D(2015, 9, 1), D(2015, 12, 31), 3, 5),
        ("early March 2016", D(2016, 3, 1), D(2016, 3, 10), 3, 4),
    ],
)
def test_explicit_dates(text: str, first: dt.date, last: dt.date, acled: int, ucdp: int) -> None:
    ed = r(text)
    assert (ed.first, ed.last, ed.time_precision, ed.date_prec, ed.resolved) == (
        first,
        last,
        acled,
        ucdp,
        True,
    )


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("on Sunday", PUB, PUB),  # the publication day itself is a Sunday
        ("on Saturday night", D(2016, 4, 9), D(2016, 4, 9)),
        ("on Thursday", D(2016, 4, 7), D(2016, 4, 7)),
        ("last Sunday", D(2016, 4, 3), D(2016, 4, 3)),
        ("next Sunday", D(2016, 4, 17), D(2016, 4, 17)),
        ("will meet on Wednesday", D(2016, 4, 13), D(2016, 4, 13)),
        ("yesterday", D(2016, 4, 9), D(2016, 4, 9)),
        ("today", PUB, PUB),
        ("tonight", PUB, PUB),
        ("last night", D(2016, 4, 9), D(2016, 4, 9)),
        ("overnight", D(2016, 4, 9), PUB),
        ("last week", D(2016, 3, 28), D(2016, 4, 3)),
        ("last month", D(2016, 3, 1), D(2016, 3, 31)),
        ("last year", D(2015, 1, 1), D(2015, 12, 31)),
        ("earlier this month", D(2016, 4, 1), D(2016, 4, 9)),
        ("in February", D(2016, 2, 1), D(2016, 2, 29)),
        ("in December", D(2015, 12, 1), D(2015, 12, 31)),  # December 2016 would be after publication
        ("on February 27", D(2016, 2, 27), D(2016, 2, 27)),
        ("on 12 November", D(2015, 11, 12), D(2015, 11, 12)),
        ("in a 24 hour period", D(2016, 4, 9), PUB),
        ("in the past 24 hours", D(2016, 4, 9), PUB),
        ("the last 10 days", D(2016, 3, 31), PUB),
        ("for some 10 days", D(2016, 3, 31), PUB),
        ("the past two weeks", D(2016, 3, 27), PUB),
        ("three days ago", D(2016, 4, 7), D(2016, 4, 7)),
        ("since February 27", D(2016, 2, 27), PUB),
        ("since 2011", D(2011, 1, 1), PUB),
        ("over the weekend", D(2016, 4, 9), PUB),
    ],
)
def test_relative_dates(text: str, first: dt.date, last: dt.date) -> None:
    ed = r(text)
    assert ed.resolved, ed
    assert (ed.first, ed.last) == (first, last), ed
    assert ed.note


def test_precision_codes_follow_range_length() -> None:
    assert dates.precision(PUB, PUB) == (1, 1)
    assert dates.precision(D(2016, 4, 9), PUB) == (2, 2)
    assert dates.precision(D(2016, 4, 4), PUB) == (2, 3)  # a week
    assert dates.precision(D(2016, 3, 1), D(2016, 3, 31)) == (3, 4)
    assert dates.precision(D(2015, 1, 1), D(2015, 12, 31)) == (3, 5)


@pytest.mark.parametrize(
    ("text", "published", "first", "last"),
    [
        ("on Wednesday", D(2016, 1, 2), D(2015, 12, 30), D(2015, 12, 30)),
        ("yesterday", D(2016, 3, 1), D(2016, 2, 29), D(2016, 2, 29)),  # leap year
        ("yesterday", D(2016, 1, 1), D(2015, 12, 31), D(2015, 12, 31)),
        ("last month", D(2016, 1, 15), D(2015, 12, 1), D(2015, 12, 31)),
        ("last week", D(2016, 1, 2), D(2015, 12, 21), D(2015, 12, 27)),
        ("on December 30", D(2016, 1, 2), D(2015, 12, 30), D(2015, 12, 30)),
        ("in January", D(2016, 1, 20), D(2016, 1, 1), D(2016, 1, 31)),
        ("next month", D(2015, 12, 20), D(2016, 1, 1), D(2016, 1, 31)),
        ("on Monday", D(2016, 1, 1), D(2015, 12, 28), D(2015, 12, 28)),
        ("will vote on Monday", D(2015, 12, 30), D(2016, 1, 4), D(2016, 1, 4)),
    ],
)
def test_month_and_year_boundaries(text: str, published: dt.date, first: dt.date, last: dt.date) -> None:
    ed = r(text, published)
    assert (ed.first, ed.last) == (first, last), ed


def test_ambiguous_numeric_date_is_marked() -> None:
    ed = r("10/04/2016")
    assert ed.resolved and ed.first == D(2016, 4, 10)
    assert "ambiguous" in ed.note
    clear = r("25/12/2015")  # only one reading exists
    assert clear.first == D(2015, 12, 25) and "ambiguous" not in clear.note
    # the reading after publication is dropped in favour of the one before it
    ed2 = r("04/10/2016")
    assert ed2.first == D(2016, 4, 10) and "ambiguous" in ed2.note


def test_missing_publication_date() -> None:
    rel = r("on Sunday", None)
    assert not rel.resolved and rel.first is None and "no publication date" in rel.note
    assert not r("yesterday", None).resolved
    assert not r("in March", None).resolved
    assert not r("on February 27", None).resolved
    exp = r("10 April 2016", None)
    assert exp.resolved and exp.first == D(2016, 4, 10)
    assert r("in 2011", None).resolved


def test_offsets_point_at_the_phrase() -> None:
    text = "Fighting resumed on Saturday night near the town."
    ed = r(text)
    assert text[ed.start : ed.end] == ed.text == "Saturday night"


def test_not_dates() -> None:
    assert dates.resolve_text("the five-year-long war", PUB) is None
    assert dates.resolve_text("a 10-year-old boy", PUB) is None
    assert dates.resolve_text("officials may meet", PUB) is None  # "may" is not May
    assert dates.resolve_text("protesters march on the capital", PUB) is None


# --- whole articles with the real spaCy model ------------------------------------------------


@pytest.fixture(scope="module")
def nlp():
    from trucewatch import nlp as nlp_stage

    return nlp_stage.load()


def build(nlp, parts: list[tuple[SegmentKind, str, dt.date | None]], published: dt.date | None):
    text, segs = "", []
    for kind, seg_text, own in parts:
        start = len(text)
        text += seg_text + "\n\n"
        segs.append(Segment(kind, start, start + len(seg_text), seg_text, own))
    art = Article(id="t", text=text, published=published, segments=segs)
    parsed = [ParsedSegment(s, nlp(s.text)) for s in segs]
    return art, parsed


def test_annotate_tense_and_offsets(nlp) -> None:
    body = (
        "Government forces shelled the town on Sunday, the monitor said. "
        "The envoy is due to arrive in the capital on Monday and talks will resume on Wednesday."
    )
    art, parsed = build(
        nlp,
        [(SegmentKind.HEADLINE, "Shelling resumes", None), (SegmentKind.BODY, body, None)],
        D(2016, 4, 12),
    )  # a Tuesday
    found = dates.annotate(art, parsed)
    for ed in found:
        assert art.text[ed.start : ed.end] == ed.text
    by_text = {ed.text: ed for ed in found}
    assert by_text["Sunday"].first == D(2016, 4, 10)  # past: the Sunday before
    assert by_text["Monday"].first == D(2016, 4, 18)  # "due to arrive": the next Monday
    assert by_text["Wednesday"].first == D(2016, 4, 13)  # "will resume": the coming Wednesday


def test_caption_resolves_only_against_its_own_date(nlp) -> None:
    parts = [
        (SegmentKind.BODY, "Jets struck the market on Saturday, residents said.", None),
        (SegmentKind.CAPTION, "A man walks through rubble on Saturday after a strike.", D(2015, 11, 21)),
        (SegmentKind.CAPTION, "Smoke rises over the old city on Friday.", None),
        (SegmentKind.CAPTION, "Fighters rest in Idlib, Syria, November 8, 2015.", None),
    ]
    art, parsed = build(nlp, parts, PUB)
    found = dates.annotate(art, parsed)
    body = [d for d in found if d.start < parsed[1].segment.start]
    own = [d for d in found if parsed[1].segment.start <= d.start < parsed[2].segment.start]
    bare = [d for d in found if parsed[2].segment.start <= d.start < parsed[3].segment.start]
    explicit = [d for d in found if d.start >= parsed[3].segment.start]
    assert body[0].first == D(2016, 4, 9)
    assert own[0].first == D(2015, 11, 21)  # the caption's own date is a Saturday
    assert not bare[0].resolved and "caption" in bare[0].note
    assert explicit[0].resolved and explicit[0].first == D(2015, 11, 8)


def test_dateline_date_is_the_anchor(nlp) -> None:
    parts = [
        (SegmentKind.DATELINE, "BEIRUT, April 7 (Reuters) -", None),
        (SegmentKind.BODY, "Rebels shelled the district on Tuesday, the monitor said.", None),
    ]
    art, parsed = build(nlp, parts, PUB)
    found = dates.annotate(art, parsed)
    tuesday = next(d for d in found if d.text == "Tuesday")
    assert tuesday.first == D(2016, 4, 5)  # the Tuesday before the dateline's Thursday, not before the 10th


def test_annotate_without_publication_date(nlp) -> None:
    art, parsed = build(
        nlp, [(SegmentKind.BODY, "Clashes broke out yesterday and again on 3 March 2016.", None)], None
    )
    found = dates.annotate(art, parsed)
    rel = next(d for d in found if d.text == "yesterday")
    exp = next(d for d in found if "March" in d.text)
    assert not rel.resolved and "no publication date" in rel.note
    assert exp.resolved and exp.first == D(2016, 3, 3)


def test_seed_article(seed_article_path, nlp) -> None:
    text = seed_article_path.read_text(encoding="utf-8")
    art = Article(
        id="seed", text=text, published=PUB, segments=[Segment(SegmentKind.BODY, 0, len(text), text)]
    )
    found = dates.annotate(art, [ParsedSegment(art.segments[0], nlp(text))])
    texts = {d.text: d for d in found}
    assert texts["in a 24 hour period"].first == D(2016, 4, 9)
    assert texts["November 21, 2015"].first == D(2015, 11, 21)
    assert any(d.text == "Monday" and d.first == D(2016, 4, 11) for d in found)


def test_same_day_refers_back_to_the_day_named_before(nlp) -> None:
    body = (
        "Jets bombed the market on Tuesday, medics said. A second town was shelled on the same day, "
        "and rockets hit the suburbs the next day. Three days later the road reopened."
    )
    art, parsed = build(nlp, [(SegmentKind.BODY, body, None)], D(2016, 4, 21))  # a Thursday
    found = {d.text: d for d in dates.annotate(art, parsed)}
    assert found["Tuesday"].first == D(2016, 4, 19)
    assert found["on the same day"].first == D(2016, 4, 19)
    assert found["the next day"].first == D(2016, 4, 20)
    assert found["Three days later"].first == D(2016, 4, 23)


def test_days_after_dates_the_earlier_event(nlp) -> None:
    body = (
        "An air strike hit the town again on Thursday, two days after a raid on its market killed 37 people."
    )
    art, parsed = build(nlp, [(SegmentKind.BODY, body, None)], D(2016, 4, 21))
    found = {d.text: d for d in dates.annotate(art, parsed)}
    assert found["Thursday"].first == D(2016, 4, 21)
    assert found["two days after"].first == D(2016, 4, 19)


def test_same_day_without_an_earlier_day_stays_unresolved() -> None:
    ed = r("on the same day")
    assert not ed.resolved and "earlier date" in ed.note


def test_month_names_need_word_boundaries() -> None:
    assert dates.resolve_text("Separately, police said", PUB) is None
    assert dates.resolve_text("Mayadin and Marea", PUB) is None


def test_midnight_ends_the_named_day() -> None:
    ed = r("The truce took effect at midnight on Friday.", D(2016, 2, 28))
    assert ed.first == D(2016, 2, 27) and ed.text == "midnight on Friday"
    assert r("from Friday midnight", D(2016, 2, 28)).first == D(2016, 2, 27)
    assert r("at midnight on 26 February 2016").first == D(2016, 2, 27)


def test_doc_dates_on_a_span_and_datetime_publication(nlp) -> None:
    doc = nlp("The talks ended. Rebels shelled the base on Friday night, the monitor said.")
    sent = list(doc.sents)[1]
    found = dates.doc_dates(sent, dt.datetime(2016, 4, 10, 9, 30), base=100)
    (friday,) = [d for d in found if d.resolved]
    assert friday.first == D(2016, 4, 8)
    assert friday.start == 100 + doc.text.index("Friday")
    assert r("on Friday", dt.datetime(2016, 4, 10, 9, 30)).first == D(2016, 4, 8)


def test_same_morning_skips_the_day_a_source_spoke(nlp) -> None:
    # "on Thursday" is when rescuers spoke; "the same morning" refers back to the strike's day
    body = (
        "Jets hit a bakery in the old town yesterday, rescuers said on Thursday. "
        "A clinic across the river was shelled on the same morning."
    )
    art, parsed = build(nlp, [(SegmentKind.BODY, body, None)], D(2016, 4, 21))  # a Thursday
    found = {d.text: d for d in dates.annotate(art, parsed)}
    assert found["yesterday"].first == D(2016, 4, 20)
    assert found["on the same morning"].first == D(2016, 4, 20)


def test_overnight_with_a_named_day_is_that_day(nlp) -> None:
    art, parsed = build(
        nlp,
        [(SegmentKind.BODY, "Gunmen raided two farms near the lake overnight on Saturday.", None)],
        D(2016, 4, 19),
    )
    found = dates.annotate(art, parsed)
    assert [(d.text, d.first, d.last) for d in found] == [("Saturday", D(2016, 4, 16), D(2016, 4, 16))]
    art, parsed = build(nlp, [(SegmentKind.BODY, "Gunmen raided two farms overnight.", None)], D(2016, 4, 19))
    (night,) = dates.annotate(art, parsed)
    assert (night.first, night.last, night.time_precision) == (D(2016, 4, 18), D(2016, 4, 19), 2)


@pytest.mark.parametrize(
    ("text", "published", "first", "last"),
    [
        ("on Tuesday", D(2016, 4, 19), D(2016, 4, 19), D(2016, 4, 19)),  # the publication day itself
        ("on Wednesday", D(2016, 4, 19), D(2016, 4, 13), D(2016, 4, 13)),  # the most recent one before
        ("yesterday", D(2016, 3, 1), D(2016, 2, 29), D(2016, 2, 29)),  # leap day
        ("last week", D(2016, 4, 19), D(2016, 4, 11), D(2016, 4, 17)),
        ("last month", D(2016, 1, 5), D(2015, 12, 1), D(2015, 12, 31)),
        ("in November", D(2016, 2, 3), D(2015, 11, 1), D(2015, 11, 30)),  # month without a year: the past one
        ("over the last 10 days", D(2016, 4, 19), D(2016, 4, 9), D(2016, 4, 19)),
        ("in a 48-hour period", D(2016, 4, 19), D(2016, 4, 17), D(2016, 4, 19)),
    ],
)
def test_relative_phrases_against_publication(
    text: str, published: dt.date, first: dt.date, last: dt.date
) -> None:
    ed = r(text, published)
    assert (ed.first, ed.last, ed.resolved) == (first, last, True)


def test_future_tense_moves_weekday_forward(nlp) -> None:
    art, parsed = build(
        nlp, [(SegmentKind.BODY, "The convoy will leave for the border on Friday.", None)], D(2016, 4, 19)
    )
    (ed,) = dates.annotate(art, parsed)
    assert ed.first == D(2016, 4, 22)


def test_same_day_falls_back_to_a_speaking_day_when_no_other_day_is_named(nlp) -> None:
    body = "Rebels said on Tuesday that they had shelled an army post. Troops answered with rockets the same day."
    art, parsed = build(nlp, [(SegmentKind.BODY, body, None)], D(2016, 4, 21))  # a Thursday
    found = {d.text: d for d in dates.annotate(art, parsed)}
    assert found["the same day"].first == D(2016, 4, 19)
