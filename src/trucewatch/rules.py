"""Rules as registered units: named, placed in a phase, given a reason, listed and switched off by name.

A rule is a small function a stage registers with ``@rule(name, phase=..., reason=...)``. The phase says where
in extraction it runs (``PHASES`` is the declared order); within a phase rules run in the order given by
``order`` (then registration order). ``Runner`` runs one phase's rules for a configuration: rules the
configuration switches off are left out; it returns the rules that fire with their findings, and the stage
records them in the event's evidence (items of field ``rule``). ``trucewatch rules`` lists the registry.

A rule returns ``None`` or ``False`` when it does not apply; anything else means it fired, and the value is the
rule's finding (a reason, a role, a modality...). What a phase does with findings is the stage's business:
``first`` stops at the first rule that fires, ``each`` collects every one.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

#: The phases of event extraction, in the order they run for a candidate mention.
PHASES: dict[str, str] = {
    "actor-name": "Which actor does a name stand for (a unit named in brackets, a clan militia by its lineage)? (actors stage)",
    "before-typing": "Is this trigger a new event at all? (attributive, absent, stopped, background, habitual, summed)",
    "reference": "Does the mention point back to an event told elsewhere, or tell no single real one (the attack, a series of)?",
    "aside": "Is the clause an aside (a relative clause or backdrop recalling another event)?",
    "role": "Which phrase is the actor, the target, the associate?",
    "typing": "Once the roles are known: does who acted change the sub-type (an unarmed crowd's assault is mob violence)?",
    "modality-marker": "Does a word on the trigger's clause chain negate it, make it modal or conditional (not, would, if)?",
    "modality": "Does a verb above the trigger make it claimed, denied, announced, threatened or reported?",
    "modality-sentence": "With no cue on the chain: does the sentence (according to, a question) or an aim decide?",
    "actor-country": "Which country do the event's generic actors take: its place's, or the text's when the place is a namesake abroad?",
    "convention": "Once the sub-type and country are known: which ACLED actor convention recodes the roles?",
    "count": "Does a number tied to a casualty word count the dead (killed and wounded together: deaths unknown)?",
    "toll": "Which of a sentence's counts is this event's toll (a running total beside the deaths it adds)?",
    "date-text": "Does a temporal expression speak from another day than the article's (a quoted 'today')?",
    "date": "The sentence names no day of the event: which day stated elsewhere in the text does it take?",
    "article": "Once every sentence is read: does a later sentence complete an earlier mention (the parties it names)?",
}


class RuleError(ValueError):
    """A rule registered twice, in an unknown phase, or a configuration naming a rule that does not exist."""


@dataclass(frozen=True)
class Rule:
    name: str
    phase: str
    reason: str
    fn: Callable[..., Any] = field(repr=False, compare=False)
    order: int = 100
    seq: int = 0

    @property
    def module(self) -> str:
        return str(getattr(self.fn, "__module__", ""))

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self.fn(*args, **kwargs)


_REGISTRY: dict[str, Rule] = {}


def rule(name: str, *, phase: str, reason: str, order: int = 100) -> Callable[[Callable[..., Any]], Rule]:
    """Register the decorated function as a rule. Names are dotted, ``<area>.<what>`` (``background.since``)."""
    if phase not in PHASES:
        raise RuleError(f"rule {name!r}: unknown phase {phase!r} (phases: {', '.join(PHASES)})")

    def register(fn: Callable[..., Any]) -> Rule:
        old = _REGISTRY.get(name)
        if old is not None and (old.module, old.fn.__qualname__) != (fn.__module__, fn.__qualname__):
            raise RuleError(f"rule {name!r} is registered twice ({old.module} and {fn.__module__})")
        r = Rule(name, phase, reason, fn, order, old.seq if old else len(_REGISTRY))
        _REGISTRY[name] = r
        _active.cache_clear()
        return r

    return register


def _load_stages() -> None:
    """Import the stages that register rules, so the registry is complete whoever asks first."""
    import trucewatch.actors  # noqa: F401  (registers on import)
    import trucewatch.casualties  # noqa: F401
    import trucewatch.dates  # noqa: F401
    import trucewatch.events  # noqa: F401


def registry(phase: str | None = None) -> list[Rule]:
    """Registered rules in run order (phase order, then ``order``, then registration)."""
    _load_stages()
    if phase is not None and phase not in PHASES:
        raise RuleError(f"unknown phase {phase!r} (phases: {', '.join(PHASES)})")
    rank = {p: i for i, p in enumerate(PHASES)}
    rules = [r for r in _REGISTRY.values() if phase is None or r.phase == phase]
    return sorted(rules, key=lambda r: (rank[r.phase], r.order, r.seq))


def check_names(names: Iterable[str]) -> None:
    """Fail on a switched-off rule name that is not registered (a typo would otherwise do nothing)."""
    _load_stages()
    unknown = sorted(set(names) - set(_REGISTRY))
    if unknown:
        raise RuleError(f"unknown rule(s) {', '.join(unknown)}; `trucewatch rules` lists them")


@functools.cache
def _active(phase: str, disabled: frozenset[str]) -> tuple[Rule, ...]:
    return tuple(r for r in registry(phase) if r.name not in disabled)


def active(phase: str, disabled: Iterable[str] | None = None) -> tuple[Rule, ...]:
    """The phase's rules in run order, minus the switched-off ones (default: the settings' ``rules_off``)."""
    if disabled is None:
        from trucewatch.config import settings

        disabled = settings().rules_off
    return _active(phase, frozenset(disabled))


@dataclass
class Runner:
    """Runs one phase's rules, minus the switched-off ones."""

    phase: str
    disabled: Iterable[str] | None = None  # None: the settings' ``rules_off``

    def __post_init__(self) -> None:
        self.rules = active(self.phase, self.disabled)

    def each(self, *args: Any, **kwargs: Any) -> Iterator[tuple[Rule, Any]]:
        """Every rule that fires, with its finding, in order."""
        for r in self.rules:
            found = r.fn(*args, **kwargs)
            if found is not None and found is not False:
                yield r, found

    def first(self, *args: Any, **kwargs: Any) -> tuple[Rule, Any] | None:
        """The first rule that fires, with its finding; None when none does."""
        return next(self.each(*args, **kwargs), None)
