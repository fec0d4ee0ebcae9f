"""How a message reaches a room: the `Sender` of channel `webhook` (DESIGN.md "Channels").

A room's row names the room (`recipient`); the room's kind and where its URL is come from the database
(storage/rooms.py), the URL itself from the environment variable the network file names (`url_env`),
read when the message is sent, or from the file's `url:`. The URL is a secret: it is never logged, never
put in a row's status or error, never shown; errors name the room and the HTTP status only.

    URL variable unset (or not a URL)  the row waits, pending, "waiting for the webhook URL: ..." (no
                                       attempt used); it is looked at again every WAIT_SECONDS
    2xx                                sent (webhooks return no message id)
    429                                the room's limiter pauses for Retry-After; RetryLater, no attempt used
    408, 5xx, network errors           RetryLater with backoff
    other 4xx (bad URL, 404 gone)      PermanentFailure "HTTP 404 no_service"

Posts go at most one a second per room (Slack's incoming webhooks allow about that). A message split
into several posts remembers the posts already made, so a retry in this process does not repeat them.
"""

from __future__ import annotations

import json
import os
import re
from collections import OrderedDict
from collections.abc import Mapping
from typing import Any, Final
from urllib.parse import urlsplit

import aiohttp
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.channels.base import Delivery, PermanentFailure, RetryLater
from bot.channels.webhook.payloads import BODIES
from bot.delivery.backoff import retry_after_seconds
from bot.delivery.ratelimit import LimiterBusy, RateLimiter
from messages.codec import message_from_dict
from storage.rooms import RoomTarget, room_target

CHANNEL: Final = "webhook"
WAITING_FOR_URL: Final = "waiting for the webhook URL"
WAIT_SECONDS = 300.0
TIMEOUT = 20.0
RETRY_STATUSES = frozenset({408, 425, 429})
_CODE = re.compile(r"[A-Za-z][A-Za-z0-9_.-]{0,59}")
_KEEP = 5_000


def _is_url(value: str) -> bool:
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    return parts.scheme in ("https", "http") and bool(parts.hostname) and not any(c.isspace() for c in value)


def error_code(body: str, url: str) -> str:
    """A short error code from a webhook's answer ("no_service", "invalid_payload", a Workflows error code),
    or "" when it says nothing that short; never anything that contains the URL."""
    text = body.strip()[:500]
    if url and url in text:
        return ""
    if _CODE.fullmatch(text):
        return text
    try:
        data = json.loads(text)
    except ValueError:
        return ""
    error = data.get("error") if isinstance(data, dict) else None
    code = error.get("code") if isinstance(error, dict) else error
    return code if isinstance(code, str) and _CODE.fullmatch(code) else ""


class WebhookSender:
    """Posts rooms' messages to their webhooks (Slack-compatible or Teams Workflows)."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession], *, environ: Mapping[str, str] | None = None,
                 limiter: RateLimiter | None = None, timeout: float = TIMEOUT) -> None:
        self.sessions = sessions
        self.environ = os.environ if environ is None else environ
        self.limiter = limiter or RateLimiter(workspace_per_minute=None, channel_per_second=1.0)
        self.timeout = timeout
        self._http: aiohttp.ClientSession | None = None
        self._posted: OrderedDict[int | str, int] = OrderedDict()  # posts already made, per row

    async def close(self) -> None:
        if self._http is not None and not self._http.closed:
            await self._http.close()

    def forget(self, key: int | str) -> None:
        self._posted.pop(key, None)

    async def send(self, row: Delivery) -> str | None:
        try:
            await self._send(row)
        except PermanentFailure:
            self.forget(row.progress_key)
            raise
        except LimiterBusy as exc:
            raise RetryLater(exc.wait, f"rate limit: next slot in {exc.wait:.1f} s", counts=False) from exc
        self.forget(row.progress_key)
        return None

    async def _target(self, row: Delivery) -> tuple[str, str]:
        """The room's kind and URL; RetryLater(WAITING_FOR_URL) while its variable is unset."""
        async with self.sessions() as session:
            target: RoomTarget | None = await room_target(session, row.network_id, row.recipient)
        if target is None:
            raise PermanentFailure(f"no room {row.recipient!r} in the network (removed from the network file?)")
        if target.kind not in BODIES:
            raise PermanentFailure(f"unknown room kind {target.kind!r}")
        if target.url_env:
            url = (self.environ.get(target.url_env) or "").strip()
            if not url:
                raise RetryLater(WAIT_SECONDS, f"{WAITING_FOR_URL}: environment variable {target.url_env} is not "
                                               "set", counts=False)
            if not _is_url(url):
                raise RetryLater(WAIT_SECONDS, f"{WAITING_FOR_URL}: environment variable {target.url_env} does "
                                               "not hold an http(s) URL", counts=False)
            return target.kind, url
        if target.url and _is_url(target.url):
            return target.kind, target.url
        raise PermanentFailure(f"room {row.recipient!r} has no webhook URL")

    async def _send(self, row: Delivery) -> None:
        kind, url = await self._target(row)
        bodies = BODIES[kind]([message_from_dict(m) for m in (row.message, *row.more)], row.lang)
        if not bodies:
            raise PermanentFailure("empty message")
        room = f"{row.network_id}:{row.recipient}"
        done = self._posted.setdefault(row.progress_key, 0)
        while len(self._posted) > _KEEP:
            self._posted.popitem(last=False)
        for body in bodies[done:]:
            await self.limiter.acquire(CHANNEL, room)
            await self._post(url, body, room)
            self._posted[row.progress_key] = self._posted.get(row.progress_key, 0) + 1

    def _session(self) -> aiohttp.ClientSession:
        if self._http is None or self._http.closed:
            self._http = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=self.timeout))
        return self._http

    async def _post(self, url: str, body: dict[str, Any], room: str) -> None:
        data = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        try:
            async with self._session().post(url, data=data, allow_redirects=False,
                                            headers={"Content-Type": "application/json"}) as response:
                status, headers = response.status, response.headers
                answer = await response.text(errors="replace")
        except Exception as exc:  # noqa: BLE001 - the exception's text may hold the URL: only its type is kept
            raise RetryLater(None, f"{type(exc).__name__}: the webhook could not be reached") from None
        if 200 <= status < 300:
            return
        code = error_code(answer, url)
        reason = f"HTTP {status}" + (f" {code}" if code else "")
        if status == 429:
            after = retry_after_seconds(headers)
            self.limiter.pause(CHANNEL, room, after)
            raise RetryLater(after, f"ratelimited (Retry-After {after:g} s)", counts=False)
        if status in RETRY_STATUSES or status >= 500:
            after = retry_after_seconds(headers, -1.0)
            raise RetryLater(after if after >= 0 else None, reason)
        raise PermanentFailure(reason)
