"""Words that make a number a casualty count, and words that say who the victims were.

Lemmas (lower case), read once from the language layer (``data/lexicon/en/casualties.yaml``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from trucewatch.lexicon import lexicon

_LEX = lexicon()

#: Verbs whose object (or passive subject) is the victim.
VICTIM_OBJECT_VERBS: Mapping[str, str] = _LEX.mapping("victim_object_verbs")

#: Verbs and adjectives whose subject is the victim.
VICTIM_SUBJECT_WORDS: Mapping[str, str] = _LEX.mapping("victim_subject_words")

#: Nouns that are themselves a casualty count ("35 deaths", "12 dead", "a toll of 35").
CASUALTY_NOUNS: Mapping[str, str] = _LEX.mapping("casualty_nouns")

#: Verbs of a toll reaching a number ("the toll rose to 35").
TOLL_VERBS = _LEX.words("toll_verbs")

#: Verbs that move a toll to a number ("the attack brought the toll to 60").
TOLL_MOVERS = _LEX.words("toll_movers")

CHILD_WORDS = _LEX.words("child_words")

#: Groups counted as a part of a wider toll ("13 children died" beside "60 were killed").
SUBSET_WORDS = CHILD_WORDS | _LEX.words("subset_group_words")

#: Words before a number that add it to victims already counted ("another four", "a further two").
INCREMENT_BEFORE = _LEX.words("increment_before")
#: Words after a number that do the same ("two more").
INCREMENT_AFTER = _LEX.words("increment_after")

#: Verbs of a toll moving to a new figure ("the toll rose to 41"): the latest figure replaces older ones.
RUNNING_VERBS = _LEX.words("running_toll_verbs")

#: Verbs of a party's own claim ("the group claimed to have killed 20 soldiers"): ACLED codes such figures 0.
CLAIM_VERBS = _LEX.words("own_claim_verbs")

#: Titles that make a named victim one person ("assassinated the Deputy Commissioner").
TITLE_WORDS = _LEX.words("title_words")
ATTEMPT_WORDS = _LEX.words("attempt_words")


def attempted(verb: Any) -> bool:
    """ "tried to kill two soldiers", "an attempt to lynch a man": the casualty verb is an aim, not an act."""
    return verb.dep_ in ("xcomp", "acl") and verb.head.lemma_.lower() in ATTEMPT_WORDS

ORDINALS: Mapping[str, int] = _LEX.mapping("ordinal_numbers")

#: Nouns naming a whole war: their counts are context, not one event's toll.
WAR_NOUNS = _LEX.words("war_nouns")

#: Nouns of a multi-day campaign: "the battle cost the lives of 180" is a campaign total unless a day is named.
CAMPAIGN_NOUNS = _LEX.words("campaign_toll_nouns")

#: Periods whose totals are not one event: "died during the winter", "killed over the past month".
PERIOD_NOUNS = _LEX.words("period_nouns")

#: Adverbs of accumulation ("has so far killed", "to date").
CUMULATIVE_ADVERBS = _LEX.words("cumulative_adverbs")

#: Prepositions that introduce a subset of an earlier count.
SUBSET_PREPS = _LEX.words("subset_prepositions")

#: Victim nouns -> civilians / combatants / unknown; titles (and a few nouns of one person) count as unknown.
WHO: dict[str, str] = dict(_LEX.mapping("victim_groups"))
WHO.update({w: "unknown" for w in TITLE_WORDS | _LEX.words("untitled_victim_words") if w not in WHO})

#: Words of a charge: a killing named as the charge ("executed on charges of killing a man") is no death here.
ACCUSATION_WORDS = _LEX.words("accusation_words")
