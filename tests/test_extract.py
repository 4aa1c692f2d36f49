"""Extraction rules on directives written in the tests."""
from datetime import date

import pytest

from knowledge.extract import extract
from tests.directive_samples import BROKEN_PAGE, HA_GIANG, TAN_LAC_PLAN


def by_phrase(doc, phrase):
    found = [t for t in doc.tasks if phrase in t.action]
    assert found, f"no task with {phrase!r}: {[t.action[:60] for t in doc.tasks]}"
    return found[0]


def test_header_metadata():
    doc = extract(HA_GIANG, "ha-giang.md")
    assert (doc.number, doc.issuer, doc.issued_on, doc.signer) == (
        "1234/UBND-KGVX", "UBND tỉnh Hà Giang", "2024-03-15", "Nguyễn Văn Sơn")
    assert doc.subject == "triển khai chuyển đổi số năm 2024"
    assert doc.recipients == ("Các sở, ban, ngành tỉnh", "UBND các huyện, thành phố")
    assert any(r.number == "06/QĐ-TTg" and r.issued_on == "2022-01-06" for r in doc.references)


def test_blank_number_and_day():
    doc = extract(BROKEN_PAGE, "an-lao.md")
    assert doc.number is None
    assert doc.issued_on == "2021-04"
    assert doc.issuer == "UBND huyện An Lão"
    assert doc.signer == "Trần Văn Bình"


def test_giao_with_coordinators_and_extension():
    doc = extract(HA_GIANG, "ha-giang.md")
    t = by_phrase(doc, "xây dựng kế hoạch chuyển đổi số")
    assert t.assignees == ("Sở Thông tin và Truyền thông",)
    assert t.coordinators == ("Sở Nội vụ", "Công an tỉnh")
    assert t.deadline == date(2024, 5, 15)   # "gia hạn … tại mục 1 đến ngày 15/5/2024" stands
    assert t.clause == "1"


def test_deadline_forms_in_items():
    doc = extract(HA_GIANG, "ha-giang.md")
    assert by_phrase(doc, "bố trí kinh phí").deadline == date(2024, 6, 30)
    assert by_phrase(doc, "Tổ công nghệ số cộng đồng").deadline == date(2024, 6, 30)
    police = by_phrase(doc, "làm sạch dữ liệu")
    assert (police.assignees, police.deadline, police.deadline_time) == (("Công an tỉnh",), date(2024, 12, 5), "14:00")
    assert by_phrase(doc, "cán bộ đầu mối").deadline == date(2024, 3, 25)
    monthly = by_phrase(doc, "Định kỳ hằng tháng")
    assert (monthly.recurrence, monthly.recurrence_day, monthly.deadline) == ("monthly", 25, None)
    assert monthly.clause == "3.b"
    assert monthly.assignees == ("UBND các huyện, thành phố",)


def test_no_false_deadlines():
    doc = extract(HA_GIANG, "ha-giang.md")
    deadlines = {t.deadline for t in doc.tasks}
    assert not deadlines & {date(2022, 1, 6), date(2024, 3, 10), date(2024, 3, 15)}


def test_plan_with_label_lines_table_and_sections():
    doc = extract(TAN_LAC_PLAN, "tan-lac.md")
    assert doc.kind == "Kế hoạch"
    # "I. MỤC ĐÍCH, YÊU CẦU" holds no tasks
    assert not any("chất lượng phục vụ" in t.action for t in doc.tasks)
    review = by_phrase(doc, "hệ thống hóa văn bản quy phạm")
    assert review.assignees == ("Phòng Tư pháp",)
    assert review.coordinators == ("Văn phòng HĐND và UBND huyện Tân Lạc",)
    assert review.deadline == date(2024, 9, 30)
    publish = by_phrase(doc, "Công khai 100%")
    assert publish.assignees == ("Văn phòng HĐND và UBND huyện Tân Lạc",)
    assert publish.deadline == date(2024, 3, 31)
    digitise = by_phrase(doc, "Số hóa hồ sơ")
    assert digitise.assignees == ("UBND các xã, thị trấn",)
    assert digitise.coordinators == ("Phòng Văn hóa và Thông tin",)
    assert digitise.deadline == date(2024, 6, 30)
    communes = by_phrase(doc, "Xây dựng kế hoạch cải cách")
    assert communes.assignees == ("UBND các xã, thị trấn",) and communes.deadline == date(2024, 1, 20)
    # the unit told to "theo dõi, đôn đốc" monitors the others
    assert "Phòng Nội vụ" in by_phrase(doc, "bố trí kinh phí").monitors
    assert not any(t.action.startswith("Cải cách thể chế") for t in doc.tasks)


def test_unit_heading_nested_giao_and_page_break_with_footnote():
    doc = extract(BROKEN_PAGE, "an-lao.md")
    assess = by_phrase(doc, "công tác đánh giá cán bộ")
    assert assess.assignees == ("Phòng Nội vụ",)
    assert "Chính phủ về đánh giá CBCCVC" in assess.action     # the sentence is whole again
    assert "Xã An Hòa" not in assess.action                     # the footnote is not in it
    nested = by_phrase(doc, "tăng cường kiểm tra việc chấp hành")
    assert nested.assignees == ("Tổ kiểm tra, giám sát của huyện",)
    assert any("Xã xếp loại Tốt" in p.text for p in doc.passages)  # the footnote stays as text


def test_named_communes_are_expanded():
    doc = extract(BROKEN_PAGE, "an-lao.md")
    t = by_phrase(doc, "khắc phục ngay")
    assert t.assignees == ("UBND xã An Hòa", "UBND xã An Tân", "UBND xã An Quang")
    assert t.urgency == "ngay" and t.deadline == date(2021, 4, 30)


def test_preamble_names_the_assignees_of_items():
    text = HA_GIANG.replace("Để triển khai hiệu quả, Chủ tịch UBND tỉnh chỉ đạo như sau:",
                            "UBND tỉnh yêu cầu Thủ trưởng các sở, ban, ngành; Chủ tịch UBND các huyện, thành phố khẩn trương triển khai các nội dung sau:")
    text = text.replace("6. Do tình hình", "6. Tăng cường ứng dụng chữ ký số trong văn bản điện tử.\n\n7. Do tình hình")
    doc = extract(text, "x.md")
    t = by_phrase(doc, "chữ ký số")
    assert t.assignees == ("Các sở, ban, ngành", "UBND các huyện, thành phố")
    assert t.urgency == "khan_truong"


def test_old_tone_marks_are_normalised():
    text = HA_GIANG.replace("6. Do tình hình", "6. Giao Phòng Văn hoá và Thông tin huyện Hoà An tuyên truyền.\n\n7. Do")
    doc = extract(text, "x.md")
    assert by_phrase(doc, "tuyên truyền").assignees == ("Phòng Văn hóa và Thông tin huyện Hòa An",)
    assert "hoá" not in doc.text


def test_agency_under_its_parent_and_one_line_header():
    from knowledge.metadata import read_header
    h = read_header("UBND TỈNH BẮC NINH\nSỞ NỘI VỤ\n\nSố: 123 /SNV-CCHC\n\nBắc Ninh, ngày 5 tháng 3 năm 2024\n")
    assert (h.issuer, h.number, h.issued_on) == ("Sở Nội vụ tỉnh Bắc Ninh", "123/SNV-CCHC", "2024-03-05")
    h = read_header("ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH\n\nSố: 45/CĐ-UBND\n\nQuảng Ninh, ngày 01 tháng 02 năm 2024\n\nCÔNG ĐIỆN\n")
    assert (h.issuer, h.kind) == ("UBND tỉnh Quảng Ninh", "Công điện")


def test_groups_headings_with_colon_and_conditions():
    text = HA_GIANG.replace(
        "6. Do tình hình",
        "6. Ban Quản lý dự án đầu tư xây dựng:\n\na) Chủ động rà soát các công trình chậm tiến độ.\n\n"
        "7. Yêu cầu cán bộ, công chức, viên chức chuyên môn xã nghiêm túc học tập. Trường hợp chậm trễ, "
        "người đứng đầu phải chịu trách nhiệm.\n\n8. Do tình hình")
    doc = extract(text, "x.md")
    assert by_phrase(doc, "công trình chậm tiến độ").assignees == ("Ban Quản lý dự án đầu tư xây dựng",)
    study = by_phrase(doc, "học tập")
    assert study.assignees == ("Cán bộ, công chức, viên chức chuyên môn xã",)
    assert not any(t.assignees[0].startswith("Trường hợp") for t in doc.tasks)


def test_short_and_long_spellings_are_one_unit(tmp_path):
    from knowledge.ingest import ingest_paths
    from knowledge.store import Store
    text = HA_GIANG.replace("2. Sở Tài chính tham mưu", "2. Sở Tài nguyên và Môi trường tham mưu").replace(
        "5. Sở Nội vụ trong", "5. Sở TN&MT trong")
    (tmp_path / "a.md").write_text(text, encoding="utf-8")
    store = Store(tmp_path / "kb.db")
    ingest_paths(store, [tmp_path / "a.md"])
    names = [u.name for u in store.units() if "TN" in u.name or "Tài nguyên" in u.name]
    assert names == ["Sở Tài nguyên và Môi trường"]


def test_quy_keeps_its_spelling_and_closing_lines_are_not_tasks():
    from knowledge.text import modern_tones
    assert modern_tones("định kỳ hằng quý, thuỷ lợi") == "định kỳ hằng quý, thủy lợi"
    text = HA_GIANG.replace("6. Do tình hình", "Văn phòng UBND tỉnh thông báo để các cơ quan, đơn vị biết, thực hiện./.\n\n7. Do")
    doc = extract(text, "x.md")
    assert not any("biết, thực hiện" in t.action for t in doc.tasks)


def test_decision_articles():
    text = """ỦY BAN NHÂN DÂN
HUYỆN ĐÔNG ANH

Số: 1520/QĐ-UBND

Đông Anh, ngày 10 tháng 6 năm 2024

QUYẾT ĐỊNH
Về việc thành lập Tổ công tác rà soát thủ tục hành chính

QUYẾT ĐỊNH:

Điều 1. Thành lập Tổ công tác rà soát thủ tục hành chính năm 2024.

Điều 2. Tổ công tác có nhiệm vụ rà soát thủ tục hành chính, báo cáo Chủ tịch UBND huyện trước ngày 30/9/2024.

Giao Phòng Nội vụ là cơ quan thường trực của Tổ công tác, theo dõi, đôn đốc các thành viên thực hiện nhiệm vụ.

Điều 3. Chánh Văn phòng HĐND và UBND huyện, Thủ trưởng các cơ quan, đơn vị liên quan chịu trách nhiệm thi hành Quyết định này./.

Nơi nhận:
- Lưu: VT.

CHỦ TỊCH

Nguyễn Văn Hải
"""
    doc = extract(text, "qd.md")
    assert doc.kind == "Quyết định"
    review = by_phrase(doc, "rà soát thủ tục hành chính, báo cáo")
    assert review.assignees == ("Tổ công tác",) and review.clause == "Điều 2"
    assert review.deadline == date(2024, 9, 30) and review.monitors == ("Phòng Nội vụ",)
    assert not any("thi hành Quyết định" in t.action for t in doc.tasks)


@pytest.mark.parametrize("line", [
    "I. NHIỆM VỤ", "XII) Tổ chức", "IV.Không cách", "1. Phòng Nội vụ", "2.3. Giao", "12 tháng 4", "3) Sở Y tế",
    "a) Rà soát", "đ) Báo cáo", "i. chữ thường", "- Gạch đầu dòng", "– Gạch dài", "• Chấm", "* Sao",
    "Điều 2. Giao Sở Nội vụ", "Mục II: Nội dung", "Phần 1. Chung", "¹ Chú thích", "[^2]: Ghi chú", "[3] Ghi chú",
    "١. chữ số Ả Rập", "Văn bản thường", "", "(1) Trong ngoặc",
])
def test_a_paragraph_is_classified_as_if_every_item_pattern_were_tried(line):
    import re as _re

    from knowledge import paragraphs as P

    s = line.strip()
    if P._FOOTNOTE_RE.match(s):
        expected = ("footnote", "")
    elif P._ARTICLE_RE.match(s):
        expected = ("roman", P._ARTICLE_RE.match(s).group("label"))
    else:
        expected = ("plain", "")
        for kind, rx in (("roman", P._ROMAN_RE), ("num", P._NUM_RE), ("letter", P._LETTER_RE), ("bullet", P._BULLET_RE)):
            m = rx.match(s)
            if m:
                rest = m.group("rest").strip()
                if kind == "num" and _re.match(r"^(?:tháng|năm|ngày|giờ|%)", rest):
                    break
                label = m.group("label")
                expected = ("sub" if kind == "num" and "." in label else kind, label)   # "2.3": under "2."
                break
    para = P._classify(line, False)
    assert (para.kind, para.label) == expected


@pytest.mark.parametrize("source, text", [
    ("Phòng Nội vụ chủ trì, báo cáo trước ngày 09/12/2019.", "chủ trì, báo cáo trước ngày 09/12/2019."),
    ("Phòng Nội vụ chủ trì, báo cáo.", "báo  cáo."),                  # not a part as written: squashed
    ("Phòng Nội vụ chủ trì,  báo cáo.", "chủ trì,  báo cáo."),       # a paragraph that is not squashed
    ("Phòng Nội vụ chủ trì.", " chủ trì."), ("", "Bảng: chủ trì"), ("ΟΔΟΣ chủ trì", "chủ trì"),
])
def test_a_drafts_action_is_its_text_squashed_with_the_fold_of_that(source, text):
    from knowledge.extract import _action_of, _Draft
    from knowledge.text import fold_keep_length, squash

    action, folded = _action_of(_Draft("1", text, ("Phòng Nội vụ",), source=source))
    assert action == squash(text)
    assert folded is None or folded == fold_keep_length(action)
    assert folded is not None or squash(text) not in source or "Σ" in source


def test_sentences_are_cut_as_the_look_behind_split_cuts_them():
    import random
    import re as _re

    from knowledge.extract import _sentences

    reference = _re.compile(r"(?<=[.;])\s+(?=[A-ZĐÀ-Ỹ])")
    rnd = random.Random(3)
    for _ in range(20000):
        text = "".join(rnd.choice(".; \tAĐbcÀ;\n.x") for _ in range(rnd.randint(0, 20)))
        assert _sentences(text) == reference.split(text), repr(text)
    assert _sentences("Giao Phòng A. Phòng B báo cáo; Sở C theo dõi.") == ["Giao Phòng A.", "Phòng B báo cáo;",
                                                                          "Sở C theo dõi."]


LETTER_OF_ITEMS = """ỦY BAN NHÂN DÂN
HUYỆN HÒA AN

Số: 512/UBND-VP

Hòa An, ngày 10 tháng 3 năm 2025

V/v triển khai một số nhiệm vụ trọng tâm

Kính gửi: Các cơ quan, đơn vị liên quan.

1. Kết quả đạt được

1. Phòng Nội vụ đã tham mưu kiện toàn bộ phận một cửa đúng hạn.
2. Phòng Tư pháp tham mưu tốt công tác kiểm soát thủ tục hành chính.

2. Nhiệm vụ thời gian tới

1. Hạt Kiểm lâm huyện tăng cường tuần tra, kiểm soát lâm sản, báo cáo kết quả hằng tháng.
2. Đề nghị Hội Nông dân huyện, Huyện Đoàn phối hợp tuyên truyền về phòng chống cháy rừng.
3. Kho bạc Nhà nước huyện kiểm soát chặt chẽ các khoản chi, hoàn thành trong Quý II/2025.
4. Đài Truyền thanh - Truyền hình huyện đưa tin kịp thời về các hoạt động.

Nơi nhận:
- Như trên;
- Lưu: VT.

KT. CHỦ TỊCH
PHÓ CHỦ TỊCH

Nông Văn Tuấn
"""


def test_items_that_open_with_a_unit_are_tasks_without_a_preamble_but_findings_are_not():
    doc = extract(LETTER_OF_ITEMS, "hoa-an.md")
    assert by_phrase(doc, "tăng cường tuần tra").assignees == ("Hạt Kiểm lâm huyện",)
    assert by_phrase(doc, "kiểm soát chặt chẽ các khoản chi").assignees == ("Kho bạc Nhà nước huyện",)
    assert by_phrase(doc, "kiểm soát chặt chẽ các khoản chi").deadline == date(2025, 6, 30)
    assert by_phrase(doc, "đưa tin kịp thời").assignees == ("Đài Truyền thanh - Truyền hình huyện",)
    assert by_phrase(doc, "tuyên truyền về phòng chống cháy rừng").assignees == ("Hội Nông dân huyện", "Huyện Đoàn")
    # under "Kết quả đạt được": findings, whatever their verb
    assert not [t for t in doc.tasks if "một cửa" in t.action or "kiểm soát thủ tục" in t.action]


DECISION_WITH_HEADINGS = """**ỦY BAN NHÂN DÂN**
**TỈNH AN THẠNH**

Số: 2147/QĐ-UBND

*An Thạnh, ngày 18 tháng 9 năm 2023*

# QUYẾT ĐỊNH

## Về việc xử lý khẩn cấp sạt lở bờ sông

Chủ tịch UBND tỉnh yêu cầu:

### 1. Công an tỉnh

- Bảo đảm an ninh trật tự, phân luồng, điều tiết giao thông tại khu vực sạt lở.

### 2. Ban Quản lý dự án đầu tư xây dựng tỉnh

Khảo sát, lập hồ sơ thiết kế bản vẽ thi công, hoàn thành trước ngày 31/10/2023; tổ chức thi công, hoàn thành công trình trong quý II/2024.

### 3. Sở Tài chính

Báo cáo kết quả 6 tháng đầu năm trước ngày 10/6/2024 và kết quả thực hiện cả năm trước ngày 05/12/2024.

| Nơi nhận: | TM. ỦY BAN NHÂN DÂN |
|---|:---:|
| - Như Điều 3; | KT. CHỦ TỊCH |
| - Lưu: VT, KT. | PHÓ CHỦ TỊCH |
| | **Huỳnh Thanh Phong** |
"""


def test_markdown_headings_are_items_and_the_signer_stands_in_the_closing_table():
    doc = extract(DECISION_WITH_HEADINGS, "an-thanh.md")
    assert by_phrase(doc, "phân luồng, điều tiết giao thông").assignees == ("Công an tỉnh",)
    assert doc.signer == "Huỳnh Thanh Phong" and doc.signer_title == "PHÓ CHỦ TỊCH"
    assert "xử lý khẩn cấp sạt lở bờ sông" in doc.subject


def test_two_deadlines_for_two_pieces_of_work_are_two_tasks():
    doc = extract(DECISION_WITH_HEADINGS, "an-thanh.md")
    design, build = by_phrase(doc, "lập hồ sơ thiết kế"), by_phrase(doc, "tổ chức thi công")
    assert design is not build
    assert (design.deadline, build.deadline) == (date(2023, 10, 31), date(2024, 6, 30))
    assert design.assignees == build.assignees == ("Ban Quản lý dự án đầu tư xây dựng tỉnh",)
    half, year = by_phrase(doc, "6 tháng đầu năm"), by_phrase(doc, "cả năm")
    assert (half.deadline, year.deadline) == (date(2024, 6, 10), date(2024, 12, 5))


CONCLUSION_WITH_A_COMMUNE_EXTENSION = """ỦY BAN NHÂN DÂN
HUYỆN PHƯỚC LÂM

Số: 215/TB-UBND

Phước Lâm, ngày 14 tháng 11 năm 2024

THÔNG BÁO
Kết luận của Chủ tịch UBND huyện

Chủ tịch UBND huyện kết luận, giao nhiệm vụ như sau:

1. Giao Trưởng thôn Khe Mây chủ trì, phối hợp với Công an xã kiểm tra ngay hiện trường khu vực đồi Cây Thị.

2. Giao Công chức Địa chính - Xây dựng lập biên bản vi phạm trước ngày 25/11/2024. Đối với các trường hợp lấn chiếm hành lang đường tỉnh, phối hợp với Hạt Quản lý đường bộ xử lý theo quy định.

3. Giao UBND các xã: Phước Hòa, Đồng Tâm hoàn thành việc bàn giao mặt bằng sạch cho chủ đầu tư trước ngày 05/12/2024.

4. Về đề nghị của UBND xã Đồng Tâm: Chủ tịch UBND huyện đồng ý gia hạn thời gian hoàn thành bàn giao mặt bằng dự án Đường liên xã đối với xã Đồng Tâm đến ngày 20/12/2024.

5. Trưởng các thôn, bản tổ chức họp dân phổ biến nội dung Thông báo này.

Nhận được Thông báo này, yêu cầu các cơ quan, đơn vị nghiêm túc triển khai thực hiện. Trong quá trình thực hiện, nếu có khó khăn, vướng mắc kịp thời báo cáo UBND huyện.

Nơi nhận:
- Như trên;
- Lưu: VT.

TL. CHỦ TỊCH
CHÁNH VĂN PHÒNG

Lê Thị Thu Hằng
"""


def test_village_heads_cases_and_an_extension_granted_to_one_commune():
    doc = extract(CONCLUSION_WITH_A_COMMUNE_EXTENSION, "phuoc-lam.md")
    assert by_phrase(doc, "kiểm tra ngay hiện trường").assignees == ("Trưởng thôn Khe Mây",)
    # "các trường hợp" (cases) is not "các trường" (schools)
    assert all(not u.lower().startswith("các trường") for t in doc.tasks for u in t.assignees)
    assert by_phrase(doc, "biên bản vi phạm").deadline == date(2024, 11, 25)
    assert by_phrase(doc, "bàn giao mặt bằng sạch").deadline == date(2024, 12, 5)   # the group's deadline stays
    later = by_phrase(doc, "đối với xã Đồng Tâm")
    assert (later.assignees, later.deadline) == (("UBND xã Đồng Tâm",), date(2024, 12, 20))
    # the villages act through their heads, named as for one village ("Trưởng thôn Khe Mây")
    assert by_phrase(doc, "tổ chức họp dân").assignees == ("Trưởng các thôn, bản",)
    assert not [t for t in doc.tasks if "Nhận được Thông báo này" in t.action]


@pytest.mark.parametrize("upper, name", [
    ("VĂN PHÒNG HĐND VÀ UBND", "Văn phòng HĐND và UBND"),
    ("PHÒNG TÀI CHÍNH - KẾ HOẠCH", "Phòng Tài chính - Kế hoạch"),
    ("SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH", "Sở Văn hóa, Thể thao và Du lịch"),
    ("BAN QUẢN LÝ DỰ ÁN ĐẦU TƯ XÂY DỰNG", "Ban Quản lý dự án đầu tư xây dựng"),
    ("TRUNG TÂM Y TẾ", "Trung tâm Y tế"),
])
def test_an_agency_in_capitals_is_named_as_written_in_text(upper, name):
    text = f"UBND HUYỆN THẠCH BÀN\n{upper}\n\nSố: 46/TB-VP\n\nThạch Bàn, ngày 14 tháng 02 năm 2025\n\nTHÔNG BÁO\nKết luận\n"
    assert extract(text, "x.md").issuer == f"{name} huyện Thạch Bàn"


PROVINCE_DIRECTIVE_AND_TIMELINE = """UỶ BAN NHÂN DÂN                    CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM
TỈNH LÂM SƠN                           Độc lập - Tự do - Hạnh phúc

Số: 02/CT-UBND                        Lâm Sơn, ngày 16 tháng 01 năm 2024

CHỈ THỊ
Về việc phòng cháy, chữa cháy rừng mùa khô năm 2024

Để hạn chế thiệt hại do cháy rừng, Chủ tịch UBND tỉnh chỉ thị:

1. Sở Nông nghiệp và Phát triển nông thôn

Là cơ quan thường trực, chủ trì, phối hợp với các sở, ngành tham mưu UBND tỉnh chỉ đạo công tác phòng cháy, trong đó:

- Hoàn thành việc rà soát bản đồ các vùng trọng điểm trước ngày 15/02/2024.

2. Đối với UBND các huyện, thị xã, thành phố

- Kiện toàn Ban Chỉ huy về các vấn đề cấp bách trong bảo vệ rừng.

III. TIẾN ĐỘ THỰC HIỆN

1. Từ ngày 20/02 đến ngày 29/02/2024: Trưởng các thôn hoàn thành họp thôn; Trạm Y tế xã hoàn thành đợt phun khử khuẩn.

2. Quý II/2024: Công chức Văn phòng - Thống kê tổng hợp kết quả ra quân.

Nơi nhận:                                    TM. UỶ BAN NHÂN DÂN
- Như trên;                                       KT. CHỦ TỊCH
- Lưu: VT, VP.                                    PHÓ CHỦ TỊCH

                                                Nguyễn Hữu Hoà
"""


def test_province_directive_timeline_and_a_header_typed_in_columns():
    doc = extract(PROVINCE_DIRECTIVE_AND_TIMELINE, "lam-son.txt")
    assert (doc.number, doc.issuer, doc.issued_on) == ("02/CT-UBND", "UBND tỉnh Lâm Sơn", "2024-01-16")
    assert doc.signer == "Nguyễn Hữu Hòa" and doc.signer_title == "PHÓ CHỦ TỊCH"
    nn = "Sở Nông nghiệp và Phát triển nông thôn"
    assert by_phrase(doc, "tham mưu UBND tỉnh chỉ đạo công tác phòng cháy").assignees == (nn,)
    assert by_phrase(doc, "rà soát bản đồ").assignees == (nn,)           # a lead-in ending ":" is no preamble
    assert by_phrase(doc, "Kiện toàn Ban Chỉ huy").assignees == ("UBND các huyện, thị xã, thành phố",)
    villages, spraying = by_phrase(doc, "họp thôn"), by_phrase(doc, "phun khử khuẩn")
    assert villages.deadline == spraying.deadline == date(2024, 2, 29)
    assert spraying.assignees == ("Trạm Y tế xã",)
    assert by_phrase(doc, "tổng hợp kết quả ra quân").deadline == date(2024, 6, 30)


TABLED_LETTER = """| **UBND TỈNH THANH LÂM**<br>**SỞ Y TẾ**<br>———<br>Số: 1862/SYT-NVY<br>V/v phòng, chống dịch sốt xuất huyết | **CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**<br>**Độc lập - Tự do - Hạnh phúc**<br>*Thanh Lâm, ngày 04 tháng 8 năm 2025* |
|----|----|

Kính gửi: Các đơn vị.

Sở Y tế đề nghị các đơn vị thực hiện các nội dung sau:

**1. Các bệnh viện tuyến tỉnh**

Chuẩn bị đầy đủ giường bệnh, thuốc, dịch truyền; hoàn thành đợt 1 chậm nhất là ngày 12/8/2025. Đợt 2 triển khai trên toàn tỉnh, hoàn thành trong tháng 9/2025.

2. UBND tỉnh giao Sở Tài chính chủ trì, phối hợp với Sở Xây dựng rà soát trụ sở dôi dư; báo cáo UBND tỉnh trước ngày 20/9.

3. Sở Thông tin và Truyền thông tỉnh chủ trì tuyên truyền về phòng bệnh.

| **Nơi nhận:**<br>- Như trên;<br>- Lưu: VT. | **KT. GIÁM ĐỐC**<br>**PHÓ GIÁM ĐỐC**<br><br>**Lương Văn Khải** |
|----|----|
"""


def test_a_header_and_signature_in_table_cells_and_the_issuer_directing_a_unit():
    doc = extract(TABLED_LETTER, "thanh-lam.md")
    assert (doc.number, doc.issuer, doc.issued_on) == ("1862/SYT-NVY", "Sở Y tế tỉnh Thanh Lâm", "2025-08-04")
    assert (doc.signer, doc.signer_title) == ("Lương Văn Khải", "PHÓ GIÁM ĐỐC")
    first, second = by_phrase(doc, "giường bệnh"), by_phrase(doc, "Đợt 2")
    assert first.assignees == ("Các bệnh viện tuyến tỉnh",)
    assert (first.deadline, second.deadline) == (date(2025, 8, 12), date(2025, 9, 30))   # one task per sentence's deadline
    finance = by_phrase(doc, "rà soát trụ sở dôi dư")
    assert finance.assignees == ("Sở Tài chính",) and finance.coordinators == ("Sở Xây dựng",)
    assert finance.deadline == date(2025, 9, 20)           # "trước ngày 20/9": the directive's year
    assert by_phrase(doc, "tuyên truyền về phòng bệnh").assignees == ("Sở Thông tin và Truyền thông tỉnh",)


def test_an_assignment_after_a_colon_or_semicolon_and_a_list_of_named_villages():
    text = CONCLUSION_WITH_A_COMMUNE_EXTENSION.replace(
        "5. Trưởng các thôn, bản tổ chức họp dân phổ biến nội dung Thông báo này.",
        "5. Về đề nghị hỗ trợ xi măng: Giao Phòng Kinh tế và Hạ tầng khảo sát, tổng hợp nhu cầu.\n\n"
        "6. Về đề nghị điều chỉnh quy hoạch: Chủ tịch UBND huyện ghi nhận; giao Phòng Tài nguyên và Môi trường "
        "nghiên cứu, tổng hợp vào Kế hoạch sử dụng đất.\n\n"
        "7. Riêng Trưởng các thôn: Nà Bó, Khuổi Luông: vận động nhân dân hiến đất.")
    doc = extract(text, "phuoc-lam.md")
    assert by_phrase(doc, "tổng hợp nhu cầu").assignees == ("Phòng Kinh tế và Hạ tầng",)
    assert by_phrase(doc, "tổng hợp vào Kế hoạch sử dụng đất").assignees == ("Phòng Tài nguyên và Môi trường",)
    assert by_phrase(doc, "hiến đất").assignees == ("Trưởng thôn Nà Bó", "Trưởng thôn Khuổi Luông")


TOPICS_LETTER = """ỦY BAN NHÂN DÂN
HUYỆN VĨNH KHÊ

Số: 486/UBND-VP

Vĩnh Khê, ngày 08 tháng 5 năm 2019

V/v triển khai một số nhiệm vụ trọng tâm

Kính gửi: Các phòng, ban, ngành, đơn vị thuộc UBND huyện.

Ủy ban nhân dân huyện yêu cầu Thủ trưởng các phòng, ban, ngành, đơn vị thực hiện tốt một số nội dung sau:

2. Nông nghiệp, thủy lợi và phòng, chống dịch bệnh gia súc, gia cầm

Phòng Nông nghiệp và PTNT chủ trì tham mưu UBND huyện phương án phòng, chống dịch.

3. Tài nguyên và môi trường

Phòng Tài nguyên và Môi trường chủ trì kiểm tra ngay tình trạng khai thác cát trái phép.

Hoàn thiện hồ sơ Kế hoạch sử dụng đất năm 2019 của huyện, trình UBND tỉnh trước ngày 31/5/2019.

| Nơi nhận: | TM. ỦY BAN NHÂN DÂN |
|---|---|
| - Như trên; | CHỦ TỊCH |
| - Lưu: VT. | Nguyễn Hữu Hoà |
"""


def test_topic_headings_and_a_paragraph_that_goes_on_with_the_unit_before():
    doc = extract(TOPICS_LETTER, "vinh-khe.md")
    assert not [t for t in doc.tasks if t.action.startswith("Nông nghiệp, thủy lợi")]   # a topic, not a task
    plan = by_phrase(doc, "Kế hoạch sử dụng đất")
    assert plan.assignees == ("Phòng Tài nguyên và Môi trường",) and plan.deadline == date(2019, 5, 31)
    assert not [t for t in doc.tasks if "Nơi nhận" in t.action]


PDF_TEXT = """ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
THỊ XÃ HÒA VINH Độc lập - Tự do - Hạnh phúc
Số: 25/KH-UBND Hòa Vinh, ngày 10 tháng 01 năm 2024

KẾ HOẠCH
Chuyển đổi số thị xã Hòa Vinh năm 2024

Căn cứ Quyết định số 942/QĐ-TTg ngày 15/6/2021 của Thủ tướng Chính phủ phê duyệt Chiến
lược phát triển Chính phủ điện tử hướng tới Chính phủ số giai đoạn 2021 - 2025, định
hướng đến năm 2030;
UBND thị xã Hòa Vinh ban hành Kế hoạch chuyển đổi số năm 2024 như sau:
I. NHIỆM VỤ VÀ PHÂN CÔNG THỰC HIỆN
1. Phát triển hạ tầng số
1.1. Phòng Văn hóa và Thông tin
- Chủ trì, phối hợp với các doanh nghiệp viễn thông trên địa bàn rà soát, đánh giá
hiện trạng hạ tầng mạng băng rộng, xóa các vùng lõm sóng di động tại các thôn vùng gò
đồi; hoàn thành trong 6 tháng đầu năm 2024.
- Triển khai kết nối mạng truyền số liệu chuyên dùng cấp II đến 100% UBND các xã,
phường trước 31/3/2024 và báo cáo kết quả về UBND thị xã và Sở Thông tin và Truyền
- 2 -
thông theo quy định của UBND tỉnh về chuyển đổi số.
1.2. Công an thị xã
Chủ trì triển khai các nhiệm vụ của Đề án 06 trên địa bàn; phấn đấu đến hết Quý
I/2024 tỷ lệ kích hoạt tài khoản định danh điện tử mức độ 2 đạt trên 75% dân số.
2. Phát triển nhân lực số
Phòng Nội vụ tổ chức các lớp bồi dưỡng kỹ năng số cho cán bộ, công chức, viên chức của
thị xã trong năm 2024.

Nơi nhận: KT. CHỦ TỊCH
- Như trên; PHÓ CHỦ TỊCH
- Lưu: VT.
Trần Thị Thu Hương
"""


def test_text_taken_from_a_pdf():
    doc = extract(PDF_TEXT, "hoa-vinh.txt")
    assert (doc.number, doc.issuer, doc.issued_on) == ("25/KH-UBND", "UBND thị xã Hòa Vinh", "2024-01-10")
    waves = by_phrase(doc, "vùng lõm sóng")
    assert waves.assignees == ("Phòng Văn hóa và Thông tin",) and waves.deadline == date(2024, 6, 30)
    network = by_phrase(doc, "truyền số liệu chuyên dùng")
    assert "Truyền thông theo quy định" in network.action          # the page number is gone, the sentence whole
    assert network.deadline == date(2024, 3, 31)
    police = by_phrase(doc, "Đề án 06")
    assert police.assignees == ("Công an thị xã",) and police.deadline == date(2024, 3, 31)   # "đến hết Quý I/2024"
    assert by_phrase(doc, "kỹ năng số").assignees == ("Phòng Nội vụ",)


DECISION_WITH_RULES = """ỦY BAN NHÂN DÂN
HUYỆN NGỌC THẠCH
ỦY BAN NHÂN DÂN
XÃ PHƯỚC LÂM

Số: 1587/QĐ-UBND

Phước Lâm, ngày 18 tháng 7 năm 2022

QUYẾT ĐỊNH
Ban hành Quy chế phối hợp quản lý khoáng sản

Điều 1. Ban hành kèm theo Quyết định này Quy chế phối hợp quản lý khoáng sản.

Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày ký.

Nơi nhận:
- Như Điều 2;
- Lưu: VT.

CHỦ TỊCH

Lê Văn Khiêm

QUY CHẾ

Chương II. TRÁCH NHIỆM CỦA CÁC CƠ QUAN

Điều 5. Trách nhiệm của Công chức Địa chính - Xây dựng

1. Chủ trì rà soát, đề xuất khoanh định khu vực cấm hoạt động khoáng sản, trình UBND xã trước ngày 30/9/2022.

2. Phối hợp với Công an xã kiểm tra tải trọng phương tiện vận chuyển khoáng sản.

Điều 6. Trách nhiệm của Công an xã

1. Chủ trì phát hiện, ngăn chặn các hành vi khai thác khoáng sản trái phép.
"""


def test_duties_in_a_rule_attached_after_the_signature_and_a_commune_under_its_district():
    doc = extract(DECISION_WITH_RULES, "phuoc-lam.md")
    assert (doc.issuer, doc.signer) == ("UBND xã Phước Lâm", "Lê Văn Khiêm")   # the lower block issues; signed before the rule
    zoning = by_phrase(doc, "khoanh định khu vực cấm")
    assert zoning.assignees == ("Công chức Địa chính - Xây dựng",) and zoning.deadline == date(2022, 9, 30)
    assert by_phrase(doc, "kiểm tra tải trọng").coordinators == ("Công an xã",)
    assert by_phrase(doc, "ngăn chặn các hành vi khai thác").assignees == ("Công an xã",)


def test_an_agency_name_wrapped_onto_the_next_line_and_a_passive_unit_and_a_duty_lead_in():
    text = ("**UBND TỈNH BÌNH LÂM\nSỞ LAO ĐỘNG - THƯƠNG BINH\nVÀ XÃ HỘI**\n\nSố: 112/KH-SLĐTBXH\n\n"
            "Bình Lâm, ngày 05 tháng 3 năm 2024\n\nKẾ HOẠCH\nKiểm tra công tác trợ giúp xã hội\n\n"
            "IV. TỔ CHỨC THỰC HIỆN\n\n"
            "1. Giao Phòng Bảo trợ xã hội là cơ quan thường trực của Đoàn kiểm tra, có trách nhiệm:\n\n"
            "- Xây dựng đề cương báo cáo, gửi các đơn vị trước ngày 26/3/2024.\n\n"
            "2. Các đơn vị được kiểm tra chuẩn bị báo cáo, gửi trước ngày 05/4/2024.\n")
    doc = extract(text, "binh-lam.md")
    assert doc.issuer == "Sở Lao động - Thương binh và Xã hội tỉnh Bình Lâm"
    assert by_phrase(doc, "đề cương báo cáo").assignees == ("Phòng Bảo trợ xã hội",)
    assert by_phrase(doc, "cơ quan thường trực của Đoàn kiểm tra").assignees == ("Phòng Bảo trợ xã hội",)
    assert by_phrase(doc, "chuẩn bị báo cáo").assignees == ("Các đơn vị được kiểm tra",)


# a decision and the plan it issues, as plain text taken from a PDF: columns, page numbers and a running
# header on each page, the plan's title run together with "(Ban hành kèm theo …)", its own signature
DECISION_AND_PLAN_FROM_PDF = """ỦY BAN NHÂN DÂN                      CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
HUYỆN VĨNH THẠNH                           Độc lập - Tự do - Hạnh phúc

Số: 88/QĐ-UBND                        Vĩnh Thạnh, ngày 12 tháng 3 năm 2024

                                  QUYẾT ĐỊNH
         Ban hành Kế hoạch chuyển đổi số trên địa bàn huyện Vĩnh Thạnh năm 2024

Điều 1. Ban hành kèm theo Quyết định này Kế hoạch chuyển đổi số trên địa bàn huyện năm 2024.
Điều 2. Quyết định này có hiệu lực kể từ ngày ký.

Nơi nhận:                                        KT. CHỦ TỊCH
- Như Điều 2;                                      PHÓ CHỦ TỊCH
- Lưu: VT.
                                                  Trần Minh Khoa

                                            1

Kế hoạch chuyển đổi số năm 2024 - UBND huyện Vĩnh Thạnh

                                   KẾ HOẠCH
     Chuyển đổi số trên địa bàn huyện Vĩnh Thạnh năm 2024
   (Ban hành kèm theo Quyết định số 88/QĐ-UBND ngày 12/3/2024 của UBND huyện)

I. TỔ CHỨC THỰC HIỆN
1. Phòng Văn hóa và Thông tin
a) Chủ trì, tham mưu UBND huyện triển khai Kế hoạch này; hướng dẫn các xã thành lập Tổ công
nghệ số cộng đồng, hoàn thành trong tháng 4/2024.
b) Tổng hợp, báo cáo kết quả thực hiện về UBND huyện hằng quý.

                                            2

Kế hoạch chuyển đổi số năm 2024 - UBND huyện Vĩnh Thạnh

2. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam huyện và các tổ chức chính trị - xã hội huyện
Vận động đoàn viên, hội viên cài đặt và sử dụng ứng dụng định danh điện tử VNeID.

                                                  KT. CHỦ TỊCH
                                                  PHÓ CHỦ TỊCH

                                                  Trần Minh Khoa

                                            3
"""


def test_a_plan_issued_with_a_decision_and_printed_after_its_signature_is_read_as_text_from_a_pdf_gives_it():
    doc = extract(DECISION_AND_PLAN_FROM_PDF, "vinh-thanh.txt")
    assert (doc.number, doc.issuer, doc.signer) == ("88/QĐ-UBND", "UBND huyện Vĩnh Thạnh", "Trần Minh Khoa")
    teams = by_phrase(doc, "Tổ công nghệ số cộng đồng")
    assert teams.assignees == ("Phòng Văn hóa và Thông tin",) and teams.deadline == date(2024, 4, 30)
    assert by_phrase(doc, "báo cáo kết quả thực hiện").recurrence == "quarterly"
    # the page number and the running header between pages are no tasks, nor the plan's own signature
    assert not [t for t in doc.tasks if t.action in ("2", "3") or "UBND huyện Vĩnh Thạnh" in t.action
                or "CHỦ TỊCH" in t.action or t.action == "Trần Minh Khoa"]
    # a heading wrapped into its first sentence: "… xã hội huyện / Vận động …" is no place named "Vận"
    vneid = by_phrase(doc, "VNeID")
    assert vneid.assignees == ("Ủy ban Mặt trận Tổ quốc Việt Nam huyện", "Các tổ chức chính trị - xã hội huyện")
    assert vneid.action.startswith("Vận động đoàn viên")


def test_a_commune_under_its_district_written_on_one_line_issues():
    text = ("**UBND HUYỆN CHÂU ĐIỀN\nỦY BAN NHÂN DÂN\nXÃ THẠNH AN TÂY**\n\n**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "Độc lập - Tự do - Hạnh phúc**\n\nSố: 145/UBND-VX\n\n*Thạnh An Tây, ngày 12 tháng 5 năm 2025*\n\n"
            "1. Trạm Y tế xã tổ chức phun hóa chất diệt muỗi trước ngày 19/5/2025.\n")
    doc = extract(text, "thanh-an-tay.md")
    assert doc.issuer == "UBND xã Thạnh An Tây"
    assert by_phrase(doc, "phun hóa chất").deadline == date(2025, 5, 19)


_STORM_LETTER = """ỦY BAN NHÂN DÂN
HUYỆN HÒA SƠN

Số: 77/UBND-NN

Hòa Sơn, ngày 10 tháng 9 năm 2024

V/v ứng phó bão

        Chủ tịch UBND huyện yêu cầu Thủ trưởng các cơ quan, đơn vị, Chủ tịch UBND các xã triển khai các nội dung sau:

        1. Nhiệm vụ cụ thể của các cơ quan, đơn vị:

        - Ban Chỉ huy Quân sự huyện: chủ trì bố trí lực lượng tại các địa bàn xung yếu.

        - Công an huyện:
          + Bảo đảm an ninh, trật tự tại các khu vực sơ tán.
          + Phối hợp với UBND các xã phân luồng giao thông tại các ngầm tràn.

        - Phòng Giáo dục và Đào tạo:
          + Chỉ đạo các trường học chằng chống trường lớp.

        2. UBND các xã ven sông Mã, gồm: xã Hòa Bình, xã An Lạc và thị trấn Hòa Sơn:

        a) Tổ chức sơ tán các hộ dân ven sông, hoàn thành trước 17 giờ ngày 12/9/2024.

        3. Giao đồng chí Lê Văn Hòa - Phó Chủ tịch UBND huyện trực tiếp chỉ đạo công tác ứng phó bão.

        Đây là nhiệm vụ cấp bách, Chủ tịch UBND huyện yêu cầu Thủ trưởng các cơ quan, đơn vị, Chủ tịch UBND các xã nghiêm túc triển khai thực hiện; trường hợp để xảy ra thiệt hại về người do chủ quan, lơ là, thiếu trách nhiệm trong chỉ đạo, điều hành thì người đứng đầu cơ quan, đơn vị, địa phương phải chịu trách nhiệm trước Chủ tịch UBND huyện./.

Nơi nhận:
- Như trên;

KT. CHỦ TỊCH
PHÓ CHỦ TỊCH

Trần Văn Minh
"""


def test_a_bullet_naming_a_unit_heads_the_bullets_of_another_mark_below_it():
    doc = extract(_STORM_LETTER, "hoa-son.txt")
    assert by_phrase(doc, "Bảo đảm an ninh").assignees == ("Công an huyện",)
    traffic = by_phrase(doc, "phân luồng giao thông")
    assert traffic.assignees == ("Công an huyện",) and traffic.coordinators == ("UBND các xã",)
    assert by_phrase(doc, "chằng chống trường lớp").assignees == ("Phòng Giáo dục và Đào tạo",)
    assert by_phrase(doc, "bố trí lực lượng").assignees == ("Ban Chỉ huy Quân sự huyện",)
    assert not [t for t in doc.tasks if t.action.rstrip(":") in ("Công an huyện", "Phòng Giáo dục và Đào tạo")]


def test_a_group_of_communes_named_by_its_members_after_gom():
    doc = extract(_STORM_LETTER, "hoa-son.txt")
    evacuate = by_phrase(doc, "sơ tán các hộ dân")
    assert evacuate.assignees == ("UBND xã Hòa Bình", "UBND xã An Lạc", "UBND thị trấn Hòa Sơn")
    assert evacuate.deadline == date(2024, 9, 12)


def test_a_leader_named_in_person_is_an_assignee_with_the_office_held():
    doc = extract(_STORM_LETTER, "hoa-son.txt")
    lead = by_phrase(doc, "trực tiếp chỉ đạo công tác ứng phó bão")
    assert len(lead.assignees) == 1 and lead.assignees[0].startswith("Lê Văn Hòa - Phó Chủ tịch UBND huyện")


def test_the_closing_call_to_carry_it_out_is_no_task_even_when_long():
    doc = extract(_STORM_LETTER, "hoa-son.txt")
    assert not [t for t in doc.tasks if "nhiệm vụ cấp bách" in t.action]


def test_a_chapter_heading_between_articles_is_no_task():
    text = ("ỦY BAN NHÂN DÂN\nHUYỆN PHƯỚC AN\n\nSố: 12/QĐ-UBND\n\nPhước An, ngày 02 tháng 3 năm 2023\n\n"
            "QUY CHẾ\n\n**Điều 8. Trách nhiệm của UBND các xã, thị trấn**\n\n"
            "1. Chủ trì bảo vệ khoáng sản chưa khai thác trên địa bàn.\n\n"
            "**Chương III. TỔ CHỨC THỰC HIỆN**\n\n**Điều 9. Chế độ báo cáo**\n\n"
            "1. Phòng Kinh tế và Hạ tầng báo cáo kết quả thực hiện Quy chế hằng quý.\n")
    doc = extract(text, "phuoc-an.md")
    assert not [t for t in doc.tasks if "Chương" in t.action or "TỔ CHỨC THỰC HIỆN" in t.action]
    assert by_phrase(doc, "báo cáo kết quả").assignees == ("Phòng Kinh tế và Hạ tầng",)


def test_an_extension_naming_its_clause_by_point_section_and_part_moves_only_that_deadline():
    text = ("SỞ GIÁO DỤC VÀ ĐÀO TẠO\n\nSố: 18/SGDĐT-VP\n\nLam Thành, ngày 28 tháng 8 năm 2025\n\n"
            "V/v chuyển đổi số\n\nIII. TỔ CHỨC THỰC HIỆN\n\n1. Phòng Giáo dục và Đào tạo các huyện:\n\n"
            "a) Tham mưu ban hành kế hoạch chuyển đổi số, gửi về Sở chậm nhất ngày 30/9/2025.\n\n"
            "b) Chỉ đạo các trường cập nhật dữ liệu học sinh lên CSDL ngành, chậm nhất ngày 30/9/2025.\n\n"
            "2. Các đơn vị trực thuộc Sở:\n\n"
            "a) Kiện toàn Ban Chỉ đạo chuyển đổi số, chậm nhất ngày 30/9/2025.\n\n"
            "Do hệ thống CSDL ngành tạm dừng để nâng cấp, thời hạn cập nhật dữ liệu nêu tại điểm b khoản 1 "
            "Mục III Công văn này được gia hạn đến ngày 15/10/2025. Các nhiệm vụ khác giữ nguyên thời hạn.\n")
    doc = extract(text, "so-gd.md")
    assert by_phrase(doc, "cập nhật dữ liệu học sinh").deadline == date(2025, 10, 15)
    assert by_phrase(doc, "Tham mưu ban hành kế hoạch").deadline == date(2025, 9, 30)
    assert by_phrase(doc, "Kiện toàn Ban Chỉ đạo").deadline == date(2025, 9, 30)


def test_a_phases_end_is_the_deadline_of_the_tasks_listed_under_it_and_its_start_is_none():
    text = ("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ TÂN HƯNG\n\nSố: 48/KH-UBND\n\nTân Hưng, ngày 20 tháng 02 năm 2025\n\n"
            "KẾ HOẠCH\nLập lại trật tự lòng đường, vỉa hè\n\n### III. NỘI DUNG VÀ THỜI GIAN THỰC HIỆN\n\n"
            "#### Giai đoạn 1: Tuyên truyền, vận động (từ ngày 01/3/2025 đến ngày 31/3/2025)\n\n"
            "**a) UBND các phường:**\n\n- Tổ chức tuyên truyền trên hệ thống loa truyền thanh phường;\n"
            "- Đề xuất danh mục tuyến phố kiểu mẫu, trình UBND thành phố trước ngày 15/3/2025.\n\n"
            "#### Giai đoạn 2: Ra quân xử lý vi phạm (từ ngày 01/4/2025 đến ngày 30/6/2025)\n\n"
            "**a) Công an thành phố:**\n\n- Xử lý nghiêm các trường hợp dừng, đỗ xe ô tô trên vỉa hè.\n\n"
            "### IV. TỔ CHỨC THỰC HIỆN\n\n1. Phòng Quản lý đô thị tham mưu quy định các tuyến đường được tạm sử dụng vỉa hè.\n")
    doc = extract(text, "tan-hung.md")
    assert by_phrase(doc, "loa truyền thanh").deadline == date(2025, 3, 31)
    assert by_phrase(doc, "tuyến phố kiểu mẫu").deadline == date(2025, 3, 15)   # its own date stands
    parking = by_phrase(doc, "đỗ xe ô tô")
    assert parking.assignees == ("Công an thành phố",) and parking.deadline == date(2025, 6, 30)
    assert by_phrase(doc, "tạm sử dụng vỉa hè").deadline is None   # after the phases, no phase end
    assert not [t for t in doc.tasks if t.deadline in (date(2025, 3, 1), date(2025, 4, 1))]


def test_work_to_finish_within_or_by_the_end_of_a_year_is_due_on_its_last_day():
    text = ("ỦY BAN NHÂN DÂN\nTHỊ XÃ VÂN KHÊ\n\nSố: 21/TB-UBND\n\nVân Khê, ngày 22 tháng 01 năm 2025\n\n"
            "Chủ tịch UBND thị xã phân công như sau:\n\n"
            "- Ban Quản lý dự án đầu tư xây dựng thị xã: hoàn thành, đưa vào sử dụng Trường Mầm non Hoa Sen cuối năm 2025.\n"
            "- Phòng Tài nguyên và Môi trường: cấp giấy chứng nhận lần đầu cho 350 hộ gia đình trong năm 2025;\n"
            "- Phòng Văn hóa và Thông tin: định kỳ hằng quý báo cáo kết quả trong năm 2025;\n"
            "- Báo Vân Khê tăng cường tuyên truyền về cải cách hành chính.\n")
    doc = extract(text, "van-khe.txt")
    assert by_phrase(doc, "Trường Mầm non Hoa Sen").deadline == date(2025, 12, 31)
    assert by_phrase(doc, "350 hộ gia đình").deadline == date(2025, 12, 31)
    assert by_phrase(doc, "hằng quý báo cáo").deadline is None   # recurring work has no year-end deadline
    # a newspaper ("Báo" and a name, not "báo cáo") is a unit
    assert by_phrase(doc, "tuyên truyền về cải cách").assignees == ("Báo Vân Khê",)


_COMMUNE_LETTER = """UBND HUYỆN KIM SƠN                CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
  UBND XÃ TÂN SƠN                      Độc lập - Tự do - Hạnh phúc
   Số: 214/UBND                    Tân Sơn, ngày 10 tháng 9 năm 2025
V/v triển khai nhiệm vụ tháng 9

Thực hiện ý kiến kết luận tại cuộc họp giao ban ngày 08-9-2025, UBND xã Tân Sơn yêu cầu các thôn, các bộ phận chuyên môn thực hiện một số nội dung sau:

1/ Công tác phòng, chống thiên tai

a/ Ban Công an xã xây dựng phương án bảo đảm an ninh trật tự khi có mưa lũ.

b/ Các thôn chuẩn bị vật tư, phương tiện theo phương châm "4 tại chỗ", gồm:
  * Bao tải, cọc tre, bạt che phục vụ hộ đê;
  * Đèn pin, áo phao, loa cầm tay.

2/ Công tác tư pháp

a/ Công chức Tư pháp - Hộ tịch số hóa dữ liệu hộ tịch lịch sử, gồm:
  * Sổ đăng ký khai sinh từ năm 2006 đến năm 2015;
  * Sổ đăng ký kết hôn từ năm 2006 đến năm 2015.
Thời hạn hoàn thành: 31-10-2025.

Nơi nhận:
- Như trên;

CHỦ TỊCH

Bùi Văn Sáng
"""


def test_items_marked_with_slashes_and_a_tasks_listed_parts_after_gom():
    doc = extract(_COMMUNE_LETTER, "tan-son.txt")
    plan = by_phrase(doc, "phương án bảo đảm an ninh")
    assert plan.assignees == ("Ban Công an xã",) and plan.clause == "1.a"
    supplies = by_phrase(doc, "chuẩn bị vật tư")
    assert supplies.assignees == ("Các thôn",) and "Đèn pin" in supplies.action
    records = by_phrase(doc, "số hóa dữ liệu hộ tịch")
    assert "Sổ đăng ký kết hôn" in records.action and records.deadline == date(2025, 10, 31)
    # the listed parts are no tasks of their own, and "Sổ …" is no "Sở"
    assert not [t for t in doc.tasks if t.action.startswith(("Bao tải", "Đèn pin", "Sổ đăng ký"))]
    # "cuộc họp giao ban …" is no assignment: the addressees come after "yêu cầu"
    assert not [t for t in doc.tasks if any("ngày 08-9-2025" in a for a in t.assignees)]


def test_a_commune_under_its_district_typed_as_two_committees_issues_and_a_day_and_month_without_ngay():
    doc = extract(_COMMUNE_LETTER.replace("khi có mưa lũ.", "khi có mưa lũ, hoàn thành trước 30/9."), "tan-son.txt")
    assert doc.issuer == "UBND xã Tân Sơn"
    assert by_phrase(doc, "phương án bảo đảm an ninh").deadline == date(2025, 9, 30)


def test_a_bare_day_and_month_is_a_deadline_only_where_its_clause_ends():
    from knowledge.dates import find_deadlines
    assert [h.day for h in find_deadlines("gửi danh sách về UBND xã trước 20/9.", "2025-09-10")] == [date(2025, 9, 20)]
    assert find_deadlines("giảm so với trước 2/3 số hộ nghèo", "2025-09-10") == []
    assert find_deadlines("báo cáo trước 15/6 và 15/12 hằng năm.", "2025-09-10") == []


def test_a_boards_deputy_is_the_assignee_of_their_duty_and_aid_to_society_is_no_verb():
    text = ("ỦY BAN NHÂN DÂN\nHUYỆN BẮC SƠN\n\nSố: 356/QĐ-UBND\n\nBắc Sơn, ngày 14 tháng 01 năm 2025\n\n"
            "QUYẾT ĐỊNH\n\nĐiều 2. Nhiệm vụ của Ban Chỉ đạo và các thành viên\n\n"
            "1. Phó Trưởng ban thường trực giúp Trưởng ban điều hành công việc thường xuyên của Ban Chỉ đạo.\n\n"
            "2. Phó Trưởng ban Phạm Quang Vinh trực tiếp chỉ đạo, đôn đốc tiến độ thi công các công trình.\n\n"
            "3. Các cơ sở trợ giúp xã hội tiếp nhận đối tượng bảo trợ xã hội.\n")
    doc = extract(text, "bac-son.md")
    assert by_phrase(doc, "điều hành công việc thường xuyên").assignees == ("Phó Trưởng ban thường trực",)
    assert by_phrase(doc, "đôn đốc tiến độ thi công").assignees == ("Phó Trưởng ban Phạm Quang Vinh",)
    assert by_phrase(doc, "tiếp nhận đối tượng").assignees == ("Các cơ sở trợ giúp xã hội",)


_PROVINCE_LETTER = """UBND TỈNH LONG AN NAM
VĂN PHÒNG

Số: 1586/VP-TCD

Long An Nam, ngày 07 tháng 4 năm 2025

V/v giải quyết đơn khiếu nại

Chủ tịch UBND tỉnh có ý kiến như sau:

1. Yêu cầu UBND huyện Tân Phú:

a) Cung cấp hồ sơ cho Sở Nông nghiệp và Môi trường trước ngày 15/4/2025.

b) Chủ tịch UBND huyện trực tiếp tổ chức đối thoại với người khiếu nại.

2. Đồng chí Trần Minh Đức - Phó Chủ tịch Thường trực UBND huyện: chỉ đạo công tác thu ngân sách.

3. Đồng chí Lê Thu Hương - Phó Chủ tịch UBND huyện: chỉ đạo công tác an sinh xã hội.

4. Ban Chỉ huy Quân sự xã chỉ đạo dân quân phối hợp với Công an xã giữ gìn trật tự khu vực lễ hội.

5. Văn phòng HĐND-UBND huyện, Công an huyện, Trưởng các Tổ dân phố số 1, 2, 3 và các cơ quan, đơn vị có liên quan chịu trách nhiệm thi hành Văn bản này.

6. Công an huyện tổng hợp kết quả, báo cáo Chủ tịch UBND huyện trước ngày 20 của tháng cuối quý.

Nơi nhận: KT. CHÁNH VĂN PHÒNG
- Như trên; PHÓ CHÁNH VĂN PHÒNG
- Lưu: VT, TCD. Lê Hoàng Phúc
"""


def test_a_bare_level_unit_inside_an_item_is_the_items_unit_and_persons_hold_offices_after_a_colon():
    doc = extract(_PROVINCE_LETTER, "long-an-nam.txt")
    assert by_phrase(doc, "tổ chức đối thoại").assignees == ("UBND huyện Tân Phú",)
    assert by_phrase(doc, "thu ngân sách").assignees == ("Trần Minh Đức - Phó Chủ tịch Thường trực UBND huyện",)
    assert by_phrase(doc, "an sinh xã hội").assignees == ("Lê Thu Hương - Phó Chủ tịch UBND huyện",)
    # "giữ gìn" ends the coordinator's name
    assert by_phrase(doc, "giữ gìn trật tự").coordinators == ("Công an xã",)


def test_village_heads_and_the_bodies_concerned_are_units_of_their_own_in_a_list():
    doc = extract(_PROVINCE_LETTER, "long-an-nam.txt")
    names = by_phrase(doc, "chịu trách nhiệm thi hành").assignees
    assert "Trưởng các Tổ dân phố số 1, 2, 3" in names and "Công an huyện" in names
    assert not [n for n in names if "Tổ dân phố" in n and "cơ quan" in n]


def test_the_last_month_of_each_quarter_is_a_quarterly_report_and_a_flat_signature_row_names_the_signer():
    doc = extract(_PROVINCE_LETTER, "long-an-nam.txt")
    report = by_phrase(doc, "tổng hợp kết quả")
    assert report.recurrence == "quarterly" and report.deadline is None
    assert doc.signer == "Lê Hoàng Phúc"
    from knowledge.dates import recurrence_of
    assert recurrence_of("hoàn thành trong tháng cuối quý III/2025")[0] is None


def test_a_numbered_phase_named_in_words_dates_its_items_until_the_next_item():
    text = ("ỦY BAN NHÂN DÂN\nTHỊ XÃ HÒA LỘC\n\nSố: 36/KH-UBND\n\nHòa Lộc, ngày 24 tháng 02 năm 2026\n\nKẾ HOẠCH\n\n"
            "III. NỘI DUNG, THỜI GIAN THỰC HIỆN\n\n"
            "1. Giai đoạn chuẩn bị: từ ngày 01/3 đến ngày 31/3/2026\n\n"
            "a) Chi cục Thống kê khu vực:\n\n- Rà soát, cập nhật bảng kê hộ tại 24 địa bàn.\n"
            "- Tổ chức tập huấn nghiệp vụ; hoàn thành trước ngày 25/3/2026.\n\n"
            "2. Giai đoạn điều tra: từ ngày 01/4 đến ngày 30/4/2026\n\n"
            "a) UBND các phường, xã:\n\n- Vận động các hộ gia đình cung cấp thông tin.\n\n"
            "3. Phòng Văn hóa và Thông tin đưa tin về cuộc điều tra trên Cổng thông tin điện tử thị xã.\n")
    doc = extract(text, "hoa-loc.md")
    assert by_phrase(doc, "bảng kê hộ").deadline == date(2026, 3, 31)
    assert by_phrase(doc, "tập huấn nghiệp vụ").deadline == date(2026, 3, 25)
    assert by_phrase(doc, "cung cấp thông tin").deadline == date(2026, 4, 30)
    assert by_phrase(doc, "cung cấp thông tin").clause == "III.2.a gạch 1"
    assert by_phrase(doc, "đưa tin").deadline is None     # the next item is past the phase


def test_until_a_season_dated_in_brackets_and_no_deadline_counted_from_a_petitions_receipt():
    from knowledge.dates import find_deadlines
    hits = find_deadlines("bố trí trực cháy 24/24 giờ từ nay đến hết mùa khô (30/4/2026).", "2025-12-18")
    assert [h.day for h in hits] == [date(2026, 4, 30)]
    assert find_deadlines("chuyển đơn trong thời hạn 10 ngày kể từ ngày nhận được đơn.", "2026-01-05") == []
    assert find_deadlines("trình phê duyệt trong thời hạn 07 ngày kể từ ngày nhận được hồ sơ hợp lệ.", "2026-01-05") == []
    assert [h.day for h in find_deadlines("đối thoại trong thời hạn 10 ngày kể từ ngày nhận được văn bản này.",
                                          "2026-01-05")] == [date(2026, 1, 15)]


def test_a_schedule_of_deadlines_dates_the_items_it_points_back_at_and_an_extension_moves_one():
    text = ("UBND TỈNH TUYÊN LẠC\nSỞ NỘI VỤ\n\nSố: 1947/SNV-CCVC\n\nTuyên Lạc, ngày 06 tháng 8 năm 2025\n\n"
            "V/v báo cáo số lượng cán bộ dôi dư\n\n"
            "Sở Nội vụ đề nghị các cơ quan, đơn vị sau triển khai thực hiện:\n\n"
            "1. Ủy ban nhân dân các xã, phường\n\n"
            "a) Rà soát, thống kê số lượng cán bộ, công chức cấp xã dôi dư; lập Biểu tổng hợp theo Mẫu số 01.\n\n"
            "b) Lập danh sách cán bộ có nguyện vọng nghỉ hưu trước tuổi (Mẫu số 02).\n\n"
            "c) Báo cáo kết quả giải quyết chế độ, chính sách về Sở Nội vụ.\n\n"
            "2. Các sở, ban, ngành tỉnh (Giám đốc các sở, Thủ trưởng các ban, ngành)\n\n"
            "a) Rà soát, lập danh sách công chức, viên chức dôi dư (Mẫu số 03).\n\n"
            "Số liệu báo cáo tính đến thời điểm ngày 01/8/2025.\n\n"
            "3. Thời hạn gửi báo cáo (bản giấy gửi về Sở Nội vụ):\n\n"
            "- Trước ngày 15/8/2025: UBND các xã, phường gửi Biểu tổng hợp theo Mẫu số 01 (nội dung tại điểm a khoản 1);\n"
            "- Trước 10 giờ ngày 20/8/2025: các sở, ban, ngành gửi danh sách theo Mẫu số 03 (nội dung tại điểm a khoản 2);\n"
            "- Chậm nhất ngày 25/8/2025: UBND các xã, phường gửi danh sách theo Mẫu số 02 (nội dung tại điểm b khoản 1);\n"
            "- Hằng tháng, trước ngày 25: UBND các xã, phường báo cáo kết quả (nội dung tại điểm c khoản 1).\n\n"
            "Lưu ý: Lãnh đạo Sở thống nhất gia hạn thời hạn gửi Biểu tổng hợp theo Mẫu số 01 của UBND các xã, "
            "phường đến ngày 22/8/2025; các thời hạn khác giữ nguyên.\n")
    doc = extract(text, "snv.txt")
    assert by_phrase(doc, "Rà soát, thống kê").deadline == date(2025, 8, 22)   # extended, then pointed back at
    assert by_phrase(doc, "gửi Biểu tổng hợp").deadline == date(2025, 8, 22)
    assert by_phrase(doc, "Lập danh sách cán bộ").deadline == date(2025, 8, 25)
    assert by_phrase(doc, "công chức, viên chức dôi dư").deadline == date(2025, 8, 20)
    assert by_phrase(doc, "công chức, viên chức dôi dư").assignees == ("Các sở, ban, ngành tỉnh",)
    assert by_phrase(doc, "gửi danh sách theo Mẫu số 03").assignees == ("Các sở, ban, ngành",)
    report = by_phrase(doc, "Báo cáo kết quả giải quyết")
    assert (report.deadline, report.recurrence) == (None, "monthly")
    assert not [t for t in doc.tasks if t.action.startswith(("Số liệu", "Thời hạn gửi", "Lưu ý"))]
    assert date(2025, 8, 15) not in {t.deadline for t in doc.tasks}


def test_work_done_over_a_window_is_due_at_its_end_but_not_an_inspection_or_an_event():
    from knowledge.dates import find_deadlines

    def days(text):
        return [h.day for h in find_deadlines(text, "2025-10-01")]
    assert days("Chủ trì, phối hợp với Công an xã tổ chức sơ tuyển sức khỏe cho công dân "
                "từ ngày 03/11/2025 đến ngày 14/11/2025.") == [date(2025, 11, 14)]
    assert days("Từ ngày 22/10/2025 đến ngày 31/10/2025, rà soát toàn bộ hồ sơ đang giải quyết.") == [date(2025, 10, 31)]
    assert days("Tổ chức kiểm tra việc bàn giao tại các xã từ ngày 11/10/2025 đến ngày 22/10/2025.") == []
    assert days("từ ngày 01/11/2025 đến ngày 05/11/2025 tổ chức kiểm tra") == []
    assert days("UBND tỉnh tổ chức Hội nghị từ ngày 11/11/2025 đến ngày 13/11/2025.") == []
    assert days("Riêng tuần 44 (từ ngày 27/10/2025 đến ngày 02/11/2025) ghi nhận 412 ca mắc.") == []
    assert days("phấn đấu hoàn thành đấu giá trong 06 tháng đầu năm 2026.") == [date(2026, 6, 30)]
    hit = find_deadlines("Đối với nhiệm vụ tại điểm c khoản 2, thời hạn được điều chỉnh đến ngày 08/11/2025.",
                         "2025-10-01")
    assert [(h.day, h.extends) for h in hit] == [(date(2025, 11, 8), True)]


def test_pdf_text_a_footnote_under_its_rule_and_an_item_heading_alone_on_its_line():
    body = ("    1. Công an huyện\n"
            "    a) Thường xuyên bố trí lực lượng tuần tra, kiểm soát trên Quốc lộ 27C và các tuyến\n"
            "đường huyện; xử lý nghiêm các hành vi vi phạm theo Nghị định số 46/2016/NĐ-CP¹, tập trung vào\n"
            "các hành vi: điều khiển phương tiện khi trong máu hoặc\n\n"
            "______________________\n"
            "¹ Nghị định số 46/2016/NĐ-CP ngày 26/5/2016 của Chính phủ quy định xử phạt vi phạm hành\n"
            "chính trong lĩnh vực giao thông đường bộ.\n\n"
            "                                                                                      2\n\n"
            "hơi thở có nồng độ cồn, chạy quá tốc độ quy định.\n\n"
            "    2. Phòng Giáo dục và Đào tạo\n"
            "    Chỉ đạo các trường Tiểu học, Trung học cơ sở trên địa bàn tổ chức cho học sinh và phụ\n"
            "huynh ký cam kết không điều khiển xe mô tô khi chưa đủ tuổi; hoàn thành trước ngày\n"
            "09/02/2018.\n\n"
            "    3. Ban An toàn giao thông huyện\n"
            "    Theo dõi, đôn đốc, kiểm tra việc thực hiện Chỉ thị này; báo cáo Chủ tịch UBND huyện trước\n"
            "ngày 09/3/2018.\n\n"
            "    4. Đài Truyền thanh huyện tăng thời lượng phát sóng, thường xuyên đưa tin về tình hình trật tự\n"
            "an toàn giao thông trong dịp Tết.\n")
    text = ("UỶ BAN NHÂN DÂN\nHUYỆN HƯNG THẠCH\n\nSố: 02/CT-UBND\n\nHưng Thạch, ngày 19 tháng 01 năm 2018\n\n"
            "CHỈ THỊ\n\nChủ tịch Uỷ ban nhân dân huyện chỉ thị:\n\n" + body)
    doc = extract(text, "hung-thach.txt")
    patrol = by_phrase(doc, "bố trí lực lượng tuần tra")
    assert "hơi thở có nồng độ cồn" in patrol.action and "Chính phủ quy định" not in patrol.action
    assert not [t for t in doc.tasks if t.action.startswith(("_", "¹", "hơi thở"))]
    school = by_phrase(doc, "ký cam kết")
    assert (school.assignees, school.deadline) == (("Phòng Giáo dục và Đào tạo",), date(2018, 2, 9))
    assert by_phrase(doc, "Theo dõi, đôn đốc").assignees == ("Ban An toàn giao thông huyện",)
    assert by_phrase(doc, "thời lượng phát sóng").assignees == ("Đài Truyền thanh huyện",)


def test_a_purpose_opening_its_unit_a_statement_of_importance_and_a_wrapped_agency_name():
    text = ("UBND TỈNH PHÚ LAM                          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "SỞ NÔNG NGHIỆP VÀ                               Độc lập - Tự do - Hạnh phúc\n"
            "PHÁT TRIỂN NÔNG THÔN\n\nSố: 1968/SNN-TL                               Phú Lam, ngày 14 tháng 6 năm 2024\n\n"
            "Sở Nông nghiệp và Phát triển nông thôn đề nghị:\n\n"
            "1. Để chuẩn bị Hội nghị tổng kết công tác năm 2024 dự kiến tổ chức vào ngày 29/12/2024, Chi cục "
            "Thủy lợi chủ trì, phối hợp với Văn phòng Sở hoàn thiện dự thảo Báo cáo tổng kết, trình Giám đốc Sở "
            "trước ngày 19/12/2024.\n\n"
            "2. Đây là nhiệm vụ chính trị trọng tâm của ngành trong năm 2024; Thủ trưởng các đơn vị chịu trách "
            "nhiệm về tiến độ thực hiện.\n")
    doc = extract(text, "snn.txt")
    assert doc.issuer == "Sở Nông nghiệp và Phát triển nông thôn tỉnh Phú Lam"
    t = by_phrase(doc, "hoàn thiện dự thảo Báo cáo tổng kết")
    assert (t.assignees, t.coordinators, t.deadline) == (("Chi cục Thủy lợi",), ("Văn phòng Sở",), date(2024, 12, 19))
    assert date(2024, 12, 31) not in {t.deadline for t in doc.tasks}


def test_a_page_number_at_a_blocks_edge_goes_with_its_running_header_and_a_leading_deadline_ends_at_its_semicolon():
    text = ("ỦY BAN NHÂN DÂN\nXÃ PHÚ THUỶ\n\nSố: 38/TB-UBND\n\nPhú Thuỷ, ngày 10 tháng 8 năm 2017\n\n"
            "THÔNG BÁO\n\nChủ tịch UBND xã giao nhiệm vụ như sau:\n\n"
            "1. Công chức Tư pháp - Hộ tịch\n"
            "Rà soát, đóng quyển các sổ hộ tịch từ năm 2010 đến năm 2016, lập hồ sơ và giao nộp\n\n"
            "                                                                                      2\n"
            "   UBND xã Phú Thuỷ - TB số 38/TB-UBND\n"
            "vào Lưu trữ cơ quan trước ngày 31/8/2017.\n\n"
            "2. Công an xã\n"
            "Trong thời hạn 10 ngày kể từ ngày ký Thông báo này, xây dựng kế hoạch bảo vệ kho lưu trữ; chủ trì, "
            "phối hợp với Trưởng các thôn tổ chức tuần tra từ ngày 01/9/2017 đến ngày 30/9/2017.\n\n"
            "3. Công chức Văn phòng - Thống kê\n"
            "Lập Danh mục hồ sơ của UBND xã, trình Chủ tịch UBND xã ban hành trong tháng 9 năm\n"
            "2017\n")
    doc = extract(text, "phu-thuy.txt")
    filing = by_phrase(doc, "đóng quyển các sổ hộ tịch")
    assert "vào Lưu trữ cơ quan" in filing.action and "TB số 38" not in filing.action
    assert filing.deadline == date(2017, 8, 31)
    assert not [t for t in doc.tasks if t.assignees == ("UBND xã Phú Thủy",)]
    assert by_phrase(doc, "xây dựng kế hoạch bảo vệ").deadline == date(2017, 8, 20)   # 10 days from the issue
    assert by_phrase(doc, "tổ chức tuần tra").deadline == date(2017, 9, 30)            # the window's end
    assert by_phrase(doc, "Lập Danh mục").deadline == date(2017, 9, 30)                # a year is no page number


_COMMUNE_HEAD = ("ỦY BAN NHÂN DÂN\nXÃ TÂN AN\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n"
                 "Số: 12/TB-UBND\n\nTân An, ngày 01 tháng 10 năm 2025\n\nTHÔNG BÁO\nKết luận của Chủ tịch UBND xã\n\n"
                 "Ủy ban nhân dân xã Tân An thông báo kết luận như sau:\n\nII. NHIỆM VỤ THỜI GIAN TỚI\n\n")


def test_what_opens_a_sentence_before_its_unit_a_topic_label_a_deadline_a_purpose():
    doc = extract(_COMMUNE_HEAD + (
        "1. Kiện toàn Hội đồng nghĩa vụ quân sự xã: Ban Chỉ huy quân sự xã tham mưu UBND xã kiện toàn Hội đồng, "
        "hoàn thành trước ngày 15/10/2025.\n\n"
        "2. Rà soát, sơ tuyển: Từ ngày 20/10/2025 đến ngày 10/11/2025, Ban Chỉ huy quân sự xã chủ trì, phối hợp với "
        "Công an xã tổ chức sơ tuyển sức khỏe công dân.\n\n"
        "3. Trước ngày 20/12/2025, Phòng Kinh tế tổng hợp số liệu thu ngân sách.\n\n"
        "4. Trong thời hạn 05 ngày kể từ ngày ban hành Thông báo này, Ban Quản lý dự án xã báo cáo rõ nguyên nhân "
        "chậm giải ngân.\n\n"
        "5. Hằng tháng, Phòng Văn hóa - Xã hội báo cáo kết quả tiêm chủng.\n\n"
        "6. Về đề nghị bổ sung vốn cho dự án đường liên thôn Đông - Tây của Ban Quản lý dự án xã: giao Phòng Kinh tế "
        "tổng hợp, xem xét trong đợt điều chỉnh kế hoạch vốn.\n\n"
        "7. Ban Quản lý dự án xã đề nghị lùi thời hạn bàn giao 08 phòng học do mưa kéo dài: đồng ý. Trong thời gian "
        "chờ bàn giao, giao Phòng Văn hóa - Xã hội chỉ đạo các trường bố trí phòng học tạm.\n\n"
        "8. Về công tác thu thuế: Đề nghị Thuế cơ sở 7 tỉnh Lam Giang đôn đốc thu hồi nợ đọng tiền sử dụng đất.\n\n"
        "9. Kết quả: UBND xã đã tổ chức 03 hội nghị.\n"), "tb.md")
    council = by_phrase(doc, "kiện toàn Hội đồng")
    assert (council.assignees, council.deadline) == (("Ban Chỉ huy quân sự xã",), date(2025, 10, 15))
    screening = by_phrase(doc, "sơ tuyển sức khỏe")   # the window's end, given before the unit
    assert (screening.assignees, screening.coordinators, screening.deadline) == (
        ("Ban Chỉ huy quân sự xã",), ("Công an xã",), date(2025, 11, 10))
    assert (by_phrase(doc, "tổng hợp số liệu").assignees, by_phrase(doc, "tổng hợp số liệu").deadline) == (
        ("Phòng Kinh tế",), date(2025, 12, 20))
    assert by_phrase(doc, "nguyên nhân chậm giải ngân").deadline == date(2025, 10, 6)   # 5 days from the issue
    assert by_phrase(doc, "tiêm chủng").recurrence == "monthly"
    assert by_phrase(doc, "điều chỉnh kế hoạch vốn").assignees == ("Phòng Kinh tế",)
    assert by_phrase(doc, "phòng học tạm").assignees == ("Phòng Văn hóa - Xã hội",)
    assert by_phrase(doc, "nợ đọng tiền sử dụng đất").assignees == ("Thuế cơ sở 7 tỉnh Lam Giang",)
    assert not [t for t in doc.tasks if "hội nghị" in t.action]   # what was done


def test_a_heading_dated_in_brackets_dates_the_items_below_it():
    doc = extract(_COMMUNE_HEAD + (
        "2. Phân công sơ tán cụ thể (hoàn thành trước 12 giờ ngày 28/10/2025):\n\n"
        "- Thôn Cồn Nổi: sơ tán 126 hộ/418 khẩu đến Trường THCS Tân An.\n"
        "- Thôn Xóm Bãi: sơ tán 98 hộ/341 khẩu đến Hội trường UBND xã.\n\n"
        "Trưởng thôn chịu trách nhiệm trước Chủ tịch UBND xã nếu để người dân ở lại khu vực nguy hiểm.\n\n"
        "3. Công an xã bảo đảm an ninh tại các điểm sơ tán.\n"), "sotan.md")
    for phrase in ("126 hộ", "98 hộ"):
        assert (by_phrase(doc, phrase).deadline, by_phrase(doc, phrase).deadline_time) == (date(2025, 10, 28), "12:00")
    assert by_phrase(doc, "bảo đảm an ninh").deadline is None        # the next item is past the heading
    assert not [t for t in doc.tasks if "Phân công" in t.action or "chịu trách nhiệm" in t.action]


def test_an_extension_named_before_gia_han():
    doc = extract(_COMMUNE_HEAD + (
        "1. Phòng Kinh tế:\n\n"
        "- Giải quyết dứt điểm 46 hồ sơ đăng ký đất đai tồn đọng, chậm nhất ngày 30 tháng 10 năm 2025.\n"
        "- Rà soát lần cuối danh sách hộ cần hỗ trợ nhà ở, trình UBND xã trước ngày 20/10/2025.\n\n"
        "2. Phòng Văn hóa - Xã hội đôn đốc nhà thầu bàn giao 08 phòng học Trường Tiểu học Tân An trước ngày "
        "28/10/2025.\n\n"
        "III. VỀ CÁC KIẾN NGHỊ\n\n"
        "1. Riêng nhiệm vụ giải quyết 46 hồ sơ đăng ký đất đai tồn đọng, do khối lượng lớn, Chủ tịch UBND xã đồng ý "
        "gia hạn đến ngày 15 tháng 11 năm 2025.\n\n"
        "2. Thời hạn rà soát danh sách hộ cần hỗ trợ nhà ở nêu tại điểm 1 Mục II được gia hạn đến ngày 24/10/2025.\n\n"
        "3. Phòng Văn hóa - Xã hội đề nghị lùi thời hạn bàn giao 08 phòng học do mưa kéo dài: đồng ý gia hạn đến "
        "ngày 25/11/2025.\n"), "giahan.md")
    assert by_phrase(doc, "46 hồ sơ").deadline == date(2025, 11, 15)
    assert by_phrase(doc, "danh sách hộ cần hỗ trợ").deadline == date(2025, 10, 24)
    assert by_phrase(doc, "08 phòng học").deadline == date(2025, 11, 25)
