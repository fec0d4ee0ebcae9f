"""The outbox: planners put rows in (exactly once per idempotency key), delivery workers take them out.

A claim marks rows `sending` with a lease; a worker that dies leaves its rows to be claimed again
when the lease runs out. On PostgreSQL the claim uses `FOR UPDATE SKIP LOCKED`, so any number of
workers in any number of processes share the queue; SQLite has a single writer, which gives the
same guarantee.

A worker writes its results in batches (`record`): on PostgreSQL one statement for the whole batch
(`UPDATE ... FROM unnest(ids, statuses, ...)`, compiled once, its own transaction), on SQLite one
transaction with a CASE for the sent rows and an UPDATE per row that waits again or fails. Every
write is guarded by "this worker still holds the row", so a row whose lease has moved to another
worker is left alone, whatever the batch. A claim on PostgreSQL is likewise one statement.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, NamedTuple

from sqlalchemy import String, and_, bindparam, case, func, or_, select, text, union_all, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from messages.codec import message_to_dict
from messages.model import Message
from storage.db import affected
from storage.models_notify import OutboxMessage
from storage.types import UTCDateTime

MAX_ATTEMPTS = 8
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
    return len(result.all())


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


class Claimed(NamedTuple):
    """A row a worker holds (what `claim_batch` returns: plain data, not an ORM object)."""

    id: int
    key: str
    kind: str
    channel: str
    network_id: str
    person_id: int | None
    recipient: str
    lang: str
    message: dict[str, Any]
    attachment: dict[str, Any] | None
    due_at: datetime
    attempts: int
    lease_until: datetime | None
    facts: dict[str, Any] | None = None  # what it tells, as data: the worker puts it into words when it sends


_CLAIMED = Claimed._fields

# The worker's claim on PostgreSQL: one statement (its own transaction), compiled once. Abandoned rows
# first, then due ones, each found through the (status, due_at) index with SKIP LOCKED, so the cost does
# not grow with the rows already sent (an OR of the two conditions would scan and sort them all).
_PG_CLAIM = text(f"""
    WITH abandoned AS (
        SELECT id FROM outbox
         WHERE status = 'sending' AND lease_until < :now AND channel = ANY(CAST(:channels AS VARCHAR[]))
         ORDER BY due_at LIMIT :n FOR UPDATE SKIP LOCKED),
    ready AS (
        SELECT id FROM outbox
         WHERE status = 'pending' AND due_at <= :now AND (not_before IS NULL OR not_before <= :now)
           AND channel = ANY(CAST(:channels AS VARCHAR[]))
         ORDER BY due_at LIMIT :n FOR UPDATE SKIP LOCKED)
    UPDATE outbox SET status = 'sending', lease_until = :until, claimed_by = :worker, attempts = attempts + 1
     WHERE id IN (SELECT id FROM (SELECT id FROM abandoned UNION ALL SELECT id FROM ready) AS both_ LIMIT :n)
    RETURNING {", ".join(_CLAIMED)}
""").bindparams(bindparam("now", type_=UTCDateTime()), bindparam("until", type_=UTCDateTime())).columns(
    *(getattr(OutboxMessage, name) for name in _CLAIMED))


async def claim_batch(session: AsyncSession, worker: str, now: datetime, channels: Sequence[str], *,
                      limit: int = 50, lease: timedelta = timedelta(minutes=2)) -> list[Claimed]:
    """`claim` for a delivery worker: up to `limit` due rows of `channels`, as plain data; commits."""
    if session.get_bind().dialect.name == "postgresql":
        await _autocommit(session)
        params = {"now": now, "until": now + lease, "worker": worker, "channels": list(channels), "n": limit}
        result = await session.execute(_PG_CLAIM, params)
        rows = [Claimed(*row) for row in result.all()]
        await session.commit()
        return sorted(rows, key=lambda r: (r.due_at, r.id))
    held = await claim(session, worker, now, channels=channels, limit=limit, lease=lease)
    return [Claimed(*(getattr(row, name) for name in _CLAIMED)) for row in held]


async def _set(session: AsyncSession, row_id: int, worker: str | None, **values: Any) -> bool:
    """Update a row we still hold (a row whose lease moved to another worker is left alone)."""
    stmt = update(OutboxMessage).where(OutboxMessage.id == row_id).values(**values)
    if worker is not None:
        stmt = stmt.where(OutboxMessage.claimed_by == worker, OutboxMessage.status == "sending")
    result = await session.execute(stmt.execution_options(synchronize_session=False))
    await session.commit()
    return bool(affected(result))


class Outcome(NamedTuple):
    """What to write for one row a worker holds: `sent`, or back to `pending`, or `failed`."""

    row_id: int
    status: str  # "sent" | "pending" | "failed"
    at: datetime | None = None  # sent: when the platform accepted it
    platform_message_id: str | None = None
    not_before: datetime | None = None  # pending: not before then
    error: str | None = None
    counts: bool = True  # pending: False gives the attempt back (rate limits, rows never started)

    @classmethod
    def sent(cls, row_id: int, platform_message_id: str | None, at: datetime) -> Outcome:
        return cls(row_id, "sent", at, platform_message_id)

    @classmethod
    def retry(cls, row_id: int, error: str, not_before: datetime, *, counts: bool = True) -> Outcome:
        return cls(row_id, "pending", not_before=not_before, error=error, counts=counts)

    @classmethod
    def failed(cls, row_id: int, error: str) -> Outcome:
        return cls(row_id, "failed", error=error)


# On PostgreSQL a whole batch is one statement (compiled once, one round trip, its own transaction):
# the per-row values come as arrays.
_PG_RECORD = text("""
    UPDATE outbox AS o
       SET status = v.status,
           sent_at = CASE WHEN v.status = 'sent' THEN v.at ELSE o.sent_at END,
           platform_message_id = CASE WHEN v.status = 'sent' THEN v.pid ELSE o.platform_message_id END,
           not_before = CASE WHEN v.status = 'pending' THEN v.not_before ELSE o.not_before END,
           status_text = CASE WHEN v.status = 'sent' THEN NULL ELSE o.status_text END,
           last_error = v.error, lease_until = NULL, attempts = o.attempts - v.given_back
      FROM unnest(CAST(:ids AS INTEGER[]), CAST(:statuses AS VARCHAR[]), CAST(:ats AS TIMESTAMP[]),
                  CAST(:pids AS VARCHAR[]), CAST(:not_befores AS TIMESTAMP[]), CAST(:errors AS TEXT[]),
                  CAST(:given_back AS INTEGER[])) AS v(id, status, at, pid, not_before, error, given_back)
     WHERE o.id = v.id AND o.claimed_by = :worker AND o.status = 'sending'
    RETURNING o.id
""")


def _naive_utc(at: datetime | None) -> datetime | None:
    """As UTCDateTime stores it (timestamp without time zone, in UTC)."""
    return None if at is None else at.astimezone(UTC).replace(tzinfo=None)


def _held(worker: str, ids: Sequence[int]) -> list[Any]:
    return [OutboxMessage.id.in_(list(ids)), OutboxMessage.claimed_by == worker, OutboxMessage.status == "sending"]


async def _autocommit(session: AsyncSession) -> None:
    """A single statement needs no BEGIN/COMMIT round trips of its own (PostgreSQL, fresh session)."""
    if not session.in_transaction():
        await session.connection(execution_options={"isolation_level": "AUTOCOMMIT"})


def _error(o: Outcome) -> str | None:
    return None if o.status == "sent" else (o.error or "")[:2000]


async def _record_pg(session: AsyncSession, worker: str, outcomes: Sequence[Outcome]) -> set[int]:
    await _autocommit(session)
    params = {"worker": worker, "ids": [o.row_id for o in outcomes], "statuses": [o.status for o in outcomes],
              "ats": [_naive_utc(o.at) for o in outcomes], "pids": [o.platform_message_id for o in outcomes],
              "not_befores": [_naive_utc(o.not_before) for o in outcomes], "errors": [_error(o) for o in outcomes],
              "given_back": [int(o.status == "pending" and not o.counts) for o in outcomes]}
    return set((await session.scalars(_PG_RECORD, params)).all())


async def _record_sqlite(session: AsyncSession, worker: str, outcomes: Sequence[Outcome]) -> set[int]:
    written: set[int] = set()
    if sent := [o for o in outcomes if o.status == "sent"]:
        at_type = OutboxMessage.sent_at.type
        stmt = (
            update(OutboxMessage).where(*_held(worker, [o.row_id for o in sent]))
            .values(status="sent", lease_until=None, last_error=None, status_text=None,
                    sent_at=case({o.row_id: bindparam(None, o.at, type_=at_type) for o in sent},
                                 value=OutboxMessage.id),
                    platform_message_id=case({o.row_id: bindparam(None, o.platform_message_id, type_=String())
                                              for o in sent}, value=OutboxMessage.id))
            .returning(OutboxMessage.id)
            .execution_options(synchronize_session=False)
        )
        written.update((await session.scalars(stmt)).all())
    for o in outcomes:
        if o.status == "sent":
            continue
        values: dict[str, Any] = {"status": o.status, "lease_until": None, "last_error": _error(o)}
        if o.status == "pending":
            values["not_before"] = o.not_before
            if not o.counts:
                values["attempts"] = OutboxMessage.attempts - 1
        one = (update(OutboxMessage).where(*_held(worker, [o.row_id])).values(**values)
               .returning(OutboxMessage.id).execution_options(synchronize_session=False))
        written.update((await session.scalars(one)).all())
    return written


async def record(session: AsyncSession, worker: str, outcomes: Sequence[Outcome]) -> set[int]:
    """Write `outcomes` at once (one transaction), for the rows `worker` still holds; commits and returns
    the ids written (an id missing from it was no longer this worker's)."""
    if not outcomes:
        return set()
    if session.get_bind().dialect.name == "postgresql":
        written = await _record_pg(session, worker, outcomes)
    else:
        written = await _record_sqlite(session, worker, outcomes)
    sent = {o.row_id for o in outcomes if o.status == "sent"}
    if missing := sent - written:  # a retried batch whose first write landed but its answer was lost
        mine = select(OutboxMessage.id).where(OutboxMessage.id.in_(missing), OutboxMessage.claimed_by == worker,
                                              OutboxMessage.status == "sent")
        written.update((await session.scalars(mine)).all())
    await session.commit()
    return written


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

