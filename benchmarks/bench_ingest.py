"""Ingest benchmark: synthetic directives into a fresh SQLite store, at 1,000 and 10,000 documents.

    .venv/bin/python benchmarks/bench_ingest.py [--sizes 1000 10000] [--seed 1] [--work DIR]
                                                [--tracemalloc] [--json]

The corpus is generated once (benchmarks/generate.py, deterministic) into WORK/corpus-seedS
and reused; each size gets a folder of links to the first N documents, ingested exactly
as the CLI does (``ingest_paths(store, [folder])``) into WORK/store-N.db, which
bench_answer.py then reuses.  Each size runs in its own process pinned to one CPU, so
its peak RSS (getrusage maxrss) is its own; resident memory is also sampled every 10 %
of the run, and with ``--tracemalloc`` the Python heap too (slower: timing is then only
indicative).  Memory is "flat" when the 10,000-document run peaks within 25 % of the
1,000-document run and its resident memory stops growing after the first fifth.
Target (issue 2): >= 200 documents/second on one core.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

TARGET_DOCS_PER_SECOND = 200
DEFAULT_WORK = Path(tempfile.gettempdir()) / "chidao-bench"


def corpus_dir(work: Path, seed: int) -> Path:
    return work / f"corpus-seed{seed}"


def ensure_corpus(work: Path, seed: int, n: int) -> Path:
    """At least n generated documents in WORK/corpus-seedS (documents do not depend on n)."""
    import generate

    out = corpus_dir(work, seed)
    stamp = out / "corpus.json"
    have = json.loads(stamp.read_text())["n"] if stamp.exists() else 0
    if have < n:
        print(f"generating {n - have} documents into {out} …", file=sys.stderr)
        t = time.perf_counter()
        generate.generate(out, n, seed, start=have)
        stamp.write_text(json.dumps({"seed": seed, "n": n}))
        print(f"  done in {time.perf_counter() - t:.1f}s", file=sys.stderr)
    return out


def size_folder(work: Path, seed: int, n: int) -> Path:
    """WORK/docs-seedS-N: links to the first n documents, so the ingest reads a plain folder."""
    src = corpus_dir(work, seed)
    files = sorted(p for p in src.iterdir() if p.suffix == ".md")[:n]
    if len(files) < n:
        raise SystemExit(f"corpus has {len(files)} documents, {n} needed")
    folder = work / f"docs-seed{seed}-{n}"
    if folder.exists() and len(list(folder.iterdir())) == n:
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    for f in folder.iterdir():
        f.unlink()
    for f in files:
        (folder / f.name).symlink_to(f)
    return folder


def store_path(work: Path, seed: int, n: int) -> Path:
    return work / f"store-seed{seed}-{n}.db"


def _rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def _one_core() -> int | None:
    try:
        cpu = max(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpu})
        return cpu
    except (AttributeError, OSError):
        return None


def worker(folder: Path, db: Path, n: int, use_tracemalloc: bool) -> dict:
    """Ingest one folder into a fresh store; measured in this process only."""
    cpu = _one_core()
    import tracemalloc

    from knowledge.ingest import ingest_paths
    from knowledge.store import Store

    for p in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
        p.unlink(missing_ok=True)
    store = Store(db)
    if use_tracemalloc:
        tracemalloc.start()
    rss_start = _rss_mb()
    samples: list[dict] = []
    step = max(1, n // 10)
    done = 0
    failed = 0
    t_wall, t_cpu = time.perf_counter(), time.process_time()

    def on_file(report) -> None:
        nonlocal done, failed
        done += 1
        failed += report.status == "failed"
        if done % step == 0 or done == n:
            sample = {"docs": done, "rss_mb": round(_rss_mb(), 1),
                      "seconds": round(time.perf_counter() - t_wall, 1)}
            if use_tracemalloc:
                sample["traced_mb"] = round(tracemalloc.get_traced_memory()[0] / 2**20, 1)
            samples.append(sample)
            print(f"  {done:>6}/{n} {sample}", file=sys.stderr, flush=True)

    summary = ingest_paths(store, [folder], on_file=on_file)
    wall, cpu_s = time.perf_counter() - t_wall, time.process_time() - t_cpu
    out = {
        "documents": done, "failed": failed, "tasks": summary.tasks, "cpu": cpu,
        "wall_s": round(wall, 2), "cpu_s": round(cpu_s, 2),
        "docs_per_s_wall": round(done / wall, 1), "docs_per_s_cpu": round(done / cpu_s, 1),
        "rss_start_mb": round(rss_start, 1),
        "maxrss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "samples": samples,
    }
    if use_tracemalloc:
        out["traced_peak_mb"] = round(tracemalloc.get_traced_memory()[1] / 2**20, 1)
        tracemalloc.stop()
    counts = next(store.db.query("select (select count(*) from documents) d, (select count(*) from tasks) t, "
                                 "(select count(*) from units) u, (select count(*) from passages) p"))
    out["store"] = {"documents": counts["d"], "tasks": counts["t"], "units": counts["u"], "passages": counts["p"]}
    store.close()
    out["db_mb"] = round(db.stat().st_size / 2**20, 1)
    (db.with_suffix(".json")).write_text(json.dumps({"n": n, "documents": done, "folder": str(folder)}))
    return out


def run_size(work: Path, seed: int, n: int, use_tracemalloc: bool) -> dict:
    folder = size_folder(work, seed, n)
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", str(folder), str(store_path(work, seed, n)),
           str(n)] + (["--tracemalloc"] if use_tracemalloc else [])
    print(f"ingesting {n} documents …", file=sys.stderr)
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, text=True, check=True)
    return json.loads(proc.stdout)


def flatness(results: dict[int, dict]) -> dict:
    """Peak memory of the largest run against the smallest, and growth inside the largest run."""
    sizes = sorted(results)
    small, big = results[sizes[0]], results[sizes[-1]]
    ratio = big["maxrss_mb"] / small["maxrss_mb"]
    s = big["samples"]
    early = next((x for x in s if x["docs"] >= big["documents"] // 5), s[0])
    growth = s[-1]["rss_mb"] - early["rss_mb"]
    per_1000 = growth / max(1, (s[-1]["docs"] - early["docs"])) * 1000
    out = {"maxrss_ratio": round(ratio, 2), "rss_growth_after_first_fifth_mb": round(growth, 1),
           "rss_growth_per_1000_docs_mb": round(per_1000, 2)}
    if "traced_mb" in early:
        out["traced_growth_after_first_fifth_mb"] = round(s[-1]["traced_mb"] - early["traced_mb"], 1)
    out["flat"] = ratio <= 1.25 and per_1000 < 1.0
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--work", type=Path, default=DEFAULT_WORK, help=f"corpus and stores (default {DEFAULT_WORK})")
    ap.add_argument("--tracemalloc", action="store_true", help="also trace the Python heap (slower)")
    ap.add_argument("--json", action="store_true", help="print the results as JSON")
    ap.add_argument("--worker", nargs=3, metavar=("FOLDER", "DB", "N"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        folder, db, n = args.worker
        print(json.dumps(worker(Path(folder), Path(db), int(n), args.tracemalloc)))
        return 0
    args.work.mkdir(parents=True, exist_ok=True)
    ensure_corpus(args.work, args.seed, max(args.sizes))
    results = {n: run_size(args.work, args.seed, n, args.tracemalloc) for n in sorted(args.sizes)}
    flat = flatness(results) if len(results) > 1 else None
    if args.json:
        print(json.dumps({"results": results, "flatness": flat}, indent=2))
        return 0
    print(f"\n{'docs':>7} {'tasks':>8} {'wall s':>8} {'docs/s wall':>12} {'docs/s cpu':>11} {'maxrss MB':>10} "
          f"{'traced peak MB':>15} {'db MB':>7}")
    for n, r in results.items():
        print(f"{n:>7} {r['tasks']:>8} {r['wall_s']:>8} {r['docs_per_s_wall']:>12} {r['docs_per_s_cpu']:>11} "
              f"{r['maxrss_mb']:>10} {r.get('traced_peak_mb', '-'):>15} {r['db_mb']:>7}")
    best = min(r["docs_per_s_cpu"] for r in results.values())
    print(f"\ntarget >= {TARGET_DOCS_PER_SECOND} docs/s on one core: {'met' if best >= TARGET_DOCS_PER_SECOND else 'MISSED'}"
          f" (slowest size: {best} docs/s of CPU time)")
    if flat:
        print(f"memory flat in corpus size: {'yes' if flat['flat'] else 'NO'} {flat}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
