"""Text normalisation and diacritic folding for Vietnamese."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Old ("hoà", "uỷ") and new ("hòa", "ủy") tone placement: normalise to the new style
# used by the directives so that both spellings match.
_OLD_TONES = {
    "oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
    "oè": "òe", "oé": "óe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
    "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy",
}
_ZERO_WIDTH_CHARS = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_ZERO_WIDTH = re.compile(f"[{_ZERO_WIDTH_CHARS}]")


_OLD_TONE_FORMS = frozenset({k for k in _OLD_TONES} | {k.upper() for k in _OLD_TONES}
                            | {k[0].upper() + k[1:] for k in _OLD_TONES})
# candidates by two character classes (a fast scan); the callback keeps anything that is not an old form
# (no look-behind for "qu": it would cost a test at every position; the callback looks back instead)
_OLD_TONE_SYLLABLE = re.compile(r"[oOuU][" + "".join(sorted({k[1] for k in _OLD_TONE_FORMS})) + r"](?![^\W\d_])")


def _new_tone(m: re.Match[str]) -> str:
    s = m.group(0)
    if s not in _OLD_TONE_FORMS or m.string[m.start() - 1:m.start()] in ("q", "Q"):
        return s
    low = _OLD_TONES[s.lower()]
    if s.isupper():
        return low.upper()
    if s[0].isupper():
        return low[0].upper() + low[1:]
    return low


def nfc(text: str) -> str:
    """NFC, no zero-width characters, non-breaking spaces as spaces."""
    text = unicodedata.normalize("NFC", text)
    if any(ch in text for ch in _ZERO_WIDTH_CHARS):   # six substring tests: a tenth of one regex scan
        text = _ZERO_WIDTH.sub("", text)
    return text.replace("\u00a0", " ").replace("\r\n", "\n").replace("\r", "\n")


def modern_tones(text: str) -> str:
    """'hoà' -> 'hòa', 'uỷ' -> 'ủy' (only where the vowel pair ends the syllable)."""
    return _OLD_TONE_SYLLABLE.sub(_new_tone, text)


def _fold_char(ch: str) -> str:
    base = unicodedata.normalize("NFD", ch.lower()).replace("đ", "d")
    return "".join(c for c in base if unicodedata.category(c) != "Mn")


# One table for every character of Latin scripts and Vietnamese: folding is then str.translate (C speed).
_FOLD: dict[int, str | None] = {}
for _cp in list(range(0x00C0, 0x0250)) + list(range(0x1E00, 0x1F00)) + list(range(0x0041, 0x005B)):
    _c = chr(_cp)
    _f = _fold_char(_c)
    if _f != _c:
        _FOLD[_cp] = _f
for _cp in range(0x0300, 0x0370):       # combining marks (text that came in decomposed)
    _FOLD[_cp] = None
_SAME_LENGTH = {cp: (v[0] if v else " ") for cp, v in _FOLD.items()}
_SAME_LENGTH.update({cp: " " for cp in range(0x0300, 0x0370)})


# Sizes of the caches of pure functions of unit names and phrases. An ingest's memory stays flat only
# once every cache is full: phrases the extractor splits and qualifies fill 1,024 entries within the
# first few hundred documents; unit keys, which the answering engine also computes for every unit it
# compares, keep 4,096 (about 1 MB; full after some 6,000 documents).
PHRASE_CACHE = 1024
KEY_CACHE = 4096


# Folded words, word by word: the texts of one corpus share a few thousand words, so a dict lookup per
# word beats translating every character (bounded: cleared when full). fold() looks words up as written,
# capitals and all, so that a paragraph is not lowered first (lower() costs about as much as the fold);
# fold_keep_length() looks up lowered words.
_WORDS: dict[str, str] = {}
_WORDS_SAME_LENGTH: dict[str, str] = {}
_MAX_WORDS = 50_000   # a safety net: the syllables of a language are a few thousand
_DIGIT = re.compile(r"\d")


def _remember(kept: dict[str, str], word: str, folded: str) -> str:
    if not _DIGIT.search(word):   # words (punctuation stuck to them or not), not numbers, dates or codes
        if len(kept) >= _MAX_WORDS:
            kept.clear()
        kept[word] = folded
    return folded


def _folded_word(word: str) -> str:
    """fold() of one word as written (no white space in it)."""
    return _remember(_WORDS, word, word.lower().translate(_FOLD))


def _folded_word_same_length(low: str) -> str:
    """fold_keep_length() of one lowered word."""
    return _remember(_WORDS_SAME_LENGTH, low, low.translate(_SAME_LENGTH))


def fold(text: str) -> str:
    """Lower case, no diacritics, đ -> d, single spaces: the key every match uses."""
    known = _KNOWN_FOLDS.get(text)
    if known is not None:
        return known
    if text and len(text) > 160:
        return _fold_long(text)
    return _fold_short(text)


# Folds a caller has already, as slices of a longer text's fold (see folded_part): fold() returns them
# without folding again. Bounded like the other caches; filled only by folded_part.
_KNOWN_FOLDS: dict[str, str] = {}
_MAX_KNOWN_FOLDS = 1024


@lru_cache(maxsize=16384)   # names, phrases and short actions: questions come back to them (full after ~1,000 documents of an ingest)
def _fold_short(text: str) -> str:
    return _fold(text)


@lru_cache(maxsize=512)     # a paragraph is folded again only while its document is being read
def _fold_long(text: str) -> str:
    return _fold(text)


def _fold(text: str) -> str:
    """Word by word as written: lowering a whole text and each of its words gives the same words (lower()
    neither makes nor removes white space, and the one letter whose lower case depends on its neighbours,
    a final sigma, does not look across white space)."""
    text = text or ""
    if text.isascii():
        return " ".join(text.lower().split())
    get = _WORDS.get
    return " ".join(filter(None, [get(w) or _folded_word(w) for w in text.split()]))


@lru_cache(maxsize=1024)   # the extractor folds one paragraph for several rules in turn
def fold_keep_length(text: str) -> str:
    """Like fold() but character for character (same length), so offsets map back."""
    low = text.lower()
    if len(low) != len(text):
        return "".join((_fold_char(c) or " ")[0] for c in text)
    if low.isascii():
        return low
    get = _WORDS_SAME_LENGTH.get
    return " ".join([get(w) or _folded_word_same_length(w) for w in low.split(" ")])


# every character str.split() splits on but the space (tests/test_search_text.py checks the list)
OTHER_WHITE_SPACE = ("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
                     "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")
# What makes fold(text) differ from fold_keep_length(text): a character that folds to none or to
# several, one whose lower case is longer (İ) or depends on the next letter (Σ), white space other
# than a space (fold squashes it). Double and outer spaces are tested apart (substring tests).
_NOT_PLAIN = re.compile("[" + "".join(re.escape(chr(cp)) for cp, v in sorted(_FOLD.items()) if not v or len(v) != 1)
                        + "İΣ" + re.escape(OTHER_WHITE_SPACE)
                        + "]")


@lru_cache(maxsize=256)   # a paragraph is asked for once per draft taken from it
def is_plain(text: str) -> bool:
    """Squashed (single spaces, none at either end) and every character folding to exactly one:
    fold() and fold_keep_length() of the text and of any part of it without outer spaces agree."""
    return bool(text) and text[0] != " " and text[-1] != " " and "  " not in text and not _NOT_PLAIN.search(text)


def folded_part(text: str, start: int, end: int | None = None) -> str | None:
    """fold_keep_length(text[start:end]) as a slice of the text's fold (folding maps character by
    character), or None where a slice could differ: a capital sigma, the one letter whose lower case
    depends on the letter after it. For a plain text (squashed, each character folding to one) the
    slice is taken from the text's fold(), which is made already, and it is also fold() of the part:
    it is remembered for whoever folds the part next (the rules, the store's search form)."""
    if not is_plain(text):
        return None if "Σ" in text else fold_keep_length(text)[start:end]
    part, folded = text[start:end], fold(text)[start:end]
    if part[:1] != " " and part[-1:] != " ":
        if len(_KNOWN_FOLDS) >= _MAX_KNOWN_FOLDS:
            _KNOWN_FOLDS.clear()
        _KNOWN_FOLDS[part] = folded
    return folded


def squash(text: str) -> str:
    """Collapse runs of white space to one space (str.split and the regex \\s agree on white space). A text
    already squashed is returned as it is: every white-space character but the space is non-printable, so
    a printable text without a double space or an outer one has nothing to collapse (a scan, not a split
    into words and a join)."""
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text
    return " ".join(text.split())


def trie_pattern(phrases) -> str:
    """One regex for many phrases, factored by common prefixes, longest match first: the same
    matches as 'a|b|c' sorted longest first, without trying every phrase at every position."""
    trie: dict = {}
    for phrase in phrases:
        node = trie
        for ch in phrase:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie)


def word_led(alternatives) -> str:
    """'\\b(?:a|b|…)' for regex alternatives that each open with a lower-case letter or a digit, spelled so
    that re scans for those first characters in C: grouped by first character (each group keeps its order;
    alternatives with different first characters never match at the same place), the character first and
    the word boundary checked after it ('t(?<!\\wt)'). A pattern that opens with \\b, a look-behind or a
    look-ahead is tried by re at every position of the text. (A single word reads faster with the whole
    word first: 'quy(?<!\\wquy)', a longer literal to scan for.)"""
    by_first: dict[str, list[str]] = {}
    for alt in alternatives:
        if not ("a" <= alt[:1] <= "z" or "0" <= alt[:1] <= "9"):
            raise ValueError(f"not led by a letter or digit: {alt!r}")
        by_first.setdefault(alt[0], []).append(alt[1:])
    return "(?:" + "|".join(f"{c}(?<!\\w{c})(?:{'|'.join(rests)})" for c, rests in by_first.items()) + ")"


# A page number alone on a line ("3", "- 3 -", "Trang 3/5"): the PDF reader's page furniture and the
# page breaks left in plain text taken from a PDF.
PAGE_NUMBER = re.compile(
    r"^(?:[-–—]\s*)?(?:trang|page|tr\.)?\s*\d{1,4}\s*(?:(?:/|of|trên|\|)\s*\d{1,4})?(?:\s*[-–—])?$", re.I)
# A line break inside a Markdown table cell, as Word and PDF converters write it
LINE_BREAK = re.compile(r"<br\s*/?>", re.I)
