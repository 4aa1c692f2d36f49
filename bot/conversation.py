"""The conversation core every channel shares: a chat is (channel, id)."""
from __future__ import annotations

import re
from collections import OrderedDict
from dataclasses import dataclass
from datetime import date, datetime

from knowledge.answer import Answer, ChatContext, Engine
from knowledge.text import fold

from bot.config import TZ
from bot.render import render

MORE = re.compile(r"^(?:xem them|them|tiep|xem tiep|trang sau|next|more)\W*$")


@dataclass(frozen=True)
class ChatRef:
    channel: str   # telegram, zalo, console
    id: str

    @property
    def key(self) -> str:
        return f"{self.channel}:{self.id}"


class Conversation:
    """Questions in, rendered answers out, with a small per-chat context for follow-ups."""

    def __init__(self, engine: Engine, *, max_chats: int = 10_000) -> None:
        self.engine = engine
        self._contexts: OrderedDict[str, ChatContext] = OrderedDict()
        self._max = max_chats

    def context(self, chat: ChatRef) -> ChatContext:
        ctx = self._contexts.pop(chat.key, None) or ChatContext()
        self._contexts[chat.key] = ctx
        while len(self._contexts) > self._max:
            self._contexts.popitem(last=False)
        return ctx

    def answer(self, chat: ChatRef, text: str, *, today: date | None = None) -> Answer:
        today = today or datetime.now(TZ).date()
        ctx = self.context(chat)
        if MORE.match(fold(text or "")) and ctx.question:
            more = self.engine.more(ctx, today=today)
            if more is not None:
                return more
        return self.engine.ask(text, today=today, context=ctx)

    def reply(self, chat: ChatRef, text: str, *, channel: str | None = None, today: date | None = None) -> str:
        return render(self.answer(chat, text, today=today), channel or chat.channel)
