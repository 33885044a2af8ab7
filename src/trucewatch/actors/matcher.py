"""spaCy PhraseMatchers for one dictionary, built once per vocabulary."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from spacy.matcher import PhraseMatcher

from trucewatch.actors.dictionary import ActorDictionary
from trucewatch.actors.normalize import is_case_sensitive, variants

# Label kinds: A actor alias, R role phrase, C country name/demonym, HA/HR hint word for an actor/role
# (only used before "-held"/"-controlled" or in coordination), X attack noun, M member noun.


@dataclass(slots=True)
class Matchers:
    lower: PhraseMatcher
    exact: PhraseMatcher
    labels: dict[int, tuple[str, str]]  # match id -> (kind, payload)

    def __call__(self, doc) -> list[tuple[str, str, int, int]]:
        """(kind, payload, start token, end token) for every phrase found in ``doc``."""
        out = []
        for match_id, start, end in [*self.lower(doc), *self.exact(doc)]:
            kind, payload = self.labels[match_id]
            out.append((kind, payload, start, end))
        return out


def _build(dictionary: ActorDictionary, vocab) -> Matchers:
    import spacy

    tokenizer = spacy.blank("en", vocab=vocab)
    lower = PhraseMatcher(vocab, attr="LOWER")
    exact = PhraseMatcher(vocab, attr="ORTH")
    labels: dict[int, tuple[str, str]] = {}

    def add(kind: str, payload: str, phrases: Iterable[str]) -> None:
        key = f"{kind}|{payload}"
        labels[vocab.strings.add(key)] = (kind, payload)
        cs, ci = [], []
        for phrase in phrases:
            for form in variants(phrase):
                (cs if is_case_sensitive(form) else ci).append(tokenizer.make_doc(form))
        if ci:
            lower.add(key, ci)
        if cs:
            exact.add(key, cs)

    for actor in dictionary.entries.values():
        add("A", actor.id, (actor.name, *actor.aliases))
        if dictionary.hints.get(actor.id):
            add("HA", actor.id, dictionary.hints[actor.id])
    for role in dictionary.roles.values():
        add("R", role.id, role.phrases)
        if role.hints:
            add("HR", role.id, role.hints)
    by_country: dict[str, list[str]] = {}
    for phrase, iso2 in dictionary.countries.phrases.items():
        by_country.setdefault(iso2, []).append(phrase)
    for iso2, phrases in by_country.items():
        add("C", iso2, phrases)
    add("X", "attack", dictionary.attack_nouns)
    add("M", "member", dictionary.member_nouns)
    return Matchers(lower, exact, labels)


def matchers_for(dictionary: ActorDictionary, vocab) -> Matchers:
    """The dictionary's matchers for a spaCy vocabulary (built on first use, then cached)."""
    found = dictionary.matchers.get(id(vocab))
    if found is None or found[0] is not vocab:  # type: ignore[index]
        found = (vocab, _build(dictionary, vocab))
        dictionary.matchers[id(vocab)] = found
    return found[1]  # type: ignore[index]
