"""The .pdf reader on PDFs built here with fpdf2 (issue 7)."""
from __future__ import annotations

from pathlib import Path

import pytest

fpdf = pytest.importorskip("fpdf")

from knowledge.errors import UnreadableDocument  # noqa: E402
from knowledge.readers import read_document  # noqa: E402
from knowledge.tables import find_task_tables  # noqa: E402

SHARED = Path(__file__).resolve().parents[2] / "shared"
FONT_DIRS = [Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"), Path("/usr/local/share/fonts")]


def _font(name: str) -> Path | None:
    for d in FONT_DIRS:
        if (d / name).is_file():
            return d / name
    hits = sorted(Path("/usr/share/fonts").rglob(name)) if Path("/usr/share/fonts").is_dir() else []
    return hits[0] if hits else None


REGULAR, BOLD = _font("DejaVuSerif.ttf") or _font("DejaVuSans.ttf"), _font("DejaVuSerif-Bold.ttf") or _font("DejaVuSans-Bold.ttf")
pytestmark = pytest.mark.skipif(
    REGULAR is None or BOLD is None,
    reason="a Unicode TTF font (DejaVu) is needed to write Vietnamese into a PDF: apt-get install fonts-dejavu-core",
)


class Writer:
    """Places lines at exact positions (points, y = baseline from the top), like a word processor would."""

    def __init__(self) -> None:
        self.pdf = fpdf.FPDF(unit="pt", format="A4")
        self.pdf.add_font("body", "", str(REGULAR))
        self.pdf.add_font("body", "B", str(BOLD))
        self.pages = 0

    def page(self, header: str | None = None, footer: str | None = None) -> None:
        self.pdf.add_page()
        self.pages += 1
        if header:
            self.text(72, 40, header, size=9)
        if footer:
            self.text(280, 815, footer, size=9)

    def text(self, x: float, y: float, text: str, size: float = 12, bold: bool = False) -> None:
        self.pdf.set_font("body", "B" if bold else "", size)
        self.pdf.text(x, y, text)

    def runs(self, x: float, y: float, runs: list[tuple[str, bool]], size: float = 12) -> None:
        for text, bold in runs:
            self.text(x, y, text, size, bold)
            x += self.pdf.get_string_width(text)

    def save(self, path: Path) -> Path:
        self.pdf.output(str(path))
        return path


def build_directive(path: Path) -> Path:
    w = Writer()
    w.page(header="UBND HUYỆN SƠN DƯƠNG - Công văn 276/UBND-NV", footer="Trang 1/2")
    # the header block in two columns
    w.text(72, 80, "ỦY BAN NHÂN DÂN", bold=True)
    w.text(300, 80, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True)
    w.text(72, 96, "HUYỆN SƠN DƯƠNG", bold=True)
    w.text(300, 96, "Độc lập - Tự do - Hạnh phúc", bold=True)
    w.text(72, 124, "Số: 276/UBND-NV")
    w.text(300, 124, "Sơn Dương, ngày 02 tháng 12 năm 2019")
    w.text(72, 160, "Kính gửi:")
    w.text(72, 176, "- Các cơ quan chuyên môn thuộc huyện;")
    w.text(72, 192, "- Ủy ban nhân dân các xã, thị trấn.")
    # paragraphs with a first-line indent and no spacing between them, justified lines
    y = 220
    para1 = [
        "Thực hiện chỉ đạo của UBND tỉnh Tuyên Quang tại Văn bản số 3425/UBND-",
        "NC ngày 22/11/2019 về việc chấn chỉnh công tác cải cách hành chính; triển",
        "khai phần mềm VNPT-",
        "iGATE và tài liệu hướng dẫn sử dụng (user docu-",
        "mentation) tới các xã.",
    ]
    for k, line in enumerate(para1):
        w.text(100 if k == 0 else 72, y, line)
        y += 16
    para2 = [
        "Để kịp thời khắc phục những tồn tại, hạn chế và nâng cao chất lượng công tác",
        "cải cách hành chính trên địa bàn huyện¹, Ủy ban nhân dân huyện chỉ đạo:",
    ]
    for k, line in enumerate(para2):
        w.text(100 if k == 0 else 72, y, line)
        y += 16
    w.text(100, y + 8, "1. Phòng Nội vụ", bold=True)
    y += 30
    w.runs(100, y, [("2. Văn phòng HĐND và UBND huyện:", True), (" chủ trì, phối hợp với các cơ quan", False)])
    w.text(72, y + 16, "kiểm tra việc niêm yết thủ tục hành chính.")
    # a paragraph that runs over the page break, with a footnote at the foot of the page
    y += 46
    long_para = [
        "3. Giao Ủy ban nhân dân các xã, thị trấn rà soát toàn bộ hồ sơ thủ tục hành chính,",
        "cập nhật đầy đủ lên Hệ thống thông tin giải quyết thủ tục hành chính của tỉnh và báo",
    ]
    for line in long_para:
        w.text(100 if line.startswith("3.") else 72, y, line)
        y += 16
    w.text(72, 770, "¹ Theo Kế hoạch số 41/KH-UBND ngày 28/5/2016 của UBND tỉnh.", size=9)
    w.page(header="UBND HUYỆN SƠN DƯƠNG - Công văn 276/UBND-NV", footer="Trang 2/2")
    w.text(72, 80, "cáo kết quả về Ủy ban nhân dân huyện trước ngày 09/12/2019.")
    w.text(100, 110, "Yêu cầu Thủ trưởng các cơ quan, đơn vị nghiêm túc thực hiện./.")
    w.text(72, 150, "Nơi nhận:", bold=True)
    w.text(330, 150, "TM. ỦY BAN NHÂN DÂN", bold=True)
    w.text(72, 166, "- Như trên;")
    w.text(330, 166, "CHỦ TỊCH", bold=True)
    w.text(72, 182, "- Lưu: VT.")
    w.text(330, 240, "Phạm Văn Lương", bold=True)
    return w.save(path)


@pytest.fixture(scope="module")
def directive(tmp_path_factory) -> str:
    return read_document(build_directive(tmp_path_factory.mktemp("pdf") / "cong-van.pdf"))


def paras(text: str) -> list[str]:
    return text.split("\n\n")


def test_page_headers_and_numbers_removed(directive: str) -> None:
    assert "Công văn 276/UBND-NV" not in directive  # repeated page header
    assert "Trang" not in directive  # page numbers
    assert paras(directive)[0] == "**ỦY BAN NHÂN DÂN\nHUYỆN SƠN DƯƠNG**"


def test_two_column_header_block_read_column_by_column(directive: str) -> None:
    p = paras(directive)
    assert p[1] == "**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc**"
    assert p[2] == "Số: 276/UBND-NV"
    assert p[3] == "Sơn Dương, ngày 02 tháng 12 năm 2019"


def test_lines_reflowed_and_hyphenation_repaired(directive: str) -> None:
    assert (
        "Thực hiện chỉ đạo của UBND tỉnh Tuyên Quang tại Văn bản số 3425/UBND-NC ngày 22/11/2019 về việc "
        "chấn chỉnh công tác cải cách hành chính; triển khai phần mềm VNPT-iGATE và tài liệu hướng dẫn sử dụng "
        "(user documentation) tới các xã."
    ) in paras(directive)
    # a first-line indent starts a paragraph even without spacing
    assert ("Để kịp thời khắc phục những tồn tại, hạn chế và nâng cao chất lượng công tác cải cách hành chính "
            "trên địa bàn huyện¹, Ủy ban nhân dân huyện chỉ đạo:") in paras(directive)


def test_list_lines_and_numbered_items(directive: str) -> None:
    p = paras(directive)
    assert "Kính gửi:\n- Các cơ quan chuyên môn thuộc huyện;\n- Ủy ban nhân dân các xã, thị trấn." in p
    assert "**1. Phòng Nội vụ**" in p
    assert ("**2. Văn phòng HĐND và UBND huyện:** chủ trì, phối hợp với các cơ quan kiểm tra việc niêm yết "
            "thủ tục hành chính.") in p


def test_paragraph_over_page_break_joined_and_footnote_kept(directive: str) -> None:
    p = paras(directive)
    joined = ("3. Giao Ủy ban nhân dân các xã, thị trấn rà soát toàn bộ hồ sơ thủ tục hành chính, cập nhật đầy đủ "
              "lên Hệ thống thông tin giải quyết thủ tục hành chính của tỉnh và báo cáo kết quả về Ủy ban nhân dân "
              "huyện trước ngày 09/12/2019.")
    assert joined in p
    assert p[p.index(joined) + 1] == "¹ Theo Kế hoạch số 41/KH-UBND ngày 28/5/2016 của UBND tỉnh."


def test_signature_block(directive: str) -> None:
    p = paras(directive)
    assert "**Nơi nhận:**\n- Như trên;\n- Lưu: VT." in p
    assert "**TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH**" in p
    assert p[-1] == "**Phạm Văn Lương**"


def build_plan(path: Path, rows: int = 3) -> Path:
    pdf = fpdf.FPDF(unit="pt", format="A4")
    pdf.add_font("body", "", str(REGULAR))
    pdf.add_font("body", "B", str(BOLD))
    pdf.set_margins(56, 56)
    pdf.add_page()
    pdf.set_font("body", "B", 12)
    pdf.cell(0, 18, "PHỤ LỤC: DANH MỤC NHIỆM VỤ", new_x="LMARGIN", new_y="NEXT", align="C")
    pdf.set_font("body", "", 11)
    pdf.multi_cell(0, 15, "Kèm theo Kế hoạch số 45/KH-UBND ngày 05/3/2024 của UBND huyện.", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(8)
    data = [("TT", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian hoàn thành"),
            ("I", "Nhiệm vụ chung", "", "", "")]
    samples = [
        ("Rà soát, cập nhật danh mục thủ tục hành chính thuộc thẩm quyền giải quyết", "Văn phòng HĐND và UBND huyện",
         "Các phòng, ban; UBND các xã, thị trấn", "Trước 30/6/2024"),
        ("Tuyên truyền cải cách hành chính trên Cổng thông tin điện tử", "Phòng Văn hóa và Thông tin", "", "Quý III/2024"),
        ("Kiểm tra công vụ đột xuất tại bộ phận một cửa", "Phòng Nội vụ", "Văn phòng HĐND và UBND huyện", "Hằng quý"),
    ]
    for i in range(rows):
        action, lead, coord, deadline = samples[i % len(samples)]
        data.append((str(i + 1), f"{action} (đợt {i + 1})", lead, coord, deadline))
    with pdf.table(col_widths=(24, 150, 95, 95, 80), line_height=14, text_align="LEFT") as table:
        for values in data:
            row = table.row()
            for value in values:
                row.cell(value)
    pdf.ln(10)
    pdf.multi_cell(0, 15, "Các cơ quan, đơn vị báo cáo kết quả thực hiện về Phòng Nội vụ.")
    pdf.output(str(path))
    return path


def test_task_table(tmp_path: Path) -> None:
    text = read_document(build_plan(tmp_path / "phu-luc.pdf"))
    table = next(p for p in paras(text) if p.startswith("|"))
    assert table.split("\n")[0] == "| TT | Nội dung nhiệm vụ | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian hoàn thành |"
    rows = find_task_tables(text)
    assert [(r.clause, r.action, r.leads, r.coordinators, r.deadline_text) for r in rows] == [
        ("I.1", "Rà soát, cập nhật danh mục thủ tục hành chính thuộc thẩm quyền giải quyết (đợt 1)",
         ("Văn phòng HĐND và UBND huyện",), ("Các phòng, ban", "UBND các xã, thị trấn"), "Trước 30/6/2024"),
        ("I.2", "Tuyên truyền cải cách hành chính trên Cổng thông tin điện tử (đợt 2)",
         ("Phòng Văn hóa và Thông tin",), (), "Quý III/2024"),
        ("I.3", "Kiểm tra công vụ đột xuất tại bộ phận một cửa (đợt 3)",
         ("Phòng Nội vụ",), ("Văn phòng HĐND và UBND huyện",), "Hằng quý"),
    ]
    assert paras(text)[-1] == "Các cơ quan, đơn vị báo cáo kết quả thực hiện về Phòng Nội vụ."


def test_task_table_over_several_pages(tmp_path: Path) -> None:
    text = read_document(build_plan(tmp_path / "dai.pdf", rows=24))
    tables = [p for p in paras(text) if p.startswith("|")]
    assert len(tables) == 1  # continued on the next pages, heading row repeated there
    rows = find_task_tables(text)
    assert [r.clause for r in rows] == [f"I.{n}" for n in range(1, 25)]
    assert rows[-1].action == "Kiểm tra công vụ đột xuất tại bộ phận một cửa (đợt 24)"
    assert rows[-1].leads == ("Phòng Nội vụ",)


def test_scanned_pdf_needs_ocr(tmp_path: Path) -> None:
    from PIL import Image

    Image.new("RGB", (400, 560), "white").save(tmp_path / "scan.png")
    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.image(str(tmp_path / "scan.png"), x=10, y=10, w=190)
    pdf.output(str(tmp_path / "scan.pdf"))
    with pytest.raises(UnreadableDocument) as err:
        read_document(tmp_path / "scan.pdf")
    assert err.value.reason == "needs_ocr"
    assert err.value.path == "scan.pdf"

    blank = fpdf.FPDF()
    blank.add_page()
    blank.output(str(tmp_path / "blank.pdf"))
    with pytest.raises(UnreadableDocument) as err:
        read_document(tmp_path / "blank.pdf")
    assert err.value.reason == "needs_ocr"

    # scanned pages that only carry a printed page number
    w = Writer()
    for n in (1, 2):
        w.page(footer=f"Trang {n}/2")
        w.pdf.image(str(tmp_path / "scan.png"), x=40, y=40, w=500)
    w.save(tmp_path / "numbered-scan.pdf")
    with pytest.raises(UnreadableDocument) as err:
        read_document(tmp_path / "numbered-scan.pdf")
    assert err.value.reason == "needs_ocr"


def test_broken_pdf(tmp_path: Path) -> None:
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4\nthis is not really a pdf\n")
    with pytest.raises(UnreadableDocument) as err:
        read_document(tmp_path / "broken.pdf")
    assert err.value.reason in ("undecodable", "empty")


@pytest.mark.skipif(not (SHARED / "directives-pdf").is_dir(), reason="shared sample directives not present")
def test_sample_directives_read_like_the_markdown() -> None:
    from knowledge.text import fold

    for md in sorted((SHARED / "directives").glob("*.md")):
        text = read_document(SHARED / "directives-pdf" / f"{md.stem}.pdf")
        ref = md.read_text(encoding="utf-8")
        # page numbers gone, wrapped lines rejoined: the same paragraphs with the same words
        assert [fold(p.replace("*", "")) for p in text.split("\n\n")] == [
            fold(p.replace("*", "")) for p in ref.split("\n\n") if p.strip()], md.stem
