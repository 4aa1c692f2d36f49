"""Schema of subscriptions, task occurrences, the alert log and the scheduler's state.

Imported by ``knowledge.migrations`` at start-up; never edit a migration that has shipped,
append a new one.

* ``alert_chats``          a chat is (channel, chat_id); ``active`` drops to 0 when it blocked the bot.
* ``alert_subscriptions``  what a chat follows: ``kind`` unit | document | all, ``target`` the unit or
                           document id (0 for all).
* ``task_occurrences``     every dated occurrence of a task: ``occurrence`` '' for a one-off task (its
                           deadline), the ISO due date for an occurrence of a recurring task. ``done``
                           mirrors ``task_status`` (kept by triggers) so that open occurrences are one
                           partial index away.
* ``alert_digests``        (m201) one digest per chat and day: ``pending`` while it is on its way (the
                           claim), then ``sent``.
* ``alerts_sent``          the items a digest listed (chat, task occurrence, kind, day); ``state`` is
                           always 'sent' since m201.
* ``alert_state``          the scheduler's state (last digest day), key/value.
"""
from __future__ import annotations

import sqlite_utils

from knowledge.migrations import migration

# done = the occurrence's own status is done, or the task as a whole (occurrence '') is done.
DONE_EXPR = """(
    coalesce((select s.status from task_status s
              where s.task_id = {o}.task_id and s.occurrence = {o}.occurrence), '') = 'da_hoan_thanh'
    or coalesce((select s.status from task_status s
                 where s.task_id = {o}.task_id and s.occurrence = ''), '') = 'da_hoan_thanh')"""


@migration
def m200_alerts(db: sqlite_utils.Database) -> None:
    db.executescript(f"""
    create table if not exists alert_chats (
        channel text not null,
        chat_id text not null,
        active integer not null default 1,
        changed_at text not null,
        primary key (channel, chat_id)
    );
    create table if not exists alert_subscriptions (
        channel text not null,
        chat_id text not null,
        kind text not null check (kind in ('unit', 'document', 'all')),
        target integer not null default 0,
        label text not null default '',
        created_at text not null,
        primary key (channel, chat_id, kind, target)
    );
    create index if not exists alert_subscriptions_target on alert_subscriptions (kind, target);

    create table if not exists task_occurrences (
        task_id text not null,
        occurrence text not null,
        due text not null,
        doc_id integer not null,
        done integer not null default 0,
        primary key (task_id, occurrence)
    ) without rowid;
    create index if not exists task_occurrences_open on task_occurrences (due, task_id, occurrence, doc_id) where done = 0;

    create table if not exists alerts_sent (
        day text not null,
        channel text not null,
        chat_id text not null,
        task_id text not null,
        occurrence text not null,
        kind text not null,
        state text not null default 'sent',
        at text not null,
        primary key (day, channel, chat_id, task_id, occurrence)
    ) without rowid;
    create index if not exists alerts_sent_pending on alerts_sent (state, at) where state = 'pending';

    create table if not exists alert_state (key text primary key, value text not null);

    create trigger if not exists task_occurrences_status_insert after insert on task_status begin
        update task_occurrences set done = {DONE_EXPR.format(o='task_occurrences')}
        where task_id = new.task_id and (occurrence = new.occurrence or new.occurrence = '');
    end;
    create trigger if not exists task_occurrences_status_update after update on task_status begin
        update task_occurrences set done = {DONE_EXPR.format(o='task_occurrences')}
        where task_id = new.task_id and (occurrence = new.occurrence or new.occurrence = '');
    end;
    create trigger if not exists task_occurrences_status_delete after delete on task_status begin
        update task_occurrences set done = {DONE_EXPR.format(o='task_occurrences')}
        where task_id = old.task_id and (occurrence = old.occurrence or old.occurrence = '');
    end;
    """)


@migration
def m201_alert_digests(db: sqlite_utils.Database) -> None:
    """One digest per chat and day: ``alert_digests`` is the claim (pending) and the record (sent) of a
    chat's digest; ``alerts_sent`` keeps the items the message listed. Indexes for the daily refresh of
    occurrences (by document, and recurring ones by due date for the look-back)."""
    db.executescript("""
    create table if not exists alert_digests (
        day text not null,
        channel text not null,
        chat_id text not null,
        state text not null check (state in ('pending', 'sent')),
        items integer not null default 0,
        at text not null,
        primary key (day, channel, chat_id)
    ) without rowid;
    create index if not exists alert_digests_pending on alert_digests (at) where state = 'pending';
    drop index if exists alerts_sent_pending;
    create index if not exists task_occurrences_doc on task_occurrences (doc_id);
    create index if not exists task_occurrences_recurring on task_occurrences (due) where occurrence != '';
    """)


@migration
def m202_open_occurrences_covering(db: sqlite_utils.Database) -> None:
    """The open-occurrence index covers the selection (``done`` in it too): no row look-ups."""
    db.executescript("""
    create index if not exists task_occurrences_open_due
        on task_occurrences (due, task_id, occurrence, doc_id, done) where done = 0;
    drop index if exists task_occurrences_open;
    """)


@migration
def m203_recurring_tasks(db: sqlite_utils.Database) -> None:
    """Recurring tasks found without scanning every task (the daily refresh moves their window)."""
    db.execute("create index if not exists tasks_recurring on tasks (recurrence) where recurrence is not null")
