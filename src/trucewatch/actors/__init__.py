"""Actors: who is named in an article, resolved to the actor dictionary or kept as text.

Data: ``trucewatch/data/actors/*.yaml`` (schema: ``schema.json``) and ``countries.csv`` (country
names and demonyms). Analysts add actors without code: put a YAML file following the schema in a
folder and pass it to ``load_dictionary(extra_paths=[...])`` or list files/folders in the environment
variable ``TRUCEWATCH_ACTORS`` (separated by ``os.pathsep``, ":" on Linux). An entry with
``extend: true`` adds aliases to an actor defined elsewhere.

Renamed organisations (``successor``, ``valid_from``/``valid_to``): a name resolves to the
organisation it names, and a date picks the record of that organisation's lineage valid on the day,
so IDs stay continuous: "Nusra" on 2017-03-01 -> hts, "Jabhat Fateh al-Sham" on 2016-03-01 -> nusra.
Without a date the record the name belongs to is returned.
"""

from __future__ import annotations

from trucewatch.actors.annotate import annotate
from trucewatch.actors.dictionary import ActorDictionary, Role
from trucewatch.actors.loader import ENV_VAR, ActorFileError, load_dictionary, load_files

__all__ = [
    "ENV_VAR",
    "ActorDictionary",
    "ActorFileError",
    "Role",
    "annotate",
    "load_dictionary",
    "load_files",
]
