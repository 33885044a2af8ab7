"""Clean: typed segments, captions with their own dates, credits, sign-offs and boilerplate kept out of the body."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from trucewatch import clean, ingest
from trucewatch.model import NEWS_SEGMENTS, Article, Segment, SegmentKind

K = SegmentKind


def segs(text: str, **kw: object) -> list[Segment]:
    art = ingest.from_text(text, **kw)  # type: ignore[arg-type]
    out = clean.segment(art)
    assert art.segments is out
    _check_cover(art, out)
    return out


def _check_cover(art: Article, out: list[Segment]) -> None:
    """Offsets are right, segments are in order, and every non-space character belongs to one segment."""
    covered = [False] * len(art.text)
    last = 0
    for s in out:
        assert art.text[s.start : s.end] == s.text
        assert s.start >= last
        last = s.end
        for i in range(s.start, s.end):
            covered[i] = True
    assert all(c or ch.isspace() for c, ch in zip(covered, art.text, strict=True))


def kinds(out: list[Segment]) -> list[SegmentKind]:
    return [s.kind for s in out]


def of_kind(out: list[Segment], kind: SegmentKind) -> list[Segment]:
    return [s for s in out if s.kind is kind]


WIRE = """Militants storm police station in eastern district

KHALDIYA, Iraq, May 4 (Example Wire) - Gunmen stormed a police station in an eastern district on Wednesday, killing three officers before they were driven back, police sources said.

Two of the attackers blew themselves up at the gate, the sources added.

A police officer stands guard at a checkpoint in the district, March 12, 2015. (Example Wire Photo/Sam Writer)

The district has seen several attacks this year. (Reporting by Ann Author; Editing by Bo Editor)
"""


def test_wire_report_dateline_caption_signoff() -> None:
    out = segs(WIRE, published="2016-05-04")
    assert kinds(out) == [K.HEADLINE, K.DATELINE, K.BODY, K.BODY, K.CAPTION, K.BODY, K.SIGNOFF]
    dateline = of_kind(out, K.DATELINE)[0]
    assert dateline.text == "KHALDIYA, Iraq, May 4 (Example Wire) -"
    assert dateline.own_date == dt.date(2016, 5, 4)
    assert of_kind(out, K.BODY)[0].text.startswith("Gunmen stormed")
    cap = of_kind(out, K.CAPTION)[0]
    assert cap.own_date == dt.date(2015, 3, 12)
    assert of_kind(out, K.SIGNOFF)[0].text == "(Reporting by Ann Author; Editing by Bo Editor)"
    assert of_kind(out, K.BODY)[-1].text == "The district has seen several attacks this year."


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("BEIRUT (Reuters) - ", "BEIRUT (Reuters) -"),
        ("DAMASCUS, April 10 - ", "DAMASCUS, April 10 -"),
        ("Beirut, April 10 (AFP) - ", "Beirut, April 10 (AFP) -"),
        ("ALEPPO, Syria (AP) \u2014 ", "ALEPPO, Syria (AP) \u2014"),
        ("GAZIANTEP, Turkey -- ", "GAZIANTEP, Turkey --"),
    ],
)
def test_datelines(line: str, expected: str) -> None:
    out = segs(
        f"Headline words here\n\n{line}Government troops advanced on the town on Monday, a monitor said."
    )
    assert of_kind(out, K.DATELINE)[0].text == expected
    assert of_kind(out, K.BODY)[0].text.startswith("Government troops")


def test_no_dateline_in_ordinary_sentences() -> None:
    out = segs(
        "Headline words here\n\nUN envoy - a veteran diplomat - arrived on Monday.\n\nThe talks - if they happen - will be short."
    )
    assert not of_kind(out, K.DATELINE)


@pytest.mark.parametrize(
    ("caption", "own"),
    [
        (
            "A man walks past a destroyed building in the old city, Syria, October 15, 2015.",
            dt.date(2015, 10, 15),
        ),
        (
            "Fighters rest near the front line in the southern countryside Sunday, Dec. 6, 2015.",
            dt.date(2015, 12, 6),
        ),
        ("File photo from 2014 showing a damaged bridge over the river.", dt.date(2014, 1, 1)),
        (
            "FILE - Smoke rises over the eastern suburbs, in this photo taken on 3 March 2016.",
            dt.date(2016, 3, 3),
        ),
        ("Children play in a camp for displaced families. (AP Photo/Any Name)", None),
        ("Rescue workers search the rubble after the strike. Photo by Local Council", None),
        ("Women queue for bread in the besieged town (Photo: Example Agency)", None),
        ("Smoke over the valley on Monday. Credit: Example Agency", None),
        ("A destroyed tank lies by the road. Getty Images", None),
        ("Photo: Volunteers carry a wounded man to an ambulance after shelling of the market", None),
    ],
)
def test_captions_and_their_dates(caption: str, own: dt.date | None) -> None:
    text = (
        "Headline words here\n\nSoldiers and rebels fought for control of the hill on Tuesday, residents said.\n\n"
        f"{caption}\n\nThe fighting went on until the evening, the residents said."
    )
    out = segs(text, published="2016-04-12")
    caps = of_kind(out, K.CAPTION)
    assert [c.text for c in caps] == [caption]
    assert caps[0].own_date == own
    assert len(of_kind(out, K.BODY)) == 2


def test_news_sentences_ending_on_a_date_stay_body() -> None:
    text = (
        "Headline words here\n\nThe two sides signed the agreement in the capital on April 10, 2016.\n\n"
        "The previous truce collapsed in the summer, a year after it was agreed in Geneva, June 30, 2015. It never held."
    )
    out = segs(text)
    assert not of_kind(out, K.CAPTION)
    assert len(of_kind(out, K.BODY)) == 2


def test_credit_lines_and_caption_after_credit() -> None:
    text = (
        "Convoy hit on desert road\n\nOfficials say the aid convoy was hit by rockets\n\nPhoto by: AP\n\n"
        "Trucks wait at a crossing point near the border, Monday, Aug. 3, 2015.\n\n"
        "Rockets hit an aid convoy on the desert road on Saturday, aid officials said.\n\n"
        "Drivers sheltered under the trucks until the firing stopped.\n\n"
        "An injured driver is carried to a car near the road\n\n(Reuters/Some Photographer)\n\n"
        "The agency suspended deliveries.\n\nSource: Example Wire and agencies"
    )
    out = segs(text)
    assert kinds(out) == [
        K.HEADLINE, K.STANDFIRST, K.CREDIT, K.CAPTION, K.BODY, K.BODY, K.CAPTION, K.CREDIT, K.BODY, K.SIGNOFF,
    ]  # fmt: skip
    assert of_kind(out, K.CAPTION)[0].own_date == dt.date(2015, 8, 3)
    for body in of_kind(out, K.BODY):
        assert "Photo" not in body.text and "Reuters" not in body.text


def test_boilerplate_headings_and_outlet_signoff() -> None:
    text = (
        "Share this article\n\nTwo soldiers killed at checkpoint\n\n"
        "Two soldiers were killed when gunmen opened fire on a checkpoint near the bridge, the army said.\n\n"
        "Attackers fled\n\nThe attackers fled towards the hills, the army statement added.\n\n"
        "Related: Army reinforces bridge positions\n\nFacebook Twitter WhatsApp Email\n\n"
        "Subscribe to our daily newsletter\n\n- Example News Agency"
    )
    out = segs(text, source="Example News Agency")
    assert kinds(out) == [
        K.BOILERPLATE, K.HEADLINE, K.BODY, K.HEADING, K.BODY, K.BOILERPLATE, K.BOILERPLATE, K.BOILERPLATE, K.SIGNOFF,
    ]  # fmt: skip


def test_outlet_name_as_last_line_is_signoff() -> None:
    out = segs(
        "Headline words here\n\nThe army shelled the village on Monday.\n\nExample Times Staff",
        source="Example Times Staff",
    )
    assert kinds(out)[-1] is K.SIGNOFF


def test_text_without_headline_is_body() -> None:
    out = segs(
        "Government aircraft bombed the market on Monday, killing five people. Rescuers searched for survivors."
    )
    assert kinds(out) == [K.BODY]


def test_hard_wrapped_paragraph_is_one_segment() -> None:
    text = (
        "Headline words here\n\nGovernment forces shelled the northern districts of the city\n"
        "overnight, killing at least six people, including two children,\n"
        "according to a local monitoring group that documents casualties\n"
        "in the province.\n"
    )
    out = segs(text)
    assert kinds(out) == [K.HEADLINE, K.BODY]
    assert of_kind(out, K.BODY)[0].text.endswith("in the province.")


def test_html_article_segments() -> None:
    data = Path(__file__).parent / "data" / "ingest" / "page.html"
    (art,) = list(ingest.read_paths([data]))
    assert isinstance(art, Article)
    out = clean.segment(art)
    _check_cover(art, out)
    assert out[0].kind is K.HEADLINE and out[0].text == art.title
    assert len(of_kind(out, K.BODY)) >= 3


def test_seed_article_captions_are_not_news(seed_article_path: Path) -> None:
    (art,) = list(ingest.read_paths([seed_article_path]))
    assert isinstance(art, Article)
    out = clean.segment(art)
    _check_cover(art, out)
    assert out[0].kind is K.HEADLINE and out[1].kind is K.STANDFIRST
    credits = of_kind(out, K.CREDIT)
    assert len(credits) == 2 and all(c.text.startswith("Photo by") for c in credits)
    caps = of_kind(out, K.CAPTION)
    assert len(caps) == 3
    # Every caption carries its own, older date, never the publication's.
    assert all(c.own_date is not None and c.own_date.year < 2016 for c in caps)
    assert sorted(c.own_date for c in caps) == [
        dt.date(2013, 12, 1),
        dt.date(2015, 11, 8),
        dt.date(2015, 11, 21),
    ]
    for seg in out:
        if seg.kind in NEWS_SEGMENTS:
            assert "Photo by" not in seg.text
            assert not any(c.text in seg.text for c in caps)
    assert out[-1].kind is K.SIGNOFF
    assert len(of_kind(out, K.BODY)) >= 25


# --- any text -------------------------------------------------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_LINES = st.sampled_from(
    [
        "Photo by: Example Agency",
        "BEIRUT (Example Wire) - Troops moved in.",
        "A boy stands in the rubble, Syria, May 2, 2015.",
        "Share this article",
        "(Reporting by A; Editing by B)",
        "Short heading",
        "",
        "   ",
        "The army said it had taken the town. Rebels denied it.",
    ]
)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.one_of(_LINES, st.text(max_size=80)), max_size=12), st.sampled_from(["\n", "\n\n", "\r\n"])
)
def test_segments_always_cover_the_text(lines: list[str], sep: str) -> None:
    art = ingest.from_text(sep.join(lines), published="2016-05-02", source="Example Wire")
    out = clean.segment(art)
    _check_cover(art, out)
    assert all(s.text.strip() for s in out)


def test_line_broken_mid_sentence_is_one_block() -> None:
    from trucewatch.clean.blocks import split_blocks

    text = "Smoke rises over the site of a recent\nbombing near the old market.\n\nA Headline Line\nAnother line."
    blocks = [b.text for b in split_blocks(text)]
    assert blocks[0] == "Smoke rises over the site of a recent\nbombing near the old market."
    assert blocks[1:] == ["A Headline Line", "Another line."]  # a line that starts in capitals stays its own
