"""trucewatch: conflict news to structured, geolocated, deduplicated event data, and ceasefire monitoring."""

__version__ = "0.1.0"
