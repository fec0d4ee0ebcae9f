"""The database goes away in the middle of a broadcast and comes back: nobody gets the message twice.

On PostgreSQL the outage is real: the worker reaches the server through a TCP proxy on loopback
(tests/tcp_proxy.py) that the test cuts (open connections reset, new ones refused) and restores, so the
server itself keeps running for the other tests.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import Counter
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy.engine import make_url

from bot.channels.base import Delivery
from bot.channels.slack.sender import SlackSender, make_slack_client
from bot.delivery.metrics import DeliveryMetrics
from bot.delivery.ratelimit import RateLimiter
from bot.delivery.worker import DeliveryWorker
from storage.db import make_engine, make_sessionmaker
from storage.migrate import upgrade
from tests.conftest import _reset_pg_schema
from tests.delivery_world import all_rows, enqueue, planned, register, seed_people, slack_fixture  # noqa: F401
from tests.emulators.slack_api import dm_channel_id
from tests.tcp_proxy import TcpProxy

PEOPLE = 40
LEASE = timedelta(seconds=20)
OUTAGE_S = 6.0


async def _until(predicate: Any, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not await predicate():
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out after {timeout} s waiting for {what}")
        await asyncio.sleep(0.1)


@pytest.fixture
async def pg_through_proxy(pg_database_url: str) -> AsyncIterator[tuple[str, str, TcpProxy]]:
    """(direct URL, URL through the proxy, the proxy) of a fresh, migrated PostgreSQL database."""
    await _reset_pg_schema(pg_database_url)
    engine = make_engine(pg_database_url)
    await upgrade(engine)
    await engine.dispose()
    url = make_url(pg_database_url)
    proxy = await TcpProxy(url.host or "127.0.0.1", url.port or 5432).start()
    try:
        yield pg_database_url, url.set(port=proxy.port).render_as_string(hide_password=False), proxy
    finally:
        await proxy.close()


@pytest.mark.postgres
async def test_a_database_outage_during_a_broadcast_sends_nobody_the_message_twice(
        pg_through_proxy: tuple[str, str, TcpProxy], slack: Any, caplog: pytest.LogCaptureFixture) -> None:
    """A coordinator's broadcast is going out when the database becomes unreachable for six seconds:
    every person still gets it exactly once, nothing new is sent while the database is away, and the
    metrics and the log say the worker paused and what it kept."""
    direct_url, proxied_url, proxy = pg_through_proxy
    direct = make_engine(direct_url)
    engine = make_engine(proxied_url)
    sessions, check = make_sessionmaker(engine), make_sessionmaker(direct)
    people = await seed_people(check, PEOPLE)
    register(slack, people)
    await enqueue(check, [planned(p, due=planned(p).due_at - timedelta(days=3650)) for p in people])
    slack.latency = 0.2  # sends are in flight when the database goes
    metrics = DeliveryMetrics()
    sender = SlackSender(make_slack_client(slack.token, slack.base_url), RateLimiter(workspace_per_minute=None),
                         sessions)
    worker = DeliveryWorker(sessions, {"slack": sender}, worker_id="w1", batch=20, concurrency=8, lease=LEASE,
                            metrics=metrics)
    caplog.set_level(logging.INFO, logger="digibot.delivery")
    stop = asyncio.Event()
    task = asyncio.create_task(worker.run_forever(stop, idle_sleep=0.2))
    try:
        await slack.wait_for("chat.postMessage", 10, timeout=30)
        await proxy.cut()
        cut_at = time.monotonic()
        await asyncio.sleep(OUTAGE_S)
        restored_at = time.monotonic()
        await proxy.restore()

        async def all_sent() -> bool:
            if task.done():
                task.result()
            return {r.status for r in await all_rows(check)} == {"sent"}

        await _until(all_sent, 90, "every row sent")
        await asyncio.sleep(0.5)  # a duplicate would show now
    finally:
        stop.set()
        await asyncio.wait_for(task, timeout=30)
        await engine.dispose()
        await direct.dispose()

    per_channel = Counter(m.channel for m in slack.messages)
    assert set(per_channel) == {dm_channel_id(p.slack_id) for p in people}  # everybody got it...
    assert max(per_channel.values()) == 1, [c for c, n in per_channel.items() if n > 1]  # ...once
    started_during = [c for c in slack.calls_to("chat.postMessage")
                      if cut_at + 0.5 < c.at - slack.latency < restored_at]
    assert started_during == []  # no new send while the database was away
    assert metrics.sends.value(channel="slack") == PEOPLE
    assert metrics.lease_lost.value(channel="slack") == 0  # nothing was lost: the results waited
    assert metrics.unrecorded.value(channel="slack") == 0
    assert metrics.database_pauses.value() >= 1
    assert metrics.record_retries.value(what="record") + metrics.record_retries.value(what="probe") > 0
    lines = [r.getMessage() for r in caplog.records]
    assert any("event=database_unavailable" in line for line in lines)
    assert any("event=database_available" in line and "down_s=" in line for line in lines)
    assert not any("lease_lost" in line or "unrecorded" in line for line in lines)


class Switchable:
    """A session factory whose database can be switched off and on."""

    def __init__(self, sessions: Any) -> None:
        self.sessions = sessions
        self.down = False

    @asynccontextmanager
    async def __call__(self) -> Any:
        if self.down:
            raise ConnectionRefusedError("the database is down")
        async with self.sessions() as session:
            yield session


class NoteSender:
    """A channel that needs no database: it notes what it sends, and when."""

    def __init__(self, gate: asyncio.Event) -> None:
        self.sent: list[tuple[int, float]] = []
        self.gate = gate
        self.started = 0

    async def send(self, row: Delivery) -> str | None:
        self.started += 1
        await self.gate.wait()
        self.sent.append((row.id, time.monotonic()))
        return f"ts-{row.id}"


async def test_rows_held_while_the_database_is_down_wait_for_it(sessions) -> None:
    """While a send's result cannot be written, the worker starts no other send; the rows it holds
    go out once the database is back, each once."""
    people = await seed_people(sessions, 6)
    await enqueue(sessions, [planned(p, due=planned(p).due_at - timedelta(days=3650)) for p in people])
    db = Switchable(sessions)
    gate = asyncio.Event()
    sender = NoteSender(gate)
    sent = sender.sent
    metrics = DeliveryMetrics()
    worker = DeliveryWorker(db, {"slack": sender}, worker_id="w1", batch=6, concurrency=2,  # type: ignore[arg-type]
                            lease=timedelta(seconds=30), metrics=metrics)
    stop = asyncio.Event()
    task = asyncio.create_task(worker.run_forever(stop, idle_sleep=0.1))
    while sender.started < 2:
        await asyncio.sleep(0.01)
    assert {r.status for r in await all_rows(sessions)} == {"sending"}  # all six claimed, two being sent
    db.down = True
    gate.set()  # the two sends finish; their results cannot be written
    await asyncio.sleep(4)  # longer than the worker used to keep trying (about 3 s)
    assert len(sent) == 2  # and nothing else was started
    db.down = False
    back = time.monotonic()
    try:
        async def done() -> bool:
            return {r.status for r in await all_rows(sessions)} == {"sent"}

        await _until(done, 30, "every row sent")
    finally:
        stop.set()
        await asyncio.wait_for(task, timeout=30)
    assert sorted(i for i, _ in sent) == sorted(r.id for r in await all_rows(sessions))  # each once
    assert all(at >= back for _, at in sent[2:])
    assert metrics.database_pauses.value() == 1
    assert metrics.lease_lost.value(channel="slack") == 0 and metrics.unrecorded.value(channel="slack") == 0
