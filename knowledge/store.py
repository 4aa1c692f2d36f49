"""The SQLite knowledge base (one file, through sqlite-utils)."""
from __future__ import annotations

import json
import re
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path

import sqlite_utils
from rapidfuzz import fuzz

from knowledge import migrations
from knowledge.errors import UnknownTask
from knowledge.models import Document, StoredTask
from knowledge.text import fold
from knowledge.terms import defined_abbreviations, item_search_form, search_form, with_long_forms
from knowledge.units import UnitRegistry, acronym_key, squeeze_acronyms, unit_key, without_place_word
from knowledge.version import extractor_version

STATUS_TODO = "chua_thuc_hien"
STATUS_DOING = "dang_thuc_hien"
STATUS_DONE = "da_hoan_thanh"
STATUSES = (STATUS_TODO, STATUS_DOING, STATUS_DONE)
SEARCH_MEMO = 256      # full-text search results kept (see Store._searched)
COMMON_SHARE = 0.05    # a word held by more than this share of the rows is common (see Store.search_words) ...
COMMON_MIN_ROWS = 2000  # ... in a store of at least this many rows (smaller stores search every word)
COMMON_RANKED = 2000   # a search whose every word is common ranks only this many of the newest matches
_PLAIN_WORD = re.compile(r"[a-z0-9]+")   # a word the full-text tokenizer keeps whole (no '%', ',', '.')


@dataclass(frozen=True)
class DocumentRow:
    id: int
    file: str
    sha256: str
    number: str | None
    kind: str | None
    issuer: str | None
    place: str | None
    issued_on: str | None
    subject: str | None
    signer: str | None
    signer_title: str | None
    recipients: tuple[str, ...]


@dataclass(frozen=True)
class TaskHead:
    """The light part of a task row: what ranking and paging need."""
    id: str
    doc_id: int
    seq: int
    folded: str | None


@dataclass(frozen=True)
class UnitRow:
    id: int
    name: str
    scope: str
    kind: str


def _insert_sql(table: str, columns: tuple[str, ...], *, ignore: bool = False) -> str:
    return (f"insert {'or ignore ' if ignore else ''}into [{table}] ({', '.join(f'[{c}]' for c in columns)}) "
            f"values ({', '.join('?' * len(columns))})")


# the rows save_document writes, as tuples in these columns' order
_DOCUMENT_COLUMNS = ("file", "sha256", "number", "kind", "issuer", "place", "issued_on", "subject", "signer",
                     "signer_title", "recipients", "warnings", "text", "ingested_at", "extractor")
_INSERT_DOCUMENT = _insert_sql("documents", _DOCUMENT_COLUMNS)
_UPDATE_DOCUMENT = f"update documents set {', '.join(f'[{c}] = ?' for c in _DOCUMENT_COLUMNS)} where id = ?"
_INSERT_TASK = _insert_sql("tasks", ("id", "doc_id", "seq", "clause", "action", "folded", "deadline", "deadline_time",
                                     "recurrence", "recurrence_day", "urgency", "target_year"))
_INSERT_TASK_UNIT = _insert_sql("task_units", ("task_id", "unit_id", "role", "written", "pos"), ignore=True)
_INSERT_REFERENCE = _insert_sql("doc_references", ("doc_id", "pos", "number", "kind", "issued_on", "issuer"))
_INSERT_PASSAGE = _insert_sql("passages", ("doc_id", "seq", "clause", "text", "folded"))


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class Store:
    """Documents, units, tasks and their status in one SQLite file."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite_utils.Database(self.path)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA foreign_keys=ON")
        self.db.execute("PRAGMA busy_timeout=5000")
        migrations.apply(self.db)
        self._version = 0          # bumped by every write to documents or units through this store
        self._stamp: tuple | None = None
        # (written, scope) -> unit id, for the registry last used (units are never deleted)
        self._unit_registry: UnitRegistry | None = None
        self._unit_ids: dict[tuple[str, str], int] = {}
        self._unindexed: list[int] | None = None   # in bulk(): documents saved but not yet in the FTS indexes
        self._search_memo: dict[tuple, list] = {}
        self._held_memo: dict[tuple[str, str, int], int] = {}   # (table, word, cap) -> rows holding it (see _rows_holding)
        self._row_totals: dict[str, int] = {}                    # table -> its row count (see _row_total)
        self._search_seen: tuple | None = None

    def close(self) -> None:
        self.db.close()

    # ---- documents -------------------------------------------------------
    def document_sha(self, file: str) -> str | None:
        row = self.db.conn.execute("select sha256 from documents where file = ?", (file,)).fetchone()
        return row[0] if row else None

    def is_current(self, file: str, sha256: str) -> bool:
        """The file is stored with this digest and was read by this version of the extractor."""
        row = self.db.conn.execute("select sha256, extractor from documents where file = ?", (file,)).fetchone()
        return row is not None and row[0] == sha256 and row[1] == extractor_version()

    def stale_documents(self) -> Iterator[tuple[str, str, str]]:
        """(file, sha256, text) of each document an older extractor read, one at a time."""
        ids = [r[0] for r in self.db.conn.execute(
            "select id from documents where extractor is null or extractor != ? order by id", (extractor_version(),))]
        for doc_id in ids:
            row = self.db.conn.execute("select file, sha256, text from documents where id = ?", (doc_id,)).fetchone()
            if row:
                yield row[0], row[1], row[2] or ""

    def save_document(self, doc: Document, registry: UnitRegistry) -> int:
        """Insert or replace one document with its tasks, units, references and passages.

        One transaction (one commit) per document; rows go in through prepared statements,
        not per-call sqlite-utils inserts (those look the schema up each time).
        """
        try:
            with self.db.atomic():
                return self._save_document(doc, registry)
        except BaseException:
            self._unit_ids.clear()   # ids made inside a rolled-back transaction are gone
            raise
        finally:
            self._version += 1       # change_stamp looks again

    @contextmanager
    def bulk(self, max_documents: int = 64, max_seconds: float = 0.5) -> Iterator[Callable[[], None]]:
        """Many saves in few transactions: yields ``saved()``, to call after each document, which
        commits once ``max_documents`` are pending or ``max_seconds`` have passed. Each document is
        still all or nothing (save_document nests a savepoint), and what was saved before an error
        or an interrupt is committed on the way out. The full-text rows of the pending documents
        go in together just before each commit. Against a commit and an index insert per
        document, this halves the cost of saving."""
        conn = self.db.conn
        pending, since = 0, time.monotonic()

        def saved() -> None:
            nonlocal pending, since
            pending += 1
            if pending >= max_documents or time.monotonic() - since >= max_seconds:
                self._index_pending()
                conn.execute("COMMIT")
                conn.execute("BEGIN")
                pending, since = 0, time.monotonic()

        conn.execute("BEGIN")
        self._unindexed = []
        try:
            yield saved
        finally:
            if conn.in_transaction:
                self._index_pending()
                conn.execute("COMMIT")
            self._unindexed = None

    def _index_pending(self) -> None:
        if self._unindexed:
            self._index_search_rows(*self._unindexed)
            self._unindexed.clear()

    def _save_document(self, doc: Document, registry: UnitRegistry) -> int:
        conn = self.db.conn   # prepared statements and tuples: a dict per row cost more than the inserts
        existing = conn.execute("select id from documents where file = ?", (doc.file,)).fetchone()
        record = (doc.file, doc.sha256, doc.number, doc.kind, doc.issuer, doc.place, doc.issued_on, doc.subject,
                  doc.signer, doc.signer_title, json.dumps(list(doc.recipients), ensure_ascii=False),
                  json.dumps(list(doc.warnings), ensure_ascii=False), doc.text, _now(), extractor_version())
        replaced: list[tuple[str, str | None, str | None]] = []
        if existing:
            doc_id = existing[0]
            replaced = conn.execute("select id, clause, action from tasks where doc_id = ?", (doc_id,)).fetchall()
            self._index_pending()   # the delete triggers take rows out of the index: they must be in it
            self._delete_children(doc_id)
            conn.execute(_UPDATE_DOCUMENT, (*record, doc_id))
        else:
            doc_id = conn.execute(_INSERT_DOCUMENT, record).lastrowid
        scope = registry.scope_of(doc)
        forms: dict[str, str] = {}   # a task's action is often a whole passage: its search form is made once

        # the document's own abbreviations ("chất thải rắn sinh hoạt (CTRSH)"): its texts are found by both
        abbreviations = defined_abbreviations(doc.text) if "(" in doc.text else {}

        def form(text: str) -> str:
            found = forms.get(text)
            if found is None:
                found = search_form(text)
                found = forms[text] = with_long_forms(found, abbreviations) if abbreviations else found
            return found

        def passage_form(text: str) -> str:
            """A passage keeps its item marker ("1. …"): its body's form is often made already."""
            found = forms.get(text)
            if found is None:
                found = item_search_form(text, form)
                found = forms[text] = with_long_forms(found, abbreviations) if abbreviations else found
            return found

        conn.executemany(_INSERT_TASK, [
            (task_id(doc_id, t.seq), doc_id, t.seq, t.clause, t.action, form(t.action),
             t.deadline.isoformat() if t.deadline else None, t.deadline_time, t.recurrence, t.recurrence_day,
             t.urgency, t.target_year) for t in doc.tasks])
        links = []
        for task in doc.tasks:
            tid = task_id(doc_id, task.seq)
            for role, names in (("chu_tri", task.assignees), ("phoi_hop", task.coordinators),
                                ("theo_doi", task.monitors)):
                for pos, name in enumerate(names):
                    links.append((tid, self.ensure_unit(registry, name, scope), role, name, pos))
        conn.executemany(_INSERT_TASK_UNIT, links)
        conn.executemany(_INSERT_REFERENCE, [(doc_id, i, r.number, r.kind, r.issued_on, r.issuer)
                                             for i, r in enumerate(doc.references)])
        conn.executemany(_INSERT_PASSAGE, [(doc_id, p.seq, p.clause, p.text, passage_form(p.text))
                                           for p in doc.passages])
        if replaced:
            self._carry_task_records(replaced, [(task_id(doc_id, t.seq), t.clause, t.action) for t in doc.tasks])
        if self._unindexed is not None:
            self._unindexed.append(doc_id)   # indexed with the others of the batch, before the commit
        else:
            self._index_search_rows(doc_id)
        return doc_id

    def _index_search_rows(self, *doc_ids: int) -> None:
        """Documents' tasks and passages into the full-text indexes: one statement per index
        (migration m005 removed the per-row insert triggers, which cost three times as much)."""
        marks = ",".join("?" * len(doc_ids))
        for table in ("tasks", "passages"):
            self.db.conn.execute(f"insert into {table}_fts (rowid, folded) "
                                 f"select rowid, folded from {table} where doc_id in ({marks})", list(doc_ids))

    def _carry_task_records(self, old: list[tuple[str, str | None, str | None]],
                            new: list[tuple[str, str | None, str | None]]) -> None:
        """A replaced document's task statuses, their history and the alerts already sent go with the
        same tasks of its new reading (a task keeps its record when its order in the document moves).
        A task no longer found keeps its records under a retired id (``3.5~gone``): nothing is lost,
        and a different task that now has its number does not inherit them."""
        tables = [t for t in _TASK_RECORD_TABLES if self._has_table(t)]
        ids = [tid for tid, _, _ in old]
        marks = ",".join("?" * len(ids))
        if not any(self.db.conn.execute(f"select 1 from {t} where task_id in ({marks}) limit 1", ids).fetchone()
                   for t in tables):
            return
        moves = match_tasks(old, new)
        moves.update({tid: f"{tid}~gone" for tid in ids if tid not in moves})
        moves = {a: b for a, b in moves.items() if a != b}
        conn = self.db.conn
        for table in tables:   # through a prefix no id has, so that swapped ids never meet
            conn.executemany(f"update or replace {table} set task_id = ? where task_id = ?",
                             [("moving:" + b, a) for a, b in moves.items()])
            conn.execute(f"update or replace {table} set task_id = substr(task_id, 8) "
                         f"where substr(task_id, 1, 7) = 'moving:'")

    def _has_table(self, name: str) -> bool:
        return self.db.conn.execute("select 1 from sqlite_master where type = 'table' and name = ?",
                                    (name,)).fetchone() is not None

    def _delete_children(self, doc_id: int) -> None:
        self.db.execute("delete from task_units where task_id in (select id from tasks where doc_id = ?)", [doc_id])
        self.db.execute("delete from tasks where doc_id = ?", [doc_id])
        self.db.execute("delete from doc_references where doc_id = ?", [doc_id])
        self.db.execute("delete from passages where doc_id = ?", [doc_id])

    def documents(self) -> list[DocumentRow]:
        return [self._doc_row(r) for r in self.db.query("select * from documents order by id")]

    def document(self, doc_id: int) -> DocumentRow:
        return self._doc_row(next(self.db.query("select * from documents where id = ?", [doc_id])))

    @staticmethod
    def _doc_row(r: dict) -> DocumentRow:
        return DocumentRow(
            id=r["id"], file=r["file"], sha256=r["sha256"], number=r["number"], kind=r["kind"], issuer=r["issuer"],
            place=r["place"], issued_on=r["issued_on"], subject=r["subject"], signer=r["signer"],
            signer_title=r["signer_title"], recipients=tuple(json.loads(r["recipients"] or "[]")))

    def has_alias_starting(self, prefix: str) -> bool:
        """Whether some unit has an alias (a unit key) that begins with ``prefix`` (an index range scan)."""
        return self.db.conn.execute("select 1 from unit_aliases where alias >= ? and alias < ? limit 1",
                                    [prefix, prefix + "\uffff"]).fetchone() is not None

    def citations_of(self, numbers: list[str]) -> list[tuple[int, str, str | None]]:
        """(citing document id, number as cited, date as cited) for every citation of these numbers."""
        if not numbers:
            return []
        sql = f"select doc_id, number, issued_on from doc_references where number in ({','.join('?' * len(numbers))})"
        return [tuple(r) for r in self.db.conn.execute(sql, numbers)]

    def references(self, doc_id: int) -> list[dict]:
        return list(self.db.query("select * from doc_references where doc_id = ? order by pos", [doc_id]))

    def passages(self, doc_id: int | None = None) -> list[dict]:
        if doc_id is None:
            return list(self.db.query("select * from passages order by doc_id, seq"))
        return list(self.db.query("select * from passages where doc_id = ? order by seq", [doc_id]))

    def search_passages(self, fts_query: str, limit: int = 20) -> list[dict]:
        """Passages for a full-text query, best (bm25) first. Only the rowids are ranked; the
        passage rows are read for the ``limit`` kept, not for every match."""
        sql = ("select p.*, r.rank from (select rowid, bm25(passages_fts) as rank from passages_fts "
               "where passages_fts match ? order by rank limit ?) r join passages p on p.rowid = r.rowid "
               "order by r.rank")
        return [dict(r) for r in self._searched(("passages", fts_query, limit), lambda: self._dicts(sql, [fts_query, limit]))]

    def _searched(self, key: tuple, search):
        """A full-text search's result, kept until the searched text changes: ranking a word that
        thousands of rows share costs 100-300 ms at 10,000 documents, and questions repeat their
        words ("ubnd", "bao cao"). The passages and task texts change only when documents do: this
        store's own writes (``_version``) or another connection's commits (``data_version``)."""
        self._forget_if_changed()
        memo = self._search_memo
        if key in memo:
            memo[key] = memo.pop(key)        # most recently used last
            return memo[key]
        found = search()
        if len(memo) >= SEARCH_MEMO:
            del memo[next(iter(memo))]
        memo[key] = found
        return found

    def forget_searches(self) -> None:
        """Drop every remembered search ranking (the answer benchmark's --no-memo). The row totals and
        per-word row counts are kept: they are catalogue data, which changes only with the texts
        (``_forget_if_changed`` drops them then), not rankings."""
        self._search_memo.clear()

    def _state(self) -> tuple[int, int]:
        """Changes whenever the file may have: this store's own writes (``_version``) or another
        connection's commits (``PRAGMA data_version``)."""
        return self.db.conn.execute("pragma data_version").fetchone()[0], self._version

    def _forget_if_changed(self) -> None:
        """Drop remembered searches and word counts when the texts may have changed."""
        seen = self._state()
        if self._search_seen != seen:
            self._search_memo.clear()
            self._held_memo.clear()
            self._row_totals.clear()
            self._search_seen = seen

    def _dicts(self, sql: str, params: list) -> list[dict]:
        cur = self.db.conn.execute(sql, params)
        cols = [c[0] for c in cur.description]
        return [dict(zip(cols, row)) for row in cur]

    # ---- units -----------------------------------------------------------
    def ensure_unit(self, registry: UnitRegistry, written: str, scope: str) -> int:
        """The unit a name stands for in a scope, created on first sight. 'Phòng TN&MT' and
        'Phòng Tài nguyên và Môi trường' of one place are one unit (named by the long form)."""
        if registry is not self._unit_registry:
            self._unit_registry, self._unit_ids = registry, {}
        cached = self._unit_ids.get((written, scope))
        if cached is not None:   # ids never change (a unit may be renamed, not renumbered)
            return cached
        self._version += 1
        canon = registry.canonical(written)
        unit_scope = "" if registry.is_global(canon.name) else scope
        folded = fold(canon.name)
        conn = self.db.conn   # plain prepared statements: sqlite-utils would look the schema up and open a savepoint
        row = conn.execute("select id from units where folded = ? and scope = ?", [folded, unit_scope]).fetchone()
        if row:
            # its aliases are in already: they depend on the folded name only (UnitRegistry.aliases goes
            # through unit_key), and were inserted when the unit was created or renamed to this name
            unit_id = row[0]
        else:
            unit_id = self._same_unit_other_spelling(canon.name, unit_scope)
            if unit_id is None:
                unit_id = conn.execute("insert into units (name, folded, scope, kind) values (?, ?, ?, ?)",
                                       [canon.name, folded, unit_scope, canon.kind]).lastrowid
            conn.executemany("insert or ignore into unit_aliases (alias, unit_id) values (?, ?)",
                             [(a, unit_id) for a in registry.aliases(canon.name, unit_scope)])
        if len(self._unit_ids) >= 8192:   # bounded: memory stays flat over a large ingest
            self._unit_ids.clear()
        self._unit_ids[(written, scope)] = unit_id
        return unit_id

    def _same_unit_other_spelling(self, name: str, scope: str) -> int | None:
        key = unit_key(name)
        short = squeeze_acronyms(key)
        conn = self.db.conn
        if short != key:   # written short: a unit of this scope whose long name shortens to it
            row = conn.execute("select u.id from unit_aliases a join units u on u.id = a.unit_id "
                               "where a.alias = ? and u.scope = ? limit 1", [short, scope]).fetchone()
            return row[0] if row else None
        acronym = acronym_key(key)
        if acronym is None:   # written short in one word ("Sở GTVT", "Phòng TNMT tỉnh"): the unit whose long name shortens to it
            bare = without_place_word(key)   # "so gtvt tinh" -> "so gtvt"
            candidates = conn.execute("select u.id, u.name from unit_aliases a join units u on u.id = a.unit_id "
                                      "where a.alias = ? and u.scope = ? order by u.id", [bare, scope])
            for unit_id, unit_name in candidates.fetchall():
                if acronym_key(unit_key(unit_name)) == bare:
                    return unit_id
            return None
        if acronym:       # written long: a unit of this scope written short before takes the long name
            # every unit carries the squeezed form of its own key among its aliases, so the candidates
            # are the units of this scope with that alias (not every unit of the scope)
            candidates = conn.execute("select u.id, u.name from unit_aliases a join units u on u.id = a.unit_id "
                                      "where a.alias = ? and u.scope = ? order by u.id", [acronym, scope])
            for unit_id, unit_name in candidates.fetchall():
                if squeeze_acronyms(unit_key(unit_name)) == acronym and unit_key(unit_name) != key:
                    conn.execute("update units set name = ?, folded = ? where id = ?", [name, fold(name), unit_id])
                    return unit_id
        return None

    def units(self) -> list[UnitRow]:
        return [UnitRow(r["id"], r["name"], r["scope"], r["kind"]) for r in self.db.query("select * from units order by id")]

    def unit_aliases(self) -> list[tuple[str, int]]:
        return [(r["alias"], r["unit_id"]) for r in self.db.query("select alias, unit_id from unit_aliases")]

    # ---- tasks -----------------------------------------------------------
    _TASK_SQL = """
        select t.*, d.file as doc_file, d.number as doc_number, d.kind as doc_kind, d.issuer as doc_issuer,
               d.issued_on as doc_issued_on, coalesce(s.status, 'chua_thuc_hien') as status
        from tasks t join documents d on d.id = t.doc_id
        left join task_status s on s.task_id = t.id and s.occurrence = ''
    """

    def tasks(self, doc_id: int | None = None, ids: Iterable[str] | None = None) -> list[StoredTask]:
        where, params = [], []
        if doc_id is not None:
            where.append("t.doc_id = ?")
            params.append(doc_id)
        if ids is not None:
            ids = list(dict.fromkeys(ids))
            if not ids:
                return []
            if len(ids) > 900:   # SQLite caps bound variables (32,766): ask in chunks, merge in order
                rows = [r for i in range(0, len(ids), 900) for r in self._task_rows_where(
                    where + [f"t.id in ({','.join('?' * len(ids[i:i + 900]))})"], params + ids[i:i + 900])]
                rows.sort(key=lambda r: (r["doc_id"], r["seq"]))
                links = self._links([r["id"] for r in rows])
                return [self._stored_task(r, links.get(r["id"], {})) for r in rows]
            where.append(f"t.id in ({','.join('?' * len(ids))})")
            params.extend(ids)
        rows = self._task_rows_where(where, params)
        links = self._links([r["id"] for r in rows])
        return [self._stored_task(r, links.get(r["id"], {})) for r in rows]

    def _task_rows_where(self, where: list[str], params: list) -> list[sqlite3.Row]:
        sql = self._TASK_SQL + (" where " + " and ".join(where) if where else "") + " order by t.doc_id, t.seq"
        return self._rows(sql, params)

    def _rows(self, sql: str, params: list) -> list[sqlite3.Row]:
        """Rows read by column name, straight from the connection (sqlite-utils builds a dict per row)."""
        cur = self.db.conn.cursor()
        cur.row_factory = sqlite3.Row
        return cur.execute(sql, params).fetchall()

    def search_texts(self, ids: Iterable[str]) -> dict[str, str]:
        """task id -> its search text (search_form of the action, stored at ingest)."""
        ids = list(ids)
        out: dict[str, str] = {}
        for i in range(0, len(ids), 900):
            part = ids[i:i + 900]
            out.update(self.db.execute(f"select id, folded from tasks where id in ({','.join('?' * len(part))})",
                                       part).fetchall())
        return out

    def task(self, tid: str) -> StoredTask:
        found = self.tasks(ids=[tid])
        if not found:
            raise UnknownTask(tid)
        return found[0]

    def tasks_of_units(self, unit_ids: Iterable[int], roles: Iterable[str] = ("chu_tri", "phoi_hop", "theo_doi")) -> dict[str, set[str]]:
        """task id -> the roles the given units have in it."""
        unit_ids, roles = list(unit_ids), list(roles)
        if not unit_ids:
            return {}
        sql = (f"select task_id, role from task_units where unit_id in ({','.join('?' * len(unit_ids))}) "
               f"and role in ({','.join('?' * len(roles))})")
        out: dict[str, set[str]] = {}
        get = out.get
        for task, role in self.db.conn.execute(sql, unit_ids + roles):   # 6,000 rows for a busy unit:
            have = get(task)                                             # no throwaway set per row
            if have is None:
                out[task] = {role}
            else:
                have.add(role)
        return out

    def units_in_tasks(self, unit_ids: Iterable[int], task_ids: Iterable[str]) -> set[int]:
        """Which of these units have a part in any of these tasks."""
        unit_ids, task_ids = list(unit_ids), list(task_ids)
        if not unit_ids or not task_ids:
            return set()
        sql = (f"select distinct unit_id from task_units where unit_id in ({','.join('?' * len(unit_ids))}) "
               f"and task_id in ({','.join('?' * len(task_ids))})")
        return {row[0] for row in self.db.conn.execute(sql, unit_ids + task_ids)}

    def unit_texts_holding(self, unit_ids: Iterable[int], roles: Iterable[str], words: list[str]) -> dict[str, str]:
        """task id -> search text, for the tasks of these units (in ``roles``) whose search text holds
        any of ``words`` (plain words: letters and digits), found through the full-text index. Ranking a
        unit's 6,000 tasks by topic read every text before (60-80 ms at 10,000 documents); this reads
        the unit's (task, rowid) pairs from two indexes and only the texts that hold a word."""
        unit_ids, roles = list(unit_ids), list(roles)
        words = list(dict.fromkeys(words))
        if not unit_ids or not roles or not words:
            return {}
        sql = (f"select t.id, t.folded from task_units tu join tasks t on t.id = tu.task_id "
               f"where tu.unit_id in ({','.join('?' * len(unit_ids))}) and tu.role in ({','.join('?' * len(roles))}) "
               f"and t.rowid in (select rowid from tasks_fts where tasks_fts match ?)")
        query = " OR ".join(f'"{w}"' for w in words)
        return dict(self.db.conn.execute(sql, unit_ids + roles + [query]).fetchall())

    def has_tasks(self, unit_id: int, roles: Iterable[str] = ("chu_tri", "phoi_hop", "theo_doi")) -> bool:
        """Whether any task names this unit in one of ``roles``."""
        roles = list(roles)
        sql = f"select 1 from task_units where unit_id = ? and role in ({','.join('?' * len(roles))}) limit 1"
        return self.db.conn.execute(sql, [unit_id, *roles]).fetchone() is not None

    def units_with_tasks(self, unit_ids: Iterable[int], roles: Iterable[str] = ("chu_tri", "phoi_hop", "theo_doi")) -> set[int]:
        """The units among ``unit_ids`` that some task names in one of ``roles`` (``has_tasks`` of many)."""
        unit_ids, roles = list(unit_ids), list(roles)
        out: set[int] = set()
        for i in range(0, len(unit_ids), 900):
            part = unit_ids[i:i + 900]
            out.update(r[0] for r in self.db.conn.execute(
                f"select id from units where id in ({','.join('?' * len(part))}) and exists (select 1 from "
                f"task_units tu where tu.unit_id = units.id and tu.role in ({','.join('?' * len(roles))}))",
                part + roles))
        return out

    def task_heads(self, ids: Iterable[str]) -> list[TaskHead]:
        """(id, document, order, search text) of these tasks, in document then clause order: enough to
        filter, rank and page thousands of tasks before loading the page shown with ``tasks(ids=…)``."""
        ids = list(dict.fromkeys(ids))
        rows: list[TaskHead] = []
        for i in range(0, len(ids), 900):
            part = ids[i:i + 900]
            rows.extend(TaskHead(*r) for r in self.db.conn.execute(
                f"select t.id, t.doc_id, t.seq, t.folded from tasks t join documents d on d.id = t.doc_id "
                f"where t.id in ({','.join('?' * len(part))})", part))
        rows.sort(key=lambda h: (h.doc_id, h.seq))
        return rows

    def coordinators_of(self, ids: Iterable[str]) -> dict[str, tuple[str, ...]]:
        """task id -> its coordinators as written (in order), for the tasks among ``ids`` that have any."""
        ids = list(dict.fromkeys(ids))
        out: dict[str, list[str]] = {}
        for i in range(0, len(ids), 900):
            part = ids[i:i + 900]
            for task, written in self.db.conn.execute(
                    f"select task_id, written from task_units where role = 'phoi_hop' and "
                    f"task_id in ({','.join('?' * len(part))}) order by task_id, pos", part):
                out.setdefault(task, []).append(written)
        return {k: tuple(v) for k, v in out.items()}

    def coordinators_of_led(self, unit_ids: Iterable[int]) -> dict[str, tuple[str, ...]]:
        """task id -> its coordinators as written (in order), for the tasks these units lead that have
        any: ``coordinators_of(tasks_of_units(unit_ids, roles=("chu_tri",)))`` in one query (the led
        task ids from the covering index, each task's coordinators through the primary key), instead of
        reading 1,000-1,600 led task ids into Python and looking them up 900 at a time."""
        unit_ids = list(unit_ids)
        if not unit_ids:
            return {}
        out: dict[str, list[str]] = {}
        for task, written in self.db.conn.execute(
                f"select task_id, written from task_units where role = 'phoi_hop' and task_id in "
                f"(select task_id from task_units where unit_id in ({','.join('?' * len(unit_ids))}) "
                f"and role = 'chu_tri') order by task_id, pos", unit_ids):
            out.setdefault(task, []).append(written)
        return {k: tuple(v) for k, v in out.items()}

    def _links(self, task_ids: list[str]) -> dict[str, dict[str, list[str]]]:
        out: dict[str, dict[str, list[str]]] = {}
        for chunk in range(0, len(task_ids), 500):
            part = task_ids[chunk:chunk + 500]
            if not part:
                continue
            sql = (f"select task_id, role, written from task_units where task_id in ({','.join('?' * len(part))}) "
                   "order by task_id, role, pos")
            for task, role, written in self.db.conn.execute(sql, part):
                out.setdefault(task, {}).setdefault(role, []).append(written)
        return out

    @staticmethod
    def _stored_task(r: sqlite3.Row, links: dict[str, list[str]]) -> StoredTask:
        return StoredTask(
            id=r["id"], doc_id=r["doc_id"], doc_file=r["doc_file"], doc_number=r["doc_number"], doc_kind=r["doc_kind"],
            doc_issuer=r["doc_issuer"], doc_issued_on=r["doc_issued_on"], clause=r["clause"], action=r["action"],
            assignees=tuple(links.get("chu_tri", ())), coordinators=tuple(links.get("phoi_hop", ())),
            monitors=tuple(links.get("theo_doi", ())),
            deadline=date.fromisoformat(r["deadline"]) if r["deadline"] else None, deadline_time=r["deadline_time"],
            recurrence=r["recurrence"], recurrence_day=r["recurrence_day"], urgency=r["urgency"], status=r["status"])

    def search_words(self, words: list[str], table: str, share: float | None = None,
                     min_rows: int | None = None) -> tuple[list[str], bool]:
        """(the words a search goes by, whether every one of them is common).

        In a store of at least ``min_rows`` rows, a word is common when more than ``share`` of the
        rows hold it. The search goes by the rare words when there are any; otherwise by every word,
        and it is then bounded (``_common_ranking``). Smaller stores search every word, unbounded.
        ``share`` and ``min_rows`` default to COMMON_SHARE and COMMON_MIN_ROWS."""
        share = COMMON_SHARE if share is None else share
        min_rows = COMMON_MIN_ROWS if min_rows is None else min_rows
        words = list(dict.fromkeys(words))
        if not words:
            return words, False
        total = self._row_total(table)
        if total < min_rows:
            return words, False
        cap = int(total * share)
        held = self._rows_holding(words, table, cap)
        rare = [w for w in words if held[w] <= cap]
        if rare:
            return rare, False
        return words, True

    def _row_total(self, table: str) -> int:
        """The table's row count, kept until the texts change (like the word counts of _rows_holding)."""
        self._forget_if_changed()
        if table not in self._row_totals:
            self._row_totals[table] = self.db.conn.execute(f"select count(*) from {table}").fetchone()[0]
        return self._row_totals[table]

    def _rows_holding(self, words: list[str], table: str, cap: int) -> dict[str, int]:
        """How many rows hold each word, exactly up to ``cap`` (above it: cap + 1, all a caller needs to
        know). Counting stops at cap + 1 matches, where the vocabulary table reads a word's every row
        (10 ms for 'ubnd' at 10,000 documents). Words the tokenizer would split ('10%', '1,5') are
        looked up whole in the vocabulary, as before (no row holds them as one term)."""
        self._forget_if_changed()
        memo = self._held_memo
        if len(memo) > 4 * SEARCH_MEMO:
            memo.clear()
        for w in words:
            if (table, w, cap) not in memo:
                memo[(table, w, cap)] = self._count_holding(w, table, cap)
        return {w: memo[(table, w, cap)] for w in words}

    def _count_holding(self, word: str, table: str, cap: int) -> int:
        if _PLAIN_WORD.fullmatch(word):
            return self.db.conn.execute(
                f"select count(*) from (select 1 from {table}_fts where {table}_fts match ? limit ?)",
                [f'"{word}"', cap + 1]).fetchone()[0]
        row = self.db.conn.execute(f"select doc from {table}_vocab where term = ?", [word]).fetchone()
        return row[0] if row else 0

    def _common_ranking(self, table: str, words: list[str], limit: int, *, any_word: bool = True) -> list[tuple[int, float]]:
        """(rowid, bm25) of at most ``limit`` rows for words that are all common, best first.

        bm25 must score every match to rank them (113,000 passages hold 'ubnd': 150-300 ms), and over
        words this common its order says little. So: the rows holding every word, the newest
        COMMON_RANKED of them ranked by bm25; when fewer than ``limit`` rows hold every word, the rows
        holding any of them follow (unless not ``any_word``), again the newest COMMON_RANKED ranked by bm25."""
        fts = f"{table}_fts"
        sql = (f"select rowid, rank from (select rowid, bm25({fts}) as rank from {fts} where {fts} match ? "
               f"order by rowid desc limit {COMMON_RANKED}) order by rank, rowid desc limit ?")
        found = self.db.conn.execute(sql, [" AND ".join(f'"{w}"' for w in words), limit]).fetchall()
        if any_word and len(found) < limit and len(words) > 1:
            seen = {rowid for rowid, _ in found}
            more = self.db.conn.execute(sql, [" OR ".join(f'"{w}"' for w in words), limit]).fetchall()
            found += [r for r in more if r[0] not in seen][:limit - len(found)]
        return found

    def search_passages_for(self, words: list[str], limit: int = 30) -> list[dict]:
        """Passages for a question's words, best first: by the rare words when there are any (as
        ``search_passages`` of their OR), else bounded (``_common_ranking``)."""
        chosen, common = self.search_words(words, "passages")
        if not chosen:
            return []
        if not common:
            return self.search_passages(" OR ".join(f'"{w}"' for w in chosen), limit=limit)

        def search() -> list[dict]:
            return self._passages_ranked(self._common_ranking("passages", chosen, limit))
        return [dict(r) for r in self._searched(("passages", tuple(chosen), limit), search)]

    def search_passages_all(self, words: list[str], limit: int = 50) -> list[dict]:
        """Passages holding every one of ``words``, best first: ``search_passages`` of their AND, or, when
        every word is common, the newest COMMON_RANKED of them ranked by bm25."""
        words = list(dict.fromkeys(words))
        if not words:
            return []
        if not self.search_words(words, "passages")[1]:
            return self.search_passages(" AND ".join(f'"{w}"' for w in words), limit=limit)

        def search() -> list[dict]:
            ranked = self._common_ranking("passages", words, limit, any_word=False)
            return self._passages_ranked(ranked)
        return [dict(r) for r in self._searched(("passages all", tuple(words), limit), search)]

    def _passages_ranked(self, ranked: list[tuple[int, float]]) -> list[dict]:
        """The passage rows of (rowid, rank) pairs, in that order, each with its rank."""
        rows = {r["id"]: r for r in self._dicts(      # a passage's rowid is its id
            f"select * from passages where id in ({','.join('?' * len(ranked))})", [i for i, _ in ranked])}
        return [{**rows[i], "rank": rank} for i, rank in ranked if i in rows]

    def search_tasks(self, words: list[str], limit: int = 40) -> list[tuple[StoredTask, str]]:
        """Tasks whose search text has any of ``words``, best first, with that text (bounded when every
        word is common: ``_common_ranking``)."""
        if not words:
            return []
        chosen, common = self.search_words(words, "tasks")
        if common:
            def search() -> list[tuple[str, str]]:
                ranked = self._common_ranking("tasks", chosen, limit)
                marks = ",".join("?" * len(ranked))
                texts = dict((rowid, (tid, folded)) for rowid, tid, folded in self.db.conn.execute(
                    f"select rowid, id, folded from tasks where rowid in ({marks})", [r for r, _ in ranked]))
                return [texts[rowid] for rowid, _ in ranked if rowid in texts]
            rows = self._searched(("tasks", tuple(chosen), limit), search)
        else:
            query = " OR ".join(f'"{w}"' for w in chosen)
            sql = ("select t.id, t.folded from (select rowid, bm25(tasks_fts) as rank from tasks_fts "
                   "where tasks_fts match ? order by rank limit ?) r join tasks t on t.rowid = r.rowid order by r.rank")
            rows = self._searched(("tasks", query, limit), lambda: self.db.conn.execute(sql, [query, limit]).fetchall())
        # the ranking is kept; the tasks are read each time (their status may have changed)
        by_id = {t.id: t for t in self.tasks(ids=[tid for tid, _ in rows])}
        return [(by_id[tid], folded) for tid, folded in rows if tid in by_id]

    def due_page(self, start: date, end: date, *, exclude_done: bool = True, unit_ids: Iterable[int] | None = None,
                 doc_ids: Iterable[int] | None = None, offset: int = 0, limit: int = 8,
                 latest_first: bool = False) -> tuple[int, list[str]]:
        """How many tasks are due in [start, end] (of these units, in these documents), and the
        ids of one page of them by deadline then id (``latest_first``: the latest deadline first) —
        counted and cut in SQLite."""
        unit_ids = None if unit_ids is None else list(unit_ids)
        doc_ids = None if doc_ids is None else list(doc_ids)
        if len(unit_ids or ()) + len(doc_ids or ()) > 30000:   # past SQLite's variable limit: filter here
            keys = self.task_keys_due_between(start, end, exclude_done=exclude_done, latest_first=latest_first)
            if unit_ids is not None:
                mine = set(self.tasks_of_units(unit_ids))
                keys = [k for k in keys if k[0] in mine]
            if doc_ids is not None:
                docs = set(doc_ids)
                keys = [k for k in keys if k[1] in docs]
            return len(keys), [k[0] for k in keys[offset:offset + limit]]
        where = "t.deadline between ? and ?"
        params: list = [start.isoformat(), end.isoformat()]
        if unit_ids is not None:
            where += f" and t.id in (select task_id from task_units where unit_id in ({','.join('?' * len(unit_ids))}))"
            params += unit_ids
        if doc_ids is not None:
            where += f" and t.doc_id in ({','.join('?' * len(doc_ids))})"
            params += doc_ids
        # counted as (all due) - (due and done): the first count reads the deadline index alone, the
        # second only the status rows (a left join per due task read every task row: ~150 ms at 10,000 documents)
        conn = self.db.conn
        total = conn.execute(f"select count(*) from tasks t where {where}", params).fetchone()[0]
        sql = f"from tasks t left join task_status s on s.task_id = t.id and s.occurrence = '' where {where}"
        if exclude_done:
            total -= conn.execute(
                "select count(*) from task_status s cross join tasks t on t.id = s.task_id "
                f"where s.occurrence = '' and s.status = '{STATUS_DONE}' and {where}", params).fetchone()[0]
            sql += f" and coalesce(s.status, '{STATUS_TODO}') != '{STATUS_DONE}'"
        order = "t.deadline desc, t.id" if latest_first else "t.deadline, t.id"
        page = [r[0] for r in conn.execute(f"select t.id {sql} order by {order} limit ? offset ?",
                                           params + [limit, offset])]
        return total, page

    def task_keys_due_between(self, start: date, end: date, *, exclude_done: bool = True,
                              latest_first: bool = False) -> list[tuple[str, int]]:
        """(task id, document id) of the tasks due in [start, end], by deadline then id: cheap
        enough to count and filter thousands before loading one page with ``tasks(ids=…)``."""
        sql = "select t.id, t.doc_id from tasks t left join task_status s on s.task_id = t.id and s.occurrence = '' " \
              "where t.deadline between ? and ?"
        if exclude_done:
            sql += " and coalesce(s.status, 'chua_thuc_hien') != 'da_hoan_thanh'"
        sql += " order by t.deadline desc, t.id" if latest_first else " order by t.deadline, t.id"
        return [(r[0], r[1]) for r in self.db.execute(sql, [start.isoformat(), end.isoformat()])]

    def units_of_documents(self, doc_ids: Iterable[int]) -> set[int]:
        doc_ids = list(doc_ids)
        if not doc_ids:
            return set()
        sql = (f"select distinct tu.unit_id from task_units tu join tasks t on t.id = tu.task_id "
               f"where t.doc_id in ({','.join('?' * len(doc_ids))})")
        return {r["unit_id"] for r in self.db.query(sql, doc_ids)}

    def change_stamp(self) -> tuple:
        """Changes whenever documents or units change.

        max(ingested_at) reads every document row (the column sits after the text: ~80 ms at
        10,000 documents), so the aggregate is computed again only when this store has written
        or another connection has committed since (PRAGMA data_version)."""
        seen = self._state()
        if self._stamp is None or self._stamp[0] != seen:
            row = next(self.db.query(
                "select count(*) as n, max(ingested_at) as at, (select count(*) from units) as u from documents"))
            self._stamp = (seen, (row["n"], row["at"], row["u"]))
        return self._stamp[1]

    # ---- status ----------------------------------------------------------
    def set_status(self, tid: str, status: str, *, note: str = "", by_chat: str = "", by_name: str = "",
                   occurrence: str = "") -> None:
        if status not in STATUSES:
            raise ValueError(status)
        self.task(tid)  # raises UnknownTask
        at = _now()
        with self.db.conn:
            self.db["task_status"].upsert({"task_id": tid, "occurrence": occurrence, "status": status, "updated_at": at},
                                          pk=("task_id", "occurrence"))
            self.db["status_history"].insert({"task_id": tid, "occurrence": occurrence, "status": status, "note": note,
                                              "by_chat": by_chat, "by_name": by_name, "at": at})

    def status_history(self, tid: str) -> list[dict]:
        return list(self.db.query("select * from status_history where task_id = ? order by id", [tid]))


# tables that keep records of a task by its id (statuses, their history, alerts)
_TASK_RECORD_TABLES = ("task_status", "status_history", "task_occurrences", "alerts_sent")
_SAME_TASK = 90   # rapidfuzz ratio of two folded actions above which a task read again is the same task


def match_tasks(old: list[tuple[str, str | None, str | None]],
                new: list[tuple[str, str | None, str | None]]) -> dict[str, str]:
    """Old task id -> new task id for the tasks of two readings of one document, given as (id, clause,
    action): the same clause and action first, then the same action, then a nearly same action."""
    moves: dict[str, str] = {}
    free = {tid: (clause, fold(action or "")) for tid, clause, action in new}
    left = [(tid, clause, fold(action or "")) for tid, clause, action in old]
    for same in (lambda o, n: o[1] == n[0] and o[2] == n[1], lambda o, n: o[2] == n[1]):
        for o in list(left):
            hit = next((tid for tid, n in free.items() if same(o, n)), None)
            if hit is not None:
                moves[o[0]] = hit
                del free[hit]
                left.remove(o)
    for o in left:
        scored = [(fuzz.ratio(o[2], n[1]), tid) for tid, n in free.items()]
        score, hit = max(scored, default=(0, None))
        if hit is not None and score >= _SAME_TASK:
            moves[o[0]] = hit
            del free[hit]
    return moves


def task_id(doc_id: int, seq: int) -> str:
    """Short and typeable on a phone: document number in the store, then the task's order."""
    return f"{doc_id}.{seq}"
