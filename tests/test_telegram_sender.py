"""TelegramSender, the delivery port for alerts: keyboards, splitting, RetryAfter, blocked chats."""
from __future__ import annotations

import time

import pytest

from bot.conversation import ChatRef
from bot.delivery import Button, ChatGone, DeliveryError, OutMessage


@pytest.fixture
async def sender(telegram_settings, corpus_db):
    from knowledge.answer import Engine
    from knowledge.store import Store

    from bot.channels.telegram import TelegramChannel
    from bot.conversation import Conversation

    store = Store(corpus_db)
    channel = TelegramChannel(telegram_settings, store, Conversation(Engine(store)))
    yield channel.sender
    await channel.sender.bot.shutdown()
    store.close()


def message(chat_id: int, text: str, buttons=()) -> OutMessage:
    return OutMessage(ChatRef("telegram", str(chat_id)), text, buttons)


async def test_send_with_an_inline_keyboard(telegram_api, sender):
    assert sender.channel == "telegram"
    await sender.send(message(42, "<b>Nhắc việc</b>: 1 việc quá hạn",
                              ((Button("Xem văn bản", "doc:5"), Button("Đánh dấu đã xong", "done:5.12")),)))
    call = telegram_api.calls_to("sendMessage", chat_id=42)[0]
    assert call.text == "<b>Nhắc việc</b>: 1 việc quá hạn" and call.params["parse_mode"] == "HTML"
    assert call.buttons == [[{"text": "Xem văn bản", "callback_data": "doc:5"},
                             {"text": "Đánh dấu đã xong", "callback_data": "done:5.12"}]]


async def test_long_messages_are_split_on_lines_with_the_keyboard_last(telegram_api, sender):
    text = "\n".join(f"{i}. việc số {i} " + "x" * 80 for i in range(200))        # ~18,000 characters
    await sender.send(message(42, text, ((Button("Xem thêm", "more"),),)))
    calls = telegram_api.calls_to("sendMessage", chat_id=42)
    assert len(calls) >= 5 and all(len(c.text) <= 4096 for c in calls)
    assert "\n".join(c.text for c in calls) == text
    assert [bool(c.buttons) for c in calls] == [False] * (len(calls) - 1) + [True]


async def test_retry_after_is_waited_out(telegram_api, sender):
    telegram_api.throttle_chat(42, retry_after=1, times=1)
    started = time.monotonic()
    await sender.send(message(42, "Nhắc việc"))
    assert time.monotonic() - started >= 1.0
    statuses = [c.status for c in telegram_api.calls_to("sendMessage", chat_id=42, ok_only=False)]
    assert statuses == [429, 200]


async def test_a_blocked_chat_is_gone(telegram_api, sender):
    telegram_api.block_chat(43)
    with pytest.raises(ChatGone):
        await sender.send(message(43, "Nhắc việc"))


async def test_other_errors_are_delivery_errors(telegram_api, sender):
    telegram_api.fail_method("sendMessage", 400, "Bad Request: message thread not found")
    with pytest.raises(DeliveryError) as e:
        await sender.send(message(44, "Nhắc việc"))
    assert not isinstance(e.value, ChatGone)


async def test_refused_markup_is_sent_as_plain_text(telegram_api, sender):
    await sender.send(message(45, "<b>chưa đóng thẻ & vẫn gửi được"))
    ok = telegram_api.calls_to("sendMessage", chat_id=45)
    assert len(ok) == 1 and ok[0].text == "chưa đóng thẻ & vẫn gửi được"
