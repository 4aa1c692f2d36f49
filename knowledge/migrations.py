"""Schema migrations, applied in order and recorded in ``_migrations``.

Append a new function decorated with ``@migration`` to change the schema; never
edit one that has shipped.
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone

import sqlite_utils

Migration = Callable[[sqlite_utils.Database], None]
MIGRATIONS: list[tuple[str, Migration]] = []


def migration(fn: Migration) -> Migration:
    MIGRATIONS.append((fn.__name__, fn))
    return fn


def apply(db: sqlite_utils.Database) -> list[str]:
    """Apply every migration not yet applied; returns the names applied now."""
    db["_migrations"].create({"name": str, "applied_at": str}, pk="name", if_not_exists=True)
    done = {r["name"] for r in db["_migrations"].rows}
    applied = []
    for name, fn in MIGRATIONS:
        if name in done:
            continue
        with db.conn:
            fn(db)
            db["_migrations"].insert({"name": name, "applied_at": datetime.now(timezone.utc).isoformat()})
        applied.append(name)
    return applied


@migration
def m001_core(db: sqlite_utils.Database) -> None:
    db["documents"].create({
        "id": int, "file": str, "sha256": str, "number": str, "kind": str, "issuer": str, "place": str,
        "issued_on": str, "subject": str, "signer": str, "signer_title": str, "recipients": str,
        "warnings": str, "text": str, "ingested_at": str,
    }, pk="id", not_null={"file"})
    db["documents"].create_index(["file"], unique=True)
    db["units"].create({"id": int, "name": str, "folded": str, "scope": str, "kind": str}, pk="id")
    db["units"].create_index(["folded", "scope"], unique=True)
    db["unit_aliases"].create({"alias": str, "unit_id": int}, pk=("alias", "unit_id"),
                              foreign_keys=[("unit_id", "units", "id")])
    db["tasks"].create({
        "id": str, "doc_id": int, "seq": int, "clause": str, "action": str, "folded": str,
        "deadline": str, "deadline_time": str, "recurrence": str, "recurrence_day": int,
        "urgency": str, "target_year": int,
    }, pk="id", foreign_keys=[("doc_id", "documents", "id")])
    db["tasks"].create_index(["doc_id"])
    db["tasks"].create_index(["deadline"])
    db["task_units"].create({"task_id": str, "unit_id": int, "role": str, "written": str, "pos": int},
                            pk=("task_id", "unit_id", "role"),
                            foreign_keys=[("task_id", "tasks", "id"), ("unit_id", "units", "id")])
    db["task_units"].create_index(["unit_id", "role"])
    db["doc_references"].create({"doc_id": int, "pos": int, "number": str, "kind": str, "issued_on": str,
                                 "issuer": str}, pk=("doc_id", "pos"))
    db["passages"].create({"id": int, "doc_id": int, "seq": int, "clause": str, "text": str, "folded": str},
                          pk="id", foreign_keys=[("doc_id", "documents", "id")])
    db["passages"].create_index(["doc_id"])
    db["passages"].enable_fts(["folded"], create_triggers=True, tokenize="unicode61 remove_diacritics 2")
    db["task_status"].create({"task_id": str, "occurrence": str, "status": str, "updated_at": str},
                             pk=("task_id", "occurrence"))
    db["status_history"].create({"id": int, "task_id": str, "occurrence": str, "status": str, "note": str,
                                 "by_chat": str, "by_name": str, "at": str}, pk="id")
    db["status_history"].create_index(["task_id"])


@migration
def m002_task_search(db: sqlite_utils.Database) -> None:
    """Tasks searchable by their folded action text."""
    db["tasks"].enable_fts(["folded"], create_triggers=True, tokenize="unicode61 remove_diacritics 2")



@migration
def m003_units_by_scope(db: sqlite_utils.Database) -> None:
    """Units are looked up by place when a short spelling meets its long form."""
    db["units"].create_index(["scope"], if_not_exists=True)



@migration
def m004_search_vocabularies(db: sqlite_utils.Database) -> None:
    """How many rows hold each word: searches leave out the words nearly every row has."""
    db.execute("CREATE VIRTUAL TABLE IF NOT EXISTS tasks_vocab USING fts5vocab(tasks_fts, 'row')")
    db.execute("CREATE VIRTUAL TABLE IF NOT EXISTS passages_vocab USING fts5vocab(passages_fts, 'row')")


@migration
def m005_search_rows_written_by_store(db: sqlite_utils.Database) -> None:
    """The store indexes a document's tasks and passages with one statement each after inserting
    them (Store.save_document); a trigger per row cost three times as much. Deletes and updates
    still go through the triggers."""
    db.execute("DROP TRIGGER IF EXISTS tasks_ai")
    db.execute("DROP TRIGGER IF EXISTS passages_ai")


@migration
def m006_task_units_covering(db: sqlite_utils.Database) -> None:
    """A unit's tasks are read from the index alone: (unit_id, role, task_id) replaces (unit_id, role).
    Reading a unit named without its place (150-300 units, 6,000-12,000 tasks) looked each row up in
    the table (15-100 ms at 10,000 documents). Same number of indexes, so saving costs about the same."""
    db.execute("DROP INDEX IF EXISTS idx_task_units_unit_id_role")
    db.execute("CREATE INDEX IF NOT EXISTS idx_task_units_unit_id_role_task_id "
               "ON task_units (unit_id, role, task_id)")


@migration
def m007_documents_extractor(db: sqlite_utils.Database) -> None:
    """Which extractor read each document (knowledge.version): documents read by an older one are read
    again from their stored text. Indexed, so finding them does not walk the documents' texts."""
    db.execute("ALTER TABLE documents ADD COLUMN extractor TEXT")
    db.execute("CREATE INDEX IF NOT EXISTS idx_documents_extractor ON documents (extractor)")


# Feature schemas register their own migrations on import, one module each
# (knowledge/accounts_schema.py, knowledge/alerts_schema.py, knowledge/zalo_schema.py).
def _load_feature_schemas() -> None:
    from importlib import import_module

    for name in ("accounts_schema", "alerts_schema", "zalo_schema"):
        try:
            import_module(f"knowledge.{name}")
        except ModuleNotFoundError as e:
            if e.name != f"knowledge.{name}":
                raise


_load_feature_schemas()

