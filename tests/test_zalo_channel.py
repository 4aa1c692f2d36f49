"""End to end: the Zalo channel polling a fake Zalo Bot API on 127.0.0.1, over the bundled directives."""
from __future__ import annotations

import asyncio
from dataclasses import replace

import pytest

from knowledge import inbox
from knowledge.store import STATUS_DONE, Store

from tests.fakes.zalo_api import FakeZalo, RunningChannel, corpus_db, api, db  # noqa: F401 (fixtures)


async def test_a_question_is_answered_from_the_directives(api, db):
    async with RunningChannel(api, db):
        api.message("u1", "xa hop thanh phai lam gi")
        [reply] = await api.wait_for("sendMessage", chat_id="u1")
    assert "UBND xã Hợp Thành" in reply.text
    assert "09/12/2019" in reply.text
    assert "276/UBND-NV" in reply.text
    assert "<b>" not in reply.text                     # plain text on Zalo
    assert api.calls_of("sendChatAction")[0].params == {"chat_id": "u1", "action": "typing"}
    assert api.calls_of("getMe")
    # getUpdates sends its timeout as a string, as documented
    assert api.calls_of("getUpdates")[0].params == {"timeout": "1"}


async def test_a_message_served_twice_is_answered_once_even_across_a_restart(api, db):
    async with RunningChannel(api, db):
        first = api.message("u1", "Việc nào đã quá hạn?")
        await api.wait_for(chat_id="u1")
        api.replay(first["message"]["message_id"])
        await api.wait_idle()
        assert len(api.sent("u1")) == 1
    # a new process on the same database: the old message comes back, a new one arrives
    async with RunningChannel(api, db):
        api.replay(first["message"]["message_id"])
        api.message("u1", "Văn bản 276/UBND-NV do ai ký?")
        await api.wait_for(chat_id="u1", count=2)
        await api.wait_idle()
    texts = api.texts("u1")
    assert len(texts) == 2
    assert "Phạm Văn Lương" in texts[1]
    store = Store(db)
    assert inbox.seen_before(store, "zalo", first["message"]["message_id"]) is True


@pytest.mark.parametrize("style", ["http", "envelope"])
async def test_idle_polls_408_are_not_errors(db, style, caplog):
    with FakeZalo(idle_wait=0.02, idle_style=style) as api:
        async with RunningChannel(api, db):
            await api.wait_idle(polls=5)
            api.message("u1", "Phòng Tư pháp phải làm gì?")
            [reply] = await api.wait_for(chat_id="u1")
    assert "Phòng Tư pháp" in reply.text
    assert api.idle_polls >= 5
    assert not [r for r in caplog.records if r.name == "chidao.zalo" and r.levelname in ("WARNING", "ERROR")]


async def test_getupdates_errors_are_waited_out(api, db):
    api.fail("getUpdates", status=502, description="Bad gateway", times=2)
    async with RunningChannel(api, db):
        api.message("u1", "xa hop thanh phai lam gi")
        [reply] = await api.wait_for(chat_id="u1")
    assert "09/12/2019" in reply.text
    assert [c.status for c in api.calls_of("getUpdates")][:2] == [502, 502]


async def test_long_answers_are_split_on_line_boundaries(api, db):
    async with RunningChannel(api, db):
        api.message("u1", "tóm tắt văn bản 276/UBND-NV")
        await api.wait_for(chat_id="u1", count=2)
        await api.wait_idle()
    pieces = api.texts("u1")
    assert len(pieces) == 2 and sum(map(len, pieces)) > 2000
    assert all(1 <= len(p) <= 2000 for p in pieces)
    assert not [c for c in api.calls_of("sendMessage") if c.status != 200]
    # cut where a line ended: the pieces put back together are the answer's lines, none cut in two
    assert pieces[0].startswith("Công văn 276/UBND-NV")
    lines = "\n".join(pieces).split("\n")
    assert all(line.startswith(("- ", "Công văn", "Trích yếu", "Người ký", "Các ", "UBND", "Cơ quan", "Nguồn", "Chủ", ""))
               or line[:1].isupper() for line in lines)
    assert not pieces[1].startswith((" ", "…"))


async def test_other_events_get_a_polite_reply(api, db):
    async with RunningChannel(api, db):
        api.event("u1", "message.image.received", photo="https://example.invalid/a.jpg")
        api.event("u2", "message.sticker.received", sticker="0e078a2fb66a5f34067b")
        [image] = await api.wait_for(chat_id="u1")
        [sticker] = await api.wait_for(chat_id="u2")
    assert "chỉ đọc được tin nhắn chữ" in image.text and "hình ảnh" in image.text
    assert "nhãn dán" in sticker.text


async def say(api, chat_id: str, text: str, **kw) -> str:
    """Send one message and return everything the bot answered to it."""
    before = len(api.sent(chat_id))
    api.message(chat_id, text, **kw)
    await api.wait_for(chat_id=chat_id, count=before + 1)
    await api.wait_idle()
    return "\n".join(api.texts(chat_id)[before:])


async def test_commands_mirror_telegram(api, db):
    async with RunningChannel(api, db):
        help_ = await say(api, "u1", "/help")
        overdue = await say(api, "u1", "/quahan")
        unit = await say(api, "u1", "/donvi UBND xã Hợp Thành")
        doc = await say(api, "u1", "/vanban 276/UBND-NV")
        docs = await say(api, "u1", "/vanban")
        unknown = await say(api, "u1", "/lenhla")
        usage = await say(api, "u1", "/donvi")
    assert "/theodoi" in help_ and "/quahan" in help_
    assert "/xong" not in help_                       # citizens do not see officials' commands
    assert "quá hạn" in overdue and "09/12/2019" in overdue
    assert "Hợp Thành" in unit and "5.12" in unit
    assert "Phạm Văn Lương" in doc
    assert "Có 5 văn bản" in docs
    assert "/lenhla" in unknown and "/help" in unknown
    assert "/donvi Phòng Tư pháp" in usage


async def test_citizens_cannot_mark_a_task_done_officials_can_by_number(api, db):
    async with RunningChannel(api, db, admins={"boss"}) as ch:
        api.message("citizen", "/xong 5.12")
        [refused] = await api.wait_for(chat_id="citizen")
        api.message("boss", "xa hop thanh phai lam gi")
        [answer] = await api.wait_for(chat_id="boss")
        # no buttons on Zalo: numbered choices, and the number is typed back
        assert "Trả lời bằng số để chọn:" in answer.text
        assert "1. Đánh dấu đã xong việc 5.11" in answer.text
        assert "2. Đánh dấu đã xong việc 5.12" in answer.text
        api.message("boss", "2")
        done = await api.wait_for(chat_id="boss", count=2)
        api.message("boss", "7")
        bad = await api.wait_for(chat_id="boss", count=3)
        status = ch.store.task("5.12").status
        # a new answer without choices: "1" is no longer the old first choice
        api.message("boss", "Văn bản 276/UBND-NV do ai ký?")
        api.message("boss", "1")
        later = await api.wait_for(chat_id="boss", count=5)
        assert "Phạm Văn Lương" in later[3].text and "Không có lựa chọn" not in later[4].text
        assert ch.store.task("5.11").status != STATUS_DONE
    assert "Chỉ cán bộ" in refused.text
    assert "việc 5.12 đã hoàn thành" in done[1].text
    assert status == STATUS_DONE
    assert "Không có lựa chọn số 7" in bad[2].text
    assert Store(db).status_history("5.12")[-1]["by_chat"] == "zalo:boss"


async def test_more_results_are_a_numbered_choice(api, db, monkeypatch):
    async with RunningChannel(api, db) as ch:
        real = ch.conv.answer
        asked = []

        def paged(chat, text, **kw):          # the bundled directives have no list longer than a page
            asked.append(text)
            answer = real(chat, "xa hop thanh phai lam gi", **kw)
            return replace(answer, total=len(answer.tasks) + 8)

        monkeypatch.setattr(ch.conv, "answer", paged)
        api.message("u1", "Việc của xã Hợp Thành?")
        [first] = await api.wait_for(chat_id="u1")
        api.message("u1", "1")
        await api.wait_for(chat_id="u1", count=2)
    assert "Trả lời bằng số để chọn:\n1. Xem thêm" in first.text
    assert asked == ["Việc của xã Hợp Thành?", "xem thêm"]


async def test_in_groups_only_commands_are_answered(api, db):
    async with RunningChannel(api, db):
        api.message("g1", "xa hop thanh phai lam gi", chat_type="GROUP", from_id="u9")
        api.event("g1", "message.sticker.received", chat_type="GROUP", from_id="u9")
        await api.wait_idle()
        assert api.sent("g1") == []
        api.message("g1", "/hoi xa hop thanh phai lam gi", chat_type="GROUP", from_id="u9")
        [reply] = await api.wait_for(chat_id="g1")
    assert "09/12/2019" in reply.text


async def test_flooding_is_answered_once_then_ignored(api, db):
    async with RunningChannel(api, db, rate_limit=2):
        for i in range(5):
            api.message("u1", f"Phòng Tư pháp phải làm gì? {i}")
        await api.wait_for(chat_id="u1", count=3)
        await api.wait_idle()
    texts = api.texts("u1")
    assert len(texts) == 3
    assert "gửi nhanh quá" in texts[2]


async def test_a_webhook_left_over_is_removed_before_polling(api, db):
    api.webhook = {"url": "https://old.example.invalid/hook", "secret_token": "old-secret"}
    async with RunningChannel(api, db):
        api.message("u1", "xa hop thanh phai lam gi")
        await api.wait_for(chat_id="u1")
    assert api.calls_of("deleteWebhook")


async def test_a_crash_in_one_update_never_stops_the_bot(api, db, monkeypatch):
    async with RunningChannel(api, db) as ch:
        real = ch.conv.answer

        def boom(chat, text, **kw):
            if "boom" in text:
                raise RuntimeError("boom")
            return real(chat, text, **kw)

        monkeypatch.setattr(ch.conv, "answer", boom)
        api.message("u1", "boom")
        [sorry] = await api.wait_for(chat_id="u1")
        api.message("u1", "xa hop thanh phai lam gi")
        replies = await api.wait_for(chat_id="u1", count=2)
    assert "Xin lỗi" in sorry.text
    assert "09/12/2019" in replies[1].text


async def test_stop_is_prompt_even_during_a_long_poll(db):
    with FakeZalo(idle_wait=30) as api:
        runner = RunningChannel(api, db, poll_timeout=30)
        await runner.__aenter__()
        await asyncio.sleep(0.2)
        loop = asyncio.get_running_loop()
        started = loop.time()
        await runner.__aexit__(None, None, None)
        assert loop.time() - started < 2
