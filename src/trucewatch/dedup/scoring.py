"""Scores per criterion for "are these two reports one event?", with the hard constraints (vetoes).

Each criterion gives a score in 0..1 (0.5 = unknown, one side does not say) or a veto that forbids the merge:

- type: same sub-event type 1.0, same event type 0.6, same family 0.25; different family (or different
  strategic-development sub-types): veto.
- date: same day 1.0; both day-precise and different: veto; coarser dates score by overlap, or by gap
  inside a window that grows with ACLED time_precision (2: 3 days, 3: 7 days); beyond it: veto.
- place: same place 1.0; both town-precise (geo_precision 1) and more than 2 km apart: veto (the hard
  rule of 25 km is then implied), unless (across articles) one lies inside the area the other's name
  covers, a district and its city (``geo.within_extent``); coarser places score 1 - d / tolerance
  (precision 2: 50 km), a region (precision 3) by its first-level division; different countries: veto.
- actors: same canonical actor 1.0, unknown 0.5, same side 0.5; actor1 on opposite sides, or actor1 and
  actor2 swapped in a one-sided event type (A shells B / B shells A), or targets of a one-sided event in
  different camps (``TARGET_CAMP``): veto. Civilians or a source as actor1 count as unknown.
- text: rapidfuzz token_set_ratio of trigger and sentence (or evidence) / 100.
- toll (only when the weights give it one): agreement of the stated death tolls (``toll_score``).
- modality: occurred/claimed/denied vs announced/threatened/hypothetical vs negated: different groups veto.

``relax`` (used inside one article for reports that refer to an event rather than describe it: headlines,
"the attack", a follow-up toll) loosens two criteria: "type" lets the political-violence families meet
(a headline's "kills" or "attack" and the lead's air strike), "place" compares places as if neither were
more precise than ACLED geo_precision 2 (a headline names the nearest well-known city). "date" says one
side's date was not read from its text (the publication date stands in): it can neither veto nor lower
the score; "borrowed-place" (a place borrowed from another sentence) can no longer veto but still scores,
so a retelling joins the event at the borrowed place before one elsewhere; "summary-place" (a
headline or standfirst) lets two places of one first-level division meet. "stand-in" (across
articles) reads a stand-in date as that day or the few days before it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from trucewatch.config import settings
from trucewatch.dedup.geo import haversine_km, precision_of, region_of, within_extent
from trucewatch.model import (
    ACLED_SUBTYPE_PARENT,
    POLITICAL_VIOLENCE_TYPES,
    ActorRef,
    EventDate,
    EventFields,
    Mention,
    Modality,
    Place,
    SegmentKind,
)

CRITERIA = ("type", "date", "place", "actors", "text", "toll")  # not vocabulary: criteria names
UNKNOWN = 0.5

#: ACLED event types that can describe one real event from different angles (an air strike on a
#: market is also an attack on civilians; a protest can turn into a riot). Battles and strategic
#: developments stand alone: ACLED codes a battle and the air raids around it as separate events.
FAMILIES: dict[str, str] = {
    "Battles": "battles",
    "Explosions/Remote violence": "remote violence against people",
    "Violence against civilians": "remote violence against people",
    "Protests": "demonstrations",
    "Riots": "demonstrations",
    "Strategic developments": "strategic",
}
#: Families of political violence: a vague report ("attack", "kills") of one may be a precise report of another.
VIOLENT_FAMILIES = frozenset(FAMILIES[t] for t in POLITICAL_VIOLENCE_TYPES)
#: Demonstrations with violence done in them: a vague report of a killing may be a report of one ("police
#: opened fire. One civilian was killed").
VIOLENT_DEMONSTRATIONS = frozenset({  # not vocabulary: ACLED sub-event types
    "Excessive force against protesters", "Protest with intervention", "Violent demonstration", "Mob violence",
})
#: The type score of a vague and a precise report of political violence from different families is the
#: setting ``dedup_loose_type_score``.
#: Event types whose sub-event types name different kinds of event (an arrest is never a looting).
DISTINCT_SUBTYPES = frozenset({"Strategic developments"})
_MODALITY_GROUP: dict[Modality, str] = {
    Modality.OCCURRED: "real",
    Modality.CLAIMED: "real",
    Modality.DENIED: "real",
    Modality.ANNOUNCED: "future",
    Modality.THREATENED: "future",
    Modality.HYPOTHETICAL: "future",
    Modality.NEGATED: "negated",
}
#: Settings (``trucewatch settings``): ``dedup_region_score`` (place score of a headline's place and a
#: body's place in the same first-level division), ``dedup_date_window`` (days within which dates of coarser
#: precision may still be one event), ``dedup_stand_in_days`` (days before a stand-in date, the publication
#: date of a report giving no date, the event may have taken place), ``dedup_same_spot_km``,
#: ``dedup_precise_hard_km`` and ``dedup_in_city_score`` (place score of a town-precise place inside the
#: area a city's name covers, see ``geo.extent_km``).
_SETTING = {
    "LOOSE_TYPE_SCORE": "dedup_loose_type_score",
    "REGION_SCORE": "dedup_region_score",
    "DATE_WINDOW": "dedup_date_window",
    "STAND_IN_DAYS": "dedup_stand_in_days",
    "SAME_SPOT_KM": "dedup_same_spot_km",
    "PRECISE_HARD_KM": "dedup_precise_hard_km",
    "IN_CITY_SCORE": "dedup_in_city_score",
}


def __getattr__(name: str) -> object:
    """The old module constants (``scoring.SAME_SPOT_KM``, ...), read from the settings."""
    if name in _SETTING:
        return getattr(settings(), _SETTING[name])
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
#: Kinds of actor that are never the perpetrator (actor1) of political violence: an actor1 of these kinds is
#: an extraction error (a victim or a source read as the attacker) and says nothing about who acted.
NOT_PERPETRATORS = frozenset({"civilians", "source"})
#: Camps of the targets (actor2) of one-sided violence. Outlets often disagree whether a target was a
#: rebel or a jihadist group, so those share a camp; a strike on government-held districts and one on
#: rebel-held districts are two events.
TARGET_CAMP = {  # not vocabulary: actor side labels of the dictionary
    "government": "government",
    "opposition": "rebel",
    "jihadist": "rebel",
    "kurdish": "kurdish",
    "international": "international",
}


@dataclass(slots=True)
class Comparison:
    """Scores per criterion, the weighted total and the first veto, if any."""

    scores: dict[str, float] = field(default_factory=dict)
    total: float = 0.0
    veto: str | None = None
    distance_km: float | None = None

    def as_dict(self) -> dict[str, object]:
        out: dict[str, object] = {
            "scores": {k: round(v, 3) for k, v in self.scores.items()},
            "score": round(self.total, 3),
        }
        out["veto"] = self.veto
        if self.distance_km is not None:
            out["distance_km"] = round(self.distance_km, 1)
        return out


def family(event_type: str, sub_event_type: str = "") -> str:
    top = event_type or ACLED_SUBTYPE_PARENT.get(sub_event_type, "")
    return FAMILIES.get(top, top)


def _violent(fam: str, sub: str) -> bool:
    return fam in VIOLENT_FAMILIES or sub in VIOLENT_DEMONSTRATIONS


def type_score(a: EventFields, b: EventFields, loose: bool = False) -> tuple[float, str | None]:
    fa, fb = family(a.event_type, a.sub_event_type), family(b.event_type, b.sub_event_type)
    if fa != fb:
        if loose and _violent(fa, a.sub_event_type) and _violent(fb, b.sub_event_type):
            return settings().dedup_loose_type_score, None
        return 0.0, f"different event families ({a.event_type} / {b.event_type})"
    if a.sub_event_type and a.sub_event_type == b.sub_event_type:
        return 1.0, None
    if a.event_type == b.event_type:
        if a.event_type in DISTINCT_SUBTYPES:
            return 0.0, f"different sub-event types ({a.sub_event_type} / {b.sub_event_type})"
        return 0.6, None
    return 0.25, None


def modality_veto(a: EventFields, b: EventFields) -> str | None:
    ga, gb = _MODALITY_GROUP.get(a.modality, "real"), _MODALITY_GROUP.get(b.modality, "real")
    return None if ga == gb else f"modality {a.modality.value} vs {b.modality.value}"


def _span(d: EventDate | None, stand_in: bool = False) -> tuple[dt.date, dt.date, int] | None:
    if d is None or d.first is None:
        return None
    last = d.last or d.first
    prec = d.time_precision or (1 if last == d.first else 2)
    if stand_in and is_stand_in(d):  # reported by that day: it happened then or in the days before
        return d.first - dt.timedelta(days=settings().dedup_stand_in_days), last, max(prec, 2)
    return d.first, last, prec


def is_stand_in(d: EventDate) -> bool:
    """A date not read from the text (the publication date standing in)."""
    return not d.text and not d.resolved


def date_score(a: EventFields, b: EventFields, stand_in: bool = False) -> tuple[float, str | None]:
    """``stand_in``: a stand-in date (``is_stand_in``) covers the ``dedup_stand_in_days`` days before it too."""
    sa, sb = _span(a.date, stand_in), _span(b.date, stand_in)
    if sa is None or sb is None:
        return UNKNOWN, None
    (fa, la, pa), (fb, lb, pb) = sa, sb
    if pa == 1 and pb == 1:
        return (1.0, None) if fa == fb else (0.0, f"different days ({fa} / {fb})")
    lo, hi = max(fa, fb), min(la, lb)
    if lo <= hi:
        union = (max(la, lb) - min(fa, fb)).days + 1
        return 0.6 + 0.4 * ((hi - lo).days + 1) / union, None
    gap = (lo - hi).days
    window = settings().dedup_date_window.get(max(pa, pb), 7)
    if gap <= window:
        return 0.5 * (1 - gap / (window + 1)), None
    return 0.0, f"dates {gap} days apart (window {window})"


def _is_country(p: Place) -> bool:
    return p.feature_code.startswith("PCL")


def place_score(
    a: EventFields, b: EventFields, strict: bool = False, loose: bool = False
) -> tuple[float, str | None, float | None]:
    """(score, veto, distance in km). ``strict`` (inside one article): two different named places at
    town or near-town precision are two events, since a writer names one event's place the same way.
    ``loose``: neither place is taken as more precise than geo_precision 2 (and ``strict`` is off)."""
    pa, pb = (a.location.place if a.location else None), (b.location.place if b.location else None)
    if pa is None or pb is None:
        return UNKNOWN, None, None
    if pa.country and pb.country and pa.country != pb.country:
        return 0.0, f"different countries ({pa.country} / {pb.country})", None
    ra, rb = precision_of(a.location) or 1, precision_of(b.location) or 1
    dist = haversine_km(pa.lat, pa.lon, pb.lat, pb.lon)
    if pa.geonameid == pb.geonameid:
        return (1.0 if ra == rb else 0.85), None, dist
    if _is_country(pa) or _is_country(pb):
        return 0.6, None, dist  # a country (the same one, checked above) says nothing finer, nor a region
    if loose:
        ra, rb, strict = max(ra, 2), max(rb, 2), False
    s = settings()
    if ra == 1 and rb == 1 or strict and max(ra, rb) <= 2:
        if dist <= s.dedup_same_spot_km:
            return 0.9, None, dist
        if not strict and within_extent(pa, pb, dist):
            return s.dedup_in_city_score, None, dist  # one outlet names the district, another the city
        why = "more than 25 km" if dist > s.dedup_precise_hard_km else f"{dist:.1f} km"
        return (
            0.0,
            f"different {'precise ' if ra == rb == 1 else ''}places {pa.name} / {pb.name} ({why} apart)",
            dist,
        )
    if max(ra, rb) >= 3:
        ka, kb = region_of(pa), region_of(pb)
        if ka and kb:
            return (0.7, None, dist) if ka == kb else (0.0, f"different regions ({ka} / {kb})", dist)
    tol = s.dedup_tolerance_km[max(ra, rb)]
    score = 1 - dist / tol
    if score <= 0:
        return 0.0, f"places {dist:.0f} km apart (tolerance {tol:.0f} km)", dist
    return 0.4 + 0.6 * score, None, dist


def _same_region(a: EventFields, b: EventFields) -> bool:
    """Both places lie in one first-level division (province, governorate, oblast)."""
    pa, pb = (a.location.place if a.location else None), (b.location.place if b.location else None)
    if pa is None or pb is None or pa.country != pb.country or _is_country(pa) or _is_country(pb):
        return False
    ka, kb = region_of(pa), region_of(pb)
    return bool(ka) and ka == kb


def _actor_pair(x: ActorRef | None, y: ActorRef | None) -> tuple[float, bool]:
    """(score, conflict) for one actor slot."""
    if x is None or y is None:
        return UNKNOWN, False
    if (x.unidentified or y.unidentified) and x.name != y.name:  # "gunmen" may be any named group
        return UNKNOWN, False
    if x.actor_id and y.actor_id:
        if x.actor_id == y.actor_id:
            return 1.0, False
        if x.side and x.side == y.side:
            return 0.5, False
        return 0.0, bool(x.side and y.side)
    nx, ny = (x.name or x.text).lower(), (y.name or y.text).lower()
    return (0.8, False) if nx and nx == ny else (UNKNOWN, False)


def _same_actor(x: ActorRef | None, y: ActorRef | None) -> bool:
    if x is None or y is None:
        return False
    if x.actor_id or y.actor_id:
        return x.actor_id == y.actor_id
    return (x.name or x.text).lower() == (y.name or y.text).lower()


def perpetrator(x: ActorRef | None) -> ActorRef | None:
    """actor1 as a perpetrator: None when it is civilians or a source (see ``NOT_PERPETRATORS``)."""
    if x is None or x.kind in NOT_PERPETRATORS or x.side == "civilian" or x.inter == 7:
        return None
    return x


def _target_conflict(x: ActorRef | None, y: ActorRef | None) -> bool:
    """The targets stand in different camps of the war (civilians and unknown sides never conflict)."""
    cx = TARGET_CAMP.get(x.side or "") if x is not None else None
    cy = TARGET_CAMP.get(y.side or "") if y is not None else None
    return cx is not None and cy is not None and cx != cy


def actor_score(a: EventFields, b: EventFields) -> tuple[float, str | None]:
    battles = a.event_type == "Battles" and b.event_type == "Battles"
    a1, b1 = perpetrator(a.actor1), perpetrator(b.actor1)
    if not battles and _same_actor(a1, b.actor2) and _same_actor(a.actor2, b1):
        return 0.0, "actors reversed (each side accuses the other: two events)"
    s1, c1 = _actor_pair(a1, b1)
    s2, _ = _actor_pair(a.actor2, b.actor2)
    if battles:
        # Who fought whom has no direction: compare the pair both ways.
        x1, d1 = _actor_pair(a1, b.actor2)
        x2, _ = _actor_pair(a.actor2, b1)
        if x1 + x2 > s1 + s2:
            s1, c1, s2 = x1, d1, x2
    if c1:
        return 0.0, "actor1 on different sides"
    if not battles and _target_conflict(a.actor2, b.actor2):
        return 0.0, "actor2 (targets) on different sides"
    if a.actor2 is None and b.actor2 is None:
        return s1, None
    return (s1 + s2) / 2, None


def _deaths(x: EventFields) -> tuple[int, int] | None:
    """(low, high) of the deaths the report states for this event; None when it states no number."""
    stated = [c for c in x.counts if c.what == "killed" and not c.cumulative and c.qualifier != "vague"]
    stated = [c for c in stated if c.best is not None or c.low is not None]
    if not stated:
        return None
    low = sum(c.low if c.low is not None else c.best or 0 for c in stated)
    high = sum(c.high if c.high is not None else c.best if c.best is not None else c.low or 0 for c in stated)
    return low, max(low, high)


def toll_score(a: EventFields, b: EventFields) -> float:
    """How well the stated death tolls agree: 1.0 when their ranges meet, else the ratio of the smaller
    to the larger (tolls differ between sources and grow as bodies are found, but 7 dead and 37 dead are
    seldom one event). Unknown (0.5) when either report states no number."""
    ta, tb = _deaths(a), _deaths(b)
    if ta is None or tb is None:
        return UNKNOWN
    (la, ha), (lb, hb) = ta, tb
    if la <= hb and lb <= ha:
        return 1.0
    small, big = (ha, lb) if ha < lb else (hb, la)
    return small / big


def signature(x: EventFields) -> str:
    """Text compared by similarity: trigger and sentence for a mention; trigger and evidence for an event."""
    if isinstance(x, Mention) and x.sentence:
        return f"{x.trigger} {x.sentence}".lower()
    parts = [x.trigger, x.weapon or ""]
    parts += [e.text for e in x.evidence if e.field not in ("trigger", "rule")]  # "rule": which rules fired
    return " ".join(p for p in parts if p).lower()


def text_score(sa: str, sb: str) -> float:
    if not sa or not sb:
        return UNKNOWN
    return fuzz.token_set_ratio(sa, sb) / 100.0


def _is_caption(x: EventFields) -> bool:
    return getattr(x, "segment", None) == SegmentKind.CAPTION


def compare(
    a: EventFields,
    b: EventFields,
    weights: dict[str, float],
    sig_a: str | None = None,
    sig_b: str | None = None,
    strict_places: bool = False,
    relax: frozenset[str] = frozenset(),
) -> Comparison:
    """Every criterion's score, the weighted total, and the vetoes, if any.

    Text similarity (the costly part) is skipped once a veto is found; the decision then records the
    structural scores and the veto, and its total counts text as 0.
    """
    out = Comparison()
    vetoes: list[str] = []
    if _is_caption(a) != _is_caption(b):  # a photo caption tells another (often older) story
        vetoes.append("caption vs news text")
    t, v = type_score(a, b, "type" in relax or "statement" in relax)
    if "statement" in relax and t < UNKNOWN and v is None:
        t = UNKNOWN  # a party's word for the event ("a massacre", "a crime") says little of its type
    out.scores["type"] = t
    vetoes += [v] if v else []
    m = modality_veto(a, b)
    vetoes += [m] if m else []
    d, v = date_score(a, b, "stand-in" in relax)
    if "date" in relax:  # a stand-in date (the day of publication) says nothing either way
        d, v = max(d, UNKNOWN), None
    out.scores["date"] = d
    vetoes += [v] if v else []
    p, v, dist = place_score(a, b, strict_places, "place" in relax)
    if "borrowed-place" in relax:  # a place borrowed from another sentence cannot veto, but still ranks
        v = None
        if _same_region(a, b):  # the article's most named place is often the province around the event
            p = max(p, settings().dedup_region_score)
    if v and "summary-place" in relax and _same_region(a, b):
        p, v = settings().dedup_region_score, None  # a headline names the province's best-known city ("near Aleppo")
    out.scores["place"] = p
    out.distance_km = dist
    vetoes += [v] if v else []
    s, v = actor_score(a, b)
    out.scores["actors"] = s
    vetoes += [v] if v else []
    if "toll" in weights:
        out.scores["toll"] = toll_score(a, b)
    if vetoes:
        out.veto = "; ".join(vetoes)
    else:
        out.scores["text"] = text_score(
            sig_a if sig_a is not None else signature(a), sig_b if sig_b is not None else signature(b)
        )
    out.total = sum(weights.get(k, 0.0) * out.scores.get(k, 0.0) for k in CRITERIA)
    return out
