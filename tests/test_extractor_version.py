"""Documents read by an older extractor are read again, and a task's status, history and alerts follow
the task when a document is read again or replaced: on a real SQLite file."""
import ast
from pathlib import Path

import pytest

import knowledge
from knowledge.ingest import ingest_paths, refresh_stale
from knowledge.store import STATUS_DONE, STATUS_DOING, Store, match_tasks
from knowledge.version import EXTRACTION_MODULES, extractor_version
from tests.directive_samples import HA_GIANG

KNOWLEDGE = Path(knowledge.__file__).parent


def _knowledge_imports(name: str) -> set[str]:
    tree = ast.parse((KNOWLEDGE / f"{name}.py").read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "knowledge":
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("knowledge."):
            found.add(node.module.split(".")[1])
    return found


def test_every_module_the_extractor_imports_is_in_its_version():
    seen, todo = set(), ["extract", "terms"]
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            todo.extend(_knowledge_imports(name) - seen)
    assert seen <= set(EXTRACTION_MODULES), seen - set(EXTRACTION_MODULES)
    assert len(extractor_version()) == 16


@pytest.fixture
def kb(tmp_path: Path) -> tuple[Store, Path]:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "ha-giang.md").write_text(HA_GIANG, encoding="utf-8")
    store = Store(tmp_path / "kb.db")
    ingest_paths(store, [folder])
    return store, folder


def _by_action(store: Store) -> dict[str, str]:
    return {t.action: t.id for t in store.tasks()}


def test_a_document_read_by_an_older_extractor_is_read_again(kb):
    store, folder = kb
    first = store.tasks()
    store.set_status(first[1].id, STATUS_DONE, note="xong", by_chat="7")
    # what an older extractor left: another version, a task it read worse
    store.db.execute("update documents set extractor = 'older'")
    store.db.execute("update tasks set action = 'hành động đọc sai' where id = ?", [first[0].id])
    assert ingest_paths(store, [folder]).reports[0].status == "updated"   # same file, older reading
    assert [(t.id, t.action) for t in store.tasks()] == [(t.id, t.action) for t in first]
    assert store.task(first[1].id).status == STATUS_DONE
    assert ingest_paths(store, [folder]).reports[0].status == "unchanged"

    store.db.execute("update documents set extractor = NULL")             # a store made before versions
    (folder / "ha-giang.md").unlink()                                    # the file itself is gone
    summary = refresh_stale(store)
    assert [r.status for r in summary.reports] == ["updated"] and summary.reports[0].tasks == len(first)
    assert store.task(first[1].id).status == STATUS_DONE
    assert not refresh_stale(store).reports                               # nothing left to do


def test_status_history_and_alerts_follow_a_task_that_moves(kb):
    store, folder = kb
    before = _by_action(store)
    moved = next(a for a in before if a.startswith("tham mưu bố trí"))
    gone = next(a for a in before if a.startswith("hướng dẫn làm sạch"))
    store.set_status(before[moved], STATUS_DONE, note="đã bố trí", by_chat="7")
    store.set_status(before[gone], STATUS_DOING, note="đang làm", by_chat="7")
    store.db.execute("insert into alerts_sent (day, channel, chat_id, task_id, occurrence, kind, at) "
                     "values ('2024-06-01', 'telegram', '7', ?, '', 'due', '2024-06-01T08:00')", [before[moved]])
    # a new item before it moves the task down; item 4 is taken out
    text = HA_GIANG.replace("2. Sở Tài chính", "2. Sở Xây dựng rà soát hạ tầng, hoàn thành trong tháng 5/2024.\n\n"
                            "3. Sở Tài chính")
    text = text.replace("4. Đề nghị Công an tỉnh hướng dẫn làm sạch dữ liệu dân cư; báo cáo kết quả trước 14 giờ, "
                        "ngày 05/12/2024.", "")
    (folder / "ha-giang.md").write_text(text, encoding="utf-8")
    assert ingest_paths(store, [folder]).reports[0].status == "updated"

    after = _by_action(store)
    assert after[moved] != before[moved]                                  # the task has a new number ...
    assert store.task(after[moved]).status == STATUS_DONE                 # ... and keeps its status,
    assert [h["note"] for h in store.status_history(after[moved])] == ["đã bố trí"]   # its history
    sent = store.db.execute("select task_id from alerts_sent").fetchall()
    assert sent == [(after[moved],)]                                      # and the alert already sent
    newcomer = next(t for a, t in after.items() if a.startswith("rà soát hạ tầng"))
    assert newcomer == before[moved] and store.task(newcomer).status != STATUS_DONE
    assert gone not in after
    for tid in after.values():                                            # no task inherits the removed one's
        assert store.task(tid).status != STATUS_DOING
    retired = store.db.execute("select task_id, note from status_history where note = 'đang làm'").fetchall()
    assert retired == [(before[gone] + "~gone", "đang làm")]              # its history is kept


def test_match_tasks_prefers_same_clause_then_same_then_nearly_same_action():
    old = [("1.1", "1", "Báo cáo kết quả"), ("1.2", "2", "Báo cáo kết quả"), ("1.3", "3", "Tổ chức hội nghị sơ kết"),
           ("1.4", "4", "Việc đã bỏ")]
    new = [("1.1", "2", "Báo cáo kết quả"), ("1.2", "1", "Báo cáo kết quả"),
           ("1.3", "5", "Tổ chức hội nghị sơ kết năm"), ("1.4", "3", "Một việc khác hẳn")]
    assert match_tasks(old, new) == {"1.1": "1.2", "1.2": "1.1", "1.3": "1.3"}


def test_the_default_knowledge_base_is_read_again_after_an_upgrade(tmp_path, monkeypatch):
    from bot.kb import open_store

    monkeypatch.setenv("CHIDAO_DATA_DIR", str(tmp_path / "data"))
    store = open_store(None)
    tasks = [(t.id, t.action, t.deadline) for t in store.tasks()]
    assert len(store.documents()) == 5 and tasks
    store.db.execute("update documents set extractor = 'chidao 0.1'")
    store.db.execute("update tasks set deadline = '1999-01-01'")             # what the old extractor had read
    store.close()
    store = open_store(None)
    assert [(t.id, t.action, t.deadline) for t in store.tasks()] == tasks
    assert {r[0] for r in store.db.execute("select extractor from documents")} == {extractor_version()}
