"""Webhook mode: the secret header is enforced, the answer is immediate, the update is handled in the background."""
from __future__ import annotations

import asyncio
import json

import httpx
import pytest

from tests.fakes.zalo_api import FakeZalo, RunningChannel, corpus_db, api, db  # noqa: F401 (fixtures)

SECRET = "s3cret-Token_for-tests"
HOOK = "https://bot.example.invalid/zalo/hook"


def webhook(api, db, **kw):
    return RunningChannel(api, db, webhook_url=HOOK, webhook_host="127.0.0.1", webhook_port=0, secret=SECRET, **kw)


async def listening(ch) -> str:
    for _ in range(500):
        if ch.webhook_address:
            host, port = ch.webhook_address[:2]
            return f"http://{host}:{port}/zalo/hook"
        await asyncio.sleep(0.01)
    raise AssertionError("the webhook server did not start")


async def post(url: str, body, secret: str | None = SECRET) -> httpx.Response:
    headers = {"Content-Type": "application/json"}
    if secret is not None:
        headers["X-Bot-Api-Secret-Token"] = secret
    async with httpx.AsyncClient(timeout=5) as http:
        return await http.post(url, content=json.dumps(body), headers=headers)


async def test_the_webhook_is_registered_with_its_secret_and_polling_is_off(api, db):
    async with webhook(api, db) as ch:
        await listening(ch)
        await api.wait_for("setWebhook")
        await asyncio.sleep(0.1)
    assert api.webhook == {"url": HOOK, "secret_token": SECRET}
    assert api.calls_of("getUpdates") == []


async def test_a_wrong_or_missing_secret_is_refused_and_nothing_is_processed(api, db):
    update = api.update("u1", text="xa hop thanh phai lam gi", message_id="w-1")
    async with webhook(api, db) as ch:
        url = await listening(ch)
        wrong = await post(url, update, secret="not-the-secret")
        almost = await post(url, update, secret=SECRET[:-1])
        missing = await post(url, update, secret=None)
        await asyncio.sleep(0.2)
        assert api.sent() == []
        assert api.calls_of("sendChatAction") == []
        # the refused update was not even recorded: the genuine delivery is answered
        right = await post(url, update)
        [reply] = await api.wait_for(chat_id="u1")
    assert (wrong.status_code, almost.status_code, missing.status_code) == (403, 403, 403)
    assert right.status_code == 200
    assert "09/12/2019" in reply.text


async def test_wrapped_and_bare_updates_are_accepted_and_a_retry_is_answered_once(api, db):
    async with webhook(api, db) as ch:
        url = await listening(ch)
        bare = api.update("u1", text="Phòng Tư pháp phải làm gì?", message_id="w-bare")
        wrapped = {"ok": True, "result": api.update("u2", text="xa hop thanh phai lam gi", message_id="w-wrapped")}
        assert (await post(url, bare)).status_code == 200
        assert (await post(url, wrapped)).status_code == 200
        await api.wait_for(chat_id="u1")
        await api.wait_for(chat_id="u2")
        assert (await post(url, bare)).status_code == 200          # Zalo retrying the same update
        await asyncio.sleep(0.3)
    assert len(api.sent("u1")) == 1 and len(api.sent("u2")) == 1
    assert "Phòng Tư pháp" in api.texts("u1")[0]
    assert "09/12/2019" in api.texts("u2")[0]


async def test_the_answer_is_immediate_and_the_work_happens_afterwards(api, db):
    async with webhook(api, db) as ch:
        url = await listening(ch)
        gate = asyncio.Event()
        real = ch.handle_update

        async def slow(update):
            await gate.wait()
            await real(update)

        ch.handle_update = slow
        response = await post(url, api.update("u1", text="xa hop thanh phai lam gi"))
        assert response.status_code == 200 and response.json() == {"ok": True}
        assert api.sent() == []                                    # answered before any work was done
        gate.set()
        [reply] = await api.wait_for(chat_id="u1")
    assert "09/12/2019" in reply.text


async def test_bodies_that_are_not_updates(api, db):
    async with webhook(api, db) as ch:
        url = await listening(ch)
        async with httpx.AsyncClient(timeout=5) as http:
            not_json = await http.post(url, content=b"{not json", headers={"X-Bot-Api-Secret-Token": SECRET})
            get = await http.get(url, headers={"X-Bot-Api-Secret-Token": SECRET})
        no_message = await post(url, {"event_name": "user.follow"})
        await asyncio.sleep(0.1)
    assert not_json.status_code == 400
    assert get.status_code == 405
    assert no_message.status_code == 200
    assert api.sent() == []


async def test_webhook_mode_without_a_secret_does_not_start(api, db, caplog):
    async with RunningChannel(api, db, webhook_url=HOOK, webhook_host="127.0.0.1", webhook_port=0) as ch:
        await asyncio.sleep(0.3)
        assert ch.webhook_address is None
    assert api.calls_of("setWebhook") == []
    assert "ZALO_WEBHOOK_SECRET" in caplog.text
