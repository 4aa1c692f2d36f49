"""The unit registry: canonical names, aliases and abbreviations, scoped by place.

Every mention of a unit ("Thủ trưởng Phòng TN&MT", "Văn phòng HĐND-UBND huyện") goes
through ``unit_key`` so that spelling, abbreviation and diacritics do not matter.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from knowledge.text import KEY_CACHE, PHRASE_CACHE, fold, squash, trie_pattern

# Leading roles that stand for the unit they head.
ROLE_PREFIXES = (
    "thu truong", "chu tich", "pho chu tich", "giam doc", "pho giam doc", "truong phong", "pho truong phong",
    "nguoi dung dau", "lanh dao", "chanh van phong", "truong ban", "chanh an", "vien truong", "cuc truong",
    "chi cuc truong", "chi huy truong", "chi huy pho", "hieu truong", "truong", "bi thu", "pho chanh", "chanh",
)
# Long forms spelled short everywhere (folded).
LONG_FORMS = (
    ("uy ban nhan dan", "ubnd"), ("hoi dong nhan dan", "hdnd"), ("mat tran to quoc viet nam", "mttq"),
    ("mat tran to quoc", "mttq"), ("ubmttq", "uy ban mttq"), ("mttq viet nam", "mttq"),
    ("cong nghe thong tin", "cntt"), ("thu tuc hanh chinh", "tthc"),
    ("bo chi huy quan su", "bchqs"), ("ban chi huy quan su", "bchqs"), ("chqs", "bchqs"),
    ("hoi lien hiep phu nu", "hoi phu nu"),   # "Hội Phụ nữ xã" is how everyone says it
)
# Short prefixes spelled long (folded, at the start of a unit name).
SHORT_PREFIXES = (
    ("vp ", "van phong "), ("tt ", "trung tam "), ("ca ", "cong an "),
    ("bql ", "ban quan ly "), ("cn ", "chi nhanh "), ("cdt ", "chu dau tu "),
)
# Kinds of unit: the words a name starts with (longest first).
UNIT_TYPES = tuple(sorted((
    "phong", "so", "ban", "trung tam", "van phong", "chi cuc", "chi nhanh", "cong an", "doi", "to", "hoi",
    "ubnd", "hdnd", "bo", "cuc", "vien", "bchqs", "uy ban mttq", "kho bac", "bao hiem xa hoi", "ban chi huy quan su", "ban quan ly",
    "doan", "hoi dong", "cong chuc", "can bo", "bo phan", "ban bien tap", "uy ban", "thanh tra", "toa an",
    "vien kiem sat", "chi doan", "dang uy", "huyen uy", "tinh uy", "thi uy", "co quan", "don vi", "chinh phu",
    "thu tuong", "ban dan van", "ubnd mttq", "truong", "benh vien", "trung tam y te", "dai", "tram",
), key=len, reverse=True))
GLOBAL_PREFIXES = ("bo ", "chinh phu", "thu tuong", "van phong chinh phu", "quoc hoi")
PLACE_WORDS = ("tinh", "huyen", "xa", "thi xa", "thi tran", "phuong", "thanh pho", "quan")
_TRAILING_PLACE_WORD = re.compile(r"\s+(?:" + "|".join(PLACE_WORDS) + r")$")


def without_place_word(key: str) -> str:
    """'phong noi vu huyen' -> 'phong noi vu': a unit key without the level word it ends with."""
    return _TRAILING_PLACE_WORD.sub("", key)


_SEPARATORS = re.compile(r"\s*(?:&|\+|-|–|—|/|,|;|\bva\b)\s*")


# the longest unit type a key starts with, as a word (followed by a space, or the whole key)
_TYPE_THEN_SPACE = re.compile("(?:" + trie_pattern(UNIT_TYPES) + ")(?= )")
_TYPE_THEN_SPACE_OR_END = re.compile("(?:" + trie_pattern(UNIT_TYPES) + r")(?= |\Z)")
_UNIT_TYPE_SET = frozenset(UNIT_TYPES)
_LONG_FORMS_RE = [(re.compile(rf"\b{long}\b"), short) for long, short in LONG_FORMS]
_ROLE_RE = [(role, re.compile(re.escape(role) + r"[ ,]")) for role in ROLE_PREFIXES]


@lru_cache(maxsize=KEY_CACHE)
def unit_key(text: str) -> str:
    """The comparison key of a unit name: folded, long forms short, roles and separators gone."""
    s = fold(text)
    s = re.sub(r"[()\"'“”.:]", " ", s)
    s = squash(s)
    for rx, short in _LONG_FORMS_RE:
        s = rx.sub(short, s)
    s = squash(re.sub(r"\bhdnd\s*(?:&|-|–|va)\s*ubnd\b", "hdnd ubnd", s))
    changed = True
    while changed:
        changed = False
        for role in ROLE_PREFIXES:
            if s.startswith(role + " ") and len(s) > len(role) + 3:
                rest = s[len(role) + 1:]
                if role == "truong" and (_VILLAGES.match(rest) or rest.startswith(("tdp ", "cac tdp "))):
                    break   # "Trưởng thôn": a village acts through its head (not "thôn" of "nhà văn hóa thôn")
                rest = re.sub(r"^(?:,\s*)?(?:cac\s+)?(?:pho chu tich\s+)?", "", rest) if role == "chu tich" else rest
                s, changed = rest, True
                break
    for short, long in SHORT_PREFIXES:
        if s.startswith(short):
            s = long + s[len(short):]
    s = _SEPARATORS.sub(" ", s)
    return squash(s)


# a Vietnamese syllable, folded: onset, vowels, final ("nghiep", "truong"); "qlda", "ubnd", "tnmt" are not
SYLLABLE = re.compile(r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?[aeiouy]{1,3}(?:ch|ng|nh|[cmnpt])?")
_LEVELS = frozenset(("tinh", "huyen", "xa", "phuong", "quan"))
_TWO_WORD_LEVELS = frozenset(("thi xa", "thi tran", "thanh pho"))
# a group "các huyện, thị xã, thành phố" is "cấp huyện": the level its places are of
_LEVEL_OF_GROUP = (("tinh", {"tinh"}), ("huyen", {"huyen", "quan", "thi xa"}), ("xa", {"xa", "phuong", "thi tran"}))


def _without_trailing_levels(words: list[str]) -> list[str]:
    """['noi', 'vu', 'huyen'] -> ['noi', 'vu']: the level words a name ends with, not those inside it
    ("quản lý" folds to the level word "quan", "xã hội" to "xa")."""
    return _split_levels(words)[0]


def _split_levels(words: list[str]) -> tuple[list[str], list[str]]:
    """(the name, the level words it ends with), 'các' before them going with them:
    ['phong', 'ldtbxh', 'cac', 'huyen', 'thi', 'xa'] -> (['phong', 'ldtbxh'], ['huyen', 'thi xa'])."""
    levels: list[str] = []
    while words:
        if len(words) > 1 and f"{words[-2]} {words[-1]}" in _TWO_WORD_LEVELS:
            levels.insert(0, f"{words[-2]} {words[-1]}")
            words = words[:-2]
        elif words[-1] in _LEVELS:
            levels.insert(0, words[-1])
            words = words[:-1]
        else:
            break
    if levels and words and words[-1] == "cac":
        words = words[:-1]
    return words, levels


def _initials(words: list[str]) -> str:
    # a word that is already initials ("Phòng Nông nghiệp và PTNT": "ptnt"; "Ban QLDA") is kept whole
    return "".join(w[0] if SYLLABLE.fullmatch(w) else w for w in words)


@lru_cache(maxsize=KEY_CACHE)
def acronym_key(key: str) -> str | None:
    """'phong tai nguyen moi truong' -> 'phong tnmt'; None when there is nothing to shorten."""
    m = _TYPE_THEN_SPACE_OR_END.match(key)
    if m is None:
        return None
    prefix = m.group(0)
    words = _without_trailing_levels(key[len(prefix):].split())
    # a group ("Phòng LĐ-TB&XH các huyện") is not shortened to the name of one of its units
    if prefix in ("ubnd", "hdnd", "uy ban") or len(words) < 2 or any(w in ("ubnd", "hdnd", "cac") for w in words) \
            or len(words) < len(key[len(prefix):].split()) and key[len(prefix):].split()[len(words)] == "cac":
        return None
    if all(len(w) <= 2 for w in words):   # "phong tc kh" is short already (its initials "phong tk" name nothing)
        return None
    return f"{prefix} {_initials(words)}"


def head_acronym_key(key: str) -> str | None:
    """'ban quan ly du an dau tu xay dung' -> 'ban qldadtxd' ("Ban QLDA ĐTXD"): a kind of unit named
    in several words whose first word is a kind itself, written as that word and the initials of the rest."""
    m = _TYPE_THEN_SPACE_OR_END.match(key)
    if m is None or " " not in m.group(0):
        return None
    head, _, kind_rest = m.group(0).partition(" ")
    if head not in _UNIT_TYPE_SET or head in ("ubnd", "hdnd"):
        return None
    name = key[m.end():].split()
    if "cac" in name:
        return None
    words = kind_rest.split() + _without_trailing_levels(name)
    if len(words) < 2 or any(w in ("ubnd", "hdnd") for w in words):
        return None
    return f"{head} {_initials(words)}"


def squeeze_runs(key: str) -> str:
    """'phong ld tb xh cap huyen' -> 'phong ldtbxh cap huyen': initials typed apart, joined, wherever
    they stand (``squeeze_acronyms`` joins them only when they are all the name has)."""
    words = key.split()
    out: list[str] = []
    run = False
    for w in words:
        initials = not SYLLABLE.fullmatch(w) and w.isalpha()
        if initials and run:
            out[-1] += w
        else:
            out.append(w)
        run = initials
    return " ".join(out)


@lru_cache(maxsize=KEY_CACHE)
def squeeze_acronyms(key: str) -> str:
    """User-typed 'phong tn mt' / 'phong tn&mt' / 'phong tnmt' -> 'phong tnmt'."""
    m = _TYPE_THEN_SPACE.match(key)
    if m is None:
        return key
    prefix = m.group(0)
    rest = key[len(prefix):].split()
    if rest and all(len(w) <= 2 for w in rest):
        return f"{prefix} {''.join(rest)}"
    return key


@dataclass(frozen=True)
class Canon:
    name: str   # display name, as the document spells it, roles removed, long forms short
    kind: str   # unit, group, person


_MEMBER_AS = re.compile(r"^(?:[Cc]ác\s+)?[Tt]hành viên là\s+(?=\S)")


@lru_cache(maxsize=PHRASE_CACHE)
def _canonical(written: str) -> Canon:
    """The display name and kind of a unit as written (pure, so cached)."""
    name = squash(written.strip(" .,;:-–"))
    name = re.sub(r"\bỦy ban nhân dân\b|\bUỷ ban nhân dân\b|\bỦY BAN NHÂN DÂN\b", "UBND", name)
    name = re.sub(r"\bHội đồng nhân dân\b|\bHỘI ĐỒNG NHÂN DÂN\b", "HĐND", name)
    name = re.sub(r"HĐND\s*(?:&|-|–)\s*UBND", "HĐND và UBND", name)
    name = _MEMBER_AS.sub("", name)   # "Thành viên là Phó Chánh Thanh tra huyện": the member stands for the unit
    name = _strip_roles(name)
    name = re.sub(r"^VP\b\.?\s*", "Văn phòng ", name)
    # "Phòng Nội vụ huyện" is "Phòng Nội vụ" of the issuing huyện
    if re.match(r"^(?:Phòng|Văn phòng|phòng|văn phòng)\b", name) and not re.search(r"(?i)\bcác\b", name):
        name = re.sub(r"(?<!của)(?<!cấp)(?<!thuộc)\s+(?:huyện|tỉnh|thị xã|thành phố|xã|quận|phường|thị trấn)$", "", name) or name
    if name[:1].islower():
        name = name[0].upper() + name[1:]
    folded = fold(name)
    if folded.startswith(("cong chuc", "can bo", "chu tich", "pho chu tich")):
        kind = "person"
    elif re.search(r"\bcac\b|\bnganh\b", folded):
        kind = "group"
    else:
        kind = "unit"
    return Canon(name, kind)


class UnitRegistry:
    """Turns the many spellings of a unit into one canonical unit with aliases."""

    def canonical(self, written: str) -> Canon:
        return _canonical(written)

    def is_global(self, name: str) -> bool:
        return unit_key(name).startswith(GLOBAL_PREFIXES)

    def aliases(self, name: str, scope: str) -> list[str]:
        key = unit_key(name)
        heads = _VILLAGE_HEADS.match(key)
        out = {key}
        out.update(a for a in (acronym_key(key), head_acronym_key(key)) if a)
        # "Phòng LĐ-TB&XH các huyện, thị xã, thành phố" is what "Phòng LĐ-TB&XH cấp huyện" means
        base, cac, rest = key.partition(" cac ")
        name, levels = _split_levels(f"{base} cac {rest}".split()) if cac and base else ([], [])
        if cac and base and not levels:   # "UBND các huyện, thành phố Gia Nghĩa": the city's name after its level
            words = f"{base} cac {rest}".split()
            for drop in (1, 2, 3):
                if len(words) - drop > 2:
                    name, levels = _split_levels(words[:-drop])
                    if levels:
                        break
        level = next((lv for lv, words in _LEVEL_OF_GROUP if set(levels) & words), None)
        group = bool(level) and " ".join(name) == base   # "X các huyện, thị xã": every X of that level
        if group:
            out.add(f"{base} cap {level}")
            out.update(f"{a} cap {level}" for a in (acronym_key(base), head_acronym_key(base)) if a)
        if cac and base:   # "Tổ CNSCĐ các thôn" for "Tổ công nghệ số cộng đồng các thôn"
            out.update(f"{a} cac {rest}" for a in (acronym_key(base), head_acronym_key(base)) if a)
            if _VILLAGE_LIST.fullmatch(rest) and len(base.split()) >= 2 and not base.startswith(("ubnd", "truong")):
                # "Thành viên Tổ CNSCĐ các bản, thôn" is asked for as "thành viên Tổ CNSCĐ": one per village
                out.add(base)
            if not group and not _VILLAGES.match(rest) and rest.split()[0] not in _LEVELS:
                # "BQL KCN" for "Ban Quản lý các khu công nghiệp tỉnh" ("các" in a name, not a group)
                out.update(a for a in (acronym_key(f"{base} {rest}"), head_acronym_key(f"{base} {rest}")) if a)
        if heads:   # "Trưởng các thôn, tổ dân phố": asked for as "trưởng thôn", "trưởng tổ dân phố", "các thôn …"
            out.add(key[len("truong "):])
            out.update(f"truong {kind}" for kind in re.findall("|".join(VILLAGE_KINDS), heads.group(1)))
        if key.startswith("ubnd "):
            out.add(key[5:])
        # "Phòng Nội vụ huyện" -> also "Phòng Nội vụ"
        if not key.startswith("ubnd") and " cac " not in f" {key} ":
            out.add(without_place_word(key))
        for a in list(out):
            sq = squeeze_acronyms(a)
            out.add(sq)
        return sorted(a for a in out if a)

    @staticmethod
    def scope_of(doc) -> str:
        """The place a document speaks for: its issuer ('UBND huyện Sơn Dương' -> 'huyen son duong')."""
        issuer = getattr(doc, "issuer", None) or ""
        m = re.search(r"(?<![\wÀ-ỹ])(tỉnh|huyện|thị xã|xã|thị trấn|phường|thành phố|quận)\s+(.+)$", issuer)
        if m:
            return f"{m.group(1)} {m.group(2)}"
        return getattr(doc, "place", None) or ""


# roles whose title names the kind of unit they head
_HEAD_OF = {"truong phong": "Phòng", "pho truong phong": "Phòng", "truong ban": "Ban", "chi cuc truong": "Chi cục",
            "cuc truong": "Cục", "vien truong": "Viện", "chanh van phong": "Văn phòng"}


# the kinds of village a head ("Trưởng thôn", "Trưởng các ấp") may be named by (folded)
VILLAGE_KINDS = ("thon", "ap", "buon", "xom", "khom", "khu pho", "to dan pho", "khu dan cu")
_VILLAGES = re.compile(rf"(?:cac )?(?:{'|'.join(VILLAGE_KINDS)})\b")
_VILLAGE_LIST = re.compile(rf"(?:(?:{'|'.join((*VILLAGE_KINDS, 'ban'))})\b[, ]*(?:va )?)+")
_VILLAGE_HEADS = re.compile(rf"truong cac ((?:(?:{'|'.join(VILLAGE_KINDS)})\b[, ]*(?:va )?)+)$")


def _strip_roles(name: str) -> str:
    folded = fold(name)
    for role, rx in _ROLE_RE:
        if rx.match(folded) and len(folded) > len(role) + 3:
            rest_words = name.split()[len(role.split()):]
            rest = " ".join(rest_words)
            # "Chủ tịch, các Phó chủ tịch UBND" -> "UBND"
            rest = re.sub(r"^,?\s*(?:các\s+)?Phó [Cc]hủ tịch\s+", "", rest)
            if role in _HEAD_OF and rest[:1].isupper():
                # "Trưởng phòng Kinh tế và Hạ tầng" heads "Phòng Kinh tế và Hạ tầng", "Chánh Văn phòng UBND
                # tỉnh" the "Văn phòng UBND tỉnh"
                return f"{_HEAD_OF[role]} {rest}"
            if role == "truong" and _VILLAGES.match(fold(rest)):
                return name   # "Trưởng các ấp", "Trưởng thôn": a village acts through its head
            if fold(rest).startswith(("cac ", "ubnd", "hdnd", "phong", "so ", "ban ", "trung tam", "van phong", "co quan", "don vi", "chi nhanh", "cong an", "thanh tra")):
                return _strip_roles(rest)
            return name
    return name
