"""A worker killed in the middle of a broadcast, and a new worker after the lease: nothing is lost, and the
only duplicates are rows that Slack had accepted but the dead worker had not yet recorded as sent.

"Killed" means: its task is cancelled and, from that moment, its database is gone (a dead process records
nothing more, not even the sends that were in flight).
"""

from __future__ import annotations

import asyncio
from collections import Counter
from contextlib import asynccontextmanager
from datetime import timedelta
from typing import Any

from sqlalchemy import select

from bot.delivery.worker import ABANDONED_EVERY, DEFAULT_LEASE
from storage import outbox
from storage.models_notify import OutboxMessage
from tests.delivery_world import (
    NOW,
    FakeClock,
    all_rows,
    enqueue,
    make_worker,
    planned,
    register,
    seed_people,
    slack_fixture,  # noqa: F401 - provides the `slack` fixture
)
from tests.emulators.slack_api import dm_channel_id

PEOPLE = 60
CONCURRENCY = 8
KILL_AFTER = 20  # chat.postMessage calls answered before the kill


class Killable:
    """A session factory that stops working when the process "dies"."""

    def __init__(self, sessions: Any) -> None:
        self.sessions = sessions
        self.dead = False

    @asynccontextmanager
    async def __call__(self) -> Any:
        if self.dead:
            raise ConnectionError("the process is dead")
        async with self.sessions() as session:
            yield session


async def test_a_killed_worker_loses_nothing_and_duplicates_only_unrecorded_sends(sessions, slack) -> None:
    people = await seed_people(sessions, PEOPLE)
    register(slack, people)
    await enqueue(sessions, [planned(p) for p in people])
    slack.latency = 0.02  # requests take a while, so some are in flight at the kill
    clock = FakeClock()
    doomed_db = Killable(sessions)
    doomed = make_worker(doomed_db, slack, clock, worker_id="doomed", batch=25, concurrency=CONCURRENCY,
                         workspace_per_minute=None)
    stop = asyncio.Event()
    task = asyncio.create_task(doomed.run_forever(stop))

    await slack.wait_for("chat.postMessage", KILL_AFTER, timeout=30)
    doomed_db.dead = True
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)

    at_kill = {r.id: r for r in await all_rows(sessions)}
    claimed = {i for i, r in at_kill.items() if r.claimed_by == "doomed"}
    assert any(r.status == "sent" for r in at_kill.values()), "the doomed worker recorded some sends"
    assert all(r.status == "pending" for i, r in at_kill.items() if i not in claimed)

    # A new worker (new id) before the lease runs out takes only the untouched rows...
    survivor = make_worker(sessions, slack, clock, worker_id="survivor", batch=25, concurrency=CONCURRENCY,
                           workspace_per_minute=None)
    clock.advance(DEFAULT_LEASE.total_seconds() / 2)
    while await survivor.run_once():
        pass
    async with sessions() as s:
        held = set((await s.scalars(select(OutboxMessage.id).where(OutboxMessage.status == "sending"))).all())
    assert held, "the doomed worker died holding rows"
    assert held <= claimed
    recorded = {r.id for r in await all_rows(sessions) if r.claimed_by == "doomed" and r.status == "sent"}
    assert recorded == claimed - held

    # ...and the dead worker's rows once the lease has run out.
    clock.advance(DEFAULT_LEASE.total_seconds())
    while await survivor.run_once():
        pass

    rows = await all_rows(sessions)
    assert {r.status for r in rows} == {"sent"}
    assert {r.id for r in rows if r.claimed_by == "survivor"} == set(at_kill) - recorded
    per_channel = Counter(m.channel for m in slack.messages)
    row_of_channel = {dm_channel_id(p.slack_id): r.id for p, r in zip(people, rows, strict=True)}
    assert set(per_channel) == set(row_of_channel)  # every person got the message
    duplicated = {row_of_channel[c] for c, n in per_channel.items() if n > 1}
    assert max(per_channel.values()) <= 2
    assert duplicated <= held  # only rows sent but not recorded before the death
    assert len(duplicated) <= CONCURRENCY  # the window: at most the sends in flight
    assert len(slack.messages) == PEOPLE + len(duplicated)


async def test_a_worker_that_is_stopped_hands_back_its_rows_without_duplicates(sessions, slack) -> None:
    people = await seed_people(sessions, 30)
    register(slack, people)
    await enqueue(sessions, [planned(p) for p in people])
    slack.latency = 0.01
    clock = FakeClock()
    first = make_worker(sessions, slack, clock, worker_id="first", batch=30, concurrency=4,
                        workspace_per_minute=None)
    stop = asyncio.Event()
    task = asyncio.create_task(first.run_forever(stop))

    await slack.wait_for("chat.postMessage", 5, timeout=30)
    stop.set()  # graceful: what has started finishes and is recorded, the rest goes back at once
    await asyncio.wait_for(task, timeout=30)

    rows = await all_rows(sessions)
    assert {r.status for r in rows} <= {"sent", "pending"}
    assert all(r.attempts == 0 for r in rows if r.status == "pending")
    second = make_worker(sessions, slack, clock, worker_id="second", workspace_per_minute=None)
    while await second.run_once():  # no lease to wait for
        pass
    assert {r.status for r in await all_rows(sessions)} == {"sent"}
    assert sorted(m.channel for m in slack.messages) == sorted(dm_channel_id(p.slack_id) for p in people)


async def test_a_running_worker_takes_over_a_dead_workers_rows_once_their_lease_has_run_out(sessions, slack) -> None:
    people = await seed_people(sessions, 3)
    register(slack, people)
    await enqueue(sessions, [planned(p) for p in people])
    clock = FakeClock()
    async with sessions() as s:  # another worker claimed them, then its process died
        await outbox.claim(s, "dead", clock.now(), channels=["slack"], lease=DEFAULT_LEASE)
    worker = make_worker(sessions, slack, clock, worker_id="survivor")  # each idle wait moves the clock a second
    stop = asyncio.Event()
    task = asyncio.create_task(worker.run_forever(stop))

    await slack.wait_for("chat.postMessage", 3, timeout=60)
    stop.set()
    await asyncio.wait_for(task, timeout=30)

    assert DEFAULT_LEASE <= clock.now() - NOW <= DEFAULT_LEASE + ABANDONED_EVERY + timedelta(seconds=2)
    rows = await all_rows(sessions)
    assert {(r.status, r.claimed_by) for r in rows} == {("sent", "survivor")}
    assert len(slack.messages) == 3  # each once
