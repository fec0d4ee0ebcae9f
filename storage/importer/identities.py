"""People's chat ids from the file (`slack_user_id`, `teams_user_id`) into the `identities` table.

The file decides the ids it gives: a new or changed id replaces the person's stored one, and an id the
file gave before and no longer gives is removed. An id the bot linked itself (by the e-mail the platform
reported) is kept when the file gives none, and given up when the file gives that account to someone
else in the network.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Table, delete
from sqlalchemy.ext.asyncio import AsyncSession

from storage.importer.existing import Existing
from storage.importer.records import PLATFORM_FIELDS, NetworkFile
from storage.models_identity import PlatformIdentity

if TYPE_CHECKING:
    from storage.importer.apply import Tracker

CHUNK = 1000
IDENTITIES: Table = PlatformIdentity.metadata.tables[PlatformIdentity.__tablename__]


async def sync_identities(session: AsyncSession, file: NetworkFile, existing: Existing, person_ids: dict[str, int],
                          network_id: str, now: datetime, track: Tracker) -> None:
    """Make the stored identities of the file's people follow the file (not committed)."""
    stored = existing.identities
    claimed: dict[tuple[str, str], int] = {}  # (platform, account) -> person id, as the file has it
    for person in file.people:
        for attr, platform in PLATFORM_FIELDS:
            value = getattr(person, attr)
            if value is not None:
                claimed[(platform, value)] = person_ids[person.email]
    removed: set[int] = set()
    inserts: list[dict[str, Any]] = []
    for row in stored.values():  # accounts the file gives to someone else now
        owner = claimed.get((row["platform"], row["external_id"]))
        if owner is not None and owner != row["person_id"]:
            removed.add(row["id"])
    for person in file.people:
        person_id = person_ids[person.email]
        changed = False
        for attr, platform in PLATFORM_FIELDS:
            want, have = getattr(person, attr), stored.get((person_id, platform))
            if have is not None and have["id"] in removed:
                changed, have = True, None
            if have is not None and (have["external_id"] == want or (want is None and have["email"] is not None)):
                continue  # the same id, or one the bot linked that the file does not contradict
            if have is not None:
                removed.add(have["id"])
                changed = True
            if want is not None:
                inserts.append({"person_id": person_id, "network_id": network_id, "platform": platform,
                                "external_id": want, "tenant": None, "email": None, "created_at": now})
                changed = True
        if changed:
            track.updated("people", person.email)
    gone = sorted(removed)
    for start in range(0, len(gone), CHUNK):
        await session.execute(delete(PlatformIdentity).where(PlatformIdentity.id.in_(gone[start : start + CHUNK])))
    if inserts:
        # Core executemany: no ORM bulk-insert bookkeeping per row
        await session.execute(IDENTITIES.insert(), inserts)
