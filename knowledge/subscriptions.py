"""Which chats follow which units, documents, or everything (leaders).

A chat is (channel, chat_id) with the id as a string. Subscribing (again) makes
a chat active; a chat that blocked the bot is marked inactive and gets nothing
until it subscribes again. Names are resolved through ``knowledge.lookup``.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

from knowledge.errors import AmbiguousUnit
from knowledge.lookup import document_label, resolve_document, resolve_unit, unit_label
from knowledge.store import DocumentRow, Store, UnitRow

KIND_UNIT, KIND_DOCUMENT, KIND_ALL = "unit", "document", "all"
CHANNELS = ("telegram", "zalo", "console")


@dataclass(frozen=True)
class Subscription:
    channel: str
    chat_id: str
    kind: str              # unit | document | all
    target: int            # the unit id or document id; 0 for all
    label: str             # "UBND xã Hợp Thành (huyện Sơn Dương)", "Công văn 276/UBND-NV", "" for all
    created_at: str

    @property
    def unit_id(self) -> int | None:
        return self.target if self.kind == KIND_UNIT else None

    @property
    def doc_id(self) -> int | None:
        return self.target if self.kind == KIND_DOCUMENT else None


@dataclass(frozen=True)
class Chat:
    channel: str
    chat_id: str
    active: bool


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _chat(channel: str, chat_id: str | int) -> tuple[str, str]:
    if channel not in CHANNELS:
        raise ValueError(f"unknown channel {channel!r}")
    cid = str(chat_id).strip()
    if not cid:
        raise ValueError("empty chat id")
    return channel, cid


def _one_selector(unit, document, everything: bool) -> None:
    if sum(x is not None for x in (unit, document)) + bool(everything) > 1:
        raise ValueError("give one of unit, document, everything")


def _target(store: Store, unit: str | int | UnitRow | None, document: str | int | DocumentRow | None,
            everything: bool) -> tuple[str, int, str]:
    if everything:
        return KIND_ALL, 0, ""
    if unit is not None:
        u = unit if isinstance(unit, UnitRow) else _unit_by_id(store, unit) if isinstance(unit, int) else \
            resolve_unit(store, unit)
        return KIND_UNIT, u.id, unit_label(u)
    if document is not None:
        d = document if isinstance(document, DocumentRow) else resolve_document(store, document)
        return KIND_DOCUMENT, d.id, document_label(d)
    raise ValueError("give one of unit, document, everything")


def _unit_by_id(store: Store, unit_id: int) -> UnitRow:
    for u in store.units():
        if u.id == unit_id:
            return u
    raise ValueError(f"no unit {unit_id}")


def subscribe(store: Store, channel: str, chat_id: str | int, *, unit: str | int | UnitRow | None = None,
              document: str | int | DocumentRow | None = None, everything: bool = False) -> Subscription:
    """Follow one unit (a name is resolved: AmbiguousUnit / UnknownUnit), one document, or everything.

    Idempotent: subscribing twice returns the existing subscription. Re-activates the chat.
    """
    channel, cid = _chat(channel, chat_id)
    _one_selector(unit, document, everything)
    kind, target, label = _target(store, unit, document, everything)
    now = _now()
    conn = store.db.conn
    with conn:
        conn.execute("insert into alert_chats (channel, chat_id, active, changed_at) values (?, ?, 1, ?) "
                     "on conflict (channel, chat_id) do update set active = 1, changed_at = excluded.changed_at "
                     "where active = 0", (channel, cid, now))
        conn.execute("insert into alert_subscriptions (channel, chat_id, kind, target, label, created_at) "
                     "values (?, ?, ?, ?, ?, ?) on conflict do update set label = excluded.label",
                     (channel, cid, kind, target, label, now))
    row = conn.execute("select created_at from alert_subscriptions where channel = ? and chat_id = ? and kind = ? "
                       "and target = ?", (channel, cid, kind, target)).fetchone()
    return Subscription(channel, cid, kind, target, label, row[0])


def unsubscribe(store: Store, channel: str, chat_id: str | int, *, unit: str | int | UnitRow | None = None,
                document: str | int | DocumentRow | None = None, everything: bool = False) -> int:
    """Stop following a unit or a document; ``everything=True`` (or no unit, document nor everything)
    drops every subscription of the chat, the leaders' "everything" one included. Returns how many went.

    A unit name is first matched against the chat's own subscriptions, so "Phòng Tư pháp" removes the
    one the chat follows even when two districts have one.
    """
    channel, cid = _chat(channel, chat_id)
    _one_selector(unit, document, everything)
    conn = store.db.conn
    if everything or (unit is None and document is None):
        with conn:
            return conn.execute("delete from alert_subscriptions where channel = ? and chat_id = ?",
                                (channel, cid)).rowcount
    if isinstance(unit, str):
        unit = _own_unit(store, channel, cid, unit)
    kind, target, _ = _target(store, unit, document, everything)
    with conn:
        return conn.execute("delete from alert_subscriptions where channel = ? and chat_id = ? and kind = ? "
                            "and target = ?", (channel, cid, kind, target)).rowcount


def _own_unit(store: Store, channel: str, chat_id: str, name: str) -> int:
    """The unit among the chat's subscriptions that ``name`` resolves to, when exactly one does."""
    try:
        return resolve_unit(store, name).id
    except AmbiguousUnit as e:
        own = [s for s in subscriptions_of(store, channel, chat_id) if s.kind == KIND_UNIT and s.label in e.candidates]
        if len(own) == 1:
            return own[0].target
        raise


def subscriptions_of(store: Store, channel: str, chat_id: str | int) -> list[Subscription]:
    channel, cid = _chat(channel, chat_id)
    rows = store.db.conn.execute(
        "select channel, chat_id, kind, target, label, created_at from alert_subscriptions "
        "where channel = ? and chat_id = ? order by case kind when 'all' then 0 when 'unit' then 1 else 2 end, "
        "label, target", (channel, cid)).fetchall()
    return [Subscription(*r) for r in rows]


def mark_inactive(store: Store, channel: str, chat_id: str | int) -> None:
    """The chat blocked the bot or is gone: send it nothing until it subscribes again."""
    channel, cid = _chat(channel, chat_id)
    with store.db.conn as conn:
        conn.execute("insert into alert_chats (channel, chat_id, active, changed_at) values (?, ?, 0, ?) "
                     "on conflict (channel, chat_id) do update set active = 0, changed_at = excluded.changed_at",
                     (channel, cid, _now()))


def chat(store: Store, channel: str, chat_id: str | int) -> Chat | None:
    channel, cid = _chat(channel, chat_id)
    row = store.db.conn.execute("select active from alert_chats where channel = ? and chat_id = ?",
                                (channel, cid)).fetchone()
    return Chat(channel, cid, bool(row[0])) if row else None


def is_active(store: Store, channel: str, chat_id: str | int) -> bool:
    c = chat(store, channel, chat_id)
    return bool(c and c.active)
