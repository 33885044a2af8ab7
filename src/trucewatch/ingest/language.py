"""A cheap language check: stopword ratios, enough to refuse non-English articles."""

from __future__ import annotations

import functools
import re

from trucewatch.lexicon import lexicon

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)

_STOPWORDS: dict[str, frozenset[str]] = {
    lang: frozenset(words) for lang, words in lexicon().mapping("language_stopwords").items()
}

#: Unicode ranges of scripts that are never English prose.
_SCRIPTS: tuple[tuple[str, int, int], ...] = (
    ("ar", 0x0600, 0x06FF),
    ("ru", 0x0400, 0x04FF),
    ("he", 0x0590, 0x05FF),
    ("zh", 0x4E00, 0x9FFF),
    ("fa", 0xFB50, 0xFDFF),
)

#: Below this share of English stopwords (with enough words) a text is not English.
MIN_ENGLISH_RATIO = 0.12
MIN_WORDS = 15


@functools.lru_cache(maxsize=64)
def guess_language(text: str, sample_words: int = 400) -> tuple[str, float]:
    """(ISO 639-1 code or "und", confidence 0..1) from the first words of ``text``.

    Cached: ``from_text`` and ``check`` ask about the same text, the second answer is free.
    """
    sample = text[:6000]
    letters = [ch for ch in sample if ch.isalpha()]
    if not letters:
        return "und", 0.0
    for code, lo, hi in _SCRIPTS:
        share = sum(1 for ch in letters if lo <= ord(ch) <= hi) / len(letters)
        if share > 0.3:
            return code, share
    words = [w.lower() for w in _WORD.findall(sample)[:sample_words]]
    if len(words) < MIN_WORDS:
        return "en", 0.0  # too short to judge; assume English
    ratios = {code: sum(1 for w in words if w in stops) / len(words) for code, stops in _STOPWORDS.items()}
    best = max(ratios, key=ratios.__getitem__)
    if ratios["en"] >= MIN_ENGLISH_RATIO:
        return "en", ratios["en"]
    if ratios[best] >= MIN_ENGLISH_RATIO / 2:
        return best, ratios[best]
    return "und", ratios[best]
