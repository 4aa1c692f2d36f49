"""Turn a file into directive text. One small module per format.

Every reader returns NFC text laid out like the sample Markdown directives:
paragraphs separated by blank lines, tables as Markdown pipe tables, footnotes
kept as text. The extractor only ever sees that text.
"""
from __future__ import annotations

from importlib import import_module
from pathlib import Path

from knowledge.errors import UnreadableDocument
from knowledge.text import nfc

# suffix -> module in this package that has ``read(path: Path) -> str``
READERS: dict[str, str] = {
    ".txt": "plain",
    ".md": "plain",
    ".markdown": "plain",
    ".docx": "docx",
    ".pdf": "pdf",
}
LEGACY = {".doc": "legacy_doc", ".rtf": "unsupported", ".odt": "unsupported"}


def supported(path: Path) -> bool:
    return path.suffix.lower() in READERS


def read_document(path: Path) -> str:
    """The text of a directive file, or UnreadableDocument naming what is wrong."""
    suffix = path.suffix.lower()
    if not path.exists():
        raise UnreadableDocument(str(path), "missing")
    if suffix in LEGACY or suffix not in READERS:
        raise UnreadableDocument(path.name, LEGACY.get(suffix, "unsupported"))
    module = import_module(f"knowledge.readers.{READERS[suffix]}")
    text = nfc(module.read(path))
    if not text.strip():
        raise UnreadableDocument(path.name, "empty")
    return text
