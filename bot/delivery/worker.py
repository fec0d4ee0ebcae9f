"""The delivery worker: claims due outbox rows, sends them through their channel, records the outcome.

One round (`run_once`): claim up to `batch` due rows for the channels this process can send through
(storage.outbox_batches.claim_batch: one statement, `FOR UPDATE SKIP LOCKED` on PostgreSQL, the single
writer on SQLite; the rows get a lease), send them concurrently (at most `concurrency` at a time, each
sender keeping to its rate limits), and record the results in batches (bot.delivery.recorder: the
results that finish within a few milliseconds of each other share one statement; when no send is
under way, at once). No database transaction is open while a platform API is called. `run_forever`
looks for rows whose lease ran out (a dead worker's) every ABANDONED_EVERY, not on every claim. Rows
for channels without a sender here (Teams until it comes, e-mail without SMTP_HOST) keep waiting with
status_text "channel not configured".

Outcomes: sent → `sent` with the platform message id; `RetryLater` → back to `pending`, not before
Retry-After (429s do not use up an attempt) or an exponential backoff with full jitter; after
MAX_ATTEMPTS counted attempts, or on `PermanentFailure` → `failed` with the reason. A row whose lease
has mostly run out before its turn, or that is still waiting when the worker is stopped, is handed
back at once instead of being sent late.

When the database is down, the worker pauses: it claims nothing, starts no send (rows it holds and
has not started wait for the database), and keeps the results it has for as long as their leases
last, writing them when the database answers again (`database_unavailable` / `database_available` in
the log, digibot_delivery_database_pauses_total and _record_retries_total in /metrics).

Exactly once, and the one duplicate window
------------------------------------------
Claims are exclusive, so two workers (threads, processes, replicas) never send the same row while a
lease is valid, and a worker records a result only while it still holds the row. A row can be sent
twice in one case only: the platform accepted the message, and the process died, or its database
stayed unreachable until the lease ran out, before the `UPDATE ... SET status='sent'` committed. When
the lease runs out, another worker claims the row and sends it again. That window is kept as small as
it can be: the result joins the next batch write right after the API answers (within a few
milliseconds), shielded from task cancellation, and a send keeps its concurrency slot until its result
is written, so at most `concurrency` rows per worker can be in the window at once. A database outage
shorter than the lease (2 minutes) sends nothing twice: the results wait and are written when it is
back (metrics: digibot_delivery_unrecorded_total counts those that could not be). A Slack message
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

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.channels.base import Delivery, PermanentFailure, RetryLater, Sender
from bot.delivery.backoff import backoff_seconds
from bot.delivery.logline import kv as kv  # re-exported: console.py logs with it
from bot.delivery.metrics import METRICS, DeliveryMetrics
from bot.delivery.recorder import Recorder
from handlers.notify.content import message_at_send
from storage import outbox
from storage.outbox_batches import Claimed, Outcome, as_claimed, claim_batch

log = logging.getLogger("digibot.delivery")

Clock = Callable[[], datetime]
Sleep = Callable[[float], Awaitable[None]]
IdleWait = Callable[[asyncio.Event, float], Awaitable[None]]

DEFAULT_LEASE = timedelta(minutes=2)
NOTE_UNCONFIGURED_EVERY = timedelta(seconds=30)
ABANDONED_EVERY = timedelta(seconds=10)  # how often run_forever looks for rows whose lease ran out
CLAIMS_AT_ONCE = 2  # claims in flight at once on PostgreSQL (one round trip overlaps the other; SQLite: one)


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


def as_delivery(row: Claimed) -> Delivery:
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
        person_id: int | None = None,
    ) -> None:
        """`person_id`: only that person's rows (`digibot chat` delivers to its terminal this way)."""
        self.sessions = sessions
        self.person_id = person_id
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
        self.in_hand = max(batch, concurrency)  # rows held at most at once: claimed and not yet recorded
        self.recorder = Recorder(sessions, self.worker_id, clock=clock, metrics=metrics,
                                 max_rows=max(batch, concurrency), sending=lambda: self._sending)
        self._sending = 0  # sends under way: while there are any, the recorder waits a moment for their results
        # Rows in hand are never more than max(batch, concurrency): slots are needed only when batch > concurrency.
        self._slots = asyncio.Semaphore(concurrency) if batch > concurrency else None
        self._finished = asyncio.Event()  # set when a row is done (its slot free again) or the worker is stopped
        self._noted_at: datetime | None = None
        self._abandoned_at: datetime | None = None
        self._claims_at_once = 1  # until a claim has seen the database (SQLite has one writer)
        self._stop_event: asyncio.Event | None = None

    # ------------------------------------------------------------------ the loop

    async def run_once(self) -> int:
        """Claim one batch, deliver it, record every result; returns the number of rows processed."""
        self._abandoned_at = None  # one round looks for rows whose lease ran out as well
        rows = await self._claim(self.batch)
        if rows:
            await asyncio.gather(*(self._deliver(row) for row in rows))
        return len(rows)

    async def _claim(self, limit: int) -> list[Claimed]:
        now = self.clock()
        await self._note_unconfigured(now)
        if not self.senders or limit <= 0:
            return []
        async with self.sessions() as session:
            self._claims_at_once = CLAIMS_AT_ONCE if session.get_bind().dialect.name == "postgresql" else 1
            if self.person_id is not None:  # one person's rows (the console): the general claim's filter
                held = await outbox.claim(session, self.worker_id, now, channels=list(self.senders), limit=limit,
                                          lease=self.lease, person_id=self.person_id)
                return [as_claimed(row) for row in held]
            return await claim_batch(session, self.worker_id, now, list(self.senders), limit=limit, lease=self.lease,
                                     abandoned=self._abandoned_due(now))

    def _abandoned_due(self, now: datetime) -> bool:
        """Whether this claim looks for rows whose lease ran out too (that search walks all rows `sending`)."""
        if self._abandoned_at is None or not timedelta(0) <= now - self._abandoned_at < ABANDONED_EVERY:
            self._abandoned_at = now
            return True
        return False

    async def run_forever(self, stop: asyncio.Event, idle_sleep: float = 1.0) -> None:
        """Deliver until `stop` is set, as a pipeline: the next rows are claimed while earlier ones are still
        being sent (whenever half a batch of room is free; CLAIMS_AT_ONCE claims overlap), so the rate limits,
        not the round trips, set the pace. Waits `idle_sleep` seconds (or for `stop`) when nothing is due,
        claims nothing while the database is down; on stop, unstarted rows go back, sends under way end."""
        log.info(kv(event="worker_started", worker=self.worker_id, channels=",".join(sorted(self.senders)),
                    batch=self.batch, concurrency=self.concurrency, lease_s=self.lease.total_seconds()))
        self._stop_event = stop
        inflight: set[asyncio.Task[None]] = set()
        claims: dict[asyncio.Task[list[Claimed]], int] = {}  # claims under way, and the rows each may bring
        stopped = asyncio.create_task(stop.wait())
        stopped.add_done_callback(lambda _: self._finished.set())

        def finished(task: asyncio.Task[None]) -> None:
            inflight.discard(task)
            self._finished.set()

        def take(task: asyncio.Task[list[Claimed]]) -> int:
            """Start sending what a finished claim brought; -1 if it failed."""
            del claims[task]
            try:
                rows = task.result()
            except Exception as exc:  # noqa: BLE001 - the database may be down for a while; keep going
                log.warning(kv(event="worker_error", worker=self.worker_id, error=repr(exc)[:300]))
                self.recorder.failed(exc, "claim")
                return -1
            self.recorder.succeeded()
            for row in rows:
                delivery = asyncio.create_task(self._deliver(row))
                inflight.add(delivery)
                delivery.add_done_callback(finished)
            return len(rows)

        failures, backoff, empty = 0, False, False  # claims failed in a row; wait before the next; nothing due
        try:
            while not stop.is_set():
                self._finished.clear()  # what happened so far is looked at now; a later event sets it again
                for done in [t for t in claims if t.done()]:
                    got = take(done)
                    failures, backoff, empty = (failures + 1, True, False) if got < 0 else (0, False, got == 0)
                if not self.recorder.up.is_set():
                    await self._wait_for_database(stop, {*inflight, *claims})
                    continue
                room = self.in_hand - len(inflight) - sum(claims.values())
                if not (backoff or empty) and 2 * room >= self.batch and len(claims) < self._claims_at_once:
                    claims[claim := asyncio.create_task(self._claim(min(self.batch, room)))] = min(self.batch, room)
                    claim.add_done_callback(lambda _: self._finished.set())
                    continue
                if backoff and not claims:  # the database may answer while claims fail: do not spin
                    await self.idle_wait(stop, min(60.0, idle_sleep * 2 ** min(failures - 1, 6)))
                    backoff = False
                    continue
                if empty and not inflight and not claims:
                    await self.idle_wait(stop, idle_sleep)
                    empty = False
                    continue
                if not self._finished.is_set():  # until a claim or a row is done, or stop
                    await wait_for_event(self._finished, idle_sleep)
                empty = False
            for pending in list(claims):  # rows claimed meanwhile are handed back (the worker is stopping)
                await asyncio.gather(pending, return_exceptions=True)
                take(pending)
            if inflight:
                await asyncio.wait(inflight)
        finally:
            stopped.cancel()
            for left in [*inflight, *claims]:
                left.cancel()
            await asyncio.gather(stopped, *inflight, *claims, return_exceptions=True)
            await self.recorder.close()
            log.info(kv(event="worker_stopped", worker=self.worker_id))

    async def _wait_for_database(self, stop: asyncio.Event, busy: set[asyncio.Task[Any]]) -> None:
        """Paused: wait until the recorder finds the database again (or `stop`), or a task in `busy` ends."""
        up = asyncio.create_task(self.recorder.up.wait())
        halt = asyncio.create_task(stop.wait())
        try:
            await asyncio.wait({up, halt, *busy}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            up.cancel()
            halt.cancel()
            await asyncio.gather(up, halt, return_exceptions=True)

    def stop(self) -> None:  # rows of the current batch not yet started are handed back at once (for another replica)
        self.stopping = True

    async def _note_unconfigured(self, now: datetime) -> None:
        """Every NOTE_UNCONFIGURED_EVERY (not for one person's worker: other channels are not its business)."""
        recently = self._noted_at is not None and now - self._noted_at < NOTE_UNCONFIGURED_EVERY
        if self.person_id is not None or recently:
            return
        self._noted_at = now
        async with self.sessions() as session:
            noted = await outbox.note_unconfigured(session, list(self.senders), now)
        if noted:
            log.info(kv(event="channel_not_configured", rows=noted, configured=",".join(sorted(self.senders))))

    # ------------------------------------------------------------------ one row

    def _fields(self, row: Claimed) -> dict[str, Any]:
        return {"id": row.id, "key": row.key, "kind": row.kind, "channel": row.channel,
                "recipient": row.recipient, "attempt": row.attempts}

    def _is_stopping(self) -> bool:
        return self.stopping or bool(self._stop_event and self._stop_event.is_set())

    async def _database_before_send(self) -> bool:
        """No send starts while the database is down (its result could not be written): wait until it is
        back; False if the worker is stopped meanwhile (the row is left to its lease)."""
        while not self.recorder.up.is_set():
            if self._is_stopping():
                return False
            waiting = asyncio.create_task(self.recorder.up.wait())
            try:
                await asyncio.wait({waiting}, timeout=1.0)
            finally:
                waiting.cancel()
                await asyncio.gather(waiting, return_exceptions=True)
        return True

    async def _deliver(self, row: Claimed) -> None:
        if self._slots is None:  # never more rows in hand than sends allowed at once
            await self._deliver_now(row)
            return
        async with self._slots:
            await self._deliver_now(row)

    async def _deliver_now(self, row: Claimed) -> None:
        if not self.recorder.up.is_set() and not await self._database_before_send():
            log.info(kv(event="left_unsent", **self._fields(row), why="worker stopping, database down"))
            return
        now = self.clock()
        left = (row.lease_until - now) if row.lease_until else self.lease
        stopping = self._is_stopping()
        if stopping or left < self.lease / 2:
            why = "worker stopping" if stopping else "lease running out before the send started"
            await self._record(row, Outcome.retry(row.id, why, now, counts=False), event="released",
                               cause="released")
            return
        started = time.perf_counter()
        try:
            self._sending += 1
            try:
                platform_id = await self.senders[row.channel].send(as_delivery(row))
            finally:
                self._sending -= 1
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
            # The duplicate window: the platform has the message; record it before anything else
            # (queued at once: cancelling this task does not take the result back).
            await self._sent(row, platform_id, elapsed)

    @staticmethod
    def _ms(started: float) -> int:
        return int((time.perf_counter() - started) * 1000)

    async def _sent(self, row: Claimed, platform_id: str | None, elapsed: float) -> None:
        ok = await self._record(row, Outcome.sent(row.id, platform_id, self.clock()), event=None)
        self.metrics.sends.inc(channel=row.channel)
        self.metrics.latency.observe(elapsed, channel=row.channel)
        if ok and not log.isEnabledFor(logging.INFO):
            return  # the common case, at full speed: no log line to build
        fields = {**self._fields(row), "latency_ms": int(elapsed * 1000), "platform_id": platform_id}
        if ok:
            log.info(kv(event="sent", **fields))
        elif ok is None:
            self.metrics.unrecorded.inc(channel=row.channel)
            log.error(kv(event="sent_unrecorded", error="the database did not answer before the lease ran out",
                         **fields))
        else:
            self.metrics.lease_lost.inc(channel=row.channel)
            log.warning(kv(event="sent_lease_lost", error="row no longer held by this worker", **fields))

    async def _retry(self, row: Claimed, exc: RetryLater, latency_ms: int) -> None:
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
        await self._record(row, Outcome.retry(row.id, exc.reason, not_before, counts=exc.counts),
                           event="retry", cause=cause, latency_ms=latency_ms, error=exc.reason,
                           retry_in_s=round(delay, 3))

    async def _fail(self, row: Claimed, reason: str, kind: str, latency_ms: int) -> None:
        forget = getattr(self.senders.get(row.channel), "forget", None)
        if callable(forget):
            forget(row.id)
        self.metrics.failures.inc(channel=row.channel, reason=kind)
        await self._record(row, Outcome.failed(row.id, reason), event="failed", latency_ms=latency_ms,
                           error=reason)

    async def _record(self, row: Claimed, outcome: Outcome, *, event: str | None,
                      cause: str | None = None, **fields: Any) -> bool | None:
        """Write one outcome for `row` with the next batch, waiting through a database outage for as long
        as the row's lease lasts. True: written; False: the row is no longer ours; None: not written."""
        ok = await self.recorder.submit(outcome, row.lease_until)  # cancelling this await leaves it queued
        if cause is not None:
            self.metrics.retries.inc(channel=row.channel, cause=cause)
        if event is not None:
            if ok is None:
                log.error(kv(event=f"{event}_unrecorded", **self._fields(row), **fields))
            else:
                level = logging.WARNING if event == "failed" else logging.INFO
                log.log(level, kv(event=event if ok else f"{event}_lease_lost", **self._fields(row), **fields))
        return ok
