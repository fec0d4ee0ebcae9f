"""The Bot Connector service, through the M365 Agents SDK's `TeamsConnectorClient`.

    connector = TeamsConnector(settings)
    activity_id = await connector.send(reference, activity)            # POST  v3/conversations/{id}/activities
    activity_id = await connector.send(reference, activity, reply_to=id)  # a reply in a channel's thread
    await connector.update(reference, activity_id, activity)            # PUT   .../activities/{activity_id}

One client per service URL (Teams gives the URL in every activity and in stored references), kept while the
bot's access token stays the same. The token comes from the SDK's MSAL provider (TEAMS_APP_ID,
TEAMS_APP_PASSWORD, TEAMS_TENANT_ID), which caches and renews it; without a password (TEAMS_ANONYMOUS,
tests against the emulator) the SDK's anonymous provider sends no token. Errors come back as
`aiohttp.ClientResponseError` with the HTTP status and headers (Retry-After), for the sender to classify.
Roster look-ups go through the Teams extension's API client instead (roster.py), with the same token provider.
"""

from __future__ import annotations

import asyncio
from typing import Any

import aiohttp
from microsoft_agents.activity import Activity
from microsoft_agents.hosting.core.authorization import (
    AccessTokenProviderBase,
    AgentAuthConfiguration,
    AnonymousTokenProvider,
    AuthenticationConstants,
)
from microsoft_agents.hosting.core.connector.teams import TeamsConnectorClient

from bot.config import Settings

TIMEOUT = 20.0  # seconds per Bot Connector call; a send must fit well inside the outbox lease
SCOPE = AuthenticationConstants.AGENTS_SDK_SCOPE + "/.default"


def auth_configuration(settings: Settings) -> AgentAuthConfiguration:
    """The SDK's view of the bot's credentials (also what its JWT validation checks the audience against)."""
    return AgentAuthConfiguration(client_id=settings.teams_app_id, tenant_id=settings.teams_tenant_id,
                                  client_secret=settings.teams_app_password,
                                  anonymous_allowed=settings.teams_anonymous)


def token_provider(settings: Settings) -> AccessTokenProviderBase:
    if not (settings.teams_app_id and settings.teams_app_password):
        return AnonymousTokenProvider()
    from microsoft_agents.authentication.msal import MsalAuth

    return MsalAuth(auth_configuration(settings))


def as_activity(data: dict[str, Any]) -> Activity:
    return Activity.model_validate(data)


class TeamsConnector:
    """Clients of the Bot Connector service, one per service URL."""

    def __init__(self, settings: Settings, provider: AccessTokenProviderBase | None = None,
                 timeout: float = TIMEOUT) -> None:
        self.provider = provider or token_provider(settings)
        self.timeout = timeout
        self._clients: dict[str, tuple[str, TeamsConnectorClient]] = {}
        self._lock = asyncio.Lock()

    async def client(self, service_url: str) -> TeamsConnectorClient:
        token = await self.provider.get_access_token(AuthenticationConstants.AGENTS_SDK_SCOPE, [SCOPE]) or ""
        endpoint = service_url if service_url.endswith("/") else service_url + "/"
        async with self._lock:
            known = self._clients.get(endpoint)
            if known is not None and known[0] == token:
                return known[1]
            if known is not None:
                await known[1].close()
            session = aiohttp.ClientSession(base_url=endpoint, timeout=aiohttp.ClientTimeout(total=self.timeout))
            client = TeamsConnectorClient(endpoint, token, session=session)
            self._clients[endpoint] = (token, client)
            return client

    async def send(self, reference: dict[str, Any], activity: dict[str, Any], *, reply_to: str | None = None) -> str:
        """Post `activity` into the referenced conversation (as a reply to `reply_to` when given); its id."""
        client = await self.client(str(reference["serviceUrl"]))
        conversation = str(reference["conversation"]["id"])
        body = as_activity(activity)
        if reply_to:
            response = await client.conversations.reply_to_activity(conversation, reply_to, body)
        else:
            response = await client.conversations.send_to_conversation(conversation, body)
        return str(response.id or "")

    async def update(self, reference: dict[str, Any], activity_id: str, activity: dict[str, Any]) -> None:
        client = await self.client(str(reference["serviceUrl"]))
        conversation = str(reference["conversation"]["id"])
        await client.conversations.update_activity(conversation, activity_id, as_activity({**activity,
                                                                                         "id": activity_id}))

    async def close(self) -> None:
        async with self._lock:
            clients, self._clients = list(self._clients.values()), {}
        for _, client in clients:
            await client.close()
