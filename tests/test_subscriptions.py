"""Subscriptions: unit names resolved through the registry (ambiguity lists the candidates), documents,
everything, inactive chats, and the `chidao subscribe / unsubscribe` verbs."""
import pytest

from knowledge.errors import AmbiguousUnit, UnknownUnit
from knowledge.lookup import AmbiguousDocument, UnknownDocument, resolve_document, resolve_unit, unit_label
from knowledge.store import Store
from knowledge.subscriptions import (chat, is_active, mark_inactive, subscribe, subscriptions_of, unsubscribe)

from bot.cli import main


@pytest.fixture
def store(corpus_db):
    s = Store(corpus_db)
    yield s
    s.close()


# ---- names -> units -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("typed, expected", [
    ("UBND xã Hợp Thành", "UBND xã Hợp Thành (huyện Sơn Dương)"),
    ("ubnd xa hop thanh", "UBND xã Hợp Thành (huyện Sơn Dương)"),           # no diacritics
    ("Ủy ban nhân dân xã Hợp Thành", "UBND xã Hợp Thành (huyện Sơn Dương)"),  # long form
    ("Chủ tịch UBND xã Hợp Thành", "UBND xã Hợp Thành (huyện Sơn Dương)"),    # the role stands for the unit
    ("UBND xã Hợp Thàng", "UBND xã Hợp Thành (huyện Sơn Dương)"),             # a typo
    ("Hợp Thành", "UBND xã Hợp Thành (huyện Sơn Dương)"),                     # without its kind
    ("Phòng TN&MT", "Phòng Tài nguyên và Môi trường (thị xã Ngã Năm)"),       # acronym
    ("phong tn mt", "Phòng Tài nguyên và Môi trường (thị xã Ngã Năm)"),
    ("Sở Nội vụ", "Sở Nội vụ (tỉnh Quảng Trị)"),
    ("Phòng Tư pháp (huyện Bảo Lâm)", "Phòng Tư pháp (huyện Bảo Lâm)"),       # a candidate label, as listed
    ("Phòng Tư pháp huyện Bảo Lâm", "Phòng Tư pháp (huyện Bảo Lâm)"),         # the place in words
    ("Phòng Nội vụ thị xã Ngã Năm", "Phòng Nội vụ … (thị xã Ngã Năm)"),
    ("UBND các xã, thị trấn (huyện Sơn Dương)", "UBND các xã, thị trấn (huyện Sơn Dương)"),
])
def test_unit_names_resolve(store, typed, expected):
    label = unit_label(resolve_unit(store, typed))
    if " … " in expected:                     # how the registry spells the name itself may vary
        start, end = expected.split(" … ")
        assert label.startswith(start) and label.endswith(end)
    else:
        assert label == expected


def test_ambiguous_name_lists_candidates_that_resolve(store):
    with pytest.raises(AmbiguousUnit) as e:
        resolve_unit(store, "Phòng Tư pháp")
    assert e.value.name == "Phòng Tư pháp"
    first, second = e.value.candidates
    assert first == "Phòng Tư pháp (huyện Bảo Lâm)"
    assert second.startswith("Phòng Tư pháp") and second.endswith("(thị xã Ngã Năm)")
    for candidate in e.value.candidates:                  # each one, typed back, is one unit
        assert unit_label(resolve_unit(store, candidate)) == candidate
    with pytest.raises(AmbiguousUnit) as e:
        resolve_unit(store, "UBND các xã, thị trấn")
    assert set(e.value.candidates) == {"UBND các xã, thị trấn (huyện Bảo Lâm)",
                                       "UBND các xã, thị trấn (huyện Sơn Dương)"}


def test_unknown_name_suggests(store):
    with pytest.raises(UnknownUnit) as e:
        resolve_unit(store, "Phòng Giáo dục và Đào tạo")
    assert e.value.name == "Phòng Giáo dục và Đào tạo"
    assert e.value.suggestions and all(isinstance(s, str) for s in e.value.suggestions)
    for empty in ("", "   "):
        with pytest.raises(UnknownUnit):
            resolve_unit(store, empty)


def test_documents_resolve_by_number_file_or_id(store):
    son_duong = resolve_document(store, "276/UBND-NV")
    assert son_duong.file == "son-duong-2019-276-UBND-NV.md"
    assert resolve_document(store, "276").id == son_duong.id
    assert resolve_document(store, "276/ubnd-nv").id == son_duong.id
    assert resolve_document(store, "son-duong-2019-276-UBND-NV").id == son_duong.id
    assert resolve_document(store, str(son_duong.id)).id == son_duong.id
    with pytest.raises(UnknownDocument):
        resolve_document(store, "999/XYZ")


def test_two_documents_with_one_number_are_ambiguous(tmp_path):
    from tests.test_alerts_support import add_document, task
    s = Store(tmp_path / "kb.db")
    add_document(s, [task(1, "Việc A", ("Phòng Tư pháp",))], file="a.md", number="12/UBND-VP")
    add_document(s, [task(1, "Việc B", ("Phòng Tư pháp",))], file="b.md", number="12/UBND-NV")
    with pytest.raises(AmbiguousDocument) as e:
        resolve_document(s, "12")
    assert len(e.value.candidates) == 2
    assert resolve_document(s, "12/UBND-NV").file == "b.md"


# ---- subscriptions -------------------------------------------------------------------------------------------

def test_subscribe_is_idempotent_and_listed(store):
    first = subscribe(store, "telegram", 42, unit="UBND xã Hợp Thành")
    again = subscribe(store, "telegram", "42", unit="ubnd xa hop thanh")
    assert first == again and first.chat_id == "42" and first.kind == "unit"
    assert first.label == "UBND xã Hợp Thành (huyện Sơn Dương)" and first.unit_id == resolve_unit(store, "Hợp Thành").id
    doc = subscribe(store, "telegram", "42", document="276/UBND-NV")
    leader = subscribe(store, "telegram", "42", everything=True)
    assert (doc.kind, doc.label, leader.kind, leader.target) == ("document", "Công văn 276/UBND-NV", "all", 0)
    assert [s.kind for s in subscriptions_of(store, "telegram", "42")] == ["all", "unit", "document"]
    assert subscriptions_of(store, "zalo", "42") == []             # a chat is (channel, id)
    assert is_active(store, "telegram", "42")


def test_subscribe_needs_exactly_one_target(store):
    with pytest.raises(ValueError):
        subscribe(store, "telegram", "1")
    with pytest.raises(ValueError):
        subscribe(store, "telegram", "1", unit="Sở Nội vụ", everything=True)
    with pytest.raises(ValueError):
        subscribe(store, "sms", "1", everything=True)
    with pytest.raises(AmbiguousUnit):
        subscribe(store, "telegram", "1", unit="Phòng Tư pháp")
    assert subscriptions_of(store, "telegram", "1") == []


def test_unsubscribe(store):
    subscribe(store, "telegram", "7", unit="Phòng Tư pháp (huyện Bảo Lâm)")
    subscribe(store, "telegram", "7", unit="Sở Nội vụ")
    subscribe(store, "telegram", "7", document="276")
    # "Phòng Tư pháp" is ambiguous in the registry but not among this chat's subscriptions
    assert unsubscribe(store, "telegram", "7", unit="Phòng Tư pháp") == 1
    assert unsubscribe(store, "telegram", "7", unit="Phòng Tư pháp (huyện Bảo Lâm)") == 0
    assert unsubscribe(store, "telegram", "7", document="276/UBND-NV") == 1
    subscribe(store, "telegram", "7", everything=True)
    assert unsubscribe(store, "telegram", "7", everything=True) == 2      # everything: every subscription
    assert subscriptions_of(store, "telegram", "7") == []
    subscribe(store, "telegram", "7", unit="Sở Nội vụ")
    assert unsubscribe(store, "telegram", "7") == 1                       # no target: all of them too


def test_inactive_until_subscribing_again(store):
    subscribe(store, "zalo", "abc", unit="Sở Nội vụ")
    mark_inactive(store, "zalo", "abc")
    assert chat(store, "zalo", "abc").active is False
    assert len(subscriptions_of(store, "zalo", "abc")) == 1             # kept, just not served
    subscribe(store, "zalo", "abc", unit="Sở Nội vụ")
    assert is_active(store, "zalo", "abc")
    mark_inactive(store, "telegram", "never-seen")                       # a chat not known yet
    assert chat(store, "telegram", "never-seen").active is False


# ---- the CLI ----------------------------------------------------------------------------------------------------

def test_cli_subscribe_and_unsubscribe(corpus_db, capsys):
    db = str(corpus_db)
    assert main(["subscribe", "--chat", "111", "--unit", "UBND xã Hợp Thành", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "Đã đăng ký nhận nhắc việc của UBND xã Hợp Thành (huyện Sơn Dương)" in out
    assert main(["subscribe", "--chat", "111", "--channel", "zalo", "--all", "--db", db]) == 0
    assert "tất cả đơn vị" in capsys.readouterr().out
    assert main(["subscribe", "--chat", "111", "--document", "276/UBND-NV", "--db", db]) == 0
    assert "văn bản Công văn 276/UBND-NV" in capsys.readouterr().out

    assert main(["subscribe", "--chat", "111", "--unit", "Phòng Tư pháp", "--db", db]) == 2
    err = capsys.readouterr().err
    assert "khớp với nhiều đơn vị" in err
    assert "- Phòng Tư pháp (huyện Bảo Lâm)" in err and "(thị xã Ngã Năm)" in err
    assert main(["subscribe", "--chat", "111", "--unit", "Phòng Giáo dục", "--db", db]) == 2
    assert 'Không tìm thấy đơn vị "Phòng Giáo dục"' in capsys.readouterr().err
    assert main(["subscribe", "--chat", "111", "--document", "999/XX", "--db", db]) == 2
    assert 'Không tìm thấy văn bản "999/XX"' in capsys.readouterr().err
    assert main(["subscribe", "--chat", "111", "--db", db]) == 2
    assert "--unit" in capsys.readouterr().err
    assert main(["subscribe", "--chat", "111", "--unit", "Sở Nội vụ", "--all", "--db", db]) == 2
    capsys.readouterr()

    assert main(["unsubscribe", "--chat", "111", "--unit", "Hợp Thành", "--db", db]) == 0
    assert "Đã hủy 1 đăng ký" in capsys.readouterr().out
    assert main(["unsubscribe", "--chat", "111", "--unit", "Hợp Thành", "--db", db]) == 0
    assert "không có đăng ký nào như vậy" in capsys.readouterr().out
    store = Store(corpus_db)
    assert [s.kind for s in subscriptions_of(store, "telegram", "111")] == ["document"]
    assert [s.kind for s in subscriptions_of(store, "zalo", "111")] == ["all"]
    store.close()
