"""Typed segments from blocks: first each block alone, then by its neighbours."""

from __future__ import annotations

from trucewatch.clean import rules
from trucewatch.clean.blocks import Block, split_blocks
from trucewatch.clean.datefind import explicit_date, month_day
from trucewatch.clean.limits import bounded
from trucewatch.model import Article, Segment, SegmentKind

K = SegmentKind
#: Standfirsts are one short sentence under the headline.
MAX_STANDFIRST_CHARS = 320
MAX_HEADLINE_CHARS = 250


def segment(article: Article) -> list[Segment]:
    """Typed segments covering the article's text, in order; also stored on ``article.segments``."""
    blocks = split_blocks(article.text)
    kinds = _classify(article, blocks)
    out: list[Segment] = []
    for block, kind in zip(blocks, kinds, strict=True):
        out.extend(_emit(article, block, kind))
    out = bounded(article, out)
    article.segments = out
    return out


def _classify(article: Article, blocks: list[Block]) -> list[SegmentKind]:
    kinds: list[SegmentKind | None] = [_alone(b.text, article.source) for b in blocks]
    last_text = _last_text_index(kinds)
    # Sign-offs and boilerplate are only trusted after the last paragraph of text.
    for i, kind in enumerate(kinds):
        if kind is K.SIGNOFF and i < last_text and not _signoff_anywhere(blocks[i].text):
            kinds[i] = None
    _headline_and_standfirst(article, blocks, kinds)
    _captions_by_neighbours(blocks, kinds)
    for i, kind in enumerate(kinds):
        if kind is None:
            first_body = next((j for j, k in enumerate(kinds) if k is K.BODY), None)
            late = first_body is not None and i > first_body
            nxt = _next_text(kinds, i)
            kinds[i] = K.HEADING if late and nxt is not None and rules.is_heading(blocks[i].text) else K.BODY
    return [k if k is not None else K.BODY for k in kinds]


def _alone(text: str, source: str | None) -> SegmentKind | None:
    if rules.is_credit(text):
        return K.CREDIT
    if rules.is_caption(text):
        return K.CAPTION
    if rules.is_boilerplate(text):
        return K.BOILERPLATE
    if rules.is_signoff(text, source):
        return K.SIGNOFF
    return None


def _signoff_anywhere(text: str) -> bool:
    """Sign-offs that are unmistakable wherever they stand: "(Reporting by ...)"."""
    return rules.signoff_tail(text) == -1 and text.lstrip().startswith("(") and "reporting" in text.lower()


def _last_text_index(kinds: list[SegmentKind | None]) -> int:
    for i in range(len(kinds) - 1, -1, -1):
        if kinds[i] is None:
            return i
    return -1


def _next_text(kinds: list[SegmentKind | None], i: int) -> int | None:
    for j in range(i + 1, len(kinds)):
        if kinds[j] in (None, K.BODY):
            return j
    return None


def _headline_and_standfirst(article: Article, blocks: list[Block], kinds: list[SegmentKind | None]) -> None:
    first = next((i for i, k in enumerate(kinds) if k is None), None)
    if first is None or first > 0 and any(k is not K.BOILERPLATE for k in kinds[:first]):
        return
    text = blocks[first].text
    title = " ".join((article.title or "").split())
    is_title = bool(title) and " ".join(text.split()) == title
    if rules.dateline_end(text) and not is_title:
        return
    if not is_title and (len(text) > MAX_HEADLINE_CHARS or len(blocks) == 1):
        return
    if not is_title and rules.ends_sentence(text) and text.count(". ") > 0:
        return
    kinds[first] = K.HEADLINE
    nxt = first + 1
    if nxt < len(kinds) and kinds[nxt] is None:
        cand = blocks[nxt].text
        if (
            len(cand) <= MAX_STANDFIRST_CHARS
            and not rules.dateline_end(cand)
            and not rules.ends_sentence(cand)
        ):
            kinds[nxt] = K.STANDFIRST


def _captions_by_neighbours(blocks: list[Block], kinds: list[SegmentKind | None]) -> None:
    """Text right after a credit that states a date is a caption; failing that, a short line right before it."""
    for i, kind in enumerate(kinds):
        if kind is not K.CREDIT:
            continue
        j = i + 1
        if j < len(kinds) and kinds[j] is None and _caption_like(blocks[j].text, rules.MAX_CAPTION_CHARS):
            if rules.has_explicit_date(blocks[j].text):
                kinds[j] = K.CAPTION
        if j < len(kinds) and kinds[j] is K.CAPTION:
            continue  # the credit belongs to the caption after it
        j = i - 1
        if j >= 2 and kinds[j] is None and _caption_like(blocks[j].text, 300):
            kinds[j] = K.CAPTION


def _caption_like(text: str, limit: int) -> bool:
    return len(text) <= limit and text.count(". ") == 0


def _emit(article: Article, block: Block, kind: SegmentKind) -> list[Segment]:
    text = block.text
    if kind is K.CAPTION:
        return [Segment(K.CAPTION, block.start, block.end, text, own_date=explicit_date(text))]
    if kind is not K.BODY:
        return [Segment(kind, block.start, block.end, text)]
    out: list[Segment] = []
    start = block.start
    cut = rules.dateline_end(text)
    if cut:
        line = text[:cut].rstrip()
        out.append(
            Segment(K.DATELINE, start, start + len(line), line, own_date=month_day(line, article.published))
        )
        start += cut
    tail = rules.signoff_tail(text)
    end = block.end if tail == -1 else block.start + tail
    if end > start:
        out.append(Segment(K.BODY, start, end, article.text[start:end]))
    if tail != -1:
        s = block.start + tail
        while article.text[s].isspace():
            s += 1
        out.append(Segment(K.SIGNOFF, s, block.end, article.text[s : block.end]))
    return out
