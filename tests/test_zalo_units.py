"""The Zalo pieces on their own: update parsing, splitting, the client's error mapping, the sender, the inbox."""
from __future__ import annotations

import socket
from datetime import datetime, timedelta, timezone

import pytest

from knowledge import inbox
from knowledge.store import Store

from bot.channels.zalo import ZaloSender, _Flood
from bot.channels.zalo_client import (MAX_TEXT, ZaloApiError, ZaloClient, ZaloNetworkError, ZaloUpdate,
                                      from_millis, split_text)
from bot.channels.zalo_webhook import secret_ok
from bot.conversation import ChatRef
from bot.delivery import Button, ChatGone, DeliveryError, OutMessage

from tests.fakes.zalo_api import FakeZalo


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "kb.db")
    yield s
    s.close()


@pytest.fixture
def api():
    with FakeZalo(idle_wait=0.02) as fake:
        yield fake


# ---- updates -----------------------------------------------------------------------------------

DOC_SAMPLE = {  # the getUpdates sample of the platform's documentation (no event_name in it)
    "ok": True,
    "result": {"message": {"chat": {"id": "e4ea2cd5189df1c3a88c", "chat_type": "PRIVATE"}, "text": "Xin chào",
                           "message_id": "16f6366b3f02645a3d15", "date": 1766619597466,
                           "from": {"id": "e4ea2cd5189df1c3a88c", "first_name": "Nguyen Van A"}}},
}


def test_the_documented_update_parses_wrapped_or_bare():
    for body in (DOC_SAMPLE, DOC_SAMPLE["result"]):
        u = ZaloUpdate.parse(body)
        assert u.is_text and u.text == "Xin chào"
        assert u.message_id == "16f6366b3f02645a3d15"
        assert u.chat_id == u.from_id == "e4ea2cd5189df1c3a88c"
        assert u.from_name == "Nguyen Van A" and not u.is_group
        assert u.date == datetime(2025, 12, 24, 23, 39, 57, 466000, tzinfo=timezone.utc)


def test_ids_are_strings_and_other_events_are_not_text():
    u = ZaloUpdate.parse({"event_name": "message.sticker.received",
                          "message": {"message_id": 12345, "chat": {"id": 678, "chat_type": "GROUP"},
                                      "from": {"id": 9, "display_name": "An"}, "sticker": "x", "date": "1749632637199"}})
    assert (u.message_id, u.chat_id, u.from_id) == ("12345", "678", "9")
    assert not u.is_text and u.is_group and u.text is None
    assert u.date.year == 2025
    assert ZaloUpdate.parse({"event_name": "user.follow"}) is None
    assert ZaloUpdate.parse(["not", "a", "dict"]) is None


def test_dates_are_milliseconds():
    assert from_millis(1749632637199) == datetime(2025, 6, 11, 9, 3, 57, 199000, tzinfo=timezone.utc)
    assert from_millis(1749632637) == from_millis(1749632637000)       # seconds, leniently
    assert from_millis(None) is None and from_millis("soon") is None


# ---- splitting ----------------------------------------------------------------------------------

def test_short_texts_are_one_piece():
    assert split_text("Xin chào") == ["Xin chào"]
    assert split_text("") == [] and split_text("\n \n") == []
    assert split_text("x" * MAX_TEXT) == ["x" * MAX_TEXT]


def test_long_texts_split_on_line_boundaries():
    lines = [f"{i:03d}. " + "Ủy ban nhân dân xã báo cáo kết quả " * 3 for i in range(60)]
    text = "\n".join(lines)
    pieces = split_text(text)
    assert len(pieces) > 1 and all(len(p) <= MAX_TEXT for p in pieces)
    assert [ln for p in pieces for ln in p.split("\n")] == lines      # no line lost, none cut


def test_a_single_huge_line_is_cut_at_spaces_then_anywhere():
    words = " ".join(["nhiệm-vụ"] * 600)
    pieces = split_text(words, 500)
    assert all(len(p) <= 500 for p in pieces)
    assert " ".join(pieces).split() == words.split()
    solid = "x" * 1250
    assert split_text(solid, 500) == ["x" * 500, "x" * 500, "x" * 250]


# ---- the client --------------------------------------------------------------------------------

@pytest.mark.parametrize("style", ["http", "envelope"])
async def test_idle_getupdates_is_an_empty_list(api, style):
    api.idle_style = style
    client = ZaloClient(api.token, api.url)
    try:
        assert await client.get_updates(timeout=1) == []
        api.message("u1", "chào")
        [u] = await client.get_updates(timeout=1)
    finally:
        await client.aclose()
    assert u.text == "chào" and u.chat_id == "u1"


async def test_errors_carry_the_code_and_never_the_token(api):
    client = ZaloClient(api.token, api.url)
    bad = ZaloClient("999:wrong-token-value", api.url)
    api.fail("sendMessage", status=400, error_code=400, description="chat not found")
    try:
        with pytest.raises(ZaloApiError) as refused:
            await client.send_message("u1", "x")
        with pytest.raises(ZaloApiError) as unauthorized:
            await bad.get_me()
        with pytest.raises(ValueError):
            await client.send_message("u1", "x" * (MAX_TEXT + 1))
    finally:
        await client.aclose()
        await bad.aclose()
    assert refused.value.error_code == 400 and refused.value.description == "chat not found"
    assert unauthorized.value.error_code == 401


async def test_network_errors_do_not_leak_the_token():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]           # closed again: nothing listens there
    token = "123:secret-token-value"
    client = ZaloClient(token, f"http://127.0.0.1:{port}")
    try:
        with pytest.raises(ZaloNetworkError) as e:
            await client.get_me()
    finally:
        await client.aclose()
    assert token not in str(e.value) and "secret-token-value" not in repr(e.value)


# ---- the sender ---------------------------------------------------------------------------------

def sender_for(api, store):
    naps: list[float] = []

    async def nap(seconds: float) -> None:
        naps.append(seconds)

    return ZaloSender(ZaloClient(api.token, api.url), store, sleep=nap), naps


async def test_buttons_become_numbered_choices_remembered_per_chat(api, store):
    sender, _ = sender_for(api, store)
    message = OutMessage(ChatRef("zalo", "u1"), "Nhắc việc ngày 10/12/2019",
                         ((Button("Đánh dấu đã xong: việc 1", "/xong 5.12"),),
                          (Button("Đánh dấu đã xong: việc 2", "/xong 5.10:2019-12-31"),)))
    await sender.send(message)
    await sender.client.aclose()
    [sent] = api.texts("u1")
    assert sent.endswith("Trả lời bằng số để chọn:\n1. Đánh dấu đã xong: việc 1\n2. Đánh dấu đã xong: việc 2")
    assert inbox.chosen(store, "zalo", "u1", 2) == "/xong 5.10:2019-12-31"
    assert inbox.chosen(store, "zalo", "u2", 1) is None


async def test_rate_limits_are_waited_out(api, store):
    sender, naps = sender_for(api, store)
    api.fail("sendMessage", status=429, error_code=429, description="Too many requests", times=2)
    await sender.send(OutMessage(ChatRef("zalo", "u1"), "xin chào"))
    await sender.client.aclose()
    assert api.texts("u1") == ["xin chào"]
    assert naps == [1, 2]


async def test_a_blocked_chat_is_gone_and_a_server_error_is_a_delivery_error(api, store):
    sender, naps = sender_for(api, store)
    api.fail("sendMessage", status=403, error_code=403, description="User blocked the bot")
    with pytest.raises(ChatGone):
        await sender.send(OutMessage(ChatRef("zalo", "u1"), "xin chào"))
    api.fail("sendMessage", status=500, times=10)
    with pytest.raises(DeliveryError):
        await sender.send(OutMessage(ChatRef("zalo", "u1"), "xin chào"))
    with pytest.raises(ValueError):
        await sender.send(OutMessage(ChatRef("telegram", "42"), "xin chào"))
    await sender.client.aclose()
    assert api.texts("u1") == []


# ---- inbox, flood, secret ---------------------------------------------------------------------------

def test_seen_before_is_persisted_per_channel(tmp_path):
    path = tmp_path / "kb.db"
    store = Store(path)
    assert inbox.seen_before(store, "zalo", "m1") is False
    assert inbox.seen_before(store, "zalo", "m1") is True
    assert inbox.seen_before(store, "telegram", "m1") is False
    store.close()
    again = Store(path)
    assert inbox.seen_before(again, "zalo", "m1") is True
    later = datetime.now(timezone.utc) + timedelta(days=31)
    assert inbox.forget_seen(again, "zalo", now=later) == 1
    assert inbox.seen_before(again, "zalo", "m1") is False
    again.close()


def test_choices_expire_and_are_replaced(store):
    inbox.offer_choices(store, "zalo", "u1", [("A", "/a"), ("B", "/b")])
    assert inbox.has_choices(store, "zalo", "u1") == 2
    inbox.offer_choices(store, "zalo", "u1", [("C", "/c")])
    assert inbox.chosen(store, "zalo", "u1", 1) == "/c" and inbox.chosen(store, "zalo", "u1", 2) is None
    week_later = datetime.now(timezone.utc) + timedelta(days=8)
    assert inbox.chosen(store, "zalo", "u1", 1, now=week_later) is None
    assert inbox.has_choices(store, "zalo", "u1", now=week_later) == 0


def test_flood_allows_a_rate_then_warns_once_a_minute():
    now = [0.0]
    flood = _Flood(2, clock=lambda: now[0])
    assert [flood.check("u1") for _ in range(4)] == ["ok", "ok", "warn", "drop"]
    assert flood.check("u2") == "ok"
    now[0] = 61
    assert flood.check("u1") == "ok"


def test_secret_comparison():
    assert secret_ok("abcdefgh", "abcdefgh")
    assert not secret_ok("abcdefgX", "abcdefgh") and not secret_ok(None, "abcdefgh") and not secret_ok("", "abcdefgh")
    assert not secret_ok("bí mật", "bi mat")
