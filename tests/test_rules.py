"""Rules as registered units (trucewatch.rules and the events stage's rules): listed with a phase and a
reason, run in a declared order, switched off by the settings, recorded in each mention's evidence, listed by
`trucewatch rules`. All sentences written for this test."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from typing import Any

import pytest
from typer.testing import CliRunner

from extraction import run
from trucewatch import rules
from trucewatch.cli import app
from trucewatch.config import Settings, load, use
from trucewatch.lexicon import lexicon
from trucewatch.model import Article, Modality, Segment, SegmentKind

#: The declared run order of the phases the events stage fills (a moved or renumbered rule shows here).
ORDER: dict[str, list[str]] = {
    "before-typing": [
        "extract.running-toll", "extract.definitional",
        "background.attributive", "background.negated-noun", "background.absence", "background.agreement-terms",
        "background.comparison", "background.inside-since", "background.since-long-ago", "background.dated",
        "background.relative-description", "background.habitual", "background.generic-plural",
        "unreported.cessation", "unreported.negated-phrase", "unreported.duration-sum", "unreported.vague-plural",
        "unreported.across-areas", "unreported.participle-description", "unreported.failed-attempt",
        "unreported.campaign-state", "unreported.ward-off", "unreported.vague-amount",
    ],
    "reference": [
        "reference.such-or-definite", "reference.blamed", "reference.role-noun", "reference.halted",
        "reference.purpose", "reference.period-of", "reference.over-period", "reference.frequent",
        "reference.habitual-passive", "reference.habitual-conjunct", "reference.policy", "reference.state-under",
        "reference.recurring", "reference.irrealis", "reference.running-toll", "reference.earlier",
        "reference.when-of-since", "territory.agreement-frame", "territory.attempt", "territory.aggregate",
    ],
    "aside": [
        "aside.source-description", "aside.anterior-relative", "aside.backdrop", "aside.kind-reference",
        "aside.under-terms",
    ],
    "modality-marker": ["modality.negation", "modality.auxiliary", "modality.condition"],
    "modality": [
        "modality.threat", "modality.deny", "modality.accuse", "modality.claim", "modality.plan-object",
        "modality.plan", "modality.speech", "modality.headline-infinitive",
    ],
    "modality-sentence": ["modality.according-to", "modality.question", "modality.purpose"],
    "convention": [
        "convention.protesters", "convention.rioters", "convention.unclaimed-explosive",
        "convention.unidentified-attacker", "convention.unidentified-air", "convention.interceptor",
        "convention.weapons-owner",
        "convention.transfer-receiver", "convention.civilian-target", "convention.civilian-victims",
    ],
}  # fmt: skip

LULL = "Residents welcomed a lull in fighting near the river on Monday."
DENIED = "The army denied shelling the village on Monday."
NO_STRIKES = "No air strikes hit the town on Monday, residents said."


def test_every_rule_has_a_known_phase_a_reason_and_a_module():
    listed = rules.registry()
    assert len(listed) >= sum(len(v) for v in ORDER.values())
    assert len({r.name for r in listed}) == len(listed)
    for r in listed:
        assert r.phase in rules.PHASES, r.name
        assert len(r.reason) >= 15, r.name
        assert r.module.startswith("trucewatch."), r.name
        assert r.name.split(".")[0] in ("extract", "background", "unreported", "reference", "territory",
                                        "aside", "modality", "dates", "casualties", "convention", "actors", "typing") or r.phase == "role", r.name  # fmt: skip


@pytest.mark.parametrize("phase", list(ORDER))
def test_each_phase_runs_in_its_declared_order(phase: str):
    mine = [r for r in rules.registry(phase) if r.module.startswith("trucewatch.events")]
    assert [r.name for r in mine if r.name in ORDER[phase]] == ORDER[phase]
    # the order is stated by ``order=``, not left to import order
    assert len({r.order for r in mine}) == len(mine)
    assert [r.name for r in rules.active(phase, ())] == [r.name for r in rules.registry(phase)]


def test_active_leaves_out_switched_off_rules():
    names = [r.name for r in rules.active("aside", ["aside.backdrop"])]
    assert "aside.backdrop" not in names
    assert names == [n for n in ORDER["aside"] if n != "aside.backdrop"]


def test_switching_a_before_typing_rule_off_changes_the_events(nlp: Any, triggers: Any):
    assert run(nlp, triggers, LULL) == []  # "a lull in fighting": no fighting took place
    with use(Settings(rules_off=("background.absence",))):
        found = run(nlp, triggers, LULL)
    assert [m.trigger for m in found] == ["fighting"]


def test_switching_a_modality_rule_off_changes_the_modality(nlp: Any, triggers: Any):
    (m,) = run(nlp, triggers, DENIED, actors=("army",))
    assert m.modality == Modality.DENIED
    with use(Settings(rules_off=("modality.deny",))):
        (m,) = run(nlp, triggers, DENIED, actors=("army",))
    assert m.modality == Modality.OCCURRED


def test_fired_rules_are_in_the_evidence(nlp: Any, triggers: Any):
    (m,) = run(nlp, triggers, DENIED, actors=("army",))
    fired = [e for e in m.evidence if e.field == "rule" and not e.method.startswith(("role.", "convention."))]
    assert [e.method for e in fired] == ["modality.deny"]
    roles = [e for e in m.evidence if e.field == "rule" and e.method.startswith("role.")]
    assert "role.verb.subject" in {e.method for e in roles}, "the role rule that found 'the army' is recorded"
    assert {DENIED[e.start : e.end] for e in roles} == {"shelling"}  # over the trigger
    assert fired[0].text == "denied" and DENIED[fired[0].start : fired[0].end] == "denied"
    assert (fired[0].sentence_start, fired[0].sentence_end) == (m.sentence_start, m.sentence_end)
    (neg,) = run(nlp, triggers, NO_STRIKES)
    assert neg.modality == Modality.NEGATED
    by_rule = {e.method: e.text for e in neg.evidence
               if e.field == "rule" and not e.method.startswith(("role.", "convention."))}  # fmt: skip
    assert by_rule == {"background.negated-noun": "air strikes", "modality.negation": "No"}


def test_rule_evidence_survives_the_store(nlp: Any, triggers: Any, tmp_path):
    from trucewatch import dedup
    from trucewatch.store import open_store

    mentions = run(nlp, triggers, DENIED, actors=("army",))
    art = Article(id="t1", text=DENIED, published=dt.date(2019, 6, 12), source="Test Wire")
    art.segments = [Segment(SegmentKind.BODY, 0, len(DENIED), DENIED)]
    events = dedup.within_article(mentions, art.source)
    with open_store(tmp_path / "rules.duckdb") as st:
        st.write_article(art, mentions, events)
        (back,) = st.mentions(article_id="t1")
    assert ("modality.deny", "denied") in [(e.method, e.text) for e in back.evidence if e.field == "rule"]
    assert [dataclasses.astuple(e) for e in back.evidence] == [dataclasses.astuple(e) for e in mentions[0].evidence]


def test_rule_evidence_does_not_enter_the_dedup_signature(nlp: Any, triggers: Any):
    from trucewatch import dedup
    from trucewatch.dedup.scoring import signature

    (event,) = dedup.within_article(run(nlp, triggers, DENIED, actors=("army",)), "Test Wire")
    assert any(e.field == "rule" for e in event.evidence)
    plain = dataclasses.replace(event, evidence=[e for e in event.evidence if e.field != "rule"])
    assert signature(event) == signature(plain)


def test_cli_lists_the_rules(monkeypatch):
    runner = CliRunner()
    monkeypatch.setenv("TRUCEWATCH_RULES_OFF", "aside.backdrop")  # the CLI reads its settings itself
    table = runner.invoke(app, ["rules", "--phase", "aside"])
    as_json = runner.invoke(app, ["rules", "--json"])
    assert table.exit_code == 0, table.output
    lines = table.output.splitlines()
    assert [ln.split()[1] for ln in lines] == ORDER["aside"]
    assert [ln.split()[2] for ln in lines if "aside.backdrop" in ln] == ["off"]
    assert "trucewatch.events.asides" in table.output
    rows = json.loads(as_json.output)
    assert {"name", "phase", "reason", "module", "off"} <= set(rows[0])
    assert [r["name"] for r in rows if r["off"]] == ["aside.backdrop"]
    assert [r["name"] for r in rows if r["phase"] == "modality"] == ORDER["modality"]


def test_unknown_rule_names_fail_clearly(monkeypatch):
    s = load(env={"TRUCEWATCH_RULES_OFF": "background.absence, background.absense"})
    assert s.rules_off == ("background.absence", "background.absense")
    with pytest.raises(rules.RuleError, match="background.absense"):
        rules.check_names(s.rules_off)
    from trucewatch import pipeline

    with use(s), pytest.raises(rules.RuleError, match="unknown rule"):
        pipeline.Resources.load()  # the pipeline checks the names before loading anything
    monkeypatch.setenv("TRUCEWATCH_RULES_OFF", "background.absence, background.absense")
    out = CliRunner().invoke(app, ["rules"])
    assert out.exit_code != 0 and "background.absense" in out.output
    with pytest.raises(rules.RuleError, match="unknown phase"):
        rules.registry("no-such-phase")


def test_the_two_attempt_lists_stay_apart():
    """Decision: nonevent's territory rule counts "struggled to seize" as an attempt, unreported's
    failed-attempt rule does not; one list for both would change which events are found."""
    lex = lexicon()
    assert lex.words("attempt_verbs") - lex.words("failed_attempt_verbs") == {"struggle"}
    assert lex.words("failed_attempt_verbs") < lex.words("attempt_verbs")
