"""Who is talking and where to reach them, on any chat platform.

Identities: a platform's user (a Slack user id; a Teams user id and tenant) matched to a person in a
network, by the stored link (`identities`), else by the e-mail the platform reports, which is then
stored. A person has at most one account per platform: a second account that reports the e-mail of a
person already linked to another one is refused (and logged), never given that person.

Addresses: where a platform user is reached directly (`addresses`): a Slack DM channel
{"channel": "D123"}, a Teams conversation reference, an e-mail {"email": ...}.

Only `resolve` commits (when it links an account, unless told not to); the other writers leave the
commit to the caller.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal, TypeVar

from sqlalchemy import ColumnElement, delete, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.db import dialect_insert
from storage.models import Person
from storage.models_identity import Address, PlatformIdentity

Platform = Literal["slack", "teams"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Identity:
    network_id: str
    person_id: int


IdentityT = TypeVar("IdentityT", bound=Identity)


def pick(found: Iterable[IdentityT], preferred_network: str | None) -> IdentityT | None:
    """One person among a human's networks: the preferred network's, else the first by network id."""
    ordered = sorted(found, key=lambda i: (i.network_id != preferred_network, i.network_id, i.person_id))
    return ordered[0] if ordered else None


def _account(platform: str, user_id: str, tenant: str | None) -> list[ColumnElement[bool]]:
    """The identities of one platform account. An identity stored without a tenant (as the network file
    gives Teams ids) matches any tenant."""
    where = [PlatformIdentity.platform == platform, PlatformIdentity.external_id == user_id]
    if tenant is not None:
        where.append(or_(PlatformIdentity.tenant.is_(None), PlatformIdentity.tenant == tenant))
    return where


def _insert(session: AsyncSession) -> Any:
    return dialect_insert(session)


async def _linked(session: AsyncSession, platform: str, user_id: str, tenant: str | None) -> list[Identity]:
    rows = await session.execute(
        select(PlatformIdentity.network_id, PlatformIdentity.person_id).where(*_account(platform, user_id, tenant))
    )
    return [Identity(network_id, person_id) for network_id, person_id in rows]


async def resolve(
    session: AsyncSession,
    platform: Platform,
    user_id: str,
    email_lookup: Callable[[], Awaitable[str | None]],
    preferred_network: str | None = None,
    tenant: str | None = None,
    *,
    commit: bool = True,
) -> Identity | None:
    """The person behind a platform user: by the stored link, else by the e-mail the platform reports
    (`email_lookup` is only called when needed). A match by e-mail links the account to the person in
    every network that has that e-mail, and is committed (unless `commit` is False). A person already
    linked to another account of this platform is not given to this one: None, and a warning."""
    found = await _linked(session, platform, user_id, tenant)
    if found:
        return pick(found, preferred_network)
    email = await email_lookup()
    if not email:
        return None
    email = email.strip().lower()
    by_mail = select(Person.id, Person.network_id).where(func.lower(Person.email) == email)
    people = (await session.execute(by_mail)).all()
    if not people:
        return None
    person_ids = [person_id for person_id, _ in people]
    if await _refuse_if_linked_elsewhere(session, platform, user_id, person_ids):
        return None
    now = datetime.now(UTC)
    rows = [
        {"person_id": person_id, "network_id": network_id, "platform": platform, "external_id": user_id,
         "tenant": tenant, "email": email, "created_at": now}
        for person_id, network_id in people
    ]
    # Another message of the same user (or of another account) may be linking at this very moment.
    await session.execute(_insert(session)(PlatformIdentity).values(rows).on_conflict_do_nothing())
    if commit:
        await session.commit()
    found = await _linked(session, platform, user_id, tenant)
    if not found:  # another account won the race
        await _refuse_if_linked_elsewhere(session, platform, user_id, person_ids)
    return pick(found, preferred_network)


async def _refuse_if_linked_elsewhere(session: AsyncSession, platform: str, user_id: str,
                                      person_ids: list[int]) -> bool:
    """True (and a warning) when any of these people is linked to another account of the platform."""
    others = (await session.execute(
        select(PlatformIdentity.person_id, PlatformIdentity.external_id)
        .where(PlatformIdentity.person_id.in_(person_ids), PlatformIdentity.platform == platform,
               PlatformIdentity.external_id != user_id)
    )).all()
    if not others:
        return False
    log.warning(
        "%s user %s reports the e-mail of a person already linked to another %s account (%s); not matched",
        platform, user_id, platform, ", ".join(f"person {p} is {ext}" for p, ext in others),
    )
    return True


async def by_email(session: AsyncSession, email: str, preferred_network: str | None = None) -> Identity | None:
    rows = await session.execute(
        select(Person.network_id, Person.id).where(func.lower(Person.email) == email.strip().lower())
    )
    return pick((Identity(network_id, person_id) for network_id, person_id in rows), preferred_network)


async def platform_id(session: AsyncSession, person_id: int, platform: Platform) -> str | None:
    """The person's user id on the platform (None when not linked)."""
    return await session.scalar(
        select(PlatformIdentity.external_id)
        .where(PlatformIdentity.person_id == person_id, PlatformIdentity.platform == platform)
    )


async def platform_ids(session: AsyncSession, network_id: str, platform: Platform) -> dict[int, str]:
    """person id -> user id on the platform, for every linked person of a network."""
    rows = await session.execute(
        select(PlatformIdentity.person_id, PlatformIdentity.external_id)
        .where(PlatformIdentity.network_id == network_id, PlatformIdentity.platform == platform)
    )
    return {person_id: external_id for person_id, external_id in rows}


async def link(
    session: AsyncSession,
    person_id: int,
    platform: Platform,
    user_id: str,
    *,
    tenant: str | None = None,
    email: str | None = None,
    now: datetime | None = None,
) -> bool:
    """Link a person who has no account on the platform yet to `user_id` (not committed). Nothing is
    changed when the person has another account, or another person of the network has this one.
    True when the person is linked to `user_id` afterwards. `email` is the e-mail the match was made
    by (None when the link comes from the network file)."""
    network_id = await session.scalar(select(Person.network_id).where(Person.id == person_id))
    if network_id is None:
        return False
    values = {"person_id": person_id, "network_id": network_id, "platform": platform, "external_id": user_id,
              "tenant": tenant, "email": email, "created_at": now or datetime.now(UTC)}
    await session.execute(_insert(session)(PlatformIdentity).values(values).on_conflict_do_nothing())
    return await platform_id(session, person_id, platform) == user_id


async def recall_address(session: AsyncSession, platform: str, user_id: str) -> dict[str, Any] | None:
    """Where the platform user is reached directly, if remembered."""
    return await session.scalar(
        select(Address.address).where(Address.platform == platform, Address.user_id == user_id)
    )


async def remember_address(session: AsyncSession, platform: str, user_id: str, address: dict[str, Any],
                           now: datetime) -> None:
    """Remember (or replace) where the platform user is reached directly (not committed)."""
    stmt = _insert(session)(Address).values(platform=platform, user_id=user_id, address=address, updated_at=now)
    stmt = stmt.on_conflict_do_update(index_elements=["platform", "user_id"],
                                      set_={"address": address, "updated_at": now})
    await session.execute(stmt)


async def forget_address(session: AsyncSession, platform: str, user_id: str) -> None:
    """Forget the platform user's address, e.g. a DM channel Slack no longer knows (not committed)."""
    await session.execute(delete(Address).where(Address.platform == platform, Address.user_id == user_id))


async def names_by_platform_id(
    session: AsyncSession, platform: Platform, user_ids: list[str], preferred_network: str | None = None
) -> dict[str, str]:
    """The names of the people linked to these platform users (a Slack mention → "Kari Nordmann")."""
    rows = await session.execute(
        select(PlatformIdentity.external_id, Person.network_id, Person.id, Person.name)
        .join(Person, Person.id == PlatformIdentity.person_id)
        .where(PlatformIdentity.platform == platform, PlatformIdentity.external_id.in_(user_ids))
    )
    candidates: dict[str, dict[Identity, str]] = {}
    for user_id, network_id, person_id, name in rows:
        candidates.setdefault(user_id, {})[Identity(network_id, person_id)] = name
    found: dict[str, str] = {}
    for user_id, people in candidates.items():
        chosen = pick(people, preferred_network)
        if chosen is not None:
            found[user_id] = people[chosen]
    return found
