"""The delivery worker: claims due outbox rows, sends them through their channel, records the outcome.

One round (`run_once`): claim up to `batch` due rows for the channels this process can send through
(storage.outbox.claim: one short transaction, `FOR UPDATE SKIP LOCKED` on PostgreSQL, the single
writer on SQLite; the rows get a lease), send them concurrently (at most `concurrency` at a time, each
sender keeping to its rate limits), and record each result in its own short transaction. No database
transaction is open while a platform API is called. Rows for channels without a sender here (e-mail,
Teams until they come) keep waiting with status_text "channel not configured".

Outcomes: sent → `sent` with the platform message id; `RetryLater` → back to `pending`, not before
Retry-After (429s do not use up an attempt) or an exponential backoff with full jitter; after
MAX_ATTEMPTS counted attempts, or on `PermanentFailure` → `failed` with the reason. A row whose lease
has mostly run out before its turn, or that is still waiting when the worker is stopped, is handed
back at once instead of being sent late.

Exactly once, and the one duplicate window
------------------------------------------
Claims are exclusive, so two workers (threads, processes, replicas) never send the same row while a
lease is valid, and a worker records a result only while it still holds the row. A row can be sent
twice in one case only: the platform accepted the message, and the process died (or lost its database)
before the `UPDATE ... SET status='sent'` committed. When the lease runs out, another worker claims the
row and sends it again. That window is kept as small as it can be: it is one single-row UPDATE right
after the API answers, shielded from task cancellation and retried briefly if the database hiccups;
it holds no other work. At most `concurrency` rows per worker can be in it at once. A Slack message
split into several posts, or with a file, is remembered part by part in memory, so a retry in the
same process does not repeat the parts already posted. Slack has no idempotency key for
chat.postMessage, so the window cannot be closed completely.
"""

from __future__ import annotations

import asyncio
import logging
import os
import random
import socket
import time
import uuid
from collections.abc import Awaitable, Callable, Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.channels.base import Delivery, PermanentFailure, RetryLater, Sender
from bot.delivery.backoff import backoff_seconds
from bot.delivery.metrics import METRICS, DeliveryMetrics
from handlers.notify.content import message_at_send
from storage import outbox
from storage.db import affected
from storage.models_notify import OutboxMessage

log = logging.getLogger("digibot.delivery")

Clock = Callable[[], datetime]
Sleep = Callable[[float], Awaitable[None]]
IdleWait = Callable[[asyncio.Event, float], Awaitable[None]]

DEFAULT_LEASE = timedelta(minutes=2)
NOTE_UNCONFIGURED_EVERY = timedelta(seconds=30)
RECORD_TRIES = 4  # attempts at recording a result when the database fails


def utcnow() -> datetime:
    return datetime.now(UTC)


def default_worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


async def wait_for_event(stop: asyncio.Event, seconds: float) -> None:
    """Return when `stop` is set or after `seconds`, whichever comes first."""
    try:
        await asyncio.wait_for(stop.wait(), timeout=seconds)
    except TimeoutError:
        pass


def kv(**fields: Any) -> str:
    """key=value pairs for a log line; values with spaces or quotes are quoted."""
    parts = []
    for key, value in fields.items():
        text = "" if value is None else str(value)
        if not text or any(c in text for c in ' "=\n'):
            text = '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'
        parts.append(f"{key}={text}")
    return " ".join(parts)


async def _give_back(session: AsyncSession, row_id: int, worker: str, error: str, not_before: datetime) -> bool:
    """Like outbox.mark_retry, but the attempt does not count (rate limits, rows not started)."""
    stmt = (
        update(OutboxMessage)
        .where(OutboxMessage.id == row_id, OutboxMessage.claimed_by == worker, OutboxMessage.status == "sending")
        .values(status="pending", not_before=not_before, lease_until=None, last_error=error[:2000],
                attempts=OutboxMessage.attempts - 1)
        .execution_options(synchronize_session=False)
    )
    result = await session.execute(stmt)
    await session.commit()
    return bool(affected(result))


def as_delivery(row: OutboxMessage) -> Delivery:
    """The plain data a sender gets for a row (its message put into words now, from its facts if it has any)."""
    message = message_at_send(row.kind, row.facts, row.lang, row.message)
    return Delivery(id=row.id, key=row.key, kind=row.kind, channel=row.channel, network_id=row.network_id,
                    person_id=row.person_id, recipient=row.recipient, lang=row.lang, message=message,
                    attachment=dict(row.attachment) if row.attachment else None, attempts=row.attempts)


class DeliveryWorker:
    """Claims due rows for the channels in `senders` and delivers them."""

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        senders: Mapping[str, Sender],
        *,
        worker_id: str | None = None,
        clock: Clock = utcnow,
        batch: int = 50,
        lease: timedelta = DEFAULT_LEASE,
        concurrency: int = 16,
        max_attempts: int = outbox.MAX_ATTEMPTS,
        sleep: Sleep = asyncio.sleep,
        idle_wait: IdleWait = wait_for_event,
        rand: Callable[[], float] = random.random,
        metrics: DeliveryMetrics = METRICS,
    ) -> None:
        self.sessions = sessions
        self.senders = dict(senders)
        self.worker_id = worker_id or default_worker_id()
        self.clock = clock
        self.batch = batch
        self.lease = lease
        self.concurrency = concurrency
        self.max_attempts = max_attempts
        self.sleep = sleep
        self.idle_wait = idle_wait
        self.rand = rand
        self.metrics = metrics
        self.stopping = False
        self._semaphore = asyncio.Semaphore(concurrency)
        self._noted_at: datetime | None = None
        self._stop_event: asyncio.Event | None = None

    # ------------------------------------------------------------------ the loop

    async def run_once(self) -> int:
        """Claim one batch, deliver it, record every result; returns the number of rows processed."""
        rows = await self._claim(self.batch)
        if rows:
            await asyncio.gather(*(self._deliver(row) for row in rows))
        return len(rows)

    async def _claim(self, limit: int) -> list[OutboxMessage]:
        now = self.clock()
        await self._note_unconfigured(now)
        if not self.senders or limit <= 0:
            return []
        async with self.sessions() as session:
            return await outbox.claim(session, self.worker_id, now, channels=list(self.senders), limit=limit,
                                      lease=self.lease)

    async def run_forever(self, stop: asyncio.Event, idle_sleep: float = 1.0) -> None:
        """Deliver until `stop` is set, as a pipeline: the next rows are claimed while earlier ones are
        still being sent (whenever half a batch has finished), so the rate limits, not the round trips,
        set the pace. Waits `idle_sleep` seconds (or for `stop`) when nothing is due. On stop, rows not
        yet started go back to the queue and sends under way are finished and recorded."""
        log.info(kv(event="worker_started", worker=self.worker_id, channels=",".join(sorted(self.senders)),
                    batch=self.batch, concurrency=self.concurrency, lease_s=self.lease.total_seconds()))
        self._stop_event = stop
        inflight: set[asyncio.Task[None]] = set()
        stopped = asyncio.create_task(stop.wait())
        failures = 0
        try:
            while not stop.is_set():
                claimed = 0
                if 2 * (self.batch - len(inflight)) >= self.batch:
                    try:
                        rows = await self._claim(self.batch - len(inflight))
                        failures = 0
                    except Exception as exc:  # noqa: BLE001 - the database may be down for a while; keep going
                        failures += 1
                        rows = []
                        log.exception(kv(event="worker_error", worker=self.worker_id, error=repr(exc)[:300]))
                    claimed = len(rows)
                    inflight.update(asyncio.create_task(self._deliver(row)) for row in rows)
                if failures:
                    await self.idle_wait(stop, min(60.0, idle_sleep * 2 ** min(failures, 6)))
                elif inflight and (claimed == 0 or 2 * len(inflight) > self.batch):
                    done, _ = await asyncio.wait({*inflight, stopped}, timeout=idle_sleep,
                                                 return_when=asyncio.FIRST_COMPLETED)
                    inflight -= done
                elif not inflight and claimed == 0:
                    await self.idle_wait(stop, idle_sleep)
            if inflight:
                await asyncio.wait(inflight)
        finally:
            stopped.cancel()
            for task in inflight:
                task.cancel()
            await asyncio.gather(stopped, *inflight, return_exceptions=True)
            log.info(kv(event="worker_stopped", worker=self.worker_id))

    def stop(self) -> None:
        """Rows of the current batch not yet started are handed back at once (for another replica)."""
        self.stopping = True

    async def _note_unconfigured(self, now: datetime) -> None:
        if self._noted_at is not None and now - self._noted_at < NOTE_UNCONFIGURED_EVERY:
            return
        self._noted_at = now
        async with self.sessions() as session:
            noted = await outbox.note_unconfigured(session, list(self.senders), now)
        if noted:
            log.info(kv(event="channel_not_configured", rows=noted, configured=",".join(sorted(self.senders))))

    # ------------------------------------------------------------------ one row

    def _fields(self, row: OutboxMessage) -> dict[str, Any]:
        return {"id": row.id, "key": row.key, "kind": row.kind, "channel": row.channel,
                "recipient": row.recipient, "attempt": row.attempts}

    async def _deliver(self, row: OutboxMessage) -> None:
        async with self._semaphore:
            now = self.clock()
            left = (row.lease_until - now) if row.lease_until else self.lease
            stopping = self.stopping or (self._stop_event is not None and self._stop_event.is_set())
            if stopping or left < self.lease / 2:
                why = "worker stopping" if stopping else "lease running out before the send started"
                await self._record(_give_back, row, why, now, event="released", cause="released")
                return
            started = time.perf_counter()
            try:
                platform_id = await self.senders[row.channel].send(as_delivery(row))
            except RetryLater as exc:
                await self._retry(row, exc, self._ms(started))
            except PermanentFailure as exc:
                await self._fail(row, exc.reason, "permanent", self._ms(started))
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # noqa: BLE001 - a bug in a sender must not stall the queue
                log.exception(kv(event="sender_error", **self._fields(row)))
                await self._retry(row, RetryLater(None, f"{type(exc).__name__}: {exc}"[:500]), self._ms(started))
            else:
                elapsed = time.perf_counter() - started
                # The duplicate window: the platform has the message; record it before anything else.
                await asyncio.shield(self._sent(row, platform_id, elapsed))

    @staticmethod
    def _ms(started: float) -> int:
        return int((time.perf_counter() - started) * 1000)

    async def _sent(self, row: OutboxMessage, platform_id: str | None, elapsed: float) -> None:
        ok = await self._record(outbox.mark_sent, row, platform_id, self.clock(), event=None)
        self.metrics.sends.inc(channel=row.channel)
        self.metrics.latency.observe(elapsed, channel=row.channel)
        fields = {**self._fields(row), "latency_ms": int(elapsed * 1000), "platform_id": platform_id}
        if ok:
            log.info(kv(event="sent", **fields))
        else:
            self.metrics.lease_lost.inc(channel=row.channel)
            log.warning(kv(event="sent_lease_lost", error="row no longer held by this worker", **fields))

    async def _retry(self, row: OutboxMessage, exc: RetryLater, latency_ms: int) -> None:
        if exc.counts and row.attempts >= self.max_attempts:
            reason = f"gave up after {row.attempts} attempts: {exc.reason}"
            await self._fail(row, reason, "exhausted", latency_ms)
            return
        if exc.after_seconds is not None:
            delay = exc.after_seconds
        else:
            delay = backoff_seconds(row.attempts, rand=self.rand)
        not_before = self.clock() + timedelta(seconds=delay)
        cause = "error" if exc.counts else "ratelimited"
        record = outbox.mark_retry if exc.counts else _give_back
        await self._record(record, row, exc.reason, not_before, event="retry", cause=cause,
                           latency_ms=latency_ms, error=exc.reason, retry_in_s=round(delay, 3))

    async def _fail(self, row: OutboxMessage, reason: str, kind: str, latency_ms: int) -> None:
        forget = getattr(self.senders.get(row.channel), "forget", None)
        if callable(forget):
            forget(row.id)
        self.metrics.failures.inc(channel=row.channel, reason=kind)
        await self._record(outbox.mark_failed, row, reason, event="failed", latency_ms=latency_ms, error=reason)

    async def _record(self, fn: Callable[..., Awaitable[bool]], row: OutboxMessage, *args: Any,
                      event: str | None, cause: str | None = None, **fields: Any) -> bool:
        """Run one outbox update for `row` in its own transaction; a few tries if the database fails."""
        for attempt in range(1, RECORD_TRIES + 1):
            try:
                async with self.sessions() as session:
                    ok = await fn(session, row.id, self.worker_id, *args)
                break
            except Exception as exc:  # noqa: BLE001 - the row stays claimed; its lease will free it
                if attempt == RECORD_TRIES:
                    log.error(kv(event="record_failed", **self._fields(row), error=repr(exc)[:300]))
                    return False
                await self.sleep(0.2 * 2**attempt)
        if cause is not None:
            self.metrics.retries.inc(channel=row.channel, cause=cause)
        if event is not None:
            level = logging.WARNING if event == "failed" else logging.INFO
            log.log(level, kv(event=event if ok else f"{event}_lease_lost", **self._fields(row), **fields))
        return ok
