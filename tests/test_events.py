"""Events stage: triggers, roles, modality, linking and codes on real spaCy parses.

Annotations (actors, places, dates, counts) are made by hand here with correct offsets, so the
events stage is tested on its own; one integration test uses the real resolver stages when present.
Most checks are case tables (every sentence written for these tests): ``ONE_EVENT`` (the sentence gives
exactly one mention, of ``pick`` type when set, whose fields are ``expect``) and ``NO_EVENT`` (the sentence
gives no mention, or none of the types in ``none_of``). Checks that need more than that stay functions.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
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

# Actors the sentences below name, besides those of extraction.ACTORS.
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

ARMY = "Military Forces of Xland"
REBELS = "Xland Opposition Forces"
MILITIA = "Green Hill Militia"
POLICE = "Police Forces of Xland"
RIOTERS = "Rioters (Xland)"
SY_CIVILIANS = "Civilians (Syria)"
XLAND_CIVILIANS = "Civilians (Xland)"
MONDAY = dt.date(2019, 6, 10)


class Not:
    """An expected value that says only what the field must not be (``None`` passes)."""

    def __init__(self, value: Any) -> None:
        self.value = value

    def __eq__(self, other: object) -> bool:
        return other != self.value

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Not({self.value!r})"


@dataclass(frozen=True, eq=False)
class Case:
    """One sentence and what the resolvers would have found in it (see ``extraction.run``).

    ``expect`` maps a field to its value: an attribute path of the mention ("actor1.name", "date.first"),
    "actors" (actor1 and actor2 names), "sides" (the set of both names), "assoc_actor1" (names),
    "interaction", "evidence.<field>" (has evidence) or "evidence.<field>.<attribute>" (of the first).
    """

    id: str
    text: str
    actors: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    dates: dict[str, dt.date] | None = None
    counts: list[tuple[Any, ...]] | None = None
    kind: SegmentKind = SegmentKind.BODY
    pick: str | None = None  # the sub-event type of the one mention checked (others may exist)
    none_of: tuple[str, ...] = ()  # NO_EVENT only: no mention of these types (empty: no mention at all)
    expect: dict[str, Any] = field(default_factory=dict)

    def run(self, nlp: Any, triggers: Any) -> list[Mention]:
        return run(
            nlp, triggers, self.text, actors=self.actors, places=self.places, dates=self.dates,
            counts=self.counts, kind=self.kind,
        )  # fmt: skip


def read(m: Mention, key: str) -> Any:
    """The value of one ``Case.expect`` key on a mention."""
    if key == "actors":
        return _actors(m)
    if key == "sides":
        return set(_actors(m))
    if key == "assoc_actor1":
        return [a.name for a in m.assoc_actor1]
    if key == "interaction":
        return interaction(m)
    if key.startswith("evidence."):
        name, _, attr = key.removeprefix("evidence.").partition(".")
        evs = m.evidence_for(name)
        if not attr:
            return bool(evs)
        return getattr(evs[0], attr) if evs else None
    value: Any = m
    for attr in key.split("."):
        if value is None:
            return None
        value = getattr(value, attr)
    return value


def _actors(m: Mention) -> tuple[str | None, str | None]:
    return (m.actor1.name if m.actor1 else None, m.actor2.name if m.actor2 else None)


ONE_EVENT = [
    # --- event types ---
    Case("labour-strike-is-not-an-air-strike",
         "Thousands of dock workers went on strike in Dalia over unpaid wages.", places=("Dalia",),
         expect={"sub_event_type": "Peaceful protest", "plover": "PROTEST", "cameo": "143"}),
    # the verb names an attack with shells by itself, like the noun "bombardment"; with aircraft an air strike
    Case("bombard-alone-is-shelling",
         "Militia fighters bombarded the hilltop village of Dalia overnight.", places=("Dalia",),
         expect={"sub_event_type": "Shelling/artillery/missile attack", "trigger": "bombarded"}),
    Case("bombard-with-aircraft-is-an-air-strike",
         "Helicopters bombarded the village of Dalia on Monday.", places=("Dalia",),
         expect={"sub_event_type": "Air/drone strike"}),
    Case("bombs-dropped-by-a-helicopter",
         "Witnesses said a helicopter circled Dalia before it dropped bombs on the bakery.", places=("Dalia",),
         expect={"sub_event_type": "Air/drone strike"}),
    Case("bombs-dropped-on-a-market",
         "Residents said bombs were dropped on the market of Dalia at dawn.", places=("Dalia",),
         expect={"sub_event_type": "Air/drone strike"}),
    Case("planted-bomb-stays-an-explosive-device",
         "A bomb planted under a car exploded in Dalia on Monday.", places=("Dalia",),
         expect={"sub_event_type": "Remote explosive/landmine/IED"}),
    # --- roles ---
    Case("adjectival-actor",
         "Russian air strikes pounded Dalia.", actors=("Russian",), places=("Dalia",),
         expect={"actor1.actor_id": "russia-military",
                 "actor1.inter": 8}),  # state forces acting outside their country
    Case("possessive-actor",
         "The army's offensive on Dalia began.", actors=("army",), places=("Dalia",),
         expect={"actor1.actor_id": "xland-military", "evidence.actor1.method": "modifier"}),
    Case("prepositional-actors",
         "Air strikes by Russia on rebel-held areas of Dalia continued.", actors=("Russia", "rebel-held"),
         places=("Dalia",),
         expect={"actor1.actor_id": "russia-military", "actor2.actor_id": "xland-opposition",
                 "actor2.implied": True, "interaction": 28}),  # external forces vs rebels
    Case("coordination-gives-associated-actors",
         "The army and the militia attacked the rebels near Dalia.", actors=("army", "militia", "rebels"),
         places=("Dalia",),
         expect={"actor1.name": ARMY, "assoc_actor1": [MILITIA], "actor2.name": REBELS}),
    Case("clash-between-coordinated-sides",
         "The army and rebels fought near Dalia.", actors=("army", "rebels"), places=("Dalia",),
         expect={"sides": {ARMY, REBELS}}),
    Case("source-is-never-actor1",
         "The monitoring group said air strikes hit Dalia.", actors=("monitoring group",), places=("Dalia",),
         expect={"actor1.kind": Not("source"), "attributed_to": "Xland Monitoring Group",
                 "modality": Modality.OCCURRED}),
    Case("civilian-victims-become-actor2",
         "Five civilians were killed by Russian air strikes in Dalia.", actors=("Russian",), places=("Dalia",),
         counts=[("Five civilians were killed", "killed", "civilians", 5, False)],
         expect={"sub_event_type": "Air/drone strike", "actor2.name": SY_CIVILIANS, "actor2.inter": 7,
                 "fatalities": 5, "evidence.fatalities": True}),
    Case("unowned-aircraft-are-unidentified-military-forces",  # ACLED's name for an unnamed state's strike
         "Warplanes bombed a bakery in Dalia at dawn.", actors=("Warplanes",), places=("Dalia",),
         expect={"actors": ("Unidentified Military Forces", SY_CIVILIANS)}),  # a bakery is a civilian place
    Case("government-aircraft-have-an-owner",
         "Government helicopters bombed the outskirts of Dalia.", actors=("helicopters",), places=("Dalia",),
         expect={"actor1.name": ARMY}),
    Case("suicide-bomber-is-an-unidentified-armed-group",  # ACLED's convention for an unnamed attacker
         "A suicide bomber blew himself up at a checkpoint in Dalia.", actors=("suicide bomber",),
         places=("Dalia",),
         expect={"sub_event_type": "Suicide bomb", "actor1.name": "Unidentified Armed Group (Syria)"}),
    Case("members-of-a-named-group",
         "Fighters of the Green Hill Militia shelled Dalia overnight.", actors=("Fighters", "Green Hill Militia"),
         places=("Dalia",),
         expect={"actor1.name": MILITIA}),
    Case("between-uses-the-coordination-not-an-apposition",
         "Fighting raged between the rebels, backed by the Green Hill Militia, and the army near Dalia.",
         actors=("rebels", "Green Hill Militia", "army"), places=("Dalia",),
         expect={"actors": (REBELS, ARMY)}),
    Case("allied-coordinate-is-not-the-opponent",
         "The rebels and an allied militia fought for Dalia.", actors=("rebels", "militia"), places=("Dalia",),
         expect={"actor1.name": REBELS, "actor2.name": Not(MILITIA)}),
    Case("protesters-are-actor1",
         "Several hundred residents marched through Dalia on Friday.", actors=("residents",), places=("Dalia",),
         expect={"event_type": "Protests", "actors": ("Protesters (Syria)", None)}),
    Case("mob-violence-has-rioters-and-civilian-victims",
         "A mob beat a man to death in Dalia after a quarrel.", actors=("mob",), places=("Dalia",),
         expect={"event_type": "Riots", "actors": (RIOTERS, SY_CIVILIANS)}),
    Case("victims-of-a-when-clause",
         "Five people were killed when the army shelled Dalia.", actors=("people", "army"), places=("Dalia",),
         expect={"actors": (ARMY, XLAND_CIVILIANS)}),
    Case("rockets-fired-from-held-areas",
         "Three rockets fired from rebel-held areas hit a school in Dalia.", actors=("rebel-held",),
         places=("Dalia",),
         expect={"actors": (REBELS, SY_CIVILIANS)}),
    Case("possessive-pronoun-doer-is-the-speaker",
         "The rebels said their fighters would storm Dalia within days.", actors=("rebels", "their fighters"),
         places=("Dalia",),
         expect={"actor1.name": REBELS, "modality": Modality.ANNOUNCED, "attributed_to": REBELS}),
    Case("reporting-police-are-not-the-rioters",
         "Police said a mob torched a bus in Dalia.", actors=("Police", "mob"), places=("Dalia",),
         expect={"actor1.name": RIOTERS}),
    Case("accuser-is-the-target-of-the-accused-act",
         "The rebels accused the army of shelling their trenches near Dalia.", actors=("rebels", "army"),
         places=("Dalia",),
         expect={"actors": (ARMY, REBELS)}),
    Case("arrested-suspects-are-not-civilians",
         "Police arrested two men suspected of smuggling cigarettes in Dalia.", actors=("Police",),
         places=("Dalia",),
         expect={"sub_event_type": "Arrests", "actor2": None}),
    Case("people-detained-in-a-raid-on-homes-are-civilians",
         "Police detained dozens of men in Dalia during a night raid on homes.", actors=("Police",),
         places=("Dalia",), pick="Arrests",
         expect={"actor2.name": SY_CIVILIANS}),
    Case("quantity-noun-before-the-event-noun",
         "The army carried out dozens of air strikes on rebel-held villages near Dalia.",
         actors=("army", "rebel-held"), places=("Dalia",),
         expect={"actors": (ARMY, REBELS)}),
    Case("military-adjective-is-not-a-target",
         "The militia set up a military base near Dalia.", actors=("militia", "military"), places=("Dalia",),
         expect={"actor1.name": MILITIA, "actor2": None}),
    Case("gerund-after-by-takes-the-main-subject",
         "The rebels retaliated by shelling the army barracks in Dalia.", actors=("rebels", "army"),
         places=("Dalia",), pick="Shelling/artillery/missile attack",
         expect={"actors": (REBELS, ARMY)}),
    # (with fighting told: a withdrawal with no fight is a non-violent transfer, see test_real_conventions)
    Case("side-that-withdrew-lost-the-territory",
         "The army took full control of Dalia after the rebels withdrew overnight under heavy shelling.",
         actors=("army", "rebels"), places=("Dalia",), pick="Government regains territory",
         expect={"actors": (ARMY, REBELS)}),
    Case("force-firing-at-protesters-is-actor2",
         "The army fired rubber bullets at protesters in Dalia.", actors=("army", "protesters"),
         places=("Dalia",),
         expect={"event_type": "Protests", "actors": ("Protesters (Xland)", ARMY)}),
    Case("purpose-infinitive-is-part-of-the-operation",
         "The army launched an offensive on Monday to recapture the town of Qarin from the rebels.",
         actors=("army", "rebels"), places=("Qarin",),
         expect={"actor1.name": ARMY}),
    # --- modality and attribution ---
    Case("denial-attributed-to-denier",
         "The army denied shelling Dalia.", actors=("army",), places=("Dalia",),
         expect={"attributed_to": ARMY, "actor1.name": ARMY}),
    Case("party-claiming-its-own-act",
         "The rebels said they had captured Dalia.", actors=("rebels",), places=("Dalia",),
         expect={"modality": Modality.CLAIMED, "actor1.name": REBELS, "attributed_to": REBELS}),
    Case("accusation-is-a-claim-by-the-accuser",
         "The rebels accused the army of shelling Dalia.", actors=("rebels", "army"), places=("Dalia",),
         expect={"modality": Modality.CLAIMED, "actor1.name": ARMY, "attributed_to": REBELS}),
    Case("party-reporting-others-act-is-a-source",
         "Police said a mob set fire to a shop in Dalia on Sunday.", actors=("Police", "mob"), places=("Dalia",),
         expect={"modality": Modality.OCCURRED, "attributed_to": POLICE, "actor1.name": RIOTERS}),
    Case("parenthetical-speaker-of-a-conditional-threat",
         "If the talks fail, the rebels warned, their fighters would attack Dalia again.",
         actors=("rebels", "their fighters"), places=("Dalia",),
         expect={"modality": Modality.HYPOTHETICAL, "attributed_to": REBELS, "actor1.name": REBELS}),
    Case("speaker-whose-own-side-was-hit-makes-a-claim",
         "The rebels said the army had shelled their trenches near Dalia for hours.", actors=("rebels", "army"),
         places=("Dalia",),
         expect={"modality": Modality.CLAIMED, "attributed_to": REBELS, "actor1.name": ARMY}),
    Case("party-report-of-its-own-arrests-is-not-a-claim",
         "Police said they had arrested three smugglers in Dalia.", actors=("Police",), places=("Dalia",),
         expect={"sub_event_type": "Arrests", "modality": Modality.OCCURRED, "actor1.name": POLICE}),
    Case("declaring-a-measure-is-the-event",
         "The army declared a curfew in Dalia.", actors=("army",), places=("Dalia",),
         expect={"modality": Modality.OCCURRED}),
    Case("announcing-an-offensive-is-announced",
         "The army announced an offensive on Dalia.", actors=("army",), places=("Dalia",),
         expect={"modality": Modality.ANNOUNCED}),
    # --- codes and segments ---
    Case("codes-of-a-drone-strike",
         "A drone strike hit a car near Dalia.", places=("Dalia",),
         expect={"cameo": "1952", "plover": "ASSAULT", "plover_mode": "drone"}),
    Case("codes-of-shelling",
         "The army shelled Dalia.", actors=("army",), places=("Dalia",),
         expect={"plover": "ASSAULT", "plover_mode": "heavy-weapons"}),
    # a headline without a verb (the root is the trigger noun) is read, not looped over
    Case("verbless-headline",
         "Fresh Russian air strikes on Dalia", actors=("Russian",), places=("Dalia",),
         kind=SegmentKind.HEADLINE,
         expect={"sub_event_type": "Air/drone strike", "segment": SegmentKind.HEADLINE,
                 "location.text": "Dalia"}),
    # --- counts and dates (events.link) ---
    Case("cumulative-counts-are-not-fatalities",
         "The war, which has killed more than 300,000 people, saw fresh clashes near Dalia.", places=("Dalia",),
         counts=[("killed more than 300,000 people", "killed", "unknown", 300000, True)],
         expect={"sub_event_type": "Armed clash", "fatalities": None, "counts": []}),
    Case("running-toll-holds-the-later-deaths",
         "The death toll from the car bomb in Dalia rose to 19 after two of the wounded died in hospital.",
         places=("Dalia",),
         counts=[("19", "killed", "unknown", 19, False),
                 ("two of the wounded died", "killed", "unknown", 2, False)],
         expect={"fatalities": 19}),
    Case("result-participle-is-not-a-second-event",
         "Helicopters dropped barrel bombs on Yarin on Monday, killing three civilians.", places=("Yarin",),
         dates={"Monday": MONDAY}, counts=[("killing three civilians", "killed", "civilians", 3, False)],
         expect={"sub_event_type": "Air/drone strike", "fatalities": 3}),
    # without an interval ("one day after") "after" gives the cause: the deaths are the bombing's
    Case("cause-after-a-casualty-clause-keeps-its-count",
         "Six farmers were killed in Kormin after a roadside bomb exploded under their tractor.",
         places=("Kormin",), counts=[("Six farmers were killed", "killed", "civilians", 6, False)],
         expect={"fatalities": 6}),
    Case("result-of-a-subordinate-subject-trigger-is-no-second-event",
         "In the north, mortar rounds fired from rebel-held hills crashed into the market of Qarin on Friday "
         "evening, killing four civilians and wounding nine, the agency reported.",
         places=("Qarin",), counts=[("four civilians", "killed", "civilians", 4, False)],
         expect={"sub_event_type": "Shelling/artillery/missile attack", "fatalities": 4}),
    # --- one event per act: circumstances, results and tallies ---
    Case("trigger-in-a-circumstance-phrase-joins-the-event",
         "The garrison surrendered the fort under heavy shelling on Monday."),
    Case("withdrawal-after-a-capture-is-the-same-change-of-control",
         "The army captured the town of Qarin on Monday after the rebels withdrew from it under heavy shelling.",
         actors=("army", "rebels"), places=("Qarin",),
         expect={"sub_event_type": "Government regains territory", "actors": (ARMY, REBELS)}),
    Case("object-of-a-result-participle-is-no-new-event",
         "The rebels withdrew from the hill town of Qarin on Monday, leaving booby traps in the houses.",
         actors=("rebels",), places=("Qarin",),
         expect={"sub_event_type": Not("Remote explosive/landmine/IED")}),
    Case("seizing-a-weapons-cache-is-disrupted-weapons-use",
         "The police seized a weapons cache in Qarin on Monday.", actors=("police",), places=("Qarin",),
         expect={"sub_event_type": "Disrupted weapons use"}),
    Case("withdrawal-from-a-place-hands-it-over",
         "The rebels withdrew from the hill village of Qarin on Monday.", actors=("rebels",), places=("Qarin",),
         expect={"sub_event_type": "Non-violent transfer of territory"}),
    Case("pulling-out-of-a-place-hands-it-over",
         "The rebels pulled out of Qarin on Monday.", actors=("rebels",), places=("Qarin",),
         expect={"sub_event_type": "Non-violent transfer of territory"}),
    # a retreat alone is a change of activity; next to the capture it belongs to, it is that capture
    Case("retreat-alone-is-a-change-of-activity",
         "The rebels withdrew eastwards towards the desert on Monday.", actors=("rebels",),
         expect={"sub_event_type": "Change to group/activity"}),
    Case("retreat-after-a-capture-is-that-capture",
         "The army recaptured Qarin on Monday. The rebels withdrew eastwards towards the desert.",
         actors=("army", "rebels"), places=("Qarin",),
         expect={"sub_event_type": "Government regains territory"}),
    Case("protesters-storming-a-building-riot",
         "Hundreds of protesters stormed the ministry in Qarin on Monday.", actors=("protesters",),
         places=("Qarin",),
         expect={"sub_event_type": "Violent demonstration"}),
    Case("dated-policy-statement-is-an-event",
         "The ministry says its jets struck militant camps in the north on Monday.", dates={"Monday": MONDAY}),
]  # fmt: skip

NO_EVENT = [
    Case("boilerplate-is-ignored", "Air strikes hit Dalia.", kind=SegmentKind.BOILERPLATE),
    Case("attempted-seizure-is-no-change-of-territory",
         "The rebels tried to seize the checkpoint near Qarin on Monday but were pushed back.",
         actors=("rebels",), places=("Qarin",),
         none_of=("Non-state actor overtakes territory", "Government regains territory")),
    Case("share-of-many-places-is-no-single-capture",
         "The army has retaken most of the villages that the rebels held near Qarin.", actors=("army", "rebels"),
         places=("Qarin",)),
    Case("weapons-store-needs-an-act",
         "The rebels said their arms depots would be moved to the hills.", actors=("rebels",)),
    Case("reinforcements-are-no-event",
         "The army said it was sending reinforcements to Qarin.", actors=("army",), places=("Qarin",)),
    Case("running-toll-with-its-cause-is-no-event",
         "Clashes between the army and the rebels have killed 80 people in Qarin since January.",
         actors=("army", "rebels"), places=("Qarin",), counts=[("80 people", "killed", "people", 80, False)]),
    Case("blast-walls-are-no-blast",
         "Workers put up blast walls around the ministry in Qarin.", places=("Qarin",)),
    Case("habits-are-no-events",
         "The militia often raids farms and burns crops in the valley.", actors=("militia",)),
    Case("policy-statements-are-no-events",
         "The ministry says its jets strike only militant camps in the north."),
    Case("agreement-named-as-a-frame-is-no-new-agreement",
         "The rebels moved heavy guns that are banned under the peace agreement closer to Qarin.",
         actors=("rebels",), places=("Qarin",), none_of=("Agreement",)),
]  # fmt: skip


@pytest.mark.parametrize("case", ONE_EVENT, ids=lambda c: c.id)
def test_one_event(nlp: Any, triggers: Any, case: Case) -> None:
    m = one(case.run(nlp, triggers), case.pick)
    assert {key: read(m, key) for key in case.expect} == case.expect


@pytest.mark.parametrize("case", NO_EVENT, ids=lambda c: c.id)
def test_no_event(nlp: Any, triggers: Any, case: Case) -> None:
    found = [(m.trigger, m.sub_event_type) for m in case.run(nlp, triggers)]
    if case.none_of:
        found = [(trigger, sub) for trigger, sub in found if sub in case.none_of]
    assert found == []


def test_case_ids_are_unique() -> None:
    ids = [c.id for c in ONE_EVENT + NO_EVENT]
    assert len(ids) == len(set(ids))


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


def _slug(words: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in words.lower()).split())


@pytest.mark.parametrize("text,sub", CASES, ids=[_slug(sub) for _, sub in CASES])
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


# --- modality --------------------------------------------------------------------------------------

MODALITY_CASES = [
    pytest.param("The army bombed Dalia with warplanes.", Modality.OCCURRED, id="occurred"),
    pytest.param("The army plans to launch an offensive on Dalia.", Modality.ANNOUNCED, id="announced-plan"),
    pytest.param("The army will attack Dalia next week.", Modality.ANNOUNCED, id="announced-future"),
    pytest.param("The army threatened to shell Dalia.", Modality.THREATENED, id="threatened"),
    pytest.param(
        "The rebels claimed responsibility for the bombing of a checkpoint in Dalia.",
        Modality.CLAIMED,
        id="claimed-responsibility",
    ),
    pytest.param("The army denied shelling Dalia.", Modality.DENIED, id="denied"),
    pytest.param("No air strikes were reported in Dalia.", Modality.NEGATED, id="negated-none-reported"),
    pytest.param("The army did not shell Dalia.", Modality.NEGATED, id="negated-did-not"),
    pytest.param("If the talks fail, the army could shell Dalia.", Modality.HYPOTHETICAL, id="hypothetical"),
]


@pytest.mark.parametrize("text,modality", MODALITY_CASES)
def test_modality(nlp: Any, triggers: Any, text: str, modality: Modality) -> None:
    acts = tuple(a for a in ("army", "rebels") if a in text)
    m = one(run(nlp, triggers, text, actors=acts, places=("Dalia",)))
    assert m.modality == modality
    ev = m.evidence_for("modality")
    assert ev and ev[0].start < ev[0].end


# --- checks beyond one mention's fields ----------------------------------------------------------


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
    old = run(
        nlp, triggers, text, places=("Dalia",), kind=SegmentKind.CAPTION, own_date=dt.date(2015, 11, 21)
    )
    assert old == []


def test_mention_ids_and_evidence_offsets(nlp: Any, triggers: Any) -> None:
    text = "Russian air strikes hit Dalia."
    m = one(run(nlp, triggers, text, actors=("Russian",), places=("Dalia",)))
    assert m.id == Mention.make_id("t1", m.trigger_start, m.trigger_end)
    for ev in m.evidence:
        assert text[ev.start : ev.end] == ev.text
        assert 0 < ev.confidence <= 1
    assert {e.field for e in m.evidence} >= {"trigger", "actor1", "location", "date", "modality", "weapon"}


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


def test_a_force_breaking_up_a_rally_is_actor2(nlp: Any, triggers: Any) -> None:
    text = "Police fired tear gas to break up a rally by residents in Dalia."
    ms = [m for m in run(nlp, triggers, text, actors=("Police", "residents"), places=("Dalia",))
          if m.event_type == "Protests"]  # fmt: skip
    assert ms and _actors(ms[0]) == ("Protesters (Syria)", "Police Forces of Xland")


def test_clashes_sparked_by_an_attack_take_its_sides(nlp: Any, triggers: Any) -> None:
    text = "The militia stormed army posts outside Dalia, sparking fierce clashes."
    ms = run(nlp, triggers, text, actors=("militia", "army"), places=("Dalia",))
    assert ms and all(_actors(m) == ("Green Hill Militia", "Military Forces of Xland") for m in ms)


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
