"""The few typed errors of the domain. The shell turns them into Vietnamese messages."""
from __future__ import annotations


class ChidaoError(Exception):
    """Base of every error the domain raises on purpose."""


class UnreadableDocument(ChidaoError):
    """A file could not be read as a directive (binary, empty, undecodable, unsupported)."""

    def __init__(self, path: str, reason: str, hint: str = "") -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason  # short machine key: empty, binary, undecodable, unsupported, needs_ocr, legacy_doc, missing
        self.hint = hint


class UnknownUnit(ChidaoError):
    def __init__(self, name: str, suggestions: tuple[str, ...] = ()) -> None:
        super().__init__(name)
        self.name = name
        self.suggestions = suggestions


class AmbiguousUnit(ChidaoError):
    def __init__(self, name: str, candidates: tuple[str, ...]) -> None:
        super().__init__(name)
        self.name = name
        self.candidates = candidates


class UnknownDocument(ChidaoError):
    """No stored document answers to the number, file name or id given."""

    def __init__(self, ref: str, suggestions: tuple[str, ...] = ()) -> None:
        super().__init__(ref)
        self.name = ref
        self.suggestions = suggestions


class AmbiguousDocument(ChidaoError):
    def __init__(self, ref: str, candidates: tuple[str, ...]) -> None:
        super().__init__(ref)
        self.name = ref
        self.candidates = candidates


class BadDate(ChidaoError):
    def __init__(self, value: str) -> None:
        super().__init__(value)
        self.value = value


class UnknownTask(ChidaoError):
    def __init__(self, task_id: str) -> None:
        super().__init__(task_id)
        self.task_id = task_id


class PermissionDenied(ChidaoError):
    def __init__(self, action: str) -> None:
        super().__init__(action)
        self.action = action
