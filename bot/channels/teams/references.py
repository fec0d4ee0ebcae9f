"""Where a Teams user is reached, and who they are: the conversation reference of their personal chat with the
bot (stored as their Teams address), and their person, matched by `teams_user_id` or by the e-mail/UPN
that the conversation's roster gives (roster.py, the Teams extension's API client; the match is stored,
storage.identities).

Storing a reference wakes the person's Teams rows that waited for it (storage.outbox_waiting.wake).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any, Final

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.channels.teams.roster import TeamsRoster, email_of
from storage import identities
from storage.models_identity import PlatformIdentity
from storage.outbox_waiting import wake

log = logging.getLogger(__name__)

PLATFORM: Final = "teams"
EmailLookup = Callable[[], Awaitable[str | None]]


def email_lookup(roster: TeamsRoster, reference: dict[str, Any], member_id: str) -> EmailLookup:
    """The e-mail (or UPN) of a conversation member, from the roster; None when Teams does not know them
    there. A roster Teams cannot give now raises roster.RosterUnavailable (the person is told to try again)."""

    async def lookup() -> str | None:
        member = await roster.member(str(reference["serviceUrl"]), str(reference["conversation"]["id"]),
                                     member_id)
        if member is None:
            log.info("Teams: member %s not found in the conversation", member_id)
            return None
        email = email_of(member)
        if email is None:
            log.info("Teams: the roster gives no e-mail or UPN for member %s (role %s)", member_id,
                     member.user_role or "unknown")
        return email

    return lookup


async def people_of(session: AsyncSession, user_id: str) -> list[int]:
    """The people (one per network) linked to a Teams user."""
    rows = await session.scalars(select(PlatformIdentity.person_id).where(
        PlatformIdentity.platform == PLATFORM, PlatformIdentity.external_id == user_id))
    return list(rows)


async def remember(sessions: async_sessionmaker[AsyncSession], user_id: str, reference: dict[str, Any],
                   *, lookup: EmailLookup | None = None, tenant: str | None = None,
                   network: str | None = None) -> list[int]:
    """Store `reference` as the user's address (when it is new or changed), link the user to their person
    (with `lookup`, when not linked yet), and wake their waiting rows. Returns the people whose rows woke."""
    now = datetime.now(UTC)
    async with sessions() as session:
        if lookup is not None:
            await identities.resolve(session, PLATFORM, user_id, lookup, network, tenant, commit=False)
        known = await identities.recall_address(session, PLATFORM, user_id)
        if known == reference and lookup is None:
            return []
        await identities.remember_address(session, PLATFORM, user_id, reference, now)
        people = await people_of(session, user_id)
        woken = await wake(session, people, PLATFORM, now)
        await session.commit()
    if woken:
        log.info("Teams: %d waiting message(s) for user %s are due now", woken, user_id)
    return people


async def forget(sessions: async_sessionmaker[AsyncSession], user_id: str, reference: dict[str, Any]) -> list[int]:
    """The app was removed from the user's personal scope: forget their address (when it is the chat the
    removal came from, or none is known), so that their rows wait for a new install. Returns their people."""
    async with sessions() as session:
        known = await identities.recall_address(session, PLATFORM, user_id)
        same = known is None or (known.get("conversation") or {}).get("id") == reference["conversation"]["id"]
        if same:
            await identities.forget_address(session, PLATFORM, user_id)
        people = await people_of(session, user_id)
        await session.commit()
    return people
