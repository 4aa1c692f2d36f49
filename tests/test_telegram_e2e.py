"""End to end: the real python-telegram-bot HTTP stack against the fake Bot API on 127.0.0.1.

Updates are JSON the fake serves through getUpdates; what the bot does is read back from the
fake's call log and from the SQLite file.
"""
from __future__ import annotations

import sqlite3

from tests.conftest import ADMIN_ID
from tests.fakes.telegram_api import FakeTelegram

CITIZEN = 2001
OFFICIAL = 3001
GROUP = -100123

DIRECTIVE = """ỦY BAN NHÂN DÂN HUYỆN THỬ NGHIỆM

Số: 15/UBND-VP

V/v triển khai chuyển đổi số năm 2024

Thử Nghiệm, ngày 05 tháng 3 năm 2024

Kính gửi: Các cơ quan, đơn vị thuộc huyện; UBND các xã, thị trấn.

Để triển khai chuyển đổi số năm 2024, Chủ tịch UBND huyện chỉ đạo như sau:

1. Phòng Văn hóa và Thông tin chủ trì, phối hợp với Phòng Nội vụ xây dựng kế hoạch chuyển đổi số của huyện, trình UBND huyện trước ngày 30/4/2024.

2. UBND các xã, thị trấn rà soát việc số hóa hồ sơ thủ tục hành chính, báo cáo kết quả về UBND huyện (qua Phòng Văn hóa và Thông tin) trước ngày 15/5/2024.

Nơi nhận:
- Như trên;
- Lưu: VT.

KT. CHỦ TỊCH
PHÓ CHỦ TỊCH

Nguyễn Văn An
"""


async def say(api: FakeTelegram, chat_id: int, text: str, *, count: int = 1, **kw):
    """Send a message as a user; the bot's reply (the last of ``count`` messages) to that chat."""
    mark = api.mark()
    api.message(chat_id, text, **kw)
    return (await api.wait_for("sent", chat_id=chat_id, after=mark, count=count))[count - 1]


async def press(api: FakeTelegram, chat_id: int, data: str, *, reply: bool = True, **kw):
    """Press an inline button; returns (answerCallbackQuery call, the bot's next message or None)."""
    mark = api.mark()
    qid = api.callback(chat_id, data, **kw)
    answered = await api.wait_for("answerCallbackQuery", after=mark, where=lambda c: c.params["callback_query_id"] == qid)
    message = (await api.wait_for("sent", chat_id=chat_id, after=mark))[0] if reply else None
    return answered[0], message


def status_of(db, task_id: str) -> str:
    with sqlite3.connect(db) as conn:
        row = conn.execute("select status from task_status where task_id = ? and occurrence = ''", [task_id]).fetchone()
    return row[0] if row else "chua_thuc_hien"


def history_of(db, task_id: str) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute("select status, note, by_chat from status_history where task_id = ? order by id",
                            [task_id]).fetchall()


async def make_official(api: FakeTelegram, user_id: int = OFFICIAL) -> None:
    mark = api.mark()
    reply = await say(api, ADMIN_ID, f"/capquyen {user_id}")
    assert "Đã cấp quyền cán bộ" in reply.text
    told = await api.wait_for("sendMessage", chat_id=user_id, after=mark)   # the new official is told
    assert "được cấp quyền cán bộ" in told[0].text


# ---- questions -------------------------------------------------------------------------------
async def test_a_question_gets_the_right_answer_with_buttons(telegram_api, telegram_bot):
    reply = await say(telegram_api, CITIZEN, "Phòng Tư pháp phải làm gì?")
    assert "văn bản quy phạm pháp luật" in reply.text
    assert reply.params["parse_mode"] == "HTML"
    assert telegram_api.calls_to("sendChatAction", chat_id=CITIZEN)[0].params["action"] == "typing"
    # two units answer to the name: buttons to choose one, and "Xem văn bản"; citizens get no "done" button
    texts = reply.button_texts()
    assert any(t.startswith("Xem văn bản") for t in texts)
    assert "Phòng Tư pháp (huyện Bảo Lâm)" in texts
    assert not any(t.startswith("Đánh dấu đã xong") for t in texts)


async def test_unaccented_question(telegram_api, telegram_bot):
    reply = await say(telegram_api, CITIZEN, "xa hop thanh phai lam gi")
    assert "09/12/2019" in reply.text
    assert "Hợp Thành" in reply.text


async def test_start_registers_commands_and_greets_by_role(telegram_api, telegram_bot):
    commands = telegram_api.calls_to("setMyCommands")[0].params["commands"]
    names = {c["command"] for c in commands}
    assert {"start", "help", "hoi", "donvi", "quahan", "sapden", "vanban", "theodoi", "huytheodoi", "xong", "tiendo",
            "capquyen", "moi", "nhapma"} <= names
    assert all(c["description"] for c in commands)
    citizen = await say(telegram_api, CITIZEN, "/start")
    assert "Xin chào" in citizen.text and "Phòng Tư pháp phải làm gì?" in citizen.text
    assert str(CITIZEN) in citizen.text                       # the chat id an admin needs for /capquyen
    admin = await say(telegram_api, ADMIN_ID, "/start")
    assert "quản trị viên" in admin.text


async def test_help_explains_every_command(telegram_api, telegram_bot):
    reply = await say(telegram_api, CITIZEN, "/help")
    for command in ("/hoi", "/donvi", "/quahan", "/sapden", "/vanban", "/theodoi", "/huytheodoi", "/xong", "/tiendo",
                    "/nhapma"):
        assert command in reply.text
    assert "/capquyen" not in reply.text                      # admin commands only for admins
    admin = await say(telegram_api, ADMIN_ID, "/help")
    assert "/capquyen" in admin.text and "/moi" in admin.text


async def test_lookup_commands(telegram_api, telegram_bot):
    api = telegram_api
    assert "văn bản quy phạm pháp luật" in (await say(api, CITIZEN, "/hoi Phòng Tư pháp phải làm gì?")).text
    assert "Hãy ghi câu hỏi" in (await say(api, CITIZEN, "/hoi")).text
    unit = await say(api, CITIZEN, "/donvi UBND xã Hợp Thành")
    assert "Hợp Thành" in unit.text and "5.12" in unit.text
    overdue = await say(api, CITIZEN, "/quahan")
    assert "quá hạn" in overdue.text and "09/12/2019" in overdue.text
    soon = await say(api, CITIZEN, "/sapden 30")
    assert "30 ngày tới" in soon.text
    assert "Số ngày" in (await say(api, CITIZEN, "/sapden abc")).text
    docs = await say(api, CITIZEN, "/vanban")
    assert "Có 5 văn bản" in docs.text
    assert sum(1 for d in docs.button_data() if d.startswith("doc:")) == 5
    one = await say(api, CITIZEN, "/vanban 276/UBND-NV")
    assert "Phạm Văn Lương" in one.text
    missing = await say(api, CITIZEN, "/vanban 999/XYZ")
    assert "Không tìm thấy văn bản" in missing.text
    unknown = await say(api, CITIZEN, "/khongcolenhnay")
    assert "/help" in unknown.text


# ---- buttons ------------------------------------------------------------------------------------
def add_overdue_directive(db, n: int = 11) -> None:
    """A directive with ``n`` tasks long overdue, so that /quahan has more than one page."""
    from knowledge.ingest import ingest_file
    from knowledge.store import Store

    items = "\n\n".join(f"{i}. Phòng Văn hóa và Thông tin thực hiện việc thứ {i} về chuyển đổi số, "
                         f"báo cáo UBND huyện trước ngày {i:02d}/04/2024." for i in range(1, n + 1))
    path = db.parent / "cong-van-nhieu-viec.md"
    path.write_text(DIRECTIVE.replace("Số: 15/UBND-VP", "Số: 16/UBND-VP").split("1. Phòng")[0] + items +
                    "\n\nNơi nhận:\n- Lưu: VT.\n", encoding="utf-8")
    store = Store(db)
    assert ingest_file(store, path).tasks == n
    store.close()


async def test_buttons_document_more_and_unit_choice(telegram_api, telegram_bot, corpus_db):
    api = telegram_api
    add_overdue_directive(corpus_db)
    reply = await say(api, CITIZEN, "/quahan")
    data = reply.button_data()
    assert "more" in data, reply.button_texts()
    doc = next(d for d in data if d.startswith("doc:"))
    answered, summary = await press(api, CITIZEN, doc)
    assert answered.method == "answerCallbackQuery"
    assert "nhiệm vụ" in summary.text and "Người ký" in summary.text
    # choosing one of two units with the same name
    reply = await say(api, CITIZEN, "Phòng Tư pháp phải làm gì?")
    choice = next(b["callback_data"] for row in reply.buttons for b in row if b["text"] == "Phòng Tư pháp (huyện Bảo Lâm)")
    _, chosen = await press(api, CITIZEN, choice)
    assert "văn bản quy phạm pháp luật" in chosen.text and "Ngã Năm" not in chosen.text


async def test_more_shows_the_next_page(telegram_api, telegram_bot, corpus_db):
    api = telegram_api
    add_overdue_directive(corpus_db)
    first = await say(api, CITIZEN, "/quahan")
    assert "more" in first.button_data()
    answered, page2 = await press(api, CITIZEN, "more")
    assert "\n9. " in "\n" + page2.text                       # the second page goes on numbering from 9
    assert "more" not in page2.button_data()


async def test_an_expired_button_is_answered_politely(telegram_api, telegram_bot):
    answered, reply = await press(telegram_api, CITIZEN, "unit:nonexistent")
    assert "hết hiệu lực" in reply.text


# ---- roles and status ----------------------------------------------------------------------------
async def test_a_citizen_cannot_mark_a_task_done(telegram_api, telegram_bot, corpus_db):
    api = telegram_api
    reply = await say(api, CITIZEN, "/xong 5.12 đã gửi báo cáo")
    assert "Chỉ cán bộ" in reply.text
    answered, _ = await press(api, CITIZEN, "done:5.12", reply=False)
    assert "Chỉ cán bộ" in answered.params["text"] and answered.params.get("show_alert") in (True, "true", "True")
    reply = await say(api, CITIZEN, "/tiendo 5.12 đang làm")
    assert "Chỉ cán bộ" in reply.text
    assert status_of(corpus_db, "5.12") == "chua_thuc_hien"
    assert history_of(corpus_db, "5.12") == []


async def test_an_official_marks_tasks_done_and_reports_progress(telegram_api, telegram_bot, corpus_db):
    api = telegram_api
    await make_official(api)
    reply = await say(api, OFFICIAL, "/xong 5.12 đã gửi báo cáo")
    assert "đã hoàn thành" in reply.text
    assert status_of(corpus_db, "5.12") == "da_hoan_thanh"
    assert history_of(corpus_db, "5.12") == [("da_hoan_thanh", "đã gửi báo cáo", str(OFFICIAL))]
    reply = await say(api, OFFICIAL, "/tiendo 1.12 đang rà soát văn bản")
    assert "đang thực hiện" in reply.text
    assert status_of(corpus_db, "1.12") == "dang_thuc_hien"
    assert "mã" in (await say(api, OFFICIAL, "/xong 99.99")).text.lower()
    assert "Hãy ghi mã việc và ghi chú" in (await say(api, OFFICIAL, "/tiendo 1.12")).text
    # the buttons: an official sees "Đánh dấu đã xong", picks a task, and it is done
    reply = await say(api, OFFICIAL, "xa hop thanh phai lam gi")     # 5.12 is done: one button for 5.11
    assert reply.button_data().count("done:5.11") == 1 and "done:5.12" not in reply.button_data()
    reply = await say(api, OFFICIAL, "Phòng Tư pháp huyện Bảo Lâm phải làm gì?")
    pick = next(b["callback_data"] for row in reply.buttons for b in row if b["text"].startswith("Đánh dấu đã xong"))
    answered, chooser = await press(api, OFFICIAL, pick)
    assert {"done:1.12", "done:1.13"} <= set(chooser.button_data())
    answered, done = await press(api, OFFICIAL, "done:1.13")
    assert "đã hoàn thành" in done.text
    assert status_of(corpus_db, "1.13") == "da_hoan_thanh"
    answered, again = await press(api, OFFICIAL, "done:1.13")
    assert "từ trước" in again.text


async def test_admin_commands_are_refused_to_others(telegram_api, telegram_bot):
    assert "Chỉ quản trị viên" in (await say(telegram_api, CITIZEN, "/capquyen 2002")).text
    assert "Chỉ quản trị viên" in (await say(telegram_api, CITIZEN, "/moi")).text
    assert "không phải mã chat" in (await say(telegram_api, ADMIN_ID, "/capquyen abc")).text


async def test_invitation_code_works_once(telegram_api, telegram_bot, corpus_db):
    api = telegram_api
    reply = await say(api, ADMIN_ID, "/moi")
    code = next(w for w in reply.text.replace("<code>", " ").replace("</code>", " ").split() if len(w) == 10 and w.isupper())
    with sqlite3.connect(corpus_db) as conn:
        assert conn.execute("select count(*) from invitations where code_hash = ?", [code]).fetchone()[0] == 0
    assert "Chào mừng" in (await say(api, CITIZEN, f"/nhapma {code.lower()}")).text
    assert "đã được dùng" in (await say(api, 2002, f"/nhapma {code}")).text
    assert "không đúng" in (await say(api, 2003, "/nhapma ZZZZZZZZZZ")).text
    reply = await say(api, CITIZEN, "/xong 5.12")
    assert "đã hoàn thành" in reply.text
    assert status_of(corpus_db, "5.12") == "da_hoan_thanh"


# ---- uploads ---------------------------------------------------------------------------------------
async def test_an_uploaded_directive_is_previewed_then_stored_on_save(telegram_api, telegram_bot, corpus_db):
    api = telegram_api
    await make_official(api)
    mark = api.mark()
    api.document(OFFICIAL, "cong-van-15.md", DIRECTIVE.encode("utf-8"))
    preview = (await api.wait_for("sendMessage", chat_id=OFFICIAL, after=mark))[0]
    assert api.since(mark, "getFile") and api.since(mark, "download")
    assert "15/UBND-VP" in preview.text and "2 nhiệm vụ" in preview.text
    assert "Phòng Văn hóa và Thông tin" in preview.text
    assert preview.button_texts() == ["Lưu", "Hủy"]
    with sqlite3.connect(corpus_db) as conn:
        assert conn.execute("select count(*) from documents where file = 'cong-van-15.md'").fetchone()[0] == 0
    save = preview.button_data()[0]
    answered, saved = await press(api, OFFICIAL, save)
    assert saved.method == "editMessageText" and "Đã lưu" in saved.text
    with sqlite3.connect(corpus_db) as conn:
        assert conn.execute("select count(*) from documents where file = 'cong-van-15.md'").fetchone()[0] == 1
    reply = await say(api, CITIZEN, "Phòng Văn hóa và Thông tin phải làm gì?")
    assert "chuyển đổi số" in reply.text
    # the same button again does nothing harmful
    _, again = await press(api, OFFICIAL, save)
    assert "hết hiệu lực" in again.text


async def test_an_upload_cancelled_is_not_stored(telegram_api, telegram_bot, corpus_db):
    api = telegram_api
    await make_official(api)
    mark = api.mark()
    api.document(OFFICIAL, "cong-van-15.md", DIRECTIVE.encode("utf-8"))
    preview = (await api.wait_for("sendMessage", chat_id=OFFICIAL, after=mark))[0]
    _, cancelled = await press(api, OFFICIAL, preview.button_data()[1])
    assert "Đã hủy" in cancelled.text
    with sqlite3.connect(corpus_db) as conn:
        assert conn.execute("select count(*) from documents where file = 'cong-van-15.md'").fetchone()[0] == 0


async def test_citizens_cannot_upload_and_bad_files_are_explained(telegram_api, telegram_bot):
    api = telegram_api
    mark = api.mark()
    api.document(CITIZEN, "cong-van-15.md", DIRECTIVE.encode("utf-8"))
    refusal = (await api.wait_for("sendMessage", chat_id=CITIZEN, after=mark))[0]
    assert "Chỉ cán bộ" in refusal.text
    assert not api.since(mark, "getFile")
    for name, content, expected in (("bao-cao.doc", b"\xd0\xcf\x11\xe0" + b"\0" * 100, "Word cũ"),
                                    ("trong.txt", b"   \n", "tệp rỗng"),
                                    ("anh.png", b"\x89PNG\r\n", "chưa hỗ trợ")):
        mark = api.mark()
        api.document(ADMIN_ID, name, content)
        reply = (await api.wait_for("sendMessage", chat_id=ADMIN_ID, after=mark))[0]
        assert "Không đọc được tệp" in reply.text and expected in reply.text, reply.text
    mark = api.mark()
    api.document(ADMIN_ID, "lon.pdf", b"x", file_size=50 * 1024 * 1024)
    reply = (await api.wait_for("sendMessage", chat_id=ADMIN_ID, after=mark))[0]
    assert "quá lớn" in reply.text


# ---- groups ------------------------------------------------------------------------------------------
async def test_in_groups_the_bot_answers_only_when_addressed(telegram_api, telegram_bot):
    api = telegram_api
    mark = api.mark()
    api.message(GROUP, "Phòng Tư pháp phải làm gì?", user_id=CITIZEN)          # people talking among themselves
    api.message(GROUP, f"@{api.username} Phòng Tư pháp phải làm gì?", user_id=CITIZEN)
    replies = await api.wait_for("sendMessage", chat_id=GROUP, after=mark)
    await api.wait_consumed(api.message(GROUP, "/hoi xa hop thanh phai lam gi", user_id=CITIZEN))
    replies = await api.wait_for("sendMessage", chat_id=GROUP, after=mark, count=2)
    assert len(replies) == 2
    assert "văn bản quy phạm pháp luật" in replies[0].text
    assert replies[0].params["reply_parameters"]["message_id"]
    assert "09/12/2019" in replies[1].text
    reply = await say(api, GROUP, "việc nào đã quá hạn?", user_id=CITIZEN, reply_to_bot=True)
    assert "quá hạn" in reply.text
    reply = await say(api, GROUP, f"/hoi@{api.username} Phòng Tư pháp phải làm gì?", user_id=CITIZEN)
    assert "văn bản quy phạm pháp luật" in reply.text
    api.document(GROUP, "cong-van-15.md", DIRECTIVE.encode("utf-8"), user_id=ADMIN_ID)      # files shared in the group
    api.message(GROUP, "/hoi@another_bot xin chào", user_id=CITIZEN)                       # a command for another bot
    reply = await say(api, GROUP, "/quahan", user_id=CITIZEN)
    assert "quá hạn" in reply.text
    assert len(api.sent(GROUP)) == 5
    # a directive sent to the bot in the group, by an admin: previewed
    mark = api.mark()
    api.document(GROUP, "cong-van-15.md", DIRECTIVE.encode("utf-8"), user_id=ADMIN_ID, caption=f"@{api.username} nạp giúp")
    preview = (await api.wait_for("sendMessage", chat_id=GROUP, after=mark))[0]
    assert "15/UBND-VP" in preview.text and preview.button_texts() == ["Lưu", "Hủy"]


# ---- alert subscriptions ---------------------------------------------------------------------------------
async def test_subscribe_and_unsubscribe(telegram_api, telegram_bot, corpus_db):
    from knowledge.store import Store
    from knowledge.subscriptions import subscriptions_of

    api = telegram_api
    reply = await say(api, CITIZEN, "/theodoi UBND xã Hợp Thành")
    assert "Đã đăng ký" in reply.text and "Hợp Thành" in reply.text
    # an ambiguous name: buttons to choose, and a press subscribes
    reply = await say(api, CITIZEN, "/theodoi Phòng Tư pháp")
    assert "khớp với nhiều đơn vị" in reply.text
    texts = reply.button_texts()
    assert len(texts) == 2 and "Bảo Lâm" in texts[0] and "Ngã Năm" in texts[1]
    _, done = await press(api, CITIZEN, reply.button_data()[0])
    assert "Đã đăng ký" in done.text and "Bảo Lâm" in done.text
    store = Store(corpus_db)
    labels = sorted(s.label for s in subscriptions_of(store, "telegram", CITIZEN))
    assert len(labels) == 2 and any("Hợp Thành" in x for x in labels) and any("Bảo Lâm" in x for x in labels)
    assert "Không tìm thấy đơn vị" in (await say(api, CITIZEN, "/theodoi Phòng Không Tồn Tại")).text
    assert "Hãy ghi tên đơn vị" in (await say(api, CITIZEN, "/theodoi")).text
    reply = await say(api, CITIZEN, "/huytheodoi UBND xã Hợp Thành")
    assert "Đã thôi theo dõi" in reply.text
    assert len(subscriptions_of(store, "telegram", CITIZEN)) == 1
    reply = await say(api, CITIZEN, "/huytheodoi")
    assert "Đã hủy mọi đăng ký" in reply.text
    assert subscriptions_of(store, "telegram", CITIZEN) == []
    assert "chưa đăng ký" in (await say(api, CITIZEN, "/huytheodoi")).text
    store.close()


async def test_an_occurrence_of_a_recurring_task_is_marked_done_from_a_digest_button(telegram_api, telegram_bot,
                                                                                     corpus_db):
    api = telegram_api
    answered, reply = await press(api, ADMIN_ID, "done:5.10:2019-12-31")
    assert "5.10" in reply.text and "31/12/2019" in reply.text
    with sqlite3.connect(corpus_db) as conn:
        rows = conn.execute("select occurrence, status from task_status where task_id = '5.10'").fetchall()
    assert rows == [("2019-12-31", "da_hoan_thanh")]
    reply = await say(api, ADMIN_ID, "/xong 5.10:2020-01-31 đã báo cáo tháng 1")
    assert "31/01/2020" in reply.text


async def test_document_facts_have_a_document_button(telegram_api, telegram_bot):
    reply = await say(telegram_api, CITIZEN, "Văn bản 276/UBND-NV do ai ký?")
    assert "Phạm Văn Lương" in reply.text
    data = reply.button_data()
    assert data and data[0].startswith("doc:")
    _, summary = await press(telegram_api, CITIZEN, data[0])
    assert "nhiệm vụ" in summary.text


async def test_invitations_are_never_shown_to_a_group_and_grant_by_reply(telegram_api, telegram_bot):
    api = telegram_api
    mark = api.mark()
    reply = await say(api, GROUP, "/moi", user_id=ADMIN_ID)
    assert "tin nhắn riêng" in reply.text and "/nhapma" not in reply.text
    private = await api.wait_for("sendMessage", chat_id=ADMIN_ID, after=mark)
    assert "/nhapma" in private[0].text
    api.block_chat(ADMIN_ID)
    reply = await say(api, GROUP, "/moi", user_id=ADMIN_ID)
    assert "trò chuyện riêng" in reply.text and "/nhapma" not in reply.text
    api.clear_failures()
    # an admin answers someone's message in the group with /capquyen
    mark = api.mark()
    api.push({"message": {"message_id": 9001, "date": 0, "chat": api.chat(GROUP), "from": api.user(ADMIN_ID),
                          "text": "/capquyen", "entities": api.entities_of("/capquyen"),
                          "reply_to_message": {"message_id": 9000, "date": 0, "chat": api.chat(GROUP),
                                               "from": api.user(OFFICIAL), "text": "cho tôi quyền cán bộ"}}})
    reply = (await api.wait_for("sendMessage", chat_id=GROUP, after=mark))[0]
    assert f"mã chat {OFFICIAL}" in reply.text
    await api.wait_for("sendMessage", chat_id=OFFICIAL, after=mark)           # told of the new role
    assert "đã hoàn thành" in (await say(api, OFFICIAL, "/xong 5.12")).text


async def test_a_docx_directive_is_read_and_previewed(telegram_api, telegram_bot, tmp_path):
    import docx

    document = docx.Document()
    for paragraph in DIRECTIVE.split("\n\n"):
        document.add_paragraph(paragraph.strip())
    path = tmp_path / "Công văn 15.docx"
    document.save(path)
    mark = telegram_api.mark()
    telegram_api.document(ADMIN_ID, path.name, path.read_bytes())
    preview = (await telegram_api.wait_for("sendMessage", chat_id=ADMIN_ID, after=mark))[0]
    assert "Công văn 15.docx" in preview.text and "15/UBND-VP" in preview.text and "2 nhiệm vụ" in preview.text


async def test_an_official_marks_one_occurrence_of_a_recurring_task(telegram_api, telegram_bot, corpus_db):
    """Digest buttons carry done:<task>:<occurrence>; only that occurrence is closed, and a bad one is refused."""
    api = telegram_api
    await make_official(api)
    _, reply = await press(api, OFFICIAL, "done:5.10:2019-12-31")
    assert "đã hoàn thành" in reply.text
    with sqlite3.connect(corpus_db) as conn:
        rows = conn.execute("select occurrence, status from task_status where task_id = '5.10'").fetchall()
    assert rows == [("2019-12-31", "da_hoan_thanh")]
    assert status_of(corpus_db, "5.10") == "chua_thuc_hien"
    _, reply = await press(api, OFFICIAL, "done:5.10:2019-12-15")     # not a day this task falls due
    assert "mã" in reply.text.lower()
