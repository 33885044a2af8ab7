"""The language layer: lexicon files follow the schema, load into a frozen typed Lexicon, and stages keep no
English word collections of their own."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
import yaml
from spacy.glossary import GLOSSARY

from trucewatch import lexicon as lexmod
from trucewatch.lexicon import LexiconError, lexicon

SRC = Path(lexmod.__file__).resolve().parent
WORD = re.compile(r"^[A-Za-z][A-Za-z'.\- ]*$")
#: spaCy's tag, dependency and entity labels are the parser's vocabulary, not English: lists of them may stay.
LABELS = {k for k in GLOSSARY} | {k.lower() for k in GLOSSARY}
#: A literal marked so on its first line is code structure (column names, format names), not vocabulary.
MARK = "# not vocabulary"

def word_collections(path: Path) -> list[tuple[int, list[str]]]:
    """Set, list, tuple and dict-key literals of four or more English words (labels and marked lines aside)."""
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    out = []
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.Set | ast.List | ast.Tuple):
            elts = node.elts
        elif isinstance(node, ast.Dict):
            elts = [k for k in node.keys if k is not None]
        else:
            continue
        strs = [e.value for e in elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
        if len(strs) < 4 or len(strs) != len(elts) or not all(WORD.match(s) for s in strs):
            continue
        if all(s in LABELS for s in strs) or MARK in lines[node.lineno - 1]:
            continue
        out.append((node.lineno, strs))
    return out


def stage_files() -> list[Path]:
    skip = {SRC / "lexicon.py", SRC / "config.py", SRC / "rules.py"}
    return [p for p in sorted(SRC.rglob("*.py")) if p not in skip and "node_modules" not in p.parts]


def test_no_word_collections_outside_the_lexicon():
    found = {str(p.relative_to(SRC)): word_collections(p) for p in stage_files()}
    offenders = {k: v for k, v in found.items() if v}
    assert not offenders, "English word lists belong in data/lexicon/en/: " + "; ".join(
        f"{k}:{v[0][0]} {v[0][1][:4]}" for k, v in offenders.items()
    )


def test_the_check_finds_a_word_list(tmp_path):
    p = tmp_path / "stage.py"
    p.write_text(
        'VERBS = {"kill", "shoot", "shell", "bomb"}\nCOLS = ("a", "b")\n'
        'NAMES = ["event", "date", "place", "actor"]  # not vocabulary\n'
    )
    assert [n for n, _ in word_collections(p)] == [1]


def test_every_file_follows_the_schema_and_loads():
    lex = lexicon()
    assert lex.entries, "the English lexicon is empty"
    files = sorted(lexmod.folder().glob("*.yaml"))
    assert {e.file for e in lex.entries.values()} == {p.name for p in files}
    for e in lex.entries.values():
        assert e.about.strip() and e.kind in lexmod.KINDS
    assert lexicon() is lex, "the lexicon is loaded once per process"
    with pytest.raises(TypeError):
        lex.entries["new"] = lex.entries[next(iter(lex.entries))]  # type: ignore[index]


def test_accessors_are_typed_and_fail_clearly():
    lex = lexicon()
    name, entry = next((n, e) for n, e in lex.entries.items() if e.kind == "map")
    assert isinstance(lex.mapping(name), type(entry.pairs))
    with pytest.raises(LexiconError, match="is map, not words"):
        lex.words(name)
    with pytest.raises(LexiconError, match="no entry"):
        lex.words("no_such_entry")


def test_every_entry_is_read_by_the_code():
    """An entry nobody reads is dead vocabulary (or a name typed wrong in the code)."""
    code = "\n".join(p.read_text(encoding="utf-8") for p in stage_files())
    code += "\n".join(p.read_text(encoding="utf-8") for p in lexmod.folder().glob("*.yaml"))
    unused = [n for n in lexicon().entries if f'"{n}"' not in code and f"<<{n}>>" not in code]
    assert not unused, f"lexicon entries no code reads: {unused}"


def test_schema_rejects_a_bad_file(tmp_path):
    import jsonschema

    validator = jsonschema.Draft202012Validator(lexmod._schema())
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump({"version": 1, "entries": {"x": {"kind": "words", "about": "too short"}}}))
    with pytest.raises(LexiconError, match="bad.yaml"):
        lexmod._entries(bad, validator)
    dup = tmp_path / "dup.yaml"
    dup.write_text(
        yaml.safe_dump(
            {
                "version": 1,
                "entries": {"x": {"kind": "words", "about": "a list with a repeat", "values": ["a", "a"]}},
            }
        )
    )
    with pytest.raises(LexiconError, match="repeated"):
        lexmod._entries(dup, validator)


def test_months_have_one_definition():
    """The month names drifted into three copies; one map now serves every stage that reads dates."""
    months = lexicon().mapping("month_numbers")
    assert sorted(set(months.values())) == list(range(1, 13))
    assert months["sept"] == months["september"] == 9 and months["may"] == 5
