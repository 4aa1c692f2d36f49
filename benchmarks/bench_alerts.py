"""Alert selection over a million task occurrences and ten thousand subscriptions.

    .venv/bin/python benchmarks/bench_alerts.py [--occurrences 1000000] [--subscriptions 10000]
                                                [--leaders 10] [--db PATH [--reuse]] [--seed 1] [--repeat 5]

Builds a synthetic knowledge base in a temporary SQLite file through the real schema (the store's
migrations, ``refresh_occurrences`` for the occurrences, ``Store.set_status``'s table and the
triggers for the statuses), then times:

* refresh   -- ``refresh_occurrences`` the next day: the recurring window moves a day, the look-back
               drops a day (incremental: no document changed); the first, full build is timed too;
* select    -- ``select_alerts``: every (chat, occurrence, kind) of the day's digests, one SQL
               statement (the target: under 1 s);
* digests   -- ``digests(refresh=False, with_tasks=False)``: the same, one Digest per chat;
* render    -- per chat, what the scheduler does before sending: ``load_tasks`` for the items a message
               can list and ``render_digest`` (Telegram HTML);
* record    -- claiming and confirming every digest (what a run records after sending);
* again     -- ``select_alerts`` after that: a second run the same day finds nothing.

and prints the time of each step, the process's peak RSS after it, and for select and digests the
peak Python allocations (measured in a second pass under tracemalloc, which would skew the timing). The data: 5,000 documents; one-off tasks with deadlines spread
over two years back and one ahead; monthly ("trước ngày N") and weekly recurring tasks whose
occurrences reach back one year; 20,000 units, one lead per task, a coordinator for 30% and one of
200 monitoring units for every task; 97% of past occurrences done, 10% of future ones; the
subscriptions are one unit or one document per chat, plus ``--leaders`` chats that follow everything.
Not part of the test suite.
"""
from __future__ import annotations

import argparse
import random
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from knowledge import alerts  # noqa: E402
from knowledge.store import Store  # noqa: E402

from bot.scheduler import render_digest  # noqa: E402

TODAY = date(2025, 6, 16)
DOCS, UNITS, MONITORS = 5_000, 20_000, 200
WEEKLY_SHARE = 0.05                    # of the recurring tasks


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class Step:
    """Times a step (without tracemalloc, which slows Python code down) and prints the process's peak RSS."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __enter__(self) -> "Step":
        self.t0 = time.perf_counter()
        return self

    def __exit__(self, *exc: object) -> None:
        self.seconds = time.perf_counter() - self.t0
        print(f"{self.name:<9} {self.seconds:8.3f} s   process peak RSS {peak_rss_mb():8.1f} MB", flush=True)


def python_peak_mb(fn) -> float:
    """Peak Python allocations while ``fn`` runs (a separate, slower pass under tracemalloc)."""
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def build(store: Store, occurrences: int, subscriptions: int, leaders: int, rng: random.Random) -> None:
    db = store.db
    conn = db.conn
    now = datetime(TODAY.year, TODAY.month, TODAY.day, tzinfo=timezone.utc).isoformat(timespec="seconds")
    yesterday = (datetime.fromisoformat(now) - timedelta(days=1)).isoformat(timespec="seconds")
    until = TODAY + timedelta(days=2)                     # yesterday's run; today's moves the window a day
    floor = until - timedelta(days=alerts.RECURRENCE_LOOKBACK_DAYS)
    per_monthly = len(alerts.occurrence_dates("monthly", 25, floor, until))
    per_weekly = len(alerts.occurrence_dates("weekly", None, floor, until))
    recurring_occ = occurrences // 2
    weekly = int(recurring_occ * WEEKLY_SHARE / per_weekly)
    monthly = (recurring_occ - weekly * per_weekly) // per_monthly
    one_off = occurrences - weekly * per_weekly - monthly * per_monthly
    with conn:
        conn.executemany("insert into documents (id, file, sha256, number, kind, issuer, issued_on, subject, "
                         "recipients, warnings, text, ingested_at) values (?, ?, '', ?, 'Công văn', ?, ?, ?, '[]', "
                         "'[]', '', ?)",
                         ((i, f"doc-{i}.md", f"{i}/UBND-VP", f"UBND huyện {i % 300}", "2023-01-02",
                           f"Về việc số {i}", yesterday) for i in range(1, DOCS + 1)))
        conn.executemany("insert into units (id, name, folded, scope, kind) values (?, ?, ?, ?, 'unit')",
                         ((i, f"Phòng {i}", f"phong {i}", f"huyện {i % 300}") for i in range(1, UNITS + 1)))

        def tasks():
            n = 0
            for kind, count in (("one", one_off), ("monthly", monthly), ("weekly", weekly)):
                for _ in range(count):
                    n += 1
                    doc = rng.randint(1, DOCS)
                    deadline = (TODAY + timedelta(days=rng.randint(-730, 365))).isoformat() if kind == "one" else None
                    yield (f"{doc}.{n}", doc, n, str(n), f"Báo cáo số {n}", f"bao cao so {n}", deadline,
                           None if kind == "one" else kind, 25 if kind == "monthly" else None)

        conn.executemany("insert into tasks (id, doc_id, seq, clause, action, folded, deadline, recurrence, "
                         "recurrence_day) values (?, ?, ?, ?, ?, ?, ?, ?, ?)", tasks())
        links = []
        for (tid,) in conn.execute("select id from tasks"):
            lead = rng.randint(MONITORS + 1, UNITS)
            links.append((tid, lead, "chu_tri", "", 0))
            if rng.random() < 0.3:
                other = rng.randint(MONITORS + 1, UNITS)
                if other != lead:
                    links.append((tid, other, "phoi_hop", "", 0))
            links.append((tid, rng.randint(1, MONITORS), "theo_doi", "", 0))
        conn.executemany("insert into task_units (task_id, unit_id, role, written, pos) values (?, ?, ?, ?, ?)",
                         links)
        del links
    t0 = time.perf_counter()
    alerts.refresh_occurrences(store, until)             # the real path builds the occurrences
    print(f"built     {time.perf_counter() - t0:8.3f} s   occurrences (first, full refresh)", flush=True)
    with conn:
        conn.execute("insert into task_status (task_id, occurrence, status, updated_at) "
                     "select task_id, occurrence, 'da_hoan_thanh', ? from task_occurrences "
                     "where (due < ? and abs(random()) % 100 < 97) or (due >= ? and abs(random()) % 100 < 10)",
                     (now, TODAY.isoformat(), TODAY.isoformat()))
        chats = subscriptions - leaders
        rows = []
        for i in range(chats):
            if i % 10 == 9:
                rows.append(("telegram" if i % 3 else "zalo", str(100_000 + i), "document", rng.randint(1, DOCS)))
            else:
                rows.append(("telegram" if i % 3 else "zalo", str(100_000 + i), "unit", rng.randint(1, UNITS)))
        rows += [("telegram", str(900_000 + i), "all", 0) for i in range(leaders)]
        conn.executemany("insert into alert_subscriptions (channel, chat_id, kind, target, label, created_at) "
                         "values (?, ?, ?, ?, '', ?) on conflict do nothing", [(*r, now) for r in rows])
        conn.executemany("insert into alert_chats (channel, chat_id, active, changed_at) values (?, ?, 1, ?) "
                         "on conflict do nothing", [(r[0], r[1], now) for r in rows])
    conn.execute("analyze")


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--occurrences", type=int, default=1_000_000)
    p.add_argument("--subscriptions", type=int, default=10_000)
    p.add_argument("--leaders", type=int, default=10, help="chats subscribed to everything (among the total)")
    p.add_argument("--db", help="SQLite file to build (default: a temporary one)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--repeat", type=int, default=5, help="selection runs after the first one (warm cache)")
    p.add_argument("--reuse", action="store_true", help="use the database at --db as it is (built before)")
    args = p.parse_args()
    path = Path(args.db) if args.db else Path(tempfile.mkdtemp(prefix="bench-alerts-")) / "bench.db"
    if args.reuse and path.exists():
        store = Store(path)
        with store.db.conn as conn:
            conn.execute("delete from alert_digests")
            conn.execute("delete from alerts_sent")
        return measure(store, path, args)
    if path.exists():
        path.unlink()
    store = Store(path)
    t0 = time.perf_counter()
    build(store, args.occurrences, args.subscriptions, args.leaders, random.Random(args.seed))
    q = lambda sql: store.db.conn.execute(sql).fetchone()[0]  # noqa: E731
    print(f"data      {time.perf_counter() - t0:8.3f} s   {q('select count(*) from task_occurrences'):,} occurrences "
          f"({q('select count(*) from task_occurrences where done = 0'):,} open), "
          f"{q('select count(*) from tasks'):,} tasks, {q('select count(*) from alert_subscriptions'):,} "
          f"subscriptions ({args.leaders} leaders), {q('select count(*) from alert_chats'):,} chats", flush=True)
    return measure(store, path, args)


def measure(store: Store, path: Path, args: argparse.Namespace) -> int:
    policy = alerts.AlertPolicy()
    with Step("refresh"):
        alerts.refresh_occurrences(store, TODAY + timedelta(days=policy.due_soon_days))
    with Step("select"):
        selection = alerts.select_alerts(store, TODAY, policy)
    kinds = {k: sum(1 for rows in selection.chats.values() for r in rows if r[3] == n)
             for n, k in enumerate(alerts.KINDS, 1)}
    print(f"          {selection.total:,} (chat, occurrence) items for {len(selection.chats) + len(selection.leaders):,} "
          f"chats: {len(selection.everything):,} for each of {len(selection.leaders)} leaders, "
          f"{sum(map(len, selection.chats.values())):,} for the others {kinds}", flush=True)
    del selection
    runs = []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        alerts.select_alerts(store, TODAY, policy)
        runs.append(time.perf_counter() - t0)
    if runs:
        print(f"          select again ×{len(runs)}: best {min(runs):.3f} s, median {statistics.median(runs):.3f} s",
              flush=True)
    print(f"          select: peak Python allocations "
          f"{python_peak_mb(lambda: alerts.select_alerts(store, TODAY, policy)):.1f} MB", flush=True)
    with Step("digests"):
        found = alerts.digests(store, TODAY, policy, refresh=False, with_tasks=False)
    print(f"          {len(found):,} digests; peak Python allocations "
          f"{python_peak_mb(lambda: alerts.digests(store, TODAY, policy, refresh=False, with_tasks=False)):.1f} MB",
          flush=True)
    sources = {d.id: d for d in store.documents()}
    with Step("render") as step:
        for d in found:                       # what the scheduler does for each chat before sending
            [full] = alerts.load_tasks(store, [d])
            render_digest(full, "telegram", sources, policy)
    print(f"          {step.seconds / max(1, len(found)) * 1000:.2f} ms per chat (tasks read back, HTML rendered)",
          flush=True)
    with Step("record"):
        for d in found:
            if alerts.claim(store, d):
                alerts.confirm(store, d)
    del found
    with Step("again"):
        again = alerts.select_alerts(store, TODAY, policy)
    print(f"          {again.total} items left after recording; database {path.stat().st_size / 2**20:,.0f} MB "
          f"at {path}", flush=True)
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
