"""Remembering platform deliveries already handled, shared by every replica through the database."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, delete
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from storage.db import affected
from storage.models import ProcessedEvent

KEEP_FOR = timedelta(days=2)


def _claim_statement(insert: Any, count: int) -> Any:
    rows: list[dict[str, Any]] = [{"key": bindparam(f"key{i}"), "received_at": bindparam("received_at")}
                                  for i in range(count)]
    return insert(ProcessedEvent.__table__).values(rows).on_conflict_do_nothing(index_elements=["key"])


# Built once per dialect and number of keys (Core, bound parameters): every Slack DM runs one, and
# building it each time cost more than running it.
_CLAIM: dict[tuple[str, int], Any] = {}


async def claim(session: AsyncSession, key: str, now: datetime, *more: str) -> bool:
    """Like `first_delivery`, but in the caller's transaction: the claim holds only if the caller commits,
    so the work it guards and the claim are stored together (or not at all).

    With `more` keys (other names of the same delivery, e.g. the message's own identity beside the event's),
    all are written in one statement, and the claim is first only if none of them was taken."""
    keys = list(dict.fromkeys((key, *more)))
    connection = await session.connection()
    dialect = "postgresql" if connection.dialect.name == "postgresql" else "sqlite"
    stmt = _CLAIM.get((dialect, len(keys)))
    if stmt is None:
        insert = pg_insert if dialect == "postgresql" else sqlite_insert
        stmt = _CLAIM[(dialect, len(keys))] = _claim_statement(insert, len(keys))
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
