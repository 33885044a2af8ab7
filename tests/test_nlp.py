from __future__ import annotations

from trucewatch import nlp
from trucewatch.model import Article, Segment, SegmentKind


def _article(aid: str, paragraphs: list[tuple[SegmentKind, str]]) -> Article:
    text, segs, pos = "", [], 0
    for kind, para in paragraphs:
        if text:
            text += "\n\n"
            pos += 2
        segs.append(Segment(kind, pos, pos + len(para), para))
        text += para
        pos += len(para)
    art = Article(id=aid, text=text)
    art.segments = segs
    return art


def test_parse_keeps_order_offsets_and_skips_credits() -> None:
    a = _article("a", [(SegmentKind.HEADLINE, "Shelling hits Hama"), (SegmentKind.CREDIT, "Photo by: AP"),
                       (SegmentKind.BODY, "Rebels shelled the town on Monday.")])
    b = _article("b", [(SegmentKind.CREDIT, "Photo: Reuters")])  # nothing to parse
    c = _article("c", [(SegmentKind.BODY, "Troops entered the village.")])
    out = list(nlp.parse([a, b, c], batch_size=2))
    assert [art.id for art, _ in out] == ["a", "b", "c"]
    kinds = [p.segment.kind for p in out[0][1]]
    assert kinds == [SegmentKind.HEADLINE, SegmentKind.BODY]
    assert out[1][1] == []
    body = out[0][1][1]
    tok = next(t for t in body.doc if t.text == "town")
    assert a.text[body.abs(tok.idx): body.abs(tok.idx) + 4] == "town"


def test_model_loads_once() -> None:
    assert nlp.load() is nlp.load()
