"""Secret calendar-feed tokens: the `<token>` in /calendar/<token>.ics, one live token per person.

A token is `secrets.token_urlsafe(32)`: 256 random bits, 43 URL-safe characters. Knowing the URL is
the only credential a calendar client has, so a token can be revoked, after which it answers like a
token that never existed, and the person gets a fresh one when they ask again.
"""

from __future__ import annotations

import re
import secrets
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.db import affected
from storage.models import Person
from storage.models_notify import CalendarToken

TOKEN_BYTES = 32
# token_urlsafe(32) is base64url without padding: ceil(32 * 4 / 3) = 43 characters.
TOKEN_PATTERN = re.compile(r"[A-Za-z0-9_-]{43}")


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def well_formed(token: str) -> bool:
    """Whether `token` could be one we issued (cheap check before touching the database)."""
    return TOKEN_PATTERN.fullmatch(token) is not None


async def active_token(session: AsyncSession, person_id: int) -> str | None:
    """The person's oldest live token, if any."""
    return await session.scalar(
        select(CalendarToken.token)
        .where(CalendarToken.person_id == person_id, CalendarToken.revoked_at.is_(None))
        .order_by(CalendarToken.created_at, CalendarToken.token)
        .limit(1)
    )


async def issue_token(session: AsyncSession, person_id: int, now: datetime) -> str:
    """The person's live token, or a new one (committed) when they have none.

    Two simultaneous first calls may each create a token; both work, later calls return the
    older one, and revoking by person revokes both.
    """
    existing = await active_token(session, person_id)
    if existing is not None:
        return existing
    token = new_token()
    session.add(CalendarToken(token=token, person_id=person_id, created_at=now, revoked_at=None))
    await session.commit()
    return token


async def revoke(session: AsyncSession, token_or_person_id: str | int, now: datetime) -> int:
    """Revoke one token (a str) or every live token of a person (an int); commits.

    Returns how many tokens were revoked (0 when it was unknown or revoked already).
    """
    stmt = update(CalendarToken).where(CalendarToken.revoked_at.is_(None)).values(revoked_at=now)
    if isinstance(token_or_person_id, bool):  # bool is an int; never a person id
        raise TypeError("revoke() takes a token or a person id")
    if isinstance(token_or_person_id, int):
        stmt = stmt.where(CalendarToken.person_id == token_or_person_id)
    else:
        if not well_formed(token_or_person_id):
            return 0
        stmt = stmt.where(CalendarToken.token == token_or_person_id)
    result = await session.execute(stmt.execution_options(synchronize_session=False))
    await session.commit()
    return affected(result)


async def person_for_token(session: AsyncSession, token: str) -> tuple[str, int] | None:
    """(network id, person id) for a live token; None for a revoked, unknown or malformed one."""
    if not well_formed(token):
        return None
    row = (
        await session.execute(
            select(Person.network_id, Person.id)
            .join(CalendarToken, CalendarToken.person_id == Person.id)
            .where(CalendarToken.token == token, CalendarToken.revoked_at.is_(None))
        )
    ).first()
    if row is None:
        return None
    return str(row[0]), int(row[1])
