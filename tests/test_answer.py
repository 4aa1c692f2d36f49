"""The answering engine over the bundled directives, through the renderer users see."""
from datetime import date

import pytest

from bot.conversation import ChatRef, Conversation
from bot.render import render
from knowledge.answer import Engine
from knowledge.corpus import corpus_files
from knowledge.ingest import ingest_paths
from knowledge.store import Store
from knowledge.text import fold


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    store = Store(tmp_path_factory.mktemp("kb") / "kb.db")
    ingest_paths(store, corpus_files())
    return Engine(store)


def ask(engine, q, today=date(2024, 1, 1), channel="console"):
    return render(engine.ask(q, today=today), channel)


def has(text, *phrases):
    return all(fold(p) in fold(text) for p in phrases)


@pytest.mark.parametrize("question, facts", [
    ("Phòng Tư pháp phải làm gì?", ["văn bản quy phạm pháp luật", "Nguồn:"]),
    ("phong tu phap bao lam co nhiem vu gi", ["văn bản quy phạm pháp luật", "Bảo Lâm"]),
    ("Phòng TC-KH có nhiệm vụ gì?", ["tiền lương", "chi tiêu nội bộ"]),
    ("PHONG TAI CHINH KE HOACH LAM GI", ["tiền lương"]),
    ("xa hop thanh phai lam gi", ["khắc phục", "09/12/2019"]),
    ("Văn phòng HĐND-UBND huyện Bảo Lâm phải làm gì?", ["VNPT-iGATE"]),
])
def test_what_a_unit_must_do(engine, question, facts):
    assert has(ask(engine, question), *facts)


@pytest.mark.parametrize("question, facts", [
    ("Ai chủ trì tuyên truyền CCHC qua zalo?", ["Trung tâm Văn hóa và Truyền thông"]),
    ("ai phai so hoa ho so thu tuc hanh chinh", ["Ban Quản lý khu kinh tế"]),
    ("Những xã nào ở Sơn Dương phải kiểm điểm, rút kinh nghiệm?", ["Hợp Thành", "Phúc Ứng"]),
])
def test_who_is_responsible(engine, question, facts):
    assert has(ask(engine, question), *facts)


def test_deadline_question(engine):
    assert has(ask(engine, "Hạn nộp báo cáo khắc phục là ngày nào?"), "09/12/2019")


def test_coordination(engine):
    assert has(ask(engine, "Trung tâm VH-TT phối hợp với ai?"), "Phòng Nội vụ")


def test_time_views(engine):
    overdue = ask(engine, "Việc nào đã quá hạn?", today=date(2019, 12, 10))
    assert has(overdue, "09/12/2019", "quá hạn 1 ngày")
    assert has(ask(engine, "viec nao da qua han", today=date(2019, 12, 1)), "Không có việc nào quá hạn")
    soon = ask(engine, "sắp đến hạn", today=date(2019, 12, 5))
    assert has(soon, "09/12/2019")
    assert has(ask(engine, "tháng 12/2019 có hạn nào?"), "09/12/2019")


def test_document_found_by_its_subject(engine):
    assert has(ask(engine, "Công văn về chấn chỉnh giải quyết hồ sơ trên địa bàn thị xã do ai ký?"), "Trần Việt Thái")


def test_deadline_of_a_named_unit(engine):
    text = ask(engine, "UBND xã Hợp Thành phải gửi báo cáo trước ngày nào?")
    assert has(text, "09/12/2019") and text.count("Mã việc") == 1


def test_documents(engine):
    assert has(ask(engine, "Văn bản 276/UBND-NV do ai ký?"), "Phạm Văn Lương")
    assert has(ask(engine, "văn bản nào nói về một cửa?"), "Cẩm Long")
    summary = ask(engine, "tóm tắt văn bản 276")
    assert has(summary, "276/UBND-NV", "Cơ quan Tổ chức - Nội vụ")


@pytest.mark.parametrize("question, fact", [
    ("Chỉ số CCHC năm 2020 của huyện Bảo Lâm đạt bao nhiêu điểm?", "73,79"),
    ("Xã nào ở Bảo Lâm xếp loại tốt?", "Thạch Lâm"),
    ("quy 1 nam 2022 nga nam co bao nhieu ho so giai quyet truc tuyen", "28 hồ sơ"),
])
def test_facts_are_sentences_with_a_source(engine, question, fact):
    text = ask(engine, question)
    assert has(text, fact, "Nguồn:")
    assert len(text) < 1200


def test_follow_ups_keep_context(engine):
    conv = Conversation(engine)
    chat = ChatRef("console", "t")
    today = date(2019, 12, 10)
    conv.reply(chat, "Phòng Tư pháp huyện Bảo Lâm phải làm gì?", today=today)
    assert has(conv.reply(chat, "còn Phòng Nội vụ thì sao?", today=today), "tinh gọn")
    conv.reply(chat, "xa hop thanh phai lam gi", today=today)
    assert has(conv.reply(chat, "hạn của việc đó?", today=today), "09/12/2019")
    other = ChatRef("console", "u")
    assert not has(conv.reply(other, "hạn của việc đó?", today=today), "09/12/2019")


def test_scope_by_place_and_document(engine):
    nga_nam = ask(engine, "Phòng Tư pháp ở Ngã Năm phải làm gì?")
    assert has(nga_nam, "Ngã Năm") and not has(nga_nam, "Bảo Lâm")
    assert has(ask(engine, "theo văn bản 276 ai phải báo cáo khắc phục?"), "Hợp Thành")


def test_no_match_says_so_and_suggests(engine):
    text = ask(engine, "Phòng Giáo dục và Đào tạo phải làm gì?")
    assert has(text, "Chưa thấy", "Có phải bạn muốn hỏi")
    assert not has(text, "Mã việc")
    assert has(ask(engine, "zxqv wyyk"), "Chưa tìm thấy")


@pytest.mark.parametrize("question, named", [
    ("Phòng Ngoại giao phải làm gì?", "Phòng Ngoại giao"),    # a verb ("giao") inside the name
    ("so gtvt lam gi", "so gtvt"),                           # no diacritics, no "phải": the question words go
    ("Sở Giao thông vận tải có nhiệm vụ gì?", "Sở Giao thông vận tải"),
    ("Tổ phối hợp liên ngành phải làm gì?", "Tổ phối hợp liên ngành"),
])
def test_an_unknown_unit_is_named_whole_without_the_question_words(engine, question, named):
    first = ask(engine, question).splitlines()[0]
    assert first == f"Chưa thấy văn bản nào giao việc cho {named}."


def test_empty_and_huge_questions(engine):
    assert has(ask(engine, "   "), "chưa nhập câu hỏi")
    assert has(ask(engine, "a" * 10_000_000), "quá dài")


def test_hostile_text_is_escaped_for_telegram(engine):
    text = ask(engine, "<b>Phòng <Giáo dục> & Đào tạo</b> phải làm gì?", channel="telegram")
    assert "<Giáo dục>" not in text and "&lt;Giáo dục&gt; &amp; Đào tạo" in text
    assert "<script>" not in ask(engine, "<script>alert(1)</script> Phòng Tư pháp phải làm gì?", channel="telegram")


def test_answers_stay_under_3000_characters(engine):
    for q in ("Phòng Nội vụ phải làm gì?", "UBND các xã, thị trấn phải làm gì?", "tóm tắt văn bản 276"):
        assert len(ask(engine, q)) <= 3000


def test_unit_labels_map_back_to_their_units(engine):
    """Follow-ups remember the units an answer showed by label; the look-up by name finds the same
    ids, in the same order, as labelling every unit would."""
    engine.ask("Phòng Tư pháp phải làm gì?", today=date(2024, 1, 1))
    every: dict[str, list[int]] = {}
    for uid in engine._units:
        every.setdefault(engine._unit_label(engine._unit(uid)), []).append(uid)
    labels = tuple(every) + ("Phòng Tư pháp", "Không có đơn vị này", "Ban X (cũ)")
    assert engine._ids_of_labels(labels) == [uid for label in labels for uid in every.get(label, ())]
    assert engine._ids_of_labels(tuple(reversed(labels))) == [
        uid for label in reversed(labels) for uid in every.get(label, ())]


@pytest.mark.parametrize("question", [
    "Phòng Tư pháp phải làm gì về văn bản quy phạm pháp luật?",
    "Phòng TC-KH có nhiệm vụ gì về tiền lương?",
    "UBND các xã phải làm gì để khắc phục?",
    "Phòng Tư pháp có nhiệm vụ gì về 10% ?",
    "còn Phòng Văn hóa và Thông tin thì sao?",
])
def test_topic_ranking_through_the_index_answers_as_reading_every_text(engine, monkeypatch, question):
    """A unit's tasks ranked by topic through the full-text index (only the texts holding a topic word)
    give the answer that reading and scoring every text of the unit gives."""
    quick = engine.ask(question, today=date(2024, 1, 1))
    monkeypatch.setattr(Engine, "_topic_texts", lambda self, *a: None)
    engine.store.forget_searches()
    slow = engine.ask(question, today=date(2024, 1, 1))
    assert render(quick, "console") == render(slow, "console")
    assert [t.task.id for t in quick.tasks] == [t.task.id for t in slow.tasks] and quick.total == slow.total


@pytest.mark.parametrize("question, expected", [
    ("phong tu phapp phai lam gi", "Phòng Tư pháp"),
    ("phogn tu phap lam gi", "Phòng Tư pháp"),
])
def test_bounded_suggestions_still_offer_the_closest_units_for_typos(engine, question, expected):
    f = question
    assert any(s.startswith(expected) for s in engine._suggest(question, f))
    assert set(engine._suggestable("phogn tu phap")) < set(engine._alias_list) or len(engine._alias_list) < 8


def test_topic_scorer_gives_the_overlap_of_the_topic_words():
    """The fast topic score (one search for the words standing alone) equals _overlap, including
    texts where _overlap's tokens run past a word ('1,5', '10%') and repeated topic words."""
    from knowledge.answer import _overlap, _topic_scorer

    texts = ["bao cao ket qua truoc ngay 15/12/2024", "baocao ket qua", "bao%cao 10% ho so", "ho so 1,5ha va bao",
             "so 1.000 ho bao cao", "cao bao cao", "", "phoi hop voi phong tu phap", "bao.cao,ket", "bao1 cao2 3ho",
             "hophop don-hop", "don%hop phoihop", "xphoi hopx don"]
    for topic in (["bao", "cao"], ["bao", "bao", "ho"], ["ket"], ["phoi", "hop", "don"], ["ha"], ["so", "1"],
                  ["10%", "ho"], ["1,5ha"], ["cao"]):
        score = _topic_scorer(topic)
        for text in texts:
            assert score(text) == _overlap(topic, text), (topic, text)


def test_a_named_unit_with_only_common_words_gets_its_own_deadlines(engine, monkeypatch):
    """When every searched word is common (as 'bao cao truoc' is at 10,000 documents), the bounded
    store-wide search may keep none of the named unit's tasks; the unit's own tasks are searched first."""
    import re

    import knowledge.store as store_module

    monkeypatch.setattr(store_module, "COMMON_MIN_ROWS", 0)
    monkeypatch.setattr(store_module, "COMMON_SHARE", 0.0)
    monkeypatch.setattr(store_module, "COMMON_RANKED", 3)     # the store-wide search keeps 3 rows only
    store = engine.store
    words = {"bao", "cao", "truoc"}
    checked = 0
    for u in store.units():
        ids = store.tasks_of_units([u.id])
        own = [t for t in store.tasks(ids=list(ids)) if (t.deadline or t.recurrence)
               and words <= set(re.findall(r"[a-z0-9]+", store.search_texts([t.id])[t.id]))]
        if not own or len(engine._units_in(u.name, fold(u.name), None)) != 1:
            continue
        store.forget_searches()
        a = engine.ask(f"{u.name} phải báo cáo trước ngày nào?", today=date(2024, 1, 1))
        assert a.kind == "deadline" and a.tasks and all(it.task.id in ids for it in a.tasks), u.name
        checked += 1
    assert checked >= 2
    store.forget_searches()


def test_catalogue_holds_no_per_unit_objects_for_the_collector(engine):
    """The catalogue's per-unit and per-word look-ups are tuples of ints and strs, which the cyclic
    collector stops tracking: a full collection then does not walk 20,000 units of a large store."""
    import gc

    engine.ask("Công ty Hồng Lam phải làm gì?", today=date(2024, 1, 1))
    engine.ask("Văn bản nào nói về chuyển đổi số?", today=date(2024, 1, 1))
    gc.collect()
    for lookup in (engine._units, engine._alias, engine._by_name, engine._unit_words or {},
                   engine._doc_words or {}, engine._alias_starts[1], engine._catalogue_index()["by_number"]):
        assert lookup and not any(gc.is_tracked(v) for v in lookup.values())
    assert engine._unit(next(iter(engine._units))).name


@pytest.mark.parametrize("question", ["Ai chủ trì tuyên truyền CCHC qua zalo?", "Hạn nộp báo cáo khắc phục là ngày nào?"])
def test_an_assignment_or_due_date_found_in_the_tasks_does_not_search_the_facts(engine, monkeypatch, question):
    """'Ai chủ trì …', 'hạn … ngày nào': the task answer wins whatever the facts say, so they are not sought."""
    before = engine.ask(question, today=date(2024, 1, 1))
    assert before.kind in ("who", "deadline")

    def no_facts(self, *a, **k):
        raise AssertionError("facts sought")
    monkeypatch.setattr(Engine, "_facts", no_facts)
    after = engine.ask(question, today=date(2024, 1, 1))
    assert render(after, "console") == render(before, "console")


def test_ranking_only_the_tasks_holding_a_topic_word_ranks_as_ranking_them_all():
    """_unit_tasks ranks only the tasks whose text holds a topic word (the others score 0): the same
    ranking as over every task, with their empty texts, and nothing when none ranks (then all are listed)."""
    from knowledge.answer import _heads_of, _rank_by_topic
    links = {"3.2": {"chu_tri"}, "1.10": {"phoi_hop"}, "1.2": {"chu_tri"}, "2.1": {"theo_doi"}, "1.9": {"chu_tri"},
             "5.1": {"chu_tri"}}
    cases = [
        ({"3.2": "kiem tra tien luong", "1.2": "tien luong can bo", "1.9": "bao cao tien do"}, ["tien", "luong"]),
        ({"3.2": "tien luong", "1.2": "tien luong", "5.1": "tien"}, ["tien", "luong"]),   # ties keep task order
        ({"2.1": "bao cao"}, ["tien", "luong"]),                                           # none ranks
        ({}, ["tien"]),
    ]
    for texts, topic in cases:
        every = _heads_of(links, texts)
        assert [h.id for h in every] == ["1.2", "1.9", "1.10", "2.1", "3.2", "5.1"]
        assert [h.folded for h in every] == [texts.get(h.id, "") for h in every]
        holding = _heads_of(links, texts, holding_only=True)
        assert [h.id for h in holding] == [h.id for h in every if h.id in texts]
        assert _rank_by_topic(holding, topic) == _rank_by_topic(every, topic)



def test_overdue_work_comes_latest_deadline_first(tmp_path):
    import re
    docs = tmp_path / "docs"
    docs.mkdir()
    for year in (2019, 2023):
        (docs / f"hoa-an-{year}.md").write_text(f"""ỦY BAN NHÂN DÂN
HUYỆN HÒA AN

Số: {year}/UBND-VP

Hòa An, ngày 02 tháng 01 năm {year}

V/v triển khai nhiệm vụ năm {year}

Kính gửi: Các cơ quan, đơn vị.

UBND huyện yêu cầu các cơ quan thực hiện các nội dung sau:

1. Giao Phòng Nội vụ rà soát biên chế, báo cáo trước ngày 15/3/{year}.
2. Giao Phòng Tư pháp kiểm tra văn bản, báo cáo trước ngày 20/6/{year}.

Nơi nhận:
- Như trên;
- Lưu: VT.

CHỦ TỊCH

Nông Văn Tuấn
""", encoding="utf-8")
    store = Store(tmp_path / "kb.db")
    ingest_paths(store, [docs])
    text = render(Engine(store).ask("Việc nào đã quá hạn?", today=date(2024, 1, 1)), "console")
    days = [date(int(y), int(m), int(d)) for d, m, y in re.findall(r"Hạn: (\d\d)/(\d\d)/(\d{4})", text)]
    # what has just slipped comes first, not what slipped years ago in a document nobody closed
    assert days == [date(2023, 6, 20), date(2023, 3, 15), date(2019, 6, 20), date(2019, 3, 15)]


def _letter(place: str, kind: str, finance: str, work: str) -> str:
    return f"""ỦY BAN NHÂN DÂN
{kind.upper()} {place.upper()}

Số: 12/UBND-VP

{place}, ngày 02 tháng 01 năm 2025

V/v triển khai nhiệm vụ

Kính gửi: Các cơ quan, đơn vị.

UBND {kind} yêu cầu các cơ quan thực hiện các nội dung sau:

1. Giao {finance} {work}, báo cáo trước ngày 15/3/2025.

Nơi nhận:
- Lưu: VT.

CHỦ TỊCH

Nông Văn Tuấn
"""


def test_a_short_spelling_finds_the_unit_written_long_elsewhere(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "long-chau.md").write_text(_letter("Long Châu", "thành phố", "Phòng TC-KH", "rà soát dự toán chi thường xuyên"), encoding="utf-8")
    (docs / "phuoc-lam.md").write_text(_letter("Phước Lâm", "huyện", "Phòng Tài chính - Kế hoạch", "điều chuyển kế hoạch vốn"), encoding="utf-8")
    store = Store(tmp_path / "kb.db")
    ingest_paths(store, [docs])
    engine = Engine(store)
    both = render(engine.ask("Phòng TC-KH phải làm gì?", today=date(2025, 1, 10)), "console")
    assert has(both, "rà soát dự toán", "điều chuyển kế hoạch vốn")
    one = render(engine.ask("Phòng TC-KH huyện Phước Lâm phải làm gì?", today=date(2025, 1, 10)), "console")
    assert has(one, "điều chuyển kế hoạch vốn", "15/03/2025") and not has(one, "rà soát dự toán")


def test_a_unit_that_describes_the_document_asked_about_does_not_filter_its_overdue_work(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    text = _letter("Vân Lĩnh", "huyện", "Phòng Nội vụ", "rà soát biên chế").replace(
        "V/v triển khai nhiệm vụ", "V/v kết luận kiểm tra xã Đông Thành").replace(
        "1. Giao Phòng Nội vụ", "1. Giao UBND xã Đông Thành xử lý lấn chiếm, báo cáo trước ngày 10/3/2025.\n\n2. Giao Phòng Nội vụ")
    (docs / "van-linh.md").write_text(text, encoding="utf-8")
    store = Store(tmp_path / "kb.db")
    ingest_paths(store, [docs])
    answer = render(Engine(store).ask("Theo thông báo kết luận kiểm tra xã Đông Thành, những việc nào đã quá hạn?",
                                      today=date(2025, 3, 20)), "console")
    assert has(answer, "10/03/2025", "15/03/2025")


def _plan(tmp_path) -> Engine:
    text = """UBND TỈNH BÌNH SƠN
SỞ LAO ĐỘNG - THƯƠNG BINH
VÀ XÃ HỘI

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Số: 45/KH-SLĐTBXH

Bình Sơn, ngày 05 tháng 6 năm 2024

KẾ HOẠCH
Triển khai trợ giúp xã hội năm 2024

Sở Lao động - Thương binh và Xã hội giao nhiệm vụ như sau:

1. Phòng Bảo trợ xã hội:
- Chủ trì tham mưu Giám đốc Sở triển khai Kế hoạch này.
- Rà soát, chuẩn hóa cơ sở dữ liệu đối tượng bảo trợ xã hội, hoàn thành trong Quý III/2024.
- Phối hợp với Bưu điện tỉnh chi trả trợ cấp xã hội không dùng tiền mặt cho người cao tuổi.
- Hướng dẫn các cơ sở trợ giúp xã hội trực thuộc Sở rà soát đối tượng đang nuôi dưỡng.
- Tổng hợp, báo cáo kết quả thực hiện trước ngày 15/12/2024.

2. Phòng Lao động - Thương binh và Xã hội các huyện, thị xã, thành phố:
- Báo cáo kết quả thực hiện về Sở hằng quý và báo cáo năm trước ngày 10/12/2024.

3. Ban Quản lý dự án đầu tư xây dựng huyện Tân Sơn: đôn đốc nhà thầu thi công cơ sở bảo trợ xã hội; báo cáo tiến độ thi công về Sở định kỳ hằng tuần.

4. Phòng Kế hoạch - Tài chính: Chủ trì, phối hợp với Phòng Bảo trợ xã hội và Văn phòng Sở cân đối, bố trí kinh phí thực hiện Kế hoạch từ nguồn ngân sách tỉnh giao đầu năm và nguồn kinh phí đảm bảo xã hội, bảo đảm chi trả kịp thời, đúng đối tượng, đúng quy định, hoàn thành trước ngày 30/6/2024. Tham mưu Giám đốc Sở điều chỉnh dự toán chi thường xuyên của các cơ sở trợ giúp xã hội trực thuộc Sở theo kết quả rà soát đối tượng năm 2024. Tổng hợp kết quả thực hiện của các phòng, đơn vị, báo cáo Giám đốc Sở định kỳ hằng tháng (ngày 25).

Nơi nhận:
- Lưu: VT.

GIÁM ĐỐC

Trần Văn Bình
"""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "binh-son.md").write_text(text, encoding="utf-8")
    store = Store(tmp_path / "kb.db")
    ingest_paths(store, [docs])
    return Engine(store)


def test_the_issuer_named_after_a_unit_qualifies_it_and_does_not_filter_its_work(tmp_path):
    engine = _plan(tmp_path)
    answer = render(engine.ask("Phòng Bảo trợ xã hội Sở LĐ-TB&XH Bình Sơn có nhiệm vụ gì?", today=date(2024, 7, 1)), "console")
    assert has(answer, "tham mưu Giám đốc Sở", "chuẩn hóa cơ sở dữ liệu", "15/12/2024")


@pytest.mark.parametrize("question, expected", [
    ("Phòng LĐ-TB&XH cấp huyện ở Bình Sơn báo cáo Sở bao lâu một lần?", ["hằng quý"]),
    ("Ban QLDA đầu tư xây dựng huyện Tân Sơn báo cáo tiến độ bao lâu một lần?", ["hằng tuần"]),
    ("Phong KH-TC bao cao Giam doc So khi nao?", ["hằng tháng", "ngày 25"]),
])
def test_how_often_a_unit_reports(tmp_path, question, expected):
    answer = render(_plan(tmp_path).ask(question, today=date(2024, 7, 1)), "console")
    assert has(answer, *expected), answer


def test_a_unit_s_work_in_a_document_named_by_its_subject_and_abbreviations_it_defines(tmp_path):
    text = _letter("Kiên Hà", "huyện", "Phòng TN&MT", "rà soát, thống kê khối lượng CTRSH phát sinh").replace(
        "UBND huyện yêu cầu", "Để phân loại chất thải rắn sinh hoạt (CTRSH) tại nguồn, UBND huyện yêu cầu").replace(
        "báo cáo trước ngày 15/3/2025.",
        "báo cáo trước ngày 15/3/2025.\n\n2. Giao Phòng TN&MT xây dựng phương án phân loại CTRSH, hoàn thành trước ngày 30/4/2025."
        "\n\n3. Giao Phòng TN&MT kiểm tra các bãi chôn lấp, hoàn thành trước ngày 31/5/2025."
        "\n\n4. Giao Phòng TN&MT tổ chức tập huấn cho công chức xã, hoàn thành trước ngày 30/6/2025."
        "\n\n5. Giao Phòng TN&MT tổng kết năm 2025 về phân loại CTRSH, hoàn thành trước ngày 15/12/2025.")
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "kien-ha.md").write_text(text, encoding="utf-8")
    store = Store(tmp_path / "kb.db")
    ingest_paths(store, [docs])
    engine = Engine(store)
    found = render(engine.ask("Việc nào về chất thải rắn sinh hoạt phải xong trước ngày 30/4/2025?", today=date(2025, 1, 10)), "console")
    assert has(found, "phương án phân loại")
    # the words after "trong kế hoạch" name the document: every task of the unit in it is listed
    listed = render(engine.ask("Phòng TN&MT có nhiệm vụ gì trong kế hoạch phân loại chất thải rắn sinh hoạt?",
                               today=date(2025, 1, 10)), "console")
    assert has(listed, "bãi chôn lấp", "tập huấn", "15/12/2025")
