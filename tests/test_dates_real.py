"""Days on real-style wire copy (issue 20): a sentence naming no day carries the last day stated before it, a
quoted "today" counts from the speaker's day, and a duration ("for 72 hours") is no date. Sentences written here."""

from __future__ import annotations

import datetime as dt

from trucewatch.config import Settings, use
from trucewatch.dates import resolve_text


def _days(text: str, published: str) -> dict[str, str]:
    """trigger -> the day of its mention, and the method that dated it."""
    from trucewatch import ingest, pipeline

    out: dict[str, str] = {}
    for _art, mentions in pipeline.extract([ingest.from_text(text, published=published)]):
        for m in mentions:
            how = next((e.method for e in m.evidence if e.field == "date"), "")
            out[m.trigger.lower()] = f"{m.date.first.isoformat() if m.date and m.date.first else None} {how}"
    return out


CARRIED = (
    "Shelling hits western district\n\n"
    "On Saturday, at least nine people were killed when artillery shells hit a market in the town of Kalay, "
    "a monitor said.\n\n"
    "Another three people died when a car bomb exploded near a checkpoint outside the town."
)


def test_an_undated_sentence_carries_the_last_day_stated_before_it() -> None:
    days = _days(CARRIED, "2025-03-10")  # a Monday: Saturday is the 8th
    assert days.get("car bomb exploded", days.get("car bomb")) == "2025-03-08 dates.carried-day", days


def test_the_carried_day_rule_can_be_switched_off() -> None:
    with use(Settings(rules_off=("dates.carried-day",))):
        days = _days(CARRIED, "2025-03-10")
    assert days.get("car bomb exploded", days.get("car bomb")) == "2025-03-10 publication-date", days


def test_a_day_that_ends_a_period_is_not_carried() -> None:
    text = (
        "Truce extended\n\n"
        "The army said it had extended the truce until midnight on Thursday.\n\n"
        "Militants attacked a police post in the hills near Kalay, officials said."
    )
    days = _days(text, "2025-03-12")  # a Wednesday: a carried "Thursday" would be the 6th
    assert days.get("attacked") == "2025-03-12 publication-date", days


def test_a_quoted_today_is_the_speakers_day_not_the_publication_day() -> None:
    text = (
        "Two killed in shelling\n\n"
        "Two civilians were killed by artillery fire on Sunday in the Kalay district, the governor said.\n\n"
        '"Two people have been killed and four wounded by enemy shelling today," the governor wrote on social media.'
    )
    d = resolve_text('"Two people have been killed today," he wrote.', dt.date(2025, 3, 10))
    assert d is not None and d.first == dt.date(2025, 3, 10)  # one sentence alone: no quotation context
    days = _days(text, "2025-03-10")  # a Monday: Sunday is the 9th
    assert {d.split()[0] for d in days.values()} == {"2025-03-09"}, days


def test_quoted_day_rule_switched_off_reads_the_publication_day() -> None:
    text = 'Officials spoke.\n\n"We were shelled today," a resident said.'
    found = _today_dates(text)
    assert [d.resolved for d in found] == [False]
    assert "speaker" in found[0].note
    with use(Settings(rules_off=("dates.quoted-day",))):
        found = _today_dates(text)
    assert [d.first for d in found] == [dt.date(2025, 3, 10)]


def _today_dates(text: str) -> list:
    from trucewatch import clean, dates, ingest, nlp

    art = ingest.from_text(text, published="2025-03-10")
    art.segments = clean.segment(art)
    parsed = next(iter(nlp.parse([art])))[1]
    return [d for d in dates.annotate(art, parsed) if d.text.lower() == "today"]


def test_a_duration_is_no_date() -> None:
    pub = dt.date(2025, 3, 10)
    assert resolve_text("The truce was extended for 72 hours.", pub) is None
    assert resolve_text("The town was held for two days.", pub) is None
    some = resolve_text("Fighting went on for some 10 days.", pub)  # "some": a time up to now
    assert some is not None and some.last == pub
    past = resolve_text("Nine were killed in the past 24 hours.", pub)
    assert past is not None and past.last == pub
    over = resolve_text("Nine were killed for the past two days.", pub)
    assert over is not None and over.first == dt.date(2025, 3, 8)


def test_a_day_in_a_relative_clause_is_not_carried() -> None:
    text = (
        "On 9 March 2025, residents marched in Kalay against the siege, which began on 3 March. "
        "Police dispersed the crowd, arresting at least 14 of them."
    )
    days = _days(text, "2025-03-09")
    assert days.get("dispersed", days.get("arresting")) == "2025-03-09 dates.carried-day", days
