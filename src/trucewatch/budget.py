"""A time budget per article: work on one article that runs past it stops with ``OverBudget``.

The pipeline opens a budget around each article (``article_budget``); the long loops of the stages call
``checkpoint(stage)``, which costs a clock read and raises once the deadline has passed. The pipeline records
the article as a skip with the reason, and the batch goes on. Outside a budget ``checkpoint`` does nothing.
"""

from __future__ import annotations

import contextlib
import contextvars
import time
from collections.abc import Iterator

from trucewatch.config import Settings, settings

#: Seconds of extraction one article may take by default (the setting ``article_seconds`` overrides).
ARTICLE_SECONDS: float = Settings.article_seconds

_deadline: contextvars.ContextVar[tuple[float, float] | None] = contextvars.ContextVar("deadline", default=None)


class OverBudget(RuntimeError):
    """The article's time budget ran out."""


def seconds() -> float:
    """The budget per article in seconds: the setting ``article_seconds`` (``ARTICLE_SECONDS`` when not
    positive)."""
    value = settings().article_seconds
    return value if value > 0 else ARTICLE_SECONDS


@contextlib.contextmanager
def article_budget(limit: float | None = None) -> Iterator[None]:
    """Run the block under a budget of ``limit`` seconds (default: ``seconds()``)."""
    limit = seconds() if limit is None else limit
    token = _deadline.set((time.monotonic() + limit, limit))
    try:
        yield
    finally:
        _deadline.reset(token)


def checkpoint(stage: str) -> None:
    """Raise ``OverBudget`` when the current article's budget has run out."""
    found = _deadline.get()
    if found is not None and time.monotonic() > found[0]:
        raise OverBudget(f"time budget of {found[1]:g} s per article exceeded (in {stage})")
