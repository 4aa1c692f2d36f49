"""The daily alert digests: once a day at ALERT_TIME (Asia/Ho_Chi_Minh), every subscribed chat gets one message.

What to say comes from ``knowledge.alerts`` (selection, sent log); this module renders each digest
from ``templates/digest.j2`` and pushes it through the channels' ``Sender`` port:

* delivered          -> the digest's items are recorded as sent (a second run that day sends nothing);
* ``ChatGone``       -> the chat is marked inactive (``knowledge.subscriptions.mark_inactive``), go on;
* ``DeliveryError``  -> nothing is recorded, the chat is tried again at the next retry (every
                        ``RETRY_EVERY``, at most ``MAX_RETRIES`` times a day) or run;
* anything else      -> logged, treated like a DeliveryError: one failure never stops the loop.

The schedule lives in the database: the last day whose digests went out (``alert_state``). At
start-up the scheduler reads it back; when today's ALERT_TIME has passed and today's digest has not
gone out (the bot was down), it is sent at once, and only once.

Buttons
-------
Each shown item of a digest has a button "Đánh dấu đã xong" (for officials and group chats; the
permission is checked again when it is pressed). Its data:

* Telegram (callback data): ``done:<task_id>`` for a one-off task, ``done:<task_id>:<occurrence>`` for an
  occurrence of a recurring task (ISO date): ``done:5.12``, ``done:5.10:2019-12-31`` (at most 24 bytes,
  far under Telegram's 64). Route it with ``knowledge.alerts.parse_done_data(data)`` -> (task_id,
  occurrence), then ``knowledge.alerts.mark_done(store, task_id, occurrence, by_chat=..., by_name=...)``.
* Zalo (no buttons: the data is what a numbered choice "types"): ``/xong <task_id>`` or
  ``/xong <task_id>:<occurrence>``; ``knowledge.alerts.parse_task_ref`` splits the argument.
"""
from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta

from knowledge import alerts
from knowledge.alerts import AlertPolicy, Digest, DigestItem
from knowledge.store import DocumentRow, Store
from knowledge.subscriptions import mark_inactive

from bot.config import TZ, Settings
from bot.conversation import ChatRef
from bot.delivery import Button, ChatGone, DeliveryError, OutMessage, Sender
from bot.render import MAX_ANSWER, _short, render_template

log = logging.getLogger("chidao.alerts")

DEFAULT_ALERT_TIME = time(7, 30)
RETRY_EVERY = timedelta(minutes=10)
MAX_RETRIES = 6
MAX_NAP = 60.0                 # seconds: wake up at least this often to re-read the clock
KEEP_SENT_DAYS = 60
SECTION_CAPS = (alerts.SHOW_MAX, 10, 6, 4, 2, 1)   # items listed per section, tried until the text fits
WIDTHS = (300, 180, 110)
SECTION_ORDER = (alerts.KIND_OVERDUE, alerts.KIND_DUE_SOON, alerts.KIND_ESCALATED)

Clock = Callable[[], datetime]
Sleep = Callable[[float, asyncio.Event], Awaitable[None]]


@dataclass(frozen=True)
class RunReport:
    day: date
    digests: int = 0
    sent: int = 0
    failed: int = 0
    gone: int = 0
    no_channel: int = 0
    missing_channels: tuple[str, ...] = ()
    failed_chats: tuple[str, ...] = field(default=(), repr=False)


def policy_of(settings: Settings) -> AlertPolicy:
    return AlertPolicy(due_soon_days=settings.due_soon_days, escalate_after_days=settings.escalate_after_days)


def alert_time_of(settings: Settings) -> time:
    try:
        hh, mm = (int(x) for x in settings.alert_time.strip().split(":"))
        return time(hh, mm)
    except (ValueError, AttributeError):
        log.warning("ALERT_TIME %r is not HH:MM; using %s", settings.alert_time, DEFAULT_ALERT_TIME)
        return DEFAULT_ALERT_TIME


# ---- rendering ------------------------------------------------------------------------------------------------

def button_data(channel: str, item: DigestItem) -> str:
    if channel == "zalo":
        return f"/xong {item.task.id}" + (f":{item.occurrence}" if item.occurrence else "")
    return alerts.done_data(item.task.id, item.occurrence)


def render_digest(digest: Digest, channel: str, sources: Mapping[int, DocumentRow], policy: AlertPolicy, *,
                  with_buttons: bool = True, limit: int = MAX_ANSWER) -> tuple[str, tuple[DigestItem, ...]]:
    """The digest's text for ``channel`` under ``limit`` characters, and the items it lists (those whose
    task was read back: ``knowledge.alerts.load_tasks``)."""
    groups = {k: digest.of_kind(k) for k in SECTION_ORDER}
    ready = {k: tuple(i for i in groups[k] if i.task is not None) for k in SECTION_ORDER}
    text, shown_items = "", ()
    for cap in SECTION_CAPS:
        for width in WIDTHS:
            sections = [(k, ready[k][:cap], len(groups[k])) for k in SECTION_ORDER if groups[k]]
            shown_items = tuple(i for _, shown, _ in sections for i in shown)
            numbers = {i.key: n for n, i in enumerate(shown_items, 1)}
            text = render_template("digest.j2", channel, digest=digest, sections=sections, numbers=numbers,
                                   sources=sources, policy=policy, with_buttons=with_buttons and bool(shown_items),
                                   short=lambda s, w=width: _short(s, w))
            if len(text) <= limit:
                return text, shown_items
    return text[:limit - 1] + "…", shown_items


def digest_message(digest: Digest, sources: Mapping[int, DocumentRow], policy: AlertPolicy, *,
                   with_buttons: bool = True) -> tuple[OutMessage, tuple[DigestItem, ...]]:
    """The message for the digest's chat, and the items it lists."""
    text, shown = render_digest(digest, digest.channel, sources, policy, with_buttons=with_buttons)
    buttons: tuple[tuple[Button, ...], ...] = ()
    if with_buttons:
        many = len(shown) > 1
        buttons = tuple((Button(render_template("digest_button.j2", "console", n=n, many=many),
                                button_data(digest.channel, item)),) for n, item in enumerate(shown, 1))
    return OutMessage(chat=ChatRef(digest.channel, digest.chat_id), text=text, buttons=buttons), shown


def _may_mark_done(settings: Settings | None, store: Store, channel: str, chat_id: str) -> bool:
    """Buttons for officials, and in group chats (where whoever presses is checked then)."""
    if chat_id.startswith("-") or settings is None:
        return True
    try:
        from bot.permissions import allowed, role_of
    except ImportError:  # pragma: no cover - permissions ship with the Telegram bot
        return True
    try:
        return allowed(role_of(settings, store, channel, chat_id), "set_status")
    except Exception:  # pragma: no cover - accounts not migrated: show them, the press is checked
        log.exception("alerts: could not read the role of %s:%s", channel, chat_id)
        return True


# ---- one run --------------------------------------------------------------------------------------------------

def compute_digests(store: Store, day: date, policy: AlertPolicy) -> list[Digest]:
    """The day's digests, tasks not read back yet (done chat by chat, just before sending)."""
    return alerts.digests(store, day, policy, with_tasks=False)


async def send_digests(store: Store, day: date, senders: Mapping[str, Sender], policy: AlertPolicy, *,
                       settings: Settings | None = None, clock: Clock | None = None, pace: float = 0.0,
                       ) -> RunReport:
    """Send every new digest of ``day`` once; record what was delivered. Never raises for one chat."""
    clock = clock or (lambda: datetime.now(TZ))
    alerts.release_stale_claims(store, now=clock())
    todo = compute_digests(store, day, policy)
    sources = {d.id: d for d in store.documents()}
    report = RunReport(day, digests=len(todo))
    missing: set[str] = set()
    failed: list[str] = []
    for digest in todo:
        sender = senders.get(digest.channel)
        if sender is None:
            missing.add(digest.channel)
            report = replace(report, no_channel=report.no_channel + 1)
            continue
        if not alerts.claim(store, digest, now=clock()):
            continue                       # sent, or being sent by another run
        who = f"{digest.channel}:{digest.chat_id}"
        shown: tuple[DigestItem, ...] = ()
        try:
            [full] = alerts.load_tasks(store, [digest])
            message, shown = digest_message(full, sources, policy,
                                            with_buttons=_may_mark_done(settings, store, digest.channel,
                                                                        digest.chat_id))
            await sender.send(message)
        except ChatGone as e:
            alerts.release(store, digest)
            mark_inactive(store, digest.channel, digest.chat_id)
            log.info("alerts: %s is gone (%s); marked inactive", who, e)
            report = replace(report, gone=report.gone + 1)
        except DeliveryError as e:
            alerts.release(store, digest)
            log.warning("alerts: could not deliver to %s (%s); will retry", who, e)
            failed.append(who)
            report = replace(report, failed=report.failed + 1)
        except Exception:
            alerts.release(store, digest)
            log.exception("alerts: sending to %s failed", who)
            failed.append(who)
            report = replace(report, failed=report.failed + 1)
        else:
            alerts.confirm(store, digest, shown, now=clock())
            report = replace(report, sent=report.sent + 1)
        if pace:
            await asyncio.sleep(pace)
    return replace(report, missing_channels=tuple(sorted(missing)), failed_chats=tuple(failed))


# ---- the daily loop -------------------------------------------------------------------------------------------

async def _sleep_or_stop(seconds: float, stop: asyncio.Event) -> None:
    try:
        await asyncio.wait_for(stop.wait(), timeout=max(0.0, seconds))
    except asyncio.TimeoutError:
        pass


class AlertScheduler:
    """Runs the digest once a day at ALERT_TIME, catches up a missed one at start, retries failures."""

    def __init__(self, settings: Settings, store: Store, senders: Mapping[str, Sender], *,
                 clock: Clock | None = None, sleep: Sleep | None = None, retry_every: timedelta = RETRY_EVERY,
                 max_retries: int = MAX_RETRIES, pace: float = 0.04) -> None:
        self.settings = settings
        self.store = store
        self.senders = dict(senders)
        self.policy = policy_of(settings)
        self.alert_time = alert_time_of(settings)
        self.clock = clock or (lambda: datetime.now(TZ))
        self.sleep = sleep or _sleep_or_stop
        self.retry_every = retry_every
        self.max_retries = max_retries
        self.pace = pace
        self._retry_at: datetime | None = None
        self._retries = 0
        self._retry_day: date | None = None
        self.reports: list[RunReport] = []

    def _now(self) -> datetime:
        now = self.clock()
        return now.astimezone(TZ) if now.tzinfo else now.replace(tzinfo=TZ)

    def next_run(self, now: datetime | None = None) -> datetime:
        """When the next digest (or retry) is due, from the state in the database."""
        now = now or self._now()
        today = now.date()
        if self._retry_at is not None and self._retry_day == today:
            return self._retry_at
        last = alerts.last_digest_day(self.store)
        at_today = datetime.combine(today, self.alert_time, TZ)
        if last is None or last < today:
            return at_today            # in the past when the bot was down at ALERT_TIME: run now
        return datetime.combine(today + timedelta(days=1), self.alert_time, TZ)

    async def run(self, stop: asyncio.Event) -> None:
        log.info("alerts: digests daily at %s (%s); last sent %s; next %s", self.alert_time.strftime("%H:%M"), TZ,
                 alerts.last_digest_day(self.store), self.next_run().isoformat(timespec="minutes"))
        while not stop.is_set():
            try:
                now = self._now()
                due = self.next_run(now)
                if now >= due:
                    await self.run_once(now.date())
                    continue
                wait = (due - now).total_seconds()
            except Exception:
                log.exception("alerts: scheduler step failed; trying again in a minute")
                wait = MAX_NAP
            await self.sleep(min(wait, MAX_NAP), stop)

    async def run_once(self, day: date) -> RunReport | None:
        """One pass over the day's digests; updates the schedule in the database."""
        if self._retry_day != day:
            self._retry_day, self._retries, self._retry_at = day, 0, None
        report: RunReport | None = None
        try:
            report = await send_digests(self.store, day, self.senders, self.policy, settings=self.settings,
                                        clock=self._now, pace=self.pace)
            self.reports.append(report)
            log.info("alerts %s: %d sent, %d failed, %d gone, %d without a channel", day, report.sent,
                     report.failed, report.gone, report.no_channel)
        except Exception:
            log.exception("alerts: the run of %s failed", day)
        if report is not None and not report.failed:
            self._finish(day)
            return report
        self._retries += 1
        if self._retries > self.max_retries:
            log.warning("alerts: giving up retrying the digests of %s after %d attempts", day, self._retries)
            self._finish(day)
        else:
            self._retry_at = self._now() + self.retry_every
        return report

    def _finish(self, day: date) -> None:
        self._retry_at = None
        alerts.set_last_digest_day(self.store, day)
        try:
            alerts.prune_sent(self.store, day - timedelta(days=KEEP_SENT_DAYS))
        except Exception:  # pragma: no cover - housekeeping never stops the loop
            log.exception("alerts: could not prune the sent log")
