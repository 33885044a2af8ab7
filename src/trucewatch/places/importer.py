"""Import GeoNames files: official dumps and tab-separated files with GeoNames' column names.

Formats read (detected per file):

- GeoNames' export format, 19 tab-separated columns (allCountries.txt, cities500.txt, SY.txt);
- a tab-separated file whose header names GeoNames' columns (``geonameid``, ``name``, ``asciiname``,
  ``alternatenames``, ``latitude``, ``longitude``, ``feature_class``, ``feature_code``,
  ``country_code``, ``admin1_code``, ``population``; others ignored), e.g. countries.tsv, admin1.tsv;
  a row without a feature code in a file of countries (``iso3`` column) is a country;
- admin1CodesASCII.txt (``CC.code``, name, ascii name, geonameid): division names, no points;
- countryInfo.txt (ISO, ISO3, ..., geonameid): country names, no points.

Populated places (P), administrative divisions (A), areas (L) and terrain (T) are kept in a compact
file in the cache directory and merged into the index (an imported row with a known geonameid
replaces the packaged one). Imported countries (PCL*) and first-level divisions (ADM1) lend GeoNames'
own reference points (and names) to the packaged entries, which otherwise sit at the capital and
at the middle of the division's towns. ``import_geonames`` takes one file or a folder of them.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from pathlib import Path

from trucewatch.places.gazetteer import EXTRA_FILE, build_index, cache_dir
from trucewatch.places.sources import latin_names

KEEP_CLASSES = frozenset("PALT")
N_COLUMNS = 19
#: header columns a GeoNames-style TSV must have
REQUIRED = ("geonameid", "name", "latitude", "longitude", "feature_class", "country_code")
SUFFIXES = (".txt", ".tsv")
NAN = "nan"


class GeoNamesFormatError(ValueError):
    """The file is not in a GeoNames format."""


def _record(
    gid: str, name: str, ascii: str, alts: str, lat: str, lon: str, fclass: str, fcode: str,
    cc: str, admin1: str, pop: str, where: str,
) -> list[str] | None:  # fmt: skip
    """One row of the compact extra file, or None for a feature class not kept."""
    if fclass not in KEEP_CLASSES:
        return None
    try:
        g = int(gid)
        la = float(lat) if lat not in ("", NAN) else math.nan
        lo = float(lon) if lon not in ("", NAN) else math.nan
        p = int(float(pop or 0))
    except ValueError as exc:
        raise GeoNamesFormatError(f"{where}: bad number ({exc})") from exc
    if not (math.isnan(la) or (-90 <= la <= 90 and -180 <= lo <= 180)):
        raise GeoNamesFormatError(f"{where}: coordinates out of range ({la}, {lo})")
    names = latin_names([name, ascii, *alts.split(",")]) if alts else latin_names([name, ascii])
    clean = [n.replace("\t", " ").replace("|", " ") for n in dict.fromkeys(names)]
    pt = (NAN, NAN) if math.isnan(la) else (f"{la:.5f}", f"{lo:.5f}")
    return [str(g), name, *pt, cc, str(p), fclass, fcode, admin1, "|".join(clean)]


def _dump_rows(lines: Iterator[tuple[int, str]], path: Path) -> Iterator[list[str] | None]:
    for lineno, line in lines:
        f = line.rstrip("\n").split("\t")
        if len(f) != N_COLUMNS:
            raise GeoNamesFormatError(f"{path}:{lineno}: expected {N_COLUMNS} tab-separated columns, found {len(f)}")
        yield _record(f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], f[10], f[14], f"{path}:{lineno}")


def _header_rows(header: str, lines: Iterator[tuple[int, str]], path: Path) -> Iterator[list[str] | None]:
    cols = {c.strip().lower(): i for i, c in enumerate(header.rstrip("\n").split("\t"))}
    missing = [c for c in REQUIRED if c not in cols]
    if missing:
        raise GeoNamesFormatError(f"{path}:1: header lacks column(s) {', '.join(missing)}")
    countries = "iso3" in cols  # countries.tsv: feature code left empty

    def get(f: list[str], col: str) -> str:
        i = cols.get(col)
        return f[i].strip() if i is not None and i < len(f) else ""

    for lineno, line in lines:
        f = line.rstrip("\n").split("\t")
        code = get(f, "feature_code") or ("PCLI" if countries else "")
        name = get(f, "name") or get(f, "countryinfo_name")
        yield _record(
            get(f, "geonameid"), name, get(f, "asciiname"),
            ",".join(x for x in (get(f, "alternatenames"), get(f, "countryinfo_name")) if x),
            get(f, "latitude"), get(f, "longitude"), get(f, "feature_class"), code,
            get(f, "country_code"), get(f, "admin1_code"), get(f, "population"), f"{path}:{lineno}",
        )  # fmt: skip


def _admin1_codes(lines: Iterator[tuple[int, str]], path: Path) -> Iterator[list[str] | None]:
    """admin1CodesASCII.txt: ``AF.01  Badakhshan  Badakhshan  1147707``."""
    for lineno, line in lines:
        f = line.rstrip("\n").split("\t")
        if len(f) != 4 or "." not in f[0]:
            raise GeoNamesFormatError(f"{path}:{lineno}: expected 'CC.code, name, asciiname, geonameid'")
        cc, code = f[0].split(".", 1)
        yield _record(f[3], f[1], f[2], "", NAN, NAN, "A", "ADM1", cc, code, "0", f"{path}:{lineno}")


def _country_info(lines: Iterator[tuple[int, str]], path: Path) -> Iterator[list[str] | None]:
    """countryInfo.txt: ISO, ISO3, ISO-Numeric, fips, Country, Capital, Area, Population, ..., geonameid."""
    for lineno, line in lines:
        f = line.rstrip("\n").split("\t")
        if len(f) < 17 or len(f[0]) != 2:
            raise GeoNamesFormatError(f"{path}:{lineno}: not a countryInfo.txt row")
        yield _record(f[16], f[4], f[4], "", NAN, NAN, "A", "PCLI", f[0], "", f[7], f"{path}:{lineno}")


def _numbered(fh: Iterable[str], first: int = 1) -> Iterator[tuple[int, str]]:
    for lineno, line in enumerate(fh, first):
        if line.strip() and not line.startswith("#"):
            yield lineno, line


def read_file(path: Path) -> Iterator[list[str] | None]:
    """The records of one GeoNames file, its format detected from its first data line."""
    with path.open(encoding="utf-8") as fh:
        lines = _numbered(fh)
        first = next(lines, None)
        if first is None:
            return
        lineno, line = first
        f = line.rstrip("\n").split("\t")
        head = [(lineno, line)]
        if f[0].strip().lower() == "geonameid":
            yield from _header_rows(line, lines, path)
        elif len(f) == 4 and "." in f[0] and f[3].strip().isdigit():
            yield from _admin1_codes(_chain(head, lines), path)
        elif len(f) >= 17 and len(f[0]) == 2 and f[0].isalpha() and f[0].isupper():
            yield from _country_info(_chain(head, lines), path)
        else:
            yield from _dump_rows(_chain(head, lines), path)


def _chain(head: list[tuple[int, str]], rest: Iterator[tuple[int, str]]) -> Iterator[tuple[int, str]]:
    yield from head
    yield from rest


def _files(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in SUFFIXES)
    return [path]


def import_geonames(
    path: str | Path, countries: Iterable[str] | None = None, reference_points: bool = False
) -> int:
    """Add the places of a GeoNames file (or of every .txt/.tsv file in a folder) to the gazetteer and
    rebuild the index once; returns rows kept.

    ``countries`` (ISO alpha-2 codes) keeps only those countries' rows, e.g. to take Syria and
    Iraq from allCountries.txt without the index outgrowing memory. ``reference_points`` keeps
    only countries and first-level divisions (a few thousand rows of allCountries.txt): GeoNames'
    own points for them, without village coverage. Raises GeoNamesFormatError (with file and
    line) on a file in another format; nothing is changed in that case.
    """
    path = Path(path)
    keep = {c.upper() for c in countries} if countries else None
    new: dict[str, str] = {}
    for file in _files(path):
        for rec in read_file(file):
            if rec is None or (keep is not None and rec[4] not in keep):
                continue
            if reference_points and not (rec[7].startswith("PCL") or rec[7] == "ADM1"):
                continue
            old = new.get(rec[0])
            if old is not None and rec[2] == NAN:  # a names-only row keeps the point already read
                f = old.split("\t")
                rec = [*f[:9], "|".join(dict.fromkeys(f[9].split("|") + rec[9].split("|")))]
            new[rec[0]] = "\t".join(rec)
    if not new:
        return 0  # nothing to add: the index stays as it is
    extra = cache_dir() / EXTRA_FILE
    merged: dict[str, str] = {}
    if extra.exists():
        with extra.open(encoding="utf-8") as fh:
            for line in fh:
                merged[line.split("\t", 1)[0]] = line.rstrip("\n")
    merged.update(new)
    tmp = extra.with_suffix(".tmp")
    tmp.write_text("".join(v + "\n" for v in merged.values()), encoding="utf-8")
    tmp.replace(extra)
    build_index()
    return len(new)
