"""Pre-Unicode Vietnamese: TCVN3 (ABC, ".VnTime" fonts), VNI ("VNI-Times") and Windows-1258.

Older directives were typed with 8-bit Vietnamese fonts. Opened as Unicode, their text
is garbage: "Uû ban nh©n d©n" (TCVN3), "UÛy ban nhaân daân" (VNI). This module converts
such text (or raw bytes) to NFC Unicode.

Public API
    decode_bytes(data) -> str | None   bytes that are not UTF-8/UTF-16: TCVN3, VNI or cp1258
    fix_text(text) -> str              detect and convert TCVN3/VNI/cp1258 garbage lines
    tcvn3_to_unicode(text, upper=False), vni_to_unicode(text), cp1258_to_unicode(data)
    convert_for_font(text, font_name)  convert a run whose font name says its encoding
    is_vietnamese_syllable(word)

Safety: detection works on whole words. A word is "good" when it is plain ASCII or a
well-formed Vietnamese syllable (onset + vowel cluster + final, one tone mark, the tone
allowed with that final, sane letter case). Conversion happens only where it turns bad
words into good ones, and only on lines made of Latin-1 characters (8-bit fonts never
produce anything else), so correct Unicode Vietnamese ("ư", "ơ", "đ", "ạ"... all lie
beyond U+00FF) is never touched.
"""
from __future__ import annotations

import re
import unicodedata

# ---------------------------------------------------------------------------
# TCVN3 (TCVN 5712:1993, VN3 / "ABC"), bytes 0xA1..0xFE. Upper-case toned letters do not
# exist in VN3: ".VnTimeH"-style fonts draw the lower-case codes as capitals.
# ---------------------------------------------------------------------------
_TCVN3_BYTES: dict[int, str] = {
    0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư", 0xA7: "Đ",
    0xA8: "ă", 0xA9: "â", 0xAA: "ê", 0xAB: "ô", 0xAC: "ơ", 0xAD: "ư", 0xAE: "đ",
    0xB5: "à", 0xB6: "ả", 0xB7: "ã", 0xB8: "á", 0xB9: "ạ",
    0xBB: "ằ", 0xBC: "ẳ", 0xBD: "ẵ", 0xBE: "ắ", 0xC6: "ặ",
    0xC7: "ầ", 0xC8: "ẩ", 0xC9: "ẫ", 0xCA: "ấ", 0xCB: "ậ",
    0xCC: "è", 0xCE: "ẻ", 0xCF: "ẽ", 0xD0: "é", 0xD1: "ẹ",
    0xD2: "ề", 0xD3: "ể", 0xD4: "ễ", 0xD5: "ế", 0xD6: "ệ",
    0xD7: "ì", 0xD8: "ỉ", 0xDC: "ĩ", 0xDD: "í", 0xDE: "ị",
    0xDF: "ò", 0xE1: "ỏ", 0xE2: "õ", 0xE3: "ó", 0xE4: "ọ",
    0xE5: "ồ", 0xE6: "ổ", 0xE7: "ỗ", 0xE8: "ố", 0xE9: "ộ",
    0xEA: "ờ", 0xEB: "ở", 0xEC: "ỡ", 0xED: "ớ", 0xEE: "ợ",
    0xEF: "ù", 0xF1: "ủ", 0xF2: "ũ", 0xF3: "ú", 0xF4: "ụ",
    0xF5: "ừ", 0xF6: "ử", 0xF7: "ữ", 0xF8: "ứ", 0xF9: "ự",
    0xFA: "ỳ", 0xFB: "ỷ", 0xFC: "ỹ", 0xFD: "ý", 0xFE: "ỵ",
}
# As text: Word and most converters store the font's bytes as the Latin-1 code points;
# symbol-style storage uses the private area U+F000+byte.
_TCVN3_CHARS: dict[str, str] = {chr(b): u for b, u in _TCVN3_BYTES.items()}
_TCVN3_CHARS.update({chr(0xF000 + b): u for b, u in _TCVN3_BYTES.items()})
_TCVN3_TABLE = str.maketrans(_TCVN3_CHARS)

# ---------------------------------------------------------------------------
# VNI (VNI-Windows): a base letter followed by a mark byte; a few letters are one byte.
# ---------------------------------------------------------------------------
_GRAVE, _ACUTE, _HOOK, _TILDE, _DOT = "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"
_CIRC, _BREVE, _HORN = "\u0302", "\u0306", "\u031b"
_VNI_MARKS: dict[str, str] = {}
for _lower, _marks in {
    "ø": _GRAVE, "ù": _ACUTE, "û": _HOOK, "õ": _TILDE, "ï": _DOT,
    "â": _CIRC, "à": _CIRC + _GRAVE, "á": _CIRC + _ACUTE, "å": _CIRC + _HOOK,
    "ã": _CIRC + _TILDE, "ä": _CIRC + _DOT,
    "ê": _BREVE, "è": _BREVE + _GRAVE, "é": _BREVE + _ACUTE, "ú": _BREVE + _HOOK,
    "ü": _BREVE + _TILDE, "ë": _BREVE + _DOT,
}.items():
    _VNI_MARKS[_lower] = _marks
    _VNI_MARKS[_lower.upper()] = _marks
_VNI_SINGLE: dict[str, str] = {
    "ô": "ơ", "Ô": "Ơ", "ö": "ư", "Ö": "Ư", "ñ": "đ", "Ñ": "Đ",
    "æ": "ỉ", "Æ": "Ỉ", "ó": "ĩ", "Ó": "Ĩ", "ò": "ị", "Ò": "Ị", "î": "ỵ", "Î": "Ỵ",
    # ì í Ì Í are i with grave/acute in VNI as in Unicode
}
_VNI_BASES = set("aeiouyAEIOUYơưƠƯ")

_TONES = {_GRAVE, _ACUTE, _HOOK, _TILDE, _DOT}


def tcvn3_to_unicode(text: str, upper: bool = False) -> str:
    """TCVN3 text (its bytes read as Latin-1) -> NFC Unicode; upper=True for ...H fonts."""
    out = text.translate(_TCVN3_TABLE)
    if upper:
        out = out.upper()
    return unicodedata.normalize("NFC", out)


def vni_to_unicode(text: str) -> str:
    """VNI text (its bytes read as Latin-1/cp1252) -> NFC Unicode."""
    text = "".join(chr(ord(c) - 0xF000) if 0xF020 <= ord(c) <= 0xF0FF else c for c in text)
    out: list[str] = []
    for ch in text:
        if ch in _VNI_MARKS and out and out[-1][:1] in _VNI_BASES:
            out[-1] += _VNI_MARKS[ch]
        elif ch in _VNI_SINGLE:
            out.append(_VNI_SINGLE[ch])
        else:
            out.append(ch)
    return unicodedata.normalize("NFC", "".join(out))


def cp1258_to_unicode(data: bytes) -> str:
    """Windows-1258 bytes -> NFC Unicode (cp1258 uses combining tone marks)."""
    return unicodedata.normalize("NFC", data.decode("cp1258"))


def unicode_to_cp1258(text: str) -> bytes:
    """Unicode -> Windows-1258 bytes (letters with a tone become base letter + tone mark)."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        nfd = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in nfd if c not in _TONES))
        tones = "".join(c for c in nfd if c in _TONES)
        out += (base + tones).encode("cp1258")
    return bytes(out)


def _cp1258_mojibake(text: str) -> str:
    """cp1258 bytes that were decoded as cp1252/Latin-1 -> Unicode (raises if impossible)."""
    try:
        data = text.encode("cp1252")
    except UnicodeEncodeError:
        data = text.encode("latin-1")
    return cp1258_to_unicode(data)


def convert_for_font(text: str, font_name: str | None) -> str:
    """Convert a run by its font: '.VnTime'/'.VnArialH' -> TCVN3, 'VNI-Times' -> VNI."""
    kind = font_encoding(font_name)
    if kind == "tcvn3":
        return tcvn3_to_unicode(text, upper=tcvn3_font_is_upper(font_name or ""))
    if kind == "vni":
        return vni_to_unicode(text)
    return text


def font_encoding(font_name: str | None) -> str | None:
    """'tcvn3', 'vni' or None from a font name (PDF subset prefixes 'ABCDEF+' allowed)."""
    if not font_name:
        return None
    name = font_name.split("+", 1)[-1].strip().lstrip("/").lower()
    if name.startswith(".vn") or name.startswith("vn") and not name.startswith("vni"):
        # ".VnTime", PDF base names drop the dot: "VnTime", "VnTimeH,Bold"
        return "tcvn3" if re.match(r"\.?vn[a-z]", name) else None
    if name.startswith("vni-") or name.startswith("vni "):
        return "vni"
    return None


def tcvn3_font_is_upper(font_name: str) -> bool:
    """.VnTimeH, .VnArialH, .VnBlackH: the capital-letter TCVN3 fonts."""
    name = font_name.split("+", 1)[-1].strip()
    name = re.split(r"[,-](?:bold|italic|bolditalic|oblique)\b", name, flags=re.I)[0].strip()
    return len(name) > 4 and name.endswith("H") and name[-2:-1].islower()


# ---------------------------------------------------------------------------
# What a Vietnamese word looks like
# ---------------------------------------------------------------------------
_ONSET = "(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|b|c|d|đ|g|h|k|l|m|n|p|r|s|t|v|x)?"
# vowel clusters that take a final consonant (some must), and those that end the syllable
_CLOSED = "uyê iê yê uô ươ uơ oa oă oe uâ uê uy oo a ă â e ê i o ô ơ u ư y".split()
_OPEN = ("iêu yêu oai oao oay oeo uây uôi ươi ươu uya uyu "
         "ai ao au ay âu ây eo êu ia iu oi ôi ơi ua ui ưa ưi ưu").split()
_MUST_CLOSE = {"ă", "â", "iê", "yê", "uô", "ươ", "oă", "uâ", "uyê"}
_FINAL = "(?:ch|ng|nh|c|m|n|p|t)"


def _alternation(items: list[str]) -> str:
    return "|".join(sorted(items, key=len, reverse=True))


_SYLLABLE_RE = re.compile(
    rf"^{_ONSET}(?:(?P<open>{_alternation(_OPEN)})|(?P<closed>{_alternation(_CLOSED)})(?P<final>{_FINAL})?)$"
)
_VIET_EXTRA = set("đĐ")


def _strip_tones(word: str) -> tuple[str, list[str]]:
    nfd = unicodedata.normalize("NFD", word)
    tones = [c for c in nfd if c in _TONES]
    base = "".join(c for c in nfd if c not in _TONES)
    return unicodedata.normalize("NFC", base), tones


def is_vietnamese_syllable(word: str) -> bool:
    """True for a well-formed Vietnamese syllable ('người', 'Quyết', 'UBND' is not one)."""
    if not word:
        return False
    if not (word.islower() or word.isupper() or (word[0].isupper() and word[1:].islower())):
        return False
    base, tones = _strip_tones(word.lower())
    if len(tones) > 1:
        return False
    # an 'i' after 'g' onset: "gì", "giữ" handled by the regex; here the regex
    m = _SYLLABLE_RE.match(base)
    if not m:
        # "gi" + nothing ("gì") is onset g + vowel i, which the regex covers; nothing else
        return False
    closed, final = m.group("closed"), m.group("final")
    if closed and not final and closed in _MUST_CLOSE:
        return False
    if tones and (final in ("c", "ch", "p", "t")) and tones[0] not in (_ACUTE, _DOT):
        return False
    return True


def _is_viet_letter(ch: str) -> bool:
    if ch.isascii():
        return ch.isalpha()
    if ch in _VIET_EXTRA:
        return True
    nfd = unicodedata.normalize("NFD", ch)
    return nfd[0].isascii() and nfd[0].isalpha() and all(c in _TONES or c in (_CIRC, _BREVE, _HORN) for c in nfd[1:])


_WORD_RE = re.compile(r"[^\W\d_]+")
# Latin-1 symbols that 8-bit Vietnamese fonts reuse as letters; kept out: ¹²³ (footnote
# marks), ° « » (real punctuation)
_SUSPECT_SYMBOLS = set("¡¢£¤¥¦§¨©ª¬\u00ad®¯±´µ¶·¸º¼½¾¿×÷")


def _token_ok(token: str) -> bool:
    """A whitespace-separated token: every letter run ASCII or a Vietnamese syllable, no junk."""
    for ch in token:
        if ch in _SUSPECT_SYMBOLS:
            return False
        if unicodedata.category(ch) == "Mn":
            return False
    for word in _WORD_RE.findall(token):
        if word.isascii():
            continue
        if not all(_is_viet_letter(c) for c in word):
            return False
        if not is_vietnamese_syllable(word):
            return False
    return True


def _quality(text: str) -> tuple[int, int]:
    """(good words with non-ASCII letters, bad tokens) of a text."""
    good = bad = 0
    for token in text.split():
        if token.isascii():
            continue
        if _token_ok(token):
            good += 1
        else:
            bad += 1
    return good, bad


# ---------------------------------------------------------------------------
# Bytes
# ---------------------------------------------------------------------------
def _bytes_as_latin(data: bytes) -> str:
    """ASCII as is, 0x80-0x9F as cp1252 punctuation where defined, the rest as Latin-1."""
    out = []
    for b in data:
        if 0x80 <= b <= 0x9F:
            try:
                out.append(bytes([b]).decode("cp1252"))
                continue
            except UnicodeDecodeError:
                pass
        out.append(chr(b))
    return "".join(out)


def decode_bytes(data: bytes) -> str | None:
    """Bytes that are not UTF-8: Windows-1258, TCVN3 or VNI -> NFC text; None if none fits."""
    if not data:
        return None
    latin = _bytes_as_latin(data)
    candidates: list[tuple[str, str]] = [("tcvn3", tcvn3_to_unicode(latin)), ("vni", vni_to_unicode(latin))]
    try:
        candidates.append(("cp1258", cp1258_to_unicode(data)))
    except UnicodeDecodeError:
        pass
    best: tuple[int, str] | None = None
    for _name, text in candidates:
        good, bad = _quality(text)
        if good == 0 or bad * 3 > good:
            continue
        score = good - 2 * bad
        if best is None or score > best[0]:
            best = (score, text)
    return best[1] if best else None


# ---------------------------------------------------------------------------
# Already-decoded text
# ---------------------------------------------------------------------------
_GARBAGE_HINT = re.compile(
    "[\u00a1-\u00bf\u00c4-\u00c7\u00cb\u00ce\u00cf\u00d0\u00d1\u00d6-\u00d8\u00db\u00dc\u00de\u00df"
    "\u00e4-\u00e7\u00eb\u00ee\u00ef\u00f0\u00f1\u00f6-\u00f8\u00fb\u00fc\u00fe\u00ff\uf0a1-\uf0fe"
    "\u00cc\u00ec\u00d2\u00f2\u00de]"
)


def _latin_only(line: str) -> bool:
    """Only characters an 8-bit font can produce (Latin-1, cp1252 punctuation, U+F0xx)."""
    return _NOT_8BIT.search(line) is None


_8BIT_EXTRA = (0x20AC, 0x2122, 0x0152, 0x0153, 0x0160, 0x0161, 0x0178, 0x017D, 0x017E, 0x0192, 0x02C6, 0x02DC,
               0x2030, 0x2039, 0x203A)
# a character no 8-bit font produces (one regex scan instead of a Python loop over every character)
_NOT_8BIT = re.compile("[^\x00-\xff\uf020-\uf0ff\u2010-\u2026" + "".join(chr(o) for o in _8BIT_EXTRA) + "]")


_CONVERTERS = {
    "tcvn3": tcvn3_to_unicode,
    "vni": vni_to_unicode,
    "cp1258": _cp1258_mojibake,
}


def _line_stats(before: str, after: str) -> tuple[int, int, int]:
    """(fixed, broken, shifted) over tokens that the conversion changed."""
    fixed = broken = shifted = 0
    a_tokens, b_tokens = before.split(), after.split()
    if len(a_tokens) != len(b_tokens):
        return 0, 1, 0
    for a, b in zip(a_tokens, b_tokens):
        if a == b:
            continue
        ok_a, ok_b = _token_ok(a), _token_ok(b)
        if not ok_a and ok_b:
            fixed += 1
        elif ok_a and not ok_b:
            broken += 1
        elif ok_a and ok_b:
            shifted += 1
    return fixed, broken, shifted


# a suspect symbol glued to letters on both sides: "nh©n", "ph\u00ad¬ng", "®Þa"
_STRONG = re.compile(r"[^\W\d_][\u00a1-\u00bf\u00d7\u00f7]+[^\W\d_]|[\u00a1-\u00bf][^\W\d_]+[\u00a1-\u00bf]")


def detect_encoding(text: str) -> str | None:
    """'tcvn3', 'vni' or 'cp1258' when the text looks like that garbage, else None."""
    return _choose(text.splitlines() or [text])[0]


def _choose(lines: list[str]) -> tuple[str | None, dict[int, str]]:
    """Pick the converter that repairs the hinted lines, then apply it line by line."""
    # an ASCII line holds no hint (str.isascii is free); a Vietnamese line fails _latin_only at its first
    # letter beyond Latin-1, while "ò" and "ì" are hints that send _GARBAGE_HINT through most of it
    hinted = [(i, line) for i, line in enumerate(lines)
              if not line.isascii() and _latin_only(line) and _GARBAGE_HINT.search(line)]
    if not hinted:
        return None, {}
    best: tuple[int, str] | None = None
    for name, conv in _CONVERTERS.items():
        fixed = broken = shifted = 0
        strong = False
        for _i, line in hinted:
            try:
                new = conv(line)
            except (UnicodeDecodeError, UnicodeEncodeError):
                continue
            f, b, s = _line_stats(line, new)
            fixed, broken, shifted = fixed + f, broken + b, shifted + s
            strong = strong or bool(f and _STRONG.search(line))
        if (fixed >= 2 or fixed == 1 and strong) and fixed > broken + shifted:
            score = fixed - broken - shifted
            if best is None or score > best[0]:
                best = (score, name)
    if best is None:
        return None, {}
    conv = _CONVERTERS[best[1]]
    converted: dict[int, str] = {}
    for i, line in enumerate(lines):
        if line.isascii() or not _latin_only(line):
            continue
        try:
            new = conv(line)
        except (UnicodeDecodeError, UnicodeEncodeError):
            continue
        f, b, s = _line_stats(line, new)
        if f > b or (f == 0 and b == 0 and s > 0):
            converted[i] = new
    return best[1], converted


def fix_text(text: str) -> str:
    """Convert TCVN3 / VNI / Windows-1258 garbage lines to Unicode; leave the rest untouched."""
    if not text or not _GARBAGE_HINT.search(text):
        return text
    lines = text.split("\n")
    _name, converted = _choose(lines)
    if not converted:
        return text
    return "\n".join(converted.get(i, line) for i, line in enumerate(lines))
