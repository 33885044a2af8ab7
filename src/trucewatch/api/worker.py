"""Extraction of POSTed articles in a worker process, so the server keeps its interpreter for reads.

Parsing and the resolvers hold Python's interpreter lock for seconds on a long article: in a thread of the
server they slow every read it answers meanwhile. Here they run in one child process, started with ``spawn``
(a fresh interpreter: forking the server would copy the locks its other threads and DuckDB hold), which loads
the model on its first article and keeps it. The server sends an article and gets back the article, its
mentions and the events merged within it, or a ``Skip``; storing and judging stay in the server.

A worker that dies (killed, out of memory, a crash in native code) or runs past the article's time budget plus
the ``api_worker_grace`` setting is stopped; the article becomes a ``Skip`` naming the cause, and the next
article starts a fresh worker. With ``api_worker = false`` the same work runs in the calling thread.
"""

from __future__ import annotations

import multiprocessing as mp
import pickle
import signal
import threading
import traceback
from multiprocessing.connection import Connection, wait
from typing import Any

from trucewatch import budget
from trucewatch.config import Settings, settings
from trucewatch.model import Article, Event, Mention, Skip

#: Seconds a new worker may take to start and load the model before it counts as failed.
START_SECONDS = 600.0

Extracted = tuple[Article, list[Mention], list[Event]]


def extract_one(article: Article) -> Extracted | Skip:
    """One article's mentions and the events they make within it, or a skip naming the stage that failed."""
    from trucewatch import dedup, pipeline

    try:
        (out,) = pipeline.extract([article])
    except Exception as exc:  # e.g. the model is missing: a clear skip, not a server error
        return _skip(article, "extract", f"{type(exc).__name__}: {exc}", traceback.format_exc())
    if isinstance(out, Skip):
        return out
    done, mentions = out
    try:
        events = dedup.within_article(mentions, source=done.source)
    except Exception as exc:
        return _skip(done, "dedup", f"{type(exc).__name__}: {exc}", traceback.format_exc())
    return done, mentions, events


def _skip(article: Article, stage: str, reason: str, detail: str = "") -> Skip:
    return Skip(origin=article.origin or article.id, reason=reason, stage=stage, article_id=article.id,
                detail=detail)


def _main(conn: Connection, current: Settings) -> None:
    """The worker: load once, then answer one article per message until the server closes the pipe."""
    from trucewatch import config, nlp, pipeline

    config.set_current(current)
    try:
        pipeline.resources()
        nlp.load()
    except BaseException as exc:  # reported to the server, which records it with the article
        conn.send(("failed", f"{type(exc).__name__}: {exc}"))
        return
    conn.send(("ready", None))
    while True:
        try:
            article = conn.recv()
        except (EOFError, OSError):  # the server went away
            return
        if article is None:
            return
        result = extract_one(article)
        try:
            conn.send(result)
        except (pickle.PicklingError, TypeError, ValueError, AttributeError, RecursionError) as exc:  # nothing sent yet
            conn.send(_skip(article, "extract", f"the result could not be sent back: {type(exc).__name__}: {exc}"))


class Extractor:
    """``extract_one`` in a worker process (``process=True``) or in the calling thread; one article at a time."""

    def __init__(self, *, process: bool = True) -> None:
        self.process = process
        self._lock = threading.Lock()
        self._proc: Any = None
        self._conn: Connection | None = None

    @property
    def pid(self) -> int | None:
        """The worker's process id (None before the first article or after a failure)."""
        return self._proc.pid if self._proc is not None else None

    def extract(self, article: Article) -> Extracted | Skip:
        with self._lock:
            if not self.process:
                return extract_one(article)
            return self._in_worker(article)

    def _in_worker(self, article: Article) -> Extracted | Skip:
        problem = self._start()
        if problem:
            return _skip(article, "extract", problem)
        assert self._conn is not None
        limit = budget.seconds() + max(0.0, settings().api_worker_grace)
        try:
            self._conn.send(article)
        except OSError:  # the pipe broke: the worker is gone
            return _skip(article, "extract", self._stop(f"extraction worker died before it got the article{self._how()}"))
        if not wait([self._conn, self._proc.sentinel], timeout=limit):
            return _skip(article, "extract", self._stop(
                f"extraction stopped: no result after {limit:g} s (time budget plus api_worker_grace); "
                "the worker was killed and a new one starts with the next article"))
        try:
            return self._conn.recv()  # type: ignore[no-any-return]
        except (EOFError, OSError):
            return _skip(article, "extract", self._stop(f"extraction worker process died{self._how()}"))

    def _start(self) -> str:
        """Start a worker if none runs; returns what went wrong, or ''."""
        if self._proc is not None and self._proc.is_alive():
            return ""
        self._stop("")
        ctx = mp.get_context("spawn")
        parent, child = ctx.Pipe()
        proc = ctx.Process(target=_main, args=(child, settings()), name="trucewatch-extract", daemon=True)
        proc.start()
        child.close()
        self._proc, self._conn = proc, parent
        if not wait([parent, proc.sentinel], timeout=START_SECONDS):
            return self._stop(f"extraction worker did not start within {START_SECONDS:g} s")
        try:
            status, reason = parent.recv()
        except (EOFError, OSError):
            return self._stop(f"extraction worker died while starting{self._how()}")
        if status != "ready":
            return self._stop(f"extraction worker could not start: {reason}")
        return ""

    def _how(self) -> str:
        """How the worker ended, for messages (' (killed by SIGKILL)', ' (exit code 1)')."""
        if self._proc is None:
            return ""
        self._proc.join(timeout=5)
        code = self._proc.exitcode
        if code is None:
            return ""
        if code < 0:
            try:
                return f" (killed by {signal.Signals(-code).name})"
            except ValueError:
                return f" (killed by signal {-code})"
        return f" (exit code {code})"

    def _stop(self, reason: str) -> str:
        """Kill the worker (if any) and forget it; returns ``reason``."""
        proc, conn, self._proc, self._conn = self._proc, self._conn, None, None
        if proc is not None and proc.is_alive():
            proc.kill()
            proc.join(timeout=10)
        if conn is not None:
            conn.close()
        return reason

    def close(self) -> None:
        """Ask an idle worker to finish (killed if it does not within a few seconds); a busy one is killed."""
        idle = self._lock.acquire(timeout=1)
        try:
            proc, conn = self._proc, self._conn
            if idle and proc is not None and conn is not None and proc.is_alive():
                try:
                    conn.send(None)
                    proc.join(timeout=5)
                except OSError:
                    pass
            self._stop("")
        finally:
            if idle:
                self._lock.release()
