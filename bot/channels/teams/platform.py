"""The one Bot Connector client set and the one limiter of the process, shared by everything that talks to
Teams: chat replies, the member lookups of identification, and the outbox worker's sends (the `TeamsSender`)."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.channels.teams.connector import TeamsConnector
from bot.channels.teams.limits import TeamsLimiter
from bot.channels.teams.sender import TeamsSender
from bot.config import Settings


class TeamsPlatform:
    """Teams' connector, limiter and sender; `close()` closes the HTTP sessions they share."""

    def __init__(self, settings: Settings, sessions: async_sessionmaker[AsyncSession], *,
                 connector: TeamsConnector | None = None, limiter: TeamsLimiter | None = None) -> None:
        self.connector = connector or TeamsConnector(settings)
        self.limiter = limiter or TeamsLimiter()
        self.sender = TeamsSender(self.connector, self.limiter, sessions)

    async def close(self) -> None:
        await self.connector.close()
