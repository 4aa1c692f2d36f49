"""The pure parts of the Telegram channel, permissions and accounts."""
from __future__ import annotations

import logging
import sqlite3

import pytest

from bot.channels.telegram import RateLimit, RedactToken, _safe_name, commands, split_message, strip_html
from bot.config import Settings
from bot.permissions import ACTIONS, allowed, require, role_of
from knowledge import accounts
from knowledge.accounts import ADMIN, CITIZEN, OFFICIAL, InvalidInvitation
from knowledge.errors import PermissionDenied
from knowledge.store import Store
from bot.render import render_template


def test_split_keeps_short_text_whole():
    assert split_message("ngắn") == ["ngắn"]


def test_split_on_line_boundaries():
    lines = [f"dòng {i} " + "a" * 50 for i in range(300)]
    parts = split_message("\n".join(lines), 1000)
    assert all(len(p) <= 1000 for p in parts)
    assert "\n".join(parts) == "\n".join(lines)
    assert all(p.split("\n")[0].startswith("dòng ") for p in parts)


def test_split_a_single_huge_line_without_breaking_entities():
    text = ("chữ &amp; " * 2000).strip()
    parts = split_message(text, 4096)
    assert all(len(p) <= 4096 for p in parts)
    for p in parts:
        assert p.count("&") == p.count("&amp;")


def test_strip_html():
    assert strip_html("<b>Có 2 việc</b> &amp; &lt;x&gt;") == "Có 2 việc & <x>"


def test_safe_name():
    assert _safe_name("../../etc/passwd") == "passwd"
    assert _safe_name("Công văn số 15.docx") == "Công văn số 15.docx"
    assert _safe_name(None) == "van-ban.txt"
    assert _safe_name('a<b>:"c".pdf') == "a_b_c_.pdf"
    assert len(_safe_name("x" * 500 + ".docx")) <= 120 and _safe_name("x" * 500 + ".docx").endswith(".docx")


def test_rate_limit_window():
    limit = RateLimit(2)
    assert [limit.check("a", t) for t in (0, 1, 2, 3)] == ["ok", "ok", "warn", "drop"]
    assert limit.check("b", 3) == "ok"
    assert limit.check("a", 60.5) == "ok"                      # the first event left the window
    assert RateLimit(0).check("a", 0) == "ok"                  # 0 disables the limit


def test_the_token_never_reaches_the_logs():
    token = "123:secret"
    record = logging.LogRecord("telegram.ext.Updater", logging.ERROR, __file__, 1,
                               "POST https://api.telegram.org/bot%s/getUpdates failed", (token,), None)
    RedactToken(token).filter(record)
    assert token not in record.getMessage() and "<token>" in record.getMessage()


def test_commands_menu_from_the_template():
    menu = {c.command: c.description for c in commands()}
    assert len(menu) == 14 and menu["xong"].startswith("Đánh dấu việc đã xong")
    assert all(3 <= len(d) <= 256 for d in menu.values())


@pytest.mark.parametrize("template", ["tg_start.j2", "tg_help.j2"])
@pytest.mark.parametrize("role", [CITIZEN, OFFICIAL, ADMIN])
def test_greeting_and_help_render_for_every_role(template, role):
    text = render_template(template, "telegram", role=role, first_name="<Lan>", user_id=5, group=True, username="bot")
    assert "<Lan>" not in text
    assert ("/capquyen" in text) == (role == ADMIN) or template == "tg_start.j2"


# ---- permissions -------------------------------------------------------------------------------------
def test_require_decides_by_rank():
    require(CITIZEN, "ask")
    require(OFFICIAL, "set_status")
    require(ADMIN, "invite")
    with pytest.raises(PermissionDenied) as e:
        require(CITIZEN, "set_status")
    assert e.value.action == "set_status"
    with pytest.raises(PermissionDenied):
        require(OFFICIAL, "grant")
    assert not allowed(CITIZEN, "upload") and allowed(ADMIN, "upload")
    assert set(ACTIONS) >= {"ask", "set_status", "upload", "grant", "invite", "redeem", "subscribe"}


def test_roles_come_from_settings_and_the_store(tmp_path):
    store = Store(tmp_path / "x.db")
    settings = Settings(admin_chat_ids=frozenset({"1"}))
    assert role_of(settings, store, "telegram", 1) == ADMIN
    assert role_of(settings, store, "telegram", 2) == CITIZEN
    assert role_of(settings, store, "telegram", None) == CITIZEN
    accounts.set_role(store, "telegram", 2, OFFICIAL, granted_by="1")
    assert role_of(settings, store, "telegram", "2") == OFFICIAL
    assert role_of(settings, store, "zalo", 2) == CITIZEN          # roles are per channel
    accounts.set_role(store, "telegram", 2, CITIZEN)
    assert role_of(settings, store, "telegram", 2) == CITIZEN
    with pytest.raises(ValueError):
        accounts.set_role(store, "telegram", 3, ADMIN)              # admins come from the configuration only


# ---- accounts -------------------------------------------------------------------------------------------
def test_chats_are_remembered_and_deactivated(tmp_path):
    store = Store(tmp_path / "x.db")
    a = accounts.seen(store, "telegram", 7, "Lan")
    assert (a.role, a.active, a.name) == (CITIZEN, True, "Lan")
    accounts.set_active(store, "telegram", 7, False)
    assert accounts.account(store, "telegram", 7).active is False
    assert accounts.accounts(store, active_only=True) == []
    assert accounts.seen(store, "telegram", 7, "").active is True   # talking again reactivates, name kept
    assert accounts.account(store, "telegram", "7").name == "Lan"
    assert accounts.account(store, "telegram", 8) is None


def test_invitation_codes_are_hashed_single_use_and_expire(tmp_path):
    store = Store(tmp_path / "x.db")
    code = accounts.create_invitation(store, created_by="telegram:1")
    assert len(code) == 10
    with sqlite3.connect(tmp_path / "x.db") as conn:
        stored = conn.execute("select code_hash from invitations").fetchall()
    assert code not in str(stored)
    assert accounts.redeem_invitation(store, "telegram", 5, f" {code[:5]}-{code[5:].lower()} ").role == OFFICIAL
    with pytest.raises(InvalidInvitation) as e:
        accounts.redeem_invitation(store, "telegram", 6, code)
    assert e.value.reason == "used"
    with pytest.raises(InvalidInvitation) as e:
        accounts.redeem_invitation(store, "telegram", 6, "nope")
    assert e.value.reason == "unknown"
    old = accounts.create_invitation(store, created_by="telegram:1", days=-1)
    with pytest.raises(InvalidInvitation) as e:
        accounts.redeem_invitation(store, "telegram", 6, old)
    assert e.value.reason == "expired"
    assert accounts.stored_role(store, "telegram", 6) == CITIZEN


def test_env_example_lists_every_setting_with_a_comment():
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    config = (root / "bot" / "config.py").read_text(encoding="utf-8")
    names = set(re.findall(r'e(?:\.get\(|\[)"([A-Z_]+)"', config)) | set(re.findall(r'environ(?:\.get\(|\[)"([A-Z_]+)"', config))
    assert {"TELEGRAM_BOT_TOKEN", "TELEGRAM_API_URL", "ADMIN_CHAT_IDS", "CHIDAO_DB", "CHIDAO_DATA_DIR"} <= names
    lines = (root / ".env.example").read_text(encoding="utf-8").splitlines()
    for name in names - {"XDG_DATA_HOME"}:
        i = next((i for i, ln in enumerate(lines) if ln.startswith(f"{name}=")), None)
        assert i is not None, f"{name} missing from .env.example"
        j = i - 1
        while j >= 0 and re.match(r"^[A-Z_]+=", lines[j]):     # a group of settings under one comment
            j -= 1
        assert j >= 0 and lines[j].startswith("#"), f"{name} has no comment"
