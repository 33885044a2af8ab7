"""Session 22 places steps (setting ``places_steps_off``): a parenthesis ending on a known division ("division
parenthesis") and its
items spelled otherwise ("division spelling"), a person's nationality that does not vote for a country ("person nationality"), small towns'
alternate names that do not prop each other up ("alternate name vote"), a road named by its two towns ("road
between towns"). Sentences written for these tests."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from trucewatch import places
from trucewatch.config import settings, use


def _hits(text: str, off: tuple[str, ...] = ()) -> dict[str, tuple[str, str]]:
    with use(dataclasses.replace(settings(), places_steps_off=off)):
        return {r["text"]: (r["name"], r["country"]) for r in places.geoparse(text)}


def test_items_of_a_division_parenthesis_are_places() -> None:
    # the name before the parenthesis reads as a person's: the district town inside is still a place
    text = "Militants were seen near Xasan Cali (Bossaso, Bari) on Monday."
    assert _hits(text)["Bossaso"] == ("Bosaso", "SO")
    assert "Bossaso" not in _hits(text, ("division parenthesis", "comma division"))  # both read it


def test_an_item_of_a_division_parenthesis_spelled_otherwise() -> None:
    # GeoNames spells the district town "Wanlaweyn"; written inside its region it is that town
    text = "Militias set up a checkpoint in Dhagax village (Wanla Weyn, Lower Shabelle) on Monday."
    assert _hits(text)["Wanla Weyn"] == ("Wanlaweyn", "SO")
    assert "Wanla Weyn" not in _hits(text, ("division spelling",))


def test_a_persons_nationality_does_not_vote_for_a_country() -> None:
    for text in (
        "Gunmen abducted an American near Pama on Monday.",
        "Gunmen abducted a Korean national near Pama on Monday.",
        "Two Americans were kidnapped near Pama on Monday.",
    ):
        assert _hits(text)["Pama"][1] == "BF", text
    assert _hits("Gunmen abducted an American near Pama on Monday.", ("person nationality",))["Pama"][1] == "US"


def test_a_nationality_of_an_institution_still_votes() -> None:
    from trucewatch.nlp import load
    from trucewatch.places.match import _names_a_person

    doc = load()("An American drone hit a car, and a Syrian national was among two Britons.")
    said = {t.text: _names_a_person(doc, t.i) for t in doc if t.text in ("American", "Syrian", "Britons")}
    assert said == {"American": False, "Syrian": True, "Britons": True}


def test_alternate_names_of_small_towns_do_not_prop_each_other_up() -> None:
    text = "Gunmen raided a farm in Fino near Mandera on Monday."
    assert _hits(text)["Mandera"][1] == "KE"
    assert _hits(text, ("alternate name vote",))["Mandera"][1] == "IT"


def test_a_road_named_by_two_towns_is_both_towns(tmp_path: Path, gazetteer_cache: Path) -> None:
    # a gazetteer row spelled almost like the road ("Aleppo - Idleb") must not swallow the two towns
    row = ["99000101", "Aleppo - Idleb", "Aleppo - Idleb", "", "36.0", "36.8", "P", "PPL", "SY", "", "09", "",
           "", "", "0", "", "300", "Asia/Damascus", "2020-01-01"]
    dump = tmp_path / "SY.txt"
    dump.write_text("\t".join(row) + "\n", encoding="utf-8")
    places.import_geonames(dump)
    text = "Troops moved along the Aleppo-Idlib highway on Monday."
    hits = _hits(text)
    assert {"Aleppo", "Idlib"} <= set(hits) and hits["Aleppo"][1] == "SY"
    assert set(_hits(text, ("road between towns",))) == {"Aleppo-Idlib"}
