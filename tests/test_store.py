"""The SQLite store: ingest, re-ingest, broken files, scoping of units — on a real file."""
from pathlib import Path

import pytest

from knowledge.ingest import ingest_paths, iter_files
from knowledge.store import STATUS_DONE, Store
from tests.directive_samples import BROKEN_PAGE, HA_GIANG, TAN_LAC_PLAN


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    d = tmp_path / "docs"
    d.mkdir()
    (d / "ha-giang.md").write_text(HA_GIANG, encoding="utf-8")
    (d / "tan-lac.md").write_text(TAN_LAC_PLAN, encoding="utf-8-sig")          # with BOM
    (d / "an-lao.txt").write_text(BROKEN_PAGE, encoding="utf-16")               # UTF-16
    return d


def test_ingest_folder_and_read_back(folder, tmp_path):
    store = Store(tmp_path / "kb.db")
    summary = ingest_paths(store, [folder])
    assert [r.status for r in summary.reports] == ["added", "added", "added"]
    docs = {d.file: d for d in store.documents()}
    assert docs["an-lao.txt"].issuer == "UBND huyện An Lão"
    assert docs["tan-lac.md"].number == "88/KH-UBND"
    tasks = store.tasks()
    assert len(tasks) == summary.tasks
    assert all("." in t.id for t in tasks)


def test_reingest_unchanged_changes_nothing(folder, tmp_path):
    db = tmp_path / "kb.db"
    ingest_paths(Store(db), [folder])
    store = Store(db)
    before = [(t.id, t.action) for t in store.tasks()]
    store.set_status(before[0][0], STATUS_DONE, note="xong", by_chat="1")
    summary = ingest_paths(store, [folder])
    assert {r.status for r in summary.reports} == {"unchanged"}
    assert [(t.id, t.action) for t in store.tasks()] == before
    assert store.task(before[0][0]).status == STATUS_DONE


def test_changed_file_replaces_its_tasks_only(folder, tmp_path):
    store = Store(tmp_path / "kb.db")
    ingest_paths(store, [folder])
    others = [t.id for t in store.tasks() if t.doc_file != "ha-giang.md"]
    (folder / "ha-giang.md").write_text(HA_GIANG.replace("5. Sở Nội vụ", "5. Sở Y tế"), encoding="utf-8")
    summary = ingest_paths(store, [folder])
    assert {r.file: r.status for r in summary.reports}["ha-giang.md"] == "updated"
    assert [t.id for t in store.tasks() if t.doc_file != "ha-giang.md"] == others
    names = {u for t in store.tasks() if t.doc_file == "ha-giang.md" for u in t.assignees}
    assert "Sở Y tế" in names and len(store.documents()) == 3


def test_broken_files_are_reported_and_the_rest_loads(folder, tmp_path):
    (folder / "empty.md").write_text("", encoding="utf-8")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 100)
    (folder / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    store = Store(tmp_path / "kb.db")
    summary = ingest_paths(store, [folder])
    failed = {r.file: r.error for r in summary.reports if r.status == "failed"}
    assert failed == {"empty.md": "empty", "binary.txt": "binary", "old.doc": "legacy_doc"}
    assert summary.count("added") == 3


def _store_of(tmp_path: Path, *texts: str) -> Store:
    """A store with these directives ingested from a folder, in order (a.md, b.md, …)."""
    d = tmp_path / "d"
    d.mkdir()
    for name, text in zip("abcdefgh", texts):
        (d / f"{name}.md").write_text(text, encoding="utf-8")
    store = Store(tmp_path / "kb.db")
    ingest_paths(store, [d])
    return store


def test_folders_are_listed_in_sorted_path_order_without_following_folder_links(tmp_path):
    # names that sort differently as strings and as paths ("a-b/x" before "a/y" as text, after as paths)
    for rel in ["a.md", "a-b/x.md", "a/y.md", "a/b/z.md", "B.md", "a b.md", "sub/.hidden/q.md",
                "sub/c.txt", "sub/.dot.md", "~$lock.md", "notes.xyz", "é.md"]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x", encoding="utf-8")
    (tmp_path / "link").symlink_to(tmp_path / "a")
    listed = [p.relative_to(tmp_path).as_posix() for p in iter_files([tmp_path])]
    assert listed == ["B.md", "a/b/z.md", "a/y.md", "a b.md", "a-b/x.md", "a.md", "sub/.hidden/q.md",
                      "sub/c.txt", "é.md"]
    reference = [p for p in sorted(tmp_path.rglob("*")) if p.is_file() and not p.name.startswith((".", "~$"))
                 and p.suffix in (".md", ".txt")]
    assert list(iter_files([tmp_path])) == reference


def test_units_are_scoped_by_place(tmp_path):
    other = HA_GIANG.replace("TỈNH HÀ GIANG", "TỈNH CAO BẰNG").replace("Hà Giang, ngày", "Cao Bằng, ngày")
    store = _store_of(tmp_path, HA_GIANG, other)
    finance = [u for u in store.units() if u.name == "Sở Tài chính"]
    assert sorted(u.scope for u in finance) == ["tỉnh Cao Bằng", "tỉnh Hà Giang"]


def test_passages_are_searchable_without_diacritics(folder, tmp_path):
    store = Store(tmp_path / "kb.db")
    ingest_paths(store, [folder])
    hits = store.search_passages('"dau moi"')
    assert any("đầu mối" in h["text"] for h in hits)


def test_searches_leave_out_words_every_row_has(folder, tmp_path):
    store = Store(tmp_path / "kb.db")
    ingest_paths(store, [folder])
    common = "thuc"        # "thực hiện" is in many tasks
    rare = "dau"           # "đầu mối": one task
    chosen = store.search_words([common, rare], "tasks", share=0.1, min_rows=0)[0]
    assert chosen == [rare]
    assert store.search_words([common], "tasks", min_rows=0)[0] == [common]
    assert store.search_words([common, rare], "tasks")[0] == [common, rare]     # small stores search every word


def _fts_rows(store: Store, table: str, word: str) -> set[int]:
    return {r[0] for r in store.db.conn.execute(f"select rowid from {table}_fts where {table}_fts match ?", [f'"{word}"'])}


def test_full_text_indexes_follow_saves_and_replacements(folder, tmp_path):
    """The store writes the index rows itself (no per-row insert trigger): new rows are found,
    replaced ones are gone, and the index holds exactly the rows of the table."""
    store = Store(tmp_path / "kb.db")
    ingest_paths(store, [folder])
    conn = store.db.conn
    for table in ("tasks", "passages"):
        rows = conn.execute(f"select count(*) from {table}").fetchone()[0]
        indexed = conn.execute(f"select count(*) from {table}_fts").fetchone()[0]
        assert rows == indexed > 0
    assert _fts_rows(store, "tasks", "noi") and _fts_rows(store, "passages", "noi")   # "Sở Nội vụ"
    (folder / "ha-giang.md").write_text(HA_GIANG.replace("5. Sở Nội vụ", "5. Sở Kỳlânxyz"), encoding="utf-8")
    ingest_paths(store, [folder])
    found = _fts_rows(store, "passages", "kylanxyz")
    assert found and all(conn.execute("select 1 from passages where rowid = ?", [r]).fetchone() for r in found)
    for table in ("tasks", "passages"):   # raises when the index and its table disagree
        conn.execute(f"insert into {table}_fts({table}_fts, rank) values ('integrity-check', 1)")


def test_a_unit_written_long_after_its_short_form_is_one_unit(tmp_path):
    short = HA_GIANG.replace("5. Sở Nội vụ", "5. Sở TN&MT")
    long = HA_GIANG.replace("5. Sở Nội vụ", "5. Sở Tài nguyên và Môi trường").replace("Số: ", "Số: 9")
    store = _store_of(tmp_path, short, long)
    env = [u for u in store.units() if "TN&MT" in u.name or "Tài nguyên" in u.name]
    assert [u.name for u in env] == ["Sở Tài nguyên và Môi trường"]


@pytest.mark.parametrize("written", ["Sở TNMT", "Sở TNMT tỉnh"])
def test_a_unit_written_short_in_one_word_after_its_long_form_is_one_unit(tmp_path, written):
    long = HA_GIANG.replace("5. Sở Nội vụ", "5. Sở Tài nguyên và Môi trường")
    short = HA_GIANG.replace("5. Sở Nội vụ", f"5. {written}").replace("Số: ", "Số: 9")
    store = _store_of(tmp_path, long, short)
    env = [u.name for u in store.units() if "TNMT" in u.name or "Tài nguyên" in u.name]
    assert env == ["Sở Tài nguyên và Môi trường"]
    unit_id = next(u.id for u in store.units() if u.name == "Sở Tài nguyên và Môi trường")
    docs = {row[0] for row in store.db.execute(
        "select t.doc_id from task_units l join tasks t on t.id = l.task_id where l.unit_id = ?", [unit_id])}
    assert docs == {1, 2}


def test_a_units_id_does_not_depend_on_what_the_store_remembers(tmp_path):
    """Looking a unit up again in the database (after the store's bounded memory of ids was cleared)
    finds the unit the remembered id named: long form after short, short after long."""
    texts = [HA_GIANG.replace("5. Sở Nội vụ", f"5. {w}").replace("Số: ", f"Số: {i}")
             for i, w in enumerate(["Sở TNMT", "Sở Tài nguyên và Môi trường", "Sở TNMT", "Sở TN&MT"])]
    (tmp_path / "a").mkdir()
    remembered = _store_of(tmp_path / "a", *texts)
    d = tmp_path / "b" / "d"
    d.mkdir(parents=True)
    for name, text in zip("abcd", texts):
        (d / f"{name}.md").write_text(text, encoding="utf-8")
    forgetting = Store(tmp_path / "b" / "kb.db")
    ingest_paths(forgetting, [d], on_file=lambda r: forgetting._unit_ids.clear())
    assert [(u.name, u.scope) for u in forgetting.units()] == [(u.name, u.scope) for u in remembered.units()]
    links = "select t.seq, t.doc_id, u.name, l.role from task_units l join tasks t on t.id = l.task_id " \
            "join units u on u.id = l.unit_id order by 1, 2, 3, 4"
    assert list(forgetting.db.execute(links)) == list(remembered.db.execute(links))


def test_bulk_ingest_keeps_what_was_saved_before_a_failure(folder, tmp_path, monkeypatch):
    """Documents are committed in groups; a crash in the middle of a group still leaves every
    document saved before it on disk (seen from a new connection), and none half-saved."""
    import knowledge.ingest as ingest_module

    real_extract = ingest_module.extract

    def extract_or_fail(text, file, registry=None, **options):
        if file == "tan-lac.md":
            raise RuntimeError("boom")
        return real_extract(text, file, registry, **options)

    monkeypatch.setattr(ingest_module, "extract", extract_or_fail)
    db = tmp_path / "kb.db"
    with pytest.raises(RuntimeError):
        ingest_paths(Store(db), [folder])     # files in order: an-lao.txt, ha-giang.md, tan-lac.md
    fresh = Store(db)
    assert sorted(d.file for d in fresh.documents()) == ["an-lao.txt", "ha-giang.md"]
    assert {t.doc_file for t in fresh.tasks()} == {"an-lao.txt", "ha-giang.md"}


def test_bulk_commits_in_groups_and_at_the_end(tmp_path):
    store = Store(tmp_path / "kb.db")
    other = Store(tmp_path / "kb.db")
    seen = []
    with store.bulk(max_documents=2, max_seconds=3600) as saved:
        for i in range(3):
            store.db.conn.execute("insert into units (name, folded, scope, kind) values (?, ?, '', 'unit')", [f"U{i}", f"u{i}"])
            saved()
            seen.append(other.db.conn.execute("select count(*) from units").fetchone()[0])
    seen.append(other.db.conn.execute("select count(*) from units").fetchone()[0])
    assert seen == [0, 2, 2, 3]


def test_a_document_saved_twice_in_one_bulk_keeps_the_index_whole(tmp_path):
    """In bulk the index rows go in before each commit; replacing a document whose rows are still
    waiting must put them in first (the delete triggers take them out), or the index breaks."""
    from dataclasses import replace

    from knowledge.extract import extract
    from knowledge.units import UnitRegistry

    registry = UnitRegistry()
    store = Store(tmp_path / "kb.db")
    first = extract(HA_GIANG, "ha-giang.md", registry)
    second = extract(HA_GIANG.replace("5. Sở Nội vụ", "5. Sở Kỳlânxyz"), "ha-giang.md", registry)
    with store.bulk() as saved:
        store.save_document(replace(first, sha256="a"), registry)
        saved()
        store.save_document(replace(second, sha256="b"), registry)
        saved()
    conn = store.db.conn
    for table in ("tasks", "passages"):
        conn.execute(f"insert into {table}_fts({table}_fts, rank) values ('integrity-check', 1)")
        assert conn.execute(f"select count(*) from {table}").fetchone()[0] == \
            conn.execute(f"select count(*) from {table}_fts").fetchone()[0]
    assert _fts_rows(store, "passages", "kylanxyz")


def _due_ids(store: Store, start, end, **kw) -> list[str]:
    """Every due task id by deadline then id, the slow way (for comparing with due_page)."""
    tasks = [t for t in store.tasks() if t.deadline and start <= t.deadline <= end]
    if kw.get("exclude_done", True):
        tasks = [t for t in tasks if t.status != STATUS_DONE]
    if kw.get("unit_ids") is not None:
        mine = set(store.tasks_of_units(kw["unit_ids"]))
        tasks = [t for t in tasks if t.id in mine]
    if kw.get("doc_ids") is not None:
        tasks = [t for t in tasks if t.doc_id in kw["doc_ids"]]
    return [t.id for t in sorted(tasks, key=lambda t: (t.deadline, t.id))]


def test_due_page_counts_and_pages_without_the_done_tasks(folder, tmp_path):
    from datetime import date

    store = Store(tmp_path / "kb.db")
    ingest_paths(store, [folder])
    start, end = date(1900, 1, 1), date(2024, 12, 31)
    everything = _due_ids(store, start, end, exclude_done=False)
    assert len(everything) > 4
    store.set_status(everything[0], STATUS_DONE)
    store.set_status(everything[2], "dang_thuc_hien")     # started is not done: still counted
    open_ids = _due_ids(store, start, end)
    assert everything[0] not in open_ids and everything[2] in open_ids
    assert store.due_page(start, end, limit=3) == (len(open_ids), open_ids[:3])
    assert store.due_page(start, end, limit=3, offset=3) == (len(open_ids), open_ids[3:6])
    assert store.due_page(start, end, exclude_done=False, limit=100) == (len(everything), everything)
    doc = store.tasks(ids=[everything[0]])[0].doc_id
    assert store.due_page(start, end, doc_ids=[doc], limit=100) == (
        len(_due_ids(store, start, end, doc_ids=[doc])), _due_ids(store, start, end, doc_ids=[doc]))
    unit = next(iter(u.id for u in store.units() if u.name == "Sở Nội vụ"))
    mine = _due_ids(store, start, end, unit_ids=[unit])
    assert mine and store.due_page(start, end, unit_ids=[unit], limit=100) == (len(mine), mine)


def test_light_task_rows_and_coordinators(folder, tmp_path):
    store = Store(tmp_path / "kb.db")
    ingest_paths(store, [folder])
    full = store.tasks()
    heads = store.task_heads(reversed([t.id for t in full]))
    assert [h.id for h in heads] == [t.id for t in full]               # document, then clause order
    assert all(h.folded and h.doc_id == t.doc_id for h, t in zip(heads, full))
    coordinators = store.coordinators_of(t.id for t in full)
    assert coordinators == {t.id: t.coordinators for t in full if t.coordinators}
    named = {u.id for u in store.units() if store.tasks_of_units([u.id])}
    assert named and all(store.has_tasks(u.id) == (u.id in named) for u in store.units())


def test_search_results_follow_new_documents(folder, tmp_path):
    """Searches are remembered until the texts change: by this store or by another connection."""
    db = tmp_path / "kb.db"
    store = Store(db)
    ingest_paths(store, [folder / "ha-giang.md"])
    query = '"ubnd"'
    first = store.search_passages(query, limit=100)
    assert store.search_passages(query, limit=100) == first
    tasks_before = store.search_tasks(["ubnd"], limit=100)
    other = Store(db)                                   # another connection adds a document
    ingest_paths(other, [folder / "tan-lac.md"])
    other.close()
    second = store.search_passages(query, limit=100)
    assert len(second) > len(first)
    assert len(store.search_tasks(["ubnd"], limit=100)) > len(tasks_before)
    ingest_paths(store, [folder / "an-lao.txt"])        # this store adds one
    assert len(store.search_passages(query, limit=100)) > len(second)


def test_search_memo_returns_fresh_status_and_copies(folder, tmp_path):
    store = Store(tmp_path / "kb.db")
    ingest_paths(store, [folder])
    (task, _), *_ = store.search_tasks(["ubnd"])
    store.set_status(task.id, STATUS_DONE)
    assert dict((t.id, t.status) for t, _ in store.search_tasks(["ubnd"]))[task.id] == STATUS_DONE
    hits = store.search_passages('"ubnd"')
    hits[0]["text"] = "changed by the caller"
    assert store.search_passages('"ubnd"')[0]["text"] != "changed by the caller"


# ---- searches whose every word is common (Store.search_words, Store._common_ranking) ----------------
def _common_everywhere(monkeypatch) -> None:
    """Make every word of the small test store 'common', as 'ubnd' is at 10,000 documents."""
    import knowledge.store as store_module
    monkeypatch.setattr(store_module, "COMMON_MIN_ROWS", 0)
    monkeypatch.setattr(store_module, "COMMON_SHARE", 0.0)


def _holding(store: Store, table: str, *words: str) -> set[int]:
    out = _fts_rows(store, table, words[0])
    for w in words[1:]:
        out &= _fts_rows(store, table, w)
    return out


def test_bounded_search_engages_only_when_every_word_is_common(folder, tmp_path, monkeypatch):
    store = Store(tmp_path / "kb.db")
    ingest_paths(store, [folder])
    # a small store (< COMMON_MIN_ROWS rows) searches every word, unbounded, as before
    assert store.search_words(["thuc", "dau"], "tasks") == (["thuc", "dau"], False)
    assert store.search_words(["ubnd"], "passages") == (["ubnd"], False)
    # a rare word among common ones: the rare words, unbounded
    assert store.search_words(["thuc", "dau"], "tasks", share=0.1, min_rows=0) == (["dau"], False)
    # every word common (a single word too): every word, bounded
    assert store.search_words(["thuc", "hien"], "tasks", share=0.01, min_rows=0) == (["thuc", "hien"], True)
    assert store.search_words(["ubnd"], "passages", share=0.01, min_rows=0) == (["ubnd"], True)


def test_counts_stop_above_the_share_but_are_exact_below(folder, tmp_path):
    store = Store(tmp_path / "kb.db")
    ingest_paths(store, [folder])
    vocab = dict(store.db.conn.execute("select term, doc from tasks_vocab where term in ('thuc', 'dau', 'ubnd')"))
    assert vocab["dau"] <= 2 and vocab["thuc"] > 3
    held = store._rows_holding(["thuc", "dau", "ubnd", "10%"], "tasks", cap=2)
    assert held["dau"] == vocab["dau"]
    assert held["thuc"] == 3 < vocab["thuc"]          # counted up to cap + 1, no further
    assert held["10%"] == 0                            # split by the tokenizer: looked up whole, as before


def test_common_words_rank_rows_holding_all_of_them_first(folder, tmp_path, monkeypatch):
    store = Store(tmp_path / "kb.db")
    ingest_paths(store, [folder])
    _common_everywhere(monkeypatch)
    words = ["bao", "cao"]
    both = _holding(store, "tasks", *words)
    assert both
    ranked = store._common_ranking("tasks", words, limit=len(both))
    assert {rowid for rowid, _ in ranked} == both     # the AND set fills the limit: no OR rows
    hits = store.search_tasks(words, limit=len(both))
    assert all(all(w in text.split() for w in words) for _, text in hits)


def test_common_words_fall_back_to_any_word_when_few_rows_hold_all(folder, tmp_path, monkeypatch):
    store = Store(tmp_path / "kb.db")
    ingest_paths(store, [folder])
    _common_everywhere(monkeypatch)
    words = ["dau", "ubnd"]                           # few rows hold both; many hold one
    both = _holding(store, "passages", *words)
    either = _fts_rows(store, "passages", "dau") | _fts_rows(store, "passages", "ubnd")
    assert len(both) < 5 < len(either)
    hits = store.search_passages_for(words, limit=20)
    ids = [h["id"] for h in hits]
    assert len(ids) == len(set(ids)) == min(20, len(either))
    assert set(ids[:len(both)]) == both                # rows holding every word come first ...
    assert set(ids[len(both):]) <= either - both       # ... then rows holding any of them (OR-only matches)


def test_common_words_rank_only_the_newest_matches(folder, tmp_path, monkeypatch):
    import knowledge.store as store_module
    store = Store(tmp_path / "kb.db")
    ingest_paths(store, [folder])
    _common_everywhere(monkeypatch)
    monkeypatch.setattr(store_module, "COMMON_RANKED", 3)
    rows = sorted(_fts_rows(store, "tasks", "ubnd"), reverse=True)
    assert len(rows) > 3
    hits = store.search_tasks(["ubnd"], limit=2)
    newest = {tid for (tid,) in store.db.conn.execute(
        f"select id from tasks where rowid in ({','.join('?' * 3)})", rows[:3])}
    assert len(hits) == 2 and {t.id for t, _ in hits} <= newest


def test_rare_words_search_as_before(folder, tmp_path):
    """Above the size threshold, a question with a rare word searches exactly as before: the OR of its
    rare words, every match ranked by bm25."""
    store = Store(tmp_path / "kb.db")
    ingest_paths(store, [folder])
    chosen, common = store.search_words(["thuc", "dau"], "passages", share=0.1, min_rows=0)
    assert (chosen, common) == (["dau"], False)
    expected = [r[0] for r in store.db.conn.execute(
        "select rowid from passages_fts where passages_fts match '\"dau\"' order by bm25(passages_fts) limit 30")]
    assert [h["id"] for h in store.search_passages('"dau"', limit=30)] == expected


def test_an_existing_store_gets_the_covering_unit_index(tmp_path):
    path = tmp_path / "kb.db"
    store = Store(path)
    # a store written before the migration: the old (unit_id, role) index, m006 not recorded
    store.db.execute("DROP INDEX idx_task_units_unit_id_role_task_id")
    store.db.execute("CREATE INDEX idx_task_units_unit_id_role ON task_units (unit_id, role)")
    store.db.execute("DELETE FROM _migrations WHERE name = 'm006_task_units_covering'")
    store.db.conn.commit()
    store.close()
    store = Store(path)
    names = {r[0] for r in store.db.execute("select name from sqlite_master where type = 'index' and tbl_name = 'task_units'")}
    assert "idx_task_units_unit_id_role_task_id" in names and "idx_task_units_unit_id_role" not in names
    plan = " ".join(str(r) for r in store.db.execute(
        "explain query plan select task_id, role from task_units where unit_id in (1, 2) and role in ('chu_tri')"))
    assert "COVERING INDEX idx_task_units_unit_id_role_task_id" in plan


def test_unit_texts_holding_a_word(folder, tmp_path):
    import re

    store = Store(tmp_path / "kb.db")
    ingest_paths(store, [folder])
    roles = ("chu_tri", "phoi_hop")
    units = [u.id for u in store.units() if store.tasks_of_units([u.id], roles)]
    texts = store.search_texts(store.tasks_of_units(units, roles))
    words = sorted({w for t in texts.values() for w in re.findall(r"[a-z0-9]+", t)})
    assert len(units) > 3 and len(words) > 50
    for some in (units[:1], units[:3], units):
        mine = store.search_texts(store.tasks_of_units(some, roles))
        for w in words[::7] + [["bao", "cao"], ["khong", "co", "tu", "nay"]]:
            w = w if isinstance(w, list) else [w]
            expected = {tid: t for tid, t in mine.items() if set(w) & set(re.findall(r"[a-z0-9]+", t))}
            assert store.unit_texts_holding(some, roles, w) == expected
    assert store.unit_texts_holding([], roles, ["bao"]) == {} == store.unit_texts_holding(units, roles, [])


def test_coordinators_of_led_tasks_in_one_query(folder, tmp_path):
    store = Store(tmp_path / "kb.db")
    ingest_paths(store, [folder])
    leads = [u.id for u in store.units() if store.tasks_of_units([u.id], ("chu_tri",))]
    assert len(leads) > 3
    for some in ([leads[0]], leads[:3], leads, leads + leads[:2]):
        expected = store.coordinators_of(store.tasks_of_units(some, roles=("chu_tri",)))
        assert store.coordinators_of_led(some) == expected
    assert any(store.coordinators_of_led([u]) for u in leads)
    assert store.coordinators_of_led([]) == {}


def test_units_with_tasks_is_has_tasks_of_many(folder, tmp_path):
    store = Store(tmp_path / "kb.db")
    ingest_paths(store, [folder])
    ids = [u.id for u in store.units()]
    for roles in (("chu_tri", "phoi_hop", "theo_doi"), ("chu_tri",), ("phoi_hop",)):
        expected = {uid for uid in ids if store.has_tasks(uid, roles)}
        assert store.units_with_tasks(ids, roles) == expected
        assert store.units_with_tasks(ids[:2], roles) == expected & set(ids[:2])
    assert store.units_with_tasks(ids) and store.units_with_tasks([]) == set()


def test_forgetting_searches_keeps_the_counts_until_the_texts_change(folder, tmp_path):
    """forget_searches (the benchmark's --no-memo) drops rankings only: the row totals and per-word
    counts are catalogue data, counted again only when the texts change."""
    store = Store(tmp_path / "kb.db")
    ingest_paths(store, [folder / "ha-giang.md"])
    seen: list[str] = []
    store.db.conn.set_trace_callback(seen.append)
    counts = lambda: [s for s in seen if "count(*)" in s.lower()]
    first = store.search_words(["ubnd", "thuc"], "passages", share=0.01, min_rows=0)
    assert counts()
    seen.clear()
    store.forget_searches()
    assert store.search_words(["ubnd", "thuc"], "passages", share=0.01, min_rows=0) == first
    assert not counts()
    assert store.search_passages_for(["ubnd", "thuc"])      # the ranking itself is searched again
    assert any("bm25" in s for s in seen) and not counts()
    seen.clear()
    ingest_paths(store, [folder])                          # the texts change: counted again
    store.search_words(["ubnd", "thuc"], "passages", share=0.01, min_rows=0)
    assert counts()
    store.db.conn.set_trace_callback(None)
