"""The unit registry: canonical names, roles, abbreviations, scope."""
import pytest

from knowledge.assignees import split_units, unit_phrase
from knowledge.units import UnitRegistry, acronym_key, squeeze_acronyms, unit_key

R = UnitRegistry()


@pytest.mark.parametrize("written, canonical", [
    ("Thủ trưởng các cơ quan chuyên môn thuộc huyện", "Các cơ quan chuyên môn thuộc huyện"),
    ("Chủ tịch Ủy ban nhân dân các xã, thị trấn", "UBND các xã, thị trấn"),
    ("Giám đốc Sở Tài chính", "Sở Tài chính"),
    ("Văn phòng Hội đồng nhân dân và Ủy ban nhân dân", "Văn phòng HĐND và UBND"),
    ("Văn phòng HĐND&UBND huyện", "Văn phòng HĐND và UBND"),   # the issuing huyện's own
    ("Văn phòng HĐND-UBND huyện", "Văn phòng HĐND và UBND"),
    ("Phòng Nội vụ huyện", "Phòng Nội vụ"),
    ("Công an tỉnh", "Công an tỉnh"),
])
def test_canonical_names(written, canonical):
    assert R.canonical(written).name == canonical


@pytest.mark.parametrize("typed, name", [
    ("Phòng TN&MT", "Phòng Tài nguyên và Môi trường"),
    ("phong tn-mt", "Phòng Tài nguyên và Môi trường"),
    ("Phòng TC-KH", "Phòng Tài chính - Kế hoạch"),
    ("Trung tâm VH-TT", "Trung tâm Văn hóa và Truyền thông"),
    ("Sở TT&TT", "Sở Thông tin và Truyền thông"),
    ("VP HĐND-UBND", "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân"),
])
def test_abbreviations_meet_their_long_forms(typed, name):
    aliases = set(R.aliases(R.canonical(name).name, ""))
    assert squeeze_acronyms(unit_key(typed)) in aliases


def test_place_qualified_communes_and_groups():
    assert R.canonical("UBND các xã, thị trấn").kind == "group"
    assert "xa hop thanh" in R.aliases("UBND xã Hợp Thành", "huyện Sơn Dương")
    assert acronym_key("ubnd xa hop thanh") is None


def test_scope_from_issuer():
    class Doc:
        issuer = "UBND thị xã Ngã Năm"
        place = "Ngã Năm"
    assert R.scope_of(Doc) == "thị xã Ngã Năm"


@pytest.mark.parametrize("text, units, action", [
    ("Phòng Nội vụ chủ trì, phối hợp với Phòng Tư pháp", ("Phòng Nội vụ",), "chủ trì"),
    ("Chi nhánh Văn phòng đăng ký đất đai chủ động phối hợp", ("Chi nhánh Văn phòng đăng ký đất đai",), "chủ động"),
    ("Tổ kiểm tra, giám sát của huyện tăng cường kiểm tra", ("Tổ kiểm tra, giám sát của huyện",), "tăng cường"),
    ("Thủ trưởng các sở, ban, ngành; Chủ tịch UBND các huyện khẩn trương triển khai",
     ("Thủ trưởng các sở, ban, ngành", "Chủ tịch UBND các huyện"), "khẩn trương"),
])
def test_unit_phrase_ends_at_the_action(text, units, action):
    up = unit_phrase(text)
    assert up.units == units
    assert text[up.end:].startswith(action)


def test_not_a_unit():
    assert unit_phrase("Tổ chức thực hiện nghiêm Quy chế làm việc") is None
    assert unit_phrase("Đối với hồ sơ liên thông bị trễ hạn") is None
    assert unit_phrase("Cơ quan, đơn vị nào còn để tình trạng chậm trễ thì phải xin lỗi") is None


def test_level_lists_expand():
    assert split_units("UBND cấp huyện, cấp xã") == ["UBND cấp huyện", "UBND cấp xã"]


def test_whether_a_text_opens_with_a_unit_is_decided_within_its_first_words():
    """starts_with_unit folds only the head of a text: every unit opening and every phrase that
    only looks like one ("Tổ chức", "tất cả các nhiệm vụ") must fit in it, with a character to spare."""
    import re

    from knowledge import assignees
    from knowledge.text import fold_keep_length

    longest_opening = max(map(len, assignees.UNIT_STARTS))
    not_unit = assignees._NOT_UNIT.pattern.replace("(?![\\w])", "")
    longest_not_unit = max(len(m.group(0)) for alt in re.findall(r"[a-z ]+(?:\(\?:[a-z |]+\))?", not_unit)
                           for m in [re.match(r"[a-z ]+", alt)] if m) + len("nhiem vu")
    assert max(longest_opening, longest_not_unit) + 1 < assignees._HEAD
    for text in ["Phòng Văn hóa và Thông tin huyện chủ trì", "Tổ chức thực hiện các nội dung", "Tất cả các nhiệm vụ",
                 "Hội Cựu chiến binh xã tuyên truyền", "  UBND các xã, thị trấn: Hợp Thành", "Bảo hiểm xã hội huyện",
                 "Tất cả các cơ quan, đơn vị", "Trường hợp chậm trễ"]:
        f = fold_keep_length(text.lstrip())
        full = bool(assignees._START_RE.match(f)) and not assignees._NOT_UNIT.match(f)
        assert assignees.starts_with_unit(text) == full, text


def test_a_short_name_has_no_initials_of_its_own():
    from knowledge.units import acronym_key
    assert acronym_key("phong tai chinh ke hoach") == "phong tckh"
    assert acronym_key("phong tc kh") is None and acronym_key("phong tc kh huyen") is None


@pytest.mark.parametrize("text, units", [
    # "trình" (submit) inside "công trình" is part of the name
    ("Ban Quản lý dự án các công trình nông nghiệp tỉnh chủ trì khảo sát", ("Ban Quản lý dự án các công trình nông nghiệp tỉnh",)),
    # a named place ends the name when a lower-case word follows that does not go on with it
    ("UBND huyện Kênh Ngang phương án phân luồng trên tuyến đường tỉnh 921.", ("UBND huyện Kênh Ngang",)),
    ("UBND xã Long Thạnh thuộc huyện Kênh Ngang thực hiện", ("UBND xã Long Thạnh thuộc huyện Kênh Ngang",)),
    ("Đài Phát thanh và Truyền hình tỉnh, Báo Quảng Hải tăng thời lượng", ("Đài Phát thanh và Truyền hình tỉnh", "Báo Quảng Hải")),
])
def test_where_a_unit_name_ends(text, units):
    from knowledge.assignees import unit_phrase
    assert unit_phrase(text, allow_colon=False).units == units


def test_a_radio_station_is_found_by_its_short_name():
    from knowledge.units import UnitRegistry
    aliases = UnitRegistry().aliases("Đài Phát thanh và Truyền hình tỉnh", "tỉnh Quảng Hải")
    assert squeeze_acronyms(unit_key("Đài PT-TH")) in aliases


def test_initials_keep_a_word_that_is_initials_already():
    assert acronym_key("phong nong nghiep ptnt") == "phong nnptnt"     # "Phòng Nông nghiệp và PTNT"


@pytest.mark.parametrize("written, unit", [
    ("Trưởng phòng Kinh tế và Hạ tầng", "Phòng Kinh tế và Hạ tầng"),
    ("Chánh Văn phòng UBND tỉnh", "Văn phòng UBND"),          # was "UBND": the office, not the committee
    ("Chánh Văn phòng HĐND và UBND huyện", "Văn phòng HĐND và UBND"),   # (the level word goes, as for every unit)
    ("Trưởng Công an huyện", "Công an huyện"),
])
def test_a_head_stands_for_the_unit_the_title_names(written, unit):
    from knowledge.units import UnitRegistry
    assert UnitRegistry().canonical(written).name == unit


def test_the_womens_union_is_found_by_its_everyday_name():
    from knowledge.units import UnitRegistry
    assert "hoi phu nu xa" in UnitRegistry().aliases("Hội Liên hiệp Phụ nữ xã", "xã Hòa Phong")


@pytest.mark.parametrize("key, initials", [
    ("so lao dong thuong binh xa hoi", "so ldtbxh"),              # "xã hội" is a word of the name, not a level
    ("cong chuc van hoa xa hoi xa", "cong chuc vhxh"),            # the trailing "xã" is
    ("phong quan ly do thi", "phong qldt"),                       # "quản lý" folds to the level word "quận"
    ("trung tam phat trien quy dat thi xa", "trung tam ptqd"),
    ("phong tai nguyen moi truong huyen", "phong tnmt"),
])
def test_initials_drop_only_the_level_words_a_name_ends_with(key, initials):
    assert acronym_key(key) == initials


def test_a_kind_named_in_several_words_is_also_written_by_its_first_word_and_initials():
    from knowledge.units import head_acronym_key
    aliases = R.aliases("Ban Quản lý dự án đầu tư xây dựng huyện", "huyện Thạch Phong")
    assert head_acronym_key("ban quan ly du an dau tu xay dung huyen") == "ban qldadtxd"
    assert acronym_key(unit_key("Ban QLDA đầu tư xây dựng")) in aliases      # "QLDA" is initials already
    assert acronym_key(unit_key("Ban QLDA ĐTXD huyện")) in aliases
    assert head_acronym_key("phong noi vu") is None                       # a one-word kind has no other form


def test_a_group_of_units_of_one_level_is_that_level_and_not_one_of_its_units():
    aliases = R.aliases("Phòng Lao động - Thương binh và Xã hội các huyện, thị xã, thành phố", "tỉnh Bình Lâm")
    assert {"phong lao dong thuong binh xa hoi cap huyen", "phong ldtbxh cap huyen"} <= set(aliases)
    assert "phong ldtbxh" not in aliases          # the office of one district is another unit
    assert acronym_key("phong lao dong thuong binh xa hoi cac huyen") is None
    assert "ubnd cap xa" in R.aliases("UBND các xã, thị trấn", "huyện Sơn Dương")
    assert "ubnd cap xa" in R.aliases("UBND các phường, xã", "thành phố Hà Lam")
    assert "cong an cap xa" in R.aliases("Công an các xã", "huyện Sơn Dương")
    assert not any("cap" in a for a in R.aliases("Các sở, ban, ngành", "tỉnh Bình Lâm"))


def test_initials_typed_apart_are_joined_where_they_stand():
    from knowledge.units import squeeze_runs
    assert squeeze_runs("phong ld tb xh cap huyen") == "phong ldtbxh cap huyen"
    assert squeeze_runs("phong tn mt huyen") == "phong tnmt huyen"
    assert squeeze_runs("phong tu phap xa") == "phong tu phap xa"        # syllables are words, not initials


@pytest.mark.parametrize("text, units", [
    ("UBND huyện Thống Nhất tổ chức kiểm tra", ("UBND huyện Thống Nhất",)),      # a place capitalises every word
    ("Các tổ chức chính trị - xã hội huyện Đẩy mạnh tuyên truyền", ("Các tổ chức chính trị - xã hội huyện",)),
    ("UBND xã Tân Tiến triển khai", ("UBND xã Tân Tiến",)),
])
def test_a_capitalised_verb_after_a_level_word_opens_the_action_not_a_place(text, units):
    from knowledge.units import UnitRegistry
    found = unit_phrase(text)
    assert tuple(UnitRegistry().canonical(u).name for u in found.units) == units


@pytest.mark.parametrize("written, unit", [
    ("Trưởng các ấp", "Trưởng các ấp"),                      # a village acts through its head
    ("Trưởng thôn", "Trưởng thôn"),
    ("Hiệu trưởng các trường Mầm non, Tiểu học trên địa bàn xã", "Các trường Mầm non, Tiểu học trên địa bàn xã"),
    ("Trưởng Công an xã", "Công an xã"),
])
def test_heads_of_villages_and_schools(written, unit):
    assert R.canonical(written).name == unit
    assert unit_phrase(f"{written} tổ chức ra quân").units == (written,)
