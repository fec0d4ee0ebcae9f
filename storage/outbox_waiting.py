"""Outbox rows that wait for their person rather than for a retry: the bot's app is not installed yet.

A sender that cannot reach a person until they install the bot's app (Teams) gives the row back with a
reason starting with `WAITING_FOR_APP`; `waiting_for_app` lists who must install it (`digibot outbox list`,
the secretariat's App Home), and `wake` makes their rows due again the moment the app is installed.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.db import affected
from storage.models_notify import OutboxMessage
from storage.outbox import WAITING_FOR_APP


async def wake(session: AsyncSession, person_ids: Sequence[int], channel: str, now: datetime) -> int:
    """Pending rows of these people in `channel` that wait for a later try are due again now (their app has
    just been installed). Caller commits."""
    if not person_ids:
        return 0
    stmt = (
        update(OutboxMessage)
        .where(OutboxMessage.person_id.in_(list(person_ids)), OutboxMessage.channel == channel,
               OutboxMessage.status == "pending", OutboxMessage.not_before > now)
        .values(not_before=None)
        .execution_options(synchronize_session=False)
    )
    return affected(await session.execute(stmt))


async def waiting_for_app(session: AsyncSession, network_id: str | None = None) -> list[tuple[str, str, int]]:
    """Who must install the bot's app before their messages can go: (recipient, channel, rows waiting)."""
    stmt = (
        select(OutboxMessage.recipient, OutboxMessage.channel, func.count())
        .where(OutboxMessage.status == "pending", OutboxMessage.last_error.startswith(WAITING_FOR_APP))
        .group_by(OutboxMessage.recipient, OutboxMessage.channel)
        .order_by(OutboxMessage.recipient)
    )
    if network_id is not None:
        stmt = stmt.where(OutboxMessage.network_id == network_id)
    return [(recipient, channel, int(n)) for recipient, channel, n in (await session.execute(stmt)).all()]


async def waiting_rooms(session: AsyncSession, prefix: str,
                        network_id: str | None = None) -> list[tuple[str, str, int]]:
    """Rooms whose rows wait for something (`prefix`, e.g. the webhook sender's "waiting for the webhook
    URL"): (room, the reason, rows waiting)."""
    stmt = (
        select(OutboxMessage.recipient, func.max(OutboxMessage.last_error), func.count())
        .where(OutboxMessage.status == "pending", OutboxMessage.person_id.is_(None),
               OutboxMessage.last_error.startswith(prefix))
        .group_by(OutboxMessage.recipient)
        .order_by(OutboxMessage.recipient)
    )
    if network_id is not None:
        stmt = stmt.where(OutboxMessage.network_id == network_id)
    return [(room, str(reason), int(n)) for room, reason, n in (await session.execute(stmt)).all()]
