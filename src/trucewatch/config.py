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


def _type_name(tp: Any) -> str:
    return getattr(tp, "__name__", None) or str(tp).replace("typing.", "")


def _coerce(name: str, tp: Any, value: Any, where: str) -> Any:
    origin = typing.get_origin(tp)
    try:
        if tp is bool:
            if isinstance(value, str):
                low = value.strip().lower()
                if low not in ("1", "0", "true", "false", "yes", "no", "on", "off"):
                    raise ValueError(value)
                return low in ("1", "true", "yes", "on")
            return bool(value)
        if tp is float:
            return float(value)
        if tp is int:
            return int(value)
        if tp is str:
            if not isinstance(value, str):
                raise ValueError(value)
            return value
        if origin is tuple:
            items = [p.strip() for p in value.split(",")] if isinstance(value, str) else list(value)
            inner = typing.get_args(tp)[0]
            return tuple(_coerce(name, inner, v, where) for v in items if v != "")
        if isinstance(tp, types.UnionType) or origin is typing.Union:
            return value
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


_current: Settings | None = None


def settings() -> Settings:
    """The process's settings, loaded on first use."""
    global _current
    if _current is None:
        _current = load()
    return _current


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
    """Make ``s`` the process's settings (the CLI after reading --config); None reloads on next use."""
    global _current
    _current = s
