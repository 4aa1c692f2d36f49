"""Opening the knowledge base: the given file, or the default one built from the bundled directives."""
from __future__ import annotations

from pathlib import Path

from knowledge.corpus import corpus_files
from knowledge.ingest import ingest_paths, refresh_stale
from knowledge.store import Store

from bot.config import data_dir


def default_db_path() -> Path:
    return data_dir() / "chidao.db"


def open_store(db: str | Path | None) -> Store:
    """The store at ``db``; with none, the default database, seeded with the bundled directives.
    Documents an older version of chidao read are read again from their stored text."""
    store = Store(db or default_db_path())
    if not db and not store.db.conn.execute("select 1 from documents limit 1").fetchone():
        ingest_paths(store, corpus_files())
    refresh_stale(store)
    return store
