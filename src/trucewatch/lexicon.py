"""The language layer: the English vocabulary every stage reads, loaded once from ``data/lexicon/en/``.

Word lists, phrase lists, word maps and regular expressions that are vocabulary (not code structure) live in
YAML files checked against ``data/lexicon/schema.json``. Each entry has a name unique across the language's
files, a kind and a one-line ``about``::

    months:
      kind: words          # words | phrases | map | regex
      about: Month names and their usual abbreviations, lower case.
      values: [january, jan, february, feb, ...]

A regex entry may name another entry as ``<<name>>``: a word, phrase or map entry is replaced by the alternation
of its values (escaped, longest first), so a pattern and the word list it is built from cannot drift apart; a
regex entry is inserted as written (its own flags do not travel with it, so group it and mind the flags of the
pattern that uses it). Flags are letters of ``imsx``.

Stages call ``lexicon()`` (loaded and validated once per process, then shared) and read entries through the
typed accessors: ``words`` (a frozenset), ``terms`` (a tuple in file order), ``mapping`` and ``regex``.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

KINDS = ("words", "phrases", "map", "regex")
FLAGS = {"i": re.IGNORECASE, "m": re.MULTILINE, "s": re.DOTALL, "x": re.VERBOSE}
_REF = re.compile(r"<<([a-z][a-z0-9_]*)>>")


class LexiconError(ValueError):
    """A lexicon file breaks the schema, or code asked for an entry that does not exist or has another kind."""


@dataclass(frozen=True)
class Entry:
    name: str
    kind: str
    about: str
    file: str
    values: tuple[str, ...] = ()
    pairs: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    pattern: str = ""
    flags: str = ""


@dataclass(frozen=True)
class Lexicon:
    """One language's vocabulary, read-only."""

    lang: str
    entries: Mapping[str, Entry]
    _compiled: Mapping[str, re.Pattern[str]] = field(repr=False, compare=False)

    def entry(self, name: str, *kinds: str) -> Entry:
        try:
            e = self.entries[name]
        except KeyError:
            raise LexiconError(f"lexicon {self.lang!r} has no entry {name!r}") from None
        if kinds and e.kind not in kinds:
            raise LexiconError(f"lexicon entry {name!r} is {e.kind}, not {' or '.join(kinds)}")
        return e

    def words(self, name: str) -> frozenset[str]:
        """A word or phrase list as a set (membership tests)."""
        return frozenset(self.entry(name, "words", "phrases").values)

    def terms(self, name: str) -> tuple[str, ...]:
        """A word or phrase list in the file's order (when order matters, e.g. longest match first)."""
        return self.entry(name, "words", "phrases").values

    def mapping(self, name: str) -> Mapping[str, Any]:
        return self.entry(name, "map").pairs

    def regex(self, name: str) -> re.Pattern[str]:
        self.entry(name, "regex")
        return self._compiled[name]

    def alternation(self, name: str) -> str:
        """The entry's values as a regex alternation, escaped, longest first (for patterns built in code)."""
        e = self.entry(name, "words", "phrases", "map")
        items = e.values if e.kind != "map" else tuple(e.pairs)
        return "|".join(re.escape(v) for v in sorted(set(items), key=lambda v: (-len(v), v)))


def folder(lang: str = "en") -> Path:
    return Path(str(resources.files("trucewatch") / "data" / "lexicon" / lang))


def _schema() -> dict[str, Any]:
    return json.loads((folder().parent / "schema.json").read_text(encoding="utf-8"))


def _entries(path: Path, validator: Any) -> dict[str, Entry]:
    try:
        doc = yaml.load(
            path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        )
    except yaml.YAMLError as exc:
        raise LexiconError(f"{path.name}: not valid YAML: {exc}") from exc
    errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))
    if errors:
        where = "/".join(str(p) for p in errors[0].absolute_path) or "(top)"
        raise LexiconError(f"{path.name}: {where}: {errors[0].message}")
    out = {}
    for name, raw in doc["entries"].items():
        kind = raw["kind"]
        common = {"name": name, "kind": kind, "about": raw["about"], "file": path.name}
        if kind == "map":
            out[name] = Entry(**common, pairs=MappingProxyType(dict(raw["values"])))
        elif kind == "regex":
            out[name] = Entry(**common, pattern=raw["pattern"], flags=raw.get("flags", ""))
        else:
            values = tuple(raw["values"])
            dupes = sorted({v for v in values if values.count(v) > 1})
            if dupes:
                raise LexiconError(f"{path.name}: {name}: repeated values {dupes}")
            out[name] = Entry(**common, values=values)
    return out


def _expand(name: str, entries: Mapping[str, Entry], lex: Lexicon, seen: tuple[str, ...] = ()) -> str:
    """A regex entry's pattern with every ``<<ref>>`` replaced (a regex ref is inserted as written)."""

    def expand(m: re.Match[str]) -> str:
        ref = m.group(1)
        if ref not in entries:
            raise LexiconError(f"regex {name!r} names {ref!r}, which is no entry")
        if entries[ref].kind != "regex":
            return lex.alternation(ref)
        if ref in seen or ref == name:
            raise LexiconError(f"regex {name!r} refers back to itself through {ref!r}")
        return _expand(ref, entries, lex, (*seen, name))

    return _REF.sub(expand, entries[name].pattern)


def _compile(entries: Mapping[str, Entry], lex: Lexicon) -> dict[str, re.Pattern[str]]:
    out = {}
    for e in entries.values():
        if e.kind != "regex":
            continue
        flags = 0
        for letter in e.flags:
            flags |= FLAGS[letter]
        try:
            out[e.name] = re.compile(_expand(e.name, entries, lex), flags)
        except re.error as exc:
            raise LexiconError(f"{e.file}: {e.name}: bad regex: {exc}") from exc
    return out


@functools.cache
def lexicon(lang: str = "en") -> Lexicon:
    """The language's lexicon, loaded and checked once per process."""
    import jsonschema

    base = folder(lang)
    if not base.is_dir():
        raise LexiconError(f"no lexicon for language {lang!r} (expected the folder {base})")
    validator = jsonschema.Draft202012Validator(_schema())
    entries: dict[str, Entry] = {}
    for path in sorted(base.glob("*.yaml")):
        for name, entry in _entries(path, validator).items():
            if name in entries:
                raise LexiconError(f"entry {name!r} is defined in {entries[name].file} and in {path.name}")
            entries[name] = entry
    frozen = MappingProxyType(entries)
    lex = Lexicon(lang, frozen, MappingProxyType({}))
    object.__setattr__(lex, "_compiled", MappingProxyType(_compile(frozen, lex)))
    return lex
