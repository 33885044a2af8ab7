"""The country of an event's generic actors (issue 14, ACLED's "Protesters (X)", "Civilians (X)"): rule
``actors.namesake-abroad`` of phase ``actor-country`` (events/country.py). The places below are invented names
(made-up gazetteer rows, as the places stage would hand them over); the actors come from the real dictionary."""

from __future__ import annotations

from typing import Any

import pytest

from trucewatch import config
from trucewatch.actors import load_dictionary
from trucewatch.events import country
from trucewatch.model import ActorRef, Location, Place

RULE = "actors.namesake-abroad"


@pytest.fixture(scope="module")
def dictionary() -> Any:
    return load_dictionary()


def _loc(text: str, name: str, iso: str, others: tuple[str, ...] = (), start: int = 0, code: str = "PPL") -> Location:
    place = Place(geonameid=1, name=name, country=iso, lat=0.0, lon=0.0,
                  feature_class="A" if code.startswith("PCL") else "P", feature_code=code)
    cands = [(1, name, iso, 0.8)] + [(2 + i, name, c, 0.1) for i, c in enumerate(others)]
    return Location(text=text, start=start, end=start + len(text), place=place, candidates=cands)


def _ref(dictionary: Any, phrase: str, start: int = 50) -> ActorRef:
    actor = dictionary.resolve(phrase)
    assert actor is not None, phrase
    return actor.mention(phrase, start, start + len(phrase), 0.9)


def _country(place: Location, locs: list[Location], refs: list[ActorRef], dictionary: Any,
             off: tuple[str, ...] = ()) -> str | None:
    with config.use(config.Settings(rules_off=off)):
        return country.event_country(place, [place, *locs], refs, dictionary, None)


def test_a_namesake_abroad_does_not_decide_the_country_of_a_party_protest(dictionary: Any):
    # "Supporters of the SLPP protested in Zembla": the gazetteer's best Zembla is in Brazil, a smaller one in Sri Lanka
    place = _loc("Zembla", "Zembla", "BR", others=("LK",))
    party = _ref(dictionary, "SLPP")
    assert party.country == "LK"
    assert _country(place, [], [party], dictionary) == "LK"
    assert _country(place, [], [party], dictionary, off=(RULE,)) == "BR"


def test_a_place_matched_to_another_name_gives_way_to_the_other_places_of_the_text(dictionary: Any):
    # "Qorvath" matched to a town of another name abroad; the text's other place lies in Kenya
    place = _loc("Qorvath", "Santelmo Alto", "IT")
    other = _loc("Lomeru", "Lomeru", "KE", start=30)
    assert _country(place, [other], [], dictionary) == "KE"
    assert _country(place, [other], [], dictionary, off=(RULE,)) == "IT"


def test_foreign_forces_never_outvote_the_place(dictionary: Any):
    # "Israeli troops shelled Qorvath": the forces act abroad; the place's country stands
    place = _loc("Qorvath", "Santelmo Alto", "LB")
    troops = _ref(dictionary, "Israeli troops")
    assert troops.country == "IL"
    assert _country(place, [], [troops], dictionary) == "LB"


def test_a_place_whose_country_the_text_names_again_stands(dictionary: Any):
    # the place is fuzzy, but an actor of its country is named: nothing says it is a namesake
    place = _loc("Zembla", "Porto Zembrano", "BR", others=("LK",))
    party = _ref(dictionary, "SLPP")
    home = _loc("Porto Vermelho", "Porto Vermelho", "BR", start=40)
    assert _country(place, [home], [party], dictionary) == "BR"


def test_an_exact_place_the_gazetteer_knows_only_abroad_stands(dictionary: Any):
    # exact name, no candidate in the actors' country: the place is taken at its word
    place = _loc("Zembla", "Zembla", "BR")
    party = _ref(dictionary, "SLPP")
    assert _country(place, [], [party], dictionary) == "BR"


def test_a_country_named_in_passing_gives_way_to_the_towns(dictionary: Any):
    # "protesters in Lomeru denounced the war in Ukraine": the event read at the country, the town elsewhere
    place = _loc("Ukraine", "Ukraine", "UA", code="PCLI")
    town = _loc("Lomeru", "Lomeru", "RU", start=30)
    assert _country(place, [town], [], dictionary) == "RU"
    capital = _loc("Rodina", "Rodina", "BY", start=60, code="PCLI")  # another country is no town
    assert _country(place, [capital], [], dictionary) == "UA"


def test_a_text_that_does_not_agree_leaves_the_place(dictionary: Any):
    place = _loc("Qorvath", "Santelmo Alto", "IT")
    a = _loc("Lomeru", "Lomeru", "KE", start=30)
    b = _loc("Porto Vermelho", "Porto Vermelho", "BR", start=60)
    assert _country(place, [a, b], [], dictionary) == "IT"


def test_no_place_takes_the_fallback(dictionary: Any):
    assert country.event_country(None, [], [], dictionary, "KE") == "KE"
    assert country.event_country(Location("Nowhere", 0, 7), [], [], dictionary, "KE") == "KE"


# --- actor names: a member noun after a bracketed force, a definite force after a named unit -------------------

@pytest.fixture(scope="module")
def res() -> Any:
    from trucewatch import nlp as nlp_stage
    from trucewatch import pipeline

    try:
        return pipeline.resources()
    except nlp_stage.ModelMissing as exc:
        pytest.skip(str(exc))


def _refs(res: Any, text: str, off: tuple[str, ...] = ()) -> list[ActorRef]:
    import datetime as dt

    from trucewatch import actors, clean, nlp
    from trucewatch.model import Article

    art = Article(id="t", text=text, published=dt.date(2025, 3, 5), language="en")
    clean.segment(art)
    with config.use(config.Settings(rules_off=off)):
        (a, parsed), = list(nlp.parse([art]))
        return actors.annotate(a, parsed, res.dictionary)


def _named(found: list[ActorRef], word: str) -> str | None:
    return next((r.name for r in found if r.text == word), None)


SWSPF = "Police Forces of Somalia Southwest Special Police Forces"
DERVISH = "Military Forces of Somalia Puntland Dervish Force"


def test_a_member_noun_after_a_bracketed_force_is_that_force(res: Any):
    text = "On Monday, Southwest Special Police Forces (SWSPF) troops set up a camp outside a village."
    assert _named(_refs(res, text), "troops") == SWSPF
    assert _named(_refs(res, text, ("actors.bracket-member-noun",)), "troops") != SWSPF


def test_a_definite_force_after_a_named_unit_is_that_unit(res: Any):
    text = "Puntland Dervish forces took a hilltop base on Monday. Two days later the forces left it again."
    assert _named(_refs(res, text), "forces") == DERVISH
    assert _named(_refs(res, text, ("actors.definite-unit",)), "forces") != DERVISH


def test_another_force_between_keeps_the_definite_force_generic(res: Any):
    text = ("Puntland Dervish forces took a hilltop base on Monday. Ethiopian troops arrived on Tuesday. "
            "Later the forces left it again.")
    assert _named(_refs(res, text), "forces") != DERVISH


def test_a_people_named_before_ethnic_militia_is_acleds_named_ethnic_militia(res: Any):
    text = "Members of the Zorani ethnic militia killed a herder near a well on Monday."
    found = _refs(res, text)
    assert any((r.name or "").startswith("Zorani Ethnic Militia") for r in found), [r.name for r in found]
    off = _refs(res, text, ("actors.named-militia",))
    assert not any((r.name or "").startswith("Zorani") for r in off)
    assert any((r.name or "").startswith("Unidentified Ethnic Militia") for r in off)


def test_a_community_named_before_communal_militia_and_the_bare_role(res: Any):
    text = "The Kelu communal militia burned two huts on Monday. An ethnic militia looted a shop."
    got = [r.name or "" for r in _refs(res, text)]
    assert any(n.startswith("Kelu Communal Militia") for n in got), got
    assert any(n.startswith("Unidentified Ethnic Militia") for n in got), got  # no name before it: unidentified


def test_a_party_in_brackets_after_an_unknown_body_is_the_party(res: Any):
    text = "The chairman of the Velomba Town Board (UNP) and his supporters assaulted two rivals on Monday."
    found = _refs(res, text)
    first = min(found, key=lambda r: r.start)
    assert first.text.startswith("Velomba") and first.kind == "political", [(r.text, r.name) for r in found]
    off = _refs(res, text, ("actors.bracketed-name",))
    assert min(off, key=lambda r: r.start).kind != "political"


def test_a_member_noun_shared_with_an_unknown_name_is_the_named_groups(res: Any):
    text = "Koglweogo and Tarembo militiamen burned a granary on Monday."
    assert _named(_refs(res, text), "militiamen") == "Koglweogo Militia"
    assert _named(_refs(res, text, ("actors.shared-member-noun",)), "militiamen") != "Koglweogo Militia"


@pytest.mark.parametrize(("phrase", "name"), [
    ("Dozo militiamen", "Dozo Communal Militia (Burkina Faso)"),
    ("Fulani gunmen", "Fulani Ethnic Militia (Burkina Faso)"),
    ("an unidentified group", "Unidentified Armed Group (Burkina Faso)"),
])
def test_militias_acled_names_after_a_people_take_the_events_country(dictionary: Any, phrase: str, name: str):
    words = phrase.split()
    actor = dictionary.resolve(" ".join(words[1:]) if words[0] == "an" else phrase, country="BF")
    assert actor is not None and actor.name == name


def test_a_place_spelled_otherwise_stands(dictionary: Any):
    # "Talbiseh" matched to "Tallbisah": another transliteration of the same name, not a namesake
    place = _loc("Talbiseh", "Tallbisah", "SY")
    other = _loc("Lomeru", "Lomeru", "LY", start=30)
    assert _country(place, [other], [], dictionary) == "SY"
    with config.use(config.Settings(actors_place_name_similarity=0.99)):
        assert country.event_country(place, [place, other], [], dictionary, None) == "LY"


# --- convention.party-victims ---------------------------------------------------------------------------------

def _mentions(res: Any, text: str, off: tuple[str, ...] = ()) -> list[Any]:
    import datetime as dt

    from trucewatch import pipeline
    from trucewatch.model import Article

    art = Article(id="t", text=text, published=dt.date(2025, 3, 5), language="en")
    with config.use(config.Settings(rules_off=off)):
        out = list(pipeline.extract([art], res=res))
    assert len(out) == 1
    return out[0][1]


def test_party_supporters_attacked_are_civilians_with_the_party_associated(res: Any):
    text = "A group of men assaulted two UNP supporters in Galle on Monday."
    ms = [m for m in _mentions(res, text) if m.event_type in ("Riots", "Violence against civilians")]
    assert ms, "an assault on people"
    m = ms[0]
    assert m.actor2 is not None and m.actor2.name == "Civilians (Sri Lanka)"
    assert any(a.kind == "political" for a in m.assoc_actor2)
    off = [m for m in _mentions(res, text, ("convention.party-victims",)) if m.event_type == ms[0].event_type]
    assert off[0].actor2 is not None and off[0].actor2.kind == "political"
