"""The text's own place hierarchy, hierarchy recall, and the GeoNames import of folders with headers."""

from __future__ import annotations

from pathlib import Path

import pytest

from trucewatch import places
from trucewatch.places.hierarchy import links
from trucewatch.places.importer import GeoNamesFormatError, read_file


def _hits(text: str) -> dict[str, dict]:
    return {r["text"]: r for r in places.geoparse(text)}


class _It:
    def __init__(self, text: str, start: int) -> None:
        self.text, self.start, self.end, self.rows, self.label = text, start, start + len(text), (1,), ""


def _items(text: str, *names: str) -> list[_It]:
    return [_It(n, text.index(n)) for n in names]


@pytest.mark.parametrize(
    "text, names, strict",
    [
        ("Shelling hit Alpha village (Beta, Gamma) at dawn.", ("Alpha", "Beta", "Gamma"), [True, True, True]),
        ("Clashes in Alpha in the northern Gamma countryside.", ("Alpha", "Gamma"), [True]),
        ("A raid on Alpha district, Gamma, left two dead.", ("Alpha", "Gamma"), [True]),
        ("Strikes hit Alpha, Beta and Gamma.", ("Alpha", "Beta", "Gamma"), [False]),
    ],
)
def test_written_hierarchies_are_linked(text: str, names: tuple[str, ...], strict: list[bool]) -> None:
    found = links(_items(text, *names), text)  # type: ignore[arg-type]
    assert [lk.strict for lk in found] == strict, [(lk.inner, lk.outer, lk.strict) for lk in found]
    assert all(lk.inner < lk.outer for lk in found)


def test_parenthesis_names_the_country_of_a_homonym() -> None:
    r = _hits("Troops searched houses in Tripoli (North, Lebanon) on Friday.")
    assert r["Tripoli"]["country"] == "LB"


def test_division_after_in_places_the_town() -> None:
    r = _hits("Two civilians were killed in Dana, in the Idlib countryside, on Monday.")
    assert r["Dana"]["country"] == "SY" and r["Dana"]["admin1"] == "Idlib"


def test_parenthesis_items_are_found_and_nothing_lands_abroad() -> None:
    text = "Gunmen burned a school in Qaryat Zirnawi village (Jowhar, Middle Shabelle) on Tuesday."
    hits = places.geoparse(text)
    by_text = {r["text"]: r for r in hits}
    assert by_text["Jowhar"]["country"] == "SO"
    assert all(r["country"] == "SO" for r in hits), [(r["text"], r["country"]) for r in hits]


def _tsv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    path.write_text("\n".join("\t".join(r) for r in [header, *rows]) + "\n", encoding="utf-8")


COLS = "geonameid name asciiname alternatenames latitude longitude feature_class feature_code country_code".split()


@pytest.mark.slow  # the import rebuilds the whole index
def test_import_a_folder_of_tsv_files_with_headers(tmp_path: Path, gazetteer_cache: Path) -> None:
    folder = tmp_path / "geonames"
    folder.mkdir()
    _tsv(folder / "countries.tsv", [*COLS, "admin1_code", "population", "iso3"],
         [["163843", "Syrian Arab Republic", "Syrian Arab Republic", "", "35.1", "38.6", "A", "", "SY", "00",
           "1", "SYR"]])  # fmt: skip
    _tsv(folder / "XX.tsv", [*COLS, "admin1_code", "population", "admin2_code"],
         [["99100001", "Tall Zirnawi", "Tall Zirnawi", "", "35.91", "36.70", "P", "PPL", "SY", "12", "0", ""],
          ["99100002", "A station", "A station", "", "35.90", "36.70", "S", "RSTN", "SY", "12", "0", ""]])  # fmt: skip
    (folder / "README.md").write_text("not data\n", encoding="utf-8")
    assert places.import_geonames(folder) == 2  # the station (class S) and the README are skipped
    gaz = places.load_gazetteer()
    sy = gaz.country_row["SY"]
    assert (round(float(gaz.lat[sy]), 2), round(float(gaz.lon[sy]), 2)) == (35.1, 38.6)
    hit = _hits("Shelling hit Tall Zirnawi (Idlib) overnight.")["Tall Zirnawi"]
    assert (hit["geonameid"], hit["admin1"]) == (99100001, "Idlib")


def test_header_without_required_columns_is_rejected(tmp_path: Path) -> None:
    bad = tmp_path / "bad.tsv"
    _tsv(bad, ["geonameid", "name"], [["1", "Somewhere"]])
    with pytest.raises(GeoNamesFormatError, match="bad.tsv:1"):
        list(read_file(bad))


def test_admin1_codes_give_names_without_points(tmp_path: Path) -> None:
    f = tmp_path / "admin1CodesASCII.txt"
    f.write_text("SY.12\tIdlib Governorate\tIdlib Governorate\t169387\n", encoding="utf-8")
    (rec,) = list(read_file(f))
    assert rec is not None and rec[7] == "ADM1" and rec[2] == "nan" and rec[4] == "SY" and rec[8] == "12"


def test_shared_geonames_files_are_read(shared_dir: Path) -> None:
    folder = shared_dir / "geonames"
    if not folder.is_dir():
        pytest.skip("../shared/geonames absent")
    kinds: dict[str, int] = {}
    for f in sorted(folder.glob("*.tsv")):
        for rec in read_file(f):
            if rec is not None:
                kinds[rec[7][:3]] = kinds.get(rec[7][:3], 0) + 1
    assert kinds.get("PCL", 0) >= 200 and kinds.get("ADM", 0) >= 5000 and kinds.get("PPL", 0) >= 50000, kinds
