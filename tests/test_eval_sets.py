"""Held-out directives written blind (tests/eval_extra*), scored the way ../shared/eval/score.py scores:
every gold task found (an assignee, the key phrase and the deadline on one extracted task), no date
that is no one's deadline given as a deadline, metadata right."""
import json
from pathlib import Path

import pytest
from rapidfuzz import fuzz

from knowledge.ingest import ingest_paths
from knowledge.store import Store
from knowledge.text import fold

HERE = Path(__file__).resolve().parent
SETS = [HERE / name for name in ("eval_extra", "eval_extra_docx", "eval_extra_c", "eval_extra_d", "eval_extra_e",
                                  "eval_extra_f", "eval_extra_g", "eval_extra_h", "eval_extra_i",
                                  "eval_extra_j", "eval_extra_k", "eval_extra_l", "eval_extra_m", "eval_extra_n",
                                  "eval_extra_o", "eval_extra_p", "eval_extra_q", "eval_extra_r", "eval_extra_s",
                                  "eval_extra_t", "eval_extra_u", "eval_extra_v", "eval_extra_w", "eval_extra_x",
                                  "eval_extra_y", "eval_extra_z", "eval_extra_aa", "eval_extra_ab", "eval_extra_ac",
                                  "eval_extra_ad", "eval_extra_ae", "eval_extra_af", "eval_extra_ag", "eval_extra_ah")]
ROLE_WORDS = ("thu truong", "chu tich", "giam doc", "truong phong", "nguoi dung dau")


def unit_key(s: str) -> str:
    s = fold(s).replace("uy ban nhan dan", "ubnd").replace("hoi dong nhan dan", "hdnd")
    for long in ("van phong hdnd va ubnd", "van phong hdnd & ubnd", "van phong hdnd-ubnd"):
        s = s.replace(long, "van phong hdnd ubnd")
    for w in ROLE_WORDS:
        if s.startswith(w + " "):
            s = s[len(w) + 1:]
    return " ".join("".join(c if c.isalnum() or c == " " else " " for c in s).split())


def same_unit(a: str, b: str) -> bool:
    ka, kb = unit_key(a), unit_key(b)
    if not ka or not kb or (min(len(ka.split()), len(kb.split())) < 2 and ka != kb):
        return False
    return fuzz.token_set_ratio(ka, kb) >= 85


def has_phrase(text: str, phrase: str) -> bool:
    t, p = fold(text), fold(phrase)
    return p in t or (len(t) >= len(p) and fuzz.partial_ratio(p, t) >= 90)


@pytest.mark.parametrize("folder", SETS, ids=lambda p: p.name)
def test_held_out_directives(folder, tmp_path):
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    store = Store(tmp_path / "kb.db")
    ingest_paths(store, [folder / "docs"])
    docs = {Path(d.file).stem: d for d in store.documents()}
    tasks = {}
    for t in store.tasks():
        tasks.setdefault(Path(t.doc_file).stem, []).append(t)
    found = total = false_deadlines = meta_ok = meta_n = 0
    misses = []
    for g in gold["documents"]:
        stem = Path(g["file"]).stem
        d = docs[stem]
        for field in ("number", "issuer", "issued_on", "signer"):
            if g.get(field) is None:
                continue
            meta_n += 1
            got = getattr(d, field) or ""
            ok = got == g[field] if field == "issued_on" else fold(g[field]) in fold(got) or fuzz.ratio(fold(g[field]), fold(got)) >= 90
            meta_ok += ok
        for gt in g["tasks"]:
            total += 1
            hit = [t for t in tasks.get(stem, [])
                   if any(same_unit(u, a) for u in t.assignees for a in gt["assignees_any"])
                   and has_phrase(t.action, gt["key_phrase"])
                   and (gt["deadline"] is None or (t.deadline and t.deadline.isoformat()) == gt["deadline"])]
            found += bool(hit)
            if not hit:
                misses.append((g["file"], gt["key_phrase"]))
        bad = set(g.get("not_deadlines", []))
        false_deadlines += sum(1 for t in tasks.get(stem, []) if t.deadline and t.deadline.isoformat() in bad)
    assert false_deadlines == 0
    assert found / total >= 0.95, misses
    assert meta_ok / meta_n >= 0.9
