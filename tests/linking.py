"""Giving people in test data a chat account, and reading it back (identities live in their own table)."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Person
from storage.models_identity import PlatformIdentity


def account(person: Person, user_id: str, platform: str = "slack") -> PlatformIdentity:
    """An identity row linking `person` (added to the session, flushed or not) to a platform account, as
    the network file would; add it to the session with the person."""
    return PlatformIdentity(person=person, network_id=person.network_id, platform=platform, external_id=user_id,
                            created_at=datetime(2026, 11, 1, tzinfo=UTC))


async def account_of(session: AsyncSession, person_id: int, platform: str = "slack") -> str | None:
    return await session.scalar(select(PlatformIdentity.external_id).where(
        PlatformIdentity.person_id == person_id, PlatformIdentity.platform == platform))


async def accounts_by_email(session: AsyncSession, email: str, platform: str = "slack") -> list[str | None]:
    """The account of each person row with this e-mail (one per network), None where not linked."""
    rows = await session.execute(
        select(PlatformIdentity.external_id).select_from(Person)
        .outerjoin(PlatformIdentity,
                   (PlatformIdentity.person_id == Person.id) & (PlatformIdentity.platform == platform))
        .where(Person.email == email).order_by(Person.network_id)
    )
    return [external_id for (external_id,) in rows]


async def linked_accounts(session: AsyncSession, platform: str = "slack") -> list[str]:
    rows = await session.scalars(select(PlatformIdentity.external_id).where(PlatformIdentity.platform == platform))
    return list(rows)
