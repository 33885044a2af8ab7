"""Dedup: within-article merging, incremental cross-article merging with recorded scores, look-alikes kept
apart, user splits remembered, blocking, and the clustering metrics. All events are built by hand."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from trucewatch import dedup
from trucewatch.dedup import metrics
from trucewatch.model import (
    ActorRef,
    Count,
    Event,
    EventDate,
    Evidence,
    Location,
    Mention,
    Modality,
    Place,
    SegmentKind,
)

D = dt.date(2016, 4, 19)
# Synthetic places: two towns 6 km apart, a second gazetteer entry 0.4 km from the first, a province.
TOWN_A = Place(101, "Kafr Alpha", "SY", 35.650, 36.680, admin1="Idlib")
TOWN_A2 = Place(102, "Kafr Alpha Camp", "SY", 35.653, 36.683, admin1="Idlib")
TOWN_B = Place(103, "Tell Beta", "SY", 35.700, 36.700, admin1="Idlib")
TOWN_FAR = Place(104, "Ain Gamma", "SY", 36.200, 37.150, admin1="Aleppo")
PROVINCE = Place(105, "Idleb Governorate", "SY", 35.800, 36.600, "A", "ADM1", admin1="Idleb")
ABROAD = Place(106, "Delta", "TR", 35.660, 36.690, admin1="Hatay")

GOV = ActorRef(
    "government warplanes", 0, 0, "syria-military", "Military Forces of Syria", 1, "government", "SY"
)
RUS = ActorRef("Russian jets", 0, 0, "russia-military", "Military Forces of Russia", 8, "government", "RU")
REBELS = ActorRef("rebels", 0, 0, "syria-opposition", "Opposition Rebels (Syria)", 2, "opposition", "SY")
CIVILIANS = ActorRef("civilians", 0, 0, None, "Civilians (Syria)", 7, "civilian", "SY")

_ids = itertools.count()


def loc(place: Place | None, precision: int = 1) -> Location | None:
    return (
        None if place is None else Location(place.name, 0, 0, place=place, geo_precision=precision, score=0.9)
    )


def day(d: dt.date | None, last: dt.date | None = None, precision: int = 1) -> EventDate | None:
    if d is None:
        return None
    return EventDate(d.isoformat(), 0, 0, d, last or d, precision, 1, resolved=True)


def killed(n: int, cumulative: bool = False) -> Count:
    return Count("killed", "civilians", n, qualifier="at_least", cumulative=cumulative, text=f"{n} killed")


def mention(
    article: str,
    start: int,
    sentence: str,
    *,
    sub: str = "Air/drone strike",
    typ: str = "Explosions/Remote violence",
    place: Place | None = TOWN_A,
    precision: int = 1,
    when: dt.date | None = D,
    actor1: ActorRef | None = GOV,
    actor2: ActorRef | None = CIVILIANS,
    counts: list[Count] | None = None,
    modality: Modality = Modality.OCCURRED,
    segment: SegmentKind = SegmentKind.BODY,
    trigger: str = "struck",
    confidence: float = 0.7,
) -> Mention:
    end = start + len(trigger)
    return Mention(
        event_type=typ,
        sub_event_type=sub,
        trigger=trigger,
        actor1=actor1,
        actor2=actor2,
        location=loc(place, precision),
        date=day(when),
        counts=counts or [],
        modality=modality,
        confidence=confidence,
        evidence=[Evidence("trigger", start, end, trigger, start, start + len(sentence), confidence, "test")],
        id=Mention.make_id(article, start, end),
        article_id=article,
        segment=segment,
        sentence=sentence,
        sentence_start=start,
        sentence_end=start + len(sentence),
        trigger_start=start,
        trigger_end=end,
    )


def event_of(ms: list[Mention], source: str) -> Event:
    (ev,) = dedup.within_article(ms, source=source)
    return ev


# --- within one article ---------------------------------------------------------------------


def test_headline_lead_and_quote_merge_with_most_specific_fields_and_lowest_toll() -> None:
    head = mention("a1", 0, "Air strike on market kills 44", place=None, when=None, actor1=None, counts=[killed(44)],
                   segment=SegmentKind.HEADLINE, trigger="Air strike")  # fmt: skip
    lead = mention("a1", 40, "Government warplanes struck the market in Kafr Alpha on Tuesday, killing 37 people.",
                   counts=[killed(37)], confidence=0.8)  # fmt: skip
    quote = mention("a1", 200, '"The planes struck the market twice," a rescue worker said.', place=PROVINCE,
                    precision=3, when=None)  # fmt: skip
    events = dedup.within_article([quote, lead, head], source="Example Wire")
    assert len(events) == 1
    ev = events[0]
    assert ev.mention_ids == [head.id, lead.id, quote.id]
    assert ev.id == dedup.event_id(head.id) and ev.id.startswith("ev-")
    assert ev.location is not None and ev.location.place is TOWN_A  # town beats province
    assert ev.date is not None and ev.date.first == D
    assert ev.actor1 is not None and ev.actor1.actor_id == "syria-military"
    assert ev.fatalities == 37  # the most conservative stated figure
    assert len(ev.evidence_for("trigger")) == 3  # all evidence kept
    assert ev.sources == ["Example Wire"] and ev.article_ids == ["a1"]
    assert len(ev.merges) == 2 and all("scores" in m for m in ev.merges)


def test_a_stated_number_beats_a_vague_word_when_mentions_merge() -> None:
    """ "Dozens" (read as 12) is not a stated figure: the lead's 30 wins, though 12 is lower."""
    dozens = Count("killed", "unknown", 12, low=12, qualifier="vague", text="Dozens")
    head = mention("a9", 0, "Dozens killed as shells hit market", place=None, when=None, actor1=None,
                   counts=[dozens], segment=SegmentKind.HEADLINE, trigger="shells")  # fmt: skip
    lead = mention("a9", 40, "Government shells hit the market in Kafr Alpha on Tuesday, killing 30 people.",
                   counts=[killed(30)], trigger="shells")  # fmt: skip
    events = dedup.within_article([head, lead], source="Example Wire")
    assert len(events) == 1
    assert events[0].fatalities == 30
    only_vague = dedup.within_article([head], source="Example Wire")
    assert only_vague[0].fatalities == 12  # with no number stated, the vague reading is all there is


def test_two_strikes_on_nearby_towns_in_one_article_stay_apart() -> None:
    a = mention("a2", 0, "Jets struck Kafr Alpha on Tuesday, killing five.", counts=[killed(5)])
    b = mention(
        "a2", 60, "Jets also struck Tell Beta on Tuesday, killing two.", place=TOWN_B, counts=[killed(2)]
    )
    events = dedup.within_article([a, b], source="X")
    assert len(events) == 2
    assert sorted(e.fatalities or 0 for e in events) == [2, 5]


def test_caption_with_old_date_is_not_merged_into_todays_news() -> None:
    body = mention("a3", 0, "Warplanes struck Kafr Alpha on Tuesday.")
    cap = mention("a3", 90, "Smoke rises over Kafr Alpha after an air strike, Syria, November 21, 2015.",
                  when=dt.date(2015, 11, 21), segment=SegmentKind.CAPTION)  # fmt: skip
    (ev,) = dedup.within_article([body, cap])  # the caption is no event of its own (real-text convention)
    assert ev.mention_ids == [body.id]


def test_announced_offensive_and_occurred_strike_stay_apart() -> None:
    plan = mention("a4", 0, "The army will launch an offensive on Kafr Alpha.", modality=Modality.ANNOUNCED,
                   when=None, sub="Armed clash", typ="Battles", actor2=REBELS)  # fmt: skip
    fight = mention("a4", 80, "Troops clashed with rebels in Kafr Alpha on Tuesday.", sub="Armed clash",
                    typ="Battles", actor2=REBELS)  # fmt: skip
    (ev,) = dedup.within_article([plan, fight])  # an announced attack is no event (ACLED codes acts)
    assert ev.mention_ids == [fight.id]


def test_different_event_families_stay_apart() -> None:
    strike = mention("a5", 0, "Jets struck Kafr Alpha on Tuesday.")
    protest = mention("a5", 50, "Residents of Kafr Alpha protested on Tuesday.", sub="Peaceful protest",
                      typ="Protests", actor1=None, actor2=None)  # fmt: skip
    assert len(dedup.within_article([strike, protest])) == 2


def test_without_source_the_article_stands_for_it() -> None:
    (ev,) = dedup.within_article([mention("a6", 0, "Jets struck Kafr Alpha on Tuesday.")])
    assert ev.sources == ["a6"]


# --- across articles -------------------------------------------------------------------------


def stored(article: str, source: str, sentence: str, **kw: object) -> Event:
    return event_of([mention(article, 10, sentence, **kw)], source)  # type: ignore[arg-type]


def test_same_strike_from_two_outlets_merges_with_scores() -> None:
    old = stored("b1", "Outlet One", "Government warplanes bombed a vegetable market in Kafr Alpha, killing 44.",
                 counts=[killed(44)], trigger="bombed")  # fmt: skip
    new = stored("b2", "Outlet Two", "Syrian jets struck the crowded market of Kafr Alpha on Tuesday, at least 37 dead.",
                 counts=[killed(37)], place=TOWN_A2)  # fmt: skip
    res = dedup.merge([new], [old], set())
    assert res.removed == []
    (merged,) = res.events
    assert merged.id == old.id
    assert merged.num_sources == 2 and merged.num_articles == 2 and merged.num_mentions == 2
    assert merged.sources == ["Outlet One", "Outlet Two"]
    assert merged.fatalities == 37
    (dec,) = res.decisions
    assert dec["merged"] is True and dec["score"] >= dedup.cross.THRESHOLD
    assert set(dec["scores"]) == {"type", "date", "place", "actors", "text", "toll"}
    assert merged.merges[-1]["kind"] == "across_articles"


def test_same_town_on_different_days_stays_apart() -> None:
    old = stored("c1", "One", "Jets struck Kafr Alpha, killing four.", when=D - dt.timedelta(days=1))
    new = stored("c2", "Two", "Jets struck Kafr Alpha, killing four.")
    res = dedup.merge([new], [old], set())
    assert [e.id for e in res.events] == [new.id]
    assert res.decisions[0]["merged"] is False and "different days" in res.decisions[0]["veto"]


def test_nearby_towns_on_the_same_day_stay_apart() -> None:
    old = stored("d1", "One", "Jets struck Kafr Alpha on Tuesday, killing four.")
    new = stored("d2", "Two", "Jets struck Tell Beta on Tuesday, killing four.", place=TOWN_B)
    res = dedup.merge([new], [old], set())
    assert [e.id for e in res.events] == [new.id]
    assert "different precise places" in res.decisions[0]["veto"]
    assert 4 < res.decisions[0]["distance_km"] < 10


def test_precise_places_far_apart_are_vetoed() -> None:
    old = stored("d3", "One", "Jets struck Kafr Alpha.")
    new = stored("d4", "Two", "Jets struck Ain Gamma.", place=TOWN_FAR)
    res = dedup.merge([new], [old], set())
    assert "more than 25 km" in res.decisions[0]["veto"]


def test_week_precision_and_province_level_reports_merge_with_precise_one() -> None:
    vague = event_of([mention("e1", 0, "Air strikes hit markets in Idlib province this week, killing dozens.",
                              place=PROVINCE, precision=3, when=None)], "Weekly")  # fmt: skip
    vague.date = day(D - dt.timedelta(days=3), D + dt.timedelta(days=3), precision=2)
    precise = stored("e2", "Daily", "Government jets struck a market in Kafr Alpha on Tuesday.")
    res = dedup.merge([precise], [vague], set())
    (ev,) = res.events
    assert ev.id == vague.id and ev.num_articles == 2
    assert ev.location is not None and ev.location.place is TOWN_A
    assert ev.date is not None and ev.date.first == ev.date.last == D


def test_province_report_elsewhere_is_vetoed() -> None:
    other = Place(107, "Hama Governorate", "SY", 35.2, 36.9, "A", "ADM1", admin1="Hama")
    vague = stored("e3", "Weekly", "Air strikes hit Hama province.", place=other, precision=3)
    precise = stored("e4", "Daily", "Government jets struck a market in Kafr Alpha on Tuesday.")
    res = dedup.merge([precise], [vague], set())
    assert "different regions" in res.decisions[0]["veto"]


def test_other_country_and_opposite_sides_are_vetoed() -> None:
    base = stored("f1", "One", "Jets struck Kafr Alpha.")
    abroad = stored("f2", "Two", "Jets struck Delta.", place=ABROAD)
    shelled = stored(
        "f3", "Three", "Rebels shelled Kafr Alpha.", actor1=REBELS, sub="Shelling/artillery/missile attack"
    )
    res = dedup.merge([abroad, shelled], [base], set())
    vetoes = [d["veto"] for d in res.decisions]
    assert any("different countries" in v for v in vetoes)
    assert any("actor1 on different sides" in v for v in vetoes)
    assert len(res.events) == 2 and not any(d["merged"] for d in res.decisions)


def test_cannot_link_pairs_are_never_merged() -> None:
    old = stored("g1", "One", "Government warplanes struck the market in Kafr Alpha, killing 44.")
    new = stored("g2", "Two", "Government warplanes struck the market in Kafr Alpha, killing 44.")
    assert dedup.merge([new], [old], set()).decisions[0]["merged"] is True
    res = dedup.merge([new], [old], {frozenset((old.mention_ids[0], new.mention_ids[0]))})
    assert res.decisions[0]["merged"] is False and "split apart" in res.decisions[0]["veto"]


def test_two_separate_events_of_one_article_do_not_both_join_one_candidate() -> None:
    old = stored("h1", "One", "Government jets struck Kafr Alpha on Tuesday.")
    # within_article kept these two apart (say, a morning and an evening raid); merge must respect that.
    a = event_of([mention("h2", 0, "Government jets struck Kafr Alpha on Tuesday morning.")], "Two")
    b = event_of([mention("h2", 90, "Government jets struck Kafr Alpha again in the evening.")], "Two")
    res = dedup.merge([a, b], [old], set())
    assert sum(d["merged"] for d in res.decisions) == 1
    assert len(res.events) == 2
    assert any("one article" in (d.get("veto") or "") for d in res.decisions)


def test_a_new_report_bridges_two_stored_duplicates() -> None:
    one = stored("i1", "One", "Government jets struck the market in Kafr Alpha on Tuesday.")
    two = stored("i2", "Two", "Government jets struck the market in Kafr Alpha on Tuesday, killing 12.")
    new = stored("i3", "Three", "Government jets struck the market in Kafr Alpha on Tuesday.")
    res = dedup.merge([new], [one, two], set())
    assert len(res.removed) == 1
    (ev,) = res.events
    assert ev.num_articles == 3 and ev.num_sources == 3
    assert any(d.get("absorbed") for d in res.decisions)


def test_merge_does_not_change_its_inputs() -> None:
    old = stored("j1", "One", "Government jets struck the market in Kafr Alpha on Tuesday.")
    new = stored("j2", "Two", "Government jets struck the market in Kafr Alpha on Tuesday.")
    before = list(old.mention_ids)
    dedup.merge([new], [old], set())
    assert old.mention_ids == before


# --- blocking ---------------------------------------------------------------------------------


def test_blocking_key() -> None:
    ev = stored("k1", "One", "Jets struck Kafr Alpha.")
    block = dedup.blocking_key(ev)
    assert block is not None
    assert block.first < D < block.last and (block.last - block.first).days <= 4
    assert block.countries == {"SY"}
    assert block.bbox is not None
    west, south, east, north = block.bbox
    assert west < TOWN_A.lon < east and south < TOWN_A.lat < north
    assert east - west < 1.0  # a town's box, not a country's
    undated = stored("k2", "One", "Jets struck Kafr Alpha.", when=None)
    assert dedup.blocking_key(undated) is None


# --- split ------------------------------------------------------------------------------------


def test_split_then_merge_again_respects_the_split() -> None:
    m1 = mention(
        "l1", 10, "Government warplanes struck the market in Kafr Alpha, killing 44.", counts=[killed(44)]
    )
    m2 = mention(
        "l2", 10, "Government warplanes struck a school in Kafr Alpha, killing 3.", counts=[killed(3)]
    )
    e1, e2 = event_of([m1], "One"), event_of([m2], "Two")
    merged = dedup.merge([e2], [e1], set()).events[0]
    assert merged.num_mentions == 2 and merged.fatalities == 3
    kept, moved = dedup.split(merged, [m2.id], [m1, m2])
    assert kept.id == merged.id and kept.mention_ids == [m1.id] and kept.fatalities == 44
    assert moved.id != kept.id and moved.mention_ids == [m2.id] and moved.fatalities == 3
    assert kept.sources == ["One"] and moved.sources == ["Two"]
    assert moved.article_ids == ["l2"]
    pairs = {frozenset((a, b)) for a in kept.mention_ids for b in moved.mention_ids}
    res = dedup.merge([moved], [kept], pairs)
    assert not any(d["merged"] for d in res.decisions)
    with pytest.raises(ValueError):
        dedup.split(merged, [m1.id, m2.id], [m1, m2])


# --- metrics ----------------------------------------------------------------------------------


def test_pairwise_and_bcubed_by_hand() -> None:
    gold = {"a": 1, "b": 1, "c": 1, "d": 2, "e": 3}
    pred = {"a": "x", "b": "x", "c": "y", "d": "y", "e": "z"}
    pw = metrics.pairwise(pred, gold)
    # predicted pairs: ab, cd; gold pairs: ab, ac, bc; shared: ab
    assert pw["precision"] == pytest.approx(1 / 2)
    assert pw["recall"] == pytest.approx(1 / 3)
    assert pw["f1"] == pytest.approx(0.4)
    b3 = metrics.bcubed(pred, gold)
    # precision per item: a 1, b 1, c 1/2, d 1/2, e 1 -> 4/5; recall: a 2/3, b 2/3, c 1/3, d 1, e 1 -> 11/15
    assert b3["precision"] == pytest.approx(4 / 5)
    assert b3["recall"] == pytest.approx(11 / 15)
    perfect = metrics.evaluate(gold, gold)
    assert perfect["bcubed"]["f1"] == 1.0 and perfect["pairwise"]["f1"] == 1.0
    singletons = metrics.bcubed({k: k for k in gold}, gold)
    assert singletons["precision"] == 1.0 and singletons["recall"] < 1.0
    with pytest.raises(ValueError):
        metrics.pairwise({"a": 1}, gold)


# --- look-alikes that ACLED codes as separate events -------------------------------------------


def test_battle_and_air_strikes_around_it_stay_apart() -> None:
    clash = mention("m1", 0, "Rebels and troops fought for the hill near Kafr Alpha on Tuesday.", sub="Armed clash",
                    typ="Battles", actor1=REBELS, actor2=GOV)  # fmt: skip
    raid = mention(
        "m1", 90, "Government jets struck rebel positions near Kafr Alpha on Tuesday.", actor2=REBELS
    )
    assert len(dedup.within_article([clash, raid])) == 2
    res = dedup.merge([event_of([raid], "Two")], [event_of([clash], "One")], set())
    assert "different event families" in res.decisions[0]["veto"]


def test_each_side_accusing_the_other_is_two_events() -> None:
    a = stored("n1", "One", "Rebels shelled government positions in Kafr Alpha.", actor1=REBELS, actor2=GOV,
               sub="Shelling/artillery/missile attack", modality=Modality.CLAIMED)  # fmt: skip
    b = stored("n2", "Two", "Government guns shelled rebel positions in Kafr Alpha.", actor1=GOV, actor2=REBELS,
               sub="Shelling/artillery/missile attack", modality=Modality.CLAIMED)  # fmt: skip
    res = dedup.merge([b], [a], set())
    assert "actors reversed" in res.decisions[0]["veto"]


def test_battle_actors_compare_in_either_order() -> None:
    a = stored("o1", "One", "Rebels clashed with troops in Kafr Alpha.", sub="Armed clash", typ="Battles",
               actor1=REBELS, actor2=GOV)  # fmt: skip
    b = stored("o2", "Two", "Troops clashed with rebels in Kafr Alpha.", sub="Armed clash", typ="Battles",
               actor1=GOV, actor2=REBELS)  # fmt: skip
    res = dedup.merge([b], [a], set())
    assert res.decisions[0]["merged"] is True and res.decisions[0]["scores"]["actors"] == 1.0


def test_different_strategic_developments_stay_apart() -> None:
    handover = mention("p1", 0, "Rebels handed the hilltop to the army.", sub="Non-violent transfer of territory",
                       typ="Strategic developments", actor1=REBELS, actor2=GOV)  # fmt: skip
    base = mention("p1", 80, "The army set up a base on the hilltop.", sub="Headquarters or base established",
                   typ="Strategic developments", actor1=REBELS, actor2=None)  # fmt: skip
    assert len(dedup.within_article([handover, base])) == 2


def test_inside_an_article_two_named_places_are_two_events_even_when_vague() -> None:
    a = mention("q1", 0, "Fighting raged near Kafr Alpha on Tuesday.", sub="Armed clash", typ="Battles",
                precision=2, actor1=REBELS, actor2=GOV)  # fmt: skip
    b = mention("q1", 60, "Rebels took Tell Beta on Tuesday.", sub="Armed clash", typ="Battles", place=TOWN_B,
                actor1=REBELS, actor2=GOV)  # fmt: skip
    assert len(dedup.within_article([a, b])) == 2
    # Across outlets the same pair may be one event described from two vantage points.
    b2 = mention("q2", 0, "Rebels took Tell Beta on Tuesday.", sub="Armed clash", typ="Battles", place=TOWN_B,
                 actor1=REBELS, actor2=GOV)  # fmt: skip
    res = dedup.merge([event_of([b2], "Two")], [event_of([a], "One")], set())
    assert res.decisions[0]["veto"] is None and res.decisions[0]["scores"]["place"] > 0.5


# --- reports that refer to an event told elsewhere in the article -------------------------------


def with_methods(m: Mention, **methods: str) -> Mention:
    """Give ``m`` evidence for its date/place found by ``methods`` (e.g. date="publication-date")."""
    for name, how in methods.items():
        field = "location" if name == "place" else name
        m.evidence.append(Evidence(field, m.sentence_start, m.sentence_start, "", m.sentence_start,
                                   m.sentence_end, 0.3, how))  # fmt: skip
    return m


def in_sentence(m: Mention) -> Mention:
    """Put ``m``'s trigger where its word stands in the sentence (the helper above puts it first)."""
    m.trigger_start = m.sentence_start + m.sentence.index(m.trigger)
    m.trigger_end = m.trigger_start + len(m.trigger)
    return m


def test_headline_with_publication_date_and_vague_type_merges_with_the_lead() -> None:
    """A headline "kills" (coded as a clash) dated only by publication, five days after the strike."""
    published = D + dt.timedelta(days=5)
    head = with_methods(
        mention(
            "r1",
            0,
            "Jets kill twelve in Idlib countryside town",
            sub="Armed clash",
            typ="Battles",
            place=None,
            when=published,
            actor1=None,
            counts=[killed(12)],
            segment=SegmentKind.HEADLINE,
            trigger="kill",
        ),  # fmt: skip
        date="publication-date",
    )
    lead = mention("r1", 50, "Government jets struck Kafr Alpha on Tuesday, killing twelve civilians.",
                   counts=[killed(12)], confidence=0.8)  # fmt: skip
    events = dedup.within_article([head, lead], source="X")
    assert len(events) == 1
    ev = events[0]
    assert ev.sub_event_type == "Air/drone strike"  # the lead's precise type, not the headline's
    assert ev.date is not None and ev.date.first == D  # the stated day, not the publication date


def test_a_text_date_still_vetoes_a_headline() -> None:
    head = mention("r2", 0, "Jets kill twelve in Kafr Alpha", sub="Armed clash", typ="Battles", place=None,
                   when=D + dt.timedelta(days=9), actor1=None, segment=SegmentKind.HEADLINE, trigger="kill")  # fmt: skip
    lead = mention("r2", 50, "Government jets struck Kafr Alpha on Tuesday.")
    assert len(dedup.within_article([head, lead])) == 2  # the headline's date was read from its text


def test_definite_reference_joins_the_most_recent_violent_event() -> None:
    first = mention(
        "r3", 0, "Government jets struck Kafr Alpha on Tuesday, killing five.", counts=[killed(5)]
    )
    second = mention("r3", 70, "Rebels shelled Tell Beta on Tuesday.", place=TOWN_B, actor1=REBELS, actor2=GOV,
                     sub="Shelling/artillery/missile attack", trigger="shelled")  # fmt: skip
    # "the assault" (coded as a clash) names no place of its own: the place below is borrowed.
    ref = with_methods(
        in_sentence(
            mention(
                "r3",
                120,
                "Witnesses said the assault lasted an hour.",
                sub="Armed clash",
                typ="Battles",
                place=TOWN_A,
                actor1=None,
                actor2=None,
                when=D + dt.timedelta(days=2),
                trigger="assault",
            )
        ),  # fmt: skip
        place="article-most-frequent",
        date="publication-date",
    )
    events = dedup.within_article([first, second, ref])
    assert len(events) == 2
    joined = next(e for e in events if ref.id in e.mention_ids)
    assert joined.mention_ids == [second.id, ref.id]  # the most recent compatible event
    assert joined.sub_event_type == "Shelling/artillery/missile attack"
    assert joined.location is not None and joined.location.place is TOWN_B


def test_possessive_date_picks_the_event_of_that_day() -> None:
    tuesday = mention("r4", 0, "Jets struck Kafr Alpha on Tuesday.")
    thursday = mention("r4", 50, "Jets struck Kafr Alpha again on Thursday.", when=D + dt.timedelta(days=2))
    ref = in_sentence(mention("r4", 110, "Families buried the dead of Tuesday's raid on Wednesday.", actor1=None,
                      actor2=None, place=None, sub="Attack", typ="Violence against civilians", trigger="raid"))  # fmt: skip
    events = dedup.within_article([tuesday, thursday, ref])
    assert len(events) == 2
    assert next(e for e in events if ref.id in e.mention_ids).mention_ids == [tuesday.id, ref.id]


def test_reference_with_a_new_place_of_its_own_is_a_new_event() -> None:
    first = mention("r5", 0, "Jets struck Kafr Alpha on Tuesday.")
    ref = with_methods(
        in_sentence(
            mention(
                "r5",
                50,
                "In Ain Gamma the attack killed two.",
                place=TOWN_FAR,
                actor1=None,
                actor2=None,
                sub="Attack",
                typ="Violence against civilians",
                trigger="attack",
                counts=[killed(2)],
            )
        ),  # fmt: skip
        place="attached",
    )
    assert len(dedup.within_article([first, ref])) == 2


def test_a_follow_up_toll_joins_the_event_just_before_it() -> None:
    clash = mention("r6", 0, "Rebels clashed with troops near Tell Beta on Monday.", sub="Armed clash",
                    typ="Battles", place=TOWN_B, actor1=REBELS, actor2=GOV)  # fmt: skip
    toll = with_methods(
        mention(
            "r6",
            53,
            "Nine fighters died.",
            sub="Attack",
            typ="Violence against civilians",
            place=TOWN_B,
            actor1=None,
            actor2=None,
            when=D + dt.timedelta(days=1),
            counts=[killed(9)],
            trigger="died",
        ),  # fmt: skip
        place="previous-sentence",
        date="publication-date",
    )
    (ev,) = dedup.within_article([clash, toll])
    assert ev.mention_ids == [clash.id, toll.id] and ev.fatalities == 9
    # The same sentence in a later paragraph still refers back: real reports repeat a toll paragraphs later
    # ("at least seven people were killed, a rescuer told AFP"), and it has no place or day of its own.
    far = with_methods(
        mention(
            "r7",
            400,
            "Nine fighters died.",
            sub="Attack",
            typ="Violence against civilians",
            place=TOWN_B,
            actor1=None,
            actor2=None,
            when=D + dt.timedelta(days=1),
            counts=[killed(9)],
            trigger="died",
        ),  # fmt: skip
        place="previous-sentence",
        date="publication-date",
    )
    clash7 = mention("r7", 0, "Rebels clashed with troops near Tell Beta on Monday.", sub="Armed clash",
                     typ="Battles", place=TOWN_B, actor1=REBELS, actor2=GOV)  # fmt: skip
    (ev7,) = dedup.within_article([clash7, far])
    assert ev7.mention_ids == [clash7.id, far.id] and ev7.fatalities == 9


def test_country_level_place_does_not_veto_a_town() -> None:
    country = Place(107, "Syria", "SY", 35.0, 38.0, "A", "PCLI")
    head = mention("r8", 0, "Roadside blast kills officer in Syria", place=country, precision=3, actor1=None,
                   sub="Remote explosive/landmine/IED", segment=SegmentKind.HEADLINE, trigger="blast")  # fmt: skip
    lead = mention("r8", 50, "A roadside bomb killed an officer in Kafr Alpha on Tuesday.", actor1=None,
                   sub="Remote explosive/landmine/IED", trigger="roadside bomb")  # fmt: skip
    assert len(dedup.within_article([head, lead])) == 1


def test_country_level_place_in_the_body_does_not_veto_a_town() -> None:
    # inside one article places are compared strictly, but a country has no first-level region to differ by
    country = Place(107, "Syria", "SY", 35.0, 38.0, "A", "PCLI")
    lead = mention("r10", 0, "A roadside bomb killed two officers in Kafr Alpha on Tuesday.", actor1=None,
                   sub="Remote explosive/landmine/IED", trigger="roadside bomb")  # fmt: skip
    retold = mention("r10", 80, "A bomb killed two officers in northern Syria, a news agency said.", place=country,
                     precision=3, actor1=None, sub="Remote explosive/landmine/IED", trigger="bomb")  # fmt: skip
    assert len(dedup.within_article([lead, retold])) == 1
    far = mention("r10", 80, "A bomb killed two officers in Ain Gamma on Tuesday.", place=TOWN_FAR, precision=3,
                  actor1=None, sub="Remote explosive/landmine/IED", trigger="bomb")  # fmt: skip
    assert len(dedup.within_article([lead, far])) == 2  # another region of the same country still vetoes


def test_what_reads_as_a_reference_back() -> None:
    from trucewatch.dedup.reference import is_anaphor

    def reads(sentence: str, trigger: str) -> bool:
        return is_anaphor(in_sentence(mention("r9", 0, sentence, trigger=trigger)))

    assert reads("Medics said the deadliest raid ended at noon.", "raid")
    assert reads("Crowds mourned Friday's bombing in the square.", "bombing")
    assert reads("This shelling broke the truce, officials said.", "shelling")
    assert not reads("Troops answered the ambush by shelling the ridge.", "shelling")  # a verb after "by"
    assert not reads(
        "Officials said that militia fighters attacked a convoy.", "attacked"
    )  # "that" opens a clause
    assert not reads("An air strike hit the ridge.", "air strike")  # indefinite: a new event


def test_a_reference_with_nothing_before_it_keeps_its_own_date() -> None:
    """ "the raid" as the first report of its event: its own (here unattached) date is still its date."""
    ref = with_methods(
        in_sentence(
            mention("r10", 0, "On Monday the raid on Kafr Alpha killed four.", trigger="raid", actor1=None)
        ),
        date="nearest-in-sentence",
    )
    (ev,) = dedup.within_article([ref])
    assert ev.date is not None and ev.date.first == D


def test_headline_joins_the_lead_and_a_far_headline_stays_apart() -> None:
    head = with_methods(
        mention(
            "r11",
            0,
            "Warplanes pound Idlib countryside",
            place=None,
            when=D,
            actor1=None,
            segment=SegmentKind.HEADLINE,
            trigger="pound",
        ),  # fmt: skip
        date="publication-date",
    )
    lead = mention(
        "r11", 40, "Government jets struck Kafr Alpha on Tuesday, killing six.", counts=[killed(6)]
    )
    later = mention("r11", 120, "Jets also struck Tell Beta on Tuesday.", place=TOWN_B)
    events = dedup.within_article([head, lead, later])
    assert [e.mention_ids for e in events] == [[head.id, lead.id], [later.id]]
    far = mention("r12", 0, "Jets strike Ain Gamma", place=TOWN_FAR, actor1=None, segment=SegmentKind.HEADLINE,
                  trigger="strike")  # fmt: skip
    lead2 = mention("r12", 40, "Government jets struck Kafr Alpha on Tuesday.")
    assert len(dedup.within_article([far, lead2])) == 2  # about 70 km apart: another event


def test_a_caption_never_merges_with_the_news_text() -> None:
    """An archive photo's strike in the same town keeps its own date; the article's strike keeps the news date."""
    news = mention("a8", 0, "Government jets struck Kafr Alpha, activists said.", when=None)
    caption = mention("a8", 200, "Rescuers search rubble after an air strike on Kafr Alpha, May 3, 2015.",
                      when=dt.date(2015, 5, 3), segment=SegmentKind.CAPTION, trigger="air strike")  # fmt: skip
    (ev,) = dedup.within_article([news, caption], source="X")  # a caption makes no event of its own
    assert ev.mention_ids == [news.id] and ev.date is None


def test_the_body_toll_beats_the_headline_victim() -> None:
    """ "Bomb kills commander" names the notable victim; the body's "killing him and two guards" is the toll."""
    head = mention("a6", 0, "Bomb kills rebel commander", when=None, actor1=None, counts=[killed(1)],
                   segment=SegmentKind.HEADLINE, trigger="Bomb", sub="Remote explosive/landmine/IED")  # fmt: skip
    lead = mention("a6", 40, "A bomb exploded under a car in Kafr Alpha on Tuesday, killing him and two guards.",
                   counts=[killed(1), killed(2)], trigger="bomb", sub="Remote explosive/landmine/IED")  # fmt: skip
    (ev,) = dedup.within_article([head, lead], source="X")
    assert ev.fatalities == 3


# --- across outlets: tolerances that respect precision, compatible actors, tolls -------------------

# A city of 3 million (its name covers about 10 km around its centre), two of its districts on either side
# of the centre, and two small towns 5 km apart.
METRO = Place(201, "Umm Sigma", "IQ", 33.300, 44.400, population=3_000_000, admin1="Sigma")
DISTRICT_N = Place(202, "Sigma North", "IQ", 33.350, 44.410, population=200_000, admin1="Sigma")
DISTRICT_S = Place(203, "Sigma South", "IQ", 33.250, 44.390, population=150_000, admin1="Sigma")
HAMLET_1 = Place(204, "Tell Omega", "IQ", 34.100, 43.800, population=30_000, admin1="Omega")
HAMLET_2 = Place(205, "Ain Omega", "IQ", 34.140, 43.825, population=25_000, admin1="Omega")
BOMBER = ActorRef("militants", 0, 0, "isis", "Islamic State", 2, "jihadist")
IRAQI_CIVILIANS = ActorRef(
    "shoppers", 0, 0, "civilians-iq", "Civilians (Iraq)", 7, "civilian", "IQ", "civilians"
)


def _bombing(article: str, place: Place, sentence: str, **kw: object) -> Event:
    kw = {
        "sub": "Suicide bomb",
        "actor1": BOMBER,
        "actor2": IRAQI_CIVILIANS,
        "trigger": "blew himself up",
        **kw,
    }
    return stored(article, article.upper(), sentence, place=place, **kw)  # type: ignore[arg-type]


def test_a_district_and_its_city_merge_across_outlets_but_two_districts_do_not() -> None:
    district = _bombing("s1", DISTRICT_N, "A bomber blew himself up at a bus stop in Sigma North on Tuesday.")
    city = _bombing("s2", METRO, "A suicide bomber blew himself up at a bus stop in Umm Sigma on Tuesday.")
    res = dedup.merge([city], [district], set())
    (dec,) = res.decisions
    assert dec["merged"] is True and 4 < dec["distance_km"] < 10 and dec["scores"]["place"] < 1.0
    other = _bombing("s3", DISTRICT_S, "A bomber blew himself up at a bus stop in Sigma South on Tuesday.")
    res = dedup.merge([other], [district], set())
    assert res.decisions[0]["merged"] is False and "different precise places" in res.decisions[0]["veto"]
    # Small towns cover little ground: 5 km apart they stay two places, populations or not.
    t1 = _bombing("s4", HAMLET_1, "A bomber blew himself up at a checkpoint in Tell Omega on Tuesday.")
    t2 = _bombing("s5", HAMLET_2, "A bomber blew himself up at a checkpoint in Ain Omega on Tuesday.")
    assert "different precise places" in dedup.merge([t2], [t1], set()).decisions[0]["veto"]
    # Inside one article a writer names one event's place one way: a district and the city stay apart.
    ms = [mention("s6", 0, "A bomber struck Sigma North on Tuesday.", place=DISTRICT_N, sub="Suicide bomb",
                  actor1=BOMBER, trigger="struck"),
          mention("s6", 60, "Another bomber struck Umm Sigma on Tuesday.", place=METRO, sub="Suicide bomb",
                  actor1=BOMBER, trigger="struck")]  # fmt: skip
    assert len(dedup.within_article(ms)) == 2


def test_civilians_read_as_actor1_say_nothing_about_the_attacker() -> None:
    rus = stored("t1", "One", "Russian jets struck the bakery of Kafr Alpha, killing eight.", actor1=RUS,
                 counts=[killed(8)])  # fmt: skip
    # The second outlet's sentence opens with the victims; the extractor took them for actor1.
    misread = stored("t2", "Two", "Eight civilians died when jets hit the bakery of Kafr Alpha.", actor1=CIVILIANS,
                     counts=[killed(8)])  # fmt: skip
    res = dedup.merge([misread], [rus], set())
    assert res.decisions[0]["veto"] is None and res.decisions[0]["merged"] is True
    assert res.events[0].actor1 is not None and res.events[0].actor1.actor_id == "russia-military"
    # A real attacker on the other side still vetoes.
    rebels = stored("t3", "Three", "Rebels shelled the bakery of Kafr Alpha, killing eight.", actor1=REBELS,
                    sub="Shelling/artillery/missile attack", counts=[killed(8)])  # fmt: skip
    assert "actor1 on different sides" in dedup.merge([rebels], [rus], set()).decisions[0]["veto"]


GOV_HELD = ActorRef("government-held districts", 0, 0, "syria-military", "Military Forces of Syria", 1,
                    "government", "SY", implied=True)  # fmt: skip
REBEL_HELD = ActorRef("rebel-held districts", 0, 0, "syria-opposition", "Opposition Rebels (Syria)", 2,
                      "opposition", "SY", implied=True)  # fmt: skip
NUSRA = ActorRef("Nusra Front positions", 0, 0, "nusra", "Jabhat al Nusra", 2, "jihadist", "SY")


def test_strikes_on_districts_held_by_opposite_sides_are_two_events() -> None:
    # One city, one day: mortars on the government side, then an air raid on the rebel side.
    mortars = mention("u1", 0, "Mortars crashed into government-held districts of Kafr Alpha on Friday.",
                      actor1=None, actor2=GOV_HELD, sub="Shelling/artillery/missile attack", trigger="mortars")  # fmt: skip
    raid = mention("u1", 90, "Jets then bombed rebel-held districts of Kafr Alpha on Friday.", actor1=GOV,
                   actor2=REBEL_HELD, trigger="bombed")  # fmt: skip
    assert len(dedup.within_article([mortars, raid])) == 2
    # Outlets that disagree whether the target was a rebel or a jihadist group do not veto.
    one = stored("u2", "One", "Jets bombed rebel-held districts of Kafr Alpha on Friday.", actor2=REBEL_HELD)
    two = stored("u3", "Two", "Jets bombed Nusra Front positions in Kafr Alpha on Friday.", actor2=NUSRA)
    res = dedup.merge([two], [one], set())
    assert res.decisions[0]["veto"] is None and res.decisions[0]["merged"] is True
    held = stored(
        "u4", "Three", "Jets bombed government-held districts of Kafr Alpha on Friday.", actor2=GOV_HELD
    )
    assert "targets" in dedup.merge([held], [one], set()).decisions[0]["veto"]


def test_toll_score() -> None:
    from trucewatch.dedup.scoring import toll_score

    def report(*counts: Count) -> Mention:
        return mention("v0", 0, "x", counts=list(counts))

    assert toll_score(report(killed(37)), report(killed(44))) == pytest.approx(37 / 44)
    assert toll_score(report(killed(7)), report(killed(37))) < 0.2
    ranged = Count("killed", "unknown", 30, low=25, high=35, qualifier="range")
    assert toll_score(report(ranged), report(killed(33))) == 1.0
    vague = Count("killed", "unknown", 12, qualifier="vague")
    assert toll_score(report(vague), report(killed(40))) == 0.5  # "dozens" is no number to compare
    assert toll_score(report(), report(killed(40))) == 0.5
    assert toll_score(report(killed(5, cumulative=True)), report(killed(40))) == 0.5


def test_the_toll_picks_the_report_of_the_same_event_among_look_alikes() -> None:
    # Two markets hit the same morning: a precise report of one, a vaguer "near Tell Beta" report of the
    # other. A later outlet's undated "air raid killed 40" fits both on type, day and place; its toll
    # tells which one it reports.
    first = stored("w1", "One", "Warplanes struck the fish market of Kafr Alpha at dawn, killing 38.",
                   counts=[killed(38)])  # fmt: skip
    second = stored("w2", "One", "Warplanes hit a market near Tell Beta the same morning, killing six.",
                    place=TOWN_B, precision=2, actor1=None, trigger="hit", counts=[killed(6)])  # fmt: skip
    new = stored("w3", "Two", "An air raid on a market killed 40 people in Kafr Alpha.", actor1=None,
                 trigger="raid", counts=[killed(40)])  # fmt: skip
    res = dedup.merge([new], [first, second], set())
    merged = {d["candidate"] for d in res.decisions if d.get("merged")}
    assert merged == {first.id}
    by_candidate = {d["candidate"]: d for d in res.decisions if "new" in d}
    assert by_candidate[second.id]["scores"]["toll"] < 0.2 < by_candidate[first.id]["scores"]["toll"]
    assert by_candidate[second.id]["score"] < by_candidate[first.id]["score"]


def test_a_division_is_a_region_whatever_precision_it_came_with() -> None:
    province = event_of([mention("x1", 0, "Air strikes hit markets in Idleb province.", place=PROVINCE,
                                 precision=1)], "Weekly")  # fmt: skip
    town = stored("x2", "Daily", "Government jets struck a market in Kafr Alpha on Tuesday.")
    res = dedup.merge([town], [province], set())
    assert res.decisions[0]["veto"] is None and res.decisions[0]["merged"] is True


def test_a_report_dated_by_its_publication_only_meets_a_dated_report_of_days_before() -> None:
    published = D + dt.timedelta(days=2)
    undated = stored("y1", "One", "Jets struck the market of Kafr Alpha, killing 12.", counts=[killed(12)])
    undated.date = EventDate("", 0, 0, published, published, 2, resolved=False, note="publication date")
    dated = stored("y2", "Two", "Jets struck the market of Kafr Alpha on Tuesday, killing 12.",
                   counts=[killed(12)])  # fmt: skip
    block = dedup.blocking_key(undated)
    assert block is not None and block.first <= D
    res = dedup.merge([dated], [undated], set())
    (dec,) = res.decisions
    assert dec["merged"] is True and dec["scores"]["date"] >= 0.6
    assert res.events[0].date is not None and res.events[0].date.first == D  # the stated day wins
    # A stated day still keeps two dated reports of different days apart.
    later = stored("y3", "Three", "Jets struck the market of Kafr Alpha on Wednesday, killing 12.",
                   counts=[killed(12)], when=D + dt.timedelta(days=1))  # fmt: skip
    assert "different days" in dedup.merge([later], [dated], set()).decisions[0]["veto"]


# A town of the same province about 55 km north of Kafr Alpha.
TOWN_NORTH = Place(107, "Jisr Epsilon", "SY", 36.150, 36.680, admin1="Idlib")


def test_a_place_borrowed_from_another_sentence_does_not_keep_a_denial_apart() -> None:
    """ "The army denied targeting any clinic": no place of its own; the article's most named town stood in."""
    lead = mention("r40", 0, "Government jets struck Kafr Alpha on Tuesday, killing six.", counts=[killed(6)])
    denial = with_methods(
        mention(
            "r40",
            90,
            "The army denied that its jets had targeted any clinic.",
            place=TOWN_B,
            modality=Modality.DENIED,
            trigger="targeted",
            actor2=None,
        ),  # fmt: skip
        place="article-most-frequent",
    )
    events = dedup.within_article([lead, denial], source="X")
    assert [e.mention_ids for e in events] == [[lead.id, denial.id]]
    # the same town named in the denial's own words is another event
    own = mention("r41", 90, "The army denied that its jets had targeted Tell Beta.", place=TOWN_B,
                  modality=Modality.DENIED, trigger="targeted", actor2=None)  # fmt: skip
    lead2 = mention(
        "r41", 0, "Government jets struck Kafr Alpha on Tuesday, killing six.", counts=[killed(6)]
    )
    assert len(dedup.within_article([lead2, own], source="X")) == 2


def test_a_headline_naming_another_town_of_the_province_joins_the_lead() -> None:
    """A headline names the province's best-known town, 55 km from the lead's; another province stays apart."""
    head = with_methods(
        mention(
            "r42",
            0,
            "Jets strike Jisr Epsilon countryside",
            place=TOWN_NORTH,
            precision=2,
            actor1=None,
            segment=SegmentKind.HEADLINE,
            trigger="strike",
        ),  # fmt: skip
        date="publication-date",
    )
    lead = mention(
        "r42", 50, "Government jets struck Kafr Alpha on Tuesday, killing six.", counts=[killed(6)]
    )
    assert len(dedup.within_article([head, lead], source="X")) == 1
    body_north = mention("r43", 50, "Government jets struck Jisr Epsilon on Tuesday.", place=TOWN_NORTH)
    body_a = mention("r43", 120, "Government jets struck Kafr Alpha on Tuesday.")
    assert len(dedup.within_article([body_north, body_a], source="X")) == 2  # body reports: two towns


def test_a_borrowed_place_still_says_which_of_two_events_a_denial_retells() -> None:
    """The denial borrows the article's most named town: it joins the strike there, not one in the next town."""
    lead = mention("r44", 0, "Government jets struck Kafr Alpha on Tuesday, killing six.", counts=[killed(6)])
    other = mention(
        "r44", 70, "Jets also struck a bakery in Tell Beta on Tuesday, killing two.", place=TOWN_B,
        counts=[killed(2)],
    )  # fmt: skip
    denial = with_methods(
        mention("r44", 140, "The army denied that its jets had struck any bakery or market.",
                modality=Modality.DENIED, trigger="struck", actor2=None),  # fmt: skip
        place="article-most-frequent",
    )
    events = dedup.within_article([lead, other, denial], source="X")
    joined = next(e for e in events if denial.id in e.mention_ids)
    assert lead.id in joined.mention_ids and other.id not in joined.mention_ids


# The largest town of Kafr Alpha's province, 30 km away: an article's most named place.
CITY_A = Place(108, "Idlib", "SY", 35.930, 36.630, admin1="Idlib")


def test_a_claim_names_the_event_its_own_way() -> None:
    """ "A massacre" (violence against civilians) in a claim about a clash: the speaker's word, not a type."""
    lead = mention("r45", 0, "Rebels and troops fought in Kafr Alpha on Tuesday, killing 12.", sub="Armed clash",
                   typ="Battles", actor2=REBELS, trigger="fought", counts=[killed(12)])  # fmt: skip
    claim = mention("r45", 70, "Rebels accused the army of a massacre in Kafr Alpha on Tuesday.", sub="Attack",
                    typ="Violence against civilians", modality=Modality.CLAIMED, trigger="massacre")  # fmt: skip
    assert len(dedup.within_article([lead, claim], source="X")) == 1


def test_a_denial_whose_borrowed_place_is_a_town_of_the_same_province_joins_the_event() -> None:
    lead = mention("r46", 0, "Jets struck Kafr Alpha with chlorine on Tuesday.", sub="Chemical weapon",
                   trigger="chlorine")  # fmt: skip
    denial = with_methods(
        mention("r46", 60, "The ministry denied using chemical weapons.", sub="Chemical weapon",
                place=CITY_A, modality=Modality.DENIED, trigger="chemical weapons", actor2=None),  # fmt: skip
        place="article-most-frequent",
    )
    assert len(dedup.within_article([lead, denial], source="X")) == 1


def test_a_claim_merged_into_an_event_does_not_set_its_type_but_may_name_its_doer() -> None:
    lead = mention("r47", 0, "Jets struck the market of Kafr Alpha on Tuesday, killing 12.", actor1=None,
                   counts=[killed(12)], confidence=0.6)  # fmt: skip
    claim = mention("r47", 70, "Rebels accused the army of a massacre in Kafr Alpha on Tuesday.", sub="Attack",
                    typ="Violence against civilians", modality=Modality.CLAIMED, trigger="massacre",
                    confidence=0.9)  # fmt: skip
    (ev,) = dedup.within_article([lead, claim], source="X")
    assert ev.sub_event_type == "Air/drone strike"  # the report that tells it, not the accuser's word
    assert ev.actor1 is not None and ev.actor1.actor_id == GOV.actor_id  # no teller names a doer
