"""Search form of text: folded, with the genre's abbreviations spelled one way.

Both the indexed text and the question go through ``search_form`` so that
"cải cách hành chính" finds "CCHC", "quý I" finds "quy 1", "TN&MT" finds
"Tài nguyên và Môi trường".
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from knowledge.text import fold, trie_pattern, word_led

# long form (folded) -> the one short form used in the index
ABBREVIATIONS: tuple[tuple[str, str], ...] = (
    ("cai cach hanh chinh", "cchc"), ("cai cach thu tuc hanh chinh", "cc tthc"), ("thu tuc hanh chinh", "tthc"),
    ("uy ban nhan dan", "ubnd"), ("hoi dong nhan dan", "hdnd"), ("dich vu cong truc tuyen", "dvctt"),
    ("dich vu cong", "dvc"), ("can bo, cong chuc, vien chuc", "cbccvc"), ("can bo cong chuc vien chuc", "cbccvc"),
    ("can bo, cong chuc", "cbcc"), ("van ban quy pham phap luat", "vbqppl"), ("quy pham phap luat", "qppl"),
    ("cong nghe thong tin", "cntt"), ("tai nguyen va moi truong", "tnmt"), ("tai nguyen - moi truong", "tnmt"),
    ("tai chinh - ke hoach", "tckh"), ("tai chinh ke hoach", "tckh"), ("tai chinh va ke hoach", "tckh"),
    ("thong tin va truyen thong", "tttt"), ("lao dong - thuong binh va xa hoi", "ldtbxh"),
    ("lao dong thuong binh va xa hoi", "ldtbxh"), ("giao duc va dao tao", "gddt"), ("giao duc - dao tao", "gddt"),
    ("nong nghiep va phat trien nong thon", "nnptnt"), ("kinh te va ha tang", "ktht"), ("kinh te - ha tang", "ktht"),
    ("van hoa va thong tin", "vhtt"), ("van hoa - thong tin", "vhtt"), ("van hoa va truyen thong", "vhtt"),
    ("van hoa - truyen thong", "vhtt"), ("van hoa, the thao", "vhtt"), ("mat tran to quoc", "mttq"),
    ("bao hiem xa hoi", "bhxh"), ("bo chi huy quan su", "bchqs"), ("ban chi huy quan su", "bchqs"),
    ("mat tran to quoc viet nam", "mttq"), ("mat tran to quoc", "mttq"), ("bo phan mot cua", "bpmc"), ("van phong hdnd va ubnd", "vp hdnd ubnd"),
    ("van phong hdnd - ubnd", "vp hdnd ubnd"), ("van phong hdnd & ubnd", "vp hdnd ubnd"),
    ("van phong hdnd&ubnd", "vp hdnd ubnd"), ("van phong", "vp"), ("cong an", "ca"), ("so hoa", "sohoa"),
    ("giai phong mat bang", "gpmb"), ("nong thon moi", "ntm"), ("phong chay chua chay", "pccc"),
    ("phong chay, chua chay", "pccc"), ("an toan giao thong", "atgt"), ("an toan thuc pham", "attp"),
)
# (a word the pattern cannot match without, pattern, short form): the substring test is far cheaper.
# Each pattern opens with a literal so that re looks for it in C; the word boundary before it is
# checked after it ('tn(?<!\\wtn)' is '\\btn'): a leading '\\b' would run the pattern at every position.
SHORT_FORMS: tuple[tuple[str, str, str], ...] = (
    ("tn", r"tn(?<!\wtn)(?:\s*&\s*mt|-mt)\b", "tnmt"), ("tc", r"tc(?<!\wtc)\s*-\s*kh\b", "tckh"),
    ("vh", r"vh(?<!\wvh)(?:\s*-\s*tt|&tt)\b", "vhtt"), ("tt", r"tt(?<!\wtt)\s*&\s*tt\b", "tttt"),
    ("ld", r"ld(?<!\wld)(?:\s*-\s*tb\s*&\s*xh|tb&xh)\b", "ldtbxh"), ("gd", r"gd(?<!\wgd)\s*&\s*dt\b", "gddt"),
    ("nn", r"nn(?<!\wnn)\s*&\s*ptnt\b", "nnptnt"), ("kt", r"kt(?<!\wkt)\s*-\s*ht\b", "ktht"),
    ("ubnd", r"hdnd(?<!\whdnd)\s*[-&]\s*ubnd\b", "hdnd ubnd"), ("ubmttq", r"ubmttq(?<!\wubmttq)\b", "uy ban mttq"),
    ("chqs", r"(?:b(?<!\wb)chqs|c(?<!\wc)hqs)\b", "bchqs"), ("mot cua", r"mot(?<!\wmot) cua\b", "motcua"),
)
ROMAN_QUARTER = {"iv": "4", "iii": "3", "ii": "2", "i": "1"}
_BASE = {"uy ban nhan dan": "ubnd", "hoi dong nhan dan": "hdnd"}
_BASE_RE = re.compile(r"\b(?:uy ban nhan dan|hoi dong nhan dan)\b")
_ABBR = {long: short for long, short in reversed(ABBREVIATIONS) if long not in _BASE}
_ABBR.update({long: short for long, short in ABBREVIATIONS if long not in _BASE})   # first spelling wins


def _word_start_trie(phrases) -> str:
    """trie_pattern(phrases) between word boundaries, led by the phrases' first letters (text.word_led):
    one alternative per first letter, the rest of its phrases as one trie."""
    by_first: dict[str, list[str]] = {}
    for phrase in phrases:
        by_first.setdefault(phrase[:1], []).append(phrase[1:])
    return word_led(first + trie_pattern(rests) for first, rests in sorted(by_first.items())) + r"\b"


# one pass, longest first (the same result as replacing them one by one, at a fraction of the cost)
_ABBR_RE = re.compile(_word_start_trie(_ABBR))
# The same replacements for a folded text whose long forms all follow a space or open it (nearly every
# one): re looks for the spaces in C, as for any pattern opening with a literal, and tries the long forms
# only there; _ABBR_RE looks at every letter that opens one (twice the work). Whether a long form follows
# some other character is asked on a copy of the ASCII text (as bytes: bytes.translate is a table lookup per
# byte, str.translate a dict lookup per character) where every character but letters, digits, "_" and the
# space is 0x01, the long forms mapped the same way (so the copy holds one wherever the text does), again
# behind a literal. tests/test_search_text.py compares the two ways on random texts.
_GLUE = bytes(c if chr(c).isalnum() or chr(c) in "_ " else 1 for c in range(256))
_SPACED_ABBR_RE = re.compile(" (?:" + trie_pattern(_ABBR) + r")\b")
_GLUED_ABBR_RE = re.compile(b"\x01(?:" + trie_pattern({long.encode().translate(_GLUE).decode() for long in _ABBR}).encode()
                            + b")")


def _abbreviated(s: str) -> str:
    """_ABBR_RE.sub(short form, s), for a folded text."""
    if s.isascii() and not _GLUED_ABBR_RE.search(s.encode().translate(_GLUE)):
        return _SPACED_ABBR_RE.sub(lambda m: " " + _ABBR[m.group(0)[1:]], " " + s)[1:]
    return _ABBR_RE.sub(lambda m: _ABBR[m.group(0)], s)


# each short form with a word it cannot match without (a substring test is far cheaper than a regex)
_SHORT_RE = [(re.compile(p).sub, needle, short) for needle, p, short in SHORT_FORMS]
# "quy iv" -> "quy 4" ...: one pass, the literal "quy" first so that re looks for it in C (the
# boundary before it is checked after it, as in text.word_led); fold() leaves single spaces
_QUARTER_RE = re.compile(r"quy(?<!\wquy) (iv|iii|ii|i)\b")

STOPWORDS = frozenset("""
a ai anh boi cac cai can cho chu co cua da dang de den di do duoc gi gio ha hay hoac khi khong la lai lam len
luc ma minh moi mot nay neu nhu nhung nao ngay nen nguoi nhe no o oi phai ra roi sau se sao tai the thi theo tren
trong tu va ve vi voi vao viec nhieu cung duoc dieu hon cua nhat thanh cho toi ban biet xin hoi muon
""".split())


def search_form(text: str) -> str:
    s = fold(text)
    if "–" in s or "—" in s:
        s = s.replace("–", "-").replace("—", "-")
    if "&" in s or "-" in s or "chqs" in s or "ubmttq" in s or "mot cua" in s:   # else no short form applies
        for sub, needle, short in _SHORT_RE:
            if needle in s:
                s = sub(short, s)
    if "nhan dan" in s:
        s = _BASE_RE.sub(lambda m: _BASE[m.group(0)], s)
    s = _abbreviated(s)
    if "quy i" in s:   # "quy pham", "quy dinh" are far more common than a quarter
        s = _QUARTER_RE.sub(lambda m: "quy " + ROMAN_QUARTER[m.group(1)], s)
    return s


# an item's marker: "1.", "a)", "II.". No pattern above matches a digit, a lone letter, a roman
# numeral, a "." or a ")" (nor a space between two matches), so nothing search_form replaces
# reaches into or across the marker: see item_parts
_ITEM_MARKER = re.compile(r"(?:\d{1,3}|[^\W\d_]|[IVXLCivxlc]{1,6})[.)]")


def item_parts(text: str) -> tuple[str, str] | None:
    """(marker, body) of an item ("1. Chủ trì …"), for which search_form(text) is
    fold(marker) + " " + search_form(body) whenever search_form(body) is not empty; None for
    other texts. A passage is stored with its marker while its body was formed already (it is
    often a task's action): the caller can reuse the body's form."""
    marker, space, body = text.partition(" ")
    if space and body and _ITEM_MARKER.fullmatch(marker):
        return marker, body
    return None


def item_search_form(text: str, body_form: Callable[[str], str] = search_form) -> str:
    """search_form(text), made from the body's form when the text is an item ("1. Chủ trì …", see
    item_parts): ``body_form`` may be a caller's memo of forms it has made already."""
    item = item_parts(text)
    body = body_form(item[1]) if item else ""
    return f"{fold(item[0])} {body}" if item and body else search_form(text)


_DEFINED = re.compile(r"\(([A-ZĐ][A-ZĐ0-9]{1,9})\)")   # "chất thải rắn sinh hoạt (CTRSH)"
_KNOWN_SHORT = frozenset(short for _, short in ABBREVIATIONS)


def defined_abbreviations(text: str) -> dict[str, str]:
    """The abbreviations a document defines for itself, written after their long form in brackets
    ('… chất thải rắn sinh hoạt (CTRSH)', 'nông thôn mới (NTM)'): short -> long, both in search form.
    Only where the short form's letters are the initials of the words before it."""
    out: dict[str, str] = {}
    for m in _DEFINED.finditer(text):
        short = fold(m.group(1))
        if short in out or short in _KNOWN_SHORT or not short.isalpha():
            continue
        words = re.findall(r"[^\W\d_]+", text[max(0, m.start() - 150):m.start()])[-len(short):]
        if len(words) == len(short) and "".join(fold(w)[0] for w in words) == short:
            long = search_form(" ".join(words))
            if long != short:
                out[short] = long
    return out


def with_long_forms(form: str, abbreviations: dict[str, str]) -> str:
    """A search form with the long form of each of the document's own abbreviations it holds added
    ('… phan loai ctrsh …' is also found by 'chất thải rắn sinh hoạt')."""
    extra = [long for short, long in abbreviations.items()
             if short in form and long not in form and re.search(rf"\b{short}\b", form)]
    return f"{form} {' '.join(extra)}" if extra else form


_QUESTION_PHRASES = re.compile(r"\b(?:bao nhieu|bao gio|bao lau|nhu the nao|the nao|la gi|ra sao|"
                               r"(?:don vi|co quan|bo phan) nao)\b")


# the stopwords as they are spelled: a question typed with diacritics keeps a word that only folds to one
# ("bàn giao", "tiến độ", "đầu tư", "con dấu" are not "bạn", "đó", "đâu")
SPELLED_STOPWORDS = frozenset("""
a à ạ á ai anh bởi các cái cần cho chứ có của đã đang để đến đi do đó được gì giờ hả hay hoặc khi không là lại làm
lên lúc mà mình mọi mới một này nay nếu như những nhưng nào ngay ngày nên người nhé nó ở ơi phải ra rồi sau sẽ sao
tại thế thì theo trên trong từ và về vì với vào việc nhiều cũng điều hơn nhất thành tôi tới bạn biết xin hỏi muốn
""".split())


# folds too common in directives for a respelled word to be searched by ("cơ" finds every "có", "tư" every
# "từ", "thị" every "thị trấn"): these stay stopwords however they are spelled
_COMMON_FOLDS = frozenset("co tu thi vi la cac cua da de den duoc mot nhung trong va ve voi cho tai theo khong nay sau ra tren".split())


def respelled(text: str, spelled: frozenset[str]) -> frozenset[str]:
    """The folded words that ``text``, typed with diacritics, spells otherwise than any of ``spelled``
    ("bàn" folds as "bạn" does): words a fold alone would take for them. Empty for a text typed without."""
    if text.isascii():
        return frozenset()
    return frozenset(fold(w) for w in re.findall(r"[^\W\d_]+", unicodedata.normalize("NFC", text.lower()))
                     if not w.isascii() and w not in spelled)


def tokens(text: str) -> list[str]:
    """Search words of a text (search form), stopwords and question phrases out."""
    s = _QUESTION_PHRASES.sub(" ", search_form(text))
    kept = respelled(text, SPELLED_STOPWORDS) - _COMMON_FOLDS
    return [t for t in re.findall(r"[a-z0-9%]+(?:[,.][0-9]+)?", s) if t not in STOPWORDS or t in kept]
