"""Ceasefire monitoring: agreements as data, judgements with reasons, roll-ups, trend status and reports."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .colours import party_colour, party_colours
from .judge import judge, party_of
from .rollup import Baseline, baseline, rollup, violation_frame
from .terms import AgreementError, Terms, load_agreement_file, load_agreements, terms_for

if TYPE_CHECKING:
    from .monitor import ALL, Alert, AreaStatus, MonitorResult, status
    from .trend import COLLAPSING, HOLDING, INSUFFICIENT, STRAINED, Trend, TrendParams, assess, rate_ratio_ci

#: Names of the monitor and trend modules, which need pandas and scipy (a second to import): loaded on first
#: use, so judging events during an ingest does not pay for them.
_LAZY = {
    **dict.fromkeys(("ALL", "Alert", "AreaStatus", "MonitorResult", "status"), "monitor"),  # not vocabulary
    **dict.fromkeys(("COLLAPSING", "HOLDING", "INSUFFICIENT", "STRAINED", "Trend", "TrendParams", "assess",
                     "rate_ratio_ci"), "trend"),
}  # fmt: skip


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def write_report(
    result: MonitorResult, path_html: str | Path, pdf: str | Path | None = None, sources: Any = None
) -> list[Path]:
    """Offline HTML report (inline SVG charts, event list linked to ``sources``: event id -> its articles) and,
    when ``pdf`` is given, the same page printed by headless Chromium; returns the paths written."""
    from .report import write_report as _write

    return _write(result, path_html, pdf=pdf, sources=sources)


__all__ = [
    "ALL",
    "COLLAPSING",
    "HOLDING",
    "INSUFFICIENT",
    "STRAINED",
    "AgreementError",
    "Alert",
    "AreaStatus",
    "Baseline",
    "MonitorResult",
    "Terms",
    "Trend",
    "TrendParams",
    "assess",
    "baseline",
    "judge",
    "party_colour",
    "party_colours",
    "load_agreement_file",
    "load_agreements",
    "rate_ratio_ci",
    "party_of",
    "rollup",
    "status",
    "terms_for",
    "violation_frame",
    "write_report",
]
