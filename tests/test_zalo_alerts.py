"""Alert digests reach a Zalo subscriber once: subscribed over Zalo, sent by the scheduler and the CLI."""
from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from datetime import date, datetime

import pytest

from knowledge import alerts
from knowledge.store import STATUS_DONE, Store

from bot.config import TZ, Settings
from bot.scheduler import AlertScheduler, send_digests

from tests.fakes.zalo_api import FakeZalo, RunningChannel, corpus_db, api, db  # noqa: F401 (fixtures)


def at(day: str, hh: int = 8):
    moment = datetime.fromisoformat(day).replace(hour=hh, tzinfo=TZ)
    return lambda: moment


async def run_scheduler(settings: Settings, store: Store, senders, clock) -> None:
    """One scheduler start: it catches up the day's digest, then is stopped."""
    stop = asyncio.Event()

    async def nap(seconds: float, stop_: asyncio.Event) -> None:
        stop.set()                       # the first nap means the catch-up is done

    await asyncio.wait_for(AlertScheduler(settings, store, senders, clock=clock, sleep=nap, pace=0).run(stop), 10)


async def test_a_zalo_subscriber_gets_the_digest_once_and_can_mark_done_by_number(api, db):
    async with RunningChannel(api, db, admins={"boss"}) as ch:
        api.message("boss", "/theodoi UBND xã Hợp Thành")
        [subscribed] = await api.wait_for(chat_id="boss")
        assert "Đã đăng ký" in subscribed.text and "Hợp Thành" in subscribed.text

        settings = ch.settings
        await run_scheduler(settings, ch.store, {"zalo": ch.sender}, at("2019-12-10"))
        await api.wait_for(chat_id="boss", count=2)
        digest = api.sent("boss")[1]
        # a restart the same day, and a second run: nothing new
        await run_scheduler(settings, ch.store, {"zalo": ch.sender}, at("2019-12-10", 9))
        report = await send_digests(ch.store, date(2019, 12, 10), {"zalo": ch.sender}, alerts.AlertPolicy(),
                                    settings=settings)
        await api.wait_idle()
        assert report.sent == 0
        assert len(api.sent("boss")) == 2

        # no buttons on Zalo: the digest offers a numbered choice, answered by typing the number
        api.message("boss", "1")
        await api.wait_for(chat_id="boss", count=3)
        done = api.sent("boss")[2].text
        status = ch.store.task("5.12").status
    assert "Nhắc việc ngày 10/12/2019" in digest.text
    assert "Báo cáo kết quả khắc phục" in digest.text and "09/12/2019" in digest.text
    assert "Mã việc: 5.12" in digest.text
    assert "Trả lời bằng số để chọn:\n1. Đánh dấu đã xong" in digest.text
    assert "<b>" not in digest.text
    assert "việc 5.12 đã hoàn thành" in done
    assert status == STATUS_DONE


async def test_chidao_alerts_sends_through_zalo_once(api, db, tmp_path):
    store = Store(db)
    from knowledge.subscriptions import subscribe
    subscribe(store, "zalo", "u7", unit="UBND xã Hợp Thành")
    store.close()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "ZALO_", "CHIDAO_"))}
    env.update(ZALO_BOT_TOKEN=api.token, ZALO_API_URL=api.url)
    cmd = [sys.executable, "-m", "bot", "alerts", "--today", "2019-12-10", "--db", db]
    first = subprocess.run(cmd, env=env, cwd=tmp_path, capture_output=True, text=True, timeout=60)
    second = subprocess.run(cmd, env=env, cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert first.returncode == 0, first.stderr
    assert second.returncode == 0, second.stderr
    texts = api.texts("u7")
    assert len(texts) == 1
    assert "09/12/2019" in texts[0] and "Mã việc: 5.12" in texts[0]
