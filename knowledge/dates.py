"""Deadlines, recurrence and urgency in Vietnamese directive text.

A date is a deadline only when the genre marks it as one ("trước ngày …",
"chậm nhất …", "trong tháng 9/2024", "Quý III/2024", "trong thời hạn 10 ngày kể từ …").
A date after "số …" (a cited document) or a bare "ngày …" (a meeting, an
inspection, the issue date) is never a deadline: a false deadline is worse than none.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from functools import lru_cache
from datetime import date, timedelta

from knowledge.errors import BadDate
from knowledge.text import fold_keep_length, word_led

ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}

# date shapes, on folded text (same length as the original, so offsets map back)
_DMY = r"(?P<d>\d{1,2})\s*[/.\-]\s*(?P<m>\d{1,2})\s*[/.\-]\s*(?P<y>\d{4})"
_DMY_WORDS = r"(?P<d2>\d{1,2})\s+thang\s+(?P<m2>\d{1,2})\s*(?:,\s*)?(?:nam\s+)?(?P<y2>\d{4})"
_DATE = rf"(?:ngay\s+)?(?:{_DMY}|{_DMY_WORDS})"
_TIME = r"(?:(?P<hh>\d{1,2})\s*(?:gio|h|:)\s*(?P<mi>\d{1,2})?\s*(?:phut)?\s*,?\s*(?:sang|chieu|toi)?\s*,?\s*)"

# the cues of a deadline, in the order they are tried (the leftmost match, then the first cue that leads to one)
_CUES = ("truoc", r"cham nhat(?:\s+la)?", r"han chot(?:\s+la)?", r"han(?:\s+cuoi)?(?:\s+la)?", "xong truoc",
         "hoan thanh truoc", r"hoan thanh(?:\s+xong)?\s+(?:vao|trong)", "den het", "gia han den", "keo dai den",
         r"thoi han(?:\s+hoan thanh)?\s*:?", r"thoi gian hoan thanh\s*:?", r"thoi gian thuc hien\s*:?", r"tien do\s*:?")
_CUE = "(?:" + "|".join(_CUES) + ")"


# "hoàn thành trong 6 tháng đầu năm 2025": the end of that half year
_HALF_RE = re.compile(word_led(("trong", "truoc", "cham nhat", r"hoan thanh(?:\s+trong)?"))
                      + r"\s+(?:het\s+)?0?6 thang (?P<half>dau|cuoi) nam\s+(?P<y>\d{4})")
_NO_YEAR_RE = re.compile(r"(?:truoc|cham nhat(?:\s+la)?)\s+(?:ngay\s+(?P<d>\d{1,2})\s*(?:/|\s+thang\s+)|(?P<d1>\d{1,2})\s*/)\s*(?P<m>\d{1,2})"
                         r"(?![\d/])(?!\s*(?:/|nam\s+\d))")
_CLAUSE_END = re.compile(r"\s*(?:[.;,:)]|$)")
# "trong quý IV" without a year: the directive's year
_QUARTER_NO_YEAR = re.compile(r"(?:trong|truoc|cham nhat|hoan thanh(?:\s+trong)?)\s+quy\s+(?P<q>iv|iii|ii|i)(?![\w/])(?!\s+nam\s+\d)")
_YEARLY = re.compile(r"\b(?:hang|moi) (?:nam|quy|thang)\b|\bdinh ky\b|\bva (?:ngay )?\d{1,2}/\d{1,2}(?![\d/])")
_DEADLINE_RE = re.compile(word_led(_CUES) + rf"\s*(?:{_TIME})?(?:,\s*)?{_DATE}")
_MONTH_RE = re.compile(word_led(("trong", "truoc", "cham nhat", r"hoan thanh(?:\s+trong)?") + _CUES)
                       + r"\s+(?:thang\s+)(?P<m>\d{1,2})\s*(?:/|\s+nam\s+)\s*(?P<y>\d{4})")
# the lead is optional: each lead with "quy" after it, then "quy" alone (what the optional group tries last)
_QUARTER_RE = re.compile(word_led((r"trong\s+quy", r"truoc\s+quy", r"hoan thanh\s+(?:trong\s+)?quy",
                                    r"cham nhat\s+quy", r"den het\s+quy", "quy"))
                         + r"\s+(?P<q>iv|iii|ii|i|[1-4])\s*(?:/|\s+nam\s+)\s*(?P<y>\d{4})")
_RELATIVE_RE = re.compile(r"\b(?:trong(?:\s+thoi\s+han|\s+vong)?|cham nhat(?:\s+la)?|sau)\s+(?P<n>\d{1,3})\s+ngay(?:\s+lam\s+viec)?\s*,?\s*(?:ke\s+tu|tinh\s+tu)\s+ngay\s+(?:ban\s+hanh|ky|"
                          # "kể từ ngày nhận được văn bản này" (or nothing named): this directive's day; not "kể từ
                          # ngày nhận được đơn / hồ sơ / kế hoạch của các trường": an event the directive cannot date
                          r"nhan(?:\s+duoc)?(?=\s*(?:[.,;:)]|$)|\s+(?:van ban|cong van|ke hoach|thong bao|chi thi|quyet dinh|cong dien)\s+nay\b))")
# (also "thời hạn được điều chỉnh / lùi đến ngày …")
_EXTEND_RE = re.compile(word_led(("gia han", "keo dai", "dieu chinh thoi han", "lui thoi han", "lui han",
                                  r"thoi han (?:thuc hien |hoan thanh )?(?:duoc )?(?:dieu chinh|lui|keo dai)")) + r"\b")
_EXTEND_HINTS = ("gia han", "keo dai", "thoi han", "lui han")   # one of which _EXTEND_RE cannot match without
_UNTIL_NAMED_RE = re.compile(rf"d(?<!\wd)en het\s+[a-z ]{{2,30}}?\(\s*(?:ngay\s+)?{_DMY}\s*\)")
# "tổ chức sơ tuyển sức khỏe … từ ngày 03/11/2025 đến ngày 14/11/2025": work done over a window is due at
# its end; not an inspection's window, an event's, a forecast's or a holiday's, nor a period counted for
# figures ("tính từ ngày …"): a word of these in the window's clause keeps it no deadline
_WINDOW_RE = re.compile(rf"t(?<!\wt)u\s+(?:ngay\s+)?\d{{1,2}}(?:\s*/\s*\d{{1,2}}|\s+thang\s+\d{{1,2}})?(?:\s*/\s*\d{{4}}|\s+nam\s+\d{{4}})?"
                        rf"\s+(?:den|toi)\s+(?:ngay\s+)?(?:{_DMY}|{_DMY_WORDS})")
_NOT_WORK_WINDOW = re.compile(r"\b(?:tinh (?:tu|den)|kiem tra|thanh tra|giam sat|du bao|ky nghi|nghi tet|nghi le|tam dung|"
                              r"thoi ky|ghi nhan|xay ra|dien ra|le hoi|le ky niem|hoi nghi|hoi thi|ky niem|cuoc hop|"
                              r"buoi hop|hop (?:ban|bao|giao ban|mat)|dai hoi|tet)\b")
_UNTIL_RE = re.compile(rf"d(?<!\wd)en\s+(?:het\s+)?{_DATE}")   # "\bden", led by its letter (see text.word_led)
# what _RELATIVE_RE cannot match without, "(?:ke|tinh)\s+tu\s+ngay", as one pattern per lead: each opens
# with its literal, which re scans for in C (an alternation is tried wherever one of its letters stands)
_FROM_DAY = (re.compile(r"ke\s+tu\s+ngay"), re.compile(r"tinh\s+tu\s+ngay"))
# What each dated shape cannot match without (a full date, "tháng m/yyyy", "quý q/yyyy"), as patterns that
# open with a literal or a digit: the regex engine skips ahead to where one could start (a pattern opening
# with \b or a look-around is tried at every position). Same results, fewer full scans.
_ANY_DATE = re.compile(r"\d\d?(?:\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*\d{4}|\s+thang\s+\d{1,2}\s*(?:,\s*)?(?:nam\s+)?\d{4})")
_MONTH_YEAR = re.compile(r"thang\s+\d{1,2}\s*(?:/|\s+nam\s+)\s*\d{4}")
_QUARTER_YEAR = re.compile(r"quy\s+(?:iv|iii|ii|i|[1-4])\s*(?:/|\s+nam\s+)\s*\d{4}")

# each led by its words' first letters (see text.word_led; the plain spellings open with \b, in tests/test_dates.py)
RECURRENCE = (
    (re.compile(word_led(("hang", "moi")) + r"\s+ngay\b(?!\s+(?:\d|le\b|nghi\b))"), "daily"),
    (re.compile(word_led(("hang", "hang", "moi")) + r"\s+tuan\b"), "weekly"),
    (re.compile(word_led(("hang", "moi")) + r"\s+thang\b"), "monthly"),
    # "trước ngày 20 của tháng cuối quý" (not "cuối quý III/2025", one quarter's end)
    (re.compile(word_led((r"hang\s+quy\b", r"moi\s+quy\b", r"dinh ky\s+quy\b(?!\s+dinh)",
                          r"thang\s+cuoi\s+(?:cua\s+)?(?:moi\s+)?quy\b(?!\s+(?:i|ii|iii|iv|[1-4])\b)"))), "quarterly"),
    (re.compile(word_led((r"dinh ky\s+(?:06|6)", "06", "6"))
                + r"\s+thang(?:\s+mot\s+lan)?\b(?!\s+(?:dau|cuoi)\s+nam)"), "half_yearly"),
    (re.compile(word_led((r"hang\s+nam\b", r"moi\s+nam\b", r"dinh ky\s+nam\b"))), "yearly"),
)
# a word each recurrence pattern cannot match without (a substring test before each regex scan)
_RECURRENCE_WORD = {"daily": "ngay", "weekly": "tuan", "monthly": "thang", "quarterly": "quy",
                    "half_yearly": "thang", "yearly": "nam"}
# what any recurrence pattern above cannot match without (opening with a literal: a fast scan)
# (one pattern per literal lead, as _FROM_DAY: the alternation "(?:hang|moi)\s+…|dinh ky\s+…|6\s+thang" split)
_ANY_RECURRENCE = (re.compile(r"hang\s+(?:ngay|tuan|thang|quy|nam)"), re.compile(r"moi\s+(?:ngay|tuan|thang|quy|nam)"),
                   re.compile(r"dinh ky\s+(?:quy|nam)"), re.compile(r"6\s+thang"), re.compile(r"thang\s+cuoi\s+"))
_RECUR_DAY = re.compile(word_led(("hang", "moi")) + r"\s+(?:thang|quy)\b[^.;]{0,120}?\btruoc\s+ngay\s+(?P<d>\d{1,2})\b(?!\s*[/.\-]\s*\d)")


@dataclass(frozen=True)
class DeadlineHit:
    day: date
    time: str | None
    start: int
    end: int
    extends: bool = False


def _mk(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _month_end(y: int, m: int) -> date | None:
    if not 1 <= m <= 12:
        return None
    return date(y, m, calendar.monthrange(y, m)[1])


def find_deadlines(text: str, issued_on: str | None = None, folded: str | None = None) -> list[DeadlineHit]:
    """Every deadline the genre marks in ``text``, in order of appearance. ``folded``:
    fold_keep_length(text), when the caller has it."""
    f = folded if folded is not None else fold_keep_length(text)
    hits: list[DeadlineHit] = []
    taken: list[tuple[int, int]] = []

    def add(day: date | None, time: str | None, m: re.Match[str], extends: bool | None = None) -> None:
        if day is None or any(s < m.end() and m.start() < e for s, e in taken):
            return
        if extends is None:
            before = f[max(0, m.start() - 120):m.start()]
            window = before + f[m.start():m.end()]
            extends = any(h in window for h in _EXTEND_HINTS) and _EXTEND_RE.search(window) is not None
        hits.append(DeadlineHit(day, time, m.start(), m.end(), extends))
        taken.append((m.start(), m.end()))

    # every shape below needs a year: each pattern is gated by a cheaper one it cannot match without
    has_date = _ANY_DATE.search(f) is not None
    for m in _DEADLINE_RE.finditer(f) if has_date else ():
        d, mo, y = (m["d"], m["m"], m["y"]) if m["d"] else (m["d2"], m["m2"], m["y2"])
        time = f"{int(m['hh']):02d}:{int(m['mi'] or 0):02d}" if m["hh"] and int(m["hh"]) < 24 else None
        add(_mk(int(y), int(mo), int(d)), time, m)
    for m in _WINDOW_RE.finditer(f) if has_date and "tu " in f else ():
        opens = max(f.rfind(". ", 0, m.start()), f.rfind(";", 0, m.start()), f.rfind("(", 0, m.start())) + 1
        closes = min((i for i in (f.find(". ", m.end()), f.find(";", m.end())) if i >= 0), default=len(f))
        in_brackets = f[opens - 1:opens] == "(" and f.find(")", opens, m.start()) < 0   # not "(Td) … từ ngày"
        if not in_brackets and not _NOT_WORK_WINDOW.search(f, opens, closes):
            d, mo, y = (m["d"], m["m"], m["y"]) if m["d"] else (m["d2"], m["m2"], m["y2"])
            add(_mk(int(y), int(mo), int(d)), None, m)
    for m in _UNTIL_RE.finditer(f) if has_date and "den" in f else ():
        # "gia hạn thời gian nộp báo cáo đến ngày …": only an extension makes "đến ngày" a deadline
        window = f[max(0, m.start() - 250):m.start()]
        if _EXTEND_RE.search(window.rsplit(". ", 1)[-1]):
            d, mo, y = (m["d"], m["m"], m["y"]) if m["d"] else (m["d2"], m["m2"], m["y2"])
            add(_mk(int(y), int(mo), int(d)), None, m, extends=True)
    for m in _UNTIL_NAMED_RE.finditer(f) if has_date and "den het" in f and "(" in f else ():
        # "trực cháy … từ nay đến hết mùa khô (30/4/2026)": the period's end, dated in brackets
        add(_mk(int(m["y"]), int(m["m"]), int(m["d"])), None, m)
    for m in _MONTH_RE.finditer(f) if "thang" in f and _MONTH_YEAR.search(f) else ():
        add(_month_end(int(m["y"]), int(m["m"])), None, m)
    for m in _QUARTER_RE.finditer(f) if "quy" in f and _QUARTER_YEAR.search(f) else ():
        lead = m.group(0).split()[0]
        if lead not in ("trong", "truoc", "hoan", "cham", "den") and not _at_field_start(f, m.start()):
            continue
        q = ROMAN[m["q"]]
        add(_month_end(int(m["y"]), q * 3), None, m)
    for m in _HALF_RE.finditer(f) if "6 thang" in f else ():
        add(date(int(m["y"]), 6, 30) if m["half"] == "dau" else date(int(m["y"]), 12, 31), None, m)
    if issued_on and len(issued_on) == 10 and any(rx.search(f) for rx in _FROM_DAY):
        base = date.fromisoformat(issued_on)
        for m in _RELATIVE_RE.finditer(f):
            add(base + timedelta(days=int(m["n"])), None, m)
    floor = _issue_floor(issued_on)
    if floor and len(issued_on or "") == 10 and ("truoc " in f or "cham nhat" in f) and ("/" in f or "thang" in f):
        # "báo cáo UBND tỉnh trước ngày 20/9": the day and month of the directive's own year (or of
        # the next, when that day is already past), never a yearly "trước ngày 15/6 và 15/12 hằng năm"
        for m in _NO_YEAR_RE.finditer(f):
            around = f[max(0, m.start() - 80):m.end() + 60]
            if _YEARLY.search(around):
                continue
            if m["d1"] and not _CLAUSE_END.match(f, m.end()):
                continue   # "trước 20/9" ends its clause; "trước 2/3 số hộ" is a fraction
            dd = int(m["d"] or m["d1"])   # "trước ngày 20/9", "trước 20/9"
            day = _mk(floor.year, int(m["m"]), dd)
            if day and day < floor:
                day = _mk(floor.year + 1, int(m["m"]), dd)
            add(day, None, m)
    if floor and len(issued_on or "") == 10 and "quy" in f:
        for m in _QUARTER_NO_YEAR.finditer(f):
            if not _YEARLY.search(f[max(0, m.start() - 80):m.end() + 60]):
                add(_month_end(floor.year, ROMAN[m["q"]] * 3), None, m)
    if floor:
        # a deadline never lies before the directive itself: such a date reports the past
        hits = [h for h in hits if h.day >= floor]
    hits.sort(key=lambda h: h.start)
    return hits


@lru_cache(maxsize=64)   # one value per document, asked for each of its tasks
def _issue_floor(issued_on: str | None) -> date | None:
    if not issued_on:
        return None
    parts = [int(x) for x in issued_on.split("-")]
    try:
        return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except (ValueError, IndexError):
        return None


def _at_field_start(f: str, pos: int) -> bool:
    """A bare 'Quý III/2024' counts when it is the whole value of a deadline cell or label."""
    before = f[:pos].rstrip()
    return before.endswith((":", "|")) or bool(re.search(r"(thoi gian|thoi han|tien do)\W*$", before))


def deadline_of_cell(cell: str, issued_on: str | None = None) -> DeadlineHit | None:
    """The deadline in a table's 'Thời gian hoàn thành' cell, where a bare date is a deadline."""
    hits = find_deadlines(cell, issued_on)
    if hits:
        return hits[-1]
    f = fold_keep_length(cell)
    m = re.search(_DATE, f)
    if m:
        d, mo, y = (m["d"], m["m"], m["y"]) if m["d"] else (m["d2"], m["m2"], m["y2"])
        day = _mk(int(y), int(mo), int(d))
        if day:
            return DeadlineHit(day, None, m.start(), m.end())
    m = re.search(r"\bthang\s+(?P<m>\d{1,2})\s*(?:/|\s+nam\s+)\s*(?P<y>\d{4})", f)
    if m:
        day = _month_end(int(m["y"]), int(m["m"]))
        if day:
            return DeadlineHit(day, None, m.start(), m.end())
    m = re.search(r"\bquy\s+(?P<q>iv|iii|ii|i|[1-4])\s*(?:/|\s+nam\s+)\s*(?P<y>\d{4})", f)
    if m:
        return DeadlineHit(_month_end(int(m["y"]), ROMAN[m["q"]] * 3), None, m.start(), m.end())
    m = re.search(r"\b0?6 thang (?P<half>dau|cuoi) nam\s+(?P<y>\d{4})", f)
    if m:
        return DeadlineHit(date(int(m["y"]), 6, 30) if m["half"] == "dau" else date(int(m["y"]), 12, 31),
                           None, m.start(), m.end())
    return None


def sets_a_deadline(text: str) -> bool:
    """Whether the text dates a task: a deadline (one counted from the issue day too, whatever that day
    is) or a recurrence. 'Trước ngày 20/12/2025', 'Trong thời hạn 05 ngày kể từ ngày ban hành', 'Hằng tháng'."""
    return bool(find_deadlines(text, "2000-01-01") or recurrence_of(text)[0])


def recurrence_of(text: str, folded: str | None = None) -> tuple[str | None, int | None]:
    f = folded if folded is not None else fold_keep_length(text)
    if "hang" not in f and "moi" not in f and "dinh ky" not in f:   # every pattern needs one ("thang" has "hang")
        return None, None
    if not any(rx.search(f) for rx in _ANY_RECURRENCE):
        return None, None
    kind = None
    first = len(f) + 1
    for rx, name in RECURRENCE:
        if _RECURRENCE_WORD[name] in f:
            m = rx.search(f)
            if m and m.start() < first:
                kind, first = name, m.start()
    day = None
    if kind in ("monthly", "quarterly"):
        m = _RECUR_DAY.search(f)
        if m:
            day = int(m["d"])
    return kind, day


# Each pattern opens with its word's first letter and checks after it that no letter comes before (a
# look-behind first would be tried at every position of the text; tests/test_search_text.py compares
# them with that plain spelling).
_URGENT = (
    (re.compile(r"ngay(?<![\wÀ-ỹ]ngay)(?![\wÀ-ỹ])(?!\s+(?:tại|sau|từ|trong(?!\s+(?:ngày|hôm|đêm|buổi|tuần)\b)|khi|cả|cạnh|bên|trên|đầu|lúc)\b)"), "ngay"),
    (re.compile(r"(?:k(?<![\wÀ-ỹ]k)hẩn (?:trương|cấp)|h(?<![\wÀ-ỹ]h)ỏa tốc|t(?<![\wÀ-ỹ]t)hượng khẩn)(?![\wÀ-ỹ])", re.I),
     "khan_truong"),
    (re.compile(r"t(?<![\wÀ-ỹ]t)hường xuyên(?![\wÀ-ỹ])", re.I), "thuong_xuyen"),
)

_URGENT_NEEDLES = (("ngay",), ("khẩn", "hỏa tốc"), ("thường xuyên",))   # what each pattern cannot match without


def urgency_of(text: str) -> str | None:
    """'ngay' (at once), 'khan_truong' (urgently), 'thuong_xuyen' (ongoing), on the unfolded text
    ('ngay' folded would also be 'ngày')."""
    low = text.lower()
    for (rx, name), needles in zip(_URGENT, _URGENT_NEEDLES):
        if any(n in low for n in needles) and rx.search(low):
            return name
    return None


# "trong năm 2024", "đến hết năm 2025", "phấn đấu đến năm 2030" (led by their words' letters, see
# text.word_led), or a text that opens with "Năm 2024,"
_TARGET_YEAR = re.compile(word_led(("trong", "hoan thanh trong", r"den(?:\s+het)?", r"phan dau(?:\s+den)?", "cuoi"))
                          + r"\s+nam\s+(?P<y>\d{4})\b")
_YEAR_FIRST = re.compile(r"\s*nam\s+(?P<y>\d{4})\s*,")   # only at the start ("Năm 2024, …")
_NAM_YEAR = re.compile(r"nam\s+\d{4}")   # what either pattern cannot match without


def target_year_of(text: str, folded: str | None = None) -> int | None:
    f = folded if folded is not None else fold_keep_length(text)
    if "nam" not in f or not _NAM_YEAR.search(f):
        return None
    # the opening form can only be the leftmost match, and no lead can match where it does
    m = _YEAR_FIRST.match(f) or _TARGET_YEAR.search(f)
    return int(m["y"]) if m else None


def parse_user_date(value: str, today: date | None = None) -> date:
    """A date typed by a person: 2019-12-10, 10/12/2019, 10-12-2019, 10/12 (this year)."""
    v = value.strip()
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", v)
    if m:
        day = _mk(int(m[1]), int(m[2]), int(m[3]))
    else:
        m = re.fullmatch(r"(\d{1,2})[/.\-](\d{1,2})(?:[/.\-](\d{4}))?", v)
        if not m:
            raise BadDate(value)
        year = int(m[3]) if m[3] else (today or date.today()).year
        day = _mk(year, int(m[2]), int(m[1]))
    if day is None:
        raise BadDate(value)
    return day
