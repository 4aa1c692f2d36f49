"""A small async client for the Zalo Bot Platform (the Telegram-like Bot API of Zalo).

Every call is ``POST {ZALO_API_URL}/bot<TOKEN>/<method>`` with a JSON body; the answer is the
envelope ``{"ok": true, "result": …}`` or ``{"ok": false, "error_code": N, "description": "…"}``.

Shapes checked against the platform's published documentation (bot.zaloplatforms.com/docs, as
mirrored in public repositories) and open-source clients, not guessed:

* ``getUpdates`` takes ``timeout`` (seconds, documented as a *string*, default 30) and returns ONE
  update object in ``result`` — not a list like Telegram — with no ``update_id`` / offset: an update
  can be handed over again, so callers de-duplicate by ``message.message_id``.
* Idle long polls end with HTTP 408 (some deployments answer 200 with ``error_code`` 408,
  "Request timeout"): both mean "no update", never an error.
* An update is ``{"event_name": "message.text.received" | "message.image.received" |
  "message.sticker.received" | "message.unsupported.received" | …, "message": {...}}``; the message has
  ``message_id`` (string), ``chat.id`` (string) and ``chat.chat_type`` ("PRIVATE" | "GROUP"),
  ``from.id`` (string), ``from.display_name`` or ``from.first_name``, ``text`` and ``date`` in
  MILLISECONDS since the epoch. Ids are opaque strings (hex), never numbers.
* ``sendMessage``: ``chat_id``, ``text`` of 1..2,000 characters; result ``{message_id, date}``.
  ``sendPhoto``: ``chat_id``, ``photo`` (URL), ``caption``. ``sendChatAction``: ``chat_id``,
  ``action`` ("typing"). ``getMe``: ``{id, account_name, account_type, can_join_groups}``.
* ``setWebhook``: ``url`` (HTTPS) and ``secret_token`` (8..256 characters), sent back by Zalo in the
  ``X-Bot-Api-Secret-Token`` header; ``getWebhookInfo`` / ``deleteWebhook`` answer ``{url, updated_at}``.
  getUpdates does not work while a webhook is set.

Not documented, so handled conservatively: rate limiting (HTTP or error_code 429, waited out with
back-off) and the error for a user who blocked the bot (403/404 are treated as "chat gone").

The token is part of every URL: it never appears in a log line or an exception message.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

import httpx

log = logging.getLogger("chidao.zalo")

DEFAULT_API_URL = "https://bot-api.zaloplatforms.com"
MAX_TEXT = 2000
TEXT_EVENT = "message.text.received"


class ZaloError(Exception):
    """Base of the client's errors."""


class ZaloNetworkError(ZaloError):
    """The server could not be reached or the connection broke."""


class ZaloApiError(ZaloError):
    """The server answered with an error envelope (or not JSON at all)."""

    def __init__(self, error_code: int, description: str = "", *, status: int | None = None) -> None:
        super().__init__(f"{error_code}: {description}")
        self.error_code = error_code
        self.description = description
        self.status = status


class ZaloIdle(ZaloApiError):
    """A long poll ended with 408: no update this time."""


class ZaloRateLimited(ZaloApiError):
    def __init__(self, error_code: int, description: str = "", *, status: int | None = None,
                 retry_after: float | None = None) -> None:
        super().__init__(error_code, description, status=status)
        self.retry_after = retry_after


@dataclass(frozen=True)
class ZaloUpdate:
    """One incoming event, with the fields the bot uses pulled out of the raw JSON."""
    event_name: str
    message_id: str | None
    chat_id: str | None
    chat_type: str = "PRIVATE"
    from_id: str | None = None
    from_name: str = ""
    text: str | None = None
    date: datetime | None = None
    raw: dict = field(default_factory=dict, compare=False, repr=False)

    @property
    def is_text(self) -> bool:
        return self.event_name == TEXT_EVENT

    @property
    def is_group(self) -> bool:
        return self.chat_type.upper() == "GROUP"

    @classmethod
    def parse(cls, data: Any) -> ZaloUpdate | None:
        """An update from a getUpdates result or a webhook body; None if there is no message in it."""
        if not isinstance(data, dict):
            return None
        if isinstance(data.get("result"), dict) and "message" not in data:   # the envelope, as webhooks may send it
            data = data["result"]
        msg = data.get("message")
        if not isinstance(msg, dict):
            return None
        chat = msg.get("chat") if isinstance(msg.get("chat"), dict) else {}
        sender = msg.get("from") if isinstance(msg.get("from"), dict) else {}
        text = msg.get("text")
        event = data.get("event_name") or (TEXT_EVENT if isinstance(text, str) else "message.unsupported.received")
        chat_id = _id(chat.get("id")) or _id(sender.get("id"))
        return cls(
            event_name=str(event), message_id=_id(msg.get("message_id") or msg.get("msg_id")), chat_id=chat_id,
            chat_type=str(chat.get("chat_type") or "PRIVATE"), from_id=_id(sender.get("id")),
            from_name=str(sender.get("display_name") or sender.get("first_name") or sender.get("name") or ""),
            text=text if isinstance(text, str) else None, date=from_millis(msg.get("date")), raw=data)


def _id(value: Any) -> str | None:
    if value is None or value == "":
        return None
    return str(value)


def from_millis(value: Any) -> datetime | None:
    """Zalo dates are milliseconds since the epoch (a number or a numeric string)."""
    try:
        ms = float(value)
    except (TypeError, ValueError):
        return None
    if ms < 1e11:          # plainly seconds, not milliseconds (before 1973 in ms): be lenient
        ms *= 1000
    return datetime.fromtimestamp(ms / 1000, tz=timezone.utc)


def split_text(text: str, limit: int = MAX_TEXT) -> list[str]:
    """Pieces of at most ``limit`` characters, cut at line ends (then spaces, then anywhere)."""
    text = text.strip("\n")
    if not text.strip():
        return []
    if len(text) <= limit:
        return [text]
    pieces: list[str] = []
    current = ""
    for line in text.split("\n"):
        while len(line) > limit:               # a single line too long for one message
            if current:
                pieces.append(current)
                current = ""
            cut = line.rfind(" ", 0, limit + 1)
            if cut <= limit // 2:
                cut = limit
            pieces.append(line[:cut].rstrip())
            line = line[cut:].lstrip(" ")
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) <= limit:
            current = candidate
        else:
            pieces.append(current)
            current = line
    if current:
        pieces.append(current)
    return [p.strip("\n") for p in pieces if p.strip()]


class ZaloClient:
    """The Bot API methods the assistant uses. One httpx.AsyncClient, closed by ``aclose``."""

    def __init__(self, token: str, api_url: str = DEFAULT_API_URL, *, http: httpx.AsyncClient | None = None,
                 timeout: float = 15.0) -> None:
        if not token:
            raise ValueError("a Zalo bot token is required")
        self._token = token
        self._base = f"{(api_url or DEFAULT_API_URL).rstrip('/')}/bot{token}/"
        self._timeout = timeout
        self._http = http or httpx.AsyncClient(timeout=httpx.Timeout(timeout, connect=10.0))
        self._own_http = http is None

    async def aclose(self) -> None:
        if self._own_http:
            await self._http.aclose()

    def _redact(self, text: str) -> str:
        return text.replace(self._token, "***")

    async def call(self, method: str, payload: dict | None = None, *, timeout: float | None = None) -> Any:
        """POST one method; the ``result`` of a successful envelope, else a ZaloError."""
        try:
            resp = await self._http.post(self._base + method, json=payload or {},
                                         timeout=timeout if timeout is not None else self._timeout)
        except httpx.TimeoutException as e:
            raise ZaloNetworkError(f"{method}: timed out ({type(e).__name__})") from None
        except httpx.HTTPError as e:
            raise ZaloNetworkError(f"{method}: {type(e).__name__}: {self._redact(str(e))}") from None
        try:
            body = resp.json()
        except ValueError:
            body = None
        if not isinstance(body, dict):
            body = {"ok": False, "error_code": resp.status_code, "description": self._redact(resp.text[:200])}
        code = body.get("error_code")
        if resp.status_code == 408 or code == 408:
            raise ZaloIdle(408, str(body.get("description") or "Request timeout"), status=resp.status_code)
        if resp.status_code == 429 or code == 429:
            params = body.get("parameters") if isinstance(body.get("parameters"), dict) else {}
            retry = params.get("retry_after") or resp.headers.get("Retry-After")
            try:
                retry_after = float(retry) if retry is not None else None
            except ValueError:
                retry_after = None
            raise ZaloRateLimited(429, str(body.get("description") or "Too many requests"), status=resp.status_code,
                                  retry_after=retry_after)
        if resp.status_code >= 400 or not body.get("ok"):
            raise ZaloApiError(int(code or resp.status_code), self._redact(str(body.get("description") or "")),
                               status=resp.status_code)
        return body.get("result")

    # ---- methods ---------------------------------------------------------------
    async def get_me(self) -> dict:
        return await self.call("getMe") or {}

    async def get_updates(self, timeout: int = 30) -> list[ZaloUpdate]:
        """Long-poll for at most ``timeout`` seconds; [] when idle (408). Usually one update."""
        try:
            result = await self.call("getUpdates", {"timeout": str(int(timeout))}, timeout=timeout + 15)
        except ZaloIdle:
            return []
        items = result if isinstance(result, list) else [result]   # documented: one object
        updates = []
        for item in items:
            update = ZaloUpdate.parse(item)
            if update is not None:
                updates.append(update)
            elif item:
                log.info("zalo: ignoring an update without a message (%s)", sorted(item)[:5] if isinstance(item, dict) else type(item).__name__)
        return updates

    async def set_webhook(self, url: str, secret_token: str) -> dict:
        return await self.call("setWebhook", {"url": url, "secret_token": secret_token}) or {}

    async def delete_webhook(self) -> dict:
        return await self.call("deleteWebhook") or {}

    async def get_webhook_info(self) -> dict:
        return await self.call("getWebhookInfo") or {}

    async def send_message(self, chat_id: str, text: str) -> dict:
        if not text or len(text) > MAX_TEXT:
            raise ValueError(f"Zalo text must be 1..{MAX_TEXT} characters, got {len(text or '')}")
        return await self.call("sendMessage", {"chat_id": str(chat_id), "text": text}) or {}

    async def send_photo(self, chat_id: str, photo: str, caption: str | None = None) -> dict:
        payload = {"chat_id": str(chat_id), "photo": photo}
        if caption:
            payload["caption"] = caption[:MAX_TEXT]
        return await self.call("sendPhoto", payload) or {}

    async def send_chat_action(self, chat_id: str, action: str = "typing") -> None:
        await self.call("sendChatAction", {"chat_id": str(chat_id), "action": action})
