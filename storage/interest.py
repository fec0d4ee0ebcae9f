"""Answers to calls for interest: read, record (one per organization, last answer wins), comment; who has been
called (the outbox's `interest_call` rows), and the pending calls and reminders that an answer makes pointless.

Every function writes in the caller's session and never commits: the pipeline commits the answer together
with the conversation's move (handlers/interest).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import and_, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from storage.db import affected
from storage.models_interest import ANSWERS, InterestAnswer
from storage.models_notify import OutboxMessage

ANSWERED = "organization answered"  # status_text of a call or reminder cancelled because its organization answered
CALL = "interest_call"  # the outbox kind of the call itself (handlers/notify/plan_calls.py)
REMINDER = "reminder"
LIVE = ("pending", "sending", "sent")


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


@dataclass
class Reached:
    """Whom the outbox says calls (by deadline key) have reached: `called` maps a person to the time their call
    was planned for (whatever became of it: a cancelled or failed call is not planned again); `reminded` holds
    the people reminded before calls were sent on their own (their first reminder was their call). Facts only
    ever get added: the outbox never forgets a row."""

    called: dict[str, dict[int, datetime]] = field(default_factory=dict)
    reminded: dict[str, set[int]] = field(default_factory=dict)

    def knows(self, deadline_key: str, person_id: int) -> bool:
        return person_id in self.called.get(deadline_key, {}) or person_id in self.reminded.get(deadline_key, ())


FEW = 500  # up to this many people asked about, the query names them; more, and it reads the calls' rows


async def reached(session: AsyncSession, network_id: str, wanted: Mapping[str, Collection[int]],
                  into: Reached) -> None:
    """Add to `into` what the outbox says of the people in `wanted` (deadline key -> person ids): one query on
    the outbox's `ref` index."""
    refs = {f"deadline:{key}": key for key, people in wanted.items() if people}
    if not refs:
        return
    people = {person_id for key in refs.values() for person_id in wanted[key]}
    query = (select(OutboxMessage.ref, OutboxMessage.kind, OutboxMessage.person_id, OutboxMessage.due_at)
             .where(OutboxMessage.network_id == network_id, OutboxMessage.ref.in_(list(refs)),
                    OutboxMessage.person_id.is_not(None),
                    or_(OutboxMessage.kind == CALL,
                        and_(OutboxMessage.kind == REMINDER, OutboxMessage.status.in_(LIVE)))))
    if len(people) <= FEW:
        query = query.where(OutboxMessage.person_id.in_(sorted(people)))
    for ref, kind, person_id, due_at in await session.execute(query):
        key = refs.get(ref or "")
        if key is None or person_id is None:
            continue
        if kind == REMINDER:
            into.reminded.setdefault(key, set()).add(person_id)
            continue
        called = into.called.setdefault(key, {})
        first = called.get(person_id)
        called[person_id] = due_at if first is None else min(first, due_at)


async def cancel_reminders(session: AsyncSession, network_id: str, deadline_key: str,
                           person_ids: Collection[int]) -> int:
    """Cancel the call and the reminders not sent yet to `person_ids` (an organization that has answered)."""
    if not person_ids:
        return 0
    stmt = (update(OutboxMessage)
            .where(OutboxMessage.network_id == network_id, OutboxMessage.ref == f"deadline:{deadline_key}",
                   OutboxMessage.kind.in_((CALL, REMINDER)), OutboxMessage.status == "pending",
                   OutboxMessage.person_id.in_(list(person_ids)))
            .values(status="cancelled", status_text=ANSWERED)
            .execution_options(synchronize_session=False))
    return affected(await session.execute(stmt))
