"""Composition root for `chidao run`: one store, one engine, every channel whose token is set."""
from __future__ import annotations

import asyncio
import logging
from pathlib import Path

from knowledge.answer import Engine

from bot.config import Settings
from bot.conversation import Conversation
from bot.kb import open_store

log = logging.getLogger("chidao")


def run_channels(settings: Settings, *, db: str | Path | None = None, webhook: str | None = None,
                 port: int = 8443) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)  # its INFO lines carry the token in the URL
    store = open_store(db or settings.db_path)
    conv = Conversation(Engine(store))
    try:
        asyncio.run(serve(settings, store, conv, webhook=webhook, port=port))
    except KeyboardInterrupt:
        pass
    return 0


async def serve(settings: Settings, store, conv: Conversation, *, webhook: str | None = None, port: int = 8443,
                stop: asyncio.Event | None = None) -> None:
    """Run every configured channel (and the alert scheduler) until ``stop`` is set."""
    stop = stop or asyncio.Event()
    _stop_on_signals(stop)
    runners = []
    senders = {}
    if settings.telegram_token:
        from bot.channels.telegram import TelegramChannel
        tg = TelegramChannel(settings, store, conv)
        senders["telegram"] = tg.sender
        runners.append(tg.run(stop, webhook=webhook, port=port))
    if settings.zalo_token:
        from bot.channels.zalo import ZaloChannel
        zl = ZaloChannel(settings, store, conv)
        senders["zalo"] = zl.sender
        runners.append(zl.run(stop))
    try:
        from bot.scheduler import AlertScheduler
    except ImportError:  # pragma: no cover - until issue 5 lands
        AlertScheduler = None
    if AlertScheduler is not None and senders:
        runners.append(AlertScheduler(settings, store, senders).run(stop))
    await asyncio.gather(*runners)


def _stop_on_signals(stop: asyncio.Event) -> None:
    """SIGTERM (a service manager) and SIGINT stop every channel cleanly."""
    import signal

    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        try:
            loop.add_signal_handler(sig, stop.set)
        except (NotImplementedError, RuntimeError, ValueError):  # not the main thread, or not supported
            pass
