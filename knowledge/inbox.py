"""Incoming-message bookkeeping for channels that may deliver a message twice or have no buttons.

* ``seen_before``: exactly-once handling of incoming messages, persisted, so a message handed over
  again (Zalo's getUpdates, a webhook retry, a restart) is answered once.
* ``offer_choices`` / ``chosen``: the numbered choices last offered to a chat, so that a reply of
  "2" can be turned back into the data of the second button.
"""
from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta, timezone

from knowledge.store import Store


def _now() -> datetime:
    return datetime.now(timezone.utc)


def seen_before(store: Store, channel: str, message_id: str, *, now: datetime | None = None) -> bool:
    """True if this message was already recorded; otherwise record it (atomically) and return False."""
    at = (now or _now()).isoformat(timespec="seconds")
    with store.db.conn:
        cur = store.db.execute(
            "insert or ignore into inbox_seen (channel, message_id, seen_at) values (?, ?, ?)",
            [channel, str(message_id), at])
    return cur.rowcount == 0


def forget_seen(store: Store, channel: str, *, older_than: timedelta = timedelta(days=30),
                now: datetime | None = None) -> int:
    """Drop message ids recorded before ``older_than`` ago; returns how many."""
    cutoff = ((now or _now()) - older_than).isoformat(timespec="seconds")
    with store.db.conn:
        cur = store.db.execute("delete from inbox_seen where channel = ? and seen_at < ?", [channel, cutoff])
    return cur.rowcount


def offer_choices(store: Store, channel: str, chat_id: str, choices: Sequence[tuple[str, str]],
                  *, now: datetime | None = None) -> None:
    """Replace the chat's numbered choices by ``choices`` ((label, data) for 1, 2, …)."""
    at = (now or _now()).isoformat(timespec="seconds")
    with store.db.conn:
        store.db.execute("delete from chat_choices where channel = ? and chat_id = ?", [channel, str(chat_id)])
        for number, (label, data) in enumerate(choices, start=1):
            store.db.execute(
                "insert into chat_choices (channel, chat_id, number, label, data, offered_at) values (?, ?, ?, ?, ?, ?)",
                [channel, str(chat_id), number, label, data, at])


def chosen(store: Store, channel: str, chat_id: str, number: int, *, max_age: timedelta = timedelta(days=7),
           now: datetime | None = None) -> str | None:
    """The data behind choice ``number`` last offered to the chat, if still fresh; else None."""
    cutoff = ((now or _now()) - max_age).isoformat(timespec="seconds")
    rows = list(store.db.query(
        "select data from chat_choices where channel = ? and chat_id = ? and number = ? and offered_at >= ?",
        [channel, str(chat_id), number, cutoff]))
    return rows[0]["data"] if rows else None


def has_choices(store: Store, channel: str, chat_id: str, *, max_age: timedelta = timedelta(days=7),
                now: datetime | None = None) -> int:
    """How many fresh choices the chat has been offered (0 if none)."""
    cutoff = ((now or _now()) - max_age).isoformat(timespec="seconds")
    row = next(store.db.query(
        "select count(*) as n from chat_choices where channel = ? and chat_id = ? and offered_at >= ?",
        [channel, str(chat_id), cutoff]))
    return row["n"]
