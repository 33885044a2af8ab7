"""Name keys that survive transliteration.

``plain_key`` folds case, diacritics and punctuation. ``loose_key`` also drops Arabic
article forms (al-, el-, ad-, ar-, as-, ash-, az-, ...), collapses doubled letters and
vowel clusters, so Deraa/Daraa/Dar'a, Homs/Hims and Deir ez-Zor/Dayr az Zawr share a key.
"""

from __future__ import annotations

import functools
import re

from unidecode import unidecode

from trucewatch.lexicon import lexicon

#: Arabic definite-article forms as separate tokens after hyphens are split, and English "the".
ARTICLES = lexicon().words("arabic_articles") | {"the"}

_DROP = re.compile(r"[\"'`.\u2018\u2019\u02bb\u02bc\u02be\u02bf\u00b4]")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_DOUBLE = re.compile(r"([a-z])\1+")
_VOWELS = re.compile(r"(?:(?<=[^aeiouyw])y|[aeiou])[aeiouyw]*")
_FINAL_H = re.compile(r"(?<=a)h$")
_CONSONANTS = (("dj", "j"), ("ph", "f"), ("q", "k"), ("ck", "k"))


def plain_key(name: str) -> str:
    """Lowercase ASCII with punctuation removed and single spaces: "Dar‘ā" -> "dara"."""
    s = _DROP.sub("", unidecode(name).lower())
    return " ".join(_NON_ALNUM.sub(" ", s).split())


def _loose_token(tok: str) -> str:
    for a, b in _CONSONANTS:
        tok = tok.replace(a, b)
    tok = _DOUBLE.sub(r"\1", tok)
    tok = _VOWELS.sub("a", tok)
    return _FINAL_H.sub("", tok) if len(tok) > 2 else tok


@functools.lru_cache(maxsize=65536)
def loose_key(name: str) -> str:
    """Transliteration-robust key: "Deir ez-Zor", "Dayr az Zawr" and "Deir al-Zor" -> "darzar"."""
    toks = plain_key(name).split()
    kept = [t for t in toks if t not in ARTICLES] or toks
    return "".join(_loose_token(t) for t in kept)


def is_latin(name: str) -> bool:
    """True when a name is written in (extended) Latin script, so its ASCII folding is meaningful."""
    return all(
        ord(c) < 0x250 or 0x1E00 <= ord(c) < 0x1F00 or c in "\u2018\u2019\u02bb\u02bc\u02be\u02bf"
        for c in name
    )
