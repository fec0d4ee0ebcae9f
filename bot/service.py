"""`digibot run`: migrate, then serve the web app and the chat channels until stopped."""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

from aiohttp import web
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import Settings
from bot.delivery import start_delivery
from bot.web import AccessLogger, build_web_app
from bot.web_calendar import add_calendar_routes
from handlers.notify.organizer import set_fallback_organizer
from storage.db import make_engine, make_sessionmaker
from storage.dedupe import forget_old
from storage.migrate import upgrade
from storage.snapshot import SnapshotCache

log = logging.getLogger("digibot")


def _start_scheduler(sessions: async_sessionmaker[AsyncSession]) -> Callable[[], Awaitable[None]]:
    """Start the planning ticker (bot/scheduler.py); returns the function that stops it."""
    from bot.scheduler import build_scheduler, planning_tick

    snapshots = SnapshotCache()  # kept between ticks: unchanged networks are not reloaded

    async def tick() -> int:  # a coroutine function: APScheduler awaits it (a lambda's coroutine it would drop)
        now = datetime.now(UTC)
        async with sessions() as session:
            await forget_old(session, now)  # platform deliveries seen more than two days ago
        return await planning_tick(sessions, lambda: now, snapshots)

    scheduler = build_scheduler(tick)
    scheduler.start()

    async def close() -> None:
        scheduler.shutdown(wait=False)

    return close


async def serve(settings: Settings, stop: asyncio.Event | None = None) -> None:
    logging.basicConfig(level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    set_fallback_organizer(settings.calendar_organizer)
    engine = make_engine(settings.database_url)
    await upgrade(engine)
    sessions = make_sessionmaker(engine)
    app = build_web_app(engine)
    add_calendar_routes(app, sessions)
    closers = []
    if settings.slack_enabled:
        from bot.channels.slack import attach_slack

        closers.append(await attach_slack(app, settings, sessions))
    else:
        log.info("Slack is not configured (SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET/SLACK_APP_TOKEN unset)")
    closers.insert(0, await start_delivery(settings, sessions))  # outbox → channels; stopped first
    closers.insert(0, _start_scheduler(sessions))  # planners → outbox, every minute

    runner = web.AppRunner(app, access_log_class=AccessLogger)
    await runner.setup()
    site = web.TCPSite(runner, settings.host, settings.port)
    await site.start()
    log.info("digibot listening on %s:%s", settings.host, settings.port)

    stop = stop or asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        try:
            loop.add_signal_handler(sig, stop.set)
        except (NotImplementedError, RuntimeError):  # not the main thread (tests)
            pass
    try:
        await stop.wait()
    finally:
        for close in closers:
            await close()
        await runner.cleanup()
        await engine.dispose()
