"""Event mentions from parsed segments and the resolvers' annotations."""

from __future__ import annotations

import dataclasses
from collections import Counter
from typing import Any

from trucewatch.budget import checkpoint
from trucewatch.config import settings
from trucewatch.events import codes as codes_mod
from trucewatch.events import conventions, link
from trucewatch.events import country as country_mod
from trucewatch.events.codes import PARTY_INTERS
from trucewatch.events.context import Typed, classify, clause_root
from trucewatch.events.evidence import add_evidence
from trucewatch.events.grammar import Candidate, Keep
from trucewatch.events.grouping import TERRITORY_TYPES, WITHDRAWAL_IDS, drop_weak, group
from trucewatch.events.link import Linked, Spanned
from trucewatch.events.modality import ModalityCue, detect
from trucewatch.events.nonevent import given_agreement, withdrawal_subtype
from trucewatch.events.roles import Role, RoleFinder, Roles, is_source
from trucewatch.events.subtypes import TypingCase
from trucewatch.events.triggers import Hit, TriggerDictionary
from trucewatch.lexicon import lexicon
from trucewatch.model import (
    ACLED_SUBTYPE_PARENT,
    NEWS_SEGMENTS,
    ActorRef,
    Annotations,
    Article,
    Count,
    EventDate,
    Evidence,
    Location,
    Mention,
    Modality,
    ParsedSegment,
    SegmentKind,
)
from trucewatch.rules import Runner, rule

# the rule modules register on import; the extractor runs them by phase
from trucewatch.events import asides, background, subtypes, unreported  # noqa: E402,F401,I001  isort: skip

_LEX = lexicon()
CIVILIAN_WHO = _LEX.words("civilian_victims")
#: Event types whose reports by a party are contested claims.
CONTESTED_TYPES = frozenset(
    {"Battles", "Explosions/Remote violence", "Violence against civilians"}
)  # not vocabulary
DECLARE = _LEX.words("declare_verbs")
#: Event types whose attacks do damage that is part of the attack ("set fire to the base").
DAMAGING_TYPES = frozenset(
    {"Battles", "Explosions/Remote violence", "Violence against civilians"}
)  # not vocabulary
#: Sub-types that a trigger's doer decides between (state forces regain, others overtake).
BY_ACTOR_TYPES = frozenset({"Government regains territory", "Non-state actor overtakes territory"})
#: Sub-types that, on the day of an attack by the same doer, are part of it: the damage it did, the
#: fighters' movement and the weapons they took ("gunmen entered the village", "set fire to the base",
#: "seized the soldiers' weapons").
PART_OF_ATTACK = frozenset({"Looting/property destruction", "Change to group/activity", "Disrupted weapons use"})
#: Triggers of taking property, an event of its own even during an attack.
PILLAGE = _LEX.terms("pillage_prefixes")
LETHAL = _LEX.words("lethal_lemmas")
#: Reference rules that point back only when an earlier sentence of the article told an event.
TOLD_EARLIER_ONLY = frozenset(
    {"reference.reaction", "reference.one-of", "reference.perfect-deployment"}
)  # not vocabulary
#: Words that make a mention one more of a kind already told ("another strike", "while another killed two").
ANOTHER = _LEX.words("one_more_words")
#: Reference rules whose back-reference may name the parties of the event it points to.
POINTS_BACK = frozenset({"reference.such-or-definite"})  # not vocabulary
#: Date links that are not read from the event's own words.
STAND_IN_DATES = frozenset({"publication-date"})
#: Confidences of the stand-in places and dates (evidence, not thresholds).
PREVIOUS_SENTENCE_PLACE, ARTICLE_PLACE = 0.35, 0.2
CAPTION_DATE, LEAD_DATE, PUBLICATION_DATE = 0.6, 0.35, 0.3
#: Confidence of a "rule" evidence item: the rule fired (rules are not graded).
RULE_FIRED = 1.0


@dataclasses.dataclass(slots=True)
class NamedLater:
    """A definite event noun that points back to an event told earlier and names its parties ("The clashes
    were between X and Y"): no event of its own, but the parties of the one it points to."""

    start: int  # the trigger's offset in the article
    event_type: str
    actor1: ActorRef
    actor2: ActorRef | None
    sentence: tuple[int, int]
    trigger: tuple[int, int]
    word: str  # the trigger's text


@dataclasses.dataclass
class ArticleContext:
    """What the "article" rules read besides the mentions: back-references naming parties, and the mentions
    told as one more of a kind ("another strike", "while another killed two")."""

    named_later: list[NamedLater] = dataclasses.field(default_factory=list)
    #: mention id -> "kind" ("another strike": one more of the trigger's kind) or "elliptic" ("another killed")
    another: dict[str, str] = dataclasses.field(default_factory=dict)
    #: the article's text (for the words before an actor's span: "the attackers") and its actor mentions
    text: str = ""
    actors: list[ActorRef] = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class _Seg:
    """One segment's annotations, mapped onto its Doc's tokens."""

    ps: ParsedSegment
    refs: dict[int, ActorRef]
    locs: list[Spanned[Location]]
    dates: list[Spanned[EventDate]]
    counts: list[Spanned[Count]]
    finder: RoleFinder | None = None  # built on the first sentence with a trigger


def _spanned(items: list[Any], ps: ParsedSegment) -> list[Spanned[Any]]:
    seg = ps.segment
    out: list[Spanned[Any]] = []
    for it in items:
        if seg.start <= it.start and it.end <= seg.end and it.end > it.start:
            ts = link.token_span(ps.doc, seg.start, it.start, it.end)
            if ts is not None:
                out.append(Spanned(it, ts[0], ts[1]))
    return out


def _map_segment(ps: ParsedSegment, ann: Annotations) -> _Seg:
    all_locs = _spanned(ann.locations, ps)
    # an actor word inside an air base's or airport's name ("Kuweires military airport") names the place
    facility = {
        i
        for s in all_locs
        if s.item.place is not None and s.item.place.feature_class == "S"
        for i in range(s.start, s.end)
    }
    # an unknown "actor" whose words are all resolved places ("(Mvita, Mombasa)") is a place list
    placed = {i for s in all_locs if s.item.place is not None for i in range(s.start, s.end)}
    refs: dict[int, ActorRef] = {}
    for s in sorted(_spanned(ann.actors, ps), key=lambda s: s.end - s.start):  # longer refs win
        if facility.issuperset(range(s.start, s.end)):
            continue
        words = [i for i in range(s.start, s.end) if ps.doc[i].is_alpha]
        if s.item.actor_id is None and words and placed.issuperset(words):
            continue
        if s.item.actor_id is None and placed.intersection(words) and link.container_parenthesis(ps.doc, s):
            continue  # "X town (Y North, Y district)": a place's parenthesis spaCy read as a name
        for i in range(s.start, s.end):
            refs[i] = s.item
    actor_tokens = {i for i, r in refs.items() if not r.implied}
    locs = [s for s in all_locs if not actor_tokens.intersection(range(s.start, s.end))]
    return _Seg(ps, refs, locs, _spanned(ann.dates, ps), _spanned(ann.counts, ps))


def _readable(seg: SegmentKind | str) -> bool:
    return seg in NEWS_SEGMENTS


#: A heading that opens a text or a line ("Defusal: ..."): only one that opens the text is matched here.
HEADING = _LEX.regex("report_heading")


def actors_country(refs: list[ActorRef], dictionary: Any) -> str | None:
    """The country of the article's actors when no place of an event resolves: the one most of its actors
    belong to ("Jubilee supporters rioted", "UNP supporters were assaulted": Kenya, Sri Lanka), so generic
    actors the conventions add ("Rioters", "Unidentified Armed Group") still take a country. Forces acting
    abroad, sources and patrons do not vote; a tie goes to the first named."""
    votes: Counter[str] = Counter()
    first: dict[str, int] = {}
    abroad = getattr(dictionary, "inter_abroad", {})
    for r in refs:
        if not r.country or r.kind in ("source", "external") or r.implied:
            continue
        if r.actor_id in abroad and r.inter == abroad[r.actor_id]:
            continue
        votes[r.country] += 1
        first.setdefault(r.country, r.start)
    if not votes:
        return None
    return max(votes, key=lambda c: (votes[c], -first[c]))


class _Extractor:
    def __init__(
        self, article: Article, ann: Annotations, triggers: TriggerDictionary, dictionary: Any
    ) -> None:
        self.article = article
        self.ann = ann
        self.triggers = triggers
        self.dictionary = dictionary
        self.used_counts: set[int] = set()
        self.default_loc: Location | None = None
        self.news_dates: list[EventDate] = []  # the dates stated in the news text, in text order
        self.day_rules = Runner("date")
        self.retreats: set[int] = set()  # trigger offsets of withdrawals that left no place behind
        # the rule phases that say a trigger tells no new event (switched-off rules left out)
        self.before_typing = Runner("before-typing")
        self.reference = Runner("reference")
        self.aside = Runner("aside")
        self.typing = Runner("typing")
        self.typed_by: dict[int, str] = {}  # trigger head -> the "typing" rule that recoded its sub-type
        self.kept_by: dict[int, str] = {}  # trigger head -> the rule that kept it (this sentence)
        self.told_before_here = False  # an earlier sentence of the article told an event
        # what the "article" rules read besides the mentions
        self.context = ArticleContext(text=article.text, actors=list(ann.actors))
        self.article_rules = Runner("article")
        self.actor_country = actors_country(ann.actors, dictionary)  # when no place of the event resolves

    def event_country(self, place: Location | None) -> str | None:
        """The country of an event's generic actors (``events.country``): its place's, or the article's actors'."""
        return country_mod.event_country(place, self.ann.locations, self.ann.actors, self.dictionary, self.actor_country)

    # --- the article ------------------------------------------------------------------------------
    def run(self, parsed: list[ParsedSegment]) -> list[Mention]:
        segs = [
            _map_segment(ps, self.ann)
            for ps in parsed
            if _readable(ps.segment.kind) or (ps.segment.kind == SegmentKind.CAPTION and ps.segment.own_date)
        ]
        news_locs = [s.item for g in segs if _readable(g.ps.segment.kind) for s in g.locs]
        self.news_dates = sorted((s.item for g in segs if _readable(g.ps.segment.kind) for s in g.dates
                                  if link.told_day(g.ps.doc, s)), key=lambda d: d.start)
        self.default_loc = link.article_default_location(news_locs)
        out: list[Mention] = []
        for g in segs:
            prev_loc: Location | None = None  # carried to the next sentence of the same paragraph
            for sent in g.ps.doc.sents:
                checkpoint("events")
                self.told_before_here = bool(out)
                found, sent_loc = self.sentence(g, sent, prev_loc)
                out.extend(found)
                prev_loc = sent_loc or prev_loc
        for r in self.article_rules.rules:  # each rule reads the mentions the one before it left
            found = r.fn(out, self.context)
            if found is not None:
                out = found
        out = _without_damage_of_attacks(out)
        out = [self.protest_outcome(m, segs) for m in out]
        if any(m.sub_event_type in TERRITORY_TYPES for m in out):
            # "Troops retook the city. The militants withdrew eastwards": the retreat is that change of control
            out = [m for m in out if m.trigger_start not in self.retreats]
        return out

    # --- one sentence -------------------------------------------------------------------------------
    def sentence(
        self, g: _Seg, sent: Any, prev_loc: Location | None
    ) -> tuple[list[Mention], Location | None]:
        """The sentence's mentions, and its first place (carried to the next sentence)."""
        doc = g.ps.doc
        counts = [
            s for s in g.counts if sent.start <= s.start < sent.end and id(s.item) not in self.used_counts
        ]
        sent_locs = [s for s in g.locs if sent.start <= s.start < sent.end]
        here_loc = sent_locs[0].item if sent_locs else None
        self.kept_by = {}
        self.typed_by = {}
        typed = self.typed_triggers(g, sent, counts)
        if not typed:
            return [], here_loc
        typed = drop_weak(doc, typed)
        # after weak triggers gave way: "attacks killed 70" goes as a whole when "attacks" is no event
        typed = [(h, t) for h, t in typed if self.told_here(doc, sent, h, t, g)]
        if not typed:
            return [], here_loc
        return self.group_mentions(g, sent, typed, counts, prev_loc), here_loc

    def typed_triggers(self, g: _Seg, sent: Any, counts: list[Spanned[Count]]) -> list[tuple[Hit, Typed]]:
        """The sentence's triggers that may tell a new event, each with its event type."""
        doc = g.ps.doc
        who = {s.item.who for s in counts if not s.item.cumulative}
        tolls = tuple((s.start, s.end) for s in counts if s.item.cumulative)
        typed: list[tuple[Hit, Typed]] = []
        for hit in self.triggers.find(doc, sent.start, sent.end):
            if not self.may_be_news(doc[hit.head], sent, tolls):
                continue
            t = classify(doc, hit, sent, who)
            if t is None:
                continue
            if hit.trigger.id in WITHDRAWAL_IDS:
                t = self.withdrawal(g, hit, t)
            typed.append((hit, t))
        return typed

    def may_be_news(self, head: Any, sent: Any, tolls: tuple[tuple[int, int], ...]) -> bool:
        """No "before-typing" rule says the trigger tells no new event (or one keeps it: "no attacks")."""
        found = self.before_typing.first(Candidate(head, sent, self.article.published, cumulative=tolls))
        if found is None:
            return True
        r, reason = found
        if isinstance(reason, Keep):
            self.kept_by[head.i] = r.name
            return True
        return False

    def withdrawal(self, g: _Seg, hit: Hit, t: Typed) -> Typed:
        """A withdrawal from a place hands it over; a retreat with no place left behind is noted."""
        doc = g.ps.doc
        sub = withdrawal_subtype(doc[hit.head], t.sub_event_type)
        if sub is None:
            self.retreats.add(g.ps.segment.start + doc[hit.start].idx)
        return dataclasses.replace(t, sub_event_type=sub or t.sub_event_type)

    def told_here(self, doc: Any, sent: Any, hit: Hit, t: Typed, g: _Seg | None = None) -> bool:
        """No "reference" or "aside" rule says the trigger points to an event told elsewhere."""
        c = Candidate(doc[hit.head], sent, sub=t.sub_event_type, person=hit.trigger.person)
        ref = self.reference.first(c)
        if ref is not None and ref[0].name in TOLD_EARLIER_ONLY and not self.told_before_here:
            # "condemned the attack on X" in the first report of it: nothing earlier to point to; a lead's
            # present perfect ("fighters have defected") is its news, a later one ("has deployed") a backdrop
            ref = None
        if ref is not None and ref[0].name in POINTS_BACK and self.told_before_here and g is not None:
            self.note_named_later(g, sent, hit, t)
        return ref is None and self.aside.first(c) is None

    def note_named_later(self, g: _Seg, sent: Any, hit: Hit, t: Typed) -> None:
        """Keep the parties a back-reference names ("The clashes were between X and Y") for the "article"
        rules; nothing is kept when it names no one or only generic actors."""
        if not self.article_rules.rules:
            return
        doc = g.ps.doc
        finder = g.finder = g.finder or RoleFinder(doc, g.refs)
        trig = hit.trigger
        roles = finder.find(doc[hit.head], symmetric=trig.symmetric, prep1=trig.prep_actor1, prep2=trig.prep_actor2)
        a1 = roles.actor1.ref if roles.actor1 else None
        a2 = roles.actor2.ref if roles.actor2 else None
        if a1 is None or not _named_party(a1):
            return
        seg = g.ps.segment.start
        self.context.named_later.append(
            NamedLater(
                _trigger_span(g, hit)[0],
                ACLED_SUBTYPE_PARENT[t.sub_event_type],
                a1,
                a2 if a2 is not None and _named_party(a2) else None,
                (seg + sent.start_char, seg + sent.end_char),
                _trigger_span(g, hit),
                doc[hit.start : hit.end].text,
            )
        )

    def group_mentions(
        self,
        g: _Seg,
        sent: Any,
        typed: list[tuple[Hit, Typed]],
        counts: list[Spanned[Count]],
        prev_loc: Location | None,
    ) -> list[Mention]:
        """One mention per group of triggers that tell the same event."""
        doc = g.ps.doc
        groups = group(doc, typed)
        finder = g.finder = g.finder or RoleFinder(doc, g.refs)
        heads = [doc[grp[0][0].head] for grp in groups]
        by_trigger = link.assign_counts(doc, heads, counts)
        mentions: list[Mention] = []
        for k, grp in enumerate(groups):
            m = self.mention(g, sent, grp, finder, by_trigger.get(k, []), prev_loc)
            if m is not None:
                mentions.append(m)
        return mentions

    # --- one mention --------------------------------------------------------------------------------
    def mention(
        self,
        g: _Seg,
        sent: Any,
        grp: list[tuple[Hit, Typed]],
        finder: RoleFinder,
        counts: list[Spanned[Count]],
        prev_loc: Location | None,
    ) -> Mention | None:
        doc = g.ps.doc
        hit, typed = grp[0]
        head = doc[hit.head]
        roles = self.group_roles(doc, grp, finder)
        cue, modality, attributed = self.modality(head, sent, typed, roles, finder)
        self.fallback_actor(g, sent, head, roles, cue, finder)
        self.heading_doer(g, hit, roles)
        rally = ACLED_SUBTYPE_PARENT[typed.sub_event_type] == "Protests"  # "people gathered to show support"
        if hit.trigger.armed_actor and not rally and not self.armed(roles, head, g.refs):
            return None  # "residents arrived in the town": movement is an event only for armed forces
        sub = self.sub_type(hit, typed.sub_event_type, roles)
        sub = self.doer_type(g, head, sub, roles)
        loc = self.place(g, sent, head, prev_loc)
        date = self.date(g, sent, head, counts)
        if self.told_before(sub, head, date):
            return None
        country = self.event_country(loc.item if loc else None)
        self.victims(roles, counts, country)
        self.conventions(g, hit, roles, sub, country)
        m = self.build(g, sent, hit, typed, sub, roles, country, loc, date, counts, modality, attributed)
        more = _one_more(head)
        if more is not None:
            self.context.another[m.id] = more
        for s in counts:
            self.used_counts.add(id(s.item))
        span = m.sentence_start, m.sentence_end
        add_evidence(
            self.article.text, m, doc, g.ps.segment.start, span, typed, roles, cue, loc, date, counts
        )
        self.rule_evidence(m, g, head, cue, roles)
        # an unattributed doer ("a suicide bomber") is a known unknown, not a missed actor
        parts = [
            typed.confidence,
            roles.actor1.confidence if roles.actor1 else (0.8 if roles.unowned_agent else 0.3),
        ]
        m.confidence = round(sum(parts) / len(parts), 3)
        return m

    def group_roles(self, doc: Any, grp: list[tuple[Hit, Typed]], finder: RoleFinder) -> Roles:
        """The roles of the group's first trigger, completed by the others' ("a protest ... police opened
        fire": two doers of one event; "took the town after rebels withdrew": the side that withdrew lost it)."""
        hit, typed = grp[0]
        trig = hit.trigger
        roles = finder.find(
            doc[hit.head], symmetric=trig.symmetric, prep1=trig.prep_actor1, prep2=trig.prep_actor2
        )
        for other, _ in grp[1:]:
            more = finder.find(
                doc[other.head],
                symmetric=other.trigger.symmetric,
                prep1=other.trigger.prep_actor1,
                prep2=other.trigger.prep_actor2,
            )
            if other.trigger.id in WITHDRAWAL_IDS and typed.sub_event_type in TERRITORY_TYPES:
                _loser_as_target(roles, more)
            else:
                _merge_roles(roles, more)
        return roles

    def modality(
        self, head: Any, sent: Any, typed: Typed, roles: Roles, finder: RoleFinder
    ) -> tuple[ModalityCue, Modality, str | None]:
        """The modality cue, and the modality after weighing who speaks."""
        cue = detect(head, sent)
        violent = ACLED_SUBTYPE_PARENT[typed.sub_event_type] in CONTESTED_TYPES
        modality, attributed = self.attribute(cue, roles, finder, sent, violent)
        if modality == Modality.ANNOUNCED and not violent and _declared(head, cue):
            modality = Modality.OCCURRED  # "declared a state of emergency": the declaration is the event
        return cue, modality, attributed

    def fallback_actor(
        self, g: _Seg, sent: Any, head: Any, roles: Roles, cue: ModalityCue, finder: RoleFinder
    ) -> None:
        """No doer found (and none known to be unnamed): the nearest actor before the trigger."""
        if roles.actor1 is None and not roles.unowned_agent:
            speaker = finder.np_actor(g.ps.doc[cue.speaker]) if cue.speaker is not None else None
            roles.actor1 = self.nearest_actor(g, sent, head, roles, speaker, finder)

    def heading_doer(self, g: _Seg, hit: Hit, roles: Roles) -> None:
        """A trigger inside a heading that opens the text ("Property destruction: On 30 July, X destroyed
        ..."): with no doer found, the doer is the subject of the report that follows (first two sentences)."""
        doc = g.ps.doc
        m = HEADING.match(doc.text)
        if roles.actor1 is not None or roles.unowned_agent or m is None or doc[hit.start].idx >= m.end():
            return
        for sent in list(doc.sents)[:2]:
            for t in sent:
                # the subject, or a name the parser left as the root of a verbless reading ("X invaded Y")
                subject = t.dep_ == "nsubj" or (t.dep_ == "ROOT" and t.pos_ == "PROPN")
                ref = g.refs.get(t.i) if subject and t.idx >= m.end() else None
                if ref is not None and not ref.implied and ref.kind not in ("source", "civilians"):
                    roles.actor1 = Role(ref, "heading-subject", 0.5)
                    return

    def sub_type(self, hit: Hit, sub: str, roles: Roles) -> str:
        """A trigger whose doer decides its sub-type (state forces regain, others overtake)."""
        trig = hit.trigger
        if trig.by_actor and sub in BY_ACTOR_TYPES:  # a context rule's other sub-type (seized weapons) stands
            a1 = roles.actor1.ref if roles.actor1 else None
            if (
                a1 is not None
                and roles.actor1
                and roles.actor1.confidence >= settings().by_actor_min_confidence
            ):
                state = a1.inter == 1 or (a1.side or "") == "government"
                sub = trig.by_actor["state" if state else "non_state"]
        return sub

    def doer_type(self, g: _Seg, head: Any, sub: str, roles: Roles) -> str:
        """The first "typing" rule that recodes the sub-type from the doers (a crowd's assault: mob violence)."""
        found = self.typing.first(TypingCase(head, sub, roles, g.refs))
        if found is None:
            return sub
        self.typed_by[head.i] = found[0].name
        return str(found[1])

    def place(self, g: _Seg, sent: Any, head: Any, prev_loc: Location | None) -> Linked[Location] | None:
        """The trigger's place, else the previous sentence's, else the article's most frequent."""
        loc = link.best_location(g.ps.doc, head, sent, g.locs)
        if loc is None and prev_loc is not None:
            loc = Linked(prev_loc, "previous-sentence", PREVIOUS_SENTENCE_PLACE)
        if loc is None and self.default_loc is not None and g.ps.segment.kind != SegmentKind.CAPTION:
            loc = Linked(self.default_loc, "article-most-frequent", ARTICLE_PLACE)
        return loc

    def date(self, g: _Seg, sent: Any, head: Any, counts: list[Spanned[Count]]) -> Linked[EventDate] | None:
        """The trigger's date, else the caption's own, the article's lead date or the publication date."""
        doc, seg = g.ps.doc, g.ps.segment
        caption = seg.kind == SegmentKind.CAPTION
        date = link.count_date(doc, head, counts, g.dates) or link.best_date(doc, head, sent, g.dates)
        if date is None and caption and seg.own_date:
            date = Linked(link.own_date(seg.own_date), "caption-own-date", CAPTION_DATE)
        if date is None and not caption:
            # "Another four people died in rocket fire": a day stated before the sentence (the "date" rules)
            start = seg.start + sent.start_char
            ctx = link.DayContext([d for d in self.news_dates if d.start < start], self.article.published,
                                  settings().news_window_days, self.article.text)
            found = self.day_rules.first(ctx)
            if found is not None:
                date = Linked(found[1], found[0].name, LEAD_DATE)
        if date is None and self.article.published is not None and not caption:
            date = Linked(link.publication_date(self.article.published), "publication-date", PUBLICATION_DATE)
        return date

    def told_before(self, sub: str, head: Any, date: Linked[EventDate] | None) -> bool:
        """The text dates the event to before the news: background, not a new event."""
        published = self.article.published
        if sub == "Agreement" and given_agreement(head) and _before_news(date, published):
            return True  # "The truce came into effect in February": the history of a known agreement
        # "In July, a car bomb killed 300"
        return date is not None and date.method not in STAND_IN_DATES and _before_news(date, published)

    def victims(self, roles: Roles, counts: list[Spanned[Count]], country: str | None) -> None:
        """No target found: civilians counted among the victims are the target."""
        if roles.actor2 is not None:
            return
        civ = [s for s in counts if s.item.who in CIVILIAN_WHO]
        if civ:
            where = country or (roles.actor1.ref.country if roles.actor1 else None)
            c0 = civ[0].item
            ref = conventions.generic_ref("civilians", where, self.dictionary, c0.text, c0.start, c0.end)
            roles.actor2 = Role(ref, "victims-count", 0.6)

    def conventions(self, g: _Seg, hit: Hit, roles: Roles, sub: str, country: str | None) -> None:
        """ACLED's coding conventions, then generic actors moved to the country of the event's place."""
        doc = g.ps.doc
        t_start, t_end = _trigger_span(g, hit)
        words = doc[hit.start : hit.end]
        lemmas = frozenset(t.lemma_.lower() for t in words)
        crowd, victims = _words(g, roles.crowd_words), _words(g, roles.target_words)
        conventions.apply(
            roles, sub, country, self.dictionary, (words.text, t_start, t_end), lemmas, crowd, victims
        )
        for r in (roles.actor1, roles.actor2):
            if r is not None:
                r.ref = conventions.relocate(r.ref, country, self.dictionary) or r.ref

    def build(
        self,
        g: _Seg,
        sent: Any,
        hit: Hit,
        typed: Typed,
        sub: str,
        roles: Roles,
        country: str | None,
        loc: Linked[Location] | None,
        date: Linked[EventDate] | None,
        counts: list[Spanned[Count]],
        modality: Modality,
        attributed: str | None,
    ) -> Mention:
        """The Mention, with its weapon and event codes."""
        doc, seg = g.ps.doc, g.ps.segment
        head, trig = doc[hit.head], hit.trigger
        a1 = codes_mod.as_external(roles.actor1.ref, country) if roles.actor1 else None
        a2 = codes_mod.as_external(roles.actor2.ref, country) if roles.actor2 else None
        rule = typed.rule
        weapon = (rule.weapon if rule and rule.weapon else None) or trig.weapon
        clause_lemmas = frozenset(t.lemma_.lower() for t in clause_root(head).subtree)
        words = (trig.id, *[t.lemma_.lower() for t in doc[hit.start : hit.end]])
        c = codes_mod.codes_for(sub, weapon=weapon, trigger_words=words, clause_lemmas=clause_lemmas)
        t_start, t_end = _trigger_span(g, hit)
        return Mention(
            event_type=ACLED_SUBTYPE_PARENT[sub],
            sub_event_type=sub,
            trigger=doc[hit.start : hit.end].text,
            actor1=a1,
            actor2=a2,
            assoc_actor1=[r.ref for r in roles.assoc1],
            assoc_actor2=[r.ref for r in roles.assoc2],
            location=loc.item if loc else None,
            date=date.item if date else None,
            counts=[s.item for s in counts],
            modality=modality,
            attributed_to=attributed,
            cameo=rule.cameo if rule and rule.cameo else c.cameo,
            plover=c.plover,
            plover_mode=rule.plover_mode if rule and rule.plover_mode else c.plover_mode,
            weapon=weapon,
            id=Mention.make_id(self.article.id, t_start, t_end),
            article_id=self.article.id,
            segment=seg.kind,
            sentence=sent.text,
            sentence_start=seg.start + sent.start_char,
            sentence_end=seg.start + sent.end_char,
            trigger_start=t_start,
            trigger_end=t_end,
        )

    def rule_evidence(self, m: Mention, g: _Seg, head: Any, cue: ModalityCue, roles: Roles) -> None:
        """One "rule" evidence item per rule that fired and shaped the mention: the one that kept the
        trigger (over the trigger), the role rules that found an actor, target or helper (over the trigger)
        and the modality rules (over their cue)."""
        doc, base = g.ps.doc, g.ps.segment.start
        text = self.article.text

        def item(name: str, start: int, end: int) -> Evidence:
            return Evidence(
                "rule", start, end, text[start:end], m.sentence_start, m.sentence_end, RULE_FIRED, name
            )

        for name in (self.kept_by.get(head.i), self.typed_by.get(head.i)):
            if name is not None:
                m.evidence.append(item(name, m.trigger_start, m.trigger_end))
        for name in roles.fired:
            m.evidence.append(item(name, m.trigger_start, m.trigger_end))
        for name in cue.fired:
            if cue.cue_start is not None and cue.cue_end is not None:
                first, last = doc[cue.cue_start], doc[cue.cue_end - 1]
                m.evidence.append(item(name, base + first.idx, base + last.idx + len(last)))
            else:
                m.evidence.append(item(name, m.trigger_start, m.trigger_end))

    def protest_outcome(self, m: Mention, segs: list[_Seg]) -> Mention:
        """A protest whose paragraph goes on to tell lethal force by police or troops, or injuries where they
        intervened ("... protested. Police opened fire, killing two", "police detained ten and injured one") is
        excessive force against protesters; one dispersed or arrested, a protest with intervention."""
        if m.sub_event_type not in ("Peaceful protest", "Protest with intervention"):
            return m
        seg = next((g.ps for g in segs if g.ps.segment.start <= m.sentence_start < g.ps.segment.end), None)
        if seg is None:
            return m
        lemmas = {t.lemma_.lower() for t in seg.doc}
        text = seg.segment.text.lower()
        lemma_text = " ".join(t.lemma_.lower() for t in seg.doc)  # "opened fire" says "open fire"
        words = self.triggers.words

        def said(name: str) -> bool:
            return any((w in lemmas) if " " not in w else (w in text or w in lemma_text) for w in words.get(name, ()))

        forces = said("police_action") or said("combatant") or "police" in lemmas
        # arrests the protest is about ("demanding the release of X, who was arrested") are not an intervention
        intervened = said("police_force") or (said("police_action") and not said("arrest_topic"))
        force = said("lethal_force") or said("protest_injury")
        if force and forces and (any(w in lemmas for w in LETHAL) or said("fire_at_crowd")):
            sub = "Excessive force against protesters"
        elif intervened and m.sub_event_type == "Peaceful protest":
            sub = "Protest with intervention"
        else:
            return m
        out = dataclasses.replace(m, sub_event_type=sub, event_type=ACLED_SUBTYPE_PARENT[sub])
        if out.actor2 is None:
            self.intervening_force(out, seg)
        return out

    def intervening_force(self, m: Mention, seg: ParsedSegment) -> None:
        """Set actor2 of a protest found broken up in a later sentence: the first police or troops its
        paragraph names after the protest ("... protested. Police intervened"), else the police of the event's
        country (ACLED's convention for an intervention whose force is not named); with its evidence."""
        country = self.event_country(m.location)
        found = next(
            (r for r in self.ann.actors if m.sentence_end <= r.start < seg.segment.end
             and r.kind in ("police", "state_forces") and not r.implied),
            None,
        )
        if found is not None:
            m.actor2 = codes_mod.as_external(conventions.relocate(found, country, self.dictionary) or found, country)
            span = seg.doc.char_span(found.start - seg.segment.start, found.end - seg.segment.start,
                                     alignment_mode="expand")
            sent = (seg.segment.start + span.sent.start_char, seg.segment.start + span.sent.end_char) if span \
                else (m.sentence_start, m.sentence_end)
            ev = Evidence("actor2", found.start, found.end, found.text, sent[0], sent[1], 0.5, "intervening-force")
        else:
            police = self.dictionary.generic("police", country) if country and hasattr(self.dictionary, "generic") \
                else None
            if police is None:
                return
            m.actor2 = police.mention(m.trigger, m.trigger_start, m.trigger_end, 0.3)
            ev = Evidence("actor2", m.trigger_start, m.trigger_end, m.trigger, m.sentence_start, m.sentence_end,
                          0.3, "intervening-police")
        m.evidence = [*m.evidence, ev]

    def armed(self, roles: Roles, head: Any, refs: dict[int, ActorRef]) -> bool:
        """The doer is an armed group or force: the event's actor1, else an armed actor or a fighter word
        before the trigger in its sentence ("Islamic State fighters were observed and established a base")."""
        a1 = roles.actor1.ref if roles.actor1 else None
        if a1 is not None:
            return a1.inter in PARTY_INTERS
        fighters = set(self.triggers.words.get("combatant", ())) | set(self.triggers.words.get("armed", ()))
        before = head.doc[head.sent.start : head.i]
        return any(
            t.lemma_.lower() in fighters or (t.i in refs and refs[t.i].inter in PARTY_INTERS) for t in before
        )

    # --- attribution --------------------------------------------------------------------------------
    def attribute(
        self, cue: ModalityCue, roles: Roles, finder: RoleFinder, sent: Any, violent: bool = True
    ) -> tuple[Modality, str | None]:
        """Modality after weighing who speaks: a party speaking of its own or its enemy's violence is a claim;
        its report of its own arrests, mergers or defusals is a report."""
        doc = finder.doc
        speaker_ref = finder.np_actor(doc[cue.speaker]) if cue.speaker is not None else None
        speaker_text = None
        if cue.speaker is not None:
            speaker_text = (
                (speaker_ref.name or speaker_ref.text) if speaker_ref else _np_text(doc[cue.speaker])
            )
        modality = cue.modality
        party = speaker_ref is not None and not is_source(speaker_ref) and (speaker_ref.inter in PARTY_INTERS)
        if party:
            roles.speaker = speaker_ref  # for the conventions ("X said the truce was extended")
        if cue.kind in ("speech", "according") and party and speaker_ref is not None:
            own = roles.pronoun_subject is not None or (
                roles.actor1 is not None and roles.actor1.ref is speaker_ref
            )
            if own:
                roles.actor1 = Role(speaker_ref, "speaker-claims-own-act", 0.6)
            # "said it had struck", "said X shelled their villages"
            if violent and (own or roles.pronoun_target):
                modality = Modality.CLAIMED
        elif (
            cue.kind in ("claim", "deny", "threat", "plan", "modal")  # not vocabulary
            and speaker_ref is not None
            and not is_source(speaker_ref)
        ):
            if roles.actor1 is None or roles.pronoun_subject is not None:
                roles.actor1 = Role(speaker_ref, f"{cue.kind}-subject", 0.65)
        elif cue.kind == "accuse" and cue.accused is not None:
            accused = finder.np_actor(doc[cue.accused])
            if (
                accused is not None
                and not is_source(accused)
                and (
                    roles.actor1 is None
                    or roles.actor1.ref is speaker_ref
                    or roles.actor1.method == "nearest-in-sentence"
                )
            ):
                if roles.actor2 is not None and roles.actor2.ref is accused:
                    roles.actor2 = None
                roles.actor1 = Role(accused, "accused", 0.65)
                if roles.actor2 is None and party and speaker_ref is not None and speaker_ref is not accused:
                    roles.actor2 = Role(speaker_ref, "accuser-as-target", 0.45)  # "X accused Y of shelling"
        if speaker_text is None and roles.sources:
            speaker_text = roles.sources[0].name or roles.sources[0].text
        return modality, speaker_text

    def nearest_actor(
        self, g: _Seg, sent: Any, head: Any, roles: Roles, speaker: ActorRef | None, finder: RoleFinder
    ) -> Role | None:
        """Weak fallback: the closest actor before the trigger in its clause (not a source, speaker or helper)."""
        taken = {id(r.ref) for r in [roles.actor2, *roles.assoc1, *roles.assoc2] if r is not None}
        if speaker is not None:
            taken.add(id(speaker))
        best: tuple[tuple[int, int], ActorRef] | None = None
        clause = {t.i for t in clause_root(head).subtree}
        for i in range(sent.start, head.i):
            if i not in clause:
                continue
            ref = g.refs.get(i)
            if ref is None or ref.implied or is_source(ref) or id(ref) in taken or (ref.inter == 7):
                continue
            if finder.is_unowned(ref) or finder.is_thing_adj(g.ps.doc[i]):
                continue
            key = (0, head.i - i)
            if best is None or key < best[0]:
                best = (key, ref)
        return Role(best[1], "nearest-in-sentence", 0.3) if best else None


def _words(g: _Seg, span: tuple[int, int] | None) -> tuple[str, int, int] | None:
    """A token span of the segment as (text, start, end) in the article."""
    if span is None:
        return None
    doc, base = g.ps.doc, g.ps.segment.start
    first, last = doc[span[0]], doc[span[1] - 1]
    return doc[span[0] : span[1]].text, base + first.idx, base + last.idx + len(last)


def _named_doer(ref: ActorRef | None) -> bool:
    """A named actor: not a generic word ("gunmen"), a source or a bare role."""
    return ref is not None and not ref.implied and not ref.unidentified and not is_source(ref)


def _named_party(ref: ActorRef) -> bool:
    """A named armed or political actor: not a generic word ("gunmen"), a source, a place word or civilians."""
    return _named_doer(ref) and ref.inter in PARTY_INTERS


@rule(
    "extract.parties-named-later",
    phase="article",
    order=10,
    reason='"Fighting killed 16 ... The clashes were between X and Y": a back-reference that names the parties '
    "fills the doer (and target) of the nearest earlier mention of that event type that left them open.",
)
def parties_named_later(mentions: list[Mention], ctx: ArticleContext) -> list[Mention] | None:
    out, changed = list(mentions), False
    for b in ctx.named_later:
        earlier = [k for k, m in enumerate(out) if m.trigger_start < b.start and m.event_type == b.event_type]
        if not earlier:
            continue
        k = max(earlier, key=lambda k: out[k].trigger_start)
        m = out[k]
        if m.actor1 is not None and not m.actor1.unidentified:
            continue
        country = m.location.place.country if m.location and m.location.place else None
        a1 = codes_mod.as_external(b.actor1, country)
        a2 = m.actor2
        if b.actor2 is not None and (a2 is None or a2.unidentified or a2.kind == "civilians"):
            a2 = codes_mod.as_external(b.actor2, country)
        filled = [(f, r) for f, r in (("actor1", a1), ("actor2", a2)) if r is not getattr(m, f) and r is not None]
        evidence = [e for e in m.evidence if e.field not in {f for f, _ in filled}]
        for f, r in filled:
            evidence.append(Evidence(f, r.start, r.end, r.text, *b.sentence, 0.6, "named-later"))
        evidence.append(
            Evidence("rule", *b.trigger, b.word, *b.sentence, RULE_FIRED, "extract.parties-named-later")
        )
        out[k] = dataclasses.replace(m, actor1=a1, actor2=a2, evidence=evidence)
        changed = True
    return out if changed else None


def _one_more(head: Any) -> str | None:
    """ "Another strike hit ..." ("kind"), "..., while another killed two" ("elliptic"): one more of a kind
    already told; None otherwise."""
    if any(c.lower_ in ANOTHER for c in head.children if c.dep_ in ("det", "amod")):
        return "kind"
    if head.pos_ in ("VERB", "AUX") and any(
        c.dep_ == "nsubj" and c.lower_ in ANOTHER and not list(c.children) for c in head.children
    ):
        return "elliptic"
    return None


@rule(
    "extract.another-same-doer",
    phase="article",
    order=20,
    reason='"An X air strike killed ten ... Another air strike killed seven": one more of a kind already told, with '
    "no doer named, has the doer of the latest earlier mention of that kind that names one.",
)
def another_same_doer(mentions: list[Mention], ctx: ArticleContext) -> list[Mention] | None:
    out, changed = list(mentions), False
    for k, m in enumerate(out):
        if m.id not in ctx.another or _named_doer(m.actor1) or m.modality != Modality.OCCURRED:
            continue
        elliptic = ctx.another[m.id] == "elliptic"  # "another killed two": of the kind told before
        earlier = [
            x
            for x in out[:k]
            if x.trigger_start < m.trigger_start
            and _named_doer(x.actor1)
            and x.event_type in CONTESTED_TYPES
            and (elliptic or x.sub_event_type == m.sub_event_type)
        ]
        if not earlier:
            continue
        src = max(earlier, key=lambda x: x.trigger_start)
        a1 = src.actor1
        assert a1 is not None
        evidence = [e for e in m.evidence if e.field != "actor1"]
        evidence.append(Evidence("actor1", a1.start, a1.end, a1.text, src.sentence_start, src.sentence_end, 0.5,
                                 "another-same-doer"))
        evidence.append(Evidence("rule", m.trigger_start, m.trigger_end, m.trigger, m.sentence_start,
                                 m.sentence_end, RULE_FIRED, "extract.another-same-doer"))
        out[k] = dataclasses.replace(m, actor1=a1, evidence=evidence)
        changed = True
    return out if changed else None


#: Generic doers that, made definite ("the attackers"), point back to a doer named before.
BACK_DOERS = _LEX.words("back_reference_doers")
DEFINITE = frozenset({"the", "these", "those"})  # not vocabulary: determiners


def _points_back(ref: ActorRef | None, text: str) -> bool:
    """``ref`` is a definite generic doer ("the attackers", "the assailants"), not a new unknown group."""
    if ref is None or not ref.unidentified:
        return False
    words = ref.text.lower().split()
    if not words or words[-1] not in BACK_DOERS or len(words) > 2:
        return False
    before = text[max(0, ref.start - 12) : ref.start].lower().split()
    return words[0] in DEFINITE or (len(words) == 1 and bool(before) and before[-1] in DEFINITE)


@rule(
    "extract.attackers-named-before",
    phase="article",
    order=30,
    reason='"ISWAP fighters attacked the town ... jets struck the attackers as they fled": a definite generic doer '
    '("the attackers", "the assailants") is the named doer of the latest earlier violent mention.',
)
def attackers_named_before(mentions: list[Mention], ctx: ArticleContext) -> list[Mention] | None:
    out, changed = list(mentions), False
    for k, m in enumerate(out):
        for field in ("actor1", "actor2"):
            ref = getattr(m, field)
            if not _points_back(ref, ctx.text):
                continue
            other = m.actor2 if field == "actor1" else m.actor1
            earlier = [
                x
                for x in out[:k]
                if x.trigger_start < m.trigger_start
                and _named_doer(x.actor1)
                and x.event_type in CONTESTED_TYPES
                and (other is None or x.actor1 is None or x.actor1.name != other.name)
            ]
            if not earlier:
                continue
            src = max(earlier, key=lambda x: x.trigger_start)
            a = src.actor1
            assert a is not None
            named = {
                r.name
                for r in ctx.actors
                if src.sentence_start <= r.start < src.sentence_end and _named_doer(r) and r.inter in (2, 3, 4)
            }
            if len(named - {a.name}) > 0:
                continue  # "X and Y fighters stormed ...": the attackers could be either group
            evidence = [e for e in m.evidence if e.field != field]
            evidence.append(Evidence(field, a.start, a.end, a.text, src.sentence_start, src.sentence_end, 0.5,
                                     "attackers-named-before"))
            evidence.append(Evidence("rule", m.trigger_start, m.trigger_end, m.trigger, m.sentence_start,
                                     m.sentence_end, RULE_FIRED, "extract.attackers-named-before"))
            m = out[k] = dataclasses.replace(m, **{field: a}, evidence=evidence)
            changed = True
    return out if changed else None


def _trigger_span(g: _Seg, hit: Hit) -> tuple[int, int]:
    """The trigger's offsets in the article."""
    doc, base = g.ps.doc, g.ps.segment.start
    last = doc[hit.end - 1]
    return base + doc[hit.start].idx, base + last.idx + len(last)


def _loser_as_target(roles: Roles, more: Roles) -> None:
    """ "took the town after rebels withdrew": the side that withdrew lost it."""
    loser = more.actor1
    if (
        roles.actor2 is None
        and loser is not None
        and (roles.actor1 is None or loser.ref is not roles.actor1.ref)
    ):
        roles.actor2 = loser


def _merge_roles(roles: Roles, more: Roles) -> None:
    """Another trigger of the same event fills what the first left open."""
    if roles.actor1 is not None and more.actor1 is not None and more.actor1.ref is not roles.actor1.ref:
        roles.extra.append(more.actor1)  # "a protest ... police opened fire": two doers of one event
    roles.actor1 = roles.actor1 or more.actor1
    roles.actor2 = roles.actor2 or more.actor2
    roles.extra.extend(more.extra)
    roles.civilian_target = roles.civilian_target or more.civilian_target
    roles.sources.extend(more.sources)
    roles.pronoun_target = roles.pronoun_target or more.pronoun_target
    roles.suspect_target = roles.suspect_target or more.suspect_target
    roles.suspect_group = roles.suspect_group or more.suspect_group
    roles.owner = roles.owner or more.owner
    roles.intervener = roles.intervener or more.intervener
    roles.unnamed_possessor = roles.unnamed_possessor or more.unnamed_possessor
    roles.fired.extend(n for n in more.fired if n not in roles.fired)


def _without_damage_of_attacks(mentions: list[Mention]) -> list[Mention]:
    """ "The militants set fire to the base", "the destruction of the hospital", "gunmen entered the village"
    with an attack told the same day: the damage an attack did and the attackers' movement are part of it."""
    attacks = [m for m in mentions if m.event_type in DAMAGING_TYPES and m.modality == Modality.OCCURRED]
    if not attacks:
        return mentions

    def damage(m: Mention) -> bool:
        if m.sub_event_type not in PART_OF_ATTACK or m.trigger.lower().startswith(PILLAGE):
            return False
        day = m.date.first if m.date and m.date.resolved else None  # a stand-in date (no text) never vetoes
        # weapons are the attackers' spoils only when the text says the attackers took them
        named = m.sub_event_type == "Disrupted weapons use"
        return any(
            (day is None or a.date is None or a.date.first == day)
            and (
                (m.actor1.name == a.actor1.name if named else _same_or_unidentified(m.actor1, a.actor1))
                if m.actor1 is not None and a.actor1 is not None
                else not named
            )
            for a in attacks
        )

    return [m for m in mentions if not damage(m)]


def _same_or_unidentified(a: ActorRef, b: ActorRef) -> bool:
    """One actor, or one side unidentified ("the militants" of an attack by a named group)."""
    return a.name == b.name or a.unidentified or b.unidentified


def _before_news(date: Linked[EventDate] | None, published: Any) -> bool:
    """The text dates the event to days that all end more than a week before publication."""
    d = date.item if date is not None else None
    if d is None or not d.resolved or d.last is None or published is None:
        return False
    return (published - d.last).days > settings().news_window_days


def _declared(head: Any, cue: ModalityCue) -> bool:
    """The trigger is the object of the announcing verb itself ("declared a curfew"), not of a later act."""
    gov = head.head
    return head.dep_ == "dobj" and gov.i == cue.cue_start and gov.lemma_.lower() in DECLARE


def _np_text(tok: Any) -> str | None:
    """A speaker's name: the token and its contiguous name modifiers ("Mohamed Rasheed"); None for pronouns."""
    if tok.pos_ == "PRON":
        return None
    start = tok.i
    while (
        start > 0
        and tok.doc[start - 1].head.i == tok.i
        and tok.doc[start - 1].dep_ in ("compound", "amod", "flat")
    ):
        start -= 1
    return tok.doc[start : tok.i + 1].text[:80]


@rule(
    "extract.running-toll",
    phase="before-typing",
    order=1,
    reason='the trigger is inside a running toll: "the war has killed 250,000"',
)
def running_toll(c: Candidate) -> str | None:
    i = c.tok.i
    return "cumulative-count" if any(start <= i < end for start, end in c.cumulative) else None


@rule(
    "extract.definitional",
    phase="before-typing",
    order=2,
    reason='a trigger noun defined by a copula: "Barrel bombs are oil drums ..."',
)
def definitional(c: Candidate) -> str | None:
    head = c.tok
    gov = head.head
    if (
        head.dep_ == "nsubj"
        and gov.lemma_ == "be"
        and any(d.dep_ == "attr" for d in gov.children)
        and not any(d.dep_ == "det" for d in head.children)
    ):
        return "definitional"
    return None


def extract(
    article: Article,
    parsed: list[ParsedSegment],
    annotations: Annotations,
    triggers: TriggerDictionary,
    dictionary: Any,
) -> list[Mention]:
    """Event mentions of one article (news segments, and captions that state their own date)."""
    return _Extractor(article, annotations, triggers, dictionary).run(parsed)
