"""Everything a user can name is documented: each CLI command (docs/cli.md), setting (docs/settings.md), data
file (docs/data.md) and extraction rule (docs/rules.md) has a heading of its own, and no heading names one
that no longer exists. The docs are written by hand; this test only reads them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer
from typer.core import TyperGroup

from trucewatch import config, rules
from trucewatch.cli import app

REPO = Path(__file__).resolve().parents[1]
DOCS = REPO / "docs"
DATA = REPO / "src" / "trucewatch" / "data"
#: The demo articles are documented as one entry, not one heading per text.
CORPUS = "demo/corpus/*"
HEADING = re.compile(r"^#{2,4}\s+`?([^`\n]+?)`?\s*$", re.MULTILINE)


def headings(name: str) -> set[str]:
    return set(HEADING.findall((DOCS / name).read_text(encoding="utf-8")))


def commands(group: TyperGroup, prefix: str = "trucewatch") -> list[str]:
    out = []
    for name, cmd in sorted(group.commands.items()):
        if cmd.hidden:
            continue
        out.append(f"{prefix} {name}")
        if isinstance(cmd, TyperGroup):
            out += commands(cmd, f"{prefix} {name}")
    return out


COMMANDS = commands(typer.main.get_command(app))
SETTINGS = [d["name"] for d in config.describe()]


def data_entry(path: Path) -> str:
    rel = path.relative_to(DATA).as_posix()
    return CORPUS if rel.startswith(CORPUS[:-1]) else rel


DATA_ENTRIES = sorted({data_entry(p) for p in DATA.rglob("*") if p.is_file() and "__pycache__" not in p.parts})


def test_the_lists_are_not_empty():
    # A broken walk of the CLI or the data folder would otherwise pass every check below.
    assert {"trucewatch ingest", "trucewatch settings", "trucewatch gazetteer import"} <= set(COMMANDS)
    assert {"cache", "article_seconds", "dedup_cross_threshold"} <= set(SETTINGS)
    assert {"actors/schema.json", "events/triggers.yaml", CORPUS} <= set(DATA_ENTRIES)


@pytest.mark.parametrize("command", COMMANDS)
def test_command_is_documented(command):
    assert command in headings("cli.md"), f"add a '### {command}' section to docs/cli.md"


@pytest.mark.parametrize("name", SETTINGS)
def test_setting_is_documented(name):
    assert name in headings("settings.md"), f"add a '### {name}' section to docs/settings.md"


@pytest.mark.parametrize("entry", DATA_ENTRIES)
def test_data_file_is_documented(entry):
    assert entry in headings("data.md"), f"add a '### {entry}' section to docs/data.md"


def test_every_rule_is_documented():
    names = [r.name for r in rules.registry()]
    missing = sorted(set(names) - headings("rules.md"))
    assert not missing, f"add a '### name' section to docs/rules.md for: {', '.join(missing)}"


def test_no_heading_names_what_is_gone():
    stale = {
        "cli.md": {h for h in headings("cli.md") if h.startswith("trucewatch ")} - set(COMMANDS),
        "settings.md": {h for h in headings("settings.md") if re.fullmatch(r"[a-z0-9_]+", h)} - set(SETTINGS),
        "data.md": {h for h in headings("data.md") if "." in h or h.endswith("*")} - set(DATA_ENTRIES),
        "rules.md": {h for h in headings("rules.md") if "." in h} - {r.name for r in rules.registry()},
    }
    assert not any(stale.values()), f"documented but gone: {stale}"


def test_settings_docs_give_each_default_and_variable():
    text = (DOCS / "settings.md").read_text(encoding="utf-8")
    for d in config.describe():
        section = text.split(f"### {d['name']}\n", 1)[1].split("\n### ", 1)[0]
        assert f"default: `{config.toml_value(d['default'])}`" in section, d["name"]
        assert (d["env"] or "no environment variable") in section, d["name"]
