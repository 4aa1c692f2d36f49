"""Occurrences, overdue and due-soon tasks, daily digests, escalation and the sent log.

* A one-off task with a deadline has one occurrence, ``''``, due on its deadline.
  A recurring task (weekly, monthly, quarterly, half_yearly, yearly) has one
  occurrence per period, named by its ISO due date, each with its own status
  (``Store.set_status(..., occurrence=...)``). "Hằng tháng trước ngày 25" is due on
  the 25th of every month; without a day a period is due on its last day; weekly
  occurrences are due on Fridays. Occurrences start at the document's issue date
  and reach back at most ``RECURRENCE_LOOKBACK_DAYS``. Marking the task itself
  (occurrence ``''``) done closes all its occurrences.
* Overdue: the due day has passed and the occurrence is not done, counted in days
  (due 09/12 is 1 day overdue on 10/12). Due soon: due today or within
  ``due_soon_days``.
* A chat gets, for the units it follows (as lead or coordinator), the documents
  it follows, or everything (leaders): the overdue occurrences, most overdue
  first, then those due soon. An occurrence overdue by more than
  ``escalate_after_days`` is also reported, as an escalation, to the chats that
  follow a unit monitoring it ("theo dõi, đôn đốc").
* What was sent is logged per (day, chat, task occurrence) with its kind, so a
  second run the same day sends nothing. A row is claimed (``pending``) before
  sending and confirmed (``sent``) after, which keeps two processes (cron and the
  bot) from sending the same thing; a claim left by a crash expires.

Selection is one SQL statement over indexes (open occurrences are a partial
index), so it stays fast over a million occurrences.
"""
from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from knowledge.errors import ChidaoError, UnknownTask
from knowledge.models import StoredTask
from knowledge.store import STATUS_DONE, STATUSES, Store

KIND_OVERDUE, KIND_DUE_SOON, KIND_ESCALATED = "overdue", "due_soon", "escalated"
KINDS = (KIND_OVERDUE, KIND_DUE_SOON, KIND_ESCALATED)   # SQL rank 1, 2, 3: a chat's own kind wins
RECURRENCE_LOOKBACK_DAYS = 366
WEEKLY_DUE_WEEKDAY = 4                                  # Friday
CLAIM_TIMEOUT = timedelta(minutes=10)
DONE_PREFIX = "done"

_MONTHS = {"monthly": tuple(range(1, 13)), "quarterly": (3, 6, 9, 12), "half_yearly": (6, 12), "yearly": (12,)}
RECURRENCES = ("weekly", *_MONTHS)


class BadOccurrence(ChidaoError):
    """An occurrence that the task does not have (not recurring, or not one of its due dates)."""

    def __init__(self, task_id: str, occurrence: str) -> None:
        super().__init__(f"{task_id}:{occurrence}")
        self.task_id = task_id
        self.occurrence = occurrence


@dataclass(frozen=True)
class AlertPolicy:
    due_soon_days: int = 3
    escalate_after_days: int = 3


@dataclass(frozen=True)
class Occurrence:
    task_id: str
    occurrence: str        # '' for a one-off task, the ISO due date for a recurring one
    due: date
    done: bool


@dataclass(frozen=True)
class Selected:
    """One (chat, task occurrence) the day's digests must carry, straight from the selection."""
    channel: str
    chat_id: str
    task_id: str
    occurrence: str
    due: str
    kind: str


@dataclass(frozen=True)
class DigestItem:
    task: StoredTask
    occurrence: str
    due: date
    kind: str
    days_late: int         # > 0 when overdue
    days_left: int         # >= 0 when due soon

    @property
    def overdue_days(self) -> int | None:
        return self.days_late if self.days_late > 0 else None

    @property
    def key(self) -> tuple[str, str]:
        return self.task.id, self.occurrence


@dataclass(frozen=True)
class Digest:
    channel: str
    chat_id: str
    day: date
    items: tuple[DigestItem, ...]     # overdue (most overdue first), due soon (soonest first), escalated
    follows: tuple[str, ...] = ()     # labels of what the chat follows, for the heading

    def of_kind(self, kind: str) -> tuple[DigestItem, ...]:
        return tuple(i for i in self.items if i.kind == kind)

    @property
    def overdue(self) -> tuple[DigestItem, ...]:
        return self.of_kind(KIND_OVERDUE)

    @property
    def due_soon(self) -> tuple[DigestItem, ...]:
        return self.of_kind(KIND_DUE_SOON)

    @property
    def escalated(self) -> tuple[DigestItem, ...]:
        return self.of_kind(KIND_ESCALATED)


# ---- occurrences ----------------------------------------------------------------------------------------

def _in_month(year: int, month: int, day: int | None) -> date:
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(day, last) if day else last)


def occurrence_dates(recurrence: str, day: int | None, start: date, end: date) -> list[date]:
    """Due dates of a recurring task between ``start`` and ``end`` (both included)."""
    if recurrence == "weekly":
        first = start + timedelta(days=(WEEKLY_DUE_WEEKDAY - start.weekday()) % 7)
        return [first + timedelta(weeks=i) for i in range(max(0, (end - first).days // 7 + 1))]
    months = _MONTHS.get(recurrence)
    if months is None:
        return []
    out = []
    for year in range(start.year, end.year + 1):
        for month in months:
            due = _in_month(year, month, day)
            if start <= due <= end:
                out.append(due)
    return out


def _issued(value: str | None) -> date | None:
    if not value:
        return None
    m = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", value)
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2] or 1), int(m[3] or 1))
    except ValueError:
        return None


def _done_sql(task: str, occurrence: str) -> str:
    return (f"(coalesce((select s.status from task_status s where s.task_id = {task} and s.occurrence = {occurrence}),"
            f" '') = '{STATUS_DONE}' or coalesce((select s.status from task_status s where s.task_id = {task}"
            f" and s.occurrence = ''), '') = '{STATUS_DONE}')")


def refresh_occurrences(store: Store, until: date) -> int:
    """Bring ``task_occurrences`` in line with the tasks: one-off deadlines, and recurring occurrences up to
    ``until``. Returns how many rows were added, changed or removed."""
    conn = store.db.conn
    floor = until - timedelta(days=RECURRENCE_LOOKBACK_DAYS)
    with conn:
        conn.execute("create temp table if not exists _occ_want (task_id text, occurrence text, due text, "
                     "doc_id integer, primary key (task_id, occurrence)) without rowid")
        conn.execute("delete from _occ_want")
        conn.execute("insert into _occ_want select id, '', deadline, doc_id from tasks "
                     "where deadline is not null and recurrence is null")
        rows = conn.execute("select t.id, t.doc_id, t.recurrence, t.recurrence_day, d.issued_on from tasks t "
                            "join documents d on d.id = t.doc_id where t.recurrence is not null").fetchall()
        conn.executemany("insert or ignore into _occ_want values (?, ?, ?, ?)", _recurring_rows(rows, floor, until))
        changed = conn.execute(
            "insert into task_occurrences (task_id, occurrence, due, doc_id, done) "
            f"select w.task_id, w.occurrence, w.due, w.doc_id, {_done_sql('w.task_id', 'w.occurrence')} "
            "from _occ_want w where not exists (select 1 from task_occurrences o "
            "where o.task_id = w.task_id and o.occurrence = w.occurrence)").rowcount
        changed += conn.execute(
            "update task_occurrences set due = w.due, doc_id = w.doc_id from _occ_want w "
            "where w.task_id = task_occurrences.task_id and w.occurrence = task_occurrences.occurrence "
            "and (task_occurrences.due != w.due or task_occurrences.doc_id != w.doc_id)").rowcount
        changed += conn.execute(
            "delete from task_occurrences where not exists (select 1 from _occ_want w "
            "where w.task_id = task_occurrences.task_id and w.occurrence = task_occurrences.occurrence)").rowcount
        conn.execute("delete from _occ_want")
    return changed


def _recurring_rows(rows: Iterable[tuple], floor: date, until: date) -> Iterator[tuple[str, str, str, int]]:
    for tid, doc_id, recurrence, day, issued_on in rows:
        start = max(_issued(issued_on) or floor, floor)
        for due in occurrence_dates(recurrence, day, start, until):
            iso = due.isoformat()
            yield tid, iso, iso, doc_id


def occurrences_of(store: Store, task_id: str) -> list[Occurrence]:
    rows = store.db.conn.execute("select task_id, occurrence, due, done from task_occurrences where task_id = ? "
                                 "order by due", (task_id,)).fetchall()
    return [Occurrence(t, o, date.fromisoformat(d), bool(done)) for t, o, d, done in rows]


# ---- status -----------------------------------------------------------------------------------------------

def check_occurrence(task: StoredTask, occurrence: str) -> None:
    """Raise BadOccurrence unless ``occurrence`` is '' or one of the recurring task's due dates."""
    if occurrence == "":
        return
    try:
        due = date.fromisoformat(occurrence)
    except ValueError:
        raise BadOccurrence(task.id, occurrence) from None
    if not task.recurrence or due.isoformat() != occurrence or \
            due not in occurrence_dates(task.recurrence, task.recurrence_day, due, due):
        raise BadOccurrence(task.id, occurrence)


def status_of(store: Store, task_id: str, occurrence: str = "") -> str:
    """The status of a task or one of its occurrences: its own, unless the whole task is done
    (or the occurrence has none: then the task's)."""
    rows = dict(store.db.conn.execute("select occurrence, status from task_status where task_id = ? "
                                      "and occurrence in (?, '')", (task_id, occurrence)).fetchall())
    whole = rows.get("")
    if whole == STATUS_DONE:
        return whole
    return rows.get(occurrence) or whole or STATUSES[0]


def set_occurrence_status(store: Store, task_id: str, occurrence: str, status: str, *, note: str = "",
                          by_chat: str = "", by_name: str = "") -> None:
    """Validate the occurrence, then record the status with its history (UnknownTask, BadOccurrence)."""
    check_occurrence(store.task(task_id), occurrence)
    store.set_status(task_id, status, note=note, by_chat=by_chat, by_name=by_name, occurrence=occurrence)


def mark_done(store: Store, task_id: str, occurrence: str = "", *, note: str = "", by_chat: str = "",
              by_name: str = "") -> None:
    set_occurrence_status(store, task_id, occurrence, STATUS_DONE, note=note, by_chat=by_chat, by_name=by_name)


def done_data(task_id: str, occurrence: str = "") -> str:
    """Callback data of a "mark done" button: ``done:<task_id>`` or ``done:<task_id>:<occurrence>``."""
    return f"{DONE_PREFIX}:{task_id}:{occurrence}" if occurrence else f"{DONE_PREFIX}:{task_id}"


def parse_done_data(data: str) -> tuple[str, str] | None:
    """``done:5.12`` -> ('5.12', ''); ``done:5.10:2019-12-31`` -> ('5.10', '2019-12-31'); anything else -> None."""
    if not (data or "").startswith(DONE_PREFIX + ":"):
        return None
    return parse_task_ref(data[len(DONE_PREFIX) + 1:])


def parse_task_ref(text: str) -> tuple[str, str] | None:
    """A task typed in a command: ``5.12`` -> ('5.12', ''); ``5.10:2019-12-31`` -> ('5.10', '2019-12-31')."""
    m = re.fullmatch(r"\s*([0-9]+\.[0-9]+)(?::(\d{4}-\d{2}-\d{2}))?\s*", text or "")
    return (m[1], m[2] or "") if m else None


# ---- selection ----------------------------------------------------------------------------------------------

_SELECT = """
with open_occ as (
    select task_id, occurrence, due, doc_id from task_occurrences indexed by task_occurrences_open
    where done = 0 and due <= :soon_end
),
routes as (
    select s.channel, s.chat_id, o.task_id, o.occurrence, o.due,
           case when o.due < :today then 1 else 2 end as rank
    from open_occ o
    join task_units tu on tu.task_id = o.task_id and tu.role in ('chu_tri', 'phoi_hop')
    join alert_subscriptions s on s.kind = 'unit' and s.target = tu.unit_id
    union all
    select s.channel, s.chat_id, o.task_id, o.occurrence, o.due,
           case when o.due < :today then 1 else 2 end
    from open_occ o join alert_subscriptions s on s.kind = 'document' and s.target = o.doc_id
    union all
    select s.channel, s.chat_id, o.task_id, o.occurrence, o.due,
           case when o.due < :today then 1 else 2 end
    from alert_subscriptions s cross join open_occ o where s.kind = 'all'
    union all
    select s.channel, s.chat_id, o.task_id, o.occurrence, o.due, 3
    from open_occ o
    join task_units tu on tu.task_id = o.task_id and tu.role = 'theo_doi'
    join alert_subscriptions s on s.kind = 'unit' and s.target = tu.unit_id
    where o.due < :escalate_before
)
select r.channel, r.chat_id, r.task_id, r.occurrence, r.due, min(r.rank) as rank
from routes r
join alert_chats c on c.channel = r.channel and c.chat_id = r.chat_id and c.active = 1
where not exists (select 1 from alerts_sent a where a.day = :day and a.channel = r.channel
                  and a.chat_id = r.chat_id and a.task_id = r.task_id and a.occurrence = r.occurrence)
group by r.channel, r.chat_id, r.task_id, r.occurrence
order by r.channel, r.chat_id, rank, r.due, r.task_id, r.occurrence
"""


def select_alerts(store: Store, day: date, policy: AlertPolicy = AlertPolicy()) -> list[Selected]:
    """Every (chat, occurrence, kind) the digests of ``day`` must carry that was not sent (or claimed) yet."""
    params = {
        "day": day.isoformat(), "today": day.isoformat(),
        "soon_end": (day + timedelta(days=policy.due_soon_days)).isoformat(),
        "escalate_before": (day - timedelta(days=policy.escalate_after_days)).isoformat(),
    }
    return [Selected(ch, cid, tid, occ, due, KINDS[rank - 1])
            for ch, cid, tid, occ, due, rank in store.db.conn.execute(_SELECT, params)]


def digests(store: Store, day: date, policy: AlertPolicy = AlertPolicy(), *, refresh: bool = True) -> list[Digest]:
    """The digests of ``day``, one per chat with something new to say, ordered by chat."""
    if refresh:
        refresh_occurrences(store, day + timedelta(days=policy.due_soon_days))
    selected = select_alerts(store, day, policy)
    tasks = _tasks(store, {s.task_id for s in selected})
    follows = _follows(store)
    out: list[Digest] = []
    current: tuple[str, str] | None = None
    items: list[DigestItem] = []
    for s in selected:
        chat = (s.channel, s.chat_id)
        if chat != current:
            if current and items:
                out.append(Digest(current[0], current[1], day, tuple(items), follows.get(current, ())))
            current, items = chat, []
        due = date.fromisoformat(s.due)
        items.append(DigestItem(tasks[s.task_id], s.occurrence, due, s.kind, max(0, (day - due).days),
                                max(0, (due - day).days)))
    if current and items:
        out.append(Digest(current[0], current[1], day, tuple(items), follows.get(current, ())))
    return out


def _tasks(store: Store, ids: set[str]) -> dict[str, StoredTask]:
    ordered = sorted(ids)
    out: dict[str, StoredTask] = {}
    for i in range(0, len(ordered), 500):
        out.update((t.id, t) for t in store.tasks(ids=ordered[i:i + 500]))
    return out


def _follows(store: Store) -> dict[tuple[str, str], tuple[str, ...]]:
    out: dict[tuple[str, str], list[str]] = {}
    for ch, cid, kind, label in store.db.conn.execute(
            "select channel, chat_id, kind, label from alert_subscriptions "
            "order by channel, chat_id, case kind when 'all' then 0 when 'unit' then 1 else 2 end, label"):
        out.setdefault((ch, cid), []).append(label if kind != "all" else "*")
    return {k: tuple(v) for k, v in out.items()}


# ---- the sent log -------------------------------------------------------------------------------------------

def _stamp(now: datetime | None) -> str:
    return (now or datetime.now(timezone.utc)).astimezone(timezone.utc).isoformat(timespec="seconds")


def claim(store: Store, digest: Digest, *, now: datetime | None = None) -> Digest | None:
    """Claim the digest's items for sending: drops the ones another run sent or claimed meanwhile, marks the
    rest pending. Returns what is left to send, or None."""
    day = digest.day.isoformat()
    conn = store.db.conn
    with conn:
        if not conn.in_transaction:
            conn.execute("begin immediate")   # other processes wait: claims are atomic
        taken = {(t, o) for t, o in conn.execute(
            "select task_id, occurrence from alerts_sent where day = ? and channel = ? and chat_id = ?",
            (day, digest.channel, digest.chat_id))}
        items = tuple(i for i in digest.items if i.key not in taken)
        conn.executemany(
            "insert into alerts_sent (day, channel, chat_id, task_id, occurrence, kind, state, at) "
            "values (?, ?, ?, ?, ?, ?, 'pending', ?)",
            [(day, digest.channel, digest.chat_id, i.task.id, i.occurrence, i.kind, _stamp(now)) for i in items])
    if not items:
        return None
    return Digest(digest.channel, digest.chat_id, digest.day, items, digest.follows)


def confirm(store: Store, digest: Digest, *, now: datetime | None = None) -> None:
    """The digest was delivered: its claims become the record of what was sent."""
    with store.db.conn as conn:
        conn.executemany(
            "update alerts_sent set state = 'sent', at = ? where day = ? and channel = ? and chat_id = ? "
            "and task_id = ? and occurrence = ?",
            [(_stamp(now), digest.day.isoformat(), digest.channel, digest.chat_id, i.task.id, i.occurrence)
             for i in digest.items])


def release(store: Store, digest: Digest) -> None:
    """The digest could not be delivered: drop its claims so that a later run sends it."""
    with store.db.conn as conn:
        conn.executemany(
            "delete from alerts_sent where day = ? and channel = ? and chat_id = ? and task_id = ? "
            "and occurrence = ? and state = 'pending'",
            [(digest.day.isoformat(), digest.channel, digest.chat_id, i.task.id, i.occurrence) for i in digest.items])


def release_stale_claims(store: Store, *, now: datetime | None = None, timeout: timedelta = CLAIM_TIMEOUT) -> int:
    """Claims left by a run that died while sending: let the next run send them."""
    before = _stamp((now or datetime.now(timezone.utc)) - timeout)
    with store.db.conn as conn:
        return conn.execute("delete from alerts_sent where state = 'pending' and at < ?", (before,)).rowcount


def prune_sent(store: Store, before: date) -> int:
    """Forget what was sent before ``before`` (the log only has to cover the days that can still be re-run)."""
    with store.db.conn as conn:
        return conn.execute("delete from alerts_sent where day < ?", (before.isoformat(),)).rowcount


def sent_log(store: Store, day: date | None = None) -> list[dict]:
    sql = "select * from alerts_sent" + (" where day = ?" if day else "") + " order by day, channel, chat_id, task_id"
    cur = store.db.conn.execute(sql, (day.isoformat(),) if day else ())
    names = [c[0] for c in cur.description]
    return [dict(zip(names, r)) for r in cur.fetchall()]


# ---- scheduler state ------------------------------------------------------------------------------------------

def get_state(store: Store, key: str) -> str | None:
    row = store.db.conn.execute("select value from alert_state where key = ?", (key,)).fetchone()
    return row[0] if row else None


def set_state(store: Store, key: str, value: str) -> None:
    with store.db.conn as conn:
        conn.execute("insert into alert_state (key, value) values (?, ?) "
                     "on conflict (key) do update set value = excluded.value", (key, value))


def last_digest_day(store: Store) -> date | None:
    value = get_state(store, "last_digest_day")
    return date.fromisoformat(value) if value else None


def set_last_digest_day(store: Store, day: date) -> None:
    set_state(store, "last_digest_day", day.isoformat())


__all__ = [
    "AlertPolicy", "BadOccurrence", "Digest", "DigestItem", "KIND_DUE_SOON", "KIND_ESCALATED", "KIND_OVERDUE",
    "Occurrence", "Selected", "UnknownTask", "check_occurrence", "claim", "confirm", "digests", "done_data",
    "get_state", "last_digest_day", "mark_done", "occurrence_dates", "occurrences_of", "parse_done_data", "parse_task_ref",
    "prune_sent", "refresh_occurrences", "release", "release_stale_claims", "select_alerts",
    "set_last_digest_day", "set_occurrence_status", "set_state", "sent_log", "status_of",
]
