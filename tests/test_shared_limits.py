"""Rate limits that hold across replicas: two processes' limiters (two engines on one PostgreSQL database, or
two clients of one Redis) share Slack's workspace cap and Teams' tenant limit, so together they stay under
it; a 429 that one of them sees pauses the other's senders too. Real time, short: a few seconds each."""

from __future__ import annotations

import asyncio
import os
import time
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import datetime, timedelta

import pytest

from bot.channels.teams.limits import TeamsLimiter
from bot.delivery.ratelimit import LimiterBusy, RateLimiter
from bot.delivery.shared_limits import PostgresBuckets, RedisBuckets, SharedBuckets, shared_buckets
from storage.db import make_engine
from storage.migrate import upgrade
from tests.conftest import _reset_pg_schema

REDIS_URL = os.environ.get("DIGIBOT_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


async def _redis_reachable() -> str | None:
    import redis.asyncio as redis

    client = redis.from_url(REDIS_URL, socket_connect_timeout=2)
    try:
        await client.ping()
        return None
    except Exception as exc:  # noqa: BLE001 - any failure means "no server here"
        return repr(exc)
    finally:
        await client.aclose()


@dataclass
class Replicas:
    one: SharedBuckets
    two: SharedBuckets


@pytest.fixture(params=[pytest.param("postgres", marks=pytest.mark.postgres), "redis"])
async def replicas(request: pytest.FixtureRequest) -> AsyncIterator[Replicas]:
    if request.param == "postgres":
        url: str = request.getfixturevalue("pg_database_url")
        await _reset_pg_schema(url)
        engines = make_engine(url), make_engine(url)
        await upgrade(engines[0])
        yield Replicas(PostgresBuckets(engines[0]), PostgresBuckets(engines[1]))
        for engine in engines:
            await engine.dispose()
        return
    problem = await _redis_reachable()
    if problem is not None:
        if os.environ.get("DIGIBOT_REQUIRE_REDIS") == "1":
            pytest.fail(f"Redis is required but not reachable at {REDIS_URL}: {problem}")
        pytest.skip(f"Redis not reachable at {REDIS_URL}: {problem}")
    prefix = f"digibot:test:{uuid.uuid4().hex[:8]}:"
    pair = Replicas(RedisBuckets(REDIS_URL, prefix=prefix), RedisBuckets(REDIS_URL, prefix=prefix))
    yield pair
    await pair.one.close()
    await pair.two.close()


def most_in_any_second(moments: list[float]) -> int:
    moments = sorted(moments)
    return max(sum(1 for m in moments[i:] if m < start + 1.0) for i, start in enumerate(moments))


async def _burst(acquire: object, count: int, moments: list[float]) -> None:
    async def one() -> None:
        await acquire()  # type: ignore[operator]
        moments.append(time.monotonic())

    await asyncio.gather(*(one() for _ in range(count)))


async def test_two_replicas_sending_to_one_slack_workspace_stay_under_its_cap_together(replicas: Replicas) -> None:
    cap = 1200  # a minute: 20 a second, for both replicas together
    one = RateLimiter(workspace_per_minute=cap, channel_per_second=None, shared=replicas.one)
    two = RateLimiter(workspace_per_minute=cap, channel_per_second=None, shared=replicas.two)
    moments: list[float] = []
    started = time.monotonic()
    await asyncio.gather(_burst(lambda: one.acquire("T1"), 30, moments),
                         _burst(lambda: two.acquire("T1"), 30, moments))
    took = time.monotonic() - started
    assert len(moments) == 60
    # 20 a second (21 with one at each edge of the window), and one more for the jitter of waking up; each
    # replica alone at the cap would put 40 into a second
    assert most_in_any_second(moments) <= 22
    assert took >= 59 / 20 - 0.1  # each alone at the cap would have been done in half the time
    assert took < 59 / 20 + 1.5  # and the cap is used, not wasted


async def test_another_workspace_has_its_own_cap(replicas: Replicas) -> None:
    one = RateLimiter(workspace_per_minute=600, channel_per_second=None, shared=replicas.one)
    two = RateLimiter(workspace_per_minute=600, channel_per_second=None, shared=replicas.two)
    started = time.monotonic()
    await asyncio.gather(*(one.acquire("T1") for _ in range(5)), *(two.acquire("T2") for _ in range(5)))
    assert time.monotonic() - started < 0.4 + 0.3  # 10 a second each: 5 slots take 0.4 s, side by side


async def test_two_replicas_sending_to_one_teams_tenant_stay_under_its_limit_together(replicas: Replicas) -> None:
    limits = ((20, 1.0), (1, 1.0 / 20))
    one = TeamsLimiter(tenant_limits=limits, conversation_limits=(), margin=1.0, shared=replicas.one)
    two = TeamsLimiter(tenant_limits=limits, conversation_limits=(), margin=1.0, shared=replicas.two)
    moments: list[float] = []
    started = time.monotonic()
    await asyncio.gather(_burst(lambda: one.acquire("tenant-a", None), 25, moments),
                         _burst(lambda: two.acquire("tenant-a", None), 25, moments))
    assert most_in_any_second(moments) <= 22  # as for Slack: 20 a second, the edges and a wake-up's jitter
    assert time.monotonic() - started >= 49 / 20 - 0.1


async def test_a_429_seen_by_one_replica_pauses_the_other(replicas: Replicas) -> None:
    one = RateLimiter(workspace_per_minute=600, channel_per_second=None, shared=replicas.one)
    two = RateLimiter(workspace_per_minute=600, channel_per_second=None, shared=replicas.two)
    await one.acquire("T1")
    waiting = asyncio.create_task(two.acquire("T1"))  # booked before the pause: held by it all the same
    one.pause("T1", None, 1.5)
    await one.settle()
    started = time.monotonic()
    await waiting
    await two.acquire("T1")
    assert time.monotonic() - started >= 1.4


async def test_a_slot_further_away_than_a_sender_will_wait_is_not_booked(replicas: Replicas) -> None:
    one = RateLimiter(workspace_per_minute=60, channel_per_second=None, max_wait=0.5, shared=replicas.one)
    two = RateLimiter(workspace_per_minute=60, channel_per_second=None, max_wait=0.5, shared=replicas.two)
    await one.acquire("T1")
    with pytest.raises(LimiterBusy) as busy:
        await two.acquire("T1")  # the next slot is a second away
    assert 0.5 < busy.value.wait <= 1.0
    with pytest.raises(LimiterBusy):
        await two.acquire("T1")  # nothing was booked by the refusal: still about a second away


async def test_the_store_is_redis_with_redis_url_else_postgresql_else_in_process(sqlite_engine: object) -> None:
    redis = shared_buckets(REDIS_URL, None)
    assert isinstance(redis, RedisBuckets)
    await redis.close()
    assert shared_buckets(None, sqlite_engine) is None  # type: ignore[arg-type]
    assert shared_buckets(None, None) is None
    pg = make_engine("postgresql://nobody@127.0.0.1:1/none")
    assert isinstance(shared_buckets(None, pg), PostgresBuckets)
    await pg.dispose()


@pytest.mark.postgres
@pytest.mark.parametrize("store", ["postgres", "redis"])
async def test_two_delivery_workers_on_one_database_send_a_broadcast_under_the_workspace_cap_together(
        store: str, pg_database_url: str) -> None:
    """Two replicas' real DeliveryWorkers (two engines on one PostgreSQL database), each with its own Slack
    sender and limiter, share 50 DMs of a broadcast; the Slack emulator sees them at the cap, not twice it."""
    from bot.channels.slack.sender import SlackSender, make_slack_client
    from bot.delivery.metrics import DeliveryMetrics
    from bot.delivery.worker import DeliveryWorker
    from storage.db import make_sessionmaker
    from tests.delivery_world import NOW, all_rows, enqueue, planned, register, seed_people
    from tests.emulators.slack_api import SlackApiEmulator

    if store == "redis" and (problem := await _redis_reachable()) is not None:
        if os.environ.get("DIGIBOT_REQUIRE_REDIS") == "1":
            pytest.fail(f"Redis is required but not reachable at {REDIS_URL}: {problem}")
        pytest.skip(f"Redis not reachable at {REDIS_URL}: {problem}")
    await _reset_pg_schema(pg_database_url)
    engines = make_engine(pg_database_url), make_engine(pg_database_url)
    await upgrade(engines[0])
    sessions = [make_sessionmaker(engine) for engine in engines]
    prefix = f"digibot:test:{uuid.uuid4().hex[:8]}:"
    buckets: list[SharedBuckets] = [
        PostgresBuckets(e) if store == "postgres" else RedisBuckets(REDIS_URL, prefix=prefix) for e in engines]
    people = await seed_people(sessions[0], 50)
    await enqueue(sessions[0], [planned(who) for who in people])
    started = time.monotonic()

    def clock() -> datetime:
        return NOW + timedelta(seconds=time.monotonic() - started)

    async with SlackApiEmulator(token="xoxb-test") as slack:
        register(slack, people)
        clients = [make_slack_client(slack.token, slack.base_url) for _ in engines]
        workers = [
            DeliveryWorker(sessions[i], {"slack": SlackSender(clients[i], RateLimiter(
                workspace_per_minute=1200, shared=buckets[i]), sessions[i])}, worker_id=f"replica-{i}", clock=clock,
                batch=25, metrics=DeliveryMetrics())
            for i in range(2)
        ]
        try:
            done = await asyncio.gather(*(w.run_once() for w in workers))
            posts = slack.calls_to("chat.postMessage")
        finally:
            for client in clients:
                if client.session is not None:
                    await client.session.close()
    rows = await all_rows(sessions[0])
    for bucket in buckets:
        await bucket.close()
    for engine in engines:
        await engine.dispose()
    assert done == [25, 25]  # both replicas sent
    assert len(posts) == 50 and {r.status for r in rows} == {"sent"}
    # The cap is per minute; over the broadcast both together keep to 20 a second (each alone would have
    # sent its 25 in 1.2 s), and in any one second the HTTP round trips' jitter adds at most a few
    assert max(call.at for call in posts) - min(call.at for call in posts) >= 49 / 20 - 0.2
    assert most_in_any_second([call.at for call in posts]) <= 24  # unshared: about 40
