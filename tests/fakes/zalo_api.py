"""A fake Zalo Bot Platform API on 127.0.0.1, for end-to-end tests of the Zalo channel.

It behaves like the real service where the channel depends on it:

* ``POST /bot<TOKEN>/<method>`` with a JSON body, answers ``{"ok": true, "result": …}`` or
  ``{"ok": false, "error_code": N, "description": "…"}``; a wrong token gets 401.
* ``getUpdates`` serves queued updates ONE per call (a single object, not a list) and, when nothing
  arrives within ``idle_wait`` seconds (or the request's ``timeout``), answers HTTP 408
  (``idle_style="envelope"``: HTTP 200 with ``error_code`` 408, as some deployments do).
* An update already served can be served again (``replay``), as Zalo does, to test de-duplication.
* ``sendMessage`` refuses texts that are empty or longer than 2,000 characters (400), like Zalo.
* Every call is recorded; failures can be injected per method (``fail``).

It runs an aiohttp app in its own thread, so async tests, sync tests and subprocesses can use it:

    with FakeZalo() as api:
        settings = Settings(zalo_token=api.token, zalo_api_url=api.url)
        api.message("u1", "Xã Hợp Thành phải làm gì?")
        calls = await api.wait_for("sendMessage", chat_id="u1")

Alone, for checking ``chidao run`` by hand: ``python -m tests.fakes.zalo_api --port 8099``, then
``curl -d '{"chat_id": "u1", "text": "..."}' http://127.0.0.1:8099/_fake/message`` and read the
bot's replies at ``http://127.0.0.1:8099/_fake/sent``.
"""
from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import threading
import time
from collections import deque
from dataclasses import dataclass
from typing import Any

from aiohttp import web

DEFAULT_TOKEN = "2212195874583912345:FakeZaloAccessToken_for-tests"
MAX_TEXT = 2000


@dataclass(frozen=True)
class Call:
    method: str
    params: dict[str, Any]
    at: float
    status: int = 200

    @property
    def chat_id(self) -> str | None:
        value = self.params.get("chat_id")
        return None if value is None else str(value)

    @property
    def text(self) -> str:
        return str(self.params.get("text") or self.params.get("caption") or "")


class FakeZalo:
    def __init__(self, token: str = DEFAULT_TOKEN, *, host: str = "127.0.0.1", port: int = 0,
                 idle_wait: float = 0.2, idle_style: str = "http") -> None:
        self.token = token
        self.host = host
        self.port = port
        self.idle_wait = idle_wait
        self.idle_style = idle_style
        self.calls: list[Call] = []
        self.served: list[dict] = []            # updates handed over by getUpdates, in order
        self.idle_polls = 0                     # getUpdates that ended with 408
        self.webhook: dict[str, Any] = {"url": "", "secret_token": ""}
        self._queue: deque[dict] = deque()
        self._failures: dict[str, deque[tuple[int, dict]]] = {}
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._wakeup: asyncio.Event | None = None
        self._thread: threading.Thread | None = None
        self._runner: web.AppRunner | None = None
        self._ready = threading.Event()
        self._stopped: asyncio.Event | None = None
        self._closing = False

    # ---- lifecycle ---------------------------------------------------------------
    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def __enter__(self) -> FakeZalo:
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def start(self) -> None:
        self._thread = threading.Thread(target=self._serve, name="fake-zalo", daemon=True)
        self._thread.start()
        if not self._ready.wait(10):
            raise RuntimeError("fake Zalo API did not start")

    def stop(self) -> None:
        if self._loop and self._stopped:
            self._loop.call_soon_threadsafe(self._stopped.set)
        if self._thread:
            self._thread.join(10)

    def _serve(self) -> None:
        asyncio.run(self._main())

    async def _main(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._wakeup = asyncio.Event()
        self._stopped = asyncio.Event()
        app = web.Application()
        app.router.add_post("/bot{token}/{method}", self._api)
        app.router.add_post("/_fake/message", self._fake_message)
        app.router.add_get("/_fake/sent", self._fake_sent)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        await site.start()
        self.port = self._runner.addresses[0][1]
        self._ready.set()
        await self._stopped.wait()
        self._closing = True
        self._wakeup.set()                     # end pending long polls now
        await self._runner.cleanup()

    # ---- what the test does ------------------------------------------------------------
    def update(self, chat_id: str, *, event: str = "message.text.received", text: str | None = None,
               message_id: str | None = None, from_id: str | None = None, name: str = "Nguyễn Văn An",
               chat_type: str = "PRIVATE", date_ms: int | None = None, **message_fields: Any) -> dict:
        """A Zalo update as the platform shapes it (string ids, date in milliseconds)."""
        message: dict[str, Any] = {
            "from": {"id": str(from_id or chat_id), "display_name": name, "is_bot": False},
            "chat": {"id": str(chat_id), "chat_type": chat_type},
            "message_id": message_id or f"m{next(self._ids):06d}{int(time.time() * 1000) % 100000:05d}",
            "date": date_ms if date_ms is not None else int(time.time() * 1000),
        }
        if text is not None:
            message["text"] = text
        message.update(message_fields)
        return {"event_name": event, "message": message}

    def push(self, update: dict) -> dict:
        with self._lock:
            self._queue.append(update)
        self._wake()
        return update

    def message(self, chat_id: str, text: str, **kw: Any) -> dict:
        """Queue a text message from a user; returns the update."""
        return self.push(self.update(chat_id, text=text, **kw))

    def event(self, chat_id: str, event: str, **kw: Any) -> dict:
        """Queue a non-text event (image, sticker, …)."""
        return self.push(self.update(chat_id, event=event, **kw))

    def replay(self, message_id: str | None = None) -> dict:
        """Serve an already served update again (the last one by default), as Zalo sometimes does."""
        with self._lock:
            found = [u for u in self.served if message_id is None or u["message"]["message_id"] == message_id]
        if not found:
            raise KeyError(message_id)
        return self.push(json.loads(json.dumps(found[-1])))

    def fail(self, method: str, *, status: int = 500, error_code: int | None = None,
             description: str = "Internal error", times: int = 1) -> None:
        """The next ``times`` calls of ``method`` answer this error."""
        body = {"ok": False, "error_code": error_code or status, "description": description}
        with self._lock:
            self._failures.setdefault(method, deque()).extend([(status, body)] * times)

    def pending(self) -> int:
        with self._lock:
            return len(self._queue)

    def sent(self, chat_id: str | None = None) -> list[Call]:
        """Successful sendMessage calls (to one chat)."""
        with self._lock:
            return [c for c in self.calls if c.method == "sendMessage" and c.status == 200
                    and (chat_id is None or c.chat_id == str(chat_id))]

    def texts(self, chat_id: str | None = None) -> list[str]:
        return [c.text for c in self.sent(chat_id)]

    def calls_of(self, method: str) -> list[Call]:
        with self._lock:
            return [c for c in self.calls if c.method == method]

    async def wait_for(self, method: str = "sendMessage", *, count: int = 1, timeout: float = 5.0,
                       **match: Any) -> list[Call]:
        """Wait until ``count`` successful calls of ``method`` matching ``match`` were made; returns them."""
        deadline = time.monotonic() + timeout
        while True:
            with self._lock:
                found = [c for c in self.calls if c.method == method and c.status == 200
                         and all(str(c.params.get(k)) == str(v) for k, v in match.items())]
            if len(found) >= count:
                return found
            if time.monotonic() > deadline:
                raise AssertionError(f"{method} {match}: {len(found)} of {count} calls after {timeout} s; "
                                     f"calls: {[(c.method, c.params) for c in self.calls][-10:]}")
            await asyncio.sleep(0.02)

    async def wait_idle(self, polls: int = 2, timeout: float = 5.0) -> None:
        """Wait until the queue is empty and ``polls`` more getUpdates ended idle (the bot caught up)."""
        deadline = time.monotonic() + timeout
        while self.pending() and time.monotonic() < deadline:
            await asyncio.sleep(0.02)
        start = self.idle_polls
        while self.idle_polls < start + polls:
            if time.monotonic() > deadline:
                raise AssertionError("the bot did not come back to getUpdates")
            await asyncio.sleep(0.02)

    # ---- the server side -------------------------------------------------------------
    def _wake(self) -> None:
        if self._loop and self._wakeup:
            self._loop.call_soon_threadsafe(self._wakeup.set)

    def _record(self, method: str, params: dict, status: int) -> None:
        with self._lock:
            self.calls.append(Call(method, params, time.time(), status))

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        try:
            params = await request.json() if request.can_read_body else {}
        except ValueError:
            params = {}
        except ConnectionError:          # the client went away (a bot stopping mid-poll)
            return web.Response(status=499)
        if not isinstance(params, dict):
            params = {}
        if request.match_info["token"] != self.token:
            self._record(method, params, 401)
            return web.json_response({"ok": False, "error_code": 401, "description": "Unauthorized"}, status=401)
        with self._lock:
            failures = self._failures.get(method)
            failure = failures.popleft() if failures else None
        if failure:
            self._record(method, params, failure[0])
            return web.json_response(failure[1], status=failure[0])
        handler = getattr(self, f"_m_{method}", None)
        if handler is None:
            self._record(method, params, 404)
            return web.json_response({"ok": False, "error_code": 404, "description": "Method not found"}, status=404)
        status, body = await handler(params)
        self._record(method, params, status)
        return web.json_response(body, status=status)

    @staticmethod
    def _ok(result: Any = None) -> tuple[int, dict]:
        return 200, ({"ok": True, "result": result} if result is not None else {"ok": True})

    async def _m_getMe(self, p: dict) -> tuple[int, dict]:
        return self._ok({"id": "1459232241454765289", "account_name": "bot.chidao", "account_type": "BASIC",
                         "can_join_groups": False})

    async def _m_getUpdates(self, p: dict) -> tuple[int, dict]:
        if self.webhook["url"]:
            return 400, {"ok": False, "error_code": 400, "description": "Webhook is active, use deleteWebhook first"}
        try:
            wait = min(float(p.get("timeout", 30)), self.idle_wait)
        except (TypeError, ValueError):
            wait = self.idle_wait
        deadline = time.monotonic() + wait
        while True:
            with self._lock:
                if self._queue:
                    update = self._queue.popleft()
                    self.served.append(update)
                    return self._ok(update)
            left = deadline - time.monotonic()
            if left <= 0 or self._closing:
                break
            self._wakeup.clear()
            try:
                await asyncio.wait_for(self._wakeup.wait(), timeout=left)
            except asyncio.TimeoutError:
                pass
        self.idle_polls += 1
        body = {"ok": False, "error_code": 408, "description": "Request timeout"}
        return (200 if self.idle_style == "envelope" else 408), body

    async def _m_sendMessage(self, p: dict) -> tuple[int, dict]:
        text = p.get("text")
        if not p.get("chat_id") or not isinstance(text, str) or not 1 <= len(text) <= MAX_TEXT:
            return 400, {"ok": False, "error_code": 400,
                         "description": f"chat_id and a text of 1..{MAX_TEXT} characters are required"}
        return self._ok({"message_id": f"s{next(self._ids):08d}", "date": int(time.time() * 1000)})

    async def _m_sendPhoto(self, p: dict) -> tuple[int, dict]:
        if not p.get("chat_id") or not p.get("photo"):
            return 400, {"ok": False, "error_code": 400, "description": "chat_id and photo are required"}
        return self._ok({"message_id": f"s{next(self._ids):08d}", "date": int(time.time() * 1000)})

    async def _m_sendChatAction(self, p: dict) -> tuple[int, dict]:
        return self._ok()

    async def _m_setWebhook(self, p: dict) -> tuple[int, dict]:
        secret = p.get("secret_token") or ""
        if not p.get("url") or not 8 <= len(secret) <= 256:
            return 400, {"ok": False, "error_code": 400, "description": "url and a secret_token of 8..256 required"}
        self.webhook = {"url": p["url"], "secret_token": secret}
        return self._ok({"url": p["url"], "updated_at": int(time.time() * 1000)})

    async def _m_deleteWebhook(self, p: dict) -> tuple[int, dict]:
        self.webhook = {"url": "", "secret_token": ""}
        return self._ok({"url": "", "updated_at": int(time.time() * 1000)})

    async def _m_getWebhookInfo(self, p: dict) -> tuple[int, dict]:
        return self._ok({"url": self.webhook["url"], "updated_at": int(time.time() * 1000)})

    # ---- manual control -------------------------------------------------------------------
    async def _fake_message(self, request: web.Request) -> web.Response:
        data = await request.json()
        update = self.message(str(data.get("chat_id") or "u1"), str(data.get("text") or ""))
        return web.json_response({"ok": True, "queued": update})

    async def _fake_sent(self, request: web.Request) -> web.Response:
        return web.json_response([{"chat_id": c.chat_id, "text": c.text} for c in self.sent()])


def main() -> None:
    parser = argparse.ArgumentParser(description="Fake Zalo Bot API on 127.0.0.1")
    parser.add_argument("--port", type=int, default=8099)
    parser.add_argument("--token", default="x")
    parser.add_argument("--idle-wait", type=float, default=5.0)
    args = parser.parse_args()
    api = FakeZalo(args.token, port=args.port, idle_wait=args.idle_wait)
    api.start()
    print(f"fake Zalo Bot API at {api.url} (token {args.token!r}); Ctrl+C to stop", flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        api.stop()


if __name__ == "__main__":
    main()


# ---- helpers for the channel's tests --------------------------------------------------------
_CORPUS_DB: str | None = None


def corpus_db(path) -> str:
    """A fresh SQLite file at ``path`` holding the bundled directives (ingested once per test run)."""
    import shutil
    import tempfile

    from knowledge.corpus import corpus_files
    from knowledge.ingest import ingest_paths
    from knowledge.store import Store

    global _CORPUS_DB
    if _CORPUS_DB is None:
        template = str(tempfile.mkdtemp(prefix="zalo-corpus-") + "/corpus.db")
        store = Store(template)
        ingest_paths(store, corpus_files())
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        store.close()
        _CORPUS_DB = template
    shutil.copyfile(_CORPUS_DB, str(path))
    return str(path)


class RunningChannel:
    """``async with RunningChannel(api, db) as ch:`` — a ZaloChannel polling the fake until the block ends."""

    def __init__(self, api: FakeZalo, db: str, *, today=None, admins=(), rate_limit: int = 100, **kw: Any) -> None:
        self.api, self.db, self.today, self.admins, self.rate_limit, self.kw = api, db, today, admins, rate_limit, kw

    async def __aenter__(self):
        from datetime import date

        from knowledge.answer import Engine
        from knowledge.store import Store

        from bot.channels.zalo import ZaloChannel
        from bot.config import Settings
        from bot.conversation import Conversation

        self.store = Store(self.db)
        settings = Settings(zalo_token=self.api.token, zalo_api_url=self.api.url,
                            admin_chat_ids=frozenset(self.admins), rate_limit_per_minute=self.rate_limit,
                            zalo_webhook_secret=self.kw.pop("secret", None))
        today = self.today or date(2019, 12, 10)
        self.kw.setdefault("poll_timeout", 1)
        self.kw.setdefault("retry_delay", 0.05)
        self.channel = ZaloChannel(settings, self.store, Conversation(Engine(self.store)), today=lambda: today,
                                   **self.kw)
        self.stop = asyncio.Event()
        self.task = asyncio.ensure_future(self.channel.run(self.stop))
        return self.channel

    async def __aexit__(self, *exc) -> None:
        self.stop.set()
        await asyncio.wait_for(self.task, 10)
        self.store.close()


# ---- pytest fixtures shared by the Zalo tests (import them: `from tests.fakes.zalo_api import api, db`) ----
import pytest  # noqa: E402  (the fake server itself needs no pytest; only these fixtures do)


@pytest.fixture
def api():
    """A fake Zalo Bot API on 127.0.0.1 that answers 408 quickly when idle."""
    with FakeZalo(idle_wait=0.05) as fake:
        yield fake


@pytest.fixture
def db(tmp_path):
    """A fresh SQLite knowledge base holding the bundled directives."""
    return corpus_db(tmp_path / "kb.db")
