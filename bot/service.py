"""`digibot run`: migrate, then serve the web app and the chat channels until stopped."""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import logging
import os
import signal
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

from aiohttp import web
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.channels import open_channels
from bot.config import Settings
from bot.delivery import start_delivery
from bot.pipeline import build_pipeline
from bot.web import AccessLogger, build_web_app
from bot.web_calendar import add_calendar_routes
from handlers.notify.organizer import set_fallback_organizer
from storage.db import make_engine, make_sessionmaker
from storage.dedupe import forget_old
from storage.email_links import forget_dead_links
from storage.flows import forget_expired
from storage.migrate import ensure_current
from storage.snapshot import SnapshotCache

log = logging.getLogger("digibot")

DB_RETRY_FIRST = 2.0  # seconds before the second try to reach the database at start; doubling ...
DB_RETRY_CAP = 30.0  # ... up to this
MALLOC_ARENAS = 2
_M_ARENA_MAX = -8  # glibc's mallopt parameter number (malloc.h)
_STARTING = ("is starting up", "is shutting down", "too many clients", "in recovery mode")


async def wait_for_database(engine: AsyncEngine, stop: asyncio.Event) -> bool:
    """Migrate the database, waiting for it (2 s, 4 s ... 30 s apart) while it cannot be reached.

    True once it is up to date; False if `stop` was set first. A database that answers but refuses the
    migration (a real error, a database name that does not exist) is not waited for: it raises.
    """
    delay = DB_RETRY_FIRST
    while not stop.is_set():
        try:
            # Only when the database is not at HEAD: Alembic (with Mako and Pygments, ~10 MB) is then not
            # even imported by a process whose database is up to date.
            await ensure_current(engine)
            return True
        except (OSError, DBAPIError) as exc:
            if isinstance(exc, DBAPIError) and not (exc.connection_invalidated or _unreachable(exc)):
                raise
            log.warning("database not reachable (%s); waiting for it, next try in %.0f s",
                        str(exc).splitlines()[0][:200], delay)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), delay)
        delay = min(delay * 2, DB_RETRY_CAP)
    return False


def _unreachable(exc: DBAPIError) -> bool:
    """A driver error that means "no connection" (refused, reset, starting up), not "you asked wrongly"."""
    if isinstance(exc, OperationalError | InterfaceError) or isinstance(exc.orig, OSError):
        return True
    return any(words in str(exc) for words in _STARTING)


def fewer_malloc_arenas(arenas: int = MALLOC_ARENAS) -> bool:
    """Let glibc's malloc keep at most `arenas` arenas (its default is eight per core, one per thread that
    allocates: aiosqlite's connection threads, the executor's): each holds freed memory of its own, which
    raised the service's peak RSS by a few MB. A MALLOC_ARENA_MAX set by the operator wins. False where
    there is no glibc (musl, macOS), and nothing changes."""
    if os.environ.get("MALLOC_ARENA_MAX"):
        return False
    try:
        libc = ctypes.CDLL(None)
        return bool(libc.mallopt(_M_ARENA_MAX, arenas))
    except (OSError, AttributeError):
        return False


def _start_scheduler(sessions: async_sessionmaker[AsyncSession],
                     snapshots: SnapshotCache) -> Callable[[], Awaitable[None]]:
    """Start the planning ticker (bot/scheduler.py); returns the function that stops it."""
    from bot.scheduler import build_scheduler, planning_tick

    async def tick() -> int:  # a coroutine function: APScheduler awaits it (a lambda's coroutine it would drop)
        now = datetime.now(UTC)
        async with sessions() as session:
            await forget_old(session, now)  # platform deliveries seen more than two days ago
            await forget_expired(session, now)  # conversations (flows) nobody came back to
            await forget_dead_links(session, now)  # used one-click links past their expiry
            await session.commit()
        return await planning_tick(sessions, lambda: now, snapshots)

    scheduler = build_scheduler(tick)
    scheduler.start()

    async def close() -> None:
        scheduler.shutdown(wait=False)

    return close


async def serve(settings: Settings, stop: asyncio.Event | None = None) -> None:
    logging.basicConfig(level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    fewer_malloc_arenas()  # before the threads start
    set_fallback_organizer(settings.calendar_organizer)
    engine = make_engine(settings.database_url)
    stop = stop or asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        try:
            loop.add_signal_handler(sig, stop.set)
        except (NotImplementedError, RuntimeError):  # not the main thread (tests)
            pass
    if not await wait_for_database(engine, stop):  # stopped while waiting
        await engine.dispose()
        return
    log.info("database ready")
    sessions = make_sessionmaker(engine)
    app = build_web_app(engine)
    snapshots = SnapshotCache()  # one per process: answers, calendar feeds and planners share the networks
    add_calendar_routes(app, sessions, snapshots=snapshots)
    channels = await open_channels(settings, sessions)  # one client and rate limiter per platform
    closers = []
    pipeline = build_pipeline(sessions, settings.public_url, snapshots=snapshots)
    pipeline.router.listeners()  # import every listener now, not on the first press of each kind of button
    if channels.teams is not None:
        from bot.channels.teams.app import attach_teams

        closers.append(await attach_teams(app, settings, sessions, platform=channels.teams, pipeline=pipeline))
    if channels.email is not None and settings.secret_key:  # the pages the links in a mail open
        from bot.channels.email.web import EmailLinks

        EmailLinks(sessions, pipeline, settings.secret_key).routes(app)
    if channels.slack is not None:
        from bot.channels.slack.app import attach_slack

        closers.append(await attach_slack(app, settings, sessions, platform=channels.slack, pipeline=pipeline))
    else:
        log.info("Slack is not configured (SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET/SLACK_APP_TOKEN unset)")
    if settings.bounce_smtp_port is not None:  # bounces that come back by mail → the mails' outbox rows
        from bot.channels.email.bounces import start_bounce_receiver

        receiver = await start_bounce_receiver(settings, channels.email, sessions)
        if receiver is not None:
            closers.append(receiver.close)
    closers.append(channels.close)  # after the listeners and the worker
    closers.insert(0, await start_delivery(sessions, channels.senders()))  # outbox → channels; stopped first
    closers.insert(0, _start_scheduler(sessions, snapshots))  # planners → outbox, every minute

    runner = web.AppRunner(app, access_log_class=AccessLogger)
    await runner.setup()
    site = web.TCPSite(runner, settings.host, settings.port)
    await site.start()
    log.info("digibot listening on %s:%s", settings.host, settings.port)

    try:
        await stop.wait()
    finally:
        for close in closers:
            await close()
        await runner.cleanup()
        await engine.dispose()
