"""Helpers shared by the alerts tests (no tests here): small stores, an injected clock, a fake Sender."""
from __future__ import annotations

import asyncio
import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from knowledge.models import Document, Task
from knowledge.store import Store
from knowledge.units import UnitRegistry

from bot.config import TZ
from bot.delivery import ChatGone, DeliveryError, OutMessage

ISSUER = "UBND huyện Thử Nghiệm"


def task(seq: int, action: str, assignees: tuple[str, ...], *, deadline: date | None = None,
         monitors: tuple[str, ...] = (), coordinators: tuple[str, ...] = (), recurrence: str | None = None,
         recurrence_day: int | None = None) -> Task:
    return Task(seq=seq, clause=str(seq), action=action, assignees=assignees, coordinators=coordinators,
                monitors=monitors, deadline=deadline, recurrence=recurrence, recurrence_day=recurrence_day)


def add_document(store: Store, tasks: list[Task], *, file: str = "thu-nghiem.md", number: str | None = "12/UBND-VP",
                 issuer: str = ISSUER, issued_on: str = "2024-01-02") -> int:
    doc = Document(file=file, sha256=hashlib.sha256(repr(tasks).encode()).hexdigest(), number=number,
                   kind="Công văn", issuer=issuer, place="Thử Nghiệm", issued_on=issued_on,
                   subject="Về việc thử nghiệm", signer="Nguyễn Văn A", tasks=tuple(tasks))
    return store.save_document(doc, UnitRegistry())


def sample_store(path: Path) -> Store:
    """Three tasks of one district: a report due 10/03/2024, a plan due 20/03/2024, a monthly report
    "hằng tháng trước ngày 25"; Phòng Nội vụ follows them all up."""
    store = Store(path)
    add_document(store, [
        task(1, "Báo cáo kết quả thực hiện cải cách hành chính quý I", ("Phòng Tư pháp",),
             deadline=date(2024, 3, 10), monitors=("Phòng Nội vụ",)),
        task(2, "Xây dựng kế hoạch chuyển đổi số", ("Phòng Văn hóa và Thông tin",), coordinators=("Phòng Tư pháp",),
             deadline=date(2024, 3, 20), monitors=("Phòng Nội vụ",)),
        task(3, "Báo cáo tình hình tiếp công dân", ("UBND xã Hòa Bình",), recurrence="monthly", recurrence_day=25,
             monitors=("Phòng Nội vụ",)),
    ])
    return store


@dataclass
class FakeClock:
    """Wall clock in Asia/Ho_Chi_Minh that only moves when told (or when the scheduler sleeps)."""
    now: datetime

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)

    async def sleep(self, seconds: float, stop: asyncio.Event) -> None:
        self.now += timedelta(seconds=max(seconds, 0.001))
        await asyncio.sleep(0)


def at(y: int, m: int, d: int, hh: int = 0, mm: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=TZ)


@dataclass
class FakeSender:
    """The Sender port in memory: records messages; some chats are gone, some fail, some raise a bug."""
    channel: str = "telegram"
    gone: set[str] = field(default_factory=set)
    failing: set[str] = field(default_factory=set)
    broken: set[str] = field(default_factory=set)
    sent: list[OutMessage] = field(default_factory=list)
    attempts: list[str] = field(default_factory=list)

    async def send(self, message: OutMessage) -> None:
        cid = message.chat.id
        self.attempts.append(cid)
        if cid in self.gone:
            raise ChatGone("Forbidden: bot was blocked by the user")
        if cid in self.failing:
            raise DeliveryError("network down")
        if cid in self.broken:
            raise RuntimeError("a bug in a channel")
        self.sent.append(message)

    def to(self, chat_id: str) -> list[OutMessage]:
        return [m for m in self.sent if m.chat.id == chat_id]
