"""Delivery of outbox rows (flow 2 of DESIGN.md): worker, senders, rate limits, backoff, metrics.

    worker.DeliveryWorker(sessions, {"slack": SlackSender(...)}).run_forever(stop)
    console.deliver_to_console(sessions, person_id, write)     # `digibot chat`
    metrics.render_metrics(await outbox.counts(session))       # GET /metrics

`start_delivery` is what `digibot run` calls: it starts a worker task (sending through Slack when a bot
token is configured; without any sender it only marks due rows "channel not configured") and returns an
async function that stops it (unstarted rows are handed back, in-flight sends are finished).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

    from bot.config import Settings

log = logging.getLogger("digibot.delivery")

STOP_GRACE_SECONDS = 10.0


async def start_delivery(
    settings: Settings, sessions: async_sessionmaker[AsyncSession]
) -> Callable[[], Awaitable[None]]:
    """Start the delivery worker task; returns the function that stops it."""
    import aiohttp

    from bot.channels.base import Sender
    from bot.channels.slack.sender import SlackSender, close_client, make_slack_client
    from bot.delivery.ratelimit import RateLimiter
    from bot.delivery.worker import DeliveryWorker

    senders: dict[str, Sender] = {}
    client = None
    if settings.slack_bot_token:
        client = make_slack_client(settings.slack_bot_token, settings.slack_api_url, session=aiohttp.ClientSession())
        limiter = RateLimiter(workspace_per_minute=settings.slack_workspace_per_minute)
        senders["slack"] = SlackSender(client, limiter, sessions)
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
        if client is not None:
            await close_client(client)

    return close
