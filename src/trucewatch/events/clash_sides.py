"""A clash whose sides the clash words leave open ("clashes took place after X targeted a Y bulldozer", "clashes
... Clashes were accompanied by airstrikes by X on Y") takes the two armed sides of the fire told in the same
sentence or next to it (a rule of phase ``article``, switched off by name with ``rules_off``)."""

from __future__ import annotations

import dataclasses
from typing import Any

from trucewatch.events.codes import PARTY_INTERS
from trucewatch.lexicon import lexicon
from trucewatch.model import ActorRef, Evidence, Mention, Modality
from trucewatch.rules import rule

#: Event types whose doer and target are two sides of fighting.
FIRE_TYPES = frozenset({"Battles", "Explosions/Remote violence"})  # not vocabulary: ACLED event types
RULE_FIRED = 1.0
_LEX = lexicon()
#: Casualty words ("killing", "killed", "dead"): a clash read off one of them is a toll, not the fight's own words.
_CASUALTY = frozenset(_LEX.mapping("casualty_nouns")) | frozenset(_LEX.mapping("victim_subject_words"))
_CASUALTY_VERBS = tuple(_LEX.mapping("victim_object_verbs"))


def casualty_word(trigger: str) -> bool:
    """A trigger that is a casualty word ("killing", "killed", "dead"), not the act's own words."""
    t = trigger.lower()
    return t in _CASUALTY or t.startswith(_CASUALTY_VERBS)


def _side(ref: ActorRef | None) -> bool:
    """A named armed or political actor (not civilians, a source or a bare generic word with no country)."""
    return ref is not None and ref.inter in PARTY_INTERS and not ref.implied


def _near(m: Mention, x: Mention) -> bool:
    """``x`` is told in the sentence of ``m``, or the one right before or after it."""
    if x.sentence_start == m.sentence_start:
        return True
    if m.counts:
        return False  # "... Three officers were killed.": a toll told after an attack is the attack's (grouping joins it)
    return m.sentence_end <= x.sentence_start <= m.sentence_end + 2 or x.sentence_end <= m.sentence_start <= x.sentence_end + 2


@rule(
    "extract.clash-sides-from-fire",
    phase="article",
    order=40,
    reason='"Clashes took place after X targeted a Y bulldozer": a clash with no doer named by its own words takes '
    "the two armed sides of the fire told in its sentence or the one before or after it.",
)
def clash_sides_from_fire(mentions: list[Mention], ctx: Any) -> list[Mention] | None:
    out, changed = list(mentions), False
    for k, m in enumerate(out):
        if m.event_type != "Battles" or m.actor1 is not None or m.modality != Modality.OCCURRED:
            continue
        if casualty_word(m.trigger):
            continue  # "an attack kills an officer ... after the killing of X": a toll or another event, not a clash
        fire = [
            x
            for x in out
            if x is not m
            and x.event_type in FIRE_TYPES
            and _near(m, x)
            and _side(x.actor1)
            and _side(x.actor2)
            and x.actor1 is not None
            and x.actor2 is not None
            and x.actor1.name != x.actor2.name
            and (m.actor2 is None or m.actor2.name in (x.actor1.name, x.actor2.name))
        ]
        if len({(x.actor1.name, x.actor2.name) for x in fire if x.actor1 and x.actor2}) != 1:
            continue  # no fire, or fire between different pairs: the clash's sides stay open
        src = fire[0]
        a1, a2 = src.actor1, src.actor2
        assert a1 is not None and a2 is not None
        if m.actor2 is not None and m.actor2.name == a1.name:
            a1, a2 = a2, a1
        evidence = [e for e in m.evidence if e.field not in ("actor1", "actor2")]
        for field, r in (("actor1", a1), ("actor2", a2)):
            evidence.append(Evidence(field, r.start, r.end, r.text, src.sentence_start, src.sentence_end, 0.5,
                                     "clash-sides-from-fire"))
        evidence.append(Evidence("rule", m.trigger_start, m.trigger_end, m.trigger, m.sentence_start,
                                 m.sentence_end, RULE_FIRED, "extract.clash-sides-from-fire"))
        out[k] = dataclasses.replace(m, actor1=a1, actor2=a2, evidence=evidence)
        changed = True
    return out if changed else None
