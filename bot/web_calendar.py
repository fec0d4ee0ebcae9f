"""GET /calendar/<token>.ics: a person's meetings and deadlines, for Outlook and Google to subscribe to.

The token in the URL is the only credential, so every failure (malformed, unknown, revoked, person
or network gone) gets the same bare 404, and the answer is private to the subscriber's cache.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import UTC, datetime

from aiohttp import web
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from handlers.notify.calendar import person_feed
from storage.calendar_tokens import person_for_token
from storage.snapshot import SnapshotCache

Clock = Callable[[], datetime]

CALENDAR_SESSIONS_KEY = web.AppKey("calendar_sessions", async_sessionmaker[AsyncSession])
CALENDAR_SNAPSHOTS_KEY = web.AppKey("calendar_snapshots", SnapshotCache)
CALENDAR_CLOCK_KEY: web.AppKey[Clock] = web.AppKey("calendar_clock")

CONTENT_TYPE = "text/calendar; charset=utf-8"
CACHE_CONTROL = "private, max-age=300"


def add_calendar_routes(
    app: web.Application,
    sessions: async_sessionmaker[AsyncSession],
    *,
    snapshots: SnapshotCache | None = None,
    clock: Clock | None = None,
) -> None:
    """Serve GET (and HEAD) /calendar/{token}.ics on `app`.

    `snapshots` may be shared with the rest of the service; `clock` is injected by tests.
    """
    app[CALENDAR_SESSIONS_KEY] = sessions
    app[CALENDAR_SNAPSHOTS_KEY] = snapshots if snapshots is not None else SnapshotCache()
    app[CALENDAR_CLOCK_KEY] = clock if clock is not None else _utc_now
    app.router.add_get("/calendar/{token}.ics", calendar_feed)


async def calendar_feed(request: web.Request) -> web.StreamResponse:
    token = request.match_info.get("token", "")
    now = request.app[CALENDAR_CLOCK_KEY]()
    async with request.app[CALENDAR_SESSIONS_KEY]() as session:
        owner = await person_for_token(session, token)
        if owner is None:
            return _not_found()
        network_id, person_id = owner
        network = await request.app[CALENDAR_SNAPSHOTS_KEY].get(session, network_id)
    person = network.people.get(person_id) if network is not None else None
    if network is None or person is None:
        return _not_found()
    body = person_feed(network, person, now)
    etag = _etag(body)
    headers = {
        "Cache-Control": CACHE_CONTROL,
        "ETag": etag,
        "Referrer-Policy": "no-referrer",
        "X-Robots-Tag": "noindex",
        "X-Content-Type-Options": "nosniff",
    }
    if _matches(request.headers.get("If-None-Match"), etag):
        return web.Response(status=304, headers=headers)
    headers["Content-Disposition"] = f'inline; filename="{network.id}.ics"'
    return web.Response(body=body.encode("utf-8"), headers={**headers, "Content-Type": CONTENT_TYPE})


def _not_found() -> web.Response:
    """The one answer for every token that does not lead to a feed."""
    return web.Response(
        status=404, text="Not found\n", content_type="text/plain",
        headers={"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"},
    )


def _etag(body: str) -> str:
    """A validator for the feed's content; DTSTAMP (the time of writing) is left out, so an
    unchanged calendar keeps its ETag from one request to the next."""
    lines = [line for line in body.split("\r\n") if not line.startswith("DTSTAMP:")]
    return '"' + hashlib.sha256("\r\n".join(lines).encode("utf-8")).hexdigest()[:32] + '"'


def _matches(if_none_match: str | None, etag: str) -> bool:
    if not if_none_match:
        return False
    candidates = [c.strip() for c in if_none_match.split(",")]
    return "*" in candidates or any(c.removeprefix("W/") == etag for c in candidates)


def _utc_now() -> datetime:
    return datetime.now(UTC)
