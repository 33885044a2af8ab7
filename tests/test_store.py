"""The store on both backends: DuckDB file and a real throwaway PostgreSQL server."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from pg import fresh_database, pg_server_url  # noqa: F401  (fixture)
from trucewatch.model import (
    ActorRef,
    Agreement,
    Article,
    Count,
    Event,
    EventDate,
    Evidence,
    Location,
    Mention,
    Modality,
    Party,
    Place,
    Segment,
    SegmentKind,
    Skip,
    Violation,
    ViolationStatus,
)
from trucewatch.store import EventFilter, StoreError, open_store

SRC = Path(__file__).resolve().parents[1] / "src"

# --- builders (real model classes) -----------------------------------------------------------

PLACES = {
    "idlib": Place(2, "Tell Kalb", "SY", 35.93, 36.63, admin1="Idlib Governorate", admin1_code="SY-ID"),
    "raqqa": Place(3, "Ain Sawda", "SY", 35.95, 39.01, admin1="Ar-Raqqah", admin1_code="SY-RA"),
    "mosul": Place(4, "Qarya Jadida", "IQ", 36.34, 43.13, admin1="Nineveh", admin1_code="IQ-NI"),
}


def make_article(n: int, sentences: list[str], *, source: str = "Wire A") -> Article:
    head = f"Report number {n}"
    text = head + "\n\n" + " ".join(sentences)
    art = Article(id=f"art{n}", text=text, title=head, source=source, url=f"https://example.org/{n}",
                  published=dt.date(2016, 4, 10), language="en", origin=f"/in/{n}.txt", meta={"n": n, "tags": ["x"]})
    art.segments = [Segment(SegmentKind.HEADLINE, 0, len(head), head),
                    Segment(SegmentKind.BODY, len(head) + 2, len(text), text[len(head) + 2:])]
    return art


def make_mention(art: Article, k: int, *, etype: str = "Battles", sub: str = "Armed clash",
                 place: str = "idlib", day: int = 9, killed: int | None = 3,
                 actor1: tuple[str | None, str, int] = ("syria-military", "Military Forces of Syria", 1),
                 actor2: tuple[str | None, str, int] | None = ("fsa", "JSH: Free Syrian Army", 2),
                 modality: Modality = Modality.OCCURRED, trigger: str = "clashed") -> Mention:
    body = art.segments[-1]
    s_start = body.start
    s_end = body.end
    t_start = art.text.find(trigger, s_start)
    t_start = t_start if t_start >= 0 else s_start
    t_end = t_start + len(trigger)
    p = PLACES[place]
    a1 = ActorRef(actor1[1], s_start, s_start + 5, actor_id=actor1[0], name=actor1[1], inter=actor1[2],
                  side="government", country="SY", confidence=0.9)
    a2 = (ActorRef(actor2[1], s_start + 6, s_start + 9, actor_id=actor2[0], name=actor2[1], inter=actor2[2],
                   confidence=0.8) if actor2 else None)
    loc = Location(p.name, s_start + 10, s_start + 14, place=p, geo_precision=1, where_prec=1, relation="near",
                   score=0.7, candidates=[(p.geonameid, p.name, p.country, 0.7), (99, "Other", "TR", 0.1)])
    date = EventDate("on Saturday", s_start + 15, s_start + 20, dt.date(2016, 4, day), dt.date(2016, 4, day),
                     time_precision=1, date_prec=1, resolved=True, note="weekday before publication")
    counts = [Count("killed", "combatants", killed, low=killed, high=killed, text=f"{killed} killed")] if killed else []
    ev = [Evidence("trigger", t_start, t_end, trigger, s_start, s_end, 0.9, "rule:verb"),
          Evidence("location", loc.start, loc.end, loc.text, s_start, s_end, 0.7, "gazetteer")]
    return Mention(
        event_type=etype, sub_event_type=sub, trigger=trigger, actor1=a1, actor2=a2, location=loc, date=date,
        counts=counts, modality=modality, attributed_to="a monitor" if modality != Modality.OCCURRED else None,
        cameo="190", plover="ASSAULT", plover_mode="firearms", weapon="rifles", confidence=0.75, evidence=ev,
        id=Mention.make_id(art.id, t_start + k, t_end + k), article_id=art.id, segment=SegmentKind.BODY,
        sentence=art.text[s_start:s_end], sentence_start=s_start, sentence_end=s_end,
        trigger_start=t_start + k, trigger_end=t_end + k,
    )


def make_event(eid: str, mentions: list[Mention], sources: list[str]) -> Event:
    m = mentions[0]
    return Event(
        event_type=m.event_type, sub_event_type=m.sub_event_type, trigger=m.trigger, actor1=m.actor1,
        actor2=m.actor2, location=m.location, date=m.date, counts=list(m.counts), modality=m.modality,
        attributed_to=m.attributed_to, cameo=m.cameo, plover=m.plover, plover_mode=m.plover_mode,
        weapon=m.weapon, confidence=m.confidence, evidence=list(m.evidence), id=eid,
        mention_ids=[x.id for x in mentions], article_ids=sorted({x.article_id for x in mentions}),
        sources=sources, merges=[{"date": 1.0, "place": 0.9}] if len(mentions) > 1 else [],
    )


def one(n: int, **kw: object) -> tuple[Article, list[Mention], list[Event]]:
    """An article with one mention and its event."""
    art = make_article(n, [f"Troops clashed with fighters near the town (report {n})."],
                       source=str(kw.pop("source", "Wire A")))
    m = make_mention(art, 0, **kw)  # type: ignore[arg-type]
    return art, [m], [make_event(f"ev{n}", [m], [art.source or ""])]


# --- fixtures --------------------------------------------------------------------------------


@pytest.fixture(params=["duckdb", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "duckdb":
        return str(tmp_path / "store.duckdb")
    return fresh_database(request.getfixturevalue("pg_server_url"))


@pytest.fixture
def store(store_url: str) -> Iterator[object]:
    st = open_store(store_url)
    yield st
    st.close()


# --- round trips and idempotence -----------------------------------------------------------------


def test_write_article_round_trips_every_object(store) -> None:
    art, mentions, events = one(1)
    store.write_article(art, mentions, events)
    assert store.has_article(art.hash)
    assert store.article(art.id) == art
    assert store.event("ev1") == events[0]
    assert store.mentions(article_id=art.id) == mentions
    assert store.mentions(event_id="ev1") == mentions
    assert store.article("nope") is None and store.event("nope") is None
    stats = store.stats()
    assert stats["articles"] == 1 and stats["segments"] == 2 and stats["mentions"] == 1
    assert stats["evidence"] == 2 and stats["events"] == 1 and stats["event_mentions"] == 1


def test_reingesting_the_same_article_adds_nothing(store) -> None:
    art, mentions, events = one(1)
    store.write_article(art, mentions, events)
    before = store.stats()
    again, m2, e2 = one(1)
    store.write_article(again, m2, e2)
    assert store.stats() == before


def test_same_id_different_text_is_refused_and_rolled_back(store) -> None:
    art, mentions, events = one(1)
    store.write_article(art, mentions, events)
    other, m2, e2 = one(2)
    other.id = art.id
    with pytest.raises(StoreError, match="different text"):
        store.write_article(other, m2, e2)
    assert store.stats()["articles"] == 1 and store.stats()["mentions"] == 1


def test_failed_write_leaves_nothing_of_the_article(store) -> None:
    art, mentions, events = one(1)
    dup = [mentions[0], mentions[0]]  # duplicate primary key fails half-way through
    with pytest.raises(StoreError, match="could not store article 'art1'"):
        store.write_article(art, dup, events)
    assert not store.has_article(art.hash)
    assert all(n == 0 for n in store.stats().values())
    store.write_article(art, mentions, events)  # the connection is usable afterwards
    assert store.stats()["articles"] == 1


def test_merge_upserts_and_removes_events(store) -> None:
    a1, m1, e1 = one(1)
    a2, m2, e2 = one(2)
    store.write_article(a1, m1, e1)
    store.write_article(a2, m2, e2)
    a3, m3, _ = one(3, source="Wire B")
    merged = make_event("ev1", m1 + m2 + m3, ["Wire A", "Wire A", "Wire B"])
    store.write_article(a3, m3, [merged], removed_event_ids=["ev2"])
    assert store.event("ev2") is None
    got = store.event("ev1")
    assert got == merged and got.num_mentions == 3 and got.num_sources == 2
    assert {m.id for m in store.mentions(event_id="ev1")} == {m1[0].id, m2[0].id, m3[0].id}
    assert store.stats()["event_mentions"] == 3
    assert all(v == 0 for v in store.check().values())


def test_replace_events_for_a_split(store) -> None:
    a1, m1, _ = one(1)
    a2, m2, _ = one(2)
    both = make_event("ev1", m1 + m2, ["Wire A"])
    store.write_article(a1, m1, [])
    store.write_article(a2, m2, [both])
    kept, moved = make_event("ev1", m1, ["Wire A"]), make_event("ev9", m2, ["Wire A"])
    store.replace_events(["ev1"], [kept, moved])
    assert [m.id for m in store.mentions(event_id="ev1")] == [m1[0].id]
    assert [m.id for m in store.mentions(event_id="ev9")] == [m2[0].id]
    assert store.count_events() == 2


def test_splits_are_unordered_pairs(store) -> None:
    store.add_splits([("b", "a"), ("a", "b"), ("c", "d")])
    store.add_splits([("a", "b")])
    assert store.splits() == {frozenset({"a", "b"}), frozenset({"c", "d"})}
    assert store.stats()["splits"] == 2


def test_skips_are_recorded(store) -> None:
    store.add_skip(Skip("/in/empty.txt", "empty file"))
    store.add_skip(Skip("/in/x.html", "ValueError: bad", stage="nlp", article_id="x"))
    assert store.skips() == [Skip("/in/empty.txt", "empty file"), Skip("/in/x.html", "ValueError: bad", "nlp", "x")]


# --- queries ---------------------------------------------------------------------------------


def _corpus(store) -> None:
    rows = [
        one(1, day=2, place="idlib", killed=3),
        one(2, day=5, place="raqqa", killed=12, etype="Explosions/Remote violence", sub="Air/drone strike",
            actor1=("russia-military", "Military Forces of Russia", 8), actor2=("isis", "Islamic State", 2),
            trigger="report", source="Agency Two"),
        one(3, day=9, place="mosul", killed=None, etype="Violence against civilians", sub="Attack",
            actor1=(None, "Unidentified Armed Group (Iraq)", 3), actor2=(None, "Civilians (Iraq)", 7),
            modality=Modality.CLAIMED),
        one(4, day=20, place="idlib", killed=1, modality=Modality.DENIED),
    ]
    for art, mentions, events in rows:
        store.write_article(art, mentions, events)


def _ids(evs: list[Event]) -> list[str]:
    return [e.id for e in evs]


def test_event_filters(store) -> None:
    _corpus(store)
    f = EventFilter
    assert _ids(store.events()) == ["ev1", "ev2", "ev3", "ev4"]
    assert _ids(store.events(f(date_from=dt.date(2016, 4, 5), date_to=dt.date(2016, 4, 9)))) == ["ev2", "ev3"]
    assert _ids(store.events(f(country="sy"))) == ["ev1", "ev2", "ev4"]
    assert _ids(store.events(f(admin1="SY-ID"))) == ["ev1", "ev4"]
    assert _ids(store.events(f(admin1="idlib governorate"))) == ["ev1", "ev4"]
    assert _ids(store.events(f(event_type="Explosions/Remote violence"))) == ["ev2"]
    assert _ids(store.events(f(sub_event_type="Attack"))) == ["ev3"]
    assert _ids(store.events(f(actor="isis"))) == ["ev2"]
    assert _ids(store.events(f(actor="civilians ("))) == ["ev3"]
    assert _ids(store.events(f(actor="100%"))) == []  # % is literal, not a wildcard
    assert _ids(store.events(f(modality="denied"))) == ["ev4"]
    assert _ids(store.events(f(bbox=(38.0, 35.0, 44.0, 37.0)))) == ["ev2", "ev3"]
    assert _ids(store.events(f(bbox=(170.0, 35.0, 37.0, 37.0)))) == ["ev1", "ev4"]  # across the antimeridian
    assert _ids(store.events(f(source="agency"))) == ["ev2"]
    assert _ids(store.events(f(source="two"))) == ["ev2"]
    assert _ids(store.events(f(q="REPORT 3"))) == ["ev3"]  # sentence text
    assert _ids(store.events(f(country="SY", modality="occurred"))) == ["ev1", "ev2"]
    assert store.count_events(f(country="SY")) == 3


def test_order_limit_offset(store) -> None:
    _corpus(store)
    assert _ids(store.events(order="-date")) == ["ev4", "ev3", "ev2", "ev1"]
    assert _ids(store.events(order="fatalities")) == ["ev2", "ev1", "ev4", "ev3"]
    assert _ids(store.events(limit=2, offset=1)) == ["ev2", "ev3"]
    with pytest.raises(ValueError, match="order"):
        store.events(order="random")


def test_candidate_events_for_blocking(store) -> None:
    _corpus(store)
    got = store.candidate_events(dt.date(2016, 4, 1), dt.date(2016, 4, 6), {"SY"}, None)
    assert _ids(got) == ["ev1", "ev2"]
    got = store.candidate_events(dt.date(2016, 4, 1), dt.date(2016, 4, 30), {"TR"}, (43.0, 36.0, 44.0, 37.0))
    assert _ids(got) == ["ev3"]
    assert store.candidate_events(dt.date(2017, 1, 1), dt.date(2017, 1, 2), {"SY"}, None) == []


def test_agreements_and_judgements(store) -> None:
    _corpus(store)
    tz = dt.timezone(dt.timedelta(hours=2))
    agr = Agreement("coh-2016", "Cessation of hostilities", dt.datetime(2016, 2, 27, 0, 0, tzinfo=tz),
                    brokers=("US", "RU"), parties=(Party("Government", sides=("government",)),
                                                   Party("Opposition", actors=("fsa",), sides=("opposition",))),
                    excluded=("isis", "nusra"), countries=("SY",), polygon={"type": "Point", "coordinates": [1, 2]},
                    violating_types=("Battles",))
    store.save_agreement(agr)
    store.save_agreement(agr)
    assert store.agreements() == [agr] and store.agreement("coh-2016") == agr
    assert store.agreement("none") is None
    v1 = Violation("ev1", "coh-2016", ViolationStatus.VIOLATION, "party attacked party", violator="Government",
                   against="Opposition", date=dt.date(2016, 4, 2), country="SY", admin1="SY-ID", fatalities=3)
    v2 = Violation("ev2", "coh-2016", ViolationStatus.NOT_VIOLATION, "target excluded", date=dt.date(2016, 4, 5))
    store.save_violations([v1, v2])
    v1b = Violation("ev1", "coh-2016", ViolationStatus.ALLEGED, "re-judged", date=dt.date(2016, 4, 2))
    store.save_violations([v1b])
    assert store.violations("coh-2016") == [v1b, v2]
    assert store.violations_for_event("ev1") == [v1b]
    assert store.violations_for_events(["ev2", "ev1", "ev9"]) == {"ev2": [v2], "ev1": [v1b], "ev9": []}
    assert store.violations("other") == []
    assert _ids(store.events(EventFilter(agreement="coh-2016", status="alleged"))) == ["ev1"]
    assert _ids(store.events(EventFilter(status="not_violation"))) == ["ev2"]
    assert _ids(store.events(EventFilter(agreement="other"))) == []


def test_reopen_keeps_everything(store_url: str) -> None:
    with open_store(store_url) as st:
        _corpus(st)
        before = st.stats()
    with open_store(store_url) as st:
        assert st.stats() == before
        assert _ids(st.events()) == ["ev1", "ev2", "ev3", "ev4"]


# --- processes ---------------------------------------------------------------------------------

_WRITER = textwrap.dedent("""
    import os, signal, sys
    sys.path[:0] = [{tests!r}, {src!r}]
    from test_store import make_article, make_mention, make_event
    from trucewatch.store import open_store
    from trucewatch.store.sql import SqlStore

    url, die_at = sys.argv[1], int(sys.argv[2])
    st = open_store(url)
    real = SqlStore._upsert_events

    def upsert(self, events):
        if events and events[0].id == f"ev{{die_at}}":  # mid-transaction: mentions written, events not yet
            os.kill(os.getpid(), signal.SIGKILL)
        real(self, events)

    type(st)._upsert_events = upsert
    for n in range(1, 100):
        art = make_article(n, [f"Troops clashed near the town in report {{n}}."] * 20)
        ms = [make_mention(art, k) for k in range(30)]
        st.write_article(art, ms, [make_event(f"ev{{n}}", ms, ["Wire A"])])
        print(n, flush=True)
""")


def _writer(tmp_path: Path) -> Path:
    script = tmp_path / "writer.py"
    script.write_text(_WRITER.format(tests=str(Path(__file__).parent), src=str(SRC)))
    return script


def test_killed_run_leaves_whole_articles(store_url: str, tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, str(_writer(tmp_path)), store_url, "4"], capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    assert proc.stdout.split() == ["1", "2", "3"]
    with open_store(store_url) as st:
        assert st.check() == dict.fromkeys(st.check(), 0)
        stats = st.stats()
        assert stats["articles"] == 3 and stats["mentions"] == 90 and stats["events"] == 3
        assert stats["event_mentions"] == 90 and stats["evidence"] == 180
        assert st.article("art4") is None


def test_killed_from_outside_at_a_random_moment(store_url: str, tmp_path: Path) -> None:
    proc = subprocess.Popen([sys.executable, str(_writer(tmp_path)), store_url, "0"], stdout=subprocess.PIPE,
                            text=True)
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.strip() == "5":
            break
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    with open_store(store_url) as st:
        assert st.check() == dict.fromkeys(st.check(), 0)
        stats = st.stats()
        n = stats["articles"]
        assert n >= 5
        assert stats["mentions"] == 30 * n and stats["events"] == n and stats["event_mentions"] == 30 * n


def test_duckdb_file_held_by_another_process_gives_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "held.duckdb"
    holder = subprocess.Popen(
        [sys.executable, "-c", f"import sys; sys.path.insert(0, {str(SRC)!r}); from trucewatch.store import "
         f"open_store; s = open_store({str(path)!r}); print('ok', flush=True); sys.stdin.read()"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ok"
        with pytest.raises(StoreError, match="another process"):
            open_store(path)
    finally:
        holder.communicate("", timeout=30)
    with open_store(path) as st:  # released when the other process closed it
        assert st.stats()["articles"] == 0


def test_source_filter_also_reads_the_articles_outlet(store) -> None:
    art, mentions, _ = one(9, source="Outlet Zeta")
    store.write_article(art, mentions, [make_event("ev9", mentions, ["art9"])])  # sources without outlet names
    assert _ids(store.events(EventFilter(source="outlet zeta"))) == ["ev9"]
    assert _ids(store.events(EventFilter(source="outlet eta"))) == []
