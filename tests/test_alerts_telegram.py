"""Digests through the real PTB stack against the fake Bot API on 127.0.0.1: the `chidao alerts` verb over
the bundled directives, Forbidden (blocked bot), RetryAfter (flood control), server errors, and the
scheduler with the channel's TelegramSender."""
import asyncio
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from knowledge import alerts
from knowledge.store import Store
from knowledge.subscriptions import chat, subscribe

from bot.cli import main
from tests.test_alerts_support import FakeClock, add_document, at, task

HOP_THANH = "UBND xã Hợp Thành"


@pytest.fixture
def cli_env(telegram_api, monkeypatch, tmp_path):
    """`chidao` configured for the fake server, with the default database in a temporary data folder."""
    monkeypatch.chdir(tmp_path)                                   # no stray .env
    monkeypatch.setenv("CHIDAO_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", telegram_api.token)
    monkeypatch.setenv("TELEGRAM_API_URL", telegram_api.url)
    monkeypatch.setenv("ADMIN_CHAT_IDS", "111")                   # an official: gets the "mark done" buttons
    for name in ("ZALO_BOT_TOKEN", "CHIDAO_DB", "ALERT_TIME", "DUE_SOON_DAYS", "ESCALATE_AFTER_DAYS"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path


def test_hop_thanh_gets_the_son_duong_report_once_through_the_cli(telegram_api, cli_env, capsys):
    """The issue's acceptance check, in a real process: default DB, real send, second run sends nothing."""
    env = dict(os.environ)
    chidao = [sys.executable, "-m", "bot"] if not Path(sys.executable).with_name("chidao").exists() else \
        [str(Path(sys.executable).with_name("chidao"))]

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([*chidao, *args], env=env, cwd=cli_env, capture_output=True, text=True, timeout=120)

    r = run("subscribe", "--chat", "111", "--unit", HOP_THANH)
    assert r.returncode == 0, r.stderr
    dry = run("alerts", "--today", "2019-12-10", "--dry-run")
    assert dry.returncode == 0 and "Quá hạn 1 ngày" in dry.stdout and "<b>" not in dry.stdout
    assert telegram_api.sent() == []                              # a dry run sends nothing...
    first = run("alerts", "--today", "2019-12-10")
    assert first.returncode == 0, first.stderr
    assert "đã gửi 1 tin" in first.stdout
    [call] = telegram_api.sent(chat_id=111)
    assert call.params.get("parse_mode") == "HTML"
    text = call.text
    assert "Nhắc việc ngày 10/12/2019" in text and "[Quá hạn 1 ngày] Báo cáo kết quả khắc phục" in text
    assert "Hạn: 09/12/2019" in text and "Nguồn: Công văn 276/UBND-NV" in text
    task_id = text.split("Mã việc: ")[1].split()[0]
    assert call.button_data() == [f"done:{task_id}"] and call.button_texts() == ["Đánh dấu đã xong"]
    second = run("alerts", "--today", "2019-12-10")
    assert second.returncode == 0 and "Không có gì mới cần gửi" in second.stdout
    assert len(telegram_api.sent(chat_id=111)) == 1               # ...and a second run the same day neither
    dry_after = run("alerts", "--today", "2019-12-10", "--dry-run")
    assert "Không có nhắc việc nào cần gửi ngày 10/12/2019" in dry_after.stdout


def test_bad_date_is_refused_with_exit_code_2(cli_env, capsys):
    assert main(["alerts", "--today", "2019-13-45", "--dry-run"]) == 2
    assert 'Ngày "2019-13-45" không hợp lệ' in capsys.readouterr().err
    assert main(["alerts", "--today", "mai", "--db", str(cli_env / "x.db")]) == 2


def test_dry_run_prints_every_digest_and_records_nothing(corpus_db, cli_env, capsys):
    db = str(corpus_db)
    main(["subscribe", "--chat", "111", "--unit", HOP_THANH, "--db", db])
    main(["subscribe", "--chat", "222", "--unit", "Cơ quan Tổ chức - Nội vụ huyện", "--db", db])
    main(["subscribe", "--chat", "333", "--all", "--channel", "zalo", "--db", db])
    capsys.readouterr()
    assert main(["alerts", "--today", "14/12/2019", "--dry-run", "--db", db]) == 0
    out = capsys.readouterr().out
    assert out.count("Nhắc việc ngày 14/12/2019") == 3
    assert "===== Telegram, cuộc trò chuyện 111 =====" in out and "===== Zalo, cuộc trò chuyện 333 =====" in out
    assert "Cần đôn đốc: 1 việc quá hạn trên 3 ngày" in out          # 222 follows the Sơn Dương report up
    store = Store(corpus_db)
    assert alerts.sent_log(store) == []
    store.close()


def test_forbidden_marks_the_chat_inactive_and_the_others_are_served(telegram_api, corpus_db, cli_env, capsys):
    db = str(corpus_db)
    for chat_id in ("111", "222"):
        main(["subscribe", "--chat", chat_id, "--unit", HOP_THANH, "--db", db])
    telegram_api.block_chat(222)
    assert main(["alerts", "--today", "2019-12-10", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "đã gửi 1 tin" in out and "1 cuộc trò chuyện đã chặn bot" in out
    assert len(telegram_api.sent(chat_id=111)) == 1 and telegram_api.sent(chat_id=222) == []
    store = Store(corpus_db)
    assert chat(store, "telegram", "222").active is False
    assert [r["chat_id"] for r in alerts.sent_log(store)] == ["111"]
    store.close()
    telegram_api.clear_failures()
    assert main(["alerts", "--today", "2019-12-11", "--db", db]) == 0        # the next day: 222 stays quiet
    assert telegram_api.sent(chat_id=222) == [] and len(telegram_api.sent(chat_id=111)) == 2


def test_retry_after_is_waited_out_and_delivered(telegram_api, corpus_db, cli_env, capsys):
    db = str(corpus_db)
    main(["subscribe", "--chat", "111", "--unit", HOP_THANH, "--db", db])
    telegram_api.throttle_chat(111, retry_after=1, times=1)
    assert main(["alerts", "--today", "2019-12-10", "--db", db]) == 0
    attempts = telegram_api.calls_to("sendMessage", chat_id=111, ok_only=False)
    assert [c.status for c in attempts] == [429, 200]
    assert attempts[1].at - attempts[0].at >= 1.0
    assert "đã gửi 1 tin" in capsys.readouterr().out


def test_server_errors_are_not_recorded_and_sent_on_the_next_run(telegram_api, corpus_db, cli_env, capsys):
    db = str(corpus_db)
    main(["subscribe", "--chat", "111", "--unit", HOP_THANH, "--db", db])
    telegram_api.fail_method("sendMessage", 500, times=None)
    assert main(["alerts", "--today", "2019-12-10", "--db", db]) == 1
    assert "1 tin gửi lỗi" in capsys.readouterr().out
    store = Store(corpus_db)
    assert alerts.sent_log(store) == []
    store.close()
    telegram_api.clear_failures()
    assert main(["alerts", "--today", "2019-12-10", "--db", db]) == 0
    assert len(telegram_api.sent(chat_id=111)) == 1


async def test_scheduler_with_the_telegram_sender_escapes_html_and_sends_once(telegram_api, tmp_path):
    from telegram import LinkPreviewOptions
    from telegram.constants import ParseMode
    from telegram.ext import Defaults, ExtBot

    from bot.channels.telegram import TelegramSender
    from bot.config import TZ, Settings
    from bot.scheduler import AlertScheduler

    path = tmp_path / "kb.db"
    store = Store(path)
    add_document(store, [task(1, "Rà soát <b>thủ tục</b> & báo cáo \"một cửa\" <điểm 2>", ("Phòng Tư pháp",),
                              deadline=date(2024, 3, 10))])
    subscribe(store, "telegram", "-100777", unit="Phòng Tư pháp")            # a group: buttons shown
    settings = Settings(telegram_token=telegram_api.token, telegram_api_url=telegram_api.url)
    bot = ExtBot(telegram_api.token, base_url=f"{telegram_api.url}/bot",
                 defaults=Defaults(tzinfo=TZ, parse_mode=ParseMode.HTML,
                                   link_preview_options=LinkPreviewOptions(is_disabled=True)))
    clock = FakeClock(at(2024, 3, 12, 7, 30))
    stop = asyncio.Event()

    async def sleep(seconds, _stop):
        await clock.sleep(seconds, _stop)
        if clock.now >= at(2024, 3, 12, 9, 0):
            stop.set()

    async with bot:
        sched = AlertScheduler(settings, store, {"telegram": TelegramSender(bot)}, clock=clock, sleep=sleep, pace=0)
        await asyncio.wait_for(sched.run(stop), 30)
        [call] = telegram_api.sent(chat_id=-100777)
        assert "&lt;b&gt;thủ tục&lt;/b&gt; &amp; báo cáo" in call.text     # user text escaped, valid HTML
        assert call.button_data() == ["done:1.1"]
        store.close()
        # a restart the same morning: a new Store on the same file, a new scheduler: nothing twice
        store = Store(path)
        stop.clear()
        clock.now = at(2024, 3, 12, 8, 0)
        sched = AlertScheduler(settings, store, {"telegram": TelegramSender(bot)}, clock=clock, sleep=sleep, pace=0)
        await asyncio.wait_for(sched.run(stop), 30)
        assert len(telegram_api.sent(chat_id=-100777)) == 1
    store.close()


def test_a_refused_token_is_reported_not_a_traceback(telegram_api, corpus_db, cli_env, monkeypatch, capsys):
    db = str(corpus_db)
    main(["subscribe", "--chat", "111", "--unit", HOP_THANH, "--db", db])
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "999:not-the-right-token")
    assert main(["alerts", "--today", "2019-12-10", "--db", db]) == 1
    assert "Không gửi được nhắc việc ngày 10/12/2019" in capsys.readouterr().err
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", telegram_api.token)
    assert main(["alerts", "--today", "2019-12-10", "--db", db]) == 0       # nothing was recorded: sent now
    assert len(telegram_api.sent(chat_id=111)) == 1
