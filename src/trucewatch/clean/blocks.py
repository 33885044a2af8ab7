"""Split an article's text into blocks (paragraphs or lines) with absolute offsets."""

from __future__ import annotations

import re
from dataclasses import dataclass

_BLANK = re.compile(r"\n[ \t]*\n")
_TERMINAL = tuple('.!?"\u201d\u2019)')

#: A block of this many lines or more whose lines mostly run on is hard-wrapped prose, kept whole.
_WRAP_MIN_LINES = 3


@dataclass(slots=True)
class Block:
    start: int
    end: int
    text: str


def split_blocks(text: str) -> list[Block]:
    """Paragraphs separated by blank lines; inside one, lines are separate blocks unless hard-wrapped."""
    out: list[Block] = []
    pos = 0
    for m in [*_BLANK.finditer(text), None]:
        end = m.start() if m else len(text)
        _add_paragraph(text, pos, end, out)
        if m:
            pos = m.end()
    return out


def _add_paragraph(text: str, start: int, end: int, out: list[Block]) -> None:
    lines: list[tuple[int, int]] = []
    pos = start
    while pos <= end:
        nl = text.find("\n", pos, end)
        stop = end if nl == -1 else nl
        s, e = _strip(text, pos, stop)
        if e > s:
            lines.append((s, e))
        if nl == -1:
            break
        pos = nl + 1
    if not lines:
        return
    if _is_wrapped(text, lines):
        s, e = lines[0][0], lines[-1][1]
        out.append(Block(s, e, text[s:e]))
        return
    out.extend(Block(s, e, text[s:e]) for s, e in _run_on(text, lines))


def _run_on(text: str, lines: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join a line that stops mid-sentence to the next when that one goes on in lower case ("... at the site of
    a recent" / "bombing in the capital."): one sentence broken by a hard line break."""
    out = [lines[0]]
    for s, e in lines[1:]:
        ps, pe = out[-1]
        if not text[ps:pe].endswith(_TERMINAL) and text[s].islower():
            out[-1] = (ps, e)
        else:
            out.append((s, e))
    return out


def _is_wrapped(text: str, lines: list[tuple[int, int]]) -> bool:
    if len(lines) < _WRAP_MIN_LINES:
        return False
    inner = lines[:-1]
    running_on = sum(1 for s, e in inner if not text[s:e].endswith(_TERMINAL))
    return running_on * 3 >= len(inner) * 2


def _strip(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e
