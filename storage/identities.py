"""Who is talking: matching a chat platform's user to a person in a network, and remembering it."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Person

Platform = Literal["slack", "teams"]
_ID_COLUMN = {"slack": Person.slack_user_id, "teams": Person.teams_user_id}


@dataclass(frozen=True)
class Identity:
    network_id: str
    person_id: int


def _pick(people: list[Person], preferred_network: str | None) -> Person | None:
    """One person row among a person's networks: the preferred network's, else the first by network id."""
    if not people:
        return None
    for person in people:
        if person.network_id == preferred_network:
            return person
    return sorted(people, key=lambda p: p.network_id)[0]


async def resolve(
    session: AsyncSession,
    platform: Platform,
    user_id: str,
    email_lookup: Callable[[], Awaitable[str | None]],
    preferred_network: str | None = None,
) -> Identity | None:
    """The person behind a platform user: by the stored platform id, else by the e-mail the platform
    reports (`email_lookup` is only called when needed); a match by e-mail is stored for next time."""
    column = _ID_COLUMN[platform]
    people = list((await session.scalars(select(Person).where(column == user_id))).all())
    if not people:
        email = await email_lookup()
        if not email:
            return None
        people = list(
            (await session.scalars(select(Person).where(func.lower(Person.email) == email.strip().lower()))).all()
        )
        unlinked = [p.id for p in people if getattr(p, column.key) is None]
        if unlinked:
            await session.execute(update(Person).where(Person.id.in_(unlinked)).values({column.key: user_id}))
            await session.commit()
    person = _pick(people, preferred_network)
    return Identity(person.network_id, person.id) if person else None


async def by_email(session: AsyncSession, email: str, preferred_network: str | None = None) -> Identity | None:
    people = list(
        (await session.scalars(select(Person).where(func.lower(Person.email) == email.strip().lower()))).all()
    )
    person = _pick(people, preferred_network)
    return Identity(person.network_id, person.id) if person else None


async def names_by_platform_id(
    session: AsyncSession, platform: Platform, user_ids: list[str], preferred_network: str | None = None
) -> dict[str, str]:
    """The names of the people linked to these platform users (a Slack mention → "Kari Nordmann")."""
    column = _ID_COLUMN[platform]
    people = list((await session.scalars(select(Person).where(column.in_(user_ids)))).all())
    found: dict[str, str] = {}
    for user_id in user_ids:
        person = _pick([p for p in people if getattr(p, column.key) == user_id], preferred_network)
        if person is not None:
            found[user_id] = person.name
    return found
