"""Token buckets for Slack: one per workspace (a cap per minute) and one per channel (about 1 message/s).

Each bucket is kept in its GCRA form (a "theoretical arrival time"), which is the same token bucket with
`rate` tokens per second and room for `capacity` tokens, but lets concurrent senders *reserve* their slot:
`acquire()` books the earliest moment both the workspace and the channel bucket have a token, then waits
until then. Nobody polls, and a crowd of coroutines is let through at exactly the bucket rate.

A 429 from Slack pauses the buckets it concerns for `Retry-After` seconds (`pause`). Time and waiting are
injected (`clock`, `sleep`) so tests never sleep.

The workspace cap comes from SLACK_WORKSPACE_PER_MINUTE (default 600). With `shared` buckets
(bot/delivery/shared_limits.py: PostgreSQL, or Redis when REDIS_URL is set) the workspace bucket is kept
there and holds for every replica together; the channel buckets stay in the process. Without, the cap is
per process.
"""

from __future__ import annotations

import asyncio
import math
import time
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.delivery.shared_limits import SharedBuckets

DEFAULT_WORKSPACE_PER_MINUTE = 600
DEFAULT_CHANNEL_PER_SECOND = 1.0
DEFAULT_MAX_WAIT = 30.0  # a send that would wait longer on our own buckets gives its row back instead
_PRUNE_AT = 10_000  # channel buckets kept before idle ones are forgotten

Clock = Callable[[], float]
Sleep = Callable[[float], Awaitable[None]]


class LimiterBusy(Exception):  # noqa: N818 - a state, not an error
    """The next free slot is further away than the caller is willing to wait."""

    def __init__(self, wait: float) -> None:
        super().__init__(f"rate limit: next slot in {wait:.1f} s")
        self.wait = wait


class TokenBucket:
    """`rate` tokens per second, at most `capacity` stored; starts full."""

    def __init__(self, rate: float, capacity: float = 1.0) -> None:
        if rate <= 0 or capacity < 1:
            raise ValueError("rate must be > 0 and capacity >= 1")
        self.rate = rate
        self.capacity = capacity
        self.interval = 1.0 / rate
        self.tolerance = (capacity - 1.0) * self.interval
        self.tat = -math.inf  # theoretical arrival time: the bucket is full whenever tat <= now
        self.paused_until = -math.inf
        self.pushed_back = 0.0  # how far pauses have moved the slots booked so far, in total (seconds)

    def tokens(self, now: float) -> float:
        """Tokens available at `now` (negative when slots are booked ahead); 0 while paused."""
        if now < self.paused_until:
            return 0.0
        return min(self.capacity, self.capacity - (self.tat - now) / self.interval)

    def earliest(self, now: float) -> float:
        """The first moment >= now at which one token can be taken."""
        return max(now, self.tat - self.tolerance, self.paused_until)

    def take(self, at: float) -> None:
        """Take one token at `at` (>= earliest(at))."""
        self.tat = max(self.tat, at) + self.interval

    def pause(self, until: float, now: float) -> None:
        """Nothing before `until`; every slot already booked moves back by the new pause, keeping its place."""
        extra = until - max(now, self.paused_until)
        if extra <= 0:
            return
        if self.tat > now:
            self.tat += extra
        self.pushed_back += extra
        self.paused_until = until

    def idle(self, now: float) -> bool:
        return self.tat <= now and self.paused_until <= now


class RateLimiter:
    """Buckets per workspace and per channel; `acquire(workspace, channel)` before each post."""

    def __init__(
        self,
        *,
        workspace_per_minute: float | None = DEFAULT_WORKSPACE_PER_MINUTE,
        channel_per_second: float | None = DEFAULT_CHANNEL_PER_SECOND,
        workspace_burst: float = 1.0,
        channel_burst: float = 1.0,
        max_wait: float | None = DEFAULT_MAX_WAIT,
        clock: Clock = time.monotonic,
        sleep: Sleep = asyncio.sleep,
        shared: SharedBuckets | None = None,
    ) -> None:
        self.shared = shared if workspace_per_minute else None
        self._pausing: set[asyncio.Task[None]] = set()
        self.workspace_per_minute = workspace_per_minute
        self.channel_per_second = channel_per_second
        self.workspace_burst = workspace_burst
        self.channel_burst = channel_burst
        self.max_wait = max_wait
        self.clock = clock
        self.sleep = sleep
        self._workspaces: dict[str, TokenBucket] = {}
        self._channels: dict[tuple[str, str], TokenBucket] = {}

    def _buckets(self, workspace: str, channel: str | None) -> list[TokenBucket]:
        buckets: list[TokenBucket] = []
        if self.workspace_per_minute and self.shared is None:
            bucket = self._workspaces.get(workspace)
            if bucket is None:
                bucket = TokenBucket(self.workspace_per_minute / 60.0, self.workspace_burst)
                self._workspaces[workspace] = bucket
            buckets.append(bucket)
        if channel is not None and self.channel_per_second:
            key = (workspace, channel)
            bucket = self._channels.get(key)
            if bucket is None:
                if len(self._channels) >= _PRUNE_AT:
                    self._prune()
                bucket = self._channels[key] = TokenBucket(self.channel_per_second, self.channel_burst)
            buckets.append(bucket)
        return buckets

    def _prune(self) -> None:
        now = self.clock()
        for key in [k for k, b in self._channels.items() if b.idle(now)]:
            del self._channels[key]

    def delay(self, workspace: str, channel: str | None = None) -> float:
        """Seconds until a post to `channel` would be let through (0: now); reserves nothing."""
        now = self.clock()
        return max([b.earliest(now) for b in self._buckets(workspace, channel)] + [now]) - now

    def reserve(self, workspace: str, channel: str | None = None, *, max_wait: float | None = None,
                priority: bool = False) -> float:
        """Book the earliest slot in every bucket concerned; returns the seconds to wait for it.

        Raises LimiterBusy (booking nothing) if that is more than `max_wait` (default: the limiter's).
        `priority` (a chat reply, someone is waiting for it): wait for the channel's slot and for a pause,
        but not behind the slots other sends booked in the workspace bucket; the reply's workspace token
        is still taken (borrowed ahead), so the broadcasts behind it slow down instead.
        """
        limit = self.max_wait if max_wait is None else max_wait
        now = self.clock()
        buckets = self._buckets(workspace, channel)
        shared = self._workspaces.get(workspace) if priority else None
        at = max([b.paused_until if b is shared else b.earliest(now) for b in buckets] + [now])
        if limit is not None and at - now > limit:
            raise LimiterBusy(at - now)
        for bucket in buckets:
            bucket.take(at)
        return at - now

    async def acquire(self, workspace: str, channel: str | None = None, *, max_wait: float | None = None,
                      priority: bool = False) -> float:
        """Wait for a slot (see `reserve`); returns the seconds waited.

        A pause (a 429) that begins while we wait moves our slot back with every other booked one, so
        no waiting sender slips through during a pause, and they leave it at the bucket rate.
        """
        buckets = self._buckets(workspace, channel)
        marks = [bucket.pushed_back for bucket in buckets]
        wait = self.reserve(workspace, channel, max_wait=max_wait, priority=priority)
        waited = 0.0
        while wait > 0:
            await self.sleep(wait)
            waited += wait
            wait = max([bucket.pushed_back - mark for bucket, mark in zip(buckets, marks, strict=True)] + [0.0])
            marks = [bucket.pushed_back for bucket in buckets]
        if self.shared is not None and self.workspace_per_minute:
            from bot.delivery.shared_limits import wait_for_slot

            waited += await wait_for_slot(self.shared, self.shared_key(workspace), self.workspace_per_minute / 60.0,
                                          self.workspace_burst, max_wait=self.max_wait if max_wait is None else
                                          max_wait, priority=priority, sleep=self.sleep, clock=self.clock)
        return waited

    @staticmethod
    def shared_key(workspace: str) -> str:
        return f"slack:workspace:{workspace}"

    def pause(self, workspace: str, channel: str | None, seconds: float) -> None:
        """After a 429: nothing goes to the workspace (and the channel) for `seconds` (in every replica when
        the workspace bucket is shared: that pause is written at once, in the background; `settle` waits)."""
        now = self.clock()
        for bucket in self._buckets(workspace, channel):
            bucket.pause(now + max(0.0, seconds), now)
        if self.shared is not None:
            task = asyncio.get_running_loop().create_task(self.shared.pause(self.shared_key(workspace), seconds))
            self._pausing.add(task)
            task.add_done_callback(self._pausing.discard)

    async def settle(self) -> None:
        """Wait until the pauses handed to the shared buckets are written."""
        if self._pausing:
            await asyncio.gather(*self._pausing, return_exceptions=True)
