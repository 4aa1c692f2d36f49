"""A fake Telegram Bot API server on 127.0.0.1, for end-to-end tests of the real PTB HTTP stack.

It runs an aiohttp app in its own thread (so sync and async tests, and subprocesses, can all
use it), serves queued updates through getUpdates (honouring ``offset`` and ``timeout``),
answers the methods the bots use, records every call, and can be told to answer
403 Forbidden or 429 Too Many Requests (with ``retry_after``) for a chat.

    with FakeTelegram() as api:
        settings = Settings(telegram_token=api.token, telegram_api_url=api.url)
        api.message(42, "Phòng Tư pháp phải làm gì?")
        ...
        calls = await api.wait_for("sendMessage", chat_id=42)

Run it alone for manual checks: ``python -m tests.fakes.telegram_api --port 8081``; then push
messages with ``curl -d '{"chat_id": 42, "text": "..."}' http://127.0.0.1:8081/_fake/message`` and
read the bot's replies at ``http://127.0.0.1:8081/_fake/sent``.
"""
from __future__ import annotations

import asyncio
import itertools
import json
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

DEFAULT_TOKEN = "123456:TEST-token_for-the-fake"
JSON_PARAMS = frozenset({
    "reply_markup", "commands", "allowed_updates", "entities", "caption_entities", "scope",
    "link_preview_options", "reply_parameters", "media", "results",
})
INT_PARAMS = frozenset({"chat_id", "message_id", "offset", "limit", "timeout", "reply_to_message_id",
                        "message_thread_id", "user_id", "from_chat_id"})
CHAT_METHODS_OK_TRUE = frozenset({
    "sendchataction", "answercallbackquery", "setmycommands", "deletemycommands", "deletewebhook",
    "setwebhook", "deletemessage", "setmydescription", "setmyshortdescription", "close", "logout",
    "setchatmenubutton", "pinchatmessage", "unpinchatmessage", "leavechat",
})


HTML_TAGS = frozenset({"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler", "a", "code",
                       "pre", "blockquote", "tg-emoji"})
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[a-zA-Z-]+(?:=(?:\"[^\"]*\"|'[^']*'|[^\s>]+))?)*)\s*>")
_ENTITY = re.compile(r"&(?:lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);")


def html_error(text: str) -> str | None:
    """What Telegram would say about ``text`` sent with parse_mode=HTML (None when it parses)."""
    stack: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "<":
            m = _TAG.match(text, i)
            if not m or m.group(2).lower() not in HTML_TAGS:
                return f"Bad Request: can't parse entities: unsupported start tag at byte offset {i}"
            name = m.group(2).lower()
            if m.group(1):
                if not stack or stack.pop() != name:
                    return f"Bad Request: can't parse entities: unmatched end tag at byte offset {i}"
            else:
                stack.append(name)
            i = m.end()
        elif ch == "&":
            m = _ENTITY.match(text, i)
            if not m:
                # Telegram accepts a bare & that starts no entity name; it refuses &word;
                if re.match(r"&[a-zA-Z]+;", text[i:]):
                    return f"Bad Request: can't parse entities: unsupported entity at byte offset {i}"
                i += 1
            else:
                i = m.end()
        else:
            i += 1
    if stack:
        return f"Bad Request: can't parse entities: can't find end tag corresponding to start tag {stack[-1]}"
    return None


@dataclass(frozen=True)
class Call:
    method: str                      # as sent, e.g. "sendMessage"
    params: dict[str, Any]           # decoded: ints, JSON objects, strings
    token: str
    at: float
    status: int = 200                # what the fake answered
    files: dict[str, bytes] = field(default_factory=dict, repr=False)

    @property
    def chat_id(self) -> int | str | None:
        return self.params.get("chat_id")

    @property
    def text(self) -> str:
        return str(self.params.get("text") or self.params.get("caption") or "")

    @property
    def buttons(self) -> list[list[dict]]:
        markup = self.params.get("reply_markup") or {}
        return markup.get("inline_keyboard") or [] if isinstance(markup, dict) else []

    def button_data(self) -> list[str]:
        return [b.get("callback_data", "") for row in self.buttons for b in row]

    def button_texts(self) -> list[str]:
        return [b.get("text", "") for row in self.buttons for b in row]


@dataclass
class _Failure:
    code: int
    description: str
    retry_after: int | None = None
    times: int | None = None         # None: forever


class FakeTelegram:
    """The fake server. Thread-safe: tests push updates and read calls from any thread."""

    def __init__(self, *, token: str | None = DEFAULT_TOKEN, username: str = "chidao_test_bot",
                 bot_id: int = 987654321, port: int = 0) -> None:
        self.token = token or DEFAULT_TOKEN
        self.require_token = token is not None
        self.username = username
        self.bot_id = bot_id
        self._port = port
        self._lock = threading.RLock()
        self._updates: list[dict] = []
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1000)
        self._callback_ids = itertools.count(1)
        self._file_ids = itertools.count(1)
        self.files: dict[str, tuple[str, bytes]] = {}           # file_id -> (file_path, content)
        self.calls: list[Call] = []
        self.confirmed_offset = 0                               # highest offset the bot has sent
        self.webhook: dict[str, Any] | None = None
        self._failures: dict[tuple[str, str], _Failure] = {}    # ("chat", id) / ("method", name)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._new_update: asyncio.Event | None = None
        self._runner: web.AppRunner | None = None
        self._thread: threading.Thread | None = None
        self._started = threading.Event()
        self._stopped: asyncio.Event | None = None
        self._start_error: BaseException | None = None

    # ---- life cycle --------------------------------------------------------------
    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._port}"

    @property
    def port(self) -> int:
        return self._port

    def start(self) -> FakeTelegram:
        self._thread = threading.Thread(target=self._serve, name="fake-telegram", daemon=True)
        self._thread.start()
        if not self._started.wait(10) or self._start_error:
            raise RuntimeError(f"fake Telegram server did not start: {self._start_error!r}")
        return self

    def stop(self) -> None:
        if self._loop and self._stopped and not self._loop.is_closed():
            self._loop.call_soon_threadsafe(self._stopped.set)
        if self._thread:
            self._thread.join(10)
            self._thread = None

    def __enter__(self) -> FakeTelegram:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _serve(self) -> None:
        loop = asyncio.new_event_loop()
        self._loop = loop
        try:
            loop.run_until_complete(self._main())
        except BaseException as e:  # pragma: no cover - reported by start()
            self._start_error = e
            self._started.set()
        finally:
            loop.close()

    async def _main(self) -> None:
        self._new_update = asyncio.Event()
        self._stopped = asyncio.Event()
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._api)
        app.router.add_get("/file/bot{token}/{path:.+}", self._download)
        app.router.add_post("/_fake/message", self._ctl_message)
        app.router.add_post("/_fake/callback", self._ctl_callback)
        app.router.add_get("/_fake/sent", self._ctl_sent)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=0.5)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", self._port)
        await site.start()
        self._port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self._started.set()
        await self._stopped.wait()
        self._new_update.set()
        await self._runner.cleanup()

    # ---- updates the bot will receive ---------------------------------------------------
    def push(self, update: dict) -> int:
        """Queue a raw update (without update_id); returns its update_id."""
        with self._lock:
            update = dict(update, update_id=next(self._update_ids))
            self._updates.append(update)
        if self._loop and self._new_update and not self._loop.is_closed():
            self._loop.call_soon_threadsafe(self._new_update.set)
        return update["update_id"]

    def user(self, user_id: int, first_name: str = "Người dùng", username: str | None = None) -> dict:
        u = {"id": user_id, "is_bot": False, "first_name": first_name, "language_code": "vi"}
        if username:
            u["username"] = username
        return u

    def chat(self, chat_id: int, *, title: str | None = None, first_name: str = "Người dùng") -> dict:
        if chat_id < 0:
            return {"id": chat_id, "type": "supergroup" if str(chat_id).startswith("-100") else "group",
                    "title": title or "Nhóm thử"}
        return {"id": chat_id, "type": "private", "first_name": first_name}

    def bot_user(self) -> dict:
        return {"id": self.bot_id, "is_bot": True, "first_name": "Chỉ đạo", "username": self.username}

    def _message_dict(self, chat_id: int, *, user_id: int | None, first_name: str, title: str | None,
                      extra: dict) -> dict:
        user_id = user_id if user_id is not None else (chat_id if chat_id > 0 else 1)
        return {"message_id": next(self._message_ids), "date": int(time.time()),
                "chat": self.chat(chat_id, title=title, first_name=first_name),
                "from": self.user(user_id, first_name), **extra}

    @staticmethod
    def entities_of(text: str) -> list[dict]:
        """bot_command at the start and @mentions, with offsets in UTF-16 code units as Telegram counts."""
        out = []

        def u16(s: str) -> int:
            return len(s.encode("utf-16-le")) // 2

        if text.startswith("/"):
            word = text.split(maxsplit=1)[0] if text.strip() else text
            out.append({"type": "bot_command", "offset": 0, "length": u16(word)})
        start = 0
        while (i := text.find("@", start)) != -1:
            j = i + 1
            while j < len(text) and (text[j].isalnum() or text[j] == "_"):
                j += 1
            if j - i > 1 and not (out and i < out[0]["length"]):
                out.append({"type": "mention", "offset": u16(text[:i]), "length": u16(text[i:j])})
            start = j
        return out

    def message(self, chat_id: int, text: str, *, user_id: int | None = None, first_name: str = "Người dùng",
                title: str | None = None, reply_to_bot: bool = False, entities: list[dict] | None = None) -> int:
        """A text message from a user (in a private chat the user id is the chat id)."""
        extra: dict[str, Any] = {"text": text}
        ents = self.entities_of(text) if entities is None else entities
        if ents:
            extra["entities"] = ents
        if reply_to_bot:
            extra["reply_to_message"] = {"message_id": next(self._message_ids), "date": int(time.time()),
                                         "chat": self.chat(chat_id, title=title), "from": self.bot_user(),
                                         "text": "…"}
        return self.push({"message": self._message_dict(chat_id, user_id=user_id, first_name=first_name,
                                                        title=title, extra=extra)})

    def callback(self, chat_id: int, data: str, *, user_id: int | None = None, first_name: str = "Người dùng",
                 message_id: int | None = None, message_text: str = "…", title: str | None = None) -> str:
        """A press on an inline button under a bot message; returns the callback query id."""
        user_id = user_id if user_id is not None else (chat_id if chat_id > 0 else 1)
        qid = f"cbq{next(self._callback_ids)}"
        msg = {"message_id": message_id or next(self._message_ids), "date": int(time.time()),
               "chat": self.chat(chat_id, title=title, first_name=first_name), "from": self.bot_user(),
               "text": message_text}
        self.push({"callback_query": {"id": qid, "from": self.user(user_id, first_name), "message": msg,
                                      "chat_instance": f"ci{chat_id}", "data": data}})
        return qid

    def add_file(self, content: bytes, file_name: str = "file.bin") -> str:
        """Make a file downloadable through getFile; returns its file_id."""
        n = next(self._file_ids)
        file_id = f"file{n}"
        with self._lock:
            self.files[file_id] = (f"documents/file_{n}_{file_name}", content)
        return file_id

    def document(self, chat_id: int, file_name: str, content: bytes, *, caption: str | None = None,
                 user_id: int | None = None, first_name: str = "Người dùng", mime_type: str | None = None,
                 title: str | None = None, file_size: int | None = None) -> int:
        """A document message (the file is served by getFile and the file URL)."""
        file_id = self.add_file(content, file_name)
        doc = {"file_id": file_id, "file_unique_id": f"u{file_id}", "file_name": file_name,
               "file_size": len(content) if file_size is None else file_size}
        if mime_type:
            doc["mime_type"] = mime_type
        extra: dict[str, Any] = {"document": doc}
        if caption:
            extra["caption"] = caption
            ents = self.entities_of(caption)
            if ents:
                extra["caption_entities"] = ents
        return self.push({"message": self._message_dict(chat_id, user_id=user_id, first_name=first_name,
                                                        title=title, extra=extra)})

    # ---- failures ---------------------------------------------------------------------
    def block_chat(self, chat_id: int | str, description: str = "Forbidden: bot was blocked by the user") -> None:
        """Every call for this chat answers 403 from now on."""
        with self._lock:
            self._failures[("chat", str(chat_id))] = _Failure(403, description)

    def throttle_chat(self, chat_id: int | str, retry_after: int = 1, times: int | None = 1) -> None:
        """The next ``times`` calls for this chat answer 429 with ``retry_after`` (None: until cleared)."""
        with self._lock:
            self._failures[("chat", str(chat_id))] = _Failure(
                429, f"Too Many Requests: retry after {retry_after}", retry_after, times)

    def fail_method(self, method: str, code: int = 500, description: str = "Internal Server Error",
                    times: int | None = 1) -> None:
        with self._lock:
            self._failures[("method", method.lower())] = _Failure(code, description, None, times)

    def clear_failures(self) -> None:
        with self._lock:
            self._failures.clear()

    def _failure_for(self, method: str, params: dict) -> _Failure | None:
        with self._lock:
            for key in (("method", method.lower()), ("chat", str(params.get("chat_id")))):
                f = self._failures.get(key)
                if f is None or (key[0] == "chat" and params.get("chat_id") is None):
                    continue
                if f.times is not None:
                    f.times -= 1
                    if f.times <= 0:
                        del self._failures[key]
                return f
        return None

    # ---- what the bot did ---------------------------------------------------------------
    def calls_to(self, method: str | None = None, *, chat_id: int | str | None = None,
                 ok_only: bool = True) -> list[Call]:
        with self._lock:
            calls = list(self.calls)
        return [c for c in calls
                if (method is None or c.method.lower() == method.lower())
                and (chat_id is None or str(c.chat_id) == str(chat_id))
                and (not ok_only or c.status == 200)]

    def sent(self, chat_id: int | str | None = None) -> list[Call]:
        """Messages the bot sent or edited (sendMessage, editMessageText, sendDocument), in order."""
        return [c for c in self.calls_to(None, chat_id=chat_id)
                if c.method.lower() in ("sendmessage", "editmessagetext", "senddocument")]

    def texts(self, chat_id: int | str | None = None) -> list[str]:
        return [c.text for c in self.sent(chat_id)]

    def mark(self) -> int:
        """A position in the call log, to look only at what comes after it."""
        with self._lock:
            return len(self.calls)

    def since(self, mark: int, method: str | None = None, *, chat_id: int | str | None = None) -> list[Call]:
        with self._lock:
            calls = list(self.calls[mark:])
        return [c for c in calls if c.status == 200
                and (method is None or c.method.lower() == method.lower())
                and (chat_id is None or str(c.chat_id) == str(chat_id))]

    def _matching(self, method: str | None, chat_id, where, after: int) -> list[Call]:
        if method and method.lower() == "sent":
            found = [c for c in self.since(after, chat_id=chat_id)
                     if c.method.lower() in ("sendmessage", "editmessagetext", "senddocument")]
        else:
            found = self.since(after, method, chat_id=chat_id)
        return [c for c in found if where is None or where(c)]

    async def wait_for(self, method: str | None = "sent", *, chat_id: int | str | None = None, count: int = 1,
                       where: Callable[[Call], bool] | None = None, after: int = 0,
                       timeout: float = 5.0) -> list[Call]:
        """Wait until ``count`` calls match (method "sent" = any message sent or edited)."""
        deadline = time.monotonic() + timeout
        while True:
            found = self._matching(method, chat_id, where, after)
            if len(found) >= count:
                return found
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {count}× {method} (chat {chat_id}); got "
                                     f"{[(c.method, c.text[:80]) for c in self.calls_to(None)[-15:]]}")
            await asyncio.sleep(0.02)

    def wait_for_sync(self, method: str | None = "sent", **kwargs: Any) -> list[Call]:
        timeout = kwargs.pop("timeout", 5.0)
        deadline = time.monotonic() + timeout
        while True:
            found = self._matching(method, kwargs.get("chat_id"), kwargs.get("where"), kwargs.get("after", 0))
            if len(found) >= kwargs.get("count", 1):
                return found
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {method}")
            time.sleep(0.02)

    async def wait_consumed(self, update_id: int, timeout: float = 5.0) -> None:
        """Wait until the bot has confirmed (offset past) an update, i.e. it was handled."""
        deadline = time.monotonic() + timeout
        while self.confirmed_offset <= update_id:
            if time.monotonic() > deadline:
                raise AssertionError(f"update {update_id} not consumed (offset {self.confirmed_offset})")
            await asyncio.sleep(0.02)

    # ---- HTTP -------------------------------------------------------------------------------
    @staticmethod
    def _decode(raw: dict[str, Any]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for k, v in raw.items():
            if isinstance(v, str) and k in JSON_PARAMS:
                try:
                    v = json.loads(v)
                except ValueError:
                    pass
            elif isinstance(v, str) and k in INT_PARAMS:
                try:
                    v = int(v)
                except ValueError:
                    pass
            out[k] = v
        return out

    async def _params(self, request: web.Request) -> tuple[dict[str, Any], dict[str, bytes]]:
        files: dict[str, bytes] = {}
        if request.content_type == "application/json":
            body = await request.json() if request.can_read_body else {}
            return dict(body or {}), files
        raw: dict[str, Any] = dict(request.query)
        if request.can_read_body:
            form = await request.post()
            for k, v in form.items():
                if hasattr(v, "file"):
                    files[k] = v.file.read()
                    raw[k] = getattr(v, "filename", k)
                else:
                    raw[k] = v
        return self._decode(raw), files

    @staticmethod
    def _error(code: int, description: str, retry_after: int | None = None) -> web.Response:
        body: dict[str, Any] = {"ok": False, "error_code": code, "description": description}
        if retry_after is not None:
            body["parameters"] = {"retry_after": retry_after}
        return web.json_response(body, status=code)

    def _record(self, method: str, params: dict, token: str, status: int, files: dict | None = None) -> None:
        with self._lock:
            self.calls.append(Call(method, params, token, time.time(), status, files or {}))

    async def _api(self, request: web.Request) -> web.Response:
        token, method = request.match_info["token"], request.match_info["method"]
        params, files = await self._params(request)
        if self.require_token and token != self.token:
            self._record(method, params, token, 401)
            return self._error(401, "Unauthorized")
        failure = self._failure_for(method, params)
        if failure:
            self._record(method, params, token, failure.code, files)
            return self._error(failure.code, failure.description, failure.retry_after)
        if str(params.get("parse_mode", "")).upper() == "HTML":
            problem = html_error(str(params.get("text") or params.get("caption") or ""))
            if problem:
                self._record(method, params, token, 400, files)
                return self._error(400, problem)
        text = params.get("text")
        if isinstance(text, str) and len(text) > 4096:
            self._record(method, params, token, 400, files)
            return self._error(400, "Bad Request: message is too long")
        handler = getattr(self, f"_m_{method.lower()}", None)
        if handler is None and method.lower() not in CHAT_METHODS_OK_TRUE:
            self._record(method, params, token, 404)
            return self._error(404, "Not Found: method not found")
        if method.lower() != "getupdates":
            self._record(method, params, token, 200, files)
        if handler is None:
            result: Any = True
        else:
            result = await handler(params, files) if asyncio.iscoroutinefunction(handler) else handler(params, files)
            if isinstance(result, web.Response):
                return result
        return web.json_response({"ok": True, "result": result})

    def _sent_message(self, params: dict, **extra: Any) -> dict:
        chat_id = params.get("chat_id")
        cid = chat_id if isinstance(chat_id, int) else 0
        msg = {"message_id": params.get("message_id") or next(self._message_ids), "date": int(time.time()),
               "chat": self.chat(cid), "from": self.bot_user(), **extra}
        if isinstance(params.get("reply_markup"), dict):
            msg["reply_markup"] = params["reply_markup"]
        return msg

    def _m_getme(self, params: dict, files: dict) -> dict:
        return {**self.bot_user(), "can_join_groups": True, "can_read_all_group_messages": False,
                "supports_inline_queries": False}

    async def _m_getupdates(self, params: dict, files: dict) -> list[dict]:
        offset = int(params.get("offset") or 0)
        limit = int(params.get("limit") or 100)
        timeout = float(params.get("timeout") or 0)
        with self._lock:
            if offset:
                self.confirmed_offset = max(self.confirmed_offset, offset)
                self._updates = [u for u in self._updates if u["update_id"] >= offset]
        self._record("getUpdates", params, self.token, 200)
        assert self._loop is not None and self._new_update is not None and self._stopped is not None
        deadline = self._loop.time() + timeout
        while True:
            self._new_update.clear()
            with self._lock:
                batch = [u for u in self._updates if u["update_id"] >= offset][:limit]
            remaining = deadline - self._loop.time()
            if batch or remaining <= 0 or self._stopped.is_set():
                return batch
            try:
                await asyncio.wait_for(self._new_update.wait(), remaining)
            except asyncio.TimeoutError:
                pass

    def _m_sendmessage(self, params: dict, files: dict) -> dict:
        return self._sent_message(params, text=str(params.get("text", "")))

    def _m_editmessagetext(self, params: dict, files: dict) -> dict | bool:
        if params.get("inline_message_id"):
            return True
        return self._sent_message(params, text=str(params.get("text", "")), edit_date=int(time.time()))

    def _m_editmessagereplymarkup(self, params: dict, files: dict) -> dict | bool:
        if params.get("inline_message_id"):
            return True
        return self._sent_message(params, text="…", edit_date=int(time.time()))

    def _m_senddocument(self, params: dict, files: dict) -> dict:
        name = str(params.get("document") or "document")
        content = files.get("document", b"")
        file_id = self.add_file(content, name)
        doc = {"file_id": file_id, "file_unique_id": f"u{file_id}", "file_name": name, "file_size": len(content)}
        extra: dict[str, Any] = {"document": doc}
        if params.get("caption"):
            extra["caption"] = params["caption"]
        return self._sent_message(params, **extra)

    def _m_getfile(self, params: dict, files: dict) -> dict | web.Response:
        file_id = str(params.get("file_id"))
        with self._lock:
            found = self.files.get(file_id)
        if not found:
            return self._error(400, "Bad Request: invalid file_id")
        path, content = found
        return {"file_id": file_id, "file_unique_id": f"u{file_id}", "file_size": len(content), "file_path": path}

    def _m_getmycommands(self, params: dict, files: dict) -> list:
        for c in reversed(self.calls_to("setMyCommands")):
            return c.params.get("commands") or []
        return []

    def _m_setwebhook(self, params: dict, files: dict) -> bool:
        self.webhook = params
        return True

    def _m_deletewebhook(self, params: dict, files: dict) -> bool:
        self.webhook = None
        return True

    def _m_getwebhookinfo(self, params: dict, files: dict) -> dict:
        return {"url": (self.webhook or {}).get("url", ""), "has_custom_certificate": False,
                "pending_update_count": len(self._updates)}

    async def _download(self, request: web.Request) -> web.StreamResponse:
        token, path = request.match_info["token"], request.match_info["path"]
        if self.require_token and token != self.token:
            return web.Response(status=401)
        with self._lock:
            for file_path, content in self.files.values():
                if file_path == path:
                    self._record("download", {"file_path": path}, token, 200)
                    return web.Response(body=content, content_type="application/octet-stream")
        return web.Response(status=404)

    # ---- control endpoints, for manual checks -------------------------------------------
    async def _ctl_message(self, request: web.Request) -> web.Response:
        body = await request.json()
        uid = self.message(int(body["chat_id"]), str(body["text"]), user_id=body.get("user_id"),
                           reply_to_bot=bool(body.get("reply_to_bot")))
        return web.json_response({"update_id": uid})

    async def _ctl_callback(self, request: web.Request) -> web.Response:
        body = await request.json()
        qid = self.callback(int(body["chat_id"]), str(body["data"]), user_id=body.get("user_id"))
        return web.json_response({"callback_query_id": qid})

    async def _ctl_sent(self, request: web.Request) -> web.Response:
        chat = request.query.get("chat_id")
        return web.json_response([{"method": c.method, "chat_id": c.chat_id, "text": c.text,
                                   "buttons": c.button_texts()} for c in self.sent(chat)])


def main() -> None:  # pragma: no cover - manual use
    import argparse

    p = argparse.ArgumentParser(description="fake Telegram Bot API server on 127.0.0.1")
    p.add_argument("--port", type=int, default=8081)
    p.add_argument("--token", default=None, help="require this bot token (default: accept any)")
    args = p.parse_args()
    fake = FakeTelegram(token=args.token, port=args.port)
    fake.require_token = args.token is not None
    fake.start()
    print(f"fake Telegram Bot API on {fake.url}", flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        fake.stop()


if __name__ == "__main__":  # pragma: no cover
    main()
