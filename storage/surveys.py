"""Survey responses in the database: start, answer, submit, open, close, unlink (storage/models_surveys.py).

Every function writes in the caller's session and transaction and never commits: an answer and the
conversation's move are committed together. Answers are one row per question; the last write per question
wins, and every write raises the response's `version`, so a colleague answering the same organization's
response at the same moment loses nothing and can be told that something changed.

Nothing here knows about languages, channels or the audience: handlers/surveys decides who may answer.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import and_, bindparam, delete, func, insert, literal_column, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from storage.db import affected
from storage.models import Survey
from storage.models_surveys import SurveyAnswer, SurveyResponse, SurveyTurnout
from storage.prepared import Prepared, short_writes

SurveyState = Literal["scheduled", "open", "closed"]


def respondent_key(organization_id: int | None, person_id: int | None, per_person: bool) -> str:
    """The respondent a person answers for: their organization ("org:7"), or themselves ("person:12")."""
    if per_person or organization_id is None:
        if person_id is None:
            raise ValueError("a respondent needs a person or an organization")
        return f"person:{person_id}"
    return f"org:{organization_id}"


def survey_state(survey: Survey, now: datetime) -> SurveyState:
    """Closed once closed or past its deadline; open once opened by hand or once `opens` has passed (even
    before a planning tick marked it opened and sent the invitations); else scheduled."""
    return state_of(survey.opens, survey.opened_at, survey.closed_at, survey.deadline, now)


def state_of(opens: datetime | None, opened_at: datetime | None, closed_at: datetime | None,
             deadline: datetime | None, now: datetime) -> SurveyState:
    if (closed_at is not None and closed_at <= now) or (deadline is not None and now > deadline):
        return "closed"
    if opened_at is not None or (opens is not None and now >= opens):
        return "open"
    return "scheduled"


@dataclass(frozen=True)
class StoredAnswer:
    value: Any
    by: int | None  # person id; None once unlinked or when the person was removed
    at: datetime | None


@dataclass(frozen=True)
class StoredResponse:
    id: int
    survey_id: int
    respondent: str | None
    organization_id: int | None
    person_id: int | None
    version: int
    submitted_at: datetime | None
    submitted_by: int | None
    answers: dict[str, StoredAnswer] = field(default_factory=dict)

    @property
    def submitted(self) -> bool:
        return self.submitted_at is not None


def _dialect_insert(session: AsyncSession) -> Any:
    return pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert


async def _answers(session: AsyncSession, response_ids: list[int]) -> dict[int, dict[str, StoredAnswer]]:
    out: dict[int, dict[str, StoredAnswer]] = {i: {} for i in response_ids}
    if not response_ids:
        return out
    rows = await session.execute(
        select(SurveyAnswer.response_id, SurveyAnswer.question_key, SurveyAnswer.value, SurveyAnswer.answered_by,
               SurveyAnswer.answered_at).where(SurveyAnswer.response_id.in_(response_ids)))
    for response_id, key, value, by, at in rows:
        out[response_id][key] = StoredAnswer(value, by, at)
    return out


def _stored(row: SurveyResponse, answers: dict[str, StoredAnswer]) -> StoredResponse:
    return StoredResponse(row.id, row.survey_id, row.respondent, row.organization_id, row.person_id, row.version,
                          row.submitted_at, row.submitted_by, answers)


# A response and its answers in one statement (a LEFT JOIN: one row per answer, or one row without): every
# step of a conversation reads them, while its flow row is held, so each round trip saved is lock time saved.
_RESPONSE = (SurveyResponse.id, SurveyResponse.survey_id, SurveyResponse.respondent, SurveyResponse.organization_id,
             SurveyResponse.person_id, SurveyResponse.version, SurveyResponse.submitted_at,
             SurveyResponse.submitted_by)
_ANSWER = (SurveyAnswer.question_key, SurveyAnswer.value, SurveyAnswer.answered_by, SurveyAnswer.answered_at)


def _joined(rows: list[Any]) -> StoredResponse | None:
    """The response in rows ending with the `_RESPONSE` and `_ANSWER` columns, or None when they have none."""
    width = len(_RESPONSE) + len(_ANSWER)
    parts = [tuple(row)[-width:] for row in rows]
    if not parts or parts[0][0] is None:
        return None
    answers = {key: StoredAnswer(value, by, at) for *_, key, value, by, at in parts if key is not None}
    rid, survey_id, respondent, organization_id, person_id, version, submitted_at, submitted_by = parts[0][:8]
    return StoredResponse(rid, survey_id, respondent, organization_id, person_id, version, submitted_at,
                          submitted_by, answers)


async def find_response(session: AsyncSession, survey_id: int, respondent: str) -> StoredResponse | None:
    """The respondent's response with its answers, or None when they have not started."""
    rows = await session.execute(
        select(*_RESPONSE, *_ANSWER).select_from(SurveyResponse)
        .outerjoin(SurveyAnswer, SurveyAnswer.response_id == SurveyResponse.id)
        .where(SurveyResponse.survey_id == survey_id, SurveyResponse.respondent == respondent))
    return _joined(list(rows))


@dataclass(frozen=True)
class SurveyTimes:
    """When a survey was opened or closed by hand, and its deadline, as the database holds them now."""

    opened_at: datetime | None
    closed_at: datetime | None
    deadline: datetime | None


# Every step of a survey conversation reads this: built and compiled once, and on SQLite run on the session's
# connection directly (storage/prepared.py).
_SURVEY_AND_RESPONSE = Prepared(
    select(Survey.opened_at, Survey.closed_at, Survey.deadline, *_RESPONSE, *_ANSWER).select_from(Survey)
    .outerjoin(SurveyResponse, and_(SurveyResponse.survey_id == Survey.id,
                                    SurveyResponse.respondent == bindparam("respondent")))
    .outerjoin(SurveyAnswer, SurveyAnswer.response_id == SurveyResponse.id)
    .where(Survey.id == bindparam("survey")), convert=True)


async def survey_and_response(session: AsyncSession, survey_id: int,
                              respondent: str) -> tuple[SurveyTimes, StoredResponse | None] | None:
    """The survey's times and the respondent's response (None when not started), in one statement; None when
    the survey is gone."""
    rows = await _SURVEY_AND_RESPONSE.rows(await session.connection(), {"survey": survey_id,
                                                                       "respondent": respondent})
    if not rows:
        return None
    return SurveyTimes(*rows[0][:3]), _joined(rows)


async def start_response(session: AsyncSession, survey_id: int, respondent: str, *, organization_id: int | None,
                         person_id: int | None, now: datetime) -> StoredResponse:
    """The respondent's response, created empty if they have none (two colleagues starting at the same moment
    get the same one)."""
    stmt = (_dialect_insert(session)(SurveyResponse)
            .values(survey_id=survey_id, respondent=respondent, organization_id=organization_id, person_id=person_id,
                    version=1, started_at=now, updated_at=now)
            .on_conflict_do_nothing(index_elements=["survey_id", "respondent"]))
    await session.execute(stmt)
    found = await find_response(session, survey_id, respondent)
    if found is None:  # pragma: no cover - the row was inserted or already there
        raise RuntimeError(f"survey {survey_id}: response of {respondent} vanished")
    return found


async def save_answer(session: AsyncSession, response_id: int, question_key: str, value: Any, *, person_id: int,
                      now: datetime) -> int:
    """Store (or replace) one answer and return the response's new version. `value` None removes the answer
    (a skipped optional question). On PostgreSQL one statement (the answer's write in a CTE of the version's
    bump); on SQLite, which has no writing CTE, two, prepared (below)."""
    if session.get_bind().dialect.name == "sqlite":
        return await _save_on_sqlite(session, response_id, question_key, value, person_id=person_id, now=now)
    write: Any
    if value is None:
        write = delete(SurveyAnswer).where(SurveyAnswer.response_id == response_id,
                                           SurveyAnswer.question_key == question_key)
    else:
        write = _dialect_insert(session)(SurveyAnswer).values(
            response_id=response_id, question_key=question_key, value=value, answered_by=person_id, answered_at=now)
        # the new values themselves rather than `stmt.excluded`, whose alias SQLAlchemy builds anew each time
        write = write.on_conflict_do_update(index_elements=["response_id", "question_key"],
                                            set_={"value": value, "answered_by": person_id, "answered_at": now})
    bump = (update(SurveyResponse).where(SurveyResponse.id == response_id)
            .values(version=SurveyResponse.version + 1, updated_at=now).returning(SurveyResponse.version))
    # a data-modifying CTE runs to completion whether or not the outer statement reads it
    bump = bump.add_cte(write.returning(SurveyAnswer.response_id).cte("written"))
    return _version((await session.execute(bump)).scalar(), response_id)


def _version(version: Any, response_id: int) -> int:
    if version is None:
        raise LookupError(f"survey response {response_id} is gone")
    return int(version)


# SQLite has no writing CTE: there an answer is two statements, built and compiled once and run on the event
# loop's thread with the step's other writes (storage/prepared.py), the write lock held for their CPU time only.
_A = SurveyAnswer.__table__.c
_UPSERT = sqlite_insert(SurveyAnswer).values(
    {name: bindparam(f"new_{name}", type_=_A[name].type)
     for name in ("response_id", "question_key", "value", "answered_by", "answered_at")})
_SAVE = Prepared(_UPSERT.on_conflict_do_update(
    index_elements=["response_id", "question_key"],
    set_={"value": _UPSERT.excluded.value, "answered_by": _UPSERT.excluded.answered_by,
          "answered_at": _UPSERT.excluded.answered_at}))
_REMOVE = Prepared(delete(SurveyAnswer).where(SurveyAnswer.response_id == bindparam("new_response_id"),
                                              SurveyAnswer.question_key == bindparam("new_question_key")))
_BUMP = Prepared(update(SurveyResponse).where(SurveyResponse.id == bindparam("new_response_id"))
                 .values(version=SurveyResponse.version + literal_column("1"),
                         updated_at=bindparam("now", type_=SurveyResponse.__table__.c.updated_at.type))
                 .returning(SurveyResponse.version))


async def _save_on_sqlite(session: AsyncSession, response_id: int, question_key: str, value: Any, *,
                          person_id: int, now: datetime) -> int:
    await short_writes(session)
    connection = await session.connection()
    keys = {"new_response_id": response_id, "new_question_key": question_key}
    if value is None:
        await _REMOVE.touched(connection, keys)
    else:
        await _SAVE.touched(connection, {**keys, "new_value": value, "new_answered_by": person_id,
                                         "new_answered_at": now})
    rows = await _BUMP.rows(connection, {"new_response_id": response_id, "now": now})
    return _version(rows[0][0] if rows else None, response_id)


async def submit(session: AsyncSession, response: StoredResponse, *, person_id: int, now: datetime) -> None:
    """Mark the response submitted (the first submission's time is kept; a later change does not unsubmit)
    and record in the turnout who took part."""
    if response.respondent is None:
        raise ValueError("an unlinked response cannot be submitted")
    await session.execute(update(SurveyResponse)
                          .where(SurveyResponse.id == response.id, SurveyResponse.submitted_at.is_(None))
                          .values(submitted_at=now, submitted_by=person_id))
    stmt = (_dialect_insert(session)(SurveyTurnout)
            .values(survey_id=response.survey_id, respondent=response.respondent,
                    organization_id=response.organization_id, person_id=response.person_id, submitted_at=now)
            .on_conflict_do_nothing(index_elements=["survey_id", "respondent"]))
    await session.execute(stmt)


async def responses(session: AsyncSession, survey_id: int) -> list[StoredResponse]:
    """Every response of the survey with its answers (linked or not), oldest first."""
    rows = list(await session.scalars(select(SurveyResponse).where(SurveyResponse.survey_id == survey_id)
                                      .order_by(SurveyResponse.id).execution_options(populate_existing=True)))
    answers = await _answers(session, [r.id for r in rows])
    return [_stored(r, answers[r.id]) for r in rows]


@dataclass(frozen=True)
class Turnout:
    respondent: str
    organization_id: int | None
    person_id: int | None
    submitted_at: datetime


async def turnout(session: AsyncSession, survey_id: int) -> list[Turnout]:
    """Who submitted, and when: no content."""
    rows = await session.execute(select(SurveyTurnout.respondent, SurveyTurnout.organization_id,
                                        SurveyTurnout.person_id, SurveyTurnout.submitted_at)
                                 .where(SurveyTurnout.survey_id == survey_id).order_by(SurveyTurnout.respondent))
    return [Turnout(*row) for row in rows]


async def progress(session: AsyncSession, survey_id: int) -> dict[str, tuple[int, bool]]:
    """respondent -> (questions answered, submitted) for every linked response: status and reminders."""
    counts = (select(SurveyAnswer.response_id, func.count().label("n")).group_by(SurveyAnswer.response_id)
              .subquery())
    rows = await session.execute(
        select(SurveyResponse.respondent, func.coalesce(counts.c.n, 0), SurveyResponse.submitted_at)
        .outerjoin(counts, counts.c.response_id == SurveyResponse.id)
        .where(SurveyResponse.survey_id == survey_id, SurveyResponse.respondent.is_not(None)))
    return {respondent: (int(n), submitted_at is not None) for respondent, n, submitted_at in rows}


async def mark_opened(session: AsyncSession, survey_id: int, now: datetime) -> bool:
    """Open the survey; False when it was already opened (so its invitations are planned once)."""
    result = await session.execute(update(Survey).where(Survey.id == survey_id, Survey.opened_at.is_(None))
                                   .values(opened_at=now))
    return bool(affected(result))


async def mark_closed(session: AsyncSession, survey_id: int, now: datetime) -> bool:
    """Close the survey; False when it was already closed."""
    result = await session.execute(update(Survey).where(Survey.id == survey_id, Survey.closed_at.is_(None))
                                   .values(closed_at=now))
    return bool(affected(result))


async def unlink(session: AsyncSession, survey_id: int, rng: random.Random | None = None) -> int:
    """Remove every link between the survey's answers and who gave them (an anonymous survey at close).

    Responses never submitted are deleted (they count nowhere). The submitted ones are written anew, in a
    random order and without respondent, organization, person, answering person or any time, and the old
    rows deleted, so neither a column nor a row's id or position ties an answer to a municipality. The
    turnout (who submitted, no content) stays. Returns the number of responses kept."""
    kept = [r for r in await responses(session, survey_id) if r.submitted]
    await session.execute(delete(SurveyResponse).where(SurveyResponse.survey_id == survey_id))
    (rng or random.SystemRandom()).shuffle(kept)
    for response in kept:
        new_id = (await session.execute(
            insert(SurveyResponse).values(survey_id=survey_id, respondent=None, organization_id=None,
                                                     person_id=None, version=1)
            .returning(SurveyResponse.id))).scalar_one()
        if response.answers:
            await session.execute(insert(SurveyAnswer), [
                {"response_id": new_id, "question_key": key, "value": answer.value, "answered_by": None,
                 "answered_at": None}
                for key, answer in sorted(response.answers.items())
            ])
    return len(kept)
