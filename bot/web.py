"""The aiohttp web application `digibot run` serves: /healthz, /metrics, plus the channel endpoints."""

from __future__ import annotations

import logging
from urllib.parse import unquote

from aiohttp import web
from aiohttp.abc import AbstractAccessLogger
from aiohttp.http_exceptions import HttpProcessingError
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

log = logging.getLogger(__name__)

ENGINE_KEY = web.AppKey("engine", AsyncEngine)

# A calendar token (storage/calendar_tokens.py) is 43 characters of this alphabet and is a password.
TOKEN_ALPHABET = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
# An unmatched path is logged only with at most this many alphabet characters, in every decoding: then at
# least 23 of a token's 43 characters (138 bits) are missing from the log, whatever the path holds.
MAX_LOGGED_ALPHABET = 20
METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


def _decodings(raw_path: str) -> list[str]:
    """The raw path and each percent-decoding of it until nothing changes (`%252F` → `%2F` → `/`)."""
    forms = [raw_path]
    while len(forms) < 6:
        decoded = unquote(forms[-1])
        if decoded == forms[-1]:
            break
        forms.append(decoded)
    return forms


def loggable_path(request: web.BaseRequest) -> str:
    """The path as the access log may show it: a matched route by its template (`/calendar/<token>.ics`),
    any other path only when it cannot hold a token (see MAX_LOGGED_ALPHABET), else `<path withheld>`."""
    # `_match_info` rather than `match_info`, which asserts: a request refused before routing has none
    match_info = request._match_info if isinstance(request, web.Request) else None
    resource = match_info.route.resource if match_info is not None else None
    if resource is not None:
        return resource.canonical.replace("{", "<").replace("}", ">")
    forms = _decodings(request.raw_path.split("?", 1)[0])
    if max(sum(c in TOKEN_ALPHABET for c in form) for form in forms) > MAX_LOGGED_ALPHABET:
        return "<path withheld>"
    return "".join(c if c.isprintable() else "?" for c in forms[-1])


class BadRequestFilter(logging.Filter):
    """aiohttp logs a request it cannot parse with the raw request line (path and all) in the traceback:
    keep the record, drop the line: "bad request refused: BadStatusLine (400)"."""

    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        if isinstance(exc, HttpProcessingError):
            record.msg, record.args = "%s; bad request refused: %s (%s)", (record.getMessage(),
                                                                          type(exc).__name__, exc.code)
            record.exc_info, record.exc_text = None, None
        return True


_BAD_REQUESTS = BadRequestFilter()


def keep_paths_out_of_server_logs() -> None:
    """Install BadRequestFilter on aiohttp's server logger (once)."""
    server_logger = logging.getLogger("aiohttp.server")
    if _BAD_REQUESTS not in server_logger.filters:
        server_logger.addFilter(_BAD_REQUESTS)


class AccessLogger(AbstractAccessLogger):
    """One line per request; never a calendar token, whatever the path (matched routes are logged by
    their template, the query string never)."""

    def log(self, request: web.BaseRequest, response: web.StreamResponse, time: float) -> None:
        method = request.method if request.method in METHODS else "<other>"
        self.logger.info("%s %s %s %s %.1fms", request.remote, method, loggable_path(request), response.status,
                         time * 1000)


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
    keep_paths_out_of_server_logs()
    app = web.Application(client_max_size=1024 * 1024)
    app[ENGINE_KEY] = engine
    app.router.add_get("/healthz", healthz)
    app.router.add_get("/metrics", metrics)
    return app
