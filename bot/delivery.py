"""The port every channel implements for pushing messages (alerts, broadcasts)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from bot.conversation import ChatRef


@dataclass(frozen=True)
class Button:
    text: str
    data: str          # callback data (Telegram) / the text a Zalo user types to choose it


@dataclass(frozen=True)
class OutMessage:
    chat: ChatRef
    text: str                                      # already rendered for chat.channel
    buttons: tuple[tuple[Button, ...], ...] = ()   # rows of buttons; Zalo renders them as numbered choices


class DeliveryError(Exception):
    """A message could not be delivered now (network, server error); try again later."""


class ChatGone(DeliveryError):
    """The user blocked the bot or the chat no longer exists: mark the chat inactive, go on."""


class Sender(Protocol):
    channel: str

    async def send(self, message: OutMessage) -> None:
        """Deliver one message; waits out rate limits (RetryAfter) itself; raises ChatGone or DeliveryError."""
