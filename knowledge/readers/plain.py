"""Plain text and Markdown: UTF-8 (with or without BOM), UTF-16, and legacy encodings."""
from __future__ import annotations

import re
from pathlib import Path

from knowledge.errors import UnreadableDocument


def decode(data: bytes, name: str) -> str:
    if not data.strip():
        raise UnreadableDocument(name, "empty")
    text = _decode(data, name)
    if _control_share(text) > 0.05:
        raise UnreadableDocument(name, "binary")
    return text


def _control_share(text: str) -> float:
    sample = text[:5000]
    if not sample:
        return 0.0
    bad = len(_CONTROL.findall(sample))
    return bad / len(sample)


_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\ufff0-\uffff\ud800-\udfff]")


def _decode(data: bytes, name: str) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if _looks_utf16(data):
        return data.decode("utf-16-le" if data[1] == 0 else "utf-16-be")
    if b"\x00" in data[:4096]:
        raise UnreadableDocument(name, "binary")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        from knowledge import legacy  # TCVN3 / VNI / Windows-1258 (issue 7)
    except ImportError:  # pragma: no cover - present once issue 7 lands
        raise UnreadableDocument(name, "undecodable") from None
    text = legacy.decode_bytes(data)
    if text is None:
        raise UnreadableDocument(name, "undecodable")
    return text


def _looks_utf16(data: bytes) -> bool:
    sample = data[:2000]
    if len(sample) < 4:
        return False
    evens, odds = sample[0::2], sample[1::2]
    return odds.count(0) > len(odds) * 0.3 or evens.count(0) > len(evens) * 0.3


def read(path: Path) -> str:
    text = decode(path.read_bytes(), path.name)
    try:
        from knowledge import legacy
        text = legacy.fix_text(text)
    except ImportError:  # pragma: no cover
        pass
    return text
