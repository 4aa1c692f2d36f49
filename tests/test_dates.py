"""Deadline, recurrence and urgency rules of the genre, on text written here."""
from datetime import date

import pytest

from knowledge.dates import (deadline_of_cell, find_deadlines, parse_user_date, recurrence_of, target_year_of,
                             urgency_of)
from knowledge.errors import BadDate


def first(text: str, issued: str | None = None):
    hits = find_deadlines(text, issued)
    return hits[0] if hits else None


@pytest.mark.parametrize("text, expected", [
    ("báo cáo gửi về UBND huyện trước ngày 09/12/2019.", date(2019, 12, 9)),
    ("hoàn thành trước ngày 15 tháng 12 năm 2024", date(2024, 12, 15)),
    ("gửi báo cáo chậm nhất ngày 05/01/2025", date(2025, 1, 5)),
    ("chậm nhất là ngày 5-1-2025", date(2025, 1, 5)),
    ("hoàn thành trong tháng 9/2024", date(2024, 9, 30)),
    ("hoàn thành trong tháng 02 năm 2024", date(2024, 2, 29)),
    ("hoàn thành trong Quý III/2024", date(2024, 9, 30)),
    ("thực hiện xong trong quý IV năm 2023", date(2023, 12, 31)),
    ("Thời gian hoàn thành: Quý I/2025", date(2025, 3, 31)),
])
def test_deadline_forms(text, expected):
    assert first(text).day == expected


def test_relative_deadline_counts_from_issue_date():
    hit = first("trong thời hạn 10 ngày kể từ ngày ban hành văn bản này", "2024-03-15")
    assert hit.day == date(2024, 3, 25)


def test_relative_deadline_needs_a_full_issue_date():
    assert first("trong thời hạn 10 ngày kể từ ngày ban hành", "2024-03") is None


def test_clock_time_is_kept():
    hit = first("báo cáo kết quả trước 14 giờ, ngày 05/12/2017")
    assert (hit.day, hit.time) == (date(2017, 12, 5), "14:00")


@pytest.mark.parametrize("text", [
    "theo Văn bản số 797/UBND-NV ngày 25/4/2019 về đôn đốc",
    "Ngày 05/8/2021 đoàn kiểm tra liên ngành của UBND huyện tiến hành kiểm tra",
    "Chiều ngày 23 tháng 4 năm 2021, đồng chí Chủ tịch chủ trì hội nghị",
    "Sơn Dương, ngày 02 tháng 12 năm 2019",
    "Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ",
    "kết quả trong quý I/2022 chỉ có 28 hồ sơ",
    "từ ngày 01/3/2024 đến ngày 05/3/2024 tổ chức kiểm tra",
])
def test_dates_that_are_not_deadlines(text):
    assert find_deadlines(text, "2024-01-01") == []


def test_extension_is_marked():
    hits = find_deadlines("gia hạn thời gian nộp báo cáo đến ngày 20/12/2019")
    assert hits and hits[0].extends and hits[0].day == date(2019, 12, 20)


@pytest.mark.parametrize("text, kind, day", [
    ("Định kỳ hằng tháng, hàng quý tiến hành kiểm điểm", "monthly", None),
    ("báo cáo hằng tháng trước ngày 25", "monthly", 25),
    ("báo cáo định kỳ hàng quý", "quarterly", None),
    ("tổng hợp báo cáo hằng năm", "yearly", None),
    ("thực hiện theo quy định hiện hành", None, None),
    ("cập nhật mỗi ngày lên hệ thống", "daily", None),
    ("họp giao ban hằng tuần vào sáng thứ Hai", "weekly", None),
    ("báo cáo định kỳ 6 tháng một lần", "half_yearly", None),
    ("kiểm tra định kỳ quý", "quarterly", None),
    ("hằng quý, trước ngày 20 gửi báo cáo; hằng năm tổng kết", "quarterly", 20),   # the first one named wins
    ("HẰNG THÁNG báo cáo", "monthly", None),                                          # any case
    ("hằng năm trước ngày 15 báo cáo", "yearly", None),                              # a day only for month/quarter
])
def test_recurrence(text, kind, day):
    assert recurrence_of(text) == (kind, day)


def test_recurrence_day_is_not_a_deadline():
    assert find_deadlines("hằng tháng trước ngày 25 gửi báo cáo") == []


@pytest.mark.parametrize("text, urgency", [
    ("khắc phục ngay những tồn tại", "ngay"),
    ("khẩn trương xây dựng kế hoạch", "khan_truong"),
    ("thường xuyên cập nhật", "thuong_xuyen"),
    ("KHẨN TRƯƠNG triển khai", "khan_truong"),
    ("Hỏa tốc: gửi báo cáo", "khan_truong"),
    ("THƯỜNG XUYÊN theo dõi", "thuong_xuyen"),
    ("báo cáo trước ngày 09/12/2019", None),
])
def test_urgency(text, urgency):
    assert urgency_of(text) == urgency


def test_year_target_is_not_a_deadline():
    assert target_year_of("hoàn thành trong năm 2021") == 2021
    assert find_deadlines("hoàn thành trong năm 2021") == []


@pytest.mark.parametrize("text, year", [
    ("Phấn đấu đến năm 2030, 100% hồ sơ được số hóa.", 2030),
    ("Năm 2024, hoàn thành việc số hóa hồ sơ.", 2024),
    ("Đến hết năm 2025 hoàn thành.", 2025),
    ("Báo cáo kết quả năm 2023 trước ngày 15/01/2024.", None),     # a year named, no target
    ("Kiểm tra trong năm 20245.", None),
])
def test_year_target_forms(text, year):
    assert target_year_of(text) == year


def test_year_target_rule_matches_its_plain_definition():
    """target_year_of looks for its leads with patterns that open with a letter (a fast scan): it
    finds what the plain definition, a word boundary before any lead or 'năm yyyy,' at the start,
    finds (random texts of its words, spaces and commas)."""
    import random
    import re

    plain = re.compile(r"\b(?:trong|hoan thanh trong|den(?:\s+het)?|phan dau(?:\s+den)?)\s+nam\s+(?P<y>\d{4})\b"
                       r"|^\s*nam\s+(?P<y2>\d{4})\s*,")
    words = ["trong", "hoan thanh trong", "den", "den het", "phan dau", "phan dau den", "nam", "2024", "2031",
             "12345", "xtrong", "trongx", "nam 2025,", "hoan thanh", "het", "1", "a", ",", "\n", "\t"]
    rng = random.Random(7)
    for _ in range(20000):
        text = "".join(rng.choice(words) + rng.choice([" ", "", "  ", ", "]) for _ in range(rng.randint(1, 8)))
        m = plain.search(text)
        assert target_year_of(text, text) == (int(m["y"] or m["y2"]) if m else None), text


def test_cell_with_a_bare_date():
    assert deadline_of_cell("15/12/2024").day == date(2024, 12, 15)
    assert deadline_of_cell("Tháng 9/2024").day == date(2024, 9, 30)
    assert deadline_of_cell("Thường xuyên") is None


@pytest.mark.parametrize("value, expected", [
    ("2019-12-10", date(2019, 12, 10)), ("10/12/2019", date(2019, 12, 10)), ("10-12-2019", date(2019, 12, 10)),
])
def test_user_dates(value, expected):
    assert parse_user_date(value) == expected


@pytest.mark.parametrize("value", ["32/12/2019", "2019-13-01", "hôm qua", ""])
def test_malformed_user_dates(value):
    with pytest.raises(BadDate):
        parse_user_date(value)


def test_deadline_patterns_led_by_their_letters_match_like_their_plain_spelling():
    """The deadline patterns open with their cues' first letters (text.word_led) instead of a look-ahead
    and a word boundary: the same matches, groups included, as the plain spelling on random texts."""
    import random
    import re

    from knowledge import dates

    cue, date, time = dates._CUE, dates._DATE, dates._TIME
    plain = {
        dates._DEADLINE_RE: rf"(?=[tchxdgk])\b{cue}\s*(?:{time})?(?:,\s*)?{date}",
        dates._MONTH_RE: rf"(?=[tchxdgk])\b(?:trong|truoc|cham nhat|hoan thanh(?:\s+trong)?|{cue})\s+(?:thang\s+)"
                         r"(?P<m>\d{1,2})\s*(?:/|\s+nam\s+)\s*(?P<y>\d{4})",
        dates._QUARTER_RE: r"(?=[thcdq])\b(?:trong\s+|truoc\s+|hoan thanh\s+(?:trong\s+)?|cham nhat\s+|den het\s+)?quy\s+"
                           r"(?P<q>iv|iii|ii|i|[1-4])\s*(?:/|\s+nam\s+)\s*(?P<y>\d{4})",
        dates._UNTIL_RE: rf"(?=d)\bden\s+(?:het\s+)?{date}",
    }
    words = ["truoc", "cham nhat", "la", "han chot", "han", "cuoi", "xong", "hoan thanh", "vao", "trong", "den het",
             "den", "het", "gia han", "keo dai", "thoi han", "thoi gian", "thuc hien", "tien do", ":", ",", "ngay",
             "thang", "nam", "quy", "iii", "iv", "2", "15", "12/2024", "15/12/2024", "14 gio", "30", "sang", "x",
             "atruoc", "quyet", "/", "-", "\n", "thang 9/2024", "quy iii/2024", "quy 2 nam 2024", "thang 12 nam 2024",
             "trong quy", "truoc thang"]
    plain.update({
        dates.RECURRENCE[0][0]: r"\b(?:hang|moi)\s+ngay\b(?!\s+(?:\d|le\b|nghi\b))",
        dates.RECURRENCE[1][0]: r"\b(?:hang|hang|moi)\s+tuan\b",
        dates.RECURRENCE[2][0]: r"\b(?:hang|moi)\s+thang\b",
        dates.RECURRENCE[3][0]: r"\b(?:hang|moi)\s+quy\b|\bdinh ky\s+quy\b(?!\s+dinh)",
        dates.RECURRENCE[4][0]: r"\b(?:dinh ky\s+)?(?:06|6)\s+thang(?:\s+mot\s+lan)?\b(?!\s+(?:dau|cuoi)\s+nam)",
        dates.RECURRENCE[5][0]: r"\b(?:hang|moi)\s+nam\b|\bdinh ky\s+nam\b",
        dates._RECUR_DAY: r"\b(?:hang|moi)\s+(?:thang|quy)\b[^.;]{0,120}?\btruoc\s+ngay\s+(?P<d>\d{1,2})\b(?!\s*[/.\-]\s*\d)",
        dates._EXTEND_RE: r"\b(?:gia han|keo dai|dieu chinh thoi han|lui thoi han|lui han|"
                          r"thoi han (?:thuc hien |hoan thanh )?(?:duoc )?(?:dieu chinh|lui|keo dai))\b",
    })
    words += ["hang", "moi", "tuan", "dinh ky", "06", "6", "mot lan", "dau", "cuoi", "le", "nghi", "dinh",
              "dieu chinh", "lui", "xhang", "6a", ";", ".", "hang ngay", "moi tuan", "hang thang truoc ngay 20",
              "hang quy", "dinh ky 6 thang", "hang nam", "dinh ky nam", "truoc ngay 5"]
    rng = random.Random(5)
    for compiled, spelling in plain.items():
        reference = re.compile(spelling)
        for _ in range(3000):
            text = "".join(rng.choice(words) + rng.choice([" ", " ", "", "  "]) for _ in range(rng.randint(2, 12)))
            got = [(m.span(), m.groupdict()) for m in compiled.finditer(text)]
            assert got == [(m.span(), m.groupdict()) for m in reference.finditer(text)], (spelling[:30], text)


def test_gates_split_by_lead_answer_like_the_alternation():
    """The recurrence and relative-deadline gates are one pattern per literal lead (a fast scan each):
    together they find a match exactly where the single alternation does."""
    import random
    import re

    from knowledge import dates

    gates = {
        dates._ANY_RECURRENCE: r"(?:hang|moi)\s+(?:ngay|tuan|thang|quy|nam)|dinh ky\s+(?:quy|nam)|6\s+thang",
        dates._FROM_DAY: r"(?:ke|tinh)\s+tu\s+ngay",
    }
    words = ["hang", "moi", "ngay", "tuan", "thang", "quy", "nam", "dinh ky", "6", "ke", "tinh", "tu", "x", "\n"]
    rng = random.Random(8)
    for split, alternation in gates.items():
        reference = re.compile(alternation)
        for _ in range(4000):
            text = "".join(rng.choice(words) + rng.choice([" ", "", "  "]) for _ in range(rng.randint(1, 8)))
            assert any(rx.search(text) for rx in split) == bool(reference.search(text)), text


def test_a_deadline_without_its_year_takes_the_directives_but_a_yearly_date_is_none():
    from knowledge.dates import find_deadlines
    assert [h.day for h in find_deadlines("báo cáo UBND tỉnh trước ngày 20/9.", "2025-09-08")] == [date(2025, 9, 20)]
    assert [h.day for h in find_deadlines("gửi trước ngày 5/1 để tổng hợp", "2025-09-08")] == [date(2026, 1, 5)]
    assert find_deadlines("báo cáo trước ngày 15/6 và 15/12 hằng năm", "2025-09-08") == []
    assert find_deadlines("định kỳ 6 tháng (trước ngày 15/6 và 15/12)", "2025-09-08") == []
    assert find_deadlines("báo cáo trước ngày 20/9.", None) == []     # no issue date: no year to give it


def test_half_years_quarters_and_days_without_a_year_and_the_same_day():
    from knowledge.dates import deadline_of_cell, find_deadlines
    days = lambda text: [h.day for h in find_deadlines(text, "2024-09-27")]
    assert days("ban hành quy định; hoàn thành trong 6 tháng đầu năm 2025.") == [date(2025, 6, 30)]
    assert days("báo cáo kết quả 6 tháng đầu năm 2025 cho UBND tỉnh") == []          # what is reported, no cue
    assert deadline_of_cell("6 tháng cuối năm 2024", "2024-09-27").day == date(2024, 12, 31)
    assert days("phấn đấu đến hết Quý IV/2024 đạt 75%") == [date(2024, 12, 31)]
    assert days("trình UBND huyện trước ngày 15 tháng 10.") == [date(2024, 10, 15)]
    assert days("hoàn thành trong quý IV.") == [date(2024, 12, 31)]
    assert days("báo cáo quý IV hằng năm trong quý IV") == []                         # yearly
    # "ngay trong ngày" is urgency, not a date: the issue date is never a deadline
    assert days("Tổ chức họp ngay trong ngày để triển khai") == []


def test_the_same_day_is_urgency_not_the_issue_day():
    issued = "2025-08-18"
    assert find_deadlines("Cập nhật kết quả đăng ký hộ tịch vào Hệ thống ngay trong ngày đăng ký.", issued) == []
    assert find_deadlines("Tổ chức họp ngay trong ngày.", issued) == []
    assert urgency_of("Ngay trong ngày, thông báo bằng loa truyền thanh đến từng hộ.") == "ngay"
