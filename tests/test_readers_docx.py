"""The .docx reader on Word files built here with python-docx (issue 7)."""
from __future__ import annotations

from pathlib import Path

import pytest

docx = pytest.importorskip("docx")
from docx.enum.text import WD_BREAK  # noqa: E402
from docx.opc.constants import RELATIONSHIP_TYPE as RT  # noqa: E402
from docx.opc.packuri import PackURI  # noqa: E402
from docx.opc.part import Part  # noqa: E402
from docx.oxml import OxmlElement, parse_xml  # noqa: E402
from docx.oxml.ns import qn  # noqa: E402

from knowledge.errors import UnreadableDocument  # noqa: E402
from knowledge.readers import read_document  # noqa: E402
from knowledge.tables import find_task_tables  # noqa: E402

SHARED = Path(__file__).resolve().parents[2] / "shared"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def add_footnotes(document, notes: dict[int, str]) -> None:
    """python-docx has no footnote API: add word/footnotes.xml and its relationship."""
    body = "".join(
        f'<w:footnote w:id="{i}"><w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r>'
        f'<w:r><w:t xml:space="preserve"> {text}</w:t></w:r></w:p></w:footnote>'
        for i, text in notes.items()
    )
    xml = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes xmlns:w="{W_NS}">'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
        f"{body}</w:footnotes>"
    ).encode("utf-8")
    part = Part(PackURI("/word/footnotes.xml"),
                "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml", xml, document.part.package)
    document.part.relate_to(part, RT.FOOTNOTES)


def footnote_ref(paragraph, note_id: int) -> None:
    run = paragraph.add_run()
    rpr = OxmlElement("w:rPr")
    va = OxmlElement("w:vertAlign")
    va.set(qn("w:val"), "superscript")
    rpr.append(va)
    run._r.append(rpr)
    ref = OxmlElement("w:footnoteReference")
    ref.set(qn("w:id"), str(note_id))
    run._r.append(ref)


def page_field(paragraph) -> None:
    fld = parse_xml(f'<w:fldSimple xmlns:w="{W_NS}" w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>')
    paragraph._p.append(fld)


def no_borders(table) -> None:
    tbl_pr = table._tbl.tblPr
    borders = parse_xml(f'<w:tblBorders xmlns:w="{W_NS}">' + "".join(
        f'<w:{side} w:val="nil"/>' for side in ("top", "left", "bottom", "right", "insideH", "insideV")) + "</w:tblBorders>")
    tbl_pr.append(borders)


def build_plan(path: Path) -> Path:
    d = docx.Document()
    section = d.sections[0]
    section.header.paragraphs[0].text = "UBND HUYỆN SƠN DƯƠNG - KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH"
    page_field(section.footer.paragraphs[0])  # footer: just the page number

    head = d.add_table(rows=2, cols=2)
    no_borders(head)
    left, right = head.rows[0].cells
    left.paragraphs[0].add_run("ỦY BAN NHÂN DÂN").bold = True
    left.add_paragraph().add_run("HUYỆN SƠN DƯƠNG").bold = True
    right.paragraphs[0].add_run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM").bold = True
    right.add_paragraph().add_run("Độc lập - Tự do - Hạnh phúc").bold = True
    head.rows[1].cells[0].paragraphs[0].add_run("Số: 45/KH-UBND")
    head.rows[1].cells[1].paragraphs[0].add_run("Sơn Dương, ngày 05 tháng 3 năm 2024").italic = True

    d.add_paragraph().add_run("KẾ HOẠCH").bold = True
    p = d.add_paragraph("Thực hiện Kế hoạch số 20/KH-UBND của UBND tỉnh")
    footnote_ref(p, 1)
    p.add_run(", UBND huyện ban hành kế hoạch như sau:")
    add_footnotes(d, {1: "Kế hoạch số 20/KH-UBND ngày 10/01/2024 của UBND tỉnh Tuyên Quang."})

    heading = d.add_paragraph()
    heading.add_run("I. MỤC ĐÍCH, YÊU CẦU").bold = True
    d.add_paragraph("Nâng cao chỉ số cải cách hành chính của huyện.", style="List Number")
    d.add_paragraph("Tăng tỷ lệ hồ sơ trực tuyến toàn trình.", style="List Number")
    mixed = d.add_paragraph()
    mixed.add_run("1. Phòng Nội vụ:").bold = True
    mixed.add_run(" tham mưu tổng hợp, báo cáo trước ngày ")
    mixed.add_run("15/12/2024").bold = True
    mixed.add_run(".")
    br = d.add_paragraph("Kính gửi:")
    br.add_run().add_break()
    br.add_run("- Các phòng, ban;")
    br.add_run().add_break(WD_BREAK.LINE)
    br.add_run("- UBND các xã, thị trấn.")

    table = d.add_table(rows=6, cols=5)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ["TT", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian hoàn thành"]):
        cell.text = text
    group = table.rows[1].cells[0].merge(table.rows[1].cells[4])
    group.text = "I. Nhiệm vụ chung"
    data = [
        ["1", "Rà soát thủ tục hành chính", "Văn phòng HĐND và UBND huyện", "Các phòng, ban; UBND các xã, thị trấn", "Trước 30/6/2024"],
        ["2", "Công khai thủ tục hành chính", "", "UBND các xã, thị trấn", "Quý III/2024"],
        ["3", "Kiểm tra công vụ", "Phòng Nội vụ", "", "Hằng quý"],
        ["4", "Đánh giá cán bộ", "Phòng Nội vụ", "Các cơ quan, đơn vị", "Tháng 12/2024"],
    ]
    for r, values in enumerate(data, start=2):
        for c, value in enumerate(values):
            if value:
                table.cell(r, c).text = value
    table.cell(2, 2).merge(table.cell(3, 2))  # lead merged over rows 1 and 2
    table.cell(4, 4).merge(table.cell(5, 4))  # "Hằng quý" ... merged with "Tháng 12/2024"

    d.add_paragraph("Yêu cầu các cơ quan, đơn vị nghiêm túc thực hiện./.")
    sign = d.add_table(rows=1, cols=2)
    no_borders(sign)
    sign.rows[0].cells[0].paragraphs[0].add_run("Nơi nhận:").bold = True
    sign.rows[0].cells[0].add_paragraph("- Như trên;")
    sign.rows[0].cells[0].add_paragraph("- Lưu: VT.")
    sign.rows[0].cells[1].paragraphs[0].add_run("TM. ỦY BAN NHÂN DÂN").bold = True
    sign.rows[0].cells[1].add_paragraph().add_run("CHỦ TỊCH").bold = True
    sign.rows[0].cells[1].add_paragraph().add_run("Phạm Văn Lương").bold = True
    d.save(path)
    return path


@pytest.fixture(scope="module")
def plan(tmp_path_factory) -> tuple[Path, str]:
    path = build_plan(tmp_path_factory.mktemp("docx") / "ke-hoach.docx")
    return path, read_document(path)


def test_header_block_is_paragraphs_like_the_markdown_samples(plan) -> None:
    _, text = plan
    paras = text.split("\n\n")
    i = paras.index("**ỦY BAN NHÂN DÂN\nHUYỆN SƠN DƯƠNG**")
    assert paras[i + 1] == "**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc**"
    assert paras[i + 2] == "Số: 45/KH-UBND"
    assert paras[i + 3] == "Sơn Dương, ngày 05 tháng 3 năm 2024"
    assert "|" not in "\n".join(paras[: i + 4])


def test_page_header_kept_page_number_footer_dropped(plan) -> None:
    _, text = plan
    assert text.startswith("UBND HUYỆN SƠN DƯƠNG - KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH\n\n")
    assert not text.rstrip().endswith("1")
    assert text.rstrip().endswith("Phạm Văn Lương**")


def test_bold_paragraphs_and_spans(plan) -> None:
    _, text = plan
    paras = text.split("\n\n")
    assert "**KẾ HOẠCH**" in paras
    assert "**I. MỤC ĐÍCH, YÊU CẦU**" in paras
    assert "**1. Phòng Nội vụ:** tham mưu tổng hợp, báo cáo trước ngày **15/12/2024**." in paras


def test_footnote_marked_and_kept_as_text(plan) -> None:
    _, text = plan
    paras = text.split("\n\n")
    i = paras.index("Thực hiện Kế hoạch số 20/KH-UBND của UBND tỉnh¹, UBND huyện ban hành kế hoạch như sau:")
    assert paras[i + 1] == "¹ Kế hoạch số 20/KH-UBND ngày 10/01/2024 của UBND tỉnh Tuyên Quang."


def test_automatic_numbering_and_line_breaks(plan) -> None:
    _, text = plan
    paras = text.split("\n\n")
    assert "1. Nâng cao chỉ số cải cách hành chính của huyện." in paras
    assert "2. Tăng tỷ lệ hồ sơ trực tuyến toàn trình." in paras
    assert "Kính gửi:\n- Các phòng, ban;\n- UBND các xã, thị trấn." in paras


def test_task_table_with_merged_cells(plan) -> None:
    _, text = plan
    table = next(p for p in text.split("\n\n") if p.startswith("| TT"))
    lines = table.split("\n")
    assert lines[0] == "| TT | Nội dung nhiệm vụ | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian hoàn thành |"
    assert lines[2] == "| I. Nhiệm vụ chung |  |  |  |  |"  # the merged group row written once
    rows = find_task_tables(text)
    assert [(r.clause, r.action, r.leads, r.coordinators, r.deadline_text) for r in rows] == [
        ("I.1", "Rà soát thủ tục hành chính", ("Văn phòng HĐND và UBND huyện",), ("Các phòng, ban", "UBND các xã, thị trấn"), "Trước 30/6/2024"),
        ("I.2", "Công khai thủ tục hành chính", ("Văn phòng HĐND và UBND huyện",), ("UBND các xã, thị trấn",), "Quý III/2024"),
        ("I.3", "Kiểm tra công vụ", ("Phòng Nội vụ",), (), "Hằng quý Tháng 12/2024"),
        ("I.4", "Đánh giá cán bộ", ("Phòng Nội vụ",), ("Các cơ quan, đơn vị",), "Hằng quý Tháng 12/2024"),
    ]


def test_signature_block_is_paragraphs(plan) -> None:
    _, text = plan
    paras = text.split("\n\n")
    assert "**Nơi nhận:**\n- Như trên;\n- Lưu: VT." in paras
    assert "**TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nPhạm Văn Lương**" in paras


def test_legacy_font_runs_are_converted(tmp_path: Path) -> None:
    d = docx.Document()
    p = d.add_paragraph()
    r = p.add_run("Uû ban nh©n d©n")
    r.font.name = ".VnTimeH"
    r = d.add_paragraph().add_run("Giao Phßng Néi vô chñ tr× thùc hiÖn tr\xadíc ngµy 15/12/2024.")
    r.font.name = ".VnTime"
    r = d.add_paragraph().add_run("Giao Sôû Taøi chính phoái hôïp.")
    r.font.name = "VNI-Times"
    d.add_paragraph("Câu này đã là Unicode: Phòng Tư pháp.")
    d.add_paragraph("C¸c x· b¸o c¸o kÕt qu¶ vÒ UBND huyÖn.")  # no font hint: detected from the text
    d.save(tmp_path / "legacy.docx")
    assert read_document(tmp_path / "legacy.docx").split("\n\n") == [
        "UỶ BAN NHÂN DÂN",
        "Giao Phòng Nội vụ chủ trì thực hiện trước ngày 15/12/2024.",
        "Giao Sở Tài chính phối hợp.",
        "Câu này đã là Unicode: Phòng Tư pháp.",
        "Các xã báo cáo kết quả về UBND huyện.",
    ]


def test_tab_separated_number_and_date_are_two_paragraphs(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_paragraph("Số: 12/UBND-VP\t\tNgã Năm, ngày 10 tháng 5 năm 2022")
    d.add_paragraph("Họ tên\tChức vụ")
    d.save(tmp_path / "tabs.docx")
    assert read_document(tmp_path / "tabs.docx").split("\n\n") == [
        "Số: 12/UBND-VP", "Ngã Năm, ngày 10 tháng 5 năm 2022", "Họ tên Chức vụ"]


def test_unreadable_files(tmp_path: Path) -> None:
    (tmp_path / "old.docx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    with pytest.raises(UnreadableDocument) as err:
        read_document(tmp_path / "old.docx")
    assert err.value.reason == "legacy_doc"
    (tmp_path / "junk.docx").write_bytes(b"this is not a zip file at all")
    with pytest.raises(UnreadableDocument) as err:
        read_document(tmp_path / "junk.docx")
    assert err.value.reason == "binary"
    (tmp_path / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(UnreadableDocument) as err:
        read_document(tmp_path / "old.doc")
    assert err.value.reason == "legacy_doc"
    d = docx.Document()
    d.save(tmp_path / "empty.docx")
    with pytest.raises(UnreadableDocument) as err:
        read_document(tmp_path / "empty.docx")
    assert err.value.reason == "empty"


@pytest.mark.skipif(not (SHARED / "directives-docx").is_dir(), reason="shared sample directives not present")
def test_sample_directives_read_like_the_markdown() -> None:
    from knowledge.text import fold

    for md in sorted((SHARED / "directives").glob("*.md")):
        text = read_document(SHARED / "directives-docx" / f"{md.stem}.docx")
        ref = md.read_text(encoding="utf-8")
        # the same paragraphs with the same words (markup and diacritics aside)
        assert [fold(p.replace("*", "")) for p in text.split("\n\n")] == [
            fold(p.replace("*", "")) for p in ref.split("\n\n") if p.strip()], md.stem


def test_tracked_changes_hyperlinks_and_fields(tmp_path: Path) -> None:
    d = docx.Document()
    p = d.add_paragraph("Giao Phòng ")
    p._p.append(parse_xml(
        f'<w:del xmlns:w="{W_NS}" w:id="1" w:author="a"><w:r><w:delText>Tư pháp</w:delText></w:r></w:del>'))
    p._p.append(parse_xml(
        f'<w:ins xmlns:w="{W_NS}" w:id="2" w:author="a"><w:r><w:t>Nội vụ</w:t></w:r></w:ins>'))
    p.add_run(" đăng tải lên ")
    p._p.append(parse_xml(
        f'<w:hyperlink xmlns:w="{W_NS}" w:anchor="x"><w:r><w:t>Cổng thông tin điện tử</w:t></w:r></w:hyperlink>'))
    p._p.append(parse_xml(
        f'<w:r xmlns:w="{W_NS}"><w:fldChar w:fldCharType="begin"/></w:r>'))
    p._p.append(parse_xml(f'<w:r xmlns:w="{W_NS}"><w:instrText> DATE \\@ "dd/MM/yyyy" </w:instrText></w:r>'))
    p._p.append(parse_xml(f'<w:r xmlns:w="{W_NS}"><w:fldChar w:fldCharType="separate"/></w:r>'))
    p._p.append(parse_xml(f'<w:r xmlns:w="{W_NS}"><w:t xml:space="preserve"> trước 31/12/2024</w:t></w:r>'))
    p._p.append(parse_xml(f'<w:r xmlns:w="{W_NS}"><w:fldChar w:fldCharType="end"/></w:r>'))
    p.add_run(".")
    d.save(tmp_path / "changes.docx")
    assert read_document(tmp_path / "changes.docx") == (
        "Giao Phòng Nội vụ đăng tải lên Cổng thông tin điện tử trước 31/12/2024.")
