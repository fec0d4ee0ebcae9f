"""Serving an aiohttp app on a free loopback port: what every emulator and test harness here starts with."""

from __future__ import annotations

from typing import Any

from aiohttp import web


async def serve(app: web.Application, host: str = "127.0.0.1", **runner_options: Any) -> tuple[web.AppRunner, str]:
    """Start `app` on a free port of `host`; returns its runner (to clean up) and its root URL."""
    options = {"access_log": None, "shutdown_timeout": 1.0, **runner_options}
    runner = web.AppRunner(app, **options)
    await runner.setup()
    await web.TCPSite(runner, host, 0).start()
    return runner, f"http://{host}:{int(runner.addresses[0][1])}"
