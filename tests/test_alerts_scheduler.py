"""The AlertScheduler with an injected clock and a fake Sender at the delivery port: once a day at
ALERT_TIME, the missed digest after downtime sent once, the schedule in the database, failures."""
import asyncio
from datetime import date

import pytest

from knowledge import alerts
from knowledge.store import Store
from knowledge.subscriptions import chat, subscribe

from bot.config import Settings
from bot.scheduler import AlertScheduler, alert_time_of, digest_message, policy_of, send_digests
from tests.test_alerts_support import FakeClock, FakeSender, at, sample_store

SETTINGS = Settings(alert_time="07:30", due_soon_days=3, escalate_after_days=3,
                    admin_chat_ids=frozenset({"1"}))


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "kb.db"
    store = sample_store(path)
    subscribe(store, "telegram", "1", unit="Phòng Tư pháp")
    subscribe(store, "telegram", "2", unit="Phòng Nội vụ")
    subscribe(store, "zalo", "3", everything=True)
    store.close()
    return path


async def run_until(scheduler: AlertScheduler, clock: FakeClock, until) -> None:
    """Run the scheduler loop until the fake clock passes ``until``."""
    stop = asyncio.Event()

    async def sleep(seconds, stop_event):
        await clock.sleep(seconds, stop_event)
        if clock.now >= until:
            stop.set()

    scheduler.sleep = sleep
    await asyncio.wait_for(scheduler.run(stop), 20)


def senders():
    return {"telegram": FakeSender("telegram"), "zalo": FakeSender("zalo")}


async def test_sends_at_alert_time_once_a_day(db):
    store = Store(db)
    clock = FakeClock(at(2024, 3, 11, 6, 0))
    out = senders()
    sched = AlertScheduler(SETTINGS, store, out, clock=clock, pace=0)
    await run_until(sched, clock, at(2024, 3, 11, 7, 29))
    assert out["telegram"].sent == [] and out["zalo"].sent == []          # not before 07:30
    await run_until(sched, clock, at(2024, 3, 11, 23, 0))
    assert [m.chat.id for m in out["telegram"].sent] == ["1", "2"]       # 2 follows up the monthly reports
    assert [m.chat.id for m in out["zalo"].sent] == ["3"]
    assert alerts.last_digest_day(store) == date(2024, 3, 11)
    sent_at = [r.day for r in sched.reports]
    assert sent_at == [date(2024, 3, 11)]
    # the next day, at 07:30 again: 1.1 is 2 days overdue now, reminded again
    await run_until(sched, clock, at(2024, 3, 12, 8, 0))
    assert [r.day for r in sched.reports] == [date(2024, 3, 11), date(2024, 3, 12)]
    assert "Quá hạn 2 ngày" in out["telegram"].to("1")[-1].text
    store.close()


async def test_missed_digest_is_sent_once_on_start_and_not_again_after_a_restart(db):
    store = Store(db)
    alerts.set_last_digest_day(store, date(2024, 3, 9))        # the bot was down on the 10th and 11th
    clock = FakeClock(at(2024, 3, 11, 15, 45))
    out = senders()
    sched = AlertScheduler(SETTINGS, store, out, clock=clock, pace=0)
    assert sched.next_run() == at(2024, 3, 11, 7, 30)          # rebuilt from the database: overdue -> now
    await run_until(sched, clock, at(2024, 3, 11, 16, 0))
    assert len(out["telegram"].sent) == 2 and len(out["zalo"].sent) == 1
    store.close()
    # restart the same afternoon: a new Store on the same file, a new scheduler
    store = Store(db)
    again = senders()
    sched = AlertScheduler(SETTINGS, store, again, clock=clock, pace=0)
    assert sched.next_run() == at(2024, 3, 12, 7, 30)
    await run_until(sched, clock, at(2024, 3, 11, 23, 59))
    assert again["telegram"].sent == [] and again["zalo"].sent == []
    store.close()


async def test_a_crash_between_claim_and_confirm_is_sent_again_not_lost(db):
    store = Store(db)
    [d] = [d for d in alerts.digests(store, date(2024, 3, 11)) if d.chat_id == "1"]
    assert alerts.claim(store, d, now=at(2024, 3, 11, 7, 30))   # claimed by a process that then died
    clock = FakeClock(at(2024, 3, 11, 7, 35))
    out = senders()
    await send_digests(store, date(2024, 3, 11), out, policy_of(SETTINGS), clock=clock)
    assert [m.chat.id for m in out["telegram"].sent] == ["2"]   # 1's may still be on its way: wait
    clock.advance(minutes=10)
    await send_digests(store, date(2024, 3, 11), out, policy_of(SETTINGS), clock=clock)
    assert [m.chat.id for m in out["telegram"].sent] == ["2", "1"]
    store.close()


async def test_gone_chat_is_marked_inactive_and_the_others_still_get_theirs(db):
    store = Store(db)
    subscribe(store, "telegram", "4", unit="Phòng Tư pháp")
    out = senders()
    out["telegram"].gone.add("1")
    report = await send_digests(store, date(2024, 3, 14), out, policy_of(SETTINGS))
    assert (report.sent, report.gone, report.failed) == (3, 1, 0)
    assert chat(store, "telegram", "1").active is False
    assert sorted(m.chat.id for m in out["telegram"].sent) == ["2", "4"]
    out["telegram"].gone.clear()
    report = await send_digests(store, date(2024, 3, 14), out, policy_of(SETTINGS))
    assert report.sent == 0                                     # inactive: nothing more for chat 1
    store.close()


async def test_delivery_errors_and_bugs_are_retried_later_and_never_stop_the_loop(db):
    store = Store(db)
    clock = FakeClock(at(2024, 3, 14, 7, 30))
    out = senders()
    out["telegram"].failing.add("1")
    out["zalo"].broken.add("3")
    sched = AlertScheduler(SETTINGS, store, out, clock=clock, pace=0)
    await run_until(sched, clock, at(2024, 3, 14, 7, 31))
    first = sched.reports[0]
    assert (first.sent, first.failed) == (1, 2)                  # chat 2 got its digest all the same
    assert alerts.last_digest_day(store) is None                  # not done: retried
    assert sched.next_run() == at(2024, 3, 14, 7, 40)
    out["telegram"].failing.clear()
    out["zalo"].broken.clear()
    await run_until(sched, clock, at(2024, 3, 14, 8, 0))
    assert [(r.sent, r.failed) for r in sched.reports] == [(1, 2), (2, 0)]
    assert sorted(m.chat.id for m in out["telegram"].sent) == ["1", "2"]
    assert alerts.last_digest_day(store) == date(2024, 3, 14)
    store.close()


async def test_retries_give_up_for_the_day_after_max_retries(db):
    store = Store(db)
    clock = FakeClock(at(2024, 3, 14, 7, 30))
    out = senders()
    out["telegram"].failing.add("1")
    sched = AlertScheduler(SETTINGS, store, out, clock=clock, pace=0, max_retries=2)
    await run_until(sched, clock, at(2024, 3, 14, 12, 0))
    assert len(sched.reports) == 3
    assert alerts.last_digest_day(store) == date(2024, 3, 14)
    store.close()


async def test_a_failing_run_does_not_kill_the_scheduler(db, monkeypatch):
    store = Store(db)
    clock = FakeClock(at(2024, 3, 14, 7, 30))
    out = senders()
    calls = []

    async def exploding(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("database is locked")
        return await real(*args, **kwargs)

    import bot.scheduler as scheduler_module
    real = scheduler_module.send_digests
    monkeypatch.setattr(scheduler_module, "send_digests", exploding)
    sched = AlertScheduler(SETTINGS, store, out, clock=clock, pace=0)
    await run_until(sched, clock, at(2024, 3, 14, 8, 0))
    assert len(calls) == 2 and len(out["telegram"].sent) == 2
    store.close()


async def test_missing_channel_is_reported_not_retried(db):
    store = Store(db)
    out = {"telegram": FakeSender("telegram")}                  # Zalo not configured
    report = await send_digests(store, date(2024, 3, 14), out, policy_of(SETTINGS))
    assert (report.sent, report.no_channel, report.missing_channels, report.failed) == (2, 1, ("zalo",), 0)
    store.close()


def test_digest_message_buttons_and_channels(db):
    store = Store(db)
    subscribe(store, "telegram", "-100200", unit="UBND xã Hòa Bình")      # a group chat
    sources = {d.id: d for d in store.documents()}
    found = {(d.channel, d.chat_id): d for d in alerts.digests(store, date(2024, 3, 26))}
    policy = policy_of(SETTINGS)
    admin, _ = digest_message(found[("telegram", "1")], sources, policy)   # chat 1 is an admin: may mark done
    assert [b.data for row in admin.buttons for b in row] == ["done:1.1", "done:1.2"]
    assert [b.text for row in admin.buttons for b in row] == ["Đánh dấu đã xong: việc 1", "Đánh dấu đã xong: việc 2"]
    assert admin.text.startswith("<b>Nhắc việc ngày 26/03/2024</b>")
    group, shown = digest_message(found[("telegram", "-100200")], sources, policy)
    assert [b.data for row in group.buttons for b in row] == ["done:1.3:2024-01-25", "done:1.3:2024-02-25",
                                                              "done:1.3:2024-03-25"]
    assert [b.text for row in group.buttons for b in row][0] == "Đánh dấu đã xong: việc 1"
    assert "Hạn: 25/01/2024 (kỳ hằng tháng)" in group.text
    zalo, _ = digest_message(found[("zalo", "3")], sources, policy, with_buttons=True)
    assert "<b>" not in zalo.text
    assert [b.data for row in zalo.buttons for b in row][0].startswith("/xong 1.")
    [only] = [d for d in alerts.digests(Store(db), date(2024, 3, 12)) if d.chat_id == "1"]
    single, _ = digest_message(only, sources, policy)
    assert [(b.text, b.data) for row in single.buttons for b in row] == [("Đánh dấu đã xong", "done:1.1")]
    citizen, _ = digest_message(found[("telegram", "2")], sources, policy, with_buttons=False)
    assert citizen.buttons == () and "Cần đôn đốc" in citizen.text and "Theo dõi, đôn đốc: Phòng Nội vụ" in citizen.text
    store.close()


def test_long_digests_fit_one_message(tmp_path):
    from tests.test_alerts_support import add_document, task
    store = Store(tmp_path / "kb.db")
    add_document(store, [task(i, f"Nhiệm vụ số {i}: " + "rà soát, cập nhật, báo cáo " * 20, ("Phòng Tư pháp",),
                              deadline=date(2024, 3, i % 28 + 1)) for i in range(1, 61)])
    subscribe(store, "telegram", "-5", unit="Phòng Tư pháp")
    [d] = alerts.digests(store, date(2024, 3, 27))
    message, shown = digest_message(d, {x.id: x for x in store.documents()}, policy_of(SETTINGS))
    assert len(message.text) <= 3000 and "… và " in message.text
    assert 0 < len(message.buttons) == len(shown) < len(d.items)
    store.close()


def test_alert_time_setting():
    assert alert_time_of(Settings(alert_time="18:05")).strftime("%H:%M") == "18:05"
    assert alert_time_of(Settings(alert_time="sáng")).strftime("%H:%M") == "07:30"
