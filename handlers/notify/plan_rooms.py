"""Meeting notices, updates and cancellations for rooms (handlers/notify/rooms.py says which rooms).

A room that receives a meeting's notices gets one notice per notice time, like a person, keyed
`meeting_notice:<meeting>:room:<room>:<offset>`. When the meeting's time, place or link changes, a room
that was noticed gets an update (`meeting_update:<meeting>:<sequence>:room:<room>`); when it is cancelled,
a cancellation. The facts are stored as for a person, marked `room` (no calendar file goes to a room,
so its words say none is attached).
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from handlers.notify import content
from handlers.notify.facts import Told, meeting_facts, notice_facts, same_meeting, told_in, update_facts
from handlers.notify.rooms import CHANNEL, meeting_groups, room_key, room_language, rooms_for
from handlers.notify.working_hours import Window, offset_times
from messages.model import Message
from storage.models_notify import OutboxMessage
from storage.outbox import Planned
from storage.rooms import RoomInfo, load_rooms
from storage.snapshot import MeetingInfo, NetworkSnapshot

LIVE = ("pending", "sending", "sent")
RoomHistory = dict[str, dict[str, Told | None]]  # meeting key -> room key -> what the room was last told


def _room_facts(facts: dict[str, Any]) -> dict[str, Any]:
    return {**facts, "room": True}


def _planned(kind: str, key: str, room: RoomInfo, message: Message, at: datetime, meeting: MeetingInfo,
             facts: dict[str, Any], lang: str) -> Planned:
    return Planned(key=key, kind=kind, person_id=None, recipient=room.key, channel=CHANNEL, lang=lang,
                   message=message, due_at=at, ref=f"meeting:{meeting.key}", facts=_room_facts(facts))


def _notices(network: NetworkSnapshot, rooms: list[RoomInfo], meeting: MeetingInfo, window: Window,
             done: AbstractSet[str]) -> list[Planned]:
    chosen = rooms_for(rooms, "meeting_notice", meeting_groups(network, meeting))
    if not chosen:
        return []
    told = meeting_facts(network, meeting)
    planned: list[Planned] = []
    for offset, at in offset_times(meeting.start, meeting.notices, network.timezone):
        if at not in window:
            continue
        for room in chosen:
            key = room_key(f"meeting_notice:{meeting.key}", room, offset)
            if key not in done:
                lang = room_language(network, room)
                message = content.message_from_facts("meeting_notice", _room_facts(notice_facts(told)), lang)
                assert message is not None
                planned.append(_planned("meeting_notice", key, room, message, at, meeting, notice_facts(told), lang))
    return planned


def _updates(network: NetworkSnapshot, rooms: list[RoomInfo], meeting: MeetingInfo, told: dict[str, Told | None],
             now: datetime, done: AbstractSet[str]) -> list[Planned]:
    current = meeting_facts(network, meeting)
    planned: list[Planned] = []
    for room in rooms_for(rooms, "meeting_update", meeting_groups(network, meeting)):
        if room.key not in told:
            continue
        then = told[room.key]
        if then is not None and same_meeting(then, current.told):
            continue
        key = room_key(f"meeting_update:{meeting.key}:{meeting.sequence}", room)
        if key in done:
            continue
        lang = room_language(network, room)
        facts = update_facts(current, then or current.told)
        message = content.message_from_facts("meeting_update", _room_facts(facts), lang)
        assert message is not None
        planned.append(_planned("meeting_update", key, room, message, now, meeting, facts, lang))
    return planned


def _cancellations(network: NetworkSnapshot, rooms: list[RoomInfo], meeting: MeetingInfo,
                   told: dict[str, Told | None], now: datetime, done: AbstractSet[str]) -> list[Planned]:
    facts = notice_facts(meeting_facts(network, meeting))
    planned: list[Planned] = []
    for room in rooms_for(rooms, "meeting_cancel", meeting_groups(network, meeting)):
        key = room_key(f"meeting_cancel:{meeting.key}", room)
        if room.key in told and key not in done:
            lang = room_language(network, room)
            message = content.message_from_facts("meeting_cancel", _room_facts(facts), lang)
            assert message is not None
            planned.append(_planned("meeting_cancel", key, room, message, now, meeting, facts, lang))
    return planned


async def _history(session: AsyncSession, network: NetworkSnapshot, now: datetime) -> RoomHistory:
    """For upcoming meetings that changed or were cancelled: what each noticed room was last told."""
    refs = [f"meeting:{m.key}" for m in network.meetings.values() if m.sequence > 0 and m.start > now]
    refs += [f"meeting:{m.key}" for m in network.cancelled_meetings.values() if m.start > now]
    history: RoomHistory = {}
    if not refs:
        return history
    rows = await session.execute(
        select(OutboxMessage.recipient, OutboxMessage.ref, OutboxMessage.facts)
        .where(OutboxMessage.network_id == network.id, OutboxMessage.ref.in_(refs),
               OutboxMessage.channel == CHANNEL, OutboxMessage.person_id.is_(None),
               OutboxMessage.kind.in_(("meeting_notice", "meeting_update")), OutboxMessage.status.in_(LIVE))
        .order_by(OutboxMessage.due_at, OutboxMessage.id)
    )
    for recipient, ref, facts in rows:
        history.setdefault(ref.split(":", 1)[1], {})[recipient] = told_in(facts, None)
    return history


async def plan_rooms(session: AsyncSession, network: NetworkSnapshot, window: Window, now: datetime,
                     done: AbstractSet[str]) -> list[Planned]:
    """The rooms' notices due in `window`, and their updates and cancellations (due `now`, if in it)."""
    rooms = await load_rooms(session, network.id)
    if not rooms:
        return []
    planned: list[Planned] = []
    for meeting in sorted(network.meetings.values(), key=lambda m: (m.start, m.key)):
        if meeting.start > now:
            planned += _notices(network, rooms, meeting, window, done)
    if now not in window:
        return planned
    history = await _history(session, network, now)
    for meeting in sorted(network.meetings.values(), key=lambda m: (m.start, m.key)):
        if meeting.start > now and meeting.sequence > 0 and meeting.key in history:
            planned += _updates(network, rooms, meeting, history[meeting.key], now, done)
    for meeting in sorted(network.cancelled_meetings.values(), key=lambda m: (m.start, m.key)):
        if meeting.start > now and meeting.key in history:
            planned += _cancellations(network, rooms, meeting, history[meeting.key], now, done)
    return planned
