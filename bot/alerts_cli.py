"""``chidao subscribe | unsubscribe | alerts``: subscriptions and the daily digests from the command line (cron).

    chidao subscribe   --chat ID (--unit "TÊN" | --document SỐ | --all) [--channel telegram|zalo] [--db DB]
    chidao unsubscribe --chat ID (--unit "TÊN" | --document SỐ | --all) [--channel telegram|zalo] [--db DB]
    chidao alerts [--today YYYY-MM-DD] [--dry-run] [--db DB]

``alerts --dry-run`` prints every digest of the day (plain text) and sends and records nothing;
without it the digests go out through the channels whose tokens are set and are recorded, so a
second run the same day (or the bot's own scheduler) sends nothing new. Exit codes: 0 done,
1 some messages could not be delivered (run again to retry them), 2 bad input.
"""
from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import sys
from collections.abc import AsyncIterator
from datetime import datetime

from knowledge import alerts as alert_core
from knowledge.dates import parse_user_date
from knowledge.errors import AmbiguousUnit, UnknownUnit
from knowledge.errors import AmbiguousDocument, UnknownDocument
from knowledge.store import Store
from knowledge.subscriptions import subscribe as add_subscription
from knowledge.subscriptions import unsubscribe as drop_subscriptions

from bot.config import TZ, Settings, load_settings
from bot.delivery import Sender
from bot.kb import open_store
from bot.render import render_template
from bot.scheduler import policy_of, render_digest, send_digests

log = logging.getLogger("chidao.alerts")


def _store(args: argparse.Namespace, settings: Settings | None = None) -> Store:
    """--db, else CHIDAO_DB (the running bot's database, so that cron and the bot share one log), else the
    default database seeded with the bundled directives."""
    return open_store(args.db or (settings or load_settings()).db_path)


def _selector(args: argparse.Namespace) -> dict | None:
    chosen = [k for k, v in (("unit", args.unit), ("document", args.document), ("everything", args.all)) if v]
    if len(chosen) != 1:
        return None
    return {"unit": args.unit} if args.unit else {"document": args.document} if args.document else {"everything": True}


def _lookup_error(e: Exception) -> str:
    if isinstance(e, AmbiguousUnit):
        return render_template("subscription.j2", action="ambiguous_unit", wanted=e.name, candidates=e.candidates)
    if isinstance(e, UnknownUnit):
        return render_template("subscription.j2", action="unknown_unit", wanted=e.name, suggestions=e.suggestions)
    if isinstance(e, AmbiguousDocument):
        return render_template("subscription.j2", action="ambiguous_document", wanted=e.name, candidates=e.candidates)
    assert isinstance(e, UnknownDocument)
    return render_template("subscription.j2", action="unknown_document", wanted=e.name, suggestions=e.suggestions)


def _change(args: argparse.Namespace, apply) -> int:
    """subscribe / unsubscribe: check the target, resolve names, apply, report (lookup errors exit 2)."""
    selector = _selector(args)
    if selector is None:
        print(render_template("subscription.j2", action="need_target"), file=sys.stderr)
        return 2
    try:
        print(apply(_store(args), selector))
    except (AmbiguousUnit, UnknownUnit, AmbiguousDocument, UnknownDocument) as e:
        print(_lookup_error(e), file=sys.stderr)
        return 2
    return 0


def subscribe(args: argparse.Namespace) -> int:
    def apply(store, selector) -> str:
        sub = add_subscription(store, args.channel, args.chat, **selector)
        return render_template("subscription.j2", action="subscribed", sub=sub, alert_time=load_settings().alert_time)
    return _change(args, apply)


def unsubscribe(args: argparse.Namespace) -> int:
    def apply(store, selector) -> str:
        count = drop_subscriptions(store, args.channel, args.chat, **selector)
        return render_template("subscription.j2", action="unsubscribed", count=count, chat_id=args.chat)
    return _change(args, apply)


def alerts(args: argparse.Namespace) -> int:
    day = parse_user_date(args.today) if args.today else datetime.now(TZ).date()   # BadDate -> exit 2
    settings = load_settings()
    store = _store(args, settings)
    policy = policy_of(settings)
    if args.dry_run:
        found = alert_core.digests(store, day, policy)
        if not found:
            print(render_template("digest_none.j2", day=day))
            return 0
        sources = {d.id: d for d in store.documents()}
        for digest in found:
            text, _ = render_digest(digest, "console", sources, policy, with_buttons=False, limit=10**9)
            print(render_template("digest_header.j2", chat_channel=digest.channel, chat_id=digest.chat_id))
            print(text)
            print()
        return 0
    try:
        report = asyncio.run(_send(settings, store, day, policy))
    except Exception as e:              # a channel could not start (token refused, network down)
        log.warning("alerts: could not start the channels: %s: %s", type(e).__name__, e)
        print(render_template("alerts_report.j2", report=None, day=day), file=sys.stderr)
        return 1
    print(render_template("alerts_report.j2", report=report, day=day))
    return 1 if report.failed else 0


async def _send(settings: Settings, store: Store, day, policy):
    async with senders_for(settings, store) as senders:
        return await send_digests(store, day, senders, policy, settings=settings, pace=0.04 if senders else 0.0)


@contextlib.asynccontextmanager
async def senders_for(settings: Settings, store: Store) -> AsyncIterator[dict[str, Sender]]:
    """A Sender for every channel whose token is set, closed on exit."""
    senders: dict[str, Sender] = {}
    async with contextlib.AsyncExitStack() as stack:
        if settings.telegram_token:
            senders["telegram"] = await stack.enter_async_context(_telegram_sender(settings))
        if settings.zalo_token:
            from bot.channels.zalo import ZaloSender
            from bot.channels.zalo_client import ZaloClient
            client = ZaloClient(settings.zalo_token, settings.zalo_api_url)
            stack.push_async_callback(client.aclose)
            senders["zalo"] = ZaloSender(client, store)
        yield senders


@contextlib.asynccontextmanager
async def _telegram_sender(settings: Settings) -> AsyncIterator[Sender]:
    """The channel's TelegramSender over a PTB bot configured like the running bot's (HTML, rate limiter),
    pointed at TELEGRAM_API_URL. RetryAfter is waited out by the sender itself."""
    from telegram import LinkPreviewOptions
    from telegram.constants import ParseMode
    from telegram.ext import AIORateLimiter, Defaults, ExtBot

    from bot.channels.telegram import TelegramSender

    api = settings.telegram_api_url.rstrip("/")
    bot = ExtBot(settings.telegram_token, base_url=f"{api}/bot", base_file_url=f"{api}/file/bot",
                 defaults=Defaults(tzinfo=TZ, parse_mode=ParseMode.HTML,
                                   link_preview_options=LinkPreviewOptions(is_disabled=True)),
                 rate_limiter=AIORateLimiter(max_retries=0))
    async with bot:
        yield TelegramSender(bot)
