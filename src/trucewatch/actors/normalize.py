"""Normalising actor names for lookup, and spelling variants for matching."""

from __future__ import annotations

import re

from unidecode import unidecode

from trucewatch.lexicon import lexicon

_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u2013": "-", "\u2014": "-"})
_SPACE = re.compile(r"\s+")
_EDGE = re.compile(r"^[\s\"'(\[,.;:]+|[\s\"')\],.;:]+$")
_POSSESSIVE = re.compile(r"'s?$")
#: "al-", "ash-": an Arabic article joined by a hyphen, also matched with a space.
_ARTICLE_HYPHEN = lexicon().regex("actor_article_hyphen")


def normalize(text: str) -> str:
    """Lower-case lookup key: plain quotes and dashes, no leading "the", no trailing possessive."""
    key = _SPACE.sub(" ", text.translate(_QUOTES)).strip()
    key = _EDGE.sub("", key)
    key = _POSSESSIVE.sub("", key)
    key = key.lower()
    if key.startswith("the "):
        key = key[4:]
    return key


def strip_article(text: str) -> str:
    """Drop a leading "the " from a dictionary phrase (the match then starts at the name itself)."""
    text = _SPACE.sub(" ", text).strip()
    return text[4:] if text.lower().startswith("the ") else text


def is_case_sensitive(alias: str) -> bool:
    """Short all-capital acronyms ("IS", "US", "AP") only match in capitals: "is" and "us" are words."""
    letters = [c for c in alias if c.isalpha()]
    return bool(letters) and len(letters) <= 5 and all(c.isupper() for c in letters) and " " not in alias


def variants(alias: str) -> list[str]:
    """Spellings to match for one dictionary phrase: as written, curly apostrophe, ASCII, hyphen as space."""
    alias = strip_article(alias)
    out = [alias]
    if "'" in alias:
        out.append(alias.replace("'", "\u2019"))
    ascii_form = unidecode(alias)
    if ascii_form != alias:
        out.append(ascii_form)
    if _ARTICLE_HYPHEN.search(alias):
        out.append(_ARTICLE_HYPHEN.sub(r"\1 ", alias))
    seen: set[str] = set()
    return [v for v in out if not (v in seen or seen.add(v))]
