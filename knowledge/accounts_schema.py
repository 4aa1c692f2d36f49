"""Schema of the accounts feature: the chats the bots know, with their role, and invitation codes."""
from __future__ import annotations

import sqlite_utils

from knowledge.migrations import migration


@migration
def m100_accounts(db: sqlite_utils.Database) -> None:
    # one row per chat a channel has seen (private chats are people; groups are groups)
    db["chats"].create({
        "channel": str, "chat_id": str, "name": str, "role": str, "active": int,
        "created_at": str, "updated_at": str, "granted_by": str,
    }, pk=("channel", "chat_id"), not_null={"channel", "chat_id", "role"}, defaults={"role": "citizen", "active": 1})
    db["chats"].create_index(["role"])
    # one-time invitation codes: only a hash is kept, the code itself is shown once to the admin
    db["invitations"].create({
        "code_hash": str, "role": str, "created_by": str, "created_at": str, "expires_at": str,
        "used_by": str, "used_at": str,
    }, pk="code_hash", not_null={"role"})
