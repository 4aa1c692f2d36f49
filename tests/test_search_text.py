"""Folding and search forms: the fast paths give exactly what the plain definitions give."""
import re
import unicodedata

import pytest

from knowledge.terms import search_form
from knowledge.text import _fold, fold, fold_keep_length, folded_part, nfc, trie_pattern


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
    # fold() looks words up as written: capitals, and the letters whose lower case is longer (İ) or
    # depends on the next letter (a final Σ), fold as they do inside the whole text lowered at once
    "NỘI VỤ nội vụ Nội Vụ NỘI", "ΟΔΟΣ ΟΔΟΣ. Σ ΑΣΑ ΑΣ\tΒ", "İSTANBUL ve İzmir İ",
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
        sliced = folded_part(text, start)
        assert sliced is None or sliced == fold_keep_length(text[start:]), start
    assert (folded_part(text, 3) is None) == ("Σ" in text)


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


def test_search_form_patterns_match_where_their_plain_word_boundary_spelling_does():
    """terms checks the word boundary before a pattern after its first letters (so that re scans
    for those letters in C): the matches must be those of the plain '\\b…' spelling."""
    from knowledge import terms
    plain_abbr = re.compile(r"\b" + trie_pattern(terms._ABBR) + r"\b")
    plain_short = [r"\btn\s*&\s*mt\b|\btn-mt\b", r"\btc\s*-\s*kh\b", r"\bvh\s*-\s*tt\b|\bvh&tt\b", r"\btt\s*&\s*tt\b",
                   r"\bld\s*-\s*tb\s*&\s*xh\b|\bldtb&xh\b", r"\bgd\s*&\s*dt\b", r"\bnn\s*&\s*ptnt\b", r"\bkt\s*-\s*ht\b",
                   r"\bhdnd\s*[-&]\s*ubnd\b", r"\bubmttq\b", r"\bb?chqs\b", r"\bmot cua\b"]
    plain_quarter = re.compile(r"\bquy\s+(iv|iii|ii|i)\b")
    samples = ["van phong hdnd va ubnd", "xvan phong", "(cong an) cong ank", "cai cach thu tuc hanh chinh.",
               "xcai cach thu tuc hanh chinh", "quy i quy ii, quy iii quy iv quy v quyi xquy i quy iiv", "quy i",
               "tn&mt tn & mt xtn&mt tn-mt", "bchqs chqs xchqs abchqs", "hdnd-ubnd hdnd & ubnd", "mot cua xmot cua",
               "ldtb&xh ld - tb & xh", "ubmttq xubmttq", "1. so hoa", "éso hoa", "_cong an", ""]
    for s in samples:
        assert [m.span() for m in terms._ABBR_RE.finditer(s)] == [m.span() for m in plain_abbr.finditer(s)], s
        assert [m.span() for m in terms._QUARTER_RE.finditer(s)] == [m.span() for m in plain_quarter.finditer(s)], s
        for (_, pattern, _), plain in zip(terms.SHORT_FORMS, plain_short):
            assert [m.span() for m in re.finditer(pattern, s)] == [m.span() for m in re.finditer(plain, s)], (s, pattern)


@pytest.mark.parametrize("text", [
    "1. Công an huyện chủ trì", "a) Phòng TN&MT, TC-KH", "II. Quý I hoàn thành", "đ) Ủy ban nhân dân xã",
    "12) – Số hoá", "b.  UBMTTQ và BCHQS", "IV. quy i/2025", "c) Văn phòng HĐND-UBND", "3. 1. Cải cách hành chính",
])
def test_an_items_search_form_is_its_markers_fold_and_its_bodys_form(text):
    from knowledge.terms import item_parts
    marker, body = item_parts(text)
    assert search_form(text) == fold(marker) + " " + search_form(body)


def test_texts_not_shaped_as_an_item_have_no_parts():
    from knowledge.terms import item_parts
    assert [item_parts(t) for t in ["Chủ trì", "1.", "1.Chủ trì", "UBND) x", "tn. x", "(1) x", "1 . x"]] == [None] * 7


@pytest.mark.parametrize("raw, expected", [
    ("Ph\u00f2ng\u200b N\u00f4\u0323i v\u1ee5", "Phòng Nội vụ"),                 # zero width, decomposed mark
    ("s\u00adố\u00a0276\r\nUBND\ufeff\rhuyện\u2060", "số 276\nUBND\nhuyện"),
    ("không có gì lạ", "không có gì lạ"),
])
def test_text_is_normalised_with_zero_width_characters_and_odd_spaces_out(raw, expected):
    assert nfc(raw) == expected


@pytest.mark.parametrize("text", [
    "Giao Phòng Nội vụ chủ trì, phối hợp với Phòng TN&MT báo cáo trước ngày 09/12/2019.",   # plain
    "Giao  Phòng Nội vụ", " Giao Phòng", "ΟΔΟΣ Phòng Tư pháp", "e\u0301 Phòng", "İ Phòng Nội vụ", "Phòng\tNội vụ",
])
def test_a_part_folded_from_its_paragraph_is_what_folding_the_part_gives(text):
    for start in range(len(text)):
        for end in range(start + 1, len(text) + 1, 3):
            sliced = folded_part(text, start, end)
            part = text[start:end]
            assert sliced is None or sliced == fold_keep_length(part), (start, end)
            if part.strip() == part:   # what fold() answers now (remembered or not) is folding the part
                assert fold(part) == _fold(part), (start, end)


def test_the_list_of_white_space_is_what_str_split_splits_on():
    import sys

    from knowledge.text import OTHER_WHITE_SPACE

    assert OTHER_WHITE_SPACE == "".join(chr(cp) for cp in range(sys.maxunicode + 1) if chr(cp).isspace() and cp != 0x20)


@pytest.mark.parametrize("pattern, plain", [
    ("knowledge.extract._COORD_RE", r"(?i)(?<![\wÀ-ỹ])phối hợp(?:\s+chặt chẽ)?(?:\s+(?:với|cùng))?\s+"),
    ("knowledge.assignees._WHICH", r"(?i)(?<![\wÀ-ỹ])nào(?![\wÀ-ỹ])"),
    ("knowledge.dates._URGENT[0]", r"(?<![\wÀ-ỹ])ngay(?![\wÀ-ỹ])(?!\s+(?:tại|sau|từ|trong|khi|cả|cạnh|bên|trên|đầu|lúc)\b)"),
    ("knowledge.dates._URGENT[1]", r"(?i)(?<![\wÀ-ỹ])(?:khẩn trương|khẩn cấp|hỏa tốc|thượng khẩn)(?![\wÀ-ỹ])"),
    ("knowledge.dates._URGENT[2]", r"(?i)(?<![\wÀ-ỹ])thường xuyên(?![\wÀ-ỹ])"),
])
def test_word_patterns_that_open_with_their_letter_match_like_their_plain_spelling(pattern, plain):
    """These patterns check 'no letter before the word' after its first letter (a fast scan) instead of
    with a look-behind first: they match where the plain spelling does, in random texts of their words."""
    import importlib
    import random

    module, _, name = pattern.rpartition(".")
    attr, _, index = name.partition("[")
    compiled = getattr(importlib.import_module(module), attr)
    if index:
        compiled = compiled[int(index.rstrip("]"))][0]
    reference = re.compile(plain)
    pieces = ["phối hợp", "Phối hợp", "PHỐI HỢP", "chặt chẽ", "với", "cùng", "nào", "Nào", "ngay", "Ngay", "tại",
              "khẩn trương", "Khẩn cấp", "hỏa tốc", "thượng khẩn", "thường xuyên", "Thường Xuyên", "đ", "x", "1",
              "_", "ạ", "Ỹ", " ", "  ", ",", ".", "\n", "(", "-"]
    rng = random.Random(11)
    for _ in range(4000):
        text = "".join(rng.choice(pieces) + rng.choice(["", " ", ""]) for _ in range(rng.randint(1, 10)))
        assert [m.span() for m in compiled.finditer(text)] == [m.span() for m in reference.finditer(text)], text


def test_abbreviating_after_spaces_gives_what_the_word_boundary_pattern_gives():
    """terms._abbreviated looks for long forms after spaces (a fast scan) and falls back to the pattern
    that tries every letter when one follows other punctuation or the text is not ASCII: both ways give
    the same text, on random texts of long forms, near-miss words and punctuation."""
    import random

    from knowledge import terms

    def plain(s: str) -> str:
        return terms._ABBR_RE.sub(lambda m: terms._ABBR[m.group(0)], s)

    pieces = list(terms._ABBR) + ["ubnd", "xa", "so", "cong", "van", "phong", "thu", "can bo", "(", ")", ",", ".",
                                  "-", "&", "“", "_", "1", "x", "/", ":", '"']
    rng = random.Random(3)
    fast = 0
    for _ in range(6000):
        text = "".join(rng.choice(pieces) + rng.choice([" ", "", " "]) for _ in range(rng.randint(1, 9)))
        fast += text.isascii() and not terms._GLUED_ABBR_RE.search(text.encode().translate(terms._GLUE))
        assert terms._abbreviated(text) == plain(text), text
    assert fast > 1000   # both ways were taken


def test_squash_returns_a_squashed_text_as_it_is_and_collapses_every_other():
    """squash() skips the split and join for a printable text without a double or outer space: on random
    texts of letters and every kind of white space it gives what " ".join(text.split()) gives."""
    import random

    from knowledge.text import OTHER_WHITE_SPACE, squash

    pieces = ["Phòng", "Nội", "vụ", "a", ".", "", " ", "  "] + list(OTHER_WHITE_SPACE) + ["\u200b", "\x00", "ạ"]
    rng = random.Random(2)
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 8)))
        assert squash(text) == " ".join(text.split()), repr(text)


def test_header_patterns_led_by_a_newline_find_what_their_line_start_spelling_finds():
    """metadata's "^…" patterns are searched as "\\n…" in "\\n" + text (a literal re scans for in C): the
    same groups as the multi-line '^' spelling, and the document kind is found in the same title line
    when only the lines from the first title on are read."""
    import random

    from knowledge import metadata

    plain = {
        metadata._NUMBER_LINE: re.compile(r"^\s*Số\s*:?\s*([^\n]*?)(?:\s{2,}|\s+V/v\b|$)", re.M | re.I),
        metadata._SUBJECT_LINE: re.compile(r"^\s*V/v\s*:?\s*(.+?)(?:\n\s*\n|\n\s*(?=[A-ZĐÀ-Ỹ][^\n]{0,40},\s*ngày))",
                                           re.M | re.S),
        metadata._PLACE_DATE_RE: re.compile("^" + metadata._PLACE_DATE_RE.pattern[2:], re.M),
    }
    pieces = ["Số: 276/UBND-NV", "số 12", "V/v tăng cường", "Sơn Dương, ngày 05 tháng 12 năm 2019", "ngày", "tháng",
              "năm 2020", "THÔNG BÁO", "KẾ HOẠCH", "** THÔNG BÁO **", "\n", "\n\n", " ", "  ", "a", "Hà Nội,", "\u2028"]
    rng = random.Random(4)
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 12)))
        for led, spelled in plain.items():
            got, want = metadata._line_start_search(led, text), spelled.search(text)
            assert (got and got.groups()) == (want and want.groups()), text
        kind = next((s.strip(" *#") for s in text.splitlines() if s.strip(" *#") in metadata.TITLE_KINDS), None)
        assert metadata._kind(text, None) == (kind.capitalize() if kind else "Công văn"), text


def test_a_document_s_own_abbreviations_are_found_by_their_long_form():
    from knowledge.terms import defined_abbreviations, search_form, with_long_forms
    text = ("Để triển khai phân loại chất thải rắn sinh hoạt (CTRSH) tại nguồn và xây dựng nông thôn mới (NTM), "
            "thực hiện Đề án 06 (ĐA06), cải cách hành chính (CCHC):")
    found = defined_abbreviations(text)
    assert found == {"ctrsh": "chat thai ran sinh hoat"}   # CCHC and NTM are known to all
    form = with_long_forms(search_form("Xây dựng phương án phân loại CTRSH tại nguồn"), found)
    assert "chat thai ran sinh hoat" in form and "ctrsh" in form
    assert with_long_forms(search_form("Bố trí kinh phí"), found) == search_form("Bố trí kinh phí")
    assert defined_abbreviations("Sở Tài chính (ABC)") == {}     # letters that are not the words' initials
