"""Folding and search forms: the fast paths give exactly what the plain definitions give."""
import re
import unicodedata

import pytest

from knowledge.terms import search_form
from knowledge.text import fold, fold_keep_length, part_folded, trie_pattern


def _reference_fold(text: str) -> str:
    out = []
    for ch in text.lower():
        base = unicodedata.normalize("NFD", ch).replace("đ", "d")
        out.append("".join(c for c in base if unicodedata.category(c) != "Mn"))
    return re.sub(r"\s+", " ", "".join(out)).strip()


@pytest.mark.parametrize("text", [
    "", "   ", "Phòng Tài nguyên và Môi trường", "ĐẢNG ỦY  xã\tHợp Thành\n", "hoà  uỷ  thuỷ",
    "Ủy ban nhân dân tỉnh Hà Giang", "e\u0301 a \u0301 b",  # decomposed marks, a lone mark between spaces
    "“Quý III/2024” – số 276/UBND-NV", "ABC def 123",
])
def test_fold_matches_the_character_by_character_definition(text):
    assert fold(text) == _reference_fold(text)
    kept = fold_keep_length(text)
    assert len(kept) == len(text)
    assert re.sub(r"\s+", " ", kept).strip() == _reference_fold(text) or "\u0301" in text


@pytest.mark.parametrize("text", [
    "Giao Phòng Nội vụ chủ trì, phối hợp với Phòng TN&MT báo cáo", "İSTANBUL ve Đà Nẵng phối hợp",
    "e\u0301 a \u0301 b  c", "ΟΔΟΣ Phòng Tư pháp",   # a capital sigma: its lower case depends on what follows
])
def test_a_part_folded_as_a_slice_is_the_part_folded(text):
    for start in range(len(text) + 1):
        sliced = part_folded(text, start)
        assert sliced is None or sliced == fold_keep_length(text[start:]), start
    assert (part_folded(text, 3) is None) == ("Σ" in text)


def test_fold_gives_the_same_word_the_same_way_every_time():
    words = "Sở Nội vụ nội dung NỘI VỤ".split()
    assert [fold(w) for w in words] == ["so", "noi", "vu", "noi", "dung", "noi", "vu"]
    assert fold_keep_length("Sở  Nội vụ") == "so  noi vu"


@pytest.mark.parametrize("text, expected", [
    ("Phòng TN&MT huyện", "phong tnmt huyen"),
    ("Phòng TN & MT", "phong tnmt"),
    ("Phòng TC-KH", "phong tckh"),
    ("Trung tâm VH – TT", "trung tam vhtt"),
    ("Văn phòng HĐND-UBND", "vp hdnd ubnd"),
    ("Văn phòng HĐND và UBND huyện", "vp hdnd ubnd huyen"),
    ("Ủy ban nhân dân xã", "ubnd xa"),
    ("cải cách thủ tục hành chính", "cc tthc"),
    ("cải cách hành chính", "cchc"),
    ("thủ tục hành chính", "tthc"),
    ("Ban Chỉ huy quân sự", "bchqs"),
    ("Bộ phận một cửa", "bo phan motcua"),
    ("UBMTTQ", "uy ban mttq"),
    ("Quý III/2024 và quý I", "quy 3/2024 va quy 1"),
    ("số 276/UBND-NV", "so 276/ubnd-nv"),
])
def test_search_form_spells_the_genres_abbreviations_one_way(text, expected):
    assert search_form(text) == expected


def test_trie_pattern_matches_like_an_alternation_longest_first():
    phrases = ["van phong", "van phong hdnd va ubnd", "van hoa", "van hoa va thong tin", "cong an", "cong nghe thong tin",
               "so hoa", "a"]
    plain = re.compile(r"\b(?:" + "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True)) + r")\b")
    trie = re.compile(r"\b" + trie_pattern(phrases) + r"\b")
    samples = ["van phong hdnd va ubnd huyen", "van phong hdnd va", "van hoa va thong tin cong an", "cong nghe thong",
               "so hoa a b", "van phongx van hoa", "a van phong", ""]
    for s in samples:
        assert [m.group(0) for m in trie.finditer(s)] == [m.group(0) for m in plain.finditer(s)], s


@pytest.mark.parametrize("text, expected", [
    ("hoà thuận, Hoà Bình, HOÀ", "hòa thuận, Hòa Bình, HÒA"),
    ("Uỷ ban, uỷ quyền, thuỷ lợi, THUỶ", "Ủy ban, ủy quyền, thủy lợi, THỦY"),
    ("toàn bộ, hoàn thành, khoẻ", "toàn bộ, hoàn thành, khỏe"),   # only a pair that ends its syllable moves
    ("quý, quà, Quý", "quý, quà, Quý"),                               # "qu" is a consonant: no move
    ("oÀ", "oÀ"),                                                      # not a spelling anyone writes: kept
])
def test_old_tone_placement_is_modernised_where_the_syllable_ends(text, expected):
    from knowledge.text import modern_tones
    assert modern_tones(text) == expected
