"""``<<name>>`` inside a lexicon pattern: a word list becomes its alternation, a regex fragment is inserted as
written, and a loop of fragments is refused."""

from __future__ import annotations

from types import MappingProxyType

import jsonschema
import pytest
import yaml

from trucewatch import lexicon as lexmod
from trucewatch.lexicon import Lexicon, LexiconError, lexicon


def _load(tmp_path, entries):
    path = tmp_path / "t.yaml"
    path.write_text(yaml.safe_dump({"version": 1, "entries": entries}))
    found = lexmod._entries(path, jsonschema.Draft202012Validator(lexmod._schema()))
    lex = Lexicon("t", MappingProxyType(found), MappingProxyType({}))
    object.__setattr__(lex, "_compiled", MappingProxyType(lexmod._compile(lex.entries, lex)))
    return lex


def test_fragments_and_word_lists_expand(tmp_path):
    lex = _load(
        tmp_path,
        {
            "pets": {"kind": "words", "about": "pets for the test", "values": ["cat", "dog", "cattle"]},
            "count": {"kind": "regex", "about": "a count fragment", "pattern": r"(?:\d+|two)"},
            "herd": {"kind": "regex", "about": "a count of pets", "pattern": r"\b<<count>>\s+(<<pets>>)s?\b",
                     "flags": "i"},
        },
    )
    assert lex.regex("herd").pattern == r"\b(?:\d+|two)\s+(cattle|cat|dog)s?\b"
    assert lex.regex("herd").search("Two Cattle grazed").group(1) == "Cattle"


def test_a_loop_of_fragments_is_refused(tmp_path):
    with pytest.raises(LexiconError, match="refers back"):
        _load(
            tmp_path,
            {
                "a": {"kind": "regex", "about": "first fragment", "pattern": "x<<b>>"},
                "b": {"kind": "regex", "about": "second fragment", "pattern": "y<<a>>"},
            },
        )
    with pytest.raises(LexiconError, match="no entry"):
        _load(tmp_path, {"a": {"kind": "regex", "about": "names nothing", "pattern": "<<nothing>>"}})


def test_the_date_pattern_is_built_from_its_fragments():
    lex = lexicon()
    date = lex.regex("date_expression").pattern
    assert lex.regex("month_name").pattern in date and lex.regex("date_count").pattern in date
    assert "<<" not in date
