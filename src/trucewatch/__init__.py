"""trucewatch: conflict news to structured, geolocated, deduplicated event data, and ceasefire monitoring.

The Python API::

    import pandas as pd
    import trucewatch

    df = pd.DataFrame(trucewatch.extract(text, published="2016-04-10", source="Levant Wire"))
    places = trucewatch.geoparse(text)
    store = trucewatch.open_store("trucewatch.duckdb")
"""

from __future__ import annotations

from trucewatch.library import event_record, extract, extract_events, geoparse, open_store

__version__ = "0.1.0"
__all__ = ["event_record", "extract", "extract_events", "geoparse", "open_store", "__version__"]
