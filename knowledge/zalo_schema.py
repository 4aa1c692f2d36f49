"""Tables of the Zalo channel (issue 6): updates already handled, numbered choices offered to a chat.

Both are keyed by channel so that any channel without exactly-once delivery or without buttons
can reuse them (see knowledge/inbox.py).
"""
from __future__ import annotations

import sqlite_utils

from knowledge.migrations import migration


@migration
def m300_zalo(db: sqlite_utils.Database) -> None:
    # Zalo's getUpdates (and webhook retries) can hand the same message over again: remember ids.
    db["inbox_seen"].create({"channel": str, "message_id": str, "seen_at": str},
                            pk=("channel", "message_id"), not_null={"channel", "message_id", "seen_at"})
    db["inbox_seen"].create_index(["seen_at"])
    # Zalo has no buttons: a message offers "1. …, 2. …" and the reply "1" means the first button's data.
    db["chat_choices"].create({"channel": str, "chat_id": str, "number": int, "label": str, "data": str,
                               "offered_at": str},
                              pk=("channel", "chat_id", "number"),
                              not_null={"channel", "chat_id", "number", "data", "offered_at"})
