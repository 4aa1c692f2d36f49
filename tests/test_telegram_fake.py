"""The fake Bot API itself, through PTB's real Bot: documents, files, webhooks, tokens, the control endpoints."""
from __future__ import annotations

import json
import urllib.request

import pytest
from telegram import Bot
from telegram.error import InvalidToken

from tests.fakes.telegram_api import FakeTelegram


def bot_for(api: FakeTelegram, token: str | None = None) -> Bot:
    return Bot(token or api.token, base_url=f"{api.url}/bot", base_file_url=f"{api.url}/file/bot")


async def test_send_document_then_download_it(telegram_api):
    async with bot_for(telegram_api) as bot:
        sent = await bot.send_document(42, document=b"noi dung", filename="bao-cao.txt", caption="Báo cáo")
        assert sent.document.file_name == "bao-cao.txt"
        file = await bot.get_file(sent.document.file_id)
        assert bytes(await file.download_as_bytearray()) == b"noi dung"
    call = telegram_api.calls_to("sendDocument", chat_id=42)[0]
    assert call.files["document"] == b"noi dung" and call.text == "Báo cáo"


async def test_webhook_and_commands_are_recorded(telegram_api):
    async with bot_for(telegram_api) as bot:
        assert await bot.set_webhook("https://example.vn/hook", secret_token="abc")
        assert (await bot.get_webhook_info()).url == "https://example.vn/hook"
        assert await bot.delete_webhook()
        assert await bot.send_chat_action(1, "typing")
    assert [c.method for c in telegram_api.calls_to(None)][-4:] == ["setWebhook", "getWebhookInfo", "deleteWebhook",
                                                                    "sendChatAction"]


async def test_a_wrong_token_is_refused(telegram_api):
    with pytest.raises(InvalidToken):
        async with bot_for(telegram_api, "1:wrong"):
            pass


async def test_updates_are_served_once_confirmed(telegram_api):
    first = telegram_api.message(5, "một")
    second = telegram_api.message(5, "hai")
    async with bot_for(telegram_api) as bot:
        updates = await bot.get_updates(timeout=0)
        assert [u.message.text for u in updates] == ["một", "hai"]
        assert (await bot.get_updates(offset=second + 1, timeout=0)) == ()
        assert telegram_api.confirmed_offset == second + 1 > first


def test_control_endpoints_for_manual_runs(telegram_api):
    request = urllib.request.Request(f"{telegram_api.url}/_fake/message", method="POST",
                                     data=json.dumps({"chat_id": 9, "text": "/start"}).encode(),
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=5) as r:
        assert json.load(r)["update_id"] == 1
    with urllib.request.urlopen(f"{telegram_api.url}/_fake/sent", timeout=5) as r:
        assert json.load(r) == []
