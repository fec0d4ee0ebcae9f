"""Remembering platform deliveries already handled, shared by every replica through the database."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import TextClause, bindparam, delete, text
from sqlalchemy.ext.asyncio import AsyncSession

from storage.db import affected
from storage.models import ProcessedEvent

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


_CLAIM: dict[int, TextClause] = {}  # by number of keys


async def claim(session: AsyncSession, key: str, now: datetime, *more: str) -> bool:
    """Like `first_delivery`, but in the caller's transaction: the claim holds only if the caller commits,
    so the work it guards and the claim are stored together (or not at all).

    With `more` keys (other names of the same delivery, e.g. the message's own identity beside the event's),
    all are written in one statement, and the claim is first only if none of them was taken."""
    keys = list(dict.fromkeys((key, *more)))
    connection = await session.connection()
    stmt = _CLAIM.get(len(keys))
    if stmt is None:
        stmt = _CLAIM[len(keys)] = _claim_statement(len(keys))
    params: dict[str, Any] = {f"key{i}": k for i, k in enumerate(keys)}
    result = await connection.execute(stmt, {**params, "received_at": now})
    return affected(result) == len(keys)


async def first_delivery(session: AsyncSession, key: str, now: datetime) -> bool:
    """True exactly once per `key`, however many times and by however many processes it is asked."""
    first = await claim(session, key, now)
    await session.commit()
    return first


async def forget_old(session: AsyncSession, now: datetime) -> int:
    result = await session.execute(delete(ProcessedEvent).where(ProcessedEvent.received_at < now - KEEP_FOR))
    await session.commit()
    return affected(result)
