"""Import a GeoNames dump (allCountries.txt, cities500.txt or a country file such as SY.txt).

The 19 tab-separated columns of GeoNames' export format. Populated places (P), administrative
divisions (A), areas (L) and terrain (T) are kept in a compact file in the cache directory and
merged into the index (an imported row with a known geonameid replaces the packaged one).
Imported countries (PCL*) and first-level divisions (ADM1) lend GeoNames' own reference points
to the packaged entries, which otherwise sit at countryinfo's point and at the middle of the
division's towns.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from trucewatch.places.gazetteer import EXTRA_FILE, build_index, cache_dir
from trucewatch.places.sources import latin_names

KEEP_CLASSES = frozenset("PALT")
N_COLUMNS = 19


class GeoNamesFormatError(ValueError):
    """The file is not in GeoNames' tab-separated export format."""


def _parse(line: str, lineno: int, path: Path) -> list[str] | None:
    f = line.rstrip("\n").split("\t")
    if len(f) != N_COLUMNS:
        raise GeoNamesFormatError(
            f"{path}:{lineno}: expected {N_COLUMNS} tab-separated columns, found {len(f)}"
        )
    if f[6] not in KEEP_CLASSES:
        return None
    try:
        gid, lat, lon = int(f[0]), float(f[4]), float(f[5])
        pop = int(f[14] or 0)
    except ValueError as exc:
        raise GeoNamesFormatError(f"{path}:{lineno}: bad number ({exc})") from exc
    names = latin_names([f[1], f[2], *f[3].split(",")]) if f[3] else latin_names([f[1], f[2]])
    clean = [n.replace("\t", " ").replace("|", " ") for n in names]
    return [str(gid), f[1], f"{lat:.5f}", f"{lon:.5f}", f[8], str(pop), f[6], f[7], f[10], "|".join(clean)]


def import_geonames(
    path: str | Path, countries: Iterable[str] | None = None, reference_points: bool = False
) -> int:
    """Add the places of a GeoNames dump to the gazetteer and rebuild the index; returns rows kept.

    ``countries`` (ISO alpha-2 codes) keeps only those countries' rows, e.g. to take Syria and
    Iraq from allCountries.txt without the index outgrowing memory. ``reference_points`` keeps
    only countries and first-level divisions (a few thousand rows of allCountries.txt): GeoNames'
    own points for them, without village coverage. Raises GeoNamesFormatError (with file and
    line) on a file in another format; nothing is changed in that case.
    """
    path = Path(path)
    keep = {c.upper() for c in countries} if countries else None
    new: dict[str, str] = {}
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip() or line.startswith("#"):
                continue
            if keep is not None and line.split("\t", 9)[8:9] and line.split("\t", 9)[8] not in keep:
                continue
            rec = _parse(line, lineno, path)
            if rec is not None and reference_points and not (rec[7].startswith("PCL") or rec[7] == "ADM1"):
                continue
            if rec is not None:
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
