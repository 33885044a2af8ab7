"""Session 23 places steps (setting ``places_steps_off``): a name before ", Division" holding it ("comma
division"), "X north of Y" as a loose hierarchy ("side of") and the event taking the finer place written inside
the one it was placed at ("finer inside"). Sentences written for these tests."""

from __future__ import annotations

import dataclasses
from types import SimpleNamespace

from trucewatch import places
from trucewatch.config import settings, use
from trucewatch.places import hierarchy


def _hits(text: str, off: tuple[str, ...] = ()) -> dict[str, tuple[str, str]]:
    with use(dataclasses.replace(settings(), places_steps_off=off)):
        return {r["text"]: (r["name"], r["country"]) for r in places.geoparse(text)}


def test_a_name_before_its_division_is_a_place() -> None:
    text = "The coast guard detained 20 migrants off the coast of Karaburun, Izmir on Sunday."
    assert _hits(text)["Karaburun"][1] == "TR"
    assert "Karaburun" not in _hits(text, ("comma division",))


def test_a_name_before_a_division_not_holding_it_is_not_taken() -> None:
    # a person's name before a division's name: no reading of it lies in that division
    hits = _hits("Officials told Mehmet, Izmir residents said on Monday.")
    assert "Mehmet" not in hits


def _item(text: str, start: int) -> SimpleNamespace:
    return SimpleNamespace(text=text, start=start, end=start + len(text), rows=(1,), exact=True, label="GPE")


def test_side_of_is_a_loose_hierarchy() -> None:
    text = "Fighting in Xa north of Yb went on."
    items = [_item("Xa", text.index("Xa")), _item("Yb", text.index("Yb"))]
    (lk,) = hierarchy.links(items, text)
    assert lk.beside and not lk.strict
    with use(dataclasses.replace(settings(), places_steps_off=("side of",))):
        assert hierarchy.links(items, text) == []
    text = "Fighting in Xa, located some 5 km south-east of the town of Yb went on."
    items = [_item("Xa", text.index("Xa")), _item("Yb", text.index("Yb"))]
    assert [lk.beside for lk in hierarchy.links(items, text)] == [True]


def _places(text: str, off: tuple[str, ...] = ()) -> list[str]:
    import datetime as dt

    from trucewatch import ingest, pipeline

    art = ingest.from_text(text, published=dt.date(2024, 5, 4))
    with use(dataclasses.replace(settings(), places_steps_off=off)):
        ((_, found),) = list(pipeline.extract([art]))
    return [m.location.text for m in found if m.location is not None]


def test_the_event_takes_the_finer_place_written_inside() -> None:
    text = "Gunmen attacked a checkpoint in Baghdad on Friday, killing two soldiers in Mahmudiyah district, Baghdad."
    assert _places(text) == ["Mahmudiyah"]
    assert _places(text, ("finer inside",)) == ["Baghdad"]


def test_a_place_in_the_parenthesis_of_the_events_place_is_no_aside() -> None:
    from trucewatch import nlp
    from trucewatch.events import link

    doc = nlp.load()("Police recovered mines in the Kodu town (Ampara North, Ampara district) on Monday.")
    k = [t.i for t in doc if t.text == "Ampara"][-1]
    span = link.Spanned(None, k, k + 1)
    assert link.container_parenthesis(doc, span)
    with use(dataclasses.replace(settings(), places_steps_off=("container parenthesis",))):
        assert not link.container_parenthesis(doc, span)
    doc = nlp.load()("Police recovered mines on Monday (the police in Ampara said).")
    k = [t.i for t in doc if t.text == "Ampara"][-1]
    assert not link.container_parenthesis(doc, link.Spanned(None, k, k + 1))


def test_a_place_naming_an_office_is_not_where() -> None:
    from trucewatch import nlp
    from trucewatch.events import link

    doc = nlp.load()("Gunmen attacked the Kenya President Daniel Moi at a rally in Kisumu on Monday.")
    k = [t.i for t in doc if t.text == "Kenya"][0]
    span = link.Spanned(None, k, k + 1)
    assert link.titles_place(doc, span)
    with use(dataclasses.replace(settings(), places_steps_off=("title place",))):
        assert not link.titles_place(doc, span)
    k = [t.i for t in doc if t.text == "Kisumu"][0]
    assert not link.titles_place(doc, link.Spanned(None, k, k + 1))
    assert _places("Gunmen attacked the Kenya President Daniel Moi at a rally in Kisumu on Monday.") == ["Kisumu"]
