"""Directive text -> Document with its tasks: the genre's own rules.

The walk follows the shape of a Vietnamese directive: header, an introduction
(findings, context), a preamble that opens the instructions ("… chỉ đạo như sau:"),
numbered or Roman items, a unit as an item heading or as the subject of a sentence,
nested assignments ("Giao Tổ kiểm tra …"), and the closing formula and "Nơi nhận".
"""
from __future__ import annotations

import hashlib
import re
import dataclasses
from datetime import date
from collections.abc import Callable
from dataclasses import dataclass, field

from knowledge import dates
from knowledge.assignees import (INTRO_VERBS, VERB_RE, canonical_units, is_generic, split_units, starts_with_unit,
                                 unit_phrase)
from knowledge.metadata import Header, read_header, references
from knowledge.models import Document, Passage, Task
from knowledge.paragraphs import Para, split_paragraphs
from knowledge.tables import find_task_tables
from knowledge.text import fold, fold_keep_length, folded_part, is_plain, modern_tones, squash
from knowledge.units import UnitRegistry

_DIRECTIVE_VERBS = re.compile(
    r"\b(?:chi dao|yeu cau|giao|de nghi|nhu sau|sau day|noi dung sau|nhiem vu sau|ket luan|cac viec sau|mot so viec)\b"
    r"|^(?:quyet dinh|chi thi|ra quyet dinh)\s*:?\s*$|\bchi thi\s*:\s*$")   # "Chủ tịch UBND tỉnh chỉ thị:"
_EVALUATION_HEADINGS = re.compile(
    r"^(?:danh gia|ket qua|tinh hinh|thuc trang|uu diem|han che|ton tai|muc dich|can cu|boi canh|dac diem|"
    r"muc tieu|quan diem|noi dung kiem tra|qua kiem tra)")
_TASK_HEADINGS = re.compile(r"(?:nhiem vu|giai phap|to chuc thuc hien|phan cong|trach nhiem|noi dung|chi dao|de nghi|kien nghi|giao|"
                            r"tien do|lo trinh|thoi gian thuc hien)")
# a timeline entry: "Từ ngày 20/02 đến ngày 29/02/2024: Trưởng các thôn hoàn thành …; Trạm Y tế xã …",
# "Trước ngày 15/3/2024: …", "Tháng 4/2024: …", "Quý II/2024: …" — the period ends each clause's work
# "Trước 10 giờ ngày 20/8/2025: …", "Chậm nhất ngày 05/9/2025: …", "Trong tháng 10/2025: …", "Hằng tháng, trước ngày 25: …"
_PERIOD = re.compile(r"(?i)^(?P<period>(?:từ\s+(?:ngày\s+)?[^:;]{1,30}?\s+)?(?:đến|tới)\s+(?:hết\s+)?(?:ngày\s+)?\d{1,2}/\d{1,2}/\d{4}|"
                     r"(?:hoàn thành\s+)?(?:trước|chậm nhất(?:\s+là)?|muộn nhất)\s+"
                     r"(?:(?:lúc\s+)?\d{1,2}\s*(?:giờ|h)(?:\s*\d{2})?(?:\s*phút)?,?\s+)?(?:ngày\s+)?\d{1,2}/\d{1,2}/\d{4}|"
                     r"(?:trong\s+)?tháng\s+\d{1,2}/\d{4}|(?:trong\s+)?quý\s+[IV]{1,3}/\d{4}|"
                     r"(?:định kỳ\s+)?(?:hằng|hàng)\s+(?:tuần|tháng|quý|năm)(?:,?\s+(?:trước|vào)\s+(?:ngày\s+)?\d{1,2}(?:/\d{1,2})?)?)"
                     r"\s*:\s*(?P<rest>\S.*)$")
# "Giai đoạn 1: Tuyên truyền (từ ngày 01/3/2025 đến ngày 31/3/2025)", "Đợt 2 (từ tháng 4 đến hết tháng 6/2025):"
# a phase whose end is the deadline of the tasks listed under it
_PHASE = re.compile(r"(?i)^(?:giai đoạn|đợt)\s+(?:\d{1,2}|[IVX]{1,4}|[^\W\d][^\n:()]{1,40}?(?=\s*[:(]))\b[^\n]{0,160}?\b(?:đến|tới)\s+(?:hết\s+)?(?:ngày\s+)?"
                    r"(?P<end>\d{1,2}/\d{1,2}/\d{4}|tháng\s+\d{1,2}/\d{4}|quý\s+[IV]{1,3}/\d{4})\s*\)?\s*[:.]?\s*$")
# a heading's deadline in brackets at its end, before the items it heads
_DATED_HEADING = re.compile(r"\(([^()]{6,80})\)\s*:\s*$")
# "Nhận được Công văn này, …": how a closing line may open
_RECEIVED = r"(?:nhan duoc [^,.]{3,40} nay,? )?"
_CLOSING = re.compile(
    r"^(?:" + _RECEIVED + r"(?:yeu cau|de nghi) [^.]{0,150}?(?:trien khai|thuc hien)[.;,]\s*"
    r"trong qua trinh (?:thuc hien|trien khai)|"   # "Nhận được Công văn này, yêu cầu … thực hiện. Trong quá trình …"
    r"thua lenh|thua uy quyen|tren day la|noi nhan|yeu cau (?:cac|thu truong|tat ca)[^.]{0,150}(?:nghiem tuc|to chuc)? ?(?:trien khai|thuc hien)[^.]{0,30}\./\.?$)")
_BOILERPLATE_ACTION = re.compile(r"^(?:nghiem tuc |khan truong |to chuc )?(?:trien khai|thuc hien)(?:,? (?:thuc hien|trien khai))?(?: nghiem tuc)?\s*\.?/?\.?$")
# effect and closing formulas: "Chỉ thị này có hiệu lực kể từ ngày ký", "Yêu cầu … nghiêm túc thực hiện./."
_FORMULA = re.compile(
    r"^(?:(?:chi thi|quyet dinh|van ban|ke hoach|cong van|thong bao|quy che|quy dinh) nay co hieu luc|"
    + _RECEIVED + r"(?:yeu cau|de nghi) [^.]{0,200}?(?:nghiem tuc|khan truong)?,? ?(?:trien khai|to chuc)?,? ?thuc hien\s*\./\.?$|"
    r"trong qua trinh (?:thuc hien|trien khai),? neu co (?:kho khan|vuong mac)|"
    r"(?:so lieu|thoi diem)(?: bao cao| thong ke)? (?:duoc )?tinh (?:den|tu) |"
    r"(?:day|do) la (?:mot )?(?:nhiem vu|nhiem vu chinh tri|viec lam|cong viec)\b(?!.*\b(?:yeu cau|de nghi|giao)\b)|"
    # "(Trưởng thôn) chịu trách nhiệm trước Chủ tịch UBND xã nếu để …": who answers for it, not a task
    r"chiu trach nhiem truoc (?:chu tich|ubnd|uy ban|phap luat|lanh dao|giam doc|dang uy|ban thuong vu|thuong truc)[^.;]*\.?$)")   # "Đây là nhiệm vụ chính trị trọng tâm …"   # "Số liệu báo cáo tính đến ngày 01/8/2025."
# a sentence ends at "." or ";" before white space and a capital: one pattern per stop, each opening with
# its literal, which re scans for in C (a class of two is tested at every character; a look-behind first
# would be tried at every position). Their matches never overlap: each is a stop and the white space after.
_SENTENCE_ENDS = tuple((stop, re.compile(re.escape(stop) + r"(\s+)(?=[A-ZĐÀ-Ỹ])")) for stop in ".;") + (
    # "Về đề nghị …: Giao Phòng X …", "… ghi nhận; giao Phòng Y …": an assignment after a colon or a semicolon
    (":", re.compile(r":(\s+)(?=(?:Giao|Đề nghị|Yêu cầu)\s)")), (";", re.compile(r";(\s+)(?=giao\s)")))
# opens with its first letter, the look-behind after it (a fast scan; tests/test_search_text.py)
_COORD_RE = re.compile(r"(?i)p(?<![\wÀ-ỹ]p)hối hợp(?:\s+chặt chẽ)?(?:\s+(?:với|cùng))?\s+")
_VIA_RE = re.compile(r"(?i)\(\s*qua\s+([^()]+?)(?:\s+(?:để\s+)?(?:tổng hợp|thẩm định|theo dõi)[^)]*)?\)")
_MONITOR_ACTION = re.compile(r"(?:^|; |\bla (?:co quan|don vi) (?:thuong truc|dau moi)[^;.]{0,60}?,? )(?:chi dao, )?"
                             r"(?:theo doi,? don doc|don doc|theo doi, kiem tra, don doc)\b")


@dataclass
class _Draft:
    clause: str
    text: str
    assignees: tuple[str, ...]
    urgency: str | None = None
    monitors: tuple[str, ...] = ()
    coordinators: tuple[str, ...] = ()
    deadline_text: str | None = None       # from a "Thời gian hoàn thành:" line or a table cell
    labelled: bool = False                 # assignees came from a "Cơ quan chủ trì:" line
    source: str = ""                       # the paragraph whose part the text is (its fold is sliced)


@dataclass
class _Walk:
    header: Header
    registry: UnitRegistry
    zone: bool = False
    last_own: tuple[str, ...] = ()   # the units the last paragraph of this item named itself
    findings: bool = False     # under an evaluation heading ("Kết quả", "Tồn tại" …) outside the instructions
    default_units: tuple[str, ...] = ()
    default_urgency: str | None = None
    levels: dict[str, tuple[str, ...]] = field(default_factory=dict)   # roman/num/letter -> units
    labels: dict[str, str] = field(default_factory=dict)
    bullets: int = 0
    parts_of: _Draft | None = None   # the task whose listed parts ("…, gồm:") the paragraphs go on with
    phase_end: str | None = None   # "Giai đoạn 1 (từ ngày 01/3/2025 đến ngày 31/3/2025)": its tasks' deadline
    phase_kind: str | None = None  # the kind of item that opened the phase ("1. Giai đoạn chuẩn bị: …"), if one did
    bullet_units: tuple[str, ...] = ()   # "- Công an huyện:" heads the "+ …" bullets below it
    bullet_label: str = ""
    drafts: list[_Draft] = field(default_factory=list)
    item_drafts: list[_Draft] = field(default_factory=list)   # drafts of the current item, for label lines
    passages: list[Passage] = field(default_factory=list)
    tables: dict[str, list] = field(default_factory=dict)


ORDER = ("roman", "num", "sub", "letter")


def extract(text: str, file: str, registry: UnitRegistry | None = None, sha256: str | None = None) -> Document:
    """Read one directive's text into a Document with every task it assigns. ``sha256``: the
    digest to record (the ingest passes its file's); by default, the text's."""
    registry = registry or UnitRegistry()
    text = modern_tones(text)
    sha = sha256 or hashlib.sha256(text.encode("utf-8")).hexdigest()
    header = read_header(text)
    walk = _Walk(header, registry)
    body_text, walk.tables = _cut_tables(text)
    paras = split_paragraphs(body_text)
    start = _body_start(paras)
    tail = False   # after "Nơi nhận": only an appendix ("Phụ lục …") holds tasks again
    for i, p in enumerate(paras):
        if fold(p.text).lstrip("| ").startswith("noi nhan") or _opens_signature(p.text):
            tail = True   # (also the closing block set as a table, and a signature with no "Nơi nhận" before it)
            continue
        if tail:
            if _APPENDIX.match(p.text) or _ATTACHED.match(p.text):
                tail = False
                walk.zone, walk.levels, walk.labels = True, {}, {}
                walk.passages.append(Passage(len(walk.passages) + 1, p.text, ""))
                continue
            if p.text not in walk.tables:
                continue
        if i >= start:
            _visit(walk, p)
        if p.text in walk.tables:
            for r in walk.tables[p.text]:
                walk.passages.append(Passage(len(walk.passages) + 1, f"{r.action} — {', '.join(r.leads)}", r.clause))
            continue
        if i >= start or p.kind == "footnote":
            walk.passages.append(Passage(len(walk.passages) + 1, p.raw if p.kind == "footnote" else _with_marker(p), _clause(walk)))
    tasks = _finish(walk)
    warnings = []
    if not tasks:
        warnings.append("no_tasks")
    elif not any(t.deadline or t.recurrence for t in tasks):
        warnings.append("no_deadline")
    if header.issued_on is None:
        warnings.append("no_date")
    return Document(
        file=file, sha256=sha, number=header.number, kind=header.kind, issuer=header.issuer, place=header.place,
        issued_on=header.issued_on, subject=header.subject, signer=header.signer, signer_title=header.signer_title,
        recipients=header.recipients, references=references(text), tasks=tuple(tasks),
        passages=tuple(walk.passages), warnings=tuple(warnings), text=text)


_APPENDIX = re.compile(r"(?i)^\W*phụ lục\b")
# the signature block: "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "TL. GIÁM ĐỐC" …
_SIGNATURE_OPENING = re.compile(r"^\W*(?:TM|KT|TL|TUQ|Q|T/M|K/T)\.\s*(\w+)")


def _opens_signature(text: str) -> bool:
    """'TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'TL. GIÁM ĐỐC' …, or the signer's title alone ('CHỦ TỊCH',
    'PHÓ GIÁM ĐỐC') where no 'Nơi nhận' came first: the signature block's first line."""
    m = _SIGNATURE_OPENING.match(text) if text[:1] in "TKQ*" else None
    return bool(m) and len(m.group(1)) >= 2 and m.group(1).isupper() \
        or text[:1] in "CGPTB*" and _SIGNER_TITLE_ALONE.match(text) is not None


_SIGNER_TITLE_ALONE = re.compile(r"^\W*(?:PHÓ )?(?:CHỦ TỊCH|GIÁM ĐỐC|CHÁNH VĂN PHÒNG|TRƯỞNG BAN|TRƯỞNG PHÒNG|BÍ THƯ)\W*$")
# a text issued with the directive and printed after its signature ("QUY CHẾ", "KẾ HOẠCH" …, a title alone)
# (alone, or run together with its title and its "(Ban hành kèm theo Quyết định …)" as text from a PDF is)
_ATTACHED = re.compile(r"^\W*(?:QUY CHẾ|QUY ĐỊNH|KẾ HOẠCH|HƯỚNG DẪN|ĐỀ ÁN|CHƯƠNG TRÌNH)"
                       r"(?:\W*$|\s+[A-ZĐÀ-Ỹ][^\n]{0,400}\(\s*(?:Ban hành )?kèm theo)")
_TABLE_MARK = "⁣TABLE{}⁣"


def _cut_tables(text: str) -> tuple[str, dict[str, list]]:
    """Task tables become one marker paragraph each; their rows become tasks where the marker stands."""
    rows = find_task_tables(text)
    if not rows:
        return text, {}
    spans: dict[tuple[int, int], list] = {}
    for r in rows:
        spans.setdefault((r.start, r.end), []).append(r)
    out, last, tables = [], 0, {}
    for n, ((start, end), table_rows) in enumerate(sorted(spans.items())):
        mark = _TABLE_MARK.format(n)
        out.append(text[last:start])
        out.append(f"\n\n{mark}\n\n")
        tables[mark] = table_rows
        last = end
    out.append(text[last:])
    return "".join(out), tables


def _with_marker(p: Para) -> str:
    if p.kind in ("roman", "num", "sub"):
        return f"{p.label}. {p.text}"
    if p.kind == "letter":
        return f"{p.label}) {p.text}"
    return p.text


_PLACE_DATE_LINE = re.compile(r"[^,]{1,40}, ngay\b.*\bnam\s+\d{4}")   # "Sơn Dương, ngày 05 tháng 12 năm 2019" (needs ", ngay")


def _body_start(paras: list[Para]) -> int:
    """Skip the header block: the body starts after the place-and-date line or 'Kính gửi' list."""
    start = 0
    for i, p in enumerate(paras[:40]):
        f = fold(p.text)
        if f.startswith(("kinh gui", "v/v")) or ", ngay" in f and _PLACE_DATE_LINE.match(f):
            start = i + 1
        elif start and p.kind == "bullet" and i == start:
            start = i + 1
    return start


def _clause(w: _Walk) -> str:
    parts = [w.labels[k] for k in ORDER if k in w.labels]
    if "sub" in w.labels and w.labels.get("num") and w.labels["sub"].startswith(w.labels["num"] + "."):
        parts.remove(w.labels["num"])   # "1. Trung tâm Y tế huyện" / "1.2. …": clause "IV.1.2", not "IV.1.1.2"
    clause = ".".join(parts)
    if w.bullets:
        clause = f"{clause} gạch {w.bullets}".strip()
    return clause


def _units(w: _Walk, names: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    units = canonical_units(list(names), w.registry, w.header.issuer)
    if any(u.endswith(_BARE_LEVEL) for u in units):
        # "2. Yêu cầu UBND huyện Tân Phước: … b) Chủ tịch UBND huyện trực tiếp …": the huyện of the item
        # (of "UBND các xã: Phước Hòa, Tân Lập: … Chủ tịch UBND xã …", each of them)
        named = _current_units(w)
        out: list[str] = []
        for u in units:
            own = [n for n in named if n.startswith(u + " ") and n[len(u) + 1:][:1].isupper()] \
                if u.endswith(_BARE_LEVEL) else []
            out.extend(x for x in own or [u] if x not in out)
        units = tuple(out)
    return units


_BARE_LEVEL = (" huyện", " xã", " tỉnh", " thị xã", " thành phố", " phường", " thị trấn", " quận")


def _visit(w: _Walk, p: Para) -> None:
    f = fold(p.text)
    if p.kind == "footnote" or not f:
        return
    if p.text in w.tables:
        _table(w, w.tables[p.text])
        return
    if _label_line(w, p):
        return
    if p.kind in ("bullet", "plain") and w.item_drafts and not _intro(p.text) and not _assigns_itself(p.text) \
            and (_LISTS_ITS_PARTS.search(fold(w.item_drafts[-1].text[-40:]))
                 or w.parts_of is w.item_drafts[-1] and w.item_drafts[-1].text.rstrip().endswith((";", ","))):
        # "… số hóa dữ liệu hộ tịch, gồm: / * Sổ khai sinh …; / * Sổ kết hôn …": parts of that task
        d = w.parts_of = w.item_drafts[-1]
        d.text = f"{d.text.rstrip()} {p.text}"
        return
    w.parts_of = None
    phase = _PHASE.match(p.text) if f.startswith(("giai doan", "dot ")) else None
    if phase and p.kind not in ORDER:
        w.phase_end = phase.group("end")
        w.levels = {k: v for k, v in w.levels.items() if k == "roman"}
        w.labels = {k: v for k, v in w.labels.items() if k == "roman"}
        return
    assigns: bool | None = None   # outside a zone: whether the item names who it assigns (asked once)
    if p.kind in ORDER:
        w.item_drafts = []
        w.last_own = ()
        depth = ORDER.index(p.kind)
        for k in ORDER[depth:]:
            w.levels.pop(k, None)
            w.labels.pop(k, None)
        w.labels[p.kind] = p.label
        w.bullets = 0
        w.bullet_units, w.bullet_label = (), ""
        if p.kind == "roman" or w.phase_kind and depth <= ORDER.index(w.phase_kind):
            w.phase_end = w.phase_kind = None   # the phase's item is over
        if phase:   # "1. Giai đoạn chuẩn bị: từ ngày 01/3 đến ngày 31/3/2026": the items below end then
            w.phase_end, w.phase_kind = phase.group("end"), p.kind
            return
        dated = _DATED_HEADING.search(p.text) if "(" in p.text and len(f.split()) <= 25 else None
        if dated and dates.find_deadlines(dated.group(1)) and not starts_with_unit(p.text) and not _intro(p.text):
            # "2. Phân công sơ tán cụ thể (hoàn thành trước 12 giờ ngày 28/9/2025):": the items below end then
            w.phase_end, w.phase_kind = dated.group(1), p.kind
            return
        if p.kind == "roman":
            heading = f
            if _EVALUATION_HEADINGS.match(heading):
                w.zone, w.findings = False, True
                return
            if _TASK_HEADINGS.search(heading):
                w.zone, w.findings = True, False
            if p.text.isupper() or len(p.text.split()) <= 12:
                _maybe_heading_units(w, p)
                return
        elif not w.zone and len(f.split()) <= 12 and _EVALUATION_HEADINGS.match(f):
            w.findings = True     # "1. Kết quả đạt được": the items below are findings
            return
        elif w.findings and len(f.split()) <= 12 and _TASK_HEADINGS.search(f):
            w.findings = False    # "2. Nhiệm vụ thời gian tới"
        elif not w.zone and not (assigns := _has_own_units(p.text) or _names_its_unit(w, p.text)
                                 or any(k in w.levels for k in ORDER[:depth])):
            # ("1. Giám đốc Sở NN&MT:" / "a) Theo dõi …": an item under a unit's heading is that unit's task)
            # numbered findings before the instructions are not tasks
            if not w.default_units and not w.drafts:
                return
    elif p.kind == "bullet":
        w.bullets += 1
        if p.label == w.bullet_label:
            w.bullet_units, w.bullet_label = (), ""   # the next unit's bullet at the heading's level
        if (w.zone or w.levels) and _bullet_heading(w, p):
            return
    else:
        if p.kind == "plain" and p.text.rstrip().endswith(":") and _DIRECTIVE_VERBS.search(f) \
                and not (w.levels and not _has_own_units(p.text)):
            # (under a unit's item, "… chủ trì, phối hợp … tham mưu UBND tỉnh chỉ đạo …:" is that unit's task)
            _preamble(w, p.text)
            return
    if not w.zone and not (assigns if assigns is not None else _has_own_units(p.text)
                           or p.kind in ORDER and _names_its_unit(w, p.text)):
        return
    if p.text.startswith("(") or _CLOSING.match(f):
        return
    if p.kind in ORDER and _is_heading(p.text):
        return
    _take(w, p)


def _assigns_itself(text: str) -> bool:
    """'Thôn Đông: tuyến …', 'Phòng Y tế tổ chức …': a unit and its work (not 'Sổ đăng ký khai sinh …')."""
    if not starts_with_unit(text):
        return False
    up = unit_phrase(text, allow_colon=True)
    return bool(up) and up.ended_by in ("verb", "colon") and up.end < len(text)


# a task's text that goes on in the bullets below it ("…, gồm:", "… Cụ thể:")
_LISTS_ITS_PARTS = re.compile(r"\b(?:gom|cu the(?: nhu sau)?)\s*:?\s*$")


def _bullet_heading(w: _Walk, p: Para) -> bool:
    """'- Công an huyện:' alone: the unit of the bullets of another mark ('+ …') that follow."""
    text = p.text.rstrip()
    if not text.endswith(":") or len(text.split()) > 16 or not starts_with_unit(text):
        return False
    up = unit_phrase(text)
    if not up or up.end < len(text.rstrip(" :")):
        return False
    w.bullet_units, w.bullet_label = _units(w, up.units), p.label
    return True


_SCHEDULE_HEADING = re.compile(r"(?:thoi han|thoi gian|tien do|lich)(?: (?:gui|nop|thuc hien|hoan thanh|bao cao))?\b")


def _is_heading(text: str) -> bool:
    """'1. Cải cách thể chế': a short title with no verb and no full stop heads the paragraphs below; so
    does '3. Thời hạn gửi báo cáo (…):' over the dated lines of a schedule."""
    if text.rstrip().endswith(":") and _SCHEDULE_HEADING.match(fold(text)):
        return True
    if text.rstrip().endswith((".", ";", ":")) or len(text.split()) > 14 or starts_with_unit(text):
        return False
    if _has_own_units(text):
        return False   # "3. Đối với UBND các huyện, thị xã, thành phố": the units of the paragraphs below
    return not VERB_RE.match(fold(text))


_LABEL_RE = re.compile(
    r"(?i)^(?P<label>(?:cơ quan|đơn vị|bộ phận)?\s*(?:chủ trì|thực hiện|phối hợp|chịu trách nhiệm)(?:\s+thực hiện)?|"
    r"(?:thời gian|thời hạn|tiến độ)(?:\s+(?:thực hiện|hoàn thành))?|sản phẩm|kết quả)\s*:\s*(?P<value>.+)$")


def _label_line(w: _Walk, p: Para) -> bool:
    """'- Cơ quan chủ trì: Phòng Tư pháp.' / '- Thời gian hoàn thành: Quý III/2024.' fill the item's tasks."""
    if not w.item_drafts or ":" not in p.text:   # nothing to fill, or no "label:" (what _LABEL_RE needs)
        return False
    m = _LABEL_RE.match(p.text)
    if not m:
        return False
    label, value = fold(m.group("label")), m.group("value").strip().rstrip(".;")
    if "phoi hop" in label:
        units = _units(w, split_units(value))
        for d in w.item_drafts:
            d.coordinators = tuple(dict.fromkeys(d.coordinators + units))
    elif re.search(r"chu tri|thuc hien|trach nhiem", label) and not label.startswith(("thoi", "tien")):
        units = _units(w, split_units(value))
        for d in w.item_drafts:
            d.assignees = units if not d.labelled else tuple(dict.fromkeys(d.assignees + units))
            d.labelled = True
    elif label.startswith(("thoi", "tien")):
        for d in w.item_drafts:
            d.deadline_text = value
    return True


def _table(w: _Walk, rows: list) -> None:
    for r in rows:
        leads = _units(w, split_units(", ".join(r.leads))) or _current_units(w)
        coords = _units(w, split_units(", ".join(r.coordinators)))
        d = _Draft(r.clause, r.action, leads, coordinators=coords, deadline_text=r.deadline_text or None)
        w.drafts.append(d)


def _is_closing(action: str) -> bool:
    """'… thông báo để các cơ quan, đơn vị biết, thực hiện./.': the closing line, not a task."""
    f = fold(action)
    return (f.rstrip().endswith("./.") and len(f.split()) < 90
            and bool(_CLOSING_WORDS.search(f)))


_CLOSING_WORDS = re.compile(r"\bbiet\b|nghiem tuc (?:trien khai,? )?thuc hien|to chuc thuc hien|thi hanh (?:quyet dinh|chi thi|van ban)")


# "UBND tỉnh giao Sở Tài chính …", "Chủ tịch UBND huyện yêu cầu Phòng …": the issuer directing a unit
_ISSUER_DIRECTS = re.compile(
    r"(?:(?:Chủ tịch|Thường trực|Phó Chủ tịch)\s+)?(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)"
    r"(?:\s+(?:tỉnh|huyện|thành phố|thị xã|quận|xã|phường|thị trấn))?(?:\s+[A-ZĐÀ-Ỹ][\wÀ-ỹ]*)*"
    r"\s+(?:giao(?:\s+cho)?|yêu cầu|đề nghị)\s+")


def _intro(text: str, labelled: bool = True) -> re.Match[str] | None:
    """What opens an assignment before its units: "Giao", "Đề nghị", "Đối với" …, or the issuer with its
    verb ("UBND tỉnh giao …") when a unit follows."""
    m = INTRO_VERBS.match(text)
    if m:
        return m
    m = _ISSUER_DIRECTS.match(text) if text[:1] in "UỦCTP" else None
    if m is None and text[:1] in "TĐ":   # "Theo đó, Phòng NN&MT chủ trì …" after an adjusted deadline
        m = _ACCORDINGLY.match(text)
    if m is None and text[:1] in "ĐNTS" and _PURPOSE.match(text):
        return _after_purpose(text)
    if m is None and text[:1] in "TCĐHKMSN" and _DATE_LEAD.match(text):
        return _after_date_lead(text)
    if m is None and labelled and ": " in text[:_LABEL_CHARS]:
        return _after_label(text)
    return m if m and starts_with_unit(text[m.end():]) else None


def _prefix(text: str, end: int) -> re.Match[str]:
    """A match of the first ``end`` characters (what the intro rules return)."""
    return re.compile(rf"(?s).{{{end}}}").match(text)


def _acting_unit(text: str) -> bool:
    """The text opens with a unit and what it must do ('Ban Chỉ huy quân sự xã tham mưu …'), not what it
    did ('UBND xã đã tổ chức …')."""
    if not starts_with_unit(text):
        return False
    up = unit_phrase(text, allow_colon=False)
    return bool(up) and up.ended_by == "verb" and up.end < len(text) and not _REPORTED.search(fold(up.written))


# "Trước ngày 20/12/2025, Phòng TC-KH tổng hợp …", "Từ ngày 20/10 đến ngày 10/11/2025, Ban CHQS xã chủ trì …"
_DATE_LEAD = re.compile(r"(?:Từ|Trước|Chậm nhất|Trong|Đến|Hạn|Muộn nhất|Khẩn trương|Ngay|Sau|Hằng|Hàng|Định kỳ)"
                        r"\s[^,:;.]{2,80}?,\s+")


def _after_date_lead(text: str) -> re.Match[str] | None:
    """A deadline or a window that opens the sentence before its unit: the match ends before the unit
    (the lead is kept as the task's deadline text, see _take)."""
    m = _DATE_LEAD.match(text)
    lead = text[:m.end()]
    if len(lead.split()) > 16 or not dates.sets_a_deadline(lead):
        return None
    return m if _acting_unit(text[m.end():]) else None


# the issuer agreeing, acknowledging or judging ("Chủ tịch UBND huyện đồng ý …", "Lãnh đạo Sở thống nhất …")
_ISSUER_VOICE = re.compile(r"[^,;:]{0,60}?\b(?:dong y|thong nhat|nhat tri|chap thuan|ghi nhan|hoan nghenh|bieu duong"
                           r"|danh gia)\b")
# labels of what was found, not of work to do
_FINDINGS_LABEL = re.compile(r"(?:\*\s*)?(?:danh gia|ket qua|tinh hinh|nhan xet|ton tai|han che|nguyen nhan|uu diem|"
                             r"khuyet diem|thuc trang|hien trang|ly do|boi canh|ket luan kiem tra)\b")
_DONE_CLAUSE = re.compile(r"\b(?:da|chua|dang|van con)\b")
_LABEL_CHARS = 300   # how long a topic label before a colon may be (12 words before a unit, 40 before "giao")
_LABEL_END = re.compile(r":\s+")


def _after_label(text: str) -> re.Match[str] | None:
    """'Kiện toàn Hội đồng nghĩa vụ quân sự xã: Ban Chỉ huy quân sự xã tham mưu …': a short topic label,
    then the unit and its work (or 'Giao …', a deadline lead, a purpose before it)."""
    colon = _LABEL_END.search(text, 0, _LABEL_CHARS + 2)
    if colon is None:
        return None
    label = text[:colon.start()]
    words = len(label.split())
    if words > 40 or starts_with_unit(label) or _intro(label, labelled=False):
        return None   # "Phòng Tư pháp: …" is a unit's heading; "Giao …: …" an intro of its own
    rest = text[colon.end():]
    if _FINDINGS_LABEL.match(fold(label)) or _DONE_CLAUSE.search(fold(rest[:80].split(",")[0])):
        return None   # "Đánh giá chung: UBND xã … vận hành đã có cố gắng …": a finding, no task
    if _ISSUER_VOICE.match(fold(rest[:120])):
        return None   # "Về đề nghị của UBND xã …: Chủ tịch UBND huyện đồng ý gia hạn …": a decision, no task
    inner = _intro(rest, labelled=False)
    if inner:   # "Về đề nghị bổ sung vốn cho dự án … của UBND huyện …: giao Sở Tài chính …" (a longer label)
        return _prefix(text, colon.end() + inner.end())
    return _prefix(text, colon.end()) if words <= 12 and _acting_unit(rest) else None


_PURPOSE = re.compile(r"(?:Để|Nhằm|Trong thời gian(?!\s+(?:qua|vừa qua|gần đây)\b)|Sau khi|Trước khi)\s")


def _after_purpose(text: str) -> re.Match[str] | None:
    """'Để chuẩn bị Hội nghị …, Sở Tài chính chủ trì …': the purpose opens the sentence, the unit after
    the comma that closes it is assigned (the match ends before that unit, or before the issuer's own
    'UBND tỉnh giao …')."""
    for comma in _PURPOSE_END.finditer(text, 0, PURPOSE_CHARS):
        if _CONDITION.search(text, 0, comma.start()):
            return None   # "…, nếu có khó khăn, vướng mắc, các đơn vị kịp thời báo cáo …": no task
        rest = text[comma.end():]
        if not starts_with_unit(rest):
            verb = INTRO_VERBS.match(rest) if rest[:1] in "gđy" else None
            if verb and starts_with_unit(rest[verb.end():]):   # "Trong thời gian chờ bàn giao, giao Phòng …"
                return _prefix(text, comma.end() + verb.end())
            continue
        inner = _ISSUER_DIRECTS.match(rest) if rest[:1] in "UỦCTP" else None
        end = comma.end() + (inner.end() if inner and starts_with_unit(rest[inner.end():]) else 0)
        up = unit_phrase(text[end:], allow_colon=False)
        if up and up.ended_by == "verb":
            return _prefix(text, end)
    return None


_CONDITION = re.compile(r"(?i)(?<![\wÀ-ỹ])(?:nếu|trường hợp)(?![\wÀ-ỹ])")
PURPOSE_CHARS = 400   # how far a purpose clause may run before its unit
_PURPOSE_END = re.compile(r",\s+")


_ACCORDINGLY = re.compile(r"(?:Theo đó|Do đó|Đồng thời),\s+")


def _has_own_units(text: str) -> bool:
    m = _intro(text)
    return bool(m and starts_with_unit(text[m.end():]))


# what a finding says of a unit ("Phòng Nội vụ đã tham mưu …", "… chưa thực hiện", "… còn chậm"), not an order
_FINDING_WORDS = re.compile(r"\b(?:da|chua|con|van|dang|cung|duoc|bi|co|la|gom|dat)\b")


def _names_its_unit(w: _Walk, text: str) -> bool:
    """'2. Hạt Kiểm lâm huyện tăng cường tuần tra …': an item that opens with a unit and goes on with
    what it must do is a task even where no preamble or task heading came first (a letter that goes
    straight to its items). Not under an evaluation heading, and not a finding ("… đã hoàn thành")."""
    if w.findings or not starts_with_unit(text):
        return False
    up = unit_phrase(text, allow_colon=False)
    if not up or up.ended_by != "verb":
        # "1. Giám đốc Sở Nông nghiệp và Môi trường:": the unit whose tasks the sub-items below list
        up = unit_phrase(text)
        return bool(up) and not text[up.end:].strip(" :.") and len(up.written.split()) <= 12 \
            and not _FINDING_WORDS.search(fold(up.written))
    if len(up.written.split()) > 12:
        return False
    return not _FINDING_WORDS.search(fold(up.written)) and not _FINDING_WORDS.match(fold(text[up.end:up.end + 12]))


def _preamble(w: _Walk, text: str) -> None:
    """'UBND tỉnh yêu cầu Thủ trưởng … khẩn trương triển khai một số nội dung sau:'"""
    w.zone = True
    w.levels.clear()
    # the verb that names the addressees: "… tại cuộc họp giao ban ngày 08-9-2025, UBND xã yêu cầu các thôn …"
    for m in reversed(list(re.finditer(r"(?i)(?<![\wÀ-ỹ])(?:yêu cầu|giao(?: cho)?|đề nghị|chỉ đạo)\s+(?=\S)", text))):
        up = unit_phrase(text[m.end():]) if starts_with_unit(text[m.end():]) else None
        if up:
            w.default_units = _units(w, up.units)
            break
    w.default_urgency = dates.urgency_of(text) if dates.urgency_of(text) in ("ngay", "khan_truong") else None


# "Điều 5. Trách nhiệm của Phòng Tài nguyên và Môi trường": the unit whose duties the article lists
_DUTIES_OF = re.compile(r"(?i)^(?:trách nhiệm|nhiệm vụ|nhiệm vụ và quyền hạn|nhiệm vụ, quyền hạn)\s+(?:của|đối với)\s+(?=\S)")


def _maybe_heading_units(w: _Walk, p: Para) -> None:
    duties = _DUTIES_OF.match(p.text)
    text = p.text[duties.end():] if duties else p.text
    up = unit_phrase(text)
    if up and up.end >= len(text.rstrip(" :.")):
        w.levels[p.kind] = _units(w, up.units)


def _current_units(w: _Walk) -> tuple[str, ...]:
    if w.bullet_units:
        return w.bullet_units
    for k in reversed(ORDER):
        if k in w.levels:
            return w.levels[k]
    return w.default_units


def _timeline(w: _Walk, p: Para, period: re.Match[str]) -> None:
    """Each clause of a timeline entry is a task of the unit it opens with (or of the item's units),
    due at the end of the entry's period."""
    previous: tuple[str, ...] = ()
    for clause in period.group("rest").split(";"):
        clause = clause.strip()
        if not clause:
            continue
        # a clause naming no unit goes on with the unit of the clause before ("Công an huyện bố trí …;
        # xử lý nghiêm …"), else the item's
        units: tuple[str, ...] = previous or _current_units(w)
        up = unit_phrase(clause, allow_colon=False) if starts_with_unit(clause) else None
        if up and up.ended_by == "verb":
            units, clause = _units(w, up.units), clause[up.end:].strip()
            previous = units
        d = _Draft(_clause(w), clause, units, urgency=w.default_urgency, deadline_text=period.group("period"),
                   source=p.text)
        w.drafts.append(d)
        w.item_drafts.append(d)


def _take(w: _Walk, p: Para) -> None:
    text = p.text
    period = _PERIOD.match(text) if ":" in text else None
    if period:
        _timeline(w, p, period)
        return
    own: tuple[str, ...] | None = None
    intro = _intro(text)
    body = text[intro.end():] if intro else text
    lead = _lead_deadline(text[:intro.end()]) if intro and intro.end() > 8 else None
    if p.kind in ORDER and body.rstrip().endswith(":") and starts_with_unit(body) and len(body.split()) <= 25:
        # "3. Ban Quản lý dự án đầu tư xây dựng:" heads the sub-items below; so does "1. Giao Phòng Nội vụ
        # là cơ quan thường trực của Đoàn kiểm tra, có trách nhiệm:" (its unit, not the whole line)
        up = unit_phrase(body, allow_colon=False)
        named = up.units if up and up.ended_by == "verb" else split_units(body.rstrip().rstrip(":"))
        w.levels[p.kind] = _units(w, named)
        lead = body[up.end:].rstrip().rstrip(":") if up and up.ended_by == "verb" else ""
        if len(lead.split()) >= 4:   # "là cơ quan thường trực của Đoàn kiểm tra": a task of its own
            d = _Draft(_clause(w), lead, w.levels[p.kind], urgency=w.default_urgency, source=p.text)
            w.drafts.append(d)
            w.item_drafts.append(d)
        return
    if intro or starts_with_unit(body) or p.kind in ORDER:
        up = unit_phrase(body, folded=folded_part(text, intro.end()) if intro else None)
        if up and not intro and p.kind == "plain" and _REPORTED.search(fold(up.written)):
            return   # "Công an huyện đã thu nhận 9.846 hồ sơ …": what a unit did, not what it must do
        if up and (intro or up.end < len(body) or p.kind in ORDER):
            rest = body[up.end:].strip()
            if p.kind in ORDER and not rest:
                # "1. Phòng Nội vụ" heading: the paragraphs below are its tasks
                w.levels[p.kind] = _units(w, up.units)
                return
            if rest and (intro or up.ended_by in ("verb", "colon")):
                own = _units(w, up.units)
                if w.default_units and all(is_generic(u) for u in own):
                    own = w.default_units   # "Người đứng đầu các cơ quan, đơn vị": the addressees
                text = rest
                if p.kind in ORDER:
                    w.levels[p.kind] = own
    if own and p.kind == "plain":
        w.last_own = own
    elif not own and p.kind == "plain" and w.last_own and not any(k in w.levels for k in ORDER):
        # under a topic heading ("3. Tài nguyên và môi trường"), a paragraph that names no unit goes on
        # with the unit of the paragraph before ("Phòng TN&MT chủ trì …" / "Hoàn thiện hồ sơ …")
        own = w.last_own
    assignees = own or _current_units(w)
    for part_units, part in _split_nested(w, text):
        units = part_units or assignees
        d = _Draft(_clause(w), part, units, urgency=w.default_urgency, source=p.text,
                   deadline_text=lead or w.phase_end)
        w.drafts.append(d)
        w.item_drafts.append(d)


def _lead_deadline(lead: str) -> str | None:
    """The words before a task's unit when they date it ('Trước ngày 20/12/2025, …', 'Hằng tháng, …')."""
    return lead if dates.sets_a_deadline(lead) else None


_REPORTED = re.compile(r" (?:da|dang|da duoc|van|chua)$")   # a unit phrase closed by a word of what it did


def _split_nested(w: _Walk, text: str) -> list[tuple[tuple[str, ...] | None, str]]:
    """A sentence inside a paragraph that assigns another unit becomes its own task."""
    sentences = _sentences(text)
    out: list[tuple[tuple[str, ...] | None, str]] = []
    current_units: tuple[str, ...] | None = None
    buf: list[str] = []
    for s in sentences:
        opens = s[:1].isupper() or s.startswith("giao ")
        intro = _intro(s) if opens else None
        body = s[intro.end():] if intro else s
        up = unit_phrase(body, allow_colon=False) if (intro or starts_with_unit(body)) and opens else None
        if up and up.end < len(body) and up.ended_by == "verb" and (intro or _looks_like_subject(body, up.end)):
            if buf:
                out.append((current_units, " ".join(buf)))
            current_units = _units(w, up.units)
            buf = [s]
            continue
        buf.append(s)
    if buf:
        out.append((current_units, " ".join(buf)))
    return out


def _sentences(text: str) -> list[str]:
    """The text cut at each sentence end, the white space between sentences dropped (what
    re.split(r"(?<=[.;])\\s+(?=[A-ZĐÀ-Ỹ])", text) gives)."""
    out, last = [], 0
    ends = sorted(m.span(1) for stop, rx in _SENTENCE_ENDS if stop in text for m in rx.finditer(text))
    for start, end in ends:
        out.append(text[last:start])
        last = end
    out.append(text[last:])
    return out


def _looks_like_subject(body: str, end: int) -> bool:
    rest = body[end:].lstrip()
    return bool(rest) and rest[0].islower()


def _finish(w: _Walk) -> list[Task]:
    """The drafts' tasks, each built once: fields are gathered first (a later extension may move a
    deadline, a monitoring task adds monitors to the others), then made into Tasks."""
    issued = w.header.issued_on
    tasks: list[dict] = []
    last_extension: dates.DeadlineHit | None = None
    for d in w.drafts:
        action, folded = _action_of(d)
        if _BOILERPLATE_ACTION.match(fold(action)) or _FORMULA.match(fold(action)) or _is_closing(action):
            continue
        hits = dates.find_deadlines(action, issued, folded)
        extension = [h for h in hits if h.extends]
        plain_hits = [h for h in hits if not h.extends]
        if extension and not plain_hits:
            last_extension = extension[-1]
            named = _extended_for(w, action, extension[-1])
            if named:   # "gia hạn … đối với xã Đồng Tâm đến ngày …": that unit's own, later deadline
                tasks.append(_task_fields(w, dataclasses.replace(d, assignees=named), action, folded, [extension[-1]],
                                          [], None, len(tasks) + 1, ()))
                continue
            if tasks and _apply_extension(tasks, action, extension[-1]):
                continue
        if not d.assignees:
            continue
        coords = tuple(dict.fromkeys(d.coordinators + _coordinators(w, action, d.assignees, folded)))
        for part, part_folded, part_hits in _one_per_deadline(action, folded, plain_hits):
            tasks.append(_task_fields(w, d, part, part_folded, part_hits, extension, last_extension,
                                      len(tasks) + 1, coords))
    _link_monitors(tasks)
    _date_by_reference(tasks)
    return [Task(**t) for t in tasks]


# "(nội dung tại điểm a khoản 1)", "(nhiệm vụ nêu tại khoản 2 Mục II)": a line of a schedule of deadlines
# that dates an item given above (not a part of another document: no "Nghị định", "Quyết định" … inside)
_ITEM_REFERENCE = re.compile(r"(?i)\((?:nội dung|nhiệm vụ|công việc)\s+(?:nêu\s+)?(?:tại|theo|ở)\s+"
                             r"((?:điểm|khoản|mục)\s+[^()]{1,40}?)\)")
_OTHER_DOCUMENT = re.compile(r"(?i)\b(?:nghị định|quyết định|thông tư|công văn|kế hoạch|chỉ thị|điều|luật|số)\b")


def _date_by_reference(tasks: list[dict]) -> None:
    """A dated line that points back at an item ("Chậm nhất ngày 25/8/2025: UBND các xã gửi danh sách (nội
    dung tại điểm b khoản 1)") dates that item's undated tasks too (its deadline or its recurrence)."""
    for t in tasks:
        if not (t["deadline"] or t["recurrence"]) or "(" not in t["action"]:
            continue
        for m in _ITEM_REFERENCE.finditer(t["action"]):
            cited = m.group(1)
            if _OTHER_DOCUMENT.search(cited):
                continue
            label = _cited_clause(cited)
            if label is None:   # one part alone: a khoản or a mục ("điểm a" alone could be any item's)
                one = _CITED_PART.fullmatch(cited.strip())
                label = one.group(2) if one and one.group(1).lower() != "điểm" else None
            if label is None:
                continue
            same = [u for u in tasks if u is not t and u["clause"].split(" ")[0] == label] or \
                [u for u in tasks if u is not t and u["clause"].split(" ")[0].endswith("." + label)]
            shared = [u for u in same if set(u["assignees"]) & set(t["assignees"])]
            for u in shared or same:
                if not (u["deadline"] or u["recurrence"]):
                    u.update(deadline=t["deadline"], deadline_time=t["deadline_time"],
                             recurrence=t["recurrence"], recurrence_day=t["recurrence_day"])


# what opens the next clause after a deadline: "…trước ngày 31/10/2023; tổ chức thi công …",
# "… trước ngày 10/6/2025 và kết quả cả năm trước ngày 05/12/2025", "… ngày 12/8/2025. Đợt 2 …"
_NEXT_CLAUSE = re.compile(r"\s*(?:[;,]\s*(?:và\s+)?|\s+và\s+|\.\s+(?=[A-ZĐÀ-Ỹ]))(?=\w)")


def _one_per_deadline(action: str, folded: str | None,
                      hits: list[dates.DeadlineHit]) -> list[tuple[str, str | None, list[dates.DeadlineHit]]]:
    """An action with two deadlines for two pieces of work ("lập hồ sơ thiết kế, hoàn thành trước ngày
    31/10/2023; tổ chức thi công, hoàn thành trong quý II/2024") is two tasks, cut where the next clause
    opens after each deadline but the last. One deadline, or cuts that would leave a piece of fewer
    than four words, leave the action whole."""
    if len(hits) < 2 or len({h.day for h in hits}) < 2:
        return [(action, folded, hits)]
    ordered = sorted(hits, key=lambda h: h.start)
    spans, start = [], 0
    for h, after in zip(ordered, ordered[1:]):
        m = _NEXT_CLAUSE.match(action, h.end)
        if m:
            spans.append((start, h.end))
            start = m.end()
        elif not action[start:h.start].strip(" ,"):
            # the deadline leads its clause ("Trong thời hạn 10 ngày kể từ ngày ký, xây dựng kế hoạch …;
            # chủ trì … đến ngày 02/3/2018"): the clause ends at the semicolon before the next deadline
            semi = action.find(";", h.end, after.start)
            if semi >= 0:
                spans.append((start, semi))
                start = semi + 1 + len(action[semi + 1:]) - len(action[semi + 1:].lstrip())
    spans.append((start, len(action)))
    if len(spans) < 2 or any(len(action[a:b].split()) < 4 for a, b in spans):
        return [(action, folded, hits)]
    return [(action[a:b], folded[a:b] if folded is not None else None,
             [dataclasses.replace(h, start=h.start - a, end=h.end - a) for h in ordered if a <= h.start < b])
            for a, b in spans]


def _task_fields(w: _Walk, d: _Draft, action: str, folded: str | None, plain_hits: list[dates.DeadlineHit],
                 extension: list[dates.DeadlineHit], last_extension: dates.DeadlineHit | None, seq: int,
                 coords: tuple[str, ...]) -> dict:
    """One task's fields from its action (the whole draft, or the part of it with one of its deadlines)."""
    issued = w.header.issued_on
    deadline = plain_hits[0] if plain_hits else (extension[-1] if extension else None)
    if deadline is None and last_extension and _REFERS_TO_EXTENSION.search(fold(action)):
        deadline = last_extension       # "… đúng thời hạn được gia hạn"
    recurrence, recur_day = dates.recurrence_of(action, folded)
    urgency = dates.urgency_of(action) or d.urgency
    if d.deadline_text and deadline is None and dates.recurrence_of(d.deadline_text)[0]:
        recurrence = recurrence or dates.recurrence_of(d.deadline_text)[0]   # "Hằng tháng (từ tháng 4 …)"
    elif d.deadline_text and deadline is None:
        deadline = dates.deadline_of_cell(d.deadline_text, issued)
        if deadline is None:
            recurrence = recurrence or dates.recurrence_of(d.deadline_text)[0]
            urgency = dates.urgency_of(d.deadline_text) or urgency
    target_year = dates.target_year_of(action, folded)
    if deadline is None and recurrence is None and target_year and (not issued or int(issued[:4]) <= target_year):
        # "hoàn thành trong năm 2025", "vào cuối năm 2025": due by the year's last day
        deadline = dates.DeadlineHit(date(target_year, 12, 31), None, 0, 0)
    via = _VIA_RE.search(action)
    monitors = tuple(u for u in (_units(w, [via.group(1)]) if via else ()) if u not in d.assignees)
    return dict(
        seq=seq, clause=d.clause, action=action, assignees=d.assignees, coordinators=coords,
        monitors=monitors, deadline=deadline.day if deadline else None,
        deadline_time=deadline.time if deadline else None, recurrence=recurrence, recurrence_day=recur_day,
        urgency=urgency, target_year=target_year)


def _action_of(d: _Draft) -> tuple[str, str | None]:
    """The draft's text with white space squashed, and its fold_keep_length when it is a part of its
    paragraph (a slice of the paragraph's fold). A part of a plain paragraph is squashed already."""
    text, source = d.text, d.source
    if source and text[:1] != " " and text[-1:] != " " and is_plain(source):
        i = source.find(text)
        if i >= 0:
            return text, folded_part(source, i, i + len(text))
    action = squash(text)
    i = source.find(action) if source else -1
    return action, folded_part(source, i, i + len(action)) if i >= 0 else None


def _coordinators(w: _Walk, action: str, assignees: tuple[str, ...], folded: str | None = None) -> tuple[str, ...]:
    out: list[str] = []
    # what _COORD_RE cannot match without: "phối hợp" in any case, so "phoi hop" in the folded text
    if ("phoi hop" not in folded) if folded is not None else ("phối hợp" not in action.lower()):
        return ()
    for m in _COORD_RE.finditer(action):
        rest = action[m.end():]
        up = unit_phrase(rest, allow_colon=False,
                         folded=folded[m.end():] if folded is not None else folded_part(action, m.end()))
        if up:
            for u in _units(w, up.units):
                if u not in out and u not in assignees:
                    out.append(u)
    return tuple(out)


_REFERS_TO_EXTENSION = re.compile(r"\b(?:thoi han|han|thoi gian)\s+(?:da\s+)?(?:duoc\s+)?gia han\b")


_FOR_PLACE = re.compile(r"(?i)(?<![\wÀ-ỹ])đối với\s+(?:(UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+)?"
                        r"((?:xã|phường|thị trấn|huyện|thị xã|thành phố)\s+[A-ZĐÀ-Ỹ][\wÀ-ỹ]*(?:\s+[A-ZĐÀ-Ỹ0-9][\wÀ-ỹ]*)*)")
_FOR_UNIT = re.compile(r"(?i)(?<![\wÀ-ỹ])(?:đối với|cho)\s+(?=\S)")


def _extended_for(w: _Walk, text: str, hit: dates.DeadlineHit) -> tuple[str, ...]:
    """The unit an extension is granted to, when it names one between "gia hạn" and its date ("gia hạn
    thời gian bàn giao mặt bằng đối với xã Đồng Tâm đến ngày 20/12/2024": UBND xã Đồng Tâm), else ()."""
    start = fold_keep_length(text).rfind("gia han", 0, hit.start)
    if start < 0:
        return ()
    window = text[start:hit.start]
    place = _FOR_PLACE.search(window)
    if place:
        return _units(w, [f"UBND {place.group(2)}"])
    for m in _FOR_UNIT.finditer(window):
        if starts_with_unit(window[m.end():]):
            up = unit_phrase(window[m.end():], allow_colon=False)
            if up:
                return _units(w, up.units)
    return ()


def _apply_extension(tasks: list[dict], text: str, hit: dates.DeadlineHit) -> bool:
    """'gia hạn … đến ngày …': the later date stands for the earlier task it names (by clause, or by
    saying the same thing). False when no earlier task is meant: the date is then this text's own."""
    words, named_work = _extended_words(text, hit)

    def share(i: int) -> float:   # of the words the extension names its work and its units by
        have = set(re.findall(r"[a-z0-9]+", fold(" ".join((tasks[i]["action"], *tasks[i]["assignees"])))))
        return sum(1 for x in words if x in have) / len(words) if words else 0.0

    def named_share(i: int) -> float:   # only where it names the work ("Riêng nội dung tại mục 1, gia hạn …" does not)
        return share(i) if named_work else 0.0

    full = _cited_clause(text)   # "điểm b khoản 2 Mục III": clause III.2.b
    if full:
        dash = _CITED_DASH.search(text)   # "gạch đầu dòng thứ nhất điểm 1 …": its first dash
        if dash and _move_deadline(tasks, [i for i, t in enumerate(tasks)
                                           if t["clause"] == f"{full} gạch {_ORDINALS.get(dash.group(1).lower(), dash.group(1))}"],
                                   hit, named_share):
            return True
        if _move_deadline(tasks, [i for i, t in enumerate(tasks) if t["clause"].split(" ")[0] == full], hit, named_share):
            return True
    named = re.search(r"(?i)(?:mục|điểm|khoản)\s+([\dIVXivx]+(?:[.\d]*)?(?:\s*[a-zđ]\))?)", text)
    if named:
        label = named.group(1).strip(" .)").replace(" ", "")
        same = [i for i, t in enumerate(tasks) if t["clause"].split(" ")[0].rstrip(".") in (label, label.replace(")", ""))]
        if _move_deadline(tasks, same, hit, named_share):
            return True
    dated = [i for i, t in enumerate(tasks) if t["deadline"]]
    if not dated or len(words) < 3:
        return False
    score, best = max((share(i), i) for i in dated)
    if score < 0.75:
        return False
    tasks[best].update(deadline=hit.day, deadline_time=hit.time)
    return True


def _extended_words(text: str, hit: dates.DeadlineHit) -> tuple[list[str], bool]:
    """The words an extension names its work by: after "gia hạn (thời hạn) …" up to "đến ngày", else
    before it ("lùi thời hạn …", "nhiệm vụ …", "thời hạn … được gia hạn"), else the whole text; and
    whether it named its work (not the whole text)."""
    folded = fold(text)
    m = re.search(r"gia han\s+(?:thoi gian|thoi han)?\s*(.{10,120}?)\s+den\s+(?:het\s+)?ngay", folded)
    before = _EXTENDED_WORK.search(folded, 0, hit.start) if m is None else None
    subject = m.group(1) if m else before.group(1) if before else folded
    return [x for x in re.findall(r"[a-z0-9]+", subject) if len(x) > 1], bool(m or before)


_CITED_DASH = re.compile(r"(?i)gạch\s+(?:đầu\s+dòng\s+)?thứ\s+(nhất|hai|ba|tư|năm|sáu|bảy|tám|chín|mười|\d{1,2})\b")
_ORDINALS = {"nhất": "1", "hai": "2", "ba": "3", "tư": "4", "năm": "5", "sáu": "6", "bảy": "7", "tám": "8", "chín": "9",
             "mười": "10"}


# what an extension names before "gia hạn … đến ngày": "… đề nghị lùi thời hạn bàn giao 08 phòng học … do mưa kéo
# dài: đồng ý gia hạn …", "Riêng nhiệm vụ giải quyết 46 hồ sơ …, … đồng ý gia hạn …", "thời hạn rà soát danh
# sách … nêu tại … được gia hạn …"
_EXTENDED_WORK = re.compile(r"\b(?:(?:lui|keo dai|gia han|dieu chinh)\s+(?:thoi han|thoi gian)|nhiem vu|thoi han)\s+"
                            r"(.{10,120}?)(?=\s+(?:do|vi|neu tai|tai|duoc|den)\b|[:,;(]|$)")


def _move_deadline(tasks: list[dict], same: list[int], hit: dates.DeadlineHit,
                   share: Callable[[int], float]) -> bool:
    """The extended date for the clause's task that had a deadline (else its first task): of several, the
    one the extension's words name best (the first on a tie)."""
    if not same:
        return False
    dated_same = [i for i in same if tasks[i]["deadline"]] or same
    later = [i for i in dated_same if tasks[i]["deadline"] and tasks[i]["deadline"] < hit.day]
    dated_same = later or dated_same   # an extension moves a deadline later
    best = max(dated_same, key=lambda i: (share(i), -i)) if len(dated_same) > 1 else dated_same[0]
    tasks[best].update(deadline=hit.day, deadline_time=hit.time)
    return True


_CITED_PART = re.compile(r"(?i)\b(điểm|khoản|mục|phần)\s+([a-zđ]|\d{1,2}(?:\.\d{1,2})*|[IVX]{1,4})\b")


def _cited_clause(text: str) -> str | None:
    """'điểm b khoản 2 Mục III' -> 'III.2.b' (a clause cited by its parts, smallest first); None unless
    two parts are cited together."""
    m = re.search(r"(?i)\b(?:điểm|khoản|mục|phần)\s+\S+(?:\s+(?:điểm|khoản|mục|phần)\s+\S+)+", text)
    if not m:
        return None
    parts = {kind.lower(): label for kind, label in _CITED_PART.findall(m.group(0))}
    order: list[str] = []
    for k in ("phần", "mục", "khoản", "điểm"):
        if k in parts:
            if order and parts[k].startswith(order[-1] + "."):
                order.pop()   # "điểm 1.2 khoản 1 Mục IV": clause IV.1.2 (as "1.2." under "1." is labelled)
            order.append(parts[k])
    return ".".join(order) if len(order) >= 2 else None


def _link_monitors(tasks: list[dict]) -> None:
    """A unit told to 'theo dõi, đôn đốc' the others monitors every other task of the document."""
    monitors: list[str] = []
    for t in tasks:
        head = fold(t["action"])[:160]
        if "don doc" in head and _MONITOR_ACTION.search(head) and _MONITORED.search(head):
            monitors.extend(u for u in t["assignees"] if u not in monitors)
    if not monitors:
        return
    for t in tasks:
        extra = tuple(m for m in monitors if m not in t["assignees"] and m not in t["monitors"])
        if extra:
            t["monitors"] = tuple(dict.fromkeys(t["monitors"] + extra))


_MONITORED = re.compile(r"\b(?:cac co quan|cac don vi|thuc hien|bao cao)\b")
