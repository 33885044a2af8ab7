"""Reference, tally and irrealis rules: trigger words that tell no new, single, real event.

"The fighting is not a breach ...", "before the protest" (a back-reference to an event told
elsewhere); "weeks of sit-ins", "a series of attacks in recent months" (tallies of many events);
"has killed hundreds since March" (a running toll); "would keep fighting", "whether they will
accept", "the right to fight" (acts that are not asserted). ``reference_reason`` reads only the
dependency parse, morphology and DATE/TIME entities, with small lexicons of function words.
The extractor applies it after weak triggers gave way, so "attacks killed 70" goes as a whole.
"""

from __future__ import annotations

from typing import Any

from trucewatch.events.background import ABSENCE_NOUNS, HABITUAL_ADVERBS
from trucewatch.events.grammar import (
    DEFINITE,
    TIME_ENTS,
    VERBISH,
    Candidate,
    definite_or_possessed,
    first_conjunct,
    governing_verb,
    headline_like,
    module_reason,
    tense,
    time_texts,
)
from trucewatch.events.grouping import TERRITORY_TYPES
from trucewatch.events.modality import (
    ACCUSE,
    CLAIM,
    CONDITIONAL,
    DENY,
    FUTURE_AUX,
    MODAL_AUX,
    PLAN,
    SPEECH,
)
from trucewatch.lexicon import lexicon
from trucewatch.rules import rule

_LEX = lexicon()
TEMPORAL_PREPS = _LEX.words("temporal_prepositions")
HALT_VERBS = _LEX.words("halt_verbs")
CONTINUE_VERBS = _LEX.words("continue_verbs")
EXPECT_VERBS = _LEX.words("expect_verbs")
DEONTIC_NOUNS = _LEX.words("deontic_nouns")
ATTEMPT_VERBS = _LEX.words("attempt_verbs")
FREQUENCY_ADJ = _LEX.words("frequency_adjectives")
EARLIER_ADVERBS = _LEX.words("earlier_adverbs")
FOR_FRAMES = _LEX.words("for_frame_nouns")
BLAME_FRAMES: dict[str, frozenset[str]] = {
    verb: frozenset(preps) for verb, preps in _LEX.mapping("blame_frames").items()
}
WHOLE_QUANTIFIERS = _LEX.words("whole_quantifiers")
PERIOD = _LEX.regex("recent_period")
SHORT_UNITS = _LEX.words("short_period_units")
LONG_UNITS = _LEX.words("long_period_units")
THIS_PERIOD = _LEX.regex("this_period")
FOCUS_ONLY = _LEX.words("focus_only_adverbs")
REACTION_VERBS = _LEX.words("reaction_verbs")
PART_QUANTIFIERS = _LEX.words("part_quantifiers")
CASE_NOUNS = _LEX.words("case_nouns")
FORCE_NOUNS = _LEX.words("force_nouns")
ANCHOR_PREPS = _LEX.words("past_anchor_prepositions")
EARLIER_ADJ = _LEX.words("earlier_adjectives")
ANCHOR_UNITS = _LEX.words("anchor_units")
UNTIL = _LEX.words("until_words")
_PLAIN_DEPS = frozenset({"det", "predet", "punct", "compound"})  # not vocabulary


def reference_reason(tok: Any, sent: Any) -> str | None:
    """Why the trigger headed by ``tok`` tells no new single event, or None (the first of this module's
    "reference" rules that fires, territory rules aside). Reasons: "back-reference", "role-noun", "halted",
    "purpose", "period-of", "aggregate-period", "habitual", "generic", "state", "irrealis", "cumulative",
    "background-earlier", "background-since"."""
    return module_reason("reference", __name__, Candidate(tok, sent))


def territory_reason(tok: Any, sub_event_type: str) -> str | None:
    """Territory changes that are attempts or sums over many places ("tried to seize", "retook most of"),
    and agreements named only as the frame of something else ("under the agreement")."""
    c = Candidate(tok, tok.sent, sub=sub_event_type)
    return agreement_frame(c) or territory_attempt(c) or territory_aggregate(c)


# --- reference rules, in their order ----------------------------------------


@rule(
    "reference.such-or-definite",
    phase="reference",
    order=10,
    reason='a definite or "such" event noun told elsewhere: "such attacks", "before the protest"',
)
def such_or_definite(c: Candidate) -> str | None:
    return "back-reference" if _back_reference(c.tok) else None


@rule(
    "reference.reaction",
    phase="reference",
    order=15,
    reason='an event already told that someone reacts to: "condemned the attack", "confirmed the assault"',
)
def reaction(c: Candidate) -> str | None:
    tok = first_conjunct(c.tok)
    if tok.dep_ != "dobj" or tok.pos_ != "NOUN" or tok.head.lemma_.lower() not in REACTION_VERBS:
        return None
    dets = [d for d in tok.children if d.dep_ in ("det", "predet")]
    return "back-reference" if dets and dets[0].lower_ in DEFINITE else None


@rule(
    "reference.earlier-event",
    phase="reference",
    order=17,
    reason='an event noun called earlier than the news: "at the site of a recent bombing", "a prior clash"',
)
def earlier_event(c: Candidate) -> str | None:
    tok = c.tok
    if tok.pos_ != "NOUN":
        return None
    return "background-earlier" if any(d.dep_ == "amod" and d.lower_ in EARLIER_ADJ for d in tok.children) else None


@rule(
    "reference.one-of",
    phase="reference",
    order=16,
    reason='one of a set of events already told: "at the scene of one of the attacks"',
)
def one_of(c: Candidate) -> str | None:
    tok = c.tok
    if tok.dep_ != "pobj" or tok.tag_ not in ("NNS", "NNPS") or tok.head.lower_ != "of":
        return None
    part = tok.head.head
    if part.lower_ not in PART_QUANTIFIERS and part.tag_ != "CD":
        return None
    if part.dep_ != "pobj":  # "in/at the scene of one of the attacks"; not "some of the rockets were intercepted"
        return None
    dets = [d for d in tok.children if d.dep_ in ("det", "poss")]
    superlative = any(d.tag_ == "JJS" or d.lower_ in ("most", "worst") for d in tok.children)
    definite = bool(dets) and (dets[0].dep_ == "poss" or dets[0].lower_ in DEFINITE)
    return "back-reference" if definite and not superlative else None


@rule(
    "reference.counted-cases",
    phase="reference",
    order=75,
    reason='incidents counted, not told: "documented 21 cases where people were killed"',
)
def counted_cases(c: Candidate) -> str | None:
    verb = c.verb
    if verb is None or verb.dep_ != "relcl":
        return None
    noun = verb.head
    if noun.lemma_.lower() not in CASE_NOUNS:
        return None
    counted = noun.tag_ in ("NNS", "NNPS") or any(d.dep_ == "nummod" for d in noun.children)
    return "aggregate" if counted else None


@rule(
    "reference.until",
    phase="reference",
    order=165,
    reason='a past-perfect stretch that ran until a later point: "fighting had raged until the truce began"',
)
def until(c: Candidate) -> str | None:
    verb = c.verb
    if verb is None or verb.tag_ != "VBN":
        return None
    if not any(a.dep_ == "aux" and a.lower_ in ("had", "'d") for a in verb.children):
        return None
    words = " ".join(t.lower_ for t in verb.subtree)
    return "background-until" if any(f" {w} " in f" {words} " for w in UNTIL) else None


@rule(
    "reference.blamed",
    phase="reference",
    order=20,
    reason='an event already told whose cause is argued: "blamed the fighting on X"',
)
def blamed(c: Candidate) -> str | None:
    return "back-reference" if _blamed(c.tok) else None


@rule(
    "reference.role-noun",
    phase="reference",
    order=30,
    reason='a predicate noun names a role: "accused him of being a suicide bomber"',
)
def role_noun(c: Candidate) -> str | None:
    tok = c.tok
    return "role-noun" if tok.dep_ == "attr" and tok.head.lemma_ == "be" and tok.pos_ == "NOUN" else None


@rule(
    "reference.halted",
    phase="reference",
    order=40,
    reason='an act that stops or is kept away: "would stop combat operations", "spared from air raids"',
)
def halted(c: Candidate) -> str | None:
    if _stopped_by_force(c):
        return None  # "police stopped the march": the protest took place and was broken up
    return "halted" if _halted(c.tok) else None


def _stopped_by_force(c: Candidate) -> bool:
    """A protest that police or troops stop, block or break up: an intervention, not a halt."""
    if not c.sub.startswith(("Peaceful protest", "Protest with")):
        return False
    gov = first_conjunct(c.tok).head
    return any(
        d.dep_ == "nsubj" and any(t.lemma_.lower() in FORCE_NOUNS for t in d.subtree) for d in gov.children
    )


@rule(
    "reference.purpose",
    phase="reference",
    order=50,
    reason='the act is looked for, not done: "searching for explosives"',
)
def purpose(c: Candidate) -> str | None:
    return "purpose" if _purpose(c.tok) else None


@rule(
    "reference.period-of", phase="reference", order=60, reason='a stretch of an activity: "weeks of sit-ins"'
)
def period_of(c: Candidate) -> str | None:
    return "period-of" if _period_of(c.tok) else None


@rule(
    "reference.over-period",
    phase="reference",
    order=70,
    reason='many events over a period: "a series of attacks in recent months"',
)
def over_period(c: Candidate) -> str | None:
    return "aggregate-period" if _over_period(c.tok, c.verb) else None


@rule(
    "reference.frequent",
    phase="reference",
    order=80,
    reason='a plural with an adjective of frequency: "frequent clashes"',
)
def frequent(c: Candidate) -> str | None:
    tok = c.tok
    if tok.tag_ in ("NNS", "NNPS") and any(
        c.dep_ == "amod" and c.lower_ in FREQUENCY_ADJ for c in tok.children
    ):
        return "habitual"
    return None


@rule(
    "reference.habitual-passive",
    phase="reference",
    order=90,
    reason='a present passive with a frequency adverb: "are reported almost daily"',
)
def habitual_passive(c: Candidate) -> str | None:
    verb = c.verb
    return "habitual" if verb is not None and _habitual_passive(verb, c.sent) else None


@rule(
    "reference.habitual-conjunct",
    phase="reference",
    order=100,
    reason='a habit adverb covering both verbs: "still raids villages and sends bombers"',
)
def habitual_conjunct(c: Candidate) -> str | None:
    verb = c.verb
    return "habitual" if verb is not None and _habitual_conjunct(c.tok, verb, c.sent) else None


@rule(
    "reference.policy",
    phase="reference",
    order=110,
    reason='a general claim or denial with no date: "says its jets hit only militants"',
)
def policy(c: Candidate) -> str | None:
    verb = c.verb
    return "generic" if verb is not None and _policy_statement(verb, c.sent) else None


@rule(
    "reference.state-under",
    phase="reference",
    order=120,
    reason='a present-tense state: "people live under siege"',
)
def state_under(c: Candidate) -> str | None:
    return "state" if _state_under(c.tok, c.verb, c.sent) else None


@rule(
    "reference.recurring",
    phase="reference",
    order=130,
    reason='a time phrase that recurs: "holds marches every Sunday"',
)
def recurring(c: Candidate) -> str | None:
    return "habitual" if _recurring(c.tok, c.verb) else None


@rule(
    "reference.irrealis",
    phase="reference",
    order=140,
    reason="an act asked about, set as a condition, continued in future, expected or permitted",
)
def irrealis(c: Candidate) -> str | None:
    return "irrealis" if _irrealis(c.tok, c.verb, c.sent) else None


@rule(
    "reference.running-toll",
    phase="reference",
    order=150,
    reason='a running toll or campaign: "fighting has killed hundreds since March"',
)
def running_toll(c: Candidate) -> str | None:
    verb = c.verb
    return "cumulative" if verb is not None and _running_toll(c.tok, verb) else None


@rule(
    "reference.earlier",
    phase="reference",
    order=160,
    reason='a perfect clause told as history: "has been hit by chlorine before"',
)
def earlier(c: Candidate) -> str | None:
    verb = c.verb
    return "background-earlier" if verb is not None and _earlier(verb) else None


@rule(
    "reference.when-of-since",
    phase="reference",
    order=170,
    reason='the "when" clause of a past anchor: "the deadliest since February, when ..."',
)
def when_since(c: Candidate) -> str | None:
    return "background-since" if when_of_since(c.tok, c.sent) else None


# --- territory rules (after the reference rules) ------------------------------


@rule(
    "territory.agreement-frame",
    phase="reference",
    order=210,
    reason='an agreement named as the frame of something else: "banned under the peace agreement"',
)
def agreement_frame(c: Candidate) -> str | None:
    tok = c.tok
    if c.sub == "Agreement" and tok.dep_ == "pobj" and tok.head.lower_ == "under":
        return "agreement-frame"
    return None


@rule(
    "reference.agreement-anchor",
    phase="reference",
    order=215,
    reason='an agreement named only to date another event: "killed hours after the two powers reached a deal"',
)
def agreement_anchor(c: Candidate) -> str | None:
    if c.sub != "Agreement":
        return None
    tok = c.tok
    if tok.dep_ == "pobj" and _counted_from(tok.head):
        return "agreement-anchor"  # "hours after the peace deal"
    verb = c.verb
    if verb is None or verb.dep_ not in ("advcl", "ROOT"):  # a headline's clause may be parsed as the root
        return None
    marked = any(m.dep_ == "mark" and _counted_from(m) for m in verb.children)
    return "agreement-anchor" if marked else None


def _counted_from(prep: Any) -> bool:
    """ "hours after", "days before": a time counted from another event (the anchor) by a unit just before."""
    if prep.lower_ not in ANCHOR_PREPS | {"before"} or prep.i == 0:
        return False
    return prep.doc[prep.i - 1].lemma_.lower() in ANCHOR_UNITS


@rule(
    "reference.perfect-deployment",
    phase="reference",
    order=216,
    reason='a deployment in the present perfect with no date: "has deployed thousands of soldiers to the south"',
)
def perfect_deployment(c: Candidate) -> str | None:
    if c.sub != "Change to group/activity" or c.verb is None or tense(c.verb) != "present-perfect":
        return None
    return None if any(e.label_ in TIME_ENTS for e in c.sent.ents) else "background-state"


@rule(
    "territory.attempt",
    phase="reference",
    order=220,
    reason='a change of control only tried: "tried to seize the town"',
)
def territory_attempt(c: Candidate) -> str | None:
    tok = c.tok
    if c.sub in TERRITORY_TYPES and tok.dep_ == "xcomp" and tok.head.lemma_.lower() in ATTEMPT_VERBS:
        return "attempt"
    return None


@rule(
    "territory.aggregate",
    phase="reference",
    order=230,
    reason='a sum over many places: "retook most of the towns"',
)
def territory_aggregate(c: Candidate) -> str | None:
    if c.sub not in TERRITORY_TYPES:
        return None
    for d in c.tok.children:
        if (
            d.dep_ == "dobj"
            and d.lemma_.lower() in WHOLE_QUANTIFIERS
            and any(g.dep_ == "prep" and g.lower_ == "of" for g in d.children)
        ):
            return "aggregate-territory"
    return None


def given_agreement(tok: Any) -> bool:
    """ "The ceasefire came into effect ...", "signed the deal ...": the agreement is named as one the
    reader already knows (a definite or possessive noun as subject or object of the trigger verb)."""
    if tok.pos_ not in VERBISH:
        return False
    nouns = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")]
    if tok.dep_ == "relcl":  # "the truce, which came into effect ..."
        nouns.append(tok.head)
    return any(n.pos_ == "NOUN" and definite_or_possessed(n) for n in nouns)


# --- helpers ------------------------------------------------------------------------------------


def _word_in(tok: Any, words: frozenset[str]) -> bool:
    """Lemma or form in ``words`` (the tagger's lemma is not always right: "spared" -> "spar")."""
    return tok.lemma_.lower() in words or tok.lower_ in words


def _has_modal(verb: Any) -> bool:
    return any(
        c.dep_ in ("aux", "auxpass") and (c.lower_ in FUTURE_AUX or c.lower_ in MODAL_AUX)
        for c in verb.children
    )


def _bare_definite(tok: Any) -> bool:
    """ "the fighting", "these attacks": a definite event noun with nothing that would identify a new event."""
    if tok.pos_ != "NOUN":
        return False
    dets = [c for c in tok.children if c.dep_ in ("det", "predet")]
    if not dets or dets[0].lower_ not in DEFINITE:
        return False
    return all(c.dep_ in _PLAIN_DEPS or (c.dep_ == "amod" and c.tag_ == "JJ") for c in tok.children)


def _back_reference(tok: Any) -> bool:
    """ "such attacks", "the fighting is not a breach", "the attacks would disrupt supplies",
    "before the protest", "described the capture as a model"."""
    if tok.pos_ == "NOUN" and any(
        c.lower_ == "such" and c.dep_ in ("amod", "det", "predet") for c in tok.children
    ):
        return True
    if not _bare_definite(tok):
        return False
    head = tok.head
    if tok.dep_ in ("nsubj", "nsubjpass"):
        return (
            head.lemma_ == "be"
            and any(c.dep_ in ("attr", "acomp") for c in head.children)
            or _has_modal(head)
        )
    if tok.dep_ == "pobj":
        return head.lower_ in TEMPORAL_PREPS
    if tok.dep_ == "dobj":
        return any(c.dep_ == "prep" and c.lower_ == "as" for c in head.children)  # "described X as ..."
    return False


def _blamed(tok: Any) -> bool:
    """ "blame the fighting on X", "attributed these attacks to Y": a definite event noun whose cause is
    argued; the event was told before and is not told again (the parser may hang "on X" on the noun)."""
    head = tok.head
    preps = BLAME_FRAMES.get(head.lemma_.lower())
    if preps is None or tok.dep_ != "dobj" or tok.pos_ != "NOUN":
        return False
    dets = [c for c in tok.children if c.dep_ in ("det", "predet")]
    if not dets or dets[0].lower_ not in DEFINITE:
        return False
    return any(c.dep_ == "prep" and c.lower_ in preps for c in [*head.children, *tok.children])


def _halted(tok: Any) -> bool:
    """ "would stop combat operations", "has reduced the fighting", "the bombs stop falling",
    "spared from air raids", "consider a halt to the fighting"."""
    cur = tok
    for _ in range(3):
        gov = cur.head
        if gov.i == cur.i:
            return False
        if cur.dep_ in ("dobj", "xcomp", "nsubj", "nsubjpass") and _word_in(gov, HALT_VERBS):
            return True
        if cur.dep_ in ("pobj", "pcomp") and gov.lower_ == "from" and _word_in(gov.head, HALT_VERBS):
            return True
        if cur.dep_ == "pobj" and gov.head.pos_ in VERBISH:  # "consider a halt to the fighting"
            preps = (
                ABSENCE_NOUNS.get(o.lemma_.lower())
                for o in gov.head.children
                if o.dep_ == "dobj" and o.i < gov.i
            )
            if any(p is not None and gov.lower_ in p for p in preps):
                return True
        if cur.dep_ in ("compound", "dobj", "xcomp") and gov.pos_ == "NOUN" or cur.dep_ == "compound":
            cur = gov
            continue
        return False
    return False


def _purpose(tok: Any) -> bool:
    """ "combing the areas for mines", "searching for explosives": the act is looked for, not done."""
    cur = first_conjunct(tok)
    if cur.dep_ != "pobj" or cur.head.lower_ != "for":
        return False
    gov = cur.head.head
    lemma = gov.lemma_.lower()
    if lemma in FOR_FRAMES or lemma in ACCUSE or lemma in CLAIM:
        return False
    return gov.pos_ in VERBISH or (gov.pos_ == "NOUN" and gov.dep_ == "dobj")


#: Verbs of death ("kill", "die"): a stretch of fighting that deaths are told in is not background.
_DEATH_VERBS = frozenset(k for k, v in _LEX.mapping("victim_object_verbs").items() if v == "killed") | frozenset(
    k for k, v in _LEX.mapping("victim_subject_words").items() if v == "killed"
)


def _period_of(tok: Any) -> bool:
    """ "weeks of sit-ins", "the final day of fighting": the noun names a stretch of an activity."""
    cur = first_conjunct(tok)
    if cur.dep_ not in ("pobj", "pcomp") or cur.head.lower_ != "of":
        return False
    span = cur.head.head
    if span.ent_type_ not in TIME_ENTS or span.pos_ != "NOUN":
        return False
    if span.dep_ == "pobj" and span.head.head.pos_ == "VERB" and span.head.head.lemma_.lower() in _DEATH_VERBS:
        return False  # "30 fighters were killed in the first hours of the battle": deaths told in it are news
    # "three days of fighting" can be one battle; weeks and months of it, or "the last day of" it, are not
    return span.lemma_.lower() in LONG_UNITS or any(
        c.dep_ == "det" and c.lower_ == "the" for c in span.children
    )


def _over_period(tok: Any, verb: Any | None) -> bool:
    """ "claimed a series of attacks in recent months", "recorded 400 explosions in the past 24 hours"."""
    holders = [tok] if verb is None or verb.i == tok.i else [tok, verb]
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.pos_ == "NOUN":
        holders.append(tok.head.head)  # "a wave of bombings this year": the time hangs on the quantity
    plural = tok.tag_ in ("NNS", "NNPS")
    counted = plural and any(c.dep_ == "nummod" for c in tok.children)
    perfect = verb is not None and tense(verb) == "present-perfect"
    for holder in holders:
        for c in holder.children:
            if c.dep_ not in ("prep", "npadvmod", "advmod", "tmod"):  # not vocabulary
                continue
            for text in time_texts(c.subtree, holder.doc):
                found = PERIOD.search(text)
                # "in the past 24 hours" sums incidents only when they are counted: "400 explosions"
                if found and (found.group(1).lower() not in SHORT_UNITS or counted):
                    return True
                if (plural or perfect) and THIS_PERIOD.search(text):
                    return True
    return False


def _habitual_passive(verb: Any, sent: Any) -> bool:
    """ "exchanges of fire are reported almost daily": a present passive with a frequency adverb."""
    if tense(verb) != "present-passive" or headline_like(sent):
        return False
    return any(c.dep_ == "advmod" and c.lower_ in HABITUAL_ADVERBS for c in verb.children)


def _habitual_conjunct(tok: Any, verb: Any, sent: Any) -> bool:
    """ "the group still raids villages and sends bombers into markets": the adverb covers both verbs."""
    if tok.dep_ in ("nsubj", "nsubjpass") or verb.dep_ != "conj" or headline_like(sent):
        return False
    head = verb.head
    if tense(verb) != "present" or tense(head) != "present":
        return False
    return any(c.dep_ == "advmod" and c.lower_ in HABITUAL_ADVERBS for c in head.children)


def _policy_statement(verb: Any, sent: Any) -> bool:
    """ "the ministry says its jets hit only militant groups", "the army denies using such bombs":
    a present-tense general claim or denial with no date."""
    gov = verb.head
    if tense(gov) != "present" or headline_like(sent) or gov.i == verb.i:
        return False
    tokens = list(verb.subtree)
    if any(t.ent_type_ in TIME_ENTS for t in tokens):
        return False
    if gov.lemma_.lower() in DENY and verb.tag_ == "VBG" and verb.dep_ in ("xcomp", "pcomp", "dobj"):
        # a habitual denial: "the government denies using barrel bombs" (no definite target or name)
        return not any(
            (t.dep_ == "det" and t.lower_ in DEFINITE) or t.pos_ == "PROPN" for t in tokens if t.i != verb.i
        )
    if verb.dep_ != "ccomp" or gov.lemma_.lower() not in SPEECH:
        return False
    return any(t.dep_ == "advmod" and t.lower_ in FOCUS_ONLY for t in tokens)


def _recurring(tok: Any, verb: Any | None) -> bool:
    """ "holds marches every Sunday", "shelled each night": a time phrase that recurs.

    A plan of recurring acts ("they plan rallies every Friday") is an announcement and stays."""
    if verb is not None and (verb.lemma_.lower() in PLAN or _has_modal(verb)):
        return False
    for holder in [tok] if verb is None or verb.i == tok.i else [tok, verb]:
        for c in holder.children:
            timed = c.ent_type_ in TIME_ENTS or c.dep_ in ("npadvmod", "tmod")
            if timed and any(d.dep_ == "det" and d.lower_ in ("every", "each") for d in c.children):
                return True
    return False


def _state_under(tok: Any, verb: Any | None, sent: Any) -> bool:
    """ "people live under siege": a present-tense state, not an event."""
    if verb is None or tok.dep_ != "pobj" or tok.head.lower_ != "under" or tok.head.head.i != verb.i:
        return False
    return tense(verb) == "present" and not headline_like(sent)


def _irrealis(tok: Any, verb: Any | None, sent: Any) -> bool:
    """Acts asked about, set as a condition, merely continued in future, expected or permitted."""
    cur = tok
    for _ in range(10):  # "whether they will accept", "if the bombing stopped"
        if cur.pos_ in VERBISH and any(c.dep_ == "mark" and c.lower_ in CONDITIONAL for c in cur.children):
            return True
        if cur.head.i == cur.i or cur.dep_ in ("ccomp", "parataxis") and cur.head.lemma_ != "be":
            break
        cur = cur.head
    if verb is None:
        return False
    if tok.dep_ == "xcomp" and tok.head.pos_ in VERBISH:
        verb = tok.head  # "would keep fighting"
    lemma = verb.lemma_.lower()
    if lemma in CONTINUE_VERBS and verb.i != tok.i:
        if _has_modal(verb) or (verb.dep_ == "xcomp" and verb.head.lemma_.lower() in EXPECT_VERBS):
            return True
    if (
        tok.dep_ in ("nsubj", "nsubjpass")
        and lemma in EXPECT_VERBS
        and any(c.dep_ == "xcomp" for c in verb.children)
    ):
        return True  # "air strikes are expected to go on"
    if tok.dep_ == "acl" and tok.pos_ == "VERB" and tok.head.lemma_.lower() in DEONTIC_NOUNS:
        return any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)  # "the right to fight"
    return False


def _running_toll(tok: Any, verb: Any) -> bool:
    """ "fighting ... has killed hundreds since March"; "the battle for the city cost 180 lives"."""
    if tok.dep_ not in ("nsubj", "nsubjpass"):
        return False
    verb = tok.head  # a gerund subject is its own "verb": "fighting ... has killed"
    if tense(verb) == "present-perfect" and any(
        (c.dep_ == "prep" and c.lower_ == "since")
        or (c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "since" for m in c.children))
        for c in verb.children
    ):
        return True
    if not any(c.dep_ == "prep" and c.lower_ == "for" for c in tok.children):
        return False
    # "the battle for X" is a campaign; "fighting for the road killed 12 on Monday" is one dated event
    return not any(t.ent_type_ in TIME_ENTS for t in verb.subtree)


def _earlier(verb: Any) -> bool:
    """ "has been hit by chlorine before", "had previously seized": a perfect clause told as history.

    A bare adverb only, on an undated clause: "shelled the day before" is a dated event."""
    if not any(
        c.dep_ == "advmod" and c.lower_ in EARLIER_ADVERBS and not list(c.children) for c in verb.children
    ):
        return False
    if any(c.ent_type_ in TIME_ENTS for c in verb.subtree):
        return False
    return any(c.dep_ in ("aux", "auxpass") and c.lemma_.lower() == "have" for c in verb.children)


def when_of_since(tok: Any, sent: Any) -> bool:
    """ "the deadliest since February, when twin attacks killed 70": the "when" clause of a past anchor."""
    verb = governing_verb(tok, sent)
    verb = first_conjunct(verb) if verb is not None else None  # "..., when the army dissolved X and declared Y"
    when = next((c for c in verb.children if c.dep_ == "advmod" and c.lower_ == "when"), None) if verb else None
    if verb is None or when is None or verb.dep_ not in ("relcl", "advcl"):
        return False
    # the anchor is the noun the "when" clause follows (the parser hangs the clause on it or on its verb)
    before = [t for t in sent if t.i < when.i and not t.is_punct]
    anchor = verb.head if verb.dep_ == "relcl" else (before[-1] if before else verb.head)
    if anchor.dep_ != "pobj" or anchor.head.lower_ not in ANCHOR_PREPS:
        return False
    # "since February", "a week after Monday's power grab": a day before the news the sentence is told from
    dated = any(c.dep_ == "poss" and c.ent_type_ in TIME_ENTS for c in anchor.children)
    return anchor.ent_type_ in TIME_ENTS or dated


def withdrawal_subtype(tok: Any, sub_event_type: str) -> str | None:
    """A withdrawal "from" a place hands that place over; one only "towards" somewhere is a move.

    "fighters withdrew from the hill" / "pulled out of the town" -> Non-violent transfer of territory;
    "the militants withdrew eastwards towards the desert" -> None (a retreat: the extractor keeps it as a
    change of activity unless the article reports the change of control it belongs to).
    """
    holders = [tok]
    if tok.pos_ == "NOUN" and tok.head.pos_ in VERBISH:
        holders.append(tok.head)  # "made a withdrawal from the town"
    for holder in holders:
        for c in holder.children:
            if c.dep_ not in ("prep", "prt"):
                continue
            # "out of the town" hangs "of" under "out"
            preps = [c, *(g for g in c.children if g.dep_ == "prep")] if c.lower_ == "out" else [c]
            for p in preps:
                if not any(g.dep_ == "pobj" for g in p.children):
                    continue
                if p.lower_ == "from" or (p.lower_ == "of" and holder.pos_ in VERBISH):
                    return "Non-violent transfer of territory"
    return None if sub_event_type == "Change to group/activity" else sub_event_type
