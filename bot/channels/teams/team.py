"""The app added to a team: everyone of the network in that team is reached from then on, without
installing the app themselves.

Teams lets a bot open a personal chat with any member of a team it is installed in. So when the bot is
added to a team, the team's roster is read page by page (the Teams extension's API client, GET
/v3/conversations/{team id}/pagedmembers), and each member whose e-mail or UPN belongs to a person of the
network is linked to that person (storage.identities) and, when digibot has no conversation with them
yet, given one (POST /v3/conversations): its reference is stored as their Teams address, which wakes the
notices that waited for the app. Members who are not in the network are left alone. A roster Teams
cannot give now stops the round (what was done stays; adding the app again, or the next install, does
the rest); a member Teams refuses a chat with (403, blocked) is skipped.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

import httpx
from microsoft_agents.activity import Activity
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.channels.teams import activities as read
from bot.channels.teams.platform import TeamsPlatform
from bot.channels.teams.references import PLATFORM, remember
from bot.channels.teams.roster import RosterUnavailable, email_of
from storage import identities

log = logging.getLogger(__name__)


@dataclass
class TeamRound:
    members: int = 0  # in the roster
    linked: int = 0  # people of the network among them
    opened: int = 0  # personal chats opened (the rest had one)
    failed: bool = False  # the roster could not be read to the end


def personal_reference(service_url: str, chat_id: str, tenant: str | None, member_id: str, aad: str | None,
                       bot: dict[str, Any]) -> dict[str, Any]:
    """A conversation reference of the bot's personal chat with a member, as `reference_of` stores them."""
    conversation: dict[str, Any] = {"id": chat_id, "conversationType": "personal", "isGroup": False}
    if tenant:
        conversation["tenantId"] = tenant
    user = {"id": member_id, **({"aadObjectId": aad} if aad else {})}
    return {"channelId": "msteams", "serviceUrl": service_url, "conversation": conversation, "user": user,
            "bot": bot}


async def team_added(platform: TeamsPlatform, sessions: async_sessionmaker[AsyncSession], activity: Activity,
                     network: str | None) -> TeamRound:
    team = read.team_of(activity)
    done = TeamRound()
    if team is None or not team.id or not activity.service_url:
        return done
    service_url, tenant = str(activity.service_url), read.tenant_of(activity)
    bot = activity.recipient.model_dump(mode="json", by_alias=True, exclude_none=True) if activity.recipient else {}
    try:
        async for member in platform.roster.members(service_url, team.id):
            done.members += 1
            email, user = email_of(member), member.aad_object_id or member.id
            if not email or not user:
                continue
            async with sessions() as session:
                identity = await identities.resolve(session, PLATFORM, user, _given(email), network, tenant)
                known = await identities.recall_address(session, PLATFORM, user) if identity else None
            if identity is None:
                continue
            done.linked += 1
            if known is None and await _open(platform, sessions, service_url, tenant, member.id, user, bot):
                done.opened += 1
    except RosterUnavailable as exc:
        done.failed = True
        log.warning("Teams: the roster of team %s could not be read to the end (%s)", team.id, exc)
    log.info("Teams: added to team %s (%s): %d members, %d of the network, %d personal chats opened",
             team.name or "?", team.id, done.members, done.linked, done.opened)
    return done


def _given(email: str) -> Any:
    async def lookup() -> str | None:
        return email

    return lookup


async def _open(platform: TeamsPlatform, sessions: async_sessionmaker[AsyncSession], service_url: str,
                tenant: str | None, member_id: str, user: str, bot: dict[str, Any]) -> bool:
    await platform.limiter.acquire(tenant or "teams")
    try:
        chat_id = await platform.roster.open_personal(service_url, member_id, tenant)
    except httpx.HTTPError as exc:
        log.warning("Teams: could not open a personal chat with %s: %s", member_id, exc)
        return False
    reference = personal_reference(service_url, chat_id, tenant, member_id, user if user != member_id else None,
                                   bot)
    people = await remember(sessions, user, reference)
    platform.sender.learned(people)
    return True
