"""What notifications need to know about a re-import: meetings that moved or were cancelled, projects
whose status changed.

A meeting's `sequence` (iCalendar SEQUENCE) goes up whenever its time or place changes, or it is
cancelled or reinstated; a meeting removed with --prune, or marked `cancelled: true`, is kept with
`cancelled_at` set, so planners can tell the invitees.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import insert, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage import models as m
from storage.models_notify import ProjectStatusChange

MEETING_PLACE_AND_TIME = ("start", "end", "location", "url")


def meetings_with_history(
    desired: dict[str, dict[str, Any]], stored: dict[str, dict[str, Any]], now: datetime
) -> dict[str, dict[str, Any]]:
    """The desired meeting rows with `sequence` and `cancelled_at` worked out from the stored ones."""
    result: dict[str, dict[str, Any]] = {}
    for key, row in desired.items():
        row = dict(row)
        cancel = bool(row.pop("cancelled", False))
        old = stored.get(key)
        if old is None:
            row.update(sequence=0, cancelled_at=now if cancel else None)
        else:
            was_cancelled = old["cancelled_at"] is not None
            moved = any(old[name] != row[name] for name in MEETING_PLACE_AND_TIME)
            if cancel:
                changed = not was_cancelled
                row["cancelled_at"] = now if changed else old["cancelled_at"]
            else:
                changed = was_cancelled or moved
                row["cancelled_at"] = None
            row["sequence"] = old["sequence"] + (1 if changed else 0)
        result[key] = row
    return result


async def cancel_meetings(session: AsyncSession, stored: dict[str, dict[str, Any]], keys: list[str],
                          now: datetime) -> list[str]:
    """Mark removed meetings cancelled (once); returns the keys that were not cancelled before."""
    fresh = [stored[k] for k in keys if stored[k]["cancelled_at"] is None]
    if fresh:
        await session.execute(
            update(m.Meeting),
            [{"id": row["id"], "cancelled_at": now, "sequence": row["sequence"] + 1} for row in fresh],
        )
    return [row["key"] for row in fresh]


async def record_status_changes(session: AsyncSession, network_id: str, desired: dict[str, dict[str, Any]],
                                stored: dict[str, dict[str, Any]], now: datetime) -> int:
    changes = [
        {"network_id": network_id, "project_id": stored[key]["id"], "old_status": stored[key]["status"],
         "new_status": row["status"], "changed_at": now}
        for key, row in desired.items()
        if key in stored and stored[key]["status"] != row["status"]
    ]
    if changes:
        await session.execute(insert(ProjectStatusChange), changes)
    return len(changes)
