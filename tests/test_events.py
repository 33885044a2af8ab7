"""Events stage: triggers, roles, modality, linking and codes on real spaCy parses.

Annotations (actors, places, dates, counts) are made by hand here with correct offsets, so the
events stage is tested on its own; one integration test uses the real resolver stages when present.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from extraction import ACTORS, PUBLISHED, find, one, run
from trucewatch.events import TriggerFileError, extract, interaction, load_triggers
from trucewatch.model import (
    ACLED_SUBTYPE_PARENT,
    ACLED_TYPES,
    Annotations,
    Article,
    EventDate,
    Mention,
    Modality,
    ParsedSegment,
    Segment,
    SegmentKind,
)

# --- the trigger dictionary ----------------------------------------------------------------------


def test_dictionary_covers_every_acled_sub_event_type(triggers: Any) -> None:
    coded = set()
    for t in triggers.triggers.values():
        coded.update(x for x in [t.default, *[r.sub_event_type for r in t.rules]] if x)
        coded.update((t.by_actor or {}).values())
    assert coded == set(ACLED_SUBTYPE_PARENT)


def test_analyst_file_adds_a_trigger(tmp_path: Path, nlp: Any) -> None:
    extra = tmp_path / "mine.yaml"
    extra.write_text(
        "triggers:\n  - id: razzia\n    match: [razzia]\n    default: Looting/property destruction\n"
    )
    d = load_triggers([extra])
    assert "razzia" in d.triggers and "clash" in d.triggers
    m = one(run(nlp, d, "A razzia hit the market of Dalia.", places=("Dalia",)))
    assert m.sub_event_type == "Looting/property destruction"


def test_bad_trigger_file_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("triggers:\n  - id: x\n    match: [x]\n    default: Air strike\n")
    with pytest.raises(TriggerFileError, match="sub_event_type"):
        load_triggers([bad])
    worse = tmp_path / "worse.yaml"
    worse.write_text("triggers: [{id: Y}]\n")
    with pytest.raises(TriggerFileError, match="worse.yaml"):
        load_triggers([worse])


# --- one sentence per event type ------------------------------------------------------------------

CASES = [
    ("The army and rebels clashed near Dalia.", "Armed clash"),
    ("The army recaptured the town of Dalia from the rebels.", "Government regains territory"),
    ("The rebels seized the town of Dalia.", "Non-state actor overtakes territory"),
    ("Russian air strikes hit Dalia.", "Air/drone strike"),
    ("The army shelled Dalia with artillery.", "Shelling/artillery/missile attack"),
    ("A roadside bomb exploded in Dalia.", "Remote explosive/landmine/IED"),
    ("A suicide bomber blew himself up at a checkpoint in Dalia.", "Suicide bomb"),
    ("Witnesses said chlorine gas was dropped on Dalia.", "Chemical weapon"),
    ("Attackers threw a grenade into a cafe in Dalia.", "Grenade"),
    ("Gunmen shot dead four civilians in Dalia.", "Attack"),
    ("Militants abducted two aid workers in Dalia.", "Abduction/forced disappearance"),
    ("Soldiers raped a woman in Dalia.", "Sexual violence"),
    ("Hundreds of people protested peacefully in Dalia against price rises.", "Peaceful protest"),
    ("Police used tear gas to disperse a protest in Dalia.", "Protest with intervention"),
    (
        "Security forces opened fire on protesters in Dalia, killing two.",
        "Excessive force against protesters",
    ),
    ("Rioters set fire to cars and threw stones at shops in Dalia.", "Violent demonstration"),
    ("A mob lynched a man accused of theft in Dalia.", "Mob violence"),
    ("The army and the rebels signed a truce in Dalia.", "Agreement"),
    ("Police arrested a local journalist in Dalia.", "Arrests"),
    ("Two commanders defected from the militia to the rebels in Dalia.", "Change to group/activity"),
    ("Engineers defused a bomb planted near a school in Dalia.", "Disrupted weapons use"),
    ("The militia established a new base in Dalia.", "Headquarters or base established"),
    ("Fighters looted shops in Dalia.", "Looting/property destruction"),
    ("The rebels handed over control of Dalia to the army.", "Non-violent transfer of territory"),
    ("Authorities imposed a curfew on Dalia.", "Other"),
]


@pytest.mark.parametrize("text,sub", CASES)
def test_each_sub_event_type(nlp: Any, triggers: Any, text: str, sub: str) -> None:
    acts = tuple(
        a for a in ("army", "rebels", "Russian", "militia", "police", "protesters") if f" {a}" in f" {text}"
    )
    mentions = run(nlp, triggers, text, actors=acts, places=("Dalia",))
    m = one(mentions, sub)
    assert m.event_type == ACLED_SUBTYPE_PARENT[sub]
    assert m.location is not None and m.location.text == "Dalia"
    assert m.cameo or sub == "Other"
    assert m.evidence_for("trigger")[0].text == m.trigger


def test_cases_cover_every_event_type() -> None:
    assert {ACLED_SUBTYPE_PARENT[s] for _, s in CASES} == set(ACLED_TYPES)
    assert {s for _, s in CASES} == set(ACLED_SUBTYPE_PARENT)


def test_labour_strike_is_not_an_air_strike(nlp: Any, triggers: Any) -> None:
    mentions = run(
        nlp,
        triggers,
        "Thousands of dock workers went on strike in Dalia over unpaid wages.",
        places=("Dalia",),
    )
    m = one(mentions)
    assert m.sub_event_type == "Peaceful protest"
    assert m.plover == "PROTEST" and m.cameo == "143"


def test_bombard_alone_is_shelling_and_with_aircraft_an_air_strike(nlp: Any, triggers: Any) -> None:
    """The verb names an attack with shells by itself, like the noun "bombardment"."""
    m = one(
        run(
            nlp,
            triggers,
            "Militia fighters bombarded the hilltop village of Dalia overnight.",
            places=("Dalia",),
        )
    )
    assert m.sub_event_type == "Shelling/artillery/missile attack" and m.trigger == "bombarded"
    m = one(run(nlp, triggers, "Helicopters bombarded the village of Dalia on Monday.", places=("Dalia",)))
    assert m.sub_event_type == "Air/drone strike"


@pytest.mark.parametrize(
    "text",
    [
        "Witnesses said a helicopter circled Dalia before it dropped bombs on the bakery.",
        "Residents said bombs were dropped on the market of Dalia at dawn.",
    ],
)
def test_dropped_bombs_come_from_the_air(nlp: Any, triggers: Any, text: str) -> None:
    m = one(run(nlp, triggers, text, places=("Dalia",)))
    assert m.sub_event_type == "Air/drone strike", (m.trigger, m.sub_event_type)


def test_a_planted_bomb_stays_an_explosive_device(nlp: Any, triggers: Any) -> None:
    m = one(run(nlp, triggers, "A bomb planted under a car exploded in Dalia on Monday.", places=("Dalia",)))
    assert m.sub_event_type == "Remote explosive/landmine/IED"


# --- roles -----------------------------------------------------------------------------------------


def test_passive_voice_agent_is_actor1(nlp: Any, triggers: Any) -> None:
    text = "Three insurgents were attacked by the army near Dalia on Monday."
    m = one(
        run(
            nlp,
            triggers,
            text,
            actors=("insurgents", "army"),
            places=("Dalia",),
            dates={"Monday": dt.date(2019, 6, 10)},
        )
    )
    assert m.actor1 and m.actor1.name == "Military Forces of Xland"
    assert m.actor2 and m.actor2.name == "Xland Opposition Forces"
    assert m.date and m.date.first == dt.date(2019, 6, 10)
    ev = m.evidence_for("actor1")[0]
    assert text[ev.start : ev.end] == "army" and ev.sentence_start == 0


def test_adjectival_and_possessive_actors(nlp: Any, triggers: Any) -> None:
    m = one(run(nlp, triggers, "Russian air strikes pounded Dalia.", actors=("Russian",), places=("Dalia",)))
    assert m.actor1 and m.actor1.actor_id == "russia-military"
    assert m.actor1.inter == 8  # state forces acting outside their country
    m = one(run(nlp, triggers, "The army's offensive on Dalia began.", actors=("army",), places=("Dalia",)))
    assert m.actor1 and m.actor1.actor_id == "xland-military"
    assert m.evidence_for("actor1")[0].method == "modifier"


def test_prepositional_actors(nlp: Any, triggers: Any) -> None:
    text = "Air strikes by Russia on rebel-held areas of Dalia continued."
    m = one(run(nlp, triggers, text, actors=("Russia", "rebel-held"), places=("Dalia",)))
    assert m.actor1 and m.actor1.actor_id == "russia-military"
    assert m.actor2 and m.actor2.actor_id == "xland-opposition" and m.actor2.implied
    assert interaction(m) == 28  # external forces vs rebels


def test_coordination_gives_associated_actors(nlp: Any, triggers: Any) -> None:
    m = one(
        run(
            nlp,
            triggers,
            "The army and the militia attacked the rebels near Dalia.",
            actors=("army", "militia", "rebels"),
            places=("Dalia",),
        )
    )
    assert m.actor1 and m.actor1.name == "Military Forces of Xland"
    assert [a.name for a in m.assoc_actor1] == ["Green Hill Militia"]
    assert m.actor2 and m.actor2.name == "Xland Opposition Forces"


def test_clash_between_coordinated_sides(nlp: Any, triggers: Any) -> None:
    m = one(
        run(
            nlp,
            triggers,
            "The army and rebels fought near Dalia.",
            actors=("army", "rebels"),
            places=("Dalia",),
        )
    )
    assert {m.actor1.name, m.actor2.name} == {"Military Forces of Xland", "Xland Opposition Forces"}  # type: ignore[union-attr]


def test_source_is_never_actor1(nlp: Any, triggers: Any) -> None:
    text = "The monitoring group said air strikes hit Dalia."
    m = one(run(nlp, triggers, text, actors=("monitoring group",), places=("Dalia",)))
    assert m.actor1 is None or m.actor1.kind != "source"
    assert m.attributed_to == "Xland Monitoring Group"
    assert m.modality == Modality.OCCURRED


def test_civilian_victims_become_actor2(nlp: Any, triggers: Any) -> None:
    text = "Five civilians were killed by Russian air strikes in Dalia."
    m = one(
        run(
            nlp,
            triggers,
            text,
            actors=("Russian",),
            places=("Dalia",),
            counts=[("Five civilians were killed", "killed", "civilians", 5, False)],
        )
    )
    assert m.sub_event_type == "Air/drone strike"
    assert m.actor2 and m.actor2.name == "Civilians (Syria)" and m.actor2.inter == 7
    assert m.fatalities == 5 and m.evidence_for("fatalities")


# --- modality --------------------------------------------------------------------------------------

MODALITY_CASES = [
    ("The army bombed Dalia with warplanes.", Modality.OCCURRED),
    ("The army plans to launch an offensive on Dalia.", Modality.ANNOUNCED),
    ("The army will attack Dalia next week.", Modality.ANNOUNCED),
    ("The army threatened to shell Dalia.", Modality.THREATENED),
    ("The rebels claimed responsibility for the bombing of a checkpoint in Dalia.", Modality.CLAIMED),
    ("The army denied shelling Dalia.", Modality.DENIED),
    ("No air strikes were reported in Dalia.", Modality.NEGATED),
    ("The army did not shell Dalia.", Modality.NEGATED),
    ("If the talks fail, the army could shell Dalia.", Modality.HYPOTHETICAL),
]


@pytest.mark.parametrize("text,modality", MODALITY_CASES)
def test_modality(nlp: Any, triggers: Any, text: str, modality: Modality) -> None:
    acts = tuple(a for a in ("army", "rebels") if a in text)
    m = one(run(nlp, triggers, text, actors=acts, places=("Dalia",)))
    assert m.modality == modality
    ev = m.evidence_for("modality")
    assert ev and ev[0].start < ev[0].end


def test_denial_attributed_to_denier(nlp: Any, triggers: Any) -> None:
    m = one(run(nlp, triggers, "The army denied shelling Dalia.", actors=("army",), places=("Dalia",)))
    assert m.attributed_to == "Military Forces of Xland"
    assert m.actor1 and m.actor1.name == "Military Forces of Xland"


def test_party_claiming_its_own_act(nlp: Any, triggers: Any) -> None:
    m = one(
        run(nlp, triggers, "The rebels said they had captured Dalia.", actors=("rebels",), places=("Dalia",))
    )
    assert m.modality == Modality.CLAIMED
    assert m.actor1 and m.actor1.name == "Xland Opposition Forces"
    assert m.attributed_to == "Xland Opposition Forces"


def test_accusation_is_a_claim_by_the_accuser(nlp: Any, triggers: Any) -> None:
    m = one(
        run(
            nlp,
            triggers,
            "The rebels accused the army of shelling Dalia.",
            actors=("rebels", "army"),
            places=("Dalia",),
        )
    )
    assert m.modality == Modality.CLAIMED
    assert m.actor1 and m.actor1.name == "Military Forces of Xland"
    assert m.attributed_to == "Xland Opposition Forces"


# --- linking ---------------------------------------------------------------------------------------


def test_cumulative_counts_are_not_fatalities(nlp: Any, triggers: Any) -> None:
    text = "The war, which has killed more than 300,000 people, saw fresh clashes near Dalia."
    m = one(
        run(
            nlp,
            triggers,
            text,
            places=("Dalia",),
            counts=[("killed more than 300,000 people", "killed", "unknown", 300000, True)],
        )
    )
    assert m.sub_event_type == "Armed clash"
    assert m.fatalities is None and m.counts == []


def test_a_count_goes_to_one_mention_only(nlp: Any, triggers: Any) -> None:
    text = "Shelling hit Dalia and a car bomb exploded in Yarin, killing six civilians."
    ms = run(
        nlp,
        triggers,
        text,
        places=("Dalia", "Yarin"),
        counts=[("killing six civilians", "killed", "civilians", 6, False)],
    )
    assert len(ms) == 2
    assert sum(m.fatalities or 0 for m in ms) == 6
    bomb = one(ms, "Remote explosive/landmine/IED")
    assert bomb.location and bomb.location.text == "Yarin" and bomb.fatalities == 6


def test_attached_place_beats_nearer_place(nlp: Any, triggers: Any) -> None:
    text = "Rebels from Yarin said clashes erupted in Dalia."
    m = one(run(nlp, triggers, text, places=("Yarin", "Dalia")))
    assert m.location and m.location.text == "Dalia"
    assert m.evidence_for("location")[0].confidence >= 0.8


def test_undated_event_gets_publication_date_with_low_confidence(nlp: Any, triggers: Any) -> None:
    m = one(run(nlp, triggers, "Clashes erupted in Dalia.", places=("Dalia",)))
    assert m.date and m.date.first == PUBLISHED and not m.date.resolved
    ev = m.evidence_for("date")[0]
    assert ev.method == "publication-date" and ev.confidence < 0.5


def test_caption_without_own_date_yields_nothing(nlp: Any, triggers: Any) -> None:
    text = "Residents inspect a site hit by air strikes in Dalia."
    assert run(nlp, triggers, text, places=("Dalia",), kind=SegmentKind.CAPTION) == []
    day = PUBLISHED - dt.timedelta(days=1)
    ms = run(nlp, triggers, text, places=("Dalia",), kind=SegmentKind.CAPTION, own_date=day)
    m = one(ms)
    assert m.date and m.date.first == day
    assert m.segment == SegmentKind.CAPTION
    # an archive picture (its own date years before the article) shows background, not news
    old = run(nlp, triggers, text, places=("Dalia",), kind=SegmentKind.CAPTION, own_date=dt.date(2015, 11, 21))
    assert old == []


def test_boilerplate_is_ignored(nlp: Any, triggers: Any) -> None:
    assert run(nlp, triggers, "Air strikes hit Dalia.", kind=SegmentKind.BOILERPLATE) == []


def test_mention_ids_and_evidence_offsets(nlp: Any, triggers: Any) -> None:
    text = "Russian air strikes hit Dalia."
    m = one(run(nlp, triggers, text, actors=("Russian",), places=("Dalia",)))
    assert m.id == Mention.make_id("t1", m.trigger_start, m.trigger_end)
    for ev in m.evidence:
        assert text[ev.start : ev.end] == ev.text
        assert 0 < ev.confidence <= 1
    assert {e.field for e in m.evidence} >= {"trigger", "actor1", "location", "date", "modality", "weapon"}


def test_codes(nlp: Any, triggers: Any) -> None:
    m = one(run(nlp, triggers, "A drone strike hit a car near Dalia.", places=("Dalia",)))
    assert (m.cameo, m.plover, m.plover_mode) == ("1952", "ASSAULT", "drone")
    m = one(run(nlp, triggers, "The army shelled Dalia.", actors=("army",), places=("Dalia",)))
    assert (m.plover, m.plover_mode) == ("ASSAULT", "heavy-weapons")


# --- integration with the real resolver stages --------------------------------------------------


def test_integration_with_real_stages(nlp: Any, triggers: Any) -> None:
    actors = pytest.importorskip("trucewatch.actors")
    places = pytest.importorskip("trucewatch.places")
    dates = pytest.importorskip("trucewatch.dates")
    casualties = pytest.importorskip("trucewatch.casualties")
    for mod, fn in (
        (actors, "annotate"),
        (places, "annotate"),
        (dates, "annotate"),
        (casualties, "annotate"),
    ):
        if not hasattr(mod, fn):
            pytest.skip(f"{mod.__name__}.{fn} not ready")
    try:
        dictionary = actors.load_dictionary()
        gazetteer = places.load_gazetteer()
    except Exception as exc:  # a resolver still being built
        pytest.skip(f"resolver not ready: {exc}")
    text = (
        "Russian warplanes bombed rebel-held areas of Idlib on Monday, killing five civilians, "
        "the Syrian Observatory for Human Rights said."
    )
    art = Article(id="int", text=text, published=dt.date(2016, 4, 12))
    seg = Segment(SegmentKind.BODY, 0, len(text), text)
    art.segments = [seg]
    parsed = [ParsedSegment(seg, nlp(text))]
    ann = Annotations(
        actors=actors.annotate(art, parsed, dictionary),
        locations=places.annotate(art, parsed, gazetteer),
        dates=dates.annotate(art, parsed),
        counts=casualties.annotate(art, parsed),
    )
    m = one(extract(art, parsed, ann, triggers, dictionary))
    assert m.sub_event_type == "Air/drone strike"
    assert m.actor1 and m.actor1.actor_id == "russia-military"
    assert m.attributed_to and "Observatory" in m.attributed_to
    assert m.location and m.location.place and m.location.place.country == "SY"
    assert m.date and m.date.first == dt.date(2016, 4, 11)
    assert m.fatalities == 5


def test_verbless_headline(nlp: Any, triggers: Any) -> None:
    """A headline without a verb (the root is the trigger noun) is read, not looped over."""
    m = one(
        run(
            nlp,
            triggers,
            "Fresh Russian air strikes on Dalia",
            actors=("Russian",),
            places=("Dalia",),
            kind=SegmentKind.HEADLINE,
        )
    )
    assert m.sub_event_type == "Air/drone strike" and m.segment == SegmentKind.HEADLINE
    assert m.location and m.location.text == "Dalia"


# --- counts and dates of two events in one sentence (events.link) -----------------------------------


def test_after_clause_is_another_event_with_its_own_count_and_date(nlp: Any, triggers: Any) -> None:
    text = (
        "Jets bombed the village of Kormin on Friday, killing four people, "
        "one day after eleven people died in an air strike on nearby Bastur."
    )
    fri, thu = dt.date(2019, 6, 7), dt.date(2019, 6, 6)
    ms = run(
        nlp,
        triggers,
        text,
        places=("Kormin", "Bastur"),
        dates={"Friday": fri, "one day after": thu},
        counts=[
            ("killing four people", "killed", "unknown", 4, False),
            ("eleven people died", "killed", "unknown", 11, False),
        ],
    )
    strikes = sorted(ms, key=lambda m: m.trigger_start)
    assert len(strikes) == 2, [(m.trigger, m.sub_event_type) for m in ms]
    first, second = strikes
    assert (first.fatalities, first.date and first.date.first) == (4, fri)
    assert (second.fatalities, second.date and second.date.first) == (11, thu)


def test_running_toll_holds_the_later_deaths(nlp: Any, triggers: Any) -> None:
    text = "The death toll from the car bomb in Dalia rose to 19 after two of the wounded died in hospital."
    m = one(
        run(
            nlp,
            triggers,
            text,
            places=("Dalia",),
            counts=[
                ("19", "killed", "unknown", 19, False),
                ("two of the wounded died", "killed", "unknown", 2, False),
            ],
        )
    )
    assert m.fatalities == 19


def test_result_participle_is_not_a_second_event(nlp: Any, triggers: Any) -> None:
    text = "Helicopters dropped barrel bombs on Yarin on Monday, killing three civilians."
    m = one(
        run(
            nlp,
            triggers,
            text,
            places=("Yarin",),
            dates={"Monday": dt.date(2019, 6, 10)},
            counts=[("killing three civilians", "killed", "civilians", 3, False)],
        )
    )
    assert m.sub_event_type == "Air/drone strike" and m.fatalities == 3


def test_toll_update_day_is_not_the_event_day(nlp: Any, triggers: Any) -> None:
    from trucewatch.events import link

    text = "The number of people killed in Sunday's truck bombing rose to 14 on Tuesday."
    doc = nlp(text)
    sun, tue = dt.date(2019, 6, 9), dt.date(2019, 6, 11)
    spans = []
    for phrase, day in (("Sunday's", sun), ("Tuesday", tue)):
        s, e = find(text, phrase)
        ts = link.token_span(doc, 0, s, e)
        assert ts is not None
        spans.append(link.Spanned(EventDate(phrase, s, e, day, day, 1, 1, True), ts[0], ts[1]))
    rose = next(t for t in doc if t.lower_ == "rose")
    got = link.best_date(doc, rose, rose.sent, spans)
    assert got is not None and got.item.first == sun


def test_cause_after_a_casualty_clause_keeps_its_count(nlp: Any, triggers: Any) -> None:
    # without an interval ("one day after") "after" gives the cause: the deaths are the bombing's
    text = "Six farmers were killed in Kormin after a roadside bomb exploded under their tractor."
    m = one(
        run(
            nlp,
            triggers,
            text,
            places=("Kormin",),
            counts=[("Six farmers were killed", "killed", "civilians", 6, False)],
        )
    )
    assert m.fatalities == 6


def test_two_strikes_each_with_its_toll(nlp: Any, triggers: Any) -> None:
    text = "Jets struck Kormin, killing two women, after rebels shelled Bastur, killing six soldiers."
    ms = run(
        nlp,
        triggers,
        text,
        places=("Kormin", "Bastur"),
        counts=[
            ("killing two women", "killed", "civilians", 2, False),
            ("killing six soldiers", "killed", "combatants", 6, False),
        ],
    )
    by_place = {m.location.text: m.fatalities for m in ms if m.location}
    assert by_place == {"Kormin": 2, "Bastur": 6}, [(m.trigger, m.fatalities) for m in ms]


# --- actor roles: patterns (sentences written for these tests) ------------------------------------------

ACTORS.update(
    {
        "Warplanes": dict(actor_id="xland-military", name="Military Forces of Xland", inter=1, country="SY",
                          side="government", kind="state_forces"),
        "helicopters": dict(actor_id="xland-military", name="Military Forces of Xland", inter=1, country="SY",
                            side="government", kind="state_forces"),
        "suicide bomber": dict(actor_id=None, name="Unidentified Armed Group (Xland)", inter=3, country="SY",
                               kind="armed_group"),
        "Fighters": dict(actor_id=None, name="Unidentified Armed Group (Xland)", inter=3, country="SY",
                         kind="armed_group"),
        "Green Hill Militia": dict(actor_id="ghm", name="Green Hill Militia", inter=3, country="SY", kind="militia"),
        "residents": dict(actor_id=None, name="Civilians (Xland)", inter=7, country="SY", kind="civilians",
                          side="civilian"),
        "people": dict(actor_id=None, name="Civilians (Xland)", inter=7, country="SY", kind="civilians",
                       side="civilian"),
        "mob": dict(actor_id=None, name="Rioters (Xland)", inter=5, country="SY", kind="rioters"),
        "Police": dict(actor_id=None, name="Police Forces of Xland", inter=1, country="SY", kind="police"),
        "military": dict(actor_id="xland-military", name="Military Forces of Xland", inter=1, country="SY",
                         side="government", kind="state_forces"),
        "their fighters": dict(actor_id=None, name="Unidentified Armed Group (Xland)", inter=3, country="SY",
                               kind="armed_group"),
    }
)  # fmt: skip


def _actors(m: Mention) -> tuple[str | None, str | None]:
    return (m.actor1.name if m.actor1 else None, m.actor2.name if m.actor2 else None)


def test_unowned_aircraft_and_bombers_are_unattributed(nlp: Any, triggers: Any) -> None:
    text = "Warplanes bombed a bakery in Dalia at dawn."
    m = one(run(nlp, triggers, text, actors=("Warplanes",), places=("Dalia",)))
    assert _actors(m) == (None, "Civilians (Syria)")  # a bakery is a civilian place
    text = "Government helicopters bombed the outskirts of Dalia."
    m = one(run(nlp, triggers, text, actors=("helicopters",), places=("Dalia",)))
    assert m.actor1 and m.actor1.name == "Military Forces of Xland"  # "government" gives them an owner
    text = "A suicide bomber blew himself up at a checkpoint in Dalia."
    m = one(run(nlp, triggers, text, actors=("suicide bomber",), places=("Dalia",)))
    assert m.sub_event_type == "Suicide bomb" and m.actor1 is None


def test_members_of_a_named_group(nlp: Any, triggers: Any) -> None:
    text = "Fighters of the Green Hill Militia shelled Dalia overnight."
    m = one(run(nlp, triggers, text, actors=("Fighters", "Green Hill Militia"), places=("Dalia",)))
    assert m.actor1 and m.actor1.name == "Green Hill Militia"


def test_between_uses_the_coordination_not_an_apposition(nlp: Any, triggers: Any) -> None:
    text = "Fighting raged between the rebels, backed by the Green Hill Militia, and the army near Dalia."
    m = one(run(nlp, triggers, text, actors=("rebels", "Green Hill Militia", "army"), places=("Dalia",)))
    assert _actors(m) == ("Xland Opposition Forces", "Military Forces of Xland")


def test_allied_coordinate_is_not_the_opponent(nlp: Any, triggers: Any) -> None:
    text = "The rebels and an allied militia fought for Dalia."
    m = one(run(nlp, triggers, text, actors=("rebels", "militia"), places=("Dalia",)))
    assert m.actor1 and m.actor1.name == "Xland Opposition Forces"
    assert m.actor2 is None or m.actor2.name != "Green Hill Militia"


def test_protesters_are_actor1_and_the_force_actor2(nlp: Any, triggers: Any) -> None:
    text = "Several hundred residents marched through Dalia on Friday."
    m = one(run(nlp, triggers, text, actors=("residents",), places=("Dalia",)))
    assert m.event_type == "Protests" and _actors(m) == ("Protesters (Syria)", None)
    text = "Police fired tear gas to break up a rally by residents in Dalia."
    ms = [m for m in run(nlp, triggers, text, actors=("Police", "residents"), places=("Dalia",))
          if m.event_type == "Protests"]  # fmt: skip
    assert ms and _actors(ms[0]) == ("Protesters (Syria)", "Police Forces of Xland")


def test_mob_violence_has_rioters_and_civilian_victims(nlp: Any, triggers: Any) -> None:
    text = "A mob beat a man to death in Dalia after a quarrel."
    m = one(run(nlp, triggers, text, actors=("mob",), places=("Dalia",)))
    assert m.event_type == "Riots" and _actors(m) == ("Rioters (Xland)", "Civilians (Syria)")


def test_victims_of_a_when_clause(nlp: Any, triggers: Any) -> None:
    text = "Five people were killed when the army shelled Dalia."
    m = one(run(nlp, triggers, text, actors=("people", "army"), places=("Dalia",)))
    assert _actors(m) == ("Military Forces of Xland", "Civilians (Xland)")


def test_rockets_fired_from_held_areas(nlp: Any, triggers: Any) -> None:
    text = "Three rockets fired from rebel-held areas hit a school in Dalia."
    m = one(run(nlp, triggers, text, actors=("rebel-held",), places=("Dalia",)))
    assert _actors(m) == ("Xland Opposition Forces", "Civilians (Syria)")


def test_possessive_pronoun_doer_is_the_speaker(nlp: Any, triggers: Any) -> None:
    text = "The rebels said their fighters would storm Dalia within days."
    m = one(run(nlp, triggers, text, actors=("rebels", "their fighters"), places=("Dalia",)))
    assert m.actor1 and m.actor1.name == "Xland Opposition Forces"
    assert m.modality == Modality.ANNOUNCED and m.attributed_to == "Xland Opposition Forces"


def test_reporting_police_are_not_the_rioters(nlp: Any, triggers: Any) -> None:
    text = "Police said a mob torched a bus in Dalia."
    m = one(run(nlp, triggers, text, actors=("Police", "mob"), places=("Dalia",)))
    assert m.actor1 and m.actor1.name == "Rioters (Xland)"


def test_accuser_is_the_target_of_the_accused_act(nlp: Any, triggers: Any) -> None:
    text = "The rebels accused the army of shelling their trenches near Dalia."
    m = one(run(nlp, triggers, text, actors=("rebels", "army"), places=("Dalia",)))
    assert _actors(m) == ("Military Forces of Xland", "Xland Opposition Forces")


def test_arrested_suspects_are_not_civilians(nlp: Any, triggers: Any) -> None:
    text = "Police arrested two men suspected of smuggling cigarettes in Dalia."
    m = one(run(nlp, triggers, text, actors=("Police",), places=("Dalia",)))
    assert m.sub_event_type == "Arrests" and m.actor2 is None
    text = "Police detained dozens of men in Dalia during a night raid on homes."
    m = one(run(nlp, triggers, text, actors=("Police",), places=("Dalia",)), "Arrests")
    assert m.actor2 and m.actor2.name == "Civilians (Syria)"


def test_quantity_noun_before_the_event_noun(nlp: Any, triggers: Any) -> None:
    text = "The army carried out dozens of air strikes on rebel-held villages near Dalia."
    m = one(run(nlp, triggers, text, actors=("army", "rebel-held"), places=("Dalia",)))
    assert _actors(m) == ("Military Forces of Xland", "Xland Opposition Forces")


def test_military_adjective_is_not_a_target(nlp: Any, triggers: Any) -> None:
    text = "The militia set up a military base near Dalia."
    m = one(run(nlp, triggers, text, actors=("militia", "military"), places=("Dalia",)))
    assert m.actor1 and m.actor1.name == "Green Hill Militia" and m.actor2 is None


def test_gerund_after_by_takes_the_main_subject(nlp: Any, triggers: Any) -> None:
    text = "The rebels retaliated by shelling the army barracks in Dalia."
    ms = run(nlp, triggers, text, actors=("rebels", "army"), places=("Dalia",))
    m = one(ms, "Shelling/artillery/missile attack")
    assert _actors(m) == ("Xland Opposition Forces", "Military Forces of Xland")


def test_clashes_sparked_by_an_attack_take_its_sides(nlp: Any, triggers: Any) -> None:
    text = "The militia stormed army posts outside Dalia, sparking fierce clashes."
    ms = run(nlp, triggers, text, actors=("militia", "army"), places=("Dalia",))
    assert ms and all(_actors(m) == ("Green Hill Militia", "Military Forces of Xland") for m in ms)


def test_side_that_withdrew_lost_the_territory(nlp: Any, triggers: Any) -> None:
    # (with fighting told: a withdrawal with no fight is a non-violent transfer, see test_real_conventions)
    text = "The army took full control of Dalia after the rebels withdrew overnight under heavy shelling."
    ms = run(nlp, triggers, text, actors=("army", "rebels"), places=("Dalia",))
    m = one(ms, "Government regains territory")
    assert _actors(m) == ("Military Forces of Xland", "Xland Opposition Forces")


def test_party_reporting_others_act_is_a_source(nlp: Any, triggers: Any) -> None:
    text = "Police said a mob set fire to a shop in Dalia on Sunday."
    m = one(run(nlp, triggers, text, actors=("Police", "mob"), places=("Dalia",)))
    assert m.modality == Modality.OCCURRED and m.attributed_to == "Police Forces of Xland"
    assert m.actor1 and m.actor1.name == "Rioters (Xland)"


def test_parenthetical_speaker_of_a_conditional_threat(nlp: Any, triggers: Any) -> None:
    text = "If the talks fail, the rebels warned, their fighters would attack Dalia again."
    m = one(run(nlp, triggers, text, actors=("rebels", "their fighters"), places=("Dalia",)))
    assert m.modality == Modality.HYPOTHETICAL and m.attributed_to == "Xland Opposition Forces"
    assert m.actor1 and m.actor1.name == "Xland Opposition Forces"


def test_speaker_whose_own_side_was_hit_makes_a_claim(nlp: Any, triggers: Any) -> None:
    text = "The rebels said the army had shelled their trenches near Dalia for hours."
    m = one(run(nlp, triggers, text, actors=("rebels", "army"), places=("Dalia",)))
    assert m.modality == Modality.CLAIMED and m.attributed_to == "Xland Opposition Forces"
    assert m.actor1 and m.actor1.name == "Military Forces of Xland"


def test_party_report_of_its_own_arrests_is_not_a_claim(nlp: Any, triggers: Any) -> None:
    text = "Police said they had arrested three smugglers in Dalia."
    m = one(run(nlp, triggers, text, actors=("Police",), places=("Dalia",)))
    assert m.sub_event_type == "Arrests" and m.modality == Modality.OCCURRED
    assert m.actor1 and m.actor1.name == "Police Forces of Xland"


def test_declaring_a_measure_is_the_event(nlp: Any, triggers: Any) -> None:
    m = one(run(nlp, triggers, "The army declared a curfew in Dalia.", actors=("army",), places=("Dalia",)))
    assert m.modality == Modality.OCCURRED
    text = "The army announced an offensive on Dalia."
    m = one(run(nlp, triggers, text, actors=("army",), places=("Dalia",)))
    assert m.modality == Modality.ANNOUNCED


def test_force_firing_at_protesters_is_actor2(nlp: Any, triggers: Any) -> None:
    text = "The army fired rubber bullets at protesters in Dalia."
    m = one(run(nlp, triggers, text, actors=("army", "protesters"), places=("Dalia",)))
    assert m.event_type == "Protests"
    assert _actors(m) == ("Protesters (Xland)", "Military Forces of Xland")


def test_background_and_attributive_triggers_make_no_mention(nlp: Any, triggers: Any) -> None:
    """History, absence and attributive uses are not news; the strike in the same text still is."""
    text = (
        "Jets struck the besieged town of Kafr Dahab on Monday, killing four people. "
        "The militants first seized the town in June 2013. "
        "Residents had enjoyed a lull in fighting since the truce."
    )
    found = run(nlp, triggers, text, places=("Kafr Dahab",))
    assert [m.sub_event_type for m in found] == ["Air/drone strike"], [
        (m.trigger, m.sub_event_type) for m in found
    ]
    kept = run(nlp, triggers, "No air raids were reported in Kafr Dahab on Monday.", places=("Kafr Dahab",))
    assert [m.modality.value for m in kept] == ["negated"]


# --- one event per act: circumstances, results and tallies (sentences written for this test) ---


def test_trigger_in_a_circumstance_phrase_joins_the_event(nlp: Any, triggers: Any) -> None:
    text = "The garrison surrendered the fort under heavy shelling on Monday."
    ms = run(nlp, triggers, text)
    assert len(ms) == 1, [(m.trigger, m.sub_event_type) for m in ms]


def test_withdrawal_after_a_capture_is_the_same_change_of_control(nlp: Any, triggers: Any) -> None:
    text = "The army captured the town of Qarin on Monday after the rebels withdrew from it under heavy shelling."
    ms = run(nlp, triggers, text, actors=("army", "rebels"), places=("Qarin",))
    m = one(ms)
    assert m.sub_event_type == "Government regains territory"
    assert _actors(m) == ("Military Forces of Xland", "Xland Opposition Forces")


def test_object_of_a_result_participle_is_no_new_event(nlp: Any, triggers: Any) -> None:
    text = "The rebels withdrew from the hill town of Qarin on Monday, leaving booby traps in the houses."
    ms = run(nlp, triggers, text, actors=("rebels",), places=("Qarin",))
    assert len(ms) == 1 and ms[0].sub_event_type != "Remote explosive/landmine/IED"


def test_attempted_seizure_is_no_change_of_territory(nlp: Any, triggers: Any) -> None:
    text = "The rebels tried to seize the checkpoint near Qarin on Monday but were pushed back."
    ms = run(nlp, triggers, text, actors=("rebels",), places=("Qarin",))
    assert not [
        m
        for m in ms
        if m.sub_event_type in ("Non-state actor overtakes territory", "Government regains territory")
    ]


def test_share_of_many_places_is_no_single_capture(nlp: Any, triggers: Any) -> None:
    text = "The army has retaken most of the villages that the rebels held near Qarin."
    assert run(nlp, triggers, text, actors=("army", "rebels"), places=("Qarin",)) == []


def test_weapons_store_needs_an_act_and_reinforcements_are_no_event(nlp: Any, triggers: Any) -> None:
    assert (
        run(
            nlp,
            triggers,
            "The rebels said their arms depots would be moved to the hills.",
            actors=("rebels",),
        )
        == []
    )
    assert (
        run(
            nlp,
            triggers,
            "The army said it was sending reinforcements to Qarin.",
            actors=("army",),
            places=("Qarin",),
        )
        == []
    )
    m = one(
        run(
            nlp,
            triggers,
            "The police seized a weapons cache in Qarin on Monday.",
            actors=("police",),
            places=("Qarin",),
        )
    )
    assert m.sub_event_type == "Disrupted weapons use"


def test_running_toll_with_its_cause_is_no_event(nlp: Any, triggers: Any) -> None:
    text = "Clashes between the army and the rebels have killed 80 people in Qarin since January."
    assert (
        run(
            nlp,
            triggers,
            text,
            actors=("army", "rebels"),
            places=("Qarin",),
            counts=[("80 people", "killed", "people", 80, False)],
        )
        == []
    )


def test_withdrawal_from_a_place_hands_it_over_and_a_move_is_no_event(nlp: Any, triggers: Any) -> None:
    m = one(
        run(
            nlp,
            triggers,
            "The rebels withdrew from the hill village of Qarin on Monday.",
            actors=("rebels",),
            places=("Qarin",),
        )
    )
    assert m.sub_event_type == "Non-violent transfer of territory"
    m = one(
        run(nlp, triggers, "The rebels pulled out of Qarin on Monday.", actors=("rebels",), places=("Qarin",))
    )
    assert m.sub_event_type == "Non-violent transfer of territory"
    # a retreat alone is a change of activity; next to the capture it belongs to, it is that capture
    alone = one(
        run(nlp, triggers, "The rebels withdrew eastwards towards the desert on Monday.", actors=("rebels",))
    )
    assert alone.sub_event_type == "Change to group/activity"
    text = "The army recaptured Qarin on Monday. The rebels withdrew eastwards towards the desert."
    m = one(run(nlp, triggers, text, actors=("army", "rebels"), places=("Qarin",)))
    assert m.sub_event_type == "Government regains territory"


def test_protesters_storming_a_building_riot_and_blast_walls_are_no_blast(nlp: Any, triggers: Any) -> None:
    text = "Hundreds of protesters stormed the ministry in Qarin on Monday."
    m = one(run(nlp, triggers, text, actors=("protesters",), places=("Qarin",)))
    assert m.sub_event_type == "Violent demonstration"
    assert (
        run(nlp, triggers, "Workers put up blast walls around the ministry in Qarin.", places=("Qarin",))
        == []
    )


def test_habits_and_policy_statements_are_no_events(nlp: Any, triggers: Any) -> None:
    text = "The militia often raids farms and burns crops in the valley."
    assert run(nlp, triggers, text, actors=("militia",)) == []
    text = "The ministry says its jets strike only militant camps in the north."
    assert run(nlp, triggers, text) == []
    dated = "The ministry says its jets struck militant camps in the north on Monday."
    assert len(run(nlp, triggers, dated, dates={"Monday": dt.date(2019, 6, 10)})) == 1


def test_purpose_infinitive_is_part_of_the_operation(nlp: Any, triggers: Any) -> None:
    text = "The army launched an offensive on Monday to recapture the town of Qarin from the rebels."
    m = one(run(nlp, triggers, text, actors=("army", "rebels"), places=("Qarin",)))
    assert m.actor1 is not None and m.actor1.name == "Military Forces of Xland"


def test_agreement_named_as_a_frame_is_no_new_agreement(nlp: Any, triggers: Any) -> None:
    text = "The rebels moved heavy guns that are banned under the peace agreement closer to Qarin."
    ms = run(nlp, triggers, text, actors=("rebels",), places=("Qarin",))
    assert not [m for m in ms if m.sub_event_type == "Agreement"]


def test_result_of_a_subordinate_subject_trigger_is_no_second_event(nlp: Any, triggers: Any) -> None:
    text = (
        "In the north, mortar rounds fired from rebel-held hills crashed into the market of Qarin on Friday "
        "evening, killing four civilians and wounding nine, the agency reported."
    )
    ms = run(
        nlp, triggers, text, places=("Qarin",), counts=[("four civilians", "killed", "civilians", 4, False)]
    )
    m = one(ms)
    assert m.sub_event_type == "Shelling/artillery/missile attack" and m.fatalities == 4


def test_a_type_read_from_context_outranks_one_read_from_the_trigger_word(nlp: Any, triggers: Any) -> None:
    """ "Jets bombed the market" (aircraft in the clause) and "the bombing" (the word alone) retell one
    event: the merged event takes the type its context shows."""
    from trucewatch import dedup

    text = "The bombing of the market in Dalia killed 40 people on Tuesday. Jets bombed the market in Dalia."
    ms = run(nlp, triggers, text, places=("Dalia",), dates={"on Tuesday": PUBLISHED})
    bombing = next(m for m in ms if m.trigger == "bombing")
    jets = next(m for m in ms if m.trigger == "bombed")
    assert jets.sub_event_type == "Air/drone strike" and jets.confidence > bombing.confidence
    (merged,) = [e for e in dedup.within_article(ms, source="T") if bombing.id in e.mention_ids]
    assert jets.id in merged.mention_ids and merged.sub_event_type == "Air/drone strike"
