"""The outbox queue: planned once per key, claimed by one worker at a time, reclaimed after a crash."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from messages.model import Message
from storage import outbox, outbox_batches
from storage.db import make_engine, make_sessionmaker
from storage.migrate import upgrade
from storage.models import Network, Organization, Person
from storage.models_notify import OutboxMessage
from tests.conftest import _reset_pg_schema

NOW = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)


async def _people(sessions, n: int) -> list[int]:
    async with sessions() as s:
        s.add(Network(id="net", name="Net"))
        await s.flush()
        org = Organization(network_id="net", key="1", name="Bergen")
        s.add(org)
        await s.flush()
        people = [Person(network_id="net", email=f"p{i}@x.no", name=f"P {i}", organization_id=org.id)
                  for i in range(n)]
        s.add_all(people)
        await s.commit()
        return [p.id for p in people]


def _planned(pid: int, i: int, due: datetime = NOW, channel: str = "slack") -> outbox.Planned:
    return outbox.Planned(key=f"reminder:d1:p{i}@x.no:P1D", kind="reminder", person_id=pid,
                          recipient=f"p{i}@x.no", channel=channel, lang="nb", message=Message(text="Frist i morgon"),
                          due_at=due)


async def test_planning_the_same_moment_twice_inserts_nothing_new(sessions) -> None:
    ids = await _people(sessions, 3)
    plan = [_planned(pid, i) for i, pid in enumerate(ids)]
    async with sessions() as s:
        assert await outbox.enqueue(s, "net", plan, NOW) == 3
        await s.commit()
    async with sessions() as s:
        assert await outbox.enqueue(s, "net", plan, NOW) == 0
        await s.commit()
        assert len((await s.scalars(select(OutboxMessage))).all()) == 3


async def test_concurrent_workers_never_claim_the_same_row(sessions) -> None:
    ids = await _people(sessions, 40)
    async with sessions() as s:
        await outbox.enqueue(s, "net", [_planned(pid, i) for i, pid in enumerate(ids)], NOW)
        await s.commit()

    async def worker(name: str) -> list[int]:
        got: list[int] = []
        while True:
            async with sessions() as s:
                rows = await outbox.claim(s, name, NOW, channels=["slack"], limit=3)
            if not rows:
                return got
            got.extend(r.id for r in rows)

    results = await asyncio.gather(*(worker(f"w{i}") for i in range(4)))
    claimed = [rid for ids_ in results for rid in ids_]
    assert len(claimed) == 40
    assert len(set(claimed)) == 40


async def test_a_crashed_workers_rows_are_claimed_again_after_the_lease(sessions) -> None:
    ids = await _people(sessions, 1)
    async with sessions() as s:
        await outbox.enqueue(s, "net", [_planned(ids[0], 0)], NOW)
        await s.commit()
    async with sessions() as s:
        (row,) = await outbox.claim(s, "dead", NOW, channels=["slack"], lease=timedelta(minutes=2))
    async with sessions() as s:
        assert await outbox.claim(s, "alive", NOW + timedelta(minutes=1), channels=["slack"]) == []
        (again,) = await outbox.claim(s, "alive", NOW + timedelta(minutes=3), channels=["slack"])
    assert again.id == row.id and again.attempts == 2
    async with sessions() as s:
        # The dead worker's late result is ignored: the row is no longer its.
        assert await outbox.mark_sent(s, row.id, "dead", "ts1", NOW) is False
        assert await outbox.mark_sent(s, row.id, "alive", "ts2", NOW) is True
        stored = await s.get(OutboxMessage, row.id)
        assert stored is not None and stored.status == "sent" and stored.platform_message_id == "ts2"


async def test_rows_wait_for_their_time_backoff_and_channel(sessions) -> None:
    ids = await _people(sessions, 3)
    async with sessions() as s:
        await outbox.enqueue(s, "net", [
            _planned(ids[0], 0, due=NOW + timedelta(hours=1)),
            _planned(ids[1], 1, channel="email"),
            _planned(ids[2], 2),
        ], NOW)
        await s.commit()
    async with sessions() as s:
        (row,) = await outbox.claim(s, "w", NOW, channels=["slack"])
        assert row.recipient == "p2@x.no"
        await outbox.mark_retry(s, row.id, "w", "ratelimited", NOW + timedelta(seconds=30))
        assert await outbox.claim(s, "w", NOW + timedelta(seconds=10), channels=["slack"]) == []
        assert await outbox.note_unconfigured(s, ["slack"], NOW) == 1
        email_row = await s.scalar(select(OutboxMessage).where(OutboxMessage.channel == "email"))
        assert email_row is not None and email_row.status == "pending"
        assert email_row.status_text == outbox.NOT_CONFIGURED
        later = await outbox.claim(s, "w", NOW + timedelta(seconds=31), channels=["slack"])
        assert [r.recipient for r in later] == ["p2@x.no"]


async def test_failed_rows_can_be_retried_and_pending_rows_cancelled(sessions) -> None:
    ids = await _people(sessions, 2)
    async with sessions() as s:
        await outbox.enqueue(s, "net", [_planned(pid, i) for i, pid in enumerate(ids)], NOW)
        await s.commit()
        first, second = await outbox.claim(s, "w", NOW, channels=["slack"])
        await outbox.mark_failed(s, first.id, "w", "channel_not_found")
        await outbox.mark_retry(s, second.id, "w", "500", NOW)
        assert await outbox.cancel(s, [second.id]) == 1
        assert await outbox.retry(s, [first.id], NOW) == 1
        assert await outbox.counts(s) == {"pending": 1, "cancelled": 1}


@pytest.fixture
async def pg_sessions(pg_database_url: str) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    """A migrated PostgreSQL database only: the test below is about its query planner."""
    await _reset_pg_schema(pg_database_url)
    engine = make_engine(pg_database_url)
    await upgrade(engine)
    yield make_sessionmaker(engine)
    await engine.dispose()


@pytest.mark.postgres
async def test_a_broadcast_is_claimed_through_the_index_whatever_the_statistics_said_before(pg_sessions) -> None:
    """Statistics taken while the outbox was empty would have every claim of a large broadcast read and sort
    all its pending rows (a drain that slows down as it goes); a bulk enqueue refreshes them."""
    sessions = pg_sessions
    ids = await _people(sessions, outbox.BULK_ROWS)
    async with sessions() as s:  # the statistics of an empty outbox, and no autovacuum to catch up
        conn = await s.connection(execution_options={"isolation_level": "AUTOCOMMIT"})
        await conn.exec_driver_sql("VACUUM ANALYZE outbox")
    async with sessions() as s:
        assert await outbox.enqueue(s, "net", [_planned(pid, i) for i, pid in enumerate(ids)], NOW) == len(ids)
        await s.commit()
    async with sessions() as s:
        known = await s.scalar(text("SELECT reltuples FROM pg_class WHERE relname = 'outbox'"))
        statuses = await s.scalar(text("SELECT most_common_vals::text FROM pg_stats "
                                       "WHERE tablename = 'outbox' AND attname = 'status'"))
        explained = await outbox_batches.fetch(s, "EXPLAIN " + outbox_batches.READY, NOW.replace(tzinfo=None),
                                               ["slack"], 50)
        plan = "\n".join(row[0] for row in explained)
    assert known == len(ids) and statuses == "{pending}"
    assert "Index Scan using ix_outbox_due" in plan and "Sort" not in plan, plan
