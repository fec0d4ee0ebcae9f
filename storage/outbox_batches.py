"""The delivery worker's two statements: claim a batch of due rows, record a batch of outcomes.

On PostgreSQL each is one statement (its own transaction, no BEGIN/COMMIT round trips), run on the
session's asyncpg connection (prepared once per connection), with the per-row values of a record passed
as arrays (`UPDATE ... FROM unnest(...)`). A claim returns only what the sender needs, already in due
order, as plain tuples (no ORM objects, no per-row type conversion but the JSON the driver decodes).
Expired leases (rows of a worker that died) are looked for only when the caller asks (`abandoned=True`):
the worker does so every few seconds, not on every claim, because that search walks every row in
`sending`, those of its own batches in flight included.

Every write is guarded by "this worker still holds the row", so a row whose lease has moved to another
worker is left alone, whatever the batch. SQLite (one writer at a time) takes the general `outbox.claim`
and one transaction for a record: a CASE for the sent rows, an UPDATE per row that waits again or fails.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any, NamedTuple

from sqlalchemy import String, bindparam, case, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models_notify import OutboxMessage
from storage.outbox import claim


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
    facts: dict[str, Any] | None  # what it tells, as data: the worker puts it into words when it sends
    attempts: int
    lease_until: datetime | None = None  # the same for the whole batch: set from the claim's own value


_RETURNED = Claimed._fields[:-1]

# On PostgreSQL the worker's two statements run on the session's asyncpg connection itself (autocommit,
# prepared once per connection by asyncpg): SQLAlchemy's execution and result layers cost more than the
# statements for a batch of no-op sends. Parameters: $1 now, $2 channels, $3 limit (UTC times are naive).
READY = """
    SELECT id FROM outbox
     WHERE status = 'pending' AND due_at <= $1 AND (not_before IS NULL OR not_before <= $1)
       AND channel = ANY($2::varchar[])
     ORDER BY due_at LIMIT $3 FOR UPDATE SKIP LOCKED"""
_ABANDONED = """
    SELECT id FROM outbox
     WHERE status = 'sending' AND lease_until < $1 AND channel = ANY($2::varchar[])
     ORDER BY due_at LIMIT $3 FOR UPDATE SKIP LOCKED"""


def _pg_claim(picked: str) -> str:
    """Due rows (and, with abandoned ones, those first), each found through the (status, due_at) index with
    SKIP LOCKED, so the cost does not grow with the rows already sent (an OR of the two would scan them).
    $4 lease_until, $5 worker."""
    columns = ", ".join(_RETURNED)
    return f"""
        WITH {picked},
        claimed AS (
            UPDATE outbox SET status = 'sending', lease_until = $4, claimed_by = $5, attempts = attempts + 1
             WHERE id IN (SELECT id FROM picked)
            RETURNING {columns}, due_at)
        SELECT {columns} FROM claimed ORDER BY due_at, id"""


_PG_CLAIM = _pg_claim(f"picked AS ({READY})")
_PG_CLAIM_WITH_ABANDONED = _pg_claim(
    f"abandoned AS ({_ABANDONED}), ready AS ({READY}), "
    "picked AS (SELECT id FROM (SELECT id FROM abandoned UNION ALL SELECT id FROM ready) AS both_ LIMIT $3)")


async def fetch(session: AsyncSession, sql: str, *args: Any) -> list[Any]:
    """Run `sql` on the asyncpg connection under `session`, in autocommit (its own transaction). A failure
    invalidates the connection, as SQLAlchemy's own execution would for a lost one: a connection cut by a
    database outage must not go back to the pool and fail every statement after the database is back."""
    connection = await session.connection(
        execution_options=None if session.in_transaction() else {"isolation_level": "AUTOCOMMIT"})
    driver: Any = (await connection.get_raw_connection()).driver_connection
    try:
        return list(await driver.fetch(sql, *args))
    except Exception:
        await connection.invalidate()
        raise


async def claim_batch(session: AsyncSession, worker: str, now: datetime, channels: Sequence[str], *,
                      limit: int = 50, lease: timedelta = timedelta(minutes=2),
                      abandoned: bool = True) -> list[Claimed]:
    """`outbox.claim` for a delivery worker: up to `limit` due rows of `channels` (and rows whose lease
    ran out, if `abandoned`), as plain data in due order; commits."""
    until = now + lease
    if session.get_bind().dialect.name == "postgresql":
        found = await fetch(session, _PG_CLAIM_WITH_ABANDONED if abandoned else _PG_CLAIM, _naive_utc(now),
                            list(channels), limit, _naive_utc(until), worker)
        await session.commit()
        return [Claimed._make((*row, until)) for row in found]
    held = await claim(session, worker, now, channels=channels, limit=limit, lease=lease)
    return [as_claimed(row) for row in held]


def as_claimed(row: OutboxMessage) -> Claimed:
    """The plain data of a row claimed through `outbox.claim` (SQLite, or one person's rows)."""
    return Claimed._make((*(getattr(row, name) for name in _RETURNED), row.lease_until))


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


# On PostgreSQL a whole batch is one statement; the per-row values come as arrays ($1 worker).
_PG_RECORD = """
    UPDATE outbox AS o
       SET status = v.status,
           sent_at = CASE WHEN v.status = 'sent' THEN v.at ELSE o.sent_at END,
           platform_message_id = CASE WHEN v.status = 'sent' THEN v.pid ELSE o.platform_message_id END,
           not_before = CASE WHEN v.status = 'pending' THEN v.not_before ELSE o.not_before END,
           status_text = CASE WHEN v.status = 'sent' THEN NULL ELSE o.status_text END,
           last_error = v.error, lease_until = NULL, attempts = o.attempts - v.given_back
      FROM unnest($2::integer[], $3::varchar[], $4::timestamp[], $5::varchar[], $6::timestamp[], $7::text[],
                  $8::integer[]) AS v(id, status, at, pid, not_before, error, given_back)
     WHERE o.id = v.id AND o.claimed_by = $1 AND o.status = 'sending'
    RETURNING o.id"""
# The same for a batch of sent rows only (the common case): three arrays to encode instead of seven.
_PG_RECORD_SENT = """
    UPDATE outbox AS o
       SET status = 'sent', sent_at = v.at, platform_message_id = v.pid, status_text = NULL, last_error = NULL,
           lease_until = NULL
      FROM unnest($2::integer[], $3::timestamp[], $4::varchar[]) AS v(id, at, pid)
     WHERE o.id = v.id AND o.claimed_by = $1 AND o.status = 'sending'
    RETURNING o.id"""


def _naive_utc(at: datetime | None) -> datetime | None:
    """As UTCDateTime stores it (timestamp without time zone, in UTC)."""
    return None if at is None else at.astimezone(UTC).replace(tzinfo=None)


def _held(worker: str, ids: Sequence[int]) -> list[Any]:
    return [OutboxMessage.id.in_(list(ids)), OutboxMessage.claimed_by == worker, OutboxMessage.status == "sending"]


def _error(o: Outcome) -> str | None:
    return None if o.status == "sent" else (o.error or "")[:2000]


async def _record_pg(session: AsyncSession, worker: str, outcomes: Sequence[Outcome]) -> set[int]:
    ids = [o.row_id for o in outcomes]
    ats = [_naive_utc(o.at) for o in outcomes]
    pids = [o.platform_message_id for o in outcomes]
    if all(o.status == "sent" for o in outcomes):
        written = await fetch(session, _PG_RECORD_SENT, worker, ids, ats, pids)
    else:
        written = await fetch(session, _PG_RECORD, worker, ids, [o.status for o in outcomes], ats, pids,
                              [_naive_utc(o.not_before) for o in outcomes], [_error(o) for o in outcomes],
                              [int(o.status == "pending" and not o.counts) for o in outcomes])
    return {row[0] for row in written}


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
