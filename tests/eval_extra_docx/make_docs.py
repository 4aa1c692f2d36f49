#!/usr/bin/env python3
"""Builds the held-out evaluation directives (Word files) in ./docs.

Four invented but realistic directives, laid out the way real Word directives are:
header block as a two-column borderless table, bold unit headings, numbered items,
a task table with group rows (Nghi Lộc), real Word footnotes (Bến Cát), and the
signature block as a two-column borderless table ("Nơi nhận:" left, signer right).

Run:  .venv/bin/python tests/eval_extra_docx/make_docs.py
The hand-labelled answers are in gold.json next to this script.
"""
from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import CONTENT_TYPE as CT, RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

OUT = Path(__file__).resolve().parent / "docs"
FONT = "Times New Roman"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
J = WD_ALIGN_PARAGRAPH.JUSTIFY
C = WD_ALIGN_PARAGRAPH.CENTER
L = WD_ALIGN_PARAGRAPH.LEFT


# ---------------------------------------------------------------- helpers
def new_document(title: str) -> Document:
    doc = Document()
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Cm(21), Cm(29.7)
    sec.top_margin, sec.bottom_margin = Cm(2), Cm(2)
    sec.left_margin, sec.right_margin = Cm(3), Cm(1.5)
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(14)
    rfonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        rfonts.set(qn(attr), FONT)
    pf = normal.paragraph_format
    pf.space_before, pf.space_after, pf.line_spacing = Pt(0), Pt(6), 1.0
    doc.core_properties.title = title
    doc.core_properties.author = "Văn thư"
    return doc


def add_runs(p, runs, size=None):
    """runs: a string or a list of (text, style) with style a set of 'b', 'i', 'u'."""
    if isinstance(runs, str):
        runs = [(runs, "")]
    for text, style in runs:
        r = p.add_run(text)
        r.bold = "b" in style or None
        r.italic = "i" in style or None
        r.underline = "u" in style or None
        if size:
            r.font.size = Pt(size)
    return p


def para(container, runs, align=J, indent=True, size=None, after=6, left=None):
    p = container.add_paragraph()
    p.alignment = align
    pf = p.paragraph_format
    pf.space_after = Pt(after)
    if indent:
        pf.first_line_indent = Cm(1.27)
    if left is not None:
        pf.left_indent = Cm(left)
    return add_runs(p, runs, size)


def cell_para(cell, runs, align=C, size=13, after=0, first=False):
    """first=True writes into the empty paragraph a new cell comes with."""
    p = cell.paragraphs[0] if first else cell.add_paragraph()
    p.alignment = align
    p.paragraph_format.space_after = Pt(after)
    p.paragraph_format.first_line_indent = None
    return add_runs(p, runs, size)


def borderless(table):
    tblPr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    # CT_TblPr is an ordered sequence: tblBorders goes before shd/tblLayout/tblCellMar/tblLook
    later = [c for c in tblPr if c.tag in {qn(t) for t in ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook")}]
    if later:
        later[0].addprevious(borders)
    else:
        tblPr.append(borders)


def widths(table, cms):
    table.autofit = False
    for col, w in zip(table.columns, cms):
        col.width = Cm(w)
    for row in table.rows:
        tcs = row._tr.tc_lst
        if len(tcs) == len(cms):
            for tc, w in zip(tcs, cms):
                tc.width = Cm(w)
        else:  # a merged group row: one cell spanning the table
            tcs[0].width = Cm(sum(cms))


def header_block(doc, left_top, left_name, number, subject, place_date, left_top_bold=True):
    """Two-column borderless table: issuer / national motto, then number + V/v / place-date."""
    t = doc.add_table(rows=2, cols=2)
    borderless(t)
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    widths(t, [6.5, 10])
    a, b = t.rows[0].cells
    cell_para(a, [(left_top, "b" if left_top_bold else "")], first=True)
    cell_para(a, [(left_name, "b")])
    cell_para(b, [("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "b")], size=12.5, first=True)
    cell_para(b, [("Độc lập - Tự do - Hạnh phúc", "b")], size=13.5)
    c, d = t.rows[1].cells
    cell_para(c, number, first=True, after=2)
    cell_para(c, subject, size=12)
    cell_para(d, [(place_date, "i")], size=14, first=True)
    doc.add_paragraph().paragraph_format.space_after = Pt(0)


def kinh_gui(doc, lines):
    if len(lines) == 1:
        para(doc, [("Kính gửi: ", ""), (lines[0], "")], align=C, indent=False)
        return
    para(doc, "Kính gửi:", align=L, indent=False, left=2.5, after=0)
    for i, line in enumerate(lines):
        para(doc, f"- {line}", align=L, indent=False, left=4, after=0 if i < len(lines) - 1 else 8)


def heading(doc, text):
    para(doc, [(text, "b")], after=4)


def signature_block(doc, recipients, title_lines, signer, signed_mark=False):
    t = doc.add_table(rows=1, cols=2)
    borderless(t)
    widths(t, [8, 8.5])
    left, right = t.rows[0].cells
    cell_para(left, [("Nơi nhận:", "bi")], align=L, size=12, first=True)
    for r in recipients:
        cell_para(left, f"- {r}", align=L, size=11)
    for i, line in enumerate(title_lines):
        cell_para(right, [(line, "b")], size=14, first=(i == 0))
    for _ in range(3 if signed_mark else 4):
        cell_para(right, "", size=14)
    if signed_mark:
        cell_para(right, [("(Đã ký)", "i")], size=13)
        cell_para(right, "", size=14)
    cell_para(right, [(signer, "b")], size=14)


def task_table(doc, rows):
    """rows: ("I. Nhiệm vụ chung",) for a group row spanning the table, or a 5-tuple."""
    cols = ["STT", "Nội dung công việc", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời hạn hoàn thành"]
    t = doc.add_table(rows=1, cols=5)
    t.style = doc.styles["Table Grid"]
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, name in zip(t.rows[0].cells, cols):
        cell_para(cell, [(name, "b")], size=12, first=True)
    trPr = t.rows[0]._tr.get_or_add_trPr()
    hdr = OxmlElement("w:tblHeader")
    hdr.set(qn("w:val"), "true")
    trPr.append(hdr)
    for row in rows:
        cells = t.add_row().cells
        if len(row) == 1:
            merged = cells[0].merge(cells[4])
            cell_para(merged, [(row[0], "b")], align=L, size=12, first=True)
            continue
        for i, (cell, text) in enumerate(zip(cells, row)):
            cell_para(cell, text, align=C if i in (0, 4) else (J if i == 1 else C), size=12, first=True)
    widths(t, [1.1, 6.4, 3.2, 3.2, 2.6])
    return t


class Footnotes:
    """python-docx has no footnote API: write word/footnotes.xml by hand and relate it."""

    def __init__(self, doc):
        self.doc = doc
        self.notes: list[str] = []

    def ref(self, paragraph, text: str):
        self.notes.append(text)
        fid = len(self.notes)
        r = paragraph.add_run()
        rPr = r._r.get_or_add_rPr()
        va = OxmlElement("w:vertAlign")
        va.set(qn("w:val"), "superscript")
        rPr.append(va)
        ref = OxmlElement("w:footnoteReference")
        ref.set(qn("w:id"), str(fid))
        r._r.append(ref)

    def finish(self):
        from xml.sax.saxutils import escape

        sep = ('<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
               'w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
               '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" '
               'w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>')
        body = "".join(
            f'<w:footnote w:id="{i}"><w:p><w:pPr><w:jc w:val="both"/><w:spacing w:after="0"/></w:pPr>'
            f'<w:r><w:rPr><w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}"/><w:sz w:val="20"/>'
            f'<w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r>'
            f'<w:r><w:rPr><w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}"/><w:sz w:val="20"/></w:rPr>'
            f'<w:t xml:space="preserve"> {escape(text)}</w:t></w:r></w:p></w:footnote>'
            for i, text in enumerate(self.notes, start=1))
        xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
               f'<w:footnotes xmlns:w="{W_NS}">{sep}{body}</w:footnotes>')
        part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, xml.encode("utf-8"), self.doc.part.package)
        self.doc.part.relate_to(part, RT.FOOTNOTES)


# ---------------------------------------------------------------- 1. Nghi Lộc (Nghệ An): task table
def nghi_loc():
    doc = new_document("V/v triển khai nhiệm vụ trọng tâm về cải cách thủ tục hành chính, số hóa hồ sơ")
    header_block(doc, "ỦY BAN NHÂN DÂN", "HUYỆN NGHI LỘC", "Số: 2847/UBND-VP",
                 "V/v triển khai nhiệm vụ trọng tâm về cải cách thủ tục hành chính, số hóa hồ sơ những tháng cuối năm 2024",
                 "Nghi Lộc, ngày 05 tháng 9 năm 2024")
    kinh_gui(doc, ["Các phòng, ban, đơn vị thuộc UBND huyện;", "Bộ phận Một cửa huyện;", "UBND các xã, thị trấn."])
    para(doc, "Thực hiện Công văn số 6512/UBND-KSTT ngày 14/8/2024 của UBND tỉnh Nghệ An về việc đẩy mạnh số hóa hồ sơ, "
              "kết quả giải quyết thủ tục hành chính và thanh toán trực tuyến; Kế hoạch số 35/KH-UBND ngày 22/01/2024 "
              "của UBND huyện Nghi Lộc về cải cách hành chính năm 2024;")
    para(doc, "Qua kiểm tra ngày 20/8/2024 tại Bộ phận Một cửa của UBND các xã: Nghi Long, Nghi Xá, Nghi Thuận, Nghi Kiều "
              "cho thấy: tỷ lệ hồ sơ thủ tục hành chính được số hóa mới đạt 46,2%; tỷ lệ thanh toán trực tuyến phí, lệ phí "
              "đạt 18%; vẫn còn 37 hồ sơ giải quyết quá hạn nhưng chưa thực hiện xin lỗi tổ chức, cá nhân theo quy định.")
    para(doc, "Thực hiện kết luận của đồng chí Chủ tịch UBND huyện tại cuộc họp giao ban công tác cải cách hành chính "
              "quý III/2024 ngày 28/8/2024, UBND huyện yêu cầu các cơ quan, đơn vị, địa phương tập trung thực hiện "
              "các nhiệm vụ sau:")
    heading(doc, "1. Các nhiệm vụ cụ thể")
    task_table(doc, [
        ("I. Nhiệm vụ chung",),
        ("1", "Rà soát, cập nhật, công khai đầy đủ thủ tục hành chính tại Bộ phận Một cửa và trên Cổng thông tin điện tử "
              "của huyện; niêm yết địa chỉ tiếp nhận phản ánh, kiến nghị",
         "Các phòng, ban, đơn vị thuộc UBND huyện; UBND các xã, thị trấn", "VP HĐND-UBND huyện", "Thường xuyên"),
        ("2", "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính khi tiếp nhận, bảo đảm tỷ lệ số hóa đạt tối thiểu 80%",
         "Bộ phận Một cửa huyện; UBND các xã, thị trấn", "Trung tâm Viễn thông Nghi Lộc", "Trước ngày 15/10/2024"),
        ("3", "Báo cáo tình hình, kết quả giải quyết thủ tục hành chính, tỷ lệ số hóa và thanh toán trực tuyến gửi "
              "UBND huyện (qua VP HĐND-UBND huyện)",
         "UBND các xã, thị trấn", "", "Hằng tháng, trước ngày 20"),
        ("II. Nhiệm vụ cụ thể",),
        ("4", "Tổ chức tập huấn kỹ năng hướng dẫn sử dụng dịch vụ công trực tuyến, thanh toán trực tuyến cho công chức "
              "Bộ phận Một cửa cấp xã",
         "Phòng VH&TT", "VP HĐND-UBND huyện; Trung tâm Viễn thông Nghi Lộc", "Trong tháng 9/2024"),
        ("5", "Xây dựng, trình ban hành Quy chế đánh giá, xếp loại chất lượng phục vụ của công chức Bộ phận Một cửa các cấp",
         "Phòng Nội vụ", "Phòng Tư pháp", "Quý IV/2024"),
        ("6", "Tham mưu bố trí kinh phí mua sắm máy quét (scan), thiết bị số hóa cho Bộ phận Một cửa các xã còn thiếu",
         "Phòng TC-KH", "Phòng VH&TT; UBND các xã, thị trấn", "Chậm nhất ngày 30/11/2024"),
        ("7", "Kiểm tra đột xuất việc tiếp nhận, giải quyết thủ tục hành chính và văn hóa công vụ tại UBND các xã, thị trấn",
         "Phòng Nội vụ", "VP HĐND-UBND huyện; Phòng Tư pháp", "Quý IV/2024"),
        ("8", "Khắc phục ngay tình trạng hồ sơ giải quyết quá hạn; thực hiện xin lỗi tổ chức, cá nhân bằng văn bản đối với "
              "37 hồ sơ trễ hạn",
         "UBND các xã: Nghi Long, Nghi Xá, Nghi Thuận, Nghi Kiều", "Bộ phận Một cửa huyện",
         "Ngay sau khi nhận được văn bản này"),
        ("9", "Tổng hợp kết quả thực hiện các nhiệm vụ tại văn bản này, báo cáo Chủ tịch UBND huyện",
         "VP HĐND-UBND huyện", "Phòng Nội vụ", "Trước ngày 15/12/2024"),
    ])
    para(doc, "", after=0)
    heading(doc, "2. Tổ chức thực hiện")
    para(doc, "a) Thủ trưởng các phòng, ban, đơn vị thuộc UBND huyện, Chủ tịch UBND các xã, thị trấn căn cứ nhiệm vụ được "
              "giao tại Bảng trên khẩn trương triển khai thực hiện, chịu trách nhiệm trước Chủ tịch UBND huyện về kết quả "
              "thực hiện.")
    para(doc, "b) Giao Văn phòng HĐND và UBND huyện theo dõi, đôn đốc các cơ quan, đơn vị, địa phương thực hiện nhiệm vụ "
              "tại văn bản này; kịp thời báo cáo Chủ tịch UBND huyện những khó khăn, vướng mắc phát sinh.")
    para(doc, "Yêu cầu các cơ quan, đơn vị, địa phương nghiêm túc triển khai thực hiện./.")
    signature_block(doc, ["Như trên;", "UBND tỉnh Nghệ An (để b/c);", "Sở Nội vụ tỉnh Nghệ An;",
                          "TT Huyện ủy, TT HĐND huyện;", "Chủ tịch, các PCT UBND huyện;", "Lưu: VT, VP."],
                    ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"], "Trần Quốc Hưng")
    return doc


# ---------------------------------------------------------------- 2. Bến Cát (Bình Dương): footnotes
def ben_cat():
    doc = new_document("V/v tăng cường quản lý trật tự xây dựng")
    fn = Footnotes(doc)
    header_block(doc, "ỦY BAN NHÂN DÂN", "THỊ XÃ BẾN CÁT", "Số: 4126/UBND-QLĐT",
                 "V/v tăng cường quản lý trật tự xây dựng, xử lý dứt điểm công trình vi phạm trên địa bàn thị xã",
                 "Bến Cát, ngày 20 tháng 11 năm 2023")
    kinh_gui(doc, ["Phòng Quản lý đô thị;", "Phòng Tài nguyên và Môi trường;", "Thanh tra thị xã;", "Công an thị xã;",
                   "Đội Quản lý trật tự đô thị;", "Trung tâm Văn hóa - Thông tin và Thể thao thị xã;",
                   "Điện lực Bến Cát;", "UBND các phường, xã."])
    p = para(doc, "Thực hiện Chỉ thị số 05/CT-UBND ngày 12/6/2023 của UBND tỉnh Bình Dương về tăng cường công tác quản lý "
                  "trật tự xây dựng trên địa bàn tỉnh")
    fn.ref(p, "Thị xã đã ban hành Kế hoạch số 187/KH-UBND ngày 03/7/2023 triển khai thực hiện Chỉ thị số 05/CT-UBND "
              "của UBND tỉnh.")
    add_runs(p, ", thời gian qua công tác quản lý trật tự xây dựng trên địa bàn thị xã đã có chuyển biến. Tuy nhiên, từ "
                "ngày 01/01/2023 đến ngày 31/10/2023, toàn thị xã phát hiện 214 trường hợp vi phạm trật tự xây dựng, mới "
                "xử lý dứt điểm 131 trường hợp (đạt 61,2%)")
    fn.ref(p, "Theo Báo cáo số 612/BC-QLTTĐT ngày 06/11/2023 của Đội Quản lý trật tự đô thị thị xã.")
    add_runs(p, "; tình trạng xây dựng nhà ở trên đất nông nghiệp, phân lô, tách thửa trái phép vẫn diễn biến phức tạp, "
                "tập trung tại các phường Mỹ Phước, Thới Hòa, Hòa Lợi, An Điền và xã Phú An.")
    para(doc, "Ngày 14/11/2023, Đoàn kiểm tra liên ngành của thị xã kiểm tra thực tế tại khu phố 3, phường An Điền, phát "
              "hiện 07 công trình nhà ở xây dựng trái phép trên đất nông nghiệp nhưng chưa được lập biên bản, xử lý kịp thời.")
    para(doc, "Thực hiện ý kiến kết luận của Chủ tịch UBND thị xã tại cuộc họp chuyên đề về trật tự xây dựng ngày "
              "16/11/2023, để chấn chỉnh và nâng cao hiệu quả quản lý nhà nước về trật tự xây dựng, UBND thị xã yêu cầu:")
    heading(doc, "1. Chủ tịch UBND các phường, xã")
    para(doc, "a) Chịu trách nhiệm toàn diện trước Chủ tịch UBND thị xã nếu để xảy ra vi phạm trật tự xây dựng kéo dài "
              "trên địa bàn; chỉ đạo lực lượng chức năng tăng cường kiểm tra, phát hiện và xử lý ngay từ khi mới phát sinh "
              "các trường hợp vi phạm, không để hình thành công trình vi phạm mới.")
    para(doc, "b) Rà soát, lập danh sách toàn bộ công trình vi phạm chưa xử lý dứt điểm (theo mẫu đính kèm), gửi về UBND "
              "thị xã (qua Phòng Quản lý đô thị) trong thời hạn 15 ngày kể từ ngày ký văn bản này.")
    para(doc, "c) Báo cáo kết quả kiểm tra, xử lý vi phạm trật tự xây dựng trên địa bàn gửi Phòng Quản lý đô thị hằng "
              "tháng trước ngày 20 để tổng hợp.")
    heading(doc, "2. UBND các phường: Mỹ Phước, Thới Hòa, Hòa Lợi, An Điền và UBND xã Phú An")
    para(doc, "Khẩn trương tổ chức cưỡng chế, xử lý dứt điểm các công trình vi phạm đã có quyết định xử phạt vi phạm hành "
              "chính nhưng chưa chấp hành; hoàn thành trước ngày 15 tháng 12 năm 2023.")
    para(doc, "Riêng UBND phường An Điền chủ trì, phối hợp với Đội Quản lý trật tự đô thị, Công an phường An Điền lập hồ sơ "
              "xử lý ngay 07 công trình xây dựng trái phép tại khu phố 3; báo cáo kết quả xử lý về UBND thị xã chậm nhất "
              "ngày 30/11/2023.")
    heading(doc, "3. Phòng Quản lý đô thị")
    para(doc, "- Chủ trì, phối hợp với Phòng Tài nguyên và Môi trường, Thanh tra thị xã tổng hợp danh sách công trình vi "
              "phạm do các phường, xã báo cáo; tham mưu UBND thị xã phương án xử lý đối với từng trường hợp, trình UBND "
              "thị xã trước ngày 20/12/2023.")
    para(doc, "- Tăng cường hướng dẫn người dân thủ tục cấp giấy phép xây dựng nhà ở riêng lẻ; công khai quy hoạch chi "
              "tiết, quy hoạch phân khu đã được phê duyệt tại trụ sở UBND các phường, xã.")
    heading(doc, "4. Phòng Tài nguyên và Môi trường")
    para(doc, "Chủ trì, phối hợp với Chi nhánh Văn phòng Đăng ký đất đai thị xã rà soát, tạm dừng giải quyết hồ sơ tách "
              "thửa, chuyển mục đích sử dụng đất đối với các thửa đất có công trình vi phạm chưa khắc phục.")
    heading(doc, "5. Đội Quản lý trật tự đô thị")
    para(doc, "Phối hợp với UBND các phường, xã tổ chức cưỡng chế các công trình vi phạm theo kế hoạch; bố trí lực lượng, "
              "phương tiện bảo đảm cho việc tháo dỡ công trình vi phạm.")
    heading(doc, "6. Công an thị xã")
    para(doc, "Chỉ đạo Công an các phường, xã bảo đảm an ninh, trật tự khi tổ chức cưỡng chế; xử lý nghiêm các hành vi "
              "chống người thi hành công vụ, tụ tập đông người gây rối.")
    heading(doc, "7. Trung tâm Văn hóa - Thông tin và Thể thao thị xã")
    para(doc, "Đẩy mạnh tuyên truyền trên hệ thống truyền thanh và Trang thông tin điện tử thị xã về các quy định của pháp "
              "luật trong lĩnh vực xây dựng, đất đai; cảnh báo người dân không mua bán, nhận chuyển nhượng đất phân lô "
              "trái phép.")
    heading(doc, "8. Đề nghị Điện lực Bến Cát")
    para(doc, "Không cung cấp điện cho các công trình xây dựng vi phạm theo danh sách do UBND các phường, xã cung cấp.")
    para(doc, [("9. Giao Thanh tra thị xã", "b"),
               (" theo dõi, đôn đốc việc thực hiện các nội dung tại văn bản này; tổng hợp, báo cáo Chủ tịch UBND thị xã "
                "kết quả thực hiện trước ngày 25/12/2023.", "")])
    para(doc, "Yêu cầu Thủ trưởng các cơ quan, đơn vị, Chủ tịch UBND các phường, xã nghiêm túc triển khai thực hiện./.")
    signature_block(doc, ["Như trên;", "TT. Thị ủy, TT. HĐND thị xã (b/c);", "CT, các PCT UBND thị xã;",
                          "Sở Xây dựng tỉnh Bình Dương;", "Lưu: VT, QLĐT."],
                    ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], "Lê Thị Thu Hằng")
    fn.finish()
    return doc


# ---------------------------------------------------------------- 3. xã Cư Ê Wi (Đắk Lắk): day left blank, no number
def cu_e_wi():
    doc = new_document("V/v phòng, chống bệnh Dịch tả lợn Châu Phi")
    header_block(doc, "ỦY BAN NHÂN DÂN", "XÃ CƯ Ê WI", "Số:        /UBND",
                 "V/v triển khai các biện pháp cấp bách phòng, chống bệnh Dịch tả lợn Châu Phi trên địa bàn xã",
                 "Cư Ê Wi, ngày        tháng 8 năm 2024")
    kinh_gui(doc, ["Công chức Văn phòng - Thống kê;", "Công chức Địa chính - Nông nghiệp - Xây dựng và Môi trường;",
                   "Công chức Văn hóa - Xã hội;", "Công chức Tài chính - Kế toán;", "Công an xã;",
                   "Ban Chỉ huy Quân sự xã;", "Nhân viên Thú y xã;", "Trưởng các thôn, buôn."])
    para(doc, "Thực hiện Công văn số 1452/UBND-NN ngày 26/7/2024 của UBND huyện Cư Kuin về việc tăng cường các biện pháp "
              "phòng, chống bệnh Dịch tả lợn Châu Phi (DTLCP);")
    para(doc, "Ngày 02/8/2024, Trạm Chăn nuôi và Thú y huyện phối hợp với UBND xã kiểm tra, lấy mẫu tại hộ ông Y Bhăm Mlô, "
              "Buôn Ea Ning; ngày 05/8/2024 có kết quả xét nghiệm dương tính với vi rút DTLCP. Đến nay, dịch bệnh đã xuất "
              "hiện tại 03 hộ chăn nuôi thuộc Buôn Ea Ning và Buôn Ea Tlả; tổng số lợn mắc bệnh, chết và buộc tiêu hủy là "
              "47 con, tổng trọng lượng 2.815 kg. Nguy cơ dịch lây lan ra các thôn, buôn lân cận là rất cao do một số hộ "
              "còn bán chạy lợn bệnh, vứt xác lợn chết xuống suối.")
    para(doc, "Thực hiện kết luận của Ban Chỉ đạo phòng, chống dịch bệnh động vật xã tại cuộc họp ngày 07/8/2024, để kịp "
              "thời khống chế, không để dịch lây lan ra diện rộng, Chủ tịch UBND xã yêu cầu:")
    heading(doc, "1. Nhân viên Thú y xã")
    para(doc, "- Hướng dẫn các hộ chăn nuôi tiêu hủy lợn bệnh, lợn chết ngay trong ngày theo đúng quy trình; tổ chức phun "
              "thuốc sát trùng khu vực ổ dịch và các tuyến đường ra vào vùng dịch.")
    para(doc, "- Chủ trì, phối hợp với Trưởng các thôn, buôn thống kê tổng đàn lợn, số hộ chăn nuôi trên địa bàn xã; hoàn "
              "thành trước ngày 20/8/2024.")
    para(doc, "- Báo cáo diễn biến tình hình dịch bệnh về UBND xã và Trạm Chăn nuôi và Thú y huyện hằng ngày, trước 15 giờ.")
    heading(doc, "2. Công chức Địa chính - Nông nghiệp - Xây dựng và Môi trường")
    para(doc, "- Tham mưu UBND xã bố trí địa điểm tiêu hủy lợn bệnh bảo đảm vệ sinh môi trường, cách xa nguồn nước sinh hoạt.")
    para(doc, "- Chủ trì, phối hợp với Nhân viên Thú y xã tổ chức Tháng hành động vệ sinh, tiêu độc, khử trùng môi trường "
              "chăn nuôi trên địa bàn xã trong tháng 9/2024.")
    heading(doc, "3. Công an xã")
    para(doc, "Chủ trì, phối hợp với Ban Chỉ huy Quân sự xã khẩn trương thành lập chốt kiểm dịch động vật tạm thời tại ngã "
              "ba Buôn Ea Ning; kiểm soát chặt chẽ việc vận chuyển lợn ra, vào vùng dịch; xử lý nghiêm các trường hợp vứt "
              "xác lợn chết ra môi trường.")
    heading(doc, "4. Công chức Văn hóa - Xã hội")
    para(doc, "Tuyên truyền trên hệ thống loa truyền thanh xã bằng tiếng Việt và tiếng Ê Đê về nguy cơ, biện pháp phòng, "
              "chống bệnh DTLCP; vận động người dân không giấu dịch, không bán chạy lợn bệnh.")
    heading(doc, "5. Công chức Tài chính - Kế toán")
    para(doc, "Tham mưu bố trí kinh phí từ nguồn dự phòng ngân sách xã để mua hóa chất, vôi bột phục vụ tiêu độc, khử trùng "
              "và hỗ trợ tiêu hủy lợn bệnh; hoàn thành chậm nhất ngày 16/8/2024.")
    heading(doc, "6. Trưởng các thôn, buôn")
    para(doc, "- Tổ chức cho 100% hộ chăn nuôi lợn ký cam kết không giấu dịch, không bán chạy lợn bệnh, không vứt xác lợn "
              "chết ra môi trường; gửi bản cam kết về UBND xã (qua Nhân viên Thú y xã) trước ngày 25 tháng 8 năm 2024.")
    para(doc, "- Riêng Trưởng các thôn, buôn: Buôn Ea Ning, Buôn Ea Tlả, Thôn 4 (vùng có dịch và vùng bị dịch uy hiếp) "
              "phân công người theo dõi 24/24 giờ, phát hiện sớm lợn có biểu hiện bệnh, báo cáo ngay cho Nhân viên Thú y xã.")
    para(doc, [("7. Giao công chức Văn phòng - Thống kê", "b"),
               (" theo dõi, đôn đốc các bộ phận, thôn, buôn thực hiện văn bản này; tổng hợp, tham mưu Chủ tịch UBND xã "
                "báo cáo UBND huyện theo quy định.", "")])
    para(doc, "Yêu cầu cán bộ, công chức và Trưởng các thôn, buôn nghiêm túc triển khai thực hiện./.")
    signature_block(doc, ["Như trên;", "UBND huyện Cư Kuin (b/c);", "Trạm Chăn nuôi và Thú y huyện;",
                          "TT Đảng ủy, TT HĐND xã;", "CT, các PCT UBND xã;", "Lưu: VT."],
                    ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], "H'Bla Êban")
    return doc


# ---------------------------------------------------------------- 4. Sở TN&MT Hà Tĩnh: a provincial department
def ha_tinh():
    doc = new_document("V/v tăng cường quản lý hoạt động khai thác cát, sỏi lòng sông")
    header_block(doc, "UBND TỈNH HÀ TĨNH", "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG", "Số: 3318/STNMT-KS",
                 "V/v tăng cường quản lý hoạt động khai thác cát, sỏi lòng sông và bảo vệ khoáng sản chưa khai thác",
                 "Hà Tĩnh, ngày 10 tháng 7 năm 2024", left_top_bold=False)
    kinh_gui(doc, ["UBND các huyện, thị xã, thành phố;", "Công an tỉnh;",
                   "Các tổ chức, cá nhân được cấp phép khai thác cát, sỏi lòng sông trên địa bàn tỉnh."])
    para(doc, "Thực hiện Nghị định số 23/2020/NĐ-CP ngày 24/02/2020 của Chính phủ quy định về quản lý cát, sỏi lòng sông và "
              "bảo vệ lòng, bờ, bãi sông; Văn bản số 3785/UBND-NL4 ngày 17/6/2024 của UBND tỉnh về việc tăng cường quản lý "
              "nhà nước đối với hoạt động khai thác cát, sỏi lòng sông trong mùa mưa lũ năm 2024;")
    para(doc, "Qua kiểm tra đột xuất ngày 27/6/2024 tại các mỏ cát trên sông Ngàn Phố (huyện Hương Sơn) và sông La (huyện "
              "Đức Thọ), Đoàn kiểm tra của Sở phát hiện 02 tổ chức khai thác vượt công suất được cấp phép, 01 tổ chức tập "
              "kết cát ngoài phạm vi bãi chứa được cấp phép (Công ty TNHH Thương mại và Xây dựng Hồng Lam); một số mỏ chưa "
              "lắp đặt camera giám sát tại vị trí xuất cát, sỏi khỏi mỏ theo quy định.")
    para(doc, "Trên cơ sở ý kiến thống nhất tại cuộc họp giữa Sở Tài nguyên và Môi trường với UBND các huyện có mỏ cát ngày "
              "04/7/2024, Sở Tài nguyên và Môi trường đề nghị các cơ quan, đơn vị, tổ chức, cá nhân thực hiện một số nội "
              "dung sau:")
    heading(doc, "1. UBND các huyện: Hương Sơn, Đức Thọ, Vũ Quang, Hương Khê")
    para(doc, "a) Chỉ đạo UBND các xã ven sông tăng cường kiểm tra, giám sát, kịp thời phát hiện, ngăn chặn hoạt động khai "
              "thác cát, sỏi trái phép; xử lý trách nhiệm người đứng đầu chính quyền cấp xã để xảy ra khai thác trái phép "
              "kéo dài.")
    para(doc, "b) Rà soát, cập nhật phương án bảo vệ khoáng sản chưa khai thác trên địa bàn năm 2024, gửi về Sở Tài nguyên "
              "và Môi trường trong Quý III/2024.")
    heading(doc, "2. UBND các huyện, thị xã, thành phố")
    para(doc, "- Định kỳ hằng quý, trước ngày 15 của tháng cuối quý, báo cáo tình hình quản lý hoạt động khai thác cát, sỏi "
              "trên địa bàn về Sở Tài nguyên và Môi trường (qua Phòng Khoáng sản).")
    para(doc, "- Tổng hợp kết quả thực hiện công tác bảo vệ khoáng sản chưa khai thác năm 2024, gửi về Sở trước ngày "
              "15/12/2024.")
    heading(doc, "3. Các tổ chức, cá nhân được cấp phép khai thác cát, sỏi")
    para(doc, "- Khai thác đúng vị trí, ranh giới, độ sâu, công suất theo giấy phép được cấp; không tập kết cát, sỏi ngoài "
              "phạm vi bãi chứa đã được cho phép.")
    para(doc, "- Lắp đặt camera giám sát tại vị trí xuất cát, sỏi khỏi mỏ và trạm cân, lưu trữ dữ liệu theo quy định; hoàn "
              "thành trong thời hạn 30 ngày kể từ ngày ký văn bản này.")
    para(doc, "- Riêng Công ty TNHH Thương mại và Xây dựng Hồng Lam: dừng ngay việc tập kết cát ngoài phạm vi bãi chứa được "
              "cấp phép, khắc phục hiện trạng và báo cáo kết quả khắc phục bằng văn bản về Sở chậm nhất ngày 25 tháng 7 "
              "năm 2024.")
    heading(doc, "4. Phòng Khoáng sản")
    para(doc, "Chủ trì, phối hợp với Thanh tra Sở kiểm tra việc lắp đặt camera giám sát, trạm cân tại các mỏ cát, sỏi; hoàn "
              "thành đợt kiểm tra trong tháng 8/2024.")
    heading(doc, "5. Thanh tra Sở")
    para(doc, "Khẩn trương lập hồ sơ, xử lý nghiêm theo Nghị định số 36/2020/NĐ-CP ngày 24/3/2020 của Chính phủ đối với 02 "
              "tổ chức khai thác vượt công suất được phát hiện qua đợt kiểm tra ngày 27/6/2024.")
    heading(doc, "6. Đề nghị Công an tỉnh")
    para(doc, "Chỉ đạo Phòng Cảnh sát phòng, chống tội phạm về môi trường phối hợp với Thanh tra Sở, UBND các huyện điều "
              "tra, xử lý các đối tượng khai thác, vận chuyển, mua bán cát, sỏi trái phép.")
    para(doc, [("7. Giao Văn phòng Sở", "b"),
               (" theo dõi, đôn đốc các đơn vị thực hiện; tổng hợp, báo cáo Giám đốc Sở kết quả thực hiện trước ngày "
                "20/12/2024.", "")])
    para(doc, "Đề nghị các cơ quan, đơn vị, tổ chức, cá nhân quan tâm, phối hợp thực hiện./.")
    signature_block(doc, ["Như trên;", "UBND tỉnh (để b/c);", "Giám đốc, các PGĐ Sở;",
                          "Thanh tra Sở, Phòng Khoáng sản, Văn phòng Sở (t/h);", "Cổng TTĐT Sở;", "Lưu: VT, KS."],
                    ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"], "Phan Đình Khôi", signed_mark=True)
    return doc


DOCS = {
    "nghi-loc-2024-2847-UBND-VP-CCHC.docx": nghi_loc,
    "ben-cat-2023-4126-UBND-QLDT-trat-tu-xay-dung.docx": ben_cat,
    "cu-e-wi-2024-UBND-dich-ta-lon.docx": cu_e_wi,
    "ha-tinh-2024-3318-STNMT-KS-cat-soi.docx": ha_tinh,
}


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    for name, build in DOCS.items():
        build().save(OUT / name)
        print("wrote", OUT / name)


if __name__ == "__main__":
    main()
