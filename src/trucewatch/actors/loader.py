"""Reading actor YAML files: schema validation, cross-file checks, building the dictionary."""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from trucewatch.actors.countries import load_countries
from trucewatch.actors.dictionary import ActorDictionary, Role
from trucewatch.model import Actor

DATA_DIR = Path(__file__).resolve().parents[1] / "data" / "actors"
SCHEMA_PATH = DATA_DIR / "schema.json"
COUNTRIES_PATH = DATA_DIR / "countries.csv"
#: Extra actor files or folders, separated like PATH (os.pathsep): the setting ``actors``, read from this
#: variable by ``trucewatch.config``.
ENV_VAR = "TRUCEWATCH_ACTORS"


class ActorFileError(ValueError):
    """An actor file is not valid YAML or does not follow the schema."""


def _schema() -> dict[str, Any]:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Files for the given files/folders (folders: their *.yaml and *.yml, sorted)."""
    out: list[Path] = []
    for p in paths:
        path = Path(p).expanduser()
        if path.is_dir():
            out.extend(sorted([*path.glob("*.yaml"), *path.glob("*.yml")]))
        elif path.exists():
            out.append(path)
        else:
            raise ActorFileError(f"{path}: actor file or folder does not exist")
    return out


def env_paths() -> list[Path]:
    """The files of the setting ``actors`` (``TRUCEWATCH_ACTORS`` or the configuration file)."""
    from trucewatch.config import settings

    raw = settings().actors
    return expand_paths(p for p in raw.split(os.pathsep) if p.strip())


def _entry_label(doc: Any, path: list[Any]) -> str:
    """ "actors[3] (id 'nusra')" for an error inside the fourth actor."""
    if len(path) >= 2 and isinstance(path[1], int):
        label = f"{path[0]}[{path[1]}]"
        try:
            entry = doc[path[0]][path[1]]
            if isinstance(entry, dict) and "id" in entry:
                label += f" (id {entry['id']!r})"
        except (KeyError, IndexError, TypeError):
            pass
        return label
    return "/".join(str(p) for p in path) or "top level"


def read_file(path: Path, validator: jsonschema.protocols.Validator) -> dict[str, Any]:
    """Parse and validate one actor file; raises ActorFileError naming the file and entry."""
    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ActorFileError(f"{path}: not valid YAML: {exc}") from exc
    if doc is None:
        return {}
    errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))
    if errors:
        err = jsonschema.exceptions.best_match(errors)
        where = _entry_label(doc, list(err.absolute_path))
        field = ".".join(str(p) for p in list(err.absolute_path)[2:])
        detail = f" field {field!r}:" if field else ":"
        raise ActorFileError(f"{path}: {where}{detail} {err.message}")
    return doc


def _date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def load_files(files: list[Path]) -> ActorDictionary:
    """Build a dictionary from actor files (later files may extend earlier actors)."""
    validator = jsonschema.Draft202012Validator(_schema())
    raw: dict[str, tuple[dict[str, Any], Path]] = {}
    extensions: list[tuple[dict[str, Any], Path]] = []
    roles: dict[str, Role] = {}
    attack: list[str] = []
    members: list[str] = []
    heads: dict[str, str] = {}
    for path in files:
        doc = read_file(path, validator)
        for i, entry in enumerate(doc.get("actors", [])):
            if entry.get("extend"):
                extensions.append((entry, path))
            elif entry["id"] in raw:
                raise ActorFileError(
                    f"{path}: actors[{i}] (id {entry['id']!r}) is already defined in {raw[entry['id']][1]}; "
                    "use 'extend: true' to add aliases to it"
                )
            else:
                raw[entry["id"]] = (entry, path)
        for r in doc.get("roles", []):
            roles[r["id"]] = Role(
                id=r["id"],
                template=r["template"],
                bare_name=r["bare_name"],
                inter=r.get("inter"),
                kind=r["kind"],
                phrases=tuple(r["phrases"]),
                hints=tuple(r.get("hints", ())),
                inter_abroad=r.get("inter_abroad"),
                side=r.get("side"),
                cameo=r.get("cameo"),
                fallback=r.get("fallback"),
                default=r.get("default"),
            )
        attack.extend(doc.get("attack_nouns", []))
        members.extend(doc.get("member_nouns", []))
        heads.update(doc.get("group_heads", {}))
    for entry, path in extensions:
        if entry["id"] not in raw:
            raise ActorFileError(f"{path}: extends unknown actor id {entry['id']!r}")
        base = raw[entry["id"]][0]
        base["aliases"] = [*base.get("aliases", []), *entry.get("aliases", [])]
        base["hints"] = [*base.get("hints", []), *entry.get("hints", [])]
    entries: dict[str, Actor] = {}
    hints: dict[str, tuple[str, ...]] = {}
    abroad: dict[str, int] = {}
    generic_of: dict[tuple[str, str], str] = {}
    successors: dict[str, str] = {}
    theatre: dict[str, str] = {}
    branches: dict[tuple[str, str], str] = {}
    for actor_id, (e, path) in raw.items():
        for ref in ("parent", "successor", "branch_of"):
            if e.get(ref) and e[ref] not in raw:
                raise ActorFileError(f"{path}: actor {actor_id!r}: {ref} {e[ref]!r} is not a known actor id")
        actor = Actor(
            id=actor_id,
            name=e["name"],
            inter=e["inter"] if e["inter"] is not None else 0,
            country=e.get("country"),
            side=e.get("side"),
            parent=e.get("parent"),
            kind=e["kind"],
            aliases=tuple(dict.fromkeys(e.get("aliases", ()))),
            valid_from=_date(e.get("valid_from")),
            valid_to=_date(e.get("valid_to")),
            cameo=e.get("cameo"),
        )
        if actor.valid_from and actor.valid_to and actor.valid_from > actor.valid_to:
            raise ActorFileError(f"{path}: actor {actor_id!r}: valid_from is after valid_to")
        entries[actor_id] = actor
        hints[actor_id] = tuple(e.get("hints", ()))
        if e.get("theatre"):
            theatre[actor_id] = e["theatre"]
        if "inter_abroad" in e:
            abroad[actor_id] = e["inter_abroad"]
        if e.get("successor"):
            successors[actor_id] = e["successor"]
        if e.get("branch_of"):
            if not actor.country:
                raise ActorFileError(f"{path}: actor {actor_id!r}: 'branch_of' needs a country")
            for iso in e.get("branch_in") or [actor.country]:
                branches[(e["branch_of"], iso)] = actor_id
        for role in e.get("generic", ()):
            if not actor.country:
                raise ActorFileError(f"{path}: actor {actor_id!r}: 'generic' needs a country")
            generic_of[(role, actor.country)] = actor_id
    for (role, _), actor_id in generic_of.items():
        if role not in roles:
            raise ActorFileError(
                f"actor {actor_id!r}: generic role {role!r} is not defined in any roles list"
            )
    for role in roles.values():
        if role.default and role.default not in entries:
            raise ActorFileError(f"role {role.id!r}: default actor {role.default!r} is not a known actor id")
    return ActorDictionary(
        entries=entries,
        roles=roles,
        countries=load_countries(COUNTRIES_PATH),
        attack_nouns=tuple(dict.fromkeys(attack)),
        member_nouns=tuple(dict.fromkeys(members)),
        group_heads=heads,
        hints=hints,
        inter_abroad=abroad,
        generic_of=generic_of,
        successors=successors,
        theatre=theatre,
        branches=branches,
        paths=tuple(str(p) for p in files),
    )


def default_files() -> list[Path]:
    return sorted(DATA_DIR.glob("*.yaml"))


def load_dictionary(extra_paths: Iterable[str | Path] = ()) -> ActorDictionary:
    """The shipped actor files, then files from $TRUCEWATCH_ACTORS, then ``extra_paths``.

    Cached per process for identical inputs; raises ActorFileError on a bad file.
    """
    files = [*default_files(), *env_paths(), *expand_paths(extra_paths)]
    key = tuple((str(f), f.stat().st_mtime_ns) for f in files)
    if key not in _CACHE:
        _CACHE.clear()
        _CACHE[key] = load_files(files)
    return _CACHE[key]


_CACHE: dict[tuple[tuple[str, int], ...], ActorDictionary] = {}
