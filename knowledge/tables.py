"""Task tables in directive text: Markdown pipe tables -> one row per task.

Plans ("Kế hoạch") and their appendices list tasks as a table:

    | TT | Nội dung nhiệm vụ | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian hoàn thành | Sản phẩm |
    |----|-------------------|----------------|-----------------|----------------------|----------|
    | I  | Nhiệm vụ chung    |                |                 |                      |          |
    | 1  | Rà soát ...       | Sở Nội vụ      | Các sở, ngành   | Quý II/2024          | Báo cáo  |

Every reader writes tables this way, so the same code serves .md, .docx and .pdf.
Columns are recognised by their heading, in any order and with the usual variants. A row
whose only text is a group label ("I. Nhiệm vụ chung", "II | Nhiệm vụ cụ thể") gives the
clause prefix of the rows below it. An empty lead or deadline cell continues the cell above
(a vertically merged cell, as PDF tables come out); "nt" / "như trên" repeats any cell
above. Deadlines are left as text for knowledge.dates.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from knowledge.text import LINE_BREAK, fold


@dataclass(frozen=True)
class TableRow:
    clause: str
    action: str
    leads: tuple[str, ...]
    coordinators: tuple[str, ...]
    deadline_text: str
    product: str
    start: int  # character offsets of the whole table in the text
    end: int


@dataclass(frozen=True)
class PipeTable:
    """A Markdown pipe table found in text: its cell rows (separator row dropped)."""
    rows: tuple[tuple[str, ...], ...]
    start: int
    end: int


_SEPARATOR_CELL = re.compile(r"^:?-{2,}:?$|^:?-+:?$")
_BR = LINE_BREAK

# column kinds in the order they are tried: the first match wins
_HEADINGS: list[tuple[str, re.Pattern[str]]] = [
    ("tt", re.compile(r"^(?:s\.?\s*tt|tt|so tt|so thu tu|thu tu|stt\.?|so)$")),
    ("note", re.compile(r"\bghi chu\b")),
    ("lead", re.compile(r"chu tri.*phoi hop")),  # one column "Chủ trì, phối hợp": leads first
    ("coord", re.compile(r"phoi hop")),
    ("start", re.compile(r"^bat dau$|ngay bat dau|thoi gian bat dau|^tu ngay$")),
    ("deadline", re.compile(r"thoi gian|thoi han|tien do|han hoan thanh|moc thoi gian|ngay hoan thanh|han chot|^han$|^hoan thanh$|^den ngay$")),
    ("lead", re.compile(r"chu tri|(?:don vi|co quan|bo phan|ca nhan|nguoi)\b.*\b(?:thuc hien|phu trach|chiu trach nhiem|dau moi)|^trach nhiem|^thuc hien$|^don vi$|^co quan$|phan cong")),
    ("product", re.compile(r"san pham|ket qua|hinh thuc|dau ra")),
    ("action", re.compile(r"noi dung|nhiem vu|cong viec|hoat dong|giai phap|ten (?:de an|van ban)|^viec$")),
]


def _cells(line: str) -> list[str]:
    s = line.strip()
    if s.startswith("|"):
        s = s[1:]
    if s.endswith("|") and not s.endswith("\\|"):
        s = s[:-1]
    parts = re.split(r"(?<!\\)\|", s)
    return [p.strip().replace("\\|", "|") for p in parts]


def _is_separator(cells: list[str]) -> bool:
    return bool(cells) and all(_SEPARATOR_CELL.match(c.replace(" ", "")) for c in cells if c) and any(cells)


def find_pipe_tables(text: str) -> list[PipeTable]:
    """Every block of consecutive lines starting with '|' that has at least two rows."""
    tables: list[PipeTable] = []
    lines = text.split("\n")
    offset = 0
    block: list[tuple[int, str]] = []

    def flush() -> None:
        if len(block) >= 2:
            rows = [_cells(l) for _, l in block]
            rows = [r for r in rows if not _is_separator(r)]
            if rows:
                start = block[0][0] + (len(block[0][1]) - len(block[0][1].lstrip()))
                end = block[-1][0] + len(block[-1][1].rstrip())
                tables.append(PipeTable(tuple(tuple(r) for r in rows), start, end))
        block.clear()

    bare = 0   # cells per row of a table written without outer pipes ("STT | Nội dung | …"), else 0
    for n, line in enumerate(lines):
        if line.lstrip().startswith("|") and not bare:
            block.append((offset, line))
        elif bare and line.count("|") == bare - 1:
            block.append((offset, line))
        elif "|" in line and _opens_bare_table(line, lines[n + 1] if n + 1 < len(lines) else ""):
            flush()
            bare = line.count("|") + 1
            block.append((offset, line))
        else:
            flush()
            bare = 0
        offset += len(line) + 1
    flush()
    return tables


_BARE_SEPARATOR = re.compile(r"^\s*:?-{2,}:?(?:\s*\|\s*:?-{2,}:?)+\s*$")


def _opens_bare_table(line: str, next_line: str) -> bool:
    """A heading row written without outer pipes, under it a separator row of as many cells
    (GitHub-flavoured Markdown allows both)."""
    return line.count("|") >= 2 and bool(_BARE_SEPARATOR.match(next_line)) and next_line.count("|") == line.count("|")


def classify_heading(cell: str) -> str | None:
    """'tt', 'action', 'lead', 'coord', 'deadline', 'product', 'note' or None."""
    key = fold(_BR.sub(" ", cell)).strip(" .:*()")
    key = re.sub(r"[/\\,;-]", " ", key)
    key = re.sub(r"\s+", " ", key).strip()
    if not key:
        return None
    for kind, pattern in _HEADINGS:
        if pattern.search(key):
            return kind
    return None


def _header(rows: tuple[tuple[str, ...], ...]) -> tuple[int, dict[int, str]] | None:
    """(index of the last header row, column -> kind) for a task table, else None."""
    for h in range(min(3, len(rows))):
        kinds = {i: k for i, c in enumerate(rows[h]) if (k := classify_heading(c))}
        if "action" not in kinds.values() or not ({"lead", "deadline", "coord"} & set(kinds.values())):
            continue
        last = h
        # a second header row under merged headings: "Cơ quan thực hiện" over "Chủ trì | Phối hợp"
        if h + 1 < len(rows):
            sub = {i: k for i, c in enumerate(rows[h + 1]) if (k := classify_heading(c))}
            numbered = any(re.match(r"^\(?\d+\)?$", c.strip()) for c in rows[h + 1][:1])
            if len(sub) >= 2 and not numbered and all(classify_heading(c) or not c.strip() or c.strip() == rows[h][i].strip()
                                            for i, c in enumerate(rows[h + 1]) if i < len(rows[h])):
                for i, k in sub.items():
                    kinds[i] = k
                last = h + 1
        # a row of column numbers "(1) | (2) | (3)" under the headings
        if last + 1 < len(rows) and all(re.match(r"^\(?\d+\)?$", c.strip()) or not c.strip() for c in rows[last + 1]):
            last += 1
        # one kind per column: keep the first column of each kind except units/products
        seen: set[str] = set()
        for i in sorted(kinds):
            if kinds[i] in seen and kinds[i] in ("tt", "action", "deadline"):
                del kinds[i]
            else:
                seen.add(kinds[i])
        return last, kinds
    return None


_ROMAN = re.compile(r"^(?=[IVXLC]+\b)M{0,3}(?:C[MD]|D?C{0,3})(?:X[CL]|L?X{0,3})(?:I[XV]|V?I{0,3})$")
_GROUP_LABEL = re.compile(r"^(?P<label>[IVXLC]+|[A-Z]|Phần\s+[IVXLC\d]+|PHẦN\s+[IVXLC\d]+)(?:[.):]|\s*[-–]|\s|$)\s*(?P<rest>.*)$", re.S)
_DITTO = {"nt", "-nt-", "như trên", "nhu tren", '"', "〃", "″", "”", "“", "-nt"}


def _norm_tt(tt: str) -> str:
    return re.sub(r"\s+", "", tt).rstrip(".):")


def _clean(cell: str) -> str:
    text = _BR.sub(" ", cell).replace("**", "")
    return re.sub(r"\s+", " ", text).strip()


_GROUP_CONTINUATIONS = re.compile(
    r"^(?:thị trấn|phường|thị xã|thành phố|xã|huyện|quận|tỉnh|ban|ngành|đơn vị|địa phương|đoàn thể|"
    r"hội|tổ chức|doanh nghiệp|trường|cơ sở|khu phố|thôn|bản|tổ dân phố|cơ quan)\b"
)


def split_units(cell: str) -> tuple[str, ...]:
    """'Sở Nội vụ; Sở Tài chính, UBND các xã, thị trấn' -> ('Sở Nội vụ', 'Sở Tài chính', 'UBND các xã, thị trấn')."""
    units: list[str] = []
    for part in re.split(r"<br\s*/?>|\n|;", cell, flags=re.I):
        pieces: list[str] = []
        for piece in part.split(","):
            p = piece.strip()
            if not p:
                continue
            if pieces and (_GROUP_CONTINUATIONS.match(p) or (p[:1].islower() and not re.match(r"^(?:các|những|mọi|và)\b", p))):
                pieces[-1] = f"{pieces[-1]}, {p}"
            else:
                pieces.append(p)
        for p in pieces:
            p = re.sub(r"^(?:[-–+•*]|\d+[.)])\s*", "", p.replace("**", "")).strip(" .;:")
            p = re.sub(r"^(?:và|cùng)\s+", "", p)
            if p and fold(p) not in ("", "-", "x"):
                units.append(re.sub(r"\s+", " ", p))
    return tuple(units)


def _group_row(cells: list[str], kinds: dict[int, str], next_cells: list[str] | None) -> str | None:
    """The group label of a row like 'I | Nhiệm vụ chung | | |' or 'I. NHIỆM VỤ CHUNG'.

    None for a task row; "" for an unlabelled heading row (skipped, group unchanged).
    """
    filled = [c for c in cells if c.strip()]
    distinct = {c.strip() for c in filled}
    by_kind = {k: cells[i].strip() for i, k in kinds.items() if i < len(cells)}
    unit_like = any(by_kind.get(k) for k in ("lead", "coord", "deadline", "product"))
    tt = _norm_tt(_clean(by_kind.get("tt", "")))
    if tt and not unit_like and (_ROMAN.match(tt) or re.match(r"^[A-Z]$", tt)):
        return tt
    if len(distinct) == 1:
        only = _clean(next(iter(distinct)))
        m = _GROUP_LABEL.match(only)
        if m and (_ROMAN.match(m.group("label")) or m.group("label").lower().startswith("phần") or len(m.group("label")) == 1):
            return re.sub(r"\s+", "", m.group("label"))
        letters = [c for c in only if c.isalpha()]
        if not tt and not unit_like and letters and all(c.isupper() for c in letters) and len(letters) > 3:
            return ""
    # "1 | Cải cách thể chế | | |" followed by "1.1 | ..." is a heading for its sub-rows
    if tt and not unit_like and next_cells is not None:
        next_tt = _norm_tt(_clean(next((next_cells[i] for i, k in kinds.items() if k == "tt" and i < len(next_cells)), "")))
        if next_tt.startswith(tt + ".") or (re.match(r"^\d+$", tt) and re.match(r"^[a-zđ]$", next_tt)):
            return tt
    return None


def _split_combined(value: str) -> tuple[str, str]:
    """'Chủ trì: Sở Nội vụ; phối hợp: các sở' -> ('Sở Nội vụ', 'các sở')."""
    m = re.search(r"(?i)\bph[ốo]i\s+h[ợo]p\s*(?:v[ớo]i)?\s*:", value)
    if not m:
        return re.sub(r"(?i)^\s*ch[ủu]\s+tr[ìi]\s*:\s*", "", value), ""
    lead = re.sub(r"(?i)^\s*ch[ủu]\s+tr[ìi]\s*:\s*", "", value[:m.start()]).strip(" ;,.-")
    return lead, value[m.end():].strip()


def _table_rows(table: PipeTable) -> list[TableRow]:
    found = _header(table.rows)
    if not found:
        return []
    last_header, kinds = found
    col = {}
    for i, k in kinds.items():
        col.setdefault(k, []).append(i)
    ncols = max(len(r) for r in table.rows)
    out: list[TableRow] = []
    group = sub = ""
    prev: dict[str, str] = {}
    counter = 0
    body = [list(r) + [""] * (ncols - len(r)) for r in table.rows[last_header + 1:]]
    body = [r for r in body if any(c.strip() for c in r)]
    for n, cells in enumerate(body):
        label = _group_row(cells, kinds, body[n + 1] if n + 1 < len(body) else None)
        if label == "":
            continue
        if label is not None:
            if re.match(r"^\d", label):
                sub = label  # an arabic heading inside the current group
            else:
                group, sub = label, ""
            prev = {}
            counter = 0
            continue

        def get(kind: str) -> str:
            return " <br> ".join(cells[i] for i in col.get(kind, []) if i < len(cells) and cells[i].strip())

        action = _clean(get("action"))
        if not action:
            continue
        values: dict[str, str] = {}
        for kind in ("lead", "coord", "deadline", "product"):
            v = get(kind).strip()
            # "nt" / "như trên" repeat the cell above; an empty lead or deadline is a merged cell
            if fold(_clean(v)) in _DITTO or (not v and kind in ("lead", "deadline") and kind in prev):
                v = prev.get(kind, "")
            values[kind] = v
        if values["lead"] and not values["coord"] and re.search(r"(?i)ph[ốo]i\s+h[ợo]p\s*(?:v[ớo]i)?\s*:", values["lead"]):
            values["lead"], values["coord"] = _split_combined(values["lead"])
        elif re.match(r"(?i)^\s*ch[ủu]\s+tr[ìi]\s*:", values["lead"]):
            values["lead"] = _split_combined(values["lead"])[0]
        prev = {k: v for k, v in values.items() if v}
        counter += 1
        tt = _norm_tt(_clean(get("tt"))) if "tt" in col else ""
        number = tt or str(counter)
        if sub and not number.startswith(sub + "."):
            number = f"{sub}.{number}"
        clause = f"{group}.{number}" if group else number
        out.append(TableRow(
            clause=clause,
            action=action,
            leads=split_units(values["lead"]),
            coordinators=split_units(values["coord"]),
            deadline_text=_clean(values["deadline"]),
            product=_clean(values["product"]),
            start=table.start,
            end=table.end,
        ))
    return out


def find_task_tables(text: str) -> list[TableRow]:
    """One TableRow per task row of every task table in the text, in order."""
    rows: list[TableRow] = []
    for table in find_pipe_tables(text):
        rows.extend(_table_rows(table))
    return rows
