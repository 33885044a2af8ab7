"""CAMEO and PLOVER codes per ACLED sub-type, and ACLED inter/interaction codes from actors."""

from __future__ import annotations

import dataclasses
import functools
from pathlib import Path
from typing import Any

from trucewatch.model import ActorRef, EventFields, interaction_code

CODES_FILE = Path(__file__).resolve().parents[1] / "data" / "events" / "codes.yaml"

STATE_INTER = 1
EXTERNAL_INTER = 8
#: Inter codes of the parties to a conflict (state, rebel, political and identity militias, external forces).
PARTY_INTERS = frozenset({1, 2, 3, 4, 8})


@dataclasses.dataclass(slots=True, frozen=True)
class Codes:
    cameo: str | None
    plover: str | None
    plover_mode: str | None


@functools.cache
def _table() -> dict[str, Any]:
    import yaml

    data = yaml.safe_load(CODES_FILE.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or "sub_event_types" not in data:
        raise ValueError(f"{CODES_FILE}: missing 'sub_event_types'")
    return data


def codes_for(
    sub_event_type: str,
    *,
    weapon: str | None = None,
    trigger_words: tuple[str, ...] = (),
    clause_lemmas: frozenset[str] = frozenset(),
) -> Codes:
    """CAMEO code and PLOVER type/mode for a sub-type, refined by weapon, trigger words and context."""
    t = _table()
    base = t["sub_event_types"].get(sub_event_type) or {}
    cameo, plover, mode = base.get("cameo"), base.get("plover"), base.get("mode")
    over: dict[str, Any] = {}
    if weapon and weapon in (t.get("weapon_modes") or {}):
        over.update(t["weapon_modes"][weapon])
    for w in trigger_words:
        over.update((t.get("trigger_codes") or {}).get(w) or {})
    if sub_event_type == "Agreement" and clause_lemmas & set(t.get("ceasefire_words") or ()):
        over.update(t.get("ceasefire_code") or {})
    return Codes(over.get("cameo", cameo), over.get("plover", plover), over.get("mode", mode))


def as_external(ref: ActorRef | None, event_country: str | None) -> ActorRef | None:
    """State forces acting outside their own country get ACLED inter 8 (external forces)."""
    if ref is None or ref.inter != STATE_INTER or not ref.country or not event_country:
        return ref
    if ref.country.upper() == event_country.upper():
        return ref
    return dataclasses.replace(ref, inter=EXTERNAL_INTER)


def interaction(ev: EventFields) -> int | None:
    """ACLED interaction code of an event or mention."""
    i1 = ev.actor1.inter if ev.actor1 else None
    i2 = ev.actor2.inter if ev.actor2 else None
    return interaction_code(i1, i2)


def country_name(iso2: str | None) -> str | None:
    """Common English name of a country ("Syria", not "Syrian Arab Republic")."""
    if not iso2:
        return None
    fixed = (_table().get("country_names") or {}).get(iso2.upper())
    if fixed:
        return str(fixed)
    try:
        import pycountry
    except ImportError as exc:  # pragma: no cover - dependency of the package
        raise RuntimeError("pycountry is required: pip install pycountry") from exc
    c = pycountry.countries.get(alpha_2=iso2.upper())
    if c is None:
        return None
    return getattr(c, "common_name", None) or c.name
