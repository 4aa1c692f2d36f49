"""Who is who: the chats a channel knows, their role, and one-time invitation codes.

Roles, weakest first: ``citizen`` (asks and reads), ``official`` (also changes a task's
status and sends directives), ``admin`` (also grants the official role). Admins come from
the configuration (ADMIN_CHAT_IDS) and are never stored; officials are stored here.
Invitation codes are kept only as a SHA-256 hash and work once.
"""
from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from knowledge.errors import ChidaoError
from knowledge.store import Store

CITIZEN, OFFICIAL, ADMIN = "citizen", "official", "admin"
ROLES = (CITIZEN, OFFICIAL, ADMIN)
STORED_ROLES = (CITIZEN, OFFICIAL)

# no 0/O, 1/I/L: codes are read aloud and typed on phones
_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 10
CODE_DAYS = 7


@dataclass(frozen=True)
class Account:
    channel: str
    chat_id: str
    name: str
    role: str
    active: bool


class InvalidInvitation(ChidaoError):
    """The code is unknown, already used, or expired."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason  # unknown, used, expired


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def _account(row: dict) -> Account:
    return Account(row["channel"], row["chat_id"], row["name"] or "", row["role"], bool(row["active"]))


def account(store: Store, channel: str, chat_id: str | int) -> Account | None:
    rows = list(store.db.query("select * from chats where channel = ? and chat_id = ?", [channel, str(chat_id)]))
    return _account(rows[0]) if rows else None


def stored_role(store: Store, channel: str, chat_id: str | int) -> str:
    """The role kept for a chat (citizen when unknown). Admins are decided by the configuration."""
    found = account(store, channel, chat_id)
    return found.role if found else CITIZEN


def seen(store: Store, channel: str, chat_id: str | int, name: str = "") -> Account:
    """Record that a chat talked to the bot: creates it as a citizen, refreshes its name, reactivates it."""
    chat_id, now = str(chat_id), _iso(_now())
    with store.db.conn:
        store.db.execute(
            "insert into chats (channel, chat_id, name, role, active, created_at, updated_at) "
            "values (?, ?, ?, ?, 1, ?, ?) on conflict (channel, chat_id) do update set "
            "name = case when excluded.name != '' then excluded.name else chats.name end, active = 1, "
            "updated_at = excluded.updated_at",
            [channel, chat_id, name or "", CITIZEN, now, now])
    return account(store, channel, chat_id)  # type: ignore[return-value]


def set_role(store: Store, channel: str, chat_id: str | int, role: str, *, name: str = "",
             granted_by: str = "") -> Account:
    """Give a chat a stored role (official or citizen), creating the chat if it is new."""
    if role not in STORED_ROLES:
        raise ValueError(role)
    seen(store, channel, chat_id, name)
    with store.db.conn:
        store.db.execute("update chats set role = ?, granted_by = ?, updated_at = ? where channel = ? and chat_id = ?",
                         [role, granted_by, _iso(_now()), channel, str(chat_id)])
    return account(store, channel, chat_id)  # type: ignore[return-value]


def set_active(store: Store, channel: str, chat_id: str | int, active: bool) -> None:
    """Mark a chat (in)active, e.g. inactive when the user blocked the bot."""
    with store.db.conn:
        store.db.execute("update chats set active = ?, updated_at = ? where channel = ? and chat_id = ?",
                         [1 if active else 0, _iso(_now()), channel, str(chat_id)])


def accounts(store: Store, *, channel: str | None = None, role: str | None = None,
             active_only: bool = False) -> list[Account]:
    where, params = [], []
    if channel:
        where.append("channel = ?")
        params.append(channel)
    if role:
        where.append("role = ?")
        params.append(role)
    if active_only:
        where.append("active = 1")
    sql = "select * from chats" + (" where " + " and ".join(where) if where else "") + " order by channel, chat_id"
    return [_account(r) for r in store.db.query(sql, params)]


def _hash(code: str) -> str:
    cleaned = "".join(code.split()).upper().replace("-", "")
    return hashlib.sha256(cleaned.encode("utf-8")).hexdigest()


def create_invitation(store: Store, *, created_by: str, role: str = OFFICIAL, days: int = CODE_DAYS) -> str:
    """A new one-time code for ``role``; only its hash is stored. Returns the code to hand out."""
    if role not in STORED_ROLES:
        raise ValueError(role)
    code = "".join(secrets.choice(_ALPHABET) for _ in range(CODE_LENGTH))
    now = _now()
    with store.db.conn:
        store.db["invitations"].insert({
            "code_hash": _hash(code), "role": role, "created_by": created_by, "created_at": _iso(now),
            "expires_at": _iso(now + timedelta(days=days)), "used_by": None, "used_at": None})
    return code


def redeem_invitation(store: Store, channel: str, chat_id: str | int, code: str, *, name: str = "") -> Account:
    """Use a code: the chat gets the code's role; the code can never be used again."""
    digest = _hash(code or "")
    now = _now()
    with store.db.conn:
        rows = list(store.db.query("select * from invitations where code_hash = ?", [digest]))
        if not rows:
            raise InvalidInvitation("unknown")
        row = rows[0]
        if row["used_at"]:
            raise InvalidInvitation("used")
        if row["expires_at"] and row["expires_at"] < _iso(now):
            raise InvalidInvitation("expired")
        # single use even under concurrent redemptions: only the first update matches
        cur = store.db.execute("update invitations set used_by = ?, used_at = ? where code_hash = ? and used_at is null",
                               [f"{channel}:{chat_id}", _iso(now), digest])
        if cur.rowcount != 1:
            raise InvalidInvitation("used")
    return set_role(store, channel, chat_id, row["role"], name=name, granted_by=row["created_by"] or "")
