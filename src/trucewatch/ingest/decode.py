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


def decode(data: bytes) -> Decoded:
    """Decode as UTF-8 (with or without BOM), else cp1252 with a note; raise DecodeError for binary data."""
    if looks_binary(data):
        raise DecodeError("binary file (NUL bytes), not text")
    if data.startswith(b"\xef\xbb\xbf"):
        return Decoded(data[3:].decode("utf-8", errors="replace"), "utf-8-sig")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        first_error = exc
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise DecodeError(f"undecodable text (not UTF-8 or cp1252): {first_error}") from None
    if _control_ratio(text) > 0.05:
        raise DecodeError("undecodable text: mostly control characters, probably binary")
    return Decoded(text, "cp1252", note="not valid UTF-8; decoded as cp1252")


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
