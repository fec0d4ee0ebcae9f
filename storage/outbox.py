"""The outbox: planners put rows in (exactly once per idempotency key), delivery workers take them out.

A claim marks rows `sending` with a lease; a worker that dies leaves its rows to be claimed again
when the lease runs out. On PostgreSQL the claim uses `FOR UPDATE SKIP LOCKED`, so any number of
workers in any number of processes share the queue; SQLite has a single writer, which gives the
same guarantee. The delivery worker's own batch statements (claim a batch, record a batch of
outcomes) are in storage/outbox_batches.py.

A bulk enqueue (a broadcast: BULK_ROWS rows or more) refreshes the table's statistics on PostgreSQL
(`ANALYZE`, as the PostgreSQL manual advises after a bulk load): with statistics that still say there
is nothing pending, the planner picks a bitmap scan and a sort of every pending row for each claim,
which makes draining a large broadcast quadratic; autovacuum would only catch up later, if it runs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, func, or_, select, text, union_all, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from messages.codec import message_to_dict
from messages.model import Message
from storage.db import affected
from storage.models_notify import OutboxMessage

MAX_ATTEMPTS = 8
BULK_ROWS = 1000
NOT_CONFIGURED = "channel not configured"
# The start of the reason a row waits for its person to install the bot's app (a Teams sender's), not failed.
WAITING_FOR_APP = "waiting for the app"


@dataclass(frozen=True)
class Planned:
    """One message a planner wants sent; `key` makes planning it twice harmless."""

    key: str
    kind: str
    person_id: int | None  # None: a room (recipient is its id)
    recipient: str
    channel: str
    lang: str
    message: Message
    due_at: datetime
    ref: str | None = None
    attachment: dict[str, Any] | None = None
    facts: dict[str, Any] | None = None  # what it tells, as data (handlers/notify/facts.py), put into words when sent


def _insert(session: AsyncSession) -> Any:
    return pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert


async def enqueue(session: AsyncSession, network_id: str, planned: Sequence[Planned], now: datetime) -> int:
    """Insert the planned messages whose key is new; returns how many were new. Caller commits."""
    if not planned:
        return 0
    rows = [
        {
            "network_id": network_id, "key": p.key, "kind": p.kind, "person_id": p.person_id,
            "recipient": p.recipient, "channel": p.channel, "lang": p.lang,
            "message": message_to_dict(p.message), "attachment": p.attachment, "ref": p.ref, "facts": p.facts,
            "due_at": p.due_at, "status": "pending", "attempts": 0, "created_at": now,
        }
        for p in planned
    ]
    # executemany through SQLAlchemy's "insertmanyvalues": compiled once, sent in batches; RETURNING
    # tells which keys were new on both SQLite and PostgreSQL (where rowcount is not reliable).
    table = OutboxMessage.__table__
    stmt = _insert(session)(table).on_conflict_do_nothing(index_elements=["network_id", "key"]).returning(table.c.id)
    result = await session.execute(stmt, rows)
    inserted = len(result.all())
    await refresh_statistics(session, inserted)
    return inserted


async def refresh_statistics(session: AsyncSession, inserted: int) -> None:
    """After a bulk insert (BULK_ROWS rows or more) on PostgreSQL, ANALYZE the outbox in the caller's
    transaction, so the claims of the rows just added get index plans. SKIP_LOCKED: if another ANALYZE (or
    a vacuum) has the table, this one is skipped rather than waited for; a role that does not own the
    table gets a warning, not an error."""
    if inserted >= BULK_ROWS and session.get_bind().dialect.name == "postgresql":
        await session.execute(text("ANALYZE (SKIP_LOCKED) outbox"))


def _ready(now: datetime) -> Any:
    return and_(
        OutboxMessage.status == "pending",
        OutboxMessage.due_at <= now,
        or_(OutboxMessage.not_before.is_(None), OutboxMessage.not_before <= now),
    )


def _abandoned(now: datetime) -> Any:
    return and_(OutboxMessage.status == "sending", OutboxMessage.lease_until < now)


def _filters(channels: Sequence[str] | None, skip_channels: Sequence[str], person_id: int | None) -> list[Any]:
    where: list[Any] = []
    if channels is not None:
        where.append(OutboxMessage.channel.in_(list(channels)))
    if skip_channels:
        where.append(OutboxMessage.channel.not_in(list(skip_channels)))
    if person_id is not None:
        where.append(OutboxMessage.person_id == person_id)
    return where


def _pick_pg(now: datetime, filters: list[Any], limit: int) -> Any:
    """Abandoned rows first, then due ones, each found through the (status, due_at) index and locked with
    SKIP LOCKED: the cost does not grow with the rows already sent (an OR of the two would scan them all)."""
    def part(name: str, condition: Any) -> Any:
        return (select(OutboxMessage.id).where(condition, *filters).order_by(OutboxMessage.due_at).limit(limit)
                .with_for_update(skip_locked=True).cte(name))

    abandoned, ready = part("abandoned", _abandoned(now)), part("ready", _ready(now))
    both = union_all(select(abandoned.c.id), select(ready.c.id)).subquery("both_")
    return select(both.c.id).limit(limit).scalar_subquery()


async def claim(
    session: AsyncSession, worker: str, now: datetime, *, channels: Sequence[str] | None = None,
    skip_channels: Sequence[str] = (), person_id: int | None = None, limit: int = 50,
    lease: timedelta = timedelta(minutes=2),
) -> list[OutboxMessage]:
    """Atomically take up to `limit` due rows (of `channels`, not of `skip_channels`, of one person if given);
    commits, so other workers see the claim."""
    filters = _filters(channels, skip_channels, person_id)
    if session.get_bind().dialect.name == "postgresql":
        pick = _pick_pg(now, filters, limit)
        await _autocommit(session)  # the claim is one statement: its own transaction
    else:  # SQLite: one writer at a time, no row locks
        pick = (select(OutboxMessage.id).where(or_(_ready(now), _abandoned(now)), *filters)
                .order_by(OutboxMessage.due_at, OutboxMessage.id).limit(limit).scalar_subquery())
    stmt = (
        update(OutboxMessage)
        .where(OutboxMessage.id.in_(pick))
        .values(status="sending", lease_until=now + lease, claimed_by=worker, attempts=OutboxMessage.attempts + 1)
        .returning(OutboxMessage)
        .execution_options(synchronize_session=False)
    )
    rows = list((await session.scalars(stmt)).all())
    await session.commit()
    return sorted(rows, key=lambda r: (r.due_at, r.id))


async def _set(session: AsyncSession, row_id: int, worker: str | None, **values: Any) -> bool:
    """Update a row we still hold (a row whose lease moved to another worker is left alone)."""
    stmt = update(OutboxMessage).where(OutboxMessage.id == row_id).values(**values)
    if worker is not None:
        stmt = stmt.where(OutboxMessage.claimed_by == worker, OutboxMessage.status == "sending")
    result = await session.execute(stmt.execution_options(synchronize_session=False))
    await session.commit()
    return bool(affected(result))


async def _autocommit(session: AsyncSession) -> None:
    """A single statement needs no BEGIN/COMMIT round trips of its own (PostgreSQL, fresh session)."""
    if not session.in_transaction():
        await session.connection(execution_options={"isolation_level": "AUTOCOMMIT"})


async def mark_sent(session: AsyncSession, row_id: int, worker: str, platform_message_id: str | None,
                    now: datetime) -> bool:
    return await _set(session, row_id, worker, status="sent", sent_at=now, platform_message_id=platform_message_id,
                      lease_until=None, last_error=None, status_text=None)


async def mark_retry(session: AsyncSession, row_id: int, worker: str, error: str, not_before: datetime) -> bool:
    """Back to pending, not before `not_before` (backoff or Retry-After)."""
    return await _set(session, row_id, worker, status="pending", not_before=not_before, lease_until=None,
                      last_error=error[:2000])


async def mark_failed(session: AsyncSession, row_id: int, worker: str, error: str) -> bool:
    return await _set(session, row_id, worker, status="failed", lease_until=None, last_error=error[:2000])


async def note_unconfigured(session: AsyncSession, configured: Sequence[str], now: datetime) -> int:
    """Due rows for channels no worker can send through wait, saying so."""
    stmt = (
        update(OutboxMessage)
        .where(
            OutboxMessage.status == "pending", OutboxMessage.due_at <= now,
            OutboxMessage.channel.not_in(list(configured)),
            or_(OutboxMessage.status_text.is_(None), OutboxMessage.status_text != NOT_CONFIGURED),
        )
        .values(status_text=NOT_CONFIGURED)
        .execution_options(synchronize_session=False)
    )
    result = await session.execute(stmt)
    await session.commit()
    return affected(result)


async def retry(session: AsyncSession, ids: Sequence[int], now: datetime) -> int:
    """Failed or cancelled rows go back to the queue, due now."""
    stmt = (
        update(OutboxMessage)
        .where(OutboxMessage.id.in_(list(ids)), OutboxMessage.status.in_(["failed", "cancelled"]))
        .values(status="pending", not_before=None, attempts=0, due_at=now, last_error=None, status_text=None)
        .execution_options(synchronize_session=False)
    )
    result = await session.execute(stmt)
    await session.commit()
    return affected(result)


async def cancel(session: AsyncSession, ids: Sequence[int]) -> int:
    stmt = (
        update(OutboxMessage)
        .where(OutboxMessage.id.in_(list(ids)), OutboxMessage.status == "pending")
        .values(status="cancelled")
        .execution_options(synchronize_session=False)
    )
    result = await session.execute(stmt)
    await session.commit()
    return affected(result)


async def counts(session: AsyncSession, network_id: str | None = None) -> dict[str, int]:
    """Rows per status (queue depth for /metrics and the App Home)."""
    stmt = select(OutboxMessage.status, func.count()).group_by(OutboxMessage.status)
    if network_id is not None:
        stmt = stmt.where(OutboxMessage.network_id == network_id)
    return {status: int(n) for status, n in (await session.execute(stmt)).all()}

