"""A killing told as one more of a kind already told ("..., while another killed two people in a village", "another
12 people were killed in the next town") is one more act of that kind: it takes the sub-type (and, when it names none,
the doer) of the latest earlier remote-violence mention (a rule of phase ``article``, switched off by name with
``rules_off``)."""

from __future__ import annotations

import dataclasses
from typing import Any

from trucewatch.events.clash_sides import casualty_word
from trucewatch.events.codes import codes_for
from trucewatch.model import ACLED_SUBTYPE_PARENT, Evidence, Mention, Modality
from trucewatch.rules import rule

RULE_FIRED = 1.0
#: The kinds of act whose weapon, not the victims, decide the sub-type (ACLED event type).
WEAPON_TYPES = frozenset({"Explosions/Remote violence"})
#: Sub-types a bare killing word gets from its victims alone ("killed two people": an attack).
KILLING_SUBTYPES = frozenset({"Attack", "Armed clash"})
def _one_more(m: Mention, ctx: Any) -> bool:
    """ "while another killed two" (an elliptic subject), "another 12 people were killed" (an added toll)."""
    if getattr(ctx, "another", {}).get(m.id) == "elliptic":
        return True
    return any(c.what == "killed" and c.rule == "increment" and not c.cumulative for c in m.counts)


@rule(
    "extract.another-same-kind",
    phase="article",
    order=15,
    reason='"An air strike hit X ..., while another killed two people in Y": a killing told as one more of a kind '
    "already told takes the sub-type of the latest earlier remote-violence mention, not the attack its victims "
    "alone would give.",
)
def another_same_kind(mentions: list[Mention], ctx: Any) -> list[Mention] | None:
    out, changed = list(mentions), False
    for k, m in enumerate(out):
        if m.sub_event_type not in KILLING_SUBTYPES or m.weapon or m.modality != Modality.OCCURRED:
            continue
        if not casualty_word(m.trigger) or not _one_more(m, ctx):
            continue
        earlier = [
            x
            for x in out[:k]
            if x.trigger_start < m.trigger_start
            and x.event_type in WEAPON_TYPES
            and x.modality == Modality.OCCURRED
            and x.segment == m.segment
        ]
        if not earlier:
            continue
        src = max(earlier, key=lambda x: x.trigger_start)
        if any(x.event_type not in WEAPON_TYPES and x.trigger_start > src.trigger_start for x in out[:k]
               if x.trigger_start < m.trigger_start and x.sentence_start != m.sentence_start):
            continue  # another kind of act was told in between: "another" may be one more of that
        sub = src.sub_event_type
        c = codes_for(sub, weapon=src.weapon)
        evidence = list(m.evidence)
        evidence.append(Evidence("rule", m.trigger_start, m.trigger_end, m.trigger, m.sentence_start,
                                 m.sentence_end, RULE_FIRED, "extract.another-same-kind"))
        changes: dict[str, Any] = {
            "event_type": ACLED_SUBTYPE_PARENT[sub], "sub_event_type": sub, "weapon": src.weapon,
            "cameo": c.cameo, "plover": c.plover, "plover_mode": c.plover_mode,
        }
        if (m.actor1 is None or m.actor1.unidentified) and src.actor1 is not None and not src.actor1.unidentified:
            a1 = src.actor1
            evidence = [e for e in evidence if e.field != "actor1"]
            evidence.append(Evidence("actor1", a1.start, a1.end, a1.text, src.sentence_start, src.sentence_end, 0.5,
                                     "another-same-kind"))
            changes["actor1"] = a1
        out[k] = dataclasses.replace(m, evidence=evidence, **changes)
        changed = True
    return out if changed else None
