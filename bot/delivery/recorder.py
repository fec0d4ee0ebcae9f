"""Writes a delivery worker's results in batches, and tells the worker whether the database is up.

Every finished row (sent, back to wait, failed) hands its `storage.outbox_batches.Outcome` to
`Recorder.submit` and waits for the future it returns. Outcomes that arrive within `gather_seconds` of
each other (or up to `max_rows` of them) go into one statement (`storage.outbox_batches.record`), so a
batch of sends costs one commit instead of one per row; when the worker says no send is under way
(`sending`), nothing more is coming soon and the batch is written at once.

When the database does not answer, the recorder keeps the outcomes and tries again, backing off up to
`retry_max_seconds`, for as long as each row's lease lasts: until `lease_until` the row is still this
worker's, so a late write is as good as a prompt one. Only when the lease has run out is an outcome
given up (its future says None; the row will be claimed again when the lease has passed). While the
database is down, `up` is cleared: the worker claims nothing and starts no new send until a write or
a probe (`SELECT 1`) succeeds again. Claims that fail report it through `failed`.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.delivery.logline import kv
from bot.delivery.metrics import DeliveryMetrics
from storage import outbox_batches
from storage.outbox_batches import Outcome

log = logging.getLogger("digibot.delivery")

Clock = Callable[[], datetime]


@dataclass
class _Waiting:
    outcome: Outcome
    deadline: datetime | None  # the row's lease_until: no point writing after it
    done: asyncio.Future[bool | None]


class Recorder:
    """One per worker; `write` batches outcomes, `up` is set while the database answers."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession], worker_id: str, *, clock: Clock,
                 metrics: DeliveryMetrics, max_rows: int = 200, gather_seconds: float = 0.002,
                 retry_max_seconds: float = 2.0, sending: Callable[[], int] = lambda: 1) -> None:
        self.sessions = sessions
        self.worker_id = worker_id
        self.clock = clock
        self.metrics = metrics
        self.max_rows = max_rows
        self.gather_seconds = gather_seconds
        self.retry_max_seconds = retry_max_seconds
        self.sending = sending
        self.up = asyncio.Event()
        self.up.set()
        self._waiting: list[_Waiting] = []
        self._task: asyncio.Task[None] | None = None
        self._writing: asyncio.Task[set[int]] | None = None
        self._down_since: float | None = None
        self._failures = 0

    def submit(self, outcome: Outcome, deadline: datetime | None) -> asyncio.Future[bool | None]:
        """Queue `outcome` for the next batch; the future says how it went: True written; False the row
        was no longer this worker's; None the database did not answer before `deadline` (the row's
        lease_until). Queued at once, so cancelling whoever awaits the future does not unqueue it."""
        done: asyncio.Future[bool | None] = asyncio.get_running_loop().create_future()
        self._waiting.append(_Waiting(outcome, deadline, done))
        self._wake()
        return done

    def failed(self, exc: BaseException, what: str) -> None:
        """Another database call of the worker failed: pause, and probe until the database answers."""
        self._went_down(exc, what)
        self._wake()

    def succeeded(self) -> None:
        """Another database call of the worker worked."""
        if not self.up.is_set() and not self._waiting:
            self._came_back()

    async def close(self) -> None:
        """Stop writing (the worker is gone); outcomes still waiting are dropped."""
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
        if self._writing is not None:  # the write under way ends on its own (see _run)
            await asyncio.gather(asyncio.shield(self._writing), return_exceptions=True)
        for item in self._waiting:
            if not item.done.done():
                item.done.cancel()
        self._waiting.clear()

    # ------------------------------------------------------------------ the writer task

    def _wake(self) -> None:
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._run(), name=f"digibot-recorder-{self.worker_id}")

    async def _run(self) -> None:
        while self._waiting or not self.up.is_set():
            if self.up.is_set() and len(self._waiting) < self.max_rows and self.sending():
                await asyncio.sleep(self.gather_seconds)  # let the sends finishing now join this batch
            batch = self._waiting[: self.max_rows]
            try:
                # A write under way is finished even if the worker is cancelled meanwhile: a transaction cut
                # off half-way could keep its connection (and, on SQLite, the database) locked.
                self._writing = asyncio.create_task(self._write([w.outcome for w in batch]))
                written = await asyncio.shield(self._writing)
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # noqa: BLE001 - the database may be down for a while; keep trying
                self._went_down(exc, "record" if batch else "probe")
                self._give_up_expired()
                self._failures += 1
                # Real time, whatever clock the worker is given: a test's fake clock must not race
                # through the lease while the database is away.
                await asyncio.sleep(min(self.retry_max_seconds, 0.05 * 2 ** self._failures))
                continue
            del self._waiting[: len(batch)]
            for item in batch:
                if not item.done.done():
                    item.done.set_result(item.outcome.row_id in written)
            if not self.up.is_set():
                self._came_back()

    async def _write(self, outcomes: list[Outcome]) -> set[int]:
        async with self.sessions() as session:
            if outcomes:
                return await outbox_batches.record(session, self.worker_id, outcomes)
            await session.execute(text("SELECT 1"))  # a probe: nothing waits, but we are paused
            return set()

    def _give_up_expired(self) -> None:
        now = self.clock()
        keep: list[_Waiting] = []
        for item in self._waiting:
            if item.deadline is not None and now >= item.deadline:
                if not item.done.done():
                    item.done.set_result(None)
            else:
                keep.append(item)
        self._waiting = keep

    def _went_down(self, exc: BaseException, what: str) -> None:
        self.metrics.record_retries.inc(what=what)
        if not self.up.is_set():
            return
        self.up.clear()
        self._down_since = time.monotonic()
        self.metrics.database_pauses.inc()
        log.warning(kv(event="database_unavailable", worker=self.worker_id, during=what,
                       results_waiting=len(self._waiting), error=repr(exc)[:300]))

    def _came_back(self) -> None:
        down = time.monotonic() - self._down_since if self._down_since is not None else 0.0
        self.up.set()
        self._failures = 0
        self._down_since = None
        log.info(kv(event="database_available", worker=self.worker_id, down_s=round(down, 1)))
