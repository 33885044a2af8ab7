"""Trigger dictionary: words that state an event, loaded from YAML, matched on spaCy lemmas."""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from trucewatch.model import ACLED_SUBTYPE_PARENT

DATA_DIR = Path(__file__).resolve().parents[1] / "data" / "events"
TRIGGERS_FILE = DATA_DIR / "triggers.yaml"
SCHEMA_FILE = DATA_DIR / "schema.json"


class TriggerFileError(ValueError):
    """A trigger file is unreadable or does not follow data/events/schema.json."""


@dataclass(slots=True, frozen=True)
class Rule:
    """A context rule: if its words occur in scope, the trigger codes to ``sub_event_type``."""

    any: tuple[str, ...] = ()
    and_any: tuple[str, ...] = ()
    count_who: tuple[str, ...] = ()
    scope: str = "clause"
    sub_event_type: str | None = None
    weapon: str | None = None
    cameo: str | None = None
    plover_mode: str | None = None


@dataclass(slots=True)
class Trigger:
    """One dictionary entry (several surface forms share its rules)."""

    id: str
    phrases: tuple[tuple[str, ...], ...]
    pos: frozenset[str] = frozenset()
    default: str | None = None
    priority: int = 50
    weak: bool = False
    person: bool = False  # names the people taking part ("protesters"), not the act
    armed_actor: bool = False  # an event only when done by an armed group or force ("fighters arrived")
    weapon: str | None = None
    symmetric: bool = False
    by_actor: dict[str, str] | None = None
    prep_actor1: frozenset[str] = frozenset()
    prep_actor2: frozenset[str] = frozenset()
    rules: tuple[Rule, ...] = ()


@dataclass(slots=True)
class Hit:
    """A trigger found in a Doc: tokens ``start``..``end`` (exclusive), syntactic head ``head``."""

    trigger: Trigger
    start: int
    end: int
    head: int


@dataclass
class TriggerDictionary:
    """All triggers, indexed by the first lemma of each phrase."""

    triggers: dict[str, Trigger] = field(default_factory=dict)
    words: dict[str, tuple[str, ...]] = field(default_factory=dict)  # named context word lists
    index: dict[str, list[tuple[tuple[str, ...], Trigger]]] = field(default_factory=dict)

    def build_index(self) -> None:
        self.index = {}
        for trig in self.triggers.values():
            for phrase in trig.phrases:
                self.index.setdefault(phrase[0], []).append((phrase, trig))
        for entries in self.index.values():  # longest phrase first, then priority
            entries.sort(key=lambda e: (-len(e[0]), -e[1].priority))

    def expand(self, words: Iterable[str]) -> tuple[str, ...]:
        """Replace '@name' by the named word list."""
        out: list[str] = []
        for w in words:
            if w.startswith("@"):
                if w[1:] not in self.words:
                    raise TriggerFileError(f"unknown word list {w!r}")
                out.extend(self.words[w[1:]])
            else:
                out.append(w)
        return tuple(x.lower() for x in out)

    def find(self, doc: Any, start: int = 0, end: int | None = None) -> list[Hit]:
        """Trigger hits among tokens start..end, overlaps resolved (longest, then highest priority)."""
        end = len(doc) if end is None else end
        hits: list[Hit] = []
        taken: set[int] = set()
        lemmas = [t.lemma_.lower() for t in doc[start:end]]
        lowers = [t.lower_ for t in doc[start:end]]
        for k in range(len(lemmas)):
            cands = self.index.get(lemmas[k], []) + (
                self.index.get(lowers[k], []) if lowers[k] != lemmas[k] else []
            )
            for phrase, trig in cands:
                n = len(phrase)
                if k + n > len(lemmas):
                    continue
                if any(phrase[j] not in (lemmas[k + j], lowers[k + j]) for j in range(n)):
                    continue
                span = doc[start + k : start + k + n]
                head = span.root
                if trig.pos and head.pos_ not in trig.pos:
                    continue
                hits.append(Hit(trig, start + k, start + k + n, head.i))
        hits.sort(key=lambda h: (-(h.end - h.start), -h.trigger.priority, h.start))
        kept: list[Hit] = []
        for h in hits:
            if taken.intersection(range(h.start, h.end)):
                continue
            taken.update(range(h.start, h.end))
            kept.append(h)
        kept.sort(key=lambda h: h.start)
        return kept


def _rule(raw: dict[str, Any], d: TriggerDictionary) -> Rule:
    sub = raw.get("sub_event_type")
    if sub is not None and sub not in ACLED_SUBTYPE_PARENT:
        raise TriggerFileError(f"unknown ACLED sub_event_type {sub!r}")
    return Rule(
        any=d.expand(raw.get("any", ())),
        and_any=d.expand(raw.get("and_any", ())),
        count_who=tuple(raw.get("count_who", ())),
        scope=raw.get("scope", "clause"),
        sub_event_type=sub,
        weapon=raw.get("weapon"),
        cameo=raw.get("cameo"),
        plover_mode=raw.get("plover_mode"),
    )


def _trigger(raw: dict[str, Any], d: TriggerDictionary) -> Trigger:
    for sub in [raw.get("default"), *(raw.get("by_actor") or {}).values()]:
        if sub is not None and sub not in ACLED_SUBTYPE_PARENT:
            raise TriggerFileError(f"trigger {raw['id']}: unknown ACLED sub_event_type {sub!r}")
    return Trigger(
        id=raw["id"],
        phrases=tuple(tuple(p.lower().split()) for p in raw["match"]),
        pos=frozenset(raw.get("pos", ())),
        default=raw.get("default"),
        priority=int(raw.get("priority", 50)),
        weak=bool(raw.get("weak", False)),
        person=bool(raw.get("person", False)),
        armed_actor=bool(raw.get("armed_actor", False)),
        weapon=raw.get("weapon"),
        symmetric=bool(raw.get("symmetric", False)),
        by_actor=raw.get("by_actor"),
        prep_actor1=frozenset(raw.get("prep_actor1", ())),
        prep_actor2=frozenset(raw.get("prep_actor2", ())),
        rules=tuple(_rule(r, d) for r in raw.get("rules", ())),
    )


@functools.cache
def _schema() -> dict[str, Any]:
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


def read_file(path: Path) -> dict[str, Any]:
    """Read and validate one trigger YAML file."""
    import jsonschema
    import yaml

    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise TriggerFileError(f"{path}: cannot read trigger file: {exc}") from exc
    try:
        jsonschema.validate(data, _schema())
    except jsonschema.ValidationError as exc:
        where = "/".join(str(p) for p in exc.absolute_path)
        raise TriggerFileError(f"{path}: {where}: {exc.message}") from exc
    return data


def load_triggers(extra_paths: Sequence[str | Path] = ()) -> TriggerDictionary:
    """The shipped trigger dictionary plus analysts' files (same id replaces the shipped entry)."""
    return _load(tuple(str(p) for p in extra_paths))


@functools.cache
def _load(extra_paths: tuple[str, ...]) -> TriggerDictionary:
    files = [read_file(TRIGGERS_FILE)] + [read_file(Path(p)) for p in extra_paths]
    d = TriggerDictionary()
    for data in files:
        for name, words in (data.get("context_words") or {}).items():
            d.words[name] = tuple(d.words.get(name, ())) + tuple(w.lower() for w in words)
    for data, path in zip(files, [TRIGGERS_FILE, *extra_paths], strict=True):
        for raw in data["triggers"]:
            try:
                d.triggers[raw["id"]] = _trigger(raw, d)
            except TriggerFileError as exc:
                raise TriggerFileError(f"{path}: {exc}") from exc
    d.build_index()
    return d
