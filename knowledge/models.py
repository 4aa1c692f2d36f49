"""Domain records: what a directive says, as frozen dataclasses."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

ROLE_LEAD = "chu_tri"        # chủ trì: the unit that must do it
ROLE_COORDINATE = "phoi_hop"  # phối hợp: works with the lead
ROLE_MONITOR = "theo_doi"     # theo dõi, đôn đốc: follows up


@dataclass(frozen=True)
class Reference:
    """A legal document cited by a directive ("Nghị định số 61/2018/NĐ-CP ngày 23/4/2018")."""
    number: str
    kind: str | None = None          # Nghị định, Thông tư, Quyết định, Văn bản, Kế hoạch …
    issued_on: str | None = None     # ISO date
    issuer: str | None = None


@dataclass(frozen=True)
class Task:
    """One assignment: who must do what, with whom, by when."""
    seq: int                                  # order in the document, 1-based
    clause: str                               # "2", "II.3", "1 gạch 4"
    action: str
    assignees: tuple[str, ...]
    coordinators: tuple[str, ...] = ()
    monitors: tuple[str, ...] = ()
    deadline: date | None = None
    deadline_time: str | None = None          # "14:00" when the text names a clock time
    recurrence: str | None = None             # weekly, monthly, quarterly, half_yearly, yearly
    recurrence_day: int | None = None         # "hằng tháng trước ngày 25" -> 25
    urgency: str | None = None                # ngay, khan_truong, thuong_xuyen
    target_year: int | None = None            # "trong năm 2021"


@dataclass(frozen=True)
class Passage:
    """A paragraph of the document, kept for full-text answers."""
    seq: int
    text: str
    clause: str = ""


@dataclass(frozen=True)
class Document:
    file: str                                 # source file name
    sha256: str
    number: str | None
    kind: str | None                          # Công văn, Thông báo, Kế hoạch, Chỉ thị, Quyết định …
    issuer: str | None
    place: str | None                         # the place line: "Sơn Dương"
    issued_on: str | None                     # YYYY-MM-DD, YYYY-MM or YYYY
    subject: str | None
    signer: str | None
    signer_title: str | None = None
    recipients: tuple[str, ...] = ()
    references: tuple[Reference, ...] = ()
    tasks: tuple[Task, ...] = ()
    passages: tuple[Passage, ...] = ()
    warnings: tuple[str, ...] = ()
    text: str = field(default="", repr=False)


@dataclass(frozen=True)
class StoredTask:
    """A task as read back from the store, with its document and status."""
    id: str
    doc_id: int
    doc_file: str
    doc_number: str | None
    doc_kind: str | None
    doc_issuer: str | None
    doc_issued_on: str | None
    clause: str
    action: str
    assignees: tuple[str, ...]
    coordinators: tuple[str, ...]
    monitors: tuple[str, ...]
    deadline: date | None
    deadline_time: str | None
    recurrence: str | None
    recurrence_day: int | None
    urgency: str | None
    status: str                                # chua_thuc_hien, dang_thuc_hien, da_hoan_thanh
