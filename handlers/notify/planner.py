"""Planning runs: load what the pure planners need in a few bulk queries, plan, then enqueue or show.

    await plan_due(session, network_id, now)             # a tick: enqueue what is due, commit
    await plan_all_networks(sessions, now)               # the same for every network
    await preview(session, network_id, start, end, now)  # `digibot plan`: what would be sent; writes nothing

A tick plans everything whose send time lies in (now - catch_up, now]: the outbox's idempotency keys make
a double tick, a restart or a second replica harmless, and the catch-up covers a bot that was down.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import datetime, timedelta
from typing import Any, TypeVar

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from handlers.notify.content import INTEREST_CALL, invite_filename, language, message_from_facts
from handlers.notify.facts import told_in
from handlers.notify.plan_calls import load_calls, plan_calls
from handlers.notify.plan_deadlines import interest_deadlines, plan_deadlines
from handlers.notify.plan_digests import (
    AnnouncementInfo,
    StatusChangeInfo,
    digest_keys,
    plan_digests,
    since_for,
)
from handlers.notify.plan_meetings import History, plan_meetings
from handlers.notify.plan_rooms import plan_rooms
from handlers.notify.working_hours import Window
from handlers.surveys.lifecycle import survey_tick
from handlers.surveys.plan_surveys import answered_people, load_survey_plans, plan_surveys
from messages.codec import message_from_dict, message_to_dict
from storage.email_links import opted_out
from storage.interest import answered
from storage.models import Network, Person
from storage.models_notify import Announcement, OutboxMessage, ProjectStatusChange
from storage.outbox import Planned, enqueue
from storage.snapshot import NetworkSnapshot, SnapshotCache, load_snapshot

log = logging.getLogger("digibot.planner")
T = TypeVar("T")

CATCH_UP = timedelta(hours=24)
LIVE = ("pending", "sending", "sent")  # outbox rows that were or will be delivered
CHUNK = 500


@dataclass(frozen=True)
class Previewed(Planned):
    """A row of `digibot plan`: `planned` (not in the outbox yet), or the outbox row's status."""

    status: str = "planned"


def _chunks(items: Sequence[T]) -> list[Sequence[T]]:
    return [items[i:i + CHUNK] for i in range(0, len(items), CHUNK)]


async def _done_keys(session: AsyncSession, network_id: str, window: Window) -> set[str]:
    """Keys of the outbox rows due in `window`: the reminders, notices and digests planned there already (not
    the calls for interest, whose planner asks by person: handlers/notify/plan_calls.py)."""
    return set(await session.scalars(
        select(OutboxMessage.key).where(OutboxMessage.network_id == network_id,
                                        OutboxMessage.due_at > window.start, OutboxMessage.due_at <= window.end,
                                        OutboxMessage.kind != INTEREST_CALL)
    ))


async def _unsubscribed_digests(session: AsyncSession, network: NetworkSnapshot, window: Window) -> set[str]:
    """The keys of the digests due in `window` to people who unsubscribed from digests (the link in a
    digest mail, storage/email_links.py): they count as done, whatever the network file says."""
    gone = await opted_out(session, network.id)
    if not gone:
        return set()
    return {key for key, (person, _) in digest_keys(network, window).items() if person.email.lower() in gone}


async def _meeting_history(session: AsyncSession, network: NetworkSnapshot, now: datetime, done: set[str]) -> History:
    """For upcoming meetings that changed or were cancelled: who was noticed, and what they were last told.

    The keys of their updates and cancellations already in the outbox are added to `done`.
    """
    refs = [f"meeting:{m.key}" for m in network.meetings.values() if m.sequence > 0 and m.start > now]
    refs += [f"meeting:{m.key}" for m in network.cancelled_meetings.values() if m.start > now]
    history: History = {}
    for chunk in _chunks(refs):
        rows = await session.execute(
            select(OutboxMessage.key, OutboxMessage.kind, OutboxMessage.status, OutboxMessage.ref,
                   OutboxMessage.person_id, OutboxMessage.facts, OutboxMessage.attachment)
            .where(OutboxMessage.network_id == network.id, OutboxMessage.ref.in_(chunk))
            .order_by(OutboxMessage.due_at, OutboxMessage.id)
        )
        for key, kind, status, ref, person_id, facts, attachment in rows:
            done.add(key)
            if kind in ("meeting_notice", "meeting_update") and status in LIVE and person_id is not None:
                # ordered by time: the newest notice or update per person is what they were last told
                history.setdefault(ref.split(":", 1)[1], {})[person_id] = told_in(facts, attachment)
    return history


@dataclass
class _DigestInputs:
    announcements: list[AnnouncementInfo]
    changes: list[StatusChangeInfo]
    last_digest: dict[int, datetime]


async def _digest_inputs(session: AsyncSession, network: NetworkSnapshot, window: Window,
                         done: set[str]) -> _DigestInputs:
    """The newest digest of each reader, and the announcements and status changes that the digests due in
    `window` may report (nothing is read when all of them are `done`)."""
    inputs = _DigestInputs([], [], {})
    due = [reader for key, reader in digest_keys(network, window).items() if key not in done]
    if not due:
        return inputs
    rows = await session.execute(
        select(OutboxMessage.person_id, func.max(OutboxMessage.due_at))
        .where(OutboxMessage.network_id == network.id, OutboxMessage.kind == "digest",
               OutboxMessage.person_id.is_not(None))
        .group_by(OutboxMessage.person_id)
    )
    inputs.last_digest = {person_id: last for person_id, last in rows if person_id is not None}
    earliest = min(since_for(person.digest, at, inputs.last_digest.get(person.id)) for person, at in due)
    announcements = await session.scalars(
        select(Announcement).where(Announcement.network_id == network.id, Announcement.cancelled_at.is_(None),
                                   Announcement.send_at > earliest, Announcement.send_at <= window.end)
    )
    inputs.announcements = [AnnouncementInfo(a.id, a.title, a.text, dict(a.audience or {}), a.send_at)
                            for a in announcements]
    changes = await session.scalars(
        select(ProjectStatusChange).where(ProjectStatusChange.network_id == network.id,
                                          ProjectStatusChange.changed_at > earliest,
                                          ProjectStatusChange.changed_at <= window.end)
    )
    inputs.changes = [StatusChangeInfo(c.project_id, c.old_status, c.new_status, c.changed_at) for c in changes]
    return inputs


async def _plan(session: AsyncSession, network: NetworkSnapshot, window: Window, now: datetime) -> list[Planned]:
    """Everything due in `window` that is not in the outbox yet (but for a rare row whose key is in the outbox
    at another time, e.g. a notice planned before its meeting moved; enqueue skips those)."""
    done = await _done_keys(session, network.id, window)
    done |= await _unsubscribed_digests(session, network, window)
    history = await _meeting_history(session, network, now, done) if now in window else {}
    digests = await _digest_inputs(session, network, window, done)
    open_calls = interest_deadlines(network, now)
    calls = await answered(session, open_calls)  # organizations no longer chased
    invited, called = plan_calls(network, window, now, await load_calls(session, network, now, calls))
    surveys = await load_survey_plans(session, network, window.start)
    return [
        *plan_meetings(network, window, now, history, done),
        *invited,
        *plan_deadlines(network, window, now, done, calls, answered_people(network, surveys), called),
        *plan_surveys(network, surveys, window, now, done),
        *plan_digests(network, window, now, digests.announcements, digests.changes, digests.last_digest, done),
        *await plan_rooms(session, network, window, now, done),
    ]


async def follow_languages(session: AsyncSession, network: NetworkSnapshot) -> int:
    """Rows not sent yet that are put into words from facts follow their recipient's language: a person who
    changed language since a row was planned gets it in the new one. Caller commits; returns how many."""
    pending = await session.execute(  # only the rows whose language is not their recipient's (usually none)
        select(OutboxMessage.id, OutboxMessage.person_id, OutboxMessage.lang)
        .join(Person, Person.id == OutboxMessage.person_id)
        .where(OutboxMessage.network_id == network.id, OutboxMessage.status == "pending",
               func.coalesce(Person.language, network.language) != OutboxMessage.lang)
    )
    stale: dict[int, str] = {}
    for row_id, person_id, lang in pending:
        person = network.people.get(person_id) if person_id is not None else None
        if person is not None and language(network, person) != lang:
            stale[row_id] = language(network, person)
    changed = 0
    for chunk in _chunks(sorted(stale)):
        rows = await session.scalars(select(OutboxMessage).where(OutboxMessage.id.in_(chunk)))
        for row in rows:
            lang = stale[row.id]
            message = message_from_facts(row.kind, row.facts, lang)
            if message is None:
                continue
            row.lang, row.message = lang, message_to_dict(message)
            if row.attachment and row.ref and row.ref.startswith("meeting:"):
                filename = invite_filename(row.kind, row.ref.removeprefix("meeting:"), lang)
                row.attachment = {**row.attachment, "filename": filename}
            changed += 1
    return changed


async def _known_keys(session: AsyncSession, network_id: str, keys: Sequence[str]) -> set[str]:
    known: set[str] = set()
    for chunk in _chunks(keys):
        known.update(await session.scalars(
            select(OutboxMessage.key).where(OutboxMessage.network_id == network_id, OutboxMessage.key.in_(chunk))
        ))
    return known


async def _snapshot(session: AsyncSession, network_id: str, snapshots: SnapshotCache | None) -> NetworkSnapshot | None:
    if snapshots is None:
        return await load_snapshot(session, network_id)
    return await snapshots.get(session, network_id)


async def plan_due(session: AsyncSession, network_id: str, now: datetime, *, catch_up: timedelta = CATCH_UP,
                   snapshots: SnapshotCache | None = None) -> int:
    """Enqueue everything whose send time is in (now - catch_up, now]; commits; returns how many rows are new.

    Reminders and notices of deadlines and meetings already past at `now` are never planned. `snapshots`
    (optional) keeps the network's snapshot between ticks until an import raises its revision.
    """
    network = await _snapshot(session, network_id, snapshots)
    if network is None:
        return 0
    followed = await follow_languages(session, network)
    surveyed = await survey_tick(session, network, now)
    planned = await _plan(session, network, Window(now - catch_up, now), now)
    inserted = await enqueue(session, network_id, planned, now) + surveyed
    await session.commit()
    if followed:
        log.info("%d messages not sent yet follow their recipient's new language", followed,
                 extra={"network": network_id, "relanguaged": followed})
    if inserted:
        kinds = Counter(p.kind for p in planned)
        log.info("planned %d messages for %s", inserted, network_id,
                 extra={"network": network_id, "planned": inserted, "kinds": dict(kinds), "now": now.isoformat()})
    return inserted


async def plan_all_networks(session_factory: async_sessionmaker[AsyncSession], now: datetime, *,
                            snapshots: SnapshotCache | None = None) -> int:
    """`plan_due` for every network, each in its own session; one network's failure does not stop the rest."""
    async with session_factory() as session:
        network_ids = list(await session.scalars(select(Network.id).order_by(Network.id)))
    total = 0
    for network_id in network_ids:
        async with session_factory() as session:
            try:
                total += await plan_due(session, network_id, now, snapshots=snapshots)
            except Exception:
                await session.rollback()
                log.exception("planning failed for %s", network_id, extra={"network": network_id})
    return total


def _previewed(planned: Planned, status: str) -> Previewed:
    values: dict[str, Any] = {f.name: getattr(planned, f.name) for f in fields(Planned)}
    return Previewed(**values, status=status)


def _from_outbox(row: OutboxMessage) -> Previewed:
    return Previewed(
        key=row.key, kind=row.kind, person_id=row.person_id or 0, recipient=row.recipient, channel=row.channel,
        lang=row.lang, message=message_from_dict(row.message), due_at=row.due_at, ref=row.ref,
        attachment=row.attachment, facts=row.facts, status=row.status,
    )


async def preview(session: AsyncSession, network_id: str, start: datetime, end: datetime,
                  now: datetime) -> list[Previewed]:
    """What will be sent in [start, end): outbox rows (pending, sending or sent) and what ticks from `now` on
    would still plan (status `planned`; nothing older than the catch-up), sorted by time. Writes nothing."""
    network = await load_snapshot(session, network_id)
    if network is None:
        return []
    planned = await _plan(session, network, Window.half_open(start, end), now)
    known = await _known_keys(session, network_id, [p.key for p in planned])
    stored = await session.scalars(
        select(OutboxMessage).where(OutboxMessage.network_id == network_id, OutboxMessage.status.in_(LIVE),
                                    OutboxMessage.due_at >= start, OutboxMessage.due_at < end)
    )
    rows = [_from_outbox(row) for row in stored]
    rows += [_previewed(p, "planned") for p in planned if p.key not in known and p.due_at > now - CATCH_UP]
    return sorted(rows, key=lambda r: (r.due_at, r.kind, r.recipient, r.key))
