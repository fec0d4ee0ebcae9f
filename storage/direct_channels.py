"""Remembered direct-message channels per platform user (each call commits)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models_notify import DirectChannel


async def recall(session: AsyncSession, platform: str, user_id: str) -> str | None:
    return await session.scalar(
        select(DirectChannel.channel_id).where(DirectChannel.platform == platform, DirectChannel.user_id == user_id)
    )


async def remember(session: AsyncSession, platform: str, user_id: str, channel_id: str, now: datetime) -> None:
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    stmt = insert(DirectChannel).values(platform=platform, user_id=user_id, channel_id=channel_id, updated_at=now)
    stmt = stmt.on_conflict_do_update(
        index_elements=["platform", "user_id"], set_={"channel_id": channel_id, "updated_at": now}
    )
    await session.execute(stmt)
    await session.commit()


async def forget_channel(session: AsyncSession, platform: str, channel_id: str) -> None:
    await session.execute(
        delete(DirectChannel).where(DirectChannel.platform == platform, DirectChannel.channel_id == channel_id)
    )
    await session.commit()
