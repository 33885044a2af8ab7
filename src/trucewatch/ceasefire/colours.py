"""One colour per party, the same in the report's charts and the dashboard's timeline."""

from __future__ import annotations

from collections.abc import Iterable

from trucewatch.model import Agreement, hash_text

#: Colour-blind-friendly enough and distinct on white; the agreement's parties take them in their order.
PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2", "#bcbd22")
UNKNOWN = "#7f7f7f"


def party_colour(party: str | None, agreement: Agreement | None = None) -> str:
    """The colour of a party (or violator actor id): by its place among the agreement's parties, else by a
    stable hash of the name into the colours the parties leave free; grey for "unknown"."""
    if not party or party == "unknown":
        return UNKNOWN
    names = [p.name for p in agreement.parties] if agreement is not None else []
    if party in names:
        return PALETTE[names.index(party) % len(PALETTE)]
    free = PALETTE[len(names):] or PALETTE
    return free[hash_text(party) % len(free)]


def party_colours(parties: Iterable[str], agreement: Agreement | None = None) -> dict[str, str]:
    """Party -> colour for every party of the agreement and every name in ``parties``."""
    names = [p.name for p in agreement.parties] if agreement is not None else []
    return {p: party_colour(p, agreement) for p in [*names, *parties]}
