"""Teams on the web app: POST /api/messages, served by the SDK's CloudAdapter behind its JWT middleware, each
activity routed by the SDK's `AgentApplication` with the Teams extension (routes.py).

The endpoint is a sub-application of the app that serves Slack, so the SDK's middleware (which reads the
bot's AgentAuthConfiguration from its application) guards /api/messages only. A request without a valid
Bot Framework / Entra token for TEAMS_APP_ID gets 401 before anything is read. TEAMS_ANONYMOUS=1 lets
requests without a token in (local testing against an emulator only): logged as a warning at start.
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Awaitable, Callable

from aiohttp import web
from microsoft_agents.activity import Activity
from microsoft_agents.hosting.aiohttp import CloudAdapter, jwt_authorization_middleware
from microsoft_agents.hosting.core import AgentApplication, TurnContext, TurnState
from microsoft_agents.hosting.core.authorization import (
    AccessTokenProviderBase,
    AgentAuthConfiguration,
    ClaimsIdentity,
)
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.channels.teams.answer import TeamsAnswers
from bot.channels.teams.connector import auth_configuration
from bot.channels.teams.platform import TeamsPlatform
from bot.channels.teams.routes import teams_application
from bot.config import Settings
from bot.pipeline import Pipeline, build_pipeline

log = logging.getLogger(__name__)

PREFIX, PATH = "/api", "/messages"
ENDPOINT = PREFIX + PATH
SHUTDOWN_GRACE = 10.0
MAX_BODY = 512 * 1024  # an activity is at most a few tens of KB


class BotConnection:
    """The SDK's `Connections`: one connection, the bot's own (MSAL with TEAMS_APP_ID/PASSWORD, or anonymous)."""

    def __init__(self, provider: AccessTokenProviderBase, configuration: AgentAuthConfiguration) -> None:
        self.provider = provider
        self.configuration = configuration

    def get_connection(self, connection_name: str) -> AccessTokenProviderBase:
        return self.provider

    def get_default_connection(self) -> AccessTokenProviderBase:
        return self.provider

    def get_token_provider(self, claims_identity: ClaimsIdentity, service_url: str) -> AccessTokenProviderBase:
        return self.provider

    def get_token_provider_from_activity(self, claims_identity: ClaimsIdentity,
                                         activity: Activity) -> AccessTokenProviderBase:
        return self.provider

    def get_default_connection_configuration(self) -> AgentAuthConfiguration:
        return self.configuration


async def _turn_error(context: TurnContext, error: Exception) -> None:
    """The SDK's default tells the user the exception text; we only log it."""
    log.error("Teams: turn failed for activity %s: %r", context.activity.id, error)


def endpoint(adapter: CloudAdapter,
             agent: AgentApplication[TurnState]) -> Callable[[web.Request], Awaitable[web.StreamResponse]]:
    async def handle(request: web.Request) -> web.StreamResponse:
        try:
            response = await adapter.process(request, agent)
        except Exception as exc:  # noqa: BLE001 - an activity the SDK cannot read: 400, nothing changes
            log.warning("Teams: rejected a malformed activity from %s: %s", request.remote, type(exc).__name__)
            return web.json_response({"error": "malformed activity"}, status=400)
        return response if response is not None else web.Response(status=202)

    return handle


TEAMS_KEY = web.AppKey("teams", TeamsAnswers)


async def attach_teams(app: web.Application, settings: Settings, sessions: async_sessionmaker[AsyncSession], *,
                       pipeline: Pipeline | None = None, platform: TeamsPlatform | None = None,
                       ) -> Callable[[], Awaitable[None]]:
    """Serve /api/messages on `app`; returns the function that shuts Teams down (the platform is closed
    here only when it was made here)."""
    if not (settings.teams_app_id or settings.teams_anonymous):
        raise ValueError("TEAMS_APP_ID is not set")
    owns_platform = platform is None
    platform = platform or TeamsPlatform(settings, sessions)
    configuration = auth_configuration(settings)
    connection = BotConnection(platform.connector.provider, configuration)
    adapter = CloudAdapter(connection_manager=connection)
    adapter.on_turn_error = _turn_error
    agent = TeamsAnswers(pipeline or build_pipeline(sessions, settings.public_url), platform, sessions,
                         settings.network)
    application = teams_application(connection, agent)
    sub = web.Application(middlewares=[jwt_authorization_middleware], client_max_size=MAX_BODY)
    with warnings.catch_warnings():  # the SDK's middleware reads it under this plain string key
        warnings.simplefilter("ignore")
        sub["agent_configuration"] = configuration
    sub.router.add_post(PATH, endpoint(adapter, application))
    app.add_subapp(PREFIX, sub)
    app[TEAMS_KEY] = agent
    if settings.teams_anonymous:
        log.warning("Teams: TEAMS_ANONYMOUS=1: JWT validation is OFF at %s; for local testing only, never in "
                    "production", ENDPOINT)
    log.info("Teams: listening for activities at %s (app id %s)", ENDPOINT, settings.teams_app_id or "none")

    async def close() -> None:
        await agent.close(SHUTDOWN_GRACE)
        if owns_platform:
            await platform.close()

    return close

