"""Noun phrases around a trigger: which actor a phrase names, and what kind of target it is."""

from __future__ import annotations

from typing import Any

from trucewatch.lexicon import lexicon
from trucewatch.model import ActorRef
from trucewatch.nlp.repair import HEDGE_VERBS

_LEX = lexicon()
#: Dependencies that stay inside a noun phrase's modifiers ("the army's", "Russian", "regime").
NP_DEPS = frozenset({"compound", "amod", "poss", "nmod", "nn", "appos", "npadvmod", "det"})
PRONOUNS = _LEX.words("referring_pronouns")
POSS_PRONOUNS = _LEX.words("owner_pronouns")
#: Means without an owner: "warplanes struck", "a suicide bomber blew himself up" name no actor by themselves.
UNATTRIBUTED = _LEX.words("unowned_means")
#: Modifiers that give such means an owner ("government aircraft", "army helicopters").
OWNER_WORDS = _LEX.words("means_owner_words")
#: "dozens of raids", "a wave of strikes": the event noun sits under a quantity noun.
QUANTITY = _LEX.words("event_quantity_nouns")
#: Targets that are civilian places: an attack on them is coded against civilians.
CIVILIAN_SITES = _LEX.words("civilian_site_nouns")
#: Modifiers that make a target place civilian ("a residential quarter", "a crowded street").
RESIDENTIAL = _LEX.words("residential_modifiers")
#: Unarmed people as a target ("beat a man", "detained dozens of men") when no actor is named.
PERSONS = _LEX.words("person_nouns")
#: "a car carrying X", "a convoy transporting X": the vehicle stands for the people in it.
CARRY = _LEX.words("carrying_verbs")
#: Adjectives that describe a thing, not an actor ("a military base", "a military source").
THING_ADJ = _LEX.words("thing_adjectives")
#: Modifiers of a coordinated actor that put it on the same side ("X and allied factions").
ALLY_WORDS = _LEX.words("ally_modifiers")
#: Modifiers tying a noun to the actor it serves ("forces loyal to X", "X-backed militias").
ALLEGIANCE = _LEX.words("allegiance_modifiers")
#: Kinds of actor a generic head never stands for (crowds, victims, media).
NOT_NAMED_KINDS = frozenset({"civilians", "protesters", "rioters", "source"})  # not vocabulary: actor kinds
#: Lemmas on a person noun that make the person a suspect ("a man suspected of ...", "wanted").
SUSPECT_WORDS = _LEX.words("suspect_words")


class NounPhrases:
    """Actor lookups on the noun phrases of one Doc; ``refs`` maps token index -> the ActorRef covering it."""

    def __init__(self, doc: Any, refs: dict[int, ActorRef]) -> None:
        self.doc = doc
        self.refs = refs
        #: id(ref) -> (first token, end token) of its span
        self.spans: dict[int, tuple[int, int]] = {}
        for i, ref in refs.items():
            s, e = self.spans.get(id(ref), (i, i + 1))
            self.spans[id(ref)] = (min(s, i), max(e, i + 1))
        #: ids of refs coordinated as allies of another actor ("X and allied factions")
        self.allies: set[int] = set()
        self._unowned: dict[int, bool] = {}
        #: read a named organisation among a generic head's modifiers (switched by role.named-modifier)
        self.named_modifiers = False

    # --- noun phrases -------------------------------------------------------------------
    def np_actors(self, tok: Any, depth: int = 0) -> list[ActorRef]:
        """Actors of the noun phrase headed by ``tok`` and its conjuncts (first = main)."""
        out: list[ActorRef] = []
        for t in [tok, *tok.conjuncts] if depth == 0 else [tok]:
            ref = self.np_actor(t, depth)
            if ref is not None and ref not in out:
                if t is not tok and any(c.lower_ in ALLY_WORDS for c in t.children):
                    self.allies.add(id(ref))
                out.append(ref)
        return out

    def is_weak(self, ref: ActorRef) -> bool:
        """A common-noun mention ("fighters", "rebel brigades"): no proper name or demonym in it."""
        s, e = self.spans.get(id(ref), (0, 0))
        sent_start = self.doc[s].sent.start if e > s else -1
        return e > s and all(not t.text[:1].isupper() or t.i == sent_start for t in self.doc[s:e])

    def is_unowned(self, ref: ActorRef) -> bool:
        """ "warplanes", "a suicide bomber": means named without a state, side or group."""
        found = self._unowned.get(id(ref))
        if found is None:
            s, e = self.spans.get(id(ref), (0, 0))
            words = " ".join(t.lower_ for t in self.doc[s:e] if t.dep_ != "det" and t.pos_ != "NUM")
            found = e > s and words in UNATTRIBUTED
            if found:
                root = self.doc[e - 1]
                found = not any(c.lower_ in OWNER_WORDS for c in root.children if c.dep_ in NP_DEPS)
            self._unowned[id(ref)] = found
        return found

    def np_actor(self, tok: Any, depth: int = 0) -> ActorRef | None:
        own = self.refs.get(tok.i)
        if own is not None and own.implied:
            own = None if tok.dep_ not in ("pobj", "dobj", "nsubj", "nsubjpass") else own
        if own is not None and self.named_modifiers and self.is_weak(own):
            named = self.named_modifier(tok, own)  # "Katiba Macina (JNIM) militants", "X forces"
            if named is not None:
                return named
        if own is not None and (self.is_weak(own) or self.is_unowned(own)):
            named = self.named_of(tok, depth)  # "fighters of X", "X-led insurgents"
            if named is not None:
                return named
            if self.is_unowned(own):
                return own  # kept; ``_settle`` never makes it actor1
        if own is not None:
            return self.coordinated_first(own)
        stack = [c for c in tok.children if c.dep_ in NP_DEPS]
        while stack:
            c = stack.pop(0)
            if c.i in self.refs and not self.is_thing_adj(c):
                return self.refs[c.i]
            stack.extend(x for x in c.children if x.dep_ in NP_DEPS)
        return self.named_of(tok, depth, any_ref=True)

    def named_modifier(self, tok: Any, own: ActorRef) -> ActorRef | None:
        """A named organisation among the modifiers of a generic head ("Katiba Macina (JNIM) militants",
        "Operation X forces"): the head's own generic actor ("militants", "forces") stands for it. Not a state
        (its forces are named by their own words) nor crowds and sources."""
        for c in tok.children:
            if c.dep_ not in ("compound", "nmod") or c.i > tok.i:
                continue
            ref = self.refs.get(c.i)
            if ref is None or ref is own or ref.implied or self.is_weak(ref) or ref.name == own.name:
                continue
            if (ref.inter in (2, 3, 4, 8) or ref.inter is None) and (ref.kind or "") not in NOT_NAMED_KINDS:
                return ref
        return None

    def is_thing_adj(self, tok: Any) -> bool:
        """ "military" in "a military base": an adjective of a thing, not an actor."""
        return tok.pos_ == "ADJ" and tok.lower_ in THING_ADJ and tok.head.i not in self.refs

    def coordinated_first(self, ref: ActorRef) -> ActorRef:
        """ "Russian and Syrian warplanes": the first of coordinated modifiers is the main actor."""
        s, e = self.spans.get(id(ref), (0, 0))
        for t in self.doc[s:e]:
            if t.dep_ == "conj" and t.head.i < s and t.head.i in self.refs and t.head.dep_ in NP_DEPS:
                first = self.refs[t.head.i]
                if not first.implied and first is not ref:
                    return first
        return ref

    def named_of(self, tok: Any, depth: int, any_ref: bool = False) -> ActorRef | None:
        """An actor the noun belongs to: "fighters of X", "forces loyal to X", "X-led insurgents"."""
        if depth > 2:
            return None
        for c in tok.children:
            if c.dep_ in ("amod", "compound", "npadvmod") and c.lower_ == "led" and c.i > 0:
                for t in c.subtree:
                    ref = self.refs.get(t.i)
                    if ref is not None and not ref.implied and t.i != tok.i:
                        return ref
            if c.dep_ == "acl" and c.lemma_.lower() in CARRY and any_ref:  # "a car carrying a commander"
                for p in c.children:
                    if p.dep_ == "dobj" and (ref := self.np_actor(p, depth + 1)) is not None:
                        return ref
            if c.dep_ == "prep" and c.lower_ in ("of", "from"):
                for p in c.children:
                    if p.dep_ == "pobj":
                        ref = self.np_actor(p, depth + 1)
                        if ref is not None and (any_ref or not self.is_weak(ref)):
                            return ref
            if c.dep_ == "acl" and c.lemma_.lower() in HEDGE_VERBS:  # "jets believed to be Russian"
                for be in c.children:
                    if be.dep_ == "xcomp" and be.lemma_ == "be":
                        for q in be.children:
                            if q.dep_ in ("acomp", "attr", "oprd") and q.i in self.refs:
                                return self.refs[q.i]
                            if (
                                q.dep_ in ("acomp", "attr")
                                and (ref := self.np_actor(q, depth + 1)) is not None
                            ):
                                return ref
            if c.dep_ in ("amod", "acl") and c.lower_ in ALLEGIANCE:
                for p in c.children:
                    if p.dep_ == "prep":
                        for q in p.children:
                            if q.dep_ == "pobj":
                                ref = self.np_actor(q, depth + 1)
                                if ref is not None and (any_ref or c.lower_ == "loyal"):
                                    return ref
        return None

    def subtree_actors(self, tok: Any) -> list[ActorRef]:
        """Distinct actors named anywhere under ``tok``, in text order ("between regime and opposition forces")."""
        out: list[ActorRef] = []
        for t in tok.subtree:
            ref = self.refs.get(t.i)
            if ref is not None and ref not in out and not ref.implied:
                out.append(ref)
        return out

    def modifier_actor(self, tok: Any) -> ActorRef | None:
        """An actor among the trigger noun's own modifiers ("Russian air strikes", "the army's offensive")."""
        stack = [c for c in tok.children if c.dep_ in NP_DEPS]
        while stack:
            c = stack.pop(0)
            ref = self.refs.get(c.i)
            if ref is not None and not ref.implied and not self.is_thing_adj(c):
                return ref
            stack.extend(x for x in c.children if x.dep_ in NP_DEPS)
        return None

    def pobjs(self, prep: Any) -> list[Any]:
        return [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]

    def pronominal(self, tok: Any) -> bool:
        """ "they", "its fighters", "one of their units": the doer is named elsewhere (often the speaker)."""
        if tok.lower_ in PRONOUNS and tok.i not in self.refs:
            return True
        if any(c.dep_ == "poss" and c.lower_ in POSS_PRONOUNS for c in tok.children):
            return True
        for c in tok.children:  # "one of its fighters"
            if c.dep_ == "prep" and c.lower_ == "of":
                return any(self.pronominal(p) for p in c.children if p.dep_ == "pobj")
        return False

    def site_is_civilian(self, tok: Any) -> bool:
        """A target noun naming a civilian place ("the market", "a residential quarter")."""
        if tok.lemma_.lower() in CIVILIAN_SITES or tok.lower_ in CIVILIAN_SITES:
            return True
        return any(c.dep_ in ("amod", "compound") and c.lower_ in RESIDENTIAL for c in tok.children)


def is_person(tok: Any) -> bool:
    """A plain word for people ("men", "a woman", "villagers")."""
    return tok.lemma_.lower() in PERSONS or tok.lower_ in PERSONS


def suspect(tok: Any) -> bool:
    """ "a man suspected of smuggling", "four men in connection with the attack": suspects, not civilians."""
    if any(c.lemma_.lower() in SUSPECT_WORDS for c in tok.children):
        return True
    preps = [*tok.children, *(tok.head.children if tok.dep_ == "dobj" else ())]
    return any(
        c.dep_ == "prep" and c.lower_ == "in" and any(p.lower_ == "connection" for p in c.children)
        for c in preps
    )
