"""Issue 15: pieces of names the gazetteer lacks, local places, division names opening with a side word,
and the event's place on notes written the ACLED way. Sentences written for these tests."""

from __future__ import annotations

import dataclasses

from trucewatch import places
from trucewatch.config import settings, use


def _hits(text: str) -> dict[str, dict]:
    return {r["text"]: r for r in places.geoparse(text)}


def test_first_word_of_an_unknown_name_is_not_a_place() -> None:
    # "Adan" alone folds like Aden (Yemen); "Adan Qorfaxle" is a village the gazetteer lacks
    hits = places.geoparse("Fighters gathered in Adan Qorfaxle village (Jowhar, Middle Shabelle) on Friday.")
    assert all(r["country"] == "SO" for r in hits), [(r["text"], r["country"]) for r in hits]
    assert "Jowhar" in {r["text"] for r in hits}


def test_hyphenated_compound_is_not_its_first_part() -> None:
    hits = places.geoparse("Elders met in Bar-Qoryaale village near Jowhar on Monday.")
    assert [r["text"] for r in hits] == ["Jowhar"], [(r["text"], r["country"]) for r in hits]


def test_two_places_joined_by_a_hyphen_are_both_found() -> None:
    r = _hits("Troops moved along the Homs-Hama highway overnight.")
    assert r["Homs"]["country"] == "SY" and r["Hama"]["country"] == "SY"


def test_well_known_place_before_another_word_stays() -> None:
    r = _hits("A car bomb went off near the Mogadishu Stadium Gate on Sunday.")
    assert r["Mogadishu"]["country"] == "SO"


def test_local_place_lies_in_the_text_country() -> None:
    text = "A protester was shot in Tokyo neighbourhood of Mogadishu on Monday."
    assert "Tokyo" not in _hits(text)
    assert _hits("Police dispersed a rally in Tokyo on Monday.")["Tokyo"]["country"] == "JP"


def test_local_place_step_switched_off_by_its_setting() -> None:
    text = "A protester was shot in Tokyo neighbourhood of Mogadishu on Monday."
    # a neighbourhood is also a city part (tests/test_places21.py): both steps off, the namesake abroad is back
    with use(dataclasses.replace(settings(), places_local_share=2.0, places_city_km=20_000.0)):
        assert _hits(text)["Tokyo"]["country"] == "JP"
    with use(dataclasses.replace(settings(), places_city_km=20_000.0)):
        assert "Tokyo" not in _hits(text)


def test_division_name_opening_with_a_side_word() -> None:
    r = _hits("Clan militias clashed near Jilib (Jilib, Middle Juba) on Tuesday.")
    assert "Middle Juba" in r and r["Middle Juba"]["country"] == "SO"
    assert "Juba" not in r  # not South Sudan's capital


def _event_places(text: str) -> list[tuple[str | None, str | None]]:
    from trucewatch import ingest, pipeline
    from trucewatch.model import Skip

    art = ingest.from_text(text, published="2024-03-02", origin="test:event-place")
    out = []
    for item in pipeline.extract([art]):
        assert not isinstance(item, Skip), item
        for m in item[1]:
            p = m.location.place if m.location else None
            out.append((p.name if p else None, p.country if p else None))
    return out


def test_event_place_prefers_the_text_country_over_a_namesake_abroad() -> None:
    # "Sebastian" alone is a place in Austria; the event is in Colombo
    got = _event_places(
        "On 1 March 2024, a bomb exploded at St Sebastian shrine in Colombo town (Colombo, Western), "
        "killing two people."
    )
    assert got and all(c == "LK" for _, c in got), got


def test_village_of_a_name_abroad_is_not_the_event_place() -> None:
    hits = places.geoparse("On 1 March 2024, gunmen attacked the village of Solhan and then the town of Sebba.")
    assert [r["country"] for r in hits] == ["BF"], [(r["text"], r["country"]) for r in hits]


def test_a_parenthesis_of_places_read_as_an_organisation_still_places_the_event() -> None:
    # spaCy reads "(Mvita, Mombasa)" as an organisation; its words are places, so the event is placed there
    got = _event_places(
        "On 1 March 2024, unknown gunmen abducted a trader coming from a market in Kilindini village "
        "(Mvita, Mombasa)."
    )
    assert got and all(c == "KE" for _, c in got), got


def test_name_followed_by_its_kind_is_a_place() -> None:
    # spaCy reads "Jilib" here as an organisation; "town" after it says it is a place
    r = _hits("Militants took control of Jilib town after clashes.")
    assert r["Jilib"]["country"] == "SO"


def test_a_town_is_the_event_place_before_a_whole_country_in_the_sentence() -> None:
    from trucewatch import clean, ingest, nlp
    from trucewatch.events import link
    from trucewatch.events.extract import _spanned

    text = "Shelling in Ukraine killed two people, officials in Kharkiv said."
    art = ingest.from_text(text, published="2024-03-04", origin="test:coarse")
    clean.segment(art)
    art, parsed = next(nlp.parse([art]))
    ps = parsed[0]
    locs = _spanned(places.annotate(art, parsed), ps)
    assert {s.item.text for s in locs} == {"Ukraine", "Kharkiv"}
    head = next(t for t in ps.doc if t.lemma_ == "kill")
    got = link.best_location(ps.doc, head, head.sent, locs)
    assert got is not None and got.item.text == "Kharkiv"


def test_a_namesake_in_another_state_of_the_written_state_is_not_the_place() -> None:
    # "X camp in Y State": the only X known lies in another first-level division of Y's country
    from trucewatch import places

    other = {r["text"]: r for r in places.geoparse("Gunmen attacked the Ikeja camp in Kano State on Monday.")}
    assert "Ikeja" not in other and other["Kano State"]["country"] == "NG"
    same = {r["text"]: r for r in places.geoparse("Gunmen attacked the Ikeja camp in Lagos State on Monday.")}
    assert same["Ikeja"]["country"] == "NG"  # inside the written state it is kept
