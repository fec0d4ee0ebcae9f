"""The one Bot Connector client set and the one limiter of the process, shared by everything that talks to
Teams: chat replies and the outbox worker's sends (the `TeamsSender`), and the roster look-ups of
identification (the Teams extension's API client, roster.py), all with the bot's one token provider."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.channels.teams.connector import TeamsConnector
from bot.channels.teams.limits import TeamsLimiter
from bot.channels.teams.roster import TeamsRoster
from bot.channels.teams.sender import TeamsSender
from bot.config import Settings
from bot.delivery.shared_limits import SharedBuckets


class TeamsPlatform:
    """Teams' connector, roster, limiter and sender; `close()` closes their HTTP sessions."""

    def __init__(self, settings: Settings, sessions: async_sessionmaker[AsyncSession], *,
                 connector: TeamsConnector | None = None, limiter: TeamsLimiter | None = None,
                 shared: SharedBuckets | None = None) -> None:
        """`shared`: the tenant limit's bucket, shared with the other replicas (bot/delivery/shared_limits)."""
        self.connector = connector or TeamsConnector(settings)
        self.roster = TeamsRoster(self.connector.provider)
        self.limiter = limiter or TeamsLimiter(shared=shared)
        self.sender = TeamsSender(self.connector, self.limiter, sessions)

    async def close(self) -> None:
        await self.roster.close()
        await self.connector.close()
