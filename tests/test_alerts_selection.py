"""Which task occurrences each subscribed chat hears about on a given day: boundaries, recurrence,
escalation, ordering, and the sent log (idempotence, also across a restart on the same file)."""
from datetime import date, timedelta

import pytest

from knowledge import alerts
from knowledge.alerts import AlertPolicy, claim, confirm, digests, occurrence_dates, refresh_occurrences, release
from knowledge.store import STATUS_DOING, STATUS_DONE, Store
from knowledge.subscriptions import mark_inactive, subscribe
from tests.test_alerts_support import add_document, sample_store, task

POLICY = AlertPolicy(due_soon_days=3, escalate_after_days=3)


def items(store: Store, day: date, chat: str = "1", channel: str = "telegram", *,
          skip: str | None = None) -> list[tuple[str, str, str, int]]:
    """(task, occurrence, kind, days late or -days left) of one chat's digest, ``skip`` a task id."""
    for d in digests(store, day, POLICY):
        if (d.channel, d.chat_id) == (channel, chat):
            return [(i.task_id, i.occurrence, i.kind, i.days_late or -i.days_left) for i in d.items
                    if i.task_id != skip]
    return []


def send_all(store: Store, day: date) -> int:
    """What a successful run does: claim, deliver, confirm every digest."""
    n = 0
    for d in digests(store, day, POLICY):
        if claim(store, d):
            confirm(store, d)
            n += 1
    return n


@pytest.fixture
def store(tmp_path):
    s = sample_store(tmp_path / "kb.db")
    yield s
    s.close()


# ---- boundaries -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("day, expected", [
    (date(2024, 3, 6), []),                                   # 4 days ahead: not yet
    (date(2024, 3, 7), [("1.1", "", "due_soon", -3)]),        # within 3 days
    (date(2024, 3, 10), [("1.1", "", "due_soon", 0)]),        # due today: due soon, not overdue
    (date(2024, 3, 11), [("1.1", "", "overdue", 1)]),         # the day after: 1 day overdue
    (date(2024, 4, 30), [("1.1", "", "overdue", 51)]),
])
def test_overdue_and_due_soon_boundaries(store, day, expected):
    subscribe(store, "telegram", "1", unit="Phòng Tư pháp")
    got = [i for i in items(store, day) if i[0] == "1.1"]
    assert got == expected


def test_due_soon_window_is_configurable(store):
    subscribe(store, "telegram", "1", unit="Phòng Tư pháp")
    wide = AlertPolicy(due_soon_days=10)
    [d] = digests(store, date(2024, 3, 1), wide)
    assert [(i.task_id, i.kind, i.days_left) for i in d.items] == [("1.1", "due_soon", 9)]


def test_done_is_never_reported_and_doing_still_is(store):
    subscribe(store, "telegram", "1", unit="Phòng Tư pháp")
    store.set_status("1.1", STATUS_DOING, note="đang làm")
    assert items(store, date(2024, 3, 12))[0][:3] == ("1.1", "", "overdue")
    store.set_status("1.1", STATUS_DONE, note="đã gửi báo cáo")
    assert [i[0] for i in items(store, date(2024, 3, 12))] == []


def test_overdue_first_most_overdue_first_then_due_soon(store):
    subscribe(store, "telegram", "1", unit="Phòng Tư pháp")          # lead of 1.1, coordinates 1.2
    subscribe(store, "telegram", "1", unit="UBND xã Hòa Bình")        # the monthly report
    assert items(store, date(2024, 3, 18)) == [
        ("1.3", "2024-01-25", "overdue", 53), ("1.3", "2024-02-25", "overdue", 22), ("1.1", "", "overdue", 8),
        ("1.2", "", "due_soon", -2)]


def test_nothing_to_say_means_no_digest(store):
    subscribe(store, "telegram", "1", unit="Phòng Tư pháp")
    assert digests(store, date(2024, 1, 5), POLICY) == []


# ---- recurrence ------------------------------------------------------------------------------------------

def test_occurrence_dates_of_every_recurrence():
    start, end = date(2024, 1, 1), date(2024, 12, 31)
    assert occurrence_dates("monthly", 25, start, end)[:3] == [date(2024, 1, 25), date(2024, 2, 25), date(2024, 3, 25)]
    assert occurrence_dates("monthly", 31, start, date(2024, 3, 1))[1] == date(2024, 2, 29)   # clamped
    assert occurrence_dates("monthly", None, start, date(2024, 2, 29)) == [date(2024, 1, 31), date(2024, 2, 29)]
    assert occurrence_dates("quarterly", None, start, end) == [date(2024, 3, 31), date(2024, 6, 30),
                                                                date(2024, 9, 30), date(2024, 12, 31)]
    assert occurrence_dates("quarterly", 15, start, end)[0] == date(2024, 3, 15)
    assert occurrence_dates("half_yearly", None, start, end) == [date(2024, 6, 30), date(2024, 12, 31)]
    assert occurrence_dates("yearly", None, start, end) == [date(2024, 12, 31)]
    weekly = occurrence_dates("weekly", None, start, date(2024, 1, 31))
    assert weekly[0] == date(2024, 1, 5) and all(d.weekday() == 4 for d in weekly) and len(weekly) == 4
    assert occurrence_dates("unknown", None, start, end) == []


def test_monthly_before_the_25th_each_occurrence_has_its_own_status(store):
    subscribe(store, "telegram", "1", unit="UBND xã Hòa Bình")
    # issued 02/01/2024: January's report is the first occurrence
    assert items(store, date(2024, 1, 22)) == [("1.3", "2024-01-25", "due_soon", -3)]
    assert items(store, date(2024, 1, 26)) == [("1.3", "2024-01-25", "overdue", 1)]
    alerts.mark_done(store, "1.3", "2024-01-25", by_chat="telegram:1", by_name="Văn thư")
    assert items(store, date(2024, 1, 26)) == []
    # February's is its own: open, due soon then overdue, January's stays done
    assert items(store, date(2024, 2, 23)) == [("1.3", "2024-02-25", "due_soon", -2)]
    assert items(store, date(2024, 2, 27)) == [("1.3", "2024-02-25", "overdue", 2)]
    assert [(o.occurrence, o.done) for o in alerts.occurrences_of(store, "1.3")][:2] == [
        ("2024-01-25", True), ("2024-02-25", False)]
    # a month later both February and March are open: most overdue first
    assert items(store, date(2024, 3, 26)) == [("1.3", "2024-02-25", "overdue", 30), ("1.3", "2024-03-25", "overdue", 1)]


def test_marking_the_whole_recurring_task_done_closes_every_occurrence(store):
    subscribe(store, "telegram", "1", unit="UBND xã Hòa Bình")
    assert len(items(store, date(2024, 3, 26))) == 3
    store.set_status("1.3", STATUS_DONE, note="chấm dứt")
    assert items(store, date(2024, 3, 26)) == []
    store.set_status("1.3", STATUS_DOING)               # reopened: the occurrences are open again
    assert len(items(store, date(2024, 3, 26))) == 3


def test_recurring_occurrences_reach_back_one_year_at_most(store):
    subscribe(store, "telegram", "1", unit="UBND xã Hòa Bình")
    got = items(store, date(2026, 6, 26))
    assert len(got) == 12
    assert got[0][1] >= (date(2026, 6, 26) - timedelta(days=alerts.RECURRENCE_LOOKBACK_DAYS)).isoformat()


def test_recurrence_from_extracted_text(tmp_path):
    from knowledge.ingest import ingest_paths
    doc = tmp_path / "bao-cao.md"
    doc.write_text(
        "UBND HUYỆN THỬ NGHIỆM\n\nSố: 15/UBND-VP\n\nThử Nghiệm, ngày 05 tháng 01 năm 2024\n\n"
        "V/v báo cáo định kỳ\n\nUBND huyện yêu cầu:\n\n"
        "1. Phòng Tư pháp báo cáo kết quả tiếp công dân hằng tháng trước ngày 25.\n", encoding="utf-8")
    store = Store(tmp_path / "kb.db")
    ingest_paths(store, [doc])
    [t] = store.tasks()
    assert (t.recurrence, t.recurrence_day) == ("monthly", 25)
    subscribe(store, "telegram", "1", unit="Phòng Tư pháp")
    assert items(store, date(2024, 2, 26)) == [(t.id, "2024-01-25", "overdue", 32), (t.id, "2024-02-25", "overdue", 1)]


def test_reingest_moves_the_deadline(tmp_path):
    store = Store(tmp_path / "kb.db")
    add_document(store, [task(1, "Báo cáo", ("Phòng Tư pháp",), deadline=date(2024, 3, 10))])
    subscribe(store, "telegram", "1", unit="Phòng Tư pháp")
    assert items(store, date(2024, 3, 12)) == [("1.1", "", "overdue", 2)]
    add_document(store, [task(1, "Báo cáo (gia hạn)", ("Phòng Tư pháp",), deadline=date(2024, 3, 31))])
    assert items(store, date(2024, 3, 12)) == []
    assert items(store, date(2024, 3, 29)) == [("1.1", "", "due_soon", -2)]
    add_document(store, [task(1, "Không còn thời hạn", ("Phòng Tư pháp",))])
    assert items(store, date(2024, 4, 5)) == []
    assert refresh_occurrences(store, date(2024, 4, 5)) == 0


# ---- escalation --------------------------------------------------------------------------------------------

def test_escalation_reaches_monitors_after_n_days_and_leaders_always(store):
    subscribe(store, "telegram", "lead", unit="Phòng Tư pháp")
    subscribe(store, "telegram", "monitor", unit="Phòng Nội vụ")
    subscribe(store, "zalo", "leader", everything=True)
    # 13/03: 1.1 is 3 days late, not more: the monitor hears nothing yet, the leader does
    assert items(store, date(2024, 3, 13), "monitor", skip="1.3") == []
    assert items(store, date(2024, 3, 13), "leader", "zalo", skip="1.3")[0] == ("1.1", "", "overdue", 3)
    # 14/03: 4 days late -> escalated to the unit that follows it up
    assert items(store, date(2024, 3, 14), "monitor", skip="1.3") == [("1.1", "", "escalated", 4)]
    assert items(store, date(2024, 3, 14), "lead") == [("1.1", "", "overdue", 4)]
    assert items(store, date(2024, 3, 14), "leader", "zalo") == [
        ("1.3", "2024-01-25", "overdue", 49), ("1.3", "2024-02-25", "overdue", 18), ("1.1", "", "overdue", 4)]
    # the monthly report of a commune, followed up by Phòng Nội vụ, escalates the same way
    assert items(store, date(2024, 3, 14), "monitor") == [
        ("1.3", "2024-01-25", "escalated", 49), ("1.3", "2024-02-25", "escalated", 18), ("1.1", "", "escalated", 4)]


def test_escalation_threshold_is_configurable(store):
    subscribe(store, "telegram", "monitor", unit="Phòng Nội vụ")
    eager = AlertPolicy(due_soon_days=3, escalate_after_days=0)
    [d] = digests(store, date(2024, 1, 26), eager)
    assert [(i.task_id, i.occurrence, i.kind) for i in d.items] == [("1.3", "2024-01-25", "escalated")]


def test_a_chat_own_task_is_not_also_an_escalation(store):
    subscribe(store, "telegram", "1", unit="Phòng Nội vụ")
    subscribe(store, "telegram", "1", unit="Phòng Tư pháp")
    assert items(store, date(2024, 3, 20), skip="1.3") == [("1.1", "", "overdue", 10), ("1.2", "", "due_soon", 0)]


def test_document_subscription(store):
    subscribe(store, "telegram", "1", document="12/UBND-VP")
    got = items(store, date(2024, 3, 26))
    assert {g[0] for g in got} == {"1.1", "1.2", "1.3"}


def test_inactive_chat_gets_nothing_until_it_subscribes_again(store):
    subscribe(store, "telegram", "1", unit="Phòng Tư pháp")
    mark_inactive(store, "telegram", "1")
    assert digests(store, date(2024, 3, 12), POLICY) == []
    subscribe(store, "telegram", "1", unit="Phòng Tư pháp")
    assert items(store, date(2024, 3, 12))


# ---- the sent log ----------------------------------------------------------------------------------------------

def test_second_run_the_same_day_sends_nothing_and_the_next_day_reminds_again(store):
    subscribe(store, "telegram", "1", unit="Phòng Tư pháp")
    day = date(2024, 3, 12)
    assert send_all(store, day) == 1
    assert digests(store, day, POLICY) == []
    assert send_all(store, day) == 0
    assert [(r["task_id"], r["kind"]) for r in alerts.sent_log(store, day)] == [("1.1", "overdue")]
    assert [(r["chat_id"], r["state"], r["items"]) for r in alerts.digest_log(store, day)] == [("1", "sent", 1)]
    assert items(store, day + timedelta(days=1))[0][:3] == ("1.1", "", "overdue")


def test_one_digest_a_day_even_when_something_new_comes_up(store):
    subscribe(store, "telegram", "1", unit="Phòng Tư pháp")
    day = date(2024, 3, 12)
    send_all(store, day)
    subscribe(store, "telegram", "1", unit="UBND xã Hòa Bình")      # more to say, but not twice a day
    assert digests(store, day, POLICY) == []
    assert [i[0] for i in items(store, day + timedelta(days=1))] == ["1.3", "1.3", "1.1"]


def test_idempotent_across_a_restart_on_the_same_file(tmp_path):
    path = tmp_path / "kb.db"
    first = sample_store(path)
    subscribe(first, "telegram", "1", unit="Phòng Tư pháp")
    assert send_all(first, date(2024, 3, 12)) == 1
    first.close()
    again = Store(path)
    assert digests(again, date(2024, 3, 12), POLICY) == []
    # a chat that subscribes later that day still gets its digest
    subscribe(again, "telegram", "2", unit="Phòng Tư pháp")
    assert [d.chat_id for d in digests(again, date(2024, 3, 12), POLICY)] == ["2"]
    again.close()


def test_claims_keep_two_runs_from_sending_twice_and_failures_are_released(store):
    subscribe(store, "telegram", "1", unit="Phòng Tư pháp")
    day = date(2024, 3, 12)
    [first] = digests(store, day, POLICY)
    [second] = digests(store, day, POLICY)          # another process computed the same digest meanwhile
    assert claim(store, first) is True
    assert claim(store, second) is False
    assert digests(store, day, POLICY) == []        # pending counts as taken
    release(store, first)                           # delivery failed: it will be sent later
    assert len(digests(store, day, POLICY)) == 1


def test_a_claim_left_by_a_crash_expires(store):
    from datetime import datetime, timezone
    subscribe(store, "telegram", "1", unit="Phòng Tư pháp")
    day = date(2024, 3, 12)
    [d] = digests(store, day, POLICY)
    then = datetime(2024, 3, 12, 0, 30, tzinfo=timezone.utc)
    claim(store, d, now=then)
    assert alerts.release_stale_claims(store, now=then + timedelta(minutes=5)) == 0
    assert digests(store, day, POLICY) == []
    assert alerts.release_stale_claims(store, now=then + timedelta(minutes=11)) == 1
    assert len(digests(store, day, POLICY)) == 1


def test_prune_keeps_recent_days(store):
    subscribe(store, "telegram", "1", unit="Phòng Tư pháp")
    for day in (date(2024, 3, 11), date(2024, 3, 12)):
        send_all(store, day)
    assert alerts.prune_sent(store, date(2024, 3, 12)) == 1
    assert [r["day"] for r in alerts.sent_log(store)] == ["2024-03-12"]
    assert [r["day"] for r in alerts.digest_log(store)] == ["2024-03-12"]


def test_tasks_are_read_back_for_what_a_message_can_show(tmp_path):
    store = Store(tmp_path / "kb.db")
    add_document(store, [task(i, f"Việc {i}", ("Phòng Tư pháp",), deadline=date(2024, 3, 1) + timedelta(days=i % 20))
                         for i in range(1, 41)])
    subscribe(store, "telegram", "1", unit="Phòng Tư pháp")
    subscribe(store, "telegram", "9", everything=True)
    found = digests(store, date(2024, 3, 25), POLICY)
    assert [len(d.items) for d in found] == [40, 40]
    for d in found:
        assert sum(i.task is not None for i in d.items) == alerts.SHOW_MAX
        assert all(i.task is not None for i in d.head())
    bare = digests(store, date(2024, 3, 25), POLICY, with_tasks=False)
    assert all(i.task is None for d in bare for i in d.items)
    sel = alerts.select_alerts(store, date(2024, 3, 25), POLICY)
    assert sel.total == 80 and sel.leaders == (("telegram", "9"),) and len(sel.everything) == 40
    assert sel.everything[0] == ("1.20", "", "2024-03-01", 1) and sel.rows_of(("telegram", "1")) == sel.everything


def test_incremental_refresh_agrees_with_a_full_rebuild(tmp_path):
    store = sample_store(tmp_path / "kb.db")
    add_document(store, [task(1, "Báo cáo quý", ("Phòng Tư pháp",), recurrence="quarterly"),
                         task(2, "Giao ban tuần", ("Phòng Nội vụ",), recurrence="weekly")],
                 file="khac.md", number="7/KH-UBND", issued_on="2023-06-01")
    day = date(2024, 1, 10)
    for step in range(40):                        # day after day, with an ingest now and then
        day += timedelta(days=9)
        if step == 11:
            add_document(store, [task(1, "Báo cáo quý (sửa)", ("Phòng Tư pháp",), recurrence="monthly",
                                      recurrence_day=5)], file="khac.md", number="7/KH-UBND", issued_on="2023-06-01")
        refresh_occurrences(store, day)
        snapshot = store.db.conn.execute("select * from task_occurrences order by 1, 2").fetchall()
        assert refresh_occurrences(store, day, full=True) == 0, step
        assert store.db.conn.execute("select * from task_occurrences order by 1, 2").fetchall() == snapshot
    # going back in time (a check with --today) rebuilds, and coming back again too
    refresh_occurrences(store, date(2024, 2, 1))
    assert max(o.due for o in alerts.occurrences_of(store, "1.3")) <= date(2024, 2, 1)
    refresh_occurrences(store, day)
    assert refresh_occurrences(store, day, full=True) == 0
