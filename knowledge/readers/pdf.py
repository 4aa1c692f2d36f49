"""PDF (with a text layer) -> directive text laid out like the sample Markdown directives.

pypdf gives every piece of text with its position, font and size. From those:

- lines are rebuilt by baseline, in reading order; a two-column block (the header
  "ỦY BAN NHÂN DÂN … | CỘNG HÒA …", the signature block) is read column by column;
- ruled tables (cell borders drawn as lines or rectangles) become Markdown pipe tables,
  a table continued on the next page is joined and a repeated heading row dropped;
- repeated page headers/footers and page numbers ("3", "- 3 -", "Trang 3/5") are removed;
- lines are re-flowed into paragraphs: a paragraph breaks on a vertical gap, a first-line
  indent, a new numbered item ("1.", "II.", "a)", "- "), a change of size or of boldness;
  a wrapped paragraph becomes one line (short stacked lines such as "V/v …" keep their
  line breaks), a paragraph running over a page break is joined, hyphenation is repaired;
- bold fonts give ``**bold**`` spans like the Markdown samples; raised small digits become
  footnote marks "¹";
- text in TCVN3/VNI fonts (".VnTime", "VNI-Times") is converted to Unicode.

A PDF without a text layer (a scan) raises UnreadableDocument(name, "needs_ocr").
"""
from __future__ import annotations

import logging
import math
import re
import statistics
from dataclasses import dataclass
from pathlib import Path

from knowledge import legacy
from knowledge.errors import UnreadableDocument
from knowledge.readers.docx import Piece, _render, superscript
from knowledge.text import PAGE_NUMBER, nfc

# ----------------------------------------------------------------- structures


@dataclass
class Frag:
    x: float
    y: float
    size: float
    bold: bool
    text: str
    font: str = ""

    @property
    def end(self) -> float:
        return self.x + text_width(self.text, self.size)


@dataclass
class Line:
    page: int
    y: float
    x: float
    size: float
    frags: list[Frag]
    column: int = 0  # 0 = full width / left column, 1 = right column of a two-column block
    footnote: bool = False
    stacked: bool = False  # part of a two-column block: its lines are kept as lines
    group: tuple = ()  # (zone, band, column) of a stacked line

    @property
    def text(self) -> str:
        return re.sub(r"\s+", " ", "".join(f.text for f in self.frags)).strip()

    @property
    def end(self) -> float:
        return max(f.end for f in self.frags)

    @property
    def bold(self) -> bool:
        letters = [f for f in self.frags if f.text.strip()]
        return bool(letters) and all(f.bold for f in letters)


@dataclass
class Table:
    page: int
    top: float
    bottom: float
    x0: float
    x1: float
    cols: list[float]
    rows: list[list[str]]


# -------------------------------------------------------------- measurements
_WIDE = set("MWmwĐ@%")


def text_width(text: str, size: float) -> float:
    """Rough advance width of text (no font metrics needed for what it is used for)."""
    width = 0.0
    for ch in text:
        if ch == " ":
            width += 0.28
        elif ch in _WIDE:
            width += 0.85
        elif ch.isupper():
            width += 0.68
        elif ch.isdigit():
            width += 0.52
        elif ch.isalpha():
            width += 0.5
        else:
            width += 0.33
    return width * size


_BOLD_NAME = re.compile(r"bold|black|heavy|semibold|demibold|,b$|-b$|\bbd\b|extrabold", re.I)


def _font_info(font_dict) -> tuple[str, bool]:
    """(base font name, is bold) of a pypdf font dictionary."""
    if not font_dict:
        return "", False
    try:
        name = str(font_dict.get("/BaseFont", "") or "")
    except Exception:  # pragma: no cover - a broken font dict
        return "", False
    bold = bool(_BOLD_NAME.search(name.split("+", 1)[-1]))
    if not bold:
        try:
            desc = font_dict.get("/FontDescriptor")
            if desc is None and "/DescendantFonts" in font_dict:
                desc = font_dict["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            if desc is not None:
                desc = desc.get_object()
                weight = float(desc.get("/FontWeight", 0) or 0)
                flags = int(desc.get("/Flags", 0) or 0)
                bold = weight >= 600 or bool(flags & (1 << 18))
        except Exception:
            pass
    return name, bold


def _mul(tm, cm) -> tuple[float, float, float]:
    """Origin (x, y) and vertical scale of the text matrix tm in the page space of cm."""
    x, y = float(tm[4]), float(tm[5])
    px = float(cm[0]) * x + float(cm[2]) * y + float(cm[4])
    py = float(cm[1]) * x + float(cm[3]) * y + float(cm[5])
    scale = math.hypot(float(tm[2]), float(tm[3])) * math.hypot(float(cm[2]), float(cm[3]))
    return px, py, scale or 1.0


# ------------------------------------------------------------------ extraction
@dataclass
class _Page:
    number: int
    width: float
    height: float
    frags: list[Frag]
    hlines: list[tuple[float, float, float]]  # (y, x0, x1)
    vlines: list[tuple[float, float, float]]  # (x, y0, y1)


def _extract_page(page, number: int) -> _Page:
    frags: list[Frag] = []
    hlines: list[tuple[float, float, float]] = []
    vlines: list[tuple[float, float, float]] = []
    path: list[tuple[tuple[float, float], tuple[float, float]]] = []
    current: list[tuple[float, float] | None] = [None, None]  # current point, subpath start

    def pt(cm, x, y) -> tuple[float, float]:
        return (float(cm[0]) * x + float(cm[2]) * y + float(cm[4]), float(cm[1]) * x + float(cm[3]) * y + float(cm[5]))

    def on_text(text, cm, tm, font_dict, font_size) -> None:
        if not text or not text.strip("\n"):
            return
        x, y, scale = _mul(tm, cm)
        name, bold = _font_info(font_dict)
        size = float(font_size or 0) * scale or 10.0
        for k, part in enumerate(text.split("\n")):
            if part.strip():
                frags.append(Frag(x, y - k * size * 1.2, round(size, 2), bold, part, name))

    def on_op(op, args, cm, tm) -> None:
        try:
            if op == b"re" and len(args) == 4:
                x, y, wd, ht = (float(a) for a in args)
                a, b = pt(cm, x, y), pt(cm, x + wd, y + ht)
                x0, x1 = sorted((a[0], b[0]))
                y0, y1 = sorted((a[1], b[1]))
                if x1 - x0 < 2.5 and y1 - y0 > 4:
                    vlines.append(((x0 + x1) / 2, y0, y1))
                elif y1 - y0 < 2.5 and x1 - x0 > 4:
                    hlines.append(((y0 + y1) / 2, x0, x1))
                elif x1 - x0 >= 2.5 and y1 - y0 >= 2.5:
                    path.extend([((x0, y0), (x1, y0)), ((x0, y1), (x1, y1)), ((x0, y0), (x0, y1)), ((x1, y0), (x1, y1))])
            elif op == b"m" and len(args) == 2:
                current[0] = current[1] = pt(cm, float(args[0]), float(args[1]))
            elif op == b"l" and len(args) == 2 and current[0] is not None:
                p = pt(cm, float(args[0]), float(args[1]))
                path.append((current[0], p))
                current[0] = p
            elif op == b"h" and current[0] is not None and current[1] is not None:
                path.append((current[0], current[1]))
            elif op in (b"S", b"s", b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*"):
                for (ax, ay), (bx, by) in path:
                    if abs(ay - by) < 1.0 and abs(ax - bx) > 4:
                        hlines.append(((ay + by) / 2, min(ax, bx), max(ax, bx)))
                    elif abs(ax - bx) < 1.0 and abs(ay - by) > 4:
                        vlines.append(((ax + bx) / 2, min(ay, by), max(ay, by)))
                path.clear()
                current[0] = current[1] = None
            elif op == b"n":
                path.clear()
                current[0] = current[1] = None
        except (TypeError, ValueError):
            pass

    try:
        page.extract_text(visitor_text=on_text, visitor_operand_before=on_op)
    except Exception as exc:  # a broken content stream: keep what was read
        logging.getLogger(__name__).warning("page %s: %s", number + 1, exc)
    box = page.mediabox
    return _Page(number, float(box.width), float(box.height), frags, hlines, vlines)


# ---------------------------------------------------------------------- tables
def _cluster(values: list[float], tol: float) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if out and v - out[-1] <= tol:
            continue
        out.append(v)
    return out


def _find_tables(page: _Page) -> list[tuple[float, float, float, float, list[float], list[float]]]:
    """Ruled tables of a page: (x0, y0, x1, y1, column edges, row edges top-down)."""
    edges = [("h", y, a, b) for y, a, b in page.hlines] + [("v", x, a, b) for x, a, b in page.vlines]
    if not edges:
        return []
    parent = list(range(len(edges)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    tol = 2.5
    hs = [i for i, e in enumerate(edges) if e[0] == "h"]
    vs = [i for i, e in enumerate(edges) if e[0] == "v"]
    for i in hs:
        _, y, x0, x1 = edges[i]
        for j in vs:
            _, x, y0, y1 = edges[j]
            if x0 - tol <= x <= x1 + tol and y0 - tol <= y <= y1 + tol:
                parent[find(i)] = find(j)
    groups: dict[int, list[int]] = {}
    for i in range(len(edges)):
        groups.setdefault(find(i), []).append(i)
    tables = []
    for members in groups.values():
        xs = _cluster([edges[i][1] for i in members if edges[i][0] == "v"], 2.0)
        ys = _cluster([edges[i][1] for i in members if edges[i][0] == "h"], 2.0)
        if len(xs) < 3 or len(ys) < 2:
            continue  # one column or one rule: a box or an underline, not a table
        x0, x1 = min(xs), max(xs)
        y0, y1 = min(ys), max(ys)
        tables.append((x0, y0, x1, y1, xs, sorted(ys, reverse=True)))
    return tables


def _cell_text(frags: list[Frag]) -> str:
    lines = _group_lines(frags, page=0)
    out = ""
    for line in lines:
        text = line.text
        if not text:
            continue
        if not out:
            out = text
        elif re.match(r"^[-–+•]\s", text):
            out += "<br>" + text
        else:
            out = _join(out, text, " ")
    return out.replace("|", "\\|")


def _take_tables(page: _Page) -> tuple[list[Table], list[Frag]]:
    tables: list[Table] = []
    rest = list(page.frags)
    for x0, y0, x1, y1, xs, ys in _find_tables(page):
        inside = [f for f in rest if x0 - 1 <= f.x + 0.5 <= x1 + 1 and y0 - 1 <= f.y <= y1 + 1]
        if not inside:
            continue
        taken = {id(f) for f in inside}
        rest = [f for f in rest if id(f) not in taken]
        grid: list[list[list[Frag]]] = [[[] for _ in range(len(xs) - 1)] for _ in range(len(ys) - 1)]
        for f in inside:
            col = max(0, min(len(xs) - 2, next((i for i in range(len(xs) - 1) if f.x + 1.0 < xs[i + 1]), len(xs) - 2)))
            row = max(0, min(len(ys) - 2, next((j for j in range(len(ys) - 1) if f.y > ys[j + 1]), len(ys) - 2)))
            grid[row][col].append(f)
        rows = [[_cell_text(cell) for cell in row] for row in grid]
        rows = [r for r in rows if any(c.strip() for c in r)]
        # columns that never hold text (spacer columns) are dropped
        keep = [i for i in range(len(xs) - 1) if any(r[i].strip() for r in rows)]
        rows = [[r[i] for i in keep] for r in rows]
        if rows and keep:
            tables.append(Table(page.number, y1, y0, x0, x1, [xs[i] for i in keep], rows))
    return tables, rest


# ----------------------------------------------------------------------- lines
def _group_lines(frags: list[Frag], page: int) -> list[Line]:
    """Fragments -> lines by baseline, top to bottom; superscript digits become ¹²³.

    Fragments are taken in content order so that the chunks of one line keep their order
    even when their baselines differ by a hair.
    """
    lines: list[Line] = []
    for f in frags:
        target = None
        for line in reversed(lines):
            size = max(line.size, f.size)
            if abs(line.y - f.y) <= 0.45 * size or (f.size < 0.85 * line.size and 0 < f.y - line.y <= 0.6 * line.size):
                target = line
                break
        if target is None:
            lines.append(Line(page, f.y, f.x, f.size, [f]))
        else:
            target.frags.append(f)
            if f.size > target.size:
                target.size, target.y = f.size, f.y
    lines.sort(key=lambda l: -l.y)
    for line in lines:
        frags_sorted = _order_frags(line.frags)
        for f in frags_sorted:
            if f.size < 0.85 * line.size and f.y > line.y + 0.15 * line.size and f.text.strip().isdigit():
                f.text = superscript(f.text.strip())
        line.frags = frags_sorted
        line.x = min(f.x for f in line.frags)
    return lines


def _order_frags(frags: list[Frag]) -> list[Frag]:
    """Fragments of one line in reading order.

    pypdf reports the position of a chunk where its text object started, so chunks that
    follow a font change may share the x of the line start: keep content order for those
    and sort only chunks that are clearly placed elsewhere.
    """
    segments: list[list[Frag]] = []
    for f in frags:
        if segments:
            seg = segments[-1]
            start = seg[0].x
            if f.x >= start - 1 and f.x <= max(g.end for g in seg) + 3 * f.size:
                seg.append(f)
                continue
        segments.append([f])
    segments.sort(key=lambda s: s[0].x)
    return [f for seg in segments for f in seg]


def _split_columns(line: Line) -> list[Line] | None:
    """A line holding two columns of text far apart -> [left part, right part]."""
    frags = line.frags
    for i in range(1, len(frags)):
        left_end = max(f.end for f in frags[:i])
        if frags[i].x - left_end > 3.0 * line.size and frags[i].x > frags[0].x + 6 * line.size:
            left, right = frags[:i], frags[i:]
            return [Line(line.page, line.y, left[0].x, line.size, left, 0),
                    Line(line.page, line.y, right[0].x, line.size, right, 1)]
    return None


def _column_splits(lines: list[Line], pitch: float) -> list[list[Line] | None]:
    """Two-column lines of a page. A split needs a very wide gap or a neighbour line (within
    a few lines) with text starting at the same x: a bold run followed by normal text, whose
    width is only estimated, must not pass for a second column."""
    candidates = [_split_columns(l) for l in lines]
    out: list[list[Line] | None] = []
    for k, parts in enumerate(candidates):
        if parts is None:
            out.append(None)
            continue
        left, right = parts
        wide = right.x - left.end > 8 * lines[k].size
        support = False
        for j in range(max(0, k - 3), min(len(lines), k + 4)):
            if j == k or abs(lines[j].y - lines[k].y) > 3 * pitch:
                continue
            xs = [f.x for f in lines[j].frags] + [lines[j].x]
            if any(abs(x - right.x) <= 3 for x in xs):
                support = True
                break
        out.append(parts if wide or support else None)
    return out


# ------------------------------------------------------------ headers/footers
_PAGE_NUMBER = PAGE_NUMBER


def _furniture_key(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", " ", text.strip().lower()))


def _remove_furniture(pages: list[list[Line]], heights: list[float]) -> None:
    """Drop page numbers and lines repeated at the top or bottom of most pages (in place)."""
    candidates: list[list[tuple[int, str]]] = []
    counts: dict[str, set[int]] = {}
    for n, lines in enumerate(pages):
        height = heights[n]
        picks = []
        ordered = sorted(range(len(lines)), key=lambda i: -lines[i].y)
        for i in ordered[:2] + ordered[-2:]:
            line = lines[i]
            if line.y > height * 0.86 or line.y < height * 0.14:
                key = _furniture_key(line.text)
                picks.append((i, key))
                counts.setdefault(key, set()).add(n)
        candidates.append(picks)
    many = max(2, (len(pages) + 1) // 2)
    for n, lines in enumerate(pages):
        drop = set()
        for i, key in candidates[n]:
            if _PAGE_NUMBER.match(lines[i].text) or (len(pages) >= 2 and len(counts.get(key, ())) >= many):
                drop.add(i)
        pages[n] = [line for i, line in enumerate(lines) if i not in drop]


# --------------------------------------------------------------- paragraphs
_MARKER = re.compile(
    r"^(?:\d{1,2}(?:\.\d{1,2})*[.)](?=\s)|[IVXLC]{1,6}[.)](?=\s)|[a-zđ][.)](?=\s)|[-–+•*]\s|\(\d{1,2}\)\s|"
    r"(?:Điều|Chương|Mục|Phần)\s+[\dIVXLC]+|[¹²³⁴⁵⁶⁷⁸⁹⁰]+\s?)"
)
_END_SENTENCE = re.compile(r"[.:;!?…)\]”\"]$|\./\.$")


def _glue(left: str, right: str, sep: str) -> tuple[int, str]:
    """How to join two wrapped lines: (characters to drop from the end of left, separator).

    "infor-" + "mation" drops the hyphen of a word cut by hyphenation; "NĐ-" + "CP",
    "VNPT-" + "iGATE", "2021-" + "2025" keep it (a compound cut at its own hyphen).
    """
    if left.endswith("\u00ad"):
        return 1, ""
    m = re.search(r"(\w)-$", left)
    if m and right[:1].isalnum():
        before, after = m.group(1), right[:1]
        if before.isascii() and before.islower() and after.isascii() and after.islower():
            return 1, ""
        return 0, ""
    return 0, sep


def _join(left: str, right: str, sep: str) -> str:
    drop, glue = _glue(left, right, sep)
    return left[: len(left) - drop] + glue + right


class _Layout:
    """Statistics of the document used to judge lines: margins, pitch, body size."""

    def __init__(self, lines: list[Line]) -> None:
        body = [l for l in lines if l.column == 0] or lines
        sizes = [round(l.size) for l in body if l.text]
        self.size = statistics.mode(sizes) if sizes else 12.0
        xs = [round(l.x) for l in body if abs(l.size - self.size) < 1]
        self.left = statistics.mode(xs) if xs else 0.0
        ends = sorted(l.end for l in body if abs(l.size - self.size) < 1)
        self.right = ends[int(len(ends) * 0.9)] if ends else self.left + 400
        gaps = []
        for a, b in zip(body, body[1:]):
            if a.page == b.page and a.column == b.column:
                dy = a.y - b.y
                if 0.9 * a.size <= dy <= 2.2 * a.size:
                    gaps.append(dy)
        self.pitch = statistics.median(gaps) if gaps else self.size * 1.3

    def full(self, line: Line) -> bool:
        return line.end >= self.right - 0.25 * max(self.right - self.left, 1)

    def short(self, line: Line) -> bool:
        return line.end < self.right - 0.3 * max(self.right - self.left, 1)


def _relation(prev: Line, cur: Line, layout: _Layout, same_page: bool) -> str:
    """How `cur` follows `prev`: 'para' (new paragraph), 'line' (new line, same block), 'join'."""
    ptext, ctext = prev.text, cur.text
    ends = bool(_END_SENTENCE.search(ptext))
    marker = bool(_MARKER.match(ctext))
    if abs(prev.size - cur.size) > 0.15 * max(prev.size, cur.size):
        return "para"
    if prev.stacked or cur.stacked:
        # a column of a two-column block ("Nơi nhận:" and its list, "TM. …" and "CHỦ TỊCH")
        if prev.group == cur.group and same_page and prev.y - cur.y <= layout.pitch * 1.28:
            return "line"
        return "para"
    if prev.bold != cur.bold and (prev.bold or cur.bold):
        # a bold heading line and the text under it; a bold run that wraps stays together
        if not (prev.bold and not ends and layout.full(prev) and not marker):
            return "para"
    if same_page:
        dy = prev.y - cur.y
        if dy > layout.pitch * 1.28 or dy < -layout.size:
            return "para"
        if marker and (ends or layout.short(prev)):
            return "line"  # list items without spacing stay one block, one item a line
        if cur.x > prev.x + 0.8 * cur.size and (ends or layout.short(prev)):
            return "para"
        return "join"
    # across a page break: continue only a paragraph that visibly runs on
    if marker or ends:
        return "para"
    starts_lower = ctext[:1].islower()
    return "join" if (starts_lower or layout.full(prev)) else "para"


def _breaks(prev: Line, cur: Line, layout: _Layout, same_page: bool) -> bool:
    return _relation(prev, cur, layout, same_page) == "para"


def _paragraph_pieces(lines: list[Line], layout: _Layout) -> list[Piece]:
    pieces: list[Piece] = []
    prev: Line | None = None
    for line in lines:
        frag_pieces = [Piece(f.text, f.bold) for f in line.frags]
        if prev is not None:
            relation = _relation(prev, line, layout, prev.page == line.page)
            if relation == "line" or prev.stacked or layout.short(prev) and prev.page == line.page:
                sep = "\n"
            else:
                sep = " "
            drop, glue = _glue("".join(p.text for p in pieces).rstrip(), line.text, sep)
            for p in reversed(pieces):  # trim the previous line's end (and its hyphen if dropped)
                if p.text.strip():
                    p.text = p.text.rstrip()
                    p.text = p.text[: len(p.text) - drop]
                    break
            pieces.append(Piece(glue, False))
            if frag_pieces:
                frag_pieces[0].text = frag_pieces[0].text.lstrip()
        pieces.extend(frag_pieces)
        prev = line
    return pieces


def _paragraphs(lines: list[Line], layout: _Layout) -> list[str]:
    out: list[str] = []
    current: list[Line] = []
    for line in lines:
        if current and _breaks(current[-1], line, layout, current[-1].page == line.page):
            out.append(_render(_paragraph_pieces(current, layout)))
            current = []
        current.append(line)
    if current:
        out.append(_render(_paragraph_pieces(current, layout)))
    return [p for p in out if p.strip()]


# ------------------------------------------------------------ two columns
def _column_zones(lines: list[Line], layout: _Layout) -> list[Line]:
    """Split two-column lines and order each two-column zone column by column.

    A zone runs from a line holding two columns to the last such line below it (lines in
    between must fit in one column), then on with right-column lines ("Độc lập - Tự do…"
    under "CỘNG HÒA…" when the left column is shorter).
    """
    split = _column_splits(lines, layout.pitch)
    out: list[Line] = []
    i = 0
    while i < len(lines):
        if split[i] is None:
            out.append(lines[i])
            i += 1
            continue
        boundary = split[i][1].x

        def side(line: Line) -> int | None:
            if line.x >= boundary - 2 * line.size:
                return 1
            if line.end <= boundary - line.size:
                return 0
            return None

        last = i
        j = i + 1
        while j < len(lines):
            line = lines[j]
            if line.page != lines[j - 1].page or lines[j - 1].y - line.y > 2.5 * layout.pitch:
                break
            if split[j] is None and side(line) is None:
                break
            if split[j] is not None:
                last = j
            j += 1
        j = last + 1
        while j < len(lines) and split[j] is None and side(lines[j]) is not None and lines[j].page == lines[j - 1].page \
                and lines[j - 1].y - lines[j].y <= 1.3 * layout.pitch:
            j += 1
        zone: list[Line] = []
        for k in range(i, j):
            if split[k] is not None:
                zone.extend(split[k])
            else:
                line = lines[k]
                zone.append(Line(line.page, line.y, line.x, line.size, line.frags, side(line) or 0))
        # bands separated by a gap in both columns, each read left column then right column
        ys = sorted({l.y for l in zone}, reverse=True)
        bands: list[list[float]] = []
        for y in ys:
            if bands and bands[-1][-1] - y <= 1.6 * layout.pitch:
                bands[-1].append(y)
            else:
                bands.append([y])
        for b, band in enumerate(bands):
            members = [l for l in zone if band[-1] <= l.y <= band[0]]
            for col in (0, 1):
                for l in (m for m in members if m.column == col):
                    l.column = 0
                    l.stacked = True
                    l.group = (i, b, col)
                    out.append(l)
        i = j
    return out


# ---------------------------------------------------------------- document
def _tables_to_markdown(table: Table) -> str:
    ncols = max(len(r) for r in table.rows)
    lines = []
    for i, row in enumerate(table.rows):
        row = row + [""] * (ncols - len(row))
        lines.append("| " + " | ".join(row) + " |")
        if i == 0:
            lines.append("|" + "|".join(" --- " for _ in range(ncols)) + "|")
    return "\n".join(lines)


def _convert_fonts(frags: list[Frag]) -> None:
    for f in frags:
        kind = legacy.font_encoding(f.font)
        if kind:
            f.text = legacy.convert_for_font(f.text, f.font)


def read(path: Path) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(str(path), strict=False)
        if reader.is_encrypted:
            try:
                reader.decrypt("")
            except Exception as exc:
                raise UnreadableDocument(path.name, "undecodable", "PDF có mật khẩu: hãy gỡ mật khẩu rồi gửi lại.") from exc
        pdf_pages = list(reader.pages)
    except UnreadableDocument:
        raise
    except (PdfReadError, OSError, ValueError, KeyError, TypeError) as exc:
        raise UnreadableDocument(path.name, "undecodable", f"Không đọc được tệp PDF: {exc}") from exc
    if not pdf_pages:
        raise UnreadableDocument(path.name, "empty")

    pages = [_extract_page(p, n) for n, p in enumerate(pdf_pages)]
    if sum(len(f.text.strip()) for pg in pages for f in pg.frags) < 3:
        raise UnreadableDocument(path.name, "needs_ocr", "PDF là ảnh quét, không có lớp chữ: cần nhận dạng (OCR) trước.")

    page_lines: list[list[Line]] = []
    page_tables: list[list[Table]] = []
    for pg in pages:
        _convert_fonts(pg.frags)
        tables, rest = _take_tables(pg)
        page_tables.append(tables)
        page_lines.append(_group_lines(rest, pg.number))
    _remove_furniture(page_lines, [pg.height for pg in pages])
    body_chars = sum(len(l.text) for lines in page_lines for l in lines)
    body_chars += sum(len(c) for tables in page_tables for t in tables for r in t.rows for c in r)
    if body_chars < 20:  # a scan with a stamped page number or a few stray glyphs
        raise UnreadableDocument(path.name, "needs_ocr", "PDF là ảnh quét, không có lớp chữ: cần nhận dạng (OCR) trước.")

    all_lines = [l for lines in page_lines for l in lines]
    layout = _Layout(all_lines)
    for n, lines in enumerate(page_lines):
        page_lines[n] = _column_zones(lines, layout)
    # footnotes: small lines at the bottom of a page, after a gap
    for lines in page_lines:
        body = [l for l in lines if abs(l.size - layout.size) < 1]
        if not body:
            continue
        lowest_body = min(l.y for l in body)
        for l in lines:
            if l.size < 0.9 * layout.size and l.y < lowest_body:
                l.footnote = True

    # one stream in reading order: body lines, tables, and each page's footnote lines
    stream: list[object] = []
    for n, lines in enumerate(page_lines):
        tables = sorted(page_tables[n], key=lambda t: -t.top)
        for line in (l for l in lines if not l.footnote):
            while tables and tables[0].top > line.y:
                stream.append(tables.pop(0))
            stream.append(line)
        stream.extend(tables)
        footnotes = [l for l in lines if l.footnote]
        if footnotes:
            stream.append(footnotes)

    out: list[str] = []
    pending: list[str] = []  # footnotes wait until the paragraph open at the page break ends
    current: list[Line] = []
    last_table: Table | None = None

    def close() -> None:
        nonlocal current
        if current:
            out.extend(_paragraphs(current, layout))
            current = []
        out.extend(pending)
        pending.clear()

    for item in stream:
        if isinstance(item, list):
            pending.extend(_paragraphs(item, layout))
        elif isinstance(item, Table):
            # a table continued from the previous page, its heading row maybe repeated
            if (last_table is not None and not current and item.page == last_table.page + 1
                    and len(item.rows[0]) == len(last_table.rows[0]) and out and out[-1].startswith("|")):
                rows = item.rows[1:] if item.rows[0] == last_table.rows[0] else item.rows
                last_table.rows.extend(rows)
                last_table.page = item.page
                out[-1] = _tables_to_markdown(last_table)
                continue
            close()
            out.append(_tables_to_markdown(item))
            last_table = item
        else:
            line = item
            if current and _breaks(current[-1], line, layout, current[-1].page == line.page):
                close()
            current.append(line)
            last_table = None
    close()
    text = "\n\n".join(p.strip() for p in out if p.strip())
    return nfc(legacy.fix_text(text))
