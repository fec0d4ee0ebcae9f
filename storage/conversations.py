"""Conversation state per person and topic: read, replace, forget (the caller commits)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import ConversationState


async def recall(session: AsyncSession, person_id: int, topic: str) -> tuple[dict[str, Any], datetime] | None:
    row = await session.scalar(
        select(ConversationState).where(ConversationState.person_id == person_id, ConversationState.topic == topic)
    )
    return (dict(row.data), row.updated_at) if row is not None else None


async def remember(session: AsyncSession, person_id: int, topic: str, data: dict[str, Any], now: datetime) -> None:
    await forget(session, person_id, topic)
    session.add(ConversationState(person_id=person_id, topic=topic, data=data, updated_at=now))
    await session.flush()


async def forget(session: AsyncSession, person_id: int, topic: str) -> None:
    await session.execute(
        delete(ConversationState).where(ConversationState.person_id == person_id, ConversationState.topic == topic)
    )
