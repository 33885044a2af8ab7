"""Choose one gazetteer entry per toponym: name match, population, country context, proximity.

Two passes over an article's toponyms. Pass one ranks each toponym's candidates on its own
(exact name, population, feature type). The countries named in the text (country names,
nationality adjectives, confidently resolved places, the dateline) then form the article's
country context; pass two adds that context and closeness to the other places of the article.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

from trucewatch.places.gazetteer import Gazetteer, distance_km
from trucewatch.places.relations import precision

MAX_CANDIDATES = 40
W_POP = 2.0  # log10(population) / 7, so a world city outweighs a village by ~1.0
W_COUNTRY = 1.0  # share of the article's country context
W_ADMIN1 = 0.8  # the place lies in a division the article names
W_QUALIFIED = 2.0  # "Paris, Texas": the place lies in the division or country named right after it
W_NEAR = 0.6
#: a place known only by a transliteration match outside the article's countries needs this population
LOOSE_MIN_POP = 500_000
UNKNOWN_POP = 1_000


@dataclass(slots=True)
class Item:
    """One toponym to resolve."""

    text: str
    start: int
    end: int
    rows: tuple[int, ...]
    exact: bool
    label: str = ""
    relation: str | None = None
    dateline: bool = False
    # results
    row: int | None = None
    score: float = 0.0
    candidates: list[tuple[int, str, str, float]] = field(default_factory=list)
    geo_precision: int | None = None
    where_prec: int | None = None


def _base(gaz: Gazetteer, row: int, item: Item) -> float:
    if gaz.is_exact(row, item.text):
        tier = 1.0
    else:
        tier = 0.6 if item.exact else 0.0
    code = gaz.fcode(row)
    pop_row = gaz.seat(row) if code == "ADM1" else row  # a division ranks like its seat, not its sum
    # GeoNames leaves many villages at population 0 (unknown): count them as small villages
    pop = min(1.0, math.log10(max(int(gaz.population[pop_row]), UNKNOWN_POP) + 1) / 7.0)
    feat = 0.0
    if code.startswith("PCL"):
        feat = 0.8 if item.exact else 0.0
    elif code == "ADM1":
        feat = 0.6 if item.relation in ("province", "district") else 0.0
    return tier + W_POP * pop + feat


def _ranked(gaz: Gazetteer, item: Item) -> list[tuple[float, int]]:
    scored = sorted(((_base(gaz, r, item), r) for r in item.rows), reverse=True)
    return scored[:MAX_CANDIDATES]


def _context(
    gaz: Gazetteer, items: list[Item], first: list[list[tuple[float, int]]]
) -> list[dict[str, float]]:
    """Per item, the share of each country in the evidence of the *other* toponyms (an item never votes for itself)."""
    weight: dict[str, float] = defaultdict(float)
    own: list[tuple[str, float] | None] = []
    for item, ranked in zip(items, first, strict=False):
        own.append(None)
        if not ranked:
            continue
        best, row = ranked[0]
        margin = best - ranked[1][0] if len(ranked) > 1 else 1.0
        code = gaz.fcode(row)
        if item.label == "DEMONYM":
            w = 0.5
        elif code.startswith("PCL"):
            w = 1.0
        elif margin > 0.3 and item.exact:
            w = 0.5
        else:
            continue
        w *= 2.0 if item.dateline else 1.0
        weight[gaz.country[row]] += w
        own[-1] = (gaz.country[row], w)
    out: list[dict[str, float]] = []
    for mine in own:
        ctx = dict(weight)
        if mine is not None:
            ctx[mine[0]] -= mine[1]
        top = max(ctx.values(), default=0.0)
        out.append({c: w / top for c, w in ctx.items() if w > 1e-9} if top > 1e-9 else {})
    return out


def _contains(gaz: Gazetteer, outer: int, inner: int) -> float:
    """1.0 when ``outer`` is the division holding ``inner``, 0.5 for its country, else 0."""
    code = gaz.fcode(outer)
    if gaz.country[outer] != gaz.country[inner] or outer == inner:
        return 0.0
    if code == "ADM1":
        return 1.0 if gaz.admin1[outer] == gaz.admin1[inner] else 0.0
    return 0.5 if code.startswith("PCL") else 0.0


def _qualifiers(
    gaz: Gazetteer, items: list[Item], first: list[list[tuple[float, int]]], text: str | None
) -> dict[tuple[int, int], float]:
    """(item, row) -> containment bonus for "Paris, Texas" / "Tripoli, Lebanon" pairs (both ways)."""
    out: dict[tuple[int, int], float] = {}
    for k in range(len(items) - 1):
        a, b = items[k], items[k + 1]
        if not first[k] or not first[k + 1]:
            continue
        gap = text[a.end : b.start] if text is not None else None
        if gap is not None and gap.strip() != ",":
            continue
        if gap is None and not 0 < b.start - a.end <= 2:
            continue
        inner = [r for _, r in first[k][:10]]
        outer = [r for _, r in first[k + 1][:5]]
        for r in inner:
            best = max(_contains(gaz, o, r) for o in outer)
            if best:
                out[(k, r)] = max(out.get((k, r), 0.0), best)
        for o in outer:
            best = max(_contains(gaz, o, r) for r in inner)
            if best:
                out[(k + 1, o)] = max(out.get((k + 1, o), 0.0), best)
    return out


def resolve_items(gaz: Gazetteer, items: list[Item], text: str | None = None) -> list[Item]:
    """Resolve every item in place (row, score, candidates, precision) and return them.

    ``text`` (what the offsets point into) lets "Paris, Texas" qualifiers be read exactly.
    """
    first = [_ranked(gaz, it) for it in items]
    contexts = _context(gaz, items, first)
    quals = _qualifiers(gaz, items, first, text)
    divisions: set[int] = set()
    for it, ranked in zip(items, first, strict=False):
        if ranked and it.exact and gaz.fcode(ranked[0][1]) == "ADM1":
            divisions.add(int(gaz.admin1[ranked[0][1]]))
    anchors: list[tuple[int, float, float]] = []
    for k, (it, ranked) in enumerate(zip(items, first, strict=False)):
        if ranked and it.label != "DEMONYM" and gaz.fclass(ranked[0][1]) == "P":
            if len(ranked) == 1 or ranked[0][0] - ranked[1][0] > 0.3:
                r = ranked[0][1]
                anchors.append((k, float(gaz.lat[r]), float(gaz.lon[r])))
    for k, (it, ranked) in enumerate(zip(items, first, strict=False)):
        ctx = contexts[k]
        if not it.exact and ctx:
            # a transliteration-only match must agree with the article's countries or be a big place
            ranked = [
                (b, r)
                for b, r in ranked
                if ctx.get(gaz.country[r], 0.0) > 0 or gaz.population[r] >= LOOSE_MIN_POP
            ]
        if not ranked:
            continue
        totals: list[tuple[float, int]] = []
        for base, r in ranked:
            total = base + W_COUNTRY * ctx.get(gaz.country[r], 0.0)
            a1 = int(gaz.admin1[r])
            if a1 >= 0 and a1 in divisions and gaz.fcode(r) != "ADM1":
                total += W_ADMIN1
            total += W_QUALIFIED * quals.get((k, r), 0.0)
            if gaz.fclass(r) == "P" and anchors:
                lat, lon = float(gaz.lat[r]), float(gaz.lon[r])
                near = min((distance_km(lat, lon, a, b) for j, a, b in anchors if j != k), default=1e9)
                total += W_NEAR if near < 100 else W_NEAR / 2 if near < 300 else 0.0
            totals.append((total, r))
        totals.sort(reverse=True)
        _finish(gaz, it, totals)
    return items


def _finish(gaz: Gazetteer, it: Item, totals: list[tuple[float, int]]) -> None:
    best = totals[0][1]
    code = gaz.fcode(best)
    if code == "ADM1" and it.relation not in ("province", "district"):
        # "Aleppo" alone is the city when the division is named after its seat
        for _, r in totals:
            if (
                gaz.fclass(r) == "P"
                and gaz.admin1[r] == gaz.admin1[best]
                and gaz.country[r] == gaz.country[best]
            ):
                if gaz.is_exact(r, it.text) or r == gaz.admin1_capital[int(gaz.admin1[best])]:
                    best = r
                    break
    elif it.relation == "province" and gaz.fclass(best) == "P" and gaz.admin1[best] >= 0:
        div = gaz.admin1_row[int(gaz.admin1[best])]
        if div >= 0:
            best = div
    z = max(t for t, _ in totals)
    probs = {r: math.exp(2.0 * (t - z)) for t, r in totals}
    norm = sum(probs.values())
    it.row = best
    it.score = round(probs.get(best, max(probs.values())) / norm, 3)
    it.candidates = [
        (int(gaz.ids[r]), gaz.names[r], gaz.country[r], round(probs[r] / norm, 3)) for _, r in totals[:5]
    ]
    it.geo_precision, it.where_prec = precision(it.relation, gaz.fcode(best))
