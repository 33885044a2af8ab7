"""Background rules: trigger words that do not report a new event.

"the besieged town", "a lull in fighting", "since fighting broke out in 2011",
"the group still raids villages", "It was the deadliest attack since ...": the
trigger word is there, but the sentence describes a state, an absence, history,
a habit, agreement terms or a comparison, not a new event. ``non_event_reason``
reads the dependency parse and DATE entities and names the reason, or returns
None. It is tuned for precision: when a rule is unsure it does not fire.
"""

from __future__ import annotations

import calendar
import datetime
import re
from typing import Any

from trucewatch.config import settings
from trucewatch.events.grammar import (
    DEFINITE,
    VERBISH,
    Candidate,
    Keep,
    bare_plural,
    date_texts,
    first_conjunct,
    headline_like,
    linked,
    module_reason,
    tense,
)
from trucewatch.lexicon import lexicon
from trucewatch.rules import rule

_LEX = lexicon()
# Nouns that state an event did NOT happen, with the prepositions that introduce the event.
ABSENCE_NOUNS: dict[str, frozenset[str]] = {
    noun: frozenset(preps) for noun, preps in _LEX.mapping("absence_noun_preps").items()
}
NEGATING_PREPS = _LEX.words("negating_prepositions")
NEGATING_DETS = _LEX.words("negating_determiners")
OBLIGATION_VERBS = _LEX.words("obligation_verbs")
PROHIBITION_VERBS = _LEX.words("prohibition_verbs")
HABITUAL_ADVERBS = _LEX.words("habitual_adverbs")
EXTENT_ADVERBS = _LEX.words("extent_adverbs")
MULTI_YEAR = _LEX.regex("multi_year_words")
REL_YEARS = _LEX.regex("relative_years")
EXPLICIT_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
DECADE = re.compile(r"\b(1[89]\d|20\d)0'?s\b")
LAST_YEAR = _LEX.regex("last_year")
YEAR_ONLY = _LEX.regex("year_only_date")
SMALL_NUMBERS: dict[str, int] = dict(_LEX.mapping("years_ago_numbers"))
YEARS_AGO = _LEX.regex("years_ago")
# Full month names only, not the abbreviations the dates stage also reads: "mar", "sept" in a DATE text
# are left to it, and this list stays as it was.
MONTHS = {w: k for w, k in _LEX.mapping("month_numbers").items() if w == calendar.month_name[k].lower()}
MONTH_RE = re.compile(r"\b(" + "|".join(MONTHS) + r")\b", re.IGNORECASE)
SEASON_END: dict[str, int] = dict(_LEX.mapping("season_last_month"))  # last month of each season
SEASON_RE = _LEX.regex("season_date")
SUPPORT_VERBS = _LEX.words("support_verbs")
DATE_PREPS = _LEX.words("date_prepositions")
# Entities that anchor a clause to a specific time, place or count.
ANCHOR_ENTS = frozenset({"DATE", "TIME", "CARDINAL", "GPE", "LOC", "FAC", "ORDINAL", "QUANTITY"})
ATTRIBUTIVE_TAGS = frozenset({"VBN", "VBG", "JJ"})
CLAUSE_DEPS = frozenset({"relcl", "acl", "advcl", "ccomp", "xcomp", "parataxis"})
FINITE_TAGS = frozenset({"VBZ", "VBP", "VBD"})
PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})
DATE_ATTACH = frozenset({"prep", "npadvmod", "advmod", "tmod", "obl", "nmod"})  # not vocabulary


def non_event_reason(trigger_tok: Any, sent: Any, published: datetime.date | None) -> str | None:
    """Why the trigger headed by ``trigger_tok`` reports no new event, or None: the first of this module's
    "before-typing" rules that fires. Reasons: "attributive", "absence", "agreement-terms", "comparison",
    "background-since", "background-date", "relative-clause-description", "habitual"."""
    return module_reason("before-typing", __name__, Candidate(trigger_tok, sent, published))


# --- the rules, in their order --------------------------------------------


@rule(
    "background.attributive",
    phase="before-typing",
    order=10,
    reason='a participle or adjective modifies a noun: "the besieged town", "war-torn"',
)
def attributive(c: Candidate) -> str | None:
    return "attributive" if _attributive(c.tok) else None


@rule(
    "background.negated-noun",
    phase="before-typing",
    order=20,
    reason='"no attacks": a negated mention, kept for the modality stage (stops this phase)',
)
def negated_noun(c: Candidate) -> str | None:
    return (
        Keep("absence")
        if any(d.dep_ == "det" and d.lower_ in NEGATING_DETS for d in c.tok.children)
        else None
    )


@rule(
    "background.absence",
    phase="before-typing",
    order=30,
    reason='the event is named as absent: "a lull in fighting", "without a fight"',
)
def absence(c: Candidate) -> str | None:
    return "absence" if _absence(c.tok) else None


@rule(
    "background.agreement-terms",
    phase="before-typing",
    order=40,
    reason='the event is a term of an agreement: "commits both sides to stop attacks"',
)
def agreement_terms(c: Candidate) -> str | None:
    return "agreement-terms" if _agreement_terms(c.tok) else None


@rule(
    "background.comparison",
    phase="before-typing",
    order=50,
    reason='a graded noun compares with an earlier event: "the deadliest attack since"',
)
def comparison(c: Candidate) -> str | None:
    return "comparison" if _comparison(c.tok) else None


@rule(
    "background.inside-since",
    phase="before-typing",
    order=60,
    reason='the trigger sits in a "since ..." frame: "since fighting broke out"',
)
def inside_since(c: Candidate) -> str | None:
    return "background-since" if _inside_since(c.tok, c.sent) else None


@rule(
    "background.since-long-ago",
    phase="before-typing",
    order=70,
    reason='a "since" phrase dates the state long before publication: "besieged since last year"',
)
def since_long_ago(c: Candidate) -> str | None:
    verb = c.verb
    return "background-since" if verb is not None and _since_background(c.tok, verb, c.published) else None


@rule(
    "background.dated",
    phase="before-typing",
    order=80,
    reason='a date phrase puts it long before publication: "seized the town in May last year"',
)
def dated(c: Candidate) -> str | None:
    return "background-date" if _dated_background(c.tok, c.verb, c.published) else None


@rule(
    "background.relative-description",
    phase="before-typing",
    order=90,
    reason='a present-tense relative clause describes an actor: "a militia that fights alongside"',
)
def relative_description(c: Candidate) -> str | None:
    verb = c.verb
    return "relative-clause-description" if verb is not None and _relative_description(verb) else None


@rule(
    "background.habitual",
    phase="before-typing",
    order=100,
    reason='a habit: "the group still raids villages", "has launched attacks for years"',
)
def habitual(c: Candidate) -> str | None:
    verb = c.verb
    return "habitual" if verb is not None and _habitual(c.tok, verb, c.sent) else None


@rule(
    "background.generic-plural",
    phase="before-typing",
    order=110,
    reason='bare plurals with no anchor state a group\'s habits: "answered losses with bombings"',
)
def generic_plural(c: Candidate) -> str | None:
    verb = c.verb
    return "habitual" if verb is not None and _generic_plural(c.tok, verb) else None


# --- structural rules -----------------------------------------------------


def _attributive(tok: Any) -> bool:
    """ "the besieged town", "a bombed-out building", "rebel-held", "war-torn"."""
    head = tok.head
    if head.i == tok.i or tok.i > head.i or not linked(tok.i, head.i, tok.doc):
        return False
    if tok.is_title and tok.i > tok.sent.start and head.pos_ == "PROPN":
        return False  # inside a name: "... is Being Slaughtered Silently"
    if tok.dep_ == "amod" and tok.tag_ in ATTRIBUTIVE_TAGS and head.pos_ in ("NOUN", "PROPN"):
        if tok.tag_ == "VBG" and tok.i > 0 and tok.doc[tok.i - 1].pos_ in VERBISH:
            return False  # gerund object misparsed: "denied striking civilians"
        if tok.tag_ == "VBN" and tok.i > 0 and tok.doc[tok.i - 1].pos_ == "AUX":
            return False  # passive misparsed as a modifier: "were observed gathering near the village"
        if tok.tag_ == "VBG" and head.dep_ in ("nsubj", "nsubjpass"):
            return False  # "protesting farmers blocked roads": the activity is part of the event
        return True
    # first half of a hyphenated modifier: "war" in "war-torn"
    if tok.dep_ in ("npadvmod", "compound") and head.dep_ == "amod":
        return any(t.tag_ == "HYPH" for t in tok.doc[tok.i + 1 : head.i])
    # participle parsed as a compound: "shelled-out homes"
    return tok.dep_ == "compound" and tok.tag_ == "VBN" and head.pos_ == "NOUN"


def _absence(tok: Any) -> bool:
    """ "the absence of air raids", "a lull in fighting", "without a fight", "no attacks"."""
    cur = first_conjunct(tok)
    if cur.dep_ in ("pobj", "pcomp"):
        prep = cur.head
        if prep.lower_ in NEGATING_PREPS:
            return True
        noun = prep.head
        preps = ABSENCE_NOUNS.get(noun.lemma_.lower())
        return preps is not None and prep.lower_ in preps and noun.pos_ == "NOUN" and noun.i < prep.i
    return False


def _agreement_terms(tok: Any) -> bool:
    """ "commits the parties to stop attacks", "are bound not to attack", "prohibits attacks"."""
    cur = tok
    via_clause = False
    for _ in range(5):
        dep = cur.dep_
        if dep == "prep" and cur.lower_ != "from":  # "bars fighters from attacking"
            return False
        if dep not in ("xcomp", "dobj", "pobj", "pcomp", "prep", "conj"):
            return False
        via_clause = via_clause or dep == "xcomp"
        nxt = cur.head
        if nxt.i == cur.i:
            return False
        lemma = nxt.lemma_.lower()
        if nxt.pos_ in VERBISH and (lemma in PROHIBITION_VERBS or lemma in OBLIGATION_VERBS):
            if any(c.dep_ == "dobj" and c.ent_type_ in ("DATE", "TIME", "QUANTITY") for c in nxt.children):
                return False  # "required three days to capture the hill"
            return lemma in PROHIBITION_VERBS or (via_clause and dep == "xcomp")
        cur = nxt
    return False


def _comparison(tok: Any) -> bool:
    """ "It was the heaviest fighting since ...", "..., the deadliest attack since ...".

    Only a superlative or ordinal noun used as a predicate complement or an
    apposition counts: it describes an event already mentioned. "claims
    deadliest attack" (an object) stays an event.
    """
    if tok.pos_ not in ("NOUN", "PROPN"):
        return False
    graded = any(
        c.dep_ in ("amod", "advmod", "nummod")
        and (c.tag_ in ("JJS", "RBS") or c.ent_type_ == "ORDINAL" or any(g.tag_ == "RBS" for g in c.children))
        for c in tok.children
    )
    if not graded:
        return False
    if tok.dep_ in ("attr", "appos", "oprd"):
        return True
    # "described it as the worst fighting in months"
    return tok.dep_ == "pobj" and tok.head.lower_ == "as" and tok.head.head.pos_ in VERBISH


# --- time rules -----------------------------------------------------------


def _inside_since(tok: Any, sent: Any) -> bool:
    """The trigger sits inside a "since ..." frame: "since fighting broke out"."""
    cur = tok
    for _ in range(12):
        if cur.dep_ == "pobj" and cur.head.lower_ == "since":
            return linked(tok.i, cur.head.i, tok.doc)
        if cur.dep_ == "advcl":
            mark = next((c for c in cur.children if c.dep_ == "mark" and c.lower_ == "since"), None)
            if mark is not None:
                return linked(tok.i, mark.i, tok.doc)
        if cur.head.i == cur.i or not (sent.start <= cur.head.i < sent.end):
            return False
        if cur.dep_ in ("relcl", "ccomp", "parataxis", "conj") and cur.pos_ in VERBISH:
            return False
        if cur.dep_ == "xcomp" and cur.tag_ in FINITE_TAGS:
            return False  # a finite verb is no complement: "Deadliest raid since X began hits ..."
        cur = cur.head
    return False


def _graded_noun(tok: Any) -> bool:
    """A noun modified by a superlative or ordinal ("the first strike since ...")."""
    return any(c.tag_ in ("JJS", "RBS") or c.ent_type_ == "ORDINAL" for c in tok.children)


def _since_background(tok: Any, verb: Any, published: datetime.date | None) -> bool:
    """ "have been besieged since last year", "has carried out strikes since 2002".

    A "since" phrase on the trigger's verb (or on the trigger noun) whose date is
    long before publication. A recent "since Friday" is news.
    """
    holders = [verb]
    if tok.i != verb.i and tok.pos_ in ("NOUN", "PROPN") and not _graded_noun(tok):
        holders.append(tok)
    for holder in holders:
        for c in holder.children:
            since = c.lower_ == "since" and c.dep_ in ("prep", "mark")
            if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "since" for m in c.children):
                since = True
            if not since or not linked(c.i, holder.i, holder.doc):
                continue
            frame = c.subtree if c.dep_ != "mark" else ()
            for text in date_texts(frame, holder.doc):
                if REL_YEARS.search(text) and not EXPLICIT_YEAR.search(text):
                    return True  # "since last year", "since early last year", "for years"
                if _old(text, published):
                    return True
    return False


def _dated_background(tok: Any, verb: Any | None, published: datetime.date | None) -> bool:
    """ "seized the town in May last year", "abducted in April 2014" (long before publication)."""
    if published is None:
        return False
    holders = [tok] if verb is None or verb.i == tok.i else [tok, verb]
    for holder in holders:
        for c in holder.children:
            if c.dep_ == "prep" and c.lower_ not in DATE_PREPS:
                continue
            if c.dep_ not in DATE_ATTACH and not (c.dep_ in ("compound", "nummod") and holder.pos_ == "NOUN"):
                continue
            if not linked(c.i, holder.i, holder.doc):
                continue
            for text in date_texts(_phrase(c), holder.doc):
                if _old(text, published):
                    return True
    return False


def _phrase(tok: Any) -> list[Any]:
    """``tok``'s subtree without nested clauses ("before the war that began in 2011" stops at "war")."""
    out = [tok]
    for c in tok.children:
        if c.dep_ not in CLAUSE_DEPS:
            out.extend(_phrase(c))
    return out


def latest_date(text: str, published: datetime.date) -> datetime.date | None:
    """Latest day a DATE expression can mean, relative to ``published`` (None when unknown).

    "2014" -> 2014-12-28, "April 2014" -> 2014-04-28, "May last year" -> last May,
    "two years ago" -> two years before publication, "last summer" -> the end of the latest summer
    already over, "January" -> January of the
    publication year (a month after the publication month is ambiguous: None).
    """
    month_m = MONTH_RE.search(text)
    month = MONTHS[month_m.group(1).lower()] if month_m else None
    season = SEASON_RE.search(text) if month is None else None
    if season is not None:
        month = SEASON_END[season.group(2).lower()]
        if season.group(1) and not EXPLICIT_YEAR.search(text):  # "last summer": the latest one already over
            return datetime.date(published.year - (month >= published.month), month, 28)
    year_m = EXPLICIT_YEAR.search(text)
    if year_m:
        year = int(year_m.group(1))
    elif decade := DECADE.search(text):
        year = int(decade.group(1)) * 10 + 9  # "the 1990s" ends in 1999
    elif LAST_YEAR.search(text):
        year = published.year - 1
    elif ago := YEARS_AGO.search(text):
        word = ago.group(1).lower()
        n = int(word) if word.isdigit() else SMALL_NUMBERS.get(word, 1)
        return published - datetime.timedelta(days=365 * n)
    elif month is not None:
        if month > published.month:
            return None  # last year's month or a coming one: unsure
        year = published.year
    else:
        return None
    return datetime.date(year, month or 12, 28)


def _old(text: str, published: datetime.date | None) -> bool:
    """True when the DATE text ends more than ``background_days`` (a setting) before publication, or names only an
    earlier year ("last year", "in 2015"): news dates its events to the day, week or month."""
    if published is None:
        return False
    only_year = YEAR_ONLY.fullmatch(text.strip())
    if only_year:
        year = int(only_year.group(1)) if only_year.group(1) else published.year - 1
        if year < published.year:
            return True
    last = latest_date(text, published)
    return last is not None and (published - last).days > settings().background_days


# --- generic / habitual rules ---------------------------------------------


def _relative_description(verb: Any) -> bool:
    """ "a militia that fights alongside the army": a present-tense relative clause on an actor."""
    if verb.dep_ != "relcl":
        return False
    noun = verb.head
    if noun.pos_ not in ("NOUN", "PROPN") or noun.ent_type_ in PLACE_ENTS or noun.ent_type_ == "DATE":
        return False
    if not any(c.dep_ in ("nsubj", "nsubjpass") and c.tag_ in ("WDT", "WP") for c in verb.children):
        return False  # "a location where fighters are fighting" describes a place, not an actor
    return tense(verb) in ("present", "present-progressive")


def _habitual(tok: Any, verb: Any, sent: Any) -> bool:
    """ "the group still raids villages", "has launched attacks for years"."""
    form = tense(verb)
    if form == "present" and not headline_like(sent):
        if verb.lemma_.lower() in ("be", "have") or tok.dep_ in ("nsubj", "nsubjpass"):
            return False  # "fighting still rages": an ongoing event, not a habit
        return any(c.dep_ == "advmod" and c.lower_ in HABITUAL_ADVERBS for c in verb.children)
    if form == "present-perfect":
        if _many_acts(tok, verb):
            return True
        for c in verb.children:
            if c.dep_ in ("prep", "npadvmod", "advmod") and c.lower_ != "since":
                if any(MULTI_YEAR.search(t) for t in date_texts(c.subtree, verb.doc)):
                    return True
    return False


def _many_acts(tok: Any, verb: Any) -> bool:
    """ "have repeatedly shelled villages", "have widely recorded barrel bomb attacks": a bare plural
    trigger noun (or the noun it modifies) as the object of a perfect-tense verb with an adverb of
    frequency or extent, and no date, states a pattern of many acts, not one event."""
    noun = tok
    while noun.dep_ == "compound" and noun.head.i != noun.i and noun.head.pos_ == "NOUN":
        noun = noun.head  # "barrel bomb droppings": the phrase's head noun
    if noun.i == verb.i or noun.head.i != verb.i or noun.dep_ != "dobj" or not bare_plural(noun):
        return False
    if date_texts(verb.subtree, verb.doc):
        return False
    return any(c.dep_ == "advmod" and c.lower_ in HABITUAL_ADVERBS | EXTENT_ADVERBS for c in verb.children)


def _inside_kind(noun: Any) -> bool:
    """ "losses on the battlefield": a noun in a phrase that modifies a bare plural shares its generic
    reading ("the battlefield" is no particular one)."""
    prep = noun.head
    return noun.dep_ == "pobj" and prep.dep_ == "prep" and prep.head.pos_ == "NOUN" and bare_plural(prep.head)


def _generic_plural(tok: Any, verb: Any) -> bool:
    """ "the militants have answered losses with bombings in cities": generic, no anchor at all.

    A bare plural trigger noun in object position under a present-perfect verb,
    with at least two more bare plurals and no date, place, number, proper name
    or definite noun outside the subject, is a statement about a group's habits.
    """
    if tok.i == verb.i or tok.dep_ in ("nsubj", "nsubjpass") or not bare_plural(tok):
        return False
    if tense(verb) != "present-perfect" or verb.lemma_.lower() in SUPPORT_VERBS:
        return False
    subject = {t.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree}
    plurals = 0
    for t in verb.subtree:
        if t.i in subject or t.i == tok.i:
            continue
        if t.ent_type_ in ANCHOR_ENTS or t.pos_ in ("PROPN", "NUM"):
            return False
        if t.dep_ == "det" and t.lower_ in DEFINITE and t.head.pos_ == "NOUN" and not _inside_kind(t.head):
            return False  # "the town": a specific place or target
        plurals += t.pos_ == "NOUN" and bare_plural(t)
    return plurals >= 2
