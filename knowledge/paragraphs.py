"""Split directive text into paragraphs, classify item markers, rejoin page breaks."""
from __future__ import annotations

import re
from dataclasses import dataclass

from knowledge.metadata import strip_markup
from knowledge.text import PAGE_NUMBER, squash

ROMAN_NUMS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
_ROMAN_RE = re.compile(r"^(?P<label>(?:" + "|".join(sorted(ROMAN_NUMS, key=len, reverse=True)) + r"))[.)]\s+(?P<rest>.*)$", re.S)
_ARTICLE_RE = re.compile(r"^(?P<label>(?:Điều|Mục|Phần|Chương)\s+(?:\d{1,2}|[IVX]{1,4}))\s*[.:]\s*(?P<rest>.*)$", re.S)
_NUM_RE = re.compile(r"^(?P<label>\d{1,2}(?:\.\d{1,2}){0,2})[.)/]?\s+(?P<rest>(?!\d)\S.*)$", re.S)
_LETTER_RE = re.compile(r"^(?P<label>[a-zđ])[)./]\s+(?P<rest>.*)$", re.S)
_BULLET_RE = re.compile(r"^(?P<label>[-–+•*])\s+(?P<rest>.*)$", re.S)
_FOOTNOTE_RE = re.compile(r"^(?:[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\[\^?\d+\]:?)\s*\S")
_FOOTNOTE_FIRST = "¹²³⁴⁵⁶⁷⁸⁹⁰["


def _item_pattern(first: str) -> tuple[str, re.Pattern[str]] | None:
    """The one item pattern a paragraph's first character leaves possible (each opens with its own)."""
    if not first:
        return None
    if first in "IVX":
        return "roman", _ROMAN_RE
    if first.isdecimal():      # what \d matches
        return "num", _NUM_RE
    if "a" <= first <= "z" or first == "đ":
        return "letter", _LETTER_RE
    if first in "-–+•*":
        return "bullet", _BULLET_RE
    return None


_TERMINAL = (".", ";", ":", "!", "?", "./.", "…")


@dataclass
class Para:
    text: str          # without the item marker
    kind: str          # roman, num, sub, letter, bullet, plain, footnote
    label: str         # "II", "3", "3.1", "a", "-"
    raw: str           # as in the document (marker included)
    bold: bool = False


def _classify(raw: str, bold: bool) -> Para:
    s = raw.strip()
    first = s[:1]
    if first in _FOOTNOTE_FIRST and _FOOTNOTE_RE.match(s):
        return Para(s, "footnote", "", raw, bold)
    m = _ARTICLE_RE.match(s) if first in "ĐMPC" else None
    if m:   # "Điều 2. Giao Sở Nội vụ …" in a Quyết định: an article is a top-level item
        return Para(m.group("rest").strip() or m.group("label"), "roman", m.group("label"), raw, bold)
    item = _item_pattern(first)
    m = item[1].match(s) if item else None
    if item and m:
        kind, rest = item[0], m.group("rest").strip()
        # "12 tháng 4 …", "5 năm …": a number opening a sentence, not an item (a "num" label is digits)
        if not (kind == "num" and _COUNTED.match(rest)):
            label = m.group("label")
            if kind == "num" and "." in label:
                kind = "sub"   # "1.1.", "2.3": an item under the numbered item before it
            return Para(rest, kind, label, raw, bold)
    return Para(s, "plain", "", raw, bold)


_COUNTED = re.compile(r"(?:tháng|năm|ngày|giờ|%)")   # what follows a number that opens a sentence
_BLANK_LINE = re.compile(r"\n\s*\n")
_ITEM_START = re.compile(r"^\s*(?:#{1,6}\s+)?(?:\*\*)?\s*(?:[-–+•]\s|\*\s|\d{1,2}(?:\.\d{1,2}){0,2}[.)/]\s|[a-zđ][)/]\s|(?:" + "|".join(ROMAN_NUMS)
                         + r")\.\s|Điều\s+\d)")


def split_paragraphs(text: str) -> list[Para]:
    """Blocks separated by blank lines; inside a block, lines that start an item start a paragraph.
    A block of lines wrapped at a fixed width (text taken from a PDF) also breaks after a line that
    ends a sentence or a heading when the next opens with a capital, and drops page numbers."""
    out: list[Para] = []
    blocks = _without_page_furniture(_BLANK_LINE.split(text))
    running = _running_headers(blocks)
    for block in blocks:
        if not block.strip():
            continue
        # (a rule of underscores or dashes alone on its line: the separator printed above a page's footnotes)
        lines = [ln.rstrip() for ln in block.split("\n") if ln.strip() and not _RULE.match(ln)]
        if not lines:
            continue
        wrapped = len(lines) >= 6 and _wrapped_width(lines)
        if wrapped:
            lines = [ln for ln in lines if not PAGE_NUMBER.match(ln.strip())]
        elif len(lines) > 1:
            lines = _without_page_edges(lines, running)
            if not lines:
                continue
        widest = max(len(ln.strip()) for ln in lines)
        current: list[str] = []
        for ln in lines:
            if current and (_ITEM_START.match(ln) or wrapped and _ends_paragraph(current[-1], ln, wrapped)
                            or len(current) == 1 and _heads_lines_below(current[0], ln, widest)):
                out.append(_make(current))   # (the first line of a block starts a paragraph anyway)
                current = []
            current.append(ln.strip())
        if current:
            out.append(_make(current))
    return _rejoin(out)


_RULE = re.compile(r"^\s*(?:_{3,}|-{3,}|—{3,})\s*$")


def _heads_lines_below(first: str, line: str, widest: int) -> bool:
    """'4. Phòng Giáo dục và Đào tạo' alone on its line, the item's text opening with a capital on the
    next ('Chỉ đạo các trường …'): a heading, not a line wrapped short (a wrapped line runs near the width)."""
    first = first.strip()
    words = first.split()
    return (line.lstrip()[:1].isupper() and bool(_ITEM_START.match(first)) and widest >= 50
            and len(first) < widest * 0.6 and len(words) <= 12 and not first.endswith(_TERMINAL + (",",))
            and words[-1].lower() not in _CONNECTIVES and words[-1].lower() not in ("với", "hợp"))


# a running header ending with the document's number: "UBND xã Phú Thuỷ - TB số 38/TB-UBND"
_NUMBER_AT_END = re.compile(r"\b\d{1,5}/[A-ZĐ0-9][A-ZĐ0-9\-/]*$")


_YEAR = re.compile(r"(?:19|20)\d\d")


def _is_page_number(line: str) -> bool:
    line = line.strip()   # (not a year wrapped onto a line of its own: "… cứu nạn năm / 2021")
    return bool(line) and len(line) <= 12 and PAGE_NUMBER.match(line) is not None and not _YEAR.search(line)


def _running_headers(blocks: list[str]) -> frozenset[str]:
    """The lines printed beside a page number at the top or foot of a block of text taken from a PDF
    that are a running header: printed again at another page, or ending with the document's number
    ("UBND xã Phú Thuỷ - TB số 38/TB-UBND")."""
    seen: dict[str, int] = {}
    for b in blocks:
        lines = [ln.strip() for ln in b.strip().split("\n") if ln.strip()]
        if len(lines) < 2:
            continue
        for number, beside in ((0, 1), (-1, -2)):
            if _is_page_number(lines[number]) and len(lines[beside]) < 120:
                seen[lines[beside]] = seen.get(lines[beside], 0) + 1
    return frozenset(line for line, n in seen.items() if n >= 2 or _NUMBER_AT_END.search(line))


def _without_page_edges(lines: list[str], running: frozenset[str]) -> list[str]:
    """A block without the page number at its top or foot, and the running header beside it."""
    if _is_page_number(lines[0]):
        lines = lines[1:]
        if lines and lines[0].strip() in running:
            lines = lines[1:]
    if lines and _is_page_number(lines[-1]):
        lines = lines[:-1]
        if lines and lines[-1].strip() in running:
            lines = lines[:-1]
    return lines


def _without_page_furniture(blocks: list[str]) -> list[str]:
    """Plain text taken from a PDF keeps its pages' furniture as blocks of their own: a page number
    alone, and the running header or footer printed beside it on every page. Both go (the page
    break between them then rejoins a sentence it cut)."""
    numbers = [i for i, b in enumerate(blocks) if b.strip() and "\n" not in b.strip() and PAGE_NUMBER.match(b.strip())]
    if not numbers:
        return blocks
    beside: dict[str, int] = {}
    for i in numbers:
        for j in (i - 1, i + 1):
            line = blocks[j].strip() if 0 <= j < len(blocks) else ""
            if line and "\n" not in line and not PAGE_NUMBER.match(line):
                beside[line] = beside.get(line, 0) + 1
    running = {line for line, n in beside.items() if n >= 2}
    dropped = set(numbers)
    return [b for i, b in enumerate(blocks) if i not in dropped and b.strip() not in running]


def _wrapped_width(lines: list[str]) -> int:
    """The width a block's lines were wrapped at (text from a PDF: most lines of nearly one length), or 0."""
    lengths = sorted(len(ln) for ln in lines)
    width = lengths[len(lengths) * 3 // 4]
    near = sum(1 for n in lengths if width - 15 <= n <= width + 5)
    return width if width >= 50 and near >= len(lengths) // 2 else 0


def _ends_paragraph(prev: str, line: str, width: int) -> bool:
    """In wrapped text, a line opening with a capital after one that ends a sentence (".", ";", ":")
    or that stops well short of the width (a heading, a paragraph's last line)."""
    first = line.lstrip()[:1]
    if not first.isupper():
        return False
    prev = prev.rstrip()
    return prev.endswith((".", ";", ":", "./.")) or len(prev) < width * 0.7


def _make(lines: list[str]) -> Para:
    raw = " ".join(lines)
    bold = raw.startswith("**") and raw.rstrip().endswith("**") and raw.count("**") == 2
    plain = squash(strip_markup(raw))
    return _classify(plain, bold)


def _rejoin(paras: list[Para]) -> list[Para]:
    """A sentence cut by a page break (and footnotes printed between) is one paragraph again."""
    out: list[Para] = []
    pending_notes: list[Para] = []
    for p in paras:
        if p.kind == "footnote":
            pending_notes.append(p)
            continue
        prev = out[-1] if out else None
        if prev is not None and p.kind == "plain" and _continues(prev, p, bool(pending_notes)):
            prev.text = f"{prev.text} {p.text}"
            prev.raw = f"{prev.raw} {p.raw}"
            out.extend(pending_notes)
            pending_notes = []
            # keep the joined paragraph last so a further continuation still finds it
            if pending_notes == [] and out and out[-1] is not prev:
                out.remove(prev)
                out.append(prev)
            continue
        out.extend(pending_notes)
        pending_notes = []
        out.append(p)
    out.extend(pending_notes)
    return out


_CONNECTIVES = ("của", "và", "theo", "tại", "các", "về", "với", "cho", "trong", "trên", "đối với", "những", "được",
                "để", "đến", "từ", "là", "có", "số", "ngày", "thuộc")


def _continues(prev: Para, p: Para, across_notes: bool) -> bool:
    if prev.kind == "footnote" or prev.text.rstrip().endswith(_TERMINAL + (")",)) or prev.text.startswith("("):
        return False
    if p.text[:1].islower():
        return True
    words = prev.text.split()   # once: the last word and the count
    last = words[-1].lower() if words else ""
    long_prev = len(words) > 15
    return long_prev and (last in _CONNECTIVES or across_notes or bool(re.fullmatch(r"[\d.,]+%?", last)))
