"""Casualty counts of an article: one Count per quantity phrase tied to a casualty word."""

from __future__ import annotations

from typing import Any

from trucewatch.casualties.lexicon import (
    ACCUSATION_WORDS,
    CASUALTY_NOUNS,
    CHILD_WORDS,
    CLAIM_VERBS,
    INCREMENT_AFTER,
    INCREMENT_BEFORE,
    RUNNING_VERBS,
    SUBSET_WORDS,
    VICTIM_OBJECT_VERBS,
    VICTIM_SUBJECT_WORDS,
    attempted,
)
from trucewatch.casualties.link import cumulative, lemma, link, who_of
from trucewatch.casualties.numbers import QUANTITY_RE, read_quantity
from trucewatch.casualties.singular import singular_counts
from trucewatch.lexicon import lexicon
from trucewatch.model import NEWS_SEGMENTS, Article, Count, ParsedSegment, SegmentKind
from trucewatch.nlp.spans import entity_at
from trucewatch.rules import Runner, rule

_LEX = lexicon()

#: Segments read for counts: the news and subheadings (captions describe other days).
COUNTED_KINDS = NEWS_SEGMENTS | {SegmentKind.HEADING}
_SKIP_ENTS = frozenset({"TIME", "PERCENT", "MONEY", "ORDINAL", "QUANTITY"})
_DATEISH = _LEX.regex("dateish_word")
_MAX_PHRASE_TOKENS = 12
#: Prepositions that put a death before the sentence's event ("after the death of 170 people").
_BEFORE_WORDS = _LEX.words("antecedent_prepositions")

#: Nouns of a running total ("the toll rose to 41", "the number of dead reached 21").
_COUNT_NOUNS = _LEX.words("tally_nouns") | {"toll"}


def annotate(article: Article, parsed: list[ParsedSegment]) -> list[Count]:
    """Every casualty phrase in the article's news segments, with absolute offsets."""
    out: list[Count] = []
    for ps in parsed:
        if ps.segment.kind in COUNTED_KINDS:
            out.extend(doc_counts(ps.doc, ps.segment.start))
    return out


def doc_counts(doc: Any, base: int = 0) -> list[Count]:
    """Counts in one spaCy Doc (or Span); ``base`` is added to character offsets."""
    out: list[Count] = []
    count_rules, toll_rules = Runner("count"), Runner("toll")
    for sent in doc.sents:
        out.extend(_sentence_counts(sent, base, count_rules, toll_rules))
    return out


def _kind(tok: Any) -> str | None:
    """killed / injured / captured ... for a casualty verb, adjective or noun ("kill", "dead", "martyrs")."""
    return (
        VICTIM_OBJECT_VERBS.get(lemma(tok))
        or VICTIM_SUBJECT_WORDS.get(tok.lower_)
        or VICTIM_SUBJECT_WORDS.get(lemma(tok))
        or CASUALTY_NOUNS.get(lemma(tok))
    )


def _own_victims(tok: Any) -> bool:
    """Does ``tok`` have victims of its own ("killed 10 people and injured dozens of others", "12 wounded")?"""
    return any(c.dep_ in ("dobj", "nsubj", "nsubjpass", "attr", "nummod", "npadvmod") or c.like_num for c in tok.children)


_JOINT_KINDS = frozenset({"killed", "injured", "captured"})


def _partners(w: Any) -> list[Any]:
    """Words joined to casualty word ``w`` by "and"/"or": its conjuncts by the parse, and the word right after
    "and" (headlines often parse wrong: "leaving 6 martyrs and injured")."""
    out = [c for c in w.children if c.dep_ == "conj"]
    if w.dep_ == "conj":
        out.append(w.head)
        out += [c for c in w.head.children if c.dep_ == "conj" and c.i != w.i]
    if w.dep_ in ("oprd", "acomp", "xcomp"):  # "left 9 dead and wounded"
        out += [c for c in w.head.children if c.dep_ == "conj"]
    doc = w.doc
    if w.i + 2 < len(doc) and doc[w.i + 1].lower_ in ("and", "or", "&"):
        out.append(doc[w.i + 2])
    return out


@rule(
    "casualties.killed-and-wounded",
    phase="count",
    reason='"15 fighters were killed and wounded", "killed or captured 12": one number for the dead and the '
    "wounded (or captured) together says only that at most that many died: the deaths are unknown.",
)
def killed_and_wounded(pred: Any) -> str | None:
    words = [pred] + [c for c in pred.children if c.dep_ in ("acl", "amod", "oprd", "acomp", "xcomp")]
    for w in words:
        own = _kind(w)
        if own not in ("killed", "injured"):
            continue
        for c in _partners(w):
            other = _kind(c)
            if other in _JOINT_KINDS and other != own and not _own_victims(c):
                return "killed and wounded"
    return None


@rule(
    "casualties.after-a-death",
    phase="count",
    reason='"After the death of 170 people, the factions agreed to a truce": deaths named as what came before '
    "the sentence's event are an earlier event's toll, not this one's.",
    order=200,
)
def after_a_death(pred: Any) -> str | None:
    tok = pred
    for _ in range(2):  # "after the death of N", "after the killing of N"
        if tok.dep_ == "pobj" and tok.head.lower_ in _BEFORE_WORDS and tok.pos_ == "NOUN":
            return "earlier event"
        if tok.head.i == tok.i or tok.pos_ != "NOUN":
            return None
        tok = tok.head
    return None


def _sentence_counts(
    sent: Any, base: int, count_rules: Runner | None = None, toll_rules: Runner | None = None
) -> list[Count]:
    doc = sent.doc
    text = sent.text
    off = sent.start_char
    counts: list[tuple[Count, Any]] = []  # (count, the token its role hangs from)
    whole: list[tuple[Count, Any]] = []  # counts under "among"/"including" that have a casualty word of their own
    listed: dict[int, Any] = {}  # id(count) -> the first item of the list of victims it is in
    subsets: list[tuple[int | None, str, Any]] = []  # (value, noun lemma, parent token)
    covered: set[int] = set()  # token ids already read as part of a count
    for m in QUANTITY_RE.finditer(text):
        q = read_quantity(m)
        if q is None:
            continue
        span = doc.char_span(off + q.start, off + q.end, alignment_mode="expand")
        if span is None or not len(span) or _not_a_count(span):
            continue
        ids = {t.i for t in span}
        found = link(span.root, ids)
        if found is None or _superseded(span.root):
            continue
        if any(c.dep_ == "neg" for c in found.pred.children) or attempted(found.pred):
            continue  # "12 people were not killed", "tried to kill 12 soldiers"
        if span.start > 0 and doc[span.start - 1].lower_ == "no":
            q.best = q.low = q.high = 0  # "no one was killed"
        covered.update(ids)
        if found.noun is not None:
            covered.add(found.noun.i)
        if found.subset_of is not None and not found.what:
            subsets.append((q.best, lemma(found.noun) if found.noun is not None else "", found.subset_of))
            continue
        who = who_of(found.noun)
        children = q.best if found.noun is not None and lemma(found.noun) in CHILD_WORDS else None
        lo_i = min([span.start, *(t.i for t in (found.noun, found.pred) if t is not None)])
        hi_i = max([span.end - 1, *(t.i for t in (found.noun, found.pred) if t is not None)])
        if hi_i - lo_i >= _MAX_PHRASE_TOKENS:
            lo_i, hi_i = span.start, max(span.end - 1, found.noun.i if found.noun is not None else 0)
        phrase = doc[lo_i : hi_i + 1]
        count = Count(
            what=found.what,
            who=who,
            best=q.best,
            low=q.low,
            high=q.high,
            qualifier=q.qualifier,
            children=children,
            cumulative=cumulative(found.pred, found.noun),
            text=phrase.text,
            start=base + phrase.start_char,
            end=base + phrase.end_char,
            rule=_rule(span, found, q.best),
        )
        fired = count_rules.first(found.pred) if count_rules is not None and found.what in ("killed", "injured") else None
        if fired is not None and fired[1] == "killed and wounded":  # the dead are at most N, their number unknown
            count.what, count.best, count.low, count.qualifier, count.rule = "killed", None, None, "up_to", fired[1]
        elif fired is not None:  # "after the death of N": an earlier event's toll, context here
            count.cumulative, count.rule = True, fired[1]
        if found.subset_of is not None:
            subsets.append((q.best, lemma(found.noun) if found.noun is not None else "", found.subset_of))
            whole.append((count, found.noun if found.noun is not None else found.pred))
            continue
        counts.append((count, found.noun if found.noun is not None else found.pred))
        listed[id(count)] = _list_token(span.root)
    for value, noun_lemma, parent_tok in subsets:
        parent = _parent(counts, parent_tok)
        if parent is not None and noun_lemma in CHILD_WORDS and value is not None:
            parent.children = (parent.children or 0) + value
    if not counts:  # "a commander among 6 fighters killed": no count for the part, the six are the whole
        counts.extend((c, tok) for c, tok in whole if c.what)
    anchors = {id(c): tok for c, tok in counts}
    single_tokens: dict[int, Any] = {}
    singles = singular_counts(sent, covered, base, single_tokens)
    anchors.update(single_tokens)
    listed.update({k: _list_token(tok) for k, tok in single_tokens.items()})
    found = sorted([c for c, _ in counts] + singles, key=lambda c: c.start)
    found = _join_listed(found, listed, anchors, sent.doc.text, base)
    if toll_rules is not None:
        for c in found:
            fired = toll_rules.first(c, found, anchors.get(id(c)), base=base)
            if fired is not None:  # context beside this event's toll, not its toll
                c.cumulative, c.rule = True, fired[1]
    return found


def _list_token(tok: Any) -> Any:
    """The first item of the list of victims ``tok`` is in ("a woman, two of her children and another man")."""
    if tok.dep_ in ("nummod", "quantmod") and tok.head.pos_ in ("NOUN", "PROPN"):
        tok = tok.head  # "5 citizens and a child": the number's noun is the list item
    for _ in range(6):
        if tok.dep_ != "conj" or tok.head.i == tok.i or tok.head.pos_ not in ("NOUN", "PROPN", "NUM", "PRON"):
            break
        tok = tok.head
    return tok


_LIST_RULES = frozenset({"stated", "subset"})


def _join_listed(found: list[Count], listed: dict[int, Any], anchors: dict[int, Any], text: str, base: int) -> list[Count]:
    """Three or more victims listed together as one object or subject ("kill a woman and two of her children and
    another man") are one count, their sum: not a total stated beside two of its parts."""
    groups: dict[tuple[int, str], list[Count]] = {}
    for c in found:
        tok = listed.get(id(c))
        if tok is not None and c.best is not None and not c.cumulative and c.rule in _LIST_RULES:
            groups.setdefault((tok.i, c.what), []).append(c)
    out = list(found)
    for items in groups.values():
        if len(items) < 3:  # two add up anyway; three could pass for a total and two parts
            continue
        first = min(items, key=lambda c: c.start)
        whos = {c.who for c in items} - {"unknown"}
        joined = Count(
            what=first.what,
            who=whos.pop() if len(whos) == 1 else "unknown",
            best=sum(c.best or 0 for c in items),
            low=sum(c.low for c in items if c.low is not None) if all(c.low is not None for c in items) else None,
            high=sum(c.high for c in items if c.high is not None) if all(c.high is not None for c in items) else None,
            qualifier=next((c.qualifier for c in items if c.qualifier != "exact"), "exact"),
            children=sum(c.children for c in items if c.children) or None,
            text=text[min(c.start for c in items) - base : max(c.end for c in items) - base],
            start=min(c.start for c in items),
            end=max(c.end for c in items),
            rule="stated",
        )
        anchors[id(joined)] = anchors.get(id(first))
        out = [c for c in out if all(c is not x for x in items)] + [joined]
    return sorted(out, key=lambda c: c.start)


@rule(
    "casualties.running-beside-toll",
    phase="toll",
    reason='"Shelling kills a woman and raises the death toll to 498": a running total beside the deaths the news '
    "adds, at least twice as many, counts earlier deaths too; the added deaths are the toll. More victims of the "
    'same event ("three more died, bringing the toll to 41", "bodies of four found, bringing the toll to six") and '
    'a total that names its event ("the toll of Saturday\'s bombing") keep the running total.',
)
def running_beside_toll(count: Count, sentence: list[Count], anchor: Any = None, base: int = 0) -> str | None:
    if count.rule != "running" or count.what != "killed" or count.cumulative or _names_its_event(anchor):
        return None
    added = [
        c
        for c in sentence
        if c is not count and c.what == "killed" and not c.cumulative and c.best is not None
        and c.qualifier != "vague" and c.rule not in ("running", "increment", "partisan claim")
        and 2 * c.best <= (count.best or 0)
    ]
    if not added or any(c.rule == "increment" for c in sentence if c.what == "killed"):
        return None
    return "running total"


@rule(
    "casualties.accused-of",
    phase="toll",
    reason='"executes two men on charges of killing a person", "accused of murdering a teacher": a killing named '
    "as the charge against someone is no death of the event told.",
)
def accused_of(count: Count, sentence: list[Count], anchor: Any = None, base: int = 0) -> str | None:
    if anchor is None or count.cumulative:
        return None
    tok = anchor
    for _ in range(5):
        if tok.head.i == tok.i:
            return None
        if tok.dep_ in ("pcomp", "pobj") and tok.head.lower_ in ("of", "with") and _legal_ground(tok.head.head):
            return "accusation"
        if tok.tag_ in ("VBD", "VBZ", "VBP") and tok.dep_ in ("ROOT", "conj", "ccomp"):
            return None  # the count's own finite clause: not inside a charge
        tok = tok.head
    return None


_PROTESTED = _LEX.words("protested_death_heads")
_DEATH_EVENT_NOUNS = _LEX.words("death_event_nouns")


@rule(
    "casualties.protested-killing",
    phase="toll",
    reason='"residents protesting the killing of two traders", "a rally against the murder of a trader": a killing '
    "that a protest, mourning or inquiry is about came before the event told.",
)
def protested_killing(count: Count, sentence: list[Count], anchor: Any = None, base: int = 0) -> str | None:
    if anchor is None or count.what != "killed" or count.cumulative:
        return None
    tok = anchor
    for _ in range(4):
        if lemma(tok) in _DEATH_EVENT_NOUNS and tok.pos_ == "NOUN":
            head = tok.head
            if tok.dep_ == "dobj" and lemma(head) in _PROTESTED:
                return "earlier event"
            if tok.dep_ == "pobj" and head.lower_ in ("against", "over", "for") and lemma(head.head) in _PROTESTED:
                return "earlier event"
            return None
        if tok.head.i == tok.i:
            return None
        tok = tok.head
    return None


_FUNERAL = _LEX.words("funeral_words")


@rule(
    "casualties.funeral-of",
    phase="toll",
    reason='"A funeral held for 14 fighters who were killed in X", "mourners buried 3 soldiers": the dead a funeral or '
    "mourning is for died in an earlier event.",
)
def funeral_of(count: Count, sentence: list[Count], anchor: Any = None, base: int = 0) -> str | None:
    if anchor is None or count.what != "killed" or count.cumulative:
        return None
    tok = anchor
    if tok.dep_ in ("nummod", "quantmod") and tok.head.pos_ in ("NOUN", "PROPN"):
        tok = tok.head
    if tok.dep_ == "dobj" and lemma(tok.head) in _FUNERAL:
        return "earlier event"  # "mourners buried 3 soldiers"
    if tok.dep_ != "pobj" or tok.head.lower_ not in ("of", "for"):
        return None
    held = tok.head.head  # "the funeral of 3 soldiers", "funeral held for 14 fighters"
    if lemma(held) in _FUNERAL or any(c.dep_ in ("nsubj", "nsubjpass") and lemma(c) in _FUNERAL for c in held.children):
        return "earlier event"
    return None


@rule(
    "casualties.after-clause",
    phase="toll",
    reason='"After the guards killed 411 people trying to cross, factions kill a girl", "After executing thousands, '
    'ISIS executes 2 prisoners": deaths in an undated after-clause, beside deaths the main clause tells, came '
    "before the news: the main clause's deaths are the toll (\"one day after dozens died in a strike on X\" is an "
    "event of its own: its count goes to that clause's trigger).",
)
def after_clause(count: Count, sentence: list[Count], anchor: Any = None, base: int = 0) -> str | None:
    if anchor is None or count.what != "killed" or count.cumulative:
        return None
    clause = _after_clause(anchor)
    if clause is None:
        return None
    lo, hi = base + clause[0], base + clause[1]
    main = [
        c for c in sentence
        if c is not count and c.what == "killed" and not c.cumulative and c.best is not None
        and c.rule != "partisan claim" and (c.end <= lo or c.start >= hi)
    ]
    return "earlier event" if main else None


def _legal_ground(tok: Any) -> bool:
    """ "on charges (of)", "on suspicion (of)", "charged (with)", "convicted (of)": a charge, not blame."""
    if lemma(tok) not in ACCUSATION_WORDS:
        return False
    return tok.pos_ == "VERB" or (tok.dep_ == "pobj" and tok.head.lower_ == "on")


def _after_clause(tok: Any) -> tuple[int, int] | None:
    """Character range (in the doc) of the "after ..." clause ``tok`` is in, without its conjuncts; else None."""
    for _ in range(4):
        if tok.pos_ in ("VERB", "AUX"):
            break
        if tok.head.i == tok.i:
            return None
        tok = tok.head
    if tok.pos_ not in ("VERB", "AUX"):
        return None
    if any(c.dep_ == "mark" and c.lower_ in _BEFORE_WORDS for c in tok.children):
        lead = tok
    elif tok.dep_ == "pcomp" and tok.head.lower_ in _BEFORE_WORDS:
        lead = tok.head
    else:
        return None
    skip = {t.i for c in tok.children if c.dep_ == "conj" for t in c.subtree}
    ids = [t.i for t in lead.subtree if t.i not in skip]
    doc = tok.doc
    if any(c.dep_ == "npadvmod" for c in (*tok.children, *lead.children)) or any(
        doc[i].ent_type_ in ("DATE", "TIME") for i in ids
    ):
        return None  # "one day after dozens died in a strike on X": a dated event of its own, told beside this one
    return doc[min(ids)].idx, doc[max(ids)].idx + len(doc[max(ids)])


def _names_its_event(toll_tok: Any) -> bool:
    """ "the toll of Saturday's bombing", "the number killed in the attack": the total is one event's."""
    if toll_tok is None:
        return False
    for prep in (c for c in toll_tok.subtree if c.dep_ == "prep" and c.lower_ in ("of", "in", "from")):
        for obj in (x for x in prep.children if x.dep_ == "pobj"):
            if any(k.dep_ == "poss" or (k.dep_ == "det" and k.lower_ in ("the", "this", "that")) for k in obj.children):
                return True
    return False


def _rule(span: Any, found: Any, best: int | None) -> str:
    """How one numbered count adds to a toll (see ``Count.rule``)."""
    doc = span.doc
    if best is None:
        return "unknown"  # "an unknown number of soldiers were killed"
    pred = found.pred
    if pred.pos_ == "VERB" and not any(c.dep_ in ("nsubjpass", "auxpass") for c in pred.children):
        tok = pred
        for _ in range(2):  # "the group claimed to have killed 20 soldiers", "claimed it killed"
            if tok.dep_ not in ("xcomp", "ccomp") or tok.head.i == tok.i:
                break
            tok = tok.head
            if lemma(tok) in CLAIM_VERBS:
                return "partisan claim"
    if lemma(pred) in _COUNT_NOUNS and lemma(pred.head) in RUNNING_VERBS:
        return "running"  # "the toll rose to 41"
    if pred.dep_ in ("nsubj", "dobj") and lemma(pred.head) in RUNNING_VERBS and lemma(pred) in ("toll", "tally"):
        return "running"  # "bringing the toll to 41"
    arg = found.noun if found.noun is not None else span.root
    if arg.dep_ == "pobj" and arg.head.lower_ == "to" and lemma(arg.head.head) in RUNNING_VERBS:
        return "running"  # "raises to 355 the number of people killed", "rises to 40 persons killed"
    if any(c.dep_ == "advmod" and c.lower_ == "also" for c in pred.children):
        return "increment"  # "three civilians were also killed": more victims, not another estimate
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    after = doc[span.end].lower_ if span.end < len(doc) else ""
    if before in INCREMENT_BEFORE or after in INCREMENT_AFTER:
        return "increment"  # "another four people died", "two more were killed"
    if found.noun is not None and lemma(found.noun) in SUBSET_WORDS:
        return "subset"  # "13 children died": a part of the whole toll
    return "stated"


def _parent(counts: list[tuple[Count, Any]], tok: Any) -> Count | None:
    """The count whose noun or casualty word ``tok`` is (or governs)."""
    for c, anchor in counts:
        if anchor.i == tok.i:
            return c
    for c, anchor in counts:
        if anchor.head.i == tok.i or tok.head.i == anchor.i:
            return c
    return counts[-1][0] if counts else None


def _not_a_count(span: Any) -> bool:
    """Dates, times, percentages, money and measures are not counts of people."""
    root = span.root
    if root.ent_type_ in _SKIP_ENTS:
        return True
    if root.ent_type_ == "DATE":
        ent = entity_at(span.doc, root.i)
        if ent is not None and _DATEISH.search(ent.text):
            return True
    return bool(root.head.ent_type_ == "DATE" and _DATEISH.search(root.head.text))


_TOLL_NOUNS = _LEX.words("toll_figure_nouns")
_OLD = _LEX.words("superseded_modifiers")


def _superseded(tok: Any) -> bool:
    """A figure given as replaced: "raised its earlier toll of nine", "the initial count of five"."""
    for _ in range(3):
        if tok.lemma_.lower() in _TOLL_NOUNS:
            return any(c.lower_ in _OLD for c in tok.children if c.dep_ in ("amod", "advmod", "compound"))
        if tok.head.i == tok.i:
            return False
        tok = tok.head
    return False
