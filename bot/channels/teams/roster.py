"""Who a Teams user is, asked of Teams: the roster of a conversation, through the Teams API client of the SDK's
Teams extension (microsoft-agents-hosting-msteams, which hands the same `microsoft_teams.api.ApiClient` to
each turn as `TeamsTurnContext.api_client`).

    roster = TeamsRoster(provider)
    member = await roster.member(service_url, conversation_id, user_id)  # GET v3/conversations/{id}/members/{user}
    async for member in roster.members(service_url, conversation_id):   # GET .../pagedMembers, page by page
        email_of(member)                                                 # the e-mail, else the UPN
    chat_id = await roster.open_personal(service_url, member_id, tenant)  # POST v3/conversations

The extension's own client lives for one turn and is closed when the turn ends; digibot answers after the
202 (bot/channels/teams/answer.py) and identifies people for the outbox too, so the client here is the same
class made once per service URL and kept, with the bot's token from the SDK's token provider (MSAL, cached
and renewed there). A member Teams does not know in the conversation (403/404) is None; any other failure
(5xx, 429, a timeout, a body that is not a member) raises `RosterUnavailable`: nothing may be concluded.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Final

import httpx
import pydantic
from microsoft_agents.hosting.core.authorization import AccessTokenProviderBase, AuthenticationConstants
from microsoft_teams.api import ApiClient
from microsoft_teams.api.clients.conversation import CreateConversationParams
from microsoft_teams.api.models import Account, TeamsChannelAccount
from microsoft_teams.common import Client, ClientOptions

TIMEOUT: Final = 10.0  # seconds per roster call: a person waits for their answer behind it
PAGE: Final = 100  # members per page (Teams treats < 50 as 50 and caps at 500)
SCOPE: Final = AuthenticationConstants.AGENTS_SDK_SCOPE + "/.default"
NOT_MEMBER: Final = frozenset({403, 404})


class RosterUnavailable(OSError):
    """Teams could not say who the member is (a server error, throttling, a timeout): try again later. An
    OSError, as the pipeline knows a platform out of reach (bot/pipeline/steps.py `transaction`): nothing is
    stored, the activity is not marked as handled, and the person is told to try again in a while."""


def email_of(member: TeamsChannelAccount) -> str | None:
    """The member's e-mail, else their user principal name when it is an address."""
    for value in (member.email, member.user_principal_name):
        if value and "@" in value:
            return value.strip()
    return None


class TeamsRoster:
    """Teams API clients, one per service URL, for roster look-ups."""

    def __init__(self, provider: AccessTokenProviderBase, timeout: float = TIMEOUT) -> None:
        self.provider = provider
        self.timeout = timeout
        self._clients: dict[str, ApiClient] = {}
        self._lock = asyncio.Lock()

    async def _token(self) -> str | None:
        return await self.provider.get_access_token(AuthenticationConstants.AGENTS_SDK_SCOPE, [SCOPE]) or None

    async def client(self, service_url: str) -> ApiClient:
        url = service_url.rstrip("/")
        async with self._lock:
            known = self._clients.get(url)
            if known is None:
                headers = {"Accept": "application/json", "Content-Type": "application/json"}
                options = ClientOptions(base_url=url, headers=headers, timeout=self.timeout, token=self._token)
                http = httpx.AsyncClient(base_url=url, headers=headers, timeout=self.timeout)
                known = self._clients[url] = ApiClient(url, options=Client(options, _http=http))
            return known

    async def member(self, service_url: str, conversation_id: str, user_id: str) -> TeamsChannelAccount | None:
        """One member of the conversation; None when Teams says they are not in it (403/404)."""
        client = await self.client(service_url)
        try:
            member: TeamsChannelAccount = await client.conversations.get_member_by_id(conversation_id, user_id)
        except httpx.HTTPStatusError as exc:
            if exc.response.status_code in NOT_MEMBER:
                return None
            raise RosterUnavailable(f"HTTP {exc.response.status_code}") from exc
        except (httpx.HTTPError, pydantic.ValidationError, ValueError) as exc:
            raise RosterUnavailable(f"{type(exc).__name__}: {exc}"[:300]) from exc
        return member

    async def members(self, service_url: str, conversation_id: str,
                      page_size: int = PAGE) -> AsyncIterator[TeamsChannelAccount]:
        """Every member of the conversation (a team's roster), page by page."""
        client = await self.client(service_url)
        token: str | None = None
        while True:
            try:
                page = await client.conversations.get_paged_members(conversation_id, page_size, token)
            except (httpx.HTTPError, pydantic.ValidationError, ValueError) as exc:
                raise RosterUnavailable(f"{type(exc).__name__}: {exc}"[:300]) from exc
            for member in page.members:
                yield member
            token = page.continuation_token
            if not token:
                return

    async def open_personal(self, service_url: str, member_id: str, tenant: str | None) -> str:
        """The bot's personal chat with a member of a team it is installed in (Teams creates it, or gives the
        one there is): its conversation id. HTTP errors are raised as httpx.HTTPStatusError."""
        client = await self.client(service_url)
        params = CreateConversationParams(members=[Account(id=member_id)], tenant_id=tenant,
                                          channel_data={"tenant": {"id": tenant}} if tenant else None)
        created = await client.conversations.create(params)
        return str(created.id)

    async def close(self) -> None:
        async with self._lock:
            clients, self._clients = list(self._clients.values()), {}
        for client in clients:
            await client.http.http.aclose()
