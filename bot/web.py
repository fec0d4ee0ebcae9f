"""The aiohttp web application `digibot run` serves: /healthz, /metrics, plus the channel endpoints."""

from __future__ import annotations

import logging
import re

from aiohttp import web
from aiohttp.abc import AbstractAccessLogger
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

log = logging.getLogger(__name__)

ENGINE_KEY = web.AppKey("engine", AsyncEngine)
_SECRET_PATH = re.compile(r"^/calendar/[^/]*")  # a calendar token is a password: never logged


class AccessLogger(AbstractAccessLogger):
    """One line per request, with secret calendar tokens left out of the path."""

    def log(self, request: web.BaseRequest, response: web.StreamResponse, time: float) -> None:
        path = _SECRET_PATH.sub("/calendar/<token>.ics", request.path)
        self.logger.info("%s %s %s %s %.1fms", request.remote, request.method, path, response.status, time * 1000)


async def healthz(request: web.Request) -> web.Response:
    """200 when the database answers, 503 when it does not."""
    engine = request.app[ENGINE_KEY]
    try:
        async with engine.connect() as conn:
            await conn.execute(text("SELECT 1"))
    except Exception as exc:  # noqa: BLE001 - any failure means "not healthy"
        log.warning("health check: database unreachable: %s", exc)
        return web.json_response({"status": "unhealthy", "database": "unreachable"}, status=503)
    return web.json_response({"status": "ok", "database": "ok"})


async def metrics(request: web.Request) -> web.Response:
    """Prometheus text format: outbox depth by status and this process's delivery figures."""
    from bot.delivery.metrics import render_metrics
    from storage.outbox import counts

    engine = request.app[ENGINE_KEY]
    try:
        async with AsyncSession(engine) as session:
            depth: dict[str, int] | None = await counts(session)
    except Exception as exc:  # noqa: BLE001 - the rest of the figures are still worth serving
        log.warning("metrics: database unreachable: %s", exc)
        depth = None
    return web.Response(body=render_metrics(depth).encode(),
                        headers={"Content-Type": "text/plain; version=0.0.4; charset=utf-8"})


def build_web_app(engine: AsyncEngine) -> web.Application:
    app = web.Application(client_max_size=1024 * 1024)
    app[ENGINE_KEY] = engine
    app.router.add_get("/healthz", healthz)
    app.router.add_get("/metrics", metrics)
    return app
