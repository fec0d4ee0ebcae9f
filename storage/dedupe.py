"""Remembering platform deliveries already handled, shared by every replica through the database."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import TextClause, bindparam, delete, text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from storage.db import affected
from storage.models import ProcessedEvent
from storage.prepared import Prepared

KEEP_FOR = timedelta(days=2)


_TABLE = ProcessedEvent.__table__
_NAME = ProcessedEvent.__tablename__


def _claim_statement(count: int) -> TextClause:
    """INSERT ... VALUES (:key0, :received_at), ... ON CONFLICT (key) DO NOTHING, the same SQL on SQLite and
    PostgreSQL. As text with typed parameters because SQLAlchemy does not cache the compiled form of a
    multi-row VALUES: built as Core, it was compiled again for every Slack DM (more than running it cost)."""
    rows = ", ".join(f"(:key{i}, :received_at)" for i in range(count))
    return text(f"INSERT INTO {_NAME} (key, received_at) VALUES {rows} ON CONFLICT (key) DO NOTHING").bindparams(
        *(bindparam(f"key{i}", type_=_TABLE.c.key.type) for i in range(count)),
        bindparam("received_at", type_=_TABLE.c.received_at.type),
    )


_CLAIM: dict[int, Prepared] = {}  # by number of keys
_ENDED = "storage.dedupe.ended"  # session.info: claim_last ended the transaction (SQLite)


def _claim(keys: list[str], now: datetime) -> tuple[Prepared, dict[str, Any]]:
    stmt = _CLAIM.get(len(keys))
    if stmt is None:
        stmt = _CLAIM[len(keys)] = Prepared(_claim_statement(len(keys)))
    params: dict[str, Any] = {f"key{i}": k for i, k in enumerate(keys)}
    params["received_at"] = now
    return stmt, params


async def claim(session: AsyncSession, key: str, now: datetime, *more: str) -> bool:
    """Like `first_delivery`, but in the caller's transaction: the claim holds only if the caller commits,
    so the work it guards and the claim are stored together (or not at all).

    With `more` keys (other names of the same delivery, e.g. the message's own identity beside the event's),
    all are written in one statement, and the claim is first only if none of them was taken."""
    keys = list(dict.fromkeys((key, *more)))
    stmt, params = _claim(keys, now)
    connection = await session.connection()
    result = await connection.execute(stmt.statement, params)
    return affected(result) == len(keys)


async def claim_last(session: AsyncSession, key: str, now: datetime, *more: str,
                     connection: AsyncConnection | None = None) -> bool:
    """`claim` as the transaction's last write, the caller committing when it is first and rolling back
    when not. On SQLite the claim, and that commit or rollback, are one call on the connection (the
    caller's commit or rollback then finds nothing left to do); pending ORM changes are flushed first, so
    they are committed with the claim or not at all. Elsewhere it is `claim`.

    `connection`: the one `session` is bound to; while the session has begun nothing (nothing of the answer
    was read or written through it), the claim runs on it directly, without the session's bookkeeping."""
    keys = list(dict.fromkeys((key, *more)))
    stmt, params = _claim(keys, now)
    if session.in_nested_transaction():
        return await claim(session, key, now, *more)
    if session.new or session.dirty or session.deleted:
        await session.flush()
    if connection is None or session.in_transaction():
        connection = await session.connection()
    touched = await stmt.write_and_end(connection, params, len(keys))
    if touched is None:
        result = await connection.execute(stmt.statement, params)
        touched = affected(result)
    else:
        session.info[_ENDED] = True
    return touched == len(keys)


def ended_by_claim(session: AsyncSession) -> bool:
    """Whether `claim_last` committed (or rolled back) the session's transaction itself: then the session
    need only be closed (SQLAlchemy's commit bookkeeping was a tenth of a DM's CPU, with nothing to commit)."""
    return bool(session.info.pop(_ENDED, False))


async def first_delivery(session: AsyncSession, key: str, now: datetime) -> bool:
    """True exactly once per `key`, however many times and by however many processes it is asked."""
    first = await claim(session, key, now)
    await session.commit()
    return first


async def forget_old(session: AsyncSession, now: datetime) -> int:
    result = await session.execute(delete(ProcessedEvent).where(ProcessedEvent.received_at < now - KEEP_FOR))
    await session.commit()
    return affected(result)
