"""The terminal as a delivery channel: `digibot chat` prints the chatting person's due notifications.

The normal delivery worker (bot/delivery/worker.py), filtered to that person, sends their due rows
through a `ConsoleSender`: every channel's rows except those a running service delivers (e.g. Slack when
it is configured). A row is printed as plain text and recorded as sent with platform message id "console".
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.channels import CHANNEL_NAMES
from bot.channels.base import Delivery
from bot.delivery.worker import DeliveryWorker, default_worker_id, utcnow
from messages.codec import message_from_dict
from messages.render_text import to_text

CONSOLE_ID = "console"


def render_delivery(delivery: Delivery) -> str:
    """The text the terminal shows for a delivery (an attachment is named, not printed)."""
    text = to_text([message_from_dict(m) for m in (delivery.message, *delivery.more)], delivery.lang)
    attachment = delivery.attachment or {}
    if attachment.get("filename"):
        text = f"{text}\n📎 {attachment['filename']}"
    return text


class ConsoleSender:
    """Writes each delivery to the terminal (`render`: how a delivery reads; `digibot chat` numbers buttons)."""

    def __init__(self, write: Callable[[str], object],
                 render: Callable[[Delivery], str] = render_delivery) -> None:
        self.write = write
        self.render = render

    async def send(self, delivery: Delivery) -> str | None:
        self.write(self.render(delivery) + "\n\n")
        return CONSOLE_ID


def console_worker(
    sessions: async_sessionmaker[AsyncSession],
    person_id: int,
    write: Callable[[str], object],
    clock: Callable[[], datetime] = utcnow,
    *,
    skip_channels: Sequence[str] = (),
    render: Callable[[Delivery], str] = render_delivery,
) -> DeliveryWorker:
    """A delivery worker for one person's rows of every channel except `skip_channels`, all to the terminal."""
    sender = ConsoleSender(write, render)
    senders = {name: sender for name in CHANNEL_NAMES if name not in skip_channels}
    return DeliveryWorker(sessions, senders, worker_id=f"console:{default_worker_id()}", clock=clock,
                          person_id=person_id, concurrency=1)
