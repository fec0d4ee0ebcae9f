"""Slack Web API emulator served over real HTTP on loopback, for slack_sdk clients.

Usage::

    async with SlackApiEmulator(token="xoxb-test") as slack:
        client = AsyncWebClient(token="xoxb-test", base_url=slack.base_url)
        await client.chat_postMessage(channel="C1", text="hei")
        assert slack.messages_to("C1")[0].text == "hei"

Workspace behaviour (methods, messages, users, files...) is in
:mod:`tests.emulators.slack_workspace`; this module adds HTTP, auth, call
recording, fault injection, rate limiting and latency.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import math
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any

from aiohttp import web
from slack_sdk.web.async_client import AsyncWebClient

from tests.emulators.loopback import serve
from tests.emulators.slack_models import (
    ApiError,
    Ephemeral,
    JsonDict,
    Message,
    Reaction,
    UploadedFile,
    View,
    dm_channel_id,
)
from tests.emulators.slack_workspace import SlackWorkspace

__all__ = [
    "RESPONSE_URL_CALL",
    "UPLOAD_CALL",
    "ApiError",
    "Call",
    "Ephemeral",
    "Message",
    "Reaction",
    "SlackApiEmulator",
    "UploadedFile",
    "View",
    "dm_channel_id",
]

UPLOAD_CALL = "upload"  # pseudo-method recorded for POSTs to a files.getUploadURLExternal URL
RESPONSE_URL_CALL = "response_url"  # pseudo-method recorded for POSTs to a response_url
_JSON_FIELDS = ("blocks", "attachments", "view", "files", "metadata")
_DEFAULT_ERRORS = {429: "ratelimited", 500: "internal_error", 502: "bad_gateway", 503: "service_unavailable"}


@dataclass
class Call:
    """One request the emulator answered. ``args`` excludes the token; JSON-string
    fields (blocks, attachments, view, files, metadata) are decoded."""

    method: str
    args: JsonDict
    at: float  # the emulator's clock (time.monotonic by default) when it was handled
    status: int = 200
    response: JsonDict = field(default_factory=dict)
    token: str | None = None

    @property
    def ok(self) -> bool:
        return self.status == 200 and bool(self.response.get("ok"))

    @property
    def error(self) -> str | None:
        return None if self.ok else str(self.response.get("error", f"http_{self.status}"))


@dataclass
class _Fault:
    method: str | None
    status: int
    retry_after: int | None
    times: int
    error: str


class _RateLimiter:
    """chat.postMessage limits: token bucket per channel, sliding minute per workspace."""

    def __init__(self) -> None:
        self.per_channel_per_second: float | None = None
        self.workspace_per_minute: int | None = None
        self._buckets: dict[str, tuple[float, float]] = {}
        self._window: deque[float] = deque()

    def configure(self, per_channel_per_second: float | None, workspace_per_minute: int | None) -> None:
        self.per_channel_per_second = per_channel_per_second
        self.workspace_per_minute = workspace_per_minute
        self._buckets.clear()
        self._window.clear()

    def _tokens(self, channel: str, now: float) -> float:
        rate = self.per_channel_per_second or 0.0
        capacity = max(1.0, rate)
        tokens, last = self._buckets.get(channel, (capacity, now))
        return min(capacity, tokens + (now - last) * rate)

    def retry_after(self, channel: str | None, now: float) -> int | None:
        """Seconds to wait (>= 1) if a post now would exceed a limit, else None."""
        waits: list[float] = []
        if self.workspace_per_minute is not None:
            while self._window and self._window[0] <= now - 60.0:
                self._window.popleft()
            if len(self._window) >= self.workspace_per_minute:
                waits.append(self._window[0] + 60.0 - now if self._window else 60.0)
        if self.per_channel_per_second and channel is not None:
            tokens = self._tokens(channel, now)
            if tokens < 1.0:
                waits.append((1.0 - tokens) / self.per_channel_per_second)
        return max(1, math.ceil(max(waits))) if waits else None

    def consume(self, channel: str, now: float) -> None:
        if self.workspace_per_minute is not None:
            self._window.append(now)
        if self.per_channel_per_second:
            self._buckets[channel] = (self._tokens(channel, now) - 1.0, now)


class SlackApiEmulator(SlackWorkspace):
    """aiohttp server speaking the Slack Web API; also a :class:`SlackWorkspace`."""

    def __init__(
        self,
        token: str = "xoxb-test",
        *,
        host: str = "127.0.0.1",
        clock: Callable[[], float] = time.monotonic,
        **workspace: Any,
    ) -> None:
        super().__init__(**workspace)
        self.token = token
        self.host = host
        self.latency: float = 0.0
        self.calls: list[Call] = []
        self._clock = clock
        self._faults: list[_Fault] = []
        self._limiter = _RateLimiter()
        self._response_ids = itertools.count(1)
        self._cond: asyncio.Condition | None = None
        self._runner: web.AppRunner | None = None
        self._port: int | None = None

    # ------------------------------------------------------------------ lifecycle

    async def start(self) -> SlackApiEmulator:
        if self._runner is not None:
            return self
        self._cond = asyncio.Condition()
        app = web.Application(client_max_size=200 * 1024 * 1024)
        app.router.add_route("*", "/api/{method}", self._handle_api)
        app.router.add_post("/upload/v1/{key}", self._handle_upload)
        app.router.add_post("/commands/{team}/{n}/{key}", self._handle_response_url)
        self._runner, url = await serve(app, self.host)
        self._port = int(url.rsplit(":", 1)[1])
        return self

    async def stop(self) -> None:
        runner, self._runner = self._runner, None
        if runner is not None:
            await runner.cleanup()

    async def __aenter__(self) -> SlackApiEmulator:
        return await self.start()

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop()

    @property
    def root_url(self) -> str:
        if self._port is None:
            raise RuntimeError("SlackApiEmulator is not started")
        return f"http://{self.host}:{self._port}"

    @property
    def base_url(self) -> str:
        """Pass as ``AsyncWebClient(base_url=...)``; ends with "/api/"."""
        return f"{self.root_url}/api/"

    def client(self, token: str | None = None, **kwargs: Any) -> AsyncWebClient:
        """A real slack_sdk AsyncWebClient pointed at this emulator."""
        return AsyncWebClient(token=token or self.token, base_url=self.base_url, **kwargs)

    def upload_url(self, upload: UploadedFile) -> str:
        return f"{self.root_url}/upload/v1/{upload.upload_key}"

    def new_response_url(self) -> str:
        """A response_url (as in slash commands / block actions) served by this emulator."""
        return f"{self.root_url}/commands/{self.team_id}/{next(self._response_ids)}/rsp{time.time_ns():x}"

    # ------------------------------------------------------------------ test controls

    def fail_next(
        self,
        method: str | None,
        status: int,
        retry_after: int | None = None,
        times: int = 1,
        *,
        error: str | None = None,
    ) -> None:
        """Make the next ``times`` calls to ``method`` (None: any call) fail.

        429 → body ``{"ok": false, "error": "ratelimited"}`` + ``Retry-After``
        (``retry_after`` or 1). 5xx → JSON error body, ``Retry-After`` only if given.
        ``status=200`` with ``error="not_in_channel"`` → an ordinary Slack error."""
        if status == 200 and not error:
            raise ValueError("status 200 needs error=... (e.g. 'channel_not_found')")
        if status == 429 and retry_after is None:
            retry_after = 1
        message = error or _DEFAULT_ERRORS.get(status, "fatal_error")
        self._faults.append(_Fault(method, status, retry_after, times, message))

    def set_rate_limit(
        self,
        per_channel_per_second: float | None = None,
        workspace_per_minute: int | None = None,
    ) -> None:
        """Enforce chat.postMessage limits with 429 + Retry-After; None disables a limit."""
        self._limiter.configure(per_channel_per_second, workspace_per_minute)

    def calls_to(self, method: str) -> list[Call]:
        return [c for c in self.calls if c.method == method]

    @property
    def response_url_posts(self) -> list[JsonDict]:
        """JSON bodies the bot POSTed to response_urls from :meth:`new_response_url`."""
        return [c.args for c in self.calls_to(RESPONSE_URL_CALL)]

    async def wait_for(self, method: str, count: int = 1, timeout: float = 5.0) -> list[Call]:
        """Wait until at least ``count`` calls to ``method`` were answered; returns all of them."""
        return await self._wait(lambda: self.calls_to(method), count, timeout, f"call(s) to {method}")

    async def wait_for_messages(
        self, channel: str | None = None, count: int = 1, timeout: float = 5.0
    ) -> list[Message]:
        """Wait until ``count`` messages were posted (to ``channel`` if given)."""

        def get() -> list[Message]:
            return list(self.messages) if channel is None else self.messages_to(channel)

        return await self._wait(get, count, timeout, f"message(s) to {channel or 'any channel'}")

    async def _wait(self, get: Callable[[], list[Any]], count: int, timeout: float, what: str) -> list[Any]:
        if self._cond is None:
            raise RuntimeError("SlackApiEmulator is not started")
        async with self._cond:
            try:
                async with asyncio.timeout(timeout):
                    await self._cond.wait_for(lambda: len(get()) >= count)
            except TimeoutError:
                seen = [f"{c.method}:{c.error or 'ok'}" for c in self.calls]
                raise TimeoutError(
                    f"timed out after {timeout}s waiting for {count} {what}; got {len(get())}. Calls: {seen}"
                ) from None
        return get()

    def reset(self) -> None:
        """Forget calls, recorded state, faults and rate limits (users stay)."""
        self.calls.clear()
        self._faults.clear()
        self._limiter.configure(None, None)
        self.reset_state()

    # ------------------------------------------------------------------ HTTP handlers

    async def _record(self, call: Call) -> None:
        self.calls.append(call)
        if self._cond is not None:
            async with self._cond:
                self._cond.notify_all()

    def _take_fault(self, method: str) -> _Fault | None:
        for fault in self._faults:
            if fault.method in (None, method):
                fault.times -= 1
                if fault.times <= 0:
                    self._faults.remove(fault)
                return fault
        return None

    @staticmethod
    def _fault_response(fault: _Fault) -> tuple[int, JsonDict, dict[str, str]]:
        headers = {"Retry-After": str(fault.retry_after)} if fault.retry_after is not None else {}
        return fault.status, {"ok": False, "error": fault.error}, headers

    async def _read_args(self, request: web.Request) -> tuple[JsonDict, str | None, bool]:
        """Merge query string, form or JSON body; returns (args, token, body_was_valid)."""
        args: JsonDict = dict(request.query)
        valid = True
        if request.can_read_body:
            if request.content_type == "application/json":
                try:
                    body = await request.json()
                except ValueError:
                    body = None
                valid = isinstance(body, dict)
                args.update(body if isinstance(body, dict) else {})
            elif request.content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
                form = await request.post()
                for key, value in form.items():
                    args[key] = value if isinstance(value, str) else value.file.read()
        for key in _JSON_FIELDS:
            if isinstance(args.get(key), str):
                try:
                    args[key] = json.loads(args[key])
                except ValueError:
                    pass
        header = request.headers.get("Authorization", "")
        token_arg = args.pop("token", None)
        token = header[7:].strip() if header.startswith("Bearer ") else token_arg
        return args, (str(token) if token else None), valid

    def _answer(
        self, method: str, args: JsonDict, token: str | None, valid: bool
    ) -> tuple[int, JsonDict, dict[str, str]]:
        fault = self._take_fault(method)
        if fault is not None:
            return self._fault_response(fault)
        if method not in self.handlers:
            return 200, {"ok": False, "error": "unknown_method", "req_method": method}, {}
        if not valid:
            return 200, {"ok": False, "error": "invalid_json"}, {}
        if not token:
            return 200, {"ok": False, "error": "not_authed"}, {}
        if token != self.token:
            return 200, {"ok": False, "error": "invalid_auth"}, {}
        if method != "chat.postMessage":
            return 200, self.dispatch(method, args), {}
        channel = self.resolve_channel(str(args["channel"])) if args.get("channel") else None
        now = self._clock()
        wait = self._limiter.retry_after(channel, now)
        if wait is not None:
            return 429, {"ok": False, "error": "ratelimited"}, {"Retry-After": str(wait)}
        body = self.dispatch(method, args)
        if body["ok"]:
            self._limiter.consume(str(body["channel"]), now)
        return 200, body, {}

    async def _handle_api(self, request: web.Request) -> web.Response:
        if self.latency > 0:
            await asyncio.sleep(self.latency)
        method = request.match_info["method"]
        args, token, valid = await self._read_args(request)
        status, body, headers = self._answer(method, args, token, valid)
        await self._record(Call(method, args, self._clock(), status, body, token))
        headers["X-Slack-Req-Id"] = f"emu{len(self.calls):08x}"
        return web.json_response(body, status=status, headers=headers)

    async def _handle_upload(self, request: web.Request) -> web.Response:
        if self.latency > 0:
            await asyncio.sleep(self.latency)
        key = request.match_info["key"]
        upload = next((f for f in self.files if f.upload_key == key), None)
        fault = self._take_fault(UPLOAD_CALL)
        if fault is not None or upload is None:
            status, _, headers = self._fault_response(fault) if fault else (404, {}, {})
            args: JsonDict = {"file_id": upload.file_id if upload else None}
            await self._record(Call(UPLOAD_CALL, args, self._clock(), status, {"ok": False}))
            return web.Response(status=status, text="error", content_type="text/plain", headers=headers)
        if request.content_type == "multipart/form-data":
            form = await request.post()
            parts = [v for v in form.values() if not isinstance(v, str)]
            data = parts[0].file.read() if parts else b""
        else:
            data = await request.read()
        upload.content = data
        args = {"file_id": upload.file_id, "filename": upload.filename, "length": len(data)}
        await self._record(Call(UPLOAD_CALL, args, self._clock(), 200, {"ok": True}))
        return web.Response(text=f"OK - {len(data)}", content_type="text/plain")

    async def _handle_response_url(self, request: web.Request) -> web.Response:
        if self.latency > 0:
            await asyncio.sleep(self.latency)
        fault = self._take_fault(RESPONSE_URL_CALL)
        try:
            body = await request.json()
        except ValueError:
            body = {"_raw": await request.text()}
        args = body if isinstance(body, dict) else {"_raw": body}
        args["_url"] = str(request.url)
        status = fault.status if fault else 200
        await self._record(Call(RESPONSE_URL_CALL, args, self._clock(), status, {"ok": fault is None}))
        return web.Response(status=status, text="ok" if fault is None else "error", content_type="text/plain")
