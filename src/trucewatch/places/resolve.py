"""Choose one gazetteer entry per toponym: name match, importance, the article's geography.

Each toponym's candidates are first ranked on their own: exact name, an importance prior
(population; a first-level division ranks like its seat; countries and divisions outrank small
homonymous towns) and feature type. The article's other toponyms then vote, softly, for
countries and first-level divisions, and serve as anchors for closeness; a division or country
written right after a place ("Springfield, Ill.") qualifies it. Votes are recomputed for a few
rounds. Repeated names share one reading (one sense per discourse), and a name never votes for itself.
A name that is a country or a named region outranks villages of that name unless a qualifier
names the village's division ("Russia, Ohio").
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from difflib import SequenceMatcher

import numpy as np

from trucewatch.config import Settings, settings
from trucewatch.lexicon import lexicon
from trucewatch.places.context import Qualifier, qualified, qualifier
from trucewatch.places.gazetteer import Gazetteer, distance_km
from trucewatch.places.hierarchy import constrain
from trucewatch.places.normalize import loose_key, plain_key
from trucewatch.places.relations import precision

# The weights and thresholds are settings (``trucewatch settings``, names starting ``places_``):
# places_max_candidates, the weights places_w_pop (log10(population) / 7, so a world city outweighs a
# village by ~1.0), places_w_country, places_w_admin1, places_w_qualified ("Paris, Texas") and places_w_near,
# places_rounds of voting, places_sharpness (softmax scale turning scores into the vote of one toponym);
# places_loose_min_pop (a place known only by a transliteration match outside the article's countries
# needs this population) and places_alike / places_alike_strict (how alike, difflib ratio of the plain keys,
# its name must be); without any country context a US town loses places_us_namesake_discount against a
# namesake abroad at least places_homonym_share its size ("Toledo", "Merida"); places_unknown_pop;
# places_short_key (transliteration keys this short, "fa", "ham", match only in the article's countries).


#: "Banta village", "Tokyo neighbourhood": a word after the name that makes it a local place.
_LOCAL_KINDS = lexicon().words("local_place_kinds")
#: "Karama neighbourhood", "the quarter of X": a part of a town.
_CITY_PART_KINDS = lexicon().words("city_part_kinds")
_NEXT_WORD = re.compile(r"[ \t]+([A-Za-z]+)")
_KIND_OF = re.compile(r"\b(?:the|a)[ \t]+(?:[a-z]+[ \t]+)?([a-z]+?)s?[ \t]+of[ \t]+$", re.IGNORECASE)


def local_kind(text: str, start: int, end: int, kinds: frozenset[str] = _LOCAL_KINDS) -> bool:
    """The name is written as a local place: "X village", "X street", "the village of X" (or as one of
    ``kinds``)."""
    m = _NEXT_WORD.match(text, end)
    if m is not None and m.group(1).lower() in kinds:
        return True
    b = _KIND_OF.search(text, max(0, start - 30), start)
    return b is not None and b.group(1).lower() in kinds


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
    placed: bool = False  # rows cut to those inside the division or country written with it
    local: bool = False  # written as a local place ("X village"): only in the countries the text names
    city_part: bool = False  # written as a part of a town ("X neighbourhood"): only in a town the text names
    person: bool = False  # a nationality word naming a person ("an American"): it casts no vote
    inner: int | None = None  # index of the finer item the text writes inside this one ("X in Y": Y's is X)


def _base(gaz: Gazetteer, row: int, item: Item, s: Settings) -> float:
    exact = gaz.is_exact(row, item.text)
    tier = 1.0 if exact else 0.6 if item.exact else 0.0
    code = gaz.fcode(row)
    pop_row = gaz.seat(row) if code == "ADM1" else row  # a division ranks like its seat, not its sum
    # GeoNames leaves many villages at population 0 (unknown): count them as small villages
    pop = min(1.0, math.log10(max(int(gaz.population[pop_row]), s.places_unknown_pop) + 1) / 7.0)
    feat = 0.0
    if code.startswith("PCL"):
        feat = 0.8 if item.exact else 0.0
    elif code == "ADM1":
        feat = 0.6 if item.relation in ("province", "district") else 0.2 if exact else 0.0
    elif code == "PPLC":  # a national capital is named in news far beyond its population
        feat = 0.3
    elif code == "ADM2":  # ranked by its largest town; that town itself wins a tie
        feat = 0.6 if item.relation in ("province", "district") else -0.1
    return tier + s.places_w_pop * pop + feat


def _ranked(gaz: Gazetteer, item: Item) -> list[tuple[float, int]]:
    s = settings()
    scored = sorted(((_base(gaz, r, item, s), r) for r in item.rows), reverse=True)
    return scored[: s.places_max_candidates]


def _softmax(totals: list[tuple[float, int]]) -> dict[int, float]:
    if not totals:
        return {}
    z = max(t for t, _ in totals)
    sharpness = settings().places_sharpness
    probs = {r: math.exp(sharpness * (t - z)) for t, r in totals}
    norm = sum(probs.values())
    return {r: p / norm for r, p in probs.items()}


def _contains(gaz: Gazetteer, outer: int, inner: int) -> float:
    """1.0 when ``outer`` is the division holding ``inner``, 0.5 for its country, else 0."""
    code = gaz.fcode(outer)
    if gaz.country[outer] != gaz.country[inner] or outer == inner:
        return 0.0
    if code == "ADM1":
        return 1.0 if gaz.admin1[outer] == gaz.admin1[inner] else 0.0
    return 0.5 if code.startswith("PCL") else 0.0


def _pair_qualifiers(
    gaz: Gazetteer, items: list[Item], first: list[list[tuple[float, int]]], text: str | None
) -> dict[tuple[int, int], float]:
    """(item, row) -> containment bonus for adjacent toponym pairs "Homs, Syria" (both ways)."""
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


def _km(lat: np.ndarray, lon: np.ndarray, alat: np.ndarray, alon: np.ndarray) -> np.ndarray:
    """Great-circle distances, candidates (rows) x anchors (columns)."""
    p1, p2 = np.radians(lat)[:, None], np.radians(alat)[None, :]
    dl = np.radians(alon)[None, :] - np.radians(lon)[:, None]
    a = np.sin((p2 - p1) / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return 6371.0 * 2 * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))


@dataclass(slots=True)
class _Vote:
    """What one name (all its mentions) says about the article's geography."""

    weight: float
    countries: dict[str, float]
    divisions: dict[int, float]
    anchor: tuple[float, float, float] | None  # lat, lon, confidence of its best reading


def _alternate_row(gaz: Gazetteer, item: Item, row: int, s: Settings) -> bool:
    """A small town matched exactly, but only under one of its alternate names ("Fino" for Fino Mornasco)."""
    return (
        item.exact
        and gaz.fclass(row) == "P"
        and not gaz.is_exact(row, item.text)
        and int(gaz.population[row]) < s.places_well_known_pop
    )


def _attested(
    gaz: Gazetteer, items: list[Item], groups: dict[str, list[int]], dists: dict[str, dict[int, float]], s: Settings
) -> set[str] | None:
    """Countries a name of the text reads, on its own, mostly (half its weight or more) otherwise than as small
    towns' alternate names (its own name, a division, a transliteration), or a nationality word names; None when
    the step "alternate name vote" is off."""
    if "alternate name vote" in s.places_steps_off:
        return None
    out: set[str] = set()
    for g, ks in groups.items():
        item = items[ks[0]]
        share: dict[str, float] = defaultdict(float)
        for r, p in dists[g].items():
            if item.label == "DEMONYM" or not _alternate_row(gaz, item, r, s):
                share[gaz.country[r]] += p
        out |= {c for c, p in share.items() if p >= 0.5}
    return out


def _vote(gaz: Gazetteer, members: list[Item], dist: dict[int, float], attested: set[str] | None) -> _Vote:
    if all(m.person for m in members):  # step "person nationality": says who, not where
        return _Vote(0.0, {}, {}, None)
    weight = 0.5 if members[0].label == "DEMONYM" else 1.0
    if any(m.dateline for m in members):
        weight *= 2.0
    s = settings()
    if attested is not None and dist and all(_alternate_row(gaz, members[0], r, s) for r in dist):
        # step "alternate name vote": a name read only as small towns' alternate names ("Fino", "Mandera" for
        # Mandela IT) votes only for a country another name of the text reads otherwise: two such names do not
        # prop each other up
        dist = {r: p for r, p in dist.items() if gaz.country[r] in attested}
        if not dist:
            return _Vote(0.0, {}, {}, None)
    countries: dict[str, float] = defaultdict(float)
    divisions: dict[int, float] = defaultdict(float)
    for r, p in dist.items():
        if gaz.country[r]:
            countries[gaz.country[r]] += p
        if gaz.admin1[r] >= 0:
            divisions[int(gaz.admin1[r])] += p
    anchor = None
    if dist and members[0].label != "DEMONYM":
        best = max(dist, key=dist.__getitem__)
        if gaz.fclass(best) == "P":
            anchor = (float(gaz.lat[best]), float(gaz.lon[best]), dist[best])
    return _Vote(weight, dict(countries), dict(divisions), anchor)


def _group_key(item: Item) -> str:
    return ("demonym:" if item.label == "DEMONYM" else "") + loose_key(item.text)


@dataclass(slots=True)
class _Context:
    """The other names' votes, as seen by one name."""

    countries: dict[str, float]
    divisions: dict[int, float]
    anchors: np.ndarray  # (n, 3): lat, lon, confidence
    places: int = 0  # other names (not nationality adjectives) that vote


def _contexts(votes: dict[str, _Vote]) -> dict[str, _Context]:
    total_w = sum(v.weight for v in votes.values())
    countries: dict[str, float] = defaultdict(float)
    divisions: dict[int, float] = defaultdict(float)
    for v in votes.values():
        for c, p in v.countries.items():
            countries[c] += v.weight * p
        for d, p in v.divisions.items():
            divisions[d] += v.weight * p
    out = {}
    for g, own in votes.items():
        norm = max(total_w - own.weight, 1.0)
        cc = {c: (s - own.weight * own.countries.get(c, 0.0)) / norm for c, s in countries.items()}
        dd = {d: (s - own.weight * own.divisions.get(d, 0.0)) / norm for d, s in divisions.items()}
        anchors = [v.anchor for h, v in votes.items() if h != g and v.anchor is not None]
        out[g] = _Context(
            {c: s for c, s in cc.items() if s > 1e-6},
            {d: s for d, s in dd.items() if s > 1e-6},
            np.array(anchors, dtype=np.float64).reshape(-1, 3),
            sum(1 for h, v in votes.items() if h != g and v.weight > 0 and not h.startswith("demonym:")),
        )
    return out


def _is_area(gaz: Gazetteer, row: int) -> bool:
    """A country, continent or named region, sea, island or mountain range (not a division or town)."""
    return gaz.fcode(row).startswith("PCL") or gaz.fclass(row) in ("L", "H", "T")


def _alike(a: str, b: str, s: Settings) -> bool:
    """Two spellings close enough to be one name ("Kharkov"/"Kharkiv"), not just one loose key."""
    return SequenceMatcher(None, plain_key(a), plain_key(b)).ratio() >= s.places_alike


def _alike_strict(a: str, b: str, s: Settings) -> bool:
    """Spelled all but alike ("Omar Ushaghi"/"'Umar Ushaghi"), for a match without any country context."""
    ka, kb = plain_key(a), plain_key(b)
    return min(len(ka), len(kb)) >= 6 and SequenceMatcher(None, ka, kb).ratio() >= s.places_alike_strict


def _totals(
    gaz: Gazetteer,
    item: Item,
    ranked: list[tuple[float, int]],
    ctx: _Context | None,
    qual: dict[int, float],
) -> list[tuple[float, int]]:
    if item.placed:
        pass  # the written hierarchy chose these rows ("Dasaan village (Qandala, Bari)")
    elif item.exact and any(_is_area(gaz, r) for _, r in ranked):
        # "Russia", "Java", "Middle East": the country or region, not a village of that name,
        # unless a qualifier names the village's division ("Russia, Ohio")
        ranked = [(b, r) for b, r in ranked if gaz.fclass(r) != "P" or qual.get(r, 0.0) >= 1.0]
    s = settings()
    if not item.exact and len(loose_key(item.text)) <= s.places_short_key:
        # "Fuaa" -> "fa": a key this short matches too much; only a place in the article's countries
        countries = ctx.countries if ctx is not None else {}
        ranked = [(b, r) for b, r in ranked if countries.get(gaz.country[r], 0.0) >= 0.1]
    elif not item.exact:
        # a transliteration-only match must agree with the article's countries, or be a big place
        # spelled nearly alike ("Tal al-Eis" folds like "Toulouse" and "Dallas")
        countries = ctx.countries if ctx is not None else {}
        ranked = [
            (b, r)
            for b, r in ranked
            if countries.get(gaz.country[r], 0.0) >= 0.1
            or (not countries and ctx is None)
            or (gaz.population[r] >= s.places_loose_min_pop and _alike(item.text, gaz.names[r], s))
            or (not countries and _alike_strict(item.text, gaz.names[r], s))
        ]
    elif ctx is not None and not item.placed and item.label != "DEMONYM":
        ranked = _alternate_abroad(gaz, item, ranked, ctx, s)
    if item.local and not item.placed and ctx is not None:
        ranked = _local_places(gaz, ranked, ctx, s)
    if item.city_part and not item.placed and ctx is not None:
        ranked = _city_parts(gaz, item, ranked, ctx, s)
    if not ranked:
        return []
    rows = [r for _, r in ranked]
    near = np.zeros(len(rows))
    if ctx is not None and len(ctx.anchors):
        idx = np.array(rows)
        km = _km(
            gaz.lat[idx].astype(np.float64),
            gaz.lon[idx].astype(np.float64),
            ctx.anchors[:, 0],
            ctx.anchors[:, 1],
        )
        closeness = np.where(km < 100, 1.0, np.where(km < 300, 0.5, 0.0)) * ctx.anchors[None, :, 2]
        near = closeness.max(axis=1)
    no_context = ctx is None or not any(v >= 0.1 for v in ctx.countries.values())
    abroad = max((int(gaz.population[r]) for _, r in ranked if gaz.country[r] != "US"), default=0)
    totals = []
    for j, (base, r) in enumerate(ranked):
        total = base + s.places_w_qualified * qual.get(r, 0.0)
        if (
            no_context
            and gaz.country[r] == "US"
            and gaz.fclass(r) == "P"
            and abroad >= s.places_homonym_share * int(gaz.population[r])
            and qual.get(r, 0.0) < 1.0  # "Russia, Ohio": the written division decides
        ):
            # a note that names no country: a US namesake of a city abroad wins on more than size
            total -= s.places_us_namesake_discount
        if ctx is not None:
            total += s.places_w_country * ctx.countries.get(gaz.country[r], 0.0)
            a1 = int(gaz.admin1[r])
            if a1 >= 0:
                total += s.places_w_admin1 * ctx.divisions.get(a1, 0.0)
            if gaz.fclass(r) == "P" or gaz.fcode(r) == "ADM2":  # towns and counties: small enough
                total += s.places_w_near * float(near[j])
        totals.append((total, r))
    totals.sort(reverse=True)
    return totals


def _alternate_abroad(
    gaz: Gazetteer, item: Item, ranked: list[tuple[float, int]], ctx: _Context, s: Settings
) -> list[tuple[float, int]]:
    """Step "alternate name abroad": a town matched only under one of its alternate names ("Gad" for Gadsden,
    "Fino" for Fino Mornasco) is read, like a transliteration, only in a country the text's other places (two or
    more) name, or when it is big (``places_loose_min_pop``); its own name, or a country, division or sea stands."""
    if ctx.places < 2 or not any(v >= 0.1 for v in ctx.countries.values()):
        return ranked  # a headline's one other name ("the Turkish border") is too little to judge by
    return [
        (b, r)
        for b, r in ranked
        if gaz.fclass(r) != "P"
        or gaz.is_exact(r, item.text)
        or ctx.countries.get(gaz.country[r], 0.0) >= 0.1
        or int(gaz.population[r]) >= s.places_loose_min_pop
    ]


def _local_places(
    gaz: Gazetteer, ranked: list[tuple[float, int]], ctx: _Context, s: Settings
) -> list[tuple[float, int]]:
    """Step "local place": a name written as a village, street or neighbourhood lies in a country the text's
    other places hold (``places_local_share`` of their votes); none such: the text names no country, keep all."""
    held = {c for c, v in ctx.countries.items() if v >= s.places_local_share}
    if not held:
        return ranked
    return [(b, r) for b, r in ranked if gaz.country[r] in held]


def _big_under_own_name(gaz: Gazetteer, row: int, item: Item, s: Settings) -> bool:
    return gaz.is_exact(row, item.text) and int(gaz.population[row]) >= s.places_well_known_pop


def _city_parts(
    gaz: Gazetteer, item: Item, ranked: list[tuple[float, int]], ctx: _Context, s: Settings
) -> list[tuple[float, int]]:
    """Step "city part": a name written as a neighbourhood, street or square lies within ``places_city_km`` of a
    town the text's other places name (a namesake village farther away is another place); none named: keep all."""
    towns = ctx.anchors
    if not len(towns) or not ranked or any(_big_under_own_name(gaz, r, item, s) for _, r in ranked):
        return ranked  # "the Houston neighborhood of X": a city named before the kind word is the city
    idx = np.array([r for _, r in ranked])
    km = _km(gaz.lat[idx].astype(np.float64), gaz.lon[idx].astype(np.float64), towns[:, 0], towns[:, 1])
    inside = km.min(axis=1) <= s.places_city_km
    return [br for br, ok in zip(ranked, inside, strict=True) if ok]


def _qualifier_bonus(
    gaz: Gazetteer,
    items: list[Item],
    first: list[list[tuple[float, int]]],
    groups: dict[str, list[int]],
    text: str | None,
) -> dict[str, dict[int, float]]:
    """Per name, row -> qualifier strength, pooled over the name's mentions."""
    pairs = _pair_qualifiers(gaz, items, first, text)
    out: dict[str, dict[int, float]] = {}
    for g, ks in groups.items():
        bonus: dict[int, float] = {}
        for k in ks:
            written: Qualifier = (
                qualifier(gaz, text, items[k].end)
                if text is not None and items[k].label != "DEMONYM"
                else frozenset()
            )
            if all(ix < 0 for _, ix in written) and any(_is_area(gaz, r) for _, r in first[k]):
                written = frozenset()  # "Russia, U.S. officials": a list of countries, not "Paris, Texas"
            for _, r in first[k]:
                b = max(pairs.get((k, r), 0.0), 1.0 if written and qualified(gaz, r, written) else 0.0)
                if b:
                    bonus[r] = max(bonus.get(r, 0.0), b)
        out[g] = bonus
    return out


def _lacking_everywhere(items: list[Item], before: list[tuple[int, ...]]) -> None:
    """Step "lacking everywhere": a name its written hierarchy showed the gazetteer lacks ("X neighbourhood, in
    Y city" with only an X village 25 km away) is that place at every mention, not the namesake elsewhere."""
    lacking = {_group_key(it) for it, rows in zip(items, before, strict=True) if rows and not it.rows}
    for it in items:
        if _group_key(it) in lacking:
            it.rows = ()


def _mean(dists: list[dict[int, float]]) -> dict[int, float]:
    out: dict[int, float] = defaultdict(float)
    for d in dists:
        for r, p in d.items():
            out[r] += p / len(dists)
    return dict(out)


def resolve_items(gaz: Gazetteer, items: list[Item], text: str | None = None) -> list[Item]:
    """Resolve every item in place (row, score, candidates, precision) and return them.

    ``text`` (what the offsets point into) lets "Paris, Texas" / "Springfield, Ill." qualifiers be read.
    """
    before = [it.rows for it in items]
    if text is not None:
        for it in items:
            it.local = it.label != "DEMONYM" and local_kind(text, it.start, it.end)
            it.city_part = it.label != "DEMONYM" and local_kind(text, it.start, it.end, _CITY_PART_KINDS)
        parts = {_group_key(it) for it in items if it.city_part}  # one sense per discourse
        for it in items:
            it.city_part = _group_key(it) in parts
    for lk in constrain(gaz, items, text):
        inner = items[lk.inner]
        inner.placed = bool(inner.rows) and inner.rows != before[lk.inner]
        outer = items[lk.outer]
        if not lk.beside and (outer.inner is None or lk.inner < outer.inner):
            outer.inner = lk.inner
    _lacking_everywhere(items, before)
    first = [_ranked(gaz, it) for it in items]
    groups: dict[str, list[int]] = defaultdict(list)
    for k, it in enumerate(items):
        if first[k]:
            groups[_group_key(it)].append(k)
    qual = _qualifier_bonus(gaz, items, first, groups, text)
    dists = {
        g: _mean([_softmax(_totals(gaz, items[k], first[k], None, qual[g])) for k in ks])
        for g, ks in groups.items()
    }
    final: dict[int, list[tuple[float, int]]] = {}
    attested = _attested(gaz, items, groups, dists, settings())
    for _ in range(settings().places_rounds):
        votes = {g: _vote(gaz, [items[k] for k in ks], dists[g], attested) for g, ks in groups.items()}
        contexts = _contexts(votes)
        for g, ks in groups.items():
            for k in ks:
                final[k] = _totals(gaz, items[k], first[k], contexts[g], qual[g])
            dists[g] = _mean([_softmax(final[k]) for k in ks if final[k]])
    for k, it in enumerate(items):
        if final.get(k):
            _finish(gaz, it, final[k])
    return items


def _seat_named_alike(gaz: Gazetteer, it: Item, div: int, totals: list[tuple[float, int]]) -> int:
    """ "Aleppo" alone is the city when the division is named after its seat (else the division)."""
    a1 = int(gaz.admin1[div])
    capital = gaz.admin1_capital[a1] if a1 >= 0 and gaz.fcode(div) == "ADM1" else -1
    for _, r in totals:
        if gaz.fclass(r) != "P" or gaz.country[r] != gaz.country[div] or int(gaz.admin1[r]) != a1:
            continue
        if r == capital:
            return r
        if gaz.is_exact(r, it.text) and (
            a1 >= 0 or distance_km(gaz.lat[r], gaz.lon[r], gaz.lat[div], gaz.lon[div]) < 100
        ):
            return r
    return div


def _finish(gaz: Gazetteer, it: Item, totals: list[tuple[float, int]]) -> None:
    best = totals[0][1]
    code = gaz.fcode(best)
    if code in ("ADM1", "ADM2") and it.relation not in ("province", "district"):
        best = _seat_named_alike(gaz, it, best, totals)
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
    it.geo_precision, it.where_prec = precision(it.relation, gaz.fcode(best), not gaz.country[best])
