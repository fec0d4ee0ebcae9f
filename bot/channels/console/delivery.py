"""The terminal as a delivery channel: `digibot chat` prints the person's due notifications.

Rows addressed to the person whose channel this process cannot deliver otherwise (e.g. Slack is not
configured) are claimed with storage.outbox.claim (for that person; SKIP LOCKED on PostgreSQL),
printed as plain text, and recorded as sent with platform message id "console".
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.delivery.metrics import METRICS
from bot.delivery.worker import default_worker_id, kv, utcnow
from messages.codec import message_from_dict
from messages.render_text import to_text
from storage import outbox
from storage.models_notify import OutboxMessage

log = logging.getLogger("digibot.delivery")

CONSOLE_ID = "console"


def render_row(row: OutboxMessage) -> str:
    """The text the terminal shows for a row (an attachment is named, not printed)."""
    text = to_text([message_from_dict(row.message)], row.lang)
    attachment = row.attachment or {}
    if attachment.get("filename"):
        text = f"{text}\n📎 {attachment['filename']}"
    return text


async def deliver_to_console(
    sessions: async_sessionmaker[AsyncSession],
    person_id: int,
    write: Callable[[str], object],
    clock: Callable[[], datetime] = utcnow,
    *,
    skip_channels: Sequence[str] = (),
    worker_id: str | None = None,
) -> int:
    """Print the person's due notifications (except those for `skip_channels`); returns how many."""
    worker = worker_id or f"console:{default_worker_id()}"
    now = clock()
    async with sessions() as session:
        rows = await outbox.claim(session, worker, now, person_id=person_id, skip_channels=skip_channels)
    for row in rows:
        started = time.perf_counter()
        write(render_row(row) + "\n\n")
        elapsed = time.perf_counter() - started
        async with sessions() as session:
            ok = await outbox.mark_sent(session, row.id, worker, CONSOLE_ID, clock())
        METRICS.sends.inc(channel=CONSOLE_ID)
        METRICS.latency.observe(elapsed, channel=CONSOLE_ID)
        log.info(kv(event="sent" if ok else "sent_lease_lost", id=row.id, key=row.key, kind=row.kind,
                    channel=CONSOLE_ID, recipient=row.recipient, attempt=row.attempts,
                    latency_ms=int(elapsed * 1000), via=row.channel))
    return len(rows)
