"""A directive's header and footer: number, issuer, date, subject, recipients, signer, citations."""
from __future__ import annotations

import re
from dataclasses import dataclass

from knowledge.models import Reference
from knowledge.text import LINE_BREAK, fold, squash

LEVELS = ("tỉnh", "thành phố", "huyện", "thị xã", "quận", "xã", "phường", "thị trấn")
_LEVEL_RE = r"(TỈNH|THÀNH PHỐ|HUYỆN|THỊ XÃ|QUẬN|XÃ|PHƯỜNG|THỊ TRẤN)"
_ISSUER_RE = re.compile(
    r"(ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN|UBND|HỘI ĐỒNG NHÂN DÂN|HĐND|SỞ [A-ZĐÀ-Ỹ ,&\-]+?|PHÒNG [A-ZĐÀ-Ỹ ,&\-]+?|"
    r"VĂN PHÒNG [A-ZĐÀ-Ỹ ,&\-]+?|BAN [A-ZĐÀ-Ỹ ,&\-]+?)\s*\n\s*" + _LEVEL_RE + r"\s+([A-ZĐÀ-Ỹ][A-ZĐÀ-Ỹ \-]+)")
_PLACE_DATE_RE = re.compile(   # "^\s*…" led by the newline: see _line_start_search
    r"\n\s*([A-ZĐÀ-Ỹ][^\n,]{1,40}?),\s*ngày\s*(\d{1,2})?\s*(?:\.{0,3}\s*)?tháng\s*(\d{1,2})?\s*(?:\.{0,3}\s*)?năm\s*(\d{4})",
    re.M)
KINDS = {
    "TB": "Thông báo", "KH": "Kế hoạch", "CT": "Chỉ thị", "QĐ": "Quyết định", "BC": "Báo cáo", "NQ": "Nghị quyết",
    "TTr": "Tờ trình", "HD": "Hướng dẫn", "CĐ": "Công điện",
}
TITLE_KINDS = ("THÔNG BÁO", "KẾ HOẠCH", "CHỈ THỊ", "QUYẾT ĐỊNH", "CÔNG ĐIỆN", "HƯỚNG DẪN", "BÁO CÁO", "NGHỊ QUYẾT")
REF_KINDS = r"(Nghị định|Thông tư liên tịch|Thông tư|Quyết định|Văn bản|Công văn|Kế hoạch|Chỉ thị|Nghị quyết|Thông báo|Luật|Công điện|Hướng dẫn)"
_REF_RE = re.compile(REF_KINDS + r"\s+(?:số\s+)?(\d+[\w/\-– ]*?[A-ZĐ][\w\-]*)(?:\s+ngày\s+(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})|\s+ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4}))?")
_NAME_WORD = r"[A-ZĐÀ-Ỹ](?:['’][A-ZĐÀ-Ỹ])?[a-zđà-ỹ]+"   # "Nguyễn", "H'Bla", "Êban"
_NAME_RE = re.compile(rf"^\s*\**\s*({_NAME_WORD}(?:\s+{_NAME_WORD}){{1,4}})\s*\**\s*$")
_SIGN_TITLES = ("CHỦ TỊCH", "GIÁM ĐỐC", "TRƯỞNG", "CHÁNH", "PHÓ", "TM.", "KT.", "TL.", "Q.", "BÍ THƯ")


@dataclass(frozen=True)
class Header:
    number: str | None
    kind: str | None
    issuer: str | None
    place: str | None
    issued_on: str | None
    subject: str | None
    recipients: tuple[str, ...]
    signer: str | None
    signer_title: str | None


_UNDERLINE = re.compile(r"(?<!\w)_{1,3}|_{1,3}(?!\w)")
_LINK = re.compile(r"<(https?://[^>]+)>")
_HEADING_MARK = re.compile(r"(\A|\n)[ \t]*#{1,6}[ \t]+")   # "### 1. Công an tỉnh": a Markdown heading's marks


def strip_markup(text: str) -> str:
    """Markdown heading marks, emphasis and escapes out; what a reader sees stays. Each step runs only when its
    character is there (most paragraphs carry no markup); underscores go first, while the asterisks
    around them are still in place, so '*_x_*' loses both."""
    if "#" in text:
        text = _HEADING_MARK.sub(r"\1", text)
    if "_" in text:
        text = _UNDERLINE.sub("", text)
    if "*" in text:
        text = text.replace("*", "")
    if "\\" in text:
        text = text.replace("\\-", "-").replace("\\.", ".")
    if "<http" in text:
        text = _LINK.sub(r"\1", text)
    return text


def _title_place(s: str) -> str:
    words = squash(s).split()
    return " ".join(w[:1].upper() + w[1:].lower() for w in words)


def read_header(text: str) -> Header:
    plain = strip_markup(text)
    head = _columns_apart(plain[:3000])
    number = _number(head)
    place, issued_on = _place_date(head)
    issuer = _issuer(head, plain, place)
    kind = _kind(head, number)
    signer, signer_title = _signer(plain)
    return Header(
        number=number, kind=kind, issuer=issuer, place=place, issued_on=issued_on,
        subject=_subject(head), recipients=_recipients(head), signer=signer, signer_title=signer_title,
    )


def _line_start_search(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """pattern.search(text) for a multi-line pattern that opens with '^', spelled '\\n' instead and searched
    in "\\n" + text: the same matches, one character later (a line starts after each newline and at the
    start), and re scans for the newline in C; a pattern opening with '^' is tried at every position."""
    return pattern.search("\n" + text)


_NUMBER_LINE = re.compile(r"\n\s*Số\s*:?\s*([^\n]*?)(?:\s{2,}|\s+V/v\b|$)", re.M | re.I)   # "^\s*Số …"
_SUBJECT_LINE = re.compile(r"\n\s*V/v\s*:?\s*(.+?)(?:\n\s*\n|\n\s*(?=[A-ZĐÀ-Ỹ][^\n]{0,40},\s*ngày))", re.M | re.S)


def _number(head: str) -> str | None:
    m = _line_start_search(_NUMBER_LINE, head)
    if not m:
        return None
    value = re.sub(r"\s*([/\-–])\s*", r"\1", m.group(1)).strip(" .,;")
    if not value or value.startswith("/") or not re.match(r"\d", value):
        return None
    return re.sub(r"\s+", "", value)


def _place_date(head: str) -> tuple[str | None, str | None]:
    m = _line_start_search(_PLACE_DATE_RE, head)
    if not m:
        return None, None
    place = squash(m.group(1).strip("* "))
    d, mo, y = m.group(2), m.group(3), m.group(4)
    if d and mo:
        return place, f"{int(y):04d}-{int(mo):02d}-{int(d):02d}"
    if mo:
        return place, f"{int(y):04d}-{int(mo):02d}"
    return place, f"{int(y):04d}"


_PARENT_RE = re.compile(r"^\s*(?:ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN|UBND)\s+" + _LEVEL_RE + r"\s+([A-ZĐÀ-Ỹ][A-ZĐÀ-Ỹ \-]+?)\s*$", re.M)
_AGENCY_GOES_ON = re.compile(r"\s*\n\s*((?:VÀ|-|&)\s+[A-ZĐÀ-Ỹ ,&\-]+?)\s*$", re.M)
_AGENCY_WRAPPED = re.compile(r"\s*\n\s*([A-ZĐÀ-Ỹ][A-ZĐÀ-Ỹ ,&\-]+?)\s*$", re.M)
_AGENCY_RE = re.compile(r"^\s*((?:SỞ|PHÒNG|BAN|VĂN PHÒNG|TRUNG TÂM|CHI CỤC|THANH TRA|CÔNG AN|BỘ CHỈ HUY)\b[A-ZĐÀ-Ỹ ,&\-]*?)\s*$", re.M)


# kinds of agency written in two words, the second in lower case ("Văn phòng", "Trung tâm", "Chi cục")
_TWO_WORD_KINDS = {"VĂN PHÒNG": "Văn phòng", "TRUNG TÂM": "Trung tâm", "CHI CỤC": "Chi cục", "CHI NHÁNH": "Chi nhánh",
                   "BỘ CHỈ HUY": "Bộ Chỉ huy", "BAN CHỈ HUY": "Ban Chỉ huy",
                   "BAN QUẢN LÝ DỰ ÁN": "Ban Quản lý dự án", "BAN QUẢN LÝ": "Ban Quản lý",
                   "HỘI ĐỒNG": "Hội đồng", "KHO BẠC": "Kho bạc"}
# abbreviations kept in capitals inside an agency's name ("VĂN PHÒNG HĐND VÀ UBND")
_ACRONYMS = frozenset({"HĐND", "UBND", "MTTQ", "BCHQS", "CHQS", "TTHC", "CNTT", "QLDA", "KT-XH", "TC-KH", "VH-TT",
                       "PT-TH", "TT-TH", "GD&ĐT", "TN&MT", "NN&PTNT", "LĐ-TB&XH", "KH&CN", "VH-TT&DL", "VHTT&DL"})


def _agency_name(upper: str) -> str:
    """'VĂN PHÒNG HĐND VÀ UBND' -> 'Văn phòng HĐND và UBND', 'PHÒNG TÀI CHÍNH - KẾ HOẠCH' -> 'Phòng Tài
    chính - Kế hoạch': the kind, then each part of the name ("và", "-" and "," join parts) with its first
    word capitalised, abbreviations kept in capitals."""
    words = squash(upper).split()
    out: list[str] = []
    part_start = True
    for kind, spelled in _TWO_WORD_KINDS.items():
        n = len(kind.split())
        if " ".join(words[:n]) == kind:
            out, words = spelled.split(), words[n:]
            part_start = kind != "BAN QUẢN LÝ DỰ ÁN"   # "Ban Quản lý dự án đầu tư xây dựng" goes on in lower case
            break
    else:
        out, words = [words[0].capitalize()], words[1:]
    for w in words:
        if w in _ACRONYMS or "&" in w:
            out.append(w)
        elif w in ("VÀ", "-", "–", ","):
            out.append(w.lower())
            part_start = True
            continue
        else:
            out.append(w.capitalize() if part_start else w.lower())
        part_start = w.endswith(",")
    return " ".join(out)


def _issuer(head: str, plain: str, place: str | None) -> str | None:
    top = head[:400]
    cut = head.find("CỘNG H")
    found = list(_ISSUER_RE.finditer(head, 0, cut if cut > 0 else len(head))) or list(_ISSUER_RE.finditer(head))
    parent = _PARENT_RE.search(top) if len(found) < 2 else None   # two blocks: the lower one issues
    if parent and found and found[-1].start() >= parent.end():
        parent = None   # "UBND HUYỆN X / ỦY BAN NHÂN DÂN / XÃ Y": the block under the parent's line issues
    if parent:
        below = _PARENT_RE.match(top, parent.end() + 1)
        if below and not top[parent.end():below.start()].strip():
            # "UBND HUYỆN X / UBND XÃ Y": the lower of two People's Committees issues
            return f"UBND {below.group(1).lower()} {_title_place(below.group(2))}"
    if parent:
        after = top[parent.end():]
        agency = _AGENCY_RE.match(after.lstrip("\n* ")) if after.strip() else None
        if agency and not agency.group(1).startswith("CỘNG"):
            upper = agency.group(1)
            more = _AGENCY_GOES_ON.match(after.lstrip("\n* "), agency.end())
            if not more and upper.endswith((" VÀ", "-", "&")):   # "SỞ NÔNG NGHIỆP VÀ / PHÁT TRIỂN NÔNG THÔN"
                more = _AGENCY_WRAPPED.match(after.lstrip("\n* "), agency.end())
            if more:   # "SỞ LAO ĐỘNG - THƯƠNG BINH / VÀ XÃ HỘI": the name wrapped onto the next line
                upper = f"{upper} {more.group(1)}"
            name = _agency_name(upper)
            if name == "Văn phòng":   # "UBND TỈNH X / VĂN PHÒNG": the People's Committee's office
                name = "Văn phòng UBND"
            return f"{name} {parent.group(1).lower()} {_title_place(parent.group(2))}"
        return f"UBND {parent.group(1).lower()} {_title_place(parent.group(2))}"
    # "ỦY BAN NHÂN DÂN HUYỆN X / ỦY BAN NHÂN DÂN XÃ Y": the last block before the national name issues
    m = found[-1] if found else None
    if m:
        body = m.group(1).upper()
        short = "UBND" if "NHÂN DÂN" in body and "ỦY BAN" in body or body in ("UBND", "UỶ BAN NHÂN DÂN") else None
        if body in ("HỘI ĐỒNG NHÂN DÂN", "HĐND"):
            short = "HĐND"
        short = short or _title_place(body)
        return f"{short} {m.group(2).lower()} {_title_place(m.group(3))}"
    if not place:
        return None
    # No header block: the level comes from how the text speaks of its own body ("Chủ tịch UBND huyện").
    counts: dict[str, int] = {}
    for lm in re.finditer(r"(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+(tỉnh|thành phố|huyện|thị xã|quận|xã|phường|thị trấn)\b(?!\s+[A-ZĐ])", plain):
        counts[lm.group(1)] = counts.get(lm.group(1), 0) + 1
    if not counts:
        return None
    level = max(counts, key=lambda k: counts[k])
    return f"UBND {level} {place}"


def _kind(head: str, number: str | None) -> str:
    # a title line holds a title: the lines before the first title anywhere cannot be one (substring
    # searches, instead of splitting and stripping every line of the head)
    first = min((i for i in map(head.find, TITLE_KINDS) if i >= 0), default=-1)
    lines = head[head.rfind("\n", 0, first) + 1:].splitlines() if first >= 0 else []
    for line in lines:
        s = line.strip(" *#")
        if s in TITLE_KINDS:
            return s.capitalize().replace("báo", "báo")
    if number:
        m = re.search(r"/([A-ZĐa-z]+)-", number)
        if m and m.group(1) in KINDS:
            return KINDS[m.group(1)]
    return "Công văn"


def _subject(head: str) -> str | None:
    m = _line_start_search(_SUBJECT_LINE, head)
    if m:
        return squash(m.group(1))
    lines = [ln.strip() for ln in head.splitlines()]
    for i, ln in enumerate(lines):
        if ln.strip("* ") in TITLE_KINDS:
            rest = []
            for nxt in lines[i + 1:]:
                if not nxt and rest:
                    break
                if nxt:
                    rest.append(nxt)
            if rest:
                return squash(" ".join(rest))
    m = re.search(r"^\s*(?:Thực hiện|Căn cứ)[^\n]{10,300}?(?:về việc|V/v)\s+([^\n]+)", head, re.M)
    if m:
        return squash(m.group(1)).rstrip(".;")
    return None


def _recipients(head: str) -> tuple[str, ...]:
    m = re.search(r"Kính gửi\s*:?\s*(.*?)(?:\n\s*\n(?!\s*[-–+•])|\Z)", head, re.S)
    if not m:
        return ()
    block = m.group(1)
    items = [squash(x).strip(" ;.,") for x in re.split(r"\n\s*[-–+•]\s*|^\s*[-–+•]\s*", block, flags=re.M)]
    return tuple(i for i in items if i)


def _signer(plain: str) -> tuple[str | None, str | None]:
    lines = [ln.strip() for ln in plain.rstrip().splitlines()]
    found = _signer_in(lines[-40:])
    if found[0] is None:   # a text attached after the signature (a Quy chế, a Kế hoạch): under "Nơi nhận"
        at = next((i for i, ln in enumerate(lines) if fold(ln.strip("*| ")).startswith("noi nhan")), None)
        if at is not None:
            found = _signer_in(lines[at:at + 30])
    return found


def _signer_in(lines: list[str]) -> tuple[str | None, str | None]:
    tail: list[str] = []
    for ln in lines:
        side = _signature_side(ln)
        tail.extend(x.strip() for x in LINE_BREAK.split(side)) if "<" in side else tail.append(side)
    for i in range(len(tail) - 1, -1, -1):
        m = _NAME_RE.match(tail[i])
        if not m:
            continue
        name = m.group(1)
        if fold(name).startswith(("noi nhan", "luu", "nhu tren")):
            continue
        title = None
        for j in range(i - 1, max(-1, i - 8), -1):
            t = tail[j].strip("* ")
            if t and any(t.upper().startswith(k) or k in t.upper() for k in _SIGN_TITLES) and t.upper() == t:
                title = t
                break
        return name, title
    return None, None


def _signature_side(line: str) -> str:
    """A row of the two-column closing block, as a table ("| - Lưu: VT. | Nguyễn Văn A |") or as text
    set in columns by spaces: its right-hand side, where the signature stands ("Nơi nhận" is on the
    left); any other line as it is."""
    if line.startswith("|"):
        cells = [c.strip() for c in line.strip("|").split("|")]
        return cells[-1] if len(cells) >= 2 else line
    if "   " in line or "\t" in line:
        two = _TWO_COLUMNS.match(line)
        if two:
            return two.group(2)
    flat = _FLAT_ROW.match(line) if line[:1] in "-–•+" or fold(line[:4]) == "luu:" else None
    if flat:   # a PDF's text with the columns run together: "- Lưu: VT, GDTrH. Nguyễn Thị Thanh Hương"
        return flat.group(1)
    return line


def _table_apart(head: str) -> str:
    """A header set in a Markdown table (a Word header converted, "<br>" between lines of a cell): the
    first column's lines, then the second's, then the text after the table."""
    lines = head.lstrip().split("\n")
    columns: list[list[str]] = []
    n = 0
    while n < len(lines) and lines[n].startswith("|"):
        cells = [c.strip() for c in lines[n].strip().strip("|").split("|")]
        n += 1
        if all(set(c) <= set("-: ") for c in cells):
            continue   # the row under the header row
        for k, cell in enumerate(cells):
            if len(columns) <= k:
                columns.append([])
            columns[k].extend(x.strip() for x in LINE_BREAK.split(cell) if x.strip())
    return "\n\n".join("\n".join(col) for col in columns) + "\n\n" + "\n".join(lines[n:])


# a header line of a PDF's text, the right column after a single space: the national name and motto, or
# the place and date after the number ("THỊ XÃ HÒA VINH Độc lập - Tự do - Hạnh phúc", "Số: 12/UBND Hòa Vinh, ngày …")
_RIGHT_COLUMN = re.compile(r"^\s*(\S.*?)\s+((?:CỘNG H(?:ÒA|OÀ) XÃ HỘI|Độc lập\s*[-–]\s*Tự do).*|"
                           r"(?:[A-ZĐÀ-Ỹ][\wÀ-ỹ]*\s+){0,4}[A-ZĐÀ-Ỹ][\wÀ-ỹ]*,\s*ngày\b.*)$")


# a row of the closing block whose columns a PDF's text ran together with one space: a "Nơi nhận" entry
# closed by its punctuation, then the signer's name or title ("- Như trên; PHÓ GIÁM ĐỐC")
_FLAT_ROW = re.compile(rf"^.*?[.;,:)]\s+({_NAME_WORD}(?:\s+{_NAME_WORD}){{1,4}}|(?:KT|TM|TL|Q)\.\s*[A-ZĐÀ-Ỹ ]+|"
                       r"(?:PHÓ |CHỦ |GIÁM |TRƯỞNG |CHÁNH |BÍ )[A-ZĐÀ-Ỹ ]+)\s*$")


# a line of a header or closing block typed in two columns: text, three or more spaces (or tabs), text
_TWO_COLUMNS = re.compile(r"^\s*(\S.*?\S|\S)(?:\s*\t\s*|\s{3,})(\S.*?)\s*$")


def _columns_apart(head: str) -> str:
    """A header typed in two columns with spaces ("UỶ BAN NHÂN DÂN        CỘNG HOÀ XÃ HỘI …"), as the
    left column's lines, then the right column's: each block reads as when set in a table. Only the
    first lines are looked at, and only when two or more of them hold two columns."""
    if head.lstrip().startswith("|"):
        return _table_apart(head)
    lines = head.split("\n")
    top = lines[:16]
    split = [_TWO_COLUMNS.match(ln) if ("   " in ln or "\t" in ln) else None for ln in top]
    if sum(1 for m in split if m) < 2:
        split = [_RIGHT_COLUMN.match(ln) for ln in top]   # flattened by a PDF's text layer: one space between
        if sum(1 for m in split if m) < 2:
            return head
    left = [m.group(1) if m else ln for m, ln in zip(split, top)]
    right = [m.group(2) for m in split if m]
    return "\n".join(left + [""] + right + [""] + lines[16:])


def references(text: str) -> tuple[Reference, ...]:
    out: list[Reference] = []
    seen: set[str] = set()
    for m in _REF_RE.finditer(strip_markup(text)):
        number = re.sub(r"\s+", "", m.group(2)).rstrip("-–")
        if "/" not in number or number in seen:
            continue
        seen.add(number)
        if m.group(3):
            issued = f"{int(m.group(5)):04d}-{int(m.group(4)):02d}-{int(m.group(3)):02d}"
        elif m.group(6):
            issued = f"{int(m.group(8)):04d}-{int(m.group(7)):02d}-{int(m.group(6)):02d}"
        else:
            issued = None
        out.append(Reference(number=number, kind=m.group(1), issued_on=issued))
    return tuple(out)
