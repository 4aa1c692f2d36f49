"""The terminal chat: the same conversation as the bots, over stdin/stdout."""
from __future__ import annotations

import sys
from datetime import date

from bot.conversation import ChatRef, Conversation
from bot.render import render_template


def run_console(conv: Conversation, *, today: date | None = None, stdin=None, stdout=None) -> int:
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    chat = ChatRef("console", "local")
    print(render_template("console_welcome.j2"), file=stdout)
    while True:
        if stdin.isatty():
            print("> ", end="", file=stdout, flush=True)
        line = stdin.readline()
        if not line:
            return 0
        text = line.strip()
        if text.lower() in ("/thoat", "/exit", "/quit", "thoat", "exit", "quit"):
            return 0
        if not text:
            continue
        print(conv.reply(chat, text, today=today), file=stdout)
        print(file=stdout, flush=True)
