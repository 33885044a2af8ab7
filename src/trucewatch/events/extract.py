"""Event mentions from parsed segments and the resolvers' annotations."""

from __future__ import annotations

import dataclasses
from typing import Any

from trucewatch.budget import checkpoint
from trucewatch.events import codes as codes_mod
from trucewatch.events import conventions, link
from trucewatch.events.asides import aside_reason
from trucewatch.events.background import non_event_reason
from trucewatch.events.context import Typed, classify, clause_root
from trucewatch.events.evidence import add_evidence
from trucewatch.events.grouping import TERRITORY_TYPES, WITHDRAWAL_IDS, drop_weak, group
from trucewatch.events.link import Linked, Spanned
from trucewatch.events.modality import ModalityCue, detect
from trucewatch.events.nonevent import (
    given_agreement,
    reference_reason,
    territory_reason,
    withdrawal_subtype,
)
from trucewatch.events.roles import Role, RoleFinder, Roles, is_source
from trucewatch.events.triggers import Hit, TriggerDictionary
from trucewatch.events.unreported import unreported_reason
from trucewatch.model import (
    ACLED_SUBTYPE_PARENT,
    NEWS_SEGMENTS,
    ActorRef,
    Annotations,
    Article,
    Count,
    EventDate,
    Location,
    Mention,
    Modality,
    ParsedSegment,
    SegmentKind,
)

CIVILIAN_WHO = frozenset({"civilians", "civilian", "children", "women", "residents"})
VIOLENT_TYPES = frozenset(
    {"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots", "Protests"}
)
PARTY_INTERS = frozenset({1, 2, 3, 4, 8})
#: Event types whose reports by a party are contested claims.
CONTESTED_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
DECLARE = frozenset({"declare", "announce", "impose", "order"})
#: Event types whose attacks do damage that is part of the attack ("set fire to the base").
DAMAGING_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
#: Sub-types that a trigger's doer decides between (state forces regain, others overtake).
BY_ACTOR_TYPES = frozenset({"Government regains territory", "Non-state actor overtakes territory"})
#: Sub-types that, on the day of an attack by the same doer, are part of it: the damage it did and the
#: fighters' movement ("gunmen entered the village", "set fire to the base").
PART_OF_ATTACK = frozenset({"Looting/property destruction", "Change to group/activity"})
#: Triggers of taking property, an event of its own even during an attack.
PILLAGE = ("loot", "plunder", "pillag", "ransack", "steal", "stole")
#: Days before publication that news reports as current (ACLED's "within a week").
NEWS_WINDOW_DAYS = 7
#: Date links that are not read from the event's own words.
STAND_IN_DATES = frozenset({"publication-date"})


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
    refs: dict[int, ActorRef] = {}
    for s in sorted(_spanned(ann.actors, ps), key=lambda s: s.end - s.start):  # longer refs win
        if facility.issuperset(range(s.start, s.end)):
            continue
        for i in range(s.start, s.end):
            refs[i] = s.item
    actor_tokens = {i for i, r in refs.items() if not r.implied}
    locs = [s for s in all_locs if not actor_tokens.intersection(range(s.start, s.end))]
    return _Seg(ps, refs, locs, _spanned(ann.dates, ps), _spanned(ann.counts, ps))


def _readable(seg: SegmentKind | str) -> bool:
    return seg in NEWS_SEGMENTS


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
        self.lead_date: EventDate | None = None  # the day the article's first dated report of news names
        self.lead_segment = -1  # the paragraph it is named in (its own undated sentences keep their rules)
        self.retreats: set[int] = set()  # trigger offsets of withdrawals that left no place behind

    # --- the article ------------------------------------------------------------------------------
    def run(self, parsed: list[ParsedSegment]) -> list[Mention]:
        segs = [
            _map_segment(ps, self.ann)
            for ps in parsed
            if _readable(ps.segment.kind) or (ps.segment.kind == SegmentKind.CAPTION and ps.segment.own_date)
        ]
        news_locs = [s.item for g in segs if _readable(g.ps.segment.kind) for s in g.locs]
        self.default_loc = link.article_default_location(news_locs)
        out: list[Mention] = []
        for g in segs:
            prev_loc: Location | None = None  # carried to the next sentence of the same paragraph
            for sent in g.ps.doc.sents:
                checkpoint("events")
                found, sent_loc = self.sentence(g, sent, prev_loc)
                out.extend(found)
                prev_loc = sent_loc or prev_loc
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
        doc = g.ps.doc
        counts = [
            s for s in g.counts if sent.start <= s.start < sent.end and id(s.item) not in self.used_counts
        ]
        who = {s.item.who for s in counts if not s.item.cumulative}
        cumulative = [s for s in counts if s.item.cumulative]
        typed: list[tuple[Hit, Typed]] = []
        for hit in self.triggers.find(doc, sent.start, sent.end):
            if any(c.start <= hit.head < c.end for c in cumulative):  # "the war has killed 250,000"
                continue
            if _definitional(doc[hit.head]):
                continue
            if _not_news(doc[hit.head], sent, self.article.published):
                continue
            t = classify(doc, hit, sent, who)
            if t is not None and hit.trigger.id in WITHDRAWAL_IDS:
                sub = withdrawal_subtype(doc[hit.head], t.sub_event_type)
                if sub is None:  # a retreat with no place left behind
                    self.retreats.add(g.ps.segment.start + doc[hit.start].idx)
                t = dataclasses.replace(t, sub_event_type=sub or t.sub_event_type)
            if t is not None:
                typed.append((hit, t))
        sent_locs = [s for s in g.locs if sent.start <= s.start < sent.end]
        here_loc = sent_locs[0].item if sent_locs else None
        if not typed:
            return [], here_loc
        typed = drop_weak(doc, typed)
        # after weak triggers gave way: "attacks killed 70" goes as a whole when "attacks" is no event
        typed = [
            (h, t)
            for h, t in typed
            if reference_reason(doc[h.head], sent) is None
            and territory_reason(doc[h.head], t.sub_event_type) is None
            and aside_reason(doc[h.head], t.sub_event_type, h.trigger.person) is None
        ]
        if not typed:
            return [], here_loc
        groups = group(doc, typed)
        finder = g.finder = g.finder or RoleFinder(doc, g.refs)
        heads = [doc[grp[0][0].head] for grp in groups]
        by_trigger = link.assign_counts(doc, heads, counts)
        mentions: list[Mention] = []
        for k, grp in enumerate(groups):
            m = self.mention(g, sent, grp, finder, by_trigger.get(k, []), prev_loc)
            if m is not None:
                mentions.append(m)
        return mentions, here_loc

    def mention(
        self,
        g: _Seg,
        sent: Any,
        grp: list[tuple[Hit, Typed]],
        finder: RoleFinder,
        counts: list[Spanned[Count]],
        prev_loc: Location | None,
    ) -> Mention | None:
        doc, seg = g.ps.doc, g.ps.segment
        hit, typed = grp[0]
        head = doc[hit.head]
        trig = hit.trigger
        s_abs = (seg.start + sent.start_char, seg.start + sent.end_char)
        t_start, t_end = (
            seg.start + doc[hit.start].idx,
            seg.start + doc[hit.end - 1].idx + len(doc[hit.end - 1]),
        )
        roles = finder.find(head, symmetric=trig.symmetric, prep1=trig.prep_actor1, prep2=trig.prep_actor2)
        for other, _ in grp[1:]:
            more = finder.find(
                doc[other.head],
                symmetric=other.trigger.symmetric,
                prep1=other.trigger.prep_actor1,
                prep2=other.trigger.prep_actor2,
            )
            if other.trigger.id in WITHDRAWAL_IDS and typed.sub_event_type in TERRITORY_TYPES:
                loser = more.actor1  # "took the town after rebels withdrew": the side that withdrew lost it
                if (
                    roles.actor2 is None
                    and loser is not None
                    and (roles.actor1 is None or loser.ref is not roles.actor1.ref)
                ):
                    roles.actor2 = loser
                continue
            if (
                roles.actor1 is not None
                and more.actor1 is not None
                and more.actor1.ref is not roles.actor1.ref
            ):
                roles.extra.append(more.actor1)  # "a protest ... police opened fire": two doers of one event
            roles.actor1 = roles.actor1 or more.actor1
            roles.actor2 = roles.actor2 or more.actor2
            roles.extra.extend(more.extra)
            roles.civilian_target = roles.civilian_target or more.civilian_target
            roles.sources.extend(more.sources)
            roles.pronoun_target = roles.pronoun_target or more.pronoun_target
        cue = detect(head, sent)
        violent = ACLED_SUBTYPE_PARENT[typed.sub_event_type] in CONTESTED_TYPES
        modality, attributed = self.attribute(cue, roles, finder, sent, violent)
        if modality == Modality.ANNOUNCED and not violent and _declared(head, cue):
            modality = Modality.OCCURRED  # "declared a state of emergency": the declaration is the event
        if roles.actor1 is None and not roles.unowned_agent:
            speaker = finder.np_actor(doc[cue.speaker]) if cue.speaker is not None else None
            roles.actor1 = self.nearest_actor(g, sent, head, roles, speaker, finder)
        if trig.armed_actor and not self.armed(roles, head, g.refs):
            return None  # "residents arrived in the town": movement is an event only for armed forces
        sub = typed.sub_event_type
        if trig.by_actor and sub in BY_ACTOR_TYPES:  # a context rule's other sub-type (seized weapons) stands
            a1 = roles.actor1.ref if roles.actor1 else None
            if a1 is not None and roles.actor1 and roles.actor1.confidence >= 0.5:
                state = a1.inter == 1 or (a1.side or "") == "government"
                sub = trig.by_actor["state" if state else "non_state"]
        # place, date
        caption = seg.kind == SegmentKind.CAPTION
        loc = link.best_location(doc, head, sent, g.locs)
        if loc is None and prev_loc is not None:
            loc = Linked(prev_loc, "previous-sentence", 0.35)
        if loc is None and self.default_loc is not None and not caption:
            loc = Linked(self.default_loc, "article-most-frequent", 0.2)
        date = link.count_date(doc, head, counts, g.dates) or link.best_date(doc, head, sent, g.dates)
        if date is None and caption and seg.own_date:
            date = Linked(link.own_date(seg.own_date), "caption-own-date", 0.6)
        if date is None and self.lead_date is not None and not caption and seg.start != self.lead_segment:
            # "ISWAP attacked the base on Sunday ... Jets attacked the attackers as they fled": the story's day
            date = Linked(self.lead_date, "article-lead-date", 0.35)
        if date is None and self.article.published is not None and not caption:
            date = Linked(link.publication_date(self.article.published), "publication-date", 0.3)
        self._note_lead_date(date, caption, seg.start)
        if sub == "Agreement" and given_agreement(head) and _before_news(date, self.article.published):
            return None  # "The truce came into effect in February": the history of a known agreement
        if date is not None and date.method not in STAND_IN_DATES and _before_news(date, self.article.published):
            return None  # "In July, a car bomb killed 300": the text dates it to before the news; background
        country = loc.item.place.country if loc and loc.item.place else None
        # victims
        if roles.actor2 is None:
            civ = [s for s in counts if s.item.who in CIVILIAN_WHO]
            if civ:
                where = country or (roles.actor1.ref.country if roles.actor1 else None)
                c0 = civ[0].item
                ref = conventions.generic_ref("civilians", where, self.dictionary, c0.text, c0.start, c0.end)
                roles.actor2 = Role(ref, "victims-count", 0.6)
        conventions.apply(
            roles, sub, country, self.dictionary, (doc[hit.start : hit.end].text, t_start, t_end)
        )
        for r in (roles.actor1, roles.actor2):  # generic actors move to the country of the event's place
            if r is not None:
                r.ref = conventions.relocate(r.ref, country, self.dictionary) or r.ref
        a1 = codes_mod.as_external(roles.actor1.ref, country) if roles.actor1 else None
        a2 = codes_mod.as_external(roles.actor2.ref, country) if roles.actor2 else None
        # weapon and codes
        rule = typed.rule
        weapon = (rule.weapon if rule and rule.weapon else None) or trig.weapon
        clause_lemmas = frozenset(t.lemma_.lower() for t in clause_root(head).subtree)
        words = (trig.id, *[t.lemma_.lower() for t in doc[hit.start : hit.end]])
        c = codes_mod.codes_for(sub, weapon=weapon, trigger_words=words, clause_lemmas=clause_lemmas)
        cameo = rule.cameo if rule and rule.cameo else c.cameo
        mode = rule.plover_mode if rule and rule.plover_mode else c.plover_mode
        m = Mention(
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
            cameo=cameo,
            plover=c.plover,
            plover_mode=mode,
            weapon=weapon,
            id=Mention.make_id(self.article.id, t_start, t_end),
            article_id=self.article.id,
            segment=seg.kind,
            sentence=sent.text,
            sentence_start=s_abs[0],
            sentence_end=s_abs[1],
            trigger_start=t_start,
            trigger_end=t_end,
        )
        for s in counts:
            self.used_counts.add(id(s.item))
        add_evidence(self.article.text, m, g.ps.doc, seg.start, s_abs, typed, roles, cue, loc, date, counts)
        # an unattributed doer ("a suicide bomber") is a known unknown, not a missed actor
        parts = [
            typed.confidence,
            roles.actor1.confidence if roles.actor1 else (0.8 if roles.unowned_agent else 0.3),
        ]
        m.confidence = round(sum(parts) / len(parts), 3)
        return m

    def _note_lead_date(self, date: Linked[EventDate] | None, caption: bool, segment: int) -> None:
        """Keep the first day a news sentence states, when it is in the week before publication."""
        pub = self.article.published
        if self.lead_date is not None or caption or date is None or pub is None:
            return
        d = date.item
        if d.resolved and d.time_precision == 1 and d.first is not None and 0 <= (pub - d.first).days <= 7:
            if date.method not in ("publication-date", "caption-own-date"):
                # a stand-in (no text of its own): it never vetoes a merge, as the publication date does not
                note = "no date in the sentence: the article's lead date used"
                self.lead_date = dataclasses.replace(d, text="", start=0, end=0, resolved=False, note=note)
                self.lead_segment = segment

    def protest_outcome(self, m: Mention, segs: list[_Seg]) -> Mention:
        """A protest whose paragraph goes on to tell lethal force by police or troops ("... protested. Police
        opened fire, killing two") is excessive force against protesters; one dispersed or arrested, a protest
        with intervention."""
        if m.sub_event_type not in ("Peaceful protest", "Protest with intervention"):
            return m
        seg = next((g.ps for g in segs if g.ps.segment.start <= m.sentence_start < g.ps.segment.end), None)
        if seg is None:
            return m
        lemmas = {t.lemma_.lower() for t in seg.doc}
        text = seg.segment.text.lower()
        words = self.triggers.words

        def said(name: str) -> bool:
            return any((w in lemmas) if " " not in w else (w in text) for w in words.get(name, ()))

        forces = said("police_action") or said("combatant") or "police" in lemmas
        if said("lethal_force") and forces and any(w in lemmas for w in ("kill", "dead", "die", "shoot", "wound")):
            sub = "Excessive force against protesters"
        elif said("police_action") and m.sub_event_type == "Peaceful protest":
            sub = "Protest with intervention"
        else:
            return m
        return dataclasses.replace(m, sub_event_type=sub, event_type=ACLED_SUBTYPE_PARENT[sub])

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
            cue.kind in ("claim", "deny", "threat", "plan", "modal")
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


def _without_damage_of_attacks(mentions: list[Mention]) -> list[Mention]:
    """ "The militants set fire to the base", "the destruction of the hospital", "gunmen entered the village"
    with an attack told the same day: the damage an attack did and the attackers' movement are part of it."""
    attacks = [m for m in mentions if m.event_type in DAMAGING_TYPES and m.modality == Modality.OCCURRED]
    if not attacks:
        return mentions

    def damage(m: Mention) -> bool:
        if m.sub_event_type not in PART_OF_ATTACK or m.trigger.lower().startswith(PILLAGE):
            return False
        day = m.date.first if m.date else None
        return any(
            (day is None or a.date is None or a.date.first == day)
            and (m.actor1 is None or a.actor1 is None or (m.actor1.name == a.actor1.name))
            for a in attacks
        )

    return [m for m in mentions if not damage(m)]


def _before_news(date: Linked[EventDate] | None, published: Any) -> bool:
    """The text dates the event to days that all end more than a week before publication."""
    d = date.item if date is not None else None
    if d is None or not d.resolved or d.last is None or published is None:
        return False
    return (published - d.last).days > NEWS_WINDOW_DAYS


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


def _definitional(head: Any) -> bool:
    """ "Barrel bombs are oil drums ...": a trigger noun defined by a copula is no event."""
    gov = head.head
    return (
        head.dep_ == "nsubj"
        and gov.lemma_ == "be"
        and any(c.dep_ == "attr" for c in gov.children)
        and not any(c.dep_ == "det" for c in head.children)
    )


def _not_news(head: Any, sent: Any, published: Any) -> bool:
    """Attributive, absent, background, habitual or comparative uses of a trigger report no event.

    "No air strikes were reported" is kept: it is the negated event the modality stage marks.
    """
    reason = non_event_reason(head, sent, published) or unreported_reason(head, sent)
    if reason == "absence" and any(c.lower_ == "no" and c.dep_ == "det" for c in head.children):
        return False
    return reason is not None


def extract(
    article: Article,
    parsed: list[ParsedSegment],
    annotations: Annotations,
    triggers: TriggerDictionary,
    dictionary: Any,
) -> list[Mention]:
    """Event mentions of one article (news segments, and captions that state their own date)."""
    return _Extractor(article, annotations, triggers, dictionary).run(parsed)
