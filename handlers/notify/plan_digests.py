"""Digests: weekly (Monday 08:00) or daily (working days 08:00), local time, for people who chose one.

A digest holds the deadlines and meetings of the next 14 days that concern the person, the announcements
addressed to them and the status changes of projects their organization owns or takes part in (or that they
lead) since their last digest (else since one period ago). An empty digest is not sent. Digests keep their
08:00: the working-hours rule does not move them.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from handlers.notify.calendar import is_invited
from handlers.notify.content import (
    ANNOUNCEMENT,
    DEADLINE,
    MEETING,
    PROJECT_CHANGE,
    DigestLine,
    digest,
    language,
)
from handlers.notify.working_hours import Window, is_working_day
from storage.outbox import Planned
from storage.snapshot import NetworkSnapshot, PersonInfo

DIGEST_AT = time(8, 0)
HORIZON = timedelta(days=14)
PERIODS = {"weekly": timedelta(days=7), "daily": timedelta(days=1)}
TITLE_LENGTH = 80


@dataclass(frozen=True)
class AnnouncementInfo:
    id: int
    title: str | None
    text: str
    audience: dict[str, Any]
    send_at: datetime

    def heading(self) -> str:
        """The title, else the text's first line (shortened)."""
        if self.title:
            return self.title
        first = next((line.strip() for line in self.text.splitlines() if line.strip()), "")
        return first if len(first) <= TITLE_LENGTH else first[: TITLE_LENGTH - 1].rstrip() + "…"


@dataclass(frozen=True)
class StatusChangeInfo:
    project_id: int
    old_status: str | None
    new_status: str
    changed_at: datetime


def is_digest_day(period: str, day: date) -> bool:
    return day.weekday() == 0 if period == "weekly" else is_working_day(day)


def occurrences(network: NetworkSnapshot, period: str, window: Window) -> Iterator[datetime]:
    """The digest moments of `period` in `window`, in order (aware, local zone)."""
    zone = ZoneInfo(network.timezone)
    day = window.start.astimezone(zone).date()
    last = window.end.astimezone(zone).date()
    while day <= last:
        moment = datetime.combine(day, DIGEST_AT, zone)
        if moment in window and is_digest_day(period, day):
            yield moment
        day += timedelta(days=1)


def since_for(period: str, at: datetime, last_digest: datetime | None) -> datetime:
    """Where a digest at `at` starts reporting news: the last digest before it, else one period back."""
    if last_digest is not None and last_digest < at:
        return last_digest
    return at - PERIODS[period]


class _Facts:
    """What digests draw from, sorted once per planning run so that each digest reads only its 14 days."""

    def __init__(self, network: NetworkSnapshot, announcements: list[AnnouncementInfo],
                 changes: list[StatusChangeInfo], now: datetime) -> None:
        self.network = network
        self.deadlines = sorted((d for d in network.deadlines.values() if d.due > now), key=lambda d: d.due)
        self.dues = [d.due for d in self.deadlines]
        self.meetings = sorted((m for m in network.meetings.values() if m.start > now), key=lambda m: m.start)
        self.starts = [m.start for m in self.meetings]
        self.announcements = sorted(announcements, key=lambda a: a.send_at)
        self.changes = sorted(changes, key=lambda c: c.changed_at)

    def concerns(self, person: PersonInfo, project_id: int) -> bool:
        project = self.network.projects.get(project_id)
        if project is None:
            return False
        return person.org_id == project.owner_id or person.org_id in project.participant_ids \
            or person.id == project.leader_id

    def lines(self, person: PersonInfo, at: datetime, since: datetime) -> list[DigestLine]:
        net, until = self.network, at + HORIZON
        deadlines = self.deadlines[bisect_right(self.dues, at):bisect_right(self.dues, until)]
        meetings = self.meetings[bisect_right(self.starts, at):bisect_right(self.starts, until)]
        lines = [DigestLine(DEADLINE, d.due, d.key, d.title) for d in deadlines
                 if net.in_audience(person, d.audience)]
        lines += [DigestLine(MEETING, m.start, m.key, m.title, end=m.end) for m in meetings
                  if is_invited(net, m, person)]
        lines += [DigestLine(ANNOUNCEMENT, a.send_at, str(a.id), a.heading()) for a in self.announcements
                  if since < a.send_at <= at and net.in_audience(person, a.audience)]
        for c in self.changes:
            if since < c.changed_at <= at and self.concerns(person, c.project_id):
                project = net.projects[c.project_id]
                lines.append(DigestLine(PROJECT_CHANGE, c.changed_at, project.key, project.name, old=c.old_status,
                                        new=c.new_status))
        return lines


def digest_keys(network: NetworkSnapshot, window: Window) -> dict[str, tuple[PersonInfo, datetime]]:
    """Every digest that may be due in `window`, empty or not: key -> (reader, moment)."""
    moments = {period: list(occurrences(network, period, window)) for period in PERIODS}
    return {_key(person, at): (person, at)
            for person in network.people.values() for at in moments.get(person.digest, [])}


def _key(person: PersonInfo, at: datetime) -> str:
    return f"digest:{person.email}:{at.date().isoformat()}"


def plan_digests(network: NetworkSnapshot, window: Window, now: datetime, announcements: list[AnnouncementInfo],
                 changes: list[StatusChangeInfo], last_digest: dict[int, datetime],
                 done: AbstractSet[str] = frozenset()) -> list[Planned]:
    """Digests due in `window`, except those whose key is in `done` (already in the outbox).

    `last_digest`: person id -> the newest digest in the outbox. Over a window with several digest moments
    (a preview), each digest becomes the next one's "last digest", as it will be once sent.
    """
    due: dict[int, list[datetime]] = {}
    for key, (person, at) in digest_keys(network, window).items():
        if key not in done:
            due.setdefault(person.id, []).append(at)
    if not due:
        return []
    facts = _Facts(network, announcements, changes, now)
    planned: list[Planned] = []
    for person in sorted((network.people[i] for i in due), key=lambda p: p.email):
        last = last_digest.get(person.id)
        for at in sorted(due[person.id]):
            lines = facts.lines(person, at, since_for(person.digest, at, last))
            if not lines:
                continue
            lang = language(network, person)
            planned.append(Planned(
                key=_key(person, at), kind="digest", person_id=person.id, recipient=person.email,
                channel=person.channel, lang=lang, message=digest(network, lines, lang, person.digest, HORIZON.days),
                due_at=at.astimezone(UTC), ref="digest",
            ))
            last = at
    return planned
