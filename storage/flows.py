"""Flow rows: load, start, hold, advance, finish, each a compare-and-set on the row's version.

Every function writes in the caller's session and transaction and never commits: the answer a step
stores and the step's move are committed together, or not at all. A move names the version it saw
(`UPDATE ... WHERE id = :id AND version = :seen`); when another transaction moved the row first, the
move changes nothing and returns `Lost`, never a silent overwrite. On PostgreSQL the second of two
concurrent moves waits for the first to commit and then finds the version changed.

`load` keeps what it read in `session.info` for the rest of the transaction, so a listener that asks
`find` about the same person afterwards costs no second query; every write here drops that copy.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from sqlalchemy import bindparam, delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.db import affected, dialect_insert
from storage.models_flows import FlowRow
from storage.prepared import Prepared, short_writes


@dataclass(frozen=True)
class FlowState:
    """A flow row as read: where the conversation stands and the version this reading saw."""

    id: int
    person_id: int
    flow: str
    subject: str
    step: str
    data: dict[str, Any]
    version: int
    paused: bool
    updated_at: datetime
    expires_at: datetime | None

    def live(self, now: datetime) -> bool:
        """Not expired at `now` (a flow expires after its `expires_at`, that moment included as live)."""
        return self.expires_at is None or now <= self.expires_at


@dataclass(frozen=True)
class Moved:
    """The move won: `state` is the row as written (None when the flow finished and the row is gone)."""

    state: FlowState | None


@dataclass(frozen=True)
class Lost:
    """Another transaction moved or finished the flow after `seen` was read; nothing was changed."""

    flow_id: int
    seen: int


Outcome = Moved | Lost

_CACHE = "storage.flows.person"  # session.info key: {person_id: [FlowState, ...]} read in this transaction


def _cache(session: AsyncSession) -> dict[int, list[FlowState]]:
    return cast(dict[int, list[FlowState]], session.info.setdefault(_CACHE, {}))


def _forget(session: AsyncSession, person_id: int) -> None:
    _cache(session).pop(person_id, None)


def none_stored(session: AsyncSession, person_id: int) -> None:
    """The caller has read, in this transaction, that the person has no flow row at all (storage/speaker.py):
    `load` and `find` answer from that for the rest of the transaction, without a SELECT."""
    _cache(session)[person_id] = []


# Built and compiled once, and on SQLite run on the session's connection directly (storage/prepared.py): every
# message of a person with a conversation reads their rows, every button press its row.
_C = FlowRow.__table__.c
_ROW = (_C.id, _C.person_id, _C.flow, _C.subject, _C.step, _C.data, _C.version, _C.paused, _C.updated_at,
        _C.expires_at)
_OF_PERSON = Prepared(select(*_ROW).where(_C.person_id == bindparam("person"))
                      .order_by(_C.updated_at.desc(), _C.id.desc()), convert=True)
_BY_ID = Prepared(select(*_ROW).where(_C.id == bindparam("row")), convert=True)


def _state_of(row: tuple[Any, ...]) -> FlowState:
    flow_id, person_id, flow, subject, step, data, version, paused, updated_at, expires_at = row
    return FlowState(flow_id, person_id, flow, subject, step, dict(data), version, bool(paused), updated_at,
                     expires_at)


async def _all_of(session: AsyncSession, person_id: int) -> list[FlowState]:
    cached = _cache(session).get(person_id)
    if cached is not None:
        return cached
    states = [_state_of(row) for row in await _OF_PERSON.rows(await session.connection(), {"person": person_id})]
    _cache(session)[person_id] = states
    return states


async def load(session: AsyncSession, person_id: int, now: datetime) -> list[FlowState]:
    """The person's flows in flight (live and not paused), the most recently moved first."""
    return [s for s in await _all_of(session, person_id) if s.live(now) and not s.paused]


async def find(session: AsyncSession, person_id: int, flow: str, subject: str = "") -> FlowState | None:
    """The person's row of `flow` about `subject`, whatever its state (paused and expired included)."""
    return next((s for s in await _all_of(session, person_id) if s.flow == flow and s.subject == subject), None)


async def get(session: AsyncSession, flow_id: int) -> FlowState | None:
    rows = await _BY_ID.rows(await session.connection(), {"row": flow_id})
    return _state_of(rows[0]) if rows else None


async def start(session: AsyncSession, person_id: int, flow: str, subject: str, step: str, data: dict[str, Any],
                now: datetime, expires_at: datetime | None) -> Outcome:
    """Put the person's `flow` about `subject` at `step` with `data`: a new row (version 1), or the existing
    one (finished or not, paused or not) moved there with its version raised, so its old buttons go stale."""
    existing = await find(session, person_id, flow, subject)
    if existing is not None:
        return await advance(session, existing, step=step, data=data, now=now, expires_at=expires_at)
    _forget(session, person_id)
    await short_writes(session)
    insert = dialect_insert(session)
    stmt = (insert(FlowRow)
            .values(person_id=person_id, flow=flow, subject=subject, step=step, data=data, version=1, paused=False,
                    updated_at=now, expires_at=expires_at)
            .on_conflict_do_nothing(index_elements=["person_id", "flow", "subject"])
            .returning(FlowRow.id))
    new_id = (await session.execute(stmt)).scalar()
    if new_id is None:  # another transaction inserted the same flow first
        return Lost(0, 0)
    return Moved(FlowState(new_id, person_id, flow, subject, step, dict(data), 1, False, now, expires_at))


async def hold(session: AsyncSession, seen: FlowState) -> bool:
    """Lock the row for this transaction if it is still at `seen.version` (True), so that the step that
    runs next is the only one moving it; False when another transaction moved or finished it first."""
    await short_writes(session)
    stmt = update(FlowRow).where(FlowRow.id == seen.id, FlowRow.version == seen.version).values(version=FlowRow.version)
    return bool(affected(await session.execute(stmt)))


# Built and compiled once: every answer in a conversation moves its flow with it (storage/prepared.py).
_ADVANCE = Prepared(
    update(FlowRow).where(FlowRow.id == bindparam("row"), FlowRow.version == bindparam("seen"))
    .values({name: bindparam(f"to_{name}", type_=_C[name].type)
             for name in ("step", "data", "version", "paused", "updated_at", "expires_at")}))


async def advance(session: AsyncSession, seen: FlowState, *, step: str, data: dict[str, Any], now: datetime,
                  expires_at: datetime | None, paused: bool = False) -> Outcome:
    """Move the flow from the version `seen` to `step` with `data` (compare-and-set on the version)."""
    _forget(session, seen.person_id)
    await short_writes(session)
    params = {"row": seen.id, "seen": seen.version, "to_step": step, "to_data": data, "to_version": seen.version + 1,
              "to_paused": paused, "to_updated_at": now, "to_expires_at": expires_at}
    if not await _ADVANCE.touched(await session.connection(), params):
        return Lost(seen.id, seen.version)
    return Moved(FlowState(seen.id, seen.person_id, seen.flow, seen.subject, step, dict(data), seen.version + 1,
                           paused, now, expires_at))


async def finish(session: AsyncSession, seen: FlowState) -> Outcome:
    """End the flow (its row is deleted) if it is still at the version `seen`."""
    _forget(session, seen.person_id)
    await short_writes(session)
    stmt = delete(FlowRow).where(FlowRow.id == seen.id, FlowRow.version == seen.version)
    if not affected(await session.execute(stmt)):
        return Lost(seen.id, seen.version)
    return Moved(None)


async def forget_expired(session: AsyncSession, now: datetime) -> int:
    """Delete every row whose flow expired before `now` (a housekeeping sweep; reading ignores them anyway)."""
    _cache(session).clear()
    stmt = delete(FlowRow).where(FlowRow.expires_at.is_not(None), FlowRow.expires_at < now)
    return affected(await session.execute(stmt))
