"""Teams' limits as the sender keeps them (bot/channels/teams/limits.py), on a fake clock: never more than
7 a second or 60 in 30 seconds in one conversation, nor 30 a second in the tenant; a 429 pauses."""

from __future__ import annotations

import pytest

from bot.channels.teams.limits import TeamsLimiter
from bot.delivery.ratelimit import LimiterBusy


class FakeTime:
    def __init__(self) -> None:
        self.now = 0.0

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += seconds


def _most_in_any_window(times: list[float], seconds: float) -> int:
    return max(sum(1 for u in times if t <= u < t + seconds) for t in times)


async def test_one_conversation_gets_at_most_7_a_second_and_60_in_30_seconds() -> None:
    fake = FakeTime()
    limiter = TeamsLimiter(margin=1.0, max_wait=None, clock=fake.clock, sleep=fake.sleep)
    times = []
    for _ in range(130):
        await limiter.acquire("tenant", "a:kari")
        times.append(fake.now)
    assert _most_in_any_window(times, 1.0) == 7
    assert _most_in_any_window(times, 30.0) == 60
    assert times[-1] < 70  # and no slower than that


async def test_the_tenant_gets_at_most_30_a_second_across_conversations() -> None:
    fake = FakeTime()
    limiter = TeamsLimiter(margin=1.0, max_wait=None, clock=fake.clock, sleep=fake.sleep)
    times = []
    for n in range(300):
        await limiter.acquire("tenant", f"a:{n}")
        times.append(fake.now)
    assert _most_in_any_window(times, 1.0) == 30
    assert min(b - a for a, b in zip(times, times[1:], strict=False)) >= 1 / 30 - 1e-9  # spread, no burst
    assert 9.9 <= times[-1] <= 10.0


async def test_a_429_pauses_the_conversation_and_a_long_wait_is_given_back() -> None:
    fake = FakeTime()
    limiter = TeamsLimiter(max_wait=5.0, clock=fake.clock, sleep=fake.sleep)
    await limiter.acquire("tenant", "a:kari")
    limiter.pause("tenant", "a:kari", 3.0)
    assert await limiter.acquire("tenant", "a:kari") == pytest.approx(3.0)
    assert await limiter.acquire("tenant", "a:other") < 0.05  # other conversations go on
    limiter.pause("tenant", "a:kari", 60.0)
    with pytest.raises(LimiterBusy):
        await limiter.acquire("tenant", "a:kari")
