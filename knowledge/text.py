"""Text normalisation and diacritic folding for Vietnamese."""
from __future__ import annotations

import re
import unicodedata

# Old ("hoà", "uỷ") and new ("hòa", "ủy") tone placement: normalise to the new style
# used by the directives so that both spellings match.
_OLD_TONES = {
    "oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
    "oè": "òe", "oé": "óe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
    "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy",
}
_OLD_TONE_RE = re.compile(
    "|".join(sorted({k for k in _OLD_TONES} | {k.upper() for k in _OLD_TONES} | {k[0].upper() + k[1:] for k in _OLD_TONES}, key=len, reverse=True))
)
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")


def _new_tone(m: re.Match[str]) -> str:
    s = m.group(0)
    low = _OLD_TONES[s.lower()]
    if s.isupper():
        return low.upper()
    if s[0].isupper():
        return low[0].upper() + low[1:]
    return low


def nfc(text: str) -> str:
    """NFC, no zero-width characters, non-breaking spaces as spaces."""
    text = unicodedata.normalize("NFC", text)
    text = _ZERO_WIDTH.sub("", text).replace("\u00a0", " ").replace("\r\n", "\n").replace("\r", "\n")
    return text


def modern_tones(text: str) -> str:
    """'hoà' -> 'hòa', 'uỷ' -> 'ủy' (only where the vowel pair ends the syllable)."""
    return re.sub(r"(?<![qQ])(?:" + _OLD_TONE_RE.pattern + r")(?![^\W\d_])", _new_tone, text)


def fold(text: str) -> str:
    """Lower case, no diacritics, đ -> d, single spaces: the key every match uses."""
    text = unicodedata.normalize("NFD", (text or "").lower()).replace("đ", "d").replace("\u0111", "d")
    text = "".join(c for c in text if unicodedata.category(c) != "Mn")
    return re.sub(r"\s+", " ", text).strip()


def fold_keep_length(text: str) -> str:
    """Like fold() but character for character (same length), so offsets map back."""
    out = []
    for ch in text:
        base = unicodedata.normalize("NFD", ch.lower())
        base = base.replace("đ", "d")
        base = "".join(c for c in base if unicodedata.category(c) != "Mn") or " "
        out.append(base[0] if len(base) >= 1 else " ")
    return "".join(out)


def squash(text: str) -> str:
    """Collapse runs of white space to one space."""
    return re.sub(r"\s+", " ", text).strip()
