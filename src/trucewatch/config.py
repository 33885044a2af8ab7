"""One configuration object: every setting, its default, its environment variable and what it does.

Settings come, later winning, from the defaults below, a TOML file (``--config FILE`` on the command line,
else ``TRUCEWATCH_CONFIG``, else ``trucewatch.toml`` in the working folder when it exists) and environment
variables (``TRUCEWATCH_<NAME>``). They are read in this one module; the rest of the code asks ``settings()``.
``trucewatch settings`` prints them with where each value came from. Tests and library users swap them with
``use(Settings(...))``.

A TOML file holds the fields by name, at the top level::

    article_seconds = 120
    rules_off = ["background.since"]
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import tomllib
import types
import typing
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

ENV_PREFIX = "TRUCEWATCH_"
FILE_ENV = "TRUCEWATCH_CONFIG"
DEFAULT_FILE = "trucewatch.toml"


class FrozenDict(dict):  # type: ignore[type-arg]
    """A dict setting that cannot change and can be hashed (Settings is frozen)."""

    def __hash__(self) -> int:  # type: ignore[override]
        return hash(tuple(sorted(self.items())))

    def __reduce__(self) -> tuple[Any, ...]:  # pickled whole (item by item would hit _frozen)
        return (FrozenDict, (dict(self),))

    def _frozen(self, *_: Any, **__: Any) -> None:
        raise TypeError("settings are read-only: use dataclasses.replace or config.use")

    __setitem__ = __delitem__ = clear = pop = popitem = setdefault = update = _frozen  # type: ignore[assignment]
    __ior__ = _frozen  # type: ignore[assignment]


class ConfigError(ValueError):
    """A configuration file or variable names an unknown setting or gives a value of the wrong type."""


def setting(default: Any, help: str, *, env: bool = True, factory: Any = None) -> Any:
    """A field with its one-line help; ``env=False`` when no environment variable may set it."""
    meta = {"help": help, "env": env}
    if factory is not None:
        return field(default_factory=factory, metadata=meta)
    return field(default=default, metadata=meta)


@dataclass(frozen=True)
class Settings:
    """Every setting of trucewatch. Field names are the TOML keys; ``TRUCEWATCH_`` + upper case the variables."""

    # --- paths ---
    cache: str = setting("", "Folder of the gazetteer index and other caches (empty: ~/.cache/trucewatch).")
    actors: str = setting("", "Extra actor files or folders, separated by the path separator (':').")
    # --- extraction ---
    article_seconds: float = setting(
        300.0, "Seconds of extraction one article may take before it is skipped."
    )
    rules_off: tuple[str, ...] = setting(
        (), "Names of extraction rules to switch off (`trucewatch rules`).", factory=tuple
    )
    # --- events: roles and linking ---
    near_window: int = setting(3, "Words either side of a trigger read by trigger rules of scope 'near'.")
    # --- events: non-events and modality ---
    background_days: int = setting(
        180,
        'Days before publication beyond which a date makes a trigger background ("since 2014"), not news.',
    )
    news_window_days: int = setting(
        7,
        "Days before publication that news reports as current (ACLED's week): an event dated earlier is dropped.",
    )
    by_actor_min_confidence: float = setting(
        0.5,
        "Least confidence of the doer that lets it choose a territory sub-type (state regains, others overtake).",
    )
    # --- serving ---
    tile_url: str = setting(
        "", "Map tile URL template for the dashboard (empty: no base map, nothing fetched)."
    )
    tile_attribution: str = setting("", "Attribution shown under the dashboard's map tiles.")
    chromium: str = setting("", "Path of the Chromium binary that renders PDF reports (empty: search PATH).")
    # --- serving limits (conf) ---
    api_page_max: int = setting(1000, "Most events one page of GET /api/events may ask for (`limit`).")
    api_page_default: int = setting(100, "Events on one page of GET /api/events when no `limit` is given.")
    api_max_body_bytes: int = setting(
        25 * 1024 * 1024, "Largest request body the API accepts, in bytes (larger: 413)."
    )
    api_worker: bool = setting(
        True, "Extract articles POSTed to the API in a worker process (reads stay fast); false: in a server thread."
    )
    api_worker_grace: float = setting(
        120.0, "Seconds past the per-article budget after which the API stops a stuck extraction worker (a skip)."
    )
    # --- dedup: within one article (conf) ---
    dedup_within_weights: dict[str, float] = setting(
        None,
        "Weights of the criteria (type, date, place, actors, text) when merging mentions inside one article.",
        factory=lambda: FrozenDict({"type": 0.30, "date": 0.15, "place": 0.25, "actors": 0.15, "text": 0.15}),
    )
    dedup_within_threshold: float = setting(0.60, "Score two mentions of one article need to be one event.")
    dedup_within_summary_threshold: float = setting(
        0.50, "Score a headline or standfirst needs against the closest report of an event of the body."
    )
    dedup_within_window: int = setting(
        16, "Blocking inside an article: a mention is compared with this many most recently told events."
    )
    dedup_within_keyed: int = setting(
        6, "Blocking inside an article: and with this many most recent events sharing its place."
    )
    dedup_within_members: int = setting(
        8, "Blocking inside an article: at most this many mentions of an event are compared (first + latest)."
    )
    # --- dedup: across articles (conf) ---
    dedup_cross_weights: dict[str, float] = setting(
        None,
        "Weights of the criteria (type, date, place, actors, text, toll) when merging events across articles.",
        factory=lambda: FrozenDict(
            {"type": 0.18, "date": 0.18, "place": 0.22, "actors": 0.14, "text": 0.18, "toll": 0.10}
        ),
    )
    dedup_cross_threshold: float = setting(0.70, "Score a new event needs against a stored one to merge.")
    dedup_block_days: dict[int, int] = setting(
        None,
        "Days searched on each side of an event's dates for merge candidates, by ACLED time_precision.",
        factory=lambda: FrozenDict({1: 1, 2: 3, 3: 7}),
    )
    dedup_block_km: dict[int, float] = setting(
        None,
        "Half-size (km) of the box searched for merge candidates around a place, by ACLED geo_precision.",
        factory=lambda: FrozenDict({1: 25.0, 2: 60.0, 3: 200.0}),
    )
    # --- dedup: criterion scores (conf) ---
    dedup_loose_type_score: float = setting(
        0.5, "Type score of two political-violence families when a headline refers to the event."
    )
    dedup_region_score: float = setting(
        0.4, "Place score of two places in one first-level division when one place is borrowed or a summary's."
    )
    dedup_date_window: dict[int, int] = setting(
        None,
        "Days two coarse dates may lie apart and still score, by the coarser ACLED time_precision.",
        factory=lambda: FrozenDict({1: 0, 2: 3, 3: 7}),
    )
    dedup_stand_in_days: int = setting(
        3, "Days before a stand-in date (the publication date) an event may have happened."
    )
    dedup_same_spot_km: float = setting(2.0, "Two precise places this close (km) are one spot.")
    dedup_precise_hard_km: float = setting(
        25.0, "Distance (km) past which two precise places are reported as 'more than 25 km apart'."
    )
    dedup_in_city_score: float = setting(
        0.8, "Place score of a district and the city it lies in (across articles)."
    )
    dedup_tolerance_km: dict[int, float] = setting(
        None,
        "How far (km) a place of each ACLED geo_precision may stand from the true spot.",
        factory=lambda: FrozenDict({1: 10.0, 2: 50.0, 3: 150.0}),
    )
    dedup_urban_density: float = setting(
        10_000.0, "People per square km assumed in a city's built-up area (its extent from its population)."
    )
    # --- places: resolving toponyms (conf) ---
    places_max_candidates: int = setting(40, "Gazetteer candidates kept per toponym, best first.")
    places_w_pop: float = setting(2.0, "Weight of a candidate's population (log10(population) / 7).")
    places_w_country: float = setting(
        1.2, "Weight of the share of the article's other toponyms voting for the candidate's country."
    )
    places_w_admin1: float = setting(
        0.8, "Weight of the share of the votes for the candidate's first-level division."
    )
    places_w_qualified: float = setting(
        2.0, "Bonus of a place lying in the division or country written right after it ('Paris, Texas')."
    )
    places_w_near: float = setting(
        0.6, "Bonus of a town or county with another toponym of the article within 100 km (half within 300)."
    )
    places_rounds: int = setting(3, "Rounds of voting between the toponyms of an article.")
    places_sharpness: float = setting(2.0, "Softmax scale turning candidate scores into one toponym's vote.")
    places_loose_min_pop: int = setting(
        500_000, "Population a transliteration-only match abroad needs when spelled nearly alike."
    )
    places_alike: float = setting(0.8, "Spelling similarity (0..1) of 'nearly alike' names.")
    places_alike_strict: float = setting(
        0.9, "Spelling similarity (0..1) a loose match needs when the article names no country."
    )
    places_us_namesake_discount: float = setting(
        0.3, "Score taken from a US namesake of a bigger place abroad when the article names no country."
    )
    places_homonym_share: float = setting(
        0.1, "Share of a US place's population a place abroad needs to count as its bigger namesake."
    )
    places_unknown_pop: int = setting(1_000, "Population assumed for a place GeoNames gives none.")
    places_short_key: int = setting(
        3, "Loose keys this short or shorter match only places in the article's countries."
    )
    places_near_km: float = setting(
        60.0, "A written hierarchy ('X, Y'): an outer town or district this close (km) to the inner place holds it."
    )
    places_city_km: float = setting(
        15.0, "A part of a town written inside it ('X neighbourhood in Y', 'X, in Y city') lies this close (km) to it."
    )
    actors_place_name_similarity: float = setting(
        0.75, "A place the gazetteer matched under another spelling is taken as named by the text from this "
        "similarity of the two names (0..1, 'Talbiseh' / 'Tallbisah'); below it the match may be a namesake abroad."
    )
    places_contained: float = setting(
        0.9, "Containment score at which a written hierarchy cuts the inner toponym's candidates."
    )
    places_well_known_pop: int = setting(
        100_000, "Population from which a place named in a hierarchy is taken as well known."
    )
    places_local_share: float = setting(
        0.3, "Share of the other toponyms' votes a country needs to hold a local place ('X village', 'X street')."
    )
    places_steps_off: tuple[str, ...] = setting(
        (), "Names of geoparser steps to switch off (docs/settings.md lists them).", factory=tuple
    )

    def source(self, name: str) -> str:
        """Where the value of ``name`` came from: default, file or environment."""
        return self._sources.get(name, "default") if hasattr(self, "_sources") else "default"


def describe() -> list[dict[str, Any]]:
    """Every setting: name, type, default, environment variable, help (for `trucewatch settings` and the docs)."""
    hints = typing.get_type_hints(Settings)
    out = []
    for f in fields(Settings):
        default = f.default if f.default is not dataclasses.MISSING else f.default_factory()  # type: ignore[misc]
        out.append(
            {
                "name": f.name,
                "type": _type_name(hints[f.name]),
                "default": default,
                "env": ENV_PREFIX + f.name.upper() if f.metadata.get("env", True) else None,
                "help": f.metadata.get("help", ""),
            }
        )
    return out


def toml_value(value: Any) -> str:
    """A setting's value as TOML (``trucewatch settings`` prints a valid configuration file)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{json.dumps(str(k))} = {toml_value(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (tuple, list)):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    raise TypeError(f"no TOML spelling for {value!r}")


def _type_name(tp: Any) -> str:
    if typing.get_origin(tp) is not None:
        return str(tp).replace("typing.", "")
    return getattr(tp, "__name__", None) or str(tp).replace("typing.", "")


def _number(tp: type, value: Any) -> Any:
    if isinstance(value, str):
        value = float(value) if tp is float else int(value)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(value)
    if tp is int and value != int(value):
        raise ValueError(value)
    return tp(value)


def _pairs(value: str) -> dict[str, str]:
    """``"type=0.3, date=0.15"`` (an environment variable's spelling of a table)."""
    out = {}
    for part in value.split(","):
        if part.strip():
            key, sep, val = part.partition("=")
            if not sep:
                raise ValueError(value)
            out[key.strip()] = val.strip()
    return out


def _coerce(name: str, tp: Any, value: Any, where: str) -> Any:
    origin = typing.get_origin(tp)
    try:
        if tp is bool:
            if isinstance(value, str):
                low = value.strip().lower()
                if low not in ("1", "0", "true", "false", "yes", "no", "on", "off"):
                    raise ValueError(value)
                return low in ("1", "true", "yes", "on")
            if not isinstance(value, bool):
                raise ValueError(value)
            return value
        if tp in (float, int):
            return _number(tp, value)
        if tp is str:
            if not isinstance(value, str):
                raise ValueError(value)
            return value
        if origin is tuple:
            if not isinstance(value, (str, list, tuple)):
                raise ValueError(value)
            items = [p.strip() for p in value.split(",")] if isinstance(value, str) else list(value)
            inner = typing.get_args(tp)[0]
            return tuple(_coerce(name, inner, v, where) for v in items if v != "")
        if origin is dict:
            table = _pairs(value) if isinstance(value, str) else value
            if not isinstance(table, Mapping):
                raise ValueError(value)
            kt, vt = typing.get_args(tp)
            return FrozenDict(
                {(int(k) if kt is int else str(k)): _coerce(name, vt, v, where) for k, v in table.items()}
            )
        if isinstance(tp, types.UnionType) or origin is typing.Union:
            return value
    except ConfigError:
        raise
    except (TypeError, ValueError):
        raise ConfigError(f"{where}: {name} must be {_type_name(tp)}, got {value!r}") from None
    return value


def load(path: str | Path | None = None, env: Mapping[str, str] | None = None) -> Settings:
    """Defaults, then the TOML file, then the environment. Unknown names in the file are errors."""
    env = os.environ if env is None else env
    hints = typing.get_type_hints(Settings)
    names = {f.name: f for f in fields(Settings)}
    values: dict[str, Any] = {}
    sources: dict[str, str] = {}
    chosen = path or env.get(FILE_ENV) or (DEFAULT_FILE if Path(DEFAULT_FILE).is_file() else None)
    if chosen:
        p = Path(chosen)
        try:
            doc = tomllib.loads(p.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"cannot read the configuration file {p}: {exc}") from None
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{p}: not valid TOML: {exc}") from None
        unknown = sorted(set(doc) - set(names))
        if unknown:
            raise ConfigError(
                f"{p}: unknown setting(s) {', '.join(unknown)}; `trucewatch settings` lists them"
            )
        for k, v in doc.items():
            values[k] = _coerce(k, hints[k], v, str(p))
            sources[k] = f"file {p}"
    for k, f in names.items():
        var = ENV_PREFIX + k.upper()
        if f.metadata.get("env", True) and var in env:
            values[k] = _coerce(k, hints[k], env[var], var)
            sources[k] = f"environment {var}"
    out = Settings(**values)
    object.__setattr__(out, "_sources", sources)
    return out


_current: Settings | None = None  # set by use() or set_current(): taken as it is
_loaded: Settings | None = None  # loaded from the file and the environment on first use
_seen: tuple[Any, ...] = ()


def _environment_mark() -> tuple[Any, ...]:
    """A cheap mark of the environment's TRUCEWATCH_ variables: the number of variables and the values of
    those present at the last load (a variable set or removed since changes the count or a value)."""
    data = getattr(os.environ, "_data", None)
    if data is None:  # not CPython's os.environ: read the variables themselves
        return tuple(sorted((k, v) for k, v in os.environ.items() if k.startswith(ENV_PREFIX)))
    return (len(data), *map(data.get, _watched))


_watched: tuple[Any, ...] = ()


def settings() -> Settings:
    """The process's settings: those given to ``use``/``set_current``, else loaded on first use (and again
    when a TRUCEWATCH_ variable has changed since, as tests with monkeypatched variables expect)."""
    if _current is not None:
        return _current
    global _loaded, _seen, _watched
    if _loaded is None or _environment_mark() != _seen:
        _loaded = load()
        data = getattr(os.environ, "_data", None)
        if data is not None:
            prefix = os.environ.encodekey(ENV_PREFIX)  # type: ignore[attr-defined]
            _watched = tuple(k for k in data if k.startswith(prefix))
        _seen = _environment_mark()
    return _loaded


@contextlib.contextmanager
def use(s: Settings) -> Iterator[Settings]:
    """Run a block under other settings (tests, library callers)."""
    global _current
    old, _current = _current, s
    try:
        yield s
    finally:
        _current = old


def set_current(s: Settings | None) -> None:
    """Make ``s`` the process's settings (the CLI after reading --config); None: load them on next use."""
    global _current, _loaded
    _current, _loaded = s, None
