"""Events stage: trigger dictionary, roles, modality, codes -> event mentions with evidence."""

from __future__ import annotations

from trucewatch.events import (
    another_kind,  # noqa: F401  (registers its article rule)
    clash_sides,  # noqa: F401  (registers its article rule)
    party_victims,  # noqa: F401  (registers its convention)
)
from trucewatch.events.codes import codes_for, interaction
from trucewatch.events.extract import extract
from trucewatch.events.triggers import TriggerDictionary, TriggerFileError, load_triggers

__all__ = ["TriggerDictionary", "TriggerFileError", "codes_for", "extract", "interaction", "load_triggers"]
