"""docs/architecture.md against the code: every stage, rule phase and shared module it names exists, and
every stage and phase of the code is in it (no stale names, nothing missing)."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest

import trucewatch
from trucewatch import config, lexicon, rules

REPO = Path(__file__).resolve().parents[1]
SRC = Path(trucewatch.__file__).resolve().parent
DOC = (REPO / "docs" / "architecture.md").read_text(encoding="utf-8")
CODE = re.findall(r"`([^`\n]+)`", re.sub(r"```.*?```", "", DOC, flags=re.S))
NOT_STAGES = {"data", "web", "__pycache__"}


def stage_packages() -> list[str]:
    return sorted(p.name for p in SRC.iterdir() if (p / "__init__.py").exists() and p.name not in NOT_STAGES)


def test_every_stage_package_has_a_contract_row():
    rows = {m.group(1) for m in re.finditer(r"^\| (\w+(?:/\w+)?) \|", DOC, re.M)}
    names = {part for row in rows for part in row.split("/")}
    missing = [p for p in stage_packages() if p not in names]
    assert not missing, f"stage packages missing from the contract table: {missing}"


CALLS = sorted({m.group(1) for c in CODE for m in re.finditer(r"\b([a-z]+(?:\.[a-z_]+)+)\(", c)})


@pytest.mark.parametrize("call", CALLS)
def test_named_entry_points_exist(call):
    *path, attr = call.split(".")
    assert path[0] in [*stage_packages(), "lexicon", "rules", "config", "pipeline", "model"], call
    mod = importlib.import_module("trucewatch." + ".".join(path))
    owners = [mod, *([mod.Store] if path == ["store"] else [])]  # `store.batch()`: a method of the store
    assert any(hasattr(o, attr) for o in owners), f"docs/architecture.md names {call}(), which does not exist"


def test_named_files_exist():
    paths = {c for c in CODE if re.fullmatch(r"[\w./-]+(?:\.py|\.json|\.md|/)", c) and ":" not in c}
    assert paths, "the document names no files: the check would prove nothing"
    missing = []
    for p in sorted(paths):
        candidates = [
            REPO / p,
            SRC.parent / p,
            SRC / p,
            SRC / p.removeprefix("trucewatch/"),
            SRC / "data" / p.removeprefix("data/"),
        ]
        if not any(c.exists() for c in candidates):
            missing.append(p)
    assert not missing, f"docs/architecture.md names files that do not exist: {missing}"


def test_rule_phases_match_the_code():
    table = re.findall(r"^\| `([a-z-]+)` \|", DOC, re.M)
    assert table == list(rules.PHASES), "the phase table must list rules.PHASES in their order"


def test_shared_modules_and_their_names_exist():
    for name in ("Lexicon", "lexicon", "words", "terms", "mapping", "regex", "alternation"):
        assert f"`{name}`" in DOC or f"`{name}()`" in DOC
        assert hasattr(lexicon, name) or hasattr(lexicon.Lexicon, name)
    for name in ("Runner", "rule"):
        assert hasattr(rules, name)
    for name in ("Settings", "use"):
        assert hasattr(config, name)
    assert "rules_off" in {d["name"] for d in config.describe()} and "`rules_off`" in DOC
    assert (SRC / "data" / "lexicon" / "schema.json").exists() and "data/lexicon/schema.json" in DOC
