"""Teams' rate limits, kept by the sender: per conversation (7 messages a second, 60 in 30 seconds) and per
tenant (about 30 requests a second).

Each limit is a sliding window ("at most `count` in any `seconds`"), kept as the times of the last `count`
slots handed out. `acquire` books the earliest moment at which every window concerned has room, then
waits until then, so concurrent senders line up at exactly the allowed pace without polling. The windows
are made `MARGIN` longer than Teams' own, since a send leaves a little after its slot and the network
may bunch requests together.

A 429 pauses the conversation (or the whole tenant) for Retry-After seconds (`pause`); a sender that was
already waiting books a new slot after the pause. Time and sleeping are injected, so tests never sleep.

With `shared` buckets (bot/delivery/shared_limits.py: PostgreSQL, or Redis when REDIS_URL is set) the tenant's
limit is one token bucket there, at the tenant windows' pace (30 a second, one every 1/30 s, with the margin),
held by every replica together; the conversations' windows stay in the process.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from bot.delivery.ratelimit import LimiterBusy

if TYPE_CHECKING:
    from bot.delivery.shared_limits import SharedBuckets

Clock = Callable[[], float]
Sleep = Callable[[float], Awaitable[None]]

MARGIN = 1.05
CONVERSATION_LIMITS = ((7, 1.0), (60, 30.0))  # (messages, seconds) per conversation
# requests per tenant: 30 a second, spread out (at most one every 1/30 s), so that no burst at the start of
# a broadcast arrives bunched with the next second's requests
TENANT_LIMITS = ((30, 1.0), (1, 1.0 / 30))
MAX_WAIT = 30.0  # a send that would wait longer gives its row back instead (RetryLater)
_PRUNE_AT = 10_000  # conversations remembered before idle ones are forgotten


@dataclass
class Window:
    """At most `count` slots in any `seconds`: booked slots (`slots`), and the moments requests really left
    (`sent`), which a busy event loop may have made later than booked and so bunched together."""

    count: int
    seconds: float
    slots: deque[float] = field(default_factory=deque)
    sent: deque[float] = field(default_factory=deque)

    def still_full(self, now: float) -> float:
        """Seconds until a request may leave, counting the requests that really left; 0: now."""
        if len(self.sent) < self.count:
            return 0.0
        return max(0.0, self.sent[-self.count] + self.seconds - now)

    def leave(self, at: float) -> None:
        self.sent.append(at)
        while len(self.sent) > self.count:
            self.sent.popleft()

    def earliest(self, now: float) -> float:
        if len(self.slots) < self.count:
            return now
        return max(now, self.slots[-self.count] + self.seconds)

    def take(self, at: float) -> None:
        self.slots.append(at)
        while len(self.slots) > self.count:
            self.slots.popleft()

    def idle(self, now: float) -> bool:
        return not self.slots or self.slots[-1] + self.seconds <= now


@dataclass
class _Bucket:
    windows: list[Window]
    paused_until: float = 0.0
    pauses: int = 0  # how many pauses began (a waiting sender books again after one)

    def earliest(self, now: float) -> float:
        return max([now, self.paused_until] + [w.earliest(now) for w in self.windows])

    def take(self, at: float) -> None:
        for window in self.windows:
            window.take(at)

    def idle(self, now: float) -> bool:
        return self.paused_until <= now and all(w.idle(now) for w in self.windows)

    def still_full(self, now: float) -> float:
        return max([w.still_full(now) for w in self.windows] + [self.paused_until - now, 0.0])

    def leave(self, at: float) -> None:
        for window in self.windows:
            window.leave(at)


def _windows(limits: tuple[tuple[int, float], ...], margin: float) -> list[Window]:
    return [Window(count, seconds * margin) for count, seconds in limits]


class TeamsLimiter:
    """Sliding windows per tenant and per conversation; `acquire(tenant, conversation)` before each request."""

    def __init__(self, *, tenant_limits: tuple[tuple[int, float], ...] = TENANT_LIMITS,
                 conversation_limits: tuple[tuple[int, float], ...] = CONVERSATION_LIMITS,
                 margin: float = MARGIN, max_wait: float | None = MAX_WAIT,
                 clock: Clock = time.monotonic, sleep: Sleep = asyncio.sleep,
                 shared: SharedBuckets | None = None) -> None:
        self.shared = shared
        self._pausing: set[asyncio.Task[None]] = set()
        self.tenant_limits = tenant_limits
        self.conversation_limits = conversation_limits
        self.margin = margin
        self.max_wait = max_wait
        self.clock = clock
        self.sleep = sleep
        self._tenants: dict[str, _Bucket] = {}
        self._conversations: dict[str, _Bucket] = {}

    @property
    def tenant_rate(self) -> float:
        """Requests a second the tenant's windows allow, the margin included."""
        return min(count / (seconds * self.margin) for count, seconds in self.tenant_limits)

    @staticmethod
    def shared_key(tenant: str) -> str:
        return f"teams:tenant:{tenant}"

    def _buckets(self, tenant: str, conversation: str | None) -> list[_Bucket]:
        buckets = [] if self.shared is not None else \
            [self._tenants.setdefault(tenant, _Bucket(_windows(self.tenant_limits, self.margin)))]
        if conversation is not None:
            bucket = self._conversations.get(conversation)
            if bucket is None:
                if len(self._conversations) >= _PRUNE_AT:
                    now = self.clock()
                    self._conversations = {k: b for k, b in self._conversations.items() if not b.idle(now)}
                bucket = self._conversations[conversation] = _Bucket(_windows(self.conversation_limits,
                                                                              self.margin))
            buckets.append(bucket)
        return buckets

    def reserve(self, tenant: str, conversation: str | None = None, *, max_wait: float | None = None) -> float:
        """Book the earliest slot every bucket allows; the seconds to wait for it. LimiterBusy (booking
        nothing) when that is more than `max_wait` (default: the limiter's)."""
        limit = self.max_wait if max_wait is None else max_wait
        now = self.clock()
        buckets = self._buckets(tenant, conversation)
        at = max([now] + [bucket.earliest(now) for bucket in buckets])
        if limit is not None and at - now > limit:
            raise LimiterBusy(at - now)
        for bucket in buckets:
            bucket.take(at)
        return at - now

    async def acquire(self, tenant: str, conversation: str | None = None, *,
                      max_wait: float | None = None) -> float:
        """Wait for a slot; returns the seconds waited. A pause that begins meanwhile books a new slot; a
        slot reached late (the loop was busy) waits on until the requests that really left allow it."""
        waited = 0.0
        while True:
            buckets = self._buckets(tenant, conversation)
            marks = [bucket.pauses for bucket in buckets]
            wait = self.reserve(tenant, conversation, max_wait=max_wait)
            if wait > 0:
                await self.sleep(wait)
                waited += wait
            if [bucket.pauses for bucket in buckets] != marks:
                continue
            while (extra := max([0.0] + [bucket.still_full(self.clock()) for bucket in buckets])) > 0:
                await self.sleep(extra)
                waited += extra
            now = self.clock()
            for bucket in buckets:
                bucket.leave(now)
            if self.shared is not None:
                from bot.delivery.shared_limits import wait_for_slot

                waited += await wait_for_slot(self.shared, self.shared_key(tenant), self.tenant_rate, 1.0,
                                              max_wait=self.max_wait if max_wait is None else max_wait,
                                              priority=False, sleep=self.sleep, clock=self.clock)
            return waited

    def pause(self, tenant: str, conversation: str | None, seconds: float) -> None:
        """After a 429: nothing more to the conversation (or, without one, the tenant) for `seconds`."""
        now = self.clock()
        if conversation is None and self.shared is not None:  # the tenant's, for every replica
            task = asyncio.get_running_loop().create_task(self.shared.pause(self.shared_key(tenant), seconds))
            self._pausing.add(task)
            task.add_done_callback(self._pausing.discard)
            return
        bucket = self._buckets(tenant, conversation)[-1]
        until = now + max(0.0, seconds)
        if until > bucket.paused_until:
            bucket.paused_until = until
            bucket.pauses += 1

    async def settle(self) -> None:
        """Wait until the pauses handed to the shared buckets are written."""
        if self._pausing:
            await asyncio.gather(*self._pausing, return_exceptions=True)
