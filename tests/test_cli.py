"""The command-line contract the quality checks use: ingest, tasks --json, ask."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.directive_samples import HA_GIANG

ROOT = Path(__file__).resolve().parent.parent


def chidao(*args, env=None, check=True):
    e = dict(os.environ, **(env or {}))
    r = subprocess.run([sys.executable, "-m", "bot", *args], capture_output=True, text=True, cwd=ROOT, env=e, timeout=120)
    if check and r.returncode != 0:
        raise AssertionError(f"exit {r.returncode}: {r.stderr}")
    return r


@pytest.fixture(scope="module")
def kb(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("cli")
    docs = tmp / "docs"
    docs.mkdir()
    (docs / "ha-giang.md").write_text(HA_GIANG, encoding="utf-8")
    (docs / "broken.pdf").write_bytes(b"not a pdf at all")
    db = tmp / "kb.db"
    out = chidao("ingest", str(docs), "--db", str(db), check=False)
    return db, out


def test_ingest_reports_each_file(kb):
    db, out = kb
    assert out.returncode == 0
    assert "ha-giang.md: số 1234/UBND-KGVX · UBND tỉnh Hà Giang" in out.stdout
    assert "broken.pdf" in out.stdout and "1 lỗi" in out.stdout


def test_tasks_json_contract(kb):
    db, _ = kb
    data = json.loads(chidao("tasks", "--db", str(db), "--json").stdout)
    (doc,) = data["documents"]
    assert {"file", "number", "issuer", "issued_on", "subject", "signer", "tasks"} <= set(doc)
    assert doc["file"] == "ha-giang.md" and doc["issued_on"] == "2024-03-15"
    task = doc["tasks"][0]
    assert {"id", "assignees", "coordinators", "action", "deadline", "recurrence", "urgency", "status", "clause"} <= set(task)
    assert task["deadline"] == "2024-05-15" and task["status"] == "chua_thuc_hien"


def test_ask_prints_the_answer(kb):
    db, _ = kb
    out = chidao("ask", "Công an tỉnh phải làm gì?", "--db", str(db), "--today", "2024-12-06").stdout
    assert "05/12/2024" in out and "QUÁ HẠN 1 ngày" in out and "Nguồn:" in out


def test_malformed_date_gets_a_vietnamese_message(kb):
    db, _ = kb
    r = chidao("ask", "việc nào quá hạn?", "--db", str(db), "--today", "31/02/2024", check=False)
    assert r.returncode == 2 and "không hợp lệ" in r.stderr


def test_default_database_holds_the_bundled_directives(tmp_path):
    out = chidao("ask", "Văn bản 276/UBND-NV do ai ký?", env={"CHIDAO_DATA_DIR": str(tmp_path)}).stdout
    assert "Phạm Văn Lương" in out
    assert (tmp_path / "chidao.db").exists()


def test_ingest_json(tmp_path):
    docs = tmp_path / "d"
    docs.mkdir()
    (docs / "a.md").write_text(HA_GIANG, encoding="utf-8")
    data = json.loads(chidao("ingest", str(docs), "--db", str(tmp_path / "k.db"), "--json").stdout)
    assert data["added"] == 1 and data["files"][0]["number"] == "1234/UBND-KGVX"
