"""Casualties stage: killed/injured/missing/captured/displaced counts with UCDP-style estimates."""

from __future__ import annotations

from trucewatch.casualties.annotate import COUNTED_KINDS, annotate, doc_counts
from trucewatch.casualties.numbers import Quantity, find_quantities, words_to_int

__all__ = ["annotate", "doc_counts", "find_quantities", "words_to_int", "Quantity", "COUNTED_KINDS"]
