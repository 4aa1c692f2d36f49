"""The assistant on Zalo: long polling (or a webhook), the shared conversation core, numbered choices.

``ZaloChannel(settings, store, conv)`` is what ``bot.app.serve`` starts; ``.sender`` (a ``ZaloSender``)
is the delivery port the alert scheduler pushes digests through.

The Zalo Bot Platform is Telegram-like but not Telegram (see ``bot.channels.zalo_client`` for what
was checked against its documentation):

* getUpdates hands over ONE update per call, answers 408 when idle, and has no offset: the same
  message can come back, so every message id is recorded in SQLite (``knowledge.inbox.seen_before``)
  before it is handled — a message is answered once, also across a restart and in webhook mode.
* Texts are at most 2,000 characters: answers are split on line boundaries.
* There are no buttons: an ``OutMessage``'s buttons become "1. …, 2. …" under the text and the chat's
  choices are remembered in SQLite; a reply of "2" is handled as if the user had typed the data of
  the second button (for instance "/xong 5.12" or "xem thêm").
* Events other than ``message.text.received`` (images, stickers, …) get a polite reply.
* In group chats only commands (``/hoi …``) and choice numbers are answered.

Commands mirror the Telegram bot's: /start /help /hoi /donvi /quahan /sapden /vanban /theodoi
/huytheodoi, /xong and /tiendo for officials, /nhapma (invitation code), /moi and /capquyen for admins.
Permissions are decided by ``bot.permissions`` (one place for every channel).

Webhook mode (instead of polling) is used when a webhook URL is given (``ZALO_WEBHOOK_URL``) and
``ZALO_WEBHOOK_SECRET`` is set: see ``bot.channels.zalo_webhook``.
"""
from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import re
import time
from collections import deque
from collections.abc import Callable
from datetime import date, datetime

from knowledge import inbox
from knowledge.errors import AmbiguousUnit, PermissionDenied, UnknownTask, UnknownUnit
from knowledge.store import STATUS_DOING, STATUS_DONE, Store

from bot.channels.zalo_client import (MAX_TEXT, ZaloApiError, ZaloClient, ZaloError, ZaloNetworkError,
                                      ZaloRateLimited, ZaloUpdate, split_text)
from bot.config import TZ, Settings
from bot.conversation import ChatRef, Conversation
from bot.delivery import Button, ChatGone, DeliveryError, OutMessage
from bot.render import render, render_template

log = logging.getLogger("chidao.zalo")

CHANNEL = "zalo"
CHOICE = re.compile(r"^\s*(\d{1,2})\s*[.)]?\s*$")
COMMAND = re.compile(r"^/([A-Za-z_]+)(?:@\S+)?(?:\s+(.*))?$", re.S)
MAX_DONE_CHOICES = 5


def _notice(kind: str, **values) -> str:
    return render_template("zalo_notice.j2", CHANNEL, kind=kind, **values)


def _label(kind: str, **values) -> str:
    return render_template("zalo_button.j2", CHANNEL, kind=kind, **values)


class ZaloSender:
    """Delivers an OutMessage to a Zalo chat: numbered choices for buttons, 2,000-character pieces."""

    channel = CHANNEL

    def __init__(self, client: ZaloClient, store: Store, *, retries: int = 3,
                 sleep: Callable[[float], object] = asyncio.sleep) -> None:
        self.client = client
        self.store = store
        self.retries = retries
        self._sleep = sleep

    async def send(self, message: OutMessage) -> None:
        if message.chat.channel != CHANNEL:
            raise ValueError(f"not a Zalo chat: {message.chat}")
        text = message.text
        choices = [b for row in message.buttons for b in row]
        if choices:
            text = f"{text.rstrip()}\n\n{render_template('zalo_choices.j2', CHANNEL, choices=[b.text for b in choices])}"
            # remembered before sending, so a fast reply "1" always finds them
            inbox.offer_choices(self.store, CHANNEL, message.chat.id, [(b.text, b.data) for b in choices])
        for piece in split_text(text, MAX_TEXT):
            await self._send_piece(message.chat.id, piece)

    async def _send_piece(self, chat_id: str, text: str) -> None:
        for attempt in range(self.retries + 1):
            try:
                await self.client.send_message(chat_id, text)
                return
            except ZaloRateLimited as e:
                if attempt == self.retries:
                    raise DeliveryError(f"zalo: still rate limited after {attempt + 1} tries") from None
                await self._sleep(e.retry_after if e.retry_after is not None else min(2 ** attempt, 30))
            except ZaloApiError as e:
                if e.error_code in (403, 404):      # blocked the bot / no such chat (not documented by Zalo)
                    raise ChatGone(f"zalo chat {chat_id}: {e.error_code} {e.description}") from None
                if e.error_code >= 500 and attempt < self.retries:
                    await self._sleep(min(2 ** attempt, 30))
                    continue
                raise DeliveryError(f"zalo: {e.error_code} {e.description}") from None
            except ZaloNetworkError as e:
                if attempt == self.retries:
                    raise DeliveryError(str(e)) from None
                await self._sleep(min(2 ** attempt, 30))


class _Flood:
    """At most ``per_minute`` messages per chat in any minute; warns once per minute past it."""

    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.per_minute = per_minute
        self.clock = clock
        self._times: dict[str, deque[float]] = {}
        self._warned: dict[str, float] = {}

    def check(self, key: str) -> str:
        """'ok', 'warn' (first message over the limit) or 'drop'."""
        if self.per_minute <= 0:
            return "ok"
        now = self.clock()
        times = self._times.setdefault(key, deque())
        while times and now - times[0] >= 60:
            times.popleft()
        if len(times) < self.per_minute:
            times.append(now)
            return "ok"
        if now - self._warned.get(key, -1e9) >= 60:
            self._warned[key] = now
            return "warn"
        return "drop"


class ZaloChannel:
    """Receives Zalo updates, answers them through the shared Conversation, sends replies."""

    channel = CHANNEL

    def __init__(self, settings: Settings, store: Store, conv: Conversation, *, client: ZaloClient | None = None,
                 today: Callable[[], date] | None = None, poll_timeout: int = 30,
                 webhook_url: str | None = None, webhook_host: str | None = None, webhook_port: int | None = None,
                 retry_delay: float = 3.0) -> None:
        if not settings.zalo_token and client is None:
            raise ValueError("ZALO_BOT_TOKEN is not set")
        self.settings = settings
        self.store = store
        self.conv = conv
        self.client = client or ZaloClient(settings.zalo_token, settings.zalo_api_url)
        self.sender = ZaloSender(self.client, store)
        self._today = today
        self.poll_timeout = poll_timeout
        self.retry_delay = retry_delay
        self.webhook_url = webhook_url or settings.zalo_webhook_url
        self.webhook_host = webhook_host or settings.zalo_webhook_host
        self.webhook_port = int(webhook_port or settings.zalo_webhook_port)
        self._flood = _Flood(settings.rate_limit_per_minute)
        self._locks: dict[str, list] = {}           # chat id -> [lock, users]
        self._tasks: set[asyncio.Task] = set()
        self.bot_info: dict = {}
        self.webhook_address: tuple | None = None     # (host, port) once the webhook server listens

    # ---- running -----------------------------------------------------------------
    async def run(self, stop: asyncio.Event, *, webhook: str | None = None, port: int | None = None) -> None:
        """Poll (or serve the webhook) until ``stop`` is set; never raises for a network problem."""
        try:
            await self._hello(stop)
            inbox.forget_seen(self.store, CHANNEL)
            url = webhook or self.webhook_url
            if url:
                from bot.channels.zalo_webhook import serve_webhook
                await serve_webhook(self, stop, url=url, host=self.webhook_host, port=port or self.webhook_port)
            else:
                await self.poll(stop)
        finally:
            await self.drain()
            await self.client.aclose()

    async def _hello(self, stop: asyncio.Event) -> None:
        """getMe until it works (the network may be down at start-up); a bad token is logged clearly."""
        delay = self.retry_delay
        while not stop.is_set():
            try:
                self.bot_info = await self.client.get_me()
                log.info("zalo: connected as %s", self.bot_info.get("account_name") or self.bot_info.get("id") or "?")
                return
            except ZaloApiError as e:
                log.error("zalo: getMe refused (%s %s); check ZALO_BOT_TOKEN", e.error_code, e.description)
            except ZaloNetworkError as e:
                log.warning("zalo: cannot reach the Bot API (%s); retrying", e)
            await _sleep_or_stop(stop, delay)
            delay = min(delay * 2, 300)

    async def poll(self, stop: asyncio.Event) -> None:
        """The long-polling loop: one update per getUpdates, 408 = idle, errors waited out."""
        try:
            info = await self.client.get_webhook_info()
            if info.get("url"):
                log.info("zalo: removing the webhook so that getUpdates works")
                await self.client.delete_webhook()
        except ZaloError as e:
            log.warning("zalo: could not check the webhook (%s)", e)
        stopping = asyncio.ensure_future(stop.wait())
        delay = self.retry_delay
        try:
            while not stop.is_set():
                fetch = asyncio.ensure_future(self.client.get_updates(timeout=self.poll_timeout))
                await asyncio.wait({fetch, stopping}, return_when=asyncio.FIRST_COMPLETED)
                if not fetch.done():
                    fetch.cancel()
                    await asyncio.gather(fetch, return_exceptions=True)
                    break
                try:
                    updates = fetch.result()
                except ZaloError as e:
                    log.warning("zalo: getUpdates failed (%s); retrying in %.0f s", e, delay)
                    await _sleep_or_stop(stop, delay)
                    delay = min(delay * 2, 60)
                    continue
                delay = self.retry_delay
                for update in updates:
                    self.spawn(self.handle_update(update))
        finally:
            stopping.cancel()

    def spawn(self, coro) -> asyncio.Task:
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    async def drain(self, timeout: float = 10.0) -> None:
        """Let the updates being handled finish (used at shutdown and by tests)."""
        if self._tasks:
            await asyncio.wait(set(self._tasks), timeout=timeout)

    # ---- one update ----------------------------------------------------------------
    async def handle_update(self, update: ZaloUpdate) -> None:
        """Handle an update exactly once; an error is logged and answered politely, never raised."""
        if not update.chat_id:
            log.info("zalo: update without a chat id ignored (%s)", update.event_name)
            return
        key = update.message_id or _fingerprint(update)
        if inbox.seen_before(self.store, CHANNEL, key):
            log.debug("zalo: message %s already handled", key)
            return
        chat = ChatRef(CHANNEL, update.chat_id)
        # one chat's messages are handled one after the other, in order; the entry lives while in use
        entry = self._locks.setdefault(chat.id, [asyncio.Lock(), 0])
        entry[1] += 1
        try:
            async with entry[0]:
                await self._dispatch(update, chat)
        except Exception:
            log.exception("zalo: failed to handle message %s", key)
            try:
                await self.reply(chat, _notice("error"))
            except Exception as e:      # the reply itself may fail (network down): nothing more to do
                log.warning("zalo: could not send the error notice (%s)", e)
        finally:
            entry[1] -= 1
            if entry[1] == 0:
                self._locks.pop(chat.id, None)

    async def _dispatch(self, update: ZaloUpdate, chat: ChatRef) -> None:
        self._remember_chat(update)
        verdict = self._flood.check(chat.id)
        if verdict != "ok":
            if verdict == "warn":
                await self.reply(chat, _notice("slow_down"))
            return
        if not update.is_text:
            if not update.is_group:
                await self.reply(chat, _notice("unsupported", event=update.event_name))
            return
        await self._typing(chat)
        await self.handle_text(chat, update, (update.text or "").strip())

    async def handle_text(self, chat: ChatRef, update: ZaloUpdate, text: str, *, depth: int = 0) -> None:
        m = CHOICE.match(text)
        if m and depth == 0:
            count = inbox.has_choices(self.store, CHANNEL, chat.id)
            if count:
                data = inbox.chosen(self.store, CHANNEL, chat.id, int(m.group(1)))
                if data is None:
                    await self.reply(chat, _notice("bad_choice", number=m.group(1), count=count))
                    return
                await self.handle_text(chat, update, data, depth=1)
                return
        if text.startswith("/"):
            await self.command(chat, update, text)
            return
        if update.is_group and depth == 0:
            return                               # groups: commands and choices only
        await self.answer(chat, update, text)

    # ---- answers ---------------------------------------------------------------------
    def role(self, update: ZaloUpdate) -> str:
        from bot.permissions import role_of
        return role_of(self.settings, self.store, CHANNEL, update.from_id or update.chat_id)

    def today(self) -> date:
        return self._today() if self._today else datetime.now(TZ).date()

    async def answer(self, chat: ChatRef, update: ZaloUpdate, question: str) -> None:
        ans = self.conv.answer(chat, question, today=self.today())
        text = render(ans, CHANNEL)
        buttons: list[Button] = []
        shown = len(ans.tasks) or len(ans.documents)
        if ans.tasks and ans.total and ans.offset + shown < ans.total:
            buttons.append(Button(_label("more"), "xem thêm"))
        if ans.tasks and self._may("set_status", update):
            for item in [i for i in ans.tasks if i.task.status != STATUS_DONE][:MAX_DONE_CHOICES]:
                buttons.append(Button(_label("done", task_id=item.task.id), f"/xong {item.task.id}"))
        if not buttons:          # a new answer without choices: older numbers no longer mean anything
            inbox.offer_choices(self.store, CHANNEL, chat.id, [])
        await self.reply(chat, text, buttons)

    async def reply(self, chat: ChatRef, text: str, buttons: list[Button] | tuple = ()) -> None:
        rows = tuple((b,) for b in buttons)
        await self.sender.send(OutMessage(chat=chat, text=text, buttons=rows))

    async def _typing(self, chat: ChatRef) -> None:
        try:
            await self.client.send_chat_action(chat.id, "typing")
        except ZaloError as e:
            log.debug("zalo: sendChatAction failed (%s)", e)

    def _may(self, action: str, update: ZaloUpdate) -> bool:
        from bot.permissions import allowed
        return allowed(self.role(update), action)

    def _remember_chat(self, update: ZaloUpdate) -> None:
        if update.is_group:
            return
        try:
            from knowledge import accounts
        except ImportError:       # pragma: no cover - accounts ship with the Telegram bot
            return
        accounts.seen(self.store, CHANNEL, update.chat_id, update.from_name)

    # ---- commands ---------------------------------------------------------------------
    async def command(self, chat: ChatRef, update: ZaloUpdate, text: str) -> None:
        m = COMMAND.match(text.strip())
        if not m:
            await self.reply(chat, _notice("unknown_command", command=text.split()[0][:40]))
            return
        name, args = m.group(1).lower(), (m.group(2) or "").strip()
        handler = getattr(self, f"cmd_{name}", None) or getattr(self, f"cmd_{_ALIASES.get(name, '')}", None)
        if handler is None:
            await self.reply(chat, _notice("unknown_command", command=f"/{name}"[:40]))
            return
        try:
            await handler(chat, update, args)
        except PermissionDenied:
            await self.reply(chat, _notice("denied"))
        except UnknownTask as e:
            await self.reply(chat, render_template("errors.j2", CHANNEL, error="UnknownTask", value=e.task_id))

    async def cmd_start(self, chat, update, args) -> None:
        await self.reply(chat, render_template("zalo_help.j2", CHANNEL, role=self.role(update), start=True,
                                               user_name=update.from_name))

    async def cmd_help(self, chat, update, args) -> None:
        await self.reply(chat, render_template("zalo_help.j2", CHANNEL, role=self.role(update), start=False,
                                               user_name=update.from_name))

    async def cmd_hoi(self, chat, update, args) -> None:
        if not args:
            await self.reply(chat, _notice("usage", command="hoi"))
            return
        await self.answer(chat, update, args)

    async def cmd_donvi(self, chat, update, args) -> None:
        if not args:
            await self.reply(chat, _notice("usage", command="donvi"))
            return
        await self.answer(chat, update, f"{args} phải làm gì")

    async def cmd_quahan(self, chat, update, args) -> None:
        await self.answer(chat, update, f"việc quá hạn {args}".strip())

    async def cmd_sapden(self, chat, update, args) -> None:
        if not args:
            await self.answer(chat, update, "việc sắp đến hạn")
            return
        if not args.isdigit() or not 1 <= int(args) <= 365:
            await self.reply(chat, _notice("usage", command="sapden"))
            return
        await self.answer(chat, update, f"việc đến hạn trong {int(args)} ngày tới")

    async def cmd_vanban(self, chat, update, args) -> None:
        if not args:
            await self.answer(chat, update, "danh sách văn bản")
            return
        ans = self.conv.answer(chat, f"tóm tắt văn bản {args[:100]}", today=self.today())
        if ans.kind != "doc_summary":
            await self.reply(chat, _notice("no_document", number=args[:100]))
            return
        await self.reply(chat, render(ans, CHANNEL))

    async def cmd_theodoi(self, chat, update, args) -> None:
        if not args:
            await self.reply(chat, _notice("usage", command="theodoi"))
            return
        subs = _subscriptions()
        if subs is None:
            await self.reply(chat, _notice("unavailable"))
            return
        from bot.permissions import require
        require(self.role(update), "subscribe")
        try:
            result = subs.subscribe(self.store, CHANNEL, chat.id, unit=args)
        except AmbiguousUnit as e:
            await self.reply(chat, render_template("zalo_subscription.j2", CHANNEL, action="ambiguous", unit=args),
                             [Button(_label("unit", unit=c), f"/theodoi {c}") for c in e.candidates[:9]])
            return
        except UnknownUnit as e:
            suggestions = tuple(getattr(e, "suggestions", ()) or ())[:5]
            await self.reply(chat, render_template("zalo_subscription.j2", CHANNEL, action="unknown", unit=args,
                                                   suggestions=suggestions),
                             [Button(_label("unit", unit=s), f"/theodoi {s}") for s in suggestions])
            return
        await self.reply(chat, render_template("zalo_subscription.j2", CHANNEL, action="subscribed",
                                               unit=_unit_name(result, args), alert_time=self.settings.alert_time))

    async def cmd_huytheodoi(self, chat, update, args) -> None:
        subs = _subscriptions()
        if subs is None:
            await self.reply(chat, _notice("unavailable"))
            return
        try:
            if args:
                removed = subs.unsubscribe(self.store, CHANNEL, chat.id, unit=args)
            else:
                removed = subs.unsubscribe(self.store, CHANNEL, chat.id, everything=True)
        except (AmbiguousUnit, UnknownUnit):
            removed = 0
        action = "unsubscribed" if removed or removed is None else "nothing"
        await self.reply(chat, render_template("zalo_subscription.j2", CHANNEL, action=action, unit=args))

    async def cmd_xong(self, chat, update, args) -> None:
        await self._set_status(chat, update, args, STATUS_DONE, "xong")

    async def cmd_tiendo(self, chat, update, args) -> None:
        await self._set_status(chat, update, args, STATUS_DOING, "tiendo")

    async def _set_status(self, chat, update, args, status: str, command: str) -> None:
        from knowledge.alerts import BadOccurrence, parse_task_ref, set_occurrence_status

        from bot.permissions import require
        require(self.role(update), "set_status")
        parts = args.split(None, 1)
        if not parts or (command == "tiendo" and len(parts) < 2):
            await self.reply(chat, _notice("usage", command=command))
            return
        typed = parts[0].strip(".,;:()[]").removeprefix("#")[:40]
        note = parts[1].strip()[:1000] if len(parts) > 1 else ""
        # "5.12", or "5.10:2019-12-31" for one occurrence of a recurring task (the digests' choices)
        task_id, occurrence = parse_task_ref(typed) or (typed, "")
        try:
            task = self.store.task(task_id)                # UnknownTask -> a reply
            if status == STATUS_DONE and task.status == STATUS_DONE and not occurrence:
                await self.reply(chat, render_template("zalo_status.j2", CHANNEL, status=status, task_id=task_id,
                                                       already=True, note="", occurrence="", action=task.action))
                return
            set_occurrence_status(self.store, task_id, occurrence, status, note=note, by_chat=chat.key,
                                  by_name=update.from_name)
        except BadOccurrence:
            await self.reply(chat, render_template("errors.j2", CHANNEL, error="UnknownTask", value=typed))
            return
        await self.reply(chat, render_template("zalo_status.j2", CHANNEL, status=status, task_id=task_id, note=note,
                                               occurrence=occurrence, already=False, action=task.action))

    async def cmd_nhapma(self, chat, update, args) -> None:
        from knowledge import accounts
        if not args:
            await self.reply(chat, _notice("usage", command="nhapma"))
            return
        try:
            acc = accounts.redeem_invitation(self.store, CHANNEL, update.from_id or chat.id, args[:64],
                                             name=update.from_name)
        except accounts.InvalidInvitation as e:
            await self.reply(chat, render_template("zalo_accounts.j2", CHANNEL, action="bad_code", reason=e.reason))
            return
        await self.reply(chat, render_template("zalo_accounts.j2", CHANNEL, action="redeemed", role=acc.role))

    async def cmd_moi(self, chat, update, args) -> None:
        from knowledge import accounts

        from bot.permissions import require
        require(self.role(update), "invite")
        code = accounts.create_invitation(self.store, created_by=chat.key)
        await self.reply(chat, render_template("zalo_accounts.j2", CHANNEL, action="invitation", code=code,
                                               days=accounts.CODE_DAYS))

    async def cmd_capquyen(self, chat, update, args) -> None:
        """/capquyen <Zalo user id> [huy]: an admin makes someone an official (or takes it back)."""
        from knowledge import accounts

        from bot.permissions import require
        require(self.role(update), "grant")
        words = args.split()
        target = words[0] if words else ""
        if not re.fullmatch(r"[A-Za-z0-9_.-]{1,64}", target):
            await self.reply(chat, render_template("zalo_accounts.j2", CHANNEL, action="grant_usage"))
            return
        if len(words) > 1 and words[1].lower() in ("huy", "hủy", "thuhoi", "xoa", "xóa"):
            accounts.set_role(self.store, CHANNEL, target, accounts.CITIZEN, granted_by=chat.key)
            await self.reply(chat, render_template("zalo_accounts.j2", CHANNEL, action="revoked", target=target))
            return
        accounts.set_role(self.store, CHANNEL, target, accounts.OFFICIAL, granted_by=chat.key)
        await self.reply(chat, render_template("zalo_accounts.j2", CHANNEL, action="granted", target=target))
        try:
            await self.reply(ChatRef(CHANNEL, target), render_template("zalo_accounts.j2", CHANNEL,
                                                                       action="redeemed", role=accounts.OFFICIAL))
        except DeliveryError as e:
            log.info("zalo: could not tell %s about the new role (%s)", target, type(e).__name__)


_ALIASES = {"trogiup": "help", "batdau": "start", "hdsd": "help"}


def _subscriptions():
    try:
        from knowledge import subscriptions
    except ImportError:
        return None
    return subscriptions


def _unit_name(result, default: str) -> str:
    """The unit's canonical name from whatever subscribe() returned, else what the user typed."""
    for attr in ("label", "name", "unit"):
        value = getattr(result, attr, None)
        if isinstance(value, str) and value:
            return value
    if isinstance(result, str) and result:
        return result
    return default


def _fingerprint(update: ZaloUpdate) -> str:
    """A stable key for an update that came without a message id."""
    blob = json.dumps(update.raw, sort_keys=True, ensure_ascii=False, default=str)
    return "sha1:" + hashlib.sha1(blob.encode("utf-8")).hexdigest()


async def _sleep_or_stop(stop: asyncio.Event, seconds: float) -> None:
    try:
        await asyncio.wait_for(stop.wait(), timeout=seconds)
    except asyncio.TimeoutError:
        pass


__all__ = ["ZaloChannel", "ZaloSender", "ZaloClient", "ZaloUpdate"]
