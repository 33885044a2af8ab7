"""Attach a mention to its place, date and casualty counts."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from trucewatch.config import settings
from trucewatch.events.context import clause_root
from trucewatch.events.modality import ACCUSE, CLAIM, DENY, SPEECH, THREAT
from trucewatch.lexicon import lexicon
from trucewatch.model import REPORTING_DAY_NOTE, Count, EventDate, Location
from trucewatch.rules import rule

T = TypeVar("T")


@dataclass(slots=True)
class Spanned(Generic[T]):
    """An annotation and the tokens it covers in one Doc."""

    item: T
    start: int  # token indices
    end: int

    @property
    def root_i(self) -> int:
        return self.start


@dataclass(slots=True)
class Linked(Generic[T]):
    item: T
    method: str
    confidence: float


def token_span(doc: Any, seg_start: int, start: int, end: int) -> tuple[int, int] | None:
    """Token indices covering absolute chars start..end in a Doc over a segment."""
    span = doc.char_span(start - seg_start, end - seg_start, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return span.start, span.end


def _depth_to(tok: Any, target: Any, limit: int = 8) -> int | None:
    """Number of head steps from tok up to target, or None."""
    cur = tok
    for d in range(limit):
        if cur.i == target.i:
            return d
        if cur.head.i == cur.i:
            return None
        cur = cur.head
    return None


def _span_root(doc: Any, s: Spanned[Any]) -> Any:
    return doc[s.start : s.end].root


def attachment(doc: Any, head: Any, s: Spanned[Any]) -> tuple[str, float, int] | None:
    """How an annotation hangs off a trigger: ("attached", conf, depth) or ("same-clause", ...)."""
    root = _span_root(doc, s)
    d = _depth_to(root, head)
    if d is not None:
        return "attached", 0.9, d
    clause = clause_root(head)
    d = _depth_to(root, clause)
    if d is not None and clause_root(root.head).i == clause.i:
        return "same-clause", 0.8, d + 5
    return None


#: Subtrees that describe something else ("the conflict that erupted in 2011", "a member of Russia's parliament").
ASIDE_DEPS = frozenset({"relcl", "acl", "appos", "parataxis"})


def aside(doc: Any, head: Any, s: Spanned[Any]) -> bool:
    """The annotation sits in a side clause or modifier that does not contain the trigger."""
    root = _span_root(doc, s)
    if root.dep_ in ("poss", "amod") and root.head.i != head.i:  # "Russia's upper house"
        return True
    cur = root
    for _ in range(12):
        if cur.head.i == cur.i:
            return False
        if cur.dep_ in ("acl", "relcl") and cur.head.i == head.i:
            return False  # describes the trigger itself: "an airstrike carried out on Tuesday"
        if cur.dep_ in ASIDE_DEPS and not cur.is_ancestor(head) and cur.i != head.i:
            return True
        cur = cur.head
    return False


#: Verbs whose subject speaks or takes a stance: a place name there stands for its government.
STANCE_VERBS = SPEECH | ACCUSE | DENY | CLAIM | THREAT


def speaking_place(doc: Any, s: Spanned[Any]) -> bool:
    """ "Kiev blames ...", "Damascus denied ...": a capital or country named as the one who speaks
    is a government (metonymy), not where the event happened."""
    root = _span_root(doc, s)
    return root.dep_ == "nsubj" and root.head.lemma_.lower() in STANCE_VERBS


#: Confidence of a place the note says the event is coded to.
CODED_PLACE = 0.9
#: Confidence of a place taken from the title of the official who reports the event.
OFFICIALS_AREA = 0.5
#: "the governor of the Y region said": an official whose area is where the event they report happened.
_LOCAL_OFFICIALS = lexicon().words("local_official_titles")


def officials_area(doc: Any, s: Spanned[Location]) -> bool:
    """The place names the area of a local official ("governor of the southern Y region", "Y's mayor"), not a
    whole country: with no other place in the sentence, what that official reports happened there."""
    p = s.item.place
    if p is None or not p.country or p.feature_code.startswith("PCL"):
        return False
    cur = _span_root(doc, s)
    for _ in range(4):
        if cur.dep_ not in ("compound", "amod", "pobj", "prep", "poss", "nmod"):
            return False
        cur = cur.head
        if cur.lemma_.lower() in _LOCAL_OFFICIALS:
            return True
    return False


#: "(coded as X at geoprecision 2)", "coded to X": the coder states the event's place.
_CODED_AS = lexicon().words("coded_place_words")


def coded_place(doc: Any, s: Spanned[Location]) -> bool:
    """The place follows "coded as" / "coded to": the note's own statement of where the event is placed."""
    i = s.start
    return i >= 2 and doc[i - 2].lower_ in _CODED_AS and doc[i - 1].lower_ in ("as", "to", "at")


def foreign_places(locs: list[Spanned[Location]]) -> set[str]:
    """Countries named less often than the text's main one: a place there is rarely where a local event
    happened ("a suicide attack at the Shangri-La in Colombo": not China's Shangri-La)."""
    counts = Counter(s.item.place.country for s in locs if s.item.place is not None and s.item.place.country)
    if not counts:
        return set()
    top = max(counts.values())
    return {c for c, n in counts.items() if n < top}


def _finer_than_country(loc: Location) -> bool:
    p = loc.place
    return p is not None and bool(p.country) and not p.feature_code.startswith("PCL")


def _finer(chosen: Linked[Location], in_sent: list[Spanned[Location]]) -> Linked[Location]:
    """The finer place the text writes inside the chosen one ("X village in Y" when Y was chosen): the most
    precise place the sentence ties to the event (the places step "finer inside" sets the pointer)."""
    at = chosen.item.inner_start
    inner = next((s for s in in_sent if at is not None and s.item.start == at and s.item.place is not None), None)
    return Linked(inner.item, chosen.method, chosen.confidence) if inner is not None else chosen


_PLACE_KINDS = lexicon().words("place_kind_words")


def container_parenthesis(doc: Any, s: Spanned[Any]) -> bool:
    """Step "container parenthesis": the toponym is an item of a parenthesis written right after a place ("in X
    town (Y, Z district)", "in X (Y)"): it holds that place, so it is no aside but where the event was."""
    if "container parenthesis" in settings().places_steps_off:
        return False
    for k in range(s.start - 1, max(-1, s.start - 10), -1):
        t = doc[k]
        if t.text == ")":
            return False
        if t.text == "(":
            if k == 0:
                return False
            before = doc[k - 1]
            return before.lower_ in _PLACE_KINDS or (before.text[:1].isupper() and before.ent_type_ != "PERSON")
        if not (t.text in (",", "-") or t.text[:1].isupper() or t.lower_ in _PLACE_KINDS):
            return False
    return False


_TITLES = lexicon().words("person_titles")


def titles_place(doc: Any, s: Spanned[Any]) -> bool:
    """Step "title place": the place names a person's office ("the X President Y", "X Foreign Minister"): it says
    whose official, not where the event was, and comes after the sentence's other places."""
    if "title place" in settings().places_steps_off:
        return False
    cur = _span_root(doc, s)
    for _ in range(3):
        if cur.dep_ not in ("compound", "amod") or cur.head.i == cur.i:
            return False
        cur = cur.head
        if cur.lower_ in _TITLES:
            return True
    return False


def best_location(doc: Any, head: Any, sent: Any, locs: list[Spanned[Location]]) -> Linked[Location] | None:
    """The toponym syntactically attached to the trigger, else the nearest one in the sentence; a place in
    the text's main country before one abroad (step "foreign place last")."""
    in_sent = [s for s in locs if sent.start <= s.start < sent.end and not speaking_place(doc, s)]
    if not in_sent:
        return None
    abroad = foreign_places(locs)
    finer = {s.item.place.country for s in in_sent if _finer_than_country(s.item)}  # type: ignore[union-attr]
    scored: list[tuple[tuple[float, ...], Linked[Location]]] = []
    officials: list[Spanned[Location]] = []
    # attached toponyms: the first named, finest one ("Douma outside Damascus", "Inkhil town, Deraa"); a place
    # in the text's main country before one abroad; a whole country after a town of it the sentence also names,
    # and a country abroad after any place of the main country
    coded = [s for s in in_sent if s.item.place is not None and coded_place(doc, s)]
    if coded:  # step "coded place": the note says where the event is coded
        return Linked(coded[0].item, "coded-place", CODED_PLACE)
    for s in in_sent:
        prec = s.item.geo_precision or 2
        has_place = 0 if s.item.place is not None else 1
        away = 1 if s.item.place is not None and s.item.place.country in abroad else 0
        p = s.item.place
        # a whole country: after a town of it in the sentence, and after the text's main country if it is abroad
        coarse = 1 if p is not None and p.feature_code.startswith("PCL") and (p.country in finer or away) else 0
        att = attachment(doc, head, s)
        titled = 1 if titles_place(doc, s) else 0
        if att is not None:
            method, conf, _depth = att
            scored.append(((titled, coarse, 0, away, prec, has_place, s.start), Linked(s.item, method, conf)))
        elif aside(doc, head, s) and not container_parenthesis(doc, s):
            if officials_area(doc, s):
                officials.append(s)
            continue
        else:
            dist = abs(s.start - head.i)
            scored.append(
                ((titled, coarse, 1, away, prec, dist, has_place), Linked(s.item, "nearest-in-sentence", 0.55))
            )
    scored.sort(key=lambda x: x[0])
    if scored:
        scored[0] = (scored[0][0], _finer(scored[0][1], in_sent))
    if not scored and officials:  # step "official's area": the reporting governor's region, not the text's default
        return Linked(officials[0].item, "officials-area", OFFICIALS_AREA)
    return scored[0][1] if scored else None


#: Words that, measured by an interval, open a clause or phrase about another event ("one day after
#: dozens died", "a week before the raid"). Without an interval "after" is often the cause of the main
#: clause's deaths ("five were killed after a bomb exploded") and is no boundary.
TEMPORAL_LINKS = lexicon().words("temporal_link_words")
_INTERVAL_UNITS = lexicon().words("interval_units")
#: Date phrases that date the event of the clause they introduce ("two days after a raid ... killed 37").
_RELATIVE_TO_EVENT = lexicon().terms("event_relative_links")


def link_spans(sent: Any) -> list[tuple[int, int, int]]:
    """(first, last, id) token ranges of the "after/before ..." phrases and clauses of a sentence.

    Only links measured by an interval count (``one day after``). A clause with a "mark" (``one day after
    dozens died``) covers its verb's subtree; a preposition (``two days after a raid``) covers its object and, when the parser hung it under a later verb (``after a raid on the
    market killed 37``), that verb's phrase too. Such a range speaks of another event than the clause
    it hangs from.
    """
    out: list[tuple[int, int, int]] = []
    for tok in sent:
        if tok.lower_ not in TEMPORAL_LINKS or tok.dep_ not in ("prep", "mark") or not _measured(tok):
            continue
        if tok.dep_ == "mark":
            out.append((tok.head.left_edge.i, tok.head.right_edge.i, tok.i))
        else:
            hi = tok.head.right_edge.i if tok.head.i > tok.i else tok.right_edge.i
            out.append((tok.i, max(hi, tok.right_edge.i), tok.i))
    return out


def _measured(link_tok: Any) -> bool:
    """Is the link word measured by an interval ("two days after", "hours before")?"""
    holders = [link_tok, link_tok.head] if link_tok.dep_ == "mark" else [link_tok]
    return any(
        c.dep_ in ("npadvmod", "advmod", "nmod") and c.lemma_.lower() in _INTERVAL_UNITS and c.i < link_tok.i
        for h in holders
        for c in h.children
    )


def scope_of(i: int, spans: list[tuple[int, int, int]]) -> int:
    """Id of the innermost link range holding token ``i``; -1 for the main clause."""
    inner = [(hi - lo, sid) for lo, hi, sid in spans if lo <= i <= hi]
    return min(inner)[1] if inner else -1


def link_scope(tok: Any) -> int:
    """Scope of one token in its sentence (see ``link_spans``)."""
    return scope_of(tok.i, link_spans(tok.sent))


def separate_events(a: Any, b: Any) -> bool:
    """Do trigger tokens ``a`` and ``b`` sit on either side of an "after/before" boundary (two events)?"""
    spans = link_spans(a.sent)
    return scope_of(a.i, spans) != scope_of(b.i, spans)


def event_clause(tok: Any) -> Any:
    """The clause that states ``tok``'s event: a participle adding a result ("..., killing four") belongs
    to the clause it hangs from; otherwise the nearest verb at or above ``tok``."""
    root = clause_root(tok)
    if (
        root.tag_ == "VBG"
        and root.dep_ in ("advcl", "xcomp", "conj")
        and not any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in root.children)
        and root.head.i != root.i
    ):
        return clause_root(root.head)
    return root


def _date_scope(doc: Any, s: Spanned[EventDate], spans: list[tuple[int, int, int]]) -> tuple[int, bool]:
    """(scope, relative) of a date; "one day after X" dates X, so its scope is X's clause."""
    toks = doc[s.start : s.end]
    if s.item.text.lower().rstrip().endswith(_RELATIVE_TO_EVENT):
        link_tok = next((t for t in reversed(toks) if t.lower_ in _RELATIVE_TO_EVENT), None)
        if link_tok is not None:
            for _lo, _hi, sid in spans:
                if sid == link_tok.i:
                    return sid, True
    return scope_of(toks.root.i, spans), False


def starts_period(doc: Any, s: Spanned[EventDate]) -> bool:
    """A day inside a "since" phrase further from it than the word before ("the toll since the outbreak of the
    protests on Monday rose to 12"): the start of a period, not the day of an event."""
    tok = _span_root(doc, s)
    for _ in range(4):
        if tok.head.i == tok.i or tok.pos_ in ("VERB", "AUX"):
            return False
        tok = tok.head
        if tok.lower_ == "since" and tok.dep_ in ("prep", "mark"):
            return True
    return False


def best_date(doc: Any, head: Any, sent: Any, dates: list[Spanned[EventDate]]) -> Linked[EventDate] | None:
    """A resolved date attached to the trigger's clause, else the nearest resolved one in the sentence.

    Dates on the other side of an "after/before" boundary date another event and are skipped; among
    dates attached at the same depth a single day beats a range ("overnight on Monday").
    """
    in_sent = [s for s in dates if sent.start <= s.start < sent.end and s.item.first is not None]
    in_sent = [s for s in in_sent if not starts_period(doc, s)]
    if not in_sent:
        return None
    spans = link_spans(sent)
    scope = scope_of(head.i, spans)
    subject = _toll_subject(head)  # "the number killed in Wednesday's bombing rose to 21 on Thursday"
    scored: list[tuple[tuple[float, ...], Linked[EventDate]]] = []
    for s in in_sent:
        if subject is not None and subject.left_edge.i <= s.start <= subject.right_edge.i:
            scored.append(((0, 0, 0, s.start), Linked(s.item, "toll-subject", 0.8)))
            continue
        d_scope, relative = _date_scope(doc, s, spans)
        width = (s.item.last - s.item.first).days if s.item.last and s.item.first else 0
        if d_scope != scope:
            if not relative and not aside(
                doc, head, s
            ):  # "looted shops after troops took it back last month"
                key = (2, abs(s.start - head.i), min(width, 1), s.start)
                scored.append((key, Linked(s.item, "other-clause-in-sentence", 0.4)))
            continue
        att = attachment(doc, head, s)
        if att is not None and not aside(doc, head, s):  # not "... the conflict that erupted in 2011"
            conf = 0.85 if att[0] == "attached" else 0.8
            scored.append(((0, att[2], min(width, 1), s.start), Linked(s.item, att[0], conf)))
        elif relative or not aside(doc, head, s):
            key = (1, abs(s.start - head.i), min(width, 1), s.start)
            scored.append((key, Linked(s.item, "nearest-in-sentence", 0.6)))
    scored.sort(key=lambda x: x[0])
    if not scored:
        return None
    chosen = scored[0][1]
    if chosen.method in ("nearest-in-sentence", "other-clause-in-sentence"):
        day = next(s for s in in_sent if s.item is chosen.item)
        if reporting_day(doc, head, day):
            note = f"{REPORTING_DAY_NOTE}: on the verb of saying; {chosen.item.note}".rstrip("; ")
            return Linked(dataclasses.replace(chosen.item, note=note), "reporting-day", 0.4)
    return chosen


def reporting_day(doc: Any, head: Any, s: Spanned[EventDate]) -> bool:
    """ "Ten civilians were killed when rebels shelled X, a rescuer said on Thursday": a day on the verb of saying,
    not on the event's clause, is the day the news was told. The event took place then or before: a stand-in
    (``dedup`` lets it neither veto a merge nor beat a day stated for the event)."""
    verb = _span_root(doc, s).head
    if verb.dep_ == "prep":  # "said on Thursday"
        verb = verb.head
    return verb.lemma_.lower() in SPEECH and verb.i != head.i


def count_date(
    doc: Any, head: Any, counts: list[Spanned[Count]], dates: list[Spanned[EventDate]]
) -> Linked[EventDate] | None:
    """The date of the clause that states the event's toll, when that is not the trigger's clause.

    "35 fighters were killed in the past 24 hours in the area, where fighting has raged for ten days":
    the deaths are counted over the 24 hours, and that is the span of the event they are the toll of.
    """
    if _toll_subject(head) is not None:
        return None  # "the number killed in Wednesday's bombing rose to 21 on Thursday"
    own = event_clause(head).i
    spans = link_spans(head.sent)
    best: tuple[int, Linked[EventDate]] | None = None
    for c in counts:
        if _is_toll(doc, c):
            continue
        verb = event_clause(_span_root(doc, c))
        if verb.i == own or scope_of(verb.i, spans) != scope_of(head.i, spans):
            continue  # the trigger's own clause, or a clause about another event ("one day after ...")
        for s in dates:
            if s.item.first is None or not (verb.sent.start <= s.start < verb.sent.end):
                continue
            if _date_scope(doc, s, spans) != (scope_of(verb.i, spans), False):
                continue
            att = attachment(doc, verb, s)
            if att is None or att[0] != "attached" or aside(doc, verb, s):
                continue
            if best is None or att[2] < best[0]:
                best = (att[2], Linked(s.item, "toll-clause", 0.8))
    return best[1] if best else None


@dataclass(slots=True)
class DayContext:
    """What the date rules see: the article's stated days before the sentence, and its publication day."""

    before: list[EventDate]  # resolved dates of the news text that start before the sentence, in text order
    published: dt.date | None
    window_days: int  # how far before publication a carried day may lie (``news_window_days``)
    text: str = ""  # the article's text (dates' offsets point into it)


#: Words that make a day the end of a period ("extended until midnight on Thursday"), not a day of news.
_PERIOD_END = lexicon().words("period_end_words")


def told_day(doc: Any, s: Spanned[EventDate]) -> bool:
    """Is the date outside a relative clause ("the war, which began on 24 February" is background)?"""
    return not any(a.dep_ == "relcl" for a in doc[s.start : s.end].root.ancestors)


def _ends_period(text: str, d: EventDate) -> bool:
    return any(w.lower().strip(",") in _PERIOD_END for w in text[max(0, d.start - 40) : d.start].split()[-3:])


@rule(
    "dates.carried-day",
    phase="date",
    reason='A sentence naming no day ("Another four people died in rocket fire") carries the last single day '
    "stated before it in the news text (within the news window), not the publication day.",
)
def carried_day(c: DayContext) -> EventDate | None:
    if c.published is None:
        return None
    for d in reversed(c.before):
        if not (d.resolved and d.first is not None and d.first == d.last and d.text) or _ends_period(c.text, d):
            continue
        if 0 <= (c.published - d.first).days <= c.window_days:
            # a stand-in (no text of its own): it never vetoes a merge, as the publication date does not
            note = f"no date in the sentence: the last day stated before it ({d.text!r}) carried"
            return dataclasses.replace(d, text="", start=0, end=0, resolved=False, time_precision=1, note=note)
        return None  # the last day stated is background (months back) or ahead: nothing to carry
    return None


def publication_date(published: dt.date) -> EventDate:
    """The article's date standing in for an event date the text does not give.

    ACLED codes an undated report to the report's most recent day; we do the same but mark the date
    unresolved, with week-level precision (ACLED time_precision 2, UCDP date_prec 2).
    """
    return EventDate(
        text="",
        start=0,
        end=0,
        first=published,
        last=published,
        time_precision=2,
        date_prec=2,
        resolved=False,
        note="no date in the sentence: publication date used",
    )


def own_date(day: dt.date) -> EventDate:
    """A caption's own date."""
    return EventDate(
        text="",
        start=0,
        end=0,
        first=day,
        last=day,
        time_precision=1,
        date_prec=1,
        resolved=True,
        note="caption's own date",
    )


def article_default_location(locs: list[Location]) -> Location | None:
    """The most often named resolved place of the article's news text (a weak fallback)."""
    resolved = [loc for loc in locs if loc.place is not None]
    if not resolved:
        return None
    counts = Counter(loc.place.geonameid for loc in resolved if loc.place is not None)
    best_id = counts.most_common(1)[0][0]
    return next(loc for loc in resolved if loc.place is not None and loc.place.geonameid == best_id)


def _is_toll(doc: Any, s: Spanned[Count]) -> bool:
    """Is the count a running toll ("the death toll rose to 44", "the number of people killed reached 21")?"""
    tok = _span_root(doc, s)
    gov = tok.head
    if tok.dep_ == "pobj" and gov.lower_ in ("to", "at", "of"):
        if gov.lower_ == "of" and gov.head.lemma_.lower() in _TOLL_NOUNS:
            return True  # "a toll of 35"
        gov = gov.head
    elif tok.dep_ not in ("dobj", "attr", "nummod"):
        return False
    if gov.lemma_.lower() in _TOLL_NOUNS:
        return True
    return gov.lemma_.lower() in _TOLL_VERBS and any(
        c.dep_ in ("nsubj", "nsubjpass", "dobj") and c.lemma_.lower() in _TOLL_NOUNS | {"number"}
        for c in gov.children
    )


def _toll_subject(head: Any) -> Any | None:
    """The subject of a toll verb ("the death toll from the bombing" in "... rose to 44"), else None."""
    if head.lemma_.lower() not in _TOLL_VERBS:
        return None
    for c in head.children:
        if c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() in _TOLL_NOUNS | {"number"}:
            return c
    return None


_TOLL_NOUNS = lexicon().words("toll_nouns")
_TOLL_VERBS = lexicon().words("toll_link_verbs")


def assign_counts(
    doc: Any, heads: list[Any], counts: list[Spanned[Count]]
) -> dict[int, list[Spanned[Count]]]:
    """Give each count of a sentence to one trigger: the one it hangs off, else the nearest.

    A count inside an "after/before ..." clause belongs to a trigger of that clause, not to the one the
    clause hangs from ("bombed X, killing five, one day after dozens died in a strike on Y": 5 to the
    bombing, dozens to the strike). A running toll ("the toll rose to 21") already holds the other
    deaths its trigger is given in the sentence ("after two of the wounded died"), so only the toll is
    kept. Returns trigger position (index into ``heads``) -> counts. Cumulative counts are never given.
    """
    out: dict[int, list[Spanned[Count]]] = {}
    if not heads:
        return out
    spans = link_spans(heads[0].sent)
    scopes = [scope_of(h.i, spans) for h in heads]
    for s in counts:
        if s.item.cumulative:
            continue
        root = _span_root(doc, s)
        c_scope = scope_of(root.i, spans)
        best: tuple[tuple[int, int], int] | None = None
        for k, head in enumerate(heads):
            d = _depth_to(root, head)
            if d is None:
                d = _depth_to(head, root)  # "civilians were killed by strikes": trigger under the count
            c = _depth_to(root, clause_root(head))  # "a bomb exploded, killing six"
            if c is not None:
                d = c if d is None else min(d, c)
            if d is None:
                key = (2, abs(s.start - head.i))
            else:
                key = (0 if scopes[k] == c_scope else 1, d)
            if best is None or key < best[0]:
                best = (key, k)
        assert best is not None
        out.setdefault(best[1], []).append(s)
    for k, given in out.items():
        tolls = [s for s in given if s.item.what == "killed" and _is_toll(doc, s)]
        if tolls:
            out[k] = [s for s in given if s.item.what != "killed" or s in tolls]
    return out
