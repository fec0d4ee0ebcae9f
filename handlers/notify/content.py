"""The messages the planners send: built from catalog texts in the recipient's language, no I/O.

Notices, cancellations and reminders hold nothing personal: planners build one per (item, language) and
share it among recipients. Updates (what this person was told before) and digests are built per person.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from handlers.notify.calendar import meeting_invite
from messages.formatting import format_datetime, format_time_range, to_local
from messages.i18n import Lang, as_lang, t
from messages.model import Field, Message
from storage.snapshot import DeadlineInfo, MeetingInfo, NetworkSnapshot, PersonInfo

INVITE_TYPE = "text/calendar"


def language(network: NetworkSnapshot, person: PersonInfo) -> Lang:
    """The person's language, else the network's."""
    return as_lang(person.language, as_lang(network.language))


def agenda_items(agenda: str | None) -> list[str]:
    return [line.strip() for line in (agenda or "").splitlines() if line.strip()]


def meeting_when(network: NetworkSnapshot, meeting: MeetingInfo, lang: Lang) -> str:
    return format_time_range(meeting.start, meeting.end, lang, network.timezone)


def _meeting_fields(network: NetworkSnapshot, meeting: MeetingInfo, lang: Lang) -> list[Field]:
    fields = [Field(t(lang, "notify_when"), meeting_when(network, meeting, lang))]
    if meeting.location:
        fields.append(Field(t(lang, "notify_where"), meeting.location))
    if meeting.url:
        fields.append(Field(t(lang, "notify_link"), meeting.url))
    group = network.groups.get(meeting.group_id) if meeting.group_id is not None else None
    if group is not None:
        fields.append(Field(t(lang, "notify_group"), group.name))
    return fields


def meeting_notice(network: NetworkSnapshot, meeting: MeetingInfo, lang: Lang) -> Message:
    items = agenda_items(meeting.agenda)
    return Message(
        title=t(lang, "notify_meeting_notice_title", title=meeting.title),
        text=t(lang, "notify_meeting_notice_text", title=meeting.title, when=meeting_when(network, meeting, lang)),
        fields=_meeting_fields(network, meeting, lang),
        items=[t(lang, "notify_agenda"), *items] if items else [],
        context=t(lang, "notify_invite_attached"),
    )


def meeting_update(network: NetworkSnapshot, meeting: MeetingInfo, lang: Lang, told: dict[str, str]) -> Message:
    """What changed since the person was last told (`told`: field label -> value from that message)."""
    fields: list[Field] = []
    for current in _meeting_fields(network, meeting, lang):
        old = told.get(current.label)
        value = current.value
        if old is not None and old != current.value:
            value = t(lang, "notify_changed", old=old, new=current.value)
        fields.append(Field(current.label, value))
    for label in (t(lang, "notify_where"), t(lang, "notify_link")):  # a place or link that was dropped
        if label in told and all(f.label != label for f in fields):
            fields.append(Field(label, t(lang, "notify_changed", old=told[label], new=t(lang, "notify_none"))))
    return Message(
        title=t(lang, "notify_meeting_update_title", title=meeting.title),
        text=t(lang, "notify_meeting_update_text", title=meeting.title),
        fields=fields,
        context=t(lang, "notify_invite_attached"),
    )


def meeting_cancel(network: NetworkSnapshot, meeting: MeetingInfo, lang: Lang) -> Message:
    return Message(
        title=t(lang, "notify_meeting_cancel_title", title=meeting.title),
        text=t(lang, "notify_meeting_cancel_text", title=meeting.title, when=meeting_when(network, meeting, lang)),
        context=t(lang, "notify_cancel_attached"),
    )


def told_fields(message: dict[str, Any], lang: str) -> dict[str, str]:
    """label -> value of a stored notice or update (messages.codec form), for "old → new".

    An update shows "old → new": the person was told `new`; a place shown as dropped was not told at all.
    """
    told: dict[str, str] = {}
    for label, value in message.get("fields", []):
        shown = value.rsplit(" → ", 1)[-1]  # the arrow of "notify_changed"
        if shown != t(lang, "notify_none"):
            told[label] = shown
    return told


def invite(network: NetworkSnapshot, meeting: MeetingInfo, attendees: list[PersonInfo], recipient: PersonInfo,
           method: Literal["REQUEST", "CANCEL"], stamp: datetime) -> dict[str, Any]:
    """The calendar attachment of a notice, update or cancellation (`stamp` is its DTSTAMP)."""
    text = meeting_invite(network, meeting, attendees, method, recipient=recipient, now=stamp)
    return {"filename": f"{meeting.key}.ics", "content_type": INVITE_TYPE, "text": text}


def _days_left(network: NetworkSnapshot, sent: datetime, due: datetime) -> int:
    tz = network.timezone
    return (to_local(due, tz).date() - to_local(sent, tz).date()).days


def reminder(network: NetworkSnapshot, deadline: DeadlineInfo, lang: Lang, sent: datetime) -> Message:
    """ "Frist om 1 dag: <title>, <due>": the days are counted from when it is sent, not from the offset."""
    due = format_datetime(deadline.due, lang, network.timezone, weekday=True)
    days = _days_left(network, sent, deadline.due)
    if days <= 0:
        text = t(lang, "notify_reminder_today", title=deadline.title, due=due)
    elif days == 1:
        text = t(lang, "notify_reminder_one_day", title=deadline.title, due=due)
    else:
        text = t(lang, "notify_reminder_days", days=days, title=deadline.title, due=due)
    fields: list[Field] = []
    contact = network.people.get(deadline.contact_id) if deadline.contact_id is not None else None
    if contact is not None:
        reach = ", ".join(x for x in (contact.email, contact.phone) if x)
        fields.append(Field(t(lang, "notify_contact"), f"{contact.name} ({reach})"))
    project = network.projects.get(deadline.project_id) if deadline.project_id is not None else None
    if project is not None:
        fields.append(Field(t(lang, "notify_project"), project.name))
    return Message(title=t(lang, "notify_reminder_title"), text=text, fields=fields)


DEADLINE, MEETING, ANNOUNCEMENT, PROJECT_CHANGE = range(4)  # the sections of a digest, in order


@dataclass(frozen=True)
class DigestLine:
    """One line of a digest, before it is put into words: what, when, and the facts to show."""

    section: int  # DEADLINE, MEETING, ANNOUNCEMENT or PROJECT_CHANGE
    at: datetime
    key: str
    title: str
    end: datetime | None = None
    old: str | None = None
    new: str | None = None


def _status(lang: Lang, status: str) -> str:
    key = f"notify_project_status_{status}"
    try:
        return t(lang, key)
    except KeyError:
        return status


def _digest_item(network: NetworkSnapshot, line: DigestLine, lang: Lang) -> str:
    tz = network.timezone
    if line.section == DEADLINE:
        return t(lang, "notify_digest_deadline", title=line.title,
                 due=format_datetime(line.at, lang, tz, weekday=True))
    if line.section == MEETING:
        return t(lang, "notify_digest_meeting", title=line.title,
                 when=format_time_range(line.at, line.end, lang, tz))
    if line.section == ANNOUNCEMENT:
        return t(lang, "notify_digest_announcement", title=line.title, when=format_datetime(line.at, lang, tz))
    new = _status(lang, line.new or "")
    if line.old is None:
        return t(lang, "notify_digest_status_new", project=line.title, new=new)
    return t(lang, "notify_digest_status", project=line.title, old=_status(lang, line.old), new=new)


def digest(network: NetworkSnapshot, lines: list[DigestLine], lang: Lang, period: str, horizon_days: int) -> Message:
    ordered = sorted(lines, key=lambda line: (line.section, line.at, line.key))
    return Message(
        title=t(lang, f"notify_digest_{period}_title", network=network.name),
        text=t(lang, "notify_digest_text", days=horizon_days),
        items=[_digest_item(network, line, lang) for line in ordered],
        context=t(lang, f"notify_digest_{period}_context"),
    )
