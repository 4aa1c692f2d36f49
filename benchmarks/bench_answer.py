"""Answer benchmark: Engine.ask latency and memory over the 1,000- and 10,000-document stores.

    .venv/bin/python benchmarks/bench_answer.py [--sizes 1000 10000] [--seed 1] [--work DIR]
                                                [--questions 400] [--today 2024-06-15] [--json]

Reuses the stores bench_ingest.py leaves in WORK (building them first when missing).
Each size runs in its own process pinned to one CPU.  The questions are drawn
(deterministically) from the store itself, the way officials type them: a unit's tasks,
who does something, deadlines, coordination, overdue, due soon, by month, a document's
signer and date, document lists and summaries, facts in the text, follow-ups in a chat,
and questions that match nothing — about 40 % typed without diacritics or in lower case,
with abbreviations (TC-KH, TN&MT, VP HĐND-UBND …).  Reports the first (cold) question,
which loads the engine's catalogue, then p50/p95/p99/max over the rest, overall and by
kind, and memory (peak RSS; with ``--tracemalloc`` the Python heap peak of the ask loop).
Target (issue 3): p95 < 50 ms at 10,000 documents on one core.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import resource
import statistics
import subprocess
import sys
import time
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bench_ingest  # noqa: E402

TARGET_P95_MS = 50.0

# How people shorten unit names when they type (the registry must undo it).
ABBREVIATE = (
    ("Tài chính - Kế hoạch", "TC-KH"), ("Tài nguyên và Môi trường", "TN&MT"), ("Văn hóa và Thông tin", "VH-TT"),
    ("Thông tin và Truyền thông", "TT&TT"), ("Lao động - Thương binh và Xã hội", "LĐTB&XH"),
    ("Giáo dục và Đào tạo", "GD&ĐT"), ("Nông nghiệp và Phát triển nông thôn", "NN&PTNT"),
    ("Văn phòng HĐND và UBND", "VP HĐND-UBND"), ("Kinh tế và Hạ tầng", "KT-HT"),
)
UNIT_TEMPLATES = ("{u} phải làm gì?", "{u} có nhiệm vụ gì?", "{u} được giao những việc gì?", "nhiệm vụ của {u}",
                  "{u} phai lam gi", "{u} ở {place} phải làm gì?")
WHO_TEMPLATES = ("Ai chủ trì {a}?", "Ai phải {a}?", "đơn vị nào {a}?", "ai {a}")
DEADLINE_TEMPLATES = ("Hạn {a} là ngày nào?", "{a} trước ngày nào?", "khi nào phải {a}?", "{u} phải báo cáo trước ngày nào?")
OVERDUE = ("Việc nào đã quá hạn?", "viec nao qua han", "Những nhiệm vụ nào quá hạn?", "{u} có việc nào quá hạn?")
DUE_SOON = ("Tuần này có việc gì đến hạn?", "sắp đến hạn", "trong 10 ngày tới có việc gì?", "viec sap den han")
BY_MONTH = ("tháng {m} có hạn nào?", "thang {m}/{y} co viec gi den han", "Tháng {m} năm {y} có nhiệm vụ nào phải xong?")
DOC_INFO = ("Văn bản {n} do ai ký?", "van ban {n} ban hanh ngay nao", "Công văn {n} ai ký?", "ai ký văn bản số {n}")
DOC_LIST = ("Văn bản nào nói về {t}?", "co nhung van ban nao ve {t}", "danh sách văn bản")
DOC_SUMMARY = ("Tóm tắt văn bản {n}", "noi dung chinh cua van ban {n}")
FACTS = ("Chỉ số CCHC năm {y} đạt bao nhiêu điểm?", "Quý I có bao nhiêu hồ sơ trực tuyến?",
         "có bao nhiêu xã đạt chuẩn nông thôn mới?", "bao nhiêu vụ tai nạn giao thông?",
         "Xã nào xếp loại tốt?", "bao nhiêu hộ nghèo", "tỷ lệ giải ngân vốn đầu tư công đạt bao nhiêu?",
         "có bao nhiêu ca mắc sốt xuất huyết?")
TOPICS = ("cải cách hành chính", "chuyển đổi số", "một cửa", "đất đai", "an toàn thực phẩm", "phòng chống thiên tai",
          "nông thôn mới", "Đề án 06", "tuyển quân", "dịch vụ công trực tuyến")
NO_MATCH = ("Phòng Ngoại giao vũ trụ phải làm gì?", "xyz qwe", "giá vàng hôm nay bao nhiêu?", "phong ngoai vu lam gi")
FOLLOW_UPS = ("còn {u} thì sao?", "hạn của việc đó?", "con {u} thi sao")


def _fold(s: str) -> str:
    from knowledge.text import fold
    return fold(s)


def _typed(r: random.Random, q: str) -> str:
    """As people type: sometimes no diacritics, sometimes all lower case."""
    x = r.random()
    if x < 0.3:
        return _fold(q)
    if x < 0.4:
        return q.lower()
    return q


def _short(r: random.Random, name: str) -> str:
    for long, short in ABBREVIATE:
        if long in name and r.random() < 0.5:
            return name.replace(long, short)
    return name


def _snippet(r: random.Random, action: str) -> str:
    """A few words of a task's action, as someone remembers it."""
    words = re.sub(r"[^\wÀ-ỹ\s]", " ", action.split(";")[0].split(",")[0]).split()
    if len(words) < 3:
        return " ".join(words)
    k = r.randint(3, min(7, len(words)))
    start = r.randint(0, min(3, len(words) - k))
    return " ".join(words[start:start + k]).lower()


def build_questions(store, n: int, seed: int, today: date) -> list[tuple[str, str, bool]]:
    """(kind asked, question, is a follow-up in the same chat) drawn from what the store holds."""
    r = random.Random(f"questions:{seed}")
    # units as people name them: not the odd over-long name an extraction may have produced
    units = [row for row in store.db.query("select name, scope from units where kind = 'unit'")
             if len(row["name"].split()) <= 8]
    docs = [row for row in store.db.query("select number, place from documents where number is not null")]
    actions = [row["action"] for row in store.db.query(
        "select action from tasks where rowid % 50 = 0 and length(action) < 400")]
    r.shuffle(units)
    r.shuffle(docs)
    kinds = (("unit_tasks", 22), ("who", 12), ("deadline", 10), ("coordination", 6), ("overdue", 6),
             ("due_soon", 6), ("by_month", 6), ("doc_info", 8), ("doc_list", 5), ("doc_summary", 4),
             ("facts", 8), ("follow_up", 4), ("no_match", 3))
    names, weights = zip(*kinds)
    out: list[tuple[str, str, bool]] = []
    while len(out) < n:
        kind = r.choices(names, weights)[0]
        u = r.choice(units) if units else {"name": "Phòng Nội vụ", "scope": ""}
        uname = _short(r, u["name"])
        place = re.sub(r"^(?:tỉnh|huyện|thị xã|thành phố|xã|phường|thị trấn)\s+", "", u["scope"] or "") or "Bảo Lâm"
        doc = r.choice(docs) if docs else {"number": "276/UBND-NV"}
        number = doc["number"] if r.random() < 0.6 else doc["number"].split("/")[0]
        a = _snippet(r, r.choice(actions)) if actions else "báo cáo"
        m = r.randint(1, 12)
        follow = False
        if kind == "unit_tasks":
            q = r.choice(UNIT_TEMPLATES).format(u=uname, place=place)
        elif kind == "who":
            q = r.choice(WHO_TEMPLATES).format(a=a)
        elif kind == "deadline":
            q = r.choice(DEADLINE_TEMPLATES).format(a=a, u=uname)
        elif kind == "coordination":
            q = r.choice(("{u} phối hợp với ai?", "{u} phoi hop voi don vi nao?")).format(u=uname)
        elif kind == "overdue":
            q = r.choice(OVERDUE).format(u=uname)
        elif kind == "due_soon":
            q = r.choice(DUE_SOON)
        elif kind == "by_month":
            q = r.choice(BY_MONTH).format(m=m, y=r.choice((today.year, today.year - 1)))
        elif kind == "doc_info":
            q = r.choice(DOC_INFO).format(n=number)
        elif kind == "doc_list":
            q = r.choice(DOC_LIST).format(t=r.choice(TOPICS))
        elif kind == "doc_summary":
            q = r.choice(DOC_SUMMARY).format(n=doc["number"])
        elif kind == "facts":
            q = r.choice(FACTS).format(y=r.randint(2019, 2024))
        elif kind == "follow_up":
            out.append(("unit_tasks", _typed(r, r.choice(UNIT_TEMPLATES[:4]).format(u=uname, place=place)), False))
            q = r.choice(FOLLOW_UPS).format(u=_short(r, r.choice(units)["name"]) if units else "Phòng Tư pháp")
            follow = True
        else:
            q = r.choice(NO_MATCH)
        out.append((kind, _typed(r, q), follow))
    return out[:n]


def _pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    if not xs:
        return float("nan")
    k = (len(xs) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (k - lo)


def _stats(ms: list[float]) -> dict:
    return {"n": len(ms), "p50_ms": round(_pct(ms, 50), 1), "p95_ms": round(_pct(ms, 95), 1),
            "p99_ms": round(_pct(ms, 99), 1), "max_ms": round(max(ms), 1), "mean_ms": round(statistics.fmean(ms), 1)}


def _answer_record(kind: str, q: str, answer) -> dict:
    """What a question got: the text a console user sees (the ``chidao ask`` path) and the answer's
    content, so a change in what is answered shows up even where the rendering cuts it."""
    from bot.render import render

    return {
        "kind_asked": kind, "q": q, "kind": answer.kind, "text": render(answer),
        "units": list(answer.units), "tasks": [t.task.id for t in answer.tasks],
        "documents": [d.id for d in answer.documents], "facts": [[f.doc_id, f.clause, f.text] for f in answer.facts],
        "suggestions": list(answer.suggestions), "total": answer.total, "offset": answer.offset,
        "scope": answer.scope, "detail": answer.detail, "focus": list(answer.focus),
    }


def worker(db: Path, n_questions: int, seed: int, today: date, use_tracemalloc: bool, profile: str | None,
           dump: str | None = None, no_memo: bool = False) -> dict:
    cpu = bench_ingest._one_core()
    import tracemalloc

    from knowledge.answer import ChatContext, Engine
    from knowledge.store import Store

    store = Store(db)
    questions = build_questions(store, n_questions, seed, today)
    rss0 = bench_ingest._rss_mb()
    engine = Engine(store)
    t = time.perf_counter()
    first = engine.ask("Phòng Nội vụ phải làm gì?", today=today)
    cold_ms = (time.perf_counter() - t) * 1000
    rss_loaded = bench_ingest._rss_mb()
    if use_tracemalloc:
        tracemalloc.start()
    by_kind: dict[str, list[float]] = defaultdict(list)
    by_kind_cpu: dict[str, list[float]] = defaultdict(list)
    cpu_ms: list[float] = []
    answered: Counter = Counter()
    slowest: list[tuple[float, str, str]] = []
    errors: list[str] = []
    ctx = ChatContext()
    given: list[tuple[str, str, object]] = []   # kept for --dump, rendered after the timed loop
    prof = None
    if profile:
        import cProfile
        prof = cProfile.Profile()
        prof.enable()
    for kind, q, follow in questions:
        if not follow:
            ctx = ChatContext()
        if no_memo:
            store.forget_searches()     # every question pays for its searches, as if asked first (counts kept)
        t, c = time.perf_counter(), time.process_time()
        try:
            a = engine.ask(q, today=today, context=ctx)
            answered[f"{kind} -> {a.kind}"] += 1
            if dump:
                given.append((kind, q, a))
        except Exception as e:  # a crash is a finding, not the end of the run
            errors.append(f"{kind}: {q!r}: {type(e).__name__}: {e}"[:300])
            answered[f"{kind} -> ERROR"] += 1
        ms = (time.perf_counter() - t) * 1000
        cpu_ms.append((time.process_time() - c) * 1000)
        by_kind[kind].append(ms)
        by_kind_cpu[kind].append(cpu_ms[-1])
        slowest.append((ms, kind, q))
        if dump and given and given[-1][1] is q:
            given[-1] = given[-1] + (cpu_ms[-1],)
    if prof:
        prof.disable()
        prof.dump_stats(profile)
    if dump:
        with open(dump, "w", encoding="utf-8") as out_file:
            for kind, q, a, cpu_q in given:
                record = _answer_record(kind, q, a)
                record["cpu_ms"] = round(cpu_q, 1)     # timing only: leave it out when comparing answers
                out_file.write(json.dumps(record, ensure_ascii=False) + "\n")
    all_ms = [x for xs in by_kind.values() for x in xs]
    out = {
        "documents": next(store.db.query("select count(*) n from documents"))["n"],
        "tasks": next(store.db.query("select count(*) n from tasks"))["n"],
        "units": next(store.db.query("select count(*) n from units"))["n"], "cpu": cpu,
        "cold_first_ms": round(cold_ms, 1), "first_answer_kind": first.kind,
        "all": _stats(all_ms), "cpu_time": _stats(cpu_ms),
        "by_kind": {k: _stats(v) for k, v in sorted(by_kind.items())},
        "by_kind_cpu": {k: _stats(v) for k, v in sorted(by_kind_cpu.items())}, "no_memo": no_memo,
        "answer_kinds": dict(sorted(answered.items())),
        "slowest": [{"ms": round(ms, 1), "kind": k, "q": q} for ms, k, q in sorted(slowest, reverse=True)[:8]],
        "errors": errors[:10], "error_count": len(errors),
        "rss_before_engine_mb": round(rss0, 1), "rss_after_catalogue_mb": round(rss_loaded, 1),
        "rss_end_mb": round(bench_ingest._rss_mb(), 1),
        "maxrss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
    if use_tracemalloc:
        out["traced_peak_mb"] = round(tracemalloc.get_traced_memory()[1] / 2**20, 1)
        tracemalloc.stop()
    store.close()
    return out


def ensure_store(work: Path, seed: int, n: int) -> Path:
    db = bench_ingest.store_path(work, seed, n)
    stamp = db.with_suffix(".json")
    if db.exists() and stamp.exists() and json.loads(stamp.read_text()).get("documents") == n:
        return db
    bench_ingest.ensure_corpus(work, seed, n)
    bench_ingest.run_size(work, seed, n, False)
    return db


def _dump_path(dump: str, n: int, several: bool) -> Path:
    path = Path(dump)
    return path.with_name(f"{path.stem}-{n}{path.suffix}") if several else path


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--work", type=Path, default=bench_ingest.DEFAULT_WORK)
    ap.add_argument("--questions", type=int, default=400)
    ap.add_argument("--today", default="2024-06-15", help="the date time views are relative to (YYYY-MM-DD)")
    ap.add_argument("--tracemalloc", action="store_true", help="also trace the Python heap of the ask loop")
    ap.add_argument("--profile", metavar="PREFIX", help="write cProfile stats to PREFIX-N.prof for each size")
    ap.add_argument("--dump", metavar="FILE", help="write every question and its answer (rendered text and content) "
                    "as JSON lines; with several sizes, FILE gets -N before its suffix")
    ap.add_argument("--no-memo", action="store_true", help="forget the store's remembered search rankings before "
                    "every question, so each pays for its own full-text searches; the row totals and per-word row "
                    "counts are kept (catalogue data, like the unit catalogue: they change only with the texts)")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--worker", metavar="DB", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    today = date.fromisoformat(args.today)
    if args.worker:
        print(json.dumps(worker(Path(args.worker), args.questions, args.seed, today, args.tracemalloc, args.profile,
                                args.dump, args.no_memo)))
        return 0
    results = {}
    for n in sorted(args.sizes):
        db = ensure_store(args.work, args.seed, n)
        cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", str(db), "--questions", str(args.questions),
               "--seed", str(args.seed), "--today", args.today] + (["--tracemalloc"] if args.tracemalloc else []) + (
               ["--profile", f"{args.profile}-{n}.prof"] if args.profile else []) + (
               ["--dump", str(_dump_path(args.dump, n, len(args.sizes) > 1))] if args.dump else []) + (
               ["--no-memo"] if args.no_memo else [])
        print(f"asking {args.questions} questions over {n} documents …", file=sys.stderr)
        results[n] = json.loads(subprocess.run(cmd, stdout=subprocess.PIPE, text=True, check=True).stdout)
    if args.json:
        print(json.dumps(results, indent=2, ensure_ascii=False))
        return 0
    for n, r in results.items():
        a, c = r["all"], r["cpu_time"]
        print(f"\n{n} documents ({r['tasks']} tasks, {r['units']} units): cold first question {r['cold_first_ms']} ms; "
              f"p50 {a['p50_ms']} ms, p95 {a['p95_ms']} ms, p99 {a['p99_ms']} ms, max {a['max_ms']} ms; "
              f"peak RSS {r['maxrss_mb']} MB" + (f", traced peak {r['traced_peak_mb']} MB" if "traced_peak_mb" in r else "")
              + (f"; {r['error_count']} ERRORS" if r["error_count"] else ""))
        print(f"  CPU time{' (searches forgotten before every question)' if r.get('no_memo') else ''}: "
              f"p50 {c['p50_ms']} ms, p95 {c['p95_ms']} ms, p99 {c['p99_ms']} ms, max {c['max_ms']} ms")
        print(f"  {'kind (CPU ms)':14} {'n':>4} {'p50':>8} {'p95':>8} {'max':>8}")
        for k, s in r["by_kind_cpu"].items():
            print(f"  {k:14} {s['n']:>4} {s['p50_ms']:>8} {s['p95_ms']:>8} {s['max_ms']:>8}")
        for e in r["errors"][:5]:
            print(f"  error: {e}")
    big = results[max(results)]
    ok = big["cpu_time"]["p95_ms"] < TARGET_P95_MS and not big["error_count"]
    print(f"\ntarget p95 < {TARGET_P95_MS:.0f} ms at {max(results)} documents: {'met' if ok else 'MISSED'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
