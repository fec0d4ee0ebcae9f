"""Meetings: the next meeting of a group (when, where, link, agenda), meetings in a period, the
asker's own meetings, the previous meeting."""

from __future__ import annotations

from handlers.questions import queries
from handlers.questions.parse import Query
from handlers.questions.present import Say
from handlers.questions.titles import meeting_titles
from messages.model import Field, Message
from storage.snapshot import GroupInfo, MeetingInfo, PersonInfo

LIST_LIMIT = 10
PLURAL = frozenset({"moter", "motene", "mota", "meetings", "samlinger", "samlingar"})


def _group_name(say: Say, meeting: MeetingInfo) -> str | None:
    group = say.net.groups.get(meeting.group_id) if meeting.group_id is not None else None
    return group.name if group else None


def line(say: Say, meeting: MeetingInfo) -> str:
    text = say("q_meeting_line", when=say.span(meeting.start, meeting.end), title=meeting.title)
    return say("q_meeting_line_place", line=text, place=meeting.location) if meeting.location else text


def card(say: Say, meeting: MeetingInfo, query: Query, *, past: bool = False) -> list[Message]:
    when = say.span(meeting.start, meeting.end)
    group = _group_name(say, meeting)
    if past:
        text = say("q_meeting_previous", title=meeting.title, when=when)
    elif group:
        text = say("q_meeting_next_group", group=group, when=when)
    else:
        text = say("q_meeting_next", title=meeting.title, when=when)
    if query.has("attr:where") and meeting.location:
        text = f"{text} {say('q_meeting_place', place=meeting.location)}"
    fields = [Field(say("q_label_time"), when)]
    if meeting.location:
        fields.append(Field(say("q_label_place"), meeting.location))
    if meeting.url:
        fields.append(Field(say("q_label_link"), meeting.url))
    if group:
        fields.append(Field(say("q_label_group"), group))
    if query.has("status:invited", "attr:participants", "attr:members"):  # "Kven er inviterte til årsmøtet?"
        invitees = sorted(say.net.meeting_invitees(meeting), key=lambda p: (say.org(p.org_id), p.name))
        lines = [say.person_line(p, contact=False) for p in invitees]
        return [Message(title=meeting.title, text=f"{text} {say('q_meeting_invitees', n=len(invitees))}",
                        fields=fields, items=say.items(lines, limit=40))]
    agenda = [row.strip() for row in (meeting.agenda or "").splitlines() if row.strip()]
    context = None
    if agenda:
        fields.append(Field(say("q_label_agenda"), ""))
    elif query.has("attr:agenda"):
        context = say("q_meeting_no_agenda")
    return [Message(title=meeting.title, text=text, fields=fields, items=agenda, context=context)]


def answer(say: Say, query: Query, group: GroupInfo | None, person: PersonInfo | None) -> list[Message]:
    net, now = say.net, say.ctx.now

    only: set[int] | None = None  # meetings named by their title ("årsmøtet")

    def keep(meeting: MeetingInfo) -> bool:
        if group is not None and meeting.group_id != group.id:
            return False
        if only is not None and meeting.id not in only:
            return False
        return person is None or queries.is_invited(net, meeting, person)

    if group is None:
        named = meeting_titles(net).best(query, keep)
        if named:
            only = {m.id for m in named}

    subject = group.name if group else person.name if person else None
    if query.period is not None:
        found = [m for m in queries.meetings_between(net, query.period.start, query.period.end) if keep(m)]
        period = say.period(query.period)
        title = say("q_meetings_for_period", name=subject, period=period) if subject else say(
            "q_meetings_period", period=period)
        if not found:
            later = [m for m in queries.meetings_between(net, query.period.end) if keep(m)]
            context = say("q_meetings_next_after", line=line(say, later[0])) if later else None
            text = say("q_meetings_none_period", period=period)
            cancelled = sorted((m for m in net.cancelled_meetings.values() if query.period.contains(m.start)
                                and keep(m)), key=lambda m: m.start)
            if cancelled:  # "møter 16. desember": the meeting that was planned then is cancelled
                text = " ".join([text, *(say("q_meeting_cancelled", line=line(say, m)) for m in cancelled)])
            return [Message(title=title, text=text, context=context)]
        if len(found) == 1:  # a meeting earlier today (or yesterday) is not the next one
            return card(say, found[0], query, past=(found[0].end or found[0].start) < now)
        return [Message(title=title, text=say("q_meetings_count", n=len(found)),
                        items=say.items([line(say, m) for m in found]))]
    if query.has("time:prev"):
        past = [m for m in queries.meetings_before(net, now) if keep(m)]
        if past:
            return card(say, past[0], query, past=True)
        return [Message(text=say("q_meetings_none_past_for", name=subject) if subject else say(
            "q_meetings_none_past"))]
    upcoming = [m for m in queries.meetings_between(net, now) if keep(m)]
    if not upcoming:
        text = say("q_meetings_none_for", name=subject) if subject else say("q_meetings_none")
        past = [m for m in queries.meetings_before(net, now) if keep(m)]
        context = say("q_meetings_last_was", line=line(say, past[0])) if past else None
        return [Message(title=subject, text=text, context=context)]
    plural = any(w in PLURAL for w in query.words)
    if plural and len(upcoming) > 1:
        title = say("q_meetings_upcoming_for", name=subject) if subject else say("q_meetings_upcoming")
        return [Message(title=title, text=say("q_meetings_count", n=len(upcoming)),
                        items=say.items([line(say, m) for m in upcoming], limit=LIST_LIMIT))]
    return card(say, upcoming[0], query)
