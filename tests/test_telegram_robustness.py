"""Hostile, huge and failing input never stops the Telegram bot (real PTB stack, fake Bot API)."""
from __future__ import annotations

import asyncio
import logging
import time

import aiohttp
import pytest

from bot.config import Settings
from tests.conftest import ADMIN_ID
from tests.test_telegram_e2e import CITIZEN, say


async def still_answers(api, chat_id: int = CITIZEN) -> None:
    reply = await say(api, chat_id, "xa hop thanh phai lam gi")
    assert "09/12/2019" in reply.text


async def test_hostile_html_is_escaped(telegram_api, telegram_bot):
    api = telegram_api
    reply = await say(api, CITIZEN, "/vanban <b>1</b> & <script>alert(1)</script>")
    assert reply.status == 200                                 # the fake parses HTML like Telegram does
    assert "&lt;b&gt;1&lt;/b&gt; &amp; &lt;script&gt;" in reply.text
    reply = await say(api, CITIZEN, "<b>Phòng Tư pháp</b> & <i>phải làm gì?")
    assert reply.status == 200 and "văn bản quy phạm pháp luật" in reply.text
    reply = await say(api, ADMIN_ID, "/xong <b>1</b>&amp;")
    assert "&lt;b&gt;1&lt;/b&gt;&amp;amp" in reply.text
    assert not api.calls_to("sendMessage", ok_only=False) or all(
        c.status == 200 for c in api.calls_to("sendMessage", ok_only=False))
    await still_answers(api)


async def test_a_huge_message_gets_a_sensible_reply(telegram_api, telegram_bot):
    api = telegram_api
    started = time.monotonic()
    reply = await say(api, CITIZEN, "Phòng Tư pháp " * 800_000)           # ~11 MB of text
    assert "quá dài" in reply.text
    assert time.monotonic() - started < 15
    await still_answers(api)


async def test_a_crash_in_one_update_gets_a_polite_reply_and_the_bot_goes_on(telegram_api, telegram_bot, caplog,
                                                                            monkeypatch):
    api = telegram_api
    real = telegram_bot.conv.answer

    def broken(chat, text, **kw):
        if "gây lỗi" in text:
            raise RuntimeError(f"boom with {api.token} inside")
        return real(chat, text, **kw)

    monkeypatch.setattr(telegram_bot.conv, "answer", broken)
    with caplog.at_level(logging.ERROR):
        reply = await say(api, CITIZEN, "câu hỏi gây lỗi")
    assert "Xin lỗi" in reply.text
    assert "RuntimeError" in caplog.text and api.token not in caplog.text
    await still_answers(api)


async def test_the_bot_survives_failing_getupdates(telegram_api, telegram_bot):
    telegram_api.fail_method("getUpdates", 502, "Bad Gateway", times=2)
    await still_answers(telegram_api)


async def test_a_refused_markup_falls_back_to_plain_text(telegram_api, telegram_bot, monkeypatch):
    import bot.channels.telegram as tg

    monkeypatch.setattr(tg, "render", lambda answer, channel: "<b>unclosed & broken")
    api = telegram_api
    mark = api.mark()
    api.message(CITIZEN, "Phòng Tư pháp phải làm gì?")
    sent = await api.wait_for("sendMessage", chat_id=CITIZEN, after=mark)
    assert sent[0].text == "unclosed & broken" and "parse_mode" not in sent[0].params


# ---- per-chat rate limit ---------------------------------------------------------------------------
@pytest.fixture
def telegram_settings(telegram_api) -> Settings:
    return Settings(telegram_token=telegram_api.token, telegram_api_url=telegram_api.url,
                    admin_chat_ids=frozenset({str(ADMIN_ID)}), rate_limit_per_minute=3)


async def test_flooding_is_refused_politely_per_chat(telegram_api, telegram_bot):
    api = telegram_api
    mark = api.mark()
    ids = [api.message(CITIZEN, "Phòng Tư pháp phải làm gì?") for _ in range(6)]
    await api.wait_consumed(ids[-1])
    await still_answers(api, 2002)                              # another chat is not limited
    replies = api.since(mark, "sendMessage", chat_id=CITIZEN)
    assert len(replies) == 4
    assert "quá nhanh" in replies[3].text
    assert all("văn bản quy phạm pháp luật" in r.text for r in replies[:3])
    # chatter in a group that is not for the bot does not use up the group's allowance
    for _ in range(5):
        api.message(-100777, "chào cả nhà", user_id=5)
    reply = await say(api, -100777, f"@{api.username} xa hop thanh phai lam gi", user_id=5)
    assert "09/12/2019" in reply.text
    assert len(api.sent(-100777)) == 1


# ---- webhook ---------------------------------------------------------------------------------------------
def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def test_webhook_mode_checks_the_secret_token(telegram_api, corpus_db):
    from knowledge.answer import Engine
    from knowledge.store import Store

    from bot.channels.telegram import TelegramChannel
    from bot.conversation import Conversation

    settings = Settings(telegram_token=telegram_api.token, telegram_api_url=telegram_api.url,
                        webhook_secret="s3cret-token_1")
    store = Store(corpus_db)
    channel = TelegramChannel(settings, store, Conversation(Engine(store)))
    port = _free_port()
    stop = asyncio.Event()
    task = asyncio.create_task(channel.run(stop, webhook="https://bot.example.vn/tg/hook", port=port,
                                           listen="127.0.0.1"))
    try:
        await telegram_api.wait_for("setWebhook")
        hook = telegram_api.calls_to("setWebhook")[0].params
        assert hook["url"] == "https://bot.example.vn/tg/hook" and hook["secret_token"] == "s3cret-token_1"
        update = {"update_id": 1, "message": {
            "message_id": 5, "date": int(time.time()), "chat": {"id": CITIZEN, "type": "private", "first_name": "A"},
            "from": {"id": CITIZEN, "is_bot": False, "first_name": "A"}, "text": "xa hop thanh phai lam gi"}}
        async with aiohttp.ClientSession() as http:
            for _ in range(100):                       # the webhook server starts right after setWebhook
                try:
                    async with http.post(f"http://127.0.0.1:{port}/tg/hook", json=update,
                                         headers={"X-Telegram-Bot-Api-Secret-Token": "wrong"}) as r:
                        assert r.status == 403
                    break
                except aiohttp.ClientConnectionError:
                    await asyncio.sleep(0.05)
            async with http.post(f"http://127.0.0.1:{port}/tg/hook", json=update,
                                 headers={"X-Telegram-Bot-Api-Secret-Token": "s3cret-token_1"}) as r:
                assert r.status == 200
        sent = await telegram_api.wait_for("sendMessage", chat_id=CITIZEN)
        assert len(sent) == 1 and "09/12/2019" in sent[0].text
    finally:
        stop.set()
        await asyncio.wait_for(task, 10)
        store.close()
