"""Trigger words in sentences that say an event stopped, did not happen, or sum many events.

"Fighting appeared to have stopped", "the night passed without air strikes", "killed in three weeks of
fighting", "more than a dozen other police shootings", "militias have ambushed several convoys": the
trigger is there, but no single new event is told. Each rule reads the dependency parse (and a little
word order where the parse is unreliable) and is named; ``unreported_reason`` returns the first that fires.
"""

from __future__ import annotations

from typing import Any

from trucewatch.events.grammar import Candidate, module_reason
from trucewatch.events.modality import PLAN, SPEECH
from trucewatch.lexicon import lexicon
from trucewatch.rules import rule

_LEX = lexicon()
CESSATION_VERBS = _LEX.words("cessation_verbs")
RAISING_VERBS = _LEX.words("raising_verbs")
#: Words that open a negated phrase: "without air strikes" ("no shelling" is a negated mention, see modality).
NEGATORS = _LEX.words("negating_prepositions")
CLAUSE_BREAKS = _LEX.words("clause_breaks")
VAGUE_MANY = _LEX.words("vague_many")
DURATION = _LEX.regex("duration_sum")
PERFECT_AUX = _LEX.words("perfect_auxiliaries")
ACROSS_AREAS = _LEX.regex("across_areas")
CAMPAIGN_NOUNS = _LEX.words("campaign_nouns")
STATE_VERBS = _LEX.words("campaign_state_verbs")
ATTEMPT_VERBS = _LEX.words("failed_attempt_verbs")
WARD_OFF_VERBS = _LEX.words("ward_off_verbs")
SOME = _LEX.words("vague_amount_words")
REPORT_OR_PLAN = SPEECH | PLAN
#: "the factions manage to kill 9 soldiers": the to-infinitive is the act done, not an aim.
ACHIEVEMENT_VERBS = _LEX.words("achievement_verbs")
ACCUSATION_WORDS = _LEX.words("accusation_words")


def unreported_reason(tok: Any, sent: Any) -> str | None:
    """Why the trigger ``tok`` in sentence ``sent`` tells no single new event, or None (the first of this
    module's "before-typing" rules that fires)."""
    return module_reason("before-typing", __name__, Candidate(tok, sent))


# --- the rules, in their order (after background's) ------------------------


@rule(
    "unreported.cessation",
    phase="before-typing",
    order=210,
    reason='the activity stopped: "the shelling stopped", "fighting appeared to have stopped"',
)
def cessation(c: Candidate) -> str | None:
    return "cessation" if _ceased(c.tok) else None


@rule(
    "unreported.negated-phrase",
    phase="before-typing",
    order=220,
    reason='a negator opens the trigger\'s phrase: "passed without air strikes"',
)
def negated_phrase(c: Candidate) -> str | None:
    return "negated-phrase" if _negated_phrase(c.tok, c.sent) else None


@rule(
    "unreported.duration-sum",
    phase="before-typing",
    order=230,
    reason='the sentence sums a stretch of time: "in three weeks of fighting"',
)
def duration_sum(c: Candidate) -> str | None:
    return "duration-sum" if DURATION.search(c.sent.text) else None


@rule(
    "unreported.vague-plural",
    phase="before-typing",
    order=240,
    reason='an undated plural counted only vaguely: "several convoys", "a dozen other shootings"',
)
def vague_plural(c: Candidate) -> str | None:
    return "vague-plural" if _vague_plural(c.tok, c.sent) or _inside_vague_plural(c.tok) else None


@rule(
    "unreported.across-areas",
    phase="before-typing",
    order=250,
    reason='a toll summed over several areas: "in the X and Y regions"',
)
def across_areas(c: Candidate) -> str | None:
    return "across-areas" if ACROSS_AREAS.search(c.sent.text) else None


@rule(
    "unreported.participle-description",
    phase="before-typing",
    order=260,
    reason='a participle says what an actor does in general: "groups fighting against them"',
)
def participle_description(c: Candidate) -> str | None:
    return "participle-description" if _describes_actor(c.tok) else None


@rule(
    "unreported.failed-attempt",
    phase="before-typing",
    order=270,
    reason='an attempt the sentence says failed: "tried to capture the city but failed"',
)
def failed_attempt(c: Candidate) -> str | None:
    return "failed-attempt" if _failed_attempt(c.tok, c.sent) else None


@rule(
    "unreported.campaign-state",
    phase="before-typing",
    order=280,
    reason='the state of a campaign: "the offensive is stalled"',
)
def campaign_state(c: Candidate) -> str | None:
    return "campaign-or-purpose" if _campaign_state(c.tok) else None


@rule(
    "unreported.ward-off",
    phase="before-typing",
    order=290,
    reason='an act to be warded off: "deployed soldiers to defend against a counteroffensive"',
)
def ward_off(c: Candidate) -> str | None:
    return "campaign-or-purpose" if _purpose_object(c.tok) else None


@rule(
    "unreported.charge",
    phase="before-typing",
    order=296,
    reason='the act someone is charged with: "executes 2 men on charges of bombings", "arrested on suspicion of '
    'rioting", "convicted of murder" (the charge is no event told; blame is not a charge)',
)
def charge(c: Candidate) -> str | None:
    return "charge" if _charged_with(c.tok) else None


def _charged_with(tok: Any) -> bool:
    """Is ``tok`` inside "on charges of ...", "accused of ...", "charged with ..."?"""
    for _ in range(6):
        if tok.head.i == tok.i:
            return False
        if tok.dep_ in ("pobj", "pcomp") and tok.head.lower_ in ("of", "with"):
            ground = tok.head.head  # "on charges of", "charged with"; not blame ("rejected accusations of")
            if ground.lemma_.lower() in ACCUSATION_WORDS and (
                ground.pos_ == "VERB" or (ground.dep_ == "pobj" and ground.head.lower_ == "on")
            ):
                return True
        if tok.dep_ not in ("conj", "prep", "appos", "pobj", "pcomp"):
            return False
        tok = tok.head
    return False


@rule(
    "unreported.present-purpose",
    phase="before-typing",
    order=295,
    reason='the aim of a present habit, no date: "police use tear gas to battle the youths"',
)
def present_purpose(c: Candidate) -> str | None:
    return "habitual" if _present_purpose(c.tok, c.sent) else None


@rule(
    "unreported.vague-amount",
    phase="before-typing",
    order=300,
    reason='an undated, unmeasured amount: "some shelling", "sporadic gunfire"',
)
def vague_amount(c: Candidate) -> str | None:
    return "vague-amount" if _some_amount(c.tok, c.sent) else None


def _ceased(tok: Any) -> bool:
    """ "The shelling stopped", "fighting appeared to have stopped", "air raids ceased" (parsed as a modifier)."""
    if any(c.dep_ in ("acl", "relcl") and c.lemma_.lower() in CESSATION_VERBS for c in tok.children):
        return True
    if _ceased_next(tok):
        return True
    if tok.dep_ not in ("nsubj", "nsubjpass"):
        return False
    verb = tok.head
    for _ in range(3):
        lemma = verb.lemma_.lower()
        if lemma in CESSATION_VERBS or (
            lemma == "fall" and any(c.lower_ in ("silent", "quiet") for c in verb.children)
        ):
            return True
        if lemma not in RAISING_VERBS:
            return False
        nxt = next((c for c in verb.children if c.dep_ == "xcomp"), None)
        if nxt is None:
            return False
        verb = nxt
    return False


def _ceased_next(tok: Any) -> bool:
    """Word order where the parse fails: the first verb after the trigger noun, past auxiliaries, adverbs
    and raising verbs ("fighting appeared to have stopped"), is a cessation verb."""
    if tok.pos_ not in ("NOUN", "PROPN"):
        return False
    for t in tok.doc[tok.i + 1 : tok.i + 7]:
        if t.is_punct:
            return False
        lemma = t.lemma_.lower()
        if t.pos_ in ("AUX", "PART", "ADV") or lemma in RAISING_VERBS:
            continue
        return t.pos_ == "VERB" and lemma in CESSATION_VERBS
    return False


def _negated_phrase(tok: Any, sent: Any) -> bool:
    """ "passed without rocket fire into the city or air strikes": a negator before the trigger with only
    nouns, modifiers, conjunctions and prepositions between (no verb, no new clause)."""
    for i in range(tok.i - 1, max(sent.start, tok.i - 12) - 1, -1):
        t = tok.doc[i]
        if t.lower_ in NEGATORS:
            return True
        if (t.pos_ in ("VERB", "AUX") and t.dep_ not in ("amod", "compound")) or t.lower_ in CLAUSE_BREAKS:
            return False
        if t.text == ",":
            return False
    return False


def _vague_plural(tok: Any, sent: Any) -> bool:
    """ "more than a dozen other shootings", "have ambushed several convoys": a plural trigger (or the
    object of a perfect-tense trigger verb) counted only vaguely, in a sentence that names no date."""
    if any(e.label_ in ("DATE", "TIME") for e in sent.ents):
        return False
    noun = tok
    if tok.pos_ in ("VERB", "AUX"):
        if not any(c.dep_ == "aux" and c.lower_ in PERFECT_AUX for c in tok.children):
            return False
        noun = next((c for c in tok.children if c.dep_ == "dobj"), None)
        if noun is None:
            return False
    if noun.tag_ not in ("NNS", "NNPS"):
        return False
    return any(c.lower_ in VAGUE_MANY for c in noun.subtree if c.i < noun.i)


def _inside_vague_plural(tok: Any) -> bool:
    """ "a dozen other shootings where people were gunned down": the trigger describes a vague sum."""
    cur = tok
    for _ in range(4):
        if cur.dep_ not in ("relcl", "acl", "advcl") or cur.head.i == cur.i:
            cur = (
                cur.head
                if cur.head.i != cur.i and cur.pos_ in ("VERB", "AUX") and cur.dep_ == "conj"
                else None
            )
            if cur is None:
                return False
            continue
        noun = cur.head
        if noun.tag_ in ("NNS", "NNPS") and any(c.lower_ in VAGUE_MANY for c in noun.subtree if c.i < noun.i):
            return True
        cur = noun
    return False


def _describes_actor(tok: Any) -> bool:
    """ "insurgent groups fighting against them", "Russia, fighting in the east, was ...": a participle that
    says what an actor does in general."""
    if tok.tag_ != "VBG" or tok.i == 0:
        return False
    if tok.dep_ == "acl" and tok.head.pos_ in ("NOUN", "PROPN") and tok.head.i < tok.i:
        return True
    if tok.dep_ != "advcl" or tok.i < 2 or tok.doc[tok.i - 1].text != ",":
        return False
    subject = tok.doc[tok.i - 2]  # "Russia, fighting ..., was targeting": the participle follows the subject
    return subject.dep_ in ("nsubj", "nsubjpass") and subject.head.i == tok.head.i and subject.i < tok.head.i


def _failed_attempt(tok: Any, sent: Any) -> bool:
    """ "tried to capture the city but failed": an attempt the sentence says failed."""
    cur = tok
    for _ in range(3):
        if cur.dep_ in ("xcomp", "conj") and cur.head.i != cur.i:
            cur = cur.head
            if cur.lemma_.lower() in ATTEMPT_VERBS:
                return any(t.lemma_.lower() == "fail" for t in sent)
        else:
            return False
    return False


def _campaign_state(tok: Any) -> bool:
    """ "the eastern offensive is stalled", "the campaign has stalled"."""
    return (
        tok.lemma_.lower() in CAMPAIGN_NOUNS
        and tok.dep_ in ("nsubj", "nsubjpass")
        and tok.head.lemma_.lower() in STATE_VERBS
    )


def _purpose_object(tok: Any) -> bool:
    """ "deployed soldiers to defend against a counteroffensive": an act to be warded off, not one told."""
    if tok.pos_ not in ("NOUN", "PROPN") or tok.dep_ != "pobj" or tok.head.lower_ != "against":
        return False
    verb = tok.head.head
    infinitive = verb.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    return infinitive and verb.lemma_.lower() in WARD_OFF_VERBS


def _some_amount(tok: Any, sent: Any) -> bool:
    """ "reported some shelling in the city": an unmeasured amount of an activity, no date."""
    if any(e.label_ in ("DATE", "TIME") for e in sent.ents):
        return False
    return any(c.dep_ in ("det", "amod") and c.lower_ in SOME for c in tok.children)


def _present_purpose(tok: Any, sent: Any) -> bool:
    """A to-infinitive of purpose on a present-simple verb that is not a report or plan ("police use tear gas
    to battle the youths"), in a sentence with no date: what is done as a rule, not one act."""
    if tok.tag_ != "VB" or tok.dep_ not in ("advcl", "xcomp"):
        return False
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        return False
    gov = tok.head
    if gov.tag_ not in ("VBP", "VBZ") or gov.lemma_.lower() in REPORT_OR_PLAN | ACHIEVEMENT_VERBS:
        return False
    if any(c.dep_ in ("aux", "auxpass") for c in gov.children):  # "is going to", "has vowed to"
        return False
    return not any(e.label_ in ("DATE", "TIME") for e in sent.ents)
