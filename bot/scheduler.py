"""The ticker of flow 2 (DESIGN.md): APScheduler runs the planners every minute and once at start-up.

The scheduler holds no state of its own: each tick plans from the database into the outbox, whose
idempotency keys make a double tick, a restart or a second replica harmless. The clock is injected, so
tests drive ticks without sleeping.

    snapshots = SnapshotCache()
    scheduler = build_scheduler(lambda: planning_tick(sessions, lambda: datetime.now(UTC), snapshots))
    scheduler.start()   # inside the running event loop
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.snapshot import SnapshotCache

log = logging.getLogger("digibot.planner")

TICK_SECONDS = 60
MISFIRE_GRACE_SECONDS = 30
JOB_ID = "planning-tick"

Clock = Callable[[], datetime]


def build_scheduler(tick: Callable[[], Awaitable[object]]) -> AsyncIOScheduler:
    """An AsyncIOScheduler that runs `tick` at start-up and then every 60 s, never two at once.

    A tick that is late (the loop was busy, the machine slept) still runs within the grace time; missed
    ticks are coalesced into one, which is enough because every tick catches up on its own. `tick` may be
    any callable returning an awaitable (a lambda too): it is awaited in the event loop.
    """

    async def run() -> None:  # APScheduler awaits coroutine functions only; a lambda's coroutine it would drop
        await tick()

    scheduler = AsyncIOScheduler(timezone=UTC)
    scheduler.add_job(
        run, "interval", seconds=TICK_SECONDS, id=JOB_ID, next_run_time=datetime.now(UTC),
        max_instances=1, coalesce=True, misfire_grace_time=MISFIRE_GRACE_SECONDS, replace_existing=True,
    )
    return scheduler


async def planning_tick(sessions: async_sessionmaker[AsyncSession], clock: Clock,
                        snapshots: SnapshotCache | None = None) -> int:
    """One tick: plan what is due in every network at the clock's now; logs the counts, never raises.

    `snapshots` (optional, kept by the caller between ticks) spares reloading unchanged networks.
    """
    from handlers.notify.planner import plan_all_networks

    now = clock()
    started = time.perf_counter()
    try:
        planned = await plan_all_networks(sessions, now, snapshots=snapshots)
    except Exception:
        log.exception("planning tick failed", extra={"now": now.isoformat()})
        return 0
    elapsed_ms = round((time.perf_counter() - started) * 1000, 1)
    log.info("planning tick: %d new outbox rows in %.1f ms", planned, elapsed_ms,
             extra={"now": now.isoformat(), "planned": planned, "elapsed_ms": elapsed_ms})
    return planned
