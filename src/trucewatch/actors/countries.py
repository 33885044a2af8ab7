"""Country names and demonyms -> ISO 3166-1 alpha-2 (countries.csv plus pycountry)."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from trucewatch.actors.normalize import normalize

try:
    import pycountry
except ImportError as exc:  # pragma: no cover - a declared dependency
    raise ImportError("trucewatch.actors needs the PyPI package 'pycountry' (pip install pycountry)") from exc


@dataclass(slots=True)
class Country:
    iso2: str
    name: str  # common English name ("Syria", "United States")
    the: bool = False  # "Military Forces of the United States"
    iso3: str = ""

    @property
    def of_name(self) -> str:
        return f"the {self.name}" if self.the else self.name


@dataclass(slots=True)
class CountryTable:
    """Lookup of country names and demonyms (lower-case keys) to countries."""

    countries: dict[str, Country] = field(default_factory=dict)  # iso2 -> Country
    #: phrase as written -> iso2 (names, aliases and demonyms, for the phrase matcher)
    phrases: dict[str, str] = field(default_factory=dict)
    #: normalized phrase -> iso2
    index: dict[str, str] = field(default_factory=dict)

    def get(self, iso2: str | None) -> Country | None:
        return self.countries.get(iso2.upper()) if iso2 else None

    def lookup(self, text: str) -> str | None:
        """ISO alpha-2 for a country name, alias or demonym ("Iraqi", "Iraq's"), else None."""
        return self.index.get(normalize(text))

    def _add(self, phrase: str, iso2: str) -> None:
        phrase = phrase.strip()
        if not phrase:
            return
        self.phrases.setdefault(phrase, iso2)
        self.index.setdefault(normalize(phrase), iso2)


def load_countries(csv_path: Path) -> CountryTable:
    """Read the demonym table, then fill in every other ISO country from pycountry."""
    table = CountryTable()
    with csv_path.open(encoding="utf-8", newline="") as fh:
        for line_no, row in enumerate(csv.DictReader(fh), start=2):
            iso2 = (row.get("iso2") or "").strip().upper()
            name = (row.get("name") or "").strip()
            if len(iso2) != 2 or not name:
                raise ValueError(f"{csv_path}:{line_no}: need iso2 (2 letters) and name, got {row!r}")
            record = pycountry.countries.get(alpha_2=iso2)
            table.countries[iso2] = Country(
                iso2, name, (row.get("the") or "0").strip() == "1", record.alpha_3 if record else ""
            )
            table._add(name, iso2)
            for cell in ("demonyms", "aliases"):
                for phrase in (row.get(cell) or "").split("|"):
                    table._add(phrase, iso2)
    for record in pycountry.countries:
        iso2 = record.alpha_2
        common = getattr(record, "common_name", None) or record.name
        if iso2 not in table.countries:
            table.countries[iso2] = Country(iso2, common.split(",")[0], False, record.alpha_3)
        for phrase in {common, record.name}:
            if "," not in phrase and "(" not in phrase:
                table._add(phrase, iso2)
    return table
