"""Bytes to text: encoding fallbacks and binary detection."""

from __future__ import annotations

from dataclasses import dataclass

#: Inputs larger than this are refused (one article never needs more).
MAX_BYTES = 5 * 1024 * 1024


class DecodeError(ValueError):
    """The bytes are not text we can read."""


@dataclass(slots=True)
class Decoded:
    text: str
    encoding: str
    note: str = ""


def looks_binary(data: bytes) -> bool:
    """NUL bytes in the first 8 KB mean a binary file (text encodings we accept never contain them)."""
    return b"\x00" in data[:8192]


#: Byte order marks of the UTF-32 and UTF-16 encodings (UTF-32 first: its LE mark starts like UTF-16's).
_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
#: Share of bytes cp1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) above which the data is not text.
MAX_UNDEFINED = 0.01


def decode(data: bytes) -> Decoded:
    """Decode UTF-16/32 with a BOM, UTF-8 (with or without BOM), else cp1252 with a note (a few bytes
    cp1252 leaves undefined become U+FFFD); raise DecodeError for binary data."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            text = data.decode(codec, errors="replace").removeprefix("\ufeff")
            if _control_ratio(text) > 0.05:
                raise DecodeError(f"undecodable text: {codec} byte order mark, but mostly control characters")
            return Decoded(text, codec, note=f"decoded as {codec} (byte order mark)")
    if looks_binary(data):
        raise DecodeError("binary file (NUL bytes), not text")
    if data.startswith(b"\xef\xbb\xbf"):
        return Decoded(data[3:].decode("utf-8", errors="replace"), "utf-8-sig")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        first_error = exc
    text = data.decode("cp1252", errors="replace")
    undefined = text.count("\ufffd")
    if undefined > max(1, MAX_UNDEFINED * len(data)):
        raise DecodeError(f"undecodable text (not UTF-8 or cp1252): {first_error}") from None
    if _control_ratio(text) > 0.05:
        raise DecodeError("undecodable text: mostly control characters, probably binary")
    note = "not valid UTF-8; decoded as cp1252"
    if undefined:
        note += f" ({undefined} byte(s) undefined in cp1252 replaced by U+FFFD)"
    return Decoded(text, "cp1252", note=note)


def _control_ratio(text: str) -> float:
    if not text:
        return 0.0
    sample = text[:8192]
    bad = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f")
    return bad / len(sample)


def normalize(text: str) -> str:
    """Unify line endings and drop non-breaking spaces' oddities; keeps the text otherwise as is."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\u00a0", " ").replace("\ufeff", "")
