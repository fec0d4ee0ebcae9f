"""Token buckets (per workspace, per channel) and backoff, on a fake clock: no test sleeps."""

from __future__ import annotations

import asyncio
import heapq
from collections.abc import Awaitable

import pytest

from bot.delivery.backoff import backoff_seconds
from bot.delivery.metrics import DeliveryMetrics
from bot.delivery.ratelimit import LimiterBusy, RateLimiter, TokenBucket
from bot.delivery.senders import SlackSender, make_slack_client
from bot.delivery.worker import DeliveryWorker
from tests.delivery_world import (  # noqa: F401 - slack is a fixture
    NOW,
    enqueue,
    planned,
    register,
    seed_people,
    slack_fixture,
)


class FakeTime:
    """A monotonic clock that moves only when someone sleeps (each sleeper wakes at its own deadline)."""

    def __init__(self, start: float = 1000.0) -> None:
        self.t = start
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.t

    async def sleep(self, seconds: float) -> None:
        wake = self.t + seconds
        self.slept.append(seconds)
        await asyncio.sleep(0)
        self.t = max(self.t, wake)


def test_bucket_starts_full_and_refills_at_its_rate() -> None:
    bucket = TokenBucket(rate=2.0, capacity=3.0)
    now = 0.0
    assert bucket.tokens(now) == 3.0
    for _ in range(3):
        assert bucket.earliest(now) == now
        bucket.take(now)
    assert bucket.tokens(now) == pytest.approx(0.0)
    assert bucket.earliest(now) == pytest.approx(0.5)  # one token every 1/rate seconds
    assert bucket.tokens(0.25) == pytest.approx(0.5)
    assert bucket.tokens(10.0) == 3.0  # never more than the capacity


def test_booking_ahead_makes_the_balance_negative() -> None:
    bucket = TokenBucket(rate=1.0)
    bucket.take(0.0)
    bucket.take(bucket.earliest(0.0))  # booked for t=1
    assert bucket.tokens(0.0) == pytest.approx(-1.0)
    assert bucket.earliest(0.0) == pytest.approx(2.0)


def test_bad_bucket_parameters_are_refused() -> None:
    with pytest.raises(ValueError):
        TokenBucket(rate=0)
    with pytest.raises(ValueError):
        TokenBucket(rate=1, capacity=0.5)


def test_one_message_per_second_per_channel() -> None:
    clock = FakeTime()
    limiter = RateLimiter(workspace_per_minute=None, channel_per_second=1.0, clock=clock, max_wait=None)
    assert [limiter.reserve("T1", "D1") for _ in range(4)] == [0.0, 1.0, 2.0, 3.0]
    assert limiter.reserve("T1", "D2") == 0.0  # other channels are not held up
    assert limiter.reserve("T2", "D1") == 0.0  # nor the same channel id in another workspace
    clock.t += 10
    assert limiter.reserve("T1", "D1") == 0.0


def test_workspace_cap_spaces_posts_across_channels() -> None:
    clock = FakeTime()
    limiter = RateLimiter(workspace_per_minute=120, channel_per_second=1.0, clock=clock, max_wait=None)
    waits = [limiter.reserve("T1", f"D{i}") for i in range(5)]
    assert waits == pytest.approx([0.0, 0.5, 1.0, 1.5, 2.0])


def test_a_post_waits_for_the_later_of_workspace_and_channel() -> None:
    clock = FakeTime()
    limiter = RateLimiter(workspace_per_minute=600, channel_per_second=1.0, clock=clock, max_wait=None)
    assert limiter.reserve("T1", "D1") == 0.0
    assert limiter.reserve("T1", "D2") == pytest.approx(0.1)  # workspace: 10/s
    assert limiter.reserve("T1", "D1") == pytest.approx(1.0)  # channel: 1/s wins


def test_workspace_burst_lets_a_few_through_at_once() -> None:
    clock = FakeTime()
    limiter = RateLimiter(workspace_per_minute=60, workspace_burst=3, channel_per_second=None, clock=clock,
                          max_wait=None)
    assert [limiter.reserve("T", None) for _ in range(5)] == pytest.approx([0.0, 0.0, 0.0, 1.0, 2.0])


def test_a_slot_too_far_away_is_refused_without_booking() -> None:
    clock = FakeTime()
    limiter = RateLimiter(workspace_per_minute=None, channel_per_second=1.0, clock=clock, max_wait=2.5)
    assert [limiter.reserve("T", "D") for _ in range(3)] == [0.0, 1.0, 2.0]
    with pytest.raises(LimiterBusy) as busy:
        limiter.reserve("T", "D")
    assert busy.value.wait == pytest.approx(3.0)
    assert limiter.delay("T", "D") == pytest.approx(3.0)  # nothing was booked by the refusal


def test_pause_after_a_429_holds_the_workspace_and_the_channel() -> None:
    clock = FakeTime()
    limiter = RateLimiter(workspace_per_minute=6000, channel_per_second=1.0, clock=clock, max_wait=None)
    limiter.pause("T", "D1", 7.0)
    assert limiter.delay("T", "D1") == pytest.approx(7.0)
    assert limiter.delay("T", "D2") == pytest.approx(7.0)  # the workspace bucket is paused too
    clock.t += 7.0
    assert limiter.delay("T", "D1") == 0.0


async def test_concurrent_senders_to_one_channel_go_one_per_second() -> None:
    clock = FakeTime()
    limiter = RateLimiter(workspace_per_minute=None, channel_per_second=1.0, clock=clock, sleep=clock.sleep,
                          max_wait=None)
    start = clock.t
    done: list[float] = []

    async def post() -> None:
        await limiter.acquire("T", "D1")
        done.append(clock.t - start)

    await asyncio.gather(*(post() for _ in range(5)))
    assert sorted(done) == pytest.approx([0.0, 1.0, 2.0, 3.0, 4.0])


async def test_many_channels_share_the_workspace_rate() -> None:
    clock = FakeTime()
    limiter = RateLimiter(workspace_per_minute=300, channel_per_second=1.0, clock=clock, sleep=clock.sleep,
                          max_wait=None)
    start = clock.t
    await asyncio.gather(*(limiter.acquire("T", f"D{i}") for i in range(51)))
    assert clock.t - start == pytest.approx(10.0)  # 50 intervals of 0.2 s after the first


def test_idle_channel_buckets_are_forgotten(monkeypatch: pytest.MonkeyPatch) -> None:
    import bot.delivery.ratelimit as ratelimit

    monkeypatch.setattr(ratelimit, "_PRUNE_AT", 10)
    clock = FakeTime()
    limiter = RateLimiter(workspace_per_minute=None, channel_per_second=1.0, clock=clock, max_wait=None)
    for i in range(10):
        limiter.reserve("T", f"D{i}")
    clock.t += 5
    limiter.reserve("T", "D-new")
    assert len(limiter._channels) == 1


def test_workspace_cap_from_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    from bot.config import Settings

    no_env_file = tmp_path / "none.env"
    monkeypatch.delenv("SLACK_WORKSPACE_PER_MINUTE", raising=False)
    assert Settings.from_env(no_env_file).slack_workspace_per_minute == 600
    monkeypatch.setenv("SLACK_WORKSPACE_PER_MINUTE", "3000")
    assert Settings.from_env(no_env_file).slack_workspace_per_minute == 3000
    for bad in ("", "many", "0", "-5"):
        monkeypatch.setenv("SLACK_WORKSPACE_PER_MINUTE", bad)
        assert Settings.from_env(no_env_file).slack_workspace_per_minute == 600


def test_backoff_doubles_with_full_jitter_and_a_cap() -> None:
    top = [backoff_seconds(n, rand=lambda: 1.0) for n in range(1, 12)]
    assert top[:5] == [2.0, 4.0, 8.0, 16.0, 32.0]
    assert top[-1] == 600.0  # capped
    assert backoff_seconds(3, rand=lambda: 0.5) == 4.0  # uniform below the ceiling
    assert backoff_seconds(3, rand=lambda: 0.0) == 0.5  # but never a hot loop
    assert backoff_seconds(1, base=1.0, cap=5.0, floor=0.0, rand=lambda: 0.25) == 0.25


class VirtualTime:
    """A clock for many sleepers: time jumps to the earliest wake-up once every task has run as far as it can."""

    def __init__(self, start: float = 1000.0) -> None:
        self.t = start
        self._sleepers: list[tuple[float, int, asyncio.Future[None]]] = []
        self._order = 0

    def __call__(self) -> float:
        return self.t

    async def sleep(self, seconds: float) -> None:
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._order += 1
        heapq.heappush(self._sleepers, (self.t + max(0.0, seconds), self._order, future))
        await future

    async def run(self, *work: Awaitable[None]) -> None:
        tasks = [asyncio.ensure_future(w) for w in work]
        while not all(task.done() for task in tasks):
            for _ in range(20):
                await asyncio.sleep(0)
            if self._sleepers:
                self.t, _, future = heapq.heappop(self._sleepers)
                future.set_result(None)
        await asyncio.gather(*tasks)


async def test_a_workspace_429_holds_every_sender_already_waiting_for_a_slot() -> None:
    """A broadcast to 16 people is under way (10 posts/s for the workspace) when Slack answers the first post
    with 429 and Retry-After 5: none of the 15 senders already waiting for their slot may post during those
    5 seconds, and afterwards they go out at the workspace rate again, not all at once."""
    clock = VirtualTime()
    limiter = RateLimiter(workspace_per_minute=600, channel_per_second=1.0, clock=clock, sleep=clock.sleep,
                          max_wait=None)
    start = clock.t
    posted: list[float] = []

    async def first_post_meets_a_429() -> None:
        await limiter.acquire("T", "D0")
        await clock.sleep(0.05)  # the request to Slack; the others are booked and waiting meanwhile
        limiter.pause("T", "D0", 5.0)

    async def post(channel: str) -> None:
        await limiter.acquire("T", channel)
        posted.append(round(clock.t - start, 3))

    await clock.run(first_post_meets_a_429(), *(post(f"D{i}") for i in range(1, 16)))

    assert [p for p in posted if p < 5.0] == []  # nothing slipped through during the pause
    assert posted == pytest.approx([5.0 + 0.1 * i for i in range(1, 16)])  # each slot moved back 5 s, in order


async def test_a_second_429_during_the_pause_extends_it_for_everyone_waiting() -> None:
    clock = VirtualTime()
    limiter = RateLimiter(workspace_per_minute=600, channel_per_second=None, clock=clock, sleep=clock.sleep,
                          max_wait=None)
    posted: list[float] = []

    async def two_429s() -> None:
        limiter.pause("T", None, 2.0)
        await clock.sleep(1.0)
        limiter.pause("T", None, 3.0)  # at +1 s: now paused until +4 s

    async def post() -> None:
        await clock.sleep(0.5)  # already waiting when the first 429 came
        await limiter.acquire("T", None)
        posted.append(clock.t - 1000.0)

    await clock.run(two_429s(), post(), post())
    assert posted == pytest.approx([4.0, 4.1])


async def test_a_broadcast_that_meets_a_429_sends_nothing_more_until_retry_after_has_passed(sessions, slack) -> None:
    """16 coordinators get an announcement; Slack answers the first post with 429 Retry-After 1 s. The 15 sends
    already waiting for their slot (10 posts/s for the workspace) wait out that second too, in real time."""
    people = await seed_people(sessions, 16)
    register(slack, people)
    await enqueue(sessions, [planned(p) for p in people])
    limiter = RateLimiter(workspace_per_minute=600)  # the real clock and sleep
    sender = SlackSender(make_slack_client(slack.token, slack.base_url), limiter, sessions)
    worker = DeliveryWorker(sessions, {"slack": sender}, worker_id="w1", clock=lambda: NOW, concurrency=16,
                            metrics=DeliveryMetrics())
    slack.fail_next("chat.postMessage", 429, retry_after=1)

    assert await worker.run_once() == 16

    posts = slack.calls_to("chat.postMessage")
    [limited] = [c for c in posts if c.status == 429]
    during_the_pause = [round(c.at - limited.at, 2) for c in posts if limited.at < c.at < limited.at + 0.95]
    assert during_the_pause == []
    assert len([c for c in posts if c.status == 200]) == 15  # the 16th waits for its own retry
