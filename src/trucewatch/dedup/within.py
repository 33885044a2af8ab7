"""Mentions of one event in one article (headline, lead, body, quotes) become one Event."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from itertools import islice

from trucewatch.budget import checkpoint
from trucewatch.config import settings
from trucewatch.dedup import reference
from trucewatch.dedup.combine import best_date, best_location, combine
from trucewatch.dedup.geo import haversine_km
from trucewatch.dedup.reference import Reading
from trucewatch.dedup.scoring import Comparison, compare, signature
from trucewatch.model import (
    POLITICAL_VIOLENCE_TYPES,
    ActorRef,
    Count,
    Event,
    EventDate,
    Mention,
    Modality,
    SegmentKind,
)

#: Weights of the criteria inside one article and the score needed to merge are settings
#: (``dedup_within_weights``, ``dedup_within_threshold``). A headline or standfirst summarises an event of
#: the body, mostly with a vaguer type and without its own date or place, so once nothing vetoes it needs
#: ``dedup_within_summary_threshold`` against the closest report of the event (not the farthest).
#: Modalities that state no act: "did not shell", "could shell".
NO_ACT = frozenset({Modality.NEGATED, Modality.HYPOTHETICAL})
PLANNED = frozenset({Modality.ANNOUNCED, Modality.THREATENED})
#: Sub-types whose announcement is itself the event ("extended the truce", "deployed troops").
ANNOUNCED_EVENTS = frozenset(
    {"Agreement", "Change to group/activity", "Headquarters or base established", "Other"}
)
#: Blocking (cost): a mention is compared with the ``WINDOW`` events most recently told before it, the
#: ``KEYED`` most recent ones sharing its place and those sharing its day, and with at most the last
#: ``MEMBERS`` mentions of an event. Articles with no more events than ``WINDOW`` are compared exhaustively.
#: All three are settings (``dedup_within_window``, ``_keyed``, ``_members``).
_SETTING = {
    "WEIGHTS": "dedup_within_weights",
    "THRESHOLD": "dedup_within_threshold",
    "SUMMARY_THRESHOLD": "dedup_within_summary_threshold",
    "WINDOW": "dedup_within_window",
    "KEYED": "dedup_within_keyed",
    "MEMBERS": "dedup_within_members",
}


def __getattr__(name: str) -> object:
    """The old module constants (``within.THRESHOLD``, ``within.WINDOW``, ...), read from the settings."""
    if name in _SETTING:
        return getattr(settings(), _SETTING[name])
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def event_id(first_mention_id: str, salt: str = "") -> str:
    """Stable event id from the id of its first mention."""
    return "ev-" + hashlib.sha1((salt + first_mention_id).encode("utf-8")).hexdigest()[:12]


class _Article:
    """Mentions of one article read once: how each refers, its compared view and text signature."""

    def __init__(self, mentions: list[Mention]) -> None:
        self.ordered = sorted(mentions, key=lambda m: (m.trigger_start, m.id))
        self.reading: dict[str, Reading] = {m.id: reference.read(m) for m in self.ordered}
        self.view: dict[str, Mention] = {m.id: reference.view(m, self.reading[m.id]) for m in self.ordered}
        self.sig = {m.id: signature(m) for m in self.ordered}
        self.position_of = {m.id: i for i, m in enumerate(self.ordered)}
        self.weights = settings().dedup_within_weights

    def position(self, m: Mention) -> int:
        return self.position_of[m.id]

    def compare(self, a: Mention, b: Mention) -> Comparison:
        relax = reference.relax(self.reading[a.id], self.reading[b.id])
        out = compare(self.view[a.id], self.view[b.id], self.weights, self.sig[a.id], self.sig[b.id], True, relax)
        if out.veto is None and added_toll(a, b):
            out.veto = "another act's added toll in the same sentence"
        if out.veto is None and self.further_act(a, b):
            out.veto = "a further act of the kind told before it"
        return out

    def further_act(self, a: Mention, b: Mention) -> bool:
        """ "Another air strike on a school killed five": the later of two reports of one kind of
        act says it is a further act, so it is not the earlier one (a headline or standfirst summarising the
        article is not an earlier act)."""
        first, later = sorted((a, b), key=self.position)
        return (
            self.reading[later.id].new_act
            and not self.reading[first.id].summary
            and (first.event_type == later.event_type or {first.event_type, later.event_type} <= POLITICAL_VIOLENCE_TYPES)
        )


def _killed(m: Mention) -> list[Count]:
    return [c for c in m.counts if c.what == "killed" and not c.cumulative and c.best is not None]


def added_toll(a: Mention, b: Mention) -> bool:
    """ "Air strikes killed 16 civilians, with rebel rocket fire killing three more": two kinds of act in one
    sentence, each with its own toll, one of them added to the other ("three more", "another two"), are two
    events."""
    if a.sentence_start != b.sentence_start or a.segment != b.segment or a.sub_event_type == b.sub_event_type:
        return False  # "killing 3, and another 30 were killed in air strikes": one kind of act, one event
    ka, kb = _killed(a), _killed(b)
    if not ka or not kb or {(c.start, c.end) for c in ka} & {(c.start, c.end) for c in kb}:
        return False
    return any(c.rule == "increment" for c in ka + kb)


def within_article(mentions: list[Mention], source: str | None = None) -> list[Event]:
    """Merge the mentions of one article that report the same event.

    Two mentions merge when nothing vetoes it (event family, modality, dates, places, actor sides; see
    ``scoring``) and their weighted score reaches ``dedup_within_threshold`` against every mention already in the group.
    A mention that refers back (``reference``: "the attack", a follow-up toll) joins the most recent
    compatible event before it instead. Headlines and standfirsts are grouped after the body and join the
    first body event they agree with. Headlines, standfirsts and referring mentions are compared with
    looser type and place rules, and a stand-in date (the publication date) never vetoes.
    ``source`` is the outlet's name (the article id stands in for it when unknown).
    """
    s = settings()
    art = _Article(mentions)
    blocks = _Blocks(art)
    groups: list[list[Mention]] = []
    reasons: list[list[dict[str, object]]] = []
    # The body first; headline and standfirst then join the body event they summarise.
    body = [m for m in art.ordered if not art.reading[m.id].summary]
    summaries = [m for m in art.ordered if art.reading[m.id].summary]
    for m in body + summaries:
        checkpoint("dedup")
        summary = art.reading[m.id].summary
        among = list(range(len(groups))) if summary else blocks.candidates(m, len(groups))
        found = _antecedent(art, m, groups, among)
        kind = "reference"
        if found is None and art.reading[m.id].refers:  # nothing to refer to: compared as told
            art.reading[m.id] = reference.plain(art.reading[m.id])
            art.view[m.id] = m
        if found is None:
            found = _best_group(art, m, groups, among, s.dedup_within_summary_threshold if summary else s.dedup_within_threshold, summary)
            kind = "summary" if summary else "within_article"
        if found is None:
            groups.append([m])
            reasons.append([])
            blocks.add(len(groups) - 1, m)
            continue
        gi, comps = found
        groups[gi].append(m)
        blocks.add(gi, m)
        top = max(comps, key=lambda c: c.total)
        reasons[gi].append({"kind": kind, "mention": m.id, "merged": True, **top.as_dict()})
    acts = [any(_reports_act(m) for m in g) for g in groups]
    if not any(acts):  # an article that tells nothing more precise: its vague reports are all it has
        acts = [any(_reports_act(m, vague_ok=True) for m in g) for g in groups]
    events = [
        _event(art, sorted(g, key=art.position), why, source)
        for g, why, act in zip(groups, reasons, acts, strict=True)
        if act
    ]
    return sorted(events, key=lambda ev: art.position_of[ev.mention_ids[0]])


class _Blocks:
    """Which events a mention is compared with (see ``WINDOW``): the cost per mention stays bounded, so
    merging a long article grows with its length, not with its square."""

    def __init__(self, art: _Article) -> None:
        self.art = art
        self.recent: dict[int, None] = {}  # group indices, least recently extended first
        self.keyed: dict[tuple[str, object], list[int]] = {}
        s = settings()
        self.window, self.per_key = s.dedup_within_window, s.dedup_within_keyed

    def _keys(self, m: Mention) -> Iterator[tuple[str, object]]:
        view = self.art.view[m.id]
        place = view.location.place if view.location else None
        if place is not None:
            yield ("place", place.geonameid)
        if view.date is not None and view.date.first is not None:
            yield ("day", view.date.first)

    def add(self, gi: int, m: Mention) -> None:
        self.recent.pop(gi, None)
        self.recent[gi] = None
        for key in self._keys(m):
            found = self.keyed.setdefault(key, [])
            if not found or found[-1] != gi:
                found.append(gi)

    def candidates(self, m: Mention, n_groups: int) -> list[int]:
        """Indices of the groups to compare ``m`` with, in text order (all of them in a short article)."""
        if n_groups <= self.window:
            return list(range(n_groups))
        among = set(islice(reversed(self.recent), self.window))
        for key in self._keys(m):
            found = self.keyed.get(key, [])
            among.update(islice(reversed(found), self.per_key))
        return sorted(among)


def _members(group: list[Mention]) -> list[Mention]:
    """The members an event is compared through: all, or for a very long one its first report and the
    latest ones (``MEMBERS`` in all)."""
    members = settings().dedup_within_members
    return group if len(group) <= members else group[:1] + group[1 - members :]


def _best_group(
    art: _Article,
    m: Mention,
    groups: list[list[Mention]],
    among: list[int],
    threshold: float,
    closest: bool = False,
) -> tuple[int, list[Comparison]] | None:
    """The group ``m`` agrees with best: no veto against any member, and a score of at least ``threshold``
    against every member that did not join by reference. ``closest`` (for a headline): the first group in
    text order with that score against one of its members. Only the groups ``among`` are looked at."""
    best: tuple[float, int, list[Comparison]] | None = None
    for gi in among:
        group = _members(groups[gi])
        comps = [art.compare(m, other) for other in group]
        if any(c.veto for c in comps):
            continue
        # Reports that joined by reference ("the demonstrators") say too little to score against.
        told = [c for c, x in zip(comps, group, strict=True) if not art.reading[x.id].refers] or comps
        score = (max if closest else min)(c.total for c in told)
        if score >= threshold and (best is None or score > best[0]):
            best = (score, gi, comps)
            if closest:  # a headline summarises the first event the body tells (groups are in text order)
                break
    return None if best is None else (best[1], best[2])


def _antecedent(
    art: _Article, m: Mention, groups: list[list[Mention]], among: list[int]
) -> tuple[int, list[Comparison]] | None:
    """The event a referring mention points back to: the most recent compatible one among the groups
    ``among`` (for a follow-up toll, only an event told in the sentence just before)."""
    r = art.reading[m.id]
    if not r.refers:
        return None
    recent = sorted(among, key=lambda gi: -max(x.trigger_start for x in _members(groups[gi])))
    # An event the article tells (a date or place of its own) before one only alluded to.
    recent.sort(key=lambda gi: not any(_tells(art, x) for x in _members(groups[gi])))
    for gi in recent:
        group = _members(groups[gi])
        if not r.anaphor and not r.follow_up and not any(reference.adjacent(x, m) for x in group):
            continue  # a bare toll ("Seven were killed.") joins the latest event told that it fits
        if not _adds_nothing(art.view[m.id], [art.view[x.id] for x in group]):
            continue
        comps = [art.compare(m, other) for other in group]
        if not any(c.veto for c in comps):
            return gi, comps
    return None


def _tells(art: _Article, m: Mention) -> bool:
    """``m`` tells an event: it is no reference and has a date or place of its own."""
    r = art.reading[m.id]
    own_date = m.date is not None and not r.fallback_date
    own_place = m.location is not None and not r.fallback_place
    return not r.refers and not r.summary and (own_date or own_place)


def _adds_nothing(m: Mention, group: list[Mention]) -> bool:
    """``m`` names no actor and no place the group does not already have. A claim or denial may name
    the actor ("X claimed the bombing"): that is who the group's event is attributed to."""
    named = m.actor1 is not None and not m.actor1.unidentified  # "gunmen" name no one the group lacks
    if m.actor1 is not None and named and m.modality not in (Modality.CLAIMED, Modality.DENIED):
        known = [a for x in group for a in (x.actor1, x.actor2, *x.assoc_actor1, *x.assoc_actor2) if a]
        if not any(_same_actor(m.actor1, a) for a in known):
            return False
    here = m.location.place if m.location else None
    if here is not None:
        near = settings().dedup_same_spot_km
        places = [x.location.place for x in group if x.location and x.location.place]
        if places and not any(
            p.geonameid == here.geonameid or haversine_km(p.lat, p.lon, here.lat, here.lon) <= near
            for p in places
        ):
            return False
    return True


def _stand_in(d: EventDate) -> bool:
    """A date not read from the text (the publication date standing in)."""
    return not d.text and not d.resolved


def _same_actor(a: ActorRef, b: ActorRef) -> bool:
    if a.actor_id or b.actor_id:
        return a.actor_id == b.actor_id
    return (a.name or a.text).lower() == (b.name or b.text).lower()


def _event(art: _Article, group: list[Mention], why: list[dict[str, object]], source: str | None) -> Event:
    article = group[0].article_id
    views = [art.view[m.id] for m in group]
    # headlines, back-references and a party's claims or denials name the event in their own words:
    # its type, actors and date come from the reports that tell it, when there are any
    secondary = [
        i
        for i, m in enumerate(group)
        if art.reading[m.id].summary or art.reading[m.id].refers or art.reading[m.id].statement
    ]
    fields = combine(views, secondary)
    # Dates and places a referring mention only borrowed were left out; with nothing else, use them.
    # The publication date stands in only when no sentence telling the event names a day ("struck a
    # market on Sunday, killing 12": "on Sunday" may be parsed onto "killing").
    if fields["date"] is None or _stand_in(fields["date"]):
        told = {m.sentence_start for i, m in enumerate(group) if i not in secondary}
        in_text = [m for m in group if m.date is not None and m.date.text and m.sentence_start in told]
        fields["date"] = best_date(in_text or group)
    if fields["location"] is None:
        fields["location"] = best_location(group)
    return Event(
        **fields,
        id=event_id(group[0].id),
        mention_ids=[m.id for m in group],
        article_ids=[article],
        sources=[source or article],
        merges=why,
    )


def _reports_act(m: Mention, vague_ok: bool = False) -> bool:
    """``m`` can make an event of its own: not a photo caption (it illustrates the news or is an archive
    picture), not a negated or hypothetical act, not an act only planned or threatened (an announced
    truce or deployment is itself the event), and not too vague beside the article's precise reports.
    It may still join an event it refers to."""
    if m.segment == SegmentKind.CAPTION or m.modality in NO_ACT or (not vague_ok and _vague(m)):
        return False
    return m.modality not in PLANNED or m.sub_event_type in ANNOUNCED_EVENTS


def _vague(m: Mention) -> bool:
    """ "Fighting has continued on several fronts": no actor, no toll, and no place or day of its own."""
    r = reference.read(m)
    own_place = m.location is not None and not r.fallback_place
    own_date = m.date is not None and not r.fallback_date
    return m.actor1 is None and m.actor2 is None and not m.counts and not own_place and not own_date
