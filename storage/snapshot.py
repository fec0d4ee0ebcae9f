"""A read-only, in-memory picture of one network, for answering questions fast.

Loading 5,000 people per question would be slow, so handlers read a `NetworkSnapshot` that is
cached per network and rebuilt only when an import raises the network's `revision`.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Protocol, TypeVar, cast

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage import models as m

T = TypeVar("T")


@dataclass(frozen=True)
class Org:
    id: int
    key: str
    name: str
    kind: str
    population: int | None
    region: str | None
    status: str
    joined: date | None


@dataclass(frozen=True)
class PersonInfo:
    id: int
    email: str
    name: str
    org_id: int
    title: str | None
    roles: tuple[str, ...]
    language: str | None
    phone: str | None
    channel: str
    digest: str


@dataclass(frozen=True)
class GroupInfo:
    id: int
    key: str
    name: str
    description: str | None
    chair_id: int | None
    member_ids: tuple[int, ...]


@dataclass(frozen=True)
class ProjectInfo:
    id: int
    key: str
    name: str
    description: str | None
    owner_id: int | None
    leader_id: int | None
    participant_ids: tuple[int, ...]
    status: str
    start: date | None
    end: date | None


@dataclass(frozen=True)
class DeadlineInfo:
    id: int
    key: str
    title: str
    kind: str
    due: datetime
    audience: dict[str, Any]
    contact_id: int | None
    reminders: tuple[str, ...]
    project_id: int | None
    survey_id: int | None


@dataclass(frozen=True)
class MeetingInfo:
    id: int
    key: str
    title: str
    group_id: int | None
    audience: dict[str, Any]
    start: datetime
    end: datetime | None
    location: str | None
    url: str | None
    agenda: str | None
    sequence: int = 0
    cancelled_at: datetime | None = None
    notices: tuple[str, ...] = ()


@dataclass(frozen=True)
class SurveyQuestionInfo:
    """One question as the network file gives it (handlers/surveys/results.py `question_spec` reads it)."""

    key: str
    position: int
    text: str
    type: str
    min: float | None
    max: float | None
    labels: dict[str, Any]
    options: tuple[str, ...]
    multiple: bool
    required: bool


@dataclass(frozen=True)
class SurveyInfo:
    """A survey as imported. When it was opened or closed by the bot is not here (it changes without an
    import): read `surveys.opened_at` / `closed_at` from the database."""

    id: int
    key: str
    title: str
    audience: dict[str, Any]
    anonymous: bool
    opens: datetime | None
    deadline: datetime | None
    intro: str | None = None
    respondent: str = "organization"
    reminders: tuple[str, ...] = ()
    questions: tuple[SurveyQuestionInfo, ...] = ()


@dataclass
class NetworkSnapshot:
    id: str
    name: str
    timezone: str
    language: str
    fee_fixed_nok: int
    fee_per_inhabitant_nok: float
    fee_min_nok: int | None
    fee_max_nok: int | None
    revision: int
    orgs: dict[int, Org] = field(default_factory=dict)
    people: dict[int, PersonInfo] = field(default_factory=dict)
    groups: dict[int, GroupInfo] = field(default_factory=dict)
    projects: dict[int, ProjectInfo] = field(default_factory=dict)
    deadlines: dict[int, DeadlineInfo] = field(default_factory=dict)
    meetings: dict[int, MeetingInfo] = field(default_factory=dict)  # not cancelled
    cancelled_meetings: dict[int, MeetingInfo] = field(default_factory=dict)
    surveys: dict[int, SurveyInfo] = field(default_factory=dict)
    # Derived indexes, filled by `_index()`.
    people_by_org: dict[int, list[PersonInfo]] = field(default_factory=dict)
    people_by_email: dict[str, PersonInfo] = field(default_factory=dict)
    groups_by_person: dict[int, list[GroupInfo]] = field(default_factory=dict)
    # Free for consumers (e.g. the question handler's name index), dropped with the snapshot.
    cache: dict[str, Any] = field(default_factory=dict)

    def _index(self) -> None:
        for person in self.people.values():
            self.people_by_org.setdefault(person.org_id, []).append(person)
            email = person.email.lower()
            self.people_by_email[person.email if email == person.email else email] = person  # no second copy
        for group in self.groups.values():
            for pid in group.member_ids:
                self.groups_by_person.setdefault(pid, []).append(group)

    def memo(self, key: str, build: Callable[[], T]) -> T:
        """`build()` once per snapshot (name indexes, sorted lists...); dropped with the snapshot on import."""
        if key not in self.cache:
            self.cache[key] = build()
        return cast(T, self.cache[key])

    def in_audience(self, person: PersonInfo, audience: dict[str, Any]) -> bool:
        """Whether `person` is among those an audience ({roles, statuses, organizations, groups,
        regions}) names; every given key must match (AND), an empty audience means everyone."""
        org = self.orgs[person.org_id]
        roles = audience.get("roles") or []
        if roles and not set(roles) & set(person.roles):
            return False
        statuses = audience.get("statuses") or []
        if statuses and org.status not in statuses:
            return False
        orgs = audience.get("organizations") or []
        if orgs and org.key not in orgs:
            return False
        regions = audience.get("regions") or []
        if regions and (org.region or "") not in regions:
            return False
        groups = audience.get("groups") or []
        if groups:
            mine = {g.key for g in self.groups_by_person.get(person.id, [])}
            if not set(groups) & mine:
                return False
        return True

    def audience_of(self, audience: dict[str, Any]) -> list[PersonInfo]:
        return [p for p in self.people.values() if self.in_audience(p, audience)]

    def is_invited(self, person: PersonInfo, meeting: MeetingInfo) -> bool:
        """A meeting invites its group's members, its audience's, or both when both are given;
        with neither, everyone in the network."""
        group = self.groups.get(meeting.group_id) if meeting.group_id is not None else None
        if group is not None and person.id in group.member_ids:
            return True
        if group is not None and not meeting.audience:
            return False
        return self.in_audience(person, meeting.audience)

    def meeting_invitees(self, meeting: MeetingInfo) -> list[PersonInfo]:
        group = self.groups.get(meeting.group_id) if meeting.group_id is not None else None
        if group is not None and not meeting.audience:
            return [self.people[i] for i in group.member_ids if i in self.people]
        return [p for p in self.people.values() if self.is_invited(p, meeting)]


def _one(value: Any) -> Any:
    """One shared copy of a text that many rows repeat (a role, a title, a language, a region): each row read
    brings its own, and 5,000 people hold some 20,000 copies of a handful of words (about 1 MB)."""
    return sys.intern(value) if isinstance(value, str) else value


async def load_snapshot(session: AsyncSession, network_id: str) -> NetworkSnapshot | None:
    net = await session.get(m.Network, network_id)
    if net is None:
        return None
    snap = NetworkSnapshot(
        id=net.id, name=net.name, timezone=net.timezone, language=net.language,
        fee_fixed_nok=net.fee_fixed_nok, fee_per_inhabitant_nok=net.fee_per_inhabitant_nok,
        fee_min_nok=net.fee_min_nok, fee_max_nok=net.fee_max_nok, revision=net.revision,
    )

    async def rows(model: Any) -> list[Any]:
        """Plain rows (attribute access by column name): much cheaper than ORM objects for 5,000 people."""
        table = model.__table__
        return list((await session.execute(select(table).where(table.c.network_id == network_id))).all())

    for o in await rows(m.Organization):
        snap.orgs[o.id] = Org(o.id, o.key, o.name, _one(o.kind), o.population, _one(o.region), _one(o.status),
                              o.joined)
    for p in await rows(m.Person):
        snap.people[p.id] = PersonInfo(
            p.id, p.email, p.name, p.organization_id, _one(p.title), tuple(map(_one, p.roles or ())),
            _one(p.language), p.phone, _one(p.channel), _one(p.digest),
        )
    members: dict[int, list[int]] = {}
    gm = await session.execute(
        select(m.GroupMember.group_id, m.GroupMember.person_id)
        .join(m.Group, m.Group.id == m.GroupMember.group_id)
        .where(m.Group.network_id == network_id)
    )
    for gid, pid in gm:
        members.setdefault(gid, []).append(pid)
    for g in await rows(m.Group):
        snap.groups[g.id] = GroupInfo(
            g.id, g.key, g.name, g.description, g.chair_id, tuple(members.get(g.id, []))
        )
    parts: dict[int, list[int]] = {}
    pp = await session.execute(
        select(m.ProjectParticipant.project_id, m.ProjectParticipant.organization_id)
        .join(m.Project, m.Project.id == m.ProjectParticipant.project_id)
        .where(m.Project.network_id == network_id)
    )
    for prid, oid in pp:
        parts.setdefault(prid, []).append(oid)
    for pr in await rows(m.Project):
        snap.projects[pr.id] = ProjectInfo(
            pr.id, pr.key, pr.name, pr.description, pr.owner_id, pr.leader_id,
            tuple(parts.get(pr.id, [])), pr.status, pr.start, pr.end,
        )
    for d in await rows(m.Deadline):
        snap.deadlines[d.id] = DeadlineInfo(
            d.id, d.key, d.title, d.kind, d.due, dict(d.audience or {}), d.contact_id,
            tuple(d.reminders or ()), d.project_id, d.survey_id,
        )
    for mt in await rows(m.Meeting):
        info = MeetingInfo(
            mt.id, mt.key, mt.title, mt.group_id, dict(mt.audience or {}), mt.start, mt.end,
            mt.location, mt.url, mt.agenda, mt.sequence, mt.cancelled_at, tuple(mt.notices or ()),
        )
        (snap.cancelled_meetings if mt.cancelled_at else snap.meetings)[mt.id] = info
    questions: dict[int, list[SurveyQuestionInfo]] = {}
    sq = await session.execute(
        select(m.SurveyQuestion.__table__).join(m.Survey, m.Survey.id == m.SurveyQuestion.survey_id)
        .where(m.Survey.network_id == network_id).order_by(m.SurveyQuestion.survey_id, m.SurveyQuestion.position)
    )
    for q in sq:
        questions.setdefault(q.survey_id, []).append(SurveyQuestionInfo(
            q.key, q.position, q.text, q.type, q.min, q.max, dict(q.labels or {}), tuple(q.options or ()),
            bool(q.multiple), bool(q.required),
        ))
    survey_columns = (m.Survey.id, m.Survey.key, m.Survey.title, m.Survey.audience, m.Survey.anonymous, m.Survey.opens,
                      m.Survey.deadline, m.Survey.intro, m.Survey.respondent, m.Survey.reminders)
    # only the imported columns: opened_at/closed_at are the bot's, read where needed (and absent before 0008)
    for s in await session.execute(select(*survey_columns).where(m.Survey.network_id == network_id)):
        snap.surveys[s.id] = SurveyInfo(
            s.id, s.key, s.title, dict(s.audience or {}), s.anonymous, s.opens, s.deadline, s.intro,
            s.respondent or "organization", tuple(s.reminders or ()), tuple(questions.get(s.id, [])),
        )
    snap._index()
    return snap


class SnapshotStore(Protocol):
    """Where snapshots outlive the process (storage/snapshot_file.py)."""

    def load(self, network_id: str, revision: int) -> NetworkSnapshot | None: ...

    def save(self, snap: NetworkSnapshot) -> None: ...


class SnapshotCache:
    """Keeps the newest snapshot of each network; one cheap revision query per use. With a `store`, a
    snapshot of the same revision is read from it instead of the database, and `persist` writes back."""

    def __init__(self, store: SnapshotStore | None = None) -> None:
        self._snapshots: dict[str, NetworkSnapshot] = {}
        self._building: dict[str, asyncio.Lock] = {}
        self.store = store

    def persist(self) -> None:
        """Write the snapshots in memory (and the caches built on them since) to the store."""
        if self.store is not None:
            for snap in self._snapshots.values():
                self.store.save(snap)

    def cached(self, network_id: str | None = None) -> NetworkSnapshot | None:
        """The snapshot last read (of `network_id`, or of the only network read), without the database."""
        if network_id is not None:
            return self._snapshots.get(network_id)
        return next(iter(self._snapshots.values())) if len(self._snapshots) == 1 else None

    async def get(self, session: AsyncSession, network_id: str, revision: int | None = None) -> NetworkSnapshot | None:
        """The network's snapshot at its current revision; `revision`: the caller has read it in this
        transaction already (storage/speaker.py), so it is not asked again."""
        if revision is None:
            revision = await session.scalar(select(m.Network.revision).where(m.Network.id == network_id))
        if revision is None:
            self._snapshots.pop(network_id, None)
            return None
        cached = self._snapshots.get(network_id)
        if cached is not None and cached.revision == revision:
            return cached
        async with self._building.setdefault(network_id, asyncio.Lock()):
            cached = self._snapshots.get(network_id)
            if cached is not None and cached.revision >= revision:
                return cached
            snap = self.store.load(network_id, revision) if self.store is not None else None
            if snap is None:
                snap = await load_snapshot(session, network_id)
            if snap is not None:
                self._snapshots[network_id] = snap
            return snap
