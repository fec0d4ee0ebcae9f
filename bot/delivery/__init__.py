"""Delivery of outbox rows (flow 2 of DESIGN.md): worker, rate limits, backoff, metrics, chat replies.

    worker.DeliveryWorker(sessions, {"slack": SlackSender(...)}).run_forever(stop)
    replies.send_reply(sender, delivery)                       # a chat answer, retried in memory
    metrics.render_metrics(await outbox.counts(session))       # GET /metrics

The senders live with their channels (bot/channels/<name>/sender.py). `start_delivery` is what `digibot run`
calls: it starts a worker task with the enabled channels' senders (bot/channels `open_channels`; without
any sender it only marks due rows "channel not configured") and returns an async function that stops it
(unstarted rows are handed back, in-flight sends are finished).
On PostgreSQL the worker has its own connection pool, sized to its concurrency (`worker_pool_size`), so
neither the web handlers nor the worker wait for, or churn, each other's connections.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

    from bot.channels.base import Sender

log = logging.getLogger("digibot.delivery")

STOP_GRACE_SECONDS = 10.0
WORKER_CONCURRENCY = 16


def worker_pool_size(concurrency: int) -> int:
    """Connections a worker uses at once: one per send in flight (a sender may look something up),
    one for claims, one for writing results."""
    return concurrency + 2


def _worker_sessions(sessions: async_sessionmaker[AsyncSession],
                     concurrency: int) -> tuple[async_sessionmaker[AsyncSession], AsyncEngine | None]:
    """The worker's own pool on PostgreSQL (and the engine to dispose of); on SQLite the shared one."""
    from storage.db import make_engine, make_sessionmaker

    bind = sessions.kw.get("bind")
    if bind is None or bind.dialect.name != "postgresql":
        return sessions, None
    engine = make_engine(bind.url.render_as_string(hide_password=False), pool_size=worker_pool_size(concurrency))
    return make_sessionmaker(engine), engine


async def start_delivery(
    sessions: async_sessionmaker[AsyncSession], senders: Mapping[str, Sender]
) -> Callable[[], Awaitable[None]]:
    """Start the delivery worker task; returns the function that stops it (the senders' clients are
    closed by whoever opened them)."""
    from bot.delivery.worker import DeliveryWorker

    sessions, engine = _worker_sessions(sessions, WORKER_CONCURRENCY)
    worker = DeliveryWorker(sessions, senders, concurrency=WORKER_CONCURRENCY)
    stop = asyncio.Event()
    task = asyncio.create_task(worker.run_forever(stop), name="digibot-delivery")

    async def close() -> None:
        stop.set()
        worker.stop()
        try:
            await asyncio.wait_for(asyncio.shield(task), timeout=STOP_GRACE_SECONDS)
        except TimeoutError:
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)
        except Exception:  # noqa: BLE001 - shutting down; the worker already logged it
            log.exception("delivery worker ended with an error")
        if engine is not None:
            await engine.dispose()

    return close
