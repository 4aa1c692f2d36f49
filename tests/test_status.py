"""Task status: the three states, the history of who changed what, and occurrences of recurring tasks."""
from datetime import date

import pytest

from knowledge import alerts
from knowledge.alerts import BadOccurrence, check_occurrence, done_data, parse_done_data, parse_task_ref, status_of
from knowledge.errors import UnknownTask
from knowledge.store import STATUS_DOING, STATUS_DONE, STATUS_TODO, Store
from tests.test_alerts_support import sample_store


@pytest.fixture
def store(tmp_path):
    s = sample_store(tmp_path / "kb.db")
    alerts.refresh_occurrences(s, date(2024, 4, 30))
    yield s
    s.close()


def test_a_task_starts_not_done_and_keeps_a_history(store):
    assert store.task("1.1").status == STATUS_TODO
    store.set_status("1.1", STATUS_DOING, note="Đã giao chuyên viên", by_chat="telegram:7", by_name="Trần Thị B")
    store.set_status("1.1", STATUS_DONE, note="Đã gửi báo cáo số 5/BC", by_chat="telegram:7", by_name="Trần Thị B")
    assert store.task("1.1").status == STATUS_DONE
    history = store.status_history("1.1")
    assert [(h["status"], h["note"], h["by_name"]) for h in history] == [
        (STATUS_DOING, "Đã giao chuyên viên", "Trần Thị B"), (STATUS_DONE, "Đã gửi báo cáo số 5/BC", "Trần Thị B")]
    assert all(h["at"] and h["occurrence"] == "" for h in history)


def test_unknown_task_and_bad_status(store):
    with pytest.raises(UnknownTask):
        store.set_status("9.9", STATUS_DONE)
    with pytest.raises(ValueError):
        store.set_status("1.1", "xong roi")
    with pytest.raises(UnknownTask):
        alerts.mark_done(store, "9.9")


def test_occurrences_have_their_own_status_and_history(store):
    assert [o.occurrence for o in alerts.occurrences_of(store, "1.3")] == ["2024-01-25", "2024-02-25", "2024-03-25",
                                                                          "2024-04-25"]
    alerts.mark_done(store, "1.3", "2024-02-25", note="Báo cáo tháng 2", by_chat="zalo:9", by_name="Lê C")
    alerts.set_occurrence_status(store, "1.3", "2024-03-25", STATUS_DOING, note="đang tổng hợp")
    assert status_of(store, "1.3", "2024-02-25") == STATUS_DONE
    assert status_of(store, "1.3", "2024-03-25") == STATUS_DOING
    assert status_of(store, "1.3", "2024-01-25") == STATUS_TODO
    assert store.task("1.3").status == STATUS_TODO           # the task itself is still going on
    done = {o.occurrence: o.done for o in alerts.occurrences_of(store, "1.3")}
    assert done == {"2024-01-25": False, "2024-02-25": True, "2024-03-25": False, "2024-04-25": False}
    history = store.status_history("1.3")
    assert [(h["occurrence"], h["status"], h["by_chat"]) for h in history] == [
        ("2024-02-25", STATUS_DONE, "zalo:9"), ("2024-03-25", STATUS_DOING, "")]


def test_the_whole_task_done_wins_over_its_occurrences(store):
    alerts.set_occurrence_status(store, "1.3", "2024-03-25", STATUS_DOING)
    store.set_status("1.3", STATUS_DONE, note="Văn bản hết hiệu lực")
    assert status_of(store, "1.3", "2024-03-25") == STATUS_DONE
    assert all(o.done for o in alerts.occurrences_of(store, "1.3"))


def test_occurrences_are_checked(store):
    task = store.task("1.3")
    check_occurrence(task, "")
    check_occurrence(task, "2024-05-25")                      # a future one is fine
    for bad in ("2024-05-24", "2024-5-25", "hôm qua"):
        with pytest.raises(BadOccurrence):
            check_occurrence(task, bad)
    with pytest.raises(BadOccurrence):
        alerts.mark_done(store, "1.1", "2024-03-10")          # a one-off task has no dated occurrences
    assert status_of(store, "1.1") == STATUS_TODO


def test_status_set_before_the_occurrence_exists_is_kept(tmp_path):
    store = sample_store(tmp_path / "kb.db")
    alerts.mark_done(store, "1.3", "2024-06-25")              # marked ahead, before the table knows June
    alerts.refresh_occurrences(store, date(2024, 6, 30))
    assert {o.occurrence: o.done for o in alerts.occurrences_of(store, "1.3")}["2024-06-25"] is True


def test_button_data_round_trip():
    assert done_data("5.12") == "done:5.12"
    assert done_data("5.10", "2019-12-31") == "done:5.10:2019-12-31"
    assert parse_done_data("done:5.12") == ("5.12", "")
    assert parse_done_data("done:5.10:2019-12-31") == ("5.10", "2019-12-31")
    for other in ("more:1", "done:", "done:abc", "done:5.12:31/12/2019", "", "sub:xyz"):
        assert parse_done_data(other) is None
    assert parse_task_ref(" 5.10:2019-12-31 ") == ("5.10", "2019-12-31")
    assert len(done_data("12345.678", "2024-12-31").encode()) <= 64     # Telegram's callback data limit
