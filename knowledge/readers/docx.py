"""Word .docx -> directive text laid out like the sample Markdown directives.

Walks the body XML in document order: paragraphs and tables interleaved, content
controls, insertions and hyperlinks followed, deletions and field instructions dropped.

- a paragraph whose text is all bold becomes ``**text**``; bold spans inside a paragraph
  are kept the same way (bold comes from the run, its character style, the paragraph
  style or the document defaults);
- automatic list numbering is written out ("1.", "a)", "II.", bullets as "- ");
- layout tables (the two-column header block "ỦY BAN NHÂN DÂN … | CỘNG HÒA …", the
  signature block) become plain paragraphs, cell by cell; other tables become Markdown
  pipe tables, horizontally merged cells written once, vertically merged cells repeated
  on every row they cover (each task row then carries its own lead and deadline);
- footnotes (word/footnotes.xml, read from the part XML) are marked "¹" where they are
  referenced and written as "¹ text" paragraphs after the block that references them;
  endnotes at the end;
- page headers are kept at the top and footers at the end unless they hold nothing but
  page numbers;
- runs in TCVN3 (".VnTime", ".VnTimeH") and VNI ("VNI-Times") fonts are converted to
  Unicode; any remaining legacy garbage is caught by knowledge.legacy.fix_text.
"""
from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from lxml import etree

from knowledge import legacy
from knowledge.errors import UnreadableDocument
from knowledge.tables import classify_heading
from knowledge.text import fold, nfc

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
RT_FOOTNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
RT_ENDNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/endnotes"


def w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


def _val(el: etree._Element | None, attr: str = "val") -> str | None:
    if el is None:
        return None
    return el.get(w(attr))


def _on(el: etree._Element | None) -> bool | None:
    """A toggle property (<w:b/>, <w:b w:val="0"/>): True, False, or None when absent."""
    if el is None:
        return None
    return (_val(el) or "true").lower() not in ("0", "false", "off", "none")


_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def superscript(n: int | str) -> str:
    return str(n).translate(_SUPERSCRIPT)


@dataclass
class Piece:
    text: str
    bold: bool = False
    font: str | None = None


@dataclass
class _Numbering:
    nums: dict[str, tuple[str, dict[int, int]]] = field(default_factory=dict)  # numId -> (abstractId, start overrides)
    levels: dict[tuple[str, int], tuple[int, str, str]] = field(default_factory=dict)  # (abstractId, ilvl) -> (start, fmt, text)
    counters: dict[str, dict[int, int]] = field(default_factory=dict)
    started: set[str] = field(default_factory=set)


_ROMAN_VALUES = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                 (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]


def _roman(n: int) -> str:
    out = ""
    for value, letters in _ROMAN_VALUES:
        while n >= value:
            out += letters
            n -= value
    return out


def _letter(n: int) -> str:
    letters = "abcdefghijklmnopqrstuvwxyz"
    return letters[(n - 1) % 26] * ((n - 1) // 26 + 1) if n > 0 else ""


def _format_number(n: int, fmt: str) -> str:
    if fmt in ("lowerLetter",):
        return _letter(n)
    if fmt in ("upperLetter",):
        return _letter(n).upper()
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "none":
        return ""
    return str(n)


_LAYOUT_WORDS = ("cong hoa xa hoi chu nghia", "doc lap", "so:", "noi nhan", "tm.", "kt.", "tl.", "chu tich",
                 "uy ban nhan dan", "ubnd", "v/v", "kinh gui", "hanh phuc", "giam doc", "ngay", "thang")
_PAGE_ONLY = re.compile(r"^(?:trang|page|tờ|-|–|/|of|trên|\d+|\s|\.)*$", re.I)
_DATE_LINE = re.compile(r"(?i)ngày\s.*tháng|^\s*\*?\*?(?:cộng hòa|cộng hoà|độc lập)|^\s*\*?\*?số\s*:")


class _DocxReader:
    def __init__(self, path: Path) -> None:
        from docx import Document  # python-docx

        self.path = path
        try:
            self.doc = Document(str(path))
        except Exception as exc:  # BadZipFile, KeyError, PackageNotFoundError, XMLSyntaxError ...
            head = path.read_bytes()[:8] if path.exists() else b""
            if head.startswith(b"\xd0\xcf\x11\xe0"):
                raise UnreadableDocument(path.name, "legacy_doc", "Đây là tệp Word cũ (.doc): hãy mở bằng Word và lưu lại dạng .docx.") from exc
            if not zipfile.is_zipfile(path):
                raise UnreadableDocument(path.name, "binary", "Tệp không phải .docx hợp lệ.") from exc
            raise UnreadableDocument(path.name, "undecodable", f"Không đọc được tệp .docx: {exc}") from exc
        self.styles = self._load_styles()
        self.numbering = self._load_numbering()
        self.footnotes = self._load_notes(RT_FOOTNOTES, "footnote")
        self.endnotes = self._load_notes(RT_ENDNOTES, "endnote")
        self.note_numbers: dict[tuple[str, str], int] = {}
        self.pending_notes: list[tuple[int, str]] = []
        self.endnote_blocks: list[str] = []

    # ------------------------------------------------------------------ parts
    def _load_styles(self) -> dict[str, etree._Element]:
        self._defaults_rpr = None
        self._default_pstyle = None
        try:
            root = self.doc.styles.element
        except Exception:  # pragma: no cover - a docx without styles
            return {}
        styles = {s.get(w("styleId")): s for s in root.iter(w("style"))}
        self._defaults_rpr = root.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}")
        self._default_pstyle = next((sid for sid, s in styles.items()
                                     if s.get(w("type")) == "paragraph" and s.get(w("default")) in ("1", "true", "on")), None)
        return styles

    def _load_numbering(self) -> _Numbering:
        numbering = _Numbering()
        try:
            root = self.doc.part.numbering_part.element
        except Exception:
            return numbering
        for absnum in root.iter(w("abstractNum")):
            aid = absnum.get(w("abstractNumId"))
            for lvl in absnum.iter(w("lvl")):
                ilvl = int(lvl.get(w("ilvl")) or 0)
                start = int(_val(lvl.find(w("start"))) or 1)
                fmt = _val(lvl.find(w("numFmt"))) or "decimal"
                text = _val(lvl.find(w("lvlText"))) or ""
                numbering.levels[(aid, ilvl)] = (start, fmt, text)
        for num in root.iter(w("num")):
            nid = num.get(w("numId"))
            aid = _val(num.find(w("abstractNumId")))
            overrides = {}
            for ov in num.iter(w("lvlOverride")):
                so = ov.find(w("startOverride"))
                if so is not None:
                    overrides[int(ov.get(w("ilvl")) or 0)] = int(_val(so) or 1)
            if aid is not None:
                numbering.nums[nid] = (aid, overrides)
        return numbering

    def _load_notes(self, reltype: str, tag: str) -> dict[str, etree._Element]:
        notes: dict[str, etree._Element] = {}
        for rel in self.doc.part.rels.values():
            if rel.reltype != reltype or rel.is_external:
                continue
            part = rel.target_part
            root = getattr(part, "element", None)
            if root is None or not hasattr(root, "iter"):
                try:
                    root = etree.fromstring(part.blob)
                except Exception:
                    continue
            for note in root.iter(w(tag)):
                if note.get(w("type")) in ("separator", "continuationSeparator", "continuationNotice"):
                    continue
                notes[note.get(w("id"))] = note
        return notes

    # ------------------------------------------------------------ properties
    def _style_chain(self, style_id: str | None) -> Iterator[etree._Element]:
        seen = set()
        while style_id and style_id in self.styles and style_id not in seen:
            seen.add(style_id)
            style = self.styles[style_id]
            yield style
            style_id = _val(style.find(w("basedOn")))

    def _style_prop(self, style_id: str | None, tag: str) -> etree._Element | None:
        for style in self._style_chain(style_id):
            rpr = style.find(w("rPr"))
            if rpr is not None and rpr.find(w(tag)) is not None:
                return rpr.find(w(tag))
        return None

    def _run_props(self, run: etree._Element, pstyle: str | None) -> tuple[bool, str | None, bool]:
        """(bold, font name, superscript) of a run."""
        rpr = run.find(w("rPr"))
        rstyle = _val(rpr.find(w("rStyle"))) if rpr is not None else None
        bold = _on(rpr.find(w("b"))) if rpr is not None else None
        if bold is None:
            bold = _on(self._style_prop(rstyle, "b"))
        if bold is None:
            bold = _on(self._style_prop(pstyle or self._default_pstyle, "b"))
        if bold is None and self._defaults_rpr is not None:
            bold = _on(self._defaults_rpr.find(w("b")))
        fonts = rpr.find(w("rFonts")) if rpr is not None else None
        if fonts is None:
            fonts = self._style_prop(rstyle, "rFonts")
        if fonts is None:
            fonts = self._style_prop(pstyle or self._default_pstyle, "rFonts")
        if fonts is None and self._defaults_rpr is not None:
            fonts = self._defaults_rpr.find(w("rFonts"))
        font = None
        if fonts is not None:
            font = fonts.get(w("ascii")) or fonts.get(w("hAnsi")) or fonts.get(w("cs"))
        sup = False
        if rpr is not None and _val(rpr.find(w("vertAlign"))) == "superscript":
            sup = True
        return bool(bold), font, sup

    # ------------------------------------------------------------ paragraphs
    def _pieces(self, p: etree._Element, pstyle: str | None, textboxes: list[etree._Element]) -> list[Piece]:
        pieces: list[Piece] = []

        def walk(el: etree._Element) -> None:
            for child in el:
                tag = child.tag
                if not isinstance(tag, str):
                    continue
                if tag == w("r"):
                    run(child)
                elif tag in (w("del"), w("moveFrom"), w("pPr"), w("rPr"), w("proofErr"), w("bookmarkStart"), w("bookmarkEnd")):
                    continue
                elif tag == f"{{{MC_NS}}}AlternateContent":
                    choice = child.find(f"{{{MC_NS}}}Choice")
                    walk(choice if choice is not None else child)
                elif tag == f"{{{MC_NS}}}Fallback":
                    continue
                else:  # hyperlink, ins, smartTag, fldSimple, sdt/sdtContent, customXml, moveTo, oMath...
                    walk(child)

        def run(r: etree._Element) -> None:
            bold, font, sup = self._run_props(r, pstyle)
            for child in r:
                tag = child.tag
                if tag == w("t"):
                    text = child.text or ""
                    if sup and text.strip().isdigit():
                        text = superscript(text.strip())
                    pieces.append(Piece(text, bold, font))
                elif tag == w("tab") or tag == w("ptab"):
                    pieces.append(Piece("\t", bold, None))
                elif tag in (w("br"), w("cr")):
                    if child.get(w("type")) not in ("page", "column"):
                        pieces.append(Piece("\n", bold, None))
                elif tag == w("noBreakHyphen"):
                    pieces.append(Piece("-", bold, None))
                elif tag in (w("footnoteReference"), w("endnoteReference")):
                    kind = "footnote" if tag == w("footnoteReference") else "endnote"
                    pieces.append(Piece(self._note_mark(kind, child.get(w("id"))), False, None))
                elif tag == f"{{{MC_NS}}}AlternateContent" or tag in (w("drawing"), w("pict"), w("object")):
                    for box in child.iter(w("txbxContent")):
                        if not any(a.tag == f"{{{MC_NS}}}Fallback" for a in box.iterancestors()):
                            textboxes.append(box)
                # w:instrText (field code), w:delText, w:softHyphen, w:lastRenderedPageBreak: nothing

        walk(p)
        return pieces

    def _note_mark(self, kind: str, note_id: str | None) -> str:
        notes = self.footnotes if kind == "footnote" else self.endnotes
        if note_id is None or note_id not in notes:
            return ""
        key = (kind, note_id)
        if key not in self.note_numbers:
            number = len(self.note_numbers) + 1
            self.note_numbers[key] = number
            text = self._note_text(notes[note_id])
            if kind == "footnote":
                self.pending_notes.append((number, text))
            else:
                self.endnote_blocks.append(f"{superscript(number)} {text}")
        return superscript(self.note_numbers[key])

    def _note_text(self, note: etree._Element) -> str:
        parts = []
        for p in note.iter(w("p")):
            parts.append(self._render_plain(p))
        return " ".join(x for x in parts if x).strip()

    def _number_prefix(self, p: etree._Element, pstyle: str | None) -> str:
        ppr = p.find(w("pPr"))
        numpr = ppr.find(w("numPr")) if ppr is not None else None
        if numpr is None:
            for style in self._style_chain(pstyle):
                spr = style.find(w("pPr"))
                if spr is not None and spr.find(w("numPr")) is not None:
                    numpr = spr.find(w("numPr"))
                    break
        if numpr is None:
            return ""
        nid = _val(numpr.find(w("numId")))
        ilvl = int(_val(numpr.find(w("ilvl"))) or 0)
        nb = self.numbering
        if not nid or nid == "0" or nid not in nb.nums:
            return ""
        aid, overrides = nb.nums[nid]
        if (aid, ilvl) not in nb.levels:
            return ""
        counters = nb.counters.setdefault(aid, {})
        if nid not in nb.started:
            nb.started.add(nid)
            for lvl, start in overrides.items():
                counters[lvl] = start - 1
        start, fmt, text = nb.levels[(aid, ilvl)]
        counters[ilvl] = counters.get(ilvl, start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        if fmt == "bullet":
            return "- "

        def fill(m: re.Match[str]) -> str:
            level = int(m.group(1)) - 1
            lstart, lfmt, _ = nb.levels.get((aid, level), (1, "decimal", ""))
            return _format_number(counters.get(level, lstart), lfmt)

        rendered = re.sub(r"%([1-9])", fill, text).strip()
        return f"{rendered} " if rendered else ""

    def _pstyle(self, p: etree._Element) -> str | None:
        ppr = p.find(w("pPr"))
        return _val(ppr.find(w("pStyle"))) if ppr is not None else None

    def _render_plain(self, p: etree._Element) -> str:
        pieces = self._pieces(p, self._pstyle(p), [])
        return _join_plain(pieces)

    def _paragraph_blocks(self, p: etree._Element, bold_markup: bool = True) -> list[str]:
        pstyle = self._pstyle(p)
        textboxes: list[etree._Element] = []
        pieces = self._pieces(p, pstyle, textboxes)
        prefix = self._number_prefix(p, pstyle) if any(x.text.strip() for x in pieces) else ""
        if prefix:
            first = next((x for x in pieces if x.text.strip()), None)
            pieces.insert(0, Piece(prefix, first.bold if first else False, None))
        pieces = _convert_legacy(pieces)
        blocks: list[str] = []
        groups = _split_on_tabs(pieces)
        if len(groups) > 1 and any(_DATE_LINE.search(_join_plain(g)) for g in groups[1:]):
            blocks.extend(_render(g, bold_markup) for g in groups)
        else:
            blocks.append(_render([Piece(x.text.replace("\t", " "), x.bold, x.font) for x in pieces], bold_markup))
        for box in textboxes:
            blocks.extend(self._blocks(box))
        return [b for b in blocks if b.strip()]

    # ----------------------------------------------------------------- tables
    def _grid(self, tbl: etree._Element) -> list[list[tuple[list[etree._Element], bool, bool]]]:
        """Rows of grid cells: (content elements, is_vertical_continuation, is_span_copy)."""
        rows: list[list[tuple[list[etree._Element], bool, bool]]] = []
        above: dict[int, list[etree._Element]] = {}
        for tr in tbl.iter(w("tr")):
            if next((a for a in tr.iterancestors(w("tbl"))), None) is not tbl:
                continue  # a row of a nested table
            row: list[tuple[list[etree._Element], bool, bool]] = []
            trpr = tr.find(w("trPr"))
            before = int(_val(trpr.find(w("gridBefore"))) or 0) if trpr is not None else 0
            row.extend(([], False, False) for _ in range(before))
            for tc in tr:
                if tc.tag == w("sdt"):
                    content = tc.find(w("sdtContent"))
                    tcs = [c for c in content if c.tag == w("tc")] if content is not None else []
                elif tc.tag == w("tc"):
                    tcs = [tc]
                else:
                    continue
                for cell in tcs:
                    tcpr = cell.find(w("tcPr"))
                    span = int(_val(tcpr.find(w("gridSpan"))) or 1) if tcpr is not None else 1
                    vmerge = tcpr.find(w("vMerge")) if tcpr is not None else None
                    col = len(row)
                    content = [c for c in cell if c.tag in (w("p"), w("tbl"), w("sdt"), w("customXml"))]
                    if vmerge is not None and (_val(vmerge) or "continue") != "restart":
                        row.append((above.get(col, []), True, False))
                    else:
                        row.append((content, False, False))
                        above[col] = content
                    for extra in range(1, span):
                        row.append(([], False, True))
                        above.pop(col + extra, None)
            rows.append(row)
        return rows

    def _cell_text(self, content: list[etree._Element]) -> str:
        lines = []
        for el in content:
            if el.tag == w("p"):
                pieces = _convert_legacy(self._pieces(el, self._pstyle(el), []))
                prefix = self._number_prefix(el, self._pstyle(el)) if any(x.text.strip() for x in pieces) else ""
                text = (prefix + _join_plain(pieces)).strip()
                if text:
                    lines.extend(t.strip() for t in text.split("\n") if t.strip())
            else:
                for p in el.iter(w("p")):
                    text = _join_plain(_convert_legacy(self._pieces(p, self._pstyle(p), []))).strip()
                    if text:
                        lines.append(text)
        return "<br>".join(re.sub(r"[ \t]+", " ", x).replace("|", "\\|") for x in lines)

    def _table_blocks(self, tbl: etree._Element) -> list[str]:
        grid = self._grid(tbl)
        if not grid:
            return []
        texts = [[self._cell_text(c) if not span else "" for c, _cont, span in row] for row in grid]
        ncols = max(len(r) for r in texts)
        if self._is_layout(texts, ncols):
            blocks: list[str] = []
            for row in grid:
                for content, continuation, span in row:
                    if continuation or span:
                        continue
                    cell_blocks = self._blocks_of(content)
                    # a cell of short lines ("ỦY BAN NHÂN DÂN" / "HUYỆN …") is one paragraph
                    if len(cell_blocks) > 1 and all(len(b) <= 90 and "\n\n" not in b and not b.startswith("|") for b in cell_blocks):
                        cell_blocks = [_stack(cell_blocks)]
                    blocks.extend(cell_blocks)
            return blocks
        lines = []
        for i, row in enumerate(texts):
            row = row + [""] * (ncols - len(row))
            lines.append("| " + " | ".join(row) + " |")
            if i == 0:
                lines.append("|" + "|".join(" --- " for _ in range(ncols)) + "|")
        return ["\n".join(lines)]

    def _is_layout(self, texts: list[list[str]], ncols: int) -> bool:
        for row in texts[:3]:
            kinds = {classify_heading(c) for c in row if c}
            if "action" in kinds and kinds & {"lead", "deadline", "coord"}:
                return False
        if ncols <= 1:
            return True
        folded = fold(" ".join(" ".join(r) for r in texts))
        keyword = any(k in folded for k in _LAYOUT_WORDS[:4]) or "noi nhan" in folded
        if ncols == 2:
            return True if len(texts) <= 6 or keyword else False
        return keyword and len(texts) <= 6

    # ----------------------------------------------------------------- blocks
    def _blocks_of(self, elements: Iterable[etree._Element]) -> list[str]:
        blocks: list[str] = []
        for el in elements:
            tag = el.tag
            if tag == w("p"):
                blocks.extend(self._paragraph_blocks(el))
            elif tag == w("tbl"):
                blocks.extend(self._table_blocks(el))
            elif tag in (w("sdt"),):
                content = el.find(w("sdtContent"))
                if content is not None:
                    blocks.extend(self._blocks_of(content))
                continue
            elif tag == w("customXml"):
                blocks.extend(self._blocks_of(el))
                continue
            else:
                continue
            while self.pending_notes:
                number, text = self.pending_notes.pop(0)
                blocks.append(f"{superscript(number)} {text}".rstrip())
        return blocks

    def _blocks(self, container: etree._Element) -> list[str]:
        return self._blocks_of(list(container))

    def _header_footer(self, kind: str) -> list[str]:
        """Texts of the page headers ('header') or footers ('footer') that are not only page numbers."""
        out: list[str] = []
        seen: set[str] = set()
        body = self.doc.element.body
        sect_prs = list(body.iter(w("sectPr")))
        for sect in sect_prs:
            for ref in sect.findall(w(f"{kind}Reference")):
                rid = ref.get(f"{{{R_NS}}}id")
                if not rid or rid in seen:
                    continue
                seen.add(rid)
                try:
                    part = self.doc.part.related_parts[rid]
                    root = part.element
                except Exception:
                    continue
                blocks = self._blocks(root)
                text = "\n\n".join(blocks)
                if not text.strip() or _PAGE_ONLY.match(text.replace("*", "")):
                    continue
                for b in blocks:
                    if b not in out:
                        out.append(b)
        return out

    def read(self) -> str:
        blocks: list[str] = []
        blocks.extend(self._header_footer("header"))
        blocks.extend(self._blocks(self.doc.element.body))
        blocks.extend(self.endnote_blocks)
        footer = [b for b in self._header_footer("footer") if b not in blocks]
        blocks.extend(footer)
        text = "\n\n".join(b.strip("\n") for b in blocks if b.strip())
        return nfc(legacy.fix_text(text))


# ---------------------------------------------------------------- rendering
def _convert_legacy(pieces: list[Piece]) -> list[Piece]:
    """Convert runs in TCVN3/VNI fonts; neighbouring runs of one font are converted together."""
    out: list[Piece] = []
    i = 0
    while i < len(pieces):
        piece = pieces[i]
        kind = legacy.font_encoding(piece.font)
        if not kind:
            out.append(piece)
            i += 1
            continue
        j = i
        text = ""
        while j < len(pieces) and pieces[j].font == piece.font and pieces[j].bold == piece.bold:
            text += pieces[j].text
            j += 1
        out.append(Piece(legacy.convert_for_font(text, piece.font), piece.bold, None))
        i = j
    return out


def _stack(lines: list[str]) -> str:
    """Short lines of one cell as one paragraph; runs of whole-bold lines share one ** span."""
    out: list[str] = []
    bold_run: list[str] = []
    for line in lines + [""]:
        inner = line[2:-2] if line.startswith("**") and line.endswith("**") and line.count("**") == 2 and len(line) > 4 else None
        if inner is not None:
            bold_run.append(inner)
            continue
        if bold_run:
            out.append("**" + "\n".join(bold_run) + "**")
            bold_run = []
        if line:
            out.append(line)
    return "\n".join(out)


def _split_on_tabs(pieces: list[Piece]) -> list[list[Piece]]:
    groups: list[list[Piece]] = [[]]
    for piece in pieces:
        if piece.text == "\t":
            if groups[-1]:
                groups.append([])
            continue
        groups[-1].append(piece)
    return [g for g in groups if _join_plain(g).strip()]


def _join_plain(pieces: list[Piece]) -> str:
    text = "".join(p.text for p in pieces)
    text = re.sub(r"[ \t]+", " ", text)
    text = re.sub(r" *\n *", "\n", text)
    return text.strip()


def _render(pieces: list[Piece], bold_markup: bool = True) -> str:
    """Pieces -> text with **bold** spans (a fully bold paragraph becomes **text**)."""
    if not bold_markup:
        return _join_plain(pieces)
    segments: list[list] = []  # [bold, text]
    for piece in pieces:
        if not piece.text:
            continue
        if not piece.text.strip():
            if segments:
                segments[-1][1] += piece.text
            else:
                segments.append([False, piece.text])
            continue
        if segments and segments[-1][0] == piece.bold:
            segments[-1][1] += piece.text
        else:
            segments.append([piece.bold, piece.text])
    out = []
    for n, (bold, text) in enumerate(segments):
        if bold and re.search(r"\w", text):
            core = text.strip()
            lead = text[: len(text) - len(text.lstrip())]
            trail = text[len(text.rstrip()):]
            before = out[-1][-1:] if out else ""
            after = segments[n + 1][1][:1] if n + 1 < len(segments) else ""
            if (before and before.isalnum()) or (after and after.isalnum()) or (not lead and before.isalnum()):
                out.append(text)
            else:
                out.append(f"{lead}**{core}**{trail}")
        else:
            out.append(text)
    text = "".join(out)
    text = re.sub(r"[ \t]+", " ", text)
    text = re.sub(r" *\n *", "\n", text)
    return text.strip()


def read(path: Path) -> str:
    return _DocxReader(path).read()
