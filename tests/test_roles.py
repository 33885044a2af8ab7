"""The role rules (phase "role" of trucewatch.rules): registered in a declared order with reasons, switched off
by the settings' ``rules_off``, and reported back on ``Roles.fired``. Sentences are written for these tests."""

from __future__ import annotations

from typing import Any

import pytest

from trucewatch import config, rules
from trucewatch.events.roles import RoleFinder, Roles
from trucewatch.lexicon import lexicon
from trucewatch.model import ActorRef

#: The role rules in the order RoleFinder.find runs them (trigger group, verb rules, noun rules, settled).
ORDER = [
    "role.named-modifier", "role.trigger-doers", "role.verb-trigger", "role.fired-from", "role.clause-subject", "role.participle-noun",
    "role.noun-trigger", "role.compound-head", "role.host-subject",
    "role.verb.supported", "role.verb.surrender-to", "role.verb.subject", "role.verb.backed-subject", "role.verb.passive-head", "role.verb.object-with", "role.verb.objects", "role.verb.place-from", "role.verb.object-agent", "role.verb.after-clashes", "role.verb.preps",
    "role.verb.cause", "role.verb.victims", "role.verb.retreating", "role.verb.impact", "role.verb.harm-clause",
    "role.noun.modifier", "role.noun.unnamed-possessor", "role.noun.preps", "role.noun.participle", "role.noun.use-of", "role.noun.supported",
    "role.noun.caused", "role.noun.object", "role.noun.instrument", "role.noun.subject", "role.noun.between-copula", "role.noun.passive", "role.noun.killed-by",
    "role.noun.governing-subject", "role.noun.after-clashes-subject", "role.noun.verb-subject",
    "role.settled.receiver", "role.settled.helpers", "role.settled.named-parties", "role.settled.backed-parties", "role.settled.suspected",
    "role.settled.claimed", "role.settled.blamed-over-claim", "role.settled.blamed-next", "role.settled.weapon-owner", "role.settled.intervener",
]  # fmt: skip

#: Actors the test sentences name, by their text.
ACTORS = {
    "army": dict(actor_id="xland-army", name="Military Forces of Xland", inter=1, side="government"),
    "rebels": dict(actor_id="xland-rebels", name="Xland Rebels", inter=2, side="opposition"),
    "militia": dict(actor_id=None, name="Hill Militia", inter=3, side="government"),
}


def roles_of(nlp: Any, text: str, trigger: str, **kw: Any) -> Roles:
    """Roles of ``trigger`` in ``text``, every word of ACTORS found there standing for its actor."""
    doc = nlp(text)
    refs: dict[int, ActorRef] = {}
    for tok in doc:
        if tok.text in ACTORS:
            refs[tok.i] = ActorRef(tok.text, tok.idx, tok.idx + len(tok), confidence=0.9, **ACTORS[tok.text])
    head = next(t for t in doc if t.text == trigger)
    opts = dict(symmetric=False, prep1=frozenset(), prep2=frozenset()) | kw
    return RoleFinder(doc, refs).find(head, **opts)


def names(roles: Roles) -> tuple[str | None, str | None]:
    return (
        roles.actor1.ref.text if roles.actor1 else None,
        roles.actor2.ref.text if roles.actor2 else None,
    )


def test_role_rules_are_registered_in_order_with_reasons():
    found = rules.registry("role")
    assert [r.name for r in found] == ORDER
    assert all(r.phase == "role" and len(r.reason) > 20 for r in found)
    orders = [r.order for r in found]
    assert orders == sorted(orders) and len(set(orders)) == len(orders), "each rule has its own place"


def test_fired_rules_come_back_on_the_roles(nlp):
    roles = roles_of(nlp, "The army shelled the rebels near the bridge on Monday.", "shelled")
    assert names(roles) == ("army", "rebels")
    assert roles.actor1 and roles.actor1.method == "subject"
    assert {"role.verb-trigger", "role.verb.subject", "role.verb.objects"} <= set(roles.fired)
    assert roles.fired == [n for n in ORDER if n in roles.fired], "fired names come back in rule order"
    assert "role.noun-trigger" not in roles.fired  # a verb trigger: the noun rules had nothing to read


def test_a_noun_trigger_fires_the_noun_rules(nlp):
    roles = roles_of(nlp, "Air strikes by the army hit the rebels in the valley.", "strikes")
    assert names(roles) == ("army", "rebels")
    assert {"role.noun-trigger", "role.noun.preps", "role.noun.subject"} <= set(roles.fired)
    assert not [n for n in roles.fired if n.startswith("role.verb.")]


@pytest.mark.parametrize(
    ("off", "before", "after"),
    [
        ("role.verb.subject", ("army", "rebels"), (None, "rebels")),
        ("role.verb.objects", ("army", "rebels"), ("army", None)),
        ("role.verb-trigger", ("army", "rebels"), (None, None)),
    ],
)
def test_switching_a_rule_off_changes_the_roles(nlp, off, before, after):
    text = "The army shelled the rebels near the bridge on Monday."
    assert names(roles_of(nlp, text, "shelled")) == before
    with config.use(config.Settings(rules_off=(off,))):
        roles = roles_of(nlp, text, "shelled")
    assert names(roles) == after
    assert off not in roles.fired
    assert names(roles_of(nlp, text, "shelled")) == before, "back on once the settings are restored"


def test_a_helper_is_associated_only_while_its_rule_is_on(nlp):
    text = "The militia fought in support of the army against the rebels."
    roles = roles_of(nlp, text, "fought", symmetric=True)
    assert roles.actor1 and (roles.actor1.ref.text, roles.actor1.method) == ("army", "supported")
    assert [r.ref.text for r in roles.assoc1] == ["militia"]
    assert "role.settled.helpers" in roles.fired
    with config.use(config.Settings(rules_off=("role.settled.helpers",))):
        assert roles_of(nlp, text, "fought", symmetric=True).assoc1 == []


def test_toll_verbs_of_linking_differ_from_the_casualty_stage_on_purpose():
    """Decision (issue 16): events/link.py's toll verbs stay their own entry; a toll "brought to" or "raised
    to" a number is a toll there, and the casualty stage's list is not read by link."""
    entry = lexicon().entry("toll_link_verbs")
    assert {"bring", "raise", "rise", "reach"} <= set(entry.values)
    assert "toll_verbs" in entry.about


def test_the_near_window_is_a_setting(nlp, triggers):
    """Trigger rules of scope "near" read ``near_window`` words either side of the trigger."""
    from trucewatch.events.context import scope_tokens

    doc = nlp("Late on Monday the army shelled the rebels near the old bridge over the river.")
    hit = next(h for h in triggers.find(doc) if doc[h.head].text == "shelled")
    sent = doc[hit.start].sent
    default = {t.text for t in scope_tokens(doc, hit, "near", sent)}
    assert config.Settings().near_window == 3 and "Monday" in default
    with config.use(config.Settings(near_window=1)):
        narrow = {t.text for t in scope_tokens(doc, hit, "near", sent)}
    assert narrow < default and "Monday" not in narrow
