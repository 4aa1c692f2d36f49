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
* A chat gets one digest a day. ``alert_digests`` holds it: claimed (``pending``)
  before sending, ``sent`` after, so a second run the same day, a restart, or a
  second process (cron and the bot) sends nothing again, and a claim left by a
  crash expires so that nothing is lost. ``alerts_sent`` records the items the
  message listed: (day, chat, task occurrence, kind).

Selection is set-based SQL over indexes (open occurrences are a partial index):
the unit and document subscribers' items in one statement, and the leaders'
list once for all of them. Tasks are read back only for the items a message can
show (``SHOW_MAX`` per kind). ``refresh_occurrences`` is incremental: it rebuilds
the documents ingested since its last run and moves the recurring window.
"""
from __future__ import annotations

import calendar
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache

from knowledge.errors import ChidaoError
from knowledge.models import StoredTask
from knowledge.store import STATUS_DONE, STATUSES, Store

KIND_OVERDUE, KIND_DUE_SOON, KIND_ESCALATED = "overdue", "due_soon", "escalated"
KINDS = (KIND_OVERDUE, KIND_DUE_SOON, KIND_ESCALATED)   # SQL rank 1, 2, 3: a chat's own kind wins
RECURRENCE_LOOKBACK_DAYS = 366
WEEKLY_DUE_WEEKDAY = 4                                  # Friday
CLAIM_TIMEOUT = timedelta(minutes=10)
DONE_PREFIX = "done"
SHOW_MAX = 15                                           # items of each kind a digest message can list

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
class DigestItem:
    """One task occurrence in a chat's digest; ``task`` is read back only for the items a message shows."""
    task_id: str
    occurrence: str        # '' for a one-off task, the ISO due date for an occurrence of a recurring one
    due: date
    kind: str              # overdue | due_soon | escalated
    days_late: int         # > 0 when overdue
    days_left: int         # >= 0 when due soon
    task: StoredTask | None = None

    @property
    def overdue_days(self) -> int | None:
        return self.days_late if self.days_late > 0 else None

    @property
    def key(self) -> tuple[str, str]:
        return self.task_id, self.occurrence


@dataclass(frozen=True)
class Digest:
    channel: str
    chat_id: str
    day: date
    items: tuple[DigestItem, ...]     # overdue (most overdue first), due soon (soonest first), escalated
    follows: tuple[str, ...] = ()     # labels of what the chat follows ("*": everything), for the heading

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

    def head(self, per_kind: int = SHOW_MAX) -> tuple[DigestItem, ...]:
        """The first ``per_kind`` items of each kind, in order: what a message can list."""
        return tuple(i for k in KINDS for i in self.of_kind(k)[:per_kind])


Row = tuple[str, str, str, int]   # (task_id, occurrence, due ISO date, rank 1 overdue | 2 due soon | 3 escalated)


@dataclass(frozen=True)
class Selection:
    """Everything the digests of a day must carry, for the chats that have not had theirs yet, as compact rows
    in digest order (``digests`` turns them into DigestItems)."""
    day: date
    chats: dict[tuple[str, str], list[Row]]      # unit and document subscribers
    everything: list[Row]                        # the leaders' list, one for all of them
    leaders: tuple[tuple[str, str], ...]

    @property
    def total(self) -> int:
        """How many (chat, occurrence) items in all."""
        return sum(len(v) for v in self.chats.values()) + len(self.everything) * len(self.leaders)

    def rows_of(self, chat: tuple[str, str]) -> list[Row]:
        return self.everything if chat in self.leaders else self.chats.get(chat, [])


# ---- occurrences ----------------------------------------------------------------------------------------

def _in_month(year: int, month: int, day: int | None) -> date:
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(day, last) if day else last)


def occurrence_dates(recurrence: str, day: int | None, start: date, end: date) -> list[date]:
    """Due dates of a recurring task between ``start`` and ``end`` (both included)."""
    return list(_occurrence_dates(recurrence, day, start, end))


@lru_cache(maxsize=4096)
def _occurrence_dates(recurrence: str, day: int | None, start: date, end: date) -> tuple[date, ...]:
    if recurrence == "weekly":
        first = start + timedelta(days=(WEEKLY_DUE_WEEKDAY - start.weekday()) % 7)
        return tuple(first + timedelta(weeks=i) for i in range(max(0, (end - first).days // 7 + 1)))
    months = _MONTHS.get(recurrence)
    if months is None:
        return ()
    out = []
    for year in range(start.year, end.year + 1):
        for month in months:
            due = _in_month(year, month, day)
            if start <= due <= end:
                out.append(due)
    return tuple(out)


@lru_cache(maxsize=65536)
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


def refresh_occurrences(store: Store, until: date, *, full: bool = False) -> int:
    """Bring ``task_occurrences`` in line with the tasks: one-off deadlines, and recurring occurrences up to
    ``until`` (reaching back ``RECURRENCE_LOOKBACK_DAYS``). Returns how many rows were added, changed or removed.

    Incremental: the documents ingested (or re-ingested) since the last refresh are rebuilt, the recurring
    window moves forward, the look-back drops what fell out of it. Going back in time, a document gone, or
    ``full=True`` rebuild everything. Tasks change only through ``Store.save_document``, which stamps
    ``documents.ingested_at`` (and ``sha256``): that is what this relies on.
    """
    conn = store.db.conn
    floor = until - timedelta(days=RECURRENCE_LOOKBACK_DAYS)
    count, ids, last_at = conn.execute(
        "select count(*), total(id), coalesce(max(ingested_at), '') from documents").fetchone()
    state = json.loads(get_state(store, _OCC_STATE) or "null")
    rebuild_all = (full or not isinstance(state, dict) or state.get("until", "9") > until.isoformat()
                   or count < state.get("docs", 0) or (count == state.get("docs") and ids != state.get("ids")))
    changed = 0
    with conn:
        _temp_tables(conn)
        if rebuild_all:
            changed += _rebuild(conn, floor, until, None)
        else:
            seen = state.get("at_docs", {})              # rebuilt at the last stamp (same second): id -> sha256
            docs = [i for i, at, sha in conn.execute(
                        "select id, coalesce(ingested_at, ''), sha256 from documents "
                        "where coalesce(ingested_at, '') >= ?", (state["at"],))
                    if at > state["at"] or seen.get(str(i)) != sha]
            if docs:
                changed += _rebuild(conn, floor, until, docs)
            previous = date.fromisoformat(state["until"])
            if until > previous:
                changed += _extend(conn, floor, previous, until, set(docs))
            changed += conn.execute("delete from task_occurrences where occurrence != '' and due < ?",
                                    (floor.isoformat(),)).rowcount
        at_docs = {str(i): sha for i, sha in conn.execute(
            "select id, sha256 from documents where coalesce(ingested_at, '') = ?", (last_at,))}
        conn.execute("insert into alert_state (key, value) values (?, ?) on conflict (key) do update "
                     "set value = excluded.value",
                     (_OCC_STATE, json.dumps({"until": until.isoformat(), "docs": count, "ids": ids, "at": last_at,
                                              "at_docs": at_docs})))
    return changed


_OCC_STATE = "occurrences"


def _temp_tables(conn) -> None:
    conn.execute("create temp table if not exists _occ_want (task_id text, occurrence text, due text, "
                 "doc_id integer, primary key (task_id, occurrence)) without rowid")
    conn.execute("create temp table if not exists _occ_docs (id integer primary key)")
    conn.execute("delete from _occ_want")
    conn.execute("delete from _occ_docs")


def _add_wanted(conn) -> int:
    """Insert the wanted occurrences that are missing (``done`` from the statuses) and fix moved ones."""
    added = conn.execute(
        "insert into task_occurrences (task_id, occurrence, due, doc_id, done) "
        f"select w.task_id, w.occurrence, w.due, w.doc_id, {_done_sql('w.task_id', 'w.occurrence')} "
        "from _occ_want w where not exists (select 1 from task_occurrences o "
        "where o.task_id = w.task_id and o.occurrence = w.occurrence)").rowcount
    moved = conn.execute(
        "select w.due, w.doc_id, w.task_id, w.occurrence from _occ_want w join task_occurrences o "
        "on o.task_id = w.task_id and o.occurrence = w.occurrence where o.due != w.due or o.doc_id != w.doc_id"
    ).fetchall()                      # driven by the (small) wanted set, then primary-key updates
    conn.executemany("update task_occurrences set due = ?, doc_id = ? where task_id = ? and occurrence = ?", moved)
    added += len(moved)
    return added


def _rebuild(conn, floor: date, until: date, docs: Sequence[int] | None) -> int:
    """Make the occurrences of ``docs`` (None: every document) exactly what their tasks call for."""
    where_docs = ""
    if docs is not None:
        conn.executemany("insert or ignore into _occ_docs values (?)", ((d,) for d in docs))
        where_docs = " and doc_id in (select id from _occ_docs)"
    conn.execute("insert into _occ_want select id, '', deadline, doc_id from tasks "
                 "where deadline is not null and recurrence is null" + where_docs)
    every = "indexed by tasks_recurring cross" if docs is None else ""
    rows = conn.execute(f"select t.id, t.doc_id, t.recurrence, t.recurrence_day, d.issued_on from tasks t {every} "
                        "join documents d on d.id = t.doc_id where t.recurrence is not null"
                        + where_docs.replace("doc_id", "t.doc_id")).fetchall()
    conn.executemany("insert or ignore into _occ_want values (?, ?, ?, ?)", _recurring_rows(rows, floor, until))
    changed = _add_wanted(conn)
    changed += conn.execute(
        "delete from task_occurrences where not exists (select 1 from _occ_want w "
        "where w.task_id = task_occurrences.task_id and w.occurrence = task_occurrences.occurrence)"
        + where_docs).rowcount
    conn.execute("delete from _occ_want")
    conn.execute("delete from _occ_docs")
    return changed


def _extend(conn, floor: date, previous: date, until: date, skip_docs: set[int]) -> int:
    """Add the recurring occurrences that fall after ``previous`` up to ``until``."""
    rows = [r for r in conn.execute("select t.id, t.doc_id, t.recurrence, t.recurrence_day, d.issued_on "
                                    "from tasks t indexed by tasks_recurring cross join documents d "
                                    "on d.id = t.doc_id where t.recurrence is not null") if r[1] not in skip_docs]
    conn.executemany("insert or ignore into _occ_want values (?, ?, ?, ?)",
                     _recurring_rows(rows, max(floor, previous + timedelta(days=1)), until))
    added = _add_wanted(conn)
    conn.execute("delete from _occ_want")
    return added


def _recurring_rows(rows: Iterable[tuple], floor: date, until: date) -> Iterator[tuple[str, str, str, int]]:
    for tid, doc_id, recurrence, day, issued_on in rows:
        start = max(_issued(issued_on) or floor, floor)
        for due in _occurrence_dates(recurrence, day, start, until):
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

_OPEN = """
    select task_id, occurrence, due, doc_id from task_occurrences indexed by task_occurrences_open_due
    where done = 0 and due <= :soon_end
"""
_TODO = """
    select c.channel, c.chat_id from alert_chats c
    where c.active = 1 and not exists (select 1 from alert_digests g
                                       where g.day = :day and g.channel = c.channel and g.chat_id = c.chat_id)
"""
# unit subscribers (the unit leads or coordinates: their own; it monitors: an escalation) and document
# subscribers. One pass over the open occurrences; ranks are merged and sorted per chat in Python.
_SELECT_CHATS = f"""
with open_occ as materialized ({_OPEN})
select s.channel, s.chat_id, o.task_id, o.occurrence, o.due,
       case when tu.role = 'theo_doi' then 3 when o.due < :today then 1 else 2 end
from open_occ o
join task_units tu on tu.task_id = o.task_id
join alert_subscriptions s on s.kind = 'unit' and s.target = tu.unit_id
where tu.role != 'theo_doi' or o.due < :escalate_before
union all
select s.channel, s.chat_id, o.task_id, o.occurrence, o.due, case when o.due < :today then 1 else 2 end
from open_occ o join alert_subscriptions s on s.kind = 'document' and s.target = o.doc_id
"""
# leaders (everything): one list for all of them
_SELECT_LEADERS = """
select distinct channel, chat_id from alert_subscriptions where kind = 'all' order by channel, chat_id
"""
_SELECT_EVERYTHING = f"""
select task_id, occurrence, due, case when due < :today then 1 else 2 end as rank from ({_OPEN})
order by rank, due, task_id, occurrence
"""


def _params(day: date, policy: AlertPolicy) -> dict[str, str]:
    return {"day": day.isoformat(), "today": day.isoformat(),
            "soon_end": (day + timedelta(days=policy.due_soon_days)).isoformat(),
            "escalate_before": (day - timedelta(days=policy.escalate_after_days)).isoformat()}


class _Items:
    """DigestItems for one day, the date arithmetic done once per due date."""

    def __init__(self, day: date) -> None:
        self.day = day
        self._dates: dict[str, tuple[date, int, int]] = {}

    def __call__(self, task_id: str, occurrence: str, due_iso: str, rank: int) -> DigestItem:
        known = self._dates.get(due_iso)
        if known is None:
            due = date.fromisoformat(due_iso)
            delta = (due - self.day).days
            known = self._dates[due_iso] = (due, max(0, -delta), max(0, delta))
        return DigestItem(task_id, occurrence, known[0], KINDS[rank - 1], known[1], known[2])


def select_alerts(store: Store, day: date, policy: AlertPolicy = AlertPolicy()) -> Selection:
    """Every item of the digests of ``day`` for the active chats that have not had (or claimed) theirs."""
    conn = store.db.conn
    params = _params(day, policy)
    todo = set(conn.execute(_TODO, params).fetchall())
    if not todo:
        return Selection(day, {}, [], ())
    leaders = tuple(c for c in conn.execute(_SELECT_LEADERS) if c in todo)
    everything = conn.execute(_SELECT_EVERYTHING, params).fetchall() if leaders else []
    todo.difference_update(leaders)
    found: dict[tuple[str, str], list[Row]] = {}
    for ch, cid, tid, occ, due, rank in conn.execute(_SELECT_CHATS, params):
        if (ch, cid) in todo:
            found.setdefault((ch, cid), []).append((tid, occ, due, rank))
    chats = {}
    for chat, rows in found.items():
        rows.sort(key=_digest_order)
        seen: set[tuple[str, str]] = set()       # a chat's own kind (lower rank) wins over an escalation
        chats[chat] = [r for r in rows if (r[0], r[1]) not in seen and not seen.add((r[0], r[1]))]
    return Selection(day, chats, everything, leaders)


def _digest_order(row: Row) -> tuple[int, str, str, str]:
    return row[3], row[2], row[0], row[1]


def digests(store: Store, day: date, policy: AlertPolicy = AlertPolicy(), *, refresh: bool = True,
            with_tasks: bool = True) -> list[Digest]:
    """The digests of ``day``, one per chat with something to say and no digest yet today, by chat.

    ``with_tasks`` reads the tasks of the items a message can show (``load_tasks``); a sender that
    goes chat by chat can pass False and load each digest's tasks just before rendering it.
    """
    if refresh:
        refresh_occurrences(store, day + timedelta(days=policy.due_soon_days))
    sel = select_alerts(store, day, policy)
    follows = _follows(store)
    item = _Items(day)
    shared = tuple(item(*r) for r in sel.everything)          # the leaders' items, made once
    out = []
    for chat in sorted(set(sel.chats) | set(sel.leaders)):
        items = shared if chat in sel.leaders else tuple(item(*r) for r in sel.chats[chat])
        if items:
            out.append(Digest(chat[0], chat[1], day, items, follows.get(chat, ())))
    return load_tasks(store, out) if with_tasks else out


def load_tasks(store: Store, found: Sequence[Digest], per_kind: int = SHOW_MAX) -> list[Digest]:
    """The same digests with the tasks of their first ``per_kind`` items of each kind read back (items whose
    task has gone meanwhile are dropped)."""
    ids = {i.task_id for d in found for i in d.head(per_kind) if i.task is None}
    tasks = _tasks(store, ids)
    out = []
    for d in found:
        head = set(d.head(per_kind))
        items = tuple(replace(i, task=tasks[i.task_id]) if i in head and i.task is None and i.task_id in tasks else i
                      for i in d.items)
        items = tuple(i for i in items if i.task is not None or i not in head)
        out.append(replace(d, items=items))
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


# ---- the log: one digest per chat and day -------------------------------------------------------------------

def _stamp(now: datetime | None) -> str:
    return (now or datetime.now(timezone.utc)).astimezone(timezone.utc).isoformat(timespec="seconds")


def claim(store: Store, digest: Digest, *, now: datetime | None = None) -> bool:
    """Claim the chat's digest of the day before sending it; False when it was sent or is being sent."""
    with store.db.conn as conn:
        return conn.execute(
            "insert into alert_digests (day, channel, chat_id, state, items, at) values (?, ?, ?, 'pending', ?, ?) "
            "on conflict do nothing",
            (digest.day.isoformat(), digest.channel, digest.chat_id, len(digest.items), _stamp(now))).rowcount == 1


def confirm(store: Store, digest: Digest, shown: Iterable[DigestItem] | None = None, *,
            now: datetime | None = None) -> None:
    """The digest was delivered: record it, with the items the message listed (default: its head)."""
    day, at = digest.day.isoformat(), _stamp(now)
    listed = digest.head() if shown is None else tuple(shown)
    with store.db.conn as conn:
        conn.execute("update alert_digests set state = 'sent', at = ? where day = ? and channel = ? and chat_id = ?",
                     (at, day, digest.channel, digest.chat_id))
        conn.executemany(
            "insert or ignore into alerts_sent (day, channel, chat_id, task_id, occurrence, kind, state, at) "
            "values (?, ?, ?, ?, ?, ?, 'sent', ?)",
            [(day, digest.channel, digest.chat_id, i.task_id, i.occurrence, i.kind, at) for i in listed])


def release(store: Store, digest: Digest) -> None:
    """The digest could not be delivered: drop the claim so that a later run sends it."""
    with store.db.conn as conn:
        conn.execute("delete from alert_digests where day = ? and channel = ? and chat_id = ? and state = 'pending'",
                     (digest.day.isoformat(), digest.channel, digest.chat_id))


def release_stale_claims(store: Store, *, now: datetime | None = None, timeout: timedelta = CLAIM_TIMEOUT) -> int:
    """Claims left by a run that died while sending: let the next run send those digests."""
    before = _stamp((now or datetime.now(timezone.utc)) - timeout)
    with store.db.conn as conn:
        return conn.execute("delete from alert_digests where state = 'pending' and at < ?", (before,)).rowcount


def prune_sent(store: Store, before: date) -> int:
    """Forget the digests of the days before ``before``."""
    with store.db.conn as conn:
        n = conn.execute("delete from alert_digests where day < ?", (before.isoformat(),)).rowcount
        conn.execute("delete from alerts_sent where day < ?", (before.isoformat(),))
        return n


def _rows(store: Store, sql: str, params: tuple) -> list[dict]:
    cur = store.db.conn.execute(sql, params)
    names = [c[0] for c in cur.description]
    return [dict(zip(names, r)) for r in cur.fetchall()]


def sent_log(store: Store, day: date | None = None) -> list[dict]:
    """The items the digests listed: day, channel, chat_id, task_id, occurrence, kind, at."""
    where = " where day = ?" if day else ""
    return _rows(store, "select day, channel, chat_id, task_id, occurrence, kind, at from alerts_sent" + where
                 + " order by day, channel, chat_id, task_id, occurrence", (day.isoformat(),) if day else ())


def digest_log(store: Store, day: date | None = None) -> list[dict]:
    """The digests of a day (or all): day, channel, chat_id, state, items, at."""
    where = " where day = ?" if day else ""
    return _rows(store, "select * from alert_digests" + where + " order by day, channel, chat_id",
                 (day.isoformat(),) if day else ())


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
    "Occurrence", "SHOW_MAX", "Selection", "check_occurrence", "claim", "confirm", "digest_log", "digests",
    "done_data", "get_state", "last_digest_day", "load_tasks", "mark_done", "occurrence_dates", "occurrences_of",
    "parse_done_data", "parse_task_ref", "prune_sent", "refresh_occurrences", "release", "release_stale_claims",
    "select_alerts", "sent_log", "set_last_digest_day", "set_occurrence_status", "set_state", "status_of",
]
