"""Which extractor made a stored document: a digest of the modules that turn text into records.

A store keeps, per document, the version of the extractor that read it. When chidao is upgraded,
documents read by an older extractor are read again from their stored text (``knowledge.ingest.
refresh_stale``): an unchanged file is otherwise never extracted again, and the default knowledge
base would keep the old extractor's tasks for good. The digest is taken from the modules' source,
so no one has to remember to bump a number; tests/test_extractor_version.py checks that every
module the extractor imports is listed here.
"""
from __future__ import annotations

import hashlib
from functools import lru_cache
from importlib import metadata
from pathlib import Path

# every module of knowledge/ that extraction (knowledge.extract) or the search forms the store keeps with
# a document's rows (knowledge.terms) depend on. Not the readers: their text is what is stored.
EXTRACTION_MODULES = ("assignees", "dates", "errors", "extract", "metadata", "models", "paragraphs", "tables",
                      "terms", "text", "units")


@lru_cache(maxsize=1)
def extractor_version() -> str:
    """A short digest of the extraction modules' source (or of the installed package's version,
    where the source is not on disk)."""
    digest = hashlib.sha256()
    folder = Path(__file__).parent
    try:
        for name in EXTRACTION_MODULES:
            digest.update(name.encode() + b"\0" + (folder / f"{name}.py").read_bytes())
    except OSError:
        try:
            return "package-" + metadata.version("chidao")
        except metadata.PackageNotFoundError:
            return "unknown"
    return digest.hexdigest()[:16]
