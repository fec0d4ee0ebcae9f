"""Deadlines: upcoming ones, those in a period, those that concern the asker (or a person, an
organization, a project), one deadline found by its title, and who to contact about it."""

from __future__ import annotations

from dataclasses import dataclass

from handlers.questions import queries
from handlers.questions.parse import Query
from handlers.questions.present import Say
from handlers.questions.titles import deadline_titles
from messages.model import Field, Message
from storage.snapshot import DeadlineInfo, GroupInfo, Org, PersonInfo, ProjectInfo

UPCOMING_LIMIT = 10
SINGULAR = frozenset({"frist", "fristen", "deadline", "deadlinen", "svarfrist", "svarfristen", "tidsfrist"})


@dataclass
class Filters:
    person: PersonInfo | None = None  # deadlines whose audience includes this person
    org: Org | None = None
    project: ProjectInfo | None = None
    mine: bool = False  # the person is the asker
    role: str | None = None  # deadlines addressed to a role ("frister for koordinatorer")
    group: GroupInfo | None = None  # deadlines addressed to a group
    contact: PersonInfo | None = None  # deadlines this person is the contact for

    def any(self) -> bool:
        return bool(self.person or self.org or self.project or self.mine or self.role or self.group or self.contact)

    def keep(self, say: Say, deadline: DeadlineInfo) -> bool:
        net = say.net
        if self.contact is not None and deadline.contact_id != self.contact.id:
            return False
        if self.role is not None and self.role not in (deadline.audience.get("roles") or []):
            return False
        if self.group is not None and self.group.key not in (deadline.audience.get("groups") or []):
            return False
        if self.person is not None and not net.in_audience(self.person, deadline.audience):
            return False
        if self.org is not None and not queries.org_in_audience(net, self.org, deadline.audience):
            return False
        return self.project is None or deadline.project_id == self.project.id


def line(say: Say, deadline: DeadlineInfo, *, mark_passed: bool = True) -> str:
    """ "fredag 6. mars 2026 kl. 23.59 – Svar på kartleggingen (kontakt: Ola Nordmann)", marked "(gått ut)"
    when it is already due (a deadline earlier today, in "frister i dag")."""
    text = say("q_deadline_line", when=say.when(deadline.due), title=deadline.title)
    contact = say.person_name(deadline.contact_id)
    text = say("q_deadline_line_contact", line=text, name=contact) if contact else text
    return say("q_deadline_line_passed", line=text) if mark_passed and deadline.due < say.ctx.now else text


def card(say: Say, deadline: DeadlineInfo, *, contact_asked: bool) -> list[Message]:
    net, now = say.net, say.ctx.now
    contact = net.people.get(deadline.contact_id) if deadline.contact_id is not None else None
    if contact_asked:
        text = say("q_deadline_contact", title=deadline.title, name=contact.name) if contact else say(
            "q_deadline_no_contact", title=deadline.title)
    elif deadline.due < now:
        text = say("q_deadline_passed_rel", when=say.when(deadline.due), rel=say.relative(deadline.due))
    else:
        text = say("q_deadline_due_rel", when=say.when(deadline.due), rel=say.relative(deadline.due))
    fields = [Field(say("q_label_due"), say.when(deadline.due))]
    if contact is not None:
        fields.append(Field(say("q_label_contact"), say.person_line(contact)))
    project = net.projects.get(deadline.project_id) if deadline.project_id is not None else None
    if project is not None:
        fields.append(Field(say("q_label_project"), project.name))
    context = None
    asker = say.ctx.person
    if asker is not None:
        context = say("q_deadline_concerns_you" if net.in_audience(asker, deadline.audience) else
                      "q_deadline_not_you")
    return [Message(title=deadline.title, text=text, fields=fields, context=context)]


def _title(say: Say, f: Filters, query: Query) -> str:
    period = say.period(query.period) if query.period else None
    if f.mine:
        return say("q_deadlines_mine_period", period=period) if period else say("q_deadlines_mine")
    if f.contact is not None:
        return say("q_deadlines_contact", name=f.contact.name)
    subject = _subject(say, f)
    if subject:
        return say("q_deadlines_for_period", name=subject, period=period) if period else say(
            "q_deadlines_for", name=subject)
    return say("q_deadlines_period", period=period) if period else say("q_deadlines_upcoming")


def answer(say: Say, query: Query, f: Filters) -> list[Message]:
    net, now = say.net, say.ctx.now
    contact_asked = query.has("attr:contact") and f.contact is None
    # One deadline named by its title ("fristen for budsjettinnspill").
    if query.period is None:
        named = deadline_titles(net).best(query, lambda d: f.keep(say, d))
        if named:
            upcoming = [d for d in named if d.due >= now] or named
            if len(upcoming) == 1:
                return card(say, upcoming[0], contact_asked=contact_asked)
            return [Message(title=_title(say, f, query), items=[line(say, d) for d in
                                                               sorted(upcoming, key=lambda d: d.due)])]
        if query.leftover and not f.any():
            upcoming = queries.deadlines_between(net, now)
            return [Message(title=say("q_deadlines_upcoming"),
                            text=say("q_deadline_not_found", words=" ".join(query.unknown)),
                            items=[line(say, d) for d in upcoming[:UPCOMING_LIMIT]])]
    if query.period is None and query.has("time:prev"):
        return _past(say, query, f)
    start, end = (query.period.start, query.period.end) if query.period else (now, None)
    found = [d for d in queries.deadlines_between(net, start, end) if f.keep(say, d)]
    title = _title(say, f, query)
    if not found:
        return _none(say, query, f, title, end)
    singular = any(w in SINGULAR for w in query.words) and not query.period
    if singular and (query.has("time:next") or len(found) == 1 or contact_asked):
        return card(say, found[0], contact_asked=contact_asked)
    shown = found if query.period else found[:UPCOMING_LIMIT]
    key = "q_deadlines_count_one" if len(found) == 1 else "q_deadlines_count_many"
    text = say(key, n=len(found))
    items = [line(say, d) for d in shown]
    if len(found) > len(shown):
        items.append(say("list_more", count=len(found) - len(shown)))
    return [Message(title=title, text=text, items=say.items(items, limit=40))]


def _none(say: Say, query: Query, f: Filters, title: str, end: object) -> list[Message]:
    net, now = say.net, say.ctx.now
    period = say.period(query.period) if query.period else None
    if f.mine:
        text = say("q_deadlines_none_mine_period", period=period) if period else say("q_deadlines_none_mine")
    elif f.contact is not None:
        text = say("q_deadlines_none_contact", name=f.contact.name)
    elif f.any():
        subject = _subject(say, f) or ""
        text = say("q_deadlines_none_for_period", name=subject, period=period) if period else say(
            "q_deadlines_none_for", name=subject)
    else:
        text = say("q_deadlines_none_period", period=period) if period else say("q_deadlines_none")
    context = None
    after = query.period.end if query.period else now
    later = [d for d in queries.deadlines_between(net, after) if f.keep(say, d)]
    if later:
        context = say("q_deadlines_next_after", line=line(say, later[0]))
    elif f.project is not None:
        past = [d for d in queries.deadlines_before(net, now) if f.keep(say, d)]
        if past:
            context = say("q_deadlines_last_past", line=line(say, past[0], mark_passed=False))
    return [Message(title=title, text=text, context=context)]


def _subject(say: Say, f: Filters) -> str | None:
    if f.project:
        return f.project.name
    if f.person:
        return f.person.name
    if f.org:
        return say.org(f.org.id)
    if f.group:
        return f.group.name
    if f.role:
        return say.role(f.role, "pl")
    return None


def _past(say: Say, query: Query, f: Filters) -> list[Message]:
    """ "Hvilke frister har gått ut?": the latest deadlines already due, latest first."""
    past = [d for d in queries.deadlines_before(say.net, say.ctx.now) if f.keep(say, d)]
    title = say("q_deadlines_past")
    if not past:
        return [Message(title=title, text=say("q_deadlines_none_past"))]
    items = [line(say, d, mark_passed=False) for d in past[:UPCOMING_LIMIT]]
    if len(past) > UPCOMING_LIMIT:
        items.append(say("list_more", count=len(past) - UPCOMING_LIMIT))
    key = "q_deadlines_count_one" if len(past) == 1 else "q_deadlines_count_many"
    return [Message(title=title, text=say(key, n=len(past)), items=items)]
