"""The one Web API client and the one rate limiter of the process, shared by everything that talks to Slack:
bolt's listeners (views, users.info), chat replies and the outbox worker's sends (the `SlackSender`)."""

from __future__ import annotations

import aiohttp
from slack_sdk.web.async_client import AsyncWebClient
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.channels.slack.sender import SlackSender, make_slack_client
from bot.config import Settings
from bot.delivery.ratelimit import RateLimiter
from bot.delivery.shared_limits import SharedBuckets


class SlackPlatform:
    """Slack's client, rate limiter and sender; `close()` closes the HTTP session they share."""

    def __init__(self, settings: Settings, sessions: async_sessionmaker[AsyncSession], *,
                 shared: SharedBuckets | None = None) -> None:
        """`shared`: the workspace cap's bucket, shared with the other replicas (bot/delivery/shared_limits)."""
        if not settings.slack_bot_token:
            raise ValueError("SLACK_BOT_TOKEN is not set")
        self.http = aiohttp.ClientSession()
        self.client: AsyncWebClient = make_slack_client(settings.slack_bot_token, settings.slack_api_url,
                                                        session=self.http)
        self.limiter = RateLimiter(workspace_per_minute=settings.slack_workspace_per_minute, shared=shared)
        self.sender = SlackSender(self.client, self.limiter, sessions)

    async def close(self) -> None:
        if not self.http.closed:
            await self.http.close()
