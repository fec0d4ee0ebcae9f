"""A network file after validation: plain dataclasses, no database.

References keep the file's keys (organization ids, people's e-mails...); `apply` resolves them to rows.
Every record remembers its position in the file (`pos`) so later checks can name it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from storage.vocabulary import DEFAULT_LANGUAGE, DEFAULT_TIMEZONE

# The file's chat id fields of a person, and the platform each names (stored in `identities`).
PLATFORM_FIELDS = (("slack_user_id", "slack"), ("teams_user_id", "teams"))


@dataclass
class Ref:
    """A reference to another entry by key, and where in the file it was written."""

    key: str
    path: str


@dataclass
class NetworkRec:
    id: str
    name: str
    timezone: str = DEFAULT_TIMEZONE
    language: str = DEFAULT_LANGUAGE
    fee_fixed_nok: int = 0
    fee_per_inhabitant_nok: float = 0.0
    fee_min_nok: int | None = None
    fee_max_nok: int | None = None


@dataclass
class OrgRec:
    pos: int
    key: str
    name: str
    kind: str = "municipality"
    population: int | None = None
    region: str | None = None
    status: str = "member"
    joined: date | None = None


@dataclass
class PersonRec:
    pos: int
    email: str
    name: str
    organization: Ref | None
    title: str | None = None
    roles: list[str] = field(default_factory=list)
    language: str | None = None
    phone: str | None = None
    slack_user_id: str | None = None  # stored in `identities` (see PLATFORM_FIELDS)
    teams_user_id: str | None = None
    channel: str = "email"
    digest: str = "none"


@dataclass
class GroupRec:
    pos: int
    key: str
    name: str
    description: str | None = None
    chair: Ref | None = None
    members: list[Ref] = field(default_factory=list)


@dataclass
class ProjectRec:
    pos: int
    key: str
    name: str
    description: str | None = None
    owner: Ref | None = None
    leader: Ref | None = None
    participants: list[Ref] = field(default_factory=list)
    status: str = "active"
    start: date | None = None
    end: date | None = None


@dataclass
class Audience:
    """The stored dict, plus the references in it that must resolve."""

    data: dict[str, Any] = field(default_factory=dict)
    organizations: list[Ref] = field(default_factory=list)
    groups: list[Ref] = field(default_factory=list)


@dataclass
class DeadlineRec:
    pos: int
    key: str
    title: str
    due: datetime
    kind: str = "other"
    audience: Audience = field(default_factory=Audience)
    contact: Ref | None = None
    reminders: list[str] = field(default_factory=list)
    project: Ref | None = None
    survey: Ref | None = None


@dataclass
class MeetingRec:
    pos: int
    key: str
    title: str
    start: datetime
    end: datetime | None = None
    group: Ref | None = None
    audience: Audience = field(default_factory=Audience)
    location: str | None = None
    url: str | None = None
    agenda: str | None = None
    notices: list[str] = field(default_factory=list)
    cancelled: bool = False  # an extension of the spec: `cancelled: true` cancels a meeting


@dataclass
class QuestionRec:
    key: str
    position: int
    text: str
    type: str
    min: float | None = None
    max: float | None = None
    labels: dict[str, Any] = field(default_factory=dict)
    options: list[str] = field(default_factory=list)
    multiple: bool = False
    required: bool = True


@dataclass
class SurveyRec:
    pos: int
    key: str
    title: str
    intro: str | None = None
    audience: Audience = field(default_factory=Audience)
    respondent: str = "organization"
    anonymous: bool = False
    opens: datetime | None = None
    deadline: datetime | None = None
    reminders: list[str] = field(default_factory=list)
    questions: list[QuestionRec] = field(default_factory=list)


@dataclass
class RoomRec:
    """A broadcast-only room (`rooms:`): its webhook's kind, where its URL is, and what it receives."""

    pos: int
    key: str
    kind: str
    url_env: str | None = None
    url: str | None = None
    groups: list[Ref] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    language: str | None = None


@dataclass
class NetworkFile:
    network: NetworkRec | None
    organizations: list[OrgRec] = field(default_factory=list)
    people: list[PersonRec] = field(default_factory=list)
    groups: list[GroupRec] = field(default_factory=list)
    projects: list[ProjectRec] = field(default_factory=list)
    deadlines: list[DeadlineRec] = field(default_factory=list)
    meetings: list[MeetingRec] = field(default_factory=list)
    surveys: list[SurveyRec] = field(default_factory=list)
    rooms: list[RoomRec] = field(default_factory=list)
    # Keys of entries that were refused (e.g. an organization without a name): references to them are
    # not reported a second time as "no organization with id ...".
    refused: dict[str, set[str]] = field(default_factory=dict)
