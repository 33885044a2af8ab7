"""Size limits that keep the work per article bounded, each recorded as a note on the article.

- A body paragraph longer than ``MAX_PARAGRAPH_CHARS`` is split at sentence ends into parts of at most that
  size (a run-on text without sentence ends is cut at a space): every later stage then works on parts of a
  bounded size, so its cost grows with the article's length, not with its square.
- Text beyond ``MAX_ARTICLE_CHARS`` is kept in the article but not read (segments of kind ``overflow``).
"""

from __future__ import annotations

import re

from trucewatch.model import Article, Segment, SegmentKind

#: A real paragraph is rarely above 2,000 characters; a longer one is split before parsing.
MAX_PARAGRAPH_CHARS = 5_000
#: The text read per article (about 25,000 words; real articles are far shorter); the rest is kept, not read, and noted.
MAX_ARTICLE_CHARS = 150_000

#: A sentence end: terminal punctuation (and a closing quote or bracket), then space.
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s+")


def bounded(article: Article, segments: list[Segment]) -> list[Segment]:
    """``segments`` with long paragraphs split and the text past the article limit marked ``overflow``."""
    out: list[Segment] = []
    split = 0
    for seg in segments:
        if seg.kind is SegmentKind.BODY and len(seg.text) > MAX_PARAGRAPH_CHARS:
            parts = split_paragraph(seg)
            split += 1
            out.extend(parts)
        else:
            out.append(seg)
    notes: list[str] = []
    if split:
        notes.append(f"{split} paragraph(s) longer than {MAX_PARAGRAPH_CHARS:,} characters split at sentence ends")
    out, cut = _cap(out)
    if cut is not None:
        notes.append(
            f"truncated: text after character {cut:,} of {len(article.text):,} not read "
            f"(limit {MAX_ARTICLE_CHARS:,} characters per article)"
        )
    if notes:
        have = article.meta.setdefault("notes", [])
        have.extend(n for n in notes if n not in have)
    return out


def split_paragraph(seg: Segment, limit: int = MAX_PARAGRAPH_CHARS) -> list[Segment]:
    """Parts of ``seg`` of at most ``limit`` characters, cut after a sentence end where there is one."""
    text = seg.text
    parts: list[Segment] = []
    pos = 0
    while len(text) - pos > limit:
        window = text[pos : pos + limit]
        cut = 0
        for m in _SENTENCE_END.finditer(window):
            cut = m.end()
        if cut < limit // 4:  # no sentence end in sight: cut at the last space, else hard
            space = window.rfind(" ", limit // 4)
            cut = space + 1 if space > 0 else limit
        parts.append(_part(seg, pos, pos + cut))
        pos += cut
    parts.append(_part(seg, pos, len(text)))
    return [p for p in parts if p.text.strip()]


def _part(seg: Segment, s: int, e: int) -> Segment:
    text = seg.text
    while e > s and text[e - 1].isspace():
        e -= 1
    while s < e and text[s].isspace():
        s += 1
    return Segment(seg.kind, seg.start + s, seg.start + e, text[s:e], own_date=seg.own_date)


def _cap(segments: list[Segment]) -> tuple[list[Segment], int | None]:
    """Segments after ``MAX_ARTICLE_CHARS`` of text become ``overflow``; returns the offset of the cut."""
    out: list[Segment] = []
    cut: int | None = None
    for seg in segments:
        if cut is None and seg.end > MAX_ARTICLE_CHARS:
            cut = seg.start
        if cut is not None:
            out.append(Segment(SegmentKind.OVERFLOW, seg.start, seg.end, seg.text))
        else:
            out.append(seg)
    return out, cut
