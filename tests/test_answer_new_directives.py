"""Answers over directives written for the tests (not the bundled ones)."""
from datetime import date

import pytest

from bot.render import render
from knowledge.answer import Engine
from knowledge.ingest import ingest_paths
from knowledge.store import Store
from knowledge.text import fold
from tests.directive_samples import BROKEN_PAGE, HA_GIANG, TAN_LAC_PLAN


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    d = tmp_path_factory.mktemp("docs")
    for name, text in (("ha-giang.md", HA_GIANG), ("tan-lac.md", TAN_LAC_PLAN), ("an-lao.md", BROKEN_PAGE)):
        (d / name).write_text(text, encoding="utf-8")
    store = Store(d / "kb.db")
    ingest_paths(store, [d])
    return Engine(store)


def ask(engine, q, today=date(2024, 3, 20)):
    return render(engine.ask(q, today=today))


def engine_over(folder, docs: dict[str, str]) -> Engine:
    """An engine over a store ingested from ``docs`` (file name -> text), written into ``folder``."""
    for name, text in docs.items():
        (folder / name).write_text(text, encoding="utf-8")
    store = Store(folder / "kb.db")
    ingest_paths(store, [folder])
    return Engine(store)


@pytest.mark.parametrize("question, expected", [
    ("Công an tỉnh Hà Giang báo cáo trước mấy giờ?", "14:00 ngày 05/12/2024"),
    ("phong tai chinh ke hoach tan lac phai trinh truoc ngay nao", "15/02/2024"),
    ("Kế hoạch chuyển đổi số được gia hạn đến ngày nào?", "15/05/2024"),
    ("Sở TT&TT phối hợp với ai?", "Công an tỉnh"),
    ("Ai phải số hóa hồ sơ, kết quả giải quyết thủ tục hành chính?", "UBND các xã, thị trấn"),
    ("UBND cấp xã phải thành lập tổ gì?", "Tổ công nghệ số cộng đồng"),
    ("Xã nào ở An Lão xếp loại tốt?", "An Hòa"),
])
def test_questions_on_new_directives(engine, question, expected):
    assert fold(expected) in fold(ask(engine, question))


def test_overdue_counts_days(engine):
    text = ask(engine, "việc nào đã quá hạn?", today=date(2024, 3, 27))
    assert "Sở Nội vụ" in text and "QUÁ HẠN 2 ngày" in text     # due 25/03/2024


def test_a_long_task_list_is_paged(tmp_path):
    items = "\n\n".join(f"{n}. Giao Phòng Tư pháp rà soát văn bản quy phạm pháp luật đợt {n}." for n in range(1, 41))
    text = ("ỦY BAN NHÂN DÂN\nHUYỆN AN LÃO\n\nSố: 12/UBND\n\nAn Lão, ngày 05 tháng 01 năm 2024\n\n"
            f"UBND huyện chỉ đạo như sau:\n\n{items}\n\nNơi nhận:\n- Lưu: VT.\n\nCHỦ TỊCH\n\nTrần Văn Bình\n")
    (tmp_path / "a.md").write_text(text, encoding="utf-8")
    store = Store(tmp_path / "kb.db")
    ingest_paths(store, [tmp_path / "a.md"])
    engine = Engine(store)
    first = engine.ask("Phòng Tư pháp phải làm gì?", today=date(2024, 1, 10))
    assert first.total == 40 and [t.task.clause for t in first.tasks] == [str(n) for n in range(1, 9)]
    from knowledge.answer import ChatContext
    ctx = ChatContext()
    engine.ask("Phòng Tư pháp phải làm gì?", today=date(2024, 1, 10), context=ctx)
    second = engine.more(ctx, today=date(2024, 1, 10))
    assert [t.task.clause for t in second.tasks] == [str(n) for n in range(9, 17)]


_FIRE_DIRECTIVE = """ỦY BAN NHÂN DÂN
TỈNH BÌNH NAM

Số: 02/CT-UBND

Bình Nam, ngày 10 tháng 01 năm 2025

CHỈ THỊ
Về việc tăng cường công tác phòng cháy, chữa cháy dịp Tết

Chủ tịch UBND tỉnh chỉ thị:

1. Sở Công Thương:

a) Chủ trì, phối hợp với Công an tỉnh kiểm tra an toàn PCCC tại các cửa hàng xăng dầu.

b) Chỉ đạo Công ty Điện lực kiểm tra hệ thống lưới điện, trạm biến áp.

c) Rà soát, đề xuất phương án di dời các kho chứa hàng hóa dễ cháy, nổ; báo cáo UBND tỉnh trong Quý I/2026.

d) Hướng dẫn các chợ bố trí lối thoát nạn.

2. Sở Xây dựng kiểm tra an toàn PCCC các công trình chưa nghiệm thu.

Nơi nhận:
- Như trên;

CHỦ TỊCH

Vương Đình Khải
"""


def test_words_that_name_the_document_asked_about_do_not_filter_a_units_work(tmp_path):
    engine = engine_over(tmp_path, {"binh-nam.txt": _FIRE_DIRECTIVE})
    # "về PCCC" names the Chỉ thị on "phòng cháy, chữa cháy": every task of the Sở is shown, not only
    # the one that writes "PCCC"
    answer = fold(ask(engine, "Sở Công Thương phải làm gì theo Chỉ thị 02 về PCCC?", today=date(2025, 2, 1)))
    for phrase in ("cua hang xang dau", "luoi dien", "31/03/2026", "loi thoat nan"):
        assert phrase in answer
    # a topic that is not the document's subject still ranks: only the task about it
    answer = fold(ask(engine, "Sở Công Thương phải làm gì về lưới điện theo Chỉ thị 02?", today=date(2025, 2, 1)))
    assert "luoi dien" in answer and "cua hang xang dau" not in answer


_SO_GD = """UBND TỈNH LAM SƠN
SỞ GIÁO DỤC VÀ ĐÀO TẠO

Số: 1862/SGDĐT-VP

Lam Thành, ngày 28 tháng 8 năm 2025

V/v ứng dụng công nghệ thông tin

Sở Giáo dục và Đào tạo đề nghị các đơn vị triển khai thực hiện các nội dung sau:

1. Phòng Giáo dục và Đào tạo các huyện, thị xã, thành phố:

a) Triển khai học bạ số đối với lớp 1, lớp 2 cấp tiểu học, hoàn thành chậm nhất ngày 30/9/2025.

2. Ban Quản lý dự án đầu tư xây dựng ngành giáo dục:

a) Báo cáo tiến độ thi công các phòng học bộ môn về Sở định kỳ hằng tuần.

Nơi nhận:
- Như trên;

GIÁM ĐỐC

Vũ Thị Thanh Hà
"""


def test_a_group_asked_as_its_kind_and_level_and_a_board_by_the_initials_it_begins_with(tmp_path):
    engine = engine_over(tmp_path, {"so-gd.md": _SO_GD})
    # "Phòng GD&ĐT các huyện": the group "Phòng Giáo dục và Đào tạo các huyện, thị xã, thành phố"
    answer = fold(ask(engine, "Phòng GD&ĐT các huyện phải làm gì theo CV 1862 của Sở GDĐT Lam Sơn?", today=date(2025, 9, 1)))
    assert "hoc ba so" in answer and "30/09/2025" in answer
    # "Ban QLDA": the initials begin those of "Ban Quản lý dự án đầu tư xây dựng …"
    answer = fold(ask(engine, "Ban QLDA báo cáo tiến độ thi công bao lâu một lần?", today=date(2025, 9, 1)))
    assert "hang tuan" in answer and "phong hoc bo mon" in answer


def test_due_soon_looks_a_month_ahead_when_nothing_is_due_within_the_week(tmp_path):
    engine = engine_over(tmp_path, {"binh-nam.txt": _FIRE_DIRECTIVE, "so-gd.md": _SO_GD})
    week = fold(ask(engine, "Việc nào sắp đến hạn?", today=date(2025, 9, 25)))
    assert "7 ngay toi" in week and "30/09/2025" in week and "31/03/2026" not in week
    month = fold(ask(engine, "Việc nào sắp đến hạn?", today=date(2026, 3, 5)))
    assert "30 ngay toi" in month and "31/03/2026" in month
    # a number of days asked for is kept, even when nothing falls in it
    asked = fold(ask(engine, "Việc nào đến hạn trong 10 ngày tới?", today=date(2026, 3, 5)))
    assert "31/03/2026" not in asked


_SNV_NOTICE = """UBND TỈNH BÌNH NAM
SỞ NỘI VỤ

Số: 1436/TB-SNV

Bình Nam, ngày 19 tháng 9 năm 2025

THÔNG BÁO
Kết quả Chỉ số cải cách hành chính (PAR INDEX) năm 2024 của UBND cấp huyện

Sở Nội vụ đề nghị các đơn vị thực hiện các nội dung sau:

1. Đối với Văn phòng HĐND và UBND các huyện:

a) Thực hiện xin lỗi tổ chức, cá nhân bằng văn bản đối với hồ sơ TTHC trễ hạn.

b) Công khai đầy đủ TTHC tại Bộ phận Một cửa, hoàn thành trước ngày 15/12/2025.

Nơi nhận:
- Như trên;

GIÁM ĐỐC

Tạ Thị Ngọc Diệp
"""


def test_every_districts_office_asked_as_one_and_a_document_named_among_its_places(tmp_path):
    engine = engine_over(tmp_path, {"binh-nam.txt": _FIRE_DIRECTIVE, "snv.md": _SNV_NOTICE})
    # "VP HĐND-UBND huyện": the group "Văn phòng HĐND và UBND các huyện" (no single district's office has work)
    answer = fold(ask(engine, "VP HĐND-UBND huyện phải làm gì với hồ sơ TTHC trễ hạn?", today=date(2025, 10, 1)))
    assert "xin loi" in answer
    # of the province's two documents, the one named by its subject: the Chỉ thị's Quý I/2026 is not listed
    answer = fold(ask(engine, "Theo Thông báo PAR INDEX của Sở Nội vụ Bình Nam, việc nào sắp đến hạn?",
                      today=date(2025, 12, 5)))
    assert "15/12/2025" in answer and "31/03/2026" not in answer


_MINERALS_RULE = """ỦY BAN NHÂN DÂN
HUYỆN PHƯỚC AN

Số: 1587/QĐ-UBND

Phước An, ngày 18 tháng 7 năm 2022

QUYẾT ĐỊNH
Ban hành Quy chế phối hợp quản lý khoáng sản trên địa bàn huyện Phước An

Điều 1. Trách nhiệm của Phòng Tài nguyên và Môi trường

1. Chủ trì rà soát khu vực cấm hoạt động khoáng sản, trình UBND huyện trước ngày 30/9/2022.

Điều 2. Trách nhiệm của Công an huyện

1. Phối hợp với UBND huyện Phước An kiểm tra các điểm khai thác cát, sỏi trái phép.

Nơi nhận:
- Như trên;

CHỦ TỊCH

Lê Văn Tâm
"""


def test_a_place_written_after_a_documents_name_scopes_the_question_it_is_no_unit(tmp_path):
    engine = engine_over(tmp_path, {"phuoc-an.md": _MINERALS_RULE})
    answer = fold(ask(engine, "Theo Quy chế khoáng sản huyện Phước An, việc nào đã quá hạn?", today=date(2022, 10, 3)))
    assert "30/09/2022" in answer and "khu vuc cam" in answer
    # opening the question, the place is its UBND
    answer = fold(ask(engine, "Huyện Phước An phối hợp làm gì?", today=date(2022, 10, 3)))
    assert "ubnd huyen phuoc an" in answer


def test_a_document_named_without_diacritics_or_by_its_abbreviation_is_no_topic(tmp_path):
    engine = engine_over(tmp_path, {"binh-nam.txt": _FIRE_DIRECTIVE})
    engine.ask("Sở Công Thương phải làm gì?", today=date(2025, 2, 1))   # loads the catalogue
    for q in ("so cong thuong phai lam gi trong ke hoach du lich nam 2025",
              "Sở Công Thương phải làm gì theo CT 02/CT-UBND?", "so cong thuong lam gi theo cong van so 15"):
        units = engine._units_in(q, fold(q), None)
        assert [u.name for u in units] == ["Sở Công Thương"]
        assert engine._topic(q, None, units) == [], q


def test_cdt_is_the_investor(tmp_path):
    text = _FIRE_DIRECTIVE.replace("2. Sở Xây dựng kiểm tra an toàn PCCC các công trình chưa nghiệm thu.",
                                   "2. Chủ đầu tư báo cáo tiến độ thi công Bệnh viện đa khoa định kỳ hằng tuần.")
    engine = engine_over(tmp_path, {"binh-nam.txt": text})
    answer = fold(ask(engine, "CĐT phải làm gì?", today=date(2025, 2, 1)))
    assert "chu dau tu" in answer and "hang tuan" in answer


_BOARD_DECISION = """ỦY BAN NHÂN DÂN
HUYỆN BẮC SƠN

Số: 356/QĐ-UBND

Bắc Sơn, ngày 14 tháng 01 năm 2025

QUYẾT ĐỊNH
Thành lập Ban Chỉ đạo giải ngân vốn đầu tư công năm 2025

QUYẾT ĐỊNH:

Điều 1. Thành lập Ban Chỉ đạo giải ngân vốn đầu tư công năm 2025 huyện Bắc Sơn, gồm các ông (bà) có tên sau:

1. Ông Lê Minh Tuấn, Phó Chủ tịch UBND huyện — Trưởng ban;
2. Bà Trịnh Thị Hồng Nhung, Trưởng phòng Tài chính - Kế hoạch — Phó Trưởng ban thường trực;
3. Ông Phạm Quang Vinh, Giám đốc Ban Quản lý dự án đầu tư xây dựng huyện — Phó Trưởng ban;

Điều 2. Phòng Tài chính - Kế hoạch là cơ quan thường trực, tổng hợp tình hình giải ngân hằng tháng.

Nơi nhận:
- Như trên;

CHỦ TỊCH

Hoàng Văn Minh
"""


def test_who_holds_a_role_in_a_board_is_read_from_the_member_list(tmp_path):
    engine = engine_over(tmp_path, {"bac-son.md": _BOARD_DECISION})
    head = fold(ask(engine, "Ai là trưởng ban chỉ đạo giải ngân vốn đầu tư công huyện Bắc Sơn?"))
    assert "le minh tuan" in head and "nhung" not in head and "356/qd-ubnd" in head
    deputy = fold(ask(engine, "pho truong ban thuong truc bcd giai ngan la ai"))
    assert "trinh thi hong nhung" in deputy and "le minh tuan" not in deputy


def test_ttyt_typed_for_a_health_centre_and_how_long_a_time_limit_is(tmp_path):
    text = _FIRE_DIRECTIVE.replace(
        "2. Sở Xây dựng kiểm tra an toàn PCCC các công trình chưa nghiệm thu.",
        "2. Trung tâm Y tế các huyện, thị xã, thành phố:\n\na) Tổ chức xử lý ổ dịch trong vòng 48 giờ kể từ khi phát hiện.\n\n"
        "b) Tập huấn giám sát ổ dịch sốt xuất huyết cho cán bộ y tế tuyến xã, hoàn thành trước ngày 30/8/2025.")
    engine = engine_over(tmp_path, {"binh-nam.txt": text})
    answer = fold(ask(engine, "ttyt cac huyen phai xu ly o dich sot xuat huyet trong bao lau", today=date(2025, 2, 1)))
    assert "48 gio" in answer
    listed = fold(ask(engine, "TTYT các huyện phải làm gì?", today=date(2025, 2, 1)))
    assert "co 2 viec duoc giao" in listed and "48 gio" in listed and "30/08/2025" in listed


def test_a_plans_phase_asked_about_answers_with_its_heading(tmp_path):
    text = ("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ TÂN HƯNG\n\nSố: 48/KH-UBND\n\nTân Hưng, ngày 20 tháng 02 năm 2025\n\n"
            "KẾ HOẠCH\nLập lại trật tự lòng đường, vỉa hè\n\n### III. NỘI DUNG VÀ THỜI GIAN THỰC HIỆN\n\n"
            "#### Giai đoạn 1: Tuyên truyền, vận động (từ ngày 01/3/2025 đến ngày 31/3/2025)\n\n"
            "**a) UBND các phường:**\n\n- Tổ chức tuyên truyền trên hệ thống loa truyền thanh phường về trật tự vỉa hè;\n\n"
            "#### Giai đoạn 2: Ra quân xử lý vi phạm (từ ngày 01/4/2025 đến ngày 30/6/2025)\n\n"
            "**a) UBND các phường:**\n\n- Xử lý dứt điểm các trường hợp lấn chiếm vỉa hè đã lập danh sách ở Giai đoạn 1.\n")
    engine = engine_over(tmp_path, {"tan-hung.md": text})
    answer = fold(ask(engine, "giai doan 1 ke hoach trat tu via he tan hung ket thuc khi nao", today=date(2025, 3, 5)))
    assert answer.startswith("giai doan 1") and "31/3/2025" in answer


_DROUGHT = """ỦY BAN NHÂN DÂN
TỈNH LONG AN NAM

Số: 04/CT-UBND

Long An Nam, ngày 04 tháng 3 năm 2025

CHỈ THỊ
Về phòng, chống hạn hán, xâm nhập mặn

Chủ tịch UBND tỉnh yêu cầu các sở, ngành, địa phương thực hiện các nội dung sau:

1. Giám đốc Sở Nông nghiệp và Môi trường:

a) Theo dõi chặt chẽ diễn biến độ mặn trên các sông chính.

b) Tham mưu UBND tỉnh phân bổ kinh phí hỗ trợ trước ngày 15 tháng 3 năm 2025.

2. Chủ tịch UBND các huyện, thị xã, thành phố:

a) Khẩn trương đắp đập tạm ngăn mặn tại các cửa kênh.

3. Giao Giám đốc Sở Nông nghiệp và Môi trường theo dõi, đôn đốc việc thực hiện Chỉ thị này.

Theo báo cáo của UBND huyện Tân Phú, hộ bà Trần Thị Mai là 01 trong 07 hộ chưa nhận tiền bồi thường, chưa bàn giao mặt bằng và chưa ký biên bản kiểm đếm tài sản trên đất; UBND huyện đã ban hành Thông báo số 96/TB-UBND ngày 25/3/2025 dự kiến tổ chức cưỡng chế thu hồi đất vào ngày 22/4/2025 tại thửa đất số 15, tờ bản đồ số 7.

CHỦ TỊCH

Nguyễn Thành Trung
"""

_OUTBREAK = """ỦY BAN NHÂN DÂN
HUYỆN VŨ XƯƠNG

Số: 318/UBND-NN

Vũ Xương, ngày 18 tháng 02 năm 2025

V/v khẩn cấp phòng, chống bệnh Dịch tả lợn châu Phi

Bệnh Dịch tả lợn châu Phi đã xuất hiện tại 09 hộ chăn nuôi thuộc 03 xã Hòa Bình, Tân Lập, Yên Sơn; số lợn mắc bệnh, chết và buộc phải tiêu hủy là 214 con.

UBND huyện yêu cầu các cơ quan, đơn vị thực hiện ngay các biện pháp sau:

1. UBND các xã: Hòa Bình, Tân Lập, Yên Sơn

a) Tổ chức tiêu hủy toàn bộ lợn mắc bệnh, lợn chết trong vòng 24 giờ kể từ khi phát hiện.

2. Trạm Chăn nuôi và Thú y huyện

a) Tổng hợp tình hình dịch bệnh, báo cáo UBND huyện trước 16 giờ hằng ngày.

3. Tổ công nghệ số cộng đồng các thôn hướng dẫn người dân khai báo dịch bệnh qua ứng dụng, hoàn thành trước ngày 28/02/2025.

CHỦ TỊCH

Nguyễn Đình Thắng
"""


@pytest.fixture(scope="module")
def drought(tmp_path_factory):
    return engine_over(tmp_path_factory.mktemp("drought"), {"long-an-nam.md": _DROUGHT, "vu-xuong.txt": _OUTBREAK})


def test_a_head_named_before_the_unit_asks_for_all_its_tasks_and_drought_is_no_deadline(drought):
    text = ask(drought, "Giám đốc Sở NN&MT phải làm những gì theo Chỉ thị 04 về hạn mặn?")
    assert "độ mặn" in text and "15/03/2025" in text and "theo dõi, đôn đốc" in text


def test_ubnd_of_every_district_or_commune_is_the_group_or_the_ones_named(drought):
    assert "đắp đập tạm" in ask(drought, "ubnd cac huyen phai khan truong lam viec gi de ngan man")
    # the communes named one by one, though a preamble sentence repeats more of the question's words
    assert "24 giờ" in ask(drought, "ubnd cac xa co dich ta lon chau phi phai tieu huy lon benh trong bao lau")


def test_a_unit_typed_with_its_place_and_an_older_name_and_a_groups_initials(drought):
    text = ask(drought, "tram thu y vu xuong bao cao tinh hinh dich cho ubnd huyen bao lau mot lan, truoc may gio")
    assert "hằng ngày" in text and "16 giờ" in text
    assert "khai báo dịch bệnh" in ask(drought, "Tổ CNSCĐ các thôn phải làm gì?")


def test_a_sentence_cut_at_its_semicolon_answers_whole_and_due_soon_reads_weeks(drought):
    text = ask(drought, "Huyện Tân Phú dự kiến cưỡng chế thu hồi đất hộ bà Mai vào ngày nào?")
    assert "22/4/2025" in text
    soon = ask(drought, "việc nào sắp đến hạn trong 2 tuần tới?", today=date(2025, 2, 18))
    assert "khai báo dịch bệnh" in soon and "14 ngày" in soon
    assert "khai báo dịch bệnh" not in ask(drought, "việc nào sắp đến hạn trong 5 ngày tới?", today=date(2025, 2, 18))


_RECEPTION = """ỦY BAN NHÂN DÂN
XÃ PHƯỚC LỘC ĐÔNG

Số: 12/TB-UBND

Phước Lộc Đông, ngày 05 tháng 01 năm 2026

THÔNG BÁO
Lịch tiếp công dân năm 2026

I. LỊCH TIẾP CÔNG DÂN

1. Tiếp công dân tại trụ sở UBND xã

Lịch tiếp công dân của Chủ tịch UBND xã trong tháng 01/2026 cụ thể như sau:

- Các ngày 08/01/2026, 15/01/2026 và 22/01/2026, buổi sáng.

2. Giai đoạn cao điểm: từ ngày 01/02 đến ngày 28/02/2026

II. PHÂN CÔNG NHIỆM VỤ

1. Công chức Địa chính - Xây dựng

- Chủ trì, phối hợp với Trưởng ấp Cây Dầu giải quyết dứt điểm 03 vụ tranh chấp ranh giới đất tại ấp Cây Dầu; hoàn thành trước ngày 31/3/2026.

2. Trưởng ấp Cây Dầu

- Thông báo lịch tiếp công dân đến Nhân dân trên loa truyền thanh của ấp.

CHỦ TỊCH

Huỳnh Văn Tám
"""


@pytest.fixture(scope="module")
def reception(tmp_path_factory):
    return engine_over(tmp_path_factory.mktemp("reception"), {"phuoc-loc-dong.md": _RECEPTION})


def test_a_village_after_o_is_where_and_a_bare_place_asks_for_its_documents_work(reception):
    text = ask(reception, "Ai chủ trì giải quyết tranh chấp ranh giới đất ở ấp Cây Dầu, phối hợp với ai?")
    assert "Địa chính - Xây dựng" in text
    overdue = ask(reception, "xa phuoc loc dong co viec nao qua han khong", today=date(2026, 4, 6))
    assert "31/03/2026" in overdue and "tranh chấp" in overdue


def test_a_phase_asked_by_its_name_and_a_fact_that_announces_a_list(reception):
    assert "28/02/2026" in ask(reception, "giai doan cao diem ket thuc ngay nao")
    assert "15/01/2026" in ask(reception, "lich tiep cong dan cua chu tich ubnd xa phuoc loc dong thang 1 vao ngay nao")


_CONFERENCE = """ỦY BAN NHÂN DÂN
TỈNH NAM THÁI AN

Số: 215/KH-UBND

Nam Thái An, ngày 24 tháng 7 năm 2025

KẾ HOẠCH
Tổ chức Hội nghị biểu dương điển hình tiên tiến tỉnh Nam Thái An

I. NỘI DUNG

1. Thời gian, địa điểm

- Thời gian: khai mạc lúc 08 giờ 00 ngày 22/8/2025.

- Địa điểm: Hội trường lớn, Trung tâm Hội nghị tỉnh.

II. TỔ CHỨC THỰC HIỆN

1. Sở Nội vụ lập dự toán kinh phí tổ chức Hội nghị, gửi Sở Tài chính trước ngày 01/8/2025.

2. Các sở, ngành gửi danh sách đại biểu dự Hội nghị về Sở Nội vụ trước 17 giờ ngày 05/8/2025.

CHỦ TỊCH

Nguyễn Văn An
"""


def test_an_events_time_and_place_are_read_under_the_plans_labels(tmp_path):
    engine = engine_over(tmp_path, {"nam-thai-an.md": _CONFERENCE})
    text = ask(engine, "Hội nghị biểu dương điển hình tiên tiến tỉnh Nam Thái An tổ chức ngày nào, ở đâu?")
    assert "22/8/2025" in text and "Trung tâm Hội nghị" in text


_LAND_PLAN = """ỦY BAN NHÂN DÂN
HUYỆN PHÙ NAM

Số: 86/KH-UBND

Phù Nam, ngày 24 tháng 3 năm 2025

KẾ HOẠCH
Thanh tra việc quản lý, sử dụng đất đai năm 2025

1. Giao Phòng Nông nghiệp và Môi trường rà soát danh sách các trường hợp sử dụng đất không đúng mục đích, gửi Thanh tra huyện trước ngày 25/4/2025.

2. Giao Sở Công Thương phối hợp khảo sát trạm biến áp 110kV Nam Phù, báo cáo UBND huyện trước ngày 15/9/2025.

3. Ban Quản lý các khu công nghiệp tỉnh định kỳ hằng quý báo cáo tình hình thu hút đầu tư.

CHỦ TỊCH

Đinh Công Hiếu
"""

_LAND_CHANGE = """ỦY BAN NHÂN DÂN
HUYỆN PHÙ NAM

Số: 412/UBND-NNMT

Phù Nam, ngày 22 tháng 4 năm 2025

V/v điều chỉnh thời hạn thực hiện Kế hoạch số 86/KH-UBND ngày 24/3/2025

UBND huyện có ý kiến như sau:

1. Điều chỉnh thời hạn thực hiện nhiệm vụ tại khoản 1 Kế hoạch số 86/KH-UBND ngày 24/3/2025 của UBND huyện: từ ngày 25/4/2025 thành ngày 09/5/2025.

Theo đó, Phòng Nông nghiệp và Môi trường hoàn thành việc rà soát danh sách sử dụng đất không đúng mục đích, gửi Thanh tra huyện trước ngày 09/5/2025.

CHỦ TỊCH

Vương Đức Thịnh
"""


def test_a_letter_that_changes_a_plans_deadline_is_found_and_its_accordingly_clause_is_a_task(tmp_path):
    engine = engine_over(tmp_path, {"ke-hoach-86.md": _LAND_PLAN, "cong-van-412.txt": _LAND_CHANGE})
    text = ask(engine, "Văn bản nào điều chỉnh thời hạn rà soát danh sách sử dụng đất tại Kế hoạch 86/KH-UBND?")
    assert "412/UBND-NNMT" in text and "Kế hoạch 86" not in text.split("\n")[1]
    assert "09/05/2025" in ask(engine, "Theo công văn 412, Phòng NN&MT phải gửi danh sách sử dụng đất sai mục đích trước ngày nào?")
    # a Sở typed as its initials run together, a board whose name holds "các"
    assert "110kV" in ask(engine, "SCT phải làm gì?")
    assert "hằng quý" in ask(engine, "BQL KCN báo cáo tình hình thu hút đầu tư bao lâu một lần?")


_SXD_LETTER = """UBND THÀNH PHỐ HẢI AN
SỞ XÂY DỰNG

Số: 2147/SXD-QLN

Hải An, ngày 22 tháng 8 năm 2025

V/v kiểm tra an toàn chung cư cũ

Sở Xây dựng đề nghị các đơn vị thực hiện:

1. UBND các quận, huyện khẩn trương xây dựng phương án di dời hộ dân khỏi chung cư nguy hiểm, hoàn thành trước ngày 15/10/2025.

2. Phòng Quản lý nhà tổng hợp kết quả, tham mưu Giám đốc Sở báo cáo UBND thành phố trước ngày 30/10/2025.

KT. GIÁM ĐỐC
PHÓ GIÁM ĐỐC

Trương Minh Hiếu
"""


def test_a_sở_with_no_task_due_stands_for_the_documents_it_issued(tmp_path):
    engine = engine_over(tmp_path, {"sxd.txt": _SXD_LETTER})
    text = ask(engine, "Ở SXD Hải An, việc nào về chung cư cũ sắp đến hạn?", today=date(2025, 10, 8))
    assert "15/10/2025" in text and "di dời" in text


def test_a_group_answer_names_only_the_units_whose_tasks_it_lists(tmp_path):
    text = ("ỦY BAN NHÂN DÂN\nHUYỆN VŨ AN\n\nSố: 31/UBND-NN\n\nVũ An, ngày 18 tháng 02 năm 2025\n\n"
            "UBND huyện yêu cầu các cơ quan, đơn vị thực hiện:\n\n"
            "1. UBND xã Hòa Bình tổ chức tiêu hủy toàn bộ lợn mắc bệnh trong vòng 24 giờ.\n\n"
            "2. UBND xã Tân Lập rà soát hồ sơ cấp giấy chứng nhận quyền sử dụng đất.\n\n"
            "3. UBND xã Yên Sơn sửa chữa nhà văn hóa thôn Đông.\n\n"
            "4. UBND xã Hòa Bình lập chốt kiểm dịch động vật tạm thời.\n\n"
            "5. UBND xã Yên Sơn phun hóa chất tiêu độc khử trùng chuồng trại.\n\nCHỦ TỊCH\n\nNguyễn Văn Thắng\n")
    engine = engine_over(tmp_path, {"vu-an.txt": text})
    heading = ask(engine, "UBND các xã phải làm gì về khử trùng chuồng trại?").split("\n")[0]
    assert "Yên Sơn" in heading and "Hòa Bình" not in heading and "Tân Lập" not in heading
    # the signer's title alone ("CHỦ TỊCH", no "Nơi nhận" before it) closes the body: it is no task
    tasks = engine.store.tasks()
    assert len(tasks) == 5 and not [t for t in tasks if "CHỦ TỊCH" in t.action or "Thắng" in t.action]


_COMMUNE_NOTICE = """ỦY BAN NHÂN DÂN
XÃ NGỌC TRẠCH

Số: 156/TB-UBND

Ngọc Trạch, ngày 21 tháng 10 năm 2025

THÔNG BÁO
Kết luận của Chủ tịch UBND xã tại cuộc họp giao ban tuần

Chủ tịch UBND xã kết luận, giao nhiệm vụ như sau:

1. Phòng Văn hóa - Xã hội

- Trong tuần (trước ngày 24/10/2025), hoàn thành chi trả trợ cấp xã hội tháng 10/2025 cho các đối tượng bảo trợ xã hội.

2. Phòng Kinh tế

- Khẩn trương khắc phục điểm sạt lở bờ kênh tưới N3; báo cáo tiến độ về Văn phòng HĐND và UBND xã vào thứ Sáu hằng tuần.

3. Trưởng các thôn

- Vận động Nhân dân hoàn thành nộp Quỹ phòng, chống thiên tai năm 2025 trước ngày 15/11/2025.

- Tổ chức họp thôn phổ biến kết luận này tại nhà văn hóa thôn.

Nơi nhận:
- Như trên;
- Lưu: VT.

CHỦ TỊCH

Lương Văn Tiến
"""


def test_phone_typing_words_that_only_fold_to_stopwords_short_kinds_and_a_village_head(tmp_path):
    from knowledge.terms import tokens
    # typed with diacritics, "tiến độ", "bàn giao", "đầu tư" keep words that fold to "đó", "bạn"; typed
    # without, they stay stopwords (which is meant cannot be told)
    assert {"do", "ban"} <= set(tokens("báo cáo tiến độ bàn giao về Sở"))
    assert not {"do", "ban"} & set(tokens("bao cao tien do ban giao ve So"))
    assert "co" not in tokens("Cơ quan thường trực là đơn vị nào?")   # "cơ" would find every "có"
    engine = engine_over(tmp_path, {"ngoc-trach.md": _COMMUNE_NOTICE})
    today = date(2025, 10, 22)
    # "tháng 10" names the allowance, not the month whose deadlines are asked for
    answer = fold(ask(engine, "Hạn chi trả trợ cấp xã hội tháng 10 ở xã Ngọc Trạch là ngày nào?", today=today))
    assert "24/10/2025" in answer
    # "trưởng thôn" is what "Trưởng các thôn" is asked by; "thôn" of "nhà văn hóa thôn" names no unit
    answer = fold(ask(engine, "Trưởng thôn ở xã Ngọc Trạch phải vận động nộp quỹ PCTT trước ngày nào?", today=today))
    assert "15/11/2025" in answer
    # "TB 156" names the notice (kinds typed short); "bc" is "báo cáo"
    answer = fold(ask(engine, "ai ky tb 156", today=today))
    assert "luong van tien" in answer
    answer = fold(ask(engine, "phong kinh te bc tien do khac phuc sat lo bao lau mot lan", today=today))
    assert "hang tuan" in answer


_HANDOVER = """UBND TỈNH TUYÊN LẠC

Số: 2871/UBND-NC

Tuyên Lạc, ngày 03 tháng 7 năm 2025

V/v bàn giao hồ sơ, tài liệu và con dấu sau sắp xếp

Chủ tịch UBND tỉnh yêu cầu các cơ quan, đơn vị sau triển khai thực hiện:

1. Chủ tịch UBND các xã, phường

a) Báo cáo tiến độ bàn giao, tiếp nhận về Sở Nội vụ trước 16 giờ thứ Sáu hằng tuần cho đến khi hoàn thành.

2. Sở Nội vụ

- Chủ trì, phối hợp với Sở Tài chính, Công an tỉnh ban hành hướng dẫn thủ tục bàn giao hồ sơ, tài liệu và con dấu cho UBND các xã, phường trước ngày 09/7/2025.

- Tổng hợp kết quả bàn giao, báo cáo Chủ tịch UBND tỉnh trước ngày 29/8/2025.
"""

_STORM = """UBND HUYỆN NGỌC LÂM

Số: 09/CĐ-UBND

Ngọc Lâm, ngày 11 tháng 9 năm 2025

CÔNG ĐIỆN
Về việc khẩn trương ứng phó với mưa lớn, nguy cơ lũ quét, sạt lở đất

Chủ tịch UBND huyện yêu cầu:

1. Chủ tịch UBND các xã, thị trấn

a) Khẩn trương rà soát toàn bộ khu dân cư ven sông, suối, khu vực có nguy cơ cao xảy ra lũ quét, sạt lở đất.

b) Tổ chức di dời ngay các hộ dân ra khỏi khu vực nguy hiểm, hoàn thành trước 17 giờ ngày 12/9/2025.
"""


def test_a_unit_reported_to_or_worked_for_is_not_the_one_asked_about_and_a_cong_dien_is_named(tmp_path):
    engine = engine_over(tmp_path, {"tuyen-lac.md": _HANDOVER, "ngoc-lam.md": _STORM})
    today = date(2025, 7, 5)
    # "về Sở NV": where the report goes, not who reports
    answer = fold(ask(engine, "UBND xã báo cáo tiến độ bàn giao hồ sơ, con dấu về Sở NV bao lâu một lần?", today=today))
    assert "hang tuan" in answer
    # "ai chủ trì … cho các xã, phường": the communes are what the guidance is for; Sở Nội vụ leads it
    answer = fold(ask(engine, "ai chu tri huong dan thu tuc ban giao ho so, con dau cho cac xa phuong, phoi hop voi ai",
                      today=today))
    assert "so noi vu" in answer and "so tai chinh" in answer and "cong an tinh" in answer
    # "theo công điện 09": the document asked about, whose subject words then rank nothing
    answer = fold(ask(engine, "Chủ tịch UBND các xã phải làm gì theo công điện 09 về mưa lớn, sạt lở?", today=today))
    assert "di doi" in answer and "12/09/2025" in answer
