"""Remembering platform deliveries already handled, shared by every replica through the database."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from storage.db import affected
from storage.models import ProcessedEvent

KEEP_FOR = timedelta(days=2)


async def claim(session: AsyncSession, key: str, now: datetime, *more: str) -> bool:
    """Like `first_delivery`, but in the caller's transaction: the claim holds only if the caller commits,
    so the work it guards and the claim are stored together (or not at all).

    With `more` keys (other names of the same delivery, e.g. the message's own identity beside the event's),
    all are written in one statement, and the claim is first only if none of them was taken."""
    keys = list(dict.fromkeys((key, *more)))
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    rows = [{"key": k, "received_at": now} for k in keys]
    stmt = insert(ProcessedEvent).values(rows).on_conflict_do_nothing(index_elements=["key"])
    result = await session.execute(stmt)
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
