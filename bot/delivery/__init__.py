"""Delivery of outbox rows (flow 2 of DESIGN.md): worker, rate limits, backoff, metrics, chat replies.

    worker.DeliveryWorker(sessions, {"slack": SlackSender(...)}).run_forever(stop)
    replies.send_reply(sender, delivery)                       # a chat answer, retried in memory
    metrics.render_metrics(await outbox.counts(session))       # GET /metrics

The senders live with their channels (bot/channels/<name>/sender.py). `start_delivery` is what `digibot run`
calls: it starts a worker task with the enabled channels' senders (bot/channels `open_channels`; without
any sender it only marks due rows "channel not configured") and returns an async function that stops it
(unstarted rows are handed back, in-flight sends are finished).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

    from bot.channels.base import Sender

log = logging.getLogger("digibot.delivery")

STOP_GRACE_SECONDS = 10.0


async def start_delivery(
    sessions: async_sessionmaker[AsyncSession], senders: Mapping[str, Sender]
) -> Callable[[], Awaitable[None]]:
    """Start the delivery worker task; returns the function that stops it (the senders' clients are
    closed by whoever opened them)."""
    from bot.delivery.worker import DeliveryWorker

    worker = DeliveryWorker(sessions, senders)
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

    return close
