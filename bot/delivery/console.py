"""The terminal as a delivery channel: `digibot chat` prints the person's due notifications.

Rows addressed to the person whose channel this process cannot deliver otherwise (e.g. Slack is not
configured) are claimed like any outbox claim (same conditions, plus the person; SKIP LOCKED on
PostgreSQL), printed as plain text, and recorded as sent with platform message id "console".
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta

from sqlalchemy import and_, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.delivery.metrics import METRICS
from bot.delivery.worker import default_worker_id, kv, utcnow
from messages.codec import message_from_dict
from messages.render_text import to_text
from storage import outbox
from storage.models_notify import OutboxMessage

log = logging.getLogger("digibot.delivery")

CONSOLE_ID = "console"


async def claim_for_person(
    session: AsyncSession, worker: str, now: datetime, person_id: int, *, skip_channels: Sequence[str] = (),
    limit: int = 50, lease: timedelta = timedelta(minutes=2),
) -> list[OutboxMessage]:
    """storage.outbox.claim for one person's rows, on every channel except `skip_channels`; commits."""
    ready = and_(
        OutboxMessage.status == "pending", OutboxMessage.due_at <= now,
        or_(OutboxMessage.not_before.is_(None), OutboxMessage.not_before <= now),
    )
    abandoned = and_(OutboxMessage.status == "sending", OutboxMessage.lease_until < now)
    where = [OutboxMessage.person_id == person_id, or_(ready, abandoned)]
    if skip_channels:
        where.append(OutboxMessage.channel.not_in(list(skip_channels)))
    pick = select(OutboxMessage.id).where(*where).order_by(OutboxMessage.due_at).limit(limit)
    if session.get_bind().dialect.name == "postgresql":
        pick = pick.with_for_update(skip_locked=True)
    stmt = (
        update(OutboxMessage)
        .where(OutboxMessage.id.in_(pick.scalar_subquery()))
        .values(status="sending", lease_until=now + lease, claimed_by=worker, attempts=OutboxMessage.attempts + 1)
        .returning(OutboxMessage)
        .execution_options(synchronize_session=False)
    )
    rows = list((await session.scalars(stmt)).all())
    await session.commit()
    return sorted(rows, key=lambda r: (r.due_at, r.id))


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
        rows = await claim_for_person(session, worker, now, person_id, skip_channels=skip_channels)
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
