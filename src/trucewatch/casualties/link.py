"""Link a quantity to its casualty word through the dependency parse of its sentence.

A number counts as casualties only when the parse ties it to a casualty verb, adjective
or noun ("35 fighters were killed", "killing 12", "12 dead", "a death toll of 35").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from trucewatch.casualties.lexicon import (
    CAMPAIGN_NOUNS,
    CASUALTY_NOUNS,
    CUMULATIVE_ADVERBS,
    PERIOD_NOUNS,
    SUBSET_PREPS,
    TOLL_MOVERS,
    TOLL_VERBS,
    VICTIM_OBJECT_VERBS,
    VICTIM_SUBJECT_WORDS,
    WAR_NOUNS,
    WHO,
)
from trucewatch.lexicon import lexicon
from trucewatch.nlp.spans import ents_within

_LEX = lexicon()
#: Words that name a single day: the weekdays, "yesterday", "today", "tonight".
_DAY_WORDS = frozenset(_LEX.mapping("weekday_numbers")) | _LEX.words("deictic_days")
_TALLY_NOUNS = _LEX.words("tally_nouns")
#: Words that may stand between a counted noun and its casualty word ("five were reportedly killed").
_BRIDGE = _LEX.words("count_bridge_words")
_DEATH_COUNT_NOUNS = _LEX.words("death_count_nouns")
_WAR_PREPS = _LEX.words("war_prepositions")
_GROUP_OF = _LEX.words("counted_group_nouns")
_ANIMALS = _LEX.words("animal_nouns")


def _shot_dead(verb: Token) -> bool:
    """ "shot dead", "fatally shot": the verb's result is a death whatever the verb."""
    return verb.pos_ == "VERB" and any(
        (c.lower_ == "dead" and c.dep_ in ("advmod", "acomp", "oprd", "xcomp"))
        or (c.lower_ == "fatally" and c.dep_ == "advmod")
        for c in verb.children
    )


def _names_a_day(sent: Token) -> bool:
    """Does the sentence name a single day (a weekday, yesterday, a dated DATE entity)?"""
    for ent in ents_within(sent.doc, sent.start, sent.end):
        if ent.label_ == "DATE" and (
            any(t.lower_ in _DAY_WORDS for t in ent) or any(t.like_num for t in ent)
        ):
            return True
    return any(t.lower_ in _DAY_WORDS for t in sent)


Token = Any  # spacy.tokens.Token

_NOUN_LINKS = frozenset({"nummod", "quantmod", "amod", "compound", "det", "nmod", "npadvmod"})
_PASSIVE_SUBJ = frozenset({"nsubjpass", "csubjpass"})
_RESULT_DEPS = frozenset({"acomp", "oprd", "ccomp", "xcomp", "advcl", "conj", "dobj", "amod"})


@dataclass(slots=True)
class Link:
    """How a quantity attaches: its noun (if any), the casualty word and the kind of casualty."""

    noun: Token | None
    pred: Token
    what: str
    subset_of: Token | None = None  # the token an "including N children" hangs from


def lemma(tok: Token) -> str:
    return tok.lemma_.lower()


def _low(tok: Token) -> str:
    return tok.lower_


def find_noun(root: Token, span_ids: set[int]) -> tuple[Token | None, Token]:
    """(noun the number counts, token that carries the number's role in the clause)."""
    if (
        root.dep_ in _NOUN_LINKS
        and root.head.i not in span_ids
        and (root.head.pos_ in ("NOUN", "PROPN", "ADJ", "PRON") or _acronym(root.head))
    ):
        noun = root.head
        if noun.dep_ == "compound" and noun.pos_ == "NOUN" and noun.head.pos_ == "NOUN" and noun.head.i > noun.i:
            noun = noun.head  # "kills 4 brother children": the number hung on the first noun of a compound
        return noun, noun
    tok = root
    for _ in range(3):  # "dozens of people", "35 of the fighters", "tens of thousands of people"
        prep = next((c for c in tok.children if c.dep_ == "prep" and _low(c) == "of"), None)
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
        if pobj is None:
            break
        if pobj.i not in span_ids:
            return pobj, root
        tok = pobj
    return None, root


def _acronym(tok: Token) -> bool:
    """A group's initials after a number ("8 IS", "7 YPG") are a noun, whatever tag the parser gave them."""
    return tok.is_alpha and tok.is_upper and len(tok) >= 2 and tok.i > 0 and tok.doc[tok.i - 1].like_num


def _passive(verb: Token) -> bool:
    """A passive or reduced passive ("12 killed"): auxpass, or a participle with no "have" and no object."""
    kids = [c for c in verb.children]
    if any(c.dep_ == "auxpass" for c in kids):
        return True
    has_have = any(c.dep_ == "aux" and lemma(c) == "have" for c in kids)
    has_object = any(c.dep_ == "dobj" for c in kids)
    if verb.tag_ == "VBN":
        return not has_have and not has_object
    return _headline_passive(verb)


#: What a verb that takes an object has beside it when it is active ("rebels killed 5", "said it killed").
_ACTIVE_DEPS = frozenset({"dobj", "dative", "ccomp", "xcomp", "attr", "oprd", "aux", "neg", "prt", "conj"})


def _headline_passive(verb: Token) -> bool:
    """ "3 members of the army assassinated in X", "Five people Beheaded": a headline's reduced passive the
    parser read as a past tense. A verb that needs an object ("kill", "execute") with a subject but no object,
    auxiliary or clause of its own is not active."""
    if verb.tag_ != "VBD" or VICTIM_OBJECT_VERBS.get(lemma(verb)) not in ("killed", "injured"):
        return False
    kids = list(verb.children)
    return any(c.dep_ == "nsubj" for c in kids) and not any(c.dep_ in _ACTIVE_DEPS for c in kids)


def _noun_casualty(noun: Token) -> str | None:
    """A casualty read off the noun itself or its modifiers ("12 dead", "12 wounded soldiers", "people killed")."""
    what = CASUALTY_NOUNS.get(lemma(noun)) or CASUALTY_NOUNS.get(_low(noun))
    if what:
        return what
    for c in noun.children:
        if c.dep_ in ("amod", "acl", "relcl") and c.i != noun.i:
            w = VICTIM_SUBJECT_WORDS.get(_low(c)) or VICTIM_SUBJECT_WORDS.get(lemma(c))
            if w is None and c.dep_ == "acl" and c.tag_ == "VBN":
                w = VICTIM_OBJECT_VERBS.get(lemma(c)) or ("killed" if _shot_dead(c) else None)
            if w:
                return w
    return _headline_participle(noun)


def _headline_participle(noun: Token) -> str | None:
    """A headline's reduced passive the parser hung on a later noun of the counted phrase: "5 members of the
    factions killed in clashes" (on "factions"), "5 citizens and a child killed" (on "child")."""
    if noun.dep_ != "ROOT":  # a noun phrase with no verb of its own: not "relatives of the soldiers killed ... attended"
        return None
    later = [x for c in noun.children if c.dep_ == "prep" and _low(c) in ("of", "from") for x in c.children if x.dep_ == "pobj"]
    later += [c for c in noun.children if c.dep_ == "conj"]
    for x in later:
        for c in x.children:
            if c.dep_ == "acl" and c.tag_ == "VBN" and not any(k.dep_ == "dobj" for k in c.children):
                if (w := VICTIM_OBJECT_VERBS.get(lemma(c))) in ("killed", "injured"):
                    return w
    return None


def _first_conjunct(tok: Token) -> Token:
    while tok.dep_ == "conj" and tok.head.i != tok.i and tok.head.pos_ not in ("VERB", "AUX"):
        tok = tok.head
    return tok


def link(root: Token, span_ids: set[int]) -> Link | None:
    """Attach a quantity (its root token and the ids of its tokens) to a casualty word, or None."""
    noun, arg = find_noun(root, span_ids)
    if noun is not None and (lemma(noun) in _ANIMALS or _low(noun) in _ANIMALS):
        return None  # "shot and killed four cows": ACLED counts people
    partitive = noun is not None and arg.i != noun.i  # "several of the wounded died"
    if partitive and noun is not None and any(c.dep_ == "nummod" for c in noun.children):
        return None  # "three of the five victims": the five is read on its own, the three is a subset
    if noun is not None and (own := _listed_state(arg, noun)) is not None:
        return Link(noun, noun, own, _subset_head(arg, noun))
    if noun is not None and not partitive:
        w = _noun_casualty(noun)
        if w == "killed":
            return Link(noun, noun, w, _subset_head(arg, noun))
        if w:  # "executes 2 prisoners", "the lives of 4 displaced people": the clause's death decides
            role = _predicate(noun, arg)
            return role if role is not None and role.what == "killed" else Link(noun, noun, w, _subset_head(arg, noun))
    if noun is not None and noun.lower_ in ("them", "whom"):
        w = VICTIM_OBJECT_VERBS.get(lemma(arg.head)) if arg.dep_ == "dobj" else None
        if w == "killed" and not any(t.like_num for t in arg.sent if t.i < arg.i):
            return Link(noun, arg.head, w)  # "rescuers came and the gunmen fired, killing seven of them"
        return None  # "12 of them": a subset of a count already read
    found = _predicate(noun, arg)
    if found is None and partitive and noun is not None and (w := _noun_casualty(noun)):
        return Link(noun, noun, w, _subset_head(arg, noun))
    return found if found is not None else _window(root, noun)


def _listed_state(arg: Token, noun: Token) -> str | None:
    """A later item of a list of victims whose own words name another state ("killed 14 civilians and
    thousands of displaced people"): that state, not the first item's death. None for the first item, which
    the clause decides ("the lives of 4 displaced people")."""
    item = arg if arg.dep_ == "conj" else noun if noun.dep_ == "conj" else None
    if item is None or item.head.i == item.i or item.head.pos_ not in ("NOUN", "PROPN", "NUM"):
        return None
    own = _noun_casualty(noun)
    return own if own not in (None, "killed") else None


def _predicate(noun: Token | None, arg: Token) -> Link | None:
    """The casualty verb, adjective or toll that the counted phrase is an argument of."""
    arg = _first_conjunct(arg)
    sub = _subset_head(arg, noun)
    head, dep = arg.head, arg.dep_
    if sub is not None:
        # "including five children": the role is the parent's.
        return Link(noun, sub, "", sub)
    if dep in _PASSIVE_SUBJ or (dep == "nsubj" and head.pos_ == "VERB" and _passive(head)):
        w = VICTIM_OBJECT_VERBS.get(lemma(head)) or VICTIM_SUBJECT_WORDS.get(_low(head))
        if w in (None, "injured") and _shot_dead(head):
            w = "killed"  # "4 civilians were shot dead", "a soldier was fatally wounded"
        if w:
            return Link(noun, head, w)
    if dep == "nsubj" and _shot_dead(head) and not any(c.dep_ == "dobj" for c in head.children):
        return Link(noun, head, "killed")  # a headline's "Two people shot dead in X", parsed as active
    if dep in ("nsubj", "nsubjpass"):
        # an active "rebels killed" makes the subject the perpetrator: only lemmas like "die" count
        w = VICTIM_SUBJECT_WORDS.get(_low(head) if head.pos_ == "ADJ" else lemma(head))
        if w and head.pos_ != "NOUN" and lemma(head) not in VICTIM_OBJECT_VERBS:
            return Link(noun, head, w)
        if lemma(head) == "be" or lemma(head) == "remain":  # "12 people are dead / missing"
            for c in head.children:
                if c.dep_ in ("acomp", "attr") and (w := VICTIM_SUBJECT_WORDS.get(_low(c))):
                    return Link(noun, c, w)
    if dep == "conj" and head.pos_ == "VERB" and arg.pos_ in ("NUM", "NOUN") and not _passive(head):
        if any(c.dep_ == "dobj" for c in head.children) and (w := VICTIM_OBJECT_VERBS.get(lemma(head))):
            return Link(noun, head, w)  # "killing him and two of his guards" parsed with "two" on the verb
    if dep == "dobj":
        w = VICTIM_OBJECT_VERBS.get(lemma(head))
        if w in (None, "injured") and _shot_dead(head):
            w = "killed"  # "shot dead 5 soldiers", "fatally wounded two men"
        if w is None and lemma(head) == "lose" and noun is not None and WHO.get(lemma(noun)):
            w = "killed"  # "the army lost 30 men"
        if w:
            return Link(noun, head, w)
        if lemma(head) in ("leave", "leaf"):  # "leaving 12 people dead"
            for c in head.children:
                if c.dep_ in _RESULT_DEPS and c.i != arg.i and (w := VICTIM_SUBJECT_WORDS.get(_low(c))):
                    return Link(noun, c, w)
            for c in arg.subtree:  # "leaves 8 fighters of a faction dead": the parser hangs "dead" on "faction"
                if c.i > arg.i and c.pos_ == "ADJ" and c.dep_ in _RESULT_DEPS and (w := VICTIM_SUBJECT_WORDS.get(_low(c))):
                    return Link(noun, c, w)
    if dep == "pobj":
        prep = head
        gov = prep.head
        if _low(prep) == "of" and (w := CASUALTY_NOUNS.get(lemma(gov))):
            if gov.dep_ == "dobj" and lemma(gov) == "life" and VICTIM_OBJECT_VERBS.get(lemma(gov.head)) == w:
                return Link(noun, gov.head, w)  # "the war claimed the lives of 20": the verb's clause decides
            return Link(noun, gov, w)  # "a death toll of 35", "the lives of 20 people"
        if _low(prep) == "of" and lemma(gov) in _GROUP_OF and gov.i != arg.i:
            found = _predicate(gov, gov)  # "killed a family of seven": the family is the seven
            return Link(gov, found.pred, found.what) if found is not None else None
        if lemma(gov) in TOLL_VERBS | TOLL_MOVERS and (toll := _toll_subject(gov)) is not None:
            return Link(noun, toll[0], toll[1])  # "the toll rose to 35"
    if dep in ("attr", "dobj") and lemma(head) in TOLL_VERBS and (toll := _toll_subject(head)) is not None:
        return Link(noun, toll[0], toll[1])  # "the death toll was 35"
    return None


def _toll_subject(verb: Token) -> tuple[Token, str] | None:
    """The subject of a toll verb when it is a toll ("the toll", "the number of people killed")."""
    deps = ("dobj",) if lemma(verb) in TOLL_MOVERS else ("nsubj", "nsubjpass")
    for c in verb.children:
        if c.dep_ not in deps:
            continue
        if lemma(c) in ("toll", "death", "casualty"):
            return c, CASUALTY_NOUNS[lemma(c)]
        if lemma(c) in _TALLY_NOUNS:  # "the number of people killed rose to 21"
            inner = _noun_casualty_deep(c)
            if inner is None and deps == ("dobj",):  # "more martyrs raise the number to 8": the mover's dead
                inner = next((CASUALTY_NOUNS[lemma(x)] for x in verb.children
                              if x.dep_ == "nsubj" and CASUALTY_NOUNS.get(lemma(x)) == "killed"), None)
            return (c, inner) if inner else None
    return None


def _noun_casualty_deep(tok: Token) -> str | None:
    for c in tok.subtree:
        if c.i == tok.i:
            continue
        if lemma(c) in CASUALTY_NOUNS:
            return CASUALTY_NOUNS[lemma(c)]
        if c.dep_ in ("acl", "relcl", "amod") and (w := VICTIM_OBJECT_VERBS.get(lemma(c))):
            return w
    return None


def _subset_head(arg: Token, noun: Token | None) -> Token | None:
    """The token an "including N children" / "among them" phrase attaches to, else None."""
    tok = noun if noun is not None else arg
    if tok.dep_ == "pobj" and lemma(tok.head) in SUBSET_PREPS | {"including"}:
        return tok.head.head
    return None


def _window(root: Token, noun: Token | None) -> Link | None:
    """Fallback on a misparse: "35 killed", "12 dead" right after the number or its noun."""
    doc = root.doc
    i = (noun.i if noun is not None and noun.i > root.i else root.i) + 1
    for j in range(i, min(i + 3, len(doc))):
        t = doc[j]
        if t.is_punct or t.dep_ == "cc":
            return None
        w = VICTIM_SUBJECT_WORDS.get(_low(t))
        if w:
            if any(c.dep_ == "dobj" for c in t.children):
                return None  # "200 rebels killed 5 soldiers": the number is the perpetrator
            return Link(noun, t, w)
        if lemma(t) not in _BRIDGE:
            return None
    return None


def who_of(noun: Token | None) -> str:
    """civilians | combatants | unknown, from the counted noun and its modifiers."""
    if noun is None:
        return "unknown"
    base = lemma(noun)
    if base in ("member", "members"):
        for c in noun.children:
            if c.dep_ == "prep" and _low(c) == "of":
                inner = next((x for x in c.children if x.dep_ == "pobj"), None)
                if inner is not None and WHO.get(lemma(inner)) == "civilians":
                    return "civilians"
        return "combatants"
    for c in noun.children:  # "civilian deaths", "rebel fighters", "government troops"
        if c.dep_ in ("amod", "compound") and WHO.get(lemma(c)) in ("civilians", "combatants"):
            return WHO[lemma(c)]
    if base in _DEATH_COUNT_NOUNS:
        for c in noun.children:
            if c.dep_ == "prep" and _low(c) == "of":
                inner = next((x for x in c.children if x.dep_ == "pobj"), None)
                if inner is not None:
                    return WHO.get(lemma(inner), "unknown")
        return "unknown"
    if base in ("side",):
        return "combatants"
    if base not in WHO and noun.is_alpha and noun.is_upper and len(noun) >= 2:
        return "combatants"  # "50 of ISIS", "8 YPG": an armed group's initials count its members
    return WHO.get(base, WHO.get(_low(noun), "unknown"))


#: Units of time whose plural heads a multi-day tally ("two days of air strikes", "weeks of shelling").
_PERIOD_UNITS = _LEX.words("time_units") - {"hour"}


def _several_periods(tok: Token) -> bool:
    """ "Two days of X", "a week of X", "months of X": more than one day of some activity."""
    if lemma(tok) not in _PERIOD_UNITS or (lemma(tok) == "day" and tok.tag_ != "NNS"):
        return False
    return any(c.dep_ == "prep" and _low(c) == "of" for c in tok.children)


def _news_present(verb: Token) -> bool:
    """A headline's simple present ("fighting kills 30"): one event's news, not a running total."""
    return verb.tag_ in ("VBZ", "VBP") and not any(
        c.dep_ == "aux" and lemma(c) == "have" for c in verb.children
    )


def cumulative(pred: Token, noun: Token | None) -> bool:
    """True for a war-wide or since-date total: context, not one event's toll."""
    if pred.dep_ in ("relcl", "acl") and lemma(pred.head) in WAR_NOUNS:
        return True  # "the war, which has killed more than 250,000"
    chain = [pred]
    tok = pred
    for _ in range(2):
        if tok.head.i == tok.i:
            break
        tok = tok.head
        chain.append(tok)
        if tok.pos_ == "VERB":
            break
    if noun is not None:
        chain.append(noun)
    campaign = pred.dep_ in ("relcl", "acl") and lemma(pred.head) in CAMPAIGN_NOUNS
    for t in chain:
        for c in t.children:
            lc = lemma(c)
            if c.dep_ in ("nsubj", "poss") and lc in WAR_NOUNS:
                return True  # "the conflict has killed", "the war's death toll"
            if c.dep_ == "nsubj" and _several_periods(c):
                return True  # "two days of air strikes left scores dead": a tally of several events
            if (
                c.dep_ == "prep"
                and lc in ("from", "of")
                and any(_several_periods(x) for x in c.children if x.dep_ == "pobj")
            ):
                return True  # "the toll from a week of raids"
            if c.dep_ in ("nsubj", "poss") and lc in CAMPAIGN_NOUNS and not _news_present(t):
                campaign = True  # "the battle cost the lives of 180" (not the headline "fighting kills 30")
            if c.dep_ == "prep" and lc in ("during", "over", "throughout"):
                if any(lemma(x) in PERIOD_NOUNS for x in c.children if x.dep_ == "pobj"):
                    return True  # "died during the winter", "killed over the past month"
            if c.dep_ in ("prep", "mark") and lc == "since":
                return True
            if c.dep_ == "advcl" and any(x.dep_ == "mark" and lemma(x) == "since" for x in c.children):
                return True  # "killed since the truce began"
            if c.dep_ == "prep" and lc in _WAR_PREPS:
                if any(lemma(x) in WAR_NOUNS for x in c.children if x.dep_ == "pobj"):
                    return True  # "killed in the war", "the toll of the conflict"
            if c.dep_ in ("advmod", "npadvmod") and c.i + 1 < len(c.doc):
                pair = f"{c.lower_} {c.doc[c.i + 1].lower_}"
                prev = f"{c.doc[c.i - 1].lower_} {c.lower_}" if c.i > 0 else ""
                if pair in CUMULATIVE_ADVERBS or prev in CUMULATIVE_ADVERBS or c.lower_ in CUMULATIVE_ADVERBS:
                    return True
    return campaign and not _names_a_day(pred.sent)
