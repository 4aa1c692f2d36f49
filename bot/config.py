"""Settings from the environment or a .env file. Secrets are never logged."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from dotenv import load_dotenv

TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def data_dir() -> Path:
    if os.environ.get("CHIDAO_DATA_DIR"):
        return Path(os.environ["CHIDAO_DATA_DIR"]).expanduser()
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "chidao"


def _ids(value: str | None) -> frozenset[str]:
    return frozenset(x.strip() for x in (value or "").replace(";", ",").split(",") if x.strip())


@dataclass(frozen=True)
class Settings:
    telegram_token: str | None = field(default=None, repr=False)
    telegram_api_url: str = "https://api.telegram.org"
    zalo_token: str | None = field(default=None, repr=False)
    zalo_api_url: str = "https://bot-api.zaloplatforms.com"
    zalo_webhook_secret: str | None = field(default=None, repr=False)
    zalo_webhook_url: str | None = None          # public HTTPS URL Zalo calls; empty: long polling
    zalo_webhook_host: str = "0.0.0.0"
    zalo_webhook_port: int = 8444
    webhook_secret: str | None = field(default=None, repr=False)
    admin_chat_ids: frozenset[str] = frozenset()
    alert_time: str = "07:30"
    due_soon_days: int = 3
    escalate_after_days: int = 3
    rate_limit_per_minute: int = 20
    db_path: Path | None = None

    @property
    def database(self) -> Path:
        return self.db_path or data_dir() / "chidao.db"


def load_settings(env_file: str | Path | None = ".env") -> Settings:
    if env_file and Path(env_file).exists():
        load_dotenv(env_file, override=False)
    e = os.environ
    return Settings(
        telegram_token=e.get("TELEGRAM_BOT_TOKEN") or None,
        telegram_api_url=(e.get("TELEGRAM_API_URL") or "https://api.telegram.org").rstrip("/"),
        zalo_token=e.get("ZALO_BOT_TOKEN") or None,
        zalo_api_url=(e.get("ZALO_API_URL") or "https://bot-api.zaloplatforms.com").rstrip("/"),
        zalo_webhook_secret=e.get("ZALO_WEBHOOK_SECRET") or None,
        zalo_webhook_url=e.get("ZALO_WEBHOOK_URL") or None,
        zalo_webhook_host=e.get("ZALO_WEBHOOK_HOST") or "0.0.0.0",
        zalo_webhook_port=int(e.get("ZALO_WEBHOOK_PORT") or 8444),
        webhook_secret=e.get("TELEGRAM_WEBHOOK_SECRET") or None,
        admin_chat_ids=_ids(e.get("ADMIN_CHAT_IDS")),
        alert_time=e.get("ALERT_TIME") or "07:30",
        due_soon_days=int(e.get("DUE_SOON_DAYS") or 3),
        escalate_after_days=int(e.get("ESCALATE_AFTER_DAYS") or 3),
        rate_limit_per_minute=int(e.get("RATE_LIMIT_PER_MINUTE") or 20),
        db_path=Path(e["CHIDAO_DB"]).expanduser() if e.get("CHIDAO_DB") else None,
    )
