"""Answers to calls for interest: read, record (one per organization, last answer wins), comment, and the
pending reminders that an answer makes pointless.

Every function writes in the caller's session and never commits: the pipeline commits the answer together
with the conversation's move (handlers/interest).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from storage.db import affected
from storage.models_interest import ANSWERS, InterestAnswer
from storage.models_notify import OutboxMessage

ANSWERED = "organization answered"  # status_text of a reminder cancelled because its organization answered


@dataclass(frozen=True)
class Answer:
    """An organization's answer as it stands: who gave it, when it was first given and last changed."""

    deadline_id: int
    organization_id: int
    answer: str  # yes | no | unsure
    comment: str | None
    person_id: int | None
    answered_at: datetime
    updated_at: datetime


def _answer(row: InterestAnswer) -> Answer:
    return Answer(row.deadline_id, row.organization_id, row.answer, row.comment, row.person_id, row.answered_at,
                  row.updated_at)


async def answer_of(session: AsyncSession, deadline_id: int, organization_id: int) -> Answer | None:
    row = await session.scalar(select(InterestAnswer).where(
        InterestAnswer.deadline_id == deadline_id, InterestAnswer.organization_id == organization_id,
    ).execution_options(populate_existing=True))
    return _answer(row) if row is not None else None


async def answers_to(session: AsyncSession, deadline_id: int) -> dict[int, Answer]:
    """Every organization's answer to one call, by organization id."""
    rows = await session.scalars(select(InterestAnswer).where(InterestAnswer.deadline_id == deadline_id)
                                 .execution_options(populate_existing=True))
    return {row.organization_id: _answer(row) for row in rows}


async def answered(session: AsyncSession, deadline_ids: Collection[int]) -> dict[int, set[int]]:
    """For each of the calls, the organizations that have answered (one query)."""
    found: dict[int, set[int]] = {deadline_id: set() for deadline_id in deadline_ids}
    if not found:
        return found
    rows = await session.execute(select(InterestAnswer.deadline_id, InterestAnswer.organization_id)
                                 .where(InterestAnswer.deadline_id.in_(list(found))))
    for deadline_id, organization_id in rows:
        found[deadline_id].add(organization_id)
    return found


async def record(session: AsyncSession, deadline_id: int, organization_id: int, person_id: int, answer: str,
                 now: datetime) -> None:
    """The organization's answer is now `answer`, given by `person_id` at `now`; a comment given with an
    earlier answer goes with it (the new answer gets its own, or none)."""
    if answer not in ANSWERS:
        raise ValueError(f"an interest answer is one of {ANSWERS}, not {answer!r}")
    insert: Any = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    stmt = insert(InterestAnswer).values(deadline_id=deadline_id, organization_id=organization_id, answer=answer,
                                         comment=None, person_id=person_id, answered_at=now, updated_at=now)
    stmt = stmt.on_conflict_do_update(index_elements=["deadline_id", "organization_id"],
                                      set_={"answer": answer, "comment": None, "person_id": person_id,
                                            "updated_at": now})
    await session.execute(stmt)


async def add_comment(session: AsyncSession, deadline_id: int, organization_id: int, person_id: int, answer: str,
                      comment: str, now: datetime) -> bool:
    """Attach `comment` to the answer `person_id` gave, if it still stands (True); False when a colleague has
    answered since, so the comment would land on an answer that is not theirs."""
    stmt = (update(InterestAnswer)
            .where(InterestAnswer.deadline_id == deadline_id, InterestAnswer.organization_id == organization_id,
                   InterestAnswer.person_id == person_id, InterestAnswer.answer == answer)
            .values(comment=comment, updated_at=now)
            .execution_options(synchronize_session=False))
    return bool(affected(await session.execute(stmt)))


async def cancel_reminders(session: AsyncSession, network_id: str, deadline_key: str,
                           person_ids: Collection[int]) -> int:
    """Cancel the reminders of the call not sent yet to `person_ids` (an organization that has answered)."""
    if not person_ids:
        return 0
    stmt = (update(OutboxMessage)
            .where(OutboxMessage.network_id == network_id, OutboxMessage.ref == f"deadline:{deadline_key}",
                   OutboxMessage.kind == "reminder", OutboxMessage.status == "pending",
                   OutboxMessage.person_id.in_(list(person_ids)))
            .values(status="cancelled", status_text=ANSWERED)
            .execution_options(synchronize_session=False))
    return affected(await session.execute(stmt))
