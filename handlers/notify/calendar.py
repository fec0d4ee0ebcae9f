"""iCalendar files: the invite attached to a meeting notice, and each person's subscribable feed.

An invite (METHOD:REQUEST, or METHOD:CANCEL when the meeting is called off) carries one VEVENT
whose UID never changes for a meeting and whose SEQUENCE is the meeting's, so a calendar that
already has the meeting updates it in place. The feed (METHOD:PUBLISH) holds every meeting a person
is invited to from 90 days back on, cancelled ones marked so, plus the deadlines that concern them.

Times are written in the network's time zone (TZID=Europe/Oslo) with a matching VTIMEZONE whose
observances are yearly rules (handlers/notify/vtimezone.py), so the wall-clock time stays right across
daylight saving in every client and every year. The `icalendar` package folds lines at 75 octets and
writes CRLF line endings, as RFC 5545 asks.

Every event has an ORGANIZER (RFC 5546 requires one for REQUEST, CANCEL and PUBLISH): the network's
secretariat, else the chair of the meeting's group, else the configured organizer address
(`CALENDAR_ORGANIZER`, handlers/notify/organizer.py), named after the network.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, vCalAddress

from handlers.notify.organizer import fallback_organizer
from handlers.notify.vtimezone import add_timezone
from messages.formatting import format_datetime
from messages.i18n import Lang, as_lang, t
from storage.snapshot import DeadlineInfo, MeetingInfo, NetworkSnapshot, PersonInfo

PRODID = "-//digibot//digibot//NB"
DEFAULT_MEETING_LENGTH = timedelta(hours=1)
DEADLINE_LENGTH = timedelta(minutes=15)
FEED_HISTORY = timedelta(days=90)
FEED_REFRESH = timedelta(hours=1)
# Above this many invitees an invite names only its recipient: nobody needs 5,000 ATTENDEE lines.
MAX_ATTENDEES = 100

Method = Literal["REQUEST", "CANCEL"]


def meeting_uid(network: NetworkSnapshot, meeting: MeetingInfo) -> str:
    """The UID a meeting keeps for life: `<meeting key>@<network id>.digibot`."""
    return f"{meeting.key}@{network.id}.digibot"


def deadline_uid(network: NetworkSnapshot, deadline: DeadlineInfo) -> str:
    return f"deadline-{deadline.key}@{network.id}.digibot"


def meeting_end(meeting: MeetingInfo) -> datetime:
    """The meeting's end, or an hour after its start when the network file gives none."""
    if meeting.end is not None and meeting.end > meeting.start:
        return meeting.end
    return meeting.start + DEFAULT_MEETING_LENGTH


def meeting_invite(
    network: NetworkSnapshot,
    meeting: MeetingInfo,
    attendees: list[PersonInfo],
    method: Method,
    *,
    recipient: PersonInfo | None = None,
    now: datetime | None = None,
) -> str:
    """The .ics text of an invite to (REQUEST) or cancellation of (CANCEL) `meeting`.

    `attendees` become ATTENDEE lines; when there are more than MAX_ATTENDEES only `recipient`
    (the person the file is sent to) is named, or nobody if no recipient is given.
    `now` is the DTSTAMP (defaults to the current time).
    """
    if method not in ("REQUEST", "CANCEL"):
        raise ValueError(f"unsupported iCalendar method: {method!r}")
    stamp = now if now is not None else datetime.now(UTC)
    cancelled = method == "CANCEL"
    cal = _calendar(method)
    event = _meeting_event(network, meeting, stamp, cancelled=cancelled)
    for person in _listed_attendees(attendees, recipient):
        event.add("attendee", _attendee(person))
    cal.add_component(event)
    add_timezone(cal, [meeting.start, meeting_end(meeting)], network.timezone)
    return _text(cal)


def person_feed(network: NetworkSnapshot, person: PersonInfo, now: datetime) -> str:
    """The .ics text of `person`'s calendar feed (METHOD:PUBLISH), in their language.

    Meetings they are invited to that end within the last 90 days or later (cancelled ones with
    STATUS:CANCELLED), and the deadlines whose audience includes them due in the same window.
    """
    lang = as_lang(person.language, as_lang(network.language))
    since = now - FEED_HISTORY
    cal = _calendar("PUBLISH")
    cal.add("name", network.name)
    cal.add("x-wr-calname", network.name)
    description = t(lang, "calendar_feed_description", network=network.name, name=person.name)
    cal.add("x-wr-caldesc", description)
    cal.add("x-wr-timezone", network.timezone)
    cal.add("refresh-interval", FEED_REFRESH, parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "PT1H")

    moments: list[datetime] = []
    meetings = [*network.meetings.values(), *network.cancelled_meetings.values()]
    for meeting in sorted(meetings, key=lambda m: (m.start, m.key)):
        if meeting_end(meeting) < since or not is_invited(network, meeting, person):
            continue
        cancelled = meeting.cancelled_at is not None
        event = _meeting_event(network, meeting, now, cancelled=cancelled)
        if cancelled:
            event["summary"] = t(lang, "calendar_cancelled_summary", title=meeting.title)
        cal.add_component(event)
        moments += [meeting.start, meeting_end(meeting)]
    for deadline in sorted(network.deadlines.values(), key=lambda d: (d.due, d.key)):
        if deadline.due < since or not network.in_audience(person, deadline.audience):
            continue
        cal.add_component(_deadline_event(network, deadline, now, lang))
        moments.append(deadline.due)
    add_timezone(cal, moments or [now], network.timezone)  # an empty feed still holds a component
    return _text(cal)


def is_invited(network: NetworkSnapshot, meeting: MeetingInfo, person: PersonInfo) -> bool:
    """Whether `person` is among `network.meeting_invitees(meeting)`, without listing them all."""
    return network.is_invited(person, meeting)


def organizer(network: NetworkSnapshot, meeting: MeetingInfo | None) -> PersonInfo | None:
    """Who sends the invites: the network's secretariat (the first such person), else the chair
    of the meeting's group, else nobody (the file then names the configured organizer address)."""
    secretariat = sorted((p for p in network.people.values() if "secretariat" in p.roles), key=lambda p: p.id)
    if secretariat:
        return secretariat[0]
    group = network.groups.get(meeting.group_id) if meeting and meeting.group_id is not None else None
    if group is not None and group.chair_id is not None:
        return network.people.get(group.chair_id)
    return None


def _organizer(network: NetworkSnapshot, meeting: MeetingInfo | None) -> vCalAddress:
    person = organizer(network, meeting)
    if person is not None:
        return _address(person)
    address = vCalAddress(f"mailto:{fallback_organizer()}")
    address.params["CN"] = _param_text(network.name)
    return address


def _calendar(method: str) -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", method)
    return cal


def _meeting_event(network: NetworkSnapshot, meeting: MeetingInfo, stamp: datetime, *, cancelled: bool) -> Event:
    tz = ZoneInfo(network.timezone)
    event = Event()
    event.add("uid", meeting_uid(network, meeting))
    event.add("sequence", max(meeting.sequence, 0))
    event.add("dtstamp", stamp.astimezone(UTC))
    event.add("dtstart", _wall_clock(meeting.start, tz))
    event.add("dtend", _wall_clock(meeting_end(meeting), tz))
    event.add("summary", meeting.title)
    if meeting.location:
        event.add("location", meeting.location)
    if meeting.url:
        event.add("url", meeting.url)
    description = _description(meeting)
    if description:
        event.add("description", description)
    event.add("organizer", _organizer(network, meeting))
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    event.add("transp", "OPAQUE")
    return event


def _wall_clock(moment: datetime, tz: ZoneInfo) -> datetime:
    """`moment` in the network's zone, or in UTC when its wall-clock time happens twice (the hour repeated
    when summer time ends), which RFC 5545 reads as the first and some clients (ical.js) as the second."""
    local = moment.astimezone(tz)
    if local.replace(fold=1 - local.fold).utcoffset() != local.utcoffset():
        return moment.astimezone(UTC)
    return local


def _description(meeting: MeetingInfo) -> str:
    """The agenda, with the video link (many clients do not show URL) when it is not in it already."""
    parts = [meeting.agenda.strip()] if meeting.agenda and meeting.agenda.strip() else []
    if meeting.url and meeting.url not in (meeting.agenda or ""):
        parts.append(meeting.url)
    return "\n\n".join(parts)


def _deadline_event(network: NetworkSnapshot, deadline: DeadlineInfo, stamp: datetime, lang: Lang) -> Event:
    """An all-day event on the due date when the deadline is at the end of the day (23:59),
    else a short event starting at the due time; transparent, so it never blocks free/busy."""
    local = deadline.due.astimezone(ZoneInfo(network.timezone))
    event = Event()
    event.add("uid", deadline_uid(network, deadline))
    event.add("dtstamp", stamp.astimezone(UTC))
    if (local.hour, local.minute) >= (23, 59):
        event.add("dtstart", local.date())
        event.add("dtend", local.date() + timedelta(days=1))
    else:
        event.add("dtstart", local)
        event.add("dtend", local + DEADLINE_LENGTH)
    event.add("summary", t(lang, "calendar_deadline_summary", title=deadline.title))
    when = format_datetime(deadline.due, lang, network.timezone)
    event.add("description", t(lang, "calendar_deadline_description", when=when))
    event.add("organizer", _organizer(network, None))
    event.add("transp", "TRANSPARENT")
    return event


def _listed_attendees(attendees: list[PersonInfo], recipient: PersonInfo | None) -> list[PersonInfo]:
    if len(attendees) > MAX_ATTENDEES:
        return [recipient] if recipient is not None else []
    seen: set[str] = set()
    listed: list[PersonInfo] = []
    for person in attendees:
        if person.email.lower() not in seen:
            seen.add(person.email.lower())
            listed.append(person)
    return listed


def _address(person: PersonInfo) -> vCalAddress:
    address = vCalAddress(f"mailto:{person.email}")
    address.params["CN"] = _param_text(person.name)
    return address


def _attendee(person: PersonInfo) -> vCalAddress:
    address = _address(person)
    address.params["CUTYPE"] = "INDIVIDUAL"
    address.params["ROLE"] = "REQ-PARTICIPANT"
    address.params["PARTSTAT"] = "NEEDS-ACTION"
    address.params["RSVP"] = "TRUE"
    return address


def _param_text(value: str) -> str:
    """A parameter value may not hold double quotes or control characters (RFC 5545 3.1)."""
    cleaned = "".join(" " if ord(ch) < 32 or ord(ch) == 127 else ch for ch in value)
    return " ".join(cleaned.replace('"', "'").split())


def _text(cal: Calendar) -> str:
    return bytes(cal.to_ical()).decode("utf-8")
