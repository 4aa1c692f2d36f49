"""Opening the knowledge base: the given file, or the default one built from the bundled directives."""
from __future__ import annotations

from pathlib import Path

from knowledge.corpus import corpus_files
from knowledge.ingest import ingest_paths
from knowledge.store import Store

from bot.config import data_dir


def default_db_path() -> Path:
    return data_dir() / "chidao.db"


def open_store(db: str | Path | None) -> Store:
    """The store at ``db``; with none, the default database, seeded with the bundled directives."""
    if db:
        return Store(db)
    path = default_db_path()
    store = Store(path)
    if not store.documents():
        ingest_paths(store, corpus_files())
    return store
