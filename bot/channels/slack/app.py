"""Slack as a channel: a slack-bolt AsyncApp on our aiohttp web app, or on a Socket Mode connection.

    POST /slack/events   events, slash commands and interactivity (HTTP mode)
    SLACK_APP_TOKEN set  Socket Mode instead: no public endpoint, the app dials out to Slack

Every request is acked at once; the answer is worked out and posted in a background task
(bot/channels/slack/answer.py). Requests that are not signed with the signing secret, or are signed
more than five minutes ago, get 401 before anything is parsed.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.async_app import AsyncApp
from slack_bolt.authorization import AuthorizeResult
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_sdk.web.async_client import AsyncWebClient
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.channels.slack.announce import register_announce_listeners
from bot.channels.slack.answer import SlackAnswers
from bot.channels.slack.listeners import answer_dm, register_event_listeners, register_listeners, retry_note
from bot.channels.slack.platform import SlackPlatform
from bot.channels.slack.shapes import problem
from bot.config import Settings
from bot.pipeline import Pipeline, build_pipeline

log = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"
AUTH_WARMUP_TIMEOUT = 10.0
SHUTDOWN_GRACE = 10.0
MAX_AGE = 5 * 60  # seconds a signed request stays valid (Slack's replay window)


class BotAuthorization:
    """The bot's own identity (auth.test), looked up once and reused for every request.

    Bolt's single-workspace mode would call auth.test on the first request, before the ack; doing it
    at startup keeps every ack immediate. If Slack is unreachable at startup, the first request tries again.
    """

    def __init__(self, token: str, client: AsyncWebClient) -> None:
        self._token = token
        self._client = client
        self._result: AuthorizeResult | None = None
        self._lock = asyncio.Lock()

    async def result(self) -> AuthorizeResult:
        async with self._lock:
            if self._result is None:
                response = await self._client.auth_test(token=self._token)
                self._result = AuthorizeResult.from_auth_test_response(
                    auth_test_response=response, bot_token=self._token
                )
                log.info("Slack: signed in as %s (%s) in team %s", response.get("user"),
                         response.get("user_id"), response.get("team_id"))
            return self._result

    async def warm_up(self, timeout: float = AUTH_WARMUP_TIMEOUT) -> None:
        try:
            await asyncio.wait_for(self.result(), timeout)
        except Exception as exc:  # noqa: BLE001 - retried on the first request
            log.warning("Slack: auth.test failed at startup (%s); will retry on the first request", exc)


@dataclass
class SlackChannel:
    """What attach_slack set up; kept on the web app under SLACK_KEY (tests wait on `answers.drain()`)."""

    bolt: AsyncApp
    answers: SlackAnswers
    authorization: BotAuthorization
    platform: SlackPlatform
    owns_platform: bool
    socket_mode: AsyncSocketModeHandler | None = None

    async def close(self) -> None:
        if self.socket_mode is not None:
            try:
                await self.socket_mode.close_async()  # type: ignore[no-untyped-call]
            except Exception:
                log.exception("Slack: closing the Socket Mode connection failed")
        await self.answers.close(SHUTDOWN_GRACE)
        if self.owns_platform:
            await self.platform.close()


SLACK_KEY = web.AppKey("slack", SlackChannel)


def signed_by_slack(secret: str, body: bytes, timestamp: str | None, signature: str | None, now: float) -> bool:
    """Slack's v0 signature (HMAC-SHA256 of "v0:{timestamp}:{body}") over the raw bytes, at most 5 minutes old.

    Over bytes, not text: a body that is not UTF-8 can be signed correctly, and is then malformed, not forged.
    """
    if not timestamp or not signature or not timestamp.isascii() or not timestamp.isdigit():
        return False
    if abs(now - int(timestamp)) > MAX_AGE:
        return False
    digest = hmac.new(secret.encode(), b"v0:" + timestamp.encode() + b":" + body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(f"v0={digest}".encode(), signature.encode("utf-8", "replace"))


class DirectMessages:
    """The events endpoint's own way for what it gets most: a `message` event callback, a person's DM.

    bolt's dispatch builds, for every request, a context, a Web API client and eight helper objects (ack, say,
    respond...) and runs its middleware, to find the one listener a DM always meets: bench_slack_peer's CPU per
    DM went from 2.94 to 2.60 ms without it. Such a DM is answered here by the code bolt's listener runs
    (listeners.answer_dm: the same checks of who is speaking, the same task) and acked as bolt acks an event
    (200, no body). Everything else, Socket Mode, and a DM while the bot's own identity is not known
    (auth.test unanswered) go through bolt.
    """

    def __init__(self, answers: SlackAnswers, authorization: BotAuthorization) -> None:
        self.answers = answers
        self.authorization = authorization

    @staticmethod
    def body_of(text: str) -> dict[str, Any] | None:
        """The parsed body when it is a `message` event callback, else None."""
        if not text.startswith("{"):
            return None
        try:
            body = json.loads(text)
        except ValueError:
            return None
        event = body.get("event") if isinstance(body, dict) and body.get("type") == "event_callback" else None
        return body if isinstance(event, dict) and event.get("type") == "message" else None

    async def answered(self, body: dict[str, Any], request: web.Request) -> bool:
        try:
            bot = await self.authorization.result()
        except Exception:  # noqa: BLE001 - bolt's authorization answers it (and logs) as for any other request
            return False
        note = retry_note(request.headers.get("X-Slack-Retry-Num"), request.headers.get("X-Slack-Retry-Reason"))
        answer_dm(self.answers, body, bot.bot_user_id, note)
        return True


def events_endpoint(bolt: AsyncApp, signing_secret: str,
                    direct: DirectMessages | None = None) -> Callable[[web.Request], Awaitable[web.Response]]:
    """The aiohttp handler for POST /slack/events: verify, parse, answer a DM (`direct`) or hand to bolt and
    answer with bolt's ack."""

    def malformed(request: web.Request, why: str) -> web.Response:
        log.warning("Slack: rejected a signed but malformed request from %s: %s", request.remote, why)
        return web.json_response({"error": "malformed request"}, status=400)

    async def handle(request: web.Request) -> web.Response:
        body = await request.read()
        timestamp = request.headers.get("X-Slack-Request-Timestamp")
        signature = request.headers.get("X-Slack-Signature")
        if not signed_by_slack(signing_secret, body, timestamp, signature, time.time()):
            log.warning("Slack: rejected a request with a bad or stale signature from %s", request.remote)
            return web.json_response({"error": "invalid request"}, status=401)
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            return malformed(request, "the body is not UTF-8")
        if direct is not None and (message := direct.body_of(text)) is not None:
            if (wrong := problem(message, text, request.content_type)) is not None:
                return malformed(request, wrong)
            if await direct.answered(message, request):
                return web.Response(status=200, content_type="text/plain")
        try:  # what slack_bolt.adapter.aiohttp.to_bolt_request does, with the text already decoded
            bolt_request = AsyncBoltRequest(body=text, query=request.query_string,
                                            headers=request.headers)  # type: ignore[arg-type]
        except Exception as exc:  # noqa: BLE001 - signed but unreadable: answer 400, change nothing
            return malformed(request, f"unreadable: {exc}")
        if (wrong := problem(bolt_request.body, text, request.content_type)) is not None:
            return malformed(request, wrong)
        return await to_aiohttp_response(await bolt.async_dispatch(bolt_request))

    return handle


async def attach_slack(
    app: web.Application,
    settings: Settings,
    sessions: async_sessionmaker[AsyncSession],
    *,
    pipeline: Pipeline | None = None,
    platform: SlackPlatform | None = None,
) -> Callable[[], Awaitable[None]]:
    """Set Slack up on `app` (HTTP events) or on Socket Mode; returns the function that shuts it down.

    `platform`: the process's Slack client, rate limiter and sender, shared with the delivery worker
    (`digibot run` passes it; without it one is made and closed here). `pipeline` replaces the bot's
    usual one (tests register extra listeners on their own Router).
    """
    if not settings.slack_bot_token:
        raise ValueError("SLACK_BOT_TOKEN is not set")
    if not (settings.slack_app_token or settings.slack_signing_secret):
        raise ValueError("SLACK_SIGNING_SECRET (or SLACK_APP_TOKEN for Socket Mode) is not set")

    owns_platform = platform is None
    platform = platform or SlackPlatform(settings, sessions)
    client = platform.client
    authorization = BotAuthorization(settings.slack_bot_token, client)

    async def authorize() -> AuthorizeResult:
        return await authorization.result()

    bolt = AsyncApp(
        name="digibot",
        logger=logging.getLogger("digibot.slack.bolt"),
        client=client,
        signing_secret=settings.slack_signing_secret or "",
        authorize=authorize,
        # Our listeners ack and hand the work to a tracked task at once, so bolt need not run them
        # in its own untracked background futures.
        process_before_response=True,
        # events_endpoint has checked the signature over the raw bytes already; Socket Mode needs none.
        request_verification_enabled=False,
    )
    answers = SlackAnswers(pipeline or build_pipeline(sessions, settings.public_url), platform, settings.network)
    register_event_listeners(bolt, answers)  # first: bolt tries its listeners in order, and most are DMs
    register_announce_listeners(bolt, answers)  # before the general /digi listener: bolt runs the first match
    register_listeners(bolt, answers)
    channel = SlackChannel(bolt, answers, authorization, platform, owns_platform)
    app[SLACK_KEY] = channel
    await authorization.warm_up()

    if settings.slack_app_token:
        channel.socket_mode = AsyncSocketModeHandler(bolt, app_token=settings.slack_app_token, web_client=client)
        try:
            await channel.socket_mode.connect_async()  # type: ignore[no-untyped-call]
        except Exception:
            await channel.close()
            raise
        log.info("Slack: connected in Socket Mode")
    else:
        app.router.add_post(EVENTS_PATH, events_endpoint(bolt, settings.slack_signing_secret or "",
                                                         DirectMessages(answers, authorization)))
        log.info("Slack: listening for events, commands and interactivity at %s", EVENTS_PATH)
    return channel.close
