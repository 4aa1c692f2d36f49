"""The Telegram channel, on python-telegram-bot v22: handlers, buttons, uploads, and the Sender port.

Every reply is rendered from templates/ (HTML, user text escaped); permissions are decided in
bot.permissions; persistence goes through knowledge/. The bot runs inside the caller's asyncio
loop (``await TelegramChannel.run(stop)``) with long polling, or a webhook when given one.
"""
from __future__ import annotations

import asyncio
import hashlib
import logging
import re
import secrets
import tempfile
import time
import traceback
import warnings
from collections import OrderedDict, deque
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from html import unescape
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from telegram import (Bot, BotCommand, InlineKeyboardButton, InlineKeyboardMarkup, LinkPreviewOptions, Message,
                      ReplyParameters, Update)
from telegram.constants import ChatAction, ChatType, MessageEntityType, ParseMode
from telegram.error import BadRequest, Forbidden, RetryAfter, TelegramError
from telegram.ext import (AIORateLimiter, Application, ApplicationBuilder, ApplicationHandlerStop, CallbackQueryHandler,
                          CommandHandler, ContextTypes, Defaults, MessageHandler, TypeHandler, filters)

from knowledge import accounts
from knowledge.accounts import InvalidInvitation, OFFICIAL, CITIZEN
from knowledge.answer import (DOC_INFO, DOC_LIST, DOC_SUMMARY, MAX_QUESTION, NO_MATCH, TOO_LONG, UNIT_TASKS, Answer, TaskItem)
from knowledge.errors import AmbiguousUnit, PermissionDenied, UnknownTask, UnknownUnit, UnreadableDocument
from knowledge.store import STATUS_DOING, STATUS_DONE, Store

from bot.config import TZ, Settings
from bot.conversation import ChatRef, Conversation
from bot.delivery import Button, ChatGone, DeliveryError, OutMessage
from bot.permissions import allowed, require, role_of
from bot.render import render, render_template

log = logging.getLogger("chidao.telegram")

CHANNEL = "telegram"
MAX_MESSAGE = 4096                 # Telegram's limit for one message
MAX_UPLOAD_MB = 20                 # the Bot API's getFile limit
PAGED = ("unit_tasks", "overdue", "due_soon", "by_month")


# ---- pure helpers ---------------------------------------------------------------------------
def split_message(text: str, limit: int = MAX_MESSAGE) -> list[str]:
    """Cut a long message into parts under ``limit`` characters, on line boundaries when possible."""
    text = text or ""
    if len(text) <= limit:
        return [text]
    parts: list[str] = []
    current = ""
    for line in text.split("\n"):
        while len(line) > limit:                       # a single line longer than a message
            cut = line.rfind(" ", 0, limit)
            cut = cut if cut > limit // 2 else limit
            cut = _not_inside_entity(line, cut)
            if current:
                parts.append(current)
                current = ""
            parts.append(line[:cut])
            line = line[cut:].lstrip(" ")
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > limit:
            parts.append(current)
            current = line
        else:
            current = candidate
    if current:
        parts.append(current)
    return [p for p in parts if p.strip()] or [text[:limit]]


def _not_inside_entity(line: str, cut: int) -> int:
    """Move a cut back so it does not split an HTML entity (&amp;) or a tag."""
    amp, lt = line.rfind("&", max(0, cut - 10), cut), line.rfind("<", max(0, cut - 200), cut)
    if amp != -1 and ";" not in line[amp:cut]:
        cut = amp
    if lt != -1 and ">" not in line[lt:cut]:
        cut = lt
    return max(cut, 1)


def strip_html(text: str) -> str:
    """Plain text of a rendered HTML message (fallback when Telegram refuses the markup)."""
    return unescape(re.sub(r"</?(?:b|i|u|s|code|pre|a)(?:\s[^>]*)?>", "", text))


def keyboard(rows: Sequence[Sequence[Button]]) -> InlineKeyboardMarkup | None:
    rows = [row for row in rows if row]
    if not rows:
        return None
    return InlineKeyboardMarkup([[InlineKeyboardButton(b.text, callback_data=b.data) for b in row] for row in rows])


def label(name: str, value: Any = "") -> str:
    return render_template("tg_button.j2", "console", button=name, value=value)


def commands() -> list[BotCommand]:
    out = []
    for line in render_template("tg_commands.j2", "console").splitlines():
        if " — " in line:
            name, description = line.split(" — ", 1)
            out.append(BotCommand(name.strip(), description.strip()))
    return out


def _retry_seconds(exc: RetryAfter) -> float:
    value = getattr(exc, "_retry_after", None)
    if isinstance(value, timedelta):
        return value.total_seconds()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        value = exc.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


def _gone(exc: TelegramError) -> bool:
    if isinstance(exc, Forbidden):
        return True
    message = str(exc).lower()
    return isinstance(exc, BadRequest) and ("chat not found" in message or "user is deactivated" in message)


def _bad_markup(exc: TelegramError) -> bool:
    return isinstance(exc, BadRequest) and "parse" in str(exc).lower()


def _safe_name(name: str | None) -> str:
    name = Path(name or "van-ban.txt").name.replace("\x00", "")
    name = re.sub(r"[/\\:*?\"<>|\r\n\t]+", "_", name).strip(" .") or "van-ban.txt"
    if len(name) > 120:
        stem, dot, suffix = name.rpartition(".")
        name = (stem[:100] + dot + suffix[:15]) if dot else name[:120]
    return name


class RedactToken(logging.Filter):
    """Removes the bot token from every log record (URLs carry it)."""

    def __init__(self, token: str) -> None:
        super().__init__()
        self.token = token

    def clean(self, text: str) -> str:
        return text.replace(self.token, "<token>") if self.token else text

    def filter(self, record: logging.LogRecord) -> bool:
        if not self.token:
            return True
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a broken record is still logged
            return True
        if self.token in message or (record.exc_info and self.token in logging.Formatter().formatException(record.exc_info)):
            record.msg = message.replace(self.token, "<token>")
            record.args = ()
            if record.exc_info:
                record.msg += "\n" + logging.Formatter().formatException(record.exc_info).replace(self.token, "<token>")
                record.exc_info = None
                record.exc_text = None
        return True


class RateLimit:
    """At most ``per_minute`` events per key in any 60 seconds; tells when a key first goes over."""

    def __init__(self, per_minute: int, window: float = 60.0, max_keys: int = 50_000) -> None:
        self.per_minute = per_minute
        self.window = window
        self.max_keys = max_keys
        self._events: OrderedDict[str, deque[float]] = OrderedDict()
        self._warned: dict[str, float] = {}

    def check(self, key: str, now: float | None = None) -> str:
        """"ok", "warn" (first refusal in this window: say so), or "drop" (refuse silently)."""
        if self.per_minute <= 0:
            return "ok"
        now = time.monotonic() if now is None else now
        events = self._events.pop(key, None) or deque()
        self._events[key] = events
        while events and now - events[0] >= self.window:
            events.popleft()
        while len(self._events) > self.max_keys:
            old, _ = self._events.popitem(last=False)
            self._warned.pop(old, None)
        if len(events) < self.per_minute:
            events.append(now)
            return "ok"
        if now - self._warned.get(key, -1e9) >= self.window:
            self._warned[key] = now
            return "warn"
        return "drop"


class _Payloads:
    """What a button stands for when it does not fit in 64 bytes of callback data (bounded, in memory)."""

    def __init__(self, size: int = 5000) -> None:
        self._items: OrderedDict[str, Any] = OrderedDict()
        self._size = size

    def put(self, value: Any) -> str:
        token = secrets.token_urlsafe(6)
        self._items[token] = value
        while len(self._items) > self._size:
            self._items.popitem(last=False)
        return token

    def get(self, token: str) -> Any:
        return self._items.get(token)

    def pop(self, token: str) -> Any:
        return self._items.pop(token, None)


@dataclass(frozen=True)
class _Upload:
    document: Any          # knowledge.models.Document
    chat_id: int
    user_id: int


# ---- the Sender port -----------------------------------------------------------------------
class TelegramSender:
    """Pushes OutMessages (alerts, broadcasts) through a PTB Bot."""

    channel = CHANNEL

    def __init__(self, bot: Bot, *, max_waits: int = 5, max_wait_seconds: float = 120.0) -> None:
        self.bot = bot
        self.max_waits = max_waits
        self.max_wait_seconds = max_wait_seconds

    async def send(self, message: OutMessage) -> None:
        """Deliver one message; waits out RetryAfter; ChatGone when blocked/gone, DeliveryError otherwise."""
        parts = split_message(message.text)
        markup = keyboard(message.buttons)
        for i, part in enumerate(parts):
            await self._send_part(message.chat.id, part, markup if i == len(parts) - 1 else None)

    async def _send_part(self, chat_id: str, text: str, markup: InlineKeyboardMarkup | None) -> None:
        plain = False
        waits = 0
        while True:
            try:
                await self.bot.initialize()   # no-op once done; a sender may be used before the channel runs
                if plain:
                    await self.bot.send_message(chat_id, strip_html(text), reply_markup=markup, parse_mode=None)
                else:
                    await self.bot.send_message(chat_id, text, reply_markup=markup)
                return
            except RetryAfter as e:
                waits += 1
                seconds = _retry_seconds(e)
                if waits > self.max_waits or seconds > self.max_wait_seconds:
                    raise DeliveryError(f"flood control: retry after {seconds:.0f}s") from e
                await asyncio.sleep(seconds + 0.1)
            except TelegramError as e:
                if _gone(e):
                    raise ChatGone(str(e)) from e
                if _bad_markup(e) and not plain:
                    plain = True
                    continue
                raise DeliveryError(f"{type(e).__name__}: {e}") from e


# ---- the channel ----------------------------------------------------------------------------
class TelegramChannel:
    """Questions, commands, buttons and directive uploads on Telegram."""

    def __init__(self, settings: Settings, store: Store, conv: Conversation, *, poll_timeout: float = 10,
                 max_upload_mb: int = MAX_UPLOAD_MB) -> None:
        if not settings.telegram_token:
            raise ValueError("TELEGRAM_BOT_TOKEN is not set")
        self.settings = settings
        self.store = store
        self.conv = conv
        self.poll_timeout = poll_timeout
        self.max_upload_mb = max_upload_mb
        self.limit = RateLimit(settings.rate_limit_per_minute)
        self.payloads = _Payloads()
        self._seen: set[str] = set()
        self._answered: set[str] = set()       # callback queries answered while handling this update
        self._redact = RedactToken(settings.telegram_token)
        for handler in logging.getLogger().handlers:
            if not any(isinstance(f, RedactToken) and f.token == self._redact.token for f in handler.filters):
                handler.addFilter(self._redact)
        self.app = self._build()
        self.sender = TelegramSender(self.app.bot)

    # ---- wiring ------------------------------------------------------------------------
    def _build(self) -> Application:
        api = self.settings.telegram_api_url.rstrip("/")
        app = (ApplicationBuilder()
               .token(self.settings.telegram_token)
               .base_url(f"{api}/bot")
               .base_file_url(f"{api}/file/bot")
               .defaults(Defaults(tzinfo=TZ, parse_mode=ParseMode.HTML,
                                  link_preview_options=LinkPreviewOptions(is_disabled=True)))
               .rate_limiter(AIORateLimiter(max_retries=3))
               .get_updates_read_timeout(self.poll_timeout + 10)
               .build())
        app.add_handler(TypeHandler(Update, self._gate), group=-1)
        for names, fn in (
                (("start",), self._cmd_start), (("help", "trogiup"), self._cmd_help), (("hoi",), self._cmd_ask),
                (("donvi",), self._cmd_unit), (("quahan",), self._cmd_overdue), (("sapden",), self._cmd_due_soon),
                (("vanban",), self._cmd_documents), (("theodoi",), self._cmd_subscribe),
                (("huytheodoi",), self._cmd_unsubscribe), (("xong",), self._cmd_done),
                (("tiendo",), self._cmd_progress), (("capquyen",), self._cmd_grant), (("moi",), self._cmd_invite),
                (("nhapma",), self._cmd_redeem)):
            app.add_handler(CommandHandler(list(names), fn, filters=filters.UpdateType.MESSAGE))
        app.add_handler(MessageHandler(filters.UpdateType.MESSAGE & filters.COMMAND, self._cmd_unknown))
        app.add_handler(MessageHandler(filters.UpdateType.MESSAGE & filters.TEXT & ~filters.COMMAND, self._on_text))
        app.add_handler(MessageHandler(filters.UpdateType.MESSAGE & filters.Document.ALL, self._on_document))
        app.add_handler(CallbackQueryHandler(self._on_button))
        app.add_error_handler(self._on_error)
        return app

    async def run(self, stop: asyncio.Event, *, webhook: str | None = None, port: int = 8443,
                  listen: str = "0.0.0.0") -> None:
        """Serve until ``stop`` is set: long polling, or a webhook at ``webhook`` (secret token checked)."""
        app = self.app
        await app.initialize()
        try:
            me = app.bot.bot
            log.info("Telegram bot @%s started (%s)", me.username, "webhook" if webhook else "long polling")
            try:
                await app.bot.set_my_commands(commands())
            except TelegramError as e:
                log.warning("setMyCommands failed: %s", e)
            await app.start()
            if webhook:
                secret = self.settings.webhook_secret or secrets.token_urlsafe(32)
                path = urlparse(webhook).path.strip("/")
                await app.updater.start_webhook(listen=listen, port=port, url_path=path, webhook_url=webhook,
                                                secret_token=secret, allowed_updates=Update.ALL_TYPES)
            else:
                await app.updater.start_polling(poll_interval=0, timeout=int(self.poll_timeout),
                                                allowed_updates=Update.ALL_TYPES)
            await stop.wait()
        finally:
            await self._shutdown()

    async def _shutdown(self) -> None:
        """Stop polling, the application and its HTTP clients; each step even if the one before failed
        (on Ctrl+C every task is cancelled at once)."""
        app = self.app
        steps = (("updater", lambda: app.updater.running, app.updater.stop),
                 ("application", lambda: app.running, app.stop),
                 ("shutdown", lambda: True, app.shutdown))
        for name, needed, step in steps:
            try:
                if needed():
                    await step()
            except BaseException as e:  # noqa: BLE001 - shutting down: note it and go on
                log.debug("stopping the Telegram %s: %s", name, type(e).__name__)
        log.info("Telegram bot stopped")

    # ---- who is asking -------------------------------------------------------------------
    def _role(self, update: Update) -> str:
        user = update.effective_user
        return role_of(self.settings, self.store, CHANNEL, user.id if user else None)

    @staticmethod
    def _chat(update: Update) -> ChatRef:
        return ChatRef(CHANNEL, str(update.effective_chat.id))

    @staticmethod
    def _is_group(update: Update) -> bool:
        chat = update.effective_chat
        return bool(chat and chat.type in (ChatType.GROUP, ChatType.SUPERGROUP, ChatType.CHANNEL))

    def _addressed(self, message: Message, text: str) -> tuple[bool, str]:
        """In a group: is the bot mentioned or replied to? Returns the text without the mention."""
        username = (self.app.bot.username or "").lower()
        reply = message.reply_to_message
        to_bot = bool(reply and reply.from_user and reply.from_user.id == self.app.bot.id)
        entities = message.parse_entities([MessageEntityType.MENTION]) if message.text else \
            message.parse_caption_entities([MessageEntityType.MENTION])
        mentioned = any(v.lower() == f"@{username}" for v in entities.values()) if username else False
        if not mentioned and username and f"@{username}" in text.lower():
            mentioned = True
        if mentioned:
            text = re.sub(rf"@{re.escape(username)}\b", " ", text, flags=re.IGNORECASE).strip(" ,:")
        return to_bot or mentioned, text

    # ---- sending -------------------------------------------------------------------------------
    async def _typing(self, update: Update) -> None:
        try:
            await self.app.bot.send_chat_action(update.effective_chat.id, ChatAction.TYPING)
        except TelegramError:
            pass

    async def _reply(self, update: Update, text: str, buttons: Sequence[Sequence[Button]] = ()) -> None:
        chat_id = update.effective_chat.id
        reply_to = None
        if self._is_group(update) and update.effective_message and not update.callback_query:
            reply_to = ReplyParameters(update.effective_message.message_id, allow_sending_without_reply=True)
        parts = split_message(text)
        markup = keyboard(buttons)
        for i, part in enumerate(parts):
            last = i == len(parts) - 1
            try:
                await self.app.bot.send_message(chat_id, part, reply_markup=markup if last else None,
                                                reply_parameters=reply_to if i == 0 else None)
            except BadRequest as e:
                if not _bad_markup(e):
                    raise
                await self.app.bot.send_message(chat_id, strip_html(part), parse_mode=None,
                                                reply_markup=markup if last else None)

    async def _say(self, update: Update, template: str, buttons: Sequence[Sequence[Button]] = (), **values: Any) -> None:
        await self._reply(update, render_template(template, CHANNEL, **values), buttons)

    async def _refuse(self, update: Update, action: str, role: str) -> None:
        text = render_template("tg_refusal.j2", CHANNEL, action=action, role=role)
        if update.callback_query:
            await self._answer_query(update, strip_html(text), alert=True)
        else:
            await self._reply(update, text)

    async def _answer_query(self, update: Update, text: str | None = None, alert: bool = False) -> None:
        query = update.callback_query
        if query is None or query.id in self._answered:
            return
        self._answered.add(query.id)
        try:
            await query.answer(text[:200] if text else None, show_alert=alert)
        except TelegramError as e:
            log.info("answerCallbackQuery failed: %s", e)

    # ---- the gate: rate limit, known chats ------------------------------------------------------
    async def _gate(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        chat = update.effective_chat
        if chat is None or not self._for_me(update):
            return                                   # group chatter does not count against the limit
        verdict = self.limit.check(str(chat.id))
        if verdict != "ok":
            text = render_template("tg_error.j2", CHANNEL, error="rate_limited")
            if update.callback_query:
                try:
                    await update.callback_query.answer(strip_html(text) if verdict == "warn" else None,
                                                       show_alert=verdict == "warn")
                except TelegramError:
                    pass
            elif verdict == "warn" and update.effective_message:
                await self._reply(update, text)
            raise ApplicationHandlerStop
        key = str(chat.id)
        if chat.type == ChatType.PRIVATE and key not in self._seen and update.effective_user:
            self._seen.add(key)
            accounts.seen(self.store, CHANNEL, key, update.effective_user.full_name)

    def _for_me(self, update: Update) -> bool:
        """Private chats and button presses always; in groups, commands and messages addressed to the bot."""
        if update.callback_query or not self._is_group(update):
            return True
        message = update.effective_message
        if message is None:
            return False
        text = message.text or message.caption or ""
        return text.startswith("/") or self._addressed(message, text)[0]

    # ---- questions ----------------------------------------------------------------------------------
    async def _on_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        text = message.text or ""
        if self._is_group(update):
            addressed, text = self._addressed(message, text)
            if not addressed:
                return
        await self._ask(update, text)

    async def _ask(self, update: Update, question: str) -> None:
        await self._typing(update)
        chat = self._chat(update)
        today = datetime.now(TZ).date()
        if len(question) > MAX_QUESTION:
            answer = Answer(TOO_LONG, question[:80], today, detail=str(MAX_QUESTION))
        else:
            answer = self.conv.answer(chat, question, today=today)
        await self._send_answer(update, answer)

    async def _send_answer(self, update: Update, answer: Answer) -> None:
        await self._reply(update, render(answer, CHANNEL), self._answer_buttons(answer, self._role(update)))

    def _answer_buttons(self, answer: Answer, role: str) -> list[list[Button]]:
        rows: list[list[Button]] = []
        if answer.kind in (DOC_LIST, DOC_INFO):
            docs = [Button(label("doc", d.number or i), f"doc:{d.id}") for i, d in enumerate(answer.documents, 1)]
            rows += [docs[i:i + 2] for i in range(0, len(docs), 2)]
            return rows
        if answer.facts:
            doc_ids = list(dict.fromkeys(f.doc_id for f in answer.facts))
            rows.append([Button(label("doc", self._doc_label(answer, i, n) if len(doc_ids) > 1 else ""), f"doc:{i}")
                         for n, i in enumerate(doc_ids[:2], 1)])
        if answer.kind == UNIT_TASKS and len(answer.units) > 1:
            rows += [[Button(u, f"unit:{self.payloads.put(u)}")] for u in answer.units[:6]]
        if answer.kind == NO_MATCH and answer.suggestions:
            rows += [[Button(u, f"unit:{self.payloads.put(u)}")] for u in answer.suggestions[:4]]
        if answer.tasks and answer.kind != DOC_SUMMARY:
            doc_ids = list(dict.fromkeys(t.task.doc_id for t in answer.tasks))
            if len(doc_ids) == 1:
                rows.append([Button(label("doc"), f"doc:{doc_ids[0]}")])
            else:
                docs = [Button(label("doc", self._doc_label(answer, i, n)), f"doc:{i}")
                        for n, i in enumerate(doc_ids[:4], 1)]
                rows += [docs[i:i + 2] for i in range(0, len(docs), 2)]
            open_ids = [t.task.id for t in answer.tasks if t.task.status != STATUS_DONE]
            if open_ids and allowed(role, "set_status"):
                if len(open_ids) == 1:
                    rows.append([Button(label("done"), f"done:{open_ids[0]}")])
                else:
                    rows.append([Button(label("done"), f"pick:{self.payloads.put(tuple(open_ids))}")])
        if answer.kind in PAGED and answer.total > answer.offset + len(answer.tasks):
            rows.append([Button(label("more"), "more")])
        return rows

    @staticmethod
    def _doc_label(answer: Answer, doc_id: int, n: int) -> str | int:
        doc = answer.sources.get(doc_id)
        return doc.number if doc and doc.number else n

    def _doc_answer(self, doc_id: int, today) -> Answer | None:
        try:
            doc = self.store.document(doc_id)
        except StopIteration:
            return None
        items = tuple(TaskItem(t) for t in self.store.tasks(doc_id=doc_id))
        return Answer(DOC_SUMMARY, doc.number or doc.file, today, documents=(doc,), tasks=items, total=len(items),
                      sources={doc.id: doc})

    # ---- commands -----------------------------------------------------------------------------------
    @staticmethod
    def _args_text(update: Update) -> str:
        text = update.effective_message.text or ""
        parts = text.split(maxsplit=1)
        return parts[1].strip() if len(parts) > 1 else ""

    async def _cmd_start(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        user = update.effective_user
        if context.args and re.fullmatch(r"[A-Za-z0-9]{6,20}", context.args[0]):   # deep link t.me/bot?start=CODE
            await self._redeem(update, context.args[0])
            return
        await self._say(update, "tg_start.j2", role=self._role(update), first_name=user.first_name if user else "",
                        user_id=user.id if user else None)

    async def _cmd_help(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await self._say(update, "tg_help.j2", role=self._role(update), group=self._is_group(update),
                        username=self.app.bot.username or "")

    async def _cmd_ask(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        question = self._args_text(update)
        if not question:
            await self._say(update, "tg_usage.j2", command="hoi")
            return
        await self._ask(update, question)

    async def _cmd_unit(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        name = self._args_text(update)
        if not name:
            await self._say(update, "tg_usage.j2", command="donvi")
            return
        await self._ask(update, f"{name} phải làm gì?")

    async def _cmd_overdue(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await self._ask(update, "Việc nào đã quá hạn?")

    async def _cmd_due_soon(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        arg = self._args_text(update)
        if not arg:
            await self._ask(update, "Việc nào sắp đến hạn?")
            return
        m = re.match(r"^(\d{1,3})\b", arg)
        if not m or not 1 <= int(m.group(1)) <= 366:
            await self._say(update, "tg_usage.j2", command="sapden")
            return
        await self._ask(update, f"Việc nào đến hạn trong {int(m.group(1))} ngày tới?")

    async def _cmd_documents(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        number = self._args_text(update)
        await self._typing(update)
        chat = self._chat(update)
        if not number:
            await self._send_answer(update, self.conv.answer(chat, "danh sách văn bản"))
            return
        answer = self.conv.answer(chat, f"tóm tắt văn bản {number[:100]}")
        if answer.kind != DOC_SUMMARY:
            await self._say(update, "tg_error.j2", error="no_document", value=number[:100])
            return
        await self._send_answer(update, answer)

    async def _cmd_subscribe(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        unit = self._args_text(update)
        if not unit:
            await self._say(update, "tg_usage.j2", command="theodoi")
            return
        await self._subscribe(update, unit[:200])

    async def _subscribe(self, update: Update, unit: str) -> None:
        require(self._role(update), "subscribe")
        try:
            from knowledge import subscriptions
        except ImportError:
            await self._say(update, "tg_error.j2", error="unavailable")
            return
        try:
            result = subscriptions.subscribe(self.store, CHANNEL, str(update.effective_chat.id), unit=unit)
        except AmbiguousUnit as e:
            buttons = [[Button(c, f"sub:{self.payloads.put(c)}")] for c in e.candidates[:8]]
            await self._say(update, "tg_notice.j2", buttons, what="choose_unit", unit=e.name)
            return
        except UnknownUnit as e:
            suggestions = tuple(getattr(e, "suggestions", ()) or ())[:4]
            buttons = [[Button(s, f"sub:{self.payloads.put(s)}")] for s in suggestions]
            await self._say(update, "tg_error.j2", buttons, error="unknown_unit", value=e.name, suggestions=suggestions)
            return
        await self._say(update, "tg_notice.j2", what="subscribed", unit=_label_of(result, unit))

    async def _cmd_unsubscribe(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        unit = self._args_text(update)[:200] or None
        try:
            from knowledge import subscriptions
        except ImportError:
            await self._say(update, "tg_error.j2", error="unavailable")
            return
        chat_id = str(update.effective_chat.id)
        try:
            if unit:
                count = subscriptions.unsubscribe(self.store, CHANNEL, chat_id, unit=unit)
            else:
                count = subscriptions.unsubscribe(self.store, CHANNEL, chat_id)
        except AmbiguousUnit as e:
            await self._say(update, "tg_notice.j2", what="choose_unit", unit=e.name)
            return
        except UnknownUnit as e:
            await self._say(update, "tg_error.j2", error="unknown_unit", value=e.name, suggestions=())
            return
        if not count:
            await self._say(update, "tg_notice.j2", what="not_subscribed", unit=unit)
        else:
            await self._say(update, "tg_notice.j2", what="unsubscribed", unit=unit, count=count)

    async def _cmd_done(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        args = self._args_text(update).split(maxsplit=1)
        if not args:
            await self._say(update, "tg_usage.j2", command="xong")
            return
        await self._set_status(update, args[0], STATUS_DONE, args[1] if len(args) > 1 else "")

    async def _cmd_progress(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        args = self._args_text(update).split(maxsplit=1)
        if len(args) < 2:
            require(self._role(update), "set_status")
            await self._say(update, "tg_usage.j2", command="tiendo")
            return
        await self._set_status(update, args[0], STATUS_DOING, args[1])

    async def _set_status(self, update: Update, ref: str, status: str, note: str) -> None:
        require(self._role(update), "set_status")
        from knowledge.alerts import BadOccurrence, parse_task_ref, set_occurrence_status

        ref = ref.strip().strip(".,;()[]").removeprefix("#")[:60]
        task_id, occurrence = parse_task_ref(ref) or (ref, "")   # "5.12", or "5.10:2019-12-31" for one occurrence
        user = update.effective_user
        try:
            before = self.store.task(task_id)
            if status == STATUS_DONE and not occurrence and before.status == STATUS_DONE and update.callback_query:
                await self._answer_query(update)
                await self._say(update, "tg_notice.j2", what="already_done", task=before)
                return
            set_occurrence_status(self.store, task_id, occurrence, status, note=note[:1000],
                                  by_chat=str(user.id) if user else "", by_name=user.full_name if user else "")
        except (UnknownTask, BadOccurrence):
            await self._answer_query(update)
            await self._say(update, "tg_error.j2", error="unknown_task", value=task_id)
            return
        task = self.store.task(task_id)
        await self._answer_query(update, strip_html(label("done")) if update.callback_query else None)
        await self._say(update, "tg_notice.j2", what="status_set", status=status, task=task, note=note[:1000],
                        occurrence=occurrence,
                        by=user.full_name if user and self._is_group(update) else "")

    async def _cmd_grant(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        require(self._role(update), "grant")
        args = list(context.args or [])
        reply = update.effective_message.reply_to_message
        if (not args or not re.fullmatch(r"-?\d{1,20}", args[0])) and reply and reply.from_user \
                and not reply.from_user.is_bot:
            args.insert(0, str(reply.from_user.id))          # /capquyen in answer to someone's message
        if not args:
            await self._say(update, "tg_usage.j2", command="capquyen")
            return
        target = args[0]
        if not re.fullmatch(r"-?\d{1,20}", target):
            await self._say(update, "tg_error.j2", error="bad_chat_id", value=target[:40])
            return
        by = str(update.effective_user.id)
        if len(args) > 1 and args[1].lower() in ("huy", "hủy", "thuhoi", "thu", "xoa", "xóa"):
            accounts.set_role(self.store, CHANNEL, target, CITIZEN, granted_by=by)
            await self._say(update, "tg_notice.j2", what="revoked", chat_id=target)
            return
        account = accounts.set_role(self.store, CHANNEL, target, OFFICIAL, granted_by=by)
        await self._say(update, "tg_notice.j2", what="granted", chat_id=target, who=account.name)
        try:
            await self.sender.send(OutMessage(ChatRef(CHANNEL, target),
                                              render_template("tg_notice.j2", CHANNEL, what="granted_you")))
        except DeliveryError as e:
            log.info("could not tell %s about the new role: %s", target, type(e).__name__)

    async def _cmd_invite(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        require(self._role(update), "invite")
        admin = update.effective_user.id
        code = accounts.create_invitation(self.store, created_by=f"{CHANNEL}:{admin}")
        text = render_template("tg_notice.j2", CHANNEL, what="invited", code=code, days=accounts.CODE_DAYS)
        if not self._is_group(update):
            await self._reply(update, text)
            return
        try:                                                 # never show a code to a whole group
            await self.sender.send(OutMessage(ChatRef(CHANNEL, str(admin)), text))
            await self._say(update, "tg_notice.j2", what="invite_sent_privately")
        except DeliveryError:
            await self._say(update, "tg_notice.j2", what="invite_needs_private_chat", username=self.app.bot.username)

    async def _cmd_redeem(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        code = self._args_text(update)
        if not code:
            await self._say(update, "tg_usage.j2", command="nhapma")
            return
        await self._redeem(update, code[:64])

    async def _redeem(self, update: Update, code: str) -> None:
        user = update.effective_user
        require(self._role(update), "redeem")
        try:
            accounts.redeem_invitation(self.store, CHANNEL, str(user.id), code, name=user.full_name)
        except InvalidInvitation as e:
            await self._say(update, "tg_error.j2", error="invalid_invitation", reason=e.reason)
            return
        await self._say(update, "tg_notice.j2", what="redeemed")

    async def _cmd_unknown(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        text = update.effective_message.text or ""
        first = text.split(maxsplit=1)[0] if text.strip() else ""
        if "@" in first and first.split("@", 1)[1].lower() != (self.app.bot.username or "").lower():
            return                                 # a command for another bot in the group
        await self._say(update, "tg_usage.j2", command="")

    # ---- buttons --------------------------------------------------------------------------------------
    async def _on_button(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        data = query.data or ""
        kind, _, value = data.partition(":")
        try:
            if kind == "more":
                await self._answer_query(update)
                await self._ask(update, "xem thêm")
            elif kind == "doc":
                await self._answer_query(update)
                answer = self._doc_answer(int(value), datetime.now(TZ).date()) if value.isdigit() else None
                if answer is None:
                    await self._say(update, "tg_error.j2", error="no_document", value=value[:20])
                else:
                    await self._send_answer(update, answer)
            elif kind == "done":
                await self._set_status(update, value, STATUS_DONE, "")
            elif kind == "pick":
                await self._pick_task(update, value)
            elif kind == "unit":
                unit = self.payloads.get(value)
                await self._answer_query(update)
                if unit is None:
                    await self._say(update, "tg_error.j2", error="expired")
                else:
                    await self._ask(update, f"{unit} phải làm gì?")
            elif kind == "sub":
                unit = self.payloads.get(value)
                await self._answer_query(update)
                if unit is None:
                    await self._say(update, "tg_error.j2", error="expired")
                else:
                    await self._subscribe(update, unit)
            elif kind in ("save", "drop"):
                await self._upload_decision(update, kind, value)
            else:
                await self._answer_query(update)
                await self._say(update, "tg_error.j2", error="expired")
        except PermissionDenied as e:
            await self._refuse(update, e.action, self._role(update))
        finally:
            await self._answer_query(update)   # every press is answered, whatever happened
            self._answered.discard(query.id)

    async def _pick_task(self, update: Update, token: str) -> None:
        require(self._role(update), "set_status")
        ids = self.payloads.get(token)
        await self._answer_query(update)
        if not ids:
            await self._say(update, "tg_error.j2", error="expired")
            return
        buttons = [Button(label("task", i), f"done:{i}") for i in ids]
        await self._say(update, "tg_notice.j2", [buttons[i:i + 3] for i in range(0, len(buttons), 3)],
                        what="choose_task")

    # ---- uploads ----------------------------------------------------------------------------------------
    async def _on_document(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        if self._is_group(update):
            addressed, _ = self._addressed(message, message.caption or "")
            if not addressed:
                return
        require(self._role(update), "upload")
        document = message.document
        name = _safe_name(document.file_name)
        if (document.file_size or 0) > self.max_upload_mb * 1024 * 1024:
            await self._say(update, "tg_error.j2", error="file_too_big", value=self.max_upload_mb)
            return
        await self._typing(update)
        from knowledge.extract import extract
        from knowledge.readers import read_document
        from knowledge.units import UnitRegistry
        with tempfile.TemporaryDirectory(prefix="chidao-") as tmp:
            path = Path(tmp) / name
            file = await context.bot.get_file(document.file_id)
            await file.download_to_drive(path)
            raw = path.read_bytes()
            if len(raw) > self.max_upload_mb * 1024 * 1024:
                await self._say(update, "tg_error.j2", error="file_too_big", value=self.max_upload_mb)
                return
            try:
                text = await asyncio.to_thread(read_document, path)
            except UnreadableDocument as e:
                await self._say(update, "tg_error.j2", error="unreadable", value=name, reason=e.reason, hint=e.hint)
                return
            except Exception:  # noqa: BLE001 - a broken file is the sender's problem, not a crash
                log.warning("could not read uploaded file %s", name, exc_info=True)
                await self._say(update, "tg_error.j2", error="unreadable", value=name, reason="broken", hint="")
                return
        doc = await asyncio.to_thread(extract, text, name, UnitRegistry())
        doc = replace(doc, sha256=hashlib.sha256(raw).hexdigest())
        token = self.payloads.put(_Upload(doc, update.effective_chat.id, update.effective_user.id))
        preview = render_template("tg_upload_preview.j2", CHANNEL, doc=doc, tasks=doc.tasks[:8], total=len(doc.tasks),
                                  replaces=self.store.document_sha(name) is not None)
        await self._reply(update, preview, [[Button(label("save"), f"save:{token}"),
                                             Button(label("cancel"), f"drop:{token}")]])

    async def _upload_decision(self, update: Update, kind: str, token: str) -> None:
        require(self._role(update), "upload")
        pending: _Upload | None = self.payloads.get(token)
        if pending is None or pending.chat_id != update.effective_chat.id:
            await self._answer_query(update)
            await self._say(update, "tg_error.j2", error="expired")
            return
        self.payloads.pop(token)
        query = update.callback_query
        if kind == "drop":
            await self._answer_query(update)
            await self._edit_or_say(update, render_template("tg_notice.j2", CHANNEL, what="cancelled"))
            return
        from knowledge.units import UnitRegistry
        self.store.save_document(pending.document, UnitRegistry())
        doc = pending.document
        title = " ".join(filter(None, (doc.kind or "văn bản", doc.number))) if doc.number else doc.file
        example = f"{doc.tasks[0].assignees[0]} phải làm gì?" if doc.tasks and doc.tasks[0].assignees else \
            "Việc nào sắp đến hạn?"
        await self._answer_query(update, strip_html(label("save")))
        await self._edit_or_say(update, render_template("tg_notice.j2", CHANNEL, what="saved", title=title,
                                                        count=len(doc.tasks), example=example))
        log.info("directive %s saved from chat %s", doc.file, query.message.chat.id if query.message else "?")

    async def _edit_or_say(self, update: Update, text: str) -> None:
        query = update.callback_query
        try:
            await query.edit_message_text(text)
        except TelegramError:
            await self._reply(update, text)

    # ---- errors --------------------------------------------------------------------------------------
    async def _on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        error = context.error
        if isinstance(error, PermissionDenied) and isinstance(update, Update):
            await self._refuse(update, error.action, self._role(update))
            return
        trace = "".join(traceback.format_exception(error)) if error else "unknown error"
        log.error("error while handling an update: %s", self._redact.clean(trace))
        if not isinstance(update, Update) or update.effective_chat is None:
            return
        try:
            await self._say(update, "tg_error.j2", error="internal")
        except Exception as e:  # noqa: BLE001 - never let the error handler fail loudly
            log.warning("could not send the error reply: %s", type(e).__name__)


def _label_of(result: Any, fallback: str) -> str:
    """The name a subscription call returned (a string, or a record with a label/name), else what was typed."""
    if isinstance(result, str) and result:
        return result
    for attr in ("label", "name", "unit"):
        value = getattr(result, attr, None)
        if isinstance(value, str) and value:
            return value
    return fallback
