"""Who may do what: the one place permissions are decided.

Roles: admins are the chat ids in ADMIN_CHAT_IDS; officials are registered by an admin
(/capquyen) or with a one-time invitation code (/moi, /nhapma); everyone else is a citizen.
Every handler calls ``require(role, action)`` before acting.
"""
from __future__ import annotations

from knowledge import accounts
from knowledge.accounts import ADMIN, CITIZEN, OFFICIAL
from knowledge.errors import PermissionDenied
from knowledge.store import Store

from bot.config import Settings

RANK = {CITIZEN: 0, OFFICIAL: 1, ADMIN: 2}

# action -> the weakest role allowed to do it
ACTIONS: dict[str, str] = {
    "ask": CITIZEN,            # questions, /donvi, /quahan, /sapden, /vanban, buttons that read
    "subscribe": CITIZEN,      # /theodoi, /huytheodoi
    "redeem": CITIZEN,         # /nhapma
    "set_status": OFFICIAL,    # /xong, /tiendo, "Đánh dấu đã xong"
    "upload": OFFICIAL,        # sending a directive file, "Lưu"
    "grant": ADMIN,            # /capquyen
    "invite": ADMIN,           # /moi
}


def role_of(settings: Settings, store: Store, channel: str, user_id: str | int | None) -> str:
    """The role of a person (their user id; in a private chat it is also the chat id)."""
    if user_id is None:
        return CITIZEN
    if str(user_id) in settings.admin_chat_ids:
        return ADMIN
    role = accounts.stored_role(store, channel, user_id)
    return role if role in RANK else CITIZEN


def allowed(role: str, action: str) -> bool:
    needed = ACTIONS[action]  # an unknown action is a programming error
    return RANK.get(role, 0) >= RANK[needed]


def require(role: str, action: str) -> None:
    """Raise PermissionDenied(action) unless ``role`` may do ``action``."""
    if not allowed(role, action):
        raise PermissionDenied(action)
