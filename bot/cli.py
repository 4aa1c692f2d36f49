"""The one command line: chidao ingest | tasks | ask | chat | run | subscribe | unsubscribe | alerts."""
from __future__ import annotations

import argparse
import json
import sys
from datetime import date, datetime
from pathlib import Path

from knowledge.dates import parse_user_date
from knowledge.errors import BadDate, ChidaoError
from knowledge.ingest import FileReport, ingest_paths, iter_files

from bot.config import TZ, load_settings
from bot.kb import open_store
from bot.render import render_template


def _today(value: str | None) -> date:
    if not value:
        return datetime.now(TZ).date()
    return parse_user_date(value)


def cmd_ingest(args: argparse.Namespace) -> int:
    store = open_store(args.db)
    progress = None
    if args.progress or not args.json and sys.stderr.isatty():
        # counted for the bar (a second walk of the folders), not kept: 10,000 paths would be held all along
        count = sum(1 for _ in iter_files(args.paths))
        if args.progress or count > 20:
            from tqdm import tqdm
            progress = tqdm(total=count, unit="file", file=sys.stderr)

    def on_file(r: FileReport) -> None:
        if progress:
            progress.update(1)
        elif not args.json and not args.quiet:
            print(render_template("ingest_file.j2", report=r))

    summary = ingest_paths(store, args.paths, on_file=on_file)
    if progress:
        progress.close()
        for r in summary.reports:
            if r.status == "failed":
                print(render_template("ingest_file.j2", report=r))
    if args.json:
        print(json.dumps({"files": [r.__dict__ for r in summary.reports],
                          "added": summary.count("added"), "updated": summary.count("updated"),
                          "unchanged": summary.count("unchanged"), "failed": summary.count("failed"),
                          "tasks": summary.tasks}, ensure_ascii=False, indent=1))
    else:
        print(render_template("ingest_summary.j2", summary=summary))
    return 0 if summary.reports and summary.count("failed") < len(summary.reports) else 1


def cmd_tasks(args: argparse.Namespace) -> int:
    store = open_store(args.db)
    docs = []
    by_doc: dict[int, list] = {}
    for t in store.tasks():
        by_doc.setdefault(t.doc_id, []).append(t)
    for d in store.documents():
        docs.append({
            "file": d.file, "number": d.number, "kind": d.kind, "issuer": d.issuer, "issued_on": d.issued_on,
            "subject": d.subject, "signer": d.signer, "recipients": list(d.recipients),
            "tasks": [{
                "id": t.id, "assignees": list(t.assignees), "coordinators": list(t.coordinators),
                "monitors": list(t.monitors), "action": t.action,
                "deadline": t.deadline.isoformat() if t.deadline else None, "deadline_time": t.deadline_time,
                "recurrence": t.recurrence, "recurrence_day": t.recurrence_day, "urgency": t.urgency,
                "status": t.status, "clause": t.clause,
            } for t in by_doc.get(d.id, [])],
        })
    if args.json:
        print(json.dumps({"documents": docs}, ensure_ascii=False, indent=1))
    else:
        print(render_template("task_table.j2", documents=docs))
    return 0


def _conversation(db):
    from knowledge.answer import Engine

    from bot.conversation import Conversation
    return Conversation(Engine(open_store(db)))


def cmd_ask(args: argparse.Namespace) -> int:
    from bot.conversation import ChatRef
    conv = _conversation(args.db)
    print(conv.reply(ChatRef("console", "cli"), " ".join(args.question), today=_today(args.today)))
    return 0


def cmd_chat(args: argparse.Namespace) -> int:
    from bot.channels.console import run_console
    return run_console(_conversation(args.db), today=_today(getattr(args, "today", None)) if getattr(args, "today", None) else None)


def cmd_run(args: argparse.Namespace) -> int:
    settings = load_settings()
    if not settings.telegram_token and not settings.zalo_token:
        print(render_template("no_token.j2"), file=sys.stderr)
        return cmd_chat(args)
    from bot.app import run_channels
    return run_channels(settings, db=args.db, webhook=args.webhook, port=args.port)


def cmd_subscribe(args: argparse.Namespace) -> int:
    from bot.alerts_cli import subscribe
    return subscribe(args)


def cmd_unsubscribe(args: argparse.Namespace) -> int:
    from bot.alerts_cli import unsubscribe
    return unsubscribe(args)


def cmd_alerts(args: argparse.Namespace) -> int:
    from bot.alerts_cli import alerts
    return alerts(args)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="chidao", description=render_template("cli_description.j2"))
    sub = p.add_subparsers(dest="cmd")

    def with_db(sp: argparse.ArgumentParser) -> argparse.ArgumentParser:
        sp.add_argument("--db", help="SQLite file (default: the bundled directives in the user data folder)")
        return sp

    s = with_db(sub.add_parser("ingest", help="read directive files or folders into the knowledge base"))
    s.add_argument("paths", nargs="+")
    s.add_argument("--json", action="store_true")
    s.add_argument("--quiet", action="store_true")
    s.add_argument("--progress", action="store_true", help="always show the progress bar")
    s.set_defaults(fn=cmd_ingest)

    s = with_db(sub.add_parser("tasks", help="list extracted tasks"))
    s.add_argument("--json", action="store_true")
    s.set_defaults(fn=cmd_tasks)

    s = with_db(sub.add_parser("ask", help="answer one question as the bot would"))
    s.add_argument("question", nargs="+")
    s.add_argument("--today", help="YYYY-MM-DD or dd/mm/yyyy")
    s.set_defaults(fn=cmd_ask)

    s = with_db(sub.add_parser("chat", help="chat in the terminal"))
    s.add_argument("--today")
    s.set_defaults(fn=cmd_chat)

    s = with_db(sub.add_parser("run", help="start the bots whose tokens are set (console chat with none)"))
    s.add_argument("--webhook", help="public HTTPS URL for webhook mode")
    s.add_argument("--port", type=int, default=8443)
    s.add_argument("--today")
    s.set_defaults(fn=cmd_run)

    s = with_db(sub.add_parser("subscribe", help="subscribe a chat to a unit's alerts"))
    s.add_argument("--chat", required=True)
    s.add_argument("--unit")
    s.add_argument("--document")
    s.add_argument("--all", action="store_true", help="everything (leaders)")
    s.add_argument("--channel", default="telegram", choices=["telegram", "zalo"])
    s.set_defaults(fn=cmd_subscribe)

    s = with_db(sub.add_parser("unsubscribe", help="remove a chat's subscriptions"))
    s.add_argument("--chat", required=True)
    s.add_argument("--unit")
    s.add_argument("--document")
    s.add_argument("--all", action="store_true")
    s.add_argument("--channel", default="telegram", choices=["telegram", "zalo"])
    s.set_defaults(fn=cmd_unsubscribe)

    s = with_db(sub.add_parser("alerts", help="compute (and send) the alert digests of a day"))
    s.add_argument("--today")
    s.add_argument("--dry-run", action="store_true")
    s.set_defaults(fn=cmd_alerts)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if not getattr(args, "fn", None):
        args = build_parser().parse_args(["run"] + (argv or sys.argv[1:]))
    try:
        return args.fn(args)
    except BadDate as e:
        print(render_template("errors.j2", error="bad_date", value=e.value), file=sys.stderr)
        return 2
    except ChidaoError as e:
        print(render_template("errors.j2", error=type(e).__name__, value=str(e)), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the reader (| head) went away: nothing more to say
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    sys.exit(main())
