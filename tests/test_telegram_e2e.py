"""End to end: the real python-telegram-bot HTTP stack against the fake Bot API on 127.0.0.1."""
from __future__ import annotations

import pytest

from tests.conftest import ADMIN_ID

CITIZEN = 2001
OFFICIAL = 3001


async def test_question_about_bundled_directives(telegram_api, telegram_bot):
    telegram_api.message(CITIZEN, "Phòng Tư pháp phải làm gì?")
    calls = await telegram_api.wait_for("sendMessage", chat_id=CITIZEN)
    assert "văn bản quy phạm pháp luật" in calls[0].text
    assert telegram_api.calls_to("sendChatAction", chat_id=CITIZEN)
    assert telegram_api.calls_to("getMe") and telegram_api.calls_to("setMyCommands")
