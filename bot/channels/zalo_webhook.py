"""Webhook mode for Zalo: a small aiohttp endpoint instead of long polling.

* Zalo sends each update as a JSON POST carrying the ``X-Bot-Api-Secret-Token`` header set with
  ``setWebhook(url, secret_token)``; it is compared in constant time (``hmac.compare_digest``) and a
  wrong or missing secret gets 403 with nothing processed.
* The body is the update, either bare (``{"event_name": …, "message": …}``) or wrapped like a
  getUpdates answer (``{"ok": true, "result": {…}}``): both are accepted.
* The endpoint answers 200 at once and handles the update in the background (Zalo expects a quick
  answer and retries otherwise; a retried update is dropped by the persisted message-id check).
* The secret must be 8..256 characters (the platform's rule); the URL must be HTTPS for Zalo, but
  any URL is accepted here so tests and reverse proxies can use plain HTTP locally.
"""
from __future__ import annotations

import asyncio
import hmac
import logging
from typing import TYPE_CHECKING
from urllib.parse import urlparse

from aiohttp import web

from bot.channels.zalo_client import ZaloError, ZaloUpdate

if TYPE_CHECKING:  # pragma: no cover
    from bot.channels.zalo import ZaloChannel

log = logging.getLogger("chidao.zalo")

SECRET_HEADER = "X-Bot-Api-Secret-Token"
MAX_BODY = 256 * 1024


def secret_ok(given: str | None, expected: str) -> bool:
    """Constant-time comparison of the header with the configured secret."""
    return hmac.compare_digest((given or "").encode("utf-8"), expected.encode("utf-8"))


def make_app(channel: ZaloChannel, secret: str, path: str = "/") -> web.Application:
    """The aiohttp application receiving Zalo updates at ``path``."""
    if not secret:
        raise ValueError("a webhook secret is required")

    async def receive(request: web.Request) -> web.Response:
        if not secret_ok(request.headers.get(SECRET_HEADER), secret):
            log.warning("zalo webhook: wrong or missing secret from %s", request.remote)
            return web.json_response({"ok": False, "description": "forbidden"}, status=403)
        try:
            body = await request.json()
        except Exception:          # not JSON, or too large
            return web.json_response({"ok": False, "description": "bad request"}, status=400)
        update = ZaloUpdate.parse(body)
        if update is not None:
            channel.spawn(channel.handle_update(update))
        else:
            log.info("zalo webhook: body without a message ignored")
        return web.json_response({"ok": True})

    app = web.Application(client_max_size=MAX_BODY)
    app.router.add_post(path or "/", receive)
    return app


async def serve_webhook(channel: ZaloChannel, stop: asyncio.Event, *, url: str, host: str = "0.0.0.0",
                        port: int = 8444, secret: str | None = None) -> None:
    """Listen on host:port, register ``url`` with Zalo, serve until ``stop`` is set."""
    secret = secret or channel.settings.zalo_webhook_secret
    if not secret or not 8 <= len(secret) <= 256:
        log.error("zalo: webhook mode needs ZALO_WEBHOOK_SECRET of 8 to 256 characters; Zalo channel not started")
        return
    path = urlparse(url).path or "/"
    runner = web.AppRunner(make_app(channel, secret, path), access_log=None)
    await runner.setup()
    try:
        site = web.TCPSite(runner, host, port)
        await site.start()
        channel.webhook_address = runner.addresses[0] if runner.addresses else (host, port)
        log.info("zalo: webhook listening on %s:%s%s", channel.webhook_address[0], channel.webhook_address[1], path)
        while not stop.is_set():
            try:
                await channel.client.set_webhook(url, secret)
                log.info("zalo: webhook registered")
                break
            except ZaloError as e:
                log.warning("zalo: setWebhook failed (%s); retrying", e)
                try:
                    await asyncio.wait_for(stop.wait(), timeout=channel.retry_delay)
                except asyncio.TimeoutError:
                    pass
        await stop.wait()
    finally:
        await runner.cleanup()
