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

from trucewatch.nlp.spans import entities_touching

# How far before publication a dated event counts as background.
BACKGROUND_DAYS = 180

# Nouns that state an event did NOT happen, with the prepositions that introduce
# the event: "the absence of air strikes", "a lull in fighting", "an end to
# kidnappings". ("the end of the raid" is temporal, so "end" takes only "to".)
ABSENCE_NOUNS: dict[str, frozenset[str]] = {
    **dict.fromkeys(("absence", "lack", "cessation", "suspension"), frozenset({"of"})),
    **dict.fromkeys(("lull", "pause", "break"), frozenset({"in"})),
    "end": frozenset({"to"}),
    **dict.fromkeys(("halt", "stop"), frozenset({"to", "in"})),
    **dict.fromkeys(("freeze", "moratorium", "ban"), frozenset({"on"})),
    "respite": frozenset({"from", "in"}),
}
NEGATING_PREPS = frozenset({"without"})
NEGATING_DETS = frozenset({"no"})

# Verbs that state the terms of an agreement. Obligation verbs take the event
# as a complement clause ("commits both sides to stop attacks", "are bound not to
# attack"); prohibition verbs also take it as an object ("the truce bans attacks").
OBLIGATION_VERBS = frozenset({"commit", "bind", "bound", "oblige", "obligate", "require"})
PROHIBITION_VERBS = frozenset({"prohibit", "forbid", "ban", "bar", "outlaw"})

# Frequency adverbs that mark a present-tense verb as habitual.
HABITUAL_ADVERBS = frozenset(
    "still often usually regularly routinely frequently sometimes occasionally always generally"
    " typically constantly habitually periodically seldom rarely repeatedly daily nightly weekly".split()
)

# Adverbs of extent that turn a perfect-tense report of a bare plural into a sum of many acts:
# "monitors have widely documented air strikes on markets".
EXTENT_ADVERBS = frozenset({"widely", "extensively", "systematically"})

MULTI_YEAR = re.compile(r"\b(?:years|decades?|centur(?:y|ies))\b", re.IGNORECASE)
REL_YEARS = re.compile(r"\b(?:last\s+year|years|decades?)\b", re.IGNORECASE)
EXPLICIT_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
DECADE = re.compile(r"\b(1[89]\d|20\d)0'?s\b")
LAST_YEAR = re.compile(r"\blast\s+year\b", re.IGNORECASE)
# A DATE that names a year and nothing finer: "last year", "2015", "early last year".
YEAR_ONLY = re.compile(
    r"(?:(?:early|late|mid|earlier|later)[\s-]+(?:in\s+)?)?(?:(1[89]\d\d|20\d\d)|last\s+year)", re.IGNORECASE
)
SMALL_NUMBERS = {w: k for k, w in enumerate("one two three four five six seven eight nine ten".split(), 1)}
SMALL_NUMBERS.update({"a": 1, "an": 1})
YEARS_AGO = re.compile(r"\b(" + "|".join(SMALL_NUMBERS) + r"|\d+)\s+years?\s+ago\b", re.IGNORECASE)
MONTHS = {calendar.month_name[k].lower(): k for k in range(1, 13)}
MONTH_RE = re.compile(r"\b(" + "|".join(MONTHS) + r")\b", re.IGNORECASE)
SEASON_END = {"spring": 5, "summer": 8, "autumn": 11, "fall": 11, "winter": 2}  # last month of each season
SEASON_RE = re.compile(r"\b(last\s+)?(" + "|".join(SEASON_END) + r")\b", re.IGNORECASE)

# Light verbs that carry an event noun ("carried out strikes"): the noun is the event.
SUPPORT_VERBS = frozenset({"carry", "launch", "conduct", "stage", "mount", "perform", "execute"})
# Entities that anchor a clause to a specific time, place or count.
ANCHOR_ENTS = frozenset({"DATE", "TIME", "CARDINAL", "GPE", "LOC", "FAC", "ORDINAL", "QUANTITY"})

VERBISH = frozenset({"VERB", "AUX"})
DEFINITE = frozenset({"the", "this", "that", "these", "those"})
ATTRIBUTIVE_TAGS = frozenset({"VBN", "VBG", "JJ"})
# Prepositions that date an event ("in May 2012"); "before/after/until" do not.
DATE_PREPS = frozenset({"in", "on", "during", "at", "of", "around"})
CLAUSE_DEPS = frozenset({"relcl", "acl", "advcl", "ccomp", "xcomp", "parataxis"})
PRESENT_TAGS = frozenset({"VBZ", "VBP"})
FINITE_TAGS = frozenset({"VBZ", "VBP", "VBD"})
PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})
TERMINAL = frozenset({".", "!", "?", '"', "'", "\u201d", "\u2019", ")"})
DATE_ATTACH = frozenset({"prep", "npadvmod", "advmod", "tmod", "obl", "nmod"})


def non_event_reason(trigger_tok: Any, sent: Any, published: datetime.date | None) -> str | None:
    """Why the trigger headed by ``trigger_tok`` reports no new event, or None.

    ``sent`` is the trigger's sentence Span and ``published`` the article's date
    (None disables the rules that need it). Reasons: "attributive", "absence",
    "agreement-terms", "comparison", "background-since", "background-date",
    "relative-clause-description", "habitual".
    """
    tok = trigger_tok
    if _attributive(tok):
        return "attributive"
    if _absence(tok):
        return "absence"
    if _agreement_terms(tok):
        return "agreement-terms"
    if _comparison(tok):
        return "comparison"
    verb = _governing_verb(tok, sent)
    if _inside_since(tok, sent) or (verb is not None and _since_background(tok, verb, published)):
        return "background-since"
    if _dated_background(tok, verb, published):
        return "background-date"
    if verb is not None and _relative_description(verb):
        return "relative-clause-description"
    if verb is not None and (_habitual(tok, verb, sent) or _generic_plural(tok, verb)):
        return "habitual"
    return None


# --- structural rules -----------------------------------------------------


def _attributive(tok: Any) -> bool:
    """ "the besieged town", "a bombed-out building", "rebel-held", "war-torn"."""
    head = tok.head
    if head.i == tok.i or tok.i > head.i or not _linked(tok.i, head.i, tok.doc):
        return False
    if tok.is_title and tok.i > tok.sent.start and head.pos_ == "PROPN":
        return False  # inside a name: "... is Being Slaughtered Silently"
    if tok.dep_ == "amod" and tok.tag_ in ATTRIBUTIVE_TAGS and head.pos_ in ("NOUN", "PROPN"):
        if tok.tag_ == "VBG" and tok.i > 0 and tok.doc[tok.i - 1].pos_ in VERBISH:
            return False  # gerund object misparsed: "denied striking civilians"
        if tok.tag_ == "VBG" and head.dep_ in ("nsubj", "nsubjpass"):
            return False  # "protesting farmers blocked roads": the activity is part of the event
        return True
    # first half of a hyphenated modifier: "war" in "war-torn"
    if tok.dep_ in ("npadvmod", "compound") and head.dep_ == "amod":
        return any(t.tag_ == "HYPH" for t in tok.doc[tok.i + 1 : head.i])
    # participle parsed as a compound: "shelled-out homes"
    return tok.dep_ == "compound" and tok.tag_ == "VBN" and head.pos_ == "NOUN"


def _linked(i: int, j: int, doc: Any) -> bool:
    """False when a line break separates tokens i and j (a headline glued to the next line)."""
    lo, hi = min(i, j), max(i, j)
    return not any(t.is_space and "\n" in t.text for t in doc[lo:hi])


def _first_conjunct(tok: Any) -> Any:
    """ "kidnappings" for "bombings" in "an end to kidnappings and bombings"."""
    cur = tok
    while cur.dep_ == "conj" and cur.head.i != cur.i:
        cur = cur.head
    return cur


def _absence(tok: Any) -> bool:
    """ "the absence of air raids", "a lull in fighting", "without a fight", "no attacks"."""
    if any(c.dep_ == "det" and c.lower_ in NEGATING_DETS for c in tok.children):
        return True
    cur = _first_conjunct(tok)
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


def _governing_verb(tok: Any, sent: Any) -> Any | None:
    """Nearest verb at or above ``tok`` inside the sentence (None when there is none)."""
    cur = tok
    for _ in range(12):
        if cur.pos_ in VERBISH and cur.dep_ != "amod":
            return cur
        if cur.head.i == cur.i or not (sent.start <= cur.head.i < sent.end):
            return None
        cur = cur.head
    return None


def _inside_since(tok: Any, sent: Any) -> bool:
    """The trigger sits inside a "since ..." frame: "since fighting broke out"."""
    cur = tok
    for _ in range(12):
        if cur.dep_ == "pobj" and cur.head.lower_ == "since":
            return _linked(tok.i, cur.head.i, tok.doc)
        if cur.dep_ == "advcl":
            mark = next((c for c in cur.children if c.dep_ == "mark" and c.lower_ == "since"), None)
            if mark is not None:
                return _linked(tok.i, mark.i, tok.doc)
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
            if not since or not _linked(c.i, holder.i, holder.doc):
                continue
            frame = c.subtree if c.dep_ != "mark" else ()
            for text in _date_texts(frame, holder.doc):
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
            if not _linked(c.i, holder.i, holder.doc):
                continue
            for text in _date_texts(_phrase(c), holder.doc):
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


def _date_texts(tokens: Any, doc: Any) -> list[str]:
    """Texts of the DATE entities touching ``tokens`` (whole entities, even when split by the parse)."""
    idx = {t.i for t in tokens if t.ent_type_ == "DATE"}
    if not idx:
        return []
    return [e.text for e in entities_touching(doc, idx) if e.label_ == "DATE"]


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
    """True when the DATE text ends more than BACKGROUND_DAYS before publication, or names only an
    earlier year ("last year", "in 2015"): news dates its events to the day, week or month."""
    if published is None:
        return False
    only_year = YEAR_ONLY.fullmatch(text.strip())
    if only_year:
        year = int(only_year.group(1)) if only_year.group(1) else published.year - 1
        if year < published.year:
            return True
    last = latest_date(text, published)
    return last is not None and (published - last).days > BACKGROUND_DAYS


# --- generic / habitual rules ---------------------------------------------


def _tense(verb: Any) -> str:
    """ "present", "present-perfect", "present-progressive" or "other" for a verb and its auxiliaries."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if not auxes:
        return "present" if verb.tag_ in PRESENT_TAGS else "other"
    first = auxes[0]
    if first.tag_ not in PRESENT_TAGS:
        return "other"
    if first.lemma_.lower() == "have":
        return "present-perfect"
    if first.lemma_.lower() == "be" and verb.tag_ == "VBG":
        return "present-progressive"
    if first.lemma_.lower() == "be" and len(auxes) == 1 and verb.tag_ == "VBN":
        return "present-passive"
    return "other"


def _relative_description(verb: Any) -> bool:
    """ "a militia that fights alongside the army": a present-tense relative clause on an actor."""
    if verb.dep_ != "relcl":
        return False
    noun = verb.head
    if noun.pos_ not in ("NOUN", "PROPN") or noun.ent_type_ in PLACE_ENTS or noun.ent_type_ == "DATE":
        return False
    if not any(c.dep_ in ("nsubj", "nsubjpass") and c.tag_ in ("WDT", "WP") for c in verb.children):
        return False  # "a location where fighters are fighting" describes a place, not an actor
    return _tense(verb) in ("present", "present-progressive")


def _headline_like(sent: Any) -> bool:
    """Headlines carry no final punctuation ("Artillery pounds Rastan as truce unravels")."""
    last = sent[-1]
    return last.text not in TERMINAL and last.text[-1:] not in TERMINAL


def _habitual(tok: Any, verb: Any, sent: Any) -> bool:
    """ "the group still raids villages", "has launched attacks for years"."""
    tense = _tense(verb)
    if tense == "present" and not _headline_like(sent):
        if verb.lemma_.lower() in ("be", "have") or tok.dep_ in ("nsubj", "nsubjpass"):
            return False  # "fighting still rages": an ongoing event, not a habit
        return any(c.dep_ == "advmod" and c.lower_ in HABITUAL_ADVERBS for c in verb.children)
    if tense == "present-perfect":
        if _many_acts(tok, verb):
            return True
        for c in verb.children:
            if c.dep_ in ("prep", "npadvmod", "advmod") and c.lower_ != "since":
                if any(MULTI_YEAR.search(t) for t in _date_texts(c.subtree, verb.doc)):
                    return True
    return False


def _many_acts(tok: Any, verb: Any) -> bool:
    """ "have repeatedly shelled villages", "have widely recorded barrel bomb attacks": a bare plural
    trigger noun (or the noun it modifies) as the object of a perfect-tense verb with an adverb of
    frequency or extent, and no date, states a pattern of many acts, not one event."""
    noun = tok
    while noun.dep_ == "compound" and noun.head.i != noun.i and noun.head.pos_ == "NOUN":
        noun = noun.head  # "barrel bomb droppings": the phrase's head noun
    if noun.i == verb.i or noun.head.i != verb.i or noun.dep_ != "dobj" or not _bare_plural(noun):
        return False
    if _date_texts(verb.subtree, verb.doc):
        return False
    return any(c.dep_ == "advmod" and c.lower_ in HABITUAL_ADVERBS | EXTENT_ADVERBS for c in verb.children)


def _bare_plural(tok: Any) -> bool:
    """A plural noun with no determiner, number or possessor: "bombings", "air raids"."""
    return tok.tag_ in ("NNS", "NNPS") and not any(
        c.dep_ in ("det", "nummod", "poss", "quantmod") for c in tok.children
    )


def _inside_kind(noun: Any) -> bool:
    """ "losses on the battlefield": a noun in a phrase that modifies a bare plural shares its generic
    reading ("the battlefield" is no particular one)."""
    prep = noun.head
    return (
        noun.dep_ == "pobj" and prep.dep_ == "prep" and prep.head.pos_ == "NOUN" and _bare_plural(prep.head)
    )


def _generic_plural(tok: Any, verb: Any) -> bool:
    """ "the militants have answered losses with bombings in cities": generic, no anchor at all.

    A bare plural trigger noun in object position under a present-perfect verb,
    with at least two more bare plurals and no date, place, number, proper name
    or definite noun outside the subject, is a statement about a group's habits.
    """
    if tok.i == verb.i or tok.dep_ in ("nsubj", "nsubjpass") or not _bare_plural(tok):
        return False
    if _tense(verb) != "present-perfect" or verb.lemma_.lower() in SUPPORT_VERBS:
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
        plurals += t.pos_ == "NOUN" and _bare_plural(t)
    return plurals >= 2
