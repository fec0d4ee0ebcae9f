"""Incoming webhooks on loopback: Slack-compatible ones (Slack, Mattermost, Rocket.Chat: 200 "ok") and Teams
Workflows ones (202), at `/hooks/<secret>`. Every accepted payload is recorded (with its size in bytes as it
arrived); a payload over MAX_BYTES is refused with 413 as the real services refuse it. `fail_next` makes the
next posts to a hook answer 429 (with Retry-After), 500 or whatever status is asked; `gone` answers 404
"no_service" for good."""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any

from aiohttp import web

from tests.emulators.loopback import serve

MAX_BYTES = 28_000


@dataclass
class Hook:
    kind: str  # slack_webhook | teams_workflow
    received: list[dict[str, Any]] = field(default_factory=list)
    sizes: list[int] = field(default_factory=list)
    failures: list[tuple[int, float | None]] = field(default_factory=list)
    gone: bool = False
    refused: int = 0  # posts answered with an error


class WebhookEmulator:
    def __init__(self, host: str = "127.0.0.1") -> None:
        self.host = host
        self.url = ""
        self.hooks: dict[str, Hook] = {}
        self._runner: web.AppRunner | None = None

    async def __aenter__(self) -> WebhookEmulator:
        app = web.Application(client_max_size=1024 * 1024)
        app.router.add_post("/hooks/{secret}", self._post)
        self._runner, self.url = await serve(app, self.host)
        return self

    async def __aexit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                        tb: TracebackType | None) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    def new_hook(self, kind: str) -> str:
        """A new hook; returns its secret URL."""
        secret = f"T0{secrets.token_hex(4)}/B0{secrets.token_hex(4)}-{secrets.token_urlsafe(18)}".replace("/", "-")
        self.hooks[secret] = Hook(kind)
        return f"{self.url}/hooks/{secret}"

    def hook(self, url: str) -> Hook:
        return self.hooks[url.rsplit("/", 1)[1]]

    def fail_next(self, url: str, status: int, count: int = 1, retry_after: float | None = None) -> None:
        self.hook(url).failures += [(status, retry_after)] * count

    async def _post(self, request: web.Request) -> web.Response:
        hook = self.hooks.get(request.match_info["secret"])
        if hook is None or hook.gone:
            if hook is not None:
                hook.refused += 1
            return web.Response(status=404, text="no_service")
        raw = await request.read()
        if hook.failures:
            status, after = hook.failures.pop(0)
            hook.refused += 1
            headers = {"Retry-After": f"{after:g}"} if after is not None else {}
            return web.Response(status=status, text="rate_limited" if status == 429 else "error", headers=headers)
        if len(raw) > MAX_BYTES:
            hook.refused += 1
            return web.Response(status=413, text="payload_too_large")
        try:
            body = json.loads(raw)
        except ValueError:
            hook.refused += 1
            return web.Response(status=400, text="invalid_payload")
        hook.received.append(body)
        hook.sizes.append(len(raw))
        if hook.kind == "teams_workflow":
            return web.Response(status=202)
        return web.Response(status=200, text="ok")
