"""`digibot run`: migrate, then serve the web app and the chat channels until stopped."""

from __future__ import annotations

import asyncio
import logging
import signal

from aiohttp import web

from bot.config import Settings
from bot.web import build_web_app
from storage.db import make_engine, make_sessionmaker
from storage.migrate import upgrade

log = logging.getLogger("digibot")


async def serve(settings: Settings, stop: asyncio.Event | None = None) -> None:
    logging.basicConfig(level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    engine = make_engine(settings.database_url)
    await upgrade(engine)
    sessions = make_sessionmaker(engine)
    app = build_web_app(engine)
    closers = []
    if settings.slack_enabled:
        from bot.channels.slack import attach_slack

        closers.append(await attach_slack(app, settings, sessions))
    else:
        log.info("Slack is not configured (SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET/SLACK_APP_TOKEN unset)")

    runner = web.AppRunner(app)
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
