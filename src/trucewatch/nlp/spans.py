"""Entity look-ups that read only the tokens concerned.

``doc.ents`` and ``span.ents`` walk the whole document on every call; asked once per candidate or per
sentence they make a long text cost the square of its length. These read the tokens' IOB tags instead.
"""

from __future__ import annotations

from typing import Any


def entity_at(doc: Any, i: int) -> Any | None:
    """The named entity (a Span) covering token ``i``, or None."""
    tok = doc[i]
    if tok.ent_iob_ not in ("B", "I"):
        return None
    start = i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return _span(doc, start, end)


def ents_within(doc: Any, start: int, end: int) -> list[Any]:
    """Named entities lying wholly inside tokens ``start .. end`` (end exclusive), in order."""
    out = []
    i = start
    while i < end:
        if doc[i].ent_iob_ == "B":
            j = i + 1
            while j < len(doc) and doc[j].ent_iob_ == "I":
                j += 1
            if j <= end:
                out.append(_span(doc, i, j))
            i = j
        else:
            i += 1
    return out


def _span(doc: Any, start: int, end: int) -> Any:
    from spacy.tokens import Span

    tok = doc[start]
    return Span(doc, start, end, label=tok.ent_type, kb_id=tok.ent_kb_id, span_id=tok.ent_id)


def entities_touching(doc: Any, indices: set[int] | list[int]) -> list[Any]:
    """Distinct entities covering any of the token indices, in text order."""
    found: dict[int, Any] = {}
    for i in sorted(indices):
        ent = entity_at(doc, i)
        if ent is not None:
            found.setdefault(ent.start, ent)
    return [found[k] for k in sorted(found)]
