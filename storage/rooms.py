"""Reading rooms (storage/models_rooms.py): what planners need to choose rooms, and what a sender needs to
reach one. `RoomInfo` carries no URL; only `room_target` (for the webhook channel) does."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models_rooms import Room


@dataclass(frozen=True)
class RoomInfo:
    key: str
    kind: str  # slack_webhook | teams_workflow
    groups: tuple[str, ...]  # group keys; empty: the whole network
    kinds: tuple[str, ...]  # outbox kinds it receives
    language: str | None


@dataclass(frozen=True)
class RoomTarget:
    """Where a room's messages go: its webhook's kind, and the environment variable or URL of the file."""

    kind: str
    url_env: str | None
    url: str | None

    def __repr__(self) -> str:  # never print a URL by accident
        return f"RoomTarget(kind={self.kind!r}, url_env={self.url_env!r}, url={'<set>' if self.url else None})"


async def load_rooms(session: AsyncSession, network_id: str) -> list[RoomInfo]:
    rows = await session.execute(
        select(Room.key, Room.kind, Room.groups, Room.kinds, Room.language)
        .where(Room.network_id == network_id).order_by(Room.key)
    )
    return [RoomInfo(key, kind, tuple(groups or ()), tuple(kinds or ()), language)
            for key, kind, groups, kinds, language in rows]


async def room_target(session: AsyncSession, network_id: str, key: str) -> RoomTarget | None:
    row = (await session.execute(
        select(Room.kind, Room.url_env, Room.url).where(Room.network_id == network_id, Room.key == key)
    )).first()
    return RoomTarget(row[0], row[1], row[2]) if row is not None else None
