"""Deadline and meeting look-ups on a snapshot, shared by the answers and the App Home.

Lists are sorted once per snapshot (kept in `snapshot.cache`) and sliced with bisect.
"""

from __future__ import annotations

from bisect import bisect_left
from datetime import datetime

from storage.snapshot import DeadlineInfo, MeetingInfo, NetworkSnapshot, Org, PersonInfo


def _sorted_deadlines(net: NetworkSnapshot) -> tuple[list[DeadlineInfo], list[datetime]]:
    def build() -> tuple[list[DeadlineInfo], list[datetime]]:
        items = sorted(net.deadlines.values(), key=lambda d: (d.due, d.title))
        return items, [d.due for d in items]

    return net.memo("questions.deadlines", build)


def _sorted_meetings(net: NetworkSnapshot) -> tuple[list[MeetingInfo], list[datetime]]:
    def build() -> tuple[list[MeetingInfo], list[datetime]]:
        items = sorted(net.meetings.values(), key=lambda m: (m.start, m.title))
        return items, [m.start for m in items]

    return net.memo("questions.meetings", build)


def deadlines_between(net: NetworkSnapshot, start: datetime, end: datetime | None = None) -> list[DeadlineInfo]:
    """Deadlines due in [start, end), earliest first (end None: no upper bound)."""
    items, dues = _sorted_deadlines(net)
    lo = bisect_left(dues, start)
    hi = bisect_left(dues, end) if end is not None else len(items)
    return items[lo:hi]


def deadlines_before(net: NetworkSnapshot, moment: datetime) -> list[DeadlineInfo]:
    """Deadlines already due at `moment`, latest first."""
    items, dues = _sorted_deadlines(net)
    return list(reversed(items[: bisect_left(dues, moment)]))


def meetings_between(net: NetworkSnapshot, start: datetime, end: datetime | None = None) -> list[MeetingInfo]:
    items, starts = _sorted_meetings(net)
    lo = bisect_left(starts, start)
    hi = bisect_left(starts, end) if end is not None else len(items)
    return items[lo:hi]


def meetings_before(net: NetworkSnapshot, moment: datetime) -> list[MeetingInfo]:
    items, starts = _sorted_meetings(net)
    return list(reversed(items[: bisect_left(starts, moment)]))


def is_invited(net: NetworkSnapshot, meeting: MeetingInfo, person: PersonInfo) -> bool:
    return net.is_invited(person, meeting)


def org_in_audience(net: NetworkSnapshot, org: Org, audience: dict[str, object]) -> bool:
    """Whether an audience reaches anyone in `org` (or, for an org without people, the org itself)."""
    people = net.people_by_org.get(org.id, [])
    if people:
        return any(net.in_audience(p, audience) for p in people)
    orgs = audience.get("organizations") or []
    statuses = audience.get("statuses") or []
    regions = audience.get("regions") or []
    return ((not orgs or org.key in orgs) and (not statuses or org.status in statuses)  # type: ignore[operator]
            and (not regions or (org.region or "") in regions)  # type: ignore[operator]
            and not audience.get("roles") and not audience.get("groups"))


def deadlines_for_person(net: NetworkSnapshot, person: PersonInfo, start: datetime,
                         end: datetime | None = None) -> list[DeadlineInfo]:
    return [d for d in deadlines_between(net, start, end) if net.in_audience(person, d.audience)]


def meetings_for_person(net: NetworkSnapshot, person: PersonInfo, start: datetime,
                        end: datetime | None = None) -> list[MeetingInfo]:
    return [m for m in meetings_between(net, start, end) if is_invited(net, m, person)]
