"""Finding the units a sentence names: "Giao Phòng Nội vụ chủ trì, phối hợp với …".

A unit phrase starts with a unit or role word and runs until the first action verb
that is not part of a name (a verb right after a unit word, or capitalised, is a
name: "Tổ kiểm tra", "Văn phòng đăng ký đất đai", "Ban Chỉ đạo").
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from knowledge.text import PHRASE_CACHE, fold_keep_length, squash, trie_pattern
from knowledge.units import VILLAGE_KINDS, UnitRegistry, unit_key

UNIT_STARTS = tuple(sorted({
    "phong", "so", "ban", "trung tam", "van phong", "chi cuc", "chi nhanh", "cong an", "doi", "to", "ubnd", "hdnd",
    "uy ban nhan dan", "hoi dong nhan dan", "bo", "cuc", "vien", "kho bac", "bao hiem xa hoi", "ban chi huy",
    "doan", "hoi dong", "cong chuc", "can bo", "bo phan", "thanh tra", "toa an", "vien kiem sat", "chi doan",
    "dang uy", "huyen uy", "tinh uy", "thi uy", "co quan", "cac co quan", "cac don vi", "cac so", "cac phong",
    "cac ban", "cac xa", "cac huyen", "tat ca", "thu truong", "chu tich", "pho chu tich", "giam doc", "pho giam doc",
    "truong phong", "nguoi dung dau", "lanh dao", "chanh van phong", "truong ban", "pho truong ban", "cac dia phuong", "dia phuong",
    "uy ban mat tran", "uy ban", "mat tran", "ubmttq", "bo chi huy", "chqs", "bchqs", "hoi lien hiep", "hoi nong dan", "hoi cuu chien binh", "doan thanh nien",
    "cac to chuc", "cac hoi", "cac doan the", "thuong truc", "vp", "ca", "bql", "bchqs", "ban quan ly", "cac nganh",
    "cac truong", "truong", "benh vien", "cac co so", "ngan hang", "dien luc", "buu dien", "cac phuong",
    "chi huy truong", "chi huy pho", "nhan vien", "cac thon", "thon", "buon", "ap", "ban", "to dan pho", "khu pho", "truong thon", "truong buon", "hieu truong",
    "cong ty", "cac cong ty", "doanh nghiep", "cac doanh nghiep", "hop tac xa", "ca nhan", "cac ca nhan",
    "chu dau tu", "cac chu dau tu", "nha thau", "tram", "hat kiem lam", "ban chi dao", "dai", "chi hoi",
    "huyen doan", "thanh doan", "tinh doan", "thi doan", "hoi phu nu", "hoi chu thap do", "hoi nguoi cao tuoi",
    "hoi khuyen hoc", "lien doan lao dong", "bao va phat thanh",
    "viettel", "vnpt", "mobifone", "tap doan", "tong cong ty", "thanh vien", "cac thanh vien",
    "bi thu", "bi thu chi bo", "chi bo",
    "thue co so", "thue tinh", "thue thanh pho",   # the tax offices since 2025 ("Thuế cơ sở 7 tỉnh …")
}, key=len, reverse=True))
# Unit openings that are a whole name ("Hội Nông dân huyện, Huyện Đoàn"): a unit even with nothing after them
WHOLE_NAMES = frozenset({"huyen doan", "thanh doan", "tinh doan", "thi doan"})
# Unit words that need a name after them ("Tổ kiểm tra", "Văn phòng đăng ký đất đai"): the next word is
# part of the name even when it looks like a verb.
NEEDS_NAME = frozenset({
    "phong", "so", "ban", "trung tam", "van phong", "chi cuc", "chi nhanh", "to", "doi", "cuc", "vien", "hoi",
    "doan", "bo phan", "ban chi huy", "ban quan ly", "kho bac", "cong chuc", "can bo", "thanh tra", "co quan", "bo",
})
# Words a unit list may be split before (a new unit starts).
SPLIT_STARTS = tuple(s for s in UNIT_STARTS if s not in ("co quan", "to", "doi", "tat ca", "cac nganh", "truong", "ca", "vp",
                                                          "ca nhan", "cac ca nhan", "ap"))

VERBS = tuple(sorted({
    "thuc hien", "to chuc", "trien khai", "chu tri", "phoi hop", "tang cuong", "chi dao", "theo doi", "don doc",
    "kiem tra", "ra soat", "bao cao", "tham muu", "xay dung", "nang cao", "day manh", "day nhanh", "tiep tuc",
    "khan truong", "nghiem tuc", "chu dong", "huong dan", "tuyen truyen", "duy tri", "cap nhat", "niem yet",
    "ban hanh", "kien toan", "chiu trach nhiem", "bo tri", "quan ly", "giai quyet", "khac phuc", "tap trung",
    "can cu", "truc tiep", "co trach nhiem", "dinh ky", "thuong xuyen", "kip thoi", "de xuat", "tong hop",
    "cung cap", "phan cong", "lap", "gui", "co ke hoach", "co giai phap", "quan tam", "ket thuc", "soan thao",
    "hoan thanh", "dam bao", "bao dam", "phan dau", "xu ly", "tiep nhan", "cu", "thong bao", "phe duyet",
    "tham dinh", "giam sat", "danh gia", "kiem diem", "rut kinh nghiem", "sua doi", "bo sung", "cai thien",
    "nghien cuu", "uu tien", "van dong", "phat dong", "chuan bi", "tong ket", "so ket", "chi tra", "nop", "trinh",
    "sap xep", "mua sam", "dau tu", "nang cap", "ung dung", "so hoa", "ap dung", "khai thac", "dieu chinh",
    "ho tro", "thuc thi", "chap hanh", "nam bat", "phong chong", "xac minh", "tiep", "rasoat", "khan cap",
    "tich cuc", "lam tot", "phoi, hop", "chiu", "thong ke", "de cao", "quyet liet", "tiep thu",
    "lien he", "tra loi", "cong khai", "chan chinh", "dang tai", "dang tin", "xem xet", "tiep tuc thuc hien",
    "co van ban", "co y kien", "tao dieu kien", "vao cuoc", "nhanh chong", "khong de", "khong", "tuyet doi",
    "phai", "duoc giao", "nghiem tuc thuc hien", "tam dung", "thanh lap",
    "yeu cau", "de nghi", "giao", "trong thoi han", "trong vong", "truoc ngay", "cham nhat", "sau khi", "ngay sau khi",
    "la co quan", "la don vi", "la dau moi", "la thuong truc", "thuong truc", "co nhiem vu", "co trach nhiem",
    "chiu trach nhiem", "kiem soat", "dua tin", "tuan tra", "ngan chan", "huy dong", "quan triet", "tuan thu",
    "tham gia", "hoan thien", "cung co", "san sang", "ung pho", "so tan", "thu gom", "thu hoi", "kiem ke",
    "phat hien", "xu phat", "giai ngan", "van hanh", "bao ve", "binh xet", "dieu chuyen", "phan bo",
    "thanh toan", "quyet toan", "tham tra", "khao sat", "tham hoi", "tang qua", "xac dinh", "tap huan", "bieu duong", "phan luong", "lap dat", "kich hoat", "cai dat", "ra quan", "kiem dem",
    "keu goi", "chang chong", "di doi", "thu nhan", "can doi", "don dep", "giup truong ban",
    "giup ubnd", "giup uy ban", "giup chu tich", "giup ban chi dao", "giu gin", "giu vung", "don tiep", "phuc vu",
    "tang thoi luong", "tang tan suat", "se",
}, key=len, reverse=True))
# "giao" that is no verb: "Ban An toàn giao thông huyện", "giao lưu", "giao ban", "giáo dục" (folded alike)
_GIAO_NOUN = re.compile(r"giao (?:thong|luu|ban|duc|dich|thuong|nhan|tiep)\b")
# longest word first, factored by common prefixes (text.trie_pattern): these run at every word of a phrase
VERB_RE = re.compile(r"(?:" + trie_pattern(VERBS) + r")(?![\w])")
# "các bệnh viện", "các trạm": "các" before any unit opening opens a group of such units
_START_RE = re.compile(r"(?:cac )?(?:" + trie_pattern(UNIT_STARTS) + r")(?![\w])")
_SPLIT_RE = re.compile(r"(?:cac )?(?:" + trie_pattern(SPLIT_STARTS) + r")(?![\w])")
_PLACE_NAME_LIST = re.compile(r"^(?P<head>.*?\bcác\s+(?P<level>xã|phường|thị trấn|huyện|thị xã|thành phố|quận|thôn|bản|buôn|ấp|"
                              r"tổ dân phố|khu phố))\s*:\s*(?P<names>.+)$", re.I)
_NAME = r"[A-ZĐÀ-Ỹ][\wÀ-ỹ]*(?:\s+[A-ZĐÀ-Ỹ0-9][\wÀ-ỹ]*)*"
# "UBND các huyện Sìn Hồ, Phong Thổ, Than Uyên": named places without a colon
_PLACE_NAMES_BARE = re.compile(r"^(?P<head>.*?\bcác\s+(?P<level>xã|phường|thị trấn|huyện|thị xã|thành phố|quận))\s+"
                               rf"(?P<names>{_NAME}(?:\s*(?:,|và)\s*{_NAME})+)\s*$")
# "UBND xã Nghi Long, Nghi Xá, Nghi Thuận": one level word, several names
_PLACE_NAMES_SINGULAR = re.compile(r"^(?P<head>.*?\b(?P<level>xã|phường|thị trấn|huyện|thị xã))\s+"
                                   rf"(?P<names>{_NAME}(?:\s*(?:,|và)\s*{_NAME})+)\s*$")
# "UBND các xã ven sông Lam Hạ, gồm: xã Phú Thịnh, …, và thị trấn Phú Lạc": the group named by its members
_PLACE_LIST_GOM = re.compile(r"^(?P<head>.*?\bcác\s+(?P<level>xã|phường|thị trấn|huyện|thị xã|thành phố|quận|thôn|bản|buôn|ấp))"
                             r"[^:()]{0,60}?,?\s*\(?(?:bao\s+)?gồm\s*:?\s*(?P<names>[^()]+?)\)?\s*:?\s*$", re.I)
_OWN_LEVEL = re.compile(r"^(?P<level>xã|phường|thị trấn|thị xã|huyện|thành phố|quận|thôn|bản|buôn|ấp)\s+(?=[A-ZĐÀ-Ỹ0-9])")
# a name in a list that is itself a unit ("… An Điền và UBND xã Phú An"), spelled as written ("Phong Thổ" is a place)
_UNIT_WORD_EXACT = re.compile(r"^(?:UBND|HĐND|Ủy ban|Uỷ ban|Phòng|Sở|Ban|Trung tâm|Văn phòng|Công an|Chi cục|Chi nhánh|Đội|"
                              r"Tổ|Bộ|Cục|Thôn|Buôn|Ấp|Bản|Khu phố|Tổ dân phố|Trường|Bệnh viện|Trạm|Hạt|Công ty|"
                              r"Hợp tác xã|Doanh nghiệp)\b")
INTRO_VERBS = re.compile(r"^(?:giao(?:\s+cho)?|đề nghị|yêu cầu|ủy quyền|uỷ quyền|riêng(?:\s+đối với)?|đối với)\s+", re.I)
# Words that start like a unit but are verbs or phrases: "Tổ chức", "Đối với", "Ban hành", "Bố trí".
_NOT_UNIT = re.compile(r"(?:to chuc|doi voi|doi moi|(?:cac |nhung )?truong hop|ban giao|doi ngu|so huu|phong tranh|ap dung|ap luc|thon tin|ban hanh|bo tri|bo sung|phong chong|phong ngua|so hoa|so ket|"
                       r"cac noi dung|cac nhiem vu|cac giai phap|tat ca cac (?:noi dung|nhiem vu)|don vi nao|co quan nao)(?![\w])")


_HEAD = 40   # longer than any unit opening or non-unit phrase (tests/test_units.py checks)


@dataclass(frozen=True)
class UnitPhrase:
    units: tuple[str, ...]
    end: int        # offset in the text where the action begins
    written: str    # the phrase as written
    ended_by: str = "verb"   # verb, colon, punct, end: what closed the phrase


def starts_with_unit(text: str) -> bool:
    # the longest unit opening or non-unit phrase, and the character after it, fit in 40 characters
    head = text.lstrip()[:_HEAD]
    return _starts_with_unit(head) or head[:1] in "ĐđÔôBb" and bool(_person(text.lstrip()))


# "đồng chí Lê Văn Hòa - Phó Chủ tịch UBND thị xã", "Bà Nguyễn Thị Thu Hà - Phó Chủ tịch UBND xã": a member
# of the leadership named in person (Ông/Bà only with the office they hold after a dash)
_PERSON_NAME = r"(?P<name>[A-ZĐÀ-Ỹ][a-zà-ỹđ]+(?:\s+[A-ZĐÀ-Ỹ][a-zà-ỹđ]+){1,4})"
_PERSON = re.compile(rf"^(?:[Đđ]ồng chí|[Đđ]/[Cc])\s+{_PERSON_NAME}(?:\s*[-–,]\s*|\s+(?=[a-zà-ỹđ]))"
                     rf"|^(?:Ông|Bà|ông|bà)\s+{_PERSON_NAME.replace('<name>', '<name2>')}\s*[-–]\s*"
                     r"(?=(?:Phó\s+)?(?:Chủ tịch|Bí thư|Trưởng|Giám đốc|Chánh|Ủy viên|Uỷ viên|Chỉ huy|Công chức|Cán bộ))")


def _person(text: str) -> UnitPhrase | None:
    """The phrase naming a person and the office they hold ('… - Phó Chủ tịch UBND thị xã'), as one unit
    'Name - office', the action starting after it."""
    m = _PERSON.match(text)
    if not m:
        return None
    name, rest = m.group("name") or m.group("name2"), text[m.end():]
    if rest[:1].islower():   # "đồng chí Lê Văn Hòa trực tiếp chỉ đạo …": no office written
        return UnitPhrase((name,), m.end(), text[:m.end()].strip(), "verb")
    standing = _STANDING.match(rest)   # "Phó Chủ tịch Thường trực UBND huyện": "thường trực" is no verb here
    skipped = standing.end() - standing.end(1) - 1 if standing else 0
    if standing:
        rest = f"{standing.group(1)} {rest[standing.end():]}"
    # "… - Phó Chủ tịch UBND huyện: chỉ đạo …" (the office closed by a colon) or "… UBND huyện chỉ đạo …"
    office = unit_phrase(rest) if _starts_with_unit(rest[:_HEAD]) else None
    if office is None or len(office.units) != 1:
        return None
    held = office.units[0]
    if standing and held.startswith(standing.group(1)):
        held = standing.group(0).rstrip() + held[len(standing.group(1)):]
    end = m.end() + office.end + skipped
    return UnitPhrase((f"{name} - {held}",), end, text[:end].rstrip(" :,;-–"), office.ended_by)


_STANDING = re.compile(r"^(Phó (?:Chủ tịch|Trưởng ban|Giám đốc|Trưởng phòng))\s+[Tt]hường trực\s+")


@lru_cache(maxsize=PHRASE_CACHE)   # the same openings ("Phòng Nội vụ …", "UBND các xã …") come back again and again
def _starts_with_unit(head: str) -> bool:
    if head[:3] in ("Số ", "Sổ ", "số ", "sổ "):
        return False   # a number, a register: folded, either reads as "Sở"
    f = fold_keep_length(head)
    return bool(_START_RE.match(f)) and not _NOT_UNIT.match(f) or _is_newspaper(head)


def _is_newspaper(text: str) -> bool:
    """'Báo Hòa Nguyên', 'Báo Lam Giang': a newspaper (a capitalised name after "Báo"; "Báo cáo" is a verb)."""
    return text.startswith("Báo ") and text[4:5].isupper()


def unit_phrase(text: str, *, allow_colon: bool = True, max_words: int = 45,
                folded: str | None = None) -> UnitPhrase | None:
    """The unit phrase at the start of ``text`` and where the action begins, or None. ``folded``:
    fold_keep_length(text) when the caller has it (a slice of a longer text's, see text.folded_part)."""
    lead = len(text) - len(text.lstrip())
    if text[lead:lead + 1] in "ĐđÔôBb" and (person := _person(text[lead:])):
        return UnitPhrase(person.units, lead + person.end, person.written, person.ended_by)
    f = folded if folded is not None else fold_keep_length(text)
    if (not _START_RE.match(f, lead) or _NOT_UNIT.match(f, lead)) and not _is_newspaper(text[lead:lead + 6]):
        return None
    end = _phrase_end(text, f, lead, allow_colon, max_words)
    if end is None:
        return None
    phrase = text[lead:end].strip().rstrip(":").strip()
    if _WHICH.search(phrase):
        return None
    ended_by = "end" if end >= len(text) else {":": "colon", ".": "punct", ";": "punct", "(": "punct"}.get(text[end], "verb")
    action_start = end
    while action_start < len(text) and text[action_start] in " :,;-–":
        action_start += 1
    units = split_units(phrase)
    if not units:
        return None
    return UnitPhrase(tuple(units), action_start, phrase, ended_by)


_WHICH = re.compile(r"(?i)n(?<![\wÀ-ỹ]n)ào(?![\wÀ-ỹ])")   # "đơn vị nào": a question, not a unit (see _COORD_RE)


def _phrase_end(text: str, f: str, pos: int, allow_colon: bool, max_words: int) -> int | None:
    words = 0
    i = pos
    exempt_until = -1
    n = len(text)
    prev_capital = False
    heads: tuple[str, ...] = ()   # capitalised first words of names ("Trung tâm Quan trắc"): lowercase again, a verb
    while i < n:
        ch = text[i]
        if ch == " ":   # the common case first (none of the tests below is about a space)
            i += 1
            continue
        if ch == ":" and allow_colon:
            # "UBND các xã: Hợp Thành, …: action" keeps the list; otherwise the colon ends the phrase
            head = text[pos:i]
            if _PLACE_NAME_LIST.match(head + ":x") and i + 1 < n and _names_follow(text, i + 1):
                nxt = text.find(":", i + 1)
                if nxt != -1 and nxt - i < 300:
                    return nxt
                return _list_end(text, i + 1)
            if i + 1 < n and starts_with_unit(text[i + 1:]) and _is_list_of_units(text, i + 1):
                i += 1       # "Trưởng các thôn, buôn: Buôn Ea Ning, Buôn Ea Tlả, Thôn 4 phân công …"
                continue
            return i
        if ch == "(" and words:
            close = text.find(")", i)
            after = text[close + 1:close + 40].lstrip() if close != -1 else ""
            if close != -1 and close - i < 120 and (not after or after[:1].islower() or after[:1] in ",:;"):
                i = close + 1      # "Thôn 4 (vùng có dịch …) phân công": the remark belongs to the name
                continue
        if ch in ".;(" and not (ch == ";" and starts_with_unit(text[i + 1:])):
            if ch == "." and i + 1 < n and not text[i + 1].isspace():
                i += 1
                continue
            return i if words else None
        if ch.isspace() or ch in ",;":
            i += 1
            continue
        # at a word start
        capital = text[i].isupper()
        if words and prev_capital and not capital and _after_place_name(text, i):
            return i   # "phối hợp với UBND huyện Kênh Ngang phương án …": a named place ends the name
        if capital and words and _LEVEL_BEFORE.search(text, max(0, i - 12), i) and _opens_sentence_verb(text, f, i):
            return i   # "… xã hội huyện / Đẩy mạnh cuộc vận động": a heading run into its first sentence
        if i > exempt_until:
            m_unit = _START_RE.match(f, i)
            if m_unit and m_unit.group(0) == "so" and f.endswith("co ", 0, i):
                m_unit = None   # "trung học cơ sở báo cáo …": "cơ sở", not a "Sở"
            m_verb0 = None if capital or _GIAO_NOUN.match(f, i) else VERB_RE.match(f, i)   # a capitalised word is never read as a verb
            if m_unit and (_NOT_UNIT.match(f, i) or (m_verb0 and m_verb0.end() > m_unit.end())):
                m_unit = None
            if m_unit and text[i:m_unit.end()] == "bản" and not _named_after(text, m_unit.end()):
                pass   # "các thôn, bản tổ chức …": the villages ("bản" with no name after), not a board ("Ban …")
            elif m_unit and m_unit.group(0) in NEEDS_NAME:
                exempt_until = m_unit.end() + _next_word_len(f, m_unit.end())
                nxt = _TWO_WORDS.match(text, m_unit.end())
                if nxt and nxt.group(1)[:1].isupper():
                    head = " ".join(fold_keep_length(x) for x in nxt.groups() if x)
                    if head not in heads:
                        heads += (head,)
            elif m_unit and m_unit.end() - i > len(m_unit.group(0).split(" ", 1)[0]):
                exempt_until = m_unit.end() - 1   # "Huyện Đoàn": the words of a unit opening are not read again
            elif heads and not capital and words > 2 and f.startswith(heads, i) and _whole_head(f, i, heads):
                return i
            elif m_verb0 and words and not f.startswith("duoc ", max(0, i - 5)):   # "đơn vị được kiểm tra": passive
                if _after_comma(text, i):
                    if not _is_name_word_after_comma(f, i):
                        return i
                elif not _AFTER_NOUN.search(f[max(0, i - 30):i]) and not (
                        m_verb0.group(0) == "trinh" and _NOUN_TRINH.search(f, max(0, i - 8), i)):
                    return i
        j = _WORD.match(text, i).end()
        prev_capital = capital
        words += 1
        if words > max_words:
            return None
        i = j
    return n if words else None


_WORD = re.compile(r"[^\s,;:.(]*")
# "công trình", "quy trình", "chương trình" …: "trình" (submit) as the second half of a noun
_NOUN_TRINH = re.compile(r"(?<![a-z])(?:cong|quy|qua|chuong|lo|tien|giao) $")
# a place level (or a newspaper) and its capitalised name just before a word ("UBND huyện Kênh Ngang |phương án")
_PLACE_NAMED = re.compile(r"(?<![\wÀ-ỹ])(?:huyện|xã|tỉnh|phường|thị trấn|thị xã|thành phố|quận|Báo)\s+"
                          r"(?:[A-ZĐÀ-Ỹ][\wÀ-ỹ]*\s+)+$")
# lower-case words that go on with a named place ("huyện X và các xã", "xã X thuộc huyện Y", "tỉnh", "cũ"),
# as written: folded, "phường" (ward) would be "phương án" (plan) too
_AFTER_PLACE_GOES_ON = frozenset({"và", "cùng", "các", "thuộc", "tỉnh", "huyện", "xã", "thị", "thành", "phường",
                                  "quận", "cũ", "mới"})


_LEVEL_BEFORE = re.compile(r"(?<![\wÀ-ỹ])(?:huyện|xã|tỉnh|phường|thị trấn|thị xã|thành phố|quận)\s+$")


def _opens_sentence_verb(text: str, f: str, i: int) -> bool:
    """A verb of two words or more whose first only is capitalised ("Đẩy mạnh", "Tổ chức"): a place's
    name capitalises every word ("Thống Nhất")."""
    m = VERB_RE.match(f, i)
    if m is None or " " not in m.group(0):
        return False
    second = text[i + m.group(0).index(" ") + 1:i + m.group(0).index(" ") + 2]
    return second.islower()


def _after_place_name(text: str, i: int) -> bool:
    """Whether the lower-case word at ``i`` follows a named place ("… huyện Kênh Ngang phương án"):
    the unit's name ends there, unless the word goes on with it ("và", "thuộc", "tỉnh" …)."""
    word = _WORD.match(text, i).group(0)
    return word not in _AFTER_PLACE_GOES_ON and _PLACE_NAMED.search(text, max(0, i - 60), i) is not None
_AFTER_NOUN = re.compile(r"(?:du an|quy|chuong trinh|de an)(?:\s+dau tu)?\s*$|\b(?:cac|nhung)\s*$")


def _after_comma(text: str, i: int) -> bool:
    """Whether the last character before ``i`` that is not white space is a comma."""
    k = i - 1
    while k >= 0 and text[k].isspace():
        k -= 1
    return k >= 0 and text[k] == ","


def _is_name_word_after_comma(f: str, i: int) -> bool:
    """'Tổ kiểm tra, giám sát của huyện': a verb after a comma inside a name is followed by more name."""
    return bool(re.match(r"(?:giam sat|kiem tra|thanh tra|xu ly)\s+(?:cua|huyen|tinh|xa)\b", f[i:i + 40]))


def _whole_head(f: str, i: int, heads: tuple[str, ...]) -> bool:
    """Whether one of the heads stands at ``i`` as whole words ("thông tin" is not the start of "thông tỉnh")."""
    for h in heads:
        end = i + len(h)
        if f.startswith(h, i) and (end >= len(f) or not f[end].isalnum()):
            return True
    return False


def _named_after(text: str, pos: int) -> bool:
    """Whether the next word after ``pos`` is capitalised (a name: "bản Pục", "Ban Quản lý")."""
    m = _TWO_WORDS.match(text, pos)
    return bool(m) and m.group(1)[:1].isupper()


def _next_word_len(f: str, pos: int) -> int:
    m = _NEXT_WORD.match(f, pos)
    return m.end() - pos if m else 0


_NEXT_WORD = re.compile(r"\s*\S+")
_TWO_WORDS = re.compile(r"\s*(\S+)(?:\s+(\S+))?")


def _names_follow(text: str, pos: int) -> bool:
    m = re.match(r"\s*([A-ZĐÀ-Ỹ][\wÀ-ỹ]*)", text[pos:])
    return bool(m)


def _list_end(text: str, pos: int) -> int:
    """Where a list of names after a colon ends: at a full stop, or at the first lowercase word that is
    not 'và' joining one more name or unit ("… An Điền và UBND xã Phú An chỉ đạo …")."""
    for m in re.finditer(r"[.;]|\S+", text[pos:]):
        word = m.group(0)
        if word in (".", ";"):
            return pos + m.start()
        if word[:1].islower() and not word[:1].isdigit():
            rest = text[pos + m.end():].lstrip()
            if word == "và" and starts_with_unit(rest):
                sub = unit_phrase(rest, allow_colon=False)
                if sub:
                    end = pos + m.end() + (len(text[pos + m.end():]) - len(rest)) + len(sub.written)
                    return end
            if word == "và" and rest[:1].isupper():
                continue
            return pos + m.start() - 1 if m.start() else pos
    return len(text)


def _is_list_of_units(text: str, pos: int) -> bool:
    """After a colon: 'Buôn Ea Ning, Buôn Ea Tlả, Thôn 4 …' (two or more units), not an action."""
    head = text[pos:pos + 200]
    parts = re.split(r",|;|\svà\s", head)
    return len(parts) > 1 and sum(1 for p in parts[:3] if starts_with_unit(p)) >= 2


def split_units(phrase: str) -> list[str]:
    """'Thủ trưởng các cơ quan …; Chủ tịch UBND các huyện, thị xã' -> one name per unit."""
    return list(_split_units(phrase))


@lru_cache(maxsize=PHRASE_CACHE)   # a pure function of the phrase; unit phrases repeat across a corpus
def _split_units(phrase: str) -> tuple[str, ...]:
    phrase = squash(INTRO_VERBS.sub("", phrase.strip()))
    m = _PLACE_LIST_GOM.match(phrase) if "gồm" in phrase else None
    named = _named_places(m) if m else ()
    if len(named) >= 2:
        return named
    m = _PLACE_NAME_LIST.match(phrase) or _PLACE_NAMES_BARE.match(phrase) or _PLACE_NAMES_SINGULAR.match(phrase)
    if m and _names_follow(m.group("names"), 0):
        return _named_places(m)
    if ":" in phrase:
        head, _, tail = phrase.partition(":")
        if starts_with_unit(tail):
            return _split_units(tail)
        phrase = head
    if "(" in phrase:   # remarks in brackets are not names, nor are their commas separators
        phrase = _REMARK.sub("", phrase)   # "Các sở, ban, ngành tỉnh (Giám đốc các sở, Thủ trưởng các ban, ngành)"
    levels = re.match(r"(?i)^(.*?)\bcấp\s+(huyện|tỉnh|xã|thị xã)\s*(?:,|và)\s*cấp\s+(huyện|tỉnh|xã|thị xã)\s*$", phrase)
    if levels:  # "UBND cấp huyện, cấp xã" -> two units
        head = levels.group(1).strip()
        return f"{head} cấp {levels.group(2)}", f"{head} cấp {levels.group(3)}"
    parts: list[str] = []
    for chunk in re.split(r";", phrase):
        parts.extend(_split_chunk(chunk))
    parts = [_REMARK.sub("", p) for p in parts]      # remarks in brackets are not names
    return tuple(p for p in (squash(x).strip(" ,;.-–") for x in parts) if p and len(p) > 2)


_REMARK = re.compile(r"\s*\([^)]*\)")


def _named_places(m: re.Match[str]) -> tuple[str, ...]:
    """One unit per place a list names ("UBND các xã: Hợp Thành, Kháng Nhật" -> "UBND xã Hợp Thành", …); a
    name with its own level keeps it ("…, gồm: xã Phú Thịnh và thị trấn Phú Lạc"), a unit stays as written."""
    head = re.sub(r"\b(?:các\s+)?" + m.group("level") + r"\s*$", "", m.group("head"), flags=re.I).strip()
    head = re.sub(r"(?i)^(?:thủ trưởng|chủ tịch)\s+", "", head).strip()
    level = m.group("level").lower()
    out = []
    for n in re.split(r",|;|\bvà\b", m.group("names")):
        n = re.sub(r"\s*\([^)]*\)", "", squash(n).strip(" .;:")).strip()
        own = _OWN_LEVEL.match(n)
        if own:
            out.append(f"{head} {own.group('level')} {n[own.end():]}".strip())
        elif n[:1].isupper():
            out.append(n if _UNIT_WORD_EXACT.match(n) else f"{head} {level} {n}".strip())
    return tuple(out)


def _split_chunk(chunk: str) -> list[str]:
    f = fold_keep_length(chunk)
    cuts = [0]
    for m in re.finditer(r"(?:,|\s+va)\s+", f):
        nxt = m.end()
        start_word = _SPLIT_RE.match(f, nxt)
        bare = (start_word and start_word.group(0) not in WHOLE_NAMES
                and re.match(r"\s*(?:,|$)", f[start_word.end():]))   # "sở, ban, ngành": a kind, not a unit
        if start_word and f.startswith(("cong chuc", "vien chuc"), nxt) and re.search(r"(?:can bo|cong chuc)\s*$", f[:m.start()]):
            bare = True   # "cán bộ, công chức, viên chức" is one group
        if f.startswith("cac co quan, don vi", nxt) or not start_word and (
                chunk.startswith("Báo ", nxt) and chunk[nxt + 4:nxt + 5].isupper()
                or f.startswith("truong ", nxt) and _VILLAGE_HEAD.match(f, nxt + 7)):
            # "Đài Phát thanh và Truyền hình tỉnh, Báo Quảng Hải": a newspaper is a unit; so is "…, Trưởng
            # các Tổ dân phố" (a village's head: "trưởng" alone may be a school, "trường"), and "… và các cơ
            # quan, đơn vị có liên quan" a group of its own
            cuts.append(nxt)
            continue
        if start_word and not bare and not f[:m.start()].rstrip().endswith(("hdnd", "hoi dong nhan dan")):
            # "cơ quan" starts a unit only when a proper name follows ("cơ quan Trung ương")
            cuts.append(nxt)
    pieces = []
    for a, b in zip(cuts, cuts[1:] + [len(chunk)]):
        piece = chunk[a:b]
        piece = re.sub(r"(?:,|\s+và)\s*$", "", piece.strip())
        pieces.append(piece)
    return pieces


# a village after "trưởng" in a list ("…, Trưởng các Tổ dân phố"); "bản" too, which folds like "ban" (a board's head
# is a unit as well, so cutting there is right either way)
_VILLAGE_HEAD = re.compile(rf"(?:cac )?(?:{'|'.join((*VILLAGE_KINDS, 'ban'))})\b")


GENERIC_GROUPS = {"cac co quan don vi", "cac co quan", "cac don vi", "co quan don vi", "cac co quan don vi dia phuong",
                  "cac co quan don vi lien quan", "cac don vi dia phuong", "cac co quan dia phuong", "co quan don vi dia phuong"}


def is_generic(name: str) -> bool:
    return unit_key(name) in GENERIC_GROUPS


def canonical_units(names: list[str] | tuple[str, ...], registry: UnitRegistry, issuer: str | None) -> tuple[str, ...]:
    out: list[str] = []
    for n in names:
        name = registry.canonical(n).name
        name = qualify(name, issuer)
        if name and name not in out:
            out.append(name)
    return tuple(out)


@lru_cache(maxsize=PHRASE_CACHE)
def qualify(name: str, issuer: str | None) -> str:
    """A bare 'UBND' or 'UBND xã' in a directive of UBND xã Cẩm Long is UBND xã Cẩm Long."""
    parts = _issuer_parts(issuer) if issuer else None
    if parts is None:
        return name
    bare, before_ubnd, level, place = parts
    if bare.fullmatch(name):
        return issuer
    mm = before_ubnd.match(name)
    if mm:
        return f"{mm.group(1)} UBND {level} {place}"
    return name


_ISSUER = re.compile(r"^(UBND|HĐND)\s+(tỉnh|thành phố|huyện|thị xã|quận|xã|phường|thị trấn)\s+(.+)$")


@lru_cache(maxsize=256)   # one issuer per document: its patterns are made once, not per unit name
def _issuer_parts(issuer: str) -> tuple[re.Pattern[str], re.Pattern[str], str, str] | None:
    m = _ISSUER.match(issuer)
    if not m:
        return None
    body, level, place = m.groups()
    return (re.compile(rf"(?:{body})(?:\s+{level})?"), re.compile(rf"^(.*\S)\s+UBND(?:\s+{level})?$"), level, place)
