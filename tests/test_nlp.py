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


def _deps(text: str) -> dict[str, tuple[str, str]]:
    return {t.text: (t.dep_, t.head.text) for t in nlp.load()(text)}


def test_hedged_subject_is_the_subject_of_the_act() -> None:
    # The small model makes "believed" the main verb; the repair gives "bombed" its subject back.
    deps = _deps("Warplanes believed to be Turkish shelled the village of Kfar Nun on Sunday.")
    assert deps["shelled"] == ("ROOT", "shelled")
    assert deps["Warplanes"] == ("nsubj", "shelled")
    assert deps["believed"] == ("acl", "Warplanes")
    deps = _deps("Men thought to be smugglers were shot dead at the border crossing.")
    assert deps["Men"] == ("nsubjpass", "shot")
    deps = _deps("Officials believed to be close to the minister said nothing.")
    assert deps["said"] == ("ROOT", "said") and deps["Officials"] == ("nsubj", "said")
    # Nothing to repair: the hedge is the main verb, with its own object.
    deps = _deps("The rebels believed the town to be safe.")
    assert deps["believed"] == ("ROOT", "believed") and deps["rebels"] == ("nsubj", "believed")


def test_repair_keeps_sentences() -> None:
    doc = nlp.load()("Two died. Jets thought to be Iraqi bombed a bridge near Tal Afar on Friday. Nobody knew more.")
    assert [s.text for s in doc.sents] == [
        "Two died.",
        "Jets thought to be Iraqi bombed a bridge near Tal Afar on Friday.",
        "Nobody knew more.",
    ]
    assert sum(t.dep_ == "ROOT" for t in doc) == 3
