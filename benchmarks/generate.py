"""Realistic synthetic Vietnamese directives, written as .md files like the bundled samples.

    python benchmarks/generate.py OUT_DIR N --seed 1 [--manifest] [--check K]

Each document is built from its own random generator seeded by (seed, index), so a
document does not depend on N: the first 1,000 of a 10,000-document corpus are the
1,000-document corpus.  The genre's shapes are all here: the header block
("ỦY BAN NHÂN DÂN / HUYỆN X" or "UBND TỈNH Y"), "Số: N/UBND-NV" (sometimes blank),
place and date (sometimes without the day), "V/v …" or a title, "Kính gửi:",
an introduction whose dates (cited documents, meetings, inspections) are not
deadlines, a preamble "… chỉ đạo như sau:", numbered, Roman and lettered items,
units as item headings or as subjects ("Giao Phòng Tư pháp chủ trì, phối hợp với …"),
lists of named communes, deadlines in the genre's forms, recurrence, urgency,
"Nơi nhận:", the signature block and the signer's name.

``--manifest`` writes manifest.jsonl (per file: number, issuer, date, signer, the
planted deadlines and the dates that must not become deadlines).  ``--check K``
runs knowledge.extract on K generated documents (nothing written) and compares.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

# ---- places ----------------------------------------------------------------------------------
# province -> its districts ("huyện X", "thị xã Y", "thành phố Z"); real names.
PROVINCES: dict[str, tuple[str, ...]] = {
    "Tuyên Quang": ("huyện Sơn Dương", "huyện Yên Sơn", "huyện Hàm Yên", "huyện Chiêm Hóa", "huyện Na Hang",
                    "thành phố Tuyên Quang"),
    "Cao Bằng": ("huyện Bảo Lâm", "huyện Bảo Lạc", "huyện Hà Quảng", "huyện Trùng Khánh", "huyện Hòa An"),
    "Sóc Trăng": ("thị xã Ngã Năm", "thị xã Vĩnh Châu", "huyện Mỹ Tú", "huyện Kế Sách", "huyện Long Phú",
                  "huyện Châu Thành"),
    "Quảng Trị": ("huyện Hải Lăng", "huyện Triệu Phong", "huyện Gio Linh", "huyện Vĩnh Linh", "huyện Cam Lộ",
                  "thị xã Quảng Trị", "thành phố Đông Hà"),
    "Quảng Nam": ("huyện Đại Lộc", "huyện Duy Xuyên", "huyện Thăng Bình", "thị xã Điện Bàn", "huyện Núi Thành",
                  "huyện Quế Sơn"),
    "Nghệ An": ("huyện Diễn Châu", "huyện Yên Thành", "huyện Quỳnh Lưu", "huyện Nghi Lộc", "thị xã Cửa Lò",
                "huyện Thanh Chương"),
    "Thanh Hóa": ("huyện Thọ Xuân", "huyện Nông Cống", "huyện Hoằng Hóa", "thị xã Nghi Sơn", "huyện Quảng Xương"),
    "Bắc Giang": ("huyện Lạng Giang", "huyện Lục Nam", "huyện Yên Thế", "huyện Tân Yên", "huyện Hiệp Hòa"),
    "Lâm Đồng": ("huyện Bảo Lâm", "huyện Di Linh", "huyện Đức Trọng", "thành phố Bảo Lộc", "huyện Lâm Hà"),
    "Đắk Lắk": ("huyện Krông Pắc", "huyện Ea Kar", "huyện Cư M'gar", "thị xã Buôn Hồ", "huyện Krông Năng"),
    "Bến Tre": ("huyện Mỏ Cày Nam", "huyện Giồng Trôm", "huyện Ba Tri", "huyện Chợ Lách", "huyện Thạnh Phú"),
    "An Giang": ("huyện Châu Phú", "huyện Thoại Sơn", "thị xã Tân Châu", "huyện Chợ Mới", "huyện Tri Tôn"),
    "Hà Tĩnh": ("huyện Cẩm Xuyên", "huyện Thạch Hà", "huyện Đức Thọ", "thị xã Kỳ Anh", "huyện Hương Khê"),
    "Phú Thọ": ("huyện Thanh Sơn", "huyện Lâm Thao", "huyện Cẩm Khê", "thị xã Phú Thọ", "huyện Đoan Hùng"),
    "Thái Bình": ("huyện Kiến Xương", "huyện Tiền Hải", "huyện Vũ Thư", "huyện Quỳnh Phụ", "huyện Hưng Hà"),
    "Bình Định": ("huyện Phù Cát", "huyện Tây Sơn", "thị xã Hoài Nhơn", "huyện Tuy Phước", "thị xã An Nhơn"),
    "Long An": ("huyện Đức Hòa", "huyện Cần Giuộc", "huyện Bến Lức", "thị xã Kiến Tường", "huyện Thạnh Hóa"),
    "Lào Cai": ("huyện Bát Xát", "thị xã Sa Pa", "huyện Bảo Thắng", "huyện Bắc Hà", "huyện Văn Bàn"),
    "Hà Giang": ("huyện Đồng Văn", "huyện Mèo Vạc", "huyện Vị Xuyên", "huyện Bắc Quang", "huyện Hoàng Su Phì"),
    "Kiên Giang": ("huyện Châu Thành", "huyện Giồng Riềng", "huyện Hòn Đất", "thành phố Hà Tiên", "huyện An Biên"),
    "Quảng Ninh": ("thị xã Đông Triều", "huyện Tiên Yên", "huyện Vân Đồn", "thị xã Quảng Yên", "huyện Hải Hà"),
    "Gia Lai": ("huyện Chư Sê", "huyện Đức Cơ", "thị xã An Khê", "huyện Ia Grai", "huyện Mang Yang"),
    "Vĩnh Long": ("huyện Long Hồ", "huyện Mang Thít", "huyện Tam Bình", "thị xã Bình Minh", "huyện Trà Ôn"),
    "Hải Dương": ("huyện Cẩm Giàng", "huyện Gia Lộc", "thị xã Kinh Môn", "huyện Thanh Hà", "huyện Ninh Giang"),
    "Trà Vinh": ("huyện Càng Long", "huyện Cầu Kè", "huyện Tiểu Cần", "thị xã Duyên Hải", "huyện Trà Cú"),
    "Quảng Ngãi": ("huyện Bình Sơn", "huyện Sơn Tịnh", "huyện Tư Nghĩa", "thị xã Đức Phổ", "huyện Mộ Đức"),
    "Yên Bái": ("huyện Văn Chấn", "huyện Trấn Yên", "huyện Lục Yên", "thị xã Nghĩa Lộ", "huyện Mù Cang Chải"),
    "Ninh Bình": ("huyện Gia Viễn", "huyện Hoa Lư", "huyện Kim Sơn", "huyện Yên Mô", "thành phố Tam Điệp"),
}
# Commune names are made of the syllables real ones use ("Tân Phú", "Vĩnh Lợi", "Hợp Thành").
_SYL_A = ("Tân", "Phú", "An", "Bình", "Hòa", "Vĩnh", "Long", "Mỹ", "Đông", "Tây", "Hưng", "Thạnh", "Quang", "Minh",
          "Hợp", "Trung", "Nghĩa", "Phúc", "Thượng", "Kháng", "Tuân", "Yên", "Thái", "Đức", "Lý", "Nam", "Hiệp",
          "Cẩm", "Xuân", "Thanh", "Kim", "Lương", "Đại", "Hồng", "Tam", "Quảng", "Thiện", "Mường", "Phong", "Gia")
_SYL_B = ("Lợi", "Thành", "Nhật", "Lộ", "Ứng", "Âm", "Sơn", "Lâm", "Phú", "Hòa", "Bình", "Hưng", "Thịnh", "Lộc",
          "Tiến", "Quang", "Phước", "Thuận", "Lạc", "Hải", "Đông", "Tây", "Xuyên", "Khánh", "Định", "Mỹ", "Hiệp",
          "Trường", "Vinh", "Hà", "Thắng", "Ninh", "Long", "An", "Cường", "Hội", "Phong", "Tân", "Kiều", "Dương")


def communes(district: str, count: int = 14) -> list[tuple[str, str]]:
    """(level, name) of the communes of a district, the same every time."""
    r = random.Random(f"communes:{district}")
    names: list[str] = []
    while len(names) < count:
        n = f"{r.choice(_SYL_A)} {r.choice(_SYL_B)}"
        if n not in names and n.split()[0] != n.split()[1]:
            names.append(n)
    town = district.startswith(("thị xã", "thành phố"))
    out = []
    for i, n in enumerate(names):
        if town:
            out.append(("phường" if i < 6 else "xã", n))
        else:
            out.append(("thị trấn" if i == 0 else "xã", n))
    return out


# ---- people --------------------------------------------------------------------------------
SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
            "Dương", "Lý", "Mã", "Hà", "Nông", "Lò", "Triệu", "Đinh", "Lương", "Tạ", "Trương")
MIDDLES = ("Văn", "Thị", "Đức", "Minh", "Hữu", "Quang", "Thanh", "Ngọc", "Xuân", "Công", "Trọng", "Việt", "Anh",
           "Thị Thu", "Thị Ngọc", "Văn Quang", "Đình", "Bá", "Kim", "Mạnh")
GIVENS = ("Lương", "Huệ", "Thái", "Tiến", "Bận", "Hùng", "Dũng", "Hà", "Lan", "Tuấn", "Sơn", "Hải", "Nam", "Bình",
          "Phong", "Quân", "Thắng", "Long", "Hòa", "Khánh", "Trung", "Hiếu", "Phúc", "Thành", "Vinh", "Yến", "Hương",
          "Mai", "Cường", "Đạo", "Tùng", "Hạnh", "Nga", "Toàn", "Lực", "Chiến", "Nhung", "Quyết")


def person(r: random.Random) -> str:
    return f"{r.choice(SURNAMES)} {r.choice(MIDDLES)} {r.choice(GIVENS)}"


# ---- units by level: (full name, short forms written in some documents, topics it leads) -----
@dataclass(frozen=True)
class U:
    name: str
    short: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    suffix: bool = True         # may be written with the place level ("Phòng Nội vụ huyện")


PROVINCE_UNITS = (
    U("Sở Nội vụ", (), ("cchc", "thidua", "baucu", "kyluat")),
    U("Sở Tư pháp", (), ("tuphap",)),
    U("Sở Tài chính", (), ("taichinh",)),
    U("Sở Kế hoạch và Đầu tư", ("Sở KH&ĐT",), ("dautu",)),
    U("Sở Thông tin và Truyền thông", ("Sở TT&TT",), ("cds", "dvc")),
    U("Sở Tài nguyên và Môi trường", ("Sở TN&MT",), ("datdai", "moitruong")),
    U("Sở Giáo dục và Đào tạo", ("Sở GD&ĐT",), ("giaoduc",)),
    U("Sở Y tế", (), ("yte", "attp")),
    U("Sở Lao động - Thương binh và Xã hội", ("Sở LĐTB&XH",), ("ansinh",)),
    U("Sở Văn hóa, Thể thao và Du lịch", ("Sở VHTT&DL",), ("vanhoa",)),
    U("Sở Nông nghiệp và Phát triển nông thôn", ("Sở NN&PTNT",), ("thientai", "ntm")),
    U("Sở Xây dựng", (), ("xaydung",)),
    U("Sở Giao thông vận tải", ("Sở GTVT",), ("atgt",)),
    U("Sở Công Thương", (), ("attp",)),
    U("Sở Khoa học và Công nghệ", ("Sở KH&CN",), ()),
    U("Thanh tra tỉnh", (), ("tiepdan", "kyluat")),
    U("Văn phòng UBND tỉnh", ("VP UBND tỉnh",), ("motcua", "dvc")),
    U("Công an tỉnh", (), ("de06", "atgt")),
    U("Ban Quản lý Khu kinh tế tỉnh", (), ("dautu",)),
    U("Trung tâm Phục vụ hành chính công tỉnh", (), ("motcua",)),
    U("Bảo hiểm xã hội tỉnh", (), ("ansinh",)),
    U("Kho bạc Nhà nước tỉnh", (), ("dautu", "taichinh")),
    U("Cục Thuế tỉnh", (), ("taichinh",)),
    U("Đài Phát thanh và Truyền hình tỉnh", (), ("tuyentruyen",)),
)
DISTRICT_UNITS = (
    U("Phòng Nội vụ", (), ("cchc", "thidua", "baucu", "kyluat")),
    U("Phòng Tư pháp", (), ("tuphap",)),
    U("Phòng Tài chính - Kế hoạch", ("Phòng TC-KH",), ("taichinh", "dautu")),
    U("Phòng Tài nguyên và Môi trường", ("Phòng TN&MT",), ("datdai", "moitruong")),
    U("Phòng Văn hóa và Thông tin", ("Phòng VH&TT", "Phòng Văn hóa - Thông tin"), ("cds", "vanhoa", "tuyentruyen")),
    U("Phòng Giáo dục và Đào tạo", ("Phòng GD&ĐT",), ("giaoduc",)),
    U("Phòng Y tế", (), ("yte", "attp")),
    U("Phòng Lao động - Thương binh và Xã hội", ("Phòng LĐTB&XH",), ("ansinh",)),
    U("Phòng Kinh tế và Hạ tầng", ("Phòng KT&HT",), ("xaydung", "atgt")),
    U("Phòng Nông nghiệp và Phát triển nông thôn", ("Phòng NN&PTNT",), ("thientai", "ntm")),
    U("Thanh tra huyện", (), ("tiepdan", "kyluat"), suffix=False),
    U("Văn phòng HĐND và UBND", ("VP HĐND-UBND", "Văn phòng HĐND&UBND"), ("motcua", "dvc")),
    U("Trung tâm Văn hóa - Thể thao và Truyền thông", ("Trung tâm VH-TT&TT",), ("tuyentruyen", "vanhoa")),
    U("Công an", (), ("de06", "atgt")),
    U("Ban Chỉ huy Quân sự", (), ("quansu",)),
    U("Chi nhánh Văn phòng đăng ký đất đai", (), ("datdai",), suffix=False),
    U("Trung tâm Y tế", (), ("yte",)),
    U("Bảo hiểm xã hội", (), ("ansinh",)),
    U("Ban Quản lý dự án đầu tư xây dựng", (), ("dautu", "xaydung")),
    U("Trung tâm Phát triển quỹ đất", (), ("datdai",)),
)
COMMUNE_UNITS = (
    U("công chức Văn phòng - Thống kê", (), ("cchc", "motcua", "dvc"), suffix=False),
    U("công chức Tư pháp - Hộ tịch", (), ("tuphap",), suffix=False),
    U("công chức Địa chính - Xây dựng", (), ("datdai", "xaydung"), suffix=False),
    U("công chức Văn hóa - Xã hội", (), ("vanhoa", "ansinh", "tuyentruyen"), suffix=False),
    U("công chức Tài chính - Kế toán", (), ("taichinh",), suffix=False),
    U("Công an xã", (), ("de06", "atgt"), suffix=False),
    U("Ban Chỉ huy Quân sự xã", (), ("quansu", "thientai"), suffix=False),
    U("Bộ phận Một cửa", (), ("motcua",), suffix=False),
    U("Tổ công nghệ số cộng đồng", (), ("cds",), suffix=False),
    U("Ban biên tập trang thông tin điện tử", (), ("tuyentruyen",), suffix=False),
    U("Trạm Y tế xã", (), ("yte", "attp"), suffix=False),
)


# ---- topics: what a directive is about -----------------------------------------------------
@dataclass(frozen=True)
class Topic:
    key: str
    word: str
    subjects: tuple[str, ...]
    findings: tuple[str, ...]
    actions: tuple[str, ...]
    reports: tuple[str, ...]


TOPICS = (
    Topic("cchc", "cải cách hành chính",
          ("chấn chỉnh, khắc phục tồn tại, hạn chế trong công tác CCHC", "nâng cao Chỉ số cải cách hành chính năm {y}",
           "tăng cường công tác cải cách hành chính năm {y}", "khắc phục hạn chế qua kết quả kiểm tra công tác CCHC"),
          ("kết quả Chỉ số cải cách hành chính năm {py} của {lvl} đạt {score} điểm, xếp thứ {rank}/{ranks}, giảm {drop} bậc so với năm trước",
           "công tác chỉ đạo điều hành về cải cách hành chính tại một số đơn vị chưa được quan tâm đúng mức, còn mang tính hình thức",
           "có {n1} xã xếp loại tốt, {n2} xã xếp loại khá và {n3} xã xếp loại trung bình",
           "việc đánh giá, chấm điểm các tiêu chí thành phần chưa có tài liệu kiểm chứng đầy đủ"),
          ("rà soát, xây dựng Kế hoạch khắc phục những tồn tại, hạn chế Chỉ số CCHC năm {py}",
           "tham mưu {issuer_short} ban hành Kế hoạch kiểm tra công tác cải cách hành chính năm {y}",
           "tổ chức tự đánh giá, chấm điểm Chỉ số CCHC năm {y} kèm tài liệu kiểm chứng",
           "xây dựng báo cáo công tác cải cách hành chính {period}",
           "đôn đốc các cơ quan, đơn vị thực hiện báo cáo khắc phục công tác cải cách hành chính sau kiểm tra",
           "thực hiện nghiêm túc các nhiệm vụ cải cách hành chính theo chỉ đạo của {issuer_short}"),
          ("báo cáo kết quả khắc phục", "báo cáo công tác CCHC", "báo cáo tự đánh giá Chỉ số CCHC")),
    Topic("motcua", "thực hiện cơ chế một cửa, một cửa liên thông",
          ("tăng cường hiệu quả hoạt động của Bộ phận Một cửa các cấp", "chấn chỉnh công tác tiếp nhận, giải quyết hồ sơ TTHC",
           "thực hiện cơ chế một cửa, một cửa liên thông"),
          ("tỷ lệ hồ sơ TTHC giải quyết trước hạn, đúng hạn đạt {pct}%, còn {n1} hồ sơ trễ hạn",
           "{quarter_fact}, toàn {lvl_word} tiếp nhận {big} hồ sơ, trong đó {n4} hồ sơ trực tuyến",
           "việc niêm yết công khai bộ thủ tục hành chính tại một số xã chưa đầy đủ, chưa cập nhật kịp thời",
           "còn tình trạng hướng dẫn bổ sung hồ sơ nhiều lần, để người dân đi lại nhiều lần"),
          ("rà soát, niêm yết công khai đầy đủ, kịp thời thủ tục hành chính tại Bộ phận Một cửa",
           "kiện toàn Bộ phận Một cửa, ban hành Quy chế hoạt động và văn bản phân công công chức làm việc tại Bộ phận Một cửa",
           "thực hiện nghiêm việc xin lỗi bằng văn bản khi giải quyết hồ sơ trễ hạn",
           "số hóa 100% thành phần hồ sơ và kết quả giải quyết TTHC trên Hệ thống thông tin giải quyết TTHC",
           "kết thúc ngay tất cả hồ sơ quá hạn trên phần mềm Một cửa điện tử",
           "thống kê hồ sơ trễ hạn, xác định rõ nguyên nhân và trách nhiệm của từng khâu"),
          ("báo cáo tình hình giải quyết TTHC", "báo cáo kết quả số hóa hồ sơ", "danh sách hồ sơ trễ hạn")),
    Topic("dvc", "dịch vụ công trực tuyến",
          ("đẩy mạnh cung cấp dịch vụ công trực tuyến", "nâng cao tỷ lệ hồ sơ trực tuyến và thanh toán trực tuyến"),
          ("tỷ lệ hồ sơ nộp trực tuyến mới đạt {pct2}%, thấp hơn chỉ tiêu được giao",
           "{quarter_fact}, cấp xã có {n4} hồ sơ phát sinh trực tuyến, {n1} xã không có hồ sơ trực tuyến"),
          ("tuyên truyền, hướng dẫn, hỗ trợ người dân sử dụng dịch vụ công trực tuyến toàn trình trên Cổng Dịch vụ công quốc gia",
           "phấn đấu đạt tỷ lệ {pct2}% hồ sơ trực tuyến trên tổng số hồ sơ tiếp nhận",
           "rà soát danh mục dịch vụ công trực tuyến toàn trình, một phần thuộc thẩm quyền",
           "bố trí công chức hướng dẫn người dân nộp hồ sơ, thanh toán phí, lệ phí trực tuyến"),
          ("báo cáo kết quả thực hiện dịch vụ công trực tuyến", "số liệu hồ sơ trực tuyến")),
    Topic("cds", "chuyển đổi số",
          ("đẩy mạnh chuyển đổi số năm {y}", "nâng cao hiệu quả hoạt động của Tổ công nghệ số cộng đồng"),
          ("chỉ số chuyển đổi số năm {py} của {lvl} đạt {score} điểm",
           "hạ tầng công nghệ thông tin tại một số đơn vị chưa đáp ứng yêu cầu, tỷ lệ văn bản ký số còn thấp"),
          ("kiện toàn Tổ công nghệ số cộng đồng ở các thôn, tổ dân phố",
           "hướng dẫn người dân cài đặt, sử dụng các nền tảng số, ứng dụng VNeID, thanh toán không dùng tiền mặt",
           "tăng cường sử dụng chữ ký số, trao đổi văn bản điện tử trên phần mềm Quản lý văn bản và điều hành",
           "rà soát, nâng cấp hạ tầng công nghệ thông tin, bảo đảm an toàn thông tin mạng",
           "tổ chức tập huấn kỹ năng số cho cán bộ, công chức cấp xã"),
          ("báo cáo kết quả chuyển đổi số", "báo cáo hoạt động của Tổ công nghệ số cộng đồng")),
    Topic("tuphap", "xây dựng và kiểm tra văn bản quy phạm pháp luật",
          ("tăng cường công tác kiểm tra, rà soát văn bản quy phạm pháp luật", "triển khai công tác phổ biến, giáo dục pháp luật"),
          ("công tác tự kiểm tra văn bản quy phạm pháp luật ở một số xã chưa được thực hiện thường xuyên",
           "năm {py} đã rà soát {big} văn bản, phát hiện {n1} văn bản có nội dung không phù hợp"),
          ("rà soát, hệ thống hóa văn bản quy phạm pháp luật do HĐND, UBND ban hành",
           "tổ chức tuyên truyền, phổ biến Luật Hòa giải ở cơ sở và các văn bản mới ban hành",
           "kiểm soát chặt chẽ quy trình xây dựng, ban hành văn bản quy phạm pháp luật",
           "thực hiện công tác chứng thực, hộ tịch đúng quy định, cập nhật dữ liệu hộ tịch điện tử",
           "theo dõi tình hình thi hành pháp luật trong các lĩnh vực trọng tâm"),
          ("báo cáo kết quả rà soát văn bản", "báo cáo công tác phổ biến, giáo dục pháp luật")),
    Topic("taichinh", "thu, chi ngân sách nhà nước",
          ("tăng cường công tác thu ngân sách nhà nước năm {y}", "quản lý, sử dụng kinh phí chi thường xuyên"),
          ("thu ngân sách {quarter_fact_low} mới đạt {pct2}% dự toán được giao",
           "một số đơn vị chưa ban hành quy chế chi tiêu nội bộ, quy chế quản lý tài sản công"),
          ("rà soát các nguồn thu, chống thất thu ngân sách, đôn đốc thu hồi nợ đọng thuế",
           "xây dựng, ban hành quy chế chi tiêu nội bộ và quy chế sử dụng tài sản công",
           "thẩm định, cân đối kinh phí thực hiện nhiệm vụ {topic_word}",
           "thực hiện tiết kiệm 10% chi thường xuyên để tạo nguồn cải cách tiền lương",
           "lập dự toán ngân sách năm {ny} đúng quy định"),
          ("báo cáo tình hình thu, chi ngân sách", "báo cáo quyết toán kinh phí")),
    Topic("dautu", "giải ngân vốn đầu tư công",
          ("đẩy nhanh tiến độ giải ngân vốn đầu tư công năm {y}",),
          ("đến ngày {fact_date}, tỷ lệ giải ngân vốn đầu tư công mới đạt {pct2}% kế hoạch vốn",
           "một số dự án chậm tiến độ do vướng mắc trong công tác bồi thường, giải phóng mặt bằng"),
          ("đẩy nhanh tiến độ thi công, nghiệm thu khối lượng hoàn thành và giải ngân vốn",
           "rà soát, điều chuyển vốn của các dự án chậm giải ngân sang dự án có khả năng giải ngân tốt",
           "tháo gỡ vướng mắc trong công tác bồi thường, hỗ trợ, tái định cư",
           "lập danh mục dự án khởi công mới năm {ny}"),
          ("báo cáo tiến độ giải ngân", "báo cáo tình hình thực hiện kế hoạch vốn")),
    Topic("datdai", "quản lý đất đai",
          ("chấn chỉnh công tác quản lý nhà nước về đất đai", "đẩy nhanh cấp Giấy chứng nhận quyền sử dụng đất"),
          ("nhiều hồ sơ đất đai cấp xã thiết lập thiếu kiểm tra dẫn đến sai sót, phải bổ sung nhiều lần",
           "còn {n4} hồ sơ cấp Giấy chứng nhận quyền sử dụng đất tồn đọng chưa giải quyết"),
          ("kiểm tra kỹ thành phần hồ sơ đất đai trước khi trình ký, bảo đảm đúng quy trình",
           "giải quyết dứt điểm hồ sơ cấp Giấy chứng nhận quyền sử dụng đất tồn đọng",
           "xây dựng kế hoạch sử dụng đất năm {ny}",
           "kiểm tra, xử lý các trường hợp vi phạm pháp luật về đất đai, lấn chiếm đất công",
           "cập nhật, chỉnh lý biến động đất đai vào cơ sở dữ liệu địa chính"),
          ("báo cáo kết quả cấp Giấy chứng nhận", "báo cáo kết quả xử lý vi phạm đất đai")),
    Topic("moitruong", "bảo vệ môi trường",
          ("tăng cường công tác bảo vệ môi trường, thu gom rác thải sinh hoạt",),
          ("tình trạng xả rác thải không đúng nơi quy định vẫn còn xảy ra ở {n1} xã",),
          ("tổ chức thu gom, vận chuyển, xử lý rác thải sinh hoạt trên địa bàn",
           "kiểm tra các cơ sở sản xuất, kinh doanh có nguy cơ gây ô nhiễm môi trường",
           "phát động ra quân tổng vệ sinh môi trường hưởng ứng Ngày Môi trường thế giới"),
          ("báo cáo công tác bảo vệ môi trường",)),
    Topic("thientai", "phòng, chống thiên tai",
          ("chủ động phòng, chống thiên tai và tìm kiếm cứu nạn năm {y}", "ứng phó với bão, mưa lớn, lũ quét, sạt lở đất"),
          ("đợt mưa lớn từ ngày {fact_date} đã làm {n1} nhà bị hư hỏng, {n4} ha lúa bị ngập úng",),
          ("kiện toàn Ban Chỉ huy phòng, chống thiên tai và tìm kiếm cứu nạn, phân công nhiệm vụ cụ thể cho từng thành viên",
           "rà soát, cập nhật phương án ứng phó thiên tai theo cấp độ rủi ro",
           "chuẩn bị đầy đủ vật tư, phương tiện theo phương châm bốn tại chỗ",
           "kiểm tra các khu vực có nguy cơ sạt lở, sơ tán người dân đến nơi an toàn",
           "thống kê thiệt hại, hỗ trợ kịp thời các hộ bị ảnh hưởng"),
          ("báo cáo tình hình thiệt hại", "báo cáo công tác phòng, chống thiên tai")),
    Topic("ntm", "xây dựng nông thôn mới",
          ("đẩy mạnh thực hiện Chương trình mục tiêu quốc gia xây dựng nông thôn mới",),
          ("toàn {lvl_word} có {n2} xã đạt chuẩn nông thôn mới, {n1} xã đạt chuẩn nông thôn mới nâng cao",),
          ("rà soát, đánh giá mức độ đạt các tiêu chí nông thôn mới của từng xã",
           "xây dựng lộ trình nâng chuẩn các tiêu chí còn thiếu, ưu tiên tiêu chí thu nhập, môi trường",
           "hoàn thiện hồ sơ đề nghị xét công nhận xã đạt chuẩn nông thôn mới nâng cao"),
          ("báo cáo kết quả thực hiện Chương trình", "hồ sơ đề nghị xét công nhận")),
    Topic("attp", "bảo đảm an toàn thực phẩm",
          ("tăng cường công tác bảo đảm an toàn thực phẩm dịp Tết Nguyên đán", "triển khai Tháng hành động vì an toàn thực phẩm năm {y}"),
          ("trong năm {py} trên địa bàn xảy ra {n1} vụ ngộ độc thực phẩm với {n4} người mắc",),
          ("thành lập Đoàn kiểm tra liên ngành về an toàn thực phẩm",
           "kiểm tra các cơ sở sản xuất, kinh doanh thực phẩm, bếp ăn tập thể, trường học",
           "tuyên truyền kiến thức an toàn thực phẩm cho người sản xuất, kinh doanh và người tiêu dùng"),
          ("báo cáo kết quả kiểm tra an toàn thực phẩm",)),
    Topic("de06", "triển khai Đề án 06",
          ("triển khai Đề án 06 về phát triển ứng dụng dữ liệu dân cư, định danh và xác thực điện tử",),
          ("tỷ lệ người dân được kích hoạt tài khoản định danh điện tử mức độ 2 mới đạt {pct}%",),
          ("thu nhận hồ sơ cấp căn cước, kích hoạt tài khoản định danh điện tử mức độ 2",
           "làm sạch dữ liệu dân cư, đồng bộ dữ liệu hộ tịch với Cơ sở dữ liệu quốc gia về dân cư",
           "rà soát các thủ tục hành chính thiết yếu để tích hợp với ứng dụng VNeID"),
          ("báo cáo tiến độ thực hiện Đề án 06",)),
    Topic("tiepdan", "tiếp công dân, giải quyết khiếu nại, tố cáo",
          ("tăng cường công tác tiếp công dân, giải quyết khiếu nại, tố cáo",),
          ("trong {quarter_fact_low} đã tiếp {n4} lượt công dân, tiếp nhận {n2} đơn khiếu nại, tố cáo",),
          ("bố trí địa điểm tiếp công dân khang trang, thuận tiện, lập sổ theo dõi đầy đủ",
           "giải quyết dứt điểm các vụ việc khiếu nại, tố cáo tồn đọng, kéo dài",
           "thực hiện tiếp công dân định kỳ của người đứng đầu theo đúng quy định"),
          ("báo cáo công tác tiếp công dân",)),
    Topic("kyluat", "kỷ luật, kỷ cương hành chính",
          ("tăng cường kỷ luật, kỷ cương hành chính, văn hóa công vụ",),
          ("một số cán bộ, công chức còn đi muộn, về sớm, sử dụng điện thoại vào việc riêng trong giờ làm việc",),
          ("tổ chức kiểm tra đột xuất việc chấp hành kỷ luật, kỷ cương hành chính tại các cơ quan, đơn vị",
           "kiểm điểm trách nhiệm người đứng đầu để xảy ra vi phạm",
           "thực hiện nghiêm quy tắc ứng xử, văn hóa công sở, thời giờ làm việc"),
          ("báo cáo kết quả kiểm tra công vụ",)),
    Topic("ansinh", "bảo đảm an sinh xã hội",
          ("thực hiện chính sách an sinh xã hội dịp Tết Nguyên đán", "rà soát hộ nghèo, hộ cận nghèo năm {y}"),
          ("toàn {lvl_word} còn {n4} hộ nghèo, chiếm {pct2}% tổng số hộ",),
          ("tổ chức rà soát hộ nghèo, hộ cận nghèo theo chuẩn nghèo đa chiều",
           "chi trả kịp thời trợ cấp xã hội cho các đối tượng bảo trợ xã hội qua tài khoản",
           "vận động phát triển người tham gia bảo hiểm xã hội tự nguyện, bảo hiểm y tế hộ gia đình",
           "thăm hỏi, tặng quà gia đình chính sách, hộ nghèo nhân dịp Tết"),
          ("báo cáo kết quả rà soát hộ nghèo", "báo cáo kết quả chi trả chính sách")),
    Topic("giaoduc", "giáo dục và đào tạo",
          ("chuẩn bị các điều kiện cho năm học mới {y}-{ny}",),
          ("tỷ lệ trường đạt chuẩn quốc gia mới đạt {pct}%",),
          ("rà soát cơ sở vật chất, trang thiết bị dạy học, bảo đảm đủ phòng học",
           "vận động học sinh ra lớp, phòng chống học sinh bỏ học",
           "tổ chức tuyển sinh đầu cấp đúng quy định, công khai, minh bạch"),
          ("báo cáo chuẩn bị năm học mới",)),
    Topic("quansu", "tuyển quân",
          ("tổ chức tuyển chọn và gọi công dân nhập ngũ năm {ny}",),
          ("năm {py} toàn {lvl_word} hoàn thành 100% chỉ tiêu giao quân",),
          ("rà soát, đăng ký nghĩa vụ quân sự cho công dân trong độ tuổi",
           "tổ chức sơ tuyển, khám sức khỏe nghĩa vụ quân sự bảo đảm chất lượng",
           "tổ chức lễ giao nhận quân trang trọng, đúng quy định"),
          ("báo cáo kết quả sơ tuyển",)),
    Topic("thidua", "thi đua, khen thưởng",
          ("phát động phong trào thi đua năm {y}", "tổng kết công tác thi đua, khen thưởng năm {y}"),
          ("năm {py} có {n2} tập thể, {n4} cá nhân được khen thưởng",),
          ("xây dựng kế hoạch phát động phong trào thi đua gắn với nhiệm vụ chính trị",
           "hoàn thiện hồ sơ đề nghị khen thưởng tổng kết năm {y}",
           "bình xét, đề nghị khen thưởng đúng đối tượng, tiêu chuẩn, công khai, minh bạch"),
          ("hồ sơ đề nghị khen thưởng", "báo cáo tổng kết thi đua")),
    Topic("tuyentruyen", "thông tin, tuyên truyền",
          ("đẩy mạnh công tác thông tin, tuyên truyền năm {y}",),
          ("công tác tuyên truyền {topic_word} chưa được thường xuyên, hiệu quả chưa cao",),
          ("đa dạng hóa hình thức tuyên truyền qua trang thông tin điện tử, hệ thống truyền thanh cơ sở, mạng xã hội Zalo, Facebook",
           "xây dựng chuyên trang, chuyên mục tuyên truyền về {topic_word}",
           "tổ chức cuộc thi tìm hiểu về {topic_word} trên mạng internet"),
          ("báo cáo kết quả công tác tuyên truyền",)),
)
TOPICS += (
    Topic("vanhoa", "xây dựng đời sống văn hóa ở cơ sở",
          ("đẩy mạnh phong trào Toàn dân đoàn kết xây dựng đời sống văn hóa", "tăng cường quản lý hoạt động lễ hội năm {y}"),
          ("toàn {lvl_word} có {pct}% hộ gia đình đạt danh hiệu Gia đình văn hóa",
           "một số thiết chế văn hóa, thể thao ở thôn, tổ dân phố xuống cấp, hoạt động kém hiệu quả"),
          ("kiểm tra hoạt động kinh doanh dịch vụ văn hóa, lễ hội trên địa bàn",
           "tổ chức bình xét danh hiệu Gia đình văn hóa, Thôn văn hóa năm {y}",
           "rà soát, củng cố nhà văn hóa thôn, tổ dân phố"),
          ("báo cáo kết quả phong trào",)),
    Topic("yte", "chăm sóc sức khỏe nhân dân",
          ("tăng cường phòng, chống dịch bệnh sốt xuất huyết, tay chân miệng", "triển khai tiêm chủng mở rộng năm {y}"),
          ("từ đầu năm đến ngày {fact_date}, toàn {lvl_word} ghi nhận {n4} ca mắc sốt xuất huyết",),
          ("tổ chức chiến dịch diệt lăng quăng, vệ sinh môi trường phòng chống sốt xuất huyết",
           "giám sát chặt chẽ tình hình dịch bệnh, xử lý triệt để ổ dịch",
           "bảo đảm đủ thuốc, vật tư, trang thiết bị y tế phục vụ công tác khám, chữa bệnh",
           "rà soát đối tượng, tổ chức tiêm chủng đầy đủ, đúng lịch"),
          ("báo cáo tình hình dịch bệnh",)),
    Topic("xaydung", "quản lý trật tự xây dựng",
          ("tăng cường quản lý trật tự xây dựng trên địa bàn",),
          ("phát hiện {n2} trường hợp xây dựng không phép, sai phép",),
          ("kiểm tra, xử lý dứt điểm các công trình xây dựng không phép, sai phép",
           "công khai quy hoạch, hướng dẫn người dân thủ tục cấp giấy phép xây dựng",
           "rà soát hành lang an toàn giao thông, xử lý lấn chiếm"),
          ("báo cáo kết quả xử lý vi phạm trật tự xây dựng",)),
    Topic("atgt", "bảo đảm trật tự, an toàn giao thông",
          ("tăng cường bảo đảm trật tự, an toàn giao thông dịp lễ, Tết",),
          ("{quarter_fact}, trên địa bàn xảy ra {n2} vụ tai nạn giao thông, làm chết {n1} người",),
          ("tăng cường tuần tra, kiểm soát, xử lý nghiêm vi phạm nồng độ cồn, tốc độ",
           "rà soát, khắc phục các điểm đen, điểm tiềm ẩn nguy cơ tai nạn giao thông",
           "tuyên truyền Luật Trật tự, an toàn giao thông đường bộ trong trường học"),
          ("báo cáo tình hình trật tự, an toàn giao thông",)),
)
TOPIC_BY_KEY = {t.key: t for t in TOPICS}
# Findings any directive may state, whatever its topic.
COMMON_FINDINGS = (
    "công tác phối hợp giữa các cơ quan, đơn vị trong thực hiện nhiệm vụ {topic_word} còn thiếu chặt chẽ",
    "một số cán bộ, công chức chưa nắm vững quy trình, nghiệp vụ, tinh thần trách nhiệm chưa cao",
    "việc báo cáo định kỳ còn chậm, chất lượng báo cáo chưa cao, số liệu chưa thống nhất",
    "người đứng đầu một số cơ quan, đơn vị chưa thực sự quan tâm chỉ đạo, kiểm tra, đôn đốc",
    "cơ sở vật chất, trang thiết bị phục vụ công tác chuyên môn tại cấp xã còn thiếu, chưa đồng bộ",
    "nhiều nhiệm vụ được giao tại các văn bản chỉ đạo trước đây chưa được triển khai đúng tiến độ",
)
POSITIVES = (
    "Năm {py}, được sự quan tâm lãnh đạo, chỉ đạo của cấp ủy, chính quyền, các cơ quan, đơn vị đã tập trung triển khai "
    "nhiệm vụ {topic_word} và đạt được những kết quả tích cực; nhận thức của đội ngũ cán bộ, công chức, viên chức "
    "từng bước được nâng lên; sự hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan hành chính nhà nước được cải thiện.",
    "Thời gian qua, các cơ quan, đơn vị, địa phương đã quan tâm triển khai thực hiện nhiệm vụ {topic_word}, ban hành "
    "kịp thời các văn bản chỉ đạo, điều hành; công tác kiểm tra, giám sát được tăng cường; nhiều chỉ tiêu đạt và vượt kế hoạch đề ra.",
    "Nhìn chung, công tác {topic_word} trên địa bàn đã có chuyển biến, nhiều đơn vị chủ động, sáng tạo trong tổ chức thực hiện, "
    "góp phần hoàn thành các mục tiêu, nhiệm vụ phát triển kinh tế - xã hội của địa phương.",
)
PURPOSES = (
    ", bảo đảm đúng quy định", " nhằm nâng cao chất lượng phục vụ người dân, doanh nghiệp",
    ", không để phát sinh hồ sơ trễ hạn, tồn đọng", ", đáp ứng yêu cầu nhiệm vụ được giao",
    ", gắn trách nhiệm người đứng đầu với kết quả thực hiện", ", bảo đảm chất lượng, hiệu quả, tránh hình thức",
    ", kịp thời tháo gỡ khó khăn, vướng mắc phát sinh", " trên địa bàn quản lý",
)
AFTERTHOUGHTS = (
    "Kết quả thực hiện là một trong những tiêu chí đánh giá, xếp loại mức độ hoàn thành nhiệm vụ năm {y} của cơ quan, đơn vị và người đứng đầu.",
    "Trường hợp chậm trễ, người đứng đầu cơ quan, đơn vị phải chịu trách nhiệm trước {issuer_short}.",
    "Quá trình thực hiện phải công khai, minh bạch, đúng đối tượng, đúng quy định của pháp luật.",
)

GENERIC_ACTIONS = (
    "tổ chức quán triệt, triển khai nội dung văn bản này đến toàn thể cán bộ, công chức, viên chức",
    "tăng cường kỷ luật, kỷ cương hành chính, chấn chỉnh lề lối làm việc, thái độ phục vụ nhân dân",
    "chủ động rà soát, tham mưu giải quyết những vướng mắc phát sinh thuộc lĩnh vực phụ trách",
    "nâng cao trách nhiệm người đứng đầu trong chỉ đạo, điều hành, kiểm tra, đôn đốc thực hiện nhiệm vụ",
    "cử công chức tham gia tiếp nhận, giải quyết TTHC tại Bộ phận Một cửa",
)
BOILER_CLOSING = (
    "Yêu cầu Thủ trưởng các cơ quan, đơn vị, Chủ tịch UBND các {sub} nghiêm túc triển khai, thực hiện./.",
    "Yêu cầu các cơ quan, đơn vị, địa phương nghiêm túc triển khai thực hiện./.",
    "Trên đây là chỉ đạo của {issuer_short} về {topic_word}, đề nghị các cơ quan, đơn vị nghiêm túc triển khai thực hiện./.",
    "Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, kịp thời báo cáo {issuer_short} (qua {monitor}) để xem xét, chỉ đạo./.",
)

ROMANS = ("I", "II", "III", "IV", "V", "VI")
QUARTER_ROMAN = ("I", "II", "III", "IV")
NUMBER_CODES = ("UBND-NV", "UBND-VP", "UBND-NC", "UBND-KT", "UBND-VX", "UBND-TH", "UBND-KGVX", "UBND-CCHC",
                "UBND-TCKH", "UBND-TNMT", "UBND-TP", "UBND")


# ---- one document --------------------------------------------------------------------------
@dataclass
class Planted:
    clause: str
    units: tuple[str, ...]
    deadline: str | None = None        # ISO day the text states
    recurrence: str | None = None


@dataclass
class Doc:
    file: str
    text: str
    number: str | None
    issuer: str
    issued_on: str
    signer: str
    planted: list[Planted] = field(default_factory=list)
    not_deadlines: list[str] = field(default_factory=list)


def _title(s: str) -> str:
    return " ".join(w[:1].upper() + w[1:] for w in s.split())


def _slug(s: str) -> str:
    s = unicodedata.normalize("NFD", s.lower()).replace("đ", "d")
    s = "".join(c for c in s if unicodedata.category(c) != "Mn")
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")


def _dmy(r: random.Random, d: date, words_ok: bool = True) -> str:
    """A date as the genre writes it: 15/12/2024, 05/12/2024, 15 tháng 12 năm 2024."""
    pick = r.random()
    if words_ok and pick < 0.25:
        return f"{d.day:02d} tháng {d.month} năm {d.year}" if r.random() < 0.5 else f"{d.day} tháng {d.month} năm {d.year}"
    if pick < 0.6:
        return f"{d.day:02d}/{d.month:02d}/{d.year}"
    return f"{d.day}/{d.month}/{d.year}"


class _Builder:
    def __init__(self, seed: int, index: int) -> None:
        self.r = random.Random(f"chidao-bench:{seed}:{index}")
        self.index = index
        r = self.r
        self.level = r.choices(("province", "district", "commune"), (25, 60, 15))[0]
        self.province = r.choice(list(PROVINCES))
        self.district = r.choice(PROVINCES[self.province])
        dkind, dname = re.match(r"^(huyện|thị xã|thành phố)\s+(.+)$", self.district).groups()
        self.dkind, self.dname = dkind, dname
        self.communes = communes(self.district)
        if self.level == "province":
            self.lvl, self.place, self.units = "tỉnh", self.province, PROVINCE_UNITS
            self.sub = "huyện, thị xã, thành phố"
        elif self.level == "district":
            self.lvl, self.place, self.units = dkind, dname, DISTRICT_UNITS
            self.sub = "xã, phường" if dkind != "huyện" else "xã, thị trấn"
        else:
            clvl, cname = r.choice([c for c in self.communes if c[0] != "thị trấn"] or self.communes)
            self.lvl, self.place, self.units = clvl, cname, COMMUNE_UNITS
            self.sub = "thôn, tổ dân phố"
        self.issuer = f"UBND {self.lvl} {self.place}"
        self.issuer_short = f"UBND {self.lvl}"
        self.issued = date(r.randint(2019, 2025), r.randint(1, 12), r.randint(1, 28))
        self.topic = r.choice(TOPICS)
        self.topic_word = self.topic.word
        self.planted: list[Planted] = []
        self.not_deadlines: list[str] = []
        leads = [u for u in self.units if self.topic.key in u.topics]
        self.lead = r.choice(leads) if leads else r.choice(self.units)
        self.monitor = next((u for u in self.units if "cchc" in u.topics), self.units[0])
        self.footnotes: list[str] = []
        self.used: set[str] = set()

    # -- names ---------------------------------------------------------------------------------
    def uname(self, u: U, *, allow_short: bool = True) -> str:
        r = self.r
        name = u.name
        if allow_short and u.short and r.random() < 0.3:
            name = r.choice(u.short)
        if u.suffix and self.level != "commune" and r.random() < 0.35 and not name.endswith(self.lvl):
            name = f"{name} {self.lvl}"
        return name

    def pick_units(self, k: int, exclude: tuple[U, ...] = ()) -> list[U]:
        pool = [u for u in self.units if u not in exclude]
        return self.r.sample(pool, min(k, len(pool)))

    def commune_list(self, k: int) -> tuple[str, list[str]]:
        chosen = self.r.sample(self.communes[1:], k)
        level = chosen[0][0]
        names = [n for lv, n in chosen if lv == level]
        return level, names

    # -- numbers and dates --------------------------------------------------------------------------
    def before(self, lo: int = 3, hi: int = 200) -> date:
        return self.issued - timedelta(days=self.r.randint(lo, hi))

    def after(self, lo: int = 5, hi: int = 120) -> date:
        return self.issued + timedelta(days=self.r.randint(lo, hi))

    def cite(self, *, kind: str | None = None, dated: bool = True) -> str:
        """A cited document: its date is never a deadline."""
        r = self.r
        kind = kind or r.choice(("Văn bản", "Công văn", "Kế hoạch", "Quyết định", "Chỉ thị", "Thông báo"))
        code = {"Kế hoạch": "KH-UBND", "Quyết định": "QĐ-UBND", "Chỉ thị": "CT-UBND", "Thông báo": "TB-UBND"}.get(
            kind, r.choice(NUMBER_CODES))
        num = f"{r.randint(1, 4200)}/{code}"
        if not dated:
            return f"{kind} số {num}"
        d = self.before()
        self.not_deadlines.append(d.isoformat())
        who = r.choice((f" của {self.issuer_short}", f" của UBND tỉnh {self.province}", "", f" của Chủ tịch {self.issuer_short}"))
        return f"{kind} số {num} ngày {_dmy(r, d)}{who}"

    def law(self) -> str:
        r = self.r
        y = r.randint(2011, max(2012, self.issued.year - 1))
        d = date(y, r.randint(1, 12), r.randint(1, 28))
        self.not_deadlines.append(d.isoformat())
        kind, code, who = r.choice((("Nghị định", "NĐ-CP", "của Chính phủ"), ("Thông tư", "TT-VPCP", "của Văn phòng Chính phủ"),
                                    ("Quyết định", "QĐ-TTg", "của Thủ tướng Chính phủ"), ("Thông tư", "TT-BNV", "của Bộ Nội vụ")))
        return f"{kind} số {r.randint(1, 180)}/{y}/{code} ngày {_dmy(r, d)} {who}"

    def fill(self, s: str) -> str:
        r, y = self.r, self.issued.year
        q = r.randint(1, 4)
        values = {
            "y": y, "py": y - 1, "ny": y + 1, "lvl": f"{self.lvl}", "lvl_word": self.lvl,
            "score": f"{r.randint(62, 92)},{r.randint(10, 99)}", "rank": r.randint(2, 12), "ranks": r.choice((10, 12, 13, 63)),
            "drop": r.randint(1, 4), "n1": f"{r.randint(1, 9):02d}", "n2": f"{r.randint(3, 15):02d}", "n3": f"{r.randint(1, 5):02d}",
            "n4": r.randint(12, 980), "big": f"{r.randint(1, 25)}.{r.randint(0, 999):03d}", "pct": r.randint(55, 99),
            "pct2": r.randint(8, 60), "quarter_fact": f"Quý {QUARTER_ROMAN[q - 1]}/{y}",
            "quarter_fact_low": f"quý {QUARTER_ROMAN[q - 1]}/{y}", "fact_date": _dmy(r, self.before(), words_ok=False),
            "issuer_short": self.issuer_short, "topic_word": self.topic_word,
            "period": r.choice((f"quý {QUARTER_ROMAN[q - 1]}/{y}", f"6 tháng đầu năm {y}", f"năm {y}")),
        }
        return s.format(**values)

    # -- deadlines --------------------------------------------------------------------------------
    def deadline(self) -> tuple[str, str | None, str | None]:
        """(text to append, ISO deadline, recurrence) in one of the genre's forms."""
        r = self.r
        d = self.after()
        kind = r.choices(("slash", "words", "latest", "month", "quarter", "recur", "recur_day", "relative", "clock",
                          "year", "urgent", "none"),
                         (22, 10, 8, 8, 6, 8, 4, 4, 3, 4, 8, 15))[0]
        if kind == "slash":
            return f", hoàn thành trước ngày {d.day:02d}/{d.month:02d}/{d.year}", d.isoformat(), None
        if kind == "words":
            return f" trước ngày {d.day:02d} tháng {d.month:02d} năm {d.year}", d.isoformat(), None
        if kind == "latest":
            return f"; thời gian chậm nhất ngày {_dmy(r, d, words_ok=False)}", d.isoformat(), None
        if kind == "month":
            end = (date(d.year + (d.month == 12), d.month % 12 + 1, 1) - timedelta(days=1))
            return f", hoàn thành trong tháng {d.month}/{d.year}", end.isoformat(), None
        if kind == "quarter":
            q = (d.month - 1) // 3 + 1
            end = (date(d.year + (q == 4), (q * 3) % 12 + 1, 1) - timedelta(days=1))
            return f", hoàn thành trong Quý {QUARTER_ROMAN[q - 1]}/{d.year}", end.isoformat(), None
        if kind == "recur":
            return ("; định kỳ hằng tháng, hàng quý báo cáo kết quả thực hiện về " + self.issuer_short,
                    None, "monthly")
        if kind == "recur_day":
            day = r.choice((15, 20, 25))
            return f"; báo cáo kết quả hằng tháng trước ngày {day}", None, "monthly"
        if kind == "relative":
            n = r.choice((5, 7, 10, 15, 30))
            return (f" trong thời hạn {n} ngày kể từ ngày ban hành văn bản này",
                    (self.issued + timedelta(days=n)).isoformat(), None)
        if kind == "clock":
            hh = r.choice((8, 9, 10, 14, 15, 16))
            return f", gửi về trước {hh} giờ, ngày {d.day:02d}/{d.month:02d}/{d.year}", d.isoformat(), None
        if kind == "year":
            return f", phấn đấu hoàn thành trong năm {self.issued.year}", None, None
        if kind == "urgent":
            return r.choice((" ngay sau khi nhận được văn bản này", "; thực hiện thường xuyên", "")), None, None
        return "", None, None

    def task_sentence(self, action: str, *, with_deadline: bool = True) -> tuple[str, str | None, str | None]:
        r = self.r
        lead = ""
        if r.random() < 0.15:
            lead = r.choice(("khẩn trương ", "tiếp tục ", "chủ động ", "nghiêm túc "))
        tail, dl, rec = self.deadline() if with_deadline else ("", None, None)
        extra = ""
        if r.random() < 0.2:
            extra = f" theo {self.cite(kind=r.choice(('Kế hoạch', 'Quyết định', 'Văn bản')))}"
        elif r.random() < 0.1:
            extra = f" theo quy định tại {self.law()}"
        purpose = r.choice(PURPOSES) if r.random() < 0.45 else ""
        s = f"{lead}{self.fill(action)}{extra}{purpose}{tail}"
        if dl is None and rec is None and r.random() < 0.35:
            rep = r.choice(self.topic.reports)
            d = self.after()
            via = self.uname(self.monitor, allow_short=False)
            s += (f". Tổng hợp {rep} gửi về {self.issuer_short} (qua {via} tổng hợp) "
                  f"trước ngày {_dmy(r, d)}")
            dl = d.isoformat()
        s += "."
        if r.random() < 0.12:
            s += " " + self.fill(r.choice(AFTERTHOUGHTS))
        return s, dl, rec

    def topic_action(self, unit: U | None = None) -> str:
        """An action of the document's topic, or of the unit's own field when it has one."""
        r = self.r
        t = self.topic
        own = [k for k in unit.topics if k in TOPIC_BY_KEY] if unit is not None else []
        if own and self.topic.key not in own and r.random() < 0.6:
            t = TOPIC_BY_KEY[r.choice(own)]
        pool = GENERIC_ACTIONS if r.random() < 0.1 else t.actions
        fresh = [a for a in pool if a not in self.used] or list(pool)
        action = r.choice(fresh)
        self.used.add(action)
        return action

    def plant(self, clause: str, units: list[str] | tuple[str, ...], dl: str | None, rec: str | None) -> None:
        self.planted.append(Planted(clause, tuple(units), dl, rec))

    # -- parts of the document ------------------------------------------------------------------
    def header(self) -> str:
        r = self.r
        lvl_up = self.lvl.upper()
        place_up = self.place.upper()
        if self.level == "province" and r.random() < 0.35:
            block = f"**UBND {lvl_up} {place_up}**"
        elif r.random() < 0.1:
            block = f"**ỦY BAN NHÂN DÂN  \n{lvl_up} {place_up}**"
        else:
            block = f"**ỦY BAN NHÂN DÂN\n{lvl_up} {place_up}**"
        motto = r.choice(("Độc lập – Tự do - Hạnh phúc", "Độc lập - Tự do - Hạnh phúc", "Độc lập – Tự do – Hạnh phúc"))
        self.kind = r.choices(("cv", "tb", "ct"), (75, 15, 10))[0]
        code = {"cv": r.choice(NUMBER_CODES), "tb": "TB-UBND", "ct": "CT-UBND"}[self.kind]
        n = r.randint(1, 4200)
        blank_number = r.random() < 0.12
        self.number = None if blank_number else f"{n}/{code}"
        number_line = f"Số: /{code}" if blank_number else f"Số: {n}/{code}"
        blank_day = r.random() < 0.08
        d = self.issued
        if blank_day:
            self.issued_iso = f"{d.year:04d}-{d.month:02d}"
            date_line = f"{self.place}, ngày   tháng {d.month} năm {d.year}"
        else:
            self.issued_iso = d.isoformat()
            date_line = f"{self.place}, ngày {d.day:02d} tháng {d.month:02d} năm {d.year}"
            self.not_deadlines.append(d.isoformat())
        if r.random() < 0.3:
            date_line = f"*{date_line}*"
        subject = self.fill(r.choice(self.topic.subjects))
        self.subject = subject
        parts = [block, f"**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n{motto}**"]
        if self.kind == "cv":
            vv = "V/v " + "\n".join(_rewrap(subject, r))
            if r.random() < 0.5:
                parts += [f"{number_line}\n{vv}", date_line]
            else:
                parts += [number_line, date_line, vv]
        else:
            title = "THÔNG BÁO" if self.kind == "tb" else "CHỈ THỊ"
            parts += [number_line, date_line, title, _title_case_first(subject)]
        return "\n\n".join(parts)

    def recipients(self) -> str:
        r = self.r
        if self.level == "province":
            items = ["Các sở, ban, ngành thuộc UBND tỉnh", "Ban Quản lý Khu kinh tế tỉnh", "UBND các huyện, thị xã, thành phố"]
        elif self.level == "district":
            items = ["Các cơ quan chuyên môn thuộc UBND " + self.lvl, f"Thủ trưởng các cơ quan, đơn vị trên địa bàn {self.lvl}",
                     f"UBND các {self.sub}"]
        else:
            items = [f"Cán bộ, công chức chuyên môn UBND {self.lvl}", "Công an xã, Ban Chỉ huy Quân sự xã",
                     f"Trưởng các {self.sub}"]
        r.shuffle(items)
        items = items[:r.randint(2, 3)]
        if r.random() < 0.15:
            return f"Kính gửi: {items[0]}"
        return "Kính gửi:\n\n" + "\n".join(f"- {x}{';' if i < len(items) - 1 else '.'}" for i, x in enumerate(items))

    def intro(self) -> list[str]:
        r = self.r
        paras = []
        pick = r.randrange(4)
        if pick == 0:
            opener = f"Thực hiện {self.cite()} về việc {self.fill(r.choice(self.topic.subjects))};"
        elif pick == 1:
            opener = f"Căn cứ {self.law()};"
        elif pick == 2:
            where = f"UBND các {self.sub.split(',')[0]}" if self.level != "commune" else f"{r.randint(2, 9)} thôn"
            opener = (f"Ngày {_dmy(r, self._nd(self.before(2, 40)))}, Đoàn kiểm tra của {self.issuer_short} đã tiến hành "
                      f"kiểm tra công tác {self.topic_word} tại {r.randint(3, 12)} cơ quan, đơn vị và {where}.")
        else:
            opener = (f"Tại cuộc họp giao ban ngày {_dmy(r, self._nd(self.before(2, 30)))}, Chủ tịch {self.issuer_short} "
                      f"đã nghe báo cáo tình hình thực hiện nhiệm vụ {self.topic_word} {self.fill('{period}')}.")
        paras.append(opener)
        if r.random() < 0.6:
            paras.append(self.fill(r.choice(POSITIVES)))
        findings = self.findings()
        r.shuffle(findings)
        findings = findings[:r.randint(1, len(findings))] + r.sample(COMMON_FINDINGS, r.randint(1, 3))
        body = "; ".join(self.fill(f) for f in findings)
        lead = r.choice(("Qua theo dõi, kiểm tra cho thấy: ", "Thời gian qua, ", "Tuy nhiên, bên cạnh những kết quả đạt được, ",
                         "Theo báo cáo của các cơ quan, đơn vị, "))
        para = f"{lead}{body}."
        if r.random() < 0.2:
            # a page break with a footnote in the middle of a sentence
            note = f"¹ {self.cite(kind='Kế hoạch')} và {self.cite(kind='Quyết định')}."
            mid = para.split(" ")
            k = max(8, len(mid) // 2)
            para = " ".join(mid[:k]) + "¹\n\n" + note + "\n\n" + " ".join(mid[k:])
            if not mid[k:][0][:1].islower():
                para = para.replace("¹\n\n" + note + "\n\n", "¹ ", 1)
        paras.append(para)
        if r.random() < 0.4:
            paras.append(f"Tại {self.cite(kind='Thông báo')}, {self.issuer_short} đã giao nhiệm vụ cụ thể cho các cơ quan, "
                         f"đơn vị; tuy nhiên đến nay một số nhiệm vụ chưa được triển khai đúng tiến độ.")
        return paras

    def findings(self) -> list[str]:
        found = list(self.topic.findings)
        if self.level == "commune":   # a commune does not count communes
            found = [f for f in found if not re.search(r"\{n\d\} xã|\{lvl_word\} có", f)] or list(COMMON_FINDINGS[:2])
        return found

    def _nd(self, d: date) -> date:
        self.not_deadlines.append(d.isoformat())
        return d

    def preamble(self, names_assignees: bool) -> str:
        r = self.r
        purpose = r.choice((f"Để kịp thời khắc phục những tồn tại, hạn chế nêu trên, nâng cao hiệu quả công tác {self.topic_word}",
                            f"Để triển khai thực hiện có hiệu quả nhiệm vụ {self.topic_word} trong thời gian tới",
                            "Để chấn chỉnh kịp thời những hạn chế, thiếu sót nêu trên"))
        who = r.choice((f"Chủ tịch {self.issuer_short} {self.place}", f"{self.issuer_short}", f"Ủy ban nhân dân {self.lvl}"))
        if names_assignees:
            if self.level == "province":
                addressees = "Thủ trưởng các sở, ban, ngành; Chủ tịch UBND các huyện, thị xã, thành phố"
            elif self.level == "district":
                addressees = f"Thủ trưởng các cơ quan chuyên môn thuộc UBND {self.lvl}, Chủ tịch UBND các {self.sub}"
            else:
                addressees = f"cán bộ, công chức chuyên môn UBND {self.lvl}"
            verb = r.choice(("khẩn trương triển khai một số nội dung sau:", "thực hiện ngay các nội dung sau:",
                             "nghiêm túc thực hiện một số nhiệm vụ trọng tâm sau đây:"))
            self.default_units = [addressees]
            return f"{purpose}, {who} yêu cầu {addressees} {verb}"
        return f"{purpose},\n\n{who} {r.choice(('chỉ đạo như sau:', 'có ý kiến chỉ đạo như sau:', 'chỉ đạo:', 'yêu cầu như sau:'))}"

    def subject_item(self, label: str) -> str:
        """'3. Giao Phòng Tư pháp chủ trì, phối hợp với … (action) (deadline).'"""
        r = self.r
        shape = r.choices(("giao", "bare", "denghi", "communes", "coord_list", "doi_voi"), (35, 20, 12, 10, 13, 10))[0]
        if shape == "communes" and self.level != "commune":
            level, names = self.commune_list(r.randint(2, 6))
            text, dl, rec = self.task_sentence(self.topic_action())
            head = r.choice(("UBND", "Ủy ban nhân dân", "Chủ tịch UBND"))
            units = [f"UBND {level} {n}" for n in names]
            self.plant(label, units, dl, rec)
            return f"{label}. {head} các {level}: {', '.join(names)}: {_cap(text)}"
        if shape == "doi_voi" and self.level != "commune":
            text, dl, rec = self.task_sentence(self.topic_action())
            target = r.choice((f"UBND các {self.sub}", "UBND cấp xã"))
            self.plant(label, [target], dl, rec)
            return f"{label}. Đối với {target}: {_cap(text)}"
        lead = self.lead if r.random() < 0.4 else r.choice(self.units)
        partners = self.pick_units(r.randint(1, 3), exclude=(lead,))
        lead_name = self.uname(lead)
        text, dl, rec = self.task_sentence(self.topic_action(lead))
        if shape in ("giao", "coord_list"):
            verb = r.choice(("Giao", "Giao", "Yêu cầu", "Giao cho"))
            if shape == "coord_list" or r.random() < 0.5:
                coords = ", ".join(self.uname(p) for p in partners)
                if r.random() < 0.3 and self.level != "commune":
                    coords += f" và UBND các {self.sub}"
                body = f"{verb} {lead_name} chủ trì, phối hợp với {coords} {text}"
            else:
                body = f"{verb} {lead_name} {text}"
        elif shape == "denghi":
            body = f"Đề nghị {lead_name} {text}"
        else:
            body = f"{_cap(lead_name)} {text}" if lead_name[:1].isupper() else f"{_cap(lead_name)} {text}"
        self.plant(label, [lead_name], dl, rec)
        if r.random() < 0.25:
            t2, dl2, rec2 = self.task_sentence(self.topic_action(lead))
            body += f" {_cap(t2)}"
        return f"{label}. {body}"

    def heading_item(self, label: str, u: U) -> list[str]:
        """'1. Phòng Nội vụ' and paragraphs (or dashes) below it."""
        r = self.r
        name = self.uname(u)
        out = [f"**{label}. {name}**" if r.random() < 0.3 else f"{label}. {name}"]
        dashes = r.random() < 0.35
        for _ in range(r.randint(2, 5)):
            action = self.topic_action(u)
            if r.random() < 0.3:
                partner = self.pick_units(1, exclude=(u,))[0]
                action = f"chủ trì, phối hợp với {self.uname(partner)} " + action
            text, dl, rec = self.task_sentence(action)
            self.plant(label, [name], dl, rec)
            out.append(("- " if dashes else "") + _cap(text))
        if r.random() < 0.12 and self.level == "district":
            text, dl, rec = self.task_sentence(r.choice(("tăng cường kiểm tra việc chấp hành kỷ luật, kỷ cương hành chính của đội ngũ CBCCVC",
                                                        "kiểm tra đột xuất việc thực hiện nhiệm vụ tại các cơ quan, đơn vị")))
            out[-1] += f" Giao Tổ kiểm tra, giám sát của {self.lvl} {text}"
            self.plant(label, ["Tổ kiểm tra, giám sát"], dl, rec)
        return out

    def monitor_item(self, label: str) -> str:
        r = self.r
        d = self.after(20, 150)
        name = self.uname(self.monitor)
        when = r.choice((f" trước ngày {_dmy(r, d)}", " định kỳ hằng quý", ""))
        self.plant(label, [name], d.isoformat() if "trước" in when else None, "quarterly" if "quý" in when else None)
        return (f"{label}. Giao {name} theo dõi, đôn đốc các cơ quan, đơn vị thực hiện nội dung văn bản này; "
                f"tổng hợp, báo cáo {self.issuer_short}{when}.")

    def findings_section(self) -> list[str]:
        r = self.r
        out = [f"I. {r.choice(('ĐÁNH GIÁ CHUNG', 'KẾT QUẢ ĐẠT ĐƯỢC', 'TÌNH HÌNH THỰC HIỆN'))}"]
        out.append(self.fill(r.choice(POSITIVES)))
        for f in self.findings():
            out.append(_cap(self.fill(f)) + ".")
        out.append("Tuy nhiên, " + "; ".join(self.fill(f) for f in r.sample(COMMON_FINDINGS, 3)) + ".")
        if r.random() < 0.5:
            out.append(f"1. Ưu điểm: các cơ quan, đơn vị đã triển khai kịp thời {self.cite(dated=True)}; "
                       f"tỷ lệ hồ sơ giải quyết đúng hạn đạt {r.randint(85, 99)}%.")
            out.append(f"2. Hạn chế: một số đơn vị chưa quan tâm đúng mức; việc báo cáo còn chậm so với yêu cầu tại "
                       f"cuộc họp ngày {_dmy(r, self._nd(self.before(5, 60)))}.")
        return out

    def build(self) -> Doc:
        r = self.r
        self.default_units: list[str] = []
        parts = [self.header(), self.recipients()]
        body: list[str] = []
        shape = r.choices(("subjects", "headings", "roman", "addressees"), (35, 30, 20, 15))[0]
        if shape == "roman":
            parts += self.intro()[:1]
            body += self.findings_section()
            body.append(f"II. {r.choice(('NHIỆM VỤ TRỌNG TÂM TRONG THỜI GIAN TỚI', 'NHIỆM VỤ, GIẢI PHÁP', 'PHÂN CÔNG NHIỆM VỤ'))}")
            inner_heads = r.random() < 0.5
            if inner_heads:
                for i, u in enumerate(self.pick_units(r.randint(3, 6)), 1):
                    body += self.heading_item(f"{i}", u)
            else:
                for i in range(1, r.randint(4, 8)):
                    body.append(self.subject_item(f"{i}"))
            body.append("III. TỔ CHỨC THỰC HIỆN")
            body.append(self.monitor_item("1").replace("1. ", "", 1))
            self.planted[-1].clause = "III"
        else:
            parts += self.intro()
            body.append(self.preamble(names_assignees=(shape == "addressees")))
            n = r.randint(6, 14)
            if shape == "subjects":
                for i in range(1, n):
                    body.append(self.subject_item(str(i)))
                    if r.random() < 0.15:
                        # lettered sub-items under one assignment
                        lead_u = r.choice(self.units)
                        lead = self.uname(lead_u)
                        body[-1] = f"{i}. {_cap(lead)}:"
                        self.planted.pop()
                        for letter in "abcd"[:r.randint(2, 4)]:
                            text, dl, rec = self.task_sentence(self.topic_action(lead_u))
                            body.append(f"{letter}) {_cap(text)}")
                            self.plant(f"{i}.{letter}", [lead], dl, rec)
            elif shape == "headings":
                for i, u in enumerate(self.pick_units(n - 1), 1):
                    body += self.heading_item(str(i), u)
            else:
                for i in range(1, n):
                    text, dl, rec = self.task_sentence(self.topic_action())
                    body.append(f"{i}. {_cap(text)}")
                    self.plant(str(i), tuple(self.default_units), dl, rec)
            body.append(self.monitor_item(str(n)))
            if r.random() < 0.08 and any(p.deadline for p in self.planted):
                # a later sentence extends a deadline: the later date stands
                p = next(p for p in self.planted if p.deadline)
                newd = date.fromisoformat(p.deadline) + timedelta(days=r.randint(5, 30))
                body.append(f"Riêng nội dung tại mục {p.clause}, gia hạn đến ngày {newd.day:02d}/{newd.month:02d}/{newd.year}.")
                p.deadline = newd.isoformat()
        closing = r.choice(BOILER_CLOSING).format(sub=self.sub.split(",")[0], issuer_short=self.issuer_short,
                                                  topic_word=self.topic_word, monitor=self.uname(self.monitor, allow_short=False))
        body.append(closing)
        parts += body
        parts.append(self.footer())
        text = "\n\n".join(parts) + "\n"
        code = {"cv": "CV", "tb": "TB", "ct": "CT"}[self.kind]
        file = f"{self.index:05d}-{_slug(self.place)}-{self.issued.year}-{code}-{self.topic.key}.md"
        return Doc(file, text, self.number, self.issuer, self.issued_iso, self.signer, self.planted,
                   sorted(set(self.not_deadlines) - {p.deadline for p in self.planted if p.deadline}))

    def footer(self) -> str:
        r = self.r
        lvl = self.lvl
        if self.level == "province":
            to = ["Như trên", "Thường trực Tỉnh ủy (b/c)", "Thường trực HĐND tỉnh", "Chủ tịch, các PCT UBND tỉnh", "Sở Nội vụ"]
        elif self.level == "district":
            to = ["Như trên (T/hiện)", f"TT {_cap(lvl)} ủy, HĐND {lvl} (B/cáo)", f"Chủ tịch, các PCT UBND {lvl} (C/đạo)",
                  f"CVP HĐND & UBND {lvl}", "Chuyên viên NC"]
        else:
            to = ["TT Đảng ủy (b/c)", "Như kính gửi (t/h)", "TT HĐND xã"]
        to = to[:r.randint(2, len(to))] + [f"Lưu: VT{r.choice(('', ', NV', ', VP', ', NC(y)', ', TH'))}."]
        receivers = ("**Nơi nhận:**" if r.random() < 0.4 else "Nơi nhận:") + "\n\n" + "\n".join(
            f"- {x}{'' if x.endswith('.') else ';'}" for x in to)
        body_name = {"province": "ỦY BAN NHÂN DÂN", "district": "ỦY BAN NHÂN DÂN", "commune": "ỦY BAN NHÂN DÂN"}[self.level]
        title = r.choice((f"TM. {body_name}\nCHỦ TỊCH", f"TM. {body_name}\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH", "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH",
                          "CHỦ TỊCH"))
        self.signer = person(r)
        name = f"**{self.signer}**" if r.random() < 0.4 else self.signer
        return f"{receivers}\n\n**{title}**\n\n\n{name}"


def _rewrap(s: str, r: random.Random) -> list[str]:
    words, lines, cur = s.split(), [], []
    width = r.randint(5, 8)
    for w in words:
        cur.append(w)
        if len(cur) >= width:
            lines.append(" ".join(cur))
            cur = []
    if cur:
        lines.append(" ".join(cur))
    return lines


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:] if s else s


def _title_case_first(s: str) -> str:
    return _cap(s)


def make_document(seed: int, index: int) -> Doc:
    """Document number ``index`` of the corpus with ``seed`` (independent of the corpus size)."""
    return _Builder(seed, index).build()


def generate(out_dir: str | Path, n: int, seed: int = 1, *, manifest: bool = False, start: int = 0) -> list[Path]:
    """Write documents start..n-1 into out_dir (existing identical files are left alone)."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    mf = (out / "manifest.jsonl").open("a" if start else "w", encoding="utf-8") if manifest else None
    try:
        for i in range(start, n):
            doc = make_document(seed, i)
            p = out / doc.file
            data = doc.text.encode("utf-8")
            if not p.exists() or p.read_bytes() != data:
                p.write_bytes(data)
            paths.append(p)
            if mf:
                mf.write(json.dumps({
                    "file": doc.file, "number": doc.number, "issuer": doc.issuer, "issued_on": doc.issued_on,
                    "signer": doc.signer, "not_deadlines": doc.not_deadlines,
                    "tasks": [{"clause": t.clause, "units": t.units, "deadline": t.deadline, "recurrence": t.recurrence}
                              for t in doc.planted]}, ensure_ascii=False) + "\n")
    finally:
        if mf:
            mf.close()
    return paths


def check(n: int, seed: int) -> dict:
    """Extract K generated documents and compare with what was planted (a realism check)."""
    from knowledge.extract import extract
    from knowledge.units import UnitRegistry

    reg = UnitRegistry()
    planted_tasks = found_tasks = planted_dl = found_dl = false_dl = meta_ok = meta_all = 0
    for i in range(n):
        doc = make_document(seed, i)
        got = extract(doc.text, doc.file, reg)
        planted_tasks += len(doc.planted)
        found_tasks += len(got.tasks)
        want = {p.deadline for p in doc.planted if p.deadline}
        have = {t.deadline.isoformat() for t in got.tasks if t.deadline}
        planted_dl += len(want)
        found_dl += len(want & have)
        false_dl += len(have & set(doc.not_deadlines))
        for a, b in ((got.number, doc.number), (got.issuer, doc.issuer), (got.issued_on, doc.issued_on),
                     (got.signer, doc.signer)):
            meta_all += 1
            meta_ok += a == b
    return {"documents": n, "tasks_planted": planted_tasks, "tasks_extracted": found_tasks,
            "deadline_recall": round(found_dl / max(planted_dl, 1), 3),
            "false_deadlines (dates planted as not-deadlines)": false_dl,
            "metadata_match": round(meta_ok / max(meta_all, 1), 3)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out_dir", nargs="?")
    ap.add_argument("n", nargs="?", type=int, default=100)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--manifest", action="store_true", help="also write manifest.jsonl (planted facts)")
    ap.add_argument("--check", type=int, metavar="K", help="extract K documents and compare; writes nothing")
    args = ap.parse_args(argv)
    if args.check:
        print(json.dumps(check(args.check, args.seed), ensure_ascii=False, indent=2))
        return 0
    if not args.out_dir:
        ap.error("OUT_DIR is required")
    paths = generate(args.out_dir, args.n, args.seed, manifest=args.manifest)
    size = sum(p.stat().st_size for p in paths)
    print(f"{len(paths)} documents, {size / 1e6:.1f} MB in {args.out_dir}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
