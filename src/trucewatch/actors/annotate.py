"""Finding actors in parsed segments: dictionary names, country + role, adjectives, control hints, unknowns."""

from __future__ import annotations

import dataclasses
from collections import Counter
from dataclasses import dataclass

from trucewatch.actors import naming
from trucewatch.actors.context import article_country, is_peripheral
from trucewatch.actors.dictionary import ActorDictionary
from trucewatch.actors.matcher import matchers_for
from trucewatch.actors.unknown import unknown_actors
from trucewatch.lexicon import lexicon
from trucewatch.model import Actor, ActorRef, Article, ParsedSegment
from trucewatch.nlp.repair import HEDGE_VERBS

_LEX = lexicon()

CONTROL_WORDS = _LEX.words("control_participles")
HYPHENS = frozenset({"-", "\u2013", "\u2014"})
POSSESSIVE = frozenset({"'s", "\u2019s", "'", "\u2019"})
COORD = frozenset({"and", "or", ",", "&"})
MIN_CONTEXT_WEIGHT = 0.5
#: Nouns after a side word that name that side's forces ("government positions", "opposition commanders").
POSITION_NOUNS = _LEX.words("side_position_nouns")

#: Candidate priorities when two spans have the same length.
_PRIORITY = {
    "hint": 5,
    "alias": 4,
    "country+role": 3,
    "loyal-to": 3,
    "adjectival": 2,
    "coordinated": 2,
    "country-agent": 1,
    "role": 1,
}


@dataclass(slots=True)
class Cand:
    start: int  # token indices in the segment's doc
    end: int
    method: str
    confidence: float
    actor_id: str | None = None  # a dictionary actor
    role: str | None = None  # or a generic role ...
    iso: str | None = None  # ... in this country (None: the article's country)
    implied: bool = False


def _by_start(matches: list[tuple[str, str, int, int]]) -> dict[int, list[tuple[str, str, int, int]]]:
    out: dict[int, list[tuple[str, str, int, int]]] = {}
    for m in matches:
        out.setdefault(m[2], []).append(m)
    return out


def _first(index: dict, start: int, kinds: tuple[str, ...]) -> tuple[str, str, int, int] | None:
    """Longest match of one of ``kinds`` starting at token ``start``."""
    found = [m for m in index.get(start, ()) if m[0] in kinds]
    return max(found, key=lambda m: m[3]) if found else None


def _cand_for(kind: str, payload: str, start: int, end: int, method: str, conf: float) -> Cand:
    if kind in ("A", "HA"):
        return Cand(start, end, method, conf, actor_id=payload)
    if kind == "C":
        return Cand(start, end, method, conf, role="military", iso=payload)
    return Cand(start, end, method, conf, role=payload)


def find_candidates(doc, dictionary: ActorDictionary) -> tuple[list[Cand], list[tuple[str, int, int]]]:
    """Actor candidates in one doc (overlaps resolved) and the country mentions (iso2, start, end)."""
    matches = matchers_for(dictionary, doc.vocab)(doc)
    index = _by_start(matches)
    n = len(doc)
    cands: list[Cand] = []
    countries = _longest([(p, s, e) for k, p, s, e in matches if k == "C"])
    for kind, payload, s, e in matches:
        # control hints: "opposition-held areas", "IS-controlled", "Turkish-held"
        if kind in ("A", "R", "C", "HA", "HR") and e + 1 < n and doc[e].text in HYPHENS:  # not vocabulary: matcher kinds
            if doc[e + 1].lower_ in CONTROL_WORDS:
                end = e + 2
                while end < n and end < e + 4 and doc[end].pos_ in ("NOUN",) and doc[end].is_alpha:
                    end += 1
                cands.append(_cand_for(kind, payload, s, end, "hint", 0.7))
                cands[-1].implied = True
                continue
        if kind in ("A", "R", "C", "HA", "HR") and s >= 1 and e < n and doc[e].lower_ == "control":  # not vocabulary: matcher kinds
            under = (
                s - 1
                if doc[s - 1].lower_ == "under"
                else s - 2
                if s >= 2 and doc[s - 2].lower_ == "under"
                else -1
            )
            if under >= 0:
                cands.append(_cand_for(kind, payload, under, e + 1, "hint", 0.65))
                cands[-1].implied = True
                continue
        if kind == "A":
            end = e
            ext = _first(index, e, ("M", "R"))
            if ext and ext[0] == "M" or ext and ext[1] in ("military", "armed-group", "rebels"):
                end = ext[3]
            cands.append(
                Cand(s, end, "alias", 0.95 if e - s > 1 or len(doc[s].text) > 3 else 0.85, actor_id=payload)
            )
        elif kind == "R":
            loyal = _loyal_to(doc, index, s, e) if payload == "military" else None
            if loyal is not None:
                cands.append(loyal)
            else:
                cands.append(Cand(s, e, "role", 0.6, role=payload))
        elif kind == "C":
            if s >= 2 and doc[s - 1].text in HYPHENS and doc[s - 2].lower_ in ("pro", "anti"):
                continue  # "pro-Turkish fighters" are not Turkey's forces
            j = e + 1 if e < n and doc[e].text in POSSESSIVE else e
            role = _first(index, j, ("R",))
            if role:
                cands.append(Cand(s, role[3], "country+role", 0.9, role=role[1], iso=payload))
                cands.extend(_coordinated(doc, countries, s, role[1]))
                continue
            if j < n and doc[j].pos_ == "ADJ" and _first(index, j, ("X",)) is None:
                j += 1  # "Russian heavy bombardment"
            if _first(index, j, ("X",)):
                cands.append(Cand(s, e, "adjectival", 0.75, role="military", iso=payload))
                cands.extend(_coordinated(doc, countries, s, "military"))
            elif _is_agent(doc[e - 1]) and not _is_place_apposition(doc, s) and not is_peripheral(doc, s, e):
                cands.append(Cand(s, e, "country-agent", 0.55, role="military", iso=payload))
            elif _hedged_identity(doc[e - 1]):
                cands.append(Cand(s, e, "hedged", 0.5, role="military", iso=payload))
        elif kind in ("HA", "HR") and e < n and doc[e].lower_ in POSITION_NOUNS:
            cands.append(_cand_for(kind, payload, s, e + 1, "hint", 0.7))
        elif kind in ("HA", "HR") and e + 1 < n and doc[e].lower_ in COORD:
            nxt = _first(index, e + 1, ("R", "A"))
            if nxt and (nxt[0] == "R" or doc[nxt[3] - 1].lower_ in dictionary.member_nouns):
                cands.append(_cand_for(kind, payload, s, e, "coordinated", 0.7))
    return _resolve_overlaps(cands), countries


def _longest(spans: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """Longest non-overlapping country mentions ("Saudi Arabia", not also "Saudi")."""
    kept: list[tuple[str, int, int]] = []
    taken: set[int] = set()
    for iso, s, e in sorted(spans, key=lambda m: (m[1] - m[2], m[1])):
        if not taken.intersection(range(s, e)):
            kept.append((iso, s, e))
            taken.update(range(s, e))
    return sorted(kept, key=lambda m: m[1])


def _is_agent(tok) -> bool:
    """A country named as the doer: subject of a verb ("Turkey shelled") or agent ("strikes by Russia")."""
    while tok.dep_ == "conj" and tok.head.i < tok.i:
        tok = tok.head
    if tok.dep_ == "nsubj" and tok.head.pos_ == "VERB" and tok.head.lemma_ not in ("be", "have"):
        return True
    return tok.dep_ == "pobj" and tok.head.lower_ == "by"


def _hedged_identity(tok) -> bool:
    """ "jets believed to be Russian": a country named as what a doer is believed to be."""
    be = tok.head
    return (
        tok.dep_ in ("acomp", "attr")
        and be.lemma_ == "be"
        and be.dep_ == "xcomp"
        and be.head.dep_ == "acl"
        and be.head.lemma_.lower() in HEDGE_VERBS
        and be.head.head.pos_ in ("NOUN", "PROPN")
    )


def _is_place_apposition(doc, s: int) -> bool:
    """ "Mosul, Iraq": a country after a place name and a comma locates the place; it is not an actor."""
    if s < 2 or doc[s - 1].text != "," or doc[s - 2].pos_ != "PROPN":
        return False
    return doc[s].dep_ != "conj" and doc[s].head.dep_ != "conj"  # "Saudi Arabia, Turkey and ..." is a list


LOCATIVE_PREPS = _LEX.words("locative_prepositions")


def _is_locative(doc, s: int, e: int) -> bool:
    """ "in Syria", "northern Iraq", "Mosul, Iraq": the country is where things happen."""
    if _is_place_apposition(doc, s):
        return True
    tok = doc[e - 1]
    while tok.dep_ == "conj" and tok.head.i < tok.i:
        tok = tok.head
    return tok.dep_ == "pobj" and tok.head.lower_ in LOCATIVE_PREPS and tok.pos_ == "PROPN"


def _sentence_countries(doc, cands: list[Cand], countries: list[tuple[str, int, int]]) -> dict[int, str]:
    """Sentence start token -> the country named on its own there ("in Mosul, Iraq"), if any."""
    taken: set[int] = set()
    for c in cands:
        taken.update(range(c.start, c.end))
    counts: dict[int, Counter[str]] = {}
    for iso, s, e in countries:
        if s in taken or not _is_locative(doc, s, e):
            continue
        counts.setdefault(doc[s].sent.start, Counter())[iso] += 1
    return {start: c.most_common(1)[0][0] for start, c in counts.items()}


def _loyal_to(doc, index: dict, s: int, e: int) -> Cand | None:
    """ "forces loyal to Syria's President ...": the country or actor named within a few tokens."""
    if e + 2 >= len(doc) or doc[e].lower_ != "loyal" or doc[e + 1].lower_ != "to":
        return None
    for j in range(e + 2, min(e + 7, len(doc))):
        m = _first(index, j, ("C", "A", "HA"))
        if m and m[0] == "C":
            return Cand(s, e, "loyal-to", 0.8, role="military", iso=m[1])
        if m:
            return Cand(s, e, "loyal-to", 0.8, actor_id=m[1])
    return None


def _coordinated(doc, countries: list[tuple[str, int, int]], start: int, role: str) -> list[Cand]:
    """ "Syrian and Russian warplanes": the earlier countries of a coordination share the role."""
    out: list[Cand] = []
    ends = {e: (iso, s) for iso, s, e in countries}
    pos = start
    while pos >= 2 and doc[pos - 1].lower_ in COORD and pos - 1 in ends:
        iso, s = ends[pos - 1]
        out.append(Cand(s, pos - 1, "coordinated", 0.75, role=role, iso=iso))
        pos = s
    return out


def _resolve_overlaps(cands: list[Cand]) -> list[Cand]:
    ranked = sorted(cands, key=lambda c: (-(c.end - c.start), -_PRIORITY.get(c.method, 0), c.start))
    taken: set[int] = set()
    kept: list[Cand] = []
    for c in ranked:
        span = set(range(c.start, c.end))
        if span & taken:
            continue
        taken |= span
        kept.append(c)
    return sorted(kept, key=lambda c: c.start)


def _ref(
    actor: Actor,
    text: str,
    start: int,
    end: int,
    conf: float,
    context: str | None,
    dictionary: ActorDictionary,
    implied: bool = False,
) -> ActorRef:
    inter: int | None = actor.inter or None
    if actor.kind == "source":
        inter = None
    elif context and actor.country and actor.country != context and actor.id in dictionary.inter_abroad:
        inter = dictionary.inter_abroad[actor.id]
    return ActorRef(
        text=text,
        start=start,
        end=end,
        actor_id=actor.id,
        name=actor.name,
        inter=inter,
        side=actor.side,
        country=actor.country,
        kind=actor.kind,
        confidence=conf,
        implied=implied,
    )


def annotate(article: Article, parsed: list[ParsedSegment], dictionary: ActorDictionary) -> list[ActorRef]:
    """Every actor mention in the article, with absolute offsets, sorted by position.

    Known actors carry their dictionary id; generic roles ("civilians", "troops") take the country of a
    preceding name or demonym, else the article's most mentioned country; unknown organisations are
    kept with ``actor_id=None`` and a guessed kind; "opposition-held areas" gives ``implied=True``.
    """
    found: list[tuple[ParsedSegment, list[Cand]]] = []
    weights: Counter[str] = Counter()
    first_seen: dict[str, int] = {}
    countries_of: dict[int, list[tuple[str, int, int]]] = {}
    for ps in parsed:
        cands, countries = find_candidates(ps.doc, dictionary)
        found.append((ps, cands))
        countries_of[id(ps)] = countries
        article_country(weights, first_seen, ps, countries, cands, dictionary)
    prior = str(article.meta.get("country") or "").upper()
    if len(prior) == 2:  # a feed or sidecar that states the country
        weights[prior] += 2.0
        first_seen.setdefault(prior, -1)
    context = max(weights, key=lambda k: (weights[k], -first_seen[k])) if weights else None
    if context and weights[context] < MIN_CONTEXT_WEIGHT:
        context = None  # only patrons ("backed by Turkey") or passing mentions
    on = article.published
    refs: list[ActorRef] = []
    for ps, cands in found:
        doc = ps.doc
        local = (
            _sentence_countries(doc, cands, countries_of[id(ps)]) if doc.has_annotation("SENT_START") else {}
        )
        for c in cands:
            here = local.get(doc[c.start].sent.start, context) if local else context
            if c.actor_id:
                actor = dictionary.get(c.actor_id)
                actor = dictionary.at_date(actor, on) if actor else None
            else:
                actor = dictionary.generic(c.role or "", c.iso or here)
            if actor is None:
                continue
            conf = c.confidence if (c.iso or c.actor_id or here) else min(c.confidence, 0.45)
            span = doc[c.start : c.end]
            start = ps.abs(span.start_char)
            refs.append(
                _ref(actor, span.text, start, start + len(span.text), conf, here, dictionary, c.implied)
            )
        refs.extend(unknown_actors(ps, cands, countries_of[id(ps)], dictionary, context))
    refs.sort(key=lambda r: (r.start, r.end))
    refs = definite_references(article.text, refs, dictionary)
    return naming.apply(article.text, refs, dictionary)


#: Determiners that make a generic armed group point back to one already named ("the militants").
DEFINITE = ("the ", "these ", "those ")
#: Generic roles a definite noun phrase may take back, and the kinds of named actor it may refer to.
ANAPHOR_ROLES = frozenset({"armed-group"})
ANAPHOR_KINDS = frozenset({"rebel", "militia"})
ANAPHOR_CONFIDENCE = 0.55


def definite_references(text: str, refs: list[ActorRef], dictionary: ActorDictionary) -> list[ActorRef]:
    """ "Islamic State fighters attacked X ... The militants shelled Y": a definite generic armed group
    ("the militants", "these gunmen") is the named non-state armed group the article spoke of before
    it, when it named only one (pro-government militias aside); with two or more the reference stays
    unidentified. Lower confidence."""
    out: list[ActorRef] = []
    named: list[ActorRef] = []
    for r in refs:
        if (
            r.actor_id in dictionary.entries
            and r.kind in ANAPHOR_KINDS
            and r.side != "government"
            and not r.implied
        ):
            named.append(r)
        elif (
            named
            and r.actor_id
            and dictionary.role_of_actor(r.actor_id) in ANAPHOR_ROLES
            and text[max(0, r.start - 8) : r.start].lower().endswith(DEFINITE)
            and len({n.actor_id for n in named}) == 1
        ):
            r = dataclasses.replace(
                named[-1],
                text=r.text,
                start=r.start,
                end=r.end,
                confidence=min(ANAPHOR_CONFIDENCE, r.confidence + 0.1),
            )
        out.append(r)
    return out
