"""Dates stage: temporal expressions resolved against the publication date, with ACLED/UCDP precision."""

from __future__ import annotations

from trucewatch.dates.annotate import DATED_KINDS, annotate, dateline_anchor, doc_dates, resolve_text
from trucewatch.dates.resolve import precision

__all__ = ["annotate", "resolve_text", "doc_dates", "dateline_anchor", "precision", "DATED_KINDS"]
