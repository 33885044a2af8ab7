"""The one place where stages run in sequence.

``ingest -> clean -> nlp -> (actors, places, dates, casualties) -> events -> dedup -> store -> ceasefire``

Each article is processed on its own inside a batch: a failure in any stage becomes a recorded
``Skip`` for that article and the batch goes on. A batch's rows are written in one store
transaction, so a killed run leaves whole articles or nothing.
"""

from __future__ import annotations

import logging
import time
import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from trucewatch import actors, casualties, clean, dates, dedup, events, nlp, places, rules
from trucewatch.budget import article_budget, checkpoint
from trucewatch.config import settings
from trucewatch.model import Annotations, Article, Event, Mention, ParsedSegment, Skip

if TYPE_CHECKING:
    from trucewatch.model import Agreement
    from trucewatch.store import Store
    from trucewatch.store.batch import Batch

log = logging.getLogger(__name__)


@dataclass
class RunStats:
    """What one run did, for the summary line and the benchmarks."""

    inputs: int = 0
    articles: int = 0  # newly processed
    duplicates: int = 0  # already in the store (same content hash)
    skipped: int = 0
    mentions: int = 0
    events_new: int = 0
    events_merged: int = 0
    words: int = 0
    seconds: float = 0.0
    skips: list[Skip] = field(default_factory=list)
    changed_event_ids: set[str] = field(default_factory=set)  # events written or updated in this run

    @property
    def words_per_second(self) -> float:
        return self.words / self.seconds if self.seconds else 0.0


@dataclass
class Resources:
    """Dictionaries and models, loaded once per process and shared by every article."""

    dictionary: Any
    gazetteer: Any
    triggers: Any

    @classmethod
    def load(cls) -> Resources:
        rules.check_names(settings().rules_off)  # a mistyped rule name fails here, not silently
        return cls(
            dictionary=actors.load_dictionary(),
            gazetteer=places.load_gazetteer(),
            triggers=events.load_triggers(),
        )


_resources: Resources | None = None


def resources() -> Resources:
    global _resources
    if _resources is None:
        _resources = Resources.load()
    return _resources


def forget_resources() -> None:
    """Load the resources again on next use (they were loaded under other settings)."""
    global _resources
    _resources = None


def analyse(article: Article, parsed: list[ParsedSegment], res: Resources) -> list[Mention]:
    """Resolvers and event extraction for one parsed article (under the caller's time budget, if any)."""
    ann = Annotations(actors=actors.annotate(article, parsed, res.dictionary))
    checkpoint("actors")
    ann.locations = places.annotate(article, parsed, res.gazetteer)
    checkpoint("places")
    ann.dates = dates.annotate(article, parsed)
    checkpoint("dates")
    ann.counts = casualties.annotate(article, parsed)
    checkpoint("casualties")
    return events.extract(article, parsed, ann, res.triggers, res.dictionary)


def extract(
    items: Iterable[Article | Skip],
    *,
    batch_size: int = 32,
    res: Resources | None = None,
    workers: int = 1,
) -> Iterator[tuple[Article, list[Mention]] | Skip]:
    """Articles (or skips) in, (article, mentions) or skips out, in input order. No store involved.

    With ``workers > 1`` batches are processed by that many processes (each loads the model once);
    results still come back in input order.
    """
    if workers > 1:
        yield from _extract_parallel(items, batch_size, workers)
        return
    res = res or resources()
    for batch in _batches(items, batch_size):
        if isinstance(batch, Skip):
            yield batch
        else:
            yield from _run_batch(batch, res)


def _batches(items: Iterable[Article | Skip], size: int) -> Iterator[list[Article] | Skip]:
    batch: list[Article] = []
    for item in items:
        if isinstance(item, Skip):
            if batch:
                yield batch
                batch = []
            yield item
            continue
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _worker_init(current: Any = None) -> None:
    if current is not None:  # a spawned worker gets the parent's settings (--config) with its arguments
        from trucewatch import config

        config.set_current(current)
    resources()


def _worker_batch(batch: list[Article] | Skip, local: bool = False) -> list[Any]:
    """One batch in a worker: its outputs, or with ``local`` (output, its events within the article) pairs."""
    if isinstance(batch, Skip):
        return [(batch, None) if local else batch]
    # Mentions and articles are plain data; spaCy objects stay in the worker.
    outs = list(_run_batch(batch, resources()))
    return [(out, _local_events(out)) for out in outs] if local else outs


def _local_events(out: tuple[Article, list[Mention]] | Skip) -> list[Event] | None:
    """``dedup.within_article`` of one output (None for a skip, or when it fails: the store path then
    computes it again and records the failure as the article's skip)."""
    if isinstance(out, Skip):
        return None
    try:
        return dedup.within_article(out[1], source=out[0].source)
    except Exception:
        return None


#: Articles per task of ``run``'s extraction workers.
WORKER_BATCH = 8


def _extract_parallel(
    items: Iterable[Article | Skip], batch_size: int, workers: int, local: bool = False
) -> Iterator[Any]:
    """Batches to ``workers`` processes, results in input order. At most ``4 * workers`` batches are in
    flight: the workers always have the next batch while this process writes, and inputs are read (and
    checked against the store) here, only as fast as the workers take them."""
    import multiprocessing as mp
    from collections import deque

    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
    if ctx.get_start_method() == "fork":  # load once here; forked workers share it instead of loading it again
        nlp.load()
        resources()
    from trucewatch.config import settings

    with ctx.Pool(workers, initializer=_worker_init, initargs=(settings(),)) as pool:
        batches = _batches(items, batch_size)
        pending: deque[Any] = deque()

        def submit() -> bool:
            for batch in batches:
                if isinstance(batch, Skip):  # nothing to extract: no round trip through a worker
                    pending.append(_worker_batch(batch, local))
                    continue
                pending.append(pool.apply_async(_worker_batch, (batch, local)))
                return True
            return False

        while len(pending) < 4 * workers and submit():
            pass
        while pending:
            head = pending.popleft()
            results = head if isinstance(head, list) else head.get()
            while len(pending) < 4 * workers and submit():
                pass
            yield from results


def _run_batch(batch: list[Article], res: Resources) -> Iterator[tuple[Article, list[Mention]] | Skip]:
    if not batch:
        return
    ready: list[Article] = []
    for article in batch:
        try:
            clean.segment(article)
            ready.append(article)
        except Exception as exc:  # one article's failure must not end the batch
            yield _skip(article, "clean", exc)
    try:
        parsed_all = list(nlp.parse(ready))
    except nlp.ModelMissing:
        raise
    except Exception:
        # Isolate the article that breaks the parser.
        parsed_all = []
        for article in ready:
            try:
                parsed_all.extend(nlp.parse([article]))
            except Exception as exc:
                yield _skip(article, "nlp", exc)
    for article, parsed in parsed_all:
        try:
            with article_budget():
                mentions = analyse(article, parsed, res)
        except Exception as exc:
            yield _skip(article, "extract", exc)
            continue
        yield article, mentions


def _skip(article: Article, stage: str, exc: BaseException) -> Skip:
    detail = "".join(traceback.format_exception(exc))
    log.warning("article %s failed in %s: %s", article.id, stage, exc)
    log.debug("%s", detail)
    return Skip(
        origin=article.origin or article.id,
        reason=f"{type(exc).__name__}: {exc}",
        stage=stage,
        article_id=article.id,
        detail=detail,
    )


def merge_into_store(store: Store, article: Article, mentions: list[Mention]) -> tuple[int, int]:
    """Deduplicate one article's mentions against the store and write everything in one transaction.

    Returns (new events, events merged into existing ones).
    """
    new, merged, _ids = _merge(store, article, mentions)
    return new, merged


def merge_article(
    store: Store, article: Article, mentions: list[Mention], *, local: list[Event] | None = None
) -> tuple[int, int, list[str]]:
    """``merge_into_store`` that also returns the ids of the events written (to judge only those).

    ``local``: the article's events merged within it, when already made (the API's extraction worker does it).
    """
    return _merge(store, article, mentions, local)


def _merge(
    target: Store | Batch, article: Article, mentions: list[Mention], local: list[Event] | None = None
) -> tuple[int, int, list[str]]:
    """``merge_into_store`` on a store or a store batch; also returns the ids of the events written."""
    if local is None:
        local = dedup.within_article(mentions, source=article.source)
    candidates: dict[str, Event] = {}
    for block in _blocks(local):
        for cand in target.candidate_events(*block):
            candidates[cand.id] = cand
    result = dedup.merge(local, list(candidates.values()), target.splits())
    target.write_article(article, mentions, result.events, removed_event_ids=result.removed)
    merged = sum(1 for d in result.decisions if d.get("merged"))
    return len(result.events) - merged, merged, [ev.id for ev in result.events]


def _blocks(local: list[Event]) -> list[tuple[Any, ...]]:
    """The dedup blocks of an article's events, as ``candidate_events`` arguments."""
    out = []
    for ev in local:
        block = dedup.blocking_key(ev)
        if block is not None:
            out.append((block.first, block.last, block.countries, block.bbox))
    return out


def run(
    items: Iterable[Article | Skip],
    store: Store,
    *,
    progress: Callable[[int], None] | None = None,
    batch_size: int = 32,
    workers: int = 1,
) -> RunStats:
    """Process inputs into the store. Already-stored articles (same content hash) are counted, not redone.

    Extraction may run in ``workers`` processes; this process alone writes to the store, one transaction
    per batch of ``batch_size`` articles (see ``store_batch``). ``RunStats.changed_event_ids`` lists the
    events written, for ``judge_events``.
    """
    stats = RunStats()
    started = time.perf_counter()

    def fresh() -> Iterator[Article | Skip]:
        for item in items:
            stats.inputs += 1
            if progress:
                progress(1)
            if isinstance(item, Article) and store.has_article(item.hash):
                stats.duplicates += 1
                continue
            yield item

    # With workers, they also group each article's mentions into events (dedup.within_article), so this
    # process, the only writer, does no more than merging and writing.
    if workers > 1:  # small batches for the workers, so none waits long for the last one (writes stay batched)
        small = max(1, min(batch_size, WORKER_BATCH))
        extracted: Iterable[Any] = _extract_parallel(fresh(), small, workers, local=True)
    else:
        extracted = ((out, None) for out in extract(fresh(), batch_size=batch_size))
    pending: list[tuple[Article, list[Mention]] | Skip] = []
    local: list[list[Event] | None] = []
    for out, evs in extracted:
        pending.append(out)
        local.append(evs)
        if len(pending) >= batch_size:
            store_batch(store, pending, stats, local)
            pending, local = [], []
    store_batch(store, pending, stats, local)
    stats.seconds = time.perf_counter() - started
    return stats


def store_batch(
    store: Store, outputs: list[tuple[Article, list[Mention]] | Skip], stats: RunStats,
    local: list[list[Event] | None] | None = None,
) -> None:
    """Deduplicate and write a batch of extracted articles in one store transaction.

    Articles of the batch are deduplicated against each other as if written one by one. When the batch
    cannot be written as a whole, its articles are written one transaction each, so one bad article
    becomes a skip and the others are kept. ``local``, aligned with ``outputs``, may hold each article's
    events within the article, already computed (None: computed here).
    """
    from trucewatch.store.batch import BatchFailed

    batch = store.batch()
    work: list[tuple[Article, list[Mention], list[Event] | None]] = []
    blocks: list[tuple[Any, ...]] = []
    for i, out in enumerate(outputs):
        if isinstance(out, Skip):
            _record_skip(store, stats, out)
            continue
        article, mentions = out
        evs = local[i] if local is not None else None
        try:
            if evs is None:
                evs = dedup.within_article(mentions, source=article.source)
            blocks += _blocks(evs)
        except Exception:
            evs = None  # fails again in _merge below, where it becomes this article's skip
        work.append((article, mentions, evs))
    # One query for the whole batch: which articles are stored, and the stored events of every block.
    try:
        batch.preload([a for a, _m, _l in work], blocks)
    except Exception as exc:  # the batch then asks per article, and a store error becomes that article's skip
        log.warning("could not preload the batch: %s", exc)
    done: list[tuple[Article, list[Mention], int, int]] = []
    for article, mentions, evs in work:
        if batch.has_article(article.hash):  # the same text twice in one batch
            stats.duplicates += 1
            continue
        try:
            new, merged, _ids = _merge(batch, article, mentions, evs)
        except Exception as exc:
            _record_skip(store, stats, _skip(article, "store", exc))
            continue
        done.append((article, mentions, new, merged))
    try:
        batch.flush()
    except BatchFailed as exc:
        log.warning("%s; writing its articles one by one", exc)
        for article, mentions, _new, _merged in done:
            try:
                new, merged, ids = _merge(store, article, mentions)
            except Exception as exc:
                _record_skip(store, stats, _skip(article, "store", exc))
                continue
            stats.changed_event_ids.update(ids)
            count_article(stats, article, mentions, new, merged)
        return
    stats.changed_event_ids.update(batch.changed_event_ids())
    for article, mentions, new, merged in done:
        count_article(stats, article, mentions, new, merged)


def _record_skip(store: Store, stats: RunStats, skip: Skip) -> None:
    stats.skipped += 1
    stats.skips.append(skip)
    store.add_skip(skip)


def count_article(stats: RunStats, article: Article, mentions: list[Mention], new: int = 0, merged: int = 0) -> None:
    """Add one stored article to the run's figures."""
    stats.articles += 1
    stats.words += len(article.text.split())
    stats.mentions += len(mentions)
    stats.events_new += new
    stats.events_merged += merged


# --- ceasefires and corrections ---------------------------------------------------------


def all_agreements(store: Store) -> list[Agreement]:
    """Agreements shipped with the package, overridden by those added to the store (same id)."""
    from trucewatch import ceasefire

    found = {a.id: a for a in ceasefire.load_agreements()}
    for a in store.agreements():
        found[a.id] = a
    return sorted(found.values(), key=lambda a: a.start)


def _actor_table(res: Resources | None = None) -> dict[str, Any]:
    """Actor id -> Actor (the judge follows parents and sides); needs only the dictionary, not the model."""
    dictionary = res.dictionary if res is not None else actors.load_dictionary()
    return {a.id: a for a in dictionary.actors()}


def judge_all(store: Store, *, res: Resources | None = None) -> int:
    """Judge every stored event against every agreement; returns the number of judgements written."""
    return _judge(store, store.events(), res)


def judge_events(store: Store, event_ids: Iterable[str], *, res: Resources | None = None) -> int:
    """Judge only the given events (those an ingest wrote or changed) against every agreement.

    Nothing to judge costs nothing: no store scan, no ceasefire import. Events absorbed into others lost
    their judgements when the store removed them.
    """
    ids = sorted(set(event_ids))
    if not ids:
        return 0
    return _judge(store, store.events_by_ids(ids), res)


def _judge(store: Store, evs: list[Event], res: Resources | None) -> int:
    """Judge ``evs`` against every agreement and save the verdicts; returns how many were written."""
    from trucewatch import ceasefire

    table = _actor_table(res)
    written = 0
    for agreement in all_agreements(store):
        verdicts = [ceasefire.judge(ev, agreement, table) for ev in evs]
        store.save_violations(verdicts)
        written += len(verdicts)
    return written


def monitor(store: Store, agreement_id: str, *, as_of: Any = None) -> Any:
    """The status of one agreement over the stored events (see ceasefire.status)."""
    from trucewatch import ceasefire

    by_id = {a.id: a for a in all_agreements(store)}
    if agreement_id not in by_id:
        known = ", ".join(sorted(by_id)) or "none"
        raise KeyError(f"no agreement {agreement_id!r} (known: {known})")
    agreement = by_id[agreement_id]
    table = _actor_table()
    evs = store.events()
    verdicts = store.violations(agreement_id)
    if not verdicts:  # judged here, not saved: the store may be open read-only
        verdicts = [ceasefire.judge(ev, agreement, table) for ev in evs]
    return ceasefire.status(agreement, evs, verdicts, as_of, actors=table)


def write_monitor_report(store: Store, result: Any, path: Any, *, pdf: bool = False) -> list[Any]:
    """HTML report (and a PDF next to it) for a monitor result."""
    from pathlib import Path

    from trucewatch import ceasefire

    html_path = Path(path)
    html_path.parent.mkdir(parents=True, exist_ok=True)
    pdf_path = html_path.with_suffix(".pdf") if pdf else None
    return ceasefire.write_report(result, html_path, pdf=pdf_path, sources=report_sources(store, result))


def report_sources(store: Store, result: Any) -> dict[str, list[dict[str, Any]]]:
    """Event id -> the articles behind it (outlet, title, date, URL), for the report's event list."""
    frame = result.tables.get("events")
    wanted = set(frame["event_id"]) if frame is not None else set()
    evs = [ev for ev in store.events() if ev.id in wanted]
    refs = store.article_refs(a for ev in evs for a in ev.article_ids)
    return {ev.id: [{"article_id": a, **refs[a]} for a in dict.fromkeys(ev.article_ids) if a in refs]
            for ev in evs}


def split_event(store: Store, event_id: str, mention_ids: list[str]) -> tuple[Event, Event]:
    """Move mentions out of an event into a new one; the pair is remembered as cannot-link."""
    ev = store.event(event_id)
    if ev is None:
        raise KeyError(f"no event {event_id!r}")
    unknown = [m for m in mention_ids if m not in ev.mention_ids]
    if unknown:
        raise ValueError(f"mention(s) not in {event_id}: {', '.join(unknown)}")
    if len(set(mention_ids)) >= len(ev.mention_ids):
        raise ValueError("cannot move every mention out of an event")
    mentions = store.mentions(event_id=event_id)
    kept, moved = dedup.split(ev, mention_ids, mentions)
    pairs = [(a, b) for a in kept.mention_ids for b in moved.mention_ids]
    store.add_splits(pairs)
    store.replace_events([event_id], [kept, moved])
    return kept, moved
