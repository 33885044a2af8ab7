"""Whose dead and which toll: count rules (subset, increment, running, partisan claim, unknown) and how one
event's fatalities are chosen among several reports (parts and totals, most conservative, running tolls)."""

from __future__ import annotations

import pytest

from trucewatch import casualties
from trucewatch.dedup.combine import choose_counts
from trucewatch.model import Count, EventFields, Location, Place, toll, toll_rule


@pytest.fixture(scope="module")
def nlp():
    from trucewatch import nlp as nlp_stage

    return nlp_stage.load()


def killed(nlp, sentence: str) -> list[Count]:
    return [c for c in casualties.doc_counts(nlp(sentence)) if c.what == "killed"]


@pytest.mark.parametrize(
    ("sentence", "best", "rule"),
    [
        ("The militia claimed to have killed 40 soldiers in the raid.", 40, "partisan claim"),
        ("An unknown number of fighters were killed in the ambush.", None, "unknown"),
        ("Another five villagers died in the second raid.", 5, "increment"),
        ("The death toll rose to 41 on Monday.", 41, "running"),
        ("Eleven children died when the school was hit.", 11, "subset"),
        ("Troops killed nine militants near the border.", 9, "stated"),
        ("Police later shot dead a fourth demonstrator outside the court.", 4, "running"),
        ("Gunmen assassinated the Deputy Governor outside his office.", 1, "stated"),
        ("Nine martyrs fell in the bombardment of the town.", 9, "stated"),
    ],
)
def test_count_rules(nlp, sentence: str, best: int | None, rule: str) -> None:
    (c,) = killed(nlp, sentence)
    assert (c.best, c.rule) == (best, rule), c


def _c(best: int | None, rule: str = "stated", what: str = "killed", qualifier: str = "exact") -> Count:
    return Count(what=what, who="unknown", best=best, low=best, high=best, qualifier=qualifier, rule=rule)


def test_toll_of_one_report() -> None:
    assert toll([_c(8), _c(3)]) == 11  # victims and attackers: both are fatalities
    assert toll_rule([_c(8), _c(3)]) == "sum of parts"
    assert toll([_c(12), _c(7), _c(3), _c(2)]) == 12  # a total stated beside its parts
    assert toll_rule([_c(12), _c(7), _c(3), _c(2)]) == "total stated beside its parts"
    assert toll([_c(20, "partisan claim")]) is None
    assert toll_rule([_c(20, "partisan claim")]) == "partisan claim (coded 0)"
    assert toll([_c(None, "unknown")]) is None
    assert toll_rule([_c(None, "unknown")]) == "unknown"
    assert toll([_c(5, what="injured")]) is None


def _report(*counts: Count, place: int | None = None) -> EventFields:
    loc = None
    if place is not None:
        loc = Location("x", 0, 1, Place(place, f"p{place}", "SY", 36.0, 37.0), geo_precision=1, score=1.0)
    return EventFields("Battles", "Armed clash", counts=list(counts), location=loc)


def _fatalities(*reports: EventFields) -> tuple[int | None, str]:
    counts, rule = choose_counts(list(reports))
    return toll(counts), rule


def test_competing_estimates_take_the_lowest() -> None:
    assert _fatalities(_report(_c(16)), _report(_c(12))) == (12, "most conservative of 2 estimates")


def test_parts_do_not_compete_with_the_whole() -> None:
    # "10 killed" beside "3 killed ..." and "... killing 7": the parts add up to the total
    fat, rule = _fatalities(_report(_c(10)), _report(_c(3)), _report(_c(7)))
    assert (fat, rule) == (10, "total confirmed by the sum of its parts")
    # a count of children only is a part of the whole toll
    assert _fatalities(_report(_c(60)), _report(_c(13, "subset")))[0] == 60
    # an increment ("another four died") is not an estimate of the first toll
    assert _fatalities(_report(_c(28)), _report(_c(4, "increment")))[0] == 28
    # with no whole toll, the parts are all there is
    assert _fatalities(_report(_c(13, "subset")))[0] == 13


def test_running_toll_replaces_older_lower_figures() -> None:
    fat, rule = _fatalities(_report(_c(2)), _report(_c(3, "running")))
    assert (fat, rule) == (3, "running toll")


def test_report_at_the_events_own_place_comes_first() -> None:
    # a wider area's figure (another strike, a region's total) is not this place's toll
    fat, _ = _fatalities(_report(_c(10), place=1), _report(_c(7), place=2))
    assert fat == 10


def test_partisan_claim_alone_is_coded_zero() -> None:
    fat, rule = _fatalities(_report(_c(20, "partisan claim")))
    assert fat is None and rule == ""
    ev = EventFields("Battles", "Armed clash", counts=[_c(20, "partisan claim")])
    assert ev.fatalities is None and ev.fatality_rule == "partisan claim (coded 0)"


def test_fatality_rule_in_records() -> None:
    from trucewatch.model import to_record

    ev = EventFields("Battles", "Armed clash", counts=[_c(8), _c(3)])
    rec = to_record(ev)
    assert (rec["fatalities"], rec["fatality_rule"]) == (11, "sum of parts")


def test_undated_later_paragraph_takes_the_stories_day_not_the_publication_day() -> None:
    from trucewatch.library import extract_events

    text = (
        "Militants attack army base in Borno\n\n"
        "Militants attacked an army base near Gwoza on Sunday, killing four soldiers, officers said.\n\n"
        "Fighter jets later bombed the militants as they fled towards the forest, an officer said."
    )
    events = extract_events(text, published="2025-03-04")  # a Tuesday
    assert events
    assert {e.date.first.isoformat() for e in events if e.date is not None} == {"2025-03-02"}


def test_a_date_in_a_modifier_of_the_trigger_dates_it() -> None:
    from trucewatch.library import extract_events

    text = "Strike hits village\n\nAn air strike carried out by the army on Tuesday hit a village near Kalay."
    days = {e.date.first.isoformat() for e in extract_events(text, published="2025-03-07") if e.date}
    assert "2025-03-04" in days
