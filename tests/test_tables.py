"""Task rows from Markdown pipe tables (issue 7)."""
from __future__ import annotations

from knowledge.tables import TableRow, classify_heading, find_pipe_tables, find_task_tables, split_units

PLAN = """KẾ HOẠCH
Cải cách hành chính năm 2024

Phụ lục: Danh mục nhiệm vụ

| TT | Nội dung nhiệm vụ | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian hoàn thành | Sản phẩm |
| --- | --- | --- | --- | --- | --- |
| I | Nhiệm vụ chung | | | | |
| 1 | Rà soát, công bố danh mục thủ tục hành chính | Văn phòng HĐND và UBND huyện | Các phòng, ban; UBND các xã, thị trấn | Trước 30/6/2024 | Quyết định công bố |
| 2 | Tuyên truyền cải cách hành chính | Phòng Văn hóa và Thông tin<br>Trung tâm Văn hóa - Truyền thông | | Quý III/2024 | Tin, bài |
| II. Nhiệm vụ cụ thể | | | | | |
| 1 | Kiểm tra công vụ đột xuất | Phòng Nội vụ | Sở Nội vụ, Sở Tài chính | Hằng quý | Báo cáo |
| 2 | Số hóa hồ sơ thủ tục hành chính | | UBND các huyện, thị xã, thành phố | | nt |

Văn bản này có hiệu lực kể từ ngày ký.
"""


def test_columns_groups_and_offsets() -> None:
    rows = find_task_tables(PLAN)
    assert [r.clause for r in rows] == ["I.1", "I.2", "II.1", "II.2"]
    first = rows[0]
    assert first == TableRow(
        clause="I.1",
        action="Rà soát, công bố danh mục thủ tục hành chính",
        leads=("Văn phòng HĐND và UBND huyện",),
        coordinators=("Các phòng, ban", "UBND các xã, thị trấn"),
        deadline_text="Trước 30/6/2024",
        product="Quyết định công bố",
        start=PLAN.index("| TT"),
        end=PLAN.index("| nt |") + len("| nt |"),
    )
    assert rows[1].leads == ("Phòng Văn hóa và Thông tin", "Trung tâm Văn hóa - Truyền thông")
    assert rows[1].coordinators == ()  # an empty coordinator cell stays empty
    assert rows[2].coordinators == ("Sở Nội vụ", "Sở Tài chính")
    assert rows[2].deadline_text == "Hằng quý"
    # II.2: lead and deadline cells merged with the row above, "nt" repeats the product
    assert rows[3].leads == ("Phòng Nội vụ",)
    assert rows[3].deadline_text == "Hằng quý"
    assert rows[3].product == "Báo cáo"
    assert rows[3].coordinators == ("UBND các huyện, thị xã, thành phố",)
    assert PLAN[first.start:first.end].startswith("| TT |")
    assert PLAN[first.end:].startswith("\n\nVăn bản này")


def test_columns_in_any_order_with_variants() -> None:
    text = (
        "| Thời hạn | Cơ quan chủ trì | STT | Nội dung công việc | Cơ quan phối hợp | Kết quả |\n"
        "|---|---|---|---|---|---|\n"
        "| 15/3/2024 | Sở Tư pháp | 1 | Rà soát văn bản quy phạm pháp luật | Các sở, ban, ngành | Báo cáo |\n"
        "| Tháng 6/2024 | Sở Nội vụ; Sở Tài chính | 2 | Kiện toàn bộ phận một cửa | - | Quyết định |\n"
    )
    rows = find_task_tables(text)
    assert [(r.clause, r.action, r.leads, r.coordinators, r.deadline_text, r.product) for r in rows] == [
        ("1", "Rà soát văn bản quy phạm pháp luật", ("Sở Tư pháp",), ("Các sở, ban, ngành",), "15/3/2024", "Báo cáo"),
        ("2", "Kiện toàn bộ phận một cửa", ("Sở Nội vụ", "Sở Tài chính"), (), "Tháng 6/2024", "Quyết định"),
    ]


def test_two_row_heading_and_numbered_sub_rows() -> None:
    text = (
        "| TT | Nhiệm vụ | Cơ quan thực hiện | | Tiến độ |\n"
        "| --- | --- | --- | --- | --- |\n"
        "| | | Chủ trì | Phối hợp | |\n"
        "| 1 | Cải cách thể chế | | | |\n"
        "| 1.1 | Xây dựng kế hoạch kiểm tra văn bản | Phòng Tư pháp | Văn phòng HĐND và UBND | Quý I |\n"
        "| 1.2 | Tự kiểm tra văn bản | Phòng Tư pháp | | Quý IV |\n"
        "| 2 | Cải cách thủ tục hành chính | | | |\n"
        "| a | Công khai thủ tục | Văn phòng HĐND và UBND | UBND các xã, phường | Thường xuyên |\n"
    )
    rows = find_task_tables(text)
    assert [r.clause for r in rows] == ["1.1", "1.2", "2.a"]
    assert rows[0].leads == ("Phòng Tư pháp",) and rows[0].coordinators == ("Văn phòng HĐND và UBND",)
    assert rows[2].coordinators == ("UBND các xã, phường",)
    assert rows[1].deadline_text == "Quý IV"


def test_combined_lead_and_coordinator_column() -> None:
    text = (
        "| TT | Nội dung | Đơn vị chủ trì, phối hợp | Thời gian |\n"
        "|---|---|---|---|\n"
        "| 1 | Tổ chức hội nghị | Chủ trì: Sở Nội vụ; phối hợp: Sở Tài chính, Văn phòng UBND tỉnh | Tháng 10 |\n"
    )
    (row,) = find_task_tables(text)
    assert row.leads == ("Sở Nội vụ",)
    assert row.coordinators == ("Sở Tài chính", "Văn phòng UBND tỉnh")


def test_tables_that_are_not_task_tables_are_ignored() -> None:
    text = (
        "| Xếp loại | Số xã |\n|---|---|\n| Tốt | 1 |\n| Khá | 9 |\n\n"
        "| Họ và tên | Chức vụ |\n|---|---|\n| Nguyễn Văn A | Chủ tịch |\n"
    )
    assert len(find_pipe_tables(text)) == 2
    assert find_task_tables(text) == []
    assert find_task_tables("Không có bảng nào.\n\n1. Giao Sở Nội vụ.") == []


def test_uppercase_heading_rows_and_ditto() -> None:
    text = (
        "| STT | Nhiệm vụ | Chủ trì | Thời gian hoàn thành |\n|---|---|---|---|\n"
        "| | NHIỆM VỤ TRỌNG TÂM | | |\n"
        "| 1 | Đánh giá chỉ số CCHC | Sở Nội vụ | 31/12/2024 |\n"
        "| 2 | Báo cáo chỉ số hài lòng | như trên | nt |\n"
    )
    rows = find_task_tables(text)
    assert [(r.clause, r.leads, r.deadline_text) for r in rows] == [
        ("1", ("Sở Nội vụ",), "31/12/2024"), ("2", ("Sở Nội vụ",), "31/12/2024")]


def test_split_units() -> None:
    assert split_units("UBND các xã, thị trấn") == ("UBND các xã, thị trấn",)
    assert split_units("UBND các huyện, thị xã, thành phố") == ("UBND các huyện, thị xã, thành phố",)
    assert split_units("Các sở, ban, ngành; UBND các xã, phường") == ("Các sở, ban, ngành", "UBND các xã, phường")
    assert split_units("Sở Nội vụ, Sở Tài chính, Sở Tư pháp") == ("Sở Nội vụ", "Sở Tài chính", "Sở Tư pháp")
    assert split_units("- Phòng Nội vụ<br>- Phòng Tư pháp.") == ("Phòng Nội vụ", "Phòng Tư pháp")
    assert split_units("Phòng Văn hóa và Thông tin") == ("Phòng Văn hóa và Thông tin",)
    assert split_units("Văn phòng HĐND và UBND huyện, các cơ quan liên quan") == (
        "Văn phòng HĐND và UBND huyện", "các cơ quan liên quan")
    assert split_units("") == ()


def test_classify_heading() -> None:
    assert classify_heading("TT") == "tt"
    assert classify_heading("S.TT") == "tt"
    assert classify_heading("Nội dung nhiệm vụ") == "action"
    assert classify_heading("Đơn vị chủ trì") == "lead"
    assert classify_heading("Cơ quan chủ trì") == "lead"
    assert classify_heading("Chủ trì") == "lead"
    assert classify_heading("Đơn vị thực hiện") == "lead"
    assert classify_heading("Đơn vị phối hợp") == "coord"
    assert classify_heading("Phối hợp") == "coord"
    assert classify_heading("Thời gian hoàn thành") == "deadline"
    assert classify_heading("Thời hạn") == "deadline"
    assert classify_heading("Tiến độ") == "deadline"
    assert classify_heading("Sản phẩm") == "product"
    assert classify_heading("Kết quả/sản phẩm") == "product"
    assert classify_heading("Ghi chú") == "note"
    assert classify_heading("Xếp loại") is None


def test_a_table_written_without_outer_pipes() -> None:
    text = ("PHỤ LỤC\n\nSTT | Nội dung | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian hoàn thành\n"
            "----|----------|----------------|-----------------|---------------------\n"
            "1 | Kiện toàn Tổ công nghệ số cộng đồng | Công chức Văn hóa - Xã hội | Trưởng các thôn | Trước ngày 10/3/2025\n"
            "2 | Lắp đặt wifi miễn phí | Công chức Văn hóa - Xã hội | Doanh nghiệp viễn thông | Quý II/2025\n"
            "\nMột dòng có | hai | gạch đứng nhưng không phải bảng.\n")
    rows = find_task_tables(text)
    assert [(r.clause, r.action, r.leads, r.coordinators, r.deadline_text) for r in rows] == [
        ("1", "Kiện toàn Tổ công nghệ số cộng đồng", ("Công chức Văn hóa - Xã hội",), ("Trưởng các thôn",),
         "Trước ngày 10/3/2025"),
        ("2", "Lắp đặt wifi miễn phí", ("Công chức Văn hóa - Xã hội",), ("Doanh nghiệp viễn thông",), "Quý II/2025"),
    ]
    assert text[rows[0].start:rows[0].end].startswith("STT |") and text[rows[0].start:rows[0].end].endswith("Quý II/2025")
    # a line of text with pipes and no separator row under it is no table
    assert len(find_pipe_tables(text)) == 1
