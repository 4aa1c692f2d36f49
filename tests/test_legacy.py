"""TCVN3 / VNI / Windows-1258 converters and detection (issue 7)."""
from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from knowledge import legacy
from knowledge.readers import read_document

SHARED = Path(__file__).resolve().parents[2] / "shared" / "directives"

# Byte strings written from the published charts, not produced by the code under test.
# TCVN3 (ABC): 0xFB ỷ, 0xA9 â, 0xD6 ệ, 0xAC ơ, 0xAD ư, 0xE9 ộ, 0xB5 à, 0xB7 ã, 0xF1 ủ, 0xDC ĩ,
#              0xA7 Đ, 0xCB ậ, 0xF9 ự, 0xB9 ạ, 0xF3 ú, 0xAE đ, 0xDE ị, 0xEA ờ, 0xE4 ọ, 0xB8 á
TCVN3_CASES = [
    (b"U\xfb ban nh\xa9n d\xa9n huy\xd6n S\xacn D\xad\xacng", "Uỷ ban nhân dân huyện Sơn Dương"),
    (b"C\xe9ng ho\xb5 x\xb7 h\xe9i ch\xf1 ngh\xdca Vi\xd6t Nam", "Cộng hoà xã hội chủ nghĩa Việt Nam"),
    (b"\xa7\xe9c l\xcbp - T\xf9 do - H\xb9nh ph\xf3c", "Độc lập - Tự do - Hạnh phúc"),
    (b"\xae\xdea ph\xad\xacng, tr\xad\xeang h\xe4c", "địa phương, trường học"),
    (b"c\xb8c c\xac quan", "các cơ quan"),
]
# VNI: base letter + mark byte. 0xE4 circumflex+dot, 0xF8 grave, 0xF5 tilde, 0xFB hook,
# 0xF3 ĩ, 0xD1 Đ, 0xF6 ư, 0xEF dot, 0xF9 acute, 0xE2 circumflex, 0xDB hook (capital), 0xF1 đ, 0xF4 ơ
VNI_CASES = [
    (b"Co\xe4ng ho\xf8a xa\xf5 ho\xe4i chu\xfb ngh\xf3a Vie\xe4t Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
    (b"\xd1o\xe4c la\xe4p - T\xf6\xef do - Ha\xefnh phu\xf9c", "Độc lập - Tự do - Hạnh phúc"),
    (b"U\xdbY BAN NHA\xc2N DA\xc2N", "ỦY BAN NHÂN DÂN"),
    (b"\xf1\xf6\xf4\xefc giao, Tr\xf6\xf4\xf8ng", "được giao, Trường"),
]
# Windows-1258: precomposed ê (0xEA), ô (0xF4), ư (0xFD), ơ (0xF5), đ (0xF0), â (0xE2) and
# combining tones 0xCC grave, 0xEC acute, 0xD2 hook, 0xDE tilde, 0xF2 dot below
CP1258_CASES = [
    (b"Vi\xea\xf2t Nam", "Việt Nam"),
    (b"C\xf4\xf2ng ho\xcca x\xe3 h\xf4\xf2i", "Cộng hòa xă hội"),
    (b"\xf0\xfd\xf5\xf2c giao cho U\xd2y ban nh\xe2n d\xe2n", "được giao cho Ủy ban nhân dân"),
]


def nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


@pytest.mark.parametrize("data,expected", TCVN3_CASES)
def test_tcvn3_chart(data: bytes, expected: str) -> None:
    assert legacy.tcvn3_to_unicode(data.decode("latin-1")) == nfc(expected)


def test_tcvn3_capital_fonts() -> None:
    # .VnTimeH draws the lower-case codes as capitals
    assert legacy.tcvn3_to_unicode("U\xfb ban nh\xa9n d\xa9n", upper=True) == "UỶ BAN NHÂN DÂN"
    assert legacy.convert_for_font("U\xfb ban nh\xa9n d\xa9n", ".VnTimeH") == "UỶ BAN NHÂN DÂN"
    assert legacy.convert_for_font("nh\xa9n d\xa9n", ".VnTime") == "nhân dân"
    assert legacy.convert_for_font("nh\xa9n", "Times New Roman") == "nh\xa9n"


@pytest.mark.parametrize("data,expected", VNI_CASES)
def test_vni_chart(data: bytes, expected: str) -> None:
    assert legacy.vni_to_unicode(data.decode("latin-1")) == nfc(expected)


@pytest.mark.parametrize("data,expected", CP1258_CASES)
def test_windows_1258_chart(data: bytes, expected: str) -> None:
    assert legacy.cp1258_to_unicode(data) == nfc(expected)
    assert legacy.unicode_to_cp1258(expected) == data


def test_font_names() -> None:
    assert legacy.font_encoding(".VnTime") == "tcvn3"
    assert legacy.font_encoding(".VnArialH") == "tcvn3"
    assert legacy.font_encoding("ABCDEF+VnTimeH,Bold") == "tcvn3"
    assert legacy.font_encoding("VNI-Times") == "vni"
    assert legacy.font_encoding("Times New Roman") is None
    assert legacy.font_encoding(None) is None
    assert legacy.tcvn3_font_is_upper(".VnTimeH") and not legacy.tcvn3_font_is_upper(".VnTime")


@pytest.mark.parametrize("data,expected", TCVN3_CASES[:3] + VNI_CASES[:2] + CP1258_CASES)
def test_decode_bytes_detects_the_encoding(data: bytes, expected: str) -> None:
    assert legacy.decode_bytes(data) == nfc(expected)


def test_decode_bytes_whole_documents() -> None:
    text = (
        "Céng hoµ x· héi chñ nghÜa ViÖt Nam\n§éc lËp - Tù do - H¹nh phóc\n\n"
        "Uû ban nh©n d©n huyÖn giao Phßng Néi vô chñ tr×, phèi hîp víi c¸c c¬ quan, ®¬n vÞ "
        "b¸o c¸o kÕt qu¶ tr­íc ngµy 15/12/2024."
    )
    decoded = legacy.decode_bytes(text.encode("latin-1"))
    assert decoded is not None
    assert "Ủy ban nhân dân huyện giao Phòng Nội vụ chủ trì" in legacy.fix_text(decoded) or \
        "Uỷ ban nhân dân huyện giao Phòng Nội vụ chủ trì" in decoded
    assert "báo cáo kết quả trước ngày 15/12/2024." in decoded

    vni = "UÛy ban nhaân daân huyeän giao Phoøng Noäi vuï chuû trì baùo caùo keát quaû tröôùc ngaøy 15/12/2024."
    assert legacy.decode_bytes(vni.encode("latin-1")) == nfc(
        "Ủy ban nhân dân huyện giao Phòng Nội vụ chủ trì báo cáo kết quả trước ngày 15/12/2024.")

    cp = legacy.unicode_to_cp1258("Giao Phòng Nội vụ chủ trì, báo cáo kết quả trước ngày 15/12/2024.")
    assert legacy.decode_bytes(cp) == "Giao Phòng Nội vụ chủ trì, báo cáo kết quả trước ngày 15/12/2024."


def test_decode_bytes_refuses_other_languages() -> None:
    assert legacy.decode_bytes("Le conseil général a décidé: réunion à Genève.".encode("latin-1")) is None
    assert legacy.decode_bytes(b"") is None


def test_fix_text_converts_garbage_lines() -> None:
    assert legacy.fix_text("Uû ban nh©n d©n huyÖn S¬n D­¬ng") == "Uỷ ban nhân dân huyện Sơn Dương"
    assert legacy.fix_text("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam") == "Cộng hòa xã hội chủ nghĩa Việt Nam"
    mojibake = legacy.unicode_to_cp1258("Cộng hòa xã hội chủ nghĩa Việt Nam").decode("cp1252")
    assert legacy.fix_text(mojibake) == "Cộng hòa xã hội chủ nghĩa Việt Nam"


def test_fix_text_mixed_document_converts_only_the_garbage() -> None:
    text = "Ủy ban nhân dân tỉnh Quảng Trị\nC¸c c¬ quan, ®¬n vÞ thùc hiÖn nghiªm tóc.\nSố: 12/UBND-NC"
    assert legacy.fix_text(text) == "Ủy ban nhân dân tỉnh Quảng Trị\nCác cơ quan, đơn vị thực hiện nghiêm túc.\nSố: 12/UBND-NC"


@pytest.mark.parametrize("text", [
    "Cộng hòa xã hội chủ nghĩa Việt Nam",
    "Tài chính, cán bộ, công chức",  # only Latin-1 letters, still correct Unicode
    "© 2024 Cổng thông tin điện tử",
    "Café Paris, naïve façade, Größe",
    "Nhiệt độ 30°C, tỷ lệ ½, điểm «A»",
    "tốt¹; khá², tăng 05 xã³",
])
def test_fix_text_never_touches_unicode(text: str) -> None:
    assert legacy.fix_text(text) == text


def test_fix_text_leaves_the_sample_directives_alone() -> None:
    for path in sorted(SHARED.glob("*.md")):
        text = path.read_text(encoding="utf-8")
        assert legacy.fix_text(text) == text, path.name


def test_syllables() -> None:
    for word in ("người", "Quyết", "nghiêng", "khuya", "gì", "giữ", "quốc", "thuở", "ĐỒNG", "ớt"):
        assert legacy.is_vietnamese_syllable(word), word
    for word in ("thÓ", "ViÖt", "caùc", "hoøa", "ồt", "ắ", "UBND"):
        assert not legacy.is_vietnamese_syllable(word), word


def test_plain_reader_reads_legacy_files(tmp_path: Path) -> None:
    body = "Uû ban nh©n d©n huyÖn giao Phßng Néi vô b¸o c¸o tr­íc ngµy 15/12/2024.\n"
    (tmp_path / "tcvn3.txt").write_bytes(body.encode("latin-1"))
    assert "Phòng Nội vụ báo cáo trước ngày 15/12/2024" in read_document(tmp_path / "tcvn3.txt")
    # TCVN3 text that was once saved as UTF-8 (the garbage itself is in the file)
    (tmp_path / "garbage.txt").write_text(body, encoding="utf-8")
    assert "Phòng Nội vụ báo cáo trước ngày 15/12/2024" in read_document(tmp_path / "garbage.txt")
    (tmp_path / "cp1258.txt").write_bytes(legacy.unicode_to_cp1258("Giao Sở Nội vụ chủ trì thực hiện."))
    assert read_document(tmp_path / "cp1258.txt") == "Giao Sở Nội vụ chủ trì thực hiện."
    vni = "Giao Sôû Noäi vuï chuû trì thöïc hieän."
    (tmp_path / "vni.txt").write_bytes(vni.encode("latin-1"))
    assert read_document(tmp_path / "vni.txt") == "Giao Sở Nội vụ chủ trì thực hiện."


def test_the_8bit_line_test_is_the_plain_definition_for_every_character():
    from knowledge.legacy import _latin_only

    extra = {0x20AC, 0x2122, 0x0152, 0x0153, 0x0160, 0x0161, 0x0178, 0x017D, 0x017E, 0x0192, 0x02C6, 0x02DC,
             0x2030, 0x2039, 0x203A}
    for cp in range(0x10000):
        expected = cp <= 0xFF or 0xF020 <= cp <= 0xF0FF or 0x2010 <= cp <= 0x2026 or cp in extra
        assert _latin_only(f"ab{chr(cp)}c") == expected, hex(cp)
