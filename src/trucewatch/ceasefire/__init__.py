"""Ceasefire monitoring: agreements as data, judgements with reasons, roll-ups, trend status and reports."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .colours import party_colour, party_colours
from .judge import judge, party_of
from .monitor import ALL, Alert, AreaStatus, MonitorResult, status
from .rollup import Baseline, baseline, rollup, violation_frame
from .terms import AgreementError, Terms, load_agreement_file, load_agreements, terms_for
from .trend import COLLAPSING, HOLDING, INSUFFICIENT, STRAINED, Trend, TrendParams, assess, rate_ratio_ci


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
