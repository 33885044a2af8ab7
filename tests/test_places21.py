"""Session 21 places steps: a part of a town ("city part"), a name the written hierarchy shows the gazetteer
lacks at every mention ("lacking everywhere"), and the reporting official's area as the event's place.
Sentences written for these tests."""

from __future__ import annotations

import dataclasses

from trucewatch import places
from trucewatch.config import settings, use


def _hits(text: str) -> dict[str, dict]:
    return {r["text"]: r for r in places.geoparse(text)}


def test_a_neighbourhood_is_not_a_village_outside_the_town() -> None:
    # Ngewa is a village about 22 km from Nairobi: written as a neighbourhood of Nairobi it is not that village
    text = "Gunmen shot two traders in the Ngewa neighbourhood of Nairobi on Monday."
    assert "Ngewa" not in _hits(text)
    assert _hits("Gunmen shot two traders in Ngewa on Monday.")["Ngewa"]["country"] == "KE"


def test_city_part_step_follows_its_setting() -> None:
    text = "Gunmen shot two traders in the Ngewa neighbourhood of Nairobi on Monday."
    with use(dataclasses.replace(settings(), places_city_km=60.0)):
        assert _hits(text)["Ngewa"]["country"] == "KE"


def test_every_mention_of_a_city_part_is_the_city_part() -> None:
    text = (
        "Gunmen shot two traders in the Ngewa neighbourhood on Monday. Residents of Ngewa said the police "
        "came late. Ngewa lies in the east of Nairobi city."
    )
    assert "Ngewa" not in _hits(text)


def test_a_place_written_inside_a_city_lies_near_it() -> None:
    # "X, in northern Y city": X is a part of Y, not the village of that name 31 km away
    assert "Zargaran" not in _hits("Police raided homes in Zargaran, in northern Kabul city, on Friday.")
    # the village itself, written inside its province, is still found
    assert _hits("Police raided homes in Zargaran, in Kabul province, on Friday.")["Zargaran"]["country"] == "AF"


def _event_places(text: str) -> list[str | None]:
    from trucewatch import ingest, pipeline
    from trucewatch.model import Skip

    art = ingest.from_text(text, published="2024-05-04", origin="test:places21")
    out = []
    for item in pipeline.extract([art]):
        assert not isinstance(item, Skip), item
        for m in item[1]:
            out.append(m.location.place.name if m.location and m.location.place else None)
    return out


def test_the_reporting_governors_region_is_the_events_place() -> None:
    text = (
        "Shelling hit Odesa and Poltava on Friday, officials said.\n\n"
        '"Two people were killed by the shelling today," Ivan Petrenko, governor of the northern Sumy region, '
        "wrote on Telegram."
    )
    got = _event_places(text)
    assert got[-1] is not None and "Sum" in got[-1], got  # not the text's most named place


def test_a_loose_spelling_in_a_place_parenthesis_is_read_when_an_outer_name_follows() -> None:
    # "Dusamareb" is a transliteration of Dhuusamarreeb, known only loosely: the country after it vouches for it
    r = _hits("Militia fighters gathered in Xoor Qabo village (Dusamareb, Somalia) on Monday.")
    assert r["Dusamareb"]["country"] == "SO"
    # alone in the parenthesis nothing vouches for the loose match
    assert "Dusamareb" not in _hits("Militia fighters gathered in Xoor Qabo village (Dusamareb) on Monday.")


def test_the_event_falls_back_to_the_written_district_town() -> None:
    got = _event_places("Militia fighters attacked Xoor Qabo village (Dusamareb, Somalia) on Monday, killing two.")
    assert got and got[0] == "Dhuusamarreeb", got


def test_a_seat_named_like_its_division_holds_the_division() -> None:
    from trucewatch.places.hierarchy import containment

    gaz = places.load_gazetteer()
    izmail = tuple(r for r in gaz.lookup_exact("Izmail") if gaz.country[r] == "UA")
    odesa = tuple(r for r in gaz.lookup_exact("Odesa") if gaz.country[r] == "UA" and gaz.fclass(r) == "P")
    assert izmail and odesa
    assert places.distance_km(gaz.lat[izmail[0]], gaz.lon[izmail[0]], gaz.lat[odesa[0]], gaz.lon[odesa[0]]) > 100
    assert containment(gaz, izmail, odesa)[0, 0] == 1.0
    # "X in Odesa" is the oblast: a town of it 190 km from the city is not dropped as a namesake
    assert _hits("Drones hit the port of Izmail in Odesa on Monday.")["Izmail"]["country"] == "UA"


def test_a_town_known_only_under_an_alternate_name_abroad_is_not_read_against_the_texts_country() -> None:
    # "Kalo" is an alternate name of Kalaw (Myanmar): in a text about Kenya it is a place the gazetteer lacks
    assert "Kalo" not in _hits("Police raided a farm at Kalo near Mombasa, Kenya, on Friday.")
    # with no country in the text, or only a nationality word, the alternate name still resolves
    assert _hits("Police raided a farm at Kalo on Friday.")["Kalo"]["country"] == "MM"
    assert _hits("Police raided a farm at Kalo near the Kenyan border.")["Kalo"]["country"] == "MM"


def test_a_division_name_with_a_portuguese_particle_is_read_whole() -> None:
    r = _hits("Police seized cattle near Campo Grande, Mato Grosso do Sul, on Friday.")
    assert r["Mato Grosso do Sul"]["country"] == "BR"


def test_a_place_after_a_particle_of_an_unknown_name_is_still_found() -> None:
    r = _hits("Listeners gathered outside Radio Libre du Senegal on Friday.")
    assert r["Senegal"]["country"] == "SN"


def test_a_name_the_written_hierarchy_shows_missing_is_missing_at_every_mention() -> None:
    # "Loma village (Mombasa, Kenya)" is no Loma the gazetteer has: its later mention is not a namesake abroad
    text = "Gunmen burned houses in Loma village (Mombasa, Kenya) on Friday. Residents of Loma fled to the coast."
    assert "Loma" not in _hits(text)
