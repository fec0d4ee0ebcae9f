"""The e-mail channel's records: one-click links used once, and unsubscriptions from digests.

    await use_link(session, nonce, person_id, purpose, now, expires)   # False: used before
    await opt_out_of_digests(session, network_id, person_id, now)      # the person gets no more digests
    await opted_out(session, network_id)                               # e-mails (lower case) who did

An unsubscription is kept by e-mail, so the next import of the network file does not undo it (the digest
planner takes those digests as done), and the person's digests still waiting in the outbox are cancelled.
None of these commit.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Person
from storage.models_email import DigestOptOut, UsedLink
from storage.models_notify import OutboxMessage

DIGEST = "digest"  # the outbox kind


async def use_link(session: AsyncSession, nonce: str, person_id: int, purpose: str, now: datetime,
                   expires: datetime) -> bool:
    """Mark a link used; False when it was used before (by anyone, in any process)."""
    try:
        async with session.begin_nested():
            session.add(UsedLink(nonce=nonce, person_id=person_id, purpose=purpose, used_at=now, expires_at=expires))
    except IntegrityError:
        return False
    return True


async def was_used(session: AsyncSession, nonce: str) -> bool:
    return await session.get(UsedLink, nonce) is not None


async def unuse_link(session: AsyncSession, nonce: str) -> None:
    """Give a link back (what it was to do did not happen)."""
    await session.execute(delete(UsedLink).where(UsedLink.nonce == nonce))


async def forget_dead_links(session: AsyncSession, now: datetime) -> int:
    """Drop used links past their expiry: a token that old is refused as expired anyway."""
    result = await session.execute(delete(UsedLink).where(UsedLink.expires_at < now))
    return int(getattr(result, "rowcount", 0) or 0)


async def opt_out_of_digests(session: AsyncSession, network_id: str, person_id: int, now: datetime) -> str | None:
    """The person gets no more digests (their waiting ones are cancelled); returns their e-mail (None: no
    such person). Doing it twice changes nothing."""
    email = await session.scalar(select(Person.email).where(Person.id == person_id,
                                                            Person.network_id == network_id))
    if email is None:
        return None
    key = email.lower()
    known = await session.scalar(select(DigestOptOut.email).where(DigestOptOut.network_id == network_id,
                                                                   DigestOptOut.email == key))
    if known is None:
        session.add(DigestOptOut(network_id=network_id, email=key, opted_out_at=now))
    await session.execute(
        update(OutboxMessage).where(OutboxMessage.network_id == network_id, OutboxMessage.person_id == person_id,
                                    OutboxMessage.kind == DIGEST, OutboxMessage.status == "pending")
        .values(status="cancelled", status_text="unsubscribed").execution_options(synchronize_session=False))
    return email


async def opted_out(session: AsyncSession, network_id: str) -> set[str]:
    rows = await session.scalars(select(DigestOptOut.email).where(DigestOptOut.network_id == network_id))
    return set(rows)
