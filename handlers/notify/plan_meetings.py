"""Meeting notices at each meeting's `notices` offsets, and updates and cancellations for those noticed.

Notices go to the meeting's group or audience, in office hours (working_hours). An update goes, as soon
as it is seen, to everyone already sent (or about to be sent) a notice whose time, place or link differs
from what they were last told; a cancellation to everyone noticed. Nobody who was never noticed hears of
a change: the notices they get later carry the meeting as it is then.
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Set as AbstractSet
from datetime import datetime
from typing import Any, Literal

from handlers.notify import content
from handlers.notify.calendar import MAX_ATTENDEES
from handlers.notify.facts import MeetingFacts, Told, meeting_facts, notice_facts, same_meeting, update_facts
from handlers.notify.working_hours import Window, offset_times
from messages.i18n import Lang
from messages.model import Message
from storage.outbox import Planned
from storage.snapshot import MeetingInfo, NetworkSnapshot, PersonInfo

# meeting key -> person id -> what that person was last told (the facts of their latest notice or update).
# None: noticed, but what they were told is not known (a row with neither facts nor an invite).
History = dict[str, dict[int, Told | None]]
Attachment = dict[str, Any]


def plan_meetings(network: NetworkSnapshot, window: Window, now: datetime, history: History,
                  done: AbstractSet[str] = frozenset()) -> list[Planned]:
    """Notices whose send time is in `window`; updates and cancellations (due `now`) if `now` is in it.

    Keys in `done` (already in the outbox) are left out before anything is built.
    """
    planned: list[Planned] = []
    for meeting in sorted(network.meetings.values(), key=lambda m: (m.start, m.key)):
        if meeting.start <= now:
            continue
        planned += _notices(network, meeting, window, done)
        if now in window and meeting.sequence > 0 and meeting.key in history:
            planned += _updates(network, meeting, history[meeting.key], now, done)
    if now in window:
        for meeting in sorted(network.cancelled_meetings.values(), key=lambda m: (m.start, m.key)):
            if meeting.start > now and meeting.key in history:
                planned += _cancellations(network, meeting, history[meeting.key], now, done)
    return planned


def _invites(network: NetworkSnapshot, meeting: MeetingInfo, attendees: list[PersonInfo],
             method: Literal["REQUEST", "CANCEL"], stamp: datetime) -> Callable[[PersonInfo], Attachment]:
    """The calendar attachment for each recipient; built once when it names every attendee anyway."""
    shared = len(attendees) <= MAX_ATTENDEES
    cache: dict[int | None, Attachment] = {}

    def for_person(person: PersonInfo) -> Attachment:
        slot = None if shared else person.id
        if slot not in cache:
            cache[slot] = content.invite(network, meeting, attendees, person, method, stamp)
        return cache[slot]

    return for_person


def _planned(kind: str, key: str, person: PersonInfo, lang: Lang, message: Message, at: datetime,
             meeting: MeetingInfo, invite: Attachment, facts: dict[str, Any]) -> Planned:
    attachment = {"filename": content.invite_filename(kind, meeting.key, lang), **invite}
    return Planned(key=key, kind=kind, person_id=person.id, recipient=person.email, channel=person.channel,
                   lang=lang, message=message, due_at=at, ref=f"meeting:{meeting.key}", attachment=attachment,
                   facts=facts)


def _to_each(network: NetworkSnapshot, meeting: MeetingInfo, people: list[PersonInfo] | None, kind: str,
             key: tuple[str, str], build: Callable[[MeetingFacts, Lang], Message],
             method: Literal["REQUEST", "CANCEL"], at: datetime, done: AbstractSet[str]) -> list[Planned]:
    """The same message (one per language) with the calendar file, to each of `people` (None: every invitee)
    whose key (`key` is the text before and after the e-mail) is not `done`."""
    invitees = network.meeting_invitees(meeting)
    invite = _invites(network, meeting, invitees, method, at)
    told = meeting_facts(network, meeting)
    facts = notice_facts(told)
    messages: dict[Lang, Message] = {}
    planned: list[Planned] = []
    for person in invitees if people is None else people:
        person_key = f"{key[0]}{person.email}{key[1]}"
        if person_key in done:
            continue
        lang = content.language(network, person)
        if lang not in messages:
            messages[lang] = build(told, lang)
        planned.append(_planned(kind, person_key, person, lang, messages[lang], at, meeting, invite(person), facts))
    return planned


def _notices(network: NetworkSnapshot, meeting: MeetingInfo, window: Window, done: AbstractSet[str]) -> list[Planned]:
    planned: list[Planned] = []
    for offset, at in offset_times(meeting.start, meeting.notices, network.timezone):
        if at in window:
            key = (f"meeting_notice:{meeting.key}:", f":{offset}")
            planned += _to_each(network, meeting, None, "meeting_notice", key, content.meeting_notice, "REQUEST",
                                at, done)
    return planned


def _updates(network: NetworkSnapshot, meeting: MeetingInfo, told: dict[int, Told | None],
             now: datetime, done: AbstractSet[str]) -> list[Planned]:
    """To each person noticed whose last notice or update told another time, place or link than today's."""
    invite = _invites(network, meeting, network.meeting_invitees(meeting), "REQUEST", now)
    current = meeting_facts(network, meeting)
    planned: list[Planned] = []
    for person_id, then in sorted(told.items()):
        person = network.people.get(person_id)
        if person is None or (then is not None and same_meeting(then, current.told)):
            continue
        then = then or current.told  # not known: the update shows the meeting as it is
        key = f"meeting_update:{meeting.key}:{meeting.sequence}:{person.email}"
        if key in done:
            continue
        lang = content.language(network, person)
        message = content.meeting_update(current, then, lang)
        planned.append(_planned("meeting_update", key, person, lang, message, now, meeting, invite(person),
                                update_facts(current, then)))
    return planned


def _cancellations(network: NetworkSnapshot, meeting: MeetingInfo, told: dict[int, Told | None],
                   now: datetime, done: AbstractSet[str]) -> list[Planned]:
    noticed = [network.people[i] for i in sorted(told) if i in network.people]
    return _to_each(network, meeting, noticed, "meeting_cancel", (f"meeting_cancel:{meeting.key}:", ""),
                    content.meeting_cancel, "CANCEL", now, done)
