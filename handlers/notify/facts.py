"""What a notification tells, as data: stored with the outbox row (`facts`), put into words when it is sent.

The planner compares facts, never the words it once used: "was this person told the meeting's current time
and place?" does not depend on their language or on how a text is worded today. The words come from the
facts, in the recipient's language, by handlers.notify.content.message_from_facts.

    meeting_notice, meeting_cancel  {"meeting": Meeting}
    meeting_update                  {"meeting": Meeting, "old": Told}   (Told: what the person was last told)
    reminder                        {"deadline": Deadline, "sent": <ISO time it was planned for>,
                                     "interest": Interest}   (a call for interest: its buttons' answers)
    interest_call                   the same, "interest" always given (the call itself)

Times are ISO 8601 with their UTC offset; the network's time zone travels with them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from icalendar import Calendar

from handlers.notify.calendar import DEFAULT_MEETING_LENGTH
from storage.snapshot import DeadlineInfo, MeetingInfo, NetworkSnapshot


def _time(value: Any) -> datetime | None:
    return datetime.fromisoformat(value) if isinstance(value, str) and value else None


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


@dataclass(frozen=True)
class Told:
    """The facts of a meeting whose change is worth an update: its time, place and video link."""

    start: datetime
    end: datetime | None
    location: str | None
    url: str | None

    def as_json(self) -> dict[str, Any]:
        return {"start": self.start.isoformat(), "end": self.end.isoformat() if self.end else None,
                "location": self.location, "url": self.url}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Told | None:
        start = _time(data.get("start"))
        if start is None:
            return None
        return cls(start, _time(data.get("end")), _text(data.get("location")), _text(data.get("url")))


@dataclass(frozen=True)
class MeetingFacts:
    """A meeting as a notice shows it."""

    title: str
    told: Told
    group: str | None
    agenda: tuple[str, ...]
    timezone: str

    def as_json(self) -> dict[str, Any]:
        return {"title": self.title, **self.told.as_json(), "group": self.group, "agenda": list(self.agenda),
                "timezone": self.timezone}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> MeetingFacts | None:
        told = Told.from_json(data)
        if told is None or not isinstance(data.get("title"), str) or not isinstance(data.get("timezone"), str):
            return None
        agenda = tuple(str(item) for item in data.get("agenda") or ())
        return cls(data["title"], told, _text(data.get("group")), agenda, data["timezone"])


@dataclass(frozen=True)
class DeadlineFacts:
    title: str
    due: datetime
    contact: str | None  # "Name (e-mail, phone)"
    project: str | None
    timezone: str

    def as_json(self) -> dict[str, Any]:
        return {"title": self.title, "due": self.due.isoformat(), "contact": self.contact, "project": self.project,
                "timezone": self.timezone}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> DeadlineFacts | None:
        due = _time(data.get("due"))
        if due is None or not isinstance(data.get("title"), str) or not isinstance(data.get("timezone"), str):
            return None
        return cls(data["title"], due, _text(data.get("contact")), _text(data.get("project")), data["timezone"])


def agenda_items(agenda: str | None) -> tuple[str, ...]:
    return tuple(line.strip() for line in (agenda or "").splitlines() if line.strip())


def meeting_facts(network: NetworkSnapshot, meeting: MeetingInfo) -> MeetingFacts:
    group = network.groups.get(meeting.group_id) if meeting.group_id is not None else None
    told = Told(meeting.start, meeting.end, meeting.location or None, meeting.url or None)
    return MeetingFacts(meeting.title, told, group.name if group else None, agenda_items(meeting.agenda),
                        network.timezone)


def deadline_facts(network: NetworkSnapshot, deadline: DeadlineInfo) -> DeadlineFacts:
    contact = network.people.get(deadline.contact_id) if deadline.contact_id is not None else None
    who = None
    if contact is not None:
        reach = ", ".join(x for x in (contact.email, contact.phone) if x)
        who = f"{contact.name} ({reach})"
    project = network.projects.get(deadline.project_id) if deadline.project_id is not None else None
    return DeadlineFacts(deadline.title, deadline.due, who, project.name if project else None, network.timezone)


def notice_facts(meeting: MeetingFacts) -> dict[str, Any]:
    """The facts of a notice or a cancellation."""
    return {"meeting": meeting.as_json()}


def update_facts(meeting: MeetingFacts, old: Told) -> dict[str, Any]:
    return {"meeting": meeting.as_json(), "old": old.as_json()}


@dataclass(frozen=True)
class InterestFacts:
    """Whom a reminder of a call for interest asks: its Ja / Nei / Usikker buttons answer for `organization`."""

    deadline: str  # the deadline's id
    organization: str  # the organization's id
    organization_name: str

    def as_json(self) -> dict[str, Any]:
        return {"deadline": self.deadline, "organization": self.organization, "organization_name":
                self.organization_name}

    @classmethod
    def from_json(cls, data: Any) -> InterestFacts | None:
        if not isinstance(data, dict):
            return None
        deadline, organization, name = (data.get(k) for k in ("deadline", "organization", "organization_name"))
        if not (isinstance(deadline, str) and isinstance(organization, str) and isinstance(name, str)):
            return None
        return cls(deadline, organization, name)


def reminder_facts(deadline: DeadlineFacts, sent: datetime, interest: InterestFacts | None = None) -> dict[str, Any]:
    facts = {"deadline": deadline.as_json(), "sent": sent.isoformat()}
    return {**facts, "interest": interest.as_json()} if interest is not None else facts


def told_in(facts: dict[str, Any] | None, attachment: dict[str, Any] | None) -> Told | None:
    """What a notice or update row told its recipient about the meeting: its facts, or (a row written
    before facts were stored) the calendar invite it carried; None when neither says."""
    if facts and isinstance(facts.get("meeting"), dict):
        return Told.from_json(facts["meeting"])
    text = (attachment or {}).get("text")
    return _told_by_invite(text) if isinstance(text, str) else None


def _told_by_invite(text: str) -> Told | None:
    try:
        events = Calendar.from_ical(text).walk("VEVENT")
    except ValueError:
        return None
    if len(events) != 1:
        return None
    event = events[0]
    start = event.decoded("DTSTART", None)
    end = event.decoded("DTEND", None)
    if not isinstance(start, datetime):
        return None
    location, url = event.get("LOCATION"), event.get("URL")
    return Told(start, end if isinstance(end, datetime) else None, str(location) if location else None,
                str(url) if url else None)


def same_meeting(told: Told, now: Told) -> bool:
    """Whether someone told `told` knows the meeting as it is `now` (a missing end is an hour after the
    start, as in the calendar file)."""
    def end(t: Told) -> datetime:
        return t.end if t.end is not None and t.end > t.start else t.start + DEFAULT_MEETING_LENGTH

    return (told.start == now.start and end(told) == end(now) and told.location == now.location
            and told.url == now.url)
