"""Chat replies through a channel's `Sender`: the same client and rate limiter as the outbox, with retries.

A reply is not stored in the outbox (it is answered while the person waits), so it is retried here, in
memory: after Retry-After for a rate limit (which costs no attempt), else after an exponential backoff,
for at most `REPLY_PATIENCE` seconds and `MAX_ATTEMPTS` counted failures. A reply that still cannot be
delivered raises `ReplyLost` with the reason, after logging it; the caller may try an apology.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable

from bot.channels.base import Delivery, PermanentFailure, RetryLater, Sender
from bot.delivery.backoff import backoff_seconds

log = logging.getLogger("digibot.delivery")

REPLY_PATIENCE = 120.0  # seconds a reply keeps trying (a person waits for it)
MAX_ATTEMPTS = 5  # failures that count (a rate limit does not)

Sleep = Callable[[float], Awaitable[None]]


class ReplyLost(Exception):  # noqa: N818 - an outcome
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


async def send_reply(sender: Sender, delivery: Delivery, *, patience: float = REPLY_PATIENCE,
                     max_attempts: int = MAX_ATTEMPTS, sleep: Sleep = asyncio.sleep,
                     clock: Callable[[], float] = time.monotonic) -> str | None:
    """Deliver `delivery` now, retrying as the sender says; returns the platform message id."""
    started = clock()
    failures = 0
    while True:
        try:
            return await sender.send(delivery)
        except PermanentFailure as exc:
            reason = exc.reason
            break
        except RetryLater as exc:
            reason = exc.reason
            failures += 1 if exc.counts else 0
            wait = exc.after_seconds if exc.after_seconds is not None else backoff_seconds(max(1, failures))
            if failures >= max_attempts or clock() - started + wait > patience:
                break
            log.info("reply %s to %s waits %.1f s: %s", delivery.key, delivery.recipient, wait, reason)
            await sleep(wait)
    log.error("reply %s to %s (%s) was not delivered: %s", delivery.key, delivery.recipient, delivery.channel, reason)
    raise ReplyLost(reason)
