"""The messages the planners send: built from catalog texts in the recipient's language, no I/O.

Notices, cancellations, updates and reminders are put into words from their facts (handlers/notify/facts.py),
both when planned (the outbox row's `message`, for listings) and again when sent (`message_at_send`), so a
recipient who changed language, or a text reworded since, is sent the words of now. Digests are built per
person when planned.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from handlers.interest.buttons import answer_buttons
from handlers.notify.calendar import meeting_invite
from handlers.notify.facts import DeadlineFacts, InterestFacts, MeetingFacts, Told
from messages.codec import message_to_dict
from messages.formatting import format_datetime, format_time_range, to_local
from messages.i18n import Lang, as_lang, t
from messages.model import Field, Message
from storage.snapshot import MeetingInfo, NetworkSnapshot, PersonInfo

INVITE_TYPE = "text/calendar"
INTEREST_CALL = "interest_call"  # the outbox kind of a call for interest's call (handlers/notify/plan_calls.py)


def language(network: NetworkSnapshot, person: PersonInfo) -> Lang:
    """The person's language, else the network's."""
    return as_lang(person.language, as_lang(network.language))


def _when(meeting: MeetingFacts | Told, lang: Lang, tz: str) -> str:
    told = meeting.told if isinstance(meeting, MeetingFacts) else meeting
    return format_time_range(told.start, told.end, lang, tz)


def _meeting_fields(meeting: MeetingFacts, lang: Lang) -> list[Field]:
    fields = [Field(t(lang, "notify_when"), _when(meeting, lang, meeting.timezone))]
    if meeting.told.location:
        fields.append(Field(t(lang, "notify_where"), meeting.told.location))
    if meeting.told.url:
        fields.append(Field(t(lang, "notify_link"), meeting.told.url))
    if meeting.group is not None:
        fields.append(Field(t(lang, "notify_group"), meeting.group))
    return fields


def meeting_notice(meeting: MeetingFacts, lang: Lang) -> Message:
    return Message(
        title=t(lang, "notify_meeting_notice_title", title=meeting.title),
        text=t(lang, "notify_meeting_notice_text", title=meeting.title, when=_when(meeting, lang, meeting.timezone)),
        fields=_meeting_fields(meeting, lang),
        items=[t(lang, "notify_agenda"), *meeting.agenda] if meeting.agenda else [],
        context=t(lang, "notify_invite_attached"),
    )


def meeting_update(meeting: MeetingFacts, old: Told, lang: Lang) -> Message:
    """The meeting as it is now, each changed time, place or link shown as "old → new" (`old`: what the
    person was last told); a place or link that was dropped is shown as such."""
    now, tz = meeting.told, meeting.timezone
    changed = {
        t(lang, "notify_when"): (_when(old, lang, tz) if (old.start, old.end) != (now.start, now.end) else None),
        t(lang, "notify_where"): old.location if old.location != now.location else None,
        t(lang, "notify_link"): old.url if old.url != now.url else None,
    }
    fields: list[Field] = []
    for current in _meeting_fields(meeting, lang):
        before = changed.get(current.label)
        value = t(lang, "notify_changed", old=before, new=current.value) if before else current.value
        fields.append(Field(current.label, value))
    for label in (t(lang, "notify_where"), t(lang, "notify_link")):  # a place or link that was dropped
        before = changed[label]
        if before and all(f.label != label for f in fields):
            fields.append(Field(label, t(lang, "notify_changed", old=before, new=t(lang, "notify_none"))))
    return Message(
        title=t(lang, "notify_meeting_update_title", title=meeting.title),
        text=t(lang, "notify_meeting_update_text", title=meeting.title),
        fields=fields,
        context=t(lang, "notify_invite_attached"),
    )


def meeting_cancel(meeting: MeetingFacts, lang: Lang) -> Message:
    return Message(
        title=t(lang, "notify_meeting_cancel_title", title=meeting.title),
        text=t(lang, "notify_meeting_cancel_text", title=meeting.title, when=_when(meeting, lang, meeting.timezone)),
        context=t(lang, "notify_cancel_attached"),
    )


def message_from_facts(kind: str, facts: dict[str, Any] | None, lang: str) -> Message | None:
    """The message of an outbox row put into words from its facts, in `lang`; None for a row without facts
    (announcements, digests, rows written before facts were stored)."""
    if not facts:
        return None
    language = as_lang(lang)
    if kind.startswith("survey_"):
        from handlers.surveys.notices import survey_message_from_facts  # the survey package imports this one

        return survey_message_from_facts(kind, facts, language)
    meeting = MeetingFacts.from_json(facts["meeting"]) if isinstance(facts.get("meeting"), dict) else None
    message: Message | None = None
    if meeting is not None and kind in ("meeting_notice", "meeting_cancel"):
        message = (meeting_notice if kind == "meeting_notice" else meeting_cancel)(meeting, language)
    if meeting is not None and kind == "meeting_update" and isinstance(facts.get("old"), dict):
        old = Told.from_json(facts["old"])
        message = meeting_update(meeting, old, language) if old is not None else None
    if message is not None and facts.get("room"):  # a room (handlers/notify/plan_rooms.py) gets no calendar file
        message.context = None
    if meeting is not None:
        return message
    deadline = DeadlineFacts.from_json(facts["deadline"]) if isinstance(facts.get("deadline"), dict) else None
    sent = datetime.fromisoformat(facts["sent"]) if isinstance(facts.get("sent"), str) else None
    if deadline is not None and sent is not None and kind == "reminder":
        return reminder(deadline, language, sent, InterestFacts.from_json(facts.get("interest")))
    interest = InterestFacts.from_json(facts.get("interest"))
    if deadline is not None and interest is not None and kind == INTEREST_CALL:
        return interest_call(deadline, interest, language)
    return None


def message_at_send(kind: str, facts: dict[str, Any] | None, lang: str, stored: dict[str, Any]) -> dict[str, Any]:
    """What a delivery sends (messages.codec form): the row's facts in the recipient's language as the
    texts read now, or the message rendered when it was planned (rows without facts)."""
    message = message_from_facts(kind, facts, lang)
    return message_to_dict(message) if message is not None else dict(stored)


def invite(network: NetworkSnapshot, meeting: MeetingInfo, attendees: list[PersonInfo], recipient: PersonInfo,
           method: Literal["REQUEST", "CANCEL"], stamp: datetime) -> dict[str, Any]:
    """The calendar attachment of a notice, update or cancellation (`stamp` is its DTSTAMP), without its
    file name (`invite_filename`, in the recipient's language)."""
    text = meeting_invite(network, meeting, attendees, method, recipient=recipient, now=stamp)
    return {"content_type": INVITE_TYPE, "text": text}


def invite_filename(kind: str, meeting_key: str, lang: str) -> str:
    """ "innkalling-<meeting>.ics", "endra-<meeting>.ics", "avlyst-<meeting>.ics"... by kind and language."""
    return f"{t(lang, f'calendar_file_{kind}')}-{meeting_key}.ics"


def _days_left(tz: str, sent: datetime, due: datetime) -> int:
    return (to_local(due, tz).date() - to_local(sent, tz).date()).days


def _deadline_fields(deadline: DeadlineFacts, lang: Lang) -> list[Field]:
    fields: list[Field] = []
    if deadline.contact is not None:
        fields.append(Field(t(lang, "notify_contact"), deadline.contact))
    if deadline.project is not None:
        fields.append(Field(t(lang, "notify_project"), deadline.project))
    return fields


def interest_call(deadline: DeadlineFacts, interest: InterestFacts, lang: Lang) -> Message:
    """The call itself, sent when the call for interest is published: what is asked, of which organization, by
    when ("frist torsdag 10. desember 2026 kl. 23.59"), whom to ask (the contact), and Ja / Nei / Usikker."""
    due = format_datetime(deadline.due, lang, deadline.timezone, weekday=True)
    return Message(title=t(lang, "interest_call_title"),
                   text=t(lang, "interest_call_text", title=deadline.title, org=interest.organization_name, due=due),
                   fields=_deadline_fields(deadline, lang),
                   context=t(lang, "interest_call_context", org=interest.organization_name, id=interest.deadline),
                   buttons=answer_buttons(lang, interest.deadline, interest.organization))


def reminder(deadline: DeadlineFacts, lang: Lang, sent: datetime, interest: InterestFacts | None = None) -> Message:
    """ "Frist om 1 dag: <title>, <due>": the days are counted from when it is sent, not from the offset. A call
    for interest (`interest`) adds that the organization has not answered, and the Ja / Nei / Usikker buttons."""
    due = format_datetime(deadline.due, lang, deadline.timezone, weekday=True)
    days = _days_left(deadline.timezone, sent, deadline.due)
    if days <= 0:
        text = t(lang, "notify_reminder_today", title=deadline.title, due=due)
    elif days == 1:
        text = t(lang, "notify_reminder_one_day", title=deadline.title, due=due)
    else:
        text = t(lang, "notify_reminder_days", days=days, title=deadline.title, due=due)
    fields = _deadline_fields(deadline, lang)
    if interest is None:
        return Message(title=t(lang, "notify_reminder_title"), text=text, fields=fields)
    return Message(title=t(lang, "notify_reminder_title"), text=text, fields=fields,
                   context=t(lang, "interest_reminder_text", org=interest.organization_name, id=interest.deadline),
                   buttons=answer_buttons(lang, interest.deadline, interest.organization))


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
