"""Ingest cost in CPU instructions per document, counted by valgrind's callgrind.

    .venv/bin/python benchmarks/bench_instructions.py [--docs 100] [--seed 1] [--work DIR] [--json]

Timings on a shared machine move by ±15 % from one run to the next, so two commits measured one
after the other cannot be told apart by a 5 % change. Instruction counts can: the same code, input
and environment give the same count whatever else the machine is doing. This benchmark ingests the
first N documents of the synthetic corpus (benchmarks/generate.py, as bench_ingest.py does) and
counts the instructions of the whole process, twice: with N + 1 documents and with 1. The
difference divided by N is the cost of one document, without the start-up, the imports and the
first document's lazy imports. PYTHONHASHSEED=0 makes string hashing, and so every dict's probing,
the same in every run.

It prints millions of instructions per document and where they go: the regular-expression engine,
the rest of the Python interpreter, SQLite, the C library (memory, copies, locks) and the rest.
It measures work, not time: the target of issue 2 (200 documents per second on one core) is a time,
which bench_ingest.py measures. Needs valgrind (Debian package ``valgrind``); a 100-document run
takes about two minutes.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_ingest import DEFAULT_WORK, ensure_corpus, size_folder  # noqa: E402

_LINE = re.compile(r"\s*([\d,]+) \([^)]*\)\s+(\S.*?)(?: \[(.*)\])?$")
PARTS = ("regular expressions", "Python interpreter", "SQLite", "C library", "other")


def worker(folder: Path, db: Path) -> None:
    """What is measured: ingest one folder into a fresh store, as the CLI does, but for one thing.
    Store.bulk() commits every 64 documents or every half second, whichever comes first; under
    valgrind a document takes 50 times longer, so the half-second rule would commit after nearly
    every one and make the count depend on the machine's speed. At full speed (over 100 documents a
    second) the 64-document rule is the one that commits, so that is the one kept here."""
    from knowledge.ingest import ingest_paths
    from knowledge.store import Store

    class CountedStore(Store):
        def bulk(self, max_documents: int = 64, max_seconds: float = float("inf")):
            return super().bulk(max_documents, max_seconds)

    ingest_paths(CountedStore(db), [folder])


def _start(folder: Path, out: Path, tmp: Path) -> subprocess.Popen:
    cmd = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", sys.executable,
           str(Path(__file__).resolve()), "--worker", str(folder), str(tmp / f"{folder.name}.db")]
    env = dict(os.environ, PYTHONHASHSEED="0")
    return subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)


def part_of(function: str, obj: str) -> str:
    """Which part of the stack a function belongs to (callgrind names the object file it came from)."""
    if function.startswith(("sre_", "_sre", "pattern_", "state_")):
        return "regular expressions"
    if "sqlite3" in obj:
        return "SQLite"
    if obj.startswith("libc.") or obj.startswith("ld-linux"):
        return "C library"
    if "python" in obj or obj in ("", "?", "???"):
        return "Python interpreter"   # functions callgrind could not place are inlined interpreter code
    return "other"


def profile(out: Path) -> tuple[int, Counter]:
    """Total instructions of a callgrind file, and their split by part."""
    text = subprocess.run(["callgrind_annotate", "--threshold=100", str(out)], capture_output=True, text=True,
                          check=True).stdout
    total, parts = 0, Counter()
    for line in text.splitlines():
        m = _LINE.match(line)
        if not m:
            continue
        count = int(m.group(1).replace(",", ""))
        if "PROGRAM TOTALS" in m.group(2):
            total = count
            continue
        function = m.group(2).rsplit(":", 1)[-1]
        obj = (m.group(3) or "").rsplit("/", 1)[-1]
        parts[part_of(function, obj)] += count
    return total, parts


def measure(work: Path, seed: int, docs: int) -> dict:
    ensure_corpus(work, seed, docs + 1)
    many, one = size_folder(work, seed, docs + 1), size_folder(work, seed, 1)
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        runs = {n: (_start(folder, tmp / f"callgrind-{n}.out", tmp), tmp / f"callgrind-{n}.out")
                for n, folder in ((docs + 1, many), (1, one))}
        for n, (proc, _) in runs.items():
            _, err = proc.communicate()
            if proc.returncode:
                raise SystemExit(f"valgrind failed on {n} documents:\n{err[-2000:]}")
        (total_many, parts_many), (total_one, parts_one) = (profile(out) for _, out in runs.values())
    per_doc = (total_many - total_one) / docs
    split = {p: (parts_many[p] - parts_one[p]) / docs for p in PARTS}
    return {"documents": docs, "seed": seed, "instructions_per_document": round(per_doc),
            "by_part": {p: round(v) for p, v in split.items()},
            "runs": {"with_n_plus_1": total_many, "with_1": total_one}}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=100, help="documents counted (default 100)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--work", type=Path, default=DEFAULT_WORK, help=f"corpus (default {DEFAULT_WORK})")
    ap.add_argument("--json", action="store_true", help="print the results as JSON")
    ap.add_argument("--worker", nargs=2, metavar=("FOLDER", "DB"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        worker(Path(args.worker[0]), Path(args.worker[1]))
        return 0
    if not shutil.which("valgrind") or not shutil.which("callgrind_annotate"):
        print("valgrind is not installed (Debian: apt-get install valgrind)", file=sys.stderr)
        return 2
    if args.docs < 1:
        ap.error("--docs must be at least 1")
    args.work.mkdir(parents=True, exist_ok=True)
    result = measure(args.work, args.seed, args.docs)
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    per_doc = result["instructions_per_document"]
    print(f"\n{per_doc / 1e6:.2f} M instructions per document (ingest of {args.docs} synthetic documents, seed {args.seed})")
    for part, v in result["by_part"].items():
        print(f"  {part:<22} {v / 1e6:6.2f} M  {100 * v / per_doc:5.1f} %")
    return 0


if __name__ == "__main__":
    sys.exit(main())
